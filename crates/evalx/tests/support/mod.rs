//! Helpers shared by the integration tests that run programs under a module policy and in temporary
//! folders (each test crate uses the part it needs).
#![allow(dead_code)]

use evalx::{Error, Interpreter, ModulePolicy};
use std::path::PathBuf;

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
