//! The evalx-suite section: pyperformance's benchmarks (fetched from PyPI, run unchanged, see
//! `crate::suite`) with pass/fail under evalx, the first error of each failing one, and each run's time and
//! peak memory under evalx and CPython (one run each, whole process, start-up included).

use super::Section;
use crate::suite::{Outcome, Results};
use serde_json::json;
use std::fmt::Write as _;

/// The name the bench saves the suite's results under (beside the Python peers' JSON).
pub const RESULTS: &str = "pyperformance";

pub fn section() -> Section {
    let title = "evalx on real programs (pyperformance)".to_string();
    let results: Option<Results> =
        super::peer(RESULTS).and_then(|v| serde_json::from_value(v).ok());
    let Some(results) = results else {
        let mut md = format!(
            "pyperformance {}'s benchmarks were not run in this run (`cargo xtask suite` runs them alone; they need \
             PyPI and CPython 3.11).\n\n| benchmark | evalx |\n|---|---|\n",
            crate::suite::VERSION
        );
        for name in crate::suite::BENCHMARKS {
            let _ = writeln!(md, "| {name} | not measured |");
        }
        return Section {
            title,
            markdown: md,
            json: json!(null),
        };
    };
    let passed = results.outcomes.iter().filter(|o| o.passed).count();
    let mut md = String::new();
    let _ = writeln!(
        md,
        "pyperformance {}'s pure-Python benchmarks, fetched from PyPI and run unchanged under evalx and {} with \
         evalx's own `pyperf` stand-in (each benchmark once, its digests of what it computed compared line by \
         line). **{passed} of {} print what CPython prints.** Times are one run of each whole process \
         (start-up included), evalx and CPython one after the other; memory is the peak resident size (`VmHWM`, sampled every 5 ms).\n",
        results.pyperformance,
        results.python,
        results.outcomes.len()
    );
    md.push_str(
        "| benchmark | evalx | evalx time | CPython time | evalx/CPython | evalx memory | CPython memory | first error |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    let mut rows = Vec::new();
    for o in &results.outcomes {
        let _ = writeln!(md, "{}", row(o));
        rows.push(json!({
            "benchmark": o.name,
            "passed": o.passed,
            "known_failing": o.known_failing,
            "reason": o.reason,
            "evalx_s": o.evalx.wall_s,
            "cpython_s": o.cpython.wall_s,
            "evalx_max_rss_kib": o.evalx.max_rss_kib,
            "cpython_max_rss_kib": o.cpython.max_rss_kib,
        }));
    }
    Section {
        title,
        markdown: md,
        json: json!({
            "pyperformance": results.pyperformance,
            "python": results.python,
            "passed": passed,
            "benchmarks": rows,
        }),
    }
}

fn row(o: &Outcome) -> String {
    let verdict = match (o.passed, o.known_failing) {
        (true, _) => "passes",
        (false, true) => "fails (known)",
        (false, false) => "**fails**",
    };
    let ratio = if o.passed && o.cpython.wall_s > 0.0 {
        format!("{:.2}", o.evalx.wall_s / o.cpython.wall_s)
    } else {
        "-".into()
    };
    let reason = o
        .reason
        .as_deref()
        .map(|r| format!("`{}`", r.replace('|', "\\|").replace('`', "'")))
        .unwrap_or_default();
    let mib = |kib: i64| {
        if kib > 0 {
            format!("{:.1} MiB", kib as f64 / 1024.0)
        } else {
            "-".into()
        }
    };
    format!(
        "| {} | {verdict} | {:.2} s | {:.2} s | {ratio} | {} | {} | {reason} |",
        o.name,
        o.evalx.wall_s,
        o.cpython.wall_s,
        mib(o.evalx.max_rss_kib),
        mib(o.cpython.max_rss_kib),
    )
}
