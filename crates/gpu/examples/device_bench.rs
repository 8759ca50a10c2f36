//! Measures the kernel library on every backend this machine has and prints the numbers as JSON: the plain
//! Rust loop (CPU), the simulator, and — when a CUDA device exists — the GPU, kernel alone and end to end with
//! its host-device copies counted; plus mat_add/saxpy bandwidth against a device-to-device copy. The JSON of a
//! GPU run is saved under `docs/gpu-results/` and shown by the benchmark report beside this machine's
//! criterion numbers.
//!
//! ```sh
//! cargo run --release -p gpu --example device_bench [-- --quick] > result.json
//! ```

use gpu::kernels::{self, Region, reference};
use gpu::{Backend, Device, LaunchConfig};
use std::time::Instant;

type Res<T> = Result<T, gpu::Error>;

/// Median seconds of `reps` runs of `f` (after one warm-up run).
fn median(reps: usize, mut f: impl FnMut() -> Res<()>) -> Res<f64> {
    f()?;
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(times[times.len() / 2])
}

fn json_num(v: Option<f64>) -> String {
    v.map_or("null".into(), |v| format!("{v:.9e}"))
}

fn main() -> Res<()> {
    let quick = std::env::args().any(|a| a == "--quick");
    let cuda = Device::cuda().ok();
    let sim = Device::simulator();
    let reps = if quick { 5 } else { 20 };
    let mut rows = Vec::new();

    // mat_add (f32, n x n): CPU loop, simulator, GPU kernel, GPU end to end, D2D copy of one array.
    let mat_sizes: &[usize] = if quick {
        &[256, 1024]
    } else {
        &[256, 1024, 2048, 4096, 8192]
    };
    for &n in mat_sizes {
        let a: Vec<f32> = (0..n * n).map(|i| (i % 1000) as f32).collect();
        let b: Vec<f32> = (0..n * n).map(|i| (i % 777) as f32).collect();
        let mut out = vec![0.0f32; n * n];
        let cpu = median(reps, || {
            reference::mat_add(&a, &b, &mut out);
            Ok(())
        })?;
        let cfg = kernels::cover_2d(n, n);
        let sim_s = if n <= 4096 {
            let (da, db, dc) = (
                sim.to_device(&a, &[n, n])?,
                sim.to_device(&b, &[n, n])?,
                sim.zeros::<f32>(&[n, n])?,
            );
            Some(median(reps, || kernels::mat_add(&cfg, &da, &db, &dc))?)
        } else {
            None
        };
        let (mut gpu_kernel, mut gpu_e2e, mut d2d, mut copies) = (None, None, None, None);
        if let Some(dev) = &cuda {
            let (da, db, dc) = (
                dev.to_device(&a, &[n, n])?,
                dev.to_device(&b, &[n, n])?,
                dev.zeros::<f32>(&[n, n])?,
            );
            gpu_kernel = Some(median(reps, || {
                kernels::mat_add(&cfg, &da, &db, &dc)?;
                dev.synchronize()
            })?);
            d2d = Some(median(reps, || {
                dc.copy_from_device(&da)?;
                dev.synchronize()
            })?);
            dev.reset_transfers();
            gpu_e2e = Some(median(reps, || {
                let (xa, xb) = (dev.to_device(&a, &[n, n])?, dev.to_device(&b, &[n, n])?);
                let xc = dev.zeros::<f32>(&[n, n])?;
                kernels::mat_add(&cfg, &xa, &xb, &xc)?;
                xc.copy_to_host_into(&mut out)
            })?);
            let t = dev.transfers();
            copies = Some(format!(
                "{{\"host_to_device_per_run\": {}, \"device_to_host_per_run\": {}}}",
                t.host_to_device / (reps as u64 + 1),
                t.device_to_host / (reps as u64 + 1)
            ));
        }
        let bytes = 3.0 * (n * n * 4) as f64;
        rows.push(format!(
            "{{\"kernel\": \"mat_add_f32\", \"n\": {n}, \"elements\": {}, \"cpu_s\": {}, \"sim_s\": {}, \"gpu_kernel_s\": {}, \"gpu_end_to_end_s\": {}, \"d2d_copy_s\": {}, \"kernel_gb_per_s\": {}, \"d2d_gb_per_s\": {}, \"copies\": {}}}",
            n * n,
            json_num(Some(cpu)),
            json_num(sim_s),
            json_num(gpu_kernel),
            json_num(gpu_e2e),
            json_num(d2d),
            json_num(gpu_kernel.map(|s| bytes / s / 1e9)),
            json_num(d2d.map(|s| 2.0 * (n * n * 4) as f64 / s / 1e9)),
            copies.unwrap_or_else(|| "null".into())
        ));
    }

    // saxpy (f32, grid-stride, 1-D): bandwidth against a D2D copy.
    let sax_n: usize = if quick { 1 << 22 } else { 1 << 26 };
    if let Some(dev) = &cuda {
        let x: Vec<f32> = (0..sax_n).map(|i| (i % 1000) as f32).collect();
        let (dx, dy, dout) = (
            dev.to_device(&x, &[sax_n])?,
            dev.to_device(&x, &[sax_n])?,
            dev.zeros::<f32>(&[sax_n])?,
        );
        let sms = 132 * 8; // enough blocks to fill an H100; the grid-stride loop covers the rest
        let cfg = LaunchConfig::new(sms, 256);
        let k = median(reps, || {
            kernels::saxpy(&cfg, 2.0, &dx, &dy, &dout)?;
            dev.synchronize()
        })?;
        let cfg_full = LaunchConfig::for_elements(sax_n, 256);
        let k_full = median(reps, || {
            kernels::saxpy(&cfg_full, 2.0, &dx, &dy, &dout)?;
            dev.synchronize()
        })?;
        let c = median(reps, || {
            dout.copy_from_device(&dx)?;
            dev.synchronize()
        })?;
        let bytes = 3.0 * (sax_n * 4) as f64;
        rows.push(format!(
            "{{\"kernel\": \"saxpy\", \"elements\": {sax_n}, \"gpu_kernel_s\": {}, \"gpu_kernel_one_thread_per_element_s\": {}, \"d2d_copy_s\": {}, \"kernel_gb_per_s\": {}, \"kernel_one_thread_per_element_gb_per_s\": {}, \"d2d_gb_per_s\": {}}}",
            json_num(Some(k)),
            json_num(Some(k_full)),
            json_num(Some(c)),
            json_num(Some(bytes / k / 1e9)),
            json_num(Some(bytes / k_full / 1e9)),
            json_num(Some(2.0 * (sax_n * 4) as f64 / c / 1e9))
        ));
    }

    // matmul (f32, n x n x n, tiled): CPU i-k-j loop, simulator (coroutines), GPU.
    let mm_sizes: &[usize] = if quick {
        &[64, 128]
    } else {
        &[128, 256, 512, 1024, 2048]
    };
    for &n in mm_sizes {
        let a: Vec<f32> = (0..n * n).map(|i| ((i * 7) % 13) as f32 * 0.25).collect();
        let mut c = vec![0.0f32; n * n];
        let cpu_reps = if n >= 1024 { 3 } else { reps };
        let cpu = median(cpu_reps, || {
            reference::matmul_ikj(&a, &a, &mut c, n, n, n);
            Ok(())
        })?;
        let sim_s = if n <= 256 {
            let (da, dc) = (sim.to_device(&a, &[n, n])?, sim.zeros::<f32>(&[n, n])?);
            Some(median(3, || kernels::matmul(&da, &da, &dc))?)
        } else {
            None
        };
        let (mut gpu_kernel, mut gpu_e2e, mut gpu_cuda_c) = (None, None, None);
        if let Some(dev) = &cuda {
            let (da, dc) = (dev.to_device(&a, &[n, n])?, dev.zeros::<f32>(&[n, n])?);
            gpu_kernel = Some(median(reps, || {
                kernels::matmul(&da, &da, &dc)?;
                dev.synchronize()
            })?);
            // The hand-written CUDA C the #[gpu::kernel] matmul replaces, for comparison.
            let module = dev.load_ptx(kernels::PTX[2].1)?;
            let cfg = gpu::LaunchConfig::for_matrix(n, n, (16, 16));
            let dim = gpu::KernelArg::U32(n as u32);
            gpu_cuda_c = Some(median(reps, || {
                module.launch(
                    "matmul_f32",
                    &cfg,
                    &[(&da).into(), (&da).into(), (&dc).into(), dim, dim, dim],
                )?;
                dev.synchronize()
            })?);
            gpu_e2e = Some(median(reps, || {
                let (xa, xc) = (dev.to_device(&a, &[n, n])?, dev.zeros::<f32>(&[n, n])?);
                kernels::matmul(&xa, &xa, &xc)?;
                xc.copy_to_host_into(&mut c)
            })?);
        }
        let flops = 2.0 * (n as f64).powi(3);
        rows.push(format!(
            "{{\"kernel\": \"matmul_f32\", \"n\": {n}, \"cpu_s\": {}, \"sim_s\": {}, \"gpu_kernel_s\": {}, \"gpu_cuda_c_kernel_s\": {}, \"gpu_end_to_end_s\": {}, \"gpu_gflops\": {}, \"cpu_gflops\": {}}}",
            json_num(Some(cpu)),
            json_num(sim_s),
            json_num(gpu_kernel),
            json_num(gpu_cuda_c),
            json_num(gpu_e2e),
            json_num(gpu_kernel.map(|s| flops / s / 1e9)),
            json_num(Some(flops / cpu / 1e9))
        ));
    }

    // mandelbrot 1024 x 768, 256 iterations.
    let (w, h, iters) = (1024usize, 768usize, 256u32);
    let cpu = median(reps.min(5), || {
        std::hint::black_box(reference::mandelbrot(&Region::FULL, w, h, iters));
        Ok(())
    })?;
    let cfg = kernels::cover_2d(h, w);
    let sim_out = sim.zeros::<u32>(&[h, w])?;
    let sim_s = median(reps.min(5), || {
        kernels::mandelbrot(&cfg, &sim_out, &Region::FULL, iters)
    })?;
    let gpu_s = match &cuda {
        Some(dev) => {
            let out = dev.zeros::<u32>(&[h, w])?;
            Some(median(reps, || {
                kernels::mandelbrot(&cfg, &out, &Region::FULL, iters)?;
                dev.synchronize()
            })?)
        }
        None => None,
    };
    rows.push(format!(
        "{{\"kernel\": \"mandelbrot\", \"width\": {w}, \"height\": {h}, \"max_iter\": {iters}, \"cpu_s\": {}, \"sim_s\": {}, \"gpu_kernel_s\": {}}}",
        json_num(Some(cpu)),
        json_num(Some(sim_s)),
        json_num(gpu_s)
    ));

    let device_name = cuda
        .as_ref()
        .map_or_else(|| "none".to_string(), |d| d.name().to_string());
    let backend = if cuda.is_some() {
        Backend::Cuda
    } else {
        Backend::Simulator
    };
    println!("{{");
    println!("  \"device\": \"{device_name}\",");
    println!("  \"backend\": \"{backend}\",");
    println!("  \"simulator_threads\": {},", rayon::current_num_threads());
    println!("  \"quick\": {quick},");
    println!("  \"results\": [\n    {}\n  ]", rows.join(",\n    "));
    println!("}}");
    Ok(())
}
