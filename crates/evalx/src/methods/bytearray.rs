//! `bytearray`: the mutable bytes type. A built-in class whose instances keep a `Vec<u8>` in a hidden
//! `Value::Native` attribute (as `array.array` does); the mutating methods work on it in place, and every
//! `bytes` method runs on a `bytes` copy with its results (bytes, and lists/tuples of bytes) turned back
//! into bytearrays, as CPython's bytearray methods return bytearrays.

use super::*;
use crate::builtins::builtin;
use crate::value::{Class, Instance, NativeState};
use std::cell::RefCell;

/// The hidden attribute holding the bytes.
const SLOT: &str = "__bytearray_data__";

/// The bytes of a bytearray (or an instance of a subclass); `None` for anything else.
pub(crate) fn data_of(v: &Value) -> Option<Vec<u8>> {
    if let Value::Instance(i) = v {
        if let Some(Value::Native(s)) = i.dict.borrow().get_str(SLOT) {
            return s.0.borrow().downcast_ref::<Vec<u8>>().cloned();
        }
    }
    None
}

/// Whether `v` is a bytearray.
pub(crate) fn is_bytearray(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if matches!(i.dict.borrow().get_str(SLOT), Some(Value::Native(_))))
}

fn with<R>(v: &Value, f: impl FnOnce(&mut Vec<u8>) -> R) -> PyResult<R> {
    if let Value::Instance(i) = v {
        if let Some(Value::Native(s)) = i.dict.borrow().get_str(SLOT) {
            if let Some(b) = s.0.borrow_mut().downcast_mut::<Vec<u8>>() {
                return Ok(f(b));
            }
        }
    }
    Err(Exc::type_err(format!(
        "descriptor requires a 'bytearray' object but received a '{}'",
        type_name(v)
    )))
}

fn install(inst: &Instance, b: Vec<u8>) {
    let st = NativeState(RefCell::new(Box::new(b)));
    inst.dict
        .borrow_mut()
        .set_str(SLOT, Value::Native(Rc::new(st)));
}

fn class_of(it: &Interp) -> PyResult<Rc<Class>> {
    match it.builtins.borrow().get_str("bytearray") {
        Some(Value::Class(c)) => Ok(c.clone()),
        _ => Err(Exc::type_err("bytearray is missing from builtins")),
    }
}

/// A new bytearray holding `b`.
pub(crate) fn new_bytearray(it: &Interp, b: Vec<u8>) -> PyResult<Value> {
    let inst = Rc::new(Instance {
        class: class_of(it)?,
        dict: crate::value::InstDict::from_dict(crate::value::Dict::new()),
        hash: crate::value::no_user_hash(),
        native: None,
    });
    install(&inst, b);
    Ok(Value::Instance(inst))
}

/// A bytes-like argument as bytes (bytes or bytearray), for operands such as `+` and `in`.
fn bytes_like(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Bytes(b) => Some(b.to_vec()),
        _ => data_of(v),
    }
}

fn need_bytes_like(v: &Value) -> PyResult<Vec<u8>> {
    bytes_like(v)
        .ok_or_else(|| Exc::type_err(format!("can't concat {} to bytearray", type_name(v))))
}

fn this(args: &[Value]) -> PyResult<&Value> {
    args.first()
        .ok_or_else(|| Exc::type_err("descriptor needs an argument"))
}

fn byte_of(v: &Value) -> PyResult<u8> {
    let i = to_index(v)?;
    if !(0..256).contains(&i) {
        return Err(Exc::value_err("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

/// The bytes an iterable of ints (or a bytes-like object) gives, for slice assignment and `extend`.
fn bytes_from_iterable(it: &mut Interp, v: &Value, what: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b);
    }
    if matches!(v, Value::Str(_)) {
        return Err(Exc::type_err(what.to_string()));
    }
    let items = it.collect(v)?;
    items.iter().map(byte_of).collect()
}

fn ba_init(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?;
    let mut rest: Vec<Value> = args[1..].to_vec();
    if let Some(first) = rest.first_mut() {
        if let Some(b) = data_of(first) {
            *first = Value::Bytes(b.into());
        }
    }
    let data = if rest.is_empty() && kw.is_empty() {
        Vec::new()
    } else if rest.len() == 1
        && kw.is_empty()
        && !matches!(rest[0], Value::Str(_) | Value::Int(_) | Value::Bool(_))
    {
        let src = rest[0].clone();
        if !it.is_iterable(&src) {
            return Err(Exc::type_err(format!(
                "cannot convert '{}' object to bytearray",
                type_name(&src)
            )));
        }
        bytes_from_iterable(it, &src, "")?
    } else {
        let bytes_cls = Value::Class(it.types.bytes.clone());
        match it.call(&bytes_cls, rest, kw.to_vec()) {
            Ok(Value::Bytes(b)) => b.to_vec(),
            Ok(_) => Vec::new(),
            Err(e) => return Err(e),
        }
    };
    with(me, |_| ()).or_else(|_| {
        if let Value::Instance(i) = me {
            install(i, Vec::new());
        }
        Ok::<(), Box<Exc>>(())
    })?;
    with(me, |b| *b = data)?;
    Ok(Value::None)
}

/// A list standing for the bytearray's items (for the slice machinery lists already have).
fn as_list(b: &[u8]) -> Value {
    Value::list(b.iter().map(|&x| Value::Int(x as i64)).collect())
}

fn from_list(l: &Value) -> PyResult<Vec<u8>> {
    match l {
        Value::List(l) => l.borrow().iter().map(byte_of).collect(),
        _ => Ok(Vec::new()),
    }
}

fn ba_getitem(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let b = with(me, |b| b.clone())?;
    match i {
        Value::Slice(_) => match it.get_item(&Value::Bytes(b.into()), i)? {
            Value::Bytes(r) => new_bytearray(it, r.to_vec()),
            other => Ok(other),
        },
        _ => {
            let pos = super::index::norm_index(i, b.len(), "bytearray")?;
            Ok(Value::Int(b[pos] as i64))
        }
    }
}

fn ba_setitem(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i, v] = args else {
        return Err(Exc::type_err("expected 2 arguments"));
    };
    if !matches!(i, Value::Slice(_)) {
        let x = byte_of(v)?;
        let len = with(me, |b| b.len())?;
        let pos = super::index::norm_index(i, len, "bytearray")?;
        with(me, |b| b[pos] = x)?;
        return Ok(Value::None);
    }
    let msg = "can assign only bytes, buffers, or iterables of ints in range(0, 256)";
    if matches!(v, Value::Int(_) | Value::Str(_)) {
        return Err(Exc::type_err(msg));
    }
    let src = bytes_from_iterable(it, v, msg)?;
    let list = as_list(&with(me, |b| b.clone())?);
    it.set_item(&list, i.clone(), as_list(&src))?;
    let out = from_list(&list)?;
    with(me, |b| *b = out)?;
    Ok(Value::None)
}

fn ba_delitem(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    if !matches!(i, Value::Slice(_)) {
        let len = with(me, |b| b.len())?;
        let pos = super::index::norm_index(i, len, "bytearray")?;
        with(me, |b| b.remove(pos))?;
        return Ok(Value::None);
    }
    let list = as_list(&with(me, |b| b.clone())?);
    it.del_item(&list, i)?;
    let out = from_list(&list)?;
    with(me, |b| *b = out)?;
    Ok(Value::None)
}

fn ba_len(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::Int(with(this(args)?, |b| b.len())? as i64))
}

fn ba_iter(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let l = as_list(&with(this(args)?, |b| b.clone())?);
    it.iter(&l)
}

fn ba_repr(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?;
    let b = with(me, |b| b.clone())?;
    let name = match me {
        Value::Instance(i) => i.class.name.to_string(),
        _ => "bytearray".to_string(),
    };
    // Unlike bytes, bytearray's repr escapes a single quote even inside double quotes.
    let mut r = crate::format::repr_bytes(&b);
    if r.starts_with("b\"") {
        r = format!("b\"{}\"", r[2..r.len() - 1].replace('\'', "\\'"));
    }
    Ok(Value::str(&format!("{name}({r})")))
}

fn ba_add(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, other] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let mut b = with(me, |b| b.clone())?;
    b.extend(need_bytes_like(other)?);
    new_bytearray(it, b)
}

fn ba_mod(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, other] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let fmt = with(me, |b| b.clone())?;
    let out = crate::format::percent_format_bytes(it, &fmt, other)?;
    new_bytearray(it, out)
}

fn ba_radd(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, other] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let Some(mut b) = bytes_like(other) else {
        return Ok(Value::NotImplemented);
    };
    b.extend(with(me, |b| b.clone())?);
    Ok(Value::Bytes(b.into()))
}

fn ba_iadd(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, other] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let o = need_bytes_like(other)?;
    with(me, |b| b.extend(o))?;
    Ok(me.clone())
}

fn count_of(v: &Value) -> PyResult<usize> {
    match v {
        Value::Int(n) => Ok((*n).max(0) as usize),
        Value::Bool(b) => Ok(*b as usize),
        other => Err(Exc::type_err(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(other)
        ))),
    }
}

fn ba_mul(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, n] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let n = count_of(n)?;
    let b = with(me, |b| b.clone())?;
    it.check_len(b.len().saturating_mul(n))?;
    new_bytearray(it, b.repeat(n))
}

fn ba_imul(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, n] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let n = count_of(n)?;
    let len = with(me, |b| b.len())?;
    it.check_len(len.saturating_mul(n))?;
    with(me, |b| *b = b.repeat(n))?;
    Ok(me.clone())
}

fn ba_contains(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, x] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let b = with(me, |b| b.clone())?;
    if let Some(sub) = bytes_like(x) {
        return Ok(Value::bool(
            sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..]),
        ));
    }
    let x = byte_of(x)?;
    Ok(Value::bool(b.contains(&x)))
}

fn compare(args: &[Value], f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let [me, other] = args else {
        return Err(Exc::type_err("expected 1 argument"));
    };
    let Some(o) = bytes_like(other) else {
        return Ok(Value::NotImplemented);
    };
    let b = with(me, |b| b.clone())?;
    Ok(Value::bool(f(b.cmp(&o))))
}

fn ba_eq(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    compare(args, |o| o.is_eq())
}
fn ba_ne(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    compare(args, |o| o.is_ne())
}
fn ba_lt(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    compare(args, |o| o.is_lt())
}
fn ba_le(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    compare(args, |o| o.is_le())
}
fn ba_gt(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    compare(args, |o| o.is_gt())
}
fn ba_ge(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    compare(args, |o| o.is_ge())
}

fn ba_append(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, x] = args else {
        return Err(Exc::type_err(
            "bytearray.append() takes exactly one argument",
        ));
    };
    let x = byte_of(x)?;
    with(me, |b| b.push(x))?;
    Ok(Value::None)
}

fn ba_extend(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, x] = args else {
        return Err(Exc::type_err(
            "bytearray.extend() takes exactly one argument",
        ));
    };
    let msg = format!("can't extend bytearray with {}", type_name(x));
    let src = if matches!(x, Value::Int(_)) {
        return Err(Exc::type_err(format!(
            "'{}' object is not iterable",
            type_name(x)
        )));
    } else {
        bytes_from_iterable(it, x, &msg)?
    };
    with(me, |b| b.extend(src))?;
    Ok(Value::None)
}

fn ba_insert(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, i, x] = args else {
        return Err(Exc::type_err("insert expected 2 arguments"));
    };
    let i = to_index_of(it, i)?;
    let x = byte_of(x)?;
    with(me, |b| {
        let n = b.len() as i64;
        let p = if i < 0 { (i + n).max(0) } else { i.min(n) };
        b.insert(p as usize, x)
    })?;
    Ok(Value::None)
}

fn ba_pop(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?;
    let len = with(me, |b| b.len())?;
    if len == 0 {
        return Err(Exc::new("IndexError", "pop from empty bytearray"));
    }
    let pos = match args.get(1) {
        None => len - 1,
        Some(i) => super::index::norm_index(i, len, "pop")
            .map_err(|_| Exc::new("IndexError", "pop index out of range"))?,
    };
    Ok(Value::Int(with(me, |b| b.remove(pos))? as i64))
}

fn ba_remove(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [me, x] = args else {
        return Err(Exc::type_err(
            "bytearray.remove() takes exactly one argument",
        ));
    };
    let x = byte_of(x)?;
    let found = with(me, |b| match b.iter().position(|&c| c == x) {
        Some(p) => {
            b.remove(p);
            true
        }
        None => false,
    })?;
    if !found {
        return Err(Exc::value_err("value not found in bytearray"));
    }
    Ok(Value::None)
}

fn ba_clear(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    with(this(args)?, |b| b.clear())?;
    Ok(Value::None)
}

fn ba_reverse(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    with(this(args)?, |b| b.reverse())?;
    Ok(Value::None)
}

fn ba_copy(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let b = with(this(args)?, |b| b.clone())?;
    new_bytearray(it, b)
}

/// `bytearray.fromhex(string)`: pairs of hex digits, ASCII whitespace allowed between pairs.
/// `bytearray.fromhex(text)` (also what `bytes.fromhex` runs, then turned into bytes).
pub(crate) fn fromhex_of(it: &mut Interp, args: &[Value]) -> PyResult<Value> {
    ba_fromhex(it, args, &[])
}

fn ba_fromhex(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    // Called on the class the one argument is the text; called on an instance the text follows it.
    let text = match args {
        [Value::Str(s)] | [_, Value::Str(s)] => s.clone(),
        [v] | [_, v] => {
            return Err(Exc::type_err(format!(
                "fromhex() argument must be str, not {}",
                type_name(v)
            )));
        }
        _ => return Err(Exc::type_err("fromhex() takes exactly one argument")),
    };
    let cs: Vec<char> = text.chars().collect();
    let bad = |i: usize| {
        Exc::value_err(format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = cs[i]
            .to_digit(16)
            .filter(|_| cs[i].is_ascii())
            .ok_or_else(|| bad(i))?;
        let lo = cs
            .get(i + 1)
            .and_then(|c| c.to_digit(16).filter(|_| c.is_ascii()))
            .ok_or_else(|| bad(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    new_bytearray(it, out)
}

/// Turns a `bytes` method's result into what the bytearray method returns.
fn rewrap(it: &mut Interp, v: Value) -> PyResult<Value> {
    Ok(match v {
        Value::Bytes(b) => new_bytearray(it, b.to_vec())?,
        Value::List(l) => {
            let items: Vec<Value> = l.borrow().iter().cloned().collect();
            let mut out = Vec::with_capacity(items.len());
            for x in items {
                out.push(rewrap(it, x)?);
            }
            Value::list(out)
        }
        Value::Tuple(t) => {
            let mut out = Vec::with_capacity(t.len());
            for x in t.iter() {
                out.push(rewrap(it, x.clone())?);
            }
            Value::tuple(out)
        }
        other => other,
    })
}

/// Runs the `bytes` method `name` on a copy of the bytearray (bytearray arguments read as bytes).
fn delegate(it: &mut Interp, name: &str, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let me = this(args)?;
    let b = Value::Bytes(with(me, |b| b.clone())?.into());
    let conv = |v: &Value| match data_of(v) {
        Some(d) => Value::Bytes(d.into()),
        None => v.clone(),
    };
    let rest: Vec<Value> = args[1..].iter().map(conv).collect();
    let kw: Vec<(RcStr, Value)> = kw.iter().map(|(k, v)| (k.clone(), conv(v))).collect();
    let m = it.get_attr(&b, name)?;
    let r = it.call(&m, rest, kw)?;
    // Predicates, counts, positions and text keep their type; bytes results become bytearrays.
    match name {
        "decode" | "hex" | "count" | "find" | "rfind" | "index" | "rindex" | "startswith"
        | "endswith" => Ok(r),
        n if n.starts_with("is") => Ok(r),
        _ => rewrap(it, r),
    }
}

macro_rules! delegating {
    ($($f:ident => $name:literal),* $(,)?) => {
        $(fn $f(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
            delegate(it, $name, args, kw)
        })*
        const DELEGATED: &[(&str, &str, NativeFn)] = &[$(($name, concat!("bytearray.", $name), $f)),*];
    };
}

delegating! {
    d_capitalize => "capitalize", d_center => "center", d_count => "count", d_decode => "decode",
    d_endswith => "endswith", d_expandtabs => "expandtabs", d_find => "find", d_hex => "hex",
    d_index => "index", d_isalnum => "isalnum", d_isalpha => "isalpha", d_isascii => "isascii",
    d_isdigit => "isdigit", d_islower => "islower", d_isspace => "isspace", d_istitle => "istitle",
    d_isupper => "isupper", d_join => "join", d_ljust => "ljust", d_lower => "lower",
    d_lstrip => "lstrip", d_partition => "partition", d_removeprefix => "removeprefix",
    d_removesuffix => "removesuffix", d_replace => "replace", d_rfind => "rfind",
    d_rindex => "rindex", d_rjust => "rjust", d_rpartition => "rpartition", d_rsplit => "rsplit",
    d_rstrip => "rstrip", d_split => "split", d_splitlines => "splitlines",
    d_startswith => "startswith", d_strip => "strip", d_swapcase => "swapcase", d_title => "title",
    d_translate => "translate", d_upper => "upper", d_zfill => "zfill",
}

const METHODS: &[(&str, &str, NativeFn)] = &[
    ("__init__", "bytearray.__init__", ba_init),
    ("__getitem__", "bytearray.__getitem__", ba_getitem),
    ("__setitem__", "bytearray.__setitem__", ba_setitem),
    ("__delitem__", "bytearray.__delitem__", ba_delitem),
    ("__len__", "bytearray.__len__", ba_len),
    ("__iter__", "bytearray.__iter__", ba_iter),
    ("__contains__", "bytearray.__contains__", ba_contains),
    ("__repr__", "bytearray.__repr__", ba_repr),
    ("__str__", "bytearray.__str__", ba_repr),
    ("__add__", "bytearray.__add__", ba_add),
    ("__radd__", "bytearray.__radd__", ba_radd),
    ("__iadd__", "bytearray.__iadd__", ba_iadd),
    ("__mul__", "bytearray.__mul__", ba_mul),
    ("__mod__", "bytearray.__mod__", ba_mod),
    ("__rmul__", "bytearray.__rmul__", ba_mul),
    ("__imul__", "bytearray.__imul__", ba_imul),
    ("__eq__", "bytearray.__eq__", ba_eq),
    ("__ne__", "bytearray.__ne__", ba_ne),
    ("__lt__", "bytearray.__lt__", ba_lt),
    ("__le__", "bytearray.__le__", ba_le),
    ("__gt__", "bytearray.__gt__", ba_gt),
    ("__ge__", "bytearray.__ge__", ba_ge),
    ("append", "bytearray.append", ba_append),
    ("extend", "bytearray.extend", ba_extend),
    ("insert", "bytearray.insert", ba_insert),
    ("pop", "bytearray.pop", ba_pop),
    ("remove", "bytearray.remove", ba_remove),
    ("clear", "bytearray.clear", ba_clear),
    ("reverse", "bytearray.reverse", ba_reverse),
    ("copy", "bytearray.copy", ba_copy),
    ("fromhex", "bytearray.fromhex", ba_fromhex),
];

/// The `bytearray` class, for the builtins.
pub(crate) fn make_class(object: &Rc<Class>) -> Rc<Class> {
    let c = crate::builtins::class("bytearray", Kind::User, vec![object.clone()]);
    {
        let mut attrs = c.attrs.borrow_mut();
        for (attr, qual, f) in METHODS.iter().chain(DELEGATED) {
            attrs.set_str(attr, builtin(qual, *f));
        }
        attrs.set_str("__hash__", Value::None);
    }
    c
}

/// The shared byte store of a bytearray (what a memoryview over it reads and writes).
pub(crate) fn shared_state(v: &Value) -> Option<Rc<NativeState>> {
    if let Value::Instance(i) = v {
        if let Some(Value::Native(s)) = i.dict.borrow().get_str(SLOT) {
            return Some(s.clone());
        }
    }
    None
}
