//! The evalx binary the report measures on whole programs, built the way CPython itself is shipped:
//! profile-guided. `cargo xtask bench` (full and `--quick` runs) builds an instrumented evalx, runs it over
//! evalx's own golden test programs (`crates/evalx/tests/programs/*.py`: the training set is the test
//! corpus, never the pyperformance programs the report then measures), merges the profile with the
//! toolchain's `llvm-profdata` and rebuilds evalx with it. The two builds live in their own target folders
//! (`target/pgo/gen`, `target/pgo/use`) because their `RUSTFLAGS` differ from every other build's.
//!
//! `llvm-profdata` comes from rustup's `llvm-tools` component, which this installs when it is missing
//! (saying so). Where it cannot be had, or any step fails, [`build`] says why and the caller measures the
//! plain release build instead, labelled as such in the report.

use crate::util::{cargo, root, run_step, target_dir};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// How the report names the PGO build.
pub const LABEL: &str = "release profile, profile-guided (trained on evalx's golden test programs)";
/// How the report names the plain build.
pub const PLAIN_LABEL: &str = "release profile";

/// Builds the profile-guided evalx and returns its path.
pub fn build() -> Result<PathBuf> {
    let profdata_tool = llvm_profdata()?;
    let base = target_dir().join("pgo");
    let raw = base.join("raw");
    let _ = std::fs::remove_dir_all(&raw);
    std::fs::create_dir_all(&raw)?;
    let instrumented = build_evalx_in(
        "building an instrumented evalx for profile-guided optimisation (target/pgo/gen)",
        &base.join("gen"),
        "-Cprofile-generate",
    )?;
    let trained = train(&instrumented, &raw)?;
    eprintln!("==> trained the instrumented evalx on {trained} golden programs");
    let merged = base.join("evalx.profdata");
    let mut merge = Command::new(&profdata_tool);
    merge.arg("merge").arg("-o").arg(&merged).arg(&raw);
    run_step("merging the profile (llvm-profdata merge)", &mut merge)?;
    build_evalx_in(
        "building evalx with the profile (target/pgo/use)",
        &base.join("use"),
        &format!("-Cprofile-use={}", merged.display()),
    )
}

/// `cargo build --release -p evalx --bin evalx` into its own target folder with these `RUSTFLAGS`;
/// returns the binary.
fn build_evalx_in(what: &str, target: &Path, rustflags: &str) -> Result<PathBuf> {
    let args = ["build", "--release", "-p", "evalx", "--bin", "evalx"];
    run_step(
        what,
        cargo()
            .args(args)
            .arg("--target-dir")
            .arg(target)
            .env("RUSTFLAGS", rustflags)
            .env_remove("CARGO_TARGET_DIR"),
    )?;
    let exe = target.join("release/evalx");
    if !exe.is_file() {
        bail!("the build left no {}", exe.display());
    }
    Ok(exe)
}

/// Runs the instrumented binary over every golden program (stdin empty, output discarded, 60 s each at
/// most); returns how many ran. Their exit status does not matter (some golden programs end in an
/// exception on purpose), only the profile they leave in `raw`.
fn train(instrumented: &Path, raw: &Path) -> Result<usize> {
    let dir = root().join("crates/evalx/tests/programs");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("could not list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    programs.sort();
    if programs.is_empty() {
        bail!("no training programs in {}", dir.display());
    }
    let pattern = raw.join("evalx-%p-%m.profraw");
    for p in &programs {
        let mut child = Command::new(instrumented)
            .arg(p)
            .current_dir(&dir)
            .env("LLVM_PROFILE_FILE", &pattern)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("could not run {}", instrumented.display()))?;
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            if child.try_wait()?.is_some() {
                break;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let profiles = std::fs::read_dir(raw)?.count();
    if profiles == 0 {
        bail!(
            "the instrumented evalx wrote no profile into {}",
            raw.display()
        );
    }
    Ok(programs.len())
}

/// The toolchain's `llvm-profdata` (rustup's `llvm-tools` component), installed when missing.
fn llvm_profdata() -> Result<PathBuf> {
    if let Some(p) = find_llvm_profdata()? {
        return Ok(p);
    }
    run_step(
        "installing rustup's llvm-tools component (llvm-profdata, for the profile-guided evalx)",
        Command::new("rustup").args(["component", "add", "llvm-tools"]),
    )?;
    find_llvm_profdata()?.context(
        "rustup's llvm-tools component is installed but has no llvm-profdata for this toolchain",
    )
}

fn find_llvm_profdata() -> Result<Option<PathBuf>> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let sysroot = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .context("could not run rustc --print sysroot")?;
    let version = Command::new(&rustc)
        .arg("-vV")
        .output()
        .context("could not run rustc -vV")?;
    let sysroot = String::from_utf8_lossy(&sysroot.stdout).trim().to_string();
    let host = String::from_utf8_lossy(&version.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .context("rustc -vV names no host")?;
    let exe = Path::new(&sysroot)
        .join("lib/rustlib")
        .join(host)
        .join("bin/llvm-profdata");
    Ok(exe.is_file().then_some(exe))
}
