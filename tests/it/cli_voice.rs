//! `star-coach analyze`, and what recorded attempts add to `history` and the story coach, run as a user would.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

fn star(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("star-coach").unwrap();
    cmd.env("STAR_COACH_DATA_DIR", dir)
        .env("STAR_COACH_CONFIG", "/nonexistent/star-coach-test/config.toml")
        .env("TZ", "UTC");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voice").join(name)
}

#[test]
fn analyze_reports_talk_pauses_and_pace_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(star(dir.path()).arg("analyze").arg(fixture("espeak-fast-pink.wav")));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with("espeak-fast-pink.wav: 0:14 long (16 kHz mono, 16-bit PCM)"), "{text}");
    assert!(lines[1].starts_with("Talk time 0:08 of 0:14; 0.6 s of silence before the first word"), "{text}");
    assert!(lines[2].starts_with("Pace 1") && lines[2].ends_with(": fast; aim for 130–170"), "{text}");
    assert!(lines[3].starts_with("2 pauses of 1 s or more; the longest 3.2 s at 0:08"), "{text}");
    assert!(text.contains("(there is no transcript)"), "{text}");
    assert!(!dir.path().join("star-coach.json").exists(), "analyze never touches the data");
}

#[test]
fn analyze_json_holds_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(star(dir.path()).args(["analyze", "--json"]).arg(fixture("espeak-short-44k-stereo-float.wav")));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report["format"],
        json!({"sample_rate": 44100, "channels": 2, "bits": 32, "float": true, "ended_early": false})
    );
    for key in ["duration_secs", "talk_secs", "pace_wpm", "articulation_wpm", "lead_secs", "trail_secs"] {
        assert!(report[key].as_f64().is_some_and(|x| x > 0.0), "{key}: {out}");
    }
    let pauses = report["pauses"].as_array().unwrap();
    assert_eq!(pauses.len(), 1);
    assert!(pauses[0]["at_secs"].as_f64().is_some() && pauses[0]["secs"].as_f64().unwrap() > 1.0, "{out}");
}

#[test]
fn analyze_follows_the_voice_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "[voice]\npause_secs = 2.0\npace_wpm = [150, 250]\n").unwrap();
    let text =
        stdout(star(dir.path()).env("STAR_COACH_CONFIG", &config).arg("analyze").arg(fixture("espeak-fast-pink.wav")));
    assert!(text.contains("1 pause of 2 s or more; the longest 3.2 s"), "{text}");
    assert!(text.contains(": on pace (150–250)"), "{text}");
}

#[test]
fn analyze_refuses_what_is_not_a_wav_in_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "Situation: checkout timeouts.\n").unwrap();
    for (path, words) in [
        (notes.clone(), "notes.txt is not a WAV file star-coach can read (no RIFF tag found)"),
        (dir.path().join("gone.wav"), "gone.wav does not exist"),
    ] {
        let out = star(dir.path()).arg("analyze").arg(&path).assert().failure().get_output().clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with("star-coach: ") && stderr.trim_end().ends_with(words), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_header_only_or_silent_wav_is_no_speech_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 16_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    for (name, frames) in [("header-only.wav", 0), ("silent.wav", 48_000)] {
        let path = dir.path().join(name);
        let mut writer = hound::WavWriter::create(&path, spec).unwrap();
        for _ in 0..frames {
            writer.write_sample(0i16).unwrap();
        }
        writer.finalize().unwrap();
        let text = stdout(star(dir.path()).arg("analyze").arg(&path));
        assert!(text.contains("No speech heard"), "{text}");
        let report: Value =
            serde_json::from_str(&stdout(star(dir.path()).args(["analyze", "--json"]).arg(&path))).unwrap();
        assert_eq!((report["talk_secs"].as_f64(), &report["pace_wpm"]), (Some(0.0), &Value::Null), "{report}");
        assert_eq!(report["pauses"], json!([]));
    }
}

fn voice(pace: f64, pauses: &[(f64, f64)]) -> Value {
    json!({
        "duration_secs": 100.0, "talk_secs": 80.0, "lead_secs": 1.0, "trail_secs": 1.0, "pause_secs": 1.0,
        "pauses": pauses.iter().map(|(at, secs)| json!({"at_secs": at, "secs": secs})).collect::<Vec<_>>(),
        "longest_pause": null, "pace_wpm": pace, "articulation_wpm": pace + 20.0, "syllables": 300, "trailing_off": false,
    })
}

fn attempt(id: &str, prompt: &str, voice: Option<Value>) -> Value {
    let mut a = json!({
        "id": id, "prompt": prompt, "story": null, "started_at": "2026-11-10T09:00:00Z", "duration_secs": 100.0,
        "phases": [{"phase": "situation", "secs": 20.0}, {"phase": "action", "secs": 80.0}],
    });
    if let Some(v) = voice {
        a["voice"] = v;
    }
    a
}

fn write_bank(dir: &Path, attempts: Vec<Value>) {
    let story = json!({
        "id": "s1", "title": "Checkout", "situation": "word ".repeat(150), "actions": ["I fixed it."],
        "results": ["down 80%"], "learning": "x", "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z",
    });
    let bank = json!({"format": "star-coach", "schema_version": 3, "stories": [story], "attempts": attempts});
    fs::write(dir.join("star-coach.json"), serde_json::to_vec_pretty(&bank).unwrap()).unwrap();
}

#[test]
fn history_gains_pace_columns_once_an_answer_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    write_bank(dir.path(), vec![attempt("a1", "missed-deadline", None)]);
    let text = stdout(star(dir.path()).arg("history"));
    assert!(!text.contains("pace"), "no recording, no pace columns:\n{text}");

    write_bank(
        dir.path(),
        vec![
            attempt("a1", "missed-deadline", None),
            attempt("a2", "missed-deadline", Some(voice(140.0, &[(10.0, 2.5), (40.0, 1.2)]))),
            attempt("a3", "missed-deadline", Some(voice(160.0, &[(10.0, 3.0), (50.0, 2.0)]))),
            attempt("b1", "biggest-failure", None),
        ],
    );
    let text = stdout(star(dir.path()).arg("history"));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("median setup  median pace  long pauses  last practised"), "{text}");
    let deadline = lines.iter().find(|l| l.contains("missed-deadline")).unwrap();
    assert!(deadline.contains("150 wpm          1.5"), "{deadline}");
    let failure = lines.iter().find(|l| l.contains("biggest-failure")).unwrap();
    assert!(failure.contains("—            —"), "not recorded shows dashes, not zeros: {failure}");
    assert!(text.contains("over the recorded attempts only"), "{text}");
    let json: Value = serde_json::from_str(&stdout(star(dir.path()).args(["history", "--json"]))).unwrap();
    assert_eq!(json[1]["voice"]["pace_wpm"], json!(140.0));
    assert!(json[0].get("voice").is_none(), "an attempt without a recording has no voice");
}

#[test]
fn story_times_use_the_users_own_pace_after_three_recorded_answers_unless_the_config_sets_one() {
    let dir = tempfile::tempdir().unwrap();
    let recorded =
        |n: usize| (0..n).map(|i| attempt(&format!("a{i}"), "missed-deadline", Some(voice(100.0, &[])))).collect();
    write_bank(dir.path(), recorded(2));
    let text = stdout(star(dir.path()).args(["stories", "lint"]));
    assert!(text.starts_with("Speaking times at 150 words a minute (the default).\n"), "{text}");
    assert!(text.contains("(about 1:02 to say;"), "156 words at 150: {text}");

    write_bank(dir.path(), recorded(3));
    let text = stdout(star(dir.path()).args(["stories", "lint"]));
    assert!(text.starts_with("Speaking times at 100 words a minute (your pace over 3 recorded answers).\n"), "{text}");
    assert!(text.contains("(about 1:33 to say;"), "at 100: {text}");

    let config = dir.path().join("config.toml");
    fs::write(&config, "words_per_minute = 150\n").unwrap();
    let text = stdout(star(dir.path()).env("STAR_COACH_CONFIG", &config).args(["stories", "lint"]));
    assert!(text.starts_with("Speaking times at 150 words a minute (words_per_minute in your config).\n"), "{text}");
}

#[test]
fn a_damaged_voice_analysis_is_refused_on_load_and_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = voice(140.0, &[(10.0, 2.5)]);
    bad["talk_secs"] = json!(-4.0);
    write_bank(dir.path(), vec![attempt("a1", "missed-deadline", Some(bad.clone()))]);
    let out = star(dir.path()).arg("history").assert().failure().get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("the attempt \"a1\" has a voice analysis with a negative or impossible time"), "{stderr}");

    let home = tempfile::tempdir().unwrap();
    let export = dir.path().join("star-coach.json");
    let out = star(home.path()).arg("import").arg(&export).assert().failure().get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("has a voice analysis with a negative or impossible time"), "{stderr}");
    assert!(!home.path().join("star-coach.json").exists());
}
