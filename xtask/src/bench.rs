//! `cargo xtask bench`: runs each criterion bench under `benches/benches/` (one `cargo bench --bench`
//! per file, with a progress bar and a log per bench under `<target>/xtask/`), then every standalone
//! Python peer `benches/python/*_peer.py`, then writes `docs/benchmarks.md`, `docs/benchmarks.json` and the plots
//! in `docs/img/` from what they measured.
//!
//! Three sizes of run: the full one (the committed report), `--quick` (at most 3 minutes on 2 cores once
//! built, same rows, noisier numbers; the pyperformance suite's section keeps the last run that measured
//! it) and `--smoke` (what `cargo xtask test` runs: every bench once at the smallest
//! settings, its report written under `<target>/xtask/smoke/` and checked for every section, so neither the
//! benches nor the report can rot between full runs).
//!
//! `--only suite` measures only the pyperformance suite and evalx's own whole-process rows (in paired
//! rounds, `crate::suite`) and rewrites the report from the saved results of everything else.

use crate::report;
use crate::util::{cargo, on_path, root, target_dir};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// A short run (fewer samples, shorter measurement; at most 3 minutes on 2 cores once built):
    /// numbers are noisier but the report is complete (the pyperformance suite is left out: its
    /// section keeps the last run that measured it).
    #[arg(long, conflicts_with = "smoke")]
    pub quick: bool,
    /// Check that every bench runs and the report renders, at the smallest settings (the test suite
    /// runs this). The report goes to `<target>/xtask/smoke/docs/`, never over `docs/`.
    #[arg(long)]
    pub smoke: bool,
    /// Only run the bench files whose name contains this (e.g. `pool`); the report reuses earlier
    /// results for the others. `--only suite` runs only the pyperformance suite and evalx's own
    /// whole-process rows (script forms, abandoned generators, start-up) against CPython, in paired
    /// rounds compared by CPU time (5 in a full run, 2 with `--quick`, after a calibration round that
    /// checks each program's output and gives short ones `--loops N`), and rewrites the report: a few minutes plus a
    /// release build of evalx, to refresh those rows after speed work.
    #[arg(long)]
    pub only: Option<String>,
    /// A criterion filter: only benchmark ids matching this regex run.
    #[arg(long)]
    pub filter: Option<String>,
    /// Skip the Python peers; their rows then reuse the last saved results, or say "not measured".
    #[arg(long)]
    pub no_python: bool,
    /// Run nothing: rewrite the report from the results already in the target directory (and the
    /// numbers READMEs quote from it).
    #[arg(long)]
    pub report_only: bool,
    /// Build everything this kind of run needs (the benches, and for a full run evalx without debugger
    /// support and the evalx the pyperformance suite runs), then stop: the run that follows starts
    /// measuring at once (a full run builds with fat LTO, many minutes on 2 cores).
    #[arg(long, conflicts_with = "report_only")]
    pub build_only: bool,
    /// After the run (or, with `--report-only`, at once), show what changed against an earlier run's
    /// `benchmarks.json`: new / old median times with intervals, "faster"/"slower" only beyond the noise.
    /// Also written to `<target>/xtask/compare.md`.
    #[arg(long, value_name = "OLD.json")]
    pub compare: Option<PathBuf>,
}

/// How long and where a run measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Full,
    Quick,
    Smoke,
}

impl Mode {
    fn of(args: &BenchArgs) -> Mode {
        match (args.quick, args.smoke) {
            (_, true) => Mode::Smoke,
            (true, false) => Mode::Quick,
            (false, false) => Mode::Full,
        }
    }

    /// The command line that makes such a run, as the report states it.
    pub fn command(self) -> &'static str {
        match self {
            Mode::Full => "cargo xtask bench",
            Mode::Quick => "cargo xtask bench --quick",
            Mode::Smoke => "cargo xtask bench --smoke",
        }
    }

    /// The cargo profile the benches are built with: the full run's `bench` (fat LTO, as a release of
    /// evalx ships), `release` for the others (no LTO: the build is minutes shorter on 2 cores, the
    /// numbers a few percent apart, which a quick run's intervals cover anyway).
    pub fn profile(self) -> &'static str {
        match self {
            Mode::Full => "bench",
            Mode::Quick | Mode::Smoke => "release",
        }
    }

    /// Seconds each paired comparison measures (`TASKLAB_BENCH_PAIRED_SECS`, read by the benches);
    /// a smoke run measures the minimum rounds whatever this says.
    fn paired_secs(self) -> &'static str {
        match self {
            Mode::Full => "8",
            Mode::Quick => "1",
            Mode::Smoke => "0",
        }
    }

    /// Whether this kind of run runs the pyperformance suite: the full run, and the smoke run (two of its
    /// programs, so the section cannot rot); a quick run keeps the last run's results (see `run`), unless
    /// it is `--quick --only suite`.
    fn runs_suite(self) -> bool {
        self != Mode::Quick
    }

    /// Paired rounds of the pyperformance suite (each program under evalx and CPython once per round):
    /// enough for a bootstrap interval in a full run; a quick or smoke run shows points, not verdicts.
    pub fn suite_rounds(self) -> usize {
        match self {
            Mode::Full => 5,
            Mode::Quick => 2,
            Mode::Smoke => 1,
        }
    }

    /// criterion's options for this kind of run (the full run keeps each bench's own settings).
    fn criterion_args(self) -> &'static [&'static str] {
        match self {
            // criterion's 3 s warm-up is more than these benches need; the 100,000 bootstrap resamples only
            // narrow the confidence intervals (the report uses the median, which resampling does not move)
            // and cost about a second per id on 2 cores. 20 samples (criterion's default is 100) for the
            // groups that set no count of their own: its linear ramp runs 1 + 2 + .. + n iterations, so a
            // 60 ms iteration (the GPU simulator's larger kernels) took 5,050 of them, 5 minutes for one
            // row, where 20 samples take 13 s; a median of 20 samples is as good a number to print, and
            // every verdict rests on the paired rounds anyway. This took the full run's criterion rows
            // from about 25 minutes to 9 on 2 cores.
            // `--noplot` everywhere: the report draws its own plots from criterion's JSON.
            Mode::Full => &[
                "--warm-up-time",
                "1",
                "--sample-size",
                "20",
                "--nresamples",
                "20000",
                "--noplot",
            ],
            // Short: the verdicts rest on the paired rounds, which a quick run also shortens.
            Mode::Quick => &[
                "--warm-up-time",
                "0.1",
                "--measurement-time",
                "0.4",
                "--sample-size",
                "10",
                "--nresamples",
                "2000",
                "--noplot",
            ],
            // criterion needs 10 samples; at these times a sample is one or a few iterations.
            Mode::Smoke => &[
                "--warm-up-time",
                "0.01",
                "--measurement-time",
                "0.01",
                "--sample-size",
                "10",
                "--nresamples",
                "1000",
                "--noplot",
            ],
        }
    }

    /// The argument the Python peers take for a shorter run, if any.
    fn peer_arg(self) -> Option<&'static str> {
        match self {
            Mode::Full => None,
            Mode::Quick => Some("--quick"),
            Mode::Smoke => Some("--smoke"),
        }
    }
}

/// Where a smoke run keeps everything it writes, apart from the real run's results.
pub fn smoke_dir() -> PathBuf {
    target_dir().join("xtask/smoke")
}

/// A Python peer that `cargo xtask bench` runs by itself says so with this line; the others are driven
/// by their own criterion bench (with arguments) and are left to it.
const STANDALONE_PEER: &str = "# tasklab: standalone peer";

pub fn run(args: &BenchArgs) -> Result<()> {
    let mode = Mode::of(args);
    // Read the old run first, so a wrong path fails before minutes of benches.
    let old = args
        .compare
        .as_deref()
        .map(report::compare::load)
        .transpose()?;
    if args.only.as_deref() == Some(SUITE_ONLY) && !args.report_only {
        return run_suite_only(mode, args, old.as_ref());
    }
    if args.report_only {
        let path = write_report(mode, &saved_timings(mode), None)?;
        eprintln!("==> wrote {} from the saved results", path.display());
        if let Some(old) = &old {
            show_comparison(old, &path)?;
        }
        return Ok(());
    }
    let started = Instant::now();
    // The mpipool bench needs MPI to build and run (the `mpi` feature of tasklab-benches); without it its
    // section says "not measured". Every cargo call below gets the same features, so nothing rebuilds.
    let mpi = crate::mpi::available();
    let features: &[&str] = if mpi { &["--features", "mpi"] } else { &[] };
    if !mpi {
        eprintln!(
            "==> MPI is not installed: skipping the mpipool bench (`cargo xtask test` installs it)"
        );
    }
    let benches: Vec<String> = bench_names()?
        .into_iter()
        .filter(|b| args.only.as_deref().is_none_or(|o| b.contains(o)))
        .filter(|b| mpi || b != "mpipool")
        .collect();
    if benches.is_empty() {
        bail!(
            "no bench file under benches/benches/ matches {:?}",
            args.only
        );
    }
    let log_dir = if mode == Mode::Smoke {
        smoke_dir()
    } else {
        target_dir().join("xtask")
    };
    if mode == Mode::Smoke && args.only.is_none() && args.filter.is_none() {
        // Start from nothing, so the check below sees only what this run measured.
        let _ = std::fs::remove_dir_all(&log_dir);
    }
    std::fs::create_dir_all(&log_dir)
        .with_context(|| format!("could not create {}", log_dir.display()))?;

    let spinner = ProgressBar::new_spinner()
        .with_message(format!("building the benches ({} profile)", mode.profile()));
    spinner.enable_steady_tick(Duration::from_millis(120));
    let build_log = log_dir.join("bench-build.log");
    let built = run_logged(
        cargo()
            .args([
                "bench",
                "--package",
                "tasklab-benches",
                "--benches",
                "--no-run",
                "--profile",
                mode.profile(),
            ])
            .args(features),
        &build_log,
        |_| {},
    )?;
    if !built {
        spinner.finish_and_clear();
        bail!("building the benches failed; see {}", build_log.display());
    }
    // The evalx binary the pyperformance suite runs (`crate::suite::record` builds it too, then finds it
    // fresh): built here so that its build counts as build time, not as the run's.
    // (A smoke run measures this plain build; the other runs build the profile-guided one in
    // `crate::suite::record`, whose build log says so.)
    if mode.runs_suite() && !args.no_python && mode == Mode::Smoke {
        spinner.set_message("building evalx for the pyperformance suite (release profile)");
        let log = log_dir.join("bench-build-evalx.log");
        let built = run_logged(
            cargo().args(["build", "--release", "-p", "evalx", "--bin", "evalx"]),
            &log,
            |_| {},
        )?;
        if !built {
            eprintln!(
                "==> building evalx for the suite failed (see {}); the suite will say why",
                log.display()
            );
        }
    }
    let build_time = started.elapsed();
    spinner.finish_and_clear();
    eprintln!(
        "==> built the benches ({:.0} s); running {} bench file(s): {}",
        build_time.as_secs_f64(),
        benches.len(),
        benches.join(", ")
    );

    // What evalx's debugger support costs: the evalx bench runs its programs in paired rounds against the
    // same bench built without that support, started as a peer process. Full runs only: it builds evalx a
    // second time, which a quick run cannot afford.
    let untraced_started = Instant::now();
    let untraced = if mode == Mode::Full && benches.iter().any(|b| b == "evalx") {
        let bin = untraced_evalx_bin(mode, &log_dir.join("bench-build-untraced.log"));
        if bin.is_none() {
            eprintln!(
                "==> could not build the evalx bench without debugger support; its cost is not measured"
            );
        }
        bin
    } else {
        None
    };
    let build_time = build_time + untraced_started.elapsed();
    if args.build_only {
        eprintln!(
            "==> built everything `{}` needs in {:.0} s; it will start measuring at once",
            run_command(mode, args),
            build_time.as_secs_f64()
        );
        return Ok(());
    }

    let run = RunInfo {
        command: run_command(mode, args),
        profile: mode.profile(),
        start: report::provenance::now(),
        filter: args.filter.clone(),
        dir: report::provenance::dir(&log_dir),
    };

    let bar = ProgressBar::new(benches.len() as u64).with_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(250));
    let mut failed = Vec::new();
    let mut timings: Vec<(String, f64)> = Vec::new();
    // The machine's state before, between and after the bench files (the report's noise warning).
    let mut snapshots = vec![report::machine::Snapshot::take()];
    for name in &benches {
        let bench_started = Instant::now();
        bar.set_message(format!("{name}: starting"));
        let mut cmd = cargo();
        cmd.args([
            "bench",
            "--package",
            "tasklab-benches",
            "--bench",
            name,
            "--profile",
            mode.profile(),
        ]);
        cmd.args(features).arg("--");
        cmd.args(mode.criterion_args());
        cmd.env("TASKLAB_BENCH_PAIRED_SECS", mode.paired_secs());
        if mode == Mode::Smoke {
            cmd.env("CRITERION_HOME", smoke_dir().join("criterion"))
                .env(SMOKE_VAR, "1");
        }
        if mode == Mode::Quick {
            cmd.env("TASKLAB_BENCH_QUICK", "1");
        }
        if let Some(filter) = &args.filter {
            cmd.arg(filter);
        }
        if name == "evalx" {
            if let Some(bin) = &untraced {
                cmd.env("TASKLAB_EVALX_UNTRACED_BIN", bin);
            }
        }
        let log = log_dir.join(format!("bench-{name}.log"));
        let ok = run_logged(&mut cmd, &log, |line| {
            if let Some(id) = line.strip_prefix("Benchmarking ") {
                let id = id.split(':').next().unwrap_or(id);
                bar.set_message(format!("{name}: {id}"));
            }
        })?;
        snapshots.push(report::machine::Snapshot::take());
        record_run(&run, name, ok, &snapshots[snapshots.len() - 2..]);
        let secs = bench_started.elapsed().as_secs_f64();
        timings.push((name.clone(), secs));
        let line = if ok {
            format!("==> {name}: done in {secs:.0} s (log: {})", log.display())
        } else {
            failed.push(name.clone());
            format!(
                "==> {name}: FAILED after {secs:.0} s, see {}",
                log.display()
            )
        };
        // A hidden bar (output not a terminal) drops its println: say it plainly then.
        if bar.is_hidden() {
            eprintln!("{line}");
        } else {
            bar.println(line);
        }
        bar.inc(1);
    }
    bar.finish_and_clear();

    if !args.no_python {
        let peers_started = Instant::now();
        let before = report::machine::Snapshot::take();
        let ran = run_python_peers(mode)?;
        if ran {
            record_run(
                &run,
                "peers",
                true,
                &[before, report::machine::Snapshot::take()],
            );
        }
        timings.push((
            "CPython peers".into(),
            peers_started.elapsed().as_secs_f64(),
        ));
        // evalx's real-program suite (pyperformance from PyPI) for the report's evalx-suite section.
        if !mode.runs_suite() {
            eprintln!(
                "==> {} leaves out the pyperformance suite ({} whole programs under evalx and CPython in paired \
                 rounds: minutes); its section keeps the last run that measured it, and says which. `{} --only \
                 suite` or a full run measures it.",
                mode.command(),
                crate::suite::BENCHMARKS.len(),
                mode.command()
            );
        }
    }
    if !args.no_python && mode.runs_suite() {
        let suite_started = Instant::now();
        let before = report::machine::Snapshot::take();
        let out = peers_dir_for(mode).join(format!("{}.json", report::suite::RESULTS));
        if let Err(err) = crate::suite::record(mode == Mode::Smoke, mode.suite_rounds(), &out) {
            eprintln!(
                "==> the pyperformance suite did not run; its section says \"not measured\": {err:#}"
            );
            let _ = std::fs::remove_file(&out);
        } else {
            record_run(
                &run,
                "suite",
                true,
                &[before, report::machine::Snapshot::take()],
            );
        }
        timings.push((
            "pyperformance suite".into(),
            suite_started.elapsed().as_secs_f64(),
        ));
    }
    snapshots.push(report::machine::Snapshot::take());
    save_machine_state(mode, &report::machine::RunState::from_snapshots(&snapshots));
    timings.push((
        "total, build excluded".into(),
        (started.elapsed() - build_time).as_secs_f64(),
    ));
    if args.only.is_none() && args.filter.is_none() {
        save_timings(mode, &timings);
    }
    let partial = match (&args.only, &args.filter) {
        (None, None) => None,
        (Some(o), None) => Some(format!("--only {o}")),
        (None, Some(f)) => Some(format!("--filter '{f}'")),
        (Some(o), Some(f)) => Some(format!("--only {o} --filter '{f}'")),
    };
    let path = write_report(mode, &timings, partial.as_deref())?;
    eprintln!("==> wrote {} (and benchmarks.json, img/)", path.display());
    let summary: Vec<String> = timings
        .iter()
        .map(|(n, s)| format!("{n} {s:.0} s"))
        .collect();
    eprintln!("==> time taken: {}", summary.join(", "));
    if mode == Mode::Smoke && (args.only.is_some() || args.filter.is_some()) {
        eprintln!(
            "==> a partial smoke run (--only/--filter): the report's completeness is not checked"
        );
    } else if mode == Mode::Smoke {
        let md = std::fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        report::check(&md).context("the smoke run's report is incomplete")?;
        eprintln!("==> the smoke report has every section, each with numbers");
    }
    if let Some(old) = &old {
        show_comparison(old, &path)?;
    }
    if !failed.is_empty() {
        bail!(
            "these benches failed and their sections say so: {}",
            failed.join(", ")
        );
    }
    Ok(())
}

/// `--only` with this runs only the pyperformance suite (and evalx's own whole-process rows).
pub const SUITE_ONLY: &str = "suite";

/// `cargo xtask bench --only suite`: builds evalx, measures the suite in `mode`'s rounds, and rewrites the
/// report (every other section from the saved results, as `--report-only` would).
fn run_suite_only(mode: Mode, args: &BenchArgs, old: Option<&serde_json::Value>) -> Result<()> {
    if args.no_python {
        bail!("`--only suite` compares evalx with CPython: it cannot run with --no-python");
    }
    if args.filter.is_some() {
        bail!("`--only suite` runs whole programs: --filter (a criterion filter) does not apply");
    }
    let started = Instant::now();
    let log_dir = if mode == Mode::Smoke {
        smoke_dir()
    } else {
        target_dir().join("xtask")
    };
    std::fs::create_dir_all(&log_dir)
        .with_context(|| format!("could not create {}", log_dir.display()))?;
    let log = log_dir.join("bench-build-evalx.log");
    let spinner = ProgressBar::new_spinner()
        .with_message("building evalx for the pyperformance suite (release profile)");
    spinner.enable_steady_tick(Duration::from_millis(120));
    let built = run_logged(
        cargo().args(["build", "--release", "-p", "evalx", "--bin", "evalx"]),
        &log,
        |_| {},
    )?;
    spinner.finish_and_clear();
    if !built {
        bail!("building evalx failed; see {}", log.display());
    }
    let build_time = started.elapsed();
    if args.build_only {
        eprintln!(
            "==> built evalx in {:.0} s; `{}` will start measuring at once",
            build_time.as_secs_f64(),
            run_command(mode, args)
        );
        return Ok(());
    }
    let run = RunInfo {
        command: run_command(mode, args),
        profile: "release",
        start: report::provenance::now(),
        filter: None,
        dir: report::provenance::dir(&log_dir),
    };
    let before = report::machine::Snapshot::take();
    let out = peers_dir_for(mode).join(format!("{}.json", report::suite::RESULTS));
    let measured = std::time::Instant::now();
    crate::suite::record(mode == Mode::Smoke, mode.suite_rounds(), &out)
        .context("the pyperformance suite did not run")?;
    let snapshots = [before, report::machine::Snapshot::take()];
    record_run(&run, "suite", true, &snapshots);
    save_machine_state(mode, &report::machine::RunState::from_snapshots(&snapshots));
    let secs = measured.elapsed().as_secs_f64();
    let timings = vec![
        ("pyperformance suite".to_string(), secs),
        ("total, build excluded".to_string(), secs),
    ];
    let path = write_report(mode, &timings, Some(&format!("--only {SUITE_ONLY}")))?;
    eprintln!(
        "==> measured the suite in {secs:.0} s (build {:.0} s); wrote {} (and benchmarks.json)",
        build_time.as_secs_f64(),
        path.display()
    );
    if let Some(old) = old {
        show_comparison(old, &path)?;
    }
    Ok(())
}

/// What every run record of this run shares.
struct RunInfo {
    command: String,
    profile: &'static str,
    start: u64,
    filter: Option<String>,
    dir: PathBuf,
}

/// The command line of a run as a user would type it again.
fn run_command(mode: Mode, args: &BenchArgs) -> String {
    let mut cmd = mode.command().to_string();
    if let Some(o) = &args.only {
        cmd.push_str(&format!(" --only {o}"));
    }
    if let Some(f) = &args.filter {
        cmd.push_str(&format!(" --filter '{f}'"));
    }
    if args.no_python {
        cmd.push_str(" --no-python");
    }
    cmd
}

/// Saves which run measured `bench` and the machine's state meanwhile (`snapshots`: before and after),
/// for the report's per-section provenance (see `report::provenance`).
fn record_run(run: &RunInfo, bench: &str, ok: bool, snapshots: &[report::machine::Snapshot]) {
    let record = report::provenance::RunRecord {
        bench: bench.into(),
        command: run.command.clone(),
        profile: run.profile.into(),
        run: run.start,
        finished: report::provenance::now(),
        ok,
        filter: run.filter.clone(),
        state: report::machine::RunState::from_snapshots(snapshots),
        previous: None,
    };
    if let Err(err) = report::provenance::save(&run.dir, record) {
        eprintln!(
            "==> could not save the run record of {bench} in {}: {err}",
            run.dir.display()
        );
    }
}

/// Builds the evalx bench with `--features evalx-untraced` (no debugger support) and returns its
/// executable, which the default build's evalx bench starts as a peer (`TASKLAB_EVALX_UNTRACED_BIN`).
fn untraced_evalx_bin(mode: Mode, log: &Path) -> Option<PathBuf> {
    let out = cargo()
        .args([
            "bench",
            "--package",
            "tasklab-benches",
            "--bench",
            "evalx",
            "--features",
            "evalx-untraced",
            "--no-run",
            "--message-format=json",
            "--profile",
            mode.profile(),
        ])
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    let _ = std::fs::write(log, &out.stderr);
    if !out.status.success() {
        return None;
    }
    executable_of(&String::from_utf8_lossy(&out.stdout), "evalx")
}

/// The executable of bench target `name` in cargo's `--message-format=json` output.
fn executable_of(messages: &str, name: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["reason"] == "compiler-artifact" && v["target"]["name"] == name)
        .filter(|v| {
            v["target"]["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "bench"))
        })
        .find_map(|v| v["executable"].as_str().map(PathBuf::from))
}

/// The CPython the peers run on: Debian's own `/usr/bin/python3` (built with PGO and LTO, the fast one the
/// issues name as the reference) when present, else the first `python3` on `PATH`.
pub(crate) fn python() -> Option<PathBuf> {
    let debian = PathBuf::from("/usr/bin/python3");
    if debian.is_file() {
        Some(debian)
    } else {
        on_path("python3").then(|| PathBuf::from("python3"))
    }
}

/// Set for the benches in a smoke run: they may shrink their inputs (the report then shows what ran).
pub const SMOKE_VAR: &str = "TASKLAB_BENCH_SMOKE";

/// Where a whole run's timings are kept, so `--report-only` can state them again.
fn timings_file(mode: Mode) -> PathBuf {
    match mode {
        Mode::Smoke => smoke_dir().join("timings.json"),
        _ => target_dir().join("xtask/timings.json"),
    }
}

fn save_timings(mode: Mode, timings: &[(String, f64)]) {
    let path = timings_file(mode);
    let text = serde_json::json!({ "command": mode.command(), "seconds": timings }).to_string();
    if let Err(err) = std::fs::write(&path, text) {
        eprintln!(
            "==> could not save the run's timings to {}: {err}",
            path.display()
        );
    }
}

/// Saves the machine's state during the run where the report reads it.
fn save_machine_state(mode: Mode, state: &report::machine::RunState) {
    let path = match mode {
        Mode::Smoke => smoke_dir().join("machine_state.json"),
        _ => target_dir().join("xtask/machine_state.json"),
    };
    let written = serde_json::to_string_pretty(state)
        .map_err(std::io::Error::other)
        .and_then(|text| std::fs::write(&path, text));
    if let Err(err) = written {
        eprintln!(
            "==> could not save the machine's state to {}: {err}",
            path.display()
        );
    }
}

/// Prints (and saves as `<target>/xtask/compare.md`) what changed between `old` and the report just
/// written at `md_path` (its `benchmarks.json` beside it).
fn show_comparison(old: &serde_json::Value, md_path: &Path) -> Result<()> {
    let new = report::compare::load(&md_path.with_file_name("benchmarks.json"))?;
    let text = report::compare::render(old, &new);
    println!("{text}");
    let out = target_dir().join("xtask/compare.md");
    if let Err(err) = std::fs::create_dir_all(target_dir().join("xtask"))
        .and_then(|()| std::fs::write(&out, &text))
    {
        eprintln!("==> could not save {}: {err}", out.display());
    } else {
        eprintln!("==> comparison saved to {}", out.display());
    }
    Ok(())
}

/// The timings of the last whole run of the same kind, or none.
fn saved_timings(mode: Mode) -> Vec<(String, f64)> {
    std::fs::read_to_string(timings_file(mode))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .filter(|v| v["command"] == mode.command())
        .and_then(|v| serde_json::from_value(v["seconds"].clone()).ok())
        .unwrap_or_default()
}

/// Writes the report for `mode`: over `docs/` for real runs, under the smoke folder for a smoke run.
fn write_report(mode: Mode, timings: &[(String, f64)], partial: Option<&str>) -> Result<PathBuf> {
    if mode == Mode::Smoke {
        let dir = smoke_dir();
        report::write_to(
            mode,
            timings,
            Some(report::Sources {
                criterion: Some(dir.join("criterion")),
                peers: dir.join("peers"),
                docs: dir.join("docs"),
            }),
            partial,
        )
    } else {
        report::write_to(mode, timings, None, partial)
    }
}

/// The bench files: `benches/benches/*.rs`, `pool` first (it is the baseline the others compare with).
fn bench_names() -> Result<Vec<String>> {
    let dir = root().join("benches/benches");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .with_context(|| format!("could not list {}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "rs").then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort_by_key(|n| (n != "pool", n.clone()));
    Ok(names)
}

/// Runs `cmd`, writing its stdout and stderr to `log` (each line stamped with the seconds since the start,
/// so a slow bench id stands out) and feeding each line of either to `on_line` (criterion reports progress
/// on stderr, results on stdout); returns whether it succeeded.
fn run_logged(cmd: &mut Command, log: &Path, mut on_line: impl FnMut(&str)) -> Result<bool> {
    let file = std::fs::File::create(log)
        .with_context(|| format!("could not create {}", log.display()))?;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("could not start cargo")?;
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let mut readers = Vec::new();
    let stdout = child.stdout.take().context("no stdout pipe")?;
    let stderr = child.stderr.take().context("no stderr pipe")?;
    for pipe in [
        Box::new(stdout) as Box<dyn std::io::Read + Send>,
        Box::new(stderr),
    ] {
        let tx = tx.clone();
        readers.push(std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        }));
    }
    drop(tx);
    let mut out = std::io::BufWriter::new(file);
    let started = Instant::now();
    for line in rx {
        on_line(&line);
        let _ = writeln!(out, "[{:7.1}s] {line}", started.elapsed().as_secs_f64());
    }
    let _ = out.flush();
    for reader in readers {
        let _ = reader.join();
    }
    Ok(child.wait()?.success())
}

/// Where the Python peers' JSON is kept, so a later partial run still has them.
pub fn peers_dir() -> PathBuf {
    target_dir().join("xtask/peers")
}

fn peers_dir_for(mode: Mode) -> PathBuf {
    if mode == Mode::Smoke {
        smoke_dir().join("peers")
    } else {
        peers_dir()
    }
}

/// Runs each standalone `benches/python/*_peer.py` (marked with [`STANDALONE_PEER`]) with `python3`
/// (when present) and saves its JSON output as
/// `<target>/xtask/peers/<name>.json` (returns whether python3 was there to run them); a peer that fails is reported and its rows say "not measured".
fn run_python_peers(mode: Mode) -> Result<bool> {
    let Some(python) = python() else {
        eprintln!(
            "==> python3 not found: the CPython rows of the report will say \"not measured\""
        );
        return Ok(false);
    };
    let dir = root().join("benches/python");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("could not list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with("_peer.py"))
        })
        .filter(|p| {
            std::fs::read_to_string(p).is_ok_and(|text| {
                text.lines()
                    .any(|l| l.trim_start().starts_with(STANDALONE_PEER))
            })
        })
        .collect();
    scripts.sort();
    let out_dir = peers_dir_for(mode);
    std::fs::create_dir_all(&out_dir)?;
    for script in scripts {
        let name = script
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("peer")
            .trim_end_matches("_peer")
            .to_string();
        let spinner = ProgressBar::new_spinner().with_message(format!("CPython peer: {name}"));
        spinner.enable_steady_tick(Duration::from_millis(120));
        let mut cmd = Command::new(&python);
        cmd.arg(&script).current_dir(root());
        if let Some(arg) = mode.peer_arg() {
            cmd.arg(arg);
        }
        let out = cmd
            .output()
            .with_context(|| format!("could not run {}", script.display()));
        spinner.finish_and_clear();
        let out = out?;
        let parsed: Option<serde_json::Value> = serde_json::from_slice(&out.stdout).ok();
        match (out.status.success(), parsed) {
            (true, Some(value)) => {
                let path = out_dir.join(format!("{name}.json"));
                std::fs::write(&path, serde_json::to_string_pretty(&value)?)
                    .with_context(|| format!("could not write {}", path.display()))?;
                eprintln!("==> CPython peer {name}: done");
            }
            (ok, _) => eprintln!(
                "==> CPython peer {} {}; its rows say \"not measured\":\n{}",
                script.display(),
                if ok { "printed no JSON" } else { "failed" },
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bench_executable_is_found_in_cargos_messages() {
        let messages = r#"{"reason":"compiler-artifact","target":{"name":"evalx","kind":["lib"]},"executable":null}
{"reason":"compiler-artifact","target":{"name":"evalx","kind":["bench"]},"executable":"/t/release/deps/evalx-1234"}
{"reason":"build-finished","success":true}"#;
        assert_eq!(
            executable_of(messages, "evalx"),
            Some(PathBuf::from("/t/release/deps/evalx-1234"))
        );
        assert_eq!(executable_of(messages, "pool"), None);
        assert_eq!(executable_of("not json", "evalx"), None);
    }
}
