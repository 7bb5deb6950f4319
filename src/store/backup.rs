//! The files kept beside the data file: rotating backups, copies of damaged files, and stale temp files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::FILE_NAME;

/// How many earlier versions each save keeps (`.bak.1` is the newest).
pub const BACKUPS: usize = 3;

pub fn backup_path(path: &Path, n: usize) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".bak.{n}"));
    path.with_file_name(name)
}

/// Shifts `.bak.1`…`.bak.2` up one and makes the current file `.bak.1`. The current file is hard-linked, not
/// copied, so this costs nothing and the data file itself is never absent; a file system without hard links
/// gets a copy, written beside and renamed, never over an existing file (which may share the data file's inode).
pub fn rotate(path: &Path) -> io::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let newest = backup_path(path, 1);
    // A save killed after this step last time left `.bak.1` as the very file we would back up now.
    if same_file(path, &newest) {
        return Ok(());
    }
    for n in (1..BACKUPS).rev() {
        let (from, to) = (backup_path(path, n), backup_path(path, n + 1));
        if from.exists() {
            // rename() does nothing when both names are links to one file, so clear the way first.
            remove_if_present(&to)?;
            fs::rename(&from, &to)?;
        }
    }
    remove_if_present(&newest)?;
    if fs::hard_link(path, &newest).is_err() {
        let bytes = fs::read(path)?;
        super::write_private(&newest, &bytes).map_err(|e| io::Error::other(e.to_string()))?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

#[derive(Debug, Clone)]
pub struct Backup {
    pub number: usize,
    pub path: PathBuf,
    pub modified: Option<DateTime<Utc>>,
}

/// The backups that exist, newest first.
pub fn list(path: &Path) -> Vec<Backup> {
    (1..=BACKUPS)
        .filter_map(|number| {
            let path = backup_path(path, number);
            let meta = fs::metadata(&path).ok()?;
            let modified = meta.modified().ok().map(DateTime::<Utc>::from);
            Some(Backup { number, path, modified })
        })
        .collect()
}

/// Keeps the bytes of a file we could not read as `star-coach.json.corrupt-<time>`, once per distinct content.
pub fn copy_aside(path: &Path, bytes: &[u8], now: DateTime<Utc>) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let prefix = format!("{FILE_NAME}.corrupt-");
    for entry in fs::read_dir(dir)?.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(&prefix)
            && entry.metadata().is_ok_and(|m| m.len() == bytes.len() as u64)
            && fs::read(entry.path()).is_ok_and(|b| b == bytes)
        {
            return Ok(entry.path());
        }
    }
    let copy = dir.join(format!("{prefix}{}", now.format("%Y%m%dT%H%M%S%.3fZ")));
    super::write_private(&copy, bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(copy)
}

/// Removes temp files left by a save that was killed before it could rename (`.star-coach.json.XXXXXX`).
/// Only call this while holding the data folder's lock, when no other save can be under way.
pub fn sweep_temps(dir: &Path) -> usize {
    let prefix = format!(".{FILE_NAME}.");
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.len() == prefix.len() + 6
                && name.starts_with(&prefix)
                && name[prefix.len()..].chars().all(|c| c.is_ascii_alphanumeric())
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}
