//! Python's `concurrent.futures.ThreadPoolExecutor`, in Rust: faster, and safe with panics.
//!
//! ```
//! use pool::ThreadPoolExecutor;
//!
//! let executor = ThreadPoolExecutor::new(3)?;
//! let future = executor.submit(|| 2 * 2)?;
//! assert_eq!(future.result(None)?, 4);
//! # Ok::<(), pool::Error>(())
//! ```
//!
//! # The model
//! A [`ThreadPoolExecutor`] starts up to `max_workers` threads, lazily, and reuses idle ones. Each
//! [`submit`](ThreadPoolExecutor::submit) returns a [`Future`]: a shared handle on the task's eventual
//! result, with Python's `result`, `exception`, `cancel`, `cancelled`, `running`, `done` and
//! `add_done_callback`. [`wait`] and [`as_completed`] watch many futures at once — of any result type and
//! from any executor (`procpool` completes the same futures through a [`Promise`]). Dropping the
//! executor is Python's `with` exit: it waits for every task and joins every thread.
//!
//! | Python | Rust |
//! |---|---|
//! | `ThreadPoolExecutor(max_workers, thread_name_prefix, initializer, initargs)` | [`ThreadPoolExecutor::builder`] |
//! | `submit`, `map`, `shutdown(wait, cancel_futures)` | [`ThreadPoolExecutor::submit`], [`map`](ThreadPoolExecutor::map) / [`map_with`](ThreadPoolExecutor::map_with), [`shutdown`](ThreadPoolExecutor::shutdown) |
//! | `Future.result(timeout)` / `exception(timeout)` | [`Future::result`] (`T: Clone`: the value every time) or [`Future::take_result`] (moves it out, any `T`) / [`Future::exception`] (`Option<Duration>`) |
//! | `wait(fs, timeout, return_when)` | [`wait`] with [`ReturnWhen`], returning [`DoneAndNotDone`] |
//! | `as_completed(fs, timeout)` | [`as_completed`] |
//! | `TimeoutError`, `CancelledError`, `BrokenThreadPool`, `InvalidStateError` | [`Error`] variants |
//! | `os.cpu_count()`, `os.process_cpu_count()` | [`cpu_count`], [`usable_cpu_count`] (which also honours cgroup quotas) |
//!
//! Beyond Python: a task that panics fails only its own future ([`Error::Panicked`]) and its worker
//! lives on; [`ThreadPoolExecutor::scope`] runs tasks that borrow local data; a [`Future`] can be
//! `.await`ed; and [`recommend_workers`] says how many workers suit CPU-bound or waiting work.

mod error;
mod executor;
mod future;
mod map;
mod scope;
mod sizing;
mod task;
mod wait;

pub use error::Error;
pub use executor::{Builder, ThreadPoolExecutor};
pub use future::{Future, Promise, callback_panic_count};
pub use map::{MapBatch, MapOptions, MapResults, MapTask};
pub use scope::Scope;
pub use sizing::{Workload, cpu_count, default_max_workers, recommend_workers, usable_cpu_count};
pub use wait::{AnyFuture, AsCompleted, DoneAndNotDone, ReturnWhen, as_completed, wait};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_edges;

/// The README's example is compiled and run as a doctest, so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
