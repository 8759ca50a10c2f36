//! Class creation: the C3 method resolution order, `type(name, bases, dict)`, calling a class.

use super::*;

pub(crate) fn c3(bases: &[Rc<Class>]) -> PyResult<Vec<Rc<Class>>> {
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

/// Creates a user class (metaclass `type`, no class keywords).
pub fn new_class(
    it: &mut Interp,
    name: RcStr,
    qualname: RcStr,
    bases: Vec<Rc<Class>>,
    dict: Dict,
) -> PyResult<Value> {
    new_class_full(it, name, qualname, bases, dict, None, Vec::new())
}

/// The built-in type whose value instances of a class with these bases carry (`Kind::Object`: none), or
/// CPython's TypeError for a base that cannot be subclassed or two that cannot be combined.
fn native_of_bases(bases: &[Rc<Class>]) -> PyResult<Kind> {
    let mut native = Kind::Object;
    for b in bases {
        let k = match b.kind {
            Kind::User | Kind::Exception => b.native,
            Kind::Object => Kind::Object,
            Kind::List
            | Kind::Dict
            | Kind::Str
            | Kind::Int
            | Kind::Float
            | Kind::Tuple
            | Kind::Set
            | Kind::FrozenSet
            | Kind::Bytes
            | Kind::Type => b.kind,
            // The iterator classes CPython lets a program subclass (`class E(enumerate)`, every class of
            // itertools); the instance carries the built-in iterator, stepped by the inherited `__next__`.
            Kind::Iterator
                if matches!(
                    &**b.name,
                    "enumerate" | "zip" | "map" | "filter" | "reversed"
                ) || &*b.module == "itertools" =>
            {
                b.kind
            }
            _ => {
                return Err(Exc::type_err(format!(
                    "type '{}' is not an acceptable base type",
                    b.name
                )));
            }
        };
        if k != Kind::Object && native != Kind::Object && k != native {
            return Err(Exc::type_err(
                "multiple bases have instance lay-out conflict",
            ));
        }
        if k != Kind::Object {
            native = k;
        }
    }
    Ok(native)
}

/// The names `__slots__` declares (a str or an iterable of strs).
fn slot_names(it: &mut Interp, v: &Value) -> PyResult<Vec<RcStr>> {
    let items = match v {
        Value::Str(s) => vec![Value::Str(s.clone())],
        other => it.collect(other)?,
    };
    items
        .into_iter()
        .map(|x| match x {
            Value::Str(s) => Ok(s),
            other => Err(Exc::type_err(format!(
                "__slots__ items must be strings, not '{}'",
                type_name(&other)
            ))),
        })
        .collect()
}

/// Creates a class: `type.__new__(meta, name, bases, dict, **kw)` (`meta` `None`: `type`). Runs
/// `__set_name__` on the attributes and the parent's `__init_subclass__(**kw)`, as CPython does.
pub fn new_class_full(
    it: &mut Interp,
    name: RcStr,
    qualname: RcStr,
    mut bases: Vec<Rc<Class>>,
    mut dict: Dict,
    meta: Option<Rc<Class>>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    let exc_base = it.types.exc["BaseException"].clone();
    let native = native_of_bases(&bases)?;
    let mut kind = Kind::User;
    if bases.iter().any(|b| b.is_subclass(&exc_base)) {
        kind = Kind::Exception;
    }
    if bases.is_empty() {
        bases.push(it.types.object.clone());
    }
    let module = match dict.get_str("__module__") {
        Some(Value::Str(s)) => s.clone(),
        _ => {
            let m = it
                .top_frame()
                .and_then(|f| f.globals.borrow().get_str("__name__").cloned());
            let m = match m {
                Some(Value::Str(s)) => s,
                _ => "__main__".into(),
            };
            dict.set_str("__module__", Value::Str(m.clone()));
            m
        }
    };
    // `__qualname__` lives on the class object, not in its dict (as in CPython).
    let qualname = match dict.remove(&Value::str("__qualname__")) {
        Some(Value::Str(q)) => q,
        _ => qualname,
    };
    // `__slots__`: enforced when every class of the MRO declares them (else instances have a `__dict__`).
    let mut slots = None;
    if let Some(sv) = dict.get_str("__slots__").cloned() {
        let own = slot_names(it, &sv)?;
        for n in &own {
            if dict.get_str(n).is_some() {
                return Err(Exc::value_err(format!(
                    "'{n}' in __slots__ conflicts with class variable"
                )));
            }
        }
        let mut all: Option<Vec<RcStr>> = Some(own.clone());
        for b in &bases {
            for c in b.mro.borrow().iter() {
                match c.kind {
                    Kind::User => match &c.slots {
                        Some(s) if c.attrs.borrow().get_str("__slots__").is_some() => {
                            if let Some(a) = &mut all {
                                a.extend(s.iter().cloned());
                            }
                        }
                        _ => all = None,
                    },
                    Kind::Exception => all = None,
                    _ => {}
                }
            }
        }
        if kind == Kind::Exception || own.iter().any(|n| &**n == "__dict__") {
            all = None;
        }
        slots = all.map(Rc::from);
        for n in own
            .iter()
            .filter(|n| !matches!(&***n, "__dict__" | "__weakref__"))
        {
            dict.set_str(n, slot_member(it, n, &name));
        }
    }
    // `__init_subclass__` and `__class_getitem__` are implicit class methods, `__new__` a static one.
    for n in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f @ Value::Func(_)) = dict.get_str(n).cloned() {
            dict.set_str(n, crate::builtins::b_classmethod(it, &[f], &[])?);
        }
    }
    if dict.get_str("__del__").is_some() {
        crate::interp::finalize::note_del_defined();
    }
    let keys = inherited_keys(&bases, &slots);
    let c = Rc::new(Class {
        name: name.into(),
        qualname: qualname.into(),
        bases: bases.clone(),
        mro: RefCell::new(Vec::new()),
        attrs: Rc::new(RefCell::new(dict)),
        kind,
        module: module.into(),
        flags: std::cell::Cell::new((0, false, false, false)),
        truth_cache: std::cell::Cell::new((0, false)),
        init_cache: RefCell::new(None),
        native,
        meta: meta.filter(|m| m.kind != Kind::Type),
        slots,
        keys,
        special: RefCell::new((0, Vec::new())),
        named: RefCell::new((0, Vec::new())),
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
    let cv = Value::Class(c.clone());
    // `__set_name__` on every attribute whose type defines it.
    let attrs: Vec<(Value, Value)> = c
        .attrs
        .borrow()
        .map()
        .iter()
        .map(|(k, v)| (k.0.clone(), v.clone()))
        .collect();
    for (k, v) in attrs {
        if let Value::Instance(i) = &v {
            if i.class.kind != Kind::Object {
                if let Some(sn) = i.class.lookup("__set_name__") {
                    it.call(&sn, vec![v.clone(), cv.clone(), k], Vec::new())?;
                }
            }
        }
    }
    // The parent's `__init_subclass__`.
    let parent = c.mro.borrow().iter().skip(1).find_map(|k| {
        if matches!(k.kind, Kind::User | Kind::Exception) {
            k.attrs.borrow().get_str("__init_subclass__").cloned()
        } else {
            None
        }
    });
    match parent {
        Some(Value::Builtin(b)) if b.name == "<classmethod>" => {
            let f = b.this.clone().unwrap_or(Value::None);
            let r = it.call(&f, vec![cv.clone()], kw)?;
            let _ = r;
        }
        Some(other) => {
            it.call(&other, Vec::new(), kw)?;
        }
        None if !kw.is_empty() => {
            return Err(Exc::type_err(format!(
                "{}.__init_subclass__() takes no keyword arguments",
                c.name
            )));
        }
        None => {}
    }
    // Below an abstract base class: the class's own `__abstractmethods__` (what ABCMeta computes).
    crate::stdlib::abc::class_created(it, &c)?;
    Ok(cv)
}

/// The member descriptor a `__slots__` name becomes (`<member 'x' of 'C' objects>`).
fn slot_member(it: &mut Interp, name: &RcStr, owner: &RcStr) -> Value {
    let cls = it.types.exc["member_descriptor"].clone();
    let inst = Rc::new(Instance {
        class: cls,
        dict: crate::value::InstDict::from_dict(Dict::new()),
        hash: crate::value::no_user_hash(),
        native: None,
    });
    inst.dict
        .borrow_mut()
        .set_str("__name__", Value::Str(name.clone()));
    inst.dict
        .borrow_mut()
        .set_str("__objclass_name__", Value::Str(owner.clone()));
    Value::Instance(inst)
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
        static ABSTRACT_H: u64 = crate::value::str_key_hash("__abstractmethods__");
    }
    // A class under an abstract base class holds its own `__abstractmethods__` (one probe of its dict).
    if c.kind == Kind::User
        && c.attrs
            .borrow()
            .get_h("__abstractmethods__", ABSTRACT_H.with(|h| *h))
            .is_some()
    {
        crate::stdlib::abc::check_instantiable(it, c)?;
    }
    // Fast path: a user class whose `__init__` is a plain Python function.
    if c.kind == Kind::User {
        let (init, plain) = c.lookup_init(INIT_H.with(|h| *h));
        if !plain {
            return crate::builtins::construct_general(it, c, args, kw);
        }
        if let Some(init @ Value::Func(_)) = init {
            let inst = Rc::new(Instance {
                class: c.clone(),
                dict: Instance::new_dict(c),
                hash: crate::value::no_user_hash(),
                native: None,
            });
            crate::interp::finalize::register(&inst);
            let v = Value::Instance(inst);
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
    // `class C(complex)`: `__new__` builds the complex the instance carries.
    if c.kind == Kind::User
        && c.native == Kind::Object
        && c.mro
            .borrow()
            .iter()
            .any(|k| Rc::ptr_eq(k, &it.types.exc["complex"]))
    {
        return crate::builtins::construct_general(it, c, args, kw);
    }
    match c.kind {
        Kind::User | Kind::Exception | Kind::Object
            if !matches!(&**c.name, "property" | "super" | "complex" | "mappingproxy")
                || c.kind != Kind::Object =>
        {
            if c.kind == Kind::Exception && c.is_subclass(&it.types.exc["BaseExceptionGroup"]) {
                return crate::exc_group::construct(it, c, args, kw);
            }
            if c.kind == Kind::Exception && !c.lookup_init(INIT_H.with(|h| *h)).1 {
                return crate::builtins::construct_general(it, c, args, kw);
            }
            if c.kind == Kind::Object && c.bases.is_empty() {
                arity("object", &args, &kw, 0, 0)
                    .map_err(|_| Exc::type_err("object() takes no arguments"))?;
            }
            // `OSError(2, ...)` is a `FileNotFoundError`: CPython picks the subclass of the errno.
            let c = &match c.kind {
                Kind::Exception => oserror_subclass(it, c, &args),
                _ => c.clone(),
            };
            // Most instances get a few attributes in __init__: the dict is sized for them (or reused).
            let inst = Rc::new(Instance {
                class: c.clone(),
                dict: Instance::new_dict(c),
                hash: crate::value::no_user_hash(),
                native: None,
            });
            crate::interp::finalize::register(&inst);
            if c.kind == Kind::Exception {
                exc_set_args(it, &inst, &args)?;
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
                    exc_keywords(it, c, &v, &kw)?;
                }
            }
            Ok(v)
        }
        Kind::Object if &*c.name == "property" => b_property(it, &args, &kw),
        Kind::Object if &*c.name == "complex" => crate::complex::b_complex(it, &args, &kw),
        // `types.MappingProxyType(m)`: the built-in view over a dict, an evalx-level one over another
        // mapping.
        Kind::Object if &*c.name == "mappingproxy" => {
            let m = match (args.as_slice(), kw.as_slice()) {
                ([m], []) => m.clone(),
                ([], [(k, m)]) if &**k == "mapping" => m.clone(),
                ([], []) => {
                    return Err(Exc::type_err(
                        "mappingproxy() missing required argument 'mapping' (pos 1)",
                    ));
                }
                _ => {
                    return Err(Exc::type_err(format!(
                        "mappingproxy() takes at most 1 argument ({} given)",
                        args.len() + kw.len()
                    )));
                }
            };
            if let Value::Dict(_) = m {
                return Ok(mappingproxy(it, m));
            }
            let f = crate::stdlib::internal_attr(it, "types", "_mappingproxy")?;
            it.call(&f, vec![m], Vec::new())
        }
        Kind::Object => make_super(
            it,
            args.first().cloned().unwrap_or(Value::None),
            args.get(1).cloned().unwrap_or(Value::None),
        ),
        _ => crate::methods::construct_builtin(it, c, args, kw),
    }
}

/// The keyword arguments CPython's `ImportError(msg, name=, path=)`, `AttributeError(msg, name=, obj=)` and
/// `NameError(msg, name=)` take, kept as attributes; any other exception takes none.
fn exc_keywords(it: &Interp, c: &Rc<Class>, v: &Value, kw: &[(RcStr, Value)]) -> PyResult<()> {
    let allowed: &[&str] = if c.is_subclass(&it.types.exc["ImportError"]) {
        &["name", "path"]
    } else if c.is_subclass(&it.types.exc["AttributeError"]) {
        &["name", "obj"]
    } else if c.is_subclass(&it.types.exc["NameError"]) {
        &["name"]
    } else {
        return Err(Exc::type_err(format!(
            "{}() takes no keyword arguments",
            c.name
        )));
    };
    let Value::Instance(inst) = v else {
        return Ok(());
    };
    for (k, _) in kw {
        if !allowed.contains(&&**k) {
            return Err(Exc::type_err(format!(
                "'{k}' is an invalid keyword argument for {}()",
                c.name
            )));
        }
    }
    let mut d = inst.dict.borrow_mut();
    for name in allowed {
        let given = kw
            .iter()
            .find(|(k, _)| &**k == *name)
            .map(|(_, x)| x.clone());
        d.set_str(name, given.unwrap_or(Value::None));
    }
    Ok(())
}

/// `C.__name__ = v`, `C.__qualname__ = v` or `C.__module__ = v` on a user class: the names its repr,
/// `type(x).__name__` and tracebacks show from then on, checked as CPython checks them.
pub(crate) fn set_class_name(c: &Rc<Class>, name: &str, v: Value) -> PyResult<()> {
    if name == "__module__" {
        if let Value::Str(s) = &v {
            c.module.set(s.clone());
        }
        // CPython keeps `__module__` in the class's namespace, whatever its value.
        c.attrs.borrow_mut().set_str(name, v);
        crate::value::bump_class_epoch();
        return Ok(());
    }
    let Value::Str(s) = &v else {
        return Err(Exc::type_err(format!(
            "can only assign string to {}.{name}, not '{}'",
            &**c.name,
            super::type_name(&v)
        )));
    };
    if name == "__name__" {
        if s.contains('\0') {
            return Err(Exc::value_err("type name must not contain null characters"));
        }
        c.name.set(s.clone());
    } else {
        c.qualname.set(s.clone());
    }
    Ok(())
}

/// The shared attribute names a new class's instances start with: its base's list when the class has one
/// user base and its instances have a `__dict__` (a subclass's instances usually set the base's attributes
/// first, so attribute sites in the base's methods see one list for the whole family: richards' `Task`
/// subclasses), else a list of its own.
fn inherited_keys(
    bases: &[Rc<Class>],
    slots: &Option<Rc<[RcStr]>>,
) -> Rc<crate::value::SharedKeys> {
    match bases {
        [b] if b.kind == Kind::User && b.slots.is_none() && slots.is_none() => b.keys.clone(),
        _ => crate::value::SharedKeys::new(),
    }
}
