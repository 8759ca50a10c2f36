//! What a task costs over MPI, beside procpool on the same machine: 10,000 trivial tasks submitted then
//! collected in order, `map` with chunksize 100, and one task at a time. Run it at 3 ranks (rank 0 and
//! two worker ranks, matching procpool's two workers):
//!
//! ```text
//! cargo build --release -p mpipool --example overhead
//! mpiexec -n 3 target/release/examples/overhead
//! mpiexec -n 3 target/release/examples/overhead --first-result   # time this: start-up to one result
//! mpiexec -n 5 target/release/examples/overhead --scaling        # ~1 ms tasks on 1, 2, 4 worker ranks
//! mpiexec -n 3 target/release/examples/overhead --rounds         # each of 5 rounds of 10,000 tasks
//! mpiexec -n 3 target/release/examples/overhead --rounds --max-in-flight 1024   # a larger window cap
//! ```
//!
//! `--rounds` shows one round's time rather than a median per task: run it on a loaded machine (a busy
//! loop or two beside it) to see whether throughput holds up when messages between ranks are slow.

use mpipool::MpiPoolExecutor;
use pool::MapOptions;
use procpool::ProcessPoolExecutor;
use std::time::Instant;

const TASKS: u64 = 10_000;

fn inc(x: u64) -> u64 {
    std::hint::black_box(x) + 1
}

/// The median of `runs` timings of `f`, in microseconds per item.
fn per_item(runs: usize, items: u64, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6 / items as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// About `rounds` steps of integer hashing (a CPU-bound task).
fn spin(rounds: u64) -> u64 {
    let mut x = rounds;
    for i in 0..rounds {
        x = std::hint::black_box(x.rotate_left(7).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ i);
    }
    x
}

/// Tasks per second of ~1 ms CPU-bound tasks on 1, 2, 4... worker ranks of this job.
fn scaling() -> Result<(), pool::Error> {
    let probe = Instant::now();
    spin(1_000_000);
    let rounds = (1_000_000.0 * 1e-3 / probe.elapsed().as_secs_f64()) as u64;
    let ranks = mpipool::world_size().unwrap_or(1).saturating_sub(1).max(1);
    let mut r = 1;
    while r <= ranks {
        let ex = MpiPoolExecutor::builder().worker_ranks(r).build()?;
        let rate =
            64.0 / per_item(5, 1, || {
                let fs: Vec<_> = (0..64)
                    .map(|_| ex.submit(spin, rounds).expect("submit"))
                    .collect();
                fs.iter().for_each(|f| {
                    f.result(None).expect("result");
                });
            }) * 1e6;
        println!("{r} worker rank(s): {rate:.0} tasks/s of ~1 ms");
        r *= 2;
    }
    Ok(())
}

fn main() -> Result<(), pool::Error> {
    mpipool::init();
    if std::env::args().any(|a| a == "--scaling") {
        return scaling();
    }
    let args: Vec<String> = std::env::args().collect();
    let mut builder = MpiPoolExecutor::builder();
    // `--max-in-flight N`: the executor's per-rank cap on tasks sent ahead of their results.
    if let Some(n) = args
        .iter()
        .position(|a| a == "--max-in-flight")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
    {
        builder = builder.max_in_flight_per_rank(n);
    }
    let mpi = builder.build()?;
    if std::env::args().any(|a| a == "--rounds") {
        for round in 1..=5 {
            let start = Instant::now();
            let fs: Vec<_> = (0..TASKS)
                .map(|i| mpi.submit(inc, i))
                .collect::<Result<_, _>>()?;
            for f in &fs {
                f.result(None)?;
            }
            let ms = start.elapsed().as_secs_f64() * 1e3;
            println!("round {round}: {TASKS} tasks submitted and collected in {ms:.1} ms");
        }
        return Ok(());
    }
    if std::env::args().any(|a| a == "--first-result") {
        // For timing a whole job's start-up from the outside: one task, then exit.
        println!("first result: {}", mpi.submit(inc, 41)?.result(None)?);
        return Ok(());
    }
    let local = ProcessPoolExecutor::new(mpi.max_workers().max(1))?;
    println!(
        "worker ranks: {}, procpool workers: {}",
        mpi.worker_ranks(),
        local.max_workers()
    );
    let submit_mpi = per_item(7, TASKS, || {
        let fs: Vec<_> = (0..TASKS)
            .map(|i| mpi.submit(inc, i).expect("submit"))
            .collect();
        fs.iter().for_each(|f| {
            f.result(None).expect("result");
        });
    });
    let submit_proc = per_item(7, TASKS, || {
        let fs: Vec<_> = (0..TASKS)
            .map(|i| local.submit(inc, i).expect("submit"))
            .collect();
        fs.iter().for_each(|f| {
            f.result(None).expect("result");
        });
    });
    let map_mpi = per_item(7, TASKS, || {
        let n: u64 = mpi
            .map_with(inc, 0..TASKS, MapOptions::new().chunksize(100))
            .expect("map")
            .map(|r| r.expect("item"))
            .sum();
        std::hint::black_box(n);
    });
    let map_proc = per_item(7, TASKS, || {
        let n: u64 = local
            .map_with(inc, 0..TASKS, MapOptions::new().chunksize(100))
            .expect("map")
            .map(|r| r.expect("item"))
            .sum();
        std::hint::black_box(n);
    });
    let one_mpi = per_item(7, 200, || {
        for i in 0..200 {
            mpi.submit(inc, i)
                .expect("submit")
                .result(None)
                .expect("result");
        }
    });
    let one_proc = per_item(7, 200, || {
        for i in 0..200 {
            local
                .submit(inc, i)
                .expect("submit")
                .result(None)
                .expect("result");
        }
    });
    println!(
        "submit+result per task: mpipool {submit_mpi:.2} µs, procpool {submit_proc:.2} µs ({:.1}x)",
        submit_mpi / submit_proc
    );
    println!(
        "map(chunksize=100) per item: mpipool {map_mpi:.3} µs, procpool {map_proc:.3} µs ({:.1}x)",
        map_mpi / map_proc
    );
    println!(
        "one task at a time: mpipool {one_mpi:.1} µs, procpool {one_proc:.1} µs ({:.1}x)",
        one_mpi / one_proc
    );
    Ok(())
}
