//! `sys.getsizeof`: the sizes CPython 3.11 (64-bit) reports for its own objects, computed from CPython's
//! layouts (object headers, 30-bit int digits, compact str kinds, dict and set tables grown as CPython
//! grows them by insertion). evalx's objects are laid out differently; these are the numbers a program
//! written against CPython expects. A list counts its length (CPython's over-allocation after `append`
//! is not modelled), a dict or set the table that inserting its items one by one gives (deletions are not
//! modelled); a class's own `__sizeof__` is called (plus CPython's GC header).

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;

/// The table size CPython's set grows to when `n` items are added one by one.
fn set_table(n: usize) -> usize {
    let (mut table, mut fill) = (8usize, 0usize);
    for used in 1..=n {
        fill += 1;
        if fill * 5 >= (table - 1) * 3 {
            let want = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= want {
                size <<= 1;
            }
            table = size;
        }
    }
    table
}

/// CPython's dict size for `n` items inserted one by one (`str_keys`: the compact str-keyed entries).
fn dict_size(n: usize, str_keys: bool) -> usize {
    if n == 0 {
        return 64;
    }
    let (mut size, mut usable) = (8usize, 5usize);
    for used in 0..n {
        if used == usable {
            let mut s = 8;
            while s < used * 3 {
                s <<= 1;
            }
            size = s;
            usable = size * 2 / 3;
        }
    }
    let index = if size <= 128 {
        1
    } else if size <= 1 << 16 {
        2
    } else if size <= 1 << 32 {
        4
    } else {
        8
    };
    48 + 48 + size * index + usable * if str_keys { 16 } else { 24 }
}

fn int_size(v: &Value) -> usize {
    let bits = match v {
        Value::Int(i) => 64 - i.unsigned_abs().leading_zeros() as usize,
        Value::Big(b) => b.bits() as usize,
        _ => 0,
    };
    24 + 4 * bits.div_ceil(30).max(1)
}

fn str_size(s: &str) -> usize {
    let n = s.chars().count();
    match s.chars().map(|c| c as u32).max().unwrap_or(0) {
        0..=0x7f => 49 + n,
        0x80..=0xff => 73 + n,
        0x100..=0xffff => 74 + 2 * n,
        _ => 76 + 4 * n,
    }
}

/// `sys.getsizeof(object[, default])`.
pub(crate) fn getsizeof(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = super::bind_args("getsizeof", args, kw, &["object", "default"], 0, 2, 1)?;
    let v = a[0].clone().unwrap_or(Value::None);
    let size = match &v {
        Value::None | Value::Ellipsis | Value::NotImplemented => 16,
        Value::Bool(_) => 28,
        Value::Int(_) | Value::Big(_) => int_size(&v),
        Value::Float(_) => 24,
        Value::Complex(_) => 32,
        Value::Str(s) => str_size(s),
        Value::Bytes(b) => 33 + b.len(),
        Value::Tuple(t) => 40 + 8 * t.len(),
        Value::List(l) => 56 + 8 * l.borrow().len(),
        Value::Dict(d) => {
            let d = d.borrow();
            let str_keys = d.map().keys().all(|k| matches!(k.0, Value::Str(_)));
            dict_size(d.map().len(), str_keys)
        }
        Value::Set(s) => {
            let t = set_table(s.items.len());
            if t > 8 { 216 + 16 * t } else { 216 }
        }
        Value::Range(_) | Value::BigRange(_) => 48,
        Value::Slice(_) => 56,
        Value::Func(_) => 152,
        Value::Class(_) => 1688,
        Value::Module(_) => 72,
        Value::Iter(_) | Value::View(_) => 48,
        Value::Instance(_) if crate::methods::is_bytearray(&v) => {
            57 + crate::methods::bytearray_data(&v).map_or(0, |b| b.len())
        }
        Value::Instance(i) => match i.class.lookup("__sizeof__") {
            Some(f @ Value::Func(_)) => {
                let r = it.call(&f, vec![v.clone()], Vec::new())?;
                let n = match r {
                    Value::Int(n) => n,
                    Value::Bool(b) => b.get() as i64,
                    other => {
                        return Err(Exc::type_err(format!(
                            "'{}' object cannot be interpreted as an integer",
                            crate::builtins::type_name(&other)
                        )));
                    }
                };
                if n < 0 {
                    return Err(Exc::value_err("__sizeof__() should return >= 0"));
                }
                // CPython adds its GC header (and the pre-header of an instance with a `__dict__`).
                let gc = if i.class.slots.is_none() { 32 } else { 16 };
                return Ok(Value::Int(n + gc));
            }
            _ => match &i.class.slots {
                Some(s) => 32 + 8 * s.len(),
                None => 56,
            },
        },
        _ => match &a[1] {
            Some(d) => return Ok(d.clone()),
            None => 48,
        },
    };
    Ok(Value::Int(size as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_grow_as_cpython() {
        // Recorded with CPython 3.11: sys.getsizeof of sets and dicts built from range().
        assert_eq!(216 + 16 * set_table(5), 728);
        assert_eq!(216 + 16 * set_table(20), 2264);
        assert_eq!(dict_size(1, false), 224);
        assert_eq!(dict_size(6, false), 352);
        assert_eq!(dict_size(12, false), 632);
        assert_eq!(dict_size(6, true), 272);
        assert_eq!(str_size("ab€"), 80);
    }
}
