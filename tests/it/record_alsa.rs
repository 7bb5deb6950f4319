//! The recorder through ALSA's `file` plugin, each configuration in a process of its own (libasound reads its
//! config once per process): the test binary runs itself as the child, with `HOME` pointing at the config.
//! Samples byte for byte and libasound's own sentences are the ALSA backend's; the `cpal` feature resamples.
#![cfg(not(feature = "cpal"))]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::support::alsa::{FileDevice, SPEECH, samples_of, speech_samples};
use star_coach::audio::{self, Recorder, RecorderState};
use star_coach::model::{Bank, Story};
use star_coach::recordings::Recordings;
use star_coach::store::Store;

const CHILD_ENV: &str = "STAR_COACH_RECORD_CHILD";

/// Runs the ignored test `name` of this binary as a child, with `device`'s home and `dir` to work in.
fn run_child(name: &str, device: &FileDevice, dir: &Path) -> std::process::Output {
    Command::new(std::env::current_exe().unwrap())
        .args([&format!("record_alsa::{name}"), "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, dir)
        .env("HOME", device.home())
        .env_remove("ALSA_CONFIG_PATH")
        .output()
        .unwrap()
}

fn child_dir() -> Option<std::path::PathBuf> {
    std::env::var_os(CHILD_ENV).map(Into::into)
}

fn wait_for(recorder: &Recorder, state: RecorderState) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while recorder.state() != state {
        assert!(Instant::now() < deadline, "still {:?}, not {state:?}", recorder.state());
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
#[ignore = "run by recording_through_alsa_keeps_the_microphone_s_samples_for_the_clock_s_time"]
fn record_with_a_pause_child() {
    let Some(dir) = child_dir() else { return };
    let t0 = Instant::now();
    let mut recorder = Recorder::start(audio::system("default"), &dir, t0);
    wait_for(&recorder, RecorderState::Recording);
    std::thread::sleep(Duration::from_millis(500));
    let paused = Instant::now();
    recorder.pause(paused);
    wait_for(&recorder, RecorderState::Paused);
    std::thread::sleep(Duration::from_millis(600));
    let resumed = Instant::now();
    recorder.resume(resumed);
    std::thread::sleep(Duration::from_millis(500));
    let end = Instant::now();
    let clock = (paused - t0) + (end - resumed);
    let temp = recorder.finish(end).wait().unwrap();
    temp.keep(&dir.join("answer.wav")).unwrap();
    std::fs::write(dir.join("clock"), format!("{}", clock.as_secs_f64())).unwrap();
}

#[test]
fn recording_through_alsa_keeps_the_microphone_s_samples_for_the_clock_s_time() {
    let device = FileDevice::new(SPEECH);
    let dir = tempfile::tempdir().unwrap();
    let output = run_child("record_with_a_pause_child", &device, dir.path());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let clock: f64 = std::fs::read_to_string(dir.path().join("clock")).unwrap().parse().unwrap();
    let samples = samples_of(&dir.path().join("answer.wav"));
    let secs = samples.len() as f64 / 16_000.0;
    assert!((secs - clock).abs() <= 1.0 / 16_000.0, "the recording is {secs} s, the clock {clock} s");
    // The file device hands out samples as fast as they are read; the recorder took only what the clock said
    // was due, so the recording is the start of the microphone's speech, contiguous: the paused 0.6 s is not in
    // it, and it did not race ahead through the whole input.
    assert!(samples == speech_samples()[..samples.len()], "the microphone's own samples, byte for byte");
    assert!(secs < 1.6, "{secs} s: nothing recorded while paused");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("ALSA lib"));
}

#[test]
#[ignore = "run by a_microphone_that_cannot_open_says_why_and_practice_goes_on"]
fn record_without_a_microphone_child() {
    let Some(dir) = child_dir() else { return };
    let t0 = Instant::now();
    let recorder = Recorder::start(audio::system("default"), &dir, t0);
    let why = recorder.finish(t0 + Duration::from_secs(2)).wait().unwrap_err();
    std::fs::write(dir.join("why"), why).unwrap();
}

#[test]
fn a_microphone_that_cannot_open_says_why_and_practice_goes_on() {
    for (device, reason) in [
        (FileDevice::broken(), "No microphone: ALSA could not open 'default': No such file or directory"),
        (
            FileDevice::chatty(),
            "No microphone: ALSA could not open 'default': No such device (Cannot get card index for NoSuchCard)",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let output = run_child("record_without_a_microphone_child", &device, dir.path());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(std::fs::read_to_string(dir.path().join("why")).unwrap(), reason);
        assert!(!String::from_utf8_lossy(&output.stderr).contains("ALSA lib"), "libasound printed nothing");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, ["why"], "no recording file");
    }
}

fn bank() -> Bank {
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().to_utc();
    Bank {
        stories: vec![Story::new("s1".into(), "Checkout timeouts".into(), at)],
        attempts: Vec::new(),
        ..Bank::default()
    }
}

#[test]
#[ignore = "run by a_kill_mid_answer_leaves_the_data_file_whole_and_the_next_start_cleans_up"]
fn killed_while_recording_child() {
    let Some(dir) = child_dir() else { return };
    let mut store = Store::new(&dir);
    assert!(store.lock().unwrap());
    store.save(&bank()).unwrap();
    let recordings = Recordings::new(&dir, 500);
    let _recorder = Recorder::start(audio::system("default"), recordings.dir(), Instant::now());
    loop {
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_kill_mid_answer_leaves_the_data_file_whole_and_the_next_start_cleans_up() {
    let device = FileDevice::new(SPEECH);
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["record_alsa::killed_while_recording_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, dir.path())
        .env("HOME", device.home())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let recordings = Recordings::new(dir.path(), 500);
    let deadline = Instant::now() + Duration::from_secs(30);
    let temp_size = || {
        std::fs::read_dir(recordings.dir()).ok()?.flatten().find_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".wav.part").then(|| e.metadata().map_or(0, |m| m.len()))
        })
    };
    // Recording for real: the file has grown past its buffer (8 KiB, a quarter second).
    while temp_size().is_none_or(|len| len < 16_000) {
        assert!(Instant::now() < deadline, "the child never started recording");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL: no destructor runs.
    child.wait().unwrap();

    let session_start = SystemTime::now();
    let mut store = Store::new(dir.path());
    assert!(store.lock().unwrap(), "the killed child's lock is released");
    let loaded = store.load().unwrap();
    assert_eq!(loaded, bank(), "the data file is whole");
    assert!(temp_size().is_some(), "the unfinished recording is still there");
    assert_eq!(recordings.clean_up_at_start(&loaded, session_start), 1);
    assert!(temp_size().is_none(), "and the next start removed it");
}
