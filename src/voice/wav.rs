//! Reading a WAV file as 16 kHz mono: any PCM width or 32-bit float, any rate, channels averaged.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::SAMPLE_RATE;
use super::resample::Resampler;

/// The longest recording analysed: far past any answer, and it bounds memory (an hour is 230 MB of samples).
pub const MAX_SECS: f64 = 3_600.0;

/// Rates outside these are damage, not audio, and a huge one would make the resampler's table huge.
const MIN_RATE: u32 = 1_000;
const MAX_RATE: u32 = 384_000;

/// A recording at [`SAMPLE_RATE`], mono, samples in -1.0..=1.0.
#[derive(Debug, Clone, PartialEq)]
pub struct Audio {
    pub samples: Vec<f32>,
    /// What the file held before conversion.
    pub source: Format,
}

/// The file's own format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub rate: u32,
    pub channels: u16,
    pub bits: u16,
    pub float: bool,
    /// The data ended before its header said (a recording cut short); what was there is analysed.
    pub ended_early: bool,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let channels = match self.channels {
            1 => "mono".to_string(),
            2 => "stereo".to_string(),
            n => format!("{n} channels"),
        };
        let kind = if self.float { "float" } else { "PCM" };
        write!(f, "{} kHz {channels}, {}-bit {kind}", f64::from(self.rate) / 1000.0, self.bits)
    }
}

/// Why a file could not be read, as one sentence naming it.
#[derive(Debug)]
pub struct WavError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for WavError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for WavError {}

/// Reads the WAV file at `path` as 16 kHz mono.
pub fn read(path: &Path) -> Result<Audio, WavError> {
    let fail = |reason: String| WavError { path: path.to_path_buf(), reason };
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => fail("does not exist".into()),
        _ => fail(format!("could not be read ({e})")),
    })?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(fail("is a folder, not a WAV file".into()));
    }
    from_reader(std::io::BufReader::new(file)).map_err(fail)
}

/// Reads a WAV from any byte stream; the error is a phrase to follow the file's name.
pub fn from_reader(reader: impl Read) -> Result<Audio, String> {
    let mut wav = hound::WavReader::new(reader).map_err(|e| {
        let why = match e {
            hound::Error::FormatError(why) => why.trim_end_matches('.').to_string(),
            hound::Error::Unsupported => "its encoding is not PCM or 32-bit float".to_string(),
            other => other.to_string(),
        };
        format!("is not a WAV file star-coach can read ({why})")
    })?;
    let spec = wav.spec();
    let float = spec.sample_format == hound::SampleFormat::Float;
    if spec.channels == 0 || spec.sample_rate == 0 {
        return Err("is not a WAV file star-coach can read (its header gives no channels or no rate)".into());
    }
    if !(MIN_RATE..=MAX_RATE).contains(&spec.sample_rate) {
        return Err(format!(
            "is not a WAV file star-coach can read (a rate of {} Hz; it reads 1 to 384 kHz)",
            spec.sample_rate
        ));
    }
    if float && spec.bits_per_sample != 32 {
        return Err(format!(
            "is not a WAV file star-coach can read ({}-bit float; it reads 32-bit float and PCM)",
            spec.bits_per_sample
        ));
    }
    let mut source = Format {
        rate: spec.sample_rate,
        channels: spec.channels,
        bits: spec.bits_per_sample,
        float,
        ended_early: false,
    };
    let channels = usize::from(spec.channels);
    let mut decoder = Decoder::new(spec.sample_rate, channels);
    let finite = |x: f32| if x.is_finite() { x.clamp(-1.0, 1.0) } else { 0.0 };
    let result = match (float, spec.bits_per_sample) {
        // The two common layouts are decoded from the bytes in blocks: sample by sample through hound's
        // iterator, a 2-minute 44.1 kHz stereo file took longer to read than to analyse.
        (false, 16) => {
            let len = wav.len() as usize;
            decoder.take_bytes(wav.into_inner(), len, 2, |b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32_768.0)
        }
        (true, 32) => {
            let len = wav.len() as usize;
            decoder.take_bytes(wav.into_inner(), len, 4, |b| finite(f32::from_le_bytes([b[0], b[1], b[2], b[3]])))
        }
        (true, _) => decoder.take(wav.samples::<f32>().map(|s| s.map(finite))),
        (false, bits) => {
            let scale = 1.0 / (1u64 << (bits.clamp(1, 32) - 1)) as f32;
            decoder.take(wav.samples::<i32>().map(|s| s.map(|x| x as f32 * scale)))
        }
    };
    match result {
        Ok(()) => {}
        Err(Stop::TooLong) => {
            return Err(format!("is over {} minutes long; star-coach analyses answers up to that", MAX_SECS / 60.0));
        }
        Err(Stop::Unreadable) => source.ended_early = true,
    }
    Ok(Audio { samples: decoder.finish(), source })
}

enum Stop {
    TooLong,
    /// The data ended early or holds a bad sample; what came before it is kept.
    Unreadable,
}

/// Downmixes interleaved frames and converts the rate, block by block.
struct Decoder {
    channels: usize,
    resampler: Option<Resampler>,
    block: Vec<f32>,
    frame_sum: f32,
    in_frame: usize,
    out: Vec<f32>,
}

const BLOCK: usize = 4_096;

impl Decoder {
    fn new(rate: u32, channels: usize) -> Decoder {
        Decoder {
            channels,
            resampler: (rate != SAMPLE_RATE).then(|| Resampler::new(rate, SAMPLE_RATE)),
            block: Vec::with_capacity(BLOCK),
            frame_sum: 0.0,
            in_frame: 0,
            out: Vec::new(),
        }
    }

    fn take(&mut self, samples: impl Iterator<Item = hound::Result<f32>>) -> Result<(), Stop> {
        for sample in samples {
            self.add(sample.map_err(|_| Stop::Unreadable)?)?;
        }
        Ok(())
    }

    /// Reads `len` samples of `width` bytes each straight from the data chunk.
    fn take_bytes(
        &mut self,
        mut reader: impl Read,
        len: usize,
        width: usize,
        decode: impl Fn(&[u8]) -> f32,
    ) -> Result<(), Stop> {
        let mut bytes = vec![0u8; BLOCK * width];
        let mut left = len * width;
        let mut carried = 0; // bytes of a sample split across two reads
        while left > 0 {
            let wanted = (bytes.len() - carried).min(left);
            let read = match reader.read(&mut bytes[carried..carried + wanted]) {
                Ok(0) => return Err(Stop::Unreadable),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return Err(Stop::Unreadable),
            };
            left -= read;
            let filled = carried + read;
            let whole = filled - filled % width;
            for sample in bytes[..whole].chunks_exact(width) {
                self.add(decode(sample))?;
            }
            bytes.copy_within(whole..filled, 0);
            carried = filled - whole;
        }
        Ok(())
    }

    fn add(&mut self, sample: f32) -> Result<(), Stop> {
        self.frame_sum += sample;
        self.in_frame += 1;
        if self.in_frame == self.channels {
            self.block.push(self.frame_sum / self.channels as f32);
            (self.frame_sum, self.in_frame) = (0.0, 0);
            if self.block.len() == BLOCK {
                self.flush();
                if self.out.len() > (MAX_SECS * f64::from(SAMPLE_RATE)) as usize {
                    return Err(Stop::TooLong);
                }
            }
        }
        Ok(())
    }

    fn flush(&mut self) {
        match &mut self.resampler {
            Some(r) => r.push(&self.block, &mut self.out),
            None => self.out.extend_from_slice(&self.block),
        }
        self.block.clear();
    }

    fn finish(mut self) -> Vec<f32> {
        self.flush();
        if let Some(r) = &mut self.resampler {
            r.finish(&mut self.out);
        }
        self.out
    }
}
