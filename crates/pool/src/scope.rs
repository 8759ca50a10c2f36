//! Scoped tasks: closures that borrow from the caller's stack, as `std::thread::scope` allows for
//! threads. The scope does not return until every task it queued has been run or discarded and its
//! closure dropped, so no borrow outlives the data it points to.

use crate::error::Error;
use crate::executor::Inner;
use crate::future::{Future, lock};
use crate::task::{Job, Runnable, task_unchecked};
use std::fmt;
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Arc, Condvar, Mutex};

/// Counts the scope's jobs still alive in the pool.
struct Tracker {
    live: Mutex<usize>,
    all_gone: Condvar,
}

/// Held by each queued scoped job; dropped (last) when the job has been run or discarded.
struct Token(Arc<Tracker>);

impl Drop for Token {
    fn drop(&mut self) {
        let mut live = lock(&self.0.live);
        *live -= 1;
        if *live == 0 {
            self.0.all_gone.notify_all();
        }
    }
}

/// A scoped job: the task, then the token, so the token is dropped after the task's closure and the
/// pool's reference to the task's allocation.
struct ScopedJob {
    job: Job,
    _token: Token,
}

impl Runnable for ScopedJob {
    fn run(&self, before_complete: &dyn Fn()) {
        self.job.run(before_complete);
    }
    fn fail(&self, error: Error) {
        self.job.fail(error);
    }
    fn cancel_queued(&self) {
        self.job.cancel_queued();
    }
}

/// Submits tasks that may borrow anything that outlives `'env`; see [`crate::ThreadPoolExecutor::scope`].
pub struct Scope<'scope, 'env: 'scope> {
    inner: &'env Arc<Inner>,
    tracker: Arc<Tracker>,
    _scope: PhantomData<&'scope mut &'scope ()>,
    _env: PhantomData<&'env mut &'env ()>,
}

impl fmt::Debug for Scope<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope")
            .field("live_tasks", &*lock(&self.tracker.live))
            .finish()
    }
}

impl<'scope, 'env> Scope<'scope, 'env> {
    pub(crate) fn run<B, R>(inner: &'env Arc<Inner>, body: B) -> R
    where
        B: for<'s> FnOnce(&'s Scope<'s, 'env>) -> R,
    {
        let scope = Scope {
            inner,
            tracker: Arc::new(Tracker {
                live: Mutex::new(0),
                all_gone: Condvar::new(),
            }),
            _scope: PhantomData,
            _env: PhantomData,
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| body(&scope)));
        let mut live = lock(&scope.tracker.live);
        while *live > 0 {
            live = scope
                .tracker
                .all_gone
                .wait(live)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        drop(live);
        match outcome {
            Ok(r) => r,
            Err(payload) => resume_unwind(payload),
        }
    }

    /// Schedules `f`, which may borrow data living for `'env`, and returns its future.
    ///
    /// # Errors
    /// As [`crate::ThreadPoolExecutor::submit`].
    pub fn submit<F, T>(&'scope self, f: F) -> Result<Future<T>, Error>
    where
        F: FnOnce() -> T + Send + 'scope,
        T: Send + 'scope,
    {
        // SAFETY: the closure may borrow data of lifetime 'scope. The job holding it carries a `Token`,
        // and `Scope::run` does not return (so 'scope does not end) before every token was dropped. A
        // token is dropped only after its job ran or was discarded and the pool dropped its reference: the
        // job always takes its closure out (consuming or dropping it) when run, failed or cancelled, and
        // every queued job is eventually dequeued by a worker or by the shutdown drain.
        let (future, job) = unsafe { task_unchecked(f) };
        *lock(&self.tracker.live) += 1;
        let scoped: Job = Arc::new(ScopedJob {
            job,
            _token: Token(Arc::clone(&self.tracker)),
        });
        self.inner.submit_job(scoped)?;
        Ok(future)
    }
}
