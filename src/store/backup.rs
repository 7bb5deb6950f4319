//! The versions kept beside the data file, and the other files star-coach leaves there: copies of damaged files
//! and the temp files of killed saves.
//!
//! Each backup is named by the time its version was saved (`star-coach.json.bak.20261101T100000.000Z`), so a
//! backup never changes name and keeping one never moves another. Generations span time: the last few saves, the
//! newest version of each of the last seven days and of each of the last five weeks; older ones are removed when
//! a save makes a new backup, never by a restore.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike as _, NaiveDateTime, Utc};
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::FILE_NAME;

/// Backups of the latest saves kept whatever their age.
pub const KEEP_RECENT: usize = 5;
/// Days back for which the newest version of each day is kept.
pub const KEEP_DAILY: i64 = 7;
/// Weeks back for which the newest version of each week is kept.
pub const KEEP_WEEKLY: i64 = 5;

const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// One kept version of the data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// 1 is the newest; the number `star-coach restore N` takes.
    pub number: usize,
    pub path: PathBuf,
    /// When this version was saved; `None` for an old `.bak.N` whose time cannot be read.
    pub saved_at: Option<DateTime<Utc>>,
}

/// What a backup holds, for choosing one before bringing it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bank {
        stories: usize,
        attempts: usize,
    },
    /// Why it cannot be read, in a phrase.
    Unreadable(String),
}

impl Backup {
    /// Counts its stories and attempts without building them, so listing many large backups stays quick;
    /// a restore still checks the whole file before it brings it back.
    pub fn contents(&self) -> Contents {
        #[derive(Deserialize)]
        struct Counts {
            format: String,
            schema_version: u32,
            #[serde(default)]
            stories: Vec<IgnoredAny>,
            #[serde(default)]
            attempts: Vec<IgnoredAny>,
            /// Since version 4: the attempts are in the log, and the data file says how many it kept there.
            #[serde(default)]
            attempts_log: Option<super::LogRef>,
        }
        let bytes = match super::read_capped(&self.path) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Contents::Unreadable("it is gone".into()),
            Err(e) => return Contents::Unreadable(e.reason()),
        };
        match serde_json::from_slice::<Counts>(&bytes) {
            Ok(c) if c.format == super::FORMAT && (1..=super::SCHEMA_VERSION).contains(&c.schema_version) => {
                let attempts = c.attempts_log.map_or(c.attempts.len(), |log| log.attempts);
                Contents::Bank { stories: c.stories.len(), attempts }
            }
            Ok(c) if c.format == super::FORMAT => {
                Contents::Unreadable(format!("schema version {} is not one this star-coach reads", c.schema_version))
            }
            Ok(_) => Contents::Unreadable("it is not a star-coach data file".into()),
            Err(e) => Contents::Unreadable(format!("it does not parse at line {}, column {}", e.line(), e.column())),
        }
    }
}

fn prefix() -> String {
    format!("{FILE_NAME}.bak.")
}

/// What a file's name says of it as a backup.
enum Named {
    /// One of ours, saved at this time.
    Stamped(DateTime<Utc>),
    /// An old `.bak.N`: dated by its file.
    Numbered,
}

/// The backup `name` names, or `None` when it is not a backup's.
fn backup_name(name: &str) -> Option<Named> {
    let rest = name.strip_prefix(&prefix())?;
    if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Named::Numbered);
    }
    // A second version saved in the same millisecond gets `-2`, `-3`… after the stamp.
    let stamp = match rest.split_once('-') {
        Some((stamp, n)) if n.bytes().all(|b| b.is_ascii_digit()) => stamp,
        Some(_) => return None,
        None => rest,
    };
    NaiveDateTime::parse_from_str(stamp, STAMP).ok().map(|t| Named::Stamped(t.and_utc()))
}

/// The backups beside `path`, newest first, numbered from 1; ties in time go by name, so the order is stable.
pub fn list(path: &Path) -> Vec<Backup> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<(Option<DateTime<Utc>>, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let saved_at = match backup_name(&name)? {
                Named::Stamped(at) => Some(at),
                Named::Numbered => entry.metadata().and_then(|m| m.modified()).ok().map(DateTime::<Utc>::from),
            };
            Some((saved_at, entry.path()))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    found.into_iter().enumerate().map(|(i, (saved_at, path))| Backup { number: i + 1, path, saved_at }).collect()
}

/// Keeps the version now at `path` (the data file; `source` is the file it is, past any symlink) as a new backup,
/// then, when `prune` is set, removes the backups the generations no longer need. A version already kept (a save
/// killed after this step last time) is not kept twice.
pub fn keep_current(path: &Path, source: &Path, now: DateTime<Utc>, prune: bool) -> io::Result<()> {
    let meta = match fs::metadata(source) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let existing = list(path);
    if !existing.iter().any(|b| same_file(&meta, &b.path)) {
        let saved_at = meta.modified().map_or(now, DateTime::<Utc>::from);
        let name = format!("{}{}", prefix(), saved_at.format(STAMP));
        let mut backup = path.with_file_name(&name);
        for n in 2.. {
            if fs::symlink_metadata(&backup).is_err() {
                break;
            }
            backup = path.with_file_name(format!("{name}-{n}"));
        }
        if !(is_private(&meta) && fs::hard_link(source, &backup).is_ok()) {
            // A copy, not a link, when the file is not 0600 (a link would share its mode) or lives elsewhere.
            let bytes = fs::read(source)?;
            super::write_private(&backup, &bytes).map_err(|e| io::Error::other(e.to_string()))?;
            if let Ok(modified) = meta.modified() {
                let _ = fs::File::options().write(true).open(&backup).and_then(|f| f.set_modified(modified));
            }
        }
    }
    if prune {
        let backups = list(path);
        let keep = retained(&backups.iter().map(|b| b.saved_at).collect::<Vec<_>>(), now);
        for (backup, keep) in backups.iter().zip(keep) {
            if !keep {
                remove_if_present(&backup.path)?;
            }
        }
    }
    Ok(())
}

/// Which of the backups (their times, newest first) the generations keep at `now`: the [`KEEP_RECENT`] newest,
/// and the newest of each day for [`KEEP_DAILY`] days and of each week for [`KEEP_WEEKLY`] weeks. One whose time
/// is unknown or in the future (the clock went back) is kept: nothing is removed on a guess.
pub fn retained(times: &[Option<DateTime<Utc>>], now: DateTime<Utc>) -> Vec<bool> {
    let mut days = HashSet::new();
    let mut weeks = HashSet::new();
    times
        .iter()
        .enumerate()
        .map(|(i, time)| {
            let Some(time) = time.filter(|t| *t <= now) else { return true };
            let age_days = (now.date_naive() - time.date_naive()).num_days();
            let week = time.iso_week();
            // Both sets see every backup, newest first, so each keeps its bucket's newest.
            let newest_of_day = days.insert(time.date_naive());
            let newest_of_week = weeks.insert((week.year(), week.week()));
            i < KEEP_RECENT
                || (newest_of_day && age_days < KEEP_DAILY)
                || (newest_of_week && age_days < KEEP_WEEKLY * 7)
        })
        .collect()
}

fn is_private(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        meta.permissions().mode() & 0o777 == 0o600
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn same_file(meta: &fs::Metadata, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(other).is_ok_and(|b| meta.dev() == b.dev() && meta.ino() == b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &Path) -> bool {
    false
}

/// Keeps the bytes of a file we could not read as `<its name>.corrupt-<time>`, once per distinct content.
pub fn copy_aside(path: &Path, bytes: &[u8], now: DateTime<Utc>) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!("{name}.corrupt-");
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

/// Moves the file at `path` aside, whole, as `<its name>.<why>-<time>` (never over another file): a log no data
/// file names, or one that cannot be read, before a new one takes its place.
pub fn set_aside(path: &Path, why: &str, now: DateTime<Utc>) -> io::Result<PathBuf> {
    let name = path.file_name().map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy().into_owned());
    let base = format!("{name}.{why}-{}", now.format(STAMP));
    let mut aside = path.with_file_name(&base);
    for n in 2.. {
        if fs::symlink_metadata(&aside).is_err() {
            break;
        }
        aside = path.with_file_name(format!("{base}-{n}"));
    }
    fs::rename(path, &aside)?;
    Ok(aside)
}

/// The attempts log with `id`: the one at `current`, or one kept aside beside it.
pub fn find_log(current: &Path, id: &str) -> Option<PathBuf> {
    let has_id = |path: &Path| super::log::read_header(path).ok().flatten().is_some_and(|(found, _)| found == id);
    if has_id(current) {
        return Some(current.to_path_buf());
    }
    let name = current.file_name()?.to_string_lossy().into_owned();
    let mut aside: Vec<PathBuf> = fs::read_dir(current.parent()?)
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&format!("{name}.")))
        .map(|e| e.path())
        .collect();
    aside.sort();
    aside.into_iter().find(|path| has_id(path))
}

/// Removes temp files left beside each of `files` by a save killed before it could rename (`.<name>.XXXXXX`),
/// listing each folder once. Only call this while holding the data folder's lock, when no other save can be under
/// way.
pub fn sweep_temps(files: &[&Path]) -> usize {
    let mut folders: Vec<(&Path, Vec<String>)> = Vec::new();
    for file in files {
        let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else { continue };
        let prefix = format!(".{}.", name.to_string_lossy());
        match folders.iter_mut().find(|(known, _)| *known == dir) {
            Some((_, prefixes)) => prefixes.push(prefix),
            None => folders.push((dir, vec![prefix])),
        }
    }
    let is_temp = |name: &str, prefix: &str| {
        name.len() == prefix.len() + 6
            && name.starts_with(prefix)
            && name[prefix.len()..].chars().all(|c| c.is_ascii_alphanumeric())
    };
    let mut removed = 0;
    for (dir, prefixes) in folders {
        let Ok(entries) = fs::read_dir(dir) else { continue };
        removed += entries
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                prefixes.iter().any(|prefix| is_temp(&name, prefix))
            })
            .filter(|e| fs::remove_file(e.path()).is_ok())
            .count();
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn generations_keep_recent_saves_then_one_a_day_then_one_a_week() {
        let now = at("2026-11-30T20:00:00Z");
        // Newest first: an evening of saves, two on each of the days before, and older ones.
        let mut times: Vec<DateTime<Utc>> = (0..8).map(|i| now - chrono::Duration::minutes(6 * (i + 1))).collect();
        for day in 1..=10 {
            let noon = now - chrono::Duration::days(day);
            times.extend([noon, noon - chrono::Duration::hours(2)]);
        }
        times.extend([now - chrono::Duration::days(20), now - chrono::Duration::days(40)]);
        let keep = retained(&times.iter().copied().map(Some).collect::<Vec<_>>(), now);
        let kept: Vec<DateTime<Utc>> = times.iter().zip(&keep).filter(|(_, k)| **k).map(|(t, _)| *t).collect();
        assert_eq!(&kept[..5], &times[..5], "the five latest saves");
        assert!(!kept.contains(&times[5]), "an older save of today goes");
        for day in 1..=6 {
            let noon = now - chrono::Duration::days(day);
            assert!(kept.contains(&noon), "the newest of {day} days ago");
            assert!(!kept.contains(&(noon - chrono::Duration::hours(2))), "not two of one day");
        }
        assert!(kept.contains(&(now - chrono::Duration::days(20))), "one of three weeks ago");
        assert!(!kept.contains(&(now - chrono::Duration::days(40))), "none past five weeks");
        assert!(kept.len() < 20, "{}", kept.len());
    }

    #[test]
    fn undated_and_future_backups_are_kept() {
        let now = at("2026-11-30T20:00:00Z");
        let mut times = vec![None; 6];
        times.push(Some(now + chrono::Duration::days(3)));
        times.push(Some(now - chrono::Duration::days(300)));
        assert_eq!(retained(&times, now), [true, true, true, true, true, true, true, false]);
    }

    #[test]
    fn names_read_back_as_times_and_old_numbered_backups_still_count() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join(FILE_NAME);
        for name in
            ["bak.20261101T100000.000Z", "bak.20261101T100000.000Z-2", "bak.3", "bak.x", "corrupt-1", "bak.2026"]
        {
            fs::write(dir.path().join(format!("{FILE_NAME}.{name}")), b"{}").unwrap();
        }
        let listed: Vec<String> =
            list(&data).iter().map(|b| b.path.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(listed.len(), 4, "{listed:?}");
        assert_eq!(
            &listed[2..],
            [format!("{FILE_NAME}.bak.20261101T100000.000Z-2"), format!("{FILE_NAME}.bak.20261101T100000.000Z")]
        );
    }
}
