//! Sequence operators: `+`, `*` and repetition of sequences.

use super::*;
use crate::interp::COPY_CHUNK;

pub(crate) fn repeat<T: Clone + 'static>(
    it: &mut Interp,
    items: &[T],
    n: &Value,
) -> Option<PyResult<Vec<T>>> {
    let n = match n {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        _ => return None,
    };
    let n = n.max(0) as usize;
    if items.is_empty() || n == 0 {
        // Nothing to copy, however many times (`[] * (1 << 28)` must not loop 2**28 times).
        return Some(Ok(Vec::new()));
    }
    let total = items.len().saturating_mul(n);
    let mut out = match it.alloc_vec(total) {
        Ok(v) => v,
        Err(e) => return Some(Err(e)),
    };
    out.extend_from_slice(items);
    // Doubling copies of what is already there, at most COPY_CHUNK items at a time, charged as they go, so
    // the deadline and an interrupt stop a huge repeat midway.
    while out.len() < total {
        let m = (out.len().min(COPY_CHUNK) / items.len()).max(1) * items.len();
        let m = m.min(total - out.len());
        out.extend_from_within(0..m);
        if let Err(e) = it.charge((m >> 4) as u64) {
            // Freeing what was built waits when a limit stopped it (see `Interp::bury`).
            it.bury(&e, out);
            return Some(Err(e));
        }
    }
    Some(Ok(out))
}

/// `s * k` for a str, copied straight into the new str in pieces charged as they go (a copy of a few
/// hundred megabytes is tens of milliseconds), so the deadline stops it midway.
fn repeat_str(it: &mut Interp, s: &str, k: i64) -> PyResult<RcStr> {
    let k = k.max(0) as usize;
    if s.is_empty() || k == 0 {
        return Ok(RcStr::default());
    }
    let total = s.len().saturating_mul(k);
    it.check_len(total)?;
    it.check_memory(total)?;
    // A block of whole copies of about 64 KiB, then that block again and again.
    let per = (COPY_CHUNK / s.len()).clamp(1, k);
    let block = s.repeat(per);
    let tail = &block[..(k % per) * s.len()];
    let parts = std::iter::repeat_n(block.as_str(), k / per).chain(std::iter::once(tail));
    it.concat_str_ticking(total, parts)
}

/// `b * k` for bytes, as [`repeat_str`].
fn repeat_bytes(it: &mut Interp, s: &[u8], k: i64) -> PyResult<crate::thin::RcSlice<u8>> {
    let k = k.max(0) as usize;
    if s.is_empty() || k == 0 {
        return Ok(Vec::new().into());
    }
    let total = s.len().saturating_mul(k);
    it.check_len(total)?;
    it.check_memory(total)?;
    let per = (COPY_CHUNK / s.len()).clamp(1, k);
    let block = s.repeat(per);
    let tail = &block[..(k % per) * s.len()];
    let parts = std::iter::repeat_n(block.as_slice(), k / per).chain(std::iter::once(tail));
    it.concat_bytes_ticking(total, parts)
}

/// Concatenations from this many bytes on are copied in charged pieces (see [`repeat_str`]).
const TICKING_CONCAT: usize = 1 << 20;

/// Sequence and set operators: `+`, `*`, `|`, `&`, `-`, `^` on built-in containers.
pub fn seq_binop(it: &mut Interp, a: &Value, op: BinOp, b: &Value) -> Option<PyResult<Value>> {
    Some(match (a, op, b) {
        (Value::Str(x), BinOp::Add, Value::Str(y)) => {
            // One copy that cannot stop midway: sized against the deadline first.
            let n = x.len() + y.len();
            if let Err(e) = it.check_len(n) {
                return Some(Err(e));
            }
            if n >= TICKING_CONCAT {
                return Some(
                    it.concat_str_ticking(n, [x.as_str(), y.as_str()])
                        .map(Value::Str),
                );
            }
            Ok(Value::Str(RcStr::concat(&[x, y])))
        }
        (Value::List(x), BinOp::Add, Value::List(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let mut v = match it.alloc_vec(x.len() + y.len()) {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            // Copied in chunks the limits can stop (a copy of ten million items is tens of milliseconds).
            for part in x.chunks(COPY_CHUNK).chain(y.chunks(COPY_CHUNK)) {
                v.extend_from_slice(part);
                if let Err(e) = it.charge_or_bury((part.len() >> 4) as u64, &mut v) {
                    return Some(Err(e));
                }
            }
            Ok(Value::list(v))
        }
        (Value::Tuple(x), BinOp::Add, Value::Tuple(y)) => {
            if let Err(e) = it
                .check_len(x.len() + y.len())
                .and_then(|()| it.admit_pass((x.len() + y.len()) * 16, 0.25))
            {
                return Some(Err(e));
            }
            let mut v = x.to_vec();
            v.extend(y.iter().cloned());
            Ok(Value::tuple(v))
        }
        (Value::Bytes(x), BinOp::Add, Value::Bytes(y)) => {
            let n = x.len() + y.len();
            if let Err(e) = it.check_len(n) {
                return Some(Err(e));
            }
            Some(
                it.concat_bytes_ticking(n, [&x[..], &y[..]])
                    .map(Value::Bytes),
            )?
        }
        (Value::Str(s), BinOp::Mul, n) | (n, BinOp::Mul, Value::Str(s))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            let k = match n {
                Value::Int(k) => *k,
                Value::Bool(b) => *b as i64,
                _ => return None,
            };
            repeat_str(it, s, k).map(Value::Str)
        }
        (Value::List(l), BinOp::Mul, n) | (n, BinOp::Mul, Value::List(l))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            let items = l.borrow().clone();
            repeat(it, &items, n)?.map(Value::list)
        }
        (Value::Tuple(t), BinOp::Mul, n) | (n, BinOp::Mul, Value::Tuple(t))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            repeat(it, t, n)?.map(Value::tuple)
        }
        (Value::Bytes(t), BinOp::Mul, n) | (n, BinOp::Mul, Value::Bytes(t))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            let k = match n {
                Value::Int(k) => *k,
                Value::Bool(b) => *b as i64,
                _ => return None,
            };
            repeat_bytes(it, t, k).map(Value::Bytes)
        }
        (
            Value::Set(x),
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            Value::Set(y),
        ) => {
            // One native pass over both sets that cannot stop midway (the method hook's sizing,
            // which the operators do not go through).
            if let Err(e) = it.admit_pass(x.items.len() + y.items.len(), 60.0) {
                return Some(Err(e));
            }
            let name = match op {
                BinOp::BitOr => "union",
                BinOp::BitAnd => "intersection",
                BinOp::Sub => "difference",
                _ => "symmetric_difference",
            };
            set_method(it, x, name, std::slice::from_ref(b), &[])
        }
        (Value::Dict(x), BinOp::BitOr, Value::Dict(y)) => {
            let mut d = x.borrow().clone();
            let ym = y.borrow().map().clone();
            let ym = match it.canon_keys(ym, d.map()) {
                Ok(m) => m,
                Err(e) => return Some(Err(e)),
            };
            for (k, v) in ym {
                d.map_mut().insert(k, v);
            }
            Ok(Value::dict(d))
        }
        // A keys or items view is a set for `&`, `|`, `-`, `^`, on either side (`{'a'} & d.keys()`).
        (Value::View(x), BinOp::BitAnd | BinOp::BitOr | BinOp::Sub | BinOp::BitXor, _)
            if x.1 != 1 =>
        {
            let mine = match view_as_set(it, x) {
                Ok(s) => s,
                Err(e) => return Some(Err(e)),
            };
            let other = match crate::methods::to_items(it, b) {
                Ok(m) => crate::methods::new_set_items(m, false),
                Err(e) => return Some(Err(e)),
            };
            return seq_binop(it, &mine, op, &other);
        }
        (
            Value::Set(_) | Value::List(_) | Value::Tuple(_),
            BinOp::BitAnd | BinOp::BitOr | BinOp::Sub | BinOp::BitXor,
            Value::View(y),
        ) if y.1 != 1 => {
            let other = match view_as_set(it, y) {
                Ok(s) => s,
                Err(e) => return Some(Err(e)),
            };
            let mine = match crate::methods::to_items(it, a) {
                Ok(m) => crate::methods::new_set_items(m, false),
                Err(e) => return Some(Err(e)),
            };
            return seq_binop(it, &mine, op, &other);
        }
        _ => return None,
    })
}

/// A keys view's keys, or an items view's `(key, value)` pairs, as a new set.
fn view_as_set(it: &mut Interp, v: &Rc<(Rc<RefCell<Dict>>, u8)>) -> PyResult<Value> {
    let d = v.0.borrow();
    if v.1 == 0 {
        return Ok(Value::Set(Rc::new(SetObj {
            items: crate::settable::SetItems::from_keys(d.map().keys().cloned()),
            frozen: false,
        })));
    }
    let pairs: Vec<Value> = d
        .map()
        .iter()
        .map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()]))
        .collect();
    drop(d);
    let items = crate::methods::to_items(it, &Value::list(pairs))?;
    Ok(crate::methods::new_set_items(items, false))
}

// ------------------------------------------------------------------------------------------- constructors
