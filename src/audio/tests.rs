//! The recorder and the player on the in-memory device: no sound card, no sleeping (the instants are handed in).

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::memory::MemoryBackend;
use super::*;

/// A signal whose every sample says where it is, so a recording shows exactly which part it kept.
pub(crate) fn ramp(len: usize) -> Vec<i16> {
    (0..len).map(|i| i16::try_from(i % 30_000 + 1).unwrap_or(i16::MAX)).collect()
}

pub(crate) fn samples_of(path: &Path) -> Vec<i16> {
    let mut reader = hound::WavReader::open(path).unwrap();
    let spec = reader.spec();
    assert_eq!((spec.channels, spec.sample_rate, spec.bits_per_sample), (1, SAMPLE_RATE, 16));
    reader.samples::<i16>().map(Result::unwrap).collect()
}

pub(crate) fn write_wav(path: &Path, samples: &[i16], rate: u32) {
    let spec =
        hound::WavSpec { channels: 1, sample_rate: rate, bits_per_sample: 16, sample_format: hound::SampleFormat::Int };
    let mut wav = hound::WavWriter::create(path, spec).unwrap();
    for &s in samples {
        wav.write_sample(s).unwrap();
    }
    wav.finalize().unwrap();
}

/// The files in `dir`, hidden ones too, sorted; none when it does not exist.
pub(crate) fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn the_recording_is_the_clock_s_time_and_a_pause_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = ramp(200_000);
    let backend = Arc::new(MemoryBackend::new(source.clone()));
    let t0 = Instant::now();
    let mut recorder = Recorder::start(backend, dir.path(), t0);
    recorder.pause(t0 + Duration::from_secs(2));
    recorder.resume(t0 + Duration::from_secs(9));
    assert_eq!(recorder.elapsed(t0 + Duration::from_millis(9_500)), Duration::from_millis(2_500));
    let temp = recorder.finish(t0 + Duration::from_millis(10_250)).wait().unwrap();
    let samples = samples_of(temp.path());
    assert_eq!(samples.len(), 52_000, "2 s before the pause and 1.25 s after, at 16 kHz");
    assert_eq!(temp.duration(), Duration::from_millis(3_250));
    assert_eq!(samples, source[..52_000], "the source, contiguous: nothing from the paused 7 s");
}

#[test]
fn a_recording_is_private_and_hidden_until_kept() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("recordings");
    let t0 = Instant::now();
    let recorder = Recorder::start(Arc::new(MemoryBackend::new(ramp(100))), &folder, t0);
    let temp = recorder.finish(t0 + Duration::from_millis(500)).wait().unwrap();
    let name = temp.path().file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(".recording-") && name.ends_with(".wav.part"), "{name}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(temp.path()), 0o600);
    }
    let kept = folder.join("a1.wav");
    temp.keep(&kept).unwrap();
    assert_eq!(entries(&folder), ["a1.wav"]);
    let samples = samples_of(&kept);
    assert_eq!(samples.len(), 8_000);
    assert_eq!(samples[..100], ramp(100)[..], "the source, then silence where it ran out");
    assert!(samples[100..].iter().all(|&s| s == 0));
}

#[test]
fn a_discarded_recording_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = Instant::now();
    let recorder = Recorder::start(Arc::new(MemoryBackend::new(ramp(100))), dir.path(), t0);
    drop(recorder);
    assert!(entries(dir.path()).is_empty());
    let recorder = Recorder::start(Arc::new(MemoryBackend::new(ramp(100))), dir.path(), t0);
    let temp = recorder.finish(t0 + Duration::from_secs(1)).wait().unwrap();
    assert_eq!(entries(dir.path()).len(), 1);
    drop(temp);
    assert!(entries(dir.path()).is_empty(), "a finished recording not kept is deleted too");
}

#[test]
fn a_microphone_that_cannot_open_says_why_and_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let t0 = Instant::now();
    let why = "No microphone: ALSA could not open 'default': No such device";
    let mut recorder = Recorder::start(Arc::new(MemoryBackend::unavailable(why)), dir.path(), t0);
    recorder.pause(t0 + Duration::from_secs(1));
    recorder.resume(t0 + Duration::from_secs(2));
    assert!(!recorder.is_recording());
    assert_eq!(recorder.finish(t0 + Duration::from_secs(3)).wait().unwrap_err(), why);
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn the_player_plays_from_a_position_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.wav");
    let samples = ramp(3_200);
    write_wav(&path, &samples, SAMPLE_RATE);
    let backend = MemoryBackend::new(Vec::new());
    let player = Player::open(Arc::new(backend.clone()), &path).unwrap();
    assert_eq!(player.duration(), Duration::from_millis(200));
    player.seek_to(Duration::from_millis(50));
    assert_eq!(player.position(), Duration::from_millis(50));
    player.play();
    player.wait_until_stopped();
    assert_eq!(backend.played(), samples[800..], "from 50 ms (sample 800) to the end");
    assert_eq!(player.position(), player.duration());
    assert!(!player.is_playing());
    assert_eq!(player.problem(), None);
}

#[test]
fn seeking_clamps_to_the_recording() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.wav");
    write_wav(&path, &ramp(16_000), SAMPLE_RATE);
    let player = Player::open(Arc::new(MemoryBackend::new(Vec::new())), &path).unwrap();
    player.seek_by(-5.0);
    assert_eq!(player.position(), Duration::ZERO);
    player.seek_by(5.0);
    assert_eq!(player.position(), Duration::from_secs(1));
    player.seek_to(Duration::from_millis(400));
    player.seek_by(0.25);
    assert_eq!(player.position(), Duration::from_millis(650));
}

#[test]
fn a_missing_or_foreign_file_is_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let backend: Arc<dyn Backend> = Arc::new(MemoryBackend::new(Vec::new()));
    let missing = Player::open(Arc::clone(&backend), &dir.path().join("gone.wav")).err().unwrap();
    assert!(matches!(missing, PlayerError::Missing(_)));
    assert!(missing.to_string().starts_with("the recording is gone: "), "{missing}");
    let text = dir.path().join("text.wav");
    std::fs::write(&text, "not a wav").unwrap();
    let foreign = Player::open(Arc::clone(&backend), &text).err().unwrap();
    assert!(matches!(foreign, PlayerError::Unreadable(..)), "{foreign}");
    let float = dir.path().join("float.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8_000,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut wav = hound::WavWriter::create(&float, spec).unwrap();
    wav.write_sample(0.5f32).unwrap();
    wav.finalize().unwrap();
    let err = Player::open(backend, &float).err().unwrap();
    assert!(err.to_string().contains("not 16-bit PCM"), "{err}");
}

#[test]
fn a_speaker_that_cannot_open_stops_the_player_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.wav");
    write_wav(&path, &ramp(1_600), SAMPLE_RATE);
    let why = "No sound output: ALSA could not open 'default': No such device";
    let player = Player::open(Arc::new(MemoryBackend::unavailable(why)), &path).unwrap();
    player.play();
    player.wait_until_stopped();
    assert_eq!(player.problem().as_deref(), Some(why));
    assert_eq!(player.position(), Duration::ZERO);
}

mod microphone {
    use super::*;
    use crate::practice::Timer;

    fn wall() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z").unwrap().to_utc()
    }

    fn ms(t0: Instant, ms: u64) -> Instant {
        t0 + Duration::from_millis(ms)
    }

    #[test]
    fn it_follows_the_practice_clock_to_the_sample() {
        let dir = tempfile::tempdir().unwrap();
        let source = ramp(100_000);
        let mut mic = Microphone::new(Arc::new(MemoryBackend::new(source.clone())), dir.path().into(), true);
        let mut timer = Timer::new();
        let t0 = Instant::now();
        mic.follow(&timer, t0);
        assert!(!mic.is_recording() && mic.take_recording().is_none(), "nothing before the clock starts");
        timer.toggle(t0, wall());
        mic.follow(&timer, t0);
        timer.toggle(ms(t0, 1_500), wall());
        mic.follow(&timer, ms(t0, 1_500));
        timer.mark_next(ms(t0, 2_000));
        mic.follow(&timer, ms(t0, 2_000));
        timer.toggle(ms(t0, 4_000), wall());
        mic.follow(&timer, ms(t0, 4_000));
        assert!(timer.finish(ms(t0, 4_700)));
        mic.follow(&timer, ms(t0, 4_700));
        let temp = mic.take_recording().unwrap().wait().unwrap();
        let samples = samples_of(temp.path());
        assert_eq!(samples.len() as f64 / 16_000.0, timer.duration_secs(ms(t0, 4_700)));
        assert_eq!(samples, source[..samples.len()]);
        assert_eq!(mic.take_problem(), None);
    }

    #[test]
    fn r_turns_it_off_and_on_for_one_answer() {
        let dir = tempfile::tempdir().unwrap();
        let source = ramp(100_000);
        let mut mic = Microphone::new(Arc::new(MemoryBackend::new(source.clone())), dir.path().into(), true);
        let mut timer = Timer::new();
        let t0 = Instant::now();
        timer.toggle(t0, wall());
        mic.follow(&timer, t0);
        assert!(!mic.toggle(&timer, ms(t0, 500)), "off: the recording so far is discarded");
        assert!(mic.toggle(&timer, ms(t0, 1_000)), "on again at 1 s");
        timer.finish(ms(t0, 1_250));
        mic.follow(&timer, ms(t0, 1_250));
        let temp = mic.take_recording().unwrap().wait().unwrap();
        let samples = samples_of(temp.path());
        assert_eq!(samples.len(), 20_000, "the answer's whole 1.25 s");
        assert!(samples[..16_000].iter().all(|&s| s == 0), "silence for the second it was off");
        assert_eq!(samples[16_000..], source[..4_000]);
        drop(temp);

        mic.new_answer();
        assert!(mic.is_on(), "the next answer records again, as the config says");
        let mut off = Microphone::new(Arc::new(MemoryBackend::new(source)), dir.path().into(), false);
        let mut timer = Timer::new();
        timer.toggle(t0, wall());
        off.follow(&timer, t0);
        timer.finish(ms(t0, 1_000));
        off.follow(&timer, ms(t0, 1_000));
        assert!(off.take_recording().is_none(), "record = false records nothing");
        assert!(entries(dir.path()).is_empty());
    }

    #[test]
    fn no_microphone_is_said_once_across_answers() {
        let dir = tempfile::tempdir().unwrap();
        let why = "No microphone: ALSA could not open 'default': No such device";
        let mut mic = Microphone::new(Arc::new(MemoryBackend::unavailable(why)), dir.path().into(), true);
        let t0 = Instant::now();
        for answer in 0..2 {
            mic.new_answer();
            let mut timer = Timer::new();
            timer.toggle(t0, wall());
            mic.follow(&timer, t0);
            timer.finish(ms(t0, 1_000));
            mic.follow(&timer, ms(t0, 1_000));
            assert_eq!(mic.take_recording().unwrap().wait().unwrap_err(), why);
            let said = mic.take_problem();
            assert_eq!(said.as_deref(), (answer == 0).then_some(why), "answer {answer}");
        }
    }
}
