//! The core's fast lane for small operands: a finite `Decimal` (or int) whose coefficient fits a `u64`,
//! operated on in the current context when its precision is at most [`MAX_SMALL_PREC`] digits (the
//! precisions real programs use: decimal_pi runs at 9 and 19; past 19 digits a result's coefficient no
//! longer fits the lane and its next operation takes the general path).
//!
//! The operands are read straight from their field values into a three-word [`Small`] (no [`Fin`]
//! with its coefficient enum, no bigint), the operation and its rounding run on `u128`, and the result
//! is built once. Everything the lane does not take (a wider coefficient, a larger precision, an
//! exponent shift or quotient past `u128`, a zero divisor, a result past `Emax`) returns `None` before
//! any flag is set, and the general path ([`super::fast_binop`]'s) computes it: both give the same
//! result, since this lane is the general path's arithmetic written for machine words.

use super::{Ctx, INEXACT, Interp, Nat, P10, PyResult, ROUNDED, Round, Value, make, signals};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;
use std::cmp::Ordering;
use std::rc::Rc;

/// The largest precision the lane rounds to (the powers of ten it divides by are `u128`s); a quotient
/// also needs its dividend (the divisor's digits, the precision and one more) within 38 digits.
const MAX_SMALL_PREC: u64 = 38;

/// A finite decimal with a machine-word coefficient: `(-1)**sign * co * 10**exp`.
#[derive(Clone, Copy)]
pub(super) struct Small {
    sign: bool,
    co: u64,
    exp: i64,
}

/// The small decimal `v` is: an int, a bool, or a `Decimal` whose fields are read in one borrow
/// (`None` for anything else, a special, or a coefficient of 64 bits or more).
#[inline]
pub(super) fn small(n: &Nat, v: &Value) -> Option<Small> {
    match v {
        Value::Int(i) => Some(Small {
            sign: *i < 0,
            co: i.unsigned_abs(),
            exp: 0,
        }),
        Value::Bool(b) => Some(Small {
            sign: false,
            co: b.get() as u64,
            exp: 0,
        }),
        Value::Instance(i) => i.dict.with_prefix_cached(&n.caches(), decode)?,
        _ => None,
    }
}

/// The small value of the fields `[_sign, _int, _exp, _special]`.
#[inline]
fn decode(v: &[Value]) -> Option<Small> {
    let [sign, co, Value::Int(exp), Value::None] = v else {
        return None;
    };
    let sign = match sign {
        Value::Int(0) => false,
        Value::Int(1) => true,
        _ => return None,
    };
    let co = match co {
        Value::Int(x) if *x >= 0 => *x as u64,
        Value::Big(b) if b.sign() != Sign::Minus => b.to_u64()?,
        _ => return None,
    };
    Some(Small {
        sign,
        co,
        exp: *exp,
    })
}

/// The number of decimal digits of `x` (1 for zero).
#[inline]
fn digits(x: u128) -> u64 {
    match u64::try_from(x) {
        Ok(y) => y.checked_ilog10().map_or(1, |d| d as u64 + 1),
        Err(_) => x.ilog10() as u64 + 1,
    }
}

/// `(x / y, x % y)`, with one 64-bit division when both fit (a `u128` division is a library call).
#[inline]
fn divmod(x: u128, y: u128) -> (u128, u128) {
    if let (Ok(a), Ok(b)) = (u64::try_from(x), u64::try_from(y)) {
        return ((a / b) as u128, (a % b) as u128);
    }
    let q = x / y;
    (q, x - q * y)
}

/// The result `(-1)**sign * co * 10**exp` rounded to the context, as [`super::fix`] does: `None` (no
/// flag set yet) where it would overflow, for the general path to signal, or where it is subnormal or
/// a clamped zero, for the evalx-level `_fix`.
fn fix(
    it: &mut Interp,
    n: &Nat,
    ctx: &Ctx,
    sign: bool,
    mut co: u128,
    mut exp: i64,
) -> Option<PyResult<Value>> {
    let prec = ctx.prec;
    let mut d = digits(co);
    if ctx.outside(co == 0, d, exp) {
        return None;
    }
    let mut rounded = false;
    let mut inexact = false;
    if d > prec {
        let drop = d - prec;
        let p = P10[drop as usize];
        let (mut q, r) = divmod(co, p);
        if r != 0 {
            let half = p / 2;
            let up = match ctx.round {
                Round::Down => false,
                Round::Up => true,
                Round::Ceiling => !sign,
                Round::Floor => sign,
                Round::HalfUp => r >= half,
                Round::HalfDown => r > half,
                Round::HalfEven => r > half || (r == half && q % 2 == 1),
                Round::Up05 => matches!(q % 10, 0 | 5),
            };
            if up {
                q += 1;
            }
            inexact = true;
        }
        exp = exp.checked_add(drop as i64)?;
        // A carry out of the top digit (999.. rounded up) makes one digit more.
        if q >= P10[prec as usize] {
            q /= 10;
            exp = exp.checked_add(1)?;
        }
        co = q;
        d = prec;
        rounded = true;
    }
    if co != 0 && exp as i128 + d as i128 - 1 > ctx.emax as i128 {
        return None;
    }
    let sigs: &[usize] = match (inexact, rounded) {
        (true, _) => &[INEXACT, ROUNDED],
        (false, true) => &[ROUNDED],
        _ => &[],
    };
    if !sigs.is_empty() {
        if let Err(e) = signals(it, n, ctx, sigs) {
            return Some(Err(e));
        }
    }
    let int = match i64::try_from(co) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Big(Rc::new(BigInt::from(co))),
    };
    Some(Ok(make(n, sign, int, exp, Value::None)))
}

/// `a + b`, as [`super::add_fin`].
fn add(it: &mut Interp, n: &Nat, ctx: &Ctx, a: Small, b: Small) -> Option<PyResult<Value>> {
    let exp = a.exp.min(b.exp);
    let sa = a.exp.abs_diff(exp);
    let sb = b.exp.abs_diff(exp);
    if sa > 38 || sb > 38 {
        return None;
    }
    let x = (a.co as u128).checked_mul(P10[sa as usize])?;
    let y = (b.co as u128).checked_mul(P10[sb as usize])?;
    let (co, sign) = if a.sign == b.sign {
        (x.checked_add(y)?, a.sign)
    } else {
        match x.cmp(&y) {
            Ordering::Greater => (x - y, a.sign),
            Ordering::Less => (y - x, b.sign),
            Ordering::Equal => (0, false),
        }
    };
    let sign = if co == 0 {
        (a.sign && b.sign) || (ctx.round == Round::Floor && (a.sign || b.sign))
    } else {
        sign
    };
    fix(it, n, ctx, sign, co, exp)
}

/// `a * b`, as [`super::mul_fin`].
fn mul(it: &mut Interp, n: &Nat, ctx: &Ctx, a: Small, b: Small) -> Option<PyResult<Value>> {
    let exp = a.exp.checked_add(b.exp)?;
    fix(
        it,
        n,
        ctx,
        a.sign ^ b.sign,
        a.co as u128 * b.co as u128,
        exp,
    )
}

/// `a / b` for a non-zero `b`, as [`super::div_fin`]: a quotient one digit past the precision with a
/// sticky last digit, or the exact quotient with the ideal exponent.
fn div(it: &mut Interp, n: &Nat, ctx: &Ctx, a: Small, b: Small) -> Option<PyResult<Value>> {
    if b.co == 0 {
        return None;
    }
    let sign = a.sign ^ b.sign;
    let ideal = a.exp.checked_sub(b.exp)?;
    if a.co == 0 {
        return fix(it, n, ctx, sign, 0, ideal);
    }
    let (da, db) = (digits(a.co as u128), digits(b.co as u128));
    let shift = db as i64 - da as i64 + ctx.prec as i64 + 1;
    let (mut q, r) = if shift >= 0 {
        // The dividend has `db + prec + 1` digits at most.
        if db + ctx.prec + 1 > 38 {
            return None;
        }
        divmod(a.co as u128 * P10[shift as usize], b.co as u128)
    } else {
        // The divisor scaled has `da - prec - 1` digits, under 20.
        divmod(a.co as u128, b.co as u128 * P10[(-shift) as usize])
    };
    let mut exp = ideal.checked_sub(shift)?;
    if r != 0 {
        if q % 5 == 0 {
            q += 1;
        }
    } else {
        while exp < ideal && q % 10 == 0 && q != 0 {
            q /= 10;
            exp += 1;
        }
    }
    fix(it, n, ctx, sign, q, exp)
}

/// Whether the lane computes in this context (its precision at most [`MAX_SMALL_PREC`]): checked
/// before the operands are read, so that a large precision (decimal_factorial's) costs nothing here.
#[inline]
pub(super) fn takes(ctx: &Ctx) -> bool {
    ctx.prec <= MAX_SMALL_PREC
}

/// `a op b` in the lane (`+ - * /`) for a context it [`takes`]; `None` for the general path.
#[inline]
pub(super) fn binop(
    it: &mut Interp,
    n: &Nat,
    ctx: &Ctx,
    a: Small,
    op: crate::ast::BinOp,
    mut b: Small,
) -> Option<PyResult<Value>> {
    use crate::ast::BinOp;
    match op {
        BinOp::Add => add(it, n, ctx, a, b),
        BinOp::Sub => {
            b.sign = !b.sign;
            add(it, n, ctx, a, b)
        }
        BinOp::Mul => mul(it, n, ctx, a, b),
        BinOp::Div => div(it, n, ctx, a, b),
        _ => None,
    }
}

/// The order of two small decimals, as [`super::cmp_fin`]; `None` when aligning them passes `u128`.
#[inline]
pub(super) fn cmp(a: Small, b: Small) -> Option<Ordering> {
    let class = |s: &Small| match (s.co, s.sign) {
        (0, _) => 0,
        (_, true) => -1,
        _ => 1,
    };
    let (sa, sb) = (class(&a), class(&b));
    if sa != sb || sa == 0 {
        return Some(sa.cmp(&sb));
    }
    let c = if a.exp == b.exp {
        a.co.cmp(&b.co)
    } else {
        let exp = a.exp.min(b.exp);
        let (ka, kb) = (a.exp.abs_diff(exp), b.exp.abs_diff(exp));
        if ka > 38 || kb > 38 {
            return None;
        }
        let x = (a.co as u128).checked_mul(P10[ka as usize])?;
        let y = (b.co as u128).checked_mul(P10[kb as usize])?;
        x.cmp(&y)
    };
    Some(if sa > 0 { c } else { c.reverse() })
}
