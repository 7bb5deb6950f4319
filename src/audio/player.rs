//! The player: plays a WAV from any position to a speaker, on its own thread, with pause, seek and a position for
//! the play head. Like the recorder it follows the wall clock, so a device that takes samples as fast as they come
//! (ALSA's `file` plugin) still plays in real time and the play head moves as the sound does.

use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use super::{Backend, Playback};

/// Played ahead of the wall clock, so the device's buffer (200 ms on ALSA) never runs dry.
const LEAD: Duration = Duration::from_millis(250);
/// Frames written at a time: 50 ms at 16 kHz.
const CHUNK_SECS: f64 = 0.05;

/// Why a recording cannot be played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayerError {
    /// The file is not there (pruned by hand, or never finished).
    Missing(PathBuf),
    /// The file is there but is not a WAV this player reads.
    Unreadable(PathBuf, String),
}

impl fmt::Display for PlayerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlayerError::Missing(path) => write!(f, "the recording is gone: {} is missing", path.display()),
            PlayerError::Unreadable(path, why) => write!(f, "{} cannot be played: {why}", path.display()),
        }
    }
}

impl std::error::Error for PlayerError {}

enum Command {
    Play,
    Pause,
    Seek(u64),
}

/// The play state, shared by the caller and the player's thread, and a signal for when playing stops.
#[derive(Default)]
struct Shared {
    state: Mutex<PlayState>,
    stopped: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, PlayState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[derive(Debug, Default)]
struct PlayState {
    playing: bool,
    /// The frame playing started (or stopped) at.
    base: u64,
    /// When playing started from `base`.
    since: Option<Instant>,
    /// Frames written since `since`.
    written: u64,
    problem: Option<String>,
}

/// Plays one recording. Every call returns at once; the sound comes from the player's thread.
pub struct Player {
    commands: Sender<Command>,
    shared: Arc<Shared>,
    rate: u32,
    frames: u64,
}

impl Player {
    /// Opens the WAV at `path` (16-bit PCM, any rate, mono or stereo), stopped at its start.
    pub fn open(backend: Arc<dyn Backend>, path: &Path) -> Result<Player, PlayerError> {
        let reader = hound::WavReader::open(path).map_err(|e| match e {
            hound::Error::IoError(io) if io.kind() == std::io::ErrorKind::NotFound => {
                PlayerError::Missing(path.to_path_buf())
            }
            other => PlayerError::Unreadable(path.to_path_buf(), other.to_string()),
        })?;
        let spec = reader.spec();
        if spec.sample_format != hound::SampleFormat::Int || spec.bits_per_sample != 16 || spec.channels == 0 {
            return Err(PlayerError::Unreadable(path.to_path_buf(), "it is not 16-bit PCM".into()));
        }
        let (rate, frames) = (spec.sample_rate, u64::from(reader.duration()));
        let (commands, inbox) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        let theirs = Arc::clone(&shared);
        // Dropping the player closes the thread's inbox: it stops the sound and ends, and nothing waits for it.
        std::thread::Builder::new()
            .name("star-coach player".into())
            .spawn(move || Worker { reader, spec, frames, shared: theirs, device: None }.run(&*backend, &inbox))
            .map_err(|e| PlayerError::Unreadable(path.to_path_buf(), format!("could not start the player ({e})")))?;
        Ok(Player { commands, shared, rate, frames })
    }

    fn lock(&self) -> MutexGuard<'_, PlayState> {
        self.shared.lock()
    }

    /// Blocks until playing stops: at the end, on pause, or when the speaker fails (for the command line).
    pub fn wait_until_stopped(&self) {
        let mut state = self.lock();
        while state.playing {
            state = self.shared.stopped.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }

    pub fn duration(&self) -> Duration {
        self.to_duration(self.frames)
    }

    pub fn is_playing(&self) -> bool {
        self.lock().playing
    }

    /// Where the play head is.
    pub fn position(&self) -> Duration {
        let state = self.lock();
        let mut frame = state.base;
        if let (true, Some(since)) = (state.playing, state.since) {
            let by_clock = super::frames_in(since.elapsed().as_secs_f64(), f64::from(self.rate));
            frame += by_clock.min(state.written);
        }
        self.to_duration(frame.min(self.frames))
    }

    /// Why the last play did not sound (the speaker could not be opened, or failed), if it did not.
    pub fn problem(&self) -> Option<String> {
        self.lock().problem.clone()
    }

    pub fn play(&self) {
        let mut state = self.lock();
        if !state.playing && state.base < self.frames {
            // Playing from now, as far as the caller can tell; the thread says otherwise if the speaker fails.
            (state.playing, state.since, state.written) = (true, Some(Instant::now()), 0);
            let _ = self.commands.send(Command::Play);
        }
    }

    pub fn pause(&self) {
        // Freeze the play head now, so a look right after pressing pause sees where it stopped.
        let at = self.frame_of(self.position());
        let mut state = self.lock();
        state.playing = false;
        state.base = at;
        let _ = self.commands.send(Command::Pause);
        self.shared.stopped.notify_all();
    }

    /// Plays if stopped, pauses if playing; at the end, plays again from the start.
    pub fn toggle(&self) {
        if self.is_playing() {
            self.pause();
        } else {
            if self.position() >= self.duration() {
                self.seek_to(Duration::ZERO);
            }
            self.play();
        }
    }

    /// Moves the play head to `at` (clamped to the recording), playing on from there if it was playing.
    pub fn seek_to(&self, at: Duration) {
        let frame = self.frame_of(at).min(self.frames);
        let _ = self.commands.send(Command::Seek(frame));
        let mut state = self.lock();
        state.base = frame;
        state.since = state.playing.then(Instant::now);
        state.written = 0;
    }

    /// Moves the play head by `secs` (negative: back), as ←/→ do by 5 s.
    pub fn seek_by(&self, secs: f64) {
        let target = (self.position().as_secs_f64() + secs).max(0.0);
        self.seek_to(Duration::from_secs_f64(target));
    }

    fn to_duration(&self, frames: u64) -> Duration {
        Duration::from_secs_f64(frames as f64 / f64::from(self.rate.max(1)))
    }

    fn frame_of(&self, at: Duration) -> u64 {
        super::frames_in(at.as_secs_f64().max(0.0) + 0.5 / f64::from(self.rate), f64::from(self.rate))
    }
}

struct Worker {
    reader: hound::WavReader<BufReader<File>>,
    spec: hound::WavSpec,
    frames: u64,
    shared: Arc<Shared>,
    device: Option<Box<dyn Playback>>,
}

impl Worker {
    fn lock(&self) -> MutexGuard<'_, PlayState> {
        self.shared.lock()
    }

    /// Playing ended here (`at`, a frame), for a reason other than the caller's pause.
    fn stopped(&self, at: Option<u64>, problem: Option<String>) {
        let mut state = self.lock();
        state.playing = false;
        if let Some(at) = at {
            state.base = at;
        }
        if problem.is_some() {
            state.problem = problem;
        }
        self.shared.stopped.notify_all();
    }

    fn run(mut self, backend: &dyn Backend, inbox: &Receiver<Command>) {
        let rate = f64::from(self.spec.sample_rate);
        let chunk = super::frame_len(super::frames_in(CHUNK_SECS, rate)).max(1);
        let channels = usize::from(self.spec.channels);
        let mut buf: Vec<i16> = Vec::with_capacity(chunk * channels);
        let mut playing = false;
        loop {
            let command = if playing {
                let (since, written) = {
                    let state = self.lock();
                    (state.since.unwrap_or_else(Instant::now), state.written)
                };
                let allowed = super::frames_in((since.elapsed() + LEAD).as_secs_f64(), rate);
                let short = (written + chunk as u64).saturating_sub(allowed);
                if short == 0 {
                    inbox.try_recv()
                } else {
                    inbox.recv_timeout(Duration::from_secs_f64(short as f64 / rate)).map_err(|e| match e {
                        RecvTimeoutError::Timeout => TryRecvError::Empty,
                        RecvTimeoutError::Disconnected => TryRecvError::Disconnected,
                    })
                }
            } else {
                inbox.recv().map_err(|_| TryRecvError::Disconnected)
            };
            match command {
                Ok(Command::Play) if !playing => playing = self.start(backend),
                Ok(Command::Play) => {}
                Ok(Command::Pause) => {
                    playing = false;
                    self.stop_device();
                }
                Ok(Command::Seek(frame)) => {
                    if playing && let Some(device) = &mut self.device {
                        device.stop();
                    }
                    if playing && self.reader.seek(u32::try_from(frame).unwrap_or(u32::MAX)).is_err() {
                        playing = false;
                        self.stop_device();
                        self.stopped(None, None);
                    } else if playing {
                        let mut state = self.lock();
                        (state.since, state.written) = (Some(Instant::now()), 0);
                    }
                }
                Err(TryRecvError::Disconnected) => {
                    self.stop_device();
                    return;
                }
                Err(TryRecvError::Empty) => {
                    buf.clear();
                    buf.extend(self.reader.samples::<i16>().take(chunk * channels).map_while(Result::ok));
                    let frames = (buf.len() / channels) as u64;
                    if frames == 0 {
                        if let Some(device) = &mut self.device {
                            device.drain();
                        }
                        playing = false;
                        self.device = None;
                        self.stopped(Some(self.frames), None);
                        continue;
                    }
                    let result = self.device.as_mut().map_or(Ok(()), |d| d.write(&buf));
                    if let Err(why) = result {
                        playing = false;
                        self.fail(format!("Playback stopped: the sound output failed ({why})"));
                        continue;
                    }
                    self.lock().written += frames;
                }
            }
        }
    }

    /// Opens the speaker and plays from the play head; false (with the reason kept) when it cannot.
    fn start(&mut self, backend: &dyn Backend) -> bool {
        let (wanted, base) = {
            let state = self.lock();
            (state.playing, state.base)
        };
        if !wanted {
            return false; // paused again before the thread got to it
        }
        if base >= self.frames || self.reader.seek(u32::try_from(base).unwrap_or(u32::MAX)).is_err() {
            self.stopped(None, None);
            return false;
        }
        match backend.open_playback(self.spec.sample_rate, self.spec.channels) {
            Ok(device) => self.device = Some(device),
            Err(why) => {
                self.fail(why.0);
                return false;
            }
        }
        let mut state = self.lock();
        state.since = Some(Instant::now());
        state.written = 0;
        state.problem = None;
        true
    }

    fn stop_device(&mut self) {
        if let Some(mut device) = self.device.take() {
            device.stop();
        }
    }

    fn fail(&mut self, why: String) {
        self.stop_device();
        self.stopped(None, Some(why));
    }
}
