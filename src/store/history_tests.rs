//! The store's attempts log and summary together: a summary is a shortcut the log always overrules, a torn or
//! failed append loses nothing that was reported saved, a change by someone else is never written over, and a
//! restore reaches back through the log.

// Test code: quick casts of small numbers.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::cast_sign_loss)]

use super::*;
use crate::model::{Phase, PhaseSpan, Review};

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc() + chrono::Duration::minutes(minutes)
}

fn attempt(i: usize) -> Attempt {
    let secs = 50.0 + (i * 13 % 100) as f64;
    Attempt {
        story: i.is_multiple_of(2).then(|| "s1".to_string()),
        phases: vec![PhaseSpan { phase: Phase::Action, secs }],
        review: Review { confidence: Some(1 + (i % 5) as u8), ..Review::default() },
        ..Attempt::new(
            format!("a{i:04}"),
            ["why-amazon", "missed-deadline", "q-frugal-fraction"][i % 3],
            at(i as i64),
            secs,
        )
    }
}

fn bank(attempts: usize) -> Bank {
    Bank {
        stories: vec![Story::new("s1".into(), "Checkout timeouts".into(), at(0))],
        attempts: (0..attempts).map(attempt).collect(),
        ..Bank::default()
    }
}

/// A folder saved with `attempts` attempts, and a store on it that opened it as the app does.
fn opened(attempts: usize) -> (tempfile::TempDir, Store, Opened) {
    let dir = tempfile::tempdir().unwrap();
    Store::new(dir.path()).save(&bank(attempts)).unwrap();
    let mut store = Store::new(dir.path());
    assert!(store.lock().unwrap());
    let opened = store.open(Target::default()).unwrap();
    (dir, store, opened)
}

/// The figures the app would show, from whichever index.
fn shown(history: &HistoryIndex) -> (usize, Option<f64>, Vec<crate::stats::StoryFlag>) {
    (history.len(), history.summary("why-amazon").best_secs, history.rewrite_flags())
}

fn reopen(dir: &Path) -> (Store, Opened) {
    let mut store = Store::new(dir);
    assert!(store.lock().unwrap());
    let opened = store.open(Target::default()).unwrap();
    (store, opened)
}

#[test]
fn the_app_opens_from_the_summary_without_an_attempt_and_the_log_agrees() {
    let (_dir, mut store, opened) = opened(40);
    assert!(opened.bank.attempts.is_empty() && !opened.history.has_every_attempt());
    assert_eq!(opened.bank.stories, bank(40).stories);
    let every = HistoryIndex::build(&bank(40).attempts, Target::default());
    assert_eq!(shown(&opened.history), shown(&every));
    assert_eq!(store.check_log().unwrap(), None);
    assert_eq!(store.read_attempts().unwrap(), bank(40).attempts);
}

#[test]
fn a_summary_that_is_missing_changed_or_behind_is_made_again_from_the_log() {
    let every = HistoryIndex::build(&bank(30).attempts, Target::default());
    type Spoil = fn(&Path, &Path);
    let spoilers: [(&str, Spoil); 5] = [
        ("deleted", |summary, _| fs::remove_file(summary).unwrap()),
        ("edited by hand", |summary, _| {
            let text = fs::read_to_string(summary).unwrap().replacen("\"attempts\":30", "\"attempts\":31", 1);
            fs::write(summary, text).unwrap();
        }),
        ("cut short", |summary, _| {
            let bytes = fs::read(summary).unwrap();
            fs::write(summary, &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("behind the log", |_, log| {
            // A save killed between its append and its summary.
            let mut file = fs::OpenOptions::new().append(true).open(log).unwrap();
            std::io::Write::write_all(&mut file, &log::put_line(&attempt(30))).unwrap();
        }),
        ("replaced by a folder", |summary, _| {
            fs::remove_file(summary).unwrap();
            fs::create_dir(summary).unwrap();
        }),
    ];
    for (how, spoil) in spoilers {
        let dir = tempfile::tempdir().unwrap();
        Store::new(dir.path()).save(&bank(30)).unwrap();
        let store = Store::new(dir.path());
        spoil(&store.summary_path(), &store.log_path());
        let (mut store, opened) = reopen(dir.path());
        let expected = store.load().unwrap().attempts;
        assert!(opened.history.has_every_attempt(), "{how}: read from the log");
        assert_eq!(opened.bank.attempts, expected, "{how}");
        let from_log = HistoryIndex::build(&expected, Target::default());
        assert_eq!(shown(&opened.history), shown(&from_log), "{how}");
        drop(store);
        if how != "replaced by a folder" {
            let (mut again, reopened) = reopen(dir.path());
            assert!(!reopened.history.has_every_attempt(), "{how}: the summary was written again");
            assert_eq!(shown(&reopened.history), shown(&from_log), "{how}");
            assert_eq!(again.check_log().unwrap(), None, "{how}");
        }
        if how == "deleted" {
            assert_eq!(shown(&opened.history), shown(&every));
        }
    }
}

#[test]
fn a_log_changed_in_place_overrules_the_summary_right_after_the_first_frame() {
    let (dir, _, _) = opened(30);
    let store = Store::new(dir.path());
    // The same length, other figures: only the hash can tell.
    let text = fs::read_to_string(store.log_path()).unwrap();
    let edited = text.replacen("\"confidence\":1,", "\"confidence\":2,", 1);
    assert!(edited != text && edited.len() == text.len());
    fs::write(store.log_path(), &edited).unwrap();
    let (mut store, opened) = reopen(dir.path());
    assert!(!opened.history.has_every_attempt(), "the length matched: the first frame is the summary's");
    let attempts = store.check_log().unwrap().expect("the hash did not");
    assert_eq!(attempts[0].review.confidence, Some(2));
    let history = HistoryIndex::build(&attempts, Target::default());
    store.write_summary(&history);
    drop(store);
    let (mut store, reopened) = reopen(dir.path());
    assert_eq!(shown(&reopened.history), shown(&history), "the summary now says what the log says");
    assert_eq!(store.check_log().unwrap(), None);
}

/// The coach hashes the log on a thread after its first frame; an answer saved before the hash is back is one
/// of ours, and neither fails the check nor is lost to it.
#[test]
fn an_attempt_saved_while_the_log_is_checked_keeps_the_summary_and_the_next_start_agrees() {
    let (dir, mut store, mut opened) = opened(20);
    let check = store.log_check().expect("opened from the summary: a check to make");
    let new = attempt(20);
    opened.history.add(&new);
    opened.bank.attempts.push(new.clone());
    store.save_changes(&opened.bank, std::slice::from_ref(&new.id), &opened.history).unwrap();
    assert_eq!(store.finish_log_check(check.run()).unwrap(), None, "our own append is no disagreement");
    store.write_summary(&opened.history);
    drop(store);
    let (mut store, reopened) = reopen(dir.path());
    assert!(!reopened.history.has_every_attempt(), "the summary written after it matches the log's length");
    assert_eq!(store.check_log().unwrap(), None, "and its hash");
    assert_eq!(store.read_attempts().unwrap().len(), 21);
}

/// A log someone else changes while the coach hashes it is read through, never taken on the summary's word.
#[test]
fn a_log_changed_by_someone_else_while_it_is_checked_is_read_through() {
    let (_dir, mut store, _) = opened(20);
    let check = store.log_check().unwrap();
    let checked = check.run();
    let text = fs::read_to_string(store.log_path()).unwrap();
    // One byte longer, so the change shows whatever the file system's clock resolution.
    fs::write(store.log_path(), text.replacen("\"confidence\":1,", "\"confidence\": 2,", 1)).unwrap();
    let attempts = store.finish_log_check(checked).unwrap().expect("the log changed: read through");
    assert_eq!(attempts[0].review.confidence, Some(2));
}

#[test]
fn a_torn_last_line_is_cut_off_at_the_next_start_and_nothing_reported_saved_is_lost() {
    let (dir, mut store, mut opened) = opened(10);
    let new = attempt(10);
    opened.history.add(&new);
    opened.bank.attempts.push(new.clone());
    store.save_changes(&opened.bank, std::slice::from_ref(&new.id), &opened.history).unwrap();
    drop(store);
    // An append killed half-way through the next attempt's line.
    let log = Store::new(dir.path()).log_path();
    let line = log::put_line(&attempt(11));
    let mut file = fs::OpenOptions::new().append(true).open(&log).unwrap();
    std::io::Write::write_all(&mut file, &line[..line.len() / 3]).unwrap();
    let torn_len = fs::metadata(&log).unwrap().len();
    assert_eq!(Store::new(dir.path()).load().unwrap().attempts.len(), 11, "a reader drops the torn line");
    assert_eq!(fs::metadata(&log).unwrap().len(), torn_len, "and, without the lock, leaves it");
    let (mut store, mut opened) = reopen(dir.path());
    assert_eq!(opened.bank.attempts.len(), 11);
    assert_eq!(fs::metadata(&log).unwrap().len(), torn_len - (line.len() / 3) as u64, "cut off");
    let next = attempt(12);
    opened.history.add(&next);
    opened.bank.attempts.push(next.clone());
    store.save_changes(&opened.bank, std::slice::from_ref(&next.id), &opened.history).unwrap();
    let ids: Vec<String> = Store::new(dir.path()).load().unwrap().attempts.into_iter().map(|a| a.id).collect();
    assert_eq!(ids.last().map(String::as_str), Some("a0012"), "the next append is a line of its own");
    assert_eq!(ids.len(), 12);
}

#[test]
fn an_attempt_save_that_fails_leaves_the_log_and_the_summary_as_they_were() {
    for point in [FaultPoint::Append, FaultPoint::AppendFsync] {
        let (dir, mut store, mut opened) = opened(10);
        store.check_log().unwrap();
        let (log, summary) = (fs::read(store.log_path()).unwrap(), fs::read(store.summary_path()).unwrap());
        let new = attempt(10);
        opened.history.add(&new);
        opened.bank.attempts.push(new.clone());
        store.inject_fault(point);
        let err = store.save_changes(&opened.bank, std::slice::from_ref(&new.id), &opened.history).unwrap_err();
        assert!(err.to_string().contains("no space left"), "{point:?}: {err}");
        assert_eq!(fs::read(store.log_path()).unwrap(), log, "{point:?}");
        assert_eq!(fs::read(store.summary_path()).unwrap(), summary, "{point:?}");
        store.save_changes(&opened.bank, std::slice::from_ref(&new.id), &opened.history).expect("the retry succeeds");
        assert_eq!(Store::new(dir.path()).load().unwrap().attempts.len(), 11, "{point:?}");
    }
}

#[test]
fn a_summary_that_could_not_be_written_does_not_fail_the_save_and_is_made_again() {
    let (dir, mut store, mut opened) = opened(10);
    store.check_log().unwrap();
    let new = attempt(10);
    opened.history.add(&new);
    opened.bank.attempts.push(new.clone());
    store.inject_fault(FaultPoint::Rename);
    store
        .save_changes(&opened.bank, std::slice::from_ref(&new.id), &opened.history)
        .expect("the attempt is in the log");
    drop(store);
    let (_, reopened) = reopen(dir.path());
    assert!(reopened.history.has_every_attempt(), "the summary was behind: the log was read");
    assert_eq!(reopened.history.len(), 11);
    let (_, again) = reopen(dir.path());
    assert!(!again.history.has_every_attempt(), "and the summary was written again");
}

#[test]
fn a_log_changed_by_someone_else_is_never_appended_to() {
    type Change = fn(&Path);
    let changes: [(&str, Change); 3] = [
        ("a line appended", |log| {
            let mut file = fs::OpenOptions::new().append(true).open(log).unwrap();
            std::io::Write::write_all(&mut file, &log::put_line(&attempt(99))).unwrap();
        }),
        ("cut short", |log| {
            let len = fs::metadata(log).unwrap().len();
            fs::OpenOptions::new().write(true).open(log).unwrap().set_len(len - 10).unwrap();
        }),
        ("replaced", |log| {
            let text = fs::read_to_string(log).unwrap().replacen("\"duration_secs\":50.0", "\"duration_secs\":51.0", 1);
            fs::remove_file(log).unwrap();
            fs::write(log, text).unwrap();
        }),
    ];
    for (how, change) in changes {
        let (_dir, mut store, mut opened) = opened(10);
        store.check_log().unwrap();
        change(&store.log_path());
        let theirs = fs::read(store.log_path()).unwrap();
        let new = attempt(10);
        opened.history.add(&new);
        opened.bank.attempts.push(new.clone());
        let err = store.save_changes(&opened.bank, &[new.id], &opened.history).unwrap_err();
        assert!(matches!(err, StoreError::ChangedOnDisk { .. }), "{how}: {err}");
        assert_eq!(fs::read(store.log_path()).unwrap(), theirs, "{how}");
    }
    // A file touched but not changed is not a change.
    let (_dir, mut store, mut opened) = opened(10);
    store.check_log().unwrap();
    let later = std::time::SystemTime::now() + Duration::from_secs(5);
    fs::File::options().write(true).open(store.log_path()).unwrap().set_modified(later).unwrap();
    let new = attempt(10);
    opened.history.add(&new);
    opened.bank.attempts.push(new.clone());
    store.save_changes(&opened.bank, &[new.id], &opened.history).unwrap();
}

#[test]
fn a_damaged_or_missing_log_stops_the_load_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    Store::new(dir.path()).save(&bank(10)).unwrap();
    let log = Store::new(dir.path()).log_path();
    let text = fs::read_to_string(&log).unwrap();
    let damaged = text.replacen("{\"put\"", "{\"pat\"", 1);
    fs::write(&log, &damaged).unwrap();
    for err in [Store::new(dir.path()).load().unwrap_err(), reopen_err(dir.path())] {
        let err = err.to_string();
        assert!(err.contains("star-coach.attempts.jsonl") && err.contains("line 2"), "{err}");
    }
    assert_eq!(fs::read_to_string(&log).unwrap(), damaged, "left as it is");
    fs::remove_file(&log).unwrap();
    let err = Store::new(dir.path()).load().unwrap_err().to_string();
    assert!(err.contains("it is missing, and star-coach.json keeps 10 attempts in it"), "{err}");
}

fn reopen_err(dir: &Path) -> StoreError {
    // A summary that matches the damaged log's length would hide it until the hash: remove it.
    let _ = fs::remove_file(Store::new(dir).summary_path());
    let mut store = Store::new(dir);
    store.open(Target::default()).unwrap_err()
}

#[test]
fn a_log_no_data_file_names_is_kept_aside_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let stray = dir.path().join("star-coach.attempts.jsonl");
    let mut bytes = log::header("strayid");
    bytes.extend(log::put_line(&attempt(7)));
    fs::write(&stray, &bytes).unwrap();
    let mut store = Store::new(dir.path());
    store.save(&bank(2)).unwrap();
    let kept: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("attempts.jsonl.kept-"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).unwrap(), bytes);
    assert_eq!(Store::new(dir.path()).load().unwrap(), bank(2));
}

#[test]
fn a_restore_reaches_back_through_the_log_and_keeps_every_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    store.set_backup_interval(Duration::ZERO);
    let mut versions = Vec::new();
    for n in [3, 6, 2, 9] {
        let mut bank = bank(n);
        bank.stories[0].title = format!("{n} attempts");
        store.save(&bank).unwrap();
        versions.push(bank);
    }
    let backups = store.backups();
    assert_eq!(backups.len(), 3);
    assert_eq!(backups[0].contents(), Contents::Bank { stories: 1, attempts: 2 });
    for (backup, version) in backups.iter().zip(versions.iter().rev().skip(1)) {
        assert_eq!(&store.read_backup(backup).unwrap(), version);
    }
    let restored = store.restore(2).unwrap();
    assert_eq!(restored, versions[1], "six attempts, as they were");
    assert_eq!(Store::new(dir.path()).load().unwrap(), versions[1]);
    for backup in store.backups().iter().skip(1) {
        assert!(versions.contains(&store.read_backup(backup).unwrap()), "backup {} still whole", backup.number);
    }
    assert_eq!(store.read_backup(&store.backups()[0]).unwrap(), versions[3], "what was replaced is a backup");
}

#[test]
fn a_restore_over_a_damaged_log_keeps_it_aside_whole_and_starts_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::new(dir.path());
    store.set_backup_interval(Duration::ZERO);
    store.save(&bank(3)).unwrap();
    let mut second = bank(5);
    second.stories[0].title = "second".into();
    store.save(&second).unwrap();
    let log = store.log_path();
    let damaged = fs::read_to_string(&log).unwrap().replace("\"put\"", "\"pot\"");
    fs::write(&log, &damaged).unwrap();
    let mut store = Store::new(dir.path());
    assert!(store.lock().unwrap());
    let err = store.restore(1).unwrap_err().to_string();
    assert!(err.contains("star-coach.attempts.jsonl"), "the backup's share of the log is damaged too: {err}");
    // Backup 1's share of the log (its first three attempts) is readable again; the lines after it are not.
    let mut repaired = damaged.clone();
    for line in damaged.lines().skip(1).take(3) {
        repaired = repaired.replacen(line, &line.replace("\"pot\"", "\"put\""), 1);
    }
    fs::write(&log, &repaired).unwrap();
    assert!(Store::new(dir.path()).load().is_err(), "the later lines are still damaged");
    assert_eq!(store.restore(1).unwrap(), bank(3));
    assert_eq!(Store::new(dir.path()).load().unwrap(), bank(3));
    let aside: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("attempts.jsonl.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), repaired, "the damaged log, whole");
}
