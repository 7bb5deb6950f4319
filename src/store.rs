//! The user's data on disk: the data file (`star-coach.json`: the stories, and which attempts log holds their
//! attempts), the attempts log beside it (`star-coach.attempts.jsonl`, appended one save at a time) and the
//! summary of the log (`star-coach.summary.json`, what the first screen shows). Every write is atomic or an
//! append taken back on failure; nothing is ever saved over what could not be read.

mod atomic;
mod backup;
mod error;
mod format;
mod log;
mod rescue;
mod summary;
mod write;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

pub use atomic::read_capped;
pub use backup::{Backup, Contents, KEEP_DAILY, KEEP_RECENT, KEEP_WEEKLY};
pub use error::{ReadOnly, StoreError};
pub use format::{LogRef, parse, parse_any_version, serialize};
pub use rescue::{RESCUE_PREFIX, rescue_files, rescue_notice};

use crate::files;
use crate::model::{Attempt, Bank, PlanSettings, Story, new_id};
use crate::practice::Target;
use crate::stats::HistoryIndex;
use atomic::{Keep, Stamp, hash, private_options, write_atomic};
use log::LogState;

pub const FILE_NAME: &str = "star-coach.json";
pub const FORMAT: &str = "star-coach";
/// Version 2 added an attempt's `mock` and `follow_ups`, version 3 its `drill`, `recording` and `voice`, a story's
/// `conflict_with` and `import_base`, and the bank's `plan` (the interview date); version 4 moved the attempts into
/// the attempts log. An older star-coach would drop what it does not know on save, so it refuses a newer file or
/// opens it read-only.
pub const SCHEMA_VERSION: u32 = 4;
/// A file larger than this is refused rather than read: 100,000 attempts take about 40 MiB.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
pub const LOCK_FILE_NAME: &str = "star-coach.lock";
/// The attempts log and the summary are named after the data file (its target, when it is a link): `star-coach`
/// then these.
pub const LOG_SUFFIX: &str = ".attempts.jsonl";
pub const SUMMARY_SUFFIX: &str = ".summary.json";
/// Saves closer together than this (autosaves while typing) share one backup.
pub const BACKUP_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// A step of a save that a test can make fail, to prove a failed save leaves the files as they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultPoint {
    /// Creating the temporary file of a whole-file write.
    Create,
    /// Half-way through writing it, as a full disk would.
    Write,
    /// Flushing it to disk.
    Fsync,
    /// Renaming it over the old file.
    Rename,
    /// Half-way through appending to the attempts log.
    Append,
    /// Flushing an append to disk.
    AppendFsync,
}

/// What the app starts with: the stories, and the history's figures. Unless the summary was missing or did not
/// match the log, the figures come from the summary and `bank.attempts` is empty until
/// [`Store::read_attempts`]; [`HistoryIndex::has_every_attempt`] tells which.
#[derive(Debug)]
pub struct Opened {
    pub bank: Bank,
    pub history: HistoryIndex,
}

/// A check of the attempts log against the summary the session opened from ([`Store::log_check`]): the log's
/// first bytes, as many as the summary sums up, to hash. Running it reads the log through, but touches nothing.
#[derive(Debug)]
pub struct LogCheck {
    path: PathBuf,
    id: String,
    bytes: u64,
    expected: String,
}

impl LogCheck {
    /// Hashes the log's first bytes: about 40 MB at 100,000 attempts, so the coach runs it off its UI thread.
    pub fn run(self) -> LogChecked {
        let hash = log::hash_prefix(&self.path, self.bytes);
        LogChecked { check: self, hash }
    }
}

/// A [`LogCheck`] run, for [`Store::finish_log_check`].
#[derive(Debug)]
pub struct LogChecked {
    check: LogCheck,
    hash: Result<log::LogHash, StoreError>,
}

/// The files of one data folder, and what we know of them since we last read or wrote them.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    /// Hash of the data file's bytes as we last read or wrote them; `None` when there was no file.
    disk_hash: Option<u64>,
    /// The data file's identity and timestamps when we last read or wrote it: when they are unchanged the content
    /// is too, so a save need not read it back to compare hashes.
    disk_stamp: Option<Stamp>,
    /// The stories as the data file holds them: a save that changed none leaves it alone.
    stories_on_disk: Option<Vec<Story>>,
    /// The plan the data file holds (with the stories, it is what a data file rewrite is for).
    plan_on_disk: PlanSettings,
    /// The data file holds its attempts itself (written before version 4): the next write moves them to a log.
    single_file: bool,
    /// The log as it stands; `None` while there is none.
    log: Option<LogState>,
    /// The id of the log, or of the one the first attempt will start.
    log_id: String,
    /// Each attempt's put line's hash, by id, once the log was read through: what a save of a whole bank compares.
    on_disk: Option<HashMap<String, u64>>,
    /// The summary's hash of the log, until the log is hashed and compared with it.
    summary_hash: Option<String>,
    /// The summary on disk is behind the log (its write failed); the next save writes it.
    summary_stale: bool,
    /// The target range the summary is judged against.
    target: Target,
    fault: Option<FaultPoint>,
    read_only: Option<ReadOnly>,
    /// Held for as long as this store may write; the OS releases it if the process dies.
    lock: Option<fs::File>,
    last_backup: Option<Instant>,
    backup_interval: Duration,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        let dir = dir.into();
        let path = dir.join(FILE_NAME);
        Store {
            dir,
            path,
            disk_hash: None,
            disk_stamp: None,
            stories_on_disk: None,
            plan_on_disk: PlanSettings::default(),
            single_file: false,
            log: None,
            log_id: new_id(),
            on_disk: Some(HashMap::new()),
            summary_hash: None,
            summary_stale: false,
            target: Target::default(),
            fault: None,
            read_only: None,
            lock: None,
            last_backup: None,
            backup_interval: BACKUP_INTERVAL,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The attempts log: beside the data file, or beside the file it links to.
    pub fn log_path(&self) -> PathBuf {
        self.beside_data(LOG_SUFFIX)
    }

    /// The summary of the attempts log, beside it.
    pub fn summary_path(&self) -> PathBuf {
        self.beside_data(SUMMARY_SUFFIX)
    }

    fn beside_data(&self, suffix: &str) -> PathBuf {
        let target = files::write_target(&self.path).unwrap_or_else(|_| self.path.clone());
        let stem = target.file_stem().map_or_else(|| "star-coach".into(), |s| s.to_string_lossy().into_owned());
        target.with_file_name(format!("{stem}{suffix}"))
    }

    /// Test seam: the next save fails at `point`.
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn inject_fault(&mut self, point: FaultPoint) {
        self.fault = Some(point);
    }

    /// Backups are made at most this often; tests set zero to see one on every save.
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn set_backup_interval(&mut self, interval: Duration) {
        self.backup_interval = interval;
    }

    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    fn writable(&self) -> bool {
        self.lock.is_some() && self.read_only.is_none()
    }

    /// Takes the data folder's lock for writing. Returns false, and makes the store read-only, when another
    /// star-coach holds it. Stale temp files of killed saves are swept once the lock is ours.
    pub fn lock(&mut self) -> Result<bool, StoreError> {
        let io_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, action: "lock", source }
        };
        files::prepare_folder(&self.dir).map_err(io_err(&self.dir))?;
        let lock_path = self.dir.join(LOCK_FILE_NAME);
        let file = private_options().open(&lock_path).map_err(io_err(&lock_path))?;
        match file.try_lock() {
            Ok(()) => {
                self.lock = Some(file);
                let target = files::write_target(&self.path).ok().filter(|target| *target != self.path);
                let (log, summary) = (self.log_path(), self.summary_path());
                let mut beside = vec![self.path.as_path(), log.as_path(), summary.as_path()];
                beside.extend(target.as_deref());
                backup::sweep_temps(&beside);
                Ok(true)
            }
            Err(fs::TryLockError::WouldBlock) => {
                self.read_only = Some(ReadOnly::Locked);
                Ok(false)
            }
            Err(fs::TryLockError::Error(e)) => Err(io_err(&lock_path)(e)),
        }
    }

    /// Reads the whole bank, attempts and all; a missing file is an empty bank. A file from a newer star-coach
    /// is an error.
    pub fn load(&mut self) -> Result<Bank, StoreError> {
        if let Some((_, digest)) = summary::read(&self.summary_path()) {
            // The summary's target, so a save from the command line keeps the one the app judges against.
            self.target = digest.target();
        }
        let (mut bank, log) = self.read_data(false)?;
        if let Some(log) = log {
            bank.attempts = self.read_log(&log)?;
        }
        Ok(bank)
    }

    /// Opens the data for a session of the app: the stories, and the history's figures from the summary when it
    /// matches the log (its length now, its hash at [`Store::check_log`]), else from the log read through. A
    /// data file from before version 4 is moved to the new layout here, the old file kept as a backup, when the
    /// store holds the lock. A newer file this version can still read opens read-only.
    pub fn open(&mut self, target: Target) -> Result<Opened, StoreError> {
        self.target = target;
        let (mut bank, log) = self.read_data(true)?;
        let Some(log) = log else {
            if self.single_file && self.writable() {
                self.migrate(&bank)?;
            }
            let history = HistoryIndex::build(&bank.attempts, target);
            return Ok(Opened { bank, history });
        };
        let log_path = self.log_path();
        if let Some((id, version)) = log::read_header(&log_path)?
            && id == log.id
            && version <= SCHEMA_VERSION
            && let Ok(meta) = fs::metadata(&log_path)
            && let Some((of, digest)) = summary::read(&self.summary_path())
            && of.id == id
            && of.bytes == meta.len()
            && of.bytes >= log.bytes
            && digest.target() == target
        {
            self.log = Some(LogState { id, bytes: of.bytes, hash: None, stamp: Stamp::of(&log_path) });
            self.summary_hash = Some(of.hash);
            self.on_disk = None;
            return Ok(Opened { bank, history: HistoryIndex::from_digest(digest) });
        }
        bank.attempts = self.read_log(&log)?;
        let history = HistoryIndex::build(&bank.attempts, target);
        if self.writable() {
            self.write_summary(&history);
        }
        Ok(Opened { bank, history })
    }

    /// After [`Store::open`] answered from the summary: hashes the log and compares it with the summary's hash.
    /// `None` when they agree (or there was nothing to check); else the log's attempts, read through, which the
    /// caller must take over the summary's figures (and [`Store::write_summary`] them). The coach runs the slow
    /// part, the hash, on a thread of its own: [`Store::log_check`], [`LogCheck::run`], [`Store::finish_log_check`].
    pub fn check_log(&mut self) -> Result<Option<Vec<Attempt>>, StoreError> {
        match self.log_check() {
            Some(check) => self.finish_log_check(check.run()),
            None => Ok(None),
        }
    }

    /// The check of the log against the summary the store opened from, to run on any thread; `None` when there
    /// is nothing to check. Saves may go on meanwhile.
    pub fn log_check(&mut self) -> Option<LogCheck> {
        let expected = self.summary_hash.take()?;
        let state = self.log.as_ref()?;
        Some(LogCheck { path: self.log_path(), id: state.id.clone(), bytes: state.bytes, expected })
    }

    /// Takes a check's answer, as [`Store::check_log`] gives it. A log that agrees and is as the check found it
    /// (saves of ours since are allowed for) keeps the summary's figures; anything else is read through. A log
    /// started afresh since (a restore) was written by us whole, and needs no check.
    pub fn finish_log_check(&mut self, checked: LogChecked) -> Result<Option<Vec<Attempt>>, StoreError> {
        let LogChecked { check, hash } = checked;
        let path = self.log_path();
        let Some(state) = self.log.as_mut() else { return Ok(None) };
        if state.id != check.id || state.bytes < check.bytes {
            return Ok(None);
        }
        let hash = hash?;
        // Our own appends since moved the stamp we keep with them; anyone else's did not.
        if hash.hex() == check.expected && Stamp::of(&path) == state.stamp {
            if state.hash.is_none() && state.bytes == check.bytes {
                state.hash = Some(hash);
            }
            return Ok(None);
        }
        let named = LogRef { id: state.id.clone(), bytes: 0, attempts: 0 };
        self.read_log(&named).map(Some)
    }

    /// Every attempt of the log, for the History screen after [`Store::open`] answered from the summary.
    pub fn read_attempts(&mut self) -> Result<Vec<Attempt>, StoreError> {
        let id = self.log.as_ref().map_or_else(|| self.log_id.clone(), |l| l.id.clone());
        self.read_log(&LogRef { id, bytes: 0, attempts: 0 })
    }

    /// Reads the data file. Returns the bank (with the attempts a file before version 4 holds) and, for a
    /// version 4 file, the log it names.
    fn read_data(&mut self, allow_newer: bool) -> Result<(Bank, Option<LogRef>), StoreError> {
        self.summary_hash = None;
        let Some(bytes) = read_capped(&self.path)? else {
            self.disk_hash = None;
            self.disk_stamp = None;
            self.stories_on_disk = None;
            self.plan_on_disk = PlanSettings::default();
            self.single_file = false;
            self.log = None;
            self.on_disk = Some(HashMap::new());
            return Ok((Bank::default(), None));
        };
        let parsed = match format::parse_file(&self.path, &bytes) {
            Ok(parsed) => parsed,
            Err(StoreError::Damaged { path, problem, .. }) => {
                let copy = backup::copy_aside(&path, &bytes, Utc::now()).ok();
                return Err(StoreError::Damaged { path, problem, copy });
            }
            Err(e) => return Err(e),
        };
        if parsed.version > SCHEMA_VERSION {
            if !allow_newer {
                return Err(StoreError::TooNew { path: self.path.clone(), version: parsed.version });
            }
            self.read_only = Some(ReadOnly::NewerVersion(parsed.version));
        }
        self.disk_hash = Some(hash(&bytes));
        self.disk_stamp = Stamp::of(&self.path);
        self.stories_on_disk = Some(parsed.bank.stories.clone());
        self.plan_on_disk = parsed.bank.plan;
        self.single_file = parsed.log.is_none();
        self.log = None;
        self.on_disk = if self.single_file { None } else { Some(HashMap::new()) };
        if let Some(log) = &parsed.log {
            self.log_id.clone_from(&log.id);
        }
        Ok((parsed.bank, parsed.log))
    }

    /// Reads the log the data file names through; a torn last line is cut off when the store may write.
    fn read_log(&mut self, named: &LogRef) -> Result<Vec<Attempt>, StoreError> {
        let path = self.log_path();
        let damaged = |problem: String| StoreError::Damaged { path: path.clone(), problem, copy: None };
        let Some(replayed) = log::replay(&path, None)? else {
            if named.bytes > 0 {
                return Err(damaged(format!("it is missing, and {FILE_NAME} keeps {} attempts in it", named.attempts)));
            }
            self.log = None;
            self.on_disk = Some(HashMap::new());
            return Ok(Vec::new());
        };
        if replayed.state.id != named.id {
            return Err(damaged(format!(
                "it is the attempts log {}, not the {} that {FILE_NAME} names; put that one back, or restore a backup",
                replayed.state.id, named.id
            )));
        }
        if replayed.state.bytes < named.bytes {
            return Err(damaged(format!(
                "it holds {} bytes of attempts, fewer than the {} {FILE_NAME} names: it was cut short or replaced",
                replayed.state.bytes, named.bytes
            )));
        }
        if replayed.version > SCHEMA_VERSION {
            self.read_only.get_or_insert(ReadOnly::NewerVersion(replayed.version));
        }
        let mut state = replayed.state;
        if replayed.torn > 0 && self.writable() {
            log::cut_torn(&path, &mut state)?;
        }
        self.log = Some(state);
        self.on_disk = Some(replayed.line_hashes);
        Ok(replayed.attempts)
    }

    /// The backups beside the data file, newest first.
    pub fn backups(&self) -> Vec<Backup> {
        backup::list(&self.path)
    }

    /// Writes `bank`, which could not be saved, to a new rescue file beside the data file (mode 0600), and
    /// returns its path. It is a JSON export: `star-coach import` brings it back, and the next start says where
    /// it is. Needs no lock and works on a read-only store.
    pub fn rescue(&self, bank: &Bank, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
        rescue::write(&self.dir, &serialize(bank), now)
    }
}

/// Replaces `path` with `bytes` atomically (temp file beside it, fsync, rename, fsync folder), mode 0600. A
/// symlink at `path` stays one: its target is what is replaced.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic(path, bytes, None, Keep::Nothing)
}

#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod tests;
