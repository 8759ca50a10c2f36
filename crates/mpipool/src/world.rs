//! Start-up: `init()`, the communication thread that initialises MPI and compares the ranks' binaries,
//! the worker ranks' branch into serving tasks, and rank 0's exit hook that stops the ranks and
//! finalizes MPI on the thread that initialised it.

use crate::comm::Comm;
use crate::error::MpiError;
use crate::master::{self, Cmd};
use crossbeam_channel::Sender;
use mpi::Threading;
use mpi::collective::CommunicatorCollectives;
use mpi::topology::Communicator;
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

/// Environment variables a launcher sets in every rank: Open MPI's `mpiexec`, MPICH/Intel MPI's Hydra
/// and PMI-2 (`srun --mpi=pmi2`), and PMIx (Open MPI 5, `srun --mpi=pmix`).
const LAUNCHER_VARS: [&str; 5] = [
    "OMPI_COMM_WORLD_SIZE",
    "PMI_SIZE",
    "PMI_RANK",
    "PMIX_RANK",
    "MPI_LOCALNRANKS",
];

/// The identity buffer exchanged at start-up (a build-id in hex fits with room to spare).
const ID_LEN: usize = 128;

/// What this process is, once `init()` ran on rank 0 or without MPI.
pub(crate) enum World {
    /// Not started by an MPI launcher: executors fall back to a local process pool.
    Local,
    /// Rank 0 of an MPI job with `size` ranks.
    Root(Root),
    /// MPI started but cannot be used (a binary mismatch, a single rank, thread support); MPI is already
    /// finalized.
    Unusable(MpiError),
}

pub(crate) struct Root {
    pub(crate) size: usize,
    pub(crate) cmds: Sender<Cmd>,
    thread: Mutex<Option<JoinHandle<i32>>>,
}

static WORLD: OnceLock<World> = OnceLock::new();

pub(crate) fn world() -> Option<&'static World> {
    WORLD.get()
}

/// Whether an MPI launcher started this process.
pub(crate) fn launched_by_mpi() -> bool {
    LAUNCHER_VARS.iter().any(|v| std::env::var_os(v).is_some())
}

/// Sets up `mpipool`; call it first thing in `main`.
///
/// * Under `mpiexec` (or `srun`), every rank initialises MPI here on a communication thread of its own
///   and the ranks check that they run the same executable. Ranks other than 0 then serve tasks and
///   **exit inside this call** when rank 0's program ends; only rank 0 returns and runs the rest of
///   `main`. Code before `init()` runs on every rank.
/// * Without a launcher it returns at once, and executors run tasks in a local process pool.
/// * A process started as a procpool worker (every rank runs its tasks in one) becomes one here.
///
/// Calling it again does nothing. Rank 0 finalizes MPI when the program exits (an `atexit` hook), after
/// telling the other ranks to stop.
///
/// ```
/// fn main() {
///     mpipool::init();
///     run();
/// }
///
/// fn run() {
///     // ... only rank 0 gets here: create executors and submit tasks ...
/// }
/// ```
pub fn init() {
    procpool::init();
    WORLD.get_or_init(start);
}

fn start() -> World {
    if !launched_by_mpi() {
        return World::Local;
    }
    let (ready_tx, ready_rx) = crossbeam_channel::bounded::<Result<(usize, usize), MpiError>>(1);
    let (cmd_tx, cmd_rx) = crossbeam_channel::unbounded::<Cmd>();
    let spawned = std::thread::Builder::new()
        .name("mpipool-comm".into())
        .spawn(move || {
            crate::comm::tighten_timer_slack();
            let Some((universe, provided)) = mpi::initialize_with_threading(Threading::Serialized)
            else {
                let _ = ready_tx.send(Err(MpiError::Remote {
                    rank: 0,
                    message: "MPI was already initialised by someone else; let mpipool::init() do it".into(),
                }));
                return 0;
            };
            let mut comm = Comm::new(universe.world());
            let rank = comm.rank();
            let size = comm.size();
            let verdict = check(&comm, provided);
            if rank != 0 {
                drop(ready_tx); // rank 0 alone returns from init()
                match verdict {
                    Ok(()) => guarded(&mut comm, crate::worker::serve),
                    Err(MpiError::BinaryMismatch { .. }) => eprintln!(
                        "mpipool rank {rank}: this executable ({}) differs from rank 0's; not serving tasks",
                        crate::identity::binary_identity()
                    ),
                    Err(e) => eprintln!("mpipool rank {rank}: {e}"),
                }
                comm.flush();
                drop(comm);
                drop(universe); // MPI_Finalize, on the initialising thread
                return 0;
            }
            let verdict = verdict.and_then(|()| {
                (size >= 2).then_some(()).ok_or(MpiError::NoWorkerRanks)
            });
            let usable = verdict.is_ok();
            let _ = ready_tx.send(verdict.map(|()| (rank, size)));
            if usable {
                guarded(&mut comm, |comm| master::run(comm, &cmd_rx));
            }
            drop(comm);
            drop(universe);
            0
        });
    let handle = match spawned {
        Ok(h) => h,
        Err(e) => {
            return World::Unusable(MpiError::Remote {
                rank: 0,
                message: format!("could not start the MPI communication thread: {e}"),
            });
        }
    };
    match ready_rx.recv() {
        Ok(Ok((_, size))) => {
            // SAFETY: registering a plain extern "C" function with no arguments.
            unsafe { libc::atexit(at_exit) };
            World::Root(Root {
                size,
                cmds: cmd_tx,
                thread: Mutex::new(Some(handle)),
            })
        }
        Ok(Err(e)) => {
            let _ = handle.join();
            World::Unusable(e)
        }
        Err(_) => {
            // A worker rank: the thread serves until rank 0 says exit, then finalizes.
            std::process::exit(handle.join().unwrap_or(1));
        }
    }
}

/// Runs a communication loop; if it panics (a bug), aborts the whole MPI job at once rather than leave
/// the other ranks waiting for messages that will never come.
fn guarded(comm: &mut Comm, f: impl FnOnce(&mut Comm)) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut *comm)));
    if outcome.is_err() {
        eprintln!(
            "mpipool rank {}: the MPI communication thread panicked; aborting the MPI job",
            comm.rank()
        );
        comm.world.abort(70);
    }
}

/// Checks thread support and that every rank runs this executable.
fn check(comm: &Comm, provided: Threading) -> Result<(), MpiError> {
    let mut mine = [0u8; ID_LEN];
    let id = crate::identity::binary_identity().as_bytes();
    let n = id.len().min(ID_LEN);
    mine[..n].copy_from_slice(&id[..n]);
    let mut all = vec![0u8; ID_LEN * comm.size()];
    comm.world.all_gather_into(&mine[..], &mut all[..]);
    if !matches!(
        provided,
        Threading::Serialized | Threading::Multiple | Threading::Funneled
    ) {
        return Err(MpiError::ThreadingUnsupported {
            provided: format!("{provided:?}"),
        });
    }
    let text = |b: &[u8]| {
        let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
        String::from_utf8_lossy(&b[..end]).into_owned()
    };
    let root = &all[..ID_LEN];
    let bad: Vec<usize> = all
        .chunks(ID_LEN)
        .enumerate()
        .filter(|(_, id)| *id != root)
        .map(|(r, _)| r)
        .collect();
    match bad.first() {
        None => Ok(()),
        Some(&first) => Err(MpiError::BinaryMismatch {
            expected: text(root),
            found: text(&all[first * ID_LEN..(first + 1) * ID_LEN]),
            ranks: bad,
        }),
    }
}

/// Rank 0's exit: tell the communication thread to stop the ranks and finalize MPI, and wait for it.
extern "C" fn at_exit() {
    if let Some(World::Root(root)) = WORLD.get() {
        let _ = root.cmds.send(Cmd::Exit);
        let handle = root
            .thread
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(handle) = handle {
            let _ = handle.join();
        }
    }
}

/// The number of ranks in the MPI job, on rank 0 after [`init`]; `None` when the program was not started
/// by an MPI launcher (executors then use a local process pool), when MPI could not be used, or before
/// `init()`.
///
/// ```
/// mpipool::init();
/// match mpipool::world_size() {
///     Some(n) => println!("rank 0 of {n}"),
///     None => println!("no MPI job: tasks run in a local process pool"),
/// }
/// ```
pub fn world_size() -> Option<usize> {
    match WORLD.get()? {
        World::Root(root) => Some(root.size),
        World::Local | World::Unusable(_) => None,
    }
}
