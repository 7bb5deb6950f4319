//! Every text that names a key names it as bound: with every binding moved to another key, no screen, hint, status
//! or question still names a default key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Harness, bank_with_story, sample_attempt, wall};
use crate::audio::memory::MemoryBackend;
use crate::keys::{self, Action, KeyMap};
use crate::model::{Bank, Recording};
use crate::tui::screens::Screen;
use crate::tui::screens::drill::DrillStep;
use crate::tui::screens::mock::MockStep;

/// Presses whatever key does `action` where the app is now.
fn act(h: &mut Harness, action: Action) {
    let key = h.app.settings.keymap.key_for(&h.app.contexts(), action).expect("the action is bound here");
    let code = match key.code {
        keys::KeyCode::Char(c) => KeyCode::Char(c),
        keys::KeyCode::F(n) => KeyCode::F(n),
        other => panic!("moved keys are characters and F keys, not {other:?}"),
    };
    let mut mods = KeyModifiers::NONE;
    if key.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if key.alt {
        mods |= KeyModifiers::ALT;
    }
    let now = h.now();
    h.app.handle_key(KeyEvent::new(code, mods), now, wall());
}

/// The ways a text names a key ("press Space", "(t to choose)", "h hides"), for every default key.
fn default_key_phrases() -> Vec<String> {
    let map = KeyMap::default();
    let mut labels: Vec<String> = map
        .sections()
        .into_iter()
        .flat_map(|(_, bindings)| bindings.into_iter().filter(|b| b.action != Action::ForceQuit))
        .flat_map(|b| b.keys.iter().map(keys::Key::label).collect::<Vec<_>>())
        .collect();
    labels.sort();
    labels.dedup();
    let shapes = [
        "press {}",
        "Press {}",
        "{} to ",
        "({} ",
        "({}: ",
        "{} hides",
        "{} shows",
        "{} starts",
        "{} resumes",
        "{} when",
        "{} ticks",
        "{} turns",
        "{} clears",
        "{} brings",
        "{} closes",
        "{} yes",
        "{} no",
        " {} on the",
        "{} as you",
        "press {}–",
        "{} and move",
        "{} sets",
        "{} changes",
        "{} plans",
        "{} forgets",
        "{} scrolls",
        "{} plays",
        "{} pauses",
        "{} 5 s",
        "{} phases",
    ];
    labels.iter().flat_map(|l| shapes.map(|shape| shape.replace("{}", l))).collect()
}

/// Whether `phrase` is in `text` starting at a word's start ("t to" is not in "want to"), or after a slash
/// ("→ 5 s" in "←/→ 5 s").
fn names(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase)
        .any(|(at, _)| text[..at].chars().next_back().is_none_or(|c| matches!(c, ' ' | '(' | '"' | '/')))
}

fn assert_names_no_default_key(h: &Harness, what: &str) {
    assert_names_no_default_key_at(h, what, 100, 30);
}

fn assert_names_no_default_key_at(h: &Harness, what: &str, width: u16, height: u16) {
    let screen = h.render(width, height);
    let phrases = default_key_phrases();
    let found: Vec<&String> = phrases.iter().filter(|p| names(&screen, p)).collect();
    assert!(found.is_empty(), "{what} still names a default key: {found:?}\n{screen}");
}

/// Drives to a screen with the default keys, moves every key, and checks what is drawn and what `then` says.
fn check(bank: Bank, what: &str, setup: &str, then: &[Action]) {
    check_in(Harness::new(bank, 100, 30), what, setup, then);
}

fn check_in(mut h: Harness, what: &str, setup: &str, then: &[Action]) {
    // `~` lets the clock run a while.
    for part in setup.split('~') {
        h.chars(part);
        h.advance(70.0);
    }
    h.app.settings.keymap = KeyMap::every_key_moved();
    h.app.status = None;
    assert_names_no_default_key(&h, what);
    for &action in then {
        act(&mut h, action);
        assert_names_no_default_key(&h, &format!("{what}, after {action:?}"));
    }
}

fn full_bank() -> Bank {
    let mut bank = bank_with_story();
    bank.attempts = vec![sample_attempt("a1", "missed-deadline", 95.0, 30)];
    bank
}

#[test]
fn no_screen_names_a_key_it_no_longer_has() {
    check(Bank::default(), "empty prompts", "", &[]);
    check(full_bank(), "prompts", "", &[Action::Help]);
    check(full_bank(), "guidance", "\r", &[]);
    check(full_bank(), "practice", "p", &[Action::MarkPhase, Action::Finish, Action::ToggleCues]);
    check(full_bank(), "practice, running", "p ", &[Action::StartPause, Action::PickStory]);
    check(full_bank(), "practice, on the result", "p nnn", &[Action::MarkPhase]);
    check(full_bank(), "practice, leaving", "p ", &[Action::Back]);
    check(full_bank(), "review", "p ~\r", &[Action::Toggle, Action::Down, Action::Back]);
    check(full_bank(), "review, writing", "p ~\re", &[]);
    check(Bank::default(), "empty stories", "2", &[]);
    check(full_bank(), "stories", "2", &[Action::Filter]);
    check(full_bank(), "stories, deleting", "2", &[Action::DeleteStory, Action::Yes]);
    check(full_bank(), "editor", "2e", &[Action::NextField]);
    check(full_bank(), "coverage", "2c", &[]);
    check(Bank::default(), "empty history", "3", &[]);
    check(full_bank(), "history", "3", &[Action::Open, Action::DeleteAttempt]);
    check(full_bank(), "mock setup", "m", &[]);
    check(full_bank(), "mock story", "m\r", &[]);
    check(full_bank(), "mock answer", "m\r\r", &[Action::Finish, Action::MarkPhase]);
    check(full_bank(), "mock review", "m\r\r ~\r", &[Action::MockContinue, Action::Finish]);
    check(full_bank(), "mock, leaving", "m\r", &[Action::Back]);
    check(full_bank(), "interview date", "D", &[Action::DayLater]);
    check(full_bank(), "prompts, a date set", "D\r", &[]);
    check(full_bank(), "drill setup", "d", &[Action::NextPrinciple, Action::DrillMore]);
    check(full_bank(), "drill pick", "d\r", &[Action::Down, Action::SkipQuestion]);
    check(full_bank(), "drill pick, late", "d\r~", &[]);
    check(full_bank(), "drill answer", "d\r\r", &[Action::StartPause, Action::MarkPhase, Action::Finish]);
    check(full_bank(), "drill review", "d\r\r ~\r", &[Action::Toggle, Action::NextQuestion]);
    check(full_bank(), "drill, leaving", "d\r\r ~\r", &[Action::Back]);
}

#[test]
fn the_drill_report_names_keys_as_bound() {
    let mut h = Harness::new(full_bank(), 100, 30);
    h.chars("d-\r\r ");
    h.advance(70.0);
    h.chars("\rs");
    let on_report =
        |h: &Harness| matches!(&h.app.screen, Some(Screen::Drill(d)) if matches!(d.step, DrillStep::Report(_)));
    while !on_report(&h) {
        h.press(KeyCode::Char('x'));
    }
    assert!(h.render(100, 30).contains("Drill report"), "{}", h.render(100, 30));
    h.app.settings.keymap = KeyMap::every_key_moved();
    assert_names_no_default_key(&h, "the drill report");
}

/// With a microphone and a recording to play: the answer's recording line, `r`'s sentences, the position strip.
#[test]
fn recording_and_playing_name_keys_as_bound() {
    let device = MemoryBackend::new(vec![1; 2_000_000]);
    let sound = |bank| {
        let h = Harness::new(bank, 100, 30).with_sound(&device, 500);
        let dir = h.data_dir().join("recordings");
        std::fs::create_dir_all(&dir).unwrap();
        crate::audio::tests::write_wav(&dir.join("a1.wav"), &vec![0; 95 * 16_000], 16_000);
        h
    };
    let mut bank = full_bank();
    bank.attempts[0].recording = Some(Recording::of("a1"));
    check_in(sound(bank.clone()), "practice, recording", "p", &[Action::StartPause, Action::Record, Action::Record]);
    check_in(
        sound(bank.clone()),
        "review, recorded",
        "p ~\r",
        &[Action::NextMark, Action::PlayPause, Action::PlayPause],
    );
    check_in(sound(bank.clone()), "attempt, recorded", "3\r", &[Action::SeekForward, Action::PlayPause]);
    check_in(sound(bank.clone()), "mock review, recorded", "m\r\r ~\r", &[Action::PlayPause]);
    bank.attempts[0].recording = Some(Recording::of("gone"));
    check_in(sound(bank), "attempt, recording gone", "3\r", &[Action::PlayPause]);
}

/// What the recording says: the review's figures, and an attempt's page long enough to scroll.
#[test]
fn what_the_recording_says_names_keys_as_bound() {
    use super::voice::{answer, recorded_attempt, spoken_answer, summary_of_a1};
    let device = MemoryBackend::new(spoken_answer());
    let mut h = answer(&device, bank_with_story());
    h.hear();
    h.app.settings.keymap = KeyMap::every_key_moved();
    assert!(h.render(80, 24).contains("pause in Action"), "{}", h.render(80, 24));
    assert_names_no_default_key_at(&h, "the review, analysed", 80, 24);

    let (mut h, _device) = recorded_attempt(Some(summary_of_a1()));
    h.chars("3\r");
    h.hear();
    h.app.settings.keymap = KeyMap::every_key_moved();
    assert!(h.render(80, 24).contains("more lines below"), "{}", h.render(80, 24));
    assert_names_no_default_key_at(&h, "an attempt's page, scrolling", 80, 24);
    for _ in 0..10 {
        act(&mut h, Action::Down);
    }
    assert!(h.render(80, 24).contains("above"), "{}", h.render(80, 24));
    assert_names_no_default_key_at(&h, "an attempt's page, scrolled to the end", 80, 24);
}

#[test]
fn the_mock_report_names_keys_as_bound() {
    let mut h = Harness::new(full_bank(), 100, 30);
    h.chars("m1\r\r ");
    h.advance(70.0);
    h.chars("\rs");
    let on_report =
        |h: &Harness| matches!(&h.app.screen, Some(Screen::Mock(m)) if matches!(m.step, MockStep::Report(_)));
    while !on_report(&h) {
        h.press(KeyCode::Char(' '));
        h.advance(40.0);
        h.press(KeyCode::Enter);
    }
    assert!(h.render(100, 30).contains("Mock interview report"), "{}", h.render(100, 30));
    h.app.settings.keymap = KeyMap::every_key_moved();
    assert_names_no_default_key(&h, "the mock report");
}

#[test]
fn cue_cards_that_scroll_name_their_keys_as_bound() {
    let bank = Bank { stories: vec![super::sizes::long_story()], attempts: Vec::new(), ..Bank::default() };
    let mut h = Harness::new(bank, 60, 20);
    h.chars("jjjp ");
    h.app.settings.keymap = KeyMap::every_key_moved();
    assert!(h.render(60, 20).contains("more lines below"), "{}", h.render(60, 20));
    assert_names_no_default_key_at(&h, "cue cards with more below", 60, 20);
    for _ in 0..20 {
        act(&mut h, Action::Down);
    }
    assert!(h.render(60, 20).contains("above"), "{}", h.render(60, 20));
    assert_names_no_default_key_at(&h, "cue cards scrolled to the end", 60, 20);
}
