//! Starting one worker process: re-execute this executable with the worker token, wait for it to check
//! in, and hand it its settings. ipc-channel's one-shot `accept` has no timeout, so it runs on a helper
//! thread and is raced against the child exiting and the start-up deadline; on either, the pool connects
//! to its own server to unblock the helper, and reports `WorkerStartFailed` instead of hanging.

use crate::error::{ExitStatus, ProcessError};
use crate::proto::{FromWorker, InitMsg, ToWorker};
use crate::worker::TOKEN_ENV;
use ipc_channel::ipc::{IpcOneShotServer, IpcReceiver, IpcSender};
use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Where a worker's standard output and error go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkerStdio {
    /// Shared with this process (Python's behaviour): a task's `println!` shows up here.
    #[default]
    Inherit,
    /// Discarded.
    Null,
}

/// How to start a worker process.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpawnConfig {
    pub(crate) env: Vec<(OsString, Option<OsString>)>,
    pub(crate) env_clear: bool,
    pub(crate) cwd: Option<PathBuf>,
    pub(crate) stdio: WorkerStdio,
    pub(crate) start_timeout: Duration,
}

/// A worker that checked in.
pub(crate) struct Started {
    pub(crate) child: Child,
    pub(crate) pid: u32,
    pub(crate) results: IpcReceiver<FromWorker>,
    pub(crate) tasks: IpcSender<ToWorker>,
}

/// The executable to re-execute: `/proc/self/exe` (still right if the file was moved), else
/// `current_exe()`.
fn executable() -> PathBuf {
    let proc_exe = PathBuf::from("/proc/self/exe");
    if proc_exe.exists() {
        proc_exe
    } else {
        std::env::current_exe().unwrap_or(proc_exe)
    }
}

fn failed(reason: String) -> ProcessError {
    ProcessError::WorkerStartFailed { reason }
}

/// Starts a worker and sends it `init`. Blocks at most about `config.start_timeout` (no deadline when
/// that is too long for the clock), and gives up within a millisecond once `abort` is set.
pub(crate) fn start(
    config: &SpawnConfig,
    init: InitMsg,
    abort: &AtomicBool,
) -> Result<Started, ProcessError> {
    let (server, name) = IpcOneShotServer::<FromWorker>::new()
        .map_err(|e| failed(format!("cannot create the hand-shake socket: {e}")))?;
    let mut cmd = Command::new(executable());
    cmd.arg0("procpool-worker");
    if config.env_clear {
        cmd.env_clear();
    }
    for (key, value) in &config.env {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    cmd.env(TOKEN_ENV, format!("{name};{}", std::process::id()));
    if let Some(cwd) = &config.cwd {
        cmd.current_dir(cwd);
    }
    cmd.stdin(Stdio::null());
    if config.stdio == WorkerStdio::Null {
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| failed(format!("cannot execute {}: {e}", executable().display())))?;

    let (tx, rx) = mpsc::sync_channel(1);
    let acceptor = std::thread::Builder::new()
        .name("procpool-accept".into())
        .spawn(move || {
            let _ = tx.send(server.accept());
        });
    let acceptor = match acceptor {
        Ok(handle) => handle,
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(failed(format!("cannot start the hand-shake thread: {e}")));
        }
    };
    let deadline = Instant::now().checked_add(config.start_timeout);
    let give_up = |child: &mut Child, reason: String| {
        let _ = child.kill();
        let _ = child.wait();
        // Unblock the accept with a connection of our own, then collect the helper.
        if let Ok(me) = IpcSender::<FromWorker>::connect(name.clone()) {
            let _ = me.send(FromWorker::Abort);
        }
        Err(failed(reason))
    };
    let outcome = loop {
        let now = Instant::now();
        let left = deadline.map_or(Duration::MAX, |d| d.saturating_duration_since(now));
        match rx.recv_timeout(Duration::from_millis(1).min(left)) {
            Ok(Ok((results, FromWorker::Hello { pid, tasks }))) => {
                if let Err(e) = tasks.send(ToWorker::Init(init)) {
                    break give_up(
                        &mut child,
                        format!("worker {pid} went away during the hand-shake: {e}"),
                    );
                }
                break Ok(Started {
                    child,
                    pid,
                    results,
                    tasks,
                });
            }
            Ok(Ok(_)) => {
                break give_up(
                    &mut child,
                    "the worker sent an unexpected first message".into(),
                );
            }
            Ok(Err(e)) => {
                let status = child.try_wait().ok().flatten();
                let what = status.map_or_else(
                    || format!("the hand-shake failed: {e}"),
                    |s| {
                        format!(
                            "the worker exited with {} during the hand-shake",
                            ExitStatus::from_std(s)
                        )
                    },
                );
                break give_up(&mut child, what);
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                break give_up(&mut child, "the hand-shake thread died".into());
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Ok(Some(status)) = child.try_wait() {
                    break give_up(
                        &mut child,
                        format!(
                            "the worker exited with {} before checking in; is procpool::init() the first thing in main?",
                            ExitStatus::from_std(status)
                        ),
                    );
                }
                if abort.load(Ordering::Acquire) {
                    break give_up(
                        &mut child,
                        "the pool stopped its workers while this one was starting".into(),
                    );
                }
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    break give_up(
                        &mut child,
                        format!(
                            "the worker did not check in within {:?} (the start-up deadline); it was killed",
                            config.start_timeout
                        ),
                    );
                }
            }
        }
    };
    let _ = acceptor.join();
    outcome
}
