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
