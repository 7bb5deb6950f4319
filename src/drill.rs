//! The drill: questions the user has not rehearsed, drawn from the bank; 30 seconds to pick the story to tell
//! (the stories ranked by the principles the question probes, the choice the user's); then the answer, timed as
//! in practice; then the next question; at the end a report.
//!
//! No clock is read here: the pick clock runs on the `Instant`s the caller hands in, and the caller times and
//! reviews the answer and hands in the finished attempt, as for a mock.

mod report;

use std::time::{Duration, Instant};

use crate::content::principles::same;
use crate::content::{Guide, Question};
use crate::mock::SplitMix64;
use crate::model::{Attempt, Bank, Drill, Story};
use crate::practice::round_ms;
pub use report::{DrillReport, PrincipleDrills, RoundReport, Stretched, drills_by_principle};

/// Seconds to pick a story: an interviewer waits a beat, not a minute. A later pick is recorded as late.
pub const PICK_SECS: f64 = 30.0;
/// Questions in a drill when the user does not say.
pub const DEFAULT_COUNT: usize = 5;
/// A question among the last this many drilled is drawn again only when no other is left: about six drills
/// of five, so a principle's questions (seven to twelve) come round before any repeats.
pub const RECENT_WINDOW: usize = 30;

/// How a drill starts: from `star-coach drill` or the setup screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillOptions {
    /// `None`: [`DEFAULT_COUNT`], or all there are when fewer.
    pub count: Option<usize>,
    /// The principle's name as the guide has it (see [`DrillOptions::checked`]); `None` for any.
    pub principle: Option<String>,
    pub seed: u64,
}

impl DrillOptions {
    /// Options from what the user typed: `principle` is a name or a unique part of one, `count` must fit the
    /// questions on it. Checked against the guide alone, so a command line can refuse them before anything opens;
    /// the error is one sentence.
    pub fn checked(
        guide: &Guide,
        count: Option<usize>,
        principle: Option<&str>,
        seed: u64,
    ) -> Result<DrillOptions, String> {
        let principle = principle.map(|p| guide.resolve_principle(p)).transpose()?;
        DrillPlan::new(guide, &[], principle, count, seed)?;
        Ok(DrillOptions { count, principle: principle.map(str::to_string), seed })
    }
}

/// Which questions a drill asks, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillPlan {
    pub seed: u64,
    /// The principle the questions were drawn for, by its name in the guide; `None` for any.
    pub principle: Option<String>,
    /// Question ids, in the order they are asked.
    pub questions: Vec<String>,
}

impl DrillPlan {
    /// `count` questions (default [`DEFAULT_COUNT`], or all there are when fewer) on `principle` (a name from
    /// [`Guide::resolve_principle`]; `None` for any), not drilled lately in `attempts`, in the order `seed` gives.
    /// The error is one phrase: no questions, or a count out of range.
    pub fn new(
        guide: &Guide,
        attempts: &[Attempt],
        principle: Option<&str>,
        count: Option<usize>,
        seed: u64,
    ) -> Result<DrillPlan, String> {
        let pool: Vec<&Question> = guide.questions.iter().filter(|q| principle.is_none_or(|p| q.probes(p))).collect();
        let on = principle.map_or_else(String::new, |p| format!(" on {p}"));
        if pool.is_empty() {
            return Err(format!("the question bank has no questions{on}"));
        }
        let count = count.unwrap_or(DEFAULT_COUNT.min(pool.len()));
        if count == 0 || count > pool.len() {
            return Err(format!("a drill has 1 to {} questions{on}, not {count}", pool.len()));
        }
        let questions = draw(&pool, &recently_drilled(attempts, RECENT_WINDOW), count, seed);
        Ok(DrillPlan { seed, principle: principle.map(str::to_string), questions })
    }
}

/// The ids of the last `n` different questions drilled, newest first.
pub fn recently_drilled(attempts: &[Attempt], n: usize) -> Vec<&str> {
    let mut drilled: Vec<&Attempt> = attempts.iter().filter(|a| a.drill.is_some()).collect();
    drilled.sort_by(|a, b| b.started_at.cmp(&a.started_at).then_with(|| b.id.cmp(&a.id)));
    let mut recent: Vec<&str> = Vec::with_capacity(n);
    for attempt in drilled {
        if recent.len() == n {
            break;
        }
        if !recent.contains(&attempt.prompt.as_str()) {
            recent.push(&attempt.prompt);
        }
    }
    recent
}

/// `count` ids from `pool`: those not in `recent` first, shuffled by `seed`; then, if they run out, the recent
/// ones drilled longest ago first.
fn draw(pool: &[&Question], recent: &[&str], count: usize, seed: u64) -> Vec<String> {
    let (mut fresh, mut stale): (Vec<&str>, Vec<&str>) =
        pool.iter().map(|q| q.id.as_str()).partition(|id| !recent.contains(id));
    SplitMix64::new(seed).shuffle(&mut fresh);
    // `recent` is newest first, so the one drilled longest ago has the highest position.
    stale.sort_by_key(|id| std::cmp::Reverse(recent.iter().position(|r| r == id)));
    fresh.into_iter().chain(stale).take(count).map(str::to_string).collect()
}

/// A story as the picker offers it for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedStory<'b> {
    pub story: &'b Story,
    /// The question's principles the story shows, in the question's order.
    pub shows: Vec<String>,
    /// How many earlier rounds of this drill it was picked for.
    pub picked: usize,
}

/// Every story of the bank, best fit first: the most of the question's principles shown, then its main one
/// shown, then picked less often in this drill (`picked_before`: the story of each earlier round), then bank
/// order. Stories that show none come last but are offered: the user chooses.
pub fn rank_stories<'b>(bank: &'b Bank, question: &Question, picked_before: &[Option<&str>]) -> Vec<RankedStory<'b>> {
    let mut ranked: Vec<RankedStory> = bank
        .stories
        .iter()
        .map(|story| RankedStory {
            story,
            shows: question
                .principles
                .iter()
                .filter(|p| story.principles.iter().any(|s| same(s, p)))
                .cloned()
                .collect(),
            picked: picked_before.iter().filter(|s| **s == Some(story.id.as_str())).count(),
        })
        .collect();
    let main = question.main_principle();
    // A stable sort keeps bank order among equals.
    ranked.sort_by_key(|r| (std::cmp::Reverse(r.shows.len()), !r.shows.iter().any(|p| same(p, main)), r.picked));
    ranked
}

/// The story picked for a question, and how long it took.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    /// The story's id; `None` when the user had no story for it.
    pub story: Option<String>,
    pub secs: f64,
}

impl Pick {
    pub fn is_late(&self) -> bool {
        self.secs > PICK_SECS
    }
}

/// One question asked: the pick, and the answer unless the user skipped it.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillRound {
    pub question: String,
    pub pick: Pick,
    /// The saved attempt; `None` when the question was skipped.
    pub attempt: Option<Attempt>,
}

/// Where a drill stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The question is showing and the pick clock runs.
    Pick,
    /// A story is picked; the answer is being timed and reviewed.
    Answer,
    /// Every question is done.
    Done,
}

/// A drill in progress.
#[derive(Debug, Clone)]
pub struct DrillSession {
    pub plan: DrillPlan,
    stage: Stage,
    /// When the current question appeared: its pick clock starts here.
    shown_at: Instant,
    pick: Option<Pick>,
    rounds: Vec<DrillRound>,
}

impl DrillSession {
    /// Starts the drill with its first question showing at `now`.
    pub fn new(plan: DrillPlan, now: Instant) -> DrillSession {
        let stage = if plan.questions.is_empty() { Stage::Done } else { Stage::Pick };
        DrillSession { plan, stage, shown_at: now, pick: None, rounds: Vec::new() }
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The current question's index, 0-based (the number of questions once done).
    pub fn round(&self) -> usize {
        self.rounds.len()
    }

    pub fn question_count(&self) -> usize {
        self.plan.questions.len()
    }

    /// The current question's id; `None` once done.
    pub fn question_id(&self) -> Option<&str> {
        self.plan.questions.get(self.round()).map(String::as_str)
    }

    /// The current question, when the guide has it (a pack's question may be gone since the plan was made).
    pub fn question<'g>(&self, guide: &'g Guide) -> Option<&'g Question> {
        self.question_id().and_then(|id| guide.question(id))
    }

    /// The pick so far: running while the question shows, then stopped at the pick.
    pub fn pick_elapsed(&self, now: Instant) -> Duration {
        match (&self.pick, self.stage) {
            (Some(pick), _) => Duration::from_secs_f64(pick.secs),
            (None, Stage::Pick) => now.saturating_duration_since(self.shown_at),
            (None, _) => Duration::ZERO,
        }
    }

    /// What is left of the 30 seconds; zero once they are over (the pick is then late, and still allowed).
    pub fn pick_remaining(&self, now: Instant) -> Duration {
        Duration::from_secs_f64(PICK_SECS).saturating_sub(self.pick_elapsed(now))
    }

    /// How long until the shown second of the pick clock changes, so a screen redraws only then; `None` when no
    /// pick clock runs.
    pub fn until_next_second(&self, now: Instant) -> Option<Duration> {
        if self.stage != Stage::Pick {
            return None;
        }
        let into_second = self.pick_elapsed(now).subsec_nanos();
        Some(Duration::from_nanos(u64::from(1_000_000_000 - into_second)))
    }

    /// The stories for the current question, best fit first (see [`rank_stories`]).
    pub fn ranked<'b>(&self, guide: &Guide, bank: &'b Bank) -> Vec<RankedStory<'b>> {
        let Some(question) = self.question(guide) else { return Vec::new() };
        let before: Vec<Option<&str>> = self.rounds.iter().map(|r| r.pick.story.as_deref()).collect();
        rank_stories(bank, question, &before)
    }

    /// Picks the story to tell (`None`: no story fits) at `now`. Never refused for time: a pick after
    /// [`PICK_SECS`] is late. Returns the pick; `None` when no question is waiting for one.
    pub fn pick(&mut self, story: Option<String>, now: Instant) -> Option<&Pick> {
        if self.stage != Stage::Pick {
            return None;
        }
        let secs = round_ms(now.saturating_duration_since(self.shown_at)) as f64 / 1000.0;
        self.stage = Stage::Answer;
        self.pick = Some(Pick { story, secs });
        self.pick.as_ref()
    }

    /// The answer to the current question was timed and reviewed: it becomes a drill attempt (the question's id
    /// as its `prompt`, the picked story, the pick time) to save, and the next question shows at `now`.
    pub fn answered(&mut self, mut attempt: Attempt, now: Instant) -> Option<Attempt> {
        if self.stage != Stage::Answer {
            return None;
        }
        let pick = self.pick.take()?;
        attempt.prompt = self.question_id()?.to_string();
        attempt.story.clone_from(&pick.story);
        // A day at most, as every time a history holds (a question left showing overnight).
        attempt.drill = Some(Drill { pick_secs: pick.secs.min(crate::validate::MAX_ANSWER_SECS) });
        attempt.mock = None;
        self.finish_round(pick, Some(attempt.clone()), now);
        Some(attempt)
    }

    /// Leaves the current question unanswered (picked or not) and shows the next at `now`. A skip before a pick
    /// records the time taken with no story.
    pub fn skip(&mut self, now: Instant) {
        let pick = match (self.stage, self.pick.take()) {
            (Stage::Pick, _) => Pick { story: None, secs: round_ms(self.pick_elapsed(now)) as f64 / 1000.0 },
            (Stage::Answer, Some(pick)) => pick,
            _ => return,
        };
        self.finish_round(pick, None, now);
    }

    fn finish_round(&mut self, pick: Pick, attempt: Option<Attempt>, now: Instant) {
        let question = self.question_id().unwrap_or_default().to_string();
        self.rounds.push(DrillRound { question, pick, attempt });
        self.shown_at = now;
        self.stage = if self.round() < self.question_count() { Stage::Pick } else { Stage::Done };
    }

    /// The rounds finished so far, in order.
    pub fn rounds(&self) -> &[DrillRound] {
        &self.rounds
    }

    /// The report over the rounds finished so far (all of them once done, or those before the user left).
    pub fn report(&self, guide: &Guide, bank: &Bank, target: crate::practice::Target) -> DrillReport {
        DrillReport::of(&self.rounds, guide, bank, target)
    }
}

#[cfg(test)]
#[path = "drill/tests.rs"]
mod tests;
