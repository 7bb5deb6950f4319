//! What can go wrong with the data file, each said in one sentence that names the file.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::{MAX_FILE_BYTES, SCHEMA_VERSION};

/// Why a store will not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Another star-coach holds the lock on this data folder.
    Locked,
    /// The file was written by a newer star-coach; saving would drop what this one does not know.
    NewerVersion(u32),
}

impl fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnly::Locked => f.write_str("another star-coach has this data open"),
            ReadOnly::NewerVersion(v) => write!(f, "the data file is from a newer star-coach (schema version {v})"),
        }
    }
}

#[derive(Debug)]
pub enum StoreError {
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    /// The file does not parse or fails its integrity checks; `copy` is where its bytes were kept aside.
    Damaged {
        path: PathBuf,
        problem: String,
        copy: Option<PathBuf>,
    },
    NotOurs {
        path: PathBuf,
    },
    TooNew {
        path: PathBuf,
        version: u32,
    },
    TooLarge {
        path: PathBuf,
        bytes: u64,
    },
    /// A named pipe, a device, a folder: anything but a regular file, which could hang a read or never end.
    NotRegular {
        path: PathBuf,
        kind: &'static str,
    },
    /// The bank holds a value the file may not (see [`crate::validate`]); nothing was written.
    Invalid {
        path: PathBuf,
        problem: String,
    },
    /// `restore N` with no backup `N`; `count` is how many there are.
    NoBackup {
        number: usize,
        count: usize,
    },
    ChangedOnDisk {
        path: PathBuf,
    },
    ReadOnly {
        path: PathBuf,
        reason: ReadOnly,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Io { path, action, source } => write!(f, "could not {action} {}: {source}", path.display()),
            StoreError::Damaged { path, problem, copy } => {
                write!(f, "{} is not a valid star-coach data file ({problem}); it was left as it is", path.display())?;
                match copy {
                    Some(copy) => write!(f, " and a copy was kept at {}", copy.display()),
                    None => Ok(()),
                }
            }
            StoreError::NotOurs { path } => write!(
                f,
                "{} is not a star-coach data file (its \"format\" is not \"star-coach\"); it was left as it is",
                path.display()
            ),
            StoreError::TooNew { path, version } => write!(
                f,
                "{} was written by a newer star-coach (schema version {version}, this one reads up to \
                 {SCHEMA_VERSION}); upgrade star-coach to use it, it was left as it is",
                path.display()
            ),
            StoreError::TooLarge { path, bytes } => write!(
                f,
                "{} is {} MiB, over the {} MiB a star-coach data file may be; it was left as it is",
                path.display(),
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            StoreError::NotRegular { path, kind } => write!(
                f,
                "{} is {kind}, not a regular file; star-coach reads only regular files, and left it as it is",
                path.display()
            ),
            StoreError::Invalid { path, problem } => {
                write!(f, "not saving {}: {problem}, which the file may not hold", path.display())
            }
            StoreError::NoBackup { number, count: 0 } => {
                write!(f, "there is no backup {number}: there are no backups yet")
            }
            StoreError::NoBackup { number, count } => write!(
                f,
                "there is no backup {number}; there {}, numbered from 1 (the newest): `star-coach restore` lists them",
                if *count == 1 { "is 1".to_string() } else { format!("are {count}") }
            ),
            StoreError::ChangedOnDisk { path } => write!(
                f,
                "{} was changed by another program since star-coach read it; not saving over it",
                path.display()
            ),
            StoreError::ReadOnly { path, reason } => {
                write!(f, "{} is open read-only ({reason}); nothing was saved", path.display())
            }
        }
    }
}

/// The cause of an `Io` error is part of its sentence, so it is not also its `source()`: an error chain printed
/// whole (`{:#}`) would say it twice.
impl std::error::Error for StoreError {}

impl StoreError {
    /// The error as a phrase without the file's path, for a line that already names the file.
    pub fn reason(&self) -> String {
        match self {
            StoreError::Io { action, source, .. } => format!("could not {action} it: {source}"),
            StoreError::Damaged { problem, .. } => problem.clone(),
            StoreError::NotOurs { .. } => "it is not a star-coach data file".into(),
            StoreError::TooNew { version, .. } => format!("it is from a newer star-coach (schema version {version})"),
            StoreError::TooLarge { bytes, .. } => format!("it is {} MiB", bytes / (1024 * 1024)),
            StoreError::NotRegular { kind, .. } => format!("it is {kind}, not a regular file"),
            other => other.to_string(),
        }
    }
}
