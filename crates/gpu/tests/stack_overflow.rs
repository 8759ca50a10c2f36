//! A closure kernel whose local arrays do not fit its simulated thread's stack (`launch_sim` cannot know their
//! size), with or without barriers, fails the launch with an error naming the thread, instead of killing the process with SIGSEGV; the
//! device keeps working, and `launch_sim_local` sizes the stacks when told the size.

use gpu::{Barriers, Device, Error, LaunchConfig};

#[test]
fn a_closure_kernel_overflowing_its_stack_is_an_error_not_a_crash() -> Result<(), Error> {
    let device = Device::simulator();
    let out = device.zeros::<u8>(&[64])?;
    let v = out.view()?;
    // 3 MiB of local memory: more than the 2 MiB stacks (and than CUDA's 512 KiB).
    let big = |t: &gpu::ThreadCtx<'_>| {
        let mut local = [0u8; 3 << 20];
        local[t.linear_thread_idx() * 4096] = 7;
        std::hint::black_box(&mut local);
        t.syncthreads();
        v.set(t.grid1(), local[t.linear_thread_idx() * 4096]);
    };
    // One block, then two (run in parallel: either block's thread 0 may fault first, on either OS thread).
    for blocks in [1, 2] {
        let err = device
            .launch_sim("big", &LaunchConfig::new(blocks, 32), Barriers::Sync, big)
            .expect_err("3 MiB of locals on a 2 MiB stack");
        let text = err.to_string();
        assert!(matches!(err, Error::KernelFailed { .. }), "{text}");
        let first = (0..blocks).any(|b| {
            text.contains(&format!(
                "tid=[0, 0, 0] ctaid=[{b}, 0, 0]: the simulated thread overflowed its stack of 2048 KiB"
            ))
        });
        assert!(first && text.contains("launch_sim_local"), "{text}");
    }
    // Without barriers too: a block's threads run one after another on a simulated thread's stack.
    let err = device
        .launch_sim("big", &LaunchConfig::new(1, 8), Barriers::None, |t| {
            let mut local = [0u8; 3 << 20];
            local[t.linear_thread_idx()] = 7;
            std::hint::black_box(&mut local);
            v.set(t.grid1(), local[t.linear_thread_idx()]);
        })
        .expect_err("3 MiB of locals without barriers");
    assert!(
        err.to_string()
            .contains("tid=[0, 0, 0] ctaid=[0, 0, 0]: the simulated thread overflowed its stack"),
        "{err}"
    );
    // Told the size, the launch is refused before it starts (over CUDA's limit).
    let err = device
        .launch_sim_local(
            "big",
            &LaunchConfig::new(2, 32),
            Barriers::Sync,
            3 << 20,
            big,
        )
        .expect_err("over 512 KiB");
    assert!(matches!(err, Error::BadLaunch { .. }), "{err}");
    // The simulator runs on: a kernel within the limit, on the stacks the failed launches gave back.
    device.launch_sim("fits", &LaunchConfig::new(2, 32), Barriers::Sync, |t| {
        let mut local = [0u8; 256 << 10];
        local[t.linear_thread_idx()] = 1;
        std::hint::black_box(&mut local);
        t.syncthreads();
        v.set(t.grid1(), local[t.linear_thread_idx()]);
    })?;
    assert_eq!(out.copy_to_host()?, [1; 64]);
    Ok(())
}
