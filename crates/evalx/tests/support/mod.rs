//! Helpers shared by the integration tests that run programs under a module policy and in temporary
//! folders (each test crate uses the part it needs).
#![allow(dead_code)]

use evalx::{Error, Interpreter, ModulePolicy};
use std::path::{Path, PathBuf};

/// A fresh folder kept after the test (its real path, symlinks resolved), named after `prefix`.
pub fn temp_dir(prefix: &str) -> PathBuf {
    let dir = tempfile::Builder::new()
        .prefix(&format!("evalx-{prefix}-"))
        .tempdir()
        .expect("temp dir")
        .keep();
    dir.canonicalize().expect("real path")
}

/// Runs `src` as `prog.py` under `policy`: its output, then `!!! <exception summary>` if it failed.
pub fn run(policy: ModulePolicy, src: &str) -> String {
    let mut py = Interpreter::new_captured();
    py.set_module_policy(policy);
    let r = py.run_file("prog.py", src);
    let mut out = py.take_output();
    if let Err(e) = r {
        let last = match &e {
            Error::Exception(x) => x.summary(),
            other => other.render(),
        };
        out.push_str(&format!("!!! {last}\n"));
    }
    out
}

/// The text of `open()`'s `PermissionError` for a path no mount of the file policy covers.
pub const REFUSED: &str =
    "[Errno 13] Permission denied (no mount of the host's file policy covers this path)";

/// Writes `text` to `dir/name`, creating the folders on the way.
pub fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("dirs");
    }
    std::fs::write(p, text).expect("file");
}
