//! `cargo xtask bench --compare OLD.json`: what changed between two runs' `benchmarks.json`, with the
//! report's noise rules. Every measurement both runs recorded under `"rounds"` (paired rounds and
//! criterion samples, nanoseconds per element) is compared as new / old median time with a bootstrap
//! interval; the rounds of two runs were not measured together, so each side is resampled on its own
//! (an unpaired interval, wider than the report's paired ones). A change is "faster" or "slower" only
//! when the whole interval says so, else "within noise (±x%)".

use super::fmt_ns;
use super::stats::{self, Verdict};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

/// Reads a `benchmarks.json`.
pub fn load(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let v: Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    if !v.get("rounds").is_some_and(Value::is_object) {
        bail!(
            "{} has no \"rounds\": it was written before the report kept its rounds (regenerate it with `cargo xtask bench`)",
            path.display()
        );
    }
    Ok(v)
}

fn values(v: &Value) -> Vec<f64> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect()
}

/// One compared measurement.
#[derive(Debug, Clone)]
pub struct Change {
    pub key: String,
    pub old_ns: f64,
    pub new_ns: f64,
    pub ratio: stats::Interval,
    pub verdict: Verdict,
}

/// Compares every measurement the two runs share, in the new run's order.
pub fn changes(old: &Value, new: &Value) -> Vec<Change> {
    let (Some(o), Some(n)) = (old["rounds"].as_object(), new["rounds"].as_object()) else {
        return Vec::new();
    };
    n.iter()
        .filter_map(|(key, nv)| {
            let (a, b) = (values(nv), values(o.get(key)?));
            let ratio = stats::unpaired_ratio(&a, &b)?;
            Some(Change {
                key: key.clone(),
                old_ns: stats::median(&b)?,
                new_ns: stats::median(&a)?,
                verdict: stats::verdict(&ratio),
                ratio,
            })
        })
        .collect()
}

fn run_line(v: &Value) -> String {
    let noise = v["machine_state"]["noise"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("; ")
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "no noise recorded".into());
    format!(
        "`{}` ({noise})",
        v["command"].as_str().unwrap_or("unknown run")
    )
}

/// The comparison as Markdown: the two runs, counts, then the changes that are not within noise first.
pub fn render(old: &Value, new: &Value) -> String {
    let mut changes = changes(old, new);
    let mut md = String::from("# What changed between two benchmark runs\n\n");
    let _ = writeln!(md, "- Old: {}", run_line(old));
    let _ = writeln!(md, "- New: {}", run_line(new));
    let count = |f: fn(&Verdict) -> bool| changes.iter().filter(|c| f(&c.verdict)).count();
    let _ = writeln!(
        md,
        "- {} measurements in both: {} faster, {} slower, {} within noise (new / old median time, {:.0}% bootstrap interval, each run resampled on its own)\n",
        changes.len(),
        count(|v| *v == Verdict::Faster),
        count(|v| *v == Verdict::Slower),
        count(|v| matches!(v, Verdict::WithinNoise(_))),
        stats::CONFIDENCE * 100.0
    );
    changes.sort_by_key(|c| matches!(c.verdict, Verdict::WithinNoise(_)));
    md.push_str("| measurement | old | new | new / old | verdict |\n|---|---|---|---|---|\n");
    for c in &changes {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            c.key,
            fmt_ns(c.old_ns),
            fmt_ns(c.new_ns),
            c.ratio.ratio_text(),
            c.verdict
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_real_change_is_named_and_noise_is_not() {
        let spread = |center: f64| -> Vec<f64> {
            (0..15)
                .map(|i| center * (0.97 + 0.004 * i as f64))
                .collect()
        };
        let old = json!({ "command": "cargo xtask bench --quick", "rounds": {
            "a/x": spread(100.0), "b/y": spread(100.0), "c/z": spread(50.0), "only_old": spread(1.0) } });
        let new = json!({ "command": "cargo xtask bench --quick", "rounds": {
            "a/x": spread(70.0), "b/y": spread(101.0), "c/z": spread(65.0), "only_new": spread(1.0) } });
        let found = changes(&old, &new);
        assert_eq!(found.len(), 3);
        let by = |k: &str| found.iter().find(|c| c.key == k).expect(k).verdict;
        assert_eq!(by("a/x"), Verdict::Faster);
        assert_eq!(by("c/z"), Verdict::Slower);
        assert!(matches!(by("b/y"), Verdict::WithinNoise(_)));
        let md = render(&old, &new);
        assert!(
            md.contains("3 measurements in both: 1 faster, 1 slower, 1 within noise"),
            "{md}"
        );
        // the within-noise row comes last
        assert!(
            md.trim_end()
                .lines()
                .last()
                .expect("measured")
                .starts_with("| b/y |"),
            "{md}"
        );
    }

    #[test]
    fn a_file_without_rounds_is_refused_with_the_reason() {
        let dir = std::env::temp_dir().join(format!("xtask-compare-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("old.json");
        std::fs::write(&path, "{\"command\": \"x\"}").expect("write");
        let err = load(&path).expect_err("no rounds");
        assert!(format!("{err:#}").contains("has no \"rounds\""), "{err:#}");
        std::fs::write(&path, "not json").expect("write");
        assert!(load(&path).is_err());
    }
}
