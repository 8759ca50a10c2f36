//! Helpers shared by fsutil's integration tests: running CPython for the comparisons, re-executing the test
//! binary as another process or user, and listing what a test created.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `python3` when it is installed and runs, else `None` (the comparison is then skipped with a printed note).
pub fn python3() -> Option<Command> {
    let works = Command::new("python3")
        .args([
            "-c",
            "import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if works {
        Some(Command::new("python3"))
    } else {
        eprintln!(
            "note: python3 (3.8 or later) not found: comparing with the recorded CPython 3.11 results only"
        );
        None
    }
}

/// Runs `script` with `args` under python3, feeding `stdin`, and returns its stdout (panics with stderr when
/// the script fails: that is a broken test, not a skipped one).
pub fn run_python(mut python: Command, script: &str, args: &[&str], stdin: &str) -> String {
    use std::io::Write as _;
    let mut child = python
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write to python3");
    let out = child.wait_with_output().expect("python3 output");
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("python3 prints UTF-8 JSON")
}

/// A command re-running this test binary's test `name` alone (the child side checks an environment variable).
pub fn rerun_self(name: &str) -> Command {
    let exe = std::env::current_exe().expect("current test binary");
    let mut cmd = Command::new(exe);
    cmd.args([name, "--exact", "--nocapture", "--test-threads=1"]);
    cmd
}

/// Whether this process runs as root (which bypasses permission bits).
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Every entry under `root` (not following symlinks), as paths relative to it, sorted.
pub fn tree(root: &Path) -> Vec<PathBuf> {
    fn visit(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            out.push(path.strip_prefix(root).expect("under root").to_path_buf());
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                visit(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    visit(root, root, &mut out);
    out.sort();
    out
}
