//! The `evalx` section: time of each benchmark program under evalx and under CPython (Debian's PGO/LTO
//! `python3`, timed inside its own process), the ratio evalx/CPython and the geometric mean, plus the `eval`
//! anchor and interpreter start-up.

use super::{Section, criterion, fmt_ns};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Program ids of `benches/benches/evalx.rs` (keep in step with `PROGRAMS` there), what they exercise, and
/// whether they are one of the five programs (the geometric mean is taken over those five).
const PROGRAMS: &[(&str, &str, bool)] = &[
    (
        "loop",
        "numeric loop: `s += i * i` for 1M iterations in a function",
        true,
    ),
    ("fib", "recursive calls: `fib(25)`", true),
    (
        "dict_str",
        "dict/str work: word counting with `upper`, `str`, `dict.get`, `sorted`",
        true,
    ),
    (
        "objects",
        "objects with method calls: 50k `Vec` constructions, `add` and `dot`",
        true,
    ),
    (
        "comp_sort",
        "list comprehensions + `sort` over 50k ints",
        true,
    ),
    (
        "eval_parse",
        "1000 × `eval('a + b * 2', G)` from Python code (not in the mean: evalx caches compiled sources)",
        false,
    ),
];
/// The targets.
const MAX_GEOMEAN: f64 = 1.0;
const MAX_STARTUP_NS: f64 = 5e6;

pub fn section() -> Section {
    let mut md = String::new();
    let mut rows = Vec::new();
    md.push_str(
        "Each program defines `run()`; evalx runs it in-process, CPython runs it inside `python3` started once per \
         sample (start-up excluded). Ratio = evalx time / CPython time: below 1 means evalx is faster.\n\n\
         | program | evalx | CPython | evalx/CPython |\n|---|---|---|---|\n",
    );
    let mut logs = Vec::new();
    for (id, what, in_mean) in PROGRAMS {
        let e = criterion("evalx", &format!("evalx_{id}")).map(|m| m.median_ns);
        let c = criterion("evalx", &format!("cpython_{id}")).map(|m| m.median_ns);
        let ratio = match (e, c) {
            (Some(e), Some(c)) if c > 0.0 => Some(e / c),
            _ => None,
        };
        if let (Some(r), true) = (ratio, *in_mean) {
            logs.push(r.ln());
        }
        let cell = |v: Option<f64>| v.map(fmt_ns).unwrap_or_else(|| "not measured".into());
        let _ = writeln!(
            md,
            "| {what} | {} | {} | {} |",
            cell(e),
            cell(c),
            ratio
                .map(|r| format!("{r:.2}"))
                .unwrap_or_else(|| "-".into())
        );
        rows.push(json!({"id": id, "evalx_ns": e, "cpython_ns": c, "ratio": ratio}));
    }
    let geomean = (!logs.is_empty()).then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp());
    let _ = writeln!(
        md,
        "| **geometric mean of the five programs** | | | **{}** |\n",
        geomean
            .map(|g| format!("{g:.2}"))
            .unwrap_or_else(|| "-".into())
    );
    let fresh = criterion("evalx_anchor", "eval_fresh_string").map(|m| m.median_ns);
    let repeated = criterion("evalx_anchor", "eval_repeated_string").map(|m| m.median_ns);
    let startup = criterion("evalx_anchor", "startup").map(|m| m.median_ns);
    let cell = |v: Option<f64>| v.map(fmt_ns).unwrap_or_else(|| "not measured".into());
    let _ = writeln!(
        md,
        "One host `eval(\"a + b * k\", g)` with a new string each time (parse + compile + run): {}; the same \
         string again (served by the source→code cache): {}. A new interpreter running one statement \
         (start-up): {}.\n",
        cell(fresh),
        cell(repeated),
        cell(startup)
    );
    md.push_str("| target | measured | verdict |\n|---|---|---|\n");
    if let Some(g) = geomean {
        let _ = writeln!(
            md,
            "| geometric mean of evalx/CPython at most {MAX_GEOMEAN:.1} | {g:.2} | {} |",
            if g <= MAX_GEOMEAN { "met" } else { "MISSED" }
        );
    }
    if let Some(s) = startup {
        let _ = writeln!(
            md,
            "| start-up under 5 ms | {} | {} |",
            fmt_ns(s),
            if s < MAX_STARTUP_NS { "met" } else { "MISSED" }
        );
    }
    md.push('\n');
    Section {
        title: "Python eval/exec interpreter (evalx)".into(),
        markdown: md,
        json: json!({
            "programs": Value::Array(rows),
            "geomean_ratio": geomean,
            "eval_fresh_string_ns": fresh,
            "eval_repeated_string_ns": repeated,
            "startup_ns": startup,
        }),
    }
}
