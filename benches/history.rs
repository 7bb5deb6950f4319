//! The history at scale: loading a 100,000-attempt bank, indexing it, and planning what to practise next.
//!
//! `cargo bench --bench history` (add `-- --quick` for a fast run).

// Test code: a failed unwrap is a failed test; exact figures and quick casts are what a test means.
#![allow(
    clippy::unwrap_used,
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::needless_pass_by_value,
    clippy::unreadable_literal
)]

use std::hint::black_box;
use std::path::Path;

use chrono::Duration;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use star_coach::content::Guide;
use star_coach::model::{Attempt, Bank};
use star_coach::plan::{self, PlanInput};
use star_coach::practice::Target;
use star_coach::stats::HistoryIndex;
use star_coach::store;

mod common;

use common::bank;

fn load(bytes: &[u8]) -> Bank {
    store::parse(Path::new("star-coach.json"), bytes).expect("the generated bank parses")
}

fn history(c: &mut Criterion) {
    let guide = Guide::bundled();
    let big = bank(100_000);
    let bytes = store::serialize(&big);
    let now = big.attempts.last().unwrap().started_at + Duration::days(3);
    eprintln!("100,000 attempts serialize to {:.1} MiB", bytes.len() as f64 / (1024.0 * 1024.0));

    let mut group = c.benchmark_group("100k");
    group.sample_size(10).throughput(Throughput::Elements(100_000));
    group.bench_function("load (store::parse)", |b| b.iter(|| load(black_box(&bytes))));
    group.bench_function("HistoryIndex::build", |b| {
        b.iter(|| HistoryIndex::build(black_box(&big.attempts), Target::default()));
    });
    let index = HistoryIndex::build(&big.attempts, Target::default());
    group.throughput(Throughput::Elements(1));
    let config = star_coach::config::Config::default();
    let input = PlanInput::new(guide, &big, &config);
    group.bench_function("plan::build (FSRS over the whole history)", |b| {
        b.iter(|| plan::build(black_box(&input), now, &chrono::Utc));
    });
    group.bench_function("summaries + rewrite_flags", |b| {
        b.iter(|| (black_box(&index).summaries(guide), index.rewrite_flags()));
    });
    // The same index throughout: each add is undone by its remove, so every iteration starts from 100,000.
    let mut index = index;
    let newest = Attempt { id: "new".into(), started_at: now, ..big.attempts[0].clone() };
    group.bench_function("add + remove the newest", |b| {
        b.iter(|| {
            index.add(black_box(&newest));
            index.remove(black_box(&newest))
        });
    });
    // Older than everything: the insert lands at the front of each timeline, the worst case for the memmove.
    let oldest = Attempt { id: "old".into(), started_at: big.attempts[0].started_at - Duration::days(1), ..newest };
    group.bench_function("add + remove the oldest", |b| {
        b.iter(|| {
            index.add(black_box(&oldest));
            index.remove(black_box(&oldest))
        });
    });
    group.finish();

    let mut group = c.benchmark_group("load + build");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let bytes = store::serialize(&bank(n));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| {
                let bank = load(black_box(&bytes));
                HistoryIndex::build(&bank.attempts, Target::default())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
