//! `weakref`: `ref` (`ReferenceType`), `proxy` (`ProxyType`/`CallableProxyType`), `getweakrefcount`, `getweakrefs`,
//! `WeakValueDictionary`, `WeakKeyDictionary`, `WeakSet`, `finalize` and `ReferenceError`.
//!
//! evalx frees an object when its last `Rc` goes, so a weak reference is a `std::rc::Weak` of the
//! object's `Rc` (instances, functions, classes, bound methods, modules, sets, built-in functions: the
//! generators: the kinds CPython lets a program weakly reference); `r()` is `None` as soon as the last strong reference
//! is gone, exactly as in CPython. Values CPython refuses (`int`, `str`, `tuple`, `list`, `dict`,
//! `object()`...) raise its `TypeError: cannot create weak reference to 'int' object`.
//!
//! Callbacks (a `ref`'s callback, `finalize`) cannot run inside the drop itself (a drop has no access to
//! the interpreter); they run at the next *sweep*: every operation of this module (creating or calling a
//! reference, any `WeakValueDictionary`/`WeakKeyDictionary`/`WeakSet`/`finalize` method,
//! `getweakrefcount`) and `gc.collect()` first call the callbacks of every referent that has died since.

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{Builtin, Class, Function, Instance, Iter, Module, NativeState, SetObj, Value};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// The weak side of an object's `Rc`.
enum WeakObj {
    Instance(Weak<Instance>),
    Func(Weak<Function>),
    Class(Weak<Class>),
    Bound(Weak<(Value, Value)>),
    Module(Weak<Module>),
    Set(Weak<SetObj>),
    Builtin(Weak<Builtin>),
    Iter(Weak<RefCell<Iter>>),
}

impl WeakObj {
    fn of(v: &Value) -> Option<WeakObj> {
        Some(match v {
            Value::Instance(i) if !(i.class.name.as_str() == "object" && i.native.is_none()) => {
                WeakObj::Instance(Rc::downgrade(i))
            }
            Value::Func(f) => WeakObj::Func(Rc::downgrade(f)),
            Value::Class(c) => WeakObj::Class(Rc::downgrade(c)),
            Value::Bound(b) => WeakObj::Bound(Rc::downgrade(b)),
            Value::Module(m) => WeakObj::Module(Rc::downgrade(m)),
            Value::Set(s) => WeakObj::Set(Rc::downgrade(s)),
            Value::Builtin(b) => WeakObj::Builtin(Rc::downgrade(b)),
            Value::Iter(i) => WeakObj::Iter(Rc::downgrade(i)),
            _ => return None,
        })
    }

    fn get(&self) -> Option<Value> {
        Some(match self {
            WeakObj::Instance(w) => Value::Instance(w.upgrade()?),
            WeakObj::Func(w) => Value::Func(w.upgrade()?),
            WeakObj::Class(w) => Value::Class(w.upgrade()?),
            WeakObj::Bound(w) => Value::Bound(w.upgrade()?),
            WeakObj::Module(w) => Value::Module(w.upgrade()?),
            WeakObj::Set(w) => Value::Set(w.upgrade()?),
            WeakObj::Builtin(w) => Value::Builtin(w.upgrade()?),
            WeakObj::Iter(w) => Value::Iter(w.upgrade()?),
        })
    }
}

/// How many `Weak`s point at the object: the program's weak references and proxies.
fn weak_count(v: &Value) -> usize {
    match v {
        // `array`'s memory of recently indexed arrays holds a `Weak` of its own.
        Value::Instance(i) => {
            Rc::weak_count(i).saturating_sub(crate::stdlib::array::remembered_weaks(i))
        }
        Value::Func(f) => Rc::weak_count(f),
        Value::Class(c) => Rc::weak_count(c),
        Value::Bound(b) => Rc::weak_count(b),
        Value::Module(m) => Rc::weak_count(m),
        Value::Set(s) => Rc::weak_count(s),
        Value::Builtin(b) => Rc::weak_count(b),
        Value::Iter(i) => Rc::weak_count(i),
        _ => 0,
    }
}

fn state(v: &Value) -> PyResult<Rc<NativeState>> {
    match v {
        Value::Native(s) if s.0.borrow().is::<WeakObj>() => Ok(s.clone()),
        _ => Err(Exc::type_err("expected a weak reference state")),
    }
}

/// `_new(obj)`: the weak state of `obj`, or CPython's TypeError.
fn w_new(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [obj] = args else {
        return Err(Exc::type_err("_new(obj)"));
    };
    match WeakObj::of(obj) {
        Some(w) => Ok(Value::Native(Rc::new(NativeState(RefCell::new(Box::new(
            w,
        )))))),
        None => Err(Exc::type_err(format!(
            "cannot create weak reference to '{}' object",
            crate::builtins::type_name(obj)
        ))),
    }
}

/// `_get(state)`: the referent, or `None` once it died.
fn w_get(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [s] = args else {
        return Err(Exc::type_err("_get(state)"));
    };
    let s = state(s)?;
    let b = s.0.borrow();
    Ok(b.downcast_ref::<WeakObj>()
        .and_then(WeakObj::get)
        .unwrap_or(Value::None))
}

/// `_alive(state)`: whether the referent still lives.
fn w_alive(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [s] = args else {
        return Err(Exc::type_err("_alive(state)"));
    };
    let s = state(s)?;
    let b = s.0.borrow();
    let alive = b.downcast_ref::<WeakObj>().is_some_and(|w| match w {
        WeakObj::Instance(w) => w.strong_count() > 0,
        WeakObj::Func(w) => w.strong_count() > 0,
        WeakObj::Class(w) => w.strong_count() > 0,
        WeakObj::Bound(w) => w.strong_count() > 0,
        WeakObj::Module(w) => w.strong_count() > 0,
        WeakObj::Set(w) => w.strong_count() > 0,
        WeakObj::Builtin(w) => w.strong_count() > 0,
        WeakObj::Iter(w) => w.strong_count() > 0,
    });
    Ok(Value::Bool(alive.into()))
}

/// `_count(obj)`: the number of weak references and proxies to `obj`.
fn w_count(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [obj] = args else {
        return Err(Exc::type_err("_count(obj)"));
    };
    Ok(Value::Int(weak_count(obj) as i64))
}

/// `_bind(func, obj)`: the method `func` bound to `obj` (what `WeakMethod` gives back).
fn w_bind(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let [func, obj] = args else {
        return Err(Exc::type_err("_bind(func, obj)"));
    };
    Ok(Value::Bound(Rc::new((obj.clone(), func.clone()))))
}

/// `_collect(generation=2)`: `gc.collect()`'s work: queued finalizers, then the reference cycles among
/// the instances of that generation and the younger ones (see `interp::finalize`); the number freed.
fn w_collect(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let generation = match args {
        [] => 2,
        [Value::Int(g)] if (0..=2).contains(g) => *g as usize,
        _ => return Err(Exc::type_err("_collect(generation)")),
    };
    Ok(Value::Int(it.collect_generation(generation, false)? as i64))
}

/// `_gc(op, *args)`: the cycle collector's settings for `gc`: `"enable"`/`"disable"`, `"isenabled"`,
/// `"get_threshold"`, `"set_threshold", t0, t1, t2`, `"get_count"`.
fn w_gc(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    use crate::interp::finalize as f;
    let int = |v: &Value| match v {
        Value::Int(n) => Ok((*n).clamp(0, u32::MAX as i64) as u32),
        Value::Bool(b) => Ok(b.get() as u32),
        _ => Err(Exc::type_err("an integer is required")),
    };
    let triple = |t: [u32; 3]| Value::tuple(t.iter().map(|&n| Value::Int(n as i64)).collect());
    match args {
        [Value::Str(op), rest @ ..] => match (op.as_str(), rest) {
            ("enable", []) => f::set_enabled(true),
            ("disable", []) => f::set_enabled(false),
            ("isenabled", []) => return Ok(Value::Bool(f::is_enabled().into())),
            ("get_threshold", []) => return Ok(triple(f::thresholds())),
            ("get_count", []) => return Ok(triple(f::counts())),
            ("set_threshold", [a, b, c]) => f::set_thresholds([int(a)?, int(b)?, int(c)?]),
            _ => return Err(Exc::type_err("_gc(op, *args)")),
        },
        _ => return Err(Exc::type_err("_gc(op, *args)")),
    }
    Ok(Value::None)
}

const SOURCE: &str = include_str!("py/weakref.py");

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "weakref",
        "Weak reference support for Python.\n\nThis module is an implementation of PEP 205:\n\nhttps://peps.python.org/pep-0205/\n",
        &[
            ("_new", w_new),
            ("_get", w_get),
            ("_alive", w_alive),
            ("_count", w_count),
            ("_bind", w_bind),
            ("_collect", w_collect),
            ("_gc", w_gc),
        ],
        SOURCE,
    )
}
