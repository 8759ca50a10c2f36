//! evalx's real-program suite: pyperformance's pure-Python benchmarks, fetched from PyPI and run unchanged.
//!
//! The benchmark files belong to their authors and are never copied into this repository: the pinned wheel
//! (`pyperformance==1.14.0`) is downloaded with `pip download` into `<target>/pyperformance/`, checked
//! against its SHA-256, and its `data-files/benchmarks/` unpacked there. Each benchmark's `run_benchmark.py`
//! then runs as it is, under evalx (the release build of the `evalx` binary, with the folder of evalx's own
//! `pyperf` stand-in, `crates/evalx/suite/pyperf.py`, granted as a module path) and under CPython 3.11
//! (with the same stand-in first on `PYTHONPATH`), each in its benchmark's folder; a benchmark passes when
//! evalx exits cleanly and prints exactly what CPython prints (the stand-in's digests of what the benchmark
//! computed).
//!
//! Measuring (for the report, `cargo xtask bench`): the suite runs in rounds; in each round every program
//! runs once under each interpreter, back to back, the order alternating from program to program and from
//! round to round (so each program's rounds go evalx-first, CPython-first, ...), and the rounds run one after
//! the other so that a burst of load on the shared machine hits one round, not one program. Each run's CPU
//! time (user + system of that child alone, from `wait4`'s rusage) is the number the report compares: a
//! process that waits for a core while other processes run is not charged for the wait, where its wall time
//! is. Wall time and peak resident size are recorded beside it. The report takes per-round ratios
//! evalx/CPython and their median with a bootstrap interval (`report::suite`).
//!
//! Beside pyperformance, [`OWN`] holds evalx's own whole-process rows, measured in the same rounds: the five
//! benchmark programs of `benches/benches/evalx.rs` in their module-level script form, a program that
//! creates and abandons many generators, and start-up (`evalx -c pass` against `python3 -c pass`).
//!
//! `cargo xtask test` runs the whole suite once (`check`: a correctness check, no timing verdicts): a
//! benchmark not in [`KNOWN_FAILING`] that fails, or one in it that passes, fails the step; when PyPI
//! cannot be reached the step says so and fails. `cargo xtask suite` runs it alone (`--only NAME` for some,
//! `--rounds N` to time it); `cargo xtask bench` (or `cargo xtask bench --only suite`, the suite alone)
//! records it for the report's evalx-suite section (`report::suite`).

use crate::util::{cargo, root, run_step, target_dir};
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The pinned pyperformance release.
pub const VERSION: &str = "1.14.0";
const WHEEL: &str = "pyperformance-1.14.0-py3-none-any.whl";
/// SHA-256 of the wheel PyPI serves for 1.14.0 (as `pip download` fetched it).
const WHEEL_SHA256: &str = "94068ac2935b6952ccb5e8a302eb9cebc26e82454494bef6e53822738adf0049";
/// Where the benchmarks live inside the wheel.
const BENCH_PREFIX: &str = "pyperformance/data-files/benchmarks/";

/// The suite: every pyperformance benchmark that needs only the language and the standard-library modules
/// evalx provides or is adding (issue 24's list). Each runs with its default arguments.
///
/// Left out, because they need what a sandboxed interpreter does not offer or a third-party package:
/// processes or sockets (2to3, python_startup, hg_startup, concurrent_imap, asyncio_*, async_tree*,
/// tornado_http, dask), files on disk (bpe_tokeniser, pathlib, pyflate, telco, xml_etree, sqlite_synth),
/// the garbage collector (gc_collect, gc_traversal), modules outside issue 24's list (argparse, pickle,
/// fractions in mdp), and every benchmark with a `requirements.txt` (chameleon, django_template, genshi,
/// sympy, ...).
pub const BENCHMARKS: &[&str] = &[
    "async_generators",
    "barnes_hut",
    "base64",
    "chaos",
    "comprehensions",
    "coroutines",
    "decimal_factorial",
    "decimal_pi",
    "deepcopy",
    "deltablue",
    "fannkuch",
    "float",
    "generators",
    "go",
    "hexiom",
    "json_dumps",
    "json_loads",
    "logging",
    "meteor_contest",
    "nbody",
    "nqueens",
    "pidigits",
    "pprint",
    "raytrace",
    "regex_compile",
    "regex_dna",
    "regex_effbot",
    "regex_v8",
    "richards",
    "richards_super",
    "scimark",
    "spectral_norm",
    "typing_runtime_protocols",
    "unpack_sequence",
];

/// The benchmarks that do not pass under evalx yet, each with what stops it (none since `re`'s flags became
/// `RegexFlag` ints and `memoryview` plus structural runtime-checkable Protocols landed: all 34 pass).
/// This is the one list to shrink: a benchmark here that passes fails the step, so that the list never
/// hides a program that works; one missing here that fails fails the step too.
pub const KNOWN_FAILING: &[(&str, &str)] = &[];

/// What one benchmark did under one interpreter.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Run {
    /// The exit status (`None`: killed, e.g. after the time limit).
    pub status: Option<i32>,
    pub timed_out: bool,
    pub stdout: String,
    /// The last lines of stderr (a traceback's exception line is the last).
    pub stderr_tail: String,
    pub wall_s: f64,
    /// CPU time of the process, user + system, in seconds (`wait4`'s rusage of this child alone).
    #[serde(default)]
    pub cpu_s: f64,
    /// Peak resident set size in KiB (see [`timed`]; 0 when it could not be measured).
    pub max_rss_kib: i64,
}

impl Run {
    /// What the paired rounds compare.
    pub fn sample(&self) -> Sample {
        Sample {
            cpu_s: self.cpu_s,
            wall_s: self.wall_s,
            max_rss_kib: self.max_rss_kib,
        }
    }

    fn ok(&self) -> bool {
        self.status == Some(0) && !self.timed_out
    }

    /// The first line that says what went wrong: the exception line of a traceback, else the last line.
    fn error_line(&self) -> String {
        if self.timed_out {
            return format!("timed out after {:.0} s", self.wall_s);
        }
        let lines: Vec<&str> = self
            .stderr_tail
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let exc = lines
            .iter()
            .rev()
            .find(|l| !l.starts_with(' ') && !l.starts_with("Traceback"));
        match exc.or(lines.last()) {
            Some(l) => l.trim().to_string(),
            None => format!("exit status {:?} with nothing on stderr", self.status),
        }
    }
}

/// One benchmark's verdict.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub name: String,
    pub passed: bool,
    /// Why it failed (evalx's error line, or where its output first differs).
    pub reason: Option<String>,
    pub known_failing: bool,
    /// The first round's runs (their output is what was compared).
    pub evalx: Run,
    pub cpython: Run,
    /// Every round's measurements, the first included (fewer than asked when evalx failed: a failing
    /// program is not run again).
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// The stand-in's `--loops` in the timed rounds (the first run, and `cargo xtask test`'s, use 1).
    #[serde(default = "one_u32")]
    pub loops: u32,
}

/// One run's measurements, as the paired rounds compare them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// User + system CPU time of the process, seconds (the report's primary number).
    pub cpu_s: f64,
    pub wall_s: f64,
    /// Peak resident set size, KiB (0: not measured).
    pub max_rss_kib: i64,
}

/// One program in one round: both interpreters, back to back.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Round {
    pub evalx: Sample,
    pub cpython: Sample,
    /// Whether evalx ran first in this round.
    pub evalx_first: bool,
}

/// What a whole run recorded (saved as JSON for the report).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Results {
    pub pyperformance: String,
    pub python: String,
    /// The CPython executable that ran (Debian's `/usr/bin/python3` where present).
    #[serde(default)]
    pub python_exe: String,
    pub outcomes: Vec<Outcome>,
    /// The rounds asked for (each outcome says how many it ran).
    #[serde(default = "one")]
    pub rounds: usize,
    /// evalx's own whole-process rows ([`OWN`]), measured in the same rounds.
    #[serde(default)]
    pub own: Vec<Outcome>,
    /// How the evalx that ran was built ([`crate::pgo::LABEL`] or [`crate::pgo::PLAIN_LABEL`]; empty in
    /// results recorded before the report named it: the plain release build).
    #[serde(default)]
    pub evalx_build: String,
}

fn one() -> usize {
    1
}

fn one_u32() -> u32 {
    1
}

/// The least CPU time CPython's run of a pyperformance program should take in the timed rounds: shorter
/// programs run with `--loops N`, so that start-up and imports (where evalx is much cheaper) do not
/// decide their ratio.
pub const MIN_RUN_S: f64 = 0.3;
/// The most loops a program is given (a benchmark body of a fraction of a millisecond).
const MAX_LOOPS: u32 = 400;
/// The loops of the calibration's second CPython run, which tells a program's start-up and imports
/// from its body (a process that is mostly start-up needs far more loops than its total time says).
const PROBE_LOOPS: u32 = 4;

/// The `--loops` for a program whose CPython run took `one_s` of CPU with one loop and `probe_s` with
/// [`PROBE_LOOPS`]: enough loops that the run takes [`MIN_RUN_S`], at the body's cost per loop (the
/// difference of the two runs; at least 0.1 ms, so noise cannot ask for unbounded loops).
pub fn loops_for(one_s: f64, probe_s: f64) -> u32 {
    if !one_s.is_finite() || !probe_s.is_finite() || one_s <= 0.0 || one_s >= MIN_RUN_S {
        return 1;
    }
    let per_loop = ((probe_s - one_s) / f64::from(PROBE_LOOPS - 1)).max(1e-4);
    (1 + ((MIN_RUN_S - one_s) / per_loop).ceil() as u32).clamp(1, MAX_LOOPS)
}

/// What one of evalx's own whole-process rows measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnKind {
    /// One of the five benchmark programs with its loops at module level.
    Script,
    /// A program that creates and abandons many generators.
    AbandonedGenerators,
    /// The interpreter's start-up: `-c pass`.
    Startup,
}

/// One of evalx's own whole-process rows.
#[derive(Debug, Clone, Copy)]
pub struct Own {
    pub name: &'static str,
    pub what: &'static str,
    pub kind: OwnKind,
    /// The program (`REPS` in it is replaced by [`Own::reps`], or 1 in a smoke run); empty for start-up,
    /// which runs `-c pass`.
    pub source: &'static str,
    /// The repetitions that make a full run's program take about 0.2-0.5 s of CPython's CPU time, so that
    /// start-up is a small part of it.
    pub reps: u32,
    /// Runs of each interpreter per round (their times are summed): start-up is a few milliseconds.
    pub runs_per_round: u32,
}

/// evalx's own whole-process rows: the five programs of `benches/benches/evalx.rs` (function form there,
/// timed in-process) in script form, with their loops at module level (globals, not frame slots); a
/// program that abandons generators in the ways real code does; and start-up.
pub const OWN: &[Own] = &[
    Own {
        name: "loop_script",
        what: "numeric loop `s += i * i` at module level",
        kind: OwnKind::Script,
        source: "total = 0\nfor rep in range(REPS):\n    s = 0\n    for i in range(1000000):\n        s += i * i\n    total += s\nprint(total)\n",
        reps: 4,
        runs_per_round: 1,
    },
    Own {
        name: "fib_script",
        what: "recursive `fib(25)` called from module level",
        kind: OwnKind::Script,
        source: "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\ntotal = 0\nfor rep in range(REPS):\n    total += fib(25)\nprint(total)\n",
        reps: 16,
        runs_per_round: 1,
    },
    Own {
        name: "dict_str_script",
        what: "word counting with `upper`, `str`, `dict.get`, `sorted` at module level",
        kind: OwnKind::Script,
        source: "WORDS = ('alpha beta gamma delta epsilon zeta eta theta iota kappa ' * 20).split()\ncounts = {}\nfor rep in range(100 * REPS):\n    for w in WORDS:\n        key = w.upper() + str(len(w))\n        counts[key] = counts.get(key, 0) + 1\nprint(sorted(counts.items())[:3])\n",
        reps: 40,
        runs_per_round: 1,
    },
    Own {
        name: "objects_script",
        what: "`Vec` constructions, `add` and `dot` at module level",
        kind: OwnKind::Script,
        source: "class Vec:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n    def add(self, other):\n        return Vec(self.x + other.x, self.y + other.y)\n    def dot(self, other):\n        return self.x * other.x + self.y * other.y\n\nacc = Vec(0, 0)\ntotal = 0\nfor i in range(50000 * REPS):\n    v = Vec(i, i + 1)\n    acc = acc.add(v)\n    total += acc.dot(v) % 7\nprint(total)\n",
        reps: 8,
        runs_per_round: 1,
    },
    Own {
        name: "comp_sort_script",
        what: "list comprehensions + `sort` over 50k ints at module level",
        kind: OwnKind::Script,
        source: "for rep in range(REPS):\n    data = [(i * 7919) % 10007 for i in range(50000)]\n    sq = [x * x for x in data if x % 3]\n    sq.sort()\nprint(sum(sq[:10]), len(sq))\n",
        reps: 20,
        runs_per_round: 1,
    },
    Own {
        name: "abandoned_generators",
        what: "generators created and dropped unfinished: `any(genexpr)` stopping early, a generator expression advanced once, generator functions (one with `try`/`finally`) dropped while suspended",
        kind: OwnKind::AbandonedGenerators,
        source: "def count(n):\n    for k in range(n):\n        yield k\n\ndef guarded(n):\n    try:\n        for k in range(n):\n            yield k * 2\n    finally:\n        pass\n\ndef main(reps):\n    data = list(range(40))\n    hits = 0\n    for i in range(20000 * reps):\n        if any(x > 10 for x in data):\n            hits += 1\n        g = (x * i for x in data)\n        hits += next(g)\n        c = count(100)\n        hits += next(c) + next(c)\n        t = guarded(100)\n        hits += next(t)\n    return hits\n\nprint(main(REPS))\n",
        reps: 8,
        runs_per_round: 1,
    },
    Own {
        name: "startup",
        what: "start-up: `evalx -c pass` against `python3 -c pass` (10 runs of each per round)",
        kind: OwnKind::Startup,
        source: "",
        reps: 1,
        runs_per_round: 10,
    },
];

#[derive(Debug, clap::Args)]
pub struct SuiteArgs {
    /// Run only these benchmarks (repeatable).
    #[arg(long)]
    pub only: Vec<String>,
    /// Use the evalx binary already built instead of building it.
    #[arg(long)]
    pub no_build: bool,
    /// Run the profile-guided evalx the report measures (built first: two release builds and a training
    /// run; see `xtask/src/pgo.rs`) instead of the plain release build.
    #[arg(long, conflicts_with = "no_build")]
    pub pgo: bool,
    /// Rounds to run (each program under both interpreters per round, the order alternating); more than
    /// one first runs a calibration round (short programs then run with `--loops N`, as in the report) and
    /// prints each program's median CPU-time ratio. `cargo xtask bench --only suite` measures the
    /// suite for the report.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub rounds: u32,
    /// Also run evalx's own whole-process rows (script forms, abandoned generators, start-up).
    #[arg(long)]
    pub own: bool,
}

/// `cargo xtask suite`: build evalx, run the suite (or `--only` part of it) and check the verdicts.
pub fn run(args: &SuiteArgs) -> Result<()> {
    let (evalx, evalx_build) = if args.pgo {
        (crate::pgo::build()?, crate::pgo::LABEL)
    } else {
        if !args.no_build {
            build_evalx()?;
        }
        (evalx_binary(), crate::pgo::PLAIN_LABEL)
    };
    let names: Vec<&str> = if args.only.is_empty() {
        BENCHMARKS.to_vec()
    } else {
        for n in &args.only {
            if !BENCHMARKS.contains(&n.as_str()) {
                bail!("{n} is not in the suite; it has: {}", BENCHMARKS.join(", "));
            }
        }
        args.only.iter().map(String::as_str).collect()
    };
    let results = run_suite(&Plan {
        evalx,
        evalx_build,
        names: &names,
        own: if args.own { OWN } else { &[] },
        own_scale_full: true,
        rounds: args.rounds as usize,
        // Timing (more than one round): short programs get `--loops`, as in the report.
        calibrate: args.rounds > 1,
    })?;
    save(&results, &target_dir().join("pyperformance/results.json"))?;
    verdict(&results)
}

/// The test step: the whole suite, once, every verdict checked (a correctness check: one run of each
/// program, no timing verdicts).
pub fn check() -> Result<()> {
    run(&SuiteArgs {
        only: Vec::new(),
        no_build: false,
        pgo: false,
        rounds: 1,
        own: false,
    })
}

/// For `cargo xtask bench`: runs the suite and evalx's own whole-process rows in `rounds` rounds and saves
/// the results as `out` for the report (a smoke run: two quick benchmarks, the own programs at their
/// smallest). Failures of benchmarks are recorded, not raised; a suite that cannot run at all (no PyPI,
/// no CPython) is an error the bench reports.
pub fn record(smoke: bool, rounds: usize, out: &Path) -> Result<()> {
    // The measured evalx is profile-guided, as the CPython it is compared with is (a smoke run checks the
    // plumbing with the plain build); where the profile-guided build cannot be made, the plain one, named so.
    let (evalx, evalx_build) = if smoke {
        build_evalx()?;
        (evalx_binary(), crate::pgo::PLAIN_LABEL)
    } else {
        match crate::pgo::build() {
            Ok(exe) => (exe, crate::pgo::LABEL),
            Err(err) => {
                eprintln!(
                    "==> the profile-guided evalx could not be built ({err:#}); the suite measures the plain \
                     release build, and the report says so"
                );
                build_evalx()?;
                (evalx_binary(), crate::pgo::PLAIN_LABEL)
            }
        }
    };
    let names: &[&str] = if smoke {
        &["nqueens", "richards"]
    } else {
        BENCHMARKS
    };
    let results = run_suite(&Plan {
        evalx,
        evalx_build,
        names,
        own: OWN,
        own_scale_full: !smoke,
        rounds,
        calibrate: !smoke,
    })?;
    save(&results, out)
}

/// What one call of [`run_suite`] runs.
struct Plan<'a> {
    /// The evalx binary to run, and how it was built (for the report).
    evalx: PathBuf,
    evalx_build: &'static str,
    names: &'a [&'a str],
    own: &'a [Own],
    /// The own programs at their full repetitions (else one repetition: a smoke run).
    own_scale_full: bool,
    rounds: usize,
    /// Run a calibration round first (one run each, also checking the output) and time the rounds with
    /// `--loops N` chosen from it (see [`loops_for`]).
    calibrate: bool,
}

fn save(results: &Results, path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, serde_json::to_string_pretty(results)?)
        .with_context(|| format!("could not write {}", path.display()))
}

fn build_evalx() -> Result<()> {
    run_step(
        "building evalx for the pyperformance suite (cargo build --release -p evalx --bin evalx)",
        cargo().args(["build", "--release", "-p", "evalx", "--bin", "evalx"]),
    )
}

fn evalx_binary() -> PathBuf {
    target_dir().join("release/evalx")
}

/// The folder holding evalx's `pyperf` stand-in.
pub fn standin_dir() -> PathBuf {
    root().join("crates/evalx/suite")
}

/// The CPython the suite compares with: Debian's `/usr/bin/python3` when present (the build the report's
/// other CPython numbers use), else `python3` from `PATH`; it must be 3.11.
fn python() -> Result<(PathBuf, String)> {
    let exe = crate::bench::python().context(
        "the pyperformance suite needs CPython 3.11 (`python3`), which is not installed",
    )?;
    let out = Command::new(&exe)
        .arg("--version")
        .output()
        .with_context(|| format!("could not run {}", exe.display()))?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !version.starts_with("Python 3.11") {
        bail!(
            "the pyperformance suite compares with CPython 3.11, but {} is {version:?}",
            exe.display()
        );
    }
    Ok((exe, version))
}

/// How to run one program under both interpreters.
struct Job {
    name: String,
    dir: PathBuf,
    /// The arguments after the interpreter (the same for both, after evalx's `--path` for the stand-in).
    args: Vec<String>,
    /// `--loops N` for the stand-in (1: not passed).
    loops: u32,
    /// Whether the stand-in's folder is granted (pyperformance) or not (own programs).
    standin: bool,
    runs_per_round: u32,
}

/// Which interpreter runs first for program `index` in round `round`: alternating from program to program
/// and from round to round, so that each program's rounds alternate and each round has both orders.
pub fn evalx_first(round: usize, index: usize) -> bool {
    (round + index) % 2 == 1
}

/// Runs the plan's programs under both interpreters in `rounds` rounds and judges each.
fn run_suite(plan: &Plan<'_>) -> Result<Results> {
    let (python, version) = python()?;
    let benchmarks = fetch(&python)?;
    let evalx = plan.evalx.clone();
    if !evalx.is_file() {
        bail!(
            "{} is missing: build it with `cargo build --release -p evalx --bin evalx`",
            evalx.display()
        );
    }
    let logs = target_dir().join("pyperformance/runs");
    std::fs::create_dir_all(&logs)?;
    let standin = standin_dir();
    let mut jobs = Vec::new();
    for name in plan.names {
        let dir = benchmarks.join(format!("bm_{name}"));
        if !dir.join("run_benchmark.py").is_file() {
            bail!(
                "pyperformance {VERSION} has no {}/run_benchmark.py",
                dir.display()
            );
        }
        jobs.push(Job {
            name: name.to_string(),
            dir,
            args: vec!["run_benchmark.py".into()],
            loops: 1,
            standin: true,
            runs_per_round: 1,
        });
    }
    let own_dir = target_dir().join("pyperformance/own");
    std::fs::create_dir_all(&own_dir)?;
    for own in plan.own {
        let args = if own.kind == OwnKind::Startup {
            vec!["-c".into(), "pass".into()]
        } else {
            let reps = if plan.own_scale_full { own.reps } else { 1 };
            let file = format!("{}.py", own.name);
            std::fs::write(
                own_dir.join(&file),
                own.source.replace("REPS", &reps.to_string()),
            )
            .with_context(|| format!("could not write {}", own_dir.join(&file).display()))?;
            vec![file]
        };
        jobs.push(Job {
            name: own.name.to_string(),
            dir: own_dir.clone(),
            args,
            loops: 1,
            standin: false,
            runs_per_round: own.runs_per_round,
        });
    }
    let rounds = plan.rounds.max(1);
    eprintln!(
        "\n==> running {} pyperformance {VERSION} benchmarks{} under evalx and {version}, {rounds} round(s), \
         the order alternating (logs in {})",
        plan.names.len(),
        if plan.own.is_empty() {
            String::new()
        } else {
            format!(" and {} of evalx's own programs", plan.own.len())
        },
        logs.display()
    );
    // Per job: the first round's runs, every timed round's samples, the output the timed rounds must
    // print (CPython's, at their `--loops`), and why evalx failed (then it runs no more).
    let mut firsts: Vec<Option<(Run, Run)>> = vec![None; jobs.len()];
    let mut samples: Vec<Vec<Round>> = vec![Vec::new(); jobs.len()];
    let mut expected: Vec<Option<String>> = vec![None; jobs.len()];
    let mut reasons: Vec<Option<String>> = vec![None; jobs.len()];
    let total = rounds + usize::from(plan.calibrate);
    for round in 0..total {
        let calibrating = plan.calibrate && round == 0;
        if calibrating {
            eprintln!(
                "    calibration round: each program once (its output checked); the timed rounds run the \
                 pyperformance programs with --loops N so that CPython's run takes at least {MIN_RUN_S} s"
            );
        } else if total > 1 {
            eprintln!(
                "    round {} of {rounds}",
                round + 1 - usize::from(plan.calibrate)
            );
        }
        for index in 0..jobs.len() {
            if reasons[index].is_some() {
                continue;
            }
            let job = &jobs[index];
            let evalx_first = evalx_first(round, index);
            let (mut under_evalx, mut under_cpython) = (None, None);
            for side in [evalx_first, !evalx_first] {
                let ran = run_job(job, side, &evalx, &python, &standin, &logs, round)?;
                if side {
                    under_evalx = Some(ran);
                } else {
                    under_cpython = Some(ran);
                }
            }
            let (Some((evalx_run, e)), Some((cpython, c))) = (under_evalx, under_cpython) else {
                bail!("{} did not run under both interpreters", job.name);
            };
            if !cpython.ok() {
                bail!(
                    "CPython itself failed on {} ({}): the suite's stand-in or the download is broken",
                    job.name,
                    cpython.error_line()
                );
            }
            let want = expected[index].get_or_insert_with(|| cpython.stdout.clone());
            let reason = if !evalx_run.ok() {
                Some(evalx_run.error_line())
            } else if evalx_run.stdout != *want {
                Some(first_difference(want, &evalx_run.stdout))
            } else {
                None
            };
            if !calibrating {
                samples[index].push(Round {
                    evalx: e,
                    cpython: c,
                    evalx_first,
                });
            }
            if round == 0 {
                let known_failing = KNOWN_FAILING.iter().any(|(n, _)| *n == job.name);
                eprintln!(
                    "    {:<26} {:<13} evalx {:>7.2} s CPU  CPython {:>6.2} s CPU{}",
                    job.name,
                    if reason.is_none() {
                        "passes"
                    } else if known_failing {
                        "known failing"
                    } else {
                        "FAILS"
                    },
                    e.cpu_s,
                    c.cpu_s,
                    reason
                        .as_deref()
                        .map(|r| format!("  {}", truncate(r, 140)))
                        .unwrap_or_default()
                );
                firsts[index] = Some((evalx_run, cpython));
            } else if let Some(r) = &reason {
                eprintln!(
                    "    {:<26} FAILS in round {}: {}",
                    job.name,
                    round + 1,
                    truncate(r, 140)
                );
            }
            if calibrating && reason.is_none() && jobs[index].standin && c.cpu_s < MIN_RUN_S {
                // A second CPython run with more loops separates the body from start-up and imports.
                jobs[index].loops = PROBE_LOOPS;
                let (_, probe) =
                    run_job(&jobs[index], false, &evalx, &python, &standin, &logs, round)?;
                let loops = loops_for(c.cpu_s, probe.cpu_s);
                jobs[index].loops = loops;
                if loops > 1 {
                    jobs[index].loops = loops;
                    // The timed rounds print what CPython prints at that many loops.
                    expected[index] = None;
                }
            }
            reasons[index] = reason;
        }
    }
    let mut outcomes = Vec::new();
    let mut own = Vec::new();
    for (index, job) in jobs.iter().enumerate() {
        let Some((evalx_run, cpython)) = firsts[index].take() else {
            continue;
        };
        let outcome = Outcome {
            name: job.name.clone(),
            passed: reasons[index].is_none(),
            reason: reasons[index].take(),
            known_failing: KNOWN_FAILING.iter().any(|(n, _)| *n == job.name),
            evalx: evalx_run,
            cpython,
            rounds: std::mem::take(&mut samples[index]),
            loops: job.loops,
        };
        if job.standin {
            outcomes.push(outcome);
        } else {
            own.push(outcome);
        }
    }
    if rounds > 1 {
        for o in outcomes.iter().chain(&own).filter(|o| o.passed) {
            let ratios: Vec<f64> = o
                .rounds
                .iter()
                .filter(|r| r.cpython.cpu_s > 0.0)
                .map(|r| r.evalx.cpu_s / r.cpython.cpu_s)
                .collect();
            if let Some(m) = crate::report::stats::median(&ratios) {
                eprintln!(
                    "    {:<26} evalx/CPython CPU time {m:.2} (median of {} rounds)",
                    o.name,
                    ratios.len()
                );
            }
        }
    }
    Ok(Results {
        pyperformance: VERSION.to_string(),
        python: version,
        python_exe: python.display().to_string(),
        outcomes,
        rounds,
        own,
        evalx_build: plan.evalx_build.to_string(),
    })
}

/// Runs `job` under evalx (`evalx_side`) or CPython `job.runs_per_round` times; returns the first run
/// (what it printed) and the sum of the runs' times (the largest peak).
fn run_job(
    job: &Job,
    evalx_side: bool,
    evalx: &Path,
    python: &Path,
    standin: &Path,
    logs: &Path,
    round: usize,
) -> Result<(Run, Sample)> {
    let mut first: Option<Run> = None;
    let mut total = Sample::default();
    for _ in 0..job.runs_per_round.max(1) {
        let cmd = if evalx_side {
            let mut cmd = Command::new(evalx);
            if job.standin {
                cmd.arg("--path").arg(standin);
            }
            cmd.args(&job.args);
            if job.loops > 1 {
                cmd.arg("--loops").arg(job.loops.to_string());
            }
            cmd
        } else {
            let mut cmd = Command::new(python);
            if job.standin {
                cmd.env("PYTHONPATH", standin);
            }
            cmd.args(&job.args);
            if job.loops > 1 {
                cmd.arg("--loops").arg(job.loops.to_string());
            }
            cmd.env("PYTHONHASHSEED", "0")
                .env("PYTHONDONTWRITEBYTECODE", "1");
            cmd
        };
        let log = logs.join(format!(
            "{}{}.{}",
            job.name,
            if round == 0 {
                String::new()
            } else {
                format!(".round{}", round + 1)
            },
            if evalx_side { "evalx" } else { "cpython" }
        ));
        let run = timed(cmd, &job.dir, &log)?;
        total.cpu_s += run.cpu_s;
        total.wall_s += run.wall_s;
        total.max_rss_kib = total.max_rss_kib.max(run.max_rss_kib);
        let failed = !run.ok();
        if first.is_none() {
            first = Some(run);
        }
        if failed {
            break;
        }
    }
    let first = first.context("a job runs at least once")?;
    Ok((first, total))
}

/// Fails unless every benchmark did what the lists say.
fn verdict(results: &Results) -> Result<()> {
    let mut wrong = Vec::new();
    for o in &results.outcomes {
        match (o.passed, o.known_failing) {
            (false, false) => wrong.push(format!(
                "{} fails under evalx: {}",
                o.name,
                o.reason.as_deref().unwrap_or("?")
            )),
            (true, true) => wrong.push(format!(
                "{} now passes under evalx: remove it from KNOWN_FAILING in xtask/src/suite.rs",
                o.name
            )),
            _ => {}
        }
    }
    let passed = results.outcomes.iter().filter(|o| o.passed).count();
    eprintln!(
        "==> pyperformance suite: {passed} of {} benchmarks print what CPython prints",
        results.outcomes.len()
    );
    if !wrong.is_empty() {
        bail!("the pyperformance suite:\n  {}", wrong.join("\n  "));
    }
    Ok(())
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// Where two outputs first differ, as the reason for a failure.
fn first_difference(expected: &str, got: &str) -> String {
    let mut exp = expected.lines();
    let mut out = got.lines();
    let mut line = 1;
    loop {
        match (exp.next(), out.next()) {
            (Some(e), Some(g)) if e == g => line += 1,
            (Some(e), Some(g)) => {
                return format!(
                    "output differs at line {line}: CPython `{}`, evalx `{}`",
                    truncate(e, 100),
                    truncate(g, 100)
                );
            }
            (Some(e), None) => {
                return format!(
                    "output ends at line {line}; CPython goes on: `{}`",
                    truncate(e, 100)
                );
            }
            (None, Some(g)) => {
                return format!(
                    "output goes on at line {line} after CPython's ends: `{}`",
                    truncate(g, 100)
                );
            }
            (None, None) => return "output differs (line endings)".to_string(),
        }
    }
}

/// The longest a benchmark may run under one interpreter.
/// (decimal_pi takes over 3 minutes under evalx today, 0.8 s under CPython.)
const TIME_LIMIT: Duration = Duration::from_secs(600);

/// Runs `cmd` in `dir` with stdout/stderr into `<log>.out`/`<log>.err`, timing it.
///
/// CPU time (user + system) comes from `wait4`'s rusage, which covers exactly this child (through `libc`,
/// the binding xtask already uses for `waitpid`/`kill`: `std::process` gives no rusage). The peak resident
/// size is the larger of two readings: `VmHWM` from `/proc/<pid>/status`, sampled every 5 ms while the
/// program runs (a high-water mark, so a late sample still sees an earlier peak; only what the program
/// adds after the last sample is missed), and `wait4`'s `ru_maxrss` where it can be trusted. `ru_maxrss`
/// alone is not: Linux folds the high-water mark of the memory the child had before `exec` into it, and a
/// spawned child's memory before `exec` is this (larger) process's. So `ru_maxrss` counts only when it
/// exceeds this process's own high-water mark after the child ended, which bounds what it can have
/// inherited; then it is the program's own peak, including what it touched after the last sample.
fn timed(mut cmd: Command, dir: &Path, log: &Path) -> Result<Run> {
    let out_path = log.with_extension(format!(
        "{}.out",
        log.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    let err_path = out_path.with_extension("err");
    let stdout = std::fs::File::create(&out_path)?;
    let stderr = std::fs::File::create(&err_path)?;
    cmd.current_dir(dir)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    let started = Instant::now();
    let child = cmd
        .spawn()
        .with_context(|| format!("could not start {:?}", cmd.get_program()))?;
    let pid = child.id() as libc::pid_t;
    let mut timed_out = false;
    let status_file = PathBuf::from(format!("/proc/{pid}/status"));
    // Samples count only once the child runs the program (before `exec` it is still a copy of this process).
    let comm: String = Path::new(cmd.get_program())
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(15).collect())
        .unwrap_or_default();
    let mut peak_kib = 0i64;
    let (status, usage) = loop {
        if let Some(kib) = high_water_kib(&status_file, &comm) {
            peak_kib = peak_kib.max(kib);
        }
        let mut raw = 0;
        // SAFETY: an all-zero `rusage` is a valid value of that plain C struct.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our own child, not yet reaped; `raw` and `usage` are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut raw, libc::WNOHANG, &mut usage) };
        if r == pid {
            let status = if libc::WIFEXITED(raw) {
                Some(libc::WEXITSTATUS(raw))
            } else {
                None
            };
            break (status, usage);
        }
        if r < 0 {
            bail!(
                "waiting for {:?} failed: {}",
                cmd.get_program(),
                std::io::Error::last_os_error()
            );
        }
        if started.elapsed() > TIME_LIMIT && !timed_out {
            timed_out = true;
            // SAFETY: signalling our own child, which has not been reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let cpu_s = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    let own_peak = high_water_kib(Path::new("/proc/self/status"), "").unwrap_or(i64::MAX);
    let max_rss_kib = trusted_peak(peak_kib, usage.ru_maxrss, own_peak);
    let wall_s = started.elapsed().as_secs_f64();
    drop(child);
    let stdout = String::from_utf8_lossy(&std::fs::read(&out_path)?).into_owned();
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path)?).into_owned();
    let tail: Vec<&str> = stderr.lines().rev().take(12).collect();
    let stderr_tail = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
    Ok(Run {
        status,
        timed_out,
        stdout,
        stderr_tail,
        wall_s,
        cpu_s,
        max_rss_kib,
    })
}

fn seconds(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 * 1e-6
}

/// The peak resident size of a child, KiB: the sampled `VmHWM`, or `wait4`'s `ru_maxrss` where that is
/// above `own_peak` (this process's high-water mark, the most the child can have inherited), see [`timed`].
fn trusted_peak(sampled: i64, ru_maxrss: i64, own_peak: i64) -> i64 {
    if ru_maxrss > own_peak {
        sampled.max(ru_maxrss)
    } else {
        sampled
    }
}

/// `VmHWM` of a running process, in KiB, once its command name (`Name:`) is `comm` (any name when `comm`
/// is empty).
fn high_water_kib(status: &Path, comm: &str) -> Option<i64> {
    let text = std::fs::read_to_string(status).ok()?;
    let name = text.lines().find_map(|l| l.strip_prefix("Name:"))?;
    if !comm.is_empty() && name.trim() != comm {
        return None;
    }
    let line = text.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The pinned wheel in the cache (downloaded when missing, always checked) and its benchmarks unpacked
/// beside it; returns the folder holding the `bm_*` folders.
fn fetch(python: &Path) -> Result<PathBuf> {
    let cache = target_dir().join(format!("pyperformance/{VERSION}"));
    std::fs::create_dir_all(&cache)?;
    let wheel = cache.join(WHEEL);
    let unpacked = cache.join("unpacked");
    let marker = unpacked.join(".complete");
    if !(wheel.is_file() && sha256(&wheel)? == WHEEL_SHA256) {
        eprintln!("\n==> fetching pyperformance=={VERSION} from PyPI (pip download --no-deps)");
        let _ = std::fs::remove_file(&wheel);
        let out = Command::new(python)
            .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:"])
            .arg("--dest")
            .arg(&cache)
            .arg(format!("pyperformance=={VERSION}"))
            .stdin(Stdio::null())
            .output()
            .context("could not run pip")?;
        if !out.status.success() || !wheel.is_file() {
            bail!(
                "could not fetch pyperformance=={VERSION} from PyPI, which the suite needs (pip exited with {}):\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        let got = sha256(&wheel)?;
        if got != WHEEL_SHA256 {
            let _ = std::fs::remove_file(&wheel);
            bail!(
                "the downloaded {WHEEL} has SHA-256 {got}, not the pinned {WHEEL_SHA256}: refusing to run it"
            );
        }
        let _ = std::fs::remove_dir_all(&unpacked);
    }
    if !marker.is_file() {
        let _ = std::fs::remove_dir_all(&unpacked);
        std::fs::create_dir_all(&unpacked)?;
        // A wheel is a zip archive: CPython's zipfile unpacks the benchmark folders (members are checked to
        // stay inside the destination, which zipfile also enforces).
        let script = format!(
            "import sys, zipfile\n\
             z = zipfile.ZipFile(sys.argv[1])\n\
             names = [n for n in z.namelist() if n.startswith({BENCH_PREFIX:?}) and '..' not in n]\n\
             z.extractall(sys.argv[2], names)\n\
             print(len(names))\n"
        );
        let out = Command::new(python)
            .arg("-c")
            .arg(script)
            .arg(&wheel)
            .arg(&unpacked)
            .output()
            .context("could not run python3 to unpack the wheel")?;
        if !out.status.success() {
            bail!(
                "could not unpack {}: {}",
                wheel.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::fs::write(&marker, WHEEL_SHA256)?;
    }
    Ok(unpacked.join(BENCH_PREFIX))
}

fn sha256(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    let digest = Sha256::digest(&bytes);
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ru_maxrss_counts_only_above_what_a_child_can_inherit() {
        // The child's own peak (above this process's) is trusted, even past the last sample.
        assert_eq!(trusted_peak(30_000, 45_000, 20_000), 45_000);
        // At or below this process's high-water mark it may be ours: the samples decide.
        assert_eq!(trusted_peak(9_000, 20_000, 20_000), 9_000);
        assert_eq!(trusted_peak(0, 15_000, 20_000), 0);
        assert_eq!(trusted_peak(50_000, 45_000, 20_000), 50_000);
    }

    #[test]
    fn short_programs_get_loops_enough_for_the_minimum_run() {
        // Long enough already.
        assert_eq!(loops_for(2.5, 9.0), 1);
        assert_eq!(loops_for(MIN_RUN_S, 1.0), 1);
        // 0.1 s with one loop, 0.19 s with four: 30 ms a loop, so 1 + 7 more for 0.2 s.
        assert_eq!(loops_for(0.1, 0.19), 8);
        // Mostly start-up: 0.05 s, and 0.0545 s with four loops (1.5 ms a loop): 1 + 167.
        assert_eq!(loops_for(0.05, 0.0545), 168);
        // Noise (four loops measured cheaper than one) is bounded.
        assert_eq!(loops_for(0.05, 0.04), MAX_LOOPS);
        assert_eq!(loops_for(0.0, 0.1), 1);
        assert_eq!(loops_for(f64::NAN, 0.1), 1);
    }

    #[test]
    fn own_programs_have_sources_and_unique_names() {
        let mut names: Vec<&str> = OWN.iter().map(|o| o.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), OWN.len());
        for o in OWN {
            assert!(
                !BENCHMARKS.contains(&o.name),
                "{} clashes with the suite",
                o.name
            );
            assert_eq!(
                o.source.is_empty(),
                o.kind == OwnKind::Startup,
                "{}",
                o.name
            );
            assert!(
                o.kind == OwnKind::Startup || o.source.contains("REPS"),
                "{}",
                o.name
            );
        }
        assert_eq!(OWN.iter().filter(|o| o.kind == OwnKind::Script).count(), 5);
    }

    #[test]
    fn known_failing_names_are_in_the_suite() {
        for (name, why) in KNOWN_FAILING {
            assert!(BENCHMARKS.contains(name), "{name} is not in BENCHMARKS");
            assert!(!why.is_empty());
        }
    }

    #[test]
    fn issue_24_names_are_in_the_suite() {
        for name in [
            "nbody",
            "richards",
            "richards_super",
            "float",
            "spectral_norm",
            "fannkuch",
            "nqueens",
            "unpack_sequence",
            "chaos",
            "go",
            "deltablue",
            "raytrace",
            "hexiom",
            "meteor_contest",
            "pidigits",
            "generators",
            "coroutines",
            "comprehensions",
            "scimark",
            "deepcopy",
            "json_dumps",
            "json_loads",
            "pprint",
            "logging",
        ] {
            assert!(BENCHMARKS.contains(&name), "{name} is missing");
        }
    }

    #[test]
    fn a_traceback_reports_its_exception_line() {
        let run = Run {
            status: Some(1),
            timed_out: false,
            stdout: String::new(),
            stderr_tail: "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\n    import array\nModuleNotFoundError: No module named 'array'".into(),
            wall_s: 0.1,
            cpu_s: 0.1,
            max_rss_kib: 1,
        };
        assert_eq!(
            run.error_line(),
            "ModuleNotFoundError: No module named 'array'"
        );
        assert_eq!(
            first_difference("a\nb\n", "a\nc\n"),
            "output differs at line 2: CPython `b`, evalx `c`"
        );
    }
}
