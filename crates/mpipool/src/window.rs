//! How many tasks rank 0 keeps in flight on one worker rank: a pure model, so the policy is tested
//! without MPI.
//!
//! Two signals size the window. The *work time* per task comes from the worker rank itself (how long it
//! had tasks running, divided by the results it sends back), so it never includes the trip between the
//! ranks: measuring it at rank 0 as "time since the last results ÷ results" counts the round trip as
//! work, and once a one-way delay passes about 0.5 ms the window shrinks to 2-3 tasks and every task
//!//! waits a whole round trip. On top of that, the window **doubles whenever a rank reports that it ran out
//! of tasks while its last batch was cut short by the window and work is still queued**: the rank ran
//! dry because the window does not cover the round trip, whatever the round trip is (rank 0 cannot see
//! this from its own count: tasks on their way count as in flight). The window stays within the executor's `max_in_flight` and within `MAX_AHEAD_NS` of work by the
//! measured work time, so a rank never holds more than a bounded slice of the queue (memory, and the
//! other ranks' share at the end of a run), and a window grown for short tasks shrinks back when the
//! tasks get longer.

/// The window holds at least this much work ahead (by the measured work time) beyond `2p` tasks.
pub(crate) const PREFETCH_NS: f64 = 1_000_000.0;
/// A window grown because the rank ran dry never holds more than this much work (by the work time).
pub(crate) const MAX_AHEAD_NS: f64 = 100_000_000.0;

/// What one message of results from a rank says.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Report {
    /// Results in it (of this executor).
    pub(crate) n: usize,
    /// How long the rank worked on them (ns, its own clock).
    pub(crate) busy_ns: u64,
    /// The rank had no task left when it sent them.
    pub(crate) drained: bool,
}

/// One rank's window state for one executor.
#[derive(Debug, Clone, Default)]
pub(crate) struct Window {
    /// Mean work time per task on the rank as the rank reports it (ns; 0 = none yet).
    work_ns: f64,
    /// The size the window grew to because the rank ran dry (0 = never).
    grown: usize,
}

impl Window {
    /// The window for a rank running `processes` local processes, at most `max` tasks.
    pub(crate) fn size(&self, processes: usize, max: usize) -> usize {
        let base = 2 * processes.max(1);
        let max = max.max(1);
        if self.work_ns <= 0.0 {
            return base.max(self.grown).min(max);
        }
        let ahead = (PREFETCH_NS / self.work_ns).min(usize::MAX as f64 / 4.0) as usize;
        let bound = ((MAX_AHEAD_NS / self.work_ns).min(usize::MAX as f64 / 4.0) as usize).max(base);
        (base + ahead).max(self.grown.min(bound)).min(max)
    }

    /// A message of results came back from the rank; `capped` says the last batch sent to it was cut
    /// short by the window, `queued` that tasks wait at rank 0. `processes` and `max` as for `size`.
    pub(crate) fn on_results(
        &mut self,
        report: Report,
        capped: bool,
        queued: bool,
        processes: usize,
        max: usize,
    ) {
        let Report {
            n,
            busy_ns,
            drained,
        } = report;
        if n == 0 {
            return;
        }
        let before = self.size(processes, max);
        let took = (busy_ns as f64 / n as f64).max(1.0);
        self.work_ns = if self.work_ns <= 0.0 {
            took
        } else {
            0.8 * self.work_ns + 0.2 * took
        };
        if drained && capped && queued {
            // Ran dry with work waiting: the window does not cover the round trip. Double it.
            self.grown = before.saturating_mul(2).min(max.max(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BinaryHeap;

    fn r(n: usize, busy_ns: u64, drained: bool) -> Report {
        Report {
            n,
            busy_ns,
            drained,
        }
    }

    #[test]
    fn the_window_grows_for_short_tasks_and_stays_small_for_long_ones() {
        let mut w = Window::default();
        assert_eq!(w.size(1, 64), 2);
        w.on_results(r(1, 5_000, false), false, true, 1, 64); // 5 µs tasks
        assert_eq!(w.size(1, 64), 64);
        let mut w = Window::default();
        w.on_results(r(1, 50_000_000, false), false, true, 1, 64); // 50 ms tasks
        assert_eq!(w.size(1, 64), 2);
        assert_eq!(w.size(4, 64), 8);
        assert_eq!(w.size(4, 3), 3);
    }

    #[test]
    fn a_rank_that_runs_dry_doubles_its_window_up_to_the_cap() {
        let mut w = Window::default();
        w.on_results(r(2, 4_000_000, true), true, true, 1, 64); // 2 ms tasks, ran dry, work waiting
        assert_eq!(w.size(1, 64), 4);
        w.on_results(r(4, 8_000_000, true), true, true, 1, 64);
        assert_eq!(w.size(1, 64), 8);
        // Not dry, not cut short by the window, or nothing queued: no growth.
        for (drained, capped, queued) in [
            (false, true, true),
            (true, false, true),
            (true, true, false),
        ] {
            let mut v = w.clone();
            v.on_results(r(4, 8_000_000, drained), capped, queued, 1, 64);
            assert_eq!(v.size(1, 64), 8);
        }
        for _ in 0..20 {
            w.on_results(r(1, 1_000_000, true), true, true, 1, 64);
        }
        assert_eq!(w.size(1, 64), 64);
    }

    #[test]
    fn a_grown_window_shrinks_when_tasks_get_longer() {
        let mut w = Window::default();
        for _ in 0..12 {
            w.on_results(r(1, 1_000_000, true), true, true, 1, 10_000); // 1 ms tasks, a long round trip
        }
        assert_eq!(w.size(1, 10_000), 100); // MAX_AHEAD_NS of work
        for _ in 0..40 {
            w.on_results(r(1, 50_000_000, false), false, true, 1, 10_000); // now 50 ms tasks
        }
        assert_eq!(w.size(1, 10_000), 2);
    }

    /// Rank 0 and one worker rank (one process) with a one-way delay `delay` each way, `tasks` tasks of
    /// `work` each, rank 0 refilling at half the window (as `master::run` does); with `old` it sizes the
    /// window as before this model, from rank 0's "time since the last results ÷ results". Returns when
    /// the last result arrives and the final window (ns, tasks).
    fn simulate(tasks: usize, work: u64, delay: u64, max: usize, old: bool) -> (u64, usize) {
        let mut events: BinaryHeap<std::cmp::Reverse<(u64, u64)>> = BinaryHeap::new();
        let mut window = Window::default();
        let (mut queue, mut in_flight, mut capped, mut done) = (tasks, 0usize, false, 0usize);
        let (mut free_at, mut old_mean, mut since) = (0u64, 0f64, 0u64);
        let size = |w: &Window, old_mean: f64| {
            if old {
                if old_mean <= 0.0 {
                    2
                } else {
                    (2 + (PREFETCH_NS / old_mean) as usize).min(max)
                }
            } else {
                w.size(1, max)
            }
        };
        let mut dispatch =
            |now: u64,
             w: &Window,
             old_mean: f64,
             queue: &mut usize,
             in_flight: &mut usize,
             capped: &mut bool,
             since: &mut u64,
             events: &mut BinaryHeap<std::cmp::Reverse<(u64, u64)>>| {
                let win = size(w, old_mean);
                let room = win.saturating_sub(*in_flight);
                if room == 0 || (*in_flight > 0 && *in_flight * 2 > win) || *queue == 0 {
                    return;
                }
                let n = room.min(*queue);
                *capped = n == room;
                *queue -= n;
                if *in_flight == 0 {
                    *since = now;
                }
                *in_flight += n;
                // The worker runs them back to back from their arrival (or when it frees up) and sends
                // each result on its own, reporting the time it worked since its previous report (one task's
                // work: it starts counting when tasks arrive, not while it waits for them).
                let arrive = now + delay;
                let mut at = arrive.max(free_at);
                for _ in 0..n {
                    at += work;
                    events.push(std::cmp::Reverse((at + delay, arrive)));
                }
                free_at = at;
            };
        dispatch(
            0,
            &window,
            old_mean,
            &mut queue,
            &mut in_flight,
            &mut capped,
            &mut since,
            &mut events,
        );
        let mut now = 0;
        while done < tasks {
            let Some(std::cmp::Reverse((t, _))) = events.pop() else {
                panic!("stalled with {done} of {tasks} done");
            };
            // The worker ran dry if its next task (tasks run in order) had not arrived when this one
            // finished; batches sent from now on arrive later still.
            let finished = t - delay;
            let drained = events
                .peek()
                .is_none_or(|std::cmp::Reverse((_, arrive))| *arrive > finished);
            now = t;
            let took = (now - since) as f64;
            old_mean = if old_mean <= 0.0 {
                took
            } else {
                0.8 * old_mean + 0.2 * took
            };
            since = now;
            window.on_results(r(1, work, drained), capped, queue > 0, 1, max);
            in_flight -= 1;
            done += 1;
            dispatch(
                now,
                &window,
                old_mean,
                &mut queue,
                &mut in_flight,
                &mut capped,
                &mut since,
                &mut events,
            );
        }
        (now, size(&window, old_mean))
    }

    #[test]
    fn the_window_covers_a_long_round_trip_so_throughput_does_not_collapse() {
        const TASKS: usize = 10_000;
        const WORK: u64 = 8_000; // 8 µs tasks: 80 ms of work in all
        for delay_us in [600u64, 1_000, 1_500, 3_000] {
            let delay = delay_us * 1_000;
            let (old_total, old_window) = simulate(TASKS, WORK, delay, 10_000, true);
            let (total, window) = simulate(TASKS, WORK, delay, 10_000, false);
            // The old sizing stalls: a window of 2-3 tasks, a round trip each.
            assert!(old_window <= 3, "{delay_us} µs: old window {old_window}");
            assert!(
                old_total > 1_000_000_000,
                "{delay_us} µs: old {old_total} ns"
            );
            // Grown: half the window holds at least a round trip of work, and the run takes the work
            // plus a few round trips of growing, not a round trip per task.
            assert!(
                (window / 2) as u64 * WORK >= 2 * delay,
                "{delay_us} µs: window {window}"
            );
            assert!(
                total < TASKS as u64 * WORK + 20 * 2 * delay,
                "{delay_us} µs: {total} ns, window {window}"
            );
        }
        // Under the default cap (64 per process) the window reaches the cap: a bounded, latency-bound
        // rate, far from one task per round trip.
        let (total, window) = simulate(TASKS, WORK, 1_000_000, 64, false);
        assert_eq!(window, 64);
        assert!(total < 400_000_000, "{total} ns");
    }
}
