//! Configuring a pool: [`Builder`], the broken-pool policy and the settings every worker shares.

use super::*;

/// What happens to the pool when a worker dies unexpectedly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BrokenPolicy {
    /// Only the task the worker was running fails (with [`ProcessError::WorkerDied`]); a replacement
    /// worker starts and the queue carries on. The default.
    #[default]
    ReplaceWorker,
    /// CPython's behaviour: every pending future fails with [`Error::Broken`], the other workers are
    /// stopped, and later submits fail.
    BreakPool,
}

/// Tasks in flight to one worker at most, however short the tasks are.
pub(super) const DEFAULT_MAX_IN_FLIGHT: usize = 64;
/// The window grows while this much queued work (by the measured task time) fits in it.
pub(super) const PREFETCH_NS: f64 = 1_000_000.0;

/// Builds a [`ProcessPoolExecutor`] with Python's constructor arguments and the extras.
///
/// ```
/// use std::time::Duration;
/// # procpool::init();
/// let executor = procpool::ProcessPoolExecutor::builder()
///     .max_workers(2)
///     .max_tasks_per_child(100)
///     .task_timeout(Duration::from_secs(60))
///     .build()?;
/// # Ok::<(), pool::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    max_workers: Option<usize>,
    initializer: Option<Result<(Call, Payload), ProcessError>>,
    max_tasks_per_child: Option<u64>,
    max_memory_per_child: Option<u64>,
    idle_timeout: Option<Duration>,
    task_timeout: Option<Duration>,
    policy: BrokenPolicy,
    max_in_flight: usize,
    terminate_grace: Duration,
    spawn: SpawnConfig,
}

/// How long `terminate_workers()` lets a worker handle SIGTERM before it sends SIGKILL.
pub(super) const DEFAULT_TERMINATE_GRACE: Duration = Duration::from_secs(1);

impl Default for Builder {
    fn default() -> Self {
        Builder {
            max_workers: None,
            initializer: None,
            max_tasks_per_child: None,
            max_memory_per_child: None,
            idle_timeout: None,
            task_timeout: None,
            policy: BrokenPolicy::default(),
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            terminate_grace: DEFAULT_TERMINATE_GRACE,
            spawn: SpawnConfig {
                start_timeout: Duration::from_secs(10),
                ..SpawnConfig::default()
            },
        }
    }
}

impl Builder {
    /// Worker processes (default: the CPUs this process may use, `pool::usable_cpu_count()`).
    pub fn max_workers(mut self, n: usize) -> Self {
        self.max_workers = Some(n);
        self
    }

    /// Python's `initializer(*initargs)`: `f(arg)` runs once in every worker before its first task. If it
    /// returns an error or panics, the pool is broken, as in CPython: pending futures fail with
    /// [`ProcessError::InitializerFailed`] and later submits with [`Error::Broken`].
    pub fn initializer<F, A, E>(mut self, f: F, arg: A) -> Self
    where
        F: Fn(A) -> Result<(), E> + Copy + Send + 'static,
        A: Serialize + DeserializeOwned + 'static,
        E: fmt::Display + 'static,
    {
        self.initializer = Some(func::init_call(&f).and_then(|call| {
            let bytes = encode::to_bytes(&arg).map_err(|message| ProcessError::Argument {
                type_name: std::any::type_name::<A>(),
                message,
            })?;
            Ok((call, Payload::new(bytes)))
        }));
        self
    }

    /// Replace each worker after it ran `n` tasks (Python 3.11's `max_tasks_per_child`). The
    /// replacement always starts (CPython 3.11 can hang here: gh-115634).
    pub fn max_tasks_per_child(mut self, n: u64) -> Self {
        self.max_tasks_per_child = Some(n);
        self
    }

    /// Retire a worker after a task that left its resident memory above `bytes` (loky's memory-leak
    /// protection, with the threshold yours to choose).
    pub fn max_memory_per_child(mut self, bytes: u64) -> Self {
        self.max_memory_per_child = Some(bytes);
        self
    }

    /// Stop a worker that had no task for this long; it is started again when work arrives (loky).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = Some(timeout);
        self
    }

    /// The default per-task timeout: a task running longer is stopped by killing its worker (which is
    /// replaced), and its future fails with [`ProcessError::TaskTimedOut`]. Unlike
    /// `Future::result(Some(timeout))`, which only stops waiting.
    pub fn task_timeout(mut self, timeout: Duration) -> Self {
        self.task_timeout = Some(timeout);
        self
    }

    /// What a worker's unexpected death does to the pool (default: replace the worker).
    pub fn broken_policy(mut self, policy: BrokenPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The most tasks queued to one worker ahead of the one it runs (default 64). The pool sends fewer
    /// when tasks are long (about 1 ms of work ahead), so an idle worker is never starved.
    pub fn max_in_flight_per_worker(mut self, n: usize) -> Self {
        self.max_in_flight = n;
        self
    }

    /// How long [`terminate_workers`](ProcessPoolExecutor::terminate_workers) waits for workers to
    /// exit on SIGTERM before it kills the rest with SIGKILL (default 1 s).
    pub fn terminate_grace(mut self, grace: Duration) -> Self {
        self.terminate_grace = grace;
        self
    }

    /// How long a new worker may take to check in (default 10 s); past it, it is killed and reported as
    /// [`ProcessError::WorkerStartFailed`]. A timeout too long for the clock (`Duration::MAX`) means no
    /// deadline.
    pub fn start_timeout(mut self, timeout: Duration) -> Self {
        self.spawn.start_timeout = timeout;
        self
    }

    /// Set an environment variable for the workers.
    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.spawn.env.push((key.into(), Some(value.into())));
        self
    }

    /// Remove an environment variable for the workers.
    pub fn env_remove(mut self, key: impl Into<OsString>) -> Self {
        self.spawn.env.push((key.into(), None));
        self
    }

    /// Start workers with an empty environment (plus what [`Builder::env`] adds).
    pub fn env_clear(mut self) -> Self {
        self.spawn.env_clear = true;
        self
    }

    /// The workers' working directory.
    pub fn current_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spawn.cwd = Some(dir.into());
        self
    }

    /// Where the workers' stdout and stderr go (default: inherited).
    pub fn stdio(mut self, stdio: WorkerStdio) -> Self {
        self.spawn.stdio = stdio;
        self
    }

    /// Creates the pool. No process starts until the first task is submitted.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a zero worker count, task limit, window or timeout; the
    /// initializer's [`ProcessError`] (as [`Error::Failed`]) when it cannot be sent to a worker;
    /// [`ProcessError::InitNotCalled`] when this process is a worker whose `init()` never ran.
    pub fn build(self) -> Result<ProcessPoolExecutor, Error> {
        if std::env::var_os(crate::worker::TOKEN_ENV).is_some() {
            return Err(Error::failed(ProcessError::InitNotCalled));
        }
        let workers = self.max_workers.unwrap_or_else(pool::usable_cpu_count);
        let zero = |what: &str| Err(Error::InvalidArgument(format!("{what} must be at least 1")));
        if workers == 0 {
            return zero("max_workers");
        }
        if self.max_tasks_per_child == Some(0) {
            return zero("max_tasks_per_child");
        }
        if self.max_memory_per_child == Some(0) {
            return zero("max_memory_per_child");
        }
        if self.max_in_flight == 0 {
            return zero("max_in_flight_per_worker");
        }
        for (what, t) in [
            ("idle_timeout", self.idle_timeout),
            ("task_timeout", self.task_timeout),
            ("start_timeout", Some(self.spawn.start_timeout)),
        ] {
            if t == Some(Duration::ZERO) {
                return Err(Error::InvalidArgument(format!(
                    "{what} must be longer than zero"
                )));
            }
        }
        let initializer = self.initializer.transpose().map_err(Error::failed)?;
        let inner = Arc::new(Inner {
            state: Mutex::new(State {
                queue: VecDeque::new(),
                slots: (0..workers).map(|_| Slot::default()).collect(),
                shutdown: false,
                broken: None,
                restarts: 0,
                start_failures: 0,
                threads: Vec::new(),
                timer_started: false,
            }),
            slot_cv: (0..workers).map(|_| Condvar::new()).collect(),
            timer_cv: Condvar::new(),
            reaped_cv: Condvar::new(),
            settings: Settings {
                initializer,
                max_tasks: self.max_tasks_per_child,
                max_rss: self.max_memory_per_child,
                idle: self.idle_timeout,
                task_timeout: self.task_timeout,
                policy: self.policy,
                max_in_flight: self.max_in_flight,
                terminate_grace: self.terminate_grace,
                spawn: self.spawn,
            },
            next_id: AtomicU64::new(0),
            timeouts_used: AtomicBool::new(false),
            stopping: AtomicBool::new(false),
            // Two argument segments per worker: one being read, one being sent.
            arg_segments: Mutex::new((Segments::new(2 * workers), HashMap::new())),
        });
        {
            let mut st = inner.lock();
            for i in 0..workers {
                let me = Arc::clone(&inner);
                let handle = std::thread::Builder::new()
                    .name(format!("procpool-feeder-{i}"))
                    .spawn(move || feeder(&me, i))
                    .map_err(|e| Error::Spawn(Arc::new(e)))?;
                st.threads.push(handle);
            }
        }
        Ok(ProcessPoolExecutor { inner })
    }
}

/// The settings every worker of a pool shares.
pub(super) struct Settings {
    pub(super) initializer: Option<(Call, Payload)>,
    pub(super) max_tasks: Option<u64>,
    pub(super) max_rss: Option<u64>,
    pub(super) idle: Option<Duration>,
    pub(super) task_timeout: Option<Duration>,
    pub(super) policy: BrokenPolicy,
    pub(super) max_in_flight: usize,
    pub(super) terminate_grace: Duration,
    pub(super) spawn: SpawnConfig,
}

impl Settings {
    pub(super) fn init_msg(&self, claims: ipc_channel::ipc::IpcSharedMemory) -> InitMsg {
        InitMsg {
            initializer: self.initializer.clone(),
            claims,
            max_tasks: self.max_tasks.unwrap_or(0),
            max_rss: self.max_rss.unwrap_or(0),
            idle_ms: self.idle.map_or(0, |d| {
                u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
            }),
        }
    }
}
