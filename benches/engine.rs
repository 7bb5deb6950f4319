//! The engine's costs: loading and saving banks on a real disk, and the pitfall coach over many stories.
//!
//! `cargo bench --bench engine` (add `-- --quick` for a fast run).

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

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use star_coach::lint;
use star_coach::model::Bank;
use star_coach::store::{self, Store};

mod common;

fn bank_of(stories: usize, attempts: usize) -> Bank {
    let mut bank = common::bank(attempts);
    bank.stories = common::full_stories(stories);
    bank
}

fn load_and_save(c: &mut Criterion) {
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    for (name, stories, attempts) in [
        ("8 stories, 1k attempts", 8, 1_000),
        ("1k stories, 10k attempts", 1_000, 10_000),
        ("1k stories, 100k attempts", 1_000, 100_000),
    ] {
        let bank = bank_of(stories, attempts);
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        store.save(&bank).unwrap();
        eprintln!("{name}: {} KiB on disk", store::serialize(&bank).len() / 1024);
        group.bench_function(format!("load {name}"), |b| {
            b.iter(|| black_box(Store::new(dir.path()).load().unwrap()));
        });
        group.bench_function(format!("save {name}"), |b| {
            b.iter(|| store.save(black_box(&bank)).unwrap());
        });
        group.bench_function(format!("load + save {name}"), |b| {
            b.iter_batched(
                || Store::new(dir.path()),
                |mut fresh| {
                    let loaded = fresh.load().unwrap();
                    fresh.save(&loaded).unwrap();
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

fn coach(c: &mut Criterion) {
    let stories = common::full_stories(1_000);
    c.bench_function("lint 1k stories", |b| {
        b.iter(|| stories.iter().map(|s| lint::lint(black_box(s), lint::Pace::default()).len()).sum::<usize>());
    });
}

criterion_group!(benches, load_and_save, coach);
criterion_main!(benches);
