//! The `evalx` section: time of each benchmark program under evalx and under CPython (Debian's PGO/LTO
//! `python3`, timed inside its own process), the ratio evalx/CPython and the geometric mean, plus the `eval`
//! anchor and interpreter start-up.

use super::{Section, criterion, fmt_ns, stats};
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
    // The verdicts: paired rounds (evalx and CPython alternating, rotating order), one comparison per program.
    let mut paired_lists = Vec::new();
    let mut paired_rows = String::new();
    let mut paired_json = serde_json::Map::new();
    for (id, what, in_mean) in PROGRAMS {
        let Some(p) = super::paired(&format!("evalx_vs_cpython_{id}")) else {
            continue;
        };
        let (Some(e), Some(c)) = (p.get("evalx"), p.get("cpython")) else {
            continue;
        };
        let ratios: Vec<f64> = e
            .iter()
            .zip(&c)
            .filter(|(_, c)| **c > 0.0)
            .map(|(e, c)| e / c)
            .collect();
        let Some(r) = stats::bootstrap_median(&ratios) else {
            continue;
        };
        let v = stats::verdict(&r);
        let _ = writeln!(
            paired_rows,
            "| {what} | {} | {} | evalx {v} |",
            r.n,
            r.ratio_text()
        );
        paired_json.insert(
            (*id).into(),
            json!({ "ratio": r, "verdict": v.to_string() }),
        );
        if *in_mean {
            paired_lists.push(ratios);
        }
    }
    let paired_geomean = (paired_lists.len() == PROGRAMS.iter().filter(|p| p.2).count())
        .then(|| stats::geomean_of_medians(&paired_lists))
        .flatten();
    if !paired_rows.is_empty() {
        md.push_str(
            "Paired rounds: evalx and CPython alternate in rotating order, so a load change hits both; median of \
             per-round ratios with its 95% bootstrap interval. The verdicts use these.\n\n\
             | program | rounds | evalx/CPython | verdict |\n|---|---|---|---|\n",
        );
        md.push_str(&paired_rows);
        if let Some(g) = paired_geomean {
            let _ = writeln!(
                md,
                "| **geometric mean of the five programs** | | **{}** | evalx {} |",
                g.ratio_text(),
                stats::verdict(&g)
            );
        }
        md.push('\n');
    }
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
    if let Some(g) = paired_geomean {
        let _ = writeln!(
            md,
            "| geometric mean of evalx/CPython at most {MAX_GEOMEAN:.1} (paired) | {} | {} |",
            g.ratio_text(),
            stats::at_most(&g, MAX_GEOMEAN)
        );
    } else if let Some(g) = geomean {
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
    let debugger = debugger_cost(&mut md);
    // One-line answers for the report's opening section.
    let mut verdicts = Vec::new();
    if let Some(g) = paired_geomean {
        verdicts.push(format!(
            "evalx takes {} CPython's time on the five programs, geometric mean of paired rounds: evalx {} (target at most {MAX_GEOMEAN:.1}: {}){}",
            g.ratio_text(),
            stats::verdict(&g),
            stats::at_most(&g, MAX_GEOMEAN),
            startup.map_or(String::new(), |s| format!("; a new interpreter starts in {}", fmt_ns(s)))
        ));
    } else if let Some(g) = geomean {
        let ratios: Vec<(&str, f64)> = rows
            .iter()
            .filter_map(|r| Some((r["id"].as_str()?, r["ratio"].as_f64()?)))
            .filter(|(id, _)| PROGRAMS.iter().any(|p| p.0 == *id && p.2))
            .collect();
        let lo = ratios.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        let hi = ratios.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let spread = match (lo, hi) {
            (Some((lo, l)), Some((hi, h))) => {
                format!(" (from {l:.2} on `{lo}` to {h:.2} on `{hi}`)")
            }
            _ => String::new(),
        };
        verdicts.push(format!(
            "evalx takes {g:.2}x CPython's time on the five programs, geometric mean{spread}: {} (target at most {MAX_GEOMEAN:.1}){}",
            if g <= MAX_GEOMEAN { "met" } else { "MISSED" },
            startup.map_or(String::new(), |s| format!("; a new interpreter starts in {}", fmt_ns(s)))
        ));
    }
    if let Some(o) = debugger["overhead_no_debugger"].as_f64() {
        verdicts.push(format!(
            "debugger support costs {:+.1}% with no debugger active (target at most {:.0}%)",
            o * 100.0,
            MAX_DEBUGGER_OVERHEAD * 100.0
        ));
    }
    Section {
        title: "Python eval/exec interpreter (evalx)".into(),
        markdown: md,
        json: json!({
            "programs": Value::Array(rows),
            "geomean_ratio": geomean,
            "paired": Value::Object(paired_json),
            "paired_geomean": paired_geomean,
            "eval_fresh_string_ns": fresh,
            "eval_repeated_string_ns": repeated,
            "startup_ns": startup,
            "debugger": debugger,
            "verdicts": verdicts,
        }),
    }
}

/// The bound on what debugger support may cost when no debugger is active.
const MAX_DEBUGGER_OVERHEAD: f64 = 0.05;
/// Programs the "breakpoint set but never hit" rows cover (`evalx_debugger` group of the bench).
const TRACED: &[(&str, &str)] = &[("fib", "`fib(25)`"), ("loop", "numeric loop")];

/// The debugger section: evalx with debugger support against a build without it (`--features
/// evalx-untraced`, full runs only), and a breakpoint that is never hit against CPython's tracing.
fn debugger_cost(md: &mut String) -> Value {
    md.push_str(
        "### The debugger's cost\n\n\
         With no debugger active, evalx pays one branch per statement, and a push/pop of its shadow frame \
         stack per call (the stack is also the recursion counter; the build without debugger support counts \
         frames in a plain counter instead). Loops over ranges and lists, and calls, learn that tracing is on \
         from their tick counter, which tracing keeps on its slow path. The same programs built without debugger support (`--features evalx-untraced`, \
         measured by full runs of `cargo xtask bench` only) show what that costs:\n\n\
         | program | evalx | without debugger support | cost |\n|---|---|---|---|\n",
    );
    let cell = |v: Option<f64>| v.map(fmt_ns).unwrap_or_else(|| "not measured".into());
    let mut logs = Vec::new();
    let mut rows = Vec::new();
    for (id, what, in_mean) in PROGRAMS.iter().filter(|p| p.2) {
        let with = criterion("evalx", &format!("evalx_{id}")).map(|m| m.median_ns);
        let without = criterion("evalx_untraced", id).map(|m| m.median_ns);
        let ratio = match (with, without) {
            (Some(w), Some(o)) if o > 0.0 => Some(w / o),
            _ => None,
        };
        if let (Some(r), true) = (ratio, *in_mean) {
            logs.push(r.ln());
        }
        let _ = writeln!(
            md,
            "| {what} | {} | {} | {} |",
            cell(with),
            cell(without),
            ratio
                .map(|r| format!("{:+.1}%", (r - 1.0) * 100.0))
                .unwrap_or_else(|| "-".into())
        );
        rows.push(json!({"id": id, "evalx_ns": with, "untraced_ns": without, "ratio": ratio}));
    }
    let overhead = (logs.len() == 5).then(|| (logs.iter().sum::<f64>() / 5.0).exp() - 1.0);
    let _ = writeln!(
        md,
        "| **geometric mean** | | | **{}** |\n",
        overhead
            .map(|o| format!("{:+.1}%", o * 100.0))
            .unwrap_or_else(|| "-".into())
    );
    md.push_str(
        "A breakpoint that is never hit (on a line of the same file that never runs; tracing is on, so \
         every call, line and return is checked) against CPython running the same program under a no-op \
         trace function (`sys.settrace` with a function that returns itself; pdb's own dispatcher costs far \
         more):\n\n\
         | program | evalx | evalx, breakpoint not hit | slowdown | CPython | CPython, no-op trace | slowdown |\n\
         |---|---|---|---|---|---|---|\n",
    );
    let times = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    let fmt_x = |r: Option<f64>| r.map(|r| format!("{r:.2}x")).unwrap_or_else(|| "-".into());
    let mut traced = Vec::new();
    let mut evalx_bp_worst: Option<f64> = None;
    let mut cpython_noop_best: Option<f64> = None;
    for (id, what) in TRACED {
        let plain = criterion("evalx", &format!("evalx_{id}")).map(|m| m.median_ns);
        let bp = criterion("evalx_debugger", &format!("bp_not_hit_{id}")).map(|m| m.median_ns);
        let cpy = criterion("evalx", &format!("cpython_{id}")).map(|m| m.median_ns);
        let noop =
            criterion("evalx_debugger", &format!("cpython_noop_trace_{id}")).map(|m| m.median_ns);
        let (s_bp, s_noop) = (times(bp, plain), times(noop, cpy));
        if let Some(s) = s_bp {
            evalx_bp_worst = Some(evalx_bp_worst.map_or(s, |w: f64| w.max(s)));
        }
        if let Some(s) = s_noop {
            cpython_noop_best = Some(cpython_noop_best.map_or(s, |b: f64| b.min(s)));
        }
        let _ = writeln!(
            md,
            "| {what} | {} | {} | {} | {} | {} | {} |",
            cell(plain),
            cell(bp),
            fmt_x(s_bp),
            cell(cpy),
            cell(noop),
            fmt_x(s_noop),
        );
        traced.push(json!({
            "id": id, "evalx_ns": plain, "evalx_bp_not_hit_ns": bp, "cpython_ns": cpy,
            "cpython_noop_trace_ns": noop,
        }));
    }
    md.push_str("\n| target | measured | verdict |\n|---|---|---|\n");
    match overhead {
        Some(o) => {
            let _ = writeln!(
                md,
                "| no debugger active: within {:.0}% of evalx without debugger support | {:+.1}% | {} |",
                MAX_DEBUGGER_OVERHEAD * 100.0,
                o * 100.0,
                if o <= MAX_DEBUGGER_OVERHEAD { "met" } else { "MISSED" }
            );
        }
        None => md.push_str(
            "| no debugger active: within 5% of evalx without debugger support | not measured (full runs only) | - |\n",
        ),
    }
    if let (Some(e), Some(c)) = (evalx_bp_worst, cpython_noop_best) {
        let _ = writeln!(
            md,
            "| breakpoint set, not hit: far below CPython's tracing slowdown | {e:.2}x (CPython: {c:.2}x with a no-op trace) | {} |",
            if e * 2.0 <= c { "met" } else { "MISSED" }
        );
    }
    md.push('\n');
    json!({
        "overhead_no_debugger": overhead,
        "programs": Value::Array(rows),
        "breakpoint_not_hit": Value::Array(traced),
    })
}
