//! star-coach beside two ratatui programs that do nothing else, built and measured in the same run in a
//! pseudo-terminal: a bare one that draws once (first frame, idle CPU, peak RSS) and a bare clock that redraws a
//! full screen once a second (CPU, the yardstick for the practice clock's). Every star-coach figure is given as a
//! ratio to its bare counterpart first, since absolute CPU figures on shared machines move tenfold with the host:
//! time from spawn to the first complete frame at 1,000, 10,000 and 100,000 attempts, CPU over 20 s idle and with
//! the practice clock running, and peak RSS before the History screen is opened. Then the recorder's cost: CPU
//! while it records a 2-minute answer through ALSA's `file` plugin, and RSS before and after. Linux only (it
//! reads /proc). `cargo bench --bench side_by_side`; set `SIDE_BY_SIDE_SECS` to shorten the CPU windows and
//! `SIDE_BY_SIDE_RECORD_SECS` the answer; `-- recorder` measures only the recorder, `-- first-frame` only the
//! first frames (from more starts, to try a start-up change quickly); `SIDE_BY_SIDE_KEEP=1` keeps the data folders.

// Test code: a failed unwrap is a failed test; exact figures and quick casts are what a test means.
#![allow(
    clippy::unwrap_used,
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::needless_pass_by_value,
    clippy::unreadable_literal
)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use star_coach::store::Store;

mod common;

const BARE_MAIN: &str = r#"
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};
use ratatui::widgets::{Block, Paragraph};

/// `bare-hello` draws once and waits for a key; `bare-hello clock` redraws a full screen once a second, a
/// bordered block of text with a running count, as a TUI clock does.
fn main() {
    let clock = std::env::args().any(|a| a == "clock");
    let mut terminal = ratatui::init();
    if !clock {
        terminal.draw(|frame| frame.render_widget("hello from a bare ratatui program", frame.area())).unwrap();
    }
    let started = Instant::now();
    let mut next = started;
    loop {
        if clock && Instant::now() >= next {
            let secs = started.elapsed().as_secs();
            terminal
                .draw(|frame| {
                    let area = frame.area();
                    let lines: Vec<String> = (0..area.height)
                        .map(|i| format!("RUNNING {}:{:02} line {i} of a full screen of text", secs / 60, secs % 60))
                        .collect();
                    let text = Paragraph::new(lines.join("\n")).block(Block::bordered().title("bare clock"));
                    frame.render_widget(text, area);
                })
                .unwrap();
            next += Duration::from_secs(1);
        }
        let wait = if clock { next.saturating_duration_since(Instant::now()) } else { Duration::from_secs(3600) };
        if event::poll(wait).unwrap() && matches!(event::read().unwrap(), Event::Key(_)) {
            break;
        }
    }
    ratatui::restore();
}
"#;

/// Builds the bare program with the same ratatui and the same release profile, in the same run.
fn build_bare(work: &Path) -> PathBuf {
    let dir = work.join("bare-hello");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"bare-hello\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[dependencies]\nratatui = \"0.30\"\n\n\
         [profile.release]\nlto = true\ncodegen-units = 1\nstrip = true\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), BARE_MAIN).unwrap();
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bare-hello");
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .unwrap();
    assert!(status.success(), "could not build the bare ratatui program");
    target.join("release/bare-hello")
}

struct Run {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Screen>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// The terminal as the program has drawn it, with when its output last arrived; the reader thread signals each
/// arrival, so a wait looks at the screen only when it changed (polling it would take CPU from the program).
struct Screen {
    state: Mutex<(vt100::Parser, Instant)>,
    changed: Condvar,
}

/// Starts `program` in an 80×24 pseudo-terminal, star-coach with its data in `data_dir` (from the environment, as a
/// user who keeps it elsewhere runs it: plain `star-coach`).
fn spawn(program: &Path, args: &[&str], data_dir: Option<&Path>) -> (Run, Instant) {
    let pair = native_pty_system().openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut command = CommandBuilder::new(program);
    command.args(args);
    command.env("TERM", "xterm-256color");
    if let Some(dir) = data_dir {
        command.env("STAR_COACH_DATA_DIR", dir);
    }
    let started = Instant::now();
    let child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let screen =
        Arc::new(Screen { state: Mutex::new((vt100::Parser::new(24, 80, 0), started)), changed: Condvar::new() });
    let mut reader = pair.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let arrived = Instant::now();
            let mut state = sink.state.lock().unwrap();
            state.0.process(&buf[..n]);
            state.1 = arrived;
            sink.changed.notify_all();
        }
    });
    let writer = pair.master.take_writer().unwrap();
    (Run { child, writer, screen, _master: pair.master }, started)
}

impl Run {
    /// Waits until `text` is on screen; returns when the output that completed it arrived.
    fn wait_for(&self, text: &str) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut state = self.screen.state.lock().unwrap();
        loop {
            if state.0.screen().contents().contains(text) {
                return state.1;
            }
            let left =
                deadline.checked_duration_since(Instant::now()).unwrap_or_else(|| panic!("{text:?} never appeared"));
            state = self.screen.changed.wait_timeout(state, left).unwrap().0;
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// CPU time used so far, from the scheduler's nanosecond counter.
    fn cpu(&self) -> Duration {
        let text = std::fs::read_to_string(format!("/proc/{}/schedstat", self.pid())).unwrap();
        Duration::from_nanos(text.split_whitespace().next().unwrap().parse().unwrap())
    }

    fn peak_rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    fn cpu_share_over(&self, window: Duration) -> f64 {
        let before = self.cpu();
        std::thread::sleep(window);
        self.cpu().checked_sub(before).unwrap().as_secs_f64() / window.as_secs_f64()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Ends it at once: what a start leaves running (star-coach checks the history's log right after its first
    /// frame) must not weigh on the next start measured.
    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn finish(mut self) {
        self.send("\x03");
        let _ = self.child.wait();
    }
}

/// A program to start, its data folder, and what its first frame shows last.
type Start<'a> = (&'a Path, Option<&'a Path>, &'a str);

/// The median spawn-to-first-frame time of each of `starts`, over `n` rounds that start each once in turn, so a
/// host that gets busier or quieter during the run weighs on every program alike.
fn first_frames(starts: &[Start], n: usize) -> Vec<Duration> {
    let mut times = vec![Vec::with_capacity(n); starts.len()];
    for _ in 0..n {
        for (&(program, data_dir, marker), times) in starts.iter().zip(&mut times) {
            let (run, started) = spawn(program, &[], data_dir);
            times.push(run.wait_for(marker) - started);
            run.kill();
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            t[n / 2]
        })
        .collect()
}

struct Figures {
    idle_cpu: f64,
    clock_cpu: Option<f64>,
    peak_rss_kib: u64,
}

fn measure(program: &Path, data_dir: Option<&Path>, marker: &str, clock: bool, window: Duration) -> Figures {
    let (mut run, _) = spawn(program, &[], data_dir);
    run.wait_for(marker);
    std::thread::sleep(Duration::from_millis(300));
    let idle_cpu = run.cpu_share_over(window);
    let clock_cpu = clock.then(|| {
        run.send("p");
        run.wait_for("READY");
        run.send(" ");
        run.wait_for("RUNNING");
        run.cpu_share_over(window)
    });
    let peak_rss_kib = run.peak_rss_kib();
    run.finish();
    Figures { idle_cpu, clock_cpu, peak_rss_kib }
}

/// A data folder of `stories` stories and `attempts` attempts, opened once by star-coach as a user's would have
/// been: a save from the command line leaves the plan's cards out of the summary, and the first start adds them.
fn data_dir(star: &Path, work: &Path, name: &str, stories: usize, attempts: usize) -> PathBuf {
    let dir = work.join(name);
    let mut bank = common::bank(attempts);
    bank.stories = common::full_stories(stories);
    // One every 20 minutes runs past today at 100,000: end an hour ago instead, as a real history does (an
    // attempt dated after today, a clock set wrong, has the plan read every attempt).
    let last = bank.attempts.last().map(|a| a.started_at);
    let shift = last.map_or(chrono::Duration::zero(), |last| chrono::Utc::now() - chrono::Duration::hours(1) - last);
    for attempt in &mut bank.attempts {
        attempt.started_at += shift;
    }
    Store::new(&dir).save(&bank).unwrap();
    let (run, _) = spawn(star, &[], Some(&dir));
    run.wait_for(MARKER);
    std::thread::sleep(Duration::from_millis(500));
    run.finish();
    dir
}

/// What star-coach's first frame shows last.
const MARKER: &str = "7. What project";

/// Set in the child that records: the folder to record into.
const RECORD_CHILD_ENV: &str = "SIDE_BY_SIDE_RECORD_CHILD";

/// Resident memory now, from /proc: `VmRSS:` in all, or `RssAnon:` (heap and stacks, not code mapped from files).
fn rss_kib(pid: &str, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// CPU time of every thread of this process so far (/proc/self/schedstat counts the main thread alone).
fn process_cpu() -> Duration {
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .map(|text| Duration::from_nanos(text.split_whitespace().next().unwrap().parse().unwrap()))
        .sum()
}

/// The child: records an answer of `secs` through ALSA's default device, then prints what it cost as
/// `rss_before rss_10s rss_end anon_before anon_end cpu_share samples`.
fn record_child(dir: &Path, secs: u64) {
    let (rss_before, anon_before) = (rss_kib("self", "VmRSS:"), rss_kib("self", "RssAnon:"));
    let started = Instant::now();
    let recorder = star_coach::audio::Recorder::start(star_coach::audio::system("default"), dir, started);
    std::thread::sleep(Duration::from_secs(10.min(secs)));
    let rss_early = rss_kib("self", "VmRSS:");
    let (cpu_from, wall_from) = (process_cpu(), Instant::now());
    std::thread::sleep(Duration::from_secs(secs.saturating_sub(10)));
    let cpu_share = process_cpu().checked_sub(cpu_from).unwrap().as_secs_f64() / wall_from.elapsed().as_secs_f64();
    let (rss_end, anon_end) = (rss_kib("self", "VmRSS:"), rss_kib("self", "RssAnon:"));
    let recording = recorder.finish(Instant::now()).wait().expect("the recorder records through the file plugin");
    let samples = recording.duration().as_secs_f64() * 16_000.0;
    println!("{rss_before} {rss_early} {rss_end} {anon_before} {anon_end} {cpu_share} {samples}");
}

/// Runs the recording child with a home whose ALSA default reads the committed speech (looped by the plugin).
fn measure_recorder(work: &Path) {
    let secs: u64 = std::env::var("SIDE_BY_SIDE_RECORD_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(120);
    let home = work.join("alsa-home");
    std::fs::create_dir_all(&home).unwrap();
    let speech = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audio/speech.raw");
    std::fs::write(
        home.join(".asoundrc"),
        format!(
            "pcm.!default {{ type file; slave.pcm \"null\"; infile \"{}\"; file \"/dev/null\"; format \"raw\" }}\n",
            speech.display()
        ),
    )
    .unwrap();
    eprintln!("recording a {secs} s answer…");
    let output = Command::new(std::env::current_exe().unwrap())
        .env(RECORD_CHILD_ENV, work.join("recordings"))
        .env("SIDE_BY_SIDE_RECORD_SECS", secs.to_string())
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout);
    let figures: Vec<f64> = text.split_whitespace().map(|f| f.parse().unwrap()).collect();
    let [before, early, end, anon_before, anon_end, cpu, samples] = figures[..] else { panic!("{text}") };
    let mib = |kib: f64| kib / 1024.0;
    println!();
    println!(
        "| recorder, {secs} s answer | CPU while recording | RSS not recording | after 10 s | at the end | growth | \
         of it heap and stacks |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| 16 kHz mono to disk ({samples:.0} samples) | {:.3}% | {:.1} MiB | {:.1} MiB | {:.1} MiB | {:+.2} MiB | {:+.2} MiB |",
        cpu * 100.0,
        mib(before),
        mib(early),
        mib(end),
        mib(end - before),
        mib(anon_end - anon_before)
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return; // `cargo test --benches` and `--list` probe bench binaries; this one only runs on purpose.
    }
    if let Some(dir) = std::env::var_os(RECORD_CHILD_ENV) {
        let secs = std::env::var("SIDE_BY_SIDE_RECORD_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(120);
        return record_child(Path::new(&dir), secs);
    }
    if std::env::args().any(|a| a == "recorder") {
        return measure_recorder(tempfile::tempdir().unwrap().path());
    }
    let window =
        Duration::from_secs(std::env::var("SIDE_BY_SIDE_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20));
    let mut work = tempfile::tempdir().unwrap();
    if std::env::var_os("SIDE_BY_SIDE_KEEP").is_some() {
        work.disable_cleanup(true);
        eprintln!("keeping the programs' data folders in {}", work.path().display());
    }
    eprintln!("building the bare ratatui programs…");
    let bare = build_bare(work.path());
    let star = PathBuf::from(env!("CARGO_BIN_EXE_star-coach"));
    let sizes = [1_000, 10_000, 100_000];
    let dirs: Vec<PathBuf> =
        sizes.iter().map(|&n| data_dir(&star, work.path(), &format!("attempts-{n}"), 8, n)).collect();
    let starts: Vec<Start> = std::iter::once((bare.as_path(), None, "hello from a bare"))
        .chain(dirs.iter().map(|dir| (star.as_path(), Some(dir.as_path()), MARKER)))
        .collect();
    eprintln!("measuring…");
    let frames = first_frames(&starts, 31);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    if std::env::args().any(|a| a == "first-frame") {
        for (n, frame) in sizes.iter().zip(&frames[1..]) {
            let ratio = frame.as_secs_f64() / frames[0].as_secs_f64();
            println!(
                "| first frame, {n} attempts | {ratio:.2}× | {:.2} ms | bare {:.2} ms |",
                ms(*frame),
                ms(frames[0])
            );
        }
        return;
    }

    let bare_figures = measure(&bare, None, "hello from a bare", false, window);
    let bare_clock = {
        let (run, _) = spawn(&bare, &["clock"], None);
        run.wait_for("RUNNING");
        std::thread::sleep(Duration::from_millis(300));
        let share = run.cpu_share_over(window);
        run.finish();
        share
    };
    // The clock and memory at the ends of the range.
    let star_figures: Vec<(usize, Figures)> = [(sizes[0], &dirs[0]), (sizes[2], &dirs[2])]
        .into_iter()
        .map(|(n, dir)| (n, measure(&star, Some(dir), MARKER, true, window)))
        .collect();

    let date = chrono::Utc::now().format("%Y-%m-%d");
    let mib = |kib: u64| kib as f64 / 1024.0;
    println!("| 8 stories, pty 80×24 | ratio to bare ratatui | this machine, {date} |");
    println!("|---|---|---|");
    println!("| first frame, bare ratatui | 1.00× | {:.1} ms |", ms(frames[0]));
    for (n, frame) in sizes.iter().zip(&frames[1..]) {
        let ratio = frame.as_secs_f64() / frames[0].as_secs_f64();
        println!("| first frame, {n} attempts | {ratio:.2}× | {:.1} ms |", ms(*frame));
    }
    println!("| CPU, bare clock redrawing a full screen each second | 1.00× | {:.3}% |", bare_clock * 100.0);
    for (n, f) in &star_figures {
        let clock = f.clock_cpu.unwrap_or_default();
        println!("| CPU, practice clock running, {n} attempts | {:.2}× | {:.3}% |", clock / bare_clock, clock * 100.0);
    }
    println!("| CPU idle, bare ratatui | 1.00× | {:.3}% |", bare_figures.idle_cpu * 100.0);
    for (n, f) in &star_figures {
        // Both may be nothing at all: a ratio of two zeros says nothing.
        let ratio = if bare_figures.idle_cpu > 0.0 {
            format!("{:.2}×", f.idle_cpu / bare_figures.idle_cpu)
        } else {
            "—".into()
        };
        println!("| CPU idle, {n} attempts | {ratio} | {:.3}% |", f.idle_cpu * 100.0);
    }
    println!("| peak RSS, bare ratatui | 1.00× | {:.1} MiB |", mib(bare_figures.peak_rss_kib));
    let rss_1k = star_figures[0].1.peak_rss_kib;
    for (n, f) in &star_figures {
        let ratio = f.peak_rss_kib as f64 / bare_figures.peak_rss_kib as f64;
        let above = mib(f.peak_rss_kib) - mib(rss_1k);
        println!(
            "| peak RSS before History, {n} attempts | {ratio:.2}× | {:.1} MiB ({above:+.1} MiB on 1,000) |",
            mib(f.peak_rss_kib)
        );
    }
    measure_recorder(work.path());
}
