//! A thread-pool task: the closure lives in the same allocation as its future, and the queue holds that
//! allocation as a type-erased [`Runnable`]. One allocation per `submit`.

use crate::error::{Error, panic_message};
use crate::future::{Future, Payload, Shared};
use std::cell::UnsafeCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

/// What a worker can do with a queued task, whatever its closure and result types.
pub(crate) trait Runnable: Send + Sync {
    /// Runs the task unless it was cancelled; either way the closure is consumed or dropped here.
    /// `before_complete` is called once, just before the future completes (or right away if it was
    /// cancelled): the worker marks itself idle there, so a caller woken by the result sees it idle.
    fn run(&self, before_complete: &dyn Fn());
    /// Completes the task with `error` without running it (a broken pool), dropping the closure.
    fn fail(&self, error: Error);
    /// Cancels the task if it has not started (shutdown with `cancel_futures`), dropping the closure.
    fn cancel_queued(&self);
}

/// The queue's element: a runnable task.
pub(crate) type Job = Arc<dyn Runnable>;

/// The closure slot. Only the worker that dequeued the job touches it.
pub(crate) struct Closure<F>(UnsafeCell<Option<F>>);

// SAFETY: the closure is taken out exactly once, by the single owner of the dequeued job (a worker or the
// shutdown drain); nobody else accesses the cell.
unsafe impl<F: Send> Sync for Closure<F> {}

impl<F> Closure<F> {
    /// SAFETY: the caller must be the unique consumer of the job (it dequeued it).
    unsafe fn take(&self) -> Option<F> {
        // SAFETY: guaranteed by the caller.
        unsafe { (*self.0.get()).take() }
    }
}

impl<T, F> Runnable for Shared<T, Closure<F>>
where
    F: FnOnce() -> T + Send,
    T: Send,
{
    fn run(&self, before_complete: &dyn Fn()) {
        // SAFETY: `run` is called once, by the worker that dequeued this job.
        let f = unsafe { self.payload.take() };
        let Some(f) = f.filter(|_| self.core.start()) else {
            before_complete();
            return; // cancelled while queued: the closure is dropped unrun
        };
        let outcome = catch_unwind(AssertUnwindSafe(f)).map_err(|payload| Error::Panicked {
            message: panic_message(&*payload),
        });
        before_complete();
        // We started it, so we are its only completer and it cannot be cancelled: this cannot fail.
        let _ = self.complete(outcome);
    }

    fn fail(&self, error: Error) {
        // SAFETY: called once, by the unique owner of the dequeued job.
        drop(unsafe { self.payload.take() });
        if self.core.start() {
            let _ = self.complete(Err(error));
        }
    }

    fn cancel_queued(&self) {
        // SAFETY: called once, by the unique owner of the dequeued job.
        drop(unsafe { self.payload.take() });
        self.core.cancel();
    }
}

/// Builds a task: its future and the job that runs it, sharing one allocation.
pub(crate) fn task<F, T>(f: F) -> (Future<T>, Job)
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // SAFETY: everything is 'static, so no lifetime is extended.
    unsafe { task_unchecked(f) }
}

/// [`task`] for a closure and result that borrow data of lifetime `'a` (scoped tasks).
///
/// # Safety
/// The returned job must be dropped, and the closure run or dropped through it, before `'a` ends; the
/// future may outlive that only if `T` does not borrow (its type still carries `'a`).
pub(crate) unsafe fn task_unchecked<'a, F, T>(f: F) -> (Future<T>, Job)
where
    F: FnOnce() -> T + Send + 'a,
    T: Send + 'a,
{
    let shared = Arc::new(Shared::new(Closure(UnsafeCell::new(Some(f)))));
    let payload: Arc<Shared<T, dyn Payload + 'a>> = shared.clone();
    let job: Arc<dyn Runnable + 'a> = shared;
    // SAFETY: only the trait objects' lifetime bounds change (identical layout); the caller guarantees
    // that the closure is gone before 'a ends, and the closure slot is empty from then on.
    unsafe {
        let payload: Arc<Shared<T, dyn Payload>> = std::mem::transmute(payload);
        let job: Job = std::mem::transmute(job);
        (Future { shared: payload }, job)
    }
}
