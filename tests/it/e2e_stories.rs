//! End to end: a story written in the real editor, in a pseudo-terminal, survives a restart unchanged.

use std::path::Path;

use crate::support::pty::{Pty, TIMEOUT, keys};
use crate::support::{contains, json_from, star_coach as start};
use serde_json::Value;

const TITLE: &str = "Checkout timeouts — 日本語 ✓";

fn export(data_dir: &Path) -> Value {
    json_from(&["export", "--format", "json"], data_dir)
}

/// Types text a word at a time, waiting for each to reach the screen, as a person's typing would.
fn type_text(pty: &mut Pty, text: &str) {
    pty.send(text);
    // Long enough not to be found elsewhere on the screen (six characters, " story", are in the title's hint, so a
    // signal could overtake the typing), and on one line.
    let last_line = text.lines().last().unwrap_or_default();
    let tail: String = last_line.chars().rev().take(16).collect::<Vec<_>>().into_iter().rev().collect();
    pty.wait_for(&tail, TIMEOUT);
}

#[test]
fn a_story_written_in_the_editor_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(dir.path());
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("2");
    pty.wait_for("No stories yet", TIMEOUT);
    pty.send("a");
    pty.wait_for("A short name you will know the story by", TIMEOUT);
    type_text(&mut pty, TITLE);
    pty.send(keys::ENTER);
    pty.wait_for("1–2 sentences with context", TIMEOUT);
    type_text(&mut pty, "Checkout saw sporadic timeouts during peak traffic.");
    pty.send(keys::TAB);
    pty.wait_for("your responsibility and goal", TIMEOUT);
    type_text(&mut pty, "I had two weeks to stabilise it without a rewrite.");
    pty.send(keys::TAB);
    pty.wait_for("3–5 bullets", TIMEOUT);
    for line in [
        "I traced the timeouts to a bursty dependency.",
        "I replaced the lock with a rate limiter.",
        "I shipped it behind a flag.",
    ] {
        type_text(&mut pty, line);
        pty.send(keys::ENTER);
    }
    pty.send(keys::TAB);
    pty.wait_for("2–3 metrics", TIMEOUT);
    type_text(&mut pty, "p99 timeouts fell from 2.3% to 0.2%");
    pty.send(keys::TAB);
    pty.wait_for("Learning: what you learned", TIMEOUT);
    type_text(&mut pty, "Prefer simple controls at call sites.");
    pty.send(keys::TAB);
    pty.wait_for("The leadership principles this story shows", TIMEOUT);
    // Invent and Simplify, Bias for Action, Dive Deep: the 3rd, 9th and 12th of the sixteen.
    pty.send("jj ");
    pty.send("jjjjjj ");
    pty.send("jjj ");
    pty.wait_for("Principles    3", TIMEOUT);
    pty.send(keys::TAB);
    pty.wait_for("The prompts it answers", TIMEOUT);
    // Prompts 2 and 4.
    pty.send("j ");
    pty.send("jj ");
    pty.wait_for("Prompts       2", TIMEOUT);
    pty.wait_for("No pitfalls", TIMEOUT);
    pty.send(keys::ESC);
    pty.wait_for("1 of 6–8 stories", TIMEOUT);
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success());

    let first = export(dir.path());
    let stories = first["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1);
    let story = &stories[0];
    assert_eq!(story["title"], TITLE);
    assert_eq!(story["situation"], "Checkout saw sporadic timeouts during peak traffic.");
    assert_eq!(story["task"], "I had two weeks to stabilise it without a rewrite.");
    assert_eq!(story["actions"].as_array().unwrap().len(), 3);
    assert_eq!(story["results"][0], "p99 timeouts fell from 2.3% to 0.2%");
    assert_eq!(story["learning"], "Prefer simple controls at call sites.");
    // Kept in the list's order, the published one.
    assert_eq!(story["principles"], serde_json::json!(["Invent and Simplify", "Bias for Action", "Dive Deep"]));
    assert_eq!(story["prompts"], serde_json::json!(["simple-solution", "missed-deadline"]));

    // Start again: the story is there as it was, and opening it changes nothing.
    let mut pty = start(dir.path());
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("2");
    pty.wait_for(TITLE, TIMEOUT);
    pty.send("e");
    pty.wait_for("A short name", TIMEOUT);
    pty.send(keys::ESC);
    pty.wait_for("1 of 6–8 stories", TIMEOUT);
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success());
    assert_eq!(export(dir.path()), first);
}

/// The coach on `dir`, in the editor of a new story, at its title.
fn new_story(dir: &Path) -> Pty {
    let mut pty = start(dir);
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("2");
    pty.send("a");
    pty.wait_for("A short name", TIMEOUT);
    pty
}

#[test]
fn text_typed_with_line_feeds_keeps_every_line() {
    // Typed text without bracketed paste (tmux send-keys -l, xdotool type) sends each newline as a raw line feed.
    let dir = tempfile::tempdir().unwrap();
    let mut pty = new_story(dir.path());
    type_text(&mut pty, "Typed with line feeds");
    pty.send(keys::TAB);
    pty.wait_for("1–2 sentences with context", TIMEOUT);
    type_text(&mut pty, "First line.\nSecond line.\nThird line.");
    pty.send(keys::ESC);
    pty.wait_for("1 of 6–8 stories", TIMEOUT);
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success());
    let bank = export(dir.path());
    assert_eq!(bank["stories"][0]["situation"], "First line.\nSecond line.\nThird line.");
}

#[test]
fn sigterm_in_the_editor_saves_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = new_story(dir.path());
    type_text(&mut pty, "Half-written story");
    pty.terminate();
    pty.wait_exit(TIMEOUT);
    let bank = export(dir.path());
    assert_eq!(bank["stories"][0]["title"], "Half-written story");
}

#[test]
fn escape_sequences_stored_in_the_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let nasty = "Clear\u{1b}[2J me\u{1b}]52;c;aGVsbG8=\u{7} now\r\u{9b}31m \u{202e}reversed";
    let file = format!(
        r#"{{"format": "star-coach", "schema_version": 1, "stories": [{{"id": "s1", "title": {title},
        "situation": {title}, "prompts": ["missed-deadline"], "created_at": "2026-11-01T10:00:00Z",
        "updated_at": "2026-11-01T10:00:00Z"}}], "attempts": []}}"#,
        title = serde_json::to_string(nasty).unwrap()
    );
    std::fs::write(dir.path().join("star-coach.json"), file).unwrap();
    let mut pty = start(dir.path());
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("2");
    pty.wait_for("Clear[2J me]52;c;aGVsbG8= now", TIMEOUT);
    pty.send("e");
    pty.wait_for("A short name", TIMEOUT);
    pty.send("\t");
    pty.wait_for("1–2 sentences with context", TIMEOUT);
    pty.send(keys::ESC);
    pty.send("1jjjp");
    pty.wait_for("Cue cards", TIMEOUT);
    pty.send(keys::CTRL_C);
    assert!(pty.wait_exit(TIMEOUT).success());
    let raw = pty.raw_output();
    let has = |needle: &[u8]| contains(&raw, needle);
    assert!(!has(b"\x1b]52"), "no OSC 52 (clipboard) sequence was sent");
    assert!(!has(b"\x07"), "no BEL was sent");
    assert!(!has("Clear\u{1b}[2J".as_bytes()), "the stored clear-screen was not sent");
    assert!(!has("\u{9b}".as_bytes()) && !has("\u{202e}".as_bytes()), "no C1 CSI or bidi override was sent");
}
