//! The CUDA backend on a real GPU: every library kernel against the simulator's results on the same fresh
//! inputs, the seed's `mat_add`, launch checks, streams with queued copies, and zero-copy views of device
//! memory. On a machine without a CUDA GPU (CI) each test says so on stderr and passes without checking
//! anything; `TASKLAB_REQUIRE_GPU=1` makes a missing GPU a failure instead (the device check sets it):
//! `TASKLAB_REQUIRE_GPU=1 cargo test -p gpu --test cuda -- --nocapture`.

mod common;

use common::{POISON_F32, POISON_U32, Rng};
use gpu::kernels::{self, Region};
use gpu::{Backend, Device, Error, KernelArg, LaunchConfig};

/// The CUDA device, or `None` (with the reason on stderr) where there is none and none is required.
fn cuda(test: &str) -> Option<Device> {
    match Device::cuda() {
        Ok(device) => Some(device),
        Err(err) if std::env::var_os("TASKLAB_REQUIRE_GPU").is_some_and(|v| v == "1") => {
            panic!("{test}: TASKLAB_REQUIRE_GPU=1 but there is no CUDA GPU: {err}")
        }
        Err(err) => {
            eprintln!(
                "skipped {test}: no CUDA GPU on this machine ({err}); set TASKLAB_REQUIRE_GPU=1 to fail instead"
            );
            None
        }
    }
}

/// Runs `f` on both backends and returns both results (in tests that checked `cuda` first).
fn both<T>(f: impl Fn(&Device) -> Result<T, Error>) -> (T, T) {
    let device = Device::cuda().expect("a CUDA GPU (checked at the test's start)");
    let gpu_result = f(&device).expect("CUDA run");
    let sim_result = f(&Device::simulator()).expect("simulator run");
    (gpu_result, sim_result)
}

#[test]
fn seed_mat_add_on_the_gpu() -> Result<(), Error> {
    let Some(device) = cuda("seed_mat_add_on_the_gpu") else {
        return Ok(());
    };
    assert_eq!(device.backend(), Backend::Cuda);
    let a = device.to_device(&(0..12).collect::<Vec<i64>>(), &[3, 4])?;
    let b = device.to_device(&(12..24).collect::<Vec<i64>>(), &[3, 4])?;
    let c = device.to_device(&[i64::MIN; 12], &[3, 4])?;
    kernels::mat_add(&LaunchConfig::new((1, 1), (4, 3)), &a, &b, &c)?;
    assert_eq!(
        gpu::numpy_str(&c.copy_to_host()?, c.shape()),
        "[[12 14 16 18]\n [20 22 24 26]\n [28 30 32 34]]"
    );
    let t = device.transfers();
    assert_eq!((t.host_to_device, t.device_to_host), (3, 1));
    Ok(())
}

#[test]
fn every_kernel_matches_the_simulator() {
    if cuda("every_kernel_matches_the_simulator").is_none() {
        return;
    }
    let mut rng = Rng::fresh("cuda-vs-sim");
    let (rows, cols) = (100 + rng.below(300), 100 + rng.below(300));
    let (a, b) = (rng.f32s(rows * cols), rng.f32s(rows * cols));
    let (ai, bi) = (rng.i64s(rows * cols), rng.i64s(rows * cols));
    let (g, s) = both(|d| {
        let c = d.to_device(&vec![POISON_F32; rows * cols], &[rows, cols])?;
        kernels::mat_add(
            &kernels::cover_2d(rows, cols),
            &d.to_device(&a, &[rows, cols])?,
            &d.to_device(&b, &[rows, cols])?,
            &c,
        )?;
        let ci = d.zeros::<i64>(&[rows, cols])?;
        kernels::mat_add(
            &kernels::cover_2d(rows, cols),
            &d.to_device(&ai, &[rows, cols])?,
            &d.to_device(&bi, &[rows, cols])?,
            &ci,
        )?;
        Ok((c.copy_to_host()?, ci.copy_to_host()?))
    });
    assert!(g == s, "mat_add differs between CUDA and the simulator");

    let n = 100_000 + rng.below(100_000);
    let (x, y) = (rng.f32s(n), rng.f32s(n));
    let (g, s) = both(|d| {
        let out = d.to_device(&vec![POISON_F32; n], &[n])?;
        kernels::saxpy(
            &LaunchConfig::new(40, 128),
            2.5,
            &d.to_device(&x, &[n])?,
            &d.to_device(&y, &[n])?,
            &out,
        )?;
        out.copy_to_host()
    });
    assert!(g == s, "saxpy differs");

    let (m, k, nn) = (
        64 + rng.below(100),
        64 + rng.below(100),
        64 + rng.below(100),
    );
    let (ma, mb) = (rng.f32s(m * k), rng.f32s(k * nn));
    let (g, s) = both(|d| {
        let c = d.to_device(&vec![POISON_F32; m * nn], &[m, nn])?;
        kernels::matmul(
            &d.to_device(&ma, &[m, k])?,
            &d.to_device(&mb, &[k, nn])?,
            &c,
        )?;
        c.copy_to_host()
    });
    assert!(g == s, "matmul differs ({m}x{k}x{nn})");

    let (g, s) = both(|d| kernels::sum(&d.to_device(&x, &[n])?));
    assert_eq!(g.to_bits(), s.to_bits(), "sum differs: {g} vs {s}");

    let (w, h) = (333, 201);
    let (g, s) = both(|d| {
        let out = d.to_device(&vec![POISON_U32; w * h], &[h, w])?;
        kernels::mandelbrot(&kernels::cover_2d(h, w), &out, &Region::FULL, 500)?;
        out.copy_to_host()
    });
    assert!(g == s, "mandelbrot differs");
}

#[test]
fn launches_are_checked_before_they_reach_the_driver() -> Result<(), Error> {
    let Some(device) = cuda("launches_are_checked_before_they_reach_the_driver") else {
        return Ok(());
    };
    let module = device.load_ptx(kernels::PTX[1].1)?;
    assert_eq!(
        module.params("saxpy")?,
        [".f32", ".u64", ".u64", ".u64", ".u64"]
    );
    let x = device.zeros::<f32>(&[8])?;
    let err = module
        .launch(
            "saxpy",
            &LaunchConfig::new(1, 8),
            &[KernelArg::F32(1.0), (&x).into()],
        )
        .expect_err("2 of 5");
    assert!(matches!(err, Error::BadArguments { .. }), "{err}");
    let args = [
        KernelArg::F64(1.0),
        (&x).into(),
        (&x).into(),
        (&x).into(),
        KernelArg::U64(8),
    ];
    assert!(matches!(
        module.launch("saxpy", &LaunchConfig::new(1, 8), &args),
        Err(Error::BadArguments { .. })
    ));
    let args = [
        KernelArg::F32(1.0),
        (&x).into(),
        (&x).into(),
        (&x).into(),
        KernelArg::U64(8),
    ];
    assert!(matches!(
        module.launch("saxpy", &LaunchConfig::new(1, 2048), &args),
        Err(Error::BadLaunch { .. })
    ));
    let big = LaunchConfig::new(1, 8).with_shared_bytes(device.limits().max_shared_bytes + 1);
    assert!(matches!(
        module.launch("saxpy", &big, &args),
        Err(Error::BadLaunch { .. })
    ));
    assert!(matches!(
        module.launch("nope", &LaunchConfig::new(1, 8), &args),
        Err(Error::BadPtx { .. })
    ));
    module.launch("saxpy", &LaunchConfig::new(1, 8), &args)?;
    device.synchronize()?;
    assert!(matches!(
        device.load_ptx("this is not PTX"),
        Err(Error::Cuda { .. })
    ));
    Ok(())
}

#[test]
fn foreign_device_memory_is_shared_not_copied() -> Result<(), Error> {
    let Some(device) = cuda("foreign_device_memory_is_shared_not_copied") else {
        return Ok(());
    };
    let owner = device.to_device(&(0..12).collect::<Vec<i64>>(), &[3, 4])?;
    let ptr = owner
        .device_ptr()
        .expect("a CUDA array has a device pointer");
    // SAFETY: `owner` outlives the view.
    let view = unsafe { device.as_cuda_array::<i64>(ptr, &[3, 4])? };
    assert!(!view.owns_memory());
    let before = device.transfers();
    kernels::mat_add(&LaunchConfig::new((1, 1), (4, 3)), &view, &view, &view)?;
    assert_eq!(device.transfers(), before, "no copy made by the view");
    drop(view); // must not free the owner's memory
    assert_eq!(
        owner.copy_to_host()?,
        (0..12).map(|v| 2 * v).collect::<Vec<i64>>()
    );
    // SAFETY: errors expected; nothing is dereferenced on the host.
    let err =
        unsafe { device.as_cuda_array::<i64>(ptr, &[4, 4]) }.expect_err("past the allocation");
    assert!(err.to_string().contains("past the end"), "{err}");
    let host = [0i64; 4];
    let err = unsafe { device.as_cuda_array::<i64>(host.as_ptr() as u64, &[4]) }
        .expect_err("host memory");
    assert!(matches!(err, Error::Foreign(_)), "{err}");
    Ok(())
}

/// User-style kernels written with `#[gpu::kernel]`: atomics, local arrays, 3-D arrays, casts, math.
mod user {
    use gpu::{Array1, Array3, atomic, kernel};

    #[kernel]
    pub fn histogram(x: Array1<u32>, bins: Array1<u32>) {
        let mut i = grid1();
        while i < x.len() {
            atomic::add(&bins, x[i] as usize, 1);
            i += gridsize1();
        }
    }

    #[kernel]
    pub fn warp_sum(x: Array1<f64>, out: Array1<f64>) {
        let i = grid1();
        let mut v = if i < x.len() { x[i] } else { 0.0 };
        let mut delta = 16u32;
        while delta > 0 {
            v += warp::shfl_down(v, delta);
            delta /= 2;
        }
        if lane_id() == 0 {
            out[i / 32] = v;
        }
    }

    /// Votes and shuffles with partial masks (only results CUDA defines are written).
    #[kernel]
    pub fn warp_votes(x: Array1<i32>, out: Array1<u32>) {
        let i = grid1();
        let lane = lane_id();
        let p = x[i] > 0;
        let mut r = warp::ballot_sync(0xffffffff, p);
        if lane % 2 == 0 {
            r ^= warp::ballot_sync(0x55555555, p) * 3;
            r += warp::all_sync(0x55555555, p) as u32 + 2 * (warp::any_sync(0x55555555, p) as u32);
        }
        if lane < 16 {
            r += warp::shfl_up_sync(0xffff, x[i] as u32, 3) * 7
                + warp::shfl_xor_sync(0xffff, lane, 5);
        } else {
            r += warp::shfl_down_sync(0xffff0000, x[i] as u32, 3) * 5
                + warp::shfl_sync(0xffff0000, lane, 20);
        }
        out[i] = r;
    }

    #[kernel]
    pub fn shade(v: Array3<f32>, scale: f32) {
        let (x, y, z) = grid3();
        if z < v.shape(0) && y < v.shape(1) && x < v.shape(2) {
            let mut taps = [scale; 4];
            for k in 0..4 {
                taps[k] = taps[k] * v[(z, y, x)];
            }
            v[(z, y, x)] = (taps[0] + taps[3]).sqrt().max(taps[1].abs());
        }
    }
}

#[test]
fn user_kernels_match_the_simulator() {
    if cuda("user_kernels_match_the_simulator").is_none() {
        return;
    }
    let mut rng = Rng::fresh("user_kernels");
    let n = 50_000;
    let data: Vec<u32> = (0..n).map(|_| rng.below(64) as u32).collect();
    let (g, s) = both(|d| {
        let x = d.to_device(&data, &[n])?;
        let bins = d.zeros::<u32>(&[64])?;
        user::histogram.launch(&LaunchConfig::new(40, 256), (&x, &bins))?;
        bins.copy_to_host()
    });
    assert_eq!(g, s, "histogram differs");
    let v = rng.f32s(7 * 9 * 33);
    let (g, s) = both(|d| {
        let a = d.to_device(&v, &[7, 9, 33])?;
        user::shade.launch(&LaunchConfig::new((3, 2, 7), (16, 8, 1)), (&a, 1.5f32))?;
        a.copy_to_host()
    });
    assert!(
        g.iter().zip(&s).all(|(a, b)| a.to_bits() == b.to_bits()),
        "shade differs"
    );
    let w = rng.f32s(1000);
    let w: Vec<f64> = w.iter().map(|&v| f64::from(v)).collect();
    let (g, s) = both(|d| {
        let x = d.to_device(&w, &[1000])?;
        let out = d.zeros::<f64>(&[32])?;
        user::warp_sum.launch(&LaunchConfig::new(4, 256), (&x, &out))?;
        out.copy_to_host()
    });
    assert_eq!(g, s, "warp sums differ");
    let votes: Vec<i32> = (0..512).map(|_| rng.below(100) as i32 - 50).collect();
    let (g, s) = both(|d| {
        let x = d.to_device(&votes, &[512])?;
        let out = d.zeros::<u32>(&[512])?;
        user::warp_votes.launch(&LaunchConfig::new(2, 256), (&x, &out))?;
        out.copy_to_host()
    });
    assert_eq!(g, s, "warp votes and masked shuffles differ");
}

#[test]
fn streams_and_events_order_and_time_launches() -> Result<(), Error> {
    let Some(device) = cuda("streams_and_events_order_and_time_launches") else {
        return Ok(());
    };
    let (s1, s2) = (device.stream()?, device.stream()?);
    let (start, mid, end) = (device.event()?, device.event()?, device.event()?);
    let n = 2048;
    let a = device.to_device(&vec![1.0f32; n * n], &[n, n])?;
    let b = device.device_array_like(&a)?;
    let c = device.device_array_like(&a)?;
    start.record(&s1)?;
    kernels::source::mat_add.launch_on(&s1, &kernels::cover_2d(n, n), (&a, &a, &b))?;
    mid.record(&s1)?;
    // s2 waits for s1's first launch before reading its result.
    s2.wait_event(&mid)?;
    kernels::source::mat_add.launch_on(&s2, &kernels::cover_2d(n, n), (&b, &b, &c))?;
    end.record(&s2)?;
    end.synchronize()?;
    assert!(end.query()? && s2.query()?);
    let ms = start.elapsed_ms(&end)?;
    assert!(ms > 0.0 && ms <= 10_000.0, "{ms}");
    assert!(c.copy_to_host()?.iter().all(|&v| v == 4.0));
    Ok(())
}

#[test]
fn copies_queued_on_a_stream_follow_its_kernels() -> Result<(), Error> {
    let Some(device) = cuda("copies_queued_on_a_stream_follow_its_kernels") else {
        return Ok(());
    };
    // A stream of its own does not wait for the device's default stream: only the queued copies order
    // the upload, the kernels and the download here. Repeated, so that a missing order would show.
    let stream = device.stream()?;
    let n = 1024;
    let c = device.zeros::<f32>(&[n, n])?;
    for round in 0..8 {
        let host: Vec<f32> = (0..n * n).map(|i| (i % 977 + round) as f32).collect();
        let a = device.to_device_on(&stream, &host, &[n, n])?;
        kernels::source::mat_add.launch_on(&stream, &kernels::cover_2d(n, n), (&a, &a, &c))?;
        a.copy_from_host_on(&stream, &vec![1.0; n * n])?;
        kernels::source::mat_add.launch_on(&stream, &kernels::cover_2d(n, n), (&c, &a, &c))?;
        let got = c.copy_to_host_on(&stream)?.wait()?;
        let expected: Vec<f32> = host.iter().map(|v| 2.0 * v + 1.0).collect();
        assert!(
            got == expected,
            "round {round}: the copies ran out of order"
        );
    }
    stream.synchronize()?;
    Ok(())
}

/// `exp`, `ln`, `sin`, `cos`, `tanh` in both types and call forms, run on both backends.
#[gpu::kernel]
fn math_parity(
    x: gpu::Array1<f64>,
    out: gpu::Array2<f64>,
    x32: gpu::Array1<f32>,
    out32: gpu::Array2<f32>,
) {
    let i = grid1();
    if i < x.len() {
        let v = x[i];
        out[(0, i)] = v.exp();
        out[(1, i)] = f64::ln(v);
        out[(2, i)] = v.sin();
        out[(3, i)] = v.cos() + v.tanh();
        let w = x32[i];
        out32[(0, i)] = w.exp();
        out32[(1, i)] = f32::ln(w);
        out32[(2, i)] = w.sin();
        out32[(3, i)] = w.cos() + f32::tanh(w);
    }
}

/// The transcendental functions are one operation sequence on both backends: the same bits, NaN included
/// (both give the canonical quiet NaN), over ordinary, huge, tiny and special inputs.
#[test]
fn exp_ln_sin_cos_give_the_same_bits_as_the_simulator() {
    if cuda("exp_ln_sin_cos_give_the_same_bits_as_the_simulator").is_none() {
        return;
    }
    let mut rng = Rng::fresh("cuda-math");
    let mut xs: Vec<f64> = (0..20_000)
        .map(|k| {
            let u = f64::from(rng.f32s(1)[0]);
            // Magnitudes from 2^-60 to 2^60 with either sign.
            let m = 2f64.powf(120.0 * (u.abs() % 1.0) - 60.0);
            if k % 2 == 0 { m } else { -m }
        })
        .collect();
    xs.extend([
        0.0,
        -0.0,
        1.0,
        709.78,
        710.0,
        -740.0,
        -746.0,
        5e-324,
        1e300,
        3.0e13,
        4.0e13,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MAX,
        f64::MIN_POSITIVE,
    ]);
    let n = xs.len();
    let xs32: Vec<f32> = xs.iter().map(|&x| x as f32).collect();
    let (g, s) = both(|d| {
        let out = d.zeros::<f64>(&[4, n])?;
        let out32 = d.zeros::<f32>(&[4, n])?;
        math_parity.launch(
            &LaunchConfig::new(n.div_ceil(256) as u32, 256u32),
            (
                &d.to_device(&xs, &[n])?,
                &out,
                &d.to_device(&xs32, &[n])?,
                &out32,
            ),
        )?;
        Ok((out.copy_to_host()?, out32.copy_to_host()?))
    });
    let diff64 =
        g.0.iter()
            .zip(&s.0)
            .filter(|(a, b)| a.to_bits() != b.to_bits())
            .count();
    let diff32 =
        g.1.iter()
            .zip(&s.1)
            .filter(|(a, b)| a.to_bits() != b.to_bits())
            .count();
    assert_eq!(
        (diff64, diff32),
        (0, 0),
        "values whose bits differ between CUDA and the simulator"
    );
}
