//! Uncaught-exception tracebacks: every `tests/tracebacks/NAME.py` fails under evalx, and what evalx renders
//! must equal `NAME.err`, the stderr CPython 3.11 printed for it (`python3 tests/make_traceback_expected.py`
//! regenerates them): frames, source lines, the PEP 657 caret lines (`~~^~~`) under the part that failed,
//! chained exceptions and CPython's "[Previous line repeated N more times]".

use evalx::Interpreter;
use std::path::{Path, PathBuf};

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tracebacks");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/tracebacks exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

#[test]
fn tracebacks_match_cpython() {
    let progs = programs();
    assert!(
        progs.len() >= 25,
        "expected the traceback table, found {} programs",
        progs.len()
    );
    let mut failures = Vec::new();
    for p in &progs {
        let src = std::fs::read_to_string(p).expect("program readable");
        let expected =
            std::fs::read_to_string(p.with_extension("err")).expect("expectation file exists");
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("prog.py");
        let mut py = Interpreter::new_captured();
        let got = match py.run_file(name, &src) {
            Err(e) => e.render(),
            Ok(()) => "(no exception)\n".to_string(),
        };
        if got != expected {
            failures.push(format!(
                "=== {name}\n--- CPython\n{expected}--- evalx\n{got}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} tracebacks differ:\n{}",
        failures.len(),
        progs.len(),
        failures.join("\n")
    );
}
