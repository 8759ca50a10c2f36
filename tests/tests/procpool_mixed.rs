//! Thread-pool and process-pool futures together: `pool::wait` and `pool::as_completed` watch
//! `pool::ThreadPoolExecutor` and `procpool::ProcessPoolExecutor` futures in one call, because both
//! executors complete the same `pool::Future` handle. Includes a worker crash in the mix.
//!
//! This test binary is also the workers' executable: procpool's start-up hook turns a re-executed copy
//! into a worker before libtest's `main` runs.

use pool::{ReturnWhen, ThreadPoolExecutor, as_completed, wait};
use procpool::{ProcessError, ProcessPoolExecutor};
use std::sync::mpsc;
use std::time::Duration;

fn square(x: u64) -> u64 {
    x * x
}

fn pid(_: ()) -> u32 {
    std::process::id()
}

fn die(_: ()) -> u64 {
    std::process::abort()
}

#[test]
fn wait_and_as_completed_mix_threads_and_processes() {
    let threads = ThreadPoolExecutor::new(2).expect("threads");
    let processes = ProcessPoolExecutor::new(2).expect("processes");

    // The thread task cannot finish before the process task's result is known here.
    let (tx, rx) = mpsc::channel::<u64>();
    let from_thread = threads
        .submit(move || rx.recv().expect("the value from the process") + 1)
        .expect("submit");
    let from_process = processes.submit(square, 9).expect("submit");
    let worker = processes.submit(pid, ()).expect("submit");

    let first: [&dyn pool::AnyFuture; 3] = [&from_thread, &from_process, &worker];
    let outcome = wait(first, None, ReturnWhen::FirstCompleted);
    assert!(!outcome.done.is_empty());
    assert!(!from_thread.done(), "the thread task is still waiting");

    tx.send(from_process.result(None).expect("square"))
        .expect("send");
    let all: [&dyn pool::AnyFuture; 3] = [&from_thread, &from_process, &worker];
    let outcome = wait(all, Some(Duration::from_secs(60)), ReturnWhen::AllCompleted);
    assert_eq!((outcome.done.len(), outcome.not_done.len()), (3, 0));
    assert_eq!(from_thread.result(None).expect("thread"), 82);
    assert_ne!(worker.result(None).expect("pid"), std::process::id());
}

#[test]
fn as_completed_reports_a_crashed_worker_beside_thread_results() {
    let threads = ThreadPoolExecutor::new(2).expect("threads");
    let processes = ProcessPoolExecutor::new(2).expect("processes");
    let mut futures: Vec<pool::Future<u64>> = Vec::new();
    for i in 0..5 {
        futures.push(threads.submit(move || i).expect("submit"));
        futures.push(processes.submit(square, i).expect("submit"));
    }
    futures.push(processes.submit(die, ()).expect("submit"));

    let (mut ok, mut died) = (0, 0);
    for f in as_completed(&futures, Some(Duration::from_secs(60))) {
        match f.expect("no timeout").exception(None).expect("done") {
            None => ok += 1,
            Some(err) => {
                match err.downcast_ref::<ProcessError>() {
                    Some(ProcessError::WorkerDied { status, .. }) => {
                        assert_eq!(*status, procpool::ExitStatus::Signal(6), "abort is SIGABRT")
                    }
                    other => panic!("unexpected failure {other:?}"),
                }
                died += 1;
            }
        }
    }
    assert_eq!((ok, died), (10, 1));
    // The process pool carries on with a replacement worker.
    assert_eq!(
        processes
            .submit(square, 12)
            .expect("submit")
            .result(None)
            .expect("after"),
        144
    );
}
