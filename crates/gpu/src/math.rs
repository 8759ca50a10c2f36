//! The kernel language's transcendental functions, as the simulator runs them: `exp`, `ln`, `sin`, `cos`, `tanh`
//! for `f32` and `f64`. Inside a `#[gpu::kernel]`, `x.exp()` and `f64::exp(x)` call these; the PTX generator emits
//! the same sequence of IEEE-754 operations (one program in `gpu-macros`, emitted as Rust here and as PTX
//! there), so the simulator and the GPU compute the same bits by construction.
//!
//! Accuracy (measured against Rust's std over sampled inputs, see the tests): `f64` within 1 ulp of std
//! (`tanh` 3), `f32` (computed in `f64`, rounded once) within 1 ulp; `sin`/`cos` reduce their argument with a
//! three-part Cody–Waite reduction that stays accurate for `|x| <= 2^45` (3.5e13) and return NaN beyond it.
//! NaN in gives the canonical quiet NaN; `exp` overflows to `inf` and underflows through the subnormals to
//! 0; `ln` of 0 is `-inf`, of a negative number NaN, of `inf` `inf`.
//!
//! Outside a kernel they are ordinary functions: call them through the trait, `KernelMath::exp(x)` (the
//! method syntax `x.exp()` finds std's inherent method first).
//!
//! ```
//! use gpu::math::KernelMath;
//!
//! assert_eq!(KernelMath::exp(0.0f64), 1.0);
//! assert!((KernelMath::sin(1.0f32) - 1.0f32.sin()).abs() <= f32::EPSILON);
//! assert!(KernelMath::ln(-1.0f64).is_nan());
//! ```

mod generated {
    gpu_macros::__kernel_math!();
}

/// `exp`, `ln`, `sin`, `cos`, `tanh` as `#[gpu::kernel]` code computes them on both backends.
pub trait KernelMath: Copy {
    /// `e^self`.
    fn exp(self) -> Self;
    /// The natural logarithm.
    fn ln(self) -> Self;
    /// The sine; NaN for `|self| > 2^45`.
    fn sin(self) -> Self;
    /// The cosine; NaN for `|self| > 2^45`.
    fn cos(self) -> Self;
    /// The hyperbolic tangent.
    fn tanh(self) -> Self;
}

impl KernelMath for f64 {
    fn exp(self) -> f64 {
        generated::exp_f64(self)
    }
    fn ln(self) -> f64 {
        generated::ln_f64(self)
    }
    fn sin(self) -> f64 {
        generated::sin_f64(self)
    }
    fn cos(self) -> f64 {
        generated::cos_f64(self)
    }
    fn tanh(self) -> f64 {
        generated::tanh_f64(self)
    }
}

/// Rounds an `f64` result to `f32` as the PTX does (`cvt.rn.f32.f64`, NaN as the canonical quiet NaN).
fn narrow(x: f64) -> f32 {
    if x.is_nan() { f32::NAN } else { x as f32 }
}

impl KernelMath for f32 {
    fn exp(self) -> f32 {
        narrow(generated::exp_f64(f64::from(self)))
    }
    fn ln(self) -> f32 {
        narrow(generated::ln_f64(f64::from(self)))
    }
    fn sin(self) -> f32 {
        narrow(generated::sin_f64(f64::from(self)))
    }
    fn cos(self) -> f32 {
        narrow(generated::cos_f64(f64::from(self)))
    }
    fn tanh(self) -> f32 {
        narrow(generated::tanh_f64(f64::from(self)))
    }
}
