//! The footer's key hints.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::keys::FooterEntry;
use crate::tui::theme;

/// The footer: "key hint · key hint". Where it does not fit, entries are dropped from the end, but the ways out
/// and to the help (Esc back, q quit, ? help) stay to the last, so the user always sees how to leave and how to
/// find every other key.
pub fn key_hints(entries: &[FooterEntry], width: u16) -> Line<'static> {
    let entry_width = |e: &FooterEntry| e.keys.width() + 1 + e.hint.width();
    let total = |shown: &[&FooterEntry]| {
        shown.iter().map(|e| entry_width(e)).sum::<usize>() + 3 * shown.len().saturating_sub(1)
    };
    let mut shown: Vec<&FooterEntry> = entries.iter().collect();
    while total(&shown) > usize::from(width) {
        let drop = shown.iter().rposition(|e| !e.essential()).or_else(|| (shown.len() > 1).then_some(0));
        match drop {
            Some(i) => shown.remove(i),
            None => break,
        };
    }
    let mut spans = Vec::new();
    for (i, entry) in shown.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme::dim()));
        }
        spans.push(Span::styled(entry.keys.clone(), theme::key()));
        spans.push(Span::raw(format!(" {}", entry.hint)));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Context, KeyMap};

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.to_string()).collect()
    }

    #[test]
    fn a_narrow_footer_keeps_the_way_out() {
        let map = KeyMap::default();
        let editor = map.footer(&[Context::Editor]);
        let footer = text(&key_hints(&editor, 60));
        assert!(footer.contains("Esc close") && footer.contains("F1 help"), "{footer}");
        assert!(footer.width() <= 60, "{footer}");
        let practice = map.footer(&[Context::Answer, Context::Practice, Context::Global]);
        let footer = text(&key_hints(&practice, 60));
        assert!(footer.contains("Esc back") && footer.contains("? help"), "{footer}");
        assert!(footer.starts_with("Space start/pause"), "the first keys stay while there is room: {footer}");
    }
}
