//! `star-coach play` and `paths` through ALSA's `file` plugin: the real binary, a temporary data folder, and a
//! home folder whose `.asoundrc` makes the default device write `out.raw`. The tests of what reaches the device
//! are for the ALSA backend: with the `cpal` feature, cpal's callbacks run unpaced against the file plugin.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::alsa::{FileDevice, speech_samples, write_wav};
use crate::support::{BIN, NO_CONFIG};
use serde_json::json;

/// An attempt of `secs` seconds (a quarter Situation, a quarter Task, half Action) named
/// `att001`, recorded as the start of the committed speech; returns the recording's samples.
fn recorded_bank(data: &Path, secs: f64, recording: serde_json::Value) -> Vec<i16> {
    let samples: Vec<i16> = speech_samples()[..(secs * 16_000.0) as usize].to_vec();
    std::fs::create_dir_all(data.join("recordings")).unwrap();
    write_wav(&data.join("recordings/att001.wav"), &samples);
    let bank = json!({
        "format": "star-coach", "schema_version": 3, "stories": [],
        "attempts": [{
            "id": "att001", "prompt": "missed-deadline", "story": null,
            "started_at": "2026-12-01T10:00:00Z", "duration_secs": secs,
            "phases": [
                {"phase": "situation", "secs": secs / 4.0}, {"phase": "task", "secs": secs / 4.0},
                {"phase": "action", "secs": secs / 2.0}
            ],
            "recording": recording
        }, {
            "id": "att002", "prompt": "missed-deadline", "story": null,
            "started_at": "2026-12-01T11:00:00Z", "duration_secs": 61.0,
            "phases": [{"phase": "situation", "secs": 61.0}]
        }]
    });
    std::fs::write(data.join("star-coach.json"), serde_json::to_vec_pretty(&bank).unwrap()).unwrap();
    samples
}

fn star(device: &FileDevice, data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .env("HOME", device.home())
        .env("STAR_COACH_CONFIG", NO_CONFIG)
        .env_remove("ALSA_CONFIG_PATH")
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[cfg(not(feature = "cpal"))]
#[test]
fn play_from_the_task_mark_writes_the_recording_from_there_byte_for_byte() {
    let device = FileDevice::new(&[]);
    let data = tempfile::tempdir().unwrap();
    let samples = recorded_bank(data.path(), 4.0, json!("att001.wav"));
    let output = star(&device, data.path(), &["play", "att001", "--from", "task"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("Playing att001 from Task (0:01 of 0:04)"), "{stdout}");
    let played = device.played();
    assert_eq!(played.len(), samples.len() - 16_000, "from the Task mark at 1.0 s to the end");
    assert!(played == samples[16_000..], "the recording's own samples, from the Task mark");
    assert!(!stderr(&output).contains("ALSA lib"), "libasound says nothing on stderr");
}

#[cfg(not(feature = "cpal"))]
#[test]
fn play_from_the_start_plays_the_whole_recording() {
    let device = FileDevice::new(&[]);
    let data = tempfile::tempdir().unwrap();
    let samples = recorded_bank(data.path(), 1.0, json!("att001.wav"));
    let output = star(&device, data.path(), &["play", "att001"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(device.played() == samples);
}

#[cfg(not(feature = "cpal"))]
#[test]
fn play_with_no_sound_output_is_one_sentence_with_alsa_s_reason() {
    let data = tempfile::tempdir().unwrap();
    recorded_bank(data.path(), 1.0, json!("att001.wav"));
    let cases = [
        (FileDevice::broken(), "'default': No such file or directory"),
        // libasound prints its reason on stderr; it joins the sentence instead.
        (FileDevice::chatty(), "'default': No such device (Cannot get card index for NoSuchCard)"),
    ];
    for (device, reason) in cases {
        let output = star(&device, data.path(), &["play", "att001"]);
        assert!(!output.status.success());
        let err = stderr(&output);
        assert_eq!(err, format!("star-coach: No sound output: ALSA could not open {reason}\n"));
    }
}

#[test]
fn play_says_why_there_is_nothing_to_play() {
    let device = FileDevice::new(&[]);
    let cases = [
        ("att001", json!("att001.wav"), true, "The recording is gone: "),
        ("att001", json!({"file": "att001.wav", "pruned": true}), false, "deleted to keep recordings under"),
        ("att002", json!("att001.wav"), false, "This answer was not recorded"),
        ("nope", json!("att001.wav"), false, "there is no attempt \"nope\""),
    ];
    for (id, recording, remove, words) in cases {
        let data = tempfile::tempdir().unwrap();
        recorded_bank(data.path(), 1.0, recording);
        if remove {
            std::fs::remove_file(data.path().join("recordings/att001.wav")).unwrap();
        }
        let output = star(&device, data.path(), &["play", id]);
        assert!(!output.status.success(), "{id}");
        let err = stderr(&output);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(words), "{words}: {err}");
    }
    let data = tempfile::tempdir().unwrap();
    recorded_bank(data.path(), 3.0, json!("att001.wav"));
    let err = stderr(&star(&device, data.path(), &["play", "att001", "--from", "result"]));
    assert!(err.contains("has no Result mark (it marked situation, task, action)"), "{err}");
    // A prompt's own phases are named by their ids; one the attempt did not mark says which it did.
    let err = stderr(&star(&device, data.path(), &["play", "att001", "--from", "personal-tie"]));
    assert!(err.contains("has no Personal tie mark (it marked situation, task, action)"), "{err}");
    let err = stderr(&star(&device, data.path(), &["play", "att001", "--from", "role fit"]));
    assert!(err.contains("the phase id \"role fit\" is not"), "{err}");
}

#[test]
fn paths_shows_the_recordings_folder_and_its_size() {
    let device = FileDevice::new(&[]);
    let data = tempfile::tempdir().unwrap();
    let output = star(&device, data.path(), &["paths"]);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let folder = data.path().join("recordings");
    assert!(text.contains(&format!("recordings:    {} (0 recordings, 0.0 MB)", folder.display())), "{text}");
    recorded_bank(data.path(), 2.0, json!("att001.wav"));
    let text = String::from_utf8_lossy(&star(&device, data.path(), &["paths"]).stdout).into_owned();
    assert!(text.contains("(1 recording, 0.1 MB)"), "{text}");
}

#[test]
fn exports_leave_the_recordings_out() {
    let device = FileDevice::new(&[]);
    let data = tempfile::tempdir().unwrap();
    recorded_bank(data.path(), 1.0, json!("att001.wav"));
    let output = star(&device, data.path(), &["export"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && text.contains("att001") && !text.contains("recording"), "{text}");
    let history = crate::support::json_from(&["history", "--json"], data.path());
    assert_eq!(history[0]["recording"], "att001.wav", "the history names it");

    // A bank that names a recording (a data file copied by hand) imports without it: the file is not here.
    let elsewhere = tempfile::tempdir().unwrap();
    let output = star(&device, elsewhere.path(), &["import", &data.path().join("star-coach.json").to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let imported = crate::support::json_from(&["history", "--json"], elsewhere.path());
    assert_eq!(imported.as_array().unwrap().len(), 2);
    assert!(imported.as_array().unwrap().iter().all(|a| a.get("recording").is_none()), "{imported}");
}

#[cfg(all(target_os = "linux", not(feature = "cpal")))]
#[test]
fn the_binary_does_not_link_libasound() {
    // It loads libasound when a stream opens, so it starts on a machine without it.
    let output = Command::new("ldd").arg(BIN).output().expect("ldd lists a binary's libraries");
    let libraries = String::from_utf8_lossy(&output.stdout);
    assert!(libraries.contains("libc.so"), "{libraries}");
    assert!(!libraries.contains("libasound"), "{libraries}");
}
