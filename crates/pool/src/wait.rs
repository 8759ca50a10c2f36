//! Python's module-level `wait` and `as_completed`, for futures from any executor (and of any result
//! type, through [`AnyFuture`]). Both register one waiter on every future and sleep on it: no polling.

use crate::error::Error;
use crate::future::{Core, Future, WaitSet, deadline_after};
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod sealed {
    pub trait Sealed {
        fn core(&self) -> &crate::future::Core;
    }
}

/// Any future, whatever its result type: what [`wait`] and [`as_completed`] accept. Implemented for
/// [`Future<T>`], references to it, boxes and `&dyn AnyFuture`, so futures of different types (and from
/// different executors) can be waited on together.
pub trait AnyFuture: sealed::Sealed {
    /// True once finished or cancelled.
    fn is_done(&self) -> bool {
        self.core().done()
    }
    /// True if cancelled.
    fn is_cancelled(&self) -> bool {
        self.core().cancelled()
    }
    /// True if it finished with an error (not cancelled).
    fn is_failed(&self) -> bool {
        self.core().failed()
    }
    /// Cancels it if it has not started; true if it is now cancelled.
    fn cancel_any(&self) -> bool {
        self.core().cancel()
    }
}

impl<T> sealed::Sealed for Future<T> {
    fn core(&self) -> &Core {
        Future::core(self)
    }
}
impl<T> AnyFuture for Future<T> {}

impl<F: AnyFuture + ?Sized> sealed::Sealed for &F {
    fn core(&self) -> &Core {
        (**self).core()
    }
}
impl<F: AnyFuture + ?Sized> AnyFuture for &F {}

impl<F: AnyFuture + ?Sized> sealed::Sealed for Box<F> {
    fn core(&self) -> &Core {
        (**self).core()
    }
}
impl<F: AnyFuture + ?Sized> AnyFuture for Box<F> {}

/// When [`wait`] returns: Python's `FIRST_COMPLETED`, `FIRST_EXCEPTION`, `ALL_COMPLETED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReturnWhen {
    /// As soon as any future finishes or is cancelled.
    FirstCompleted,
    /// As soon as any future fails; if none fails, when all are done.
    FirstException,
    /// When every future is done.
    #[default]
    AllCompleted,
}

/// What [`wait`] returns: Python's `DoneAndNotDoneFutures`, each list in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoneAndNotDone<F> {
    /// Futures that finished or were cancelled.
    pub done: Vec<F>,
    /// Futures still pending or running.
    pub not_done: Vec<F>,
}

fn core_key(core: &Core) -> usize {
    core as *const Core as usize
}

/// Keeps the first of each future (Python removes duplicates).
fn dedup<F: AnyFuture>(fs: impl IntoIterator<Item = F>) -> Vec<F> {
    let mut seen = HashSet::new();
    fs.into_iter()
        .filter(|f| seen.insert(core_key(f.core())))
        .collect()
}

fn satisfied(fs: &[impl AnyFuture], return_when: ReturnWhen) -> bool {
    match return_when {
        // With nothing to wait for, every given future is done: return at once, as CPython does.
        ReturnWhen::FirstCompleted => fs.is_empty() || fs.iter().any(|f| f.is_done()),
        ReturnWhen::FirstException => {
            fs.iter().any(|f| f.is_failed()) || fs.iter().all(|f| f.is_done())
        }
        ReturnWhen::AllCompleted => fs.iter().all(|f| f.is_done()),
    }
}

/// Waits for futures (Python's `concurrent.futures.wait`): returns when `return_when` is satisfied or
/// `timeout` passes — whichever comes first; a timeout is not an error, the futures are just split into
/// done and not done. Duplicates are removed. With no futures it returns at once, for every
/// `return_when` (CPython returns two empty sets). A `timeout` too long for the clock (`Duration::MAX`)
/// means no deadline.
///
/// ```
/// use pool::{ReturnWhen, ThreadPoolExecutor, wait};
/// let executor = ThreadPoolExecutor::new(2)?;
/// let quick = executor.submit(|| 1)?;
/// let text = executor.submit(|| "two".to_string())?;
/// let futures: [&dyn pool::AnyFuture; 2] = [&quick, &text];
/// let outcome = wait(futures, None, ReturnWhen::AllCompleted);
/// assert_eq!((outcome.done.len(), outcome.not_done.len()), (2, 0));
/// # Ok::<(), pool::Error>(())
/// ```
pub fn wait<F: AnyFuture>(
    fs: impl IntoIterator<Item = F>,
    timeout: Option<Duration>,
    return_when: ReturnWhen,
) -> DoneAndNotDone<F> {
    let fs = dedup(fs);
    if !satisfied(&fs, return_when) && timeout != Some(Duration::ZERO) {
        let deadline = deadline_after(timeout);
        let set = WaitSet::new();
        let mut total_done = 0usize;
        let mut failures = 0usize;
        for (i, f) in fs.iter().enumerate() {
            if !set.watch(f.core(), i) {
                total_done += 1;
                failures += usize::from(f.is_failed());
            }
        }
        let n = fs.len();
        drop(set.wait_until(deadline, |s| {
            let done = total_done + s.completed.len();
            match return_when {
                ReturnWhen::FirstCompleted => done > 0 || done == n,
                ReturnWhen::FirstException => failures + s.failures > 0 || done == n,
                ReturnWhen::AllCompleted => done == n,
            }
        }));
        for f in &fs {
            set.unwatch(f.core());
        }
    }
    let (done, not_done) = fs.into_iter().partition(|f| f.is_done());
    DoneAndNotDone { done, not_done }
}

/// Yields futures as they complete (Python's `as_completed`): those already done first, in input order,
/// then in completion order; duplicates once. If `timeout` (counted from this call) passes first, the
/// iterator yields one `Err(Error::Timeout)` and then ends. With no futures it ends at once; a timeout
/// too long for the clock means no deadline.
///
/// ```
/// use pool::{ThreadPoolExecutor, as_completed};
/// let executor = ThreadPoolExecutor::new(2)?;
/// let futures: Vec<_> = (0..4).map(|i| executor.submit(move || i * 10)).collect::<Result<_, _>>()?;
/// let mut total = 0;
/// for future in as_completed(&futures, None) {
///     total += future?.result(None)?;
/// }
/// assert_eq!(total, 60);
/// # Ok::<(), pool::Error>(())
/// ```
pub fn as_completed<F: AnyFuture>(
    fs: impl IntoIterator<Item = F>,
    timeout: Option<Duration>,
) -> AsCompleted<F> {
    let fs: Vec<Option<F>> = dedup(fs).into_iter().map(Some).collect();
    let set = WaitSet::new();
    let mut ready = VecDeque::new();
    let mut watching = 0;
    for (i, f) in fs.iter().enumerate() {
        let Some(f) = f else { continue };
        if set.watch(f.core(), i) {
            watching += 1;
        } else {
            ready.push_back(i);
        }
    }
    AsCompleted {
        fs,
        set,
        ready,
        consumed: 0,
        watching,
        deadline: deadline_after(timeout),
        timeout,
        finished: false,
    }
}

/// The iterator [`as_completed`] returns.
pub struct AsCompleted<F: AnyFuture> {
    fs: Vec<Option<F>>,
    set: Arc<WaitSet>,
    /// Indices ready to yield.
    ready: VecDeque<usize>,
    /// How many of the wait set's completion records were moved to `ready`.
    consumed: usize,
    /// How many futures still have the wait set registered.
    watching: usize,
    deadline: Option<Instant>,
    timeout: Option<Duration>,
    finished: bool,
}

impl<F: AnyFuture> fmt::Debug for AsCompleted<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsCompleted")
            .field("remaining", &self.fs.iter().filter(|f| f.is_some()).count())
            .field("finished", &self.finished)
            .finish()
    }
}

impl<F: AnyFuture> Iterator for AsCompleted<F> {
    type Item = Result<F, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        if self.ready.is_empty() && self.watching > 0 {
            let consumed = self.consumed;
            let state = self
                .set
                .wait_until(self.deadline, |s| s.completed.len() > consumed);
            let fresh: Vec<usize> = state.completed[consumed..].to_vec();
            drop(state);
            self.consumed += fresh.len();
            self.watching -= fresh.len();
            self.ready.extend(fresh);
        }
        match self.ready.pop_front() {
            Some(i) => self.fs[i].take().map(Ok),
            None if self.watching == 0 => {
                self.finished = true;
                None
            }
            None => {
                self.finished = true;
                self.unwatch_all();
                Some(Err(Error::Timeout(self.timeout.unwrap_or_default())))
            }
        }
    }
}

impl<F: AnyFuture> AsCompleted<F> {
    fn unwatch_all(&mut self) {
        for f in self.fs.iter().flatten() {
            self.set.unwatch(f.core());
        }
        self.watching = 0;
    }
}

impl<F: AnyFuture> Drop for AsCompleted<F> {
    fn drop(&mut self) {
        self.unwatch_all();
    }
}
