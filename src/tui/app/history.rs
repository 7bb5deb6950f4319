//! The history behind the app: read whole only when asked for (the History tab, a change that needs every
//! attempt), and checked against the attempts log right after the first frame, which the summary drew.

use crate::model::Attempt;
use crate::stats::HistoryIndex;
use crate::store::{LogCheck, LogChecked, StoreError};
use crate::text;
use crate::tui::effect::Status;
use crate::undo::Deleted;

use super::{App, Request};

impl App {
    /// After the first frame of a session opened from the history's summary: checks the summary against the
    /// attempts log, and when they disagree, reads every attempt and takes the log's figures. An error is a log
    /// that cannot be read: the session cannot go on without showing less than the user has. The coach runs the
    /// check in two halves, hashing on a thread of its own: [`App::history_check`], then [`App::history_checked`].
    pub fn check_history(&mut self) -> Result<(), StoreError> {
        match self.history_check() {
            Some(check) => self.history_checked(check.run()),
            None => Ok(()),
        }
    }

    /// The check of the log against the summary, to run off the UI thread; `None` when there is none to make.
    pub fn history_check(&mut self) -> Option<LogCheck> {
        self.store.log_check()
    }

    /// Takes the check's answer (see [`App::check_history`]). A history read through meanwhile (History was
    /// opened) already holds what the log says.
    pub fn history_checked(&mut self, checked: LogChecked) -> Result<(), StoreError> {
        if self.history.has_every_attempt() {
            return Ok(());
        }
        if let Some(attempts) = self.store.finish_log_check(checked)? {
            self.take_attempts(attempts);
        }
        Ok(())
    }

    /// Reads every attempt, once (the History tab, or a change that needs them all), then shows the tab that
    /// asked for them. A log that cannot be read is said in a sentence, and the figures stay the summary's.
    pub fn read_history(&mut self) {
        if self.request == Some(Request::ReadHistory) {
            self.request = None;
        }
        if !self.history.has_every_attempt() && !self.read_every_attempt() {
            self.tab_after_read = None;
            return;
        }
        self.status = None;
        if let Some(tab) = self.tab_after_read.take() {
            self.show_tab(tab);
        }
    }

    /// Reads every attempt now; false when the log cannot be read, which the status line says.
    pub(super) fn read_every_attempt(&mut self) -> bool {
        match self.store.read_attempts() {
            Ok(attempts) => {
                self.take_attempts(attempts);
                true
            }
            Err(e) => {
                let text = format!("Could not read your practice history: {}.", text::clean_line(&e.to_string()));
                self.status = Some(Status::error(text));
                false
            }
        }
    }

    /// Every attempt of the log, with this session's not yet saved, becomes the bank's history; the summary is
    /// written again when it said otherwise, and the recordings folder is put in order.
    fn take_attempts(&mut self, mut attempts: Vec<Attempt>) {
        let read: std::collections::HashSet<&str> = attempts.iter().map(|a| a.id.as_str()).collect();
        let unsaved: Vec<Attempt> =
            self.bank.attempts.iter().filter(|a| !read.contains(a.id.as_str())).cloned().collect();
        attempts.extend(unsaved);
        let before = self.history.digest();
        let cards = self.history.plan_cards().cloned();
        self.history = HistoryIndex::build(&attempts, self.settings.config.target);
        self.history.set_plan_cards(cards);
        self.bank.attempts = attempts;
        self.tabs.history.refresh(&self.bank, self.size);
        // Replays the plan's cards over every attempt, and writes the summary when they changed.
        self.refresh_plan();
        let writable = self.store.read_only().is_none();
        if writable && self.changed_attempts.is_empty() && self.history.digest() != before {
            self.store.write_summary(&self.history);
        }
        if writable {
            let pruned = self.voice.recordings().prune(&mut self.bank);
            if !pruned.is_empty() {
                self.changed_attempts.extend(pruned);
                self.save();
            }
            self.voice.recordings().tidy_sparing(&self.bank, self.deleted.iter().filter_map(Deleted::attempt));
        }
    }
}
