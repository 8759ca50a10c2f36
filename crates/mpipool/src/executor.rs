//! `MpiPoolExecutor`: procpool's executor surface over the worker ranks of an MPI job, or over a local
//! process pool when the program was not started by an MPI launcher.

use crate::error::MpiError;
use crate::master::{Cmd, Decode, Job, Typed};
use crate::proto::{MAX_PAYLOAD, RankSettings};
use crate::world::{self, World};
use crossbeam_channel::Sender;
use pool::{Error, Future, MapBatch, MapOptions, MapResults, MapTask, Promise};
use procpool::ProcessPoolExecutor;
use procpool::raw::{self, Call};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// Tasks in flight to one rank at most, per local process, however short the tasks are.
const DEFAULT_MAX_IN_FLIGHT: usize = 64;

static NEXT_EXEC: AtomicU32 = AtomicU32::new(1);

/// Builds an [`MpiPoolExecutor`].
///
/// ```
/// use std::time::Duration;
/// # mpipool::init();
/// let executor = mpipool::MpiPoolExecutor::builder()
///     .processes_per_rank(1)
///     .task_timeout(Duration::from_secs(60))
///     .build()?;
/// # Ok::<(), pool::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    processes_per_rank: usize,
    task_timeout: Option<Duration>,
    max_tasks_per_child: Option<u64>,
    max_in_flight: usize,
    local_workers: Option<usize>,
    worker_ranks: Option<usize>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            processes_per_rank: 1,
            task_timeout: None,
            max_tasks_per_child: None,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            local_workers: None,
            worker_ranks: None,
        }
    }
}

impl Builder {
    /// Local worker processes on each worker rank that run its tasks (default 1: one rank per core is the
    /// usual MPI layout; with one rank per node, give the node's core count).
    pub fn processes_per_rank(mut self, n: usize) -> Self {
        self.processes_per_rank = n;
        self
    }

    /// The default per-task timeout: a task running longer has its process killed (on its rank, which
    /// carries on) and fails with [`MpiError::TaskTimedOut`].
    pub fn task_timeout(mut self, timeout: Duration) -> Self {
        self.task_timeout = Some(timeout);
        self
    }

    /// Replace each local worker process after it ran `n` tasks.
    pub fn max_tasks_per_child(mut self, n: u64) -> Self {
        self.max_tasks_per_child = Some(n);
        self
    }

    /// The most tasks sent to a rank ahead of their results, per local process (default 64). Fewer are
    /// sent when tasks are long (about 1 ms of work ahead, by the work time the rank reports, more when a
    /// rank runs dry because results take long to come back, never more than about 100 ms of work), so
    /// no rank sits idle while another holds a backlog.
    pub fn max_in_flight_per_rank(mut self, n: usize) -> Self {
        self.max_in_flight = n;
        self
    }

    /// Run tasks on ranks 1 to `n` only (default: every rank but 0; more than the job has is an error).
    /// mpi4py's `max_workers`, counted in ranks.
    pub fn worker_ranks(mut self, n: usize) -> Self {
        self.worker_ranks = Some(n);
        self
    }

    /// Worker processes of the local pool used when the program was not started by an MPI launcher
    /// (default: the usable CPUs).
    pub fn local_workers(mut self, n: usize) -> Self {
        self.local_workers = Some(n);
        self
    }

    /// Creates the executor.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a zero count or timeout; [`MpiError::InitNotCalled`],
    /// [`MpiError::NoWorkerRanks`] (an MPI job of one rank), [`MpiError::BinaryMismatch`] and
    /// [`MpiError::ThreadingUnsupported`] as [`Error::Failed`].
    pub fn build(self) -> Result<MpiPoolExecutor, Error> {
        let zero = |what: &str| Err(Error::InvalidArgument(format!("{what} must be at least 1")));
        if self.processes_per_rank == 0 {
            return zero("processes_per_rank");
        }
        if self.max_in_flight == 0 {
            return zero("max_in_flight_per_rank");
        }
        if self.max_tasks_per_child == Some(0) {
            return zero("max_tasks_per_child");
        }
        if self.local_workers == Some(0) {
            return zero("local_workers");
        }
        if self.worker_ranks == Some(0) {
            return zero("worker_ranks");
        }
        if self.task_timeout == Some(Duration::ZERO) {
            return Err(Error::InvalidArgument(
                "task_timeout must be longer than zero".into(),
            ));
        }
        let Some(world) = world::world() else {
            return Err(Error::failed(MpiError::InitNotCalled));
        };
        match world {
            World::Unusable(e) => Err(Error::failed(e.clone())),
            World::Local => {
                let workers = self.local_workers.unwrap_or_else(pool::usable_cpu_count);
                announce_local(workers);
                let mut builder = ProcessPoolExecutor::builder().max_workers(workers);
                if let Some(t) = self.task_timeout {
                    builder = builder.task_timeout(t);
                }
                if let Some(n) = self.max_tasks_per_child {
                    builder = builder.max_tasks_per_child(n);
                }
                Ok(MpiPoolExecutor {
                    backend: Backend::Local(builder.build()?),
                })
            }
            World::Root(root) => {
                let ranks = self.worker_ranks.unwrap_or(root.size - 1);
                if ranks > root.size - 1 {
                    return Err(Error::InvalidArgument(format!(
                        "worker_ranks is {ranks}, but this MPI job has only {} ranks besides rank 0",
                        root.size - 1
                    )));
                }
                let exec = NEXT_EXEC.fetch_add(1, Ordering::Relaxed);
                let settings = RankSettings {
                    processes: self.processes_per_rank,
                    max_tasks_per_child: self.max_tasks_per_child,
                };
                root.cmds
                    .send(Cmd::Open {
                        exec,
                        settings,
                        max_in_flight: self.max_in_flight.saturating_mul(self.processes_per_rank),
                        ranks,
                    })
                    .map_err(|_| Error::failed(MpiError::Stopped))?;
                Ok(MpiPoolExecutor {
                    backend: Backend::Mpi(Arc::new(Handle {
                        exec,
                        cmds: root.cmds.clone(),
                        shutdown: Mutex::new(false),
                        closed: AtomicBool::new(false),
                        ranks,
                        processes_per_rank: self.processes_per_rank,
                        task_timeout: self.task_timeout,
                        next_id: AtomicU64::new(0),
                    })),
                })
            }
        }
    }
}

/// Says once per process that tasks run locally.
fn announce_local(workers: usize) {
    static SAID: AtomicBool = AtomicBool::new(false);
    if !SAID.swap(true, Ordering::Relaxed) {
        eprintln!(
            "mpipool: not started by an MPI launcher (mpiexec/srun), so tasks run in a local process pool of {workers} processes"
        );
    }
}

/// Rank 0's side of one executor.
pub(crate) struct Handle {
    exec: u32,
    cmds: Sender<Cmd>,
    /// Set by shutdown; held while a task is handed over, so none arrives after the shutdown command.
    shutdown: Mutex<bool>,
    /// Shutdown already waited for the ranks' pools.
    closed: AtomicBool,
    ranks: usize,
    processes_per_rank: usize,
    task_timeout: Option<Duration>,
    next_id: AtomicU64,
}

impl Handle {
    fn submit_decoded<R: Send + 'static>(
        &self,
        call: Call,
        arg: Result<Vec<u8>, MpiError>,
        arg_type: &'static str,
        timeout: Option<Duration>,
        decode: Decode<R>,
    ) -> Result<Future<R>, Error> {
        let (promise, future) = Promise::<R>::new();
        let arg = match arg {
            Ok(bytes) if bytes.len() > MAX_PAYLOAD => Err(MpiError::TooLarge {
                what: "argument",
                bytes: bytes.len(),
            }),
            other => other,
        };
        let arg = match arg {
            Ok(a) => a,
            Err(e) => {
                let _ = promise.set_error(Error::failed(e));
                return Ok(future);
            }
        };
        let job = Job {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            call,
            arg,
            timeout: timeout.or(self.task_timeout),
            completer: Box::new(Typed {
                promise,
                arg_type,
                decode,
            }),
        };
        let shutdown = self.shutdown.lock().unwrap_or_else(PoisonError::into_inner);
        if *shutdown {
            return Err(Error::Shutdown);
        }
        self.cmds
            .send(Cmd::Submit {
                exec: self.exec,
                job,
            })
            .map_err(|_| Error::failed(MpiError::Stopped))?;
        drop(shutdown);
        Ok(future)
    }

    fn shutdown(&self, wait: bool, cancel: bool) {
        let (tx, rx) = crossbeam_channel::bounded(1);
        {
            let mut shutdown = self.shutdown.lock().unwrap_or_else(PoisonError::into_inner);
            if *shutdown && !cancel && (!wait || self.closed.load(Ordering::Relaxed)) {
                return;
            }
            *shutdown = true;
            let done = wait.then_some(tx);
            if self
                .cmds
                .send(Cmd::Shutdown {
                    exec: self.exec,
                    cancel,
                    done,
                })
                .is_err()
            {
                return;
            }
        }
        if wait {
            let _ = rx.recv();
            self.closed.store(true, Ordering::Relaxed);
        }
    }
}

fn decode_plain<R: DeserializeOwned>(bytes: &[u8]) -> Result<R, postcard::Error> {
    postcard::from_bytes(bytes)
}

fn not_sendable(e: procpool::ProcessError) -> Error {
    match e {
        procpool::ProcessError::NotSendable { type_name, why } => {
            Error::failed(MpiError::NotSendable { type_name, why })
        }
        other => Error::failed(other),
    }
}

fn encode<A: Serialize>(arg: &A) -> Result<Vec<u8>, MpiError> {
    postcard::to_stdvec(arg).map_err(|e| MpiError::Argument {
        type_name: std::any::type_name::<A>(),
        message: e.to_string(),
    })
}

enum Backend {
    Mpi(Arc<Handle>),
    Local(ProcessPoolExecutor),
}

/// `mpi4py.futures.MPIPoolExecutor` for Rust: tasks run on the other ranks of the MPI job, each in a
/// local worker process there, and come back as [`pool::Future`]s.
///
/// Tasks are plain functions (`fn` items, `fn` pointers, non-capturing closures) of one serde argument,
/// as with procpool. Started without an MPI launcher, the executor runs them in a local
/// [`procpool::ProcessPoolExecutor`] instead (and says so on stderr).
///
/// ```
/// # mpipool::init();
/// fn square(x: u64) -> u64 {
///     x * x
/// }
/// let executor = mpipool::MpiPoolExecutor::new()?;
/// assert_eq!(executor.submit(square, 7)?.result(None)?, 49);
/// # Ok::<(), pool::Error>(())
/// ```
pub struct MpiPoolExecutor {
    backend: Backend,
}

impl fmt::Debug for MpiPoolExecutor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.backend {
            Backend::Mpi(h) => f
                .debug_struct("MpiPoolExecutor")
                .field("worker_ranks", &h.ranks)
                .field("processes_per_rank", &h.processes_per_rank)
                .finish(),
            Backend::Local(p) => f.debug_struct("MpiPoolExecutor").field("local", p).finish(),
        }
    }
}

impl MpiPoolExecutor {
    /// An executor over every worker rank (or a local process pool without MPI), default settings.
    ///
    /// # Errors
    /// As [`Builder::build`].
    pub fn new() -> Result<Self, Error> {
        Builder::default().build()
    }

    /// A [`Builder`] for the other settings.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Whether tasks run in a local process pool (the program was not started by an MPI launcher).
    pub fn is_local(&self) -> bool {
        matches!(self.backend, Backend::Local(_))
    }

    /// The ranks that run tasks (the job's size less rank 0); 0 for a local pool.
    pub fn worker_ranks(&self) -> usize {
        match &self.backend {
            Backend::Mpi(h) => h.ranks,
            Backend::Local(_) => 0,
        }
    }

    /// Processes that run tasks at once: worker ranks times processes per rank, or the local pool's size.
    pub fn max_workers(&self) -> usize {
        match &self.backend {
            Backend::Mpi(h) => h.ranks * h.processes_per_rank,
            Backend::Local(p) => p.max_workers(),
        }
    }

    /// Runs `f(arg)` on a worker rank: Python's `submit(fn, arg)`.
    ///
    /// # Errors
    /// [`Error::Shutdown`] after shutdown; [`MpiError::NotSendable`] for a capturing closure;
    /// [`MpiError::Stopped`] once the program is exiting. An argument that cannot be serialised (or is
    /// over 2 GiB) fails the returned future instead.
    pub fn submit<F, A, R>(&self, f: F, arg: A) -> Result<Future<R>, Error>
    where
        F: Fn(A) -> R + Copy + Send + 'static,
        A: Serialize + DeserializeOwned + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
    {
        self.submit_inner(f, arg, None)
    }

    /// Like [`submit`](Self::submit), with a per-task timeout: a task running longer has its process
    /// killed on its rank (which carries on) and fails with [`MpiError::TaskTimedOut`].
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
        match &self.backend {
            Backend::Local(p) => match timeout {
                Some(t) => p.submit_with_timeout(f, arg, t),
                None => p.submit(f, arg),
            },
            Backend::Mpi(h) => {
                let call = raw::task_call(&f).map_err(not_sendable)?;
                h.submit_decoded(
                    call,
                    encode(&arg),
                    std::any::type_name::<A>(),
                    timeout,
                    decode_plain::<R>,
                )
            }
        }
    }

    /// Python's `map(fn, iterable)`: results in input order. See [`map_with`](Self::map_with).
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

    /// Python's `map(fn, iterable, timeout=, chunksize=, buffersize=)` with `pool`'s [`MapOptions`]: each
    /// chunk travels as one task, a panic fails only its own item, `timeout` counts from the call, and
    /// `buffersize` bounds the chunks submitted at a time so the input is read lazily.
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
        let handle = match &self.backend {
            Backend::Local(p) => return p.map_with(f, items, options),
            Backend::Mpi(h) => Arc::clone(h),
        };
        let one = raw::task_call(&f).map_err(not_sendable)?;
        let chunk = raw::chunk_call(&f).map_err(not_sendable)?;
        let workers = handle.ranks * handle.processes_per_rank;
        MapResults::with_submitter(
            items.into_iter(),
            workers,
            options,
            move |batch| match batch {
                MapBatch::One(item) => handle
                    .submit_decoded(
                        one,
                        encode(&item),
                        std::any::type_name::<A>(),
                        None,
                        decode_plain::<R>,
                    )
                    .map(MapTask::One),
                MapBatch::Many(items) => {
                    let len = items.len();
                    handle
                        .submit_decoded(
                            chunk,
                            encode(&items),
                            std::any::type_name::<Vec<A>>(),
                            None,
                            raw::decode_chunk::<R>,
                        )
                        .map(|future| MapTask::Chunk(future, len))
                }
            },
        )
    }

    /// Python's `shutdown(wait, cancel_futures)`: no new tasks; with `cancel_futures`, queued tasks are
    /// cancelled; with `wait`, returns once every task is done and every rank has stopped this executor's
    /// local processes. Dropping the executor is `shutdown(true, false)`.
    pub fn shutdown(&self, wait: bool, cancel_futures: bool) {
        match &self.backend {
            Backend::Local(p) => p.shutdown(wait, cancel_futures),
            Backend::Mpi(h) => h.shutdown(wait, cancel_futures),
        }
    }
}

impl Drop for MpiPoolExecutor {
    fn drop(&mut self) {
        if let Backend::Mpi(h) = &self.backend {
            h.shutdown(true, false);
        }
        // A local pool shuts down in its own Drop.
    }
}
