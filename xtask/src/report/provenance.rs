//! Which run measured what: after each bench file (and the standalone CPython peers) `cargo xtask bench`
//! writes a [`RunRecord`] to `<results>/runs/<bench>.json`: the run's command, when it finished, and the
//! machine's state during that bench file alone. A partial run (`--only pool`) rewrites only its own
//! files' records, so the report can say, per section, which run its numbers come from and judge each
//! section against the machine state of the run that measured it, never against the current run's.
//!
//! Runs are told apart by [`RunRecord::run`] (the run's start, in Unix seconds).

use super::machine::RunState;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What one bench file's results came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunRecord {
    /// The bench file (`pool`), or `peers` for the standalone CPython peers.
    pub bench: String,
    /// The run's command line, as a user would type it (`cargo xtask bench --quick --only pool`).
    pub command: String,
    /// The cargo profile the bench was built with.
    pub profile: String,
    /// The run's start, in Unix seconds: the same for every bench file of one run.
    pub run: u64,
    /// When this bench file finished, in Unix seconds.
    pub finished: u64,
    /// Whether the bench file succeeded.
    pub ok: bool,
    /// A criterion filter the run had (`--filter`): then only the matching ids are this run's, and
    /// [`RunRecord::previous`] says where the others came from.
    pub filter: Option<String>,
    /// The machine's state while this bench file ran.
    pub state: RunState,
    /// The record this one replaced, when this run measured only part of the bench file (a filter).
    pub previous: Option<Box<RunRecord>>,
}

/// The folder of the records beside a run's results (`<target>/xtask/runs`).
pub fn dir(results: &Path) -> PathBuf {
    results.join("runs")
}

/// Saves `record` as `<dir>/<bench>.json`; with a filter, the record it replaces is kept inside it (one
/// level: the previous record's own previous is dropped).
pub fn save(dir: &Path, mut record: RunRecord) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}.json", record.bench));
    if record.filter.is_some() {
        record.previous = load_one(&path).map(|mut p| {
            p.previous = None;
            Box::new(p)
        });
    }
    let text = serde_json::to_string_pretty(&record).map_err(std::io::Error::other)?;
    std::fs::write(path, text)
}

fn load_one(path: &Path) -> Option<RunRecord> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// Every record in `dir`, by bench name.
pub fn load(dir: &Path) -> Vec<RunRecord> {
    let mut records: Vec<RunRecord> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| load_one(&e.path()))
        .collect();
    records.sort_by(|a, b| a.bench.cmp(&b.bench));
    records
}

/// `2026-12-07 02:40 UTC` for Unix seconds `secs` (the civil date from the day count).
pub fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// Now, in Unix seconds.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A run's one-line summary: command, date, and the machine's state (noisy or quiet, and why).
fn run_line(r: &RunRecord) -> String {
    let noise = r.state.noise_reasons();
    let load = match (r.state.load_before, r.state.load_after) {
        (Some(a), Some(b)) => format!("load {a:.2} -> {b:.2}"),
        _ => "load unknown".into(),
    };
    let other = r
        .state
        .other_cores
        .map_or("other processes unknown".into(), |o| {
            format!("other processes {o:.2} cores")
        });
    format!(
        "`{}` (`{}` profile), {}; {load}, {other}{}",
        r.command,
        r.profile,
        utc(r.finished),
        if noise.is_empty() {
            ": quiet".to_string()
        } else {
            format!(": **noisy** ({})", noise.join("; "))
        }
    )
}

/// The records of a section's bench files, in the order given (missing ones left out).
pub fn of<'a>(records: &'a [RunRecord], benches: &[&str]) -> Vec<&'a RunRecord> {
    benches
        .iter()
        .filter_map(|b| records.iter().find(|r| r.bench == *b))
        .collect()
}

/// The line under a section's title saying where its numbers come from: this run, or an earlier one
/// (with its date and machine state), for each of its bench files. Empty when every file was measured
/// by `current` and `current` is the only run behind the report (nothing to tell apart).
pub fn section_note(records: &[RunRecord], benches: &[&str], current: Option<u64>) -> String {
    let mine = of(records, benches);
    let single_run = records.iter().all(|r| Some(r.run) == current);
    if mine.is_empty() || single_run && mine.iter().all(|r| r.filter.is_none()) {
        return String::new();
    }
    let mut md = String::new();
    for r in mine {
        let when = if Some(r.run) == current {
            "this run".to_string()
        } else {
            "an earlier run".to_string()
        };
        let _ = write!(md, "> `{}`: measured by {when}, {}", r.bench, run_line(r));
        if let Some(f) = &r.filter {
            let _ = write!(md, "; only the ids matching `{f}`");
            if let Some(p) = &r.previous {
                let _ = write!(md, ", the others by {}", run_line(p));
            }
        }
        if !r.ok {
            md.push_str("; **the bench failed**");
        }
        md.push_str(".\n");
    }
    md.push('\n');
    md
}

/// The report's table of the runs behind it: one row per run (newest first), with the bench files it
/// measured, its date and its machine state. Empty with no records.
pub fn runs_table(records: &[RunRecord], current: Option<u64>) -> String {
    let mut runs: Vec<u64> = records.iter().map(|r| r.run).collect();
    runs.sort_unstable_by(|a, b| b.cmp(a));
    runs.dedup();
    if runs.is_empty() {
        return String::new();
    }
    let mut md = String::from(
        "| run | bench files measured | command, finished, machine during those files |\n|---|---|---|\n",
    );
    for (i, run) in runs.iter().enumerate() {
        let of_run: Vec<&RunRecord> = records.iter().filter(|r| r.run == *run).collect();
        let names: Vec<&str> = of_run.iter().map(|r| r.bench.as_str()).collect();
        // The run's state: the file that ran last (its finish is the run's latest news).
        let Some(last) = of_run.iter().max_by_key(|r| r.finished) else {
            continue;
        };
        let label = if Some(*run) == current {
            "this run".to_string()
        } else {
            format!("earlier run {i}")
        };
        let noisy: Vec<&str> = of_run
            .iter()
            .filter(|r| !r.state.noise_reasons().is_empty())
            .map(|r| r.bench.as_str())
            .collect();
        let _ = writeln!(
            md,
            "| {label} | {} | {}{} |",
            names.join(", "),
            run_line(last),
            if noisy.is_empty() {
                String::new()
            } else {
                format!(" (noisy during: {})", noisy.join(", "))
            }
        );
    }
    md.push('\n');
    md
}

/// The JSON of the records behind a section: per bench file, its run, date, command and noise.
pub fn json(records: &[RunRecord], benches: &[&str]) -> serde_json::Value {
    serde_json::Value::Array(
        of(records, benches)
            .into_iter()
            .map(|r| {
                serde_json::json!({
                    "bench": r.bench, "run": r.run, "finished": utc(r.finished), "command": r.command,
                    "filter": r.filter, "ok": r.ok, "noise": r.state.noise_reasons(),
                    "other_cores": r.state.other_cores,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(bench: &str, run: u64, other: f64) -> RunRecord {
        RunRecord {
            bench: bench.into(),
            command: "cargo xtask bench --quick".into(),
            profile: "release".into(),
            run,
            finished: run + 60,
            ok: true,
            filter: None,
            state: RunState {
                load_before: Some(0.2),
                load_after: Some(0.3),
                other_cores: Some(other),
                steal: Some(0.0),
                cpus: 2,
                ..RunState::default()
            },
            previous: None,
        }
    }

    #[test]
    fn utc_dates_are_civil() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc(1_796_610_000), "2026-12-07 02:20 UTC");
    }

    #[test]
    fn a_partial_run_keeps_the_other_sections_earlier_run_and_its_machine_state() {
        let dir = std::env::temp_dir().join(format!("xtask-runs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        // A whole run at t=1000 on a busy machine, then `--only pool` at t=5000 on a quiet one.
        save(&dir, record("pool", 1000, 0.9)).expect("saved");
        save(&dir, record("evalx", 1000, 0.9)).expect("saved");
        save(&dir, record("pool", 5000, 0.0)).expect("saved");
        let records = load(&dir);
        assert_eq!(records.len(), 2);
        let current = Some(5000);
        let pool = section_note(&records, &["pool"], current);
        assert!(
            pool.contains("this run") && pool.contains(": quiet"),
            "{pool}"
        );
        let evalx = section_note(&records, &["evalx"], current);
        assert!(
            evalx.contains("an earlier run") && evalx.contains("**noisy**"),
            "{evalx}"
        );
        assert!(evalx.contains("1970-01-01 00:17 UTC"), "{evalx}");
        let table = runs_table(&records, current);
        let rows: Vec<&str> = table.lines().skip(2).filter(|l| !l.is_empty()).collect();
        assert_eq!(rows.len(), 2, "{table}");
        assert!(rows[0].starts_with("| this run | pool |"), "{table}");
        assert!(rows[1].contains("evalx") && rows[1].contains("noisy during: evalx"));
        // One run behind everything: nothing to tell apart, no note.
        let one = vec![record("pool", 7, 0.0)];
        assert_eq!(section_note(&one, &["pool"], Some(7)), "");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_filtered_run_says_where_the_other_ids_came_from() {
        let dir = std::env::temp_dir().join(format!("xtask-runs-f-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        save(&dir, record("pool", 1000, 0.0)).expect("saved");
        let mut filtered = record("pool", 2000, 0.0);
        filtered.filter = Some("pool_map".into());
        save(&dir, filtered.clone()).expect("saved");
        // A second filtered run keeps one level only.
        filtered.run = 3000;
        save(&dir, filtered).expect("saved");
        let records = load(&dir);
        let r = &records[0];
        assert_eq!(r.previous.as_ref().map(|p| p.run), Some(2000));
        assert!(r.previous.as_ref().is_some_and(|p| p.previous.is_none()));
        let note = section_note(&records, &["pool"], Some(3000));
        assert!(
            note.contains("only the ids matching `pool_map`") && note.contains("the others by"),
            "{note}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
