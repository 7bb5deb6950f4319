//! ALSA's `file` plugin as a microphone and a speaker, for tests on machines with no sound card: an `.asoundrc` in
//! a home folder of the test's own, handed to star-coach through `HOME`. libasound reads its config once per
//! process, so each configuration needs a process of its own.

use std::path::{Path, PathBuf};

/// The committed speech (16 kHz mono s16le), made by `tests/fixtures/audio/make.sh`.
pub const SPEECH: &[u8] = include_bytes!("../../fixtures/audio/speech.raw");

pub fn speech_samples() -> Vec<i16> {
    SPEECH.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect()
}

/// A home folder whose `.asoundrc` makes `default` read `in.raw` and write `out.raw` beside it.
pub struct FileDevice {
    pub home: tempfile::TempDir,
}

impl FileDevice {
    /// Capture reads `input` (16 kHz mono s16le); playback writes `out.raw`.
    pub fn new(input: &[u8]) -> FileDevice {
        let home = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join("in.raw"), input).unwrap();
        let config = format!(
            "pcm.!default {{ type file; slave.pcm \"null\"; infile \"{}\"; file \"{}\"; format \"raw\" }}\n",
            home.path().join("in.raw").display(),
            home.path().join("out.raw").display()
        );
        std::fs::write(home.path().join(".asoundrc"), config).unwrap();
        FileDevice { home }
    }

    /// A `default` that cannot open: sound card 7, which is not there. libasound fails it without a word.
    pub fn broken() -> FileDevice {
        FileDevice::with_config("pcm.!default { type hw; card 7 }\n")
    }

    /// A `default` that cannot open and makes libasound print why ("Cannot get card index for `NoSuchCard`").
    pub fn chatty() -> FileDevice {
        FileDevice::with_config("pcm.!default { type hw; card \"NoSuchCard\" }\n")
    }

    fn with_config(config: &str) -> FileDevice {
        let home = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join(".asoundrc"), config).unwrap();
        FileDevice { home }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn out_path(&self) -> PathBuf {
        self.home.path().join("out.raw")
    }

    /// What playback wrote, as samples.
    pub fn played(&self) -> Vec<i16> {
        let bytes = std::fs::read(self.out_path()).unwrap_or_default();
        bytes.chunks_exact(2).map(|b| i16::from_le_bytes([b[0], b[1]])).collect()
    }
}

/// A 16 kHz mono 16-bit WAV's samples.
pub fn samples_of(path: &Path) -> Vec<i16> {
    let mut reader = hound::WavReader::open(path).unwrap();
    assert_eq!((reader.spec().channels, reader.spec().sample_rate, reader.spec().bits_per_sample), (1, 16_000, 16));
    reader.samples::<i16>().map(Result::unwrap).collect()
}

/// Writes `samples` as a 16 kHz mono 16-bit WAV.
pub fn write_wav(path: &Path, samples: &[i16]) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 16_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut wav = hound::WavWriter::create(path, spec).unwrap();
    for &s in samples {
        wav.write_sample(s).unwrap();
    }
    wav.finalize().unwrap();
}
