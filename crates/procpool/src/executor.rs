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
const DEFAULT_MAX_IN_FLIGHT: usize = 64;
/// The window grows while this much queued work (by the measured task time) fits in it.
const PREFETCH_NS: f64 = 1_000_000.0;

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
const DEFAULT_TERMINATE_GRACE: Duration = Duration::from_secs(1);

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
struct Settings {
    initializer: Option<(Call, Payload)>,
    max_tasks: Option<u64>,
    max_rss: Option<u64>,
    idle: Option<Duration>,
    task_timeout: Option<Duration>,
    policy: BrokenPolicy,
    max_in_flight: usize,
    terminate_grace: Duration,
    spawn: SpawnConfig,
}

impl Settings {
    fn init_msg(&self, claims: ipc_channel::ipc::IpcSharedMemory) -> InitMsg {
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

/// The type-erased completing side of a task's future.
trait Completer: Send {
    /// Marks it running; false if it was cancelled.
    fn start(&self) -> bool;
    /// Cancels it if it has not started.
    fn cancel(&self);
    /// Completes it from the worker's outcome (decoding the result here) or with a pool-side error.
    fn finish(self: Box<Self>, outcome: Result<Outcome, Error>);
    /// A handle on its future, to cancel it outside the pool's lock.
    fn future(&self) -> Box<dyn pool::AnyFuture + Send>;
}

struct Typed<R> {
    promise: Promise<R>,
    arg_type: &'static str,
    /// Turns the worker's bytes into the future's value (plain postcard, or a map chunk's conversion).
    decode: Decode<R>,
}

/// How a task's result bytes become its future's value.
pub(crate) type Decode<R> = fn(&[u8]) -> Result<R, postcard::Error>;

/// The plain decoding: the bytes are a postcard-encoded `R`.
pub(crate) fn decode_plain<R: DeserializeOwned>(bytes: &[u8]) -> Result<R, postcard::Error> {
    postcard::from_bytes(bytes)
}

impl<R: Send + 'static> Completer for Typed<R> {
    fn start(&self) -> bool {
        self.promise.set_running_or_notify_cancel()
    }

    fn cancel(&self) {
        self.promise.cancel();
    }

    fn future(&self) -> Box<dyn pool::AnyFuture + Send> {
        Box::new(self.promise.future())
    }

    fn finish(self: Box<Self>, outcome: Result<Outcome, Error>) {
        let result_type = std::any::type_name::<R>();
        let done = match outcome {
            Ok(Outcome::Ok(payload)) => match (self.decode)(payload.as_slice()) {
                Ok(value) => self.promise.set_result(value),
                Err(e) => self.promise.set_error(Error::failed(ProcessError::Result {
                    type_name: result_type,
                    message: e.to_string(),
                })),
            },
            Ok(Outcome::Panicked(message)) => self.promise.set_error(Error::Panicked { message }),
            Ok(Outcome::BadArgument(message)) => {
                self.promise
                    .set_error(Error::failed(ProcessError::Argument {
                        type_name: self.arg_type,
                        message,
                    }))
            }
            Ok(Outcome::BadResult(message)) => {
                self.promise.set_error(Error::failed(ProcessError::Result {
                    type_name: result_type,
                    message,
                }))
            }
            Err(e) => self.promise.set_error(e),
        };
        // A future cancelled meanwhile cannot be completed: nothing to do.
        let _ = done;
    }
}

/// A queued task.
struct Job {
    id: u64,
    call: Call,
    /// The encoded argument, kept until the task is done so it can be re-sent to a replacement worker.
    /// It becomes a shared-memory region only while being sent, so queued tasks hold no descriptors.
    arg: Bytes,
    timeout: Option<Duration>,
    completer: Box<dyn Completer>,
    /// Who may start it: the pool's side of the claim protocol.
    ticket: Arc<Ticket>,
}

/// A task sent to a worker and not finished: running, or waiting in the worker's window (where it can
/// still be cancelled or taken back for an idle worker).
struct InFlight {
    job: Job,
    /// Its slot in the worker's claim table.
    slot: usize,
}

/// Why the pool killed a worker.
#[derive(Debug, Clone, Copy)]
enum Kill {
    Timeout { id: u64, timeout: Duration },
    Stop(&'static str),
}

/// One worker process, as the pool sees it.
struct Worker {
    pid: u32,
    in_flight: VecDeque<InFlight>,
    /// The claim table shared with this worker, and its slots not in use.
    claims: Arc<ClaimTable>,
    free_slots: Vec<usize>,
    /// Its result segments this pool has decoded, to tell it with the next message it is sent.
    released: Vec<u64>,
    /// When the first task in flight started (as far as the pool can tell: when the previous result
    /// arrived, or when it was sent to an idle worker).
    head_started: Instant,
    sent: u64,
    /// Mean task time seen on this worker (ns; 0 = none yet), which sizes the in-flight window.
    mean_ns: f64,
    /// The reader saw end-of-file: the process is being reaped, never signal it again.
    exiting: bool,
    retiring: Option<Retire>,
    kill: Option<Kill>,
}

impl Worker {
    fn window(&self, max: usize) -> usize {
        if self.mean_ns <= 0.0 {
            return 2.min(max);
        }
        let ahead = (PREFETCH_NS / self.mean_ns) as usize;
        (1 + ahead).min(max)
    }

    /// The task it runs or runs next: the first in flight that was not taken back.
    fn head(&self) -> Option<&InFlight> {
        self.in_flight.iter().find(|f| !f.job.ticket.is_revoked())
    }

    /// Removes task `id` from the window, freeing its slot.
    fn remove(&mut self, id: u64) -> Option<Job> {
        let pos = self.in_flight.iter().position(|f| f.job.id == id)?;
        let f = self.in_flight.remove(pos)?;
        self.free_slots.push(f.slot);
        Some(f.job)
    }

    /// The worker finished (or skipped) what was before its new head: the head starts now. Claims it
    /// on the worker's behalf, so its future shows it running and can no longer be cancelled.
    fn advance(&mut self) {
        self.head_started = Instant::now();
        if self.exiting || self.kill.is_some() || self.retiring.is_some() {
            return;
        }
        for f in &self.in_flight {
            match f.job.ticket.claim() {
                Claim::Started(newly) => {
                    if newly {
                        f.job.completer.start();
                    }
                    return;
                }
                Claim::Revoked => {}
            }
        }
    }

    /// Takes back up to `n` tasks that have not started, oldest first, for an idle worker. Each gets a
    /// new id from `next_id` (its old worker may still read the message that sent it, and skips it by
    /// the old id); returned with its old id.
    fn steal(&mut self, n: usize, next_id: &AtomicU64) -> Vec<(u64, Job)> {
        let mut stolen = Vec::new();
        let mut i = 0;
        while i < self.in_flight.len() && stolen.len() < n {
            let new_id = next_id.fetch_add(1, Ordering::Relaxed);
            if self.in_flight[i].job.ticket.steal(new_id) {
                if let Some(mut f) = self.in_flight.remove(i) {
                    self.free_slots.push(f.slot);
                    self.sent = self.sent.saturating_sub(1);
                    let old_id = std::mem::replace(&mut f.job.id, new_id);
                    stolen.push((old_id, f.job));
                }
            } else {
                i += 1;
            }
        }
        stolen
    }

    /// How many tasks in its window could still be taken back (an estimate: no claim is made).
    fn unstarted(&self) -> usize {
        self.in_flight.len().saturating_sub(1)
    }

    fn signal(&mut self, sig: libc::c_int, why: Kill) {
        if self.exiting {
            return;
        }
        self.kill.get_or_insert(why);
        if let Ok(pid) = libc::pid_t::try_from(self.pid) {
            // SAFETY: the process is our unreaped child (its reader reaps it only after setting
            // `exiting`, under the same lock), so the pid cannot have been reused.
            unsafe { libc::kill(pid, sig) };
        }
    }
}

impl Slot {
    /// Could take a task right away: no worker yet (one starts on demand) or a worker with nothing in
    /// flight.
    fn is_idle(&self) -> bool {
        match &self.worker {
            None => true,
            Some(w) => {
                !w.exiting && w.kill.is_none() && w.retiring.is_none() && w.in_flight.is_empty()
            }
        }
    }
}

#[derive(Default)]
struct Slot {
    worker: Option<Worker>,
    /// The feeder is waiting for work it could send at once.
    parked: bool,
    /// The feeder has finished (the pool shut down).
    stopped: bool,
    /// Its worker ended (crashed, killed, retired) while the pool runs: start the replacement at once,
    /// without waiting for work.
    replace: bool,
}

struct State {
    queue: VecDeque<Job>,
    slots: Vec<Slot>,
    shutdown: bool,
    broken: Option<String>,
    restarts: u64,
    start_failures: u32,
    threads: Vec<JoinHandle<()>>,
    timer_started: bool,
}

pub(crate) struct Inner {
    state: Mutex<State>,
    /// One per slot: its feeder waits here.
    slot_cv: Vec<Condvar>,
    timer_cv: Condvar,
    /// Notified when a reader has reaped its worker.
    reaped_cv: Condvar,
    settings: Settings,
    next_id: AtomicU64,
    timeouts_used: AtomicBool,
    /// `terminate_workers` / `kill_workers` ran: give up on workers still starting.
    stopping: AtomicBool,
    /// Shared-memory segments lent to large arguments, and which task holds which.
    arg_segments: Mutex<(Segments, HashMap<u64, u64>)>,
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, cv: &Condvar, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        cv.wait(guard).unwrap_or_else(PoisonError::into_inner)
    }

    /// Wakes a feeder that can take new work right away, if one is parked.
    fn wake_a_feeder(&self, st: &mut State) {
        // Prefer a slot that can start the task at once; any parked one will pass it on otherwise.
        let pick = st
            .slots
            .iter()
            .position(|s| s.parked && s.is_idle())
            .or_else(|| st.slots.iter().position(|s| s.parked));
        if let Some(i) = pick {
            st.slots[i].parked = false;
            self.slot_cv[i].notify_one();
        }
    }

    fn wake_all(&self, st: &mut State) {
        for (i, slot) in st.slots.iter_mut().enumerate() {
            slot.parked = false;
            self.slot_cv[i].notify_one();
        }
        self.timer_cv.notify_all();
    }

    /// The payload that carries task `id`'s argument: inline, or in a lent segment (recorded, to be
    /// released when the task is done with it).
    fn arg_payload(&self, id: u64, arg: &Bytes) -> Payload {
        if arg.len() < crate::SHM_THRESHOLD {
            return Payload::Inline(arg.clone());
        }
        let mut guard = self
            .arg_segments
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (segments, by_task) = &mut *guard;
        let (payload, seg) = Payload::for_send(arg, segments);
        if let Some(seg) = seg {
            if let Some(old) = by_task.insert(id, seg) {
                segments.release(old);
            }
        }
        payload
    }

    /// Task `id` is done with its argument (finished, skipped, taken back or its worker died).
    fn release_arg(&self, id: u64) {
        let mut guard = self
            .arg_segments
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (segments, by_task) = &mut *guard;
        if let Some(seg) = by_task.remove(&id) {
            segments.release(seg);
        }
    }

    pub(crate) fn max_workers(&self) -> usize {
        self.slot_cv.len()
    }

    /// Queues a task whose argument is already encoded.
    pub(crate) fn submit_encoded<R: DeserializeOwned + Send + 'static>(
        self: &Arc<Self>,
        call: Call,
        arg: Result<Vec<u8>, ProcessError>,
        arg_type: &'static str,
        timeout: Option<Duration>,
    ) -> Result<Future<R>, Error> {
        self.submit_decoded(call, arg, arg_type, timeout, decode_plain::<R>)
    }

    /// [`submit_encoded`](Self::submit_encoded) with the result's decoding given (map chunks convert
    /// their per-item panic messages into `pool::Error`s there).
    pub(crate) fn submit_decoded<R: Send + 'static>(
        self: &Arc<Self>,
        call: Call,
        arg: Result<Vec<u8>, ProcessError>,
        arg_type: &'static str,
        timeout: Option<Duration>,
        decode: Decode<R>,
    ) -> Result<Future<R>, Error> {
        let (promise, future) = Promise::<R>::new();
        let arg = match arg {
            Ok(bytes) => Bytes::from(bytes),
            Err(e) => {
                // Bad input fails its own future, like any other task failure.
                let _ = promise.set_error(Error::failed(e));
                return Ok(future);
            }
        };
        let timeout = timeout.or(self.settings.task_timeout);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let ticket = Ticket::new(id);
        let guard = Arc::clone(&ticket);
        promise.set_cancel_guard(move || guard.revoke());
        let job = Job {
            id,
            ticket,
            call,
            arg,
            timeout,
            completer: Box::new(Typed {
                promise,
                arg_type,
                decode,
            }),
        };
        let mut st = self.lock();
        if let Some(reason) = &st.broken {
            return Err(Error::Broken {
                reason: reason.clone(),
            });
        }
        if st.shutdown {
            return Err(Error::Shutdown);
        }
        if timeout.is_some() && !st.timer_started {
            st.timer_started = true;
            self.timeouts_used.store(true, Ordering::Relaxed);
            let me = Arc::clone(self);
            match std::thread::Builder::new()
                .name("procpool-timer".into())
                .spawn(move || timer_thread(&me))
            {
                Ok(h) => st.threads.push(h),
                Err(e) => {
                    st.timer_started = false;
                    return Err(Error::Spawn(Arc::new(e)));
                }
            }
        }
        st.queue.push_back(job);
        self.wake_a_feeder(&mut st);
        Ok(future)
    }

    /// Python's `shutdown(wait, cancel_futures)`.
    pub(crate) fn shutdown(&self, wait: bool, cancel_futures: bool) {
        let cancelled = {
            let mut st = self.lock();
            st.shutdown = true;
            let mut queued: Vec<Job> = Vec::new();
            let mut cancelled: Vec<Box<dyn pool::AnyFuture + Send>> = Vec::new();
            if cancel_futures {
                queued.extend(st.queue.drain(..));
                // Tasks waiting in a worker's window have not started either: take them back (the
                // worker skips them), so only what runs now keeps running, as in CPython.
                for slot in &st.slots {
                    let Some(w) = &slot.worker else { continue };
                    for f in &w.in_flight {
                        if f.job.ticket.revoke() {
                            cancelled.push(f.job.completer.future());
                        }
                    }
                }
            }
            self.wake_all(&mut st);
            (queued, cancelled)
        };
        // Outside the lock: cancelling runs done-callbacks.
        let (queued, cancelled) = cancelled;
        for job in queued {
            job.completer.cancel();
        }
        for future in cancelled {
            future.cancel_any();
        }
        if wait {
            self.join_threads();
        }
    }

    fn join_threads(&self) {
        loop {
            let handles = std::mem::take(&mut self.lock().threads);
            if handles.is_empty() {
                return;
            }
            let me = std::thread::current().id();
            for h in handles {
                if h.thread().id() != me {
                    let _ = h.join();
                }
            }
        }
    }

    /// `terminate_workers` / `kill_workers`.
    /// Sends `sig` to every worker; those still alive after the grace period get SIGKILL, so this
    /// never waits on a worker that ignores SIGTERM. Workers being started are given up on.
    fn stop_workers(&self, sig: libc::c_int, how: &'static str) {
        self.stopping.store(true, Ordering::Release);
        self.shutdown(false, true);
        let mut st = self.lock();
        for slot in &mut st.slots {
            if let Some(w) = &mut slot.worker {
                w.signal(sig, Kill::Stop(how));
            }
        }
        if sig != libc::SIGKILL {
            let deadline = Instant::now().checked_add(self.settings.terminate_grace);
            while st.slots.iter().any(|s| s.worker.is_some()) {
                let Some(left) = deadline.and_then(|d| d.checked_duration_since(Instant::now()))
                else {
                    break;
                };
                st = self
                    .reaped_cv
                    .wait_timeout(st, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            for slot in &mut st.slots {
                if let Some(w) = &mut slot.worker {
                    w.signal(libc::SIGKILL, Kill::Stop(how));
                }
            }
        }
        drop(st);
        self.join_threads();
    }

    /// Breaks the pool (CPython's `BrokenProcessPool`): fails every queued task, stops every worker.
    fn break_pool(&self, st: &mut State, reason: String, failures: &mut Vec<(Job, Error)>) {
        if st.broken.is_some() {
            return;
        }
        st.broken = Some(reason.clone());
        for job in st.queue.drain(..) {
            failures.push((
                job,
                Error::Broken {
                    reason: reason.clone(),
                },
            ));
        }
        for slot in &mut st.slots {
            if let Some(w) = &mut slot.worker {
                w.signal(libc::SIGKILL, Kill::Stop("the broken pool"));
            }
        }
        self.wake_all(st);
    }
}

/// Completes failed jobs outside the lock.
fn fail_all(failures: Vec<(Job, Error)>) {
    for (job, err) in failures {
        job.completer.finish(Err(err));
    }
}

/// A slot's feeder thread: starts the worker when there is work, sends it tasks, stops it at shutdown.
fn feeder(inner: &Arc<Inner>, index: usize) {
    let mut sender: Option<ipc_channel::ipc::IpcSender<ToWorker>> = None;
    let mut st = inner.lock();
    loop {
        let slot_has_worker = st.slots[index].worker.is_some();
        if !slot_has_worker {
            sender = None;
        }
        if st.broken.is_some() || (st.shutdown && st.queue.is_empty()) {
            // Finish: let the worker run out its tasks, tell it to exit, wait for the reader to reap it.
            match &st.slots[index].worker {
                None => break,
                Some(w) if !w.exiting && w.in_flight.is_empty() && sender.is_some() => {
                    if let Some(tx) = sender.take() {
                        drop(st);
                        let _ = tx.send(ToWorker::Exit);
                        st = inner.lock();
                    }
                    continue;
                }
                Some(_) => {
                    st = inner.wait(&inner.slot_cv[index], st);
                    continue;
                }
            }
        }
        let replace_now = st.slots[index].replace && st.slots[index].worker.is_none();
        if st.queue.is_empty() && !replace_now && !st.shutdown && steal_for(inner, &mut st, index) {
            continue;
        }
        if st.queue.is_empty() && !replace_now {
            st.slots[index].parked = true;
            st = inner.wait(&inner.slot_cv[index], st);
            continue;
        }
        let Some(worker) = &st.slots[index].worker else {
            drop(st);
            let table = Arc::new(ClaimTable::new(inner.settings.max_in_flight));
            let init = inner.settings.init_msg(table.share());
            let started = spawn::start(&inner.settings.spawn, init, &inner.stopping);
            st = inner.lock();
            match started {
                Ok(started) => {
                    st.start_failures = 0;
                    st.slots[index].replace = false;
                    sender = Some(attach(inner, &mut st, index, started, table));
                }
                Err(err) => {
                    st.start_failures += 1;
                    if st.start_failures >= 3 {
                        let mut failures = Vec::new();
                        for job in st.queue.drain(..) {
                            failures.push((job, Error::failed(err.clone())));
                        }
                        inner.break_pool(&mut st, err.to_string(), &mut failures);
                        drop(st);
                        fail_all(failures);
                        st = inner.lock();
                    }
                }
            }
            continue;
        };
        if worker.exiting || worker.kill.is_some() || worker.retiring.is_some() {
            st = inner.wait(&inner.slot_cv[index], st);
            continue;
        }
        let room = worker
            .window(inner.settings.max_in_flight)
            .saturating_sub(worker.in_flight.len());
        let budget = inner.settings.max_tasks.map_or(usize::MAX, |m| {
            usize::try_from(m.saturating_sub(worker.sent)).unwrap_or(usize::MAX)
        });
        // Leave one queued task for every other slot that could start it now: an idle worker must
        // never wait while this one holds work it has not started.
        let idle_elsewhere = st
            .slots
            .iter()
            .enumerate()
            .filter(|&(i, s)| i != index && !s.stopped && s.is_idle())
            .count();
        let share = if worker.in_flight.is_empty() {
            st.queue.len().saturating_sub(idle_elsewhere).max(1)
        } else {
            st.queue.len().saturating_sub(idle_elsewhere)
        };
        let n = room.min(budget).min(share);
        if n == 0 {
            // Cannot take it now: make sure a feeder that can is awake.
            inner.wake_a_feeder(&mut st);
            st = inner.wait(&inner.slot_cv[index], st);
            continue;
        }
        let mut batch = Vec::with_capacity(n);
        let mut cancelled = Vec::new();
        let mut has_timeout = false;
        let State { queue, slots, .. } = &mut *st;
        let Some(worker) = slots[index].worker.as_mut() else {
            continue;
        };
        let idle = worker.in_flight.is_empty();
        if idle {
            worker.head_started = Instant::now();
        }
        while batch.len() < n {
            let Some(slot) = worker.free_slots.pop() else {
                break;
            };
            let Some(job) = queue.pop_front() else {
                worker.free_slots.push(slot);
                break;
            };
            // The first task for an idle worker starts at once; the rest wait in its window, where
            // they can still be cancelled or taken back for another worker.
            let Some(newly) = job
                .ticket
                .send(&worker.claims, slot, idle && batch.is_empty())
            else {
                worker.free_slots.push(slot);
                cancelled.push(job); // cancelled while queued
                continue;
            };
            if newly && !job.completer.start() {
                // Cancelled by the pool itself (a promise-side cancel); never sent.
                worker.free_slots.push(slot);
                cancelled.push(job);
                continue;
            }
            has_timeout |= job.timeout.is_some();
            batch.push((job.id, slot, job.call, job.arg.clone()));
            worker.in_flight.push_back(InFlight { job, slot });
        }
        worker.sent += batch.len() as u64;
        if !cancelled.is_empty() {
            drop(st);
            for job in cancelled {
                job.completer.cancel();
            }
            st = inner.lock();
            if batch.is_empty() {
                continue;
            }
        }
        if batch.is_empty() {
            continue;
        }
        if has_timeout {
            inner.timer_cv.notify_all();
        }
        let released = st.slots[index]
            .worker
            .as_mut()
            .map(|w| std::mem::take(&mut w.released))
            .unwrap_or_default();
        if let Some(tx) = &sender {
            drop(st);
            let batch = batch
                .into_iter()
                .map(|(id, slot, call, arg)| TaskMsg {
                    id,
                    slot: u32::try_from(slot).unwrap_or(u32::MAX),
                    call,
                    arg: inner.arg_payload(id, &arg),
                })
                .collect();
            // A failed send means the worker is gone: its reader requeues or fails what was in flight.
            if !released.is_empty() {
                let _ = tx.send(ToWorker::Release(released));
            }
            let _ = tx.send(ToWorker::Tasks(batch));
            st = inner.lock();
        }
    }
    st.slots[index].stopped = true;
    st.slots[index].parked = false;
    inner.timer_cv.notify_all();
}

/// An idle worker with an empty queue takes back half of what another worker holds in its window
/// without having started it (oldest first), so queued work never waits behind a long task while a
/// worker is idle. True if it took anything (now at the front of the queue).
fn steal_for(inner: &Inner, st: &mut State, index: usize) -> bool {
    let Some(me) = &st.slots[index].worker else {
        return false;
    };
    if !me.in_flight.is_empty() || me.exiting || me.kill.is_some() || me.retiring.is_some() {
        return false;
    }
    let room = me.window(inner.settings.max_in_flight);
    let mut stolen = Vec::new();
    for (i, slot) in st.slots.iter_mut().enumerate() {
        if i == index || stolen.len() >= room {
            continue;
        }
        let Some(w) = slot.worker.as_mut() else {
            continue;
        };
        if w.exiting || w.kill.is_some() {
            continue; // its reader requeues what it holds
        }
        let n = w.unstarted().div_ceil(2).min(room - stolen.len());
        if n > 0 {
            stolen.extend(w.steal(n, &inner.next_id));
        }
    }
    let took = !stolen.is_empty();
    for (old_id, _) in &stolen {
        inner.release_arg(*old_id);
    }
    for (_, job) in stolen.into_iter().rev() {
        st.queue.push_front(job);
    }
    took
}

/// Installs a started worker in its slot and starts its reader; returns the task sender.
fn attach(
    inner: &Arc<Inner>,
    st: &mut State,
    index: usize,
    started: Started,
    claims: Arc<ClaimTable>,
) -> ipc_channel::ipc::IpcSender<ToWorker> {
    let Started {
        child,
        pid,
        results,
        tasks,
    } = started;
    st.slots[index].worker = Some(Worker {
        pid,
        in_flight: VecDeque::new(),
        free_slots: (0..claims.slots()).rev().collect(),
        released: Vec::new(),
        claims,
        head_started: Instant::now(),
        sent: 0,
        mean_ns: 0.0,
        exiting: false,
        retiring: None,
        kill: None,
    });
    let me = Arc::clone(inner);
    let reader = std::thread::Builder::new()
        .name(format!("procpool-reader-{pid}"))
        .spawn(move || reader(&me, index, child, results));
    match reader {
        Ok(h) => st.threads.push(h),
        Err(e) => {
            // Without a reader nobody would reap it: stop it now; the feeder retries later.
            eprintln!("procpool: cannot start a reader thread ({e}); stopping worker {pid}");
            if let Some(w) = st.slots[index].worker.as_mut() {
                w.signal(libc::SIGKILL, Kill::Stop("the pool"));
            }
            st.slots[index].worker = None;
        }
    }
    tasks
}

/// A worker's reader thread: completes futures from its results; at end-of-file reaps the process and
/// fails or requeues what it left unfinished.
fn reader(
    inner: &Arc<Inner>,
    index: usize,
    mut child: std::process::Child,
    results: ipc_channel::ipc::IpcReceiver<FromWorker>,
) {
    let pid = child.id();
    let mut init_failed: Option<String> = None;
    let mut channel_error: Option<String> = None;
    loop {
        match results.recv() {
            Ok(FromWorker::Done { id, outcome }) => {
                let job = {
                    let mut st = inner.lock();
                    let Some(w) = st.slots[index].worker.as_mut() else {
                        break;
                    };
                    let job = w.remove(id);
                    let took = w.head_started.elapsed().as_nanos() as f64;
                    w.mean_ns = if w.mean_ns <= 0.0 {
                        took
                    } else {
                        0.8 * w.mean_ns + 0.2 * took
                    };
                    w.advance();
                    // Wake the feeder at the low-water mark (half the window), so it refills in
                    // batches instead of being woken for every result.
                    let low = w.in_flight.len() * 2 <= w.window(inner.settings.max_in_flight);
                    let window_open = !w.exiting && w.kill.is_none() && low;
                    if window_open {
                        st.slots[index].parked = false;
                        inner.slot_cv[index].notify_one();
                    }
                    if inner.timeouts_used.load(Ordering::Relaxed) {
                        inner.timer_cv.notify_all();
                    }
                    job
                };
                inner.release_arg(id);
                let result_segment = match &outcome {
                    Outcome::Ok(payload) => payload.segment(),
                    _ => None,
                };
                if let Some(job) = job {
                    job.completer.finish(Ok(outcome));
                }
                if let Some(seg) = result_segment {
                    // Decoded (or dropped): the worker may reuse the segment; it hears so with the
                    // next message it is sent.
                    let mut st = inner.lock();
                    if let Some(w) = st.slots[index].worker.as_mut() {
                        w.released.push(seg);
                    }
                }
            }
            Ok(FromWorker::Skipped { id }) => {
                // Taken back before it started: cancelled (its future says so) or stolen (no longer
                // ours, so not found).
                let job = {
                    let mut st = inner.lock();
                    let Some(w) = st.slots[index].worker.as_mut() else {
                        break;
                    };
                    let job = w.remove(id);
                    if job.is_some() {
                        // The worker moved past it: what follows starts now.
                        w.advance();
                        w.sent = w.sent.saturating_sub(1);
                        st.slots[index].parked = false;
                        inner.slot_cv[index].notify_one();
                    }
                    job
                };
                inner.release_arg(id);
                if let Some(job) = job {
                    job.completer.cancel();
                }
            }
            Ok(FromWorker::Retiring(why)) => {
                let mut st = inner.lock();
                if let Some(w) = st.slots[index].worker.as_mut() {
                    w.retiring = Some(why);
                }
            }
            Ok(FromWorker::InitFailed(message)) => init_failed = Some(message),
            Ok(FromWorker::Ready | FromWorker::Hello { .. } | FromWorker::Abort) => {}
            Err(ipc_channel::IpcError::Disconnected) => break,
            Err(e) => {
                channel_error = Some(e.to_string());
                break;
            }
        }
    }
    {
        let mut st = inner.lock();
        if let Some(w) = st.slots[index].worker.as_mut() {
            if channel_error.is_some() {
                w.signal(libc::SIGKILL, Kill::Stop("the pool"));
            }
            w.exiting = true;
        }
    }
    let status = match child.wait() {
        Ok(s) => ExitStatus::from_std(s),
        Err(_) => ExitStatus::Code(-1),
    };
    let mut failures: Vec<(Job, Error)> = Vec::new();
    let mut st = inner.lock();
    let Some(worker) = st.slots[index].worker.take() else {
        inner.reaped_cv.notify_all();
        return;
    };
    inner.reaped_cv.notify_all();
    for f in &worker.in_flight {
        inner.release_arg(f.job.id);
    }
    // Tasks taken back (cancelled) never ran: their futures are cancelled, whatever happened.
    let (revoked, mut in_flight): (VecDeque<InFlight>, VecDeque<InFlight>) = worker
        .in_flight
        .into_iter()
        .partition(|f| f.job.ticket.is_revoked());
    let died_of = match worker.claims.last_words() {
        claims::LAST_WORDS_STACK_OVERFLOW => Some("stack overflow"),
        _ => None,
    };
    let clean_exit = status == ExitStatus::Code(0);
    let mut requeue = false;
    if let Some(message) = init_failed {
        let reason = format!("the worker initializer failed: {message}");
        if let Some(f) = in_flight.pop_front() {
            let err = Error::failed(ProcessError::InitializerFailed { message });
            failures.push((f.job, err));
        }
        for f in in_flight.drain(..) {
            failures.push((
                f.job,
                Error::Broken {
                    reason: reason.clone(),
                },
            ));
        }
        inner.break_pool(&mut st, reason, &mut failures);
    } else if let Some(reason) = st.broken.clone() {
        for f in in_flight.drain(..) {
            failures.push((
                f.job,
                Error::Broken {
                    reason: reason.clone(),
                },
            ));
        }
    } else if let Some(Kill::Stop(how)) = worker.kill {
        for f in in_flight.drain(..) {
            failures.push((f.job, Error::failed(ProcessError::Terminated { how })));
        }
    } else if let Some(Kill::Timeout { id, timeout }) = worker.kill {
        // Killed for a timeout: that task fails (unless it finished just before the signal landed).
        if in_flight.front().is_some_and(|f| f.job.id == id) {
            if let Some(f) = in_flight.pop_front() {
                let err = Error::failed(ProcessError::TaskTimedOut { timeout, pid });
                failures.push((f.job, err));
            }
        }
        requeue = true;
    } else if let Some(message) = channel_error {
        if let Some(f) = pop_started(&mut in_flight) {
            let err = Error::failed(ProcessError::Channel { pid, message });
            failures.push((f.job, err));
        }
        requeue = true;
    } else if clean_exit && (worker.retiring.is_some() || in_flight.is_empty()) {
        // Retired (max tasks, memory, idle) or told to exit: whatever it was sent never started.
        requeue = true;
    } else if inner.settings.policy == BrokenPolicy::BreakPool {
        let reason = format!(
            "worker process {pid} terminated abruptly ({status}) while a task was running or pending; the process pool is not usable anymore"
        );
        for f in in_flight.drain(..) {
            failures.push((
                f.job,
                Error::Broken {
                    reason: reason.clone(),
                },
            ));
        }
        inner.break_pool(&mut st, reason, &mut failures);
    } else {
        // Died: the task it was running fails (if it had started one), the rest never started.
        if let Some(f) = pop_started(&mut in_flight) {
            let err = Error::failed(ProcessError::WorkerDied {
                pid,
                status,
                cause: died_of,
            });
            failures.push((f.job, err));
        }
        requeue = true;
    }
    if requeue {
        // Tasks that never started go back to the front of the queue, in order.
        while let Some(f) = in_flight.pop_back() {
            f.job.ticket.requeue();
            st.queue.push_front(f.job);
        }
    }
    if !st.shutdown {
        st.restarts += 1;
        // An idle worker comes back with work; any other is replaced at once.
        st.slots[index].replace =
            st.broken.is_none() && !matches!(worker.retiring, Some(Retire::Idle));
    }
    st.slots[index].parked = false;
    inner.slot_cv[index].notify_one();
    if !st.queue.is_empty() {
        inner.wake_a_feeder(&mut st);
    }
    inner.timer_cv.notify_all();
    drop(st);
    fail_all(failures);
    for f in revoked {
        f.job.completer.cancel();
    }
}

/// The first task in flight, if it had started (a worker that died between tasks ran none of them).
fn pop_started(in_flight: &mut VecDeque<InFlight>) -> Option<InFlight> {
    if in_flight.front()?.job.ticket.has_started() {
        in_flight.pop_front()
    } else {
        None
    }
}

/// The timer thread: runs [`timer`], and runs it again should it ever panic, so per-task timeouts can
/// never silently stop working.
fn timer_thread(inner: &Arc<Inner>) {
    loop {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| timer(inner))) {
            Ok(()) => return,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                eprintln!("procpool: the task-timeout timer failed ({message}); restarting it");
            }
        }
    }
}

/// Kills a worker whose running task passed its timeout.
fn timer(inner: &Arc<Inner>) {
    let mut st = inner.lock();
    loop {
        if st.slots.iter().all(|s| s.stopped) {
            return;
        }
        let now = Instant::now();
        let mut next: Option<Instant> = None;
        for slot in &mut st.slots {
            let Some(w) = slot.worker.as_mut() else {
                continue;
            };
            if w.exiting || w.kill.is_some() {
                continue;
            }
            let Some(head) = w.head() else {
                continue;
            };
            let Some(timeout) = head.job.timeout else {
                continue;
            };
            // A timeout too long for the clock never expires.
            let Some(deadline) = w.head_started.checked_add(timeout) else {
                continue;
            };
            if deadline <= now {
                let id = head.job.id;
                w.signal(libc::SIGKILL, Kill::Timeout { id, timeout });
            } else {
                next = Some(next.map_or(deadline, |n| n.min(deadline)));
            }
        }
        st = match next {
            None => inner.wait(&inner.timer_cv, st),
            Some(at) => {
                inner
                    .timer_cv
                    .wait_timeout(st, at.saturating_duration_since(Instant::now()))
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
        };
    }
}

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
