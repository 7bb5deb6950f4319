//! End to end with sound: the real binary in an 80×24 pseudo-terminal, its microphone and speaker ALSA's `file`
//! plugin (capture reads the committed speech, playback writes `out.raw`), through a home folder of the test's own.
//! Practise with a pause and phase marks, save, and the recording is the microphone's samples for the attempt's
//! time; the one-attempt view plays it from the Task mark. A `default` that cannot open says so once, and practice
//! goes on. What reaches the device is the ALSA backend's; the `cpal` feature resamples.
#![cfg(not(feature = "cpal"))]

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::alsa::{FileDevice, SPEECH, samples_of, speech_samples};
use crate::support::pty::{Pty, keys};
use crate::support::{BIN, NO_CONFIG};
use serde_json::Value;

/// Generous: the machine that runs the tests is shared.
const TIMEOUT: Duration = Duration::from_secs(20);

fn start(data: &Path, device: &FileDevice) -> Pty {
    Pty::command(BIN)
        .env("STAR_COACH_DATA_DIR", data)
        .env("STAR_COACH_CONFIG", NO_CONFIG)
        .env("HOME", device.home())
        .env_remove("ALSA_CONFIG_PATH")
        .spawn()
}

fn attempts(data: &Path) -> Vec<Value> {
    let bank = star_coach::store::Store::new(data).load().unwrap();
    bank.attempts.iter().map(|a| serde_json::to_value(a).unwrap()).collect()
}

/// The files in the recordings folder, hidden ones (answers in progress) too.
fn recordings(data: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.join("recordings"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// Prompt 4 from the Prompts screen, up to its ready clock.
fn open_practice(pty: &mut Pty) {
    pty.wait_for("4. Tell me about a time", TIMEOUT);
    pty.send("jjjp");
    pty.wait_for("READY", TIMEOUT);
}

#[test]
fn an_answer_is_recorded_for_its_time_and_the_attempt_view_plays_it_from_the_task_mark() {
    let device = FileDevice::new(SPEECH);
    let data = tempfile::tempdir().unwrap();
    let mut pty = start(data.path(), &device);
    open_practice(&mut pty);
    pty.wait_for("recording on (r turns it off)", TIMEOUT);

    let started = Instant::now();
    pty.send(keys::SPACE);
    pty.wait_for("● REC", TIMEOUT);
    std::thread::sleep(Duration::from_millis(900));
    pty.send("n");
    pty.wait_for("2/4 TASK", TIMEOUT);
    std::thread::sleep(Duration::from_millis(500));
    pty.send(keys::SPACE);
    let paused = pty.wait_for("PAUSED", TIMEOUT);
    assert!(!paused.contains("● REC"), "the badge goes with the pause\n{paused}");
    let pause = Instant::now();
    std::thread::sleep(Duration::from_millis(1_200));
    pty.send(keys::SPACE);
    pty.wait_for("● REC", TIMEOUT);
    let paused_for = pause.elapsed();
    for phase in ["3/4 ACTION", "4/4 RESULT"] {
        std::thread::sleep(Duration::from_millis(400));
        pty.send("n");
        pty.wait_for(phase, TIMEOUT);
    }
    std::thread::sleep(Duration::from_millis(300));
    pty.send(keys::ENTER);
    let wall = started.elapsed();
    let review = pty.wait_for("p plays from here", TIMEOUT);
    assert!(!review.contains("● REC"), "{review}");
    pty.send("s");
    pty.wait_for("Saved:", TIMEOUT);

    let attempt = attempts(data.path()).pop().expect("the attempt was saved");
    let id = attempt["id"].as_str().unwrap();
    assert_eq!(attempt["recording"], format!("{id}.wav"), "the attempt names its recording");
    assert_eq!(recordings(data.path()), [format!("{id}.wav")], "nothing else in the folder");
    let samples = samples_of(&data.path().join("recordings").join(format!("{id}.wav")));
    let duration = attempt["duration_secs"].as_f64().unwrap();
    let secs = samples.len() as f64 / 16_000.0;
    // The data file keeps times to the millisecond; the recording is the clock's time to the sample.
    assert!((secs - duration).abs() <= 0.0005 + 1.0 / 16_000.0, "the recording is {secs} s, the attempt {duration} s");
    assert!(
        duration < wall.as_secs_f64() - paused_for.as_secs_f64() + 0.3,
        "the attempt ({duration} s) is the time the clock ran, not the {:.1} s paused",
        paused_for.as_secs_f64()
    );
    // The file device hands out samples as fast as they are read; the recording is the microphone's own samples,
    // contiguous from where it started reading: nothing was taken while the clock was paused.
    let speech = speech_samples();
    let offset = (0..=speech.len() - samples.len()).find(|&at| speech[at..at + samples.len()] == samples[..]);
    assert!(offset.is_some(), "the recording is the source's samples, byte for byte from some offset");

    // History → the attempt → `]` to the Task mark → `p` plays from there to the end.
    pty.send("3");
    pty.wait_for("History", TIMEOUT);
    pty.send(keys::ENTER);
    pty.wait_for("0:00 of 0:0", TIMEOUT);
    pty.send("]");
    pty.wait_for("· Task", TIMEOUT);
    pty.send("p");
    pty.wait_for("▶", TIMEOUT);
    pty.wait_for("plays from the start", TIMEOUT);
    let task = attempt["phases"][0]["secs"].as_f64().unwrap();
    let from = (task * 16_000.0).round() as usize;
    let played = device.played();
    assert!(played.len().abs_diff(samples.len() - from) <= 1, "{} samples played from {from}", played.len());
    assert!(played == samples[samples.len() - played.len()..], "the recording from the Task mark, byte for byte");
    pty.send(keys::ESC);
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success(), "{}", pty.screen());
    assert!(!crate::support::contains(&pty.raw_output(), b"ALSA lib"), "libasound printed nothing on the screen");
}

#[test]
fn the_review_shows_what_the_recording_says_and_the_attempt_keeps_it() {
    let device = FileDevice::new(SPEECH);
    let data = tempfile::tempdir().unwrap();
    let mut pty = start(data.path(), &device);
    open_practice(&mut pty);
    pty.send(keys::SPACE);
    pty.wait_for("● REC", TIMEOUT);
    std::thread::sleep(Duration::from_secs(3));
    pty.send(keys::ENTER);
    // Analysed on a thread of its own, whose message wakes the loop to draw it.
    let review = pty.wait_for("Talk time", TIMEOUT);
    assert!(review.contains("Pace "), "{review}");
    pty.send("s");
    pty.wait_for("Saved:", TIMEOUT);
    let attempt = attempts(data.path()).pop().expect("the attempt was saved");
    let talk = attempt["voice"]["talk_secs"].as_f64().unwrap_or_default();
    assert!(talk > 1.0 && talk <= attempt["duration_secs"].as_f64().unwrap(), "{attempt}");
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success(), "{}", pty.screen());
}

#[test]
fn a_default_that_cannot_open_says_why_once_and_practice_and_saving_go_on() {
    let device = FileDevice::broken();
    let data = tempfile::tempdir().unwrap();
    let mut pty = start(data.path(), &device);
    let why = "No microphone: ALSA could not open 'default': No such file or directory";
    for answer in 0..2 {
        open_practice(&mut pty);
        pty.send(keys::SPACE);
        pty.wait_for("RUNNING", TIMEOUT);
        let screen =
            if answer == 0 { pty.wait_for(why, TIMEOUT) } else { pty.wait_for("recording unavailable", TIMEOUT) };
        assert!(!screen.contains("● REC"), "{screen}");
        if answer == 1 {
            std::thread::sleep(Duration::from_millis(500));
            assert!(!pty.screen().contains(why), "said once, not on every answer\n{}", pty.screen());
        }
        pty.send("n");
        pty.wait_for("2/4 TASK", TIMEOUT);
        pty.send(keys::ENTER);
        pty.wait_for("Did you avoid the guide's pitfalls", TIMEOUT);
        pty.send("s");
        pty.wait_for("Saved:", TIMEOUT);
    }
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success(), "{}", pty.screen());
    let attempts = attempts(data.path());
    assert_eq!(attempts.len(), 2, "both answers are saved");
    assert!(attempts.iter().all(|a| a.get("recording").is_none()), "no recording is named: {attempts:?}");
    assert!(recordings(data.path()).is_empty());
    assert!(!crate::support::contains(&pty.raw_output(), b"ALSA lib"));
}

#[test]
fn a_kill_mid_answer_leaves_the_data_file_whole_and_the_next_start_cleans_up() {
    let device = FileDevice::new(SPEECH);
    let data = tempfile::tempdir().unwrap();
    let mut pty = start(data.path(), &device);
    open_practice(&mut pty);
    pty.send(keys::SPACE);
    pty.wait_for("RUNNING", TIMEOUT);
    pty.send(keys::ENTER);
    pty.send("s");
    pty.wait_for("Saved:", TIMEOUT);
    // Saved at once; its analysis follows a moment later, in a save of its own.
    let deadline = Instant::now() + TIMEOUT;
    while attempts(data.path())[0].get("voice").is_none() {
        assert!(Instant::now() < deadline, "the analysis never reached the saved attempt");
        std::thread::sleep(Duration::from_millis(20));
    }
    let before = std::fs::read(data.path().join("star-coach.json")).unwrap();
    pty.send("p");
    pty.send(keys::SPACE);
    pty.wait_for("● REC", TIMEOUT);
    let names = recordings(data.path());
    assert!(names.iter().any(|n| n.ends_with(".wav.part")), "an answer in progress: {names:?}");
    let status = std::process::Command::new("kill").args(["-KILL", &pty.pid().to_string()]).status().unwrap();
    assert!(status.success());
    pty.wait_exit(TIMEOUT);
    assert_eq!(std::fs::read(data.path().join("star-coach.json")).unwrap(), before, "the data file is whole");

    let mut pty = start(data.path(), &device);
    pty.wait_for("4. Tell me about a time", TIMEOUT);
    let names = recordings(data.path());
    assert!(names.iter().all(|n| !n.ends_with(".wav.part")), "the next start removed it: {names:?}");
    assert_eq!(names.len(), 1, "the saved answer's recording stays: {names:?}");
    pty.send("q");
    assert!(pty.wait_exit(TIMEOUT).success());
}
