//! Every released schema version has a fixture, and the current code loads each one.

use std::path::Path;

use star_coach::store::{self, SCHEMA_VERSION, Store};

#[test]
fn every_released_schema_version_loads() {
    for version in 1..=SCHEMA_VERSION {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/bank-v{version}.json"));
        let bytes = std::fs::read(&fixture).unwrap_or_else(|_| panic!("a fixture for schema version {version}"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(store::FILE_NAME), &bytes).unwrap();
        let bank = Store::new(dir.path()).load().unwrap_or_else(|e| panic!("version {version}: {e}"));
        assert!(!bank.stories.is_empty() && !bank.attempts.is_empty(), "version {version} has data to carry");
    }
}

#[test]
fn version_3_carries_drilled_attempts() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank-v3.json");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&fixture, dir.path().join(store::FILE_NAME)).unwrap();
    let bank = Store::new(dir.path()).load().unwrap();
    let drilled: Vec<(&str, f64)> =
        bank.attempts.iter().filter_map(|a| Some((a.prompt.as_str(), a.drill?.pick_secs))).collect();
    assert_eq!(drilled, [("q-frugal-fraction", 12.5), ("q-scale-footprint", 31.75)]);
    let plan = bank.plan;
    assert_eq!((plan.interview_date.map(|d| d.to_string()), plan.per_day), (Some("2026-12-16".into()), Some(4)));
    // Versions 1 and 2 knew no drills: their attempts load without one.
    let v2 = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bank-v2.json")).unwrap();
    let bank = store::parse(Path::new("bank-v2.json"), &v2).unwrap();
    assert!(bank.attempts.iter().all(|a| a.drill.is_none()));
    assert!(bank.plan.is_empty(), "nor an interview date");
}
