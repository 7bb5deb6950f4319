//! Second-order IIR sections (the RBJ audio-EQ cookbook's Butterworth low- and high-pass), enough to band-limit
//! speech for energy measures without an FFT.

use std::f32::consts::{FRAC_1_SQRT_2, PI};

#[derive(Debug, Clone, Copy)]
pub struct Biquad {
    b0: f32,
    b1: f32,
    b2: f32,
    a1: f32,
    a2: f32,
    z1: f32,
    z2: f32,
}

impl Biquad {
    pub fn low_pass(cutoff_hz: f32, rate_hz: f32) -> Biquad {
        let (cos, alpha) = Self::prewarp(cutoff_hz, rate_hz);
        let b1 = 1.0 - cos;
        Self::normalised(b1 / 2.0, b1, b1 / 2.0, 1.0 + alpha, -2.0 * cos, 1.0 - alpha)
    }

    pub fn high_pass(cutoff_hz: f32, rate_hz: f32) -> Biquad {
        let (cos, alpha) = Self::prewarp(cutoff_hz, rate_hz);
        let b1 = -(1.0 + cos);
        Self::normalised(-b1 / 2.0, b1, -b1 / 2.0, 1.0 + alpha, -2.0 * cos, 1.0 - alpha)
    }

    fn prewarp(cutoff_hz: f32, rate_hz: f32) -> (f32, f32) {
        let w = 2.0 * PI * cutoff_hz / rate_hz;
        (w.cos(), w.sin() / (2.0 * FRAC_1_SQRT_2))
    }

    fn normalised(b0: f32, b1: f32, b2: f32, a0: f32, a1: f32, a2: f32) -> Biquad {
        Biquad { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0, z1: 0.0, z2: 0.0 }
    }

    /// One sample through the filter (transposed direct form II).
    #[inline]
    pub fn run(&mut self, x: f32) -> f32 {
        let y = self.b0 * x + self.z1;
        self.z1 = self.b1 * x - self.a1 * y + self.z2;
        self.z2 = self.b2 * x - self.a2 * y;
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gain(mut filter: Biquad, hz: f32) -> f32 {
        let rate = 16_000.0;
        let tone: Vec<f32> = (0..16_000).map(|i| (2.0 * PI * hz * i as f32 / rate).sin()).collect();
        let out: Vec<f32> = tone.iter().map(|&x| filter.run(x)).collect();
        let rms = |s: &[f32]| (s.iter().map(|x| x * x).sum::<f32>() / s.len() as f32).sqrt();
        rms(&out[8_000..]) / rms(&tone[8_000..])
    }

    #[test]
    fn the_sections_pass_and_stop_where_they_should() {
        let rate = 16_000.0;
        assert!((gain(Biquad::low_pass(1_000.0, rate), 100.0) - 1.0).abs() < 0.02);
        assert!((gain(Biquad::low_pass(1_000.0, rate), 1_000.0) - FRAC_1_SQRT_2).abs() < 0.02);
        assert!(gain(Biquad::low_pass(1_000.0, rate), 4_000.0) < 0.07);
        assert!((gain(Biquad::high_pass(300.0, rate), 3_000.0) - 1.0).abs() < 0.02);
        assert!(gain(Biquad::high_pass(300.0, rate), 50.0) < 0.03);
    }
}
