//! The analysis on signals whose answer is known: silence, noise, tone bursts, syllable trains, and the speech
//! fixtures in two formats.

use std::f32::consts::PI;
use std::path::{Path, PathBuf};

use super::*;
use crate::model::{Phase, PhaseSpan};

const RATE: f32 = SAMPLE_RATE as f32;

/// A deterministic noise source (xorshift), roughly uniform in -1..1.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
}

/// A voice-like sound: a 140 Hz pulse of harmonics up to 3 kHz, at `level` (peak-ish), starting and stopping
/// over 5 ms as a voice does (not with a click).
fn voiced(secs: f32, level: f32) -> Vec<f32> {
    let n = (secs * RATE) as usize;
    let ramp = (0.005 * RATE) as usize;
    (0..n)
        .map(|i| {
            let t = i as f32 / RATE;
            let wave: f32 = (1..=21).map(|h| (2.0 * PI * 140.0 * h as f32 * t).sin() / h as f32).sum();
            let edge = (i.min(n - 1 - i) as f32 / ramp as f32).min(1.0);
            level * 0.5 * wave * edge
        })
        .collect()
}

fn silence(secs: f32) -> Vec<f32> {
    vec![0.0; (secs * RATE) as usize]
}

/// Voice bursts of `burst` seconds separated by `gaps`, after `lead` seconds of silence and before `tail`.
fn bursts(lead: f32, burst: f32, gaps: &[f32], tail: f32) -> Vec<f32> {
    let mut out = silence(lead);
    out.extend(voiced(burst, 0.3));
    for &gap in gaps {
        out.extend(silence(gap));
        out.extend(voiced(burst, 0.3));
    }
    out.extend(silence(tail));
    out
}

fn add_noise(samples: &mut [f32], level: f32, seed: u64) {
    let mut noise = Noise(seed);
    for x in samples {
        *x += level * noise.next();
    }
}

fn assert_honest(a: &Analysis) {
    let figures = [a.duration_secs, a.talk_secs, a.lead_secs, a.trail_secs];
    assert!(figures.iter().all(|x| x.is_finite() && *x >= 0.0), "{figures:?}");
    assert!(a.pace_wpm.is_none_or(f64::is_finite) && a.articulation_wpm.is_none_or(f64::is_finite));
    assert!(a.envelope.iter().all(|x| (0.0..=1.0).contains(x)));
    assert!(a.summary(&[]).check().is_ok());
    assert!(!serde_json::to_string(&a.summary(&[])).unwrap().contains("-0.0"));
}

#[test]
fn nothing_and_silence_are_no_talk_not_an_error() {
    for samples in [Vec::new(), silence(0.005), silence(5.0)] {
        let a = analyze(&samples, DEFAULT_PAUSE_SECS);
        assert_honest(&a);
        assert_eq!((a.talk_secs, a.pauses.len(), a.pace_wpm, a.nuclei.len()), (0.0, 0, None, 0));
        assert_eq!(a.lead_secs, a.duration_secs, "with no words, all of it is before the first");
        assert!(!a.trailing_off());
        assert_eq!(review::lines(&a.summary(&[]), &[], PaceRange::default())[1], "No speech heard in the recording");
    }
}

#[test]
fn steady_noise_alone_is_not_speech() {
    for level in [0.001, 0.05, 0.5] {
        let mut samples = silence(8.0);
        add_noise(&mut samples, level, 7);
        let a = analyze(&samples, DEFAULT_PAUSE_SECS);
        assert_honest(&a);
        assert_eq!(a.talk_secs, 0.0, "noise at {level}");
    }
}

#[test]
fn tone_bursts_give_their_talk_time_and_the_gaps_over_the_threshold_as_pauses() {
    let gaps = [0.3, 1.5, 0.6, 2.5];
    let samples = bursts(1.0, 1.0, &gaps, 2.0);
    for (name, samples) in [
        ("clean", samples.clone()),
        ("in noise", {
            let mut noisy = samples;
            add_noise(&mut noisy, 0.01, 3);
            noisy
        }),
    ] {
        let a = analyze(&samples, DEFAULT_PAUSE_SECS);
        assert_honest(&a);
        assert!((a.talk_secs - 5.0).abs() < 0.1, "{name}: talk {}", a.talk_secs);
        assert!((a.lead_secs - 1.0).abs() < 0.05 && (a.trail_secs - 2.0).abs() < 0.05, "{name}: {a:?}");
        // Bursts start at 1, 2.3, 4.8, 6.4 and 9.9 s; the 1.5 s and 2.5 s gaps follow the 2nd and 4th.
        assert_eq!(a.pauses.len(), 2, "{name}: {:?}", a.pauses);
        for (pause, (at, secs)) in a.pauses.iter().zip([(3.3, 1.5), (7.4, 2.5)]) {
            assert!((pause.at_secs - at).abs() < 0.05 && (pause.secs - secs).abs() < 0.1, "{name}: {pause:?}");
        }
        assert_eq!(a.longest_pause().map(|p| (p.secs * 10.0).round()), Some(25.0));
        // With the threshold at 2 s, only the longer gap is a pause; at 0.5 s, the 0.6 s gap joins.
        assert_eq!(analyze(&samples, 2.0).pauses.len(), 1);
        assert_eq!(analyze(&samples, 0.5).pauses.len(), 3);
    }
}

#[test]
fn a_short_gap_inside_speech_is_not_a_break() {
    let samples = bursts(0.5, 0.8, &[0.1, 0.12], 0.5);
    let a = analyze(&samples, DEFAULT_PAUSE_SECS);
    assert_eq!(a.speech.len(), 1, "{:?}", a.speech);
}

/// `count` syllables: voiced sound under a raised-cosine envelope each `period` seconds, dipping to silence
/// between them.
fn syllables(count: usize, period: f32) -> Vec<f32> {
    let sound = voiced(count as f32 * period, 0.4);
    let n = (period * RATE) as usize;
    sound.iter().enumerate().map(|(i, x)| x * (0.5 - 0.5 * (2.0 * PI * (i % n) as f32 / n as f32).cos())).collect()
}

#[test]
fn each_syllable_is_one_nucleus_and_the_pace_follows() {
    // Three phrases of 8, 10 and 12 syllables at 5 a second, with 0.3 s breaths.
    let mut samples = silence(0.5);
    for (i, count) in [8, 10, 12].into_iter().enumerate() {
        if i > 0 {
            samples.extend(silence(0.3));
        }
        samples.extend(syllables(count, 0.2));
    }
    samples.extend(silence(0.5));
    let a = analyze(&samples, DEFAULT_PAUSE_SECS);
    assert_eq!(a.nuclei.len(), 30, "{:?}", a.nuclei);
    let span = 6.0 + 0.6;
    let expected = 30.0 / SYLLABLES_PER_WORD * 60.0 / span;
    let pace = a.pace_wpm.expect("a pace");
    assert!((pace - expected).abs() / expected < 0.03, "pace {pace}, expected {expected}");
    assert!(a.articulation_wpm.unwrap() > pace, "speaking time only is faster than with breaths");
}

#[test]
fn noise_bursts_are_not_syllables() {
    let mut samples = silence(6.0);
    let mut noise = Noise(11);
    for (i, x) in samples.iter_mut().enumerate() {
        let envelope = 0.5 - 0.5 * (2.0 * PI * (i % 3_200) as f32 / 3_200.0).cos();
        *x = 0.3 * noise.next() * envelope;
    }
    let a = analyze(&samples, DEFAULT_PAUSE_SECS);
    assert!(a.talk_secs > 4.0, "bursts of noise are sound");
    assert!(a.nuclei.len() <= 3, "unvoiced, so not nuclei: {}", a.nuclei.len());
}

#[test]
fn a_fading_ending_trails_off_and_a_steady_one_does_not() {
    let steady = bursts(0.5, 1.5, &[0.3; 9], 0.5);
    assert!(!analyze(&steady, DEFAULT_PAUSE_SECS).trailing_off());
    let mut fading = steady.clone();
    let cut = fading.len() - (4.5 * RATE) as usize;
    for x in &mut fading[cut..] {
        *x *= 0.2; // 14 dB down
    }
    let a = analyze(&fading, DEFAULT_PAUSE_SECS);
    assert!(a.trailing_off(), "drop {:?}", a.ending_drop_db);
    assert!(a.summary(&[]).trailing_off);
    // Too little speech to compare an ending with.
    assert_eq!(analyze(&bursts(0.5, 1.0, &[0.3], 0.5), DEFAULT_PAUSE_SECS).ending_drop_db, None);
}

#[test]
fn phases_split_talk_pauses_and_pace_at_the_marks() {
    // Bursts at 1–2, 3.5–4.5 (after a 1.5 s pause), 4.8–5.8, 8.3–9.3 (after 2.5 s).
    let samples = bursts(1.0, 1.0, &[1.5, 0.3, 2.5], 1.0);
    let a = analyze(&samples, DEFAULT_PAUSE_SECS);
    let marks = [
        PhaseSpan { phase: Phase::Situation, secs: 3.0 },
        PhaseSpan { phase: Phase::Action, secs: 4.0 },
        PhaseSpan { phase: Phase::Result, secs: 1.0 }, // the clock stopped a little before the recording
    ];
    let phases = a.phases(&marks);
    assert_eq!(phases.iter().map(|p| p.phase).collect::<Vec<_>>(), [Phase::Situation, Phase::Action, Phase::Result]);
    assert!((phases[2].end_secs - a.duration_secs).abs() < 1e-9, "the last phase runs to the end");
    let talk: Vec<f64> = phases.iter().map(|p| (p.talk_secs * 10.0).round() / 10.0).collect();
    assert_eq!(talk, [1.0, 2.0, 1.0]);
    let pauses: Vec<usize> = phases.iter().map(|p| p.pauses.len()).collect();
    assert_eq!(pauses, [1, 1, 0], "a pause belongs to the phase it starts in");
    let total: f64 = phases.iter().map(|p| p.talk_secs).sum();
    assert!((total - a.talk_secs).abs() < 1e-9);

    let summary = a.summary(&marks);
    assert_eq!(summary.phases.len(), 3);
    let lines = review::lines(&summary, &marks, PaceRange::default());
    assert!(lines.contains(&"2.5 s pause in Action at 0:05".to_string()), "{lines:?}");
    assert!(!lines.iter().any(|l| l.starts_with("1.5 s")), "pauses under 2 s are not listed: {lines:?}");
    assert_eq!(review::pause_line(&summary.pauses[1], &[]), "2.5 s pause at 0:05");
}

#[test]
fn the_summary_is_rounded_and_a_damaged_one_is_refused() {
    let a = analyze(&bursts(1.0, 1.0, &[1.5], 1.0), DEFAULT_PAUSE_SECS);
    let summary = a.summary(&[]);
    assert!(summary.check().is_ok());
    let hundredths = |x: f64| (x * 100.0 - (x * 100.0).round()).abs() < 1e-6;
    assert!(hundredths(summary.talk_secs) && hundredths(summary.pauses[0].at_secs));
    let json = serde_json::to_string(&summary).unwrap();
    assert_eq!(serde_json::from_str::<VoiceSummary>(&json).unwrap(), summary);

    let damaged = [
        VoiceSummary { talk_secs: f64::NAN, ..summary.clone() },
        VoiceSummary { lead_secs: -1.0, ..summary.clone() },
        VoiceSummary { talk_secs: summary.duration_secs + 5.0, ..summary.clone() },
        VoiceSummary { pauses: vec![Pause { at_secs: 3.0, secs: 99.0 }], ..summary.clone() },
        VoiceSummary { pace_wpm: Some(f64::INFINITY), ..summary.clone() },
        VoiceSummary { articulation_wpm: Some(5_000.0), ..summary.clone() },
    ];
    for bad in damaged {
        assert!(bad.check().is_err(), "{bad:?}");
    }
}

#[test]
fn pace_verdicts_and_lines() {
    let range = PaceRange::default();
    assert_eq!(
        [120.0, 130.0, 170.0, 171.0].map(|w| range.verdict(w)),
        [PaceVerdict::Slow, PaceVerdict::OnPace, PaceVerdict::OnPace, PaceVerdict::Fast]
    );
    let a = analyze(&bursts(1.0, 1.0, &[0.4; 4], 1.0), DEFAULT_PAUSE_SECS);
    let mut summary = a.summary(&[]);
    summary.pace_wpm = Some(182.0);
    summary.articulation_wpm = Some(201.0);
    assert_eq!(
        review::pace_line(&summary, range),
        "Pace 182 words a minute (201 while speaking): fast; aim for 130–170"
    );
    summary.pace_wpm = Some(150.0);
    assert!(review::pace_line(&summary, range).ends_with("on pace (130–170)"));
    summary.pace_wpm = None;
    assert_eq!(review::pace_line(&summary, range), "Too little speech to judge the pace");
    assert_eq!(review::talk_line(&summary), "Talk time 0:05 of 0:08");
}

#[test]
fn the_envelope_follows_the_loudness_and_fits_any_width() {
    let a = analyze(&bursts(1.0, 1.0, &[2.0], 1.0), DEFAULT_PAUSE_SECS);
    assert_eq!(a.envelope.len(), 60);
    assert!(a.envelope[15] > 0.8 && a.envelope[5] < 0.05 && a.envelope[30] < 0.05, "{:?}", a.envelope);
    for width in [0, 1, 7, 60, 200] {
        let columns = a.envelope_columns(width);
        assert_eq!(columns.len(), width);
        assert!(columns.iter().all(|c| (0.0..=1.0).contains(c)));
    }
    assert!(a.envelope_columns(6)[1] > 0.8, "a column keeps the loudest moment it covers");

    let marks = [(Phase::Situation, 1.5), (Phase::Task, 1.5), (Phase::Action, 2.0), (Phase::Result, 1.0)]
        .map(|(phase, secs)| PhaseSpan { phase, secs });
    assert_eq!(review::mark_columns(&marks, 6.0, 60), [15, 30, 50]);
    assert_eq!(review::mark_columns(&marks, 6.0, 0), Vec::<usize>::new());
    assert_eq!(review::mark_columns(&marks, 4.0, 8), [3, 6, 7], "marks past the recording stay on the strip");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voice").join(name)
}

#[test]
fn a_44_khz_stereo_float_file_and_a_16_khz_mono_one_of_the_same_answer_agree() {
    let (mono, mono_format) = analyze_file(&fixture("espeak-short.wav"), DEFAULT_PAUSE_SECS).unwrap();
    let (stereo, stereo_format) =
        analyze_file(&fixture("espeak-short-44k-stereo-float.wav"), DEFAULT_PAUSE_SECS).unwrap();
    assert_eq!((mono_format.rate, mono_format.channels, mono_format.float), (16_000, 1, false));
    assert_eq!((stereo_format.rate, stereo_format.channels, stereo_format.float), (44_100, 2, true));
    assert!((mono.duration_secs - stereo.duration_secs).abs() < 0.01);
    assert!((mono.talk_secs - stereo.talk_secs).abs() < 0.1, "{} against {}", mono.talk_secs, stereo.talk_secs);
    assert_eq!(mono.pauses.len(), stereo.pauses.len());
    for (a, b) in mono.pauses.iter().zip(&stereo.pauses) {
        assert!((a.at_secs - b.at_secs).abs() < 0.05 && (a.secs - b.secs).abs() < 0.05, "{a:?} against {b:?}");
    }
    let (a, b) = (mono.pace_wpm.unwrap(), stereo.pace_wpm.unwrap());
    assert!((a - b).abs() / a < 0.05, "pace {a} against {b}");
}

fn write_wav(path: &Path, spec: hound::WavSpec, frames: usize, sample: impl Fn(usize, u16) -> f32) {
    let mut writer = hound::WavWriter::create(path, spec).unwrap();
    for i in 0..frames {
        for c in 0..spec.channels {
            let x = sample(i, c);
            match (spec.sample_format, spec.bits_per_sample) {
                (hound::SampleFormat::Float, _) => writer.write_sample(x).unwrap(),
                (_, 8) => writer.write_sample((x * 127.0) as i8).unwrap(),
                (_, 16) => writer.write_sample((x * 32_767.0) as i16).unwrap(),
                (_, bits) => writer.write_sample((x * ((1 << (bits - 1)) - 1) as f32) as i32).unwrap(),
            }
        }
    }
    writer.finalize().unwrap();
}

#[test]
fn every_pcm_width_float_and_channel_count_reads_as_the_same_signal() {
    let dir = tempfile::tempdir().unwrap();
    let signal = bursts(0.5, 1.0, &[1.5], 0.5);
    let reference = analyze(&signal, DEFAULT_PAUSE_SECS);
    let formats = [
        (8, hound::SampleFormat::Int, 1),
        (16, hound::SampleFormat::Int, 2),
        (24, hound::SampleFormat::Int, 1),
        (32, hound::SampleFormat::Float, 3),
    ];
    for (bits, sample_format, channels) in formats {
        let spec = hound::WavSpec { channels, sample_rate: SAMPLE_RATE, bits_per_sample: bits, sample_format };
        let path = dir.path().join(format!("{bits}-{channels}.wav"));
        // Channels differ (the first carries the signal, the others half of it), so downmixing is exercised.
        write_wav(&path, spec, signal.len(), |i, c| if c == 0 { signal[i] } else { signal[i] * 0.5 });
        let audio = wav::read(&path).unwrap();
        assert_eq!(audio.samples.len(), signal.len());
        assert_eq!((audio.source.bits, audio.source.channels), (bits, channels));
        let a = analyze(&audio.samples, DEFAULT_PAUSE_SECS);
        assert!(
            (a.talk_secs - reference.talk_secs).abs() < 0.05,
            "{bits}-bit: {} against {}",
            a.talk_secs,
            reference.talk_secs
        );
        assert_eq!(a.pauses.len(), 1, "{bits}-bit");
    }
}

#[test]
fn odd_files_are_refused_or_read_honestly() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.wav");
    std::fs::write(&text, "not audio at all").unwrap();
    let error = wav::read(&text).unwrap_err().to_string();
    assert!(error.ends_with("notes.wav is not a WAV file star-coach can read (no RIFF tag found)"), "{error}");
    assert!(wav::read(&dir.path().join("none.wav")).unwrap_err().to_string().ends_with("none.wav does not exist"));
    assert!(wav::read(dir.path()).unwrap_err().to_string().contains("is a folder"));

    // A rate no recording has (a damaged header) is refused before anything is sized by it.
    let odd_rate = dir.path().join("odd-rate.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 4_000_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    write_wav(&odd_rate, spec, 10, |_, _| 0.0);
    let error = wav::read(&odd_rate).unwrap_err().to_string();
    assert!(error.ends_with("(a rate of 4000000 Hz; it reads 1 to 384 kHz)"), "{error}");

    // A header and no samples: an honest empty analysis.
    let empty = dir.path().join("empty.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 16_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    write_wav(&empty, spec, 0, |_, _| 0.0);
    let audio = wav::read(&empty).unwrap();
    assert!(audio.samples.is_empty() && !audio.source.ended_early);
    assert_honest(&analyze(&audio.samples, DEFAULT_PAUSE_SECS));

    // Cut short (as a recording interrupted mid-answer): what is there is read, and the file says so.
    let full = std::fs::read(fixture("espeak-short.wav")).unwrap();
    let cut = dir.path().join("cut.wav");
    let kept = full.len() / 2 + 1; // an odd byte count: the last sample is half there
    std::fs::write(&cut, &full[..kept]).unwrap();
    let audio = wav::read(&cut).unwrap();
    assert!(audio.source.ended_early);
    assert_eq!(audio.samples.len(), (kept - 44) / 2);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    /// Whatever the samples (clipped, spiky, DC, not finite), the analysis answers with figures that make sense.
    #[test]
    fn any_samples_give_honest_figures(
        raw in proptest::collection::vec(proptest::prelude::any::<f32>(), 0..20_000),
        tail in proptest::collection::vec(-1.0f32..1.0, 0..20_000),
        pause_secs in 0.3f64..10.0,
    ) {
        let samples: Vec<f32> = raw.into_iter().chain(tail).collect();
        let a = analyze(&samples, pause_secs);
        let figures = [a.duration_secs, a.talk_secs, a.lead_secs, a.trail_secs];
        proptest::prop_assert!(figures.iter().all(|x| x.is_finite() && *x >= 0.0), "{:?}", figures);
        proptest::prop_assert!(a.talk_secs + a.lead_secs + a.trail_secs <= a.duration_secs + 1e-6);
        proptest::prop_assert!(a.pauses.iter().all(|p| p.secs >= pause_secs));
        proptest::prop_assert!(a.summary(&[]).check().is_ok());
    }
}
