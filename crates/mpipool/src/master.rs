//! Rank 0's communication thread: the one thread that makes MPI calls there. Executors hand it commands
//! over a channel; it keeps each executor's queue, sends tasks to the worker ranks in batches within a
//! window per rank (sized by `window::Window` from the work time the rank reports, and grown when the
//! rank runs dry with work queued, so a long round trip does not throttle it), matches
//! results to futures by task id, and closes the ranks' local pools when an executor shuts down. With
//! nothing under way it blocks on the channel and makes no MPI call at all.

use crate::comm::{Backoff, Comm};
use crate::error::MpiError;
use crate::proto::{FromRank, RankSettings, TAG_TO_RANK, TaskMsg, ToRank, WireOutcome};
use crate::window::{Report, Window};
use crossbeam_channel::{Receiver, Sender};
use pool::{Error, Promise};
use procpool::raw::Call;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;

/// A batch stops growing past this many argument bytes.
const BATCH_BYTES: usize = 1 << 20;

/// What executors ask of the communication thread.
pub(crate) enum Cmd {
    Open {
        exec: u32,
        settings: RankSettings,
        max_in_flight: usize,
        /// Ranks 1 to `ranks` run this executor's tasks.
        ranks: usize,
    },
    Submit {
        exec: u32,
        job: Job,
    },
    Shutdown {
        exec: u32,
        cancel: bool,
        done: Option<Sender<()>>,
    },
    /// The program is exiting: stop every rank and finalize MPI.
    Exit,
}

/// A queued task.
pub(crate) struct Job {
    pub(crate) id: u64,
    pub(crate) call: Call,
    pub(crate) arg: Vec<u8>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) completer: Box<dyn Completer>,
}

/// The type-erased completing side of a task's future.
pub(crate) trait Completer: Send {
    /// Marks it running; false if it was cancelled.
    fn start(&self) -> bool;
    /// Cancels it if it has not started.
    fn cancel(&self);
    /// Completes it with the result bytes or an error.
    fn finish(self: Box<Self>, outcome: Result<Vec<u8>, Error>);
    /// The argument's type name (for error messages).
    fn arg_type(&self) -> &'static str;
}

/// How a task's result bytes become its future's value.
pub(crate) type Decode<R> = fn(&[u8]) -> Result<R, postcard::Error>;

pub(crate) struct Typed<R> {
    pub(crate) promise: Promise<R>,
    pub(crate) arg_type: &'static str,
    pub(crate) decode: Decode<R>,
}

impl<R: Send + 'static> Completer for Typed<R> {
    fn start(&self) -> bool {
        self.promise.set_running_or_notify_cancel()
    }

    fn cancel(&self) {
        self.promise.cancel();
    }

    fn finish(self: Box<Self>, outcome: Result<Vec<u8>, Error>) {
        let done = match outcome {
            Ok(bytes) => match (self.decode)(&bytes) {
                Ok(value) => self.promise.set_result(value),
                Err(e) => self.promise.set_error(Error::failed(MpiError::Result {
                    type_name: std::any::type_name::<R>(),
                    message: e.to_string(),
                })),
            },
            Err(e) => self.promise.set_error(e),
        };
        let _ = done; // cancelled meanwhile: nothing to complete
    }

    fn arg_type(&self) -> &'static str {
        self.arg_type
    }
}

/// One executor's load on one rank.
#[derive(Debug, Default)]
struct RankLoad {
    in_flight: usize,
    /// The last batch sent to the rank was cut short by its window (not by an empty queue).
    capped: bool,
    window: Window,
}

struct Exec {
    settings: RankSettings,
    max_in_flight: usize,
    /// Ranks 1 to `used` run its tasks.
    used: usize,
    queue: VecDeque<Job>,
    in_flight: HashMap<u64, Job>,
    /// Index 0 is unused (rank 0 runs no tasks).
    ranks: Vec<RankLoad>,
    shutdown: bool,
    /// Worker ranks that have not yet answered `Close` (`None`: not sent).
    acks_left: Option<usize>,
    waiters: Vec<Sender<()>>,
}

impl Exec {
    fn window(&self, rank: usize) -> usize {
        self.ranks[rank]
            .window
            .size(self.settings.processes, self.max_in_flight)
    }
}

/// The communication thread's loop, until `Cmd::Exit` (or every executor handle and the exit hook are
/// gone).
pub(crate) fn run(comm: &mut Comm, cmds: &Receiver<Cmd>) {
    let size = comm.size();
    let mut execs: BTreeMap<u32, Exec> = BTreeMap::new();
    let mut backoff = Backoff::new();
    let mut next_rank = 1usize;
    let mut pending: Option<Cmd> = None;
    loop {
        let mut active = false;
        // 1. Commands.
        loop {
            let cmd = match pending.take() {
                Some(c) => c,
                None => match cmds.try_recv() {
                    Ok(c) => c,
                    Err(crossbeam_channel::TryRecvError::Empty) => break,
                    Err(crossbeam_channel::TryRecvError::Disconnected) => {
                        stop(comm, &mut execs);
                        return;
                    }
                },
            };
            active = true;
            match cmd {
                Cmd::Open {
                    exec,
                    settings,
                    max_in_flight,
                    ranks,
                } => {
                    let used = ranks.clamp(1, size.saturating_sub(1).max(1));
                    for rank in 1..=used {
                        send(
                            comm,
                            rank,
                            &ToRank::Open {
                                exec,
                                settings: settings.clone(),
                            },
                        );
                    }
                    execs.insert(
                        exec,
                        Exec {
                            settings,
                            max_in_flight,
                            used,
                            queue: VecDeque::new(),
                            in_flight: HashMap::new(),
                            ranks: (0..size).map(|_| RankLoad::default()).collect(),
                            shutdown: false,
                            acks_left: None,
                            waiters: Vec::new(),
                        },
                    );
                }
                Cmd::Submit { exec, job } => match execs.get_mut(&exec) {
                    Some(e) => e.queue.push_back(job),
                    None => job.completer.finish(Err(Error::Shutdown)),
                },
                Cmd::Shutdown { exec, cancel, done } => match execs.get_mut(&exec) {
                    Some(e) => {
                        e.shutdown = true;
                        if cancel {
                            for job in e.queue.drain(..) {
                                job.completer.cancel();
                            }
                        }
                        e.waiters.extend(done);
                    }
                    None => {
                        if let Some(done) = done {
                            let _ = done.send(());
                        }
                    }
                },
                Cmd::Exit => {
                    stop(comm, &mut execs);
                    return;
                }
            }
        }
        // 2. Send work within each rank's window.
        for (&id, exec) in execs.iter_mut() {
            if exec.queue.is_empty() || size < 2 {
                continue;
            }
            let used = exec.used;
            for offset in 0..used {
                let rank = 1 + (next_rank.saturating_sub(1) + offset) % used;
                let window = exec.window(rank);
                let in_flight = exec.ranks[rank].in_flight;
                let room = window.saturating_sub(in_flight);
                // Refill at the low-water mark (half the window), so tasks go out in batches however
                // often results come back.
                if room == 0 || (in_flight > 0 && in_flight * 2 > window) {
                    continue;
                }
                let mut tasks = Vec::new();
                let mut bytes = 0usize;
                while tasks.len() < room {
                    let Some(job) = exec.queue.front() else { break };
                    if !tasks.is_empty() && bytes + job.arg.len() > BATCH_BYTES {
                        break;
                    }
                    let Some(mut job) = exec.queue.pop_front() else {
                        break;
                    };
                    if !job.completer.start() {
                        continue; // cancelled while queued
                    }
                    bytes += job.arg.len();
                    tasks.push(TaskMsg {
                        id: job.id,
                        call: job.call,
                        timeout_us: job
                            .timeout
                            .map(|t| u64::try_from(t.as_micros()).unwrap_or(u64::MAX).max(1)),
                        arg: crate::proto::Blob(std::mem::take(&mut job.arg)),
                    });
                    exec.in_flight.insert(job.id, job);
                }
                if tasks.is_empty() {
                    continue;
                }
                active = true;
                let load = &mut exec.ranks[rank];
                load.capped = tasks.len() >= room;
                load.in_flight += tasks.len();
                send(comm, rank, &ToRank::Tasks { exec: id, tasks });
                if exec.queue.is_empty() {
                    next_rank = 1 + (rank % used);
                    break;
                }
            }
        }
        // 3. Results and acknowledgements.
        comm.progress();
        while let Some((rank, bytes)) = comm.try_recv(false) {
            active = true;
            match postcard::from_bytes::<FromRank>(&bytes) {
                Ok(FromRank::Done {
                    results,
                    busy_ns,
                    drained,
                }) => {
                    receive(&mut execs, rank, results, busy_ns, drained);
                }
                Ok(FromRank::Closed { exec }) => {
                    if let Some(e) = execs.get_mut(&exec) {
                        if let Some(left) = e.acks_left.as_mut() {
                            *left = left.saturating_sub(1);
                        }
                    }
                }
                Err(e) => eprintln!("mpipool: could not decode a message from rank {rank}: {e}"),
            }
        }
        // 4. Executors that shut down and have nothing left: close their pools on the ranks, then let
        //    their `shutdown(wait=true)` return.
        let mut finished = Vec::new();
        for (&id, exec) in execs.iter_mut() {
            if !exec.shutdown || !exec.queue.is_empty() || !exec.in_flight.is_empty() {
                continue;
            }
            match exec.acks_left {
                None => {
                    for rank in 1..=exec.used {
                        send(comm, rank, &ToRank::Close { exec: id });
                    }
                    exec.acks_left = Some(exec.used);
                    active = true;
                }
                Some(0) => finished.push(id),
                Some(_) => {}
            }
        }
        for id in finished {
            if let Some(exec) = execs.remove(&id) {
                for w in exec.waiters {
                    let _ = w.send(());
                }
            }
        }
        if active {
            backoff.reset();
            continue;
        }
        // 5. Wait: on the channel alone when nothing is under way, else poll MPI with back-off.
        let busy = comm.sending()
            || execs
                .values()
                .any(|e| !e.in_flight.is_empty() || e.acks_left.is_some_and(|n| n > 0));
        if !busy {
            match cmds.recv() {
                Ok(c) => pending = Some(c),
                Err(_) => {
                    stop(comm, &mut execs);
                    return;
                }
            }
            continue;
        }
        match backoff.wait(cmds) {
            Ok(Some(c)) => pending = Some(c),
            Ok(None) => {}
            Err(()) => {
                stop(comm, &mut execs);
                return;
            }
        }
    }
}

fn send(comm: &mut Comm, rank: usize, message: &ToRank) {
    match postcard::to_stdvec(message) {
        Ok(bytes) => comm.send(rank, TAG_TO_RANK, bytes),
        Err(e) => eprintln!("mpipool: could not encode a message for rank {rank}: {e}"),
    }
}

/// Completes the futures of finished tasks and updates the rank's window from the work time it reports.
fn receive(
    execs: &mut BTreeMap<u32, Exec>,
    rank: usize,
    results: Vec<(u32, u64, WireOutcome)>,
    busy_ns: u64,
    drained: bool,
) {
    let total = results.len().max(1) as u128;
    let mut counts: HashMap<u32, usize> = HashMap::new();
    let mut finished: Vec<(Job, Result<Vec<u8>, Error>)> = Vec::with_capacity(results.len());
    for (exec_id, id, outcome) in results {
        let Some(exec) = execs.get_mut(&exec_id) else {
            continue;
        };
        let Some(job) = exec.in_flight.remove(&id) else {
            continue;
        };
        *counts.entry(exec_id).or_default() += 1;
        let result = resolve(outcome, rank, job.completer.arg_type());
        finished.push((job, result));
    }
    for (exec_id, n) in counts {
        let Some(exec) = execs.get_mut(&exec_id) else {
            continue;
        };
        let queued = !exec.queue.is_empty();
        let (processes, max) = (exec.settings.processes, exec.max_in_flight);
        let Some(load) = exec.ranks.get_mut(rank) else {
            continue;
        };
        // This executor's share of the rank's work time.
        let busy = u64::try_from(u128::from(busy_ns) * n as u128 / total).unwrap_or(u64::MAX);
        load.window.on_results(
            Report {
                n,
                busy_ns: busy,
                drained,
            },
            load.capped,
            queued,
            processes,
            max,
        );
        load.in_flight = load.in_flight.saturating_sub(n);
    }
    for (job, result) in finished {
        job.completer.finish(result);
    }
}

/// A rank's report of a task, as the future's value or error.
fn resolve(outcome: WireOutcome, rank: usize, arg_type: &'static str) -> Result<Vec<u8>, Error> {
    Err(match outcome {
        WireOutcome::Ok(bytes) => return Ok(bytes.0),
        WireOutcome::Panicked(message) => Error::Panicked {
            message: format!("{message} [MPI rank {rank}]"),
        },
        WireOutcome::Crashed { pid, status, host } => Error::failed(MpiError::TaskCrashed {
            rank,
            host,
            pid,
            status,
        }),
        WireOutcome::TimedOut { timeout_us } => Error::failed(MpiError::TaskTimedOut {
            timeout: Duration::from_micros(timeout_us),
            rank,
        }),
        WireOutcome::Argument(message) => Error::failed(MpiError::Argument {
            type_name: arg_type,
            message,
        }),
        WireOutcome::Result(message) => Error::failed(MpiError::Result {
            type_name: "the task's result",
            message,
        }),
        WireOutcome::TooLarge(bytes) => Error::failed(MpiError::TooLarge {
            what: "result",
            bytes,
        }),
        WireOutcome::Cancelled => Error::Cancelled,
        WireOutcome::Broken(reason) => Error::Broken {
            reason: format!("rank {rank}: {reason}"),
        },
        WireOutcome::Other(message) => Error::failed(MpiError::Remote { rank, message }),
    })
}

/// The end: every rank exits (killing its local processes), queued and running tasks fail, and every
/// send completes before MPI is finalized by the caller.
fn stop(comm: &mut Comm, execs: &mut BTreeMap<u32, Exec>) {
    for rank in 1..comm.size() {
        send(comm, rank, &ToRank::Exit);
    }
    for (_, exec) in std::mem::take(execs) {
        for job in exec.queue {
            job.completer.cancel();
        }
        for (_, job) in exec.in_flight {
            job.completer.finish(Err(Error::failed(MpiError::Stopped)));
        }
        for w in exec.waiters {
            let _ = w.send(());
        }
    }
    comm.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_reports_become_typed_errors() {
        let crashed = WireOutcome::Crashed {
            pid: 7,
            status: "signal 9 (SIGKILL)".into(),
            host: "node3".into(),
        };
        let err = resolve(crashed, 2, "u64").expect_err("a crash");
        match err.downcast_ref::<MpiError>() {
            Some(MpiError::TaskCrashed {
                rank, host, pid, ..
            }) => {
                assert_eq!((*rank, host.as_str(), *pid), (2, "node3", 7));
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("rank 2"), "{err}");
        match resolve(WireOutcome::Panicked("boom".into()), 4, "u64") {
            Err(Error::Panicked { message }) => assert!(message.contains("rank 4"), "{message}"),
            other => panic!("{other:?}"),
        }
        let timed =
            resolve(WireOutcome::TimedOut { timeout_us: 1500 }, 1, "u64").expect_err("timeout");
        assert!(matches!(
            timed.downcast_ref::<MpiError>(),
            Some(MpiError::TaskTimedOut { rank: 1, timeout }) if *timeout == Duration::from_micros(1500)
        ));
        assert_eq!(
            resolve(WireOutcome::Ok(crate::proto::Blob(vec![5])), 1, "u64").ok(),
            Some(vec![5])
        );
    }
}
