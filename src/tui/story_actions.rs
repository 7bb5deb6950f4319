//! What the Stories screen, the story editor and the coverage view do with an action.

use std::time::{Duration, Instant};

use crate::model::{Story, new_id};
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{App, Overlay, Question, Screen, Status, Tab};
use super::editor::{Field, StoryEditor};
use crate::keys::Action;

/// How long typing may pause before the story is written to disk.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(800);

impl App {
    /// Indexes into the bank of the stories the filter lets through, in bank order.
    pub fn visible_stories(&self) -> Vec<usize> {
        let needle = self.story_filter.trim().to_lowercase();
        self.bank
            .stories
            .iter()
            .enumerate()
            .filter(|(_, s)| needle.is_empty() || story_text(s).to_lowercase().contains(&needle))
            .map(|(i, _)| i)
            .collect()
    }

    fn selected_story_index(&self) -> Option<usize> {
        self.visible_stories().get(self.story_selected).copied()
    }

    pub(super) fn apply_stories(&mut self, action: Action, wall: DateTime<Utc>) {
        if self.filtering {
            self.filtering = false;
            if action == Action::Back {
                self.story_filter.clear();
            }
            return;
        }
        match action {
            Action::AddStory => {
                let story = Story::new(new_id(), String::new(), wall);
                self.bank.stories.push(story);
                self.story_filter.clear();
                self.story_selected = self.bank.stories.len() - 1;
                self.open_editor(self.bank.stories.len() - 1, Field::Title);
            }
            Action::EditStory => {
                if let Some(i) = self.selected_story_index() {
                    self.open_editor(i, Field::Title);
                }
            }
            Action::DeleteStory => {
                if self.selected_story_index().is_some() {
                    self.overlay = Some(Overlay::Confirm(Question::DeleteStory));
                }
            }
            Action::UndoDelete => match self.last_deleted.take() {
                Some((index, story)) => {
                    let title = story.title.clone();
                    let index = index.min(self.bank.stories.len());
                    self.bank.stories.insert(index, story);
                    self.story_filter.clear();
                    self.story_selected = index;
                    if self.save().is_ok() {
                        self.status = Some(Status::info(format!("Brought back \"{title}\".")));
                    }
                }
                None => self.status = Some(Status::info("Nothing to undo.")),
            },
            Action::Filter => {
                self.filtering = true;
                self.story_selected = 0;
            }
            Action::ShowCoverage => self.screen = Screen::Coverage { scroll: 0 },
            other => self.apply_top(other),
        }
    }

    pub(super) fn type_filter(&mut self, event: KeyEvent) {
        match event.code {
            KeyCode::Backspace => {
                self.story_filter.pop();
            }
            KeyCode::Char(c) if !event.modifiers.contains(KeyModifiers::CONTROL) => self.story_filter.push(c),
            _ => return,
        }
        self.story_selected = 0;
    }

    pub(super) fn delete_selected_story(&mut self) {
        let Some(index) = self.selected_story_index() else { return };
        let story = self.bank.stories.remove(index);
        let title = story.title.clone();
        self.last_deleted = Some((index, story));
        self.story_selected = self.story_selected.min(self.visible_stories().len().saturating_sub(1));
        if self.save().is_ok() {
            self.status = Some(Status::info(format!("Deleted \"{title}\". Press u to bring it back.")));
        }
    }

    fn open_editor(&mut self, index: usize, focus: Field) {
        self.tab = Tab::Stories;
        self.screen = Screen::Editor(Box::new(StoryEditor::open(&self.bank.stories[index], focus, self.guide)));
    }

    /// Copies the editor's text into the bank's story; returns whether anything changed.
    pub(super) fn sync_editor(&mut self, wall: DateTime<Utc>) -> bool {
        let Screen::Editor(editor) = &self.screen else { return false };
        let Some(story) = self.bank.story_mut(&editor.story_id) else { return false };
        editor.write_into(story, wall)
    }

    pub(super) fn story_edited(&mut self, now: Instant, wall: DateTime<Utc>) {
        if self.sync_editor(wall) {
            self.autosave_at = Some(now + AUTOSAVE_DELAY);
        }
    }

    pub(super) fn apply_editor(&mut self, action: Action, now: Instant, wall: DateTime<Utc>) {
        let Screen::Editor(editor) = &mut self.screen else { return };
        match action {
            Action::NextField => editor.focus = editor.focus.step(1),
            Action::PrevField => editor.focus = editor.focus.step(-1),
            Action::Up => editor.move_cursor(-1, self.guide),
            Action::Down => editor.move_cursor(1, self.guide),
            Action::Toggle => {
                if editor.toggle(self.guide) {
                    self.story_edited(now, wall);
                }
            }
            Action::SaveNow => {
                self.sync_editor(wall);
                if self.save().is_ok() {
                    self.status = Some(Status::info("Saved."));
                }
            }
            Action::Back => self.close_editor(wall),
            _ => {}
        }
    }

    /// Esc in the editor: keep the story (saved at once), or drop it if it was never written in.
    pub(super) fn close_editor(&mut self, wall: DateTime<Utc>) {
        self.sync_editor(wall);
        let Screen::Editor(editor) = std::mem::replace(&mut self.screen, Screen::Top) else { return };
        let Some(index) = self.bank.stories.iter().position(|s| s.id == editor.story_id) else { return };
        let mut must_save = self.autosave_at.is_some() || self.unsaved;
        if is_blank(&self.bank.stories[index]) {
            // A story emptied after an autosave is on disk as a blank: the removal must be written too.
            self.bank.stories.remove(index);
            self.story_selected = self.story_selected.min(self.bank.stories.len().saturating_sub(1));
            must_save = true;
        } else {
            self.story_selected = self.visible_stories().iter().position(|&i| i == index).unwrap_or(0);
        }
        if must_save {
            let _ = self.save();
        }
    }

    pub(super) fn apply_coverage(&mut self, action: Action) {
        let max =
            super::coverage::lines(self, self.size.width).len().saturating_sub(super::view::body_height(self.size));
        let Screen::Coverage { scroll } = &mut self.screen else { return };
        match action {
            Action::Down => *scroll = (*scroll + 1).min(max),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Back => self.screen = Screen::Top,
            _ => {}
        }
    }
}

fn story_text(s: &Story) -> String {
    [s.title.as_str(), &s.situation, &s.task, &s.learning, &s.actions.join(" "), &s.results.join(" ")].join(" ")
}

fn is_blank(s: &Story) -> bool {
    story_text(s).trim().is_empty() && s.principles.is_empty() && s.prompts.is_empty()
}
