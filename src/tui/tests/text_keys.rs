//! Typing into text areas: a line feed (Ctrl-J, as text typed or pasted without bracketed paste arrives) is a new
//! line, never a deleted one.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::Harness;
use crate::model::Bank;

fn ctrl_j(h: &mut Harness) {
    h.press_with(KeyCode::Char('j'), KeyModifiers::CONTROL);
}

#[test]
fn a_line_feed_in_the_editor_starts_a_new_line() {
    let mut h = Harness::empty(80, 24);
    h.chars("2a");
    h.chars("Outage");
    ctrl_j(&mut h);
    h.chars("one");
    ctrl_j(&mut h);
    h.chars("two");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.chars("First action");
    ctrl_j(&mut h);
    h.chars("Second action");
    let story = &h.app.bank.stories[0];
    assert_eq!(story.title, "Outage", "in the title a line feed moves on, as Enter does");
    assert_eq!(story.situation, "one\ntwo", "no line is deleted");
    assert_eq!(story.actions, ["First action", "Second action"]);
}

#[test]
fn a_line_feed_in_the_review_note_starts_a_new_line() {
    let mut h = Harness::new(Bank::default(), 80, 24);
    h.chars("p ");
    h.advance(70.0);
    h.press(KeyCode::Enter);
    h.chars("e");
    h.chars("Lead with the metric.");
    ctrl_j(&mut h);
    h.chars("Shorter setup.");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('s'));
    assert_eq!(h.app.bank.attempts[0].review.note, "Lead with the metric.\nShorter setup.");
}

#[test]
fn f1_in_the_editor_shows_the_text_keys() {
    let mut h = Harness::empty(80, 30);
    h.chars("2a");
    h.press(KeyCode::F(1));
    let screen = h.render(80, 30);
    assert!(screen.contains("Typing in a text field"), "{screen}");
    for (keys, help) in [("Enter/C-j", "New line"), ("C-u", "Undo"), ("C-w", "Delete the word before")] {
        assert!(screen.contains(keys) && screen.contains(help), "{keys} {help} not in the help:\n{screen}");
    }
}

#[test]
fn action_lines_are_numbered_and_a_wrapped_line_hangs_under_its_text() {
    let bank = Bank { stories: vec![super::sizes::long_story()], attempts: Vec::new(), ..Bank::default() };
    let mut h = Harness::new(bank, 80, 24);
    h.chars("2e");
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    let screen = h.render(80, 24);
    insta::assert_snapshot!("editor_long_actions_80x24", screen);
    let rows: Vec<&str> = screen.lines().collect();
    let first = rows.iter().position(|r| r.contains(" 1 I rolled the config back")).expect("action 1 numbered");
    assert!(rows[first + 1].contains("││   knew the service."), "the wrap hangs under the text: {screen}");
    assert!(rows.iter().any(|r| r.contains(" 2 I wrote the incident timeline")), "{screen}");
}
