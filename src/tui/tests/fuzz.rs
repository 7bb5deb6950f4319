//! Random use: any sequence of keys, clicks, pastes, resizes and pauses, on any screen, never panics, and whatever the
//! app holds in memory is on disk once it flushes (as it does on quit and when the terminal closes).

use crate::model::Bank;
use crate::store::Store;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::{Harness, sample_attempt, sample_story, wall};
use crate::tui::frame;
use ratatui::layout::Size;

#[derive(Debug, Clone)]
enum Event {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Wait(f64),
    Mouse(MouseEventKind, u16, u16),
}

fn key() -> impl Strategy<Value = Event> {
    let chars: Vec<char> = "jkhnpqtsadeuyc/?12345 igGxfom+-日".chars().collect();
    let codes = vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
        KeyCode::PageDown,
        KeyCode::End,
        KeyCode::F(1),
    ];
    prop_oneof![
        6 => proptest::sample::select(chars).prop_map(|c| Event::Key(KeyCode::Char(c), KeyModifiers::NONE)),
        3 => proptest::sample::select(codes).prop_map(|c| Event::Key(c, KeyModifiers::NONE)),
        1 => Just(Event::Key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    ]
}

fn mouse_kind() -> impl Strategy<Value = MouseEventKind> {
    proptest::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Moved,
    ])
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        12 => key(),
        1 => "[a-z \u{1b}\r\n\t\u{7}\u{9b}\u{202e}日✓]{0,24}".prop_map(Event::Paste),
        1 => (0u16..130, 0u16..45).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => (0.0f64..130.0).prop_map(Event::Wait),
        2 => (mouse_kind(), 0u16..130, 0u16..45).prop_map(|(kind, x, y)| Event::Mouse(kind, x, y)),
    ]
}

/// One event, as the loop would hand it to the app; the frame the loop would then draw is the caller's.
fn play(h: &mut Harness, event: Event) {
    let now = h.now();
    match event {
        Event::Key(code, mods) => h.app.handle_key(KeyEvent::new(code, mods), now, wall()),
        Event::Paste(text) => h.app.handle_paste(&text, now, wall()),
        Event::Resize(width, height) => h.resize(width, height),
        Event::Mouse(kind, column, row) => {
            h.app.handle_mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }, now, wall());
        }
        Event::Wait(secs) => {
            h.advance(secs);
            let now = h.now();
            h.app.tick(now);
        }
    }
}

/// Half the cases each, so the two halves run on two cores at once: the same 10,000 random sessions in all.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000) / 2
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

/// Plays `events` on a bank with a story and an attempt; whatever happens, nothing panics, no control character
/// reaches the screen, and a flush leaves on disk exactly what the app holds.
fn random_use(events: Vec<Event>) -> Result<(), TestCaseError> {
    let bank = Bank {
        stories: vec![sample_story()],
        attempts: vec![sample_attempt("a1", "missed-deadline", 95.0, 3)],
        ..Bank::default()
    };
    let mut h = Harness::new(bank, 80, 24);
    // One terminal for the session, as the loop keeps one: each frame writes only the cells that changed.
    let mut terminal = h.render_terminal(80, 24);
    for event in events {
        play(&mut h, event);
        if h.app.quitting() {
            break;
        }
        let Size { width, height } = h.app.size;
        if terminal.backend().buffer().area.as_size() == (Size { width, height }) {
            terminal.draw(|f| frame::render(f, &h.app)).expect("a test terminal draws");
        } else {
            terminal = h.render_terminal(width, height);
        }
        let buffer = terminal.backend().buffer();
        prop_assert!(
            buffer.content().iter().all(|cell| !cell.symbol().chars().any(char::is_control)),
            "a control character reached the screen"
        );
    }
    prop_assert!(h.app.flush(wall()), "the flush saved");
    let on_disk = Store::new(h.app.store.dir()).load().unwrap();
    prop_assert_eq!(on_disk, h.app.bank.clone());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_use_never_panics_and_never_loses_what_was_saved(events in proptest::collection::vec(event(), 1..60)) {
        random_use(events)?;
    }

    #[test]
    fn random_use_never_panics_and_never_loses_what_was_saved_again(
        events in proptest::collection::vec(event(), 1..60)
    ) {
        random_use(events)?;
    }
}

/// A hostile import that was accepted, merged into the sample bank: what a TUI session then runs on.
fn imported(json: &str) -> Option<Bank> {
    let incoming = crate::store::parse(std::path::Path::new("import.json"), json.as_bytes()).ok()?;
    let mut bank = Bank {
        stories: vec![sample_story()],
        attempts: vec![sample_attempt("a1", "missed-deadline", 95.0, 3)],
        ..Bank::default()
    };
    crate::validate::import(&incoming, crate::content::Guide::bundled(), &bank).ok()?;
    crate::exchange::merge(&mut bank, incoming, wall());
    Some(bank)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// The TUI half of the hostile-import property: whatever an import carried in, a session on it never panics
    /// and never puts a control character on the screen.
    #[test]
    fn a_session_on_an_accepted_hostile_import_is_safe(
        json in crate::hostile_import::hostile_import(),
        events in proptest::collection::vec(event(), 1..30),
    ) {
        let Some(bank) = imported(&json) else { return Ok(()) };
        let mut h = Harness::new(bank, 100, 30);
        for event in events {
            play(&mut h, event);
            if h.app.quitting() {
                break;
            }
            let (width, height) = (h.app.size.width, h.app.size.height);
            let terminal = h.render_terminal(width, height);
            prop_assert!(
                terminal.backend().buffer().content().iter().all(|cell| !cell.symbol().chars().any(char::is_control)),
                "a control character from the import reached the screen"
            );
        }
    }
}
