//! The worker side: `init()`, the optional start-up hook that calls it before `main`, and the loop a
//! worker process runs — check in with the pool, run the initializer, then run tasks in order and send
//! each result back, until told to exit, the pool goes away, or a retirement rule says so.

use crate::claims::ClaimTable;
use crate::proto::{FromWorker, InitMsg, Retire, ToWorker};
use ipc_channel::TryRecvError;
use ipc_channel::ipc::{self, IpcSender, IpcSharedMemory};
use std::time::Duration;

/// The environment variable that marks a process as a worker: `<server name>;<parent pid>`. It is
/// removed as soon as the worker reads it, so a pool created inside a task (a nested pool) starts
/// workers of its own instead of mistaking itself for a worker.
pub(crate) const TOKEN_ENV: &str = "PROCPOOL_WORKER_TOKEN";

/// When set in a worker's environment, the worker stalls before checking in: how the tests (and anyone
/// debugging a slow start) exercise the start-up deadline.
pub(crate) const STALL_ENV: &str = "PROCPOOL_DEBUG_STALL_BEFORE_CONNECT";

/// Turns this process into a pool worker if it was started as one; otherwise returns at once (it costs
/// one environment lookup).
///
/// Call it first thing in `main`. A worker is this same executable started again, so whatever `main`
/// does before `init()` runs again in every worker (the "code before init runs twice" trap). With the
/// default `startup-hook` feature the worker branches off in a start-up hook before `main` runs at all,
/// which is also what makes `cargo test` binaries (whose `main` belongs to libtest) work; `init()` then
/// finds nothing to do, but keep it: it is what makes the program correct without the hook.
///
/// ```
/// fn main() {
///     procpool::init();
///     run();
/// }
///
/// fn run() {
///     // ... create pools and submit tasks ...
/// }
/// ```
pub fn init() {
    let Some(token) = std::env::var_os(TOKEN_ENV) else {
        return;
    };
    // SAFETY: a worker reaches this before it starts any thread (first thing in main, or in the
    // start-up hook before main), so nothing reads the environment concurrently.
    unsafe { std::env::remove_var(TOKEN_ENV) };
    let code = match token.to_str() {
        Some(token) => run(token),
        None => {
            eprintln!("procpool worker: the {TOKEN_ENV} token is not valid UTF-8");
            2
        }
    };
    std::process::exit(code);
}

/// Runs `init()` from the executable's `.init_array`, before `main` (and before libtest's `main` in
/// test binaries and criterion's in benches).
#[cfg(all(feature = "startup-hook", target_os = "linux"))]
mod hook {
    extern "C" fn procpool_startup_hook(
        _argc: libc::c_int,
        _argv: *const *const libc::c_char,
        _envp: *const *const libc::c_char,
    ) {
        super::init();
    }

    #[used]
    #[unsafe(link_section = ".init_array")]
    static PROCPOOL_STARTUP_HOOK: extern "C" fn(
        libc::c_int,
        *const *const libc::c_char,
        *const *const libc::c_char,
    ) = procpool_startup_hook;
}

/// The worker's life; returns its exit code.
fn run(token: &str) -> i32 {
    let Some((name, parent)) = token.rsplit_once(';') else {
        eprintln!("procpool worker: malformed {TOKEN_ENV} token");
        return 2;
    };
    // SAFETY: plain libc calls with constant arguments.
    unsafe {
        // Die with the pool's process, even when it is SIGKILLed (it cannot tell us).
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        // A write to a pool that died must be an error, not a silent death in the middle of a task.
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    // The parent may have died before the death signal was armed.
    // SAFETY: getppid has no preconditions.
    if parent.parse::<i32>().ok() != Some(unsafe { libc::getppid() }) {
        return 0;
    }
    crate::func::install_panic_hook();
    if std::env::var_os(STALL_ENV).is_some() {
        loop {
            std::thread::park();
        }
    }
    let results: IpcSender<FromWorker> = match IpcSender::connect(name.to_string()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("procpool worker: cannot reach the pool at {name}: {e}");
            return 2;
        }
    };
    let (tasks_tx, tasks) = match ipc::channel::<ToWorker>() {
        Ok(pair) => pair,
        Err(e) => {
            eprintln!("procpool worker: cannot create the task channel: {e}");
            return 2;
        }
    };
    let hello = FromWorker::Hello {
        pid: std::process::id(),
        tasks: tasks_tx,
    };
    if results.send(hello).is_err() {
        return 0;
    }
    let mut settings = match tasks.recv() {
        Ok(ToWorker::Init(init)) => init,
        _ => return 0, // the pool went away or gave up on us
    };
    // Shared with the pool until the process ends (the signal handler writes to it).
    let shm = std::mem::replace(&mut settings.claims, IpcSharedMemory::from_bytes(&[]));
    let claims: &'static ClaimTable = Box::leak(Box::new(ClaimTable::from_shm(shm)));
    crate::overflow::install(claims.last_words_ptr());
    if let Some((call, arg)) = &settings.initializer {
        if let Err(message) = call.run_init(arg.as_slice()) {
            let _ = results.send(FromWorker::InitFailed(message));
            return 3;
        }
    }
    if results.send(FromWorker::Ready).is_err() {
        return 0;
    }
    serve(&settings, claims, &tasks, &results);
    0
}

/// Work a worker process does after each task's result has gone back to the pool, while it waits for the
/// next task (see [`after_each_task`]).
static AFTER_TASK: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// In a worker process, runs `f` after each task whose result has been sent, before the worker waits for
/// the next one: work that readies the next task (a warm cache, a prepared object) without adding to any
/// task's round trip. A task function calls it (the first call wins; later ones return `false`); in the
/// pool's own process it is never run.
pub fn after_each_task(f: fn()) -> bool {
    AFTER_TASK.set(f).is_ok()
}

/// Runs tasks until the pool says exit, disconnects, or a retirement rule fires.
fn serve(
    settings: &InitMsg,
    claims: &ClaimTable,
    tasks: &ipc::IpcReceiver<ToWorker>,
    results: &IpcSender<FromWorker>,
) {
    let idle = (settings.idle_ms > 0).then(|| Duration::from_millis(settings.idle_ms));
    // Large results go out in segments this worker lends and reuses once the pool releases them.
    crate::proto::lend_segments_here();
    let mut done: u64 = 0;
    loop {
        let message = match idle {
            None => tasks.recv().map_err(|_| ()),
            Some(idle) => match tasks.try_recv_timeout(idle) {
                Ok(m) => Ok(m),
                Err(TryRecvError::Empty) => {
                    let _ = results.send(FromWorker::Retiring(Retire::Idle));
                    return;
                }
                Err(_) => Err(()),
            },
        };
        let batch = match message {
            Ok(ToWorker::Tasks(batch)) => batch,
            Ok(ToWorker::Release(segments)) => {
                segments
                    .into_iter()
                    .for_each(crate::proto::release_segment_here);
                continue;
            }
            Ok(ToWorker::Init(_)) => continue,
            Ok(ToWorker::Exit) | Err(()) => return,
        };
        for task in batch {
            // Start it unless the pool took it back (cancelled, or given to an idle worker).
            if !claims.start(task.slot as usize, task.id) {
                if results.send(FromWorker::Skipped { id: task.id }).is_err() {
                    return;
                }
                continue;
            }
            let outcome = task.call.run_task(task.arg.as_slice());
            drop(task.arg);
            if results
                .send(FromWorker::Done {
                    id: task.id,
                    outcome,
                })
                .is_err()
            {
                return;
            }
            if let Some(f) = AFTER_TASK.get() {
                f();
            }
            done += 1;
            if settings.max_tasks > 0 && done >= settings.max_tasks {
                let _ = results.send(FromWorker::Retiring(Retire::MaxTasks));
                return;
            }
            if settings.max_rss > 0 {
                let rss = resident_bytes();
                if rss > settings.max_rss {
                    let _ = results.send(FromWorker::Retiring(Retire::Memory { rss }));
                    return;
                }
            }
        }
    }
}

/// This process's resident set size in bytes (0 if `/proc/self/statm` cannot be read).
pub(crate) fn resident_bytes() -> u64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    pages * u64::try_from(page).unwrap_or(4096)
}
