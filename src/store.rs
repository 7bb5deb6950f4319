//! Loading and saving the user's data file: one JSON file, written atomically, never saved over what we could
//! not read.

mod backup;
mod error;
mod format;
mod rescue;

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

pub use backup::{Backup, Contents, KEEP_DAILY, KEEP_RECENT, KEEP_WEEKLY};
pub use error::{ReadOnly, StoreError};
pub use format::{parse, parse_any_version, serialize};
pub use rescue::{RESCUE_PREFIX, rescue_files, rescue_notice};

use crate::files::{self, ReadError};
use crate::model::Bank;

pub const FILE_NAME: &str = "star-coach.json";
pub const FORMAT: &str = "star-coach";
/// Version 2 added an attempt's `mock` and `follow_ups`, version 3 its `drill`, `recording` and `voice` and a
/// story's `conflict_with` and `import_base`: an older star-coach would drop them on save, so it must open a newer
/// file read-only.
pub const SCHEMA_VERSION: u32 = 3;
/// A bank larger than this is refused rather than read into memory: 100,000 attempts take about 40 MiB.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
pub const LOCK_FILE_NAME: &str = "star-coach.lock";
/// Saves closer together than this (autosaves while typing) share one backup.
pub const BACKUP_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// A step of a save that a test can make fail, to prove a failed save leaves the old file as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultPoint {
    /// Creating the temporary file.
    Create,
    /// Half-way through writing it, as a full disk would.
    Write,
    /// Flushing it to disk.
    Fsync,
    /// Renaming it over the old file.
    Rename,
}

/// What a write does with the version it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    Nothing,
    /// Keeps it as a backup, and lets the generations drop the backups they no longer need.
    AndPrune,
    /// Keeps it as a backup and removes none: a restore never destroys a version.
    AndRemoveNone,
}

/// The data file of one data folder, and what we know of it since we last read or wrote it.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    /// Hash of the bytes on disk as we last read or wrote them; `None` when there was no file.
    disk_hash: Option<u64>,
    /// The file's identity and timestamps when we last read or wrote it: when they are unchanged the content
    /// is too, so a save need not read a large file back to compare hashes.
    disk_stamp: Option<Stamp>,
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

    /// Test seam: the next save fails at `point`.
    pub fn inject_fault(&mut self, point: FaultPoint) {
        self.fault = Some(point);
    }

    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Backups are made at most this often; tests set zero to see one on every save.
    pub fn set_backup_interval(&mut self, interval: Duration) {
        self.backup_interval = interval;
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
                backup::sweep_temps(&self.path);
                if let Ok(target) = files::write_target(&self.path)
                    && target != self.path
                {
                    backup::sweep_temps(&target);
                }
                Ok(true)
            }
            Err(fs::TryLockError::WouldBlock) => {
                self.read_only = Some(ReadOnly::Locked);
                Ok(false)
            }
            Err(fs::TryLockError::Error(e)) => Err(io_err(&lock_path)(e)),
        }
    }

    /// Reads the bank; a missing file is an empty bank. A file from a newer star-coach is an error.
    pub fn load(&mut self) -> Result<Bank, StoreError> {
        self.load_inner(false)
    }

    /// Reads the bank for the app: as [`Store::load`], except that a newer file this version can still read
    /// opens read-only instead of failing.
    pub fn load_for_app(&mut self) -> Result<Bank, StoreError> {
        self.load_inner(true)
    }

    fn load_inner(&mut self, allow_newer: bool) -> Result<Bank, StoreError> {
        let Some(bytes) = read_capped(&self.path)? else {
            self.disk_hash = None;
            return Ok(Bank::default());
        };
        let bank = match parse_any_version(&self.path, &bytes) {
            Ok((bank, version)) if version > SCHEMA_VERSION => {
                if !allow_newer {
                    return Err(StoreError::TooNew { path: self.path.clone(), version });
                }
                self.read_only = Some(ReadOnly::NewerVersion(version));
                bank
            }
            Ok((bank, _)) => bank,
            Err(StoreError::Damaged { path, problem, .. }) => {
                let copy = backup::copy_aside(&path, &bytes, Utc::now()).ok();
                return Err(StoreError::Damaged { path, problem, copy });
            }
            Err(e) => return Err(e),
        };
        self.disk_hash = Some(hash(&bytes));
        self.disk_stamp = Stamp::of(&self.path);
        Ok(bank)
    }

    /// Writes the bank atomically, unless the store is read-only or the file changed on disk since we read it.
    pub fn save(&mut self, bank: &Bank) -> Result<(), StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly { path: self.path.clone(), reason: reason.clone() });
        }
        // Never write what the next start would refuse to read.
        crate::validate::bank(bank).map_err(|problem| StoreError::Invalid { path: self.path.clone(), problem })?;
        let stamp = Stamp::of(&self.path);
        if stamp.is_none() || stamp != self.disk_stamp {
            // Something about the file moved (or it is new to us): compare its content with what we read.
            let on_disk = read_capped(&self.path)?.map(|b| hash(&b));
            if on_disk != self.disk_hash {
                return Err(StoreError::ChangedOnDisk { path: self.path.clone() });
            }
        }
        let due = self.last_backup.is_none_or(|at| at.elapsed() >= self.backup_interval);
        self.write(bank, if stamp.is_some() && due { Keep::AndPrune } else { Keep::Nothing })
    }

    /// The write itself, once the checks are done: the folder, the file, and what becomes of the old version.
    fn write(&mut self, bank: &Bank, keep: Keep) -> Result<(), StoreError> {
        let bytes = serialize(bank);
        let fault = self.fault.take();
        files::prepare_folder(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            action: "write in the data folder",
            source,
        })?;
        write_atomic(&self.path, &bytes, fault, keep)?;
        if keep != Keep::Nothing {
            self.last_backup = Some(Instant::now());
        }
        self.disk_hash = Some(hash(&bytes));
        self.disk_stamp = Stamp::of(&self.path);
        Ok(())
    }

    /// The backups beside the data file, newest first.
    pub fn backups(&self) -> Vec<Backup> {
        backup::list(&self.path)
    }

    /// Makes backup `number` (as [`Store::backups`] numbers them) the data file again. The file it replaces,
    /// readable or not, is kept as a new backup first, and no backup is removed, so every version that existed
    /// before a restore, finished or interrupted, exists after it.
    pub fn restore(&mut self, number: usize) -> Result<Bank, StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly { path: self.path.clone(), reason: reason.clone() });
        }
        let backups = self.backups();
        let backup = number
            .checked_sub(1)
            .and_then(|i| backups.get(i))
            .ok_or(StoreError::NoBackup { number, count: backups.len() })?;
        let bytes = read_capped(&backup.path)?.ok_or(StoreError::NoBackup { number, count: backups.len() })?;
        let bank = parse(&backup.path, &bytes)?;
        self.write(&bank, Keep::AndRemoveNone)?;
        Ok(bank)
    }

    /// Writes `bank`, which could not be saved, to a new rescue file beside the data file (mode 0600), and
    /// returns its path. It is a JSON export: `star-coach import` brings it back, and the next start says where
    /// it is. Needs no lock and works on a read-only store.
    pub fn rescue(&self, bank: &Bank, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
        rescue::write(&self.dir, &serialize(bank), now)
    }
}

fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Replaces `path` with `bytes` atomically (temp file beside it, fsync, rename, fsync folder), mode 0600. A
/// symlink at `path` stays one: its target is what is replaced.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic(path, bytes, None, Keep::Nothing)
}

/// The save itself; `keep` first keeps the file being replaced as a backup, once the new bytes are on disk.
fn write_atomic(path: &Path, bytes: &[u8], fault: Option<FaultPoint>, keep: Keep) -> Result<(), StoreError> {
    let io_err = |action| move |source| StoreError::Io { path: path.to_path_buf(), action, source };
    let injected = || io::Error::new(io::ErrorKind::StorageFull, "no space left on device (injected)");
    let target = files::write_target(path).map_err(io_err("follow the link"))?;
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        files::check_folder(folder).map_err(io_err("write beside"))?;
    }
    if fault == Some(FaultPoint::Create) {
        return Err(io_err("create a temporary file beside")(injected()));
    }
    let mut file = open_atomic(&target).map_err(io_err("create a temporary file beside"))?;
    if fault == Some(FaultPoint::Write) {
        file.write_all(&bytes[..bytes.len() / 2]).map_err(io_err("write"))?;
        let _ = file.discard();
        return Err(io_err("write")(injected()));
    }
    file.write_all(bytes).map_err(io_err("write"))?;
    if fault == Some(FaultPoint::Fsync) {
        let _ = file.discard();
        return Err(io_err("flush to disk")(injected()));
    }
    if keep != Keep::Nothing {
        backup::keep_current(path, &target, Utc::now(), keep == Keep::AndPrune).map_err(io_err("keep a backup of"))?;
    }
    if fault == Some(FaultPoint::Rename) {
        let _ = file.discard();
        return Err(io_err("replace")(injected()));
    }
    // Commit flushes the temp file, renames it over the old one, and flushes the folder.
    file.commit().map_err(io_err("replace"))?;
    Ok(())
}

#[cfg(unix)]
fn open_atomic(path: &Path) -> io::Result<atomic_write_file::AtomicWriteFile> {
    use atomic_write_file::unix::OpenOptionsExt as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let file = atomic_write_file::OpenOptions::new().preserve_mode(false).mode(0o600).open(path)?;
    // The mode above is filtered by the umask; set it outright so an old 0644 file does not leak.
    use std::os::unix::fs::PermissionsExt as _;
    file.as_file().set_permissions(fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

#[cfg(not(unix))]
fn open_atomic(path: &Path) -> io::Result<atomic_write_file::AtomicWriteFile> {
    atomic_write_file::AtomicWriteFile::open(path)
}

/// Reads a regular file whole, refusing one over [`MAX_FILE_BYTES`]; `None` when it does not exist.
pub fn read_capped(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    files::read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::NotRegular(kind) => StoreError::NotRegular { path: path.to_path_buf(), kind },
        ReadError::TooLarge { at_least } => StoreError::TooLarge { path: path.to_path_buf(), bytes: at_least },
        ReadError::Io(source) => StoreError::Io { path: path.to_path_buf(), action: "read", source },
    })
}

/// Which file is at a path and when it last changed: a rename over it or a write into it changes this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino())
            },
        })
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests;
