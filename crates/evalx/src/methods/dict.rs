//! Methods of `dict` and `dict.update`/`fromkeys`.

use super::*;

/// `dict.update(other, **kw)`.
pub fn dict_update(
    it: &mut Interp,
    d: &Rc<RefCell<Dict>>,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<()> {
    if args.len() > 1 {
        return Err(Exc::type_err(format!(
            "update expected at most 1 argument, got {}",
            args.len()
        )));
    }
    if let Some(src) = args.first() {
        match src {
            // Into an empty dict (`dict(d)`, `d.copy()`-like updates): the source's table is copied whole.
            Value::Dict(s) if !Rc::ptr_eq(s, d) && d.borrow().map().is_empty() => {
                let items = s.borrow().map().clone();
                *d.borrow_mut().map_mut() = items;
            }
            Value::Dict(s) => {
                let mut items = s.borrow().map().clone();
                if items.keys().any(|k| k.by_eq()) {
                    let mine = d.borrow().map().clone();
                    items = it.canon_keys(items, &mine)?;
                }
                let mut b = d.borrow_mut();
                b.map_mut().reserve(items.len());
                for (k, v) in items {
                    b.map_mut().insert(k, v);
                }
            }
            // A mapping object (one with `keys()`): its keys and `self[key]`, as CPython does.
            Value::Instance(_) if it.get_attr_opt(src, "keys")?.is_some() => {
                let keys = it.call_method(src, "keys", Vec::new())?;
                for k in it.collect(&keys)? {
                    let v = it.get_item(src, &k)?;
                    let k = it.dict_key(k, d)?;
                    d.borrow_mut().map_mut().insert(k, v);
                }
            }
            other => {
                let items = it.collect(other)?;
                for (i, pair) in items.iter().enumerate() {
                    let kv = match pair {
                        Value::Tuple(t) => t.to_vec(),
                        Value::List(l) => l.borrow().0.clone(),
                        v => {
                            if matches!(v, Value::Str(_)) {
                                let n = len_of(it, v)?;
                                return Err(Exc::value_err(format!(
                                    "dictionary update sequence element #{i} has length {n}; 2 is required"
                                )));
                            }
                            return Err(Exc::type_err(format!(
                                "cannot convert dictionary update sequence element #{i} to a sequence"
                            )));
                        }
                    };
                    if kv.len() != 2 {
                        return Err(Exc::value_err(format!(
                            "dictionary update sequence element #{i} has length {}; 2 is required",
                            kv.len()
                        )));
                    }
                    let k = it.dict_key(kv[0].clone(), d)?;
                    d.borrow_mut().map_mut().insert(k, kv[1].clone());
                }
            }
        }
    }
    for (k, v) in kw {
        d.borrow_mut().set_str(k, v.clone());
    }
    Ok(())
}

pub(crate) fn dict_fromkeys(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kw("fromkeys", kw)?;
    arity("fromkeys", args, 1, 2)?;
    let v = args.get(1).cloned().unwrap_or(Value::None);
    let mut d = Dict::new();
    let mut keys = it.collect(&args[0])?.into_iter();
    while let Some(k) = keys.next() {
        let key = match it.map_key(k, d.map()) {
            Ok(key) => key,
            Err(e) => {
                crate::teardown::release(keys);
                return Err(e);
            }
        };
        // Growing a big table rehashes every key in one pass: admitted against the deadline first
        // (about 10 ns a key).
        let n = d.map().len();
        if n >= crate::teardown::DEFER_AT && n == d.map().capacity() {
            if let Err(e) = it.admit_work(10.0 * n as f64) {
                crate::teardown::release(keys);
                return Err(e);
            }
        }
        d.map_mut().insert(key, v.clone());
    }
    Ok(Value::dict(d))
}

pub(crate) fn dict_method(
    it: &mut Interp,
    d: &Rc<RefCell<Dict>>,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    if !kw.is_empty() && name != "update" && !crate::dunders::is_dunder(name) {
        no_kw(name, kw)?;
    }
    match name {
        "get" => {
            arity("get", args, 1, 2)?;
            let k = it.dict_key(args[0].clone(), d)?;
            Ok(d.borrow()
                .map()
                .get(&k)
                .cloned()
                .unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" | "values" | "items" => {
            arity_of("dict", name, args, 0, 0)?;
            let w = match name {
                "keys" => 0,
                "values" => 1,
                _ => 2,
            };
            Ok(Value::View(Rc::new((d.clone(), w))))
        }
        "pop" => {
            arity("pop", args, 1, 2)?;
            // CPython answers from an empty dict without hashing the key.
            let k = if d.borrow().map().is_empty() {
                None
            } else {
                Some(it.dict_key(args[0].clone(), d)?)
            };
            let k = match k {
                Some(k) => k,
                None => match args.get(1) {
                    Some(dflt) => return Ok(dflt.clone()),
                    None => return Err(Exc::with_args("KeyError", vec![args[0].clone()])),
                },
            };
            match d.borrow_mut().map_mut().shift_remove(&k) {
                Some(v) => Ok(v),
                None => match args.get(1) {
                    Some(dflt) => Ok(dflt.clone()),
                    None => Err(Exc::with_args("KeyError", vec![args[0].clone()])),
                },
            }
        }
        "popitem" => {
            arity_of("dict", name, args, 0, 0)?;
            match d.borrow_mut().map_mut().pop() {
                Some((k, v)) => Ok(Value::tuple(vec![k.0, v])),
                None => Err(Exc::new("KeyError", "popitem(): dictionary is empty")),
            }
        }
        "setdefault" => {
            arity("setdefault", args, 1, 2)?;
            let k = it.dict_key(args[0].clone(), d)?;
            let dflt = args.get(1).cloned().unwrap_or(Value::None);
            Ok(d.borrow_mut().map_mut().entry(k).or_insert(dflt).clone())
        }
        "update" => {
            dict_update(it, d, args, kw)?;
            Ok(Value::None)
        }
        "clear" => {
            arity_of("dict", name, args, 0, 0)?;
            d.borrow_mut().map_mut().clear();
            Ok(Value::None)
        }
        "copy" => {
            arity_of("dict", name, args, 0, 0)?;
            Ok(Value::dict(d.borrow().clone()))
        }
        "fromkeys" => dict_fromkeys(it, args, kw),
        _ => crate::dunders::call(it, &Value::Dict(d.clone()), name, args, kw),
    }
}

// ------------------------------------------------------------------------------------------- set
