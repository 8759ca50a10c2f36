//! The executor against real processes and real signals: crashes, timeouts, panics, retirement, the
//! start-up deadline, shutdown, nested pools, file-descriptor discipline, and a parent killed by
//! SIGKILL. Each test builds its own pool; every wait is on a future or a process, never a sleep.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{BrokenPolicy, ExitStatus, ProcessError, ProcessPoolExecutor};
use pool::{Error, MapOptions};
use std::time::{Duration, Instant};

fn square(x: u64) -> u64 {
    x * x
}

fn pid(_: ()) -> u32 {
    std::process::id()
}

fn hang(_: ()) -> u32 {
    loop {
        std::thread::park();
    }
}

/// True once `pid` is gone (or a zombie nobody will reap: reparented and dead).
fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
    }
}

/// Waits (bounded) for an outside event that has no handle to block on.
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::yield_now();
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn died(err: &Error) -> (u32, ExitStatus) {
    match err.downcast_ref::<ProcessError>() {
        Some(ProcessError::WorkerDied { pid, status, .. }) => (*pid, *status),
        _ => panic!("expected WorkerDied, got {err:?}"),
    }
}

#[test]
fn submit_and_map_run_in_other_processes() {
    let ex = ProcessPoolExecutor::new(2).unwrap();
    assert_eq!(ex.submit(square, 12).unwrap().result(None).unwrap(), 144);
    let worker = ex.submit(pid, ()).unwrap().result(None).unwrap();
    assert_ne!(worker, std::process::id());
    let squares: Vec<u64> = ex
        .map(square, 0..1000)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(squares, (0..1000).map(|x| x * x).collect::<Vec<_>>());
    for chunksize in [1, 7, 5000] {
        let opts = MapOptions::new().chunksize(chunksize);
        let got: Vec<u64> = ex
            .map_with(square, 0..50, opts)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(got, (0..50).map(|x| x * x).collect::<Vec<_>>());
    }
    let lazy: Vec<u64> = ex
        .map_with(square, 0.., MapOptions::new().chunksize(3).buffersize(2))
        .unwrap()
        .take(20)
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(lazy, (0..20).map(|x| x * x).collect::<Vec<_>>());
    let pids = ex.worker_pids();
    drop(ex);
    assert!(pids.iter().all(|&p| gone(p)), "workers left behind");
}

#[test]
fn fn_pointers_and_closures_are_tasks_but_capturing_closures_are_refused() {
    let ex = ProcessPoolExecutor::new(1).unwrap();
    let ptr: fn(u64) -> u64 = square;
    assert_eq!(ex.submit(ptr, 3).unwrap().result(None).unwrap(), 9);
    let add = |(a, b): (i32, i32)| a + b;
    assert_eq!(ex.submit(add, (2, 3)).unwrap().result(None).unwrap(), 5);
    let k = 10;
    let err = ex.submit(move |x: i32| x + k, 1).unwrap_err();
    assert!(
        matches!(err.downcast_ref(), Some(ProcessError::NotSendable { .. })),
        "{err}"
    );
}

fn raise(sig: i32) -> u32 {
    // SAFETY: raising a signal in this (worker) process is what the test wants.
    unsafe { libc::raise(sig) };
    0
}

fn exit_with(code: i32) -> u32 {
    std::process::exit(code)
}

#[test]
fn a_dying_worker_fails_only_its_task_and_is_replaced() {
    let ex = ProcessPoolExecutor::new(2).unwrap();
    let before: Vec<_> = (0..10).map(|i| ex.submit(square, i).unwrap()).collect();
    let victim = ex.submit(raise, libc::SIGKILL).unwrap();
    let after: Vec<_> = (0..100).map(|i| ex.submit(square, i).unwrap()).collect();
    let err = victim.result(None).unwrap_err();
    assert_eq!(died(&err).1, ExitStatus::Signal(libc::SIGKILL));
    assert!(err.to_string().contains("signal 9"), "{err}");
    for (i, f) in before.iter().chain(&after).enumerate() {
        let x = if i < 10 { i } else { i - 10 } as u64;
        assert_eq!(f.result(None).unwrap(), x * x);
    }
    assert!(ex.restart_count() >= 1);

    let abort = ex
        .submit(raise, libc::SIGABRT)
        .unwrap()
        .result(None)
        .unwrap_err();
    assert_eq!(died(&abort).1, ExitStatus::Signal(libc::SIGABRT));
    let exit = ex.submit(exit_with, 3).unwrap().result(None).unwrap_err();
    assert_eq!(died(&exit).1, ExitStatus::Code(3));
    assert_eq!(ex.submit(square, 5).unwrap().result(None).unwrap(), 25);
}

#[test]
fn a_worker_killed_from_outside_mid_task_fails_that_task() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .max_in_flight_per_worker(1)
        .build()
        .unwrap();
    let first = ex.submit(pid, ()).unwrap().result(None).unwrap();
    let stuck = ex.submit(hang, ()).unwrap();
    let next: Vec<_> = (0..100).map(|i| ex.submit(square, i).unwrap()).collect();
    eventually("the task to be sent", || stuck.running());
    // SAFETY: killing our own worker.
    unsafe { libc::kill(first as i32, libc::SIGKILL) };
    let (dead, status) = died(&stuck.result(None).unwrap_err());
    assert_eq!((dead, status), (first, ExitStatus::Signal(libc::SIGKILL)));
    for (i, f) in next.iter().enumerate() {
        assert_eq!(f.result(None).unwrap(), (i * i) as u64);
    }
    let replacement = ex.submit(pid, ()).unwrap().result(None).unwrap();
    assert_ne!(replacement, first);
}

fn boom(x: u32) -> u32 {
    if x == 3 {
        panic!("three is not allowed");
    }
    x
}

#[test]
fn a_panic_fails_its_task_and_the_worker_survives() {
    let ex = ProcessPoolExecutor::new(1).unwrap();
    let worker = ex.submit(pid, ()).unwrap().result(None).unwrap();
    let err = ex.submit(boom, 3).unwrap().result(None).unwrap_err();
    match &err {
        Error::Panicked { message } => {
            assert!(message.contains("three is not allowed"), "{message}");
            assert!(message.contains("tests.rs"), "no location: {message}");
        }
        other => panic!("expected a panic, got {other:?}"),
    }
    assert_eq!(ex.submit(pid, ()).unwrap().result(None).unwrap(), worker);
    let mapped: Vec<_> = ex
        .map_with(boom, 0..6, MapOptions::new().chunksize(6))
        .unwrap()
        .collect();
    assert!(matches!(mapped[3], Err(Error::Panicked { .. })));
    assert_eq!(mapped.iter().filter(|r| r.is_ok()).count(), 5);
}

#[test]
fn a_task_timeout_kills_and_replaces_the_worker() {
    let ex = ProcessPoolExecutor::new(1).unwrap();
    let worker = ex.submit(pid, ()).unwrap().result(None).unwrap();
    let slow = ex
        .submit_with_timeout(hang, (), Duration::from_millis(50))
        .unwrap();
    let quick = ex
        .submit_with_timeout(square, 4, Duration::from_secs(30))
        .unwrap();
    match slow.result(None).unwrap_err().downcast_ref() {
        Some(ProcessError::TaskTimedOut { pid, timeout }) => {
            assert_eq!((*pid, *timeout), (worker, Duration::from_millis(50)));
        }
        other => panic!("expected a task timeout, got {other:?}"),
    }
    assert_eq!(quick.result(None).unwrap(), 16);
    assert_ne!(ex.submit(pid, ()).unwrap().result(None).unwrap(), worker);
    assert!(gone(worker));
    assert!(matches!(
        ex.submit_with_timeout(square, 1, Duration::ZERO),
        Err(Error::InvalidArgument(_))
    ));
}

#[test]
fn max_tasks_per_child_always_replaces_the_worker() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .max_tasks_per_child(2)
        .build()
        .unwrap();
    let futures: Vec<_> = (0..10).map(|_| ex.submit(pid, ()).unwrap()).collect();
    let pids: Vec<u32> = futures.iter().map(|f| f.result(None).unwrap()).collect();
    for pair in pids.chunks(2) {
        assert_eq!(pair[0], pair[1], "{pids:?}");
    }
    let mut distinct = pids.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 5, "{pids:?}");
    // The fifth worker retired after the last task: a replacement starts without any new work.
    eventually("the replacement worker", || {
        ex.worker_pids().iter().any(|p| !pids.contains(p))
    });
}

fn leak(mb: usize) -> u32 {
    let v = vec![1u8; mb << 20];
    std::mem::forget(v);
    std::process::id()
}

#[test]
fn a_worker_over_its_memory_cap_is_retired_after_its_task() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .max_memory_per_child(48 << 20)
        .build()
        .unwrap();
    let first = ex.submit(leak, 64).unwrap().result(None).unwrap();
    let second = ex.submit(pid, ()).unwrap().result(None).unwrap();
    assert_ne!(first, second);
    assert!(matches!(
        ProcessPoolExecutor::builder()
            .max_memory_per_child(0)
            .build(),
        Err(Error::InvalidArgument(_))
    ));
}

#[test]
fn an_idle_worker_exits_and_comes_back_with_work() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .idle_timeout(Duration::from_millis(20))
        .build()
        .unwrap();
    let first = ex.submit(pid, ()).unwrap().result(None).unwrap();
    eventually("the idle worker to exit", || ex.worker_pids().is_empty());
    let second = ex.submit(pid, ()).unwrap().result(None).unwrap();
    assert_ne!(first, second);
}

#[test]
fn shutdown_cancels_queued_futures_and_refuses_new_ones() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .max_in_flight_per_worker(1)
        .build()
        .unwrap();
    let running = ex
        .submit_with_timeout(hang, (), Duration::from_millis(200))
        .unwrap();
    let queued: Vec<_> = (0..4).map(|i| ex.submit(square, i).unwrap()).collect();
    eventually("the first task to be sent", || running.running());
    ex.shutdown(true, true);
    assert!(running.done());
    assert!(queued.iter().all(|f| f.cancelled()));
    assert!(matches!(ex.submit(square, 1), Err(Error::Shutdown)));
}

#[test]
fn kill_workers_fails_running_tasks_and_leaves_no_process() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(2)
        .max_in_flight_per_worker(1)
        .build()
        .unwrap();
    let stuck: Vec<_> = (0..2).map(|_| ex.submit(hang, ()).unwrap()).collect();
    let queued = ex.submit(square, 2).unwrap();
    eventually("both workers to start", || {
        ex.worker_pids().len() == 2 && stuck.iter().all(|f| f.running())
    });
    let pids = ex.worker_pids();
    ex.kill_workers();
    for f in &stuck {
        let err = f.result(None).unwrap_err();
        assert!(
            matches!(
                err.downcast_ref(),
                Some(ProcessError::Terminated {
                    how: "kill_workers"
                })
            ),
            "{err}"
        );
    }
    assert!(queued.cancelled());
    assert!(pids.iter().all(|&p| gone(p)));
}

#[test]
fn the_break_pool_policy_behaves_like_cpython() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(2)
        .broken_policy(BrokenPolicy::BreakPool)
        .build()
        .unwrap();
    ex.submit(square, 1).unwrap().result(None).unwrap();
    let crash = ex.submit(raise, libc::SIGKILL).unwrap();
    assert!(matches!(crash.result(None), Err(Error::Broken { .. })));
    let err = ex.submit(square, 2).map(|_| ()).unwrap_err();
    assert!(matches!(err, Error::Broken { .. }), "{err}");
    assert!(err.to_string().contains("terminated abruptly"), "{err}");
}

fn set_scale(x: u64) -> Result<(), String> {
    if x == 0 {
        return Err("scale must not be zero".into());
    }
    // SAFETY: the initializer runs before any task, on the worker's only thread.
    unsafe { std::env::set_var("PROCPOOL_TEST_SCALE", x.to_string()) };
    Ok(())
}

fn scaled(x: u64) -> u64 {
    let k: u64 = std::env::var("PROCPOOL_TEST_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    x * k
}

fn read_env(key: String) -> Option<String> {
    std::env::var(key).ok()
}

#[test]
fn initializer_env_and_a_failing_initializer() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .initializer(set_scale, 3)
        .env("PROCPOOL_TEST_COLOUR", "blue")
        .build()
        .unwrap();
    assert_eq!(ex.submit(scaled, 5).unwrap().result(None).unwrap(), 15);
    let colour = ex
        .submit(read_env, "PROCPOOL_TEST_COLOUR".to_string())
        .unwrap();
    assert_eq!(colour.result(None).unwrap().as_deref(), Some("blue"));
    let token = ex
        .submit(read_env, crate::worker::TOKEN_ENV.to_string())
        .unwrap();
    assert_eq!(
        token.result(None).unwrap(),
        None,
        "the token must be removed"
    );

    let bad = ProcessPoolExecutor::builder()
        .max_workers(1)
        .initializer(set_scale, 0)
        .build()
        .unwrap();
    let err = bad.submit(scaled, 5).unwrap().result(None).unwrap_err();
    match err.downcast_ref() {
        Some(ProcessError::InitializerFailed { message }) => {
            assert!(message.contains("must not be zero"), "{message}")
        }
        _ => panic!("expected InitializerFailed, got {err:?}"),
    }
    assert!(matches!(bad.submit(scaled, 1), Err(Error::Broken { .. })));
}

/// Serialises fine here, fails to deserialise in the worker (and the other way round).
#[derive(Debug)]
struct Fussy(u8);

impl serde::Serialize for Fussy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 == 0 {
            return Err(serde::ser::Error::custom("zero cannot be written"));
        }
        s.serialize_u8(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Fussy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <u8 as serde::Deserialize>::deserialize(d)?;
        if v == 1 {
            return Err(serde::de::Error::custom("one cannot be read"));
        }
        Ok(Fussy(v))
    }
}

fn fussy_id(x: Fussy) -> Fussy {
    x
}

fn make_fussy(x: u8) -> Fussy {
    Fussy(x)
}

#[test]
fn serialisation_failures_fail_their_future() {
    let ex = ProcessPoolExecutor::new(1).unwrap();
    let write = ex
        .submit(fussy_id, Fussy(0))
        .unwrap()
        .take_result(None)
        .unwrap_err();
    assert!(
        matches!(write.downcast_ref(), Some(ProcessError::Argument { .. })),
        "{write}"
    );
    assert!(
        write.to_string().contains("zero cannot be written"),
        "{write}"
    );
    let read = ex
        .submit(fussy_id, Fussy(1))
        .unwrap()
        .take_result(None)
        .unwrap_err();
    assert!(
        matches!(read.downcast_ref(), Some(ProcessError::Argument { .. })),
        "{read}"
    );
    let result_write = ex
        .submit(make_fussy, 0)
        .unwrap()
        .take_result(None)
        .unwrap_err();
    assert!(
        matches!(
            result_write.downcast_ref(),
            Some(ProcessError::Result { .. })
        ),
        "{result_write}"
    );
    assert!(
        result_write.to_string().contains("zero cannot be written"),
        "{result_write}"
    );
    let result_read = ex
        .submit(make_fussy, 1)
        .unwrap()
        .take_result(None)
        .unwrap_err();
    assert!(
        matches!(
            result_read.downcast_ref(),
            Some(ProcessError::Result { .. })
        ),
        "{result_read}"
    );
    assert_eq!(
        ex.submit(make_fussy, 7)
            .unwrap()
            .take_result(None)
            .unwrap()
            .0,
        7
    );
}

/// Length and the sum of a few sampled bytes (cheap in a debug build).
fn byte_sum(data: crate::Bytes) -> (usize, u64) {
    let step = (data.len() / 64).max(1);
    (
        data.len(),
        data.iter().step_by(step).map(|&b| u64::from(b)).sum(),
    )
}

fn checksum(data: Vec<u8>) -> (usize, u64) {
    (data.len(), data.iter().map(|&b| u64::from(b)).sum())
}

fn big(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8).collect()
}

#[test]
fn large_payloads_travel_both_ways() {
    let ex = ProcessPoolExecutor::new(1).unwrap();
    let data = big(3 << 20);
    let expected: u64 = data.iter().map(|&b| u64::from(b)).sum();
    assert_eq!(
        ex.submit(checksum, data).unwrap().result(None).unwrap(),
        (3 << 20, expected)
    );
    let back = ex.submit(big, 2 << 20).unwrap().result(None).unwrap();
    assert_eq!(back, big(2 << 20));
}

fn nested(x: u64) -> u64 {
    let inner = ProcessPoolExecutor::new(1).expect("a pool inside a worker");
    inner
        .submit(square, x)
        .expect("submit")
        .result(None)
        .expect("result")
        + 1
}

#[test]
fn a_task_can_use_a_pool_of_its_own() {
    let ex = ProcessPoolExecutor::new(1).unwrap();
    assert_eq!(ex.submit(nested, 6).unwrap().result(None).unwrap(), 37);
}

#[test]
fn a_worker_that_never_checks_in_hits_the_start_deadline() {
    // The worker's environment hides nothing but is sent to a directory that does not exist: the
    // spawn itself fails, three times, and the pool breaks with the reason.
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .current_dir("/nonexistent/procpool")
        .build()
        .unwrap();
    let err = ex.submit(square, 1).unwrap().result(None).unwrap_err();
    assert!(
        matches!(
            err.downcast_ref(),
            Some(ProcessError::WorkerStartFailed { .. })
        ),
        "{err}"
    );
    assert!(matches!(ex.submit(square, 1), Err(Error::Broken { .. })));

    // A worker that starts but never connects: killed at the deadline.
    let stalled = ProcessPoolExecutor::builder()
        .max_workers(1)
        .env(crate::worker::STALL_ENV, "1")
        .start_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = stalled.submit(square, 1).unwrap().result(None).unwrap_err();
    assert!(err.to_string().contains("did not check in"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn bad_settings_are_refused() {
    for b in [
        ProcessPoolExecutor::builder().max_workers(0),
        ProcessPoolExecutor::builder().max_tasks_per_child(0),
        ProcessPoolExecutor::builder().max_in_flight_per_worker(0),
        ProcessPoolExecutor::builder().task_timeout(Duration::ZERO),
    ] {
        assert!(matches!(b.build(), Err(Error::InvalidArgument(_))));
    }
    let ex = ProcessPoolExecutor::new(1).unwrap();
    assert!(matches!(
        ex.map_with(square, 0..3, MapOptions::new().chunksize(0)),
        Err(Error::InvalidArgument(_))
    ));
}

/// Re-runs this test binary as a child that runs just `test` with `role` set; returns its output.
fn child_run(test: &str, role: &str, extra: &[(&str, &str)]) -> std::process::Child {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env("PROCPOOL_TEST_ROLE", role)
        .stdout(std::process::Stdio::piped());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

fn fd_count() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

#[test]
fn ten_thousand_queued_tasks_under_a_low_fd_limit() {
    if std::env::var("PROCPOOL_TEST_ROLE").as_deref() != Ok("fd-limit") {
        let child = child_run(
            "tests::ten_thousand_queued_tasks_under_a_low_fd_limit",
            "fd-limit",
            &[],
        );
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "child failed: {text}");
        assert!(text.contains("fd-limit ok"), "{text}");
        return;
    }
    let limit = libc::rlimit {
        rlim_cur: 64,
        rlim_max: 64,
    };
    // SAFETY: lowering this child's own limit.
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) }, 0);
    let ex = ProcessPoolExecutor::new(2).unwrap();
    ex.submit(square, 1).unwrap().result(None).unwrap();
    let before = fd_count();
    let futures: Vec<_> = (0..10_000u64)
        .map(|i| ex.submit(square, i).unwrap())
        .collect();
    let during = fd_count();
    let sum: u64 = futures.iter().map(|f| f.result(None).unwrap()).sum();
    assert_eq!(sum, (0..10_000u64).map(|i| i * i).sum::<u64>());
    let after = fd_count();
    assert!(
        during <= before + 8 && after <= before + 8,
        "fds {before} -> {during} -> {after}"
    );
    // Large arguments travel in shared memory, but only while being sent: 60 queued 1 MiB tasks hold
    // no descriptor each.
    let big_tasks: Vec<_> = (0..60)
        .map(|_| {
            ex.submit(
                byte_sum,
                crate::Bytes::from(vec![1u8; crate::SHM_THRESHOLD]),
            )
            .unwrap()
        })
        .collect();
    let big_fds = fd_count();
    for f in &big_tasks {
        assert_eq!(f.result(None).unwrap(), (crate::SHM_THRESHOLD, 64));
    }
    assert!(
        big_fds <= before + 8,
        "fds with large payloads queued: {before} -> {big_fds}"
    );
    println!("fd-limit ok: {before} -> {during} -> {after}, {big_fds} with large payloads");
}

#[test]
fn killing_the_parent_leaves_no_worker_behind() {
    if std::env::var("PROCPOOL_TEST_ROLE").as_deref() == Ok("doomed-parent") {
        let ex = ProcessPoolExecutor::new(2).unwrap();
        let a = ex.submit(hang, ()).unwrap();
        let b = ex.submit(hang, ()).unwrap();
        eventually("two workers", || {
            ex.worker_pids().len() == 2 && a.running() && b.running()
        });
        let pids: Vec<String> = ex.worker_pids().iter().map(u32::to_string).collect();
        println!("\nworkers {}", pids.join(" "));
        use std::io::Write;
        std::io::stdout().flush().unwrap();
        loop {
            std::thread::park();
        }
    }
    if std::env::var("PROCPOOL_TEST_ROLE").is_ok() {
        return;
    }
    let mut child = child_run(
        "tests::killing_the_parent_leaves_no_worker_behind",
        "doomed-parent",
        &[],
    );
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let pids: Vec<u32> = loop {
        line.clear();
        assert!(
            std::io::BufRead::read_line(&mut stdout, &mut line).unwrap() > 0,
            "child ended early"
        );
        // libtest may print "test name ... " on the same line first.
        if let Some((_, rest)) = line.split_once("workers ") {
            break rest
                .split_whitespace()
                .map(|p| p.parse().unwrap())
                .collect();
        }
    };
    assert_eq!(pids.len(), 2);
    child.kill().unwrap();
    child.wait().unwrap();
    for pid in pids {
        eventually("the orphaned worker to die", || gone(pid));
    }
}

#[test]
fn the_pool_is_shared_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<ProcessPoolExecutor>();
    fn send<T: Send>() {}
    send::<crate::MapResults<u64>>();

    let ex = ProcessPoolExecutor::new(2).unwrap();
    let totals: Vec<u64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4u64)
            .map(|t| {
                let ex = &ex;
                s.spawn(move || {
                    let fs: Vec<_> = (0..100u64)
                        .map(|i| ex.submit(square, t * 100 + i).unwrap())
                        .collect();
                    fs.iter().map(|f| f.result(None).unwrap()).sum::<u64>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(totals.iter().sum::<u64>(), (0..400u64).map(|x| x * x).sum());
}

fn cwd(_: ()) -> String {
    std::env::current_dir()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

#[test]
fn workers_get_their_own_directory_and_quiet_stdio() {
    let dir = std::env::temp_dir().canonicalize().unwrap();
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .current_dir(&dir)
        .stdio(crate::WorkerStdio::Null)
        .env_clear()
        .env("ONLY", "this")
        .build()
        .unwrap();
    assert_eq!(
        ex.submit(cwd, ()).unwrap().result(None).unwrap(),
        dir.display().to_string()
    );
    let home = ex.submit(read_env, "HOME".to_string()).unwrap();
    assert_eq!(home.result(None).unwrap(), None, "env_clear");
    let only = ex.submit(read_env, "ONLY".to_string()).unwrap();
    assert_eq!(only.result(None).unwrap().as_deref(), Some("this"));
}

#[test]
fn a_map_timeout_ends_the_iteration_and_a_task_timeout_frees_the_worker() {
    let ex = ProcessPoolExecutor::builder()
        .max_workers(1)
        .task_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let opts = MapOptions::new()
        .chunksize(1)
        .timeout(Duration::from_millis(30));
    let mut results = ex.map_with(hang, vec![(); 3], opts).unwrap();
    assert!(matches!(results.next(), Some(Err(Error::Timeout(_)))));
    assert!(
        results.next().is_none(),
        "a timeout ends the map, as in Python"
    );
    drop(results);
    // The running task is killed at its task timeout; the pool goes on.
    assert_eq!(ex.submit(square, 7).unwrap().result(None).unwrap(), 49);
}
