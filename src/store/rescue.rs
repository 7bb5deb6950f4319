//! Rescue files: what could not be saved (the file changed on disk, or the store was read-only), written beside
//! the data file so nothing typed is lost, and found again at the next start.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::StoreError;

/// A rescue file's name starts with this; the rest is the time it was written and `.json`.
pub const RESCUE_PREFIX: &str = "star-coach-rescue-";

/// Writes `bytes` to a new rescue file in `dir`, mode 0600, never over an existing file; returns its path.
pub(super) fn write(dir: &Path, bytes: &[u8], now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
    let stamp = now.format("%Y%m%dT%H%M%S%.3fZ");
    let mut path = dir.join(format!("{RESCUE_PREFIX}{stamp}.json"));
    for n in 2.. {
        if fs::symlink_metadata(&path).is_err() {
            break;
        }
        path = dir.join(format!("{RESCUE_PREFIX}{stamp}-{n}.json"));
    }
    crate::files::prepare_folder(dir).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        action: "write a rescue file in",
        source,
    })?;
    super::write_private(&path, bytes)?;
    Ok(path)
}

/// The rescue files in `dir`, oldest first.
pub fn rescue_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let json = Path::new(&name).extension().is_some_and(|x| x.eq_ignore_ascii_case("json"));
            name.starts_with(RESCUE_PREFIX) && json && e.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|e| e.path())
        .collect();
    // By time, then by the `-2`, `-3` of a second rescue in the same millisecond.
    found.sort_by_key(|path| {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        match name.rsplit_once('-').and_then(|(stamp, n)| Some((stamp.to_string(), n.parse::<u32>().ok()?))) {
            Some(numbered) => numbered,
            None => (name, 1),
        }
    });
    found
}

/// The sentence that says rescue files are waiting and how to bring them back; `None` when there are none.
pub fn rescue_notice(files: &[PathBuf]) -> Option<String> {
    let newest = files.last()?.display();
    Some(match files.len() {
        1 => format!(
            "changes that could not be saved are in {newest}; bring them back with `star-coach import {newest}`, \
             then delete that file"
        ),
        n => format!(
            "{n} rescue files hold changes that could not be saved, the newest {newest}; bring each back with \
             `star-coach import FILE`, then delete it"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bank, Story};
    use crate::store::{Store, parse};

    #[test]
    fn a_rescue_file_is_private_new_each_time_and_imports_as_the_bank() {
        let dir = tempfile::tempdir().unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
        let mut bank = Bank::default();
        bank.stories.push(Story::new("s1".into(), "typed before the save was refused".into(), now));
        let store = Store::new(dir.path());
        assert_eq!(rescue_notice(&rescue_files(dir.path())), None);
        let first = store.rescue(&bank, now).unwrap();
        let second = store.rescue(&Bank::default(), now).unwrap();
        assert_ne!(first, second, "a second rescue in the same millisecond does not overwrite the first");
        assert_eq!(parse(&first, &fs::read(&first).unwrap()).unwrap(), bank);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(fs::metadata(&first).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(rescue_files(dir.path()), vec![first.clone(), second.clone()]);
        let notice = rescue_notice(&rescue_files(dir.path())).unwrap();
        assert!(notice.starts_with("2 rescue files hold changes that could not be saved"), "{notice}");
        assert!(notice.contains(&second.display().to_string()), "{notice}");
        fs::remove_file(&second).unwrap();
        let notice = rescue_notice(&rescue_files(dir.path())).unwrap();
        assert!(notice.contains(&format!("`star-coach import {}`", first.display())), "{notice}");
    }
}
