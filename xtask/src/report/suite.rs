//! The evalx-suite section: pyperformance's benchmarks (fetched from PyPI, run unchanged, see
//! `crate::suite`) with pass/fail under evalx and the first error of each failing one, and, from the paired
//! rounds, each program's CPU time under evalx and CPython, the median of per-round ratios with its
//! bootstrap interval, wall-time and peak-memory ratios, the geometric mean, and the issue's targets
//! (geometric mean at most 1.0, no program above 1.5x, memory at most 1.5x CPython's, the five programs'
//! script form, abandoned generators, start-up) judged with the report's vocabulary.

use super::{Section, stats};
use crate::suite::{Outcome, OwnKind, Results, Sample};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The name the bench saves the suite's results under (beside the Python peers' JSON).
pub const RESULTS: &str = "pyperformance";

/// The issue's targets: the suite's geometric mean of evalx/CPython CPU time, the most any one program
/// may take, and the most memory any one program may use, each relative to CPython.
const MAX_GEOMEAN: f64 = 1.0;
const MAX_PROGRAM: f64 = 1.5;
const MAX_MEMORY: f64 = 1.5;
/// The script-form target: the five programs' script form measured 1.03-1.11x CPython when issue 25 was
/// filed ("stay at or below their current ratios"); each must stay at or below the highest of those.
const MAX_SCRIPT: f64 = 1.11;
/// A program whose CPython run takes less than this many times CPython's start-up is marked: start-up
/// and imports are a large share of its whole-process time.
const STARTUP_SHARE: f64 = 10.0;

/// A ratio evalx/CPython over paired rounds: the median of per-round ratios, with its bootstrap interval
/// when there are enough rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratio {
    pub median: f64,
    pub interval: Option<stats::Interval>,
    pub rounds: usize,
}

impl Ratio {
    /// The per-round ratios `lists` of one comparison; `None` when there are none.
    pub fn of(per_round: &[f64]) -> Option<Ratio> {
        Some(Ratio {
            median: stats::median(per_round)?,
            interval: stats::bootstrap_median(per_round),
            rounds: per_round.iter().filter(|x| x.is_finite()).count(),
        })
    }

    fn text(&self) -> String {
        match &self.interval {
            Some(iv) => iv.ratio_text(),
            None => format!("{:.2}x", self.median),
        }
    }
}

/// A target judged on a ratio: an interval's verdict, or none when too few rounds were measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    Target(stats::Target),
    /// Fewer rounds than an interval needs (a `--quick` or smoke run): the point is shown, not judged.
    TooFewRounds(usize),
}

impl std::fmt::Display for Judged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Judged::Target(t) => t.fmt(f),
            Judged::TooFewRounds(n) => write!(
                f,
                "not judged ({n} round{}; an interval needs {})",
                if *n == 1 { "" } else { "s" },
                stats::MIN_ROUNDS
            ),
        }
    }
}

/// "At most `limit`" judged on `r`.
pub fn at_most(r: &Ratio, limit: f64) -> Judged {
    match &r.interval {
        Some(iv) => Judged::Target(stats::at_most(iv, limit)),
        None => Judged::TooFewRounds(r.rounds),
    }
}

/// One target over many programs ("no program above ..."): met when every one is met, MISSED when any
/// is, else cannot tell; not judged when any one could not be.
pub fn all_of(judged: &[Judged]) -> Judged {
    if let Some(n) = judged.iter().find_map(|j| match j {
        Judged::TooFewRounds(n) => Some(*n),
        Judged::Target(_) => None,
    }) {
        return Judged::TooFewRounds(n);
    }
    let targets: Vec<stats::Target> = judged
        .iter()
        .filter_map(|j| match j {
            Judged::Target(t) => Some(*t),
            Judged::TooFewRounds(_) => None,
        })
        .collect();
    if targets.contains(&stats::Target::Missed) {
        Judged::Target(stats::Target::Missed)
    } else if targets.iter().all(|t| *t == stats::Target::Met) {
        Judged::Target(stats::Target::Met)
    } else {
        Judged::Target(stats::Target::CannotTell)
    }
}

/// Whether a program belongs in a target's "not met on" list: its interval is not wholly within `limit`,
/// or (too few rounds for an interval) its point is above it.
fn not_met(j: Judged, r: &Ratio, limit: f64) -> bool {
    match j {
        Judged::Target(t) => t != stats::Target::Met,
        Judged::TooFewRounds(_) => r.median > limit,
    }
}

/// Per-round ratios evalx/CPython of one measure of an outcome's rounds (rounds where CPython's is 0
/// are left out).
pub fn per_round(o: &Outcome, measure: fn(&Sample) -> f64) -> Vec<f64> {
    o.rounds
        .iter()
        .filter(|r| measure(&r.cpython) > 0.0 && measure(&r.evalx) > 0.0)
        .map(|r| measure(&r.evalx) / measure(&r.cpython))
        .collect()
}

fn cpu(s: &Sample) -> f64 {
    s.cpu_s
}
fn wall(s: &Sample) -> f64 {
    s.wall_s
}
fn rss(s: &Sample) -> f64 {
    s.max_rss_kib as f64
}

/// The geometric mean of several comparisons' median ratios (`lists[k]`: comparison k's per-round
/// ratios): with the project's bootstrap interval (`stats::geomean_of_medians`) when each has enough
/// rounds.
pub fn geomean(lists: &[Vec<f64>]) -> Option<Ratio> {
    let medians: Vec<f64> = lists.iter().filter_map(|l| stats::median(l)).collect();
    if medians.is_empty() || medians.len() != lists.len() || medians.iter().any(|m| *m <= 0.0) {
        return None;
    }
    Some(Ratio {
        median: (medians.iter().map(|m| m.ln()).sum::<f64>() / medians.len() as f64).exp(),
        interval: stats::geomean_of_medians(lists),
        rounds: lists.iter().map(Vec::len).min().unwrap_or(0),
    })
}

/// Round by round, the geometric mean of the comparisons' ratios in that round (`lists[k][i]`: comparison
/// k in round i); only rounds every comparison has.
pub fn per_round_geomeans(lists: &[Vec<f64>]) -> Vec<f64> {
    let rounds = lists.iter().map(Vec::len).min().unwrap_or(0);
    if lists.is_empty() {
        return Vec::new();
    }
    (0..rounds)
        .map(|i| (lists.iter().map(|l| l[i].ln()).sum::<f64>() / lists.len() as f64).exp())
        .collect()
}

/// Per-round `a[i] / b[i]`.
pub fn divided(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter()
        .zip(b)
        .filter(|(_, y)| **y > 0.0)
        .map(|(x, y)| x / y)
        .collect()
}

pub fn section() -> Section {
    let results: Option<Results> =
        super::peer(RESULTS).and_then(|v| serde_json::from_value(v).ok());
    render(results.as_ref())
}

/// Seconds as the tables print them ("-" for 0: results from before CPU time was recorded).
fn secs(s: f64) -> String {
    if s > 0.0 {
        format!("{s:.3} s")
    } else {
        "-".into()
    }
}

fn mib(kib: f64) -> String {
    if kib > 0.0 {
        format!("{:.1} MiB", kib / 1024.0)
    } else {
        "-".into()
    }
}

fn med(o: &Outcome, side: fn(&crate::suite::Round) -> Sample, m: fn(&Sample) -> f64) -> f64 {
    let v: Vec<f64> = o.rounds.iter().map(|r| m(&side(r))).collect();
    stats::median(&v).unwrap_or(0.0)
}

fn evalx_side(r: &crate::suite::Round) -> Sample {
    r.evalx
}
fn cpython_side(r: &crate::suite::Round) -> Sample {
    r.cpython
}

/// Rounds as the report's tables print them: older results (one run each, before rounds were kept)
/// count as one round made of their only runs.
fn with_rounds(o: &Outcome) -> Outcome {
    let mut o = o.clone();
    if o.rounds.is_empty() {
        o.rounds.push(crate::suite::Round {
            evalx: o.evalx.sample(),
            cpython: o.cpython.sample(),
            evalx_first: false,
        });
    }
    o
}

/// The section from `results` (`None`: not measured).
pub fn render(results: Option<&Results>) -> Section {
    let title = "evalx on real programs (pyperformance)".to_string();
    let Some(results) = results else {
        let mut md = format!(
            "pyperformance {}'s benchmarks were not run in this run (`cargo xtask bench --only suite` measures them \
             alone; they need PyPI and CPython 3.11).\n\n| benchmark | evalx |\n|---|---|\n",
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
    let outcomes: Vec<Outcome> = results.outcomes.iter().map(with_rounds).collect();
    let own: Vec<Outcome> = results.own.iter().map(with_rounds).collect();
    let passed = outcomes.iter().filter(|o| o.passed).count();
    let rounds = results.rounds.max(1);
    let mut md = String::new();
    let _ = writeln!(
        md,
        "pyperformance {}'s pure-Python benchmarks, fetched from PyPI and run unchanged under evalx ({}) \
         and {} with evalx's own `pyperf` stand-in (each benchmark once per run, its digests of what it computed \
         compared line by line; CPython is `{}`). **{passed} of {} print what CPython prints.**\n\n\
         Measured in {rounds} paired round{}: in each round every program runs once under each interpreter, back to \
         back, the order alternating from program to program and from round to round. Each number is a whole \
         process, start-up included. The ratio is evalx/CPython **CPU time** (user + system of that process, from \
         `wait4`), the median of per-round ratios with its 95% bootstrap interval over rounds (from {} rounds); \
         CPU time is not charged for waiting for a core, which on a shared machine is most of the noise in wall \
         time (the wall-time ratio is shown beside it). Memory is the peak resident size (`VmHWM`, sampled every \
         5 ms, or the kernel's `ru_maxrss` where that is the program's own), its ratio per round likewise. \
         `cargo xtask bench --only suite` re-measures this section alone.\n",
        results.pyperformance,
        if results.evalx_build.is_empty() {
            crate::pgo::PLAIN_LABEL
        } else {
            &results.evalx_build
        },
        results.python,
        if results.python_exe.is_empty() {
            "python3"
        } else {
            results.python_exe.as_str()
        },
        outcomes.len(),
        if rounds == 1 { "" } else { "s" },
        stats::MIN_ROUNDS,
    );
    if outcomes.iter().any(|o| o.loops > 1) {
        let _ = writeln!(
            md,
            "A first round runs each program once and checks its output; a program whose CPython run took less than \
             {} s of CPU then runs in the timed rounds with the stand-in's `--loops N` (×N beside its name: its \
             benchmark body N times in one process, output checked again), so that its own work rather than \
             start-up and imports sets its ratio.\n",
            crate::suite::MIN_RUN_S
        );
    }
    md.push_str(
        "| benchmark | evalx | evalx CPU | CPython CPU | evalx/CPython CPU | speed | wall ratio | evalx memory | \
         CPython memory | memory ratio | first error |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut rows = Vec::new();
    let mut cpu_lists = Vec::new();
    let mut wall_lists = Vec::new();
    let mut program_limits = Vec::new();
    let mut memory_limits = Vec::new();
    let mut over_program = Vec::new();
    let mut over_memory = Vec::new();
    // CPython's start-up CPU time per run (from the start-up row), to mark programs it weighs on.
    let startup_s = own
        .iter()
        .find(|o| o.name == "startup" && o.passed)
        .and_then(|o| {
            let runs = crate::suite::OWN
                .iter()
                .find(|s| s.name == o.name)?
                .runs_per_round;
            Some(med(o, cpython_side, cpu) / f64::from(runs.max(1)))
        })
        .filter(|s| *s > 0.0);
    let mut startup_bound = Vec::new();
    for o in &outcomes {
        let status = match (o.passed, o.known_failing) {
            (true, _) => "passes",
            (false, true) => "fails (known)",
            (false, false) => "**fails**",
        };
        let (c, w, m) = if o.passed {
            (
                Ratio::of(&per_round(o, cpu)),
                Ratio::of(&per_round(o, wall)),
                Ratio::of(&per_round(o, rss)),
            )
        } else {
            (None, None, None)
        };
        if let Some(c) = &c {
            cpu_lists.push(per_round(o, cpu));
            wall_lists.push(per_round(o, wall));
            let j = at_most(c, MAX_PROGRAM);
            if not_met(j, c, MAX_PROGRAM) {
                over_program.push(format!("{} {}", o.name, c.text()));
            }
            program_limits.push(j);
        }
        if let Some(m) = &m {
            let j = at_most(m, MAX_MEMORY);
            if not_met(j, m, MAX_MEMORY) {
                over_memory.push(format!("{} {}", o.name, m.text()));
            }
            memory_limits.push(j);
        }
        let speed = c
            .as_ref()
            .and_then(|c| c.interval.as_ref())
            .map(|iv| format!("evalx {}", stats::verdict(iv)))
            .unwrap_or_else(|| "-".into());
        let reason = o
            .reason
            .as_deref()
            .map(|r| format!("`{}`", r.replace('|', "\\|").replace('`', "'")))
            .unwrap_or_default();
        let text = |r: &Option<Ratio>| r.as_ref().map_or("-".into(), Ratio::text);
        let cpython_cpu = med(o, cpython_side, cpu);
        let short = startup_s.is_some_and(|s| cpython_cpu > 0.0 && cpython_cpu < STARTUP_SHARE * s);
        if short {
            startup_bound.push(o.name.clone());
        }
        let _ = writeln!(
            md,
            "| {}{}{} | {status} | {} | {} | {} | {speed} | {} | {} | {} | {} | {reason} |",
            o.name,
            if o.loops > 1 {
                format!(" (×{})", o.loops)
            } else {
                String::new()
            },
            if short { " †" } else { "" },
            secs(med(o, evalx_side, cpu)),
            secs(med(o, cpython_side, cpu)),
            text(&c),
            w.as_ref()
                .map_or("-".into(), |w| format!("{:.2}x", w.median)),
            mib(med(o, evalx_side, rss)),
            mib(med(o, cpython_side, rss)),
            m.as_ref()
                .map_or("-".into(), |m| format!("{:.2}x", m.median)),
        );
        rows.push(json!({
            "benchmark": o.name,
            "passed": o.passed,
            "known_failing": o.known_failing,
            "reason": o.reason,
            "rounds": o.rounds.len(),
            "evalx_cpu_s": med(o, evalx_side, cpu),
            "cpython_cpu_s": med(o, cpython_side, cpu),
            "evalx_wall_s": med(o, evalx_side, wall),
            "cpython_wall_s": med(o, cpython_side, wall),
            "cpu_ratio": c.as_ref().map(|c| c.median),
            "cpu_ratio_interval": c.as_ref().and_then(|c| c.interval),
            "wall_ratio": w.as_ref().map(|w| w.median),
            "evalx_max_rss_kib": med(o, evalx_side, rss),
            "cpython_max_rss_kib": med(o, cpython_side, rss),
            "memory_ratio": m.as_ref().map(|m| m.median),
            "memory_ratio_interval": m.as_ref().and_then(|m| m.interval),
            "startup_weighs": short,
            "loops": o.loops,
        }));
    }
    let all_passed = passed == outcomes.len() && !outcomes.is_empty();
    let cpu_geo = geomean(&cpu_lists);
    let wall_geo = geomean(&wall_lists);
    if let Some(g) = &cpu_geo {
        let _ = writeln!(
            md,
            "| **geometric mean ({} programs)** | | | | **{}** | {} | {} | | | | |",
            cpu_lists.len(),
            g.text(),
            g.interval
                .as_ref()
                .map_or("-".into(), |iv| format!("evalx {}", stats::verdict(iv))),
            wall_geo
                .as_ref()
                .map_or("-".into(), |w| format!("{:.2}x", w.median)),
        );
    }
    md.push('\n');
    if let (Some(s), false) = (startup_s, startup_bound.is_empty()) {
        let _ = writeln!(
            md,
            "† CPython's run takes less than {STARTUP_SHARE:.0} times its start-up ({:.1} ms of CPU, the start-up row \
             below), so start-up and imports, where evalx is cheaper, weigh on its ratio: the program's own work \
             is a smaller part of these numbers ({} of {} programs).\n",
            s * 1e3,
            startup_bound.len(),
            outcomes.len()
        );
    }

    // evalx's own whole-process rows.
    let mut own_rows = Vec::new();
    let mut targets: Vec<(String, String, Judged)> = Vec::new();
    let mut verdicts = Vec::new();
    if !own.is_empty() {
        md.push_str(
            "evalx's own programs as whole processes, in the same rounds: the five programs of the evalx section in \
             their **script form** (loops at module level, repeated to run a few tenths of a second), a program that \
             **creates and abandons generators**, and **start-up** (`-c pass`, 10 runs of each interpreter per \
             round, summed).\n\n\
             | program | evalx | evalx CPU | CPython CPU | evalx/CPython CPU | target | verdict | evalx memory | CPython memory |\n\
             |---|---|---|---|---|---|---|---|---|\n",
        );
        let rest_geo = per_round_geomeans(&cpu_lists);
        for o in &own {
            let spec = crate::suite::OWN.iter().find(|s| s.name == o.name);
            let what = spec.map_or(o.name.as_str(), |s| s.what);
            let c = o.passed.then(|| Ratio::of(&per_round(o, cpu))).flatten();
            let (target, judged) = match (spec.map(|s| s.kind), &c) {
                (Some(OwnKind::Script), Some(c)) => (
                    format!("at most {MAX_SCRIPT:.2}x (issue 25's script-form ratios)"),
                    Some(at_most(c, MAX_SCRIPT)),
                ),
                (Some(OwnKind::Startup), Some(c)) => {
                    ("at most CPython's".to_string(), Some(at_most(c, 1.0)))
                }
                (Some(OwnKind::AbandonedGenerators), Some(_)) if all_passed => {
                    // Per round: this program's ratio over the suite's geometric mean in the same round.
                    let rel = Ratio::of(&divided(&per_round(o, cpu), &rest_geo));
                    let judged = rel.as_ref().map(|r| at_most(r, 1.0));
                    (
                        format!(
                            "at most the suite's ratio (this program's ratio over the suite's geometric mean in the same round: {})",
                            rel.as_ref().map_or("-".into(), Ratio::text)
                        ),
                        judged,
                    )
                }
                (Some(OwnKind::AbandonedGenerators), Some(_)) => (
                    "at most the suite's ratio (not judged: not every suite program passes)".into(),
                    None,
                ),
                _ => ("-".into(), None),
            };
            let status = if o.passed {
                "passes".to_string()
            } else {
                format!(
                    "**fails**: `{}`",
                    o.reason.as_deref().unwrap_or("?").replace('|', "\\|")
                )
            };
            let verdict = judged.map_or("-".into(), |j| j.to_string());
            let _ = writeln!(
                md,
                "| {what} | {status} | {} | {} | {} | {target} | {verdict} | {} | {} |",
                secs(med(o, evalx_side, cpu)),
                secs(med(o, cpython_side, cpu)),
                c.as_ref().map_or("-".into(), Ratio::text),
                mib(med(o, evalx_side, rss)),
                mib(med(o, cpython_side, rss)),
            );
            if let Some(j) = judged {
                targets.push((
                    format!("{what}: {target}"),
                    c.as_ref().map_or("-".into(), Ratio::text),
                    j,
                ));
            }
            own_rows.push(json!({
                "program": o.name,
                "passed": o.passed,
                "reason": o.reason,
                "rounds": o.rounds.len(),
                "evalx_cpu_s": med(o, evalx_side, cpu),
                "cpython_cpu_s": med(o, cpython_side, cpu),
                "cpu_ratio": c.as_ref().map(|c| c.median),
                "cpu_ratio_interval": c.as_ref().and_then(|c| c.interval),
                "target": target,
                "verdict": judged.map(|j| j.to_string()),
                "evalx_max_rss_kib": med(o, evalx_side, rss),
                "cpython_max_rss_kib": med(o, cpython_side, rss),
            }));
        }
        md.push('\n');
    }

    // The targets, judged.
    let mut judged_targets = Vec::new();
    if let Some(g) = &cpu_geo {
        let j = if all_passed {
            at_most(g, MAX_GEOMEAN)
        } else {
            Judged::Target(stats::Target::Missed)
        };
        judged_targets.push((
            format!(
                "geometric mean of evalx/CPython CPU time over the suite at most {MAX_GEOMEAN:.1}{}",
                if all_passed {
                    String::new()
                } else {
                    format!(" (only {passed} of {} programs pass)", outcomes.len())
                }
            ),
            g.text(),
            j,
        ));
        verdicts.push(format!(
            "on pyperformance's {} programs evalx takes {} CPython's CPU time (geometric mean of paired rounds; target at most {MAX_GEOMEAN:.1}: {j})",
            cpu_lists.len(),
            g.text()
        ));
    }
    if !program_limits.is_empty() {
        let j = all_of(&program_limits);
        let which = match (j, over_program.is_empty()) {
            (Judged::TooFewRounds(_), true) => "no program's point above it".to_string(),
            (Judged::TooFewRounds(_), false) => {
                format!("points above it: {}", over_program.join(", "))
            }
            (_, true) => "every program met".to_string(),
            (_, false) => format!("not met on: {}", over_program.join(", ")),
        };
        judged_targets.push((
            format!("no program above {MAX_PROGRAM:.1}x CPython's CPU time"),
            which.clone(),
            j,
        ));
        verdicts.push(format!(
            "no pyperformance program above {MAX_PROGRAM:.1}x CPython's time: {j} ({which})"
        ));
    }
    if !memory_limits.is_empty() {
        let j = all_of(&memory_limits);
        let which = match (j, over_memory.is_empty()) {
            (Judged::TooFewRounds(_), true) => "no program's point above it".to_string(),
            (Judged::TooFewRounds(_), false) => {
                format!("points above it: {}", over_memory.join(", "))
            }
            (_, true) => "every program met".to_string(),
            (_, false) => format!("not met on: {}", over_memory.join(", ")),
        };
        judged_targets.push((
            format!("no program's peak memory above {MAX_MEMORY:.1}x CPython's"),
            which.clone(),
            j,
        ));
        verdicts.push(format!(
            "no pyperformance program's peak memory above {MAX_MEMORY:.1}x CPython's: {j} ({which})"
        ));
    }
    for (what, measured, j) in &targets {
        verdicts.push(format!("{what}: {measured}, {j}"));
    }
    judged_targets.extend(targets);
    if !judged_targets.is_empty() {
        md.push_str("| target | measured | verdict |\n|---|---|---|\n");
        for (what, measured, j) in &judged_targets {
            let _ = writeln!(md, "| {what} | {measured} | {j} |");
        }
        md.push('\n');
    }
    let targets_json: Vec<Value> = judged_targets
        .iter()
        .map(|(what, measured, j)| json!({"target": what, "measured": measured, "verdict": j.to_string()}))
        .collect();
    Section {
        title,
        markdown: md,
        json: json!({
            "pyperformance": results.pyperformance,
            "python": results.python,
            "python_exe": results.python_exe,
            "passed": passed,
            "rounds": rounds,
            "benchmarks": rows,
            "geomean_cpu_ratio": cpu_geo.as_ref().map(|g| g.median),
            "geomean_cpu_ratio_interval": cpu_geo.as_ref().and_then(|g| g.interval),
            "geomean_wall_ratio": wall_geo.as_ref().map(|g| g.median),
            "own": own_rows,
            "targets": targets_json,
            "verdicts": verdicts,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suite::{Round, Run};

    fn run(cpu: f64, rss: i64) -> Run {
        Run {
            status: Some(0),
            timed_out: false,
            stdout: String::new(),
            stderr_tail: String::new(),
            wall_s: cpu * 1.5,
            cpu_s: cpu,
            max_rss_kib: rss,
        }
    }

    fn outcome(name: &str, evalx: &[f64], cpython: &[f64], rss: (i64, i64)) -> Outcome {
        let rounds: Vec<Round> = evalx
            .iter()
            .zip(cpython)
            .enumerate()
            .map(|(i, (e, c))| Round {
                evalx: run(*e, rss.0).sample(),
                cpython: run(*c, rss.1).sample(),
                evalx_first: crate::suite::evalx_first(i, 0),
            })
            .collect();
        Outcome {
            name: name.into(),
            passed: true,
            reason: None,
            known_failing: false,
            evalx: run(evalx[0], rss.0),
            cpython: run(cpython[0], rss.1),
            rounds,
            loops: 1,
        }
    }

    fn ratio(median: f64, lo: f64, hi: f64) -> Ratio {
        Ratio {
            median,
            interval: Some(stats::Interval {
                median,
                lo,
                hi,
                n: 5,
            }),
            rounds: 5,
        }
    }

    #[test]
    fn targets_are_judged_on_the_interval() {
        use stats::Target::*;
        assert_eq!(at_most(&ratio(0.9, 0.8, 0.95), 1.0), Judged::Target(Met));
        assert_eq!(at_most(&ratio(1.2, 1.1, 1.3), 1.0), Judged::Target(Missed));
        assert_eq!(
            at_most(&ratio(1.0, 0.9, 1.1), 1.0),
            Judged::Target(CannotTell)
        );
        let few = Ratio::of(&[0.5, 0.6]).expect("two rounds");
        assert_eq!(few.median, 0.55);
        assert_eq!(few.interval, None);
        assert_eq!(at_most(&few, 1.0), Judged::TooFewRounds(2));
        assert_eq!(
            Judged::TooFewRounds(1).to_string(),
            "not judged (1 round; an interval needs 3)"
        );
    }

    #[test]
    fn one_target_over_many_programs() {
        use stats::Target::*;
        let (met, missed, tell) = (
            Judged::Target(Met),
            Judged::Target(Missed),
            Judged::Target(CannotTell),
        );
        assert_eq!(all_of(&[met, met]), met);
        assert_eq!(all_of(&[met, tell]), tell);
        assert_eq!(all_of(&[tell, missed, met]), missed);
        assert_eq!(
            all_of(&[met, Judged::TooFewRounds(1)]),
            Judged::TooFewRounds(1)
        );
    }

    #[test]
    fn ratios_are_per_round_and_rounds_pair_up() {
        let o = outcome("a", &[2.0, 3.0, 4.0], &[1.0, 2.0, 4.0], (10, 20));
        assert_eq!(per_round(&o, cpu), vec![2.0, 1.5, 1.0]);
        assert_eq!(per_round(&o, rss), vec![0.5, 0.5, 0.5]);
        let r = Ratio::of(&per_round(&o, cpu)).expect("ratios");
        assert_eq!(r.median, 1.5);
        let iv = r.interval.expect("three rounds give an interval");
        assert!(iv.lo <= 1.5 && 1.5 <= iv.hi && iv.lo >= 1.0 && iv.hi <= 2.0);
        // The order alternates from round to round and from program to program.
        assert!(!crate::suite::evalx_first(0, 0) && crate::suite::evalx_first(1, 0));
        assert!(crate::suite::evalx_first(0, 1) && !crate::suite::evalx_first(1, 1));
    }

    #[test]
    fn geometric_means_overall_and_per_round() {
        let lists = vec![vec![2.0, 2.0, 2.0], vec![0.5, 0.5, 8.0]];
        let g = geomean(&lists).expect("both have rounds");
        assert!((g.median - 1.0).abs() < 1e-12, "{}", g.median);
        assert!(g.interval.is_some());
        let per = per_round_geomeans(&lists);
        assert_eq!(per.len(), 3);
        assert!((per[0] - 1.0).abs() < 1e-12 && (per[2] - 4.0).abs() < 1e-12);
        assert_eq!(divided(&[2.0, 3.0], &[1.0, 0.0]), vec![2.0]);
        assert_eq!(geomean(&[]), None);
        assert_eq!(geomean(&[vec![1.0], vec![]]), None);
    }

    #[test]
    fn the_section_judges_every_target() {
        let faster = [0.5, 0.52, 0.48, 0.5, 0.51];
        let cpython = [1.0; 5];
        let results = Results {
            pyperformance: "1.14.0".into(),
            python: "Python 3.11.2".into(),
            python_exe: "/usr/bin/python3".into(),
            outcomes: vec![
                outcome("fast", &faster, &cpython, (100, 100)),
                outcome("slow", &[2.0, 2.1, 1.9, 2.0, 2.05], &cpython, (400, 100)),
            ],
            rounds: 5,
            own: vec![
                outcome("loop_script", &faster, &cpython, (10, 10)),
                outcome("abandoned_generators", &faster, &cpython, (10, 10)),
                outcome("startup", &[4.0; 5], &[2.0; 5], (10, 10)),
            ],
            evalx_build: crate::pgo::LABEL.into(),
        };
        let s = render(Some(&results));
        let targets = s.json["targets"].as_array().expect("targets");
        let verdict = |prefix: &str| {
            targets
                .iter()
                .find(|t| t["target"].as_str().is_some_and(|w| w.starts_with(prefix)))
                .map(|t| t["verdict"].as_str().unwrap_or("").to_string())
                .unwrap_or_else(|| panic!("no target {prefix}: {targets:?}"))
        };
        // Geometric mean of 0.5 and 2.0 is 1.0, which the interval straddles.
        assert_eq!(verdict("geometric mean"), "cannot tell at this noise");
        assert_eq!(verdict("no program above"), "MISSED");
        assert_eq!(verdict("no program's peak memory"), "MISSED");
        assert_eq!(verdict("numeric loop"), "met");
        // 0.5 against the suite's per-round geometric mean of about 1.0.
        assert_eq!(verdict("generators created"), "met");
        assert_eq!(verdict("start-up"), "MISSED");
        assert!(s.markdown.contains("slow 2.00x"), "{}", s.markdown);
        // The build that ran is named.
        assert!(s.markdown.contains(crate::pgo::LABEL), "{}", s.markdown);
        // CPython's start-up is 0.2 s a run (2.0 s for 10 runs), its programs 1.0 s: both marked.
        assert!(s.markdown.contains("| fast † |"), "{}", s.markdown);
        assert!(s.markdown.contains("(2 of 2 programs)"), "{}", s.markdown);
        assert_eq!(s.json["verdicts"].as_array().map(Vec::len), Some(6));
    }

    #[test]
    fn results_from_before_rounds_still_render() {
        let old = r#"{"pyperformance":"1.14.0","python":"Python 3.11.2","outcomes":[{"name":"nbody",
            "passed":true,"reason":null,"known_failing":false,
            "evalx":{"status":0,"timed_out":false,"stdout":"","stderr_tail":"","wall_s":0.2,"max_rss_kib":9000},
            "cpython":{"status":0,"timed_out":false,"stdout":"","stderr_tail":"","wall_s":0.25,"max_rss_kib":10000}}]}"#;
        let results: Results = serde_json::from_str(old).expect("old results load");
        assert_eq!(results.rounds, 1);
        let s = render(Some(&results));
        assert!(s.markdown.contains("| nbody | passes |"), "{}", s.markdown);
        assert!(s.markdown.contains("not judged (1 round"), "{}", s.markdown);
    }
}
