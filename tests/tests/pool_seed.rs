//! The seed's ThreadPoolExecutor programs as scenarios: three `calculate_square` tasks on three workers
//! run at the same time (each waits until all three have started, which only concurrent tasks can do),
//! and five fire-and-forget tasks all run before the `with` block (the executor's scope) ends.

use pool::{ReturnWhen, ThreadPoolExecutor, wait};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// Waits until `n` parties arrived, or fails after `limit` (instead of hanging the suite).
struct Rendezvous {
    arrived: Mutex<usize>,
    cv: Condvar,
    n: usize,
}

impl Rendezvous {
    fn arrive(&self, limit: Duration) -> bool {
        let mut arrived = self.arrived.lock().expect("lock");
        *arrived += 1;
        self.cv.notify_all();
        let (guard, timeout) = self
            .cv
            .wait_timeout_while(arrived, limit, |a| *a < self.n)
            .expect("lock");
        drop(guard);
        !timeout.timed_out()
    }
}

#[test]
fn three_squares_run_concurrently_on_three_workers() {
    let meet = Arc::new(Rendezvous {
        arrived: Mutex::new(0),
        cv: Condvar::new(),
        n: 3,
    });
    let executor = ThreadPoolExecutor::new(3).expect("3 workers");
    let square = |n: u64, meet: Arc<Rendezvous>| {
        move || {
            assert!(
                meet.arrive(Duration::from_secs(30)),
                "all three tasks must be running at once"
            );
            n * n
        }
    };
    let f2 = executor.submit(square(2, meet.clone())).expect("submit");
    let f3 = executor.submit(square(3, meet.clone())).expect("submit");
    let f4 = executor.submit(square(4, meet)).expect("submit");
    let lines: Vec<String> = [(2, &f2), (3, &f3), (4, &f4)]
        .iter()
        .map(|(n, f)| format!("{n}的平方: {}", f.result(None).expect("square")))
        .collect();
    assert_eq!(lines, ["2的平方: 4", "3的平方: 9", "4的平方: 16"]);
}

#[test]
fn the_with_block_waits_for_fire_and_forget_tasks() {
    let processed = Arc::new(Mutex::new(Vec::new()));
    let calls = Arc::new(AtomicUsize::new(0));
    {
        let executor = ThreadPoolExecutor::new(3).expect("3 workers");
        for i in 0..5u32 {
            let (p, c) = (processed.clone(), calls.clone());
            executor
                .submit(move || {
                    c.fetch_add(1, Ordering::SeqCst);
                    p.lock()
                        .expect("lock")
                        .push(format!("Processing {i} and {}", i * 2));
                })
                .expect("submit");
        }
    }
    assert_eq!(calls.load(Ordering::SeqCst), 5);
    let mut lines = processed.lock().expect("lock").clone();
    lines.sort();
    assert_eq!(lines[0], "Processing 0 and 0");
    assert_eq!(lines[4], "Processing 4 and 8");
}

#[test]
fn futures_from_two_pools_are_waited_on_together() {
    let a = ThreadPoolExecutor::new(1).expect("pool a");
    let b = ThreadPoolExecutor::new(1).expect("pool b");
    let fa = a.submit(|| 1).expect("submit");
    let fb = b.submit(|| "two").expect("submit");
    let both: [&dyn pool::AnyFuture; 2] = [&fa, &fb];
    let r = wait(
        both,
        Some(Duration::from_secs(30)),
        ReturnWhen::AllCompleted,
    );
    assert_eq!(r.done.len(), 2);
}
