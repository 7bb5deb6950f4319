//! Saving: what changed and nothing else (the stories when they changed, the attempts that changed appended to
//! the log, the summary), and bringing a backup back.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::Instant;

use chrono::Utc;

use super::atomic::{Keep, Stamp, hash, read_capped, write_atomic};
use super::log::{self, LogState};
use super::{Backup, FaultPoint, LogRef, SCHEMA_VERSION, Store, StoreError, backup, format, summary};
use crate::files;
use crate::model::{Bank, new_id};
use crate::stats::HistoryIndex;

/// The faults of a whole-file write.
const WHOLE_FILE: [FaultPoint; 4] = [FaultPoint::Create, FaultPoint::Write, FaultPoint::Fsync, FaultPoint::Rename];

/// What the log holds of each attempt after a save: a new map, or changes to the one known.
enum OnDisk {
    Replace(HashMap<String, u64>),
    /// By id: the put line's hash, or `None` once deleted (or not known).
    Patch(Vec<(String, Option<u64>)>),
}

/// Which attempts a save writes.
#[derive(Clone, Copy)]
enum Attempts<'a> {
    /// Every attempt of the bank, each compared with what the log holds.
    All,
    /// Only these, by id: each one in the bank is put, each one not in it deleted.
    Only(&'a [String]),
}

/// Refuses an append when the log changed on disk since we last read or wrote it; a torn line our own failed
/// append could not take back is cut off instead.
fn check_log_unchanged(path: &Path, state: &mut LogState) -> Result<(), StoreError> {
    let stamp = Stamp::of(path);
    if stamp.is_some() && stamp == state.stamp {
        return Ok(());
    }
    let changed = || StoreError::ChangedOnDisk { path: path.to_path_buf() };
    let len = fs::metadata(path).map_err(|_| changed())?.len();
    let known = state.hash.ok_or_else(changed)?;
    if len < state.bytes || log::hash_prefix(path, state.bytes)? != known {
        return Err(changed());
    }
    if len > state.bytes {
        let bytes = read_capped(path)?.unwrap_or_default();
        let extra = bytes.get(usize::try_from(state.bytes).unwrap_or(usize::MAX)..).unwrap_or_default();
        if extra.contains(&b'\n') {
            return Err(changed());
        }
        log::cut_torn(path, state)?;
    }
    state.stamp = Stamp::of(path);
    Ok(())
}

impl Store {
    /// Moves a data file from before version 4 to the new layout: its attempts to a new log, the file kept as a
    /// backup.
    pub(super) fn migrate(&mut self, bank: &Bank) -> Result<(), StoreError> {
        self.write(bank, Attempts::All, None, Keep::AndRemoveNone)
    }

    /// Writes the bank as it is, each part only if it changed: the stories when they differ from the data file,
    /// the attempts that differ from the log appended to it. Refused when the store is read-only or the data file
    /// changed on disk since we read it.
    pub fn save(&mut self, bank: &Bank) -> Result<(), StoreError> {
        self.check_writable()?;
        // Never write what the next start would refuse to read.
        crate::validate::bank(bank).map_err(|problem| StoreError::Invalid { path: self.path.clone(), problem })?;
        self.write(bank, Attempts::All, None, self.due_backup())
    }

    /// The app's save: the stories when they changed, and of the attempts only `changed` (by id: put when in the
    /// bank, deleted when not), with the summary from `history`. Costs what changed, not the history.
    pub fn save_changes(&mut self, bank: &Bank, changed: &[String], history: &HistoryIndex) -> Result<(), StoreError> {
        self.check_writable()?;
        let invalid = |problem| StoreError::Invalid { path: self.path.clone(), problem };
        crate::validate::stories(&bank.stories).map_err(invalid)?;
        crate::validate::plan(&bank.plan).map_err(invalid)?;
        for attempt in bank.attempts.iter().filter(|a| changed.contains(&a.id)) {
            crate::validate::attempt(attempt).map_err(invalid)?;
        }
        self.write(bank, Attempts::Only(changed), Some(history), self.due_backup())
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        match &self.read_only {
            Some(reason) => Err(StoreError::ReadOnly { path: self.path.clone(), reason: reason.clone() }),
            None => Ok(()),
        }
    }

    fn due_backup(&self) -> Keep {
        let due = self.last_backup.is_none_or(|at| at.elapsed() >= self.backup_interval);
        if due { Keep::AndPrune } else { Keep::Nothing }
    }

    /// The writes of a save: the attempts first (appended, or a new log), then the summary of the log, then the
    /// data file, which names the log and how far into it its attempts go.
    fn write(
        &mut self,
        bank: &Bank,
        attempts: Attempts,
        history: Option<&HistoryIndex>,
        keep: Keep,
    ) -> Result<(), StoreError> {
        // A data file from before version 4 moves its attempts to a new log, and is kept as a backup.
        let migrating = self.single_file;
        let keep = if migrating && self.disk_hash.is_some() { Keep::AndRemoveNone } else { keep };
        let stories_changed = self.stories_on_disk.as_deref() != Some(bank.stories.as_slice());
        let plan_changed = self.plan_on_disk != bank.plan;
        let rewrite_data =
            stories_changed || plan_changed || migrating || self.disk_hash.is_none() || keep == Keep::AndRemoveNone;
        // A restore replaces whatever is there (keeping it as a backup); anything else must not clobber a change.
        let restoring = keep == Keep::AndRemoveNone && !migrating;
        if rewrite_data && !restoring {
            self.check_data_unchanged()?;
        }
        files::prepare_folder(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            action: "write in the data folder",
            source,
        })?;
        let log_path = self.log_path();
        if migrating {
            self.log_id = new_id();
            self.log = None;
            self.on_disk = Some(HashMap::new());
        }
        let (lines, update) = self.lines(bank, if migrating { &Attempts::All } else { &attempts });
        if !lines.is_empty() {
            match self.log.as_mut() {
                Some(state) => {
                    check_log_unchanged(&log_path, state)?;
                    let fault = self.fault.take_if(|f| matches!(f, FaultPoint::Append | FaultPoint::AppendFsync));
                    log::append(&log_path, state, &lines, fault)?;
                }
                None => self.start_log(&log_path, &lines)?,
            }
            self.summary_stale = true;
            match (update, &mut self.on_disk) {
                (OnDisk::Replace(map), on_disk) => *on_disk = Some(map),
                (OnDisk::Patch(changes), Some(on_disk)) => {
                    for (id, line) in changes {
                        match line {
                            Some(line) => on_disk.insert(id, line),
                            None => on_disk.remove(&id),
                        };
                    }
                }
                (OnDisk::Patch(_), None) => {}
            }
        }
        // The summary describes the log, which is whole now: written before the data file (whose rewrite, with
        // its backup, is the slow part) so that a kill during the latter still leaves a summary that matches.
        if self.summary_stale {
            match history {
                Some(history) => self.write_summary(history),
                None => self.write_summary(&HistoryIndex::build(&bank.attempts, self.target)),
            }
        }
        if rewrite_data {
            let count = history.map_or(bank.attempts.len(), HistoryIndex::len);
            let bytes = self.log.as_ref().map_or(0, |l| l.bytes);
            let named = LogRef { id: self.log_id.clone(), bytes, attempts: count };
            let data = format::serialize_data(&bank.stories, &bank.plan, &named);
            let keep = if fs::symlink_metadata(&self.path).is_ok() { keep } else { Keep::Nothing };
            let fault = self.fault.take_if(|f| WHOLE_FILE.contains(f));
            write_atomic(&self.path, &data, fault, keep)?;
            if keep != Keep::Nothing {
                self.last_backup = Some(Instant::now());
            }
            self.disk_hash = Some(hash(&data));
            self.disk_stamp = Stamp::of(&self.path);
            self.stories_on_disk = Some(bank.stories.clone());
            self.plan_on_disk = bank.plan;
            self.single_file = false;
        }
        Ok(())
    }

    /// The log lines a save appends (for every attempt, or only the changed ones), and what the log will then
    /// hold of each attempt.
    fn lines(&self, bank: &Bank, attempts: &Attempts) -> (Vec<u8>, OnDisk) {
        let mut lines = Vec::new();
        match (attempts, &self.on_disk) {
            (Attempts::Only(ids), _) => {
                let mut changes = Vec::with_capacity(ids.len());
                for id in *ids {
                    match bank.attempts.iter().find(|a| &a.id == id) {
                        Some(attempt) => {
                            let line = log::put_line(attempt);
                            changes.push((id.clone(), Some(log::line_hash(&line))));
                            lines.extend(line);
                        }
                        None if self.log.is_some() => {
                            lines.extend(log::delete_line(id));
                            changes.push((id.clone(), None));
                        }
                        None => {}
                    }
                }
                (lines, OnDisk::Patch(changes))
            }
            (Attempts::All, None) => {
                // Opened from the summary: the bank may hold only this session's attempts, so none is taken out,
                // and each it holds is put again.
                let changes = bank.attempts.iter().map(|a| (a.id.clone(), None)).collect();
                bank.attempts.iter().for_each(|a| lines.extend(log::put_line(a)));
                (lines, OnDisk::Patch(changes))
            }
            (Attempts::All, Some(on_disk)) => {
                let mut now = HashMap::with_capacity(bank.attempts.len());
                for attempt in &bank.attempts {
                    let line = log::put_line(attempt);
                    let line_hash = log::line_hash(&line);
                    if on_disk.get(&attempt.id) != Some(&line_hash) {
                        lines.extend(line);
                    }
                    now.insert(attempt.id.clone(), line_hash);
                }
                let mut gone: Vec<&String> = on_disk.keys().filter(|id| !now.contains_key(*id)).collect();
                gone.sort();
                for id in gone {
                    lines.extend(log::delete_line(id));
                }
                (lines, OnDisk::Replace(now))
            }
        }
    }

    /// Creates the log with `lines` after its first line; a file already there (a log no data file names) is
    /// kept aside, never overwritten.
    fn start_log(&mut self, path: &Path, lines: &[u8]) -> Result<(), StoreError> {
        if fs::symlink_metadata(path).is_ok() {
            backup::set_aside(path, "kept", Utc::now()).map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                action: "keep aside",
                source,
            })?;
        }
        let mut bytes = log::header(&self.log_id);
        bytes.extend_from_slice(lines);
        let fault = self.fault.take_if(|f| WHOLE_FILE.contains(f));
        write_atomic(path, &bytes, fault, Keep::Nothing)?;
        let mut hash = log::LogHash::new();
        hash.update(&bytes);
        let bytes = bytes.len() as u64;
        self.log = Some(LogState { id: self.log_id.clone(), bytes, hash: Some(hash), stamp: Stamp::of(path) });
        Ok(())
    }

    /// Writes the summary of the log as it stands, from `history` (every attempt, or a digest kept up to date).
    /// A failure is not a failed save (the log holds the attempts): the summary is written again next time, and
    /// the next start makes it from the log if it is still behind.
    pub fn write_summary(&mut self, history: &HistoryIndex) {
        let (log_path, summary_path) = (self.log_path(), self.summary_path());
        let Some(state) = self.log.as_mut() else { return };
        if state.hash.is_none() {
            // Opened from the summary and not checked yet: hash the log now, so the summary says what it holds.
            let Ok(hash) = log::hash_prefix(&log_path, state.bytes) else {
                self.summary_stale = true;
                return;
            };
            state.hash = Some(hash);
        }
        let fault = self.fault.take_if(|f| WHOLE_FILE.contains(f));
        self.summary_stale = summary::write(&summary_path, state, &history.digest(), fault).is_err();
    }

    /// Refuses a save when the data file changed on disk since we read or wrote it.
    fn check_data_unchanged(&self) -> Result<(), StoreError> {
        let stamp = Stamp::of(&self.path);
        if stamp.is_none() || stamp != self.disk_stamp {
            // Something about the file moved (or it is new to us): compare its content with what we read.
            let on_disk = read_capped(&self.path)?.map(|b| hash(&b));
            if on_disk != self.disk_hash {
                return Err(StoreError::ChangedOnDisk { path: self.path.clone() });
            }
        }
        Ok(())
    }

    /// Makes backup `number` (as [`Store::backups`] numbers them) the bank again. The data file it replaces,
    /// readable or not, is kept as a new backup first, and no backup is removed; the attempts log is only
    /// appended to (or, when it cannot be read, kept aside whole and started again), so every version that
    /// existed before a restore, finished or interrupted, exists after it.
    pub fn restore(&mut self, number: usize) -> Result<Bank, StoreError> {
        self.check_writable()?;
        let backups = self.backups();
        let backup = number
            .checked_sub(1)
            .and_then(|i| backups.get(i))
            .ok_or(StoreError::NoBackup { number, count: backups.len() })?;
        let bank = self.read_backup(backup)?;
        if self.load().is_err() {
            // What is there cannot be read: keep its log aside whole and start a new one. The data file is kept
            // as a backup by the write below.
            let log_path = self.log_path();
            if fs::symlink_metadata(&log_path).is_ok() {
                backup::set_aside(&log_path, "corrupt", Utc::now()).map_err(|source| StoreError::Io {
                    path: log_path.clone(),
                    action: "keep aside",
                    source,
                })?;
            }
            self.log = None;
            self.on_disk = Some(HashMap::new());
        }
        self.write(&bank, Attempts::All, None, Keep::AndRemoveNone)?;
        self.last_backup = Some(Instant::now());
        Ok(bank)
    }

    /// The bank a backup holds: its stories, and its attempts, from the file itself (before version 4) or from
    /// the attempts log as far as the backup names it.
    pub fn read_backup(&self, backup: &Backup) -> Result<Bank, StoreError> {
        let bytes = read_capped(&backup.path)?.ok_or(StoreError::NoBackup { number: backup.number, count: 0 })?;
        let parsed = format::parse_file(&backup.path, &bytes)?;
        if parsed.version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: backup.path.clone(), version: parsed.version });
        }
        let mut bank = parsed.bank;
        if let Some(named) = parsed.log.filter(|named| named.bytes > 0) {
            let gone = || StoreError::BackupLogGone { number: backup.number, log: named.id.clone() };
            let log = backup::find_log(&self.log_path(), &named.id).ok_or_else(gone)?;
            bank.attempts = log::replay(&log, Some(named.bytes))?.ok_or_else(gone)?.attempts;
        }
        crate::validate::bank(&bank).map_err(|problem| StoreError::Invalid { path: backup.path.clone(), problem })?;
        Ok(bank)
    }
}
