//! The drill's screens: snapshots of each step, a drill through to its report, late picks, skips, leaving early,
//! and the history of drilled answers.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Harness, sample_story, wall};
use crate::drill::DrillOptions;
use crate::model::{Bank, Story};
use crate::store::Store;
use crate::tui::effect::Question;
use crate::tui::overlay::Overlay;
use crate::tui::screens::Screen;
use crate::tui::screens::drill::{DrillScreen, DrillStep};

fn two_stories() -> Bank {
    let mut second = Story::new("s2".into(), "Budget cut in half".into(), wall());
    second.principles = vec!["Frugality".into(), "Deliver Results".into()];
    Bank { stories: vec![sample_story(), second], attempts: Vec::new(), ..Bank::default() }
}

/// A harness on the first question of a seeded drill of `count` questions on Frugality.
fn in_drill(count: usize) -> Harness {
    let mut h = Harness::new(two_stories(), 80, 24);
    let options = DrillOptions { count: Some(count), principle: Some("Frugality".into()), seed: 7 };
    h.app.start_drill(&options).unwrap();
    h
}

fn drill(h: &Harness) -> &DrillScreen {
    match &h.app.screen {
        Some(Screen::Drill(drill)) => drill,
        _ => panic!("not in the drill"),
    }
}

fn on_pick(h: &Harness) -> bool {
    matches!(drill(h).step, DrillStep::Pick(_))
}

fn on_report(h: &Harness) -> bool {
    matches!(drill(h).step, DrillStep::Report(_))
}

/// Picks the story under the cursor after `pick` seconds, answers for `secs` and reviews it (see
/// `answer_and_review`), then saves and moves on.
fn answer(h: &mut Harness, pick: f64, secs: f64) {
    h.advance(pick);
    h.press(KeyCode::Enter);
    h.answer_and_review(secs);
    h.press(KeyCode::Char('s'));
}

/// Picks after `pick` seconds and answers for `secs`, without a mark: the review is showing.
fn pick_and_finish(h: &mut Harness, pick: f64, secs: f64) {
    h.advance(pick);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.advance(secs);
    h.press(KeyCode::Enter);
}

#[test]
fn setup_from_the_prompts_screen() {
    let mut h = Harness::new(two_stories(), 80, 24);
    h.press(KeyCode::Char('d'));
    let Some(Screen::Drill(screen)) = &mut h.app.screen else { panic!("d opens the drill") };
    let DrillStep::Setup(setup) = &mut screen.step else { panic!("setup first") };
    setup.seed = 42;
    // Any principle, then the first the bank has questions on: Customer Obsession, then Ownership.
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('-'));
    snap_both!(h, "drill_setup");
    h.press(KeyCode::Char('h'));
    h.press(KeyCode::Char('h'));
    h.press(KeyCode::Char('h'));
    for _ in 0..200 {
        h.press(KeyCode::Char('+'));
    }
    let Some(Screen::Drill(screen)) = &h.app.screen else { panic!() };
    let DrillStep::Setup(setup) = &screen.step else { panic!() };
    let last = h.app.guide.all_principles().into_iter().rfind(|p| h.app.guide.questions_on(p).next().is_some());
    assert_eq!(setup.principle.as_deref(), last, "left of 'any' wraps round to the last principle");
    assert_eq!(setup.count, h.app.guide.questions_on(last.unwrap()).count(), "no more than the bank has");
    h.press(KeyCode::Enter);
    let session = drill(&h).session.as_ref().expect("started");
    assert_eq!((session.plan.seed, session.plan.principle.as_deref()), (42, last));
    assert!(on_pick(&h));
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(Question::LeaveDrill { answered: 0, .. }))));
    h.press(KeyCode::Char('y'));
    assert!(h.app.screen.is_none(), "nothing answered: straight back");
}

#[test]
fn a_drill_to_its_report_saving_each_answer_at_once() {
    let mut h = in_drill(3);
    h.advance(12.4);
    snap_both!(h, "drill_pick");
    let first = drill(&h).session.as_ref().unwrap().question_id().unwrap().to_string();
    // The story showing Frugality ranks first, though the bank lists it second.
    answer(&mut h, 0.0, 90.0);
    let saved = Store::new(h.app.store.dir()).load().unwrap();
    assert_eq!(saved.attempts.len(), 1, "saved as soon as it is reviewed");
    let attempt = &saved.attempts[0];
    assert_eq!(attempt.prompt, first, "the question's id as its prompt");
    assert_eq!(attempt.story.as_deref(), Some("s2"));
    assert_eq!(attempt.drill.map(|d| d.pick_secs), Some(12.4));
    assert_eq!((attempt.duration_secs, attempt.review.confidence), (90.0, Some(4)));
    assert!(on_pick(&h), "the next question");

    // Late: over 30 seconds, and still taken.
    h.advance(34.0);
    assert!(h.render(80, 24).contains("past 30 seconds"), "{}", h.render(80, 24));
    h.press(KeyCode::Char('j'));
    pick_and_finish(&mut h, 0.0, 65.0);
    snap_both!(h, "drill_review");
    h.press(KeyCode::Char('s'));
    assert_eq!(h.app.bank.attempts[1].drill.map(|d| d.pick_secs), Some(34.0));
    assert_eq!(h.app.bank.attempts[1].story.as_deref(), Some("s1"), "the user's choice, not the ranking's");

    h.advance(3.0);
    h.press(KeyCode::Char('x'));
    assert!(on_report(&h), "a skip on the last question ends the drill");
    assert_eq!(h.app.bank.attempts.len(), 2, "a skip saves nothing");
    snap_both!(h, "drill_report");
    let report = h.render(80, 24);
    assert!(report.contains("1 of 3 picks late"), "{report}");
    h.press(KeyCode::Enter);
    assert!(h.app.screen.is_none());
}

#[test]
fn the_answer_step_is_practice_on_the_drilled_question() {
    let mut h = in_drill(1);
    h.advance(5.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.advance(20.0);
    h.press(KeyCode::Char('n'));
    h.advance(11.0);
    snap_both!(h, "drill_answer");
    assert!(h.app.next_wake(h.now()).is_some(), "the answer's clock wakes the loop");
}

#[test]
fn the_pick_clock_wakes_the_loop_each_second() {
    let mut h = in_drill(1);
    h.advance(2.25);
    assert_eq!(h.app.next_wake(h.now()), Some(std::time::Duration::from_millis(750)));
    h.advance(40.0);
    assert!(h.app.next_wake(h.now()).is_some(), "late picks keep counting");
}

#[test]
fn leaving_keeps_the_answers_and_the_one_under_review() {
    let mut h = in_drill(3);
    answer(&mut h, 4.0, 80.0);
    pick_and_finish(&mut h, 0.0, 61.0);
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(Question::LeaveDrill { answered: 1, reviewing: true }))));
    assert!(h.render(80, 24).contains("This answer is kept"));
    h.press(KeyCode::Char('y'));
    assert!(on_report(&h), "the report of what was answered");
    assert_eq!(Store::new(h.app.store.dir()).load().unwrap().attempts.len(), 2);
    assert!(h.render(80, 24).contains("2 of 3 questions answered"));
}

#[test]
fn ctrl_c_on_the_review_keeps_the_answer() {
    let mut h = in_drill(2);
    pick_and_finish(&mut h, 3.0, 70.0);
    h.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quitting());
    let saved = Store::new(h.app.store.dir()).load().unwrap();
    assert_eq!(saved.attempts.len(), 1);
    assert_eq!(saved.attempts[0].drill.map(|d| d.pick_secs), Some(3.0));
}

#[test]
fn drilled_answers_in_the_history_by_their_question() {
    let mut h = in_drill(1);
    let question = drill(&h).session.as_ref().unwrap().question(h.app.guide).unwrap().clone();
    answer(&mut h, 9.0, 75.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('3'));
    let table = h.render(120, 30);
    assert!(table.contains("drill · Budget cut in half"), "{table}");
    // The filter goes through the prompts practised, then reaches the drilled question.
    for _ in 0..=h.app.guide.prompts.len() {
        if h.app.tabs.history.prompt_filter.as_deref() == Some(question.id.as_str()) {
            break;
        }
        h.press(KeyCode::Char('f'));
    }
    assert_eq!(h.app.tabs.history.prompt_filter.as_deref(), Some(question.id.as_str()));
    assert_eq!(h.app.tabs.history.rows.len(), 1);
    assert!(h.render(120, 30).contains("Drill: "), "{}", h.render(120, 30));
    h.press(KeyCode::Enter);
    let page = h.render(80, 24);
    assert!(page.contains(&question.question[..30]), "the question, not its id: {page}");
    assert!(page.contains("Pick: 0:09 to choose the story"), "{page}");
    insta::assert_snapshot!("drill_attempt_80x24", page);
}

#[test]
fn every_drill_screen_renders_at_any_size() {
    let check = super::renders_at_any_size;
    let mut setup = Harness::new(two_stories(), 80, 24);
    setup.press(KeyCode::Char('d'));
    check(&mut setup);
    let mut h = in_drill(2);
    check(&mut h);
    h.advance(45.0);
    check(&mut h);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.advance(70.0);
    check(&mut h);
    h.press(KeyCode::Enter);
    check(&mut h);
    h.press(KeyCode::Char('s'));
    answer(&mut h, 2.0, 50.0);
    assert!(on_report(&h));
    check(&mut h);
}
