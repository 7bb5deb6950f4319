//! Prompt packs in the coach: their group on the Prompts screen, practice, the editor, and prompts no longer loaded.

use std::sync::OnceLock;

use crate::content::Guide;
use crate::model::Bank;
use ratatui::crossterm::event::KeyCode;

use super::{Harness, sample_attempt, sample_story};
use crate::tui::screens::Screen;

/// The bundled guide with the README's example pack ("Team lead": prompts 8 and 9) loaded from a folder.
fn pack_guide() -> &'static Guide {
    static GUIDE: OnceLock<Guide> = OnceLock::new();
    GUIDE.get_or_init(|| {
        let readme = include_str!("../../../README.md");
        let section = &readme[readme.find("## Custom prompt packs").unwrap()..];
        let start = section.find("```toml\n").unwrap() + "```toml\n".len();
        let pack = &section[start..start + section[start..].find("```").unwrap()];
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("team.toml"), pack).unwrap();
        let (guide, errors) = Guide::with_packs(Some(dir.path()));
        assert!(errors.is_empty(), "{errors:?}");
        guide
    })
}

fn with_packs(bank: Bank) -> Harness {
    Harness::with_guide(pack_guide(), bank, 80, 24)
}

#[test]
fn prompts_screen_shows_the_pack_as_its_own_group() {
    let mut h = with_packs(Bank::default());
    for _ in 0..7 {
        h.press(KeyCode::Char('j'));
    }
    assert_eq!(h.app.tabs.prompts.selected(), 7, "the selection steps over the pack's heading");
    insta::assert_snapshot!("prompts_with_pack_80x24", h.render(80, 24));
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char('j'));
    assert_eq!(h.app.tabs.prompts.selected(), 8, "stops at the last prompt");
    h.press(KeyCode::Enter);
    let screen = h.render(80, 24);
    assert!(screen.contains("9. Describe a time you helped someone on your team grow."), "{screen}");
}

#[test]
fn practising_a_pack_prompt_records_its_id() {
    let mut h = with_packs(Bank::default());
    for _ in 0..7 {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Char('p'));
    assert!(h.render(80, 24).contains("8. Tell me about a time you disagreed"));
    h.press(KeyCode::Char(' '));
    h.advance(80.0);
    h.press(KeyCode::Enter);
    h.press(KeyCode::Char('s'));
    let attempt = h.app.bank.attempts.last().expect("saved");
    assert_eq!(attempt.prompt, "disagree-and-commit");
    assert_eq!(h.app.history.summary("disagree-and-commit").attempts, 1);
    // The seven were never practised, so they still come first; the pack's prompt counts like theirs.
    assert_eq!(h.app.plan.next().unwrap().card.prompt(), Some("why-amazon"));
}

#[test]
fn the_editor_lists_pack_prompts_and_keeps_ones_not_loaded() {
    let mut story = sample_story();
    story.prompts = vec!["simple-solution".into(), "gone-prompt".into()];
    let mut h = with_packs(Bank { stories: vec![story], attempts: Vec::new(), ..Bank::default() });
    h.press(KeyCode::Char('2'));
    h.press(KeyCode::Enter);
    for _ in 0..7 {
        h.press(KeyCode::Tab);
    }
    let screen = h.render(80, 24);
    assert!(screen.contains("Team lead"), "{screen}");
    // Down to the not-loaded prompt (after the 9 loaded ones): untick it, tick it back, then tick prompt 9.
    for _ in 0..9 {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Char(' '));
    assert_eq!(h.app.bank.stories[0].prompts, ["simple-solution"]);
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char('k'));
    h.press(KeyCode::Char(' '));
    assert_eq!(h.app.bank.stories[0].prompts, ["simple-solution", "grow-someone", "gone-prompt"]);
    let screen = h.render(80, 24);
    assert!(screen.contains("[x] prompt gone-prompt (pack not loaded)"), "{screen}");
}

#[test]
fn attempts_and_stories_at_a_prompt_not_loaded_still_show() {
    let mut story = sample_story();
    story.prompts = vec!["gone-prompt".into()];
    let attempts = vec![sample_attempt("a1", "gone-prompt", 95.0, 2)];
    let mut h = Harness::new(Bank { stories: vec![story], attempts, ..Bank::default() }, 120, 30);
    h.press(KeyCode::Char('2'));
    assert!(h.render(120, 30).contains('?'), "the story's mapping shows as ?");
    h.press(KeyCode::Char('c'));
    h.render(80, 24);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('3'));
    let screen = h.render(120, 30);
    assert!(screen.contains("prompt gone-prompt (pack not loaded)"), "{screen}");
    h.press(KeyCode::Char('f'));
    assert_eq!(
        h.app.tabs.history.prompt_filter.as_deref(),
        Some("gone-prompt"),
        "f reaches it: the only prompt practised"
    );
    assert!(h.render(120, 30).contains("Prompt gone-prompt · newest first (1)"));
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.screen, Some(Screen::Attempt(_))));
    assert!(h.render(80, 24).contains("prompt gone-prompt (pack not loaded)"));
}

#[test]
fn pack_warnings_show_on_the_status_line_at_start() {
    let mut h = Harness::empty(80, 24);
    h.app.announce_warnings(&["skipped the prompt pack a.toml at line 1, column 2: bad".into(), "two".into()]);
    let screen = h.render(120, 24);
    assert!(screen.contains("skipped the prompt pack a.toml at line 1, column 2: bad (and 1 more; see"), "{screen}");
    h.press(KeyCode::Char('j'));
    assert!(h.app.status.is_none(), "the next key clears it");
}

#[test]
fn a_pack_s_own_principles_can_be_ticked_and_are_covered() {
    let guide = pack_guide();
    let all = guide.all_principles();
    let sixteen: Vec<&str> = guide.leadership_principles().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(&all[..sixteen.len()], sixteen, "the sixteen first, the packs' own after");
    assert!(all.contains(&"Have Backbone; Disagree and Commit") && all.contains(&"Hire and Develop the Best"));
    assert_eq!(all.iter().filter(|p| **p == "Earn Trust").count(), 1, "a principle both name is listed once");

    let mut h = with_packs(Bank { stories: vec![sample_story()], attempts: Vec::new(), ..Bank::default() });
    h.chars("2e");
    for _ in 0..6 {
        h.press(KeyCode::Tab);
    }
    let backbone = all.iter().position(|p| *p == "Have Backbone; Disagree and Commit").unwrap();
    for _ in 0..backbone {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Char(' '));
    assert!(h.app.bank.stories[0].principles.iter().any(|p| p == "Have Backbone; Disagree and Commit"));
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('c'));
    let mut coverage = String::new();
    for _ in 0..30 {
        coverage.push_str(&h.render(80, 24));
        h.press(KeyCode::Char('j'));
    }
    assert!(coverage.contains("Have Backbone"), "the coverage view lists the pack's principles");
}
