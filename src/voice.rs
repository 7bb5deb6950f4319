//! What a recorded answer says: how long the user spoke, where they stopped, how fast they talked, phase by phase.
//!
//! Samples in, figures out: no device, no terminal, no model. [`wav::read`] brings any PCM or float WAV to 16 kHz
//! mono; [`analyze`] finds the speech (voice activity against an adaptive noise floor), counts syllable nuclei
//! (after de Jong & Wempe, 2009) and derives the rest. [`Analysis::summary`] is what an attempt keeps (`"voice"`
//! in the data file), [`review`] the lines the Review screen shows, [`Analysis::envelope_columns`] the loudness
//! strip. A 2-minute answer takes 14–18 ms: run it off the UI thread.

// Signal processing: sample and frame indices come from seconds × rate, clamped non-negative and far below the
// target type's limit before each cast; samples go to f32, whose precision they never needed more of.
#![allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]

mod activity;
mod filter;
mod frames;
mod lanes;
mod nuclei;
mod resample;
pub mod review;
mod summary;
#[cfg(test)]
mod tests;
pub mod wav;

use serde::{Deserialize, Serialize};

use crate::model::{Phase, PhaseSpan};
use frames::{FRAME_SECS, percentile};
pub use review::{PaceRange, PaceVerdict};
pub use summary::{PhaseSummary, VoiceSummary};

/// The rate analysis runs at (and the recorder records at).
pub const SAMPLE_RATE: u32 = 16_000;
/// Spoken English averages about 1.4 syllables a word (conversation runs 1.3–1.5; written text about 1.5). Pace
/// is syllables counted divided by this.
pub const SYLLABLES_PER_WORD: f64 = 1.4;
/// The default `[voice] pause_secs`: a silence between words at least this long is a pause.
pub const DEFAULT_PAUSE_SECS: f64 = 1.0;
/// With less speech than this a pace would be a guess, so none is given.
pub const MIN_PACE_TALK_SECS: f64 = 2.0;
/// Envelope values a second: fine enough for a strip of any terminal width for an answer of a minute or more.
pub const ENVELOPE_PER_SEC: usize = 10;
/// The envelope spans this many dB below the loudest speech.
const ENVELOPE_RANGE_DB: f32 = 50.0;
/// The last stretch of speech compared with the rest for a trailing-off ending.
pub const ENDING_SECS: f64 = 3.0;
/// The ending is trailing off when it is this much quieter than the answer's median speech.
pub const TRAILING_OFF_DB: f64 = 6.0;
/// Below this much speech there is no "rest" to compare an ending with.
pub const MIN_TRAILING_TALK_SECS: f64 = 10.0;

/// How many recorded answers make the user's own pace trustworthy enough to replace the default rate.
pub const OWN_PACE_MIN_ANSWERS: usize = 3;

/// The user's own speaking pace: the median over their recorded answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OwnPace {
    pub words_per_minute: f64,
    pub answers: usize,
}

/// A stretch of speech, in seconds from the start of the recording.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Span {
    pub start_secs: f64,
    pub end_secs: f64,
}

impl Span {
    pub fn secs(&self) -> f64 {
        self.end_secs - self.start_secs
    }
}

/// A silence between words of at least the configured length.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    /// Where the silence starts, in seconds from the start of the recording.
    pub at_secs: f64,
    pub secs: f64,
}

/// Everything measured on one recording.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub duration_secs: f64,
    /// Where the speech is, in order.
    pub speech: Vec<Span>,
    /// Time with speech: the spans added up.
    pub talk_secs: f64,
    /// Silence before the first word (all of it when there is no speech) and after the last; neither is a pause.
    pub lead_secs: f64,
    pub trail_secs: f64,
    /// The threshold the pauses were found with.
    pub pause_secs: f64,
    /// Silences of at least `pause_secs` between words, in order.
    pub pauses: Vec<Pause>,
    /// When each syllable nucleus peaks, in seconds.
    pub nuclei: Vec<f64>,
    /// Words a minute from the first word to the last, pauses included; `None` with too little speech.
    pub pace_wpm: Option<f64>,
    /// Words a minute of speaking time only.
    pub articulation_wpm: Option<f64>,
    /// Loudness, [`ENVELOPE_PER_SEC`] values a second, each 0.0 (the floor) to 1.0 (the loudest speech).
    pub envelope: Vec<f32>,
    /// How much quieter the last [`ENDING_SECS`] of speech are than the answer's median speech, in dB.
    pub ending_drop_db: Option<f64>,
}

/// One phase of an attempt, as heard.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseVoice {
    pub phase: Phase,
    pub start_secs: f64,
    pub end_secs: f64,
    pub talk_secs: f64,
    /// The pauses that start in this phase.
    pub pauses: Vec<Pause>,
    pub pace_wpm: Option<f64>,
}

/// Analyses 16 kHz mono samples; pauses are silences of at least `pause_secs`.
pub fn analyze(samples: &[f32], pause_secs: f64) -> Analysis {
    let duration_secs = samples.len() as f64 / f64::from(SAMPLE_RATE);
    let measured = frames::measure(samples);
    let speech_frames = activity::speech_frames(&measured.speech_db, &measured.hiss_db);
    let nuclei: Vec<f64> = nuclei::nuclei(&measured.vowel_db, &speech_frames, &measured.low)
        .into_iter()
        .map(|frame| (frame as f64 + 0.5) * FRAME_SECS)
        .collect();
    let speech: Vec<Span> = speech_frames
        .iter()
        .map(|&(a, b)| Span { start_secs: a as f64 * FRAME_SECS, end_secs: (b as f64 * FRAME_SECS).min(duration_secs) })
        .collect();
    let talk_secs = talk(&speech);
    let pauses = speech
        .windows(2)
        .map(|w| Pause { at_secs: w[0].end_secs, secs: w[1].start_secs - w[0].end_secs })
        .filter(|p| p.secs >= pause_secs)
        .collect();
    let (lead_secs, trail_secs) = match (speech.first(), speech.last()) {
        (Some(first), Some(last)) => (first.start_secs, duration_secs - last.end_secs),
        _ => (duration_secs, 0.0),
    };
    let (pace_wpm, articulation_wpm) = rates(&speech, nuclei.len());
    Analysis {
        duration_secs,
        talk_secs,
        lead_secs,
        trail_secs,
        pause_secs,
        pauses,
        pace_wpm,
        articulation_wpm,
        envelope: envelope(&measured.speech_db, &speech_frames),
        ending_drop_db: ending_drop(&measured.speech_db, &speech_frames),
        speech,
        nuclei,
    }
}

/// Reads and analyses a WAV file.
pub fn analyze_file(path: &std::path::Path, pause_secs: f64) -> Result<(Analysis, wav::Format), wav::WavError> {
    let audio = wav::read(path)?;
    Ok((analyze(&audio.samples, pause_secs), audio.source))
}

/// Speaking time; from +0.0, as an empty f64 sum is -0.0, which prints as "-0".
fn talk(speech: &[Span]) -> f64 {
    speech.iter().fold(0.0, |sum, s| sum + s.secs())
}

/// Pace over the whole span and over speaking time, from `syllables` counted in `speech`.
fn rates(speech: &[Span], syllables: usize) -> (Option<f64>, Option<f64>) {
    let talk = talk(speech);
    let (Some(first), Some(last)) = (speech.first(), speech.last()) else { return (None, None) };
    if talk < MIN_PACE_TALK_SECS {
        return (None, None);
    }
    let words = syllables as f64 / SYLLABLES_PER_WORD;
    (Some(words * 60.0 / (last.end_secs - first.start_secs)), Some(words * 60.0 / talk))
}

fn envelope(speech_db: &[f32], speech: &[(usize, usize)]) -> Vec<f32> {
    let per_value = (1.0 / (ENVELOPE_PER_SEC as f64 * FRAME_SECS)).round() as usize;
    let loud = speech.iter().flat_map(|&(a, b)| a..b).map(|i| speech_db[i]);
    let all = speech_db.iter().copied();
    let top = percentile(loud, 0.99).or_else(|| percentile(all.clone(), 0.99)).unwrap_or(frames::SILENT_DB);
    let floor = percentile(all, 0.1).unwrap_or(frames::SILENT_DB);
    // Noise alone sits near 0 rather than filling the strip; digital silence does not squash the speech.
    let top = top.max(floor + 30.0);
    let bottom = floor.max(top - ENVELOPE_RANGE_DB);
    speech_db
        .chunks(per_value)
        .map(|chunk| {
            let loudest = chunk.iter().copied().fold(f32::MIN, f32::max);
            ((loudest - bottom) / (top - bottom)).clamp(0.0, 1.0)
        })
        .collect()
}

fn ending_drop(speech_db: &[f32], speech: &[(usize, usize)]) -> Option<f64> {
    let talk_frames: usize = speech.iter().map(|&(a, b)| b - a).sum();
    if (talk_frames as f64) * FRAME_SECS < MIN_TRAILING_TALK_SECS {
        return None;
    }
    let wanted = (ENDING_SECS / FRAME_SECS) as usize;
    let ending = speech.iter().rev().flat_map(|&(a, b)| (a..b).rev()).take(wanted).map(|i| speech_db[i]);
    let all = speech.iter().flat_map(|&(a, b)| a..b).map(|i| speech_db[i]);
    Some(f64::from(percentile(all, 0.5)? - percentile(ending, 0.5)?))
}

impl Analysis {
    /// The longest pause, the first of equals.
    pub fn longest_pause(&self) -> Option<Pause> {
        self.pauses.iter().copied().reduce(|a, b| if b.secs > a.secs { b } else { a })
    }

    /// Whether the answer fades at its end: the last words clearly quieter than the rest.
    pub fn trailing_off(&self) -> bool {
        self.ending_drop_db.is_some_and(|drop| drop >= TRAILING_OFF_DB)
    }

    /// Talk, pauses and pace in each marked phase. Phases follow each other from the start of the recording; the
    /// last runs to its end (the recording and the clock may differ by a fraction of a second).
    pub fn phases(&self, spans: &[PhaseSpan]) -> Vec<PhaseVoice> {
        let mut start = 0.0;
        spans
            .iter()
            .enumerate()
            .map(|(i, span)| {
                let end = if i + 1 == spans.len() { self.duration_secs.max(start) } else { start + span.secs };
                let inside: Vec<Span> = self
                    .speech
                    .iter()
                    .filter_map(|s| {
                        let (a, b) = (s.start_secs.max(start), s.end_secs.min(end));
                        (b > a).then_some(Span { start_secs: a, end_secs: b })
                    })
                    .collect();
                let syllables = self.nuclei.iter().filter(|&&t| t >= start && t < end).count();
                let voice = PhaseVoice {
                    phase: span.phase,
                    start_secs: start,
                    end_secs: end,
                    talk_secs: talk(&inside),
                    pauses: self.pauses.iter().copied().filter(|p| p.at_secs >= start && p.at_secs < end).collect(),
                    pace_wpm: rates(&inside, syllables).0,
                };
                start = end;
                voice
            })
            .collect()
    }

    /// The envelope squeezed (or stretched) to `width` columns, each the loudest value it covers.
    pub fn envelope_columns(&self, width: usize) -> Vec<f32> {
        let n = self.envelope.len();
        if n == 0 {
            return vec![0.0; width];
        }
        (0..width)
            .map(|c| {
                let a = c * n / width;
                let b = ((c + 1) * n / width).max(a + 1).min(n);
                self.envelope[a.min(n - 1)..b].iter().copied().fold(0.0, f32::max)
            })
            .collect()
    }
}
