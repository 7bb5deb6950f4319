//! The analysis in words, for the Review screen, the one-attempt view and `star-coach analyze`.

use std::fmt;

use serde::Deserialize;
use serde::de::Error as _;

use super::{Pause, VoiceSummary};
use crate::model::{Phase, PhaseSpan};
use crate::practice::format_secs;

/// Pauses at least this long are named one by one in the review, and counted as long in the history.
pub const LONG_PAUSE_SECS: f64 = 2.0;

/// The pace an answer should land in, in words a minute (`[voice] pace_wpm`; a common range for clear interview
/// speech by default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaceRange {
    pub min_wpm: f64,
    pub max_wpm: f64,
}

impl Default for PaceRange {
    fn default() -> PaceRange {
        PaceRange { min_wpm: 130.0, max_wpm: 170.0 }
    }
}

impl PaceRange {
    pub fn verdict(&self, wpm: f64) -> PaceVerdict {
        if wpm < self.min_wpm {
            PaceVerdict::Slow
        } else if wpm > self.max_wpm {
            PaceVerdict::Fast
        } else {
            PaceVerdict::OnPace
        }
    }
}

impl fmt::Display for PaceRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.0}–{:.0}", self.min_wpm, self.max_wpm)
    }
}

/// `pace_wpm = [130, 170]`: two rates between 60 and 300, the first lower.
impl<'de> Deserialize<'de> for PaceRange {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<PaceRange, D::Error> {
        let [min_wpm, max_wpm] = <[f64; 2]>::deserialize(deserializer)?;
        if !(60.0..=300.0).contains(&min_wpm) || !(60.0..=300.0).contains(&max_wpm) {
            return Err(D::Error::custom(format!(
                "pace_wpm must be two rates between 60 and 300, not [{min_wpm}, {max_wpm}]"
            )));
        }
        if min_wpm >= max_wpm {
            return Err(D::Error::custom(format!(
                "pace_wpm's first rate must be less than its second, not [{min_wpm}, {max_wpm}]"
            )));
        }
        Ok(PaceRange { min_wpm, max_wpm })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaceVerdict {
    Slow,
    OnPace,
    Fast,
}

impl PaceVerdict {
    pub fn word(self) -> &'static str {
        match self {
            PaceVerdict::Slow => "slow",
            PaceVerdict::OnPace => "on pace",
            PaceVerdict::Fast => "fast",
        }
    }
}

/// The phase a moment of the recording fell in, given the attempt's marks; the last phase runs to the end.
pub fn phase_at(phases: &[PhaseSpan], secs: f64) -> Option<Phase> {
    let mut end = 0.0;
    for span in phases {
        end += span.secs;
        if secs < end {
            return Some(span.phase);
        }
    }
    phases.last().map(|p| p.phase)
}

/// Where each phase after the first starts on a strip of `width` columns spanning `duration_secs`: the columns to
/// mark on the loudness strip (and on playback's position line, which spans the same recording).
pub fn mark_columns(phases: &[PhaseSpan], duration_secs: f64, width: usize) -> Vec<usize> {
    if width == 0 || duration_secs <= 0.0 {
        return Vec::new();
    }
    let mut at = 0.0;
    phases
        .iter()
        .take(phases.len().saturating_sub(1))
        .map(|span| {
            at += span.secs;
            ((at / duration_secs * width as f64) as usize).min(width - 1)
        })
        .collect()
}

/// "3.4 s pause in Action at 0:52" (without marks, "3.4 s pause at 0:52").
pub fn pause_line(pause: &Pause, phases: &[PhaseSpan]) -> String {
    let phase = phase_at(phases, pause.at_secs).map(|p| format!(" in {p}")).unwrap_or_default();
    format!("{:.1} s pause{phase} at {}", pause.secs, format_secs(pause.at_secs))
}

/// "Pace 148 words a minute (172 while speaking): on pace (130–170)", or why there is none.
pub fn pace_line(voice: &VoiceSummary, range: PaceRange) -> String {
    match voice.pace_wpm {
        Some(wpm) => {
            let verdict = match range.verdict(wpm) {
                PaceVerdict::OnPace => format!("on pace ({range})"),
                PaceVerdict::Slow => format!("slow; aim for {range}"),
                PaceVerdict::Fast => format!("fast; aim for {range}"),
            };
            let speaking = voice.articulation_wpm.map(|a| format!(" ({a:.0} while speaking)")).unwrap_or_default();
            format!("Pace {wpm:.0} words a minute{speaking}: {verdict}")
        }
        None if voice.talk_secs <= 0.0 => "No speech heard in the recording".to_string(),
        None => "Too little speech to judge the pace".to_string(),
    }
}

/// "Talk time 1:32 of 1:45"
pub fn talk_line(voice: &VoiceSummary) -> String {
    format!("Talk time {} of {}", format_secs(voice.talk_secs), format_secs(voice.duration_secs))
}

/// What the Review screen shows of an attempt's recording, line by line: talk time, pace with its verdict, each
/// pause of [`LONG_PAUSE_SECS`] or more with its phase and time, and a trailing-off ending.
pub fn lines(voice: &VoiceSummary, phases: &[PhaseSpan], range: PaceRange) -> Vec<String> {
    let mut lines = vec![talk_line(voice), pace_line(voice, range)];
    if voice.talk_secs <= 0.0 {
        lines.truncate(1);
        lines.push("No speech heard in the recording".into());
        return lines;
    }
    lines.extend(voice.pauses_of_at_least(LONG_PAUSE_SECS).map(|p| pause_line(p, phases)));
    if voice.trailing_off {
        lines.push("Trailing off: the last words were much quieter than the rest".into());
    }
    lines
}

/// One phase's figures in a line, names and times aligned from phase to phase: "Action     0:48 talk  152 wpm
/// 1 pause".
pub fn phase_line(phase: &super::PhaseSummary) -> String {
    let pace = phase.pace_wpm.map_or_else(|| "  — wpm".to_string(), |w| format!("{w:>3.0} wpm"));
    let pauses = match phase.pauses {
        1 => "1 pause".to_string(),
        n => format!("{n} pauses"),
    };
    format!("{:<9} {:>5} talk  {pace}  {pauses}", phase.phase.name(), format_secs(phase.talk_secs))
}
