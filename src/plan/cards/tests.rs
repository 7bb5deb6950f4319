//! The plan's cards kept beside the history: grown one attempt at a time they are what a replay of every
//! attempt gives, they survive the summary, and they say when they no longer apply.

#![allow(clippy::unwrap_used)]

use chrono::{Duration, FixedOffset};
use proptest::prelude::*;

use super::*;
use crate::config::Config;
use crate::content::Guide;
use crate::model::{Bank, Drill};
use crate::plan::grade::clean_attempt;

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-20T06:00:00Z").unwrap().to_utc()
}

/// Attempt `i`: on a prompt or, drilled, on a question; `hours` after the start; with `confidence`.
fn attempt(i: usize, (card, hours, confidence): (usize, i64, u8)) -> Attempt {
    let guide = Guide::bundled();
    let when = start() + Duration::hours(hours);
    let mut a = if card < 7 {
        clean_attempt(&guide.prompts[card].id, when, Some(confidence))
    } else {
        let mut a = clean_attempt(&guide.questions[card * 7].id, when, Some(confidence));
        a.drill = Some(Drill { pick_secs: 12.0 });
        a
    };
    a.id = format!("a{i:03}");
    a
}

fn bank(specs: &[(usize, i64, u8)]) -> Bank {
    Bank { attempts: specs.iter().enumerate().map(|(i, s)| attempt(i, *s)).collect(), ..Bank::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn cards_grown_an_attempt_at_a_time_are_a_replay_of_every_attempt(
        mut specs in proptest::collection::vec((0..10usize, 0..400i64, 1..=5u8), 0..40),
        split in 0..40usize,
    ) {
        // Attempts come in as time goes: in order of their start.
        specs.sort_by_key(|s| s.1);
        let config = Config::default();
        let every = bank(&specs);
        let split = split.min(specs.len());
        let before = Bank { attempts: every.attempts[..split].to_vec(), ..Bank::default() };
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        let mut cards = Cards::replay(&PlanInput::new(Guide::bundled(), &before, &config), &tokyo);
        let text = serde_json::to_string(&cards).unwrap();
        cards = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(cards.check(), Ok(()));
        let input = PlanInput::new(Guide::bundled(), &every, &config);
        for a in &every.attempts[split..] {
            prop_assert!(cards.add(&input, a, &tokyo), "an attempt no older than the others is taken in");
        }
        prop_assert_eq!(&cards, &Cards::replay(&input, &tokyo));
        let today = start().date_naive() + Days::new(20);
        prop_assert!(cards.fits(&input, every.attempts.len(), today, &tokyo));
    }
}

#[test]
fn an_attempt_older_than_its_cards_last_review_needs_a_replay() {
    let config = Config::default();
    let later = bank(&[(0, 48, 4)]);
    let mut cards = Cards::replay(&PlanInput::new(Guide::bundled(), &later, &config), &Utc);
    let older = attempt(1, (0, 0, 2));
    assert!(!cards.add(&PlanInput::new(Guide::bundled(), &later, &config), &older, &Utc));
}

#[test]
fn cards_fit_only_the_settings_zone_count_and_days_they_were_made_for() {
    let config = Config::default();
    let history = bank(&[(0, 0, 4), (1, 17, 3), (8, 40, 2)]);
    let input = PlanInput::new(Guide::bundled(), &history, &config);
    let cards = Cards::replay(&input, &Utc);
    let today = start().date_naive() + Days::new(3);
    assert!(cards.fits(&input, 3, today, &Utc));
    assert!(!cards.fits(&input, 4, today, &Utc), "another history's");
    assert!(!cards.fits(&input, 3, start().date_naive(), &Utc), "a review after today: a clock set wrong");
    let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
    assert!(!cards.fits(&input, 3, today, &tokyo), "another time zone");
    let mut stricter = Config::default();
    stricter.target.max_secs = 95.0;
    assert!(!cards.fits(&PlanInput::new(Guide::bundled(), &history, &stricter), 3, today, &Utc), "another target");
    stricter = Config::default();
    stricter.plan.retention = 0.95;
    assert!(!cards.fits(&PlanInput::new(Guide::bundled(), &history, &stricter), 3, today, &Utc));
}

#[test]
fn impossible_cards_are_refused() {
    let config = Config::default();
    let history = bank(&[(0, 0, 4)]);
    let cards = Cards::replay(&PlanInput::new(Guide::bundled(), &history, &config), &Utc);
    let mut value = serde_json::to_value(&cards).unwrap();
    value["memos"][0]["memory"]["stability"] = serde_json::json!(1e308);
    let huge: Cards = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(huge.check(), Ok(()), "finite: FSRS caps the interval");
    let input = PlanInput {
        settings: crate::model::PlanSettings {
            interview_date: Some(start().date_naive() + Days::new(30)),
            per_day: None,
        },
        ..PlanInput::new(Guide::bundled(), &history, &config)
    };
    let plan = crate::plan::build_from(&input, &huge, start() + Duration::days(2), &Utc);
    assert_eq!(plan.days.len(), 28, "planned, not panicked");
    value["memos"][0]["memory"]["difficulty"] = serde_json::json!(-3.0);
    assert!(serde_json::from_value::<Cards>(value.clone()).unwrap().check().is_err());
    value["memos"][0]["memory"]["difficulty"] = serde_json::json!(5.0);
    value["memos"][0]["last"] = serde_json::Value::Null;
    assert!(serde_json::from_value::<Cards>(value).unwrap().check().is_err(), "a last attempt without its day");
}

/// Whether the plan still fits is asked before the first frame, which needs no question: the bundled bank goes
/// into the hash unread, and hashes the same once read.
#[test]
fn the_settings_hash_reads_no_question() {
    let (guide, _) = Guide::with_packs(None);
    let (bank, config) = (Bank::default(), Config::default());
    let input = PlanInput::new(&guide, &bank, &config);
    let hash = settings_hash(&input);
    assert!(!guide.questions.is_read(), "the hash read the question bank");
    assert!(!guide.questions.is_empty());
    assert_eq!(settings_hash(&input), hash);
}
