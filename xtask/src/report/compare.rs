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

/// Per-round ratios within one run: for every paired group (`paired/<group>/<contender>`), each
/// contender's rounds over the group's first contender's, round by round. A ratio measured inside one
/// run cancels that run's load, so comparing it between runs is far less noisy than comparing times.
fn within_run_ratios(rounds: &serde_json::Map<String, Value>) -> Vec<(String, Vec<f64>)> {
    let mut groups: std::collections::BTreeMap<&str, Vec<(&str, Vec<f64>)>> = Default::default();
    for (key, v) in rounds {
        let Some(rest) = key.strip_prefix("paired/") else {
            continue;
        };
        let Some((group, contender)) = rest.rsplit_once('/') else {
            continue;
        };
        groups
            .entry(group)
            .or_default()
            .push((contender, values(v)));
    }
    let mut out = Vec::new();
    for (group, members) in groups {
        let Some((base_name, base)) = members.first() else {
            continue;
        };
        for (name, v) in &members[1..] {
            if v.len() != base.len() {
                continue;
            }
            let r: Vec<f64> = v.iter().zip(base).map(|(a, b)| a / b).collect();
            out.push((format!("{group}: {name} / {base_name}"), r));
        }
    }
    out
}

/// How the whole new run's times sit against the old one's: the median of every measurement's new / old
/// ratio (the machine's drift between the runs: load, frequency), and the robust spread of the log ratios
/// around it. A time changed only when its interval, taken relative to the drift and widened by twice
/// that spread, excludes no change: one run on a busier machine does not make everything "slower".
#[derive(Debug, Clone, Copy)]
pub struct Drift {
    pub factor: f64,
    pub spread: f64,
}

fn drift(ratios: &[f64]) -> Drift {
    let logs: Vec<f64> = ratios
        .iter()
        .filter(|r| **r > 0.0)
        .map(|r| r.ln())
        .collect();
    let center = stats::median(&logs).unwrap_or(0.0);
    let deviations: Vec<f64> = logs.iter().map(|l| (l - center).abs()).collect();
    Drift {
        factor: center.exp(),
        spread: 1.4826 * stats::median(&deviations).unwrap_or(0.0),
    }
}

/// Compares every measurement the two runs share, in the new run's order: times relative to the runs'
/// drift (see [`Drift`]), then the within-run paired ratios as they are.
pub fn changes(old: &Value, new: &Value) -> (Vec<Change>, Drift) {
    let (Some(o), Some(n)) = (old["rounds"].as_object(), new["rounds"].as_object()) else {
        return (
            Vec::new(),
            Drift {
                factor: 1.0,
                spread: 0.0,
            },
        );
    };
    let raw: Vec<(String, Vec<f64>, Vec<f64>, stats::Interval)> = n
        .iter()
        .filter_map(|(key, nv)| {
            let (a, b) = (values(nv), values(o.get(key)?));
            let ratio = stats::unpaired_ratio(&a, &b)?;
            Some((key.clone(), a, b, ratio))
        })
        .collect();
    let d = drift(&raw.iter().map(|r| r.3.median).collect::<Vec<_>>());
    let widen = (2.0 * d.spread).exp();
    let mut out: Vec<Change> = raw
        .into_iter()
        .filter_map(|(key, a, b, ratio)| {
            let relative = stats::Interval {
                median: ratio.median / d.factor,
                lo: ratio.lo / d.factor / widen,
                hi: ratio.hi / d.factor * widen,
                n: ratio.n,
            };
            Some(Change {
                key,
                old_ns: stats::median(&b)?,
                new_ns: stats::median(&a)?,
                verdict: stats::verdict(&relative),
                ratio: relative,
            })
        })
        .collect();
    // Within-run ratios need no drift correction, but a different load between the runs still moves the
    // load-sensitive ones (worker sweeps, wake-up latencies): widen by the spread of all of them.
    let old_ratios = within_run_ratios(o);
    let pairs: Vec<(String, Vec<f64>, Vec<f64>, stats::Interval)> = within_run_ratios(n)
        .into_iter()
        .filter_map(|(key, a)| {
            let (_, b) = old_ratios.iter().find(|(k, _)| *k == key)?;
            let ratio = stats::unpaired_ratio(&a, b)?;
            Some((key, a, b.clone(), ratio))
        })
        .collect();
    let ratio_spread = drift(&pairs.iter().map(|p| p.3.median).collect::<Vec<_>>()).spread;
    let widen = (2.0 * ratio_spread).exp();
    for (key, a, b, ratio) in pairs {
        let ratio = stats::Interval {
            lo: ratio.lo / widen,
            hi: ratio.hi * widen,
            ..ratio
        };
        out.push(Change {
            key: format!("ratio {key}"),
            old_ns: stats::median(&b).unwrap_or(f64::NAN),
            new_ns: stats::median(&a).unwrap_or(f64::NAN),
            verdict: stats::verdict(&ratio),
            ratio,
        });
    }
    (out, d)
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
    let (mut changes, d) = changes(old, new);
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
    let _ = writeln!(
        md,
        "The new run's times are {:.2}x the old one's overall (median over all measurements: the machine's drift \
         between the runs), with a spread of ±{:.0}% around that. Times below are new / old relative to that drift, \
         their intervals widened by twice the spread; rows named \"ratio\" compare ratios measured inside each run \
         (paired rounds), which the drift does not touch, widened by twice the spread of all such ratios (a \
         different load moves the load-sensitive ones).\n",
        d.factor,
        ((2.0 * d.spread).exp() - 1.0) * 100.0
    );
    changes.sort_by_key(|c| matches!(c.verdict, Verdict::WithinNoise(_)));
    md.push_str("| measurement | old | new | new / old (relative to the drift for times) | verdict |\n|---|---|---|---|---|\n");
    for c in &changes {
        let show = |v: f64| {
            if c.key.starts_with("ratio ") {
                format!("{v:.3}")
            } else {
                fmt_ns(v)
            }
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            c.key,
            show(c.old_ns),
            show(c.new_ns),
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
        let mut old = serde_json::Map::new();
        let mut new = serde_json::Map::new();
        for k in 0..10 {
            old.insert(format!("same/{k}"), json!(spread(100.0 + k as f64)));
            new.insert(format!("same/{k}"), json!(spread(100.0 + k as f64)));
        }
        old.insert("a/x".into(), json!(spread(100.0)));
        new.insert("a/x".into(), json!(spread(70.0)));
        old.insert("c/z".into(), json!(spread(50.0)));
        new.insert("c/z".into(), json!(spread(65.0)));
        old.insert("only_old".into(), json!(spread(1.0)));
        new.insert("only_new".into(), json!(spread(1.0)));
        let old = json!({ "command": "cargo xtask bench --quick", "rounds": old });
        let new = json!({ "command": "cargo xtask bench --quick", "rounds": new });
        let (found, d) = changes(&old, &new);
        assert_eq!(found.len(), 12);
        assert!((d.factor - 1.0).abs() < 0.01, "{d:?}");
        let by = |k: &str| found.iter().find(|c| c.key == k).expect(k).verdict;
        assert_eq!(by("a/x"), Verdict::Faster);
        assert_eq!(by("c/z"), Verdict::Slower);
        assert!(matches!(by("same/3"), Verdict::WithinNoise(_)));
        let md = render(&old, &new);
        assert!(
            md.contains("12 measurements in both: 1 faster, 1 slower, 10 within noise"),
            "{md}"
        );
        // the within-noise rows come last
        assert!(
            md.trim_end()
                .lines()
                .last()
                .is_some_and(|l| l.starts_with("| same/")),
            "{md}"
        );
    }

    #[test]
    fn a_slower_machine_does_not_make_everything_slower_but_a_paired_ratio_change_shows() {
        let spread = |center: f64, k: usize| -> Vec<f64> {
            (0..15)
                .map(|i| center * (0.97 + 0.004 * ((i + k) % 15) as f64))
                .collect()
        };
        let mut old = serde_json::Map::new();
        let mut new = serde_json::Map::new();
        for k in 0..8 {
            old.insert(format!("g/id{k}"), json!(spread(100.0 + k as f64, k)));
            // the whole new run is 1.5x slower, with a few percent of scatter
            new.insert(
                format!("g/id{k}"),
                json!(spread(
                    (100.0 + k as f64) * 1.5 * (1.0 + 0.01 * (k % 3) as f64),
                    k
                )),
            );
        }
        // a paired group: b / a is 1.0 in the old run and 0.8 in the new one
        old.insert("paired/p/a".into(), json!(spread(10.0, 0)));
        old.insert("paired/p/b".into(), json!(spread(10.0, 0)));
        new.insert("paired/p/a".into(), json!(spread(15.0, 0)));
        new.insert("paired/p/b".into(), json!(spread(12.0, 0)));
        let (found, d) = changes(&json!({ "rounds": old }), &json!({ "rounds": new }));
        assert!((d.factor - 1.5).abs() < 0.05, "{d:?}");
        for c in found.iter().filter(|c| c.key.starts_with("g/")) {
            assert!(matches!(c.verdict, Verdict::WithinNoise(_)), "{c:?}");
        }
        let r = found
            .iter()
            .find(|c| c.key == "ratio p: b / a")
            .expect("paired ratio compared");
        assert_eq!(r.verdict, Verdict::Faster, "{r:?}");
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
