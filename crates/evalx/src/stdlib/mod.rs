//! The standard library: one file per module, and `MODULES`, the one registry that names them.
//!
//! A module is built on first import by its `ModuleSpec::build` function. Most modules are made the same
//! way (`module_from`): native functions written in Rust (fast paths, exact numerics such as `random`'s
//! Mersenne Twister) placed into a fresh namespace, then the module's Python-level part (classes whose
//! instances programs hold: `deque`, `partial`, `StringIO`...) run by evalx itself in that namespace. evalx
//! has no native object kinds beyond its built-in types, so a new kind of object is an ordinary evalx class
//! whose hot work calls back into the module's Rust functions; the interpreter's hot paths stay untouched.
//!
//! A host's import policy can consult [`names`] (every module this registry can build).

use crate::interp::{Exc, Interp, PyResult};
use crate::thin::RcStr;
use crate::value::{Builtin, Dict, Module, NativeFn, Value};
use std::cell::RefCell;
use std::rc::Rc;

mod bisect;
mod collections;
mod copy;
mod dataclasses;
mod enum_;
mod functools;
mod future;
mod heapq;
mod io;
mod itertools;
mod json;
mod math;
mod operator;
mod random;
mod string;
mod sys;
mod time;
mod typing;

/// Keyword arguments as natives receive them.
pub(crate) type Kw<'a> = &'a [(RcStr, Value)];

/// One importable module.
pub(crate) struct ModuleSpec {
    /// The dotted name programs import.
    pub name: &'static str,
    /// Builds a fresh module object.
    pub build: fn(&mut Interp) -> PyResult<Value>,
}

/// Every standard-library module evalx provides (besides the debugger's `pdb`/`ipdb`).
pub(crate) const MODULES: &[ModuleSpec] = &[
    ModuleSpec {
        name: "math",
        build: math::build,
    },
    ModuleSpec {
        name: "__future__",
        build: future::build,
    },
    ModuleSpec {
        name: "itertools",
        build: itertools::build,
    },
    ModuleSpec {
        name: "functools",
        build: functools::build,
    },
    ModuleSpec {
        name: "collections",
        build: collections::build,
    },
    ModuleSpec {
        name: "collections.abc",
        build: collections::build_abc,
    },
    ModuleSpec {
        name: "heapq",
        build: heapq::build,
    },
    ModuleSpec {
        name: "bisect",
        build: bisect::build,
    },
    ModuleSpec {
        name: "operator",
        build: operator::build,
    },
    ModuleSpec {
        name: "string",
        build: string::build,
    },
    ModuleSpec {
        name: "copy",
        build: copy::build,
    },
    ModuleSpec {
        name: "random",
        build: random::build,
    },
    ModuleSpec {
        name: "time",
        build: time::build,
    },
    ModuleSpec {
        name: "sys",
        build: sys::build,
    },
    ModuleSpec {
        name: "io",
        build: io::build,
    },
    ModuleSpec {
        name: "json",
        build: json::build,
    },
    // The class model's modules (s3-class).
    ModuleSpec {
        name: "dataclasses",
        build: dataclasses::build,
    },
    ModuleSpec {
        name: "enum",
        build: enum_::build,
    },
    ModuleSpec {
        name: "typing",
        build: typing::build,
    },
];

/// The names of every module the registry can build (for a host's allow-list).
pub fn names() -> impl Iterator<Item = &'static str> {
    MODULES.iter().map(|m| m.name)
}

/// Builds the named module, or `None` when the registry has no such module.
pub(crate) fn load(it: &mut Interp, name: &str) -> Option<PyResult<Value>> {
    // `import a.b` imports `a` first: an unknown `a` is the error CPython reports.
    if let Some((parent, _)) = name.rsplit_once('.') {
        if let Err(e) = it.import(parent) {
            return Some(Err(e));
        }
    }
    let spec = MODULES.iter().find(|m| m.name == name)?;
    Some((spec.build)(it))
}

/// A native function value.
pub(crate) fn native(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name,
        func,
        this: None,
    }))
}

/// Makes a module: `natives` first, then `source` (the module's evalx-level part) run in its namespace.
pub(crate) fn module_from(
    it: &mut Interp,
    name: &str,
    doc: &str,
    natives: &[(&'static str, NativeFn)],
    source: &str,
) -> PyResult<Value> {
    let mut d = Dict::new();
    d.set_str("__name__", Value::str(name));
    d.set_str("__doc__", Value::str(doc));
    for (n, f) in natives {
        d.set_str(n, native(n, *f));
    }
    let m = Rc::new(Module {
        name: name.into(),
        dict: Rc::new(RefCell::new(d)),
    });
    run_in(it, &m, name, source)?;
    Ok(Value::Module(m))
}

/// Runs a module's evalx-level source in its namespace.
pub(crate) fn run_in(it: &mut Interp, m: &Module, name: &str, source: &str) -> PyResult<()> {
    if source.is_empty() {
        return Ok(());
    }
    let file = format!("<evalx {name}>");
    match crate::run_source(it, source, false, m.dict.clone(), None, &file) {
        Ok(_) => Ok(()),
        Err(crate::RunError::Exc(e)) => Err(e),
        Err(crate::RunError::Syntax(s)) => Err(Exc::new(
            "ImportError",
            format!("evalx's module {name} failed to compile: {}", s.msg),
        )),
    }
}

/// Rejects keyword arguments and checks the positional count, with CPython's texts.
pub(crate) fn arity(
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(Exc::type_err(format!(
            "{name}() takes no keyword arguments"
        )));
    }
    crate::methods::arity(name, args, min, max)
}

/// After `a.b` is imported, makes it the attribute `b` of its (imported) parent package `a`.
pub(crate) fn bind_submodule(it: &mut Interp, name: &str, m: &Value) -> PyResult<()> {
    if let Some((parent, child)) = name.rsplit_once('.') {
        let p = it.import(parent)?;
        if let Value::Module(pm) = p {
            pm.dict.borrow_mut().set_str(child, m.clone());
        }
    }
    Ok(())
}

/// `from a import b` where `b` is not (yet) an attribute of `a`: the submodule `a.b`, when one exists.
pub(crate) fn submodule(it: &mut Interp, parent: &str, child: &str) -> PyResult<Option<Value>> {
    let full = format!("{parent}.{child}");
    if MODULES.iter().any(|m| m.name == full) {
        return it.import(&full).map(Some);
    }
    Ok(None)
}

/// `**m` of a mapping object (an instance with `keys()`, such as `Counter`): a dict of its items, as
/// CPython builds one; any other value is returned unchanged.
pub(crate) fn mapping_as_dict(it: &mut Interp, v: Value) -> PyResult<Value> {
    if !matches!(v, Value::Instance(_)) || it.get_attr_opt(&v, "keys")?.is_none() {
        return Ok(v);
    }
    let d = Rc::new(RefCell::new(Dict::new()));
    crate::methods::dict_update(it, &d, std::slice::from_ref(&v), &[])?;
    Ok(Value::Dict(d))
}

/// The abstract-base-class hook of `isinstance`/`issubclass`, asked only once the MRO said no: a class
/// whose own namespace defines `__abc_check__(cls, C)` (the `collections.abc` classes do) decides whether
/// `C` counts as its (virtual or structural) subclass, as CPython's `ABCMeta.__subclasscheck__` does.
pub(crate) fn abc_check(
    it: &mut Interp,
    classes: &[Rc<crate::value::Class>],
    sub: &Rc<crate::value::Class>,
) -> PyResult<bool> {
    for c in classes {
        if c.kind != crate::value::Kind::User {
            continue;
        }
        let hook = c.attrs.borrow().get_str("__abc_check__").cloned();
        if let Some(f) = hook {
            let r = it.call(
                &f,
                vec![Value::Class(c.clone()), Value::Class(sub.clone())],
                Vec::new(),
            )?;
            if it.truthy(&r)? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}
