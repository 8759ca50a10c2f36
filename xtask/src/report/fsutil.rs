//! The `fsutil` section: entries per second of `walk`, `par_walk`, walkdir, the `ignore` crate's parallel
//! walker and CPython's `os.walk` on one generated tree (100,000 files, 5,110 directories, warm cache), all
//! measured in the same run by `benches/benches/fsutil.rs`, with the two speed targets.

use super::{Section, criterion, fmt_ns};
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

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

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

    md.push_str("| target | measured | verdict |\n|---|---|---|\n");
    let mut targets = serde_json::Map::new();
    if let (Some(w), Some(d)) = (time("walk"), walkdir) {
        let slowdown = w / d - 1.0;
        let _ = writeln!(
            md,
            "| `walk` within 5% of walkdir | {:+.1}% | {} |",
            slowdown * 100.0,
            verdict(slowdown <= WALK_MAX_SLOWDOWN)
        );
        targets.insert("walk_vs_walkdir".into(), json!(w / d));
    }
    if let (Some(p), Some(i)) = (time("par_walk"), time("ignore_parallel")) {
        let _ = writeln!(
            md,
            "| `par_walk` at least as fast as `ignore`'s parallel walker | {:.2}x its speed | {} |",
            i / p,
            verdict(p <= i)
        );
        targets.insert("par_walk_speed_vs_ignore".into(), json!(i / p));
    }
    if let (Some(p), Some(o)) = (time("par_walk"), time("os_walk")) {
        let _ = writeln!(
            md,
            "| (no target) `par_walk` vs `os.walk` | {:.1}x faster | - |",
            o / p
        );
        targets.insert("par_walk_speed_vs_os_walk".into(), json!(o / p));
    }
    md.push('\n');
    Section {
        title: "Directory walking (fsutil)".into(),
        markdown: md,
        json: json!({ "walkers": Value::Object(rows), "ratios": Value::Object(targets) }),
    }
}
