//! The host's module policy: which modules a program may import, and from where.
//!
//! ```
//! use evalx::{Interpreter, ModulePolicy, Namespace, Value};
//!
//! let mut py = Interpreter::new_captured();
//! let host = Namespace::new();
//! host.set("answer", Value::Int(42));
//! py.set_module_policy(ModulePolicy::standard().deny("time").with_module("host", host));
//! py.exec("import host, math\nprint(host.answer, math.floor(2.5))", None, None).expect("test files");
//! assert_eq!(py.take_output(), "42 2\n");
//! let err = py.exec("import time", None, None).expect_err("refused");
//! assert_eq!(
//!     err.to_string(),
//!     "ImportError: import of 'time' is refused by the host's module policy"
//! );
//! ```
//!
//! A program reaches only what the policy grants:
//! - **the standard library** ([`crate::stdlib`]'s registry, plus the debugger's `pdb`/`ipdb`): every
//!   module by default ([`ModulePolicy::standard`]; each is pure computation, or bounded by
//!   [`crate::Limits`]: `time.sleep` by the deadline, `sys.setrecursionlimit` by the recursion limit, writes to
//!   `sys.stdout` by the output limit), or only the modules an allow-list names ([`ModulePolicy::only`]);
//!   [`ModulePolicy::deny`] refuses a module and its submodules whatever else allows them;
//! - **modules the host provides** ([`ModulePolicy::with_module`]): a [`Namespace`] the host filled (values,
//!   and host functions made with [`crate::Interpreter::function`]) imported under a name;
//! - **module files** from the folders the host grants ([`ModulePolicy::with_path`], like CPython's
//!   `sys.path`, searched in order after the standard library and the host's modules): `NAME.py`, or a package
//!   folder `NAME/` with its `__init__.py` (`import pkg.mod` finds `pkg/mod.py`). Nothing outside the granted
//!   folders is read: each name part must be an identifier, and a file whose real path (links resolved) leaves
//!   its folder is not used. Loading follows CPython: the module enters `sys.modules` before its code runs, so a
//!   circular import sees the partially initialised module, and one whose code raised is removed again.
//!
//! An import the policy refuses raises `ImportError` naming the policy; a module that exists nowhere raises
//! CPython's `ModuleNotFoundError: No module named '...'`.

use crate::Namespace;
use crate::vfs::{MemoryFs, MountError, MountMode, Mounts};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Which modules a program may import, and where module files may come from. See the [module
/// docs](self).
#[derive(Clone, Debug)]
pub struct ModulePolicy {
    /// `None`: every standard-library module; `Some(names)`: only those (and their submodules).
    only: Option<BTreeSet<String>>,
    denied: BTreeSet<String>,
    paths: Vec<PathBuf>,
    host: Vec<(String, Namespace)>,
    /// The folders the program sees as files ([`crate::vfs`]).
    mounts: Mounts,
    /// `os.environ` (empty unless the host gives one).
    env: Vec<(String, String)>,
    /// The clock, timezone, sleep and random seed the program sees.
    pub(crate) host_time: crate::hostenv::HostTime,
}

impl Default for ModulePolicy {
    fn default() -> Self {
        ModulePolicy::standard()
    }
}

/// How a module name resolves under a policy.
#[derive(Debug)]
pub(crate) enum Found {
    /// A module the host provided.
    Host(Namespace),
    /// A standard-library module (built by the registry or the debugger).
    Std,
    /// A module file: its path (as shown in `__file__`) and, for a package, its folder.
    File {
        file: PathBuf,
        package: Option<PathBuf>,
    },
}

impl ModulePolicy {
    /// Every standard-library module, no module files and no host modules: evalx's default.
    pub fn standard() -> ModulePolicy {
        ModulePolicy {
            only: None,
            denied: BTreeSet::new(),
            paths: Vec::new(),
            host: Vec::new(),
            mounts: Mounts::default(),
            env: Vec::new(),
            host_time: crate::hostenv::HostTime::default(),
        }
    }

    /// Only the named standard-library modules (each with its submodules: `"collections"` grants
    /// `collections.abc`). Host modules and granted folders stay importable.
    pub fn only<I, S>(names: I) -> ModulePolicy
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ModulePolicy {
            only: Some(names.into_iter().map(Into::into).collect()),
            ..ModulePolicy::standard()
        }
    }

    /// Adds a standard-library module to an allow-list made with [`ModulePolicy::only`] (the standard policy
    /// already allows every module) and lifts a [`ModulePolicy::deny`] of exactly that name.
    pub fn allow(mut self, name: impl Into<String>) -> ModulePolicy {
        let name = name.into();
        self.denied.remove(&name);
        if let Some(only) = &mut self.only {
            only.insert(name);
        }
        self
    }

    /// Refuses `name` and its submodules, from every source (standard library, host modules, files).
    pub fn deny(mut self, name: impl Into<String>) -> ModulePolicy {
        self.denied.insert(name.into());
        self
    }

    /// Grants a folder module files may be imported from (searched in the order granted).
    pub fn with_path(mut self, dir: impl Into<PathBuf>) -> ModulePolicy {
        self.paths.push(dir.into());
        self
    }

    /// Provides a module: `import name` gives a module whose namespace is `module` (shared: the host sees
    /// what the program stores there). It takes precedence over a standard-library module of that name.
    pub fn with_module(mut self, name: impl Into<String>, module: Namespace) -> ModulePolicy {
        let name = name.into();
        self.host.retain(|(n, _)| *n != name);
        self.host.push((name, module));
        self
    }

    /// Mounts the host folder `host` at the guest path `guest` (absolute, such as `/data`): the program's
    /// `open()`, `os`, `os.path`, `pathlib` and `glob` see its files there, read-only, read-write, or with
    /// writes kept in memory ([`MountMode`]); nothing outside the mounts is visible, and neither `..` nor a
    /// symbolic link leaves a mount (see [`crate::vfs`]). The first mount point is the program's working
    /// directory unless [`ModulePolicy::cwd`] says otherwise.
    ///
    /// ```
    /// use evalx::{Interpreter, ModulePolicy, vfs::MountMode};
    ///
    /// let dir = std::env::temp_dir().join(format!("evalx-doc-mount-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).expect("temp dir");
    /// std::fs::write(dir.join("in.txt"), "one\ntwo\n").expect("temp file");
    /// let mut py = Interpreter::new_captured();
    /// let policy = ModulePolicy::standard().mount("/data", &dir, MountMode::ReadOnly).expect("mount");
    /// py.set_module_policy(policy);
    /// py.exec("import os\nwith open('/data/in.txt') as f:\n    print(f.readlines(), os.listdir('/data'))",
    ///     None, None).expect("runs");
    /// assert_eq!(py.take_output(), "['one\\n', 'two\\n'] ['in.txt']\n");
    /// let err = py.exec("open('/data/new.txt', 'w')", None, None).expect_err("read-only");
    /// assert!(err.to_string().starts_with("PermissionError: [Errno 13] Permission denied (read-only mount)"));
    /// std::fs::remove_dir_all(&dir).expect("clean up");
    /// ```
    ///
    /// # Errors
    /// [`MountError`] when `guest` is not absolute or already mounted, or `host` is not a readable folder.
    pub fn mount(
        mut self,
        guest: &str,
        host: impl AsRef<Path>,
        mode: MountMode,
    ) -> Result<ModulePolicy, MountError> {
        self.mounts.add_host(guest, host.as_ref(), mode)?;
        Ok(self)
    }

    /// Mounts files that live in memory at `guest` (see [`MemoryFs`]: the host keeps a clone to fill it and to
    /// read what the program wrote).
    ///
    /// # Errors
    /// [`MountError`] when `guest` is not absolute or already mounted.
    pub fn mount_memory(mut self, guest: &str, fs: MemoryFs) -> Result<ModulePolicy, MountError> {
        self.mounts.add_memory(guest, fs)?;
        Ok(self)
    }

    /// Sets the program's working directory (an absolute guest path; relative paths resolve against it).
    ///
    /// # Errors
    /// [`MountError::BadCwd`] when `guest` is not absolute.
    pub fn cwd(self, guest: &str) -> Result<ModulePolicy, MountError> {
        self.mounts.set_cwd(guest)?;
        Ok(self)
    }

    /// The most bytes the program may add to its writable mounts (read-write, overlay and memory ones), net
    /// of what it removes: a write past it raises `OSError: [Errno 122] Disk quota exceeded`. Default:
    /// [`crate::vfs::DEFAULT_QUOTA`].
    pub fn file_quota(self, bytes: u64) -> ModulePolicy {
        self.mounts.set_quota(bytes);
        self
    }

    /// Gives the program `os.environ` (empty unless the host calls this).
    pub fn env<I, K, V>(mut self, vars: I) -> ModulePolicy
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        self.env = vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        self
    }

    /// Sets the clock programs read (`time.time`, `datetime.now`...; see [`crate::hostenv`]).
    pub fn clock(mut self, clock: crate::hostenv::Clock) -> ModulePolicy {
        self.host_time.clock = clock;
        self
    }

    /// Sets the program's local time: `seconds` east of UTC (`time.localtime`, `datetime.now()`; default 0).
    pub fn utc_offset(mut self, seconds: i32) -> ModulePolicy {
        self.host_time.utc_offset = seconds;
        self
    }

    /// Sets what `time.sleep` does (real, bounded by the deadline, or virtual).
    pub fn sleep(mut self, sleep: crate::hostenv::Sleep) -> ModulePolicy {
        self.host_time.sleep = sleep;
        self
    }

    /// Seeds `random` when it is imported (a program that calls `random.seed` still chooses its own).
    pub fn random_seed(mut self, seed: u64) -> ModulePolicy {
        self.host_time.seed = Some(seed);
        self
    }

    pub(crate) fn mounts(&self) -> &Mounts {
        &self.mounts
    }

    pub(crate) fn environment(&self) -> &[(String, String)] {
        &self.env
    }

    /// The folders granted for module files, in search order.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Whether the policy refuses `name` (its own entry or a parent package's).
    pub fn is_denied(&self, name: &str) -> bool {
        prefixes(name).any(|p| self.denied.contains(p))
    }

    /// Whether `name` (a standard-library module) is allowed by the allow-list, when there is one.
    fn std_allowed(&self, name: &str) -> bool {
        match &self.only {
            None => true,
            Some(only) => prefixes(name).any(|p| only.contains(p)),
        }
    }

    /// The refusal a program gets, or `None` when `name` may be looked for.
    pub(crate) fn refusal(&self, name: &str) -> Option<String> {
        if self.is_denied(name) {
            return Some(format!(
                "import of '{name}' is refused by the host's module policy"
            ));
        }
        None
    }

    /// Where `name` comes from: a host module, the standard library (when `is_std` says the registry has it and
    /// the allow-list grants it), or a module file under a granted folder (`parent_dir`: the folder of the
    /// package a dotted name lives in). `Err` is the policy's refusal text.
    pub(crate) fn find(
        &self,
        name: &str,
        is_std: bool,
        parent_dir: Option<&Path>,
    ) -> Result<Option<Found>, String> {
        if let Some(msg) = self.refusal(name) {
            return Err(msg);
        }
        if let Some((_, ns)) = self.host.iter().find(|(n, _)| n == name) {
            return Ok(Some(Found::Host(ns.clone())));
        }
        if is_std {
            if self.std_allowed(name) {
                return Ok(Some(Found::Std));
            }
            return Err(format!(
                "import of '{name}' is refused by the host's module policy (not in its allow-list)"
            ));
        }
        if !name.split('.').all(is_identifier) {
            return Ok(None);
        }
        let last = name.rsplit('.').next().unwrap_or(name);
        match (name.contains('.'), parent_dir) {
            // A submodule is looked for only in its package's folder.
            (true, Some(dir)) => Ok(self.file_in(dir, last)),
            (true, None) => Ok(None),
            (false, _) => Ok(self.paths.iter().find_map(|root| self.file_in(root, last))),
        }
    }

    /// `dir/name/__init__.py` or `dir/name.py`, when its real path stays inside a granted folder.
    fn file_in(&self, dir: &Path, name: &str) -> Option<Found> {
        let package = dir.join(name);
        let init = package.join("__init__.py");
        if init.is_file() && self.inside_granted(&init) {
            return Some(Found::File {
                file: init,
                package: Some(package),
            });
        }
        let file = dir.join(format!("{name}.py"));
        if file.is_file() && self.inside_granted(&file) {
            return Some(Found::File {
                file,
                package: None,
            });
        }
        None
    }

    /// Whether `file`'s real path (links resolved) lies inside one of the granted folders' real paths.
    fn inside_granted(&self, file: &Path) -> bool {
        let Ok(real) = file.canonicalize() else {
            return false;
        };
        self.paths
            .iter()
            .filter_map(|p| p.canonicalize().ok())
            .any(|root| real.starts_with(root))
    }
}

/// `a`, `a.b`, `a.b.c` for `a.b.c`.
fn prefixes(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices('.')
        .map(|(i, _)| &name[..i])
        .chain(std::iter::once(name))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_covers_submodules_and_allow_lists_grant_them() {
        let p = ModulePolicy::standard().deny("collections");
        assert!(p.is_denied("collections.abc"));
        assert!(!p.is_denied("collectionsx"));
        assert!(p.find("collections.abc", true, None).is_err());
        let p = ModulePolicy::only(["collections"]);
        assert!(matches!(
            p.find("collections.abc", true, None),
            Ok(Some(Found::Std))
        ));
        assert!(p.find("math", true, None).is_err());
        assert!(matches!(
            p.clone().allow("math").find("math", true, None),
            Ok(Some(Found::Std))
        ));
    }

    #[test]
    fn file_names_must_be_identifiers_inside_granted_folders() {
        let dir = std::env::temp_dir().join(format!("evalx-policy-{}", std::process::id()));
        let inner = dir.join("granted");
        std::fs::create_dir_all(&inner).expect("test files");
        std::fs::write(dir.join("outside.py"), "x = 1\n").expect("test files");
        std::fs::write(inner.join("mod.py"), "x = 1\n").expect("test files");
        let p = ModulePolicy::standard().with_path(&inner);
        assert!(matches!(
            p.find("mod", false, None),
            Ok(Some(Found::File { .. }))
        ));
        assert!(matches!(p.find("outside", false, None), Ok(None)));
        assert!(matches!(p.find("..outside", false, None), Ok(None)));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("outside.py"), inner.join("link.py"))
                .expect("test files");
            assert!(matches!(p.find("link", false, None), Ok(None)));
        }
        std::fs::remove_dir_all(&dir).expect("test files");
    }
}
