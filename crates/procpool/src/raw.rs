//! Function shipping for executors built on top of procpool (`mpipool` uses it across MPI ranks): the
//! same offsets-from-an-anchor description of a task function that procpool sends to its own workers,
//! as a value that can travel anywhere the same executable runs, and a way to run such a description in
//! a [`ProcessPoolExecutor`]'s worker processes.
//!
//! A [`Call`] is valid only in a process running a byte-identical executable: it names code by its
//! offset from a fixed function in this binary. An executor that sends it to another machine must check
//! that the binaries are the same first (mpipool compares build-ids at start-up).
//!
//! ```
//! # procpool::init();
//! use procpool::raw;
//! fn square(x: u64) -> u64 {
//!     x * x
//! }
//! let call = raw::task_call(&square).map_err(pool::Error::failed)?;
//! // ... `call` and the postcard-encoded argument travel to another process of the same binary ...
//! let executor = procpool::ProcessPoolExecutor::new(1)?;
//! let arg = postcard::to_stdvec(&12u64).map_err(|e| pool::Error::InvalidArgument(e.to_string()))?;
//! let bytes = executor.submit_call(call, arg, None)?.result(None)?;
//! let value: u64 = postcard::from_bytes(&bytes).map_err(|e| pool::Error::InvalidArgument(e.to_string()))?;
//! assert_eq!(value, 144);
//! # Ok::<(), pool::Error>(())
//! ```

use crate::error::ProcessError;
use crate::executor::ProcessPoolExecutor;
use crate::func;
use pool::{Error, Future};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::time::Duration;

pub use crate::func::Call;

/// Describes the task function `f` (an `fn` item, `fn` pointer or non-capturing closure) as a [`Call`]
/// whose argument is a postcard-encoded `A` and whose result is a postcard-encoded `R`.
///
/// # Errors
/// [`ProcessError::NotSendable`] for a capturing closure or a function outside the main executable.
pub fn task_call<F, A, R>(f: &F) -> Result<Call, ProcessError>
where
    F: Fn(A) -> R + Copy + 'static,
    A: DeserializeOwned + 'static,
    R: Serialize + 'static,
{
    func::task_call(f)
}

/// Describes `f` applied to each item of a postcard-encoded `Vec<A>`, each panic caught on its own; the
/// result decodes with [`decode_chunk`].
///
/// # Errors
/// As [`task_call`].
pub fn chunk_call<F, A, R>(f: &F) -> Result<Call, ProcessError>
where
    F: Fn(A) -> R + Copy + 'static,
    A: DeserializeOwned + 'static,
    R: Serialize + 'static,
{
    func::chunk_call(f)
}

/// Decodes the result of a [`chunk_call`] task: one result per item, a panic as [`Error::Panicked`].
///
/// # Errors
/// The postcard error when the bytes are not a chunk result of `R`s.
pub fn decode_chunk<R: DeserializeOwned>(
    bytes: &[u8],
) -> Result<Vec<Result<R, Error>>, postcard::Error> {
    crate::map::decode_chunk(bytes)
}

fn copy_bytes(bytes: &[u8]) -> Result<Vec<u8>, postcard::Error> {
    Ok(bytes.to_vec())
}

impl ProcessPoolExecutor {
    /// Runs an already-described task in a worker process: `call` with the encoded argument `arg`, with
    /// an optional per-task timeout (as [`submit_with_timeout`](Self::submit_with_timeout); `None` uses
    /// the pool's default). The future holds the encoded result; a panic, a crash of the worker or a
    /// timeout fail it exactly as they fail a typed task.
    ///
    /// # Errors
    /// As [`submit`](Self::submit), and [`Error::InvalidArgument`] for a zero timeout.
    pub fn submit_call(
        &self,
        call: Call,
        arg: Vec<u8>,
        timeout: Option<Duration>,
    ) -> Result<Future<Vec<u8>>, Error> {
        if timeout.is_some_and(|t| t.is_zero()) {
            return Err(Error::InvalidArgument(
                "the task timeout must be longer than zero".into(),
            ));
        }
        self.inner
            .submit_decoded(call, Ok(arg), "<encoded argument>", timeout, copy_bytes)
    }
}
