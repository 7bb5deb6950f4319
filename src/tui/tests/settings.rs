//! The config reaching the screens: themes, remapped keys, a bad config's banner, the target; and the mouse.

use crate::config::{self, Config, ConfigError, Loaded, ThemeName};
use crate::model::Bank;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Style};

use super::{Harness, sample_attempt, sample_story, wall};
use crate::keys::KeyMap;
use crate::settings::Settings;
use crate::tui::overlay::Overlay;
use crate::tui::screens::{Screen, Tab};
use crate::tui::theme;

fn settings(source: &str) -> Settings {
    let config = config::parse(source).unwrap();
    let loaded =
        Loaded { config: config.clone(), path: Some("config.toml".into()), found: true, source: source.into() };
    Settings { config, keymap: KeyMap::from_config(&loaded).unwrap(), error: None }
}

fn configured(bank: Bank, source: &str) -> Harness {
    let mut h = Harness::new(bank, 80, 24);
    h.app.apply_settings(settings(source), wall());
    h
}

fn footer(h: &Harness) -> String {
    h.render(80, 24).lines().nth(23).unwrap_or_default().to_string()
}

/// The screen's text, then every run of cells that shares a style, so a snapshot shows what colour says.
fn styled(buffer: &Buffer) -> String {
    let mut out = String::new();
    let width = usize::from(buffer.area.width);
    for (y, row) in buffer.content.chunks(width).enumerate() {
        out.push_str(&row.iter().map(ratatui::buffer::Cell::symbol).collect::<String>());
        out.push('\n');
        let mut x = 0;
        while x < row.len() {
            let style = plain(row[x].style());
            let end = (x..row.len()).find(|&i| plain(row[i].style()) != style).unwrap_or(row.len());
            if style.fg.is_some() || style.bg.is_some() || !style.add_modifier.is_empty() {
                out.push_str(&format!(
                    "  {y}:{x}-{end} fg={:?} bg={:?} {:?}\n",
                    style.fg, style.bg, style.add_modifier
                ));
            }
            x = end;
        }
    }
    out
}

/// A cell's style without the terminal's own default colour, which every untouched cell carries.
fn plain(style: Style) -> Style {
    let keep = |c: Option<Color>| c.filter(|&c| c != Color::Reset);
    Style { fg: keep(style.fg), bg: keep(style.bg), ..style }
}

#[test]
fn each_theme_draws_the_same_words_in_its_own_styles() {
    let bank = Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() };
    let mut h = Harness::new(bank, 80, 24);
    h.chars("jjjp ");
    h.advance(40.0);
    h.chars("n");
    h.advance(100.0);
    let text = h.render(80, 24);
    for name in ThemeName::ALL {
        theme::set(name);
        let terminal = h.render_terminal(80, 24);
        let buffer: &Buffer = terminal.backend().buffer();
        assert_eq!(TestBackend::to_string(terminal.backend()), text, "a theme changes styles, never words");
        insta::assert_snapshot!(format!("theme_{}_practice_over", name.as_str()), styled(buffer));
        let coloured = buffer.content.iter().any(|c| plain(c.style()).fg.is_some() || plain(c.style()).bg.is_some());
        assert_eq!(coloured, name != ThemeName::Mono, "{name:?}");
    }
    theme::set(ThemeName::Dark);
}

#[test]
fn remapped_keys_work_and_reach_the_footer_and_the_help() {
    let mut h = configured(Bank::default(), "[keys.practice]\nmark_phase = [\"right\"]\n[keys.top]\nquit = \"Q\"\n");
    // Prompt 2, a STAR story.
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('p'));
    let shown = footer(&h);
    assert!(shown.contains("→ next phase"), "{shown}");
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('n'));
    let Some(Screen::Practice(practice)) = &h.app.screen else { panic!("not practising") };
    assert_eq!(practice.answer.timer.phase(), Some(crate::model::Phase::Situation), "n no longer marks");
    h.press(KeyCode::Right);
    let Some(Screen::Practice(practice)) = &h.app.screen else { panic!("not practising") };
    assert_eq!(practice.answer.timer.phase(), Some(crate::model::Phase::Task));
    h.press(KeyCode::Char('?'));
    let mut help = String::new();
    for _ in 0..80 {
        help.push_str(&h.render(80, 24));
        h.press(KeyCode::Char('j'));
    }
    assert!(help.contains("│  →             Mark the move to the next phase"), "{help}");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('y'));
    assert!(footer(&h).contains("Q quit"), "{}", footer(&h));
    h.press(KeyCode::Char('q'));
    assert!(!h.app.quitting(), "q is no longer quit");
    h.press_with(KeyCode::Char('Q'), KeyModifiers::SHIFT);
    assert!(h.app.quitting());
}

#[test]
fn a_bad_config_says_so_in_the_status_header_and_help() {
    let mut h = Harness::empty(80, 24);
    let path = std::path::Path::new("/home/me/.config/star-coach/config.toml");
    let error = ConfigError::at(path, "theme = \"pink\"\n", Some(8..14), "unknown variant `pink`");
    let settings = Settings { config: Config::default(), keymap: KeyMap::default(), error: Some(error) };
    h.app.apply_settings(settings, wall());
    insta::assert_snapshot!("bad_config_80x24", h.render(80, 24));
    h.press(KeyCode::Char('?'));
    let help = h.render(80, 24);
    assert!(help.contains("Found at start") && help.contains("config.toml:1:9"), "{help}");
}

#[test]
fn the_configured_target_judges_answers() {
    let mut h = configured(Bank::default(), "[target]\nmin_secs = 20\nmax_secs = 45\n");
    h.chars("p ");
    h.advance(50.0);
    assert!(h.render(80, 24).contains("OVER"), "50 s is over a 45 s target");
    h.press(KeyCode::Enter);
    assert!(h.render(80, 24).contains("(target 0:20–0:45)"));
}

fn mouse(h: &mut Harness, kind: MouseEventKind, column: u16, row: u16) -> bool {
    h.render(80, 24);
    let now = h.now();
    h.app.handle_mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }, now, wall())
}

fn click(h: &mut Harness, column: u16, row: u16) -> bool {
    mouse(h, MouseEventKind::Down(MouseButton::Left), column, row)
}

fn row_of(h: &Harness, text: &str) -> u16 {
    h.render(80, 24).lines().position(|l| l.contains(text)).unwrap_or_else(|| panic!("no {text:?}")) as u16
}

#[test]
fn clicks_pick_tabs_rows_and_checklist_lines() {
    let bank = Bank {
        stories: vec![sample_story()],
        attempts: vec![sample_attempt("a1", "why-amazon", 90.0, 2)],
        ..Bank::default()
    };
    let mut h = Harness::new(bank, 80, 24);
    let prompt_row = row_of(&h, "3. What is your biggest");
    assert!(click(&mut h, 10, prompt_row));
    assert_eq!(h.app.tabs.prompts.selected(), 2);
    click(&mut h, 10, prompt_row);
    assert!(matches!(h.app.screen, Some(Screen::Guidance(_))), "a second click opens it");
    assert!(mouse(&mut h, MouseEventKind::ScrollDown, 10, 10));
    let Some(Screen::Guidance(view)) = &h.app.screen else { panic!() };
    assert_eq!(view.scroll.offset(), 1, "the wheel scrolls");
    h.press(KeyCode::Esc);

    let header = h.render(80, 24).lines().next().unwrap().to_string();
    let stories_x = header.find("2 Stories").unwrap() as u16;
    click(&mut h, stories_x, 0);
    assert_eq!(h.app.tab, Tab::Stories);
    click(&mut h, header.find("3 History").unwrap() as u16, 0);
    assert_eq!(h.app.tab, Tab::History);
    let attempt_row = row_of(&h, "▶11-30 07:15 1 1:30");
    click(&mut h, 5, attempt_row);
    click(&mut h, 5, attempt_row);
    assert!(matches!(h.app.screen, Some(Screen::Attempt(_))));
    assert!(!click(&mut h, 5, 0), "tabs do not switch away from an open screen");

    h.press(KeyCode::Esc);
    click(&mut h, header.find("1 Prompts").unwrap() as u16, 0);
    h.chars("p ");
    h.advance(70.0);
    h.press(KeyCode::Enter);
    let line = row_of(&h, "[ ] ");
    click(&mut h, 10, line + 1);
    let Some(Screen::Review(review)) = &h.app.screen else { panic!("not reviewing") };
    assert_eq!((review.cursor, review.review.checklist.get(1)), (1, true), "the clicked line is ticked");
    let note = row_of(&h, "Note:");
    click(&mut h, 10, note);
    let Some(Screen::Review(review)) = &h.app.screen else { panic!("not reviewing") };
    assert!(review.editing, "a click on the note starts writing it");
    assert!(!mouse(&mut h, MouseEventKind::ScrollDown, 10, 10), "the wheel does nothing while writing");
}

#[test]
fn clicks_behind_a_question_do_nothing_and_motion_is_ignored() {
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() }, 80, 24);
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Char('d'));
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
    assert!(!click(&mut h, 5, 0));
    assert_eq!(h.app.tab, Tab::Stories);
    assert!(!mouse(&mut h, MouseEventKind::Moved, 5, 5), "moving the mouse changes nothing");
}

#[test]
fn a_click_in_the_story_picker_chooses_that_story() {
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() }, 80, 24);
    h.chars("pt");
    let picking = |h: &Harness| matches!(&h.app.screen, Some(Screen::Practice(p)) if p.picking());
    assert!(picking(&h));
    let none = row_of(&h, "No story: answer without notes");
    assert!(click(&mut h, 30, none));
    assert!(!picking(&h));
    let Some(Screen::Practice(practice)) = &h.app.screen else { panic!("not practising") };
    assert_eq!(practice.answer.story, None, "the clicked choice is taken");
}

#[test]
fn the_readme_example_config_is_valid_and_sets_every_key() {
    let readme = include_str!("../../../README.md");
    let start = readme.find("<!-- config-example:start -->\n```toml\n").expect("README has the example") + 37;
    let end = readme[start..].find("```").unwrap() + start;
    let source = &readme[start..end];
    let example = settings(source);
    let defaults = Config::default();
    let config = &example.config;
    assert_ne!(config.theme, defaults.theme);
    assert_ne!(config.mouse, defaults.mouse);
    assert_ne!(config.words_per_minute, defaults.words_per_minute);
    assert_ne!(config.target, defaults.target);
    assert_ne!(config.phase_shares, defaults.phase_shares);
    let footer = example.keymap.footer(&[crate::keys::Context::Answer, crate::keys::Context::Practice]);
    assert!(footer.iter().any(|e| e.keys == "n/→" && e.hint == "next phase"), "{footer:?}");
}

#[test]
fn in_a_mock_a_click_picks_the_story_and_ticks_the_review() {
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() }, 80, 24);
    h.press(KeyCode::Char('m'));
    h.press(KeyCode::Enter);
    let none = row_of(&h, "No story: answer without notes");
    click(&mut h, 10, none);
    click(&mut h, 10, none);
    let Some(Screen::Mock(view)) = &h.app.screen else { panic!("not in the mock") };
    assert!(matches!(view.step, crate::tui::screens::mock::MockStep::Answer(_)), "two clicks tell that story");
    h.press(KeyCode::Char(' '));
    h.advance(70.0);
    h.press(KeyCode::Enter);
    let line = row_of(&h, "[ ] ");
    click(&mut h, 10, line);
    let Some(Screen::Mock(view)) = &h.app.screen else { panic!("not in the mock") };
    let crate::tui::screens::mock::MockStep::Review(review) = &view.step else { panic!("reviewing the round") };
    assert!(review.review.checklist.get(0), "the clicked line is ticked");
}

#[test]
fn a_click_in_the_editor_s_list_of_fields_moves_there() {
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() }, 80, 24);
    h.chars("2e");
    let learning = row_of(&h, "Learning");
    assert!(click(&mut h, 3, learning));
    let Some(Screen::Editor(editor)) = &h.app.screen else { panic!("not editing") };
    assert_eq!(editor.focus, crate::tui::screens::editor::Field::Learning);
    h.chars(" Always canary.");
    assert!(h.app.bank.stories[0].learning.contains("Always canary."), "typing goes to the clicked field");
}

#[test]
fn a_click_on_a_principle_or_prompt_in_the_editor_ticks_it() {
    let mut h = Harness::new(Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() }, 80, 24);
    h.chars("2e");
    let principles = row_of(&h, "Principles");
    click(&mut h, 3, principles);
    let ownership = row_of(&h, "[ ] Ownership");
    assert!(click(&mut h, 30, ownership));
    assert!(h.app.bank.stories[0].principles.contains(&"Ownership".to_string()), "the clicked principle is ticked");
    assert!(h.app.autosave_at.is_some(), "and saved soon, as Space would");
    click(&mut h, 30, ownership);
    assert!(!h.app.bank.stories[0].principles.contains(&"Ownership".to_string()), "a second click unticks it");

    // Below the header, which has a Prompts tab of its own.
    let prompts = h.render(80, 24).lines().skip(1).position(|l| l.contains("Prompts")).unwrap() as u16 + 1;
    click(&mut h, 3, prompts);
    let failure = row_of(&h, "[ ] 3. What is your biggest");
    click(&mut h, 30, failure);
    assert!(h.app.bank.stories[0].prompts.contains(&"biggest-failure".to_string()), "the clicked prompt is ticked");
}
