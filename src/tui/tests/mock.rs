//! The mock interview screens: snapshots of each step and the flow through two rounds.

use crate::model::{Bank, Story};
use ratatui::crossterm::event::KeyCode;

use super::{Harness, sample_story, wall};
use crate::mock::MockOptions;
use crate::tui::effect::Question;
use crate::tui::overlay::Overlay;
use crate::tui::screens::mock::MockStep;
use crate::tui::screens::{Screen, Tab};

fn two_stories() -> Bank {
    let mut second = Story::new("s2".into(), "Memory leak outage".into(), wall());
    second.principles = vec!["Ownership".into(), "Earn Trust".into()];
    second.prompts = vec!["biggest-failure".into()];
    Bank { stories: vec![sample_story(), second], attempts: Vec::new(), ..Bank::default() }
}

/// A harness in round 1 of a seeded two-round mock.
fn in_mock() -> Harness {
    let mut h = Harness::new(two_stories(), 80, 24);
    h.app.start_mock(MockOptions { count: 2, seed: 7, cues: true }).unwrap();
    h
}

fn step(h: &Harness) -> &MockStep {
    match &h.app.screen {
        Some(Screen::Mock(mock)) => &mock.step,
        _ => panic!("not in the mock"),
    }
}

/// Answers the current round: the story at the top of the list, `secs` aloud, then each follow-up in 45 s.
fn answer_round(h: &mut Harness, secs: f64) {
    h.press(KeyCode::Enter);
    if h.app.overlay.is_some() {
        h.press(KeyCode::Char('y'));
    }
    h.answer_and_review(secs);
    h.press(KeyCode::Char('s'));
    while matches!(step(h), MockStep::FollowUp(_)) {
        h.press(KeyCode::Char(' '));
        h.advance(45.0);
        h.press(KeyCode::Enter);
    }
}

#[test]
fn setup_from_the_prompts_screen() {
    let mut h = Harness::new(two_stories(), 80, 24);
    h.press(KeyCode::Char('m'));
    let Some(Screen::Mock(mock)) = &mut h.app.screen else { panic!("m opens the mock") };
    let MockStep::Setup(options) = &mut mock.step else { panic!("setup first") };
    options.seed = 42;
    h.press(KeyCode::Char('-'));
    h.press(KeyCode::Char('h'));
    insta::assert_snapshot!("mock_setup_80x24", h.render(80, 24));
    h.press(KeyCode::Char('9'));
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Enter);
    let Some(Screen::Mock(mock)) = &h.app.screen else { panic!() };
    let session = mock.session.as_ref().unwrap();
    assert_eq!((session.plan.prompts.len(), session.plan.seed, session.plan.cues), (2, 42, false));
}

#[test]
fn a_round_a_follow_up_and_the_report() {
    let mut h = in_mock();
    insta::assert_snapshot!("mock_story_80x24", h.render(80, 24));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.advance(12.0);
    h.press(KeyCode::Char('n'));
    h.press(KeyCode::Char('n'));
    h.advance(30.5);
    insta::assert_snapshot!("mock_round_running_80x24", h.render(80, 24));
    h.advance(50.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('s'));
    assert!(matches!(step(&h), MockStep::FollowUp(_)));
    h.press(KeyCode::Char(' '));
    h.advance(41.0);
    insta::assert_snapshot!("mock_follow_up_80x24", h.render(80, 24));
    while matches!(step(&h), MockStep::FollowUp(_)) {
        h.press(KeyCode::Enter);
        h.press(KeyCode::Char(' '));
        h.advance(70.0);
    }
    assert_eq!(h.app.bank.attempts.len(), 1, "round 1 is saved as soon as it is done");
    answer_round(&mut h, 130.0);
    assert!(matches!(step(&h), MockStep::Report { .. }));
    insta::assert_snapshot!("mock_report_80x24", h.render(80, 24));
    let attempts = &h.app.bank.attempts;
    assert_eq!(attempts.len(), 2);
    assert!(attempts[0].mock.is_some() && attempts[0].mock == attempts[1].mock);
    assert!(!attempts[0].follow_ups.is_empty());
    let on_disk = crate::store::Store::new(h.app.store.dir()).load().unwrap();
    assert_eq!(on_disk.attempts, *attempts);
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Esc);
    assert!(h.app.screen.is_none() && h.app.tab == Tab::Prompts);
}

#[test]
fn telling_a_story_again_asks_first() {
    let mut h = in_mock();
    answer_round(&mut h, 90.0);
    let told = h.app.bank.attempts[0].story.clone().unwrap();
    // Put the story told in round 1 under the cursor.
    let Some(Screen::Mock(mock)) = &h.app.screen else { panic!() };
    let prompt = mock.session.as_ref().unwrap().prompt_id().unwrap().to_string();
    let index = crate::tui::widgets::stories::story_choices(&h.app.bank, &prompt)
        .iter()
        .position(|c| c.as_deref() == Some(&told));
    // The list opens on a story not told yet: go to the top, then down to the one told.
    for _ in 0..5 {
        h.press(KeyCode::Char('k'));
    }
    for _ in 0..index.unwrap() {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Enter);
    insta::assert_snapshot!("mock_reuse_confirm_80x24", h.render(80, 24));
    h.press(KeyCode::Char('n'));
    assert!(matches!(step(&h), MockStep::Story { .. }), "no: still choosing");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('y'));
    assert!(matches!(step(&h), MockStep::Answer(p) if p.story.as_deref() == Some(told.as_str())));
}

#[test]
fn leaving_mid_mock_keeps_the_finished_rounds() {
    let mut h = in_mock();
    answer_round(&mut h, 90.0);
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.advance(20.0);
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(Question::LeaveMock { finished: 1 }))));
    assert!(h.render(80, 24).contains("Leave the mock?"));
    h.press(KeyCode::Char('y'));
    assert!(matches!(step(&h), MockStep::Report { .. }), "the report of the round finished");
    assert_eq!(h.app.bank.attempts.len(), 1);
    let mut fresh = in_mock();
    fresh.press(KeyCode::Esc);
    fresh.press(KeyCode::Char('y'));
    assert!(fresh.app.screen.is_none());
}

#[test]
fn every_mock_screen_renders_at_any_size() {
    let check = super::renders_at_any_size;
    let mut setup = Harness::new(two_stories(), 80, 24);
    setup.press(KeyCode::Char('m'));
    check(&mut setup);
    let mut h = in_mock();
    check(&mut h);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.advance(70.0);
    check(&mut h);
    h.press(KeyCode::Enter);
    check(&mut h);
    h.press(KeyCode::Char('s'));
    h.press(KeyCode::Char(' '));
    h.advance(200.0);
    check(&mut h);
    while matches!(step(&h), MockStep::FollowUp(_)) {
        h.press(KeyCode::Enter);
        h.press(KeyCode::Char(' '));
    }
    answer_round(&mut h, 90.0);
    check(&mut h);
}

#[test]
fn the_follow_up_keeps_its_keys_in_the_footer_and_says_how_the_answer_went() {
    let mut h = in_mock();
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.advance(70.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    assert!(matches!(step(&h), MockStep::FollowUp(_)));
    let screen = h.render(80, 24);
    assert!(screen.contains("Space start/pause"), "the footer's keys, not a status:\n{screen}");
    assert!(screen.contains("Your answer: 1:10, on target."), "{screen}");
    h.press(KeyCode::Char(' '));
    h.advance(45.0);
    h.press(KeyCode::Enter);
    let screen = h.render(80, 24);
    if matches!(step(&h), MockStep::FollowUp(_)) {
        assert!(screen.contains("follow-up 1: 0:45, on target"), "{screen}");
        assert!(screen.contains("Space start/pause"), "{screen}");
    }
}

#[test]
fn the_next_round_offers_a_story_not_told_yet_and_the_report_says_more_is_below() {
    let mut h = in_mock();
    answer_round(&mut h, 90.0);
    let told = h.app.bank.attempts[0].story.clone();
    let Some(Screen::Mock(mock)) = &h.app.screen else { panic!() };
    let MockStep::Story(cursor) = &mock.step else { panic!("on to round 2's story") };
    let prompt = mock.session.as_ref().unwrap().prompt_id().unwrap().to_string();
    let choices = crate::tui::widgets::stories::story_choices(&h.app.bank, &prompt);
    assert_ne!(choices[cursor.selected], told, "the story told in round 1 is not preselected");
    assert!(h.render(80, 24).contains("Round 1 saved: 1:30, on target"), "{}", h.render(80, 24));
    answer_round(&mut h, 130.0);
    let screen = h.render(80, 24);
    assert!(screen.contains("more lines below: j scrolls"), "{screen}");
    assert!(screen.contains("Mock interview report: 2 of 2 rounds"), "{screen}");
}

#[test]
fn a_round_on_a_prompt_without_a_story_goes_straight_to_its_answer() {
    let mut h = Harness::new(two_stories(), 80, 24);
    h.app.start_mock(MockOptions { count: 7, seed: 7, cues: true }).unwrap();
    let prompt = |h: &Harness| match &h.app.screen {
        Some(Screen::Mock(mock)) => mock.session.as_ref().unwrap().prompt_id().unwrap_or_default().to_string(),
        _ => panic!("not in the mock"),
    };
    let mut asked_why = false;
    for _ in 0..7 {
        if prompt(&h) != "why-amazon" {
            assert!(matches!(step(&h), MockStep::Story(_)), "a story prompt asks for its story first");
            answer_round(&mut h, 90.0);
            continue;
        }
        asked_why = true;
        let MockStep::Answer(answer) = step(&h) else { panic!("no story to pick for Why Amazon") };
        assert_eq!(answer.story, None);
        assert!(h.render(80, 24).contains("Press n as you move Mission → Role fit"), "{}", h.render(80, 24));
        h.answer_and_review(90.0);
        h.press(KeyCode::Char('s'));
        while matches!(step(&h), MockStep::FollowUp(_)) {
            h.press(KeyCode::Char(' '));
            h.advance(45.0);
            h.press(KeyCode::Enter);
        }
    }
    assert!(asked_why, "seven rounds ask every prompt");
    assert!(matches!(step(&h), MockStep::Report(_)));
    let why = h.app.bank.attempts.iter().find(|a| a.prompt == "why-amazon").expect("saved");
    assert_eq!(why.story, None);
}
