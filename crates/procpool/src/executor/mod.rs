//! `ProcessPoolExecutor`: the queue, the worker slots and the threads that serve them.
//!
//! Each slot owns one worker process at a time and two threads: a *feeder* that starts the worker
//! (lazily, and again after it died or retired) and sends it batches of queued tasks within a bounded
//! in-flight window, and a *reader* that receives results, completes futures and, on end-of-file, reaps
//! the process and decides what its unfinished tasks become. A worker runs its tasks in order, so the
//! first task in flight is the one running: when a worker dies only that task fails and the rest (which
//! never started) go back to the front of the queue. A *timer* thread, started on the first task with a
//! timeout, kills a worker whose running task overran.

use crate::claims::{self, Claim, ClaimTable, Ticket};
use crate::encode;
use crate::error::{ExitStatus, ProcessError};
use crate::func::{self, Call};
use crate::map;
use crate::proto::{Bytes, FromWorker, InitMsg, Outcome, Payload, Retire, TaskMsg, ToWorker};
use crate::segments::Segments;
use crate::spawn::{self, SpawnConfig, Started, WorkerStdio};
use pool::MapResults;
use pool::{Error, Future, MapOptions, Promise};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, VecDeque};
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

mod builder;
mod state;
mod threads;

pub(crate) use builder::*;
pub use builder::{BrokenPolicy, Builder};
pub(crate) use state::*;
use threads::*;

/// Python's `concurrent.futures.ProcessPoolExecutor`, with workers that survive crashes.
///
/// Tasks are plain functions (`fn` items, `fn` pointers or non-capturing closures) of one serde
/// argument returning a serde value; they run in worker processes that are this executable started
/// again (see [`crate::init`]). Every task returns a [`pool::Future`], so [`pool::wait`] and
/// [`pool::as_completed`] mix them freely with thread-pool futures.
///
/// ```
/// # procpool::init();
/// fn square(x: u64) -> u64 {
///     x * x
/// }
/// let executor = procpool::ProcessPoolExecutor::new(2)?;
/// let future = executor.submit(square, 7)?;
/// assert_eq!(future.result(None)?, 49);
/// # Ok::<(), pool::Error>(())
/// ```
pub struct ProcessPoolExecutor {
    pub(crate) inner: Arc<Inner>,
}

impl fmt::Debug for ProcessPoolExecutor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessPoolExecutor")
            .field("max_workers", &self.max_workers())
            .field("worker_pids", &self.worker_pids())
            .field("queued", &self.queued_count())
            .finish()
    }
}

impl ProcessPoolExecutor {
    /// A pool of `max_workers` worker processes with default settings.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `max_workers` is zero.
    pub fn new(max_workers: usize) -> Result<Self, Error> {
        Builder::default().max_workers(max_workers).build()
    }

    /// A [`Builder`] for the other settings.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Runs `f(arg)` in a worker process: Python's `submit(fn, arg)`.
    ///
    /// # Errors
    /// [`Error::Shutdown`] after shutdown; [`Error::Broken`] once a pool with
    /// [`BrokenPolicy::BreakPool`] (or a failed initializer) broke; [`ProcessError::NotSendable`] (as
    /// [`Error::Failed`]) for a capturing closure. An argument that cannot be serialised fails the
    /// returned future instead.
    pub fn submit<F, A, R>(&self, f: F, arg: A) -> Result<Future<R>, Error>
    where
        F: Fn(A) -> R + Copy + Send + 'static,
        A: Serialize + DeserializeOwned + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
    {
        self.submit_inner(f, arg, None)
    }

    /// Like [`submit`](Self::submit), with a per-task timeout: if the task runs longer, its worker is
    /// killed and replaced and the future fails with [`ProcessError::TaskTimedOut`].
    ///
    /// # Errors
    /// As [`submit`](Self::submit), and [`Error::InvalidArgument`] for a zero timeout.
    pub fn submit_with_timeout<F, A, R>(
        &self,
        f: F,
        arg: A,
        timeout: Duration,
    ) -> Result<Future<R>, Error>
    where
        F: Fn(A) -> R + Copy + Send + 'static,
        A: Serialize + DeserializeOwned + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
    {
        if timeout.is_zero() {
            return Err(Error::InvalidArgument(
                "the task timeout must be longer than zero".into(),
            ));
        }
        self.submit_inner(f, arg, Some(timeout))
    }

    fn submit_inner<F, A, R>(
        &self,
        f: F,
        arg: A,
        timeout: Option<Duration>,
    ) -> Result<Future<R>, Error>
    where
        F: Fn(A) -> R + Copy + Send + 'static,
        A: Serialize + DeserializeOwned + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
    {
        let call = func::task_call(&f).map_err(Error::failed)?;
        let bytes = encode::to_bytes(&arg).map_err(|message| ProcessError::Argument {
            type_name: std::any::type_name::<A>(),
            message,
        });
        let arg_type = std::any::type_name::<A>();
        self.inner.submit_encoded(call, bytes, arg_type, timeout)
    }

    /// Python's `map(fn, iterable)`: results in input order, with automatic chunking. See
    /// [`map_with`](Self::map_with).
    ///
    /// # Errors
    /// As [`map_with`](Self::map_with).
    pub fn map<F, A, R, I>(&self, f: F, items: I) -> Result<MapResults<R>, Error>
    where
        F: Fn(A) -> R + Copy + Send + 'static,
        A: Serialize + DeserializeOwned + Send + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
        I: IntoIterator<Item = A>,
        I::IntoIter: Send + 'static,
    {
        self.map_with(f, items, MapOptions::new())
    }

    /// Python's `map(fn, iterable, timeout=, chunksize=, buffersize=)`, with `pool`'s [`MapOptions`].
    /// Each chunk travels as one message; a panic fails only its own item. Without `buffersize`
    /// everything is submitted at once; with it, at most that many chunks are in the pool at a time and
    /// the input is read lazily.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a zero `chunksize` or `buffersize`; otherwise as
    /// [`submit`](Self::submit).
    pub fn map_with<F, A, R, I>(
        &self,
        f: F,
        items: I,
        options: MapOptions,
    ) -> Result<MapResults<R>, Error>
    where
        F: Fn(A) -> R + Copy + Send + 'static,
        A: Serialize + DeserializeOwned + Send + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
        I: IntoIterator<Item = A>,
        I::IntoIter: Send + 'static,
    {
        map::start(Arc::clone(&self.inner), f, items.into_iter(), options)
    }

    /// Python's `shutdown(wait, cancel_futures)`: no new tasks; with `cancel_futures`, queued tasks are
    /// cancelled; with `wait`, returns once every task is done and every worker has exited and been
    /// reaped. Dropping the executor is `shutdown(true, false)`.
    pub fn shutdown(&self, wait: bool, cancel_futures: bool) {
        self.inner.shutdown(wait, cancel_futures);
    }

    /// Python 3.14's `terminate_workers()`: cancels tasks that have not started, sends SIGTERM to every
    /// worker and waits for them — at most the grace period ([`Builder::terminate_grace`], 1 s by
    /// default), after which a worker that ignores SIGTERM gets SIGKILL; tasks they were running fail
    /// with [`ProcessError::Terminated`]. It never waits on a task.
    pub fn terminate_workers(&self) {
        self.inner.stop_workers(libc::SIGTERM, "terminate_workers");
    }

    /// Python 3.14's `kill_workers()`: as [`terminate_workers`](Self::terminate_workers) with SIGKILL.
    pub fn kill_workers(&self) {
        self.inner.stop_workers(libc::SIGKILL, "kill_workers");
    }

    /// The worker count.
    pub fn max_workers(&self) -> usize {
        self.inner.max_workers()
    }

    /// Process ids of the running workers.
    pub fn worker_pids(&self) -> Vec<u32> {
        let st = self.inner.lock();
        st.slots
            .iter()
            .filter_map(|s| s.worker.as_ref().filter(|w| !w.exiting).map(|w| w.pid))
            .collect()
    }

    /// Tasks waiting to be sent to a worker.
    pub fn queued_count(&self) -> usize {
        self.inner.lock().queue.len()
    }

    /// Tasks sent to workers and not finished (running, or next in line in a worker).
    pub fn active_count(&self) -> usize {
        let st = self.inner.lock();
        st.slots
            .iter()
            .filter_map(|s| s.worker.as_ref())
            .map(|w| w.in_flight.len())
            .sum()
    }

    /// The pool's inner state, for a test that failed.
    #[cfg(test)]
    pub(crate) fn debug_state(&self) -> String {
        let st = self.inner.lock();
        let mut out = format!("queue {} shutdown {}\n", st.queue.len(), st.shutdown);
        for (i, slot) in st.slots.iter().enumerate() {
            out += &format!("slot {i}: parked {} stopped {} ", slot.parked, slot.stopped);
            if let Some(w) = &slot.worker {
                out += &format!(
                    "pid {} exiting {} kill {:?} retiring {:?} mean {:.0}ns window {} in_flight {:?}\n",
                    w.pid,
                    w.exiting,
                    w.kill,
                    w.retiring,
                    w.mean_ns,
                    w.window(self.inner.settings.max_in_flight),
                    w.in_flight
                        .iter()
                        .map(|f| (f.job.id, f.slot, f.job.ticket.is_revoked()))
                        .collect::<Vec<_>>()
                );
            } else {
                out += "no worker\n";
            }
        }
        out
    }

    /// How many workers ended while the pool was running (crashed, timed out, retired, idle) — each
    /// is replaced when there is work.
    pub fn restart_count(&self) -> u64 {
        self.inner.lock().restarts
    }
}

impl Drop for ProcessPoolExecutor {
    fn drop(&mut self) {
        self.inner.shutdown(true, false);
    }
}
