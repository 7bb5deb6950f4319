//! Practice and its review: starting the clock on a prompt, the keys while answering, ticking the review, and
//! saving the attempt. The state lives in `app.rs`; the drawing in `practice.rs` and `review.rs`.

use std::time::Instant;

use crate::content::Guide;
use crate::model::{Attempt, Review, new_id};
use crate::practice::{ClockState, Timer, Verdict, format_secs};
use crate::text;
use chrono::{DateTime, Utc};
use ratatui_textarea::TextArea;

use super::app::{App, NOTE_LINE, Overlay, PracticeView, Question, ReviewView, Screen, Status, Tab};
use crate::keys::Action;

impl ReviewView {
    /// The keys a review has wherever it is (after practice, in a mock): move, tick, rate, start the note.
    /// False when `action` is none of them.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(NOTE_LINE),
            Action::Toggle if self.cursor == NOTE_LINE => self.editing = true,
            Action::Toggle => self.review.checklist.toggle(self.cursor),
            Action::Confidence(n) => self.review.confidence = Some(n),
            Action::EditNote => {
                self.cursor = NOTE_LINE;
                self.editing = true;
            }
            _ => return false,
        }
        true
    }

    /// The attempt this review records: the clock's times, the ticks and confidence, and the cleaned note.
    pub fn to_attempt(&self, guide: &Guide) -> Attempt {
        let mut record = self.review.clone();
        record.note = text::clean(self.note.lines().join("\n").trim());
        let practice = &self.practice;
        let prompt = &guide.prompts[practice.prompt].id;
        practice.timer.to_attempt(self.finished_at, new_id(), prompt, practice.story.as_deref(), record)
    }
}

impl App {
    pub(super) fn start_practice(&mut self, prompt: usize) {
        let prompt_id = &self.guide.prompts[prompt].id;
        let story = self.bank.stories.iter().find(|s| s.fits(prompt_id)).map(|s| s.id.clone());
        self.screen =
            Screen::Practice(PracticeView { prompt, story, cues: true, timer: Timer::new(), choose_story: true });
    }

    pub(super) fn apply_practice(&mut self, action: Action, now: Instant, wall: DateTime<Utc>) {
        let Screen::Practice(practice) = &mut self.screen else { return };
        match action {
            Action::StartPause => practice.timer.toggle(now, wall),
            Action::MarkPhase => {
                let moved_on = practice.timer.mark_next(now).is_some();
                if !moved_on {
                    self.status = Some(match practice.timer.state() {
                        ClockState::Ready => Status::info("Press Space to start the clock first."),
                        _ => Status::info("You are on the Result: press Enter when you have finished."),
                    });
                }
            }
            Action::Finish => {
                if practice.timer.finish(now) {
                    let Screen::Practice(practice) = std::mem::replace(&mut self.screen, Screen::Top) else {
                        unreachable!()
                    };
                    self.screen = Screen::Review(Box::new(new_review(practice, now)));
                } else {
                    self.status = Some(Status::info("Press Space to start the clock, answer aloud, then press Enter."));
                }
            }
            Action::ToggleCues => practice.cues = !practice.cues,
            Action::PickStory => {
                let prompt_id = &self.guide.prompts[practice.prompt].id;
                let (fits, others): (Vec<_>, Vec<_>) = self.bank.stories.iter().partition(|s| s.fits(prompt_id));
                let mut choices: Vec<Option<String>> =
                    fits.iter().chain(others.iter()).map(|s| Some(s.id.clone())).collect();
                choices.push(None);
                let selected = choices.iter().position(|c| *c == practice.story).unwrap_or(0);
                self.overlay = Some(Overlay::Picker { choices, selected });
            }
            Action::Back => {
                if practice.timer.state() == ClockState::Ready {
                    self.screen = Screen::Top;
                } else {
                    self.overlay = Some(Overlay::Confirm(Question::LeavePractice));
                }
            }
            _ => {}
        }
    }

    pub(super) fn apply_review(&mut self, action: Action, wall: DateTime<Utc>) {
        let Screen::Review(review) = &mut self.screen else { return };
        if review.apply(action) {
            return;
        }
        match action {
            Action::Back if review.editing => review.editing = false,
            Action::Back => self.overlay = Some(Overlay::Confirm(Question::DiscardAttempt)),
            Action::Save => self.save_attempt(wall),
            _ => {}
        }
    }

    fn save_attempt(&mut self, wall: DateTime<Utc>) {
        let Screen::Review(review) = std::mem::replace(&mut self.screen, Screen::Top) else { return };
        let prompt = &self.guide.prompts[review.practice.prompt];
        let attempt = review.to_attempt(self.guide);
        let summary = format!(
            "Saved: {} on prompt {}, {}.",
            format_secs(attempt.duration_secs),
            prompt.number,
            Verdict::of(attempt.duration_secs, self.target).label()
        );
        self.bank.attempts.push(attempt);
        self.attempt_added(wall);
        self.tab = Tab::Prompts;
        if self.save().is_ok() {
            self.status = Some(Status::info(summary));
        }
    }
}

pub(super) fn new_review(practice: PracticeView, finished_at: Instant) -> ReviewView {
    let mut note = TextArea::default();
    note.set_placeholder_text("What would you change next time?");
    ReviewView { practice, finished_at, cursor: 0, review: Review::default(), note, editing: false }
}
