//! The footer's key hints.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::tui::theme;

/// The footer: "key hint · key hint". Where it does not fit, entries are dropped from the end, but the last
/// (help) is always kept so the way to every other key stays on screen.
pub fn key_hints(entries: &[(String, &str)], width: u16) -> Line<'static> {
    let entry_width = |(keys, hint): &(String, &str)| keys.width() + 1 + hint.width();
    let mut shown: Vec<&(String, &str)> = entries.iter().collect();
    let total = |shown: &[&(String, &str)]| {
        shown.iter().map(|e| entry_width(e)).sum::<usize>() + 3 * shown.len().saturating_sub(1)
    };
    while shown.len() > 1 && total(&shown) > usize::from(width) {
        shown.remove(shown.len() - 2);
    }
    let mut spans = Vec::new();
    for (i, (keys, hint)) in shown.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        spans.push(Span::styled(keys.clone(), theme::key()));
        spans.push(Span::raw(format!(" {hint}")));
    }
    Line::from(spans)
}
