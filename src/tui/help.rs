//! The `?` overlay: every binding, drawn from the key map.

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::keymap::{Action, Context, KeyMap, keys_label};
use super::{theme, widgets};

fn lines(keymap: &KeyMap, warnings: &[String], width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !warnings.is_empty() {
        lines.push(Line::styled("Found at start", theme::error()));
        for warning in warnings {
            let wrapped = widgets::wrap_text(warning, usize::from(width.saturating_sub(2)));
            lines.extend(wrapped.into_iter().map(|l| Line::raw(format!("  {l}"))));
        }
    }
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

pub fn max_scroll(keymap: &KeyMap, warnings: &[String], size: Size) -> usize {
    let rect = frame_rect(Rect::new(0, 0, size.width, size.height));
    let inner_height = usize::from(rect.height.saturating_sub(2));
    lines(keymap, warnings, rect.width.saturating_sub(2)).len().saturating_sub(inner_height)
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
    let visible: Vec<Line> = lines(keymap, warnings, inner.width).into_iter().skip(scroll).collect();
    Paragraph::new(visible).render(inner, buf);
}
