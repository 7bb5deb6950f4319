//! Every kind of impossible value is refused with a phrase naming its record; everything the app makes passes.

use chrono::DateTime;

use super::*;
use crate::model::{FollowUpAnswer, Phase, PhaseSpan, Review};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn sample() -> Bank {
    let mut story = Story::new("s1".into(), "Checkout".into(), at("2026-11-01T10:00:00Z"));
    story.prompts = vec!["simple-solution".into()];
    story.principles = vec!["Dive Deep".into()];
    let attempt = Attempt {
        id: "a1".into(),
        prompt: "simple-solution".into(),
        story: Some("s1".into()),
        started_at: at("2026-11-02T10:00:00Z"),
        duration_secs: 90.0,
        phases: vec![
            PhaseSpan { phase: Phase::Situation, secs: 10.0 },
            PhaseSpan { phase: Phase::Task, secs: 10.0 },
            PhaseSpan { phase: Phase::Action, secs: 50.0 },
            PhaseSpan { phase: Phase::Result, secs: 20.0 },
        ],
        review: Review { confidence: Some(4), ..Review::default() },
        mock: Some("m1".into()),
        follow_ups: vec![FollowUpAnswer { question: "Why?".into(), secs: 30.0 }],
        drill: None,
        recording: None,
        voice: None,
    };
    Bank { stories: vec![story], attempts: vec![attempt], ..Bank::default() }
}

/// The sample with one change, which must be refused with a phrase holding `words`.
fn refused(change: impl FnOnce(&mut Bank), words: &str) {
    let mut bank = sample();
    change(&mut bank);
    let err = super::bank(&bank).expect_err(words);
    assert!(err.contains(words), "{words:?} in {err:?}");
    assert!(!err.chars().any(char::is_control), "{err:?}");
}

#[test]
fn the_sample_and_an_attempt_without_phase_marks_pass() {
    super::bank(&sample()).unwrap();
    let mut bank = sample();
    bank.attempts[0].phases.clear();
    bank.attempts[0].follow_ups.clear();
    bank.attempts[0].mock = None;
    super::bank(&bank).unwrap();
}

#[test]
fn impossible_durations_and_phases() {
    refused(|b| b.attempts[0].duration_secs = 1e308, "lasts 1e308 seconds");
    refused(|b| b.attempts[0].duration_secs = f64::INFINITY, "lasts inf seconds");
    refused(|b| b.attempts[0].duration_secs = f64::NAN, "lasts NaN seconds");
    refused(|b| b.attempts[0].duration_secs = 0.0, "more than 0 and at most a day");
    refused(|b| b.attempts[0].duration_secs = -1.0, "more than 0 and at most a day");
    refused(|b| b.attempts[0].duration_secs = 86_401.0, "at most a day");
    refused(|b| b.attempts[0].phases[2].secs = 500.0, "phases that add up to 540 seconds, not its 90");
    refused(|b| b.attempts[0].phases[1].secs = -10.0, "negative or impossible time");
    refused(|b| b.attempts[0].phases[0].secs = f64::NAN, "negative or impossible time");
    refused(|b| b.attempts[0].phases.swap(0, 2), "out of order");
    refused(|b| b.attempts[0].phases[1].phase = Phase::Situation, "out of order");
    refused(|b| b.attempts[0].follow_ups[0].secs = 1e12, "follow-up with a negative or impossible time");
    refused(|b| b.attempts[0].follow_ups = vec![b.attempts[0].follow_ups[0].clone(); 21], "21 follow-ups");
    refused(|b| b.attempts[0].drill = Some(crate::model::Drill { pick_secs: 1e300 }), "drill pick time");
    refused(|b| b.attempts[0].drill = Some(crate::model::Drill { pick_secs: -1.0 }), "drill pick time");
    // Each phase may be rounded to the second.
    let mut bank = sample();
    bank.attempts[0].duration_secs = 91.9;
    super::bank(&bank).unwrap();
}

#[test]
fn dates_outside_the_years_a_clock_can_be_in() {
    refused(|b| b.attempts[0].started_at = at("9999-01-01T00:00:00Z"), "started on 9999-01-01, outside the years");
    refused(|b| b.attempts[0].started_at = at("1970-01-01T00:00:00Z"), "is the clock");
    refused(|b| b.stories[0].created_at = at("1999-12-31T23:59:59Z"), "the story \"s1\" was created on 1999-12-31");
    refused(|b| b.stories[0].updated_at = at("2101-01-01T00:00:00Z"), "was edited on 2101-01-01");
}

#[test]
fn ids_from_a_safe_alphabet_only() {
    refused(
        |b| b.stories[0].id = "a\u{1b}]52;c;aGk=\u{7}".into(),
        "has the id \"a\\u{1b}]52;c;aGk=\\u{7}\", not 1 to 64",
    );
    refused(|b| b.stories[0].id = String::new(), "has the id \"\"");
    refused(|b| b.stories[0].id = "a b".into(), "not 1 to 64 letters");
    refused(|b| b.attempts[0].id = "x".repeat(65), "an attempt has the id");
    refused(|b| b.attempts[0].story = Some("\u{9b}2J".into()), "names the story \"\\u{9b}2J\"");
    refused(|b| b.attempts[0].mock = Some("  ".into()), "has the mock id \"  \"");
    refused(|b| b.attempts[0].prompt = "\u{1b}P+q544e\u{1b}\\".into(), "names a prompt with a malformed id");
    refused(|b| b.stories[0].prompts.push("bad id".into()), "names a prompt with a malformed id \"bad id\"");
    refused(|b| b.stories[0].conflict_with = Some("?".into()), "marked as a conflict");
    refused(|b| b.stories[0].import_base = Some("xyz".into()), "not 16 hex digits");
    refused(
        |b| b.attempts[0].recording = Some(crate::model::Recording { file: "../../x.wav".into(), pruned: false }),
        "not a file name in the recordings folder",
    );
    refused(|b| b.stories.push(b.stories[0].clone()), "two stories share the id \"s1\"");
    refused(|b| b.attempts.push(b.attempts[0].clone()), "two attempts share the id \"a1\"");
    for id in ["0123456789abcdef", "a", "story-1_v2.3", &"x".repeat(64)] {
        assert!(is_valid_id(id), "{id}");
    }
}

#[test]
fn text_sizes_counts_and_confidence() {
    refused(|b| b.attempts[0].review.note = "x".repeat(200 * 1024), "a note of 200 KiB, more than the 64 KiB");
    refused(|b| b.stories[0].title = "x".repeat(5000), "a title of 4 KiB");
    refused(|b| b.stories[0].situation = "x".repeat(MAX_TEXT_BYTES + 1), "a situation of 64 KiB");
    refused(|b| b.stories[0].actions = vec!["x".into(); 101], "101 actions, more than 100");
    refused(|b| b.stories[0].results = vec!["x".repeat(5000)], "a result of 4 KiB");
    refused(|b| b.stories[0].principles = vec!["p".into(); 256], "256 principles");
    refused(|b| b.stories[0].prompts = vec!["p".into(); 300], "300 prompts");
    refused(|b| b.attempts[0].follow_ups[0].question = "q".repeat(5000), "a follow-up question of 4 KiB");
    refused(|b| b.attempts[0].review.confidence = Some(9), "confidence 9, not 1 to 5");
    refused(|b| b.attempts[0].review.confidence = Some(0), "confidence 0");
}

#[test]
fn an_import_counts_unknown_prompts_and_missing_stories_and_keeps_them() {
    let guide = Guide::bundled();
    let mut incoming = sample();
    incoming.attempts[0].prompt = "from-a-pack".into();
    incoming.attempts[0].story = Some("gone".into());
    let notes = import(&incoming, guide, &Bank::default()).unwrap();
    assert_eq!(notes, ImportNotes { prompt_not_loaded: 1, story_missing: 1 });
    let mut into = Bank::default();
    into.stories.push(Story::new("gone".into(), "here after all".into(), at("2026-11-01T10:00:00Z")));
    assert_eq!(import(&incoming, guide, &into).unwrap().story_missing, 0);
}
