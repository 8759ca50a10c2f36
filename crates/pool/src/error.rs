//! The one error type of `pool`, shared with `procpool` through the common [`crate::Future`] handle.
//!
//! Python raises `TimeoutError`, `CancelledError`, `BrokenExecutor`, `InvalidStateError` and
//! `RuntimeError("cannot schedule new futures after shutdown")`; here each is a variant of [`Error`].

use std::sync::Arc;
use std::time::Duration;

/// Everything that can go wrong with an executor or a future.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Python's `TimeoutError`: the wait ran out before the future completed. The future is unchanged
    /// and can be waited on again.
    #[error(
        "timed out after {0:?} waiting for the future; it is still pending or running, wait again or cancel it"
    )]
    Timeout(Duration),
    /// Python's `CancelledError`: the task was cancelled before it started, so it never ran.
    #[error("the task was cancelled before it started, so it has no result")]
    Cancelled,
    /// The task panicked; the message is the panic payload (`&str` or `String`), else a placeholder.
    /// The worker that ran it survives.
    #[error("the task panicked: {message}")]
    Panicked {
        /// The panic message.
        message: String,
    },
    /// Python's `BrokenThreadPool` / `BrokenProcessPool`: the executor can no longer run work (an
    /// initializer failed, or a process pool with the break-the-pool policy lost a worker).
    #[error("the executor is broken and cannot run work: {reason}; create a new executor")]
    Broken {
        /// Why the executor broke.
        reason: String,
    },
    /// Python's `RuntimeError('cannot schedule new futures after shutdown')`.
    #[error(
        "cannot schedule new futures after shutdown; submit before calling shutdown() or dropping the executor"
    )]
    Shutdown,
    /// `take_result()` (or `.await`) already moved the value out of this future.
    #[error(
        "the result of this future was already moved out by take_result() or .await; keep that value, or use result() on a Clone value"
    )]
    ResultTaken,
    /// Python's `InvalidStateError`: e.g. completing a promise twice.
    #[error("invalid state: {0}")]
    InvalidState(String),
    /// A bad argument (a worker count of zero, a wait fraction out of range...), saying what was wrong.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The operating system refused to start a worker thread.
    #[error("could not start a worker thread: {0}")]
    Spawn(Arc<std::io::Error>),
    /// An executor-specific failure (for example `procpool`'s "worker process died"), kept as its typed
    /// error so callers can downcast it with [`Error::downcast_ref`].
    #[error("{0}")]
    Failed(Arc<dyn std::error::Error + Send + Sync + 'static>),
}

impl Error {
    /// Wraps an executor-specific error as [`Error::Failed`].
    pub fn failed<E: std::error::Error + Send + Sync + 'static>(err: E) -> Self {
        Error::Failed(Arc::new(err))
    }

    /// The executor-specific error inside [`Error::Failed`], if it is an `E`.
    pub fn downcast_ref<E: std::error::Error + 'static>(&self) -> Option<&E> {
        match self {
            Error::Failed(inner) => inner.downcast_ref::<E>(),
            _ => None,
        }
    }

    /// Whether this is Python's `TimeoutError`.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    /// Whether this is Python's `CancelledError`.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Error::Cancelled)
    }
}

/// Turns a panic payload into the message Python users would see in the traceback.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}
