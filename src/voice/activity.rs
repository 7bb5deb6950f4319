//! Voice activity: where the speech is, from band energies every 10 ms against a noise floor that follows the
//! recording (a quiet room, a fan that speeds up, a laptop microphone at low gain).
//!
//! A frame starts speech when the speech band (120 Hz to 4 kHz) stands [`ONSET_DB`] over its floor (the lowest
//! 50 ms within [`FLOOR_REACH_SECS`] either side) and, so that a quiet floor does not make every breath speech,
//! within [`ONSET_BELOW_LEVEL_DB`] of the recording's loud speech. Speech then runs on, both ways, while the speech
//! band or the hiss band above 4 kHz (an "s" or an "f" the speech band hardly sees) stays [`HOLD_DB`] over its own
//! floor, so a soft ending is kept; gaps shorter than [`HANGOVER_SECS`] inside it (a stop consonant's closure, the
//! join of two words) are not breaks.

use super::frames::{FRAME_SECS, percentile, rolling_min};

/// The floor is the lowest 50 ms energy within this distance: long enough to reach a quiet moment between words,
/// short enough to follow a fan that speeds up (a 4 s reach lagged one by 3 dB and heard it as speech).
pub const FLOOR_REACH_SECS: f64 = 2.0;
pub const ONSET_DB: f32 = 10.0;
pub const HOLD_DB: f32 = 3.0;
/// Loud speech is the 95th percentile of frame energies; speech starts at most this far below it.
pub const ONSET_BELOW_LEVEL_DB: f32 = 35.0;
/// And continues at most this far below it.
pub const HOLD_BELOW_LEVEL_DB: f32 = 45.0;
/// Silence shorter than this inside speech is part of the speech; breaths between sentences (0.2 s and more) are not.
pub const HANGOVER_SECS: f64 = 0.2;
/// A burst shorter than this on its own (a click, a knock) is not speech.
pub const MIN_SPEECH_SECS: f64 = 0.06;

/// Speech as frame ranges `start..end`, in order, not touching.
pub fn speech_frames(speech_db: &[f32], hiss_db: &[f32]) -> Vec<(usize, usize)> {
    if speech_db.is_empty() {
        return Vec::new();
    }
    let (floor, level) = (floor_of(speech_db), percentile(speech_db.iter().copied(), 0.95).expect("frames exist"));
    let hiss_floor = floor_of(hiss_db);
    let onset = |i: usize| speech_db[i] >= (floor[i] + ONSET_DB).max(level - ONSET_BELOW_LEVEL_DB);
    // Both bands are held against the loud speech's level: a fricative is within it, a filter's leakage is not.
    let holds = |i: usize, db: &[f32], floor: &[f32]| db[i] >= (floor[i] + HOLD_DB).max(level - HOLD_BELOW_LEVEL_DB);
    let hold = |i: usize| holds(i, speech_db, &floor) || holds(i, hiss_db, &hiss_floor);

    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < speech_db.len() {
        if !onset(i) {
            i += 1;
            continue;
        }
        let mut start = i;
        let floor_start = spans.last().map_or(0, |s| s.1);
        while start > floor_start && hold(start - 1) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < speech_db.len() && hold(end) {
            end += 1;
        }
        spans.push((start, end));
        i = end;
    }

    let hangover = (HANGOVER_SECS / FRAME_SECS).round() as usize;
    let mut joined: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for span in spans {
        match joined.last_mut() {
            Some(last) if span.0 - last.1 < hangover => last.1 = span.1,
            _ => joined.push(span),
        }
    }
    let shortest = (MIN_SPEECH_SECS / FRAME_SECS).round() as usize;
    joined.retain(|s| s.1 - s.0 >= shortest);
    joined
}

/// A band's noise floor, frame by frame.
fn floor_of(db: &[f32]) -> Vec<f32> {
    rolling_min(&smooth_power(db, 2), (FLOOR_REACH_SECS / FRAME_SECS) as usize)
}

/// The mean power of each frame and `reach` frames either side, in dB.
fn smooth_power(db: &[f32], reach: usize) -> Vec<f32> {
    let power: Vec<f64> = db.iter().map(|&d| 10f64.powf(f64::from(d) / 10.0)).collect();
    let mut prefix = Vec::with_capacity(power.len() + 1);
    prefix.push(0.0);
    for p in &power {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + p);
    }
    (0..db.len())
        .map(|i| {
            let (a, b) = (i.saturating_sub(reach), (i + reach + 1).min(db.len()));
            super::frames::db(((prefix[b] - prefix[a]) / (b - a) as f64) as f32)
        })
        .collect()
}
