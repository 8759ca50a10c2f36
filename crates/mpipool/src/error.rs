//! `mpipool`'s own failures. A task's future reports them as `pool::Error::Failed`, so callers get them
//! back with `err.downcast_ref::<mpipool::MpiError>()`; the generic cases (shutdown, cancellation, a panic
//! in the task, a `result(timeout)` that ran out) use `pool::Error`'s own variants.

use std::time::Duration;

/// What went wrong with a task, a rank or the MPI job. Reached through [`pool::Error::downcast_ref`].
///
/// ```
/// # fn check(err: &pool::Error) {
/// if let Some(mpipool::MpiError::TaskCrashed { rank, status, .. }) = err.downcast_ref() {
///     eprintln!("the task crashed its process on rank {rank}: {status}");
/// }
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MpiError {
    /// The task killed the process running it (a signal, `abort`, `exit`, the OOM killer). Only this
    /// task failed: its rank started a new process and carries on with the others.
    #[error(
        "the task crashed the process running it (pid {pid} on rank {rank}, host {host}: {status}); only this task failed, the rank carries on with a new process"
    )]
    TaskCrashed {
        /// The rank that ran it.
        rank: usize,
        /// That rank's host name.
        host: String,
        /// The process that died.
        pid: u32,
        /// Its exit code or signal, as text (`signal 9 (SIGKILL)`).
        status: String,
    },
    /// The task ran longer than its per-task timeout; the process running it was killed and replaced.
    #[error(
        "the task ran longer than its {timeout:?} task timeout on rank {rank}, so the process running it was killed and replaced"
    )]
    TaskTimedOut {
        /// The timeout that was exceeded.
        timeout: Duration,
        /// The rank that ran it.
        rank: usize,
    },
    /// The task's argument could not be serialised here (or deserialised on the rank).
    #[error(
        "could not pass the argument of type {type_name} to a worker rank: {message}; use a type whose serde implementation round-trips"
    )]
    Argument {
        /// The argument type.
        type_name: &'static str,
        /// What failed.
        message: String,
    },
    /// The task's result could not be serialised on the rank (or deserialised here).
    #[error(
        "could not bring the result of type {type_name} back from a worker rank: {message}; use a type whose serde implementation round-trips"
    )]
    Result {
        /// The result type.
        type_name: &'static str,
        /// What failed.
        message: String,
    },
    /// The function cannot be sent to another process: a closure that captures variables, or code outside
    /// the main executable.
    #[error(
        "{type_name} cannot run on another rank: {why}; pass a plain `fn` item or a non-capturing closure, and send data through the argument"
    )]
    NotSendable {
        /// The function's type.
        type_name: &'static str,
        /// Why it was refused.
        why: &'static str,
    },
    /// One MPI message carries at most 2 GiB.
    #[error(
        "the {what} is {bytes} bytes once serialised, more than one MPI message carries (2 GiB - 1); split it into smaller tasks"
    )]
    TooLarge {
        /// `argument` or `result`.
        what: &'static str,
        /// Its serialised size.
        bytes: usize,
    },
    /// The job has one rank under `mpiexec`, so no rank is left to run tasks.
    #[error(
        "mpipool needs at least 2 MPI ranks (rank 0 submits, the others run the tasks), but this job has 1; start it with `mpiexec -n 2` or more, or run the program without mpiexec for a local process pool"
    )]
    NoWorkerRanks,
    /// Not every rank runs the same executable, so functions cannot be named by their place in it.
    #[error(
        "every MPI rank must run the same executable, but rank(s) {ranks:?} run(s) a different one (rank 0: {expected}; first mismatch: {found}); copy the one binary to every node and start it on all ranks"
    )]
    BinaryMismatch {
        /// The ranks whose executable differs from rank 0's.
        ranks: Vec<usize>,
        /// Rank 0's binary identity (build-id or content hash).
        expected: String,
        /// The first differing rank's identity.
        found: String,
    },
    /// `mpipool::init()` was not called before the executor was created.
    #[error(
        "mpipool::init() was not called; call it first thing in main (under mpiexec the other ranks serve tasks inside it)"
    )]
    InitNotCalled,
    /// The MPI library cannot be used from the executor's communication thread.
    #[error(
        "the MPI library gives thread support level {provided}, but mpipool needs at least MPI_THREAD_SERIALIZED (its own thread makes every MPI call)"
    )]
    ThreadingUnsupported {
        /// The level the library provided.
        provided: String,
    },
    /// The communication thread is gone (the program is exiting).
    #[error(
        "the MPI communication thread has stopped (the program is exiting); no more tasks can run"
    )]
    Stopped,
    /// Another failure reported by a worker rank.
    #[error("rank {rank} reported: {message}")]
    Remote {
        /// The rank.
        rank: usize,
        /// Its message.
        message: String,
    },
}
