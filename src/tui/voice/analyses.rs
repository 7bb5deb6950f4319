//! What recordings say, worked out off the UI thread: one short-lived thread per recording, its result sent back
//! with a wake-up for the event loop, and kept here for the screens to draw (the answer under review, and the
//! attempts looked at lately).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::voice::{self, Analysis, wav};

/// How many attempts' analyses are kept, for going back and forth between History and an attempt.
const KEPT: usize = 8;

/// What is known of a recording's analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum Hearing {
    /// On its way from the analysis thread.
    Analysing,
    Heard(Box<Analysis>),
    /// Why there is none, as a sentence.
    Failed(String),
}

impl Hearing {
    pub fn analysis(&self) -> Option<&Analysis> {
        match self {
            Hearing::Heard(analysis) => Some(analysis),
            _ => None,
        }
    }
}

/// Whose recording an analysis is of.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    /// The finished answer's, before it is saved.
    Answer,
    Attempt(String),
}

struct Entry {
    job: u64,
    subject: Subject,
    hearing: Hearing,
    /// The attempt has no `voice` yet: it is to get this one when it arrives.
    attach: bool,
}

/// Reads a recording and analyses it; the error is a sentence. Replaceable in tests.
pub type Analyser = Arc<dyn Fn(File, f64) -> Result<Analysis, String> + Send + Sync>;
/// Called from the analysis thread once its result is ready to collect: wakes the event loop.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

pub struct Analyses {
    entries: Vec<Entry>,
    next_job: u64,
    /// `[voice] pause_secs`.
    pause_secs: f64,
    sender: Sender<(u64, Result<Analysis, String>)>,
    results: Receiver<(u64, Result<Analysis, String>)>,
    waker: Option<Waker>,
    analyser: Analyser,
}

impl Analyses {
    pub fn new(pause_secs: f64) -> Analyses {
        let (sender, results) = mpsc::channel();
        Analyses {
            entries: Vec::new(),
            next_job: 0,
            pause_secs,
            sender,
            results,
            waker: None,
            analyser: Arc::new(analyse_wav),
        }
    }

    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    #[cfg(test)]
    pub fn set_analyser(&mut self, analyser: Analyser) {
        self.analyser = analyser;
    }

    pub fn answer(&self) -> Option<&Hearing> {
        self.find(&Subject::Answer).map(|e| &e.hearing)
    }

    pub fn attempt(&self, id: &str) -> Option<&Hearing> {
        self.find(&Subject::Attempt(id.to_string())).map(|e| &e.hearing)
    }

    /// Starts on the finished answer's recording, in place of any answer before it.
    pub fn start_answer(&mut self, path: &Path) {
        self.forget_answer();
        self.start(Subject::Answer, path, false);
    }

    /// Starts on an attempt's recording unless it is analysed or on its way already; `attach` when the attempt
    /// has no `voice` and is to get this one.
    pub fn start_attempt(&mut self, id: &str, path: &Path, attach: bool) {
        let subject = Subject::Attempt(id.to_string());
        if self.find(&subject).is_some_and(|e| !matches!(e.hearing, Hearing::Failed(_))) {
            return;
        }
        self.entries.retain(|e| e.subject != subject);
        self.start(subject, path, attach);
    }

    /// The answer was discarded: its analysis, done or not, is of nothing now.
    pub fn forget_answer(&mut self) {
        self.entries.retain(|e| e.subject != Subject::Answer);
    }

    /// The answer was saved as attempt `id`: its analysis is that attempt's now. Returns it when it is here
    /// already; otherwise the attempt gets it when it arrives.
    pub fn answer_kept(&mut self, id: &str) -> Option<&Analysis> {
        let entry = self.entries.iter_mut().find(|e| e.subject == Subject::Answer)?;
        entry.subject = Subject::Attempt(id.to_string());
        entry.attach = matches!(entry.hearing, Hearing::Analysing);
        entry.hearing.analysis()
    }

    /// Takes the results the analysis threads have sent; returns the attempts that are to get theirs now.
    pub fn collect(&mut self) -> Vec<String> {
        let mut attach = Vec::new();
        while let Ok((job, result)) = self.results.try_recv() {
            self.settle(job, result, &mut attach);
        }
        attach
    }

    /// At quit: waits up to `limit` for the analyses attempts are waiting for, then takes every result in.
    pub fn wait_for_attempts(&mut self, limit: Duration) -> Vec<String> {
        let deadline = Instant::now() + limit;
        let mut attach = Vec::new();
        while self.entries.iter().any(|e| e.attach && e.hearing == Hearing::Analysing) {
            let Ok((job, result)) = self.results.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            else {
                break;
            };
            self.settle(job, result, &mut attach);
        }
        attach.extend(self.collect());
        attach
    }

    fn settle(&mut self, job: u64, result: Result<Analysis, String>, attach: &mut Vec<String>) {
        // A result for an answer discarded since, or an entry pushed out, has no one to go to.
        let Some(entry) = self.entries.iter_mut().find(|e| e.job == job) else { return };
        entry.hearing = match result {
            Ok(analysis) => Hearing::Heard(Box::new(analysis)),
            Err(why) => Hearing::Failed(why),
        };
        if let (Subject::Attempt(id), true, Hearing::Heard(_)) = (&entry.subject, entry.attach, &entry.hearing) {
            attach.push(id.clone());
        }
        entry.attach = false;
    }

    fn find(&self, subject: &Subject) -> Option<&Entry> {
        self.entries.iter().find(|e| &e.subject == subject)
    }

    fn start(&mut self, subject: Subject, path: &Path, attach: bool) {
        let job = self.next_job;
        self.next_job += 1;
        // Opened here, so the thread reads the file even if it is renamed into place (saved) or deleted
        // (discarded) before the thread gets to it.
        let hearing = match File::open(path) {
            Ok(file) => self.spawn(job, file),
            Err(e) => Hearing::Failed(format!("The recording could not be read for analysis: {e}.")),
        };
        self.entries.push(Entry { job, subject, hearing, attach });
        self.forget_oldest();
    }

    fn spawn(&self, job: u64, file: File) -> Hearing {
        let (analyser, sender, waker, pause_secs) =
            (Arc::clone(&self.analyser), self.sender.clone(), self.waker.clone(), self.pause_secs);
        let spawned = std::thread::Builder::new().name("analysis".into()).spawn(move || {
            let _ = sender.send((job, analyser(file, pause_secs)));
            if let Some(wake) = waker {
                wake();
            }
        });
        match spawned {
            Ok(_) => Hearing::Analysing,
            Err(e) => Hearing::Failed(format!("The recording could not be analysed: {e}.")),
        }
    }

    /// Keeps the answer's, those on their way to an attempt, and the latest few.
    fn forget_oldest(&mut self) {
        while self.entries.len() > KEPT {
            let Some(oldest) = self.entries.iter().position(|e| e.subject != Subject::Answer && !e.attach) else {
                return;
            };
            self.entries.remove(oldest);
        }
    }
}

fn analyse_wav(file: File, pause_secs: f64) -> Result<Analysis, String> {
    let audio = wav::from_reader(BufReader::new(file)).map_err(|why| format!("The recording {why}."))?;
    Ok(voice::analyze(&audio.samples, pause_secs))
}
