//! The review and an attempt's detail: shares that add up, notes that wrap and keep their lines.

use ratatui::crossterm::event::KeyCode;

use super::{Harness, sample_attempt, sample_story};
use crate::model::Bank;

/// Percentages on the review's phase lines.
fn phase_percents(screen: &str) -> Vec<u32> {
    screen
        .lines()
        .filter(|l| ["Situation ", "Task ", "Action ", "Result "].iter().any(|p| l.starts_with(&format!("\"{p}"))))
        .filter_map(|l| l.split('%').next()?.rsplit(' ').next()?.parse().ok())
        .collect()
}

#[test]
fn the_review_split_adds_up_to_a_hundred() {
    let mut h = Harness::empty(80, 24);
    // Prompt 2, a STAR story.
    h.chars("jp ");
    for secs in [14.5, 42.0, 21.0] {
        h.advance(secs);
        h.press(KeyCode::Char('n'));
    }
    h.advance(14.5);
    h.press(KeyCode::Enter);
    let screen = h.render(80, 24);
    let percents = phase_percents(&screen);
    assert_eq!(percents.len(), 4, "{screen}");
    assert_eq!(percents.iter().sum::<u32>(), 100, "{percents:?}\n{screen}");
    // Each phase judged against its budget, not the setup's share alone.
    assert!(screen.contains("OVER: budget 0:09–0:12"), "{screen}");
    assert!(screen.contains("⚠ Action took 23%: the part interviewers listen to most."), "{screen}");
}

#[test]
fn a_long_note_wraps_and_the_story_gets_its_own_line_when_narrow() {
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() }, 60, 20);
    h.chars("jjjp ");
    h.advance(70.0);
    h.press(KeyCode::Enter);
    h.chars("e");
    h.chars("Lead with the metric, and say what I would do differently next time.");
    h.press(KeyCode::Esc);
    let screen = h.render(60, 20);
    assert!(screen.contains("differently next time."), "the note's end shows:\n{screen}");
    assert!(screen.contains("\"Story: Checkout timeouts"), "the story on its own line:\n{screen}");
    assert!(screen.contains("\"reach it."), "what to work on wraps rather than runs off:\n{screen}");
}

#[test]
fn an_attempt_keeps_its_note_lines_apart() {
    let mut attempt = sample_attempt("a1", "missed-deadline", 90.0, 2);
    attempt.review.note = "Lead with the metric.\nShorter setup.".into();
    let mut h =
        Harness::new(Bank { stories: vec![sample_story()], attempts: vec![attempt], ..Bank::default() }, 80, 24);
    h.chars("3\r");
    let screen = h.render(80, 24);
    assert!(screen.contains("Note: Lead with the metric."), "{screen}");
    assert!(!screen.contains("metric.Shorter"), "{screen}");
    assert!(screen.contains("      Shorter setup."), "{screen}");
}
