//! Regression tests for the edges issue 17 found, each under a hard deadline so a hang fails the test
//! rather than the suite: timeouts too long for the clock, a worker that ignores SIGTERM, head-of-line
//! waits behind a long task, cancellation of tasks waiting in a worker's window, serialisation messages
//! and stack overflows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{ProcessError, ProcessPoolExecutor, WorkerStdio};
use pool::MapOptions;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Runs `f` on its own thread and fails the test if it has not returned within `secs` seconds.
pub(crate) fn within<T: Send + 'static>(
    secs: u64,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(Ok(v)) => v,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(_) => panic!("{what}: still running after {secs} s (hang)"),
    }
}

pub(crate) fn sleep_ms(ms: u64) -> u64 {
    std::thread::sleep(Duration::from_millis(ms));
    ms
}

fn square(x: u64) -> u64 {
    x * x
}

/// True once `pid` is gone (or a zombie nobody will reap: reparented and dead).
pub(crate) fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
    }
}

fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_huge_task_timeout_neither_panics_nor_disables_later_timeouts() {
    within(60, "huge task timeout", || {
        let ex = ProcessPoolExecutor::new(1).unwrap();
        let f = ex.submit_with_timeout(square, 3, Duration::MAX).unwrap();
        assert_eq!(f.result(None).unwrap(), 9);
        let f = ex
            .submit_with_timeout(square, 4, Duration::from_secs(u64::MAX))
            .unwrap();
        assert_eq!(f.result(Some(Duration::MAX)).unwrap(), 16);
        // The timer still works afterwards: a short timeout stops a long task.
        let slow = ex
            .submit_with_timeout(sleep_ms, 30_000, Duration::from_millis(300))
            .unwrap();
        let err = slow.result(None).unwrap_err();
        assert!(
            matches!(err.downcast_ref(), Some(ProcessError::TaskTimedOut { .. })),
            "{err}"
        );
        // And a pool-wide huge default timeout is fine too.
        let ex = ProcessPoolExecutor::builder()
            .max_workers(1)
            .task_timeout(Duration::MAX)
            .idle_timeout(Duration::MAX)
            .build()
            .unwrap();
        assert_eq!(ex.submit(square, 5).unwrap().result(None).unwrap(), 25);
        let options = MapOptions::new().timeout(Duration::MAX);
        let v: Vec<u64> = ex
            .map_with(square, 0..10, options)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(v[9], 81);
    });
}

#[test]
fn a_huge_start_timeout_starts_workers_and_stopping_gives_up_on_a_stalled_one() {
    within(60, "huge start timeout", || {
        let ex = ProcessPoolExecutor::builder()
            .max_workers(1)
            .start_timeout(Duration::MAX)
            .build()
            .unwrap();
        assert_eq!(ex.submit(square, 6).unwrap().result(None).unwrap(), 36);
        drop(ex);
        // A worker that never checks in, with no start deadline: kill_workers still returns, the
        // future fails and nothing is left behind.
        let stalled = ProcessPoolExecutor::builder()
            .max_workers(1)
            .env(crate::worker::STALL_ENV, "1")
            .start_timeout(Duration::MAX)
            .build()
            .unwrap();
        let f = stalled.submit(square, 1).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        stalled.kill_workers();
        assert!(f.done());
        assert!(f.result(None).is_err());
    });
}

fn ignore_sigterm(ms: u64) -> u64 {
    // SAFETY: installing SIG_IGN has no preconditions.
    unsafe { libc::signal(libc::SIGTERM, libc::SIG_IGN) };
    sleep_ms(ms)
}

#[test]
fn terminate_workers_escalates_when_sigterm_is_ignored() {
    within(60, "terminate_workers", || {
        let ex = ProcessPoolExecutor::builder()
            .max_workers(1)
            .terminate_grace(Duration::from_millis(200))
            .build()
            .unwrap();
        let stubborn = ex.submit(ignore_sigterm, 60_000).unwrap();
        wait_until("the task to start", || stubborn.running());
        // Give the task time to install SIG_IGN before SIGTERM arrives.
        std::thread::sleep(Duration::from_millis(100));
        let pids = ex.worker_pids();
        ex.terminate_workers();
        let err = stubborn.result(None).unwrap_err();
        assert!(
            matches!(
                err.downcast_ref(),
                Some(ProcessError::Terminated {
                    how: "terminate_workers"
                })
            ),
            "{err}"
        );
        assert!(pids.iter().all(|&p| gone(p)));
    });
}

#[test]
fn queued_work_never_waits_behind_a_long_task_while_a_worker_is_idle() {
    within(120, "head-of-line", || {
        let ex = ProcessPoolExecutor::new(2).unwrap();
        // Many trivial tasks first: the pool learns that tasks are short and opens wide windows.
        let warm: Vec<_> = (0..2000).map(|i| ex.submit(square, i).unwrap()).collect();
        let long = ex.submit(sleep_ms, 60_000).unwrap();
        let short: Vec<_> = (0..20).map(|_| ex.submit(sleep_ms, 5).unwrap()).collect();
        for f in &warm {
            f.result(None).unwrap();
        }
        // Every short task finishes on the other worker while the long one still runs.
        for f in &short {
            let r = f.result(Some(Duration::from_secs(50)));
            assert!(r.is_ok(), "{r:?}\n{}", ex.debug_state());
        }
        assert!(
            !long.done(),
            "the short tasks finished only after the long one"
        );
        ex.kill_workers();
        assert!(long.done());
    });
}

#[test]
fn tasks_waiting_in_a_window_are_not_running_and_can_be_cancelled() {
    within(60, "cancel in window", || {
        let ex = ProcessPoolExecutor::builder()
            .max_workers(1)
            .build()
            .unwrap();
        let warm: Vec<_> = (0..500).map(|i| ex.submit(square, i).unwrap()).collect();
        for f in &warm {
            f.result(None).unwrap();
        }
        let long = ex.submit(sleep_ms, 60_000).unwrap();
        let behind: Vec<_> = (0..10).map(|i| ex.submit(square, i).unwrap()).collect();
        wait_until("the long task to start", || long.running());
        std::thread::sleep(Duration::from_millis(20));
        assert!(
            behind.iter().all(|f| !f.running()),
            "nothing behind it started"
        );
        assert!(
            behind.iter().all(|f| f.cancel()),
            "so all of it can be cancelled"
        );
        assert!(behind.iter().all(|f| f.cancelled()));
        assert!(!long.cancel());
        ex.kill_workers();
    });
}

#[test]
fn shutdown_cancel_futures_leaves_at_most_one_running_task_per_worker() {
    within(60, "shutdown(cancel_futures)", || {
        let ex = ProcessPoolExecutor::new(2).unwrap();
        let warm: Vec<_> = (0..500).map(|i| ex.submit(square, i).unwrap()).collect();
        for f in &warm {
            f.result(None).unwrap();
        }
        let tasks: Vec<_> = (0..50)
            .map(|_| ex.submit(sleep_ms, 60_000).unwrap())
            .collect();
        wait_until("both workers to be busy", || {
            tasks.iter().filter(|f| f.running()).count() == 2
        });
        ex.shutdown(false, true);
        let not_cancelled = tasks.iter().filter(|f| !f.cancelled()).count();
        assert!(
            not_cancelled <= ex.max_workers() + 1,
            "{not_cancelled} tasks left running (CPython: at most max_workers + 1)"
        );
        ex.kill_workers();
        assert!(tasks.iter().all(|f| f.done()));
    });
}

/// Refuses to be written, with a message saying why.
#[derive(Debug, serde::Deserialize)]
struct Unsendable;

impl serde::Serialize for Unsendable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(
            "a raw file handle cannot cross processes",
        ))
    }
}

fn take_unsendable(_: Unsendable) -> u8 {
    0
}

fn make_unsendable(_: u8) -> Unsendable {
    Unsendable
}

#[test]
fn serialisation_failures_name_what_failed() {
    within(60, "serialisation messages", || {
        let ex = ProcessPoolExecutor::new(1).unwrap();
        let err = ex
            .submit(take_unsendable, Unsendable)
            .unwrap()
            .result(None)
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("a raw file handle cannot cross processes"),
            "{err}"
        );
        assert!(err.to_string().contains("Unsendable"), "{err}");
        let err = ex
            .submit(make_unsendable, 1)
            .unwrap()
            .take_result(None)
            .unwrap_err();
        assert!(
            matches!(err.downcast_ref(), Some(ProcessError::Result { .. })),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("a raw file handle cannot cross processes"),
            "{err}"
        );
        let err = ex
            .map(take_unsendable, [Unsendable])
            .unwrap()
            .next()
            .unwrap()
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("a raw file handle cannot cross processes"),
            "{err}"
        );
    });
}

#[allow(unconditional_recursion)]
fn recurse(depth: u64) -> u64 {
    let frame = std::hint::black_box([depth; 64]);
    recurse(depth + 1).wrapping_add(frame[7])
}

#[test]
fn a_stack_overflow_is_reported_as_one() {
    within(60, "stack overflow", || {
        let ex = ProcessPoolExecutor::builder()
            .max_workers(1)
            .stdio(WorkerStdio::Null)
            .build()
            .unwrap();
        let err = ex.submit(recurse, 0).unwrap().result(None).unwrap_err();
        match err.downcast_ref() {
            Some(ProcessError::WorkerDied { cause, .. }) => {
                assert_eq!(*cause, Some("stack overflow"), "{err}")
            }
            _ => panic!("expected WorkerDied, got {err}"),
        }
        assert!(err.to_string().contains("stack overflow"), "{err}");
        // Any other crash is not called one, and the replacement worker carries on.
        let err = ex.submit(null_read, 0).unwrap().result(None).unwrap_err();
        match err.downcast_ref() {
            Some(ProcessError::WorkerDied { cause, .. }) => assert_eq!(*cause, None, "{err}"),
            _ => panic!("expected WorkerDied, got {err}"),
        }
        assert_eq!(ex.submit(square, 7).unwrap().result(None).unwrap(), 49);
    });
}

fn null_read(x: usize) -> u8 {
    // SAFETY: deliberately invalid, to crash the worker with SIGSEGV far from its stack.
    unsafe { std::ptr::read_volatile(std::hint::black_box(x) as *const u8) }
}

fn plus_one(data: crate::Bytes) -> crate::Bytes {
    crate::Bytes::from(data.iter().map(|b| b.wrapping_add(1)).collect::<Vec<u8>>())
}

#[test]
fn reused_segments_never_mix_up_payloads() {
    within(120, "segment reuse", || {
        let ex = ProcessPoolExecutor::new(2).unwrap();
        let size = crate::SHM_THRESHOLD + 12_345;
        // One at a time (each segment released and reused), then many in flight at once (more
        // payloads than segments: the rest travel in one-off regions), with sizes that vary.
        for round in 0..2u8 {
            let batch: Vec<_> = (0..12u8)
                .map(|i| {
                    let len = size + usize::from(i) * 4096 * usize::from(round);
                    let f = ex
                        .submit(plus_one, crate::Bytes::from(vec![i; len]))
                        .unwrap();
                    if round == 0 {
                        f.wait(None);
                    }
                    (i, len, f)
                })
                .collect();
            for (i, len, f) in batch {
                let back = f.result(None).unwrap();
                assert_eq!(back.len(), len);
                assert!(
                    back.iter().all(|&b| b == i + 1),
                    "payload {i} came back mixed up"
                );
            }
        }
    });
}

/// Appends `i` to the file `path` (one line per run of the task), so a test can count how often each
/// task ran.
fn record_run((path, i): (String, u64)) -> u64 {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("the run log");
    f.write_all(format!("{i}\n").as_bytes()).expect("append");
    i
}

#[test]
fn stolen_tasks_run_exactly_once_and_are_never_reported_cancelled() {
    // Thousands of short tasks through two workers make idle workers steal queued tasks back from busy
    // ones all the time. A stolen task once kept its id, so its old worker's stale message could match
    // it when it was sent back to that worker: it came back `Cancelled` (seen in the map bench) or, in
    // the same slot, ran twice.
    within(240, "stealing under map", || {
        let dir = tempfile::tempdir().unwrap();
        let ex = ProcessPoolExecutor::new(2).unwrap();
        for round in 0..16u64 {
            let path = dir.path().join(format!("runs-{round}"));
            std::fs::write(&path, b"").unwrap();
            let p = path.to_string_lossy().into_owned();
            let n = 3_000u64;
            let chunk = if round % 2 == 0 { 1 } else { 7 };
            let got: Vec<u64> = ex
                .map_with(
                    record_run,
                    (0..n).map(move |i| (p.clone(), i)),
                    MapOptions::new().chunksize(chunk),
                )
                .unwrap()
                .map(|r| r.expect("no task may fail or be cancelled"))
                .collect();
            assert_eq!(got, (0..n).collect::<Vec<_>>(), "results in order");
            let mut runs: Vec<u64> = std::fs::read_to_string(&path)
                .unwrap()
                .lines()
                .map(|l| l.parse().unwrap())
                .collect();
            runs.sort_unstable();
            assert_eq!(
                runs,
                (0..n).collect::<Vec<_>>(),
                "each task ran exactly once"
            );
        }
    });
}
