//! The gpu crate must build and run from a crate outside this workspace with nothing but the dependency line:
//! no CUDA toolkit, no `[patch]` section, no environment variables. This step proves it: it writes a scratch
//! crate in the system's temporary folder whose manifest has only `gpu = { path = ... }`, builds it with the
//! workspace's `Cargo.lock` (so the versions CI already compiled are reused) and runs it: the seed's mat_add
//! on `Device::new()` (CUDA where a driver is present, else the simulator) must print numba's result, and a
//! `#[gpu::kernel]` of the scratch crate's own must run.

use crate::util::{root, run_step, target_dir};
use anyhow::{Context, Result, bail};

const MAIN_RS: &str = r#"use gpu::{Array1, Device, LaunchConfig, kernel};

// A kernel of the user's own: the attribute's generated code must resolve from outside the workspace.
#[kernel]
fn double(a: Array1<i64>) {
    let i = grid1();
    if i < a.len() {
        a[i] *= 2;
    }
}

fn main() -> Result<(), gpu::Error> {
    let device = Device::new();
    let a = device.to_device(&(0..12).collect::<Vec<i64>>(), &[3, 4])?;
    let b = device.to_device(&(12..24).collect::<Vec<i64>>(), &[3, 4])?;
    let c = device.device_array_like(&a)?;
    gpu::kernels::mat_add(&LaunchConfig::new((1, 1), (4, 3)), &a, &b, &c)?;
    println!("{}", gpu::numpy_str(&c.copy_to_host()?, c.shape()));
    let d = device.to_device(&[1i64, 2, 3], &[3])?;
    double.launch(&LaunchConfig::new(1, 4), (&d,))?;
    println!("{:?}", d.copy_to_host()?);
    Ok(())
}
"#;

/// numba's output for the program above (the seed's mat_add), then the doubled array.
const EXPECTED: &str = "[[12 14 16 18]\n [20 22 24 26]\n [28 30 32 34]]\n[2, 4, 6]\n";

/// Builds and runs the scratch crate; fails when it does not build or prints anything else.
pub fn check_gpu_outside_workspace() -> Result<()> {
    let dir = std::env::temp_dir().join(format!("tasklab-outside-gpu-{}", std::process::id()));
    let result = build_and_run(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn build_and_run(dir: &std::path::Path) -> Result<()> {
    let gpu = root().join("crates/gpu");
    std::fs::create_dir_all(dir.join("src"))
        .with_context(|| format!("creating {}", dir.display()))?;
    // `[workspace]` makes the scratch crate its own workspace even if the temporary folder is inside another.
    let manifest = format!(
        "[package]\nname = \"outside-gpu-user\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ngpu = {{ path = {:?} }}\n\n[workspace]\n",
        gpu.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest)?;
    std::fs::write(dir.join("src/main.rs"), MAIN_RS)?;
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock"))
        .context("copying Cargo.lock")?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = std::process::Command::new(&cargo);
    build
        .current_dir(dir)
        .args(["build", "--quiet"])
        .env("CARGO_TARGET_DIR", target_dir().join("outside-crate"));
    run_step(
        "building a crate outside the workspace that depends on gpu by path alone (no CUDA toolkit, no [patch])",
        &mut build,
    )?;
    let exe = target_dir()
        .join("outside-crate/debug")
        .join(format!("outside-gpu-user{}", std::env::consts::EXE_SUFFIX));
    let out = std::process::Command::new(&exe)
        .output()
        .with_context(|| format!("running {}", exe.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || stdout != EXPECTED {
        bail!(
            "the outside crate printed {stdout:?} ({}), expected {EXPECTED:?}; stderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    eprintln!("    it printed numba's mat_add result and ran its own #[gpu::kernel]");
    Ok(())
}
