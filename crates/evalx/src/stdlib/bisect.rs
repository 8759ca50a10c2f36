//! `bisect`: `bisect_left`/`bisect_right`/`insort_left`/`insort_right` (and the `bisect`/`insort`
//! aliases) with `lo`, `hi` and `key`, in Rust.

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;

struct Args {
    a: Value,
    x: Value,
    lo: i64,
    hi: Option<i64>,
    key: Value,
}

fn parse(name: &str, args: &[Value], kw: Kw<'_>) -> PyResult<Args> {
    const NAMES: [&str; 5] = ["a", "x", "lo", "hi", "key"];
    if args.len() > 4 {
        return Err(Exc::type_err(format!(
            "{name}() takes at most 4 positional arguments ({} given)",
            args.len()
        )));
    }
    let mut slots: [Option<Value>; 5] = Default::default();
    for (i, v) in args.iter().enumerate() {
        slots[i] = Some(v.clone());
    }
    for (k, v) in kw {
        let Some(i) = NAMES.iter().position(|n| **n == **k) else {
            return Err(Exc::type_err(format!(
                "{name}() got an unexpected keyword argument '{k}'"
            )));
        };
        if slots[i].is_some() {
            return Err(Exc::type_err(format!(
                "argument for {name}() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        slots[i] = Some(v.clone());
    }
    let [a, x, lo, hi, key] = slots;
    let Some(a) = a else {
        return Err(Exc::type_err(format!(
            "{name}() missing required argument 'a' (pos 1)"
        )));
    };
    let Some(x) = x else {
        return Err(Exc::type_err(format!(
            "{name}() missing required argument 'x' (pos 2)"
        )));
    };
    let int = |v: Option<Value>| -> PyResult<Option<i64>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(Value::Int(i)) => Ok(Some(i)),
            Some(Value::Bool(b)) => Ok(Some(*b as i64)),
            Some(other) => Err(Exc::type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::builtins::type_name(&other)
            ))),
        }
    };
    let lo = match lo {
        Some(Value::None) => {
            return Err(Exc::type_err(
                "'NoneType' object cannot be interpreted as an integer",
            ));
        }
        other => int(other)?.unwrap_or(0),
    };
    if lo < 0 {
        return Err(Exc::value_err("lo must be non-negative"));
    }
    Ok(Args {
        a,
        x,
        lo,
        hi: int(hi)?,
        key: key.unwrap_or(Value::None),
    })
}

fn search(it: &mut Interp, p: &Args, right: bool) -> PyResult<i64> {
    let mut hi = match p.hi {
        Some(h) => h,
        None => len_of(it, &p.a)?,
    };
    let mut lo = p.lo;
    let xk = p.x.clone();
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // A list of numbers searched without a key: the item read and compared in place.
        if let (Value::List(l), Value::None) = (&p.a, &p.key) {
            let known = l.borrow().get(mid as usize).and_then(|item| {
                if right {
                    quick_less(&xk, item)
                } else {
                    quick_less(item, &xk).map(|lt| !lt)
                }
            });
            if let Some(go_left) = known {
                if go_left {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
                continue;
            }
        }
        let mut item = it.get_item(&p.a, &Value::Int(mid))?;
        if !matches!(p.key, Value::None) {
            item = it.call(&p.key, vec![item], vec![])?;
        }
        let go_left = if right {
            it.less(&xk, &item)?
        } else {
            !it.less(&item, &xk)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

/// `a < b` for two floats or ints that compare exactly as f64 (`None` for anything else).
fn quick_less(a: &Value, b: &Value) -> Option<bool> {
    const EXACT: u64 = 1 << 53;
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => Some(x.get() < y.get()),
        (Value::Int(x), Value::Int(y)) => Some(x < y),
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() <= EXACT => Some(x.get() < *y as f64),
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() <= EXACT => {
            Some((*x as f64) < y.get())
        }
        _ => None,
    }
}

fn len_of(it: &mut Interp, a: &Value) -> PyResult<i64> {
    match a {
        Value::List(l) => Ok(l.borrow().len() as i64),
        Value::Tuple(t) => Ok(t.len() as i64),
        other => {
            let f = it.get_attr(other, "__len__").map_err(|_| {
                Exc::type_err(format!(
                    "object of type '{}' has no len()",
                    crate::builtins::type_name(other)
                ))
            })?;
            match it.call(&f, vec![], vec![])? {
                Value::Int(i) => Ok(i),
                _ => Err(Exc::type_err("an integer is required")),
            }
        }
    }
}

fn bisect_left(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let p = parse("bisect_left", args, kw)?;
    Ok(Value::Int(search(it, &p, false)?))
}

fn bisect_right(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let p = parse("bisect_right", args, kw)?;
    Ok(Value::Int(search(it, &p, true)?))
}

fn insort(it: &mut Interp, name: &str, args: &[Value], kw: Kw<'_>, right: bool) -> PyResult<Value> {
    let p = parse(name, args, kw)?;
    let mut q = Args {
        a: p.a.clone(),
        x: p.x.clone(),
        lo: p.lo,
        hi: p.hi,
        key: p.key.clone(),
    };
    if !matches!(p.key, Value::None) {
        q.x = it.call(&p.key, vec![p.x.clone()], vec![])?;
    }
    let i = search(it, &q, right)?;
    match &p.a {
        Value::List(l) => {
            let mut l = l.borrow_mut();
            let i = (i.max(0) as usize).min(l.len());
            l.insert(i, p.x);
        }
        other => {
            it.call_method(other, "insert", vec![Value::Int(i), p.x])?;
        }
    }
    Ok(Value::None)
}

fn insort_left(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    insort(it, "insort_left", args, kw, false)
}

fn insort_right(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    insort(it, "insort_right", args, kw, true)
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "bisect",
        "Bisection algorithms.",
        &[
            ("bisect_left", bisect_left),
            ("bisect_right", bisect_right),
            ("bisect", bisect_right),
            ("insort_left", insort_left),
            ("insort_right", insort_right),
            ("insort", insort_right),
        ],
        "",
    )
}
