//! The microphone as practice sees it, across answers: whether this answer is recorded (`[voice] record`, and
//! `r` for one answer), the recorder that follows the practice clock, and the one sentence said when recording
//! is unavailable, said once rather than on every answer.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use super::{Backend, PendingRecording, Recorder, RecorderState};
use crate::practice::{ClockState, Timer};

pub struct Microphone {
    backend: Arc<dyn Backend>,
    dir: PathBuf,
    record_by_default: bool,
    /// Whether this answer is recorded.
    on: bool,
    recorder: Option<Recorder>,
    finished: Option<PendingRecording>,
    /// The state of this answer's recorder, still there once it finished.
    watched: Option<Arc<Mutex<RecorderState>>>,
    /// The last reason given for not recording, so the same one is not given twice.
    said: Option<String>,
}

impl Microphone {
    /// Records into `recordings_dir` through `backend` when `record` (`[voice] record`) says so.
    pub fn new(backend: Arc<dyn Backend>, recordings_dir: PathBuf, record: bool) -> Microphone {
        Microphone {
            backend,
            dir: recordings_dir,
            record_by_default: record,
            on: record,
            recorder: None,
            finished: None,
            watched: None,
            said: None,
        }
    }

    /// A new answer begins (practice opened, or the next mock round): recording as the config says, and whatever
    /// the last answer left unsaved is discarded.
    pub fn new_answer(&mut self) {
        self.recorder = None;
        self.finished = None;
        self.watched = None;
        self.on = self.record_by_default;
    }

    /// Whether this answer is to be recorded (`r` flips it).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// True while the microphone is open and kept: when the screen shows `● REC`. A pause ends it at once, not
    /// when the recorder's thread gets to it.
    pub fn is_recording(&self) -> bool {
        self.recorder.as_ref().is_some_and(|r| !r.is_paused() && r.is_recording())
    }

    /// True while the recorder's thread has yet to catch up with the clock (opening the device, resuming): the
    /// badge, or the reason there is none, comes in a moment, so a screen looks again soon.
    pub fn is_settling(&self) -> bool {
        self.recorder.as_ref().is_some_and(|r| match r.state() {
            RecorderState::Opening => true,
            RecorderState::Paused => !r.is_paused(),
            _ => false,
        })
    }

    /// Brings the recorder in line with the practice clock: call it after every change to `timer` (start, pause,
    /// resume, finish), with the same `now` the timer was given.
    pub fn follow(&mut self, timer: &Timer, now: Instant) {
        // A clock that is ready has nothing to record yet: the last arm.
        match (timer.state(), self.recorder.as_mut()) {
            (ClockState::Running, None) if self.on && self.finished.is_none() => {
                let recorder = Recorder::start_late(Arc::clone(&self.backend), &self.dir, timer.elapsed(now), now);
                self.watched = Some(recorder.state_handle());
                self.recorder = Some(recorder);
            }
            (ClockState::Running, Some(recorder)) if recorder.is_paused() => recorder.resume(now),
            (ClockState::Paused, Some(recorder)) if !recorder.is_paused() => recorder.pause(now),
            (ClockState::Finished, Some(_)) => {
                if let Some(recorder) = self.recorder.take() {
                    self.finished = Some(recorder.finish(now));
                }
            }
            _ => {}
        }
    }

    /// `r`: records this answer or stops (and discards) its recording. Returns whether it is now on.
    pub fn toggle(&mut self, timer: &Timer, now: Instant) -> bool {
        self.on = !self.on;
        if self.on {
            self.follow(timer, now);
        } else {
            self.recorder = None;
        }
        self.on
    }

    /// The finished answer's recording, once the clock has finished: keep it with the attempt
    /// ([`crate::recordings::Recordings::keep`]) or drop it to discard.
    pub fn take_recording(&mut self) -> Option<PendingRecording> {
        self.finished.take()
    }

    /// Why nothing is being recorded, the first time a reason comes up; `None` after that until it changes.
    pub fn take_problem(&mut self) -> Option<String> {
        let state = self.watched.as_ref()?.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let RecorderState::Failed(problem) = state else { return None };
        if self.said.as_ref() == Some(&problem) {
            return None;
        }
        self.said = Some(problem.clone());
        Some(problem)
    }
}
