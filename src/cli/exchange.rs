//! `export` and `import`: the bank as JSON (to re-import exactly) or Markdown (to read), and merging an export in.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use star_coach::store::StoreError;
use star_coach::{exchange, store, validate};

use super::output::{open, open_for_writing, print};
use super::{Env, ExportFormat};

pub fn export(env: &Env, format: ExportFormat, output: Option<PathBuf>) -> Result<()> {
    let (_, bank) = open(env.data_dir()?)?;
    let bytes = match format {
        ExportFormat::Json => exchange::json(&bank),
        ExportFormat::Md => {
            let config = &env.settings().config;
            exchange::markdown(&bank, env.guide, config.target, config.phase_shares).into_bytes()
        }
    };
    match output {
        Some(path) => Ok(store::write_private(&path, &bytes)?),
        None => print(&String::from_utf8_lossy(&bytes)),
    }
}

pub fn import(env: &Env, file: &Path) -> Result<()> {
    // Parsing checks every value and cleans every text; refused here, nothing is opened or changed.
    let bytes = store::read_capped(file)?.ok_or_else(|| anyhow!("{} does not exist", file.display()))?;
    let incoming = match store::parse(file, &bytes) {
        Ok(incoming) => incoming,
        Err(StoreError::Damaged { problem, .. }) => {
            bail!("{} was not imported: {problem}; nothing was changed", file.display())
        }
        Err(e) => return Err(e.into()),
    };
    let (mut store, mut bank) = open_for_writing(env.data_dir()?)?;
    let notes = match validate::import(&incoming, env.guide, &bank) {
        Ok(notes) => notes,
        Err(why) => bail!("{} was not imported: {why}; nothing was changed", file.display()),
    };
    let report = exchange::merge(&mut bank, incoming, chrono::Utc::now());
    store.save(&bank)?;
    super::output::summarize_for_the_coach(env, &mut store, &bank);
    let mut summary = report.summary(&bank);
    if notes.prompt_not_loaded > 0 {
        let _ = writeln!(
            summary,
            "{} of the imported stories and attempts name a prompt not loaded here (from a prompt pack?); they are \
             kept, and show by the prompt's id.",
            notes.prompt_not_loaded
        );
    }
    if notes.story_missing > 0 {
        let _ = writeln!(
            summary,
            "{} of the imported attempts name a story that is in neither bank (deleted?); they are kept, and show \
             the story as deleted.",
            notes.story_missing
        );
    }
    print(&summary)
}
