//! Runs a program in a pseudo-terminal and reads its screen, so a test can type at a TUI as a person would.
//!
//! A reader thread feeds everything the program writes into a `vt100::Parser` (the screen a person would see)
//! and into a raw byte log (for checking the escape sequences themselves, such as leaving the alternate screen).
//!
//! ```ignore
//! let mut pty = Pty::command(env!("CARGO_BIN_EXE_star-coach")).env("STAR_COACH_DATA_DIR", dir.path()).spawn();
//! pty.wait_for("Prompts", TIMEOUT);
//! pty.send("q");
//! assert!(pty.wait_exit(TIMEOUT).success());
//! ```
#![allow(dead_code)] // Each test file uses its own part of the harness.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long `wait_for` and `wait_exit` callers usually wait before giving up.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How often the screen is looked at while waiting.
const POLL: Duration = Duration::from_millis(20);

/// A lone Esc followed at once by another key reads as Alt+key, so `send` pauses this long after one.
pub const ESC_DELAY: Duration = Duration::from_millis(150);

/// The bytes a terminal sends for common keys.
pub mod keys {
    pub const SPACE: &str = " ";
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const BACKSPACE: &str = "\x7f";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const CTRL_C: &str = "\x03";
}

/// What to run, and in how big a terminal; made by [`Pty::command`].
pub struct PtyBuilder {
    command: CommandBuilder,
    rows: u16,
    cols: u16,
    /// The program's `HOME` unless a test sets its own: the program records every answer, and a test must never
    /// open the developer's microphone, so ALSA's `default` there is its `null` device (silence in, nothing out).
    home: tempfile::TempDir,
}

impl PtyBuilder {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.command.env_remove(key);
        self
    }

    pub fn cwd(mut self, dir: impl AsRef<OsStr>) -> Self {
        self.command.cwd(dir);
        self
    }

    /// The terminal's size; 24 rows by 80 columns unless set.
    pub fn size(mut self, rows: u16, cols: u16) -> Self {
        self.rows = rows;
        self.cols = cols;
        self
    }

    pub fn spawn(self) -> Pty {
        let size = PtySize { rows: self.rows, cols: self.cols, pixel_width: 0, pixel_height: 0 };
        let pair = native_pty_system().openpty(size).expect("could not open a pseudo-terminal");
        let child = pair.slave.spawn_command(self.command).expect("could not start the program in the pty");
        // Keep no handle on the terminal's far side: once the program exits, reading then ends.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(self.rows, self.cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let last_full_screen = Arc::new(Mutex::new(String::new()));
        let mut reader = pair.master.try_clone_reader().expect("could not read from the pty");
        let writer = pair.master.take_writer().expect("could not write to the pty");
        let reader_thread = {
            let (parser, raw, last_full_screen) =
                (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&last_full_screen));
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            lock(&raw).extend_from_slice(&buf[..n]);
                            let mut parser = lock(&parser);
                            parser.process(&buf[..n]);
                            if parser.screen().alternate_screen() {
                                *lock(&last_full_screen) = parser.screen().contents();
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        // Linux answers EIO once the program's side of the terminal has closed.
                        Err(_) => break,
                    }
                }
            })
        };
        Pty {
            _home: self.home,
            parser,
            raw,
            last_full_screen,
            writer,
            child,
            master: pair.master,
            reader_thread: Some(reader_thread),
            status: None,
        }
    }
}

/// A program running in a pseudo-terminal. Dropping it kills the program if it is still running.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// The alternate screen as last drawn, for failure messages after a TUI has left it.
    last_full_screen: Arc<Mutex<String>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Closing the terminal's own side would hang up on the program, so it is kept for the program's life.
    master: Box<dyn MasterPty + Send>,
    reader_thread: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
    _home: tempfile::TempDir,
}

impl Pty {
    /// Starts describing the program to run, in an 80×24 terminal with `TERM=xterm-256color`, in the
    /// test's working folder.
    pub fn command(program: impl AsRef<OsStr>) -> PtyBuilder {
        let mut command = CommandBuilder::new(program);
        command.env("TERM", "xterm-256color");
        for var in ["COLUMNS", "LINES", "STAR_COACH_DATA_DIR"] {
            command.env_remove(var);
        }
        // The developer's own config and prompt packs must never change what a test sees.
        command.env("STAR_COACH_CONFIG", super::NO_CONFIG);
        if let Ok(dir) = std::env::current_dir() {
            command.cwd(dir);
        }
        let home = tempfile::tempdir().expect("a temporary home");
        std::fs::write(home.path().join(".asoundrc"), "pcm.!default { type null }\n").expect("an .asoundrc");
        command.env("HOME", home.path());
        command.env_remove("ALSA_CONFIG_PATH");
        PtyBuilder { command, rows: 24, cols: 80, home }
    }

    /// Runs `program` with `args` and extra environment variables, in an 80×24 terminal.
    pub fn spawn<A, K, V>(program: impl AsRef<OsStr>, args: &[A], env: &[(K, V)]) -> Pty
    where
        A: AsRef<OsStr>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        env.iter().fold(Pty::command(program).args(args), |b, (k, v)| b.env(k, v)).spawn()
    }

    /// Types `keys` (see [`keys`]); after a trailing lone Esc it waits [`ESC_DELAY`] so the next key is not
    /// read as Alt+key.
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .unwrap_or_else(|e| panic!("could not type {keys:?}: {e}\n{}", self.dump()));
        if keys.ends_with('\x1b') {
            std::thread::sleep(ESC_DELAY);
        }
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the program has a process id")
    }

    /// Resizes the terminal, as a user dragging the window would; the program gets SIGWINCH.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        // The parser first: the program's next frame, drawn at the new size, must land on a screen of that size.
        lock(&self.parser).screen_mut().set_size(rows, cols);
        let size = PtySize { rows, cols, pixel_width: 0, pixel_height: 0 };
        self.master.resize(size).expect("could not resize the pty");
    }

    /// Sends SIGTERM, as a closing terminal or `kill` would.
    pub fn terminate(&self) {
        self.signal("TERM");
    }

    /// Sends the signal named `name` (`HUP`, `QUIT`, `TSTP`, `CONT`…), as `kill -NAME` does.
    pub fn signal(&self, name: &str) {
        let pid = self.pid();
        let status = std::process::Command::new("kill").arg(format!("-{name}")).arg(pid.to_string()).status();
        assert!(status.is_ok_and(|s| s.success()), "kill -{name} {pid} failed");
    }

    /// The program's state letter from /proc (`S` sleeping, `T` stopped), or `None` once it has gone.
    pub fn process_state(&self) -> Option<char> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // After the command name in parentheses: " S ...".
        stat.rsplit_once(')').and_then(|(_, rest)| rest.trim_start().chars().next())
    }

    /// The text on the screen now, row by row (wrapped rows joined), trailing blanks trimmed.
    pub fn screen(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Every byte the program has written so far, escape sequences included.
    pub fn raw_output(&self) -> Vec<u8> {
        lock(&self.raw).clone()
    }

    /// Waits until `text` is on the screen and returns the screen; panics with the screen on timeout, or at
    /// once if the program has exited without showing it.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            // Check "finished" before reading the screen, so the last output is not missed.
            let finished = self.reader_thread.as_ref().is_none_or(JoinHandle::is_finished);
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(!finished, "the program's output ended before {text:?} appeared\n{}", self.dump());
            assert!(start.elapsed() < timeout, "{text:?} did not appear within {timeout:?}\n{}", self.dump());
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the program to exit and for its last output to be read; kills it and panics on timeout.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.try_status() {
                break status;
            }
            if start.elapsed() >= timeout {
                let _ = self.child.kill();
                panic!("the program did not exit within {timeout:?}\n{}", self.dump());
            }
            std::thread::sleep(POLL);
        };
        // The output stops once the program's side of the terminal is closed; allow a moment to read it all.
        let drained = Instant::now();
        while let Some(thread) = &self.reader_thread {
            if thread.is_finished() {
                let _ = self.reader_thread.take().map(JoinHandle::join);
            } else if drained.elapsed() > Duration::from_secs(2) {
                break;
            } else {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        status
    }

    fn try_status(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().expect("could not ask whether the program exited");
        }
        self.status.clone()
    }

    /// The screen and the program's state, for a failure message.
    fn dump(&mut self) -> String {
        let state = match self.try_status() {
            Some(status) => format!("exited: {status}"),
            None => "still running".to_string(),
        };
        let rule = "-".repeat(80);
        let mut text = format!("program {state}; screen:\n{rule}\n{}\n{rule}", self.screen());
        let in_alternate = lock(&self.parser).screen().alternate_screen();
        let last = lock(&self.last_full_screen).clone();
        if !in_alternate && !last.trim().is_empty() {
            text.push_str(&format!("\nthe full-screen view as last drawn:\n{rule}\n{last}\n{rule}"));
        }
        text
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.try_status().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
