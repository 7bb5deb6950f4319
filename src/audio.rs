//! The device layer: capture from a microphone and play to a speaker, behind a small trait, so the recorder and
//! the player run the same on ALSA (Linux, libasound loaded at run time), cpal (macOS, Windows) and an in-memory
//! device in tests. Everything here runs off the caller's thread; nothing knows about a terminal.

#[cfg(target_os = "linux")]
#[cfg_attr(feature = "cpal", allow(dead_code))]
mod alsa;
#[cfg(any(target_os = "macos", target_os = "windows", feature = "cpal"))]
mod cpal_backend;
pub mod memory;
mod microphone;
mod player;
mod recorder;

use std::fmt;
use std::sync::Arc;

pub use microphone::Microphone;
pub use player::{Player, PlayerError};
pub use recorder::{PendingRecording, Recorder, RecorderState, TempRecording};

/// Recordings are 16 kHz mono 16-bit PCM: speech needs no more, and it is what the voice analysis reads.
pub const SAMPLE_RATE: u32 = 16_000;
/// The ALSA device (or cpal's default) used when the config names none.
pub const DEFAULT_DEVICE: &str = "default";

/// Why audio cannot be used, as one sentence for the status line ("No microphone: ALSA could not open
/// 'default': No such device").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unavailable {}

/// Which way a device is opened, to word the sentence when it cannot be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Capture,
    Playback,
}

impl Direction {
    /// How the user thinks of the missing device: "No microphone", "No sound output".
    pub fn missing(self) -> &'static str {
        match self {
            Direction::Capture => "No microphone",
            Direction::Playback => "No sound output",
        }
    }
}

/// A microphone, opened as [`SAMPLE_RATE`] mono 16-bit samples.
pub trait Capture {
    /// Reads up to `buf.len()` samples, waiting for at least one; returns how many were read.
    fn read(&mut self, buf: &mut [i16]) -> Result<usize, String>;
    /// Samples that can be read now without waiting.
    fn available(&mut self) -> usize;
    /// Stops capturing and drops what is buffered (a pause); the next `read` starts it again.
    fn stop(&mut self);
}

/// A speaker, opened at the rate and channel count of what it plays, 16-bit samples interleaved.
pub trait Playback {
    /// Queues `samples` for playing, waiting while the device's buffer is full.
    fn write(&mut self, samples: &[i16]) -> Result<(), String>;
    /// Frames written but not yet heard.
    fn queued(&mut self) -> usize;
    /// Stops at once, dropping what is queued; the next `write` starts again.
    fn stop(&mut self);
    /// Waits until what is queued has been played.
    fn drain(&mut self);
}

/// A place to open microphones and speakers: one ALSA device name, cpal's defaults, or memory. Streams are opened
/// and used on the recorder's or the player's own thread (cpal's may not move between threads).
pub trait Backend: Send + Sync {
    fn open_capture(&self) -> Result<Box<dyn Capture>, Unavailable>;
    fn open_playback(&self, rate: u32, channels: u16) -> Result<Box<dyn Playback>, Unavailable>;
}

/// The system's audio: on Linux ALSA's `device` (libasound is loaded when a stream is first opened, so a machine
/// without it still runs star-coach, and opening says why there is no sound); cpal's default devices on macOS
/// and Windows.
pub fn system(device: &str) -> Arc<dyn Backend> {
    #[cfg(all(target_os = "linux", not(feature = "cpal")))]
    {
        Arc::new(alsa::AlsaBackend::new(device))
    }
    #[cfg(any(target_os = "macos", target_os = "windows", feature = "cpal"))]
    {
        let _ = device;
        Arc::new(cpal_backend::CpalBackend)
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
    {
        let _ = device;
        Arc::new(NoAudio)
    }
}

/// A system star-coach has no audio support for.
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
struct NoAudio;

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
impl Backend for NoAudio {
    fn open_capture(&self) -> Result<Box<dyn Capture>, Unavailable> {
        Err(Unavailable(format!("{}: star-coach has no audio support on this system", Direction::Capture.missing())))
    }

    fn open_playback(&self, _rate: u32, _channels: u16) -> Result<Box<dyn Playback>, Unavailable> {
        Err(Unavailable(format!("{}: star-coach has no audio support on this system", Direction::Playback.missing())))
    }
}

#[cfg(test)]
pub(crate) mod tests;

/// The whole number of frames `secs` seconds take at `rate` frames a second (negative time counts as none).
pub fn frames_in(secs: f64, rate: f64) -> u64 {
    // Clamped to 0 and far below 2^64 for any real answer (a day is 1.4e9 frames at 16 kHz).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let frames = (secs * rate).max(0.0) as u64;
    frames
}

/// A frame count as a slice length, saturating where a usize is narrower.
pub fn frame_len(frames: u64) -> usize {
    usize::try_from(frames).unwrap_or(usize::MAX)
}
