//! `ThreadPoolExecutor`: Python's thread pool with the same life cycle — lazy threads that are reused,
//! an initializer that breaks the pool when it fails, `shutdown(wait, cancel_futures)`, and `Drop` as the
//! `with` block's exit (wait for every task, join every thread).

use crate::error::{Error, panic_message};
use crate::future::{Future, lock};
use crate::map::{MapOptions, MapResults};
use crate::scope::Scope;
use crate::sizing::default_max_workers;
use crate::task::{Job, task};
use crossbeam_channel::{Receiver, Sender};
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};
use std::thread::JoinHandle;

type Initializer = Arc<dyn Fn() -> Result<(), String> + Send + Sync>;

/// Configures a [`ThreadPoolExecutor`]: Python's constructor arguments, plus the stack size.
///
/// ```
/// let executor = pool::ThreadPoolExecutor::builder()
///     .max_workers(4)
///     .thread_name_prefix("crawler")
///     .initializer(|| Ok::<(), String>(()))
///     .build()?;
/// # Ok::<(), pool::Error>(())
/// ```
pub struct Builder {
    max_workers: Option<usize>,
    thread_name_prefix: Option<String>,
    initializer: Option<Initializer>,
    stack_size: Option<usize>,
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("max_workers", &self.max_workers)
            .field("thread_name_prefix", &self.thread_name_prefix)
            .field("initializer", &self.initializer.is_some())
            .field("stack_size", &self.stack_size)
            .finish()
    }
}

impl Builder {
    /// The most threads the pool will start (Python's `max_workers`). Default:
    /// [`default_max_workers`] = `min(32, usable CPUs + 4)`, as Python 3.13. Zero is rejected by `build`.
    pub fn max_workers(mut self, n: usize) -> Self {
        self.max_workers = Some(n);
        self
    }

    /// Threads are named `"{prefix}_{i}"` (default prefix `ThreadPoolExecutor-{n}`), as Python names them.
    pub fn thread_name_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.thread_name_prefix = Some(prefix.into());
        self
    }

    /// Runs once in every worker thread before its first task (Python's `initializer`; capture what
    /// Python passes as `initargs`). If it fails or panics, the pool is broken: pending tasks complete
    /// with [`Error::Broken`] and later submits return it.
    pub fn initializer<F, E>(mut self, init: F) -> Self
    where
        F: Fn() -> Result<(), E> + Send + Sync + 'static,
        E: fmt::Display,
    {
        self.initializer = Some(Arc::new(move || init().map_err(|e| e.to_string())));
        self
    }

    /// The stack size of each worker thread in bytes (default: the standard library's).
    pub fn stack_size(mut self, bytes: usize) -> Self {
        self.stack_size = Some(bytes);
        self
    }

    /// Creates the executor. No thread starts until the first `submit`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `max_workers` is 0 (Python raises `ValueError`).
    pub fn build(self) -> Result<ThreadPoolExecutor, Error> {
        let max_workers = self.max_workers.unwrap_or_else(default_max_workers);
        if max_workers == 0 {
            return Err(Error::InvalidArgument(
                "max_workers must be greater than 0; pass at least 1, or leave it unset for min(32, usable CPUs + 4)"
                    .into(),
            ));
        }
        static POOLS: AtomicUsize = AtomicUsize::new(0);
        let prefix = self.thread_name_prefix.unwrap_or_else(|| {
            format!(
                "ThreadPoolExecutor-{}",
                POOLS.fetch_add(1, Ordering::Relaxed)
            )
        });
        let (sender, receiver) = crossbeam_channel::unbounded();
        Ok(ThreadPoolExecutor {
            inner: Arc::new(Inner {
                sender: RwLock::new(Some(sender)),
                receiver,
                max_workers,
                prefix,
                initializer: self.initializer,
                stack_size: self.stack_size,
                threads: AtomicUsize::new(0),
                idle: AtomicUsize::new(0),
                busy: Mutex::new(Vec::new()),
                handles: Mutex::new(Vec::new()),
                joining: Mutex::new(false),
                joined_cv: Condvar::new(),
                broken: OnceLock::new(),
                shut_down: AtomicBool::new(false),
            }),
        })
    }
}

/// A worker's "running a task" flag, padded to a cache line of its own.
#[repr(align(128))]
#[derive(Default)]
struct BusyFlag(AtomicBool);

pub(crate) struct Inner {
    /// `None` once shut down: dropping the sender lets workers drain the queue and exit.
    sender: RwLock<Option<Sender<Job>>>,
    receiver: Receiver<Job>,
    max_workers: usize,
    prefix: String,
    initializer: Option<Initializer>,
    stack_size: Option<usize>,
    /// Threads started so far.
    threads: AtomicUsize,
    /// Python's idle semaphore: a token per finished task while the pool is still growing.
    idle: AtomicUsize,
    /// Each started thread's id (to recognise a worker calling `shutdown` on its own pool) and its busy
    /// flag, on its own cache line so workers never contend on it.
    busy: Mutex<Vec<(std::thread::ThreadId, Arc<BusyFlag>)>>,
    handles: Mutex<Vec<JoinHandle<()>>>,
    /// True while a `shutdown(wait=true)` joins the threads; other waiting callers sleep on `joined_cv`.
    joining: Mutex<bool>,
    joined_cv: Condvar,
    broken: OnceLock<String>,
    shut_down: AtomicBool,
}

/// A pool of threads running submitted closures: Python's `concurrent.futures.ThreadPoolExecutor`.
///
/// | Python | Rust |
/// |---|---|
/// | `ThreadPoolExecutor(max_workers=3)` | [`ThreadPoolExecutor::new`]`(3)?` or [`ThreadPoolExecutor::builder`] |
/// | `ex.submit(fn, *args)` | `ex.submit(move \|\| fn(args))?` |
/// | `ex.map(fn, items, timeout=, chunksize=, buffersize=)` | [`ThreadPoolExecutor::map`], [`ThreadPoolExecutor::map_with`] |
/// | `ex.shutdown(wait=True, cancel_futures=False)` | [`ThreadPoolExecutor::shutdown`] |
/// | `with ThreadPoolExecutor() as ex:` | a scope: dropping the executor is `shutdown(wait=True)` |
/// | `BrokenThreadPool`, `RuntimeError` after shutdown | [`Error::Broken`], [`Error::Shutdown`] |
///
/// Beyond Python: [`ThreadPoolExecutor::scope`] runs tasks that borrow local data, futures can be
/// `.await`ed, and a panicking task fails only its own future.
///
/// Waiting inside a task on a future of the same pool can deadlock when every worker does it (as in
/// Python); give such work its own pool.
pub struct ThreadPoolExecutor {
    inner: Arc<Inner>,
}

impl fmt::Debug for ThreadPoolExecutor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadPoolExecutor")
            .field("max_workers", &self.inner.max_workers)
            .field("threads", &self.inner.threads.load(Ordering::Relaxed))
            .field("active", &self.active_count())
            .field("queued", &self.queued_count())
            .field("shut_down", &self.inner.shut_down.load(Ordering::Relaxed))
            .field("broken", &self.inner.broken.get())
            .finish()
    }
}

impl ThreadPoolExecutor {
    /// A pool of at most `max_workers` threads, started lazily.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `max_workers` is 0.
    pub fn new(max_workers: usize) -> Result<Self, Error> {
        Self::builder().max_workers(max_workers).build()
    }

    /// A pool sized as Python sizes it by default: `min(32, usable CPUs + 4)` threads.
    pub fn with_default_workers() -> Self {
        Builder {
            max_workers: None,
            thread_name_prefix: None,
            initializer: None,
            stack_size: None,
        }
        .build()
        .unwrap_or_else(|_| unreachable!("the default worker count is at least 5"))
    }

    /// Configure a pool: `max_workers`, `thread_name_prefix`, `initializer`, `stack_size`.
    pub fn builder() -> Builder {
        Builder {
            max_workers: None,
            thread_name_prefix: None,
            initializer: None,
            stack_size: None,
        }
    }

    /// Schedules `f` to run on a worker thread and returns its future (Python's `submit`).
    ///
    /// # Errors
    /// [`Error::Shutdown`] after `shutdown`; [`Error::Broken`] once an initializer failed;
    /// [`Error::Spawn`] if no worker thread could be started at all.
    pub fn submit<F, T>(&self, f: F) -> Result<Future<T>, Error>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let (future, job) = task(f);
        self.inner.submit_job(job)?;
        Ok(future)
    }

    /// Runs `f` over every item and returns the results in input order (Python's `map`), with
    /// automatic chunking and every item submitted at once. See [`ThreadPoolExecutor::map_with`].
    ///
    /// # Errors
    /// As [`ThreadPoolExecutor::submit`].
    pub fn map<I, F, R>(&self, f: F, items: I) -> Result<MapResults<R>, Error>
    where
        I: IntoIterator,
        I::IntoIter: Send + 'static,
        I::Item: Send + 'static,
        F: Fn(I::Item) -> R + Send + Sync + 'static,
        R: Send + 'static,
    {
        self.map_with(f, items, MapOptions::default())
    }

    /// `map` with Python's keyword arguments: `timeout` (counted from this call), `chunksize` (items per
    /// task; automatic by default) and `buffersize` (tasks in flight; lazy input, so an endless iterator
    /// works). Each item's result is `Ok(value)` or the error of that item (a panic fails only its item).
    ///
    /// # Errors
    /// As [`ThreadPoolExecutor::submit`].
    pub fn map_with<I, F, R>(
        &self,
        f: F,
        items: I,
        options: MapOptions,
    ) -> Result<MapResults<R>, Error>
    where
        I: IntoIterator,
        I::IntoIter: Send + 'static,
        I::Item: Send + 'static,
        F: Fn(I::Item) -> R + Send + Sync + 'static,
        R: Send + 'static,
    {
        MapResults::start(Arc::clone(&self.inner), f, items.into_iter(), options)
    }

    /// Runs `body` with a [`Scope`] whose tasks may borrow data from the caller's stack; returns after
    /// every task submitted through the scope has finished or been cancelled (and dropped), even if
    /// `body` panics. Results stay in the futures: a task's panic is its future's error.
    ///
    /// ```
    /// let executor = pool::ThreadPoolExecutor::new(2)?;
    /// let words = vec!["a".to_string(), "bb".into(), "ccc".into()];
    /// let total: usize = executor.scope(|s| {
    ///     let futures: Vec<_> = words.iter().map(|w| s.submit(move || w.len())).collect::<Result<_, _>>()?;
    ///     futures.iter().map(|f| f.result(None)).sum::<Result<usize, _>>()
    /// })?;
    /// assert_eq!(total, 6);
    /// # Ok::<(), pool::Error>(())
    /// ```
    pub fn scope<'env, B, R>(&'env self, body: B) -> R
    where
        B: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> R,
    {
        Scope::run(&self.inner, body)
    }

    /// Stops accepting tasks (Python's `shutdown`). With `cancel_futures`, tasks that have not started are
    /// cancelled; the others still run. With `wait`, blocks until they finished and every worker thread
    /// was joined. Calling it again is harmless.
    pub fn shutdown(&self, wait: bool, cancel_futures: bool) {
        self.inner.shutdown(wait, cancel_futures);
    }

    /// The most threads this pool starts.
    pub fn max_workers(&self) -> usize {
        self.inner.max_workers
    }

    /// Threads started so far (they start lazily, as Python's do).
    pub fn thread_count(&self) -> usize {
        self.inner.threads.load(Ordering::Acquire)
    }

    /// Tasks running right now.
    pub fn active_count(&self) -> usize {
        lock(&self.inner.busy)
            .iter()
            .filter(|(_, busy)| busy.0.load(Ordering::Relaxed))
            .count()
    }

    /// Tasks waiting in the queue (cancelled ones still count until a worker discards them).
    pub fn queued_count(&self) -> usize {
        self.inner.receiver.len()
    }

    /// Why the pool is broken, if it is.
    pub fn broken_reason(&self) -> Option<&str> {
        self.inner.broken.get().map(String::as_str)
    }
}

impl Drop for ThreadPoolExecutor {
    /// Python's `with` exit: `shutdown(wait=True)`, joining every worker thread.
    fn drop(&mut self) {
        self.inner.shutdown(true, false);
    }
}

impl Inner {
    pub(crate) fn max_workers(&self) -> usize {
        self.max_workers
    }

    fn broken_error(&self) -> Option<Error> {
        self.broken.get().map(|reason| Error::Broken {
            reason: reason.clone(),
        })
    }

    /// Queues a job, starting a thread when none is idle and the pool may still grow.
    pub(crate) fn submit_job(self: &Arc<Self>, job: Job) -> Result<(), Error> {
        if let Some(err) = self.broken_error() {
            return Err(err);
        }
        let guard = self
            .sender
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(sender) = guard.as_ref() else {
            return Err(Error::Shutdown);
        };
        if self.threads.load(Ordering::Acquire) < self.max_workers {
            self.adjust_thread_count()?;
        }
        // The receiver lives in `self`, so the channel cannot be disconnected here.
        let _ = sender.send(job);
        drop(guard);
        // An initializer may have failed after our first check: make sure nothing strands in the queue.
        if let Some(err) = self.broken_error() {
            self.fail_queued(&err);
        }
        Ok(())
    }

    /// Python's `_adjust_thread_count`: reuse an idle thread if there is one, else start another.
    fn adjust_thread_count(self: &Arc<Self>) -> Result<(), Error> {
        let took_idle = self
            .idle
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1))
            .is_ok();
        if took_idle {
            return Ok(());
        }
        let mut handles = lock(&self.handles);
        let n = self.threads.load(Ordering::Acquire);
        if n >= self.max_workers {
            return Ok(());
        }
        let mut builder = std::thread::Builder::new().name(format!("{}_{n}", self.prefix));
        if let Some(size) = self.stack_size {
            builder = builder.stack_size(size);
        }
        let inner = Arc::clone(self);
        let busy = Arc::new(BusyFlag::default());
        let flag = Arc::clone(&busy);
        match builder.spawn(move || inner.worker(&flag)) {
            Ok(handle) => {
                let handle_id = handle.thread().id();
                handles.push(handle);
                lock(&self.busy).push((handle_id, busy));
                self.threads.store(n + 1, Ordering::Release);
                Ok(())
            }
            // With threads already running the task will still run; with none it never would.
            Err(_) if n > 0 => Ok(()),
            Err(e) => Err(Error::Spawn(Arc::new(e))),
        }
    }

    fn worker(&self, busy: &BusyFlag) {
        if let Some(init) = &self.initializer {
            let failure = match catch_unwind(AssertUnwindSafe(|| init())) {
                Ok(Ok(())) => None,
                Ok(Err(msg)) => Some(format!("a thread initializer failed: {msg}")),
                Err(payload) => Some(format!(
                    "a thread initializer panicked: {}",
                    panic_message(&*payload)
                )),
            };
            if let Some(reason) = failure {
                let _ = self.broken.set(reason);
                if let Some(err) = self.broken_error() {
                    self.fail_queued(&err);
                }
                return;
            }
        }
        while let Ok(job) = self.receiver.recv() {
            if let Some(err) = self.broken_error() {
                job.fail(err);
                continue;
            }
            busy.0.store(true, Ordering::Relaxed);
            job.run(&|| {
                busy.0.store(false, Ordering::Relaxed);
                if self.threads.load(Ordering::Relaxed) < self.max_workers {
                    self.idle.fetch_add(1, Ordering::AcqRel);
                }
            });
        }
    }

    fn fail_queued(&self, err: &Error) {
        while let Ok(job) = self.receiver.try_recv() {
            job.fail(err.clone());
        }
    }

    fn shutdown(&self, wait: bool, cancel_futures: bool) {
        self.shut_down.store(true, Ordering::Release);
        let sender = self
            .sender
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if cancel_futures {
            while let Ok(job) = self.receiver.try_recv() {
                job.cancel_queued();
            }
        }
        // Workers finish what is queued, then see the channel disconnected and exit.
        drop(sender);
        if wait {
            self.join_threads();
        }
    }

    /// Joins every worker thread but the caller's own. A caller arriving while another joins waits until
    /// that finished (as Python's `shutdown(wait=True)` from two threads does) — unless it is a worker of
    /// this pool, which would then wait for itself.
    fn join_threads(&self) {
        let me = std::thread::current().id();
        let mut joining = lock(&self.joining);
        if *joining {
            if !self.is_worker(me) {
                while *joining {
                    joining = self
                        .joined_cv
                        .wait(joining)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
            }
            return;
        }
        let handles = std::mem::take(&mut *lock(&self.handles));
        if handles.is_empty() {
            return;
        }
        *joining = true;
        drop(joining);
        for handle in handles {
            // Shutting down from inside a task: that thread cannot join itself; it exits by itself.
            if handle.thread().id() != me {
                let _ = handle.join();
            }
        }
        *lock(&self.joining) = false;
        self.joined_cv.notify_all();
    }

    fn is_worker(&self, id: std::thread::ThreadId) -> bool {
        lock(&self.busy).iter().any(|(worker, _)| *worker == id)
    }
}
