//! The recordings folder beside the data file: one WAV per saved attempt, `recordings/<attempt id>.wav`, mode
//! 0600 in a 0700 folder. The folder follows the saved bank: after every successful save, [`Recordings::tidy`]
//! deletes what no attempt names (a deleted attempt's recording, a pruned one), so nothing is ever deleted that
//! a bank on disk still needs, and nothing is left that none does.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::audio::{PendingRecording, TempRecording};
use crate::model::{Attempt, Bank, Recording};

pub const DIR_NAME: &str = "recordings";
/// A recording in progress: `.recording-<random>.wav.part`, hidden and never named by an attempt.
const TEMP_PREFIX: &str = ".recording-";
const TEMP_SUFFIX: &str = ".wav.part";
/// The default limit of `[voice] max_mb`: about four hours of answers.
pub const DEFAULT_MAX_MB: u64 = 500;

/// The recordings folder of a data folder.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DIR_NAME)
}

/// Creates a new temporary recording in `dir` (made 0700 if star-coach creates it), open for writing, mode 0600.
pub(crate) fn create_temp(dir: &Path) -> io::Result<(PathBuf, File)> {
    crate::files::prepare_folder(dir)?;
    let path = dir.join(format!("{TEMP_PREFIX}{}{TEMP_SUFFIX}", crate::model::new_id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).read(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path)?;
    #[cfg(unix)]
    {
        // The mode above passes through the umask; a recording is as private as the data file.
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok((path, file))
}

/// What can be said of an attempt's recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordingStatus {
    /// The attempt was not recorded.
    None,
    /// The file is there to play.
    Ready(PathBuf),
    /// Deleted to keep the folder under `[voice] max_mb`.
    Pruned,
    /// Named but not there (deleted by hand, or the folder was not copied along).
    Missing(PathBuf),
}

impl RecordingStatus {
    /// One sentence for the screen when there is nothing to play.
    pub fn sentence(&self) -> Option<String> {
        match self {
            RecordingStatus::None => Some("This answer was not recorded.".into()),
            RecordingStatus::Ready(_) => None,
            RecordingStatus::Pruned => {
                Some("The recording was deleted to keep recordings under [voice] max_mb; the timing stays.".into())
            }
            RecordingStatus::Missing(path) => Some(format!("The recording is gone: {} is missing.", path.display())),
        }
    }
}

/// Files and bytes in the recordings folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub files: usize,
    pub bytes: u64,
}

impl Usage {
    /// "3 recordings, 5.8 MB".
    pub fn describe(&self) -> String {
        let mb = self.bytes as f64 / 1_000_000.0;
        let files = if self.files == 1 { "1 recording".to_string() } else { format!("{} recordings", self.files) };
        format!("{files}, {mb:.1} MB")
    }
}

/// The recordings folder of one data folder and its size limit.
#[derive(Debug, Clone)]
pub struct Recordings {
    dir: PathBuf,
    max_bytes: u64,
}

impl Recordings {
    /// The folder beside the data file in `data_dir`, kept under `max_mb` megabytes (10^6 bytes).
    pub fn new(data_dir: &Path, max_mb: u64) -> Recordings {
        Recordings { dir: dir(data_dir), max_bytes: max_mb.saturating_mul(1_000_000) }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path_of(&self, recording: &Recording) -> PathBuf {
        self.dir.join(&recording.file)
    }

    /// Moves a finished recording into place as `<attempt id>.wav` and names it in the attempt. Do this before
    /// saving the attempt: a crash between the two leaves a file no attempt names, which the next start removes.
    pub fn keep(&self, temp: TempRecording, attempt: &mut Attempt) -> io::Result<()> {
        let recording = Recording::of(&attempt.id);
        temp.keep(&self.path_of(&recording))?;
        attempt.recording = Some(recording);
        Ok(())
    }

    /// Waits for a finished answer's recording and keeps it with `attempt` (see [`Recordings::keep`]); the
    /// error is the sentence to show when there is none.
    pub fn attach(&self, pending: PendingRecording, attempt: &mut Attempt) -> Result<(), String> {
        let temp = pending.wait()?;
        self.keep(temp, attempt).map_err(|e| format!("The recording could not be kept: {e}"))
    }

    pub fn status(&self, attempt: &Attempt) -> RecordingStatus {
        match &attempt.recording {
            None => RecordingStatus::None,
            Some(recording) if recording.pruned => RecordingStatus::Pruned,
            Some(recording) => {
                let path = self.path_of(recording);
                if path.is_file() { RecordingStatus::Ready(path) } else { RecordingStatus::Missing(path) }
            }
        }
    }

    /// Marks the oldest recordings pruned until those left fit in the limit; the newest is always kept, so the
    /// answer just given can be heard. Returns how many were marked: save the bank, then [`Recordings::tidy`]
    /// deletes their files.
    pub fn prune(&self, bank: &mut Bank) -> usize {
        let mut kept: Vec<(usize, u64)> = bank
            .attempts
            .iter()
            .enumerate()
            .filter_map(|(i, attempt)| {
                let recording = attempt.recording.as_ref().filter(|r| !r.pruned)?;
                let bytes = fs::metadata(self.path_of(recording)).ok()?.len();
                Some((i, bytes))
            })
            .collect();
        let mut total: u64 = kept.iter().map(|&(_, bytes)| bytes).sum();
        kept.sort_by_key(|&(i, _)| (bank.attempts[i].started_at, i));
        let mut pruned = 0;
        for &(i, bytes) in kept.iter().take(kept.len().saturating_sub(1)) {
            if total <= self.max_bytes {
                break;
            }
            if let Some(recording) = &mut bank.attempts[i].recording {
                recording.pruned = true;
                total -= bytes;
                pruned += 1;
            }
        }
        pruned
    }

    /// Deletes every recording no attempt of `bank` names, or names as pruned. Call it only with the bank as
    /// just saved (the file on disk), and only while holding the data folder's lock. Returns how many went.
    pub fn tidy(&self, bank: &Bank) -> usize {
        self.tidy_sparing(bank, [])
    }

    /// As [`Recordings::tidy`], sparing the recordings of `spared`: attempts deleted this session that `u` can still
    /// bring back.
    pub fn tidy_sparing<'a>(&self, bank: &'a Bank, spared: impl IntoIterator<Item = &'a Attempt>) -> usize {
        let named: std::collections::HashSet<&str> = bank
            .attempts
            .iter()
            .chain(spared)
            .filter_map(|a| a.recording.as_ref().filter(|r| !r.pruned).map(|r| r.file.as_str()))
            .collect();
        self.remove_where(|name, _| is_recording_name(name) && !named.contains(name))
    }

    /// Deletes recordings left unfinished by a session that ended before `session_start` (a crash mid-answer).
    /// Call it at start, while holding the data folder's lock.
    pub fn sweep_temps(&self, session_start: SystemTime) -> usize {
        self.remove_where(|name, modified| {
            name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) && modified.is_some_and(|m| m < session_start)
        })
    }

    /// At start, with the bank just loaded and the lock held: unfinished recordings and files no attempt names
    /// are removed. Returns how many files went.
    pub fn clean_up_at_start(&self, bank: &Bank, session_start: SystemTime) -> usize {
        self.sweep_temps(session_start) + self.tidy(bank)
    }

    fn remove_where(&self, doomed: impl Fn(&str, Option<SystemTime>) -> bool) -> usize {
        let Ok(entries) = fs::read_dir(&self.dir) else { return 0 };
        entries
            .flatten()
            .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
            .filter(|entry| {
                let name = entry.file_name();
                let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
                name.to_str().is_some_and(|name| doomed(name, modified))
            })
            .filter(|entry| fs::remove_file(entry.path()).is_ok())
            .count()
    }

    /// The recordings in the folder and their size (finished ones; not one being recorded).
    pub fn usage(&self) -> Usage {
        let Ok(entries) = fs::read_dir(&self.dir) else { return Usage::default() };
        entries
            .flatten()
            .filter(|e| e.file_name().to_str().is_some_and(is_recording_name))
            .filter_map(|e| e.metadata().ok().filter(fs::Metadata::is_file))
            .fold(Usage::default(), |usage, meta| Usage { files: usage.files + 1, bytes: usage.bytes + meta.len() })
    }
}

/// A bare WAV file name a data file may name: no folder, not hidden, nothing a shell or a path would read twice.
pub fn is_valid_file_name(name: &str) -> bool {
    name.strip_suffix(".wav").is_some_and(|stem| {
        !stem.is_empty()
            && stem.len() <= 64
            && !stem.starts_with('.')
            && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

/// Where to jump from `position` (seconds): the next phase start after it.
pub fn next_mark(starts: &[(crate::model::Phase, f64)], position: f64) -> Option<f64> {
    starts.iter().map(|&(_, at)| at).find(|&at| at > position + 0.05)
}

/// The phase start before `position`; within the first second of a phase, the one before that, so pressing
/// it twice goes back a phase as a media player does.
pub fn previous_mark(starts: &[(crate::model::Phase, f64)], position: f64) -> Option<f64> {
    starts.iter().map(|&(_, at)| at).rev().find(|&at| at < position - 1.0).or(starts.first().map(|&(_, at)| at))
}

#[cfg(test)]
#[path = "recordings_tests.rs"]
mod tests;

/// A finished recording's file name as star-coach writes it: `<id>.wav`, not hidden (temporary files are).
fn is_recording_name(name: &str) -> bool {
    !name.starts_with('.') && std::path::Path::new(name).extension().is_some_and(|e| e == "wav")
}
