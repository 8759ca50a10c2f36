//! CPython 3.11's observable `hash()`: ints and floats reduced modulo the Mersenne prime 2**61 - 1 (so that
//! `hash(1) == hash(1.0) == hash(True)`), tuples mixed with the xxHash-style lanes of `tuplehash`, frozensets
//! by xor-ing shuffled member hashes, objects by their address. `-1` is never a hash (it becomes `-2`).
//!
//! str and bytes hashes are randomized per process in CPython, so they are evalx's own here. `None` hashes to
//! the constant CPython 3.12 gives it (3.11 hashes it by address, which differs from run to run).

use crate::value::Value;

/// 2**61 - 1, the modulus of numeric hashes.
pub const MODULUS: u64 = (1 << 61) - 1;
const INF: i64 = 314_159;
const NONE: i64 = 0xFCA8_6420;

#[inline]
fn fix(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// The hash of an int.
#[inline]
pub fn hash_int(i: i64) -> i64 {
    if (i as i128).unsigned_abs() < MODULUS as u128 {
        return fix(i);
    }
    let r = ((i as i128).unsigned_abs() % MODULUS as u128) as i64;
    fix(if i < 0 { -r } else { r })
}

/// The hash of a big int.
pub fn hash_big(b: &num_bigint::BigInt) -> i64 {
    let r = (b.magnitude() % MODULUS)
        .iter_u64_digits()
        .next()
        .unwrap_or(0) as i64;
    fix(if b.sign() == num_bigint::Sign::Minus {
        -r
    } else {
        r
    })
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// The hash of a float (`id` stands for the object's address, which is what a NaN hashes by).
pub fn hash_float(x: f64, id: usize) -> i64 {
    if x.is_nan() {
        return hash_pointer(id);
    }
    if x.is_infinite() {
        return if x > 0.0 { INF } else { -INF };
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | (h >> (61 - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    } as u32;
    h = ((h << e) & MODULUS) | (h >> (61 - e));
    let r = h as i64;
    fix(if x < 0.0 { -r } else { r })
}

/// The hash of an object that hashes by identity (its address rotated by four bits).
#[inline]
pub fn hash_pointer(p: usize) -> i64 {
    let y = p as u64;
    fix(y.rotate_right(4) as i64)
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// The hash of a tuple whose items hash to `lanes`.
pub fn hash_tuple(lanes: impl ExactSizeIterator<Item = i64>) -> i64 {
    let len = lanes.len() as u64;
    let mut acc = XXPRIME_5;
    for lane in lanes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add(len ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

fn shuffle(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// The hash of a frozenset of `n` members whose hashes are `hashes` (CPython's `frozenset_hash`; the
/// members' hashes come from a set table, which stores them).
pub(crate) fn hash_frozenset_of(n: usize, hashes: impl Iterator<Item = i64>) -> i64 {
    let n = n as u64;
    let mut h: u64 = 0;
    for x in hashes {
        h ^= shuffle(x as u64);
    }
    h ^= (n + 1).wrapping_mul(1_927_868_237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907_133_923);
    if h == u64::MAX {
        return 590_923_713;
    }
    h as i64
}

/// CPython's hash of a hashable value (a class's `__hash__` result must already be recorded on the instance,
/// see `Interp::key`). Unhashable values hash by identity here; callers check hashability first.
pub fn py_hash(v: &Value) -> i64 {
    match v {
        Value::Int(i) => hash_int(*i),
        Value::Bool(b) => *b as i64,
        Value::None => NONE,
        Value::Float(f) => hash_float(f.get(), f.get().to_bits() as usize),
        Value::Complex(c) => crate::complex::hash(crate::complex::C::new(c.0, c.1), v.identity()),
        Value::Big(b) => hash_big(b),
        Value::Str(s) => fix((s.key_hash() >> 1) as i64),
        Value::Bytes(b) => {
            use std::hash::{Hash, Hasher};
            let mut h = crate::thin::FxHasher::default();
            b.hash(&mut h);
            fix((h.finish() >> 1) as i64)
        }
        Value::Tuple(t) => {
            if crate::guard::stop_here() {
                return 0;
            }
            hash_tuple(t.iter().map(py_hash))
        }
        Value::Set(s) => s.items.py_hash_cached(|| s.items.members_hash()),
        Value::BigRange(r) => {
            let (n, start, step) = crate::methods::bigrange::hash_key(r);
            let h =
                |b: Option<num_bigint::BigInt>| b.map_or(NONE, |b| py_hash(&Value::from_big(b)));
            hash_tuple([h(Some(n)), h(start), h(step)].into_iter())
        }
        Value::Range(r) => {
            let (start, stop, step) = **r;
            let span = if step > 0 {
                stop as i128 - start as i128
            } else {
                start as i128 - stop as i128
            };
            let len = if span <= 0 {
                0
            } else {
                ((span - 1) / (step as i128).abs() + 1) as i64
            };
            let lanes = match len {
                0 => [hash_int(0), NONE, NONE],
                1 => [hash_int(1), hash_int(start), NONE],
                n => [hash_int(n), hash_int(start), hash_int(step)],
            };
            hash_tuple(lanes.into_iter())
        }
        Value::Instance(i) => match i.user_hash() {
            Some(h) => fix(h),
            None => hash_pointer(v.identity()),
        },
        other => hash_pointer(other.identity()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_hash_like_cpython() {
        // Recorded with CPython 3.11.
        assert_eq!(hash_int(-1), -2);
        assert_eq!(hash_int(1 << 61), 1);
        assert_eq!(hash_float(0.5, 0), 1_152_921_504_606_846_976);
        assert_eq!(hash_float(1.5, 0), 1_152_921_504_606_846_977);
        assert_eq!(hash_float(-1.0, 0), -2);
        assert_eq!(hash_float(f64::INFINITY, 0), 314_159);
        assert_eq!(
            hash_tuple([1i64, 2].into_iter()),
            -3_550_055_125_485_641_917
        );
        assert_eq!(hash_tuple(std::iter::empty()), 5_740_354_900_026_072_187);
        assert_eq!(
            hash_frozenset_of(3, [1i64, 2, 3].into_iter()),
            -272_375_401_224_217_160
        );
    }
}
