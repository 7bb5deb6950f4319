//! One pass over the samples: band energies every 10 ms, and a low-passed copy at 4 kHz for the voicing check.
//!
//! A half-band filter splits the 16 kHz signal at 4 kHz: above is the hiss band, below is decimated to 8 kHz,
//! where the recursive filters for the speech and vowel bands run at half the cost (a 2-minute answer is then
//! analysed well within a frame's worth of time on a slow core).

use std::f64::consts::PI;

use super::SAMPLE_RATE;
use super::filter::Biquad;
use super::lanes::F32x4;

/// Frame hop: 10 ms.
pub const HOP: usize = SAMPLE_RATE as usize / 100;
pub const FRAME_SECS: f64 = HOP as f64 / SAMPLE_RATE as f64;
/// The low-passed copy keeps every 4th sample.
pub const DECIMATE: usize = 4;
/// Below any real recording's noise (16-bit dither is near -101 dB): digital silence reads as this, not -inf.
pub const SILENT_DB: f32 = -120.0;
/// The half-band filter's reach, in samples either side; its odd taps only are non-zero.
const HALF_BAND_REACH: usize = 15;

pub struct Frames {
    /// Speech-band (120 Hz to 4 kHz) energy over 20 ms, in dB, one value per hop.
    pub speech_db: Vec<f32>,
    /// Hiss-band (above 4 kHz) energy over 20 ms, in dB: fricatives ("s", "f") that the speech band barely sees.
    pub hiss_db: Vec<f32>,
    /// Vowel-band (300 Hz to 2 kHz) energy smoothed over about 50 ms, in dB: where syllable nuclei show as peaks.
    pub vowel_db: Vec<f32>,
    /// The speech band below 1 kHz at 4 kHz: enough to see a voice's periodicity.
    pub low: Vec<f32>,
}

/// The odd taps (1, 3, … [`HALF_BAND_REACH`]) of a Blackman-windowed half-band low-pass; the centre tap is 0.5.
fn half_band_taps() -> [f32; HALF_BAND_REACH.div_ceil(2)] {
    let mut taps = [0.0; HALF_BAND_REACH.div_ceil(2)];
    for (i, tap) in taps.iter_mut().enumerate() {
        let k = (2 * i + 1) as f64;
        let w = k / (HALF_BAND_REACH + 1) as f64;
        let blackman = 0.42 + 0.5 * (PI * w).cos() + 0.08 * (2.0 * PI * w).cos();
        *tap = ((PI * k / 2.0).sin() / (PI * k) * blackman) as f32;
    }
    // Unity gain at 0 Hz: 0.5 + 2 × the odd taps.
    let sum: f32 = taps.iter().sum();
    taps.map(|t| t * 0.25 / sum)
}

// The vowel band's high and low pass filters are named for which they are.
#[allow(clippy::similar_names)]
pub fn measure(samples: &[f32]) -> Frames {
    let rate = SAMPLE_RATE as f32 / 2.0;
    let mut hp = Biquad::high_pass(120.0, rate);
    let (mut vowel_hp, mut vowel_lp) = (Biquad::high_pass(300.0, rate), Biquad::low_pass(2_000.0, rate));
    let (mut low1, mut low2) = (Biquad::low_pass(1_000.0, rate), Biquad::low_pass(1_000.0, rate));
    let taps = half_band_taps();
    let mut padded = vec![0.0f32; samples.len() + 2 * HALF_BAND_REACH];
    padded[HALF_BAND_REACH..HALF_BAND_REACH + samples.len()].copy_from_slice(samples);
    let hops = samples.len() / HOP;
    let mut speech_energy = Vec::with_capacity(hops);
    let mut hiss_energy = Vec::with_capacity(hops);
    let mut vowel_energy = Vec::with_capacity(hops);
    let mut low = Vec::with_capacity(samples.len() / DECIMATE + 1);
    let mut below = [0.0f32; HOP];
    // Recursive filters fed digital silence decay into subnormal floats, which cost a hundred times more to
    // compute; a dither far below anything measured (-200 dB) keeps them normal.
    let mut dither = 0x9E37_79B9u32;
    for hop in 0..hops {
        let window = &padded[hop * HOP..hop * HOP + HOP + 2 * HALF_BAND_REACH];
        let centre = &window[HALF_BAND_REACH..HALF_BAND_REACH + HOP];
        // Four samples at a time (`lanes`): the half-band's low output, and what it leaves above 4 kHz squared.
        let mut hiss = F32x4::splat(0.0);
        for (i, out) in (0..HOP).step_by(4).zip(below.chunks_exact_mut(4)) {
            let x = F32x4::load(&centre[i..]);
            let mut low = F32x4::splat(0.5).mul(x);
            for (j, &t) in taps.iter().enumerate() {
                let k = 2 * j + 1;
                let pair = F32x4::load(&window[HALF_BAND_REACH - k + i..])
                    .add(F32x4::load(&window[HALF_BAND_REACH + k + i..]));
                low = low.add(F32x4::splat(t).mul(pair));
            }
            let high = x.sub(low);
            hiss = hiss.add(high.mul(high));
            out.copy_from_slice(&low.to_array());
        }
        let hiss: f32 = hiss.to_array().iter().sum();
        let (mut speech, mut vowel) = (0.0f32, 0.0f32);
        for (i, &x) in below.iter().step_by(2).enumerate() {
            dither = dither.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let x = x + (dither >> 8) as f32 * (1e-10 / (1u32 << 24) as f32) - 0.5e-10;
            let band = hp.run(x);
            speech += band * band;
            let v = vowel_lp.run(vowel_hp.run(band));
            vowel += v * v;
            let l = low2.run(low1.run(band));
            if i % 2 == 0 {
                low.push(l);
            }
        }
        let half = (HOP / 2) as f32;
        speech_energy.push(speech / half);
        hiss_energy.push(hiss / HOP as f32);
        vowel_energy.push(vowel / half);
    }
    let over_20ms = |energy: &[f32]| -> Vec<f32> {
        (0..energy.len()).map(|i| db(energy[i].midpoint(energy[i.saturating_sub(1)]))).collect()
    };
    let (speech_db, hiss_db) = (over_20ms(&speech_energy), over_20ms(&hiss_energy));
    // A Hann window over five hops.
    const WEIGHTS: [f32; 5] = [0.25, 0.75, 1.0, 0.75, 0.25];
    let vowel_db = (0..vowel_energy.len())
        .map(|i| {
            let (mut sum, mut weight) = (0.0, 0.0);
            for (k, w) in WEIGHTS.iter().enumerate() {
                if let Some(e) = (i + k).checked_sub(2).and_then(|j| vowel_energy.get(j)) {
                    sum += w * e;
                    weight += w;
                }
            }
            db(sum / weight)
        })
        .collect();
    Frames { speech_db, hiss_db, vowel_db, low }
}

pub fn db(power: f32) -> f32 {
    if power > 0.0 { (10.0 * power.log10()).max(SILENT_DB) } else { SILENT_DB }
}

/// The minimum of `values` over a window of `reach` frames each side, for every frame, in O(n).
pub fn rolling_min(values: &[f32], reach: usize) -> Vec<f32> {
    let mut out = Vec::with_capacity(values.len());
    let mut window = std::collections::VecDeque::new();
    let mut next = 0;
    for i in 0..values.len() {
        while next < values.len() && next <= i + reach {
            while window.back().is_some_and(|&j: &usize| values[j] >= values[next]) {
                window.pop_back();
            }
            window.push_back(next);
            next += 1;
        }
        while window.front().is_some_and(|&j| j + reach < i) {
            window.pop_front();
        }
        out.push(values[*window.front().expect("the window holds frame i")]);
    }
    out
}

/// The value below which `share` of `values` lie; `None` for no values.
pub fn percentile(values: impl Iterator<Item = f32>, share: f64) -> Option<f32> {
    let mut sorted: Vec<f32> = values.collect();
    if sorted.is_empty() {
        return None;
    }
    let at = ((sorted.len() - 1) as f64 * share).round() as usize;
    let (_, value, _) = sorted.select_nth_unstable_by(at, f32::total_cmp);
    Some(*value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_min_matches_the_slow_way() {
        let values: Vec<f32> = (0..200).map(|i| ((i * 37) % 101) as f32).collect();
        for reach in [0, 1, 5, 300] {
            let slow: Vec<f32> = (0..values.len())
                .map(|i| {
                    values[i.saturating_sub(reach)..(i + reach + 1).min(values.len())]
                        .iter()
                        .copied()
                        .fold(f32::MAX, f32::min)
                })
                .collect();
            assert_eq!(rolling_min(&values, reach), slow, "reach {reach}");
        }
    }

    #[test]
    fn percentiles() {
        let values = (0..=100).map(|i| i as f32);
        assert_eq!(percentile(values.clone(), 0.95), Some(95.0));
        assert_eq!(percentile(values, 0.0), Some(0.0));
        assert_eq!(percentile(std::iter::empty(), 0.5), None);
    }
}
