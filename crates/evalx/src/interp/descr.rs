//! The class model's slow paths for attributes: a user `__getattribute__`, data descriptors (properties,
//! objects whose class defines `__set__`/`__delete__`), `__get__` on user descriptors, `__slots__`
//! enforcement, a metaclass's attributes seen through its classes, and `object`'s generic
//! `__setattr__`/`__delattr__`. Classes without any of these never get here: `Class::store_flags` sends
//! their loads and stores down the fast paths (one cached flag test).

use super::*;

impl Interp {
    /// `v.name` through a user `__getattribute__`, then `__getattr__` on AttributeError.
    pub(crate) fn user_getattribute(
        &mut self,
        v: &Value,
        ga: &Value,
        name: &str,
    ) -> PyResult<Option<Value>> {
        match self.call(ga, vec![v.clone(), Value::str(name)], Vec::new()) {
            Ok(r) => Ok(Some(r)),
            Err(e)
                if self
                    .exc_class(&e)
                    .is_subclass(&self.types.exc["AttributeError"]) =>
            {
                let getattr = match v {
                    Value::Instance(i) => i.class.lookup("__getattr__"),
                    _ => None,
                };
                match getattr {
                    Some(f) => self
                        .call(&f, vec![v.clone(), Value::str(name)], Vec::new())
                        .map(Some),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Whether a class attribute is a data descriptor (it wins over the instance dict).
    pub(crate) fn is_data_descriptor(&self, x: &Value) -> bool {
        match x {
            Value::Instance(i) if &*i.class.name == "property" && i.class.kind == Kind::Object => {
                true
            }
            Value::Instance(i) if i.class.kind == Kind::User => {
                i.class.lookup("__set__").is_some() || i.class.lookup("__delete__").is_some()
            }
            _ => false,
        }
    }

    /// `descr.__get__(obj, type)` for a user descriptor found on a class (`owner` is the instance, or the
    /// class itself for `C.attr`); an object without `__get__` is returned as it is.
    pub(crate) fn user_descriptor_get(
        &mut self,
        x: &Value,
        d: &Rc<Instance>,
        owner: &Value,
    ) -> PyResult<Value> {
        let Some(get) = d.class.lookup("__get__") else {
            return Ok(x.clone());
        };
        let (obj, ty) = match owner {
            Value::Class(_) => (Value::None, owner.clone()),
            other => (other.clone(), Value::Class(self.type_of(other))),
        };
        self.call(&get, vec![x.clone(), obj, ty], Vec::new())
    }

    /// A `__slots__` member read on an instance that never set it (a set one is in the instance dict).
    pub(crate) fn member_get(
        &mut self,
        d: &Rc<Instance>,
        x: &Value,
        owner: &Value,
    ) -> PyResult<Value> {
        if let Value::Class(_) = owner {
            return Ok(x.clone());
        }
        let name = match d.dict.borrow().get_str("__name__") {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        Err(self.attr_error(owner, &name))
    }

    /// A metaclass attribute `x` seen through its class `cls` (`C.method()` where the metaclass defines it).
    pub(crate) fn bind_to_class(
        &mut self,
        x: Value,
        cls: &Value,
        meta: &Rc<Class>,
    ) -> PyResult<Value> {
        match &x {
            Value::Func(_) => Ok(Value::Bound(Rc::new((cls.clone(), x)))),
            Value::Builtin(b) if b.name == "<staticmethod>" => {
                Ok(b.this.clone().unwrap_or(Value::None))
            }
            Value::Builtin(b) if b.name == "<classmethod>" => Ok(Value::Bound(Rc::new((
                Value::Class(meta.clone()),
                b.this.clone().unwrap_or(Value::None),
            )))),
            Value::Builtin(b) if b.this.is_none() => Ok(Value::Bound(Rc::new((cls.clone(), x)))),
            Value::Instance(d) if &*d.class.name == "property" && d.class.kind == Kind::Object => {
                let getter = d
                    .dict
                    .borrow()
                    .get_str("fget")
                    .cloned()
                    .unwrap_or(Value::None);
                self.call(&getter, vec![cls.clone()], Vec::new())
            }
            Value::Instance(d) if d.class.kind == Kind::User => match d.class.lookup("__get__") {
                Some(get) => self.call(
                    &get,
                    vec![x.clone(), cls.clone(), Value::Class(meta.clone())],
                    Vec::new(),
                ),
                None => Ok(x),
            },
            _ => Ok(x),
        }
    }

    /// `setattr` on an instance whose class has a user `__setattr__`, data descriptors or `__slots__`.
    pub(crate) fn set_attr_slow(
        &mut self,
        o: &Value,
        inst: &Rc<Instance>,
        name: &str,
        v: Value,
    ) -> PyResult<()> {
        if let Some(sa) = crate::builtins::user_lookup(&inst.class, "__setattr__") {
            self.call(&sa, vec![o.clone(), Value::str(name), v], Vec::new())?;
            return Ok(());
        }
        self.generic_setattr(o, name, v)
    }

    /// `object.__setattr__`: data descriptors, then the instance dict (within `__slots__`).
    pub(crate) fn generic_setattr(&mut self, o: &Value, name: &str, v: Value) -> PyResult<()> {
        let Value::Instance(inst) = o else {
            return self.set_attr(o, name, v);
        };
        let found = inst.class.lookup(name);
        if let Some((x, Value::Instance(p))) = found.as_ref().map(|x| (x, x)) {
            if &*p.class.name == "property" && p.class.kind == Kind::Object {
                let setter = p
                    .dict
                    .borrow()
                    .get_str("fset")
                    .cloned()
                    .unwrap_or(Value::None);
                if matches!(setter, Value::None) {
                    return Err(Exc::new(
                        "AttributeError",
                        format!(
                            "property '{name}' of '{}' object has no setter",
                            inst.class.name
                        ),
                    ));
                }
                self.call(&setter, vec![o.clone(), v], Vec::new())?;
                return Ok(());
            }
            if p.class.kind == Kind::User {
                if let Some(set) = p.class.lookup("__set__") {
                    self.call(&set, vec![x.clone(), o.clone(), v], Vec::new())?;
                    return Ok(());
                }
            }
        }
        if name == "__dict__" && inst.class.slots.is_none() {
            return self.set_instance_dict(inst, v);
        }
        if let Some(slots) = &inst.class.slots {
            if !slots.iter().any(|s| &**s == name) {
                return Err(if inst.class.lookup(name).is_some() {
                    Exc::new(
                        "AttributeError",
                        format!(
                            "'{}' object attribute '{name}' is read-only",
                            inst.class.name
                        ),
                    )
                } else {
                    self.attr_error(o, name)
                });
            }
        }
        let old = inst.dict.set_str(name, v);
        drop(old);
        Ok(())
    }

    /// `obj.__dict__ = d`: `d` becomes the instance's attributes (the same dict, not a copy).
    pub(crate) fn set_instance_dict(&mut self, inst: &Rc<Instance>, v: Value) -> PyResult<()> {
        let Value::Dict(d) = v else {
            return Err(Exc::type_err(format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                tname(&v)
            )));
        };
        if !inst.dict.replace(d) {
            return Err(Exc::new(
                "RuntimeError",
                "__dict__ replaced while the old one is being read",
            ));
        }
        Ok(())
    }

    /// `object.__delattr__`: data descriptors' `__delete__`/`fdel`, then the instance dict.
    pub(crate) fn generic_delattr(&mut self, o: &Value, name: &str) -> PyResult<()> {
        let Value::Instance(inst) = o else {
            return self.del_attr(o, name);
        };
        // `del obj.__dict__`: the instance starts over with an empty dict, as in CPython.
        if name == "__dict__" && inst.class.slots.is_none() && inst.class.kind == Kind::User {
            let fresh = Rc::new(RefCell::new(Dict::new()));
            return self.set_instance_dict(inst, Value::Dict(fresh));
        }
        let found = if inst.class.store_flags().0 {
            inst.class.lookup(name)
        } else {
            None
        };
        if let Some(x @ Value::Instance(p)) = &found {
            if &*p.class.name == "property" && p.class.kind == Kind::Object {
                let deleter = p
                    .dict
                    .borrow()
                    .get_str("fdel")
                    .cloned()
                    .unwrap_or(Value::None);
                if matches!(deleter, Value::None) {
                    return Err(Exc::new(
                        "AttributeError",
                        format!(
                            "property '{name}' of '{}' object has no deleter",
                            inst.class.name
                        ),
                    ));
                }
                self.call(&deleter, vec![o.clone()], Vec::new())?;
                return Ok(());
            }
            if p.class.kind == Kind::User {
                if let Some(del) = p.class.lookup("__delete__") {
                    self.call(&del, vec![x.clone(), o.clone()], Vec::new())?;
                    return Ok(());
                }
            }
        }
        if inst.dict.remove(name).is_none() {
            if matches!(&found, Some(Value::Instance(p)) if &*p.class.name == "member_descriptor") {
                return Err(Exc::new("AttributeError", name.to_string()));
            }
            return Err(self.attr_error(o, name));
        }
        Ok(())
    }
}

impl Interp {
    /// `super().name(args)` in a method whose first parameter holds an instance, when `name` resolves to a
    /// user function in a user class after the method's own: the function is called with the instance
    /// first, with no super object or bound method made. The resolution is cached at the call site, stamped
    /// with the instance's class and the class epoch. `None`: not this case (the caller takes the general
    /// path, which evaluates `super` again: a plain name load).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn super_call(
        &mut self,
        callee: &Ex,
        fargs: &[ArgX],
        name: &str,
        h: u64,
        args: &[Ex],
        mc: &MethodCache,
        fr: &mut Frame,
    ) -> Option<PyResult<Value>> {
        if !matches!(callee, Ex::Global(n, _) | Ex::Name(n, _) if &**n == "super") {
            return None;
        }
        // `super(C, obj)` with both read from names (reading them twice, should the general path take
        // over, has no effect).
        let two = match fargs {
            [] => None,
            [ArgX::Pos(c), ArgX::Pos(o)]
                if matches!(c, Ex::Global(..) | Ex::Name(..) | Ex::Local(..))
                    && matches!(o, Ex::Local(..)) =>
            {
                Some((c, o))
            }
            _ => return None,
        };
        let fv = match self.eval(callee, fr) {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        match &fv {
            Value::Builtin(b) if b.this.is_none() && b.name == "super" => {}
            _ => return None,
        }
        let (first, target) = if let Some((c, o)) = two {
            let Ok(Value::Class(start)) = self.eval(c, fr) else {
                return None;
            };
            let first = self.eval(o, fr).ok()?;
            let Value::Instance(inst) = &first else {
                return None;
            };
            let mro = inst.class.mro.borrow();
            let pos = mro.iter().position(|k| Rc::ptr_eq(k, &start))?;
            let t = super_target(&mro[pos + 1..], name, h)?;
            drop(mro);
            (first, t)
        } else {
            if fr.code.nparams == 0 {
                return None;
            }
            let first = match fr.slots.first()? {
                Value::Cell(c) => c.borrow().clone(),
                v => v.clone(),
            };
            let Value::Instance(inst) = &first else {
                return None;
            };
            let t = Self::super_cached(&inst.class, &fr.code, name, h, mc)?;
            (first, t)
        };
        let f = match target {
            SuperTarget::Func(f) => f,
            // `object.__init__(self)`: nothing to do.
            SuperTarget::ObjectInit if args.is_empty() => return Some(Ok(Value::None)),
            SuperTarget::ObjectInit => return None,
        };
        let mut av = self.take_vec();
        av.reserve(f.code.nslots().max(args.len() + 1));
        av.push(first);
        if let Err(e) = self.eval_into(args, 0, &mut av, fr) {
            return Some(Err(e));
        }
        Some(self.call_function(&f, av, Vec::new()))
    }

    /// The user function `super().name` finds for an instance of `cls` in a method with code `code`,
    /// through the call site's cache (`None` when the lookup meets anything but user classes and plain
    /// functions: the general path decides then).
    fn super_cached(
        cls: &Rc<Class>,
        code: &Rc<crate::compile::Code>,
        name: &str,
        h: u64,
        mc: &MethodCache,
    ) -> Option<SuperTarget> {
        let stamp = (Rc::as_ptr(cls) as usize, crate::value::class_epoch());
        if let Some(f) = mc.get(stamp.0, stamp.1) {
            return Some(SuperTarget::Func(f));
        }
        let mro = cls.mro.borrow();
        let pos = mro
            .iter()
            .position(|c| crate::builtins::defines_code(c, code))?;
        let t = super_target(&mro[pos + 1..], name, h)?;
        if let SuperTarget::Func(f) = &t {
            mc.put(stamp.0, stamp.1, f);
        }
        Some(t)
    }
}

/// What `super().name` resolves to on the fast path.
pub(crate) enum SuperTarget {
    /// A user function of a user class.
    Func(Rc<Function>),
    /// `object.__init__`.
    ObjectInit,
}

/// `name` along `rest` (the MRO after the class `super` starts from): a user function, or `object`'s
/// `__init__`; `None` when anything else decides (the general path runs).
fn super_target(rest: &[Rc<Class>], name: &str, h: u64) -> Option<SuperTarget> {
    for c in rest {
        if c.kind != Kind::User {
            let plain_object = c.kind == Kind::Object && &*c.name == "object" && c.meta.is_none();
            return (plain_object && name == "__init__").then_some(SuperTarget::ObjectInit);
        }
        match c.attrs.borrow().get_h(name, h) {
            Some((_, Value::Func(f))) => return Some(SuperTarget::Func(f.clone())),
            Some(_) => return None,
            None => {}
        }
    }
    None
}
