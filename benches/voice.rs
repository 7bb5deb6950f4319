//! The voice analysis's cost: a 2-minute answer at 16 kHz (what the recorder writes), and the same read from a
//! 44.1 kHz stereo float file (decoding and resampling included).
//!
//! `cargo bench --bench voice` (add `-- --quick` for a fast run).

// Bench code: a failed unwrap is a failed run.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use star_coach::model::{Phase, PhaseSpan};
use star_coach::voice::{self, wav};

/// Two minutes of speech: the committed fixtures end to end, repeated.
fn two_minutes() -> Vec<f32> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/voice");
    let clips: Vec<Vec<f32>> = ["espeak-slow-clean", "espeak-fast-pink", "espeak-mid-brown", "flite-slt-hum"]
        .iter()
        .map(|name| wav::read(&dir.join(format!("{name}.wav"))).unwrap().samples)
        .collect();
    let wanted = 120 * voice::SAMPLE_RATE as usize;
    clips.iter().flatten().copied().cycle().take(wanted).collect()
}

fn analysis(c: &mut Criterion) {
    let samples = two_minutes();
    let dir = tempfile::tempdir().unwrap();
    let stereo = dir.path().join("answer-44k-stereo-float.wav");
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 44_100,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut writer = hound::WavWriter::create(&stereo, spec).unwrap();
    // Nearest-sample upsampling is enough to give the reader 44.1 kHz work to do.
    for i in 0..(samples.len() * 441 / 160) {
        let x = samples[i * 160 / 441];
        writer.write_sample(x).unwrap();
        writer.write_sample(x * 0.5).unwrap();
    }
    writer.finalize().unwrap();

    let mut group = c.benchmark_group("voice");
    group.sample_size(20);
    group.bench_function("analyze a 2-minute answer (16 kHz mono samples)", |b| {
        b.iter(|| black_box(voice::analyze(black_box(&samples), voice::DEFAULT_PAUSE_SECS)));
    });
    let analysis = voice::analyze(&samples, voice::DEFAULT_PAUSE_SECS);
    let marks = [(Phase::Situation, 20.0), (Phase::Task, 10.0), (Phase::Action, 60.0), (Phase::Result, 30.0)]
        .map(|(phase, secs)| PhaseSpan { phase, secs });
    group.bench_function("summary with four phases", |b| {
        b.iter(|| black_box(analysis.summary(black_box(&marks))));
    });
    group.bench_function("read + analyze a 2-minute 44.1 kHz stereo float WAV", |b| {
        b.iter(|| black_box(voice::analyze_file(&stereo, voice::DEFAULT_PAUSE_SECS).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
