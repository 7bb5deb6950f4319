//! `star-coach history` against a temporary data dir holding generated banks.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

fn star(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("star-coach").unwrap();
    // Dates print in local time; pin the zone so the expected text holds on any machine.
    cmd.env("STAR_COACH_DATA_DIR", dir)
        .env("STAR_COACH_CONFIG", "/nonexistent/star-coach-test/config.toml")
        .env("TZ", "UTC")
        .env_remove("NO_COLOR");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// An attempt as the data file holds it; `setup` seconds of Situation, the rest Action.
fn attempt(id: &str, prompt: &str, story: Option<&str>, when: DateTime<Utc>, secs: f64, setup: f64) -> Value {
    attempt_rated(id, prompt, story, when, secs, setup, None)
}

fn attempt_rated(
    id: &str,
    prompt: &str,
    story: Option<&str>,
    when: DateTime<Utc>,
    secs: f64,
    setup: f64,
    confidence: Option<u8>,
) -> Value {
    json!({
        "id": id,
        "prompt": prompt,
        "story": story,
        "started_at": when.to_rfc3339(),
        "duration_secs": secs,
        "phases": [{"phase": "situation", "secs": setup}, {"phase": "action", "secs": secs - setup}],
        "review": {"confidence": confidence},
    })
}

fn story(id: &str, title: &str, prompts: &[&str]) -> Value {
    json!({
        "id": id,
        "title": title,
        "prompts": prompts,
        "created_at": "2026-11-01T10:00:00Z",
        "updated_at": "2026-11-01T10:00:00Z",
    })
}

/// Writes the data file directly, as star-coach itself would.
fn write_bank(dir: &Path, stories: Vec<Value>, attempts: Vec<Value>) {
    let bank = json!({"format": "star-coach", "schema_version": 1, "stories": stories, "attempts": attempts});
    fs::write(dir.join("star-coach.json"), serde_json::to_vec_pretty(&bank).unwrap()).unwrap();
}

/// Prompt 4 four times: 60 s, 120 s, 120.001 s and 90 s, with setups of 6, 30, 30 and 27 seconds
/// (shares 0.1, 0.25, 0.249998 and 0.3: median 25%).
fn deadline_bank(dir: &Path) {
    write_bank(
        dir,
        vec![story("s1", "Checkout timeouts", &["missed-deadline"]), story("s2", "Memory leak", &["biggest-failure"])],
        vec![
            attempt("a1", "missed-deadline", Some("s1"), at("2026-11-10T09:00:00Z"), 60.0, 6.0),
            attempt("a2", "missed-deadline", Some("s1"), at("2026-11-12T09:00:00Z"), 120.0, 30.0),
            attempt("a3", "missed-deadline", None, at("2026-11-20T23:30:00Z"), 120.001, 30.0),
            attempt("a4", "missed-deadline", None, at("2026-11-15T09:00:00Z"), 90.0, 27.0),
            attempt("b1", "biggest-failure", Some("s2"), at("2026-11-05T09:00:00Z"), 150.0, 15.0),
        ],
    );
}

#[test]
fn an_empty_history_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        stdout(star(dir.path()).arg("history")),
        "No practice yet. Open star-coach, pick a prompt and press p to rehearse an answer.\n"
    );
    assert_eq!(stdout(star(dir.path()).args(["history", "--json"])).trim(), "[]");
    assert!(!dir.path().join("star-coach.json").exists(), "reading never creates the file");
}

#[test]
fn history_sums_up_every_prompt_in_an_aligned_table() {
    let dir = tempfile::tempdir().unwrap();
    deadline_bank(dir.path());
    let text = stdout(star(dir.path()).arg("history"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "#  prompt            attempts  median  best  on target  median setup  last practised",
            "1  why-amazon               0       —     —          —             —  —",
            "2  simple-solution          0       —     —          —             —  —",
            "3  biggest-failure          1    2:30  2:30         0%           10%  2026-11-05",
            "4  missed-deadline          4    1:45  1:00        75%           25%  2026-11-20",
            "5  above-and-beyond         0       —     —          —             —  —",
            "6  tight-deadline           0       —     —          —             —  —",
            "7  most-proud               0       —     —          —             —  —",
        ],
        "{text}"
    );
}

#[test]
fn history_prompt_filters_the_summary_and_the_json() {
    let dir = tempfile::tempdir().unwrap();
    deadline_bank(dir.path());
    for key in ["4", "missed-deadline"] {
        let text = stdout(star(dir.path()).args(["history", "--prompt", key]));
        assert_eq!(
            text,
            "#  prompt           attempts  median  best  on target  median setup  last practised\n\
             4  missed-deadline         4    1:45  1:00        75%           25%  2026-11-20\n"
        );
    }
    let json: Value =
        serde_json::from_str(&stdout(star(dir.path()).args(["history", "--json", "--prompt", "4"]))).unwrap();
    let ids: Vec<&str> = json.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a1", "a2", "a3", "a4"], "the JSON keeps the file's order and every field");
    assert_eq!(json[2]["duration_secs"], 120.001);
    let all: Value = serde_json::from_str(&stdout(star(dir.path()).args(["history", "--json"]))).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 5);
    let none = stdout(star(dir.path()).args(["history", "--prompt", "7"]));
    assert_eq!(
        none,
        "No practice yet at prompt 7 (most-proud). Open star-coach, pick it and press p to rehearse an answer.\n"
    );
}

#[test]
fn last_practised_is_a_local_date() {
    let dir = tempfile::tempdir().unwrap();
    deadline_bank(dir.path());
    // 23:30 UTC on the 20th is already the 21st nine hours east.
    let text = stdout(star(dir.path()).env("TZ", "UTC-9").args(["history", "--prompt", "4"]));
    assert!(text.lines().nth(1).unwrap().ends_with("2026-11-21"), "{text}");
}

#[test]
fn history_names_the_stories_to_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let day = |d: u32| at(&format!("2026-11-{d:02}T09:00:00Z"));
    write_bank(
        dir.path(),
        vec![
            story("long", "The long one", &["missed-deadline"]),
            story("shaky", "The shaky one", &["biggest-failure"]),
            story("fine", "The fine one", &["most-proud"]),
        ],
        vec![
            attempt("l1", "missed-deadline", Some("long"), day(1), 90.0, 10.0),
            attempt("l2", "missed-deadline", Some("long"), day(2), 125.0, 10.0),
            attempt("l3", "tight-deadline", Some("long"), day(3), 150.0, 10.0),
            attempt_rated("s1", "biggest-failure", Some("shaky"), day(1), 90.0, 10.0, Some(1)),
            attempt_rated("s2", "biggest-failure", Some("shaky"), day(2), 90.0, 10.0, Some(2)),
            attempt_rated("s3", "biggest-failure", Some("shaky"), day(3), 90.0, 10.0, Some(2)),
            attempt_rated("f1", "most-proud", Some("fine"), day(1), 130.0, 10.0, Some(2)),
            attempt_rated("f2", "most-proud", Some("fine"), day(2), 90.0, 10.0, Some(2)),
            attempt_rated("f3", "most-proud", Some("fine"), day(3), 90.0, 10.0, Some(3)),
        ],
    );
    let text = stdout(star(dir.path()).arg("history"));
    let flags = &text[text.find("\nStories to rewrite:\n").expect(&text)..];
    assert_eq!(
        flags,
        "\nStories to rewrite:\n  \
         The long one [long]: ran over in 2 of its last 3 attempts\n  \
         The shaky one [shaky]: confidence 1.7 over its last 3 attempts\n"
    );
    // Filtered to a prompt, only the stories told at it or mapped to it.
    let six = stdout(star(dir.path()).args(["history", "--prompt", "6"]));
    assert!(six.contains("The long one [long]"), "told at prompt 6: {six}");
    assert!(!six.contains("shaky"), "{six}");
    let seven = stdout(star(dir.path()).args(["history", "--prompt", "7"]));
    assert!(!seven.contains("Stories to rewrite"), "the fine one is just not flagged: {seven}");
}
