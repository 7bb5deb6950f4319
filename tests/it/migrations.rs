//! Every released schema version has a fixture, and the current code loads each one. Versions 1 to 3 are one
//! file; version 4 is the data file and its attempts log (`tests/fixtures/bank-v4/`).

use std::path::{Path, PathBuf};

use star_coach::practice::Target;
use star_coach::store::{self, SCHEMA_VERSION, Store};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A data folder holding the fixture of `version`.
fn folder_of(version: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let single = fixtures().join(format!("bank-v{version}.json"));
    if single.exists() {
        std::fs::copy(&single, dir.path().join(store::FILE_NAME)).unwrap();
        return dir;
    }
    let folder = fixtures().join(format!("bank-v{version}"));
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|_| panic!("a fixture for schema version {version}"));
    for entry in entries.flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn every_released_schema_version_loads() {
    for version in 1..=SCHEMA_VERSION {
        let dir = folder_of(version);
        let bank = Store::new(dir.path()).load().unwrap_or_else(|e| panic!("version {version}: {e}"));
        assert!(!bank.stories.is_empty() && !bank.attempts.is_empty(), "version {version} has data to carry");
    }
    let v3 = Store::new(folder_of(3).path()).load().unwrap();
    assert_eq!(Store::new(folder_of(4).path()).load().unwrap(), v3, "version 4 is version 3 moved to a log");
}

#[test]
fn version_3_carries_drilled_attempts() {
    let dir = folder_of(3);
    let bank = Store::new(dir.path()).load().unwrap();
    let drilled: Vec<(&str, f64)> =
        bank.attempts.iter().filter_map(|a| Some((a.prompt.as_str(), a.drill?.pick_secs))).collect();
    assert_eq!(drilled, [("q-frugal-fraction", 12.5), ("q-scale-footprint", 31.75)]);
    let plan = bank.plan;
    assert_eq!((plan.interview_date.map(|d| d.to_string()), plan.per_day), (Some("2026-12-16".into()), Some(4)));
    // Versions 1 and 2 knew no drills: their attempts load without one.
    let v2 = std::fs::read(fixtures().join("bank-v2.json")).unwrap();
    let bank = store::parse(Path::new("bank-v2.json"), &v2).unwrap();
    assert!(bank.attempts.iter().all(|a| a.drill.is_none()));
    assert!(bank.plan.is_empty(), "nor an interview date");
}

#[test]
fn a_single_file_moves_its_attempts_to_the_log_at_the_first_start_and_is_kept_as_a_backup() {
    for version in 1..=3 {
        let dir = folder_of(version);
        let old = std::fs::read(dir.path().join(store::FILE_NAME)).unwrap();
        let before = Store::new(dir.path()).load().unwrap();
        let mut app = Store::new(dir.path());
        assert!(app.lock().unwrap());
        let opened = app.open(Target::default()).unwrap();
        assert_eq!(opened.bank, before, "version {version}: the first start has every attempt");
        assert!(opened.history.has_every_attempt());
        assert!(app.log_path().exists() && app.summary_path().exists(), "version {version}");
        let text = std::fs::read_to_string(app.path()).unwrap();
        assert!(text.contains("\"schema_version\": 4") && !text.contains("\"attempts\": ["), "{text}");
        let backups = app.backups();
        assert_eq!(backups.len(), 1, "version {version}: the old file is kept");
        assert_eq!(std::fs::read(&backups[0].path).unwrap(), old, "byte for byte");
        assert_eq!(app.read_backup(&backups[0]).unwrap(), before);
        drop(app);
        assert_eq!(Store::new(dir.path()).load().unwrap(), before, "version {version}: nothing lost on the way");
        let mut next = Store::new(dir.path());
        assert!(next.lock().unwrap());
        let opened = next.open(Target::default()).unwrap();
        assert!(!opened.history.has_every_attempt(), "the next start draws from the summary");
        assert_eq!((opened.bank.stories, opened.history.len()), (before.stories, before.attempts.len()));
        assert_eq!(next.check_log().unwrap(), None, "and the summary agrees with the log");
    }
}

#[test]
fn without_the_lock_a_single_file_is_read_as_it_is() {
    let dir = folder_of(3);
    let old = std::fs::read(dir.path().join(store::FILE_NAME)).unwrap();
    let mut reader = Store::new(dir.path());
    let opened = reader.open(Target::default()).unwrap();
    assert_eq!(opened.bank.attempts.len(), 5);
    assert_eq!(std::fs::read(dir.path().join(store::FILE_NAME)).unwrap(), old);
    assert!(!reader.log_path().exists());
}
