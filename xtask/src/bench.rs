//! `cargo xtask bench`: runs the criterion benches under `benches/` and the Python peers under
//! `benches/python/`, then writes `docs/benchmarks.md` and `docs/benchmarks.json` from what they measured.

use crate::report;
use crate::util::{cargo, on_path, root, run_step};
use anyhow::{Context, Result};
use std::process::Command;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// A short run (fewer samples, shorter measurement): numbers are noisier but the report is complete.
    #[arg(long)]
    pub quick: bool,
    /// Only run benches whose criterion id matches this filter (the report still covers every section,
    /// reusing earlier results where this run did not measure them).
    #[arg(long)]
    pub filter: Option<String>,
    /// Skip the Python peers (CPython's executors); their rows then say "not measured".
    #[arg(long)]
    pub no_python: bool,
}

pub fn run(args: &BenchArgs) -> Result<()> {
    let mut bench = cargo();
    bench.args(["bench", "--package", "tasklab-benches", "--benches", "--"]);
    if args.quick {
        bench.args([
            "--warm-up-time",
            "0.5",
            "--measurement-time",
            "1",
            "--sample-size",
            "10",
        ]);
    }
    if let Some(filter) = &args.filter {
        bench.arg(filter);
    }
    run_step(
        "running the criterion benches (tasklab-benches)",
        &mut bench,
    )?;

    let python = if args.no_python {
        None
    } else {
        run_python_peers(args.quick)?
    };
    let path = report::write(python.as_ref(), args.quick)?;
    eprintln!("\n==> wrote {}", path.display());
    Ok(())
}

/// Runs `benches/python/pool_peer.py` when `python3` exists; its JSON goes into the report.
fn run_python_peers(quick: bool) -> Result<Option<serde_json::Value>> {
    if !on_path("python3") {
        eprintln!(
            "==> python3 not found: the CPython rows of the report will say \"not measured\""
        );
        return Ok(None);
    }
    let script = root().join("benches/python/pool_peer.py");
    eprintln!(
        "\n==> measuring CPython's ThreadPoolExecutor ({})",
        script.display()
    );
    let mut cmd = Command::new("python3");
    cmd.arg(&script);
    if quick {
        cmd.arg("--quick");
    }
    let out = cmd
        .output()
        .with_context(|| format!("could not run {}", script.display()))?;
    if !out.status.success() {
        eprintln!(
            "==> {} failed ({}); CPython rows will say \"not measured\":\n{}",
            script.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        return Ok(None);
    }
    let value = serde_json::from_slice(&out.stdout)
        .with_context(|| format!("{} printed something that is not JSON", script.display()))?;
    Ok(Some(value))
}
