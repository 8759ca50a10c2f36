//! `cargo xtask test`: the whole suite CI runs. It installs what the tests need when it is missing, says
//! what it is doing, and ends with `cargo test`'s own summary lines. Besides `cargo test --workspace` it runs
//! evalx's program table on an optimised build, pyperformance's benchmarks under evalx and CPython
//! (`crate::suite`, the wheel fetched from PyPI) and `cargo xtask bench --smoke` (every bench once, and the
//! report it makes checked for every section). Open MPI and libclang are installed first when missing
//! (`crate::mpi`): the workspace's `mpipool` crate needs them to build, and its tests run real `mpiexec`
//! jobs of 3 and 5 ranks.

use crate::util::{cargo, run_step, succeeds};
use anyhow::{Result, bail};
use std::process::Command;

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Skip `cargo fmt --check` and clippy (for a quick local run; CI never passes this).
    #[arg(long)]
    pub no_lint: bool,
    /// Extra arguments passed to `cargo test` after `--` (e.g. a test name filter).
    #[arg(last = true)]
    pub test_args: Vec<String>,
}

pub fn run(args: &TestArgs) -> Result<()> {
    // Before clippy and every build: mpipool (a workspace member) links an MPI library through bindgen.
    crate::mpi::ensure_mpi()?;
    if !args.no_lint {
        ensure_component("rustfmt", &["fmt", "--version"])?;
        ensure_component("clippy", &["clippy", "--version"])?;
        run_step(
            "checking formatting (cargo fmt --check)",
            cargo().args(["fmt", "--all", "--", "--check"]),
        )?;
        run_step(
            "linting (cargo clippy --all-targets -D warnings)",
            cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )?;
    }
    check_ptx_fresh()?;
    crate::outside::check_gpu_outside_workspace()?;
    if args.test_args.is_empty() {
        // evalx once had a generator bug that only optimised code showed: run its program table (checked
        // against CPython 3.11) on a release build too. Before `cargo test` so the suite ends with its summary.
        run_step(
            "running evalx's program table and hostile programs on an optimised build (cargo test --release -p evalx --test programs --test hostile)",
            cargo().args([
                "test",
                "--release",
                "--package",
                "evalx",
                "--test",
                "programs",
                "--test",
                "hostile",
            ]),
        )?;
        // Real programs: pyperformance's pure-Python benchmarks, fetched from PyPI (never copied here) and
        // run unchanged under evalx and CPython 3.11; each must print what CPython prints, except the
        // documented KNOWN_FAILING ones. Without PyPI this step fails, saying so.
        crate::suite::check()?;
        // evalx must never crash its host: 20,000 seeded random and mutated programs under tight limits
        // (about a minute optimised; failures are saved under target/fuzz-failures for replay).
        run_step(
            "fuzzing evalx: 20,000 seeded cases (cargo xtask fuzz for longer runs)",
            &mut crate::fuzz::command(20_000, 1, "target/fuzz-failures"),
        )?;
    }
    let mut test = cargo();
    test.args(["test", "--workspace"]);
    let window_tools = crate::xvfb::ensure_window_test_tools()?;
    if window_tools {
        // The viewer crate's window tests then fail instead of skipping if a tool is still missing.
        test.env(crate::xvfb::REQUIRE_VAR, "1");
    }
    if args.test_args.is_empty() {
        // Every bench runs once at the smallest settings and the report is rendered from what they measured
        // and checked for every section, so neither the benches nor the report rot between full runs.
        let mut smoke = cargo();
        smoke.args(["xtask", "bench", "--smoke"]);
        if window_tools {
            smoke.env(crate::xvfb::REQUIRE_VAR, "1");
        }
        run_step(
            "running every bench once and checking the report it makes (cargo xtask bench --smoke)",
            &mut smoke,
        )?;
    }
    if !args.test_args.is_empty() {
        test.arg("--").args(&args.test_args);
    }
    run_step("running the test suite (cargo test --workspace)", &mut test)
}

/// Installs a rustup component when the cargo subcommand it provides is missing.
fn ensure_component(component: &str, probe: &[&str]) -> Result<()> {
    if succeeds(cargo().args(probe)) {
        return Ok(());
    }
    eprintln!("==> {component} is missing; installing it with rustup");
    let installed = Command::new("rustup")
        .args(["component", "add", component])
        .status()
        .is_ok_and(|s| s.success());
    if !installed || !succeeds(cargo().args(probe)) {
        bail!(
            "`cargo {}` is unavailable and `rustup component add {component}` did not fix it",
            probe[0]
        );
    }
    Ok(())
}

/// The gpu crate's committed PTX must be what `cargo xtask kernels` produces. When nvcc is in its cache or can
/// be installed (python3 + pip + g++), the kernels are recompiled into a temporary folder and compared byte for
/// byte; otherwise the step says why it is skipped (the simulator tests do not need nvcc).
fn check_ptx_fresh() -> Result<()> {
    if !crate::kernels::nvcc_installed() && !crate::kernels::nvcc_installable() {
        eprintln!(
            "\n==> skipping the PTX freshness check: no cached nvcc, and python3/pip/g++ are missing"
        );
        return Ok(());
    }
    eprintln!("\n==> checking that the committed PTX is fresh (cargo xtask kernels --check)");
    match crate::kernels::ensure_nvcc() {
        Ok(_) => crate::kernels::run(&crate::kernels::KernelsArgs { check: true }),
        Err(err) if !crate::kernels::nvcc_installed() => {
            eprintln!(
                "==> skipping the PTX freshness check: nvcc could not be installed ({err:#})"
            );
            Ok(())
        }
        Err(err) => Err(err),
    }
}
