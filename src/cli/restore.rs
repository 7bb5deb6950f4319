//! `restore`: list the data file's backups, or bring one back.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use star_coach::store::{self, Store};

use super::Env;
use super::output::{lock, print};

pub fn restore(env: &Env, number: Option<usize>) -> Result<()> {
    let mut store = Store::new(env.data_dir()?);
    let Some(number) = number else {
        let backups = store.backups();
        if backups.is_empty() {
            return print(&format!(
                "No backups yet. As it saves, star-coach keeps the {} versions before the current one.\n",
                store::BACKUPS
            ));
        }
        let mut out =
            String::from("Backups of the data file, newest first (restore one with `star-coach restore N`):\n");
        for backup in backups {
            let when = backup.modified.map_or_else(
                || "unknown time".to_string(),
                |t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string(),
            );
            let contents = match store::read_capped(&backup.path).map(|b| b.map(|b| store::parse(&backup.path, &b))) {
                Ok(Some(Ok(bank))) => format!("{} stories, {} attempts", bank.stories.len(), bank.attempts.len()),
                Ok(Some(Err(_))) | Err(_) => "cannot be read".to_string(),
                Ok(None) => "gone".to_string(),
            };
            let _ = writeln!(out, "{}  {when}  {contents}  {}", backup.number, backup.path.display());
        }
        return print(&out);
    };
    if !(1..=store::BACKUPS).contains(&number) {
        bail!("there is no backup {number}; backups are numbered 1 (newest) to {}", store::BACKUPS);
    }
    lock(&mut store)?;
    let bank = store.restore(number)?;
    print(&format!(
        "Restored backup {number}: {} stories and {} attempts. The file it replaced is now backup 1.\n",
        bank.stories.len(),
        bank.attempts.len()
    ))
}
