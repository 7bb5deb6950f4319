//! `export` and `import`: the bank as JSON (to re-import exactly) or Markdown (to read), and merging an export in.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
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
    let bytes = store::read_capped(file)?.ok_or_else(|| anyhow!("{} does not exist", file.display()))?;
    let mut incoming = store::parse(file, &bytes)?;
    validate::clean_bank(&mut incoming);
    let not_loaded = match validate::import(&incoming, env.guide) {
        Ok(n) => n,
        Err(why) => bail!("{} was not imported: {why}; nothing was changed", file.display()),
    };
    let (mut store, mut bank) = open_for_writing(env.data_dir()?)?;
    let report = exchange::merge(&mut bank, incoming);
    store.save(&bank)?;
    let mut summary = format!(
        "Imported {} new and {} updated stories and {} attempts; {} already here were left as they are.\n",
        report.stories_added, report.stories_updated, report.attempts_added, report.unchanged
    );
    if not_loaded > 0 {
        let _ = writeln!(
            summary,
            "{not_loaded} of the imported stories and attempts name a prompt not loaded here (from a prompt pack?); \
             they are kept, and show by the prompt's id."
        );
    }
    print(&summary)
}
