//! Isolated mode: untrusted programs run in worker processes (procpool's machinery), so that even a fault
//! evalx does not catch costs one worker and one `Err`, never the host.
//!
//! Each program runs in a fresh [`Interpreter`] inside a worker, under its [`IsolatedLimits`] (enforced
//! there, as in-process limits are); outside, the pool kills the worker if the program is still running
//! after its time limit plus a grace period, and starts a replacement. A worker that dies (a signal, an
//! abort, the out-of-memory killer) fails only the program it ran.
//!
//! ```no_run
//! use evalx::isolated::{IsolatedLimits, IsolatedPool};
//! use std::time::Duration;
//!
//! fn main() -> Result<(), evalx::isolated::IsolatedError> {
//!     procpool::init(); // first thing in main: a worker process turns into a worker here
//!     let pool = IsolatedPool::new(2)?;
//!     let limits = IsolatedLimits { time: Duration::from_millis(200), ..IsolatedLimits::default() };
//!     let out = pool.run("print(sum(range(10)))", &limits)?;
//!     assert_eq!(out.output, "45\n");
//!     let out = pool.run("while True: pass", &limits)?;
//!     assert!(out.error.unwrap().starts_with("evalx limit exceeded"));
//!     Ok(())
//! }
//! ```
//!
//! The host's `main` must call `procpool::init()` first (or keep procpool's default start-up hook), and the
//! total memory limit counts only where the host installs [`crate::alloc::CountingAllocator`]; the pool's
//! `max_memory_per_child` also retires a worker whose resident memory grew past twice that limit.

use crate::{Error, Interpreter, Limits};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

/// The limits a program runs under in a worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IsolatedLimits {
    /// Wall-clock time for the program (the worker's deadline; the pool's kill comes `grace` later).
    pub time: Duration,
    /// Bytes the program may hold alive (see [`Limits::max_memory`]).
    pub memory: Option<usize>,
    /// The instruction budget (see [`Limits::instructions`]).
    pub instructions: Option<u64>,
    /// Bytes of output.
    pub output: Option<usize>,
    /// The longest object (see [`Limits::max_len`]).
    pub max_len: Option<usize>,
    /// The recursion limit.
    pub recursion: usize,
}

impl Default for IsolatedLimits {
    fn default() -> Self {
        IsolatedLimits {
            time: Duration::from_secs(1),
            memory: Some(256 << 20),
            instructions: None,
            output: Some(1 << 20),
            max_len: Some(1 << 24),
            recursion: 1000,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Job {
    src: String,
    limits: IsolatedLimits,
}

/// What a program did in its worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IsolatedOutcome {
    /// What it printed.
    pub output: String,
    /// `None` when it ran to the end; otherwise what CPython would print to stderr for the uncaught
    /// exception or syntax error (its last line is `Type: message`), or the limit that stopped it.
    pub error: Option<String>,
    /// How long it ran in the worker.
    pub elapsed: Duration,
}

/// Why a program has no outcome: its worker died or was killed (the pool carries on with a new one).
#[derive(Debug, thiserror::Error)]
pub enum IsolatedError {
    /// The pool could not run the program (its worker crashed, was killed at the backstop, or could not
    /// start).
    #[error("the isolated worker failed: {0}")]
    Pool(#[from] pool::Error),
}

thread_local! {
    /// The interpreter the next program will run in, created after the previous program's outcome went
    /// back to the pool (procpool's [`procpool::after_each_task`]), so a warm worker's round trip does not
    /// include an interpreter's start-up. It is created after the previous program's interpreter was
    /// dropped and runs nothing before its program: each program still gets a fresh interpreter.
    static NEXT: std::cell::RefCell<Option<Interpreter>> = const { std::cell::RefCell::new(None) };
}

/// Creates the next program's interpreter while the worker waits (see [`NEXT`]).
fn prepare_next() {
    NEXT.with(|n| {
        let mut n = n.borrow_mut();
        if n.is_none() {
            *n = Some(Interpreter::new_captured());
        }
    });
}

/// The function each worker runs: a fresh interpreter per program.
fn run_job(job: Job) -> IsolatedOutcome {
    let start = Instant::now();
    procpool::after_each_task(prepare_next);
    let mut py = NEXT
        .with(|n| n.borrow_mut().take())
        .unwrap_or_else(Interpreter::new_captured);
    let l = &job.limits;
    py.set_limits(Limits {
        recursion: l.recursion,
        recursion_cap: Some(l.recursion),
        instructions: l.instructions,
        max_len: l.max_len,
        deadline: Some(start + l.time),
        max_memory: l.memory,
        max_output: l.output,
    });
    let r = py.exec(&job.src, None, None);
    let output = py.take_output();
    let error = match r {
        Ok(()) => None,
        Err(e @ (Error::Limit(_) | Error::Syntax(_) | Error::Exception(_))) => Some(e.render()),
        Err(e) => Some(e.to_string()),
    };
    IsolatedOutcome {
        output,
        error,
        elapsed: start.elapsed(),
    }
}

/// A pool of worker processes running untrusted programs (see the module docs).
#[derive(Debug)]
pub struct IsolatedPool {
    exec: procpool::ProcessPoolExecutor,
    grace: Duration,
}

impl IsolatedPool {
    /// A pool of `workers` processes, with a one-second grace after a program's time limit before its
    /// worker is killed.
    pub fn new(workers: usize) -> Result<IsolatedPool, IsolatedError> {
        Ok(IsolatedPool {
            exec: procpool::ProcessPoolExecutor::new(workers)?,
            grace: Duration::from_secs(1),
        })
    }

    /// The same, with the time a worker gets past its program's limit before the pool kills it.
    pub fn with_grace(workers: usize, grace: Duration) -> Result<IsolatedPool, IsolatedError> {
        Ok(IsolatedPool {
            exec: procpool::ProcessPoolExecutor::new(workers)?,
            grace,
        })
    }

    /// Runs `src` (exec mode, as `__main__`) in a worker under `limits` and waits for its outcome.
    pub fn run(
        &self,
        src: &str,
        limits: &IsolatedLimits,
    ) -> Result<IsolatedOutcome, IsolatedError> {
        let job = Job {
            src: src.to_string(),
            limits: limits.clone(),
        };
        let fut = self
            .exec
            .submit_with_timeout(run_job, job, limits.time + self.grace)?;
        Ok(fut.result(None)?)
    }
}
