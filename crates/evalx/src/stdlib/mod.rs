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

pub(crate) mod abc;
pub(crate) mod array;
mod asyncio;
// s8-stdlib4: ast, tokenize, token, tarfile, zoneinfo, email, subprocess, socket.
mod ast_;
mod base64;
pub(crate) mod binascii;
mod bisect;
mod builtins_;
mod cmath;
pub(crate) mod codecs;
mod collections;
pub(crate) mod contextlib;
mod copy;
mod csv;
mod dataclasses;
mod datetime;
pub(crate) mod decimal;
mod enum_;
mod functools;
mod future;
mod hashlib;
mod heapq;
mod inspect;
pub(crate) mod io;
pub(crate) mod itertools;
mod json;
mod json_pkg;
mod logging;
mod math;
mod operator;
pub(crate) mod os;
mod pathlib;
mod pprint;
mod pure;
// s7-stdlib3: more modules written in Python.
mod pure_more;
mod random;
mod re;
mod sizeof;
// s11-modules: sqlite3 (rusqlite, bundled SQLite).
mod email;
mod sqlite3;
mod string;
mod sys;
mod textwrap;
mod thread;
mod time;
mod tomllib;
pub(crate) mod traceback;
pub(crate) mod types;
mod typing;
mod unicodedata;
mod zoneinfo;
// s5-lang: weakref, tempfile, zlib.
mod weakref;
mod zlib;
mod zlib_deflate;

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
        name: "cmath",
        build: cmath::build,
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
        name: "codecs",
        build: codecs::build,
    },
    ModuleSpec {
        name: "logging",
        build: logging::build,
    },
    ModuleSpec {
        name: "json",
        build: json::build,
    },
    // json's submodules (json is a package, as in CPython).
    ModuleSpec {
        name: "json.decoder",
        build: json_pkg::build_decoder,
    },
    ModuleSpec {
        name: "json.encoder",
        build: json_pkg::build_encoder,
    },
    ModuleSpec {
        name: "json.scanner",
        build: json_pkg::build_scanner,
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
    // s3-text: re, textwrap, pprint, types, contextlib, abc.
    ModuleSpec {
        name: "re",
        build: re::build,
    },
    ModuleSpec {
        name: "textwrap",
        build: textwrap::build,
    },
    ModuleSpec {
        name: "pprint",
        build: pprint::build,
    },
    ModuleSpec {
        name: "abc",
        build: abc::build,
    },
    ModuleSpec {
        name: "contextlib",
        build: contextlib::build,
    },
    ModuleSpec {
        name: "types",
        build: types::build,
    },
    // s3-data's modules.
    ModuleSpec {
        name: "array",
        build: array::build,
    },
    ModuleSpec {
        name: "binascii",
        build: binascii::build,
    },
    ModuleSpec {
        name: "base64",
        build: base64::build,
    },
    ModuleSpec {
        name: "hashlib",
        build: hashlib::build,
    },
    ModuleSpec {
        name: "unicodedata",
        build: unicodedata::build,
    },
    ModuleSpec {
        name: "csv",
        build: csv::build,
    },
    ModuleSpec {
        name: "tomllib",
        build: tomllib::build,
    },
    ModuleSpec {
        name: "datetime",
        build: datetime::build,
    },
    ModuleSpec {
        name: "decimal",
        build: decimal::build,
    },
    // s4-host: files over the host's mounts.
    ModuleSpec {
        name: "os",
        build: os::build,
    },
    ModuleSpec {
        name: "os.path",
        build: os::build_os_path,
    },
    ModuleSpec {
        name: "posixpath",
        build: os::build_path,
    },
    ModuleSpec {
        name: "pathlib",
        build: pathlib::build,
    },
    ModuleSpec {
        name: "glob",
        build: pathlib::build_glob,
    },
    ModuleSpec {
        name: "fnmatch",
        build: pathlib::build_fnmatch,
    },
    // s3-async.
    ModuleSpec {
        name: "asyncio",
        build: asyncio::build,
    },
    // s4-stdlib2.
    ModuleSpec {
        name: "traceback",
        build: traceback::build,
    },
    ModuleSpec {
        name: "numbers",
        build: pure::numbers,
    },
    ModuleSpec {
        name: "fractions",
        build: pure::fractions,
    },
    ModuleSpec {
        name: "statistics",
        build: pure::statistics,
    },
    ModuleSpec {
        name: "struct",
        build: pure::struct_,
    },
    ModuleSpec {
        name: "warnings",
        build: pure::warnings,
    },
    ModuleSpec {
        name: "keyword",
        build: pure::keyword,
    },
    ModuleSpec {
        name: "errno",
        build: pure::errno,
    },
    ModuleSpec {
        name: "html",
        build: pure::html,
    },
    ModuleSpec {
        name: "html.entities",
        build: pure::html_entities,
    },
    ModuleSpec {
        name: "shlex",
        build: pure::shlex,
    },
    ModuleSpec {
        name: "graphlib",
        build: pure::graphlib,
    },
    ModuleSpec {
        name: "reprlib",
        build: pure::reprlib,
    },
    ModuleSpec {
        name: "gc",
        build: pure::gc,
    },
    ModuleSpec {
        name: "atexit",
        build: pure::atexit,
    },
    ModuleSpec {
        name: "builtins",
        build: builtins_::build,
    },
    ModuleSpec {
        name: "calendar",
        build: pure::calendar,
    },
    ModuleSpec {
        name: "difflib",
        build: pure::difflib,
    },
    ModuleSpec {
        name: "urllib",
        build: pure::urllib,
    },
    ModuleSpec {
        name: "urllib.parse",
        build: pure::urllib_parse,
    },
    ModuleSpec {
        name: "argparse",
        build: pure::argparse,
    },
    ModuleSpec {
        name: "queue",
        build: pure::queue,
    },
    // s7-threads: green threads (`interp/threads.rs`).
    ModuleSpec {
        name: "_thread",
        build: thread::build,
    },
    ModuleSpec {
        name: "threading",
        build: thread::threading,
    },
    ModuleSpec {
        name: "concurrent",
        build: thread::concurrent,
    },
    ModuleSpec {
        name: "concurrent.futures",
        build: thread::concurrent_futures,
    },
    ModuleSpec {
        name: "concurrent.futures._base",
        build: thread::futures_base,
    },
    ModuleSpec {
        name: "concurrent.futures.thread",
        build: thread::futures_thread,
    },
    ModuleSpec {
        name: "concurrent.futures.process",
        build: thread::futures_process,
    },
    ModuleSpec {
        name: "inspect",
        build: inspect::build,
    },
    ModuleSpec {
        name: "pickle",
        build: pure::pickle,
    },
    // s5-lang.
    ModuleSpec {
        name: "weakref",
        build: weakref::build,
    },
    ModuleSpec {
        name: "tempfile",
        build: pure::tempfile,
    },
    ModuleSpec {
        name: "zlib",
        build: zlib::build,
    },
    // s6-stdlib2.
    ModuleSpec {
        name: "unittest",
        build: pure::unittest,
    },
    ModuleSpec {
        name: "uuid",
        build: pure::uuid,
    },
    ModuleSpec {
        name: "timeit",
        build: pure::timeit,
    },
    ModuleSpec {
        name: "secrets",
        build: pure::secrets,
    },
    ModuleSpec {
        name: "gzip",
        build: pure::gzip,
    },
    ModuleSpec {
        name: "hmac",
        build: pure::hmac,
    },
    ModuleSpec {
        name: "colorsys",
        build: pure::colorsys,
    },
    ModuleSpec {
        name: "contextvars",
        build: pure::contextvars,
    },
    // s7-stdlib3.
    ModuleSpec {
        name: "shutil",
        build: pure_more::shutil,
    },
    ModuleSpec {
        name: "zipfile",
        build: pure_more::zipfile,
    },
    ModuleSpec {
        name: "configparser",
        build: pure_more::configparser,
    },
    ModuleSpec {
        name: "getopt",
        build: pure_more::getopt,
    },
    ModuleSpec {
        name: "linecache",
        build: pure_more::linecache,
    },
    ModuleSpec {
        name: "copyreg",
        build: pure_more::copyreg,
    },
    ModuleSpec {
        name: "html.parser",
        build: pure_more::html_parser,
    },
    ModuleSpec {
        name: "ipaddress",
        build: pure_more::ipaddress,
    },
    ModuleSpec {
        name: "platform",
        build: pure_more::platform,
    },
    ModuleSpec {
        name: "locale",
        build: pure_more::locale,
    },
    ModuleSpec {
        name: "stat",
        build: pure_more::stat,
    },
    ModuleSpec {
        name: "optparse",
        build: pure_more::optparse,
    },
    ModuleSpec {
        name: "sched",
        build: pure_more::sched,
    },
    ModuleSpec {
        name: "cmd",
        build: pure_more::cmd,
    },
    ModuleSpec {
        name: "fileinput",
        build: pure_more::fileinput,
    },
    ModuleSpec {
        name: "filecmp",
        build: pure_more::filecmp,
    },
    ModuleSpec {
        name: "xml",
        build: pure_more::xml,
    },
    ModuleSpec {
        name: "xml.etree",
        build: pure_more::xml_etree,
    },
    ModuleSpec {
        name: "xml.etree.ElementTree",
        build: pure_more::xml_etree_element_tree,
    },
    // s8-stdlib4.
    ModuleSpec {
        name: "ast",
        build: ast_::build,
    },
    ModuleSpec {
        name: "token",
        build: pure_more::token,
    },
    ModuleSpec {
        name: "tokenize",
        build: pure_more::tokenize,
    },
    ModuleSpec {
        name: "tarfile",
        build: pure_more::tarfile,
    },
    ModuleSpec {
        name: "subprocess",
        build: pure_more::subprocess,
    },
    ModuleSpec {
        name: "socket",
        build: pure_more::socket,
    },
    ModuleSpec {
        name: "signal",
        build: pure_more::signal,
    },
    ModuleSpec {
        name: "getpass",
        build: pure_more::getpass,
    },
    // s11-modules.
    ModuleSpec {
        name: "sqlite3",
        build: sqlite3::build,
    },
    ModuleSpec {
        name: "zoneinfo",
        build: zoneinfo::build,
    },
    ModuleSpec {
        name: "email",
        build: email::build,
    },
    ModuleSpec {
        name: "email.utils",
        build: email::build_utils,
    },
];

/// The names of every module the registry can build (for a host's allow-list).
pub fn names() -> impl Iterator<Item = &'static str> {
    MODULES.iter().map(|m| m.name)
}

/// Whether the registry has a module of this name.
pub(crate) fn has(name: &str) -> bool {
    MODULES.iter().any(|m| m.name == name)
}

/// `module.name` of a standard-library module the interpreter itself relies on (`open()` needs `io`,
/// `int | None` needs `types`), loaded whatever the module policy says.
pub(crate) fn internal_attr(it: &mut Interp, module: &str, name: &str) -> PyResult<Value> {
    it.std_building += 1;
    let m = it.import(module);
    it.std_building -= 1;
    it.get_attr(&m?, name)
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
    let made = (spec.build)(it);
    if let Ok(Value::Module(m)) = &made {
        import_dunders(m);
    }
    Some(made)
}

/// The names the import system gives every CPython module, where the module's builder set none:
/// `__package__` (the module's parent package, or its own name for a package), and `__loader__` and
/// `__spec__` (None: evalx's modules come from no finder).
fn import_dunders(m: &Module) {
    let mut d = m.dict.borrow_mut();
    if d.get_str("__package__").is_none() {
        let package = if d.get_str("__path__").is_some() {
            &*m.name
        } else {
            m.name.rsplit_once('.').map_or("", |(parent, _)| parent)
        };
        d.set_str("__package__", Value::str(package));
    }
    for n in ["__loader__", "__spec__"] {
        if d.get_str(n).is_none() {
            d.set_str(n, Value::None);
        }
    }
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

/// Puts native methods into the class `class` of module `m`: `(attribute, qualified name, function)`. A
/// native whose name is qualified (`array.append`) binds to instances as a method (CPython's method
/// descriptors), so it receives the instance as its first argument whether called as `a.append(x)`,
/// `array.append(a, x)` or through a special-method slot (`a[i]`).
pub(crate) fn add_methods(
    m: &Value,
    class: &str,
    methods: &[(&'static str, &'static str, NativeFn)],
) -> PyResult<()> {
    let cls = match m {
        Value::Module(md) => md.dict.borrow().get_str(class).cloned(),
        _ => None,
    };
    let Some(Value::Class(c)) = cls else {
        return Err(Exc::new(
            "ImportError",
            format!("evalx's class {class} is missing"),
        ));
    };
    {
        let mut attrs = c.attrs.borrow_mut();
        for (attr, qual, f) in methods {
            attrs.set_str(attr, native(qual, *f));
        }
    }
    crate::value::bump_class_epoch();
    Ok(())
}

/// The exception `module.class(msg)` (a module's own exception class, such as `binascii.Error`), to raise
/// from Rust.
pub(crate) fn module_exc(it: &mut Interp, module: &str, class: &str, msg: &str) -> Box<Exc> {
    let made = (|| -> PyResult<Box<Exc>> {
        let m = it.import(module)?;
        let cls = it.get_attr(&m, class)?;
        let inst = it.call(&cls, vec![Value::str(msg)], Vec::new())?;
        it.exc_from_value(inst)
    })();
    made.unwrap_or_else(|e| e)
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

/// Binds a native's arguments to the parameter names `names` (the first `posonly` positional-only, those
/// from `kwonly` on keyword-only, the first `required` required), with CPython's texts for argument-clinic
/// functions.
pub(crate) fn bind_args(
    fname: &str,
    args: &[Value],
    kw: Kw<'_>,
    names: &[&str],
    posonly: usize,
    kwonly: usize,
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let maxpos = kwonly.min(names.len());
    if args.len() > maxpos {
        return Err(Exc::type_err(if maxpos == required {
            format!(
                "{fname}() takes exactly {maxpos} positional argument{} ({} given)",
                if maxpos == 1 { "" } else { "s" },
                args.len()
            )
        } else {
            format!(
                "{fname}() takes at most {maxpos} positional argument{} ({} given)",
                if maxpos == 1 { "" } else { "s" },
                args.len()
            )
        }));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in args.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in kw {
        match names.iter().position(|n| **n == **k) {
            Some(i) if i >= posonly => {
                if out[i].is_some() {
                    return Err(Exc::type_err(format!(
                        "argument for {fname}() given by name ('{k}') and position ({})",
                        i + 1
                    )));
                }
                out[i] = Some(v.clone());
            }
            _ => {
                return Err(Exc::type_err(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    for i in 0..required {
        if out[i].is_none() {
            return Err(Exc::type_err(if i < posonly {
                format!(
                    "{fname}() takes {} {required} positional argument{} ({} given)",
                    if required == maxpos {
                        "exactly"
                    } else {
                        "at least"
                    },
                    if required == 1 { "" } else { "s" },
                    args.len()
                )
            } else {
                format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )
            }));
        }
    }
    Ok(out)
}

/// Rejects keyword arguments and checks the positional count, with CPython's texts (one copy, shared
/// with the built-in functions).
pub(crate) use crate::builtins::arity;

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
/// whose own namespace defines `_abc_impl(cls, C)` (the `collections.abc` classes do) decides whether
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
        let hook = c.attrs.borrow().get_str("_abc_impl").cloned();
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
