//! The app's sound: the microphone that records each answer, the recording of the answer just finished, what the
//! recordings say (analysed off the UI thread), and the recordings folder beside the data file. Screens read it
//! through `Ctx`; it changes only through `Effect::Mic`, the app's saving and deleting of attempts, and the
//! analyses the event loop is woken to collect.

mod analyses;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::audio::{self, Backend, Microphone, TempRecording, memory::MemoryBackend};
use crate::config::VoiceConfig;
use crate::model::{Attempt, Bank};
use crate::practice::Timer;
use crate::recordings::{RecordingStatus, Recordings};
use crate::voice::Analysis;
use analyses::Analyses;
pub use analyses::{Analyser, Hearing, Waker};

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
    analyses: Analyses,
}

impl Voice {
    /// Records into `recordings` through `backend`, when `record` (`[voice] record`) says so and the data file
    /// can be written.
    pub fn new(backend: Arc<dyn Backend>, recordings: Recordings, record: bool, writable: bool) -> Voice {
        let mic = Microphone::new(Arc::clone(&backend), recordings.dir().to_path_buf(), record && writable);
        let analyses = Analyses::new(crate::voice::DEFAULT_PAUSE_SECS);
        Voice { recordings, backend, mic, writable, answer: None, unavailable: false, analyses }
    }

    /// The session's sound at start, with the data folder's lock held (`writable`): recordings left by a crash
    /// are removed first, and, when `bank` holds every attempt, those no attempt names (else the app does that
    /// once it has read them).
    pub fn open(
        data_dir: &Path,
        config: &VoiceConfig,
        writable: bool,
        bank: Option<&Bank>,
        session_start: SystemTime,
    ) -> Voice {
        let recordings = Recordings::new(data_dir, config.max_mb);
        if writable {
            recordings.sweep_temps(session_start);
            if let Some(bank) = bank {
                recordings.tidy(bank);
            }
        }
        let mut voice = Voice::new(audio::system(&config.device), recordings, config.record, writable);
        voice.analyses = Analyses::new(config.pause_secs);
        voice
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
                    match &self.answer {
                        Some(answer) => self.analyses.start_answer(answer.path()),
                        None => self.analyses.forget_answer(),
                    }
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
        self.analyses.forget_answer();
    }

    /// Moves the finished answer's recording into place as `attempt`'s, naming it there; nothing to do when the
    /// answer was not recorded. Call it before the attempt is saved. The error is the sentence to show.
    /// Its analysis goes with it: as its `voice` when it is here already, else when it arrives.
    pub fn keep_with(&mut self, attempt: &mut Attempt) -> Result<(), String> {
        self.mic.new_answer();
        let Some(temp) = self.answer.take() else { return Ok(()) };
        if let Err(e) = self.recordings.keep(temp, attempt) {
            self.analyses.forget_answer();
            return Err(format!("The recording could not be kept: {e}"));
        }
        if let Some(analysis) = self.analyses.answer_kept(&attempt.id) {
            attempt.voice = Some(analysis.summary(&attempt.phases));
        }
        Ok(())
    }

    /// Wakes the event loop whenever an analysis is ready to collect.
    pub fn on_analysed(&mut self, waker: Waker) {
        self.analyses.set_waker(waker);
    }

    /// Analyses with `analyser` instead of reading the WAV: tests hold it back, or see which thread runs it.
    #[cfg(test)]
    pub fn set_analyser(&mut self, analyser: Analyser) {
        self.analyses.set_analyser(analyser);
    }

    /// What the finished answer's recording says, while it is under review.
    pub fn answer_hearing(&self) -> Option<&Hearing> {
        self.answer.as_ref().and(self.analyses.answer())
    }

    /// What an attempt's recording says, once it was analysed this session.
    pub fn hearing(&self, attempt: &str) -> Option<&Hearing> {
        self.analyses.attempt(attempt)
    }

    /// The analysis of a saved attempt's recording, when it is here.
    pub fn analysis_of(&self, attempt: &str) -> Option<&Analysis> {
        self.hearing(attempt).and_then(Hearing::analysis)
    }

    /// Starts on `attempt`'s recording, for its page, unless that was done already. One without a `voice` (saved
    /// before its analysis came, by a crash, or by a version that did not analyse) gets it when it arrives, if
    /// `writable`.
    pub fn hear_attempt(&mut self, attempt: &Attempt, writable: bool) {
        if let RecordingStatus::Ready(path) = self.recordings.status(attempt) {
            self.analyses.start_attempt(&attempt.id, &path, writable && attempt.voice.is_none());
        }
    }

    /// Takes in the analyses that arrived: the ids of the attempts that are to get their `voice` now.
    pub fn collect_analyses(&mut self) -> Vec<String> {
        self.analyses.collect()
    }

    /// At quit: the analyses saved attempts are waiting for, given up to `limit` to arrive.
    pub fn wait_for_analyses(&mut self, limit: Duration) -> Vec<String> {
        self.analyses.wait_for_attempts(limit)
    }
}
