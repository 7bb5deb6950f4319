//! What star-coach does to the files and folders around the data: the real binary against temporary folders.
//! Links stay links, folders keep their modes, only regular files are read, restores keep every version, and
//! rescue files are announced.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

const NO_CONFIG: &str = "/nonexistent/star-coach-test/config.toml";

fn star(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("star-coach").unwrap();
    cmd.arg("--data-dir").arg(data).env("STAR_COACH_CONFIG", NO_CONFIG).timeout(Duration::from_secs(10));
    cmd
}

fn export_with(dir: &Path, name: &str, story_ids: &[&str]) -> std::path::PathBuf {
    let stories: Vec<String> = story_ids
        .iter()
        .map(|id| {
            format!(
                r#"{{"id": "{id}", "title": "story {id}", "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"}}"#
            )
        })
        .collect();
    let path = dir.join(name);
    let text = format!(r#"{{"format": "star-coach", "schema_version": 1, "stories": [{}]}}"#, stories.join(", "));
    fs::write(&path, text).unwrap();
    path
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn mkfifo(path: &Path) {
    assert!(std::process::Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// Stderr of a run that must fail in one sentence, without a panic.
fn one_sentence_failure(cmd: &mut Command) -> String {
    let out = cmd.assert().failure().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn a_symlinked_data_file_stays_a_symlink_and_every_backup_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let (data, synced) = (dir.path().join("data"), dir.path().join("synced"));
    fs::create_dir(&data).unwrap();
    fs::create_dir(&synced).unwrap();
    fs::write(synced.join("bank.json"), r#"{"format": "star-coach", "schema_version": 1}"#).unwrap();
    fs::set_permissions(synced.join("bank.json"), fs::Permissions::from_mode(0o644)).unwrap();
    let link = data.join("star-coach.json");
    std::os::unix::fs::symlink("../synced/bank.json", &link).unwrap();
    star(&data).arg("import").arg(export_with(dir.path(), "one.json", &["a"])).assert().success();
    star(&data).arg("import").arg(export_with(dir.path(), "two.json", &["b"])).assert().success();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    let target = fs::read_to_string(synced.join("bank.json")).unwrap();
    assert!(target.contains("\"story a\"") && target.contains("\"story b\""), "the target got both: {target}");
    let backups: Vec<_> = fs::read_dir(&data)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("star-coach.json.bak."))
        .collect();
    assert_eq!(backups.len(), 2);
    for backup in backups {
        assert_eq!(mode(&backup.path()), 0o600, "{}", backup.path().display());
    }
}

#[test]
fn an_existing_data_folder_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    for kept in [0o755, 0o1777] {
        fs::set_permissions(&data, fs::Permissions::from_mode(kept)).unwrap();
        star(&data).arg("import").arg(export_with(dir.path(), "one.json", &["a"])).assert().success();
        star(&data).arg("import").arg(export_with(dir.path(), "one.json", &["a"])).assert().success();
        star(&data).args(["restore", "1"]).assert().success();
        assert_eq!(mode(&data), kept);
    }
    fs::set_permissions(&data, fs::Permissions::from_mode(0o777)).unwrap();
    let err = one_sentence_failure(star(&data).arg("import").arg(export_with(dir.path(), "two.json", &["b"])));
    assert!(err.contains("can be written by every user and has no sticky bit"), "{err}");
    assert_eq!(mode(&data), 0o777);
    let made = dir.path().join("new/deeper");
    star(&made).arg("import").arg(export_with(dir.path(), "one.json", &["a"])).assert().success();
    assert_eq!((mode(&dir.path().join("new")), mode(&made)), (0o700, 0o700), "folders it makes are private");
}

#[test]
fn only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    mkfifo(&data.join("star-coach.json"));
    let err = one_sentence_failure(star(&data).arg("stories"));
    assert!(err.contains("star-coach.json is a named pipe (FIFO), not a regular file"), "{err}");

    let fifo = dir.path().join("import.json");
    mkfifo(&fifo);
    let err = one_sentence_failure(star(&dir.path().join("other")).arg("import").arg(&fifo));
    assert!(err.contains("import.json is a named pipe (FIFO), not a regular file"), "{err}");

    let config = dir.path().join("config/config.toml");
    fs::create_dir_all(config.parent().unwrap().join("prompts")).unwrap();
    mkfifo(&config);
    mkfifo(&config.parent().unwrap().join("prompts/pack.toml"));
    let out = star(&dir.path().join("other")).env("STAR_COACH_CONFIG", &config).arg("prompts").assert().success();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("skipped the prompt pack pack.toml: it is a named pipe (FIFO)"), "{err}");
    assert!(err.contains("config.toml: is a named pipe (FIFO), not a regular file"), "{err}");
}

#[test]
fn restoring_back_and_forth_keeps_every_version() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (i, ids) in [vec!["a"], vec!["b"], vec!["c"], vec!["d"]].iter().enumerate() {
        star(&data).arg("import").arg(export_with(dir.path(), &format!("{i}.json"), ids)).assert().success();
    }
    let holds = || {
        let out = star(&data).arg("restore").assert().success().get_output().stdout.clone();
        let mut holds: Vec<String> = String::from_utf8(out)
            .unwrap()
            .lines()
            .filter_map(|l| l.split("  ").find(|cell| cell.ends_with(" attempts")).map(str::to_string))
            .collect();
        holds.sort();
        holds.dedup();
        holds
    };
    let before = holds();
    assert_eq!(before, ["1 story, 0 attempts", "2 stories, 0 attempts", "3 stories, 0 attempts"]);
    for number in ["3", "1", "3", "2", "4"] {
        star(&data).args(["restore", number]).assert().success();
        let mut now = holds();
        now.retain(|h| h != "4 stories, 0 attempts");
        assert_eq!(now, before, "after restore {number}");
    }
}

#[test]
fn without_a_terminal_the_coach_says_so_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let err = one_sentence_failure(star(dir.path()).write_stdin(""));
    assert!(err.starts_with("star-coach: the coach needs a terminal"), "{err}");
}

#[test]
fn an_error_names_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("file"), b"").unwrap();
    let err = one_sentence_failure(star(&dir.path().join("file/data")).arg("import").arg(export_with(
        dir.path(),
        "one.json",
        &["a"],
    )));
    let cause = "Not a directory (os error 20)";
    assert_eq!(err.matches(cause).count(), 1, "{err}");
}

#[test]
fn a_rescue_file_is_announced_until_it_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    star(&data).arg("import").arg(export_with(dir.path(), "one.json", &["a"])).assert().success();
    let rescue = data.join("star-coach-rescue-20261101T100000.000Z.json");
    fs::copy(export_with(dir.path(), "two.json", &["a", "b"]), &rescue).unwrap();
    let out = star(&data).arg("stories").assert().success().get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("`star-coach import {}`", rescue.display())), "{err}");
    star(&data).arg("import").arg(&rescue).assert().success();
    fs::remove_file(&rescue).unwrap();
    let out = star(&data).arg("stories").assert().success().get_output().clone();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("story b"));
}
