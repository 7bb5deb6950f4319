//! `prompts`, `prompt` and `guide`: the bundled guide and the prompt packs, as plain text.

use std::fmt::Write as _;

use anyhow::Result;
use star_coach::content::Guide;
use star_coach::guidance;

use super::Env;
use super::output::{find_prompt, print};

pub fn prompts(env: &Env) -> Result<()> {
    print(&prompts_list(env.guide))
}

pub fn prompt(env: &Env, key: &str) -> Result<()> {
    let prompt = find_prompt(env.guide, key)?;
    print(&guidance::to_plain(&guidance::prompt_doc(env.guide, prompt)))
}

pub fn guide(env: &Env) -> Result<()> {
    print(&guidance::to_plain(&guidance::guide_doc(env.guide)))
}

/// The prompts one a line, numbered; each pack under its name and file, after the bundled seven.
fn prompts_list(guide: &Guide) -> String {
    let mut out = String::new();
    for group in guide.groups() {
        if let Some(pack) = group.pack.map(|p| &guide.packs[p]) {
            let file = pack.file.file_name().map(|f| f.to_string_lossy()).unwrap_or_default();
            let _ = writeln!(out, "\n{}  ({})", group.title, star_coach::text::clean_line(&file));
        }
        for p in &guide.prompts[group.start..group.start + group.len] {
            let _ = writeln!(out, "{}. {}  [{}]", p.number, p.question, p.id);
        }
    }
    out
}
