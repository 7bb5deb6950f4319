//! Cue cards while answering: a long story fits where it can, says what it hides, and scrolls.

use ratatui::crossterm::event::KeyCode;

use super::Harness;
use super::sizes::long_story;
use crate::mock::MockOptions;
use crate::model::Bank;

/// Practising prompt 4 with the long story, the clock running in the Action phase.
fn practising(width: u16, height: u16) -> Harness {
    let mut h =
        Harness::new(Bank { stories: vec![long_story()], attempts: Vec::new(), ..Bank::default() }, width, height);
    h.chars("jjjp ");
    h.advance(30.0);
    h.chars("nn");
    h.advance(20.0);
    h
}

#[test]
fn at_80x24_every_action_and_result_shows() {
    let h = practising(80, 24);
    let screen = h.render(80, 24);
    let story = long_story();
    for line in story.actions.iter().chain(&story.results) {
        let start: String = line.chars().take(30).collect();
        assert!(screen.contains(&start), "{start:?} is not on the cards:\n{screen}");
    }
    assert!(screen.contains("Learning: Own the runbook"), "{screen}");
}

#[test]
fn a_field_written_over_lines_reads_with_spaces() {
    let h = practising(100, 30);
    let screen = h.render(100, 30);
    assert!(screen.contains("orders a day. A config change"), "{screen}");
    assert!(!screen.contains("day.A"), "{screen}");
}

#[test]
fn cards_that_do_not_fit_say_so_and_scroll() {
    let mut h = practising(60, 20);
    let screen = h.render(60, 20);
    assert!(screen.contains("more lines below: j scrolls"), "{screen}");
    assert!(!screen.contains("Rollbacks now take"), "{screen}");
    for _ in 0..20 {
        h.press(KeyCode::Char('j'));
    }
    let screen = h.render(60, 20);
    assert!(screen.contains("Rollbacks now take 2 minutes"), "scrolled to the end:\n{screen}");
    assert!(screen.contains("Learning: Own the runbook"), "{screen}");
    assert!(screen.contains("lines above: k scrolls back"), "{screen}");
    h.press(KeyCode::Up);
    assert!(h.render(60, 20).contains("more line below"), "one up shows one line hidden below");
}

#[test]
fn the_mock_scrolls_its_cards_too() {
    let mut h = Harness::new(Bank { stories: vec![long_story()], attempts: Vec::new(), ..Bank::default() }, 60, 20);
    h.app.start_mock(MockOptions { count: 1, seed: 7, cues: true }).unwrap();
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.advance(5.0);
    let before = h.render(60, 20);
    assert!(before.contains("more lines below"), "{before}");
    h.press(KeyCode::Down);
    assert_ne!(h.render(60, 20), before, "↓ scrolls the cards in a mock round");
}
