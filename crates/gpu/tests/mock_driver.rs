//! The CUDA backend without a GPU: builds `tests/mock_driver/libcuda.c` into a fake `libcuda.so.1`, then re-runs
//! this test binary with `LD_LIBRARY_PATH` pointing at it, so the crate's run-time loader (`dlopen`) finds it. The child
//! runs the seed's `mat_add` through the whole CUDA path (context, stream, PTX module, argument checks, an
//! 11-argument `cuLaunchKernel`, copies, streams and events) and checks that a result code newer than CUDA 11's (46) becomes a
//! readable error with the driver's text.

use gpu::{Backend, Device, Error, KernelArg, LaunchConfig, kernels};
use std::path::PathBuf;
use std::process::Command;

const CHILD_ENV: &str = "GPU_MOCK_DRIVER_CHILD";

#[test]
fn the_cuda_backend_works_against_a_mock_driver() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("mock-cuda");
    std::fs::create_dir_all(&dir).expect("create the mock's folder");
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mock_driver/libcuda.c");
    let library = dir.join("libcuda.so.1");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let built = Command::new(&cc)
        .args(["-shared", "-fPIC", "-O1", "-o"])
        .arg(&library)
        .arg(&source)
        .status()
        .unwrap_or_else(|e| {
            panic!("could not run the C compiler `{cc}` (Rust's linker needs one too): {e}")
        });
    assert!(built.success(), "compiling {} failed", source.display());

    let exe = std::env::current_exe().expect("the test binary's path");
    let out = Command::new(exe)
        .args([
            "--exact",
            "child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("LD_LIBRARY_PATH", &dir)
        .env(CHILD_ENV, "1")
        .env("MOCK_CUDA_SYNC_RESULT", "46")
        .env_remove(gpu::SIMULATOR_ENV)
        .output()
        .expect("re-run this test binary");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the child failed:\n{text}");
    assert!(
        text.contains("1 passed"),
        "the child test did not run:\n{text}"
    );
}

#[test]
#[ignore = "run by the_cuda_backend_works_against_a_mock_driver in a child process"]
fn child() -> Result<(), Error> {
    assert_eq!(
        std::env::var(CHILD_ENV).as_deref(),
        Ok("1"),
        "run me through the_cuda_backend_works_against_a_mock_driver"
    );
    let device = Device::new();
    assert_eq!(
        device.backend(),
        Backend::Cuda,
        "the mock driver was not picked up: {:?}",
        device.fallback_reason()
    );
    assert_eq!(device.name(), "Mock GPU");
    assert_eq!(device.limits().max_shared_bytes, 49152);

    let a = device.to_device(&(0..12).collect::<Vec<i64>>(), &[3, 4])?;
    let b = device.to_device(&(12..24).collect::<Vec<i64>>(), &[3, 4])?;
    let c = device.device_array_like(&a)?;
    assert!(a.device_ptr().is_some());
    kernels::mat_add(&LaunchConfig::new((1, 1), (4, 3)), &a, &b, &c)?;
    assert_eq!(
        gpu::numpy_str(&c.copy_to_host()?, c.shape()),
        "[[12 14 16 18]\n [20 22 24 26]\n [28 30 32 34]]"
    );
    let t = device.transfers();
    assert_eq!(
        (t.host_to_device, t.device_to_host, t.device_to_host_bytes),
        (2, 1, 96)
    );

    // A launch covering only the first two columns leaves the rest as they were: the grid reached the driver.
    let d = device.zeros::<i64>(&[3, 4])?;
    kernels::mat_add(&LaunchConfig::new((1, 1), (2, 3)), &a, &b, &d)?;
    assert_eq!(
        d.copy_to_host()?,
        [12, 14, 0, 0, 20, 22, 0, 0, 28, 30, 0, 0]
    );
    d.copy_from_device(&c)?;
    assert_eq!(d.copy_to_host()?, c.copy_to_host()?);

    // Checked before the driver sees them.
    let module = device.load_ptx(kernels::PTX[0].1)?;
    let err = module
        .launch("mat_add_i64", &LaunchConfig::new(1, 4), &[(&a).into()])
        .expect_err("1 of 5 arguments");
    assert!(matches!(err, Error::BadArguments { .. }), "{err}");
    let args = [
        (&a).into(),
        (&b).into(),
        (&c).into(),
        KernelArg::U32(3),
        KernelArg::U32(4),
    ];
    assert!(matches!(
        module.launch("mat_add_i64", &LaunchConfig::new(1, 2048), &args),
        Err(Error::BadLaunch { .. })
    ));
    // Refused by the (mock) driver, reported with its message.
    let err = device
        .load_ptx("not PTX at all")
        .expect_err("the mock refuses it");
    assert!(
        matches!(
            err,
            Error::Cuda {
                call: "cuModuleLoadData",
                ..
            }
        ),
        "{err}"
    );

    // Streams and events: a launch on a stream of its own, timed by two events (the mock's clock advances
    // 1.5 ms per launch), a stream waiting for an event, and the typed errors of misuse.
    let stream = device.stream()?;
    let (start, end) = (device.event()?, device.event()?);
    let err = start.elapsed_ms(&end).expect_err("never recorded");
    assert!(matches!(err, Error::Event { .. }), "{err}");
    start.record(&stream)?;
    let e = device.zeros::<i64>(&[3, 4])?;
    kernels::source::mat_add.launch_on(
        &stream,
        &LaunchConfig::new((1, 1), (4, 3)),
        (&a, &b, &e),
    )?;
    kernels::source::mat_add.launch_on(
        &stream,
        &LaunchConfig::new((1, 1), (4, 3)),
        (&a, &b, &e),
    )?;
    end.record(&stream)?;
    end.synchronize()?;
    assert!(end.query()? && stream.query()?);
    assert_eq!(start.elapsed_ms(&end)?, 3.0);
    stream.synchronize()?;
    assert_eq!(e.copy_to_host()?, c.copy_to_host()?);
    device.default_stream().wait_event(&end)?;
    // Copies queued on the stream (cuMemcpyHtoDAsync/DtoHAsync/DtoDAsync with its handle): an upload staged
    // and kept by the stream, a kernel after it, a download handed over once its event has completed.
    let f = device.to_device_on(&stream, &[5i64; 12], &[3, 4])?;
    f.copy_from_host_on(&stream, &(0..12).collect::<Vec<i64>>())?;
    kernels::source::mat_add.launch_on(
        &stream,
        &LaunchConfig::new((1, 1), (4, 3)),
        (&f, &f, &e),
    )?;
    let g = device.zeros::<i64>(&[3, 4])?;
    g.copy_from_device_on(&stream, &e)?;
    let pending = g.copy_to_host_on(&stream)?;
    assert_eq!(
        pending.wait()?,
        (0..12).map(|v| 2 * v).collect::<Vec<i64>>()
    );
    assert!(stream.query()?);
    drop(f.copy_to_host_on(&stream)?);
    let err = f
        .copy_from_host_on(&Device::simulator().stream()?, &[0; 12])
        .expect_err("a simulator stream for a CUDA copy");
    assert!(matches!(err, Error::WrongDevice { .. }), "{err}");
    let other = device.stream()?;
    other.wait_event(&start)?;
    drop(other);
    let sim = Device::simulator();
    let err = kernels::source::mat_add
        .launch_on(&sim.stream()?, &LaunchConfig::new(1, 4), (&a, &b, &e))
        .expect_err("a simulator stream for a CUDA launch");
    assert!(matches!(err, Error::WrongDevice { .. }), "{err}");
    assert!(matches!(
        start.record(&sim.stream()?),
        Err(Error::WrongDevice { .. })
    ));

    // CUDA_ERROR_DEVICE_UNAVAILABLE (46) is newer than CUDA 11: it must arrive as a readable error.
    let err = device.synchronize().expect_err("the mock returns 46");
    let text = err.to_string();
    assert!(
        text.contains("busy or unavailable") && text.contains("CUDA error 46"),
        "{text}"
    );
    Ok(())
}
