//! The `fsutil` section: entries per second of `walk`, `par_walk`, walkdir, the `ignore` crate's parallel
//! walker and CPython's `os.walk` on one generated tree (100,000 files, 5,110 directories, warm cache), all
//! measured in the same run by `benches/benches/fsutil.rs`, with the two speed targets. The verdicts
//! use the bench's paired rounds (every walker once per round, rotating order) when present, because
//! separate benchmarks seconds apart drift by more than the 5% the `walk` target allows.

use super::{Section, criterion, criterion_samples, fmt_ns, sources, stats, verdict};
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
    (
        "os_walk",
        "CPython `os.walk` (in a peer process, timed there; median of the paired rounds)",
    ),
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
    // Rows criterion did not measure (a quick run; os.walk always) come from the paired rounds' medians.
    let rounds = super::paired(GROUP);
    let times: Vec<(&str, &str, Option<f64>, Option<u64>)> = times
        .into_iter()
        .map(|(id, label, ns, elements)| match (ns, &rounds) {
            (None, Some(p)) => {
                let n = p.elements(id);
                let ns = p.median(id).zip(n).map(|(iv, n)| iv.median * n as f64);
                (id, label, ns, n)
            }
            _ => (id, label, ns, elements),
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

    // Paired ratios (the median of per-round ratios of the paired rounds, every walker once per round in
    // rotating order) with a bootstrap interval; separate benchmarks (criterion samples, unpaired) otherwise.
    let synthetic = sources().criterion.is_none();
    let ratio = |a: &str, b: &str| -> Option<(stats::Interval, String)> {
        if let Some(r) = rounds.as_ref().and_then(|p| p.ratio(a, b)) {
            let n = r.n;
            return Some((r, format!("paired rounds ({n}), rotating order")));
        }
        let (x, y) = (criterion_samples(GROUP, a)?, criterion_samples(GROUP, b)?);
        let how = if synthetic {
            "synthetic"
        } else {
            "separate benchmarks, not paired"
        };
        Some((stats::unpaired_ratio(&x, &y)?, how.to_string()))
    };

    md.push_str("| target | measured (95% interval) | how | verdict |\n|---|---|---|---|\n");
    let mut targets = serde_json::Map::new();
    let mut verdicts = Vec::new();
    if let Some((r, how)) = ratio("walk", "walkdir") {
        let t = stats::at_most(&r, 1.0 + WALK_MAX_SLOWDOWN);
        let _ = writeln!(
            md,
            "| `walk` within 5% of walkdir | {} walkdir's time | {how} | {t} |",
            r.ratio_text()
        );
        verdicts.push(format!(
            "`walk` takes {} walkdir's time: {} (target: within 5%: {t})",
            r.ratio_text(),
            stats::verdict(&r)
        ));
        targets.insert("walk_time_over_walkdir".into(), json!(r.median));
        targets.insert("walk_time_over_walkdir_interval".into(), json!(r));
    }
    if let Some((r, how)) = ratio("par_walk", "ignore_parallel") {
        let t = stats::at_most(&r, 1.0);
        let _ = writeln!(
            md,
            "| `par_walk` at least as fast as `ignore`'s parallel walker | {} its time | {how} | {t} |",
            r.ratio_text()
        );
        verdicts.push(format!(
            "`par_walk` takes {} the `ignore` crate's parallel walker's time: {}",
            r.ratio_text(),
            stats::verdict(&r)
        ));
        targets.insert("par_walk_time_over_ignore".into(), json!(r.median));
        targets.insert("par_walk_time_over_ignore_interval".into(), json!(r));
    }
    // Against CPython's os.walk (in a peer process, in the same paired rounds).
    for (id, what) in [("walk", "`walk`"), ("par_walk", "`par_walk`")] {
        let Some((r, how)) = ratio(id, "os_walk") else {
            continue;
        };
        let _ = writeln!(
            md,
            "| (no target) {what} vs `os.walk` | {} os.walk's time | {how} | {} |",
            r.ratio_text(),
            stats::verdict(&r)
        );
        verdicts.push(format!(
            "{what} takes {} CPython's os.walk's time ({how}): {}",
            r.ratio_text(),
            stats::verdict(&r)
        ));
        targets.insert(format!("{id}_time_over_os_walk"), json!(r));
    }
    let _ = verdict;
    md.push('\n');
    Section {
        title: "Directory walking (fsutil)".into(),
        markdown: md,
        json: json!({ "walkers": Value::Object(rows), "ratios": Value::Object(targets), "verdicts": verdicts }),
    }
}
