//! The Stories screen, the editor and the coverage view, driven by keys without a terminal.

use crate::model::Bank;
use crate::store::Store;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Harness, sample_story, wall};
use crate::tui::app::AUTOSAVE_DELAY;
use crate::tui::overlay::Overlay;
use crate::tui::screens::editor::Field;
use crate::tui::screens::{Screen, Tab};

fn focus(h: &Harness) -> Field {
    match &h.app.screen {
        Some(Screen::Editor(editor)) => editor.focus,
        _ => panic!("not in the editor"),
    }
}

fn on_disk(h: &Harness) -> Bank {
    Store::new(h.app.store.dir()).load().unwrap()
}

/// Types a whole story through the editor, as a user would: title, every field, two prompts, three principles.
fn write_story(h: &mut Harness) {
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('a'));
    h.chars("Checkout timeouts — 日本語 ✓");
    h.press(KeyCode::Enter);
    assert_eq!(focus(h), Field::Situation, "Enter in the title moves on");
    h.chars("Checkout saw sporadic timeouts at peak.");
    h.press(KeyCode::Tab);
    h.chars("I had two weeks to fix it.");
    h.press(KeyCode::Tab);
    for line in ["We traced the timeouts.", "We replaced the lock.", "We shipped it."] {
        h.chars(line);
        h.press(KeyCode::Enter);
    }
    h.press(KeyCode::Tab);
    h.chars("It got much faster.");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    assert_eq!(focus(h), Field::Principles);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Down);
    h.press(KeyCode::Down);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Tab);
    assert_eq!(focus(h), Field::Prompts);
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char(' '));
}

#[test]
fn editor_writes_every_field_into_the_story() {
    let mut h = Harness::empty(80, 24);
    write_story(&mut h);
    let story = &h.app.bank.stories[0];
    assert_eq!(story.title, "Checkout timeouts — 日本語 ✓");
    assert_eq!(story.situation, "Checkout saw sporadic timeouts at peak.");
    assert_eq!(story.task, "I had two weeks to fix it.");
    assert_eq!(story.actions, ["We traced the timeouts.", "We replaced the lock.", "We shipped it."]);
    assert_eq!(story.results, ["It got much faster."]);
    assert_eq!(story.learning, "");
    assert_eq!(story.principles, ["Customer Obsession", "Ownership", "Are Right, A Lot"]);
    assert_eq!(story.prompts, ["simple-solution", "missed-deadline"]);
    insta::assert_snapshot!("editor_with_findings_80x24", h.render(80, 24));
    h.press(KeyCode::BackTab);
    insta::assert_snapshot!("editor_principles_80x24", h.render(80, 24));
    h.resize(20, 6);
    insta::assert_snapshot!("editor_with_findings_20x6", h.render(20, 6));
}

#[test]
fn editor_empty_and_filled() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('a'));
    insta::assert_snapshot!("editor_empty_80x24", h.render(80, 24));
    h.resize(20, 6);
    insta::assert_snapshot!("editor_empty_20x6", h.render(20, 6));
    let mut filled = Harness::new(Bank { stories: vec![sample_story()], attempts: vec![], ..Bank::default() }, 80, 24);
    filled.press(KeyCode::Char('2'));
    filled.press(KeyCode::Char('e'));
    filled.press(KeyCode::Tab);
    filled.press(KeyCode::Tab);
    filled.press(KeyCode::Tab);
    insta::assert_snapshot!("editor_filled_80x24", filled.render(80, 24));
}

#[test]
fn typing_autosaves_after_a_pause_and_on_close() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('a'));
    h.chars("Outage");
    assert!(on_disk(&h).stories.is_empty(), "not written while typing");
    let wake = h.app.next_wake(h.now()).expect("an autosave is due");
    assert_eq!(wake, AUTOSAVE_DELAY);
    h.advance(0.5);
    h.app.tick(h.now());
    assert!(on_disk(&h).stories.is_empty(), "the pause is not over");
    h.advance(0.5);
    h.app.tick(h.now());
    assert_eq!(on_disk(&h).stories[0].title, "Outage");
    assert_eq!(h.app.next_wake(h.now()), None, "nothing left to save: no wake-ups");
    h.chars(" at peak");
    h.press(KeyCode::Esc);
    assert_eq!(on_disk(&h).stories[0].title, "Outage at peak", "closing saves at once");
    assert!(h.app.screen.is_none());
    assert_eq!(h.app.tab, Tab::Stories);
}

#[test]
fn ctrl_s_and_quit_save_what_is_typed() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('a'));
    h.chars("First");
    h.press_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(on_disk(&h).stories[0].title, "First");
    h.chars(" draft");
    h.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quitting());
    assert_eq!(on_disk(&h).stories[0].title, "First draft", "Ctrl-C saves before quitting");
}

#[test]
fn a_story_closed_blank_is_not_kept() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Esc);
    assert!(h.app.bank.stories.is_empty());
    assert!(on_disk(&h).stories.is_empty());
}

#[test]
fn paste_lands_cleaned_in_the_focused_field() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('a'));
    let now = h.now();
    h.app.handle_paste("Title\u{1b}]52;c;aGk=\u{7} line\r\ntwo\u{202e}", now, wall());
    assert_eq!(h.app.bank.stories[0].title, "Title]52;c;aGk= line two");
    h.press(KeyCode::Tab);
    let now = h.now();
    h.app.handle_paste("one\r\ntwo\tthree", now, wall());
    assert_eq!(h.app.bank.stories[0].situation, "one\ntwo    three");
}

#[test]
fn question_mark_is_text_in_the_editor_and_f1_is_help() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('a'));
    h.chars("Why?");
    assert_eq!(h.app.bank.stories[0].title, "Why?");
    assert!(h.app.overlay.is_none());
    h.press(KeyCode::F(1));
    assert!(matches!(h.app.overlay, Some(Overlay::Help { .. })));
}

#[test]
fn delete_asks_and_undo_brings_it_back() {
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts: vec![], ..Bank::default() }, 80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('d'));
    insta::assert_snapshot!("stories_confirm_delete_80x24", h.render(80, 24));
    h.press(KeyCode::Char('n'));
    assert_eq!(h.app.bank.stories.len(), 1);
    h.press(KeyCode::Char('d'));
    h.press(KeyCode::Char('y'));
    assert!(h.app.bank.stories.is_empty());
    assert!(on_disk(&h).stories.is_empty());
    h.press(KeyCode::Char('u'));
    assert_eq!(h.app.bank.stories, vec![sample_story()]);
    assert_eq!(on_disk(&h).stories, vec![sample_story()]);
}

/// The sample story and a second one that a filter on "leak" finds alone.
fn two_stories() -> Bank {
    let mut second = sample_story();
    second.id = "s2".into();
    second.title = "Memory leak outage".into();
    second.situation = "A leak took down search.".into();
    Bank { stories: vec![sample_story(), second], attempts: vec![], ..Bank::default() }
}

#[test]
fn filter_narrows_the_list() {
    let mut h = Harness::new(two_stories(), 80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('/'));
    h.chars("LEAK");
    assert_eq!(h.app.tabs.stories.visible(&h.app.bank), vec![1]);
    insta::assert_snapshot!("stories_filtered_80x24", h.render(80, 24));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('e'));
    let Some(Screen::Editor(editor)) = &h.app.screen else { panic!() };
    assert_eq!(editor.story_id, "s2", "editing picks the filtered row");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('/'));
    h.press(KeyCode::Esc);
    assert_eq!(h.app.tabs.stories.visible(&h.app.bank), vec![0, 1], "Esc clears the filter");
}

#[test]
fn coverage_view() {
    let mut h = Harness::empty(80, 24);
    write_story(&mut h);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('c'));
    assert!(matches!(h.app.screen, Some(Screen::Coverage(_))));
    insta::assert_snapshot!("coverage_80x24", h.render(80, 24));
    h.resize(20, 6);
    insta::assert_snapshot!("coverage_20x6", h.render(20, 6));
    h.press(KeyCode::Esc);
    assert!(h.app.screen.is_none());
}

#[test]
fn stories_list_with_findings() {
    let mut h = Harness::empty(80, 24);
    write_story(&mut h);
    h.press(KeyCode::Esc);
    insta::assert_snapshot!("stories_with_findings_80x24", h.render(80, 24));
    h.resize(20, 6);
    insta::assert_snapshot!("stories_with_findings_20x6", h.render(20, 6));
}

#[test]
fn a_kept_filter_says_how_to_clear_it_and_esc_on_the_list_does() {
    let mut h = Harness::new(two_stories(), 80, 24);
    h.chars("2/leak\r");
    assert_eq!(h.app.tabs.stories.visible(&h.app.bank), vec![1], "Enter keeps the filter");
    let screen = h.render(80, 24);
    assert!(screen.contains("Filter: leak  (Esc clears it)"), "{screen}");
    assert!(screen.contains("Esc clear filter"), "the footer says it too:\n{screen}");
    h.press(KeyCode::Esc);
    assert_eq!(h.app.tabs.stories.visible(&h.app.bank), vec![0, 1], "Esc on the list clears a kept filter");
    assert!(!h.render(80, 24).contains("clear filter"), "{}", h.render(80, 24));
}

#[test]
fn the_stories_table_gives_the_title_the_room_and_cuts_with_an_ellipsis() {
    let mut long = sample_story();
    long.title = "Payments outage on Black Friday, and the runbook nobody owned".into();
    let h = {
        let mut h = Harness::new(Bank { stories: vec![long], attempts: vec![], ..Bank::default() }, 60, 20);
        h.press(KeyCode::Char('2'));
        h
    };
    let screen = h.render(60, 20);
    assert!(screen.contains("▶ Payments outage on Black Frida…"), "{screen}");
    let wide = h.render(100, 30);
    assert!(wide.contains("Coach"), "{wide}");
    assert!(!wide.contains("Prompts       "), "the prompts column is as wide as its lists:\n{wide}");
}

#[test]
fn coverage_counts_agree_with_their_number() {
    let mut story = sample_story();
    // Every prompt but 1 (answered without a story, so never a gap) and 2.
    story.prompts = crate::content::Guide::bundled().prompt_ids().skip(2).map(str::to_string).collect();
    let mut h = Harness::new(Bank { stories: vec![story], attempts: vec![], ..Bank::default() }, 80, 40);
    h.chars("2c");
    let screen = h.render(80, 40);
    assert!(screen.contains("⚠ 1 prompt has no story yet:"), "{screen}");
}
