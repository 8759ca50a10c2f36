//! `#[gpu::kernel]`: kernels written once in Rust, run on the simulator here (on CUDA in tests/cuda.rs), and
//! their generated PTX checked for the shape the CUDA launch relies on.

use gpu::{Array1, Array2, Array3, Device, Error, LaunchConfig, atomic, kernel};

#[kernel(T = [i32, i64, f32, f64])]
fn add2<T>(a: Array2<T>, b: Array2<T>, c: Array2<T>) {
    let (j, i) = grid2();
    if i < c.shape(0) && j < c.shape(1) {
        c[(i, j)] = a[(i, j)] + b[(i, j)];
    }
}

#[kernel]
fn histogram(x: Array1<u32>, bins: Array1<u32>) {
    let i = grid1();
    if i < x.len() {
        atomic::add(&bins, x[i] as usize, 1);
    }
}

#[kernel]
fn scale_rows(m: Array2<f32>, factor: f32) {
    let (j, i) = grid2();
    let mut local = [0.0f32; 4];
    for k in 0..4 {
        local[k] = factor * k as f32;
    }
    if i < m.shape(0) && j < m.shape(1) {
        m[(i, j)] *= local[1];
    }
}

#[kernel]
fn shade(v: Array3<f64>, scale: f64) {
    let (x, y, z) = grid3();
    if z < v.shape(0) && y < v.shape(1) && x < v.shape(2) {
        let mut taps = [scale; 4];
        for k in 0..4 {
            taps[k] = taps[k] * v[(z, y, x)] - k as f64;
        }
        let m = if taps[2] > 0.0 {
            taps[2].floor()
        } else {
            taps[2].ceil()
        };
        v[(z, y, x)] =
            (taps[0] * taps[0]).sqrt().max(taps[1].abs()).min(1e9) + m.mul_add(0.5, 0.25);
    }
}

#[test]
fn a_3d_kernel_with_math_matches_plain_rust() -> Result<(), Error> {
    let device = Device::simulator();
    let v: Vec<f64> = (0..2 * 3 * 5).map(|i| i as f64 * 0.37 - 3.0).collect();
    let a = device.to_device(&v, &[2, 3, 5])?;
    shade.launch(&LaunchConfig::new((1, 1, 2), (8, 4, 1)), (&a, 1.5))?;
    let expected: Vec<f64> = v
        .iter()
        .map(|&x| {
            let taps: Vec<f64> = (0..4).map(|k| 1.5 * x - k as f64).collect();
            let m = if taps[2] > 0.0 {
                taps[2].floor()
            } else {
                taps[2].ceil()
            };
            (taps[0] * taps[0]).sqrt().max(taps[1].abs()).min(1e9) + m.mul_add(0.5, 0.25)
        })
        .collect();
    assert_eq!(a.copy_to_host()?, expected);
    Ok(())
}

#[kernel]
fn big_local(a: Array1<f32>) {
    let mut scratch = [0.0f32; 75_000]; // 300 KB, under CUDA's 512 KiB per thread
    let t = thread_idx().x as usize;
    scratch[t * 1000] = t as f32;
    syncthreads();
    a[t] = scratch[t * 1000] + scratch[74_999];
}

#[kernel]
fn too_big_local(a: Array1<f64>) {
    let mut scratch = [0.0f64; 70_000]; // 560 KB
    scratch[1] = 1.0;
    a[0] = scratch[1];
}

#[test]
fn local_arrays_up_to_cudas_limit_run_with_barriers_and_past_it_are_refused() -> Result<(), Error> {
    assert_eq!(big_local::LOCAL_BYTES, 300_000);
    let device = Device::simulator();
    let a = device.zeros::<f32>(&[8])?;
    big_local.launch(&LaunchConfig::new(1, 8), (&a,))?;
    assert_eq!(a.copy_to_host()?, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
    let b = device.zeros::<f64>(&[1])?;
    let err = too_big_local
        .launch(&LaunchConfig::new(1, 1), (&b,))
        .expect_err("560 KB");
    assert!(err.to_string().contains("512 KiB"), "{err}");
    Ok(())
}

/// A warp reduction: each warp sums its 32 values with shuffles, lane 0 adds the warp's sum to `out`.
#[kernel]
fn warp_sum(x: Array1<f64>, out: Array1<f64>, lanes: Array1<u32>) {
    let i = grid1();
    let mut v = if i < x.len() { x[i] } else { 0.0 };
    let mut delta = 16u32;
    while delta > 0 {
        v += warp::shfl_down(v, delta);
        delta /= 2;
    }
    let lane = lane_id();
    if i < lanes.len() {
        lanes[i] = warp::shfl_xor(lane, 1) + warp::shfl(lane, 3) * 100;
    }
    if lane == 0 {
        atomic::add(&out, 0, v);
    }
}

#[test]
fn warp_shuffles_reduce_and_exchange_like_cuda() -> Result<(), Error> {
    let device = Device::simulator();
    let data: Vec<f64> = (0..100).map(|i| i as f64 * 0.5).collect();
    let x = device.to_device(&data, &[100])?;
    let out = device.zeros::<f64>(&[1])?;
    let lanes = device.zeros::<u32>(&[100])?;
    warp_sum.launch(&LaunchConfig::new(2, 64), (&x, &out, &lanes))?;
    assert_eq!(out.copy_to_host()?, [data.iter().sum::<f64>()]);
    let expected: Vec<u32> = (0..100u32).map(|i| ((i % 32) ^ 1) + 300).collect();
    assert_eq!(lanes.copy_to_host()?, expected);
    assert!(warp_sum::PTX.contains("shfl.sync.down.b32") && warp_sum::PTX.contains("%laneid"));
    Ok(())
}

/// Bools, negative literals, casts, shifts, remainders, `loop`/`break`: the rest of the scalar language.
#[kernel]
fn scalars(a: Array1<i32>, f: Array1<f32>) {
    let i = grid1();
    if i >= a.len() {
        return;
    }
    let mut flag = true;
    let neg = -3;
    if flag == (a[i] > neg) {
        flag = false;
    }
    let v = if !flag { 1 } else { -1 };
    a[i] = (v << 2) >> 1;
    let b = flag as u32;
    f[i] = (-f[i]).abs() + (b as f32) + (i as f64 as f32) + (a[i] % 3) as f32;
    loop {
        if a[i] > 100 {
            break;
        }
        a[i] += 50;
    }
}

#[test]
fn the_scalar_language_matches_plain_rust() -> Result<(), Error> {
    let device = Device::simulator();
    let ints = [-7, -3, 0, 5];
    let floats = [-1.5f32, 2.0, -0.0, 3.25];
    let a = device.to_device(&ints, &[4])?;
    let f = device.to_device(&floats, &[4])?;
    scalars.launch(&LaunchConfig::new(1, 8), (&a, &f))?;
    let (mut ea, mut ef) = (ints.to_vec(), floats.to_vec());
    for i in 0..4 {
        let flag = ea[i] <= -3; // `true == (a > -3)` clears it
        let v: i32 = if !flag { 1 } else { -1 };
        ea[i] = (v << 2) >> 1;
        ef[i] = (-ef[i]).abs() + (flag as u32) as f32 + i as f32 + (ea[i] % 3) as f32;
        while ea[i] <= 100 {
            ea[i] += 50;
        }
    }
    assert_eq!((a.copy_to_host()?, f.copy_to_host()?), (ea, ef));
    Ok(())
}

#[kernel]
fn overrun(a: Array1<f32>) {
    let i = grid1() as i64;
    a[i - 1] = 1.0;
}

/// Thread 5 of block 1 reads past the block's shared array, after a barrier (so the per-thread form).
#[kernel]
fn shared_overrun(out: Array1<f32>) {
    let s = shared::array::<f32, 8>();
    let t = thread_idx().x as usize;
    s[t] = 1.0;
    syncthreads();
    let extra: usize = if block_idx().x == 1 && t == 5 { 8 } else { 0 };
    out[grid1()] = s[t + extra];
}

/// Threads with column 3 write past a 2 x 3 array, after a barrier (the per-thread form).
#[kernel]
fn grid_overrun(m: Array2<f32>) {
    let (j, i) = grid2();
    let mut acc = 0.5f32;
    for k in 0..4 {
        acc += k as f32;
    }
    syncthreads();
    m[(i, j)] = acc;
}

/// Thread 2 of block 1 indexes its local array with 4 (one past it), in the span form (no barrier).
#[kernel]
fn local_overrun(out: Array1<f32>) {
    let mut acc = [0.0f32; 4];
    let g = grid1();
    let k: usize = if g == 6 { 4 } else { 3 };
    acc[k] = 2.0;
    out[g] = acc[3];
}

/// The same after a barrier (the per-thread form).
#[kernel]
fn local_overrun_sync(out: Array1<f32>) {
    let mut acc = [0.0f32; 4];
    let g = grid1();
    syncthreads();
    let k: usize = if g == 6 { 4 } else { 3 };
    acc[k] = 3.0;
    out[g] = acc[3];
}

/// The line of `kernel_macro.rs` (this file) whose trimmed text is `text`.
fn line_of(text: &str) -> usize {
    include_str!("kernel_macro.rs")
        .lines()
        .position(|l| l.trim() == text)
        .map(|i| i + 1)
        .expect("the kernel's line")
}

#[test]
fn faults_name_the_thread_and_line_with_the_race_check_on_and_off() -> Result<(), Error> {
    let device = Device::simulator();
    for racecheck in [false, true] {
        device.set_racecheck(racecheck);
        let out = device.zeros::<f32>(&[16])?;
        let err = shared_overrun
            .launch(&LaunchConfig::new(2, 8), (&out,))
            .expect_err("s[13]");
        let text = err.to_string();
        assert!(
            text.contains("tid=[5, 0, 0] ctaid=[1, 0, 0]: index 13 is out of bounds"),
            "racecheck {racecheck}: {text}"
        );
        let line = line_of("out[grid1()] = s[t + extra];");
        assert!(text.contains(&format!("kernel_macro.rs:{line}:")), "{text}");
        // The threads that did not fault ran to their end.
        assert_eq!(out.copy_to_host()?[..13], [1.0; 13]);

        let m = device.zeros::<f32>(&[2, 3])?;
        let err = grid_overrun
            .launch(&LaunchConfig::new(1, (4, 2)), (&m,))
            .expect_err("m[0, 3]");
        let text = err.to_string();
        assert!(
            text.contains(
                "tid=[3, 0, 0] ctaid=[0, 0, 0]: index 3 is out of bounds for axis 1 with size 3"
            ),
            "racecheck {racecheck}: {text}"
        );
        let line = line_of("m[(i, j)] = acc;");
        assert!(text.contains(&format!("kernel_macro.rs:{line}:")), "{text}");
        assert_eq!(m.copy_to_host()?, [6.5; 6]);

        for sync in [false, true] {
            let out = device.zeros::<f32>(&[8])?;
            let cfg = LaunchConfig::new(2, 4);
            let outcome = if sync {
                local_overrun_sync.launch(&cfg, (&out,))
            } else {
                local_overrun.launch(&cfg, (&out,))
            };
            let text = outcome.expect_err("acc[4]").to_string();
            assert!(
                text.contains(
                    "tid=[2, 0, 0] ctaid=[1, 0, 0]: index 4 is out of bounds for local array of size 4"
                ),
                "racecheck {racecheck}, sync {sync}: {text}"
            );
            let line = line_of(if sync {
                "acc[k] = 3.0;"
            } else {
                "acc[k] = 2.0;"
            });
            assert!(text.contains(&format!("kernel_macro.rs:{line}:")), "{text}");
        }

        let a = device.zeros::<f32>(&[4])?;
        let err = overrun
            .launch(&LaunchConfig::new(1, 4), (&a,))
            .expect_err("a[-1]");
        assert!(
            err.to_string()
                .contains("tid=[0, 0, 0] ctaid=[0, 0, 0]: index -1 is out of bounds"),
            "racecheck {racecheck}: {err}"
        );
    }
    Ok(())
}

#[test]
fn a_generic_kernel_runs_on_the_simulator_for_each_type() -> Result<(), Error> {
    let device = Device::simulator();
    let a = device.to_device(&(0..12).collect::<Vec<i64>>(), &[3, 4])?;
    let b = device.to_device(&(12..24).collect::<Vec<i64>>(), &[3, 4])?;
    let c = device.device_array_like(&a)?;
    add2.launch(&LaunchConfig::new((1, 1), (4, 3)), (&a, &b, &c))?;
    assert_eq!(
        gpu::numpy_str(&c.copy_to_host()?, c.shape()),
        "[[12 14 16 18]\n [20 22 24 26]\n [28 30 32 34]]"
    );
    let x = device.to_device(&[1.5f32; 6], &[2, 3])?;
    let y = device.zeros::<f32>(&[2, 3])?;
    add2.launch(&LaunchConfig::new((2, 2), (2, 2)), (&x, &x, &y))?;
    assert_eq!(y.copy_to_host()?, [3.0; 6]);
    let u = device.zeros::<u32>(&[2, 3])?;
    let err = add2
        .launch(&LaunchConfig::new(1, 1), (&u, &u, &u))
        .expect_err("u32 is not listed");
    assert!(err.to_string().contains("i32, i64, f32, f64"), "{err}");
    let flat = device.zeros::<i64>(&[12])?;
    let err = add2
        .launch(&LaunchConfig::new(1, 1), (&a, &b, &flat))
        .expect_err("1-D");
    assert!(err.to_string().contains("declared Array2"), "{err}");
    Ok(())
}

#[test]
fn atomics_local_arrays_and_compound_assignment() -> Result<(), Error> {
    let device = Device::simulator();
    let data: Vec<u32> = (0..1000).map(|i| i * 3 % 10).collect();
    let x = device.to_device(&data, &[1000])?;
    let bins = device.zeros::<u32>(&[10])?;
    histogram.launch(&LaunchConfig::for_elements(1000, 128), (&x, &bins))?;
    assert_eq!(bins.copy_to_host()?, [100; 10]);
    let m = device.to_device(&[1.0f32, 2.0, 3.0, 4.0], &[2, 2])?;
    scale_rows.launch(&LaunchConfig::new(1, (2, 2)), (&m, 2.0))?;
    assert_eq!(m.copy_to_host()?, [2.0, 4.0, 6.0, 8.0]);
    Ok(())
}

#[test]
fn a_fault_names_the_thread_and_the_kernels_line() -> Result<(), Error> {
    let device = Device::simulator();
    let a = device.zeros::<f32>(&[4])?;
    let err = overrun
        .launch(&LaunchConfig::new(1, 4), (&a,))
        .expect_err("a[-1]");
    let text = err.to_string();
    assert!(
        text.contains("tid=[0, 0, 0] ctaid=[0, 0, 0]: index -1 is out of bounds"),
        "{text}"
    );
    // The line of `overrun`'s out-of-bounds write, found in this file's own text.
    let line = include_str!("kernel_macro.rs")
        .lines()
        .position(|l| l.trim() == "a[i - 1] = 1.0;")
        .map(|i| i + 1)
        .expect("the kernel's line");
    assert!(
        text.contains(&format!("tests/kernel_macro.rs:{line}:")),
        "{text}"
    );
    Ok(())
}

/// The transcendental functions in both call forms, f64 and f32.
#[kernel]
fn waves(x: Array1<f64>, out: Array2<f64>, x32: Array1<f32>, out32: Array2<f32>) {
    let i = grid1();
    if i < x.len() {
        let v = x[i];
        out[(0, i)] = v.exp();
        out[(1, i)] = f64::ln(v);
        out[(2, i)] = v.sin() * 2.0 + f64::cos(v) - v.tanh();
        let w = x32[i];
        out32[(0, i)] = f32::exp(w);
        out32[(1, i)] = w.ln();
        out32[(2, i)] = w.sin();
        out32[(3, i)] = w.cos() + f32::tanh(w);
    }
}

/// A plain-form kernel (own-index writes only) calling the math functions on its fast path.
#[kernel]
fn damped(x: Array1<f32>, out: Array1<f32>) {
    let i = grid1();
    if i < x.len() {
        out[i] = (-x[i]).exp() * f32::cos(x[i] * 3.0);
    }
}

#[test]
fn math_in_a_plain_form_kernel_matches_gpu_math() -> Result<(), Error> {
    use gpu::math::KernelMath;
    let xs: Vec<f32> = (0..5000).map(|k| k as f32 * 0.01 - 10.0).collect();
    let device = Device::simulator();
    let x = device.to_device(&xs, &[xs.len()])?;
    let out = device.zeros::<f32>(&[xs.len()])?;
    damped.launch(
        &LaunchConfig::new(xs.len().div_ceil(128) as u32, 128u32),
        (&x, &out),
    )?;
    let got = out.copy_to_host()?;
    for (g, &v) in got.iter().zip(&xs) {
        let want = KernelMath::exp(-v) * KernelMath::cos(v * 3.0);
        assert_eq!(g.to_bits(), want.to_bits(), "x={v}");
    }
    Ok(())
}

#[test]
fn exp_ln_sin_cos_in_a_kernel_match_gpu_math_bit_for_bit() -> Result<(), Error> {
    use gpu::math::KernelMath;
    let xs: Vec<f64> = vec![
        0.0,
        -0.0,
        0.5,
        1.0,
        -2.5,
        3.0,
        100.0,
        -700.0,
        710.0,
        1e-310,
        1e20,
        -1.0,
        f64::NAN,
        f64::INFINITY,
    ];
    let n = xs.len();
    let xs32: Vec<f32> = xs.iter().map(|&x| x as f32).collect();
    let device = Device::simulator();
    let x = device.to_device(&xs, &[n])?;
    let out = device.zeros::<f64>(&[3, n])?;
    let x32 = device.to_device(&xs32, &[n])?;
    let out32 = device.zeros::<f32>(&[4, n])?;
    waves.launch(&LaunchConfig::new(1, 32), (&x, &out, &x32, &out32))?;
    let (got, got32) = (out.copy_to_host()?, out32.copy_to_host()?);
    for (i, &v) in xs.iter().enumerate() {
        let want = [
            KernelMath::exp(v),
            KernelMath::ln(v),
            KernelMath::sin(v) * 2.0 + KernelMath::cos(v) - KernelMath::tanh(v),
        ];
        for (row, w) in want.iter().enumerate() {
            assert_eq!(got[row * n + i].to_bits(), w.to_bits(), "row {row} x={v}");
        }
        let w = xs32[i];
        let want32 = [
            KernelMath::exp(w),
            KernelMath::ln(w),
            KernelMath::sin(w),
            KernelMath::cos(w) + KernelMath::tanh(w),
        ];
        for (row, w) in want32.iter().enumerate() {
            assert_eq!(
                got32[row * n + i].to_bits(),
                w.to_bits(),
                "f32 row {row} x={v}"
            );
        }
    }
    // Against std: a few spot values (the accuracy over many inputs is tests/math.rs).
    assert_eq!(got[0], 1.0);
    assert!((got[n + 3]).abs() < 1e-300, "ln 1 = 0");
    assert!(got[2 * n + 13].is_nan(), "sin(inf)");
    for mnemonic in [
        "fma.rn.f64",
        "cvt.rni.f64.f64",
        "mov.b64",
        "cvt.rn.f32.f64",
        "div.rn.f64",
    ] {
        assert!(waves::PTX.contains(mnemonic), "{mnemonic}");
    }
    Ok(())
}

#[test]
fn the_ptx_declares_one_entry_per_type_with_pointer_and_extent_parameters() {
    assert_eq!(
        add2::ENTRIES,
        ["add2_i32", "add2_i64", "add2_f32", "add2_f64"]
    );
    let params = gpu::ptx_params(add2::PTX, "add2_f32").expect("the entry exists");
    assert_eq!(
        params.len(),
        9,
        "3 arrays x (pointer + 2 extents): {params:?}"
    );
    assert!(add2::PTX.contains(".version 9.0") && add2::PTX.contains("add.rn.f32"));
    assert!(histogram::PTX.contains("atom.global.add.u32"));
    if let Ok(dir) = std::env::var("GPU_DUMP_PTX") {
        for (name, ptx) in [
            ("add2", add2::PTX),
            ("histogram", histogram::PTX),
            ("scale_rows", scale_rows::PTX),
            ("overrun", overrun::PTX),
            ("shade", shade::PTX),
            ("big_local", big_local::PTX),
            ("warp_sum", warp_sum::PTX),
            ("scalars", scalars::PTX),
            ("every_fourth_writes", every_fourth_writes::PTX),
            ("two_rows_write", two_rows_write::PTX),
            ("waves", waves::PTX),
            ("damped", damped::PTX),
        ] {
            std::fs::write(format!("{dir}/{name}.ptx"), ptx).expect("dump");
        }
    }
}

#[kernel]
fn every_fourth_writes(out: Array1<i32>) {
    let i = grid1();
    if i % 4 == 1 {
        out[0] = i as i32;
    }
}

#[kernel]
fn two_rows_write(out: Array1<i32>) {
    let (x, y) = grid2();
    if x == y + 1 {
        out[0] = x as i32;
    }
}

/// A race in a `#[gpu::kernel]` (span form) names the earlier thread as CUDA numbers it, not by its
/// place in the simulator's spans: the threads of one block in two rows are two spans.
#[test]
fn a_kernel_race_names_the_other_thread_by_its_cuda_indices() {
    let device = Device::simulator();
    device.set_racecheck(true);
    let out = device.zeros::<i32>(&[1]).expect("zeros");
    let err = every_fourth_writes
        .launch(&LaunchConfig::new(2, 4), (&out,))
        .expect_err("threads 1 and 5 write one element");
    let text = err.to_string();
    assert!(
        text.contains("tid=[1, 0, 0] ctaid=[1, 0, 0]: data race on device array element 0: this thread writes it after the thread tid=[1, 0, 0] ctaid=[0, 0, 0] wrote it"),
        "{text}"
    );
    // One block of 4 x 2 threads: rows 0 and 1 run as two spans, maybe at once, in either order.
    let err = two_rows_write
        .launch(&LaunchConfig::new(1, (4, 2)), (&out,))
        .expect_err("threads (1, 0) and (2, 1) write one element");
    let text = err.to_string();
    let (a, b) = (
        "tid=[1, 0, 0] ctaid=[0, 0, 0]",
        "tid=[2, 1, 0] ctaid=[0, 0, 0]",
    );
    assert!(
        text.contains(&format!("{a}: data race on device array element 0: this thread writes it after the thread {b} wrote it"))
            || text.contains(&format!("{b}: data race on device array element 0: this thread writes it after the thread {a} wrote it")),
        "{text}"
    );
}
