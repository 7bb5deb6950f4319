//! The History screen and "practise next", driven by keys without a terminal.

use crate::model::Bank;
use crate::store::Store;
use ratatui::crossterm::event::KeyCode;

use super::{Harness, sample_attempt, sample_story};
use crate::tui::overlay::Overlay;
use crate::tui::screens::Screen;
use crate::tui::screens::history::SortKey;

/// Five attempts at three prompts over three days, the sample story told in each.
pub fn bank() -> Bank {
    let attempts = vec![
        sample_attempt("a1", "missed-deadline", 95.0, 72),
        sample_attempt("a2", "missed-deadline", 130.0, 48),
        sample_attempt("a3", "simple-solution", 52.0, 30),
        sample_attempt("a4", "missed-deadline", 110.0, 5),
        sample_attempt("a5", "biggest-failure", 88.0, 2),
    ];
    Bank { stories: vec![sample_story()], attempts, ..Bank::default() }
}

fn selected_id(h: &Harness) -> String {
    h.app.tabs.history.selected_attempt(&h.app.bank).map(|a| a.id.clone()).unwrap_or_default()
}

#[test]
fn history_empty_says_how_to_start() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('3'));
    insta::assert_snapshot!("history_empty_80x24", h.render(80, 24));
    h.resize(20, 6);
    insta::assert_snapshot!("history_empty_20x6", h.render(20, 6));
}

#[test]
fn history_with_summary_chart_and_splits() {
    let mut h = Harness::new(bank(), 80, 24);
    h.press(KeyCode::Char('3'));
    assert_eq!(selected_id(&h), "a5", "newest first");
    h.press(KeyCode::Down);
    insta::assert_snapshot!("history_chart_80x24", h.render(80, 24));
    h.resize(20, 6);
    insta::assert_snapshot!("history_20x6", h.render(20, 6));
    h.resize(120, 30);
    insta::assert_snapshot!("history_120x30", h.render(120, 30));
}

#[test]
fn filter_cycles_prompts_and_sort_cycles_orders() {
    let mut h = Harness::new(bank(), 80, 24);
    h.press(KeyCode::Char('3'));
    // Only prompts with attempts: 2, 3 and 4, then all of them again; never an empty table.
    h.press(KeyCode::Char('f'));
    assert_eq!(h.app.tabs.history.prompt_filter.as_deref(), Some("simple-solution"));
    assert_eq!(h.app.tabs.history.rows.len(), 1, "simple-solution has one attempt");
    h.press(KeyCode::Char('f'));
    assert_eq!(h.app.tabs.history.prompt_filter.as_deref(), Some("biggest-failure"));
    h.press(KeyCode::Char('f'));
    assert_eq!(h.app.tabs.history.prompt_filter.as_deref(), Some("missed-deadline"));
    assert_eq!(h.app.tabs.history.rows.len(), 3);
    insta::assert_snapshot!("history_filtered_80x24", h.render(80, 24));
    h.press(KeyCode::Char('f'));
    assert_eq!(h.app.tabs.history.prompt_filter, None, "after the last practised prompt comes all of them");
    h.press(KeyCode::Char('o'));
    assert_eq!(h.app.tabs.history.sort, SortKey::Longest);
    assert_eq!(selected_id(&h), "a2");
    h.press(KeyCode::Char('o'));
    assert_eq!(h.app.tabs.history.sort, SortKey::Prompt);
    let prompts: Vec<&str> = h.app.tabs.history.rows.iter().map(|&i| h.app.bank.attempts[i].prompt.as_str()).collect();
    assert_eq!(
        prompts,
        ["simple-solution", "biggest-failure", "missed-deadline", "missed-deadline", "missed-deadline"],
        "by prompt is in the guide's order (2, 3, 4), not by id"
    );
    h.press(KeyCode::Char('o'));
    assert_eq!(h.app.tabs.history.sort, SortKey::LeastConfident);
    h.press(KeyCode::Char('o'));
    assert_eq!(h.app.tabs.history.sort, SortKey::Newest);
}

#[test]
fn open_and_delete_an_attempt() {
    let mut h = Harness::new(bank(), 80, 24);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.screen, Some(Screen::Attempt(_))));
    insta::assert_snapshot!("attempt_80x24", h.render(80, 24));
    h.press(KeyCode::Char('d'));
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
    h.press(KeyCode::Char('y'));
    assert_eq!(h.app.bank.attempts.len(), 4);
    assert!(!h.app.bank.attempts.iter().any(|a| a.id == "a5"));
    assert_eq!(h.app.history.summary("biggest-failure").attempts, 0, "the index forgets it too");
    assert_eq!(Store::new(h.app.store.dir()).load().unwrap().attempts.len(), 4);
    let said = h.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.starts_with("Deleted the ") && said.contains(" answer to prompt 3 of 20"), "{said}");
    assert!(said.ends_with("Press u to bring it back."), "{said}");
    h.press(KeyCode::Char('d'));
    h.press(KeyCode::Char('n'));
    assert_eq!(h.app.bank.attempts.len(), 4, "no keeps it");
}

#[test]
fn selection_scrolls_through_a_long_history() {
    let attempts =
        (0..500).map(|i| sample_attempt(&format!("a{i}"), "tight-deadline", 60.0 + (i % 90) as f64, 500 - i)).collect();
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts, ..Bank::default() }, 80, 24);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Char('G'));
    assert_eq!(h.app.tabs.history.selected, 499);
    assert!(h.app.tabs.history.offset > 480);
    assert!(h.render(80, 24).contains("▶") || h.app.tabs.history.offset <= 499);
    h.press(KeyCode::Char('g'));
    assert_eq!(h.app.tabs.history.offset, 0);
}

#[test]
fn practise_next_is_shown_and_x_starts_it() {
    let mut h = Harness::new(bank(), 80, 24);
    let pick = h.app.plan.next().cloned().expect("a pick");
    // Answered short yesterday (graded Again), it is due today, ahead of the prompts never practised; two more
    // were practised today, so it is the one left of today's three.
    assert_eq!(pick.card.prompt(), Some("simple-solution"));
    assert!(pick.reason.starts_with("last practised yesterday, graded Again"), "{}", pick.reason);
    insta::assert_snapshot!("prompts_practise_next_80x24", h.render(80, 24));
    h.press(KeyCode::Char('x'));
    let Some(Screen::Practice(practice)) = &h.app.screen else { panic!("x starts practice") };
    assert_eq!(practice.answer.prompt, "simple-solution");
}

#[test]
fn a_saved_attempt_updates_the_summary_and_the_pick() {
    let mut h = Harness::empty(80, 24);
    assert_eq!(h.app.plan.next().unwrap().card.prompt(), Some("why-amazon"));
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char(' '));
    h.advance(90.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    assert_eq!(h.app.history.summary("why-amazon").attempts, 1);
    assert_eq!(h.app.plan.next().unwrap().card.prompt(), Some("simple-solution"));
    assert_eq!(h.app.tabs.history.rows.len(), 1);
}

#[test]
fn stories_that_keep_running_over_are_flagged_for_a_rewrite() {
    let attempts = vec![
        sample_attempt("a1", "missed-deadline", 140.0, 30),
        sample_attempt("a2", "missed-deadline", 150.0, 20),
        sample_attempt("a3", "simple-solution", 95.0, 10),
    ];
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts, ..Bank::default() }, 80, 24);
    h.press(KeyCode::Char('2'));
    let screen = h.render(80, 24);
    assert!(screen.contains("⚠ Rewrite Checkout timeouts"), "{screen}");
    assert!(screen.contains("ran over in 2 of its last 3 attempts"), "{screen}");
}

/// The History screen at 100×30 with `attempts` at prompt 4, the first row selected.
fn history_of(attempts: Vec<crate::model::Attempt>) -> String {
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts, ..Bank::default() }, 100, 30);
    h.press(KeyCode::Char('3'));
    h.render(100, 30)
}

fn is_plotted(c: char) -> bool {
    c == '•' || ('\u{2801}'..='\u{28FF}').contains(&c)
}

#[test]
fn the_chart_draws_each_target_line_on_its_label_and_each_attempt_once() {
    let screen = history_of(vec![
        sample_attempt("a1", "missed-deadline", 90.0, 30),
        sample_attempt("a2", "missed-deadline", 90.0, 6),
    ]);
    for label in ["│2:00│", "│1:00│"] {
        let row = screen.lines().find(|r| r.contains(label)).unwrap_or_else(|| panic!("no {label}:\n{screen}"));
        let plot = &row[row.find(label).unwrap() + label.len()..];
        assert!(plot.chars().any(is_plotted), "the {label} line is on its label's row:\n{screen}");
    }
    let lone = history_of(vec![sample_attempt("a1", "missed-deadline", 90.0, 30)]);
    let marks: usize = lone
        .lines()
        .filter(|r| !r.contains("1:00│") && !r.contains("2:00│"))
        .filter_map(|r| r.split_once("│    │").map(|(_, plot)| plot.chars().filter(|&c| is_plotted(c)).count()))
        .sum();
    assert_eq!(marks, 1, "one attempt, one mark:\n{lone}");
}

#[test]
fn same_day_practice_labels_the_chart_with_times_and_splits_read_in_words() {
    let screen = history_of(vec![
        sample_attempt("a1", "missed-deadline", 95.0, 6),
        sample_attempt("a2", "missed-deadline", 110.0, 2),
    ]);
    assert!(screen.contains("Prompt 4: times on 11-30"), "{screen}");
    assert!(screen.contains("03:15") && screen.contains("07:15"), "{screen}");
    assert!(screen.contains("1:50  S 10 T 10 A 50 R 30"), "{screen}");
}

#[test]
fn the_summary_heads_its_on_target_share_with_the_target_in_effect() {
    let mut h = Harness::new(bank(), 80, 24);
    h.app.settings.config.target = crate::practice::Target { min_secs: 75.0, max_secs: 110.0 };
    h.press(KeyCode::Char('3'));
    let screen = h.render(80, 24);
    assert!(screen.contains("On 1:15–1:50"), "{screen}");
    assert!(!screen.contains("On 1–2"), "{screen}");
}

#[test]
fn at_80x24_the_attempts_show_their_date_and_story_cut_with_an_ellipsis() {
    let mut h = Harness::new(bank(), 80, 24);
    h.press(KeyCode::Char('3'));
    let screen = h.render(80, 24);
    assert!(screen.contains("11-30 07:15 3 1:28  on target"), "{screen}");
    assert!(screen.contains("Checkout time…"), "{screen}");
    assert!(screen.contains("2. Describe a time you delivered a simple…"), "{screen}");
}

#[test]
fn a_lone_attempt_is_labelled_once() {
    let screen = history_of(vec![sample_attempt("a1", "missed-deadline", 90.0, 30)]);
    assert_eq!(screen.matches("03:15").count(), 2, "once in the table, once under the chart:\n{screen}");
}
