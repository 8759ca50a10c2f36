//! The gpu crate's benches: the kernel library on the CPU simulator (and on CUDA when this machine has a
//! device) beside a plain Rust loop doing the same arithmetic, over a sweep of array sizes. The report
//! (`xtask/src/report/gpu.rs`) shows these as this machine's numbers, labelled as the simulator, next to the
//! GPU results saved under `docs/gpu-results/`.
//!
//! Ids: `<backend>_<size>` with backend `cpu_loop`, `simulator` or `cuda`; for mat_add also
//! `simulator_per_thread_<size>`, the same kernel written per thread (`Device::launch_sim`, numba's form, as a
//! user's own kernel would be) where the library uses the span form.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gpu::kernels::{self, Region, reference};
use gpu::{Barriers, Device, LaunchConfig};
use std::hint::black_box;

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
        let mut out = vec![0.0f32; n * n];
        group.bench_function(format!("cpu_loop_{n}"), |bench| {
            bench.iter(|| reference::mat_add(black_box(&a), black_box(&b), &mut out))
        });
        for (name, device) in devices() {
            let da = device.to_device(&a, &[n, n]).expect("to_device");
            let db = device.to_device(&b, &[n, n]).expect("to_device");
            let dc = device.zeros::<f32>(&[n, n]).expect("zeros");
            let cfg = kernels::cover_2d(n, n);
            group.bench_function(format!("{name}_{n}"), |bench| {
                bench.iter(|| {
                    kernels::mat_add(&cfg, &da, &db, &dc).expect("mat_add");
                    device.synchronize().expect("synchronize");
                })
            });
            if name == "simulator" {
                let (a, b, c) = (
                    da.view().expect("view"),
                    db.view().expect("view"),
                    dc.view().expect("view"),
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
    }
    group.finish();
}

fn matmul(c: &mut Criterion) {
    let mut group = c.benchmark_group("gpu_matmul");
    for n in MATMUL_SIZES {
        group.throughput(Throughput::Elements((n * n * n) as u64));
        let a = data(n * n, 3);
        let mut out = vec![0.0f32; n * n];
        group.bench_function(format!("cpu_loop_{n}"), |bench| {
            bench.iter(|| reference::matmul_ikj(black_box(&a), black_box(&a), &mut out, n, n, n))
        });
        for (name, device) in devices() {
            let da = device.to_device(&a, &[n, n]).expect("to_device");
            let dc = device.zeros::<f32>(&[n, n]).expect("zeros");
            group.bench_function(format!("{name}_{n}"), |bench| {
                bench.iter(|| {
                    kernels::matmul(&da, &da, &dc).expect("matmul");
                    device.synchronize().expect("synchronize");
                })
            });
        }
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
    let mut out = vec![0.0f32; n];
    group.bench_function(format!("cpu_loop_{n}"), |bench| {
        bench.iter(|| reference::saxpy(2.5, black_box(&x), black_box(&y), &mut out))
    });
    for (name, device) in devices() {
        let dx = device.to_device(&x, &[n]).expect("to_device");
        let dy = device.to_device(&y, &[n]).expect("to_device");
        let dout = device.zeros::<f32>(&[n]).expect("zeros");
        let cfg = LaunchConfig::for_elements(n, 256);
        group.bench_function(format!("{name}_{n}"), |bench| {
            bench.iter(|| {
                kernels::saxpy(&cfg, 2.5, &dx, &dy, &dout).expect("saxpy");
                device.synchronize().expect("synchronize");
            })
        });
    }
    group.finish();
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
    group.throughput(Throughput::Elements((w * h) as u64));
    group.bench_function("cpu_loop_512x384", |bench| {
        bench.iter(|| reference::mandelbrot(&Region::FULL, w, h, iters))
    });
    for (name, device) in devices() {
        let out = device.zeros::<u32>(&[h, w]).expect("zeros");
        let cfg: LaunchConfig = kernels::cover_2d(h, w);
        group.bench_function(format!("{name}_512x384"), |bench| {
            bench.iter(|| {
                kernels::mandelbrot(&cfg, &out, &Region::FULL, iters).expect("mandelbrot");
                device.synchronize().expect("synchronize");
            })
        });
    }
    group.finish();
}

criterion_group!(benches, mat_add, saxpy, matmul, reductions_and_images);
criterion_main!(benches);
