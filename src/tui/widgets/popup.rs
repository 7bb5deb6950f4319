//! Boxes drawn over the screen: centred, cleared, titled.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::tui::theme;

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Clears `area` and draws a bordered box titled `title`; returns the inside.
pub fn overlay(area: Rect, buf: &mut Buffer, title: &str) -> Rect {
    Clear.render(area, buf);
    let block = Block::new().borders(Borders::ALL).title(Line::styled(format!(" {title} "), theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
