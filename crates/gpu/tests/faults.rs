//! Faults of simulated kernels are recorded, never raised as panics: so a faulting launch returns `Err` under
//! `panic = "abort"` as well, and the panic hook prints nothing for an error the program handles. This test
//! binary holds one test, so the panic hook it installs sees every panic of the process.

use gpu::{Barriers, Device, LaunchConfig};
use std::sync::atomic::{AtomicUsize, Ordering};

static PANICS: AtomicUsize = AtomicUsize::new(0);

#[test]
fn every_kind_of_fault_is_an_error_without_a_panic() -> Result<(), gpu::Error> {
    std::panic::set_hook(Box::new(|info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        eprintln!("unexpected panic: {info}");
    }));
    let device = Device::simulator();
    device.set_racecheck(true); // the data race below is found by the race check (off in release builds)
    let a = device.zeros::<f32>(&[3, 4])?;
    let v = a.view()?;
    let cfg = LaunchConfig::new((2, 2), (8, 8));
    let mut errors = Vec::new();
    // Out of bounds, per thread and per span, with and without barriers; a negative index.
    for barriers in [Barriers::None, Barriers::Sync] {
        errors.push(device.launch_sim("oob", &cfg, barriers, |t| {
            let (j, i) = t.grid2();
            v.set2(i, j, v.get2(i, j) + 1.0);
        }));
    }
    errors.push(device.launch_sim_span("span", &cfg, |s| {
        let row = v.range(s.grid_y() * 4..s.grid_y() * 4 + 4);
        row.set(0, 1.0);
    }));
    errors.push(device.launch_sim("negative", &cfg, Barriers::None, |t| {
        v.set(t.grid1() as i64 - 1, 0.0)
    }));
    // syncthreads without barriers, a shared array's type clash, a data race, divergent barriers.
    errors.push(device.launch_sim("nosync", &cfg, Barriers::None, |t| t.syncthreads()));
    errors.push(device.launch_sim("clash", &cfg, Barriers::Sync, |t| {
        if t.thread_idx().x == 0 {
            t.shared_array::<u32>(0, 4);
        } else {
            t.shared_array::<f64>(0, 4);
        }
    }));
    errors.push(device.launch_sim("race", &cfg, Barriers::Sync, |t| {
        let s = t.shared_array::<f32>(0, 64);
        s.set(t.linear_thread_idx(), 1.0);
        let _ = s.get(63 - t.linear_thread_idx());
    }));
    errors.push(device.launch_sim("diverge", &cfg, Barriers::Sync, |t| {
        if t.thread_idx().y == 0 {
            t.syncthreads();
        }
        t.syncthreads();
    }));
    for (n, outcome) in errors.iter().enumerate() {
        let err = outcome.as_ref().expect_err("each launch faults");
        assert!(
            matches!(err, gpu::Error::KernelFailed { .. }),
            "launch {n}: {err}"
        );
        assert!(
            err.to_string().contains("tid=") || err.to_string().contains("threads with grid x"),
            "launch {n} names the thread: {err}"
        );
    }
    // Launch sizes whose products overflow 32 or 64 bits (grid x block per axis, blocks in all): a typed
    // error from every launcher, with no panic (a debug build checks its arithmetic) and no thread run.
    let huge = u32::MAX;
    let ran = AtomicUsize::new(0);
    for cfg in [
        LaunchConfig::new((huge, huge, huge), (huge, huge, huge)),
        LaunchConfig::new((huge, huge, huge), 1024),
        LaunchConfig::new(huge, (1024, huge)),
    ] {
        let c = device.zeros::<i64>(&[2, 2])?;
        for outcome in [
            device.launch_sim_span("big", &cfg, |_| {
                ran.fetch_add(1, Ordering::SeqCst);
            }),
            device.launch_sim("big", &cfg, Barriers::None, |_| {
                ran.fetch_add(1, Ordering::SeqCst);
            }),
            gpu::kernels::source::mat_add.launch(&cfg, (&c, &c, &c)),
        ] {
            let err = outcome.expect_err("an impossible launch");
            assert!(
                matches!(err, gpu::Error::BadLaunch { .. }),
                "{cfg:?}: {err}"
            );
        }
    }
    assert_eq!(ran.load(Ordering::SeqCst), 0);
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "no fault may panic");
    Ok(())
}
