//! The threads that serve the slots: each slot's feeder (starts workers, sends batches, steals work)
//! and reader (receives results, reaps the process, requeues unstarted tasks), and the timeout timer.

use super::*;

/// A slot's feeder thread: starts the worker when there is work, sends it tasks, stops it at shutdown.
pub(super) fn feeder(inner: &Arc<Inner>, index: usize) {
    let mut sender: Option<ipc_channel::ipc::IpcSender<ToWorker>> = None;
    let mut st = inner.lock();
    loop {
        let slot_has_worker = st.slots[index].worker.is_some();
        if !slot_has_worker {
            sender = None;
        }
        if st.broken.is_some() || (st.shutdown && st.queue.is_empty()) {
            // Finish: let the worker run out its tasks, tell it to exit, wait for the reader to reap it.
            match &st.slots[index].worker {
                None => break,
                Some(w) if !w.exiting && w.in_flight.is_empty() && sender.is_some() => {
                    if let Some(tx) = sender.take() {
                        drop(st);
                        let _ = tx.send(ToWorker::Exit);
                        st = inner.lock();
                    }
                    continue;
                }
                Some(_) => {
                    st = inner.wait(&inner.slot_cv[index], st);
                    continue;
                }
            }
        }
        let replace_now = st.slots[index].replace && st.slots[index].worker.is_none();
        if st.queue.is_empty() && !replace_now && !st.shutdown && steal_for(inner, &mut st, index) {
            continue;
        }
        if st.queue.is_empty() && !replace_now {
            st.slots[index].parked = true;
            st = inner.wait(&inner.slot_cv[index], st);
            continue;
        }
        let Some(worker) = &st.slots[index].worker else {
            drop(st);
            let table = Arc::new(ClaimTable::new(inner.settings.max_in_flight));
            let init = inner.settings.init_msg(table.share());
            let started = spawn::start(&inner.settings.spawn, init, &inner.stopping);
            st = inner.lock();
            match started {
                Ok(started) => {
                    st.start_failures = 0;
                    st.slots[index].replace = false;
                    sender = Some(attach(inner, &mut st, index, started, table));
                }
                Err(err) => {
                    st.start_failures += 1;
                    if st.start_failures >= 3 {
                        let mut failures = Vec::new();
                        for job in st.queue.drain(..) {
                            failures.push((job, Error::failed(err.clone())));
                        }
                        inner.break_pool(&mut st, err.to_string(), &mut failures);
                        drop(st);
                        fail_all(failures);
                        st = inner.lock();
                    }
                }
            }
            continue;
        };
        if worker.exiting || worker.kill.is_some() || worker.retiring.is_some() {
            st = inner.wait(&inner.slot_cv[index], st);
            continue;
        }
        let room = worker
            .window(inner.settings.max_in_flight)
            .saturating_sub(worker.in_flight.len());
        let budget = inner.settings.max_tasks.map_or(usize::MAX, |m| {
            usize::try_from(m.saturating_sub(worker.sent)).unwrap_or(usize::MAX)
        });
        // Leave one queued task for every other slot that could start it now: an idle worker must
        // never wait while this one holds work it has not started.
        let idle_elsewhere = st
            .slots
            .iter()
            .enumerate()
            .filter(|&(i, s)| i != index && !s.stopped && s.is_idle())
            .count();
        let share = if worker.in_flight.is_empty() {
            st.queue.len().saturating_sub(idle_elsewhere).max(1)
        } else {
            st.queue.len().saturating_sub(idle_elsewhere)
        };
        let n = room.min(budget).min(share);
        if n == 0 {
            // Cannot take it now: make sure a feeder that can is awake.
            inner.wake_a_feeder(&mut st);
            st = inner.wait(&inner.slot_cv[index], st);
            continue;
        }
        let mut batch = Vec::with_capacity(n);
        let mut cancelled = Vec::new();
        let mut has_timeout = false;
        let State { queue, slots, .. } = &mut *st;
        let Some(worker) = slots[index].worker.as_mut() else {
            continue;
        };
        let idle = worker.in_flight.is_empty();
        if idle {
            worker.head_started = Instant::now();
        }
        while batch.len() < n {
            let Some(slot) = worker.free_slots.pop() else {
                break;
            };
            let Some(job) = queue.pop_front() else {
                worker.free_slots.push(slot);
                break;
            };
            // The first task for an idle worker starts at once; the rest wait in its window, where
            // they can still be cancelled or taken back for another worker.
            let Some(newly) = job
                .ticket
                .send(&worker.claims, slot, idle && batch.is_empty())
            else {
                worker.free_slots.push(slot);
                cancelled.push(job); // cancelled while queued
                continue;
            };
            if newly && !job.completer.start() {
                // Cancelled by the pool itself (a promise-side cancel); never sent.
                worker.free_slots.push(slot);
                cancelled.push(job);
                continue;
            }
            has_timeout |= job.timeout.is_some();
            batch.push((job.id, slot, job.call, job.arg.clone()));
            worker.in_flight.push_back(InFlight { job, slot });
        }
        worker.sent += batch.len() as u64;
        if !cancelled.is_empty() {
            drop(st);
            for job in cancelled {
                job.completer.cancel();
            }
            st = inner.lock();
            if batch.is_empty() {
                continue;
            }
        }
        if batch.is_empty() {
            continue;
        }
        if has_timeout {
            inner.timer_cv.notify_all();
        }
        let released = st.slots[index]
            .worker
            .as_mut()
            .map(|w| std::mem::take(&mut w.released))
            .unwrap_or_default();
        if let Some(tx) = &sender {
            drop(st);
            let batch = batch
                .into_iter()
                .map(|(id, slot, call, arg)| TaskMsg {
                    id,
                    slot: u32::try_from(slot).unwrap_or(u32::MAX),
                    call,
                    arg: inner.arg_payload(id, &arg),
                })
                .collect();
            // A failed send means the worker is gone: its reader requeues or fails what was in flight.
            if !released.is_empty() {
                let _ = tx.send(ToWorker::Release(released));
            }
            let _ = tx.send(ToWorker::Tasks(batch));
            st = inner.lock();
        }
    }
    st.slots[index].stopped = true;
    st.slots[index].parked = false;
    inner.timer_cv.notify_all();
}

/// An idle worker with an empty queue takes back half of what another worker holds in its window
/// without having started it (oldest first), so queued work never waits behind a long task while a
/// worker is idle. True if it took anything (now at the front of the queue).
pub(super) fn steal_for(inner: &Inner, st: &mut State, index: usize) -> bool {
    let Some(me) = &st.slots[index].worker else {
        return false;
    };
    if !me.in_flight.is_empty() || me.exiting || me.kill.is_some() || me.retiring.is_some() {
        return false;
    }
    let room = me.window(inner.settings.max_in_flight);
    let mut stolen = Vec::new();
    for (i, slot) in st.slots.iter_mut().enumerate() {
        if i == index || stolen.len() >= room {
            continue;
        }
        let Some(w) = slot.worker.as_mut() else {
            continue;
        };
        if w.exiting || w.kill.is_some() {
            continue; // its reader requeues what it holds
        }
        let n = w.unstarted().div_ceil(2).min(room - stolen.len());
        if n > 0 {
            stolen.extend(w.steal(n, &inner.next_id));
        }
    }
    let took = !stolen.is_empty();
    for (old_id, _) in &stolen {
        inner.release_arg(*old_id);
    }
    for (_, job) in stolen.into_iter().rev() {
        st.queue.push_front(job);
    }
    took
}

/// Installs a started worker in its slot and starts its reader; returns the task sender.
pub(super) fn attach(
    inner: &Arc<Inner>,
    st: &mut State,
    index: usize,
    started: Started,
    claims: Arc<ClaimTable>,
) -> ipc_channel::ipc::IpcSender<ToWorker> {
    let Started {
        child,
        pid,
        results,
        tasks,
    } = started;
    st.slots[index].worker = Some(Worker {
        pid,
        in_flight: VecDeque::new(),
        free_slots: (0..claims.slots()).rev().collect(),
        released: Vec::new(),
        claims,
        head_started: Instant::now(),
        sent: 0,
        mean_ns: 0.0,
        exiting: false,
        retiring: None,
        kill: None,
    });
    let me = Arc::clone(inner);
    let reader = std::thread::Builder::new()
        .name(format!("procpool-reader-{pid}"))
        .spawn(move || reader(&me, index, child, results));
    match reader {
        Ok(h) => st.threads.push(h),
        Err(e) => {
            // Without a reader nobody would reap it: stop it now; the feeder retries later.
            eprintln!("procpool: cannot start a reader thread ({e}); stopping worker {pid}");
            if let Some(w) = st.slots[index].worker.as_mut() {
                w.signal(libc::SIGKILL, Kill::Stop("the pool"));
            }
            st.slots[index].worker = None;
        }
    }
    tasks
}

/// A worker's reader thread: completes futures from its results; at end-of-file reaps the process and
/// fails or requeues what it left unfinished.
pub(super) fn reader(
    inner: &Arc<Inner>,
    index: usize,
    mut child: std::process::Child,
    results: ipc_channel::ipc::IpcReceiver<FromWorker>,
) {
    let pid = child.id();
    let mut init_failed: Option<String> = None;
    let mut channel_error: Option<String> = None;
    loop {
        match results.recv() {
            Ok(FromWorker::Done { id, outcome }) => {
                let job = {
                    let mut st = inner.lock();
                    let Some(w) = st.slots[index].worker.as_mut() else {
                        break;
                    };
                    let job = w.remove(id);
                    let took = w.head_started.elapsed().as_nanos() as f64;
                    w.mean_ns = if w.mean_ns <= 0.0 {
                        took
                    } else {
                        0.8 * w.mean_ns + 0.2 * took
                    };
                    w.advance();
                    // Wake the feeder at the low-water mark (half the window), so it refills in
                    // batches instead of being woken for every result.
                    let low = w.in_flight.len() * 2 <= w.window(inner.settings.max_in_flight);
                    let window_open = !w.exiting && w.kill.is_none() && low;
                    if window_open {
                        st.slots[index].parked = false;
                        inner.slot_cv[index].notify_one();
                    }
                    if inner.timeouts_used.load(Ordering::Relaxed) {
                        inner.timer_cv.notify_all();
                    }
                    job
                };
                inner.release_arg(id);
                let result_segment = match &outcome {
                    Outcome::Ok(payload) => payload.segment(),
                    _ => None,
                };
                if let Some(job) = job {
                    job.completer.finish(Ok(outcome));
                }
                if let Some(seg) = result_segment {
                    // Decoded (or dropped): the worker may reuse the segment; it hears so with the
                    // next message it is sent.
                    let mut st = inner.lock();
                    if let Some(w) = st.slots[index].worker.as_mut() {
                        w.released.push(seg);
                    }
                }
            }
            Ok(FromWorker::Skipped { id }) => {
                // Taken back before it started: cancelled (its future says so) or stolen (no longer
                // ours, so not found).
                let job = {
                    let mut st = inner.lock();
                    let Some(w) = st.slots[index].worker.as_mut() else {
                        break;
                    };
                    let job = w.remove(id);
                    if job.is_some() {
                        // The worker moved past it: what follows starts now.
                        w.advance();
                        w.sent = w.sent.saturating_sub(1);
                        st.slots[index].parked = false;
                        inner.slot_cv[index].notify_one();
                    }
                    job
                };
                inner.release_arg(id);
                if let Some(job) = job {
                    job.completer.cancel();
                }
            }
            Ok(FromWorker::Retiring(why)) => {
                let mut st = inner.lock();
                if let Some(w) = st.slots[index].worker.as_mut() {
                    w.retiring = Some(why);
                }
            }
            Ok(FromWorker::InitFailed(message)) => init_failed = Some(message),
            Ok(FromWorker::Ready | FromWorker::Hello { .. } | FromWorker::Abort) => {}
            Err(ipc_channel::IpcError::Disconnected) => break,
            Err(e) => {
                channel_error = Some(e.to_string());
                break;
            }
        }
    }
    {
        let mut st = inner.lock();
        if let Some(w) = st.slots[index].worker.as_mut() {
            if channel_error.is_some() {
                w.signal(libc::SIGKILL, Kill::Stop("the pool"));
            }
            w.exiting = true;
        }
    }
    let status = match child.wait() {
        Ok(s) => ExitStatus::from_std(s),
        Err(_) => ExitStatus::Code(-1),
    };
    let mut failures: Vec<(Job, Error)> = Vec::new();
    let mut st = inner.lock();
    let Some(worker) = st.slots[index].worker.take() else {
        inner.reaped_cv.notify_all();
        return;
    };
    inner.reaped_cv.notify_all();
    for f in &worker.in_flight {
        inner.release_arg(f.job.id);
    }
    // Tasks taken back (cancelled) never ran: their futures are cancelled, whatever happened.
    let (revoked, mut in_flight): (VecDeque<InFlight>, VecDeque<InFlight>) = worker
        .in_flight
        .into_iter()
        .partition(|f| f.job.ticket.is_revoked());
    let died_of = match worker.claims.last_words() {
        claims::LAST_WORDS_STACK_OVERFLOW => Some("stack overflow"),
        _ => None,
    };
    let clean_exit = status == ExitStatus::Code(0);
    let mut requeue = false;
    if let Some(message) = init_failed {
        let reason = format!("the worker initializer failed: {message}");
        if let Some(f) = in_flight.pop_front() {
            let err = Error::failed(ProcessError::InitializerFailed { message });
            failures.push((f.job, err));
        }
        for f in in_flight.drain(..) {
            failures.push((
                f.job,
                Error::Broken {
                    reason: reason.clone(),
                },
            ));
        }
        inner.break_pool(&mut st, reason, &mut failures);
    } else if let Some(reason) = st.broken.clone() {
        for f in in_flight.drain(..) {
            failures.push((
                f.job,
                Error::Broken {
                    reason: reason.clone(),
                },
            ));
        }
    } else if let Some(Kill::Stop(how)) = worker.kill {
        for f in in_flight.drain(..) {
            failures.push((f.job, Error::failed(ProcessError::Terminated { how })));
        }
    } else if let Some(Kill::Timeout { id, timeout }) = worker.kill {
        // Killed for a timeout: that task fails (unless it finished just before the signal landed).
        if in_flight.front().is_some_and(|f| f.job.id == id) {
            if let Some(f) = in_flight.pop_front() {
                let err = Error::failed(ProcessError::TaskTimedOut { timeout, pid });
                failures.push((f.job, err));
            }
        }
        requeue = true;
    } else if let Some(message) = channel_error {
        if let Some(f) = pop_started(&mut in_flight) {
            let err = Error::failed(ProcessError::Channel { pid, message });
            failures.push((f.job, err));
        }
        requeue = true;
    } else if clean_exit && (worker.retiring.is_some() || in_flight.is_empty()) {
        // Retired (max tasks, memory, idle) or told to exit: whatever it was sent never started.
        requeue = true;
    } else if inner.settings.policy == BrokenPolicy::BreakPool {
        let reason = format!(
            "worker process {pid} terminated abruptly ({status}) while a task was running or pending; the process pool is not usable anymore"
        );
        for f in in_flight.drain(..) {
            failures.push((
                f.job,
                Error::Broken {
                    reason: reason.clone(),
                },
            ));
        }
        inner.break_pool(&mut st, reason, &mut failures);
    } else {
        // Died: the task it was running fails (if it had started one), the rest never started.
        if let Some(f) = pop_started(&mut in_flight) {
            let err = Error::failed(ProcessError::WorkerDied {
                pid,
                status,
                cause: died_of,
            });
            failures.push((f.job, err));
        }
        requeue = true;
    }
    if requeue {
        // Tasks that never started go back to the front of the queue, in order.
        while let Some(f) = in_flight.pop_back() {
            f.job.ticket.requeue();
            st.queue.push_front(f.job);
        }
    }
    if !st.shutdown {
        st.restarts += 1;
        // An idle worker comes back with work; any other is replaced at once.
        st.slots[index].replace =
            st.broken.is_none() && !matches!(worker.retiring, Some(Retire::Idle));
    }
    st.slots[index].parked = false;
    inner.slot_cv[index].notify_one();
    if !st.queue.is_empty() {
        inner.wake_a_feeder(&mut st);
    }
    inner.timer_cv.notify_all();
    drop(st);
    fail_all(failures);
    for f in revoked {
        f.job.completer.cancel();
    }
}

/// The first task in flight, if it had started (a worker that died between tasks ran none of them).
pub(super) fn pop_started(in_flight: &mut VecDeque<InFlight>) -> Option<InFlight> {
    if in_flight.front()?.job.ticket.has_started() {
        in_flight.pop_front()
    } else {
        None
    }
}

/// The timer thread: runs [`timer`], and runs it again should it ever panic, so per-task timeouts can
/// never silently stop working.
pub(super) fn timer_thread(inner: &Arc<Inner>) {
    loop {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| timer(inner))) {
            Ok(()) => return,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                eprintln!("procpool: the task-timeout timer failed ({message}); restarting it");
            }
        }
    }
}

/// Kills a worker whose running task passed its timeout.
pub(super) fn timer(inner: &Arc<Inner>) {
    let mut st = inner.lock();
    loop {
        if st.slots.iter().all(|s| s.stopped) {
            return;
        }
        let now = Instant::now();
        let mut next: Option<Instant> = None;
        for slot in &mut st.slots {
            let Some(w) = slot.worker.as_mut() else {
                continue;
            };
            if w.exiting || w.kill.is_some() {
                continue;
            }
            let Some(head) = w.head() else {
                continue;
            };
            let Some(timeout) = head.job.timeout else {
                continue;
            };
            // A timeout too long for the clock never expires.
            let Some(deadline) = w.head_started.checked_add(timeout) else {
                continue;
            };
            if deadline <= now {
                let id = head.job.id;
                w.signal(libc::SIGKILL, Kill::Timeout { id, timeout });
            } else {
                next = Some(next.map_or(deadline, |n| n.min(deadline)));
            }
        }
        st = match next {
            None => inner.wait(&inner.timer_cv, st),
            Some(at) => {
                inner
                    .timer_cv
                    .wait_timeout(st, at.saturating_duration_since(Instant::now()))
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
        };
    }
}
