//! `stories` and `stories lint`: the bank's stories, and the pitfall coach on each.

use std::fmt::Write as _;

use anyhow::{Context as _, Result};
use star_coach::lint;
use star_coach::model::Bank;
use star_coach::practice::format_secs;
use star_coach::stats::HistoryIndex;

use super::Env;
use super::output::{open, print};

pub fn list(env: &Env) -> Result<()> {
    let (_, bank) = open(env.data_dir()?)?;
    print(&stories_list(&bank))
}

pub fn lint(env: &Env, json: bool) -> Result<()> {
    let (_, bank) = open(env.data_dir()?)?;
    let config = &env.settings().config;
    let rate = config.speaking_rate(HistoryIndex::build(&bank.attempts, config.target).own_pace());
    print(&stories_lint(&bank, &rate, config.target.max_secs, json)?)
}

fn stories_lint(bank: &Bank, rate: &lint::SpeakingRate, max_secs: f64, json: bool) -> Result<String> {
    let pace = rate.pace(max_secs);
    let findings: Vec<_> = bank.stories.iter().map(|s| (s, lint::lint(s, pace))).collect();
    if json {
        let reports: Vec<lint::Report> = findings
            .iter()
            .flat_map(|(story, found)| {
                found.iter().map(|f| lint::Report { story: &story.id, code: f.code, message: &f.message })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&reports).context("could not write the findings")?;
        text.push('\n');
        return Ok(text);
    }
    if bank.stories.is_empty() {
        return Ok("No stories to check yet.\n".into());
    }
    let mut out = format!("Speaking times at {}.\n", rate.describe());
    for (story, found) in &findings {
        let secs = lint::speaking_secs(story, pace.words_per_minute);
        let verdict =
            if found.is_empty() { "no pitfalls found".to_string() } else { format!("{} to fix", found.len()) };
        let _ = writeln!(out, "{}  {}  (about {} to say; {verdict})", story.id, story.title, format_secs(secs));
        for f in found {
            let _ = writeln!(out, "  {}: {}", f.code.as_str(), f.message);
        }
    }
    Ok(out)
}

fn stories_list(bank: &Bank) -> String {
    if bank.stories.is_empty() {
        return "No stories yet. Open star-coach and press 2, then a, to write your first.\n".into();
    }
    let mut out = String::new();
    for s in &bank.stories {
        let prompts = if s.prompts.is_empty() { "no prompts".to_string() } else { s.prompts.join(", ") };
        let conflict = s.conflict_note().map(|note| format!("; {note}")).unwrap_or_default();
        let _ = writeln!(out, "{}  {}  ({prompts}{conflict})", s.id, s.title);
    }
    out
}
