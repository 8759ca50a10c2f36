//! `dir()` parity with CPython 3.11: `tests/introspect/dir_targets.py` prints `dir(x)` for 69 targets
//! (built-in types and values, functions, closures, methods, generators, coroutines, async generators,
//! classes, instances, modules, descriptors, dict views, iterators, exceptions, tracebacks, code objects,
//! cells, frames, super); `dir_targets.txt` is what CPython printed (`make_dir_expected.py` records it).
//! Every target must list exactly CPython's names except the few in [`DELIBERATE`], each with its reason;
//! those must still differ (so the list never outlives the gap it excuses).

use evalx::Interpreter;
use std::collections::BTreeMap;
use std::path::Path;

/// Targets whose names differ from CPython's on purpose, and why.
const DELIBERATE: &[(&str, &str)] = &[
    (
        "bytearray",
        "bytearray lacks % formatting, maketrans and __alloc__ (the bytearray type is not part of this work)",
    ),
    (
        "memoryview",
        "memoryview exposes no buffer-layout fields (shape, strides, format...): evalx has no buffer protocol",
    ),
    (
        "type",
        "__basicsize__, __itemsize__, __dictoffset__, __weakrefoffset__ and __flags__ describe CPython's C object layout, which evalx does not have",
    ),
    (
        "code",
        "evalx runs a tree, not bytecode: no co_code, co_consts, co_names, co_stacksize, line tables, replace()",
    ),
    (
        "frame",
        "frame objects are read-only pictures of a frame; there is no clear()",
    ),
];

fn parse(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, names)| (n.to_string(), names.to_string()))
        .collect()
}

#[test]
fn dir_lists_what_cpython_lists() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/introspect");
    let src = std::fs::read_to_string(dir.join("dir_targets.py")).expect("program readable");
    let expected = parse(
        &std::fs::read_to_string(dir.join("dir_targets.txt")).expect("recorded expectations exist"),
    );
    assert!(
        expected.len() >= 40,
        "only {} targets recorded",
        expected.len()
    );
    let mut py = Interpreter::new_captured();
    if let Err(e) = py.run_file("dir_targets.py", &src) {
        panic!("dir_targets.py failed under evalx:\n{}", e.render());
    }
    let got = parse(&py.take_output());
    let mut failures = Vec::new();
    for (name, want) in &expected {
        let have = got.get(name).map_or("(not printed)", String::as_str);
        let deliberate = DELIBERATE.iter().any(|(n, _)| n == name);
        let split = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let (w, h) = (split(want), split(have));
        let missing: Vec<&String> = w.iter().filter(|x| !h.contains(x)).collect();
        let extra: Vec<&String> = h.iter().filter(|x| !w.contains(x)).collect();
        match (have == want, deliberate) {
            (true, false) | (false, true) => {}
            (false, false) => {
                failures.push(format!("{name}: missing {missing:?}, extra {extra:?}"))
            }
            (true, true) => failures.push(format!(
                "{name}: now identical to CPython; drop it from DELIBERATE"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} targets differ from CPython:\n{}",
        failures.len(),
        expected.len(),
        failures.join("\n")
    );
}
