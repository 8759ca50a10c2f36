//! The future handle shared by every executor: [`Future`] (what callers hold) and [`Promise`] (what an
//! executor completes). `procpool` completes the same futures from its result-reader thread, so `wait`,
//! `as_completed`, callbacks and `.await` work across executors.
//!
//! One allocation holds the state word, the waiter list, the result slots and (for thread-pool tasks) the
//! task closure itself. Completion is one compare-and-swap when nobody waits; the waiter list's mutex is
//! touched only when a waiter registered (the `HAS_WAITERS` bit), so the hot path of a pool that is
//! collected after the fact stays lock-free.

use crate::error::{Error, panic_message};
use std::cell::UnsafeCell;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread::Thread;
use std::time::{Duration, Instant};

const PENDING: u8 = 0;
const RUNNING: u8 = 1;
const FINISHED: u8 = 2;
const FAILED: u8 = 3;
const CANCELLED: u8 = 4;
const STATE_MASK: u8 = 0b0111;
/// Set (under the waiter mutex) once anybody registered a waiter; completion then drains the list.
const HAS_WAITERS: u8 = 0b1000;

fn is_done(state: u8) -> bool {
    state & STATE_MASK >= FINISHED
}

/// Locks a mutex whose data stays consistent even if a holder panicked (we never panic while holding it
/// in a way that breaks invariants; user callbacks run outside the lock).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Something to wake when a future completes.
enum Waiter {
    /// A thread blocked in `result()` / `exception()` / `Future::wait`.
    Thread(Thread),
    /// A `wait()` or `as_completed()` call watching many futures; the index names this future there.
    Set(Arc<WaitSet>, usize),
    /// An async task `.await`ing the future.
    Waker(Waker),
    /// A done-callback (already bound to its future handle).
    Callback(Box<dyn FnOnce() + Send>),
    /// Not a waiter: the executor's say on `cancel()` (see [`Promise::set_cancel_guard`]). Kept in the
    /// waiter list so futures without one pay nothing for the possibility.
    Guard(CancelGuard),
}

/// Decides whether a pending task can still be cancelled: true if it will now never start, false if it
/// already started somewhere the future's state does not show yet (another process).
type CancelGuard = Arc<dyn Fn() -> bool + Send + Sync>;

/// The untyped part of every future: its state and who waits for it. `wait` and `as_completed` work on
/// this, which is why they accept futures of different result types together.
pub struct Core {
    state: AtomicU8,
    waiters: Mutex<Vec<Waiter>>,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.state_name())
    }
}

impl Core {
    fn new() -> Self {
        Core {
            state: AtomicU8::new(PENDING),
            waiters: Mutex::new(Vec::new()),
        }
    }

    fn load(&self) -> u8 {
        self.state.load(Ordering::Acquire) & STATE_MASK
    }

    pub(crate) fn done(&self) -> bool {
        is_done(self.load())
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.load() == CANCELLED
    }

    pub(crate) fn running(&self) -> bool {
        self.load() == RUNNING
    }

    /// Finished with an error (not cancelled): what `ReturnWhen::FirstException` waits for.
    pub(crate) fn failed(&self) -> bool {
        self.load() == FAILED
    }

    fn state_name(&self) -> &'static str {
        match self.load() {
            PENDING => "pending",
            RUNNING => "running",
            FINISHED => "finished",
            FAILED => "finished with an error",
            _ => "cancelled",
        }
    }

    /// Moves the state from one of `from` to `to`, keeping the waiter bit. Returns the previous state
    /// (with the bit) on success.
    fn transition(&self, from: &[u8], to: u8) -> Result<u8, u8> {
        self.state
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                from.contains(&(s & STATE_MASK))
                    .then_some((s & HAS_WAITERS) | to)
            })
    }

    /// PENDING -> RUNNING. False if the future was cancelled (or already started or done).
    pub(crate) fn start(&self) -> bool {
        self.transition(&[PENDING], RUNNING).is_ok()
    }

    /// The executor's cancel guard, if it registered one and the future is not done.
    fn guard(&self) -> Option<CancelGuard> {
        if self.state.load(Ordering::Acquire) & HAS_WAITERS == 0 {
            return None;
        }
        lock(&self.waiters).iter().find_map(|w| match w {
            Waiter::Guard(g) => Some(Arc::clone(g)),
            _ => None,
        })
    }

    /// Python's `cancel()`: true if the future is (now) cancelled. A future whose executor registered a
    /// cancel guard asks it first: when the task already started, the future becomes running instead.
    pub(crate) fn cancel(&self) -> bool {
        if self.load() == PENDING {
            if let Some(guard) = self.guard() {
                if !guard() {
                    let _ = self.transition(&[PENDING], RUNNING);
                    return self.cancelled();
                }
            }
        }
        match self.transition(&[PENDING], CANCELLED) {
            Ok(prev) => {
                self.wake_all(prev);
                true
            }
            Err(now) => now & STATE_MASK == CANCELLED,
        }
    }

    /// Registers `w`, or hands it back if the future is already done.
    fn register(&self, w: Waiter) -> Result<(), Waiter> {
        let mut list = lock(&self.waiters);
        let prev = self.state.fetch_or(HAS_WAITERS, Ordering::AcqRel);
        if is_done(prev) {
            return Err(w);
        }
        list.push(w);
        Ok(())
    }

    /// Removes the waiters `matches` selects (a timed-out wait cleaning up after itself).
    fn unregister(&self, matches: impl Fn(&Waiter) -> bool) {
        lock(&self.waiters).retain(|w| !matches(w));
    }

    /// Wakes everybody after a transition to a done state whose previous state word was `prev`.
    fn wake_all(&self, prev: u8) {
        if prev & HAS_WAITERS == 0 {
            return;
        }
        let waiters = std::mem::take(&mut *lock(&self.waiters));
        let failed = self.failed();
        for w in waiters {
            match w {
                Waiter::Thread(t) => t.unpark(),
                Waiter::Set(set, index) => set.notify(index, failed),
                Waiter::Waker(w) => w.wake(),
                Waiter::Callback(cb) => run_callback(cb),
                Waiter::Guard(_) => {}
            }
        }
    }

    /// Blocks until done or until `deadline`; true if done. Spins and yields briefly first: a task that
    /// is about to finish then costs no park/unpark system calls.
    fn block_until_done(&self, deadline: Option<Instant>) -> bool {
        let backoff = crossbeam_utils::Backoff::new();
        while !backoff.is_completed() {
            if self.done() {
                return true;
            }
            backoff.snooze();
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return self.done();
        }
        let me = std::thread::current();
        let id = me.id();
        if self.register(Waiter::Thread(me)).is_err() {
            return true;
        }
        loop {
            if self.done() {
                return true;
            }
            match deadline {
                None => std::thread::park(),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        self.unregister(|w| matches!(w, Waiter::Thread(t) if t.id() == id));
                        return self.done();
                    }
                    std::thread::park_timeout(d - now);
                }
            }
        }
    }
}

/// Runs a done-callback, catching and reporting a panic as Python logs an exception raised in one.
fn run_callback(cb: Box<dyn FnOnce() + Send>) {
    if let Err(payload) = catch_unwind(AssertUnwindSafe(cb)) {
        let n = CALLBACK_PANICS.fetch_add(1, Ordering::Relaxed) + 1;
        eprintln!(
            "pool: exception calling callback for future: the callback panicked: {} (callback panics so far: {n})",
            panic_message(&*payload)
        );
    }
}

static CALLBACK_PANICS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many done-callbacks have panicked in this process. A panicking callback is caught, reported on
/// stderr (as Python logs it) and counted here; it never takes a worker down.
pub fn callback_panic_count() -> usize {
    CALLBACK_PANICS.load(Ordering::Relaxed)
}

/// Marker for whatever else lives in a future's allocation (the task closure of a thread-pool task).
pub(crate) trait Payload: Send + Sync {}
impl<P: Send + Sync + ?Sized> Payload for P {}

/// The allocation behind a future: core, result slots and the executor's payload `P`.
pub(crate) struct Shared<T, P: ?Sized = dyn Payload> {
    pub(crate) core: Core,
    value: UnsafeCell<Option<T>>,
    /// Boxed: failures are rare, and a smaller allocation spans fewer cache lines on the hot path.
    error: UnsafeCell<Option<Box<Error>>>,
    /// Who may touch `value` after completion: [`FREE`], [`CLONING`] (one `result()` is cloning it)
    /// or [`TAKEN`] (`take_result()` moved it out). A tiny lock: a clone and a move never overlap.
    access: AtomicU8,
    pub(crate) payload: P,
}

/// `value` is free: nobody clones or moves it now.
const FREE: u8 = 0;
/// One `result()` call is cloning `value`.
const CLONING: u8 = 1;
/// `take_result()` (or `.await`) moved `value` out.
const TAKEN: u8 = 2;

// SAFETY: the slots are written only by the unique completer before the state becomes FINISHED/FAILED
// (Release), and read only after observing that state (Acquire). After completion `value` is touched
// only by whoever moved `access` from FREE to CLONING (a shared borrow, for one clone, then back to
// FREE) or from FREE to TAKEN (moved out, once): at most one thread at a time, so a `&Shared` never
// shares a `&T` between threads and `T: Send` suffices. `error` is never written after completion.
unsafe impl<T: Send, P: Send + Sync + ?Sized> Sync for Shared<T, P> {}
// SAFETY: as above; moving the allocation between threads moves a `T`.
unsafe impl<T: Send, P: Send + ?Sized> Send for Shared<T, P> {}

impl<T, P> Shared<T, P> {
    pub(crate) fn new(payload: P) -> Self {
        Shared {
            core: Core::new(),
            value: UnsafeCell::new(None),
            error: UnsafeCell::new(None),
            access: AtomicU8::new(FREE),
            payload,
        }
    }
}

impl<T, P: ?Sized> Shared<T, P> {
    /// Completes the future. The caller must be its only completer (the worker that started it, or the
    /// owner of its `Promise`). Fails with `InvalidState` when the future is cancelled or already done.
    pub(crate) fn complete(&self, outcome: Result<T, Error>) -> Result<(), Error> {
        let state = self.core.load();
        if is_done(state) {
            return Err(Error::InvalidState(format!(
                "cannot set the result of a future that is already {}",
                self.core.state_name()
            )));
        }
        let to = match outcome {
            // SAFETY: we are the only completer and the state is not yet done, so nobody reads the slots.
            Ok(v) => unsafe {
                *self.value.get() = Some(v);
                FINISHED
            },
            // SAFETY: as above.
            Err(e) => unsafe {
                *self.error.get() = Some(Box::new(e));
                FAILED
            },
        };
        match self.core.transition(&[PENDING, RUNNING], to) {
            Ok(prev) => {
                self.core.wake_all(prev);
                Ok(())
            }
            // Cancelled between the check and the swap: the slot is dropped with the allocation.
            Err(_) => Err(Error::InvalidState(
                "cannot set the result of a cancelled future".into(),
            )),
        }
    }

    /// Moves `access` from FREE to `to`, waiting out a clone in progress; false if the value was taken.
    fn acquire(&self, to: u8) -> bool {
        let backoff = crossbeam_utils::Backoff::new();
        loop {
            match self
                .access
                .compare_exchange_weak(FREE, to, Ordering::Acquire, Ordering::Acquire)
            {
                Ok(_) => return true,
                Err(TAKEN) => return false,
                Err(_) => backoff.snooze(),
            }
        }
    }

    /// The outcome, if done: moves the value out (once), clones an error.
    fn take_outcome(&self) -> Result<T, Error> {
        match self.core.load() {
            FINISHED => {
                if !self.acquire(TAKEN) {
                    return Err(Error::ResultTaken);
                }
                // SAFETY: FINISHED was observed with Acquire, so the value is written; we moved `access`
                // to TAKEN, so nobody else reads or moves it, now or later.
                unsafe { (*self.value.get()).take() }.ok_or(Error::ResultTaken)
            }
            _ => self.failure(),
        }
    }

    /// The outcome, if done: a clone of the value (any number of times, from any thread), or the
    /// error. `ResultTaken` only if the value was moved out by `take_result`.
    fn clone_outcome(&self) -> Result<T, Error>
    where
        T: Clone,
    {
        match self.core.load() {
            FINISHED => {
                if !self.acquire(CLONING) {
                    return Err(Error::ResultTaken);
                }
                /// Frees the value again even if `T::clone` panics.
                struct Release<'a>(&'a AtomicU8);
                impl Drop for Release<'_> {
                    fn drop(&mut self) {
                        self.0.store(FREE, Ordering::Release);
                    }
                }
                let _release = Release(&self.access);
                // SAFETY: FINISHED was observed with Acquire, so the value is written; we hold CLONING,
                // so nobody else touches it until `_release` drops after the clone.
                unsafe { (*self.value.get()).as_ref() }
                    .cloned()
                    .ok_or(Error::ResultTaken)
            }
            _ => self.failure(),
        }
    }

    /// The outcome of a future that did not finish with a value.
    fn failure(&self) -> Result<T, Error> {
        match self.core.load() {
            FAILED => Err(self.error_ref().cloned().unwrap_or(Error::Cancelled)),
            CANCELLED => Err(Error::Cancelled),
            _ => Err(Error::InvalidState("the future is not done yet".into())),
        }
    }

    fn error_ref(&self) -> Option<&Error> {
        if self.core.load() != FAILED {
            return None;
        }
        // SAFETY: FAILED observed with Acquire: the error slot is written and never changes again.
        unsafe { (*self.error.get()).as_deref() }
    }
}

/// A handle on the eventual result of a task: Python's `concurrent.futures.Future`.
///
/// Handles are cheap to clone and all refer to the same task. The Python methods map as follows:
///
/// | Python | Rust |
/// |---|---|
/// | `f.result(timeout=None)` | [`Future::result`]`(None)` / `(Some(d))` (`T: Clone`: the value every time, from any thread); [`Future::take_result`] moves it out once, for any `T` |
/// | `f.exception(timeout=None)` | [`Future::exception`] |
/// | `f.cancel()`, `f.cancelled()`, `f.running()`, `f.done()` | same names |
/// | `f.add_done_callback(fn)` | [`Future::add_done_callback`] |
/// | `await asyncio.wrap_future(f)` | `f.await` (this type implements [`std::future::Future`]) |
pub struct Future<T> {
    pub(crate) shared: Arc<Shared<T>>,
}

impl<T> Clone for Future<T> {
    fn clone(&self) -> Self {
        Future {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T> fmt::Debug for Future<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "<Future at {:p} state={}>",
            Arc::as_ptr(&self.shared),
            self.shared.core.state_name()
        )
    }
}

impl<T> Future<T> {
    fn deadline(timeout: Option<Duration>) -> Option<Instant> {
        deadline_after(timeout)
    }

    /// Waits up to `timeout` (forever with `None`) for the task, then returns a clone of its value:
    /// Python's `result(timeout)`, which gives the value every time it is called, from any thread and
    /// any handle. For a value that is not `Clone` (or too big to copy), use
    /// [`take_result`](Future::take_result), which moves it out instead.
    ///
    /// A timeout too long for the clock (`Duration::MAX`) waits forever; it never panics.
    ///
    /// # Errors
    /// [`Error::Timeout`] if the task is still pending or running when the time is up (the future is
    /// unchanged; wait again or cancel it); [`Error::Cancelled`] if it was cancelled; the task's own
    /// failure ([`Error::Panicked`], [`Error::Broken`], an executor's [`Error::Failed`]), every time;
    /// [`Error::ResultTaken`] only if `take_result` (or `.await`) already moved the value out.
    ///
    /// ```
    /// let executor = pool::ThreadPoolExecutor::new(1)?;
    /// let future = executor.submit(|| vec![1, 2, 3])?;
    /// let again = future.clone();
    /// assert_eq!(future.result(None)?, [1, 2, 3]);
    /// assert_eq!(std::thread::spawn(move || again.result(None)).join().unwrap()?, [1, 2, 3]);
    /// # Ok::<(), pool::Error>(())
    /// ```
    pub fn result(&self, timeout: Option<Duration>) -> Result<T, Error>
    where
        T: Clone,
    {
        if !self.shared.core.block_until_done(Self::deadline(timeout)) {
            return Err(Error::Timeout(timeout.unwrap_or_default()));
        }
        self.shared.clone_outcome()
    }

    /// Waits like [`result`](Future::result), then moves the value out of the future, for values that
    /// are not `Clone` or are costly to copy. It succeeds once: a later `take_result` or `result` on any
    /// handle returns [`Error::ResultTaken`]. Failures are reported every time.
    ///
    /// # Errors
    /// As [`result`](Future::result), and [`Error::ResultTaken`] if the value was already moved out.
    ///
    /// ```
    /// let executor = pool::ThreadPoolExecutor::new(1)?;
    /// let future = executor.submit(|| std::sync::Mutex::new(7))?; // a Mutex is not Clone
    /// assert_eq!(future.take_result(None)?.into_inner().unwrap(), 7);
    /// assert!(matches!(future.take_result(None), Err(pool::Error::ResultTaken)));
    /// # Ok::<(), pool::Error>(())
    /// ```
    pub fn take_result(&self, timeout: Option<Duration>) -> Result<T, Error> {
        if !self.shared.core.block_until_done(Self::deadline(timeout)) {
            return Err(Error::Timeout(timeout.unwrap_or_default()));
        }
        self.shared.take_outcome()
    }

    /// Waits like [`Future::result`], then returns the task's failure, or `None` if it succeeded: Python's
    /// `exception(timeout)`. It does not take the value.
    ///
    /// # Errors
    /// [`Error::Timeout`] and [`Error::Cancelled`], as Python raises them.
    pub fn exception(&self, timeout: Option<Duration>) -> Result<Option<Error>, Error> {
        if !self.shared.core.block_until_done(Self::deadline(timeout)) {
            return Err(Error::Timeout(timeout.unwrap_or_default()));
        }
        if self.shared.core.cancelled() {
            return Err(Error::Cancelled);
        }
        Ok(self.shared.error_ref().cloned())
    }

    /// Waits up to `timeout` for the future to finish or be cancelled; true if it is done. Unlike
    /// `result`, this neither takes the value nor reports the outcome.
    pub fn wait(&self, timeout: Option<Duration>) -> bool {
        self.shared.core.block_until_done(Self::deadline(timeout))
    }

    /// Cancels the task if it has not started: true if it is now cancelled, false if it is running or
    /// finished (Python's `cancel()`). Waiters and callbacks are notified at once.
    pub fn cancel(&self) -> bool {
        self.shared.core.cancel()
    }

    /// True if the task was cancelled.
    pub fn cancelled(&self) -> bool {
        self.shared.core.cancelled()
    }

    /// True while the task is running (it can no longer be cancelled).
    pub fn running(&self) -> bool {
        self.shared.core.running()
    }

    /// True once the task finished (successfully or not) or was cancelled.
    pub fn done(&self) -> bool {
        self.shared.core.done()
    }

    /// Calls `callback` with this future once it is done: at once, on this thread, if it already is;
    /// otherwise on the thread that completes or cancels it. Callbacks run in the order they were added.
    /// A panicking callback is caught and reported on stderr (see [`callback_panic_count`]); it never
    /// kills a worker.
    ///
    /// A callback that calls [`Future::take_result`] moves the value out; [`Future::result`] (a clone),
    /// [`Future::exception`] and [`Future::done`] leave it for others.
    pub fn add_done_callback<F>(&self, callback: F)
    where
        F: FnOnce(&Future<T>) + Send + 'static,
        T: Send + 'static,
    {
        let me = self.clone();
        let cb: Box<dyn FnOnce() + Send> = Box::new(move || callback(&me));
        if let Err(Waiter::Callback(cb)) = self.shared.core.register(Waiter::Callback(cb)) {
            run_callback(cb);
        }
    }

    pub(crate) fn core(&self) -> &Core {
        &self.shared.core
    }
}

/// The instant `timeout` from now; `None` (no deadline) for no timeout and for one so long that the
/// clock cannot represent its end (`Duration::MAX`): waiting that long is waiting forever. Never panics.
pub(crate) fn deadline_after(timeout: Option<Duration>) -> Option<Instant> {
    timeout.and_then(|t| Instant::now().checked_add(t))
}

impl<T> std::future::Future for Future<T> {
    type Output = Result<T, Error>;

    /// Resolves when the task is done, with what [`Future::take_result`] would return (the value is
    /// moved out). Dropping the `.await` does not cancel the task.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let core = &self.shared.core;
        if !core.done() {
            // Replace an older waker of the same task rather than piling them up across polls.
            core.unregister(|w| matches!(w, Waiter::Waker(old) if old.will_wake(cx.waker())));
            if core.register(Waiter::Waker(cx.waker().clone())).is_ok() {
                return Poll::Pending;
            }
        }
        Poll::Ready(self.shared.take_outcome())
    }
}

/// The completing side of a [`Future`], for executors other than the thread pool (`procpool` uses it):
/// Python's `set_running_or_notify_cancel`, `set_result` and `set_exception`.
///
/// Dropping a promise that was never completed completes its future with [`Error::Broken`], so a
/// waiter can never hang on a task its executor lost.
///
/// ```
/// let (promise, future) = pool::Promise::new();
/// std::thread::spawn(move || {
///     if promise.set_running_or_notify_cancel() {
///         let _ = promise.set_result(6 * 7);
///     }
/// });
/// assert_eq!(future.result(None).unwrap(), 42);
/// ```
pub struct Promise<T> {
    shared: Arc<Shared<T>>,
    completed: bool,
}

impl<T> fmt::Debug for Promise<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<Promise state={}>", self.shared.core.state_name())
    }
}

impl<T: Send + 'static> Promise<T> {
    /// A new pending future and the promise that completes it.
    #[allow(clippy::new_ret_no_self)]
    pub fn new() -> (Promise<T>, Future<T>) {
        let shared: Arc<Shared<T>> = Arc::new(Shared::<T, ()>::new(()));
        (
            Promise {
                shared: Arc::clone(&shared),
                completed: false,
            },
            Future { shared },
        )
    }
}

impl<T> Promise<T> {
    /// Marks the future running unless it was cancelled: true if the task should run now (Python's
    /// `set_running_or_notify_cancel`). Once running, the future can no longer be cancelled.
    pub fn set_running_or_notify_cancel(&self) -> bool {
        self.shared.core.start() || self.shared.core.running()
    }

    /// Cancels the future if it has not started running (an executor dropping a queued task): true if
    /// it is now cancelled. Waiters and callbacks are notified at once.
    pub fn cancel(&self) -> bool {
        self.shared.core.cancel()
    }

    /// Routes every `cancel()` of this future (the caller's, and this promise's own
    /// [`cancel`](Promise::cancel)) through `guard` while the future is pending: `guard` returns true if
    /// the task will now never start, so the cancellation goes ahead, or false if it has already started
    /// where the future's state cannot show it yet (a worker process claimed it), so `cancel()` returns
    /// false and the future becomes running. For executors whose tasks start outside this process;
    /// `guard` must not block on anything a done-callback could hold.
    pub fn set_cancel_guard(&self, guard: impl Fn() -> bool + Send + Sync + 'static) {
        let _ = self.shared.core.register(Waiter::Guard(Arc::new(guard)));
    }

    /// True if the future was cancelled (the task need not run).
    pub fn is_cancelled(&self) -> bool {
        self.shared.core.cancelled()
    }

    /// A handle on the future this promise completes.
    pub fn future(&self) -> Future<T> {
        Future {
            shared: Arc::clone(&self.shared),
        }
    }

    /// Completes the future with a value, waking its waiters and running its callbacks.
    ///
    /// # Errors
    /// [`Error::InvalidState`] if the future was cancelled meanwhile.
    pub fn set_result(mut self, value: T) -> Result<(), Error> {
        self.completed = true;
        self.shared.complete(Ok(value))
    }

    /// Completes the future with an error (Python's `set_exception`).
    ///
    /// # Errors
    /// [`Error::InvalidState`] if the future was cancelled meanwhile.
    pub fn set_error(mut self, error: Error) -> Result<(), Error> {
        self.completed = true;
        self.shared.complete(Err(error))
    }
}

impl<T> Drop for Promise<T> {
    fn drop(&mut self) {
        if !self.completed && !self.shared.core.done() {
            let _ = self.shared.complete(Err(Error::Broken {
                reason: "the executor dropped this task without completing it".into(),
            }));
        }
    }
}

/// Many futures watched at once: CPython's `_Waiter`. Completion pushes the future's index and wakes
/// the one thread waiting in `wait` / `as_completed`.
pub(crate) struct WaitSet {
    state: Mutex<WaitState>,
    cv: Condvar,
}

#[derive(Default)]
pub(crate) struct WaitState {
    /// Indices of futures that completed since registration, in completion order.
    pub(crate) completed: Vec<usize>,
    /// How many of them failed (not cancelled).
    pub(crate) failures: usize,
}

impl WaitSet {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(WaitSet {
            state: Mutex::new(WaitState::default()),
            cv: Condvar::new(),
        })
    }

    fn notify(&self, index: usize, failed: bool) {
        let mut s = lock(&self.state);
        s.completed.push(index);
        s.failures += usize::from(failed);
        drop(s);
        self.cv.notify_all();
    }

    /// Registers this set on `core` under `index`; false if the future is already done.
    pub(crate) fn watch(self: &Arc<Self>, core: &Core, index: usize) -> bool {
        core.register(Waiter::Set(Arc::clone(self), index)).is_ok()
    }

    /// Removes this set from `core`'s waiters.
    pub(crate) fn unwatch(self: &Arc<Self>, core: &Core) {
        core.unregister(|w| matches!(w, Waiter::Set(s, _) if Arc::ptr_eq(s, self)));
    }

    /// Waits until `ready` holds or `deadline` passes; returns the guard either way.
    pub(crate) fn wait_until(
        &self,
        deadline: Option<Instant>,
        mut ready: impl FnMut(&WaitState) -> bool,
    ) -> MutexGuard<'_, WaitState> {
        let mut s = lock(&self.state);
        while !ready(&s) {
            match deadline {
                None => s = self.cv.wait(s).unwrap_or_else(PoisonError::into_inner),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        break;
                    }
                    s = self
                        .cv
                        .wait_timeout(s, d - now)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
            }
        }
        s
    }
}
