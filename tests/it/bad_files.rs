//! Every kind of bad data file gets one clear sentence naming it, and is never changed.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use star_coach::store::Store;

fn star(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("star-coach").unwrap();
    cmd.env("STAR_COACH_DATA_DIR", dir).env("STAR_COACH_CONFIG", "/nonexistent/star-coach-test/config.toml");
    cmd
}

const WRAP: &str = r#"{"format": "star-coach", "schema_version": 1, "stories": STORIES, "attempts": []}"#;

fn story(id: &str) -> String {
    format!(
        r#"{{"id": "{id}", "title": "t", "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}}"#
    )
}

/// Runs `stories` on a data file holding `bytes`: it must fail with one sentence containing `expected` and
/// the file's path, and leave the bytes as they were.
fn refused(bytes: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("star-coach.json");
    fs::write(&path, bytes).unwrap();
    let out = star(dir.path()).arg("stories").assert().failure().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    assert!(err.contains(&path.display().to_string()), "names the file: {err}");
    assert!(err.contains(expected), "{expected:?} in {err}");
    assert!(!err.contains("Error {") && !err.contains("panicked"), "no debug output: {err}");
    assert_eq!(fs::read(&path).unwrap(), bytes, "the file is unchanged");
}

#[test]
fn empty() {
    refused(b"", "line 1, column 0");
}

#[test]
fn truncated() {
    let full = WRAP.replace("STORIES", &format!("[{}]", story("a")));
    refused(&full.as_bytes()[..full.len() / 2], "line 1, column");
}

#[test]
fn nul_filled() {
    refused(&[0u8; 64], "line 1, column 1");
}

#[test]
fn utf8_bom() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(WRAP.replace("STORIES", "[]").bytes());
    refused(&bytes, "byte-order mark");
}

#[test]
fn invalid_utf8() {
    let text = WRAP.replace("STORIES", &format!("[{}]", story("a"))).replace("\"t\"", "\"t\u{FFFD}\"");
    let bytes = text.replace('\u{FFFD}', "\u{1}").into_bytes();
    let bytes: Vec<u8> = bytes.into_iter().map(|b| if b == 1 { 0xFF } else { b }).collect();
    refused(&bytes, "line 1, column");
}

#[test]
fn wrong_types() {
    refused(WRAP.replace("STORIES", "{\"a\": 1}").as_bytes(), "invalid type");
}

#[test]
fn duplicate_ids() {
    refused(
        WRAP.replace("STORIES", &format!("[{}, {}]", story("a"), story("a"))).as_bytes(),
        "two stories share the id \"a\"",
    );
}

#[test]
fn deeply_nested() {
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    refused(nested.as_bytes(), "line 1, column 1: invalid type");
    refused(WRAP.replace("STORIES", &nested).as_bytes(), "invalid type");
}

#[test]
fn a_plan_out_of_range() {
    let wrap =
        |plan: &str| WRAP.replace("\"stories\"", &format!("\"plan\": {plan}, \"stories\"")).replace("STORIES", "[]");
    refused(wrap(r#"{"per_day": 0}"#).as_bytes(), "the plan's prompts a day must be between 1 and 20, not 0");
    refused(wrap(r#"{"interview_date": "1900-01-01"}"#).as_bytes(), "interview date 1900-01-01 is not a date");
    refused(wrap(r#"{"interview_date": "next week"}"#).as_bytes(), "line 1, column");
}

#[test]
fn schema_version_zero() {
    refused(
        WRAP.replace("\"schema_version\": 1", "\"schema_version\": 0").replace("STORIES", "[]").as_bytes(),
        "schema_version is 0",
    );
}

#[test]
fn not_ours() {
    refused(br#"{"format": "other", "schema_version": 1}"#, "is not a star-coach data file");
}

#[test]
fn newer_schema() {
    refused(br#"{"format": "star-coach", "schema_version": 9, "stories": [], "attempts": []}"#, "newer star-coach");
}

#[test]
fn damaged_files_are_copied_aside() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("star-coach.json"), b"{ broken").unwrap();
    let out = star(dir.path()).arg("stories").assert().failure().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("a copy was kept at"), "{err}");
    let copies: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("star-coach.json.corrupt-"))
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(fs::read(copies[0].path()).unwrap(), b"{ broken");
}

#[test]
fn over_the_size_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("star-coach.json");
    // Sparse: the size is there without writing half a gigabyte.
    fs::File::create(&path).unwrap().set_len(600 * 1024 * 1024).unwrap();
    let out = star(dir.path()).arg("stories").assert().failure().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("600 MiB, over the 512 MiB"), "{err}");
    assert_eq!(fs::metadata(&path).unwrap().len(), 600 * 1024 * 1024);
}

#[test]
fn a_folder_where_the_file_should_be() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("star-coach.json")).unwrap();
    let out = star(dir.path()).arg("stories").assert().failure().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("is a folder, not a regular file"), "{err}");
}

#[cfg(unix)]
#[test]
fn files_stay_private_under_umask_000() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let export = dir.path().join("export.json");
    fs::write(&export, WRAP.replace("STORIES", &format!("[{}]", story("a")))).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("star-coach");
    let script =
        format!("umask 000 && '{}' --data-dir '{}' import '{}'", bin.display(), data.display(), export.display());
    assert!(std::process::Command::new("sh").args(["-c", &script]).status().unwrap().success());
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("star-coach.json")), 0o600);
    assert_eq!(mode(&data.join("star-coach.lock")), 0o600);
}

#[test]
fn restore_lists_backups_and_brings_one_back_over_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = star(dir.path()).arg("restore").assert().success().get_output().stdout.clone();
    assert!(String::from_utf8(out).unwrap().starts_with("No backups yet."));
    let one = dir.path().join("one.json");
    fs::write(&one, WRAP.replace("STORIES", &format!("[{}]", story("a")))).unwrap();
    star(dir.path()).arg("import").arg(&one).assert().success();
    let two = dir.path().join("two.json");
    fs::write(&two, WRAP.replace("STORIES", &format!("[{}]", story("b")))).unwrap();
    star(dir.path()).arg("import").arg(&two).assert().success();
    let list =
        String::from_utf8(star(dir.path()).arg("restore").assert().success().get_output().stdout.clone()).unwrap();
    assert!(list.contains("\n1  ") && list.contains("1 story, 0 attempts"), "{list}");
    // The data file gets damaged; restoring backup 1 brings back the bank with story "a" only.
    let path = dir.path().join("star-coach.json");
    fs::write(&path, b"{ damaged").unwrap();
    let done =
        String::from_utf8(star(dir.path()).args(["restore", "1"]).assert().success().get_output().stdout.clone())
            .unwrap();
    assert!(done.starts_with("Restored backup 1, saved ") && done.contains(": 1 story, 0 attempts."), "{done}");
    let stories =
        String::from_utf8(star(dir.path()).arg("stories").assert().success().get_output().stdout.clone()).unwrap();
    assert!(stories.starts_with("a  t"), "{stories}");
    let newest = Store::new(dir.path()).backups().remove(0);
    assert_eq!(fs::read(newest.path).unwrap(), b"{ damaged", "the damaged file is kept as the newest backup");
    let err = String::from_utf8(star(dir.path()).args(["restore", "7"]).assert().failure().get_output().stderr.clone())
        .unwrap();
    assert!(err.contains("there is no backup 7; there are 2, numbered from 1"), "{err}");
}

#[test]
fn import_while_the_app_holds_the_lock_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut holder = star_coach::store::Store::new(dir.path());
    assert!(holder.lock().unwrap());
    let one = dir.path().join("one.json");
    fs::write(&one, WRAP.replace("STORIES", "[]")).unwrap();
    let err =
        String::from_utf8(star(dir.path()).arg("import").arg(&one).assert().failure().get_output().stderr.clone())
            .unwrap();
    assert!(err.contains("another star-coach has") && err.contains("close it and try again"), "{err}");
}

/// The version 2 fixture with one of its mock round's fields replaced.
fn fixture_with(from: &str, to: &str) -> Vec<u8> {
    let fixture = include_str!("../fixtures/bank-v2.json");
    assert!(fixture.contains(from), "the fixture has {from}");
    fixture.replace(from, to).into_bytes()
}

#[test]
fn a_mock_round_with_a_bad_follow_up_time_or_an_empty_mock_id() {
    refused(
        &fixture_with("\"secs\": 41.5", "\"secs\": -3.0"),
        "the attempt \"att003\" has a follow-up with a negative or impossible time",
    );
    refused(
        &fixture_with("\"mock\": \"mock7abc\"", "\"mock\": \"  \""),
        "the attempt \"att003\" has the mock id \"  \"",
    );
}
