//! The grade of a saved attempt, from what the coach measured: the confidence the user gave, the checklist, the
//! time against the target, the phase budgets and, for a drill, how quickly the story was picked. FSRS takes it as
//! the review's rating.

use crate::budget::{PhaseVerdict, judge_attempt};
use crate::content::PhaseSet;
use crate::drill::PICK_SECS;
use crate::model::Attempt;
use crate::practice::{Target, Verdict, format_gap};

/// The confidence an unrated attempt counts as.
pub const UNRATED_CONFIDENCE: u8 = 3;
/// Fewer checklist lines ticked than this is a miss.
pub const CHECKLIST_NEEDED: usize = 3;

/// FSRS's four ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Again => "Again",
            Grade::Hard => "Hard",
            Grade::Good => "Good",
            Grade::Easy => "Easy",
        }
    }

    /// Confidence less the misses: 1 or less is Again, 2 Hard, 3–4 Good, 5 Easy.
    pub fn of_score(score: i32) -> Grade {
        match score {
            ..=1 => Grade::Again,
            2 => Grade::Hard,
            3 | 4 => Grade::Good,
            _ => Grade::Easy,
        }
    }

    pub(crate) fn rating(self) -> rs_fsrs::Rating {
        match self {
            Grade::Again => rs_fsrs::Rating::Again,
            Grade::Hard => rs_fsrs::Rating::Hard,
            Grade::Good => rs_fsrs::Rating::Good,
            Grade::Easy => rs_fsrs::Rating::Easy,
        }
    }
}

/// Something measured that cost the grade a point.
#[derive(Debug, Clone, PartialEq)]
pub enum Miss {
    /// The whole answer was outside the target range, by this many seconds.
    Time { verdict: Verdict, by_secs: f64 },
    /// Fewer than [`CHECKLIST_NEEDED`] of the four checklist lines ticked.
    Checklist { ticked: usize, of: usize },
    /// A phase missing, or two or more over their budget or thin: the phases off (by name), each with its verdict.
    Phases(Vec<(String, PhaseVerdict)>),
    /// The drill's story was picked after [`PICK_SECS`].
    LatePick { secs: f64 },
}

impl Miss {
    pub fn text(&self) -> String {
        match self {
            Miss::Time { verdict: Verdict::Short, by_secs } => format!("{} under the target", format_gap(*by_secs)),
            Miss::Time { by_secs, .. } => format!("ran {} over the target", format_gap(*by_secs)),
            Miss::Checklist { ticked, of } => format!("{ticked} of {of} checklist lines ticked"),
            Miss::Phases(off) => {
                let missing: Vec<&str> =
                    off.iter().filter(|(_, v)| *v == PhaseVerdict::Missing).map(|(p, _)| p.as_str()).collect();
                match missing.as_slice() {
                    [] => off.iter().map(|(p, v)| format!("{p} {}", v.label())).collect::<Vec<_>>().join(", "),
                    [one] => format!("{one} missing"),
                    [rest @ .., last] => format!("{} and {last} missing", rest.join(", ")),
                }
            }
            Miss::LatePick { secs } => format!("story picked after {}", format_gap(*secs)),
        }
    }
}

/// An attempt's grade and how it came about.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub grade: Grade,
    /// The confidence counted (an unrated attempt counts as [`UNRATED_CONFIDENCE`]).
    pub confidence: u8,
    pub rated: bool,
    pub misses: Vec<Miss>,
}

impl Graded {
    /// "Hard: confidence 4, ran 40 s over the target, 2 of 4 checklist lines ticked".
    pub fn explain(&self) -> String {
        let mut parts = vec![if self.rated {
            format!("confidence {}", self.confidence)
        } else {
            format!("unrated (counts as {UNRATED_CONFIDENCE})")
        }];
        parts.extend(self.misses.iter().map(Miss::text));
        format!("{}: {}", self.grade.label(), parts.join(", "))
    }
}

/// Grades an attempt by the phases of its prompt (`phases`): its confidence (unrated counts as 3) less a point for
/// each miss.
pub fn grade(attempt: &Attempt, target: Target, phases: &PhaseSet) -> Graded {
    let rated = attempt.review.confidence.is_some();
    let confidence = attempt.review.confidence.unwrap_or(UNRATED_CONFIDENCE).clamp(1, 5);
    let mut misses = Vec::new();
    let secs = attempt.duration_secs;
    match Verdict::of(secs, target) {
        Verdict::OnTarget => {}
        Verdict::Short => misses.push(Miss::Time { verdict: Verdict::Short, by_secs: target.min_secs - secs }),
        Verdict::Over => misses.push(Miss::Time { verdict: Verdict::Over, by_secs: secs - target.max_secs }),
    }
    // Only the lines that apply to the prompt count: "why Amazon" has two, a story four.
    let checks = phases.checks();
    let ticked = attempt.review.checklist.ticked_of(&checks);
    if ticked < CHECKLIST_NEEDED.min(checks.len()) {
        misses.push(Miss::Checklist { ticked, of: checks.len() });
    }
    let off: Vec<(String, PhaseVerdict)> = judge_attempt(attempt, target, phases)
        .into_iter()
        .filter(|j| j.verdict.is_miss())
        .map(|j| (j.budget.name, j.verdict))
        .collect();
    if off.iter().any(|(_, v)| *v == PhaseVerdict::Missing) || off.len() >= 2 {
        misses.push(Miss::Phases(off));
    }
    if let Some(drill) = attempt.drill
        && drill.pick_secs > PICK_SECS
    {
        misses.push(Miss::LatePick { secs: drill.pick_secs });
    }
    let score = i32::from(confidence) - i32::try_from(misses.len()).unwrap_or(i32::MAX);
    Graded { grade: Grade::of_score(score), confidence, rated, misses }
}

/// A clean answer for tests: 1:40, every phase within its budget, all four lines ticked.
#[cfg(test)]
pub(crate) fn clean_attempt(
    prompt: &str,
    started_at: chrono::DateTime<chrono::Utc>,
    confidence: Option<u8>,
) -> Attempt {
    use crate::model::{Checklist, PhaseSpan, Review};
    Attempt {
        // The prompt's own parts at their suggested shares of 100 s.
        phases: crate::content::Guide::bundled()
            .phases(prompt, &crate::practice::PhaseShares::default())
            .parts()
            .iter()
            .map(|p| PhaseSpan { phase: p.phase, secs: p.share * 100.0 })
            .collect(),
        review: Review {
            checklist: Checklist { spoke_as_i: true, gave_metric: true, short_setup: true, stated_learning: true },
            confidence,
            note: String::new(),
        },
        ..Attempt::new("a", prompt, started_at, 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Checklist, Drill, Phase, PhaseSpan};
    use crate::practice::PhaseShares;

    fn clean(confidence: Option<u8>) -> Attempt {
        clean_attempt("missed-deadline", chrono::DateTime::UNIX_EPOCH, confidence)
    }

    fn star() -> PhaseSet {
        PhaseSet::star(&PhaseShares::default())
    }

    fn graded(a: &Attempt) -> Graded {
        grade(a, Target::default(), &star())
    }

    #[test]
    fn a_clean_answer_grades_as_its_confidence_says() {
        let grades: Vec<Grade> = (1..=5).map(|c| graded(&clean(Some(c))).grade).collect();
        assert_eq!(grades, [Grade::Again, Grade::Hard, Grade::Good, Grade::Good, Grade::Easy]);
        let unrated = graded(&clean(None));
        assert_eq!((unrated.grade, unrated.confidence, unrated.rated), (Grade::Good, 3, false));
        assert_eq!(unrated.explain(), "Good: unrated (counts as 3)");
    }

    #[test]
    fn each_miss_costs_a_point() {
        let mut over = clean(Some(5));
        over.duration_secs = 160.0;
        over.phases[2].secs = 110.0;
        let g = graded(&over);
        // Over by 0:40, and Action over its 1:00: one phase off is not yet a phase miss.
        assert_eq!(g.misses, [Miss::Time { verdict: Verdict::Over, by_secs: 40.0 }]);
        assert_eq!((g.grade, g.explain()), (Grade::Good, "Good: confidence 5, ran 40 s over the target".to_string()));

        let mut sloppy = clean(Some(4));
        sloppy.review.checklist = Checklist { spoke_as_i: true, ..Checklist::default() };
        sloppy.phases.retain(|p| p.phase != Phase::Result);
        sloppy.phases[2].secs = 75.0;
        let g = graded(&sloppy);
        let off = vec![("Action".to_string(), PhaseVerdict::Over), ("Result".to_string(), PhaseVerdict::Missing)];
        assert_eq!(g.misses, [Miss::Checklist { ticked: 1, of: 4 }, Miss::Phases(off)]);
        assert_eq!(g.grade, Grade::Hard);
        assert_eq!(g.explain(), "Hard: confidence 4, 1 of 4 checklist lines ticked, Result missing");

        let mut short = clean(Some(2));
        short.duration_secs = 45.0;
        short.phases = vec![PhaseSpan { phase: Phase::Situation, secs: 45.0 }];
        let g = graded(&short);
        assert_eq!(g.grade, Grade::Again);
        assert_eq!(g.explain(), "Again: confidence 2, 15 s under the target, Task, Action and Result missing");
    }

    #[test]
    fn two_phases_off_budget_is_a_miss_one_is_not() {
        // The 2:05 with Action at 12% and Result at 68%: thin and over.
        let mut a = clean(Some(3));
        a.duration_secs = 125.0;
        for (span, secs) in a.phases.iter_mut().zip([15.0, 10.0, 15.0, 85.0]) {
            span.secs = secs;
        }
        let g = graded(&a);
        assert_eq!(
            g.misses,
            [
                Miss::Time { verdict: Verdict::Over, by_secs: 5.0 },
                Miss::Phases(vec![("Action".into(), PhaseVerdict::Thin), ("Result".into(), PhaseVerdict::Over)])
            ]
        );
        assert_eq!(g.grade, Grade::Again);
        assert_eq!(g.explain(), "Again: confidence 3, ran 5 s over the target, Action thin, Result over");
    }

    #[test]
    fn a_late_drill_pick_is_a_miss_and_the_target_is_a_parameter() {
        let mut drilled = clean(Some(4));
        drilled.drill = Some(Drill { pick_secs: 31.0 });
        assert_eq!(graded(&drilled).grade, Grade::Good);
        drilled.review.confidence = Some(3);
        assert_eq!(graded(&drilled).grade, Grade::Hard);
        drilled.drill = Some(Drill { pick_secs: 30.0 });
        assert_eq!(graded(&drilled).grade, Grade::Good, "30 s is on time");
        // 1:40 is short of a 2:00–3:00 target.
        let long_target = Target { min_secs: 120.0, max_secs: 180.0 };
        let g = grade(&clean(Some(5)), long_target, &star());
        assert_eq!(g.misses.first(), Some(&Miss::Time { verdict: Verdict::Short, by_secs: 20.0 }));
    }

    #[test]
    fn a_prompt_with_its_own_phases_is_graded_by_them_and_its_checklist() {
        let guide = crate::content::Guide::bundled();
        let why = guide.phases("why-amazon", &PhaseShares::default());
        let mut a = clean(Some(3));
        a.prompt = "why-amazon".into();
        a.duration_secs = 90.0;
        a.phases = why.parts().iter().map(|p| PhaseSpan { phase: p.phase, secs: p.share * 90.0 }).collect();
        // Two lines apply to it (speaking as I, a metric): both ticked is all it asks.
        a.review.checklist = Checklist { spoke_as_i: true, gave_metric: true, ..Checklist::default() };
        let g = grade(&a, Target::default(), &why);
        assert!(g.misses.is_empty(), "{:?}", g.misses);
        a.review.checklist = Checklist::default();
        let g = grade(&a, Target::default(), &why);
        assert_eq!(g.misses, [Miss::Checklist { ticked: 0, of: 2 }]);
    }

    #[test]
    fn an_answer_marked_in_star_before_its_prompt_had_parts_is_judged_in_star() {
        let guide = crate::content::Guide::bundled();
        let shares = PhaseShares::default();
        let old = clean_attempt("missed-deadline", chrono::DateTime::UNIX_EPOCH, Some(4));
        let mut a = old.clone();
        a.prompt = "why-amazon".into();
        let phases = guide.phases_of(&a, &shares);
        assert!(phases.is_star());
        assert!(!phases.tells_story(), "still a prompt answered without a story");
        assert!(grade(&a, Target::default(), &phases).misses.is_empty());
        // One marked in its own parts keeps them.
        let new = clean_attempt("why-amazon", chrono::DateTime::UNIX_EPOCH, Some(4));
        assert!(!guide.phases_of(&new, &shares).is_star());
    }
}
