//! cpal's default input and output devices: what macOS and Windows use (and Linux with the `cpal` feature, so CI
//! compiles this). Devices run at their own rate, channel count and sample format, so capture is mixed down and
//! resampled to 16 kHz mono here, and playback converted the other way; cpal's callbacks and the recorder's and
//! player's threads meet at a queue.

// Sample and frame conversions: each value is clamped to its target's range (samples) or is a non-negative count
// far below the target's limit (frames at a device's rate) before it is cast.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_possible_wrap)]
// `mono` and `resampled` are the two stages of one conversion, named as such.
#![allow(clippy::similar_names)]

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{Data, SampleFormat, StreamConfig};

use super::{Backend, Capture, Direction, Playback, SAMPLE_RATE, Unavailable};

/// Most that waits in a queue: a second of sound. Past it capture drops (the recorder pads the gap) and playback
/// waits.
const QUEUE_SECS: f64 = 1.0;
/// Playback keeps this much queued ahead of the device.
const PLAYBACK_LATENCY_SECS: f64 = 0.2;

pub struct CpalBackend;

fn unavailable(direction: Direction, why: impl std::fmt::Display) -> Unavailable {
    Unavailable(format!("{}: {why}", direction.missing()))
}

impl Backend for CpalBackend {
    fn open_capture(&self) -> Result<Box<dyn Capture>, Unavailable> {
        let fail = |why: String| unavailable(Direction::Capture, why);
        let device =
            cpal::default_host().default_input_device().ok_or_else(|| fail("the system has no input device".into()))?;
        let supported = device.default_input_config().map_err(|e| fail(e.to_string()))?;
        let (format, config) = (supported.sample_format(), supported.config());
        let channels = usize::from(config.channels.max(1));
        let queue = Arc::new(Queue::new((f64::from(SAMPLE_RATE) * QUEUE_SECS) as usize));
        let (sink, errors) = (Arc::clone(&queue), Arc::clone(&queue));
        let mut resampler = Resampler::new(config.sample_rate, SAMPLE_RATE);
        let (mut mono, mut resampled) = (Vec::new(), Vec::new());
        let stream = device
            .build_input_stream_raw(
                config,
                format,
                move |data: &Data, _| {
                    mono.clear();
                    mix_down(data, channels, &mut mono);
                    resampled.clear();
                    resampler.push(&mono, &mut resampled);
                    sink.push(resampled.iter().map(|&s| to_i16(s)));
                },
                move |e| errors.fail(e.to_string()),
                None,
            )
            .map_err(|e| fail(e.to_string()))?;
        stream.play().map_err(|e| fail(e.to_string()))?;
        Ok(Box::new(CpalCapture { stream, queue, paused: false }))
    }

    fn open_playback(&self, rate: u32, channels: u16) -> Result<Box<dyn Playback>, Unavailable> {
        let fail = |why: String| unavailable(Direction::Playback, why);
        let device = cpal::default_host()
            .default_output_device()
            .ok_or_else(|| fail("the system has no output device".into()))?;
        let supported = device.default_output_config().map_err(|e| fail(e.to_string()))?;
        let (format, config) = (supported.sample_format(), supported.config());
        let device_channels = usize::from(config.channels.max(1));
        let capacity = (f64::from(config.sample_rate) * device_channels as f64 * QUEUE_SECS) as usize;
        let queue = Arc::new(Queue::new(capacity));
        let (source, errors) = (Arc::clone(&queue), Arc::clone(&queue));
        let stream = device
            .build_output_stream_raw(
                config,
                format,
                move |data: &mut Data, _| fill(data, &source),
                move |e| errors.fail(e.to_string()),
                None,
            )
            .map_err(|e| fail(e.to_string()))?;
        Ok(Box::new(CpalPlayback {
            stream,
            queue,
            config,
            channels: usize::from(channels.max(1)),
            resampler: Resampler::new(rate, supported.sample_rate()),
            rate,
            playing: false,
        }))
    }
}

/// Samples between a cpal callback and one of our threads, in the device's layout.
struct Queue {
    samples: Mutex<VecDeque<f32>>,
    changed: Condvar,
    capacity: usize,
    problem: Mutex<Option<String>>,
}

impl Queue {
    fn new(capacity: usize) -> Queue {
        Queue {
            samples: Mutex::new(VecDeque::with_capacity(capacity)),
            changed: Condvar::new(),
            capacity,
            problem: Mutex::new(None),
        }
    }

    fn lock(&self) -> MutexGuard<'_, VecDeque<f32>> {
        self.samples.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds what a capture callback heard; what does not fit is dropped rather than blocking the callback.
    fn push(&self, samples: impl Iterator<Item = i16>) {
        let mut queue = self.lock();
        let room = self.capacity.saturating_sub(queue.len());
        queue.extend(samples.take(room).map(f32::from));
        self.changed.notify_all();
    }

    /// Waits until the other side changes the queue, or `timeout` passes.
    fn wait<'a>(&self, queue: MutexGuard<'a, VecDeque<f32>>, timeout: Duration) -> MutexGuard<'a, VecDeque<f32>> {
        self.changed.wait_timeout(queue, timeout).unwrap_or_else(PoisonError::into_inner).0
    }

    fn fail(&self, why: String) {
        *self.problem.lock().unwrap_or_else(PoisonError::into_inner) = Some(why);
        self.changed.notify_all();
    }

    fn problem(&self) -> Option<String> {
        self.problem.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

struct CpalCapture {
    stream: cpal::Stream,
    queue: Arc<Queue>,
    paused: bool,
}

impl Capture for CpalCapture {
    fn read(&mut self, buf: &mut [i16]) -> Result<usize, String> {
        if self.paused {
            self.stream.play().map_err(|e| e.to_string())?;
            self.paused = false;
        }
        let mut queue = self.queue.lock();
        while queue.is_empty() {
            if let Some(why) = self.queue.problem() {
                return Err(why);
            }
            let (next, timeout) =
                self.queue.changed.wait_timeout(queue, Duration::from_secs(1)).unwrap_or_else(PoisonError::into_inner);
            queue = next;
            if timeout.timed_out() && queue.is_empty() {
                return Ok(0);
            }
        }
        let n = buf.len().min(queue.len());
        for (slot, sample) in buf.iter_mut().zip(queue.drain(..n)) {
            *slot = sample as i16;
        }
        Ok(n)
    }

    fn available(&mut self) -> usize {
        self.queue.lock().len()
    }

    fn stop(&mut self) {
        let _ = self.stream.pause();
        self.paused = true;
        self.queue.lock().clear();
    }
}

struct CpalPlayback {
    stream: cpal::Stream,
    queue: Arc<Queue>,
    config: StreamConfig,
    /// Channels of what is written to us.
    channels: usize,
    resampler: Resampler,
    /// Rate of what is written to us.
    rate: u32,
    playing: bool,
}

impl Playback for CpalPlayback {
    fn write(&mut self, samples: &[i16]) -> Result<(), String> {
        let device_channels = usize::from(self.config.channels.max(1));
        let mono: Vec<f32> = samples
            .chunks_exact(self.channels)
            .map(|frame| frame.iter().map(|&s| f32::from(s)).sum::<f32>() / frame.len() as f32)
            .collect();
        let mut resampled = Vec::with_capacity(mono.len() * 4);
        self.resampler.push(&mono, &mut resampled);
        let latency = (f64::from(self.config.sample_rate) * device_channels as f64 * PLAYBACK_LATENCY_SECS) as usize;
        let mut queue = self.queue.lock();
        for sample in resampled {
            while queue.len() >= latency.max(device_channels) {
                if !self.playing {
                    self.stream.play().map_err(|e| e.to_string())?;
                    self.playing = true;
                }
                if let Some(why) = self.queue.problem() {
                    return Err(why);
                }
                queue = self.queue.wait(queue, Duration::from_millis(100));
            }
            queue.extend(std::iter::repeat_n(sample / 32_768.0, device_channels));
        }
        drop(queue);
        if !self.playing {
            self.stream.play().map_err(|e| e.to_string())?;
            self.playing = true;
        }
        Ok(())
    }

    fn queued(&mut self) -> usize {
        let device_frames = self.queue.lock().len() / usize::from(self.config.channels.max(1));
        (device_frames as f64 * f64::from(self.rate) / f64::from(self.config.sample_rate.max(1))) as usize
    }

    fn stop(&mut self) {
        let _ = self.stream.pause();
        self.playing = false;
        self.queue.lock().clear();
    }

    fn drain(&mut self) {
        let mut queue = self.queue.lock();
        while !queue.is_empty() && self.playing && self.queue.problem().is_none() {
            queue = self.queue.wait(queue, Duration::from_millis(100));
        }
    }
}

/// Runs `$body` with `$t` the Rust type of cpal's sample format `$format` (f32 for any this does not know).
macro_rules! with_sample_type {
    ($format:expr, $t:ident => $body:expr) => {
        with_sample_type!(@arms $format, $t, $body, I8 i8, I16 i16, I32 i32, U8 u8, U16 u16, U32 u32, F64 f64)
    };
    (@arms $format:expr, $t:ident, $body:expr, $($variant:ident $type:ty),*) => {
        match $format {
            $(SampleFormat::$variant => {
                type $t = $type;
                $body
            })*
            _ => {
                type $t = f32;
                $body
            }
        }
    };
}

/// An output callback: the queue's samples (already in the device's layout, -1.0..1.0), then silence.
fn fill(data: &mut Data, queue: &Queue) {
    let mut samples = queue.lock();
    with_sample_type!(data.sample_format(), T => {
        if let Some(out) = data.as_slice_mut::<T>() {
            for slot in out.iter_mut() {
                *slot = cpal::Sample::from_sample(samples.pop_front().unwrap_or(0.0));
            }
        }
    });
    queue.changed.notify_all();
}

/// Averages each frame of a capture callback's samples to one, as 16-bit-scaled floats.
fn mix_down(data: &Data, channels: usize, out: &mut Vec<f32>) {
    with_sample_type!(data.sample_format(), T => {
        if let Some(samples) = data.as_slice::<T>() {
            out.extend(samples.chunks_exact(channels).map(|frame| {
                frame.iter().map(|&s| cpal::Sample::to_sample::<f32>(s)).sum::<f32>() / channels as f32 * 32_767.0
            }));
        }
    });
}

fn to_i16(sample: f32) -> i16 {
    sample.round().clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16
}

/// Linear-interpolation resampling, carried across calls. Speech at 16 kHz loses nothing a person or the voice
/// analysis needs; the microphone's own filter keeps most energy above 8 kHz out.
struct Resampler {
    /// Input samples per output sample.
    step: f64,
    /// Where the next output falls, counted from the last sample of the previous call (index 0).
    position: f64,
    last: f32,
}

impl Resampler {
    fn new(from: u32, to: u32) -> Resampler {
        Resampler { step: f64::from(from.max(1)) / f64::from(to.max(1)), position: 1.0, last: 0.0 }
    }

    fn push(&mut self, input: &[f32], out: &mut Vec<f32>) {
        let at = |i: usize| if i == 0 { self.last } else { input[i - 1] };
        while self.position <= input.len() as f64 && !input.is_empty() {
            let i = self.position.floor() as usize;
            let fraction = (self.position - i as f64) as f32;
            let (a, b) = (at(i), if i < input.len() { input[i] } else { at(i) });
            out.push(a + (b - a) * fraction);
            self.position += self.step;
        }
        if let Some(&last) = input.last() {
            self.position -= input.len() as f64;
            self.last = last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Resampler;

    #[test]
    fn resampling_keeps_the_length_and_the_shape() {
        let ramp: Vec<f32> = (0..4_800).map(|i| i as f32).collect();
        let mut down = Resampler::new(48_000, 16_000);
        let mut out = Vec::new();
        for chunk in ramp.chunks(441) {
            down.push(chunk, &mut out);
        }
        assert!((out.len() as i64 - 1_600).abs() <= 1, "{}", out.len());
        assert!(out.windows(2).all(|w| (w[1] - w[0] - 3.0).abs() < 1e-3), "every third sample of a ramp");
        let mut up = Resampler::new(16_000, 48_000);
        let mut out = Vec::new();
        up.push(&[0.0, 3.0, 6.0], &mut out);
        assert_eq!(out, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    }
}
