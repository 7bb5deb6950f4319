//! The `?` overlay: every binding, drawn from the key map.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{theme, widgets};
use crate::keys::{Action, Context, KeyMap, keys_label};

/// The help's lines in `window`, and how many there are in all. Only the lines asked for are built: a frame
/// shows one screenful of a list that has grown to some 160 lines.
fn lines(keymap: &KeyMap, warnings: &[String], width: u16, window: Range<usize>) -> (Vec<Line<'static>>, usize) {
    let mut shown = Vec::new();
    let mut count = 0;
    let mut push = |make: &dyn Fn() -> Line<'static>| {
        if window.contains(&count) {
            shown.push(make());
        }
        count += 1;
    };
    if !warnings.is_empty() {
        push(&|| Line::styled("Found at start", theme::error()));
        for warning in warnings {
            for line in widgets::wrap_text(warning, usize::from(width.saturating_sub(2))) {
                push(&|| Line::raw(format!("  {line}")));
            }
        }
    }
    for (i, (context, bindings)) in keymap.sections().into_iter().enumerate() {
        if i > 0 || !warnings.is_empty() {
            push(&|| Line::raw(""));
        }
        push(&|| Line::styled(context.title(), theme::heading()));
        for binding in bindings {
            push(&|| {
                Line::from(vec![
                    Span::styled(format!("  {:<14}", keys_label(&binding.keys)), theme::key()),
                    Span::raw(binding.help),
                ])
            });
        }
    }
    (shown, count)
}

fn frame_rect(area: Rect) -> Rect {
    widgets::centered(area, 72, area.height.saturating_sub(2).max(3))
}

pub fn max_scroll(keymap: &KeyMap, warnings: &[String], size: Size) -> usize {
    let rect = frame_rect(Rect::new(0, 0, size.width, size.height));
    let inner_height = usize::from(rect.height.saturating_sub(2));
    lines(keymap, warnings, rect.width.saturating_sub(2), 0..0).1.saturating_sub(inner_height)
}

pub fn draw(keymap: &KeyMap, warnings: &[String], scroll: usize, area: Rect, buf: &mut Buffer) {
    // The title names the keys as bound, so a remapped close or scroll key reads right.
    let keys = |action| {
        let labels = keymap.sections().into_iter().find(|(c, _)| *c == Context::Help).map(|(_, bindings)| {
            bindings.iter().filter(|b| b.action == action).map(|b| keys_label(&b.keys[..1])).collect::<Vec<_>>()
        });
        labels.unwrap_or_default().join("/")
    };
    let title = format!("Keys ({} closes, {}/{} scroll)", keys(Action::Back), keys(Action::Down), keys(Action::Up));
    let rect = frame_rect(area);
    let inner = widgets::overlay(rect, buf, &title);
    let (visible, _) = lines(keymap, warnings, inner.width, scroll..scroll + usize::from(inner.height));
    Paragraph::new(visible).render(inner, buf);
}
