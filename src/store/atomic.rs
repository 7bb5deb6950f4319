//! Whole-file writes that a crash cannot leave half done (temp file beside, fsync, rename, fsync the folder),
//! capped reads, and what tells us a file changed since we last saw it.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Write};
use std::path::Path;

use chrono::Utc;

use super::{FaultPoint, MAX_FILE_BYTES, StoreError, backup};
use crate::files::{self, ReadError};

/// What a write does with the version it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    Nothing,
    /// Keeps it as a backup, and lets the generations drop the backups they no longer need.
    AndPrune,
    /// Keeps it as a backup and removes none: a restore never destroys a version.
    AndRemoveNone,
}

pub(super) fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

pub(super) fn injected() -> io::Error {
    io::Error::new(io::ErrorKind::StorageFull, "no space left on device (injected)")
}

/// Replaces `path` with `bytes` atomically; `keep` first keeps the file being replaced as a backup, once the new
/// bytes are on disk. A symlink at `path` stays one: its target is what is replaced.
pub(super) fn write_atomic(path: &Path, bytes: &[u8], fault: Option<FaultPoint>, keep: Keep) -> Result<(), StoreError> {
    let io_err = |action| move |source| StoreError::Io { path: path.to_path_buf(), action, source };
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

/// Maps why a file was not read to the store's sentence about it.
pub(super) fn read_error(path: &Path, e: ReadError) -> StoreError {
    match e {
        ReadError::NotRegular(kind) => StoreError::NotRegular { path: path.to_path_buf(), kind },
        ReadError::TooLarge { at_least } => StoreError::TooLarge { path: path.to_path_buf(), bytes: at_least },
        ReadError::Io(source) => StoreError::Io { path: path.to_path_buf(), action: "read", source },
    }
}

/// Reads a regular file whole, refusing one over [`MAX_FILE_BYTES`]; `None` when it does not exist.
pub fn read_capped(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    files::read_regular(path, MAX_FILE_BYTES).map_err(|e| read_error(path, e))
}

/// Which file is at a path and when it last changed: a rename over it or a write into it changes this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Stamp {
    pub(super) fn of(path: &Path) -> Option<Stamp> {
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

pub(super) fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}
