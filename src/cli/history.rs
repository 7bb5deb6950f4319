//! `history`: how practice is going per prompt.

use std::fmt::Write as _;

use anyhow::{Context as _, Result};
use star_coach::content::Guide;
use star_coach::model::Bank;
use star_coach::practice::{Target, format_secs};
use star_coach::stats::{HistoryIndex, PromptSummary};

use super::Env;
use super::output::{aligned, find_prompt, open, print};

pub fn history(env: &Env, json: bool, prompt: Option<&str>) -> Result<()> {
    let (_, bank) = open(env.data_dir()?)?;
    let prompt = prompt.map(|p| find_prompt(env.guide, p).map(|p| p.id.clone())).transpose()?;
    if json {
        let attempts: Vec<_> =
            bank.attempts.iter().filter(|a| prompt.as_ref().is_none_or(|p| &a.prompt == p)).collect();
        let mut text = serde_json::to_string_pretty(&attempts).context("could not write the history")?;
        text.push('\n');
        print(&text)
    } else {
        print(&history_summary(env.guide, &bank, env.settings().config.target, prompt.as_deref()))
    }
}

/// The per-prompt summary as a plain-text table, then the stories worth rewriting; `only` keeps one prompt.
fn history_summary(guide: &Guide, bank: &Bank, target: Target, only: Option<&str>) -> String {
    let index = HistoryIndex::build(&bank.attempts, target);
    if index.is_empty() {
        return "No practice yet. Open star-coach, pick a prompt and press p to rehearse an answer.\n".into();
    }
    if let Some(prompt) = only.and_then(|id| guide.prompt(id)).filter(|p| index.recent(&p.id, 1).is_empty()) {
        return format!(
            "No practice yet at prompt {} ({}). Open star-coach, pick it and press p to rehearse an answer.\n",
            prompt.number, prompt.id
        );
    }
    let mut rows: Vec<(String, PromptSummary)> = match only {
        Some(id) => guide.prompt(id).map(|p| (p.number.to_string(), index.summary(id))).into_iter().collect(),
        None => guide.prompts.iter().map(|p| (p.number.to_string(), index.summary(&p.id))).collect(),
    };
    if only.is_none() {
        // A hand-edited file may hold attempts at prompts the guide does not have; show them rather than hide them.
        let mut unknown: Vec<&str> = index.practised_prompts().filter(|id| !guide.knows_prompt(id)).collect();
        unknown.sort_unstable();
        rows.extend(unknown.into_iter().map(|id| ("?".to_string(), index.summary(id))));
    }
    let dash = || "—".to_string();
    let percent = |share: Option<f64>| share.map_or_else(dash, |s| format!("{:.0}%", s * 100.0));
    let secs = |secs: Option<f64>| secs.map_or_else(dash, format_secs);
    // Pace columns only once something was recorded; a prompt with no recording shows dashes, not zeros.
    let voiced = index.has_recordings();
    let mut header = vec!["#", "prompt", "attempts", "median", "best", "on target", "median setup", "last practised"];
    let mut right = vec![false, false, true, true, true, true, true, false];
    if voiced {
        header.splice(7..7, ["median pace", "long pauses"]);
        right.splice(7..7, [true, true]);
    }
    let mut table = vec![header.into_iter().map(str::to_string).collect::<Vec<_>>()];
    table.extend(rows.iter().map(|(number, s)| {
        let mut row = vec![
            number.clone(),
            s.prompt.clone(),
            s.attempts.to_string(),
            secs(s.median_secs),
            secs(s.best_secs),
            percent(s.on_target_share),
            percent(s.median_setup_share),
            s.last_practised.map_or_else(dash, |t| t.with_timezone(&chrono::Local).format("%Y-%m-%d").to_string()),
        ];
        if voiced {
            let pace = s.median_pace_wpm.map_or_else(dash, |w| format!("{w:.0} wpm"));
            let pauses = s.long_pauses_per_answer.map_or_else(dash, |n| format!("{n:.1}"));
            row.splice(7..7, [pace, pauses]);
        }
        row
    }));
    let mut out = aligned(&table, &right);
    if voiced {
        out.push_str("\nPace and long pauses (2 s or more, per answer) are over the recorded attempts only.\n");
    }
    let mock_ids: Vec<&str> = bank
        .attempts
        .iter()
        .filter(|a| only.is_none_or(|id| a.prompt == id))
        .filter_map(|a| a.mock.as_deref())
        .collect();
    let (rounds, mocks) = (mock_ids.len(), mock_ids.iter().collect::<std::collections::BTreeSet<_>>().len());
    if rounds > 0 {
        let _ = writeln!(
            out,
            "\nOf these attempts, {rounds} were rounds of {}; `history --json` tags each with its `mock` id.",
            if mocks == 1 { "1 mock interview".to_string() } else { format!("{mocks} mock interviews") }
        );
    }
    let flags: Vec<_> = index
        .rewrite_flags()
        .into_iter()
        .filter(|f| {
            only.is_none_or(|id| {
                bank.story(&f.story).is_some_and(|s| s.fits(id))
                    || bank.attempts.iter().any(|a| a.prompt == id && a.story.as_deref() == Some(&f.story))
            })
        })
        .collect();
    if only.is_none() {
        out.push_str(&super::questions::drill_summary(guide, bank));
    }
    if !flags.is_empty() {
        out.push_str("\nStories to rewrite:\n");
        for f in flags {
            let _ = match bank.story(&f.story) {
                Some(story) => writeln!(out, "  {} [{}]: {}", story.title, f.story, f.reason),
                None => writeln!(out, "  [{}]: {}", f.story, f.reason),
            };
        }
    }
    out
}
