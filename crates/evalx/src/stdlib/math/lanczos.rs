#![allow(
    clippy::excessive_precision,
    reason = "the published coefficients, digit for digit"
)]
//! The Gamma function and its logarithm for `math.gamma`/`math.lgamma`, by the same method CPython 3.11
//! uses (a Lanczos approximation with g = 6.024680040776729583740234375 and 13 terms, exact factorials for
//! small integers, and the reflection formula for negative arguments), so results match CPython's bit for
//! bit rather than the platform C library's `tgamma`/`lgamma`, which differ in the last digit.
//!
//! The caller (`math/mod.rs`) has already rejected NaN, infinities and the poles (zero and the negative
//! integers); what reaches here is finite. An infinite result means overflow: the caller raises
//! OverflowError for it.

use std::f64::consts::PI;

/// The Lanczos parameter g, and g - 1/2 (both exactly representable).
const G: f64 = 6.024680040776729583740234375;
const G_MINUS_HALF: f64 = 5.524680040776729583740234375;

/// Numerator coefficients of the rational function in the Lanczos sum (highest power last).
const NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];

/// Denominator coefficients: the expansion of x(x+1)...(x+11).
const DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

/// ln(pi).
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;

/// (n-1)! for n = 1..=23, each exactly representable as a double.
fn factorial_of_predecessor(n: usize) -> f64 {
    (1..n).fold(1.0, |acc, k| acc * k as f64)
}

/// The Lanczos sum, evaluated as a rational function: Horner from the top for small x, in powers of
/// 1/x for large x (both directions keep the rounding error small where each is used).
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for i in (0..NUM.len()).rev() {
            num = num * x + NUM[i];
            den = den * x + DEN[i];
        }
    } else {
        for i in 0..NUM.len() {
            num = num / x + NUM[i];
            den = den / x + DEN[i];
        }
    }
    num / den
}

/// sin(pi * x), exact at the integers and half-integers (reducing the argument first).
fn sin_pi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i64 {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// Gamma(x) for finite x that is not a pole.
pub(super) fn gamma(x: f64) -> f64 {
    if x == x.floor() && x > 0.0 && x <= 23.0 {
        return factorial_of_predecessor(x as usize);
    }
    let ax = x.abs();
    if ax < 1e-20 {
        return 1.0 / x;
    }
    if ax > 200.0 {
        return if x < 0.0 {
            0.0 / sin_pi(x)
        } else {
            f64::INFINITY
        };
    }
    let y = ax + G_MINUS_HALF;
    // z is the rounding error in computing y, scaled: it corrects the power term below.
    let z = if ax > G_MINUS_HALF {
        let q = y - ax;
        q - G_MINUS_HALF
    } else {
        let q = y - G_MINUS_HALF;
        q - ax
    };
    let z = z * G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sin_pi(ax) / ax * y.exp() / lanczos_sum(ax);
        r -= z * r;
        if ax < 140.0 {
            r /= y.powf(ax - 0.5);
        } else {
            let half = y.powf(ax / 2.0 - 0.25);
            r /= half;
            r /= half;
        }
    } else {
        r = lanczos_sum(ax) / y.exp();
        r += z * r;
        if ax < 140.0 {
            r *= y.powf(ax - 0.5);
        } else {
            let half = y.powf(ax / 2.0 - 0.25);
            r *= half;
            r *= half;
        }
    }
    r
}

/// ln|Gamma(x)| for finite x that is not a pole.
pub(super) fn lgamma(x: f64) -> f64 {
    if x == x.floor() && x <= 2.0 {
        // 1 and 2 (the poles were rejected by the caller).
        return 0.0;
    }
    let ax = x.abs();
    if ax < 1e-20 {
        return -ax.ln();
    }
    let mut r = lanczos_sum(ax).ln() - G;
    r += (ax - 0.5) * ((ax + G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sin_pi(ax).abs().ln() - ax.ln() - r;
    }
    r
}
