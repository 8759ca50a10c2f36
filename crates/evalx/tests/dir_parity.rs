//! `dir()` parity with CPython 3.11: `tests/introspect/dir_targets.py` prints `dir(x)` for 160 targets
//! (built-in types and values, functions, closures, methods, generators, coroutines, async generators,
//! classes, instances, modules, descriptors, dict views, iterators, exceptions, tracebacks, code objects,
//! cells, frames, super, complex, exception groups, the stdlib modules and classes scripts use most);
//! `dir_targets.txt` is what CPython printed (`make_dir_expected.py` records it).
//! Every target must list exactly CPython's names except those in [`DELIBERATE`], each with its reason;
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
        "bytearray value",
        "bytearray lacks % formatting, maketrans and __alloc__ (as the bytearray row)",
    ),
    (
        "memoryview value",
        "no buffer-layout fields (as the memoryview row)",
    ),
    (
        "module itertools",
        "itertools is evalx's own module: its private helpers differ from CPython's C module's",
    ),
    (
        "module functools",
        "functools is evalx's own module: private helpers differ, and RLock/GenericAlias/namedtuple imports are absent",
    ),
    (
        "module collections",
        "collections is evalx's own module: private helpers differ",
    ),
    (
        "module re",
        "re is evalx's own engine binding: private helpers differ from CPython's _compiler/_parser modules",
    ),
    (
        "module json",
        "json's private helpers are evalx's (native _decode/_encode_fast); no __author__/__version__/detect_encoding",
    ),
    (
        "module type",
        "the module type's own __dict__/__annotations__ descriptors are not listed",
    ),
    (
        "functools.partial",
        "partial is a Python-level class here: no __vectorcalloffset__, __class_getitem__ or __setstate__",
    ),
    (
        "deque",
        "deque is a Python-level class here: its private fields show, no __class_getitem__/__imul__/__rmul__",
    ),
    (
        "defaultdict",
        "defaultdict is a Python-level dict subclass here: __dict__, __module__, __slots__ and __weakref__ show",
    ),
    (
        "OrderedDict",
        "OrderedDict is a Python-level dict subclass here: __module__ and __weakref__ show",
    ),
    (
        "namedtuple value",
        "namedtuple classes keep their items in a field, not as a tuple subclass with __slots__",
    ),
    (
        "re.Pattern",
        "Pattern is a Python-level class here: its private fields show",
    ),
    (
        "re.Match",
        "Match is a Python-level class here: its private fields show",
    ),
    (
        "StringIO",
        "StringIO is a Python-level class here: its private fields, __module__ and __weakref__ show; no __del__/__setstate__/_checkReadable..., line_buffering",
    ),
    (
        "BytesIO",
        "BytesIO is a Python-level class here: its private fields, __module__ and __weakref__ show; no __del__/__setstate__/readinto/readinto1",
    ),
    (
        "OrderedDict type",
        "OrderedDict is a Python-level dict subclass here: __module__ and __weakref__ show",
    ),
    (
        "defaultdict type",
        "defaultdict is a Python-level dict subclass here: __dict__, __module__, __slots__ and __weakref__ show",
    ),
    (
        "deque type",
        "deque is a Python-level class here (as the deque row)",
    ),
    (
        "deque value",
        "deque is a Python-level class here (as the deque row)",
    ),
    (
        "re.Pattern type",
        "Pattern is a Python-level class here: its private fields show; pattern/groups are instance fields, no __class_getitem__",
    ),
    (
        "re.Match type",
        "Match is a Python-level class here: its private fields show; re/string are instance fields, no __class_getitem__",
    ),
    (
        "module bisect",
        "evalx's stdlib modules are not files: no __file__/__cached__; bisect's evalx-level functions see builtins without a __builtins__ entry",
    ),
    (
        "module errno",
        "errno is evalx-level code here: its namespace holds __builtins__, which CPython's C module lacks",
    ),
    (
        "module numbers",
        "evalx's stdlib modules are not files: no __file__/__cached__",
    ),
    (
        "module keyword",
        "evalx's stdlib modules are not files: no __file__/__cached__; its private sets differ",
    ),
    (
        "module operator",
        "evalx's stdlib modules are not files: no __file__/__cached__; no __all__",
    ),
    (
        "module datetime",
        "datetime is evalx's own module: private helpers differ, IsoCalendarDate is public; evalx's stdlib modules are not files: no __file__/__cached__",
    ),
    (
        "module heapq",
        "heapq is evalx's own module: private helpers differ (no _siftup/_heapify_max...); evalx's stdlib modules are not files: no __file__/__cached__",
    ),
    (
        "module io",
        "io is evalx's own module over the host policy: private helpers differ; no BufferedRWPair/open_code",
    ),
    (
        "module os",
        "os is evalx's own module: no platform constants (CLD_*, EX_*, MFD_*...) and most process calls; private helpers differ",
    ),
    (
        "module random",
        "random is evalx's own module: private helpers differ; evalx's stdlib modules are not files: no __file__/__cached__",
    ),
    (
        "module string",
        "string is evalx's own module: private helpers differ; evalx's stdlib modules are not files: no __file__/__cached__",
    ),
    (
        "module struct",
        "struct is evalx's own module: private helpers differ; evalx's stdlib modules are not files: no __file__/__cached__",
    ),
    (
        "module sys",
        "sys lacks the hooks, audit, prefixes and interpreter-build fields evalx has no counterpart for; private helpers differ",
    ),
    (
        "module time",
        "time is evalx's own module: private helpers differ; no tzset/clock_settime/pthread_getcpuclockid",
    ),
    (
        "module types",
        "types is evalx's own module: private helpers differ; evalx's stdlib modules are not files: no __file__/__cached__",
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
