//! The `?` overlay: every binding, drawn from the key map.

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::keymap::{KeyMap, keys_label};
use super::{theme, widgets};

fn lines(keymap: &KeyMap) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (context, bindings) in keymap.sections() {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(context.title(), theme::heading()));
        for binding in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keys_label(&binding.keys)), theme::key()),
                Span::raw(binding.help),
            ]));
        }
    }
    lines
}

fn frame_rect(area: Rect) -> Rect {
    widgets::centered(area, 72, area.height.saturating_sub(2).max(3))
}

pub fn max_scroll(keymap: &KeyMap, size: Size) -> usize {
    let inner_height = usize::from(frame_rect(Rect::new(0, 0, size.width, size.height)).height.saturating_sub(2));
    lines(keymap).len().saturating_sub(inner_height)
}

pub fn draw(keymap: &KeyMap, scroll: usize, area: Rect, buf: &mut Buffer) {
    let inner = widgets::overlay(frame_rect(area), buf, "Keys (Esc closes, j/k scroll)");
    let visible: Vec<Line> = lines(keymap).into_iter().skip(scroll).collect();
    Paragraph::new(visible).render(inner, buf);
}
