//! End to end: `star-coach mock --count 2 --seed 7` in an 80×24 pseudo-terminal, answered round by round with its
//! follow-ups; the report is on screen and the history holds both rounds under one mock id.

use std::collections::HashSet;

use crate::support::pty::{Pty, TIMEOUT, keys};
use crate::support::{BIN, NO_CONFIG, json_from};
use star_coach::content::{FollowUps, Guide};
use star_coach::mock::{MockPlan, choose_follow_ups};

#[test]
fn a_two_prompt_mock_with_follow_ups_ends_in_a_report_and_the_history() {
    let dir = tempfile::tempdir().unwrap();
    // The engine says which prompts and follow-ups seed 7 asks; the binary must ask the same.
    let all: Vec<String> = Guide::bundled().prompt_ids().map(str::to_string).collect();
    let plan = MockPlan::new("any".into(), 7, &all, 2, true).unwrap();
    let mut pty = Pty::command(BIN)
        .args(["mock", "--count", "2", "--seed", "7"])
        .env("STAR_COACH_DATA_DIR", dir.path())
        .env("STAR_COACH_CONFIG", NO_CONFIG)
        .spawn();

    let mut asked = Vec::new();
    for (round, prompt_id) in plan.prompts.iter().enumerate() {
        let prompt = Guide::bundled().prompt(prompt_id).unwrap();
        pty.wait_for(&format!("round {} of 2 · seed 7", round + 1), TIMEOUT);
        pty.wait_for(&format!("{}. {}", prompt.number, &prompt.question[..20]), TIMEOUT);
        pty.wait_for("Which story will you tell?", TIMEOUT);
        pty.send(keys::ENTER);
        pty.wait_for("READY", TIMEOUT);
        pty.send(keys::SPACE);
        pty.wait_for("RUNNING", TIMEOUT);
        pty.send("n");
        pty.wait_for("2/4 TASK", TIMEOUT);
        pty.send(keys::ENTER);
        pty.wait_for("Did you avoid the guide's pitfalls", TIMEOUT);
        pty.send(keys::SPACE);
        pty.wait_for("[x] I spoke as", TIMEOUT);
        pty.send("s");
        let follow_ups = choose_follow_ups(FollowUps::bundled(), prompt_id, 7, round);
        for (n, follow_up) in follow_ups.iter().enumerate() {
            pty.wait_for(&format!("follow-up {} of {}", n + 1, follow_ups.len()), TIMEOUT);
            pty.wait_for(&follow_up.question[..24], TIMEOUT);
            pty.send(keys::SPACE);
            pty.wait_for("RUNNING", TIMEOUT);
            pty.send(keys::ENTER);
            // How it went shows on the next screen (the footer keeps its keys): the next follow-up's, or the
            // next round's story screen, or the report.
            if n + 1 < follow_ups.len() {
                pty.wait_for(&format!("follow-up {}: 0:0", n + 1), TIMEOUT);
            } else if round + 1 < plan.prompts.len() {
                pty.wait_for(&format!("Round {} saved: 0:0", round + 1), TIMEOUT);
            }
        }
        asked.push(follow_ups.len());
    }
    let report = pty.wait_for("Mock interview report: 2 of 2 rounds", TIMEOUT);
    assert!(report.contains("Seed 7: star-coach mock --seed 7 --count 2"), "{report}");
    assert!(report.contains("Round 1") && report.contains("Round 2"), "{report}");
    pty.send(keys::ESC);
    pty.wait_for("Today: ", TIMEOUT);
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success(), "{}", pty.screen());

    let history = json_from(&["history", "--json"], dir.path());
    let attempts = history.as_array().expect("an array");
    assert_eq!(attempts.len(), 2, "{history:#}");
    let mocks: HashSet<&str> = attempts.iter().map(|a| a["mock"].as_str().expect("a mock id")).collect();
    assert_eq!(mocks.len(), 1, "both rounds share one mock id: {history:#}");
    let prompts: Vec<&str> = attempts.iter().map(|a| a["prompt"].as_str().unwrap()).collect();
    assert_eq!(prompts, plan.prompts);
    let follow_ups: Vec<usize> = attempts.iter().map(|a| a["follow_ups"].as_array().unwrap().len()).collect();
    assert_eq!(follow_ups, asked);
}

#[test]
fn a_bad_count_is_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(BIN)
        .args(["mock", "--count", "9", "--data-dir"])
        .arg(dir.path())
        .env("STAR_COACH_CONFIG", NO_CONFIG)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, "star-coach: --count must be between 1 and 7, the number of prompts, not 9\n");
}
