//! mpipool under a real `mpiexec`. This binary is both sides: run by `cargo test` it is the driver, which
//! starts itself under `mpiexec` once per scenario (with a hard deadline, then checks the exit status, the
//! output and that no process of the run is left); started by `mpiexec` with `MPIPOOL_SCENARIO` set,
//! rank 0 runs that scenario and the other ranks serve tasks inside `mpipool::init()`, as in any program.
//!
//! `cargo test -p mpipool --test mpiexec [FILTER]` runs the scenarios whose name contains FILTER. It
//! fails (never skips) when `mpiexec` is missing: `cargo xtask test` installs Open MPI first.

use mpipool::{MpiError, MpiPoolExecutor};
use pool::{Error, MapOptions, ReturnWhen, ThreadPoolExecutor};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Which scenario a rank-0 process runs.
const SCENARIO_ENV: &str = "MPIPOOL_SCENARIO";
/// Marks every process of one run (mpiexec, ranks, their worker processes) so leftovers can be found.
const RUN_ENV: &str = "MPIPOOL_TEST_RUN";
/// Printed by rank 0 when a scenario's checks all passed.
const PASSED: &str = "SCENARIO PASSED";

/// The crate's example itself, run as a scenario.
#[path = "../examples/mpi_square.rs"]
mod square_example;

fn main() {
    mpipool::init(); // under mpiexec, ranks other than 0 serve tasks here and never return
    if let Ok(name) = std::env::var(SCENARIO_ENV) {
        std::process::exit(run_scenario(&name));
    }
    std::process::exit(drive());
}

// ---------------------------------------------------------------------------------------------------
// Rank 0's side: the scenarios.

type Check = Result<(), String>;

fn ensure(cond: bool, what: impl FnOnce() -> String) -> Check {
    if cond { Ok(()) } else { Err(what()) }
}

fn run_scenario(name: &str) -> i32 {
    let result = match name {
        "square" => square_example::main().map_err(|e| e.to_string()),
        "ten_thousand_in_order" => ten_thousand_in_order(),
        "crash_fails_only_its_task" => crash_fails_only_its_task(),
        "task_timeouts" => task_timeouts(),
        "shutdown_cancels_queued" => shutdown_cancels_queued(),
        "map_options" => map_options(),
        "bad_input" => bad_input(),
        "mixed_wait" => mixed_wait(),
        "large_payloads" => large_payloads(),
        "lose_a_rank" => lose_a_rank(),
        "expect_mismatch" => expect_error(|e| matches!(e, MpiError::BinaryMismatch { .. })),
        "expect_one_rank" => expect_error(|e| matches!(e, MpiError::NoWorkerRanks)),
        "local_fallback" => local_fallback(),
        other => Err(format!("no scenario named {other}")),
    };
    match result {
        Ok(()) => {
            println!("{PASSED}");
            0
        }
        Err(message) => {
            eprintln!("scenario {name} failed: {message}");
            1
        }
    }
}

fn square(x: u64) -> u64 {
    x * x
}

/// The rank whose local worker process runs this task (launchers put it in the environment, which the
/// worker process inherits).
fn my_rank(x: u64) -> (u64, u64) {
    let rank = ["OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"]
        .iter()
        .find_map(|v| std::env::var(v).ok()?.parse().ok())
        .unwrap_or(u64::MAX);
    (x * x, rank)
}

fn ten_thousand_in_order() -> Check {
    let executor = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    ensure(executor.worker_ranks() == 4, || {
        format!("expected 4 worker ranks, got {}", executor.worker_ranks())
    })?;
    let futures: Vec<_> = (0..10_000u64)
        .map(|i| executor.submit(my_rank, i))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let mut seen = [0usize; 5];
    for (i, f) in futures.iter().enumerate() {
        let (value, rank) = f
            .result(Some(Duration::from_secs(120)))
            .map_err(|e| e.to_string())?;
        ensure(value == (i as u64) * (i as u64), || {
            format!("task {i} gave {value}")
        })?;
        let rank = usize::try_from(rank).unwrap_or(usize::MAX);
        ensure((1..5).contains(&rank), || {
            format!("task {i} ran on rank {rank}")
        })?;
        seen[rank] += 1;
    }
    ensure(seen[1..].iter().all(|&n| n > 0), || {
        format!("tasks per rank: {seen:?}")
    })?;
    // The same through map, in order.
    let squares: Vec<u64> = executor
        .map_with(square, 0..10_000u64, MapOptions::new().chunksize(100))
        .map_err(|e| e.to_string())?
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    ensure(
        squares
            .iter()
            .enumerate()
            .all(|(i, &s)| s == (i * i) as u64),
        || "map results out of order".into(),
    )?;
    println!("tasks per rank: {:?}", &seen[1..]);
    Ok(())
}

fn kill_myself(_: u64) -> u64 {
    // SAFETY: raising a signal against our own process.
    unsafe { libc::raise(libc::SIGKILL) };
    0
}

fn panics(x: u64) -> u64 {
    if x > 0 {
        panic!("task {x} gave up");
    }
    x
}

fn crash_fails_only_its_task() -> Check {
    let executor = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    let crash = executor.submit(kill_myself, 0).map_err(|e| e.to_string())?;
    let next: Vec<_> = (0..100u64)
        .map(|i| executor.submit(square, i))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    let err = match crash.result(Some(Duration::from_secs(60))) {
        Ok(v) => return Err(format!("the crashing task returned {v}")),
        Err(e) => e,
    };
    match err.downcast_ref::<MpiError>() {
        Some(MpiError::TaskCrashed { status, rank, .. }) => {
            ensure(status.contains("SIGKILL"), || format!("status: {status}"))?;
            ensure(*rank >= 1, || format!("rank {rank}"))?;
        }
        _ => return Err(format!("expected TaskCrashed, got {err:?}")),
    }
    for (i, f) in next.iter().enumerate() {
        let v = f
            .result(Some(Duration::from_secs(60)))
            .map_err(|e| format!("task {i}: {e}"))?;
        ensure(v == (i * i) as u64, || format!("task {i} gave {v}"))?;
    }
    let p = executor.submit(panics, 3).map_err(|e| e.to_string())?;
    match p.result(Some(Duration::from_secs(60))) {
        Err(Error::Panicked { message }) => {
            ensure(message.contains("task 3 gave up"), || message.clone())?;
        }
        other => return Err(format!("expected a panic, got {other:?}")),
    }
    println!("crash: {err}");
    Ok(())
}

fn sleep_ms(ms: u64) -> u64 {
    std::thread::sleep(Duration::from_millis(ms));
    ms
}

fn task_timeouts() -> Check {
    let executor = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let slow = executor
        .submit_with_timeout(sleep_ms, 30_000, Duration::from_millis(300))
        .map_err(|e| e.to_string())?;
    let err = match slow.result(Some(Duration::from_secs(20))) {
        Ok(v) => return Err(format!("the slow task returned {v}")),
        Err(e) => e,
    };
    ensure(
        matches!(
            err.downcast_ref::<MpiError>(),
            Some(MpiError::TaskTimedOut { .. })
        ),
        || format!("expected TaskTimedOut, got {err:?}"),
    )?;
    ensure(start.elapsed() < Duration::from_secs(15), || {
        format!("the timeout took {:?}", start.elapsed())
    })?;
    // result(timeout) stops waiting, and the task still finishes.
    let f = executor.submit(sleep_ms, 1500).map_err(|e| e.to_string())?;
    match f.result(Some(Duration::from_millis(100))) {
        Err(Error::Timeout(_)) => {}
        other => return Err(format!("expected Timeout, got {other:?}")),
    }
    let v = f
        .result(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    ensure(v == 1500, || format!("got {v}"))?;
    // A builder-wide task timeout applies to every task.
    let strict = MpiPoolExecutor::builder()
        .task_timeout(Duration::from_millis(300))
        .build()
        .map_err(|e| e.to_string())?;
    let err = strict
        .submit(sleep_ms, 30_000)
        .map_err(|e| e.to_string())?
        .result(Some(Duration::from_secs(20)))
        .err()
        .ok_or("the slow task finished")?;
    ensure(err.downcast_ref::<MpiError>().is_some(), || {
        format!("{err:?}")
    })?;
    let ok = strict.submit(square, 9).map_err(|e| e.to_string())?;
    ensure(
        ok.result(Some(Duration::from_secs(30))).ok() == Some(81),
        || "no 81".into(),
    )?;
    println!("timeout: {err}");
    Ok(())
}

fn shutdown_cancels_queued() -> Check {
    let executor = MpiPoolExecutor::builder()
        .max_in_flight_per_rank(1)
        .build()
        .map_err(|e| e.to_string())?;
    let futures: Vec<_> = (0..40)
        .map(|_| executor.submit(sleep_ms, 200))
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    std::thread::sleep(Duration::from_millis(300));
    executor.shutdown(true, true);
    let done = futures.iter().filter(|f| f.done()).count();
    let cancelled = futures.iter().filter(|f| f.cancelled()).count();
    ensure(done == futures.len(), || {
        format!("{done} of {} done after shutdown", futures.len())
    })?;
    ensure(cancelled > 0 && cancelled < futures.len(), || {
        format!("{cancelled} cancelled")
    })?;
    for f in futures.iter().filter(|f| !f.cancelled()) {
        ensure(f.result(None).ok() == Some(200), || {
            "a started task failed".into()
        })?;
    }
    match executor.submit(square, 2) {
        Err(Error::Shutdown) => {}
        other => return Err(format!("expected Shutdown, got {other:?}")),
    }
    println!("cancelled {cancelled} of {}", futures.len());
    Ok(())
}

fn map_options() -> Check {
    let executor = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    // A panic fails only its own item; buffersize reads the input lazily.
    let results: Vec<_> = executor
        .map_with(
            |x: u64| if x == 7 { panic!("seven") } else { x + 1 },
            0..50u64,
            MapOptions::new().chunksize(4).buffersize(3),
        )
        .map_err(|e| e.to_string())?
        .collect();
    ensure(results.len() == 50, || format!("{} results", results.len()))?;
    for (i, r) in results.iter().enumerate() {
        match (i, r) {
            (7, Err(Error::Panicked { message })) => {
                ensure(message.contains("seven"), || message.clone())?
            }
            (7, other) => return Err(format!("item 7: {other:?}")),
            (i, Ok(v)) => ensure(*v == i as u64 + 1, || format!("item {i}: {v}"))?,
            (i, Err(e)) => return Err(format!("item {i}: {e}")),
        }
    }
    // An endless input with buffersize.
    let first: Vec<u64> = executor
        .map_with(square, 0u64.., MapOptions::new().buffersize(4))
        .map_err(|e| e.to_string())?
        .take(20)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    ensure(
        first == (0..20).map(|x| x * x).collect::<Vec<u64>>(),
        || format!("{first:?}"),
    )?;
    // The map's timeout.
    let mut slow = executor
        .map_with(
            sleep_ms,
            [1_500u64],
            MapOptions::new().timeout(Duration::from_millis(200)),
        )
        .map_err(|e| e.to_string())?;
    ensure(matches!(slow.next(), Some(Err(Error::Timeout(_)))), || {
        "no map timeout".into()
    })?;
    Ok(())
}

#[derive(Debug, serde::Deserialize)]
struct Unsendable;

impl serde::Serialize for Unsendable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(
            "this value refuses to be serialised",
        ))
    }
}

fn takes_unsendable(_: Unsendable) -> u64 {
    1
}

fn returns_unsendable(_: u64) -> Unsendable {
    Unsendable
}

fn bad_input() -> Check {
    let executor = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    let k = 3u64;
    match executor.submit(move |x: u64| x + k, 1) {
        Err(e)
            if matches!(
                e.downcast_ref::<MpiError>(),
                Some(MpiError::NotSendable { .. })
            ) => {}
        other => return Err(format!("expected NotSendable, got {other:?}")),
    }
    let f = executor
        .submit(takes_unsendable, Unsendable)
        .map_err(|e| e.to_string())?;
    match f.result(Some(Duration::from_secs(10))) {
        Err(e)
            if matches!(
                e.downcast_ref::<MpiError>(),
                Some(MpiError::Argument { .. })
            ) => {}
        other => return Err(format!("expected Argument, got {other:?}")),
    }
    let f = executor
        .submit(returns_unsendable, 1)
        .map_err(|e| e.to_string())?;
    match f.take_result(Some(Duration::from_secs(10))) {
        Err(e) if matches!(e.downcast_ref::<MpiError>(), Some(MpiError::Result { .. })) => {}
        other => return Err(format!("expected Result, got {other:?}")),
    }
    match MpiPoolExecutor::builder().processes_per_rank(0).build() {
        Err(Error::InvalidArgument(_)) => {}
        other => return Err(format!("expected InvalidArgument, got {other:?}")),
    }
    match MpiPoolExecutor::builder().worker_ranks(9).build() {
        Err(Error::InvalidArgument(m)) => ensure(m.contains("worker_ranks"), || m.clone())?,
        other => return Err(format!("expected InvalidArgument, got {other:?}")),
    }
    // worker_ranks(1): every task on rank 1.
    let first_only = MpiPoolExecutor::builder()
        .worker_ranks(1)
        .build()
        .map_err(|e| e.to_string())?;
    for i in 0..20 {
        let (_, rank) = first_only
            .submit(my_rank, i)
            .map_err(|e| e.to_string())?
            .result(None)
            .map_err(|e| e.to_string())?;
        ensure(rank == 1, || format!("task {i} ran on rank {rank}"))?;
    }
    drop(first_only);
    // Still usable afterwards.
    let v = executor
        .submit(square, 5)
        .map_err(|e| e.to_string())?
        .result(None);
    ensure(v.ok() == Some(25), || "no 25".into())
}

fn mixed_wait() -> Check {
    let mpi = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    let threads = ThreadPoolExecutor::new(2).map_err(|e| e.to_string())?;
    let a = mpi.submit(sleep_ms, 100).map_err(|e| e.to_string())?;
    let b = threads.submit(|| 7u64).map_err(|e| e.to_string())?;
    let c = mpi.submit(square, 6).map_err(|e| e.to_string())?;
    let fs = [a.clone(), b.clone(), c.clone()];
    let done = pool::wait(&fs, Some(Duration::from_secs(30)), ReturnWhen::AllCompleted);
    ensure(done.not_done.is_empty(), || "not all done".into())?;
    let order: Vec<u64> = pool::as_completed([a, b, c], Some(Duration::from_secs(30)))
        .map(|f| {
            f.map_err(|e| e.to_string())
                .and_then(|f| f.result(None).map_err(|e| e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    let mut sorted = order.clone();
    sorted.sort_unstable();
    ensure(sorted == [7, 36, 100], || format!("{order:?}"))?;
    // Two executors at once share the ranks.
    let other = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    let x = other.submit(square, 11).map_err(|e| e.to_string())?;
    let y = mpi.submit(square, 12).map_err(|e| e.to_string())?;
    ensure(
        x.result(None).ok() == Some(121) && y.result(None).ok() == Some(144),
        || "two executors".into(),
    )
}

/// Kills the rank process that runs this task's worker process (its parent): a lost rank.
fn kill_my_rank(_: u64) -> u64 {
    // SAFETY: signalling our parent, the rank process, as a node failure would end it.
    unsafe { libc::kill(libc::getppid(), libc::SIGKILL) };
    std::thread::sleep(Duration::from_secs(30));
    0
}

/// MPI ends the whole job when a rank dies: rank 0 must not survive this (nor hang).
fn lose_a_rank() -> Check {
    let executor = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    let f = executor
        .submit(kill_my_rank, 0)
        .map_err(|e| e.to_string())?;
    let outcome = f.result(Some(Duration::from_secs(40)));
    Err(format!("rank 0 outlived a lost rank: {outcome:?}"))
}

fn reverse(data: procpool::Bytes) -> procpool::Bytes {
    let mut v = data.to_vec();
    v.reverse();
    procpool::Bytes::from(v)
}

/// Several-megabyte arguments and results in flight both ways at once (MPI's large-message protocol,
/// and the ranks' shared memory with their local processes).
fn large_payloads() -> Check {
    let executor = MpiPoolExecutor::new().map_err(|e| e.to_string())?;
    let futures: Vec<_> = (0..8u8)
        .map(|k| {
            let data: Vec<u8> = (0..(3usize << 20))
                .map(|i| (i as u8).wrapping_add(k))
                .collect();
            executor.submit(reverse, procpool::Bytes::from(data))
        })
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    for (k, f) in futures.iter().enumerate() {
        let out = f
            .result(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        ensure(out.len() == 3 << 20, || {
            format!("task {k}: {} bytes", out.len())
        })?;
        let last = (((3usize << 20) - 1) as u8).wrapping_add(k as u8);
        ensure(out[0] == last && out[out.len() - 1] == k as u8, || {
            format!("task {k}: wrong bytes")
        })?;
    }
    Ok(())
}

fn expect_error(is_expected: fn(&MpiError) -> bool) -> Check {
    match MpiPoolExecutor::new() {
        Ok(_) => Err("the executor was created".into()),
        Err(e) => match e.downcast_ref::<MpiError>() {
            Some(m) if is_expected(m) => {
                println!("refused: {e}");
                Ok(())
            }
            _ => Err(format!("unexpected error: {e:?}")),
        },
    }
}

fn local_fallback() -> Check {
    let executor = MpiPoolExecutor::builder()
        .local_workers(2)
        .build()
        .map_err(|e| e.to_string())?;
    ensure(executor.is_local(), || "not local".into())?;
    let v = executor
        .submit(square, 8)
        .map_err(|e| e.to_string())?
        .result(None);
    ensure(v.ok() == Some(64), || "no 64".into())
}

// ---------------------------------------------------------------------------------------------------
// The driver.

struct Launcher {
    program: PathBuf,
    open_mpi: bool,
}

fn launcher() -> Result<Launcher, String> {
    let program = std::env::var_os("MPIEXEC")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join("mpiexec"))
                    .find(|p| p.is_file())
            })
        })
        .ok_or(
            "mpiexec is not installed: install Open MPI (apt-get install openmpi-bin libopenmpi-dev), \
             or run `cargo xtask test`, which does",
        )?;
    let version = Command::new(&program)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let text = String::from_utf8_lossy(&version.stdout);
    let open_mpi = text.contains("Open MPI") || text.contains("OpenRTE");
    Ok(Launcher { program, open_mpi })
}

/// One launch: `groups` are (rank count, executable) pairs (two for an MPMD launch).
struct Run<'a> {
    name: &'static str,
    scenario: &'static str,
    groups: Vec<(usize, &'a Path)>,
    mpi: bool,
    deadline: Duration,
    /// What rank 0's stdout must contain besides the pass marker.
    expect_stdout: Option<String>,
    expect_stderr: Option<&'static str>,
    /// The job must end in an MPI abort (a lost rank), quickly and without leftovers.
    job_aborts: bool,
}

fn drive() -> i32 {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let me = match std::env::current_exe() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot find this test executable: {e}");
            return 1;
        }
    };
    let launcher = match launcher() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let scratch = std::env::temp_dir().join(format!("mpipool-test-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&scratch);
    let other = match mismatched_copy(&me, &scratch) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: could not make a mismatched binary: {e}");
            return 1;
        }
    };
    let square = include_str!("expected/square.txt").to_string();
    let minute = Duration::from_secs(60);
    let runs = vec![
        Run {
            name: "square_over_mpi_3_ranks",
            scenario: "square",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: Some(square.clone()),
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "square_over_mpi_5_ranks_oversubscribed",
            scenario: "square",
            groups: vec![(5, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: Some(square),
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "ten_thousand_tasks_on_4_worker_ranks_in_order",
            scenario: "ten_thousand_in_order",
            groups: vec![(5, &me)],
            mpi: true,
            deadline: Duration::from_secs(240),
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "a_task_that_sigkills_itself_fails_only_its_future",
            scenario: "crash_fails_only_its_task",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "per_task_timeouts_and_result_timeouts",
            scenario: "task_timeouts",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "shutdown_with_cancel_futures",
            scenario: "shutdown_cancels_queued",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "map_chunksize_buffersize_timeout",
            scenario: "map_options",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "bad_input_gives_clear_errors",
            scenario: "bad_input",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "wait_and_as_completed_mix_executors",
            scenario: "mixed_wait",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "large_arguments_and_results",
            scenario: "large_payloads",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "a_lost_rank_aborts_the_job_without_hanging",
            scenario: "lose_a_rank",
            groups: vec![(3, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: None,
            job_aborts: true,
        },
        Run {
            name: "a_mismatched_binary_is_refused",
            scenario: "expect_mismatch",
            groups: vec![(1, &me), (2, &other)],
            mpi: true,
            deadline: minute,
            expect_stdout: Some("same executable".into()),
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "one_rank_is_a_clear_error",
            scenario: "expect_one_rank",
            groups: vec![(1, &me)],
            mpi: true,
            deadline: minute,
            expect_stdout: Some("at least 2 MPI ranks".into()),
            expect_stderr: None,
            job_aborts: false,
        },
        Run {
            name: "without_mpiexec_a_local_pool_runs_the_tasks",
            scenario: "local_fallback",
            groups: vec![(1, &me)],
            mpi: false,
            deadline: minute,
            expect_stdout: None,
            expect_stderr: Some("local process pool"),
            job_aborts: false,
        },
    ];
    let mut failed = Vec::new();
    let mut ran = 0;
    for (k, run) in runs.iter().enumerate() {
        if filter.as_deref().is_some_and(|f| !run.name.contains(f)) {
            continue;
        }
        ran += 1;
        let start = Instant::now();
        let verdict = launch(&launcher, run, &scratch, k);
        match &verdict {
            Ok(()) => println!(
                "test {} ... ok ({:.1}s)",
                run.name,
                start.elapsed().as_secs_f64()
            ),
            Err(e) => {
                println!("test {} ... FAILED\n{e}", run.name);
                failed.push(run.name);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    println!(
        "\ntest result: {}. {} passed; {} failed",
        if failed.is_empty() { "ok" } else { "FAILED" },
        ran - failed.len(),
        failed.len()
    );
    i32::from(!failed.is_empty())
}

fn launch(launcher: &Launcher, run: &Run<'_>, scratch: &Path, k: usize) -> Check {
    let marker = format!("{}.{k}", std::process::id());
    let mut cmd = if run.mpi {
        let mut cmd = Command::new(&launcher.program);
        if launcher.open_mpi {
            cmd.arg("--oversubscribe");
            // SAFETY: geteuid has no preconditions.
            if unsafe { libc::geteuid() } == 0 {
                cmd.arg("--allow-run-as-root");
            }
            // Containers often forbid the cross-memory-attach single copy; shared memory still works.
            cmd.env("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
        }
        for (i, (n, exe)) in run.groups.iter().enumerate() {
            if i > 0 {
                cmd.arg(":");
            }
            cmd.arg("-n").arg(n.to_string()).arg(exe);
        }
        cmd
    } else {
        Command::new(run.groups[0].1)
    };
    let out_path = scratch.join(format!("{k}.out"));
    let err_path = scratch.join(format!("{k}.err"));
    let out = std::fs::File::create(&out_path).map_err(|e| e.to_string())?;
    let err = std::fs::File::create(&err_path).map_err(|e| e.to_string())?;
    cmd.env(SCENARIO_ENV, run.scenario)
        .env(RUN_ENV, &marker)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start {:?}: {e}", cmd))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > run.deadline => {
                let _ = child.kill();
                kill_marked(&marker);
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(e.to_string()),
        }
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    let report = |why: String| format!("{why}\n--- stdout ---\n{stdout}--- stderr ---\n{stderr}");
    // Every process of the run must be gone (ranks and their worker processes).
    let mut left = Vec::new();
    for _ in 0..100 {
        left = marked_processes(&marker);
        if left.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    if !left.is_empty() {
        kill_marked(&marker);
        return Err(report(format!("processes left after the run: {left:?}")));
    }
    let Some(status) = status else {
        return Err(report(format!("did not finish within {:?}", run.deadline)));
    };
    if run.job_aborts {
        // Rank 0 reporting anything (it outlived the rank) is a failure too, whatever its exit code.
        return if status.success() || stdout.contains(PASSED) || stderr.contains("failed:") {
            Err(report(format!(
                "the job was expected to abort, but exited with {status}"
            )))
        } else {
            Ok(())
        };
    }
    if !status.success() {
        return Err(report(format!("exited with {status}")));
    }
    if !stdout.contains(PASSED) {
        return Err(report("rank 0 did not report success".into()));
    }
    if let Some(expected) = &run.expect_stdout {
        if !stdout.contains(expected.as_str()) {
            return Err(report(format!("stdout lacks {expected:?}")));
        }
    }
    if let Some(expected) = run.expect_stderr {
        if !stderr.contains(expected) {
            return Err(report(format!("stderr lacks {expected:?}")));
        }
    }
    Ok(())
}

/// Processes whose environment carries this run's marker.
fn marked_processes(marker: &str) -> Vec<u32> {
    let needle = format!("{RUN_ENV}={marker}\0");
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .is_ok_and(|env| env.windows(needle.len()).any(|w| w == needle.as_bytes()))
        })
        .filter(|pid| {
            // A zombie waiting to be reaped by its (exiting) parent is not a leftover process.
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
                s.rsplit(')')
                    .next()
                    .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
            })
        })
        .collect()
}

fn kill_marked(marker: &str) {
    for pid in marked_processes(marker) {
        if let Ok(pid) = libc::pid_t::try_from(pid) {
            // SAFETY: signalling a process of this run.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    }
}

/// A copy of this executable with a different identity: its build-id flipped (or, without one, a byte
/// appended, which changes the content hash). It still runs; mpipool must refuse it.
fn mismatched_copy(me: &Path, scratch: &Path) -> Result<PathBuf, String> {
    let mut bytes = std::fs::read(me).map_err(|e| e.to_string())?;
    let id = mpipool::binary_identity();
    if let Some(hex) = id.strip_prefix("build-id:") {
        let raw: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect();
        let at = bytes
            .windows(raw.len())
            .position(|w| w == raw.as_slice())
            .ok_or("the build-id is not in the file")?;
        bytes[at] ^= 0xff;
    } else {
        bytes.push(0);
    }
    let path = scratch.join("mismatched");
    std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| e.to_string())?;
    Ok(path)
}
