//! Criterion benches for `procpool`: per-task overhead (submit + result pipelined, `map` with chunksize
//! 1 and 100) beside `pool`'s thread pool, start-up to the first result, crash detection and recovery,
//! a CPU-bound worker sweep (1 to 4 x the CPUs), and a task-size sweep that finds where processes stop
//! losing to threads. `cargo xtask bench` puts them beside CPython's ProcessPoolExecutor
//! (`benches/python/procpool_peer.py`) in docs/benchmarks.md.
//!
//! The bench binary is also the workers' executable: `main` calls `procpool::init()` first (criterion's
//! `criterion_main!` is spelled out by hand for that), and procpool's start-up hook turns a worker into a
//! worker before `main` anyway.

use criterion::{Criterion, Throughput};
use pool::{MapOptions, ThreadPoolExecutor};
use procpool::ProcessPoolExecutor;
use std::hint::black_box;
use std::time::{Duration, Instant};
use tasklab_benches::{Contender, paired_budget, paired_rounds, sized, spin};

/// Trivial tasks per iteration of the per-task benches.
const TASKS: u64 = 10_000;
/// Worker counts of the CPU sweep: 1, then 1, 2 and 4 times the usable CPUs (the "1 .. 4x CPUs");
/// keep in step with xtask/src/report/procpool.rs.
fn sweep_workers(cpus: usize) -> Vec<usize> {
    let mut counts = vec![1, cpus, 2 * cpus, 4 * cpus];
    counts.sort_unstable();
    counts.dedup();
    counts
}
/// Tasks per iteration of the sweeps.
const SWEEP_TASKS: u64 = 32;
/// About 1 ms of arithmetic per task on this machine class.
const CPU_ROUNDS: u64 = 400_000;
/// Task sizes (spin rounds) of the threads-versus-processes sweep; keep in step with the report.
const TASK_SIZES: [u64; 4] = [100, 10_000, 100_000, 1_000_000];

fn inc(x: u64) -> u64 {
    black_box(x) + 1
}

fn hang(_: ()) -> u64 {
    loop {
        std::thread::park();
    }
}

fn pid(_: ()) -> u32 {
    std::process::id()
}

fn warm(ex: &ProcessPoolExecutor) {
    let fs: Vec<_> = (0..ex.max_workers() as u64 * 4)
        .map(|i| ex.submit(inc, i).expect("submit"))
        .collect();
    fs.iter().for_each(|f| {
        f.result(None).expect("warm-up");
    });
}

fn submit_result(c: &mut Criterion) {
    if tasklab_benches::quick() {
        return; // the paired rounds of the same name measure both (see `paired`)
    }
    let mut g = c.benchmark_group("procpool_submit_result");
    g.throughput(Throughput::Elements(TASKS));
    g.sample_size(10);
    let ex = ProcessPoolExecutor::new(2).expect("2 workers");
    warm(&ex);
    g.bench_function("processpoolexecutor", |b| {
        b.iter(|| {
            let futures: Vec<_> = (0..TASKS)
                .map(|i| ex.submit(inc, i).expect("submit"))
                .collect();
            futures
                .iter()
                .map(|f| f.result(None).expect("result"))
                .sum::<u64>()
        })
    });
    let threads = ThreadPoolExecutor::new(2).expect("2 threads");
    g.bench_function("threadpoolexecutor", |b| {
        b.iter(|| {
            let futures: Vec<_> = (0..TASKS)
                .map(|i| threads.submit(move || inc(i)).expect("submit"))
                .collect();
            futures
                .iter()
                .map(|f| f.result(None).expect("result"))
                .sum::<u64>()
        })
    });
    g.finish();
}

fn map(c: &mut Criterion) {
    let mut g = c.benchmark_group("procpool_map");
    g.throughput(Throughput::Elements(TASKS));
    g.sample_size(10);
    let ex = ProcessPoolExecutor::new(2).expect("2 workers");
    warm(&ex);
    for chunksize in [1, 100] {
        g.bench_function(format!("chunksize_{chunksize}"), |b| {
            b.iter(|| {
                ex.map_with(inc, 0..TASKS, MapOptions::new().chunksize(chunksize))
                    .expect("map")
                    .map(|r| r.expect("item"))
                    .sum::<u64>()
            })
        });
    }
    g.finish();
}

fn lifecycle(c: &mut Criterion) {
    let mut g = c.benchmark_group("procpool_lifecycle");
    g.sample_size(10);
    g.bench_function("startup_first_result", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let ex = ProcessPoolExecutor::new(2).expect("2 workers");
                // Two tasks, so both workers start (on demand, in parallel); the first result counts.
                let a = ex.submit(inc, 1).expect("submit");
                let b = ex.submit(inc, 2).expect("submit");
                black_box(a.result(None).expect("result"));
                total += start.elapsed();
                black_box(b.result(None).expect("result"));
                drop(ex);
            }
            total
        })
    });
    let warm_pool = ProcessPoolExecutor::new(2).expect("2 workers");
    warm(&warm_pool);
    g.bench_function("one_task_latency", |b| {
        b.iter(|| {
            warm_pool
                .submit(inc, 1)
                .expect("submit")
                .result(None)
                .expect("result")
        })
    });
    drop(warm_pool);
    g.bench_function("shutdown_idle", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let ex = ProcessPoolExecutor::new(2).expect("2 workers");
                warm(&ex);
                let start = Instant::now();
                ex.shutdown(true, false);
                total += start.elapsed();
            }
            total
        })
    });
    g.finish();
}

/// One crash: a worker running a task is SIGKILLed; returns (kill -> that future failed, failure -> a
/// replacement worker returned a result).
fn crash_once(ex: &ProcessPoolExecutor) -> (Duration, Duration) {
    let victim = ex
        .submit(pid, ())
        .expect("submit")
        .result(None)
        .expect("pid");
    let stuck = ex.submit(hang, ()).expect("submit");
    while !stuck.running() {
        std::thread::yield_now();
    }
    let killed = Instant::now();
    // SAFETY: killing our own worker process.
    unsafe { libc::kill(victim as i32, libc::SIGKILL) };
    let err = stuck.result(None).expect_err("the task must fail");
    let failed = Instant::now();
    assert!(
        err.downcast_ref::<procpool::ProcessError>().is_some(),
        "{err}"
    );
    ex.submit(inc, 1)
        .expect("submit")
        .result(None)
        .expect("replacement");
    (failed - killed, failed.elapsed())
}

fn crash(c: &mut Criterion) {
    let mut g = c.benchmark_group("procpool_crash");
    g.sample_size(10);
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .max_in_flight_per_worker(1)
        .build()
        .expect("1 worker");
    warm(&ex);
    g.bench_function("detect", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| crash_once(&ex).0).sum())
    });
    g.bench_function("recover", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| crash_once(&ex).1).sum())
    });
    g.finish();
}

fn echo_bytes(data: procpool::Bytes) -> procpool::Bytes {
    data
}

fn echo_vec(data: Vec<u8>) -> Vec<u8> {
    data
}

/// Bytes per payload of the round-trip bench; keep in step with the report.
const PAYLOAD: usize = 4 << 20;

fn payload(c: &mut Criterion) {
    let mut g = c.benchmark_group("procpool_payload");
    g.throughput(Throughput::Bytes(PAYLOAD as u64));
    g.sample_size(10);
    let ex = ProcessPoolExecutor::new(1).expect("1 worker");
    warm(&ex);
    let bytes = procpool::Bytes::from(vec![7u8; PAYLOAD]);
    g.bench_function("round_trip_bytes", |b| {
        b.iter(|| {
            ex.submit(echo_bytes, bytes.clone())
                .expect("submit")
                .result(None)
                .expect("echo")
                .len()
        })
    });
    let vec = vec![7u8; PAYLOAD];
    g.bench_function("round_trip_vec", |b| {
        b.iter(|| {
            ex.submit(echo_vec, vec.clone())
                .expect("submit")
                .result(None)
                .expect("echo")
                .len()
        })
    });
    g.finish();
}

/// `procpool` against CPython's ProcessPoolExecutor (2 workers each, fork) in the same paired rounds:
/// CPython runs in a `procpool_peer.py --serve` process beside this one, timed there, on a twentieth of
/// the tasks (a task costs it some 30x more); per-task times compare.
fn against_cpython(tasks: u64) {
    let py_tasks = (tasks / 20).max(100);
    let Some(peer) = tasklab_benches::Peer::start("procpool_peer.py", &[], "submit_result 1")
    else {
        return;
    };
    let peer = std::cell::RefCell::new(peer);
    let ex = ProcessPoolExecutor::new(2).expect("2 workers");
    warm(&ex);
    let map = |chunksize: usize| {
        ex.map_with(inc, 0..tasks, MapOptions::new().chunksize(chunksize))
            .expect("map")
            .map(|r| r.expect("item"))
            .sum::<u64>()
    };
    paired_rounds(
        "procpool_vs_cpython",
        &mut [
            Contender::new("procpool_submit_result", tasks, || {
                let fs: Vec<_> = (0..tasks)
                    .map(|i| ex.submit(inc, i).expect("submit"))
                    .collect();
                black_box(
                    fs.iter()
                        .map(|f| f.result(None).expect("result"))
                        .sum::<u64>(),
                );
            }),
            Contender::self_timed("cpython_submit_result", py_tasks, || {
                peer.borrow_mut().time(&format!("submit_result {py_tasks}"))
            }),
            Contender::new("procpool_map_chunksize_1", tasks, || {
                black_box(map(1));
            }),
            Contender::self_timed("cpython_map_chunksize_1", py_tasks, || {
                peer.borrow_mut().time(&format!("map {py_tasks} 1"))
            }),
            Contender::new("procpool_map_chunksize_100", tasks, || {
                black_box(map(100));
            }),
            Contender::self_timed("cpython_map_chunksize_100", tasks / 2, || {
                peer.borrow_mut().time(&format!("map {} 100", tasks / 2))
            }),
        ],
        paired_budget(),
    );
}

/// The comparisons the report's verdicts rest on, in paired, interleaved rounds (rotating order):
/// processes against threads per task (trivial tasks), at each task size, and the CPU-bound worker sweep
/// (every worker count once per round). Written to `<criterion>/paired/`.
fn paired() {
    let cpus = pool::usable_cpu_count();
    let tasks = sized(TASKS, 200);
    let processes = ProcessPoolExecutor::new(2).expect("2 workers");
    warm(&processes);
    let threads = ThreadPoolExecutor::new(2).expect("2 threads");
    paired_rounds(
        "procpool_submit_result",
        &mut [
            Contender::new("processpoolexecutor", tasks, || {
                let fs: Vec<_> = (0..tasks)
                    .map(|i| processes.submit(inc, i).expect("submit"))
                    .collect();
                black_box(
                    fs.iter()
                        .map(|f| f.result(None).expect("result"))
                        .sum::<u64>(),
                );
            }),
            Contender::new("threadpoolexecutor", tasks, || {
                let fs: Vec<_> = (0..tasks)
                    .map(|i| threads.submit(move || inc(i)).expect("submit"))
                    .collect();
                black_box(
                    fs.iter()
                        .map(|f| f.result(None).expect("result"))
                        .sum::<u64>(),
                );
            }),
        ],
        paired_budget(),
    );
    drop((processes, threads));
    against_cpython(tasks);

    let processes = ProcessPoolExecutor::new(cpus).expect("workers");
    warm(&processes);
    let threads = ThreadPoolExecutor::new(cpus).expect("threads");
    for rounds in TASK_SIZES {
        let n = SWEEP_TASKS;
        paired_rounds(
            &format!("procpool_task_size_{rounds}"),
            &mut [
                Contender::new("processes", n, || {
                    let fs: Vec<_> = (0..n)
                        .map(|_| processes.submit(spin, rounds).expect("submit"))
                        .collect();
                    black_box(
                        fs.iter()
                            .map(|f| f.result(None).expect("result"))
                            .fold(0, u64::wrapping_add),
                    );
                }),
                Contender::new("threads", n, || {
                    let fs: Vec<_> = (0..n)
                        .map(|_| threads.submit(move || spin(rounds)).expect("submit"))
                        .collect();
                    black_box(
                        fs.iter()
                            .map(|f| f.result(None).expect("result"))
                            .fold(0, u64::wrapping_add),
                    );
                }),
            ],
            paired_budget(),
        );
    }
    drop((processes, threads));

    let pools: Vec<(usize, ProcessPoolExecutor)> = sweep_workers(cpus)
        .into_iter()
        .map(|w| {
            let ex = ProcessPoolExecutor::new(w).expect("workers");
            warm(&ex);
            (w, ex)
        })
        .collect();
    let mut contenders: Vec<Contender<'_>> = pools
        .iter()
        .map(|(w, ex)| {
            Contender::new(w.to_string(), SWEEP_TASKS, move || {
                let fs: Vec<_> = (0..SWEEP_TASKS)
                    .map(|_| ex.submit(spin, CPU_ROUNDS).expect("submit"))
                    .collect();
                black_box(
                    fs.iter()
                        .map(|f| f.result(None).expect("result"))
                        .fold(0, u64::wrapping_add),
                );
            })
        })
        .collect();
    paired_rounds("procpool_cpu_sweep", &mut contenders, paired_budget());
}

fn main() {
    procpool::init(); // first: in a worker process, this is where it becomes a worker
    let mut c = Criterion::default().configure_from_args();
    submit_result(&mut c);
    map(&mut c);
    lifecycle(&mut c);
    crash(&mut c);
    payload(&mut c);
    paired(); // each comparison skips itself when a criterion filter leaves it out
    c.final_summary();
}
