//! Choosing the story to tell: the stories mapped to the prompt first, then the others, then "no story".

use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use crate::model::Bank;
use crate::tui::theme;

/// The stories offered for `prompt_id`: those mapped to it first, then the others, then "no story".
pub fn story_choices(bank: &Bank, prompt_id: &str) -> Vec<Option<String>> {
    let (fits, others): (Vec<_>, Vec<_>) = bank.stories.iter().partition(|s| s.fits(prompt_id));
    let mut choices: Vec<Option<String>> = fits.iter().chain(others.iter()).map(|s| Some(s.id.clone())).collect();
    choices.push(None);
    choices
}

/// The rows for `choices`: a tick on the stories mapped to the prompt, and `note` (e.g. "told in round 1") where
/// it has one.
pub fn story_items(
    bank: &Bank,
    prompt_id: &str,
    choices: &[Option<String>],
    note: impl Fn(&str) -> Option<String>,
) -> Vec<ListItem<'static>> {
    choices
        .iter()
        .map(|choice| match choice.as_deref().and_then(|id| bank.story(id)) {
            Some(story) => {
                let mark = if story.fits(prompt_id) { "✓ " } else { "  " };
                let mut spans = vec![Span::raw(format!("{mark}{}", story.title))];
                if let Some(note) = note(&story.id) {
                    spans.push(Span::styled(format!("  ({note})"), theme::warning()));
                }
                ListItem::new(Line::from(spans))
            }
            None => ListItem::new("  No story: answer without notes"),
        })
        .collect()
}
