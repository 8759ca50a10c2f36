//! The program table: every `tests/programs/NAME.py` runs under evalx and its output must equal
//! `NAME.out`, which CPython 3.11 produced (`python3 tests/make_expected.py` regenerates them). When a
//! CPython 3.11 is on PATH, a second test re-runs it to confirm the expectation files are right.

use evalx::{Error, Interpreter};
use std::path::{Path, PathBuf};
use std::process::Command;

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/programs exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

/// Runs one program the way the table records it: stdout, then `!!! <last traceback line>` on failure.
fn run_evalx(path: &Path) -> String {
    let src = std::fs::read_to_string(path).expect("program readable");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("prog.py");
    let mut py = Interpreter::new_captured();
    let r = py.run_file(name, &src);
    // The interpreter's exit, as CPython's: `__del__` of what `__main__` still holds prints here.
    py.shutdown();
    let mut out = py.take_output();
    if let Err(e) = r {
        let last = match &e {
            Error::Exception(x) => x.summary(),
            other => other
                .render()
                .lines()
                .last()
                .unwrap_or_default()
                .to_string(),
        };
        out.push_str(&format!("!!! {last}\n"));
    }
    out
}

#[test]
fn program_table_matches_cpython_output() {
    let progs = programs();
    assert!(
        progs.len() >= 200,
        "the table should hold at least 200 programs, found {}",
        progs.len()
    );
    let mut failures = Vec::new();
    for p in &progs {
        let expected =
            std::fs::read_to_string(p.with_extension("out")).expect("expectation file exists");
        let got = run_evalx(p);
        if got != expected {
            failures.push(format!(
                "=== {}\n--- expected\n{expected}--- got\n{got}",
                p.file_name().and_then(|n| n.to_str()).unwrap_or("?")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ:\n{}",
        failures.len(),
        progs.len(),
        failures.join("\n")
    );
}

fn cpython311() -> Option<String> {
    for exe in ["/usr/bin/python3", "python3"] {
        let out = Command::new(exe).arg("--version").output().ok()?;
        if String::from_utf8_lossy(&out.stdout).starts_with("Python 3.11") {
            return Some(exe.to_string());
        }
    }
    None
}

#[test]
fn expectation_files_agree_with_cpython_when_present() {
    let Some(py) = cpython311() else {
        eprintln!("no CPython 3.11 on this machine; expectation files are trusted as committed");
        return;
    };
    let mut stale = Vec::new();
    for p in programs() {
        let dir = p.parent().expect("programs have a folder");
        let name = p.file_name().expect("file name");
        let r = Command::new(&py)
            .arg(name)
            .current_dir(dir)
            .output()
            .expect("python3 runs");
        let mut out = String::from_utf8_lossy(&r.stdout).into_owned();
        if !r.status.success() {
            let err = String::from_utf8_lossy(&r.stderr);
            let last = err
                .lines()
                .rfind(|l| !l.trim().is_empty())
                .unwrap_or_default();
            out.push_str(&format!("!!! {last}\n"));
        }
        let expected =
            std::fs::read_to_string(p.with_extension("out")).expect("expectation file exists");
        if out != expected {
            stale.push(p.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "expectation files disagree with {py}: {stale:?} (run tests/make_expected.py)"
    );
}
