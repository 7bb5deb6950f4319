use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};

use super::*;
use crate::audio::Recorder;
use crate::audio::memory::MemoryBackend;
use crate::model::{Phase, PhaseSpan};

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().to_utc() + chrono::Duration::minutes(minutes)
}

fn attempt(id: &str, minutes: i64) -> Attempt {
    Attempt {
        phases: vec![PhaseSpan { phase: Phase::Situation, secs: 10.0 }],
        ..Attempt::new(id, "missed-deadline", at(minutes), 10.0)
    }
}

/// A finished temporary recording of `secs` seconds in `recordings`' folder.
fn record(recordings: &Recordings, secs: u64) -> TempRecording {
    let t0 = Instant::now();
    let recorder = Recorder::start(std::sync::Arc::new(MemoryBackend::new(vec![7; 100])), recordings.dir(), t0);
    recorder.finish(t0 + Duration::from_secs(secs)).wait().unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn a_kept_recording_is_named_by_its_attempt_and_a_missing_one_says_so() {
    let data = tempfile::tempdir().unwrap();
    let recordings = Recordings::new(data.path(), 500);
    let mut a1 = attempt("a1", 0);
    assert_eq!(recordings.status(&a1), RecordingStatus::None);
    recordings.keep(record(&recordings, 1), &mut a1).unwrap();
    assert_eq!(a1.recording, Some(Recording { file: "a1.wav".into(), pruned: false }));
    assert_eq!(names(recordings.dir()), ["a1.wav"]);
    let path = recordings.dir().join("a1.wav");
    assert_eq!(recordings.status(&a1), RecordingStatus::Ready(path.clone()));
    assert_eq!(recordings.status(&a1).sentence(), None);
    fs::remove_file(&path).unwrap();
    let status = recordings.status(&a1);
    assert_eq!(status, RecordingStatus::Missing(path.clone()));
    assert_eq!(status.sentence().unwrap(), format!("The recording is gone: {} is missing.", path.display()));
}

#[test]
fn pruning_marks_the_oldest_past_the_limit_and_keeps_the_newest() {
    let data = tempfile::tempdir().unwrap();
    // Each 10 s recording is 320,044 bytes; a 1 MB limit holds three.
    let recordings = Recordings::new(data.path(), 1);
    let mut bank = Bank::default();
    for (i, minutes) in [(0, 30), (1, 10), (2, 40), (3, 20), (4, 50)] {
        let mut a = attempt(&format!("a{i}"), minutes);
        recordings.keep(record(&recordings, 10), &mut a).unwrap();
        bank.attempts.push(a);
    }
    bank.attempts.push(attempt("unrecorded", 0));
    assert_eq!(recordings.prune(&mut bank).len(), 2);
    let pruned: Vec<&str> = bank
        .attempts
        .iter()
        .filter(|a| a.recording.as_ref().is_some_and(|r| r.pruned))
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(pruned, ["a1", "a3"], "the two oldest: 10 and 20 minutes");
    assert_eq!(names(recordings.dir()).len(), 5, "nothing is deleted before the bank is saved");
    assert_eq!(recordings.tidy(&bank), 2);
    assert_eq!(names(recordings.dir()), ["a0.wav", "a2.wav", "a4.wav"]);
    assert_eq!(recordings.status(&bank.attempts[1]), RecordingStatus::Pruned);
    assert!(recordings.status(&bank.attempts[1]).sentence().unwrap().contains("max_mb"));
    assert_eq!(recordings.usage(), Usage { files: 3, bytes: 3 * 320_044 });
    assert_eq!(recordings.usage().describe(), "3 recordings, 1.0 MB");

    let tiny = Recordings::new(data.path(), 1);
    let mut one = Bank { stories: Vec::new(), attempts: vec![bank.attempts[4].clone()], ..Bank::default() };
    let big = Recordings { max_bytes: 1, ..tiny };
    assert!(big.prune(&mut one).is_empty(), "the newest recording stays whatever the limit");
}

#[test]
fn tidying_deletes_what_no_attempt_names_and_leaves_what_is_not_ours() {
    let data = tempfile::tempdir().unwrap();
    let recordings = Recordings::new(data.path(), 500);
    let mut kept = attempt("kept", 0);
    recordings.keep(record(&recordings, 1), &mut kept).unwrap();
    let mut deleted = attempt("deleted", 1);
    recordings.keep(record(&recordings, 1), &mut deleted).unwrap();
    let in_progress = record(&recordings, 1);
    fs::write(recordings.dir().join("notes.txt"), "mine").unwrap();
    let bank = Bank { stories: Vec::new(), attempts: vec![kept], ..Bank::default() };
    assert_eq!(recordings.tidy(&bank), 1);
    let in_progress_name = in_progress.path().file_name().unwrap().to_string_lossy().into_owned();
    let mut expected = vec!["kept.wav".to_string(), "notes.txt".to_string(), in_progress_name];
    expected.sort();
    assert_eq!(names(recordings.dir()), expected, "an answer being recorded is not touched");
}

#[test]
fn temporary_files_from_before_the_session_are_swept_at_start() {
    let data = tempfile::tempdir().unwrap();
    let recordings = Recordings::new(data.path(), 500);
    let crashed = record(&recordings, 1);
    let crashed_path = crashed.path().to_path_buf();
    std::mem::forget(crashed); // as a killed process leaves it
    let old = SystemTime::now() - Duration::from_secs(60);
    fs::File::options().write(true).open(&crashed_path).unwrap().set_modified(old).unwrap();
    let current = record(&recordings, 1);
    let mut orphan = attempt("orphan", 0);
    recordings.keep(record(&recordings, 1), &mut orphan).unwrap();
    let session_start = SystemTime::now() - Duration::from_secs(1);
    assert_eq!(recordings.clean_up_at_start(&Bank::default(), session_start), 2);
    assert_eq!(names(recordings.dir()), [current.path().file_name().unwrap().to_string_lossy().into_owned()]);
}

#[test]
fn a_missing_folder_is_empty_and_cleans_up_to_nothing() {
    let data = tempfile::tempdir().unwrap();
    let recordings = Recordings::new(data.path(), 500);
    assert_eq!(recordings.usage(), Usage::default());
    assert_eq!(recordings.clean_up_at_start(&Bank::default(), SystemTime::now()), 0);
    assert!(!recordings.dir().exists(), "nothing is created until something is recorded");
}

#[test]
fn only_bare_wav_names_may_be_named() {
    for good in ["a1.wav", "k3n9x2pq7m.wav", "att_0000001.wav", "A-b.wav"] {
        assert!(is_valid_file_name(good), "{good}");
    }
    for bad in ["", ".wav", "../a.wav", "a/b.wav", ".hidden.wav", "a.mp3", "a b.wav", "a.wav.part", "..wav", "é.wav"] {
        assert!(!is_valid_file_name(bad), "{bad}");
    }
}

#[test]
fn marks_step_through_the_phases() {
    let starts = [(Phase::Situation, 0.0), (Phase::Task, 8.0), (Phase::Action, 12.0), (Phase::Result, 52.5)];
    assert_eq!(next_mark(&starts, 0.0), Some(8.0));
    assert_eq!(next_mark(&starts, 8.0), Some(12.0), "from a mark, the next one");
    assert_eq!(next_mark(&starts, 60.0), None);
    assert_eq!(previous_mark(&starts, 30.0), Some(12.0));
    assert_eq!(previous_mark(&starts, 12.4), Some(8.0), "just past a mark, the one before");
    assert_eq!(previous_mark(&starts, 0.5), Some(0.0));
    assert_eq!(previous_mark(&[], 5.0), None);
}
