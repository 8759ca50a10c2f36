//! The `fsutil` section: entries per second of `walk`, `par_walk`, walkdir, the `ignore` crate's parallel
//! walker and CPython's `os.walk` on one generated tree (100,000 files, 5,110 directories, warm cache), all
//! measured in the same run by `benches/benches/fsutil.rs`, with the two speed targets. The verdicts
//! use the bench's paired ratios (both walkers timed back to back, `paired.json`) when present, because
//! separate benchmarks seconds apart drift by more than the 5% the `walk` target allows.

use super::{Section, criterion, fmt_ns, read_json, sources, verdict};
use serde_json::{Value, json};
use std::fmt::Write as _;

const GROUP: &str = "fsutil_walk";
/// `walk` may be at most 5% slower than walkdir.
const WALK_MAX_SLOWDOWN: f64 = 0.05;

/// (criterion id, what it is), in the order of the table.
const ROWS: [(&str, &str); 7] = [
    ("walkdir", "walkdir 2.5 (`WalkDir::new`, counting entries)"),
    ("walk", "`fsutil::walk` (os.walk steps, top-down)"),
    ("walk_bottomup", "`fsutil::walk(..).topdown(false)`"),
    ("par_walk", "`fsutil::par_walk(..).for_each` (rayon)"),
    (
        "ignore_parallel",
        "`ignore` `build_parallel()` (standard filters off, same thread count)",
    ),
    (
        "par_walk_summary",
        "`fsutil::par_walk(..).summary()` (+ an lstat per file for bytes)",
    ),
    ("os_walk", "CPython `os.walk` (in-process, same tree)"),
];

pub fn section() -> Section {
    let mut md = String::new();
    let times: Vec<(&str, &str, Option<f64>, Option<u64>)> = ROWS
        .iter()
        .map(|&(id, label)| {
            let m = criterion(GROUP, id);
            (
                id,
                label,
                m.map(|m| m.median_ns),
                m.and_then(|m| m.elements),
            )
        })
        .collect();
    let time = |id: &str| times.iter().find(|t| t.0 == id).and_then(|t| t.2);
    let walkdir = time("walkdir");

    md.push_str("### Walking a tree of 100,000 files in 5,110 directories (warm cache)\n\n");
    md.push_str(
        "Every walker counts the 105,111 entries it sees (the top included); the tree is generated once under \
         the target directory. Parallel walkers use rayon's thread count.\n\n",
    );
    md.push_str("| walker | one walk | entries/s | time vs walkdir |\n|---|---|---|---|\n");
    let mut rows = serde_json::Map::new();
    for (id, label, ns, elements) in &times {
        let per_s = match (ns, elements) {
            (Some(ns), Some(n)) if *ns > 0.0 => Some(*n as f64 / (ns / 1e9)),
            _ => None,
        };
        let vs = match (ns, walkdir) {
            (Some(ns), Some(w)) if w > 0.0 => format!("{:.2}x", ns / w),
            _ => "-".into(),
        };
        let _ = writeln!(
            md,
            "| {label} | {} | {} | {vs} |",
            ns.map(fmt_ns).unwrap_or_else(|| "not measured".into()),
            per_s
                .map(|r| format!("{:.2} M", r / 1e6))
                .unwrap_or_else(|| "-".into()),
        );
        rows.insert(
            (*id).into(),
            json!({ "median_ns": ns, "entries_per_s": per_s }),
        );
    }
    md.push('\n');

    // Paired ratios (time of the first walker / the second's, median over back-to-back pairs).
    let paired = sources()
        .criterion
        .and_then(|dir| read_json(&dir.join(GROUP).join("paired.json")));
    let pair = |key: &str| paired.as_ref().and_then(|p| p[key].as_f64());
    let count = |key: &str| paired.as_ref().and_then(|p| p[key].as_u64()).unwrap_or(0);
    let ratio = |paired_key: &str, count_key: &str, a: &str, b: &str| match pair(paired_key) {
        Some(r) => Some((
            r,
            format!("median of {} back-to-back pairs", count(count_key)),
        )),
        None => match (time(a), time(b)) {
            (Some(x), Some(y)) if y > 0.0 => Some((x / y, "separate benchmarks".to_string())),
            _ => None,
        },
    };

    md.push_str("| target | measured | how | verdict |\n|---|---|---|---|\n");
    let mut targets = serde_json::Map::new();
    if let Some((r, how)) = ratio("walk_over_walkdir", "walk_pairs", "walk", "walkdir") {
        let _ = writeln!(
            md,
            "| `walk` within 5% of walkdir | {:+.1}% time | {how} | {} |",
            (r - 1.0) * 100.0,
            verdict(r - 1.0 <= WALK_MAX_SLOWDOWN)
        );
        targets.insert("walk_time_over_walkdir".into(), json!(r));
    }
    if let Some((r, how)) = ratio(
        "par_walk_over_ignore",
        "par_walk_pairs",
        "par_walk",
        "ignore_parallel",
    ) {
        let _ = writeln!(
            md,
            "| `par_walk` at least as fast as `ignore`'s parallel walker | {:.2}x its speed | {how} | {} |",
            1.0 / r,
            verdict(r <= 1.0)
        );
        targets.insert("par_walk_time_over_ignore".into(), json!(r));
    }
    if let (Some(p), Some(o)) = (time("par_walk"), time("os_walk")) {
        let _ = writeln!(
            md,
            "| (no target) `par_walk` vs `os.walk` | {:.1}x faster | separate benchmarks | - |",
            o / p
        );
        targets.insert("par_walk_speed_vs_os_walk".into(), json!(o / p));
    }
    md.push('\n');
    // One-line answers for the report's opening section.
    let mut verdicts = Vec::new();
    if let (Some(w), Some(p)) = (
        targets
            .get("walk_time_over_walkdir")
            .and_then(Value::as_f64),
        targets
            .get("par_walk_time_over_ignore")
            .and_then(Value::as_f64),
    ) {
        verdicts.push(format!(
            "`walk` takes {w:.2}x walkdir's time; `par_walk` walks {:.2}x as fast as the `ignore` crate's parallel walker{}",
            1.0 / p,
            targets
                .get("par_walk_speed_vs_os_walk")
                .and_then(Value::as_f64)
                .map_or(String::new(), |o| format!(" and {o:.1}x as fast as CPython's os.walk"))
        ));
    }
    Section {
        title: "Directory walking (fsutil)".into(),
        markdown: md,
        json: json!({ "walkers": Value::Object(rows), "ratios": Value::Object(targets), "verdicts": verdicts }),
    }
}
