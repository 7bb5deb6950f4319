//! The plan in the coach: the countdown in the header, today's list on the Prompts screen, setting the date, the
//! phase countdown while answering and the phase verdicts in the review.

use chrono::{Days, NaiveDate};
use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::model::Checklist;
use crate::tui::screens::Screen;

fn today() -> NaiveDate {
    wall().date_naive()
}

/// Seven prompts, the interview nine days out: why-amazon done well today, tight-deadline badly yesterday, the
/// rest never practised.
pub(super) fn planned_bank() -> Bank {
    let mut done = sample_attempt("a1", "why-amazon", 95.0, 1);
    done.review.checklist = Checklist { spoke_as_i: true, gave_metric: true, short_setup: true, stated_learning: true };
    done.review.confidence = Some(4);
    let mut bad = sample_attempt("a2", "tight-deadline", 170.0, 24);
    bad.review.confidence = Some(2);
    let mut bank = bank_with_story();
    bank.attempts = vec![done, bad];
    bank.plan.interview_date = Some(today() + Days::new(9));
    bank
}

#[test]
fn the_header_counts_down_and_the_prompts_screen_lists_today() {
    let mut h = Harness::new(planned_bank(), 80, 24);
    let screen = h.render(80, 24);
    assert!(screen.lines().next().unwrap().contains("Interview in 9 days · Prompts"), "{screen}");
    let today = h.app.plan.today_items();
    assert_eq!(today.iter().filter(|i| i.done).count(), 1);
    assert_eq!(today[0].card.prompt(), Some("tight-deadline"), "the weak one first");
    assert!(screen.contains("Today: 2 due, 1 done · x starts the first · D changes the interview date"), "{screen}");
    assert!(screen.contains("✓ 1. Why do you want to work at Amazon? — done today, graded Good"), "{screen}");
    snap_both!(h, "plan_prompts_today");
    // x practises the first due, not the one done.
    h.press(KeyCode::Char('x'));
    let Some(Screen::Practice(practice)) = &h.app.screen else { panic!("x starts practice") };
    assert_eq!(practice.answer.prompt, "tight-deadline");
}

#[test]
fn a_saved_answer_moves_from_due_to_done() {
    let mut h = Harness::new(planned_bank(), 80, 24);
    let due_before = h.app.plan.today_items().iter().filter(|i| !i.done).count();
    h.press(KeyCode::Char('x'));
    h.press(KeyCode::Char(' '));
    h.advance(90.0);
    h.chars("\r1234s");
    let items = h.app.plan.today_items();
    assert_eq!(items.iter().filter(|i| !i.done).count(), due_before - 1);
    let done: Vec<&str> = items.iter().filter(|i| i.done).filter_map(|i| i.card.prompt()).collect();
    assert!(done.contains(&"tight-deadline"), "{done:?}");
}

#[test]
fn the_date_is_set_moved_and_cleared_in_the_coach() {
    let mut h = Harness::new(bank_with_story(), 80, 24);
    assert!(!h.render(80, 24).lines().next().unwrap().contains("Interview"), "no date, no countdown");
    h.press(KeyCode::Char('D'));
    let Some(Screen::Interview(screen)) = &h.app.screen else { panic!("D opens the date") };
    assert_eq!(screen.date, today() + Days::new(14), "two weeks out to start from");
    h.press(KeyCode::Up);
    h.press(KeyCode::Right);
    h.press(KeyCode::Right);
    let screen = h.render(80, 24);
    assert!(screen.contains("Wed 9 Dec 2026 · interview in 9 days"), "{screen}");
    assert!(screen.contains("7 of 7 prompts come up at least twice, 7 in the last two days."), "{screen}");
    snap_both!(h, "plan_interview_date");
    h.press(KeyCode::Enter);
    assert!(h.app.screen.is_none(), "Enter sets it and goes back");
    assert_eq!(h.app.bank.plan.interview_date, Some(today() + Days::new(9)));
    let on_disk = Store::new(h.app.store.dir()).load().unwrap();
    assert_eq!(on_disk.plan.interview_date, Some(today() + Days::new(9)), "saved at once");
    let screen = h.render(80, 24);
    assert!(screen.lines().next().unwrap().contains("Interview in 9 days"), "{screen}");
    assert!(screen.contains("Planning toward Wed 9 Dec 2026: interview in 9 days."), "{screen}");
    // Esc keeps it; x forgets it.
    h.chars("D");
    h.press(KeyCode::Right);
    h.press(KeyCode::Esc);
    assert_eq!(h.app.bank.plan.interview_date, Some(today() + Days::new(9)));
    h.chars("Dx");
    assert_eq!(h.app.bank.plan.interview_date, None);
    assert_eq!(h.app.plan.countdown(), None);
    // Never before today, whatever the keys.
    h.press(KeyCode::Char('D'));
    for _ in 0..5 {
        h.press(KeyCode::Up);
    }
    let Some(Screen::Interview(screen)) = &h.app.screen else { panic!() };
    assert_eq!(screen.date, today());
}

#[test]
fn the_phase_counts_down_beside_the_quieter_whole_answer() {
    let mut h = Harness::new(bank_with_story(), 80, 24);
    // Prompt 2, a STAR story (prompt 1 has parts of its own).
    h.chars("jp ");
    h.advance(10.0);
    h.chars("nn");
    h.advance(11.0);
    let screen = h.render(80, 24);
    assert!(screen.contains("Action 0:34 of 0:45 · answer 0:21 · RUNNING"), "{screen}");
    snap_both!(h, "plan_phase_countdown");
    h.advance(38.0);
    assert!(h.render(80, 24).contains("Action 0:11 to 1:00"));
    h.advance(20.0);
    assert!(h.render(80, 24).contains("Action 9 s over 1:00"));
}

#[test]
fn the_review_judges_every_phase() {
    // The 2:05 answer: Action at 12%, Result at 68%.
    let mut h = Harness::new(bank_with_story(), 80, 24);
    h.chars("jp ");
    h.advance(15.0);
    h.press(KeyCode::Char('n'));
    h.advance(10.0);
    h.press(KeyCode::Char('n'));
    h.advance(15.0);
    h.press(KeyCode::Char('n'));
    h.advance(85.0);
    h.press(KeyCode::Enter);
    let screen = h.render(80, 24);
    assert!(screen.contains("Action     0:15  12%"), "{screen}");
    assert!(screen.contains("THIN: 50% suggested"), "{screen}");
    assert!(screen.contains("⚠ Action took 12%: the part interviewers listen to most."), "{screen}");
    assert!(screen.contains("⚠ over budget: Result 1:25 (≤ 0:30)."), "{screen}");
    assert!(!screen.contains("as it should be"), "the old setup-only verdict is gone: {screen}");
    assert!(screen.contains("The plan grades this Again"), "{screen}");
    snap_both!(h, "plan_review_verdicts");
}
