//! Screen tests: key handling without a terminal, and TestBackend snapshots of every screen.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use star_coach::content::Guide;
use star_coach::model::{Attempt, Bank, Phase, PhaseSpan, Review, Story};
use star_coach::store::Store;

use super::app::{App, Overlay, Screen, Tab};
use super::view;

pub struct Harness {
    pub app: App,
    pub base: Instant,
    pub offset: Duration,
    _dir: tempfile::TempDir,
}

pub fn wall() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-30T09:15:00Z").unwrap().to_utc()
}

pub fn sample_story() -> Story {
    let mut story = Story::new("s1".into(), "Checkout timeouts — 日本語 ✓".into(), wall());
    story.situation = "Checkout saw sporadic timeouts at peak.".into();
    story.task = "Stabilise within two weeks, no rewrite.".into();
    story.actions = vec![
        "I traced timeouts to a bursty dependency.".into(),
        "I replaced the lock with a rate limiter.".into(),
        "I shipped behind a flag and A/B tested it.".into(),
    ];
    story.results = vec!["p99 timeouts fell from 2.3% to 0.2%".into()];
    story.learning = "Prefer simple controls at call sites.".into();
    story.principles = vec!["Invent and Simplify".into(), "Dive Deep".into()];
    story.prompts = vec!["simple-solution".into(), "missed-deadline".into()];
    story
}

pub fn sample_attempt(id: &str, prompt: &str, secs: f64, hours_ago: i64) -> Attempt {
    let setup = secs * 0.2;
    Attempt {
        id: id.into(),
        prompt: prompt.into(),
        story: Some("s1".into()),
        started_at: wall() - chrono::Duration::hours(hours_ago),
        duration_secs: secs,
        phases: vec![
            PhaseSpan { phase: Phase::Situation, secs: setup / 2.0 },
            PhaseSpan { phase: Phase::Task, secs: setup / 2.0 },
            PhaseSpan { phase: Phase::Action, secs: secs * 0.5 },
            PhaseSpan { phase: Phase::Result, secs: secs * 0.3 },
        ],
        review: Review { confidence: Some(3), ..Review::default() },
        mock: None,
        follow_ups: Vec::new(),
        voice: None,
    }
}

impl Harness {
    pub fn new(bank: Bank, width: u16, height: u16) -> Harness {
        Harness::with_guide(Guide::bundled(), bank, width, height)
    }

    /// On a guide other than the bundled one, e.g. with prompt packs loaded.
    pub fn with_guide(guide: &'static Guide, bank: Bank, width: u16, height: u16) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        store.save(&bank).unwrap();
        let bank = store.load().unwrap();
        let base = Instant::now();
        let mut app = App::new(guide, store, bank, base, wall(), Size { width, height });
        app.local_dates = false;
        Harness { app, base, offset: Duration::ZERO, _dir: dir }
    }

    pub fn empty(width: u16, height: u16) -> Harness {
        Harness::new(Bank::default(), width, height)
    }

    pub fn now(&self) -> Instant {
        self.base + self.offset
    }

    pub fn advance(&mut self, secs: f64) {
        self.offset += Duration::from_secs_f64(secs);
        self.app.now = self.now();
    }

    pub fn press(&mut self, code: KeyCode) {
        self.press_with(code, KeyModifiers::NONE);
    }

    pub fn press_with(&mut self, code: KeyCode, mods: KeyModifiers) {
        let now = self.now();
        self.app.handle_key(KeyEvent::new(code, mods), now, wall());
    }

    pub fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    pub fn render(&self, width: u16, height: u16) -> String {
        self.render_terminal(width, height).backend().to_string()
    }

    pub fn render_terminal(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| view::render(frame, &self.app)).unwrap();
        terminal
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.app.handle_resize(Size { width, height });
    }
}

/// Renders at 80×24 and 20×6 and snapshots both under `name`.
macro_rules! snap_both {
    ($h:expr, $name:literal) => {{
        $h.resize(80, 24);
        insta::assert_snapshot!(concat!($name, "_80x24"), $h.render(80, 24));
        $h.resize(20, 6);
        insta::assert_snapshot!(concat!($name, "_20x6"), $h.render(20, 6));
        $h.resize(80, 24);
    }};
}

fn bank_with_story() -> Bank {
    Bank { stories: vec![sample_story()], attempts: Vec::new() }
}

#[test]
fn prompts_list() {
    let mut h = Harness::empty(80, 24);
    snap_both!(h, "prompts");
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Down);
    assert_eq!(h.app.prompt_selected, 2);
    h.press(KeyCode::Char('k'));
    assert_eq!(h.app.prompt_selected, 1);
}

#[test]
fn guidance_view_scrolls_and_clamps() {
    let mut h = Harness::empty(80, 24);
    h.chars("jj");
    h.press(KeyCode::Enter);
    snap_both!(h, "guidance");
    h.press(KeyCode::Char('G'));
    let Screen::Guidance(view) = &h.app.screen else { panic!("not on guidance") };
    let bottom = view.scroll;
    assert!(bottom > 0);
    h.press(KeyCode::Char('j'));
    let Screen::Guidance(view) = &h.app.screen else { panic!() };
    assert_eq!(view.scroll, bottom, "scrolling stops at the end");
    insta::assert_snapshot!("guidance_end_80x24", h.render(80, 24));
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Top));
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
    let Screen::Practice(practice) = &h.app.screen else { panic!("not practising") };
    assert_eq!(practice.story.as_deref(), Some("s1"), "the story mapped to the prompt is offered first");
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
    assert!(matches!(h.app.screen, Screen::Review(_)));
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
    let Screen::Practice(practice) = &h.app.screen else { panic!() };
    assert_eq!(practice.timer.elapsed(h.now()), Duration::from_secs(10));
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
    let Screen::Practice(practice) = &h.app.screen else { panic!() };
    assert_eq!(practice.story, None, "the last choice is 'no story'");
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
    assert!(matches!(h.app.screen, Screen::Top));
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
    assert!(matches!(h.app.screen, Screen::Review(_)), "no keeps the attempt");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Top));
    assert!(h.app.bank.attempts.is_empty());
}

#[test]
fn leaving_a_started_practice_asks_first() {
    let mut h = Harness::empty(80, 24);
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Top), "nothing to lose before the clock starts");
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
    assert!(!h.app.quit, "q does nothing in practice");
    h.press_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.app.quit, "Ctrl-C always quits");
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
    use star_coach::store::FaultPoint;
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
    assert!(!h.app.quit);
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
    let (current, next) = (star_coach::store::SCHEMA_VERSION, star_coach::store::SCHEMA_VERSION + 1);
    let newer = std::fs::read_to_string(&path)
        .unwrap()
        .replace(&format!("\"schema_version\": {current}"), &format!("\"schema_version\": {next}"));
    std::fs::write(&path, &newer).unwrap();
    let mut store = Store::new(dir.path());
    assert!(store.lock().unwrap());
    let bank = store.load_for_app().unwrap();
    let now = Instant::now();
    let mut app = App::new(Guide::bundled(), store, bank, now, wall(), Size { width: 80, height: 24 });
    app.local_dates = false;
    app.announce_read_only();
    let mut h = Harness { app, base: now, offset: Duration::ZERO, _dir: tempfile::tempdir().unwrap() };
    let screen = h.render(80, 24);
    assert!(screen.contains("READ-ONLY"), "{screen}");
    for width in [20, 30] {
        let header = h.render(width, 6).lines().next().unwrap().to_string();
        assert!(header.contains("READ-ONLY"), "the badge stays at {width} columns: {header}");
    }
    assert!(
        screen.contains(&format!("Read-only: the data file is from a newer star-coach (schema version {next})")),
        "{screen}"
    );
    // Edit a story, practise and save an attempt, then quit: nothing reaches the file.
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('e'));
    h.chars(" edited");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('1'));
    h.press(KeyCode::Char('p'));
    h.press(KeyCode::Char(' '));
    h.advance(61.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    assert!(h.app.status.as_ref().is_some_and(|s| s.text.contains("this change is not saved")));
    h.press(KeyCode::Char('q'));
    assert!(h.app.quit);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}
