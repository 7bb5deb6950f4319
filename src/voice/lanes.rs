//! Four `f32` lanes at a time, spelled out: SSE on x86-64 and NEON on 64-bit ARM (both always present there), plain
//! arrays elsewhere. The compiler's own vectoriser kept the half-band filter's taps one pass each over memory, summed
//! the hiss and the voicing check one value at a time (their order of additions was fixed), and does nothing at
//! `opt-level = "s"`; written out, a 2-minute answer is analysed in 14.4 ms instead of 18.6 ms, and in 13.3 ms
//! instead of 24.3 ms in a build for size (`cargo bench --bench voice`).

// Each operation is one instruction: a call to it, which a size-optimised build might keep, would cost more.
#![allow(clippy::inline_always)]

#[cfg(target_arch = "x86_64")]
mod imp {
    use std::arch::x86_64::{__m128, _mm_add_ps, _mm_loadu_ps, _mm_mul_ps, _mm_set1_ps, _mm_storeu_ps, _mm_sub_ps};

    #[derive(Clone, Copy)]
    pub struct F32x4(__m128);

    impl F32x4 {
        #[inline(always)]
        pub fn splat(x: f32) -> F32x4 {
            // SAFETY (all the arithmetic below): SSE is part of x86-64 itself.
            F32x4(unsafe { _mm_set1_ps(x) })
        }

        /// The first four values of `values`.
        #[inline(always)]
        pub fn load(values: &[f32]) -> F32x4 {
            let four = &values[..4];
            // SAFETY: `four` holds four f32s; the load has no alignment requirement.
            F32x4(unsafe { _mm_loadu_ps(four.as_ptr()) })
        }

        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            let mut out = [0.0; 4];
            // SAFETY: `out` holds four f32s; the store has no alignment requirement.
            unsafe { _mm_storeu_ps(out.as_mut_ptr(), self.0) };
            out
        }

        #[inline(always)]
        pub fn add(self, other: F32x4) -> F32x4 {
            F32x4(unsafe { _mm_add_ps(self.0, other.0) })
        }

        #[inline(always)]
        pub fn sub(self, other: F32x4) -> F32x4 {
            F32x4(unsafe { _mm_sub_ps(self.0, other.0) })
        }

        #[inline(always)]
        pub fn mul(self, other: F32x4) -> F32x4 {
            F32x4(unsafe { _mm_mul_ps(self.0, other.0) })
        }
    }
}

#[cfg(target_arch = "aarch64")]
mod imp {
    use std::arch::aarch64::{float32x4_t, vaddq_f32, vdupq_n_f32, vld1q_f32, vmulq_f32, vst1q_f32, vsubq_f32};

    #[derive(Clone, Copy)]
    pub struct F32x4(float32x4_t);

    impl F32x4 {
        #[inline(always)]
        pub fn splat(x: f32) -> F32x4 {
            // SAFETY (all the arithmetic below): NEON is part of 64-bit ARM itself.
            F32x4(unsafe { vdupq_n_f32(x) })
        }

        /// The first four values of `values`.
        #[inline(always)]
        pub fn load(values: &[f32]) -> F32x4 {
            let four = &values[..4];
            // SAFETY: `four` holds four f32s; the load has no alignment requirement.
            F32x4(unsafe { vld1q_f32(four.as_ptr()) })
        }

        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            let mut out = [0.0; 4];
            // SAFETY: `out` holds four f32s; the store has no alignment requirement.
            unsafe { vst1q_f32(out.as_mut_ptr(), self.0) };
            out
        }

        #[inline(always)]
        pub fn add(self, other: F32x4) -> F32x4 {
            F32x4(unsafe { vaddq_f32(self.0, other.0) })
        }

        #[inline(always)]
        pub fn sub(self, other: F32x4) -> F32x4 {
            F32x4(unsafe { vsubq_f32(self.0, other.0) })
        }

        #[inline(always)]
        pub fn mul(self, other: F32x4) -> F32x4 {
            F32x4(unsafe { vmulq_f32(self.0, other.0) })
        }
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
mod imp {
    #[derive(Clone, Copy)]
    pub struct F32x4([f32; 4]);

    impl F32x4 {
        #[inline(always)]
        pub fn splat(x: f32) -> F32x4 {
            F32x4([x; 4])
        }

        /// The first four values of `values`.
        #[inline(always)]
        pub fn load(values: &[f32]) -> F32x4 {
            F32x4([values[0], values[1], values[2], values[3]])
        }

        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }

        #[inline(always)]
        pub fn add(self, other: F32x4) -> F32x4 {
            F32x4(std::array::from_fn(|i| self.0[i] + other.0[i]))
        }

        #[inline(always)]
        pub fn sub(self, other: F32x4) -> F32x4 {
            F32x4(std::array::from_fn(|i| self.0[i] - other.0[i]))
        }

        #[inline(always)]
        pub fn mul(self, other: F32x4) -> F32x4 {
            F32x4(std::array::from_fn(|i| self.0[i] * other.0[i]))
        }
    }
}

pub use imp::F32x4;

/// The dot product of two slices of the same length, a multiple of 8, summed in eight running sums (lane `i`
/// takes the products at `i`, `i + 8`, …) added in lane order at the end.
pub fn dot8(a: &[f32], b: &[f32]) -> f32 {
    debug_assert!(a.len() == b.len() && a.len().is_multiple_of(8));
    let (mut low, mut high) = (F32x4::splat(0.0), F32x4::splat(0.0));
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        low = low.add(F32x4::load(x).mul(F32x4::load(y)));
        high = high.add(F32x4::load(&x[4..]).mul(F32x4::load(&y[4..])));
    }
    low.to_array().iter().chain(&high.to_array()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same sums in the same order, one value at a time.
    fn dot8_by_hand(a: &[f32], b: &[f32]) -> f32 {
        let mut lanes = [0.0f32; 8];
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            lanes[i % 8] += x * y;
        }
        lanes.iter().sum()
    }

    #[test]
    fn the_lanes_compute_what_one_value_at_a_time_does() {
        let a: Vec<f32> = (0..64).map(|i| ((i * 37) % 17) as f32 * 0.37 - 2.5).collect();
        let b: Vec<f32> = (0..64).map(|i| ((i * 11) % 13) as f32 * -0.71 + 1.25).collect();
        assert_eq!(dot8(&a, &b), dot8_by_hand(&a, &b));
        assert_eq!(dot8(&a[..8], &b[..8]), dot8_by_hand(&a[..8], &b[..8]));
        assert_eq!(dot8(&[], &[]), 0.0);
        let (x, y) = (F32x4::load(&a[3..]), F32x4::load(&b[5..]));
        let each = |f: fn(f32, f32) -> f32| std::array::from_fn::<f32, 4, _>(|i| f(a[3 + i], b[5 + i]));
        assert_eq!(x.add(y).to_array(), each(|p, q| p + q));
        assert_eq!(x.sub(y).to_array(), each(|p, q| p - q));
        assert_eq!(x.mul(y).to_array(), each(|p, q| p * q));
        assert_eq!(F32x4::splat(1.5).to_array(), [1.5; 4]);
    }
}
