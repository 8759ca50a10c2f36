//! `math`: the functions `core.rs` has always had (`make_module`), completed here with the rest of
//! CPython 3.11's module (`acosh`, `asinh`, `atanh`, `cbrt`, `erf`, `erfc`, `exp2`, `frexp`, `gamma`,
//! `ldexp`, `lgamma`, `nextafter`, `remainder`, `ulp`) so `dir(math)` lists what CPython's lists.
//! Like CPython, the transcendental functions come from the platform's C math library (on Unix, the one
//! Rust's standard library already links), so results agree with CPython's to the last digit there;
//! elsewhere the `libm` crate (a pure-Rust port of musl's libm) stands in. `gamma` and `lgamma` are
//! computed as CPython computes them (its own Lanczos approximation, in `lanczos.rs`, not the C library's
//! `tgamma`/`lgamma`), so they agree with CPython's to the last digit everywhere.

#[cfg(unix)]
mod c {
    unsafe extern "C" {
        pub safe fn cbrt(x: f64) -> f64;
        pub safe fn erf(x: f64) -> f64;
        pub safe fn erfc(x: f64) -> f64;
        pub safe fn exp2(x: f64) -> f64;
        pub safe fn asinh(x: f64) -> f64;
        pub safe fn acosh(x: f64) -> f64;
        pub safe fn atanh(x: f64) -> f64;
    }
}
#[cfg(not(unix))]
mod c {
    pub use libm::{acosh, asinh, atanh, cbrt, erf, erfc, exp2};
}

mod core;
mod lanczos;

use super::{Kw, arity, native};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{NativeFn, Value};
use num_traits::ToPrimitive;

fn farg(it: &mut Interp, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(f.get()),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(**b as i64 as f64),
        Value::Big(b) => b
            .to_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| Exc::new("OverflowError", "int too large to convert to float")),
        Value::Instance(_) => {
            if it.get_attr_opt(v, "__float__")?.is_some() {
                match it.call_method(v, "__float__", Vec::new())? {
                    Value::Float(f) => Ok(f.get()),
                    _ => Err(Exc::type_err("__float__ returned non-float")),
                }
            } else {
                Err(Exc::type_err(format!(
                    "must be real number, not {}",
                    crate::builtins::type_name(v)
                )))
            }
        }
        other => Err(Exc::type_err(format!(
            "must be real number, not {}",
            crate::builtins::type_name(other)
        ))),
    }
}

fn domain() -> Box<Exc> {
    Exc::value_err("math domain error")
}

fn range() -> Box<Exc> {
    Exc::new("OverflowError", "math range error")
}

/// A one-argument function: computes `f(x)`; a NaN from a non-NaN input is a domain error and an infinity
/// from a finite input a range error (CPython's `math_1` rule).
fn one(
    it: &mut Interp,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    arity(name, args, kw, 1, 1)?;
    let x = farg(it, &args[0])?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(Value::float(r))
}

fn acosh(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one(it, "math.acosh", a, kw, |x| c::acosh(x), true)
}
fn asinh(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one(it, "math.asinh", a, kw, |x| c::asinh(x), true)
}
fn atanh(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one(it, "math.atanh", a, kw, |x| c::atanh(x), false)
}
fn cbrt(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one(it, "math.cbrt", a, kw, |x| c::cbrt(x), true)
}
fn erf(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one(it, "math.erf", a, kw, |x| c::erf(x), true)
}
fn erfc(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one(it, "math.erfc", a, kw, |x| c::erfc(x), true)
}
fn exp2(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    one(it, "math.exp2", a, kw, |x| c::exp2(x), true)
}

fn gamma(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("math.gamma", a, kw, 1, 1)?;
    let x = farg(it, &a[0])?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    if x == f64::NEG_INFINITY || (x <= 0.0 && x == x.floor()) {
        return Err(domain());
    }
    if x == f64::INFINITY {
        return Ok(Value::float(x));
    }
    let r = lanczos::gamma(x);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Value::float(r))
}

fn lgamma(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("math.lgamma", a, kw, 1, 1)?;
    let x = farg(it, &a[0])?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    if x.is_infinite() {
        return Ok(Value::float(f64::INFINITY));
    }
    if x <= 0.0 && x == x.floor() {
        return Err(domain());
    }
    let r = lanczos::lgamma(x);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Value::float(r))
}

/// `frexp(x)`: `(m, e)` with `x == m * 2**e` and `0.5 <= abs(m) < 1`.
pub(crate) fn frexp_f(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp_f(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

fn frexp(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("math.frexp", a, kw, 1, 1)?;
    let x = farg(it, &a[0])?;
    let (m, e) = frexp_f(x);
    Ok(Value::tuple(vec![Value::float(m), Value::Int(e as i64)]))
}

fn ldexp(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("ldexp", a, kw, 2, 2)?;
    let x = farg(it, &a[0])?;
    let e: i64 = match &a[1] {
        Value::Int(i) => *i,
        Value::Bool(b) => **b as i64,
        Value::Big(b) => {
            if b.sign() == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        _ => {
            return Err(Exc::type_err(
                "Expected an int as second argument to ldexp.",
            ));
        }
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::float(x));
    }
    let e = e.clamp(-10_000, 10_000) as i32;
    let r = libm::scalbn(x, e);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Value::float(r))
}

fn nextafter_f(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        let tiny = f64::from_bits(1);
        return if y > 0.0 { tiny } else { -tiny };
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn nextafter(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("nextafter", a, kw, 2, 2)?;
    let x = farg(it, &a[0])?;
    let y = farg(it, &a[1])?;
    Ok(Value::float(nextafter_f(x, y)))
}

fn ulp(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("math.ulp", a, kw, 1, 1)?;
    let x = farg(it, &a[0])?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::float(x));
    }
    let x2 = nextafter_f(x, f64::INFINITY);
    if x2.is_infinite() {
        let x2 = nextafter_f(x, f64::NEG_INFINITY);
        return Ok(Value::float(x - x2));
    }
    Ok(Value::float(x2 - x))
}

fn remainder(it: &mut Interp, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("remainder", a, kw, 2, 2)?;
    let x = farg(it, &a[0])?;
    let y = farg(it, &a[1])?;
    if x.is_nan() {
        return Ok(Value::float(x));
    }
    if y.is_nan() {
        return Ok(Value::float(y));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain());
    }
    if y.is_infinite() {
        return Ok(Value::float(x));
    }
    Ok(Value::float(libm::remainder(x, y)))
}

const EXTRA: &[(&str, NativeFn)] = &[
    ("acosh", acosh),
    ("asinh", asinh),
    ("atanh", atanh),
    ("cbrt", cbrt),
    ("erf", erf),
    ("erfc", erfc),
    ("exp2", exp2),
    ("frexp", frexp),
    ("gamma", gamma),
    ("ldexp", ldexp),
    ("lgamma", lgamma),
    ("nextafter", nextafter),
    ("remainder", remainder),
    ("ulp", ulp),
];

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = core::make_module(it, "math")
        .ok_or_else(|| Exc::new("ImportError", "math is not available"))?;
    if let Value::Module(md) = &m {
        let mut d = md.dict.borrow_mut();
        for (n, f) in EXTRA {
            d.set_str(n, native(n, *f));
        }
        d.set_str("__package__", Value::str(""));
        d.set_str("__loader__", Value::None);
        d.set_str("__spec__", Value::None);
    }
    Ok(m)
}
