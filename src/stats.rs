//! Timing history in numbers: per prompt and per story, kept up to date as attempts come and go.
//!
//! [`HistoryIndex::build`] sorts once (O(n log n)); [`HistoryIndex::add`] and [`HistoryIndex::remove`] keep every
//! list sorted by inserting or removing in place (a binary search and at worst one memmove), so the screens never
//! rebuild the whole index after a save. Nothing in the index depends on the target range until a question is
//! asked, so [`HistoryIndex::set_target`] is free.
//!
//! Until the attempts are read, an index answers from the [`Digest`] kept beside them: what the screens before
//! History show, the same as a build over every attempt would say.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::content::Guide;
use crate::model::Attempt;
use crate::plan::Cards;
use crate::practice::{Target, Verdict};
use crate::voice::OwnPace;

mod digest;
mod recent;
mod voice;
pub use digest::{Digest, PACE_WINDOW};
pub use recent::RecentAttempt;
use recent::{brief, insert_timeline, latest_rated, take_timeline, timeline_cmp};
use voice::VoiceStats;

/// How many of a story's latest attempts its summary looks at.
pub const STORY_RECENT: usize = 5;
/// How many of a prompt's latest attempts a digest keeps, oldest first.
pub const RECENT_WINDOW: usize = 3;
/// How many latest attempts (or rated attempts) a rewrite flag looks at.
pub const FLAG_WINDOW: usize = 3;
/// A story whose mean confidence over its last [`FLAG_WINDOW`] rated attempts is at most this is flagged.
pub const FLAG_CONFIDENCE: f64 = 2.0;

/// What the history says about one prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct PromptSummary {
    pub prompt: String,
    pub attempts: usize,
    pub median_secs: Option<f64>,
    /// The shortest time inside the target range if any attempt landed in it; else the time closest to the range
    /// (a tie between one short and one over goes to the shorter).
    pub best_secs: Option<f64>,
    /// The share of attempts with [`Verdict::OnTarget`], 0.0–1.0.
    pub on_target_share: Option<f64>,
    /// The median of [`Attempt::setup_share`], 0.0–1.0; `None` when no attempt has a setup to measure.
    pub median_setup_share: Option<f64>,
    pub last_practised: Option<DateTime<Utc>>,
    /// How many of the attempts kept a voice analysis (were recorded).
    pub recorded: usize,
    /// The median pace of the recorded attempts, in words a minute.
    pub median_pace_wpm: Option<f64>,
    /// Pauses of 2 s or more per recorded attempt; `None` when none was recorded.
    pub long_pauses_per_answer: Option<f64>,
}

/// What the history says about one story.
#[derive(Debug, Clone, PartialEq)]
pub struct StorySummary {
    pub story: String,
    pub attempts: usize,
    /// How many of its latest attempts [`StorySummary::recent_over`] and the mean look at: at most [`STORY_RECENT`].
    pub recent: usize,
    /// How many of those ran over the target.
    pub recent_over: usize,
    /// The mean confidence of those that were rated.
    pub recent_mean_confidence: Option<f64>,
}

/// A story the history suggests rewriting, and why, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryFlag {
    pub story: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct PromptStats {
    /// Durations, ascending.
    durations: Vec<f64>,
    /// Setup shares of the attempts that have a setup, ascending.
    setup_shares: Vec<f64>,
    voice: VoiceStats,
    /// Oldest first, by start time then id.
    timeline: Vec<RecentAttempt>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct StoryStats {
    /// Oldest first, by start time then id.
    timeline: Vec<RecentAttempt>,
}

/// Per-prompt and per-story figures over a practice history: over every attempt, or, until the attempts are
/// read, from the digest kept beside them (see [`HistoryIndex::from_digest`]).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryIndex {
    target: Target,
    figures: Figures,
    len: usize,
    /// The plan's cards as of these attempts, kept in the digest so the first plan needs no attempt; set by
    /// whoever works the plan out (it needs the guide, the settings and the time zone).
    plan_cards: Option<Box<Cards>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Figures {
    /// Built over every attempt.
    Every {
        prompts: HashMap<String, PromptStats>,
        stories: HashMap<String, StoryStats>,
        /// Every recorded attempt's figures, for the user's own pace.
        voice: VoiceStats,
    },
    Digest(Box<Digest>),
}

impl HistoryIndex {
    /// An index of no attempts.
    pub fn new(target: Target) -> HistoryIndex {
        let figures = Figures::Every { prompts: HashMap::new(), stories: HashMap::new(), voice: VoiceStats::default() };
        HistoryIndex { target, figures, len: 0, plan_cards: None }
    }

    /// Indexes a whole history in O(n log n).
    pub fn build(attempts: &[Attempt], target: Target) -> HistoryIndex {
        // Keyed by borrowed ids while building: one hash per attempt and no key copied until the end.
        let mut prompts: HashMap<&str, PromptStats> = HashMap::new();
        let mut stories: HashMap<&str, StoryStats> = HashMap::new();
        let mut voice = VoiceStats::default();
        for a in attempts {
            let recent = RecentAttempt::of(a);
            let stats = prompts.entry(&a.prompt).or_default();
            stats.durations.push(recent.duration_secs);
            stats.setup_shares.extend(recent.setup_share);
            stats.voice.add(recent.voice);
            voice.add(recent.voice);
            if let Some(story) = &a.story {
                stories.entry(story).or_default().timeline.push(recent.clone());
            }
            stats.timeline.push(recent);
        }
        let prompts = prompts
            .into_iter()
            .map(|(id, mut stats)| {
                stats.durations.sort_unstable_by(f64::total_cmp);
                stats.setup_shares.sort_unstable_by(f64::total_cmp);
                stats.voice.sort();
                stats.timeline.sort_unstable_by(timeline_cmp);
                (id.to_string(), stats)
            })
            .collect();
        let stories = stories
            .into_iter()
            .map(|(id, mut stats)| {
                stats.timeline.sort_unstable_by(timeline_cmp);
                (id.to_string(), stats)
            })
            .collect();
        voice.sort();
        HistoryIndex {
            target,
            figures: Figures::Every { prompts, stories, voice },
            len: attempts.len(),
            plan_cards: None,
        }
    }

    /// An index that answers from a digest, without the attempts: every question the screens before History
    /// ask (a prompt's count, best time, share on target, last date and latest attempts; a story's figures and
    /// flags; the own pace). The medians only every attempt can give (time, setup share, pace, pauses per
    /// prompt) are `None`, and [`HistoryIndex::recent`] has the latest [`RECENT_WINDOW`] at most.
    pub fn from_digest(mut digest: Digest) -> HistoryIndex {
        let plan_cards = digest.plan.take();
        HistoryIndex {
            target: digest.target(),
            len: digest.attempts(),
            figures: Figures::Digest(Box::new(digest)),
            plan_cards,
        }
    }

    /// The plan's cards as last set (see [`HistoryIndex::set_plan_cards`]), kept through the digest.
    pub fn plan_cards(&self) -> Option<&Cards> {
        self.plan_cards.as_deref()
    }

    pub fn plan_cards_mut(&mut self) -> Option<&mut Cards> {
        self.plan_cards.as_deref_mut()
    }

    /// Keeps the plan's cards as of these attempts; `None` when they are not known.
    pub fn set_plan_cards(&mut self, cards: Option<Cards>) {
        self.plan_cards = cards.map(Box::new);
    }

    /// The history in brief, to keep beside the attempts: the same figures [`HistoryIndex::from_digest`] answers.
    pub fn digest(&self) -> Digest {
        let (prompts, stories, voice) = match &self.figures {
            // Judged against its own target, even after `set_target`: only the attempts can judge it again (see
            // `needs_every_attempt`).
            Figures::Digest(digest) => return Digest { plan: self.plan_cards.clone(), ..(**digest).clone() },
            Figures::Every { prompts, stories, voice } => (prompts, stories, voice),
        };
        let mut digest = Digest::empty(self.target);
        digest.attempts = self.len;
        digest.prompts = prompts
            .iter()
            .map(|(id, stats)| digest::PromptDigest {
                prompt: id.clone(),
                attempts: stats.durations.len(),
                best_secs: best_of(&stats.durations, self.target),
                on_target: on_target(&stats.durations, self.target).len(),
                recorded: stats.voice.recorded(),
                recent: brief(tail(&stats.timeline, RECENT_WINDOW)),
            })
            .collect();
        digest.prompts.sort_unstable_by(|a, b| a.prompt.cmp(&b.prompt));
        digest.stories = stories
            .iter()
            .map(|(id, stats)| digest::StoryDigest {
                story: id.clone(),
                attempts: stats.timeline.len(),
                recent: brief(tail(&stats.timeline, STORY_RECENT)),
                rated: brief(&latest_rated(&stats.timeline)),
            })
            .collect();
        digest.stories.sort_unstable_by(|a, b| a.story.cmp(&b.story));
        digest.paces = digest::PaceWindow::around_median(voice.paces());
        digest.plan.clone_from(&self.plan_cards);
        digest
    }

    /// False while the index answers from a digest, before the attempts are read.
    pub fn has_every_attempt(&self) -> bool {
        matches!(self.figures, Figures::Every { .. })
    }

    /// True when a digest can no longer answer on its own: the target changed since it was made, or the median
    /// pace has moved out of the paces it keeps. The attempts must then be read.
    pub fn needs_every_attempt(&self) -> bool {
        match &self.figures {
            Figures::Every { .. } => false,
            Figures::Digest(digest) => digest.target() != self.target || digest.paces.exhausted(),
        }
    }

    /// Adds one attempt, keeping every list sorted (a digest takes it in as well).
    pub fn add(&mut self, a: &Attempt) {
        let recent = RecentAttempt::of(a);
        self.len += 1;
        let (prompts, stories, voice) = match &mut self.figures {
            Figures::Digest(digest) => {
                digest.add(a, recent.voice.and_then(|v| v.pace()));
                return;
            }
            Figures::Every { prompts, stories, voice } => (prompts, stories, voice),
        };
        let stats = entry(prompts, &a.prompt);
        insert_sorted(&mut stats.durations, recent.duration_secs);
        if let Some(share) = recent.setup_share {
            insert_sorted(&mut stats.setup_shares, share);
        }
        stats.voice.add(recent.voice);
        voice.add(recent.voice);
        insert_timeline(&mut stats.timeline, recent.clone());
        if let Some(story) = &a.story {
            insert_timeline(&mut entry(stories, story).timeline, recent);
        }
    }

    /// An attempt added before gains its voice analysis (`with_voice` is `old` with its `voice` set): the figures
    /// follow, from a digest too, since a digest keeps of a voice only the counts and paces.
    pub fn add_voice(&mut self, old: &Attempt, with_voice: &Attempt) {
        match &mut self.figures {
            Figures::Digest(digest) => {
                if old.voice.is_none() {
                    digest.add_voice(&with_voice.prompt, RecentAttempt::of(with_voice).voice.and_then(|v| v.pace()));
                }
            }
            Figures::Every { .. } => {
                if self.remove(old) {
                    self.add(with_voice);
                }
            }
        }
    }

    /// Removes one attempt added before, found by its prompt, story, start time and id; the figures it takes out
    /// are the ones it was added with, so an attempt whose review changed since is still removed whole. Returns
    /// false, changing nothing, when the index does not hold it, and always from a digest (which cannot take
    /// an attempt out: removing needs every attempt).
    pub fn remove(&mut self, a: &Attempt) -> bool {
        let Figures::Every { prompts, stories, voice } = &mut self.figures else { return false };
        let Some(stats) = prompts.get_mut(&a.prompt) else { return false };
        let Some(old) = take_timeline(&mut stats.timeline, a) else { return false };
        remove_sorted(&mut stats.durations, old.duration_secs);
        if let Some(share) = old.setup_share {
            remove_sorted(&mut stats.setup_shares, share);
        }
        stats.voice.remove(old.voice);
        voice.remove(old.voice);
        if stats.timeline.is_empty() {
            prompts.remove(&a.prompt);
        }
        if let Some(story) = &a.story
            && let Some(stats) = stories.get_mut(story)
        {
            take_timeline(&mut stats.timeline, a);
            if stats.timeline.is_empty() {
                stories.remove(story);
            }
        }
        self.len -= 1;
        true
    }

    pub fn target(&self) -> Target {
        self.target
    }

    /// Changes the target range the figures are judged against; nothing is recomputed. A digest, judged against
    /// the target it was made for, then needs every attempt (see [`HistoryIndex::needs_every_attempt`]).
    pub fn set_target(&mut self, target: Target) {
        self.target = target;
    }

    /// How many attempts the index holds.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The figures for one prompt id; a prompt never practised has 0 attempts and no figures.
    pub fn summary(&self, prompt: &str) -> PromptSummary {
        let mut summary = PromptSummary {
            prompt: prompt.to_string(),
            attempts: 0,
            median_secs: None,
            best_secs: None,
            on_target_share: None,
            median_setup_share: None,
            last_practised: None,
            recorded: 0,
            median_pace_wpm: None,
            long_pauses_per_answer: None,
        };
        match &self.figures {
            Figures::Every { prompts, .. } => {
                let Some(stats) = prompts.get(prompt) else { return summary };
                let durations = &stats.durations;
                summary.attempts = durations.len();
                summary.median_secs = median(durations);
                summary.best_secs = best_of(durations, self.target);
                summary.on_target_share = Some(on_target(durations, self.target).len() as f64 / durations.len() as f64);
                summary.median_setup_share = median(&stats.setup_shares);
                summary.last_practised = stats.timeline.last().map(|r| r.started_at);
                summary.recorded = stats.voice.recorded();
                summary.median_pace_wpm = stats.voice.median_pace();
                summary.long_pauses_per_answer = stats.voice.long_pauses_per_answer();
            }
            Figures::Digest(digest) => {
                let Some(p) = digest.prompt(prompt) else { return summary };
                summary.attempts = p.attempts;
                summary.best_secs = p.best_secs;
                summary.on_target_share = Some(p.on_target as f64 / p.attempts as f64);
                summary.last_practised = p.recent.last().map(|r| r.started_at);
                summary.recorded = p.recorded;
            }
        }
        summary
    }

    /// The user's own pace: the median over every recorded answer with a pace, once there are
    /// [`crate::voice::OWN_PACE_MIN_ANSWERS`] of them.
    pub fn own_pace(&self) -> Option<OwnPace> {
        match &self.figures {
            Figures::Every { voice, .. } => voice.own_pace(),
            Figures::Digest(digest) => digest.paces.own_pace(),
        }
    }

    /// Whether any attempt kept a voice analysis.
    pub fn has_recordings(&self) -> bool {
        match &self.figures {
            Figures::Every { voice, .. } => voice.recorded() > 0,
            Figures::Digest(digest) => digest.prompts.iter().any(|p| p.recorded > 0),
        }
    }

    /// The figures for every prompt of the guide, in its order, practised or not; then, by id, those of practised
    /// prompts the guide lacks (a prompt pack removed since), so no attempt drops out of the summary. Drilled
    /// questions are not prompts: the drills' own summary groups them by principle (`drill::drills_by_principle`).
    pub fn summaries(&self, guide: &Guide) -> Vec<PromptSummary> {
        self.prompt_ids(guide).into_iter().map(|id| self.summary(id)).collect()
    }

    /// The guide's prompt ids in its order, then those of practised prompts it lacks, sorted; never a question's.
    pub fn prompt_ids<'a>(&'a self, guide: &'a Guide) -> Vec<&'a str> {
        let mut unknown: Vec<&str> = self.practised_prompts().filter(|id| !guide.knows_prompt(id)).collect();
        unknown.sort_unstable();
        guide.prompt_ids().chain(unknown).collect()
    }

    /// The drilled questions with at least one attempt, in the bank's order (those no longer loaded are among
    /// [`HistoryIndex::prompt_ids`]).
    pub fn drilled_questions<'a>(&'a self, guide: &'a Guide) -> Vec<&'a str> {
        guide.questions.iter().map(|q| q.id.as_str()).filter(|id| self.practised(id)).collect()
    }

    /// Whether any attempt answered this prompt or question.
    fn practised(&self, prompt: &str) -> bool {
        match &self.figures {
            Figures::Every { prompts, .. } => prompts.contains_key(prompt),
            Figures::Digest(digest) => digest.prompt(prompt).is_some(),
        }
    }

    /// Ids of the prompts with at least one attempt, in no particular order (a hand-edited file may name prompts
    /// the guide does not have).
    pub fn practised_prompts(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match &self.figures {
            Figures::Every { prompts, .. } => Box::new(prompts.keys().map(String::as_str)),
            Figures::Digest(digest) => Box::new(digest.prompts.iter().map(|p| p.prompt.as_str())),
        }
    }

    /// A prompt's latest `n` attempts (fewer when it has fewer), oldest first. From a digest, at most the latest
    /// [`RECENT_WINDOW`].
    pub fn recent(&self, prompt: &str, n: usize) -> &[RecentAttempt] {
        match &self.figures {
            Figures::Every { prompts, .. } => prompts.get(prompt).map_or(&[], |s| tail(&s.timeline, n)),
            Figures::Digest(digest) => digest.prompt(prompt).map_or(&[], |p| tail(&p.recent, n)),
        }
    }

    /// A story's figures; `None` when no attempt told it.
    pub fn story(&self, story: &str) -> Option<StorySummary> {
        let (attempts, latest) = match &self.figures {
            Figures::Every { stories, .. } => {
                let stats = stories.get(story)?;
                (stats.timeline.len(), tail(&stats.timeline, STORY_RECENT))
            }
            Figures::Digest(digest) => {
                let s = digest.story(story)?;
                (s.attempts, s.recent.as_slice())
            }
        };
        let over = latest.iter().filter(|r| Verdict::of(r.duration_secs, self.target) == Verdict::Over).count();
        Some(StorySummary {
            story: story.to_string(),
            attempts,
            recent: latest.len(),
            recent_over: over,
            recent_mean_confidence: mean(latest.iter().filter_map(|r| r.confidence.map(f64::from))),
        })
    }

    /// Every story told in at least one attempt, by id.
    pub fn stories(&self) -> Vec<StorySummary> {
        let mut ids: Vec<&str> = match &self.figures {
            Figures::Every { stories, .. } => stories.keys().map(String::as_str).collect(),
            Figures::Digest(digest) => digest.stories.iter().map(|s| s.story.as_str()).collect(),
        };
        ids.sort_unstable();
        ids.into_iter().filter_map(|id| self.story(id)).collect()
    }

    /// Stories worth rewriting, by id: those with at least [`FLAG_WINDOW`] attempts of which at least 2 of the
    /// last 3 ran over, and those whose mean confidence over their last 3 rated attempts is at most 2.
    pub fn rewrite_flags(&self) -> Vec<StoryFlag> {
        let reasons: Vec<(&str, Vec<String>)> = match &self.figures {
            Figures::Every { stories, .. } => stories
                .iter()
                .map(|(id, s)| (id.as_str(), flag_reasons(&s.timeline, &latest_rated(&s.timeline), self.target)))
                .collect(),
            Figures::Digest(digest) => digest
                .stories
                .iter()
                .map(|s| (s.story.as_str(), flag_reasons(&s.recent, &s.rated, self.target)))
                .collect(),
        };
        let mut flags: Vec<StoryFlag> = reasons
            .into_iter()
            .filter(|(_, reasons)| !reasons.is_empty())
            .map(|(id, reasons)| StoryFlag { story: id.to_string(), reason: reasons.join("; ") })
            .collect();
        flags.sort_unstable_by(|a, b| a.story.cmp(&b.story));
        flags
    }
}

/// The best time of a prompt's durations (ascending) against `target`: the shortest on target if any landed
/// there; else the time closest to the range (a tie between one short and one over goes to the shorter).
fn best_of(durations: &[f64], t: Target) -> Option<f64> {
    let range = on_target(durations, t);
    if !range.is_empty() {
        return Some(durations[range.start]);
    }
    let short = range.start.checked_sub(1).map(|i| durations[i]);
    let over = durations.get(range.end).copied();
    match (short, over) {
        (Some(s), Some(o)) => Some(if o - t.max_secs < t.min_secs - s { o } else { s }),
        (s, o) => s.or(o),
    }
}

/// Where the durations on target are, in a sorted list: one run, from the first at or above min to the last at or
/// below max.
fn on_target(durations: &[f64], t: Target) -> std::ops::Range<usize> {
    let first_in = durations.partition_point(|&d| Verdict::of(d, t) == Verdict::Short);
    let first_over = durations.partition_point(|&d| Verdict::of(d, t) != Verdict::Over);
    first_in..first_over
}

/// Why a story is worth rewriting, from its latest attempts (at least [`FLAG_WINDOW`] when it has that many) and
/// its latest rated ones (oldest first).
fn flag_reasons(latest: &[RecentAttempt], rated: &[RecentAttempt], target: Target) -> Vec<String> {
    let mut reasons = Vec::new();
    if latest.len() >= FLAG_WINDOW {
        let last = tail(latest, FLAG_WINDOW);
        let over = last.iter().filter(|r| Verdict::of(r.duration_secs, target) == Verdict::Over).count();
        if over * 2 > FLAG_WINDOW {
            reasons.push(format!("ran over in {over} of its last {FLAG_WINDOW} attempts"));
        }
    }
    if rated.len() == FLAG_WINDOW {
        let mean = rated.iter().map(|r| r.confidence.map_or(0.0, f64::from)).sum::<f64>() / FLAG_WINDOW as f64;
        if mean <= FLAG_CONFIDENCE + 1e-9 {
            // "attempts" when the rated ones are the last three, with no unrated one between them.
            let last = tail(latest, FLAG_WINDOW);
            let which = if last.len() == FLAG_WINDOW && last.iter().all(|r| r.confidence.is_some()) {
                "attempts"
            } else {
                "rated attempts"
            };
            reasons.push(format!("confidence {mean:.1} over its last {FLAG_WINDOW} {which}"));
        }
    }
    reasons
}

fn entry<'m, T: Default>(map: &'m mut HashMap<String, T>, key: &str) -> &'m mut T {
    // Look up by &str first so the key is cloned only when it is new.
    if !map.contains_key(key) {
        map.insert(key.to_string(), T::default());
    }
    map.get_mut(key).expect("inserted above")
}

fn tail<T>(items: &[T], n: usize) -> &[T] {
    &items[items.len().saturating_sub(n)..]
}

pub(crate) fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(f64::midpoint(sorted[n / 2 - 1], sorted[n / 2])),
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / count as f64)
}

fn insert_sorted(sorted: &mut Vec<f64>, value: f64) {
    let at = sorted.partition_point(|v| v.total_cmp(&value) == Ordering::Less);
    sorted.insert(at, value);
}

fn remove_sorted(sorted: &mut Vec<f64>, value: f64) {
    let at = sorted.partition_point(|v| v.total_cmp(&value) == Ordering::Less);
    if sorted.get(at).is_some_and(|v| v.total_cmp(&value) == Ordering::Equal) {
        sorted.remove(at);
    }
}

#[cfg(test)]
mod tests;
