//! Arithmetic on big ints (`num-bigint`) without copying the operands, and floor division by a divisor of
//! about the dividend's size in linear time.
//!
//! [`crate::num::arith`] turns its operands into owned numbers, which copies a big int on every operation;
//! for `+ - * // %` with a big operand this module computes on the borrowed numbers instead (a machine-word
//! operand stays a word: `big * 7` is one pass over `big`).
//!
//! num-bigint divides numbers of more than a few dozen limbs by Burnikel–Ziegler recursion whatever the size
//! of the quotient, which copies and shifts both numbers several times; when the quotient has at most 62 bits
//! (the spigot programs' `(q*j + r) // (s*j + t)`) [`div_mod_floor`] estimates it from the top 128 bits of
//! the operands, multiplies back once and corrects by at most a few subtractions.

use crate::ast::BinOp;
use crate::interp::{Exc, PyResult};
use crate::value::Value;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::Zero;
use std::cmp::Ordering;

/// An int operand, borrowed.
enum IntRef<'a> {
    S(i64),
    B(&'a BigInt),
}

fn int_ref(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::S(*i)),
        Value::Bool(b) => Some(IntRef::S(b.get() as i64)),
        Value::Big(b) => Some(IntRef::B(b)),
        _ => None,
    }
}

/// `+ - * // %` on two ints, at least one of them a BigInt, computed on the borrowed numbers; `None` for
/// other operators and operand types (and a zero divisor), which take [`crate::num::arith`]'s general path.
pub(crate) fn arith_ref(a: &Value, op: BinOp, b: &Value) -> Option<PyResult<Value>> {
    use IntRef::{B, S};
    let (x, y) = (int_ref(a)?, int_ref(b)?);
    let r = match (op, &x, &y) {
        (BinOp::Add, B(p), B(q)) => *p + *q,
        (BinOp::Add, B(p), S(q)) => *p + *q,
        (BinOp::Add, S(p), B(q)) => *p + *q,
        (BinOp::Sub, B(p), B(q)) => *p - *q,
        (BinOp::Sub, B(p), S(q)) => *p - *q,
        (BinOp::Sub, S(p), B(q)) => *p - *q,
        (BinOp::Mul, B(p), B(q)) => {
            if p.bits() + q.bits() > 64_000_000 {
                return Some(Err(Exc::new("MemoryError", "")));
            }
            *p * *q
        }
        (BinOp::Mul, B(p), S(q)) => *p * *q,
        (BinOp::Mul, S(p), B(q)) => *p * *q,
        (BinOp::FloorDiv | BinOp::Mod, _, S(0)) => return None,
        (BinOp::FloorDiv, B(p), B(q)) => div_mod_floor(p, q).0,
        (BinOp::FloorDiv, B(p), S(q)) => p.div_floor(&BigInt::from(*q)),
        (BinOp::Mod, B(p), B(q)) => div_mod_floor(p, q).1,
        (BinOp::Mod, B(p), S(q)) => p.mod_floor(&BigInt::from(*q)),
        _ => return None,
    };
    Some(Ok(Value::from_big(r)))
}

/// Python's `(a // b, a % b)` for a nonzero `b`.
pub(crate) fn div_mod_floor(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let Some((q, r)) = short_div_rem(a.magnitude(), b.magnitude()) else {
        return a.div_mod_floor(b);
    };
    // Truncated magnitudes to floor semantics: the remainder takes the divisor's sign.
    let (sa, sb) = (a.sign(), b.sign());
    if sa == Sign::NoSign || sa == sb || r.is_zero() {
        let q_sign = if sa == Sign::NoSign || sa == sb {
            Sign::Plus
        } else {
            Sign::Minus
        };
        (
            BigInt::from_biguint(q_sign, BigUint::from(q)),
            BigInt::from_biguint(sb, r),
        )
    } else {
        let r = b.magnitude() - r;
        (
            -BigInt::from(u128::from(q) + 1),
            BigInt::from_biguint(sb, r),
        )
    }
}

/// `floor(m / 2^k)`, cut to its low 128 bits.
fn bits_from(m: &BigUint, k: u64) -> u128 {
    let limb = (k / 64) as usize;
    let off = (k % 64) as u32;
    let mut it = m.iter_u64_digits().skip(limb);
    let l0 = it.next().unwrap_or(0) as u128;
    let l1 = it.next().unwrap_or(0) as u128;
    let l2 = it.next().unwrap_or(0) as u128;
    if off == 0 {
        l0 | (l1 << 64)
    } else {
        (l0 >> off) | (l1 << (64 - off)) | (l2 << (128 - off))
    }
}

/// Truncated `(a / b, a % b)` of magnitudes when the quotient has at most 62 bits; `None` otherwise (and
/// for a zero divisor).
fn short_div_rem(a: &BigUint, b: &BigUint) -> Option<(u64, BigUint)> {
    let (na, nb) = (a.bits(), b.bits());
    if nb == 0 || na > nb + 62 {
        return None;
    }
    if na < nb {
        return Some((0, a.clone()));
    }
    // a = a'·2^k + ra, b = b'·2^k + rb with b' of 64 bits (when k > 0): a'/(b'+1) <= a/b < (a'+1)/b', so
    // the estimate a'/b' is within 2 of the quotient.
    let k = nb.saturating_sub(64);
    let (ta, tb) = (bits_from(a, k), bits_from(b, k));
    let mut q = u64::try_from(ta / tb).ok()?;
    let mut prod = b * q;
    let mut tries = 0;
    while prod > *a {
        if tries == 4 || q == 0 {
            return None;
        }
        prod -= b;
        q -= 1;
        tries += 1;
    }
    let mut r = a - prod;
    while r.cmp(b) != Ordering::Less {
        if tries == 4 {
            return None;
        }
        r -= b;
        q += 1;
        tries += 1;
    }
    Some((q, r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::{One, Pow};

    fn check(a: &BigInt, b: &BigInt) {
        let want = a.div_mod_floor(b);
        assert_eq!(div_mod_floor(a, b), want, "{a} divmod {b}");
    }

    #[test]
    fn short_quotients_match_num_bigint_for_every_sign() {
        let ten = BigInt::from(10);
        let base: BigInt = Pow::pow(&ten, 2000u32) + BigInt::from(12345);
        let mut divisors = Vec::new();
        for shift in [0usize, 1, 7, 61, 62, 63, 64, 65, 100, 3000] {
            divisors.push(&base >> shift);
            divisors.push((&base >> shift) + BigInt::one());
            divisors.push((&base >> shift) - BigInt::one());
        }
        // Exact multiples and one below them (where an estimate is most likely off by one).
        let d = &base >> 40usize;
        let exact = &d * BigInt::from(987_654_321u64);
        for a in [
            &base,
            &exact,
            &(&exact - BigInt::one()),
            &(&exact + BigInt::one()),
        ] {
            for b in divisors.iter().chain([&d]) {
                for (sa, sb) in [(1, 1), (1, -1), (-1, 1), (-1, -1)] {
                    check(&(a * sa), &(b * sb));
                }
            }
        }
    }

    #[test]
    fn divisor_larger_than_dividend_and_long_quotients() {
        let a = BigInt::from(3u8) << 500usize;
        let b = BigInt::from(5u8) << 600usize;
        check(&a, &b);
        check(&-&a, &b);
        check(&b, &a);
        check(&-&b, &a);
        check(&(&a * &b + BigInt::from(7)), &a);
    }

    #[test]
    fn arith_ref_agrees_with_the_general_path() {
        let big = Value::from_big(BigInt::from(3u8) << 200usize);
        let neg = Value::from_big(-(BigInt::from(7u8) << 130usize));
        let vals = [big, neg, Value::Int(-5), Value::Int(9), Value::bool(true)];
        for x in &vals {
            for y in &vals {
                for op in [
                    BinOp::Add,
                    BinOp::Sub,
                    BinOp::Mul,
                    BinOp::FloorDiv,
                    BinOp::Mod,
                ] {
                    let Some(fast) = arith_ref(x, op, y) else {
                        continue;
                    };
                    let (Some(p), Some(q)) = (crate::num::to_big(x), crate::num::to_big(y)) else {
                        continue;
                    };
                    let want = match op {
                        BinOp::Add => p + q,
                        BinOp::Sub => p - q,
                        BinOp::Mul => p * q,
                        BinOp::FloorDiv => p.div_floor(&q),
                        _ => p.mod_floor(&q),
                    };
                    let got = fast.ok().and_then(|v| crate::num::to_big(&v));
                    assert_eq!(got, Some(want));
                }
            }
        }
    }
}
