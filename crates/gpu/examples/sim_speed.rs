//! Times the simulator's library kernels against plain Rust loops (a quick check; the criterion bench in
//! `benches/benches/gpu.rs` is the measurement of record): `cargo run --release -p gpu --example sim_speed`.

use gpu::kernels::{self, reference};
use gpu::{Device, LaunchConfig};
use std::time::Instant;

fn best<F: FnMut()>(reps: usize, mut f: F) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..reps {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn main() -> Result<(), gpu::Error> {
    let device = Device::simulator();
    for n in [256usize, 1024] {
        let reps = if std::env::var("SIM_SPEED_ONLY").is_ok() {
            2000
        } else {
            50
        };
        let a: Vec<f32> = (0..n * n).map(|i| (i % 1000) as f32 * 0.01).collect();
        let mut out = vec![0.0f32; n * n];
        let plain = best(reps, || reference::mat_add(&a, &a, &mut out));
        let da = device.to_device(&a, &[n, n])?;
        let dc = device.zeros::<f32>(&[n, n])?;
        let cfg = kernels::cover_2d(n, n);
        let sim = best(50, || {
            kernels::mat_add(&cfg, &da, &da, &dc).expect("mat_add")
        });
        println!(
            "mat_add {n}x{n}: plain loop {:.3} ms, simulator {:.3} ms ({:.2}x)",
            plain * 1e3,
            sim * 1e3,
            sim / plain
        );
    }
    if std::env::var("SIM_SPEED_ONLY").is_ok() {
        return Ok(());
    }
    let n = 256;
    let a: Vec<f32> = (0..n * n).map(|i| (i % 1000) as f32 * 0.01).collect();
    let da = device.to_device(&a, &[n, n])?;
    let dc = device.zeros::<f32>(&[n, n])?;
    let sim = best(10, || kernels::matmul(&da, &da, &dc).expect("matmul"));
    println!("matmul {n}^3: simulator {:.2} ms", sim * 1e3);
    let x = device.to_device(&a, &[n * n])?;
    let (y, o) = (
        device.to_device(&a, &[n * n])?,
        device.zeros::<f32>(&[n * n])?,
    );
    let mut out = vec![0.0f32; n * n];
    let plain = best(50, || reference::saxpy(2.0, &a, &a, &mut out));
    let cfg = LaunchConfig::for_elements(n * n, 256);
    let sim = best(50, || kernels::saxpy(&cfg, 2.0, &x, &y, &o).expect("saxpy"));
    println!(
        "saxpy {}: plain {:.3} ms, simulator {:.3} ms ({:.2}x)",
        n * n,
        plain * 1e3,
        sim * 1e3,
        sim / plain
    );
    let s = best(10, || {
        kernels::sum(&x).expect("sum");
    });
    println!("sum {}: simulator {:.3} ms", n * n, s * 1e3);
    Ok(())
}
