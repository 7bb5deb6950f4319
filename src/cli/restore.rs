//! `restore`: list the data file's backups with what each holds, or bring one back.

use std::fmt::Write as _;

use anyhow::Result;
use chrono::{DateTime, Utc};
use star_coach::model::Bank;
use star_coach::store::{self, Backup, Contents, Store};

use super::Env;
use super::output::{lock, print};

pub fn restore(env: &Env, number: Option<usize>) -> Result<()> {
    let mut store = Store::new(env.data_dir()?);
    super::output::announce_rescues(store.dir());
    let Some(number) = number else { return print(&listing(&store.backups())) };
    lock(&mut store)?;
    let replaced = match store::read_capped(store.path()) {
        Ok(Some(_)) => Some(store.backups().len()),
        _ => None,
    };
    let chosen = store.backups().into_iter().nth(number.saturating_sub(1));
    let bank = store.restore(number)?;
    super::output::summarize_for_the_coach(env, &mut store, &bank);
    let when = chosen.map_or_else(String::new, |b| format!(", saved {}", saved(b.saved_at)));
    let mut out = format!("Restored backup {number}{when}: {}.", counts(&bank));
    if replaced.is_some() {
        out.push_str(" The file it replaced is now backup 1; every other backup is still there.");
    }
    out.push('\n');
    print(&out)
}

/// The backups, newest first, each with when it was saved and what it holds.
fn listing(backups: &[Backup]) -> String {
    if backups.is_empty() {
        return format!(
            "No backups yet. As it saves, star-coach keeps the versions before the current one: the last {}, then \
             one a day for {} days and one a week for {} weeks.\n",
            store::KEEP_RECENT,
            store::KEEP_DAILY,
            store::KEEP_WEEKLY
        );
    }
    let mut rows = vec![["#", "saved", "holds", "file"].map(str::to_string).to_vec()];
    for backup in backups {
        let holds = match backup.contents() {
            Contents::Bank { stories, attempts } => {
                format!("{}, {}", plural(stories, "story"), plural(attempts, "attempt"))
            }
            Contents::Unreadable(why) => format!("cannot be read: {why}"),
        };
        let file = backup.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        rows.push(vec![backup.number.to_string(), saved(backup.saved_at), holds, file]);
    }
    let mut out = String::from("Backups of the data file, newest first; `star-coach restore N` brings one back.\n\n");
    out.push_str(&super::output::aligned(&rows, &[true, false, false, false]));
    if let Some(folder) = backups[0].path.parent() {
        let _ = writeln!(out, "\nThey are in {}.", folder.display());
    }
    out
}

fn counts(bank: &Bank) -> String {
    format!("{}, {}", plural(bank.stories.len(), "story"), plural(bank.attempts.len(), "attempt"))
}

fn plural(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "story") => format!("{n} stories"),
        _ => format!("{n} {noun}s"),
    }
}

fn saved(at: Option<DateTime<Utc>>) -> String {
    at.map_or_else(
        || "unknown time".into(),
        |t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S").to_string(),
    )
}
