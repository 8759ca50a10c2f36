//! Warp functions with partial masks: votes (`all_sync`, `any_sync`, `eq_sync`, `ballot_sync`), `activemask`,
//! `syncwarp`, and shuffles among the lanes of a mask, on the simulator, against plain Rust computing CUDA's
//! documented semantics (numba's CUDASIM has no warp functions to record from: numba 0.68.1 raises
//! `AttributeError: 'FakeCUDAModule' object has no attribute 'ballot_sync'`; on a GPU, `tests/cuda.rs` holds
//! the simulator to the device's results). Only results CUDA defines are compared.

use gpu::{Array1, Array2, Barriers, Device, Error, LaunchConfig, kernel};
use std::sync::mpsc;
use std::time::Duration;

/// Votes over the whole warp and over its even lanes, and `activemask` in a branch the lanes below 5 take.
#[kernel]
fn votes(x: Array1<i32>, out: Array2<u32>) {
    let i = grid1();
    let lane = lane_id();
    let p = x[i] > 0;
    out[(i, 0)] = warp::ballot_sync(0xffffffff, p);
    let even = 0x55555555u32;
    if lane % 2 == 0 {
        out[(i, 1)] = warp::ballot_sync(even, p);
        out[(i, 2)] = warp::all_sync(even, p) as u32;
        out[(i, 3)] = warp::any_sync(even, p) as u32;
        out[(i, 4)] = warp::eq_sync(even, p) as u32;
    }
    if lane < 5 {
        out[(i, 5)] = warp::activemask();
    }
    out[(i, 6)] = warp::all_sync(0xffffffff, x[i] > -1000) as u32;
}

/// Shuffles among half warps: `shfl_up_sync` in the lower 16 lanes, `shfl_down_sync` and a broadcast from
/// lane 20 in the upper 16, `shfl_xor_sync` by 5 in the lower (whose partner stays in the lower half), and a
/// `syncwarp` of the even lanes.
#[kernel]
fn half_warps(x: Array1<u64>, out: Array2<u64>) {
    let i = grid1();
    let lane = lane_id();
    let v = x[i];
    if lane < 16 {
        out[(i, 0)] = warp::shfl_up_sync(0xffff, v, 3);
        out[(i, 1)] = warp::shfl_xor_sync(0xffff, v, 5);
    } else {
        out[(i, 0)] = warp::shfl_down_sync(0xffff0000, v, 3);
        out[(i, 1)] = warp::shfl_sync(0xffff0000, v, 20);
    }
    if lane % 2 == 0 {
        warp::syncwarp(0x55555555);
    }
    out[(i, 2)] = warp::shfl_up(v, 1) + warp::shfl_down(v, 31);
}

fn ballot(lanes: impl Iterator<Item = usize>, p: impl Fn(usize) -> bool) -> u32 {
    lanes.filter(|&l| p(l)).fold(0, |m, l| m | (1 << l))
}

#[test]
fn votes_and_activemask_follow_the_mask_and_the_warp() -> Result<(), Error> {
    let device = Device::simulator();
    // 80 threads: two full warps and one of 16 lanes.
    let n = 80;
    let host: Vec<i32> = (0..n as i32)
        .map(|i| if i % 3 == 0 { 5 } else { -i })
        .collect();
    let x = device.to_device(&host, &[n])?;
    let out = device.zeros::<u32>(&[n, 7])?;
    votes.launch(&LaunchConfig::new(1, n as u32), (&x, &out))?;
    let got = out.copy_to_host()?;
    for i in 0..n {
        let (base, lane) = (i / 32 * 32, i % 32);
        let lanes = (n - base).min(32);
        let p = |l: usize| host[base + l] > 0;
        let evens = (0..lanes).step_by(2);
        let even_ballot = ballot(evens.clone(), p);
        let even_count = evens.clone().count();
        let mut row = [ballot(0..lanes, p), 0, 0, 0, 0, 0, 1];
        if lane % 2 == 0 {
            row[1] = even_ballot;
            row[2] = u32::from(even_ballot.count_ones() as usize == even_count);
            row[3] = u32::from(even_ballot != 0);
            row[4] = u32::from(even_ballot == 0 || even_ballot.count_ones() as usize == even_count);
        }
        if lane < 5 {
            row[5] = 0b11111;
        }
        assert_eq!(got[i * 7..i * 7 + 7], row[..], "thread {i}");
    }
    assert!(votes::PTX.contains("vote.sync.ballot.b32") && votes::PTX.contains("activemask.b32"));
    assert!(votes::PTX.contains("vote.sync.all.pred") && votes::PTX.contains("vote.sync.uni.pred"));
    Ok(())
}

#[test]
fn shuffles_among_the_lanes_of_a_mask() -> Result<(), Error> {
    let device = Device::simulator();
    let n = 64;
    let host: Vec<u64> = (0..n as u64)
        .map(|i| i * 1_000_000_007 + (1 << 40))
        .collect();
    let x = device.to_device(&host, &[n])?;
    let out = device.zeros::<u64>(&[n, 3])?;
    half_warps.launch(&LaunchConfig::new(2, 32), (&x, &out))?;
    let got = out.copy_to_host()?;
    for i in 0..n {
        let (base, lane) = (i / 32 * 32, i % 32);
        let at = |l: usize| host[base + l];
        let (a, b) = if lane < 16 {
            (
                if lane >= 3 { at(lane - 3) } else { at(lane) },
                at(lane ^ 5),
            )
        } else {
            (
                if lane + 3 < 32 {
                    at(lane + 3)
                } else {
                    at(lane)
                },
                at(20),
            )
        };
        let c = if lane >= 1 { at(lane - 1) } else { at(lane) }
            + if lane == 0 { at(31) } else { at(lane) };
        assert_eq!(got[i * 3..i * 3 + 3], [a, b, c], "thread {i}");
    }
    let ptx = half_warps::PTX;
    assert!(
        ptx.contains("shfl.sync.up.b32") && ptx.contains(", 0, %r"),
        "{ptx}"
    );
    assert!(ptx.contains("bar.warp.sync"), "{ptx}");
    Ok(())
}

/// Lane 3 skips a full-warp shuffle; lane 7 calls `ballot_sync` with a mask that leaves it out.
#[kernel]
fn diverged(x: Array1<u32>, which: u32) {
    let i = grid1();
    let lane = lane_id();
    if which == 0 {
        if lane != 3 {
            x[i] = warp::shfl_down(x[i], 1);
        } else {
            syncthreads();
        }
    } else if lane == 7 {
        x[i] = warp::ballot_sync(0xff00, true);
    }
}

/// Runs `f` on another thread and fails the test if it takes longer than 60 s (a hang).
fn within_a_minute<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the launch returned within a minute")
}

#[test]
fn a_lane_missing_from_a_warp_function_fails_the_launch_instead_of_hanging() {
    let text = within_a_minute(|| {
        let device = Device::simulator();
        let x = device.zeros::<u32>(&[32]).expect("zeros");
        diverged
            .launch(&LaunchConfig::new(1, 32), (&x, 0))
            .expect_err("lane 3 waits at a barrier")
            .to_string()
    });
    assert!(text.contains("warp divergence"), "{text}");
    assert!(
        text.contains("waits at warp::shfl_down_sync(mask 0xffffffff)")
            && text.contains("tid=[3, 0, 0] (lane 3, named in its mask) waits at syncthreads()"),
        "{text}"
    );
    let text = within_a_minute(|| {
        let device = Device::simulator();
        let x = device.zeros::<u32>(&[32]).expect("zeros");
        diverged
            .launch(&LaunchConfig::new(1, 32), (&x, 1))
            .expect_err("lane 7 is outside its mask")
            .to_string()
    });
    assert!(
        text.contains("tid=[7, 0, 0]: warp::ballot_sync()")
            && text.contains("mask 0x0000ff00, which leaves out the calling lane 7"),
        "{text}"
    );
}

#[test]
fn closure_kernels_have_the_same_warp_functions() -> Result<(), Error> {
    let device = Device::simulator();
    let out = device.zeros::<u32>(&[48])?;
    let o = out.view()?;
    device.launch_sim("ballot", &LaunchConfig::new(1, 48), Barriers::Sync, |t| {
        let lane = t.lane_id();
        let odd = t.ballot_sync(gpu::warp::FULL_MASK, lane % 2 == 1);
        let value = if (4..8).contains(&lane) {
            t.shfl_sync(0xf0, lane * 10, 5)
        } else {
            odd
        };
        o.set(t.linear_thread_idx(), value);
    })?;
    let got = out.copy_to_host()?;
    for (i, &g) in got.iter().enumerate() {
        let lane = i % 32;
        let lanes = if i < 32 { 32 } else { 16 };
        let expected = if (4..8).contains(&lane) {
            50
        } else {
            ballot(0..lanes, |l| l % 2 == 1)
        };
        assert_eq!(g, expected, "thread {i}");
    }
    Ok(())
}

#[test]
fn the_ptx_declares_the_warp_functions() {
    if let Ok(dir) = std::env::var("GPU_DUMP_PTX") {
        for (name, ptx) in [
            ("votes", votes::PTX),
            ("half_warps", half_warps::PTX),
            ("diverged", diverged::PTX),
        ] {
            std::fs::write(format!("{dir}/{name}.ptx"), ptx).expect("dump");
        }
    }
    assert!(diverged::PTX.contains("shfl.sync.down.b32") && diverged::PTX.contains(", -1;"));
}
