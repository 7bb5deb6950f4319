//! `star-coach questions`: the drill's question bank, by leadership principle; and the drills in `history`.

use std::fmt::Write as _;

use anyhow::{Context as _, Result, anyhow};
use serde::Serialize;
use star_coach::content::principles::same;
use star_coach::content::{Guide, Question};
use star_coach::drill::drills_by_principle;
use star_coach::model::Bank;
use star_coach::practice::format_secs;

use super::output::{aligned, print};

/// One question as `--json` prints it.
#[derive(Serialize)]
struct QuestionJson<'q> {
    id: &'q str,
    question: &'q str,
    principles: &'q [String],
}

/// Prints the bank: every question once, under its main principle, or with `principle` the questions that probe
/// it (mainly or not); `json` prints them as an array instead.
pub fn run(guide: &Guide, principle: Option<&str>, json: bool) -> Result<()> {
    let principle = principle.map(|p| guide.resolve_principle(p).map_err(|e| anyhow!(e))).transpose()?;
    let chosen: Vec<&Question> = match principle {
        Some(p) => {
            let mut on: Vec<&Question> = guide.questions_on(p).collect();
            // Those mainly about it first; a stable sort keeps bank order within each part.
            on.sort_by_key(|q| !same(q.main_principle(), p));
            on
        }
        None => guide.questions.iter().collect(),
    };
    if json {
        let rows: Vec<QuestionJson> = chosen
            .iter()
            .map(|q| QuestionJson { id: &q.id, question: &q.question, principles: &q.principles })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows).context("could not write the questions")?;
        text.push('\n');
        return print(&text);
    }
    print(&listing(guide, &chosen, principle))
}

/// The questions under principle headings, each heading with its gloss, in the guide's order of principles.
fn listing(guide: &Guide, chosen: &[&Question], only: Option<&str>) -> String {
    let mut out = String::new();
    for principle in guide.all_principles() {
        if only.is_some_and(|o| o != principle) {
            continue;
        }
        let group: Vec<&&Question> =
            chosen.iter().filter(|q| only.is_some() || same(q.main_principle(), principle)).collect();
        if group.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let count = if group.len() == 1 { "1 question".to_string() } else { format!("{} questions", group.len()) };
        let _ = writeln!(out, "{principle}  ({count})");
        if let Some(gloss) = guide.gloss(principle) {
            let _ = writeln!(out, "  {gloss}");
        }
        for q in group {
            let others: Vec<&str> = q.principles.iter().map(String::as_str).filter(|p| !same(p, principle)).collect();
            let also = if others.is_empty() { String::new() } else { format!("  (also {})", others.join(", ")) };
            let _ = writeln!(out, "  - {}  [{}]{also}", q.question, q.id);
        }
    }
    out
}

/// The history's drills under each principle their questions probe, as a table after the prompts'; empty when
/// nothing was drilled.
pub fn drill_summary(guide: &Guide, bank: &Bank) -> String {
    let (by_principle, not_loaded) = drills_by_principle(guide, &bank.attempts);
    let mut out = String::new();
    if !by_principle.is_empty() {
        out.push_str("\nDrills by principle (a question on two principles counts under both):\n");
        let mut table = vec![
            ["principle", "drills", "median pick", "late picks", "no story", "last drilled"]
                .map(str::to_string)
                .to_vec(),
        ];
        table.extend(by_principle.iter().map(|p| {
            vec![
                p.principle.clone(),
                p.drills.to_string(),
                p.median_pick_secs.map_or_else(|| "—".to_string(), format_secs),
                p.late.to_string(),
                p.without_story.to_string(),
                p.last.map_or_else(|| "—".into(), |t| t.with_timezone(&chrono::Local).format("%Y-%m-%d").to_string()),
            ]
        }));
        out.push_str(&aligned(&table, &[false, true, true, true, true, false]));
    }
    if not_loaded > 0 {
        let _ = writeln!(
            out,
            "\n{not_loaded} drilled {} a question not loaded here (from a prompt pack?).",
            if not_loaded == 1 { "attempt names" } else { "attempts name" }
        );
    }
    out
}
