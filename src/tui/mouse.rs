//! Clicks and the wheel. Drawing notes where each clickable thing landed; a click is looked up there, so what
//! the user clicks is exactly what they saw, whatever the layout did at this size.

use std::time::Instant;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::app::{App, NOTE_LINE, Overlay, Screen, Tab};
use super::editor::Field;
use super::mock::MockStep;
use crate::keys::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Tab(Tab),
    /// A row of the list on screen: a prompt, a shown story, or a row of the history table.
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

    pub fn at(&self, column: u16, row: u16) -> Option<Hit> {
        self.0.iter().rev().find(|(area, _)| area.contains(Position { x: column, y: row })).map(|&(_, hit)| hit)
    }
}

impl App {
    /// True when the event changed something worth a redraw; the many motion events change nothing.
    pub fn handle_mouse(&mut self, event: MouseEvent, now: Instant, wall: DateTime<Utc>) -> bool {
        self.now = now;
        let action = match event.kind {
            MouseEventKind::ScrollDown => Action::Down,
            MouseEventKind::ScrollUp => Action::Up,
            MouseEventKind::Down(MouseButton::Left) => return self.click(event.column, event.row, now, wall),
            _ => return false,
        };
        // The wheel moves whatever the arrow keys move here, and nothing where they type.
        if !self.keymap.binds(&self.contexts(), action) {
            return false;
        }
        self.status = None;
        self.apply(action, now, wall);
        true
    }

    fn click(&mut self, column: u16, row: u16, now: Instant, wall: DateTime<Utc>) -> bool {
        let Some(hit) = self.hits.borrow().at(column, row) else { return false };
        // A click behind an open overlay or question must not act; the picker's own rows are the one target.
        match (&mut self.overlay, hit) {
            (Some(Overlay::Picker { selected, .. }), Hit::PickerRow(index)) => {
                *selected = index;
                self.apply(Action::Open, now, wall);
                return true;
            }
            (Some(_), _) | (None, Hit::PickerRow(_)) => return false,
            (None, _) => {}
        }
        self.status = None;
        match hit {
            Hit::Tab(tab) if matches!(self.screen, Screen::Top) && !self.filtering => {
                let action = match tab {
                    Tab::Prompts => Action::ShowPrompts,
                    Tab::Stories => Action::ShowStories,
                    Tab::History => Action::ShowHistory,
                };
                self.apply(action, now, wall);
            }
            Hit::Tab(_) => return false,
            // A click selects; a click on the row already selected opens it, as Enter would.
            Hit::Row(index) if matches!(self.screen, Screen::Mock(_)) => {
                let Screen::Mock(view) = &mut self.screen else { return false };
                let MockStep::Story { selected } = &mut view.step else { return false };
                if *selected == index {
                    self.apply(Action::Open, now, wall);
                } else {
                    *selected = index;
                }
            }
            Hit::Row(index) => match self.tab {
                Tab::Prompts if self.prompt_selected == index => self.apply(Action::Open, now, wall),
                Tab::Prompts => self.prompt_selected = index,
                Tab::Stories if self.story_selected == index => self.apply(Action::EditStory, now, wall),
                Tab::Stories => self.story_selected = index,
                Tab::History if self.history_view.selected == index => self.apply(Action::Open, now, wall),
                Tab::History => self.select_history_row(index),
            },
            Hit::PickerRow(_) => return false,
            Hit::EditorField(field) => {
                let Screen::Editor(editor) = &mut self.screen else { return false };
                editor.focus = field;
            }
            Hit::EditorChoice(choice) => {
                let Screen::Editor(editor) = &mut self.screen else { return false };
                if editor.click_choice(choice, self.guide) {
                    self.story_edited(now, wall);
                }
            }
            Hit::ReviewLine(line) => {
                let review = match &mut self.screen {
                    Screen::Review(review) => review,
                    Screen::Mock(view) => match view.review_mut() {
                        Some(review) => review,
                        None => return false,
                    },
                    _ => return false,
                };
                review.cursor = line.min(NOTE_LINE);
                if line < NOTE_LINE {
                    review.review.checklist.toggle(line);
                } else {
                    review.editing = true;
                }
            }
        }
        true
    }
}
