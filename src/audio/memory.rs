//! An audio device in memory, for tests and benchmarks: capture reads a fixed signal, playback keeps what it was
//! given. Like ALSA's `file` plugin it is not paced in real time: every sample is there at once.

use std::sync::{Arc, Mutex, PoisonError};

use super::{Backend, Capture, Playback, Unavailable};

#[derive(Clone, Default)]
pub struct MemoryBackend {
    source: Arc<Vec<i16>>,
    played: Arc<Mutex<Vec<i16>>>,
    unavailable: Option<String>,
}

impl MemoryBackend {
    /// A microphone that hears `source`, then silence.
    pub fn new(source: Vec<i16>) -> MemoryBackend {
        MemoryBackend { source: Arc::new(source), ..MemoryBackend::default() }
    }

    /// A device that never opens, for the reason given.
    pub fn unavailable(reason: &str) -> MemoryBackend {
        MemoryBackend { unavailable: Some(reason.to_string()), ..MemoryBackend::default() }
    }

    /// Every sample played so far, in order.
    pub fn played(&self) -> Vec<i16> {
        self.played.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn check(&self) -> Result<(), Unavailable> {
        match &self.unavailable {
            Some(reason) => Err(Unavailable(reason.clone())),
            None => Ok(()),
        }
    }
}

impl Backend for MemoryBackend {
    fn open_capture(&self) -> Result<Box<dyn Capture>, Unavailable> {
        self.check()?;
        Ok(Box::new(MemoryCapture { source: Arc::clone(&self.source), at: 0 }))
    }

    fn open_playback(&self, _rate: u32, _channels: u16) -> Result<Box<dyn Playback>, Unavailable> {
        self.check()?;
        Ok(Box::new(MemoryPlayback { played: Arc::clone(&self.played) }))
    }
}

struct MemoryCapture {
    source: Arc<Vec<i16>>,
    at: usize,
}

impl Capture for MemoryCapture {
    fn read(&mut self, buf: &mut [i16]) -> Result<usize, String> {
        for sample in buf.iter_mut() {
            *sample = self.source.get(self.at).copied().unwrap_or(0);
            self.at += 1;
        }
        Ok(buf.len())
    }

    fn available(&mut self) -> usize {
        usize::MAX / 2
    }

    fn stop(&mut self) {}
}

struct MemoryPlayback {
    played: Arc<Mutex<Vec<i16>>>,
}

impl Playback for MemoryPlayback {
    fn write(&mut self, samples: &[i16]) -> Result<(), String> {
        self.played.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(samples);
        Ok(())
    }

    fn queued(&mut self) -> usize {
        0
    }

    fn stop(&mut self) {}

    fn drain(&mut self) {}
}
