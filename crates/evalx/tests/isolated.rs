//! Isolated mode: programs in procpool worker processes, limits inside, the pool alive after every kind of
//! failure.

use evalx::isolated::{IsolatedLimits, IsolatedPool};
use std::time::Duration;

fn limits() -> IsolatedLimits {
    IsolatedLimits {
        time: Duration::from_secs(5),
        ..IsolatedLimits::default()
    }
}

#[test]
fn programs_run_in_workers_and_failures_stay_there() {
    let pool = IsolatedPool::new(2).expect("pool");
    let out = pool.run("print(sum(range(10)))", &limits()).expect("runs");
    assert_eq!(out.output, "45\n");
    assert_eq!(out.error, None);

    // A runaway is stopped inside the worker by its deadline.
    let short = IsolatedLimits {
        time: Duration::from_millis(300),
        ..IsolatedLimits::default()
    };
    let out = pool.run("while True:\n    pass\n", &short).expect("runs");
    let err = out.error.expect("stopped");
    assert!(err.starts_with("evalx limit exceeded"), "{err}");

    // Exceptions come back rendered as CPython prints them.
    let out = pool
        .run(
            "a = []\na.append(a)\nb = []\nb.append(b)\nprint(a == b)\n",
            &limits(),
        )
        .expect("runs");
    assert!(
        out.error.as_deref().is_some_and(
            |e| e.ends_with("RecursionError: maximum recursion depth exceeded in comparison\n")
        ),
        "{out:?}"
    );
    let out = pool.run("x = [0] * (1 << 40)", &limits()).expect("runs");
    assert!(
        out.error
            .as_deref()
            .is_some_and(|e| e.contains("MemoryError")),
        "{out:?}"
    );

    // The pool still answers afterwards.
    let out = pool.run("print('alive')", &limits()).expect("runs");
    assert_eq!(out.output, "alive\n");
}
