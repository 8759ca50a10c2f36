//! Criterion benches for `mpipool` under a real `mpiexec`: per-task overhead (submit + result pipelined,
//! `map` with chunksize 100) at 3 ranks beside procpool with 2 workers measured in the same job, one task
//! at a time, start-up to the first result (a whole `mpiexec -n 3` job started each time), and throughput of
//! ~1 ms CPU-bound tasks against the number of worker ranks (1, 2, 4 in a 5-rank job, oversubscribed on a
//! small machine). Against mpi4py.futures (when the CPython peers run on has mpi4py) it measures paired,
//! interleaved rounds: two 3-rank jobs alive side by side, this binary's (`--mpipool-serve`) and
//! `mpiexec -n 3 python3 -m mpi4py.futures benches/python/mpipool_peer.py --serve`, each asked in turn, in
//! rotating order, to run the same work and to answer with the nanoseconds its rank 0 took. `cargo xtask
//! bench` puts them in docs/benchmarks.md.
//!
//! `cargo bench` starts this binary without MPI: it measures the start-up itself, then runs itself under
//! `mpiexec -n 3` (criterion, and the paired rounds against procpool in the same job), drives the paired
//! rounds against mpi4py.futures, and runs itself under `mpiexec -n 5` (the scaling bench); in each job
//! rank 0 runs the benches and the other ranks serve tasks inside `mpipool::init()`. Needs the `mpi`
//! feature (`cargo bench -p tasklab-benches --features mpi --bench mpipool`).

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
/// Rank 0 of a job started with this serves the paired rounds against mpi4py.futures (see [`serve`]).
const SERVE_ARG: &str = "--mpipool-serve";
/// Their name (`<criterion>/paired/mpipool_vs_mpi4py.json`); the report reads it.
const VS_MPI4PY: &str = "mpipool_vs_mpi4py";

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

/// One request of the paired rounds against mpi4py.futures, run on `ex`: `submit_result N` (submit N
/// trivial tasks, then `result()` each in order), `map N` (`map` with chunksize 100 over N items) or
/// `latency N` (N tasks one at a time, each submitted after the last one's result); mpipool_peer.py's
/// `--serve` runs the same three on mpi4py.futures.
fn run_request(ex: &MpiPoolExecutor, request: &str) -> Result<(), String> {
    let mut parts = request.split_whitespace();
    let op = parts.next().unwrap_or_default();
    let n: u64 = parts
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no task count in {request:?}"))?;
    let expected = n * (n + 1) / 2;
    let total: u64 = match op {
        "submit_result" => {
            let fs: Vec<_> = (0..n).map(|i| ex.submit(inc, i).expect("submit")).collect();
            fs.iter().map(|f| f.result(None).expect("result")).sum()
        }
        "map" => ex
            .map_with(inc, 0..n, MapOptions::new().chunksize(100))
            .expect("map")
            .map(|r| r.expect("item"))
            .sum(),
        "latency" => (0..n)
            .map(|i| {
                ex.submit(inc, i)
                    .expect("submit")
                    .result(None)
                    .expect("result")
            })
            .sum(),
        _ => return Err(format!("unknown request {request:?}")),
    };
    if total != expected {
        return Err(format!("{request:?} summed to {total}, not {expected}"));
    }
    Ok(())
}

/// Rank 0 of a `--mpipool-serve` job: mpipool's side of the paired rounds against mpi4py.futures. Each
/// stdin line (mpiexec forwards its stdin to rank 0) is a request for [`run_request`]; the answer is one
/// line, the nanoseconds it took, timed here (the job's start-up is never counted). Ends at end of input.
fn serve() {
    let ex = MpiPoolExecutor::new().expect("executor");
    warm(&ex);
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let start = Instant::now();
        if let Err(why) = run_request(&ex, &line) {
            eprintln!("mpipool serve: {why}");
            break;
        }
        println!("{}", start.elapsed().as_nanos());
    }
}

/// mpipool against mpi4py.futures per task, in paired, interleaved rounds: two 3-rank jobs alive side by
/// side (idle ranks of either sleep between polls), asked in turn to run the same kind of work, each at
/// a batch size where its per-task cost has settled.
/// Skipped, with the reason on stderr, when the CPython the peers run on has no mpi4py.
fn paired_vs_mpi4py(me: &std::path::Path) {
    if !tasklab_benches::paired_wanted(VS_MPI4PY) {
        return;
    }
    let Some(python) = tasklab_benches::python() else {
        eprintln!("{VS_MPI4PY}: python3 not found; not measured");
        return;
    };
    let has_mpi4py = Command::new(&python)
        .args(["-c", "import mpi4py.futures"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_mpi4py {
        eprintln!("{VS_MPI4PY}: {python} has no mpi4py; not measured");
        return;
    }
    let mut ours = mpiexec(3);
    ours.arg(me).arg(SERVE_ARG);
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("python/mpipool_peer.py");
    let mut theirs = mpiexec(3);
    theirs
        .arg(&python)
        .args(["-m", "mpi4py.futures"])
        .arg(&script)
        .arg("--serve");
    let Some(ours) = tasklab_benches::Peer::spawn("mpipool (3 ranks)", ours, "submit_result 10")
    else {
        return;
    };
    let Some(theirs) =
        tasklab_benches::Peer::spawn("mpi4py.futures (3 ranks)", theirs, "submit_result 10")
    else {
        return;
    };
    let (ours, theirs) = (
        std::cell::RefCell::new(ours),
        std::cell::RefCell::new(theirs),
    );
    // Per-task costs at each side's steady state: mpipool's 10,000 tasks of the criterion rows (its rank 0
    // pipelines, and a short batch pays the workers' wake-up: a quick run measured 30 µs a task at 300 tasks
    // against 7.6 µs at 10,000), mpi4py.futures a tenth of them, 300 in a quick run (about a millisecond a
    // task on a loaded machine, the same at 300 and 1,000 tasks within the noise).
    let tasks = sized(TASKS, 200);
    let py_tasks = if tasklab_benches::quick() {
        300
    } else {
        sized(TASKS / 10, 50)
    };
    let one_by_one = sized(200, 20);
    let mut contenders = Vec::new();
    for (op, n, py_n) in [
        ("submit_result", tasks, py_tasks),
        ("map_chunksize_100", tasks, py_tasks),
        ("one_task_latency", one_by_one, one_by_one),
    ] {
        let request = op
            .trim_end_matches("_chunksize_100")
            .trim_start_matches("one_task_");
        let (ours, theirs) = (&ours, &theirs);
        let mine = format!("{request} {n}");
        let other = format!("{request} {py_n}");
        contenders.push(tasklab_benches::Contender::self_timed(
            format!("mpipool_{op}"),
            n,
            move || ours.borrow_mut().time(&mine),
        ));
        contenders.push(tasklab_benches::Contender::self_timed(
            format!("mpi4py_{op}"),
            py_n,
            move || theirs.borrow_mut().time(&other),
        ));
    }
    tasklab_benches::paired_rounds(VS_MPI4PY, &mut contenders, tasklab_benches::paired_budget());
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
    if args.iter().any(|a| a == SERVE_ARG) {
        serve();
        return;
    }
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
        if scaling {
            // Between the jobs: no other job of this bench is running.
            paired_vs_mpi4py(&me);
        }
        let mut cmd = mpiexec(ranks);
        cmd.arg(&me).args(&args[1..]);
        if scaling {
            cmd.env(SCALING_ENV, "1");
        }
        let status = cmd.status().expect("mpiexec");
        assert!(status.success(), "the {ranks}-rank job failed: {status}");
    }
}
