//! The engine's costs: loading and saving banks on a real disk, the pitfall coach over many stories, and the
//! question bank and drill.
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
use star_coach::content::Guide;
use star_coach::content::{principles, questions};
use star_coach::drill::{self, DrillPlan};
use star_coach::lint;
use star_coach::model::Bank;
use star_coach::model::Drill;
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

/// Issue 19's 50,000 stories: importing them into a bank that has them (quadratic, it took 15 s) and the coverage
/// view's figures with every story named under its principles (14 s a keypress).
fn many_stories(c: &mut Criterion) {
    let mut group = c.benchmark_group("50k stories");
    group.sample_size(10);
    let guide = star_coach::content::Guide::bundled();
    let bank = bank_of(50_000, 0);
    let now = chrono::Utc::now();
    group.bench_function("import into a bank that has them", |b| {
        b.iter_batched(
            || (bank.clone(), bank.clone()),
            |(mut here, incoming)| star_coach::exchange::merge(&mut here, incoming, now),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("coverage with every story named", |b| {
        b.iter(|| {
            let coverage = star_coach::coverage::Coverage::of(black_box(&bank), guide);
            coverage.principles.iter().flat_map(|row| &row.stories).map(|id| coverage.title(id).len()).sum::<usize>()
        });
    });
    group.finish();
}

fn coach(c: &mut Criterion) {
    let stories = common::full_stories(1_000);
    c.bench_function("lint 1k stories", |b| {
        b.iter(|| stories.iter().map(|s| lint::lint(black_box(s), lint::Pace::default()).len()).sum::<usize>());
    });
}

/// The guide and the bank are read at start-up, before the first frame, from the JSON build.rs makes of the
/// content (the TOML parse beside it is what reading a prompt pack costs); the drill's draw, ranking and history
/// summary read every drilled attempt.
fn questions_and_drill(c: &mut Criterion) {
    c.bench_function("read the bundled guide and question bank, as start-up does", |b| {
        b.iter(|| Guide::with_packs(black_box(None)).0.questions.len());
    });
    let bank_toml = include_str!("../content/questions.toml");
    let principles_toml = include_str!("../content/principles.toml");
    c.bench_function("parse the question bank and the sixteen principles as TOML", |b| {
        b.iter(|| {
            (questions::parse(black_box(bank_toml)).unwrap().len(), principles::parse(principles_toml).unwrap().len())
        });
    });
    let guide = Guide::bundled();
    // 100,000 attempts, every one a drill, spread over the bank's questions.
    let mut bank = bank_of(1_000, 100_000);
    for (i, attempt) in bank.attempts.iter_mut().enumerate() {
        attempt.prompt.clone_from(&guide.questions[i % guide.questions.len()].id);
        attempt.drill = Some(Drill { pick_secs: (i % 45) as f64 });
    }
    c.bench_function("draw a 5-question drill over 100k drilled attempts", |b| {
        b.iter(|| DrillPlan::new(guide, black_box(&bank.attempts), Some("Frugality"), Some(5), 7).unwrap());
    });
    c.bench_function("rank 1k stories for a question", |b| {
        b.iter(|| drill::rank_stories(black_box(&bank), &guide.questions[0], &[]).len());
    });
    c.bench_function("drills by principle over 100k drilled attempts", |b| {
        b.iter(|| drill::drills_by_principle(guide, black_box(&bank.attempts)).0.len());
    });
}

criterion_group!(benches, load_and_save, many_stories, coach, questions_and_drill);
criterion_main!(benches);
