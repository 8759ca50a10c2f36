//! The gpu crate's benches: the kernel library on the CPU simulator (and on CUDA when this machine has a
//! device) beside a plain Rust loop doing the same arithmetic, over a sweep of array sizes. The report
//! (`xtask/src/report/gpu.rs`) shows these as this machine's numbers, labelled as the simulator, next to the
//! GPU results saved under `docs/gpu-results/`.
//!
//! Ids: `<backend>_<size>` with backend `cpu_loop`, `simulator` or `cuda`; for mat_add also
//! `simulator_per_thread_<size>`, the same kernel written per thread (`Device::launch_sim`, numba's form, as a
//! user's own kernel would be) where the library uses the span form.
//!
//! The report's verdicts (simulator within 3x of the loop; where it beats the loop) rest on paired rounds
//! (`tasklab_benches::paired_rounds`, one comparison `gpu_<kernel>_<size>` per row, the loop and every
//! device once per round in rotating order), so a load change hits the loop and the kernel alike. A quick
//! run leaves out the criterion rows those rounds already measure.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gpu::kernels::{self, Region, reference};
use gpu::{Barriers, Device, LaunchConfig};
use std::hint::black_box;
use tasklab_benches::{Contender, paired_budget, paired_rounds, quick};

/// mat_add sizes (n x n); keep in step with `MAT_ADD_SIZES` in xtask/src/report/gpu.rs.
const MAT_ADD_SIZES: [usize; 3] = [256, 1024, 2048];
/// matmul sizes (n x n x n); keep in step with `MATMUL_SIZES` in the report.
const MATMUL_SIZES: [usize; 3] = [64, 128, 256];

fn devices() -> Vec<(&'static str, Device)> {
    let mut devices = vec![("simulator", Device::simulator())];
    if let Ok(cuda) = Device::cuda() {
        devices.push(("cuda", cuda));
    }
    devices
}

fn data(n: usize, salt: usize) -> Vec<f32> {
    (0..n)
        .map(|i| ((i * 31 + salt) % 1000) as f32 * 0.01)
        .collect()
}

fn mat_add(c: &mut Criterion) {
    let mut group = c.benchmark_group("gpu_mat_add");
    for n in MAT_ADD_SIZES {
        group.throughput(Throughput::Elements((n * n) as u64));
        let (a, b) = (data(n * n, 1), data(n * n, 2));
        let out = std::cell::RefCell::new(vec![0.0f32; n * n]);
        let cpu = || reference::mat_add(black_box(&a), black_box(&b), &mut out.borrow_mut());
        if !quick() {
            group.bench_function(format!("cpu_loop_{n}"), |bench| bench.iter(cpu));
        }
        let devices = devices();
        let mut buffers = Vec::new();
        for (name, device) in &devices {
            let da = device.to_device(&a, &[n, n]).expect("to_device");
            let db = device.to_device(&b, &[n, n]).expect("to_device");
            let dc = device.zeros::<f32>(&[n, n]).expect("zeros");
            buffers.push((*name, device, da, db, dc));
        }
        let cfg = kernels::cover_2d(n, n);
        let run = |device: &Device, da, db, dc| {
            kernels::mat_add(&cfg, da, db, dc).expect("mat_add");
            device.synchronize().expect("synchronize");
        };
        for (name, device, da, db, dc) in &buffers {
            if !quick() {
                group.bench_function(format!("{name}_{n}"), |bench| {
                    bench.iter(|| run(device, da, db, dc))
                });
            }
            if *name == "simulator" {
                // Arrays of its own: holding a view keeps an array out of the plain form for good, and
                // the library row's arrays must stay as a user's kernel launches would find them.
                let copy = |x: &gpu::DeviceArray<f32>| {
                    device
                        .to_device(&x.copy_to_host().expect("copy"), &[n, n])
                        .expect("to_device")
                };
                let (va, vb, vc) = (copy(da), copy(db), copy(dc));
                let (a, b, c) = (
                    va.view().expect("view"),
                    vb.view().expect("view"),
                    vc.view().expect("view"),
                );
                group.bench_function(format!("simulator_per_thread_{n}"), |bench| {
                    bench.iter(|| {
                        device
                            .launch_sim("mat_add", &cfg, Barriers::None, |t| {
                                let (j, i) = t.grid2();
                                if i < n && j < n {
                                    c.set(i * n + j, a.get(i * n + j) + b.get(i * n + j));
                                }
                            })
                            .expect("mat_add per thread")
                    })
                });
            }
        }
        let mut contenders = vec![Contender::new("cpu_loop", (n * n) as u64, cpu)];
        for (name, device, da, db, dc) in &buffers {
            contenders.push(Contender::new(*name, (n * n) as u64, || {
                run(device, da, db, dc)
            }));
        }
        paired_rounds(
            &format!("gpu_mat_add_{n}"),
            &mut contenders,
            paired_budget(),
        );
    }
    group.finish();
}

fn matmul(c: &mut Criterion) {
    let mut group = c.benchmark_group("gpu_matmul");
    for n in MATMUL_SIZES {
        group.throughput(Throughput::Elements((n * n * n) as u64));
        let a = data(n * n, 3);
        let out = std::cell::RefCell::new(vec![0.0f32; n * n]);
        let cpu =
            || reference::matmul_ikj(black_box(&a), black_box(&a), &mut out.borrow_mut(), n, n, n);
        if !quick() {
            group.bench_function(format!("cpu_loop_{n}"), |bench| bench.iter(cpu));
        }
        let devices = devices();
        let mut buffers = Vec::new();
        for (name, device) in &devices {
            let da = device.to_device(&a, &[n, n]).expect("to_device");
            let dc = device.zeros::<f32>(&[n, n]).expect("zeros");
            buffers.push((*name, device, da, dc));
        }
        let run = |device: &Device, da, dc| {
            kernels::matmul(da, da, dc).expect("matmul");
            device.synchronize().expect("synchronize");
        };
        if !quick() {
            for (name, device, da, dc) in &buffers {
                group.bench_function(format!("{name}_{n}"), |bench| {
                    bench.iter(|| run(device, da, dc))
                });
            }
        }
        let mut contenders = vec![Contender::new("cpu_loop", (n * n * n) as u64, cpu)];
        for (name, device, da, dc) in &buffers {
            contenders.push(Contender::new(*name, (n * n * n) as u64, || {
                run(device, da, dc)
            }));
        }
        paired_rounds(&format!("gpu_matmul_{n}"), &mut contenders, paired_budget());
    }
    group.finish();
}

/// saxpy's grid-stride loop over 2^20 elements, launched with one thread per element (`for_elements`).
const SAXPY_N: usize = 1 << 20;

fn saxpy(c: &mut Criterion) {
    let mut group = c.benchmark_group("gpu_saxpy");
    let n = SAXPY_N;
    group.throughput(Throughput::Elements(n as u64));
    let (x, y) = (data(n, 5), data(n, 6));
    let out = std::cell::RefCell::new(vec![0.0f32; n]);
    let cpu = || reference::saxpy(2.5, black_box(&x), black_box(&y), &mut out.borrow_mut());
    if !quick() {
        group.bench_function(format!("cpu_loop_{n}"), |bench| bench.iter(cpu));
    }
    let devices = devices();
    let mut buffers = Vec::new();
    for (name, device) in &devices {
        let dx = device.to_device(&x, &[n]).expect("to_device");
        let dy = device.to_device(&y, &[n]).expect("to_device");
        let dout = device.zeros::<f32>(&[n]).expect("zeros");
        buffers.push((*name, device, dx, dy, dout));
    }
    let cfg = LaunchConfig::for_elements(n, 256);
    let run = |device: &Device, dx, dy, dout| {
        kernels::saxpy(&cfg, 2.5, dx, dy, dout).expect("saxpy");
        device.synchronize().expect("synchronize");
    };
    if !quick() {
        for (name, device, dx, dy, dout) in &buffers {
            group.bench_function(format!("{name}_{n}"), |bench| {
                bench.iter(|| run(device, dx, dy, dout))
            });
        }
    }
    group.finish();
    let mut contenders = vec![Contender::new("cpu_loop", n as u64, cpu)];
    for (name, device, dx, dy, dout) in &buffers {
        contenders.push(Contender::new(*name, n as u64, || {
            run(device, dx, dy, dout)
        }));
    }
    paired_rounds(&format!("gpu_saxpy_{n}"), &mut contenders, paired_budget());
}

fn reductions_and_images(c: &mut Criterion) {
    let mut group = c.benchmark_group("gpu_sum");
    let n = 1 << 20;
    group.throughput(Throughput::Elements(n as u64));
    let x = data(n, 4);
    group.bench_function("cpu_loop_1048576", |bench| {
        bench.iter(|| black_box(&x).iter().sum::<f32>())
    });
    for (name, device) in devices() {
        let dx = device.to_device(&x, &[n]).expect("to_device");
        group.bench_function(format!("{name}_1048576"), |bench| {
            bench.iter(|| kernels::sum(&dx).expect("sum"))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("gpu_mandelbrot");
    let (w, h, iters) = (512, 384, 100);
    let pixels = (w * h) as u64;
    group.throughput(Throughput::Elements(pixels));
    let cpu = || {
        black_box(reference::mandelbrot(&Region::FULL, w, h, iters));
    };
    if !quick() {
        group.bench_function("cpu_loop_512x384", |bench| bench.iter(cpu));
    }
    let devices = devices();
    let cfg: LaunchConfig = kernels::cover_2d(h, w);
    let outs: Vec<_> = devices
        .iter()
        .map(|(name, device)| (*name, device, device.zeros::<u32>(&[h, w]).expect("zeros")))
        .collect();
    let run = |device: &Device, out| {
        kernels::mandelbrot(&cfg, out, &Region::FULL, iters).expect("mandelbrot");
        device.synchronize().expect("synchronize");
    };
    if !quick() {
        for (name, device, out) in &outs {
            group.bench_function(format!("{name}_512x384"), |bench| {
                bench.iter(|| run(device, out))
            });
        }
    }
    group.finish();
    let mut contenders = vec![Contender::new("cpu_loop", pixels, cpu)];
    for (name, device, out) in &outs {
        contenders.push(Contender::new(*name, pixels, || run(device, out)));
    }
    paired_rounds("gpu_mandelbrot_512x384", &mut contenders, paired_budget());
}

criterion_group!(benches, mat_add, saxpy, matmul, reductions_and_images);
criterion_main!(benches);
