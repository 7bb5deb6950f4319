//! Hostile imports against the real binary: each is refused in one sentence with the bank unchanged, or accepted,
//! and then every command on the bank runs without a panic and prints no character that could steer a terminal.

use std::process::Command;

use crate::support::hostile_import::{has_control, hostile_import};
use crate::support::{BIN, NO_CONFIG};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use star_coach::model::{Bank, Story};
use star_coach::store::Store;

/// Every command that reads the bank, as a user would run it after the import.
const COMMANDS: &[&[&str]] = &[
    &["stories"],
    &["stories", "lint"],
    &["stories", "lint", "--json"],
    &["history"],
    &["history", "--json"],
    &["history", "--prompt", "4"],
    &["next"],
    &["export", "--format", "md"],
    &["export", "--format", "json"],
    &["restore"],
];

fn star(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).arg("--data-dir").arg(data).env("STAR_COACH_CONFIG", NO_CONFIG).output().unwrap()
}

/// A run that ended as star-coach means to: success, or one sentence on stderr; never a panic, never a control
/// character on either stream.
fn well_behaved(args: &[&str], out: &std::process::Output) {
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(!has_control(&stdout) && !has_control(&stderr), "{args:?}: {stdout:?} {stderr:?}");
    if !out.status.success() {
        assert_eq!(stderr.lines().count(), 1, "{args:?}: one sentence: {stderr}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_hostile_import_is_refused_in_a_sentence_or_every_command_runs_clean(json in hostile_import()) {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z").unwrap().to_utc();
        let mut store = Store::new(&data);
        store.save(&Bank { stories: vec![Story::new("here1".into(), "Already here".into(), at)], attempts: vec![], ..Bank::default() }).unwrap();
        let before = std::fs::read(store.path()).unwrap();
        let file = dir.path().join("import.json");
        std::fs::write(&file, &json).unwrap();
        let import = star(&data, &["import", file.to_str().unwrap()]);
        well_behaved(&["import"], &import);
        if !import.status.success() {
            prop_assert_eq!(std::fs::read(store.path()).unwrap(), before, "a refused import changes nothing");
            return Ok(());
        }
        for args in COMMANDS {
            let out = star(&data, args);
            well_behaved(args, &out);
            prop_assert!(out.status.success(), "{:?} on an accepted import: {}", args, String::from_utf8_lossy(&out.stderr));
        }
    }
}

/// The property above means something only if the generator makes imports of both kinds.
#[test]
fn the_generator_makes_both_kinds() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut accepted, mut refused) = (0, 0);
    for _ in 0..100 {
        let json = hostile_import().new_tree(&mut runner).unwrap().current();
        match star_coach::store::parse(std::path::Path::new("x.json"), json.as_bytes()) {
            Ok(_) => accepted += 1,
            Err(_) => refused += 1,
        }
    }
    assert!(accepted >= 15 && refused >= 15, "accepted {accepted}, refused {refused}");
}
