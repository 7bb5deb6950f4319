//! What an attempt keeps of its analysis: the figures, rounded, without the envelope (it is redrawn from the
//! recording). Saved as the attempt's `"voice"`, so `history --json` and exports carry it.

use serde::{Deserialize, Serialize};

use super::{Analysis, Pause};
use crate::model::{Phase, PhaseSpan};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceSummary {
    pub duration_secs: f64,
    pub talk_secs: f64,
    /// Silence before the first word and after the last.
    pub lead_secs: f64,
    pub trail_secs: f64,
    /// The pause threshold (`[voice] pause_secs`) the pauses were found with.
    pub pause_secs: f64,
    pub pauses: Vec<Pause>,
    pub longest_pause: Option<Pause>,
    pub pace_wpm: Option<f64>,
    pub articulation_wpm: Option<f64>,
    pub syllables: usize,
    pub trailing_off: bool,
    /// One entry per marked phase, in order; empty when the attempt has no marks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<PhaseSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseSummary {
    pub phase: Phase,
    pub talk_secs: f64,
    /// How many pauses start in this phase.
    pub pauses: usize,
    pub pace_wpm: Option<f64>,
}

/// Seconds to the hundredth, rates to the whole word a minute: finer would be noise.
fn secs(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn wpm(x: Option<f64>) -> Option<f64> {
    x.map(f64::round)
}

fn pause(p: Pause) -> Pause {
    Pause { at_secs: secs(p.at_secs), secs: secs(p.secs) }
}

/// The fastest pace accepted from a file: past any human speech, so a larger number is damage.
const MAX_WPM: f64 = 1_000.0;
/// Ten hours: past any recording an attempt could have.
const MAX_SECS: f64 = 36_000.0;

impl Analysis {
    /// The figures an attempt keeps; `phases` are its marks (may be empty).
    pub fn summary(&self, phases: &[PhaseSpan]) -> VoiceSummary {
        VoiceSummary {
            duration_secs: secs(self.duration_secs),
            talk_secs: secs(self.talk_secs),
            lead_secs: secs(self.lead_secs),
            trail_secs: secs(self.trail_secs),
            pause_secs: secs(self.pause_secs),
            pauses: self.pauses.iter().copied().map(pause).collect(),
            longest_pause: self.longest_pause().map(pause),
            pace_wpm: wpm(self.pace_wpm),
            articulation_wpm: wpm(self.articulation_wpm),
            syllables: self.nuclei.len(),
            trailing_off: self.trailing_off(),
            phases: self
                .phases(phases)
                .into_iter()
                .map(|p| PhaseSummary {
                    phase: p.phase,
                    talk_secs: secs(p.talk_secs),
                    pauses: p.pauses.len(),
                    pace_wpm: wpm(p.pace_wpm),
                })
                .collect(),
        }
    }
}

impl VoiceSummary {
    /// Checks what a file says is physically possible; the phrase says what is not.
    pub fn check(&self) -> Result<(), String> {
        let time = |x: f64| x.is_finite() && (0.0..=MAX_SECS).contains(&x);
        let rate = |x: Option<f64>| x.is_none_or(|x| x.is_finite() && (0.0..=MAX_WPM).contains(&x));
        let slack = 0.02; // rounding
        if ![self.duration_secs, self.talk_secs, self.lead_secs, self.trail_secs, self.pause_secs].into_iter().all(time)
        {
            return Err("a voice analysis with a negative or impossible time".into());
        }
        if self.talk_secs + self.lead_secs + self.trail_secs > self.duration_secs + slack * 3.0 {
            return Err("a voice analysis with more talk and silence than recording".into());
        }
        let pause_ok = |p: &Pause| time(p.at_secs) && time(p.secs) && p.at_secs + p.secs <= self.duration_secs + slack;
        if !self.pauses.iter().chain(&self.longest_pause).all(pause_ok) {
            return Err("a voice analysis with a pause outside its recording".into());
        }
        if !rate(self.pace_wpm) || !rate(self.articulation_wpm) || !self.phases.iter().all(|p| rate(p.pace_wpm)) {
            return Err("a voice analysis with an impossible pace".into());
        }
        if !self.phases.iter().all(|p| time(p.talk_secs) && p.talk_secs <= self.duration_secs + slack) {
            return Err("a voice analysis with a phase longer than its recording".into());
        }
        Ok(())
    }

    /// Pauses of at least `secs` (the review's long pauses).
    pub fn pauses_of_at_least(&self, secs: f64) -> impl Iterator<Item = &Pause> {
        self.pauses.iter().filter(move |p| p.secs >= secs)
    }
}
