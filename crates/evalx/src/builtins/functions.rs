//! The built-in functions (`print`, `len`, `isinstance`, `sorted`, `min`/`max`, `round`, `property`...).

use super::*;

/// `input(prompt='')`: writes the prompt, reads one line of the host's input without its line ending;
/// `EOFError` at the end of the input.
pub(crate) fn b_input(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::methods::no_kw("input", kw)?;
    if args.len() > 1 {
        return Err(Exc::type_err(format!(
            "input expected at most 1 argument, got {}",
            args.len()
        )));
    }
    if let Some(p) = args.first() {
        let s = it.to_str(p)?;
        it.write(&s)?;
        let _ = it.out.flush();
    }
    let mut line = Vec::new();
    let n = match it.stdin.as_mut() {
        Some(r) => std::io::BufRead::read_until(r, b'\n', &mut line)
            .map_err(|e| Exc::new("OSError", e.to_string()))?,
        None => 0,
    };
    if n == 0 {
        return Err(Exc::new("EOFError", "EOF when reading a line"));
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    it.check_len(line.len())?;
    Ok(Value::str(&String::from_utf8_lossy(&line)))
}

pub(crate) fn b_print(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("print", kw, &["sep", "end", "file", "flush"])?;
    // A temporary freed while the arguments were computed (`print(make().name)`) was finalized before
    // the call in CPython: its output comes first.
    if crate::interp::finalize::pending() {
        it.run_finalizers()?;
    }
    let get = |n: &str| -> PyResult<Option<String>> {
        match kwarg(kw, n) {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.to_string())),
            Some(v) => Err(Exc::type_err(format!(
                "{n} must be None or a string, not {}",
                type_name(v)
            ))),
        }
    };
    let sep = get("sep")?.unwrap_or_else(|| " ".into());
    let end = get("end")?.unwrap_or_else(|| "\n".into());
    let mut file = kwarg(kw, "file").cloned().unwrap_or(Value::None);
    if matches!(file, Value::None) && it.stdout_rebound {
        // `sys.stdout` rebound by the program (`contextlib.redirect_stdout`) takes the output.
        if let Some(out) = crate::stdlib::contextlib::redirected_stdout(it) {
            file = out;
        }
    }
    if !matches!(file, Value::None) {
        let w = it.get_attr(&file, "write")?;
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                it.call(&w, vec![Value::Str(sep.as_str().into())], Vec::new())?;
            }
            let s = it.to_str(a)?;
            it.call(&w, vec![Value::Str(s.into())], Vec::new())?;
        }
        it.call(&w, vec![Value::Str(end.as_str().into())], Vec::new())?;
        return Ok(Value::None);
    }
    let mut s = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            s.push_str(&sep);
        }
        s.push_str(&it.to_str(a)?);
    }
    s.push_str(&end);
    if !matches!(file, Value::None) {
        let w = it.get_attr(&file, "write")?;
        it.call(&w, vec![Value::Str(s.into())], Vec::new())?;
        return Ok(Value::None);
    }
    // A new green thread's first line lets its starter go on first, as CPython's GIL does.
    it.stdout_turn()?;
    it.write(&s)?;
    Ok(Value::None)
}

/// `len(v)`.
pub fn len_of(it: &mut Interp, v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::Str(s) => {
            if s.is_ascii() {
                s.len() as i64
            } else {
                s.chars().count() as i64
            }
        }
        Value::Bytes(b) => b.len() as i64,
        Value::List(l) => l.borrow().len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Dict(d) => d.borrow().map().len() as i64,
        Value::View(v) => v.0.borrow().map().len() as i64,
        Value::Set(s) => s.items.len() as i64,
        Value::Range(r) => range_len(r),
        Value::BigRange(r) => crate::methods::bigrange::len(r)?,
        Value::Instance(_) | Value::Class(_) => {
            if let Some(n) = it.native_unshadowed(v, "__len__") {
                return len_of(it, n);
            }
            let Some(m) = it.lookup_special(v, "__len__") else {
                return Err(Exc::type_err(format!(
                    "object of type '{}' has no len()",
                    type_name(v)
                )));
            };
            let r = it.call(&m, vec![v.clone()], Vec::new())?;
            match r {
                Value::Int(i) if i >= 0 => i,
                Value::Int(_) => return Err(Exc::value_err("__len__() should return >= 0")),
                other => {
                    return Err(Exc::type_err(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(&other)
                    )));
                }
            }
        }
        _ => {
            return Err(Exc::type_err(format!(
                "object of type '{}' has no len()",
                type_name(v)
            )));
        }
    })
}

pub(crate) fn b_len(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("len", args, kw, 1, 1)?;
    Ok(Value::Int(len_of(it, &args[0])?))
}

pub(crate) fn b_repr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("repr", args, kw, 1, 1)?;
    Ok(Value::Str(it.repr(&args[0])?.into()))
}

pub(crate) fn b_ascii(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("ascii", args, kw, 1, 1)?;
    let r = it.repr(&args[0])?;
    Ok(Value::Str(crate::format::ascii(&r).into()))
}

pub(crate) fn b_abs(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("abs", args, kw, 1, 1)?;
    Ok(match &args[0] {
        Value::Int(i) => i
            .checked_abs()
            .map(Value::Int)
            .unwrap_or_else(|| Value::from_big(BigInt::from(*i).abs())),
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Big(b) => Value::from_big(b.abs()),
        Value::Float(f) => Value::float(f.abs()),
        v => match it.lookup_special(v, "__abs__") {
            Some(m) => it.call(&m, vec![v.clone()], Vec::new())?,
            None => {
                return Err(Exc::type_err(format!(
                    "bad operand type for abs(): '{}'",
                    type_name(v)
                )));
            }
        },
    })
}

pub(crate) fn class_list(v: &Value, fname: &str) -> PyResult<Vec<Rc<Class>>> {
    match v {
        Value::Class(c) => Ok(vec![c.clone()]),
        Value::Tuple(t) => {
            let mut out = Vec::new();
            for x in t.iter() {
                out.extend(class_list(x, fname)?);
            }
            Ok(out)
        }
        _ => Err(Exc::type_err(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

/// A metaclass's own `__instancecheck__`/`__subclasscheck__` (written in Python; `type`'s is the MRO
/// walk below), which decides `isinstance`/`issubclass` against its classes as in CPython.
fn meta_check(c: &Class, name: &str) -> Option<Value> {
    let m = c.meta.as_ref()?;
    match m.lookup(name)? {
        f @ (Value::Func(_) | Value::Instance(_)) => Some(f),
        _ => None,
    }
}

/// Asks each class whose metaclass defines `hook` (`__instancecheck__`/`__subclasscheck__`) about `x`:
/// `None` when one said yes, else the classes left for the ordinary check.
fn meta_checks(
    it: &mut Interp,
    cs: Vec<Rc<Class>>,
    hook: &str,
    x: &Value,
) -> PyResult<Option<Vec<Rc<Class>>>> {
    if !cs.iter().any(|c| c.meta.is_some()) {
        return Ok(Some(cs));
    }
    let mut rest = Vec::with_capacity(cs.len());
    for c in cs {
        match meta_check(&c, hook) {
            Some(f) => {
                let r = it.call(&f, vec![Value::Class(c), x.clone()], Vec::new())?;
                if it.truthy(&r)? {
                    return Ok(None);
                }
            }
            None => rest.push(c),
        }
    }
    Ok(Some(rest))
}

/// `isinstance(x, spec)`/`issubclass(x, spec)` where `spec` is an object that is not a class (a union
/// `int | None`, a generic alias) or a tuple holding one: the object's type's `hook`
/// (`__instancecheck__`/`__subclasscheck__`) decides, as CPython asks it. `None`: no such object, the
/// ordinary check applies.
fn object_check(
    it: &mut Interp,
    x: &Value,
    spec: &Value,
    hook: &str,
    fname: &str,
) -> PyResult<Option<bool>> {
    match spec {
        Value::Instance(i) => {
            let Some(f) = i.class.lookup(hook) else {
                return Err(Exc::type_err(format!(
                    "{fname}() arg 2 must be a type, a tuple of types, or a union"
                )));
            };
            let r = it.call(&f, vec![spec.clone(), x.clone()], Vec::new())?;
            it.truthy(&r).map(Some)
        }
        Value::Tuple(t) if t.iter().any(|s| matches!(s, Value::Instance(_))) => {
            for s in t.iter() {
                let hit = match object_check(it, x, s, hook, fname)? {
                    Some(b) => b,
                    None => {
                        let f = if fname == "isinstance" {
                            b_isinstance
                        } else {
                            b_issubclass
                        };
                        let r = f(it, &[x.clone(), s.clone()], &[])?;
                        it.truthy(&r)?
                    }
                };
                if hit {
                    return Ok(Some(true));
                }
            }
            Ok(Some(false))
        }
        _ => Ok(None),
    }
}

pub(crate) fn b_isinstance(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isinstance", args, kw, 2, 2)?;
    // A built-in class without a metaclass (`isinstance(idx, tuple)`): no hook, no ABC registry can answer
    // for it, so the MRO decides, with no class list.
    if let [x, Value::Class(c)] = args
        && c.kind != Kind::User
        && c.meta.is_none()
    {
        let t = it.type_of(x);
        return Ok(Value::bool(Rc::ptr_eq(&t, c) || t.is_subclass(c)));
    }
    if let Some(b) = object_check(it, &args[0], &args[1], "__instancecheck__", "isinstance")? {
        return Ok(Value::bool(b));
    }
    let t = it.type_of(&args[0]);
    let cs = class_list(&args[1], "isinstance")?;
    if cs.iter().any(|c| Rc::ptr_eq(c, &t)) {
        return Ok(Value::bool(true));
    }
    // A metaclass's `__instancecheck__` decides for its classes (it does its own nominal check).
    let Some(cs) = meta_checks(it, cs, "__instancecheck__", &args[0])? else {
        return Ok(Value::bool(true));
    };
    if cs.iter().any(|c| t.is_subclass(c)) {
        return Ok(Value::bool(true));
    }
    crate::stdlib::abc_check(it, &cs, &t).map(Value::bool)
}

pub(crate) fn b_issubclass(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("issubclass", args, kw, 2, 2)?;
    let Value::Class(a) = &args[0] else {
        return Err(Exc::type_err("issubclass() arg 1 must be a class"));
    };
    if let Some(b) = object_check(it, &args[0], &args[1], "__subclasscheck__", "issubclass")? {
        return Ok(Value::bool(b));
    }
    let cs = class_list(&args[1], "issubclass")?;
    let Some(cs) = meta_checks(it, cs, "__subclasscheck__", &args[0])? else {
        return Ok(Value::bool(true));
    };
    if cs.iter().any(|c| a.is_subclass(c)) {
        return Ok(Value::bool(true));
    }
    crate::stdlib::abc_check(it, &cs, a).map(Value::bool)
}

pub(crate) fn attr_name(v: &Value, f: &str) -> PyResult<RcStr> {
    if let Some(s) = crate::methods::text::str_of_subclass(v) {
        return Ok(s.clone());
    }
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(Exc::type_err(format!(
            "{f}(): attribute name must be string, not '{}'",
            type_name(v)
        ))),
    }
}

pub(crate) fn b_hasattr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("hasattr", args, kw, 2, 2)?;
    let n = attr_name(&args[1], "hasattr")?;
    match it.get_attr_opt(&args[0], &n) {
        Ok(v) => Ok(Value::bool(v.is_some())),
        Err(e)
            if it
                .exc_class(&e)
                .is_subclass(&it.types.exc["AttributeError"]) =>
        {
            Ok(Value::bool(false))
        }
        Err(e) => Err(e),
    }
}

pub(crate) fn b_getattr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("getattr", args, kw, 2, 3)?;
    let n = attr_name(&args[1], "getattr")?;
    match it.get_attr(&args[0], &n) {
        Ok(v) => Ok(v),
        Err(e)
            if args.len() == 3
                && it
                    .exc_class(&e)
                    .is_subclass(&it.types.exc["AttributeError"]) =>
        {
            Ok(args[2].clone())
        }
        Err(e) => Err(e),
    }
}

pub(crate) fn b_setattr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("setattr", args, kw, 3, 3)?;
    let n = attr_name(&args[1], "setattr")?;
    it.set_attr(&args[0], &n, args[2].clone())?;
    Ok(Value::None)
}

pub(crate) fn b_delattr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("delattr", args, kw, 2, 2)?;
    let n = attr_name(&args[1], "delattr")?;
    let o = args[0].clone();
    it.del_attr(&o, &n)?;
    Ok(Value::None)
}

pub(crate) fn b_callable(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("callable", args, kw, 1, 1)?;
    Ok(Value::bool(match &args[0] {
        Value::Func(_) | Value::Builtin(_) | Value::Bound(_) | Value::Class(_) => true,
        v @ Value::Instance(_) => it.lookup_special(v, "__call__").is_some(),
        _ => false,
    }))
}

pub(crate) fn b_chr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("chr", args, kw, 1, 1)?;
    let i = to_index_of(it, &args[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::Str(c.to_string().into())),
        None if (0xD800..0xE000).contains(&i) => Ok(Value::Str("\u{fffd}".into())),
        None => Err(Exc::value_err("chr() arg not in range(0x110000)")),
    }
}

pub(crate) fn b_ord(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("ord", args, kw, 1, 1)?;
    // An instance of a str subclass is read as its str.
    let text = match &args[0] {
        Value::Str(s) => Some(s),
        v => crate::methods::text::str_of_subclass(v),
    };
    match (text, &args[0]) {
        (Some(s), _) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(Exc::type_err(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }
        (None, Value::Bytes(b)) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        (None, v) => Err(Exc::type_err(format!(
            "ord() expected string of length 1, but {} found",
            type_name(v)
        ))),
    }
}

pub(crate) fn radix(
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    r: u32,
    prefix: &str,
) -> PyResult<Value> {
    arity(name, args, kw, 1, 1)?;
    let Some(b) = num::to_big(&args[0]) else {
        return Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&args[0])
        )));
    };
    let s = b.abs().to_str_radix(r);
    Ok(Value::Str(
        format!("{}{prefix}{s}", if b.is_negative() { "-" } else { "" }).into(),
    ))
}
/// `hex`/`bin`/`oct`: [`radix`] of an int, or of an object's `__index__`.
fn radix_of(
    it: &mut Interp,
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    r: u32,
    prefix: &str,
) -> PyResult<Value> {
    // A big int's digits: one pass in proportion to its size (uncharged, a loop of them ran a thousand
    // calls between two checks of the clock).
    if let Some(Value::Big(b)) = args.first() {
        it.admit_pass((b.bits() / 4) as usize, 4.0)?;
    }
    match args {
        [v @ Value::Instance(_)] => match crate::methods::index_value(it, v)? {
            Some(n) => radix(&[n], kw, name, r, prefix),
            None => radix(args, kw, name, r, prefix),
        },
        _ => radix(args, kw, name, r, prefix),
    }
}
pub(crate) fn b_hex(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    radix_of(it, args, kw, "hex", 16, "0x")
}
pub(crate) fn b_bin(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    radix_of(it, args, kw, "bin", 2, "0b")
}
pub(crate) fn b_oct(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    radix_of(it, args, kw, "oct", 8, "0o")
}

/// `hash(v)` as an int.
pub fn hash_of(it: &mut Interp, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => return Ok(crate::pyhash::hash_int(*i)),
        Value::Bool(b) => return Ok(*b as i64),
        Value::Instance(i) => {
            it.key(v.clone())?;
            if let Some(h) = i.user_hash() {
                return Ok(if h == -1 { -2 } else { h });
            }
        }
        _ => {}
    }
    it.key(v.clone())?;
    let h = crate::pyhash::py_hash(v);
    if crate::guard::take_tripped() {
        return Err(Exc::new(
            "RecursionError",
            "maximum recursion depth exceeded while calling a Python object",
        ));
    }
    Ok(h)
}

pub(crate) fn b_hash(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("hash", args, kw, 1, 1)?;
    Ok(Value::Int(hash_of(it, &args[0])?))
}

pub(crate) fn b_id(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("id", args, kw, 1, 1)?;
    let v = &args[0];
    let id = match v {
        Value::Int(i) => (*i as usize)
            .wrapping_mul(32)
            .wrapping_add(0x7f00_0000_0000),
        Value::Float(f) => (f.to_bits() as usize) >> 4,
        _ => v.identity(),
    };
    Ok(Value::Int(id as i64 & i64::MAX))
}

pub(crate) fn b_iter(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("iter", args, kw, 1, 2)?;
    if args.len() == 2 {
        return Ok(Value::Iter(Rc::new(RefCell::new(Iter::Callable {
            f: args[0].clone(),
            sentinel: args[1].clone(),
        }))));
    }
    it.iter(&args[0])
}

pub(crate) fn b_next(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("next", args, kw, 1, 2)?;
    let coro = matches!(&args[0], Value::Iter(i) if matches!(&*i.borrow(), Iter::Generator(g)
        if matches!(g.kind, crate::interp::GenKind::Coroutine | crate::interp::GenKind::AsyncGen)));
    if coro || !matches!(args[0], Value::Iter(_) | Value::Instance(_)) {
        return Err(Exc::type_err(format!(
            "'{}' object is not an iterator",
            type_name(&args[0])
        )));
    }
    match it.next_gen_aware(&args[0])? {
        Ok(v) => Ok(v),
        Err(ret) => {
            if args.len() == 2 {
                return Ok(args[1].clone());
            }
            Err(crate::methods::stop_iteration(ret))
        }
    }
}

pub(crate) fn new_iter(i: Iter) -> Value {
    Value::Iter(Rc::new(RefCell::new(i)))
}

pub(crate) fn b_enumerate(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((k, _)) = kw
        .iter()
        .find(|(k, _)| !matches!(&**k, "start" | "iterable"))
    {
        return Err(Exc::type_err(format!(
            "'{k}' is an invalid keyword argument for enumerate()"
        )));
    }
    let src = pos_or_kw(args, kw, 0, "iterable")
        .cloned()
        .ok_or_else(|| Exc::type_err("enumerate() missing required argument 'iterable'"))?;
    let start = pos_or_kw(args, kw, 1, "start")
        .cloned()
        .unwrap_or(Value::Int(0));
    if num::to_big(&start).is_none() {
        return Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&start)
        )));
    }
    let inner = it.iter(&src)?;
    Ok(new_iter(Iter::Enumerate { inner, n: start }))
}

pub(crate) fn b_zip(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("zip", kw, &["strict"])?;
    let strict = match kwarg(kw, "strict") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    let mut inners = Vec::new();
    for a in args {
        inners.push(it.iter(a)?);
    }
    Ok(new_iter(Iter::Zip { inners, strict }))
}

pub(crate) fn b_map(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(Exc::type_err("map() takes no keyword arguments"));
    }
    if args.len() < 2 {
        return Err(Exc::type_err("map() must have at least two arguments."));
    }
    let inners = args[1..]
        .iter()
        .map(|a| it.iter(a))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(new_iter(Iter::Map {
        f: args[0].clone(),
        inners,
    }))
}

pub(crate) fn b_filter(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("filter", args, kw, 2, 2)?;
    let inner = it.iter(&args[1])?;
    Ok(new_iter(Iter::Filter {
        f: args[0].clone(),
        inner,
    }))
}

/// Sorts values in place with an optional key function (stable, like CPython's timsort). On an error
/// `items` keeps all its values (`list.sort` puts them back in the list).
pub fn sort_values(
    it: &mut Interp,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    // n log n comparisons: work for the limits before it starts.
    let n = items.len() as u64;
    it.charge((n * (64 - n.leading_zeros() as u64)) >> 4)?;
    let key = key.filter(|k| !matches!(k, Value::None));
    let owned: Vec<Value>;
    let keys: &[Value] = match key {
        Some(k) => {
            let mut ks = it.alloc_vec(items.len())?;
            for x in items.iter() {
                // A builtin key (`len`, `str.lower`) runs no Python code that would tick.
                let r = it
                    .tick()
                    .and_then(|()| it.call(k, vec![x.clone()], Vec::new()));
                match r {
                    Ok(v) => ks.push(v),
                    Err(e) => {
                        it.bury(&e, ks);
                        return Err(e);
                    }
                }
            }
            owned = ks;
            &owned
        }
        None => {
            owned = Vec::new();
            items
        }
    };
    let r = sort_order(it, keys, reverse);
    let order = match r {
        Ok(o) => o,
        Err(e) => {
            it.bury(&e, owned);
            return Err(e);
        }
    };
    // A big list's items are placed in their new order in a new vector, a charged chunk at a time, and
    // the old one is then freed in chunks: a limit that stops the placement leaves `items` as it was.
    if items.len() > crate::interp::COPY_CHUNK {
        let placed = match place_ticking(it, items, &order, key.is_none()) {
            Ok(v) => v,
            Err(e) => {
                it.bury(&e, owned);
                return Err(e);
            }
        };
        let old = std::mem::replace(items, placed);
        it.drop_ticking(old);
        it.drop_ticking(owned);
        return Ok(());
    }
    match order {
        Order::Ints(pairs) if key.is_none() => {
            for (d, (x, _)) in items.iter_mut().zip(pairs) {
                *d = Value::Int(x);
            }
        }
        Order::Ints(pairs) => permute(items, pairs.into_iter().map(|(_, i)| i)),
        Order::Idx(idx) => permute(items, idx.into_iter()),
    }
    it.drop_ticking(owned);
    Ok(())
}

/// `items` in the sorted `order`, built in a new vector a chunk of [`COPY_CHUNK`] items at a time with the
/// limits charged between chunks (`items` is left unchanged; `ints_are_items`: the int keys are the items
/// themselves, so the pairs' keys are placed directly).
fn place_ticking(
    it: &mut Interp,
    items: &[Value],
    order: &Order,
    ints_are_items: bool,
) -> PyResult<Vec<Value>> {
    let n = items.len();
    let mut out = it.alloc_vec(n)?;
    let mut done = 0;
    while done < n {
        let end = (done + crate::interp::COPY_CHUNK).min(n);
        match order {
            Order::Ints(pairs) if ints_are_items => {
                out.extend(pairs[done..end].iter().map(|&(x, _)| Value::Int(x)))
            }
            Order::Ints(pairs) => {
                out.extend(pairs[done..end].iter().map(|&(_, i)| items[i].clone()))
            }
            Order::Idx(idx) => out.extend(idx[done..end].iter().map(|&i| items[i].clone())),
        }
        done = end;
        // Scattered reads: about 6 ns an item on a big list, so a chunk is a few hundred microseconds.
        it.charge_or_bury((crate::interp::COPY_CHUNK >> 2) as u64, &mut out)?;
    }
    Ok(out)
}

/// The sorted order of `keys`: (key, position) pairs for int keys, positions otherwise.
enum Order {
    Ints(Vec<(i64, usize)>),
    Idx(Vec<usize>),
}

fn sort_order(it: &mut Interp, keys: &[Value], reverse: bool) -> PyResult<Order> {
    let n = keys.len() as u64;
    // Homogeneous int keys: sort (key, position) pairs, which is stable without a stable sort (the position
    // breaks ties), and without the key function the items are the keys themselves.
    if let Some(mut pairs) = int_pairs(it, keys)? {
        // The pairs are distinct (the position breaks ties), so any sort of them is stable.
        if pairs.len() <= INT_SORT_RUN * 4 {
            // A few milliseconds at most: one native sort, charged for the budget.
            it.charge((n * (64 - n.leading_zeros()) as u64) >> 4)?;
            if reverse {
                pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            } else {
                pairs.sort_unstable();
            }
        } else if reverse {
            // Runs sorted natively, then merged with the limits checked every few thousand items.
            sort_ticking(it, &mut pairs, INT_SORT_RUN, |a, b| {
                b.0.cmp(&a.0).then(a.1.cmp(&b.1))
            })?;
        } else {
            sort_ticking(it, &mut pairs, INT_SORT_RUN, |a, b| a.cmp(b))?;
        }
        return Ok(Order::Ints(pairs));
    }
    let n = keys.len();
    let mut idx: Vec<usize> = it.alloc_vec(n)?;
    while idx.len() < n {
        let from = idx.len();
        idx.extend(from..(from + crate::interp::COPY_CHUNK).min(n));
        if n > crate::interp::COPY_CHUNK {
            it.charge((crate::interp::COPY_CHUNK >> 5) as u64)?;
        }
    }
    // Fast path for homogeneous strs.
    if all_ticking(it, keys, |k| matches!(k, Value::Str(_)))? {
        sort_ticking(it, &mut idx, SORT_RUN, |&a, &b| {
            let (Value::Str(x), Value::Str(y)) = (&keys[a], &keys[b]) else {
                return std::cmp::Ordering::Equal;
            };
            if reverse { y.cmp(x) } else { x.cmp(y) }
        })?;
    } else if idx.len() < SMALL_SORT {
        small_sort(it, &mut idx, keys, reverse)?;
    } else {
        // Merge sort driven by `<`, so errors propagate and user __lt__ works.
        let mut err = None;
        merge_sort(it, &mut idx, keys, reverse, &mut err);
        if let Some(e) = err {
            return Err(e);
        }
    }
    Ok(Order::Idx(idx))
}

/// The (key, position) pairs of `keys` when every key is an int (`None` otherwise), built a chunk at a time
/// with the limits charged between chunks.
fn int_pairs(it: &mut Interp, keys: &[Value]) -> PyResult<Option<Vec<(i64, usize)>>> {
    if !keys.first().is_some_and(|k| matches!(k, Value::Int(_))) {
        return Ok(None);
    }
    let mut pairs: Vec<(i64, usize)> = it.alloc_vec(keys.len())?;
    for (c, chunk) in keys.chunks(crate::interp::COPY_CHUNK).enumerate() {
        let base = c * crate::interp::COPY_CHUNK;
        for (i, k) in chunk.iter().enumerate() {
            let Value::Int(x) = k else {
                return Ok(None);
            };
            pairs.push((*x, base + i));
        }
        if keys.len() > crate::interp::COPY_CHUNK {
            it.charge((chunk.len() >> 4) as u64)?;
        }
    }
    Ok(Some(pairs))
}

/// Whether every key satisfies `f`, read a chunk at a time with the limits charged between chunks.
fn all_ticking(it: &mut Interp, keys: &[Value], f: impl Fn(&Value) -> bool) -> PyResult<bool> {
    for chunk in keys.chunks(crate::interp::COPY_CHUNK) {
        if !chunk.iter().all(&f) {
            return Ok(false);
        }
        if keys.len() > crate::interp::COPY_CHUNK {
            it.charge((chunk.len() >> 5) as u64)?;
        }
    }
    Ok(true)
}

/// Below this many items CPython's timsort is one run found by `count_run` and extended by binary
/// insertion ([`small_sort`]).
const SMALL_SORT: usize = 64;

/// A short list sorted with the comparisons CPython's timsort makes, in its order and with its operands
/// (a user `__lt__` sees the same calls, and a failing comparison names its types as CPython's does,
/// `sorted([3, 'a', 1])` comparing `'a' < 3` first): the leading run (non-descending, or strictly
/// descending and then reversed), then each later item inserted by binary search. `reverse` sorts the
/// reversed list and reverses the result, as CPython does, which keeps equal items in their order.
fn small_sort(it: &mut Interp, idx: &mut [usize], keys: &[Value], reverse: bool) -> PyResult<()> {
    if reverse {
        idx.reverse();
    }
    let n = idx.len();
    let lt = |it: &mut Interp, a: usize, b: usize| -> PyResult<bool> {
        it.charge(1)?;
        it.less(&keys[a], &keys[b])
    };
    if n >= 2 {
        let mut run = 2;
        if lt(it, idx[1], idx[0])? {
            while run < n && lt(it, idx[run], idx[run - 1])? {
                run += 1;
            }
            idx[..run].reverse();
        } else {
            while run < n && !lt(it, idx[run], idx[run - 1])? {
                run += 1;
            }
        }
        for start in run..n {
            let pivot = idx[start];
            let (mut l, mut r) = (0, start);
            while l < r {
                let p = l + ((r - l) >> 1);
                if lt(it, pivot, idx[p])? {
                    r = p;
                } else {
                    l = p + 1;
                }
            }
            idx.copy_within(l..start, l + 1);
            idx[l] = pivot;
        }
    }
    if reverse {
        idx.reverse();
    }
    Ok(())
}

/// Reorders `items` so that the i-th is the old `order[i]`-th, moving each value once (no clone).
fn permute(items: &mut Vec<Value>, order: impl Iterator<Item = usize>) {
    let mut old = std::mem::take(items);
    *items = order
        .map(|i| std::mem::replace(&mut old[i], Value::None))
        .collect();
}

/// A stable sort of `idx` by `cmp` that the limits can stop midway: runs of [`SORT_RUN`] items sorted
/// natively (each a fraction of a millisecond), then merged pairwise with a tick per [`MERGE_TICK`] items
/// placed, so the deadline and the interrupt handle are seen every few thousand comparisons.
fn sort_ticking<T: Copy>(
    it: &mut Interp,
    idx: &mut Vec<T>,
    run_len: usize,
    mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering,
) -> PyResult<()> {
    let n = idx.len();
    for run in idx.chunks_mut(run_len) {
        run.sort_by(&mut cmp);
        // About 12 comparisons per item in a run, a sixteenth of a tick each.
        it.charge((run.len() as u64 * 12) >> 4)?;
    }
    let mut width = run_len;
    // Filled by pushing as each level merges (no pass to initialise it).
    let mut buf: Vec<T> = it.alloc_vec(n)?;
    while width < n {
        let mut start = 0;
        buf.clear();
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for placed in 0..end - start {
                if placed % MERGE_TICK == MERGE_TICK - 1 {
                    it.charge((MERGE_TICK >> 4) as u64)?;
                }
                // The right one first only when it is smaller (stability).
                let right =
                    j < end && (i >= mid || cmp(&idx[j], &idx[i]) == std::cmp::Ordering::Less);
                if right {
                    buf.push(idx[j]);
                    j += 1;
                } else {
                    buf.push(idx[i]);
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(idx, &mut buf);
        width *= 2;
    }
    Ok(())
}

/// The runs [`sort_ticking`] sorts natively before merging (strs: comparisons of a few nanoseconds each).
const SORT_RUN: usize = 4096;
/// The runs of an int sort (pairs compare in about a nanosecond: a run is well under a millisecond).
const INT_SORT_RUN: usize = 1 << 15;
/// Items a merge places between two charges.
const MERGE_TICK: usize = 1024;

pub(crate) fn merge_sort(
    it: &mut Interp,
    v: &mut [usize],
    keys: &[Value],
    reverse: bool,
    err: &mut Option<Box<Exc>>,
) {
    let n = v.len();
    if n <= 1 || err.is_some() {
        return;
    }
    let mid = n / 2;
    merge_sort(it, &mut v[..mid], keys, reverse, err);
    merge_sort(it, &mut v[mid..], keys, reverse, err);
    // Once stopped, the order is thrown away: no more merging (on a big list that would be a pass over
    // it per level after the limit).
    if err.is_some() {
        return;
    }
    let (l, r) = (v[..mid].to_vec(), v[mid..].to_vec());
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < l.len() && j < r.len() {
        // take right first only if right < left (stability)
        let take_right = if let Err(e) = it.charge(1) {
            // Each comparison is work the limits see (the deadline stops a long sort midway); the order
            // is then thrown away, so the merge stops here.
            *err = Some(e);
            return;
        } else {
            let res = if reverse {
                it.less(&keys[l[i]], &keys[r[j]])
            } else {
                it.less(&keys[r[j]], &keys[l[i]])
            };
            match res {
                Ok(b) => b,
                Err(e) => {
                    *err = Some(e);
                    return;
                }
            }
        };
        if take_right {
            v[k] = r[j];
            j += 1;
        } else {
            v[k] = l[i];
            i += 1;
        }
        k += 1;
    }
    while i < l.len() {
        v[k] = l[i];
        i += 1;
        k += 1;
    }
    while j < r.len() {
        v[k] = r[j];
        j += 1;
        k += 1;
    }
}

pub(crate) fn b_sorted(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("sorted", kw, &["key", "reverse"])?;
    if args.len() != 1 {
        return Err(Exc::type_err(format!(
            "sorted expected 1 argument, got {}",
            args.len()
        )));
    }
    let mut items = it.collect(&args[0])?;
    let reverse = match kwarg(kw, "reverse") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    if let Err(e) = sort_values(it, &mut items, kwarg(kw, "key"), reverse) {
        // The copy is the program's own: freeing a big one waits when a limit stopped the sort.
        it.bury(&e, items);
        return Err(e);
    }
    Ok(Value::list(items))
}

pub(crate) fn b_reversed(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("reversed", args, kw, 1, 1)?;
    let v = &args[0];
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) => {
            let n = len_of(it, v)? as usize;
            // A str's characters in a tuple: only a list's reverse iterator is `list_reverseiterator`.
            let seq = if let Value::Str(s) = v {
                Value::tuple(
                    s.chars()
                        .map(|c| Value::Str(c.to_string().into()))
                        .collect(),
                )
            } else {
                v.clone()
            };
            Ok(new_iter(Iter::Reversed { seq, idx: n }))
        }
        // A range steps backwards in place (a `range_iterator`, or a `longrange_iterator` beyond 64 bits).
        Value::Range(r) => {
            let n = range_len(r);
            let back = (n > 0)
                .then(|| {
                    let last = r.0.checked_add((n - 1).checked_mul(r.2)?)?;
                    Some((
                        last,
                        last.checked_sub(n.checked_mul(r.2)?)?,
                        r.2.checked_neg()?,
                    ))
                })
                .flatten();
            match (n, back) {
                (0, _) => Ok(new_iter(Iter::Range {
                    cur: 0,
                    stop: 0,
                    step: 1,
                })),
                (_, Some((cur, stop, step))) => Ok(new_iter(Iter::Range { cur, stop, step })),
                _ => Ok(crate::methods::bigrange::iter(
                    it,
                    &crate::value::BigRange {
                        start: r.0.into(),
                        stop: r.1.into(),
                        step: r.2.into(),
                    },
                    true,
                )),
            }
        }
        Value::BigRange(r) => Ok(crate::methods::bigrange::iter(it, r, true)),
        Value::Dict(_) | Value::View(_) => {
            let mut items = it.collect(v)?;
            items.reverse();
            Ok(new_iter(Iter::Vec {
                items: items.into_iter(),
            }))
        }
        Value::Instance(_) => {
            if let Some(m) = it.lookup_special(v, "__reversed__") {
                return it.call(&m, vec![v.clone()], Vec::new());
            }
            if it.lookup_special(v, "__len__").is_some()
                && it.lookup_special(v, "__getitem__").is_some()
            {
                let n = len_of(it, v)? as usize;
                return Ok(new_iter(Iter::Reversed {
                    seq: v.clone(),
                    idx: n,
                }));
            }
            Err(Exc::type_err(format!(
                "'{}' object is not reversible",
                type_name(v)
            )))
        }
        _ => Err(Exc::type_err(format!(
            "'{}' object is not reversible",
            type_name(v)
        ))),
    }
}

pub(crate) fn minmax(
    it: &mut Interp,
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    want_max: bool,
) -> PyResult<Value> {
    only_kw(name, kw, &["key", "default"])?;
    let key = kwarg(kw, "key")
        .filter(|k| !matches!(k, Value::None))
        .cloned();
    let items = match args.len() {
        0 => {
            return Err(Exc::type_err(format!(
                "{name} expected at least 1 argument, got 0"
            )));
        }
        1 => it.collect(&args[0])?,
        _ => {
            if kwarg(kw, "default").is_some() {
                return Err(Exc::type_err(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.to_vec()
        }
    };
    if items.is_empty() {
        return match kwarg(kw, "default") {
            Some(d) => Ok(d.clone()),
            None => Err(Exc::value_err(format!("{name}() arg is an empty sequence"))),
        };
    }
    let r = best_of(it, &items, key.as_ref(), want_max);
    match &r {
        // A limit stopped it: freeing millions of items waits (see `Interp::bury`).
        Err(e) => it.bury(e, items),
        Ok(_) => it.drop_ticking(items),
    }
    r
}

/// The first largest (`want_max`) or smallest of `items` (not empty) by `key`, charged as it goes.
fn best_of(
    it: &mut Interp,
    items: &[Value],
    key: Option<&Value>,
    want_max: bool,
) -> PyResult<Value> {
    // All ints and no key (`min(free_cells)`): compared as machine ints, the first best kept.
    if key.is_none() && items.iter().all(|v| matches!(v, Value::Int(_))) {
        let mut best = i64::MIN;
        let mut first = true;
        for v in items {
            if let Value::Int(x) = v
                && (first || if want_max { *x > best } else { *x < best })
            {
                best = *x;
                first = false;
            }
        }
        it.charge((items.len() >> 4) as u64)?;
        return Ok(Value::Int(best));
    }
    let mut best = &items[0];
    let mut best_k = match key {
        Some(k) => it.call(k, vec![best.clone()], Vec::new())?,
        None => best.clone(),
    };
    for (i, x) in items.iter().enumerate().skip(1) {
        let kx = match key {
            Some(k) => it.call(k, vec![x.clone()], Vec::new())?,
            None => x.clone(),
        };
        let better = if want_max {
            it.greater(&kx, &best_k)?
        } else {
            it.less(&kx, &best_k)?
        };
        if better {
            best = x;
            best_k = kx;
        }
        if i & (crate::interp::COPY_CHUNK - 1) == 0 {
            it.charge((crate::interp::COPY_CHUNK >> 4) as u64)?;
        }
    }
    Ok(best.clone())
}
pub(crate) fn b_min(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    minmax(it, args, kw, "min", false)
}
pub(crate) fn b_max(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    minmax(it, args, kw, "max", true)
}

pub(crate) fn b_sum(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("sum", kw, &["start"])?;
    if args.is_empty() || args.len() > 2 {
        return Err(Exc::type_err(format!(
            "sum() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let mut acc = pos_or_kw(args, kw, 1, "start")
        .cloned()
        .unwrap_or(Value::Int(0));
    match &acc {
        Value::Str(_) => {
            return Err(Exc::type_err(
                "sum() can't sum strings [use ''.join(seq) instead]",
            ));
        }
        Value::Bytes(_) => {
            return Err(Exc::type_err(
                "sum() can't sum bytes [use b''.join(seq) instead]",
            ));
        }
        _ => {}
    }
    if let Value::List(l) = &args[0] {
        // By index over the live list, as CPython's iterator does (no copy), charged as it goes.
        let mut i = 0;
        loop {
            let x = match l.borrow().get(i) {
                Some(x) => x.clone(),
                None => break,
            };
            acc = add_fast(it, acc, &x)?;
            i += 1;
            if i & (crate::interp::COPY_CHUNK - 1) == 0 {
                it.charge((crate::interp::COPY_CHUNK >> 4) as u64)?;
            }
        }
        return Ok(acc);
    }
    let src = it.iter(&args[0])?;
    while let Some(x) = it.next(&src)? {
        acc = add_fast(it, acc, &x)?;
    }
    Ok(acc)
}

pub(crate) fn add_fast(it: &mut Interp, acc: Value, x: &Value) -> PyResult<Value> {
    if let (Value::Int(a), Value::Int(b)) = (&acc, x) {
        if let Some(s) = a.checked_add(*b) {
            return Ok(Value::Int(s));
        }
    }
    if let (Value::Float(a), Value::Float(b)) = (&acc, x) {
        return Ok(Value::float(**a + **b));
    }
    it.binop(&acc, crate::ast::BinOp::Add, x)
}

pub(crate) fn b_any(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("any", args, kw, 1, 1)?;
    let src = it.iter(&args[0])?;
    while let Some(x) = it.next(&src)? {
        if it.truthy(&x)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

pub(crate) fn b_all(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("all", args, kw, 1, 1)?;
    let src = it.iter(&args[0])?;
    while let Some(x) = it.next(&src)? {
        if !it.truthy(&x)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

pub(crate) fn b_round(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("round", kw, &["number", "ndigits"])?;
    let x = pos_or_kw(args, kw, 0, "number")
        .cloned()
        .ok_or_else(|| Exc::type_err("round() missing required argument 'number' (pos 1)"))?;
    let mut nd = pos_or_kw(args, kw, 1, "ndigits")
        .cloned()
        .unwrap_or(Value::None);
    if let Some(n) = crate::methods::index_value(it, &nd)? {
        nd = n;
    }
    match (&x, &nd) {
        (Value::Float(f), Value::None) => float_to_int(f.round_ties_even()),
        (Value::Float(f), n) => {
            let r = num::round_float(f.get(), to_index_of(it, n)?);
            if r.is_infinite() && f.is_finite() {
                return Err(Exc::new(
                    "OverflowError",
                    "rounded value too large to represent",
                ));
            }
            Ok(Value::float(r))
        }
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), Value::None) => Ok(match x {
            Value::Bool(b) => Value::Int(b as i64),
            other => other,
        }),
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), n) => {
            let n = to_index_of(it, n)?;
            if n >= 0 {
                return Ok(match x {
                    Value::Bool(b) => Value::Int(b as i64),
                    other => other,
                });
            }
            let b = num::to_big(&x).unwrap_or_default();
            let p = num_traits::pow(BigInt::from(10), (-n) as usize);
            let q = num_integer::Integer::div_floor(&b, &p);
            let r = &b - &q * &p;
            let twice = &r * 2;
            let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) {
                q + 1
            } else {
                q
            };
            Ok(Value::from_big(q * p))
        }
        _ => match it.lookup_special(&x, "__round__") {
            Some(m) => {
                let mut a = vec![x.clone()];
                if !matches!(nd, Value::None) {
                    a.push(nd);
                }
                it.call(&m, a, Vec::new())
            }
            None => Err(Exc::type_err(format!(
                "type {} doesn't define __round__ method",
                type_name(&x)
            ))),
        },
    }
}

pub(crate) fn b_divmod(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("divmod", args, kw, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    if num::as_num(a).is_none() || num::as_num(b).is_none() {
        // A class's own `__divmod__` / reflected `__rdivmod__` (datetime.timedelta has one).
        for (recv, other, name) in [(a, b, "__divmod__"), (b, a, "__rdivmod__")] {
            if let Some(m) = it.lookup_special(recv, name) {
                let r = it.call(&m, vec![recv.clone(), other.clone()], Vec::new())?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        return Err(Exc::type_err(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            type_name(a),
            type_name(b)
        )));
    }
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        if num::to_f64(b)? == Some(0.0) {
            return Err(Exc::new("ZeroDivisionError", "float divmod()"));
        }
    }
    let q = it.binop(a, crate::ast::BinOp::FloorDiv, b)?;
    let r = it.binop(a, crate::ast::BinOp::Mod, b)?;
    Ok(Value::tuple(vec![q, r]))
}

pub(crate) fn b_pow(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("pow", kw, &["base", "exp", "mod"])?;
    if args.len() < 2 {
        return Err(Exc::type_err(
            "pow() missing required argument 'exp' (pos 2)",
        ));
    }
    let m = pos_or_kw(args, kw, 2, "mod")
        .cloned()
        .unwrap_or(Value::None);
    if matches!(m, Value::None) {
        return it.binop(&args[0], crate::ast::BinOp::Pow, &args[1]);
    }
    if [&args[0], &args[1], &m]
        .iter()
        .any(|v| matches!(v, Value::Complex(_)))
    {
        return Err(Exc::value_err("complex modulo"));
    }
    let (Some(b), Some(e), Some(md)) = (
        num::to_big(&args[0]),
        num::to_big(&args[1]),
        num::to_big(&m),
    ) else {
        return Err(Exc::type_err(
            "pow() 3rd argument not allowed unless all arguments are integers",
        ));
    };
    if md.is_zero() {
        return Err(Exc::value_err("pow() 3rd argument cannot be 0"));
    }
    let (b, e) = if e.is_negative() {
        // pow(b, -e, m) is pow(b's inverse mod m, e, m) (Python 3.8+).
        if md.magnitude().bits() == 1 {
            return Ok(Value::Int(0));
        }
        match b.modinv(&md) {
            Some(inv) => (inv, -e),
            None => {
                return Err(Exc::value_err(
                    "base is not invertible for the given modulus",
                ));
            }
        }
    } else {
        (b, e)
    };
    // Square-and-multiply, one modular product per exponent bit, in chunks the limits can stop.
    Ok(Value::from_big(it.modpow_bounded(&b, &e, &md)?))
}

pub(crate) fn b_format(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("format", args, kw, 1, 2)?;
    let spec = match args.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        Some(v) => {
            return Err(Exc::type_err(format!(
                "format() argument 2 must be str, not {}",
                type_name(v)
            )));
        }
        None => String::new(),
    };
    Ok(Value::Str(it.format_value(&args[0], &spec)?.into()))
}

pub(crate) fn b_staticmethod(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("staticmethod", args, kw, 1, 1)?;
    Ok(Value::Builtin(Rc::new(Builtin {
        name: "<staticmethod>",
        func: b_call_wrapped,
        this: Some(args[0].clone()),
    })))
}
pub(crate) fn b_classmethod(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("classmethod", args, kw, 1, 1)?;
    Ok(Value::Builtin(Rc::new(Builtin {
        name: "<classmethod>",
        func: b_call_wrapped,
        this: Some(args[0].clone()),
    })))
}
pub(crate) fn b_call_wrapped(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let f = args[0].clone();
    it.call(&f, args[1..].to_vec(), kw.to_vec())
}

pub(crate) fn b_property(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("property", kw, &["fget", "fset", "fdel", "doc"])?;
    let cls = it.types.exc["property"].clone();
    let inst = Rc::new(Instance {
        class: cls,
        dict: crate::value::InstDict::from_dict(Dict::new()),
        hash: crate::value::no_user_hash(),
        native: None,
    });
    {
        let mut d = inst.dict.borrow_mut();
        for (i, n) in ["fget", "fset", "fdel"].iter().enumerate() {
            let v = pos_or_kw(args, kw, i, n).cloned().unwrap_or(Value::None);
            d.set_str(n, v);
        }
    }
    // The doc is kept as `__doc__` (what `p.__doc__` reads); without one, the getter's docstring.
    let mut doc = pos_or_kw(args, kw, 3, "doc")
        .cloned()
        .unwrap_or(Value::None);
    if matches!(doc, Value::None) {
        if let Some(Value::Func(f)) = inst.dict.get_str("fget") {
            doc = f.doc.borrow().clone();
        }
    }
    inst.dict.set_str("__doc__", doc);
    Ok(Value::Instance(inst))
}

pub(crate) fn property_with(it: &mut Interp, args: &[Value], slot: &str) -> PyResult<Value> {
    let Some(Value::Instance(p)) = args.first() else {
        return Err(Exc::type_err("descriptor needs a property"));
    };
    let f = args.get(1).cloned().unwrap_or(Value::None);
    let np = b_property(it, &[], &[])?;
    if let Value::Instance(n) = &np {
        *n.dict.borrow_mut() = p.dict.borrow().clone();
        n.dict.borrow_mut().set_str(slot, f);
    }
    Ok(np)
}
pub(crate) fn b_prop_setter(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    property_with(it, args, "fset")
}
pub(crate) fn b_prop_getter(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    property_with(it, args, "fget")
}
pub(crate) fn b_prop_deleter(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    property_with(it, args, "fdel")
}

/// Attributes of property and super objects (both are internal built-in classes).
pub fn internal_attr(it: &mut Interp, inst: &Rc<Instance>, name: &str) -> PyResult<Option<Value>> {
    let this = Value::Instance(inst.clone());
    match &**inst.class.name {
        "frame" => Ok(super::frame_live_attr(it, inst, name)),
        "property" => {
            let f: Option<(NativeFn, &'static str)> = match name {
                "setter" => Some((b_prop_setter, "setter")),
                "getter" => Some((b_prop_getter, "getter")),
                "deleter" => Some((b_prop_deleter, "deleter")),
                _ => None,
            };
            if name == "__isabstractmethod__" {
                // True when any accessor is abstract, as CPython's property computes it.
                for slot in ["fget", "fset", "fdel"] {
                    let Some(f) = inst.dict.get_str(slot) else {
                        continue;
                    };
                    if let Some(flag) = it.get_attr_opt(&f, name)?
                        && it.truthy(&flag)?
                    {
                        return Ok(Some(Value::bool(true)));
                    }
                }
                return Ok(Some(Value::bool(false)));
            }
            Ok(f.map(|(func, name)| {
                Value::Builtin(Rc::new(Builtin {
                    name,
                    func,
                    this: Some(this),
                }))
            }))
        }
        "super" if matches!(name, "__thisclass__" | "__self__" | "__self_class__") => {
            let get = |n| inst.dict.get_str(n).unwrap_or(Value::None);
            Ok(Some(match name {
                "__self_class__" => match (get("__thisclass__"), get("__self__")) {
                    (Value::Class(t), Value::Class(c)) if c.is_subclass(&t) => Value::Class(c),
                    (_, Value::None) => Value::None,
                    (_, obj) => Value::Class(it.type_of(&obj)),
                },
                n => get(n),
            }))
        }
        "super" => {
            let (Some(Value::Class(thisclass)), Some(obj)) = (
                inst.dict.get_str("__thisclass__"),
                inst.dict.get_str("__self__"),
            ) else {
                return Ok(None);
            };
            // `super(C, X)` with a class X derived from C walks X's MRO; with anything else (a class whose
            // metaclass derives from C included) it walks the MRO of X's type.
            let class_mode = matches!(&obj, Value::Class(c) if c.is_subclass(&thisclass));
            let start = match &obj {
                Value::Class(c) if class_mode => c.clone(),
                other => it.type_of(other),
            };
            let mro = start.mro.borrow().clone();
            let pos = mro
                .iter()
                .position(|c| Rc::ptr_eq(c, &thisclass))
                .map(|p| p + 1)
                .unwrap_or(mro.len());
            for c in &mro[pos..] {
                if let Some(m) = crate::builtins::super_native(it, c, name, &obj) {
                    return Ok(Some(m));
                }
                let v = c.attrs.borrow().get_str(name).cloned();
                if let Some(v) = v {
                    return Ok(Some(match v {
                        Value::Func(_) if !class_mode => Value::Bound(Rc::new((obj.clone(), v))),
                        Value::Builtin(b) if b.name == "<classmethod>" => {
                            let cls = match &obj {
                                Value::Class(_) => obj.clone(),
                                o => Value::Class(it.type_of(o)),
                            };
                            Value::Bound(Rc::new((cls, b.this.clone().unwrap_or(Value::None))))
                        }
                        Value::Builtin(b) if b.name == "<staticmethod>" => {
                            b.this.clone().unwrap_or(Value::None)
                        }
                        Value::Builtin(b) if b.this.is_none() => Value::Builtin(Rc::new(Builtin {
                            name: b.name,
                            func: b.func,
                            this: Some(obj.clone()),
                        })),
                        other => other,
                    }));
                }
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

pub(crate) fn b_noframe(_it: &mut Interp, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Err(Exc::new(
        "RuntimeError",
        "this builtin must be called directly by name (it needs the caller's frame)",
    ))
}

pub(crate) fn object_init(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    // `dict.__init__(self, ...)` from a subclass's `__init__` (`dict` finds `__init__` on `object`): the
    // built-in type's own `__init__` fills the value the instance carries.
    if let Some(Value::Instance(i)) = args.first()
        && i.native.is_some()
        && i.class.native != Kind::Object
    {
        let c = crate::builtins::native_class(it, i.class.native);
        if let Some(init) = crate::dunders::class_attr(it, &c, "__init__") {
            return it.call(&init, args.to_vec(), kw.to_vec());
        }
    }
    if args.len() > 1 || !kw.is_empty() {
        let name = args.first().map(type_name).unwrap_or_default();
        return Err(Exc::type_err(format!("{name}() takes no arguments")));
    }
    Ok(Value::None)
}

pub(crate) fn exc_init(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(Value::Instance(i)) = args.first() {
        exc_set_args(it, i, &args[1..])?;
    }
    Ok(Value::None)
}

/// Stores a new exception's constructor arguments: `args`, and for an `OSError` its `errno`, `strerror`,
/// `filename` and `filename2`.
pub(crate) fn exc_set_args(it: &mut Interp, i: &Instance, rest: &[Value]) -> PyResult<()> {
    check_unicode_error_args(it, i, rest)?;
    {
        let mut d = i.dict.borrow_mut();
        if i.class.is_subclass(&it.types.exc["OSError"]) {
            // `OSError(errno, strerror[, filename[, winerror[, filename2]]])` keeps its parts as attributes
            // (and only `(errno, strerror)` in `args` when a filename is given), as CPython does.
            let (errno, strerror, filename, filename2) = if (2..=5).contains(&rest.len()) {
                (
                    rest[0].clone(),
                    rest[1].clone(),
                    rest.get(2).cloned().unwrap_or(Value::None),
                    rest.get(4).cloned().unwrap_or(Value::None),
                )
            } else {
                (Value::None, Value::None, Value::None, Value::None)
            };
            let kept = if rest.len() >= 3 { &rest[..2] } else { rest };
            d.set_str("args", Value::tuple(kept.to_vec()));
            d.set_str("errno", errno);
            d.set_str("strerror", strerror);
            d.set_str("filename", filename);
            d.set_str("filename2", filename2);
            return Ok(());
        }
        d.set_str("args", Value::tuple(rest.to_vec()));
        if i.class.is_subclass(&it.types.exc["SyntaxError"]) {
            // `SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))`.
            let details: Vec<Value> = match rest.get(1) {
                Some(Value::Tuple(t)) if rest.len() == 2 && (4..=6).contains(&t.len()) => {
                    t.to_vec()
                }
                _ => Vec::new(),
            };
            let part = |k: usize| details.get(k).cloned().unwrap_or(Value::None);
            let msg = if rest.is_empty() {
                Value::None
            } else {
                rest[0].clone()
            };
            d.set_str("msg", msg);
            for (k, name) in super::excfields::SYNTAX_ERROR_FIELDS[1..7]
                .iter()
                .enumerate()
            {
                d.set_str(name, part(k));
            }
            d.set_str("print_file_and_line", Value::None);
        }
    }
    Ok(())
}

/// `str()` of an OSError made with an errno: `[Errno 2] No such file or directory: 'x'`.
fn os_error_str(it: &mut Interp, inst: &Rc<Instance>) -> PyResult<Option<String>> {
    if !inst.class.is_subclass(&it.types.exc["OSError"]) {
        return Ok(None);
    }
    let get = |n: &str| {
        inst.dict
            .borrow()
            .get_str(n)
            .cloned()
            .unwrap_or(Value::None)
    };
    let (errno, strerror) = (get("errno"), get("strerror"));
    if matches!(errno, Value::None) || matches!(strerror, Value::None) {
        return Ok(None);
    }
    let mut s = format!("[Errno {}] {}", it.to_str(&errno)?, it.to_str(&strerror)?);
    let (f1, f2) = (get("filename"), get("filename2"));
    if !matches!(f1, Value::None) {
        s.push_str(&format!(": {}", it.repr(&f1)?));
        if !matches!(f2, Value::None) {
            s.push_str(&format!(" -> {}", it.repr(&f2)?));
        }
    }
    Ok(Some(s))
}

/// `str(exception)` by CPython's rules.
pub fn exc_str(it: &mut Interp, inst: &Rc<Instance>) -> PyResult<String> {
    let args = inst
        .dict
        .borrow()
        .get_str("args")
        .cloned()
        .unwrap_or(Value::tuple(vec![]));
    let Value::Tuple(t) = args else {
        return it.to_str(&args);
    };
    if let Some(s) = os_error_str(it, inst)? {
        return Ok(s);
    }
    if let Some(s) = unicode_error_str(it, inst)? {
        return Ok(s);
    }
    let is_key = inst.class.is_subclass(&it.types.exc["KeyError"]);
    if inst.class.is_subclass(&it.types.exc["SyntaxError"]) {
        let d = inst.dict.borrow().clone();
        if let (Some(Value::Str(m)), Some(Value::Str(f)), Some(Value::Int(l))) =
            (d.get_str("msg"), d.get_str("filename"), d.get_str("lineno"))
        {
            return Ok(format!("{m} ({f}, line {l})"));
        }
    }
    if (2..=5).contains(&t.len()) && inst.class.is_subclass(&it.types.exc["OSError"]) {
        // `[Errno 2] No such file or directory: 'x'`.
        let mut s = format!("[Errno {}] {}", it.to_str(&t[0])?, it.to_str(&t[1])?);
        if t.len() >= 3 && !matches!(t[2], Value::None) {
            s.push_str(&format!(": {}", it.repr(&t[2])?));
            if t.len() == 5 && !matches!(t[4], Value::None) {
                s.push_str(&format!(" -> {}", it.repr(&t[4])?));
            }
        }
        return Ok(s);
    }
    match t.len() {
        0 => Ok(String::new()),
        1 if is_key => it.repr(&t[0]),
        1 => it.to_str(&t[0]),
        _ => it.repr(&Value::Tuple(t)),
    }
}

pub(crate) fn exc_str_builtin(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    match args.first() {
        Some(Value::Instance(i)) => Ok(Value::Str(exc_str(it, i)?.into())),
        _ => Err(Exc::type_err("descriptor '__str__' requires an exception")),
    }
}

pub(crate) fn exc_repr_builtin(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    match args.first() {
        Some(Value::Instance(i)) => {
            let a = i
                .dict
                .borrow()
                .get_str("args")
                .cloned()
                .unwrap_or(Value::tuple(vec![]));
            let inner = match &a {
                Value::Tuple(t) if t.len() == 1 => it.repr(&t[0])?,
                Value::Tuple(t) if t.is_empty() => String::new(),
                other => {
                    let r = it.repr(other)?;
                    r[1..r.len() - 1].to_string()
                }
            };
            Ok(Value::Str(format!("{}({inner})", i.class.name).into()))
        }
        _ => Err(Exc::type_err("descriptor '__repr__' requires an exception")),
    }
}

/// `BaseException.add_note(note)`: appends `note` (a str) to the exception's `__notes__` list, which the
/// traceback prints after the exception's line.
pub(crate) fn exc_add_note(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("add_note", args, kw, 2, 2)?;
    let Value::Instance(i) = &args[0] else {
        return Err(Exc::type_err("descriptor 'add_note' requires an exception"));
    };
    if !matches!(args[1], Value::Str(_)) {
        return Err(Exc::type_err(format!(
            "note must be a str, not '{}'",
            type_name(&args[1])
        )));
    }
    let notes = i.dict.borrow().get_str("__notes__").cloned();
    match notes {
        Some(Value::List(l)) => l.borrow_mut().push(args[1].clone()),
        None => {
            i.dict
                .borrow_mut()
                .set_str("__notes__", Value::list(vec![args[1].clone()]));
        }
        Some(_) => return Err(Exc::type_err("Cannot add note: __notes__ is not a list")),
    }
    let _ = it;
    Ok(Value::None)
}

/// `BaseException.with_traceback(tb)`: sets `__traceback__` and returns the exception.
pub(crate) fn exc_with_traceback(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("with_traceback", args, kw, 2, 2)?;
    let Value::Instance(i) = &args[0] else {
        return Err(Exc::type_err(
            "descriptor 'with_traceback' requires an exception",
        ));
    };
    i.dict
        .borrow_mut()
        .set_str("__traceback__", args[1].clone());
    Ok(args[0].clone())
}

/// Exception attributes that are not in the instance dict.
pub fn exc_attr(it: &mut Interp, inst: &Rc<Instance>, name: &str) -> Option<Value> {
    match name {
        // A built-in exception's doc (a user exception class's own `__doc__` is found before this).
        "__doc__" => Some(if &**inst.class.module == "builtins" {
            crate::describe::builtin_type_docstring(&inst.class.name)
        } else {
            Value::None
        }),
        // `OSError(errno, strerror[, filename[, winerror[, filename2]]])`'s attributes, as CPython sets them.
        "errno" | "strerror" | "filename" | "filename2"
            if inst.class.is_subclass(&it.types.exc["OSError"]) =>
        {
            let at = match name {
                "errno" => 0,
                "strerror" => 1,
                "filename" => 2,
                _ => 4,
            };
            match inst.dict.borrow().get_str("args") {
                Some(Value::Tuple(t)) if (2..=5).contains(&t.len()) => {
                    Some(t.get(at).cloned().unwrap_or(Value::None))
                }
                _ => Some(Value::None),
            }
        }
        "encoding" | "object" | "start" | "end" | "reason" => {
            let (f, translate) = unicode_error_fields(it, inst)?;
            match name {
                "encoding" if translate => None,
                "encoding" => Some(f[0].clone()),
                "object" => Some(f[1].clone()),
                "start" => Some(f[2].clone()),
                "end" => Some(f[3].clone()),
                _ => Some(f[4].clone()),
            }
        }
        "args" => Some(Value::tuple(vec![])),
        "__weakref__" => Some(Value::None),
        "__traceback__" => Some(crate::stdlib::traceback::tb_object(it, inst)),
        "__cause__" | "__context__" => Some(Value::None),
        "__suppress_context__" => Some(Value::bool(false)),
        "value" if &*inst.class.name == "StopIteration" => {
            match inst.dict.borrow().get_str("args") {
                Some(Value::Tuple(t)) if !t.is_empty() => Some(t[0].clone()),
                _ => Some(Value::None),
            }
        }
        // The name a `NameError`, `ImportError` or `AttributeError` the interpreter raised is about (CPython
        // sets it when raising; here it is read back from the message the interpreter wrote, so an exception a
        // program made itself with other words keeps `None`); `AttributeError.obj` and `ImportError.path` are
        // not kept.
        "name" | "obj" | "path"
            if ["NameError", "ImportError", "AttributeError"]
                .iter()
                .any(|c| inst.class.is_subclass(&it.types.exc[*c])) =>
        {
            let msg = match inst.dict.borrow().get_str("args") {
                Some(Value::Tuple(t)) if t.len() == 1 => match &t[0] {
                    Value::Str(s) => s.to_string(),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            let quoted = |before: &str, after: &str| -> Option<Value> {
                let rest = msg
                    .strip_prefix(before)
                    .or_else(|| msg.find(before).map(|i| &msg[i + before.len()..]))?;
                let end = rest.find(after)?;
                Some(Value::str(&rest[..end]))
            };
            let cls = |c: &str| inst.class.is_subclass(&it.types.exc[c]);
            let found = match name {
                "name" if cls("NameError") => msg
                    .starts_with("name '")
                    .then(|| quoted("name '", "' is not defined"))
                    .flatten(),
                "name" if cls("ImportError") => quoted("No module named '", "'").or_else(|| {
                    msg.starts_with("cannot import name '")
                        .then(|| quoted("' from '", "'"))
                        .flatten()
                }),
                "name" if cls("AttributeError") => quoted("has no attribute '", "'"),
                _ => None,
            };
            Some(found.unwrap_or(Value::None))
        }
        "code" if &*inst.class.name == "SystemExit" => match inst.dict.borrow().get_str("args") {
            Some(Value::Tuple(t)) if t.len() == 1 => Some(t[0].clone()),
            Some(Value::Tuple(t)) if t.len() > 1 => Some(Value::Tuple(t.clone())),
            _ => Some(Value::None),
        },
        _ => None,
    }
}
