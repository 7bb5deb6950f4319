//! The terminal is given back as it was, however star-coach ends: quit, Ctrl-C, error, panic, SIGTERM, SIGHUP.
//!
//! Each test runs star-coach under `sh` in a pseudo-terminal and has the shell print `stty -a` afterwards, so
//! the terminal's mode after the exit is read from the terminal itself.

use std::process::Command;

use crate::support::pty::{Pty, TIMEOUT, keys};

use crate::support::BIN;
const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
const STTY_DONE: &str = "stty-done";

fn start_under_shell(data_dir: &std::path::Path, env: &[(&str, &str)]) -> Pty {
    let script = format!("'{BIN}' --data-dir '{}'; echo exit=$?; stty -a; echo {STTY_DONE}", data_dir.display());
    let mut builder = Pty::command("sh").args(["-c", &script]);
    for (k, v) in env {
        builder = builder.env(k, v);
    }
    builder.spawn()
}

/// star-coach's own pid: the shell's only child.
fn app_pid(pty: &Pty) -> String {
    let shell = pty.pid();
    let out = Command::new("pgrep").args(["-P", &shell.to_string()]).output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn assert_restored(pty: &mut Pty, expect_exit: &str) {
    let screen = pty.wait_for(STTY_DONE, TIMEOUT);
    assert!(pty.wait_exit(TIMEOUT).success());
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(raw.contains(LEAVE_ALTERNATE_SCREEN), "the alternate screen was left");
    assert!(screen.contains(expect_exit), "expected {expect_exit}:\n{screen}");
    let words: Vec<&str> = screen.split_whitespace().collect();
    for mode in ["echo", "icanon", "isig"] {
        assert!(words.contains(&mode), "{mode} is on again:\n{screen}");
        assert!(!words.contains(&format!("-{mode}").as_str()), "{mode} is not left off:\n{screen}");
    }
}

#[test]
fn after_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_under_shell(dir.path(), &[]);
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("q");
    assert_restored(&mut pty, "exit=0");
}

#[test]
fn after_ctrl_c_in_practice() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_under_shell(dir.path(), &[]);
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("p");
    pty.send(keys::SPACE);
    pty.wait_for("RUNNING", TIMEOUT);
    pty.send(keys::CTRL_C);
    assert_restored(&mut pty, "exit=0");
}

#[test]
fn after_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start_under_shell(dir.path(), &[("STAR_COACH_DEBUG_PANIC", "1")]);
    assert_restored(&mut pty, "exit=101");
}

#[test]
fn after_sigterm_and_sighup() {
    for signal in ["-TERM", "-HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let mut pty = start_under_shell(dir.path(), &[]);
        pty.wait_for("1. Why do you want", TIMEOUT);
        let pid = app_pid(&pty);
        assert!(Command::new("kill").args([signal, &pid]).status().unwrap().success());
        assert_restored(&mut pty, "exit=0");
    }
}

#[test]
fn a_resize_during_practice_keeps_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::command(BIN).env("STAR_COACH_DATA_DIR", dir.path()).spawn();
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("p");
    pty.send(keys::SPACE);
    pty.wait_for("0:59 to go", TIMEOUT);
    pty.resize(40, 120);
    pty.wait_for("0:58 to go", TIMEOUT);
    // Small enough for the compact layout, which shows the clock as text.
    pty.resize(6, 20);
    pty.wait_for("0:03 RUNNING", TIMEOUT);
    pty.resize(24, 80);
    pty.wait_for("0:56 to go", TIMEOUT);
    pty.send(keys::CTRL_C);
    assert!(pty.wait_exit(TIMEOUT).success());
}

/// What the shell printed before is neither drawn through nor drawn over: the coach draws on the alternate screen,
/// cleared, and leaves the shell's screen as it found it.
#[test]
fn the_shell_screen_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        "for n in 1 2 3 4 5 6 7 8 9 10 11 12; do echo shell-line-$n-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done; \
         '{BIN}' --data-dir '{}'; echo exit=$?",
        dir.path().display()
    );
    let mut pty = Pty::command("sh").args(["-c", &script]).spawn();
    let first = pty.wait_for("1. Why do you want", TIMEOUT);
    assert!(!first.contains("shell-line") && !first.contains("xxxx"), "the shell's text shows through:\n{first}");
    pty.send("q");
    let after = pty.wait_for("exit=0", TIMEOUT);
    assert!(after.contains("shell-line-12-x"), "the shell's screen is back:\n{after}");
    assert!(!after.contains("Why do you want"), "the coach's screen is left behind:\n{after}");
}
