//! What to practise next: untouched prompts first, then a spaced-repetition rule over recent form.
//!
//! A prompt's recent form is the mean confidence of its last [`FORM_WINDOW`] attempts (an unrated one counts as
//! [`UNRATED_CONFIDENCE`]) less a penalty for missing the target: their mean distance outside the target range in
//! seconds, divided by [`PENALTY_SECS`], capped at [`PENALTY_CAP`]. Rounded and clamped to a level 0–4, the form
//! gives an interval of 1, 2, 4, 8 or 16 days; the prompt most overdue (days since last practised ÷ interval) is
//! picked, ties going to the lower prompt number. The clock is never read here: `now` comes in.

use chrono::{DateTime, Utc};

use crate::content::Guide;
use crate::practice::{Target, format_gap};
use crate::stats::{HistoryIndex, RecentAttempt};

/// How many of a prompt's latest attempts make its recent form.
pub const FORM_WINDOW: usize = 3;
/// The confidence an unrated attempt counts as.
pub const UNRATED_CONFIDENCE: f64 = 3.0;
/// Seconds outside the target range that cost one point of form.
pub const PENALTY_SECS: f64 = 30.0;
/// The most form that missing the target can cost.
pub const PENALTY_CAP: f64 = 2.0;
/// The interval, in days, for each level of form 0–4.
pub const INTERVAL_DAYS: [f64; 5] = [1.0, 2.0, 4.0, 8.0, 16.0];

const SECS_PER_DAY: f64 = 86_400.0;

/// The prompt to practise next and why, in a short sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextPick {
    /// The prompt's id.
    pub prompt: String,
    pub reason: String,
}

/// How a prompt's latest attempts went, as the rule sees them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecentForm {
    /// Mean confidence, unrated counting as [`UNRATED_CONFIDENCE`].
    pub confidence: f64,
    /// Mean confidence of the rated ones only; `None` when none was rated.
    pub rated_confidence: Option<f64>,
    /// Mean seconds over the target's maximum (0 for attempts that were not over).
    pub mean_over_secs: f64,
    /// Mean seconds under the target's minimum (0 for attempts that were not short).
    pub mean_short_secs: f64,
    /// Confidence less the timing penalty.
    pub form: f64,
    /// `form` rounded and clamped to 0–4.
    pub level: usize,
}

impl RecentForm {
    /// The form of a prompt's latest attempts; `None` when there are none.
    pub fn of(recent: &[RecentAttempt], target: Target) -> Option<RecentForm> {
        if recent.is_empty() {
            return None;
        }
        let n = recent.len() as f64;
        let confidence = recent.iter().map(|r| r.confidence.map_or(UNRATED_CONFIDENCE, f64::from)).sum::<f64>() / n;
        let rated: Vec<f64> = recent.iter().filter_map(|r| r.confidence.map(f64::from)).collect();
        let rated_confidence = (!rated.is_empty()).then(|| rated.iter().sum::<f64>() / rated.len() as f64);
        let mean_over_secs = recent.iter().map(|r| (r.duration_secs - target.max_secs).max(0.0)).sum::<f64>() / n;
        let mean_short_secs = recent.iter().map(|r| (target.min_secs - r.duration_secs).max(0.0)).sum::<f64>() / n;
        let penalty = ((mean_over_secs + mean_short_secs) / PENALTY_SECS).min(PENALTY_CAP);
        let form = confidence - penalty;
        // Clamped to the table's indexes first, so the cast neither truncates nor loses a sign.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let level = form.round().clamp(0.0, (INTERVAL_DAYS.len() - 1) as f64) as usize;
        Some(RecentForm { confidence, rated_confidence, mean_over_secs, mean_short_secs, form, level })
    }

    pub fn interval_days(&self) -> f64 {
        INTERVAL_DAYS[self.level]
    }
}

/// Picks the prompt to practise next; `None` only for a guide without prompts.
pub fn pick_next(guide: &Guide, index: &HistoryIndex, now: DateTime<Utc>) -> Option<NextPick> {
    if let Some(p) = guide.prompts.iter().find(|p| index.recent(&p.id, 1).is_empty()) {
        return Some(NextPick { prompt: p.id.clone(), reason: "never practised".into() });
    }
    let target = index.target();
    guide
        .prompts
        .iter()
        .filter_map(|p| {
            let recent = index.recent(&p.id, FORM_WINDOW);
            let last = recent.last()?.started_at;
            let form = RecentForm::of(recent, target)?;
            let days = ((now - last).num_milliseconds() as f64 / 1000.0 / SECS_PER_DAY).max(0.0);
            Some((p, days / form.interval_days(), days, form))
        })
        // Most overdue first; among equals the lower number. `total_cmp` keeps this a total order.
        .min_by(|(a, a_due, ..), (b, b_due, ..)| b_due.total_cmp(a_due).then(a.number.cmp(&b.number)))
        .map(|(p, _, days, form)| NextPick { prompt: p.id.clone(), reason: reason(days, &form) })
}

fn reason(days: f64, form: &RecentForm) -> String {
    // Days since a past date: never negative, far below u64::MAX.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let days_whole = days.max(0.0).floor() as u64;
    let when = match days_whole {
        0 => "last practised today".to_string(),
        1 => "last practised 1 day ago".to_string(),
        d => format!("last practised {d} days ago"),
    };
    let mut parts = vec![when];
    if form.mean_over_secs >= 1.0 && form.mean_over_secs >= form.mean_short_secs {
        parts.push(format!("recent answers ran {} over the target", format_gap(form.mean_over_secs)));
    } else if form.mean_short_secs >= 1.0 {
        parts.push(format!("recent answers ran {} under the target", format_gap(form.mean_short_secs)));
    }
    if let Some(c) = form.rated_confidence {
        parts.push(format!("confidence {c:.1}"));
    }
    parts.join("; ")
}

#[cfg(test)]
#[allow(clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use crate::model::{Attempt, Phase, PhaseSpan, Review};

    fn guide() -> &'static Guide {
        Guide::bundled()
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z").unwrap().to_utc()
    }

    fn days_ago(days: f64) -> DateTime<Utc> {
        now() - chrono::Duration::milliseconds((days * SECS_PER_DAY * 1000.0) as i64)
    }

    fn attempt(prompt: &str, days: f64, secs: f64, confidence: Option<u8>) -> Attempt {
        Attempt {
            id: format!("{prompt}-{days}-{secs}"),
            prompt: prompt.into(),
            story: None,
            started_at: days_ago(days),
            duration_secs: secs,
            phases: vec![PhaseSpan { phase: Phase::Action, secs }],
            review: Review { confidence, ..Review::default() },
            mock: None,
            follow_ups: Vec::new(),
            drill: None,
            recording: None,
            voice: None,
        }
    }

    /// One good attempt (on target, confidence 3: level 3, every 8 days) at every prompt, `days` ago.
    fn all_practised(days: f64) -> Vec<Attempt> {
        guide().prompts.iter().map(|p| attempt(&p.id, days, 90.0, Some(3))).collect()
    }

    fn pick(attempts: &[Attempt]) -> NextPick {
        pick_next(guide(), &HistoryIndex::build(attempts, Target::default()), now()).unwrap()
    }

    #[test]
    fn never_practised_come_first_in_guide_order() {
        assert_eq!(pick(&[]), NextPick { prompt: "why-amazon".into(), reason: "never practised".into() });
        let mut history =
            vec![attempt("why-amazon", 30.0, 200.0, Some(1)), attempt("biggest-failure", 1.0, 90.0, None)];
        assert_eq!(pick(&history).prompt, "simple-solution", "even though prompt 1 is long overdue");
        history.push(attempt("simple-solution", 0.0, 90.0, Some(5)));
        assert_eq!(pick(&history).prompt, "missed-deadline", "prompt 3 is practised, so 4 is next");
    }

    #[test]
    fn the_most_overdue_is_picked() {
        let mut history = all_practised(1.0);
        history.retain(|a| a.prompt != "tight-deadline" && a.prompt != "missed-deadline");
        // 4 days at an 8-day interval (0.5) loses to 3 days at a 2-day interval (1.5).
        history.push(attempt("tight-deadline", 4.0, 90.0, Some(3)));
        history.push(attempt("missed-deadline", 3.0, 90.0, Some(1)));
        let next = pick(&history);
        assert_eq!(next.prompt, "missed-deadline");
        assert_eq!(next.reason, "last practised 3 days ago; confidence 1.0");
    }

    #[test]
    fn ties_go_to_the_lower_prompt_number() {
        let history = all_practised(5.0);
        assert_eq!(pick(&history).prompt, "why-amazon");
        let mut later: Vec<Attempt> = history.into_iter().filter(|a| a.prompt != "why-amazon").collect();
        later.push(attempt("why-amazon", 1.0, 90.0, Some(3)));
        assert_eq!(pick(&later).prompt, "simple-solution");
        // The same history gives the same pick in any order.
        later.reverse();
        assert_eq!(pick(&later).prompt, "simple-solution");
    }

    #[test]
    fn practised_well_and_recently_loses_to_practised_badly_long_ago() {
        let mut history = all_practised(0.5);
        history.retain(|a| a.prompt != "above-and-beyond" && a.prompt != "most-proud");
        for d in [2.0, 3.0, 4.0] {
            history.push(attempt("most-proud", d, 100.0, Some(5))); // level 4: due every 16 days
            history.push(attempt("above-and-beyond", 20.0 + d, 175.0, None)); // 3 − 55/30 ≈ 1.2: every 2 days
        }
        let next = pick(&history);
        assert_eq!(next.prompt, "above-and-beyond");
        assert_eq!(next.reason, "last practised 22 days ago; recent answers ran 55 s over the target");
        // Well 10 days ago (10 / 16) still loses to badly 2 days ago (2 / 1).
        let mut history = all_practised(0.5);
        history.retain(|a| a.prompt != "above-and-beyond" && a.prompt != "most-proud");
        history.push(attempt("most-proud", 10.0, 100.0, Some(5)));
        history.push(attempt("above-and-beyond", 2.0, 90.0, Some(1)));
        assert_eq!(pick(&history).prompt, "above-and-beyond");
    }

    #[test]
    fn form_counts_unrated_as_three_and_caps_the_penalty() {
        let recent = HistoryIndex::build(
            &[attempt("p", 3.0, 300.0, None), attempt("p", 2.0, 300.0, Some(5)), attempt("p", 1.0, 10.0, Some(4))],
            Target::default(),
        );
        let form = RecentForm::of(recent.recent("p", FORM_WINDOW), Target::default()).unwrap();
        assert_eq!(form.confidence, 4.0);
        assert_eq!(form.rated_confidence, Some(4.5));
        assert_eq!((form.mean_over_secs, form.mean_short_secs), (120.0, 50.0 / 3.0));
        assert_eq!(form.form, 2.0, "the penalty is capped at 2");
        assert_eq!(form.interval_days(), 4.0);
        // Only the last three count: an old disaster is forgotten.
        let mut four = vec![attempt("p", 9.0, 900.0, Some(1))];
        four.extend((1..=3).map(|d| attempt("p", f64::from(d), 90.0, Some(5))));
        let index = HistoryIndex::build(&four, Target::default());
        assert_eq!(RecentForm::of(index.recent("p", FORM_WINDOW), Target::default()).unwrap().level, 4);
    }

    #[test]
    fn short_answers_and_today_read_as_such() {
        let mut history = all_practised(0.2);
        history.retain(|a| a.prompt != "why-amazon");
        history.push(attempt("why-amazon", 0.25, 30.0, None));
        let next = pick(&history);
        assert_eq!(
            next,
            NextPick {
                prompt: "why-amazon".into(),
                reason: "last practised today; recent answers ran 30 s under the target".into()
            }
        );
    }

    #[test]
    fn a_guide_without_prompts_has_no_pick() {
        let mut empty = guide().clone();
        empty.prompts.clear();
        assert_eq!(pick_next(&empty, &HistoryIndex::new(Target::default()), now()), None);
    }
}
