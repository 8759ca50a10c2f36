//! Criterion benches for `mpipool` under a real `mpiexec`: per-task overhead (submit + result pipelined,
//! `map` with chunksize 100) at 3 ranks beside procpool with 2 workers measured in the same job, one task
//! at a time, start-up to the first result (a whole `mpiexec -n 3` job started each time), and throughput of
//! ~1 ms CPU-bound tasks against the number of worker ranks (1, 2, 4 in a 5-rank job, oversubscribed on a
//! small machine). `cargo xtask bench` puts them beside mpi4py.futures (`benches/python/mpipool_peer.py`,
//! when mpi4py is installed) in docs/benchmarks.md.
//!
//! `cargo bench` starts this binary without MPI: it measures the start-up itself, then runs itself under
//! `mpiexec -n 3` and `-n 5` with the same arguments; there rank 0 runs criterion and the other ranks serve
//! tasks inside `mpipool::init()`. Needs the `mpi` feature (`cargo bench -p tasklab-benches --features mpi
//! --bench mpipool`).

use criterion::{BenchmarkId, Criterion, Throughput};
use mpipool::MpiPoolExecutor;
use pool::MapOptions;
use procpool::ProcessPoolExecutor;
use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tasklab_benches::{rounds_for, sized, spin};

/// Trivial tasks per iteration of the per-task benches.
const TASKS: u64 = 10_000;
/// Worker ranks of the scaling bench (in a job of 5 ranks); keep in step with xtask/src/report/mpipool.rs.
const SCALING_RANKS: [usize; 3] = [1, 2, 4];
/// Set in the scaling job.
const SCALING_ENV: &str = "TASKLAB_MPIPOOL_SCALING";
/// The start-up probe: a whole job that prints one line at its first result.
const PROBE_ARG: &str = "--mpipool-startup-probe";
const FIRST_RESULT: &str = "first result";

fn inc(x: u64) -> u64 {
    black_box(x) + 1
}

fn mpiexec(ranks: usize) -> Command {
    let mut cmd = Command::new("mpiexec");
    let version = Command::new("mpiexec").arg("--version").output();
    let open_mpi = version.is_ok_and(|o| {
        let text = String::from_utf8_lossy(&o.stdout);
        text.contains("Open MPI") || text.contains("OpenRTE")
    });
    if open_mpi {
        cmd.args(["--oversubscribe", "--timeout", "900"]);
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            cmd.arg("--allow-run-as-root");
        }
        cmd.env("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
    }
    cmd.arg("-n").arg(ranks.to_string());
    cmd
}

fn warm(ex: &MpiPoolExecutor) {
    let fs: Vec<_> = (0..ex.max_workers() as u64 * 8)
        .map(|i| ex.submit(inc, i).expect("submit"))
        .collect();
    fs.iter().for_each(|f| {
        f.result(None).expect("warm-up");
    });
}

fn submit_result(c: &mut Criterion) {
    let mut g = c.benchmark_group("mpipool_submit_result");
    g.throughput(Throughput::Elements(TASKS));
    g.sample_size(10);
    let ex = MpiPoolExecutor::new().expect("executor");
    warm(&ex);
    g.bench_function("mpipoolexecutor", |b| {
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
    drop(ex);
    let local = ProcessPoolExecutor::new(2).expect("2 workers");
    g.bench_function("processpoolexecutor", |b| {
        b.iter(|| {
            let futures: Vec<_> = (0..TASKS)
                .map(|i| local.submit(inc, i).expect("submit"))
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
    let mut g = c.benchmark_group("mpipool_map");
    g.throughput(Throughput::Elements(TASKS));
    g.sample_size(10);
    let ex = MpiPoolExecutor::new().expect("executor");
    warm(&ex);
    g.bench_function("chunksize_100", |b| {
        b.iter(|| {
            ex.map_with(inc, 0..TASKS, MapOptions::new().chunksize(100))
                .expect("map")
                .map(|r| r.expect("item"))
                .sum::<u64>()
        })
    });
    drop(ex);
    let local = ProcessPoolExecutor::new(2).expect("2 workers");
    g.bench_function("procpool_chunksize_100", |b| {
        b.iter(|| {
            local
                .map_with(inc, 0..TASKS, MapOptions::new().chunksize(100))
                .expect("map")
                .map(|r| r.expect("item"))
                .sum::<u64>()
        })
    });
    g.finish();
}

/// mpipool (3 ranks) against procpool (2 workers) per task, in paired, interleaved rounds on rank 0 of
/// the same job (both executors alive, rotating order): the report's "within 3x of procpool" verdict
/// rests on these.
fn paired() {
    let tasks = sized(TASKS, 200);
    let ex = MpiPoolExecutor::new().expect("executor");
    warm(&ex);
    let local = ProcessPoolExecutor::new(2).expect("2 workers");
    tasklab_benches::paired_rounds(
        "mpipool_vs_procpool",
        &mut [
            tasklab_benches::Contender::new("mpipool_submit_result", tasks, || {
                let fs: Vec<_> = (0..tasks)
                    .map(|i| ex.submit(inc, i).expect("submit"))
                    .collect();
                black_box(
                    fs.iter()
                        .map(|f| f.result(None).expect("result"))
                        .sum::<u64>(),
                );
            }),
            tasklab_benches::Contender::new("procpool_submit_result", tasks, || {
                let fs: Vec<_> = (0..tasks)
                    .map(|i| local.submit(inc, i).expect("submit"))
                    .collect();
                black_box(
                    fs.iter()
                        .map(|f| f.result(None).expect("result"))
                        .sum::<u64>(),
                );
            }),
            tasklab_benches::Contender::new("mpipool_map_chunksize_100", tasks, || {
                black_box(
                    ex.map_with(inc, 0..tasks, MapOptions::new().chunksize(100))
                        .expect("map")
                        .map(|r| r.expect("item"))
                        .sum::<u64>(),
                );
            }),
            tasklab_benches::Contender::new("procpool_map_chunksize_100", tasks, || {
                black_box(
                    local
                        .map_with(inc, 0..tasks, MapOptions::new().chunksize(100))
                        .expect("map")
                        .map(|r| r.expect("item"))
                        .sum::<u64>(),
                );
            }),
        ],
        tasklab_benches::paired_budget(),
    );
}

fn latency(c: &mut Criterion) {
    let mut g = c.benchmark_group("mpipool_lifecycle");
    g.sample_size(10);
    let ex = MpiPoolExecutor::new().expect("executor");
    warm(&ex);
    g.bench_function("one_task_latency", |b| {
        b.iter(|| {
            ex.submit(inc, 1)
                .expect("submit")
                .result(None)
                .expect("result")
        })
    });
    g.finish();
}

fn scaling(c: &mut Criterion) {
    let tasks: u64 = sized(64, 8);
    let rounds = rounds_for(Duration::from_millis(1));
    let mut g = c.benchmark_group("mpipool_scaling");
    g.throughput(Throughput::Elements(tasks));
    g.sample_size(10);
    for ranks in SCALING_RANKS {
        let ex = MpiPoolExecutor::builder()
            .worker_ranks(ranks)
            .build()
            .expect("executor");
        warm(&ex);
        g.bench_with_input(BenchmarkId::new("ranks", ranks), &ranks, |b, _| {
            b.iter(|| {
                let fs: Vec<_> = (0..tasks)
                    .map(|_| ex.submit(spin, rounds).expect("submit"))
                    .collect();
                fs.iter()
                    .map(|f| f.result(None).expect("result"))
                    .fold(0, u64::wrapping_add)
            })
        });
    }
    g.finish();
}

/// Start-up to the first result: `mpiexec -n 3` of this binary as a probe, timed from the launch to the
/// probe's line (the job's shutdown is not counted).
fn startup(c: &mut Criterion, me: &std::path::Path) {
    let mut g = c.benchmark_group("mpipool_lifecycle");
    g.sample_size(10);
    g.bench_function("startup_first_result", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let mut child = mpiexec(3)
                    .arg(me)
                    .arg(PROBE_ARG)
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("mpiexec");
                let stdout = child.stdout.take().expect("stdout");
                let line = BufReader::new(stdout)
                    .lines()
                    .map_while(Result::ok)
                    .find(|l| l.contains(FIRST_RESULT));
                total += start.elapsed();
                assert!(line.is_some(), "the probe printed no result");
                assert!(child.wait().expect("wait").success(), "the probe failed");
            }
            total
        })
    });
    g.finish();
}

fn main() {
    mpipool::init(); // first: under mpiexec, ranks other than 0 serve tasks here
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == PROBE_ARG) {
        let ex = MpiPoolExecutor::new().expect("executor");
        let v = ex
            .submit(inc, 41)
            .expect("submit")
            .result(None)
            .expect("result");
        println!("{FIRST_RESULT}: {v}");
        return;
    }
    if mpipool::world_size().is_some() {
        // Rank 0 of one of the jobs below.
        let mut c = Criterion::default().configure_from_args();
        if std::env::var_os(SCALING_ENV).is_some() {
            scaling(&mut c);
        } else {
            submit_result(&mut c);
            map(&mut c);
            latency(&mut c);
            paired();
        }
        c.final_summary();
        return;
    }
    let me = std::env::current_exe().expect("this bench's path");
    let mut c = Criterion::default().configure_from_args();
    startup(&mut c, &me);
    c.final_summary();
    for (ranks, scaling) in [(3, false), (5, true)] {
        let mut cmd = mpiexec(ranks);
        cmd.arg(&me).args(&args[1..]);
        if scaling {
            cmd.env(SCALING_ENV, "1");
        }
        let status = cmd.status().expect("mpiexec");
        assert!(status.success(), "the {ranks}-rank job failed: {status}");
    }
}
