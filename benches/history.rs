//! The history at scale: loading a 100,000-attempt bank, indexing it, and picking what to practise next.
//!
//! `cargo bench --bench history` (add `-- --quick` for a fast run).

use std::hint::black_box;
use std::path::Path;

use chrono::{DateTime, Duration};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use star_coach::content::Guide;
use star_coach::model::{Attempt, Bank, Checklist, Phase, PhaseSpan, Review, Story};
use star_coach::next::pick_next;
use star_coach::practice::Target;
use star_coach::stats::HistoryIndex;
use star_coach::store;

const STORIES: usize = 24;

/// A deterministic bank of `n` attempts spread over the seven prompts and a couple of dozen stories, about one
/// every 20 minutes, with four phase marks each and most of them rated.
fn bank(n: usize) -> Bank {
    let guide = Guide::bundled();
    let prompts: Vec<&str> = guide.prompt_ids().collect();
    let start = DateTime::parse_from_rfc3339("2024-01-01T08:00:00Z").unwrap().to_utc();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let stories = (0..STORIES)
        .map(|i| {
            let mut s = Story::new(format!("story{i:03}"), format!("Story number {i}"), start);
            s.prompts = vec![prompts[i % prompts.len()].to_string()];
            s
        })
        .collect();
    let attempts = (0..n)
        .map(|i| {
            let r = next();
            let secs = 30.0 + (r % 170_000) as f64 / 1000.0;
            let setup = secs * (0.1 + (r >> 20) as f64 % 30.0 / 100.0);
            let action = (secs - setup) * 0.65;
            Attempt {
                id: format!("att{i:07}"),
                prompt: prompts[(r >> 8) as usize % prompts.len()].to_string(),
                story: (r % 5 != 0).then(|| format!("story{:03}", (r >> 32) as usize % STORIES)),
                started_at: start + Duration::minutes(20 * i as i64),
                duration_secs: secs,
                phases: vec![
                    PhaseSpan { phase: Phase::Situation, secs: setup * 0.6 },
                    PhaseSpan { phase: Phase::Task, secs: setup * 0.4 },
                    PhaseSpan { phase: Phase::Action, secs: action },
                    PhaseSpan { phase: Phase::Result, secs: secs - setup - action },
                ],
                review: Review {
                    checklist: Checklist { spoke_as_i: r & 1 == 0, gave_metric: r & 2 == 0, ..Checklist::default() },
                    confidence: (r % 4 != 0).then(|| (1 + (r >> 40) % 5) as u8),
                    note: if r % 3 == 0 { "Lead with the figure.".into() } else { String::new() },
                },
            }
        })
        .collect();
    Bank { stories, attempts }
}

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
        b.iter(|| HistoryIndex::build(black_box(&big.attempts), Target::default()))
    });
    let index = HistoryIndex::build(&big.attempts, Target::default());
    group.throughput(Throughput::Elements(1));
    group.bench_function("pick_next", |b| b.iter(|| pick_next(guide, black_box(&index), now)));
    group.bench_function("summaries + rewrite_flags", |b| {
        b.iter(|| (black_box(&index).summaries(guide), index.rewrite_flags()))
    });
    // The same index throughout: each add is undone by its remove, so every iteration starts from 100,000.
    let mut index = index;
    let newest = Attempt { id: "new".into(), started_at: now, ..big.attempts[0].clone() };
    group.bench_function("add + remove the newest", |b| {
        b.iter(|| {
            index.add(black_box(&newest));
            index.remove(black_box(&newest))
        })
    });
    // Older than everything: the insert lands at the front of each timeline, the worst case for the memmove.
    let oldest = Attempt { id: "old".into(), started_at: big.attempts[0].started_at - Duration::days(1), ..newest };
    group.bench_function("add + remove the oldest", |b| {
        b.iter(|| {
            index.add(black_box(&oldest));
            index.remove(black_box(&oldest))
        })
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
            })
        });
    }
    group.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
