//! Scrolling and list cursors, written once for every screen that scrolls.
//!
//! How far a text can scroll depends on how it wrapped at the last frame's width, so drawing notes the limit in a
//! `Cell` (a layout cache, like the mouse's hit map) and the next key is clamped to it: no scroll position can run
//! past the end, however many times the user presses down.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use crate::keys::Action;
use crate::tui::theme;

/// A scroll position over lines of text.
#[derive(Debug, Default, Clone)]
pub struct Scroll {
    offset: usize,
    /// The furthest offset and the page height the last frame found.
    max: Cell<usize>,
    page: Cell<usize>,
}

impl Scroll {
    /// Moves for a scrolling action; false when `action` is not one.
    pub fn apply(&mut self, action: Action) -> bool {
        let page = self.page.get().max(1);
        let offset = self.offset.min(self.max.get());
        self.offset = match action {
            Action::Up => offset.saturating_sub(1),
            Action::Down => offset + 1,
            Action::PageUp => offset.saturating_sub(page),
            Action::PageDown => offset + page,
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => return false,
        }
        .min(self.max.get());
        true
    }

    /// For drawing `total` lines in `height` rows: the first line to show. Notes the limits for the next key.
    pub fn show(&self, total: usize, height: usize) -> usize {
        let max = total.saturating_sub(height);
        self.max.set(max);
        self.page.set(height.saturating_sub(1).max(1));
        self.offset.min(max)
    }

    /// The first line shown at the last frame.
    pub fn offset(&self) -> usize {
        self.offset.min(self.max.get())
    }

    /// Scrolls so that line `line` is the first shown (clamped at the next frame).
    pub fn set(&mut self, line: usize) {
        self.offset = line;
    }

    /// Whether lines below the last frame's window are hidden.
    pub fn more_below(&self) -> bool {
        self.offset() < self.max.get()
    }
}

/// The keys that scroll a text, as bound where it is shown, for the line that says more is hidden.
pub struct ScrollKeys {
    pub down: String,
    pub up: String,
}

/// Draws `lines` from `scroll`'s offset. When they overflow `area`, a scrollbar shows where the window is and the
/// last row says how many lines are hidden and which key brings them: nothing is cut off without a word.
pub fn draw_scrolled(lines: Vec<Line<'static>>, scroll: &Scroll, keys: &ScrollKeys, area: Rect, buf: &mut Buffer) {
    let total = lines.len();
    let height = usize::from(area.height);
    if total <= height || height < 2 {
        let offset = scroll.show(total, height);
        Paragraph::new(lines.into_iter().skip(offset).collect::<Vec<_>>()).render(area, buf);
        return;
    }
    let [text_area, more_area] = area.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
    let [text_area, bar_area] = text_area.layout(&Layout::horizontal([Constraint::Fill(1), Constraint::Length(1)]));
    let window = usize::from(text_area.height);
    let offset = scroll.show(total, window);
    let below = total - (offset + window).min(total);
    Paragraph::new(lines.into_iter().skip(offset).take(window).collect::<Vec<_>>()).render(text_area, buf);
    let mut state = ScrollbarState::new(total.saturating_sub(window)).position(offset);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .render(bar_area, buf, &mut state);
    let more = if below > 0 {
        format!("↓ {} below: {} scrolls", crate::text::count(below, "more line", "more lines"), keys.down)
    } else {
        format!("↑ {} above: {} scrolls back", crate::text::count(offset, "line", "lines"), keys.up)
    };
    Line::styled(crate::tui::widgets::text::ellipsize(&more, usize::from(more_area.width)), theme::dim())
        .render(more_area, buf);
}

/// The selected row of a list of `len` rows.
#[derive(Debug, Default)]
pub struct ListCursor {
    pub selected: usize,
    /// Rows the last frame showed, for a page.
    page: Cell<usize>,
}

impl ListCursor {
    /// Moves for a list action over `len` rows; false when `action` is not one.
    pub fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        let page = self.page.get().max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => self.selected + 1,
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => self.selected + page,
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        }
        .min(last);
        true
    }

    /// Selects row `index` of `len`, as a click does.
    pub fn select(&mut self, index: usize, len: usize) {
        self.selected = index.min(len.saturating_sub(1));
    }

    /// Notes, while drawing, how many rows a page holds.
    pub fn shown(&self, rows: usize) {
        self.page.set(rows.max(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stops_at_the_end_and_one_up_always_moves() {
        let mut scroll = Scroll::default();
        scroll.show(30, 10);
        for _ in 0..200 {
            scroll.apply(Action::Down);
        }
        assert_eq!(scroll.offset(), 20);
        scroll.apply(Action::Up);
        assert_eq!(scroll.offset(), 19, "one up moves at once, however far down was pressed");
        scroll.apply(Action::Bottom);
        assert_eq!(scroll.show(30, 10), 20);
        scroll.apply(Action::PageUp);
        assert_eq!(scroll.offset(), 11);
        assert!(scroll.more_below());
        assert!(!scroll.apply(Action::Open));
    }

    #[test]
    fn a_taller_window_clamps_what_was_scrolled() {
        let mut scroll = Scroll::default();
        scroll.show(30, 10);
        scroll.apply(Action::Bottom);
        assert_eq!(scroll.show(30, 25), 5, "a resize shows the end, not past it");
        assert_eq!(scroll.show(30, 40), 0);
    }

    #[test]
    fn a_cursor_stays_on_the_list() {
        let mut cursor = ListCursor::default();
        cursor.shown(5);
        cursor.apply(Action::PageDown, 12);
        assert_eq!(cursor.selected, 5);
        cursor.apply(Action::Bottom, 12);
        cursor.apply(Action::Down, 12);
        assert_eq!(cursor.selected, 11);
        cursor.apply(Action::Top, 12);
        cursor.apply(Action::Up, 12);
        assert_eq!(cursor.selected, 0);
        cursor.apply(Action::Down, 0);
        assert_eq!(cursor.selected, 0, "an empty list selects row 0");
    }
}
