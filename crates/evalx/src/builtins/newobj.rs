//! Object construction beyond the plain fast path, as CPython's `type.__call__` does it: a metaclass's
//! `__call__`, a user `__new__`, instances of built-in types' subclasses carrying their built-in value
//! (`class L(list)`), `object.__new__`, `type.__new__`/`type.__init__`/`type.__call__` (what metaclasses
//! reach through `super()`), and `object`'s generic `__setattr__`/`__getattribute__`/`__delattr__`.

use super::*;

/// The first definition of `name` in the user classes of `c`'s MRO, stopping at the first built-in class
/// that is not `object` (its own slot wins there: `list.__init__` for `class L(list)`).
pub(crate) fn user_lookup(c: &Class, name: &str) -> Option<Value> {
    for k in c.mro.borrow().iter() {
        match k.kind {
            Kind::User | Kind::Exception => {
                if let Some(v) = k.attrs.borrow().get_str(name) {
                    return Some(v.clone());
                }
            }
            Kind::Object => {}
            _ => return None,
        }
    }
    None
}

/// The built-in class of a native kind.
pub(crate) fn native_class(it: &Interp, k: Kind) -> Rc<Class> {
    let t = &it.types;
    match k {
        Kind::List => t.list.clone(),
        Kind::Dict => t.dict.clone(),
        Kind::Str => t.str_.clone(),
        Kind::Int => t.int.clone(),
        Kind::Float => t.float.clone(),
        Kind::Tuple => t.tuple.clone(),
        Kind::Set => t.set.clone(),
        Kind::FrozenSet => t.frozenset.clone(),
        Kind::Bytes => t.bytes.clone(),
        Kind::Type => t.type_.clone(),
        _ => t.object.clone(),
    }
}

/// The built-in value an instance of a built-in type's subclass carries.
#[inline]
pub(crate) fn native_value(v: &Value) -> Option<&Value> {
    match v {
        Value::Instance(i) => i.native.as_ref(),
        _ => None,
    }
}

fn plain_instance(c: &Rc<Class>, native: Option<Value>) -> Rc<Instance> {
    let inst = Rc::new(Instance {
        class: c.clone(),
        dict: Instance::new_dict(c),
        hash: crate::value::no_user_hash(),
        native,
    });
    crate::interp::finalize::register(&inst);
    inst
}

/// `base.__new__(sub, *args)` for a built-in `base`: a `sub` instance carrying the value `base(*args)`
/// would build (mutable containers start empty: their `__init__` fills them).
pub(crate) fn new_native_instance(
    it: &mut Interp,
    sub: &Rc<Class>,
    base: &Rc<Class>,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    let payload = match base.kind {
        Kind::List => Value::list(Vec::new()),
        Kind::Dict => Value::dict(Dict::new()),
        Kind::Set => crate::methods::construct_builtin(it, base, Vec::new(), Vec::new())?,
        Kind::Type => return type_new_impl(it, sub, args, kw),
        _ => crate::methods::construct_builtin(it, base, args, kw)?,
    };
    if Rc::ptr_eq(sub, base) {
        return Ok(payload);
    }
    // `reversed(seq)` of a sequence with `__reversed__` (a list, a dict...) is what that method returns,
    // whatever subclass of reversed was called, as in CPython.
    if base.kind == Kind::Iterator && &*base.name == "reversed" && type_name(&payload) != "reversed"
    {
        return Ok(payload);
    }
    Ok(Value::Instance(plain_instance(sub, Some(payload))))
}

/// Calls a class that cannot take the plain fast path (see `Class::lookup_init`).
pub(crate) fn construct_general(
    it: &mut Interp,
    c: &Rc<Class>,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    if let Some(meta) = &c.meta {
        if let Some(call) = user_lookup(meta, "__call__") {
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(Value::Class(c.clone()));
            a.extend(args);
            return it.call(&call, a, kw);
        }
    }
    type_call(it, c, args, kw)
}

fn unwrap_static(f: Value) -> Value {
    match f {
        Value::Builtin(b) if b.name == "<staticmethod>" => b.this.clone().unwrap_or(Value::None),
        other => other,
    }
}

/// `type.__call__(c, *args, **kw)`: `__new__`, then `__init__` when the result is an instance of `c`.
pub(crate) fn type_call(
    it: &mut Interp,
    c: &Rc<Class>,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    let cv = Value::Class(c.clone());
    let new = user_lookup(c, "__new__").map(unwrap_static);
    let obj = match &new {
        Some(f) => {
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(cv.clone());
            a.extend(args.iter().cloned());
            it.call(f, a, kw.clone())?
        }
        None => default_new(it, c, &args, &kw)?,
    };
    let oc = it.type_of(&obj);
    if !oc.is_subclass(c) {
        return Ok(obj);
    }
    // A metaclass's instances are classes: `type.__init__` takes the class's arguments and does nothing.
    if let Some(init) = user_lookup(&oc, "__init__") {
        let mut a = Vec::with_capacity(args.len() + 1);
        a.push(obj.clone());
        a.extend(args);
        let r = it.call(&init, a, kw)?;
        if !matches!(r, Value::None) {
            return Err(Exc::type_err(format!(
                "__init__() should return None, not '{}'",
                type_name(&r)
            )));
        }
        return Ok(obj);
    }
    if let Some(p) = native_value(&obj) {
        // `OrderedCollection()`: with no arguments, `list.__init__` and `set.__init__` only empty the
        // payload and `dict.__init__` does nothing, so an empty payload needs no call (the generic method
        // call was a third of deltablue's construction cost).
        let nothing_to_do = args.is_empty()
            && kw.is_empty()
            && match p {
                Value::List(l) => l.try_borrow().is_ok_and(|l| l.is_empty()),
                Value::Set(s) => s.items.is_empty(),
                Value::Dict(_) => true,
                _ => false,
            };
        if nothing_to_do {
            return Ok(obj);
        }
        if matches!(oc.native, Kind::List | Kind::Dict | Kind::Set) {
            let p = p.clone();
            crate::methods::call_builtin_method(it, &p, "__init__", &args, &kw)?;
        }
    }
    Ok(obj)
}

/// What `c.__new__(c, *args)` does when no user class of its MRO defines `__new__`.
fn default_new(
    it: &mut Interp,
    c: &Rc<Class>,
    args: &[Value],
    kw: &[(RcStr, Value)],
) -> PyResult<Value> {
    match c.native {
        // `class C(complex)`: the instance carries the complex its arguments make.
        Kind::Object
            if c.kind == Kind::User
                && c.mro
                    .borrow()
                    .iter()
                    .any(|k| Rc::ptr_eq(k, &it.types.exc["complex"])) =>
        {
            let payload = crate::complex::b_complex(it, args, kw)?;
            Ok(crate::complex::subclass_instance(c, payload))
        }
        Kind::Object => {
            if (!args.is_empty() || !kw.is_empty())
                && c.kind != Kind::Exception
                && user_lookup(c, "__init__").is_none()
            {
                return Err(Exc::type_err(format!("{}() takes no arguments", c.name)));
            }
            let inst = plain_instance(c, None);
            if c.kind == Kind::Exception {
                exc_set_args(it, &inst, args)?;
            }
            Ok(Value::Instance(inst))
        }
        k => {
            // `class E(enumerate)`: the iterator class of the MRO builds the carried iterator.
            let iter_base = (k == Kind::Iterator)
                .then(|| c.mro.borrow().iter().find(|b| b.kind == k).cloned())
                .flatten();
            let base = iter_base.unwrap_or_else(|| native_class(it, k));
            new_native_instance(it, c, &base, args.to_vec(), kw.to_vec())
        }
    }
}

/// `object.__new__(cls, *args, **kw)`.
pub(crate) fn object_new(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(first) = args.first() else {
        return Err(Exc::type_err("object.__new__(): not enough arguments"));
    };
    let Value::Class(c) = first else {
        return Err(Exc::type_err(format!(
            "object.__new__(X): X is not a type object ({})",
            type_name(first)
        )));
    };
    if c.native != Kind::Object {
        if c.native == Kind::Type {
            return type_new_impl(it, c, args[1..].to_vec(), kw.to_vec());
        }
        let base = c
            .mro
            .borrow()
            .iter()
            .find(|k| k.attrs.borrow().get_str("__new__").is_none())
            .map(|k| k.name.clone())
            .unwrap_or_else(|| c.name.clone());
        return Err(Exc::type_err(format!(
            "object.__new__({}) is not safe, use {base}.__new__()",
            c.name
        )));
    }
    if !matches!(c.kind, Kind::User | Kind::Exception | Kind::Object) {
        return Err(Exc::type_err(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            c.name, c.name
        )));
    }
    if args.len() > 1 || !kw.is_empty() {
        if user_lookup(c, "__new__").is_some() {
            return Err(Exc::type_err(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if user_lookup(c, "__init__").is_none() && c.kind != Kind::Exception {
            return Err(Exc::type_err(format!("{}() takes no arguments", c.name)));
        }
    }
    let inst = plain_instance(c, None);
    if c.kind == Kind::Exception {
        exc_set_args(it, &inst, &args[1..])?;
    }
    Ok(Value::Instance(inst))
}

/// `object.__init_subclass__()`: accepts no keywords.
fn object_init_subclass(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        let name = match args.first() {
            Some(Value::Class(c)) => c.name.to_string(),
            _ => "object".into(),
        };
        return Err(Exc::type_err(format!(
            "{name}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::None)
}

fn attr_name(v: Option<&Value>) -> PyResult<RcStr> {
    match v {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(Exc::type_err(format!(
            "attribute name must be string, not '{}'",
            type_name(other)
        ))),
        None => Err(Exc::type_err("expected 2 arguments, got 0")),
    }
}

/// `object.__getattribute__(self, name)`: the generic lookup, bypassing a user `__getattribute__`.
fn object_getattribute(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let obj = args.first().cloned().unwrap_or(Value::None);
    let name = attr_name(args.get(1))?;
    match it.generic_getattr(&obj, &name, false)? {
        Some(v) => Ok(v),
        None => Err(it.attr_error(&obj, &name)),
    }
}

/// `object.__setattr__(self, name, value)`: the generic store, bypassing a user `__setattr__`.
fn object_setattr(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let obj = args.first().cloned().unwrap_or(Value::None);
    let name = attr_name(args.get(1))?;
    let v = args
        .get(2)
        .cloned()
        .ok_or_else(|| Exc::type_err("expected 2 arguments, got 1"))?;
    match &obj {
        Value::Instance(_) => it.generic_setattr(&obj, &name, v)?,
        // `type.__setattr__(cls, ...)` (a metaclass's `super().__setattr__`): the class dict itself.
        Value::Class(c) if matches!(c.kind, Kind::User | Kind::Exception) => {
            c.attrs.borrow_mut().set_str(&name, v);
            crate::value::bump_class_epoch();
        }
        _ => it.set_attr(&obj, &name, v)?,
    }
    Ok(Value::None)
}

/// `object.__delattr__(self, name)`: the generic delete, bypassing a user `__delattr__`.
fn object_delattr(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let obj = args.first().cloned().unwrap_or(Value::None);
    let name = attr_name(args.get(1))?;
    match &obj {
        Value::Instance(_) => it.generic_delattr(&obj, &name)?,
        Value::Class(c) if matches!(c.kind, Kind::User | Kind::Exception) => {
            crate::value::bump_class_epoch();
            if c.attrs
                .borrow_mut()
                .remove(&Value::Str(name.clone()))
                .is_none()
            {
                return Err(it.attr_error(&obj, &name));
            }
        }
        _ => it.del_attr(&obj, &name)?,
    }
    Ok(Value::None)
}

/// `type.__new__(mcs, name, bases, dict, **kw)` (and `type(x)` through it).
fn type_new(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(Value::Class(mcs)) = args.first() else {
        return Err(Exc::type_err("type.__new__(X): X is not a type object"));
    };
    if !mcs.is_subclass(&it.types.type_) {
        return Err(Exc::type_err(format!(
            "type.__new__({}): {} is not a subtype of type",
            mcs.name, mcs.name
        )));
    }
    let mcs = mcs.clone();
    type_new_impl(it, &mcs, args[1..].to_vec(), kw.to_vec())
}

/// Creates a class whose metaclass is `mcs` from `(name, bases, dict)`.
pub(crate) fn type_new_impl(
    it: &mut Interp,
    mcs: &Rc<Class>,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    if args.len() == 1 && kw.is_empty() && mcs.kind == Kind::Type {
        return Ok(Value::Class(it.type_of(&args[0])));
    }
    if args.len() != 3 {
        return Err(Exc::type_err("type() takes 1 or 3 arguments"));
    }
    let Value::Str(n) = &args[0] else {
        return Err(Exc::type_err(format!(
            "type.__new__() argument 1 must be str, not {}",
            type_name(&args[0])
        )));
    };
    let bases = match &args[1] {
        Value::Tuple(t) => t
            .iter()
            .map(|b| match b {
                Value::Class(c) => Ok(c.clone()),
                other => Err(Exc::type_err(format!(
                    "bases must be types, not {}",
                    type_name(other)
                ))),
            })
            .collect::<PyResult<Vec<_>>>()?,
        other => {
            return Err(Exc::type_err(format!(
                "type.__new__() argument 2 must be tuple, not {}",
                type_name(other)
            )));
        }
    };
    let dict = match args[2].clone() {
        Value::Dict(d) => d.borrow().clone(),
        v @ Value::Instance(_) => match native_value(&v) {
            Some(Value::Dict(d)) => d.borrow().clone(),
            _ => {
                return Err(Exc::type_err(format!(
                    "type.__new__() argument 3 must be dict, not {}",
                    type_name(&v)
                )));
            }
        },
        other => {
            return Err(Exc::type_err(format!(
                "type.__new__() argument 3 must be dict, not {}",
                type_name(&other)
            )));
        }
    };
    let meta = (mcs.kind != Kind::Type).then(|| mcs.clone());
    new_class_full(it, n.clone(), n.clone(), bases, dict, meta, kw)
}

/// `type.__init__(cls, ...)`: nothing to do.
fn type_init(_it: &mut Interp, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

/// `type.__call__(cls, *args, **kw)`.
fn type_call_builtin(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(Value::Class(c)) = args.first() else {
        return Err(Exc::type_err(
            "descriptor '__call__' of 'type' object needs an argument",
        ));
    };
    let c = c.clone();
    if c.kind != Kind::User && c.kind != Kind::Exception {
        return crate::builtins::construct(it, &c, args[1..].to_vec(), kw.to_vec());
    }
    type_call(it, &c, args[1..].to_vec(), kw.to_vec())
}

/// `type.__prepare__(name, bases, **kw)`: a fresh dict.
fn type_prepare(_it: &mut Interp, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::dict(Dict::new()))
}

fn wrapped(kind: &'static str, name: &'static str, f: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: kind,
        func: b_call_wrapped,
        this: Some(builtin(name, f)),
    }))
}

/// `object`'s and `type`'s methods that programs reach explicitly (`object.__new__(cls)`,
/// `object.__setattr__(self, n, v)`) or through `super()` (`super().__new__(mcs, name, bases, ns)` in a
/// metaclass): kept out of the class dicts, so that the fast paths never meet them.
pub(crate) fn object_type_member(c: &Class, name: &str) -> Option<Value> {
    thread_local! {
        /// One object per member, so that `C.__lt__ is object.__lt__` holds (functools.total_ordering
        /// finds a class's own orderings that way).
        static MEMBERS: std::cell::RefCell<std::collections::HashMap<(bool, String), Value>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if !matches!(c.kind, Kind::Object | Kind::Type) {
        return None;
    }
    let key = (c.kind == Kind::Type, name.to_string());
    if let Some(v) = MEMBERS.with(|m| m.borrow().get(&key).cloned()) {
        return Some(v);
    }
    let v = object_type_member_new(c, name)?;
    MEMBERS.with(|m| m.borrow_mut().insert(key, v.clone()));
    Some(v)
}

fn object_type_member_new(c: &Class, name: &str) -> Option<Value> {
    Some(match (c.kind, name) {
        (Kind::Object | Kind::Type, "__new__") if c.kind == Kind::Object => {
            wrapped("<staticmethod>", "__new__", object_new)
        }
        (Kind::Object, "__init_subclass__") => {
            wrapped("<classmethod>", "__init_subclass__", object_init_subclass)
        }
        (Kind::Object, "__getattribute__") => builtin("__getattribute__", object_getattribute),
        (Kind::Object, "__repr__") => builtin("__repr__", object_repr),
        (Kind::Object, "__str__") => builtin("__str__", object_str),
        (Kind::Object, "__format__") => builtin("__format__", object_format),
        (Kind::Object, "__hash__") => builtin("__hash__", object_hash),
        (Kind::Object, "__eq__") => builtin("__eq__", object_eq),
        (Kind::Object, "__ne__") => builtin("__ne__", object_ne),
        (Kind::Object, "__lt__" | "__le__" | "__gt__" | "__ge__") => {
            builtin(object_cmp_name(name), object_order)
        }
        (Kind::Object, "__subclasshook__") => {
            wrapped("<classmethod>", "__subclasshook__", object_subclasshook)
        }
        (Kind::Object, "__setattr__") => builtin("__setattr__", object_setattr),
        (Kind::Object, "__delattr__") => builtin("__delattr__", object_delattr),
        (Kind::Object, "__reduce_ex__") => builtin("__reduce_ex__", object_reduce_ex),
        (Kind::Object, "__reduce__") => builtin("__reduce__", object_reduce),
        (Kind::Object, "__getstate__") => builtin("__getstate__", object_getstate),
        (Kind::Object, "__sizeof__") => builtin("__sizeof__", object_sizeof),
        (Kind::Object, "__dir__") => builtin("__dir__", object_dir),
        (Kind::Type, "__new__") => wrapped("<staticmethod>", "__new__", type_new),
        (Kind::Type, "__init__") => builtin("__init__", type_init),
        (Kind::Type, "__setattr__") => builtin("__setattr__", object_setattr),
        (Kind::Type, "__delattr__") => builtin("__delattr__", object_delattr),
        (Kind::Type, "__call__") => builtin("__call__", type_call_builtin),
        (Kind::Type, "__prepare__") => wrapped("<classmethod>", "__prepare__", type_prepare),
        _ => return None,
    })
}

/// Calls `copyreg.<helper>(args...)`, where the pickling protocol of plain objects is written.
fn copyreg_call(it: &mut Interp, helper: &str, args: Vec<Value>) -> PyResult<Value> {
    let m = it.import("copyreg")?;
    let f = it.get_attr(&m, helper)?;
    it.call(&f, args, Vec::new())
}

fn self_arg<'a>(name: &str, args: &'a [Value], kw: Kw<'_>, extra: usize) -> PyResult<&'a Value> {
    if !kw.is_empty() {
        return Err(Exc::type_err(format!(
            "object.{name}() takes no keyword arguments"
        )));
    }
    match args.first() {
        Some(v) if args.len() == 1 + extra => Ok(v),
        Some(_) => Err(Exc::type_err(format!(
            "object.{name}() takes exactly {extra} argument{} ({} given)",
            if extra == 1 { "" } else { "s" },
            args.len() - 1
        ))),
        None => Err(Exc::type_err(format!(
            "unbound method object.{name}() needs an argument"
        ))),
    }
}

/// `object.__reduce_ex__(self, protocol)`: a class's own `__reduce__` when it has one, else the default
/// (`copyreg.__newobj__` from protocol 2, `copyreg._reconstructor` before).
fn object_reduce_ex(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let obj = self_arg("__reduce_ex__", args, kw, 1)?.clone();
    let proto = match &args[1] {
        Value::Int(n) => *n,
        Value::Bool(b) => i64::from(b.get()),
        other => {
            return Err(Exc::type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                super::type_name(other)
            )));
        }
    };
    let cls = it.type_of(&obj);
    if let Some(r) = cls.lookup("__reduce__") {
        return it.call(&r, vec![obj], Vec::new());
    }
    copyreg_call(it, "_object_reduce_ex", vec![obj, Value::Int(proto)])
}

/// `object.__reduce__(self)`: the protocol-0 reduction.
fn object_reduce(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let obj = self_arg("__reduce__", args, kw, 0)?.clone();
    copyreg_call(it, "_object_reduce_ex", vec![obj, Value::Int(0)])
}

/// `object.__getstate__(self)`: the instance's dict (`None` when empty), with its slots' values.
fn object_getstate(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let obj = self_arg("__getstate__", args, kw, 0)?.clone();
    copyreg_call(it, "_object_getstate", vec![obj])
}

/// `object.__sizeof__(self)`: the size of a plain object without its GC header, as CPython counts it.
fn object_sizeof(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let obj = self_arg("__sizeof__", args, kw, 0)?;
    Ok(Value::Int(match obj {
        Value::Instance(i) if i.class.kind == Kind::User => match &i.class.slots {
            Some(s) => 16 + 8 * s.len() as i64,
            None => 24,
        },
        _ => 16,
    }))
}

/// `object.__dir__(self)`: the names `dir()` lists for the object, without its class's own `__dir__`.
fn object_dir(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let obj = self_arg("__dir__", args, kw, 0)?;
    Ok(Value::list(
        introspect::Describe::dir_names(obj)
            .iter()
            .map(|n| Value::str(n))
            .collect(),
    ))
}

fn object_cmp_name(name: &str) -> &'static str {
    match name {
        "__lt__" => "__lt__",
        "__le__" => "__le__",
        "__gt__" => "__gt__",
        _ => "__ge__",
    }
}

/// The `self` of an `object` slot method called through the class (`object.__repr__(x)`).
fn slot_self<'a>(args: &'a [Value], slot: &str) -> PyResult<&'a Value> {
    args.first().ok_or_else(|| {
        Exc::type_err(format!(
            "descriptor '{slot}' of 'object' object needs an argument"
        ))
    })
}

fn slot_arity(args: &[Value], kw: Kw<'_>, slot: &str, n: usize) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(Exc::type_err(format!(
            "{slot}() takes no keyword arguments"
        )));
    }
    if args.len() != n + 1 {
        return Err(Exc::type_err(format!(
            "expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.len().saturating_sub(1)
        )));
    }
    Ok(())
}

/// `object.__repr__(self)`: `<module.Qualname object at 0x...>`, whatever the class defines.
fn object_repr(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let this = slot_self(args, "__repr__")?;
    slot_arity(args, kw, "__repr__", 0)?;
    Ok(Value::str(&crate::format::repr_plain(this)))
}

/// `object.__str__(self)`: `repr(self)`, through the class's own `__repr__`.
fn object_str(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let this = slot_self(args, "__str__")?.clone();
    slot_arity(args, kw, "__str__", 0)?;
    Ok(Value::str(&crate::format::repr(it, &this)?))
}

/// `object.__format__(self, spec)`: `str(self)` for an empty spec, else CPython's TypeError.
fn object_format(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let this = slot_self(args, "__format__")?.clone();
    slot_arity(args, kw, "__format__", 1)?;
    match &args[1] {
        Value::Str(s) if s.is_empty() => Ok(Value::str(&it.to_str(&this)?)),
        Value::Str(_) => Err(Exc::type_err(format!(
            "unsupported format string passed to {}.__format__",
            type_name(&this)
        ))),
        other => Err(Exc::type_err(format!(
            "__format__() argument must be str, not {}",
            type_name(other)
        ))),
    }
}

/// `object.__hash__(self)`: the identity hash, whatever the class defines.
fn object_hash(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let this = slot_self(args, "__hash__")?;
    slot_arity(args, kw, "__hash__", 0)?;
    let h = match this {
        Value::Instance(_) => (this.identity() as i64 >> 4) & i64::MAX,
        other => crate::pyhash::py_hash(other),
    };
    Ok(Value::Int(h))
}

/// `object.__eq__(self, other)`: True for the same object, else NotImplemented.
fn object_eq(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let this = slot_self(args, "__eq__")?;
    slot_arity(args, kw, "__eq__", 1)?;
    Ok(if this.is(&args[1]) {
        Value::Bool(true.into())
    } else {
        Value::NotImplemented
    })
}

/// `object.__ne__(self, other)`: the negation of `self.__eq__(other)`, NotImplemented kept.
fn object_ne(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let this = slot_self(args, "__ne__")?.clone();
    slot_arity(args, kw, "__ne__", 1)?;
    let eq = match it.get_attr_opt(&this, "__eq__")? {
        Some(f) => it.call(&f, vec![args[1].clone()], Vec::new())?,
        None => Value::NotImplemented,
    };
    if matches!(eq, Value::NotImplemented) {
        return Ok(eq);
    }
    Ok(Value::Bool((!it.truthy(&eq)?).into()))
}

/// `object.__lt__` and the other orderings: always NotImplemented.
fn object_order(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    slot_self(args, "__lt__")?;
    slot_arity(args, kw, "__lt__", 1)?;
    Ok(Value::NotImplemented)
}

/// `object.__subclasshook__(cls, subclass)`: NotImplemented (the ABC machinery decides).
fn object_subclasshook(_it: &mut Interp, _args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::NotImplemented)
}

/// An `object` member reached through a plain class or its instance (`C.__repr__`, `c.__eq__`,
/// `C.__new__`): only for classes whose instances are plain objects, since the built-in bases and
/// exceptions answer these names themselves.
pub(crate) fn object_member_of(
    it: &Interp,
    c: &Rc<Class>,
    name: &str,
    obj: &Value,
) -> Option<Value> {
    // A user class's instance without a native base, or a plain `object()` itself.
    let plain =
        (c.kind == Kind::User && c.native == Kind::Object) || Rc::ptr_eq(c, &it.types.object);
    if !plain || !name.starts_with("__") {
        return None;
    }
    // `object().__doc__`: the type's doc, as for every built-in type's instances; a user class without a
    // docstring has `__doc__` None (CPython puts it in every class dict).
    if name == "__doc__" {
        return Some(if Rc::ptr_eq(c, &it.types.object) {
            crate::describe::builtin_type_docstring("object")
        } else {
            Value::None
        });
    }
    let object = it.types.object.clone();
    Some(match object_type_member(&object, name)? {
        Value::Builtin(b) if b.name == "<staticmethod>" => b.this.clone()?,
        Value::Builtin(b) if b.name == "<classmethod>" => {
            Value::Bound(Rc::new((Value::Class(c.clone()), b.this.clone()?)))
        }
        m => match obj {
            Value::Class(_) => m,
            _ => Value::Bound(Rc::new((obj.clone(), m))),
        },
    })
}

/// [`object_type_member`] as `cls.name` shows it: static and class methods unwrapped.
pub(crate) fn object_type_attr(c: &Rc<Class>, name: &str) -> Option<Value> {
    if c.bases.len() > 1 || !matches!(&**c.name, "object" | "type") {
        return None;
    }
    Some(match object_type_member(c, name)? {
        Value::Builtin(b) if b.name == "<staticmethod>" => b.this.clone().unwrap_or(Value::None),
        Value::Builtin(b) if b.name == "<classmethod>" => Value::Bound(Rc::new((
            Value::Class(c.clone()),
            b.this.clone().unwrap_or(Value::None),
        ))),
        other => other,
    })
}

/// The metaclass a class statement calls: `None` for `type` itself (the direct path), else the
/// explicit one or the most derived metaclass of the bases (a callable that is not a class is called
/// as it is).
pub(crate) fn calculate_meta(
    it: &mut Interp,
    explicit: Option<Value>,
    bases: &[Rc<Class>],
) -> PyResult<Option<Value>> {
    let mut winner: Option<Rc<Class>> = match &explicit {
        Some(Value::Class(m)) => Some(m.clone()),
        Some(other) => return Ok(Some(other.clone())),
        None => None,
    };
    let ty = it.types.type_.clone();
    for b in bases {
        let bm = b.meta.clone().unwrap_or_else(|| ty.clone());
        match &winner {
            None => winner = Some(bm),
            Some(w) if w.is_subclass(&bm) => {}
            Some(w) if bm.is_subclass(w) => winner = Some(bm),
            Some(_) => {
                return Err(Exc::type_err(
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
                     subclass of the metaclasses of all its bases",
                ));
            }
        }
    }
    Ok(winner.filter(|w| !Rc::ptr_eq(w, &ty)).map(Value::Class))
}

/// The class body's namespace: `meta.__prepare__(name, bases, **kw)` when the metaclass defines one (a
/// dict, or the dict a dict subclass's instance carries), else a fresh dict.
pub(crate) fn prepare_namespace(
    it: &mut Interp,
    meta: &Value,
    name: &RcStr,
    bases: &[Rc<Class>],
    kw: &[(RcStr, Value)],
) -> PyResult<Rc<RefCell<Dict>>> {
    let prep = match meta {
        Value::Class(m) => user_lookup(m, "__prepare__"),
        _ => None,
    };
    let Some(prep) = prep else {
        return Ok(Rc::new(RefCell::new(Dict::new())));
    };
    let f = match prep {
        Value::Builtin(b) if b.name == "<classmethod>" => Value::Bound(Rc::new((
            meta.clone(),
            b.this.clone().unwrap_or(Value::None),
        ))),
        Value::Builtin(b) if b.name == "<staticmethod>" => b.this.clone().unwrap_or(Value::None),
        other => other,
    };
    let bases_t = Value::tuple(bases.iter().map(|b| Value::Class(b.clone())).collect());
    let ns = it.call(&f, vec![Value::Str(name.clone()), bases_t], kw.to_vec())?;
    match &ns {
        Value::Dict(d) => Ok(d.clone()),
        other => match native_value(other) {
            Some(Value::Dict(d)) => Ok(d.clone()),
            _ => Err(Exc::type_err(format!(
                "{}.__prepare__() must return a mapping, not {}",
                match meta {
                    Value::Class(m) => m.name.to_string(),
                    _ => "<metaclass>".into(),
                },
                type_name(other)
            ))),
        },
    }
}

/// `super().name` reaching a built-in class `c` other than `object` and `type` (`super().__init__(items)`
/// in `class L(list)`, `super().__new__(cls, x)` in `class P(tuple)`): its method, bound to `obj`
/// (`__new__` stays unbound, as the static method it is).
pub(crate) fn super_native(
    it: &mut Interp,
    c: &Rc<Class>,
    name: &str,
    obj: &Value,
) -> Option<Value> {
    // `complex` keeps its methods in its class dict: `super().__new__(cls, re, im)` (static) and
    // `super().__repr__()` in `class C(complex)`.
    if c.kind == Kind::Object && Rc::ptr_eq(c, &it.types.exc["complex"]) {
        let m = c.attrs.borrow().get_str(name).cloned();
        if let Some(m) = m {
            return Some(if name == "__new__" {
                m
            } else {
                Value::Bound(Rc::new((obj.clone(), m)))
            });
        }
    }
    if matches!(c.kind, Kind::Object | Kind::Type) {
        return match object_type_member(c, name)? {
            Value::Builtin(b) if b.name == "<staticmethod>" => b.this.clone(),
            Value::Builtin(b) if b.name == "<classmethod>" => {
                let cls = match obj {
                    Value::Class(_) => obj.clone(),
                    other => Value::Class(it.type_of(other)),
                };
                Some(Value::Bound(Rc::new((cls, b.this.clone()?))))
            }
            m => Some(Value::Bound(Rc::new((obj.clone(), m)))),
        };
    }
    if matches!(c.kind, Kind::User | Kind::Exception) {
        return None;
    }
    let member = if crate::methods::has_method(c.kind, name) {
        Value::Bound(Rc::new((Value::Class(c.clone()), Value::str(name))))
    } else {
        crate::dunders::class_attr(it, c, name)?
    };
    if matches!(member, Value::None) || crate::dunders::is_type_bound(name) {
        if name == "__init_subclass__" || name == "__class_getitem__" {
            let cls = match obj {
                Value::Class(_) => obj.clone(),
                other => Value::Class(it.type_of(other)),
            };
            return Some(Value::Bound(Rc::new((cls, member))));
        }
        return Some(member);
    }
    Some(Value::Bound(Rc::new((obj.clone(), member))))
}

/// A read-only view of a mapping (`C.__dict__`: the class's namespace itself, live).
pub(crate) fn mappingproxy(it: &mut Interp, d: Value) -> Value {
    let c = it.types.exc["mappingproxy"].clone();
    Value::Instance(plain_instance(&c, Some(d)))
}

/// What a `mappingproxy` exposes of its dict: the reading methods only.
const PROXY_NAMES: &[&str] = &[
    "__contains__",
    "__eq__",
    "__getitem__",
    "__iter__",
    "__len__",
    "__ne__",
    "__or__",
    "__reversed__",
    "copy",
    "get",
    "items",
    "keys",
    "values",
];

/// Whether the instance `i` (carrying a built-in value) exposes that value's `name`.
#[inline]
pub(crate) fn native_name_ok(i: &Instance, name: &str) -> bool {
    i.class.kind != Kind::Object || PROXY_NAMES.contains(&name)
}
