//! The kernel library on the simulator: every kernel against a plain-Rust reference on fresh random inputs,
//! outputs poisoned before each run; the seed's exact `mat_add` result; and every error case of the library.

mod common;

use common::{POISON_F32, POISON_U32, Rng};
use gpu::kernels::{self, Region, reference};
use gpu::{Device, Error, LaunchConfig};

fn sim() -> Device {
    Device::simulator()
}

#[test]
fn seed_mat_add_gives_the_seeds_result() -> Result<(), Error> {
    let device = sim();
    let a = device.to_device(&(0..12).collect::<Vec<i64>>(), &[3, 4])?;
    let b = device.to_device(&(12..24).collect::<Vec<i64>>(), &[3, 4])?;
    let c = device.to_device(&[i64::MIN; 12], &[3, 4])?;
    kernels::mat_add(&LaunchConfig::new((1, 1), (4, 3)), &a, &b, &c)?;
    let text = gpu::numpy_str(&c.copy_to_host()?, c.shape());
    assert_eq!(text, "[[12 14 16 18]\n [20 22 24 26]\n [28 30 32 34]]");
    Ok(())
}

fn check_mat_add<T: kernels::AddElement>(
    device: &Device,
    rows: usize,
    cols: usize,
    a: Vec<T>,
    b: Vec<T>,
    poison: T,
) -> Result<(), Error> {
    let (da, db) = (
        device.to_device(&a, &[rows, cols])?,
        device.to_device(&b, &[rows, cols])?,
    );
    let dc = device.to_device(&vec![poison; rows * cols], &[rows, cols])?;
    kernels::mat_add(&kernels::cover_2d(rows, cols), &da, &db, &dc)?;
    let mut expected = vec![poison; rows * cols];
    reference::mat_add(&a, &b, &mut expected);
    assert_eq!(dc.copy_to_host()?, expected, "{rows}x{cols} {}", T::DTYPE);
    Ok(())
}

#[test]
fn mat_add_matches_the_reference_for_every_type_and_ragged_shapes() -> Result<(), Error> {
    let mut rng = Rng::fresh("mat_add");
    let device = sim();
    for _ in 0..3 {
        let (rows, cols) = (1 + rng.below(70), 1 + rng.below(70));
        let n = rows * cols;
        check_mat_add(&device, rows, cols, rng.i32s(n), rng.i32s(n), i32::MIN)?;
        check_mat_add(&device, rows, cols, rng.i64s(n), rng.i64s(n), i64::MIN)?;
        check_mat_add(&device, rows, cols, rng.f32s(n), rng.f32s(n), POISON_F32)?;
        check_mat_add(&device, rows, cols, rng.f64s(n), rng.f64s(n), f64::MIN)?;
    }
    Ok(())
}

#[test]
fn saxpy_covers_any_length_with_any_grid() -> Result<(), Error> {
    let mut rng = Rng::fresh("saxpy");
    let device = sim();
    for cfg in [
        LaunchConfig::new(3, 32),
        LaunchConfig::for_elements(5000, 256),
        LaunchConfig::new(1, 1),
    ] {
        let n = 1 + rng.below(5000);
        let (x, y) = (rng.f32s(n), rng.f32s(n));
        let alpha = rng.f32s(1)[0] * 4.0;
        let (dx, dy) = (device.to_device(&x, &[n])?, device.to_device(&y, &[n])?);
        let out = device.to_device(&vec![POISON_F32; n], &[n])?;
        kernels::saxpy(&cfg, alpha, &dx, &dy, &out)?;
        let mut expected = vec![0.0; n];
        reference::saxpy(alpha, &x, &y, &mut expected);
        assert_eq!(out.copy_to_host()?, expected, "n = {n}, {cfg:?}");
    }
    Ok(())
}

#[test]
fn tiled_matmul_matches_the_reference_bit_for_bit() -> Result<(), Error> {
    let mut rng = Rng::fresh("matmul");
    let device = sim();
    for _ in 0..2 {
        let (m, k, n) = (1 + rng.below(50), 1 + rng.below(50), 1 + rng.below(50));
        let (a, b) = (rng.f32s(m * k), rng.f32s(k * n));
        let (da, db) = (
            device.to_device(&a, &[m, k])?,
            device.to_device(&b, &[k, n])?,
        );
        let dc = device.to_device(&vec![POISON_F32; m * n], &[m, n])?;
        kernels::matmul(&da, &db, &dc)?;
        let mut expected = vec![0.0; m * n];
        reference::matmul(&a, &b, &mut expected, m, k, n);
        assert_eq!(dc.copy_to_host()?, expected, "{m}x{k} @ {k}x{n}");
    }
    Ok(())
}

#[test]
fn block_sum_and_sum_add_everything_once() -> Result<(), Error> {
    let mut rng = Rng::fresh("sum");
    let device = sim();
    let n = 1 + rng.below(100_000);
    let x = rng.f32s(n);
    let exact: f64 = x.iter().map(|&v| f64::from(v)).sum();
    let dx = device.to_device(&x, &[n])?;
    let got = kernels::sum(&dx)?;
    assert!(
        (f64::from(got) - exact).abs() <= 1e-3 * (1.0 + exact.abs()),
        "n = {n}: {got} vs {exact}"
    );

    let cfg = LaunchConfig::new(4, 64).with_shared_bytes(256);
    let ones = device.to_device(&vec![1.0f32; 1000], &[1000])?;
    let partial = device.to_device(&[POISON_F32; 4], &[4])?;
    kernels::block_sum(&cfg, &ones, &partial)?;
    // 1000 elements, grid-stride over 256 threads: blocks 0-2 get 4 rounds of 64 minus the tail.
    let parts = partial.copy_to_host()?;
    assert_eq!(parts.iter().sum::<f32>(), 1000.0, "{parts:?}");
    assert_eq!(parts, [256.0, 256.0, 256.0, 232.0]);
    Ok(())
}

#[test]
fn mandelbrot_matches_the_reference() -> Result<(), Error> {
    let device = sim();
    let (w, h) = (97, 61);
    let out = device.to_device(&vec![POISON_U32; w * h], &[h, w])?;
    kernels::mandelbrot(&kernels::cover_2d(h, w), &out, &Region::FULL, 200)?;
    let image = out.copy_to_host()?;
    assert_eq!(image, reference::mandelbrot(&Region::FULL, w, h, 200));
    assert!(
        image.contains(&200) && image.contains(&1),
        "the view shows the set and its outside"
    );
    Ok(())
}

#[test]
fn library_errors_say_what_is_wrong() -> Result<(), Error> {
    let device = sim();
    let a = device.zeros::<f32>(&[4, 4])?;
    let b = device.zeros::<f32>(&[4, 5])?;
    let flat = device.zeros::<f32>(&[16])?;
    let cfg = LaunchConfig::new(1, (4, 4));
    assert!(matches!(
        kernels::mat_add(&cfg, &a, &b, &a),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        kernels::mat_add(&cfg, &flat, &flat, &flat),
        Err(Error::ShapeMismatch { .. })
    ));
    let other = Device::simulator().zeros::<f32>(&[4, 4])?;
    assert!(matches!(
        kernels::mat_add(&cfg, &a, &other, &a),
        Err(Error::WrongDevice { .. })
    ));
    let err =
        kernels::mat_add(&LaunchConfig::new(1, (64, 32)), &a, &a, &a).expect_err("2048 threads");
    assert!(err.to_string().contains("2048 threads"), "{err}");
    assert!(matches!(
        kernels::matmul(&a, &b, &a),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        kernels::matmul(&b, &a, &a),
        Err(Error::ShapeMismatch { .. })
    ));
    let partial = device.zeros::<f32>(&[2])?;
    let err = kernels::block_sum(
        &LaunchConfig::new(2, 48).with_shared_bytes(192),
        &flat,
        &partial,
    )
    .expect_err("48 threads");
    assert!(err.to_string().contains("power-of-two"), "{err}");
    let err = kernels::block_sum(&LaunchConfig::new(2, 2048), &flat, &partial)
        .expect_err("over 1024 threads");
    assert!(err.to_string().contains("at most 1024"), "{err}");
    let err = kernels::block_sum(
        &LaunchConfig::new(3, 64).with_shared_bytes(256),
        &flat,
        &partial,
    )
    .expect_err("3 blocks");
    assert!(matches!(err, Error::ShapeMismatch { .. }));
    let img = device.zeros::<u32>(&[8])?;
    assert!(matches!(
        kernels::mandelbrot(&cfg, &img, &Region::FULL, 10),
        Err(Error::ShapeMismatch { .. })
    ));
    Ok(())
}

#[test]
fn out_of_bounds_in_a_rust_kernel_is_an_error_naming_the_index() -> Result<(), Error> {
    let device = sim();
    let a = device.zeros::<f32>(&[3, 4])?;
    let v = a.view()?;
    let err = device
        .launch_sim(
            "oob",
            &LaunchConfig::new(1, (8, 8)),
            gpu::Barriers::None,
            |t| {
                let (j, i) = t.grid2();
                v.set2(i, j, 1.0); // no bounds check, unlike mat_add
            },
        )
        .expect_err("8x8 threads over a 3x4 array");
    let text = err.to_string();
    assert!(
        text.contains(
            "tid=[4, 0, 0] ctaid=[0, 0, 0]: index 4 is out of bounds for axis 1 with size 4"
        ),
        "{text}"
    );
    assert!(
        text.contains("tests/kernels.rs:212:"),
        "the kernel's line: {text}"
    );
    Ok(())
}

#[test]
fn simulator_refuses_ptx_and_names_the_backend() {
    let err = sim()
        .load_ptx(kernels::PTX[0].1)
        .expect_err("PTX needs CUDA");
    assert!(matches!(err, Error::WrongBackend { needed: "CUDA", .. }));
}
