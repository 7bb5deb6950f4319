//! Clicks and the wheel. Drawing notes where each clickable thing landed; a click is looked up there, so what
//! the user clicks is exactly what they saw, whatever the layout did at this size.

use ratatui::layout::{Position, Rect};

use crate::tui::screens::Tab;
use crate::tui::screens::editor::Field;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(Tab),
    /// A row of the list on screen: a prompt, a shown story, a row of the history table, a mock's story.
    Row(usize),
    /// A line of the review: 0–3 the checklist, 4 the note.
    ReviewLine(usize),
    /// A story in the story picker.
    PickerRow(usize),
    /// A field in the story editor's list of fields.
    EditorField(Field),
    /// An item of the story editor's principle or prompt list.
    EditorChoice(usize),
}

/// Where the last frame drew each clickable thing.
#[derive(Debug, Default)]
pub struct HitMap(Vec<(Rect, Hit)>);

impl HitMap {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn add(&mut self, area: Rect, hit: Hit) {
        if !area.is_empty() {
            self.0.push((area, hit));
        }
    }

    /// Notes rows `offset..len` of a list drawn in `area`, one a line, as `Hit::Row`s.
    pub fn add_rows(&mut self, area: Rect, offset: usize, len: usize) {
        self.add_rows_as(area, offset, len, Hit::Row);
    }

    /// Notes rows `offset..len` of a list drawn in `area`, one a line, each as `hit(index)`.
    pub fn add_rows_as(&mut self, area: Rect, offset: usize, len: usize, hit: fn(usize) -> Hit) {
        for (y, index) in (area.y..area.bottom()).zip(offset..len) {
            self.add(Rect { y, height: 1, ..area }, hit(index));
        }
    }

    pub fn at(&self, column: u16, row: u16) -> Option<Hit> {
        self.0.iter().rev().find(|(area, _)| area.contains(Position { x: column, y: row })).map(|&(_, hit)| hit)
    }
}
