//! The shell and the practice loop: prompts, guidance, practice, review, tabs, help, sizes, failed saves.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Size;

use super::{Harness, bank_with_story, sample_attempt, sample_story, wall};
use crate::content::Guide;
use crate::model::Bank;
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::overlay::Overlay;
use crate::tui::screens::{Screen, Tab};

#[test]
fn prompts_list() {
    let mut h = Harness::empty(80, 24);
    snap_both!(h, "prompts");
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Down);
    assert_eq!(h.app.tabs.prompts.selected(), 2);
    h.press(KeyCode::Char('k'));
    assert_eq!(h.app.tabs.prompts.selected(), 1);
}

#[test]
fn guidance_view_scrolls_and_clamps() {
    let mut h = Harness::empty(80, 24);
    h.chars("jj");
    h.press(KeyCode::Enter);
    snap_both!(h, "guidance");
    h.press(KeyCode::Char('G'));
    let Some(Screen::Guidance(view)) = &h.app.screen else { panic!("not on guidance") };
    let bottom = view.scroll.offset();
    assert!(bottom > 0);
    h.press(KeyCode::Char('j'));
    let Some(Screen::Guidance(view)) = &h.app.screen else { panic!() };
    assert_eq!(view.scroll.offset(), bottom, "scrolling stops at the end");
    insta::assert_snapshot!("guidance_end_80x24", h.render(80, 24));
    h.press(KeyCode::Esc);
    assert!(h.app.screen.is_none());
}

#[test]
fn general_guide_view() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('i'));
    insta::assert_snapshot!("guide_80x24", h.render(80, 24));
}

#[test]
fn practice_before_during_each_phase_overtime_and_review() {
    let mut h = Harness::new(bank_with_story(), 80, 24);
    h.chars("jjj");
    h.press(KeyCode::Char('p'));
    let Some(Screen::Practice(practice)) = &h.app.screen else { panic!("not practising") };
    assert_eq!(practice.answer.story.as_deref(), Some("s1"), "the story mapped to the prompt is offered first");
    snap_both!(h, "practice_ready");
    h.press(KeyCode::Char(' '));
    h.advance(12.4);
    snap_both!(h, "practice_situation");
    h.press(KeyCode::Char('n'));
    h.advance(25.0);
    snap_both!(h, "practice_task_long_setup");
    h.press(KeyCode::Char('n'));
    h.advance(50.0);
    snap_both!(h, "practice_action");
    h.press(KeyCode::Char('n'));
    h.advance(40.0);
    snap_both!(h, "practice_result_overtime");
    h.press(KeyCode::Char(' '));
    h.advance(100.0);
    insta::assert_snapshot!("practice_paused_80x24", h.render(80, 24));
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.screen, Some(Screen::Review(_))));
    snap_both!(h, "review");
}

#[test]
fn pausing_stops_the_clock() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(10.0);
    h.press(KeyCode::Char(' '));
    h.advance(50.0);
    let Some(Screen::Practice(practice)) = &h.app.screen else { panic!() };
    assert_eq!(practice.answer.timer.elapsed(h.now()), Duration::from_secs(10));
    assert_eq!(h.app.next_wake(h.now()), None, "a paused clock needs no redraws");
}

#[test]
fn hide_cues_and_pick_a_story() {
    let mut h = Harness::new(bank_with_story(), 80, 24);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char('h'));
    insta::assert_snapshot!("practice_cues_hidden_80x24", h.render(80, 24));
    h.press(KeyCode::Char('t'));
    insta::assert_snapshot!("story_picker_80x24", h.render(80, 24));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Enter);
    let Some(Screen::Practice(practice)) = &h.app.screen else { panic!() };
    assert_eq!(practice.answer.story, None, "the last choice is 'no story'");
}

#[test]
fn review_checklist_confidence_note_and_save() {
    let mut h = Harness::empty(80, 24);
    h.chars("jjj");
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(5.0);
    h.chars("nnn");
    h.advance(70.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Down);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('4'));
    h.press(KeyCode::Char('e'));
    h.chars("Lead with the metric");
    let now = h.now();
    h.app.handle_paste("\u{1b}[2J pasted\r\n", now, wall());
    insta::assert_snapshot!("review_note_editing_80x24", h.render(80, 24));
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('s'));
    assert!(h.app.screen.is_none());
    let attempt = h.app.bank.attempts.last().expect("saved");
    assert_eq!(attempt.prompt, "missed-deadline");
    assert!(attempt.review.checklist.spoke_as_i && attempt.review.checklist.gave_metric);
    assert!(!attempt.review.checklist.short_setup);
    assert_eq!(attempt.review.confidence, Some(4));
    assert_eq!(attempt.review.note, "Lead with the metric[2J pasted");
    assert_eq!(attempt.duration_secs, 75.0);
    assert_eq!(attempt.phases.len(), 4);
    // It is on disk, not only in memory.
    let mut reread = Store::new(h.app.store.dir());
    assert_eq!(reread.load().unwrap().attempts.len(), 1);
}

#[test]
fn discarding_asks_first() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(3.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
    insta::assert_snapshot!("confirm_discard_80x24", h.render(80, 24));
    h.press(KeyCode::Char('n'));
    assert!(matches!(h.app.screen, Some(Screen::Review(_))), "no keeps the attempt");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('y'));
    assert!(h.app.screen.is_none());
    assert!(h.app.bank.attempts.is_empty());
}

#[test]
fn leaving_a_started_practice_asks_first() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Esc);
    assert!(h.app.screen.is_none(), "nothing to lose before the clock starts");
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
}

#[test]
fn tabs_switch_with_numbers_and_tab_keys_and_q_quits_only_from_the_top() {
    let mut h = Harness::new(bank_with_story(), 80, 24);
    h.press(KeyCode::Char('2'));
    assert_eq!(h.app.tab, Tab::Stories);
    h.press(KeyCode::Tab);
    assert_eq!(h.app.tab, Tab::History);
    h.press(KeyCode::Tab);
    assert_eq!(h.app.tab, Tab::Prompts);
    h.press(KeyCode::BackTab);
    assert_eq!(h.app.tab, Tab::History);
    h.press(KeyCode::Char('1'));
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char('q'));
    assert!(!h.app.quitting(), "q does nothing in practice");
    h.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quitting(), "Ctrl-C always quits");
}

#[test]
fn help_overlay_lists_every_binding() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('?'));
    insta::assert_snapshot!("help_80x24", h.render(80, 24));
    h.chars("jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
    insta::assert_snapshot!("help_scrolled_80x24", h.render(80, 24));
    h.press(KeyCode::Esc);
    assert!(h.app.overlay.is_none());
}

#[test]
fn stories_and_history_lists() {
    let bank = Bank {
        stories: vec![sample_story()],
        attempts: vec![
            sample_attempt("a1", "missed-deadline", 95.0, 30),
            sample_attempt("a2", "simple-solution", 130.0, 2),
        ],
        ..Bank::default()
    };
    let mut h = Harness::new(bank, 80, 24);
    h.press(KeyCode::Char('2'));
    snap_both!(h, "stories_list");
    h.press(KeyCode::Char('3'));
    snap_both!(h, "history_list");
    let mut empty = Harness::empty(80, 24);
    empty.press(KeyCode::Char('2'));
    insta::assert_snapshot!("stories_empty_80x24", empty.render(80, 24));
    empty.press(KeyCode::Char('3'));
    insta::assert_snapshot!("history_empty_80x24", empty.render(80, 24));
}

#[test]
fn every_screen_renders_at_any_size() {
    let sizes = [(0, 0), (1, 1), (1, 80), (80, 1), (20, 5), (19, 24), (80, 24), (300, 100)];
    let mut h = Harness::new(bank_with_story(), 80, 24);
    type Setup = Box<dyn Fn(&mut Harness)>;
    let mut screens: Vec<Setup> = vec![
        Box::new(|_| {}),
        Box::new(|h| h.press(KeyCode::Enter)),
        Box::new(|h| h.press(KeyCode::Char('?'))),
        Box::new(|h| {
            h.press(KeyCode::Char('p'));
            h.press(KeyCode::Char(' '));
            h.advance(61.0);
        }),
        Box::new(|h| h.press(KeyCode::Char('t'))),
        Box::new(|h| {
            h.press(KeyCode::Esc);
            h.press(KeyCode::Enter);
        }),
        Box::new(|h| h.press(KeyCode::Char('e'))),
    ];
    for setup in screens.drain(..) {
        setup(&mut h);
        for &(w, h_) in &sizes {
            h.resize(w, h_);
            let terminal = h.render_terminal(w, h_);
            if (w < 20 || h_ < 5) && w > 0 && h_ > 0 {
                let first = terminal.backend().buffer()[(0, 0)].symbol().to_string();
                assert_eq!(first, "t", "'terminal too small' at {w}x{h_}");
            }
        }
    }
    assert!(h.render(19, 3).contains("terminal too"));
}

#[test]
fn a_failed_save_keeps_the_attempt_says_so_retries_and_asks_before_quitting() {
    use crate::store::FaultPoint;
    let mut h = Harness::empty(80, 24);
    let before = std::fs::read(h.app.store.path()).unwrap();
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(70.0);
    h.press(KeyCode::Enter);
    h.app.store.inject_fault(FaultPoint::Write);
    h.press(KeyCode::Char('s'));
    assert_eq!(h.app.bank.attempts.len(), 1, "kept in memory");
    assert!(h.app.unsaved);
    let status = h.app.status.as_ref().expect("says so");
    assert!(status.is_error && status.text.starts_with("Not saved: could not write"), "{}", status.text);
    assert!(h.render(80, 24).contains("Not saved: could not write"), "the footer says it");
    assert_eq!(std::fs::read(h.app.store.path()).unwrap(), before, "the file is as it was");
    // Quitting now asks first; answering no keeps the app open.
    h.app.store.inject_fault(FaultPoint::Rename);
    h.press(KeyCode::Char('q'));
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
    h.press(KeyCode::Char('n'));
    assert!(!h.app.quitting());
    // The retry comes by itself a few seconds later.
    assert!(h.app.next_wake(h.now()).is_some());
    h.advance(6.0);
    let now = h.now();
    h.app.tick(now);
    assert!(!h.app.unsaved);
    assert_eq!(Store::new(h.app.store.dir()).load().unwrap().attempts.len(), 1);
}

#[test]
fn a_file_from_a_newer_version_opens_read_only_and_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Store::new(dir.path());
    writer.save(&bank_with_story()).unwrap();
    let path = writer.path().to_path_buf();
    let (current, next) = (crate::store::SCHEMA_VERSION, crate::store::SCHEMA_VERSION + 1);
    let newer = std::fs::read_to_string(&path)
        .unwrap()
        .replace(&format!("\"schema_version\": {current}"), &format!("\"schema_version\": {next}"));
    std::fs::write(&path, &newer).unwrap();
    let mut store = Store::new(dir.path());
    assert!(store.lock().unwrap());
    let opened = store.open(crate::practice::Target::default()).unwrap();
    let now = Instant::now();
    let mut app = App::with_history(Guide::bundled(), store, opened, now, wall(), Size { width: 80, height: 24 });
    app.local_dates = false;
    app.announce_read_only();
    let mut h = Harness { app, base: now, offset: Duration::ZERO, dir: tempfile::tempdir().unwrap(), analysed: None };
    let screen = h.render(80, 24);
    assert!(screen.contains("READ-ONLY"), "{screen}");
    for width in [20, 30] {
        let header = h.render(width, 6).lines().next().unwrap().to_string();
        assert!(header.contains("READ-ONLY"), "the badge stays at {width} columns: {header}");
    }
    let said = format!("Read-only: the data file is from a newer star-coach (schema version {next})");
    assert!(screen.contains(&said), "{screen}");
    // Changes are refused in a sentence, not let vanish at quit; practice works, its saving is refused too.
    let refused = |h: &Harness, what: &str| {
        let status = h.app.status.as_ref().expect("a sentence says why");
        assert!(
            status.is_error && status.text.starts_with("Read-only: ") && status.text.contains(what),
            "{}",
            status.text
        );
    };
    h.press(KeyCode::Char('2'));
    for key in ['e', 'a', 'd', 'u'] {
        h.press(KeyCode::Char(key));
        assert!(h.app.screen.is_none(), "{key} opens nothing");
        refused(&h, "stories cannot be written or deleted here");
    }
    h.press(KeyCode::Char('1'));
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(61.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    refused(&h, "this attempt cannot be saved");
    assert!(matches!(h.app.screen, Some(Screen::Review(_))), "the review stays, to read or discard");
    h.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quitting());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn every_way_out_keeps_a_finished_answer() {
    // Ctrl-C here; a signal or a closed terminal take the same flush (the pty tests send them for real).
    for (what, finish) in [("Ctrl-C", None), ("Ctrl-C over the discard question", Some(KeyCode::Esc))] {
        let mut h = Harness::empty(80, 24);
        h.press(KeyCode::Char('p'));
        h.press(KeyCode::Char(' '));
        h.advance(70.0);
        h.press(KeyCode::Enter);
        h.press(KeyCode::Char(' '));
        h.press(KeyCode::Char('4'));
        h.press(KeyCode::Char('e'));
        h.chars("kept");
        h.press(KeyCode::Esc);
        if let Some(key) = finish {
            h.press(key);
            assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))), "{what}");
        }
        h.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(h.app.quitting(), "{what}");
        let saved = Store::new(h.app.store.dir()).load().unwrap();
        assert_eq!(saved.attempts.len(), 1, "{what}: the answer is in the history");
        let attempt = &saved.attempts[0];
        assert_eq!((attempt.duration_secs, attempt.review.confidence), (70.0, Some(4)), "{what}");
        assert!(attempt.review.checklist.spoke_as_i && attempt.review.note == "kept", "{what}");
    }
}

#[test]
fn an_answer_whose_clock_runs_is_not_saved_as_if_finished() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(30.0);
    h.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quitting());
    assert!(Store::new(h.app.store.dir()).load().unwrap().attempts.is_empty());
}

#[test]
fn ctrl_z_saves_first_and_asks_the_loop_to_suspend() {
    let mut h = Harness::new(bank_with_story(), 80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('e'));
    h.chars("then suspended ");
    h.press_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert!((h.app.request == Some(crate::tui::app::Request::Suspend)), "the loop suspends");
    assert!(!h.app.quitting());
    let saved = Store::new(h.app.store.dir()).load().unwrap();
    assert!(saved.stories[0].title.contains("then suspended"), "typed text is on disk before the process stops");
    assert!(matches!(h.app.screen, Some(Screen::Editor(_))), "and the editor is still there to come back to");
}

#[test]
fn a_retry_that_succeeds_takes_back_the_quit_question() {
    use crate::store::FaultPoint;
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(70.0);
    h.press(KeyCode::Enter);
    h.app.store.inject_fault(FaultPoint::Write);
    h.press(KeyCode::Char('s'));
    h.app.store.inject_fault(FaultPoint::Rename);
    h.press(KeyCode::Char('q'));
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))), "asks: the save failed twice");
    h.advance(6.0);
    let now = h.now();
    h.app.tick(now);
    assert!(h.app.overlay.is_none(), "the disk took it: nothing to ask about any more");
    assert!(h.render(80, 24).contains("Saved after all"));
}
