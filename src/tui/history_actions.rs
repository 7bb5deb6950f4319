//! The History screen's state and what its keys do: filter by prompt, sort, open and delete an attempt.
//!
//! The rows shown are an index list over the bank's attempts, rebuilt only when the filter, the sort or the
//! history changes, so drawing a frame never walks the whole history.

use std::cmp::Ordering;

use crate::model::Attempt;
use crate::next::pick_next;
use chrono::{DateTime, Utc};

use super::app::{App, Overlay, Question, Screen, Status};
use super::view;
use crate::keys::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Newest,
    Longest,
    Prompt,
    LeastConfident,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Newest => "newest first",
            SortKey::Longest => "longest first",
            SortKey::Prompt => "by prompt",
            SortKey::LeastConfident => "least confident first",
        }
    }

    fn next(self) -> SortKey {
        match self {
            SortKey::Newest => SortKey::Longest,
            SortKey::Longest => SortKey::Prompt,
            SortKey::Prompt => SortKey::LeastConfident,
            SortKey::LeastConfident => SortKey::Newest,
        }
    }

    fn compare(self, a: &Attempt, b: &Attempt) -> Ordering {
        let newest = b.started_at.cmp(&a.started_at);
        match self {
            SortKey::Newest => newest,
            SortKey::Longest => b.duration_secs.total_cmp(&a.duration_secs).then(newest),
            SortKey::Prompt => a.prompt.cmp(&b.prompt).then(newest),
            // Unrated attempts go last: there is nothing to learn from their confidence.
            SortKey::LeastConfident => {
                a.review.confidence.unwrap_or(u8::MAX).cmp(&b.review.confidence.unwrap_or(u8::MAX)).then(newest)
            }
        }
    }
}

pub struct HistoryView {
    /// Only attempts at this prompt, when set.
    pub prompt_filter: Option<String>,
    pub sort: SortKey,
    /// Indexes into `bank.attempts`, in the order shown.
    pub rows: Vec<usize>,
    pub selected: usize,
    /// The first row drawn, kept so the selected row stays in view.
    pub offset: usize,
    /// The latest attempts at the selected row's prompt, newest first, for the phase-split bars.
    pub recent_split: Vec<usize>,
}

impl Default for HistoryView {
    fn default() -> Self {
        HistoryView {
            prompt_filter: None,
            sort: SortKey::Newest,
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            recent_split: Vec::new(),
        }
    }
}

/// Rows of the attempts table that fit on screen at `height` body rows: the table gets what the summary above
/// it leaves, less its title and its header.
pub fn table_rows(height: usize, with_summary: bool) -> usize {
    let summary = if with_summary { SUMMARY_ROWS } else { 0 };
    height.saturating_sub(summary + 2).max(1)
}

/// The per-prompt summary: a header and seven prompts.
pub const SUMMARY_ROWS: usize = 8;
/// Recent attempts whose phase split is drawn beside the table.
pub const SPLIT_ATTEMPTS: usize = 5;

impl App {
    /// Rebuilds the rows after the filter, the sort or the attempts changed.
    pub fn refresh_history(&mut self) {
        let attempts = &self.bank.attempts;
        let view = &mut self.history_view;
        let mut rows: Vec<usize> = (0..attempts.len())
            .filter(|&i| view.prompt_filter.as_ref().is_none_or(|p| &attempts[i].prompt == p))
            .collect();
        if view.sort == SortKey::Newest {
            // Attempts are kept in the order they were made: newest first is that order reversed.
            rows.sort_by(|&a, &b| attempts[b].started_at.cmp(&attempts[a].started_at).then(b.cmp(&a)));
        } else {
            rows.sort_by(|&a, &b| view.sort.compare(&attempts[a], &attempts[b]).then(b.cmp(&a)));
        }
        view.rows = rows;
        view.selected = view.selected.min(view.rows.len().saturating_sub(1));
        self.scroll_history_into_view();
    }

    /// Selects row `index` of the table, as a click does.
    pub fn select_history_row(&mut self, index: usize) {
        self.history_view.selected = index.min(self.history_view.rows.len().saturating_sub(1));
        self.scroll_history_into_view();
    }

    pub fn selected_attempt(&self) -> Option<&Attempt> {
        self.history_view.rows.get(self.history_view.selected).and_then(|&i| self.bank.attempts.get(i))
    }

    /// Picks again what to practise next; called when the history changes, never while drawing.
    pub fn refresh_next(&mut self, now: DateTime<Utc>) {
        self.next_pick = pick_next(self.guide, &self.history, now);
    }

    /// Keeps the selected row on screen and the split bars about its prompt; runs on a key, not per frame.
    fn scroll_history_into_view(&mut self) {
        let prompt = self.selected_attempt().map(|a| a.prompt.clone());
        self.history_view.recent_split = match prompt {
            Some(prompt) => (0..self.bank.attempts.len())
                .rev()
                .filter(|&i| self.bank.attempts[i].prompt == prompt)
                .take(SPLIT_ATTEMPTS)
                .collect(),
            None => Vec::new(),
        };
        let visible = table_rows(view::body_height(self.size), view::history_shows_summary(self.size));
        let view = &mut self.history_view;
        if view.selected < view.offset {
            view.offset = view.selected;
        } else if view.selected >= view.offset + visible {
            view.offset = view.selected + 1 - visible;
        }
    }

    pub(super) fn apply_history(&mut self, action: Action) {
        let len = self.history_view.rows.len();
        let page = table_rows(view::body_height(self.size), false);
        let view = &mut self.history_view;
        match action {
            Action::Up => view.selected = view.selected.saturating_sub(1),
            Action::Down => view.selected = (view.selected + 1).min(len.saturating_sub(1)),
            Action::PageUp => view.selected = view.selected.saturating_sub(page),
            Action::PageDown => view.selected = (view.selected + page).min(len.saturating_sub(1)),
            Action::Top => view.selected = 0,
            Action::Bottom => view.selected = len.saturating_sub(1),
            Action::FilterPrompt => {
                // Prompts no pack loads any more are practised prompts too: the filter reaches them.
                let ids = self.history.prompt_ids(self.guide);
                let next = match &view.prompt_filter {
                    None => ids.first().copied(),
                    Some(current) => ids.iter().skip_while(|id| *id != current).nth(1).copied(),
                };
                view.prompt_filter = next.map(str::to_string);
                view.selected = 0;
                view.offset = 0;
                self.refresh_history();
            }
            Action::Sort => {
                view.sort = view.sort.next();
                view.selected = 0;
                view.offset = 0;
                self.refresh_history();
            }
            Action::Open => {
                if let Some(&index) = view.rows.get(view.selected) {
                    self.screen = Screen::Attempt { index };
                }
            }
            Action::DeleteAttempt => {
                if !view.rows.is_empty() {
                    self.overlay = Some(Overlay::Confirm(Question::DeleteAttempt));
                }
            }
            _ => {}
        }
        self.scroll_history_into_view();
    }

    pub(super) fn apply_attempt(&mut self, action: Action) {
        match action {
            Action::Back => self.screen = Screen::Top,
            Action::DeleteAttempt => self.overlay = Some(Overlay::Confirm(Question::DeleteAttempt)),
            _ => {}
        }
    }

    /// Removes the selected attempt (or the one open) from the bank, the index and the disk.
    pub(super) fn delete_attempt(&mut self, wall: DateTime<Utc>) {
        let index = match self.screen {
            Screen::Attempt { index } => Some(index),
            _ => self.history_view.rows.get(self.history_view.selected).copied(),
        };
        let Some(index) = index.filter(|&i| i < self.bank.attempts.len()) else { return };
        let attempt = self.bank.attempts.remove(index);
        self.history.remove(&attempt);
        self.screen = Screen::Top;
        self.refresh_history();
        self.refresh_next(wall);
        if self.save().is_ok() {
            self.status = Some(Status { text: "Deleted the attempt.".into(), is_error: false });
        }
    }

    /// A saved attempt joins the index and the rows without a rebuild of the figures.
    pub(super) fn attempt_added(&mut self, wall: DateTime<Utc>) {
        if let Some(attempt) = self.bank.attempts.last() {
            self.history.add(attempt);
        }
        self.refresh_history();
        self.refresh_next(wall);
    }
}
