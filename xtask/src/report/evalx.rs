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
/// "Well under a millisecond" (issue 23), read as at most half of one.
const MAX_ISOLATED_NS: f64 = 5e5;

pub fn section() -> Section {
    let mut md = String::new();
    let mut rows = Vec::new();
    md.push_str(
        "Each program defines `run()`; evalx runs it in-process, CPython runs it in a `python3` peer process that \
         times it (start-up excluded); both in the paired rounds below (medians of rounds; criterion's median for \
         evalx where the rounds are missing). Ratio = evalx time / CPython time: below 1 means evalx is faster.\n\n\
         | program | evalx | CPython | evalx/CPython |\n|---|---|---|---|\n",
    );
    let mut logs = Vec::new();
    for (id, what, in_mean) in PROGRAMS {
        let p = super::paired(&format!("evalx_vs_cpython_{id}"));
        let med = |c: &str| p.as_ref().and_then(|p| p.median(c)).map(|i| i.median);
        let e = med("evalx")
            .or_else(|| criterion("evalx", &format!("evalx_{id}")).map(|m| m.median_ns));
        let c = med("cpython");
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
    let isolated = criterion("evalx_anchor", "isolated_warm_trivial").map(|m| m.median_ns);
    let cell = |v: Option<f64>| v.map(fmt_ns).unwrap_or_else(|| "not measured".into());
    let _ = writeln!(
        md,
        "One host `eval(\"a + b * k\", g)` with a new string each time (parse + compile + run): {}; the same \
         string again (served by the source→code cache): {}. A new interpreter running one statement \
         (start-up): {}. Isolated mode: a warm worker process's round trip on a trivial program \
         (`IsolatedPool::run(\"x = 1 + 1\")`: a fresh interpreter in the worker, under the limits): {}.\n",
        cell(fresh),
        cell(repeated),
        cell(startup),
        cell(isolated)
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
            "| geometric mean of evalx/CPython at most {MAX_GEOMEAN:.1} (not paired: criterion medians, so no verdict) | {g:.2} | - |"
        );
    }
    if let Some(s) = startup {
        let _ = writeln!(
            md,
            "| start-up under 5 ms | {} | {} |",
            fmt_ns(s),
            super::judged_at_most("evalx_anchor", "startup", MAX_STARTUP_NS, s)
        );
    }
    if let Some(s) = isolated {
        let _ = writeln!(
            md,
            "| a warm isolated worker answers a trivial program well under a millisecond (at most {}) | {} | {} |",
            fmt_ns(MAX_ISOLATED_NS),
            fmt_ns(s),
            super::judged_at_most("evalx_anchor", "isolated_warm_trivial", MAX_ISOLATED_NS, s)
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
    if let Ok(o) =
        serde_json::from_value::<stats::Interval>(debugger["overhead_no_debugger"].clone())
    {
        verdicts.push(format!(
            "debugger support costs {:+.1}% ({:+.1} to {:+.1}%, paired against the build without it) with no debugger active: {} (target at most {:.0}%)",
            (o.median - 1.0) * 100.0,
            (o.lo - 1.0) * 100.0,
            (o.hi - 1.0) * 100.0,
            stats::at_most(&o, 1.0 + MAX_DEBUGGER_OVERHEAD),
            MAX_DEBUGGER_OVERHEAD * 100.0
        ));
    }
    if let Some(s) = isolated {
        verdicts.push(format!(
            "a warm isolated worker answers a trivial program in {}: {} (target at most {}, \"well under a millisecond\")",
            fmt_ns(s),
            super::judged_at_most("evalx_anchor", "isolated_warm_trivial", MAX_ISOLATED_NS, s),
            fmt_ns(MAX_ISOLATED_NS)
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
            "isolated_warm_trivial_ns": isolated,
            "debugger": debugger,
            "verdicts": verdicts,
        }),
    }
}

/// The bound on what debugger support may cost when no debugger is active.
const MAX_DEBUGGER_OVERHEAD: f64 = 0.05;
/// Programs the "breakpoint set but never hit" rows cover (`evalx_debugger` group of the bench).
const TRACED: &[(&str, &str)] = &[("fib", "`fib(25)`"), ("loop", "numeric loop")];

/// Per-round ratios `a / b` of paired rounds.
fn round_ratios(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter()
        .zip(b)
        .filter(|(_, y)| **y > 0.0)
        .map(|(x, y)| x / y)
        .collect()
}

/// The debugger section: evalx with debugger support against a build without it (paired rounds against
/// that build run as a peer process, full runs only), and a breakpoint that is never hit against
/// CPython's tracing (paired rounds of all four: evalx, evalx with the breakpoint, CPython, CPython with
/// a no-op trace).
fn debugger_cost(md: &mut String) -> Value {
    md.push_str(
        "### The debugger's cost\n\n\
         With no debugger active, evalx pays one branch per statement, and a push/pop of its shadow frame \
         stack per call (the stack is also the recursion counter; the build without debugger support counts \
         frames in a plain counter instead). Loops over ranges and lists, and calls, learn that tracing is on \
         from their tick counter, which tracing keeps on its slow path. The same programs built without debugger \
         support (`--features evalx-untraced`, started as a peer process and run in the same paired rounds; full \
         runs of `cargo xtask bench` only) show what that costs:\n\n\
         | program | evalx (paired) | without debugger support | cost (95% interval) |\n|---|---|---|---|\n",
    );
    let cell = |v: Option<f64>| v.map(fmt_ns).unwrap_or_else(|| "not measured".into());
    let mut lists = Vec::new();
    let mut rows = Vec::new();
    for (id, what, in_mean) in PROGRAMS.iter().filter(|p| p.2) {
        let p = super::paired(&format!("evalx_support_{id}"));
        let with = p.as_ref().and_then(|p| p.median("evalx"));
        let without = p.as_ref().and_then(|p| p.median("untraced"));
        let ratios = p
            .as_ref()
            .and_then(|p| Some(round_ratios(&p.get("evalx")?, &p.get("untraced")?)))
            .unwrap_or_default();
        let ratio = stats::bootstrap_median(&ratios);
        if ratio.is_some() && *in_mean {
            lists.push(ratios);
        }
        let _ = writeln!(
            md,
            "| {what} | {} | {} | {} |",
            cell(with.map(|i| i.median)),
            cell(without.map(|i| i.median)),
            ratio
                .map(|r| format!(
                    "{:+.1}% ({:+.1} to {:+.1}%)",
                    (r.median - 1.0) * 100.0,
                    (r.lo - 1.0) * 100.0,
                    (r.hi - 1.0) * 100.0
                ))
                .unwrap_or_else(|| "-".into())
        );
        rows.push(json!({"id": id, "evalx_ns": with, "untraced_ns": without, "ratio": ratio}));
    }
    let overhead = (lists.len() == 5)
        .then(|| stats::geomean_of_medians(&lists))
        .flatten();
    let _ = writeln!(
        md,
        "| **geometric mean** | | | **{}** |\n",
        overhead
            .map(|o| format!(
                "{:+.1}% ({:+.1} to {:+.1}%)",
                (o.median - 1.0) * 100.0,
                (o.lo - 1.0) * 100.0,
                (o.hi - 1.0) * 100.0
            ))
            .unwrap_or_else(|| "-".into())
    );
    md.push_str(
        "A breakpoint that is never hit (on a line of the same file that never runs; tracing is on, so \
         every call, line and return is checked) against CPython running the same program under a no-op \
         trace function (`sys.settrace` with a function that returns itself; pdb's own dispatcher costs far \
         more). All four run in every paired round; each slowdown is the median of per-round ratios:\n\n\
         | program | evalx | evalx, breakpoint not hit | slowdown | CPython | CPython, no-op trace | slowdown |\n\
         |---|---|---|---|---|---|---|\n",
    );
    let fmt_x =
        |r: Option<stats::Interval>| r.map(|r| r.ratio_text()).unwrap_or_else(|| "-".into());
    let mut traced = Vec::new();
    let mut outcomes = Vec::new();
    for (id, what) in TRACED {
        let p = super::paired(&format!("evalx_debugger_{id}"));
        let get = |c: &str| p.as_ref().and_then(|p| p.get(c)).unwrap_or_default();
        let med = |c: &str| p.as_ref().and_then(|p| p.median(c)).map(|i| i.median);
        let (plain, bp, cpy, noop) = (
            get("evalx"),
            get("evalx_bp_not_hit"),
            get("cpython"),
            get("cpython_noop_trace"),
        );
        let (r_bp, r_noop) = (round_ratios(&bp, &plain), round_ratios(&noop, &cpy));
        let (s_bp, s_noop) = (
            stats::bootstrap_median(&r_bp),
            stats::bootstrap_median(&r_noop),
        );
        // evalx's slowdown over CPython's, per round: the target wants at most half.
        let relative = stats::bootstrap_median(&round_ratios(&r_bp, &r_noop));
        if let Some(r) = &relative {
            outcomes.push(stats::at_most(r, 0.5));
        }
        let _ = writeln!(
            md,
            "| {what} | {} | {} | {} | {} | {} | {} |",
            cell(med("evalx")),
            cell(med("evalx_bp_not_hit")),
            fmt_x(s_bp),
            cell(med("cpython")),
            cell(med("cpython_noop_trace")),
            fmt_x(s_noop),
        );
        traced.push(json!({
            "id": id, "evalx_ns": med("evalx"), "evalx_bp_not_hit_ns": med("evalx_bp_not_hit"),
            "cpython_ns": med("cpython"), "cpython_noop_trace_ns": med("cpython_noop_trace"),
            "evalx_slowdown": s_bp, "cpython_slowdown": s_noop, "evalx_over_cpython_slowdown": relative,
        }));
    }
    md.push_str("\n| target | measured | verdict |\n|---|---|---|\n");
    match overhead {
        Some(o) => {
            let _ = writeln!(
                md,
                "| no debugger active: within {:.0}% of evalx without debugger support (paired) | {:+.1}% ({:+.1} to {:+.1}%) | {} |",
                MAX_DEBUGGER_OVERHEAD * 100.0,
                (o.median - 1.0) * 100.0,
                (o.lo - 1.0) * 100.0,
                (o.hi - 1.0) * 100.0,
                stats::at_most(&o, 1.0 + MAX_DEBUGGER_OVERHEAD)
            );
        }
        None => md.push_str(
            "| no debugger active: within 5% of evalx without debugger support | not measured (full runs only) | - |\n",
        ),
    }
    if outcomes.len() == TRACED.len() {
        let outcome = if outcomes.iter().all(|o| *o == stats::Target::Met) {
            stats::Target::Met
        } else if outcomes.contains(&stats::Target::Missed) {
            stats::Target::Missed
        } else {
            stats::Target::CannotTell
        };
        let _ = writeln!(
            md,
            "| breakpoint set, not hit: at most half CPython's no-op-trace slowdown, on every program (paired) | see the slowdowns above | {outcome} |"
        );
    }
    md.push('\n');
    json!({
        "overhead_no_debugger": overhead,
        "programs": Value::Array(rows),
        "breakpoint_not_hit": Value::Array(traced),
    })
}
