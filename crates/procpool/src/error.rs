//! `procpool`'s own failures. A task's future reports them as `pool::Error::Failed`, so callers get them
//! back with `err.downcast_ref::<procpool::ProcessError>()`; the generic cases (shutdown, cancellation, a
//! broken pool, a panic in the task) use `pool::Error`'s own variants.

use std::fmt;

/// How a worker process ended: its exit code, or the signal that killed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// The process called `exit(code)` (or returned from `main`).
    Code(i32),
    /// The process was killed by this signal (`SIGKILL` = 9, `SIGABRT` = 6, `SIGSEGV` = 11...).
    Signal(i32),
}

impl ExitStatus {
    pub(crate) fn from_std(status: std::process::ExitStatus) -> Self {
        use std::os::unix::process::ExitStatusExt;
        match (status.code(), status.signal()) {
            (Some(code), _) => ExitStatus::Code(code),
            (None, Some(sig)) => ExitStatus::Signal(sig),
            (None, None) => ExitStatus::Code(-1),
        }
    }
}

impl fmt::Display for ExitStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ExitStatus::Code(code) => write!(f, "exit code {code}"),
            ExitStatus::Signal(sig) => write!(f, "signal {sig} ({})", signal_name(sig)),
        }
    }
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGKILL => "SIGKILL",
        libc::SIGABRT => "SIGABRT",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGTERM => "SIGTERM",
        libc::SIGINT => "SIGINT",
        libc::SIGILL => "SIGILL",
        libc::SIGFPE => "SIGFPE",
        libc::SIGPIPE => "SIGPIPE",
        _ => "signal",
    }
}

/// What went wrong with a task or a worker process. Reached through
/// [`pool::Error::downcast_ref`] on the error a [`pool::Future`] returns.
///
/// ```
/// # fn check(err: &pool::Error) {
/// if let Some(procpool::ProcessError::WorkerDied { pid, status, .. }) = err.downcast_ref() {
///     eprintln!("worker {pid} died: {status}");
/// }
/// # }
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ProcessError {
    /// The worker running this task died (killed by a signal, `abort`, `exit`, the OOM killer). Only the
    /// task it was running fails; a replacement worker takes over the queue.
    #[error(
        "worker process {pid} died while running this task ({status}{}); a replacement worker was started for the remaining tasks",
        cause.map(|c| format!(": {c}")).unwrap_or_default()
    )]
    WorkerDied {
        /// The dead worker's process id.
        pid: u32,
        /// Its exit code or the signal that killed it.
        status: ExitStatus,
        /// What the worker said before dying, when it could tell: `"stack overflow"` for a task that
        /// overflowed its stack (reported as SIGSEGV otherwise).
        cause: Option<&'static str>,
    },
    /// The task ran longer than its per-task timeout; its worker was killed and replaced.
    #[error(
        "the task ran longer than its {timeout:?} task timeout, so worker process {pid} was killed and replaced"
    )]
    TaskTimedOut {
        /// The task timeout that was exceeded.
        timeout: std::time::Duration,
        /// The worker that was killed.
        pid: u32,
    },
    /// A worker process could not be started, or did not check in before the start-up deadline.
    #[error("could not start a worker process: {reason}")]
    WorkerStartFailed {
        /// What happened (spawn error, early exit with its status, or the deadline).
        reason: String,
    },
    /// The initializer failed (returned an error or panicked) in a worker: as in CPython, the pool is
    /// broken.
    #[error("the worker initializer failed: {message}")]
    InitializerFailed {
        /// The initializer's error or panic message.
        message: String,
    },
    /// The task's argument could not be serialised in this process (or deserialised in the worker).
    #[error(
        "could not pass the argument of type {type_name} to the worker: {message}; use a type whose serde implementation round-trips"
    )]
    Argument {
        /// The argument type.
        type_name: &'static str,
        /// The serde error.
        message: String,
    },
    /// The task's result could not be serialised in the worker (or deserialised here).
    #[error(
        "could not bring the result of type {type_name} back from the worker: {message}; use a type whose serde implementation round-trips"
    )]
    Result {
        /// The result type.
        type_name: &'static str,
        /// The serde error.
        message: String,
    },
    /// The function cannot be sent to another process: it is a closure that captures variables, or it
    /// does not live in this executable (a shared library).
    #[error(
        "{type_name} cannot run in a worker process: {why}; pass a plain `fn` item or a non-capturing closure, and send data through the argument"
    )]
    NotSendable {
        /// The function's type.
        type_name: &'static str,
        /// Why it was refused.
        why: &'static str,
    },
    /// The worker was stopped by `terminate_workers()` / `kill_workers()` while running this task.
    #[error("the worker running this task was stopped by {how}()")]
    Terminated {
        /// `terminate_workers` or `kill_workers`.
        how: &'static str,
    },
    /// A communication failure with a worker (a socket error other than the worker dying).
    #[error("lost contact with worker process {pid}: {message}")]
    Channel {
        /// The worker's process id.
        pid: u32,
        /// What the channel reported.
        message: String,
    },
    /// `ProcessPoolExecutor` was used in a process started as a worker whose `procpool::init()` never
    /// ran (built without the `startup-hook` feature and `init()` is not the first thing in `main`).
    #[error(
        "this process was started as a procpool worker but procpool::init() did not run; call procpool::init() first thing in main"
    )]
    InitNotCalled,
}
