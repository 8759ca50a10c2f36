//! `copy`: `copy`, `deepcopy` (with a memo that keeps shared and cyclic structure, the
//! `__copy__`/`__deepcopy__` hooks, `__reduce_ex__`/`__reduce__` with `__setstate__`) and `Error`.
//!
//! `deepcopy` walks lists, tuples, dicts and plain user instances natively, with CPython's memo (a dict
//! from `id` to copy, the originals kept alive under `memo[id(memo)]`, which `__deepcopy__` hooks see
//! as they do under CPython); everything else (sets, instances with copy hooks, a memo that is not a
//! dict) goes through the Python-level `_deepcopy_other`, which calls back into the native walk.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::thin::RcStr;
use crate::value::{Class, Dict, Instance, Key, Kind, Value, no_user_hash, str_key_hash};
use std::cell::RefCell;
use std::rc::Rc;

/// `_blank(cls)`: an instance of the user class `cls` with an empty `__dict__` and no `__init__` run
/// (what `copy` fills in; CPython gets it from `cls.__reduce_ex__`).
fn blank(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_blank", args, kw, 1, 1)?;
    match &args[0] {
        Value::Class(c) if c.kind == Kind::User => Ok(blank_of(c)),
        other => Err(Exc::type_err(format!(
            "cannot pickle '{}' object",
            crate::builtins::type_name(other)
        ))),
    }
}

fn blank_of(c: &Rc<Class>) -> Value {
    Value::Instance(Rc::new(Instance {
        class: c.clone(),
        dict: Instance::new_dict(c),
        hash: no_user_hash(),
        // A subclass of `dict`/`list` carries an empty one, which the copy fills (CPython's
        // `copyreg.__newobj__` then the reduction's `dictitems`/`listitems`).
        native: match c.native {
            Kind::Dict => Some(Value::dict(Dict::new())),
            Kind::List => Some(Value::list(Vec::new())),
            _ => None,
        },
    }))
}

/// `id(v)` of a value the walk memoizes (containers and instances: never an int or a float).
fn id_key(v: &Value) -> Key {
    Key(Value::Int(v.identity() as i64 & i64::MAX))
}

/// The names whose definition anywhere along a class's MRO sends its instances to the Python path:
/// the copy hooks, and what changes how an instance is made or read.
const HOOKS: [&str; 8] = [
    "__deepcopy__",
    "__reduce_ex__",
    "__reduce__",
    "__getstate__",
    "__setstate__",
    "__new__",
    "__getattr__",
    "__getattribute__",
];

/// Whether instance `i` is a plain object of user classes that CPython copies by `object.__reduce_ex__`:
/// a new blank instance of its class, then its `__dict__` deep-copied into the new one's.
fn plain_instance(i: &Instance) -> bool {
    let c = &i.class;
    if c.kind != Kind::User || i.native.is_some() || c.slots.is_some() || c.meta.is_some() {
        return false;
    }
    let mro = c.mro.borrow();
    for (n, k) in mro.iter().enumerate() {
        let last = n + 1 == mro.len();
        if !(k.kind == Kind::User || (last && k.kind == Kind::Object)) {
            return false;
        }
        if k.kind == Kind::User {
            let attrs = k.attrs.borrow();
            if HOOKS.iter().any(|h| attrs.get_str(h).is_some()) {
                return false;
            }
        }
    }
    i.dict.get_str("__deepcopy__").is_none() && i.dict.get_str("__reduce_ex__").is_none()
}

/// Whether `copyreg.dispatch_table` (when a program imported `copyreg`) names class `c`: its reductor
/// copies it, as CPython's `copy` asks the table first.
fn registered(it: &Interp, c: &Rc<Class>) -> bool {
    let Some(Value::Module(m)) = it.modules.borrow().get_str("copyreg").cloned() else {
        return false;
    };
    let Some(Value::Dict(t)) = m.dict.borrow().get_str("dispatch_table").cloned() else {
        return false;
    };
    let t = t.borrow();
    !t.map().is_empty() && t.map().contains_key(&Key(Value::Class(c.clone())))
}

/// One deep copy: the memo `memo` (the dict value `memo_v`).
struct Walk<'a> {
    memo: &'a Rc<RefCell<Dict>>,
    memo_v: &'a Value,
}

impl Walk<'_> {
    fn copy(&self, it: &mut Interp, x: &Value) -> PyResult<Value> {
        match x {
            Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Big(_)
            | Value::Float(_)
            | Value::Complex(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Range(_)
            | Value::BigRange(_)
            | Value::Func(_)
            | Value::Builtin(_)
            | Value::Class(_)
            | Value::Ellipsis
            | Value::NotImplemented => return Ok(x.clone()),
            _ => {}
        }
        let d = id_key(x);
        if let Some(y) = self.memo.borrow().map().get(&d) {
            return Ok(y.clone());
        }
        // Each level is two Python frames under CPython (`deepcopy` and its per-type copier).
        if it.depth() + 2 > it.limits.recursion || crate::guard::stack_low() {
            return Err(Exc::new(
                "RecursionError",
                "maximum recursion depth exceeded while calling a Python object",
            ));
        }
        it.depth += 2;
        let r = self.copy_new(it, x, &d);
        it.depth -= 2;
        let y = r?;
        if !same(&y, x) {
            self.memo.borrow_mut().map_mut().insert(d, y.clone());
            self.keep_alive(x);
        }
        Ok(y)
    }

    /// `memo[id(memo)].append(x)` (a new list there the first time).
    fn keep_alive(&self, x: &Value) {
        let k = id_key(self.memo_v);
        let list = self.memo.borrow().map().get(&k).cloned();
        match list {
            Some(Value::List(l)) => l.borrow_mut().push(x.clone()),
            _ => {
                self.memo
                    .borrow_mut()
                    .map_mut()
                    .insert(k, Value::list(vec![x.clone()]));
            }
        }
    }

    fn remember(&self, d: &Key, y: &Value) {
        self.memo
            .borrow_mut()
            .map_mut()
            .insert(d.clone(), y.clone());
    }

    fn copy_new(&self, it: &mut Interp, x: &Value, d: &Key) -> PyResult<Value> {
        match x {
            Value::List(l) => {
                let y = Rc::new(RefCell::new(crate::value::PyList(Vec::with_capacity(
                    l.borrow().len(),
                ))));
                let yv = Value::List(y.clone());
                self.remember(d, &yv);
                let mut n = 0;
                loop {
                    let a = match l.borrow().get(n) {
                        Some(a) => a.clone(),
                        None => break,
                    };
                    let c = self.copy(it, &a)?;
                    y.borrow_mut().push(c);
                    n += 1;
                }
                Ok(yv)
            }
            Value::Tuple(t) => {
                let mut items = Vec::with_capacity(t.len());
                for a in t.iter() {
                    items.push(self.copy(it, a)?);
                }
                if let Some(y) = self.memo.borrow().map().get(d) {
                    return Ok(y.clone());
                }
                if items.iter().zip(t.iter()).all(|(j, k)| same(j, k)) {
                    Ok(x.clone())
                } else {
                    Ok(Value::tuple(items))
                }
            }
            Value::Dict(src) => {
                let y = Rc::new(RefCell::new(Dict::new()));
                let yv = Value::Dict(y.clone());
                self.remember(d, &yv);
                let entries: Vec<(Value, Value)> = src
                    .borrow()
                    .map()
                    .iter()
                    .map(|(k, v)| (k.0.clone(), v.clone()))
                    .collect();
                for (k, v) in entries {
                    let k2 = self.copy(it, &k)?;
                    let v2 = self.copy(it, &v)?;
                    let key = it.dict_key(k2, &y)?;
                    y.borrow_mut().map_mut().insert(key, v2);
                }
                Ok(yv)
            }
            Value::Instance(i) if plain_instance(i) && !registered(it, &i.class) => {
                let state = i.dict.to_dict();
                if !state.map().keys().all(|k| matches!(k.0, Value::Str(_))) {
                    return self.other(it, x);
                }
                let yv = blank_of(&i.class);
                self.remember(d, &yv);
                let Value::Instance(y) = &yv else {
                    unreachable!("blank_of makes an instance")
                };
                for (k, v) in state.map() {
                    let Value::Str(name) = &k.0 else { continue };
                    let c = self.copy(it, v)?;
                    let name: &RcStr = name;
                    y.dict.set(name, str_key_hash(name), c);
                }
                Ok(yv)
            }
            _ => self.other(it, x),
        }
    }

    /// The Python-level path (`_deepcopy_other(x, memo)`).
    fn other(&self, it: &mut Interp, x: &Value) -> PyResult<Value> {
        let f = python_helper(it)?;
        it.call(&f, vec![x.clone(), self.memo_v.clone()], Vec::new())
    }
}

/// `x is y`.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(p), Value::Int(q)) => p == q,
        (Value::Float(p), Value::Float(q)) => p.to_bits() == q.to_bits(),
        _ => std::mem::discriminant(a) == std::mem::discriminant(b) && a.identity() == b.identity(),
    }
}

/// The module's Python-level `_deepcopy_other`.
fn python_helper(it: &mut Interp) -> PyResult<Value> {
    let m = it.modules.borrow().get_str("copy").cloned();
    let m = match m {
        Some(m) => m,
        None => it.import("copy")?,
    };
    if let Value::Module(md) = &m {
        if let Some(f) = md.dict.borrow().get_str("_deepcopy_other") {
            return Ok(f.clone());
        }
    }
    Err(Exc::new(
        "ImportError",
        "evalx's copy._deepcopy_other is missing",
    ))
}

/// `deepcopy(x, memo=None)`.
fn deepcopy(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut memo = args.get(1).cloned();
    for (k, v) in kw {
        match &**k {
            "memo" if memo.is_none() => memo = Some(v.clone()),
            "memo" => {
                return Err(Exc::type_err(
                    "deepcopy() got multiple values for argument 'memo'",
                ));
            }
            "_nil" => {}
            other => {
                return Err(Exc::type_err(format!(
                    "deepcopy() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    if args.is_empty() || args.len() > 3 {
        return Err(Exc::type_err(format!(
            "deepcopy() takes from 1 to 3 positional arguments but {} were given",
            args.len()
        )));
    }
    let memo_v = match memo {
        None | Some(Value::None) => Value::Dict(Rc::new(RefCell::new(Dict::new()))),
        Some(m @ Value::Dict(_)) => m,
        // A memo of another mapping type: the whole copy at the Python level.
        Some(m) => {
            let f = python_helper(it)?;
            return it.call(&f, vec![args[0].clone(), m], Vec::new());
        }
    };
    let Value::Dict(memo) = &memo_v else {
        unreachable!("memo_v is a dict")
    };
    Walk {
        memo,
        memo_v: &memo_v,
    }
    .copy(it, &args[0])
}

const SOURCE: &str = r#"
class Error(Exception):
    pass

error = Error

_ATOMIC = (type(None), int, float, bool, str, bytes, range, type, type(len),
           type(lambda: 0), type(Ellipsis), type(NotImplemented), frozenset)

def copy(x):
    cls = type(x)
    if cls in _ATOMIC or cls is tuple:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if isinstance(x, type):
        return x
    c = getattr(cls, '__copy__', None)
    if c is not None:
        return c(x)
    reductor = _dispatch_table().get(cls)
    rv = reductor(x) if reductor is not None else _reduce(x)
    if rv is not None:
        if isinstance(rv, str):
            return x
        return _reconstruct(x, None, *rv)
    new = _blank(cls)
    try:
        state = x.__dict__
    except AttributeError:
        state = {}
    for k, v in state.items():
        setattr(new, k, v)
    if isinstance(x, dict):
        for k, v in x.items():
            new[k] = v
    elif isinstance(x, list):
        new.extend(x)
    return new

def _deepcopy_other(x, memo):
    """What the native `deepcopy` leaves to Python: a memo of another mapping type (the whole walk), sets,
    and objects with copy hooks (`__deepcopy__`, `__reduce_ex__`/`__reduce__`, `__getstate__`/
    `__setstate__`), slots or a custom `__new__`."""
    if type(memo) is not dict:
        d = id(x)
        y = memo.get(d, _deepcopy_other)
        if y is not _deepcopy_other:
            return y
        y = _deepcopy_any(x, memo)
        if y is not x:
            memo[d] = y
            try:
                memo[id(memo)].append(x)
            except KeyError:
                memo[id(memo)] = [x]
        return y
    return _deepcopy_any(x, memo)

def _deepcopy_any(x, memo):
    cls = type(x)
    if cls in _ATOMIC and cls is not frozenset or isinstance(x, type):
        return x
    if cls is list:
        y = []
        memo[id(x)] = y
        for a in x:
            y.append(deepcopy(a, memo))
        return y
    if cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        if id(x) in memo:
            return memo[id(x)]
        for k, j in zip(x, items):
            if k is not j:
                return tuple(items)
        return x
    if cls is dict:
        y = {}
        memo[id(x)] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
        return y
    if cls is set:
        y = set()
        memo[id(x)] = y
        for a in x:
            y.add(deepcopy(a, memo))
        return y
    if cls is frozenset:
        return frozenset([deepcopy(a, memo) for a in x])
    c = getattr(x, '__deepcopy__', None)
    if c is not None:
        return c(memo)
    reductor = _dispatch_table().get(cls)
    rv = reductor(x) if reductor is not None else _reduce(x)
    if rv is not None:
        if isinstance(rv, str):
            return x
        return _reconstruct(x, memo, *rv)
    y = cls.__new__(cls) if _defines(cls, '__new__') else _blank(cls)
    memo[id(x)] = y
    if _defines(cls, '__getstate__'):
        state = x.__getstate__()
    else:
        state = getattr(x, '__dict__', None) or None
        slots = {}
        for klass in cls.__mro__:
            names = klass.__dict__.get('__slots__', ())
            for name in ((names,) if isinstance(names, str) else names):
                if name not in ('__dict__', '__weakref__') and hasattr(x, name):
                    slots[name] = getattr(x, name)
        if slots:
            state = (state, slots)
    if state is not None:
        _set_state(y, deepcopy(state, memo))
    if isinstance(x, dict):
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif isinstance(x, list):
        for v in x:
            y.append(deepcopy(v, memo))
    return y

def _defines(cls, name):
    for klass in cls.__mro__:
        if klass is not object and name in klass.__dict__:
            return True
    return False

def _reduce(x):
    """What `x.__reduce_ex__(4)` returns when its class (not `object`) defines `__reduce_ex__` or
    `__reduce__`; None otherwise."""
    for klass in type(x).__mro__:
        if klass is object:
            break
        own = klass.__dict__
        if '__reduce_ex__' in own:
            return x.__reduce_ex__(4)
        if '__reduce__' in own:
            return x.__reduce__()
    if isinstance(x, BaseException):
        # BaseException.__reduce__: the class called again with the args, then the attributes set.
        return (type(x), x.args, x.__dict__ or None)
    return None

def _set_state(y, state):
    setstate = getattr(y, '__setstate__', None)
    if setstate is not None:
        setstate(state)
        return
    slotstate = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    if state and isinstance(y, BaseException):
        # An exception's __dict__ is a filtered view (see builtins::exception_user_dict): set each name.
        for key, value in state.items():
            setattr(y, key, value)
    elif state:
        y.__dict__.update(state)
    if slotstate:
        for key, value in slotstate.items():
            setattr(y, key, value)

def _dispatch_table():
    import copyreg
    return copyreg.dispatch_table

def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None, state_setter=None):
    # `memo` is None for a shallow copy: the parts are shared, not copied.
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if state_setter is not None:
            state_setter(y, state)
        else:
            _set_state(y, state)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    return y
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "copy",
        "Generic (shallow and deep) copying operations.",
        &[("_blank", blank), ("deepcopy", deepcopy)],
        SOURCE,
    )
}
