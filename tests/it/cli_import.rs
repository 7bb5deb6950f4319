//! `import` against the real binary: no clock overwrites a newer edit, both sides' changes are kept, impossible
//! values are refused in one sentence, and the summary counts stories and attempts apart.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use star_coach::store::Store;

const NO_CONFIG: &str = "/nonexistent/star-coach-test/config.toml";
const FIXTURE: &str = include_str!("../fixtures/bank-v2.json");

fn star(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("star-coach").unwrap();
    cmd.arg("--data-dir").arg(data).env("STAR_COACH_CONFIG", NO_CONFIG);
    cmd
}

fn run(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// The file `name` holding the version 2 fixture with `from` replaced by `to`.
fn import_file(dir: &Path, name: &str, from: &str, to: &str) -> std::path::PathBuf {
    assert!(FIXTURE.contains(from), "the fixture has {from}");
    let path = dir.join(name);
    fs::write(&path, FIXTURE.replacen(from, to, 1)).unwrap();
    path
}

/// Edits story `id`'s title in the data file as the app would: loads, changes, saves under the lock.
fn edit_here(data: &Path, id: &str, title: &str) {
    let mut store = Store::new(data);
    assert!(store.lock().unwrap());
    let mut bank = store.load().unwrap();
    let edited = bank.story_mut(id).unwrap();
    edited.title = title.into();
    edited.updated_at = chrono::Utc::now();
    store.save(&bank).unwrap();
}

fn titles(data: &Path) -> Vec<String> {
    Store::new(data).load().unwrap().stories.into_iter().map(|s| s.title).collect()
}

#[test]
fn an_export_from_the_future_never_overwrites_a_later_edit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = import_file(dir.path(), "future.json", "\"2026-11-02T10:00:00Z\"", "\"2090-01-01T00:00:00Z\"");
    let first = run(star(&data).arg("import").arg(&file));
    assert!(first.contains("1 date in the import was later than now"), "{first}");
    edit_here(&data, "st0ry1", "edited here after the import");
    let again = run(star(&data).arg("import").arg(&file));
    assert!(again.starts_with("Stories: 0 new, 0 updated, 2 already here."), "{again}");
    assert!(titles(&data).contains(&"edited here after the import".to_string()));
}

#[test]
fn when_both_sides_changed_both_are_kept_and_the_import_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    run(star(&data).arg("import").arg(import_file(dir.path(), "one.json", "", "")));
    edit_here(&data, "st0ry1", "edited here");
    let theirs = import_file(dir.path(), "two.json", "\"title\": \"Checkout timeouts", "\"title\": \"Edited there");
    let report = run(star(&data).arg("import").arg(&theirs));
    assert!(report.contains("1 story was changed both here and in the import since the last import"), "{report}");
    assert!(report.contains("both versions are kept"), "{report}");
    let titles = titles(&data);
    assert!(titles.contains(&"edited here".to_string()), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("Edited there")), "{titles:?}");
    let list = run(star(&data).arg("stories"));
    assert!(list.contains("an import's copy, in conflict with story st0ry1"), "{list}");
}

#[test]
fn the_summary_counts_stories_and_attempts_apart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = import_file(dir.path(), "bank.json", "", "");
    let first = run(star(&data).arg("import").arg(&file));
    assert!(first.starts_with("Stories: 2 new, 0 updated, 0 already here. Attempts: 3 new, 0 already here.\n"));
    let again = run(star(&data).arg("import").arg(&file));
    assert_eq!(again, "Stories: 0 new, 0 updated, 2 already here. Attempts: 0 new, 3 already here.\n");
}

/// An import that must be refused in one sentence, with no control character in it, changing nothing.
fn refused(from: &str, to: &str, words: &str) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    run(star(&data).arg("import").arg(import_file(dir.path(), "good.json", "", "")));
    let before = fs::read(data.join("star-coach.json")).unwrap();
    let out = star(&data).arg("import").arg(import_file(dir.path(), "bad.json", from, to)).assert().failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(words), "{words:?} in {err}");
    assert!(!err.trim_end().chars().any(char::is_control), "{err:?}");
    assert_eq!(fs::read(data.join("star-coach.json")).unwrap(), before);
}

#[test]
fn impossible_values_are_refused_and_change_nothing() {
    refused("\"duration_secs\": 95.5", "\"duration_secs\": 1e308", "lasts 1e308 seconds");
    refused("\"schema_version\": 2", "\"schema_version\": 0", "schema_version is 0");
    refused(
        "\"id\": \"st0ry1\"",
        "\"id\": \"st0ry1\\u001b]52;c;aGk=\\u0007\"",
        "has the id \"st0ry1\\u{1b}]52;c;aGk=\\u{7}\"",
    );
    refused(
        "\"prompt\": \"missed-deadline\"",
        "\"prompt\": \"\\u001bP+q544e\\u001b\\\\\"",
        "names a prompt with a malformed id",
    );
    refused(
        "\"started_at\": \"2026-11-20T08:30:00Z\"",
        "\"started_at\": \"1970-01-01T00:00:00Z\"",
        "outside the years",
    );
    refused("\"secs\": 50.0", "\"secs\": 5000.0", "phases that add up to");
    refused("\"confidence\": 4", "\"confidence\": 200", "confidence 200, not 1 to 5");
}

#[test]
fn an_attempt_at_a_story_that_is_not_there_is_kept_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = import_file(dir.path(), "bank.json", "\"story\": \"st0ry1\"", "\"story\": \"deleted-long-ago\"");
    let report = run(star(&data).arg("import").arg(&file));
    assert!(report.contains("1 of the imported attempts name a story that is in neither bank"), "{report}");
    assert_eq!(Store::new(&data).load().unwrap().attempts.len(), 3);
}

#[test]
fn a_data_file_with_a_control_character_in_an_id_is_refused_not_printed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let text =
        FIXTURE.replacen("\"prompt\": \"missed-deadline\"", "\"prompt\": \"\\u001b[2J\\u001b]0;owned\\u0007\"", 1);
    fs::write(data.join("star-coach.json"), text).unwrap();
    for args in [&["stories"][..], &["stories", "lint"], &["history"], &["export", "--format", "md"]] {
        let out = star(&data).args(args).assert().failure().get_output().clone();
        let all = [out.stdout, out.stderr].concat();
        assert!(!all.contains(&0x1b), "{args:?}: {}", String::from_utf8_lossy(&all));
    }
}
