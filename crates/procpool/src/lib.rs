//! Python's `concurrent.futures.ProcessPoolExecutor`, in Rust, with workers that survive crashes.
//!
//! ```
//! use procpool::ProcessPoolExecutor;
//!
//! fn square(x: u64) -> u64 {
//!     x * x
//! }
//!
//! fn main() -> Result<(), pool::Error> {
//!     procpool::init(); // first thing in main: a worker process turns into a worker here
//!     let executor = ProcessPoolExecutor::new(2)?;
//!     let future = executor.submit(square, 12)?;
//!     assert_eq!(future.result(None)?, 144);
//!     let squares: Vec<u64> = executor.map(square, 1..=4)?.collect::<Result<_, _>>()?;
//!     assert_eq!(squares, [1, 4, 9, 16]);
//!     Ok(())
//! }
//! ```
//!
//! # The model
//! A worker is this executable started again (`/proc/self/exe`, Python's *spawn*) with a token in its
//! environment; [`init`] (or, by default, a start-up hook that runs before `main`) sees the token and
//! turns the process into a worker instead of running the program. Each worker has one task channel and
//! one result channel (ipc-channel over Unix sockets), set up once in a hand-shake with a deadline; tasks
//! are batched over them within a bounded window per worker, and payloads of 1 MiB or more travel in
//! shared memory.
//!
//! Tasks are plain functions of one serde argument — `fn` items, `fn` pointers and non-capturing
//! closures; a function crosses the process boundary as its offset in the executable. Each task returns
//! a [`pool::Future`], the same handle as the thread pool's, so [`pool::wait`] and
//! [`pool::as_completed`] watch thread and process tasks together.
//!
//! | Python | Rust |
//! |---|---|
//! | `ProcessPoolExecutor(max_workers, initializer, initargs, max_tasks_per_child)` | [`ProcessPoolExecutor::builder`] |
//! | `submit(fn, arg)`, `map(fn, it, timeout, chunksize, buffersize)` | [`submit`](ProcessPoolExecutor::submit), [`map`](ProcessPoolExecutor::map) / [`map_with`](ProcessPoolExecutor::map_with) with [`pool::MapOptions`] |
//! | `shutdown(wait, cancel_futures)`, `terminate_workers()`, `kill_workers()` | same names; `Drop` is `shutdown(true, false)` |
//! | `BrokenProcessPool` | [`pool::Error::Broken`] (with [`BrokenPolicy::BreakPool`], or a failed initializer) |
//!
//! # Faults
//! * A worker that dies (signal, `abort`, `exit`, OOM killer) fails only the task it was running, with
//!   [`ProcessError::WorkerDied`] naming the pid and the signal or exit code; a replacement starts and
//!   the queue carries on. [`BrokenPolicy::BreakPool`] gives CPython's behaviour instead.
//! * A panic in a task fails that task with [`pool::Error::Panicked`] (message and location); the worker
//!   lives on.
//! * A per-task timeout ([`ProcessPoolExecutor::submit_with_timeout`], [`Builder::task_timeout`]) kills
//!   and replaces the worker; [`Builder::max_tasks_per_child`] and [`Builder::max_memory_per_child`]
//!   retire workers, and the replacement always starts.
//! * Workers exit when the pool's process dies, even by SIGKILL (`PR_SET_PDEATHSIG`).
//! * A worker start has a deadline ([`Builder::start_timeout`]); sends never wait on a full socket for
//!   long, because each worker gets only a bounded window of tasks.
//!
//! # Semantics worth knowing
//! * A task counts as *running* (and can no longer be cancelled) once its worker starts it. A worker
//!   may hold a few tasks queued behind the one it runs (one when tasks are long, up to
//!   [`Builder::max_in_flight_per_worker`] when they take microseconds); those are pending: `cancel()`
//!   takes them back, `shutdown(cancel_futures = true)` cancels them (leaving at most one running task
//!   per worker), and a worker that goes idle takes them over, so nothing waits behind a long task
//!   while a worker is idle. `running()` may turn true a moment after the worker really started.
//! * `Future::result` gives a clone of the value every time, from any thread, as in Python;
//!   `Future::take_result` moves it out (for results that are not `Clone`).
//! * A timeout too long for the clock (`Duration::MAX`) means no deadline, everywhere.
//! * [`ProcessPoolExecutor::terminate_workers`] sends SIGTERM and, after a grace period
//!   ([`Builder::terminate_grace`]), SIGKILL: it never waits on a task that ignores SIGTERM.
//! * A task that overflows its stack fails with [`ProcessError::WorkerDied`] whose `cause` is
//!   `"stack overflow"` (the worker's last words); a serialisation failure keeps the message the type's
//!   `Serialize` implementation gave.
//! * A task timeout counts from when the task started, as far as the pool can tell: when the result of
//!   the task before it on the same worker arrived.
//! * Done-callbacks of process tasks run on the pool's reader thread for that worker. A callback that
//!   shuts down or drops the pool deadlocks, as waiting on the pool from inside it does in Python.
//! * A task that crashes its worker is not retried (it might crash the next one); the tasks queued
//!   behind it on that worker never started and are sent again.
//!
//! Executor-specific failures are [`ProcessError`]s inside [`pool::Error::Failed`]:
//! `err.downcast_ref::<procpool::ProcessError>()`.
//!
//! # Platform
//! Linux (it re-executes `/proc/self/exe` and uses `prctl`). Functions must live in the main executable,
//! not in a shared library. Rust's `main` ignores `SIGPIPE`; a host that does not must ignore it too.

mod claims;
mod encode;
mod error;
mod executor;
mod func;
mod map;
mod overflow;
mod proto;
pub mod raw;
mod segments;
mod spawn;
mod worker;

pub use error::{ExitStatus, ProcessError};
pub use executor::{BrokenPolicy, Builder, ProcessPoolExecutor};
pub use pool::MapResults;
pub use proto::{Bytes, SHM_THRESHOLD};
pub use spawn::WorkerStdio;
pub use worker::{after_each_task, init};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_edges;

/// The README's example is compiled and run as a doctest, so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
