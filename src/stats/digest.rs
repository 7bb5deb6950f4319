//! The history in brief: what the screens before History show (each prompt's count, best time, share on target,
//! last date and latest attempts; each story's latest attempts; the user's own pace), small enough to be written
//! beside the attempts log after every save and read at start instead of the whole history.
//!
//! A digest stays exact as attempts are added without the rest of the history: a count, a best time or a last
//! date takes a new attempt in; a list of the latest few keeps its newest few; the median pace is kept by a window
//! of the paces around it. Removing an attempt needs every attempt (the History screen, where attempts are
//! deleted, has them) and the digest is then made again from the whole index.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::{FLAG_WINDOW, RECENT_WINDOW, RecentAttempt, STORY_RECENT, median, timeline_cmp};
use crate::model::Attempt;
use crate::plan::Cards;
use crate::practice::{Target, Verdict};
use crate::validate::{MAX_ANSWER_SECS, YEARS, is_valid_id};
use crate::voice::{OWN_PACE_MIN_ANSWERS, OwnPace};

/// Paces kept around the median: enough that many answers faster or slower than usual in a row can come in
/// before the median leaves the window and the whole history is needed again.
pub const PACE_WINDOW: usize = 64;
/// More attempts than a digest may count: a log within its size cap holds far fewer (a line is over 100 bytes).
const MAX_ATTEMPTS: usize = 10_000_000;

/// The history in brief (see the module). Built by [`super::HistoryIndex::digest`], read back by
/// [`super::HistoryIndex::from_digest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Digest {
    /// The target range `best_secs` and `on_target` were judged against.
    pub(super) min_secs: f64,
    pub(super) max_secs: f64,
    pub(super) attempts: usize,
    /// Every practised prompt (drilled questions too), by id.
    pub(super) prompts: Vec<PromptDigest>,
    /// Every story told in an attempt, by id.
    pub(super) stories: Vec<StoryDigest>,
    pub(super) paces: PaceWindow,
    /// The plan's cards as of these attempts, when they were worked out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) plan: Option<Box<Cards>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PromptDigest {
    pub(super) prompt: String,
    pub(super) attempts: usize,
    pub(super) best_secs: Option<f64>,
    /// How many landed in the target range.
    pub(super) on_target: usize,
    /// How many kept a voice analysis.
    pub(super) recorded: usize,
    /// The latest [`RECENT_WINDOW`], oldest first: a prompt's last practice and its latest form.
    pub(super) recent: Vec<RecentAttempt>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StoryDigest {
    pub(super) story: String,
    pub(super) attempts: usize,
    /// The latest [`STORY_RECENT`], oldest first.
    pub(super) recent: Vec<RecentAttempt>,
    /// The latest [`FLAG_WINDOW`] rated ones, oldest first: however far back they are.
    pub(super) rated: Vec<RecentAttempt>,
}

/// The paces of recorded answers nearest the median, ascending, and how many lie below and above them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PaceWindow {
    pub(super) below: usize,
    pub(super) paces: Vec<f64>,
    pub(super) above: usize,
}

impl Digest {
    pub(super) fn empty(target: Target) -> Digest {
        Digest {
            min_secs: target.min_secs,
            max_secs: target.max_secs,
            attempts: 0,
            prompts: Vec::new(),
            stories: Vec::new(),
            paces: PaceWindow::default(),
            plan: None,
        }
    }

    /// The target range the figures were judged against.
    pub fn target(&self) -> Target {
        Target { min_secs: self.min_secs, max_secs: self.max_secs }
    }

    /// How many attempts it sums up.
    pub fn attempts(&self) -> usize {
        self.attempts
    }

    pub(super) fn prompt(&self, id: &str) -> Option<&PromptDigest> {
        self.prompts.binary_search_by(|p| p.prompt.as_str().cmp(id)).ok().map(|i| &self.prompts[i])
    }

    pub(super) fn story(&self, id: &str) -> Option<&StoryDigest> {
        self.stories.binary_search_by(|s| s.story.as_str().cmp(id)).ok().map(|i| &self.stories[i])
    }

    /// Takes one more attempt in, exactly as a fresh build over every attempt would count it.
    pub(super) fn add(&mut self, a: &Attempt, pace: Option<f64>) {
        let target = self.target();
        let recent = RecentAttempt::brief(a);
        self.attempts += 1;
        let at = match self.prompts.binary_search_by(|p| p.prompt.as_str().cmp(&a.prompt)) {
            Ok(at) => at,
            Err(at) => {
                self.prompts.insert(at, PromptDigest::new(a.prompt.clone()));
                at
            }
        };
        let prompt = &mut self.prompts[at];
        prompt.attempts += 1;
        prompt.on_target += usize::from(Verdict::of(a.duration_secs, target) == Verdict::OnTarget);
        prompt.recorded += usize::from(a.voice.is_some());
        prompt.best_secs = Some(prompt.best_secs.map_or(a.duration_secs, |b| best(b, a.duration_secs, target)));
        keep_latest(&mut prompt.recent, recent.clone(), RECENT_WINDOW);
        if let Some(story) = &a.story {
            let at = match self.stories.binary_search_by(|s| s.story.as_str().cmp(story)) {
                Ok(at) => at,
                Err(at) => {
                    let new = StoryDigest { story: story.clone(), attempts: 0, recent: Vec::new(), rated: Vec::new() };
                    self.stories.insert(at, new);
                    at
                }
            };
            let story = &mut self.stories[at];
            story.attempts += 1;
            if recent.confidence.is_some() {
                keep_latest(&mut story.rated, recent.clone(), FLAG_WINDOW);
            }
            keep_latest(&mut story.recent, recent, STORY_RECENT);
        }
        if let Some(pace) = pace {
            self.paces.add(pace);
        }
    }

    /// An attempt it counted without a voice analysis has one now.
    pub(super) fn add_voice(&mut self, prompt: &str, pace: Option<f64>) {
        if let Ok(at) = self.prompts.binary_search_by(|p| p.prompt.as_str().cmp(prompt)) {
            self.prompts[at].recorded += 1;
        }
        if let Some(pace) = pace {
            self.paces.add(pace);
        }
    }

    /// Checks a digest read from disk holds only values a build could have made, so none can mislead or panic
    /// anything later; the phrase says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        let target_ok = self.min_secs.is_finite() && self.max_secs.is_finite() && self.min_secs < self.max_secs;
        if !target_ok {
            return Err("its target range is impossible".into());
        }
        // More than a log under its size cap could hold is impossible, and keeps every sum below overflow.
        if self.attempts > MAX_ATTEMPTS {
            return Err("it counts more attempts than a history can hold".into());
        }
        if let Some(cards) = &self.plan {
            cards.check()?;
        }
        if !self.prompts.windows(2).all(|w| w[0].prompt < w[1].prompt)
            || !self.stories.windows(2).all(|w| w[0].story < w[1].story)
        {
            return Err("its prompts or stories are out of order or repeated".into());
        }
        let mut counted = 0usize;
        for p in &self.prompts {
            counted = counted.saturating_add(p.attempts);
            let counts_ok = p.attempts > 0 && p.on_target <= p.attempts && p.recorded <= p.attempts;
            let best_ok = p.best_secs.is_some_and(possible_secs);
            let recent_ok = p.recent.len() == p.attempts.min(RECENT_WINDOW) && timeline_ok(&p.recent);
            if !(crate::content::is_valid_prompt_id(&p.prompt) && counts_ok && best_ok && recent_ok) {
                return Err(format!("its figures for the prompt {} do not add up", crate::text::quote(&p.prompt)));
            }
        }
        if counted != self.attempts {
            return Err("its prompts' counts do not add up to its attempts".into());
        }
        for s in &self.stories {
            let recent_ok = s.recent.len() == s.attempts.min(STORY_RECENT) && timeline_ok(&s.recent);
            let rated_ok = s.rated.len() <= FLAG_WINDOW.min(s.attempts)
                && timeline_ok(&s.rated)
                && s.rated.iter().all(|r| r.confidence.is_some());
            if !(is_valid_id(&s.story) && (1..=self.attempts).contains(&s.attempts) && recent_ok && rated_ok) {
                return Err(format!("its figures for the story {} do not add up", crate::text::quote(&s.story)));
            }
        }
        let paces_ok = self.paces.paces.iter().all(|p| p.is_finite() && *p > 0.0)
            && self.paces.paces.windows(2).all(|w| w[0] <= w[1])
            && self.paces.paces.len() <= PACE_WINDOW
            && (!self.paces.paces.is_empty() || self.paces.below + self.paces.above == 0)
            && self.paces.below.saturating_add(self.paces.above) <= self.attempts;
        if !paces_ok {
            return Err("its paces are impossible".into());
        }
        Ok(())
    }
}

impl PromptDigest {
    fn new(prompt: String) -> PromptDigest {
        PromptDigest { prompt, attempts: 0, best_secs: None, on_target: 0, recorded: 0, recent: Vec::new() }
    }
}

impl PaceWindow {
    /// The window around the median of `sorted` (every pace, ascending).
    pub(super) fn around_median(sorted: &[f64]) -> PaceWindow {
        let below = sorted.len().saturating_sub(PACE_WINDOW) / 2;
        let paces = sorted[below..].iter().take(PACE_WINDOW).copied().collect::<Vec<f64>>();
        PaceWindow { below, above: sorted.len() - below - paces.len(), paces }
    }

    fn len(&self) -> usize {
        self.below + self.paces.len() + self.above
    }

    /// The two places (equal for an odd count) whose mean is the median, counted from the slowest.
    fn median_places(&self) -> (usize, usize) {
        let n = self.len();
        ((n.max(1) - 1) / 2, n / 2)
    }

    fn add(&mut self, pace: f64) {
        // Paces beyond the window are only counted, on a side where others already are; on a side with none
        // the window holds every pace, so it can take this one too.
        match (self.paces.first(), self.paces.last()) {
            (Some(&first), _) if pace < first && self.below > 0 => self.below += 1,
            (_, Some(&last)) if pace > last && self.above > 0 => self.above += 1,
            _ => {
                let at = self.paces.partition_point(|p| p.total_cmp(&pace) == Ordering::Less);
                self.paces.insert(at, pace);
            }
        }
        if self.paces.len() > PACE_WINDOW {
            // Drop the end farther from the median, so the window stays centred on it.
            let (low, high) = self.median_places();
            let room_below = low.saturating_sub(self.below);
            let room_above = (self.below + self.paces.len()).saturating_sub(high + 1);
            if room_below > room_above {
                self.paces.remove(0);
                self.below += 1;
            } else {
                self.paces.pop();
                self.above += 1;
            }
        }
    }

    /// The median, when both its places are in the window.
    fn median(&self) -> Option<f64> {
        let (low, high) = self.median_places();
        let end = self.below + self.paces.len();
        if self.paces.is_empty() || low < self.below || high >= end {
            return None;
        }
        median(&self.paces[low - self.below..=high - self.below])
    }

    /// The user's own pace, as [`super::HistoryIndex::own_pace`] says it.
    pub(super) fn own_pace(&self) -> Option<OwnPace> {
        let answers = self.len();
        (answers >= OWN_PACE_MIN_ANSWERS)
            .then(|| self.median())
            .flatten()
            .map(|words_per_minute| OwnPace { words_per_minute, answers })
    }

    /// True when there are enough paces for an own pace but its median has left the window.
    pub(super) fn exhausted(&self) -> bool {
        self.len() >= OWN_PACE_MIN_ANSWERS && self.median().is_none()
    }
}

/// The better of two times against `target`: the shorter of two on target, one on target over one off it, else
/// the one nearer the range (the shorter on a tie), as [`super::HistoryIndex::summary`] picks its best.
pub(super) fn best(a: f64, b: f64, target: Target) -> f64 {
    let miss = |x: f64| match Verdict::of(x, target) {
        Verdict::Short => target.min_secs - x,
        Verdict::OnTarget => 0.0,
        Verdict::Over => x - target.max_secs,
    };
    let (on_a, on_b) = (miss(a) == 0.0, miss(b) == 0.0);
    match (on_a, on_b) {
        (true, true) => a.min(b),
        (true, false) => a,
        (false, true) => b,
        (false, false) => match miss(a).total_cmp(&miss(b)) {
            Ordering::Less => a,
            Ordering::Greater => b,
            Ordering::Equal => a.min(b),
        },
    }
}

/// Puts `recent` into `latest` (oldest first) and keeps only the newest `n`: exact when `latest` held the newest
/// `n` (or all, when there were fewer) before.
fn keep_latest(latest: &mut Vec<RecentAttempt>, recent: RecentAttempt, n: usize) {
    let at = latest.partition_point(|r| timeline_cmp(r, &recent) != Ordering::Greater);
    latest.insert(at, recent);
    if latest.len() > n {
        latest.remove(0);
    }
}

fn possible_secs(secs: f64) -> bool {
    secs > 0.0 && secs <= MAX_ANSWER_SECS
}

fn timeline_ok(recent: &[RecentAttempt]) -> bool {
    use chrono::Datelike as _;
    recent.iter().all(|r| {
        possible_secs(r.duration_secs)
            && r.confidence.is_none_or(|c| (1..=5).contains(&c))
            && YEARS.contains(&r.started_at.year())
            && is_valid_id(r.id())
    }) && recent.windows(2).all(|w| timeline_cmp(&w[0], &w[1]) == Ordering::Less)
}

#[cfg(test)]
mod tests;
