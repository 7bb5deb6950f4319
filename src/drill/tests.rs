// Test code: quick casts of small numbers are what a test means.
#![allow(clippy::cast_possible_wrap)]

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::*;
use crate::model::PhaseSpan;
use crate::practice::{Target, Verdict};

fn wall(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().to_utc() + chrono::Duration::minutes(minutes)
}

fn question(id: &str, principles: &[&str]) -> Question {
    Question {
        id: id.into(),
        question: format!("Question {id}?"),
        principles: principles.iter().map(std::string::ToString::to_string).collect(),
        follow_up: None,
        pack: None,
    }
}

/// The bundled guide with its question bank replaced by `questions`.
fn guide_with(questions: Vec<Question>) -> Guide {
    let mut guide = Guide::bundled().clone();
    guide.questions = questions.into();
    guide
}

/// A drilled answer to `question`, `minutes` after the base time.
fn drilled(question: &str, minutes: i64, pick_secs: f64, story: Option<&str>) -> Attempt {
    Attempt {
        story: story.map(str::to_string),
        phases: vec![PhaseSpan { phase: crate::model::Phase::Action, secs: 90.0 }],
        drill: Some(Drill { pick_secs }),
        ..Attempt::new(format!("d{minutes}"), question, wall(minutes), 90.0)
    }
}

/// An answer as the practice clock hands it over, before the drill tags it.
fn answer(secs: f64) -> Attempt {
    Attempt { prompt: "why-amazon".into(), duration_secs: secs, drill: None, story: None, ..drilled("x", 0, 0.0, None) }
}

fn story(id: &str, principles: &[&str]) -> Story {
    let mut s = Story::new(id.into(), format!("Story {id}"), wall(0));
    s.principles = principles.iter().map(std::string::ToString::to_string).collect();
    s
}

fn plan(guide: &Guide, attempts: &[Attempt], principle: Option<&str>, count: usize, seed: u64) -> Vec<String> {
    DrillPlan::new(guide, attempts, principle, Some(count), seed).unwrap().questions
}

#[test]
fn a_seed_replays_the_same_draw_and_different_seeds_differ() {
    let guide = Guide::bundled();
    let first = plan(guide, &[], None, 5, 42);
    assert_eq!(first, plan(guide, &[], None, 5, 42));
    assert_eq!(first.iter().collect::<BTreeSet<_>>().len(), 5, "no question twice in a drill");
    let draws: BTreeSet<Vec<String>> = (0..20).map(|seed| plan(guide, &[], None, 5, seed)).collect();
    assert!(draws.len() >= 19, "20 seeds gave only {} draws", draws.len());
}

#[test]
fn the_draw_is_pinned_for_a_given_bank_and_seed() {
    // A change here changes which questions a seed written down brings back.
    let guide = guide_with((0..6).map(|i| question(&format!("q-{i}"), &["Frugality"])).collect());
    assert_eq!(plan(&guide, &[], None, 6, 7), ["q-5", "q-4", "q-1", "q-3", "q-0", "q-2"]);
}

#[test]
fn questions_drilled_lately_are_not_drawn_while_others_remain() {
    let guide = Guide::bundled();
    // The user has drilled 30 different questions: none of them comes back in any seed's draw.
    let history: Vec<Attempt> = guide
        .questions
        .iter()
        .take(RECENT_WINDOW)
        .enumerate()
        .map(|(i, q)| drilled(&q.id, i as i64, 9.0, None))
        .collect();
    let recent: BTreeSet<&str> = history.iter().map(|a| a.prompt.as_str()).collect();
    for seed in 0..50 {
        for id in plan(guide, &history, None, 5, seed) {
            assert!(!recent.contains(id.as_str()), "seed {seed} drew {id}, drilled lately");
        }
    }
    // Practice at the seven prompts is not drilling: it changes nothing.
    let mut with_practice = history.clone();
    with_practice.push(Attempt { drill: None, ..drilled("why-amazon", 99, 0.0, None) });
    assert_eq!(plan(guide, &history, None, 5, 3), plan(guide, &with_practice, None, 5, 3));
}

#[test]
fn only_the_last_n_different_questions_count_as_recent() {
    let mut attempts: Vec<Attempt> = (0..40).map(|i| drilled(&format!("q-{i}"), i, 5.0, None)).collect();
    // Drilled again most recently: it counts once, and pushes no other out twice.
    attempts.push(drilled("q-39", 100, 5.0, None));
    let recent = recently_drilled(&attempts, RECENT_WINDOW);
    assert_eq!(recent.len(), RECENT_WINDOW);
    assert_eq!(recent[0], "q-39");
    assert_eq!(recent[1], "q-38");
    assert!(!recent.contains(&"q-9"), "the 31st most recent is no longer recent");
}

#[test]
fn when_every_question_was_drilled_lately_the_oldest_come_back_first() {
    let guide = guide_with((0..4).map(|i| question(&format!("q-{i}"), &["Frugality"])).collect());
    // Drilled in the order 2, 0, 3, 1 (1 most recently).
    let history: Vec<Attempt> =
        ["q-2", "q-0", "q-3", "q-1"].iter().enumerate().map(|(i, id)| drilled(id, i as i64, 5.0, None)).collect();
    for seed in 0..5 {
        assert_eq!(plan(&guide, &history, None, 3, seed), ["q-2", "q-0", "q-3"]);
    }
    // One never drilled goes first, whatever the seed.
    let mut guide = guide;
    guide.questions.to_mut().push(question("q-new", &["Frugality"]));
    assert_eq!(plan(&guide, &history, None, 2, 11), ["q-new", "q-2"]);
}

#[test]
fn a_principle_filter_draws_only_questions_that_probe_it() {
    let guide = Guide::bundled();
    let on: Vec<&str> = guide.questions_on("Frugality").map(|q| q.id.as_str()).collect();
    assert!(on.len() >= 6);
    for seed in 0..30 {
        let drawn = plan(guide, &[], Some("Frugality"), 4, seed);
        assert!(drawn.iter().all(|id| guide.question(id).unwrap().probes("Frugality")), "{drawn:?}");
    }
    // Every one of them, once each, for a count of all of them.
    let all: BTreeSet<String> = plan(guide, &[], Some("Frugality"), on.len(), 1).into_iter().collect();
    assert_eq!(all, on.iter().map(std::string::ToString::to_string).collect());
}

#[test]
fn the_count_defaults_to_five_and_is_checked() {
    let guide = Guide::bundled();
    assert_eq!(DrillPlan::new(guide, &[], None, None, 1).unwrap().questions.len(), DEFAULT_COUNT);
    let on = guide.questions_on("Frugality").count();
    let err = DrillPlan::new(guide, &[], Some("Frugality"), Some(on + 1), 1).unwrap_err();
    assert_eq!(err, format!("a drill has 1 to {on} questions on Frugality, not {}", on + 1));
    assert!(DrillPlan::new(guide, &[], None, Some(0), 1).unwrap_err().starts_with("a drill has 1 to"));
    // A pool smaller than five is drawn whole by default.
    let small = guide_with(vec![question("q-a", &["Think Big"]), question("q-b", &["Think Big"])]);
    assert_eq!(DrillPlan::new(&small, &[], None, None, 1).unwrap().questions.len(), 2);
    let none = DrillPlan::new(&small, &[], Some("Frugality"), None, 1).unwrap_err();
    assert_eq!(none, "the question bank has no questions on Frugality");
}

fn session(guide: &Guide, count: usize, base: Instant) -> DrillSession {
    DrillSession::new(DrillPlan::new(guide, &[], None, Some(count), 5).unwrap(), base)
}

#[test]
fn the_pick_clock_runs_from_the_question_and_stops_at_the_pick() {
    let guide = Guide::bundled();
    let base = Instant::now();
    let at = |secs: f64| base + Duration::from_secs_f64(secs);
    let mut drill = session(guide, 2, base);
    assert_eq!(drill.stage(), Stage::Pick);
    assert_eq!(drill.pick_elapsed(at(12.0)), Duration::from_secs(12));
    assert_eq!(drill.pick_remaining(at(12.0)), Duration::from_secs(18));
    assert_eq!(drill.until_next_second(at(12.25)), Some(Duration::from_millis(750)));
    let pick = drill.pick(Some("s1".into()), at(12.3456)).unwrap().clone();
    assert_eq!(pick, Pick { story: Some("s1".into()), secs: 12.346 });
    assert!(!pick.is_late());
    assert_eq!(drill.stage(), Stage::Answer);
    assert_eq!(drill.pick_elapsed(at(80.0)), Duration::from_secs_f64(12.346), "stopped at the pick");
    assert!(drill.pick(None, at(81.0)).is_none(), "one pick a question");
    assert_eq!(drill.until_next_second(at(81.0)), None, "no clock to redraw once picked");
}

#[test]
fn a_pick_after_thirty_seconds_is_late_not_refused() {
    let guide = Guide::bundled();
    let base = Instant::now();
    let mut drill = session(guide, 1, base);
    let late_at = base + Duration::from_secs(45);
    assert_eq!(drill.pick_remaining(late_at), Duration::ZERO);
    let pick = drill.pick(Some("s1".into()), late_at).cloned().expect("a late pick is taken");
    assert!(pick.is_late());
    let saved = drill.answered(answer(100.0), late_at + Duration::from_secs(100)).unwrap();
    assert_eq!(saved.drill, Some(Drill { pick_secs: 45.0 }));
    // Exactly 30 seconds is still in time.
    let mut drill = session(guide, 1, base);
    assert!(!drill.pick(None, base + Duration::from_secs(30)).unwrap().is_late());
}

#[test]
fn an_answer_becomes_a_drill_attempt_and_the_next_question_shows() {
    let guide = Guide::bundled();
    let base = Instant::now();
    let mut drill = session(guide, 2, base);
    let first = drill.question_id().unwrap().to_string();
    assert!(drill.answered(answer(90.0), base).is_none(), "no answer before a pick");
    drill.pick(Some("s2".into()), base + Duration::from_secs(8)).unwrap();
    let saved = drill.answered(answer(90.0), base + Duration::from_secs(100)).unwrap();
    assert_eq!(saved.prompt, first, "the question's id is the attempt's prompt");
    assert_eq!(saved.story.as_deref(), Some("s2"));
    assert_eq!(saved.drill, Some(Drill { pick_secs: 8.0 }));
    assert_eq!((drill.round(), drill.stage()), (1, Stage::Pick));
    assert_ne!(drill.question_id(), Some(first.as_str()));
    // The next question's clock starts when it shows.
    assert_eq!(drill.pick_elapsed(base + Duration::from_secs(103)), Duration::from_secs(3));
    drill.skip(base + Duration::from_secs(110));
    assert_eq!(drill.stage(), Stage::Done);
    assert_eq!(drill.rounds()[1].pick, Pick { story: None, secs: 10.0 });
    assert!(drill.rounds()[1].attempt.is_none());
    assert!(drill.question_id().is_none());
}

#[test]
fn stories_rank_by_the_principles_the_question_probes() {
    let q = question("q-x", &["Frugality", "Deliver Results"]);
    let bank = Bank {
        stories: vec![
            story("none", &["Think Big"]),
            story("second", &["Deliver Results"]),
            story("main", &["frugality"]),
            story("both", &["Deliver Results", "Frugality"]),
            story("main-again", &["Frugality", "Ownership"]),
        ],
        attempts: Vec::new(),
        ..Bank::default()
    };
    let order = |picked: &[Option<&str>]| -> Vec<String> {
        rank_stories(&bank, &q, picked).into_iter().map(|r| r.story.id.clone()).collect()
    };
    assert_eq!(order(&[]), ["both", "main", "main-again", "second", "none"]);
    // Already picked in this drill: behind an equal fit that was not.
    assert_eq!(order(&[Some("main"), None]), ["both", "main-again", "main", "second", "none"]);
    let ranked = rank_stories(&bank, &q, &[]);
    assert_eq!(ranked[0].shows, ["Frugality", "Deliver Results"], "in the question's order");
    assert_eq!(ranked[1].shows, ["Frugality"], "an older spelling still counts");
    assert!(ranked[4].shows.is_empty(), "a story that fits nothing is still offered");
}

#[test]
fn the_session_ranks_the_current_question_with_earlier_picks() {
    let guide = guide_with(vec![question("q-a", &["Frugality"]), question("q-b", &["Frugality"])]);
    let bank = Bank {
        stories: vec![story("s1", &["Frugality"]), story("s2", &["Frugality"])],
        attempts: vec![],
        ..Bank::default()
    };
    let base = Instant::now();
    let mut drill = DrillSession::new(DrillPlan::new(&guide, &[], None, Some(2), 1).unwrap(), base);
    assert_eq!(drill.ranked(&guide, &bank)[0].story.id, "s1");
    drill.pick(Some("s1".into()), base).unwrap();
    drill.answered(answer(90.0), base).unwrap();
    let ranked = drill.ranked(&guide, &bank);
    assert_eq!((ranked[0].story.id.as_str(), ranked[1].picked), ("s2", 1));
}

/// A finished drill over `picks`: each a question and the story picked for it, answered in 90 s.
fn finished(picks: &[(&str, Option<&str>, f64)]) -> DrillSession {
    let base = Instant::now();
    let plan = DrillPlan { seed: 1, principle: None, questions: picks.iter().map(|p| p.0.to_string()).collect() };
    let mut drill = DrillSession::new(plan, base);
    let mut now = base;
    for (_, story, pick_secs) in picks {
        now += Duration::from_secs_f64(*pick_secs);
        drill.pick(story.map(str::to_string), now).unwrap();
        now += Duration::from_secs(90);
        drill.answered(answer(90.0), now).unwrap();
    }
    drill
}

#[test]
fn the_report_names_principles_no_story_shows_and_stories_stretched_thin() {
    let guide = guide_with(vec![
        question("q-a", &["Frugality", "Ownership"]),
        question("q-b", &["Think Big", "Dive Deep"]),
        question("q-c", &["Earn Trust"]),
        question("q-d", &["Frugality"]),
    ]);
    let bank = Bank {
        stories: vec![story("s1", &["Ownership", "Think Big"]), story("s2", &["Dive Deep"])],
        attempts: Vec::new(),
        ..Bank::default()
    };
    let drill = finished(&[("q-a", Some("s1"), 10.0), ("q-b", Some("s1"), 40.0), ("q-c", None, 20.0)]);
    let report = drill.report(&guide, &bank, Target::default());
    assert_eq!(report.rounds.len(), 3);
    assert_eq!(report.rounds[0].shows, ["Ownership"]);
    assert_eq!(report.rounds[1].shows, ["Think Big"]);
    assert!(report.rounds[1].late && !report.rounds[0].late);
    assert_eq!(report.rounds[2].story, None);
    assert_eq!(report.rounds[0].verdict, Some(Verdict::OnTarget));
    assert_eq!((report.late_picks, report.median_pick_secs), (1, Some(20.0)));
    // Frugality and Earn Trust were asked and no story shows them; Dive Deep was asked and s2 shows it.
    assert_eq!(report.no_story, ["Frugality", "Earn Trust"]);
    // s1 told for Frugality, Ownership, Think Big and Dive Deep: four, over three.
    assert_eq!(
        report.stretched,
        [Stretched {
            story: "s1".into(),
            principles: vec!["Ownership".into(), "Think Big".into(), "Frugality".into(), "Dive Deep".into()]
        }]
    );
    assert_eq!(
        report.advice(&bank),
        [
            "no story shows Frugality: write one",
            "no story shows Earn Trust: write one",
            "\"Story s1\" was picked for 4 different principles (Ownership, Think Big, Frugality, Dive Deep): \
             find another story for some",
            "1 of 3 picks took over 30 seconds: learn which story answers which principle",
        ]
    );
}

#[test]
fn a_story_picked_for_three_principles_is_not_stretched() {
    let guide =
        guide_with(vec![question("q-a", &["Frugality", "Ownership"]), question("q-b", &["Ownership", "Think Big"])]);
    let bank = Bank {
        stories: vec![story("s1", &["Ownership", "Think Big", "Frugality"])],
        attempts: Vec::new(),
        ..Bank::default()
    };
    let drill = finished(&[("q-a", Some("s1"), 5.0), ("q-b", Some("s1"), 5.0)]);
    let report = drill.report(&guide, &bank, Target::default());
    assert!(report.stretched.is_empty() && report.no_story.is_empty(), "{report:?}");
    assert!(report.advice(&bank).is_empty());
}

#[test]
fn the_history_groups_drills_by_principle_in_the_guides_order() {
    let guide = guide_with(vec![question("q-a", &["Frugality", "Ownership"]), question("q-b", &["Ownership"])]);
    let attempts = vec![
        drilled("q-a", 0, 10.0, Some("s1")),
        drilled("q-b", 1, 40.0, None),
        drilled("q-b", 2, 20.0, Some("s1")),
        drilled("q-gone", 3, 5.0, None),
        Attempt { drill: None, ..drilled("why-amazon", 4, 0.0, None) },
    ];
    let (by_principle, not_loaded) = drills_by_principle(&guide, &attempts);
    assert_eq!(not_loaded, 1);
    let names: Vec<&str> = by_principle.iter().map(|p| p.principle.as_str()).collect();
    assert_eq!(names, ["Ownership", "Frugality"], "published order, only those drilled");
    let ownership = &by_principle[0];
    assert_eq!((ownership.drills, ownership.late, ownership.without_story), (3, 1, 1));
    assert_eq!(ownership.median_pick_secs, Some(20.0));
    assert_eq!(ownership.last, Some(wall(2)));
    assert_eq!((by_principle[1].drills, by_principle[1].median_pick_secs), (1, Some(10.0)));
}

#[test]
fn a_skipped_question_is_in_the_report_without_an_answer() {
    let guide = guide_with(vec![question("q-a", &["Frugality"]), question("q-b", &["Think Big"])]);
    let bank = Bank { stories: vec![story("s1", &["Think Big"])], attempts: Vec::new(), ..Bank::default() };
    let base = Instant::now();
    let mut drill = DrillSession::new(DrillPlan::new(&guide, &[], None, Some(2), 1).unwrap(), base);
    let first = drill.question_id().unwrap().to_string();
    drill.skip(base + Duration::from_secs(4));
    let report = drill.report(&guide, &bank, Target::default());
    assert_eq!(report.rounds.len(), 1, "the report covers the rounds done so far");
    let round = &report.rounds[0];
    assert_eq!((round.question.as_str(), round.story.as_deref(), round.pick_secs), (first.as_str(), None, 4.0));
    assert_eq!((round.duration_secs, round.verdict), (None, None));
    assert_eq!(round.text, guide.question(&first).unwrap().question);
}

#[test]
fn options_are_checked_against_the_guide_in_one_sentence() {
    let guide = Guide::bundled();
    let options = DrillOptions::checked(guide, Some(3), Some("frugal"), 9).unwrap();
    assert_eq!(options, DrillOptions { count: Some(3), principle: Some("Frugality".into()), seed: 9 });
    assert_eq!(DrillOptions::checked(guide, None, None, 1).unwrap().principle, None);
    let on_frugality = guide.questions_on("Frugality").count();
    let error = DrillOptions::checked(guide, Some(50), Some("Frugality"), 1).unwrap_err();
    assert_eq!(error, format!("a drill has 1 to {on_frugality} questions on Frugality, not 50"));
    assert!(DrillOptions::checked(guide, Some(0), None, 1).unwrap_err().ends_with("not 0"));
    let error = DrillOptions::checked(guide, None, Some("nothing like it"), 1).unwrap_err();
    assert!(error.contains("nothing like it"), "{error}");
}
