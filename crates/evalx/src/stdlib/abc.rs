//! `abc`: `ABC`, `ABCMeta`, `abstractmethod` (and the older `abstractclassmethod`/`abstractstaticmethod`/
//! `abstractproperty`), `register` of virtual subclasses, `__subclasshook__`, `get_cache_token` and
//! `update_abstractmethods`.
//!
//! CPython computes a class's `__abstractmethods__` in `ABCMeta.__new__` and refuses to instantiate a class
//! whose set is not empty. evalx has no metaclasses yet, so two small hooks do the same: when a class is
//! created under a base that has `__abstractmethods__` (`ABC` and everything below it), [`class_created`]
//! computes the new class's own set; and `construct` calls [`check_instantiable`] for a class that holds
//! one. `isinstance`/`issubclass` reach the registry and `__subclasshook__` through the `_abc_impl`
//! hook every such class carries. `class C(metaclass=ABCMeta)` goes through `ABCMeta.__new__`, which
//! gives the class its set and hook.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{Class, Kind, Value};
use std::rc::Rc;

const SOURCE: &str = r#"
_token = [0]
_registries = {}

def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj

def abstractclassmethod(callable):
    callable.__isabstractmethod__ = True
    return classmethod(callable)

def abstractstaticmethod(callable):
    callable.__isabstractmethod__ = True
    return staticmethod(callable)

def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    for f in (fget, fset, fdel):
        if f is not None:
            f.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)

def get_cache_token():
    return _token[0]

def _abc_check(cls, C):
    hook = getattr(cls, '__subclasshook__', None)
    if hook is not None:
        ok = hook(C)
        if ok is not NotImplemented:
            return bool(ok)
    for r in _registries.get(cls, ()):
        if issubclass(C, r):
            return True
    # A class registered with a subclass of cls is a subclass of cls too (ABCMeta asks the subclasses).
    for k, regs in list(_registries.items()):
        if k is not cls and cls in getattr(k, '__mro__', ()):
            for r in regs:
                if issubclass(C, r):
                    return True
    return False

class ABCMeta(type):
    """Metaclass for defining Abstract Base Classes (ABCs)."""
    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        if not hasattr(cls, '__abstractmethods__'):
            cls.__abstractmethods__ = frozenset()
            cls._abc_impl = _abc_check
            _update(cls)
        return cls
    def register(cls, subclass):
        return _register(cls, subclass)

def _register(cls, subclass):
    if not isinstance(subclass, type):
        raise TypeError("Can only register classes")
    if issubclass(subclass, cls):
        return subclass
    if issubclass(cls, subclass):
        raise RuntimeError("Refusing to create an inheritance cycle")
    _registries.setdefault(cls, []).append(subclass)
    _token[0] += 1
    return subclass

class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using
inheritance."""
    __slots__ = ()
    __abstractmethods__ = frozenset()
    _abc_impl = _abc_check

    @classmethod
    def register(cls, subclass):
        return _register(cls, subclass)

    @classmethod
    def __subclasshook__(cls, C):
        return NotImplemented

    @classmethod
    def _abc_registry_clear(cls):
        _registries.pop(cls, None)

def update_abstractmethods(cls):
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    _update(cls)
    return cls
"#;

/// Whether a class attribute counts as abstract (a function marked by `abstractmethod`, a classmethod or
/// staticmethod around one, a property with an abstract accessor).
fn is_abstract(it: &mut Interp, v: &Value) -> PyResult<bool> {
    match v {
        Value::Builtin(b) if matches!(b.name, "<classmethod>" | "<staticmethod>") => {
            match &b.this {
                Some(f) => is_abstract(it, f),
                None => Ok(false),
            }
        }
        Value::Instance(i) if &*i.class.name == "property" => {
            for n in ["fget", "fset", "fdel"] {
                let f = i.dict.borrow().get_str(n).cloned();
                if let Some(f) = f {
                    if !matches!(f, Value::None) && is_abstract(it, &f)? {
                        return Ok(true);
                    }
                }
            }
            Ok(false)
        }
        Value::Func(_) | Value::Instance(_) | Value::Class(_) => {
            match it.get_attr_opt(v, "__isabstractmethod__")? {
                Some(x) => it.truthy(&x),
                None => Ok(false),
            }
        }
        _ => Ok(false),
    }
}

/// Computes and stores `cls.__abstractmethods__` (the names whose resolved value is abstract, among the
/// class's own attributes and its bases' abstract names).
fn compute(it: &mut Interp, cls: &Rc<Class>) -> PyResult<()> {
    let mut names: Vec<String> = Vec::new();
    let own: Vec<(Value, Value)> = cls
        .attrs
        .borrow()
        .map()
        .iter()
        .map(|(k, v)| (k.0.clone(), v.clone()))
        .collect();
    for (k, v) in own {
        if let Value::Str(s) = &k {
            if &**s != "__abstractmethods__" && is_abstract(it, &v)? {
                names.push(s.to_string());
            }
        }
    }
    for b in cls.bases.clone() {
        let Some(am) = b.lookup("__abstractmethods__") else {
            continue;
        };
        for n in it.collect(&am)? {
            let Value::Str(n) = n else { continue };
            if names.iter().any(|x| **x == *n) {
                continue;
            }
            if let Some(v) = cls.lookup(&n) {
                if is_abstract(it, &v)? {
                    names.push(n.to_string());
                }
            }
        }
    }
    names.sort();
    let set = crate::value::SetObj {
        items: Default::default(),
        frozen: true,
    };
    for n in names {
        let k = it.key(Value::str(&n))?;
        set.items.add(k);
    }
    cls.attrs
        .borrow_mut()
        .set_str("__abstractmethods__", Value::Set(Rc::new(set)));
    crate::value::bump_class_epoch();
    Ok(())
}

/// The class-creation hook: a class created below a base that has `__abstractmethods__` gets its own set,
/// and the `_abc_impl` that lets `isinstance` consult its registry and `__subclasshook__`.
pub(crate) fn class_created(it: &mut Interp, cls: &Rc<Class>) -> PyResult<()> {
    if cls.kind != Kind::User {
        return Ok(());
    }
    let governed = cls
        .mro
        .borrow()
        .iter()
        .skip(1)
        .any(|c| c.attrs.borrow().get_str("__abstractmethods__").is_some());
    if !governed {
        return Ok(());
    }
    compute(it, cls)?;
    if cls.attrs.borrow().get_str("_abc_impl").is_none() {
        let check = cls
            .mro
            .borrow()
            .iter()
            .skip(1)
            .find_map(|c| c.attrs.borrow().get_str("_abc_impl").cloned());
        if let Some(f) = check {
            cls.attrs.borrow_mut().set_str("_abc_impl", f);
        }
    }
    Ok(())
}

/// Refuses to instantiate a class whose `__abstractmethods__` is not empty, with CPython's text.
pub(crate) fn check_instantiable(it: &mut Interp, cls: &Rc<Class>) -> PyResult<()> {
    let Some(am) = cls.lookup("__abstractmethods__") else {
        return Ok(());
    };
    // A concrete class (the common case) holds an empty set: nothing to collect.
    if let Value::Set(set) = &am {
        if set.items.borrow().is_empty() {
            return Ok(());
        }
    }
    let mut names: Vec<String> = Vec::new();
    for n in it.collect(&am)? {
        names.push(it.to_str(&n)?);
    }
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    Err(Exc::type_err(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        cls.name,
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    )))
}

/// `_update(cls)`: recomputes `cls.__abstractmethods__` (`update_abstractmethods`).
fn update(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_update", args, kw, 1, 1)?;
    if let Value::Class(c) = &args[0] {
        compute(it, c)?;
    }
    Ok(Value::None)
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "abc",
        "Abstract Base Classes (ABCs) according to PEP 3119.",
        &[("_update", update)],
        SOURCE,
    )
}
