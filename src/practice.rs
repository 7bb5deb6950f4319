//! The practice clock: a state machine over an injected monotonic clock, with phase marks (STAR's, or the prompt's
//! own).
//!
//! Every duration comes from the difference of two `Instant`s handed in by the caller, never from counted ticks,
//! so a slow or stalled event loop cannot make the clock drift.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::content::PhaseSet;
use crate::model::{Attempt, Phase, PhaseSpan, Review};

/// The range an answer should land in: the guide says 1–2 minutes.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "TargetConfig")]
pub struct Target {
    pub min_secs: f64,
    pub max_secs: f64,
}

/// `[target]` as a config writes it: either end may be left out.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct TargetConfig {
    min_secs: f64,
    max_secs: f64,
}

impl Default for TargetConfig {
    fn default() -> TargetConfig {
        let Target { min_secs, max_secs } = Target::default();
        TargetConfig { min_secs, max_secs }
    }
}

impl TryFrom<TargetConfig> for Target {
    type Error = String;

    fn try_from(raw: TargetConfig) -> Result<Target, String> {
        if !(raw.min_secs >= 1.0 && raw.max_secs <= 3600.0) {
            return Err("the target's min_secs must be at least 1 and its max_secs at most 3600".into());
        }
        if raw.min_secs >= raw.max_secs {
            return Err(format!(
                "the target's min_secs ({}) must be less than max_secs ({})",
                raw.min_secs, raw.max_secs
            ));
        }
        Ok(Target { min_secs: raw.min_secs, max_secs: raw.max_secs })
    }
}

impl Default for Target {
    fn default() -> Target {
        Target { min_secs: 60.0, max_secs: 120.0 }
    }
}

impl Target {
    /// The range as a column header says it: "1–2" in whole minutes, else "1:15–1:50".
    pub fn label(self) -> String {
        let whole = |secs: f64| secs % 60.0 == 0.0;
        if whole(self.min_secs) && whole(self.max_secs) {
            format!("{}–{}", self.min_secs / 60.0, self.max_secs / 60.0)
        } else {
            format!("{}–{}", format_secs(self.min_secs), format_secs(self.max_secs))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Short,
    OnTarget,
    Over,
}

impl Verdict {
    pub fn of(secs: f64, target: Target) -> Verdict {
        if secs < target.min_secs {
            Verdict::Short
        } else if secs <= target.max_secs {
            Verdict::OnTarget
        } else {
            Verdict::Over
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Short => "short",
            Verdict::OnTarget => "on target",
            Verdict::Over => "over",
        }
    }
}

/// The share of the answer the coach suggests for each STAR phase; by default a short setup and most time on
/// Actions and Results (15/10/50/25). A prompt with phases of its own sets their shares in its content.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "SharesConfig")]
pub struct PhaseShares([f64; 4]);

impl Default for PhaseShares {
    fn default() -> PhaseShares {
        PhaseShares([0.15, 0.10, 0.50, 0.25])
    }
}

impl PhaseShares {
    /// The share of `phase`, from 0 to 1; 0 for a phase that is not STAR's.
    pub fn of(&self, phase: Phase) -> f64 {
        Phase::STAR.iter().position(|&p| p == phase).map_or(0.0, |i| self.0[i])
    }

    /// Feeds the four shares to `h`, bit for bit.
    pub fn fingerprint(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash as _;
        self.0.map(f64::to_bits).hash(h);
    }

    /// Situation plus Task: past this share of the answer the setup is too long.
    pub fn setup(&self) -> f64 {
        self.of(Phase::Situation) + self.of(Phase::Task)
    }
}

/// `[phase_shares]` as a config writes it, in percent.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SharesConfig {
    situation: f64,
    task: f64,
    action: f64,
    result: f64,
}

impl Default for SharesConfig {
    fn default() -> SharesConfig {
        let [situation, task, action, result] = PhaseShares::default().0.map(|share| share * 100.0);
        SharesConfig { situation, task, action, result }
    }
}

impl TryFrom<SharesConfig> for PhaseShares {
    type Error = String;

    fn try_from(raw: SharesConfig) -> Result<PhaseShares, String> {
        let percents = [raw.situation, raw.task, raw.action, raw.result];
        if percents.iter().any(|p| !(0.0..=100.0).contains(p)) {
            return Err("each phase share is a percentage from 0 to 100".into());
        }
        let total: f64 = percents.iter().sum();
        if (total - 100.0).abs() > 0.01 {
            return Err(format!("the phase shares must add up to 100, not {total}"));
        }
        Ok(PhaseShares(percents.map(|p| p / 100.0)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    Ready,
    Running,
    Paused,
    Finished,
}

#[derive(Debug, Clone)]
pub struct Timer {
    state: ClockState,
    /// Time counted before the current running stretch began.
    banked: Duration,
    /// When the current running stretch began; `Some` exactly while running.
    running_since: Option<Instant>,
    /// Each phase and the elapsed time at which it began, in order.
    marks: Vec<(Phase, Duration)>,
    started_at: Option<DateTime<Utc>>,
    /// The phases the marks move through.
    phases: PhaseSet,
}

impl Default for Timer {
    fn default() -> Self {
        Timer::new()
    }
}

impl Timer {
    /// A clock whose marks move through STAR's four phases.
    pub fn new() -> Timer {
        Timer::with_phases(PhaseSet::star(&PhaseShares::default()))
    }

    /// A clock whose marks move through `phases` (see [`crate::content::Guide::phases`]).
    pub fn with_phases(phases: PhaseSet) -> Timer {
        Timer {
            state: ClockState::Ready,
            banked: Duration::ZERO,
            running_since: None,
            marks: Vec::new(),
            started_at: None,
            phases,
        }
    }

    /// The phases this clock marks, with their names and suggested shares.
    pub fn phases(&self) -> &PhaseSet {
        &self.phases
    }

    pub fn state(&self) -> ClockState {
        self.state
    }

    /// Space: starts the clock, pauses it, or resumes it. `wall` is the wall-clock time, kept for the history.
    pub fn toggle(&mut self, now: Instant, wall: DateTime<Utc>) {
        match self.state {
            ClockState::Ready => {
                self.state = ClockState::Running;
                self.running_since = Some(now);
                if let Some(first) = self.phases.parts().first() {
                    self.marks.push((first.phase, Duration::ZERO));
                }
                self.started_at = Some(wall);
            }
            ClockState::Running => {
                self.banked = self.elapsed(now);
                self.running_since = None;
                self.state = ClockState::Paused;
            }
            ClockState::Paused => {
                self.running_since = Some(now);
                self.state = ClockState::Running;
            }
            ClockState::Finished => {}
        }
    }

    /// Time counted so far; it stops at a day, the longest answer a history may hold.
    pub fn elapsed(&self, now: Instant) -> Duration {
        let counted = match self.running_since {
            Some(since) => self.banked + now.saturating_duration_since(since),
            None => self.banked,
        };
        counted.min(MAX_ANSWER)
    }

    pub fn phase(&self) -> Option<Phase> {
        self.marks.last().map(|&(phase, _)| phase)
    }

    /// Marks the move to the next phase; returns it, or `None` when there is none to move to.
    pub fn mark_next(&mut self, now: Instant) -> Option<Phase> {
        if !matches!(self.state, ClockState::Running | ClockState::Paused) {
            return None;
        }
        let at = self.phases.position(self.phase()?)?;
        let next = self.phases.parts().get(at + 1)?.phase;
        self.marks.push((next, self.elapsed(now)));
        Some(next)
    }

    /// Enter: stops the clock for good. Refused before the clock has counted anything a history can keep (a
    /// millisecond, as durations are stored).
    pub fn finish(&mut self, now: Instant) -> bool {
        if self.state == ClockState::Ready || round_ms(self.elapsed(now)) == 0 {
            return false;
        }
        self.banked = self.elapsed(now);
        self.running_since = None;
        self.state = ClockState::Finished;
        true
    }

    pub fn phase_elapsed(&self, now: Instant, phase: Phase) -> Duration {
        let end = self.elapsed(now);
        self.marks
            .iter()
            .enumerate()
            .filter(|(_, (p, _))| *p == phase)
            .map(|(i, (_, start))| self.marks.get(i + 1).map_or(end, |&(_, next)| next).saturating_sub(*start))
            .sum()
    }

    /// Situation and Task together, so far.
    pub fn setup_elapsed(&self, now: Instant) -> Duration {
        self.phase_elapsed(now, Phase::Situation) + self.phase_elapsed(now, Phase::Task)
    }

    /// True while the user is still on the setup and it has taken more than its share of the longest answer; never
    /// for phases with no setup.
    pub fn setup_running_long(&self, now: Instant, target: Target) -> bool {
        self.phase().is_some_and(Phase::is_setup)
            && self
                .phases
                .setup_share()
                .is_some_and(|share| self.setup_elapsed(now).as_secs_f64() > target.max_secs * share)
    }

    /// The phase spans in milliseconds-rounded seconds; they add up to [`Timer::duration_secs`].
    pub fn spans(&self, now: Instant) -> Vec<PhaseSpan> {
        let end = round_ms(self.elapsed(now));
        self.marks
            .iter()
            .enumerate()
            .map(|(i, &(phase, start))| {
                let stop = self.marks.get(i + 1).map_or(end, |&(_, next)| round_ms(next));
                PhaseSpan { phase, secs: (stop - round_ms(start)) as f64 / 1000.0 }
            })
            .collect()
    }

    pub fn duration_secs(&self, now: Instant) -> f64 {
        round_ms(self.elapsed(now)) as f64 / 1000.0
    }

    /// How long until the shown whole second changes; `None` when the clock is not running.
    pub fn until_next_second(&self, now: Instant) -> Option<Duration> {
        self.running_since?;
        let into_second = self.elapsed(now).subsec_nanos();
        Some(Duration::from_nanos(u64::from(1_000_000_000 - into_second)))
    }

    pub fn started_at(&self) -> Option<DateTime<Utc>> {
        self.started_at
    }

    /// The finished answer as a history record.
    pub fn to_attempt(&self, now: Instant, id: String, prompt: &str, story: Option<&str>, review: Review) -> Attempt {
        Attempt {
            story: story.map(str::to_string),
            phases: self.spans(now),
            review,
            ..Attempt::new(id, prompt, self.started_at.unwrap_or_else(Utc::now), self.duration_secs(now))
        }
    }
}

/// The clock stops here: a day, the longest answer a history may hold.
const MAX_ANSWER: Duration = crate::validate::MAX_ANSWER;

pub(crate) fn round_ms(d: Duration) -> u64 {
    u64::try_from((d.as_micros() + 500) / 1000).unwrap_or(u64::MAX)
}

/// `m:ss` for a clock display; whole seconds, truncated, as a stopwatch shows them.
pub fn format_clock(d: Duration) -> String {
    let secs = d.as_secs();
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// `m:ss` for a stored duration in seconds. Never panics: a stored value is checked where it comes in, and
/// anything past that (negative, not a number, beyond a `Duration`) still prints.
pub fn format_secs(secs: f64) -> String {
    format_clock(Duration::try_from_secs_f64(secs.max(0.0)).unwrap_or(Duration::MAX))
}

/// A gap in words, where `m:ss` would read as a time on the clock: "47 s", "2 min", "1 min 10 s".
pub fn format_gap(secs: f64) -> String {
    let whole = Duration::from_secs_f64(secs.max(0.0).round()).as_secs();
    match (whole / 60, whole % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// Whole percentages of `parts`' total that add up to exactly 100 (largest remainder), so a split never reads
/// 101%; all zeros when the total is not positive.
pub fn whole_percentages(parts: &[f64]) -> Vec<u32> {
    let total: f64 = parts.iter().map(|p| p.max(0.0)).sum();
    if total <= 0.0 {
        return vec![0; parts.len()];
    }
    let exact: Vec<f64> = parts.iter().map(|p| p.max(0.0) / total * 100.0).collect();
    // Each share is within 0..=100, so the casts neither truncate nor lose a sign.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut whole: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let short = 100u32.saturating_sub(whole.iter().sum());
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Largest remainder first; among equals the earlier part.
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for &i in order.iter().take(usize::try_from(short).unwrap_or(0)) {
        whole[i] += 1;
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_a_hundred() {
        // 16/46/23/16 rounded one by one: 101.
        let split = [14.5, 42.0, 21.0, 14.5];
        let whole = whole_percentages(&split);
        assert_eq!(whole.iter().sum::<u32>(), 100, "{whole:?}");
        assert_eq!(whole, vec![16, 45, 23, 16]);
        assert_eq!(whole_percentages(&[1.0, 1.0, 1.0]), vec![34, 33, 33]);
        assert_eq!(whole_percentages(&[0.0, 0.0]), vec![0, 0]);
        assert_eq!(whole_percentages(&[30.0, 0.0, 0.0, 0.0]), vec![100, 0, 0, 0]);
    }

    #[test]
    fn gaps_read_as_amounts_of_time() {
        assert_eq!(format_gap(47.2), "47 s");
        assert_eq!(format_gap(120.0), "2 min");
        assert_eq!(format_gap(70.0), "1 min 10 s");
    }

    #[test]
    fn the_target_labels_itself() {
        assert_eq!(Target::default().label(), "1–2");
        assert_eq!(Target { min_secs: 75.0, max_secs: 110.0 }.label(), "1:15–1:50");
    }

    struct FakeClock {
        base: Instant,
        offset: Duration,
    }

    impl FakeClock {
        fn new() -> Self {
            FakeClock { base: Instant::now(), offset: Duration::ZERO }
        }
        fn now(&self) -> Instant {
            self.base + self.offset
        }
        fn advance_ms(&mut self, ms: u64) -> Instant {
            self.offset += Duration::from_millis(ms);
            self.now()
        }
    }

    #[test]
    fn a_clock_left_running_past_a_day_stops_there_and_saves_a_valid_attempt() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        timer.mark_next(clock.advance_ms(10_000));
        let later = clock.advance_ms(25 * 3600 * 1000);
        assert_eq!(timer.elapsed(later), Duration::from_secs(24 * 3600));
        assert!(timer.finish(later));
        let attempt = timer.to_attempt(later, "a1".into(), "simple-solution", None, Review::default());
        assert_eq!(attempt.duration_secs, 86_400.0);
        let bank = crate::model::Bank { attempts: vec![attempt], ..crate::model::Bank::default() };
        crate::validate::bank(&bank).unwrap();
    }

    #[test]
    fn under_a_millisecond_is_nothing_to_keep() {
        let clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        assert!(!timer.finish(clock.now() + Duration::from_micros(300)));
        assert!(timer.finish(clock.now() + Duration::from_micros(600)));
        assert_eq!(timer.duration_secs(clock.now() + Duration::from_micros(600)), 0.001);
    }

    #[test]
    fn format_secs_prints_anything() {
        assert_eq!(format_secs(61.9), "1:01");
        for odd in [1e308, f64::INFINITY, f64::NAN, -5.0] {
            let _ = format_secs(odd);
        }
        assert_eq!(format_secs(f64::NAN), "0:00");
    }

    fn wall() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().to_utc()
    }

    #[test]
    fn ready_clock_counts_nothing_and_cannot_finish() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        let now = clock.advance_ms(5_000);
        assert_eq!(timer.elapsed(now), Duration::ZERO);
        assert_eq!(timer.phase(), None);
        assert!(!timer.finish(now));
        assert_eq!(timer.mark_next(now), None);
        assert_eq!(timer.until_next_second(now), None);
    }

    #[test]
    fn start_counts_from_the_clock() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        assert_eq!(timer.state(), ClockState::Running);
        assert_eq!(timer.phase(), Some(Phase::Situation));
        let now = clock.advance_ms(2_345);
        assert_eq!(timer.elapsed(now), Duration::from_millis(2_345));
        assert_eq!(timer.started_at(), Some(wall()));
    }

    #[test]
    fn paused_time_does_not_count() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        timer.toggle(clock.advance_ms(10_000), wall());
        assert_eq!(timer.state(), ClockState::Paused);
        let later = clock.advance_ms(60_000);
        assert_eq!(timer.elapsed(later), Duration::from_secs(10));
        timer.toggle(later, wall());
        assert_eq!(timer.state(), ClockState::Running);
        assert_eq!(timer.elapsed(clock.advance_ms(5_000)), Duration::from_secs(15));
        // Resuming does not move the start time recorded for the history.
        assert_eq!(timer.started_at(), Some(wall()));
    }

    #[test]
    fn phase_marks_split_the_time_and_add_up() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        assert_eq!(timer.mark_next(clock.advance_ms(8_000)), Some(Phase::Task));
        assert_eq!(timer.mark_next(clock.advance_ms(4_000)), Some(Phase::Action));
        assert_eq!(timer.mark_next(clock.advance_ms(40_500)), Some(Phase::Result));
        assert_eq!(timer.mark_next(clock.advance_ms(1)), None, "nothing after Result");
        let end = clock.advance_ms(20_000);
        assert!(timer.finish(end));
        let spans = timer.spans(end);
        let secs: Vec<_> = spans.iter().map(|s| (s.phase, s.secs)).collect();
        assert_eq!(
            secs,
            vec![(Phase::Situation, 8.0), (Phase::Task, 4.0), (Phase::Action, 40.5), (Phase::Result, 20.001)]
        );
        let total: f64 = spans.iter().map(|s| s.secs).sum();
        assert!((total - timer.duration_secs(end)).abs() < 1e-9);
        assert_eq!(timer.duration_secs(end), 72.501);
    }

    #[test]
    fn marks_while_paused_land_at_the_paused_time() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        timer.toggle(clock.advance_ms(3_000), wall());
        timer.mark_next(clock.advance_ms(50_000));
        assert_eq!(timer.phase_elapsed(clock.now(), Phase::Situation), Duration::from_secs(3));
        assert_eq!(timer.phase_elapsed(clock.now(), Phase::Task), Duration::ZERO);
    }

    #[test]
    fn finished_clock_stops_and_ignores_keys() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        assert!(timer.finish(clock.advance_ms(61_000)));
        let later = clock.advance_ms(30_000);
        timer.toggle(later, wall());
        assert_eq!(timer.state(), ClockState::Finished);
        assert_eq!(timer.mark_next(later), None);
        assert_eq!(timer.elapsed(later), Duration::from_secs(61));
    }

    #[test]
    fn clock_runs_on_into_overtime() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        let now = clock.advance_ms(185_000);
        assert_eq!(format_clock(timer.elapsed(now)), "3:05");
        assert_eq!(Verdict::of(timer.duration_secs(now), Target::default()), Verdict::Over);
    }

    #[test]
    fn verdict_boundaries_at_one_and_two_minutes() {
        let t = Target::default();
        assert_eq!(Verdict::of(59.999, t), Verdict::Short);
        assert_eq!(Verdict::of(60.0, t), Verdict::OnTarget);
        assert_eq!(Verdict::of(120.0, t), Verdict::OnTarget);
        assert_eq!(Verdict::of(120.001, t), Verdict::Over);
        assert_eq!(Verdict::of(0.0, t), Verdict::Short);
    }

    #[test]
    fn setup_warning_only_while_on_setup_past_its_share() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        let target = Target::default();
        timer.toggle(clock.now(), wall());
        assert!(!timer.setup_running_long(clock.advance_ms(30_000), target), "30 s is exactly the share");
        assert!(timer.setup_running_long(clock.advance_ms(1), target));
        timer.mark_next(clock.now());
        assert!(timer.setup_running_long(clock.now(), target), "still setup in Task");
        timer.mark_next(clock.now());
        assert!(!timer.setup_running_long(clock.now(), target), "Action is not setup");
    }

    #[test]
    fn a_prompts_own_phases_are_marked_in_its_order_and_have_no_setup() {
        let guide = crate::content::Guide::bundled();
        let mut clock = FakeClock::new();
        let mut timer = Timer::with_phases(guide.phases("why-amazon", &PhaseShares::default()));
        timer.toggle(clock.now(), wall());
        let ids = |timer: &Timer, now| timer.spans(now).iter().map(|s| s.phase.id().to_string()).collect::<Vec<_>>();
        assert_eq!(ids(&timer, clock.now()), ["mission"]);
        for _ in 0..4 {
            timer.mark_next(clock.advance_ms(20_000));
        }
        assert_eq!(timer.mark_next(clock.now()), None, "nothing after the closing");
        assert_eq!(ids(&timer, clock.now()), ["mission", "role-fit", "personal-tie", "closing"]);
        let mut lingering = Timer::with_phases(guide.phases("why-amazon", &PhaseShares::default()));
        lingering.toggle(clock.now(), wall());
        assert!(!lingering.setup_running_long(clock.advance_ms(600_000), Target::default()), "no setup to run long");
        assert_eq!(lingering.setup_elapsed(clock.now()), Duration::ZERO);
    }

    #[test]
    fn next_redraw_is_at_the_next_whole_second() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        let now = clock.advance_ms(1_250);
        assert_eq!(timer.until_next_second(now), Some(Duration::from_millis(750)));
    }

    #[test]
    fn attempt_carries_prompt_story_and_phases() {
        let mut clock = FakeClock::new();
        let mut timer = Timer::new();
        timer.toggle(clock.now(), wall());
        timer.mark_next(clock.advance_ms(1_000));
        let end = clock.advance_ms(1_000);
        timer.finish(end);
        let attempt = timer.to_attempt(end, "a1".into(), "missed-deadline", Some("s1"), Review::default());
        assert_eq!(attempt.prompt, "missed-deadline");
        assert_eq!(attempt.story.as_deref(), Some("s1"));
        assert_eq!(attempt.duration_secs, 2.0);
        assert_eq!(attempt.phases.len(), 2);
        assert_eq!(attempt.started_at, wall());
    }
}
