//! `cargo xtask bench`: runs each criterion bench under `benches/benches/` (one `cargo bench --bench`
//! per file, with a progress bar and a log per bench under `<target>/xtask/`), then every standalone
//! Python peer `benches/python/*_peer.py`, then writes `docs/benchmarks.md`, `docs/benchmarks.json` and the plots
//! in `docs/img/` from what they measured.

use crate::report;
use crate::util::{cargo, on_path, root, target_dir};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// A short run (fewer samples, shorter measurement; at most a few minutes on 2 cores): numbers are
    /// noisier but the report is complete.
    #[arg(long)]
    pub quick: bool,
    /// Only run the bench files whose name contains this (e.g. `pool`); the report reuses earlier
    /// results for the others.
    #[arg(long)]
    pub only: Option<String>,
    /// A criterion filter: only benchmark ids matching this regex run.
    #[arg(long)]
    pub filter: Option<String>,
    /// Skip the Python peers; their rows then reuse the last saved results, or say "not measured".
    #[arg(long)]
    pub no_python: bool,
    /// Run nothing: rewrite the report from the results already in the target directory.
    #[arg(long)]
    pub report_only: bool,
}

/// A Python peer that `cargo xtask bench` runs by itself says so with this line; the others are driven
/// by their own criterion bench (with arguments) and are left to it.
const STANDALONE_PEER: &str = "# tasklab: standalone peer";

pub fn run(args: &BenchArgs) -> Result<()> {
    if args.report_only {
        let path = report::write(args.quick)?;
        eprintln!("==> wrote {} from the saved results", path.display());
        return Ok(());
    }
    let benches: Vec<String> = bench_names()?
        .into_iter()
        .filter(|b| args.only.as_deref().is_none_or(|o| b.contains(o)))
        .collect();
    if benches.is_empty() {
        bail!(
            "no bench file under benches/benches/ matches {:?}",
            args.only
        );
    }
    let log_dir = target_dir().join("xtask");
    std::fs::create_dir_all(&log_dir)
        .with_context(|| format!("could not create {}", log_dir.display()))?;

    let spinner = ProgressBar::new_spinner().with_message("building the benches (release profile)");
    spinner.enable_steady_tick(Duration::from_millis(120));
    let build_log = log_dir.join("bench-build.log");
    let built = run_logged(
        cargo().args([
            "bench",
            "--package",
            "tasklab-benches",
            "--benches",
            "--no-run",
        ]),
        &build_log,
        |_| {},
    )?;
    spinner.finish_and_clear();
    if !built {
        bail!("building the benches failed; see {}", build_log.display());
    }
    eprintln!("==> built the benches");

    let bar = ProgressBar::new(benches.len() as u64).with_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(250));
    let mut failed = Vec::new();
    for name in &benches {
        bar.set_message(format!("{name}: starting"));
        let mut cmd = cargo();
        cmd.args([
            "bench",
            "--package",
            "tasklab-benches",
            "--bench",
            name,
            "--",
        ]);
        if args.quick {
            cmd.args([
                "--warm-up-time",
                "0.5",
                "--measurement-time",
                "1",
                "--sample-size",
                "10",
            ]);
        }
        if let Some(filter) = &args.filter {
            cmd.arg(filter);
        }
        let log = log_dir.join(format!("bench-{name}.log"));
        let ok = run_logged(&mut cmd, &log, |line| {
            if let Some(id) = line.strip_prefix("Benchmarking ") {
                let id = id.split(':').next().unwrap_or(id);
                bar.set_message(format!("{name}: {id}"));
            }
        })?;
        let line = if ok {
            format!("==> {name}: done (log: {})", log.display())
        } else {
            failed.push(name.clone());
            format!("==> {name}: FAILED, see {}", log.display())
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
        run_python_peers(args.quick)?;
    }
    let path = report::write(args.quick)?;
    eprintln!("==> wrote {} (and benchmarks.json, img/)", path.display());
    if !failed.is_empty() {
        bail!(
            "these benches failed and their sections say so: {}",
            failed.join(", ")
        );
    }
    Ok(())
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

/// Runs `cmd`, writing its stdout and stderr to `log` and feeding each stdout line to `on_line`;
/// returns whether it succeeded.
fn run_logged(cmd: &mut Command, log: &Path, mut on_line: impl FnMut(&str)) -> Result<bool> {
    let file = std::fs::File::create(log)
        .with_context(|| format!("could not create {}", log.display()))?;
    let err_file = file.try_clone()?;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::from(err_file))
        .spawn()
        .context("could not start cargo")?;
    let stdout = child.stdout.take().context("no stdout pipe")?;
    let mut out = std::io::BufWriter::new(file);
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap_or_default();
        on_line(&line);
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
    Ok(child.wait()?.success())
}

/// Where the Python peers' JSON is kept, so a later partial run still has them.
pub fn peers_dir() -> PathBuf {
    target_dir().join("xtask/peers")
}

/// Runs each standalone `benches/python/*_peer.py` (marked with [`STANDALONE_PEER`]) with `python3`
/// (when present) and saves its JSON output as
/// `<target>/xtask/peers/<name>.json`; a peer that fails is reported and its rows say "not measured".
fn run_python_peers(quick: bool) -> Result<()> {
    if !on_path("python3") {
        eprintln!(
            "==> python3 not found: the CPython rows of the report will say \"not measured\""
        );
        return Ok(());
    }
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
    std::fs::create_dir_all(peers_dir())?;
    for script in scripts {
        let name = script
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("peer")
            .trim_end_matches("_peer")
            .to_string();
        let spinner = ProgressBar::new_spinner().with_message(format!("CPython peer: {name}"));
        spinner.enable_steady_tick(Duration::from_millis(120));
        let mut cmd = Command::new("python3");
        cmd.arg(&script).current_dir(root());
        if quick {
            cmd.arg("--quick");
        }
        let out = cmd
            .output()
            .with_context(|| format!("could not run {}", script.display()));
        spinner.finish_and_clear();
        let out = out?;
        let parsed: Option<serde_json::Value> = serde_json::from_slice(&out.stdout).ok();
        match (out.status.success(), parsed) {
            (true, Some(value)) => {
                let path = peers_dir().join(format!("{name}.json"));
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
    Ok(())
}
