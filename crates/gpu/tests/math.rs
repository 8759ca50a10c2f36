//! The kernel language's `exp`, `ln`, `sin`, `cos` (`gpu::math`): accuracy against Rust's std over sampled
//! inputs, measured in ulp, and the special values.

use gpu::math::KernelMath;

/// Distance in units in the last place between two finite `f64`s of the same sign class.
fn ulps64(a: f64, b: f64) -> u64 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0;
    }
    let key = |x: f64| {
        let bits = x.to_bits() as i64;
        if bits < 0 { i64::MIN - bits } else { bits }
    };
    key(a).abs_diff(key(b))
}

fn ulps32(a: f32, b: f32) -> u64 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0;
    }
    let key = |x: f32| {
        let bits = x.to_bits() as i32;
        i64::from(if bits < 0 { i32::MIN - bits } else { bits })
    };
    key(a).abs_diff(key(b))
}

/// A deterministic stream of uniform numbers in [0, 1) (splitmix64).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Samples of `[lo, hi]`: uniform, plus log-uniform magnitudes when the range spans decades.
fn samples(lo: f64, hi: f64, n: usize, seed: u64) -> Vec<f64> {
    let mut rng = Rng(seed);
    (0..n).map(|_| lo + (hi - lo) * rng.next()).collect()
}

fn log_samples(lo_exp: f64, hi_exp: f64, n: usize, seed: u64) -> Vec<f64> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| 2f64.powf(lo_exp + (hi_exp - lo_exp) * rng.next()))
        .collect()
}

/// The worst ulp distance of `ours` from `std` over `xs`, for f64 and (the same inputs narrowed) for f32.
fn worst(xs: &[f64], ours: fn(f64) -> f64, std: fn(f64) -> f64) -> (u64, f64) {
    xs.iter()
        .map(|&x| (ulps64(ours(x), std(x)), x))
        .max_by_key(|p| p.0)
        .map_or((0, 0.0), |w| {
            eprintln!("worst: {} ulp at {:e}", w.0, w.1);
            w
        })
}

fn worst32(xs: &[f64], ours: fn(f32) -> f32, std: fn(f32) -> f32) -> (u64, f32) {
    xs.iter()
        .map(|&x| x as f32)
        .map(|x| (ulps32(ours(x), std(x)), x))
        .max_by_key(|p| p.0)
        .map_or((0, 0.0), |w| {
            eprintln!("worst: {} ulp at {:e}", w.0, w.1);
            w
        })
}

const N: usize = 200_000;

#[test]
fn exp_is_within_2_ulp_of_std_over_its_range() {
    let mut xs = samples(-745.0, 709.7, N, 1);
    xs.extend(samples(-1.0, 1.0, N, 2));
    xs.extend(log_samples(-60.0, 0.0, N / 4, 3));
    xs.extend(log_samples(-60.0, 0.0, N / 4, 4).iter().map(|x| -x));
    let (u, x) = worst(&xs, <f64 as KernelMath>::exp, f64::exp);
    assert!(u <= 2, "exp({x:e}): {u} ulp");
    let xs32 = samples(-103.0, 88.7, N, 5);
    let (u, x) = worst32(&xs32, <f32 as KernelMath>::exp, f32::exp);
    assert!(u <= 1, "f32 exp({x:e}): {u} ulp");
}

#[test]
fn ln_is_within_2_ulp_of_std_from_subnormals_to_max() {
    let mut xs = log_samples(-1074.0, 1024.0, N, 6);
    xs.extend(samples(0.5, 2.0, N, 7));
    xs.extend(samples(0.999, 1.001, N / 4, 8));
    let (u, x) = worst(&xs, <f64 as KernelMath>::ln, f64::ln);
    assert!(u <= 2, "ln({x:e}): {u} ulp");
    let xs32 = log_samples(-149.0, 128.0, N, 9);
    let (u, x) = worst32(&xs32, <f32 as KernelMath>::ln, f32::ln);
    assert!(u <= 1, "f32 ln({x:e}): {u} ulp");
}

#[test]
fn sin_and_cos_are_within_2_ulp_of_std_up_to_2_pow_45() {
    let mut xs = samples(-10.0, 10.0, N, 10);
    xs.extend(log_samples(-40.0, 45.0, N, 11));
    xs.extend(log_samples(-40.0, 45.0, N, 12).iter().map(|x| -x));
    for (name, ours, std) in [
        (
            "sin",
            <f64 as KernelMath>::sin as fn(f64) -> f64,
            f64::sin as fn(f64) -> f64,
        ),
        ("cos", <f64 as KernelMath>::cos, f64::cos),
    ] {
        let (u, x) = worst(&xs, ours, std);
        assert!(u <= 2, "{name}({x:e}): {u} ulp");
    }
    let xs32: Vec<f64> = xs.iter().copied().filter(|x| x.abs() < 3e13).collect();
    for (name, ours, std) in [
        (
            "sin",
            <f32 as KernelMath>::sin as fn(f32) -> f32,
            f32::sin as fn(f32) -> f32,
        ),
        ("cos", <f32 as KernelMath>::cos, f32::cos),
    ] {
        let (u, x) = worst32(&xs32, ours, std);
        assert!(u <= 1, "f32 {name}({x:e}): {u} ulp");
    }
}

#[test]
fn tanh_is_within_3_ulp_of_std() {
    let mut xs = samples(-25.0, 25.0, N, 13);
    xs.extend(log_samples(-60.0, 5.0, N, 14));
    xs.extend(log_samples(-60.0, 5.0, N / 4, 15).iter().map(|x| -x));
    xs.extend(samples(0.2, 1.0, N, 16));
    let (u, x) = worst(&xs, <f64 as KernelMath>::tanh, f64::tanh);
    assert!(u <= 3, "tanh({x:e}): {u} ulp");
    // The f32 reference is std's f64 tanh rounded to f32: glibc's tanhf is itself off by an ulp at times.
    let (u, x) = worst32(&xs, <f32 as KernelMath>::tanh, |x| {
        f64::from(x).tanh() as f32
    });
    assert!(u <= 1, "f32 tanh({x:e}): {u} ulp");
    let t = <f64 as KernelMath>::tanh;
    assert_eq!(t(-0.0).to_bits(), (-0.0f64).to_bits());
    assert_eq!(
        (t(f64::INFINITY), t(f64::NEG_INFINITY), t(30.0)),
        (1.0, -1.0, 1.0)
    );
    assert_eq!(t(5e-324), 5e-324);
    assert_eq!(t(f64::NAN).to_bits(), f64::NAN.to_bits());
}

#[test]
fn special_values() {
    let m = <f64 as KernelMath>::exp;
    assert_eq!(m(0.0), 1.0);
    assert_eq!(m(f64::INFINITY), f64::INFINITY);
    assert_eq!(m(f64::NEG_INFINITY), 0.0);
    assert_eq!(m(709.79), f64::INFINITY);
    assert_eq!(m(1000.0), f64::INFINITY);
    assert_eq!(m(-746.0), 0.0);
    assert_eq!(m(-1e300), 0.0);
    // Gradual underflow: exp(-740) is a subnormal, as std's.
    assert!(m(-740.0) > 0.0 && m(-740.0) < f64::MIN_POSITIVE);
    assert!(ulps64(m(-740.0), (-740.0f64).exp()) <= 1);
    assert_eq!(m(709.78), 709.78f64.exp());
    assert_eq!(m(f64::NAN).to_bits(), f64::NAN.to_bits());
    assert_eq!(<f32 as KernelMath>::exp(89.0), f32::INFINITY);
    assert_eq!(<f32 as KernelMath>::exp(-104.0), 0.0);
    assert!(<f32 as KernelMath>::exp(-100.0) > 0.0);
    assert_eq!(
        <f32 as KernelMath>::exp(f32::NAN).to_bits(),
        f32::NAN.to_bits()
    );

    let l = <f64 as KernelMath>::ln;
    assert_eq!(l(1.0), 0.0);
    assert_eq!(l(0.0), f64::NEG_INFINITY);
    assert_eq!(l(-0.0), f64::NEG_INFINITY);
    assert_eq!(l(f64::INFINITY), f64::INFINITY);
    assert!(l(-1.0).is_nan() && l(f64::NEG_INFINITY).is_nan() && l(f64::NAN).is_nan());
    assert_eq!(l(f64::MAX), f64::MAX.ln());
    assert!(ulps64(l(5e-324), 5e-324f64.ln()) <= 1);
    assert_eq!(<f32 as KernelMath>::ln(0.0), f32::NEG_INFINITY);
    assert!(ulps32(<f32 as KernelMath>::ln(1e-45), 1e-45f32.ln()) <= 1);

    let (s, c) = (<f64 as KernelMath>::sin, <f64 as KernelMath>::cos);
    assert_eq!(s(0.0).to_bits(), 0.0f64.to_bits());
    assert_eq!(s(-0.0).to_bits(), (-0.0f64).to_bits());
    assert_eq!(c(0.0), 1.0);
    assert_eq!(s(1e-300), 1e-300);
    for x in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1e14, -1e300] {
        assert!(s(x).is_nan() && c(x).is_nan(), "{x}");
    }
    // Near multiples of pi/2, where the reduction cancels most bits.
    for k in [1.0, 2.0, 3.0, 4.0, 100.0, 1e6, 1e9] {
        let x = k * std::f64::consts::FRAC_PI_2;
        assert!(ulps64(s(x), x.sin()) <= 2, "sin({x})");
        assert!(ulps64(c(x), x.cos()) <= 2, "cos({x})");
    }
}
