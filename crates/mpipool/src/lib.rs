//! Python's `mpi4py.futures.MPIPoolExecutor`, in Rust: procpool's executor across the ranks of an MPI job.
//!
//! ```
//! use mpipool::MpiPoolExecutor;
//!
//! fn square(x: u64) -> u64 {
//!     x * x
//! }
//!
//! fn main() -> Result<(), pool::Error> {
//!     mpipool::init(); // first thing in main: under mpiexec, ranks other than 0 serve tasks here
//!     let executor = MpiPoolExecutor::new()?;
//!     let future = executor.submit(square, 12)?;
//!     assert_eq!(future.result(None)?, 144);
//!     let squares: Vec<u64> = executor.map(square, 1..=4)?.collect::<Result<_, _>>()?;
//!     assert_eq!(squares, [1, 4, 9, 16]);
//!     Ok(())
//! }
//! ```
//!
//! Run it with `mpiexec -n 4 ./prog` (or `srun`): rank 0 runs `main` past [`init`] and submits; ranks 1
//! to 3 run the tasks. Run without a launcher, the same program uses a local process pool and says so.
//!
//! # The model
//! Every rank runs the same executable, so a task function travels as its offset in the binary, the way
//! procpool sends functions to its workers (the shared code is [`procpool::raw`]); [`init`] compares the
//! ranks' build-ids and refuses to run when they differ ([`MpiError::BinaryMismatch`]). On rank 0 one
//! communication thread makes every MPI call: it queues tasks, sends them to the ranks in batches within a
//! window per rank, and completes each task's [`pool::Future`] through a [`pool::Promise`], so
//! [`pool::wait`] and [`pool::as_completed`] mix MPI, process and thread futures in one call. Each
//! worker rank runs its tasks in a local procpool worker process.
//!
//! | Python (`mpi4py.futures`) | Rust |
//! |---|---|
//! | `mpiexec -n N python -m mpi4py.futures prog.py` | `mpiexec -n N ./prog` with [`init`] first in `main` |
//! | `MPIPoolExecutor()` | [`MpiPoolExecutor::new`] / [`MpiPoolExecutor::builder`] |
//! | `submit(fn, arg)`, `map(fn, it, timeout, chunksize)` | [`submit`](MpiPoolExecutor::submit), [`map`](MpiPoolExecutor::map) / [`map_with`](MpiPoolExecutor::map_with) with [`pool::MapOptions`] (also `buffersize`) |
//! | `shutdown(wait, cancel_futures)`, `with` | same name; `Drop` is `shutdown(true, false)` |
//! | `Future.result(timeout)`, `wait`, `as_completed` | [`pool::Future::result`], [`pool::wait`], [`pool::as_completed`] |
//!
//! # Faults
//! * A task that panics fails its own future with [`pool::Error::Panicked`]; one that crashes its
//!   process (a signal, `abort`, `exit`) fails with [`MpiError::TaskCrashed`]. Either way only that task
//!   fails: the rank starts a new local process and carries on.
//! * A per-task timeout ([`MpiPoolExecutor::submit_with_timeout`], [`Builder::task_timeout`]) kills the
//!   process running the task; `future.result(Some(timeout))` stops waiting without stopping the task.
//! * **A lost rank ends the job.** When a rank's process dies (a node fails, the rank is killed), MPI
//!   aborts every rank, rank 0 included: no stock MPI lets the others carry on. Start jobs with
//!   `mpiexec --timeout SECONDS` and give tasks timeouts, so nothing waits forever.
//! * Bad input is an error, never a hang: a capturing closure ([`MpiError::NotSendable`]), an argument or
//!   result that does not serialise or passes 2 GiB, a job of one rank ([`MpiError::NoWorkerRanks`]),
//!   different executables on different ranks.
//!
//! # Semantics worth knowing
//! * As with procpool, a task counts as *running* (and can no longer be cancelled) once it is sent to a
//!   rank, which may hold a window of tasks queued behind the one it runs: a few when tasks are long, up to
//!   [`Builder::max_in_flight_per_rank`] when they take microseconds.
//! * Done-callbacks of MPI tasks run on rank 0's communication thread. A callback that waits on another
//!   mpipool future, or shuts down or drops an executor, deadlocks, as waiting on the pool from inside a
//!   callback does in Python.
//! * Dropping an executor waits for its tasks, like Python's `with`: a task that never ends (and has no
//!   timeout) keeps the program from ending.
//!
//! Executor-specific failures are [`MpiError`]s inside [`pool::Error::Failed`]:
//! `err.downcast_ref::<mpipool::MpiError>()`.
//!
//! # Platform
//! Linux, with an MPI library (Open MPI or MPICH) and libclang at build time. A binary must be started by
//! the `mpiexec` of the MPI it was linked with.

mod comm;
mod error;
mod executor;
mod identity;
mod master;
mod proto;
mod window;
mod worker;
mod world;

pub use error::MpiError;
pub use executor::{Builder, MpiPoolExecutor};
pub use identity::binary_identity;
pub use pool::MapResults;
pub use world::{init, world_size};

#[cfg(test)]
mod tests {
    fn send_sync<T: Send + Sync>() {}

    #[test]
    fn executors_and_errors_cross_threads() {
        send_sync::<crate::MpiPoolExecutor>();
        send_sync::<crate::MpiError>();
        send_sync::<crate::Builder>();
    }

    #[test]
    fn without_init_the_executor_says_so() {
        // This test binary never calls init().
        let err = crate::MpiPoolExecutor::new().expect_err("no init");
        assert!(
            matches!(err.downcast_ref(), Some(crate::MpiError::InitNotCalled)),
            "{err}"
        );
        assert!(err.to_string().contains("mpipool::init()"), "{err}");
    }
}

/// The README's example is compiled and run as a doctest, so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
