//! Sample-rate conversion to 16 kHz: a windowed-sinc interpolator fed in blocks, so a long file is never held at
//! its own rate. Analysis measures energy below 4 kHz, so a short Blackman-windowed kernel (8 zero crossings each
//! side, cut at 90% of the lower Nyquist frequency) is ample; a resampling crate would bring an FFT stack for this.

use std::f64::consts::PI;

use super::lanes::dot8;

/// Kernel values per input sample; the nearest is used, which keeps the error far below what energy measures see.
const PHASES: usize = 256;
const ZERO_CROSSINGS: f64 = 8.0;

pub struct Resampler {
    /// Input samples per output sample.
    step: f64,
    /// Half the kernel's width, in input samples.
    half: usize,
    table: Vec<f32>,
    pending: Vec<f32>,
    /// The absolute index of `pending[0]` in the input.
    base: u64,
    /// The next output sample's index.
    next: u64,
}

impl Resampler {
    pub fn new(rate_in: u32, rate_out: u32) -> Resampler {
        let step = f64::from(rate_in) / f64::from(rate_out);
        // The cut-off as a share of the input rate's Nyquist frequency.
        let cutoff = 0.9 * f64::from(rate_in.min(rate_out)) / f64::from(rate_in);
        // A multiple of 4, so each output's taps split into lanes of 8 (see `dot8`).
        let half = ((ZERO_CROSSINGS / cutoff).ceil() as usize).next_multiple_of(4);
        // Phase-major: the taps for one phase lie side by side, so each output is one contiguous dot product.
        let taps = 2 * half;
        let table = (0..=PHASES)
            .flat_map(|phase| (0..taps).map(move |k| (phase, k)))
            .map(|(phase, k)| {
                // Tap k reads input sample `whole - half + 1 + k`, at `t` input samples from the output's position.
                let t = (half as f64 - 1.0 - k as f64) + phase as f64 / PHASES as f64;
                let x = cutoff * t;
                let sinc = if x.abs() < 1e-12 { 1.0 } else { (PI * x).sin() / (PI * x) };
                let w = t / half as f64;
                let blackman = 0.42 + 0.5 * (PI * w).cos() + 0.08 * (2.0 * PI * w).cos();
                (cutoff * sinc * blackman) as f32
            })
            .collect();
        // The first output sits on input 0, so the kernel's left half reads zeros before the file starts.
        Resampler { step, half, table, pending: vec![0.0; half], base: 0, next: 0 }
    }

    /// Feeds input samples and appends every output sample they complete.
    pub fn push(&mut self, input: &[f32], out: &mut Vec<f32>) {
        self.pending.extend_from_slice(input);
        self.drain(out);
    }

    /// Ends the input: the kernel's right half reads zeros past the end, and output stops where the input did.
    pub fn finish(&mut self, out: &mut Vec<f32>) {
        let input_len = self.base + self.pending.len() as u64 - self.half as u64;
        let wanted = (input_len as f64 / self.step).ceil() as u64;
        self.pending.extend(std::iter::repeat_n(0.0, self.half + 1));
        self.drain(out);
        out.truncate(out.len() - (self.next.saturating_sub(wanted)) as usize);
    }

    fn drain(&mut self, out: &mut Vec<f32>) {
        let taps = 2 * self.half;
        loop {
            // Position of the output sample in the padded input (the padding is `half` zeros).
            let position = self.next as f64 * self.step + self.half as f64;
            let mut whole = position.floor() as u64;
            let mut phase = ((position - whole as f64) * PHASES as f64).round() as usize;
            if phase == PHASES {
                whole += 1;
                phase = 0;
            }
            // Taps run from whole - half + 1 to whole + half.
            let first = whole + 1 - self.half as u64;
            if first < self.base || whole + self.half as u64 >= self.base + self.pending.len() as u64 {
                break;
            }
            let start = (first - self.base) as usize;
            let window = &self.pending[start..start + taps];
            let kernel = &self.table[phase * taps..(phase + 1) * taps];
            out.push(dot8(window, kernel));
            self.next += 1;
        }
        // Drop input no later output will read.
        let position = self.next as f64 * self.step + self.half as f64;
        let keep_from = (position.floor() as u64 + 1).saturating_sub(self.half as u64 + 1);
        if keep_from > self.base {
            let drop = ((keep_from - self.base) as usize).min(self.pending.len());
            self.pending.drain(..drop);
            self.base += drop as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(hz: f64, rate: u32, secs: f64) -> Vec<f32> {
        (0..(secs * f64::from(rate)) as usize)
            .map(|i| (2.0 * PI * hz * i as f64 / f64::from(rate)).sin() as f32)
            .collect()
    }

    fn resample(input: &[f32], rate_in: u32, block: usize) -> Vec<f32> {
        let mut r = Resampler::new(rate_in, 16_000);
        let mut out = Vec::new();
        for chunk in input.chunks(block) {
            r.push(chunk, &mut out);
        }
        r.finish(&mut out);
        out
    }

    #[test]
    fn a_tone_keeps_its_frequency_and_level_and_the_length_is_kept() {
        for rate in [8_000, 22_050, 44_100, 48_000] {
            let out = resample(&tone(440.0, rate, 1.0), rate, 1_000);
            assert!(out.len().abs_diff(16_000) <= 1, "{rate}: {} samples", out.len());
            let expected = tone(440.0, 16_000, 1.0);
            let error =
                out[200..15_800].iter().zip(&expected[200..15_800]).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
            assert!(error < 0.01, "{rate}: error {error}");
        }
    }

    #[test]
    fn the_block_size_changes_nothing() {
        let input = tone(1_000.0, 44_100, 0.5);
        assert_eq!(resample(&input, 44_100, 7), resample(&input, 44_100, 10_000));
    }

    #[test]
    fn tones_above_the_new_nyquist_frequency_are_removed() {
        let out = resample(&tone(12_000.0, 44_100, 1.0), 44_100, 4_096);
        let peak = out[200..15_800].iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(peak < 0.01, "aliased at {peak}");
    }
}
