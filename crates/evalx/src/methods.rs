//! Methods of the built-in types (every public method CPython 3.11 gives str, list, dict, tuple, set,
//! frozenset, int, float, bytes), subscripting and slicing, sequence operators and built-in constructors.

use crate::ast::BinOp;
use crate::builtins::{len_of, sort_values, to_index, type_name};
use crate::interp::{Exc, Interp, PyResult};
use crate::num;
use crate::thin::{RcSlice, RcStr};
use crate::value::PyBool;
use crate::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(RcStr, Value)];

const STR_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "count",
    "encode",
    "endswith",
    "expandtabs",
    "find",
    "format",
    "format_map",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isprintable",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "maketrans",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "startswith",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
];
const LIST_METHODS: &[&str] = &[
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse",
    "sort",
];
const DICT_METHODS: &[&str] = &[
    "clear",
    "copy",
    "fromkeys",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
];
const TUPLE_METHODS: &[&str] = &["count", "index"];
const SET_METHODS: &[&str] = &[
    "add",
    "clear",
    "copy",
    "difference",
    "difference_update",
    "discard",
    "intersection",
    "intersection_update",
    "isdisjoint",
    "issubset",
    "issuperset",
    "pop",
    "remove",
    "symmetric_difference",
    "symmetric_difference_update",
    "union",
    "update",
];
const FROZENSET_METHODS: &[&str] = &[
    "copy",
    "difference",
    "intersection",
    "isdisjoint",
    "issubset",
    "issuperset",
    "symmetric_difference",
    "union",
];
const INT_METHODS: &[&str] = &[
    "as_integer_ratio",
    "bit_count",
    "bit_length",
    "conjugate",
    "from_bytes",
    "to_bytes",
];
const FLOAT_METHODS: &[&str] = &[
    "as_integer_ratio",
    "conjugate",
    "fromhex",
    "hex",
    "is_integer",
];
const BYTES_METHODS: &[&str] = &[
    "count",
    "decode",
    "endswith",
    "find",
    "hex",
    "index",
    "join",
    "lower",
    "replace",
    "split",
    "startswith",
    "strip",
    "upper",
];
const GEN_METHODS: &[&str] = &["close", "send", "throw"];

/// The public method names of a built-in type (what `dir()` lists besides dunders).
pub fn method_names(k: Kind) -> &'static [&'static str] {
    match k {
        Kind::Str => STR_METHODS,
        Kind::List => LIST_METHODS,
        Kind::Dict => DICT_METHODS,
        Kind::Tuple => TUPLE_METHODS,
        Kind::Set => SET_METHODS,
        Kind::FrozenSet => FROZENSET_METHODS,
        Kind::Int | Kind::Bool => INT_METHODS,
        Kind::Float => FLOAT_METHODS,
        Kind::Bytes => BYTES_METHODS,
        Kind::Generator => GEN_METHODS,
        _ => &[],
    }
}

/// Whether a built-in type has a method of that name.
pub fn has_method(k: Kind, name: &str) -> bool {
    method_names(k).contains(&name)
}

fn kind_of(v: &Value) -> Kind {
    match v {
        Value::Str(_) => Kind::Str,
        Value::List(_) => Kind::List,
        Value::Dict(_) => Kind::Dict,
        Value::Tuple(_) => Kind::Tuple,
        Value::Set(s) => {
            if s.frozen {
                Kind::FrozenSet
            } else {
                Kind::Set
            }
        }
        Value::Int(_) | Value::Big(_) => Kind::Int,
        Value::Bool(_) => Kind::Bool,
        Value::Float(_) => Kind::Float,
        Value::Bytes(_) => Kind::Bytes,
        Value::Iter(i) if matches!(&*i.borrow(), Iter::Generator(_)) => Kind::Generator,
        _ => Kind::Object,
    }
}

/// Non-method attributes of built-in values and bound methods by name.
pub fn builtin_attr(it: &mut Interp, v: &Value, name: &str) -> PyResult<Option<Value>> {
    if has_method(kind_of(v), name) {
        return Ok(Some(Value::Bound(Rc::new((v.clone(), Value::str(name))))));
    }
    let r = match (v, name) {
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), "real" | "numerator") => Some(match v {
            Value::Bool(b) => Value::Int(*b as i64),
            o => o.clone(),
        }),
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), "imag") => Some(Value::Int(0)),
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), "denominator") => Some(Value::Int(1)),
        (Value::Float(f), "real") => Some(Value::Float(*f)),
        (Value::Float(_), "imag") => Some(Value::float(0.0)),
        (Value::Range(r), "start") => Some(Value::Int(r.0)),
        (Value::Range(r), "stop") => Some(Value::Int(r.1)),
        (Value::Range(r), "step") => Some(Value::Int(r.2)),
        (Value::Range(_), "count" | "index") => {
            Some(Value::Bound(Rc::new((v.clone(), Value::str(name)))))
        }
        (Value::Slice(s), "start") => Some(s.0.clone()),
        (Value::Slice(s), "stop") => Some(s.1.clone()),
        (Value::Slice(s), "step") => Some(s.2.clone()),
        (Value::Iter(i), "__name__") => match &*i.borrow() {
            Iter::Generator(g) => Some(Value::Str(g.name.clone())),
            _ => None,
        },
        (Value::Iter(_), "__next__") => {
            Some(Value::Bound(Rc::new((v.clone(), Value::str("__next__")))))
        }
        (Value::View(_), "mapping") => match v {
            Value::View(vw) => Some(Value::Dict(vw.0.clone())),
            _ => None,
        },
        (Value::None, "__doc__") => Some(Value::None),
        (_, "__doc__") => Some(crate::describe::builtin_type_docstring(&type_name(v))),
        // The miss path: a dunder that `dir(v)` lists (`[].__add__`, `(1).__neg__`, ...).
        _ => crate::dunders::attr(it, v, name),
    };
    Ok(r)
}

/// The `StopIteration` a finished generator raises: it carries the generator's return value, unless that
/// value is None.
pub(crate) fn stop_iteration(ret: Value) -> Box<Exc> {
    Exc::with_args(
        "StopIteration",
        if matches!(ret, Value::None) {
            vec![]
        } else {
            vec![ret]
        },
    )
}

/// CPython's positional-argument count errors for a builtin function or method (`len() takes exactly one
/// argument (2 given)`, `globals() takes no arguments (1 given)`, `pop expected at most 1 argument, got 2`).
pub(crate) fn arity(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    arity_of("", name, args, min, max)
}

/// [`arity`] for a method of type `ty`: CPython names the method by its qualified name (`list.append()`)
/// when it takes no or exactly one argument, and by its bare name in the `expected` forms.
pub(crate) fn arity_of(
    ty: &str,
    name: &str,
    args: &[Value],
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = args.len();
    if n < min || n > max {
        let dot = if ty.is_empty() { "" } else { "." };
        return Err(Exc::type_err(if min == max {
            if min == 0 {
                format!("{ty}{dot}{name}() takes no arguments ({n} given)")
            } else if min == 1 {
                format!("{ty}{dot}{name}() takes exactly one argument ({n} given)")
            } else {
                format!("{name} expected {min} arguments, got {n}")
            }
        } else if n < min {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        }));
    }
    Ok(())
}

/// The argument-count check of CPython's `PyArg_ParseTuple` methods (`str.find`, `str.count`,
/// `str.startswith`...): `find() takes at least 1 argument (0 given)`.
fn arity_parse(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    let (bound, k) = if n < min {
        ("least", min)
    } else if n > max {
        ("most", max)
    } else {
        return Ok(());
    };
    let s = if k == 1 { "" } else { "s" };
    Err(Exc::type_err(format!(
        "{name}() takes at {bound} {k} argument{s} ({n} given)"
    )))
}

fn no_kw(name: &str, kw: Kw<'_>) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(Exc::type_err(format!(
            "{name}() takes no keyword arguments"
        )))
    }
}

/// The keyword argument `name`, if given.
pub(crate) fn kwarg<'a>(kw: Kw<'a>, name: &str) -> Option<&'a Value> {
    kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

/// A positional-or-keyword parameter: positional argument `i`, else the keyword argument `name`.
pub(crate) fn pos_or_kw<'a>(
    args: &'a [Value],
    kw: Kw<'a>,
    i: usize,
    name: &str,
) -> Option<&'a Value> {
    args.get(i).or_else(|| kwarg(kw, name))
}

fn as_str<'a>(v: &'a Value, what: &str) -> PyResult<&'a RcStr> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(Exc::type_err(format!(
            "{what} must be str, not {}",
            type_name(v)
        ))),
    }
}

/// Calls `Type.method(recv, ...)` looked up on a built-in class.
pub fn call_unbound(
    it: &mut Interp,
    c: &Rc<Class>,
    name: &str,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    match (c.kind, name) {
        (Kind::Dict, "fromkeys") => return dict_fromkeys(it, &args, &kw),
        (Kind::Str, "maketrans") => return str_maketrans(it, &args),
        (Kind::Int, "from_bytes") => return int_from_bytes(&args, &kw),
        (Kind::Float, "fromhex") => return float_fromhex(&args),
        _ => {}
    }
    if crate::dunders::is_type_bound(name) {
        return crate::dunders::call_type(it, c, name, args, kw);
    }
    let Some(recv) = args.first() else {
        if crate::dunders::class_is_slot_wrapper(c, name) {
            return Err(Exc::type_err(format!(
                "descriptor '{name}' of '{}' object needs an argument",
                c.name
            )));
        }
        return Err(Exc::type_err(format!(
            "unbound method {}.{name}() needs an argument",
            c.name
        )));
    };
    let rt = it.type_of(recv);
    if !rt.is_subclass(c) && crate::dunders::class_is_slot_wrapper(c, name) {
        return Err(Exc::type_err(format!(
            "descriptor '{name}' requires a '{}' object but received a '{}'",
            c.name,
            type_name(recv)
        )));
    }
    if !rt.is_subclass(c) {
        return Err(Exc::type_err(format!(
            "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
            c.name,
            type_name(recv)
        )));
    }
    let recv = recv.clone();
    call_builtin_method(it, &recv, name, &args[1..], &kw)
}

/// Calls a method of a built-in value.
pub fn call_builtin_method(
    it: &mut Interp,
    recv: &Value,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    match recv {
        Value::Str(s) => str_method(it, s, name, args, kw),
        Value::List(l) => list_method(it, l, recv, name, args, kw),
        Value::Dict(d) => dict_method(it, d, name, args, kw),
        Value::Tuple(t) => match name {
            "count" | "index" => seq_count_index(it, t, "tuple", name, args, kw),
            _ => crate::dunders::call(it, recv, name, args, kw),
        },
        Value::Set(s) => set_method(it, s, name, args, kw),
        Value::Int(_) | Value::Big(_) | Value::Bool(_) => int_method(it, recv, name, args, kw),
        Value::Float(f) => float_method(it, f.get(), name, args, kw),
        Value::Bytes(b) => bytes_method(it, b, name, args, kw),
        Value::Range(r) => range_method(it, r, name, args),
        Value::Iter(i) => iter_method(it, i, recv, name, args),
        Value::Class(c) if c.kind != Kind::User && c.kind != Kind::Exception => {
            call_unbound(it, c, name, args.to_vec(), kw.to_vec())
        }
        _ => {
            let m = it.get_attr(recv, name)?;
            // A dunder of a value without a method table (None, slices, ...) is bound to the value
            // itself: call it directly rather than through `call`, which would come back here.
            if let Value::Bound(b) = &m
                && matches!(b.1, Value::Str(_))
                && b.0.is(recv)
            {
                return crate::dunders::call(it, recv, name, args, kw);
            }
            it.call(&m, args.to_vec(), kw.to_vec())
        }
    }
}

fn iter_method(
    it: &mut Interp,
    i: &Rc<RefCell<Iter>>,
    recv: &Value,
    name: &str,
    args: &[Value],
) -> PyResult<Value> {
    let is_gen = matches!(&*i.borrow(), Iter::Generator(_));
    match name {
        "__next__" => match it.next_gen_aware(recv)? {
            Ok(v) => Ok(v),
            Err(ret) => Err(stop_iteration(ret)),
        },
        "send" if is_gen => {
            arity_of("generator", "send", args, 1, 1)?;
            match it.resume_gen(i, args[0].clone())? {
                Ok(v) => Ok(v),
                Err(ret) => Err(stop_iteration(ret)),
            }
        }
        "close" if is_gen => {
            it.close_gen(i)?;
            Ok(Value::None)
        }
        "throw" if is_gen => {
            let exc = args
                .first()
                .cloned()
                .ok_or_else(|| Exc::type_err("throw expected at least 1 argument, got 0"))?;
            let e = it.exc_from_value(exc)?;
            match it.throw_gen(i, e)? {
                Ok(v) => Ok(v),
                Err(ret) => Err(stop_iteration(ret)),
            }
        }
        _ => crate::dunders::call(it, recv, name, args, &[]),
    }
}

fn range_method(
    it: &mut Interp,
    r: &Rc<(i64, i64, i64)>,
    name: &str,
    args: &[Value],
) -> PyResult<Value> {
    if !matches!(name, "count" | "index") {
        return crate::dunders::call(it, &Value::Range(r.clone()), name, args, &[]);
    }
    arity_of("range", name, args, 1, 1)?;
    let x = &args[0];
    let inside = it.contains(&Value::Range(r.clone()), x)?;
    match name {
        "count" => Ok(Value::Int(inside as i64)),
        "index" => {
            if !inside {
                return Err(Exc::value_err(format!("{} is not in range", it.repr(x)?)));
            }
            let i = to_index(x)?;
            Ok(Value::Int((i - r.0) / r.2))
        }
        _ => Err(it.attr_error(&Value::Range(r.clone()), name)),
    }
}

// ------------------------------------------------------------------------------------------- str

/// Character count and char-index helpers for str.
fn chars_of(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn slice_bounds(len: i64, start: Option<&Value>, end: Option<&Value>) -> PyResult<(i64, i64)> {
    let norm = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = to_index(v)?;
                Ok(if i < 0 { (i + len).max(0) } else { i.min(len) })
            }
        }
    };
    Ok((norm(start, 0)?, norm(end, len)?))
}

fn str_find(
    hay: &str,
    needle: &str,
    start: Option<&Value>,
    end: Option<&Value>,
    rev: bool,
) -> PyResult<i64> {
    let cs = chars_of(hay);
    let (a, b) = slice_bounds(cs.len() as i64, start, end)?;
    if a > b {
        return Ok(-1);
    }
    let sub: String = cs[a as usize..b as usize].iter().collect();
    let found = if rev {
        sub.rfind(needle)
    } else {
        sub.find(needle)
    };
    Ok(match found {
        Some(byte) => a + sub[..byte].chars().count() as i64,
        None => -1,
    })
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn split_ws(s: &str, max: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if max >= 0 && out.len() as i64 >= max {
            out.push(Value::str(rest));
            return out;
        }
        match rest.find(is_space) {
            Some(i) => {
                out.push(Value::str(&rest[..i]));
                rest = rest[i..].trim_start_matches(is_space);
            }
            None => {
                out.push(Value::str(rest));
                break;
            }
        }
    }
    out
}

fn rsplit_ws(s: &str, max: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if max >= 0 && out.len() as i64 >= max {
            out.push(Value::str(rest));
            break;
        }
        match rest.rfind(is_space) {
            Some(i) => {
                let ch = rest[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
                out.push(Value::str(&rest[i + ch..]));
                rest = rest[..i].trim_end_matches(is_space);
            }
            None => {
                out.push(Value::str(rest));
                break;
            }
        }
    }
    out.reverse();
    out
}

fn strip_chars<'a>(
    s: &'a str,
    chars: Option<&Value>,
    left: bool,
    right: bool,
) -> PyResult<&'a str> {
    match chars {
        None | Some(Value::None) => {
            let mut r = s;
            if left {
                r = r.trim_start_matches(is_space);
            }
            if right {
                r = r.trim_end_matches(is_space);
            }
            Ok(r)
        }
        Some(Value::Str(cs)) => {
            let set: Vec<char> = cs.chars().collect();
            let mut r = s;
            if left {
                r = r.trim_start_matches(|c| set.contains(&c));
            }
            if right {
                r = r.trim_end_matches(|c| set.contains(&c));
            }
            Ok(r)
        }
        Some(v) => Err(Exc::type_err(format!(
            "strip arg must be None or str, not {}",
            type_name(v)
        ))),
    }
}

fn title_case(s: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}

fn pad_arg(args: &[Value], name: &str) -> PyResult<(usize, char)> {
    arity(name, args, 1, 2)?;
    let w = to_index(&args[0])?.max(0) as usize;
    let fill = match args.get(1) {
        None => ' ',
        Some(Value::Str(s)) if s.chars().count() == 1 => s.chars().next().unwrap_or(' '),
        Some(Value::Str(_)) => {
            return Err(Exc::type_err(
                "The fill character must be exactly one character long",
            ));
        }
        Some(v) => {
            return Err(Exc::type_err(format!(
                "{name}() argument 2 must be str, not {}",
                type_name(v)
            )));
        }
    };
    Ok((w, fill))
}

fn prefix_test(
    it: &mut Interp,
    s: &str,
    args: &[Value],
    name: &str,
    starts: bool,
) -> PyResult<Value> {
    arity_parse(name, args, 1, 3)?;
    let cs = chars_of(s);
    let (a, b) = slice_bounds(cs.len() as i64, args.get(1), args.get(2))?;
    let sub: String = if a <= b {
        cs[a as usize..b as usize].iter().collect()
    } else {
        String::new()
    };
    if a > b {
        return Ok(Value::bool(false));
    }
    let test = |p: &str| {
        if starts {
            sub.starts_with(p)
        } else {
            sub.ends_with(p)
        }
    };
    match &args[0] {
        Value::Str(p) => Ok(Value::bool(test(p))),
        Value::Tuple(t) => {
            for x in t.iter() {
                let p = as_str(x, "tuple for startswith")?;
                if test(p) {
                    return Ok(Value::bool(true));
                }
            }
            Ok(Value::bool(false))
        }
        v => {
            let _ = it;
            Err(Exc::type_err(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                type_name(v)
            )))
        }
    }
}

fn str_method(
    it: &mut Interp,
    s: &RcStr,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    // Most str methods walk the whole string: work in proportion to its length, for the limits.
    it.charge((s.len() >> 6) as u64)?;
    let sv = |x: String| -> PyResult<Value> { Ok(Value::Str(x.into())) };
    if !kw.is_empty()
        && !matches!(
            name,
            "split" | "rsplit" | "format" | "splitlines" | "expandtabs" | "encode" | "replace"
        )
        && !crate::dunders::is_dunder(name)
    {
        no_kw(name, kw)?;
    }
    match name {
        "upper" => {
            arity_of("str", name, args, 0, 0)?;
            if s.is_ascii() {
                return Ok(Value::Str(RcStr::ascii_case(s, true)));
            }
            sv(s.to_uppercase())
        }
        "lower" => {
            arity_of("str", name, args, 0, 0)?;
            if s.is_ascii() {
                return Ok(Value::Str(RcStr::ascii_case(s, false)));
            }
            sv(s.to_lowercase())
        }
        "casefold" => {
            arity_of("str", name, args, 0, 0)?;
            sv(s.to_lowercase().replace('ß', "ss"))
        }
        "capitalize" => {
            arity_of("str", name, args, 0, 0)?;
            let mut cs = s.chars();
            sv(match cs.next() {
                Some(c) => c
                    .to_uppercase()
                    .chain(cs.flat_map(|c| c.to_lowercase()))
                    .collect(),
                None => String::new(),
            })
        }
        "swapcase" => {
            arity_of("str", name, args, 0, 0)?;
            sv(s.chars()
                .flat_map(|c| -> Vec<char> {
                    if c.is_uppercase() {
                        c.to_lowercase().collect()
                    } else {
                        c.to_uppercase().collect()
                    }
                })
                .collect())
        }
        "title" => {
            arity_of("str", name, args, 0, 0)?;
            sv(title_case(s))
        }
        "strip" | "lstrip" | "rstrip" => {
            arity(name, args, 0, 1)?;
            let r = strip_chars(s, args.first(), name != "rstrip", name != "lstrip")?;
            sv(r.to_string())
        }
        "split" | "rsplit" => {
            let sep = pos_or_kw(args, kw, 0, "sep")
                .cloned()
                .unwrap_or(Value::None);
            let max = match pos_or_kw(args, kw, 1, "maxsplit") {
                Some(v) => to_index(v)?,
                None => -1,
            };
            let parts = match &sep {
                Value::None => {
                    if name == "split" {
                        split_ws(s, max)
                    } else {
                        rsplit_ws(s, max)
                    }
                }
                Value::Str(sep) => {
                    if sep.is_empty() {
                        return Err(Exc::value_err("empty separator"));
                    }
                    let v: Vec<&str> = if name == "split" {
                        if max < 0 {
                            s.split(&**sep).collect()
                        } else {
                            s.splitn(max as usize + 1, &**sep).collect()
                        }
                    } else {
                        let mut v: Vec<&str> = if max < 0 {
                            s.rsplit(&**sep).collect()
                        } else {
                            s.rsplitn(max as usize + 1, &**sep).collect()
                        };
                        v.reverse();
                        v
                    };
                    v.into_iter().map(Value::str).collect()
                }
                v => {
                    return Err(Exc::type_err(format!(
                        "must be str or None, not {}",
                        type_name(v)
                    )));
                }
            };
            Ok(Value::list(parts))
        }
        "splitlines" => {
            let keep = match pos_or_kw(args, kw, 0, "keepends") {
                Some(v) => it.truthy(v)?,
                None => false,
            };
            let mut out = Vec::new();
            let cs = chars_of(s);
            let mut start = 0;
            let mut i = 0;
            while i < cs.len() {
                let c = cs[i];
                if matches!(
                    c,
                    '\n' | '\r'
                        | '\x0b'
                        | '\x0c'
                        | '\x1c'
                        | '\x1d'
                        | '\x1e'
                        | '\u{85}'
                        | '\u{2028}'
                        | '\u{2029}'
                ) {
                    let mut end = i + 1;
                    if c == '\r' && cs.get(i + 1) == Some(&'\n') {
                        end = i + 2;
                    }
                    let line: String = cs[start..if keep { end } else { i }].iter().collect();
                    out.push(Value::Str(line.into()));
                    start = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            if start < cs.len() {
                out.push(Value::Str(cs[start..].iter().collect::<String>().into()));
            }
            Ok(Value::list(out))
        }
        "join" => {
            arity_of("str", name, args, 1, 1)?;
            let items = it.collect(&args[0])?;
            // The result's size first, so that a join too big for the limits is refused before it is built.
            let total = items
                .iter()
                .fold(s.len().saturating_mul(items.len()), |n, x| match x {
                    Value::Str(p) => n.saturating_add(p.len()),
                    _ => n,
                });
            it.check_len(total)?;
            let mut out = String::new();
            out.try_reserve(total)
                .map_err(|_| crate::interp::no_memory(total))?;
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(s);
                }
                match x {
                    Value::Str(p) => out.push_str(p),
                    v => {
                        return Err(Exc::type_err(format!(
                            "sequence item {i}: expected str instance, {} found",
                            type_name(v)
                        )));
                    }
                }
            }
            it.check_len(out.len())?;
            sv(out)
        }
        "replace" => {
            arity(name, args, 2, 3)?;
            let old = as_str(&args[0], "replace() argument 1")?;
            let new = as_str(&args[1], "replace() argument 2")?;
            let count = match pos_or_kw(args, kw, 2, "count") {
                Some(v) => to_index(v)?,
                None => -1,
            };
            let r = if count < 0 {
                s.replace(&**old, new)
            } else {
                s.replacen(&**old, new, count as usize)
            };
            it.check_len(r.len())?;
            sv(r)
        }
        "find" | "rfind" | "index" | "rindex" => {
            arity_parse(name, args, 1, 3)?;
            let sub = as_str(&args[0], "must be str")?;
            let r = str_find(s, sub, args.get(1), args.get(2), name.starts_with('r'))?;
            if r < 0 && name.ends_with("index") {
                return Err(Exc::value_err("substring not found"));
            }
            Ok(Value::Int(r))
        }
        "count" => {
            arity_parse(name, args, 1, 3)?;
            let sub = as_str(&args[0], "must be str")?;
            let cs = chars_of(s);
            let (a, b) = slice_bounds(cs.len() as i64, args.get(1), args.get(2))?;
            if a > b {
                return Ok(Value::Int(0));
            }
            let region: String = cs[a as usize..b as usize].iter().collect();
            Ok(Value::Int(if sub.is_empty() {
                region.chars().count() as i64 + 1
            } else {
                region.matches(&**sub).count() as i64
            }))
        }
        "startswith" => prefix_test(it, s, args, name, true),
        "endswith" => prefix_test(it, s, args, name, false),
        "isdigit" | "isdecimal" | "isnumeric" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                !s.is_empty()
                    && s.chars().all(|c| {
                        if name == "isnumeric" {
                            c.is_numeric()
                        } else {
                            c.is_ascii_digit()
                                || c.is_ascii_digit()
                                || (c.is_numeric() && name == "isdigit" && "²³¹⁰⁴⁵⁶⁷⁸⁹".contains(c))
                        }
                    }),
            ))
        }
        "isalpha" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                !s.is_empty() && s.chars().all(char::is_alphabetic),
            ))
        }
        "isalnum" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                !s.is_empty() && s.chars().all(char::is_alphanumeric),
            ))
        }
        "isascii" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(s.is_ascii()))
        }
        "isspace" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(!s.is_empty() && s.chars().all(is_space)))
        }
        "islower" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase),
            ))
        }
        "isupper" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase),
            ))
        }
        "istitle" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(
                s.chars().any(char::is_alphabetic) && title_case(s) == **s,
            ))
        }
        "isidentifier" => {
            arity_of("str", name, args, 0, 0)?;
            let mut cs = s.chars();
            Ok(Value::bool(
                cs.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                    && cs.all(|c| c == '_' || c.is_alphanumeric()),
            ))
        }
        "isprintable" => {
            arity_of("str", name, args, 0, 0)?;
            Ok(Value::bool(s.chars().all(|c| {
                !c.is_control() && (c == ' ' || !c.is_whitespace())
            })))
        }
        "center" | "ljust" | "rjust" => {
            let (w, fill) = pad_arg(args, name)?;
            it.check_len(w)?;
            let n = s.chars().count();
            if w <= n {
                return Ok(Value::Str(s.clone()));
            }
            let total = w - n;
            let (l, r) = match name {
                "ljust" => (0, total),
                "rjust" => (total, 0),
                _ => {
                    let l = total / 2 + (total & w & 1);
                    (l, total - l)
                }
            };
            let f = |k: usize| fill.to_string().repeat(k);
            sv(format!("{}{s}{}", f(l), f(r)))
        }
        "zfill" => {
            arity_of("str", name, args, 1, 1)?;
            let w = to_index(&args[0])?.max(0) as usize;
            it.check_len(w)?;
            let n = s.chars().count();
            if w <= n {
                return Ok(Value::Str(s.clone()));
            }
            let (sign, rest) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), &s[..]),
            };
            sv(format!("{sign}{}{rest}", "0".repeat(w - n)))
        }
        "partition" | "rpartition" => {
            arity_of("str", name, args, 1, 1)?;
            let sep = as_str(&args[0], "must be str")?;
            if sep.is_empty() {
                return Err(Exc::value_err("empty separator"));
            }
            let found = if name == "partition" {
                s.find(&**sep)
            } else {
                s.rfind(&**sep)
            };
            Ok(Value::tuple(match found {
                Some(i) => vec![
                    Value::str(&s[..i]),
                    Value::Str(sep.clone()),
                    Value::str(&s[i + sep.len()..]),
                ],
                None if name == "partition" => {
                    vec![Value::Str(s.clone()), Value::str(""), Value::str("")]
                }
                None => vec![Value::str(""), Value::str(""), Value::Str(s.clone())],
            }))
        }
        "removeprefix" => {
            arity_of("str", name, args, 1, 1)?;
            let p = as_str(&args[0], "removeprefix() argument")?;
            sv(s.strip_prefix(&**p).unwrap_or(s).to_string())
        }
        "removesuffix" => {
            arity_of("str", name, args, 1, 1)?;
            let p = as_str(&args[0], "removesuffix() argument")?;
            sv(s.strip_suffix(&**p).unwrap_or(s).to_string())
        }
        "expandtabs" => {
            let ts = match pos_or_kw(args, kw, 0, "tabsize") {
                Some(v) => to_index(v)?,
                None => 8,
            };
            it.check_len(
                (ts.max(1) as usize)
                    .saturating_mul(s.matches('\t').count())
                    .saturating_add(s.len()),
            )?;
            let mut out = String::new();
            let mut col = 0i64;
            for c in s.chars() {
                match c {
                    '\t' => {
                        if ts > 0 {
                            let n = ts - col % ts;
                            out.push_str(&" ".repeat(n as usize));
                            col += n;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    c => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            sv(out)
        }
        "format" => Ok(Value::Str(
            crate::format::str_format(it, s, args, kw)?.into(),
        )),
        "format_map" => {
            arity_of("str", name, args, 1, 1)?;
            let Value::Dict(d) = &args[0] else {
                return Err(Exc::type_err("format_map() argument must be a mapping"));
            };
            let kw: Vec<(RcStr, Value)> = d
                .borrow()
                .map()
                .iter()
                .filter_map(|(k, v)| {
                    if let Value::Str(s) = &k.0 {
                        Some((s.clone(), v.clone()))
                    } else {
                        None
                    }
                })
                .collect();
            Ok(Value::Str(
                crate::format::str_format(it, s, &[], &kw)?.into(),
            ))
        }
        "encode" => {
            let enc = codec_call("encode()", args, kw)?;
            Ok(Value::Bytes(enc.encode(s)?.into()))
        }
        "maketrans" => str_maketrans(it, args),
        "translate" => {
            arity_of("str", name, args, 1, 1)?;
            let table = args[0].clone();
            let mut out = String::new();
            for c in s.chars() {
                match it.get_item(&table, &Value::Int(c as i64)) {
                    Ok(Value::None) => {}
                    Ok(Value::Str(r)) => out.push_str(&r),
                    Ok(Value::Int(i)) => out.push(char::from_u32(i as u32).unwrap_or(c)),
                    Ok(_) => {
                        return Err(Exc::type_err(
                            "character mapping must return integer, None or str",
                        ));
                    }
                    Err(e) if it.exc_class(&e).is_subclass(&it.types.exc["LookupError"]) => {
                        out.push(c)
                    }
                    Err(e) => return Err(e),
                }
            }
            sv(out)
        }
        "__len__" => Ok(Value::Int(s.chars().count() as i64)),
        _ => crate::dunders::call(it, &Value::Str(s.clone()), name, args, kw),
    }
}

fn str_maketrans(it: &mut Interp, args: &[Value]) -> PyResult<Value> {
    let mut d = Dict::new();
    match args {
        [Value::Dict(src)] => {
            for (k, v) in src.borrow().map().iter() {
                let key = match &k.0 {
                    Value::Str(s) if s.chars().count() == 1 => {
                        Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0))
                    }
                    other => other.clone(),
                };
                d.map_mut().insert(Key(key), v.clone());
            }
        }
        [Value::Str(a), Value::Str(b), rest @ ..] => {
            if a.chars().count() != b.chars().count() {
                return Err(Exc::value_err(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (x, y) in a.chars().zip(b.chars()) {
                d.map_mut()
                    .insert(Key(Value::Int(x as i64)), Value::Int(y as i64));
            }
            if let Some(Value::Str(z)) = rest.first() {
                for c in z.chars() {
                    d.map_mut().insert(Key(Value::Int(c as i64)), Value::None);
                }
            }
        }
        _ => {
            return Err(Exc::type_err(
                "maketrans() arguments must be a dict or two strings",
            ));
        }
    }
    let _ = it;
    Ok(Value::dict(d))
}

// ------------------------------------------------------------------------------------------- list

fn seq_count_index(
    it: &mut Interp,
    items: &[Value],
    tname: &str,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    no_kw(name, kw)?;
    match name {
        "count" => {
            arity_of(tname, name, args, 1, 1)?;
            let mut n = 0;
            for x in items {
                if x.is(&args[0]) || it.eq(x, &args[0])? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        "index" => {
            arity(name, args, 1, 3)?;
            let (a, b) = slice_bounds(items.len() as i64, args.get(1), args.get(2))?;
            for i in a..b.max(a) {
                let x = &items[i as usize];
                if x.is(&args[0]) || it.eq(x, &args[0])? {
                    return Ok(Value::Int(i));
                }
            }
            if tname == "tuple" {
                return Err(Exc::value_err("tuple.index(x): x not in tuple"));
            }
            Err(Exc::value_err(format!(
                "{} is not in list",
                it.repr(&args[0])?
            )))
        }
        _ => Err(Exc::new(
            "AttributeError",
            format!("'{tname}' object has no attribute '{name}'"),
        )),
    }
}

fn list_method(
    it: &mut Interp,
    l: &Rc<RefCell<PyList>>,
    recv: &Value,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    // count/index/remove/sort/copy... walk the list: work in proportion to its length, for the limits.
    let n = l.borrow().len();
    it.charge((n >> 4) as u64)?;
    if !kw.is_empty() && name != "sort" && !crate::dunders::is_dunder(name) {
        no_kw(name, kw)?;
    }
    match name {
        "append" => {
            arity_of("list", name, args, 1, 1)?;
            let mut b = l.borrow_mut();
            if let Some(m) = it.limits.max_len {
                if b.len() >= m {
                    return Err(Exc::new(
                        "MemoryError",
                        format!("list longer than the host limit of {m}"),
                    ));
                }
            }
            if b.len() == b.capacity() {
                it.grow_list(&mut b)?;
            }
            b.push(args[0].clone());
            Ok(Value::None)
        }
        "extend" => {
            arity_of("list", name, args, 1, 1)?;
            let items = it.collect(&args[0])?;
            let mut b = l.borrow_mut();
            it.grow_vec(&mut b, items.len())?;
            b.extend(items);
            Ok(Value::None)
        }
        "insert" => {
            arity(name, args, 2, 2)?;
            let mut b = l.borrow_mut();
            let n = b.len() as i64;
            let i = to_index(&args[0])?;
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
            b.insert(i as usize, args[1].clone());
            Ok(Value::None)
        }
        "pop" => {
            arity(name, args, 0, 1)?;
            let mut b = l.borrow_mut();
            if b.is_empty() {
                return Err(Exc::new("IndexError", "pop from empty list"));
            }
            let n = b.len() as i64;
            let i = match args.first() {
                Some(v) => to_index(v)?,
                None => n - 1,
            };
            let i = if i < 0 { i + n } else { i };
            if i < 0 || i >= n {
                return Err(Exc::new("IndexError", "pop index out of range"));
            }
            Ok(b.remove(i as usize))
        }
        "remove" => {
            arity_of("list", name, args, 1, 1)?;
            let items = l.borrow().clone();
            for (i, x) in items.iter().enumerate() {
                if x.is(&args[0]) || it.eq(x, &args[0])? {
                    l.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            Err(Exc::value_err("list.remove(x): x not in list"))
        }
        "clear" => {
            arity_of("list", name, args, 0, 0)?;
            l.borrow_mut().clear();
            Ok(Value::None)
        }
        "copy" => {
            arity_of("list", name, args, 0, 0)?;
            Ok(Value::list(l.borrow().0.clone()))
        }
        "reverse" => {
            arity_of("list", name, args, 0, 0)?;
            l.borrow_mut().reverse();
            Ok(Value::None)
        }
        "sort" => {
            if !args.is_empty() {
                return Err(Exc::type_err("sort() takes no positional arguments"));
            }
            for (k, _) in kw {
                if &**k != "key" && &**k != "reverse" {
                    return Err(Exc::type_err(format!(
                        "sort() got an unexpected keyword argument '{k}'"
                    )));
                }
            }
            let reverse = match kwarg(kw, "reverse") {
                Some(v) => it.truthy(v)?,
                None => false,
            };
            let mut items = std::mem::take(&mut *l.borrow_mut());
            let r = sort_values(it, &mut items, kwarg(kw, "key"), reverse);
            let modified = !l.borrow().is_empty();
            *l.borrow_mut() = items;
            r?;
            if modified {
                return Err(Exc::value_err("list modified during sort"));
            }
            Ok(Value::None)
        }
        "count" | "index" => {
            let items = l.borrow().clone();
            seq_count_index(it, &items, "list", name, args, kw)
        }
        _ => crate::dunders::call(it, recv, name, args, kw),
    }
}

// ------------------------------------------------------------------------------------------- dict

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
            Value::Dict(s) => {
                let mut items = s.borrow().map().clone();
                if items.keys().any(|k| k.by_eq()) {
                    let mine = d.borrow().map().clone();
                    items = it.canon_keys(items, &mine)?;
                }
                let mut b = d.borrow_mut();
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

fn dict_fromkeys(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    no_kw("fromkeys", kw)?;
    arity("fromkeys", args, 1, 2)?;
    let v = args.get(1).cloned().unwrap_or(Value::None);
    let mut d = Dict::new();
    for k in it.collect(&args[0])? {
        let key = it.map_key(k, d.map())?;
        d.map_mut().insert(key, v.clone());
    }
    Ok(Value::dict(d))
}

fn dict_method(
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

fn to_set(it: &mut Interp, v: &Value) -> PyResult<indexmap::IndexMap<Key, (), FxBuild>> {
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

fn set_method(
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

fn int_method(
    it: &mut Interp,
    v: &Value,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let b = num::to_big(v).unwrap_or_default();
    match name {
        "bit_length" => {
            arity_of("int", name, args, 0, 0)?;
            Ok(Value::Int(b.abs().bits() as i64))
        }
        "bit_count" => {
            arity_of("int", name, args, 0, 0)?;
            Ok(Value::Int(
                b.abs()
                    .to_u64_digits()
                    .1
                    .iter()
                    .map(|d| d.count_ones() as i64)
                    .sum(),
            ))
        }
        "conjugate" => Ok(Value::from_big(b)),
        "as_integer_ratio" => Ok(Value::tuple(vec![Value::from_big(b), Value::Int(1)])),
        "to_bytes" => {
            let length = match pos_or_kw(args, kw, 0, "length") {
                Some(v) => to_index(v)?,
                None => 1,
            };
            let order = match pos_or_kw(args, kw, 1, "byteorder") {
                Some(Value::Str(s)) => s.to_string(),
                _ => "big".into(),
            };
            let signed = match kwarg(kw, "signed") {
                Some(v) => it.truthy(v)?,
                None => false,
            };
            if b.is_negative() && !signed {
                return Err(Exc::new(
                    "OverflowError",
                    "can't convert negative int to unsigned",
                ));
            }
            let mut bytes = if signed {
                b.to_signed_bytes_le()
            } else {
                b.to_bytes_le().1
            };
            if b.is_zero() {
                bytes = vec![0];
            }
            if length < 0 {
                return Err(Exc::value_err("length argument must be non-negative"));
            }
            let length = usize::try_from(length).map_err(|_| {
                Exc::new(
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                )
            })?;
            if bytes.len() > length {
                return Err(Exc::new("OverflowError", "int too big to convert"));
            }
            let fill = if b.is_negative() { 0xff } else { 0 };
            let more = length - bytes.len();
            it.grow_vec(&mut bytes, more)?;
            bytes.resize(length, fill);
            if order == "big" {
                bytes.reverse();
            }
            Ok(Value::Bytes(bytes.into()))
        }
        "from_bytes" => int_from_bytes(args, kw),
        _ => crate::dunders::call(it, v, name, args, kw),
    }
}

fn int_from_bytes(args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(Value::Bytes(b)) = args.first() else {
        return Err(Exc::type_err("cannot convert to bytes"));
    };
    let order = match pos_or_kw(args, kw, 1, "byteorder") {
        Some(Value::Str(s)) => s.to_string(),
        _ => "big".into(),
    };
    let signed = matches!(kwarg(kw, "signed"), Some(Value::Bool(PyBool::True)));
    let mut bytes = b.to_vec();
    if order == "big" {
        bytes.reverse();
    }
    let v = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes)
    };
    Ok(Value::from_big(v))
}

fn float_method(
    it: &mut Interp,
    f: f64,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    match name {
        "is_integer" => {
            arity_of("float", name, args, 0, 0)?;
            Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
        }
        "conjugate" => Ok(Value::float(f)),
        "as_integer_ratio" => {
            if f.is_infinite() {
                return Err(Exc::new(
                    "OverflowError",
                    "cannot convert Infinity to integer ratio",
                ));
            }
            if f.is_nan() {
                return Err(Exc::value_err("cannot convert NaN to integer ratio"));
            }
            let mut m = f;
            let mut e = 0i32;
            while m.fract() != 0.0 {
                m *= 2.0;
                e += 1;
            }
            let num = crate::builtins::float_to_big(m);
            let den = BigInt::from(1) << e as usize;
            let g = num_integer::Integer::gcd(&num, &den);
            Ok(Value::tuple(vec![
                Value::from_big(&num / &g),
                Value::from_big(&den / &g),
            ]))
        }
        "hex" => {
            if f == 0.0 {
                return Ok(Value::str(if f.is_sign_negative() {
                    "-0x0.0p+0"
                } else {
                    "0x0.0p+0"
                }));
            }
            let bits = f.to_bits();
            let sign = if f < 0.0 { "-" } else { "" };
            let exp = ((bits >> 52) & 0x7ff) as i64;
            let mant = bits & ((1 << 52) - 1);
            let (lead, e) = if exp == 0 {
                (0, -1022)
            } else {
                (1, exp - 1023)
            };
            let m = format!("{mant:013x}");
            Ok(Value::Str(
                format!(
                    "{sign}0x{lead}.{m}p{}{}",
                    if e < 0 { "-" } else { "+" },
                    e.abs()
                )
                .into(),
            ))
        }
        "fromhex" => float_fromhex(args),
        _ => crate::dunders::call(it, &Value::float(f), name, args, kw),
    }
}

fn float_fromhex(args: &[Value]) -> PyResult<Value> {
    let Some(Value::Str(s)) = args.first() else {
        return Err(Exc::type_err("fromhex() argument must be str"));
    };
    let t = s.trim().to_lowercase();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, t.trim_start_matches('+').to_string()),
    };
    let t = t.trim_start_matches("0x");
    let (m, e) = t.split_once('p').unwrap_or((t, "0"));
    let (ip, fp) = m.split_once('.').unwrap_or((m, ""));
    let mut v = 0f64;
    for c in ip.chars() {
        v = v * 16.0
            + c.to_digit(16)
                .ok_or_else(|| Exc::value_err("invalid hexadecimal floating-point string"))?
                as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in fp.chars() {
        v += c
            .to_digit(16)
            .ok_or_else(|| Exc::value_err("invalid hexadecimal floating-point string"))?
            as f64
            * scale;
        scale /= 16.0;
    }
    let e: i32 = e
        .parse()
        .map_err(|_| Exc::value_err("invalid hexadecimal floating-point string"))?;
    let r = v * 2f64.powi(e);
    Ok(Value::float(if neg { -r } else { r }))
}

// ------------------------------------------------------------------------------------------- bytes

fn bytes_method(
    it: &mut Interp,
    b: &RcSlice<u8>,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let as_bytes = |v: &Value| -> PyResult<Vec<u8>> {
        match v {
            Value::Bytes(x) => Ok(x.to_vec()),
            _ => Err(Exc::type_err(format!(
                "a bytes-like object is required, not '{}'",
                type_name(v)
            ))),
        }
    };
    match name {
        "decode" => {
            let enc = codec_call("decode()", args, kw)?;
            Ok(Value::Str(enc.decode(b)?.into()))
        }
        "hex" => Ok(Value::Str(
            b.iter()
                .map(|x| format!("{x:02x}"))
                .collect::<String>()
                .into(),
        )),
        "upper" => Ok(Value::Bytes(b.to_ascii_uppercase().into())),
        "lower" => Ok(Value::Bytes(b.to_ascii_lowercase().into())),
        "strip" => {
            let s: &[u8] = b;
            let start = s
                .iter()
                .position(|c| !c.is_ascii_whitespace())
                .unwrap_or(s.len());
            let end = s
                .iter()
                .rposition(|c| !c.is_ascii_whitespace())
                .map(|e| e + 1)
                .unwrap_or(start);
            Ok(Value::Bytes(s[start..end.max(start)].into()))
        }
        "startswith" | "endswith" => {
            let p = as_bytes(args.first().unwrap_or(&Value::None))?;
            Ok(Value::bool(if name == "startswith" {
                b.starts_with(&p)
            } else {
                b.ends_with(&p)
            }))
        }
        "count" | "find" | "index" => {
            let p = as_bytes(args.first().unwrap_or(&Value::None))?;
            let positions: Vec<usize> = if p.is_empty() {
                (0..=b.len()).collect()
            } else {
                (0..b.len().saturating_sub(p.len() - 1))
                    .filter(|&i| b[i..].starts_with(&p))
                    .collect()
            };
            match name {
                "count" => Ok(Value::Int(positions.len() as i64)),
                _ => match positions.first() {
                    Some(&i) => Ok(Value::Int(i as i64)),
                    None if name == "find" => Ok(Value::Int(-1)),
                    None => Err(Exc::value_err("subsection not found")),
                },
            }
        }
        "join" => {
            let items = it.collect(args.first().unwrap_or(&Value::None))?;
            let mut out = Vec::new();
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b);
                }
                out.extend(as_bytes(x)?);
            }
            Ok(Value::Bytes(out.into()))
        }
        "replace" => {
            let (old, new) = (
                as_bytes(args.first().unwrap_or(&Value::None))?,
                as_bytes(args.get(1).unwrap_or(&Value::None))?,
            );
            let s = String::from_utf8_lossy(b).replace(
                &*String::from_utf8_lossy(&old),
                &String::from_utf8_lossy(&new),
            );
            Ok(Value::Bytes(s.into_bytes().into()))
        }
        "split" => {
            let parts: Vec<Value> = match args.first() {
                None | Some(Value::None) => b
                    .split(|c| c.is_ascii_whitespace())
                    .filter(|p| !p.is_empty())
                    .map(|p| Value::Bytes(p.into()))
                    .collect(),
                Some(sep) => {
                    let sep = as_bytes(sep)?;
                    let s = String::from_utf8_lossy(b).to_string();
                    s.split(&*String::from_utf8_lossy(&sep))
                        .map(|p| Value::Bytes(p.as_bytes().into()))
                        .collect()
                }
            };
            Ok(Value::list(parts))
        }
        _ => crate::dunders::call(it, &Value::Bytes(b.clone()), name, args, kw),
    }
}

// ------------------------------------------------------------------------------------------- items

fn slice_indices(
    it: &mut Interp,
    s: &(Value, Value, Value),
    len: i64,
) -> PyResult<(i64, i64, i64)> {
    let _ = it;
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

fn slice_int(v: &Value) -> PyResult<i64> {
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

fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
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

fn norm_index(i: &Value, len: usize, what: &str) -> PyResult<usize> {
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
            return Err(Exc::type_err(format!(
                "{} indices must be integers or slices, not {}",
                what.trim_end_matches(" object"),
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

/// `o[i]`.
pub fn get_item(it: &mut Interp, o: &Value, i: &Value) -> PyResult<Value> {
    match o {
        Value::List(l) => {
            if let Value::Slice(s) = i {
                let b = l.borrow();
                let (a, z, st) = slice_indices(it, s, b.len() as i64)?;
                return Ok(Value::list(
                    slice_positions(a, z, st)
                        .into_iter()
                        .map(|k| b[k].clone())
                        .collect(),
                ));
            }
            let b = l.borrow();
            let k = norm_index(i, b.len(), "list")?;
            Ok(b[k].clone())
        }
        Value::Tuple(t) => {
            if let Value::Slice(s) = i {
                let (a, z, st) = slice_indices(it, s, t.len() as i64)?;
                return Ok(Value::tuple(
                    slice_positions(a, z, st)
                        .into_iter()
                        .map(|k| t[k].clone())
                        .collect(),
                ));
            }
            let k = norm_index(i, t.len(), "tuple")?;
            Ok(t[k].clone())
        }
        Value::Str(s) => {
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
        Value::Instance(_) => match it.lookup_special(o, "__getitem__") {
            Some(m) => it.call(&m, vec![o.clone(), i.clone()], Vec::new()),
            None => Err(Exc::type_err(format!(
                "'{}' object is not subscriptable",
                type_name(o)
            ))),
        },
        Value::Class(c)
            if matches!(
                c.kind,
                Kind::List | Kind::Dict | Kind::Tuple | Kind::Set | Kind::Type
            ) =>
        {
            Ok(o.clone())
        }
        _ => Err(Exc::type_err(format!(
            "'{}' object is not subscriptable",
            type_name(o)
        ))),
    }
}

/// `o[i] = v`.
pub fn set_item(it: &mut Interp, o: &Value, i: Value, v: Value) -> PyResult<()> {
    match o {
        Value::List(l) => {
            if let Value::Slice(s) = &i {
                let items = it.collect(&v)?;
                let len = l.borrow().len() as i64;
                let (a, z, st) = slice_indices(it, s, len)?;
                if st == 1 {
                    let z = z.max(a);
                    l.borrow_mut().splice(a as usize..z as usize, items);
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
                return Ok(());
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
        Value::Instance(_) => match it.lookup_special(o, "__setitem__") {
            Some(m) => it.call(&m, vec![o.clone(), i, v], Vec::new()).map(|_| ()),
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

/// `del o[i]`.
pub fn del_item(it: &mut Interp, o: &Value, i: &Value) -> PyResult<()> {
    match o {
        Value::List(l) => {
            if let Value::Slice(s) = i {
                let len = l.borrow().len() as i64;
                let (a, z, st) = slice_indices(it, s, len)?;
                let mut pos = slice_positions(a, z, st);
                pos.sort_unstable();
                let mut b = l.borrow_mut();
                for p in pos.into_iter().rev() {
                    b.remove(p);
                }
                return Ok(());
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

fn repeat<T: Clone>(it: &mut Interp, items: &[T], n: &Value) -> Option<PyResult<Vec<T>>> {
    let n = match n {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        _ => return None,
    };
    let n = n.max(0) as usize;
    if items.is_empty() {
        // Nothing to copy, however many times (`[] * (1 << 28)` must not loop 2**28 times).
        return Some(Ok(Vec::new()));
    }
    let mut out = match it.alloc_vec(items.len().saturating_mul(n)) {
        Ok(v) => v,
        Err(e) => return Some(Err(e)),
    };
    for i in 0..n {
        // Copying is charged as it goes, so the deadline and an interrupt stop a huge repeat midway.
        if i & 0xff == 0xff {
            if let Err(e) = it.charge((items.len() << 8 >> 4) as u64) {
                return Some(Err(e));
            }
        }
        out.extend_from_slice(items);
    }
    Some(Ok(out))
}

/// Sequence and set operators: `+`, `*`, `|`, `&`, `-`, `^` on built-in containers.
pub fn seq_binop(it: &mut Interp, a: &Value, op: BinOp, b: &Value) -> Option<PyResult<Value>> {
    Some(match (a, op, b) {
        (Value::Str(x), BinOp::Add, Value::Str(y)) => {
            if let Err(e) = it.check_len(x.len() + y.len()) {
                return Some(Err(e));
            }
            Ok(Value::Str(RcStr::concat(&[x, y])))
        }
        (Value::List(x), BinOp::Add, Value::List(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            let mut v = match it.alloc_vec(x.len() + y.len()) {
                Ok(v) => v,
                Err(e) => return Some(Err(e)),
            };
            v.extend(x.iter().cloned());
            v.extend(y.iter().cloned());
            Ok(Value::list(v))
        }
        (Value::Tuple(x), BinOp::Add, Value::Tuple(y)) => {
            let mut v = x.to_vec();
            v.extend(y.iter().cloned());
            Ok(Value::tuple(v))
        }
        (Value::Bytes(x), BinOp::Add, Value::Bytes(y)) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            Ok(Value::Bytes(v.into()))
        }
        (Value::Str(s), BinOp::Mul, n) | (n, BinOp::Mul, Value::Str(s))
            if matches!(n, Value::Int(_) | Value::Bool(_)) =>
        {
            let bytes = s.as_bytes();
            match repeat(it, bytes, n)? {
                Ok(v) => Ok(Value::Str(String::from_utf8(v).unwrap_or_default().into())),
                Err(e) => Err(e),
            }
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
            repeat(it, t, n)?.map(|v| Value::Bytes(v.into()))
        }
        (
            Value::Set(x),
            BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
            Value::Set(y),
        ) => {
            let name = match op {
                BinOp::BitOr => "union",
                BinOp::BitAnd => "intersection",
                BinOp::Sub => "difference",
                _ => "symmetric_difference",
            };
            let _ = y;
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
        (Value::View(x), BinOp::BitAnd | BinOp::BitOr | BinOp::Sub | BinOp::BitXor, _)
            if x.1 == 0 =>
        {
            let keys = Value::Set(Rc::new(SetObj {
                items: RefCell::new(x.0.borrow().map().keys().map(|k| (k.clone(), ())).collect()),
                frozen: false,
            }));
            let other = match to_set(it, b) {
                Ok(m) => new_set(m, false),
                Err(e) => return Some(Err(e)),
            };
            return seq_binop(it, &keys, op, &other);
        }
        _ => return None,
    })
}

// ------------------------------------------------------------------------------------------- constructors

fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (base, t) = {
        let lower = t.to_ascii_lowercase();
        let pref = |p: &str, b: u32| -> Option<(u32, &str)> {
            if (base == 0 || base == b) && lower.starts_with(p) {
                Some((b, &t[2..]))
            } else {
                None
            }
        };
        pref("0x", 16)
            .or_else(|| pref("0o", 8))
            .or_else(|| pref("0b", 2))
            .unwrap_or((if base == 0 { 10 } else { base }, t))
    };
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return None;
    }
    let digits: String = t.chars().filter(|&c| c != '_').collect();
    if !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let v = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(if neg { -v } else { v })
}

fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim().to_ascii_lowercase().replace('_', "");
    match t.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => {
            return Some(if t.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if t.is_empty()
        || t.chars()
            .any(|c| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-')))
    {
        return None;
    }
    t.parse().ok()
}

/// Calls a built-in type (`int("3")`, `list(x)`, `dict(a=1)`, `type(x)`...).
pub fn construct_builtin(
    it: &mut Interp,
    c: &Rc<Class>,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    let name = c.name.clone();
    let one = |args: &[Value], kw: &[(RcStr, Value)]| -> PyResult<Option<Value>> {
        if !kw.is_empty() {
            return Err(Exc::type_err(format!(
                "{name}() takes no keyword arguments"
            )));
        }
        if args.len() > 1 {
            return Err(Exc::type_err(format!(
                "{name} expected at most 1 argument, got {}",
                args.len()
            )));
        }
        Ok(args.first().cloned())
    };
    match c.kind {
        Kind::Int => {
            let base_v = args.get(1).cloned().or_else(|| kwarg(&kw, "base").cloned());
            let x = args.first().cloned();
            if args.len() > 2 {
                return Err(Exc::type_err(format!(
                    "int() takes at most 2 arguments ({} given)",
                    args.len()
                )));
            }
            match (x, base_v) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Str(s)), b) => {
                    let base = match b {
                        Some(b) => to_index(&b)?,
                        None => 10,
                    };
                    if base != 0 && !(2..=36).contains(&base) {
                        return Err(Exc::value_err("int() base must be >= 2 and <= 36, or 0"));
                    }
                    crate::num::check_str_to_int(&s, base as u32)?;
                    match parse_int(&s, base as u32) {
                        Some(v) => Ok(Value::from_big(v)),
                        None => Err(Exc::value_err(format!(
                            "invalid literal for int() with base {base}: {}",
                            crate::format::repr_str(&s)
                        ))),
                    }
                }
                (Some(_), Some(_)) => Err(Exc::type_err(
                    "int() can't convert non-string with explicit base",
                )),
                (Some(v), None) => match &v {
                    Value::Int(_) | Value::Big(_) => Ok(v),
                    Value::Bool(b) => Ok(Value::Int(*b as i64)),
                    Value::Float(f) => crate::builtins::float_to_int(f.trunc()),
                    Value::Bytes(b) => {
                        match crate::num::check_str_to_int(&String::from_utf8_lossy(b), 10)
                            .map(|()| parse_int(&String::from_utf8_lossy(b), 10))?
                        {
                            Some(v) => Ok(Value::from_big(v)),
                            None => Err(Exc::value_err(format!(
                                "invalid literal for int() with base 10: {}",
                                crate::format::repr_bytes(b)
                            ))),
                        }
                    }
                    Value::Instance(_) => {
                        for m in ["__int__", "__index__", "__trunc__"] {
                            if let Some(f) = it.lookup_special(&v, m) {
                                return it.call(&f, vec![v.clone()], Vec::new());
                            }
                        }
                        Err(Exc::type_err(format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            type_name(&v)
                        )))
                    }
                    _ => Err(Exc::type_err(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        type_name(&v)
                    ))),
                },
            }
        }
        Kind::Float => match one(&args, &kw)? {
            None => Ok(Value::float(0.0)),
            Some(v) => match &v {
                Value::Float(_) => Ok(v),
                Value::Int(i) => Ok(Value::float(*i as f64)),
                Value::Bool(b) => Ok(Value::float(*b as i64 as f64)),
                Value::Big(b) => Ok(Value::float(num::big_to_f64(b)?)),
                Value::Str(s) => parse_float(s).map(Value::float).ok_or_else(|| {
                    Exc::value_err(format!(
                        "could not convert string to float: {}",
                        crate::format::repr_str(s)
                    ))
                }),
                Value::Instance(_) => match it.lookup_special(&v, "__float__") {
                    Some(f) => it.call(&f, vec![v.clone()], Vec::new()),
                    None => Err(Exc::type_err(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        type_name(&v)
                    ))),
                },
                _ => Err(Exc::type_err(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    type_name(&v)
                ))),
            },
        },
        Kind::Str => {
            crate::codec::check_params("str()", &args, &kw, 3, &["object", "encoding", "errors"])?;
            let obj = args.first().or_else(|| kwarg(&kw, "object")).cloned();
            let enc = crate::codec::encoding_args("str()", &args, 1, &kw)?;
            if enc.given() {
                return match obj {
                    None => Ok(Value::str("")),
                    Some(Value::Bytes(b)) => Ok(Value::Str(enc.decode(&b)?.into())),
                    Some(Value::Str(_)) => Err(Exc::type_err("decoding str is not supported")),
                    Some(v) => Err(Exc::type_err(format!(
                        "decoding to str: need a bytes-like object, {} found",
                        type_name(&v)
                    ))),
                };
            }
            match obj {
                None => Ok(Value::str("")),
                Some(Value::Str(s)) => Ok(Value::Str(s)),
                Some(Value::Int(i)) => Ok(Value::Str(int_to_rc(i))),
                Some(v) => Ok(Value::Str(it.to_str(&v)?.into())),
            }
        }
        Kind::Bool => match one(&args, &kw)? {
            None => Ok(Value::bool(false)),
            Some(v) => Ok(Value::bool(it.truthy(&v)?)),
        },
        Kind::List => match one(&args, &kw)? {
            None => Ok(Value::list(Vec::new())),
            Some(v) => Ok(Value::list(it.collect(&v)?)),
        },
        Kind::Tuple => match one(&args, &kw)? {
            None => Ok(Value::tuple(Vec::new())),
            Some(Value::Tuple(t)) => Ok(Value::Tuple(t)),
            Some(v) => Ok(Value::tuple(it.collect(&v)?)),
        },
        Kind::Set | Kind::FrozenSet => match one(&args, &kw)? {
            None => Ok(new_set(Default::default(), c.kind == Kind::FrozenSet)),
            Some(v) => {
                let m = to_set(it, &v)?;
                Ok(new_set(m, c.kind == Kind::FrozenSet))
            }
        },
        Kind::Dict => {
            if args.len() > 1 {
                return Err(Exc::type_err(format!(
                    "dict expected at most 1 argument, got {}",
                    args.len()
                )));
            }
            let d = Rc::new(RefCell::new(Dict::new()));
            dict_update(it, &d, &args, &kw)?;
            Ok(Value::Dict(d))
        }
        Kind::Bytes => {
            crate::codec::check_params(
                "bytes()",
                &args,
                &kw,
                3,
                &["source", "encoding", "errors"],
            )?;
            let source = args.first().or_else(|| kwarg(&kw, "source")).cloned();
            let enc = crate::codec::encoding_args("bytes()", &args, 1, &kw)?;
            match &source {
                Some(Value::Str(s)) if enc.encoding.is_some() => {
                    return Ok(Value::Bytes(enc.encode(s)?.into()));
                }
                Some(Value::Str(_)) => {
                    return Err(Exc::type_err("string argument without an encoding"));
                }
                _ if enc.encoding.is_some() => {
                    return Err(Exc::type_err("encoding without a string argument"));
                }
                _ if enc.errors.is_some() => {
                    return Err(Exc::type_err("errors without a string argument"));
                }
                _ => {}
            }
            bytes_from(it, source)
        }
        Kind::Range => {
            if !kw.is_empty() {
                return Err(Exc::type_err("range() takes no keyword arguments"));
            }
            let ints = args.iter().map(to_index).collect::<PyResult<Vec<_>>>()?;
            let (a, b, s) = match ints.as_slice() {
                [b] => (0, *b, 1),
                [a, b] => (*a, *b, 1),
                [a, b, s] => (*a, *b, *s),
                [] => return Err(Exc::type_err("range expected at least 1 argument, got 0")),
                _ => {
                    return Err(Exc::type_err(format!(
                        "range expected at most 3 arguments, got {}",
                        ints.len()
                    )));
                }
            };
            if s == 0 {
                return Err(Exc::value_err("range() arg 3 must not be zero"));
            }
            Ok(Value::Range(Rc::new((a, b, s))))
        }
        Kind::Type => {
            if args.len() == 1 && kw.is_empty() {
                return Ok(Value::Class(it.type_of(&args[0])));
            }
            if args.len() == 3 {
                let Value::Str(n) = &args[0] else {
                    return Err(Exc::type_err("type.__new__() argument 1 must be str"));
                };
                let bases = match &args[1] {
                    Value::Tuple(t) => t
                        .iter()
                        .map(|b| match b {
                            Value::Class(c) => Ok(c.clone()),
                            _ => Err(Exc::type_err("bases must be types")),
                        })
                        .collect::<PyResult<Vec<_>>>()?,
                    other => {
                        return Err(Exc::type_err(format!(
                            "type.__new__() argument 2 must be tuple, not {}",
                            type_name(other)
                        )));
                    }
                };
                let Value::Dict(d) = &args[2] else {
                    return Err(Exc::type_err("type.__new__() argument 3 must be dict"));
                };
                let dict = d.borrow().clone();
                return crate::builtins::new_class(it, n.clone(), n.clone(), bases, dict);
            }
            Err(Exc::type_err("type() takes 1 or 3 arguments"))
        }
        Kind::Slice => {
            let g = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
            Ok(match args.len() {
                1 => Value::Slice(Rc::new((Value::None, g(0), Value::None))),
                2 | 3 => Value::Slice(Rc::new((g(0), g(1), g(2)))),
                n => {
                    return Err(Exc::type_err(format!(
                        "slice expected at least 1 argument, got {n}"
                    )));
                }
            })
        }
        // The singletons' types return the singleton (`type(None)()` is None).
        Kind::NoneType | Kind::Ellipsis | Kind::NotImplementedType => {
            if !args.is_empty() || !kw.is_empty() {
                return Err(Exc::type_err(format!("{} takes no arguments", c.name)));
            }
            Ok(match c.kind {
                Kind::NoneType => Value::None,
                Kind::Ellipsis => Value::Ellipsis,
                _ => Value::NotImplemented,
            })
        }
        _ => Err(Exc::type_err(format!(
            "cannot create '{}' instances",
            c.name
        ))),
    }
}

/// Decimal text of an i64 as an `RcStr` (one allocation, no formatting machinery).
pub fn int_to_rc(i: i64) -> RcStr {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let neg = i < 0;
    let mut n = i.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // SAFETY: `buf[at..]` holds only the ASCII digits written above.
    let digits = unsafe { std::str::from_utf8_unchecked(&buf[at..]) };
    if neg {
        RcStr::concat(&["-", digits])
    } else {
        RcStr::from(digits)
    }
}

/// Big-int helper for `str()` of ints (kept here so methods and format agree).
pub fn int_to_string(v: &Value) -> PyResult<String> {
    match v {
        Value::Int(i) => Ok(i.to_string()),
        Value::Big(b) => crate::format::big_to_string(b),
        _ => Ok(String::new()),
    }
}

#[allow(dead_code)]
fn unused(_: &BigInt) -> Option<i64> {
    None.or(Some(0)).and_then(|x: i64| x.to_i64())
}

/// `bytes(source)` without an encoding: empty, `n` zero bytes, or the ints of an iterable.
fn bytes_from(it: &mut Interp, source: Option<Value>) -> PyResult<Value> {
    match &source {
        None => Ok(Value::Bytes(RcSlice::default())),
        Some(Value::Int(n)) => {
            if *n < 0 {
                return Err(Exc::value_err("negative count"));
            }
            it.check_len(*n as usize)?;
            Ok(Value::Bytes(vec![0u8; *n as usize].into()))
        }
        Some(v) => {
            let items = it.collect(v)?;
            let mut out = Vec::with_capacity(items.len());
            for x in items {
                let i = to_index(&x)?;
                if !(0..256).contains(&i) {
                    return Err(Exc::value_err("bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            Ok(Value::Bytes(out.into()))
        }
    }
}

/// The `(encoding='utf-8', errors='strict')` parameters of `str.encode` and `bytes.decode`, checked as
/// CPython checks them.
fn codec_call<'a>(
    who: &str,
    args: &'a [Value],
    kw: Kw<'a>,
) -> PyResult<crate::codec::EncodingArgs<'a>> {
    crate::codec::check_params(who, args, kw, 2, &["encoding", "errors"])?;
    crate::codec::encoding_args(who, args, 0, kw)
}
