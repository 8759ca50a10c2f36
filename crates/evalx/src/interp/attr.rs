//! Attributes and items: lookup, descriptors, set and delete, subscripts.

use super::*;

impl Interp {
    /// Finds a special method on the type of `v` (instances only: built-ins handle their own).
    pub fn lookup_special(&self, v: &Value, name: &str) -> Option<Value> {
        match v {
            Value::Instance(i) => match i.class.lookup_special(name) {
                Some(Value::Builtin(b)) if i.native.is_some() && b.name == "__init__" => {
                    self.native_special(i, name)
                }
                None if i.native.is_some() => self.native_special(i, name),
                found => found,
            },
            Value::Class(c) => c.meta.as_ref().and_then(|m| m.lookup(name)),
            Value::Complex(_) => self.types.exc.get("complex").and_then(|c| c.lookup(name)),
            _ => None,
        }
    }

    /// The built-in value an instance of a built-in type's subclass carries, when no class on its MRO
    /// defines the special method `name`: the built-in type's own slot would run on that value
    /// (`len()` of, or `for` over, a `class L(list)` instance), so callers may apply the built-in
    /// operation to it directly, without the unbound slot's lookup and call.
    #[inline]
    pub(crate) fn native_unshadowed<'a>(&self, v: &'a Value, name: &str) -> Option<&'a Value> {
        match v {
            Value::Instance(i)
                if i.native.is_some()
                    && i.class.lookup_special(name).is_none()
                    && crate::builtins::native_name_ok(i, name) =>
            {
                i.native.as_ref()
            }
            _ => None,
        }
    }

    /// The built-in type's dunder an instance of its subclass falls back to (`len()` of `class L(list)`):
    /// the unbound slot, which unwraps the instance to the value it carries.
    #[inline(never)]
    fn native_special(&self, i: &Instance, name: &str) -> Option<Value> {
        // Only str defines its own `__str__`: the others' is object's, which calls `repr` (a user
        // `__repr__` included).
        if name == "__str__" && i.class.native != Kind::Str {
            return None;
        }
        // Likewise `__format__` outside the types that define their own: `object.__format__` formats
        // `str(self)`, a subclass's `__repr__` included (`format(Counter())`).
        if name == "__format__"
            && !matches!(
                i.class.native,
                Kind::Str | Kind::Int | Kind::Float | Kind::Bool
            )
        {
            return None;
        }
        if !crate::builtins::native_name_ok(i, name) {
            return None;
        }
        let c = crate::builtins::native_class(self, i.class.native);
        crate::dunders::class_attr(self, &c, name)
    }

    /// `getattr(v, name)`.
    pub fn get_attr(&mut self, v: &Value, name: &str) -> PyResult<Value> {
        match self.get_attr_opt(v, name)? {
            Some(x) => Ok(x),
            None => Err(self.attr_error(v, name)),
        }
    }

    /// The AttributeError CPython raises for a missing attribute.
    pub fn attr_error(&self, v: &Value, name: &str) -> Box<Exc> {
        let raised = self.getattr_raised.borrow_mut().take();
        if let Some((id, n, e)) = raised
            && id == v.identity()
            && n == name
        {
            return e;
        }
        let mut e = self.attr_error_text(v, name);
        e.attr_obj = Some(v.clone());
        e
    }

    fn attr_error_text(&self, v: &Value, name: &str) -> Box<Exc> {
        match v {
            Value::Class(c) => Exc::new(
                "AttributeError",
                format!("type object '{}' has no attribute '{name}'", c.name),
            ),
            Value::Module(m) => Exc::new(
                "AttributeError",
                format!("module '{}' has no attribute '{name}'", m.name),
            ),
            _ => Exc::new(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", tname(v)),
            ),
        }
    }

    /// A user `__getattr__(v, name)`: its AttributeError means absent, and is kept for the error a
    /// raising lookup reports.
    fn user_getattr(&mut self, ga: &Value, v: &Value, name: &str) -> PyResult<Option<Value>> {
        match self.call(ga, vec![v.clone(), Value::str(name)], Vec::new()) {
            Ok(r) => Ok(Some(r)),
            Err(e)
                if self
                    .exc_class(&e)
                    .is_subclass(&self.types.exc["AttributeError"]) =>
            {
                *self.getattr_raised.borrow_mut() = Some((v.identity(), name.to_string(), e));
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// `getattr` returning `None` when absent.
    pub fn get_attr_opt(&mut self, v: &Value, name: &str) -> PyResult<Option<Value>> {
        if let Value::Instance(inst) = v {
            if inst.class.store_flags().1 {
                if let Some(ga) = crate::builtins::user_lookup(&inst.class, "__getattribute__") {
                    return self.user_getattribute(v, &ga, name);
                }
            }
        }
        self.generic_getattr(v, name, true)
    }

    /// `object.__getattribute__` (then `__getattr__` when `with_getattr`).
    pub(crate) fn generic_getattr(
        &mut self,
        v: &Value,
        name: &str,
        with_getattr: bool,
    ) -> PyResult<Option<Value>> {
        match v {
            Value::Instance(inst) => {
                if name == "__class__" {
                    return Ok(Some(Value::Class(inst.class.clone())));
                }
                if inst.class.kind == Kind::Object
                    && matches!(&**inst.class.name, "super" | "property" | "frame")
                {
                    if let Some(v) = crate::builtins::internal_attr(self, inst, name)? {
                        return Ok(Some(v));
                    }
                    if &*inst.class.name == "super" {
                        return Ok(None);
                    }
                }
                // The instance's own dict, live: writes and deletions through it are attribute changes.
                if name == "__dict__" {
                    // Slotted instances, and the built-in kinds CPython gives no dict.
                    if inst.class.slots.is_some()
                        || (inst.class.kind == Kind::Object
                            && (matches!(&**inst.class.name, "property" | "code" | "frame")
                                || inst.class.bases.is_empty()))
                    {
                        return Ok(None);
                    }
                    if inst.class.kind == Kind::Exception {
                        if let Some(d) = crate::builtins::exception_user_dict(inst) {
                            return Ok(Some(d));
                        }
                    }
                    return Ok(Some(Value::Dict(inst.dict.live())));
                }
                if inst.class.store_flags().1 {
                    if let Some(x) = inst.class.lookup(name) {
                        if self.is_data_descriptor(&x) {
                            return match self.bind_descriptor(x, v) {
                                Ok(r) => Ok(Some(r)),
                                // A property's AttributeError hands over to `__getattr__`, as
                                // CPython's `__getattribute__` failing does.
                                Err(e)
                                    if with_getattr
                                        && self
                                            .exc_class(&e)
                                            .is_subclass(&self.types.exc["AttributeError"]) =>
                                {
                                    match inst.class.lookup("__getattr__") {
                                        Some(ga) => self.user_getattr(&ga, v, name),
                                        None => Err(e),
                                    }
                                }
                                Err(e) => Err(e),
                            };
                        }
                    }
                }
                if let Some(x) = inst.dict.get_str(name) {
                    return Ok(Some(x));
                }
                if let Some(x) = inst.class.lookup(name) {
                    return Ok(Some(self.bind_descriptor(x, v)?));
                }
                if let Some(p) = &inst.native
                    && crate::builtins::native_name_ok(inst, name)
                {
                    if let Some(x) = crate::methods::builtin_attr(self, p, name)? {
                        return Ok(Some(x));
                    }
                }
                if inst.class.kind == Kind::Exception {
                    if let Some(r) = crate::builtins::exc_attr(self, inst, name) {
                        return Ok(Some(r));
                    }
                }
                if inst.native.is_none()
                    && let Some(m) = crate::builtins::object_member_of(self, &inst.class, name, v)
                {
                    return Ok(Some(m));
                }
                if !with_getattr {
                    return Ok(None);
                }
                if let Some(ga) = inst.class.lookup("__getattr__") {
                    return self.user_getattr(&ga, v, name);
                }
                Ok(None)
            }
            Value::Class(c) => {
                match name {
                    "__name__" => return Ok(Some(Value::Str(c.name.clone()))),
                    "__qualname__" => return Ok(Some(Value::Str(c.qualname.clone()))),
                    "__class__" => return Ok(Some(Value::Class(self.type_of(v)))),
                    "__mro__" => {
                        return Ok(Some(Value::tuple(
                            c.mro
                                .borrow()
                                .iter()
                                .map(|k| Value::Class(k.clone()))
                                .collect(),
                        )));
                    }
                    "__bases__" => {
                        let mut b: Vec<Value> =
                            c.bases.iter().map(|k| Value::Class(k.clone())).collect();
                        if b.is_empty() && c.kind != Kind::Object {
                            b.push(Value::Class(self.types.object.clone()));
                        }
                        return Ok(Some(Value::tuple(b)));
                    }
                    // A live read-only view: later changes to the class show through it, as in CPython.
                    "__dict__" => {
                        // A built-in type's: its entries as CPython's descriptors (a new dict each time).
                        if c.kind != Kind::User
                            && let Some(d) = crate::builtins::builtin_class_dict(self, c)?
                        {
                            return Ok(Some(crate::builtins::mappingproxy(self, d)));
                        }
                        let d = Value::Dict(c.attrs.clone());
                        return Ok(Some(crate::builtins::mappingproxy(self, d)));
                    }
                    "__base__" => {
                        return Ok(Some(match c.bases.first() {
                            Some(b) => Value::Class(b.clone()),
                            None if c.kind == Kind::Object
                                && c.bases.is_empty()
                                && Rc::ptr_eq(c, &self.types.object) =>
                            {
                                Value::None
                            }
                            None => Value::Class(self.types.object.clone()),
                        }));
                    }
                    // `C.mro()`: the method resolution order as a list (a user metaclass may define its own).
                    "mro" if c.meta.as_ref().is_none_or(|m| m.lookup("mro").is_none()) => {
                        return Ok(Some(Value::Builtin(Rc::new(crate::value::Builtin {
                            name: "mro",
                            func: class_mro,
                            // `type.mro` itself is the unbound method.
                            this: (!Rc::ptr_eq(c, &self.types.type_)).then(|| v.clone()),
                        }))));
                    }
                    // A user exception class keeps the module it was defined in.
                    "__module__"
                        if c.kind != Kind::User
                            && c.attrs.borrow().get_str("__module__").is_none() =>
                    {
                        return Ok(Some(Value::Str(c.module.get())));
                    }
                    // Built-in classes carry their signature in their docs in CPython; none has one here.
                    "__text_signature__" if c.attrs.borrow().get_str(name).is_none() => {
                        return Ok(Some(Value::None));
                    }
                    "__doc__" => {
                        let own = c.attrs.borrow().get_str("__doc__").cloned();
                        return Ok(Some(match own {
                            Some(d) => d,
                            // A built-in type's doc (our words, from the tables).
                            None if c.kind != Kind::User && &**c.module == "builtins" => {
                                crate::describe::builtin_type_docstring(&c.name)
                            }
                            None => Value::None,
                        }));
                    }
                    _ => {}
                }
                match c.lookup(name) {
                    Some(Value::Builtin(b))
                        if b.name == "<staticmethod>" || b.name == "<classmethod>" =>
                    {
                        Ok(Some(self.bind_descriptor(Value::Builtin(b), v)?))
                    }
                    Some(x @ Value::Instance(_)) => Ok(Some(self.bind_descriptor(x, v)?)),
                    Some(x) => Ok(Some(x)),
                    None => {
                        if let Some(m) = &c.meta {
                            if let Some(x) = m.lookup(name) {
                                return Ok(Some(self.bind_to_class(x, v, m)?));
                            }
                        }
                        if c.kind != Kind::User
                            && c.kind != Kind::Exception
                            && crate::methods::has_method(c.kind, name)
                        {
                            return Ok(Some(Value::Bound(Rc::new((v.clone(), Value::str(name))))));
                        }
                        // `D.__new__` of a subclass of a built-in type (`class D(dict)`): the built-in's.
                        if name == "__new__" && c.kind == Kind::User && c.native != Kind::Object {
                            let base = c.mro.borrow().iter().find(|k| k.kind == c.native).cloned();
                            if let Some(k) = base {
                                return self.get_attr_opt(&Value::Class(k), name);
                            }
                        }
                        Ok(crate::dunders::class_attr(self, c, name)
                            .or_else(|| crate::builtins::object_type_attr(c, name))
                            .or_else(|| crate::builtins::object_member_of(self, c, name, v))
                            .or_else(|| crate::builtins::builtin_descriptor_attr(self, c, name)))
                    }
                }
            }
            Value::Module(m) => {
                if name == "__name__" {
                    return Ok(Some(Value::Str(m.name.clone())));
                }
                if name == "__dict__" {
                    if &*m.name == "sys" {
                        self.stdout_rebound = true;
                    }
                    return Ok(Some(Value::Dict(m.dict.clone())));
                }
                let found = m.dict.borrow().get_str(name).cloned();
                if found.is_none() && with_getattr && name != "__getattr__" {
                    // A module's own `__getattr__(name)` answers names it lacks (PEP 562).
                    let ga = m.dict.borrow().get_str("__getattr__").cloned();
                    if let Some(ga) = ga {
                        return match self.call(&ga, vec![Value::str(name)], Vec::new()) {
                            Ok(r) => Ok(Some(r)),
                            Err(e)
                                if self
                                    .exc_class(&e)
                                    .is_subclass(&self.types.exc["AttributeError"]) =>
                            {
                                *self.getattr_raised.borrow_mut() =
                                    Some((v.identity(), name.to_string(), e));
                                Ok(None)
                            }
                            Err(e) => Err(e),
                        };
                    }
                }
                Ok(found)
            }
            Value::Func(f) => Ok(match name {
                "__name__" => Some(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Some(Value::Str(f.qualname.clone())),
                "__doc__" => Some(f.doc.borrow().clone()),
                "__module__" => Some(
                    f.globals
                        .borrow()
                        .get_str("__name__")
                        .cloned()
                        .unwrap_or(Value::None),
                ),
                "__defaults__" => Some(if f.defaults.is_empty() {
                    Value::None
                } else {
                    Value::tuple(f.defaults.clone())
                }),
                "__globals__" => Some(Value::Dict(f.globals.clone())),
                "__builtins__" => Some(Value::Dict(self.builtins.clone())),
                "__code__" => Some(crate::builtins::function_code(self, &f.code)),
                // The cells of the enclosing scopes' variables the body reads, in `co_freevars` order.
                "__closure__" => Some(if f.closure.is_empty() {
                    Value::None
                } else {
                    Value::tuple(
                        crate::builtins::free_order(&f.code)
                            .into_iter()
                            .filter_map(|k| f.closure.get(k).cloned())
                            .collect(),
                    )
                }),
                "__kwdefaults__" => Some(if f.kwdefaults.is_empty() {
                    Value::None
                } else {
                    let mut d = Dict::new();
                    for (k, v) in &f.kwdefaults {
                        d.set_str(k, v.clone());
                    }
                    Value::dict(d)
                }),
                "__dict__" => Some(Value::dict(f.attrs.borrow().clone())),
                "__class__" => Some(Value::Class(self.types.function.clone())),
                "__annotations__" => {
                    let existing = f.attrs.borrow().get_str(name).cloned();
                    Some(match existing {
                        Some(d) => d,
                        None => {
                            let d = Value::dict(Dict::new());
                            f.attrs.borrow_mut().set_str(name, d.clone());
                            d
                        }
                    })
                }
                _ => f.attrs.borrow().get_str(name).cloned(),
            }),
            Value::Bound(b) => Ok(match name {
                "__self__" => Some(b.0.clone()),
                "__func__" => Some(b.1.clone()),
                "__name__" => match &b.1 {
                    Value::Func(f) => Some(Value::Str(f.name.borrow().clone())),
                    Value::Str(s) => Some(Value::Str(s.clone())),
                    Value::Builtin(f) => Some(Value::str(f.name)),
                    _ => None,
                },
                _ => match &b.1 {
                    // `object().__str__`: a method-wrapper's names and class.
                    Value::Builtin(f)
                        if f.this.is_none() && crate::builtins::is_slot_builtin(f) =>
                    {
                        match name {
                            "__qualname__" | "__objclass__" => {
                                let owner = crate::builtins::slot_owner(self, f, Some(&b.0));
                                Some(if name == "__objclass__" {
                                    Value::Class(owner)
                                } else {
                                    Value::str(&format!("{}.{}", owner.name, f.name))
                                })
                            }
                            "__class__" => Some(Value::Class(self.type_of(v))),
                            "__doc__" => Some(crate::describe::builtin_method_docstring(
                                &Value::Class(self.types.object.clone()),
                                f.name,
                            )),
                            _ => self.get_attr_opt(&b.1.clone(), name)?,
                        }
                    }
                    Value::Func(_) => self.get_attr_opt(&b.1.clone(), name)?,
                    // A built-in method (`[].append`): the miss path, what `dir` lists for it.
                    Value::Str(method) => match name {
                        "__text_signature__" => {
                            Some(crate::describe::builtin_text_signature(Some(&b.0), method))
                        }
                        "__class__" => Some(Value::Class(self.type_of(v))),
                        "__doc__" => Some(crate::describe::builtin_method_docstring(&b.0, method)),
                        "__module__" => Some(Value::None),
                        // A method or slot descriptor's class, and its binding (`str.join.__get__("-")`).
                        "__objclass__"
                            if crate::dunders::bound_builtin_kind(&b.0, method)
                                != "builtin_function_or_method" =>
                        {
                            Some(match &b.0 {
                                Value::Class(c) => Value::Class(c.clone()),
                                other => Value::Class(self.type_of(other)),
                            })
                        }
                        "__get__"
                            if matches!(
                                crate::dunders::bound_builtin_kind(&b.0, method),
                                "method_descriptor" | "wrapper_descriptor"
                            ) =>
                        {
                            Some(Value::Builtin(Rc::new(crate::value::Builtin {
                                name: "__get__",
                                func: descriptor_get,
                                this: Some(v.clone()),
                            })))
                        }
                        "__qualname__" => Some(Value::str(&match &b.0 {
                            Value::Class(c) => format!("{}.{method}", c.name),
                            other => format!("{}.{method}", tname(other)),
                        })),
                        _ => crate::dunders::attr(self, v, name),
                    },
                    _ => None,
                },
            }),
            // `staticmethod(f)` / `classmethod(f)`: the function they wrap, and the names they copy from it.
            Value::Builtin(b)
                if matches!(b.name, "<staticmethod>" | "<classmethod>")
                    && matches!(
                        name,
                        "__func__"
                            | "__wrapped__"
                            | "__isabstractmethod__"
                            | "__name__"
                            | "__qualname__"
                            | "__module__"
                            | "__doc__"
                            | "__annotations__"
                            | "__dict__"
                    ) =>
            {
                let inner = b.this.clone().unwrap_or(Value::None);
                if name == "__dict__" {
                    let mut d = Dict::new();
                    for n in [
                        "__module__",
                        "__name__",
                        "__qualname__",
                        "__doc__",
                        "__annotations__",
                    ] {
                        if let Some(x) = self.get_attr_opt(&inner, n)? {
                            d.set_str(n, x);
                        }
                    }
                    return Ok(Some(Value::dict(d)));
                }
                if matches!(
                    name,
                    "__name__" | "__qualname__" | "__module__" | "__doc__" | "__annotations__"
                ) {
                    return self.get_attr_opt(&inner, name);
                }
                if name == "__isabstractmethod__" {
                    let flag = self.get_attr_opt(&inner, name)?;
                    return Ok(Some(match flag {
                        Some(x) => Value::bool(self.truthy(&x)?),
                        None => Value::bool(false),
                    }));
                }
                Ok(Some(inner))
            }
            Value::Builtin(b) => Ok(match name {
                "__text_signature__" => Some(crate::describe::builtin_text_signature(
                    b.this.as_ref(),
                    b.name,
                )),
                "__name__" => Some(Value::str(b.name)),
                // `object.__str__`: a slot wrapper's qualified name and class.
                "__qualname__" | "__objclass__"
                    if b.this.is_none() && crate::builtins::is_slot_builtin(b) =>
                {
                    let owner = crate::builtins::slot_owner(self, b, None);
                    Some(if name == "__objclass__" {
                        Value::Class(owner)
                    } else {
                        Value::str(&format!("{}.{}", owner.name, b.name))
                    })
                }
                "__qualname__" => Some(Value::str(b.name)),
                "__self__" => Some(b.this.clone().unwrap_or(Value::None)),
                "__module__" => Some(Value::str("builtins")),
                // The miss path: what `dir(len)` lists beyond the names above.
                "__class__" => Some(Value::Class(self.type_of(v))),
                "__doc__" => Some(crate::describe::builtin_function_docstring(b.name)),
                _ => crate::dunders::attr(self, v, name),
            }),
            Value::Cell(c) if name == "cell_contents" => match &*c.borrow() {
                Value::Undef => Err(Exc::new("ValueError", "Cell is empty")),
                x => Ok(Some(x.clone())),
            },
            _ => {
                if name == "__class__" {
                    return Ok(Some(Value::Class(self.type_of(v))));
                }
                // A native iterator's class methods (`repeat.__length_hint__`, `chain.from_iterable`).
                if let Value::Iter(i) = v
                    && name != "__next__"
                    && name != "__iter__"
                {
                    let class = match &*i.borrow() {
                        crate::value::Iter::Native(n) => Some(n.class.clone()),
                        _ => None,
                    };
                    if let Some(x) = class.as_ref().and_then(|c| c.lookup(name)) {
                        return Ok(Some(match x {
                            Value::Builtin(b) if b.name == "<classmethod>" => {
                                let cls = class.unwrap_or_else(|| self.types.object.clone());
                                self.bind_descriptor(Value::Builtin(b), &Value::Class(cls))?
                            }
                            Value::Builtin(b) if b.this.is_none() => {
                                Value::Builtin(Rc::new(crate::value::Builtin {
                                    name: b.name,
                                    func: b.func,
                                    this: Some(v.clone()),
                                }))
                            }
                            other => other,
                        }));
                    }
                }
                crate::methods::builtin_attr(self, v, name)
            }
        }
    }

    pub(crate) fn bind_descriptor(&mut self, x: Value, owner: &Value) -> PyResult<Value> {
        match &x {
            Value::Instance(d) if d.class.kind == Kind::User => {
                self.user_descriptor_get(&x, d, owner)
            }
            Value::Instance(d)
                if d.class.kind == Kind::Object && &*d.class.name == "member_descriptor" =>
            {
                self.member_get(d, &x, owner)
            }
            Value::Func(_) => {
                if let Value::Instance(_) = owner {
                    return Ok(Value::Bound(Rc::new((owner.clone(), x))));
                }
                Ok(x)
            }
            Value::Builtin(b) if b.name == "<staticmethod>" => {
                Ok(b.this.clone().unwrap_or(Value::None))
            }
            // A standard-library type's native method (`array.append`, see `stdlib::add_methods`) binds to
            // instances as CPython's method descriptors do.
            Value::Builtin(b) if b.this.is_none() && b.name.contains('.') => {
                if let Value::Instance(_) = owner {
                    return Ok(Value::Builtin(Rc::new(crate::value::Builtin {
                        name: b.name,
                        func: b.func,
                        this: Some(owner.clone()),
                    })));
                }
                Ok(x)
            }
            // `object().__init__`, `ValueError().__str__`: a slot wrapper bound to the instance.
            Value::Builtin(b)
                if b.this.is_none()
                    && matches!(owner, Value::Instance(_))
                    && crate::builtins::is_slot_builtin(b) =>
            {
                Ok(Value::Bound(Rc::new((owner.clone(), x))))
            }
            Value::Builtin(b) if b.name == "<classmethod>" => {
                let cls = match owner {
                    Value::Instance(i) => Value::Class(i.class.clone()),
                    other => other.clone(),
                };
                // A native class method binds as CPython's do (`<built-in method from_iterable of type
                // object>`): the class becomes its receiver.
                if let Some(Value::Builtin(f)) = &b.this
                    && f.this.is_none()
                    && matches!(cls, Value::Class(ref c) if c.kind == Kind::Iterator)
                {
                    return Ok(Value::Builtin(Rc::new(crate::value::Builtin {
                        name: f.name,
                        func: f.func,
                        this: Some(cls),
                    })));
                }
                Ok(Value::Bound(Rc::new((
                    cls,
                    b.this.clone().unwrap_or(Value::None),
                ))))
            }
            Value::Instance(d) if d.class.kind == Kind::Object && &*d.class.name == "property" => {
                if let Value::Instance(_) = owner {
                    let getter = d
                        .dict
                        .borrow()
                        .get_str("fget")
                        .cloned()
                        .unwrap_or(Value::None);
                    if matches!(getter, Value::None) {
                        return Err(Exc::new("AttributeError", "unreadable attribute"));
                    }
                    return self.call(&getter, vec![owner.clone()], Vec::new());
                }
                Ok(x)
            }
            _ => Ok(x),
        }
    }

    /// `setattr(o, name, v)`.
    pub fn set_attr(&mut self, o: &Value, name: &str, v: Value) -> PyResult<()> {
        match o {
            Value::Instance(inst) => {
                // `real`/`imag` of a complex subclass's instance are the carried value's, read-only.
                if matches!(name, "real" | "imag") && matches!(inst.native, Some(Value::Complex(_)))
                {
                    return Err(Exc::new("AttributeError", "readonly attribute"));
                }
                if inst.class.store_flags().0 {
                    return self.set_attr_slow(o, inst, name, v);
                }
                if name == "__dict__" {
                    return self.set_instance_dict(inst, v);
                }
                // A bare `object()` has no `__dict__`: CPython refuses any attribute on it.
                if inst.class.kind == Kind::Object && inst.class.bases.is_empty() {
                    return Err(self.attr_error(o, name));
                }
                let old = inst.dict.set_str(name, v);
                drop(old);
                Ok(())
            }
            Value::Class(c)
                if c.meta.is_some()
                    && c.meta
                        .as_ref()
                        .and_then(|m| crate::builtins::user_lookup(m, "__setattr__"))
                        .is_some() =>
            {
                let f = c
                    .meta
                    .as_ref()
                    .and_then(|m| crate::builtins::user_lookup(m, "__setattr__"))
                    .unwrap_or(Value::None);
                self.call(&f, vec![o.clone(), Value::str(name), v], Vec::new())?;
                Ok(())
            }
            Value::Class(c) if c.kind == Kind::User || c.kind == Kind::Exception => {
                if name == "__del__" {
                    finalize::note_del_defined();
                }
                if matches!(name, "__name__" | "__qualname__" | "__module__") {
                    return crate::builtins::set_class_name(c, name, v);
                }
                c.attrs.borrow_mut().set_str(name, v);
                crate::value::bump_class_epoch();
                Ok(())
            }
            Value::Func(f) => {
                match name {
                    "__name__" => {
                        if let Value::Str(s) = &v {
                            *f.name.borrow_mut() = s.clone();
                        }
                    }
                    "__doc__" => *f.doc.borrow_mut() = v,
                    _ => f.attrs.borrow_mut().set_str(name, v),
                }
                Ok(())
            }
            Value::Module(m) => {
                if name == "stdout" {
                    self.stdout_rebound = true;
                }
                m.dict.borrow_mut().set_str(name, v);
                Ok(())
            }
            Value::Class(c) => Err(Exc::type_err(format!(
                "cannot set '{name}' attribute of immutable type '{}'",
                c.name
            ))),
            _ => {
                if self.get_attr_opt(o, name)?.is_some() {
                    Err(Exc::new(
                        "AttributeError",
                        format!("'{}' object attribute '{name}' is read-only", tname(o)),
                    ))
                } else {
                    Err(Exc::new(
                        "AttributeError",
                        format!("'{}' object has no attribute '{name}'", tname(o)),
                    ))
                }
            }
        }
    }

    pub(crate) fn del_attr(&mut self, o: &Value, name: &str) -> PyResult<()> {
        match o {
            Value::Instance(inst) => {
                if inst.class.store_flags().0 {
                    if let Some(da) = crate::builtins::user_lookup(&inst.class, "__delattr__") {
                        self.call(&da, vec![o.clone(), Value::str(name)], Vec::new())?;
                        return Ok(());
                    }
                }
                self.generic_delattr(o, name)
            }
            Value::Class(c) if c.kind == Kind::User || c.kind == Kind::Exception => {
                crate::value::bump_class_epoch();
                if c.attrs.borrow_mut().remove(&Value::str(name)).is_none() {
                    return Err(self.attr_error(o, name));
                }
                Ok(())
            }
            Value::Module(m) => {
                if m.dict.borrow_mut().remove(&Value::str(name)).is_none() {
                    return Err(Exc::new(
                        "AttributeError",
                        format!("'module' object has no attribute '{name}'"),
                    ));
                }
                Ok(())
            }
            _ => Err(self.attr_error(o, name)),
        }
    }

    // ------------------------------------------------------------------ items

    /// `o[i]`.
    pub fn get_item(&mut self, o: &Value, i: &Value) -> PyResult<Value> {
        crate::methods::get_item(self, o, i)
    }
    /// `o[i] = v`.
    pub fn set_item(&mut self, o: &Value, i: Value, v: Value) -> PyResult<()> {
        crate::methods::set_item(self, o, i, v)
    }
    /// `del o[i]`.
    pub fn del_item(&mut self, o: &Value, i: &Value) -> PyResult<()> {
        crate::methods::del_item(self, o, i)
    }
}

/// `type.mro(cls)`: `cls.__mro__` as a list.
fn class_mro(_it: &mut Interp, args: &[Value], kw: crate::stdlib::Kw<'_>) -> PyResult<Value> {
    crate::builtins::arity("mro", args, kw, 1, 1)?;
    match &args[0] {
        Value::Class(c) => Ok(Value::list(
            c.mro
                .borrow()
                .iter()
                .map(|k| Value::Class(k.clone()))
                .collect(),
        )),
        other => Err(Exc::type_err(format!(
            "descriptor 'mro' for 'type' objects doesn't apply to a '{}' object",
            crate::builtins::type_name(other)
        ))),
    }
}

/// `method_descriptor.__get__(self, obj, type=None)`: the method bound to `obj` (itself when `obj` is
/// `None`).
fn descriptor_get(_it: &mut Interp, args: &[Value], _kw: &[(RcStr, Value)]) -> PyResult<Value> {
    match args {
        [d, Value::None] | [d, Value::None, _] => Ok(d.clone()),
        [Value::Bound(b), obj] | [Value::Bound(b), obj, _] => {
            Ok(Value::Bound(Rc::new((obj.clone(), b.1.clone()))))
        }
        _ => Err(Exc::type_err(format!(
            "expected 1 or 2 arguments, got {}",
            args.len().saturating_sub(1)
        ))),
    }
}
