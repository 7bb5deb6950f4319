//! Helpers shared by the integration tests: `use crate::support::pty::Pty;` in a test module.
// Each test file uses only some of these.
#![allow(dead_code)]

pub mod alsa;
pub mod hostile_import;
pub mod pty;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_star-coach");

/// A config path that does not exist, so tests run on the defaults whatever the machine has.
pub const NO_CONFIG: &str = "/nonexistent/star-coach-test/config.toml";

/// star-coach in an 80×24 pseudo-terminal, on its own data folder.
pub fn star_coach(data_dir: &Path) -> pty::Pty {
    pty::Pty::command(BIN).env("STAR_COACH_DATA_DIR", data_dir).spawn()
}

/// Runs `star-coach ARGS --data-dir DIR`, which must succeed and print JSON.
pub fn json_from(args: &[&str], data_dir: &Path) -> Value {
    let output = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("STAR_COACH_DATA_DIR")
        .env("STAR_COACH_CONFIG", NO_CONFIG)
        .output()
        .expect("could not run star-coach");
    assert!(output.status.success(), "star-coach {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("star-coach did not print JSON")
}

/// `star-coach` from the command line on `data_dir`, on the default settings, printing dates in UTC.
pub fn star(data_dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(BIN);
    cmd.env("STAR_COACH_DATA_DIR", data_dir)
        .env("STAR_COACH_CONFIG", NO_CONFIG)
        .env("TZ", "UTC")
        .env_remove("NO_COLOR");
    cmd
}

/// Runs `cmd`, which must succeed; returns what it printed.
pub fn stdout(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).expect("UTF-8 output")
}

/// Runs `cmd`, which must fail; returns what it said on stderr.
pub fn stderr_of_failure(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.assert().failure().get_output().stderr.clone()).expect("UTF-8 output")
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
