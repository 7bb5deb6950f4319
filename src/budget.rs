//! Per-phase budgets: from the target range and the phase shares, how long each phase of an answer should take
//! (STAR's four, or the prompt's own), a countdown for the phase being spoken, and a verdict on every phase of a
//! finished answer (over its budget, thin, missing). The review, the mock report, the history's splits and the
//! plan's grades all judge with these.

use std::time::Duration;

use crate::content::phases::PhaseSet;
use crate::model::{Attempt, Phase};
use crate::practice::{Target, format_secs};

/// A phase shorter than this shows as 0:00 and counts as missing: a mark pressed twice in a row.
pub const MISSING_SECS: f64 = 1.0;

/// How long one phase should take: its share of the middle of the target range (the aim) up to its share of the
/// longest answer (the ceiling). At the default 1:00–2:00 and 15/10/50/25: Situation 0:14–0:18, Task 0:09–0:12,
/// Action 0:45–1:00, Result 0:23–0:30.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseBudget {
    pub phase: Phase,
    /// The phase's name in its prompt's set ("Action", "Role fit").
    pub name: String,
    /// The phase's share of the answer, 0–1.
    pub share: f64,
    pub aim_secs: f64,
    pub max_secs: f64,
}

impl PhaseBudget {
    /// The budgets of `set`'s phases, in its order.
    pub fn all(target: Target, set: &PhaseSet) -> Vec<PhaseBudget> {
        let middle = f64::midpoint(target.min_secs, target.max_secs);
        set.parts()
            .iter()
            .map(|part| PhaseBudget {
                phase: part.phase,
                name: part.name.clone(),
                share: part.share,
                aim_secs: part.share * middle,
                max_secs: part.share * target.max_secs,
            })
            .collect()
    }

    /// The budget of `phase` in `set`; `None` when the set has no such phase.
    pub fn of(phase: Phase, target: Target, set: &PhaseSet) -> Option<PhaseBudget> {
        PhaseBudget::all(target, set).into_iter().find(|b| b.phase == phase)
    }

    /// "0:45–1:00", rounded to whole seconds as the clock shows them.
    pub fn range(&self) -> String {
        format!("{}–{}", whole(self.aim_secs), whole(self.max_secs))
    }

    /// Where a phase `elapsed` into it stands against this budget.
    pub fn countdown(&self, elapsed: Duration) -> Countdown {
        let secs = elapsed.as_secs_f64();
        if secs > self.max_secs {
            Countdown::Over(Duration::from_secs_f64(secs - self.max_secs))
        } else if secs > self.aim_secs {
            Countdown::PastAim(Duration::from_secs_f64(self.max_secs - secs))
        } else {
            Countdown::Left(Duration::from_secs_f64(self.aim_secs - secs))
        }
    }

    /// The phase's countdown in words for the answer screen: "Action 0:34 of 0:45" (time left to the aim), then
    /// "Action 0:12 to 1:00" (left to the ceiling), then "Action 5 s over 1:00".
    pub fn countdown_text(&self, elapsed: Duration) -> String {
        let name = &self.name;
        match self.countdown(elapsed) {
            Countdown::Left(left) => format!("{name} {} of {}", clock_up(left), whole(self.aim_secs)),
            Countdown::PastAim(left) => format!("{name} {} to {}", clock_up(left), whole(self.max_secs)),
            Countdown::Over(over) => {
                format!("{name} {} over {}", crate::practice::format_gap(over.as_secs_f64()), whole(self.max_secs))
            }
        }
    }
}

/// A running phase against its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// Time left before the aim.
    Left(Duration),
    /// Past the aim, with this long left before the ceiling.
    PastAim(Duration),
    /// Past the ceiling by this long.
    Over(Duration),
}

/// How a finished phase went against its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseVerdict {
    /// Not over its ceiling, not thin, not missing (a short answer's phases may all be under their aims).
    Within,
    /// Longer than its ceiling.
    Over,
    /// Under half its share of the answer.
    Thin,
    /// 0:00, or never marked.
    Missing,
}

impl PhaseVerdict {
    pub fn label(self) -> &'static str {
        match self {
            PhaseVerdict::Within => "ok",
            PhaseVerdict::Over => "over",
            PhaseVerdict::Thin => "thin",
            PhaseVerdict::Missing => "missing",
        }
    }

    /// Anything but within its budget.
    pub fn is_miss(self) -> bool {
        self != PhaseVerdict::Within
    }
}

/// One phase of a finished answer, judged.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseJudgement {
    pub budget: PhaseBudget,
    pub secs: f64,
    /// The phase's part of the whole answer, 0–1.
    pub share_of_answer: f64,
    pub verdict: PhaseVerdict,
}

impl PhaseJudgement {
    pub fn phase(&self) -> Phase {
        self.budget.phase
    }

    /// One sentence for the review: "Action took 12%: the part interviewers listen to most".
    pub fn sentence(&self) -> String {
        let name = &self.budget.name;
        let percent = self.share_of_answer * 100.0;
        match self.verdict {
            PhaseVerdict::Within => format!("{name} {}, budget {}", format_secs(self.secs), self.budget.range()),
            PhaseVerdict::Over => {
                format!("{name} ran {}, over its {}", format_secs(self.secs), whole(self.budget.max_secs))
            }
            PhaseVerdict::Thin => format!("{name} took {percent:.0}%: {}", why_it_matters(self.phase())),
            PhaseVerdict::Missing => format!("{name} missing: {}", why_it_matters(self.phase())),
        }
    }
}

/// What each phase is for, said when it was thin or missing.
fn why_it_matters(phase: Phase) -> &'static str {
    match phase {
        Phase::Situation => "give enough context to follow",
        Phase::Task => "say what was yours to do",
        Phase::Action => "the part interviewers listen to most",
        Phase::Result => "say what changed, with a number",
        _ => "give it its share of the answer",
    }
}

/// Judges each phase of an answer: `phase_secs` in `set`'s order (a phase missing from the slice is 0), and
/// `duration_secs` the whole answer.
pub fn judge(phase_secs: &[f64], duration_secs: f64, target: Target, set: &PhaseSet) -> Vec<PhaseJudgement> {
    let budgets = PhaseBudget::all(target, set);
    budgets
        .into_iter()
        .enumerate()
        .map(|(i, budget)| {
            let secs = phase_secs.get(i).copied().unwrap_or(0.0).max(0.0);
            let share_of_answer = if duration_secs > 0.0 { (secs / duration_secs).clamp(0.0, 1.0) } else { 0.0 };
            let verdict = if secs < MISSING_SECS {
                PhaseVerdict::Missing
            } else if secs > budget.max_secs {
                PhaseVerdict::Over
            } else if share_of_answer < budget.share / 2.0 {
                PhaseVerdict::Thin
            } else {
                PhaseVerdict::Within
            };
            PhaseJudgement { budget, secs, share_of_answer, verdict }
        })
        .collect()
}

/// What the verdicts say to work on, for a report's list: a sentence for each phase thin, one for the phase missing
/// (or one for all of them when several are), and one for all the phases over budget together ("over budget:
/// Situation 0:23 (≤ 0:18), Result 0:38 (≤ 0:30)").
pub fn misses(judged: &[PhaseJudgement]) -> Vec<String> {
    let missing: Vec<&str> =
        judged.iter().filter(|j| j.verdict == PhaseVerdict::Missing).map(|j| j.budget.name.as_str()).collect();
    let mut out: Vec<String> = judged
        .iter()
        .filter(|j| j.verdict == PhaseVerdict::Thin || (j.verdict == PhaseVerdict::Missing && missing.len() == 1))
        .map(PhaseJudgement::sentence)
        .collect();
    // Several missing is one habit, not several: the phases were not marked.
    if let [rest @ .., last] = missing.as_slice()
        && !rest.is_empty()
    {
        out.insert(0, format!("{} and {last} missing: mark each phase as you reach it", rest.join(", ")));
    }
    let over: Vec<String> = judged
        .iter()
        .filter(|j| j.verdict == PhaseVerdict::Over)
        .map(|j| format!("{} {} (≤ {})", j.budget.name, format_secs(j.secs), whole(j.budget.max_secs)))
        .collect();
    if !over.is_empty() {
        out.push(format!("over budget: {}", over.join(", ")));
    }
    out
}

/// Judges each phase of a saved attempt, by the phases of its prompt (`set`).
pub fn judge_attempt(attempt: &Attempt, target: Target, set: &PhaseSet) -> Vec<PhaseJudgement> {
    let secs: Vec<f64> = set.parts().iter().map(|p| attempt.phase_secs(p.phase)).collect();
    judge(&secs, attempt.duration_secs, target, set)
}

/// Seconds rounded to the nearest whole one, as `m:ss`: a budget of 22.5 s reads 0:23.
fn whole(secs: f64) -> String {
    format_secs(secs.round())
}

/// A countdown shows the second it is in rounded up, so it reads 0:01 until the last moment and never 0:00 early.
pub fn clock_up(left: Duration) -> String {
    format_secs(left.as_secs_f64().ceil())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::PhaseShares;

    fn star() -> PhaseSet {
        PhaseSet::star(&PhaseShares::default())
    }

    fn action(target: Target, set: &PhaseSet) -> PhaseBudget {
        PhaseBudget::of(Phase::Action, target, set).expect("STAR has an Action")
    }

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn default_budgets_in_seconds() {
        let ranges: Vec<(Phase, String)> =
            PhaseBudget::all(Target::default(), &star()).iter().map(|b| (b.phase, b.range())).collect();
        assert_eq!(
            ranges,
            [
                (Phase::Situation, "0:14–0:18".to_string()),
                (Phase::Task, "0:09–0:12".to_string()),
                (Phase::Action, "0:45–1:00".to_string()),
                (Phase::Result, "0:23–0:30".to_string()),
            ]
        );
        let action = action(Target::default(), &star());
        assert_eq!((action.aim_secs, action.max_secs), (45.0, 60.0));
    }

    #[test]
    fn budgets_follow_a_configured_target_and_shares() {
        let target = Target { min_secs: 90.0, max_secs: 150.0 };
        let shares: PhaseShares =
            toml::from_str("situation = 10\ntask = 10\naction = 60\nresult = 20\n").expect("valid shares");
        let set = PhaseSet::star(&shares);
        let action = action(target, &set);
        assert_eq!((action.aim_secs, action.max_secs), (72.0, 90.0));
        assert_eq!(action.range(), "1:12–1:30");
        assert_eq!(PhaseBudget::of(Phase::Situation, target, &set).map(|b| b.range()), Some("0:12–0:15".into()));
    }

    #[test]
    fn the_countdown_runs_to_the_aim_then_the_ceiling_then_over() {
        let action = action(Target::default(), &star());
        assert_eq!(action.countdown_text(secs(0.0)), "Action 0:45 of 0:45");
        assert_eq!(action.countdown_text(secs(10.5)), "Action 0:35 of 0:45");
        assert_eq!(action.countdown_text(secs(11.0)), "Action 0:34 of 0:45");
        assert_eq!(action.countdown_text(secs(44.9)), "Action 0:01 of 0:45");
        assert_eq!(action.countdown_text(secs(45.0)), "Action 0:00 of 0:45");
        assert_eq!(action.countdown(secs(50.0)), Countdown::PastAim(secs(10.0)));
        assert_eq!(action.countdown_text(secs(50.0)), "Action 0:10 to 1:00");
        assert_eq!(action.countdown(secs(65.0)), Countdown::Over(secs(5.0)));
        assert_eq!(action.countdown_text(secs(65.0)), "Action 5 s over 1:00");
    }

    fn verdicts(phase_secs: [f64; 4]) -> Vec<PhaseVerdict> {
        let total = phase_secs.iter().sum();
        judge(&phase_secs, total, Target::default(), &star()).into_iter().map(|j| j.verdict).collect()
    }

    fn of(judged: &[PhaseJudgement]) -> Vec<PhaseVerdict> {
        judged.iter().map(|j| j.verdict).collect()
    }

    #[test]
    fn verdicts_at_the_default_target() {
        use PhaseVerdict::{Missing, Over, Thin, Within};
        assert_eq!(verdicts([14.0, 9.0, 50.0, 25.0]), [Within; 4]);
        // The example: 2:05 with Action at 12% and Result at 68%.
        let j = judge(&[15.0, 10.0, 15.0, 85.0], 125.0, Target::default(), &star());
        assert_eq!(of(&j), [Within, Within, Thin, Over]);
        assert_eq!(j[2].sentence(), "Action took 12%: the part interviewers listen to most");
        assert_eq!(j[3].sentence(), "Result ran 1:25, over its 0:30");
        assert_eq!(j[0].sentence(), "Situation 0:15, budget 0:14–0:18");
        // Never marked, or marked and left at once.
        assert_eq!(verdicts([90.0, 0.0, 0.0, 0.0]), [Over, Missing, Missing, Missing]);
        assert_eq!(verdicts([10.0, 0.4, 60.0, 25.0])[1], Missing);
        // Just over the ceiling, just under half the share.
        assert_eq!(verdicts([18.001, 9.0, 50.0, 25.0])[0], Over);
        assert_eq!(verdicts([18.0, 9.0, 50.0, 25.0])[0], Within);
        let thin_task = judge(&[15.0, 3.9, 56.1, 25.0], 100.0, Target::default(), &star());
        assert_eq!(thin_task[1].verdict, Thin, "3.9% is under half of 10%");
        assert_eq!(thin_task[1].sentence(), "Task took 4%: say what was yours to do");
    }

    #[test]
    fn verdicts_at_a_configured_target() {
        let target = Target { min_secs: 120.0, max_secs: 180.0 };
        let j = judge(&[25.0, 15.0, 90.0, 40.0], 170.0, target, &star());
        // Situation's ceiling is 27 s here, where the default's 18 s would call 25 s over.
        assert_eq!(of(&j), [PhaseVerdict::Within; 4]);
        assert_eq!(judge(&[25.0, 15.0, 90.0, 40.0], 170.0, Target::default(), &star())[0].verdict, PhaseVerdict::Over);
    }

    #[test]
    fn misses_name_thin_and_missing_phases_and_sum_up_the_over_ones() {
        let j = judge(&[25.0, 0.0, 15.0, 85.0], 125.0, Target::default(), &star());
        assert_eq!(
            misses(&j),
            [
                "Task missing: say what was yours to do",
                "Action took 12%: the part interviewers listen to most",
                "over budget: Situation 0:25 (≤ 0:18), Result 1:25 (≤ 0:30)",
            ]
        );
        assert!(misses(&judge(&[14.0, 9.0, 50.0, 25.0], 98.0, Target::default(), &star())).is_empty());
        let unmarked = judge(&[70.0, 0.0, 0.0, 0.0], 70.0, Target::default(), &star());
        assert_eq!(
            misses(&unmarked),
            [
                "Task, Action and Result missing: mark each phase as you reach it",
                "over budget: Situation 1:10 (≤ 0:18)"
            ]
        );
    }

    #[test]
    fn an_empty_answer_is_all_missing() {
        assert_eq!(verdicts([0.0; 4]), [PhaseVerdict::Missing; 4]);
        let j = judge(&[0.0; 4], 0.0, Target::default(), &star());
        assert!(j.iter().all(|j| j.share_of_answer == 0.0));
    }

    #[test]
    fn a_prompt_with_its_own_phases_is_budgeted_and_judged_by_them() {
        let guide = crate::content::Guide::bundled();
        let why = guide.phases("why-amazon", &PhaseShares::default());
        let budgets = PhaseBudget::all(Target::default(), &why);
        let names: Vec<&str> = budgets.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["Mission", "Role fit", "Personal tie", "Closing"]);
        assert_eq!(
            budgets[1].countdown_text(secs(0.0)),
            format!("Role fit {} of {}", whole(budgets[1].aim_secs).as_str(), whole(budgets[1].aim_secs))
        );
        assert_eq!(PhaseBudget::of(Phase::Action, Target::default(), &why), None, "no Action in it");
        let j = judge(&[20.0, 0.0, 30.0, 40.0], 90.0, Target::default(), &why);
        assert_eq!(j[1].verdict, PhaseVerdict::Missing);
        assert_eq!(misses(&j)[0], "Role fit missing: give it its share of the answer");
    }
}
