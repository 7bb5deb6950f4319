//! Syllable nuclei, after de Jong & Wempe (2009, "Praat script to detect syllable nuclei and measure speech rate
//! automatically"): a syllable's vowel is a peak of intensity. Here the intensity is the vowel band's (300 Hz to
//! 2 kHz, where vowels are loud and most consonants are not), and their rules become:
//! - a peak counts only inside speech and within [`BELOW_LOUDEST_DB`] of the answer's loud vowels (their
//!   threshold of 25 dB under the 99th percentile) and [`OVER_FLOOR_DB`] over the band's noise floor;
//! - two peaks are two syllables only when the intensity dips at least [`MIN_DIP_DB`] between them, seen from
//!   each (their 2 dB dip; their rule looks only at the dip after a peak, which on the espeak-ng corpus counted
//!   13% too many); otherwise they are one, at the higher;
//! - the peak must be voiced (their pitch check): without a pitch tracker, the normalised autocorrelation of the
//!   signal below 1 kHz must reach [`MIN_VOICING`] at a lag of a voice's period (2.5 to 12.5 ms, 80 to 400 Hz).

use super::frames::{DECIMATE, FRAME_SECS, HOP, percentile, rolling_min};
use super::lanes::dot8;

pub const BELOW_LOUDEST_DB: f32 = 25.0;
pub const OVER_FLOOR_DB: f32 = 6.0;
pub const MIN_DIP_DB: f32 = 2.0;
pub const MIN_VOICING: f32 = 0.45;

/// The voicing check's window: 40 ms of the 4 kHz low-passed signal (a multiple of 8, for `dot8`).
const VOICING_WINDOW: usize = 160;
/// Periods of 2.5 to 12.5 ms at 4 kHz.
const MIN_LAG: usize = 10;
const MAX_LAG: usize = 50;

/// The frames of syllable nuclei, in order, given the vowel-band intensity, the speech spans (frame ranges) and the
/// 4 kHz low-passed signal.
pub fn nuclei(vowel_db: &[f32], speech: &[(usize, usize)], low: &[f32]) -> Vec<usize> {
    let in_speech = || speech.iter().flat_map(|&(a, b)| a..b);
    let Some(loudest) = percentile(in_speech().map(|i| vowel_db[i]), 0.99) else { return Vec::new() };
    let floor = rolling_min(vowel_db, (super::activity::FLOOR_REACH_SECS / FRAME_SECS) as usize);
    let mut found = Vec::new();
    for &(start, end) in speech {
        let threshold = |i: usize| (loudest - BELOW_LOUDEST_DB).max(floor[i] + OVER_FLOOR_DB);
        // The current candidate: the highest peak since the last deep enough dip.
        let mut current: Option<usize> = None;
        let mut dip = f32::MAX;
        for i in start..end {
            let v = vowel_db[i];
            let is_peak = i > start && i + 1 < end && v > vowel_db[i - 1] && v >= vowel_db[i + 1] && v >= threshold(i);
            if !is_peak {
                dip = dip.min(v);
                continue;
            }
            match current {
                Some(c) if vowel_db[c] - dip >= MIN_DIP_DB && v - dip >= MIN_DIP_DB => {
                    found.push(c);
                    (current, dip) = (Some(i), f32::MAX);
                }
                // One syllable: the lower peak is part of it, and the dip to the next is measured from the higher.
                Some(c) if vowel_db[c] >= v => dip = dip.min(v),
                _ => (current, dip) = (Some(i), f32::MAX),
            }
        }
        found.extend(current);
    }
    found.retain(|&frame| voiced(low, frame));
    found
}

/// Whether the signal around `frame` is periodic at a voice's pitch.
fn voiced(low: &[f32], frame: usize) -> bool {
    let centre = (frame * HOP + HOP / 2) / DECIMATE;
    let Some(start) = centre.checked_sub(VOICING_WINDOW / 2) else { return false };
    if start + VOICING_WINDOW + MAX_LAG > low.len() {
        return false;
    }
    let x = &low[start..start + VOICING_WINDOW];
    let energy = |s: &[f32]| dot8(s, s);
    let e0 = energy(x);
    if e0 <= 0.0 {
        return false;
    }
    let mut best = 0.0f32;
    for lag in MIN_LAG..=MAX_LAG {
        let y = &low[start + lag..start + lag + VOICING_WINDOW];
        let cross = dot8(x, y);
        let e1 = energy(y);
        if e1 > 0.0 {
            best = best.max(cross / (e0 * e1).sqrt());
        }
    }
    best >= MIN_VOICING
}
