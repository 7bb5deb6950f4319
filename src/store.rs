//! Loading and saving the user's data file: one JSON file, written atomically, never saved over what we could
//! not read.

mod backup;
mod error;
mod format;

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;

pub use backup::{BACKUPS, Backup, backup_path};
pub use error::{ReadOnly, StoreError};
pub use format::{parse, parse_any_version, serialize};

use crate::model::Bank;

pub const FILE_NAME: &str = "star-coach.json";
pub const FORMAT: &str = "star-coach";
/// Version 2 added an attempt's `mock` and `follow_ups`, version 3 its `drill`, `recording` and `voice` and the bank's
/// `plan` (the interview date): an older star-coach would drop them on save, so it must open a newer file read-only.
pub const SCHEMA_VERSION: u32 = 3;
/// A bank larger than this is refused rather than read into memory: 100,000 attempts take about 40 MiB.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
pub const LOCK_FILE_NAME: &str = "star-coach.lock";
/// Saves closer together than this (autosaves while typing) share one backup rotation.
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

    /// Backups rotate at most this often; tests set zero to see a rotation on every save.
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
        ensure_private_dir(&self.dir).map_err(io_err(&self.dir))?;
        let lock_path = self.dir.join(LOCK_FILE_NAME);
        let file = private_options().open(&lock_path).map_err(io_err(&lock_path))?;
        match file.try_lock() {
            Ok(()) => {
                self.lock = Some(file);
                backup::sweep_temps(&self.dir);
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
        let mut bank = match parse_any_version(&self.path, &bytes) {
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
        // Text edited by hand or by another tool may carry control characters; none reaches the screen.
        crate::validate::clean_bank(&mut bank);
        self.disk_hash = Some(hash(&bytes));
        self.disk_stamp = Stamp::of(&self.path);
        Ok(bank)
    }

    /// Writes the bank atomically, unless the store is read-only or the file changed on disk since we read it.
    pub fn save(&mut self, bank: &Bank) -> Result<(), StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly { path: self.path.clone(), reason: reason.clone() });
        }
        let stamp = Stamp::of(&self.path);
        let file_exists = stamp.is_some();
        if stamp.is_none() || stamp != self.disk_stamp {
            // Something about the file moved (or it is new to us): compare its content with what we read.
            let on_disk = read_capped(&self.path)?.map(|b| hash(&b));
            if on_disk != self.disk_hash {
                return Err(StoreError::ChangedOnDisk { path: self.path.clone() });
            }
        }
        let bytes = serialize(bank);
        let fault = self.fault.take();
        ensure_private_dir(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            action: "create the data folder",
            source,
        })?;
        let rotate = file_exists && self.last_backup.is_none_or(|at| at.elapsed() >= self.backup_interval);
        write_atomic(&self.path, &bytes, fault, rotate)?;
        if rotate {
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

    /// Makes backup `number` the data file again; the file it replaces, readable or not, becomes `.bak.1`.
    pub fn restore(&mut self, number: usize) -> Result<Bank, StoreError> {
        let path = backup_path(&self.path, number);
        let bytes = read_capped(&path)?.ok_or_else(|| StoreError::Io {
            path: path.clone(),
            action: "read",
            source: io::Error::new(io::ErrorKind::NotFound, "there is no such backup"),
        })?;
        let bank = parse(&path, &bytes)?;
        // The file being replaced may be damaged (that is often why one restores); it is kept as `.bak.1`.
        self.disk_hash = read_capped(&self.path)?.map(|b| hash(&b));
        self.disk_stamp = Stamp::of(&self.path);
        self.last_backup = None;
        self.save(&bank)?;
        Ok(bank)
    }
}

fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Replaces `path` with `bytes` atomically (temp file beside it, fsync, rename, fsync folder), mode 0600.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic(path, bytes, None, false)
}

/// The save itself; `rotate` first keeps the file being replaced as `.bak.1`.
fn write_atomic(path: &Path, bytes: &[u8], fault: Option<FaultPoint>, rotate: bool) -> Result<(), StoreError> {
    let io_err = |action| move |source| StoreError::Io { path: path.to_path_buf(), action, source };
    let injected = || io::Error::new(io::ErrorKind::StorageFull, "no space left on device (injected)");
    if fault == Some(FaultPoint::Create) {
        return Err(io_err("create a temporary file beside")(injected()));
    }
    let mut file = open_atomic(path).map_err(io_err("create a temporary file beside"))?;
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
    if rotate {
        backup::rotate(path).map_err(io_err("keep a backup of"))?;
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

pub(crate) fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(())
}

/// Reads a file whole, refusing one over [`MAX_FILE_BYTES`]; `None` when it does not exist.
pub fn read_capped(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), action: "read", source };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(e)),
    };
    if meta.is_dir() {
        let problem = "it is a folder, not a file".to_string();
        return Err(StoreError::Damaged { path: path.to_path_buf(), problem, copy: None });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge { path: path.to_path_buf(), bytes: meta.len() });
    }
    fs::read(path).map(Some).map_err(io_err)
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
mod tests {
    use super::*;
    use crate::model::{Attempt, Phase, PhaseSpan, Review, Story};

    fn sample() -> Bank {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
        let mut story = Story::new("s1".into(), "Checkout timeouts — 日本語 ✓".into(), at);
        story.actions = vec!["I traced it.".into()];
        story.prompts = vec!["simple-solution".into()];
        let attempt = Attempt {
            id: "a1".into(),
            prompt: "simple-solution".into(),
            story: Some("s1".into()),
            started_at: at,
            duration_secs: 61.5,
            phases: vec![PhaseSpan { phase: Phase::Situation, secs: 61.5 }],
            review: Review { confidence: Some(2), ..Review::default() },
            mock: None,
            follow_ups: Vec::new(),
            drill: None,
            recording: None,
            voice: None,
        };
        Bank { stories: vec![story], attempts: vec![attempt], ..Bank::default() }
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path().join("data"));
        assert_eq!(store.load().unwrap(), Bank::default(), "a missing file is an empty bank");
        store.save(&sample()).unwrap();
        let mut again = Store::new(dir.path().join("data"));
        assert_eq!(again.load().unwrap(), sample());
        let text = fs::read_to_string(again.path()).unwrap();
        let header = format!("{{\n  \"format\": \"star-coach\",\n  \"schema_version\": {SCHEMA_VERSION},");
        assert!(text.starts_with(&header), "{text}");
    }

    #[test]
    fn a_save_that_fails_at_any_step_leaves_the_old_file_as_it_was() {
        for point in [FaultPoint::Create, FaultPoint::Write, FaultPoint::Fsync, FaultPoint::Rename] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::new(dir.path());
            store.save(&Bank::default()).unwrap();
            let before = fs::read(store.path()).unwrap();
            store.inject_fault(point);
            let err = store.save(&sample()).unwrap_err();
            assert!(err.to_string().contains("no space left"), "{point:?}: {err}");
            assert!(!backup_path(store.path(), 2).exists(), "{point:?}: a failed save does not rotate twice");
            assert_eq!(fs::read(store.path()).unwrap(), before, "{point:?}");
            let left: Vec<String> = files_in(dir.path()).into_iter().filter(|f| !f.contains(".bak.")).collect();
            assert_eq!(left, vec![FILE_NAME.to_string()], "{point:?}: no temp file left");
            store.save(&sample()).expect("the retry succeeds");
            assert_eq!(Store::new(dir.path()).load().unwrap(), sample());
        }
    }

    #[test]
    fn a_change_made_by_someone_else_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        store.load().unwrap();
        store.save(&Bank::default()).unwrap();
        let mut other = Store::new(dir.path());
        other.load().unwrap();
        other.save(&sample()).unwrap();
        let theirs = fs::read(store.path()).unwrap();
        let err = store.save(&Bank::default()).unwrap_err();
        assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(fs::read(store.path()).unwrap(), theirs);
    }

    #[test]
    fn an_edit_in_place_of_the_same_length_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        store.save(&sample()).unwrap();
        let text = fs::read_to_string(store.path()).unwrap().replace("\"title\": \"Checkout", "\"title\": \"Checkin!");
        let saved_at = fs::metadata(store.path()).unwrap().modified().unwrap();
        fs::write(store.path(), &text).unwrap();
        // File times are coarse (a kernel tick); state the later time outright instead of sleeping past a tick.
        let file = fs::File::options().write(true).open(store.path()).unwrap();
        file.set_modified(saved_at + std::time::Duration::from_secs(1)).unwrap();
        assert!(matches!(store.save(&Bank::default()), Err(StoreError::ChangedOnDisk { .. })));
        assert_eq!(fs::read_to_string(store.path()).unwrap(), text);
    }

    #[test]
    fn damaged_files_name_the_place_and_are_never_saved_over() {
        let cases: [(&[u8], &str); 6] = [
            (b"", "line 1, column 0"),
            (b"{\"format\": \"star-coach\", \"schema_version\": 1, \"stories\": [", "line 1"),
            (b"\0\0\0\0", "line 1, column 1"),
            (b"{\"format\": \"star-coach\", \"schema_version\": 1, \"stories\": 5}", "invalid type"),
            (b"{\"format\": \"other-app\", \"schema_version\": 1}", "its \"format\" is not"),
            (b"{\"format\": \"star-coach\", \"schema_version\": 99, \"new\": 1}", "newer star-coach"),
        ];
        for (bytes, expected) in cases {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::new(dir.path());
            fs::write(store.path(), bytes).unwrap();
            let err = store.load().unwrap_err().to_string();
            assert!(err.contains(expected), "{bytes:?}: {err}");
            assert!(err.contains(FILE_NAME), "{err}");
            assert!(store.save(&sample()).is_err(), "a store that could not read never writes");
            assert_eq!(fs::read(store.path()).unwrap(), bytes);
        }
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut bank = sample();
        bank.stories.push(bank.stories[0].clone());
        let bytes = serialize(&bank);
        let err = parse(Path::new("x.json"), &bytes).unwrap_err().to_string();
        assert!(err.contains("two stories share the id \"s1\""), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private_even_when_the_old_one_was_not() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        fs::create_dir(&data).unwrap();
        fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
        let mut store = Store::new(&data);
        store.save(&Bank::default()).unwrap();
        fs::set_permissions(store.path(), fs::Permissions::from_mode(0o644)).unwrap();
        store.save(&sample()).unwrap();
        assert_eq!(fs::metadata(store.path()).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::metadata(&data).unwrap().permissions().mode() & 0o777, 0o700);
    }

    #[test]
    fn each_save_keeps_three_backups_and_restore_brings_one_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        store.set_backup_interval(Duration::ZERO);
        let generations: Vec<Bank> = (0..5)
            .map(|i| {
                let mut bank = sample();
                bank.stories[0].title = format!("version {i}");
                bank
            })
            .collect();
        for bank in &generations {
            store.save(bank).unwrap();
        }
        let backups = store.backups();
        assert_eq!(backups.iter().map(|b| b.number).collect::<Vec<_>>(), vec![1, 2, 3]);
        let live = store.path().to_path_buf();
        let title = |n: usize| {
            let bytes = fs::read(backup_path(&live, n)).unwrap();
            parse(Path::new("b"), &bytes).unwrap().stories[0].title.clone()
        };
        assert_eq!([title(1), title(2), title(3)], ["version 3", "version 2", "version 1"]);
        let restored = store.restore(2).unwrap();
        assert_eq!(restored.stories[0].title, "version 2");
        assert_eq!(Store::new(dir.path()).load().unwrap(), restored);
        assert_eq!(title(1), "version 4", "the file that was replaced is the newest backup");
    }

    #[test]
    fn backups_rotate_once_per_interval_not_on_every_autosave() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        for _ in 0..5 {
            store.save(&sample()).unwrap();
        }
        assert_eq!(store.backups().len(), 1, "one rotation for a burst of saves");
    }

    #[test]
    fn rotation_after_an_interrupted_save_never_empties_the_data_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        store.set_backup_interval(Duration::ZERO);
        store.save(&sample()).unwrap();
        store.save(&sample()).unwrap();
        // A save killed between its rotation and its rename leaves `.bak.1` linked to the live file, and the
        // next rotation would then find `.bak.1` and `.bak.2` to be one file.
        let live = store.path().to_path_buf();
        fs::remove_file(backup_path(&live, 1)).unwrap();
        fs::hard_link(&live, backup_path(&live, 1)).unwrap();
        fs::hard_link(&live, backup_path(&live, 2)).unwrap_or_else(|_| {
            fs::remove_file(backup_path(&live, 2)).unwrap();
            fs::hard_link(&live, backup_path(&live, 2)).unwrap();
        });
        for _ in 0..3 {
            backup::rotate(&live).unwrap();
            assert_eq!(Store::new(dir.path()).load().unwrap(), sample());
        }
        store.save(&Bank::default()).unwrap();
        assert_eq!(Store::new(dir.path()).load().unwrap(), Bank::default());
    }

    #[test]
    fn a_second_store_on_the_same_folder_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = Store::new(dir.path());
        assert!(first.lock().unwrap());
        let mut second = Store::new(dir.path());
        assert!(!second.lock().unwrap());
        assert_eq!(second.read_only(), Some(&ReadOnly::Locked));
        second.load().unwrap();
        let err = second.save(&sample()).unwrap_err().to_string();
        assert!(err.contains("read-only (another star-coach has this data open)"), "{err}");
        drop(first);
        let mut third = Store::new(dir.path());
        assert!(third.lock().unwrap(), "the lock goes with the store that held it");
    }

    #[test]
    fn a_newer_file_opens_read_only_in_the_app_and_is_refused_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        store.save(&sample()).unwrap();
        let newer = String::from_utf8(fs::read(store.path()).unwrap())
            .unwrap()
            .replace(&format!("\"schema_version\": {SCHEMA_VERSION}"), "\"schema_version\": 99");
        fs::write(store.path(), &newer).unwrap();
        let mut cli = Store::new(dir.path());
        assert!(matches!(cli.load(), Err(StoreError::TooNew { version: 99, .. })));
        let mut app = Store::new(dir.path());
        assert_eq!(app.load_for_app().unwrap(), sample());
        assert_eq!(app.read_only(), Some(&ReadOnly::NewerVersion(99)));
        assert!(app.save(&Bank::default()).is_err());
        assert_eq!(fs::read_to_string(app.path()).unwrap(), newer);
    }

    #[test]
    fn a_damaged_file_is_copied_aside_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        fs::write(store.path(), b"{ nope").unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains("a copy was kept at"), "{err}");
        store.load().unwrap_err();
        let copies: Vec<_> = files_in(dir.path()).into_iter().filter(|f| f.contains(".corrupt-")).collect();
        assert_eq!(copies.len(), 1, "{copies:?}");
        assert_eq!(fs::read(dir.path().join(&copies[0])).unwrap(), b"{ nope");
        assert_eq!(fs::read(store.path()).unwrap(), b"{ nope");
    }

    #[test]
    fn stale_temp_files_are_swept_when_the_lock_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".star-coach.json.Ab12Cd"), b"half").unwrap();
        fs::write(dir.path().join(".star-coach.json.keepme-not-ours"), b"x").unwrap();
        let mut store = Store::new(dir.path());
        assert!(store.lock().unwrap());
        let names = files_in(dir.path());
        assert!(!names.contains(&".star-coach.json.Ab12Cd".to_string()), "{names:?}");
        assert!(names.contains(&".star-coach.json.keepme-not-ours".to_string()), "{names:?}");
    }

    #[test]
    fn a_recording_is_a_file_name_or_a_pruned_object_and_never_a_path() {
        let mut bank = sample();
        bank.attempts[0].recording = Some(crate::model::Recording::of("a1"));
        let text = String::from_utf8(serialize(&bank)).unwrap();
        assert!(text.contains(r#""recording":"a1.wav""#), "{text}");
        assert_eq!(parse(Path::new("x.json"), text.as_bytes()).unwrap(), bank);
        bank.attempts[0].recording.as_mut().unwrap().pruned = true;
        let text = String::from_utf8(serialize(&bank)).unwrap();
        assert!(text.contains(r#""recording":{"file":"a1.wav","pruned":true}"#), "{text}");
        assert_eq!(parse(Path::new("x.json"), text.as_bytes()).unwrap(), bank);
        for bad in [r#""../../.ssh/id.wav""#, r#""/etc/passwd""#, r#"{"file": "a1.wav", "gone": 1}"#, "3"] {
            let damaged = text.replace(r#"{"file":"a1.wav","pruned":true}"#, bad);
            let err = parse(Path::new("x.json"), damaged.as_bytes()).unwrap_err().to_string();
            assert!(err.contains("not a valid star-coach data file"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_named() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(serialize(&sample()));
        let err = parse(Path::new("x.json"), &bytes).unwrap_err().to_string();
        assert!(err.contains("byte-order mark"), "{err}");
    }

    #[test]
    fn control_characters_in_the_file_never_reach_memory() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::new(dir.path());
        let mut bank = sample();
        bank.stories[0].title = "bad\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\r\u{9b}\u{202e}title".into();
        fs::write(store.path(), serialize(&bank)).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.stories[0].title, "bad[2J]52;c;aGk= title");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2_000, failure_persistence: None, ..Default::default() })]

        #[test]
        fn the_loader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let _ = parse(Path::new("x.json"), &bytes);
        }

        #[test]
        fn the_loader_never_panics_on_a_damaged_bank(cuts in proptest::collection::vec((0usize..4096, proptest::prelude::any::<u8>()), 1..8), truncate in 0usize..4096) {
            let mut bytes = serialize(&sample());
            for (at, byte) in cuts {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
            bytes.truncate(truncate.max(1).min(bytes.len()));
            let _ = parse(Path::new("x.json"), &bytes);
        }
    }
}
