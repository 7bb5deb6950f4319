//! The mock interview: setup, then for each round the story, the timed answer, its review and the follow-ups,
//! then the report. The rules (order, story reuse, follow-ups, report) are the engine's (`crate::mock`); this
//! only drives them, and hands each round to the app to save as soon as it is finished.

mod view;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::content::FollowUps;
use crate::keys::{Action, Context};
use crate::mock::{MockOptions, MockPlan, MockSession, Stage, seed_from_time};
use crate::model::new_id;
use crate::practice::Timer;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question, Status};
use crate::tui::mouse::Hit;
use crate::tui::screens::Component;
use crate::tui::screens::review::ReviewScreen;
use crate::tui::voice::Mic;
use crate::tui::widgets::answer::{AnswerStep, Answered};
use crate::tui::widgets::scroll::{ListCursor, Scroll};
use crate::tui::widgets::stories::story_choices;

pub enum MockStep {
    Setup(MockOptions),
    Story(ListCursor),
    Answer(AnswerStep),
    Review(Box<ReviewScreen>),
    FollowUp(Timer),
    Report(Scroll),
}

pub struct MockScreen {
    /// `None` until the setup is done.
    pub session: Option<MockSession>,
    pub step: MockStep,
}

const ANSWER: [Context; 3] = [Context::Answer, Context::MockAnswer, Context::Global];
const REVIEW: [Context; 4] = [Context::MockReview, Context::Review, Context::Playback, Context::Global];

impl MockScreen {
    /// `m` on the Prompts screen: the setup, with every prompt, cue cards on, and a seed from the clock.
    pub fn setup(ctx: &Ctx) -> MockScreen {
        let options = MockOptions { count: ctx.guide.prompts.len(), seed: seed_from_time(ctx.wall), cues: true };
        MockScreen { session: None, step: MockStep::Setup(options) }
    }

    /// The rounds, from the setup screen or straight from `star-coach mock`.
    pub fn start(ctx: &Ctx, options: MockOptions) -> Result<MockScreen, String> {
        let all: Vec<String> = ctx.guide.prompt_ids().map(str::to_string).collect();
        let plan = MockPlan::new(new_id(), options.seed, &all, options.count, options.cues)?;
        let session = MockSession::new(plan, FollowUps::bundled());
        let mut screen = MockScreen { session: Some(session), step: MockStep::Story(ListCursor::default()) };
        // Nothing recorded yet, so nothing for the microphone to drop.
        let _ = screen.skip_story_if_none_is_told(ctx);
        Ok(screen)
    }

    /// A round on a prompt answered without a story ("Why Amazon?") goes straight to its answer.
    fn skip_story_if_none_is_told(&mut self, ctx: &Ctx) -> Effect {
        let (Some(session), MockStep::Story(_)) = (&self.session, &self.step) else { return Effect::None };
        let prompt = session.prompt_id().unwrap_or_default();
        if ctx.phases(prompt).tells_story() {
            return Effect::None;
        }
        self.tell(ctx, None, true)
    }

    fn choices(&self, ctx: &Ctx) -> Vec<Option<String>> {
        let prompt = self.session.as_ref().and_then(MockSession::prompt_id);
        prompt.map(|p| story_choices(ctx.bank, p)).unwrap_or_default()
    }

    /// Picks the story under the cursor; one already told asks first (`confirmed` once the user said yes).
    fn choose_story(&mut self, ctx: &Ctx, confirmed: bool) -> Effect {
        let MockStep::Story(cursor) = &self.step else { return Effect::None };
        let story = self.choices(ctx).get(cursor.selected).cloned().flatten();
        self.tell(ctx, story, confirmed)
    }

    /// Starts this round's answer on `story` (`None`: without one).
    fn tell(&mut self, ctx: &Ctx, story: Option<String>, confirmed: bool) -> Effect {
        let (Some(session), MockStep::Story(_)) = (&mut self.session, &self.step) else { return Effect::None };
        if let Err(told) = session.choose_story(story.clone(), confirmed) {
            return Effect::Ask(Question::ReuseStory { round: told.round });
        }
        let prompt = session.prompt_id().unwrap_or_default().to_string();
        let phases = ctx.phases(&prompt);
        self.step = MockStep::Answer(AnswerStep::new(prompt, story, session.plan.cues, phases));
        // A new answer: the microphone starts afresh, as the config says.
        Effect::Mic(Mic::Discard)
    }

    /// The answer is reviewed: on to its follow-ups. What it scored shows on the follow-up screen, not the status
    /// line, which would hide the keys just when they are new.
    fn answer_reviewed(&mut self, ctx: &Ctx) -> Effect {
        let (Some(session), MockStep::Review(review)) = (&mut self.session, &self.step) else { return Effect::None };
        let attempt = review.to_attempt();
        let finished = session.answered(attempt);
        self.step = next_step(session, ctx);
        Effect::Many(vec![round_effect(finished, None), self.skip_story_if_none_is_told(ctx)])
    }

    fn follow_up_answered(&mut self, secs: f64, ctx: &Ctx) -> Effect {
        let Some(session) = &mut self.session else { return Effect::None };
        let finished = session.follow_up_answered(secs);
        self.step = next_step(session, ctx);
        Effect::Many(vec![round_effect(finished, None), self.skip_story_if_none_is_told(ctx)])
    }

    fn ask_leave(&self) -> Effect {
        let finished = self.session.as_ref().map_or(0, |s| s.finished().len());
        Effect::Ask(Question::LeaveMock { finished })
    }

    fn press_start(ctx: &Ctx, contexts: &[Context]) -> Effect {
        let text = format!(
            "Press {} to start the clock, answer aloud, then press {}.",
            ctx.key(contexts, Action::StartPause),
            ctx.key(contexts, Action::Finish)
        );
        Effect::Status(Status::info(text))
    }
}

/// A finished round goes to the history at once, so leaving the mock later keeps it. `status` is for the
/// footer; during the mock there is none, the next screen saying how the round went.
fn round_effect(finished: Option<crate::model::Attempt>, status: Option<Status>) -> Effect {
    match (finished, status) {
        (Some(attempt), status) => Effect::AttemptDone { attempt: Box::new(attempt), status },
        (None, Some(status)) => Effect::Status(status),
        (None, None) => Effect::None,
    }
}

/// The step that follows where the session now stands.
fn next_step(session: &MockSession, ctx: &Ctx) -> MockStep {
    match session.stage() {
        Stage::Story => {
            // On a story not told yet in this mock, so Enter does not offer a repeat.
            let prompt = session.prompt_id().unwrap_or_default();
            let choices = story_choices(ctx.bank, prompt);
            let fresh = choices.iter().position(|c| c.as_deref().is_none_or(|id| session.told_in(id).is_none()));
            let mut cursor = ListCursor::default();
            cursor.select(fresh.unwrap_or(0), choices.len());
            MockStep::Story(cursor)
        }
        Stage::FollowUp(_) => MockStep::FollowUp(Timer::new()),
        Stage::Answer | Stage::Done => MockStep::Report(Scroll::default()),
    }
}

impl Component for MockScreen {
    fn title(&self) -> &'static str {
        "Mock interview"
    }

    fn contexts(&self) -> Vec<Context> {
        match &self.step {
            MockStep::Setup(_) => vec![Context::MockSetup, Context::Global],
            MockStep::Story(_) => vec![Context::MockStory, Context::Global],
            MockStep::Answer(_) => ANSWER.to_vec(),
            MockStep::Review(review) => review.contexts_within(&[Context::MockReview]),
            MockStep::FollowUp(_) => vec![Context::MockFollowUp, Context::Global],
            MockStep::Report(_) => vec![Context::MockReport, Context::Global],
        }
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if let MockStep::Review(review) = &mut self.step
            && let Some(effect) = review.play(action, ctx)
        {
            return effect;
        }
        let prompts = ctx.guide.prompts.len();
        let choices = self.choices(ctx).len();
        match &mut self.step {
            MockStep::Setup(options) => match action {
                Action::MockMore | Action::Down => options.count = (options.count + 1).min(prompts),
                Action::MockFewer | Action::Up => options.count = options.count.saturating_sub(1).max(1),
                Action::MockCount(n) => options.count = usize::from(n).clamp(1, prompts),
                Action::ToggleCues => options.cues = !options.cues,
                Action::Open => match MockScreen::start(ctx, *options) {
                    Ok(started) => *self = started,
                    Err(problem) => return Effect::Status(Status::error(format!("Cannot start: {problem}."))),
                },
                Action::Back => return Effect::Back,
                _ => {}
            },
            MockStep::Story(cursor) => match action {
                Action::Open => return self.choose_story(ctx, false),
                Action::Back => return self.ask_leave(),
                action => {
                    cursor.apply(action, choices);
                }
            },
            MockStep::Answer(answer) => match answer.apply(action, ctx, &ANSWER) {
                Answered::Handled(effect) => return effect,
                Answered::Finished => {
                    let follow = answer.mic_follows();
                    self.step = MockStep::Review(Box::new(ReviewScreen::new(answer.clone(), ctx.now)));
                    return follow;
                }
                Answered::NotMine if action == Action::Back => return self.ask_leave(),
                Answered::NotMine => {}
            },
            MockStep::Review(review) => match action {
                _ if review.apply_common(action) => {}
                Action::MockContinue => return self.answer_reviewed(ctx),
                Action::Back => return self.ask_leave(),
                _ => {}
            },
            MockStep::FollowUp(timer) => match action {
                Action::StartPause => timer.toggle(ctx.now, ctx.wall),
                Action::Finish if timer.finish(ctx.now) => {
                    let secs = timer.duration_secs(ctx.now);
                    return self.follow_up_answered(secs, ctx);
                }
                Action::Finish => return MockScreen::press_start(ctx, &self.contexts()),
                Action::Back => return self.ask_leave(),
                _ => {}
            },
            MockStep::Report(scroll) => match action {
                Action::Back | Action::Open => return Effect::Back,
                action => {
                    scroll.apply(action);
                }
            },
        }
        Effect::None
    }

    fn confirmed(&mut self, question: &Question, ctx: &Ctx) -> Effect {
        match question {
            Question::ReuseStory { .. } => self.choose_story(ctx, true),
            // The finished rounds are saved already: show their report, or go back when there is none.
            // The round under way is dropped, with what it recorded.
            Question::LeaveMock { .. } if self.session.as_ref().is_some_and(|s| !s.finished().is_empty()) => {
                self.step = MockStep::Report(Scroll::default());
                Effect::Mic(Mic::Discard)
            }
            Question::LeaveMock { .. } => Effect::Many(vec![Effect::Mic(Mic::Discard), Effect::Back]),
            _ => Effect::None,
        }
    }

    /// A reviewed answer is kept however the app closes, with the follow-ups answered so far; an answer whose
    /// clock still runs is not finished, so it is not an attempt.
    fn on_exit(&mut self, ctx: &Ctx) -> Effect {
        let Some(session) = &mut self.session else { return Effect::None };
        let done = match &self.step {
            MockStep::Review(review) => session.answered(review.to_attempt()).or_else(|| session.interrupted()),
            MockStep::FollowUp(_) => session.interrupted(),
            _ => None,
        };
        self.step = next_step(session, ctx);
        round_effect(done, Some(Status::info("The mock's last answer is in the history.")))
    }

    fn type_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Effect> {
        match &mut self.step {
            MockStep::Review(review) => review.type_note(key),
            _ => None,
        }
    }

    fn paste(&mut self, text: &str, _ctx: &Ctx) -> Effect {
        match &mut self.step {
            MockStep::Review(review) => review.paste_note(text),
            _ => Effect::None,
        }
    }

    fn click(&mut self, hit: Hit, ctx: &Ctx) -> Option<Effect> {
        let choices = self.choices(ctx).len();
        match (&mut self.step, hit) {
            (MockStep::Review(review), hit) => review.click_line(hit),
            // A click selects; a click on the story already selected tells it, as Enter would.
            (MockStep::Story(cursor), Hit::Row(index)) if cursor.selected == index => {
                Some(self.choose_story(ctx, false))
            }
            (MockStep::Story(cursor), Hit::Row(index)) => {
                cursor.select(index, choices);
                Some(Effect::None)
            }
            _ => None,
        }
    }

    fn wake(&self, now: Instant) -> Option<Duration> {
        match &self.step {
            MockStep::Answer(answer) => answer.wake(now),
            MockStep::Review(review) => review.wake(now),
            MockStep::FollowUp(timer) => timer.until_next_second(now),
            _ => None,
        }
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        view::draw(self, ctx, area, buf);
    }
}
