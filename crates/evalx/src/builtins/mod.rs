//! The `builtins` namespace: built-in types as classes, the exception hierarchy, the built-in functions,
//! class creation (MRO), instance construction, iterator stepping and the `math` module.

mod classes;
mod compile;
mod excfields;
mod frameobj;
mod frames;
pub(crate) mod functions;
mod hints;
mod iterators;
pub(crate) mod newobj;
mod site;
mod typedict;

pub(crate) use classes::*;
pub(crate) use compile::{code_of, code_repr, free_order, function_code};
pub(crate) use excfields::*;
pub(crate) use frameobj::*;
pub(crate) use frames::*;
pub(crate) use functions::*;
pub(crate) use hints::*;
pub(crate) use iterators::*;
pub(crate) use newobj::*;
pub(crate) use typedict::{
    builtin_class_dict, builtin_descriptor_attr, native_slot_bound_type, native_slot_type,
    slot_owner,
};

use crate::interp::{Exc, ExcKind, Frame, Interp, PyResult, Types};
use crate::methods::{kwarg, pos_or_kw};
use crate::num;
use crate::thin::RcStr;
use crate::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use std::cell::RefCell;
use std::rc::Rc;

type Kw<'a> = &'a [(RcStr, Value)];

pub(crate) fn class(name: &str, kind: Kind, bases: Vec<Rc<Class>>) -> Rc<Class> {
    class_native(name, kind, bases, Kind::Object)
}

/// A built-in class whose instances carry a built-in value of kind `native` (`mappingproxy`: a dict).
pub(crate) fn class_native(
    name: &str,
    kind: Kind,
    bases: Vec<Rc<Class>>,
    native: Kind,
) -> Rc<Class> {
    let c = Rc::new(Class {
        name: name.into(),
        qualname: name.into(),
        bases: bases.clone(),
        mro: RefCell::new(Vec::new()),
        attrs: Rc::new(RefCell::new(Dict::new())),
        kind,
        module: "builtins".into(),
        flags: std::cell::Cell::new((0, false, false, false)),
        truth_cache: std::cell::Cell::new((0, false)),
        init_cache: RefCell::new(None),
        native,
        meta: None,
        slots: None,
        keys: crate::value::SharedKeys::new(),
        special: RefCell::new((0, Vec::new())),
        named: RefCell::new((0, Vec::new())),
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
    ("TimeoutError", "OSError"),
    ("FileExistsError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("InterruptedError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
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
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("EncodingWarning", "Warning"),
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
    crate::exc_group::make_classes(&mut exc);
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
        "longrange_iterator",
        "dict_keyiterator",
        "dict_valueiterator",
        "dict_itemiterator",
        "set_iterator",
        "enumerate",
        "zip",
        "map",
        "filter",
        "reversed",
        "list_reverseiterator",
        "callable_iterator",
        "iterator",
        "async_generator_asend",
        "async_generator_athrow",
        "coroutine_wrapper",
    ] {
        let c = class(n, Kind::Iterator, o());
        if matches!(n, "enumerate" | "zip" | "map" | "filter" | "reversed") {
            // What a subclass inherits (`super().__next__()` in `class E(enumerate)`).
            let mut a = c.attrs.borrow_mut();
            a.set_str("__iter__", builtin("__iter__", iterators::iter_self));
            a.set_str("__next__", builtin("__next__", iterators::iter_class_next));
        }
        exc.insert(n, c);
    }
    exc.insert("coroutine", class("coroutine", Kind::Coroutine, o()));
    exc.insert(
        "async_generator",
        class("async_generator", Kind::AsyncGenerator, o()),
    );
    exc.insert("super", class("super", Kind::Object, o()));
    exc.insert("code", class("code", Kind::Object, o()));
    // `f.__closure__`'s cells and `gi_frame`'s frames (no builtins names, as in CPython).
    exc.insert("cell", class("cell", Kind::Object, o()));
    exc.insert("frame", class("frame", Kind::Object, o()));
    let complex = class("complex", Kind::Object, o());
    crate::complex::fill_class(&complex);
    exc.insert("complex", complex);
    exc.insert(
        "mappingproxy",
        class_native("mappingproxy", Kind::Object, o(), Kind::Dict),
    );
    exc.insert(
        "member_descriptor",
        class("member_descriptor", Kind::Object, o()),
    );
    // The types of built-in methods reached by name (`str.join`, `int.__add__`, `(1).__add__`), and the
    // descriptor kinds `types` names (no builtins names, as in CPython).
    for n in [
        "method_descriptor",
        "wrapper_descriptor",
        "method-wrapper",
        "classmethod_descriptor",
        "getset_descriptor",
    ] {
        exc.insert(n, class(n, Kind::Object, o()));
    }
    typedict::install(&exc);
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

pub(crate) fn builtin(name: &'static str, func: NativeFn) -> Value {
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
    d.set_str(
        "bytearray",
        Value::Class(crate::methods::bytearray_class(&t.object)),
    );
    d.set_str(
        "memoryview",
        Value::Class(crate::methods::memoryview_class(&t.object)),
    );
    for (name, c) in &t.exc {
        // Views and iterator types have no builtins name in CPython (`list_iterator` is reached only through
        // `type(iter([]))`); `enumerate`, `zip`, `map` and `filter` do.
        let hidden = name.starts_with("dict_")
            || matches!(
                *name,
                "code"
                    | "cell"
                    | "frame"
                    | "method_descriptor"
                    | "wrapper_descriptor"
                    | "method-wrapper"
                    | "classmethod_descriptor"
                    | "getset_descriptor"
            )
            || (c.kind == Kind::Iterator
                && !matches!(*name, "enumerate" | "zip" | "map" | "filter" | "reversed"));
        if !hidden {
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
    be.attrs
        .borrow_mut()
        .set_str("add_note", builtin("BaseException.add_note", exc_add_note));
    be.attrs.borrow_mut().set_str(
        "with_traceback",
        builtin("BaseException.with_traceback", exc_with_traceback),
    );
    let fns: &[(&'static str, NativeFn)] = &[
        ("print", b_print),
        ("input", b_input),
        ("open", crate::stdlib::io::b_open),
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
        ("__import__", crate::interp::import::b_import),
        ("bin", b_bin),
        ("oct", b_oct),
        ("hash", b_hash),
        ("id", b_id),
        ("iter", b_iter),
        ("next", b_next),
        ("sorted", b_sorted),
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
        ("compile", compile::b_compile),
        ("super", b_noframe),
        ("dir", b_noframe),
        ("vars", b_noframe),
        ("ascii", b_ascii),
        ("help", crate::describe::b_help),
    ];
    for (n, f) in fns {
        d.set_str(n, builtin(n, *f));
    }
    site::install(&mut d, t);
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
        Value::Complex(_) => "complex",
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
        Value::Range(_) | Value::BigRange(_) => "range",
        Value::Func(_) => "function",
        Value::Builtin(b) if is_slot_builtin(b) => typedict::native_slot_type(b.name),
        Value::Builtin(_) => "builtin_function_or_method",
        Value::Bound(b) => match &b.1 {
            Value::Str(name) => crate::dunders::bound_builtin_kind(&b.0, name),
            Value::Builtin(f) if is_slot_builtin(f) => typedict::native_slot_bound_type(f.name),
            _ => "method",
        },
        Value::Class(_) => "type",
        Value::Instance(i) => return instance_type_name(&i.class),
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

/// A built-in type's unbound special method kept as a native (`object.__init__`, `map.__next__`): a
/// `wrapper_descriptor` in CPython.
pub(crate) fn is_slot_builtin(b: &crate::value::Builtin) -> bool {
    b.this.is_none()
        && b.name.len() > 4
        && b.name.starts_with("__")
        && b.name.ends_with("__")
        && !matches!(b.name, "__import__" | "__build_class__" | "__new__")
}

/// Classes evalx writes in Python that CPython implements in C, by (module, name): CPython's messages name
/// them by their C type name, module included (`'collections.OrderedDict' object has no attribute ...`).
const C_TYPE_NAMES: &[(&str, &str, &str)] = &[
    ("collections", "OrderedDict", "collections.OrderedDict"),
    ("collections", "defaultdict", "collections.defaultdict"),
    ("collections", "deque", "collections.deque"),
    ("datetime", "date", "datetime.date"),
    ("datetime", "datetime", "datetime.datetime"),
    ("datetime", "time", "datetime.time"),
    ("datetime", "timedelta", "datetime.timedelta"),
    ("datetime", "timezone", "datetime.timezone"),
    ("datetime", "tzinfo", "datetime.tzinfo"),
    ("decimal", "Decimal", "decimal.Decimal"),
    ("decimal", "Context", "decimal.Context"),
    ("re", "Pattern", "re.Pattern"),
    ("re", "Match", "re.Match"),
    ("functools", "partial", "functools.partial"),
    ("array", "array", "array.array"),
    ("io", "StringIO", "_io.StringIO"),
    ("io", "BytesIO", "_io.BytesIO"),
    ("io", "TextIOWrapper", "_io.TextIOWrapper"),
    ("io", "BufferedReader", "_io.BufferedReader"),
    ("io", "BufferedWriter", "_io.BufferedWriter"),
    ("io", "BufferedRandom", "_io.BufferedRandom"),
];

/// The type name error messages give an instance: its class's name, or CPython's C type name for the
/// classes in [`C_TYPE_NAMES`].
fn instance_type_name(class: &Class) -> String {
    let (module, name): (&str, &str) = (&class.module, &class.name);
    C_TYPE_NAMES
        .iter()
        .find(|(m, n, _)| *m == module && *n == name)
        .map_or_else(|| name.to_string(), |(_, _, full)| (*full).to_string())
}

/// Entries the interpreter keeps in an instance's dict for itself (a code object's compiled body, an
/// exception's traceback entries): never listed by `dir()`.
pub(crate) fn is_hidden_attr(name: &str) -> bool {
    name.starts_with("__evalx") || name == "__code_object__"
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
        Iter::Reversed {
            seq: Value::List(_),
            ..
        } => "list_reverseiterator",
        Iter::Reversed { .. } => "reversed",
        Iter::Generator(g) => g.kind.type_name(),
        Iter::AsyncOp(o) => o.type_name(),
        Iter::Callable { .. } => "callable_iterator",
        Iter::Native(n) => n.tp_name,
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
pub(crate) fn arity(
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(Exc::type_err(format!(
            "{name}() takes no keyword arguments"
        )));
    }
    crate::methods::arity(name, args, min, max)
}

/// [`to_index`] that also asks an object's `__index__` (CPython's `PyNumber_Index`), for the
/// built-ins and methods that take an integer argument.
pub(crate) fn to_index_of(it: &mut Interp, v: &Value) -> PyResult<i64> {
    match crate::methods::index_value(it, v)? {
        Some(n) => to_index(&n),
        None => to_index(v),
    }
}

/// Converts an index-like value to i64.
pub fn to_index(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        // An `int` subclass's instance (an IntEnum member...) is its int.
        Value::Instance(inst)
            if matches!(
                inst.native,
                Some(Value::Int(_) | Value::Bool(_) | Value::Big(_))
            ) =>
        {
            to_index(inst.native.as_ref().unwrap_or(&Value::None))
        }
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

pub(crate) fn only_kw(fname: &str, kw: Kw<'_>, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kw {
        if !allowed.contains(&&**k) {
            return Err(Exc::type_err(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    Ok(())
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
