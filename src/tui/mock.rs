//! The mock interview screen's state and actions: setup, then for each round the story, the timed answer, its
//! review and the follow-ups, then the report. The rules (order, story reuse, follow-ups, report) are the
//! engine's (`crate::mock`); this only drives them and saves each round as soon as it is finished.

use std::time::{Duration, Instant};

use crate::content::FollowUps;
use crate::mock::{FOLLOW_UP_TARGET, MockOptions, MockPlan, MockSession, Stage, seed_from_clock};
use crate::model::{Attempt, Bank, new_id};
use crate::practice::{ClockState, Timer, Verdict, format_secs};
use chrono::{DateTime, Utc};

use super::app::{App, Overlay, PracticeView, Question, ReviewView, Screen, Status};
use super::practice_actions::new_review;
use super::view;
use crate::keys::{Action, Context};

pub enum MockStep {
    Setup(MockOptions),
    Story { selected: usize },
    Answer(PracticeView),
    Review(Box<ReviewView>),
    FollowUp(Timer),
    Report { scroll: usize },
}

pub struct MockView {
    /// `None` until the setup is done.
    pub session: Option<MockSession>,
    pub step: MockStep,
}

impl MockView {
    /// The contexts whose bindings apply on this step, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        match &self.step {
            MockStep::Setup(_) => vec![Context::MockSetup, Context::Global],
            MockStep::Story { .. } => vec![Context::MockStory, Context::Global],
            MockStep::Answer(_) => vec![Context::MockAnswer, Context::Global],
            MockStep::Review(r) if r.editing => vec![Context::TextInput],
            MockStep::Review(_) => vec![Context::MockReview, Context::Review, Context::Global],
            MockStep::FollowUp(_) => vec![Context::MockFollowUp, Context::Global],
            MockStep::Report { .. } => vec![Context::MockReport, Context::Global],
        }
    }

    pub fn until_next_second(&self, now: Instant) -> Option<Duration> {
        match &self.step {
            MockStep::Answer(p) => p.timer.until_next_second(now),
            MockStep::FollowUp(timer) => timer.until_next_second(now),
            _ => None,
        }
    }

    pub fn review_editing(&self) -> bool {
        matches!(&self.step, MockStep::Review(r) if r.editing)
    }

    /// The current round's review, while writing its note.
    pub fn review_mut(&mut self) -> Option<&mut ReviewView> {
        match &mut self.step {
            MockStep::Review(r) => Some(r),
            _ => None,
        }
    }
}

/// The stories offered for `prompt_id`: those mapped to it first, then the others, then "no story".
pub fn story_choices(bank: &Bank, prompt_id: &str) -> Vec<Option<String>> {
    let (fits, others): (Vec<_>, Vec<_>) = bank.stories.iter().partition(|s| s.fits(prompt_id));
    let mut choices: Vec<Option<String>> = fits.iter().chain(others.iter()).map(|s| Some(s.id.clone())).collect();
    choices.push(None);
    choices
}

impl App {
    /// `m` on the Prompts screen: the setup, with every prompt, cue cards on, and a seed from the clock.
    pub(super) fn open_mock_setup(&mut self) {
        let options = MockOptions { count: self.guide.prompts.len(), seed: seed_from_clock(), cues: true };
        self.screen = Screen::Mock(Box::new(MockView { session: None, step: MockStep::Setup(options) }));
    }

    /// Starts the rounds; `star-coach mock` comes here straight, the setup screen on Enter.
    pub fn start_mock(&mut self, options: MockOptions) -> Result<(), String> {
        let all: Vec<String> = self.guide.prompt_ids().map(str::to_string).collect();
        let plan = MockPlan::new(new_id(), options.seed, &all, options.count, options.cues)?;
        let session = MockSession::new(plan, FollowUps::bundled());
        self.screen =
            Screen::Mock(Box::new(MockView { session: Some(session), step: MockStep::Story { selected: 0 } }));
        Ok(())
    }

    pub(super) fn apply_mock(&mut self, action: Action, now: Instant, wall: DateTime<Utc>) {
        let Screen::Mock(mock) = &mut self.screen else { return };
        let prompts = self.guide.prompts.len();
        let choices = mock.session.as_ref().and_then(|s| s.prompt_id()).map(|p| story_choices(&self.bank, p));
        let choices = choices.unwrap_or_default();
        match &mut mock.step {
            MockStep::Setup(options) => match action {
                Action::MockMore | Action::Down => options.count = (options.count + 1).min(prompts),
                Action::MockFewer | Action::Up => options.count = options.count.saturating_sub(1).max(1),
                Action::MockCount(n) => options.count = usize::from(n).clamp(1, prompts),
                Action::ToggleCues => options.cues = !options.cues,
                Action::Open => {
                    let options = *options;
                    if let Err(problem) = self.start_mock(options) {
                        self.status = Some(Status { text: format!("Cannot start: {problem}."), is_error: true });
                    }
                }
                Action::Back => self.screen = Screen::Top,
                _ => {}
            },
            MockStep::Story { selected } => match action {
                Action::Down => *selected = (*selected + 1).min(choices.len().saturating_sub(1)),
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Open => {
                    let choice = choices.get(*selected).cloned().flatten();
                    self.choose_mock_story(choice, false);
                }
                Action::Back => self.ask_leave_mock(),
                _ => {}
            },
            MockStep::Answer(practice) => match action {
                Action::StartPause => practice.timer.toggle(now, wall),
                Action::MarkPhase => {
                    if practice.timer.mark_next(now).is_none() {
                        self.status = Some(Status::info(match practice.timer.state() {
                            ClockState::Ready => "Press Space to start the clock first.",
                            _ => "You are on the Result: press Enter when you have finished.",
                        }));
                    }
                }
                Action::ToggleCues => practice.cues = !practice.cues,
                Action::Finish => {
                    if practice.timer.finish(now) {
                        let MockStep::Answer(practice) =
                            std::mem::replace(&mut mock.step, MockStep::Report { scroll: 0 })
                        else {
                            return;
                        };
                        mock.step = MockStep::Review(Box::new(new_review(practice, now)));
                    } else {
                        self.status =
                            Some(Status::info("Press Space to start the clock, answer aloud, then press Enter."));
                    }
                }
                Action::Back => self.ask_leave_mock(),
                _ => {}
            },
            MockStep::Review(review) => match action {
                Action::Back if review.editing => review.editing = false,
                Action::MockContinue => self.mock_answer_reviewed(wall),
                Action::Back => self.ask_leave_mock(),
                _ => {
                    review.apply(action);
                }
            },
            MockStep::FollowUp(timer) => match action {
                Action::StartPause => timer.toggle(now, wall),
                Action::Finish => {
                    if timer.finish(now) {
                        let secs = timer.duration_secs(now);
                        self.mock_follow_up_answered(secs, wall);
                    } else {
                        self.status =
                            Some(Status::info("Press Space to start the clock, answer aloud, then press Enter."));
                    }
                }
                Action::Back => self.ask_leave_mock(),
                _ => {}
            },
            MockStep::Report { scroll } => {
                let page = view::body_height(self.size).max(1);
                match action {
                    Action::Down => *scroll += 1,
                    Action::Up => *scroll = scroll.saturating_sub(1),
                    Action::PageDown => *scroll += page,
                    Action::PageUp => *scroll = scroll.saturating_sub(page),
                    Action::Back | Action::Open => self.screen = Screen::Top,
                    _ => {}
                }
            }
        }
    }

    /// Picks this round's story; one already told asks first (`confirmed` once the user said yes).
    pub(super) fn choose_mock_story(&mut self, story: Option<String>, confirmed: bool) {
        let Screen::Mock(mock) = &mut self.screen else { return };
        let Some(session) = &mut mock.session else { return };
        if let Err(told) = session.choose_story(story.clone(), confirmed) {
            self.overlay = Some(Overlay::Confirm(Question::ReuseStory { round: told.round }));
            return;
        }
        let prompt_id = session.prompt_id().unwrap_or_default();
        let prompt = self.guide.prompts.iter().position(|p| p.id == prompt_id).unwrap_or(0);
        let cues = session.plan.cues;
        mock.step = MockStep::Answer(PracticeView { prompt, story, cues, timer: Timer::new(), choose_story: false });
    }

    /// After a yes to "tell it again?": the story chosen on the list.
    pub(super) fn confirm_mock_story(&mut self) {
        let Screen::Mock(mock) = &self.screen else { return };
        let (Some(session), MockStep::Story { selected }) = (&mock.session, &mock.step) else { return };
        let choices = story_choices(&self.bank, session.prompt_id().unwrap_or_default());
        let choice = choices.get(*selected).cloned().flatten();
        self.choose_mock_story(choice, true);
    }

    fn mock_answer_reviewed(&mut self, wall: DateTime<Utc>) {
        let Screen::Mock(mock) = &mut self.screen else { return };
        let MockStep::Review(review) = std::mem::replace(&mut mock.step, MockStep::Report { scroll: 0 }) else {
            return;
        };
        let Some(session) = &mut mock.session else { return };
        let attempt = review.to_attempt(self.guide);
        let summary = format!(
            "Answer: {}, {}. Now the follow-up.",
            format_secs(attempt.duration_secs),
            Verdict::of(attempt.duration_secs, self.target).label()
        );
        let finished = session.answered(attempt);
        mock.step = next_step(session);
        self.status = Some(Status::info(summary));
        if let Some(done) = finished {
            self.save_mock_round(done, wall);
        }
    }

    fn mock_follow_up_answered(&mut self, secs: f64, wall: DateTime<Utc>) {
        let Screen::Mock(mock) = &mut self.screen else { return };
        let Some(session) = &mut mock.session else { return };
        let Stage::FollowUp(n) = session.stage() else { return };
        let finished = session.follow_up_answered(secs);
        mock.step = next_step(session);
        let verdict = Verdict::of(secs, FOLLOW_UP_TARGET).label();
        self.status = Some(Status::info(format!("Follow-up {}: {}, {verdict}.", n + 1, format_secs(secs))));
        if let Some(done) = finished {
            self.save_mock_round(done, wall);
        }
    }

    /// A finished round goes to the history at once, so leaving the mock later keeps it.
    fn save_mock_round(&mut self, attempt: Attempt, wall: DateTime<Utc>) {
        let status = self.status.take();
        self.bank.attempts.push(attempt);
        self.attempt_added(wall);
        if self.save().is_ok() {
            self.status = status;
        }
    }

    fn ask_leave_mock(&mut self) {
        let Screen::Mock(mock) = &self.screen else { return };
        let finished = mock.session.as_ref().map_or(0, |s| s.finished().len());
        self.overlay = Some(Overlay::Confirm(Question::LeaveMock { finished }));
    }

    /// Leaves mid-mock: the finished rounds are already saved; show their report, or go back when there is none.
    pub(super) fn leave_mock(&mut self) {
        let Screen::Mock(mock) = &mut self.screen else { return };
        if mock.session.as_ref().is_some_and(|s| !s.finished().is_empty()) {
            mock.step = MockStep::Report { scroll: 0 };
        } else {
            self.screen = Screen::Top;
        }
    }
}

/// The step that follows where the session now stands.
fn next_step(session: &MockSession) -> MockStep {
    match session.stage() {
        Stage::Story => MockStep::Story { selected: 0 },
        Stage::FollowUp(_) => MockStep::FollowUp(Timer::new()),
        Stage::Answer | Stage::Done => MockStep::Report { scroll: 0 },
    }
}
