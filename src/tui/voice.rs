//! The app's sound: the microphone that records each answer, the recording of the answer just finished, and the
//! recordings folder beside the data file. Screens read it through `Ctx`; it changes only through `Effect::Mic`
//! and the app's saving and deleting of attempts.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::audio::{self, Backend, Microphone, TempRecording, memory::MemoryBackend};
use crate::config::VoiceConfig;
use crate::model::{Attempt, Bank};
use crate::practice::Timer;
use crate::recordings::Recordings;

/// How soon to look again while the microphone is being opened or resumed: the badge, or the reason there is none.
const SETTLING_POLL: Duration = Duration::from_millis(25);

/// What a screen asks of the microphone.
#[derive(Debug, Clone)]
pub enum Mic {
    /// The answer's clock changed (started, paused, resumed, finished): the recording follows it.
    Follow(Box<Timer>),
    /// `r`: record this answer, or stop and drop what it recorded.
    Toggle(Box<Timer>),
    /// The answer is left unsaved, or a new one begins: whatever it recorded is deleted.
    Discard,
}

pub struct Voice {
    recordings: Recordings,
    backend: Arc<dyn Backend>,
    mic: Microphone,
    /// False when the data file is read-only: a recording could never be kept, so none is made.
    writable: bool,
    /// The finished answer's recording, from the end of the answer until its attempt is saved or discarded.
    answer: Option<TempRecording>,
    /// A reason not to record was given, and no answer has been recorded since.
    unavailable: bool,
}

impl Voice {
    /// Records into `recordings` through `backend`, when `record` (`[voice] record`) says so and the data file
    /// can be written.
    pub fn new(backend: Arc<dyn Backend>, recordings: Recordings, record: bool, writable: bool) -> Voice {
        let mic = Microphone::new(Arc::clone(&backend), recordings.dir().to_path_buf(), record && writable);
        Voice { recordings, backend, mic, writable, answer: None, unavailable: false }
    }

    /// The session's sound at start, with the data folder's lock held (`writable`) and its bank just loaded:
    /// recordings left by a crash, or named by no attempt, are removed first.
    pub fn open(
        data_dir: &Path,
        config: &VoiceConfig,
        writable: bool,
        bank: &Bank,
        session_start: SystemTime,
    ) -> Voice {
        let recordings = Recordings::new(data_dir, config.max_mb);
        if writable {
            recordings.clean_up_at_start(bank, session_start);
        }
        Voice::new(audio::system(&config.device), recordings, config.record, writable)
    }

    /// No sound at all: until the session's own is opened, and in tests that do not record.
    pub fn silent(data_dir: &Path) -> Voice {
        let backend = Arc::new(MemoryBackend::unavailable("No sound: this session has no audio device"));
        Voice::new(backend, Recordings::new(data_dir, crate::recordings::DEFAULT_MAX_MB), false, false)
    }

    pub fn recordings(&self) -> &Recordings {
        &self.recordings
    }

    /// Where players open their speaker.
    pub fn backend(&self) -> Arc<dyn Backend> {
        Arc::clone(&self.backend)
    }

    /// True while the microphone is open and kept: when the answer shows `● REC`.
    pub fn is_recording(&self) -> bool {
        self.mic.is_recording()
    }

    /// Whether this answer is to be recorded (`r` flips it).
    pub fn is_on(&self) -> bool {
        self.mic.is_on()
    }

    /// False when the data file is read-only: nothing recorded could be kept.
    pub fn can_record(&self) -> bool {
        self.writable
    }

    /// True once the microphone could not be used, until an answer is recorded again.
    pub fn is_unavailable(&self) -> bool {
        self.unavailable
    }

    /// The finished answer's recording, to play in its review before it is saved.
    pub fn answer_recording(&self) -> Option<&Path> {
        self.answer.as_ref().map(TempRecording::path)
    }

    /// When the loop must look again without an event.
    pub fn wake(&self) -> Option<Duration> {
        self.mic.is_settling().then_some(SETTLING_POLL)
    }

    /// Why nothing is recorded, once a session for each reason.
    pub fn take_problem(&mut self) -> Option<String> {
        let problem = self.mic.take_problem();
        self.unavailable |= problem.is_some();
        problem
    }

    /// Carries out what a screen asked at `now` (the instant its clock was given); the error is the sentence to
    /// show when it cannot be done.
    pub fn apply(&mut self, mic: Mic, now: Instant) -> Result<(), String> {
        match mic {
            Mic::Follow(timer) => {
                self.mic.follow(&timer, now);
                if let Some(pending) = self.mic.take_recording() {
                    // At most a moment: the recorder writes the last samples it owes and closes the file. A
                    // recorder that failed has said why through `take_problem` already.
                    self.answer = pending.wait().ok();
                    self.unavailable &= self.answer.is_none();
                }
            }
            Mic::Toggle(_) if !self.writable => return Err("Nothing can be recorded in this session.".into()),
            Mic::Toggle(timer) => {
                self.mic.toggle(&timer, now);
            }
            Mic::Discard => self.discard(),
        }
        Ok(())
    }

    /// Drops the answer's recording, finished or not, and the next answer records as the config says.
    pub fn discard(&mut self) {
        self.mic.new_answer();
        self.answer = None;
    }

    /// Moves the finished answer's recording into place as `attempt`'s, naming it there; nothing to do when the
    /// answer was not recorded. Call it before the attempt is saved. The error is the sentence to show.
    pub fn keep_with(&mut self, attempt: &mut Attempt) -> Result<(), String> {
        self.mic.new_answer();
        let Some(temp) = self.answer.take() else { return Ok(()) };
        self.recordings.keep(temp, attempt).map_err(|e| format!("The recording could not be kept: {e}"))
    }
}
