//! Drawing every screen, at 80×24 and at 200×60, with a realistic bank and with 100,000 attempts.
//!
//! `cargo bench --bench render`.

// Test code: a failed unwrap is a failed test; exact figures and quick casts are what a test means.
#![allow(
    clippy::unwrap_used,
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::needless_pass_by_value,
    clippy::unreadable_literal
)]

use std::hint::black_box;
use std::time::Instant;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Rect, Size};
use star_coach::content::Guide;
use star_coach::model::Bank;
use star_coach::store::Store;

mod common;

use star_coach::tui::app::App;
use star_coach::tui::screens::Screen;
use star_coach::tui::screens::mock::MockStep;

/// The keys that lead from the Prompts screen to each screen.
const SCREENS: [(&str, &str); 12] = [
    ("prompts", ""),
    ("guidance", "\r"),
    ("practice", "p "),
    ("review", "p n\r"),
    ("stories", "2"),
    ("editor", "2\t"),
    ("coverage", "2c"),
    ("history", "3"),
    ("attempt", "3\r"),
    ("help", "?"),
    ("mock round", "m\r\r "),
    // One round, its review, then its follow-ups answered until the report shows.
    ("mock report", "m1\r\r n\rs"),
];

fn app_at(keys: &str, bank: &Bank, dir: &std::path::Path, size: Size) -> App {
    let mut store = Store::new(dir);
    store.save(bank).unwrap();
    let bank = store.load().unwrap();
    let start = Instant::now();
    let mut app = App::new(Guide::bundled(), store, bank, start, Utc::now(), size);
    // A second between keys, so a clock started by one key has run when the next stops it.
    let mut clock = start;
    let mut press = |app: &mut App, code| {
        clock += std::time::Duration::from_secs(1);
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE), clock, Utc::now());
    };
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\t' => KeyCode::Char('e'),
            c => KeyCode::Char(c),
        };
        press(&mut app, code);
    }
    if keys.starts_with("m1") {
        for _ in 0..3 {
            if on_mock_report(&app) {
                break;
            }
            press(&mut app, KeyCode::Char(' '));
            press(&mut app, KeyCode::Enter);
        }
        assert!(on_mock_report(&app), "the keys did not reach the mock report");
    }
    app.now = clock + std::time::Duration::from_secs(75);
    app
}

fn on_mock_report(app: &App) -> bool {
    matches!(&app.screen, Some(Screen::Mock(view)) if matches!(view.step, MockStep::Report(_)))
}

fn render(c: &mut Criterion) {
    for attempts in [1_000, 100_000] {
        let mut bank = common::bank(attempts);
        bank.stories = common::full_stories(8);
        let mut group = c.benchmark_group(format!("render with {attempts} attempts"));
        for (name, keys) in SCREENS {
            for (width, height) in [(80u16, 24u16), (200, 60)] {
                let dir = tempfile::tempdir().unwrap();
                let app = app_at(keys, &bank, dir.path(), Size { width, height });
                let area = Rect::new(0, 0, width, height);
                let mut buf = Buffer::empty(area);
                group.bench_function(format!("{name} {width}x{height}"), |b| {
                    b.iter(|| {
                        buf.reset();
                        star_coach::tui::frame::draw(black_box(&app), area, &mut buf);
                    });
                });
            }
        }
        group.finish();
    }
}

/// The Stories and Coverage screens over 50,000 stories (issue 19: coverage took 14 s a keypress).
fn render_many_stories(c: &mut Criterion) {
    let mut bank = common::bank(1_000);
    bank.stories = common::full_stories(50_000);
    let mut group = c.benchmark_group("render with 50000 stories");
    group.sample_size(10);
    for (name, keys) in [("stories", "2"), ("coverage", "2c")] {
        let dir = tempfile::tempdir().unwrap();
        let app = app_at(keys, &bank, dir.path(), Size { width: 80, height: 24 });
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        group.bench_function(format!("{name} 80x24"), |b| {
            b.iter(|| {
                buf.reset();
                star_coach::tui::frame::draw(black_box(&app), area, &mut buf);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, render, render_many_stories);
criterion_main!(benches);
