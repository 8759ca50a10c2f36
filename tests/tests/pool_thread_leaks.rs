//! No thread leaks: after an executor is dropped (or shut down with `wait`), the process has exactly the
//! threads it had before. This file holds one test so no other test's threads disturb the count.

use pool::{ThreadPoolExecutor, as_completed};

fn thread_count() -> usize {
    std::fs::read_dir("/proc/self/task")
        .map(|d| d.count())
        .expect("/proc/self/task is readable on Linux")
}

/// The thread count once it has come back to `expected`, or after 2 s. A joined thread has finished, but
/// the kernel can list it in `/proc/self/task` for a moment longer (`join` returns when the thread clears
/// its tid, before it is reaped): a CI run once read one extra thread right after `shutdown(wait=true)`.
/// A leaked thread never leaves, so it still fails the count.
fn settled_count(expected: usize) -> usize {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        let n = thread_count();
        if n == expected || std::time::Instant::now() >= deadline {
            return n;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

#[test]
fn dropping_or_shutting_down_joins_every_thread() {
    let before = thread_count();
    for round in 0..20 {
        let ex = ThreadPoolExecutor::new(8).expect("8 workers");
        let futures: Vec<_> = (0..200)
            .map(|i| ex.submit(move || i * 2).expect("submit"))
            .collect();
        let sum: i32 = as_completed(&futures, None)
            .map(|f| f.expect("no timeout").result(None).expect("ok"))
            .sum();
        assert_eq!(sum, (0..200).map(|i| i * 2).sum());
        assert!(thread_count() > before, "the pool started threads");
        if round % 2 == 0 {
            ex.shutdown(true, false);
            assert_eq!(
                settled_count(before),
                before,
                "shutdown(wait=true) joined every thread"
            );
        }
        drop(ex);
        assert_eq!(
            settled_count(before),
            before,
            "drop joined every thread (round {round})"
        );
    }
    // A pool shut down without waiting is still joined when it is dropped.
    let ex = ThreadPoolExecutor::new(4).expect("4 workers");
    let f = ex.submit(|| 1).expect("submit");
    ex.shutdown(false, false);
    drop(ex);
    assert_eq!(f.result(None).expect("ran"), 1);
    assert_eq!(settled_count(before), before);
}
