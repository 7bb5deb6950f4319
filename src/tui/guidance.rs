//! The guidance view: a prompt's guidance (or the general guide), wrapped and scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use super::app::GuidanceView;
use super::widgets;

pub fn draw(view: &GuidanceView, area: Rect, buf: &mut Buffer) {
    let text_area = Rect { width: area.width.saturating_sub(1), ..area };
    let lines = widgets::doc_lines(&view.doc, text_area.width);
    let total = lines.len();
    let visible: Vec<_> = lines.into_iter().skip(view.scroll).take(usize::from(area.height)).collect();
    Paragraph::new(visible).render(text_area, buf);
    if total > usize::from(area.height) {
        let mut state = ScrollbarState::new(total.saturating_sub(usize::from(area.height))).position(view.scroll);
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(area, buf, &mut state);
    }
}
