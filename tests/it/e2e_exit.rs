//! Every way out keeps a finished answer: a signal, a closed terminal, Ctrl-C; and a suspend gives the terminal back
//! and takes it again. The real binary in a pseudo-terminal.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::pty::{Pty, TIMEOUT, keys};
use crate::support::{contains, json_from, star_coach as start};

const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";

/// Practises prompt 1 for a couple of seconds and stops on its review with a line ticked and a note written.
fn on_a_finished_review(dir: &std::path::Path) -> Pty {
    let mut pty = start(dir);
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("p");
    pty.wait_for("READY", TIMEOUT);
    pty.send(keys::SPACE);
    pty.wait_for("RUNNING", TIMEOUT);
    std::thread::sleep(Duration::from_millis(1_200));
    pty.send(keys::ENTER);
    pty.wait_for("Did you avoid the guide's pitfalls", TIMEOUT);
    pty.send(keys::SPACE);
    pty.wait_for("[x] I spoke as", TIMEOUT);
    pty.send("4e");
    pty.send("kept when the terminal went");
    pty.wait_for("went", TIMEOUT);
    pty
}

fn attempts(dir: &std::path::Path) -> Vec<Value> {
    json_from(&["history", "--json"], dir).as_array().cloned().unwrap_or_default()
}

#[test]
fn a_signal_or_ctrl_c_on_the_review_saves_the_answer() {
    for way in ["TERM", "HUP", "QUIT", "USR1", "ctrl-c"] {
        let dir = tempfile::tempdir().unwrap();
        let mut pty = on_a_finished_review(dir.path());
        if way == "ctrl-c" {
            pty.send(keys::CTRL_C);
        } else {
            pty.signal(way);
        }
        pty.wait_exit(TIMEOUT);
        assert!(contains(&pty.raw_output(), LEAVE_ALTERNATE_SCREEN), "{way}: the terminal is given back");
        let saved = attempts(dir.path());
        assert_eq!(saved.len(), 1, "{way}: the finished answer is in the history");
        assert_eq!(saved[0]["review"]["note"], "kept when the terminal went", "{way}");
        assert_eq!(saved[0]["review"]["confidence"], 4, "{way}");
        assert_eq!(saved[0]["review"]["checklist"]["spoke_as_i"], true, "{way}");
    }
}

#[test]
fn closing_the_terminal_saves_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let pty = on_a_finished_review(dir.path());
    // Dropping the pty closes its master side, as closing a terminal window does: SIGHUP, then end of input.
    let pid = pty.pid();
    drop(pty);
    let started = Instant::now();
    while std::path::Path::new(&format!("/proc/{pid}")).exists() && started.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(attempts(dir.path()).len(), 1, "the finished answer is in the history");
}

#[test]
fn a_suspend_gives_the_terminal_back_and_fg_takes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = start(dir.path());
    pty.wait_for("1. Why do you want", TIMEOUT);
    pty.send("2a");
    pty.wait_for("A short name", TIMEOUT);
    pty.send("Written before a suspend");
    pty.wait_for("suspend", TIMEOUT);
    for how in ["TSTP", "ctrl-z"] {
        let before = pty.raw_output().len();
        if how == "TSTP" {
            pty.signal("TSTP");
        } else {
            pty.send("\x1a");
        }
        let started = Instant::now();
        while pty.process_state() != Some('T') {
            assert!(started.elapsed() < TIMEOUT, "{how}: the process did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
        // What the program wrote before it stopped reaches the test's reader a moment later.
        let started = Instant::now();
        while !contains(&pty.raw_output()[before..], LEAVE_ALTERNATE_SCREEN) {
            assert!(started.elapsed() < TIMEOUT, "{how}: the terminal is given back before the process stops");
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(pty.process_state(), Some('T'), "{how}: and it stays stopped until fg");
        let after_stop = pty.raw_output();
        let bank = json_from(&["export"], dir.path());
        assert_eq!(bank["stories"][0]["title"], "Written before a suspend", "{how}: typed text is saved first");
        pty.signal("CONT");
        let started = Instant::now();
        while !contains(&pty.raw_output()[after_stop.len()..], ENTER_ALTERNATE_SCREEN) {
            assert!(started.elapsed() < TIMEOUT, "{how}: fg did not take the terminal again");
            std::thread::sleep(Duration::from_millis(20));
        }
        pty.wait_for("A short name", TIMEOUT);
    }
    pty.send(" and after");
    pty.wait_for("and after", TIMEOUT);
    pty.send(keys::CTRL_C);
    assert!(pty.wait_exit(TIMEOUT).success());
    let bank = json_from(&["export"], dir.path());
    assert_eq!(bank["stories"][0]["title"], "Written before a suspend and after", "the editor was still there");
}
