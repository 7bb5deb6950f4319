//! A digest says what a build over every attempt says, read back from disk and as attempts are added.

// Test code: quick casts of small numbers.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::cast_sign_loss)]

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;

use super::super::{HistoryIndex, RECENT_WINDOW};
use super::*;
use crate::model::{Attempt, Review};
use crate::voice::VoiceSummary;

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc() + Duration::minutes(minutes)
}

/// (prompt, story, minute, seconds, confidence, pace)
type Spec = (usize, Option<usize>, i64, f64, Option<u8>, Option<f64>);

fn attempt(i: usize, (prompt, story, minute, secs, confidence, pace): Spec) -> Attempt {
    let voice = pace.map(|pace| VoiceSummary {
        duration_secs: secs,
        talk_secs: secs / 2.0,
        lead_secs: 0.0,
        trail_secs: 0.0,
        pause_secs: 0.0,
        pauses: Vec::new(),
        longest_pause: None,
        // A recorded answer with too little speech has no pace.
        pace_wpm: (pace > 100.0).then_some(pace),
        articulation_wpm: None,
        syllables: 100,
        trailing_off: false,
        phases: Vec::new(),
    });
    Attempt {
        story: story.map(|s| format!("s{s}")),
        review: Review { confidence, ..Review::default() },
        voice,
        ..Attempt::new(
            format!("a{i:03}"),
            ["why-amazon", "missed-deadline", "q-frugal-fraction"][prompt],
            at(minute),
            secs,
        )
    }
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..3usize,
        proptest::option::of(0..4usize),
        // Few minutes, so equal start times (ordered by id) come up.
        0..40i64,
        prop_oneof![Just(60.0), Just(120.0), Just(59.5), Just(121.0), 20.0..200.0f64],
        proptest::option::of(1..=5u8),
        proptest::option::of(80.0..220.0f64),
    )
}

fn history(specs: Vec<Spec>) -> Vec<Attempt> {
    specs.into_iter().enumerate().map(|(i, s)| attempt(i, s)).collect()
}

/// What the screens before History ask, asked of both indexes.
fn same_answers(brief: &HistoryIndex, every: &HistoryIndex) -> Result<(), TestCaseError> {
    prop_assert_eq!(brief.len(), every.len());
    prop_assert_eq!(brief.has_recordings(), every.has_recordings());
    let mut ids: Vec<&str> = every.practised_prompts().collect();
    let mut brief_ids: Vec<&str> = brief.practised_prompts().collect();
    ids.sort_unstable();
    brief_ids.sort_unstable();
    prop_assert_eq!(&brief_ids, &ids);
    for id in ids.iter().copied().chain(["never-practised"]) {
        let (b, e) = (brief.summary(id), every.summary(id));
        prop_assert_eq!(
            (b.attempts, b.best_secs, b.on_target_share, b.last_practised, b.recorded),
            (e.attempts, e.best_secs, e.on_target_share, e.last_practised, e.recorded),
            "{}",
            id
        );
        let brief_recent = brief.recent(id, RECENT_WINDOW);
        let every_recent = every.recent(id, RECENT_WINDOW);
        let key = |r: &RecentAttempt| (r.id().to_string(), r.started_at, r.duration_secs, r.confidence);
        prop_assert_eq!(
            brief_recent.iter().map(key).collect::<Vec<_>>(),
            every_recent.iter().map(key).collect::<Vec<_>>()
        );
    }
    prop_assert_eq!(brief.stories(), every.stories());
    prop_assert_eq!(brief.rewrite_flags(), every.rewrite_flags());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_digest_read_back_answers_as_every_attempt_would(specs in proptest::collection::vec(spec(), 0..60)) {
        let every = HistoryIndex::build(&history(specs), Target::default());
        let digest = every.digest();
        prop_assert_eq!(digest.check(), Ok(()));
        let text = serde_json::to_string(&digest).unwrap();
        let read: Digest = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&read, &digest);
        let brief = HistoryIndex::from_digest(read);
        prop_assert!(!brief.has_every_attempt() && !brief.needs_every_attempt());
        same_answers(&brief, &every)?;
        prop_assert_eq!(brief.own_pace(), every.own_pace());
    }

    #[test]
    fn a_digest_that_takes_attempts_in_says_what_a_new_build_says(
        specs in proptest::collection::vec(spec(), 0..80),
        split in 0..80usize,
    ) {
        let attempts = history(specs);
        let split = split.min(attempts.len());
        let mut brief = HistoryIndex::from_digest(HistoryIndex::build(&attempts[..split], Target::default()).digest());
        for a in &attempts[split..] {
            brief.add(a);
        }
        let every = HistoryIndex::build(&attempts, Target::default());
        same_answers(&brief, &every)?;
        let (mut grown, mut fresh) = (brief.digest(), every.digest());
        prop_assert_eq!(grown.check(), Ok(()));
        // The pace windows may hold other paces around the same median.
        prop_assert_eq!(grown.paces.paces.len() + grown.paces.below + grown.paces.above, fresh.paces.len());
        grown.paces = PaceWindow::default();
        fresh.paces = PaceWindow::default();
        prop_assert_eq!(grown, fresh);
        prop_assert_eq!(brief.own_pace(), every.own_pace(), "few paces: the window holds them all");
    }

    #[test]
    fn a_voice_that_comes_after_its_attempt_counts_as_if_it_came_with_it(
        specs in proptest::collection::vec(spec(), 1..60),
        late in proptest::collection::vec(any::<bool>(), 60),
    ) {
        let attempts = history(specs);
        // Those marked late were saved without their voice, and got it once the digest had them.
        let saved: Vec<Attempt> = attempts
            .iter()
            .zip(&late)
            .map(|(a, &late)| if late { Attempt { voice: None, ..a.clone() } } else { a.clone() })
            .collect();
        let mut brief = HistoryIndex::from_digest(HistoryIndex::build(&saved, Target::default()).digest());
        let mut every_late = HistoryIndex::build(&saved, Target::default());
        for (old, new) in saved.iter().zip(&attempts).filter(|(old, new)| old.voice != new.voice) {
            brief.add_voice(old, new);
            every_late.add_voice(old, new);
        }
        let every = HistoryIndex::build(&attempts, Target::default());
        same_answers(&brief, &every)?;
        same_answers(&every_late, &every)?;
        prop_assert_eq!(brief.own_pace(), every.own_pace());
    }
}

#[test]
fn the_pace_window_follows_the_median_until_it_leaves() {
    let paces: Vec<f64> = (0..200).map(|i| 100.0 + f64::from(i)).collect();
    let mut window = PaceWindow::around_median(&paces);
    assert_eq!((window.below, window.paces.len(), window.above), (68, PACE_WINDOW, 68));
    assert_eq!(window.median(), median(&paces));
    let mut all = paces.clone();
    // Faster answers, one after another: the median creeps up, half a place an answer.
    for i in 0.. {
        let pace = 400.0 + f64::from(i);
        window.add(pace);
        all.push(pace);
        let Some(m) = window.median() else {
            assert!(window.exhausted());
            assert!(i >= 60, "the window lasts about {} answers, not {}", PACE_WINDOW, i + 1);
            break;
        };
        assert_eq!(Some(m), median(&all), "after {} faster answers", i + 1);
    }
    // Answers around the median never exhaust it, and the window stays its size.
    let mut window = PaceWindow::around_median(&paces);
    for i in 0..1000 {
        window.add(if i % 2 == 0 { 50.0 } else { 500.0 });
        assert!(window.median().is_some() && window.paces.len() <= PACE_WINDOW);
    }
}

#[test]
fn a_digest_for_another_target_asks_for_every_attempt() {
    let attempts = history(vec![(0, Some(0), 1, 90.0, Some(3), None)]);
    let mut brief = HistoryIndex::from_digest(HistoryIndex::build(&attempts, Target::default()).digest());
    assert!(!brief.needs_every_attempt());
    brief.set_target(Target { min_secs: 30.0, max_secs: 90.0 });
    assert!(brief.needs_every_attempt());
    assert!(!brief.remove(&attempts[0]), "a digest cannot take an attempt out");
}

#[test]
fn best_is_picked_as_the_index_picks_it() {
    let t = Target::default();
    assert_eq!(best(75.0, 110.0, t), 75.0, "the shorter of two on target");
    assert_eq!(best(150.0, 60.0, t), 60.0);
    assert_eq!(best(125.0, 40.0, t), 125.0, "5 s over beats 20 s short");
    assert_eq!(best(130.0, 50.0, t), 50.0, "a tie goes to the shorter");
    assert_eq!(best(200.0, 180.0, t), 180.0);
}

#[test]
fn impossible_digests_are_refused() {
    let attempts = history(vec![(0, Some(0), 1, 90.0, Some(3), Some(150.0)), (1, None, 2, 70.0, None, None)]);
    let good = HistoryIndex::build(&attempts, Target::default()).digest();
    assert_eq!(good.check(), Ok(()));
    let mut cases: Vec<(Digest, &str)> = Vec::new();
    let mut d = good.clone();
    d.attempts = 5;
    cases.push((d, "do not add up to its attempts"));
    let mut d = good.clone();
    d.prompts[0].best_secs = Some(f64::NAN);
    cases.push((d, "do not add up"));
    let mut d = good.clone();
    d.prompts[0].on_target = 9;
    cases.push((d, "do not add up"));
    let mut d = good.clone();
    d.prompts.swap(0, 1);
    cases.push((d, "out of order"));
    let mut d = good.clone();
    d.stories[0].recent.clear();
    cases.push((d, "the story \"s0\""));
    let mut d = good.clone();
    d.paces.paces = vec![f64::INFINITY];
    cases.push((d, "paces"));
    let mut d = good.clone();
    d.max_secs = d.min_secs;
    cases.push((d, "target range"));
    let mut d = good.clone();
    (d.attempts, d.prompts[0].attempts, d.paces.below) = (usize::MAX, usize::MAX - 1, usize::MAX - 1);
    cases.push((d, "more attempts than a history can hold"));
    for (digest, expected) in cases {
        let err = digest.check().unwrap_err();
        assert!(err.contains(expected), "{err}");
    }
}
