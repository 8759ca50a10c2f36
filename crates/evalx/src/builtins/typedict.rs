//! The class dicts of built-in types (`int.__dict__`, `vars(list)`) and the descriptor objects they hold
//! that have no other form in evalx: `getset_descriptor` (`int.real`), `member_descriptor` (`complex.real`)
//! and `classmethod_descriptor` (`dict.__dict__['fromkeys']`). Method and wrapper descriptors are the
//! values `list.append` and `int.__add__` already are.
//!
//! A built-in type's entries come from the introspection tables (`describe::tables`, recorded from
//! CPython): each own member is built as CPython's type of it, so `vars(int)` lists what CPython's lists.

use super::{Kw, builtin};
use crate::interp::{Exc, Interp, PyResult};
use crate::thin::RcStr;
use crate::value::*;
use std::rc::Rc;

/// Whether `c` is one of evalx's built-in types that the tables describe (not a user class of the same
/// name).
fn described_builtin(it: &Interp, c: &Rc<Class>) -> bool {
    if c.kind == Kind::User || &**c.module != "builtins" {
        return false;
    }
    if c.kind == Kind::Exception {
        return it
            .types
            .exc
            .get(&**c.name)
            .is_some_and(|k| Rc::ptr_eq(k, c));
    }
    crate::describe::builtin_own_members(&c.name).is_some()
}

/// `C.__dict__` of a built-in type: a new dict holding the type's own entries as CPython's types of them
/// (evalx's own class attributes first), or `None` for other classes.
pub(crate) fn builtin_class_dict(it: &mut Interp, c: &Rc<Class>) -> PyResult<Option<Value>> {
    if !described_builtin(it, c) {
        return Ok(None);
    }
    let Some(members) = crate::describe::builtin_own_members(&c.name) else {
        return Ok(None);
    };
    let cv = Value::Class(c.clone());
    let mut d = Dict::new();
    for (name, ty) in members {
        let v = match ty {
            "getset_descriptor" | "member_descriptor" => descriptor(it, ty, name, c),
            "classmethod_descriptor" => descriptor(it, ty, name, c),
            "NoneType" => Value::None,
            "str" if name == "__doc__" => crate::describe::builtin_type_docstring(&c.name),
            _ => {
                let own = c.attrs.borrow().get_str(name).cloned();
                match own {
                    Some(v) => v,
                    None => match it.get_attr_opt(&cv, name) {
                        Ok(Some(v)) => v,
                        _ => continue,
                    },
                }
            }
        };
        let v = match (ty, &v) {
            ("staticmethod", Value::Builtin(b)) if b.name != "<staticmethod>" => {
                super::b_staticmethod(it, std::slice::from_ref(&v), &[])?
            }
            _ => v,
        };
        d.set_str(name, v);
    }
    // What evalx keeps in the class beyond the tables (none for most types).
    let extra: Vec<(RcStr, Value)> = c
        .attrs
        .borrow()
        .map()
        .iter()
        .filter_map(|(k, v)| match &k.0 {
            Value::Str(s) => Some((s.clone(), v.clone())),
            _ => None,
        })
        .collect();
    for (k, v) in extra {
        if d.get_str(&k).is_none() {
            d.set_str(&k, v);
        }
    }
    Ok(Some(Value::dict(d)))
}

/// `C.name` for a data attribute of a built-in type reached through the class (`int.real`,
/// `ValueError.args`, `complex.imag`, also through a user subclass): its getset or member descriptor.
pub(crate) fn builtin_descriptor_attr(it: &Interp, c: &Rc<Class>, name: &str) -> Option<Value> {
    let mro = c.mro.borrow().clone();
    for k in &mro {
        if !described_builtin(it, k) {
            continue;
        }
        let (owner, ty) = crate::describe::builtin_member_owner(&k.name, name)?;
        if !matches!(ty, "getset_descriptor" | "member_descriptor") {
            return None;
        }
        let owner_class = mro
            .iter()
            .find(|m| &**m.name == owner && described_builtin(it, m))
            .cloned()
            .unwrap_or_else(|| k.clone());
        return Some(descriptor(it, ty, name, &owner_class));
    }
    None
}

/// A descriptor object of the built-in kind `ty` for `objclass.name`.
fn descriptor(it: &Interp, ty: &str, name: &str, objclass: &Rc<Class>) -> Value {
    let cls = it.types.exc[ty].clone();
    let inst = Rc::new(Instance {
        class: cls,
        dict: InstDict::from_dict(Dict::new()),
        hash: no_user_hash(),
        native: None,
    });
    {
        let mut d = inst.dict.borrow_mut();
        d.set_str("__name__", Value::str(name));
        d.set_str(
            "__qualname__",
            Value::str(&format!("{}.{}", objclass.name, name)),
        );
        d.set_str("__objclass__", Value::Class(objclass.clone()));
        d.set_str("__objclass_name__", Value::Str(objclass.name.clone()));
        let doc = crate::describe::builtin_method_docstring(&Value::Class(objclass.clone()), name);
        d.set_str("__doc__", doc);
    }
    Value::Instance(inst)
}

/// Puts `__get__`/`__set__`/`__delete__` (and a class method descriptor's `__call__`) into the descriptor
/// classes.
pub(crate) fn install(exc: &indexmap::IndexMap<&'static str, Rc<Class>>) {
    for n in ["getset_descriptor", "member_descriptor"] {
        let mut a = exc[n].attrs.borrow_mut();
        a.set_str("__get__", builtin("descriptor.__get__", descr_get));
        a.set_str("__set__", builtin("descriptor.__set__", descr_set));
        a.set_str("__delete__", builtin("descriptor.__delete__", descr_delete));
    }
    let mut a = exc["classmethod_descriptor"].attrs.borrow_mut();
    a.set_str("__get__", builtin("descriptor.__get__", cm_get));
    a.set_str("__call__", builtin("descriptor.__call__", cm_call));
}

fn field(d: &Instance, k: &str) -> Value {
    d.dict.borrow().get_str(k).cloned().unwrap_or(Value::None)
}

fn field_str(d: &Instance, k: &str) -> String {
    match field(d, k) {
        Value::Str(s) => s.to_string(),
        _ => String::new(),
    }
}

/// The descriptor `args[0]` and its class (`None` for a `__slots__` member, which has no `__objclass__`).
fn this(args: &[Value], what: &str) -> PyResult<(Rc<Instance>, Option<Rc<Class>>)> {
    match args.first() {
        Some(Value::Instance(d)) => {
            let oc = match field(d, "__objclass__") {
                Value::Class(c) => Some(c),
                _ => None,
            };
            Ok((d.clone(), oc))
        }
        _ => Err(Exc::type_err(format!(
            "descriptor '{what}' needs an argument"
        ))),
    }
}

/// CPython's check that `obj` is an instance of the descriptor's class.
fn check_applies(it: &Interp, d: &Instance, oc: &Rc<Class>, obj: &Value) -> PyResult<()> {
    if it.type_of(obj).is_subclass(oc) {
        return Ok(());
    }
    Err(Exc::type_err(format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        field_str(d, "__name__"),
        oc.name,
        crate::builtins::type_name(obj)
    )))
}

/// `descr.__get__(obj, type=None)`: the attribute of `obj`; the descriptor itself for `obj` None.
fn descr_get(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let (d, oc) = this(args, "__get__")?;
    let obj = args.get(1).cloned().unwrap_or(Value::None);
    let ty = args.get(2).cloned().unwrap_or(Value::None);
    if args.len() < 2 {
        return Err(Exc::type_err(format!(
            "expected at least 1 argument, got {}",
            args.len().saturating_sub(1)
        )));
    }
    if matches!(obj, Value::None) {
        if matches!(ty, Value::None) {
            return Err(Exc::type_err("__get__(None, None) is invalid"));
        }
        return Ok(Value::Instance(d));
    }
    let name = field_str(&d, "__name__");
    match oc {
        Some(oc) => {
            check_applies(it, &d, &oc, &obj)?;
            it.get_attr(&obj, &name)
        }
        // A `__slots__` member: the instance's slot value.
        None => it.get_attr(&obj, &name),
    }
}

/// `descr.__set__(obj, value)`: built-in types' data attributes are read-only.
fn descr_set(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let (d, oc) = this(args, "__set__")?;
    let (Some(obj), Some(v)) = (args.get(1), args.get(2)) else {
        return Err(Exc::type_err(format!(
            "expected 2 arguments, got {}",
            args.len().saturating_sub(1)
        )));
    };
    let name = field_str(&d, "__name__");
    match oc {
        Some(oc) => {
            check_applies(it, &d, &oc, obj)?;
            Err(read_only(&d, &oc))
        }
        None => {
            it.set_attr(obj, &name, v.clone())?;
            Ok(Value::None)
        }
    }
}

/// `descr.__delete__(obj)`.
fn descr_delete(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let (d, oc) = this(args, "__delete__")?;
    let Some(obj) = args.get(1) else {
        return Err(Exc::type_err("expected 1 argument, got 0"));
    };
    let name = field_str(&d, "__name__");
    match oc {
        Some(oc) => {
            check_applies(it, &d, &oc, obj)?;
            Err(read_only(&d, &oc))
        }
        None => {
            it.del_attr(obj, &name)?;
            Ok(Value::None)
        }
    }
}

fn read_only(d: &Instance, oc: &Class) -> Box<Exc> {
    if &*d.class.name == "member_descriptor" {
        Exc::new("AttributeError", "readonly attribute")
    } else {
        Exc::new(
            "AttributeError",
            format!(
                "attribute '{}' of '{}' objects is not writable",
                field_str(d, "__name__"),
                oc.name
            ),
        )
    }
}

/// The class method a class method descriptor stands for, bound to `cls`.
fn cm_bound(it: &mut Interp, d: &Instance, cls: &Value) -> PyResult<Value> {
    let name = field_str(d, "__name__");
    it.get_attr(cls, &name)
}

/// `dict.__dict__['fromkeys'].__get__(obj, type=None)`: the method bound to `type` (or `obj`'s type).
fn cm_get(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let (d, oc) = this(args, "__get__")?;
    let obj = args.get(1).cloned().unwrap_or(Value::None);
    let ty = args.get(2).cloned().unwrap_or(Value::None);
    let cls = match (&obj, &ty) {
        (_, Value::Class(_)) => ty.clone(),
        (Value::None, _) => {
            return Err(Exc::type_err(format!(
                "descriptor '{}' for type '{}' needs either an object or a type",
                field_str(&d, "__name__"),
                oc.as_ref().map(|c| c.name.to_string()).unwrap_or_default()
            )));
        }
        (o, _) => Value::Class(it.type_of(o)),
    };
    if let (Some(oc), Value::Class(c)) = (&oc, &cls)
        && !c.is_subclass(oc)
    {
        return Err(Exc::type_err(format!(
            "descriptor '{}' for type '{}' doesn't apply to type '{}'",
            field_str(&d, "__name__"),
            oc.name,
            c.name
        )));
    }
    cm_bound(it, &d, &cls)
}

/// `dict.__dict__['fromkeys'](dict, keys)`: the class first, then the method's arguments.
fn cm_call(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let (d, oc) = this(args, "__call__")?;
    let name = field_str(&d, "__name__");
    let ocname = oc.as_ref().map(|c| c.name.to_string()).unwrap_or_default();
    let Some(cls) = args.get(1) else {
        return Err(Exc::type_err(format!(
            "descriptor '{name}' of '{ocname}' object needs an argument"
        )));
    };
    let Value::Class(c) = cls else {
        return Err(Exc::type_err(format!(
            "descriptor '{name}' for type '{ocname}' needs a type, not a '{}' as arg 2",
            crate::builtins::type_name(cls)
        )));
    };
    if let Some(oc) = &oc
        && !c.is_subclass(oc)
    {
        return Err(Exc::type_err(format!(
            "descriptor '{name}' requires a subtype of '{ocname}' but received '{}'",
            c.name
        )));
    }
    let f = cm_bound(it, &d, cls)?;
    let kw: Vec<(RcStr, Value)> = kw.to_vec();
    it.call(&f, args[2..].to_vec(), kw)
}

/// CPython's type of the native special method `name` of `object`, `type` or `BaseException` that evalx
/// keeps as a bare native (`object.__str__`: `wrapper_descriptor`; `object.__dir__`: `method_descriptor`).
pub(crate) fn native_slot_type(name: &str) -> &'static str {
    let ty = crate::describe::builtin_member_type("BaseException", name)
        .or_else(|| crate::describe::builtin_member_type("type", name));
    match ty {
        Some("method_descriptor") => "method_descriptor",
        _ => "wrapper_descriptor",
    }
}

/// The type of `recv.name` for such a native bound to `recv`: `method-wrapper` for a slot wrapper,
/// `builtin_function_or_method` for a method.
pub(crate) fn native_slot_bound_type(name: &str) -> &'static str {
    match native_slot_type(name) {
        "method_descriptor" => "builtin_function_or_method",
        _ => "method-wrapper",
    }
}

/// The class whose dict holds the native special method `f` (`object` for `object().__str__`): searched
/// along `recv`'s type's MRO, else among `object`, `type` and the exception classes.
pub(crate) fn slot_owner(it: &Interp, f: &Rc<Builtin>, recv: Option<&Value>) -> Rc<Class> {
    let holds = |k: &Rc<Class>| {
        let own = k.attrs.borrow().get_str(f.name).cloned();
        let own = own.or_else(|| super::object_type_member(k, f.name));
        matches!(own, Some(Value::Builtin(g)) if Rc::ptr_eq(&g, f))
    };
    if let Some(r) = recv {
        let mro = it.type_of(r).mro.borrow().clone();
        if let Some(k) = mro.iter().find(|k| holds(k)) {
            return k.clone();
        }
    }
    let t = &it.types;
    [&t.object, &t.type_]
        .into_iter()
        .chain(t.exc.values())
        .find(|k| holds(k))
        .cloned()
        .unwrap_or_else(|| t.object.clone())
}
