//! evalx's real-program suite: pyperformance's pure-Python benchmarks, fetched from PyPI and run unchanged.
//!
//! The benchmark files belong to their authors and are never copied into this repository: the pinned wheel
//! (`pyperformance==1.14.0`) is downloaded with `pip download` into `<target>/pyperformance/`, checked
//! against its SHA-256, and its `data-files/benchmarks/` unpacked there. Each benchmark's `run_benchmark.py`
//! then runs as it is, under evalx (the release build of the `evalx` binary, with the folder of evalx's own
//! `pyperf` stand-in, `crates/evalx/suite/pyperf.py`, granted as a module path) and under CPython 3.11
//! (with the same stand-in first on `PYTHONPATH`), each in its benchmark's folder; a benchmark passes when
//! evalx exits cleanly and prints exactly what CPython prints (the stand-in's digests of what the benchmark
//! computed). Both runs are timed (wall clock, whole process, peak resident size), one after the other.
//!
//! `cargo xtask test` runs the whole suite (`check`): a benchmark not in [`KNOWN_FAILING`] that fails, or
//! one in it that passes, fails the step; when PyPI cannot be reached the step says so and fails.
//! `cargo xtask suite` runs it alone (`--only NAME` for some); `cargo xtask bench` records it for the
//! report's evalx-suite section (`report::suite`).

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
    /// Peak resident set size in KiB (`VmHWM`, sampled every few milliseconds; 0 when the process ended
    /// before the first sample).
    pub max_rss_kib: i64,
}

impl Run {
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
    pub evalx: Run,
    pub cpython: Run,
}

/// What a whole run recorded (saved as JSON for the report).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Results {
    pub pyperformance: String,
    pub python: String,
    pub outcomes: Vec<Outcome>,
}

#[derive(Debug, clap::Args)]
pub struct SuiteArgs {
    /// Run only these benchmarks (repeatable).
    #[arg(long)]
    pub only: Vec<String>,
    /// Use the evalx binary already built instead of building it.
    #[arg(long)]
    pub no_build: bool,
}

/// `cargo xtask suite`: build evalx, run the suite (or `--only` part of it) and check the verdicts.
pub fn run(args: &SuiteArgs) -> Result<()> {
    if !args.no_build {
        build_evalx()?;
    }
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
    let results = run_suite(&names)?;
    save(&results, &target_dir().join("pyperformance/results.json"))?;
    verdict(&results)
}

/// The test step: the whole suite, every verdict checked.
pub fn check() -> Result<()> {
    run(&SuiteArgs {
        only: Vec::new(),
        no_build: false,
    })
}

/// For `cargo xtask bench`: runs the suite (a smoke run: two quick benchmarks) and saves the results as
/// `out` for the report. Failures of benchmarks are recorded, not raised; a suite that cannot run at all
/// (no PyPI, no CPython) is an error the bench reports.
pub fn record(smoke: bool, out: &Path) -> Result<()> {
    build_evalx()?;
    let names: &[&str] = if smoke {
        &["nqueens", "richards"]
    } else {
        BENCHMARKS
    };
    let results = run_suite(names)?;
    save(&results, out)
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

/// Runs `names` under both interpreters and judges each.
fn run_suite(names: &[&str]) -> Result<Results> {
    let (python, version) = python()?;
    let benchmarks = fetch(&python)?;
    let evalx = evalx_binary();
    if !evalx.is_file() {
        bail!(
            "{} is missing: build it with `cargo build --release -p evalx --bin evalx`",
            evalx.display()
        );
    }
    let logs = target_dir().join("pyperformance/runs");
    std::fs::create_dir_all(&logs)?;
    let standin = standin_dir();
    let mut outcomes = Vec::new();
    eprintln!(
        "\n==> running {} pyperformance {VERSION} benchmarks under evalx and {version} (logs in {})",
        names.len(),
        logs.display()
    );
    for name in names {
        let dir = benchmarks.join(format!("bm_{name}"));
        if !dir.join("run_benchmark.py").is_file() {
            bail!(
                "pyperformance {VERSION} has no {}/run_benchmark.py",
                dir.display()
            );
        }
        let mut cmd = Command::new(&python);
        cmd.arg("run_benchmark.py")
            .env("PYTHONPATH", &standin)
            .env("PYTHONHASHSEED", "0")
            .env("PYTHONDONTWRITEBYTECODE", "1");
        let cpython = timed(cmd, &dir, &logs.join(format!("{name}.cpython")))?;
        let mut cmd = Command::new(&evalx);
        cmd.arg("--path").arg(&standin).arg("run_benchmark.py");
        let evalx_run = timed(cmd, &dir, &logs.join(format!("{name}.evalx")))?;
        if !cpython.ok() {
            bail!(
                "CPython itself failed on {name} ({}): the suite's stand-in or the download is broken",
                cpython.error_line()
            );
        }
        let reason = if !evalx_run.ok() {
            Some(evalx_run.error_line())
        } else if evalx_run.stdout != cpython.stdout {
            Some(first_difference(&cpython.stdout, &evalx_run.stdout))
        } else {
            None
        };
        let known_failing = KNOWN_FAILING.iter().any(|(n, _)| n == name);
        eprintln!(
            "    {name:<26} {:<13} evalx {:>7.2} s  CPython {:>6.2} s{}",
            if reason.is_none() {
                "passes"
            } else if known_failing {
                "known failing"
            } else {
                "FAILS"
            },
            evalx_run.wall_s,
            cpython.wall_s,
            reason
                .as_deref()
                .map(|r| format!("  {}", truncate(r, 140)))
                .unwrap_or_default()
        );
        outcomes.push(Outcome {
            name: name.to_string(),
            passed: reason.is_none(),
            reason,
            known_failing,
            evalx: evalx_run,
            cpython,
        });
    }
    Ok(Results {
        pyperformance: VERSION.to_string(),
        python: version,
        outcomes,
    })
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

/// Runs `cmd` in `dir` with stdout/stderr into `<log>.out`/`<log>.err`, timing it and sampling its peak
/// resident size. The peak is read from `/proc/<pid>/status` (`VmHWM`, the high-water mark of the program's
/// own memory) while it runs: `wait4`'s `ru_maxrss` would also count the memory of this (larger) process,
/// which a spawned child's high-water mark inherits.
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
    let status = loop {
        if let Some(kib) = high_water_kib(&status_file, &comm) {
            peak_kib = peak_kib.max(kib);
        }
        let mut raw = 0;
        // SAFETY: `pid` is our own child, not yet reaped; `raw` is valid for writes.
        let r = unsafe { libc::waitpid(pid, &mut raw, libc::WNOHANG) };
        if r == pid {
            let status = if libc::WIFEXITED(raw) {
                Some(libc::WEXITSTATUS(raw))
            } else {
                None
            };
            break status;
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
        max_rss_kib: peak_kib,
    })
}

/// `VmHWM` of a running process, in KiB, once its command name (`Name:`) is `comm`.
fn high_water_kib(status: &Path, comm: &str) -> Option<i64> {
    let text = std::fs::read_to_string(status).ok()?;
    let name = text.lines().find_map(|l| l.strip_prefix("Name:"))?;
    if name.trim() != comm {
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
