//! `cmath`: the complex functions with CPython 3.11's algorithms (Kahan's branch cuts, the scaled formulas
//! it uses near overflow and underflow, the system libm underneath, as CPython's) so finite inputs give the
//! same bits; inputs with an infinite or nan part answer from tables recorded from CPython
//! (`cmath_tables.rs`, made by `tests/make_cmath_tables.py`), with its domain and range errors.

use super::Kw;
use crate::complex::{C, quot, value};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use std::f64::consts::{E, LN_2, LN_10, PI};

#[path = "cmath_tables.rs"]
mod tables;

/// `DBL_MAX / 4` and the logs/roots CPython derives from it.
const LARGE: f64 = f64::MAX / 4.0;
const MANT_DIG: i32 = 53;

fn log_large() -> f64 {
    LARGE.ln()
}

fn sqrt_large() -> f64 {
    LARGE.sqrt()
}

unsafe extern "C" {
    /// libm's asinh (CPython's `m_asinh` is it; Rust's own `f64::asinh` is a different formula).
    safe fn asinh(x: f64) -> f64;
    safe fn log1p(x: f64) -> f64;
    safe fn ldexp(x: f64, e: i32) -> f64;
}

/// What went wrong, as C's errno: a domain error (ValueError) or a range error (OverflowError).
#[derive(PartialEq, Clone, Copy)]
enum Err {
    Ok,
    Dom,
    Range,
}

fn class(x: f64) -> usize {
    if x.is_nan() {
        6
    } else if x.is_infinite() {
        if x > 0.0 { 5 } else { 0 }
    } else if x == 0.0 {
        if x.is_sign_negative() { 2 } else { 3 }
    } else if x < 0.0 {
        1
    } else {
        4
    }
}

fn special(t: &[[(u64, u64); 7]; 7], z: C) -> C {
    let (r, i) = t[class(z.re)][class(z.im)];
    C::new(f64::from_bits(r), f64::from_bits(i))
}

fn finite(z: C) -> bool {
    z.re.is_finite() && z.im.is_finite()
}

fn c_sqrt(z: C) -> C {
    if !finite(z) {
        return special(&tables::SQRT, z);
    }
    if z.re == 0.0 && z.im == 0.0 {
        return C::new(0.0, z.im);
    }
    let mut ax = z.re.abs();
    let ay = z.im.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        ax = ldexp(ax, MANT_DIG);
        ldexp(
            (ax + ax.hypot(ldexp(ay, MANT_DIG))).sqrt(),
            -MANT_DIG / 2 - 1,
        )
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.re >= 0.0 {
        C::new(s, d.copysign(z.im))
    } else {
        C::new(d, s.copysign(z.im))
    }
}

fn c_log(z: C) -> (C, Err) {
    if !finite(z) {
        return (special(&tables::LOG, z), Err::Ok);
    }
    let ax = z.re.abs();
    let ay = z.im.abs();
    let re = if ax > LARGE || ay > LARGE {
        (ax / 2.0).hypot(ay / 2.0).ln() + LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            ldexp(ax, MANT_DIG).hypot(ldexp(ay, MANT_DIG)).ln() - MANT_DIG as f64 * LN_2
        } else {
            return (C::new(f64::NEG_INFINITY, z.im.atan2(z.re)), Err::Dom);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            h.ln()
        }
    };
    (C::new(re, z.im.atan2(z.re)), Err::Ok)
}

fn c_acos(z: C) -> C {
    if !finite(z) {
        return special(&tables::ACOS, z);
    }
    if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let re = z.im.abs().atan2(z.re);
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0;
        let im = if z.re < 0.0 {
            -l.copysign(z.im)
        } else {
            l.copysign(-z.im)
        };
        return C::new(re, im);
    }
    let s1 = c_sqrt(C::new(1.0 - z.re, -z.im));
    let s2 = c_sqrt(C::new(1.0 + z.re, z.im));
    C::new(
        2.0 * s1.re.atan2(s2.re),
        asinh(s2.re * s1.im - s2.im * s1.re),
    )
}

fn c_acosh(z: C) -> C {
    if !finite(z) {
        return special(&tables::ACOSH, z);
    }
    if z.re.abs() > LARGE || z.im.abs() > LARGE {
        return C::new(
            (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0,
            z.im.atan2(z.re),
        );
    }
    let s1 = c_sqrt(C::new(z.re - 1.0, z.im));
    let s2 = c_sqrt(C::new(z.re + 1.0, z.im));
    C::new(
        asinh(s1.re * s2.re + s1.im * s2.im),
        2.0 * s1.im.atan2(s2.re),
    )
}

fn c_asinh(z: C) -> C {
    if !finite(z) {
        return special(&tables::ASINH, z);
    }
    if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN_2 * 2.0;
        let re = if z.im >= 0.0 {
            l.copysign(z.re)
        } else {
            -l.copysign(-z.re)
        };
        return C::new(re, z.im.atan2(z.re.abs()));
    }
    let s1 = c_sqrt(C::new(1.0 + z.im, -z.re));
    let s2 = c_sqrt(C::new(1.0 - z.im, z.re));
    C::new(
        asinh(s1.re * s2.im - s2.re * s1.im),
        z.im.atan2(s1.re * s2.re - s1.im * s2.im),
    )
}

fn c_asin(z: C) -> C {
    if !finite(z) {
        return special(&tables::ASIN, z);
    }
    let s = c_asinh(C::new(-z.im, z.re));
    C::new(s.im, -s.re)
}

fn c_atanh(z: C) -> (C, Err) {
    if !finite(z) {
        return (special(&tables::ATANH, z), Err::Ok);
    }
    if z.re < 0.0 {
        let (r, e) = c_atanh(C::new(-z.re, -z.im));
        return (C::new(-r.re, -r.im), e);
    }
    let ay = z.im.abs();
    if z.re > sqrt_large() || ay > sqrt_large() {
        let h = (z.re / 2.0).hypot(z.im / 2.0);
        return (
            C::new(z.re / 4.0 / h / h, -(PI / 2.0).copysign(-z.im)),
            Err::Ok,
        );
    }
    if z.re == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        if ay == 0.0 {
            return (C::new(f64::INFINITY, z.im), Err::Dom);
        }
        return (
            C::new(
                -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln(),
                (2.0f64.atan2(-ay) / 2.0).copysign(z.im),
            ),
            Err::Ok,
        );
    }
    (
        C::new(
            log1p(4.0 * z.re / ((1.0 - z.re) * (1.0 - z.re) + ay * ay)) / 4.0,
            -(-2.0 * z.im).atan2((1.0 - z.re) * (1.0 + z.re) - ay * ay) / 2.0,
        ),
        Err::Ok,
    )
}

fn c_atan(z: C) -> (C, Err) {
    if !finite(z) {
        return (special(&tables::ATAN, z), Err::Ok);
    }
    let (s, e) = c_atanh(C::new(-z.im, z.re));
    (C::new(s.im, -s.re), e)
}

/// The result of exp/cosh/sinh for an infinite real part and a finite nonzero imaginary one.
fn inf_cis(z: C, sign_re: f64, sign_im: f64) -> C {
    C::new(
        f64::INFINITY.copysign(z.im.cos()) * sign_re,
        f64::INFINITY.copysign(z.im.sin()) * sign_im,
    )
}

fn range_check(r: C) -> (C, Err) {
    let e = if r.re.is_infinite() || r.im.is_infinite() {
        Err::Range
    } else {
        Err::Ok
    };
    (r, e)
}

fn c_exp(z: C) -> (C, Err) {
    if !finite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                inf_cis(z, 1.0, 1.0)
            } else {
                C::new(0.0f64.copysign(z.im.cos()), 0.0f64.copysign(z.im.sin()))
            }
        } else {
            special(&tables::EXP, z)
        };
        let dom = z.im.is_infinite() && (z.re.is_finite() || (z.re.is_infinite() && z.re > 0.0));
        return (r, if dom { Err::Dom } else { Err::Ok });
    }
    let r = if z.re > log_large() {
        let l = (z.re - 1.0).exp();
        C::new(l * z.im.cos() * E, l * z.im.sin() * E)
    } else {
        let l = z.re.exp();
        C::new(l * z.im.cos(), l * z.im.sin())
    };
    range_check(r)
}

fn c_cosh(z: C) -> (C, Err) {
    if !finite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                inf_cis(z, 1.0, 1.0)
            } else {
                inf_cis(z, 1.0, -1.0)
            }
        } else {
            special(&tables::COSH, z)
        };
        let dom = z.im.is_infinite() && !z.re.is_nan();
        return (r, if dom { Err::Dom } else { Err::Ok });
    }
    let r = if z.re.abs() > log_large() {
        let x1 = z.re - 1.0f64.copysign(z.re);
        C::new(z.im.cos() * x1.cosh() * E, z.im.sin() * x1.sinh() * E)
    } else {
        C::new(z.im.cos() * z.re.cosh(), z.im.sin() * z.re.sinh())
    };
    range_check(r)
}

fn c_sinh(z: C) -> (C, Err) {
    if !finite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                inf_cis(z, 1.0, 1.0)
            } else {
                inf_cis(z, -1.0, 1.0)
            }
        } else {
            special(&tables::SINH, z)
        };
        let dom = z.im.is_infinite() && !z.re.is_nan();
        return (r, if dom { Err::Dom } else { Err::Ok });
    }
    let r = if z.re.abs() > log_large() {
        let x1 = z.re - 1.0f64.copysign(z.re);
        C::new(z.im.cos() * x1.sinh() * E, z.im.sin() * x1.cosh() * E)
    } else {
        C::new(z.im.cos() * z.re.sinh(), z.im.sin() * z.re.cosh())
    };
    range_check(r)
}

fn c_tanh(z: C) -> (C, Err) {
    if !finite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            C::new(
                1.0f64.copysign(z.re),
                0.0f64.copysign(2.0 * z.im.sin() * z.im.cos()),
            )
        } else {
            special(&tables::TANH, z)
        };
        let dom = z.im.is_infinite() && z.re.is_finite();
        return (r, if dom { Err::Dom } else { Err::Ok });
    }
    if z.re.abs() > log_large() {
        return (
            C::new(
                1.0f64.copysign(z.re),
                4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp(),
            ),
            Err::Ok,
        );
    }
    let tx = z.re.tanh();
    let ty = z.im.tan();
    let cx = 1.0 / z.re.cosh();
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    (
        C::new(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx),
        Err::Ok,
    )
}

/// `f(i z)` turned back: `cos`, `sin` and `tan` through `cosh`, `sinh` and `tanh`.
fn rotated(z: C, f: fn(C) -> (C, Err), back: bool) -> (C, Err) {
    let (s, e) = f(C::new(-z.im, z.re));
    if back {
        (C::new(s.im, -s.re), e)
    } else {
        (s, e)
    }
}

fn c_rect(r: f64, phi: f64) -> (C, Err) {
    if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            if r > 0.0 {
                C::new(
                    f64::INFINITY.copysign(phi.cos()),
                    f64::INFINITY.copysign(phi.sin()),
                )
            } else {
                C::new(
                    -f64::INFINITY.copysign(phi.cos()),
                    -f64::INFINITY.copysign(phi.sin()),
                )
            }
        } else {
            special(&tables::RECT, C::new(r, phi))
        };
        let dom = r != 0.0 && !r.is_nan() && phi.is_infinite();
        return (z, if dom { Err::Dom } else { Err::Ok });
    }
    if phi == 0.0 {
        return (C::new(r, r * phi), Err::Ok);
    }
    (C::new(r * phi.cos(), r * phi.sin()), Err::Ok)
}

fn raise(e: Err) -> PyResult<()> {
    match e {
        Err::Ok => Ok(()),
        Err::Dom => Err(Exc::value_err("math domain error")),
        Err::Range => Err(Exc::new("OverflowError", "math range error")),
    }
}

/// An argument as CPython's `D` converter takes it (complex, `__complex__`, `__float__`, `__index__`).
fn arg(it: &mut Interp, v: &Value) -> PyResult<C> {
    crate::complex::coerce(it, v)?.ok_or_else(|| {
        Exc::type_err(format!(
            "must be real number, not {}",
            crate::builtins::type_name(v)
        ))
    })
}

fn real_arg(it: &mut Interp, v: &Value) -> PyResult<f64> {
    if matches!(v, Value::Complex(_)) {
        return Err(Exc::type_err("must be real number, not complex"));
    }
    Ok(arg(it, v)?.re)
}

fn one(it: &mut Interp, name: &str, args: &[Value], kw: Kw<'_>) -> PyResult<C> {
    if !kw.is_empty() {
        return Err(Exc::type_err(format!(
            "cmath.{name}() takes no keyword arguments"
        )));
    }
    if args.len() != 1 {
        return Err(Exc::type_err(format!(
            "cmath.{name}() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    arg(it, &args[0])
}

macro_rules! plain {
    ($($f:ident $name:literal $body:expr;)*) => {
        $(fn $f(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
            let z = one(it, $name, args, kw)?;
            let (r, e): (C, Err) = $body(z);
            raise(e)?;
            Ok(value(r))
        })*
    };
}

plain! {
    f_sqrt "sqrt" |z| (c_sqrt(z), Err::Ok);
    f_acos "acos" |z| (c_acos(z), Err::Ok);
    f_acosh "acosh" |z| (c_acosh(z), Err::Ok);
    f_asin "asin" |z| (c_asin(z), Err::Ok);
    f_asinh "asinh" |z| (c_asinh(z), Err::Ok);
    f_atan "atan" c_atan;
    f_atanh "atanh" c_atanh;
    f_exp "exp" c_exp;
    f_cosh "cosh" c_cosh;
    f_sinh "sinh" c_sinh;
    f_tanh "tanh" c_tanh;
    f_cos "cos" |z| rotated(z, c_cosh, false);
    f_sin "sin" |z| rotated(z, c_sinh, true);
    f_tan "tan" |z| rotated(z, c_tanh, true);
    f_log10 "log10" |z| {
        let (r, e) = c_log(z);
        (C::new(r.re / LN_10, r.im / LN_10), e)
    };
}

fn f_log(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(Exc::type_err("log() takes no keyword arguments"));
    }
    if args.is_empty() || args.len() > 2 {
        return Err(Exc::type_err(format!(
            "log expected at least 1 argument, got {}",
            args.len()
        )));
    }
    let x = arg(it, &args[0])?;
    let (mut r, mut e) = c_log(x);
    if let Some(b) = args.get(1) {
        let b = arg(it, b)?;
        let (lb, eb) = c_log(b);
        // C's errno: the base's log resets it, and a zero divisor sets it again.
        e = eb;
        match quot(r, lb) {
            Some(q) => r = q,
            None => {
                e = Err::Dom;
            }
        }
    }
    raise(e)?;
    Ok(value(r))
}

fn f_phase(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let z = one(it, "phase", args, kw)?;
    let p = z.im.atan2(z.re);
    // libm's atan2 reports an underflow to zero (a tiny imaginary part over a huge real one) as a range
    // error, which CPython raises.
    if p == 0.0 && z.im != 0.0 && z.im.is_finite() && z.re.is_finite() {
        return Err(Exc::new("OverflowError", "math range error"));
    }
    Ok(Value::float(p))
}

fn f_polar(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let z = one(it, "polar", args, kw)?;
    let r = crate::complex::abs(z).map_err(|_| Exc::new("OverflowError", "math range error"))?;
    Ok(Value::tuple(vec![
        Value::float(r),
        Value::float(z.im.atan2(z.re)),
    ]))
}

fn f_rect(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(Exc::type_err("rect() takes no keyword arguments"));
    }
    if args.len() != 2 {
        return Err(Exc::type_err(format!(
            "rect expected 2 arguments, got {}",
            args.len()
        )));
    }
    let r = real_arg(it, &args[0])?;
    let phi = real_arg(it, &args[1])?;
    let (z, e) = c_rect(r, phi);
    raise(e)?;
    Ok(value(z))
}

fn f_isfinite(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let z = one(it, "isfinite", args, kw)?;
    Ok(Value::bool(finite(z)))
}

fn f_isinf(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let z = one(it, "isinf", args, kw)?;
    Ok(Value::bool(z.re.is_infinite() || z.im.is_infinite()))
}

fn f_isnan(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let z = one(it, "isnan", args, kw)?;
    Ok(Value::bool(z.re.is_nan() || z.im.is_nan()))
}

fn f_isclose(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = super::bind_args(
        "isclose",
        args,
        kw,
        &["a", "b", "rel_tol", "abs_tol"],
        0,
        2,
        2,
    )?;
    let x = arg(it, a[0].as_ref().unwrap_or(&Value::None))?;
    let y = arg(it, a[1].as_ref().unwrap_or(&Value::None))?;
    let rel = match &a[2] {
        Some(v) => real_arg(it, v)?,
        None => 1e-9,
    };
    let abs_tol = match &a[3] {
        Some(v) => real_arg(it, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(Exc::value_err("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::bool(true));
    }
    if x.re.is_infinite() || x.im.is_infinite() || y.re.is_infinite() || y.im.is_infinite() {
        return Ok(Value::bool(false));
    }
    let d = crate::complex::abs(C::new(x.re - y.re, x.im - y.im)).unwrap_or(f64::INFINITY);
    let ax = crate::complex::abs(x).unwrap_or(f64::INFINITY);
    let ay = crate::complex::abs(y).unwrap_or(f64::INFINITY);
    Ok(Value::bool(
        (d <= rel * ay) || (d <= rel * ax) || d <= abs_tol,
    ))
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "cmath",
        "This module provides access to mathematical functions for complex\nnumbers.",
        &[
            ("acos", f_acos),
            ("acosh", f_acosh),
            ("asin", f_asin),
            ("asinh", f_asinh),
            ("atan", f_atan),
            ("atanh", f_atanh),
            ("cos", f_cos),
            ("cosh", f_cosh),
            ("exp", f_exp),
            ("isclose", f_isclose),
            ("isfinite", f_isfinite),
            ("isinf", f_isinf),
            ("isnan", f_isnan),
            ("log", f_log),
            ("log10", f_log10),
            ("phase", f_phase),
            ("polar", f_polar),
            ("rect", f_rect),
            ("sin", f_sin),
            ("sinh", f_sinh),
            ("sqrt", f_sqrt),
            ("tan", f_tan),
            ("tanh", f_tanh),
        ],
        "",
    )?;
    if let Value::Module(md) = &m {
        let mut d = md.dict.borrow_mut();
        d.set_str("__package__", Value::str(""));
        d.set_str("__loader__", Value::None);
        d.set_str("__spec__", Value::None);
        d.set_str("pi", Value::float(PI));
        d.set_str("e", Value::float(E));
        d.set_str("tau", Value::float(std::f64::consts::TAU));
        d.set_str("inf", Value::float(f64::INFINITY));
        d.set_str("infj", value(C::new(0.0, f64::INFINITY)));
        d.set_str("nan", Value::float(f64::NAN));
        d.set_str("nanj", value(C::new(0.0, f64::NAN)));
    }
    Ok(m)
}
