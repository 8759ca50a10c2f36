//! Methods of `set` and `frozenset`.

use super::*;
use crate::settable::SetItems;

pub(crate) fn to_set(it: &mut Interp, v: &Value) -> PyResult<indexmap::IndexMap<Key, (), FxBuild>> {
    if let Value::Set(s) = v {
        return Ok(s.items.borrow().clone());
    }
    Ok(to_items(it, v)?.borrow().clone())
}

/// A new set table holding the keys of `v`, built as CPython's `set(v)` builds it.
pub(crate) fn to_items(it: &mut Interp, v: &Value) -> PyResult<SetItems> {
    let out = SetItems::default();
    update_from(it, &out, v)?;
    Ok(out)
}

/// A new set value.
pub fn new_set(items: indexmap::IndexMap<Key, (), FxBuild>, frozen: bool) -> Value {
    new_set_items(SetItems::from_keys(items.into_keys()), frozen)
}

/// A new set value over a built table.
pub fn new_set_items(items: SetItems, frozen: bool) -> Value {
    Value::Set(Rc::new(SetObj { items, frozen }))
}

/// Whether `s` holds `k` (through the class's `__eq__` when `k` needs it).
fn has(it: &mut Interp, s: &SetItems, k: &Key) -> PyResult<bool> {
    if k.by_eq() {
        let cands = crate::value::same_hash_keys(&s.unordered(), k);
        let c = it.pick_key(k.clone(), cands)?;
        return Ok(s.contains(&c));
    }
    Ok(s.contains(k))
}

/// The members of `v` (a set's in its table order, a dict's keys), and whether they are keys already
/// (hashed: no `__hash__` call again, as CPython reuses the stored hashes).
fn members(it: &mut Interp, v: &Value) -> PyResult<(Vec<Value>, bool)> {
    Ok(match v {
        Value::Set(_) => (it.collect(v)?, true),
        Value::Dict(d) => (d.borrow().map().keys().map(|k| k.0.clone()).collect(), true),
        _ => (it.collect(v)?, false),
    })
}

/// `x` made a key of `s` as it is now (a stored key it equals stands in for it).
fn key_in(it: &mut Interp, s: &SetItems, x: Value, hashed: bool) -> PyResult<Key> {
    if !hashed {
        return it.items_key(x, s);
    }
    let k = Key(x);
    if k.by_eq() {
        let cands = crate::value::same_hash_keys(&s.unordered(), &k);
        return it.pick_key(k, cands);
    }
    Ok(k)
}

/// `s.update(v)`: a set merges its table, a dict presizes, anything else adds key by key.
fn update_from(it: &mut Interp, s: &SetItems, v: &Value) -> PyResult<()> {
    match v {
        Value::Set(o) if !o.items.may_need_eq() => {
            s.merge(&o.items);
            Ok(())
        }
        _ => {
            if let Value::Dict(d) = v {
                s.presize(d.borrow().map().len());
            }
            let (xs, hashed) = members(it, v)?;
            s.reserve(xs.len());
            let big = xs.len() >= crate::teardown::DEFER_AT;
            let mut xs = xs.into_iter();
            while let Some(x) = xs.next() {
                let k = match key_in(it, s, x, hashed) {
                    Ok(k) => k,
                    Err(e) => {
                        crate::teardown::release(xs);
                        return Err(e);
                    }
                };
                // Regrowing a big table reinserts every key into a new table in one pass: admitted
                // against the deadline first.
                if big && s.len() >= crate::teardown::DEFER_AT {
                    let due = s.regrow_cost_ns();
                    if due > 0.0 {
                        if let Err(e) = it.admit_work(due) {
                            crate::teardown::release(xs);
                            return Err(e);
                        }
                    }
                }
                s.add(k);
            }
            Ok(())
        }
    }
}

/// CPython's `set_intersection`: over a set, the smaller side is walked and its keys kept.
fn intersect(it: &mut Interp, x: &SetItems, v: &Value) -> PyResult<SetItems> {
    if let Value::Set(o) = v {
        let (small, big) = if o.items.len() > x.len() {
            (x, &o.items)
        } else {
            (&o.items, x)
        };
        if !small.may_need_eq() && !big.may_need_eq() {
            return Ok(small.intersection_plain(big));
        }
        let out = SetItems::with_capacity(small.len());
        for k in small.keys_in_order() {
            if has(it, big, &k)? {
                out.add(k);
            }
        }
        return Ok(out);
    }
    let out = SetItems::default();
    let (xs, hashed) = members(it, v)?;
    for x0 in xs {
        let k = key_in(it, x, x0, hashed)?;
        if x.contains(&k) {
            out.add(k);
        }
    }
    Ok(out)
}

/// CPython's `set_difference_update_internal`.
fn discard_all(it: &mut Interp, s: &SetItems, v: &Value) -> PyResult<()> {
    if let Value::Set(o) = v {
        if std::ptr::eq(&o.items, s) {
            s.clear();
            return Ok(());
        }
        if !o.items.may_need_eq() && !s.may_need_eq() {
            s.discard_plain(&o.items);
            return Ok(());
        }
    }
    let (xs, hashed) = members(it, v)?;
    for x in xs {
        let k = key_in(it, s, x, hashed)?;
        s.discard(&k);
    }
    Ok(())
}

/// CPython's `set_difference`: a copy thinned by `v` when `v` is small, else the keys of `x` not in `v`.
fn difference(it: &mut Interp, x: &SetItems, v: &Value) -> PyResult<SetItems> {
    let n = match v {
        Value::Set(o) => o.items.len(),
        Value::Dict(d) => d.borrow().map().len(),
        _ => usize::MAX,
    };
    if n == usize::MAX || (x.len() >> 2) > n {
        let out = x.clone();
        discard_all(it, &out, v)?;
        return Ok(out);
    }
    if let Value::Set(o) = v {
        if !o.items.may_need_eq() && !x.may_need_eq() {
            return Ok(x.difference_plain(&o.items));
        }
    }
    let out = SetItems::with_capacity(x.len());
    for k in x.keys_in_order() {
        let inside = match v {
            Value::Set(o) => has(it, &o.items, &k)?,
            Value::Dict(d) => {
                let m = d.borrow().map().clone();
                let k2 = it.canon_keys([(k.clone(), ())].into_iter().collect(), &m)?;
                k2.keys().any(|c| m.contains_key(c))
            }
            _ => false,
        };
        if !inside {
            out.add(k);
        }
    }
    Ok(out)
}

/// CPython's `set_symmetric_difference_update`: each key of `v` leaves `s` if there, else joins it.
fn toggle_all(it: &mut Interp, s: &SetItems, v: &Value) -> PyResult<()> {
    let (xs, hashed) = match v {
        Value::Set(o) if std::ptr::eq(&o.items, s) => {
            s.clear();
            return Ok(());
        }
        Value::Set(_) | Value::Dict(_) => members(it, v)?,
        _ => {
            let tmp = to_items(it, v)?;
            let xs = tmp.borrow().keys().map(|k| k.0.clone()).collect();
            (xs, true)
        }
    };
    for x in xs {
        let k = key_in(it, s, x, hashed)?;
        if !s.discard(&k) {
            s.add(k);
        }
    }
    Ok(())
}

pub(crate) fn set_method(
    it: &mut Interp,
    s: &Rc<SetObj>,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let sty = if s.frozen { "frozenset" } else { "set" };
    if !kw.is_empty() && !crate::dunders::is_dunder(name) {
        no_kw(name, kw)?;
    }
    let mutating = matches!(
        name,
        "add"
            | "clear"
            | "discard"
            | "pop"
            | "remove"
            | "update"
            | "difference_update"
            | "intersection_update"
            | "symmetric_difference_update"
    );
    if mutating && s.frozen {
        return Err(Exc::new(
            "AttributeError",
            format!("'frozenset' object has no attribute '{name}'"),
        ));
    }
    match name {
        "add" => {
            arity_of(sty, name, args, 1, 1)?;
            let k = it.set_key(args[0].clone(), s)?;
            s.items.add(k);
            Ok(Value::None)
        }
        "remove" => {
            arity_of(sty, name, args, 1, 1)?;
            let k = it.set_key(args[0].clone(), s)?;
            if !s.items.discard(&k) {
                return Err(Exc::with_args("KeyError", vec![args[0].clone()]));
            }
            Ok(Value::None)
        }
        "discard" => {
            arity_of(sty, name, args, 1, 1)?;
            let k = it.set_key(args[0].clone(), s)?;
            s.items.discard(&k);
            Ok(Value::None)
        }
        "pop" => {
            arity_of(sty, name, args, 0, 0)?;
            match s.items.pop() {
                Some(k) => Ok(k.0),
                None => Err(Exc::new("KeyError", "pop from an empty set")),
            }
        }
        "clear" => {
            s.items.clear();
            Ok(Value::None)
        }
        "copy" => Ok(new_set_items(s.items.clone(), s.frozen)),
        "union" => {
            let r = s.items.clone();
            for a in args {
                update_from(it, &r, a)?;
            }
            Ok(new_set_items(r, s.frozen))
        }
        "update" => {
            for a in args {
                update_from(it, &s.items, a)?;
            }
            Ok(Value::None)
        }
        "intersection" | "intersection_update" => {
            let mut r: Option<SetItems> = None;
            for a in args {
                let x = r.as_ref().unwrap_or(&s.items);
                r = Some(intersect(it, x, a)?);
            }
            let r = r.unwrap_or_else(|| s.items.clone());
            if name.ends_with("update") {
                s.items.replace(r);
                return Ok(Value::None);
            }
            Ok(new_set_items(r, s.frozen))
        }
        "difference" => {
            let r = match args.first() {
                Some(a) => difference(it, &s.items, a)?,
                None => s.items.clone(),
            };
            for a in args.iter().skip(1) {
                discard_all(it, &r, a)?;
            }
            Ok(new_set_items(r, s.frozen))
        }
        "difference_update" => {
            for a in args {
                discard_all(it, &s.items, a)?;
            }
            Ok(Value::None)
        }
        "symmetric_difference" => {
            arity_of(sty, name, args, 1, 1)?;
            let r = to_items(it, &args[0])?;
            toggle_all(it, &r, &Value::Set(s.clone()))?;
            Ok(new_set_items(r, s.frozen))
        }
        "symmetric_difference_update" => {
            arity_of(sty, name, args, 1, 1)?;
            toggle_all(it, &s.items, &args[0])?;
            Ok(Value::None)
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            arity_of(sty, name, args, 1, 1)?;
            if let Value::Set(o) = &args[0]
                && !o.items.may_need_eq()
                && !s.items.may_need_eq()
            {
                return Ok(Value::bool(match name {
                    "issubset" => s.items.is_subset_of(&o.items),
                    "issuperset" => o.items.is_subset_of(&s.items),
                    _ => s.items.is_disjoint(&o.items),
                }));
            }
            let mut o = to_set(it, &args[0])?;
            if o.keys().any(|k| k.by_eq()) {
                let a = s.items.borrow().clone();
                o = it.canon_keys(o, &a)?;
            }
            let a = s.items.borrow();
            Ok(Value::bool(match name {
                "issubset" => a.keys().all(|k| o.contains_key(k)),
                "issuperset" => o.keys().all(|k| a.contains_key(k)),
                _ => !a.keys().any(|k| o.contains_key(k)),
            }))
        }
        _ => crate::dunders::call(it, &Value::Set(s.clone()), name, args, kw),
    }
}

// ------------------------------------------------------------------------------------------- numbers
