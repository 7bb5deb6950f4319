//! The mock interview: prompts back to back in a seeded order, a story per round (never the same one twice
//! without saying so), one or two follow-up questions after each answer, and a report at the end.
//!
//! No clock is read here: the caller times the answers and hands in finished attempts and follow-up seconds.

use crate::budget::{PhaseJudgement, judge_attempt};
use crate::content::principles::same;
use crate::content::{FollowUp, FollowUps, Guide, PhaseSet};
use crate::model::{Attempt, Bank, Checklist, FollowUpAnswer};
use crate::practice::{PhaseShares, Target, Verdict, format_secs};

/// How a mock starts: from `star-coach mock` options or the setup screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MockOptions {
    pub count: usize,
    pub seed: u64,
    pub cues: bool,
}

/// A follow-up answer should take 30 seconds to a minute.
pub const FOLLOW_UP_TARGET: Target = Target { min_secs: 30.0, max_secs: 60.0 };

/// Seeds drawn from the clock stay below this, so they are short enough to read off the screen and retype.
pub const CLOCK_SEED_LIMIT: u64 = 1_000_000;

/// `SplitMix64`, written out here rather than taken from `rand`: `rand`'s `StdRng` may change its algorithm
/// between releases, and a seed must replay the same mock in every version of star-coach.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0). The multiply-shift has a bias of at most n / 2^64: nothing for lists of ten.
    pub fn below(&mut self, n: usize) -> usize {
        let product = (u128::from(self.next_u64()) * n as u128) >> 64;
        // Below `n`, so it fits in a usize.
        usize::try_from(product).unwrap_or(n - 1)
    }

    /// Fisher–Yates: every order equally likely, and the same order for the same seed.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// A seed for a mock started without `--seed`, from the wall clock; shown to the user so it can be replayed.
pub fn seed_from_clock() -> u64 {
    seed_from_time(chrono::Utc::now())
}

/// The seed [`seed_from_clock`] gives at `at`: the coach passes its own clock, which tests fix.
pub fn seed_from_time(at: chrono::DateTime<chrono::Utc>) -> u64 {
    // Nanoseconds since 1970 fit an i64 until 2262; the low 64 bits are all the seed needs either way.
    #[allow(clippy::cast_sign_loss)]
    let nanos = at.timestamp_nanos_opt().unwrap_or_else(|| at.timestamp()) as u64;
    SplitMix64::new(nanos).next_u64() % CLOCK_SEED_LIMIT
}

/// What a mock is: which prompts, in which order, with or without cue cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockPlan {
    pub id: String,
    pub seed: u64,
    /// Prompt ids in the order they are asked.
    pub prompts: Vec<String>,
    pub cues: bool,
}

impl MockPlan {
    /// `count` prompts of `all` in the order `seed` gives; `count` must be 1 to the number of prompts.
    pub fn new(id: String, seed: u64, all: &[String], count: usize, cues: bool) -> Result<MockPlan, String> {
        if count == 0 || count > all.len() {
            return Err(format!("a mock has 1 to {} prompts, not {count}", all.len()));
        }
        let mut prompts = all.to_vec();
        SplitMix64::new(seed).shuffle(&mut prompts);
        prompts.truncate(count);
        Ok(MockPlan { id, seed, prompts, cues })
    }
}

/// The follow-ups asked after round `round` (0-based): one or two, different in kind where the list allows,
/// from the prompt's own list (or the generic one), the same every time for the same seed and round.
pub fn choose_follow_ups(follow_ups: &FollowUps, prompt_id: &str, seed: u64, round: usize) -> Vec<FollowUp> {
    let list = follow_ups.for_prompt(prompt_id);
    if list.is_empty() {
        return Vec::new();
    }
    // Each round gets its own stream, so adding a round never changes the questions of the others.
    let mut rng = SplitMix64::new(seed ^ (round as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
    let count = 1 + rng.below(2).min(list.len() - 1);
    let first = rng.below(list.len());
    let mut chosen = vec![list[first].clone()];
    if count == 2 {
        let other_kind: Vec<usize> = (0..list.len()).filter(|&i| list[i].kind != list[first].kind).collect();
        let rest: Vec<usize> =
            if other_kind.is_empty() { (0..list.len()).filter(|&i| i != first).collect() } else { other_kind };
        chosen.push(list[rest[rng.below(rest.len())]].clone());
    }
    chosen
}

/// Where a mock round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Choosing the story to tell.
    Story,
    /// Answering (and then reviewing) the prompt.
    Answer,
    /// Answering follow-up number `n` (0-based).
    FollowUp(usize),
    /// Every round is done.
    Done,
}

/// Choosing a story already told in this mock: refused until confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlreadyTold {
    /// The round (1-based) it was told in.
    pub round: usize,
}

/// A mock in progress: the rounds finished so far and where the current one stands.
#[derive(Debug, Clone)]
pub struct MockSession {
    pub plan: MockPlan,
    round: usize,
    stage: Stage,
    story: Option<String>,
    follow_ups: Vec<FollowUp>,
    /// The current round's answer, reviewed, waiting for its follow-ups.
    pending: Option<Attempt>,
    finished: Vec<Attempt>,
    bank_follow_ups: &'static FollowUps,
}

impl MockSession {
    pub fn new(plan: MockPlan, follow_ups: &'static FollowUps) -> MockSession {
        MockSession {
            plan,
            round: 0,
            stage: Stage::Story,
            story: None,
            follow_ups: Vec::new(),
            pending: None,
            finished: Vec::new(),
            bank_follow_ups: follow_ups,
        }
    }

    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The current round, 0-based (equal to the number of rounds once done).
    pub fn round(&self) -> usize {
        self.round
    }

    pub fn rounds(&self) -> usize {
        self.plan.prompts.len()
    }

    pub fn prompt_id(&self) -> Option<&str> {
        self.plan.prompts.get(self.round).map(String::as_str)
    }

    pub fn story(&self) -> Option<&str> {
        self.story.as_deref()
    }

    pub fn follow_ups(&self) -> &[FollowUp] {
        &self.follow_ups
    }

    /// The follow-up being answered now.
    pub fn follow_up(&self) -> Option<&FollowUp> {
        match self.stage {
            Stage::FollowUp(n) => self.follow_ups.get(n),
            _ => None,
        }
    }

    /// The current round's answer once reviewed, with the follow-ups answered so far.
    pub fn pending(&self) -> Option<&Attempt> {
        self.pending.as_ref()
    }

    /// The rounds finished so far, as the attempts saved to the history.
    pub fn finished(&self) -> &[Attempt] {
        &self.finished
    }

    /// The round (1-based) in which `story_id` was told, if it was.
    pub fn told_in(&self, story_id: &str) -> Option<usize> {
        self.finished.iter().position(|a| a.story.as_deref() == Some(story_id)).map(|i| i + 1)
    }

    /// Picks the story for this round; one already told needs `confirmed`, as an interviewer notices.
    pub fn choose_story(&mut self, story: Option<String>, confirmed: bool) -> Result<(), AlreadyTold> {
        if self.stage != Stage::Story {
            return Ok(());
        }
        if let Some(round) = story.as_deref().and_then(|s| self.told_in(s))
            && !confirmed
        {
            return Err(AlreadyTold { round });
        }
        self.story = story;
        self.stage = Stage::Answer;
        Ok(())
    }

    /// The answer is timed and reviewed: tag it with this mock and move on to its follow-ups. Returns the
    /// finished round to save when there are no follow-ups to ask.
    pub fn answered(&mut self, mut attempt: Attempt) -> Option<Attempt> {
        if self.stage != Stage::Answer {
            return None;
        }
        attempt.mock = Some(self.plan.id.clone());
        attempt.story.clone_from(&self.story);
        attempt.follow_ups.clear();
        self.pending = Some(attempt);
        let prompt = self.prompt_id().unwrap_or_default().to_string();
        self.follow_ups = choose_follow_ups(self.bank_follow_ups, &prompt, self.plan.seed, self.round);
        self.stage = Stage::FollowUp(0);
        if self.follow_ups.is_empty() { self.finish_round() } else { None }
    }

    /// A follow-up was answered in `secs`. When it was the round's last, returns the finished round to save.
    pub fn follow_up_answered(&mut self, secs: f64) -> Option<Attempt> {
        let Stage::FollowUp(n) = self.stage else { return None };
        let question = self.follow_ups.get(n)?.question.clone();
        let attempt = self.pending.as_mut()?;
        // A day at most, as the practice clock: what the history may hold. NaN is not clamped, so it is 0.
        let secs = if secs.is_nan() { 0.0 } else { secs.clamp(0.0, crate::validate::MAX_ANSWER_SECS) };
        attempt.follow_ups.push(FollowUpAnswer { question, secs });
        if n + 1 < self.follow_ups.len() {
            self.stage = Stage::FollowUp(n + 1);
            return None;
        }
        self.finish_round()
    }

    /// The mock is being left (the terminal closed, Ctrl-C): a reviewed answer whose follow-ups are not all
    /// answered is finished as it stands, with the follow-ups answered so far, so it is not lost.
    pub fn interrupted(&mut self) -> Option<Attempt> {
        self.finish_round()
    }

    fn finish_round(&mut self) -> Option<Attempt> {
        let done = self.pending.take()?;
        self.finished.push(done.clone());
        self.round += 1;
        self.story = None;
        self.follow_ups.clear();
        self.stage = if self.round < self.rounds() { Stage::Story } else { Stage::Done };
        Some(done)
    }
}

/// One round as the report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundReport {
    pub prompt: String,
    pub story: Option<String>,
    pub duration_secs: f64,
    pub verdict: Verdict,
    /// The phases of the prompt (STAR's, or its own), and the seconds in each, in their order.
    pub phases: PhaseSet,
    pub phase_secs: Vec<f64>,
    /// Each phase against its budget, in the same order.
    pub judged: Vec<PhaseJudgement>,
    pub checklist: Checklist,
    pub confidence: Option<u8>,
    pub follow_ups: Vec<(FollowUpAnswer, Verdict)>,
    /// What went wrong, in words; the round with the most is the worst.
    pub misses: Vec<String>,
}

/// The whole mock: every round, the principles its stories showed, and what to practise next.
#[derive(Debug, Clone, PartialEq)]
pub struct MockReport {
    pub rounds: Vec<RoundReport>,
    /// The principles the stories told carry, in the guide's order.
    pub principles_covered: Vec<String>,
    /// The principles the prompts asked assess that no story told showed, in the guide's order.
    pub principles_missing: Vec<String>,
    /// Index into `rounds` of the round that went worst; `None` when no round missed anything.
    pub worst: Option<usize>,
}

const MISS_CONFIDENCE: &str = "confidence 2 or less";
const MISS_NO_STORY: &str = "no story was chosen";

/// The report over a mock's rounds, in the order they were answered.
///
/// The worst round is the one with the most misses: each unticked checklist line that applies to its prompt, an
/// answer outside 1–2 minutes, each phase thin or missing and the phases over budget (one miss for them all), each
/// follow-up outside 30–60 seconds, a confidence of 2 or less, no story (for a prompt answered with one).
/// A tie goes to the round furthest outside its target, then to the earlier round.
pub fn report(rounds: &[&Attempt], bank: &Bank, guide: &Guide, target: Target, shares: PhaseShares) -> MockReport {
    let rounds: Vec<RoundReport> =
        rounds.iter().map(|a| round_report(a, guide.phases_of(a, &shares), target)).collect();
    let told: Vec<&str> = rounds
        .iter()
        .filter_map(|r| r.story.as_deref())
        .filter_map(|id| bank.story(id))
        .flat_map(|s| s.principles.iter().map(String::as_str))
        .collect();
    let shown = |p: &str| told.iter().any(|t| same(t, p));
    // Only what the prompts asked assess: a two-prompt mock is not judged on principles neither prompt probes.
    let assessed: Vec<&str> = rounds
        .iter()
        .filter_map(|r| guide.prompt(&r.prompt))
        .flat_map(|p| p.principles.iter().map(String::as_str))
        .collect();
    let all = guide.all_principles();
    let principles_covered = all.iter().filter(|p| shown(p)).map(std::string::ToString::to_string).collect();
    let principles_missing = all
        .iter()
        .filter(|p| assessed.iter().any(|a| same(a, p)) && !shown(p))
        .map(std::string::ToString::to_string)
        .collect();
    let worst = rounds
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.misses.is_empty())
        .max_by(|(i, a), (j, b)| {
            a.misses
                .len()
                .cmp(&b.misses.len())
                .then(distance(a.duration_secs, target).total_cmp(&distance(b.duration_secs, target)))
                .then(j.cmp(i))
        })
        .map(|(i, _)| i);
    MockReport { rounds, principles_covered, principles_missing, worst }
}

fn round_report(a: &Attempt, phases: PhaseSet, target: Target) -> RoundReport {
    let verdict = Verdict::of(a.duration_secs, target);
    let follow_ups: Vec<(FollowUpAnswer, Verdict)> =
        a.follow_ups.iter().map(|f| (f.clone(), Verdict::of(f.secs, FOLLOW_UP_TARGET))).collect();
    let mut misses: Vec<String> = Vec::new();
    match verdict {
        Verdict::Short => misses.push(format!("the answer was under {}", format_secs(target.min_secs))),
        Verdict::Over => misses.push(format!("the answer ran over {}", format_secs(target.max_secs))),
        Verdict::OnTarget => {}
    }
    let judged = judge_attempt(a, target, &phases);
    misses.extend(crate::budget::misses(&judged));
    for i in phases.checks() {
        if !a.review.checklist.get(i) {
            misses.push(format!("not ticked: {}", Checklist::ITEMS[i]));
        }
    }
    for (i, _) in follow_ups.iter().enumerate().filter(|(_, (_, v))| *v != Verdict::OnTarget) {
        misses.push(format!("follow-up {} missed 30–60 seconds", i + 1));
    }
    if a.review.confidence.is_some_and(|c| c <= 2) {
        misses.push(MISS_CONFIDENCE.into());
    }
    if a.story.is_none() && phases.tells_story() {
        misses.push(MISS_NO_STORY.into());
    }
    RoundReport {
        prompt: a.prompt.clone(),
        story: a.story.clone(),
        duration_secs: a.duration_secs,
        verdict,
        phase_secs: phases.parts().iter().map(|p| a.phase_secs(p.phase)).collect(),
        judged,
        phases,
        checklist: a.review.checklist,
        confidence: a.review.confidence,
        follow_ups,
        misses,
    }
}

/// Seconds outside the target range, 0 inside it.
fn distance(secs: f64, target: Target) -> f64 {
    (target.min_secs - secs).max(secs - target.max_secs).max(0.0)
}

/// The attempts of the history grouped by the mock they were rounds of, each mock's rounds in the order
/// they were answered and the mocks in the order they began.
pub fn mocks_in(attempts: &[Attempt]) -> Vec<(&str, Vec<&Attempt>)> {
    let mut mocks: Vec<(&str, Vec<&Attempt>)> = Vec::new();
    for attempt in attempts {
        let Some(id) = attempt.mock.as_deref() else { continue };
        match mocks.iter_mut().find(|(m, _)| *m == id) {
            Some((_, rounds)) => rounds.push(attempt),
            None => mocks.push((id, vec![attempt])),
        }
    }
    for (_, rounds) in &mut mocks {
        rounds.sort_by_key(|a| a.started_at);
    }
    mocks.sort_by_key(|(_, rounds)| rounds[0].started_at);
    mocks
}

#[cfg(test)]
#[path = "mock_tests.rs"]
mod tests;
