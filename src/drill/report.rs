//! What a drill showed, and what the history says about drills, principle by principle.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{DrillRound, PICK_SECS};
use crate::content::Guide;
use crate::content::principles::same;
use crate::model::{Attempt, Bank};
use crate::practice::{Target, Verdict};
use crate::stats::median;
use crate::text::quote;

/// A story picked for questions on more than this many different principles in one drill is stretched: an
/// interviewer hears the same story told for everything. Three, as a story's prompts in the coverage view.
pub const STRETCH_PRINCIPLES: usize = 3;

/// One question of a drill as the report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundReport {
    /// The question's id.
    pub question: String,
    /// The question as asked; its id when the guide no longer has it.
    pub text: String,
    pub principles: Vec<String>,
    pub pick_secs: f64,
    pub late: bool,
    /// The story picked; `None` when the user had none for it.
    pub story: Option<String>,
    /// The question's principles that story shows.
    pub shows: Vec<String>,
    /// The answer's length; `None` when the question was skipped.
    pub duration_secs: Option<f64>,
    pub verdict: Option<Verdict>,
}

/// A story picked for too many different principles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretched {
    pub story: String,
    /// The different principles of the questions it was picked for, in published order.
    pub principles: Vec<String>,
}

/// The whole drill.
#[derive(Debug, Clone, PartialEq)]
pub struct DrillReport {
    pub rounds: Vec<RoundReport>,
    pub median_pick_secs: Option<f64>,
    /// Picks over [`PICK_SECS`].
    pub late_picks: usize,
    /// The principles the questions probed that no story in the bank shows, in published order.
    pub no_story: Vec<String>,
    pub stretched: Vec<Stretched>,
}

impl DrillReport {
    pub fn of(rounds: &[DrillRound], guide: &Guide, bank: &Bank, target: Target) -> DrillReport {
        let order = guide.all_principles();
        let in_order = |mut names: Vec<String>| {
            names.sort_by_key(|n| order.iter().position(|o| same(o, n)).unwrap_or(usize::MAX));
            names.dedup_by(|a, b| same(a, b));
            names
        };
        let reports: Vec<RoundReport> = rounds.iter().map(|r| round_report(r, guide, bank, target)).collect();
        let mut picks: Vec<f64> = reports.iter().map(|r| r.pick_secs).collect();
        picks.sort_by(f64::total_cmp);
        let probed = in_order(reports.iter().flat_map(|r| r.principles.clone()).collect());
        let no_story = probed
            .into_iter()
            .filter(|p| !bank.stories.iter().any(|s| s.principles.iter().any(|sp| same(sp, p))))
            .collect();
        let mut stretched: Vec<Stretched> = Vec::new();
        for story in bank.stories.iter().filter(|s| reports.iter().any(|r| r.story.as_deref() == Some(&s.id))) {
            let told_for: Vec<String> = reports
                .iter()
                .filter(|r| r.story.as_deref() == Some(story.id.as_str()))
                .flat_map(|r| r.principles.clone())
                .collect();
            let principles = in_order(told_for);
            if principles.len() > STRETCH_PRINCIPLES {
                stretched.push(Stretched { story: story.id.clone(), principles });
            }
        }
        DrillReport {
            median_pick_secs: median(&picks),
            late_picks: reports.iter().filter(|r| r.late).count(),
            rounds: reports,
            no_story,
            stretched,
        }
    }

    /// What to do next, in sentences for the user: the stories to write, the stories to rest, then the pace.
    pub fn advice(&self, bank: &Bank) -> Vec<String> {
        let mut advice: Vec<String> = self.no_story.iter().map(|p| format!("no story shows {p}: write one")).collect();
        for s in &self.stretched {
            let title = bank.story(&s.story).map_or_else(|| s.story.clone(), |story| story.title.clone());
            advice.push(format!(
                "{} was picked for {} different principles ({}): find another story for some",
                quote(&title),
                s.principles.len(),
                s.principles.join(", ")
            ));
        }
        if self.late_picks > 0 {
            advice.push(format!(
                "{} of {} picks took over {PICK_SECS:.0} seconds: learn which story answers which principle",
                self.late_picks,
                self.rounds.len()
            ));
        }
        advice
    }
}

fn round_report(round: &DrillRound, guide: &Guide, bank: &Bank, target: Target) -> RoundReport {
    let question = guide.question(&round.question);
    let principles = question.map(|q| q.principles.clone()).unwrap_or_default();
    let story = round.pick.story.as_deref().and_then(|id| bank.story(id));
    let shows = principles
        .iter()
        .filter(|p| story.is_some_and(|s| s.principles.iter().any(|sp| same(sp, p))))
        .cloned()
        .collect();
    let duration_secs = round.attempt.as_ref().map(|a| a.duration_secs);
    RoundReport {
        question: round.question.clone(),
        text: question.map_or_else(|| round.question.clone(), |q| q.question.clone()),
        principles,
        pick_secs: round.pick.secs,
        late: round.pick.is_late(),
        story: round.pick.story.clone(),
        shows,
        duration_secs,
        verdict: duration_secs.map(|secs| Verdict::of(secs, target)),
    }
}

/// The drills of the history under one principle.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleDrills {
    pub principle: String,
    /// Drilled attempts at questions that probe it.
    pub drills: usize,
    pub median_pick_secs: Option<f64>,
    /// Picks over [`PICK_SECS`].
    pub late: usize,
    /// Answers given with no story picked.
    pub without_story: usize,
    pub last: Option<DateTime<Utc>>,
}

/// The history's drilled attempts grouped by the principles their questions probe (a question on two counts
/// under both), in the guide's order of principles, only those drilled. Also returns how many drilled attempts
/// name a question not loaded here (a pack's, removed since), which no principle can claim.
pub fn drills_by_principle(guide: &Guide, attempts: &[Attempt]) -> (Vec<PrincipleDrills>, usize) {
    let order = guide.all_principles();
    // Which principles (by position in `order`) each question probes, worked out once, not once an attempt.
    let probes: HashMap<&str, Vec<usize>> = guide
        .questions
        .iter()
        .map(|q| (q.id.as_str(), (0..order.len()).filter(|&i| q.probes(order[i])).collect()))
        .collect();
    let mut picks: Vec<Vec<&Attempt>> = vec![Vec::new(); order.len()];
    let mut not_loaded = 0;
    for attempt in attempts.iter().filter(|a| a.drill.is_some()) {
        match probes.get(attempt.prompt.as_str()) {
            Some(principles) => principles.iter().for_each(|&i| picks[i].push(attempt)),
            None => not_loaded += 1,
        }
    }
    let summaries = order
        .iter()
        .zip(picks)
        .filter(|(_, drilled)| !drilled.is_empty())
        .map(|(principle, drilled)| {
            let mut secs: Vec<f64> = drilled.iter().filter_map(|a| a.drill.map(|d| d.pick_secs)).collect();
            secs.sort_by(f64::total_cmp);
            PrincipleDrills {
                principle: principle.to_string(),
                drills: drilled.len(),
                median_pick_secs: median(&secs),
                late: secs.iter().filter(|&&s| s > PICK_SECS).count(),
                without_story: drilled.iter().filter(|a| a.story.is_none()).count(),
                last: drilled.iter().map(|a| a.started_at).max(),
            }
        })
        .collect();
    (summaries, not_loaded)
}
