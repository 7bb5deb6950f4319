//! The drill: questions from the bank the user has not drilled lately, each with 30 seconds to pick the story to
//! tell (the stories ranked by the principles it probes; the choice is the user's, and a late pick is kept), then
//! the answer timed and reviewed as in practice and saved at once, then the next question, then the report. The
//! rules are the engine's (`crate::drill`); this only drives them.

mod view;

use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::drill::{DEFAULT_COUNT, DrillOptions, DrillPlan, DrillSession, Stage};
use crate::keys::{Action, Context};
use crate::mock::seed_from_time;
use crate::model::Attempt;
use crate::practice::{Verdict, format_secs};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question, Status};
use crate::tui::mouse::Hit;
use crate::tui::screens::Component;
use crate::tui::screens::review::ReviewScreen;
use crate::tui::voice::Mic;
use crate::tui::widgets::answer::{AnswerStep, Answered};
use crate::tui::widgets::scroll::{ListCursor, Scroll};

/// The setup's choices before the first question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillSetup {
    pub count: usize,
    /// The principle drilled, by its name in the guide; `None` for any.
    pub principle: Option<String>,
    pub seed: u64,
}

pub enum DrillStep {
    Setup(DrillSetup),
    /// The question shows and its pick clock runs; the cursor is on the ranked stories, "no story" last.
    Pick(ListCursor),
    Answer(AnswerStep),
    Review(Box<ReviewScreen>),
    Report(Scroll),
}

pub struct DrillScreen {
    /// `None` until the setup is done.
    pub session: Option<DrillSession>,
    pub step: DrillStep,
}

const SETUP: [Context; 2] = [Context::DrillSetup, Context::Global];
const PICK: [Context; 2] = [Context::DrillPick, Context::Global];
const ANSWER: [Context; 3] = [Context::Answer, Context::DrillAnswer, Context::Global];
const REPORT: [Context; 2] = [Context::DrillReport, Context::Global];

impl DrillScreen {
    /// `d` on the Prompts screen: the setup, with questions on any principle and a seed from the clock.
    pub fn setup(ctx: &Ctx) -> DrillScreen {
        let count = DEFAULT_COUNT.min(pool(ctx, None)).max(1);
        let setup = DrillSetup { count, principle: None, seed: seed_from_time(ctx.wall) };
        DrillScreen { session: None, step: DrillStep::Setup(setup) }
    }

    /// The first question, from the setup or straight from `star-coach drill`; drawn from the bank with the
    /// questions drilled lately left for last.
    pub fn start(ctx: &Ctx, options: &DrillOptions) -> Result<DrillScreen, String> {
        let principle = options.principle.as_deref();
        let plan = DrillPlan::new(ctx.guide, &ctx.bank.attempts, principle, options.count, options.seed)?;
        let session = DrillSession::new(plan, ctx.now);
        Ok(DrillScreen { session: Some(session), step: DrillStep::Pick(ListCursor::default()) })
    }

    /// The stories offered for the current question, best fit first, then "no story".
    fn choices(&self, ctx: &Ctx) -> Vec<Option<String>> {
        let Some(session) = &self.session else { return Vec::new() };
        let mut choices: Vec<Option<String>> =
            session.ranked(ctx.guide, ctx.bank).into_iter().map(|r| Some(r.story.id.clone())).collect();
        choices.push(None);
        choices
    }

    /// The story under the cursor is picked, late or not, and the answer's clock waits for the user.
    fn pick(&mut self, ctx: &Ctx) -> Effect {
        let choices = self.choices(ctx);
        let (Some(session), DrillStep::Pick(cursor)) = (&mut self.session, &self.step) else { return Effect::None };
        let story = choices.get(cursor.selected).cloned().flatten();
        let Some(question) = session.question_id().map(str::to_string) else { return Effect::None };
        let Some(pick) = session.pick(story.clone(), ctx.now) else { return Effect::None };
        let late = if pick.is_late() { ", late: over 30 seconds" } else { "" };
        let text = format!(
            "Picked in {}{late}. Press {} to start the clock and answer aloud.",
            format_secs(pick.secs),
            ctx.key(&ANSWER, Action::StartPause)
        );
        let phases = ctx.phases(&question);
        self.step = DrillStep::Answer(AnswerStep::new(question, story, true, phases));
        // A new answer: the microphone starts afresh, as the config says.
        Effect::Many(vec![Effect::Status(Status::info(text)), Effect::Mic(Mic::Discard)])
    }

    /// The reviewed answer goes into the history at once, and the next question shows.
    fn answered(&mut self, ctx: &Ctx) -> Effect {
        let (Some(session), DrillStep::Review(review)) = (&mut self.session, &mut self.step) else {
            return Effect::None;
        };
        review.stop_playing();
        let Some(attempt) = session.answered(review.to_attempt(), ctx.now) else { return Effect::None };
        self.step = next_step(session);
        let next = match session.stage() {
            Stage::Done => "The drill's report follows.".to_string(),
            _ => format!("Question {} of {}.", session.round() + 1, session.question_count()),
        };
        let status = Status::info(format!(
            "Saved: {}, {}. {next}",
            format_secs(attempt.duration_secs),
            Verdict::of(attempt.duration_secs, ctx.config().target).label()
        ));
        saved(attempt, status)
    }

    fn skip(&mut self, ctx: &Ctx) -> Effect {
        let Some(session) = &mut self.session else { return Effect::None };
        let skipped = session.round() + 1;
        session.skip(ctx.now);
        self.step = next_step(session);
        Effect::Status(Status::info(format!("Skipped question {skipped}: nothing is saved for it.")))
    }

    fn ask_leave(&self) -> Effect {
        let answered = self.session.as_ref().map_or(0, |s| s.rounds().iter().filter(|r| r.attempt.is_some()).count());
        let reviewing = matches!(self.step, DrillStep::Review(_));
        Effect::Ask(Question::LeaveDrill { answered, reviewing })
    }

    fn apply_setup(setup: &mut DrillSetup, action: Action, ctx: &Ctx) -> Option<Effect> {
        let questions = pool(ctx, setup.principle.as_deref());
        match action {
            Action::DrillMore => setup.count = (setup.count + 1).min(questions),
            Action::DrillFewer => setup.count = setup.count.saturating_sub(1).max(1),
            Action::NextPrinciple | Action::PrevPrinciple => {
                let choices = principles(ctx);
                let at = choices.iter().position(|p| *p == setup.principle.as_deref()).unwrap_or(0);
                let step = if action == Action::NextPrinciple { 1 } else { choices.len() - 1 };
                setup.principle = choices[(at + step) % choices.len()].map(str::to_string);
                setup.count = setup.count.min(pool(ctx, setup.principle.as_deref())).max(1);
            }
            Action::Back => return Some(Effect::Back),
            _ => {}
        }
        None
    }
}

/// How many questions the bank has on `principle` (`None`: any).
fn pool(ctx: &Ctx, principle: Option<&str>) -> usize {
    ctx.guide.questions.iter().filter(|q| principle.is_none_or(|p| q.probes(p))).count()
}

/// What the setup cycles through: any principle, then each principle some question probes, in the guide's order.
fn principles<'g>(ctx: &Ctx<'g>) -> Vec<Option<&'g str>> {
    let guide = ctx.guide;
    std::iter::once(None)
        .chain(guide.all_principles().into_iter().filter(|p| guide.questions_on(p).next().is_some()).map(Some))
        .collect()
}

/// An answer is saved as soon as it is reviewed (with its recording), so leaving the drill later keeps it.
fn saved(attempt: Attempt, status: Status) -> Effect {
    Effect::AttemptDone { attempt: Box::new(attempt), status: Some(status) }
}

/// The step that follows where the session now stands.
fn next_step(session: &DrillSession) -> DrillStep {
    match session.stage() {
        Stage::Pick => DrillStep::Pick(ListCursor::default()),
        Stage::Answer | Stage::Done => DrillStep::Report(Scroll::default()),
    }
}

impl Component for DrillScreen {
    fn title(&self) -> &'static str {
        "Drill"
    }

    fn contexts(&self) -> Vec<Context> {
        match &self.step {
            DrillStep::Setup(_) => SETUP.to_vec(),
            DrillStep::Pick(_) => PICK.to_vec(),
            DrillStep::Answer(_) => ANSWER.to_vec(),
            DrillStep::Review(review) => review.contexts_within(&[Context::DrillReview]),
            DrillStep::Report(_) => REPORT.to_vec(),
        }
    }

    fn apply(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if let DrillStep::Review(review) = &mut self.step
            && let Some(effect) = review.play(action, ctx)
        {
            return effect;
        }
        let choices = self.choices(ctx).len();
        match &mut self.step {
            DrillStep::Setup(setup) if action == Action::Open => {
                let options =
                    DrillOptions { count: Some(setup.count), principle: setup.principle.clone(), seed: setup.seed };
                match DrillScreen::start(ctx, &options) {
                    Ok(started) => *self = started,
                    Err(problem) => return Effect::Status(Status::error(format!("Cannot start: {problem}."))),
                }
            }
            DrillStep::Setup(setup) => return DrillScreen::apply_setup(setup, action, ctx).unwrap_or(Effect::None),
            DrillStep::Pick(cursor) => match action {
                Action::Open => return self.pick(ctx),
                Action::SkipQuestion => return self.skip(ctx),
                Action::Back => return self.ask_leave(),
                action => {
                    cursor.apply(action, choices);
                }
            },
            DrillStep::Answer(answer) => match answer.apply(action, ctx, &ANSWER) {
                Answered::Handled(effect) => return effect,
                Answered::Finished => {
                    let follow = answer.mic_follows();
                    self.step = DrillStep::Review(Box::new(ReviewScreen::new(answer.clone(), ctx.now)));
                    return follow;
                }
                Answered::NotMine if action == Action::Back => return self.ask_leave(),
                Answered::NotMine => {}
            },
            DrillStep::Review(review) => match action {
                _ if review.apply_common(action) => {}
                Action::NextQuestion => return self.answered(ctx),
                Action::Back => return self.ask_leave(),
                _ => {}
            },
            DrillStep::Report(scroll) => match action {
                Action::Back | Action::Open => return Effect::Back,
                action => {
                    scroll.apply(action);
                }
            },
        }
        Effect::None
    }

    fn confirmed(&mut self, question: &Question, ctx: &Ctx) -> Effect {
        let Question::LeaveDrill { .. } = question else { return Effect::None };
        let Some(session) = &mut self.session else { return Effect::Back };
        let kept = match &mut self.step {
            DrillStep::Review(review) => {
                review.stop_playing();
                session.answered(review.to_attempt(), ctx.now)
            }
            _ => None,
        };
        // The answer under review is kept with its recording; one under way is dropped, with what it recorded.
        let done = match kept {
            Some(attempt) => saved(attempt, Status::info("The drill's last answer is in the history.")),
            None => Effect::Mic(Mic::Discard),
        };
        if session.rounds().is_empty() {
            return Effect::Many(vec![done, Effect::Back]);
        }
        // The questions answered or skipped so far are the report; the one showing is left unasked.
        self.step = DrillStep::Report(Scroll::default());
        done
    }

    /// A reviewed answer is kept however the app closes; one whose clock still runs is not finished, so it is not
    /// an attempt.
    fn on_exit(&mut self, ctx: &Ctx) -> Effect {
        let (Some(session), DrillStep::Review(review)) = (&mut self.session, &self.step) else { return Effect::None };
        let Some(attempt) = session.answered(review.to_attempt(), ctx.now) else { return Effect::None };
        self.step = DrillStep::Report(Scroll::default());
        saved(attempt, Status::info("The drill's last answer is in the history."))
    }

    fn type_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Option<Effect> {
        match &mut self.step {
            DrillStep::Review(review) => review.type_note(key),
            _ => None,
        }
    }

    fn paste(&mut self, text: &str, _ctx: &Ctx) -> Effect {
        match &mut self.step {
            DrillStep::Review(review) => review.paste_note(text),
            _ => Effect::None,
        }
    }

    fn click(&mut self, hit: Hit, ctx: &Ctx) -> Option<Effect> {
        let choices = self.choices(ctx).len();
        match (&mut self.step, hit) {
            (DrillStep::Review(review), hit) => review.click_line(hit),
            // A click selects; a click on the story already selected picks it, as Enter would.
            (DrillStep::Pick(cursor), Hit::Row(index)) if cursor.selected == index => Some(self.pick(ctx)),
            (DrillStep::Pick(cursor), Hit::Row(index)) => {
                cursor.select(index, choices);
                Some(Effect::None)
            }
            _ => None,
        }
    }

    fn wake(&self, now: Instant) -> Option<Duration> {
        match (&self.step, &self.session) {
            (DrillStep::Pick(_), Some(session)) => session.until_next_second(now),
            (DrillStep::Answer(answer), _) => answer.wake(now),
            (DrillStep::Review(review), _) => review.wake(now),
            _ => None,
        }
    }

    fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        view::draw(self, ctx, area, buf);
    }
}
