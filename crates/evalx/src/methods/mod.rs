//! Methods of the built-in types (every public method CPython 3.11 gives str, list, dict, tuple, set,
//! frozenset, int, float, bytes), subscripting and slicing, sequence operators and built-in constructors.

pub(crate) mod bigrange;
mod bytearray;
mod bytes;
mod construct;
pub(crate) use construct::parse_float;
mod dict;
mod index;
mod list;
mod memoryview;
mod numbers;
mod seqops;
mod set;
pub(crate) mod text;
mod titlecase;

pub(crate) use bytearray::{
    data_of as bytearray_data, fromhex_of as bytearray_fromhex, is_bytearray,
    len_of as bytearray_len, make_class as bytearray_class,
};
pub(crate) use bytes::*;
pub(crate) use construct::*;
pub(crate) use dict::*;
pub(crate) use index::*;
pub(crate) use list::*;
pub(crate) use memoryview::nbytes_of as memoryview_nbytes;
pub(crate) use memoryview::{is_memoryview, make_class as memoryview_class, memoryview_bytes};
pub(crate) use numbers::*;
pub(crate) use seqops::*;
pub(crate) use set::*;
pub(crate) use text::*;

use crate::ast::BinOp;
use crate::builtins::{len_of, sort_values, to_index, to_index_of, type_name};
use crate::interp::{Exc, Interp, PyResult};
use crate::num;
use crate::thin::{RcSlice, RcStr};
use crate::value::PyBool;
use crate::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
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
    "capitalize",
    "center",
    "count",
    "decode",
    "endswith",
    "expandtabs",
    "find",
    "fromhex",
    "hex",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdigit",
    "islower",
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
const GEN_METHODS: &[&str] = &["close", "send", "throw"];
const CORO_METHODS: &[&str] = &["close", "send", "throw"];
const AGEN_METHODS: &[&str] = &["aclose", "asend", "athrow"];

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
        Kind::Coroutine => CORO_METHODS,
        Kind::AsyncGenerator => AGEN_METHODS,
        _ => &[],
    }
}

/// Whether a built-in type has a method of that name.
pub fn has_method(k: Kind, name: &str) -> bool {
    method_names(k).contains(&name)
}

pub(crate) fn kind_of(v: &Value) -> Kind {
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
        Value::Iter(i) => match &*i.borrow() {
            Iter::Generator(g) => match g.kind {
                crate::interp::GenKind::Coroutine => Kind::Coroutine,
                crate::interp::GenKind::AsyncGen => Kind::AsyncGenerator,
                _ => Kind::Generator,
            },
            _ => Kind::Object,
        },
        _ => Kind::Object,
    }
}

/// Non-method attributes of built-in values and bound methods by name.
pub fn builtin_attr(it: &mut Interp, v: &Value, name: &str) -> PyResult<Option<Value>> {
    if has_method(kind_of(v), name) {
        return Ok(Some(Value::Bound(Rc::new((v.clone(), Value::str(name))))));
    }
    if let Value::Complex(_) = v {
        return Ok(crate::complex::attr(it, v, name));
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
        (Value::BigRange(r), _) if bigrange::attr(r, name).is_some() => bigrange::attr(r, name),
        (Value::Range(_) | Value::BigRange(_), "count" | "index") => {
            Some(Value::Bound(Rc::new((v.clone(), Value::str(name)))))
        }
        (Value::Slice(s), "start") => Some(s.0.clone()),
        (Value::Slice(s), "stop") => Some(s.1.clone()),
        (Value::Slice(s), "step") => Some(s.2.clone()),
        (Value::View(vw), "isdisjoint") if vw.1 != 1 => {
            Some(Value::Bound(Rc::new((v.clone(), Value::str(name)))))
        }
        (Value::Slice(_), "indices") => Some(Value::Bound(Rc::new((v.clone(), Value::str(name))))),
        (Value::Iter(i), "__name__") => match &*i.borrow() {
            Iter::Generator(g) => Some(Value::Str(g.name.clone())),
            _ => None,
        },
        (Value::Iter(i), "__qualname__") => match &*i.borrow() {
            Iter::Generator(g) => Some(Value::Str(g.qualname.clone())),
            _ => None,
        },
        (Value::Iter(i), "__aiter__" | "__anext__" | "__await__")
            if matches!(&*i.borrow(), Iter::Generator(g) if g.kind != crate::interp::GenKind::Generator && g.kind != crate::interp::GenKind::IterCoro)
                || matches!(&*i.borrow(), Iter::AsyncOp(_)) =>
        {
            Some(Value::Bound(Rc::new((v.clone(), Value::str(name)))))
        }
        (Value::Iter(i), _)
            if name.starts_with("cr_") || name.starts_with("ag_") || name.starts_with("gi_") =>
        {
            it.coro_attr(i, name)
        }
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
pub(crate) fn arity_parse(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
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

pub(crate) fn no_kw(name: &str, kw: Kw<'_>) -> PyResult<()> {
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

pub(crate) fn as_str<'a>(v: &'a Value, what: &str) -> PyResult<&'a RcStr> {
    if let Some(s) = text::str_of_subclass(v) {
        return Ok(s);
    }
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
        (Kind::Int, "from_bytes") => return int_from_bytes(it, &args, &kw),
        (Kind::Float, "fromhex") => return float_fromhex(&args),
        (Kind::Bytes, "fromhex" | "maketrans") => return bytes_class_method(it, name, &args),
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
    let carries =
        matches!(recv, Value::Instance(i) if i.native.is_some() && i.class.native == c.kind);
    let rt = if carries { c.clone() } else { it.type_of(recv) };
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
    let unwrap = |v: &Value| match v {
        Value::Instance(i) => match &i.native {
            Some(p) => p.clone(),
            None => v.clone(),
        },
        _ => v.clone(),
    };
    let this = recv.clone();
    let recv = unwrap(recv);
    // `dict.__getitem__(self, key)` of a subclass with `__missing__` (a `Counter`, a `defaultdict`)
    // asks it for a missing key, as CPython's dict subscript does.
    if c.kind == Kind::Dict
        && name == "__getitem__"
        && args.len() == 2
        && let Value::Instance(i) = &this
        && let Some(missing) = i.class.lookup("__missing__")
        && !it.contains(&recv, &args[1])?
    {
        return it.call(&missing, vec![this.clone(), args[1].clone()], Vec::new());
    }
    let r = if crate::dunders::is_operator_dunder(name) {
        let rest: Vec<Value> = args[1..].iter().map(unwrap).collect();
        call_builtin_method(it, &recv, name, &rest, &kw)?
    } else {
        call_builtin_method(it, &recv, name, &args[1..], &kw)?
    };
    // A method that returns its receiver (`dict.__ior__`, `list.__iadd__`) returns the subclass's
    // instance, not the value it carries.
    if matches!(recv, Value::List(_) | Value::Dict(_) | Value::Set(_))
        && r.is(&recv)
        && !this.is(&recv)
    {
        return Ok(this);
    }
    Ok(r)
}

/// Calls a method of a built-in value.
pub fn call_builtin_method(
    it: &mut Interp,
    recv: &Value,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    // A method of a big str, bytes, set or dict is one native pass that runs to its end: size it first,
    // so the limits see its work and the deadline refuses a pass that would run past it.
    if let Some((bytes, ns)) = pass_cost(recv, name, args) {
        it.admit_pass(bytes, ns)?;
    }
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
        Value::BigRange(_) if matches!(name, "count" | "index") => {
            bigrange::method(it, recv, name, args)
        }
        Value::View(vw) if name == "isdisjoint" && vw.1 != 1 => {
            no_kw("isdisjoint", kw)?;
            arity("isdisjoint", args, 1, 1)?;
            for x in it.collect(&args[0])? {
                if it.contains(recv, &x)? {
                    return Ok(Value::bool(false));
                }
            }
            Ok(Value::bool(true))
        }
        Value::Slice(s) if name == "indices" => {
            no_kw("slice.indices", kw)?;
            if args.len() != 1 {
                return Err(Exc::type_err(format!(
                    "slice.indices() takes exactly one argument ({} given)",
                    args.len()
                )));
            }
            let len = match &args[0] {
                Value::Int(i) => *i,
                Value::Bool(b) => *b as i64,
                Value::Big(b) => {
                    if b.is_negative() {
                        return Err(Exc::value_err("length should not be negative"));
                    }
                    i64::MAX
                }
                o => {
                    return Err(Exc::type_err(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(o)
                    )));
                }
            };
            if len < 0 {
                return Err(Exc::value_err("length should not be negative"));
            }
            let (a, b, c) = slice_indices(it, s, len)?;
            Ok(Value::tuple(vec![
                Value::Int(a),
                Value::Int(b),
                Value::Int(c),
            ]))
        }
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

/// The data a method of a str, bytes, set or dict walks, in bytes (members for sets and dicts), and an upper
/// estimate of its cost in nanoseconds a byte (release build); `None` for methods that do not walk the
/// receiver. The arguments count too when they are big strs or bytes (`replace`, `translate`, `find`).
fn pass_cost(recv: &Value, name: &str, args: &[Value]) -> Option<(usize, f64)> {
    let arg_bytes = || -> usize {
        args.iter()
            .map(|a| match a {
                Value::Str(x) => x.len(),
                Value::Bytes(x) => x.len(),
                _ => 0,
            })
            .sum()
    };
    // The members of container arguments (`d.update(e)` into an empty `d` walks `e`, not `d`).
    let arg_items = || -> usize {
        args.iter()
            .map(|a| match a {
                Value::Dict(x) => x.borrow().map().len(),
                Value::Set(x) => x.items.len(),
                Value::List(x) => x.borrow().len(),
                Value::Tuple(x) => x.len(),
                _ => 0,
            })
            .sum()
    };
    match recv {
        Value::Str(s) => {
            let ns = match name {
                "startswith" | "endswith" | "join" | "format" | "format_map" | "__len__"
                | "__getitem__" | "__hash__" | "__contains__" | "__mul__" | "__rmul__"
                | "__mod__" | "__rmod__" | "__format__" | "__getnewargs__" | "__sizeof__"
                | "__class__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" => {
                    return None;
                }
                // Per-char passes (case mappings, searches by character index, tab expansion).
                "upper" | "lower" | "casefold" | "swapcase" | "title" | "capitalize" | "find"
                | "rfind" | "index" | "rindex" | "count" | "expandtabs" | "translate"
                | "encode" | "splitlines" | "split" | "rsplit" | "partition" | "rpartition"
                | "replace" | "center" | "ljust" | "rjust" | "zfill" => 12.0,
                _ => 4.0,
            };
            Some((s.len() + arg_bytes(), ns))
        }
        Value::Bytes(b) => {
            let ns = match name {
                "startswith" | "endswith" | "join" | "__len__" | "__getitem__" | "__hash__"
                | "__contains__" | "__mul__" | "__rmul__" | "__mod__" | "__rmod__" => return None,
                "hex" => 40.0,
                _ => 12.0,
            };
            Some((b.len() + arg_bytes(), ns))
        }
        Value::Set(x) => match name {
            "copy"
            | "union"
            | "intersection"
            | "difference"
            | "symmetric_difference"
            | "issubset"
            | "issuperset"
            | "isdisjoint"
            | "update"
            | "intersection_update"
            | "difference_update"
            | "symmetric_difference_update"
            | "__or__"
            | "__and__"
            | "__sub__"
            | "__xor__"
            | "__eq__"
            | "__le__"
            | "__ge__"
            | "__lt__"
            | "__gt__" => Some((x.items.len() + arg_items(), 60.0)),
            _ => None,
        },
        Value::Dict(d) => match name {
            "copy" | "__or__" | "__eq__" | "update" | "__ior__" => {
                Some((d.borrow().map().len() + arg_items(), 60.0))
            }
            _ => None,
        },
        // The list's own length is charged by `list_method`; a big argument copied in is sized here.
        Value::List(_) if matches!(name, "extend" | "__iadd__") => match args.first() {
            Some(Value::List(x)) => Some((x.borrow().len(), 4.0)),
            Some(Value::Tuple(x)) => Some((x.len(), 4.0)),
            _ => None,
        },
        _ => None,
    }
}

/// The exception `throw(typ[, val[, tb]])` raises: `val` when it is an instance, else `typ(val)`.
pub(crate) fn throw_args(it: &mut Interp, typ: Value, args: &[Value]) -> PyResult<Box<Exc>> {
    if args.len() > 3 {
        return Err(Exc::type_err(format!(
            "throw expected at most 3 arguments, got {}",
            args.len()
        )));
    }
    match (&typ, args.get(1)) {
        (Value::Class(_), Some(v)) if !matches!(v, Value::None) => {
            let v = match v {
                Value::Instance(_) => v.clone(),
                Value::Tuple(t) => it.call(&typ, t.to_vec(), Vec::new())?,
                other => it.call(&typ, vec![other.clone()], Vec::new())?,
            };
            it.exc_from_value(v)
        }
        (Value::Instance(_), Some(v)) if !matches!(v, Value::None) => Err(Exc::type_err(
            "instance exception may not have a separate value",
        )),
        _ => it.exc_from_value(typ),
    }
}

pub(crate) fn iter_method(
    it: &mut Interp,
    i: &Rc<RefCell<Iter>>,
    recv: &Value,
    name: &str,
    args: &[Value],
) -> PyResult<Value> {
    let (kind, op) = match &*i.borrow() {
        Iter::Generator(g) => (Some(g.kind), false),
        Iter::AsyncOp(_) => (None, true),
        _ => (None, false),
    };
    // A native iterator's own methods (`repeat(1).__length_hint__()`, `chain().from_iterable(x)`).
    if name != "__next__" && name != "__iter__" {
        let class = match &*i.borrow() {
            Iter::Native(n) => Some(n.class.clone()),
            _ => None,
        };
        if let Some(f) = class.as_ref().and_then(|c| c.lookup(name)) {
            let m = it.get_attr(recv, name).unwrap_or(f);
            return it.call(&m, args.to_vec(), Vec::new());
        }
    }
    if op {
        return match it.coro_method(i, recv, name, args)? {
            Some(v) => Ok(v),
            None => crate::dunders::call(it, recv, name, args, &[]),
        };
    }
    let is_gen = kind.is_some_and(|k| k != crate::interp::GenKind::AsyncGen);
    if matches!(
        kind,
        Some(crate::interp::GenKind::Coroutine | crate::interp::GenKind::AsyncGen)
    ) {
        if name == "__next__" {
            return Err(Exc::type_err(format!(
                "'{}' object is not an iterator",
                crate::builtins::iter_type_name(&i.borrow())
            )));
        }
        if let Some(v) = it.coro_method(i, recv, name, args)? {
            return Ok(v);
        }
    }
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
            let e = crate::methods::throw_args(it, exc, args)?;
            match it.throw_gen(i, e)? {
                Ok(v) => Ok(v),
                Err(ret) => Err(stop_iteration(ret)),
            }
        }
        _ => crate::dunders::call(it, recv, name, args, &[]),
    }
}

pub(crate) fn range_method(
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
            let i = to_index_of(it, x)?;
            Ok(Value::Int((i - r.0) / r.2))
        }
        _ => Err(it.attr_error(&Value::Range(r.clone()), name)),
    }
}

// ------------------------------------------------------------------------------------------- str
