//! Times the simulator's library kernels against plain Rust loops, paired: each round runs the plain loop
//! and the kernel back to back, and the ratio reported is the median over rounds of (kernel / loop), so
//! that a busy machine slows both sides of a pair alike (a quick check; the criterion bench in
//! `benches/benches/gpu.rs` is the measurement of record):
//! `cargo run --release -p gpu --example sim_speed [-- FILTER]`. `RAYON_NUM_THREADS=1` measures one core.

use gpu::kernels::{self, reference};
use gpu::{Barriers, Device, LaunchConfig};
use std::time::Instant;

fn time<F: FnMut()>(reps: usize, f: &mut F) -> f64 {
    let t = Instant::now();
    for _ in 0..reps {
        f();
    }
    t.elapsed().as_secs_f64() / reps as f64
}

/// `(median of the per-round ratios, best loop time, best kernel time)`. With `SIM_SPEED_LAUNCHES=n`, runs
/// only the kernel, n times, untimed (for counting instructions: `valgrind --tool=cachegrind` at two values
/// of n, the difference divided by the launches between them).
fn paired<P: FnMut(), K: FnMut()>(rounds: usize, mut plain: P, mut kernel: K) -> (f64, f64, f64) {
    if let Some(n) = std::env::var("SIM_SPEED_LAUNCHES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        for _ in 0..n {
            kernel();
        }
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    // Enough repetitions per round for about 1 ms of the plain loop.
    plain();
    kernel();
    let once = time(1, &mut plain).max(1e-7);
    let reps = ((1e-3 / once) as usize).clamp(1, 10_000);
    let (mut ratios, mut best_p, mut best_k) = (Vec::new(), f64::MAX, f64::MAX);
    for _ in 0..rounds {
        let p = time(reps, &mut plain);
        let k = time(reps, &mut kernel);
        best_p = best_p.min(p);
        best_k = best_k.min(k);
        ratios.push(k / p);
    }
    ratios.sort_by(f64::total_cmp);
    (ratios[ratios.len() / 2], best_p, best_k)
}

fn show(what: &str, (ratio, p, k): (f64, f64, f64)) {
    println!(
        "{what}: plain loop {:.3} ms, simulator {:.3} ms (best of each); paired median {ratio:.2}x",
        p * 1e3,
        k * 1e3
    );
}

fn main() -> Result<(), gpu::Error> {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let device = Device::simulator();
    let rounds = 15;
    for n in [256usize, 1024, 2048] {
        let a: Vec<f32> = (0..n * n).map(|i| (i % 1000) as f32 * 0.01).collect();
        let mut out = vec![0.0f32; n * n];
        let da = device.to_device(&a, &[n, n])?;
        let dc = device.zeros::<f32>(&[n, n])?;
        let cfg = kernels::cover_2d(n, n);
        let what = format!("mat_add {n}x{n}");
        if what.contains(&filter) {
            show(
                &what,
                paired(
                    rounds,
                    || reference::mat_add(&a, &a, &mut out),
                    || kernels::mat_add(&cfg, &da, &da, &dc).expect("mat_add"),
                ),
            );
        }
        let what = format!("mat_add hand-written span closure {n}x{n}");
        if what.contains(&filter) {
            let (va, vc) = (da.view()?, dc.view()?);
            show(
                &what,
                paired(
                    rounds,
                    || reference::mat_add(&a, &a, &mut out),
                    || {
                        device
                            .launch_sim_span("mat_add", &cfg, |s| {
                                let (i, j) = (s.grid_y(), s.grid_x_below(n));
                                if i >= n || j.is_empty() {
                                    return;
                                }
                                let r = i * n + j.start..i * n + j.end;
                                let (a, b, c) =
                                    (va.range(r.clone()), va.range(r.clone()), vc.range(r));
                                for k in 0..c.len() {
                                    c.set(k, a.get(k) + b.get(k));
                                }
                            })
                            .expect("span")
                    },
                ),
            );
        }
        let what = format!("mat_add per thread (launch_sim) {n}x{n}");
        if what.contains(&filter) {
            let (va, vc) = (da.view()?, dc.view()?);
            show(
                &what,
                paired(
                    rounds,
                    || reference::mat_add(&a, &a, &mut out),
                    || {
                        device
                            .launch_sim("mat_add", &cfg, Barriers::None, |t| {
                                let (j, i) = t.grid2();
                                if i < n && j < n {
                                    vc.set(i * n + j, va.get(i * n + j) + va.get(i * n + j));
                                }
                            })
                            .expect("per thread")
                    },
                ),
            );
        }
    }
    let n = 1 << 20;
    let a: Vec<f32> = (0..n).map(|i| (i % 1000) as f32 * 0.01).collect();
    let x = device.to_device(&a, &[n])?;
    let o = device.zeros::<f32>(&[n])?;
    let mut out = vec![0.0f32; n];
    if "saxpy".contains(&filter) || filter.contains("saxpy") {
        let cfg = LaunchConfig::for_elements(n, 256);
        show(
            &format!("saxpy {n}"),
            paired(
                rounds,
                || reference::saxpy(2.0, &a, &a, &mut out),
                || kernels::saxpy(&cfg, 2.0, &x, &x, &o).expect("saxpy"),
            ),
        );
    }
    if "mandelbrot".contains(&filter) || filter.contains("mandelbrot") {
        let (w, h, iters) = (512, 384, 100);
        let img = device.zeros::<u32>(&[h, w])?;
        let cfg = kernels::cover_2d(h, w);
        show(
            "mandelbrot 512x384",
            paired(
                5,
                || {
                    std::hint::black_box(reference::mandelbrot(
                        &kernels::Region::FULL,
                        w,
                        h,
                        iters,
                    ));
                },
                || {
                    kernels::mandelbrot(&cfg, &img, &kernels::Region::FULL, iters)
                        .expect("mandelbrot")
                },
            ),
        );
    }
    if "matmul".contains(&filter) || filter.contains("matmul") {
        let n = 256;
        let a: Vec<f32> = (0..n * n).map(|i| (i % 1000) as f32 * 0.01).collect();
        let da = device.to_device(&a, &[n, n])?;
        let dc = device.zeros::<f32>(&[n, n])?;
        let mut out = vec![0.0f32; n * n];
        show(
            "matmul 256^3 (barriers)",
            paired(
                3,
                || reference::matmul_ikj(&a, &a, &mut out, n, n, n),
                || kernels::matmul(&da, &da, &dc).expect("matmul"),
            ),
        );
    }
    if "sum".contains(&filter) || filter.contains("sum") {
        show(
            &format!("sum {n} (barriers)"),
            paired(
                3,
                || {
                    std::hint::black_box(a.iter().sum::<f32>());
                },
                || {
                    kernels::sum(&x).expect("sum");
                },
            ),
        );
    }
    Ok(())
}
