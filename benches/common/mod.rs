//! Test data for the benchmarks: banks of any size, the same every run.

use chrono::{DateTime, Duration};
use star_coach::content::Guide;
use star_coach::model::{Attempt, Bank, Checklist, Phase, PhaseSpan, Review, Story};

pub const STORIES: usize = 24;

/// A deterministic bank of `n` attempts spread over the seven prompts and a couple of dozen stories, about one
/// every 20 minutes, with four phase marks each and most of them rated.
pub fn bank(n: usize) -> Bank {
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
                story: (r % 5 != 0).then(|| format!("story{:03}", (r >> 32) as usize % STORIES)),
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
                ..Attempt::new(
                    format!("att{i:07}"),
                    prompts[(r >> 8) as usize % prompts.len()].to_string(),
                    start + Duration::minutes(20 * i as i64),
                    secs,
                )
            }
        })
        .collect();
    Bank { stories, attempts, ..Bank::default() }
}

/// `n` stories written out in full: every STAR field, a few principles and prompts.
#[allow(dead_code)]
pub fn full_stories(n: usize) -> Vec<Story> {
    let guide = Guide::bundled();
    let at = DateTime::parse_from_rfc3339("2024-01-01T08:00:00Z").unwrap().to_utc();
    (0..n)
        .map(|i| {
            let mut s = Story::new(format!("full{i:05}"), format!("Checkout timeouts, take {i}"), at);
            s.situation = "Checkout saw sporadic timeouts during peak traffic; proposals included a lock.".into();
            s.task = "I had to stabilise timeouts within two weeks without a large rewrite.".into();
            s.actions = vec![
                "I traced timeouts to a bursty downstream dependency and its queue depth.".into(),
                "We replaced the lock design with a leaky-bucket rate limiter.".into(),
                "I shipped behind a feature flag and ran an A/B test during peak hour.".into(),
            ];
            s.results = vec!["p99 timeouts dropped from 2.3% to 0.2%".into(), "peak capacity +25%".into()];
            s.learning = if i % 3 == 0 { String::new() } else { "Prefer simple controls at call sites.".into() };
            s.principles = guide.principles.iter().skip(i % 7).take(3).cloned().collect();
            s.prompts = guide.prompt_ids().skip(i % 5).take(2).map(str::to_string).collect();
            s
        })
        .collect()
}
