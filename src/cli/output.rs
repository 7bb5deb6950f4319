//! What several commands share: opening the bank, finding a prompt, printing.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use star_coach::content::{Guide, Prompt};
use star_coach::model::Bank;
use star_coach::plan::{Cards, PlanInput};
use star_coach::stats::HistoryIndex;
use star_coach::store::{self, Store};
use star_coach::text::quote;

/// A warning on stderr, one line, cleaned of control characters.
pub fn warn(warning: &str) {
    eprintln!("star-coach: warning: {}", star_coach::text::clean_line(warning));
}

/// Opens the data folder's bank; a file we cannot read is an error, never an empty bank. Rescue files waiting
/// there are announced on stderr.
pub fn open(dir: PathBuf) -> Result<(Store, Bank)> {
    announce_rescues(&dir);
    let mut store = Store::new(dir);
    let bank = store.load()?;
    Ok((store, bank))
}

/// Opens the bank to change it, holding the data folder's lock.
pub fn open_for_writing(dir: PathBuf) -> Result<(Store, Bank)> {
    let mut store = Store::new(dir);
    lock(&mut store)?;
    let bank = store.load()?;
    Ok((store, bank))
}

/// After a command saved the whole bank: the summary beside the log again, with the history's figures under the
/// config's target and the plan's cards, as the coach keeps it. Without them the coach's next start would read
/// every attempt before its first frame to work the plan out.
pub fn summarize_for_the_coach(env: &super::Env, store: &mut Store, bank: &Bank) {
    let config = &env.settings().config;
    let mut history = HistoryIndex::build(&bank.attempts, config.target);
    history.set_plan_cards(Some(Cards::replay(&PlanInput::new(env.guide, bank, config), &chrono::Local)));
    store.write_summary(&history);
}

/// Says where changes that could not be saved wait, once per command, until the user has dealt with them.
pub fn announce_rescues(dir: &Path) {
    if let Some(notice) = store::rescue_notice(&store::rescue_files(dir)) {
        warn(&notice);
    }
}

/// Takes the data folder's lock, so a running star-coach and this command never write over each other.
pub fn lock(store: &mut Store) -> Result<()> {
    if !store.lock()? {
        bail!("another star-coach has {} open; close it and try again", store.dir().display());
    }
    Ok(())
}

/// The prompt `key` names, by number or id.
pub fn find_prompt<'g>(guide: &'g Guide, key: &str) -> Result<&'g Prompt> {
    guide.find_prompt(key).ok_or_else(|| {
        let last = guide.prompts.len();
        anyhow!("there is no prompt {}; use a number from 1 to {last} or an id from `star-coach prompts`", quote(key))
    })
}

/// Rows of cells as columns two spaces apart; `right[i]` aligns column `i` to the right.
pub fn aligned(rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths = vec![0; right.len()];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .zip(right)
            .map(|((cell, &w), &right)| if right { format!("{cell:>w$}") } else { format!("{cell:<w$}") })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// Writes to stdout, with nothing that could steer a terminal (text is cleaned where it comes in; this is the
/// net behind that); a closed pipe (`| head`) ends the output quietly instead of panicking.
pub fn print(text: &str) -> Result<()> {
    let text = star_coach::text::terminal_safe(text);
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e).context("could not write to stdout"),
        _ => Ok(()),
    }
}
