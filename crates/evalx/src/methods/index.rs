//! Subscripts and slices: `o[i]`, `o[i] = v`, `del o[i]`.

use super::*;

pub(crate) fn slice_indices(
    it: &mut Interp,
    s: &(Value, Value, Value),
    len: i64,
) -> PyResult<(i64, i64, i64)> {
    // Bounds that are instances (an `int` subclass, an object with `__index__`) count as their ints.
    if [&s.0, &s.1, &s.2]
        .iter()
        .any(|p| matches!(p, Value::Instance(_)))
    {
        let mut part =
            |p: &Value| -> PyResult<Value> { Ok(index_value(it, p)?.unwrap_or_else(|| p.clone())) };
        let parts = (part(&s.0)?, part(&s.1)?, part(&s.2)?);
        return slice_indices(it, &parts, len);
    }
    let step = match &s.2 {
        Value::None => 1,
        v => slice_int(v)?,
    };
    if step == 0 {
        return Err(Exc::value_err("slice step cannot be zero"));
    }
    let (lo_default, hi_default) = if step > 0 { (0, len) } else { (len - 1, -1) };
    let clamp = |v: &Value, default: i64| -> PyResult<i64> {
        match v {
            Value::None => Ok(default),
            v => {
                let mut i = slice_int(v)?;
                if i < 0 {
                    i += len;
                    if i < 0 {
                        i = if step > 0 { 0 } else { -1 };
                    }
                } else if i >= len {
                    i = if step > 0 { len } else { len - 1 };
                }
                Ok(i)
            }
        }
    };
    Ok((clamp(&s.0, lo_default)?, clamp(&s.1, hi_default)?, step))
}

pub(crate) fn slice_int(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(b) => Ok(if b.is_negative() {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        }),
        _ => Err(Exc::type_err(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

pub(crate) fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    if step > 0 {
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        while i > stop {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

/// The positions a slice visits (what [`slice_positions`] lists), without building a vector.
pub(crate) fn slice_iter(start: i64, stop: i64, step: i64) -> impl Iterator<Item = usize> {
    let n = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / -step + 1
    } else {
        0
    };
    (0..n).map(move |k| (start + k * step) as usize)
}

/// `l[a:b:c]` on a list: a step-1 slice is one copy of the range.
pub(crate) fn list_slice(
    it: &mut Interp,
    l: &RefCell<PyList>,
    s: &(Value, Value, Value),
) -> PyResult<Value> {
    let b = l.borrow();
    let (a, z, st) = slice_indices(it, s, b.len() as i64)?;
    Ok(Value::list(if st == 1 {
        copy_items(it, &b[a as usize..z.max(a) as usize])?
    } else if st == -1 && a - z <= crate::interp::COPY_CHUNK as i64 {
        // A reversed run (`l[k::-1]`, fannkuch's flips): one pass over the contiguous items (a long one
        // goes through `stepped_items`, charged in chunks).
        if a > z {
            let run = &b[(z + 1) as usize..=a as usize];
            let mut v = it.take_vec_for(run.len());
            v.extend(run.iter().rev().cloned());
            v
        } else {
            Vec::new()
        }
    } else {
        stepped_items(it, &b, a, z, st)?
    }))
}

/// A copy of `src` (a slice of a list or tuple), fallible and in chunks the limits can stop: copying ten
/// million items is tens of milliseconds.
fn copy_items(it: &mut Interp, src: &[Value]) -> PyResult<Vec<Value>> {
    if src.len() <= crate::interp::COPY_CHUNK {
        return Ok(src.to_vec());
    }
    let mut v = it.alloc_vec(src.len())?;
    for part in src.chunks(crate::interp::COPY_CHUNK) {
        v.extend_from_slice(part);
        it.charge_or_bury((part.len() >> 4) as u64, &mut v)?;
    }
    Ok(v)
}

/// The items of `src[a:z:st]` (a step other than 1), sized and charged like [`copy_items`].
fn stepped_items(it: &mut Interp, src: &[Value], a: i64, z: i64, st: i64) -> PyResult<Vec<Value>> {
    let n = slice_positions_len(a, z, st);
    if n <= crate::interp::COPY_CHUNK {
        return Ok(slice_iter(a, z, st).map(|k| src[k].clone()).collect());
    }
    let mut v = it.alloc_vec(n)?;
    let mut ks = slice_iter(a, z, st);
    loop {
        let before = v.len();
        v.extend(
            ks.by_ref()
                .take(crate::interp::COPY_CHUNK)
                .map(|k| src[k].clone()),
        );
        if v.len() == before {
            return Ok(v);
        }
        it.charge_or_bury(((v.len() - before) >> 4) as u64, &mut v)?;
    }
}

/// How many positions `slice_iter(a, z, st)` yields.
fn slice_positions_len(a: i64, z: i64, st: i64) -> usize {
    let (span, step) = if st > 0 {
        (z as i128 - a as i128, st as i128)
    } else {
        (a as i128 - z as i128, -(st as i128))
    };
    if span <= 0 {
        0
    } else {
        ((span - 1) / step + 1) as usize
    }
}

pub(crate) fn norm_index(i: &Value, len: usize, what: &str) -> PyResult<usize> {
    let k = match i {
        Value::Int(k) => *k,
        Value::Bool(b) => *b as i64,
        Value::Big(_) => {
            return Err(Exc::new(
                "IndexError",
                "cannot fit 'int' into an index-sized integer",
            ));
        }
        v => {
            if what == "string" {
                return Err(Exc::type_err(format!(
                    "string indices must be integers, not '{}'",
                    type_name(v)
                )));
            }
            // bytes say "index out of range" but "byte indices must be ...", as CPython's do.
            let kind = if what == "index" {
                "byte"
            } else {
                what.trim_end_matches(" object")
            };
            return Err(Exc::type_err(format!(
                "{kind} indices must be integers or slices, not {}",
                type_name(v)
            )));
        }
    };
    let k2 = if k < 0 { k + len as i64 } else { k };
    if k2 < 0 || k2 >= len as i64 {
        return Err(Exc::new("IndexError", format!("{what} index out of range")));
    }
    Ok(k2 as usize)
}

/// What CPython's `PyNumber_Index` makes of `v` when it is an instance: the int an `int` subclass's
/// instance carries (its own `__index__` is not asked, as in CPython), else the result of the class's
/// `__index__` (which must be an int). `None` for any other value, so the caller reports its own error.
pub(crate) fn index_value(it: &mut Interp, v: &Value) -> PyResult<Option<Value>> {
    let Value::Instance(inst) = v else {
        return Ok(None);
    };
    match &inst.native {
        Some(Value::Bool(b)) => return Ok(Some(Value::Int(**b as i64))),
        Some(n @ (Value::Int(_) | Value::Big(_))) => return Ok(Some(n.clone())),
        _ => {}
    }
    let Some(m) = it.lookup_special(v, "__index__") else {
        return Ok(None);
    };
    let r = it.call(&m, vec![v.clone()], Vec::new())?;
    match r {
        Value::Int(_) | Value::Big(_) => Ok(Some(r)),
        Value::Bool(b) => Ok(Some(Value::Int(*b as i64))),
        Value::Instance(ref i) if matches!(i.native, Some(Value::Int(_) | Value::Big(_))) => {
            Ok(i.native.clone())
        }
        other => Err(Exc::type_err(format!(
            "__index__ returned non-int (type {})",
            type_name(&other)
        ))),
    }
}

/// A subscript of a built-in sequence that is an instance (an `int` subclass, an object with
/// `__index__`) as its int; `None` when nothing needs replacing (a slice's bounds are converted where
/// they are used, in `slice_indices`). Only for the built-in sequences: a mapping's key and a user
/// `__getitem__`'s argument stay as given.
fn sequence_subscript(it: &mut Interp, o: &Value, i: &Value) -> PyResult<Option<Value>> {
    if !matches!(
        o,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Range(_)
            | Value::BigRange(_)
    ) {
        return Ok(None);
    }
    index_value(it, i)
}

/// `o[i]`.
pub fn get_item(it: &mut Interp, o: &Value, i: &Value) -> PyResult<Value> {
    if matches!(i, Value::Instance(_)) {
        if let Some(j) = sequence_subscript(it, o, i)? {
            return get_item(it, o, &j);
        }
    }
    match o {
        Value::List(l) => {
            if let Value::Slice(s) = i {
                return list_slice(it, l, s);
            }
            let b = l.borrow();
            let k = norm_index(i, b.len(), "list")?;
            Ok(b[k].clone())
        }
        Value::Tuple(t) => {
            if let Value::Slice(s) = i {
                let (a, z, st) = slice_indices(it, s, t.len() as i64)?;
                let v = if st == 1 {
                    copy_items(it, &t[a as usize..z.max(a) as usize])?
                } else {
                    stepped_items(it, t, a, z, st)?
                };
                // The items move into the tuple's own block in one copy that cannot stop midway (with
                // its page faults, tens of milliseconds for ten million): admitted against the deadline.
                if v.len() > crate::interp::COPY_CHUNK {
                    if let Err(e) = it.admit_copy(v.len() * size_of::<Value>()) {
                        it.bury(&e, v);
                        return Err(e);
                    }
                }
                return Ok(Value::tuple(v));
            }
            let k = norm_index(i, t.len(), "tuple")?;
            Ok(t[k].clone())
        }
        Value::Str(s) => {
            // A slice is one copy, and a non-ASCII str is indexed by walking its chars: sized first.
            if matches!(i, Value::Slice(_)) || !s.is_ascii() {
                it.admit_pass(s.len(), 6.0)?;
            }
            if let Value::Slice(sl) = i {
                if s.is_ascii() {
                    let (a, z, st) = slice_indices(it, sl, s.len() as i64)?;
                    if st == 1 {
                        return Ok(Value::str(if a < z {
                            &s[a as usize..z as usize]
                        } else {
                            ""
                        }));
                    }
                    let bytes = s.as_bytes();
                    let out: String = slice_positions(a, z, st)
                        .into_iter()
                        .map(|k| bytes[k] as char)
                        .collect();
                    return Ok(Value::Str(out.into()));
                }
                let cs = chars_of(s);
                let (a, z, st) = slice_indices(it, sl, cs.len() as i64)?;
                let out: String = slice_positions(a, z, st)
                    .into_iter()
                    .map(|k| cs[k])
                    .collect();
                return Ok(Value::Str(out.into()));
            }
            if s.is_ascii() {
                let k = norm_index(i, s.len(), "string")?;
                return Ok(Value::str(&s[k..k + 1]));
            }
            let cs = chars_of(s);
            let k = norm_index(i, cs.len(), "string")?;
            Ok(Value::Str(cs[k].to_string().into()))
        }
        Value::Bytes(b) => {
            if let Value::Slice(sl) = i {
                it.admit_pass(b.len(), 4.0)?;
                let (a, z, st) = slice_indices(it, sl, b.len() as i64)?;
                return Ok(Value::Bytes(
                    slice_positions(a, z, st)
                        .into_iter()
                        .map(|k| b[k])
                        .collect::<Vec<u8>>()
                        .into(),
                ));
            }
            let k = norm_index(i, b.len(), "index")?;
            Ok(Value::Int(b[k] as i64))
        }
        Value::BigRange(_) => crate::methods::bigrange::get_item(it, o, i),
        // A big index, or a slice whose numbers leave 64 bits: in big ints.
        Value::Range(_) if matches!(i, Value::Big(_)) => {
            crate::methods::bigrange::get_item(it, o, i)
        }
        Value::Range(r)
            if matches!(i, Value::Slice(_))
                && (r.0.unsigned_abs() | r.1.unsigned_abs() | r.2.unsigned_abs()) >= 1 << 31 =>
        {
            crate::methods::bigrange::get_item(it, o, i)
        }
        Value::Range(r) => {
            let n = crate::builtins::range_len(r);
            if let Value::Slice(sl) = i {
                let (a, z, st) = slice_indices(it, sl, n)?;
                let start = r.0 + a * r.2;
                let stop = r.0 + z * r.2;
                return Ok(Value::Range(Rc::new((start, stop, r.2 * st))));
            }
            let k = norm_index(i, n as usize, "range object")?;
            Ok(Value::Int(r.0 + k as i64 * r.2))
        }
        Value::Dict(d) => {
            let k = it.dict_key(i.clone(), d)?;
            match d.borrow().map().get(&k) {
                Some(v) => Ok(v.clone()),
                None => Err(Exc::with_args("KeyError", vec![i.clone()])),
            }
        }
        // `array.array` itself: its own `__getitem__`, no lookup.
        Value::Instance(inst) if crate::stdlib::array::is_exact(inst) => {
            crate::stdlib::array::a_getitem(it, &[o.clone(), i.clone()], &[])
        }
        // A dict subclass that leaves `__getitem__` to dict (`Counter`, `defaultdict`): its carried dict,
        // then its `__missing__` for a missing key, with no bound slot made and no KeyError raised.
        Value::Instance(inst)
            if matches!(inst.native, Some(Value::Dict(_)))
                && inst.class.lookup_special("__getitem__").is_none()
                && crate::builtins::native_name_ok(inst, "__getitem__") =>
        {
            dict_subclass_get(it, o, inst, i)
        }
        Value::Instance(inst) => match it.lookup_special(o, "__getitem__") {
            // A built-in type's own `__getitem__` (`array`'s): called with the two arguments on the stack.
            Some(Value::Builtin(b)) if b.this.is_none() && inst.native.is_none() => {
                (b.func)(it, &[o.clone(), i.clone()], &[])
            }
            Some(m) => {
                let mut av = it.take_vec();
                av.push(o.clone());
                av.push(i.clone());
                let r = it.call_vec(&m, av);
                // A dict subclass's missing key goes to its `__missing__` (dict.__getitem__ asks it).
                match r {
                    Err(e)
                        if matches!(inst.native, Some(Value::Dict(_)))
                            && inst.class.lookup_special("__getitem__").is_none()
                            && it.exc_class(&e).is_subclass(&it.types.exc["KeyError"]) =>
                    {
                        match inst.class.lookup("__missing__") {
                            Some(miss) => it.call(&miss, vec![o.clone(), i.clone()], Vec::new()),
                            None => Err(e),
                        }
                    }
                    r => r,
                }
            }
            None => Err(Exc::type_err(format!(
                "'{}' object is not subscriptable",
                type_name(o)
            ))),
        },
        Value::Class(c)
            if matches!(
                c.kind,
                Kind::List | Kind::Dict | Kind::Tuple | Kind::Set | Kind::FrozenSet | Kind::Type
            ) =>
        {
            crate::stdlib::types::generic_alias(it, o, i)
        }
        // `itertools.chain[int]`.
        Value::Class(c) if c.kind == Kind::Iterator && c.lookup("__class_getitem__").is_some() => {
            crate::stdlib::types::generic_alias(it, o, i)
        }
        Value::Class(c) if c.kind == Kind::User || c.kind == Kind::Exception => {
            // The metaclass's `__getitem__` first (`Color['RED']`), then `__class_getitem__`.
            if let Some(m) = c.meta.as_ref().and_then(|m| m.lookup("__getitem__")) {
                return it.call(&m, vec![o.clone(), i.clone()], Vec::new());
            }
            match c.lookup("__class_getitem__") {
                Some(Value::Builtin(b)) if b.name == "<classmethod>" => {
                    let f = b.this.clone().unwrap_or(Value::None);
                    it.call(&f, vec![o.clone(), i.clone()], Vec::new())
                }
                Some(f) => it.call(&f, vec![i.clone()], Vec::new()),
                None => Err(Exc::type_err(format!(
                    "type '{}' is not subscriptable",
                    c.name
                ))),
            }
        }
        _ => Err(Exc::type_err(format!(
            "'{}' object is not subscriptable",
            type_name(o)
        ))),
    }
}

/// `l[a:b:c] = v` on a list, the bounds as evaluated (no slice object needed).
///
/// From another list the items are copied from its storage (in place when the lengths agree), with no
/// intermediate vector; from a list nothing else refers to (the temporary that `l[:k+1] = l[k::-1]` or
/// `xs[i:] = xs[i+1:] + xs[i:i+1]` builds) the items are moved, not copied and dropped.
pub(crate) fn list_set_slice(
    it: &mut Interp,
    l: &Rc<RefCell<PyList>>,
    s: &(Value, Value, Value),
    v: Value,
) -> PyResult<()> {
    let items = match v {
        Value::List(src) if !Rc::ptr_eq(&src, l) => {
            let len = l.borrow().len() as i64;
            let (a, z, st) = slice_indices(it, s, len)?;
            if st == 1 {
                let (a, z) = (a as usize, z.max(a) as usize);
                // Work in proportion to the items copied and replaced, for the limits.
                it.charge(((src.borrow().len() + (z - a)) >> 4) as u64)?;
                // The replaced items are dropped after the list is released, last first (CPython's
                // `list_ass_slice` order, which a `__del__` can observe).
                if Rc::strong_count(&src) == 1 {
                    // A temporary: its items move over (the bounds were read first, as CPython does).
                    let mut moved = std::mem::take(&mut src.borrow_mut().0);
                    let mut b = l.borrow_mut();
                    if z - a == moved.len() {
                        b[a..z].swap_with_slice(&mut moved);
                        drop(b);
                        drop_last_first(&mut moved);
                        it.give_small_vec(moved);
                    } else {
                        let mut old: Vec<Value> = b.splice(a..z, moved).collect();
                        drop(b);
                        drop_last_first(&mut old);
                    }
                    return Ok(());
                }
                let mut old = it.take_vec();
                {
                    let src = src.borrow();
                    let mut b = l.borrow_mut();
                    if z - a == src.len() {
                        for (d, x) in b[a..z].iter_mut().zip(src.iter()) {
                            old.push(std::mem::replace(d, x.clone()));
                        }
                    } else {
                        old.extend(b.splice(a..z, src.iter().cloned()));
                    }
                }
                drop_last_first(&mut old);
                it.give_vec(old);
                return Ok(());
            }
            if Rc::strong_count(&src) == 1 {
                std::mem::take(&mut src.borrow_mut().0)
            } else {
                it.collect(&Value::List(src))?
            }
        }
        v => match it.collect(&v) {
            Ok(items) => items,
            Err(e)
                if !it.is_iterable(&v)
                    && it.exc_class(&e).is_subclass(&it.types.exc["TypeError"]) =>
            {
                return Err(Exc::type_err("can only assign an iterable"));
            }
            Err(e) => return Err(e),
        },
    };
    let len = l.borrow().len() as i64;
    let (a, z, st) = slice_indices(it, s, len)?;
    if st == 1 {
        let z = z.max(a);
        let mut old: Vec<Value> = l
            .borrow_mut()
            .splice(a as usize..z as usize, items)
            .collect();
        drop_last_first(&mut old);
        return Ok(());
    }
    let pos = slice_positions(a, z, st);
    if pos.len() != items.len() {
        return Err(Exc::value_err(format!(
            "attempt to assign sequence of size {} to extended slice of size {}",
            items.len(),
            pos.len()
        )));
    }
    let mut b = l.borrow_mut();
    for (p, x) in pos.into_iter().zip(items) {
        b[p] = x;
    }
    Ok(())
}

/// Drops the items of `v` last first (leaving it empty).
fn drop_last_first(v: &mut Vec<Value>) {
    while let Some(x) = v.pop() {
        drop(x);
    }
}

/// `o[i] = v`.
/// `o[i]` of a dict subclass that leaves `__getitem__` to dict (kept out of `get_item`, whose built-in
/// arms stay as they were).
#[inline(never)]
fn dict_subclass_get(
    it: &mut Interp,
    o: &Value,
    inst: &crate::value::Instance,
    i: &Value,
) -> PyResult<Value> {
    if let Some(Value::Dict(d)) = &inst.native {
        let k = it.dict_key(i.clone(), d)?;
        let found = d.borrow().map().get(&k).cloned();
        if let Some(v) = found {
            return Ok(v);
        }
    }
    match inst.class.lookup("__missing__") {
        Some(miss) => it.call(&miss, vec![o.clone(), i.clone()], Vec::new()),
        None => Err(Exc::with_args("KeyError", vec![i.clone()])),
    }
}

/// `o[i] = v` of a dict subclass that leaves `__setitem__` to dict.
#[inline(never)]
fn dict_subclass_set(
    it: &mut Interp,
    inst: &crate::value::Instance,
    i: Value,
    v: Value,
) -> PyResult<()> {
    match &inst.native {
        Some(d) => set_item(it, d, i, v),
        None => Ok(()),
    }
}

pub fn set_item(it: &mut Interp, o: &Value, i: Value, v: Value) -> PyResult<()> {
    if matches!(i, Value::Instance(_)) {
        if let Some(j) = sequence_subscript(it, o, &i)? {
            return set_item(it, o, j, v);
        }
    }
    match o {
        Value::List(l) => {
            if let Value::Slice(s) = &i {
                return list_set_slice(it, l, s, v);
            }
            let mut b = l.borrow_mut();
            let k = norm_index(&i, b.len(), "list assignment")?;
            b[k] = v;
            Ok(())
        }
        Value::Dict(d) => {
            let k = it.dict_key(i, d)?;
            d.borrow_mut().map_mut().insert(k, v);
            Ok(())
        }
        Value::Instance(inst) if crate::stdlib::array::is_exact(inst) => {
            crate::stdlib::array::a_setitem(it, &[o.clone(), i, v], &[]).map(|_| ())
        }
        // A dict subclass that leaves `__setitem__` to dict: straight into its carried dict.
        Value::Instance(inst)
            if matches!(inst.native, Some(Value::Dict(_)))
                && inst.class.lookup_special("__setitem__").is_none()
                && crate::builtins::native_name_ok(inst, "__setitem__") =>
        {
            dict_subclass_set(it, inst, i, v)
        }
        Value::Instance(inst) => match it.lookup_special(o, "__setitem__") {
            // A built-in type's own `__setitem__` (`array`'s): called with the three arguments on the stack.
            Some(Value::Builtin(b)) if b.this.is_none() && inst.native.is_none() => {
                (b.func)(it, &[o.clone(), i, v], &[]).map(|_| ())
            }
            Some(m) => {
                let mut av = it.take_vec();
                av.push(o.clone());
                av.push(i);
                av.push(v);
                it.call_vec(&m, av).map(|_| ())
            }
            None => Err(Exc::type_err(format!(
                "'{}' object does not support item assignment",
                type_name(o)
            ))),
        },
        _ => Err(Exc::type_err(format!(
            "'{}' object does not support item assignment",
            type_name(o)
        ))),
    }
}

/// `del xs[a:z:st]` in one pass over the list (removing the items one by one moved the tail once per item:
/// quadratic, and uncharged, so `del xs[:5000000]` on a ten-million-item list ran for hours past any
/// deadline). The removed items are freed in CPython's order (a plain slice's from the last, an extended
/// slice's from the lowest position), in charged chunks.
fn del_list_slice(
    it: &mut Interp,
    l: &std::rc::Rc<std::cell::RefCell<crate::value::PyList>>,
    s: &(Value, Value, Value),
) -> PyResult<()> {
    let len = l.borrow().len();
    let (a, z, st) = slice_indices(it, s, len as i64)?;
    let n = slice_positions_len(a, z, st);
    if n == 0 {
        return Ok(());
    }
    // The positions as an ascending progression `lo, lo + step, ...`.
    let (lo, step) = if st > 0 {
        (a as usize, st as usize)
    } else {
        (
            (a + (n as i64 - 1) * st) as usize,
            st.unsigned_abs() as usize,
        )
    };
    it.charge((len >> 4) as u64)?;
    let mut gone = if step == 1 {
        let mut b = l.borrow_mut();
        let hi = (lo + n).min(b.len());
        if lo == 0 && hi == b.len() {
            // The whole list: its storage, with no copy.
            std::mem::take(&mut b.0)
        } else if hi == b.len() {
            b.0.split_off(lo)
        } else {
            b.0.drain(lo.min(hi)..hi).collect::<Vec<_>>()
        }
    } else {
        let mut gone = it.alloc_vec(n)?;
        let mut keep = it.alloc_vec(len.saturating_sub(n))?;
        let mut b = l.borrow_mut();
        for (j, v) in std::mem::take(&mut b.0).into_iter().enumerate() {
            if j >= lo && (j - lo) % step == 0 && gone.len() < n {
                gone.push(v);
            } else {
                keep.push(v);
            }
        }
        b.0 = keep;
        gone
    };
    // Freed from the back: a plain slice's last item first, as CPython; any other step's (even -1) from
    // the lowest position up, as CPython frees an extended slice's items.
    if st != 1 {
        gone.reverse();
    }
    it.drop_rev_ticking(std::mem::take(&mut gone));
    Ok(())
}

/// `del o[i]`.
pub fn del_item(it: &mut Interp, o: &Value, i: &Value) -> PyResult<()> {
    if matches!(i, Value::Instance(_)) {
        if let Some(j) = sequence_subscript(it, o, i)? {
            return del_item(it, o, &j);
        }
    }
    match o {
        Value::List(l) => {
            if let Value::Slice(s) = i {
                return del_list_slice(it, l, s);
            }
            let mut b = l.borrow_mut();
            let k = norm_index(i, b.len(), "list assignment")?;
            b.remove(k);
            Ok(())
        }
        Value::Dict(d) => {
            let k = it.dict_key(i.clone(), d)?;
            if d.borrow_mut().map_mut().shift_remove(&k).is_none() {
                return Err(Exc::with_args("KeyError", vec![i.clone()]));
            }
            Ok(())
        }
        Value::Instance(_) => match it.lookup_special(o, "__delitem__") {
            Some(m) => it
                .call(&m, vec![o.clone(), i.clone()], Vec::new())
                .map(|_| ()),
            None => Err(Exc::type_err(format!(
                "'{}' object does not support item deletion",
                type_name(o)
            ))),
        },
        _ => Err(Exc::type_err(format!(
            "'{}' object does not support item deletion",
            type_name(o)
        ))),
    }
}
