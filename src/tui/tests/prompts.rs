//! The Prompts screen at real sizes: whole questions, today's list that says why, counts that agree.

use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::{Harness, sample_attempt, wall};
use crate::model::Bank;

const Q4: &str = "4. Tell me about a time you missed a deadline—what happened and how did you handle it?";

#[test]
fn at_100_columns_every_question_shows_whole() {
    let h = Harness::empty(100, 30);
    let screen = h.render(100, 30);
    assert!(screen.contains(Q4), "{screen}");
    // Only today's list above it cuts a question short, to keep its reason on the line.
    let list = screen.lines().skip(5).collect::<Vec<_>>().join("\n");
    assert!(!list.contains('…'), "{screen}");
}

#[test]
fn the_selected_question_wraps_whole_and_clicks_still_land_on_their_prompt() {
    let mut h = Harness::empty(60, 20);
    h.chars("jjj");
    let screen = h.render(60, 20);
    assert!(screen.contains("▶ 4. Tell me about a time you missed a deadline—what"), "{screen}");
    assert!(screen.contains("    happened and how did you handle it?"), "{screen}");
    let row = screen.lines().position(|l| l.contains("5. Describe a project")).unwrap();
    let now = h.now();
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 10,
        row: u16::try_from(row).unwrap(),
        modifiers: KeyModifiers::NONE,
    };
    h.app.handle_mouse(click, now, wall());
    assert_eq!(h.app.tabs.prompts.selected(), 4, "the row under the wrapped question is prompt 5");
}

#[test]
fn todays_list_says_why_each_and_which_key_starts_the_first() {
    let h = Harness::empty(60, 20);
    let screen = h.render(60, 20);
    assert!(screen.contains("Today: 3 due · x starts the first"), "{screen}");
    assert!(screen.contains("▸ 1. Why do you want to work at… — never practised"), "{screen}");
}

#[test]
fn one_attempt_is_one_time() {
    let bank =
        Bank { stories: Vec::new(), attempts: vec![sample_attempt("a1", "why-amazon", 90.0, 2)], ..Bank::default() };
    let h = Harness::new(bank, 80, 24);
    let screen = h.render(80, 24);
    assert!(screen.contains("Practised: 1 time, best 1:30"), "{screen}");
}
