//! `range` beyond 64 bits: a range whose start, stop, step or length does not fit in an i64 is a
//! [`Value::BigRange`] (the common range stays the three-i64 [`Value::Range`]). Every operation of a
//! range works on either through [`parts`], in big ints, and [`make`] gives back the small form whenever
//! it fits; iterating a big range gives CPython's `longrange_iterator`.

use crate::interp::{Exc, Interp, PyResult};
use crate::value::{BigRange, Iter, NativeIter, Value};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cell::RefCell;
use std::rc::Rc;

/// A range of these numbers, in the small form when its numbers and length fit in an i64.
pub(crate) fn make(start: BigInt, stop: BigInt, step: BigInt) -> Value {
    if let (Some(a), Some(b), Some(s)) = (start.to_i64(), stop.to_i64(), step.to_i64())
        && len_of(&start, &stop, &step).to_i64().is_some()
    {
        return Value::Range(Rc::new((a, b, s)));
    }
    Value::BigRange(Rc::new(BigRange { start, stop, step }))
}

/// (start, stop, step) of a range in either form.
pub(crate) fn parts(v: &Value) -> Option<(BigInt, BigInt, BigInt)> {
    match v {
        Value::Range(r) => Some((r.0.into(), r.1.into(), r.2.into())),
        Value::BigRange(r) => Some((r.start.clone(), r.stop.clone(), r.step.clone())),
        _ => None,
    }
}

/// The number of items of `range(start, stop, step)`.
pub(crate) fn len_of(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let (lo, hi, s) = if step.is_positive() {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if lo >= hi || s.is_zero() {
        return BigInt::zero();
    }
    (hi - lo - BigInt::one()) / s + BigInt::one()
}

/// The length of a big range.
pub(crate) fn big_len(r: &BigRange) -> BigInt {
    len_of(&r.start, &r.stop, &r.step)
}

/// `len(r)`: CPython's OverflowError when it does not fit in a C ssize_t.
pub(crate) fn len(r: &BigRange) -> PyResult<i64> {
    big_len(r).to_i64().ok_or_else(|| {
        Exc::new(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )
    })
}

fn as_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some((*i).into()),
        Value::Bool(b) => Some((b.get() as i64).into()),
        Value::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

/// `r[i]` for an int index of any size, or `r[a:b:c]` (a range).
pub(crate) fn get_item(it: &mut Interp, r: &Value, i: &Value) -> PyResult<Value> {
    let Some((start, stop, step)) = parts(r) else {
        return Err(Exc::type_err("range expected"));
    };
    let n = len_of(&start, &stop, &step);
    if let Value::Slice(sl) = i {
        let (a, z, st) = slice_indices(it, sl, &n)?;
        return Ok(make(&start + &a * &step, &start + &z * &step, step * st));
    }
    let Some(mut k) = as_big(i) else {
        return Err(Exc::type_err(format!(
            "range indices must be integers or slices, not {}",
            crate::builtins::type_name(i)
        )));
    };
    if k.is_negative() {
        k += &n;
    }
    if k.is_negative() || k >= n {
        return Err(Exc::new("IndexError", "range object index out of range"));
    }
    Ok(Value::from_big(start + k * step))
}

/// A slice's (start, stop, step) against a length of any size, as CPython's `_PySlice_GetLongIndices`.
fn slice_indices(
    it: &mut Interp,
    s: &(Value, Value, Value),
    len: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let mut int = |v: &Value| -> PyResult<Option<BigInt>> {
        if matches!(v, Value::None) {
            return Ok(None);
        }
        let n = crate::methods::index_value(it, v)?.unwrap_or_else(|| v.clone());
        match as_big(&n) {
            Some(b) => Ok(Some(b)),
            None => Err(Exc::type_err(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let step = int(&s.2)?.unwrap_or_else(BigInt::one);
    if step.is_zero() {
        return Err(Exc::value_err("slice step cannot be zero"));
    }
    let back = step.is_negative();
    let (lower, upper) = if back {
        (BigInt::from(-1), len - BigInt::one())
    } else {
        (BigInt::zero(), len.clone())
    };
    let clamp = |v: Option<BigInt>, default: &BigInt| -> BigInt {
        match v {
            None => default.clone(),
            Some(mut x) => {
                if x.is_negative() {
                    x += len;
                    if x < lower {
                        x = lower.clone();
                    }
                } else if x > upper {
                    x = upper.clone();
                }
                x
            }
        }
    };
    let (a, z) = (int(&s.0)?, int(&s.1)?);
    let start = clamp(a, if back { &upper } else { &lower });
    let stop = clamp(z, if back { &lower } else { &upper });
    Ok((start, stop, step))
}

/// The position of the int `x` in the range, if it is there.
pub(crate) fn position(r: &Value, x: &Value) -> Option<BigInt> {
    let (start, stop, step) = parts(r)?;
    let x = as_big(x)?;
    let inside = if step.is_positive() {
        x >= start && x < stop
    } else {
        x <= start && x > stop
    };
    if !inside {
        return None;
    }
    let off = x - &start;
    (&off % &step).is_zero().then(|| off / step)
}

/// Whether two ranges (either form) hold the same items, as CPython's `range_equals`.
pub(crate) fn ranges_equal(a: &Value, b: &Value) -> bool {
    let (Some((s1, e1, t1)), Some((s2, e2, t2))) = (parts(a), parts(b)) else {
        return false;
    };
    let (l1, l2) = (len_of(&s1, &e1, &t1), len_of(&s2, &e2, &t2));
    l1 == l2 && (l1.is_zero() || (s1 == s2 && (l1.is_one() || t1 == t2)))
}

/// `(len, start, step)` as CPython hashes a range: `start` and `step` are `None` when they do not matter.
pub(crate) fn hash_key(r: &BigRange) -> (BigInt, Option<BigInt>, Option<BigInt>) {
    let n = big_len(r);
    if n.is_zero() {
        (n, None, None)
    } else if n.is_one() {
        (n, Some(r.start.clone()), None)
    } else {
        (n, Some(r.start.clone()), Some(r.step.clone()))
    }
}

/// `r.start`, `r.stop`, `r.step`.
pub(crate) fn attr(r: &BigRange, name: &str) -> Option<Value> {
    match name {
        "start" => Some(Value::from_big(r.start.clone())),
        "stop" => Some(Value::from_big(r.stop.clone())),
        "step" => Some(Value::from_big(r.step.clone())),
        _ => None,
    }
}

/// The state of a `longrange_iterator`: the next item, the step, and how many are left.
struct LongIter {
    cur: BigInt,
    step: BigInt,
    left: BigInt,
}

fn long_next(_it: &mut Interp, r: &Rc<RefCell<Iter>>) -> PyResult<Option<Value>> {
    let mut b = r.borrow_mut();
    let Iter::Native(n) = &mut *b else {
        return Ok(None);
    };
    let Some(st) = n.state.downcast_mut::<LongIter>() else {
        return Ok(None);
    };
    if !st.left.is_positive() {
        return Ok(None);
    }
    st.left -= 1;
    let v = st.cur.clone();
    st.cur += &st.step;
    Ok(Some(Value::from_big(v)))
}

/// `iter(r)` (or `reversed(r)` when `back`) of a big range: a `longrange_iterator`.
pub(crate) fn iter(it: &Interp, r: &BigRange, back: bool) -> Value {
    let left = big_len(r);
    let state = if back {
        LongIter {
            cur: &r.start + (&left - BigInt::one()) * &r.step,
            step: -&r.step,
            left,
        }
    } else {
        LongIter {
            cur: r.start.clone(),
            step: r.step.clone(),
            left,
        }
    };
    let class = it
        .types
        .exc
        .get("longrange_iterator")
        .cloned()
        .unwrap_or_else(|| it.types.iterator.clone());
    Value::Iter(Rc::new(RefCell::new(Iter::Native(Box::new(NativeIter {
        class,
        tp_name: "longrange_iterator",
        next: long_next,
        repr: None,
        state: Box::new(state),
    })))))
}

/// `r.count(x)` and `r.index(x)` of a big range (ints by arithmetic, other values by equality).
pub(crate) fn method(it: &mut Interp, r: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    crate::methods::arity_of("range", name, args, 1, 1)?;
    let x = &args[0];
    let pos = match x {
        Value::Int(_) | Value::Big(_) | Value::Bool(_) => position(r, x),
        _ => {
            // Any other value: compared with each item (as CPython's sequence search).
            let items = it.iter(r)?;
            let mut k = BigInt::zero();
            let mut found = None;
            while let Some(v) = it.next(&items)? {
                if it.eq(&v, x)? {
                    found = Some(k.clone());
                    break;
                }
                k += 1;
            }
            found
        }
    };
    match (name, pos) {
        ("count", p) => Ok(Value::Int(p.is_some() as i64)),
        ("index", Some(p)) => Ok(Value::from_big(p)),
        ("index", None) => match x {
            Value::Int(_) | Value::Big(_) | Value::Bool(_) => {
                Err(Exc::value_err(format!("{} is not in range", it.repr(x)?)))
            }
            _ => Err(Exc::value_err("sequence.index(x): x not in sequence")),
        },
        _ => Err(it.attr_error(r, name)),
    }
}
