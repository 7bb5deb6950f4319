//! The attempts log on its own: its lines, a torn end, damage, its hash, appends that fail.

// Test code: quick casts of small numbers.
#![allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap, clippy::cast_sign_loss)]

use super::*;
use crate::model::Attempt;

fn attempt(id: &str, secs: f64) -> Attempt {
    Attempt::new(
        id,
        "missed-deadline",
        chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc(),
        secs,
    )
}

/// A log with `lines` after its first line, in a folder of its own.
fn log_with(lines: &[&[u8]]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("star-coach.attempts.jsonl");
    let mut bytes = header("log1");
    bytes.extend(lines.concat());
    fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn ids(replayed: &Replayed) -> Vec<&str> {
    replayed.attempts.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn the_hash_is_the_same_however_the_bytes_are_cut() {
    let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut whole = LogHash::new();
    whole.update(&bytes);
    for cuts in [vec![1, 2, 3], vec![7, 8, 9, 500], vec![999], vec![0, 0, 13]] {
        let mut pieces = LogHash::new();
        let mut at = 0;
        for cut in cuts {
            pieces.update(&bytes[at..cut.max(at)]);
            at = cut.max(at);
        }
        pieces.update(&bytes[at..]);
        assert_eq!(pieces, whole);
    }
    let mut other = bytes.clone();
    other[500] ^= 1;
    let mut changed = LogHash::new();
    changed.update(&other);
    assert_ne!(changed.finish(), whole.finish(), "one bit changed");
    let mut longer = whole;
    longer.update(b"\n");
    assert_ne!(longer.finish(), whole.finish());
}

#[test]
fn puts_replace_in_place_and_a_deleted_attempt_put_back_returns_to_its_place() {
    let (_dir, path) = log_with(&[
        &put_line(&attempt("a", 90.0)),
        &put_line(&attempt("b", 90.0)),
        &put_line(&attempt("c", 90.0)),
        &delete_line("b"),
        &put_line(&attempt("a", 61.0)),
        &delete_line("never-there"),
        &put_line(&attempt("d", 90.0)),
        &put_line(&attempt("b", 95.0)),
    ]);
    let replayed = replay(&path, None).unwrap().unwrap();
    assert_eq!(ids(&replayed), ["a", "b", "c", "d"]);
    assert_eq!(replayed.attempts[0].duration_secs, 61.0, "the later put wins, in the first one's place");
    assert_eq!(replayed.attempts[1].duration_secs, 95.0);
    assert_eq!(replayed.torn, 0);
    assert_eq!(replayed.state.bytes, fs::metadata(&path).unwrap().len());
    assert_eq!(replayed.line_hashes["a"], line_hash(&put_line(&attempt("a", 61.0))));
    assert_eq!(replayed.state.hash, Some(hash_prefix(&path, replayed.state.bytes).unwrap()));
}

#[test]
fn a_torn_last_line_is_dropped_and_counted() {
    let whole = put_line(&attempt("b", 90.0));
    let (_dir, path) = log_with(&[&put_line(&attempt("a", 90.0)), &whole[..whole.len() / 2]]);
    let replayed = replay(&path, None).unwrap().unwrap();
    assert_eq!(ids(&replayed), ["a"]);
    assert_eq!(replayed.torn, (whole.len() / 2) as u64);
    let mut state = replayed.state;
    cut_torn(&path, &mut state).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().len(), state.bytes);
    assert_eq!(replay(&path, None).unwrap().unwrap().torn, 0);
}

#[test]
fn damage_anywhere_but_a_torn_end_is_named_by_its_line() {
    let good = put_line(&attempt("a", 90.0));
    let cases: [(&[&[u8]], &str); 6] = [
        (&[b"{\"put\": 5}\n", &good], "line 2, column"),
        (&[&good, b"not json\n"], "line 3, column 2"),
        (&[&good, b"{}\n"], "line 3 is neither one put nor one delete"),
        (&[&put_line(&attempt("a", 0.0))], "line 2: the attempt \"a\" lasts 0 seconds"),
        (&[b"{\"delete\": \"../x\"}\n"], "line 2 is neither"),
        (&[b"\0\0\0\0\n"], "line 2, column 1"),
    ];
    for (lines, expected) in cases {
        let (_dir, path) = log_with(lines);
        let err = replay(&path, None).unwrap_err().to_string();
        assert!(err.contains(expected), "{expected}: {err}");
        assert!(err.contains("star-coach.attempts.jsonl"), "{err}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log");
    for (bytes, expected) in [
        (&b""[..], "it is empty"),
        (b"{\"format\":\"star-coach-attempts\"", "its first line is cut short"),
        (b"{\"format\":\"other\",\"schema_version\":4,\"id\":\"x\"}\n", "names the format \"other\""),
    ] {
        fs::write(&path, bytes).unwrap();
        let err = replay(&path, None).unwrap_err().to_string();
        assert!(err.contains(expected), "{expected}: {err}");
    }
}

#[test]
fn a_newer_log_with_lines_this_version_cannot_read_is_too_new_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log");
    let newer = format!("{{\"format\":\"{FORMAT}\",\"schema_version\":99,\"id\":\"x\"}}\n{{\"rename\":1}}\n");
    fs::write(&path, newer).unwrap();
    assert!(matches!(replay(&path, None), Err(StoreError::TooNew { version: 99, .. })));
}

#[test]
fn a_backups_share_is_read_up_to_where_it_ends() {
    let first = put_line(&attempt("a", 90.0));
    let (_dir, path) = log_with(&[&first, &put_line(&attempt("b", 90.0))]);
    let share = (header("log1").len() + first.len()) as u64;
    assert_eq!(ids(&replay(&path, Some(share)).unwrap().unwrap()), ["a"]);
    let err = replay(&path, Some(share + 3)).unwrap_err().to_string();
    assert!(err.contains("cut short at the end of a backup's share"), "{err}");
    let err = replay(&path, Some(100_000)).unwrap_err().to_string();
    assert!(err.contains("fewer than the 100000 a backup of the data file names"), "{err}");
}

#[test]
fn an_append_that_fails_is_taken_back() {
    let (_dir, path) = log_with(&[&put_line(&attempt("a", 90.0))]);
    let mut state = replay(&path, None).unwrap().unwrap().state;
    let before = fs::read(&path).unwrap();
    for fault in [FaultPoint::Append, FaultPoint::AppendFsync] {
        let lines = [put_line(&attempt("b", 90.0)), put_line(&attempt("c", 90.0))].concat();
        let err = append(&path, &mut state, &lines, Some(fault)).unwrap_err().to_string();
        assert!(err.contains("no space left on device"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), before, "{fault:?}");
    }
    let line = put_line(&attempt("b", 90.0));
    append(&path, &mut state, &line, None).unwrap();
    assert_eq!(state.bytes, fs::metadata(&path).unwrap().len());
    assert_eq!(state.hash, Some(hash_prefix(&path, state.bytes).unwrap()), "the hash follows the appends");
    assert_eq!(ids(&replay(&path, None).unwrap().unwrap()), ["a", "b"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_logs_place_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log");
    assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
    let err = replay(&path, None).unwrap_err().to_string();
    assert!(err.contains("named pipe"), "{err}");
    let mut state = LogState { id: "x".into(), bytes: 0, hash: None, stamp: None };
    assert!(append(&path, &mut state, b"{}\n", None).is_err(), "an append does not wait for a reader either");
}
