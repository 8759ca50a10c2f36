//! `dir()` and `help()` for evalx values: every value described through `introspect::Describe`, so one
//! renderer (pydoc's plain-text layout) serves evalx and Rust programs alike.
//!
//! Built-in types come from generated tables (`describe/tables.rs`, made by
//! `tests/introspect/make_tables.py` from CPython 3.11): the names, kinds and signatures CPython has for what
//! evalx implements, with our own doc words. User classes, instances, functions and bound methods are read
//! from the interpreter's objects. Nothing here runs on the interpreter's hot paths: it is reached only from
//! the `dir` and `help` builtins.

mod tables;

use crate::compile::Code;
use crate::format::repr_plain;
use crate::interp::{Exc, Interp, PyResult};
use crate::thin::RcStr;
use crate::value::{Class, Function, Key, Kind, Value};
use introspect::{
    ClassRef, DataDoc, Describe, MemberDoc, MemberKind, ModuleDoc, ModuleKind, Param, ParamKind,
    Resolve, RoutineDoc, RoutineKind, Signature, Subject, TypeDoc, text::clean_doc,
};
use std::io::Write;
use std::rc::Rc;

/// One member of a built-in type, as the generated tables hold it.
pub(crate) struct M {
    name: &'static str,
    kind: MemberKind,
    /// CPython's type of the attribute in the class dict (`method_descriptor`, `wrapper_descriptor`, ...):
    /// the header of `help('list.append')`.
    ty: &'static str,
    sig: Option<&'static str>,
    value: Option<&'static str>,
    /// Bound to the class, so pydoc notes " from builtins.type".
    from_type: bool,
    doc: &'static str,
}

/// A built-in type: its constructor signature, doc, MRO (without itself), built-in subclasses and the
/// members it defines itself.
pub(crate) struct T {
    name: &'static str,
    sig: Option<&'static str>,
    doc: &'static str,
    mro: &'static [&'static str],
    subclasses: &'static [&'static str],
    members: &'static [M],
}

/// A built-in function: name, signature (`None` where CPython has none) and our doc.
pub(crate) struct B {
    name: &'static str,
    sig: Option<&'static str>,
    doc: &'static str,
}

const MATH_DOC: &str = "Mathematical functions over ints and floats: roots, powers and logarithms,\n\
trigonometry, rounding, number theory, and the constants pi, e, tau, inf and nan.";
const MATH_REFERENCE: &str = "https://docs.python.org/3.11/library/math.html";

fn builtin_type(name: &str) -> Option<&'static T> {
    tables::TYPES.iter().find(|t| t.name == name)
}

/// The table describing values of the built-in type `name`: its own, or for CPython's generic sequence
/// iterator (`iterator`, what `iter()` gives for a class with `__getitem__`) the list iterator's, which has
/// exactly the same members.
fn value_type(name: &str) -> Option<&'static T> {
    builtin_type(name).or_else(|| {
        if name == "iterator" {
            builtin_type("list_iterator")
        } else {
            None
        }
    })
}

fn member_doc(m: &M) -> MemberDoc {
    let mut doc = MemberDoc::new(m.name, m.kind);
    doc.signature = m.sig.map(str::to_owned);
    doc.value = m.value.map(str::to_owned);
    doc.doc = m.doc.to_owned();
    if m.from_type {
        doc.bound_from = Some(ClassRef::new("builtins", "type"));
    }
    doc
}

/// The class page of a built-in type from the tables, with one inherited group per ancestor.
fn builtin_type_doc(t: &T) -> TypeDoc {
    let mut doc = TypeDoc::new(t.name, "builtins").with_doc(t.doc);
    doc.signature = t.sig.map(str::to_owned);
    doc.members = t.members.iter().map(member_doc).collect();
    doc.builtin_subclasses = t.subclasses.iter().map(|s| (*s).to_owned()).collect();
    if let Some(base) = t.mro.first() {
        doc.bases = vec![ClassRef::new("builtins", *base)];
    }
    doc.mro = t
        .mro
        .iter()
        .map(|n| ClassRef::new("builtins", *n))
        .collect();
    let mut seen: Vec<&str> = t.members.iter().map(|m| m.name).collect();
    for ancestor in t.mro {
        if let Some(a) = builtin_type(ancestor) {
            let members: Vec<MemberDoc> = a
                .members
                .iter()
                .filter(|m| !seen.contains(&m.name))
                .map(member_doc)
                .collect();
            seen.extend(a.members.iter().map(|m| m.name));
            doc.inherited.push(introspect::Inherited {
                from: ClassRef::new("builtins", *ancestor),
                members,
            });
        }
    }
    doc
}

/// A class the tables do not cover (exceptions, iterators, ...): its name, bases and what it inherits from
/// `object`, plus whatever evalx keeps in its attribute dict.
fn class_doc(c: &Class) -> TypeDoc {
    if &*c.module == "builtins"
        && c.kind != Kind::User
        && let Some(t) = builtin_type(&c.name)
    {
        return builtin_type_doc(t);
    }
    if c.kind == Kind::Object {
        if let Some(t) = builtin_type("object") {
            return builtin_type_doc(t);
        }
    }
    // A native iterator type (itertools') is a C type in CPython: no `__dict__`/`__weakref__` of its own.
    let user = &*c.module != "builtins" && c.kind != Kind::Iterator;
    let mut doc = TypeDoc::new(&**c.name, &**c.module);
    doc.bases = c.bases.iter().map(|b| class_ref(b)).collect();
    let mro = c.mro.borrow();
    doc.mro = mro.iter().skip(1).map(|k| class_ref(k)).collect();
    doc.members = own_members(c, user);
    for m in doc.members.iter_mut() {
        if m.doc.is_empty() && m.kind.is_routine() {
            m.doc = inherited_doc(&mro, &m.name);
        }
    }
    // The constructor's signature, as inspect.signature(cls) gives it: the first Python `__init__` found
    // along the MRO, bound.
    doc.signature = mro
        .iter()
        .find_map(|k| match k.attrs.borrow().get_str("__init__") {
            Some(Value::Func(f)) => Some(function_signature(f).bound().to_string()),
            _ => None,
        });
    if let Some(Value::Str(d)) = c.attrs.borrow().get_str("__doc__") {
        doc.doc = clean_doc(d);
    }
    let mut seen: Vec<String> = doc.members.iter().map(|m| m.name.clone()).collect();
    for ancestor in mro.iter().skip(1) {
        let members: Vec<MemberDoc> = if &*ancestor.module == "builtins" {
            match builtin_type(&ancestor.name) {
                Some(t) => t.members.iter().map(member_doc).collect(),
                None => own_members(ancestor, false),
            }
        } else {
            own_members(ancestor, &*ancestor.module != "builtins")
        };
        let members: Vec<MemberDoc> = members
            .into_iter()
            .filter(|m| !seen.contains(&m.name))
            .collect();
        seen.extend(members.iter().map(|m| m.name.clone()));
        doc.inherited.push(introspect::Inherited {
            from: class_ref(ancestor),
            members,
        });
    }
    doc
}

fn class_ref(c: &Class) -> ClassRef {
    ClassRef::new(&**c.module, &**c.name)
}

/// The doc a method without a docstring inherits, as `inspect.getdoc` finds it: that of the same name in
/// the first class after the first along `mro` that has one (a user function's docstring, or a built-in
/// type's member doc).
fn inherited_doc(mro: &[Rc<Class>], name: &str) -> String {
    for k in mro.iter().skip(1) {
        if &*k.module == "builtins" {
            if let Some(m) = builtin_member(&k.name, name)
                && !m.doc.is_empty()
            {
                return m.doc.to_owned();
            }
            continue;
        }
        let doc = match k.attrs.borrow().get_str(name) {
            Some(Value::Func(f)) => function_doc(f),
            _ => String::new(),
        };
        if !doc.is_empty() {
            return doc;
        }
    }
    String::new()
}

/// The members a class defines in its own attribute dict. A user class also has the `__dict__` and
/// `__weakref__` descriptors and a `__doc__` (None when it has no docstring), as in CPython.
fn own_members(c: &Class, user: bool) -> Vec<MemberDoc> {
    let attrs = c.attrs.borrow();
    let mut out = Vec::new();
    for (k, v) in attrs.map() {
        let Key(Value::Str(name)) = k else { continue };
        if &**name == "__qualname__" {
            continue;
        }
        out.push(attr_member(name, v));
    }
    if user {
        if attrs.get_str("__doc__").is_none() {
            out.push(MemberDoc::data("__doc__", "None"));
        }
        // Like CPython, a class gets the descriptors only where no base already gives its instances a
        // `__dict__` (user classes) or `__weakref__`; exceptions already have a `__dict__`.
        let mro = c.mro.borrow();
        let user_base = mro.iter().skip(1).any(|k| &*k.module != "builtins");
        let exception_base = mro
            .iter()
            .skip(1)
            .any(|k| k.kind == Kind::Exception && &*k.module == "builtins");
        for (name, doc) in [
            ("__dict__", "The instance's own attributes."),
            ("__weakref__", "Weak references to the object."),
        ] {
            let inherited = user_base || (exception_base && name == "__dict__");
            if !inherited && attrs.get_str(name).is_none() {
                out.push(MemberDoc::descriptor(name).with_doc(doc));
            }
        }
    }
    out
}

/// One class attribute as a member: functions are methods, wrapped ones class or static methods,
/// properties data descriptors, anything else data shown by its repr.
fn attr_member(name: &str, v: &Value) -> MemberDoc {
    match v {
        Value::Func(f) => {
            MemberDoc::method(name, function_signature(f).to_string()).with_doc(function_doc(f))
        }
        Value::Builtin(b) if b.name == "<classmethod>" || b.name == "<staticmethod>" => {
            let (sig, doc) = match &b.this {
                Some(Value::Func(f)) => (function_signature(f), function_doc(f)),
                _ => (Signature::new(Vec::new()), String::new()),
            };
            if b.name == "<classmethod>" {
                MemberDoc::class_method(name, sig.bound().to_string())
                    .with_doc(doc)
                    .bound_from(ClassRef::new("builtins", "type"))
            } else {
                MemberDoc::static_method(name, sig.to_string()).with_doc(doc)
            }
        }
        Value::Builtin(b) => {
            let mut m = MemberDoc::new(name, MemberKind::Method);
            m.signature = None;
            m.doc = builtin_function(b.name)
                .map(|f| f.doc)
                .unwrap_or("")
                .to_owned();
            m
        }
        Value::Instance(i) if &*i.class.name == "property" => {
            let doc = match i.dict.borrow().get_str("doc") {
                Some(Value::Str(d)) => clean_doc(d),
                _ => match i.dict.borrow().get_str("fget") {
                    Some(Value::Func(f)) => function_doc(f),
                    _ => String::new(),
                },
            };
            let kind = match i.dict.borrow().get_str("fset") {
                Some(Value::None) | None => MemberKind::ReadonlyProperty,
                Some(_) => MemberKind::DataDescriptor,
            };
            MemberDoc::new(name, kind).with_doc(doc)
        }
        other => MemberDoc::data(name, repr_plain(other)),
    }
}

/// `inspect.signature` of a user function: parameters with their defaults' reprs.
fn function_signature(f: &Function) -> Signature {
    signature_of(&f.code, &f.defaults, &f.kwdefaults)
}

fn signature_of(code: &Code, defaults: &[Value], kwdefaults: &[(RcStr, Value)]) -> Signature {
    let names = code.param_names();
    let mut params = Vec::new();
    let first_default = code.nparams.saturating_sub(defaults.len());
    for (i, name) in names.iter().take(code.nparams).enumerate() {
        let kind = if i < code.posonly {
            ParamKind::PositionalOnly
        } else {
            ParamKind::PositionalOrKeyword
        };
        let mut p = Param::new(&**name, kind);
        if i >= first_default
            && let Some(d) = defaults.get(i - first_default)
        {
            p = p.with_default(repr_plain(d));
        }
        params.push(p);
    }
    let mut at = code.nparams + code.nkwonly;
    if code.has_varargs
        && let Some(name) = names.get(at)
    {
        params.push(Param::new(&**name, ParamKind::VarPositional));
        at += 1;
    }
    for name in names.iter().skip(code.nparams).take(code.nkwonly) {
        let mut p = Param::new(&**name, ParamKind::KeywordOnly);
        if let Some((_, d)) = kwdefaults.iter().find(|(k, _)| k == name) {
            p = p.with_default(repr_plain(d));
        }
        params.push(p);
    }
    if code.has_varkw
        && let Some(name) = names.get(at)
    {
        params.push(Param::new(&**name, ParamKind::VarKeyword));
    }
    Signature::new(params)
}

fn function_doc(f: &Function) -> String {
    match &*f.doc.borrow() {
        Value::Str(d) => clean_doc(d),
        _ => String::new(),
    }
}

fn function_module(f: &Function) -> String {
    match f.globals.borrow().get_str("__name__") {
        Some(Value::Str(m)) => m.to_string(),
        _ => "__main__".to_owned(),
    }
}

fn builtin_function(name: &str) -> Option<&'static B> {
    tables::BUILTIN_FUNCTIONS.iter().find(|b| b.name == name)
}

fn math_function(name: &str) -> Option<&'static B> {
    tables::MATH_FUNCTIONS.iter().find(|b| b.name == name)
}

fn routine(b: &B, module: &str) -> RoutineDoc {
    RoutineDoc {
        name: b.name.to_owned(),
        kind: RoutineKind::Builtin,
        module: Some(module.to_owned()),
        signature: b.sig.map(str::to_owned),
        doc: b.doc.to_owned(),
        ..RoutineDoc::default()
    }
}

/// The built-in function named `name` (the builtins' first, then math's).
fn builtin_routine(name: &str) -> RoutineDoc {
    if let Some(b) = builtin_function(name) {
        return routine(b, "builtins");
    }
    if let Some(b) = math_function(name) {
        return routine(b, "math");
    }
    RoutineDoc {
        name: name.to_owned(),
        kind: RoutineKind::Builtin,
        module: Some("builtins".to_owned()),
        ..RoutineDoc::default()
    }
}

/// The class a built-in value belongs to, by name (`None` for values described otherwise).
fn value_type_name(v: &Value) -> Option<&'static str> {
    Some(match v {
        Value::None => "NoneType",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Big(_) => "int",
        Value::Float(_) => "float",
        Value::Str(_) => "str",
        Value::Bytes(_) => "bytes",
        Value::List(_) => "list",
        Value::Tuple(_) => "tuple",
        Value::Dict(_) => "dict",
        Value::Set(s) if s.frozen => "frozenset",
        Value::Set(_) => "set",
        Value::Range(_) | Value::BigRange(_) => "range",
        Value::Slice(_) => "slice",
        _ => return None,
    })
}

/// A bound built-in method (`[].append`): the class's member, receiver dropped, "method of builtins.list
/// instance". A class method reached through an instance (`{}.fromkeys`) is bound to the class, so it is a
/// method of a `builtins.type` instance, as in CPython.
fn bound_builtin(receiver: &Value, name: &str) -> Subject {
    let class: &str = match receiver {
        Value::Class(c) => &c.name,
        other => value_type_name(other).unwrap_or("object"),
    };
    let type_doc = builtin_type(class).map(builtin_type_doc);
    let member = type_doc.as_ref().and_then(|t| t.member(name).ok());
    let mut routine = RoutineDoc {
        name: name.to_owned(),
        kind: RoutineKind::Builtin,
        bound_to: Some(ClassRef::new("builtins", class)),
        ..RoutineDoc::default()
    };
    let slot = crate::describe::builtin_member_type(class, name);
    if let (Some(t), Some(m)) = (&type_doc, member) {
        routine.doc = m.doc.clone();
        if m.kind == MemberKind::Method && matches!(receiver, Value::Class(_)) {
            // `help(list.append)` / `help(list.__add__)`: the descriptor itself, unbound.
            routine.kind = RoutineKind::Other(slot.unwrap_or("method_descriptor").to_owned());
            routine.bound_to = None;
            routine.signature = m.signature.clone();
        } else if m.kind == MemberKind::Method {
            if let Ok(Subject::Routine(bound)) = t.bound_member_subject(name) {
                routine.signature = bound.signature;
            }
            if slot == Some("wrapper_descriptor") {
                // `help([].__add__)`: a slot wrapper bound to its value is a method-wrapper.
                routine.kind = RoutineKind::Other("method-wrapper".to_owned());
                routine.bound_to = None;
            }
        } else {
            routine.signature = m.signature.clone();
            routine.bound_to = Some(ClassRef::new("builtins", "type"));
        }
    }
    Subject::Routine(routine)
}

/// `help` itself: an instance of `_sitebuiltins._Helper`, as in CPython.
fn helper() -> Subject {
    let class = TypeDoc::new("_Helper", "_sitebuiltins")
        .with_doc(
            "The object behind the builtin help.\n\n\
             help() opens an interactive help prompt; help(thing) prints the documentation of thing,\n\
             which may be a value, a class, a module or the name of one as a string.",
        )
        .with_base(ClassRef::object())
        .with_mro(vec![ClassRef::object()])
        .with_member(
            MemberDoc::method("__call__", "(self, *args, **kwds)")
                .with_doc("Call self as a function."),
        )
        .with_member(MemberDoc::method("__repr__", "(self)").with_doc("Return repr(self)."))
        .with_member(
            MemberDoc::descriptor("__dict__").with_doc("The instance's own attributes."),
        )
        .with_member(MemberDoc::descriptor("__weakref__").with_doc("Weak references to the object."));
    Subject::object(class)
}

fn module_doc(name: &str, dict: &crate::value::Dict) -> ModuleDoc {
    let mut doc = ModuleDoc {
        name: name.to_owned(),
        kind: ModuleKind::Builtin,
        ..ModuleDoc::default()
    };
    if name == "math" {
        doc.doc = MATH_DOC.to_owned();
        doc.reference = Some(MATH_REFERENCE.to_owned());
    } else if let Some(Value::Str(d)) = dict.get_str("__doc__") {
        doc.doc = clean_doc(d);
    }
    for (k, v) in dict.map() {
        let Key(Value::Str(n)) = k else { continue };
        if n.starts_with("__") && n.ends_with("__") {
            doc.other_names.push(n.to_string());
            continue;
        }
        match v {
            Value::Builtin(b) => {
                let mut r = match math_function(b.name).filter(|_| name == "math") {
                    Some(f) => routine(f, name),
                    None => builtin_routine(b.name),
                };
                r.name = n.to_string();
                doc.functions.push(r);
            }
            Value::Func(f) => {
                // Listed under the name it is bound to (`from m import f as _f` binds `_f`).
                let mut r = function_routine(f);
                r.name = n.to_string();
                doc.functions.push(r);
            }
            Value::Class(c) => doc.classes.push(class_doc(c)),
            other => doc.data.push(DataDoc::new(&**n, repr_plain(other))),
        }
    }
    doc
}

fn function_routine(f: &Function) -> RoutineDoc {
    let name = f.name.borrow().to_string();
    let mut signature = function_signature(f).to_string();
    if name == "<lambda>" {
        // pydoc writes a lambda as `<lambda> lambda x`: the parameters without parentheses.
        let inner = signature
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .unwrap_or(&signature);
        signature = format!(" lambda {inner}");
    }
    RoutineDoc {
        name,
        kind: RoutineKind::Function,
        module: Some(function_module(f)),
        signature: Some(signature),
        doc: function_doc(f),
        ..RoutineDoc::default()
    }
}

/// The names in an instance's dict, less the interpreter's own hidden entries (a code object's compiled
/// body, an exception's traceback entries).
fn instance_attributes(v: &Value) -> Vec<String> {
    match v {
        Value::Instance(i) => i
            .dict
            .borrow()
            .map()
            .keys()
            .filter_map(|k| match &k.0 {
                Value::Str(s) if !crate::builtins::is_hidden_attr(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Describe for Value {
    /// Modules, classes and instances list what their pages hold; any other value (a function, a bound
    /// method, an iterator) lists its class's attributes, plus a function's own `__dict__`.
    fn dir_names(&self) -> Vec<String> {
        let class_like = matches!(self, Value::Builtin(b) if b.this.is_none()
            && builtin_function(b.name).is_none()
            && builtin_type(b.name).is_some());
        // A module lists the names bound in it, as bound: `types.FunctionType`, not the class's own
        // `__name__` (`function`) its page shows.
        if let Value::Module(m) = self {
            return introspect::sorted_names(m.dict.borrow().map().keys().filter_map(
                |k| match &k.0 {
                    Value::Str(s) if !crate::builtins::is_hidden_attr(s) => Some(s.to_string()),
                    _ => None,
                },
            ));
        }
        if class_like || matches!(self, Value::Class(_) | Value::Instance(_)) {
            return self.describe().dir();
        }
        // `staticmethod(f)` / `classmethod(f)`: their class's names plus what they copy from the function.
        if let Value::Builtin(b) = self
            && let Some(kind) = b.name.strip_prefix('<').and_then(|n| n.strip_suffix('>'))
            && let Some(t) = builtin_type(kind)
        {
            // What the wrapper copies from what it wraps: a built-in function has no `__annotations__`.
            let copied = [
                "__annotations__",
                "__dict__",
                "__module__",
                "__name__",
                "__qualname__",
            ];
            let wraps_builtin = matches!(b.this, Some(Value::Builtin(_)));
            return introspect::sorted_names(
                builtin_type_doc(t).dir().into_iter().chain(
                    copied
                        .iter()
                        .filter(|n| !(wraps_builtin && **n == "__annotations__"))
                        .map(|s| s.to_string()),
                ),
            );
        }
        let tname = crate::builtins::type_name(self);
        // The method and slot descriptors, and method-wrappers: a built-in function's names, less what
        // only a bound function has, plus `__get__`/`__objclass__`.
        let (drop, add): (&[&str], &[&str]) = match tname.as_str() {
            "method_descriptor" | "wrapper_descriptor" => {
                (&["__module__", "__self__"], &["__get__", "__objclass__"])
            }
            "method-wrapper" => (&["__module__"], &["__objclass__"]),
            _ => (&[], &[]),
        };
        if !add.is_empty()
            && let Some(t) = builtin_type("builtin_function_or_method")
        {
            return introspect::sorted_names(
                builtin_type_doc(t)
                    .dir()
                    .into_iter()
                    .filter(|n| !drop.contains(&n.as_str()))
                    .chain(add.iter().map(|s| s.to_string())),
            );
        }
        match value_type(&tname) {
            Some(t) => {
                let own = match self {
                    Value::Func(f) => f
                        .attrs
                        .borrow()
                        .map()
                        .keys()
                        .filter_map(|k| match &k.0 {
                            Value::Str(s) => Some(s.to_string()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                introspect::sorted_names(builtin_type_doc(t).dir().into_iter().chain(own))
            }
            None => self.describe().dir(),
        }
    }

    fn describe(&self) -> Subject {
        match self {
            // A native iterator (itertools'): an instance of its class.
            Value::Iter(i) if matches!(&*i.borrow(), crate::value::Iter::Native(_)) => {
                let class = match &*i.borrow() {
                    crate::value::Iter::Native(n) => n.class.clone(),
                    _ => {
                        return Subject::Object {
                            class: TypeDoc::new("iterator", "builtins"),
                            attributes: Vec::new(),
                        };
                    }
                };
                Subject::Object {
                    class: class_doc(&class),
                    attributes: Vec::new(),
                }
            }
            Value::Module(m) => Subject::Module(module_doc(&m.name, &m.dict.borrow())),
            Value::Class(c) => Subject::Class(class_doc(c)),
            Value::Instance(i) => Subject::Object {
                class: class_doc(&i.class),
                attributes: instance_attributes(self),
            },
            Value::Func(f) => Subject::Routine(function_routine(f)),
            Value::Builtin(b) if b.name == "help" && b.this.is_none() => helper(),
            Value::Builtin(b) => match &b.this {
                Some(receiver) if b.name != "<classmethod>" && b.name != "<staticmethod>" => {
                    bound_builtin(receiver, b.name)
                }
                Some(inner) => inner.describe(),
                // evalx makes some of CPython's classes (zip, enumerate, map, ...) plain functions; their
                // pages are the classes'.
                None if builtin_function(b.name).is_none()
                    && let Some(t) = builtin_type(b.name) =>
                {
                    Subject::Class(builtin_type_doc(t))
                }
                None => Subject::Routine(builtin_routine(b.name)),
            },
            Value::Bound(bound) => match &bound.1 {
                Value::Str(name) => bound_builtin(&bound.0, name),
                Value::Func(f) => {
                    let class = match &bound.0 {
                        Value::Instance(i) => class_ref(&i.class),
                        Value::Class(c) => class_ref(c),
                        other => {
                            ClassRef::new("builtins", value_type_name(other).unwrap_or("object"))
                        }
                    };
                    let mut r = function_routine(f);
                    if r.doc.is_empty() {
                        let owner = match &bound.0 {
                            Value::Instance(i) => Some(i.class.clone()),
                            Value::Class(c) => Some(c.clone()),
                            _ => None,
                        };
                        if let Some(owner) = owner {
                            // The defining class comes first in the search, so start at the MRO entry
                            // after the one that holds this very function.
                            let mro = owner.mro.borrow();
                            let at = mro
                                .iter()
                                .position(|k| {
                                    matches!(k.attrs.borrow().get_str(&f.name.borrow()),
                                        Some(Value::Func(g)) if Rc::ptr_eq(g, f))
                                })
                                .unwrap_or(0);
                            r.doc = inherited_doc(&mro[at..], &f.name.borrow());
                        }
                    }
                    r.kind = RoutineKind::Method;
                    r.signature = Some(function_signature(f).bound().to_string());
                    r.bound_to = Some(class);
                    Subject::Routine(r)
                }
                other => other.describe(),
            },
            other => match value_type(&crate::builtins::type_name(other)) {
                Some(t) => {
                    let mut doc = builtin_type_doc(t);
                    doc.name = crate::builtins::type_name(other);
                    Subject::object(doc)
                }
                None => Subject::object(
                    TypeDoc::new(crate::builtins::type_name(other), "builtins")
                        .with_base(ClassRef::object())
                        .with_mro(vec![ClassRef::object()]),
                ),
            },
        }
    }
}

/// `dir(obj)`: a custom `__dir__` of a user class is called (its list sorted, duplicates kept, as CPython
/// does); every other value lists what its description holds, which is what attribute access reaches
/// (the `dunders_dir_agreement` golden program checks the two agree).
pub fn dir_of(it: &mut Interp, v: &Value) -> PyResult<Vec<String>> {
    if let Value::Instance(i) = v
        && let Some(m) = i.class.lookup("__dir__")
    {
        let r = it.call(&m, vec![v.clone()], Vec::new())?;
        let items = it.collect(&r)?;
        let mut names = items
            .iter()
            .map(|x| it.to_str(x))
            .collect::<PyResult<Vec<String>>>()?;
        names.sort();
        return Ok(names);
    }
    Ok(v.dir_names())
}

/// `help(name)` lookups: the built-in namespace and the modules evalx has (`math`), with pydoc's dotted
/// names (`math.sqrt`, `int.bit_length`).
struct Names {
    registry: introspect::Registry,
}

impl Names {
    fn new(it: &mut Interp) -> Names {
        let mut registry = introspect::Registry::new();
        if let Some(Ok(Value::Module(m))) = crate::stdlib::load(it, "math") {
            registry.add_module(module_doc(&m.name, &m.dict.borrow()));
        }
        for (k, v) in it.builtins.borrow().map() {
            if let Key(Value::Str(name)) = k
                && !name.starts_with("__")
            {
                registry.add(name.to_string(), v.describe());
            }
        }
        Names { registry }
    }
}

impl Resolve for Names {
    fn resolve(&self, name: &str) -> Option<Subject> {
        let mut subject = self.registry.resolve(name)?;
        // `help('list.append')`: a built-in type's routine is the descriptor CPython keeps in the class dict
        // ("Help on method_descriptor in list:"), or, for class and static methods, a built-in function
        // bound to the class ("... method of builtins.type instance").
        if let (Some((owner, member)), Subject::Routine(routine)) =
            (name.rsplit_once('.'), &mut subject)
            && let Some(Subject::Class(class)) = self.registry.resolve(owner)
            && class.module == "builtins"
            && let Some(m) = builtin_member(&class.name, member)
        {
            if m.kind == MemberKind::Method {
                routine.kind = RoutineKind::Other(m.ty.to_owned());
                routine.module = None;
            } else {
                routine.kind = RoutineKind::Builtin;
                routine.module = None;
                routine.bound_to = Some(ClassRef::new("builtins", "type"));
            }
        }
        Some(subject)
    }
}

/// CPython's type of the class-dict entry `name` of the built-in type `class` or its ancestors
/// (`wrapper_descriptor`, `method_descriptor`, `NoneType` for `list.__hash__`, ...): what `dir` lists for
/// a built-in value and what [`crate::dunders`] makes reachable.
pub(crate) fn builtin_member_type(class: &str, name: &str) -> Option<&'static str> {
    builtin_member(class, name).map(|m| m.ty)
}

/// The entries of the built-in type `class`'s own class dict, as (name, CPython's type of the entry):
/// what `int.__dict__` holds. `None` when the tables do not describe `class`.
pub(crate) fn builtin_own_members(class: &str) -> Option<Vec<(&'static str, &'static str)>> {
    builtin_type(class).map(|t| t.members.iter().map(|m| (m.name, m.ty)).collect())
}

/// `x.__doc__` for a value of a built-in type: the type's doc (our words) from the tables, else None.
pub(crate) fn builtin_type_docstring(class: &str) -> Value {
    match builtin_type(class) {
        Some(t) if !t.doc.is_empty() => Value::str(t.doc),
        _ => Value::None,
    }
}

/// The class defining `class.name` (the type itself or the ancestor it inherits it from) and CPython's
/// type of that class-dict entry: `("object", "method_descriptor")` for `list.__dir__`.
pub(crate) fn builtin_member_owner(
    class: &str,
    name: &str,
) -> Option<(&'static str, &'static str)> {
    let t = value_type(class)?;
    std::iter::once(t.name)
        .chain(t.mro.iter().copied())
        .filter_map(builtin_type)
        .find_map(|t| {
            t.members
                .iter()
                .find(|m| m.name == name)
                .map(|m| (t.name, m.ty))
        })
}

/// `f.__doc__` for a built-in function (our words from the tables), else None.
pub(crate) fn builtin_function_docstring(name: &str) -> Value {
    match builtin_function(name) {
        Some(b) if !b.doc.is_empty() => Value::str(b.doc),
        _ => Value::None,
    }
}

/// `[].append.__doc__`: the doc (our words) of the member the bound built-in method stands for.
pub(crate) fn builtin_method_docstring(receiver: &Value, name: &str) -> Value {
    let class = match receiver {
        Value::Class(c) => c.name.to_string(),
        other => crate::builtins::type_name(other),
    };
    match builtin_member(&class, name) {
        Some(m) if !m.doc.is_empty() => Value::str(m.doc),
        _ => Value::None,
    }
}

/// A member of a built-in type, its own or inherited (MRO order).
/// `__text_signature__` of a built-in function (`len`: `'($module, obj, /)'`) or of a built-in method
/// (`[].append`: `'($self, object, /)'`), from the signatures the tables hold; `None` where CPython has
/// none.
pub(crate) fn builtin_text_signature(receiver: Option<&Value>, name: &str) -> Value {
    let sig = match receiver {
        None => builtin_function(name).and_then(|b| b.sig).map(|s| {
            let rest = s.trim_start_matches('(');
            if rest.starts_with(')') {
                "($module)".to_string()
            } else if rest.starts_with('*') {
                // Nothing positional: CPython still closes the positional part after `$module`.
                format!("($module, /, {rest}")
            } else {
                format!("($module, {rest}")
            }
        }),
        Some(r) => {
            let class = match r {
                Value::Class(c) => c.name.to_string(),
                other => crate::builtins::type_name(other),
            };
            builtin_member(&class, name)
                .filter(|m| m.kind == MemberKind::Method)
                .and_then(|m| m.sig)
                .and_then(|s| s.strip_prefix("(self"))
                .map(|rest| format!("($self{rest}"))
        }
    };
    sig.map_or(Value::None, |s| Value::str(&s))
}

fn builtin_member(class: &str, name: &str) -> Option<&'static M> {
    let t = value_type(class)?;
    std::iter::once(t.name)
        .chain(t.mro.iter().copied())
        .filter_map(builtin_type)
        .find_map(|t| t.members.iter().find(|m| m.name == name))
}

/// The `help` builtin: `help(x)` prints x's page (`help('name')` looks the name up) and returns None;
/// `help()` opens the interactive `help> ` prompt on standard input.
pub fn b_help(it: &mut Interp, args: &[Value], kw: &[(RcStr, Value)]) -> PyResult<Value> {
    // CPython's help passes everything on to pydoc's `Helper.__call__(self, request=...)`.
    if args.len() > 1 {
        return Err(Exc::type_err(format!(
            "Helper.__call__() takes from 1 to 2 positional arguments but {} were given",
            args.len() + 1
        )));
    }
    let mut request = args.first();
    for (name, value) in kw {
        if &**name != "request" {
            return Err(Exc::type_err(format!(
                "Helper.__call__() got an unexpected keyword argument '{name}'"
            )));
        }
        if request.is_some() {
            return Err(Exc::type_err(
                "Helper.__call__() got multiple values for argument 'request'",
            ));
        }
        request = Some(value);
    }
    match request {
        None if INTERACTIVE_HELP.get() => interactive(it, &mut std::io::stdin().lock())?,
        None => it.write(NO_PROMPT)?,
        Some(Value::Str(name)) if name.trim() == "modules" => {
            let names = Names::new(it);
            it.write(&modules_page(&names))?;
        }
        Some(Value::Str(name)) => {
            let page = introspect::render_name(&Names::new(it), name);
            it.write(&page)?;
        }
        Some(v) => it.write(&introspect::render(v))?,
    }
    Ok(Value::None)
}

thread_local! {
    /// Whether `help()` may read standard input: only the REPL turns it on, so embedded code never blocks on
    /// (or reads) the host's input.
    static INTERACTIVE_HELP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Lets `help()` with no argument open the interactive `help> ` prompt on standard input (the REPL does
/// this). Off by default: an embedded interpreter never reads the host's input, and `help()` prints how
/// to ask for a page instead.
pub fn enable_interactive_help(on: bool) {
    INTERACTIVE_HELP.set(on);
}

const NO_PROMPT: &str = "The interactive help prompt is only available in the evalx REPL.
Use help(object) for the documentation of a value, or help('name') for a module, type or function by
name (for example help('math') or help('str.split')).
";

const WELCOME: &str = "
Welcome to evalx's help utility. Type the name of a built-in function, a type or a module (for example
len, list, str.split or math) to read its documentation; \"modules\" lists the modules evalx has.
Type \"quit\", or an empty line, to go back to the interpreter.
";

const GOODBYE: &str = "
You are now leaving help and returning to the interpreter.
Outside it, help(object) prints the documentation of any value.
";

/// `help('modules')`: the modules evalx can import.
fn modules_page(names: &Names) -> String {
    let list = names.registry.module_names().join("\n");
    format!("\nThe modules evalx can import:\n\n{list}\n\nEnter a module's name for its page.\n")
}

/// The `help> ` prompt: each line is a name to document, until `quit`, `q`, an empty line or end of input.
fn interactive(it: &mut Interp, input: &mut dyn std::io::BufRead) -> PyResult<()> {
    it.write(WELCOME)?;
    let names = Names::new(it);
    loop {
        it.write("\nhelp> ")?;
        it.out
            .flush()
            .map_err(|e| Exc::new("OSError", e.to_string()))?;
        let mut line = String::new();
        let n = input
            .read_line(&mut line)
            .map_err(|e| Exc::new("OSError", e.to_string()))?;
        let request = line.trim();
        if n == 0 {
            it.write("\n")?;
            break;
        }
        match request {
            "" | "q" | "quit" => break,
            "modules" => it.write(&modules_page(&names))?,
            name => {
                let page = introspect::render_name(&names, name);
                it.write(&page)?;
            }
        }
    }
    it.write(GOODBYE)
}

#[cfg(test)]
mod tests {
    //! Goldens: CPython 3.11's `help()` output with every docstring blanked (made by
    //! `tests/introspect/make_tables.py`) against evalx's descriptions rendered with docs blanked the same
    //! way, byte for byte; so headers, signatures, member names, kinds and section structure are CPython's.
    //! The docs themselves (our words) are checked to be present separately.
    use super::*;
    use crate::Interpreter;

    fn blank_type(t: &mut TypeDoc) {
        t.doc.clear();
        for m in t.members.iter_mut() {
            m.doc.clear();
        }
        for g in t.inherited.iter_mut() {
            for m in g.members.iter_mut() {
                m.doc.clear();
            }
        }
    }

    fn blank(subject: &mut Subject) {
        match subject {
            Subject::Module(m) => {
                m.doc.clear();
                m.classes.iter_mut().for_each(blank_type);
                m.functions.iter_mut().for_each(|f| f.doc.clear());
                m.data.iter_mut().for_each(|d| d.doc.clear());
            }
            Subject::Class(t) | Subject::Object { class: t, .. } => blank_type(t),
            Subject::Routine(r) => r.doc.clear(),
            Subject::Member { member, .. } => member.doc.clear(),
            Subject::Data(d) => d.doc.clear(),
        }
    }

    fn golden(name: &str) -> String {
        let path = format!("{}/tests/introspect/{name}.txt", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn page_of(expr: &str) -> (String, String) {
        let mut py = Interpreter::new_captured();
        py.exec("import math", None, None).expect("math imports");
        py.exec(include_str!("../tests/introspect/user.py"), None, None)
            .expect("the user module runs");
        let v = py.eval(expr, None, None).expect("the expression evaluates");
        let full = introspect::render(&v);
        let mut subject = v.describe();
        blank(&mut subject);
        (introspect::render::page(&subject, None), full)
    }

    const VALUES: &[(&str, &str)] = &[
        ("help_int", "int"),
        ("help_1", "1"),
        ("help_list", "list"),
        ("help_list_value", "[]"),
        ("help_list_append", "[].append"),
        ("help_list_add_bound", "[].__add__"),
        ("help_list_add_unbound", "list.__add__"),
        ("help_list_append_unbound", "list.append"),
        ("help_int_neg_bound", "(1).__neg__"),
        ("help_list_new", "[].__new__"),
        ("help_str", "str"),
        ("help_dict", "dict"),
        ("help_tuple", "()"),
        ("help_bool", "bool"),
        ("help_float", "float"),
        ("help_set", "set"),
        ("help_frozenset", "frozenset"),
        ("help_range", "range"),
        ("help_none", "None"),
        ("help_object", "object"),
        ("help_len", "len"),
        ("help_print", "print"),
        ("help_sorted", "sorted"),
        ("help_str_split", "''.split"),
        ("help_bool_value", "True"),
        ("help_float_value", "1.5"),
        ("help_dict_value", "{}"),
        ("help_set_value", "{1}"),
        ("help_int_bit_length", "(1).bit_length"),
        ("help_math_sqrt", "math.sqrt"),
        ("help_dict_fromkeys", "dict.fromkeys"),
        ("help_help", "help"),
        ("help_zip", "zip"),
        ("help_enumerate", "enumerate"),
        ("help_map", "map"),
        ("help_list_iterator", "iter([])"),
        ("help_ellipsis", "..."),
        ("user_shape", "Shape"),
        ("user_square", "Square"),
        ("user_instance", "sq"),
        ("user_bound", "sq.describe"),
        ("user_function", "scale"),
        ("user_method", "Shape.describe"),
    ];

    #[test]
    fn value_pages_match_cpython_layout() {
        let mut failures = Vec::new();
        for (file, expr) in VALUES {
            let (blanked, full) = page_of(expr);
            if blanked != golden(file) {
                failures.push(format!(
                    "=== help({expr}) vs {file}.txt\n--- expected\n{}--- got\n{blanked}",
                    golden(file)
                ));
            }
            assert!(
                full.len() > blanked.len() || *expr == "None",
                "help({expr}) has our doc words"
            );
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn named_pages_match_cpython_layout() {
        let names = [
            ("name_int", "int"),
            ("name_math_sqrt", "math.sqrt"),
            ("name_len", "len"),
            ("name_str_split", "str.split"),
            ("name_dict_fromkeys", "dict.fromkeys"),
            ("name_int_add", "int.__add__"),
            ("name_missing", "no_such_thing"),
            ("name_help", "help"),
        ];
        let mut py = Interpreter::new_captured();
        let resolver = Names::new(py.state());
        for (file, name) in names {
            let got = match resolver.resolve(name) {
                Some(mut subject) => {
                    blank(&mut subject);
                    introspect::render::page(&subject, Some(name))
                }
                None => introspect::render::not_found(name),
            };
            assert_eq!(got, golden(file), "help({name:?})");
        }
    }

    /// The seed's examples, exactly: `dir()` in a fresh interactive session and `dir([])`.
    #[test]
    fn seed_dir_examples() {
        let mut py = Interpreter::new_captured();
        py.run_interactive("dir()").expect("dir() runs");
        py.run_interactive("dir([])").expect("dir([]) runs");
        py.run_interactive("len(dir([]))").expect("len runs");
        assert_eq!(
            py.take_output(),
            "['__annotations__', '__builtins__', '__doc__', '__loader__', '__name__', '__package__', '__spec__']\n\
             ['__add__', '__class__', '__class_getitem__', '__contains__', '__delattr__', '__delitem__', '__dir__', \
             '__doc__', '__eq__', '__format__', '__ge__', '__getattribute__', '__getitem__', '__getstate__', '__gt__', \
             '__hash__', '__iadd__', '__imul__', '__init__', '__init_subclass__', '__iter__', '__le__', '__len__', \
             '__lt__', '__mul__', '__ne__', '__new__', '__reduce__', '__reduce_ex__', '__repr__', '__reversed__', \
             '__rmul__', '__setattr__', '__setitem__', '__sizeof__', '__str__', '__subclasshook__', 'append', 'clear', \
             'copy', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse', 'sort']\n48\n"
        );
    }

    #[test]
    fn help_prints_and_returns_none_and_rejects_extra_arguments() {
        let mut py = Interpreter::new_captured();
        py.run_file("t.py", "r = help(len)\nprint(r)\nhelp('math')\n")
            .expect("help runs");
        let out = py.take_output();
        assert!(
            out.starts_with("Help on built-in function len in module builtins:\n\nlen(obj, /)\n")
        );
        assert!(out.contains("\nNone\nHelp on built-in module math:\n\nNAME\n    math\n"));
        assert!(out.contains("\nFUNCTIONS\n    acos(x, /)\n"));
        assert!(out.contains("\nDATA\n    e = 2.718281828459045\n"));
        assert!(out.ends_with("FILE\n    (built-in)\n\n\n"), "{out}");
        py.run_file("t.py", "help('modules')")
            .expect("help('modules') runs");
        assert!(
            py.take_output()
                .contains("The modules evalx can import:\n\nmath\n")
        );
        for (call, message) in [
            (
                "help(1, 2)",
                "TypeError: Helper.__call__() takes from 1 to 2 positional arguments but 3 were given",
            ),
            (
                "help(x=1)",
                "TypeError: Helper.__call__() got an unexpected keyword argument 'x'",
            ),
            (
                "help(1, request=2)",
                "TypeError: Helper.__call__() got multiple values for argument 'request'",
            ),
        ] {
            let err = py.run_file("t.py", call).expect_err("a bad call");
            assert!(err.render().contains(message), "{}", err.render());
        }
        py.run_file("t.py", "help(request=len)")
            .expect("request= is help's parameter");
        assert!(
            py.take_output()
                .starts_with("Help on built-in function len")
        );
    }

    #[test]
    fn help_without_arguments_reads_no_input_unless_enabled() {
        let mut py = Interpreter::new_captured();
        py.run_file("t.py", "help()").expect("help() runs");
        assert_eq!(py.take_output(), NO_PROMPT);
    }

    #[test]
    fn interactive_prompt_answers_names_until_quit() {
        let mut py = Interpreter::new_captured();
        let mut input = std::io::Cursor::new("len\nmodules\nnope\nquit\nnever read\n");
        interactive(py.state(), &mut input).expect("the prompt runs");
        let out = py.take_output();
        assert!(out.contains("\nhelp> Help on built-in function len in module builtins:\n"));
        assert!(out.contains("The modules evalx can import:\n\nmath\n"));
        assert!(out.contains("No Python documentation found for 'nope'."));
        assert_eq!(out.matches("help> ").count(), 4, "{out}");
        assert!(out.ends_with(GOODBYE));
        // End of input leaves the prompt too.
        let mut input = std::io::Cursor::new("");
        interactive(py.state(), &mut input).expect("the prompt ends");
        assert!(py.take_output().ends_with(GOODBYE));
    }
}
