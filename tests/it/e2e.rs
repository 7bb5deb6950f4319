//! End to end: the real binary in an 80×24 pseudo-terminal, typed at as a person would, with its own data folder.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::pty::{TIMEOUT, keys};
use crate::support::{json_from, star_coach as start};
use serde_json::Value;

/// Leaving the alternate screen: the terminal is given back as it was.
const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
const DISABLE_BRACKETED_PASTE: &str = "\x1b[?2004l";

fn contains(haystack: &[u8], needle: &str) -> bool {
    crate::support::contains(haystack, needle.as_bytes())
}

fn history_json(data_dir: &Path) -> Value {
    json_from(&["history", "--json"], data_dir)
}

#[test]
fn practice_round_trip_records_the_real_duration() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(dir.path());
    pty.wait_for("Prompts", TIMEOUT);
    pty.wait_for("4. Tell me about a time", TIMEOUT);

    // Prompt 4, its guidance, then practice from there.
    pty.send("jjj");
    pty.send(keys::ENTER);
    pty.wait_for("What the interviewer looks for", TIMEOUT);
    pty.send("p");
    pty.wait_for("READY", TIMEOUT);

    let started = Instant::now();
    pty.send(keys::SPACE);
    pty.wait_for("RUNNING", TIMEOUT);
    std::thread::sleep(Duration::from_secs(2));
    for phase in ["2/4 TASK", "3/4 ACTION", "4/4 RESULT"] {
        pty.send("n");
        pty.wait_for(phase, TIMEOUT);
    }
    let measured = started.elapsed().as_secs_f64();
    pty.send(keys::ENTER);

    pty.wait_for("Did you avoid the guide's pitfalls", TIMEOUT);
    pty.send(keys::SPACE);
    pty.wait_for("[x] I spoke as", TIMEOUT);
    pty.send("j");
    pty.send(keys::SPACE);
    pty.wait_for("[x] I gave at least one metric", TIMEOUT);
    pty.send("s");
    let saved_screen = pty.wait_for("Saved:", TIMEOUT);
    pty.send("q");
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "star-coach exited with {status}\n{}", pty.screen());
    assert!(contains(&pty.raw_output(), LEAVE_ALTERNATE_SCREEN), "the alternate screen was not left");

    let history = history_json(dir.path());
    let attempts = history.as_array().expect("history is an array");
    assert_eq!(attempts.len(), 1, "{history:#}");
    let attempt = &attempts[0];
    assert_eq!(attempt["prompt"], "missed-deadline");
    assert!(attempt["story"].is_null(), "{attempt:#}");

    let duration = attempt["duration_secs"].as_f64().expect("duration_secs is a number");
    assert!((duration - measured).abs() <= 0.3, "recorded {duration} s, but Space to Enter took {measured:.3} s");
    let phases = attempt["phases"].as_array().expect("phases is an array");
    let names: Vec<&str> = phases.iter().map(|p| p["phase"].as_str().unwrap()).collect();
    assert_eq!(names, ["situation", "task", "action", "result"]);
    let sum: f64 = phases.iter().map(|p| p["secs"].as_f64().unwrap()).sum();
    assert!((sum - duration).abs() <= 0.01, "phases add up to {sum} s, not {duration} s");

    let checklist = &attempt["review"]["checklist"];
    assert_eq!(checklist["spoke_as_i"], true, "{attempt:#}");
    assert_eq!(checklist["gave_metric"], true, "{attempt:#}");

    // The footer said what was saved, in the stored duration's own m:ss.
    let whole = duration as u64;
    let summary = format!("Saved: {}:{:02} on prompt 4, short.", whole / 60, whole % 60);
    assert!(saved_screen.contains(&summary), "no {summary:?} in:\n{saved_screen}");
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(dir.path());
    pty.wait_for("4. Tell me about a time", TIMEOUT);
    pty.send("p");
    pty.wait_for("READY", TIMEOUT);
    pty.send(keys::SPACE);
    pty.wait_for("RUNNING", TIMEOUT);
    pty.send(keys::CTRL_C);
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "star-coach exited with {status}\n{}", pty.screen());
    let raw = pty.raw_output();
    assert!(contains(&raw, LEAVE_ALTERNATE_SCREEN), "the alternate screen was not left");
    assert!(contains(&raw, DISABLE_BRACKETED_PASTE), "bracketed paste was left on");
}

#[test]
fn corrupt_data_file_is_reported_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("star-coach.json");
    std::fs::write(&file, "{ not json").unwrap();
    let mut pty = start(dir.path());
    let status = pty.wait_exit(TIMEOUT);
    assert!(!status.success(), "star-coach started on a corrupt data file");

    let screen = pty.screen();
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    for text in ["star-coach.json", "line 1"] {
        assert!(screen.contains(text), "the screen does not mention {text:?}:\n{screen}");
        assert!(raw.contains(text), "the output does not mention {text:?}: {raw:?}");
    }
    assert!(!raw.contains("\x1b[?1049h"), "the alternate screen was entered: {raw:?}");
    assert_eq!(std::fs::read(&file).unwrap(), b"{ not json");
}
