//! The recorder: a thread that captures from a microphone into a temporary WAV beside the recordings, following
//! the practice clock. Paused time is not recorded, and the file's length is the clock's time: ALSA's `file` and
//! `null` devices hand out samples as fast as they are read, a sound card at its own pace, so the thread reads what
//! the wall clock says is due, no more, and fills any shortfall (a device slow to start) with silence at each
//! pause and at the end. Memory stays the same whatever the length: samples go to disk as they come.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{Backend, Capture, SAMPLE_RATE};

/// Samples read at a time: 100 ms, so the thread wakes ten times a second while recording.
const CHUNK: usize = SAMPLE_RATE as usize / 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecorderState {
    /// The device is being opened.
    Opening,
    /// The microphone is open and its sound is being kept.
    Recording,
    /// The clock is paused: nothing is kept.
    Paused,
    /// The device could not be opened, or failed (or the disk did) mid-way: the sentence says which.
    Failed(String),
    /// Finished: the recording is complete.
    Done,
}

enum Command {
    Pause(Instant),
    Resume(Instant),
    Finish(Instant),
}

/// Running time as the practice timer counts it: the stretches between start or resume and pause or finish.
#[derive(Debug, Clone, Copy)]
struct RunClock {
    banked: Duration,
    since: Option<Instant>,
}

impl RunClock {
    fn elapsed(&self, now: Instant) -> Duration {
        self.banked + self.since.map_or(Duration::ZERO, |since| now.saturating_duration_since(since))
    }

    fn pause(&mut self, at: Instant) {
        self.banked = self.elapsed(at);
        self.since = None;
    }

    fn resume(&mut self, at: Instant) {
        if self.since.is_none() {
            self.since = Some(at);
        }
    }

    /// Samples due by `now`.
    fn samples(&self, now: Instant) -> u64 {
        super::frames_in(self.elapsed(now).as_secs_f64() + 0.5 / f64::from(SAMPLE_RATE), f64::from(SAMPLE_RATE))
    }
}

/// Records one answer. Call [`Recorder::pause`], [`Recorder::resume`] and [`Recorder::finish`] with the same
/// instants the practice timer gets, so the recording and the timer agree to the sample. Dropping it without
/// finishing discards the recording.
pub struct Recorder {
    commands: Sender<Command>,
    state: Arc<Mutex<RecorderState>>,
    clock: RunClock,
    worker: Option<JoinHandle<Result<TempRecording, String>>>,
}

impl Recorder {
    /// Starts recording as of `now` into a new temporary file in `dir` (the recordings folder, created private if
    /// need be). Returns at once: the device opens on the recorder's thread, and [`Recorder::state`] says how
    /// that went.
    pub fn start(backend: Arc<dyn Backend>, dir: &Path, now: Instant) -> Recorder {
        Recorder::start_late(backend, dir, Duration::ZERO, now)
    }

    /// Starts recording at `now` an answer whose clock already shows `already` (recording turned on mid-answer):
    /// that much silence comes first, so phase marks stay positions in the recording.
    pub fn start_late(backend: Arc<dyn Backend>, dir: &Path, already: Duration, now: Instant) -> Recorder {
        let (commands, inbox) = mpsc::channel();
        let state = Arc::new(Mutex::new(RecorderState::Opening));
        let clock = RunClock { banked: already, since: Some(now) };
        let shared = Arc::clone(&state);
        let dir = dir.to_path_buf();
        let worker = std::thread::Builder::new()
            .name("star-coach recorder".into())
            .spawn(move || Worker { state: shared, clock, written: 0 }.run(&*backend, &dir, &inbox))
            .ok();
        if worker.is_none() {
            *state.lock().unwrap_or_else(PoisonError::into_inner) =
                RecorderState::Failed("Not recording: could not start the recorder's thread".into());
        }
        Recorder { commands, state, clock, worker }
    }

    pub fn pause(&mut self, now: Instant) {
        self.clock.pause(now);
        let _ = self.commands.send(Command::Pause(now));
    }

    pub fn resume(&mut self, now: Instant) {
        self.clock.resume(now);
        let _ = self.commands.send(Command::Resume(now));
    }

    pub fn state(&self) -> RecorderState {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// True while the microphone is open and what it hears is kept: when the screen shows `● REC`.
    pub fn is_recording(&self) -> bool {
        self.state() == RecorderState::Recording
    }

    /// Why nothing is being recorded, when the device could not be opened or failed.
    pub fn problem(&self) -> Option<String> {
        match self.state() {
            RecorderState::Failed(why) => Some(why),
            _ => None,
        }
    }

    /// The recorder's state as its thread sets it, to watch after [`Recorder::finish`] (why it failed).
    pub(crate) fn state_handle(&self) -> Arc<Mutex<RecorderState>> {
        Arc::clone(&self.state)
    }

    /// Whether the recording is paused with the clock.
    pub fn is_paused(&self) -> bool {
        self.clock.since.is_none()
    }

    /// Time recorded so far, as the practice clock counts it.
    pub fn elapsed(&self, now: Instant) -> Duration {
        self.clock.elapsed(now)
    }

    /// Ends the recording at `now`; the file is completed on the recorder's thread.
    pub fn finish(mut self, now: Instant) -> PendingRecording {
        let _ = self.commands.send(Command::Finish(now));
        PendingRecording { worker: self.worker.take() }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        // Not finished: the thread sees its inbox close, stops, and the temporary file is deleted.
        if let Some(worker) = self.worker.take() {
            drop(std::mem::replace(&mut self.commands, mpsc::channel().0));
            let _ = worker.join();
        }
    }
}

/// A recording being completed on the recorder's thread (at most a moment's work).
pub struct PendingRecording {
    worker: Option<JoinHandle<Result<TempRecording, String>>>,
}

impl PendingRecording {
    pub fn is_ready(&self) -> bool {
        self.worker.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// The finished temporary recording, or why there is none.
    pub fn wait(mut self) -> Result<TempRecording, String> {
        match self.worker.take() {
            Some(worker) => worker.join().unwrap_or_else(|_| Err("Not recorded: the recorder stopped".into())),
            None => Err("Not recorded: the recorder could not start".into()),
        }
    }
}

/// A complete recording in a temporary file, deleted when dropped unless [`TempRecording::keep`] took it.
#[derive(Debug)]
pub struct TempRecording {
    path: Option<PathBuf>,
    samples: u64,
}

impl TempRecording {
    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(""))
    }

    pub fn duration(&self) -> Duration {
        Duration::from_secs_f64(self.samples as f64 / f64::from(SAMPLE_RATE))
    }

    /// Moves the file to `to` (a rename in the same folder); on failure it stays temporary and is deleted.
    pub fn keep(mut self, to: &Path) -> std::io::Result<()> {
        let from = self.path.take().unwrap_or_default();
        std::fs::rename(&from, to).inspect_err(|_| {
            let _ = std::fs::remove_file(&from);
        })
    }
}

impl Drop for TempRecording {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

type Wav = hound::WavWriter<BufWriter<File>>;

struct Worker {
    state: Arc<Mutex<RecorderState>>,
    clock: RunClock,
    /// Samples in the file so far.
    written: u64,
}

impl Worker {
    fn set(&self, state: RecorderState) {
        let mut current = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        // The first failure is the one worth telling.
        if !matches!(*current, RecorderState::Failed(_)) {
            *current = state;
        }
    }

    fn run(mut self, backend: &dyn Backend, dir: &Path, inbox: &Receiver<Command>) -> Result<TempRecording, String> {
        let opened = backend.open_capture().map_err(|e| e.0).and_then(|capture| {
            let file = crate::recordings::create_temp(dir)
                .map_err(|e| format!("Not recording: could not create a file in {}: {e}", dir.display()))?;
            Ok((capture, file))
        });
        let (mut capture, (path, file)) = match opened {
            Ok(opened) => opened,
            Err(why) => {
                self.set(RecorderState::Failed(why.clone()));
                // Keep the clock's commands flowing until the answer ends, then say why there is no recording.
                while inbox.recv().is_ok_and(|c| !matches!(c, Command::Finish(_))) {}
                return Err(why);
            }
        };
        let mut temp = TempRecording { path: Some(path), samples: 0 };
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: SAMPLE_RATE,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut wav = hound::WavWriter::new(BufWriter::new(file), spec).map_err(|e| self.fail_disk(&e))?;
        self.set(RecorderState::Recording);
        let mut buf = vec![0i16; CHUNK];
        let lead = RunClock { banked: self.clock.banked, since: None }.samples(Instant::now());
        while self.written < lead {
            let n = super::frame_len(lead - self.written).min(CHUNK);
            self.write(&mut wav, &buf[..n])?;
        }
        loop {
            let command = if self.clock.since.is_none() {
                inbox.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                let due = self.clock.samples(Instant::now()).saturating_sub(self.written);
                if due >= CHUNK as u64 {
                    inbox.try_recv()
                } else {
                    // Not a chunk's worth yet: wait for it, or for the clock's next command.
                    let wait = Duration::from_secs_f64((CHUNK as u64 - due) as f64 / f64::from(SAMPLE_RATE));
                    inbox.recv_timeout(wait).map_err(|e| match e {
                        RecvTimeoutError::Timeout => TryRecvError::Empty,
                        RecvTimeoutError::Disconnected => TryRecvError::Disconnected,
                    })
                }
            };
            match command {
                Ok(Command::Pause(at)) => {
                    self.catch_up(&mut *capture, &mut wav, &mut buf, at)?;
                    self.clock.pause(at);
                    capture.stop();
                    self.set(RecorderState::Paused);
                }
                Ok(Command::Resume(at)) => {
                    self.clock.resume(at);
                    self.set(RecorderState::Recording);
                }
                Ok(Command::Finish(at)) => {
                    self.catch_up(&mut *capture, &mut wav, &mut buf, at)?;
                    drop(capture);
                    wav.finalize().map_err(|e| self.fail_disk(&e))?;
                    temp.samples = self.written;
                    self.set(RecorderState::Done);
                    return Ok(temp);
                }
                // Dropped unfinished: `temp` deletes the file.
                Err(TryRecvError::Disconnected) => return Err("Not recorded: the answer was discarded".into()),
                Err(TryRecvError::Empty) => {
                    let due = self.clock.samples(Instant::now()).saturating_sub(self.written);
                    let n = super::frame_len(due).min(CHUNK);
                    if n > 0 {
                        let read = capture.read(&mut buf[..n]).map_err(|e| self.fail_device(&e))?;
                        self.write(&mut wav, &buf[..read])?;
                    }
                }
            }
        }
    }

    /// Brings the file up to the clock's time at `at`: what the device has, then silence for any shortfall.
    fn catch_up(
        &mut self,
        capture: &mut dyn Capture,
        wav: &mut Wav,
        buf: &mut [i16],
        at: Instant,
    ) -> Result<(), String> {
        let target = self.clock.samples(at);
        if self.clock.since.is_none() {
            return Ok(());
        }
        let mut available = capture.available();
        while self.written < target && available > 0 {
            let n = super::frame_len(target - self.written).min(buf.len()).min(available);
            let read = capture.read(&mut buf[..n]).map_err(|e| self.fail_device(&e))?;
            if read == 0 {
                break;
            }
            available -= read.min(available);
            self.write(wav, &buf[..read])?;
        }
        buf.fill(0);
        while self.written < target {
            let n = super::frame_len(target - self.written).min(buf.len());
            self.write(wav, &buf[..n])?;
        }
        Ok(())
    }

    fn write(&mut self, wav: &mut Wav, samples: &[i16]) -> Result<(), String> {
        let mut writer = wav.get_i16_writer(u32::try_from(samples.len()).unwrap_or(u32::MAX));
        for &sample in samples {
            writer.write_sample(sample);
        }
        writer.flush().map_err(|e| self.fail_disk(&e))?;
        self.written += samples.len() as u64;
        Ok(())
    }

    fn fail_disk(&self, error: &dyn std::fmt::Display) -> String {
        let why = format!("Recording stopped: could not write it to disk ({error})");
        self.set(RecorderState::Failed(why.clone()));
        why
    }

    fn fail_device(&self, error: &str) -> String {
        let why = format!("Recording stopped: the microphone failed ({error})");
        self.set(RecorderState::Failed(why.clone()));
        why
    }
}
