//! Numeric semantics: int (i64 fast path promoting to BigInt on overflow), float and bool arithmetic,
//! comparisons across numeric types, and Python's floor division / modulo / power rules and error texts.

use crate::ast::BinOp;
use crate::interp::{Exc, PyResult};
use crate::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// A numeric operand.
#[derive(Debug)]
pub enum N {
    I(i64),
    B(BigInt),
    F(f64),
}

/// Converts a value to a numeric operand (bool counts as int).
pub fn as_num(v: &Value) -> Option<N> {
    match v {
        Value::Int(i) => Some(N::I(*i)),
        Value::Bool(b) => Some(N::I(*b as i64)),
        Value::Big(b) => Some(N::B((**b).clone())),
        Value::Float(f) => Some(N::F(f.get())),
        _ => None,
    }
}

fn big(n: &N) -> BigInt {
    match n {
        N::I(i) => BigInt::from(*i),
        N::B(b) => b.clone(),
        N::F(f) => BigInt::from(*f as i64),
    }
}

/// Converts a BigInt to f64, or fails with CPython's OverflowError.
pub fn big_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(Exc::new(
            "OverflowError",
            "int too large to convert to float",
        )),
    }
}

fn flt(n: &N) -> PyResult<f64> {
    Ok(match n {
        N::I(i) => *i as f64,
        N::B(b) => big_to_f64(b)?,
        N::F(f) => *f,
    })
}

/// Floor division and modulo of i64s with Python's sign rules (caller checks for zero).
#[inline]
pub fn floordiv_i64(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q.checked_sub(1)
    } else {
        Some(q)
    }
}
/// Python modulo of i64s (caller checks for zero).
#[inline]
pub fn mod_i64(a: i64, b: i64) -> i64 {
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// The C library's `fmod` (the one CPython's `float % float` and `math.fmod` call). Rust's `%` on `f64`
/// lowers to a call into the compiler's own software `fmod`, several times slower than the platform's;
/// both return the exact remainder (it is always representable), so the results are the same bits.
#[cfg(unix)]
mod c {
    unsafe extern "C" {
        pub safe fn fmod(x: f64, y: f64) -> f64;
    }
}

/// `x % y` as C's `fmod`: the exact remainder with the sign of `x` (NaN for `y == 0` or infinite `x`).
#[inline]
pub(crate) fn c_fmod(x: f64, y: f64) -> f64 {
    #[cfg(unix)]
    {
        c::fmod(x, y)
    }
    #[cfg(not(unix))]
    {
        x % y
    }
}

fn fmod(a: f64, b: f64) -> f64 {
    let r = c_fmod(a, b);
    if r != 0.0 && ((r < 0.0) != (b < 0.0)) {
        r + b
    } else if r == 0.0 {
        0.0f64.copysign(b)
    } else {
        r
    }
}

/// `+ - * / % //` when one operand is a float and the other a float or an int: the inline path the evaluator
/// takes before the general [`arith`] (`None` for anything else, a zero divisor included, so the error
/// texts stay in one place). An int converts as CPython's `PyLong_AsDouble` does for an `i64`: rounded
/// to the nearest double, ties to even, which is what `as f64` does.
#[inline(always)]
pub(crate) fn float_fast(a: &Value, op: BinOp, b: &Value) -> Option<Value> {
    let (x, y) = match (a, b) {
        (Value::Float(x), Value::Float(y)) => (x.get(), y.get()),
        (Value::Float(x), Value::Int(y)) => (x.get(), *y as f64),
        (Value::Int(x), Value::Float(y)) => (*x as f64, y.get()),
        _ => return None,
    };
    Some(Value::float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y != 0.0 => x / y,
        BinOp::Mod if y != 0.0 => fmod(x, y),
        BinOp::FloorDiv if y != 0.0 => float_floordiv(x, y),
        BinOp::Pow => return float_pow_fast(x, y),
        _ => return None,
    }))
}

/// `x ** y` for [`float_fast`], when the general path would compute `powf` and accept its result: a finite
/// base, positive or negative with a whole exponent (`d ** 2` of a difference; C's `pow` gives a negative
/// base's result the sign CPython's `float_pow` gives it by negating), a finite exponent and a finite
/// result (no error, no complex result, no overflow; an underflow to zero is accepted there too).
#[inline(never)]
fn float_pow_fast(x: f64, y: f64) -> Option<Value> {
    if x.is_finite() && y.is_finite() && (x > 0.0 || (x < 0.0 && y == y.floor())) {
        let r = x.powf(y);
        if r.is_finite() {
            return Some(Value::float(r));
        }
    }
    None
}

/// Applies a binary operator to two numbers; `None` when the operands are not both numbers.
pub fn arith(a: &Value, op: BinOp, b: &Value) -> Option<PyResult<Value>> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Some(int_op(*x, op, *y));
    }
    if matches!(a, Value::Big(_)) || matches!(b, Value::Big(_)) {
        if let Some(r) = crate::bigops::arith_ref(a, op, b) {
            return Some(r);
        }
    }
    if matches!(a, Value::Complex(_)) || matches!(b, Value::Complex(_)) {
        return crate::complex::arith(a, op, b);
    }
    let (x, y) = (as_num(a)?, as_num(b)?);
    Some(match (&x, &y) {
        (N::F(_), _) | (_, N::F(_)) => (|| float_op(flt(&x)?, op, flt(&y)?))(),
        // bool & | ^ bool stay bool (bool's own nb_and/nb_or/nb_xor).
        _ => match (a, b, op) {
            (Value::Bool(p), Value::Bool(q), BinOp::BitAnd) => Ok(Value::bool(p.get() & q.get())),
            (Value::Bool(p), Value::Bool(q), BinOp::BitOr) => Ok(Value::bool(p.get() | q.get())),
            (Value::Bool(p), Value::Bool(q), BinOp::BitXor) => Ok(Value::bool(p.get() ^ q.get())),
            _ => big_op(big(&x), op, big(&y)),
        },
    })
}

fn int_op(x: i64, op: BinOp, y: i64) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => {
            if y == 0 {
                return Err(Exc::new("ZeroDivisionError", "division by zero"));
            }
            // Both exact as doubles: one correctly rounded division (no big ints made for it).
            if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                return Ok(Value::float(x as f64 / y as f64));
            }
            return Ok(Value::float(true_div_int(
                &BigInt::from(x),
                &BigInt::from(y),
            )?));
        }
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(Exc::new(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ));
            }
            floordiv_i64(x, y)
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(Exc::new("ZeroDivisionError", "integer modulo by zero"));
            }
            Some(mod_i64(x, y))
        }
        BinOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return Err(Exc::new(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                return Ok(Value::float((x as f64).powf(y as f64)));
            }
            u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
        }
        BinOp::LShift => {
            if y < 0 {
                return Err(Exc::new("ValueError", "negative shift count"));
            }
            if y < 63 && x.unsigned_abs() < (1u64 << (63 - y)) {
                Some(x << y)
            } else {
                None
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Err(Exc::new("ValueError", "negative shift count"));
            }
            Some(if y >= 64 {
                if x < 0 { -1 } else { 0 }
            } else {
                x >> y
            })
        }
        BinOp::BitAnd => Some(x & y),
        BinOp::BitOr => Some(x | y),
        BinOp::BitXor => Some(x ^ y),
        BinOp::MatMul => return Err(unsupported(op, "int", "int")),
    };
    match r {
        Some(v) => Ok(Value::Int(v)),
        None => big_op(BigInt::from(x), op, BigInt::from(y)),
    }
}

fn true_div_int(x: &BigInt, y: &BigInt) -> PyResult<f64> {
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
        if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
            return Ok(a as f64 / b as f64);
        }
    }
    // Exact division rounded once (as CPython): the integer quotient scaled to carry 66+ significant
    // bits, its last bit made sticky when the division was inexact, is converted with one rounding.
    let neg = x.is_negative() != y.is_negative();
    let (ax, ay) = (x.abs(), y.abs());
    let shift = ax.bits() as i64 - ay.bits() as i64 - 66;
    let (num, den) = if shift > 0 {
        (ax, ay << shift as usize)
    } else {
        (ax << (-shift) as usize, ay)
    };
    let (mut q, r) = num.div_rem(&den);
    if !r.is_zero() {
        q |= BigInt::from(1);
    }
    let mag = q.to_f64().unwrap_or(f64::INFINITY);
    // Rescale in two steps so that neither power of two overflows on its own.
    let half = shift / 2;
    let f = mag * 2f64.powi(half as i32) * 2f64.powi((shift - half) as i32);
    if !f.is_finite() {
        return Err(Exc::new(
            "OverflowError",
            "integer division result too large for a float",
        ));
    }
    Ok(if neg { -f } else { f })
}

fn big_op(x: BigInt, op: BinOp, y: BigInt) -> PyResult<Value> {
    Ok(Value::from_big(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => {
            if x.bits() + y.bits() > 64_000_000 {
                return Err(Exc::new("MemoryError", ""));
            }
            x * y
        }
        BinOp::Div => {
            if y.is_zero() {
                return Err(Exc::new("ZeroDivisionError", "division by zero"));
            }
            return Ok(Value::float(true_div_int(&x, &y)?));
        }
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(Exc::new(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ));
            }
            x.div_floor(&y)
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(Exc::new("ZeroDivisionError", "integer modulo by zero"));
            }
            x.mod_floor(&y)
        }
        BinOp::Pow => {
            if y.is_negative() {
                if x.is_zero() {
                    return Err(Exc::new(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                return Ok(Value::float(big_to_f64(&x)?.powf(big_to_f64(&y)?)));
            }
            if x.is_zero() || x.is_one() {
                return Ok(Value::from_big(if y.is_zero() { BigInt::one() } else { x }));
            }
            if x == BigInt::from(-1) {
                return Ok(Value::Int(if y.is_even() { 1 } else { -1 }));
            }
            let e = y
                .to_u64()
                .filter(|e| (*e as u128) * (x.bits() as u128) < 64_000_000);
            match e {
                Some(e) => Pow::pow(x, e),
                None => return Err(Exc::new("MemoryError", "")),
            }
        }
        BinOp::LShift => {
            if y.is_negative() {
                return Err(Exc::new("ValueError", "negative shift count"));
            }
            match y.to_usize().filter(|s| *s < 64_000_000) {
                Some(s) => x << s,
                None => return Err(Exc::new("OverflowError", "too many digits in integer")),
            }
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err(Exc::new("ValueError", "negative shift count"));
            }
            match y.to_usize() {
                Some(s) => x >> s,
                None => {
                    if x.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::MatMul => return Err(unsupported(op, "int", "int")),
    }))
}

fn float_op(x: f64, op: BinOp, y: f64) -> PyResult<Value> {
    Ok(Value::float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(Exc::new("ZeroDivisionError", "float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(Exc::new(
                    "ZeroDivisionError",
                    "float floor division by zero",
                ));
            }
            float_floordiv(x, y)
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(Exc::new("ZeroDivisionError", "float modulo"));
            }
            fmod(x, y)
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(Exc::new(
                    "ZeroDivisionError",
                    "0.0 cannot be raised to a negative power",
                ));
            }
            if x < 0.0 && y.is_finite() && y != y.floor() {
                // A negative base to a fractional power is complex (CPython hands it to complex's pow).
                let c = crate::complex::C::new;
                return crate::complex::pow(c(x, 0.0), c(y, 0.0)).map(crate::complex::value);
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(Exc::new(
                    "OverflowError",
                    "(34, 'Numerical result out of range')",
                ));
            }
            r
        }
        _ => {
            return Err(unsupported(op, "float", "float"));
        }
    }))
}

/// `x // y` for floats (`y != 0`), step for step as CPython's `_float_div_mod`: the quotient of
/// `x - fmod(x, y)`, less one when the remainder's sign is fixed, floored and rounded to the nearest
/// integer; a zero quotient takes the sign of `x / y`.
fn float_floordiv(x: f64, y: f64) -> f64 {
    let m = c_fmod(x, y);
    let mut div = (x - m) / y;
    if m != 0.0 && (y < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    // NaN counts as true there (C's `if (div)`).
    if div != 0.0 {
        let mut q = div.floor();
        if div - q > 0.5 {
            q += 1.0;
        }
        q
    } else {
        0.0f64.copysign(x / y)
    }
}

/// The TypeError for an operator applied to unsupported types.
pub fn unsupported(op: BinOp, a: &str, b: &str) -> Box<Exc> {
    Exc::new(
        "TypeError",
        format!(
            "unsupported operand type(s) for {}: '{a}' and '{b}'",
            op.symbol()
        ),
    )
}

/// A float (not NaN) against an `i64`, exactly (as CPython's `float_richcompare`), with no big ints: an int
/// of at most 53 bits converts exactly; beyond, the float's integer part is compared first.
#[inline]
fn cmp_float_i64(f: f64, i: i64) -> Ordering {
    const EXACT: u64 = 1 << 53;
    if i.unsigned_abs() <= EXACT {
        // Neither side is NaN here.
        return f.partial_cmp(&(i as f64)).unwrap_or(Ordering::Equal);
    }
    // |i| > 2**53: a float of at least 2**63 in size lies beyond every i64.
    if f >= 9_223_372_036_854_775_808.0 {
        return Ordering::Greater;
    }
    if f < -9_223_372_036_854_775_808.0 {
        return Ordering::Less;
    }
    let fl = f.floor();
    // -2**63 <= fl < 2**63: exact as an i64.
    match (fl as i64).cmp(&i) {
        Ordering::Equal if f > fl => Ordering::Greater,
        o => o,
    }
}

/// Compares two numbers (`None` if either is not a number or a float is NaN).
#[inline]
pub fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => return x.partial_cmp(y),
        (Value::Float(x), Value::Int(y)) => {
            let f = x.get();
            return if f.is_nan() {
                None
            } else {
                Some(cmp_float_i64(f, *y))
            };
        }
        (Value::Int(x), Value::Float(y)) => {
            let f = y.get();
            return if f.is_nan() {
                None
            } else {
                Some(cmp_float_i64(f, *x).reverse())
            };
        }
        _ => {}
    }
    let (x, y) = (as_num(a)?, as_num(b)?);
    match (&x, &y) {
        (N::F(f), N::F(g)) => f.partial_cmp(g),
        (N::F(f), other) => cmp_float_int(*f, other),
        (other, N::F(f)) => cmp_float_int(*f, other).map(Ordering::reverse),
        _ => Some(big(&x).cmp(&big(&y))),
    }
}

fn cmp_float_int(f: f64, n: &N) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if let N::I(i) = n {
        return Some(cmp_float_i64(f, *i));
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let i = big(n);
    let fl = f.floor();
    // A finite float's floor is an integer the float holds exactly, however large (a cast through
    // `i128` saturated past 2**127).
    let fb = <BigInt as num_traits::FromPrimitive>::from_f64(fl)?;
    match fb.cmp(&i) {
        // `fl <= f < fl + 1`: a fraction only decides a tie.
        Ordering::Equal => Some(if f > fl {
            Ordering::Greater
        } else {
            Ordering::Equal
        }),
        o => Some(o),
    }
}

/// `-x`, `+x`, `~x` for numbers.
pub fn unary_num(op: crate::ast::UnOp, v: &Value) -> Option<Value> {
    use crate::ast::UnOp;
    Some(match (op, v) {
        (UnOp::Neg, Value::Int(i)) => i
            .checked_neg()
            .map(Value::Int)
            .unwrap_or_else(|| Value::from_big(-BigInt::from(*i))),
        (UnOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
        (UnOp::Neg, Value::Big(b)) => Value::from_big(-(**b).clone()),
        (UnOp::Neg, Value::Float(f)) => Value::float(-f.get()),
        (UnOp::Neg, Value::Complex(c)) => Value::Complex(std::rc::Rc::new((-c.0, -c.1))),
        (UnOp::Pos, Value::Complex(_)) => v.clone(),
        (UnOp::Pos, Value::Int(_) | Value::Big(_) | Value::Float(_)) => v.clone(),
        (UnOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
        (UnOp::Invert, Value::Int(i)) => Value::Int(!i),
        (UnOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
        (UnOp::Invert, Value::Big(b)) => Value::from_big(-(**b).clone() - 1),
        _ => return None,
    })
}

/// Converts an int value to BigInt.
pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

/// Converts an int-like value (int, bool) to f64.
pub fn to_f64(v: &Value) -> PyResult<Option<f64>> {
    Ok(match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Big(b) => Some(big_to_f64(b)?),
        Value::Float(f) => Some(f.get()),
        _ => None,
    })
}

/// Python's `round(x, ndigits)` for floats (round-half-even on the decimal representation).
pub fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    if nd > 300 {
        return x;
    }
    if nd < -308 {
        return 0.0 * x;
    }
    // The exact value rounded half-even at the requested digit and read back correctly rounded, as
    // CPython's `double_round` does through dtoa: Rust's fixed formatting is exact for `nd >= 0`.
    if nd >= 0 {
        let s = format!("{:.*}", nd as usize, x);
        s.parse().unwrap_or(x)
    } else {
        use num_bigint::BigInt;
        use num_integer::Integer;
        // x = mant * 2^exp exactly; q = x / 10^-nd rounded half-even, then q * 10^-nd read back.
        let bits = x.abs().to_bits();
        let (biased, frac) = ((bits >> 52) as i64, bits & ((1u64 << 52) - 1));
        let (mant, exp) = if biased == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), biased - 1075)
        };
        let mut num = BigInt::from(mant);
        let mut den = num_traits::pow(BigInt::from(10), (-nd) as usize);
        if exp >= 0 {
            num <<= exp as usize;
        } else {
            den <<= (-exp) as usize;
        }
        let (q, r) = num.div_rem(&den);
        let twice = r * 2;
        let q = if twice > den || (twice == den && q.is_odd()) {
            q + 1
        } else {
            q
        };
        let v: f64 = format!("{q}e{}", -nd).parse().unwrap_or(f64::INFINITY);
        if x < 0.0 { -v } else { v }
    }
}

/// CPython's limit on decimal digits converted between int and str (`sys.get_int_max_str_digits()`): it
/// keeps `str()` and `int()` of huge numbers, quadratic operations, from running for seconds.
pub const MAX_STR_DIGITS: usize = 4300;

/// `ValueError` if `str()` of `b` would have more than [`MAX_STR_DIGITS`] digits.
pub fn check_int_to_str(b: &num_bigint::BigInt) -> crate::interp::PyResult<()> {
    // digits = floor(bits * log10(2)) + 1, within one of the truth; decide the narrow band exactly.
    let bits = b.bits();
    let approx = (bits as f64 * std::f64::consts::LOG10_2) as u64;
    let too_many = if approx > MAX_STR_DIGITS as u64 + 1 {
        true
    } else if approx + 1 < MAX_STR_DIGITS as u64 {
        false
    } else {
        b.magnitude().to_string().len() > MAX_STR_DIGITS
    };
    if too_many {
        return Err(crate::interp::Exc::value_err(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(())
}

/// `ValueError` if `int(s, base)` would convert more than [`MAX_STR_DIGITS`] digits (bases that are powers
/// of two convert in linear time and have no limit, as in CPython).
pub fn check_str_to_int(s: &str, base: u32) -> crate::interp::PyResult<()> {
    let t = s.trim().trim_start_matches(['+', '-']);
    let lower = t.get(..2).map(|p| p.to_ascii_lowercase());
    let prefixed = matches!(lower.as_deref(), Some("0x" | "0o" | "0b"));
    if base.is_power_of_two() || (base == 0 && prefixed) {
        return Ok(());
    }
    let digits = t.chars().filter(|&c| c != '_').count();
    if digits > MAX_STR_DIGITS {
        return Err(crate::interp::Exc::value_err(format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(())
}
