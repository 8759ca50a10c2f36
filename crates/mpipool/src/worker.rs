//! A worker rank: receives tasks from rank 0, runs each in a local procpool worker process (so a task
//! that crashes costs one process, not the MPI job), and sends the results back in batches. Everything
//! MPI happens on this one thread; procpool completes futures on its own threads and hands the outcomes
//! over through a channel.

use crate::comm::{Backoff, Comm};
use crate::proto::{
    Blob, FromRank, MAX_PAYLOAD, RankSettings, TAG_FROM_RANK, TaskMsg, ToRank, WireOutcome,
};
use crossbeam_channel::Sender;
use pool::Error;
use procpool::{ProcessError, ProcessPoolExecutor};
use std::collections::HashMap;
use std::time::{Duration, Instant};

type Completed = (u32, u64, WireOutcome);

/// One executor's local pool on this rank.
struct Local {
    pool: ProcessPoolExecutor,
}

/// Serves rank 0 until it says exit (or goes away, which ends the whole job anyway).
pub(crate) fn serve(comm: &mut Comm) {
    let rank = comm.rank();
    let host = host_name();
    let (tx, rx) = crossbeam_channel::unbounded::<Completed>();
    let mut pools: HashMap<u32, Local> = HashMap::new();
    let mut running: usize = 0;
    let mut backoff = Backoff::new();
    let mut idle_polls: u64 = 0;
    // Since when tasks have been running here without a report (`None`: none running): the work time
    // each `Done` carries, so rank 0 sizes the window from work, not from the round trip.
    let mut busy_since: Option<Instant> = None;
    loop {
        let mut active = false;
        while let Some((_, bytes)) = comm.try_recv(true) {
            active = true;
            let message: ToRank = match postcard::from_bytes(&bytes) {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("mpipool rank {rank}: could not decode a message from rank 0: {e}");
                    continue;
                }
            };
            match message {
                ToRank::Open { exec, settings } => match open(&settings) {
                    Ok(pool) => {
                        pools.insert(exec, Local { pool });
                    }
                    Err(e) => eprintln!("mpipool rank {rank}: could not start a local pool: {e}"),
                },
                ToRank::Tasks { exec, tasks } => {
                    if running == 0 && !tasks.is_empty() {
                        busy_since = Some(Instant::now());
                    }
                    for task in tasks {
                        running += 1;
                        run(pools.get(&exec), exec, task, &tx, &host);
                    }
                }
                ToRank::Close { exec } => {
                    if let Some(local) = pools.remove(&exec) {
                        drop(local.pool); // shutdown(wait): every task is done, this reaps the processes
                    }
                    send(comm, &FromRank::Closed { exec });
                }
                ToRank::Exit => {
                    for (_, local) in pools.drain() {
                        local.pool.kill_workers();
                    }
                    comm.flush();
                    return;
                }
            }
        }
        let mut done: Vec<Completed> = Vec::new();
        while let Ok(item) = rx.try_recv() {
            done.push(item);
        }
        if !done.is_empty() {
            active = true;
            running = running.saturating_sub(done.len());
            send_done(comm, done, &mut busy_since, running);
        }
        comm.progress();
        if active {
            backoff.reset();
            idle_polls = 0;
            continue;
        }
        idle_polls += 1;
        // Nothing running here: rank 0 is the only source of news, so poll it less eagerly once the rank
        // has been idle for a while (tens of milliseconds), keeping an idle rank off the CPU.
        if running == 0 && !comm.sending() && idle_polls > 200 {
            std::thread::sleep(Duration::from_micros(500));
            continue;
        }
        // With tasks running here, their results wake this thread through the channel; new tasks from
        // rank 0 can wait for the next poll (the local pool has work queued), so sleep on the channel
        // instead of yielding the core the local processes need.
        let waited = if running > 0 {
            match rx.recv_timeout(crate::comm::MAX_SLEEP) {
                Ok(item) => Ok(Some(item)),
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => Ok(None),
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => Err(()),
            }
        } else {
            backoff.wait(&rx)
        };
        match waited {
            Ok(Some(item)) => {
                running = running.saturating_sub(1);
                let mut done = vec![item];
                while let Ok(item) = rx.try_recv() {
                    done.push(item);
                }
                running = running.saturating_sub(done.len() - 1);
                send_done(comm, done, &mut busy_since, running);
                backoff.reset();
                idle_polls = 0;
            }
            Ok(None) => {}
            Err(()) => return,
        }
    }
}

fn open(settings: &RankSettings) -> Result<ProcessPoolExecutor, Error> {
    let mut builder = ProcessPoolExecutor::builder().max_workers(settings.processes);
    if let Some(n) = settings.max_tasks_per_child {
        builder = builder.max_tasks_per_child(n);
    }
    builder.build()
}

/// Starts one task in the local pool; its outcome arrives on `tx`.
fn run(local: Option<&Local>, exec: u32, task: TaskMsg, tx: &Sender<Completed>, host: &str) {
    let id = task.id;
    let Some(local) = local else {
        let _ = tx.send((
            exec,
            id,
            WireOutcome::Broken("this rank has no pool for the executor".into()),
        ));
        return;
    };
    let timeout = task.timeout_us.map(Duration::from_micros);
    match local.pool.submit_call(task.call, task.arg.0, timeout) {
        Ok(future) => {
            let tx = tx.clone();
            let host = host.to_string();
            future.add_done_callback(move |f| {
                let outcome = match f.result(Some(Duration::ZERO)) {
                    Ok(bytes) if bytes.len() > MAX_PAYLOAD => WireOutcome::TooLarge(bytes.len()),
                    Ok(bytes) => WireOutcome::Ok(Blob(bytes)),
                    Err(e) => outcome_of(&e, &host),
                };
                let _ = tx.send((exec, id, outcome));
            });
        }
        Err(e) => {
            let _ = tx.send((exec, id, outcome_of(&e, host)));
        }
    }
}

/// A local failure, as rank 0 will rebuild it.
fn outcome_of(err: &Error, host: &str) -> WireOutcome {
    if let Some(p) = err.downcast_ref::<ProcessError>() {
        return match p {
            ProcessError::WorkerDied { pid, status, cause } => WireOutcome::Crashed {
                pid: *pid,
                status: match cause {
                    Some(cause) => format!("{status} ({cause})"),
                    None => status.to_string(),
                },
                host: host.to_string(),
            },
            ProcessError::TaskTimedOut { timeout, .. } => WireOutcome::TimedOut {
                timeout_us: u64::try_from(timeout.as_micros()).unwrap_or(u64::MAX),
            },
            ProcessError::Argument { message, .. } => WireOutcome::Argument(message.clone()),
            ProcessError::Result { message, .. } => WireOutcome::Result(message.clone()),
            other => WireOutcome::Other(other.to_string()),
        };
    }
    match err {
        Error::Panicked { message } => WireOutcome::Panicked(message.clone()),
        Error::Cancelled => WireOutcome::Cancelled,
        Error::Broken { reason } => WireOutcome::Broken(reason.clone()),
        other => WireOutcome::Other(other.to_string()),
    }
}

fn send(comm: &mut Comm, message: &FromRank) {
    match postcard::to_stdvec(message) {
        Ok(bytes) => comm.send(0, TAG_FROM_RANK, bytes),
        Err(e) => eprintln!(
            "mpipool rank {}: could not encode a reply: {e}",
            comm.rank()
        ),
    }
}

/// Sends finished tasks to rank 0, several messages if together they pass one message's limit, with the
/// time tasks ran here since the previous report (restarting the clock if `running` tasks remain).
fn send_done(
    comm: &mut Comm,
    done: Vec<Completed>,
    busy_since: &mut Option<Instant>,
    running: usize,
) {
    let now = Instant::now();
    let busy_ns = busy_since.map_or(0, |t| now.duration_since(t).as_nanos());
    *busy_since = (running > 0).then_some(now);
    let total = done.len().max(1) as u128;
    // Each message carries its share of the work time.
    let share = |n: usize| u64::try_from(busy_ns * n as u128 / total).unwrap_or(u64::MAX);
    let mut batch: Vec<Completed> = Vec::new();
    let mut bytes = 0usize;
    for item in done {
        let size = match &item.2 {
            WireOutcome::Ok(b) => b.0.len(),
            _ => 256,
        };
        if !batch.is_empty() && bytes + size > (1 << 20) {
            send(
                comm,
                &FromRank::Done {
                    busy_ns: share(batch.len()),
                    drained: false,
                    results: std::mem::take(&mut batch),
                },
            );
            bytes = 0;
        }
        bytes += size;
        batch.push(item);
    }
    if !batch.is_empty() {
        send(
            comm,
            &FromRank::Done {
                busy_ns: share(batch.len()),
                drained: running == 0,
                results: batch,
            },
        );
    }
}

/// This machine's host name (for error messages).
pub(crate) fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most buf.len() bytes into buf.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return "?".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    String::from_utf8_lossy(&buf[..end]).into_owned()
}
