//! Timing history in numbers: per prompt and per story, kept up to date as attempts come and go.
//!
//! [`HistoryIndex::build`] sorts once (O(n log n)); [`HistoryIndex::add`] and [`HistoryIndex::remove`] keep every
//! list sorted by inserting or removing in place (a binary search and at worst one memmove), so the screens never
//! rebuild the whole index after a save. Nothing in the index depends on the target range until a question is
//! asked, so [`HistoryIndex::set_target`] is free.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, Utc};

use crate::content::Guide;
use crate::model::Attempt;
use crate::practice::{Target, Verdict};
use crate::voice::OwnPace;

mod voice;
use voice::{VoiceFigures, VoiceStats};

/// How many of a story's latest attempts its summary looks at.
pub const STORY_RECENT: usize = 5;
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

/// One attempt as the index remembers it, in a prompt's or a story's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentAttempt {
    pub started_at: DateTime<Utc>,
    pub duration_secs: f64,
    pub confidence: Option<u8>,
    /// `None` for an answer with no setup (a prompt's own phases).
    setup_share: Option<f64>,
    voice: Option<VoiceFigures>,
    id: AttemptId,
}

/// An attempt id, kept inline when it is short (as ids made by [`crate::model::new_id`] are) so indexing 100,000
/// attempts does not make 200,000 small allocations.
#[derive(Clone, PartialEq, Eq)]
enum AttemptId {
    Inline { len: u8, bytes: [u8; INLINE_ID] },
    Heap(Box<str>),
}

const INLINE_ID: usize = 22;

impl AttemptId {
    fn new(id: &str) -> AttemptId {
        if id.len() <= INLINE_ID {
            let mut bytes = [0; INLINE_ID];
            bytes[..id.len()].copy_from_slice(id.as_bytes());
            // At most INLINE_ID bytes: fits a u8.
            AttemptId::Inline { len: u8::try_from(id.len()).unwrap_or(0), bytes }
        } else {
            AttemptId::Heap(id.into())
        }
    }

    /// The id's bytes, which order as the id's text does.
    fn as_bytes(&self) -> &[u8] {
        match self {
            AttemptId::Inline { len, bytes } => &bytes[..usize::from(*len)],
            AttemptId::Heap(id) => id.as_bytes(),
        }
    }
}

impl fmt::Debug for AttemptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&String::from_utf8_lossy(self.as_bytes()), f)
    }
}

impl RecentAttempt {
    fn of(a: &Attempt) -> RecentAttempt {
        RecentAttempt {
            started_at: a.started_at,
            duration_secs: a.duration_secs,
            confidence: a.review.confidence,
            setup_share: a.setup_share(),
            voice: VoiceFigures::of(a),
            id: AttemptId::new(&a.id),
        }
    }

    fn key_cmp(&self, started_at: DateTime<Utc>, id: &str) -> Ordering {
        self.started_at.cmp(&started_at).then_with(|| self.id.as_bytes().cmp(id.as_bytes()))
    }
}

fn timeline_cmp(a: &RecentAttempt, b: &RecentAttempt) -> Ordering {
    a.started_at.cmp(&b.started_at).then_with(|| a.id.as_bytes().cmp(b.id.as_bytes()))
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

/// Per-prompt and per-story figures over a practice history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryIndex {
    target: Target,
    prompts: HashMap<String, PromptStats>,
    stories: HashMap<String, StoryStats>,
    /// Every recorded attempt's figures, for the user's own pace.
    voice: VoiceStats,
    len: usize,
}

impl HistoryIndex {
    /// An index of no attempts.
    pub fn new(target: Target) -> HistoryIndex {
        HistoryIndex { target, prompts: HashMap::new(), stories: HashMap::new(), voice: VoiceStats::default(), len: 0 }
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
        HistoryIndex { target, prompts, stories, voice, len: attempts.len() }
    }

    /// Adds one attempt, keeping every list sorted.
    pub fn add(&mut self, a: &Attempt) {
        let recent = RecentAttempt::of(a);
        let stats = entry(&mut self.prompts, &a.prompt);
        insert_sorted(&mut stats.durations, recent.duration_secs);
        if let Some(share) = recent.setup_share {
            insert_sorted(&mut stats.setup_shares, share);
        }
        stats.voice.add(recent.voice);
        self.voice.add(recent.voice);
        insert_timeline(&mut stats.timeline, recent.clone());
        if let Some(story) = &a.story {
            insert_timeline(&mut entry(&mut self.stories, story).timeline, recent);
        }
        self.len += 1;
    }

    /// Removes one attempt added before, found by its prompt, story, start time and id; the figures it takes out
    /// are the ones it was added with, so an attempt whose review changed since is still removed whole. Returns
    /// false, changing nothing, when the index does not hold it.
    pub fn remove(&mut self, a: &Attempt) -> bool {
        let Some(stats) = self.prompts.get_mut(&a.prompt) else { return false };
        let Some(old) = take_timeline(&mut stats.timeline, a) else { return false };
        remove_sorted(&mut stats.durations, old.duration_secs);
        if let Some(share) = old.setup_share {
            remove_sorted(&mut stats.setup_shares, share);
        }
        stats.voice.remove(old.voice);
        self.voice.remove(old.voice);
        if stats.timeline.is_empty() {
            self.prompts.remove(&a.prompt);
        }
        if let Some(story) = &a.story
            && let Some(stats) = self.stories.get_mut(story)
        {
            take_timeline(&mut stats.timeline, a);
            if stats.timeline.is_empty() {
                self.stories.remove(story);
            }
        }
        self.len -= 1;
        true
    }

    pub fn target(&self) -> Target {
        self.target
    }

    /// Changes the target range the figures are judged against; nothing is recomputed.
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
        let Some(stats) = self.prompts.get(prompt) else {
            return PromptSummary {
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
        };
        let t = self.target;
        let durations = &stats.durations;
        // Sorted, so the attempts on target are one run: from the first at or above min to the last at or below max.
        let first_in = durations.partition_point(|&d| Verdict::of(d, t) == Verdict::Short);
        let first_over = durations.partition_point(|&d| Verdict::of(d, t) != Verdict::Over);
        let best = if first_in < first_over {
            Some(durations[first_in])
        } else {
            let short = first_in.checked_sub(1).map(|i| durations[i]);
            let over = durations.get(first_over).copied();
            match (short, over) {
                (Some(s), Some(o)) => Some(if o - t.max_secs < t.min_secs - s { o } else { s }),
                (s, o) => s.or(o),
            }
        };
        PromptSummary {
            prompt: prompt.to_string(),
            attempts: durations.len(),
            median_secs: median(durations),
            best_secs: best,
            on_target_share: Some((first_over - first_in) as f64 / durations.len() as f64),
            median_setup_share: median(&stats.setup_shares),
            last_practised: stats.timeline.last().map(|r| r.started_at),
            recorded: stats.voice.recorded(),
            median_pace_wpm: stats.voice.median_pace(),
            long_pauses_per_answer: stats.voice.long_pauses_per_answer(),
        }
    }

    /// The user's own pace: the median over every recorded answer with a pace, once there are
    /// [`crate::voice::OWN_PACE_MIN_ANSWERS`] of them.
    pub fn own_pace(&self) -> Option<OwnPace> {
        self.voice.own_pace()
    }

    /// Whether any attempt kept a voice analysis.
    pub fn has_recordings(&self) -> bool {
        self.voice.recorded() > 0
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
        guide.questions.iter().map(|q| q.id.as_str()).filter(|id| self.prompts.contains_key(*id)).collect()
    }

    /// Ids of the prompts with at least one attempt, in no particular order (a hand-edited file may name prompts
    /// the guide does not have).
    pub fn practised_prompts(&self) -> impl Iterator<Item = &str> {
        self.prompts.keys().map(String::as_str)
    }

    /// A prompt's latest `n` attempts (fewer when it has fewer), oldest first.
    pub fn recent(&self, prompt: &str, n: usize) -> &[RecentAttempt] {
        self.prompts.get(prompt).map_or(&[], |s| tail(&s.timeline, n))
    }

    /// A story's figures; `None` when no attempt told it.
    pub fn story(&self, story: &str) -> Option<StorySummary> {
        let stats = self.stories.get(story)?;
        let recent = tail(&stats.timeline, STORY_RECENT);
        let over = recent.iter().filter(|r| Verdict::of(r.duration_secs, self.target) == Verdict::Over).count();
        Some(StorySummary {
            story: story.to_string(),
            attempts: stats.timeline.len(),
            recent: recent.len(),
            recent_over: over,
            recent_mean_confidence: mean(recent.iter().filter_map(|r| r.confidence.map(f64::from))),
        })
    }

    /// Every story told in at least one attempt, by id.
    pub fn stories(&self) -> Vec<StorySummary> {
        let mut ids: Vec<&String> = self.stories.keys().collect();
        ids.sort_unstable();
        ids.into_iter().filter_map(|id| self.story(id)).collect()
    }

    /// Stories worth rewriting, by id: those with at least [`FLAG_WINDOW`] attempts of which at least 2 of the
    /// last 3 ran over, and those whose mean confidence over their last 3 rated attempts is at most 2.
    pub fn rewrite_flags(&self) -> Vec<StoryFlag> {
        let mut flags: Vec<StoryFlag> = self
            .stories
            .iter()
            .filter_map(|(id, stats)| {
                let reasons = flag_reasons(&stats.timeline, self.target);
                (!reasons.is_empty()).then(|| StoryFlag { story: id.clone(), reason: reasons.join("; ") })
            })
            .collect();
        flags.sort_unstable_by(|a, b| a.story.cmp(&b.story));
        flags
    }
}

fn flag_reasons(timeline: &[RecentAttempt], target: Target) -> Vec<String> {
    let mut reasons = Vec::new();
    if timeline.len() >= FLAG_WINDOW {
        let last = tail(timeline, FLAG_WINDOW);
        let over = last.iter().filter(|r| Verdict::of(r.duration_secs, target) == Verdict::Over).count();
        if over * 2 > FLAG_WINDOW {
            reasons.push(format!("ran over in {over} of its last {FLAG_WINDOW} attempts"));
        }
    }
    // The latest rated attempts, walking back; `looked` tells whether unrated ones sat between them.
    let mut rated = Vec::with_capacity(FLAG_WINDOW);
    let mut looked = 0;
    for r in timeline.iter().rev() {
        looked += 1;
        if let Some(c) = r.confidence {
            rated.push(f64::from(c));
            if rated.len() == FLAG_WINDOW {
                break;
            }
        }
    }
    if rated.len() == FLAG_WINDOW {
        let mean = rated.iter().sum::<f64>() / FLAG_WINDOW as f64;
        if mean <= FLAG_CONFIDENCE + 1e-9 {
            let which = if looked == FLAG_WINDOW { "attempts" } else { "rated attempts" };
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

fn insert_timeline(timeline: &mut Vec<RecentAttempt>, recent: RecentAttempt) {
    let at = timeline.partition_point(|r| timeline_cmp(r, &recent) != Ordering::Greater);
    timeline.insert(at, recent);
}

fn take_timeline(timeline: &mut Vec<RecentAttempt>, a: &Attempt) -> Option<RecentAttempt> {
    let at = timeline.partition_point(|r| r.key_cmp(a.started_at, &a.id) == Ordering::Less);
    let found = timeline.get(at).is_some_and(|r| r.key_cmp(a.started_at, &a.id) == Ordering::Equal);
    found.then(|| timeline.remove(at))
}

#[cfg(test)]
#[allow(clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use crate::model::{Phase, PhaseSpan, Review};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:00:00Z")).unwrap().to_utc()
    }

    fn attempt(id: &str, prompt: &str, story: Option<&str>, when: DateTime<Utc>, secs: f64) -> Attempt {
        Attempt {
            id: id.into(),
            prompt: prompt.into(),
            story: story.map(str::to_string),
            started_at: when,
            duration_secs: secs,
            phases: vec![PhaseSpan { phase: Phase::Action, secs }],
            review: Review::default(),
            mock: None,
            follow_ups: Vec::new(),
            drill: None,
            recording: None,
            voice: None,
        }
    }

    fn with_setup(mut a: Attempt, setup_secs: f64) -> Attempt {
        a.phases = vec![
            PhaseSpan { phase: Phase::Situation, secs: setup_secs },
            PhaseSpan { phase: Phase::Action, secs: a.duration_secs - setup_secs },
        ];
        a
    }

    fn rated(mut a: Attempt, confidence: u8) -> Attempt {
        a.review.confidence = Some(confidence);
        a
    }

    fn times(prompt: &str, secs: &[f64]) -> Vec<Attempt> {
        secs.iter().enumerate().map(|(i, &s)| attempt(&format!("a{i}"), prompt, None, at(1, i as u32), s)).collect()
    }

    fn summary(secs: &[f64]) -> PromptSummary {
        HistoryIndex::build(&times("p", secs), Target::default()).summary("p")
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(summary(&[130.0, 70.0, 90.0]).median_secs, Some(90.0));
        assert_eq!(summary(&[130.0, 70.0, 90.0, 100.0]).median_secs, Some(95.0));
        assert_eq!(summary(&[42.0]).median_secs, Some(42.0));
        assert_eq!(summary(&[]).median_secs, None);
    }

    #[test]
    fn a_prompt_never_practised_has_no_figures() {
        let s = HistoryIndex::new(Target::default()).summary("why-amazon");
        assert_eq!(s.attempts, 0);
        assert_eq!((s.median_secs, s.best_secs, s.on_target_share, s.median_setup_share), (None, None, None, None));
        assert_eq!(s.last_practised, None);
    }

    #[test]
    fn best_is_the_shortest_on_target_else_the_closest() {
        assert_eq!(summary(&[150.0, 110.0, 75.0, 30.0]).best_secs, Some(75.0), "shortest inside the range");
        assert_eq!(summary(&[150.0, 60.0, 120.0]).best_secs, Some(60.0), "60 s is on target");
        assert_eq!(summary(&[150.0, 125.0, 40.0]).best_secs, Some(125.0), "5 s over beats 20 s short");
        assert_eq!(summary(&[150.0, 130.0, 55.0]).best_secs, Some(55.0), "5 s short beats 10 s over");
        assert_eq!(summary(&[130.0, 50.0]).best_secs, Some(50.0), "a tie goes to the shorter");
        assert_eq!(summary(&[200.0, 180.0]).best_secs, Some(180.0));
        assert_eq!(summary(&[10.0, 20.0]).best_secs, Some(20.0));
    }

    #[test]
    fn on_target_share_counts_the_boundaries_as_on_target() {
        assert_eq!(summary(&[60.0, 120.0, 120.001, 59.999]).on_target_share, Some(0.5));
        assert_eq!(summary(&[120.0]).on_target_share, Some(1.0));
        assert_eq!(summary(&[120.001]).on_target_share, Some(0.0));
        assert_eq!(summary(&[60.0, 61.0, 200.0]).on_target_share, Some(2.0 / 3.0));
    }

    #[test]
    fn the_target_is_a_parameter() {
        let mut index = HistoryIndex::build(&times("p", &[50.0, 100.0, 170.0]), Target::default());
        assert_eq!(index.summary("p").on_target_share, Some(1.0 / 3.0));
        index.set_target(Target { min_secs: 45.0, max_secs: 180.0 });
        assert_eq!(index.summary("p").on_target_share, Some(1.0));
        assert_eq!(index.summary("p").best_secs, Some(50.0));
    }

    #[test]
    fn setup_share_median() {
        let attempts = vec![
            with_setup(attempt("a", "p", None, at(1, 1), 100.0), 10.0),
            with_setup(attempt("b", "p", None, at(1, 2), 100.0), 40.0),
            with_setup(attempt("c", "p", None, at(1, 3), 80.0), 20.0),
            with_setup(attempt("d", "p", None, at(1, 4), 50.0), 5.0),
        ];
        let s = HistoryIndex::build(&attempts, Target::default()).summary("p");
        // Shares 0.1, 0.4, 0.25, 0.1: sorted 0.1 0.1 0.25 0.4, median (0.1 + 0.25) / 2.
        assert!((s.median_setup_share.unwrap() - 0.175).abs() < 1e-12, "{s:?}");
        // Only Action marked: no setup, and a plain zero (not the -0.0 an empty sum gives, which prints as "-0%").
        let share = HistoryIndex::build(&[attempt("e", "p", None, at(1, 1), 90.0)], Target::default())
            .summary("p")
            .median_setup_share
            .unwrap();
        assert!(share == 0.0 && share.is_sign_positive(), "{share}");
    }

    #[test]
    fn answers_in_a_prompts_own_phases_have_no_setup_share() {
        let mut own = attempt("w", "why-amazon", None, at(1, 1), 90.0);
        own.phases = vec![PhaseSpan { phase: Phase::new("mission").unwrap(), secs: 90.0 }];
        let mut bare = attempt("b", "why-amazon", None, at(1, 2), 90.0);
        bare.phases.clear();
        assert_eq!((own.setup_share(), bare.setup_share()), (None, None));
        let mut index = HistoryIndex::build(&[own.clone(), bare], Target::default());
        let summary = index.summary("why-amazon");
        assert_eq!((summary.attempts, summary.median_setup_share), (2, None));
        let star = with_setup(attempt("s", "why-amazon", None, at(1, 3), 100.0), 30.0);
        index.add(&star);
        assert_eq!(index.summary("why-amazon").median_setup_share, Some(0.3), "only the answer with a setup counts");
        assert!(index.remove(&star) && index.remove(&own));
        assert_eq!(index.summary("why-amazon").median_setup_share, None);
    }

    #[test]
    fn last_practised_is_the_latest_start_whatever_the_order() {
        let attempts = vec![
            attempt("a", "p", None, at(5, 9), 90.0),
            attempt("b", "p", None, at(20, 9), 90.0),
            attempt("c", "p", None, at(3, 9), 90.0),
            attempt("d", "q", None, at(28, 9), 90.0),
        ];
        let index = HistoryIndex::build(&attempts, Target::default());
        assert_eq!(index.summary("p").last_practised, Some(at(20, 9)));
        assert_eq!(index.summary("q").last_practised, Some(at(28, 9)));
        let recent: Vec<_> = index.recent("p", 2).iter().map(|r| r.started_at).collect();
        assert_eq!(recent, [at(5, 9), at(20, 9)], "latest two, oldest first");
    }

    fn mixed_history() -> Vec<Attempt> {
        vec![
            rated(with_setup(attempt("a1", "p", Some("s1"), at(1, 8), 95.0), 20.0), 4),
            with_setup(attempt("a2", "p", Some("s2"), at(2, 8), 130.0), 50.0),
            rated(attempt("a3", "q", Some("s1"), at(3, 8), 61.0), 2),
            attempt("a4", "p", None, at(4, 8), 45.0),
            rated(attempt("a5", "q", Some("s1"), at(5, 8), 140.0), 1),
            attempt("a6", "p", None, at(4, 8), 100.0),
        ]
    }

    #[test]
    fn add_then_remove_returns_to_a_fresh_build() {
        let history = mixed_history();
        let fresh = HistoryIndex::build(&history, Target::default());
        for extra in [
            attempt("x1", "p", Some("s1"), at(30, 1), 300.0),
            attempt("x2", "p", Some("s9"), at(1, 1), 95.0),
            attempt("x3", "new-prompt", None, at(10, 1), 10.0),
            attempt("x4", "p", None, at(4, 8), 100.0), // same time and duration as a6
            attempt("a5-an-id-longer-than-twenty-two-bytes", "p", Some("s1"), at(4, 8), 45.0), // kept on the heap
        ] {
            let mut index = fresh.clone();
            index.add(&extra);
            assert_ne!(index, fresh, "{}", extra.id);
            assert_eq!(index.len(), history.len() + 1);
            assert!(index.remove(&extra));
            assert_eq!(index, fresh, "{}", extra.id);
            assert_eq!(index.summary("p"), fresh.summary("p"));
        }
        // Building one by one is the same as building at once, and so is removing back to nothing.
        let mut index = HistoryIndex::new(Target::default());
        for a in history.iter().rev() {
            index.add(a);
        }
        assert_eq!(index, fresh);
        for a in &history {
            assert!(index.remove(a));
        }
        assert_eq!(index, HistoryIndex::new(Target::default()));
        assert!(index.is_empty());
    }

    #[test]
    fn removing_what_is_not_there_changes_nothing() {
        let mut index = HistoryIndex::build(&mixed_history(), Target::default());
        let before = index.clone();
        assert!(!index.remove(&attempt("zz", "p", None, at(1, 8), 95.0)));
        assert!(!index.remove(&attempt("a1", "p", Some("s1"), at(9, 8), 95.0)), "right id, wrong time");
        assert!(!index.remove(&attempt("a1", "other", Some("s1"), at(1, 8), 95.0)));
        assert_eq!(index, before);
    }

    #[test]
    fn removing_an_attempt_whose_review_changed_takes_out_what_was_added() {
        let history = mixed_history();
        let mut index = HistoryIndex::build(&history, Target::default());
        let mut edited = history[0].clone();
        edited.review.confidence = Some(5);
        edited.duration_secs = 10.0;
        assert!(index.remove(&edited));
        index.add(&edited);
        let mut expected = history.clone();
        expected[0] = edited;
        assert_eq!(index, HistoryIndex::build(&expected, Target::default()));
    }

    #[test]
    fn story_summary_looks_at_its_last_five() {
        let mut attempts: Vec<Attempt> =
            (0..7).map(|i| attempt(&format!("a{i}"), "p", Some("s"), at(1 + i, 8), 130.0)).collect();
        attempts[0].duration_secs = 90.0; // outside the last five either way
        attempts[3].duration_secs = 90.0;
        attempts[5] = rated(attempts[5].clone(), 2);
        attempts[6] = rated(attempts[6].clone(), 5);
        let index = HistoryIndex::build(&attempts, Target::default());
        let s = index.story("s").unwrap();
        assert_eq!((s.attempts, s.recent, s.recent_over), (7, 5, 4));
        assert_eq!(s.recent_mean_confidence, Some(3.5));
        assert_eq!(index.story("none"), None);
        assert_eq!(index.stories().len(), 1);
    }

    fn story_run(story: &str, runs: &[(f64, Option<u8>)]) -> Vec<Attempt> {
        runs.iter()
            .enumerate()
            .map(|(i, &(secs, c))| {
                let mut a = attempt(&format!("{story}-{i}"), "p", Some(story), at(1 + i as u32, 8), secs);
                a.review.confidence = c;
                a
            })
            .collect()
    }

    fn flags(runs: &[(f64, Option<u8>)]) -> Vec<String> {
        HistoryIndex::build(&story_run("s", runs), Target::default())
            .rewrite_flags()
            .into_iter()
            .map(|f| f.reason)
            .collect()
    }

    #[test]
    fn rewrite_flag_for_running_over() {
        let over = 121.0;
        assert_eq!(flags(&[(90.0, None), (over, None), (over, None)]), ["ran over in 2 of its last 3 attempts"]);
        assert_eq!(flags(&[(over, None), (over, None), (over, None)]), ["ran over in 3 of its last 3 attempts"]);
        // Just not: only two attempts, or only one of the last three over, or exactly on the boundary.
        assert!(flags(&[(over, None), (over, None)]).is_empty());
        assert!(flags(&[(over, None), (over, None), (90.0, None), (over, None), (90.0, None)]).is_empty());
        assert!(flags(&[(120.0, None), (120.0, None), (120.0, None)]).is_empty());
    }

    #[test]
    fn rewrite_flag_for_low_confidence() {
        assert_eq!(
            flags(&[(90.0, Some(1)), (90.0, Some(2)), (90.0, Some(2))]),
            ["confidence 1.7 over its last 3 attempts"]
        );
        assert_eq!(
            flags(&[(90.0, Some(2)), (90.0, Some(2)), (90.0, Some(2))]),
            ["confidence 2.0 over its last 3 attempts"]
        );
        assert_eq!(
            flags(&[(90.0, Some(1)), (90.0, None), (90.0, Some(2)), (90.0, Some(2))]),
            ["confidence 1.7 over its last 3 rated attempts"]
        );
        // Just not: a mean of 2.3, or only two rated, or the low ones are older than the last three rated.
        assert!(flags(&[(90.0, Some(2)), (90.0, Some(2)), (90.0, Some(3))]).is_empty());
        assert!(flags(&[(90.0, Some(1)), (90.0, Some(1)), (90.0, None)]).is_empty());
        assert!(
            flags(&[(90.0, Some(1)), (90.0, Some(1)), (90.0, Some(3)), (90.0, Some(3)), (90.0, Some(3))]).is_empty()
        );
    }

    #[test]
    fn both_reasons_and_only_flagged_stories() {
        let mut history = story_run("bad", &[(130.0, Some(1)), (130.0, Some(2)), (90.0, Some(1))]);
        history.extend(story_run("good", &[(130.0, Some(4)), (90.0, Some(4)), (90.0, Some(5))]));
        let found = HistoryIndex::build(&history, Target::default()).rewrite_flags();
        assert_eq!(
            found,
            [StoryFlag {
                story: "bad".into(),
                reason: "ran over in 2 of its last 3 attempts; confidence 1.3 over its last 3 attempts".into()
            }]
        );
    }

    #[test]
    fn drilled_questions_are_not_summed_up_as_prompts() {
        let guide = Guide::bundled();
        let drilled = guide.questions[0].id.clone();
        let mut history = times("why-amazon", &[90.0]);
        history.push(attempt("d1", &drilled, None, at(2, 1), 80.0));
        history.push(attempt("p1", "from-a-removed-pack", None, at(2, 2), 80.0));
        let index = HistoryIndex::build(&history, Target::default());
        let ids = index.prompt_ids(guide);
        assert_eq!(ids.len(), 8, "the seven, then the removed pack's prompt: {ids:?}");
        assert_eq!(ids[7], "from-a-removed-pack");
        assert!(!ids.contains(&drilled.as_str()));
    }
}
