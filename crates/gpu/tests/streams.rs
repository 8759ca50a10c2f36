//! Streams and events on the simulator: the program that times a launch on a stream of its own on CUDA
//! runs unchanged here (launches complete at once, events hold the host time of their recording), and
//! misuse is a typed error on both backends (the CUDA side runs against the mock driver in
//! `tests/mock_driver.rs`, and on a GPU in `tests/cuda.rs`).

use gpu::{Device, Error, LaunchConfig, kernels};

#[test]
fn a_timed_launch_on_a_stream_runs_on_the_simulator() -> Result<(), Error> {
    let device = Device::simulator();
    let stream = device.stream()?;
    let (start, end) = (device.event()?, device.event()?);
    let n = 64;
    let a = device.to_device(&(0..n * n).map(|i| i as f32).collect::<Vec<_>>(), &[n, n])?;
    let c = device.device_array_like(&a)?;
    start.record(&stream)?;
    kernels::source::mat_add.launch_on(&stream, &kernels::cover_2d(n, n), (&a, &a, &c))?;
    end.record(&stream)?;
    assert!(stream.query()? && end.query()?);
    end.synchronize()?;
    stream.synchronize()?;
    let ms = start.elapsed_ms(&end)?;
    assert!((0.0..60_000.0).contains(&ms), "{ms}");
    assert_eq!(end.elapsed_ms(&start)?, -ms);
    let expected: Vec<f32> = (0..n * n).map(|i| 2.0 * i as f32).collect();
    assert_eq!(c.copy_to_host()?, expected);
    // The default stream, and a stream waiting for an event.
    kernels::source::mat_add.launch_on(
        &device.default_stream(),
        &kernels::cover_2d(n, n),
        (&c, &a, &c),
    )?;
    device.stream()?.wait_event(&end)?;
    assert_eq!(c.copy_to_host()?[5], 15.0);
    Ok(())
}

#[test]
fn misusing_streams_and_events_is_a_typed_error() -> Result<(), Error> {
    let device = Device::simulator();
    let other = Device::simulator();
    let (start, end) = (device.event()?, device.event()?);
    for outcome in [
        start.elapsed_ms(&end).map(|_| ()),
        start.synchronize(),
        start.query().map(|_| ()),
        device.stream()?.wait_event(&start),
    ] {
        let err = outcome.expect_err("never recorded");
        assert!(matches!(err, Error::Event { .. }), "{err}");
        assert!(err.to_string().contains("never recorded"), "{err}");
    }
    let a = device.zeros::<i32>(&[2, 2])?;
    let err = kernels::source::mat_add
        .launch_on(
            &other.stream()?,
            &LaunchConfig::new(1, (2, 2)),
            (&a, &a, &a),
        )
        .expect_err("another device's stream");
    assert!(matches!(err, Error::WrongDevice { .. }), "{err}");
    assert!(matches!(
        start.record(&other.stream()?),
        Err(Error::WrongDevice { .. })
    ));
    start.record(&device.default_stream())?;
    let theirs = other.event()?;
    theirs.record(&other.default_stream())?;
    assert!(matches!(
        start.elapsed_ms(&theirs),
        Err(Error::WrongDevice { .. })
    ));
    assert!(matches!(
        device.stream()?.wait_event(&theirs),
        Err(Error::WrongDevice { .. })
    ));
    // A CUDA device cannot be had without a GPU: a typed error, not a crash.
    if let Err(err) = Device::cuda() {
        assert!(matches!(err, Error::CudaUnavailable { .. }), "{err}");
    }
    Ok(())
}

#[test]
fn copies_queued_on_a_stream_are_ordered_with_its_kernels() -> Result<(), Error> {
    let device = Device::simulator();
    let stream = device.stream()?;
    let n = 16;
    let host: Vec<i64> = (0..(n * n) as i64).collect();
    // numba: d_a = cuda.to_device(a, stream=s); k[grid, block, s](...); c.copy_to_host(stream=s)
    let a = device.to_device_on(&stream, &host, &[n, n])?;
    let c = device.zeros::<i64>(&[n, n])?;
    let before = device.transfers();
    kernels::source::mat_add.launch_on(&stream, &kernels::cover_2d(n, n), (&a, &a, &c))?;
    let pending = c.copy_to_host_on(&stream)?;
    assert!(pending.is_ready()?);
    let doubled: Vec<i64> = host.iter().map(|v| 2 * v).collect();
    assert_eq!(pending.wait()?, doubled);
    // A new upload on the stream, then a kernel reading it, then a device-to-device copy after that kernel.
    let ones = vec![1i64; n * n];
    a.copy_from_host_on(&stream, &ones)?;
    kernels::source::mat_add.launch_on(&stream, &kernels::cover_2d(n, n), (&a, &c, &c))?;
    let d = device.zeros::<i64>(&[n, n])?;
    d.copy_from_device_on(&stream, &c)?;
    stream.synchronize()?;
    let expected: Vec<i64> = doubled.iter().map(|v| v + 1).collect();
    assert_eq!(d.copy_to_host_on(&stream)?.wait()?, expected);
    // Host transfers are counted like the synchronous ones: one upload, two downloads of n * n i64.
    let after = device.transfers();
    assert_eq!(after.host_to_device - before.host_to_device, 1);
    assert_eq!(after.device_to_host - before.device_to_host, 2);
    assert_eq!(
        after.device_to_host_bytes - before.device_to_host_bytes,
        2 * (n * n * 8) as u64
    );
    // A copy never waited for is dropped without harm.
    drop(c.copy_to_host_on(&device.default_stream())?);
    Ok(())
}

#[test]
fn misusing_stream_copies_is_a_typed_error() -> Result<(), Error> {
    let device = Device::simulator();
    let other = Device::simulator();
    let theirs = other.stream()?;
    let a = device.zeros::<f32>(&[4])?;
    let b = other.zeros::<f32>(&[4])?;
    let wrong_device = [
        a.copy_from_host_on(&theirs, &[1.0; 4]),
        a.copy_to_host_on(&theirs).map(|_| ()),
        a.copy_from_device_on(&theirs, &a),
        device.to_device_on(&theirs, &[1.0f32; 4], &[4]).map(|_| ()),
        a.copy_from_device_on(&device.stream()?, &b),
    ];
    for outcome in wrong_device {
        let err = outcome.expect_err("another device");
        assert!(matches!(err, Error::WrongDevice { .. }), "{err}");
    }
    let stream = device.stream()?;
    let short = device.zeros::<f32>(&[3])?;
    for outcome in [
        a.copy_from_host_on(&stream, &[1.0; 3]),
        a.copy_from_device_on(&stream, &short),
        device.to_device_on(&stream, &[1.0f32; 3], &[4]).map(|_| ()),
    ] {
        let err = outcome.expect_err("wrong length");
        assert!(matches!(err, Error::LengthMismatch { .. }), "{err}");
    }
    let err = device
        .to_device_on(&stream, &[1.0f32; 4], &[])
        .expect_err("no dimensions");
    assert!(matches!(err, Error::BadShape { .. }), "{err}");
    // Nothing was written by the failed calls.
    assert_eq!(a.copy_to_host()?, [0.0; 4]);
    Ok(())
}
