//! The dunder methods of built-in values (`[1].__add__([2])`, `(3).__add__(4)`, `list.__len__`, ...):
//! every name that `dir(x)` lists for a built-in value, reachable by attribute access and callable with
//! CPython 3.11's behaviour, including `NotImplemented` where a slot declines the other operand.
//!
//! Nothing here duplicates semantics: each dunder checks what CPython's slot wrapper checks (operand types,
//! argument counts) and then calls the interpreter's own operator (`binop`, `compare`, `len`, `get_item`,
//! `contains`, `iter`, `hash`, `repr`, `format`, ...). All of it sits on the miss path of attribute lookup
//! and of built-in method calls: the names evalx's hot paths already resolve never reach this module.

use crate::ast::{BinOp, CmpOp, UnOp};
use crate::builtins::{hash_of, len_of, to_index, type_name};
use crate::interp::{Exc, Interp, PyResult};
use crate::thin::RcStr;
use crate::value::{Class, Iter, Kind, Value};
use std::rc::Rc;

type Kw<'a> = &'a [(RcStr, Value)];

/// Dunders bound to the value's type rather than to the value (`[].__new__` is list's static `__new__`).
const TYPE_BOUND: &[&str] = &[
    "__new__",
    "__init_subclass__",
    "__subclasshook__",
    "__class_getitem__",
    "__getformat__",
];

/// Whether `name` is a binary operator's or a comparison's dunder (their operand of a built-in type's
/// subclass counts as the value it carries).
pub(crate) fn is_operator_dunder(name: &str) -> bool {
    binop_name(name).is_some() || cmp_name(name).is_some()
}

/// Whether `name` has the dunder shape `__x__`.
pub fn is_dunder(name: &str) -> bool {
    name.len() > 4 && name.starts_with("__") && name.ends_with("__")
}

/// The dunders [`call`] and [`call_type`] implement. A name the tables list but evalx cannot run
/// (`__length_hint__`, `__setstate__`, ...) stays unreachable rather than reachable-but-broken.
const IMPLEMENTED: &[&str] = &[
    "__abs__",
    "__add__",
    "__and__",
    "__bool__",
    "__bytes__",
    "__call__",
    "__ceil__",
    "__class_getitem__",
    "__contains__",
    "__delattr__",
    "__delitem__",
    "__dir__",
    "__divmod__",
    "__eq__",
    "__float__",
    "__floor__",
    "__floordiv__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getformat__",
    "__getitem__",
    "__getnewargs__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__iadd__",
    "__iand__",
    "__imul__",
    "__index__",
    "__init__",
    "__init_subclass__",
    "__int__",
    "__invert__",
    "__ior__",
    "__isub__",
    "__iter__",
    "__ixor__",
    "__le__",
    "__len__",
    "__length_hint__",
    "__lshift__",
    "__lt__",
    "__mod__",
    "__mul__",
    "__ne__",
    "__neg__",
    "__new__",
    "__or__",
    "__pos__",
    "__pow__",
    "__radd__",
    "__rand__",
    "__rdivmod__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__reversed__",
    "__rfloordiv__",
    "__rlshift__",
    "__rmod__",
    "__rmul__",
    "__ror__",
    "__round__",
    "__rpow__",
    "__rrshift__",
    "__rshift__",
    "__rsub__",
    "__rtruediv__",
    "__rxor__",
    "__setattr__",
    "__setitem__",
    "__sizeof__",
    "__str__",
    "__sub__",
    "__subclasshook__",
    "__truediv__",
    "__trunc__",
    "__xor__",
];

/// The CPython kind of `class.name` when it is a dunder routine evalx implements (`wrapper_descriptor`,
/// `method_descriptor`, ..., or `NoneType` for `list.__hash__`).
fn member(class: &str, name: &str) -> Option<&'static str> {
    if !is_dunder(name) || IMPLEMENTED.binary_search(&name).is_err() {
        return None;
    }
    crate::describe::builtin_member_type(class, name).filter(|ty| {
        matches!(
            *ty,
            "wrapper_descriptor"
                | "method_descriptor"
                | "builtin_function_or_method"
                | "classmethod_descriptor"
                | "staticmethod"
                | "NoneType"
        )
    })
}

/// The attribute `v.name` for a dunder that `dir(v)` lists and evalx's method tables do not hold: a bound
/// method-wrapper (or, for `__hash__` of unhashable types, `None`). `None` when the type has no such name.
pub fn attr(it: &mut Interp, v: &Value, name: &str) -> Option<Value> {
    let member = member(&type_name(v), name)?;
    if member == "NoneType" {
        return Some(Value::None);
    }
    if TYPE_BOUND.contains(&name) {
        return Some(Value::Bound(Rc::new((
            Value::Class(it.type_of(v)),
            Value::str(name),
        ))));
    }
    Some(Value::Bound(Rc::new((v.clone(), Value::str(name)))))
}

/// `cls.name` for a built-in class: the unbound slot wrapper / method descriptor (or the class-bound
/// method for `__new__`, `__init_subclass__`, ...), when the class's table lists it.
pub fn class_attr(it: &Interp, c: &Rc<Class>, name: &str) -> Option<Value> {
    if name == "__class__" {
        return Some(Value::Class(it.types.type_.clone()));
    }
    // Only the classes whose instances are built-in values: `object`, `type`, functions and exception
    // classes have user-defined instances or subclasses, whose overriding dunders the interpreter's
    // operators would call back (`object.__eq__(self, o)` inside a user `__eq__`).
    if matches!(
        c.kind,
        Kind::Object
            | Kind::Type
            | Kind::Function
            | Kind::BuiltinFunction
            | Kind::Method
            | Kind::Module
            | Kind::Exception
            | Kind::User
    ) {
        return None;
    }
    let member = member(&c.name, name)?;
    if member == "NoneType" {
        return Some(Value::None);
    }
    Some(Value::Bound(Rc::new((
        Value::Class(c.clone()),
        Value::str(name),
    ))))
}

/// The CPython type of a built-in method reached by name (`str.join`: `method_descriptor`, `int.__add__`:
/// `wrapper_descriptor`, `(1).__add__`: `method-wrapper`, `[].append` and `dict.fromkeys`:
/// `builtin_function_or_method`).
pub fn bound_builtin_kind(recv: &Value, name: &str) -> &'static str {
    match recv {
        Value::Class(_) if is_type_bound(name) => "builtin_function_or_method",
        // A class or static method (`dict.fromkeys`, `str.maketrans`) is bound to its class.
        Value::Class(c)
            if matches!(
                crate::describe::builtin_member_type(&c.name, name),
                Some("classmethod_descriptor" | "staticmethod")
            ) =>
        {
            "builtin_function_or_method"
        }
        Value::Class(c) if class_is_slot_wrapper(c, name) => "wrapper_descriptor",
        Value::Class(_) => "method_descriptor",
        r if is_slot_wrapper(r, name) => "method-wrapper",
        _ => "builtin_function_or_method",
    }
}

/// Whether `name` is a dunder bound to the class even when reached through an instance.
pub fn is_type_bound(name: &str) -> bool {
    TYPE_BOUND.contains(&name)
}

/// How CPython prints the bound dunder `recv.name`: a slot wrapper is a `method-wrapper`, a method
/// descriptor a `built-in method`.
pub fn is_slot_wrapper(recv: &Value, name: &str) -> bool {
    crate::describe::builtin_member_type(&type_name(recv), name) == Some("wrapper_descriptor")
}

/// Whether the class's `name` is a slot wrapper (`<slot wrapper '__add__' of 'list' objects>`).
pub fn class_is_slot_wrapper(c: &Class, name: &str) -> bool {
    crate::describe::builtin_member_type(&c.name, name) == Some("wrapper_descriptor")
}

/// How CPython words argument errors of one dunder: slot wrappers count like `check_num_args` (or
/// `PyArg_UnpackTuple` with an empty name, hence the leading space), method descriptors name
/// `Owner.name()`, the class in the MRO that defines them.
struct Sig<'a> {
    owner: &'a str,
    name: &'a str,
    wrapper: bool,
}

impl Sig<'_> {
    fn check(&self, args: &[Value], min: usize, max: usize) -> PyResult<()> {
        let n = args.len();
        if n >= min && n <= max {
            return Ok(());
        }
        let (owner, name) = (self.owner, self.name);
        Err(Exc::type_err(if self.wrapper {
            let lead = if matches!(name, "__setitem__" | "__setattr__" | "__pow__" | "__rpow__") {
                " "
            } else {
                ""
            };
            if min == max {
                format!("{lead}expected {min} argument{}, got {n}", plural(min))
            } else if n < min {
                format!(
                    "{lead}expected at least {min} argument{}, got {n}",
                    plural(min)
                )
            } else {
                format!(
                    "{lead}expected at most {max} argument{}, got {n}",
                    plural(max)
                )
            }
        } else if min == max && min == 0 {
            format!("{owner}.{name}() takes no arguments ({n} given)")
        } else if min == max && min == 1 {
            format!("{owner}.{name}() takes exactly one argument ({n} given)")
        } else if n < min {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                plural(min)
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                plural(max)
            )
        }))
    }

    fn no_kw(&self, kw: Kw<'_>) -> PyResult<()> {
        if kw.is_empty() {
            return Ok(());
        }
        Err(Exc::type_err(if self.wrapper {
            format!("wrapper {}() takes no keyword arguments", self.name)
        } else {
            format!("{}.{}() takes no keyword arguments", self.owner, self.name)
        }))
    }
}

fn arity(name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(Exc::type_err(if min == max {
        if min == 0 {
            format!("{name}() takes no arguments ({n} given)")
        } else {
            format!(
                "expected {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            plural(min)
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            plural(max)
        )
    }))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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

fn call_builtin(it: &mut Interp, f: &str, args: Vec<Value>) -> PyResult<Value> {
    let func = it.builtins.borrow().get_str(f).cloned();
    match func {
        Some(func) => it.call(&func, args, Vec::new()),
        None => Err(Exc::new("NameError", format!("name '{f}' is not defined"))),
    }
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Big(_) | Value::Bool(_))
}

fn is_set(v: &Value) -> bool {
    matches!(v, Value::Set(_))
}

/// Whether the slot of `recv`'s type accepts `other` as the second operand of a numeric/sequence binary
/// operator (otherwise the slot returns `NotImplemented`).
fn operand_ok(recv: &Value, op: BinOp, other: &Value) -> bool {
    match recv {
        Value::Int(_) | Value::Big(_) | Value::Bool(_) => is_int(other),
        Value::Float(_) => is_int(other) || matches!(other, Value::Float(_)),
        Value::Set(_) => is_set(other),
        Value::Dict(_) => matches!(other, Value::Dict(_)) && op == BinOp::BitOr,
        Value::Str(_) => op == BinOp::Mod || matches!(other, Value::Str(_)),
        _ => false,
    }
}

fn binop_name(name: &str) -> Option<(BinOp, bool)> {
    Some(match name {
        "__add__" => (BinOp::Add, false),
        "__radd__" => (BinOp::Add, true),
        "__sub__" => (BinOp::Sub, false),
        "__rsub__" => (BinOp::Sub, true),
        "__mul__" => (BinOp::Mul, false),
        "__rmul__" => (BinOp::Mul, true),
        "__truediv__" => (BinOp::Div, false),
        "__rtruediv__" => (BinOp::Div, true),
        "__floordiv__" => (BinOp::FloorDiv, false),
        "__rfloordiv__" => (BinOp::FloorDiv, true),
        "__mod__" => (BinOp::Mod, false),
        "__rmod__" => (BinOp::Mod, true),
        "__lshift__" => (BinOp::LShift, false),
        "__rlshift__" => (BinOp::LShift, true),
        "__rshift__" => (BinOp::RShift, false),
        "__rrshift__" => (BinOp::RShift, true),
        "__and__" => (BinOp::BitAnd, false),
        "__rand__" => (BinOp::BitAnd, true),
        "__or__" => (BinOp::BitOr, false),
        "__ror__" => (BinOp::BitOr, true),
        "__xor__" => (BinOp::BitXor, false),
        "__rxor__" => (BinOp::BitXor, true),
        _ => return None,
    })
}

fn cmp_name(name: &str) -> Option<CmpOp> {
    Some(match name {
        "__eq__" => CmpOp::Eq,
        "__ne__" => CmpOp::Ne,
        "__lt__" => CmpOp::Lt,
        "__le__" => CmpOp::Le,
        "__gt__" => CmpOp::Gt,
        "__ge__" => CmpOp::Ge,
        _ => return None,
    })
}

/// Whether `recv`'s rich comparison slot handles `other` (else `NotImplemented`).
fn comparable(recv: &Value, op: CmpOp, other: &Value) -> bool {
    let ordering = !matches!(op, CmpOp::Eq | CmpOp::Ne);
    match recv {
        Value::Int(_) | Value::Big(_) | Value::Bool(_) => is_int(other),
        Value::Float(_) => is_int(other) || matches!(other, Value::Float(_)),
        Value::Str(_) => matches!(other, Value::Str(_)),
        Value::List(_) => matches!(other, Value::List(_)),
        Value::Tuple(_) => matches!(other, Value::Tuple(_)),
        Value::Bytes(_) => matches!(other, Value::Bytes(_)),
        Value::Set(_) => is_set(other),
        Value::Dict(_) => !ordering && matches!(other, Value::Dict(_)),
        Value::Range(_) | Value::BigRange(_) => {
            !ordering && matches!(other, Value::Range(_) | Value::BigRange(_))
        }
        Value::Slice(_) => matches!(other, Value::Slice(_)),
        Value::Builtin(_) | Value::Bound(_) => same_builtin(recv, other).is_some(),
        // object's slot: identity for ==, its negation for !=, nothing for ordering.
        _ => !ordering && recv.is(other),
    }
}

fn seq_repeat_count(v: &Value) -> PyResult<()> {
    match v {
        Value::Big(_) => Err(Exc::new(
            "OverflowError",
            "cannot fit 'int' into an index-sized integer",
        )),
        _ if is_int(v) => Ok(()),
        _ => to_index(v).map(|_| ()),
    }
}

/// CPython 3.11's `__sizeof__` for the layouts evalx mirrors (64-bit build): object headers plus item
/// storage as CPython allocates it for a container built at its current length.
fn sizeof(it: &mut Interp, v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::None => 16,
        Value::Bool(_) => 28,
        Value::Int(i) => 24 + 4 * int_digits(i.unsigned_abs() as u128).max(1),
        Value::Big(b) => 24 + 4 * ((b.bits() as i64 + 29) / 30),
        Value::Float(_) => 24,
        Value::Str(s) => {
            let max = s.chars().map(|c| c as u32).max().unwrap_or(0);
            let n = s.chars().count() as i64;
            if max < 128 {
                49 + n
            } else if max < 256 {
                73 + n
            } else if max < 65536 {
                74 + 2 * n
            } else {
                76 + 4 * n
            }
        }
        Value::Bytes(b) => 33 + b.len() as i64,
        Value::List(l) => 40 + 8 * l.borrow().len() as i64,
        Value::Tuple(t) => 24 + 8 * t.len() as i64,
        Value::Range(_) | Value::BigRange(_) => 48,
        Value::Set(s) => {
            let n = s.items.len();
            let mut table = 8usize;
            while n * 5 >= table * 3 {
                table *= 4;
            }
            200 + if table > 8 { 16 * table as i64 } else { 0 }
        }
        Value::Dict(d) => {
            let n = d.borrow().map().len();
            if n == 0 {
                48
            } else {
                let mut size = 8usize;
                while size * 2 / 3 < n {
                    size *= 2;
                }
                let usable = size * 2 / 3;
                let index = if size <= 128 {
                    1
                } else if size <= 1 << 15 {
                    2
                } else {
                    4
                };
                48 + 32 + (size * index) as i64 + 24 * usable as i64
            }
        }
        other => {
            let _ = it;
            let tn = type_name(other);
            let fixed = match tn.as_str() {
                "ellipsis" | "NotImplementedType" => 16,
                "dict_keys" | "dict_values" | "dict_items" => 24,
                "list_iterator"
                | "tuple_iterator"
                | "str_ascii_iterator"
                | "iterator"
                | "map"
                | "filter"
                | "list_reverseiterator" => 32,
                "slice" => 40,
                "builtin_function_or_method" => 56,
                "range_iterator" | "set_iterator" | "zip" => 48,
                "dict_keyiterator" | "dict_valueiterator" | "dict_itemiterator" | "enumerate" => 56,
                _ => 0,
            };
            if fixed > 0 {
                return Ok(fixed);
            }
            return Err(Exc::type_err(format!(
                "evalx does not know the size of a '{}' object",
                type_name(other)
            )));
        }
    })
}

fn int_digits(mut n: u128) -> i64 {
    let mut d = 0;
    while n > 0 {
        n >>= 30;
        d += 1;
    }
    d
}

fn as_str_arg(v: &Value) -> PyResult<RcStr> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(Exc::type_err(format!(
            "attribute name must be string, not '{}'",
            type_name(other)
        ))),
    }
}

/// Calls the dunder `recv.name(*args, **kw)` of a built-in value. Names the type does not have raise
/// CPython's AttributeError.
pub fn call(
    it: &mut Interp,
    recv: &Value,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let builtin_value = match recv {
        Value::Instance(_) | Value::Class(_) | Value::Module(_) | Value::Func(_) => false,
        Value::Bound(b) => matches!(b.1, Value::Str(_)),
        _ => true,
    };
    if !builtin_value || member(&type_name(recv), name).is_none() {
        return Err(it.attr_error(recv, name));
    }
    if is_type_bound(name) {
        let c = it.type_of(recv);
        let mut all = Vec::with_capacity(args.len() + 1);
        all.extend_from_slice(args);
        return call_type(it, &c, name, all, kw.to_vec());
    }
    let (owner, ty) = crate::describe::builtin_member_owner(&type_name(recv), name)
        .unwrap_or(("object", "method_descriptor"));
    let sig = Sig {
        owner,
        name,
        wrapper: ty == "wrapper_descriptor",
    };
    if name == "__call__" {
        return it.call(recv, args.to_vec(), kw.to_vec());
    }
    if name != "__init__" {
        sig.no_kw(kw)?;
    }
    if let Some((op, reflected)) = binop_name(name) {
        sig.check(args, 1, 1)?;
        let other = &args[0];
        return seq_or_num_binop(it, recv, name, op, reflected, other);
    }
    if let Some(op) = cmp_name(name) {
        sig.check(args, 1, 1)?;
        if !comparable(recv, op, &args[0]) {
            return Ok(Value::NotImplemented);
        }
        if let Some(same) = same_builtin(recv, &args[0]) {
            // built-in functions and methods: equal when they are the same function bound to the
            // same object; no ordering.
            return Ok(match op {
                CmpOp::Eq => Value::bool(same),
                CmpOp::Ne => Value::bool(!same),
                _ => Value::NotImplemented,
            });
        }
        if let (Value::Slice(a), Value::Slice(b)) = (recv, &args[0]) {
            // slices compare as the tuples (start, stop, step).
            let a = Value::tuple(vec![a.0.clone(), a.1.clone(), a.2.clone()]);
            let b = Value::tuple(vec![b.0.clone(), b.1.clone(), b.2.clone()]);
            return it.compare(&a, op, &b);
        }
        if matches!(op, CmpOp::Eq | CmpOp::Ne) && !matches_value_type(recv) {
            return Ok(Value::bool(op == CmpOp::Eq));
        }
        return it.compare(recv, op, &args[0]);
    }
    match name {
        "__len__" => {
            sig.check(args, 0, 0)?;
            Ok(Value::Int(len_of(it, recv)?))
        }
        "__contains__" => {
            sig.check(args, 1, 1)?;
            Ok(Value::bool(it.contains(recv, &args[0])?))
        }
        "__getitem__" => {
            sig.check(args, 1, 1)?;
            it.get_item(recv, &args[0])
        }
        "__setitem__" => {
            sig.check(args, 2, 2)?;
            it.set_item(recv, args[0].clone(), args[1].clone())?;
            Ok(Value::None)
        }
        "__delitem__" => {
            sig.check(args, 1, 1)?;
            it.del_item(recv, &args[0])?;
            Ok(Value::None)
        }
        "__iter__" => {
            sig.check(args, 0, 0)?;
            it.iter(recv)
        }
        "__reversed__" => {
            sig.check(args, 0, 0)?;
            call_builtin(it, "reversed", vec![recv.clone()])
        }
        "__hash__" => {
            sig.check(args, 0, 0)?;
            Ok(Value::Int(hash_of(it, recv)?))
        }
        "__repr__" => {
            sig.check(args, 0, 0)?;
            Ok(Value::str(&it.repr(recv)?))
        }
        "__str__" => {
            sig.check(args, 0, 0)?;
            Ok(Value::str(&it.to_str(recv)?))
        }
        "__format__" => {
            sig.check(args, 1, 1)?;
            if !matches!(args[0], Value::Str(_)) {
                return Err(Exc::type_err(format!(
                    "__format__() argument must be str, not {}",
                    type_name(&args[0])
                )));
            }
            call_builtin(it, "format", vec![recv.clone(), args[0].clone()])
        }
        "__bool__" => {
            sig.check(args, 0, 0)?;
            Ok(Value::bool(it.truthy(recv)?))
        }
        "__neg__" | "__pos__" | "__invert__" => {
            sig.check(args, 0, 0)?;
            let op = match name {
                "__neg__" => UnOp::Neg,
                "__pos__" => UnOp::Pos,
                _ => UnOp::Invert,
            };
            it.unary(op, recv)
        }
        "__abs__" => {
            sig.check(args, 0, 0)?;
            call_builtin(it, "abs", vec![recv.clone()])
        }
        "__int__" | "__index__" | "__trunc__" => {
            sig.check(args, 0, 0)?;
            call_builtin(it, "int", vec![recv.clone()])
        }
        "__floor__" | "__ceil__" => {
            sig.check(args, 0, 0)?;
            match recv {
                Value::Float(f) => {
                    let r = if name == "__floor__" {
                        f.floor()
                    } else {
                        f.ceil()
                    };
                    call_builtin(it, "int", vec![Value::float(r)])
                }
                _ => call_builtin(it, "int", vec![recv.clone()]),
            }
        }
        "__bytes__" => {
            sig.check(args, 0, 0)?;
            call_builtin(it, "bytes", vec![recv.clone()])
        }
        "__float__" => {
            sig.check(args, 0, 0)?;
            call_builtin(it, "float", vec![recv.clone()])
        }
        "__round__" => {
            sig.check(args, 0, 1)?;
            if is_int(recv) && matches!(args.first(), Some(Value::None)) {
                // int.__round__ wants an index; round(1, None) is what accepts None.
                return Err(Exc::type_err(
                    "'NoneType' object cannot be interpreted as an integer",
                ));
            }
            let mut a = vec![recv.clone()];
            a.extend(args.iter().cloned());
            call_builtin(it, "round", a)
        }
        "__divmod__" | "__rdivmod__" => {
            sig.check(args, 1, 1)?;
            if !operand_ok(recv, BinOp::FloorDiv, &args[0]) {
                return Ok(Value::NotImplemented);
            }
            let (a, b) = if name == "__divmod__" {
                (recv.clone(), args[0].clone())
            } else {
                (args[0].clone(), recv.clone())
            };
            call_builtin(it, "divmod", vec![a, b])
        }
        "__pow__" | "__rpow__" => {
            sig.check(args, 1, 2)?;
            if !operand_ok(recv, BinOp::Pow, &args[0]) {
                return Ok(Value::NotImplemented);
            }
            let (a, b) = if name == "__pow__" {
                (recv.clone(), args[0].clone())
            } else {
                (args[0].clone(), recv.clone())
            };
            match args.get(1) {
                Some(m) if !matches!(m, Value::None) => {
                    call_builtin(it, "pow", vec![a, b, m.clone()])
                }
                _ => it.binop(&a, BinOp::Pow, &b),
            }
        }
        "__iadd__" => {
            sig.check(args, 1, 1)?;
            crate::methods::call_builtin_method(it, recv, "extend", args, &[])?;
            Ok(recv.clone())
        }
        "__imul__" => {
            sig.check(args, 1, 1)?;
            seq_repeat_count(&args[0])?;
            let repeated = it.binop(recv, BinOp::Mul, &args[0])?;
            if let (Value::List(l), Value::List(r)) = (recv, &repeated) {
                let items = r.borrow().clone();
                *l.borrow_mut() = items;
            }
            Ok(recv.clone())
        }
        "__ior__" | "__iand__" | "__isub__" | "__ixor__" => {
            sig.check(args, 1, 1)?;
            let method = match (recv, name) {
                (Value::Dict(_), _) => "update",
                (_, "__ior__") => "update",
                (_, "__iand__") => "intersection_update",
                (_, "__isub__") => "difference_update",
                _ => "symmetric_difference_update",
            };
            if matches!(recv, Value::Set(_)) && !is_set(&args[0]) {
                return Ok(Value::NotImplemented);
            }
            crate::methods::call_builtin_method(it, recv, method, args, &[])?;
            Ok(recv.clone())
        }
        "__getnewargs__" => {
            sig.check(args, 0, 0)?;
            let v = match recv {
                Value::Bool(b) => Value::Int(*b as i64),
                other => other.clone(),
            };
            Ok(Value::tuple(vec![v]))
        }
        "__sizeof__" => {
            sig.check(args, 0, 0)?;
            Ok(Value::Int(sizeof(it, recv)?))
        }
        "__getstate__" => {
            sig.check(args, 0, 0)?;
            Ok(Value::None)
        }
        "__reduce__" | "__reduce_ex__" => {
            let n = usize::from(name == "__reduce_ex__");
            sig.check(args, n, n)?;
            Err(Exc::type_err(format!(
                "cannot pickle '{}' object",
                type_name(recv)
            )))
        }
        "__getattribute__" => {
            sig.check(args, 1, 1)?;
            let n = as_str_arg(&args[0])?;
            it.get_attr(recv, &n)
        }
        "__setattr__" => {
            sig.check(args, 2, 2)?;
            let n = as_str_arg(&args[0])?;
            it.set_attr(recv, &n, args[1].clone())?;
            Ok(Value::None)
        }
        "__delattr__" => {
            sig.check(args, 1, 1)?;
            let n = as_str_arg(&args[0])?;
            it.del_attr(recv, &n)?;
            Ok(Value::None)
        }
        "__dir__" => {
            sig.check(args, 0, 0)?;
            let names = crate::describe::dir_of(it, recv)?;
            Ok(Value::list(names.iter().map(|n| Value::str(n)).collect()))
        }
        "__init__" => init(it, recv, args, kw),
        "__length_hint__" => {
            sig.check(args, 0, 0)?;
            length_hint(it, recv)
        }
        _ => Err(it.attr_error(recv, name)),
    }
}

/// For two built-in functions or bound built-in methods, whether they are the same function of the same
/// object; `None` for anything else.
fn same_builtin(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Builtin(x), Value::Builtin(y)) => Some(
            std::ptr::fn_addr_eq(x.func, y.func)
                && x.name == y.name
                && match (&x.this, &y.this) {
                    (None, None) => true,
                    (Some(p), Some(q)) => p.is(q),
                    _ => false,
                },
        ),
        (Value::Bound(x), Value::Bound(y)) => match (&x.1, &y.1) {
            (Value::Str(m), Value::Str(n)) => Some(m == n && x.0.is(&y.0)),
            _ => None,
        },
        _ => None,
    }
}

/// Value types whose `==` is their own (others fall back to object's identity test).
fn matches_value_type(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_)
            | Value::Big(_)
            | Value::Bool(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Range(_)
            | Value::BigRange(_)
    )
}

fn seq_or_num_binop(
    it: &mut Interp,
    recv: &Value,
    name: &str,
    op: BinOp,
    reflected: bool,
    other: &Value,
) -> PyResult<Value> {
    // Sequences: concatenation and repetition raise instead of declining, as CPython's sq_ slots do.
    if let Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Bytes(_) = recv {
        match op {
            BinOp::Add if !reflected => {
                if std::mem::discriminant(recv) != std::mem::discriminant(other) {
                    let tn = type_name(recv);
                    return Err(Exc::type_err(format!(
                        "can only concatenate {tn} (not \"{}\") to {tn}",
                        type_name(other)
                    )));
                }
                return it.binop(recv, op, other);
            }
            BinOp::Mul => {
                seq_repeat_count(other)?;
                return it.binop(recv, op, other);
            }
            _ => {}
        }
    }
    if !operand_ok(recv, op, other)
        || (reflected
            && op == BinOp::Mod
            && !matches!(other, Value::Str(_))
            && matches!(recv, Value::Str(_)))
    {
        return Ok(Value::NotImplemented);
    }
    let _ = name;
    if reflected {
        it.binop(other, op, recv)
    } else {
        it.binop(recv, op, other)
    }
}

/// `x.__init__(...)`: list, dict and set re-initialise themselves as their constructors would; the
/// immutable types accept and ignore their constructor's arguments (their `__new__` did the work).
fn init(it: &mut Interp, recv: &Value, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    match recv {
        Value::List(l) => {
            no_kw("list", kw)?;
            arity("list", args, 0, 1)?;
            let items = match args.first() {
                Some(src) => it.collect(src)?,
                None => Vec::new(),
            };
            *l.borrow_mut() = items.into();
        }
        Value::Set(s) if !s.frozen => {
            no_kw("set", kw)?;
            arity("set", args, 0, 1)?;
            let fresh = match args.first() {
                Some(src) => call_builtin(it, "set", vec![src.clone()])?,
                None => call_builtin(it, "set", Vec::new())?,
            };
            if let Value::Set(f) = fresh {
                s.items.replace(f.items.clone());
            }
        }
        Value::Dict(_) => {
            if args.len() > 1 {
                return Err(Exc::type_err(format!(
                    "dict expected at most 1 argument, got {}",
                    args.len()
                )));
            }
            crate::methods::call_builtin_method(it, recv, "update", args, kw)?;
        }
        _ => {}
    }
    Ok(Value::None)
}

/// `iterator.__length_hint__()`: how many items are left, as CPython's iterators estimate it (0 once
/// the underlying container shrank below the position).
fn length_hint(it: &mut Interp, recv: &Value) -> PyResult<Value> {
    let Value::Iter(i) = recv else {
        return Err(it.attr_error(recv, "__length_hint__"));
    };
    let state = i.borrow();
    let n: i64 = match &*state {
        Iter::Seq { seq, idx } => {
            let seq = seq.clone();
            let idx = *idx as i64;
            drop(state);
            if matches!(seq, Value::Instance(_)) && it.lookup_special(&seq, "__len__").is_none() {
                // a __getitem__-only sequence: CPython's iterator cannot tell.
                return Ok(Value::NotImplemented);
            }
            (len_of(it, &seq)? - idx).max(0)
        }
        Iter::Str { s, byte } => s.get(*byte..).map_or(0, |rest| rest.chars().count() as i64),
        Iter::Range { cur, stop, step } => crate::builtins::range_len(&(*cur, *stop, *step)),
        Iter::DictKeys { d, idx, len, .. } => {
            if d.borrow().map().len() == *len {
                len.saturating_sub(*idx) as i64
            } else {
                0
            }
        }
        Iter::SetItems { items, idx, .. } => items.len().saturating_sub(*idx) as i64,
        Iter::Vec { items } => items.len() as i64,
        Iter::Reversed { seq, idx } => {
            let seq = seq.clone();
            let idx = *idx as i64;
            drop(state);
            if len_of(it, &seq)? < idx { 0 } else { idx }
        }
        Iter::Done => 0,
        _ => {
            drop(state);
            return Err(it.attr_error(recv, "__length_hint__"));
        }
    };
    Ok(Value::Int(n))
}

/// The dunders bound to a built-in class: `__new__`, `__init_subclass__`, `__subclasshook__`,
/// `__class_getitem__`, `float.__getformat__`.
pub fn call_type(
    it: &mut Interp,
    c: &Rc<Class>,
    name: &str,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    let sig = Sig {
        owner: &c.name,
        name,
        wrapper: false,
    };
    match name {
        "__new__" => {
            let Some(first) = args.first() else {
                return Err(Exc::type_err(format!(
                    "{}.__new__(): not enough arguments",
                    c.name
                )));
            };
            let Value::Class(sub) = first else {
                return Err(Exc::type_err(format!(
                    "{}.__new__(X): X is not a type object ({})",
                    c.name,
                    type_name(first)
                )));
            };
            if !sub.is_subclass(c) {
                return Err(Exc::type_err(format!(
                    "{}.__new__({}): {} is not a subtype of {}",
                    c.name, sub.name, sub.name, c.name
                )));
            }
            let sub = sub.clone();
            let rest = args[1..].to_vec();
            if !Rc::ptr_eq(&sub, c) {
                return crate::builtins::new_native_instance(it, &sub, c, rest, kw);
            }
            match c.kind {
                Kind::List | Kind::Dict | Kind::Set => {
                    crate::builtins::construct(it, &sub, Vec::new(), Vec::new())
                }
                _ => crate::builtins::construct(it, &sub, rest, kw),
            }
        }
        "__init_subclass__" => {
            sig.no_kw(&kw)?;
            sig.check(&args, 0, 0)?;
            Ok(Value::None)
        }
        "__subclasshook__" => {
            sig.no_kw(&kw)?;
            Ok(Value::NotImplemented)
        }
        "__class_getitem__" => {
            sig.no_kw(&kw)?;
            sig.check(&args, 1, 1)?;
            it.get_item(&Value::Class(c.clone()), &args[0])
        }
        "__getformat__" => {
            sig.no_kw(&kw)?;
            sig.check(&args, 1, 1)?;
            match &args[0] {
                Value::Str(s) if matches!(&**s, "double" | "float") => {
                    Ok(Value::str("IEEE, little-endian"))
                }
                Value::Str(_) => Err(Exc::value_err(
                    "__getformat__() argument 1 must be 'double' or 'float'",
                )),
                other => Err(Exc::type_err(format!(
                    "__getformat__() argument must be str, not {}",
                    type_name(other)
                ))),
            }
        }
        _ => Err(Exc::new(
            "AttributeError",
            format!("type object '{}' has no attribute '{name}'", c.name),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implemented_is_sorted_for_binary_search() {
        assert!(IMPLEMENTED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn only_dunder_routines_the_tables_list_are_reachable() {
        // list's own and inherited slots, the class-bound ones, list.__hash__ (None), and nothing else.
        assert_eq!(member("list", "__add__"), Some("wrapper_descriptor"));
        assert_eq!(member("list", "__sizeof__"), Some("method_descriptor"));
        assert_eq!(member("list", "__reduce_ex__"), Some("method_descriptor"));
        assert_eq!(member("list", "__hash__"), Some("NoneType"));
        assert_eq!(member("bool", "__add__"), Some("wrapper_descriptor"));
        assert_eq!(
            member("iterator", "__length_hint__"),
            Some("method_descriptor")
        );
        assert_eq!(member("tuple", "__iadd__"), None);
        assert_eq!(
            member("list", "__class__"),
            None,
            "a getset descriptor, not a routine"
        );
        assert_eq!(member("list", "append"), None, "not a dunder");
        assert_eq!(member("list", "__setstate__"), None);
    }

    #[test]
    fn cpython_sizes_of_fixed_layouts() {
        let mut it = Interp::new(Box::new(std::io::sink()));
        let cases = [
            (Value::List(Rc::default()), 40),
            (Value::tuple(vec![Value::Int(1), Value::Int(2)]), 40),
            (Value::str("ab"), 51),
            (Value::str("é"), 74),
            (Value::Int(0), 28),
            (Value::Int(1 << 40), 32),
            (Value::float(1.5), 24),
            (Value::None, 16),
            (Value::bool(false), 28),
        ];
        for (v, size) in cases {
            assert_eq!(sizeof(&mut it, &v).expect("sized"), size, "{v:?}");
        }
    }
}
