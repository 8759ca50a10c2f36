//! Methods of `set` and `frozenset`.

use super::*;

pub(crate) fn to_set(it: &mut Interp, v: &Value) -> PyResult<indexmap::IndexMap<Key, (), FxBuild>> {
    if let Value::Set(s) = v {
        return Ok(s.items.borrow().clone());
    }
    let mut m = indexmap::IndexMap::with_hasher(FxBuild::default());
    for x in it.collect(v)? {
        let k = it.map_key(x, &m)?;
        m.insert(k, ());
    }
    Ok(m)
}

/// A new set value.
pub fn new_set(items: indexmap::IndexMap<Key, (), FxBuild>, frozen: bool) -> Value {
    Value::Set(Rc::new(SetObj {
        items: RefCell::new(items),
        frozen,
    }))
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
            s.items.borrow_mut().insert(k, ());
            Ok(Value::None)
        }
        "remove" => {
            arity_of(sty, name, args, 1, 1)?;
            let k = it.set_key(args[0].clone(), s)?;
            if s.items.borrow_mut().shift_remove(&k).is_none() {
                return Err(Exc::with_args("KeyError", vec![args[0].clone()]));
            }
            Ok(Value::None)
        }
        "discard" => {
            arity_of(sty, name, args, 1, 1)?;
            let k = it.set_key(args[0].clone(), s)?;
            s.items.borrow_mut().shift_remove(&k);
            Ok(Value::None)
        }
        "pop" => {
            arity_of(sty, name, args, 0, 0)?;
            let mut b = s.items.borrow_mut();
            match b.shift_remove_index(0) {
                Some((k, _)) => Ok(k.0),
                None => Err(Exc::new("KeyError", "pop from an empty set")),
            }
        }
        "clear" => {
            s.items.borrow_mut().clear();
            Ok(Value::None)
        }
        "copy" => Ok(new_set(s.items.borrow().clone(), s.frozen)),
        "union" | "update" => {
            let mut m = s.items.borrow().clone();
            for a in args {
                let o = to_set(it, a)?;
                m.extend(it.canon_keys(o, &m)?);
            }
            if name == "update" {
                *s.items.borrow_mut() = m;
                return Ok(Value::None);
            }
            Ok(new_set(m, s.frozen))
        }
        "intersection" | "intersection_update" => {
            let mut m = s.items.borrow().clone();
            for a in args {
                let o = to_set(it, a)?;
                let o = it.canon_keys(o, &m)?;
                m.retain(|k, _| o.contains_key(k));
            }
            if name.ends_with("update") {
                *s.items.borrow_mut() = m;
                return Ok(Value::None);
            }
            Ok(new_set(m, s.frozen))
        }
        "difference" | "difference_update" => {
            let mut m = s.items.borrow().clone();
            for a in args {
                let o = to_set(it, a)?;
                let o = it.canon_keys(o, &m)?;
                m.retain(|k, _| !o.contains_key(k));
            }
            if name.ends_with("update") {
                *s.items.borrow_mut() = m;
                return Ok(Value::None);
            }
            Ok(new_set(m, s.frozen))
        }
        "symmetric_difference" | "symmetric_difference_update" => {
            arity_of(sty, name, args, 1, 1)?;
            let o = to_set(it, &args[0])?;
            let a = s.items.borrow().clone();
            let o = it.canon_keys(o, &a)?;
            let mut m: indexmap::IndexMap<Key, (), FxBuild> = a
                .iter()
                .filter(|(k, _)| !o.contains_key(*k))
                .map(|(k, _)| (k.clone(), ()))
                .collect();
            m.extend(
                o.iter()
                    .filter(|(k, _)| !a.contains_key(*k))
                    .map(|(k, _)| (k.clone(), ())),
            );
            if name.ends_with("update") {
                *s.items.borrow_mut() = m;
                return Ok(Value::None);
            }
            Ok(new_set(m, s.frozen))
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            arity_of(sty, name, args, 1, 1)?;
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
