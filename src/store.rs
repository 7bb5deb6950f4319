//! Loading and saving the user's data file: one JSON file, written atomically, never saved over what we could
//! not read.

use std::fmt;
use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Attempt, Bank, Story};
use crate::validate;

pub const FILE_NAME: &str = "star-coach.json";
pub const FORMAT: &str = "star-coach";
pub const SCHEMA_VERSION: u32 = 1;
/// A bank larger than this is refused rather than read into memory: 100,000 attempts take about 40 MiB.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug)]
pub enum StoreError {
    Io { path: PathBuf, action: &'static str, source: io::Error },
    Parse { path: PathBuf, message: String, line: usize, column: usize },
    Invalid { path: PathBuf, message: String },
    NotOurs { path: PathBuf },
    TooNew { path: PathBuf, version: u32 },
    TooLarge { path: PathBuf, bytes: u64 },
    ChangedOnDisk { path: PathBuf },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io { path, action, source } => write!(f, "could not {action} {}: {source}", path.display()),
            StoreError::Parse { path, message, line, column } => write!(
                f,
                "{} is not a valid star-coach data file (line {line}, column {column}: {message}); it was left as it is",
                path.display()
            ),
            StoreError::Invalid { path, message } => {
                write!(f, "{} is not a valid star-coach data file ({message}); it was left as it is", path.display())
            }
            StoreError::NotOurs { path } => write!(
                f,
                "{} is not a star-coach data file (its \"format\" is not \"{FORMAT}\"); it was left as it is",
                path.display()
            ),
            StoreError::TooNew { path, version } => write!(
                f,
                "{} was written by a newer star-coach (schema version {version}, this one reads up to {SCHEMA_VERSION}); \
                 upgrade star-coach to use it, it was left as it is",
                path.display()
            ),
            StoreError::TooLarge { path, bytes } => write!(
                f,
                "{} is {} MiB, over the {} MiB a star-coach data file may be; it was left as it is",
                path.display(),
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            StoreError::ChangedOnDisk { path } => write!(
                f,
                "{} was changed by another program since star-coach read it; not saving over it",
                path.display()
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    schema_version: u32,
    stories: &'a [Story],
    attempts: &'a [Attempt],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: String,
    schema_version: u32,
    #[serde(default)]
    stories: Vec<Story>,
    #[serde(default)]
    attempts: Vec<Attempt>,
}

/// Just enough of a file to tell whose it is and which version, read when the full parse fails.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    schema_version: Option<u32>,
}

/// A step of a save that a test can make fail, to prove a failed save leaves the old file as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultPoint {
    /// Creating the temporary file.
    Create,
    /// Half-way through writing it, as a full disk would.
    Write,
    /// Flushing and renaming it over the old file.
    Commit,
}

/// The data file of one data folder, and what we know of it since we last read or wrote it.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    /// Hash of the bytes on disk as we last read or wrote them; `None` when there was no file.
    disk_hash: Option<u64>,
    fault: Option<FaultPoint>,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        let dir = dir.into();
        let path = dir.join(FILE_NAME);
        Store { dir, path, disk_hash: None, fault: None }
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

    /// Reads the bank; a missing file is an empty bank.
    pub fn load(&mut self) -> Result<Bank, StoreError> {
        match read_capped(&self.path)? {
            None => {
                self.disk_hash = None;
                Ok(Bank::default())
            }
            Some(bytes) => {
                let bank = parse(&self.path, &bytes)?;
                self.disk_hash = Some(hash(&bytes));
                Ok(bank)
            }
        }
    }

    /// Writes the bank atomically, unless the file changed on disk since we read it.
    pub fn save(&mut self, bank: &Bank) -> Result<(), StoreError> {
        let on_disk = read_capped(&self.path)?.map(|b| hash(&b));
        if on_disk != self.disk_hash {
            return Err(StoreError::ChangedOnDisk { path: self.path.clone() });
        }
        let bytes = serialize(bank);
        let fault = self.fault.take();
        self.write(&bytes, fault)?;
        self.disk_hash = Some(hash(&bytes));
        Ok(())
    }

    fn write(&self, bytes: &[u8], fault: Option<FaultPoint>) -> Result<(), StoreError> {
        ensure_private_dir(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            action: "create the data folder",
            source,
        })?;
        write_atomic(&self.path, bytes, fault)
    }
}

/// Replaces `path` with `bytes` atomically (temp file beside it, fsync, rename, fsync folder), mode 0600.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_atomic(path, bytes, None)
}

fn write_atomic(path: &Path, bytes: &[u8], fault: Option<FaultPoint>) -> Result<(), StoreError> {
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
    if fault == Some(FaultPoint::Commit) {
        let _ = file.discard();
        return Err(io_err("replace")(injected()));
    }
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

fn ensure_private_dir(dir: &Path) -> io::Result<()> {
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
        return Err(StoreError::Invalid { path: path.to_path_buf(), message: "it is a folder, not a file".into() });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge { path: path.to_path_buf(), bytes: meta.len() });
    }
    fs::read(path).map(Some).map_err(io_err)
}

pub fn serialize(bank: &Bank) -> Vec<u8> {
    let file =
        FileOut { format: FORMAT, schema_version: SCHEMA_VERSION, stories: &bank.stories, attempts: &bank.attempts };
    let mut bytes = serde_json::to_vec_pretty(&file).expect("a bank always serializes");
    bytes.push(b'\n');
    bytes
}

/// Parses the bytes of a data file or a JSON export, checking its format, version and integrity.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Bank, StoreError> {
    let parse_error = |e: serde_json::Error| StoreError::Parse {
        path: path.to_path_buf(),
        message: describe_json_error(&e),
        line: e.line(),
        column: e.column(),
    };
    let file: FileIn = match serde_json::from_slice(bytes) {
        Ok(file) => file,
        Err(full_error) => {
            // Tell "not ours" and "too new" apart from plain damage: those deserve their own sentence.
            if let Ok(header) = serde_json::from_slice::<Header>(bytes) {
                if header.format.as_deref().is_some_and(|f| f != FORMAT) {
                    return Err(StoreError::NotOurs { path: path.to_path_buf() });
                }
                if let Some(version) = header.schema_version.filter(|&v| v > SCHEMA_VERSION) {
                    return Err(StoreError::TooNew { path: path.to_path_buf(), version });
                }
            }
            return Err(parse_error(full_error));
        }
    };
    if file.format != FORMAT {
        return Err(StoreError::NotOurs { path: path.to_path_buf() });
    }
    if file.schema_version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), version: file.schema_version });
    }
    let bank = Bank { stories: file.stories, attempts: file.attempts };
    validate::bank(&bank).map_err(|message| StoreError::Invalid { path: path.to_path_buf(), message })?;
    Ok(bank)
}

fn describe_json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; we say where ourselves.
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
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
        };
        Bank { stories: vec![story], attempts: vec![attempt] }
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
        assert!(text.starts_with("{\n  \"format\": \"star-coach\",\n  \"schema_version\": 1,"), "{text}");
    }

    #[test]
    fn a_save_that_fails_at_any_step_leaves_the_old_file_as_it_was() {
        for point in [FaultPoint::Create, FaultPoint::Write, FaultPoint::Commit] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::new(dir.path());
            store.save(&Bank::default()).unwrap();
            let before = fs::read(store.path()).unwrap();
            store.inject_fault(point);
            let err = store.save(&sample()).unwrap_err();
            assert!(err.to_string().contains("no space left"), "{point:?}: {err}");
            assert_eq!(fs::read(store.path()).unwrap(), before, "{point:?}");
            assert_eq!(files_in(dir.path()), vec![FILE_NAME.to_string()], "{point:?}: no temp file left");
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
    fn damaged_files_name_the_place_and_are_never_saved_over() {
        let cases: [(&[u8], &str); 6] = [
            (b"", "line 1, column 0"),
            (b"{\"format\": \"star-coach\", \"schema_version\": 1, \"stories\": [", "line 1"),
            (b"\0\0\0\0", "line 1, column 1"),
            (b"{\"format\": \"star-coach\", \"schema_version\": 1, \"stories\": 5}", "invalid type"),
            (b"{\"format\": \"other-app\", \"schema_version\": 1}", "its \"format\" is not"),
            (b"{\"format\": \"star-coach\", \"schema_version\": 2, \"new\": 1}", "newer star-coach"),
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
}
