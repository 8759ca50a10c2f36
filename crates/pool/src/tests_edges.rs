//! Regression tests for the edges issue 17 found: empty inputs, timeouts too long for the clock,
//! `result()` called again. Every test that could hang runs under a hard deadline, so a hang fails the
//! test instead of stalling the suite. Expected behaviour recorded from CPython 3.11:
//! `wait([], return_when=X)` is `(set(), set())` for every X, `list(as_completed([]))` is `[]`, and
//! `f.result()` returns the same value every time.

#![allow(clippy::unwrap_used)]

use crate::*;
use std::sync::mpsc;
use std::time::Duration;

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

#[test]
fn wait_on_nothing_returns_at_once_for_every_return_when() {
    for rw in [
        ReturnWhen::FirstCompleted,
        ReturnWhen::FirstException,
        ReturnWhen::AllCompleted,
    ] {
        for timeout in [None, Some(Duration::ZERO), Some(Duration::MAX)] {
            let r = within(5, "wait([])", move || {
                wait(&[] as &[Future<u32>], timeout, rw)
            });
            assert!(
                r.done.is_empty() && r.not_done.is_empty(),
                "{rw:?} {timeout:?}"
            );
        }
    }
}

#[test]
fn as_completed_on_nothing_ends_at_once() {
    for timeout in [None, Some(Duration::ZERO), Some(Duration::MAX)] {
        let n = within(5, "as_completed([])", move || {
            as_completed(&[] as &[Future<u32>], timeout).count()
        });
        assert_eq!(n, 0);
    }
}

#[test]
fn huge_timeouts_never_panic_and_mean_no_deadline() {
    within(20, "huge timeouts", || {
        let ex = ThreadPoolExecutor::new(2).unwrap();
        let long = Some(Duration::MAX);
        let almost = Some(Duration::from_secs(u64::MAX));
        for t in [long, almost] {
            let f = ex.submit(|| 5u32).unwrap();
            assert_eq!(f.result(t).unwrap(), 5);
            assert!(f.exception(t).unwrap().is_none());
            assert!(f.wait(t));
            let r = wait([&f], t, ReturnWhen::AllCompleted);
            assert_eq!(r.done.len(), 1);
            let r = wait([&f], t, ReturnWhen::FirstCompleted);
            assert_eq!(r.done.len(), 1);
            let g = ex.submit(|| 6u32).unwrap();
            let got: Vec<u32> = as_completed([&f, &g], t)
                .map(|x| x.unwrap().result(None).unwrap())
                .collect();
            assert_eq!(got.len(), 2);
            let options = MapOptions::new().timeout(t.unwrap());
            let v: Vec<u32> = ex
                .map_with(|x: u32| x + 1, 0..50, options)
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(v, (1..51).collect::<Vec<_>>());
        }
        // A pending future with a huge timeout is woken by its completion, not by a deadline.
        let (promise, f) = Promise::<u8>::new();
        let waiter = std::thread::spawn(move || {
            (
                f.result(Some(Duration::MAX)),
                wait([&f], Some(Duration::MAX), ReturnWhen::FirstCompleted)
                    .done
                    .len(),
            )
        });
        std::thread::sleep(Duration::from_millis(20));
        promise.set_result(9).unwrap();
        let (value, done) = waiter.join().unwrap();
        assert_eq!((value.unwrap(), done), (9, 1));
    });
}

#[test]
fn result_again_gives_the_value_every_time_from_any_thread() {
    within(20, "result() again", || {
        let ex = ThreadPoolExecutor::new(2).unwrap();
        let f = ex
            .submit(|| vec![String::from("a"), String::from("b")])
            .unwrap();
        let expected = vec![String::from("a"), String::from("b")];
        assert_eq!(f.result(None).unwrap(), expected);
        assert_eq!(f.result(None).unwrap(), expected);
        let readers: Vec<_> = (0..8)
            .map(|_| {
                let f = f.clone();
                std::thread::spawn(move || {
                    (0..200)
                        .filter(|_| f.result(None).unwrap().len() == 2)
                        .count()
                })
            })
            .collect();
        for r in readers {
            assert_eq!(r.join().unwrap(), 200);
        }
        // Failures are reported every time as well.
        let bad = ex.submit(|| -> u8 { panic!("boom") }).unwrap();
        for _ in 0..3 {
            assert!(matches!(bad.result(None), Err(Error::Panicked { .. })));
        }
        // The moving accessor, for values that are not Clone, still moves once.
        let once = ex.submit(|| std::sync::Mutex::new(1)).unwrap();
        assert!(once.take_result(None).is_ok());
        assert!(matches!(once.take_result(None), Err(Error::ResultTaken)));
    });
}

#[test]
fn result_clones_race_a_take_without_tearing() {
    within(30, "clone/take race", || {
        for _ in 0..200 {
            let (promise, f) = Promise::<Vec<u64>>::new();
            promise.set_result((0..64).collect()).unwrap();
            let cloners: Vec<_> = (0..3)
                .map(|_| {
                    let f = f.clone();
                    std::thread::spawn(move || match f.result(None) {
                        Ok(v) => assert_eq!(v.len(), 64),
                        Err(e) => assert!(matches!(e, Error::ResultTaken)),
                    })
                })
                .collect();
            let taken = f.take_result(None).unwrap();
            assert_eq!(taken.len(), 64);
            for c in cloners {
                c.join().unwrap();
            }
        }
    });
}

#[test]
fn a_cancel_guard_decides_whether_cancel_succeeds() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    // The task started out of sight: cancel() fails and the future shows it running.
    let (promise, f) = Promise::<u8>::new();
    promise.set_cancel_guard(|| false);
    assert!(!f.cancel());
    assert!(f.running() && !f.cancelled());
    promise.set_result(1).unwrap();
    assert_eq!(f.result(None).unwrap(), 1);
    // The guard took the task back: cancel() succeeds, once, and callbacks see it.
    let asked = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&asked);
    let (promise, f) = Promise::<u8>::new();
    promise.set_cancel_guard(move || {
        seen.store(true, Ordering::SeqCst);
        true
    });
    let (tx, rx) = mpsc::channel();
    f.add_done_callback(move |f| tx.send(f.cancelled()).unwrap());
    assert!(f.cancel());
    assert!(asked.load(Ordering::SeqCst));
    assert!(rx.recv_timeout(Duration::from_secs(5)).unwrap());
    assert!(f.cancel(), "cancelling again still reports cancelled");
    assert!(!promise.set_running_or_notify_cancel());
}
