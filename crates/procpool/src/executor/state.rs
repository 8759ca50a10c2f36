//! The shared state behind the lock: queued jobs, worker slots with their in-flight windows, and the
//! type-erased completers that finish each task's future.

use super::*;

/// The type-erased completing side of a task's future.
pub(super) trait Completer: Send {
    /// Marks it running; false if it was cancelled.
    fn start(&self) -> bool;
    /// Cancels it if it has not started.
    fn cancel(&self);
    /// Completes it from the worker's outcome (decoding the result here) or with a pool-side error.
    fn finish(self: Box<Self>, outcome: Result<Outcome, Error>);
    /// A handle on its future, to cancel it outside the pool's lock.
    fn future(&self) -> Box<dyn pool::AnyFuture + Send>;
}

pub(super) struct Typed<R> {
    pub(super) promise: Promise<R>,
    pub(super) arg_type: &'static str,
    /// Turns the worker's bytes into the future's value (plain postcard, or a map chunk's conversion).
    pub(super) decode: Decode<R>,
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
pub(super) struct Job {
    pub(super) id: u64,
    pub(super) call: Call,
    /// The encoded argument, kept until the task is done so it can be re-sent to a replacement worker.
    /// It becomes a shared-memory region only while being sent, so queued tasks hold no descriptors.
    pub(super) arg: Bytes,
    pub(super) timeout: Option<Duration>,
    pub(super) completer: Box<dyn Completer>,
    /// Who may start it: the pool's side of the claim protocol.
    pub(super) ticket: Arc<Ticket>,
}

/// A task sent to a worker and not finished: running, or waiting in the worker's window (where it can
/// still be cancelled or taken back for an idle worker).
pub(super) struct InFlight {
    pub(super) job: Job,
    /// Its slot in the worker's claim table.
    pub(super) slot: usize,
}

/// Why the pool killed a worker.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kill {
    Timeout { id: u64, timeout: Duration },
    Stop(&'static str),
}

/// One worker process, as the pool sees it.
pub(super) struct Worker {
    pub(super) pid: u32,
    pub(super) in_flight: VecDeque<InFlight>,
    /// The claim table shared with this worker, and its slots not in use.
    pub(super) claims: Arc<ClaimTable>,
    pub(super) free_slots: Vec<usize>,
    /// Its result segments this pool has decoded, to tell it with the next message it is sent.
    pub(super) released: Vec<u64>,
    /// When the first task in flight started (as far as the pool can tell: when the previous result
    /// arrived, or when it was sent to an idle worker).
    pub(super) head_started: Instant,
    pub(super) sent: u64,
    /// Mean task time seen on this worker (ns; 0 = none yet), which sizes the in-flight window.
    pub(super) mean_ns: f64,
    /// The reader saw end-of-file: the process is being reaped, never signal it again.
    pub(super) exiting: bool,
    pub(super) retiring: Option<Retire>,
    pub(super) kill: Option<Kill>,
}

impl Worker {
    pub(super) fn window(&self, max: usize) -> usize {
        if self.mean_ns <= 0.0 {
            return 2.min(max);
        }
        let ahead = (PREFETCH_NS / self.mean_ns) as usize;
        (1 + ahead).min(max)
    }

    /// The task it runs or runs next: the first in flight that was not taken back.
    pub(super) fn head(&self) -> Option<&InFlight> {
        self.in_flight.iter().find(|f| !f.job.ticket.is_revoked())
    }

    /// Removes task `id` from the window, freeing its slot.
    pub(super) fn remove(&mut self, id: u64) -> Option<Job> {
        let pos = self.in_flight.iter().position(|f| f.job.id == id)?;
        let f = self.in_flight.remove(pos)?;
        self.free_slots.push(f.slot);
        Some(f.job)
    }

    /// The worker finished (or skipped) what was before its new head: the head starts now. Claims it
    /// on the worker's behalf, so its future shows it running and can no longer be cancelled.
    pub(super) fn advance(&mut self) {
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
    pub(super) fn steal(&mut self, n: usize, next_id: &AtomicU64) -> Vec<(u64, Job)> {
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
    pub(super) fn unstarted(&self) -> usize {
        self.in_flight.len().saturating_sub(1)
    }

    pub(super) fn signal(&mut self, sig: libc::c_int, why: Kill) {
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
    pub(super) fn is_idle(&self) -> bool {
        match &self.worker {
            None => true,
            Some(w) => {
                !w.exiting && w.kill.is_none() && w.retiring.is_none() && w.in_flight.is_empty()
            }
        }
    }
}

#[derive(Default)]
pub(super) struct Slot {
    pub(super) worker: Option<Worker>,
    /// The feeder is waiting for work it could send at once.
    pub(super) parked: bool,
    /// The feeder has finished (the pool shut down).
    pub(super) stopped: bool,
    /// Its worker ended (crashed, killed, retired) while the pool runs: start the replacement at once,
    /// without waiting for work.
    pub(super) replace: bool,
}

pub(super) struct State {
    pub(super) queue: VecDeque<Job>,
    pub(super) slots: Vec<Slot>,
    pub(super) shutdown: bool,
    pub(super) broken: Option<String>,
    pub(super) restarts: u64,
    pub(super) start_failures: u32,
    pub(super) threads: Vec<JoinHandle<()>>,
    pub(super) timer_started: bool,
}

pub(crate) struct Inner {
    pub(super) state: Mutex<State>,
    /// One per slot: its feeder waits here.
    pub(super) slot_cv: Vec<Condvar>,
    pub(super) timer_cv: Condvar,
    /// Notified when a reader has reaped its worker.
    pub(super) reaped_cv: Condvar,
    pub(super) settings: Settings,
    pub(super) next_id: AtomicU64,
    pub(super) timeouts_used: AtomicBool,
    /// `terminate_workers` / `kill_workers` ran: give up on workers still starting.
    pub(super) stopping: AtomicBool,
    /// Shared-memory segments lent to large arguments, and which task holds which.
    pub(super) arg_segments: Mutex<(Segments, HashMap<u64, u64>)>,
}

impl Inner {
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn wait<'a>(
        &self,
        cv: &Condvar,
        guard: MutexGuard<'a, State>,
    ) -> MutexGuard<'a, State> {
        cv.wait(guard).unwrap_or_else(PoisonError::into_inner)
    }

    /// Wakes a feeder that can take new work right away, if one is parked.
    pub(super) fn wake_a_feeder(&self, st: &mut State) {
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

    pub(super) fn wake_all(&self, st: &mut State) {
        for (i, slot) in st.slots.iter_mut().enumerate() {
            slot.parked = false;
            self.slot_cv[i].notify_one();
        }
        self.timer_cv.notify_all();
    }

    /// The payload that carries task `id`'s argument: inline, or in a lent segment (recorded, to be
    /// released when the task is done with it).
    pub(super) fn arg_payload(&self, id: u64, arg: &Bytes) -> Payload {
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
    pub(super) fn release_arg(&self, id: u64) {
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

    pub(super) fn join_threads(&self) {
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
    pub(super) fn stop_workers(&self, sig: libc::c_int, how: &'static str) {
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
    pub(super) fn break_pool(
        &self,
        st: &mut State,
        reason: String,
        failures: &mut Vec<(Job, Error)>,
    ) {
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
pub(super) fn fail_all(failures: Vec<(Job, Error)>) {
    for (job, err) in failures {
        job.completer.finish(Err(err));
    }
}
