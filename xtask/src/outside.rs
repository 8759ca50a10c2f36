//! The gpu crate must build and run from a crate outside this workspace with nothing but the dependency line:
//! no CUDA toolkit, no `[patch]` section, no environment variables. This step proves it: it writes a scratch
//! crate in the system's temporary folder whose manifest has only `gpu = { path = ... }`, builds it with the
//! workspace's `Cargo.lock` (so the versions CI already compiled are reused) and runs it: the seed's mat_add
//! on `Device::new()` (CUDA where a driver is present, else the simulator) must print numba's result, and a
//! `#[gpu::kernel]` of the scratch crate's own must run. The scratch crate builds with `panic = "abort"`, and
//! kernels that fault (out of bounds in the span and the per-thread forms, a diverged warp shuffle, a closure
//! kernel, a closure kernel whose local arrays overflow its stack) must each come back as an `Err` naming the
//! thread, with the process running on: faults are recorded, never raised as panics.

use crate::util::{root, run_step, target_dir};
use anyhow::{Context, Result, bail};

const MAIN_RS: &str = r#"use gpu::{Array1, Array2, Barriers, Device, LaunchConfig, kernel};

// A kernel of the user's own: the attribute's generated code must resolve from outside the workspace.
#[kernel]
fn double(a: Array1<i64>) {
    let i = grid1();
    if i < a.len() {
        a[i] *= 2;
    }
}

// Faults, under `panic = "abort"` (this crate's profile): each launch must come back as `Err`.
#[kernel]
fn past_the_end(a: Array2<f32>, b: Array2<f32>) {
    let (j, i) = grid2();
    if i < b.shape(0) && j < b.shape(1) {
        b[(i, j)] = a[(i, j + 1)];
    }
}

#[kernel]
fn past_the_end_after_a_barrier(a: Array1<f32>) {
    let s = shared::array::<f32, 8>();
    let t = thread_idx().x as usize;
    s[t] = 1.0;
    syncthreads();
    a[grid1()] = s[t + 1];
}

#[kernel]
fn diverged_warp(a: Array1<u32>) {
    let i = grid1();
    if lane_id() != 3 {
        a[i] = warp::shfl_down(a[i], 1);
    } else {
        syncthreads();
    }
}

/// The error's text up to its source location (which names this file's path).
fn fault(outcome: Result<(), gpu::Error>) -> String {
    match outcome {
        Ok(()) => "Ok".to_string(),
        Err(err) => {
            let text = err.to_string();
            format!("Err: {}", text.split(" (at ").next().unwrap_or(&text))
        }
    }
}

fn faults() -> Result<(), gpu::Error> {
    println!("panic = \"abort\": {}", cfg!(panic = "abort"));
    let device = Device::simulator();
    for racecheck in [false, true] {
        device.set_racecheck(racecheck);
        let a = device.zeros::<f32>(&[2, 4])?;
        let b = device.zeros::<f32>(&[2, 4])?;
        println!("{}", fault(past_the_end.launch(&LaunchConfig::new(1, (4, 2)), (&a, &b))));
        let c = device.zeros::<f32>(&[8])?;
        println!("{}", fault(past_the_end_after_a_barrier.launch(&LaunchConfig::new(1, 8), (&c,))));
        let w = device.zeros::<u32>(&[32])?;
        println!("{}", fault(diverged_warp.launch(&LaunchConfig::new(1, 32), (&w,))));
        let v = c.view()?;
        println!(
            "{}",
            fault(device.launch_sim("closure", &LaunchConfig::new(2, 8), Barriers::None, |t| {
                v.set(t.grid1(), 1.0)
            }))
        );
        // 3 MiB of local memory: more than a simulated thread's stack.
        println!(
            "{}",
            fault(device.launch_sim("big_locals", &LaunchConfig::new(1, 4), Barriers::Sync, |t| {
                let mut local = [0u8; 3 << 20];
                local[t.linear_thread_idx()] = 1;
                std::hint::black_box(&mut local);
            }))
        );
    }
    Ok(())
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
    faults()
}
"#;

/// numba's output for the program above (the seed's mat_add), then the doubled array, then each fault
/// (race check off, then on) as an `Err` of the process that runs on.
fn expected() -> String {
    let seed = "[[12 14 16 18]\n [20 22 24 26]\n [28 30 32 34]]\n[2, 4, 6]\n";
    format!("{seed}panic = \"abort\": true\n{FAULTS}{FAULTS}")
}

const FAULTS: &str = r#"Err: simulated kernel `past_the_end` failed: tid=[3, 0, 0] ctaid=[0, 0, 0]: index 4 is out of bounds for axis 1 with size 4 (index [0, 4], shape [2, 4])
Err: simulated kernel `past_the_end_after_a_barrier` failed: tid=[7, 0, 0] ctaid=[0, 0, 0]: index 8 is out of bounds for axis 0 with size 8
Err: simulated kernel `diverged_warp` failed: ctaid=[0, 0, 0]: warp divergence: tid=[0, 0, 0] waits at warp::shfl_down_sync(mask 0xffffffff) at src/main.rs:34:16, while tid=[3, 0, 0] (lane 3, named in its mask) waits at syncthreads() at src/main.rs:36:9; every lane named in a warp function's mask must call it at the same place with the same mask (or return)
Err: simulated kernel `closure` failed: tid=[0, 0, 0] ctaid=[1, 0, 0]: index 8 is out of bounds for axis 0 with size 8
Err: simulated kernel `big_locals` failed: tid=[0, 0, 0] ctaid=[0, 0, 0]: the simulated thread overflowed its stack of 2048 KiB: its local arrays (or its recursion) need more. CUDA allows 512 KiB of local memory per thread; launch a kernel with large local arrays with `Device::launch_sim_local` and their size, which sizes the stacks from it (or refuses more than CUDA allows), or keep the data in a device array
"#;

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
         [dependencies]\ngpu = {{ path = {:?} }}\n\n[profile.dev]\npanic = \"abort\"\n\n[workspace]\n",
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
    let expected = expected();
    if !out.status.success() || stdout != expected {
        bail!(
            "the outside crate printed {stdout:?} ({}), expected {expected:?}; stderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    eprintln!(
        "    it printed numba's mat_add result, ran its own #[gpu::kernel], and got every kernel fault back as an Err under panic = \"abort\""
    );
    Ok(())
}
