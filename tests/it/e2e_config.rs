//! End to end: the config file as a user writes it, read by the real binary in a pseudo-terminal.

use std::path::Path;

use crate::support::pty::{Pty, TIMEOUT};
use crate::support::{BIN, contains};

const ENABLE_MOUSE: &[u8] = b"\x1b[?1000h";
const DISABLE_MOUSE: &[u8] = b"\x1b[?1000l";

fn start(dir: &Path, config: &str) -> Pty {
    let path = dir.join("config.toml");
    std::fs::write(&path, config).unwrap();
    Pty::command(BIN).env("STAR_COACH_DATA_DIR", dir.join("data")).env("STAR_COACH_CONFIG", path).spawn()
}

/// A left click at 0-based `column`, `row`, as an xterm sends it in SGR mode.
fn click(pty: &mut Pty, column: usize, row: usize) {
    pty.send(&format!("\x1b[<0;{};{}M\x1b[<0;{};{}m", column + 1, row + 1, column + 1, row + 1));
}

#[test]
fn remapped_keys_and_a_mouse_click_work_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(dir.path(), "theme = \"light\"\n[keys.top]\nquit = \"Q\"\nshow_stories = \"s\"\n");
    let screen = pty.wait_for("Q quit", TIMEOUT);
    let header = screen.lines().next().unwrap().to_string();
    let history_x = header.find("3 History").expect("tabs in the header");
    click(&mut pty, history_x + 2, 0);
    pty.wait_for("No practice yet", TIMEOUT);
    pty.send("s");
    pty.wait_for("No stories yet", TIMEOUT);
    pty.send("q");
    pty.send("Q");
    let status = pty.wait_exit(TIMEOUT);
    assert!(status.success(), "{status}");
    let raw = pty.raw_output();
    assert!(contains(&raw, ENABLE_MOUSE) && contains(&raw, DISABLE_MOUSE), "mouse capture on, then off at exit");
}

#[test]
fn mouse_off_leaves_the_terminal_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(dir.path(), "mouse = false\n");
    pty.wait_for("q quit", TIMEOUT);
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success());
    assert!(!contains(&pty.raw_output(), ENABLE_MOUSE), "mouse capture was turned on");
}

#[test]
fn a_bad_config_starts_on_the_defaults_and_says_where_the_problem_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(dir.path(), "[target]\nmax_secs = 90\n[keys.top]\nquit = \"enterr\"\n");
    let screen = pty.wait_for("DEFAULT CONFIG", TIMEOUT);
    assert!(screen.contains("Config not used: config.toml:4:8: \"enterr\" is not a key"), "{screen}");
    pty.send("?");
    pty.wait_for("Found at start", TIMEOUT);
    pty.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(150));
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success(), "the default q still quits");
}
