//! A session as it really starts: from the history's summary, every attempt read only when the History tab asks.
//! It shows what a session over every attempt shows, and saves only what changed.

use ratatui::crossterm::event::KeyCode;

use super::Harness;
use super::history::bank;
use super::plan::planned_bank;
use super::wall;
use crate::model::Recording;
use crate::model::{Attempt, Bank};
use crate::store::Store;
use crate::tui::app::Request;
use crate::tui::screens::Tab;

/// The history's five attempts over three days and the plan's two graded ones (one today), the interview nine
/// days out.
fn planned_history() -> Bank {
    let mut planned = planned_bank();
    planned.attempts.extend(bank().attempts.into_iter().map(|a| Attempt { id: format!("h{}", a.id), ..a }));
    planned
}

#[test]
fn the_first_screen_from_the_summary_is_the_one_every_attempt_would_draw() {
    let opened = Harness::opened(planned_history(), 80, 24);
    assert!(!opened.app.history.has_every_attempt() && opened.app.bank.attempts.is_empty(), "no attempt read");
    let every = Harness::new(planned_history(), 80, 24);
    let screen = opened.render(80, 24);
    assert!(screen.lines().next().unwrap().contains("Interview in 9 days"), "{screen}");
    assert!(screen.contains("done today, graded Good"), "{screen}");
    assert_eq!(screen, every.render(80, 24));
    assert_eq!(opened.app.plan, every.app.plan);
    assert!(opened.app.plan.days.len() == 9 && opened.app.plan.days.iter().skip(1).any(|d| !d.items.is_empty()));
}

#[test]
fn practice_from_the_summary_plans_as_every_attempt_would_and_the_next_start_too() {
    let mut h = Harness::opened(planned_history(), 80, 24);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(75.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    assert!(!h.app.history.has_every_attempt(), "the plan took the answer in without the others");
    let on_disk = Store::new(h.data_dir()).load().unwrap();
    assert_eq!(on_disk.attempts.len(), planned_history().attempts.len() + 1);
    let mut every = Harness::new(on_disk, 80, 24);
    every.app.wall = h.app.wall;
    every.app.refresh_plan();
    assert_eq!(h.app.plan, every.app.plan);
    let Harness { app, dir, .. } = h;
    drop(app);
    let mut next = Harness::start(dir.path(), 80, 24);
    assert!(!next.history.has_every_attempt(), "the summary's cards serve the next start");
    next.wall = every.app.wall;
    next.refresh_plan();
    assert_eq!(next.plan, every.app.plan);
}

#[test]
fn new_grading_settings_read_every_attempt_before_the_plan() {
    let settings = || {
        let mut settings = crate::settings::Settings::default();
        settings.config.target = crate::practice::Target { min_secs: 60.0, max_secs: 90.0 };
        settings
    };
    let mut h = Harness::opened(planned_history(), 80, 24);
    h.app.apply_settings(settings(), wall());
    assert!(h.app.history.has_every_attempt(), "the cards were graded against another target");
    let mut every = Harness::new(planned_history(), 80, 24);
    every.app.apply_settings(settings(), wall());
    assert_eq!(h.app.plan, every.app.plan);
    assert_ne!(h.app.plan, Harness::new(planned_history(), 80, 24).app.plan, "the target changed the grades");
}

#[test]
fn a_summary_written_from_the_command_line_is_read_whole_once_then_the_cards_serve() {
    let dir = tempfile::tempdir().unwrap();
    Store::new(dir.path()).save(&planned_history()).unwrap();
    let first = Harness::start(dir.path(), 80, 24);
    assert!(first.history.has_every_attempt(), "no cards yet: every attempt read before the first frame");
    let every = Harness::new(planned_history(), 80, 24);
    assert_eq!(first.plan, every.app.plan);
    drop(first);
    let second = Harness::start(dir.path(), 80, 24);
    assert!(!second.history.has_every_attempt());
    assert_eq!(second.plan, every.app.plan);
}

#[test]
fn the_history_tab_reads_every_attempt_first_and_says_so() {
    let mut h = Harness::opened(bank(), 80, 24);
    h.press(KeyCode::Char('3'));
    assert_eq!(h.app.request, Some(Request::ReadHistory));
    assert_eq!(h.app.tab, Tab::Prompts, "not an empty History while the attempts are read");
    assert!(h.render(80, 24).contains("Reading your practice history (5 attempts)…"));
    h.app.read_history();
    assert_eq!((h.app.tab, h.app.request), (Tab::History, None));
    assert!(h.app.history.has_every_attempt());
    let mut every = Harness::new(bank(), 80, 24);
    every.press(KeyCode::Char('3'));
    assert_eq!(h.render(80, 24), every.render(80, 24));
}

#[test]
fn practice_from_the_summary_appends_the_attempt_and_keeps_the_summary_true() {
    let mut h = Harness::opened(bank(), 80, 24);
    let log = h.app.store.log_path();
    let before = std::fs::metadata(&log).unwrap().len();
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(75.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    assert!(!h.app.history.has_every_attempt(), "practice needs no other attempt");
    let new = h.app.bank.attempts.last().expect("the answer").clone();
    let grown = std::fs::metadata(&log).unwrap().len() - before;
    let line = serde_json::to_vec(&new).unwrap().len() + "{\"put\":}\n".len();
    assert_eq!(grown, line as u64, "the log grew by its line and nothing else");
    let on_disk = Store::new(h.data_dir()).load().unwrap();
    assert_eq!(on_disk.attempts.len(), 6);
    assert_eq!(on_disk.attempts.last(), Some(&new));
    let mut next = Store::new(h.data_dir());
    let reopened = next.open(crate::practice::Target::default()).unwrap();
    assert!(!reopened.history.has_every_attempt());
    assert_eq!(reopened.history.summary(&new.prompt), h.app.history.summary(&new.prompt));
    assert_eq!(next.check_log().unwrap(), None, "the summary it wrote agrees with the log");
}

#[test]
fn recordings_are_put_in_order_only_once_every_attempt_is_read() {
    let mut bank = bank();
    bank.attempts[0].recording = Some(Recording::of("a1"));
    let mut h = Harness::opened(bank, 80, 24);
    let folder = h.data_dir().join("recordings");
    std::fs::create_dir_all(&folder).unwrap();
    for name in ["a1.wav", "nobody.wav"] {
        std::fs::write(folder.join(name), b"RIFF").unwrap();
    }
    h.app.bank.stories[0].title.push_str(" (edited)");
    assert!(h.app.save());
    assert!(folder.join("a1.wav").exists() && folder.join("nobody.wav").exists(), "no attempt read: none removed");
    h.app.read_history();
    assert!(folder.join("a1.wav").exists(), "named by an attempt");
    assert!(!folder.join("nobody.wav").exists(), "named by none, once every attempt is known");
}

#[test]
fn a_deleted_attempt_and_its_undo_are_written_as_lines_of_the_log() {
    let mut h = Harness::opened(bank(), 80, 24);
    h.press(KeyCode::Char('3'));
    h.app.read_history();
    let first = h.app.tabs.history.selected_attempt(&h.app.bank).unwrap().id.clone();
    h.press(KeyCode::Char('d'));
    h.press(KeyCode::Char('y'));
    assert!(Store::new(h.data_dir()).load().unwrap().attempts.iter().all(|a| a.id != first));
    h.press(KeyCode::Char('u'));
    let on_disk = Store::new(h.data_dir()).load().unwrap();
    assert_eq!(on_disk.attempts, h.app.bank.attempts, "back in its place, on disk as in memory");
    let text = std::fs::read_to_string(h.app.store.log_path()).unwrap();
    assert_eq!(text.lines().count(), 1 + 5 + 2, "the first line, five attempts, a delete and a put");
}
