//! Tests of the simulator's scheduling, spans, barriers and faults.
use super::*;
use crate::launch::LaunchConfig;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

#[test]
fn every_thread_of_every_block_runs_once_with_its_indices() {
    let cfg = LaunchConfig::new((3, 2, 2), (4, 2, 3));
    let seen: Vec<AtomicUsize> = (0..12 * 24).map(|_| AtomicUsize::new(0)).collect();
    let kernel = |ctx: &ThreadCtx<'_>| {
        let (x, y, z) = ctx.grid3();
        let (sx, sy, _) = ctx.gridsize3();
        seen[(z * sy + y) * sx + x].fetch_add(1, Ordering::Relaxed);
    };
    run("count", &cfg, Barriers::None, &kernel).expect("runs");
    assert!(seen.iter().all(|c| c.load(Ordering::Relaxed) == 1));
    run("count", &cfg, Barriers::Sync, &kernel).expect("runs");
    assert!(seen.iter().all(|c| c.load(Ordering::Relaxed) == 2));
}

/// Launches whose spans differ in shape: 3-D, rows split into several spans (a block width that does not
/// divide `SPAN_THREADS`, a shorter last span), one-thread blocks, a single span.
fn span_launches() -> Vec<LaunchConfig> {
    vec![
        LaunchConfig::new((3, 2, 2), (4, 2, 3)),
        LaunchConfig::new((100, 2), (48, 1)),
        LaunchConfig::new(40, 256),
        LaunchConfig::new((5, 3), 1),
        LaunchConfig::new(1, 7),
    ]
}

#[test]
fn spans_cover_every_thread_once_in_whole_blocks_with_its_indices() {
    for cfg in span_launches() {
        for schedule in [
            Schedule::Auto,
            Schedule::Eager,
            Schedule::Parallel,
            Schedule::Inline,
        ] {
            let (sx, sy, sz) = (
                (cfg.grid.x * cfg.block.x) as usize,
                (cfg.grid.y * cfg.block.y) as usize,
                (cfg.grid.z * cfg.block.z) as usize,
            );
            let seen: Vec<AtomicUsize> = (0..sx * sy * sz).map(|_| AtomicUsize::new(0)).collect();
            let kernel = |s: &ThreadSpan| {
                assert!(!s.is_empty() && s.len() == s.grid_x().len());
                assert_eq!(s.grid_x().start % cfg.block.x as usize, 0, "starts a block");
                assert_eq!(s.grid_x().end % cfg.block.x as usize, 0, "ends a block");
                assert_eq!(s.gridsize3(), (sx, sy, sz));
                assert_eq!((s.block_dim(), s.grid_dim()), (cfg.block, cfg.grid));
                let below = s.grid_x_below(sx / 2 + 1);
                assert_eq!(
                    below.clone().collect::<Vec<_>>(),
                    s.grid_x().filter(|&x| x <= sx / 2).collect::<Vec<_>>()
                );
                for x in s.grid_x() {
                    let (b, t, d) = (s.block_idx_of(x), s.thread_idx_of(x), cfg.block);
                    assert!(b.x < cfg.grid.x && b.y < cfg.grid.y && b.z < cfg.grid.z);
                    assert!(t.x < d.x && t.y < d.y && t.z < d.z);
                    assert_eq!((b.x * d.x + t.x) as usize, x);
                    assert_eq!((b.y * d.y + t.y) as usize, s.grid_y());
                    assert_eq!((b.z * d.z + t.z) as usize, s.grid_z());
                    seen[(s.grid_z() * sy + s.grid_y()) * sx + x].fetch_add(1, Ordering::Relaxed);
                }
            };
            run_spans_scheduled("cover", &cfg, schedule, &kernel).expect("runs");
            assert!(
                seen.iter().all(|c| c.load(Ordering::Relaxed) == 1),
                "{cfg:?} {schedule:?}"
            );
        }
    }
}

#[test]
fn per_thread_launches_run_every_block_once_on_every_schedule() {
    let cfg = LaunchConfig::new((3, 2), (8, 2));
    for schedule in [
        Schedule::Auto,
        Schedule::Eager,
        Schedule::Parallel,
        Schedule::Inline,
    ] {
        for barriers in [Barriers::None, Barriers::Sync] {
            let seen: Vec<AtomicUsize> = (0..96).map(|_| AtomicUsize::new(0)).collect();
            let kernel = |t: &ThreadCtx<'_>| {
                let (x, y) = t.grid2();
                seen[y * 24 + x].fetch_add(1, Ordering::Relaxed);
            };
            run_scheduled(
                "count",
                &cfg,
                barriers,
                schedule,
                STACK_BYTES,
                true,
                &kernel,
            )
            .expect("runs");
            assert!(seen.iter().all(|c| c.load(Ordering::Relaxed) == 1));
        }
    }
}

#[test]
fn a_panicking_span_kernel_is_an_error_naming_the_range() {
    let cells: Vec<AtomicU32> = (0..10).map(|_| AtomicU32::new(0)).collect();
    let view = View::<u32>::new(&cells, [10, 1, 1]);
    for schedule in [Schedule::Auto, Schedule::Parallel, Schedule::Inline] {
        let err = run_spans_scheduled(
            "overrun",
            &LaunchConfig::new((1, 3), 4),
            schedule,
            &|s: &ThreadSpan| view.range(s.grid_y() * 4..s.grid_y() * 4 + 4).set(0, 1),
        )
        .expect_err("the third row of 4 overruns 10 elements");
        assert!(
            matches!(&err, Error::KernelFailed { kernel, .. } if kernel == "overrun"),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("range 8..12 is out of bounds for length 10"),
            "{err}"
        );
    }
}

#[test]
fn a_range_view_indexes_from_the_start_of_its_range() {
    let cells: Vec<AtomicU32> = (0..6).map(AtomicU32::new).collect();
    let view = View::<u32>::new(&cells, [2, 3, 1]);
    let part = view.range(2..5);
    assert_eq!((part.len(), part.dims()), (3, [3, 1, 1]));
    assert_eq!((part.get(0), part.get(2)), (2, 4));
    part.set(1, 30);
    assert_eq!(view.get2(1, 0), 30);
    assert!(view.range(6..6).is_empty());
}

#[test]
fn barrier_orders_writes_before_reads_and_early_returns_count_as_arrived() {
    // Each thread writes its slot, waits, then reads its neighbour's; odd threads of the second half
    // return before the barrier, yet the others are released.
    let cfg = LaunchConfig::new(2, 64);
    let out: Vec<AtomicUsize> = (0..128).map(|_| AtomicUsize::new(usize::MAX)).collect();
    let kernel = |ctx: &ThreadCtx<'_>| {
        let t = ctx.thread_idx().x as usize;
        let shared = ctx.shared_array::<u32>(0, 64);
        shared.set(t, t as u32 * 10);
        if t >= 32 && t % 2 == 1 {
            return;
        }
        ctx.syncthreads();
        let neighbour = shared.get((t + 1) % 64) as usize;
        ctx.syncthreads();
        out[ctx.grid1()].store(neighbour, Ordering::Relaxed);
    };
    run("neighbours", &cfg, Barriers::Sync, &kernel).expect("runs");
    for (g, slot) in out.iter().enumerate() {
        let t = g % 64;
        let expected = if t >= 32 && t % 2 == 1 {
            usize::MAX
        } else {
            ((t + 1) % 64) * 10
        };
        assert_eq!(slot.load(Ordering::Relaxed), expected, "thread {g}");
    }
}

#[test]
fn misuse_becomes_an_error_not_a_crash() {
    let cfg = LaunchConfig::new(1, 8);
    let err = run("nosync", &cfg, Barriers::None, &|ctx: &ThreadCtx<'_>| {
        ctx.syncthreads()
    })
    .expect_err("no barriers");
    assert!(err.to_string().contains("Barriers::Sync"), "{err}");
    let err = run("types", &cfg, Barriers::Sync, &|ctx: &ThreadCtx<'_>| {
        if ctx.thread_idx().x == 0 {
            ctx.shared_array::<u32>(0, 4);
        } else {
            ctx.shared_array::<f64>(0, 4);
        }
    })
    .expect_err("type clash");
    assert!(err.to_string().contains("another element type"), "{err}");
    let err = run("big", &cfg, Barriers::None, &|ctx: &ThreadCtx<'_>| {
        ctx.shared_array::<f64>(0, 7000);
    })
    .expect_err("too much shared memory");
    assert!(err.to_string().contains("limit"), "{err}");
    let cfg = LaunchConfig::new(1, 4).with_shared_bytes(16);
    run("dyn", &cfg, Barriers::Sync, &|ctx: &ThreadCtx<'_>| {
        let d = ctx.dynamic_shared::<f32>();
        assert_eq!(d.len(), 4);
        d.set(ctx.linear_thread_idx(), 1.0);
    })
    .expect("dynamic shared memory of 4 floats");
}

#[test]
fn out_of_bounds_names_the_thread_the_block_and_the_kernel_line() {
    let cells: Vec<AtomicU32> = (0..12).map(|_| AtomicU32::new(0)).collect();
    let view = View::<u32>::new(&cells, [3, 4, 1]);
    for barriers in [Barriers::None, Barriers::Sync] {
        let line = line!() + 3;
        let kernel = |t: &ThreadCtx<'_>| {
            let (j, i) = t.grid2();
            view.set2(i, j, 1); // columns 4 and 5 overrun
        };
        let err = run("overrun", &LaunchConfig::new(1, (6, 3)), barriers, &kernel)
            .expect_err("j = 4 is out of bounds");
        let text = err.to_string();
        assert!(
            text.contains(
                "tid=[4, 0, 0] ctaid=[0, 0, 0]: index 4 is out of bounds for axis 1 with size 4"
            ),
            "{text}"
        );
        assert!(
            text.contains(&format!("src/sim/tests.rs:{line}:")),
            "{text}"
        );
    }
}

#[test]
fn a_negative_index_is_reported_as_negative() {
    let cells: Vec<AtomicU32> = (0..4).map(|_| AtomicU32::new(0)).collect();
    let view = View::<u32>::new(&cells, [4, 1, 1]);
    let err = run(
        "neg",
        &LaunchConfig::new(1, 2),
        Barriers::None,
        &|t: &ThreadCtx<'_>| {
            view.set(t.grid1() as i32 - 1, 7);
        },
    )
    .expect_err("-1");
    assert!(
        err.to_string().contains(
            "tid=[0, 0, 0] ctaid=[0, 0, 0]: index -1 is out of bounds for axis 0 with size 4"
        ),
        "{err}"
    );
    assert_eq!(
        cells[0].load(Ordering::Relaxed),
        0,
        "thread 1's write after the fault is skipped"
    );
}

#[test]
fn a_large_local_array_runs_in_a_coroutine_and_past_the_limit_is_an_error() {
    let out: Vec<AtomicU32> = (0..4).map(|_| AtomicU32::new(0)).collect();
    let view = View::<u32>::new(&out, [4, 1, 1]);
    let kernel = |t: &ThreadCtx<'_>| {
        let mut local = [0u32; 75_000]; // 300 KB, CUDA allows 512 KiB per thread
        let i = t.grid1();
        local[i * 1000] = i as u32 + 1;
        t.syncthreads();
        view.set(i, std::hint::black_box(&local)[i * 1000]);
    };
    run("local", &LaunchConfig::new(1, 4), Barriers::Sync, &kernel).expect("fits");
    assert_eq!(view.get(3), 4);
    let stack = stack_bytes_for("local", 300_000).expect("under the limit");
    assert!(stack >= STACK_BYTES);
    let err = stack_bytes_for("huge", 600 * 1024).expect_err("over 512 KiB");
    assert!(err.to_string().contains("512 KiB"), "{err}");
}

#[test]
fn racecheck_finds_shared_memory_read_before_the_barrier() {
    let kernel = |t: &ThreadCtx<'_>, sync: bool| {
        let s = t.shared_array::<u32>(0, 8);
        let i = t.linear_thread_idx();
        s.set(i, i as u32);
        if sync {
            t.syncthreads();
        }
        let _ = s.get((i + 1) % 8);
    };
    run(
        "ok",
        &LaunchConfig::new(2, 8),
        Barriers::Sync,
        &|t: &ThreadCtx<'_>| kernel(t, true),
    )
    .expect("a barrier orders the write and the read");
    for barriers in [Barriers::None, Barriers::Sync] {
        let err = run(
            "racy",
            &LaunchConfig::new(2, 8),
            barriers,
            &|t: &ThreadCtx<'_>| kernel(t, false),
        )
        .expect_err("reads a neighbour's slot with no barrier");
        let text = err.to_string();
        assert!(text.contains("data race on shared_array slot 0"), "{text}");
        assert!(text.contains("no syncthreads() between"), "{text}");
    }
}

#[test]
#[allow(clippy::if_same_then_else)] // two syncthreads() calls, on two lines
fn synccheck_finds_threads_waiting_at_different_barriers() {
    let err = run(
        "diverge",
        &LaunchConfig::new(1, 4),
        Barriers::Sync,
        &|t: &ThreadCtx<'_>| {
            if t.thread_idx().x % 2 == 0 {
                t.syncthreads(); // one barrier...
            } else {
                t.syncthreads(); // ...and another
            }
        },
    )
    .expect_err("two different syncthreads calls");
    assert!(err.to_string().contains("barrier divergence"), "{err}");
}

#[test]
fn launches_whose_indices_overflow_are_a_typed_error_before_they_start() {
    // Past every device limit (only the simulator's internal entry points see such a configuration: the
    // public ones validate first): the grid's blocks and threads overflow a usize, which must be refused
    // with BadLaunch, not wrapped, and no thread may run.
    let huge = u32::MAX;
    let ran = AtomicUsize::new(0);
    for cfg in [
        LaunchConfig::new((huge, huge, huge), 1),
        LaunchConfig::new((huge, huge, 1), (1, 1, huge)),
        LaunchConfig::new(1, (huge, huge, huge)),
    ] {
        for outcome in [
            run_spans("k", &cfg, &|_: &ThreadSpan| {
                ran.fetch_add(1, Ordering::Relaxed);
            }),
            run_with_stack(
                "k",
                &cfg,
                Barriers::None,
                STACK_BYTES,
                false,
                &|_: &ThreadCtx<'_>| {
                    ran.fetch_add(1, Ordering::Relaxed);
                },
            ),
        ] {
            let err = outcome.expect_err("overflowing launch");
            assert!(matches!(err, Error::BadLaunch { .. }), "{err}");
            assert!(err.to_string().contains("more threads than"), "{err}");
        }
    }
    assert_eq!(ran.load(Ordering::Relaxed), 0);
    // 2^57 threads fit a 64-bit usize; the largest grid of blocks CUDA allows (2^73 threads) does not.
    let large = LaunchConfig::new((i32::MAX as u32, 65535, 1), (1024, 1, 1));
    assert_eq!(check_extents("k", &large).is_ok(), usize::BITS >= 64);
    assert!(SpanPlan::new(&large).is_some() || usize::BITS < 64);
    let largest = LaunchConfig::new((i32::MAX as u32, 65535, 65535), (1024, 1, 1));
    let err = check_extents("k", &largest).expect_err("2^73 threads");
    assert!(matches!(err, Error::BadLaunch { .. }), "{err}");
}
