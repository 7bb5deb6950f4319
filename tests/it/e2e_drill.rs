//! End to end in an 80×24 pseudo-terminal: `star-coach drill` with one seeded question, picked, answered and
//! reviewed through to its report and the history; and prompt 1 practised in its own phases, not STAR's.

use std::path::Path;

use crate::support::pty::{Pty, TIMEOUT, keys};
use crate::support::{BIN, NO_CONFIG, json_from, star, stderr_of_failure, stdout};
use star_coach::content::Guide;
use star_coach::drill::DrillPlan;
use star_coach::model::{Bank, Story};

/// A data folder whose bank holds one story showing Frugality.
fn bank_with_a_frugal_story(dir: &Path) {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
    let mut story = Story::new("frugal1".into(), "Half the budget, on time".into(), at);
    story.principles = vec!["Frugality".into(), "Deliver Results".into()];
    let bank = Bank { stories: vec![story], attempts: Vec::new(), ..Bank::default() };
    std::fs::write(dir.join("star-coach.json"), star_coach::store::serialize(&bank)).unwrap();
}

fn drill(dir: &Path, args: &[&str]) -> Pty {
    Pty::command(BIN)
        .arg("drill")
        .args(args)
        .env("STAR_COACH_DATA_DIR", dir)
        .env("STAR_COACH_CONFIG", NO_CONFIG)
        .spawn()
}

#[test]
fn a_seeded_one_question_drill_ends_in_its_report_and_the_history() {
    let dir = tempfile::tempdir().unwrap();
    bank_with_a_frugal_story(dir.path());
    // The engine says which question seed 11 draws on Frugality; the binary must ask it.
    let guide = Guide::bundled();
    let plan = DrillPlan::new(guide, &[], Some("Frugality"), Some(1), 11).unwrap();
    let question = guide.question(&plan.questions[0]).unwrap();
    let mut pty = drill(dir.path(), &["--count", "1", "--principle", "frugal", "--seed", "11"]);

    pty.wait_for("Drill · question 1 of 1 · Frugality", TIMEOUT);
    pty.wait_for(&question.question[..24], TIMEOUT);
    pty.wait_for("Pick a story: 0:", TIMEOUT);
    let pick = pty.wait_for("▶ Half the budget, on time  shows Frugality", TIMEOUT);
    assert!(pick.contains("No story fits"), "{pick}");
    pty.send(keys::ENTER);
    pty.wait_for("READY", TIMEOUT);
    pty.send(keys::SPACE);
    pty.wait_for("1/4 SITUATION", TIMEOUT);
    pty.send("n");
    pty.wait_for("2/4 TASK", TIMEOUT);
    pty.send(keys::ENTER);
    pty.wait_for("Did you avoid the guide's pitfalls", TIMEOUT);
    pty.send(keys::SPACE);
    pty.wait_for("[x] I spoke as", TIMEOUT);
    pty.send("s");
    let report = pty.wait_for("Drill report: 1 of 1 questions answered", TIMEOUT);
    assert!(report.contains("Half the budget, on time (shows Frugality)"), "{report}");
    assert!(report.contains("0 of 1 picks late"), "{report}");
    pty.send(keys::ESC);
    // Back on the prompts, the drilled principle is on today's list as done.
    pty.wait_for("✓ drill Frugality — done today", TIMEOUT);
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success(), "{}", pty.screen());

    let history = json_from(&["history", "--json"], dir.path());
    let attempts = history.as_array().expect("an array");
    assert_eq!(attempts.len(), 1, "{history:#}");
    let attempt = &attempts[0];
    assert_eq!(attempt["prompt"], question.id.as_str(), "the question's id as the prompt");
    assert_eq!(attempt["story"], "frugal1");
    let pick_secs = attempt["drill"]["pick_secs"].as_f64().expect("the pick time");
    assert!((0.0..10.0).contains(&pick_secs), "{attempt:#}");
    let phases: Vec<&str> =
        attempt["phases"].as_array().unwrap().iter().map(|p| p["phase"].as_str().unwrap()).collect();
    assert_eq!(phases, ["situation", "task"]);
}

#[test]
fn prompt_one_is_practised_in_its_own_phases() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::command(BIN).env("STAR_COACH_DATA_DIR", dir.path()).env("STAR_COACH_CONFIG", NO_CONFIG).spawn();
    pty.wait_for("▶ 1. Why do you want to work at Amazon?", TIMEOUT);
    pty.send("p");
    pty.wait_for("Press n as you move Mission → Role fit → Personal tie → Closing.", TIMEOUT);
    pty.send(keys::SPACE);
    pty.wait_for("1/4 MISSION", TIMEOUT);
    for phase in ["2/4 ROLE FIT", "3/4 PERSONAL TIE", "4/4 CLOSING"] {
        pty.send("n");
        pty.wait_for(phase, TIMEOUT);
    }
    pty.send("n");
    pty.wait_for("You are on the Closing: press Enter when you have finished.", TIMEOUT);
    pty.send(keys::ENTER);
    let review = pty.wait_for("Did you avoid the guide's pitfalls", TIMEOUT);
    for part in ["Mission", "Role fit", "Personal tie", "Closing"] {
        assert!(review.contains(&format!("{part} ")), "no {part} in the split:\n{review}");
    }
    assert!(!review.contains("Setup (") && !review.contains("Situation"), "no STAR setup here:\n{review}");
    assert!(!review.contains("I kept the Situation"), "no setup to keep short:\n{review}");
    assert!(review.contains("I gave at least one metric"), "{review}");
    pty.send("s");
    pty.wait_for("Saved:", TIMEOUT);
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success(), "{}", pty.screen());

    let history = json_from(&["history", "--json"], dir.path());
    let attempt = &history.as_array().unwrap()[0];
    assert_eq!(attempt["prompt"], "why-amazon");
    let phases: Vec<&str> =
        attempt["phases"].as_array().unwrap().iter().map(|p| p["phase"].as_str().unwrap()).collect();
    assert_eq!(phases, ["mission", "role-fit", "personal-tie", "closing"]);
    // The summary has no setup share for an answer with no setup.
    let summary = stdout(star(dir.path()).arg("history"));
    let why = summary.lines().find(|l| l.contains("why-amazon")).expect("prompt 1's row");
    let cells: Vec<&str> = why.split_whitespace().collect();
    assert_eq!((cells[2], cells[6]), ("1", "—"), "one attempt, and no median setup:\n{summary}");
}

#[test]
fn bad_drill_options_are_one_sentence_before_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (all, on_frugality) = (Guide::bundled().questions.len(), Guide::bundled().questions_on("Frugality").count());
    for (args, said) in [
        (vec!["--count", "0"], format!("star-coach: a drill has 1 to {all} questions, not 0\n")),
        (
            vec!["--principle", "frugal", "--count", "99"],
            format!("star-coach: a drill has 1 to {on_frugality} questions on Frugality, not 99\n"),
        ),
    ] {
        let stderr = stderr_of_failure(star(dir.path()).arg("drill").args(&args));
        assert_eq!(stderr, said, "{args:?}");
    }
    let stderr = stderr_of_failure(star(dir.path()).args(["drill", "--principle", "zzz"]));
    assert!(stderr.starts_with("star-coach: ") && stderr.lines().count() == 1 && stderr.contains("zzz"), "{stderr}");
    assert!(!dir.path().join("star-coach.json").exists(), "nothing was opened");
}
