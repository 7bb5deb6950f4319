//! The history index's unit tests: figures per prompt and per story, kept right as attempts come and go.

#![allow(clippy::cast_possible_truncation)]

use super::*;
use crate::model::{Phase, PhaseSpan};

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:00:00Z")).unwrap().to_utc()
}

fn attempt(id: &str, prompt: &str, story: Option<&str>, when: DateTime<Utc>, secs: f64) -> Attempt {
    Attempt {
        story: story.map(str::to_string),
        phases: vec![PhaseSpan { phase: Phase::Action, secs }],
        ..Attempt::new(id, prompt, when, secs)
    }
}

fn with_setup(mut a: Attempt, setup_secs: f64) -> Attempt {
    a.phases = vec![
        PhaseSpan { phase: Phase::Situation, secs: setup_secs },
        PhaseSpan { phase: Phase::Action, secs: a.duration_secs - setup_secs },
    ];
    a
}

fn rated(mut a: Attempt, confidence: u8) -> Attempt {
    a.review.confidence = Some(confidence);
    a
}

fn times(prompt: &str, secs: &[f64]) -> Vec<Attempt> {
    secs.iter().enumerate().map(|(i, &s)| attempt(&format!("a{i}"), prompt, None, at(1, i as u32), s)).collect()
}

fn summary(secs: &[f64]) -> PromptSummary {
    HistoryIndex::build(&times("p", secs), Target::default()).summary("p")
}

#[test]
fn median_of_odd_and_even_counts() {
    assert_eq!(summary(&[130.0, 70.0, 90.0]).median_secs, Some(90.0));
    assert_eq!(summary(&[130.0, 70.0, 90.0, 100.0]).median_secs, Some(95.0));
    assert_eq!(summary(&[42.0]).median_secs, Some(42.0));
    assert_eq!(summary(&[]).median_secs, None);
}

#[test]
fn a_prompt_never_practised_has_no_figures() {
    let s = HistoryIndex::new(Target::default()).summary("why-amazon");
    assert_eq!(s.attempts, 0);
    assert_eq!((s.median_secs, s.best_secs, s.on_target_share, s.median_setup_share), (None, None, None, None));
    assert_eq!(s.last_practised, None);
}

#[test]
fn best_is_the_shortest_on_target_else_the_closest() {
    assert_eq!(summary(&[150.0, 110.0, 75.0, 30.0]).best_secs, Some(75.0), "shortest inside the range");
    assert_eq!(summary(&[150.0, 60.0, 120.0]).best_secs, Some(60.0), "60 s is on target");
    assert_eq!(summary(&[150.0, 125.0, 40.0]).best_secs, Some(125.0), "5 s over beats 20 s short");
    assert_eq!(summary(&[150.0, 130.0, 55.0]).best_secs, Some(55.0), "5 s short beats 10 s over");
    assert_eq!(summary(&[130.0, 50.0]).best_secs, Some(50.0), "a tie goes to the shorter");
    assert_eq!(summary(&[200.0, 180.0]).best_secs, Some(180.0));
    assert_eq!(summary(&[10.0, 20.0]).best_secs, Some(20.0));
}

#[test]
fn on_target_share_counts_the_boundaries_as_on_target() {
    assert_eq!(summary(&[60.0, 120.0, 120.001, 59.999]).on_target_share, Some(0.5));
    assert_eq!(summary(&[120.0]).on_target_share, Some(1.0));
    assert_eq!(summary(&[120.001]).on_target_share, Some(0.0));
    assert_eq!(summary(&[60.0, 61.0, 200.0]).on_target_share, Some(2.0 / 3.0));
}

#[test]
fn the_target_is_a_parameter() {
    let mut index = HistoryIndex::build(&times("p", &[50.0, 100.0, 170.0]), Target::default());
    assert_eq!(index.summary("p").on_target_share, Some(1.0 / 3.0));
    index.set_target(Target { min_secs: 45.0, max_secs: 180.0 });
    assert_eq!(index.summary("p").on_target_share, Some(1.0));
    assert_eq!(index.summary("p").best_secs, Some(50.0));
}

#[test]
fn setup_share_median() {
    let attempts = vec![
        with_setup(attempt("a", "p", None, at(1, 1), 100.0), 10.0),
        with_setup(attempt("b", "p", None, at(1, 2), 100.0), 40.0),
        with_setup(attempt("c", "p", None, at(1, 3), 80.0), 20.0),
        with_setup(attempt("d", "p", None, at(1, 4), 50.0), 5.0),
    ];
    let s = HistoryIndex::build(&attempts, Target::default()).summary("p");
    // Shares 0.1, 0.4, 0.25, 0.1: sorted 0.1 0.1 0.25 0.4, median (0.1 + 0.25) / 2.
    assert!((s.median_setup_share.unwrap() - 0.175).abs() < 1e-12, "{s:?}");
    // Only Action marked: no setup, and a plain zero (not the -0.0 an empty sum gives, which prints as "-0%").
    let share = HistoryIndex::build(&[attempt("e", "p", None, at(1, 1), 90.0)], Target::default())
        .summary("p")
        .median_setup_share
        .unwrap();
    assert!(share == 0.0 && share.is_sign_positive(), "{share}");
}

#[test]
fn answers_in_a_prompts_own_phases_have_no_setup_share() {
    let mut own = attempt("w", "why-amazon", None, at(1, 1), 90.0);
    own.phases = vec![PhaseSpan { phase: Phase::new("mission").unwrap(), secs: 90.0 }];
    let mut bare = attempt("b", "why-amazon", None, at(1, 2), 90.0);
    bare.phases.clear();
    assert_eq!((own.setup_share(), bare.setup_share()), (None, None));
    let mut index = HistoryIndex::build(&[own.clone(), bare], Target::default());
    let summary = index.summary("why-amazon");
    assert_eq!((summary.attempts, summary.median_setup_share), (2, None));
    let star = with_setup(attempt("s", "why-amazon", None, at(1, 3), 100.0), 30.0);
    index.add(&star);
    assert_eq!(index.summary("why-amazon").median_setup_share, Some(0.3), "only the answer with a setup counts");
    assert!(index.remove(&star) && index.remove(&own));
    assert_eq!(index.summary("why-amazon").median_setup_share, None);
}

#[test]
fn last_practised_is_the_latest_start_whatever_the_order() {
    let attempts = vec![
        attempt("a", "p", None, at(5, 9), 90.0),
        attempt("b", "p", None, at(20, 9), 90.0),
        attempt("c", "p", None, at(3, 9), 90.0),
        attempt("d", "q", None, at(28, 9), 90.0),
    ];
    let index = HistoryIndex::build(&attempts, Target::default());
    assert_eq!(index.summary("p").last_practised, Some(at(20, 9)));
    assert_eq!(index.summary("q").last_practised, Some(at(28, 9)));
    let recent: Vec<_> = index.recent("p", 2).iter().map(|r| r.started_at).collect();
    assert_eq!(recent, [at(5, 9), at(20, 9)], "latest two, oldest first");
}

fn mixed_history() -> Vec<Attempt> {
    vec![
        rated(with_setup(attempt("a1", "p", Some("s1"), at(1, 8), 95.0), 20.0), 4),
        with_setup(attempt("a2", "p", Some("s2"), at(2, 8), 130.0), 50.0),
        rated(attempt("a3", "q", Some("s1"), at(3, 8), 61.0), 2),
        attempt("a4", "p", None, at(4, 8), 45.0),
        rated(attempt("a5", "q", Some("s1"), at(5, 8), 140.0), 1),
        attempt("a6", "p", None, at(4, 8), 100.0),
    ]
}

#[test]
fn add_then_remove_returns_to_a_fresh_build() {
    let history = mixed_history();
    let fresh = HistoryIndex::build(&history, Target::default());
    for extra in [
        attempt("x1", "p", Some("s1"), at(30, 1), 300.0),
        attempt("x2", "p", Some("s9"), at(1, 1), 95.0),
        attempt("x3", "new-prompt", None, at(10, 1), 10.0),
        attempt("x4", "p", None, at(4, 8), 100.0), // same time and duration as a6
        attempt("a5-an-id-longer-than-twenty-two-bytes", "p", Some("s1"), at(4, 8), 45.0), // kept on the heap
    ] {
        let mut index = fresh.clone();
        index.add(&extra);
        assert_ne!(index, fresh, "{}", extra.id);
        assert_eq!(index.len(), history.len() + 1);
        assert!(index.remove(&extra));
        assert_eq!(index, fresh, "{}", extra.id);
        assert_eq!(index.summary("p"), fresh.summary("p"));
    }
    // Building one by one is the same as building at once, and so is removing back to nothing.
    let mut index = HistoryIndex::new(Target::default());
    for a in history.iter().rev() {
        index.add(a);
    }
    assert_eq!(index, fresh);
    for a in &history {
        assert!(index.remove(a));
    }
    assert_eq!(index, HistoryIndex::new(Target::default()));
    assert!(index.is_empty());
}

#[test]
fn removing_what_is_not_there_changes_nothing() {
    let mut index = HistoryIndex::build(&mixed_history(), Target::default());
    let before = index.clone();
    assert!(!index.remove(&attempt("zz", "p", None, at(1, 8), 95.0)));
    assert!(!index.remove(&attempt("a1", "p", Some("s1"), at(9, 8), 95.0)), "right id, wrong time");
    assert!(!index.remove(&attempt("a1", "other", Some("s1"), at(1, 8), 95.0)));
    assert_eq!(index, before);
}

#[test]
fn removing_an_attempt_whose_review_changed_takes_out_what_was_added() {
    let history = mixed_history();
    let mut index = HistoryIndex::build(&history, Target::default());
    let mut edited = history[0].clone();
    edited.review.confidence = Some(5);
    edited.duration_secs = 10.0;
    assert!(index.remove(&edited));
    index.add(&edited);
    let mut expected = history.clone();
    expected[0] = edited;
    assert_eq!(index, HistoryIndex::build(&expected, Target::default()));
}

#[test]
fn story_summary_looks_at_its_last_five() {
    let mut attempts: Vec<Attempt> =
        (0..7).map(|i| attempt(&format!("a{i}"), "p", Some("s"), at(1 + i, 8), 130.0)).collect();
    attempts[0].duration_secs = 90.0; // outside the last five either way
    attempts[3].duration_secs = 90.0;
    attempts[5] = rated(attempts[5].clone(), 2);
    attempts[6] = rated(attempts[6].clone(), 5);
    let index = HistoryIndex::build(&attempts, Target::default());
    let s = index.story("s").unwrap();
    assert_eq!((s.attempts, s.recent, s.recent_over), (7, 5, 4));
    assert_eq!(s.recent_mean_confidence, Some(3.5));
    assert_eq!(index.story("none"), None);
    assert_eq!(index.stories().len(), 1);
}

fn story_run(story: &str, runs: &[(f64, Option<u8>)]) -> Vec<Attempt> {
    runs.iter()
        .enumerate()
        .map(|(i, &(secs, c))| {
            let mut a = attempt(&format!("{story}-{i}"), "p", Some(story), at(1 + i as u32, 8), secs);
            a.review.confidence = c;
            a
        })
        .collect()
}

fn flags(runs: &[(f64, Option<u8>)]) -> Vec<String> {
    HistoryIndex::build(&story_run("s", runs), Target::default())
        .rewrite_flags()
        .into_iter()
        .map(|f| f.reason)
        .collect()
}

#[test]
fn rewrite_flag_for_running_over() {
    let over = 121.0;
    assert_eq!(flags(&[(90.0, None), (over, None), (over, None)]), ["ran over in 2 of its last 3 attempts"]);
    assert_eq!(flags(&[(over, None), (over, None), (over, None)]), ["ran over in 3 of its last 3 attempts"]);
    // Just not: only two attempts, or only one of the last three over, or exactly on the boundary.
    assert!(flags(&[(over, None), (over, None)]).is_empty());
    assert!(flags(&[(over, None), (over, None), (90.0, None), (over, None), (90.0, None)]).is_empty());
    assert!(flags(&[(120.0, None), (120.0, None), (120.0, None)]).is_empty());
}

#[test]
fn rewrite_flag_for_low_confidence() {
    assert_eq!(
        flags(&[(90.0, Some(1)), (90.0, Some(2)), (90.0, Some(2))]),
        ["confidence 1.7 over its last 3 attempts"]
    );
    assert_eq!(
        flags(&[(90.0, Some(2)), (90.0, Some(2)), (90.0, Some(2))]),
        ["confidence 2.0 over its last 3 attempts"]
    );
    assert_eq!(
        flags(&[(90.0, Some(1)), (90.0, None), (90.0, Some(2)), (90.0, Some(2))]),
        ["confidence 1.7 over its last 3 rated attempts"]
    );
    // Just not: a mean of 2.3, or only two rated, or the low ones are older than the last three rated.
    assert!(flags(&[(90.0, Some(2)), (90.0, Some(2)), (90.0, Some(3))]).is_empty());
    assert!(flags(&[(90.0, Some(1)), (90.0, Some(1)), (90.0, None)]).is_empty());
    assert!(flags(&[(90.0, Some(1)), (90.0, Some(1)), (90.0, Some(3)), (90.0, Some(3)), (90.0, Some(3))]).is_empty());
}

#[test]
fn both_reasons_and_only_flagged_stories() {
    let mut history = story_run("bad", &[(130.0, Some(1)), (130.0, Some(2)), (90.0, Some(1))]);
    history.extend(story_run("good", &[(130.0, Some(4)), (90.0, Some(4)), (90.0, Some(5))]));
    let found = HistoryIndex::build(&history, Target::default()).rewrite_flags();
    assert_eq!(
        found,
        [StoryFlag {
            story: "bad".into(),
            reason: "ran over in 2 of its last 3 attempts; confidence 1.3 over its last 3 attempts".into()
        }]
    );
}

#[test]
fn drilled_questions_are_not_summed_up_as_prompts() {
    let guide = Guide::bundled();
    let drilled = guide.questions[0].id.clone();
    let mut history = times("why-amazon", &[90.0]);
    history.push(attempt("d1", &drilled, None, at(2, 1), 80.0));
    history.push(attempt("p1", "from-a-removed-pack", None, at(2, 2), 80.0));
    let index = HistoryIndex::build(&history, Target::default());
    let ids = index.prompt_ids(guide);
    assert_eq!(ids.len(), 8, "the seven, then the removed pack's prompt: {ids:?}");
    assert_eq!(ids[7], "from-a-removed-pack");
    assert!(!ids.contains(&drilled.as_str()));
}
