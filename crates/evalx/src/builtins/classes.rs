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
    // Below an abstract base class: the class's own `__abstractmethods__` (what ABCMeta computes).
    crate::stdlib::abc::class_created(it, &c)?;
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
