//! `import`: the host's module policy ([`crate::policy`]), the standard library registry, module files from
//! the folders the host granted, and the module cache (`sys.modules`).

use super::*;
use crate::policy::Found;
use std::path::{Path, PathBuf};

impl Interp {
    /// `import name`: the module from `sys.modules`, or found and loaded as the host's policy allows. While
    /// another thread imports the same module, this one waits for it to finish (CPython's module lock).
    pub(crate) fn import(&mut self, name: &str) -> PyResult<Value> {
        if !self.importing.is_empty() {
            self.await_import(name)?;
        }
        if self.cached_module(name).is_some() {
            return self.import_unlocked(name);
        }
        let me = self.thread_ident();
        self.importing.push((name.into(), me));
        let r = self.import_unlocked(name);
        if let Some(i) = self
            .importing
            .iter()
            .rposition(|(n, t)| &**n == name && *t == me)
        {
            let (n, _) = self.importing.remove(i);
            if self.threads_alive() {
                self.notify_waiters(import_key(&n), usize::MAX);
            }
        }
        r
    }

    /// Waits while another thread imports `name`; not when that thread waits (through others) for an
    /// import this one is doing: CPython then hands out the partly made module instead of deadlocking.
    fn await_import(&mut self, name: &str) -> PyResult<()> {
        let me = self.thread_ident();
        loop {
            let Some((n, owner)) = self
                .importing
                .iter()
                .find(|(n, t)| &**n == name && *t != me)
                .cloned()
            else {
                return Ok(());
            };
            let mut t = owner;
            for _ in 0..=self.import_waits.len() {
                let Some((_, m)) = self.import_waits.iter().find(|(w, _)| *w == t) else {
                    break;
                };
                match self.importing.iter().find(|(x, _)| x == m) {
                    Some((_, o)) if *o == me => return Ok(()),
                    Some((_, o)) => t = *o,
                    None => break,
                }
            }
            self.import_waits.push((me, n.clone()));
            let r = self.wait_on(import_key(&n), None, "imports a module");
            if let Some(i) = self.import_waits.iter().position(|(w, _)| *w == me) {
                self.import_waits.remove(i);
            }
            r?;
        }
    }

    /// [`Interp::import`] without the wait for other threads.
    fn import_unlocked(&mut self, name: &str) -> PyResult<Value> {
        // The standard library's own modules import each other while one is built: the policy judges what the
        // program imports, not how a module it was allowed is made.
        let internal = self.std_building > 0;
        if !internal {
            if let Some(msg) = self.policy.refusal(name) {
                return Err(Exc::new("ImportError", msg));
            }
        }
        if let Some(m) = self.cached_module(name) {
            return Ok(m);
        }
        // `import a.b` imports `a` first (its code may import `a.b` itself); `a.b` lives in `a`'s folder.
        let parent_dir = match name.rsplit_once('.') {
            Some((parent, _)) => {
                let p = self.import(parent)?;
                if let Some(m) = self.cached_module(name) {
                    return Ok(m);
                }
                package_dir(&p)
            }
            None => None,
        };
        let is_std = crate::stdlib::has(name) || name == "pdb" || name == "ipdb";
        let found = if internal && is_std {
            Ok(Some(Found::Std))
        } else {
            self.policy.find(name, is_std, parent_dir.as_deref())
        };
        let m = match found.map_err(|msg| Exc::new("ImportError", msg))? {
            None => {
                return Err(Exc::new(
                    "ModuleNotFoundError",
                    format!("No module named '{name}'"),
                ));
            }
            Some(Found::Host(ns)) => {
                if ns.0.borrow().get_str("__name__").is_none() {
                    ns.0.borrow_mut().set_str("__name__", Value::str(name));
                }
                Value::Module(Rc::new(Module {
                    name: name.into(),
                    dict: ns.0.clone(),
                }))
            }
            Some(Found::Std) => {
                self.std_building += 1;
                let made = match crate::stdlib::load(self, name) {
                    Some(r) => r.map(Some),
                    None if name == "pdb" || name == "ipdb" => {
                        Ok(Some(crate::debugger::debugger_module(self, name)))
                    }
                    None => Ok(None),
                };
                self.std_building -= 1;
                match made? {
                    Some(m) => m,
                    None => {
                        return Err(Exc::new(
                            "ModuleNotFoundError",
                            format!("No module named '{name}'"),
                        ));
                    }
                }
            }
            Some(Found::File { file, package }) => return self.load_file(name, &file, package),
        };
        crate::stdlib::bind_submodule(self, name, &m)?;
        self.modules.borrow_mut().set_str(name, m.clone());
        Ok(m)
    }

    fn cached_module(&self, name: &str) -> Option<Value> {
        self.modules.borrow().get_str(name).cloned()
    }

    /// Runs a module file as CPython does: the module enters `sys.modules` before its code runs (a circular
    /// import gets the partially initialised module) and leaves it again if its code raises.
    fn load_file(&mut self, name: &str, file: &Path, package: Option<PathBuf>) -> PyResult<Value> {
        let shown = file.display().to_string();
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        self.check_len(usize::try_from(size).unwrap_or(usize::MAX))?;
        let bytes = std::fs::read(file).map_err(|e| {
            Exc::new(
                "ImportError",
                format!("cannot read module '{name}' from {shown}: {e}"),
            )
        })?;
        let src = match crate::decode_source(&bytes) {
            Ok(s) => s,
            Err(mut s) => {
                s.filename = shown.clone();
                return Err(crate::builtins::syntax_exc(self, s));
            }
        };
        let mut d = Dict::new();
        d.set_str("__name__", Value::str(name));
        d.set_str("__doc__", Value::None);
        let pkg = match (&package, name.rsplit_once('.')) {
            (Some(_), _) => name,
            (None, Some((parent, _))) => parent,
            (None, None) => "",
        };
        d.set_str("__package__", Value::str(pkg));
        d.set_str("__loader__", Value::None);
        d.set_str("__spec__", Value::None);
        if let Some(dir) = &package {
            d.set_str(
                "__path__",
                Value::list(vec![Value::str(&dir.display().to_string())]),
            );
        }
        d.set_str("__file__", Value::str(&shown));
        d.set_str("__cached__", Value::None);
        let dict = Rc::new(RefCell::new(d));
        let m = Value::Module(Rc::new(Module {
            name: name.into(),
            dict: dict.clone(),
        }));
        self.modules.borrow_mut().set_str(name, m.clone());
        self.initializing.push(name.into());
        let r = crate::run_source(self, &src, false, dict, None, &shown);
        self.initializing.pop();
        if let Err(e) = r {
            self.modules.borrow_mut().remove(&Value::str(name));
            return Err(match e {
                crate::RunError::Exc(x) => x,
                crate::RunError::Syntax(s) => crate::builtins::syntax_exc(self, s),
            });
        }
        crate::stdlib::bind_submodule(self, name, &m)?;
        // A module may replace its own entry in `sys.modules`; `import` gives what is there at the end.
        Ok(self.cached_module(name).unwrap_or(m))
    }

    /// `from parent import child` where `child` is not an attribute of `parent`: the submodule
    /// `parent.child`, when the registry or the package's folder has one.
    /// The absolute name of `from .mod import x` (`name` as the parser keeps it: one leading dot per
    /// level) in the module whose globals `fr` runs in, resolved against its `__package__` as CPython
    /// does; an absolute name comes back as it is.
    pub(crate) fn resolve_relative(&self, name: &RcStr, fr: &Frame) -> PyResult<RcStr> {
        if !name.starts_with('.') {
            return Ok(name.clone());
        }
        let level = name.chars().take_while(|c| *c == '.').count();
        let rest = &name[level..];
        let g = fr.globals.borrow();
        let package = match g.get_str("__package__") {
            Some(Value::Str(p)) => p.to_string(),
            _ => match g.get_str("__name__") {
                Some(Value::Str(n)) if g.get_str("__path__").is_some() => n.to_string(),
                Some(Value::Str(n)) => n
                    .rsplit_once('.')
                    .map(|(h, _)| h.to_string())
                    .unwrap_or_default(),
                _ => String::new(),
            },
        };
        if package.is_empty() {
            return Err(Exc::new(
                "ImportError",
                "attempted relative import with no known parent package",
            ));
        }
        let parts: Vec<&str> = package.split('.').collect();
        if level > parts.len() {
            return Err(Exc::new(
                "ImportError",
                "attempted relative import beyond top-level package",
            ));
        }
        let mut base = parts[..parts.len() - (level - 1)].join(".");
        if !rest.is_empty() {
            base.push('.');
            base.push_str(rest);
        }
        Ok(base.into())
    }

    pub(crate) fn import_submodule(
        &mut self,
        parent: &str,
        module: &Value,
        child: &str,
    ) -> PyResult<Option<Value>> {
        if let Some(v) = crate::stdlib::submodule(self, parent, child)? {
            return Ok(Some(v));
        }
        let full = format!("{parent}.{child}");
        if let Some(m) = self.cached_module(&full) {
            return Ok(Some(m));
        }
        let Some(dir) = package_dir(module) else {
            return Ok(None);
        };
        match self.policy.find(&full, false, Some(&dir)) {
            Ok(Some(_)) => self.import(&full).map(Some),
            Ok(None) => Ok(None),
            Err(msg) => Err(Exc::new("ImportError", msg)),
        }
    }

    /// CPython's `ImportError` for `from module import name` when `name` is missing.
    pub(crate) fn cannot_import(&self, name: &str, module: &Value, from: &str) -> Box<Exc> {
        let file = match module {
            Value::Module(m) => match m.dict.borrow().get_str("__file__") {
                Some(Value::Str(s)) => Some(s.to_string()),
                _ => None,
            },
            _ => None,
        };
        let msg = match file {
            Some(f) if self.initializing.iter().any(|n| &**n == from) => format!(
                "cannot import name '{name}' from partially initialized module '{from}' (most likely due to a circular import) ({f})"
            ),
            Some(f) => format!("cannot import name '{name}' from '{from}' ({f})"),
            None => format!("cannot import name '{name}' from '{from}' (unknown location)"),
        };
        Exc::new("ImportError", msg)
    }
}

/// The folder of a package loaded from a file (its `__path__`), if `m` is one.
/// What a thread waiting for the import of `name` (as the importing entry holds it) waits on.
fn import_key(name: &RcStr) -> usize {
    RcStr::as_ptr(name) as usize
}

fn package_dir(m: &Value) -> Option<PathBuf> {
    let Value::Module(md) = m else {
        return None;
    };
    let d = md.dict.borrow();
    match d.get_str("__path__") {
        Some(Value::List(l)) => match l.borrow().0.first() {
            Some(Value::Str(s)) => Some(PathBuf::from(&**s)),
            _ => None,
        },
        _ => None,
    }
}

/// The builtin `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: the module the `import`
/// statement would bind, under the same host policy. Without a `fromlist` it is the top-level package of
/// a dotted name (`__import__('a.b')` imports `a.b` and returns `a`); with one, the named module itself,
/// after importing each listed name that is a submodule not yet set on it. A `level` above 0 resolves
/// the name against the `__package__` (or `__name__`) of the `globals` given.
pub(crate) fn b_import(
    it: &mut Interp,
    args: &[Value],
    kw: crate::stdlib::Kw<'_>,
) -> PyResult<Value> {
    let a = crate::stdlib::bind_args(
        "__import__",
        args,
        kw,
        &["name", "globals", "locals", "fromlist", "level"],
        0,
        5,
        1,
    )?;
    let name = match a[0].as_ref() {
        Some(Value::Str(s)) => s.to_string(),
        Some(_) => return Err(Exc::type_err("module name must be a string")),
        None => {
            return Err(Exc::type_err(
                "__import__() missing required argument 'name' (pos 1)",
            ));
        }
    };
    let level = match a[4].as_ref() {
        None => 0,
        Some(v) => crate::builtins::to_index_of(it, v)?,
    };
    if level < 0 {
        return Err(Exc::value_err("level must be >= 0"));
    }
    let full = if level == 0 {
        if name.is_empty() {
            return Err(Exc::value_err("Empty module name"));
        }
        name.clone()
    } else {
        let package = match a[1].as_ref() {
            Some(g @ Value::Dict(_)) => {
                let pkg = it.get_item(g, &Value::str("__package__")).ok();
                match pkg {
                    Some(Value::Str(p)) => Some(p.to_string()),
                    _ => match it.get_item(g, &Value::str("__name__")).ok() {
                        Some(Value::Str(n)) => Some(n.to_string()),
                        _ => None,
                    },
                }
            }
            _ => return Err(Exc::new("KeyError", "'__name__' not in globals")),
        };
        let Some(package) = package.filter(|p| !p.is_empty()) else {
            return Err(Exc::new(
                "ImportError",
                "attempted relative import with no known parent package",
            ));
        };
        let parts: Vec<&str> = package.split('.').collect();
        if (level as usize) > parts.len() {
            return Err(Exc::new(
                "ImportError",
                "attempted relative import beyond top-level package",
            ));
        }
        let base = parts[..parts.len() + 1 - level as usize].join(".");
        if name.is_empty() {
            base
        } else {
            format!("{base}.{name}")
        }
    };
    let module = it.import(&full)?;
    let fromlist = match a[3].as_ref() {
        None | Some(Value::None) => Vec::new(),
        Some(v) => it.collect(v)?,
    };
    if fromlist.is_empty() {
        // The top-level package: the name `import a.b` binds.
        return match (level, full.split_once('.')) {
            (0, Some((top, _))) => it.import(top),
            _ => Ok(module),
        };
    }
    for item in fromlist {
        let Value::Str(sub) = &item else {
            return Err(Exc::type_err(format!(
                "Item in from list must be str, not {}",
                crate::builtins::type_name(&item)
            )));
        };
        if &**sub == "*" || it.get_attr_opt(&module, sub)?.is_some() {
            continue;
        }
        // A listed name that is neither an attribute nor an importable submodule is left for the
        // caller's getattr to report, as CPython leaves it.
        if let Err(e) = it.import(&format!("{full}.{sub}")) {
            let not_found = match &e.kind {
                ExcKind::Lazy(n, _) => *n == "ModuleNotFoundError",
                ExcKind::Obj(i) => &*i.class.name == "ModuleNotFoundError",
                ExcKind::Limit(_) => false,
            };
            if !not_found {
                return Err(e);
            }
        }
    }
    Ok(module)
}
