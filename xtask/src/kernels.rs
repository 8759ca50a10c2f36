//! `cargo xtask kernels`: compiles every CUDA C kernel under `crates/gpu/kernels/` to the PTX the `gpu` crate
//! embeds, with nvcc from pinned PyPI wheels (no CUDA toolkit needed), validates each PTX with ptxas, and with
//! `--check` fails when the committed PTX differs from what the sources produce.
//!
//! Pins: nvcc/nvvm/crt 13.0.88 and runtime 13.0.96 all together. An unpinned nvvm (13.5) emits PTX ISA 9.5,
//! which driver 580 (CUDA 13.0) refuses; 13.0 emits ISA 9.0. The target is `compute_75`, the oldest CUDA 13
//! supports, so the PTX JIT-compiles on every GPU from Turing on. `-fmad=false` keeps multiply and add
//! separately rounded, as in the simulator's Rust twins, so both backends give identical results.

use crate::util::{on_path, root};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The wheels nvcc comes from; all four pinned (see the module docs).
const WHEELS: [&str; 4] = [
    "nvidia-cuda-nvcc==13.0.88",
    "nvidia-nvvm==13.0.88",
    "nvidia-cuda-crt==13.0.88",
    "nvidia-cuda-runtime==13.0.96",
];
/// Flags every kernel is compiled with.
const NVCC_FLAGS: [&str; 4] = ["-ptx", "-arch=compute_75", "-O3", "-fmad=false"];
/// ptxas targets each PTX must assemble for: the oldest supported GPU and the H100/H200 the project measures on.
const PTXAS_TARGETS: [&str; 2] = ["sm_75", "sm_90"];

#[derive(Debug, clap::Args)]
pub struct KernelsArgs {
    /// Do not write anything: fail when a committed `.ptx` is missing, stale, or has no `.cu`.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: &KernelsArgs) -> Result<()> {
    let nvcc = ensure_nvcc()?;
    if args.check {
        check(&nvcc)?;
    } else {
        generate(&nvcc)?;
    }
    validate_generated(&nvcc)
}

/// ptxas checks every PTX module `#[gpu::kernel]` generates: the library's kernels (`gpu::kernels::
/// GENERATED_PTX`), the kernels of the gpu crate's macro and warp tests and of its `kernel` example (which write theirs
/// into a folder when `GPU_DUMP_PTX` names one).
fn validate_generated(nvcc: &Path) -> Result<()> {
    let tmp = std::env::temp_dir().join(format!("tasklab-gen-ptx-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let outcome = validate_generated_into(nvcc, &tmp);
    let _ = std::fs::remove_dir_all(&tmp);
    outcome
}

fn validate_generated_into(nvcc: &Path, tmp: &Path) -> Result<()> {
    for (name, ptx) in gpu::kernels::GENERATED_PTX {
        std::fs::write(tmp.join(format!("{name}.ptx")), ptx)?;
    }
    let dumped = crate::util::cargo()
        .args([
            "test",
            "--quiet",
            "--package",
            "gpu",
            "--test",
            "kernel_macro",
            "--test",
            "warp",
            "--",
            "the_ptx_declares",
        ])
        .env("GPU_DUMP_PTX", tmp)
        .status()
        .context("could not run cargo test for the macro kernels")?;
    if !dumped.success() {
        bail!("the gpu crate's macro tests failed ({dumped}); see above");
    }
    let example = crate::util::cargo()
        .args(["run", "--quiet", "--package", "gpu", "--example", "kernel"])
        .env("GPU_DUMP_PTX", tmp)
        .env(gpu::SIMULATOR_ENV, "1")
        .stdout(std::process::Stdio::null())
        .status()
        .context("could not run the gpu crate's kernel example")?;
    if !example.success() {
        bail!("the gpu crate's kernel example failed ({example}); see above");
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(tmp)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ptx"))
        .collect();
    files.sort();
    let ptxas = nvcc.with_file_name("ptxas");
    for file in &files {
        ptxas_accepts(
            &ptxas,
            file,
            &format!("the PTX #[gpu::kernel] generated for {}", file.display()),
        )?;
    }
    eprintln!(
        "==> ptxas ({}) accepts the PTX #[gpu::kernel] generated for {} kernel modules",
        PTXAS_TARGETS.join(", "),
        files.len()
    );
    Ok(())
}

/// Where the kernels and their committed PTX live.
fn kernel_dir() -> PathBuf {
    root().join("crates/gpu/kernels")
}

/// The folder the wheels are installed into: `$TASKLAB_NVCC_DIR`, else `~/.cache/tasklab/nvcc-13.0.88`.
fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TASKLAB_NVCC_DIR") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("tasklab").join("nvcc-13.0.88")
}

fn nvcc_path() -> PathBuf {
    cache_dir().join("nvidia/cu13/bin/nvcc")
}

/// Whether nvcc is already installed in the cache (so the freshness check costs no download).
pub fn nvcc_installed() -> bool {
    nvcc_path().is_file()
}

/// Whether nvcc can be installed here (python3 with pip, and the C++ compiler nvcc drives).
pub fn nvcc_installable() -> bool {
    on_path("python3")
        && on_path("g++")
        && crate::util::succeeds(Command::new("python3").args(["-m", "pip", "--version"]))
}

/// Returns nvcc's path, installing the pinned wheels into the cache first when they are missing.
pub fn ensure_nvcc() -> Result<PathBuf> {
    let nvcc = nvcc_path();
    if nvcc.is_file() {
        return Ok(nvcc);
    }
    if !on_path("g++") || !on_path("gcc") {
        bail!(
            "nvcc needs gcc and g++ on PATH (gcc <= 15): install them, e.g. `apt-get install g++`"
        );
    }
    let dir = cache_dir();
    eprintln!(
        "==> installing nvcc 13.0 from PyPI into {} (about 100 MB, once)",
        dir.display()
    );
    let status = Command::new("python3")
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
        ])
        .arg(&dir)
        .args(WHEELS)
        .status()
        .context("could not run `python3 -m pip`; install Python 3 with pip")?;
    if !status.success() || !nvcc.is_file() {
        bail!(
            "`pip install --target {} {}` failed ({status}); see its output above",
            dir.display(),
            WHEELS.join(" ")
        );
    }
    Ok(nvcc)
}

/// The `.cu` sources, sorted.
fn sources() -> Result<Vec<PathBuf>> {
    let dir = kernel_dir();
    let mut cu: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cu"))
        .collect();
    cu.sort();
    if cu.is_empty() {
        bail!("no .cu files in {}", dir.display());
    }
    Ok(cu)
}

/// Compiles `cu` to `ptx` and validates the result with ptxas.
fn compile(nvcc: &Path, cu: &Path, ptx: &Path) -> Result<()> {
    let status = Command::new(nvcc)
        .args(NVCC_FLAGS)
        .arg(cu)
        .arg("-o")
        .arg(ptx)
        .status()
        .with_context(|| format!("could not run {}", nvcc.display()))?;
    if !status.success() {
        bail!(
            "nvcc failed on {} ({status}); its message is above",
            cu.display()
        );
    }
    ptxas_accepts(
        &nvcc.with_file_name("ptxas"),
        ptx,
        &ptx.display().to_string(),
    )
}

/// Assembles `ptx` with ptxas for every target in `PTXAS_TARGETS`; an error names `what` was rejected.
fn ptxas_accepts(ptxas: &Path, ptx: &Path, what: &str) -> Result<()> {
    for target in PTXAS_TARGETS {
        let out = Command::new(ptxas)
            .arg(format!("-arch={target}"))
            .arg(ptx)
            .arg("-o")
            .arg("/dev/null")
            .output()
            .with_context(|| format!("could not run {}", ptxas.display()))?;
        if !out.status.success() {
            bail!(
                "ptxas -arch={target} rejects {what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    Ok(())
}

fn ptx_name(cu: &Path) -> PathBuf {
    PathBuf::from(cu.file_name().unwrap_or_default()).with_extension("ptx")
}

fn generate(nvcc: &Path) -> Result<()> {
    for cu in sources()? {
        let ptx = kernel_dir().join(ptx_name(&cu));
        compile(nvcc, &cu, &ptx)?;
        eprintln!(
            "==> {} -> {} (ptxas {}: ok)",
            cu.display(),
            ptx.display(),
            PTXAS_TARGETS.join(", ")
        );
    }
    Ok(())
}

fn check(nvcc: &Path) -> Result<()> {
    let tmp = std::env::temp_dir().join(format!("tasklab-ptx-check-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let outcome = check_into(nvcc, &tmp);
    let _ = std::fs::remove_dir_all(&tmp);
    outcome
}

fn check_into(nvcc: &Path, tmp: &Path) -> Result<()> {
    let mut stale = Vec::new();
    let sources = sources()?;
    for cu in &sources {
        let name = ptx_name(cu);
        let fresh = tmp.join(&name);
        compile(nvcc, cu, &fresh)?;
        let committed = kernel_dir().join(&name);
        let same = std::fs::read(&committed).ok()
            == Some(
                std::fs::read(&fresh)
                    .with_context(|| format!("cannot read {}", fresh.display()))?,
            );
        if !same {
            stale.push(committed.display().to_string());
        }
    }
    for entry in std::fs::read_dir(kernel_dir())?.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "ptx") && !path.with_extension("cu").is_file() {
            stale.push(format!("{} (no .cu source)", path.display()));
        }
    }
    if !stale.is_empty() {
        bail!(
            "the committed PTX is stale: {}. Run `cargo xtask kernels` and commit the result",
            stale.join(", ")
        );
    }
    eprintln!(
        "==> PTX is fresh: {} kernels regenerated byte-identical",
        sources.len()
    );
    Ok(())
}
