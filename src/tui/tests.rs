//! Screen tests: key handling without a terminal, and `TestBackend` snapshots of every screen, one file a screen
//! (or a feature) under `tests/`, all driving the app through this harness as a user would: a key, then a frame.

// Test code: exact figures and quick casts of small numbers are what a test means.
#![allow(clippy::cast_possible_truncation, clippy::needless_pass_by_value)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::audio::memory::MemoryBackend;
use crate::content::Guide;
use crate::model::{Attempt, Bank, Phase, PhaseSpan, Review, Story};
use crate::recordings::Recordings;
use crate::store::Store;
use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

use crate::tui::app::App;
use crate::tui::frame;
use crate::tui::voice::Voice;

pub struct Harness {
    pub app: App,
    pub base: Instant,
    pub offset: Duration,
    dir: tempfile::TempDir,
    /// Where the analysis threads' wake-ups land, as the event loop's messages would.
    analysed: Option<std::sync::mpsc::Receiver<()>>,
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
        story: Some("s1".into()),
        phases: vec![
            PhaseSpan { phase: Phase::Situation, secs: setup / 2.0 },
            PhaseSpan { phase: Phase::Task, secs: setup / 2.0 },
            PhaseSpan { phase: Phase::Action, secs: secs * 0.5 },
            PhaseSpan { phase: Phase::Result, secs: secs * 0.3 },
        ],
        review: Review { confidence: Some(3), ..Review::default() },
        ..Attempt::new(id, prompt, wall() - chrono::Duration::hours(hours_ago), secs)
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
        app.refresh_plan();
        Harness { app, base, offset: Duration::ZERO, dir, analysed: None }
    }

    /// As a session starts: the bank saved, then opened from the history's summary (no attempt read), and the
    /// summary checked against the log after the first frame.
    pub fn opened(bank: Bank, width: u16, height: u16) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Store::new(dir.path()).save(&bank).unwrap();
        // A session before this one left the plan's cards in the summary (a save from the command line does not).
        drop(Harness::start(dir.path(), width, height));
        let mut app = Harness::start(dir.path(), width, height);
        app.check_history().unwrap();
        Harness { base: app.now, app, offset: Duration::ZERO, dir, analysed: None }
    }

    /// A session's start on the folder `dir`, up to its first frame: the store opened, the app made from what
    /// it opened, the plan worked out.
    pub fn start(dir: &std::path::Path, width: u16, height: u16) -> App {
        let mut store = Store::new(dir);
        assert!(store.lock().unwrap());
        let opened = store.open(crate::practice::Target::default()).unwrap();
        let mut app =
            App::with_history(Guide::bundled(), store, opened, Instant::now(), wall(), Size { width, height });
        app.local_dates = false;
        app.refresh_plan();
        app
    }

    pub fn empty(width: u16, height: u16) -> Harness {
        Harness::new(Bank::default(), width, height)
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Records every answer from `backend` into the data folder's recordings, kept under `max_mb`, and plays
    /// to it.
    pub fn with_sound(mut self, backend: &MemoryBackend, max_mb: u64) -> Harness {
        let recordings = Recordings::new(self.data_dir(), max_mb);
        self.app.voice = Voice::new(Arc::new(backend.clone()), recordings, true, true);
        let (wake, analysed) = std::sync::mpsc::channel();
        self.app.voice.on_analysed(Arc::new(move || {
            let _ = wake.send(());
        }));
        self.analysed = Some(analysed);
        self
    }

    /// Waits for an analysis thread's wake-up and hands it to the app, as the event loop does with its message.
    pub fn hear(&mut self) {
        let analysed = self.analysed.as_ref().expect("a harness with sound");
        analysed.recv_timeout(Duration::from_secs(30)).expect("no analysis finished");
        self.app.heard();
    }

    /// Waits for the recorder's thread to catch up with the clock (the device opened, a resume taken), then
    /// takes its news, as the loop's next frames would.
    pub fn settle(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.app.voice.wake().is_some() {
            assert!(Instant::now() < deadline, "the microphone never settled");
            std::thread::sleep(Duration::from_millis(1));
        }
        self.app.poll_voice();
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

    /// A key, then a frame at the app's size, as the real loop does: what drawing notes (where rows and clicks
    /// landed, how far a text can scroll) is then as fresh as a user's.
    pub fn press_with(&mut self, code: KeyCode, mods: KeyModifiers) {
        let now = self.now();
        self.app.handle_key(KeyEvent::new(code, mods), now, wall());
        self.app.poll_voice();
        let Size { width, height } = self.app.size;
        self.render_terminal(width, height);
    }

    /// Types `text` a key at a time; `\r` is Enter.
    pub fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.press(if c == '\r' { KeyCode::Enter } else { KeyCode::Char(c) });
        }
    }

    pub fn render(&self, width: u16, height: u16) -> String {
        self.render_terminal(width, height).backend().to_string()
    }

    pub fn render_terminal(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| frame::render(f, &self.app)).unwrap();
        terminal
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.app.handle_resize(Size { width, height });
    }

    /// Answers aloud for `secs` from a ready clock (a fifth of it on the setup, then two phase marks), finishes,
    /// and on the review ticks the first line and rates the answer 4.
    pub fn answer_and_review(&mut self, secs: f64) {
        self.press(KeyCode::Char(' '));
        self.advance(secs * 0.2);
        self.press(KeyCode::Char('n'));
        self.press(KeyCode::Char('n'));
        self.advance(secs * 0.8);
        self.press(KeyCode::Enter);
        self.press(KeyCode::Char(' '));
        self.press(KeyCode::Char('4'));
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

/// Draws the app at sizes from nothing to huge, without a panic, and "terminal too small" below 20×5; then back to
/// 80×24.
pub fn renders_at_any_size(h: &mut Harness) {
    let sizes = [(0, 0), (1, 1), (1, 80), (80, 1), (20, 5), (19, 24), (21, 6), (80, 24), (300, 100)];
    for (w, ht) in sizes {
        h.resize(w, ht);
        let terminal = h.render_terminal(w, ht);
        if (w < 20 || ht < 5) && w > 0 && ht > 0 {
            assert_eq!(terminal.backend().buffer()[(0, 0)].symbol(), "t", "'terminal too small' at {w}x{ht}");
        }
    }
    h.resize(80, 24);
}

pub fn bank_with_story() -> Bank {
    Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() }
}

// After the macro, so they can use it.
mod cues;
mod drill;
mod fuzz;
mod history;
mod keys;
mod mock;
mod opened;
mod packs;
mod plan;
mod prompts;
mod recording;
mod review;
mod screens;
mod settings;
mod sizes;
mod stories;
mod text_keys;
mod voice;
