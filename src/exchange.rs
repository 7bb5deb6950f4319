//! Export of the bank (JSON that re-imports exactly, Markdown to read) and merging an import into it.

#[cfg(test)]
mod hostile_tests;
mod merge;

use std::fmt::Write as _;

pub use merge::{MergeReport, merge};

use crate::content::Guide;
use crate::mock;
use crate::model::{Attempt, Bank, Story};
use crate::practice::{PhaseShares, Target, Verdict, format_secs};

/// The bank as a JSON export: everything but the recordings, which stay in the recordings folder (an attempt
/// naming a file the importing machine lacks would only say it is gone).
pub fn json(bank: &Bank) -> Vec<u8> {
    let attempts = bank.attempts.iter().map(|a| Attempt { recording: None, ..a.clone() }).collect();
    crate::store::serialize(&Bank { stories: bank.stories.clone(), attempts, plan: bank.plan })
}

/// A cheat sheet: the stories grouped under the prompts they fit, then the practice log.
pub fn markdown(bank: &Bank, guide: &Guide, target: Target, shares: PhaseShares) -> String {
    let mut out = String::from("# star-coach story bank\n");
    for prompt in &guide.prompts {
        let _ = write!(out, "\n## {}. {}\n\n", prompt.number, prompt.question);
        let _ = writeln!(out, "Principles: {}\n", prompt.principles.join(", "));
        let stories: Vec<&Story> = bank.stories.iter().filter(|s| s.fits(&prompt.id)).collect();
        if !prompt.phases.is_empty() {
            let _ = writeln!(out, "Answered in its own parts: {}.\n", guide.phases(&prompt.id, &shares).path());
        }
        if stories.is_empty() && prompt.tells_story {
            out.push_str("_No story mapped to this prompt yet._\n");
        }
        for story in stories {
            story_markdown(&mut out, story);
        }
    }
    // Prompts from a pack not loaded here: their stories still belong in the cheat sheet, under the prompt's id.
    let mut not_loaded: Vec<&str> = bank
        .stories
        .iter()
        .flat_map(|s| &s.prompts)
        .map(String::as_str)
        .filter(|id| guide.prompt(id).is_none())
        .collect();
    not_loaded.sort_unstable();
    not_loaded.dedup();
    for id in not_loaded {
        let _ = write!(out, "\n## {}\n\n", guide.prompt_label(id));
        for story in bank.stories.iter().filter(|s| s.fits(id)) {
            story_markdown(&mut out, story);
        }
    }
    let unmapped: Vec<&Story> = bank.stories.iter().filter(|s| s.prompts.is_empty()).collect();
    if !unmapped.is_empty() {
        out.push_str("\n## Stories not mapped to a prompt\n\n");
        for story in unmapped {
            story_markdown(&mut out, story);
        }
    }
    mocks_markdown(&mut out, bank, guide, target, shares);
    if !bank.attempts.is_empty() {
        out.push_str("\n## Practice history\n\n| Date | Prompt | Story | Time | Verdict | Confidence |\n|---|---|---|---|---|---|\n");
        for attempt in &bank.attempts {
            let story = attempt.story.as_deref().and_then(|id| bank.story(id)).map_or("—", |s| s.title.as_str());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                attempt.started_at.format("%Y-%m-%d %H:%M"),
                attempt.prompt,
                md_cell(story),
                format_secs(attempt.duration_secs),
                Verdict::of(attempt.duration_secs, target).label(),
                attempt.review.confidence.map_or("—".to_string(), |c| c.to_string()),
            );
        }
    }
    out
}

/// Each mock interview: its rounds in order with their follow-ups, then what went worst.
fn mocks_markdown(out: &mut String, bank: &Bank, guide: &Guide, target: Target, shares: PhaseShares) {
    let mocks = mock::mocks_in(&bank.attempts);
    if mocks.is_empty() {
        return;
    }
    out.push_str("\n## Mock interviews\n");
    for (id, rounds) in mocks {
        let report = mock::report(&rounds, bank, guide, target, shares);
        let _ = write!(out, "\n### Mock {id}, {}\n\n", rounds[0].started_at.format("%Y-%m-%d %H:%M"));
        for (i, (round, attempt)) in report.rounds.iter().zip(&rounds).enumerate() {
            let question =
                guide.prompt(&round.prompt).map_or(round.prompt.clone(), |p| format!("{}. {}", p.number, p.question));
            let story = attempt.story.as_deref().and_then(|id| bank.story(id)).map_or("no story", |s| s.title.as_str());
            let _ = writeln!(
                out,
                "{}. **{}** Story: {}. {} ({}), checklist {}/{}, confidence {}.",
                i + 1,
                question,
                story,
                format_secs(round.duration_secs),
                round.verdict.label(),
                round.checklist.ticked_of(&round.phases.checks()),
                round.phases.checks().len(),
                round.confidence.map_or("—".to_string(), |c| c.to_string()),
            );
            for (answer, verdict) in &round.follow_ups {
                let _ = writeln!(
                    out,
                    "   - Follow-up: {} {} ({})",
                    answer.question,
                    format_secs(answer.secs),
                    verdict.label()
                );
            }
        }
        if let Some(worst) = report.worst.map(|i| &report.rounds[i]) {
            let _ = writeln!(out, "\nWent worst: {}; to work on: {}.", worst.prompt, worst.misses.join("; "));
        }
    }
}

fn story_markdown(out: &mut String, story: &Story) {
    let _ = writeln!(out, "### {}\n", story.title);
    if let Some(note) = story.conflict_note() {
        let _ = writeln!(out, "_{note}: merge the two, or delete one._\n");
    }
    let field = |out: &mut String, label: &str, text: &str| {
        if !text.trim().is_empty() {
            let _ = writeln!(out, "- **{label}:** {}", text.trim().replace('\n', " "));
        }
    };
    field(out, "Situation", &story.situation);
    field(out, "Task", &story.task);
    if !story.actions.is_empty() {
        out.push_str("- **Actions:**\n");
        for action in &story.actions {
            let _ = writeln!(out, "  - {action}");
        }
    }
    if !story.results.is_empty() {
        out.push_str("- **Results:**\n");
        for result in &story.results {
            let _ = writeln!(out, "  - {result}");
        }
    }
    field(out, "Learning", &story.learning);
    if !story.principles.is_empty() {
        let _ = writeln!(out, "- **Principles:** {}", story.principles.join(", "));
    }
    out.push('\n');
}

fn md_cell(text: &str) -> String {
    text.replace('|', "\\|")
}
