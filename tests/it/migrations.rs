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
