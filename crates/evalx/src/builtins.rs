//! The `builtins` namespace: built-in types as classes, the exception hierarchy, the built-in functions,
//! class creation (MRO), instance construction, iterator stepping and the `math` module.

use crate::interp::{Exc, ExcKind, Frame, Interp, PyResult, Types};
use crate::methods::{kwarg, pos_or_kw};
use crate::num;
use crate::thin::RcStr;
use crate::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(RcStr, Value)];

fn class(name: &str, kind: Kind, bases: Vec<Rc<Class>>) -> Rc<Class> {
    let c = Rc::new(Class {
        name: name.into(),
        qualname: name.into(),
        bases: bases.clone(),
        mro: RefCell::new(Vec::new()),
        attrs: RefCell::new(Dict::new()),
        kind,
        module: "builtins".into(),
        flags: std::cell::Cell::new((0, false, false)),
        init_cache: RefCell::new(None),
    });
    let mut mro = vec![c.clone()];
    if let Some(b) = bases.first() {
        mro.extend(b.mro.borrow().iter().cloned());
    }
    *c.mro.borrow_mut() = mro;
    c
}

const EXC_TREE: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("PermissionError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
];

/// Creates the built-in classes.
pub fn make_types() -> Types {
    let object = class("object", Kind::Object, vec![]);
    let o = || vec![object.clone()];
    let int = class("int", Kind::Int, o());
    let mut exc: indexmap::IndexMap<&'static str, Rc<Class>> = indexmap::IndexMap::new();
    for (name, base) in EXC_TREE {
        let bases = if base.is_empty() {
            o()
        } else {
            vec![exc[base].clone()]
        };
        exc.insert(*name, class(name, Kind::Exception, bases));
    }
    for (n, k) in [
        ("dict_keys", Kind::Object),
        ("dict_values", Kind::Object),
        ("dict_items", Kind::Object),
    ] {
        exc.insert(n, class(n, k, o()));
    }
    exc.insert("property", class("property", Kind::Object, o()));
    for n in [
        "list_iterator",
        "tuple_iterator",
        "str_ascii_iterator",
        "range_iterator",
        "dict_keyiterator",
        "dict_valueiterator",
        "dict_itemiterator",
        "set_iterator",
        "enumerate",
        "zip",
        "map",
        "filter",
        "list_reverseiterator",
        "callable_iterator",
        "iterator",
    ] {
        exc.insert(n, class(n, Kind::Iterator, o()));
    }
    exc.insert("super", class("super", Kind::Object, o()));
    Types {
        type_: class("type", Kind::Type, o()),
        none: class("NoneType", Kind::NoneType, o()),
        bool_: class("bool", Kind::Bool, vec![int.clone()]),
        float: class("float", Kind::Float, o()),
        str_: class("str", Kind::Str, o()),
        bytes: class("bytes", Kind::Bytes, o()),
        list: class("list", Kind::List, o()),
        tuple: class("tuple", Kind::Tuple, o()),
        dict: class("dict", Kind::Dict, o()),
        set: class("set", Kind::Set, o()),
        frozenset: class("frozenset", Kind::FrozenSet, o()),
        range: class("range", Kind::Range, o()),
        function: class("function", Kind::Function, o()),
        builtin_function: class("builtin_function_or_method", Kind::BuiltinFunction, o()),
        method: class("method", Kind::Method, o()),
        module: class("module", Kind::Module, o()),
        iterator: class("iterator", Kind::Iterator, o()),
        generator: class("generator", Kind::Generator, o()),
        slice: class("slice", Kind::Slice, o()),
        ellipsis: class("ellipsis", Kind::Ellipsis, o()),
        notimpl: class("NotImplementedType", Kind::NotImplementedType, o()),
        int,
        exc,
        object,
    }
}

fn builtin(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name,
        func,
        this: None,
    }))
}

/// Fills the builtins dict.
pub fn install(it: &mut Interp) {
    let t = &it.types;
    let mut d = Dict::new();
    for c in [
        &t.object,
        &t.type_,
        &t.bool_,
        &t.int,
        &t.float,
        &t.str_,
        &t.bytes,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.range,
        &t.slice,
    ] {
        d.set_str(&c.name.clone(), Value::Class(c.clone()));
    }
    for (name, c) in &t.exc {
        if !name.starts_with("dict_") {
            d.set_str(name, Value::Class(c.clone()));
        }
    }
    t.object
        .attrs
        .borrow_mut()
        .set_str("__init__", builtin("__init__", object_init));
    let be = &t.exc["BaseException"];
    be.attrs
        .borrow_mut()
        .set_str("__init__", builtin("__init__", exc_init));
    be.attrs
        .borrow_mut()
        .set_str("__str__", builtin("__str__", exc_str_builtin));
    be.attrs
        .borrow_mut()
        .set_str("__repr__", builtin("__repr__", exc_repr_builtin));
    let fns: &[(&'static str, NativeFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("repr", b_repr),
        ("abs", b_abs),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("hasattr", b_hasattr),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("delattr", b_delattr),
        ("callable", b_callable),
        ("breakpoint", crate::debugger::breakpoint_builtin),
        ("chr", b_chr),
        ("ord", b_ord),
        ("hex", b_hex),
        ("bin", b_bin),
        ("oct", b_oct),
        ("hash", b_hash),
        ("id", b_id),
        ("iter", b_iter),
        ("next", b_next),
        ("enumerate", b_enumerate),
        ("zip", b_zip),
        ("map", b_map),
        ("filter", b_filter),
        ("sorted", b_sorted),
        ("reversed", b_reversed),
        ("min", b_min),
        ("max", b_max),
        ("sum", b_sum),
        ("any", b_any),
        ("all", b_all),
        ("round", b_round),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("format", b_format),
        ("staticmethod", b_staticmethod),
        ("classmethod", b_classmethod),
        ("property", b_property),
        ("locals", b_noframe),
        ("globals", b_noframe),
        ("eval", b_noframe),
        ("exec", b_noframe),
        ("super", b_noframe),
        ("dir", b_noframe),
        ("vars", b_noframe),
        ("ascii", b_ascii),
        ("help", crate::describe::b_help),
    ];
    for (n, f) in fns {
        d.set_str(n, builtin(n, *f));
    }
    d.set_str("None", Value::None);
    d.set_str("True", Value::bool(true));
    d.set_str("False", Value::bool(false));
    d.set_str("Ellipsis", Value::Ellipsis);
    d.set_str("NotImplemented", Value::NotImplemented);
    d.set_str("__name__", Value::str("builtins"));
    d.set_str("__doc__", Value::None);
    *it.builtins.borrow_mut() = d;
}

/// The type name CPython shows in messages.
pub fn type_name(v: &Value) -> String {
    match v {
        Value::None => "NoneType",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Big(_) => "int",
        Value::Float(_) => "float",
        Value::Str(_) => "str",
        Value::Bytes(_) => "bytes",
        Value::List(_) => "list",
        Value::Tuple(_) => "tuple",
        Value::Dict(_) => "dict",
        Value::Set(s) => {
            if s.frozen {
                "frozenset"
            } else {
                "set"
            }
        }
        Value::Range(_) => "range",
        Value::Func(_) => "function",
        Value::Builtin(_) => "builtin_function_or_method",
        Value::Bound(b) => {
            if matches!(b.1, Value::Str(_)) {
                "builtin_function_or_method"
            } else {
                "method"
            }
        }
        Value::Class(_) => "type",
        Value::Instance(i) => return i.class.name.to_string(),
        Value::Module(_) => "module",
        Value::Iter(i) => return iter_type_name(&i.borrow()).to_string(),
        Value::Slice(_) => "slice",
        Value::View(v) => ["dict_keys", "dict_values", "dict_items"][v.1.min(2) as usize],
        Value::Ellipsis => "ellipsis",
        Value::NotImplemented => "NotImplementedType",
        Value::Cell(_) => "cell",
        Value::Undef => "NULL",
        Value::Native(_) => "object",
    }
    .to_string()
}

/// The CPython type name of an iterator state.
pub fn iter_type_name(i: &Iter) -> &'static str {
    match i {
        Iter::Seq {
            seq: Value::List(_),
            ..
        } => "list_iterator",
        Iter::Seq {
            seq: Value::Tuple(_),
            ..
        } => "tuple_iterator",
        Iter::Seq { .. } => "iterator",
        Iter::Str { .. } => "str_ascii_iterator",
        Iter::Range { .. } => "range_iterator",
        Iter::DictKeys { what: 0, .. } => "dict_keyiterator",
        Iter::DictKeys { what: 1, .. } => "dict_valueiterator",
        Iter::DictKeys { .. } => "dict_itemiterator",
        Iter::SetItems { .. } => "set_iterator",
        Iter::Vec { .. } => "list_iterator",
        Iter::Enumerate { .. } => "enumerate",
        Iter::Zip { .. } => "zip",
        Iter::Map { .. } => "map",
        Iter::Filter { .. } => "filter",
        Iter::Reversed { .. } => "list_reverseiterator",
        Iter::Generator(_) => "generator",
        Iter::Callable { .. } => "callable_iterator",
        Iter::Done => "iterator",
    }
}

/// Number of elements of a range.
pub fn range_len(r: &(i64, i64, i64)) -> i64 {
    let (a, b, s) = *r;
    if s > 0 && a < b {
        ((b as i128 - a as i128 - 1) / s as i128 + 1) as i64
    } else if s < 0 && a > b {
        ((a as i128 - b as i128 - 1) / (-(s as i128)) + 1) as i64
    } else {
        0
    }
}

/// [`crate::methods::arity`] for builtins that also take no keyword arguments.
fn arity(name: &str, args: &[Value], kw: Kw<'_>, min: usize, max: usize) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(Exc::type_err(format!(
            "{name}() takes no keyword arguments"
        )));
    }
    crate::methods::arity(name, args, min, max)
}

/// Converts an index-like value to i64.
pub fn to_index(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(_) => Err(Exc::new(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))),
    }
}

fn only_kw(fname: &str, kw: Kw<'_>, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kw {
        if !allowed.contains(&&**k) {
            return Err(Exc::type_err(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------- functions

fn b_print(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("print", kw, &["sep", "end", "file", "flush"])?;
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
    let file = kwarg(kw, "file").cloned().unwrap_or(Value::None);
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
        Value::Set(s) => s.items.borrow().len() as i64,
        Value::Range(r) => range_len(r),
        Value::Instance(_) => {
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

fn b_len(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("len", args, kw, 1, 1)?;
    Ok(Value::Int(len_of(it, &args[0])?))
}

fn b_repr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("repr", args, kw, 1, 1)?;
    Ok(Value::Str(it.repr(&args[0])?.into()))
}

fn b_ascii(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("ascii", args, kw, 1, 1)?;
    let r = it.repr(&args[0])?;
    Ok(Value::Str(crate::format::ascii(&r).into()))
}

fn b_abs(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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

fn class_list(v: &Value, fname: &str) -> PyResult<Vec<Rc<Class>>> {
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

fn b_isinstance(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isinstance", args, kw, 2, 2)?;
    let t = it.type_of(&args[0]);
    let cs = class_list(&args[1], "isinstance")?;
    if cs.iter().any(|c| t.is_subclass(c)) {
        return Ok(Value::bool(true));
    }
    crate::stdlib::abc_check(it, &cs, &t).map(Value::bool)
}

fn b_issubclass(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("issubclass", args, kw, 2, 2)?;
    let Value::Class(a) = &args[0] else {
        return Err(Exc::type_err("issubclass() arg 1 must be a class"));
    };
    let cs = class_list(&args[1], "issubclass")?;
    if cs.iter().any(|c| a.is_subclass(c)) {
        return Ok(Value::bool(true));
    }
    crate::stdlib::abc_check(it, &cs, a).map(Value::bool)
}

fn attr_name(v: &Value, f: &str) -> PyResult<RcStr> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(Exc::type_err(format!(
            "{f}(): attribute name must be string, not '{}'",
            type_name(v)
        ))),
    }
}

fn b_hasattr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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

fn b_getattr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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

fn b_setattr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("setattr", args, kw, 3, 3)?;
    let n = attr_name(&args[1], "setattr")?;
    it.set_attr(&args[0], &n, args[2].clone())?;
    Ok(Value::None)
}

fn b_delattr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("delattr", args, kw, 2, 2)?;
    let n = attr_name(&args[1], "delattr")?;
    match &args[0] {
        Value::Instance(i) => {
            if i.dict.borrow_mut().remove(&Value::Str(n.clone())).is_none() {
                return Err(it.attr_error(&args[0], &n));
            }
            Ok(Value::None)
        }
        _ => Err(it.attr_error(&args[0], &n)),
    }
}

fn b_callable(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("callable", args, kw, 1, 1)?;
    Ok(Value::bool(match &args[0] {
        Value::Func(_) | Value::Builtin(_) | Value::Bound(_) | Value::Class(_) => true,
        v @ Value::Instance(_) => it.lookup_special(v, "__call__").is_some(),
        _ => false,
    }))
}

fn b_chr(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("chr", args, kw, 1, 1)?;
    let i = to_index(&args[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::Str(c.to_string().into())),
        None if (0xD800..0xE000).contains(&i) => Ok(Value::Str("\u{fffd}".into())),
        None => Err(Exc::value_err("chr() arg not in range(0x110000)")),
    }
}

fn b_ord(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("ord", args, kw, 1, 1)?;
    match &args[0] {
        Value::Str(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(Exc::type_err(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        v => Err(Exc::type_err(format!(
            "ord() expected string of length 1, but {} found",
            type_name(v)
        ))),
    }
}

fn radix(args: &[Value], kw: Kw<'_>, name: &str, r: u32, prefix: &str) -> PyResult<Value> {
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
fn b_hex(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    radix(args, kw, "hex", 16, "0x")
}
fn b_bin(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    radix(args, kw, "bin", 2, "0b")
}
fn b_oct(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    radix(args, kw, "oct", 8, "0o")
}

/// `hash(v)` as an int.
pub fn hash_of(it: &mut Interp, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => return Ok(if *i == -1 { -2 } else { *i }),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => {
            let i = f.get() as i64;
            return Ok(if i == -1 { -2 } else { i });
        }
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
    let h = hash_value(v);
    if crate::guard::take_tripped() {
        return Err(Exc::new(
            "RecursionError",
            "maximum recursion depth exceeded while calling a Python object",
        ));
    }
    Ok((h.unwrap_or(0) >> 1) as i64)
}

fn b_hash(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("hash", args, kw, 1, 1)?;
    Ok(Value::Int(hash_of(it, &args[0])?))
}

fn b_id(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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

fn b_iter(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("iter", args, kw, 1, 2)?;
    if args.len() == 2 {
        return Ok(Value::Iter(Rc::new(RefCell::new(Iter::Callable {
            f: args[0].clone(),
            sentinel: args[1].clone(),
        }))));
    }
    it.iter(&args[0])
}

fn b_next(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("next", args, kw, 1, 2)?;
    if !matches!(args[0], Value::Iter(_) | Value::Instance(_)) {
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

fn new_iter(i: Iter) -> Value {
    Value::Iter(Rc::new(RefCell::new(i)))
}

fn b_enumerate(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("enumerate", kw, &["start", "iterable"])?;
    let src = pos_or_kw(args, kw, 0, "iterable")
        .cloned()
        .ok_or_else(|| Exc::type_err("enumerate() missing required argument 'iterable' (pos 1)"))?;
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

fn b_zip(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("zip", kw, &["strict"])?;
    let strict = match kwarg(kw, "strict") {
        Some(v) => it.truthy(v)?,
        None => false,
    };
    let mut inners = Vec::new();
    for (i, a) in args.iter().enumerate() {
        match it.iter(a) {
            Ok(x) => inners.push(x),
            Err(_) => {
                return Err(Exc::type_err(format!(
                    "zip argument #{} must support iteration",
                    i + 1
                )));
            }
        }
    }
    Ok(new_iter(Iter::Zip { inners, strict }))
}

fn b_map(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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

fn b_filter(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("filter", args, kw, 2, 2)?;
    let inner = it.iter(&args[1])?;
    Ok(new_iter(Iter::Filter {
        f: args[0].clone(),
        inner,
    }))
}

/// Sorts values in place with an optional key function (stable, like CPython's timsort).
pub fn sort_values(
    it: &mut Interp,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    // n log n comparisons: work for the limits before it starts.
    let n = items.len() as u64;
    it.charge((n * (64 - n.leading_zeros() as u64)) >> 4)?;
    let keys: Vec<Value> = match key {
        Some(k) if !matches!(k, Value::None) => {
            let mut ks = Vec::with_capacity(items.len());
            for x in items.iter() {
                ks.push(it.call(k, vec![x.clone()], Vec::new())?);
            }
            ks
        }
        _ => items.clone(),
    };
    // Homogeneous int keys: sort (key, position) pairs, which is stable without a stable sort (the position
    // breaks ties), and without the key function the items are the keys themselves.
    if keys.iter().all(|k| matches!(k, Value::Int(_))) {
        let mut pairs: Vec<(i64, usize)> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (if let Value::Int(x) = k { *x } else { 0 }, i))
            .collect();
        if reverse {
            pairs.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        } else {
            pairs.sort_unstable();
        }
        if key.is_none_or(|k| matches!(k, Value::None)) {
            for (d, (x, _)) in items.iter_mut().zip(pairs) {
                *d = Value::Int(x);
            }
        } else {
            let old = std::mem::take(items);
            *items = pairs.into_iter().map(|(_, i)| old[i].clone()).collect();
        }
        return Ok(());
    }
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut err = None;
    // Fast path for homogeneous strs.
    if keys.iter().all(|k| matches!(k, Value::Str(_))) {
        idx.sort_by(|&a, &b| {
            let (Value::Str(x), Value::Str(y)) = (&keys[a], &keys[b]) else {
                return std::cmp::Ordering::Equal;
            };
            if reverse { y.cmp(x) } else { x.cmp(y) }
        });
    } else {
        // Merge sort driven by `<`, so errors propagate and user __lt__ works.
        let mut v = idx.clone();
        merge_sort(it, &mut v, &keys, reverse, &mut err);
        idx = v;
    }
    if let Some(e) = err {
        return Err(e);
    }
    let old = std::mem::take(items);
    *items = idx.into_iter().map(|i| old[i].clone()).collect();
    Ok(())
}

fn merge_sort(
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
    let (l, r) = (v[..mid].to_vec(), v[mid..].to_vec());
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < l.len() && j < r.len() {
        // take right first only if right < left (stability)
        let take_right = if err.is_some() {
            false
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
                    false
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

fn b_sorted(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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
    sort_values(it, &mut items, kwarg(kw, "key"), reverse)?;
    Ok(Value::list(items))
}

fn b_reversed(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("reversed", args, kw, 1, 1)?;
    let v = &args[0];
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) => {
            let n = len_of(it, v)? as usize;
            let seq = if let Value::Str(s) = v {
                Value::list(
                    s.chars()
                        .map(|c| Value::Str(c.to_string().into()))
                        .collect(),
                )
            } else {
                v.clone()
            };
            Ok(new_iter(Iter::Reversed { seq, idx: n }))
        }
        Value::Range(_) | Value::Dict(_) | Value::View(_) => {
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

fn minmax(
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
    let mut best = items[0].clone();
    let mut best_k = match &key {
        Some(k) => it.call(k, vec![best.clone()], Vec::new())?,
        None => best.clone(),
    };
    for x in items.into_iter().skip(1) {
        let kx = match &key {
            Some(k) => it.call(k, vec![x.clone()], Vec::new())?,
            None => x.clone(),
        };
        let better = if want_max {
            it.less(&best_k, &kx)?
        } else {
            it.less(&kx, &best_k)?
        };
        if better {
            best = x;
            best_k = kx;
        }
    }
    Ok(best)
}
fn b_min(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    minmax(it, args, kw, "min", false)
}
fn b_max(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    minmax(it, args, kw, "max", true)
}

fn b_sum(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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
        let items = l.borrow().clone();
        for x in items.iter() {
            acc = add_fast(it, acc, x)?;
        }
        return Ok(acc);
    }
    let src = it.iter(&args[0])?;
    while let Some(x) = it.next(&src)? {
        acc = add_fast(it, acc, &x)?;
    }
    Ok(acc)
}

fn add_fast(it: &mut Interp, acc: Value, x: &Value) -> PyResult<Value> {
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

fn b_any(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("any", args, kw, 1, 1)?;
    let src = it.iter(&args[0])?;
    while let Some(x) = it.next(&src)? {
        if it.truthy(&x)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn b_all(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("all", args, kw, 1, 1)?;
    let src = it.iter(&args[0])?;
    while let Some(x) = it.next(&src)? {
        if !it.truthy(&x)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn b_round(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("round", kw, &["number", "ndigits"])?;
    let x = pos_or_kw(args, kw, 0, "number")
        .cloned()
        .ok_or_else(|| Exc::type_err("round() missing required argument 'number' (pos 1)"))?;
    let nd = pos_or_kw(args, kw, 1, "ndigits")
        .cloned()
        .unwrap_or(Value::None);
    match (&x, &nd) {
        (Value::Float(f), Value::None) => float_to_int(f.round_ties_even()),
        (Value::Float(f), n) => Ok(Value::float(num::round_float(f.get(), to_index(n)?))),
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), Value::None) => Ok(match x {
            Value::Bool(b) => Value::Int(b as i64),
            other => other,
        }),
        (Value::Int(_) | Value::Big(_) | Value::Bool(_), n) => {
            let n = to_index(n)?;
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

fn b_divmod(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("divmod", args, kw, 2, 2)?;
    let (a, b) = (&args[0], &args[1]);
    if num::as_num(a).is_none() || num::as_num(b).is_none() {
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

fn b_pow(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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
    // Square-and-multiply: one modular product per exponent bit.
    let limbs = md.bits() / 64 + 1;
    it.charge(e.bits().saturating_mul(limbs.saturating_mul(limbs)) >> 6)?;
    let r = b.modpow(&e, &md);
    let r = if !r.is_zero() && (r.is_negative() != md.is_negative()) {
        r + &md
    } else {
        r
    };
    Ok(Value::from_big(r))
}

fn b_format(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
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

fn b_staticmethod(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("staticmethod", args, kw, 1, 1)?;
    Ok(Value::Builtin(Rc::new(Builtin {
        name: "<staticmethod>",
        func: b_call_wrapped,
        this: Some(args[0].clone()),
    })))
}
fn b_classmethod(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("classmethod", args, kw, 1, 1)?;
    Ok(Value::Builtin(Rc::new(Builtin {
        name: "<classmethod>",
        func: b_call_wrapped,
        this: Some(args[0].clone()),
    })))
}
fn b_call_wrapped(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let f = args[0].clone();
    it.call(&f, args[1..].to_vec(), kw.to_vec())
}

fn b_property(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("property", kw, &["fget", "fset", "fdel", "doc"])?;
    let cls = it.types.exc["property"].clone();
    let inst = Rc::new(Instance {
        class: cls,
        dict: RefCell::new(Dict::new()),
        hash: crate::value::no_user_hash(),
    });
    {
        let mut d = inst.dict.borrow_mut();
        for (i, n) in ["fget", "fset", "fdel", "doc"].iter().enumerate() {
            let v = pos_or_kw(args, kw, i, n).cloned().unwrap_or(Value::None);
            d.set_str(n, v);
        }
    }
    Ok(Value::Instance(inst))
}

fn property_with(it: &mut Interp, args: &[Value], slot: &str) -> PyResult<Value> {
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
fn b_prop_setter(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    property_with(it, args, "fset")
}
fn b_prop_getter(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    property_with(it, args, "fget")
}
fn b_prop_deleter(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    property_with(it, args, "fdel")
}

/// Attributes of property and super objects (both are internal built-in classes).
pub fn internal_attr(it: &mut Interp, inst: &Rc<Instance>, name: &str) -> PyResult<Option<Value>> {
    let this = Value::Instance(inst.clone());
    match &*inst.class.name {
        "property" => {
            let f: Option<NativeFn> = match name {
                "setter" => Some(b_prop_setter),
                "getter" => Some(b_prop_getter),
                "deleter" => Some(b_prop_deleter),
                _ => None,
            };
            Ok(f.map(|func| {
                Value::Builtin(Rc::new(Builtin {
                    name: "setter",
                    func,
                    this: Some(this),
                }))
            }))
        }
        "super" => {
            let d = inst.dict.borrow().clone();
            let (Some(Value::Class(thisclass)), Some(obj)) = (
                d.get_str("__thisclass__").cloned(),
                d.get_str("__self__").cloned(),
            ) else {
                return Ok(None);
            };
            let start = match &obj {
                Value::Class(c) => c.clone(),
                other => it.type_of(other),
            };
            let mro = start.mro.borrow().clone();
            let pos = mro
                .iter()
                .position(|c| Rc::ptr_eq(c, &thisclass))
                .map(|p| p + 1)
                .unwrap_or(mro.len());
            for c in &mro[pos..] {
                let v = c.attrs.borrow().get_str(name).cloned();
                if let Some(v) = v {
                    return Ok(Some(match v {
                        Value::Func(_) if !matches!(obj, Value::Class(_)) => {
                            Value::Bound(Rc::new((obj.clone(), v)))
                        }
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

fn b_noframe(_it: &mut Interp, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Err(Exc::new(
        "RuntimeError",
        "this builtin must be called directly by name (it needs the caller's frame)",
    ))
}

fn object_init(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if args.len() > 1 || !kw.is_empty() {
        let name = args.first().map(type_name).unwrap_or_default();
        return Err(Exc::type_err(format!("{name}() takes no arguments")));
    }
    Ok(Value::None)
}

fn exc_init(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(Value::Instance(i)) = args.first() {
        i.dict
            .borrow_mut()
            .set_str("args", Value::tuple(args[1..].to_vec()));
    }
    Ok(Value::None)
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
    let is_key = inst.class.is_subclass(&it.types.exc["KeyError"]);
    if inst.class.is_subclass(&it.types.exc["SyntaxError"]) {
        let d = inst.dict.borrow().clone();
        if let (Some(Value::Str(m)), Some(Value::Str(f)), Some(Value::Int(l))) =
            (d.get_str("msg"), d.get_str("filename"), d.get_str("lineno"))
        {
            return Ok(format!("{m} ({f}, line {l})"));
        }
    }
    match t.len() {
        0 => Ok(String::new()),
        1 if is_key => it.repr(&t[0]),
        1 => it.to_str(&t[0]),
        _ => it.repr(&Value::Tuple(t)),
    }
}

fn exc_str_builtin(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    match args.first() {
        Some(Value::Instance(i)) => Ok(Value::Str(exc_str(it, i)?.into())),
        _ => Err(Exc::type_err("descriptor '__str__' requires an exception")),
    }
}

fn exc_repr_builtin(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
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

/// Exception attributes that are not in the instance dict.
pub fn exc_attr(_it: &mut Interp, inst: &Rc<Instance>, name: &str) -> Option<Value> {
    match name {
        "args" => Some(Value::tuple(vec![])),
        "__cause__" | "__context__" | "__traceback__" => Some(Value::None),
        "value" if &*inst.class.name == "StopIteration" => {
            match inst.dict.borrow().get_str("args") {
                Some(Value::Tuple(t)) if !t.is_empty() => Some(t[0].clone()),
                _ => Some(Value::None),
            }
        }
        "code" if &*inst.class.name == "SystemExit" => match inst.dict.borrow().get_str("args") {
            Some(Value::Tuple(t)) if t.len() == 1 => Some(t[0].clone()),
            Some(Value::Tuple(t)) if t.len() > 1 => Some(Value::Tuple(t.clone())),
            _ => Some(Value::None),
        },
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------- frame builtins

/// The builtins that act on the calling frame.
pub fn frame_call(
    it: &mut Interp,
    name: &str,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
    fr: &mut Frame,
) -> PyResult<Value> {
    match name {
        "globals" => {
            arity("globals", &args, &kw, 0, 0)?;
            Ok(Value::Dict(fr.globals.clone()))
        }
        "locals" => {
            arity("locals", &args, &kw, 0, 0)?;
            Ok(Value::Dict(frame_locals_mut(fr)))
        }
        "vars" => {
            arity("vars", &args, &kw, 0, 1)?;
            match args.first() {
                None => Ok(Value::Dict(frame_locals_mut(fr))),
                Some(v) => match it.get_attr_opt(v, "__dict__")? {
                    Some(d) => Ok(d),
                    None => Err(Exc::type_err(
                        "vars() argument must have __dict__ attribute",
                    )),
                },
            }
        }
        "dir" => {
            if args.len() > 1 {
                return Err(Exc::type_err(format!(
                    "dir expected at most 1 argument, got {}",
                    args.len()
                )));
            }
            let mut names: Vec<String> = match args.first() {
                None => frame_locals(fr)
                    .borrow()
                    .map()
                    .keys()
                    .filter_map(|k| {
                        if let Value::Str(s) = &k.0 {
                            Some(s.to_string())
                        } else {
                            None
                        }
                    })
                    .collect(),
                Some(v) => crate::describe::dir_of(it, v)?,
            };
            names.sort();
            Ok(Value::list(
                names.into_iter().map(|s| Value::Str(s.into())).collect(),
            ))
        }
        "eval" | "exec" => eval_exec_builtin(it, name == "eval", args, kw, fr),
        "super" => {
            if !args.is_empty() {
                if args.len() != 2 {
                    return Err(Exc::type_err("super() takes 0 or 2 arguments in evalx"));
                }
                return make_super(it, args[0].clone(), args[1].clone());
            }
            let code = fr.code.clone();
            if code.nparams == 0 || fr.slots.is_empty() {
                return Err(Exc::new("RuntimeError", "super(): no arguments"));
            }
            let first = match &fr.slots[0] {
                Value::Cell(c) => c.borrow().clone(),
                v => v.clone(),
            };
            let start = match &first {
                Value::Class(c) => c.clone(),
                other => it.type_of(other),
            };
            let owner = start
                .mro
                .borrow()
                .iter()
                .find(|c| {
                    c.attrs.borrow().map().values().any(|v| match v {
                        Value::Func(f) => Rc::ptr_eq(&f.code, &code),
                        Value::Builtin(b) => {
                            matches!(&b.this, Some(Value::Func(f)) if Rc::ptr_eq(&f.code, &code))
                        }
                        Value::Instance(p) => p
                            .dict
                            .borrow()
                            .map()
                            .values()
                            .any(|x| matches!(x, Value::Func(f) if Rc::ptr_eq(&f.code, &code))),
                        _ => false,
                    })
                })
                .cloned();
            match owner {
                Some(c) => make_super(it, Value::Class(c), first),
                None => Err(Exc::new(
                    "RuntimeError",
                    "super(): __class__ cell not found",
                )),
            }
        }
        _ => Err(Exc::new("SystemError", "unknown frame builtin")),
    }
}

fn make_super(it: &mut Interp, cls: Value, obj: Value) -> PyResult<Value> {
    let sc = it.types.exc["super"].clone();
    let inst = Rc::new(Instance {
        class: sc,
        dict: RefCell::new(Dict::new()),
        hash: crate::value::no_user_hash(),
    });
    inst.dict.borrow_mut().set_str("__thisclass__", cls);
    inst.dict.borrow_mut().set_str("__self__", obj);
    Ok(Value::Instance(inst))
}

/// `locals()` of a frame: the namespace dict, or (in a function) the frame's cached locals dict refreshed
/// from the slots — the same dict on every call, as in CPython, so `exec` can leave names in it.
pub fn frame_locals_mut(fr: &mut Frame) -> Rc<RefCell<Dict>> {
    if fr.code.kind != crate::compile::ScopeKind::Function {
        return fr.locals.clone().unwrap_or_else(|| fr.globals.clone());
    }
    let fresh = frame_locals(fr);
    match &fr.locals {
        Some(cache) => {
            {
                let mut c = cache.borrow_mut();
                for n in fr.code.slot_names.iter() {
                    c.remove(&Value::Str(n.clone()));
                }
                for (k, v) in fresh.borrow().map().iter() {
                    c.map_mut().insert(k.clone(), v.clone());
                }
            }
            cache.clone()
        }
        None => {
            fr.locals = Some(fresh.clone());
            fresh
        }
    }
}

/// A fresh snapshot of a frame's locals (the namespace dict for module and class frames).
pub fn frame_locals(fr: &Frame) -> Rc<RefCell<Dict>> {
    if fr.code.kind != crate::compile::ScopeKind::Function {
        return fr.locals.clone().unwrap_or_else(|| fr.globals.clone());
    }
    let mut d = Dict::new();
    for (i, n) in fr.code.slot_names.iter().enumerate() {
        if n.starts_with('.') {
            continue;
        }
        let v = match &fr.slots[i] {
            Value::Cell(c) => c.borrow().clone(),
            v => v.clone(),
        };
        if !matches!(v, Value::Undef) {
            d.set_str(n, v);
        }
    }
    Rc::new(RefCell::new(d))
}

fn eval_exec_builtin(
    it: &mut Interp,
    is_eval: bool,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
    fr: &mut Frame,
) -> PyResult<Value> {
    let fname = if is_eval { "eval" } else { "exec" };
    only_kw(fname, &kw, &["globals", "locals"])?;
    if args.is_empty() || args.len() > 3 {
        return Err(Exc::type_err(format!(
            "{fname} expected at least 1 argument, got {}",
            args.len()
        )));
    }
    let src = match &args[0] {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => match crate::decode_source(b) {
            Ok(s) => s,
            Err(e) => return Err(syntax_exc(it, e)),
        },
        _ => {
            return Err(Exc::type_err(format!(
                "{fname}() arg 1 must be a string, bytes or code object"
            )));
        }
    };
    let g = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "globals").cloned())
        .unwrap_or(Value::None);
    let l = args
        .get(2)
        .cloned()
        .or_else(|| kwarg(&kw, "locals").cloned())
        .unwrap_or(Value::None);
    let globals = match &g {
        Value::None => None,
        Value::Dict(d) => Some(d.clone()),
        other => {
            return Err(Exc::type_err(if is_eval {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                format!("exec() globals must be a dict, not {}", type_name(other))
            }));
        }
    };
    let locals = match &l {
        Value::None => None,
        Value::Dict(d) => Some(d.clone()),
        other => {
            return Err(Exc::type_err(format!(
                "locals must be a mapping, not {}",
                type_name(other)
            )));
        }
    };
    let (globals, locals) = match (globals, locals) {
        (Some(g), l) => (g, l),
        (None, l) => {
            let g = fr.globals.clone();
            let l = l.or_else(|| {
                let fl = frame_locals_mut(fr);
                if Rc::ptr_eq(&fl, &g) { None } else { Some(fl) }
            });
            (g, l)
        }
    };
    crate::run_source(it, &src, is_eval, globals, locals, "<string>").map_err(|e| match e {
        crate::RunError::Exc(x) => x,
        crate::RunError::Syntax(s) => syntax_exc(it, s),
    })
}

/// A Python `SyntaxError` instance from a parse error.
pub fn syntax_exc(it: &mut Interp, s: crate::error::SyntaxError) -> Box<Exc> {
    let ty = s.type_name();
    if s.kind == crate::error::SyntaxKind::Recursion {
        return Exc::new("RecursionError", s.msg);
    }
    let cls = it.types.exc[ty].clone();
    let inst = Rc::new(Instance {
        class: cls,
        dict: RefCell::new(Dict::new()),
        hash: crate::value::no_user_hash(),
    });
    {
        let mut d = inst.dict.borrow_mut();
        let details = Value::tuple(vec![
            Value::Str(s.filename.clone().into()),
            Value::Int(s.lineno as i64),
            Value::Int(s.offset as i64),
            Value::Str(s.text.clone().into()),
            Value::Int(s.lineno as i64),
            Value::Int(s.end_offset as i64),
        ]);
        d.set_str(
            "args",
            Value::tuple(vec![Value::Str(s.msg.clone().into()), details]),
        );
        d.set_str("msg", Value::Str(s.msg.clone().into()));
        d.set_str("lineno", Value::Int(s.lineno as i64));
        d.set_str("offset", Value::Int(s.offset as i64));
        d.set_str("end_offset", Value::Int(s.end_offset as i64));
        d.set_str("text", Value::Str(s.text.clone().into()));
        d.set_str("filename", Value::Str(s.filename.clone().into()));
    }
    // str(SyntaxError) is "msg (file, line N)": store a __str__-compatible args override via a class attr is
    // not possible for built-ins, so keep args[0] = msg and let exc_str special-case SyntaxError below.
    Box::new(crate::interp::Exc {
        kind: ExcKind::Obj(inst),
        tb: Vec::new(),
        context: None,
        cause: None,
        suppress_context: false,
    })
}

// ---------------------------------------------------------------------------------------- classes

fn c3(bases: &[Rc<Class>]) -> PyResult<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro.borrow().clone()).collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = &s[0];
            if !seqs
                .iter()
                .any(|t| t[1..].iter().any(|x| Rc::ptr_eq(x, cand)))
            {
                found = Some(cand.clone());
                break;
            }
        }
        let Some(c) = found else {
            return Err(Exc::type_err(
                "Cannot create a consistent method resolution order (MRO)",
            ));
        };
        for s in &mut seqs {
            if Rc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Creates a user class.
pub fn new_class(
    it: &mut Interp,
    name: RcStr,
    qualname: RcStr,
    mut bases: Vec<Rc<Class>>,
    dict: Dict,
) -> PyResult<Value> {
    let exc_base = it.types.exc["BaseException"].clone();
    let mut kind = Kind::User;
    for b in &bases {
        match b.kind {
            Kind::Exception => kind = Kind::Exception,
            Kind::User | Kind::Object => {}
            _ => {
                return Err(Exc::type_err(format!(
                    "evalx does not support subclassing the built-in type '{}'",
                    b.name
                )));
            }
        }
    }
    if bases.iter().any(|b| b.is_subclass(&exc_base)) {
        kind = Kind::Exception;
    }
    if bases.is_empty() {
        bases.push(it.types.object.clone());
    }
    let module = match dict.get_str("__module__") {
        Some(Value::Str(s)) => s.clone(),
        _ => "builtins".into(),
    };
    let c = Rc::new(Class {
        name,
        qualname,
        bases: bases.clone(),
        mro: RefCell::new(Vec::new()),
        attrs: RefCell::new(dict),
        kind,
        module,
        flags: std::cell::Cell::new((0, false, false)),
        init_cache: RefCell::new(None),
    });
    let mut mro = vec![c.clone()];
    mro.extend(c3(&bases)?);
    *c.mro.borrow_mut() = mro;
    // A new class may sit where a freed one was: caches keyed by class address must not see it as the old.
    crate::value::bump_class_epoch();
    // A class that defines __eq__ without __hash__ is unhashable, as in CPython.
    let has_eq = c.attrs.borrow().get_str("__eq__").is_some();
    let has_hash = c.attrs.borrow().get_str("__hash__").is_some();
    if has_eq && !has_hash {
        c.attrs.borrow_mut().set_str("__hash__", Value::None);
    }
    Ok(Value::Class(c))
}

/// Calls a class: built-in constructors, or instance creation + `__init__` for user classes.
pub fn construct(
    it: &mut Interp,
    c: &Rc<Class>,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    thread_local! {
        static INIT_H: u64 = crate::value::str_key_hash("__init__");
    }
    // Fast path: a user class whose `__init__` is a plain Python function.
    if c.kind == Kind::User {
        if let Some(init @ Value::Func(_)) = c.lookup_init(INIT_H.with(|h| *h)) {
            let v = Value::Instance(Rc::new(Instance {
                class: c.clone(),
                dict: Instance::new_dict(),
                hash: crate::value::no_user_hash(),
            }));
            let mut a = args;
            a.insert(0, v.clone());
            let r = match &init {
                Value::Func(f) => it.call_function(f, a, kw)?,
                _ => Value::None,
            };
            if !matches!(r, Value::None) {
                return Err(Exc::type_err(format!(
                    "__init__() should return None, not '{}'",
                    type_name(&r)
                )));
            }
            return Ok(v);
        }
    }
    match c.kind {
        Kind::User | Kind::Exception | Kind::Object
            if !matches!(&*c.name, "property" | "super") || c.kind != Kind::Object =>
        {
            if c.kind == Kind::Object && c.bases.is_empty() {
                arity("object", &args, &kw, 0, 0)
                    .map_err(|_| Exc::type_err("object() takes no arguments"))?;
            }
            // Most instances get a few attributes in __init__: the dict is sized for them (or reused).
            let inst = Rc::new(Instance {
                class: c.clone(),
                dict: Instance::new_dict(),
                hash: crate::value::no_user_hash(),
            });
            if c.kind == Kind::Exception {
                inst.dict
                    .borrow_mut()
                    .set_str("args", Value::tuple(args.clone()));
            }
            let v = Value::Instance(inst);
            thread_local! {
                static INIT_HASH: u64 = crate::value::str_key_hash("__init__");
            }
            if let Some(init) = c.lookup_h("__init__", INIT_HASH.with(|h| *h)) {
                let is_default_exc_init = matches!(&init, Value::Builtin(b) if b.name == "__init__")
                    && c.kind == Kind::Exception;
                if !is_default_exc_init {
                    let mut a = Vec::with_capacity(args.len() + 1);
                    a.push(v.clone());
                    a.extend(args);
                    let r = match &init {
                        Value::Builtin(b) if b.name == "__init__" && c.kind != Kind::Exception => {
                            if a.len() > 1 || !kw.is_empty() {
                                return Err(Exc::type_err(format!(
                                    "{}() takes no arguments",
                                    c.name
                                )));
                            }
                            Value::None
                        }
                        _ => it.call(&init, a, kw)?,
                    };
                    if !matches!(r, Value::None) {
                        return Err(Exc::type_err(format!(
                            "__init__() should return None, not '{}'",
                            type_name(&r)
                        )));
                    }
                } else if !kw.is_empty() {
                    return Err(Exc::type_err(format!(
                        "{}() takes no keyword arguments",
                        c.name
                    )));
                }
            }
            Ok(v)
        }
        Kind::Object if &*c.name == "property" => b_property(it, &args, &kw),
        Kind::Object => make_super(
            it,
            args.first().cloned().unwrap_or(Value::None),
            args.get(1).cloned().unwrap_or(Value::None),
        ),
        _ => crate::methods::construct_builtin(it, c, args, kw),
    }
}

// ---------------------------------------------------------------------------------------- iterators

/// Advances an iterator: `Ok(Ok(v))` yields, `Ok(Err(ret))` ends (ret = a generator's return value).
pub fn iter_next(it: &mut Interp, r: &Rc<RefCell<Iter>>) -> PyResult<Result<Value, Value>> {
    let mut b = r.borrow_mut();
    let end = Ok(Err(Value::None));
    match &mut *b {
        Iter::Range { cur, stop, step } => {
            if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                let v = *cur;
                *cur = cur.saturating_add(*step);
                if v == *cur {
                    *cur = *stop;
                }
                Ok(Ok(Value::Int(v)))
            } else {
                end
            }
        }
        Iter::Seq { seq, idx } => {
            let i = *idx;
            let v = match seq {
                Value::List(l) => l.borrow().get(i).cloned(),
                Value::Tuple(t) => t.get(i).cloned(),
                Value::Bytes(bs) => bs.get(i).map(|x| Value::Int(*x as i64)),
                Value::Instance(_) => {
                    let s = seq.clone();
                    drop(b);
                    return match it.get_item(&s, &Value::Int(i as i64)) {
                        Ok(v) => {
                            if let Iter::Seq { idx, .. } = &mut *r.borrow_mut() {
                                *idx += 1;
                            }
                            Ok(Ok(v))
                        }
                        Err(e)
                            if it.exc_class(&e).is_subclass(&it.types.exc["IndexError"])
                                || it.exc_class(&e).is_subclass(&it.types.exc["StopIteration"]) =>
                        {
                            *r.borrow_mut() = Iter::Done;
                            Ok(Err(Value::None))
                        }
                        Err(e) => Err(e),
                    };
                }
                _ => None,
            };
            match v {
                Some(v) => {
                    *idx += 1;
                    Ok(Ok(v))
                }
                None => {
                    *b = Iter::Done;
                    end
                }
            }
        }
        Iter::Str { s, byte } => match s[*byte..].chars().next() {
            Some(c) => {
                *byte += c.len_utf8();
                let mut buf = [0u8; 4];
                Ok(Ok(Value::Str((&*c.encode_utf8(&mut buf)).into())))
            }
            None => end,
        },
        Iter::DictKeys { d, idx, len, what } => {
            let dd = d.borrow();
            if dd.map().len() != *len {
                return Err(Exc::new(
                    "RuntimeError",
                    "dictionary changed size during iteration",
                ));
            }
            match dd.map().get_index(*idx) {
                Some((k, v)) => {
                    *idx += 1;
                    Ok(Ok(match what {
                        0 => k.0.clone(),
                        1 => v.clone(),
                        _ => Value::tuple(vec![k.0.clone(), v.clone()]),
                    }))
                }
                None => end,
            }
        }
        Iter::SetItems { set, items, idx }
            if set
                .as_ref()
                .is_some_and(|s| s.items.borrow().len() != items.len()) =>
        {
            // Exhausted from here on, as CPython's iterator is after the error.
            *set = None;
            *items = Vec::new();
            *idx = 0;
            Err(Exc::new(
                "RuntimeError",
                "Set changed size during iteration",
            ))
        }
        Iter::SetItems { items, idx, .. } => match items.get(*idx) {
            Some(v) => {
                *idx += 1;
                Ok(Ok(v.clone()))
            }
            None => end,
        },
        Iter::Vec { items } => match items.next() {
            Some(v) => Ok(Ok(v)),
            None => end,
        },
        Iter::Reversed { seq, idx } => {
            if *idx == 0 {
                return end;
            }
            *idx -= 1;
            let i = *idx;
            let s = seq.clone();
            drop(b);
            match &s {
                Value::List(l) => Ok(l
                    .borrow()
                    .get(i)
                    .cloned()
                    .map(Ok)
                    .unwrap_or(Err(Value::None))),
                Value::Tuple(t) => Ok(t.get(i).cloned().map(Ok).unwrap_or(Err(Value::None))),
                Value::Bytes(bs) => Ok(bs
                    .get(i)
                    .map(|x| Ok(Value::Int(*x as i64)))
                    .unwrap_or(Err(Value::None))),
                _ => it.get_item(&s, &Value::Int(i as i64)).map(Ok),
            }
        }
        Iter::Enumerate { inner, n } => {
            let inner = inner.clone();
            let cur = n.clone();
            drop(b);
            match it.next(&inner)? {
                Some(v) => {
                    let nx = it.binop(&cur, crate::ast::BinOp::Add, &Value::Int(1))?;
                    if let Iter::Enumerate { n, .. } = &mut *r.borrow_mut() {
                        *n = nx;
                    }
                    Ok(Ok(Value::tuple(vec![cur, v])))
                }
                None => Ok(Err(Value::None)),
            }
        }
        Iter::Zip { inners, strict } => {
            let inners = inners.clone();
            let strict = *strict;
            drop(b);
            if inners.is_empty() {
                return Ok(Err(Value::None));
            }
            let mut out = Vec::with_capacity(inners.len());
            for (i, x) in inners.iter().enumerate() {
                match it.next(x)? {
                    Some(v) => out.push(v),
                    None => {
                        if strict {
                            if i > 0 {
                                return Err(Exc::value_err(format!(
                                    "zip() argument {} is shorter than argument{} {}",
                                    i + 1,
                                    if i == 1 { "" } else { "s" },
                                    if i == 1 {
                                        "1".to_string()
                                    } else {
                                        format!("1-{i}")
                                    }
                                )));
                            }
                            for (j, y) in inners.iter().enumerate().skip(1) {
                                if it.next(y)?.is_some() {
                                    return Err(Exc::value_err(format!(
                                        "zip() argument {} is longer than argument{} {}",
                                        j + 1,
                                        if j == 1 { "" } else { "s" },
                                        if j == 1 {
                                            "1".to_string()
                                        } else {
                                            format!("1-{j}")
                                        }
                                    )));
                                }
                            }
                        }
                        *r.borrow_mut() = Iter::Done;
                        return Ok(Err(Value::None));
                    }
                }
            }
            Ok(Ok(Value::tuple(out)))
        }
        Iter::Map { f, inners } => {
            let f = f.clone();
            let inners = inners.clone();
            drop(b);
            let mut args = Vec::with_capacity(inners.len());
            for x in &inners {
                match it.next(x)? {
                    Some(v) => args.push(v),
                    None => return Ok(Err(Value::None)),
                }
            }
            it.call(&f, args, Vec::new()).map(Ok)
        }
        Iter::Filter { f, inner } => {
            let f = f.clone();
            let inner = inner.clone();
            drop(b);
            while let Some(v) = it.next(&inner)? {
                let keep = if matches!(f, Value::None) {
                    it.truthy(&v)?
                } else {
                    let r = it.call(&f, vec![v.clone()], Vec::new())?;
                    it.truthy(&r)?
                };
                if keep {
                    return Ok(Ok(v));
                }
            }
            Ok(Err(Value::None))
        }
        Iter::Callable { f, sentinel } => {
            let f = f.clone();
            let s = sentinel.clone();
            drop(b);
            let v = it.call(&f, Vec::new(), Vec::new())?;
            if it.eq(&v, &s)? {
                *r.borrow_mut() = Iter::Done;
                return Ok(Err(Value::None));
            }
            Ok(Ok(v))
        }
        Iter::Generator(_) => {
            drop(b);
            it.resume_gen(r, Value::None)
        }
        Iter::Done => end,
    }
}

// ---------------------------------------------------------------------------------------- math

fn m_arg(args: &[Value], i: usize, name: &str) -> PyResult<f64> {
    let v = args
        .get(i)
        .ok_or_else(|| Exc::type_err(format!("{name}() takes exactly one argument (0 given)")))?;
    match num::to_f64(v)? {
        Some(f) => Ok(f),
        None => Err(Exc::type_err(format!(
            "must be real number, not {}",
            type_name(v)
        ))),
    }
}

fn math_domain() -> Box<Exc> {
    Exc::value_err("math domain error")
}

macro_rules! math1 {
    ($name:ident, $pyname:expr, |$x:ident| $body:expr) => {
        fn $name(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
            arity($pyname, args, kw, 1, 1)?;
            let $x = m_arg(args, 0, $pyname)?;
            let r: PyResult<f64> = $body;
            Ok(Value::float(r?))
        }
    };
}

math1!(m_sqrt, "sqrt", |x| if x < 0.0 {
    Err(math_domain())
} else {
    Ok(x.sqrt())
});
math1!(m_exp, "exp", |x| {
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        Err(Exc::new("OverflowError", "math range error"))
    } else {
        Ok(r)
    }
});
math1!(m_sin, "sin", |x| if x.is_infinite() {
    Err(math_domain())
} else {
    Ok(x.sin())
});
math1!(m_cos, "cos", |x| if x.is_infinite() {
    Err(math_domain())
} else {
    Ok(x.cos())
});
math1!(m_tan, "tan", |x| if x.is_infinite() {
    Err(math_domain())
} else {
    Ok(x.tan())
});
math1!(m_asin, "asin", |x| if !(-1.0..=1.0).contains(&x) {
    Err(math_domain())
} else {
    Ok(x.asin())
});
math1!(m_acos, "acos", |x| if !(-1.0..=1.0).contains(&x) {
    Err(math_domain())
} else {
    Ok(x.acos())
});
math1!(m_atan, "atan", |x| Ok(x.atan()));
math1!(m_sinh, "sinh", |x| Ok(x.sinh()));
math1!(m_cosh, "cosh", |x| Ok(x.cosh()));
math1!(m_tanh, "tanh", |x| Ok(x.tanh()));
math1!(m_log10, "log10", |x| if x <= 0.0 {
    Err(math_domain())
} else {
    Ok(x.log10())
});
math1!(m_log2, "log2", |x| if x <= 0.0 {
    Err(math_domain())
} else {
    Ok(x.log2())
});
math1!(m_fabs, "fabs", |x| Ok(x.abs()));
math1!(m_degrees, "degrees", |x| Ok(x.to_degrees()));
math1!(m_radians, "radians", |x| Ok(x.to_radians()));
math1!(m_expm1, "expm1", |x| Ok(x.exp_m1()));
math1!(m_log1p, "log1p", |x| if x <= -1.0 {
    Err(math_domain())
} else {
    Ok(x.ln_1p())
});

fn m_log(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("log", args, kw, 1, 2)?;
    let ln = |v: &Value| -> PyResult<f64> {
        if let Value::Big(b) = v {
            if b.is_positive() {
                let bits = b.bits() as i64;
                let shift = (bits - 60).max(0);
                let top = (&**b >> shift as usize).to_f64().unwrap_or(1.0);
                return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
            }
        }
        let x = m_arg(std::slice::from_ref(v), 0, "log")?;
        if x <= 0.0 {
            Err(math_domain())
        } else {
            Ok(x.ln())
        }
    };
    let _ = it;
    let a = ln(&args[0])?;
    if let Some(b) = args.get(1) {
        let lb = ln(b)?;
        if lb == 0.0 {
            return Err(Exc::new("ZeroDivisionError", "float division by zero"));
        }
        return Ok(Value::float(a / lb));
    }
    Ok(Value::float(a))
}

fn m_pow(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("pow", args, kw, 2, 2)?;
    let (x, y) = (m_arg(args, 0, "pow")?, m_arg(args, 1, "pow")?);
    if x == 0.0 && y < 0.0 || x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(math_domain());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(Exc::new("OverflowError", "math range error"));
    }
    Ok(Value::float(r))
}

fn m_atan2(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("atan2", args, kw, 2, 2)?;
    Ok(Value::float(
        m_arg(args, 0, "atan2")?.atan2(m_arg(args, 1, "atan2")?),
    ))
}
fn m_hypot(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut s = 0.0f64;
    for i in 0..args.len() {
        let x = m_arg(args, i, "hypot")?;
        s = s.hypot(x);
    }
    Ok(Value::float(s))
}
fn m_fmod(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("fmod", args, kw, 2, 2)?;
    let (x, y) = (m_arg(args, 0, "fmod")?, m_arg(args, 1, "fmod")?);
    if y == 0.0 {
        return Err(math_domain());
    }
    Ok(Value::float(x % y))
}
fn m_copysign(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("copysign", args, kw, 2, 2)?;
    Ok(Value::float(
        m_arg(args, 0, "copysign")?.copysign(m_arg(args, 1, "copysign")?),
    ))
}

/// An integral float as an int (exactly, through a bigint when it is large), or CPython's error for NaN and
/// infinities.
pub(crate) fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(Exc::value_err("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(Exc::new(
            "OverflowError",
            "cannot convert float infinity to integer",
        ));
    }
    if f.abs() < 9.0e18 {
        return Ok(Value::Int(f as i64));
    }
    Ok(Value::from_big(float_to_big(f)))
}

/// Converts an integral float exactly to a BigInt.
pub fn float_to_big(f: f64) -> BigInt {
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
    let m = BigInt::from(mant);
    let v = if exp >= 0 {
        m << exp as usize
    } else {
        m >> (-exp) as usize
    };
    if f < 0.0 { -v } else { v }
}

fn m_round_fn(args: &[Value], kw: Kw<'_>, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    arity(name, args, kw, 1, 1)?;
    match &args[0] {
        Value::Int(_) | Value::Big(_) => Ok(args[0].clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => float_to_int(f(m_arg(args, 0, name)?)),
    }
}
fn m_floor(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    m_round_fn(args, kw, "floor", f64::floor)
}
fn m_ceil(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    m_round_fn(args, kw, "ceil", f64::ceil)
}
fn m_trunc(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    m_round_fn(args, kw, "trunc", f64::trunc)
}

fn m_int_args(args: &[Value], _name: &str) -> PyResult<Vec<BigInt>> {
    args.iter()
        .map(|a| {
            num::to_big(a).ok_or_else(|| {
                Exc::type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(a)
                ))
            })
        })
        .collect::<PyResult<Vec<_>>>()
}

fn m_gcd(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let xs = m_int_args(args, "gcd")?;
    let mut g = BigInt::zero();
    for x in xs {
        g = num_integer::Integer::gcd(&g, &x);
    }
    Ok(Value::from_big(g))
}
fn m_lcm(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let xs = m_int_args(args, "lcm")?;
    let mut l = BigInt::from(1);
    for x in xs {
        if x.is_zero() {
            return Ok(Value::Int(0));
        }
        l = num_integer::Integer::lcm(&l, &x);
    }
    Ok(Value::from_big(l))
}
fn m_factorial(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("factorial", args, kw, 1, 1)?;
    if let Value::Float(_) = args[0] {
        return Err(Exc::type_err(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = to_index(&args[0])?;
    if n < 0 {
        return Err(Exc::value_err(
            "factorial() not defined for negative values",
        ));
    }
    if n > 100_000 {
        return Err(Exc::new(
            "OverflowError",
            "factorial() argument too large for evalx",
        ));
    }
    let mut r = BigInt::from(1);
    for i in 2..=n {
        r *= i;
    }
    Ok(Value::from_big(r))
}
fn m_comb(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("comb", args, kw, 2, 2)?;
    let (n, k) = (to_index(&args[0])?, to_index(&args[1])?);
    if n < 0 || k < 0 {
        return Err(Exc::value_err(if n < 0 {
            "n must be a non-negative integer"
        } else {
            "k must be a non-negative integer"
        }));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k);
    let mut r = BigInt::from(1);
    for i in 0..k {
        r = r * (n - i) / (i + 1);
    }
    Ok(Value::from_big(r))
}
fn m_perm(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("perm", args, kw, 1, 2)?;
    let n = to_index(&args[0])?;
    let k = match args.get(1) {
        Some(Value::None) | None => n,
        Some(v) => to_index(v)?,
    };
    if n < 0 || k < 0 {
        return Err(Exc::value_err(if n < 0 {
            "n must be a non-negative integer"
        } else {
            "k must be a non-negative integer"
        }));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut r = BigInt::from(1);
    for i in 0..k {
        r *= n - i;
    }
    Ok(Value::from_big(r))
}
fn m_isqrt(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isqrt", args, kw, 1, 1)?;
    let n = m_int_args(args, "isqrt")?.remove(0);
    if n.is_negative() {
        return Err(Exc::value_err("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_big(n.sqrt()))
}
fn m_isfinite(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isfinite", args, kw, 1, 1)?;
    Ok(Value::bool(m_arg(args, 0, "isfinite")?.is_finite()))
}
fn m_isinf(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isinf", args, kw, 1, 1)?;
    Ok(Value::bool(m_arg(args, 0, "isinf")?.is_infinite()))
}
fn m_isnan(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isnan", args, kw, 1, 1)?;
    Ok(Value::bool(m_arg(args, 0, "isnan")?.is_nan()))
}
fn m_isclose(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("isclose", kw, &["rel_tol", "abs_tol"])?;
    if args.len() != 2 {
        return Err(Exc::type_err(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        )));
    }
    let (a, b) = (m_arg(args, 0, "isclose")?, m_arg(args, 1, "isclose")?);
    let rel = match kwarg(kw, "rel_tol") {
        Some(v) => m_arg(std::slice::from_ref(v), 0, "isclose")?,
        None => 1e-9,
    };
    let abs_tol = match kwarg(kw, "abs_tol") {
        Some(v) => m_arg(std::slice::from_ref(v), 0, "isclose")?,
        None => 0.0,
    };
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(Exc::value_err("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::bool(false));
    }
    let d = (a - b).abs();
    Ok(Value::bool(
        d <= (rel * b).abs() || d <= (rel * a).abs() || d <= abs_tol,
    ))
}
fn m_fsum(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("fsum", args, kw, 1, 1)?;
    let items = it.collect(&args[0])?;
    // Neumaier summation (exact enough for typical inputs).
    let (mut s, mut c) = (0.0f64, 0.0f64);
    for v in &items {
        let x = m_arg(std::slice::from_ref(v), 0, "fsum")?;
        let t = s + x;
        if s.abs() >= x.abs() {
            c += (s - t) + x
        } else {
            c += (x - t) + s
        }
        s = t;
    }
    Ok(Value::float(s + c))
}
fn m_prod(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("prod", kw, &["start"])?;
    let items = it
        .collect(args.first().ok_or_else(|| {
            Exc::type_err("prod() takes exactly 1 positional argument (0 given)")
        })?)?;
    let mut acc = kwarg(kw, "start").cloned().unwrap_or(Value::Int(1));
    for x in &items {
        acc = it.binop(&acc, crate::ast::BinOp::Mul, x)?;
    }
    Ok(acc)
}
fn m_dist(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("dist", args, kw, 2, 2)?;
    let (Value::Tuple(_) | Value::List(_), Value::Tuple(_) | Value::List(_)) = (&args[0], &args[1])
    else {
        return Err(Exc::type_err("dist(): both points must be sequences"));
    };
    let get = |v: &Value| -> Vec<Value> {
        match v {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().0.clone(),
            _ => vec![],
        }
    };
    let (p, q) = (get(&args[0]), get(&args[1]));
    if p.len() != q.len() {
        return Err(Exc::value_err(
            "both points must have the same number of dimensions",
        ));
    }
    let mut s = 0.0f64;
    for (a, b) in p.iter().zip(q.iter()) {
        let d =
            m_arg(std::slice::from_ref(a), 0, "dist")? - m_arg(std::slice::from_ref(b), 0, "dist")?;
        s = s.hypot(d);
    }
    Ok(Value::float(s))
}
fn m_modf(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("modf", args, kw, 1, 1)?;
    let x = m_arg(args, 0, "modf")?;
    Ok(Value::tuple(vec![
        Value::float(x.fract()),
        Value::float(x.trunc()),
    ]))
}

/// Creates a module by name (only `math` is available; the host decides what else can be reached).
pub fn make_module(it: &mut Interp, name: &str) -> Option<Value> {
    if name == "pdb" || name == "ipdb" {
        return Some(crate::debugger::debugger_module(it, name));
    }
    if name != "math" {
        return None;
    }
    let mut d = Dict::new();
    let fns: &[(&'static str, NativeFn)] = &[
        ("sqrt", m_sqrt),
        ("exp", m_exp),
        ("expm1", m_expm1),
        ("log", m_log),
        ("log10", m_log10),
        ("log2", m_log2),
        ("log1p", m_log1p),
        ("pow", m_pow),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("hypot", m_hypot),
        ("fabs", m_fabs),
        ("fmod", m_fmod),
        ("copysign", m_copysign),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("comb", m_comb),
        ("perm", m_perm),
        ("isqrt", m_isqrt),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("isclose", m_isclose),
        ("fsum", m_fsum),
        ("prod", m_prod),
        ("dist", m_dist),
        ("modf", m_modf),
        ("degrees", m_degrees),
        ("radians", m_radians),
    ];
    d.set_str("__name__", Value::str("math"));
    d.set_str(
        "__doc__",
        Value::str("Mathematical functions for floats and ints."),
    );
    for (n, f) in fns {
        d.set_str(n, builtin(n, *f));
    }
    d.set_str("pi", Value::float(std::f64::consts::PI));
    d.set_str("e", Value::float(std::f64::consts::E));
    d.set_str("tau", Value::float(std::f64::consts::TAU));
    d.set_str("inf", Value::float(f64::INFINITY));
    d.set_str("nan", Value::float(f64::NAN));
    Some(Value::Module(Rc::new(Module {
        name: "math".into(),
        dict: Rc::new(RefCell::new(d)),
    })))
}

// ---------------------------------------------------------------------------------------- hints

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = if a[i - 1] == b[j - 1] {
                0
            } else if a[i - 1].eq_ignore_ascii_case(&b[j - 1]) {
                1
            } else {
                2
            };
            cur[j] = (prev[j] + 2).min(cur[j - 1] + 2).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// CPython's bounds on the "Did you mean" search (`suggestions.c`), which keep it cheap: namespaces with more
/// names than this are not searched, and names longer than [`HINT_MAX_NAME`] are not compared.
const HINT_MAX_CANDIDATES: usize = 750;
const HINT_MAX_NAME: usize = 40;

fn best_match(name: &str, candidates: impl Iterator<Item = String>) -> Option<String> {
    if name.len() > HINT_MAX_NAME {
        return None;
    }
    let max = (name.len() + 3) * 2 / 6;
    let mut best: Option<(usize, String)> = None;
    for c in candidates {
        if c == name || c.len() > HINT_MAX_NAME {
            continue;
        }
        let d = levenshtein(name, &c);
        if d <= max * 2 / 2 && best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// CPython's top-level "Did you mean" hint for NameError / AttributeError.
pub fn did_you_mean(
    it: &mut Interp,
    cls: &Rc<Class>,
    inst: &Rc<Instance>,
    msg: &str,
    fr: &Frame,
) -> String {
    let quoted = |s: &str| -> Option<String> {
        let start = s.find('\'')? + 1;
        let end = start + s[start..].find('\'')?;
        Some(s[start..end].to_string())
    };
    if cls.is_subclass(&it.types.exc["NameError"]) && msg.starts_with("name '") {
        let Some(name) = quoted(msg) else {
            return String::new();
        };
        let mut cands: Vec<String> = Vec::new();
        for d in [frame_locals(fr), fr.globals.clone()] {
            if d.borrow().map().len() > HINT_MAX_CANDIDATES {
                continue;
            }
            cands.extend(d.borrow().map().keys().filter_map(|k| {
                if let Value::Str(s) = &k.0 {
                    Some(s.to_string())
                } else {
                    None
                }
            }));
        }
        let b = fr.globals.borrow().get_str("__builtins__").cloned();
        if let Some(Value::Dict(bd)) = b.filter(
            |b| matches!(b, Value::Dict(d) if d.borrow().map().len() <= HINT_MAX_CANDIDATES),
        ) {
            cands.extend(bd.borrow().map().keys().filter_map(|k| {
                if let Value::Str(s) = &k.0 {
                    Some(s.to_string())
                } else {
                    None
                }
            }));
        }
        return best_match(&name, cands.into_iter())
            .map(|c| format!(". Did you mean: '{c}'?"))
            .unwrap_or_default();
    }
    if cls.is_subclass(&it.types.exc["AttributeError"]) && msg.contains("has no attribute '") {
        let Some(attr) = msg
            .rsplit("attribute '")
            .next()
            .and_then(|s| s.strip_suffix('\''))
        else {
            return String::new();
        };
        let _ = inst;
        let tn = quoted(msg).unwrap_or_default();
        let obj_kind = [
            ("list", &it.types.list),
            ("dict", &it.types.dict),
            ("str", &it.types.str_),
            ("set", &it.types.set),
            ("tuple", &it.types.tuple),
            ("int", &it.types.int),
            ("float", &it.types.float),
        ]
        .iter()
        .find(|(n, _)| *n == tn)
        .map(|(_, c)| c.kind);
        if let Some(k) = obj_kind {
            let names = crate::methods::method_names(k)
                .iter()
                .map(|s| s.to_string());
            return best_match(attr, names)
                .map(|c| format!(". Did you mean: '{c}'?"))
                .unwrap_or_default();
        }
    }
    String::new()
}
