//! The MPI side, used only by the one communication thread of each rank: non-blocking sends whose
//! buffers are kept until MPI is done with them (two ranks sending large messages to each other at once
//! must not both block in `MPI_Send`), matched-probe receives, and the polling back-off.
//!
//! rsmpi's safe wrappers receive; sends go through `mpi::ffi::MPI_Isend`, since rsmpi's immediate sends
//! tie the buffer to a scope and this queue outlives any one scope.

use crate::proto::{TAG_FROM_RANK, TAG_TO_RANK};
use crossbeam_channel::{Receiver, RecvTimeoutError};
use mpi::ffi;
use mpi::point_to_point::{MatchedReceiveVec, Source};
use mpi::raw::AsRaw;
use mpi::topology::{Communicator, SimpleCommunicator};
use std::time::Duration;

/// One rank's end of the job.
pub(crate) struct Comm {
    pub(crate) world: SimpleCommunicator,
    /// Sends MPI has not finished, with the buffers it reads from.
    pending: Vec<(ffi::MPI_Request, Vec<u8>)>,
}

impl Comm {
    pub(crate) fn new(world: SimpleCommunicator) -> Self {
        Comm {
            world,
            pending: Vec::new(),
        }
    }

    pub(crate) fn rank(&self) -> usize {
        usize::try_from(self.world.rank()).unwrap_or(0)
    }

    pub(crate) fn size(&self) -> usize {
        usize::try_from(self.world.size()).unwrap_or(1)
    }

    /// Starts sending `bytes` to `dest` (at most [`crate::proto::MAX_PAYLOAD`] bytes, checked by the
    /// callers); the buffer is kept until the send completes.
    pub(crate) fn send(&mut self, dest: usize, tag: i32, bytes: Vec<u8>) {
        let count = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
        let dest = i32::try_from(dest).unwrap_or(0);
        // SAFETY: MPI_Isend reads `count` bytes from the buffer until the request completes; the Vec is
        // kept in `pending` (its heap buffer does not move with it) until `progress` sees it complete.
        unsafe {
            let mut request = ffi::RSMPI_REQUEST_NULL;
            ffi::MPI_Isend(
                bytes.as_ptr().cast(),
                count,
                ffi::RSMPI_UINT8_T,
                dest,
                tag,
                self.world.as_raw(),
                &mut request,
            );
            self.pending.push((request, bytes));
        }
    }

    /// Drops the buffers of sends that completed.
    pub(crate) fn progress(&mut self) {
        self.pending.retain_mut(|(request, _)| {
            let mut done: i32 = 0;
            // SAFETY: the request came from MPI_Isend and is not freed yet; MPI_Test frees it when done.
            unsafe { ffi::MPI_Test(request, &mut done, ffi::RSMPI_STATUS_IGNORE) };
            done == 0
        });
    }

    /// Whether sends are still under way.
    pub(crate) fn sending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Waits for every pending send (before finalizing).
    pub(crate) fn flush(&mut self) {
        for (mut request, _) in self.pending.drain(..) {
            // SAFETY: as in progress; MPI_Wait frees the request.
            unsafe { ffi::MPI_Wait(&mut request, ffi::RSMPI_STATUS_IGNORE) };
        }
    }

    /// The next message for this rank with `tag`, if one has arrived: (sender, bytes).
    pub(crate) fn try_recv(&self, from_root_only: bool) -> Option<(usize, Vec<u8>)> {
        let probe = if from_root_only {
            self.world
                .process_at_rank(0)
                .immediate_matched_probe_with_tag(TAG_TO_RANK)
        } else {
            self.world
                .any_process()
                .immediate_matched_probe_with_tag(TAG_FROM_RANK)
        };
        let (bytes, status) = probe?.matched_receive_vec::<u8>();
        Some((usize::try_from(status.source_rank()).unwrap_or(0), bytes))
    }
}

/// How long to wait between polls of MPI: MPI cannot wake a thread that waits on a channel, so a
/// communication thread with work under way polls a few times back to back, then every 10 µs for a short
/// while (a reply usually comes within a few hundred microseconds), then in sleeps growing to 200 µs
/// (a sleeping thread leaves the core to the ranks and processes that need it, and a woken one is
/// scheduled promptly, where `sched_yield` on a loaded node can cost a whole time slice). Any message
/// resets it.
#[derive(Debug)]
pub(crate) struct Backoff {
    step: u32,
}

/// Polls back to back before the first sleep.
const YIELDS: u32 = 8;
/// Sleeps of [`SHORT_SLEEP`] after the back-to-back polls, before the sleeps start growing.
const SHORT_POLLS: u32 = 40;
const SHORT_SLEEP: Duration = Duration::from_micros(10);
/// The longest sleep between polls while work is under way.
pub(crate) const MAX_SLEEP: Duration = Duration::from_micros(200);

/// Makes this thread's short sleeps short: Linux lets a sleep overrun by the thread's timer slack (50 µs by
/// default), which would make every poll interval at least that long.
pub(crate) fn tighten_timer_slack() {
    // SAFETY: PR_SET_TIMERSLACK with a plain integer argument affects only the calling thread.
    unsafe { libc::prctl(libc::PR_SET_TIMERSLACK, 1u64) };
}

impl Backoff {
    pub(crate) fn new() -> Self {
        Backoff { step: 0 }
    }

    pub(crate) fn reset(&mut self) {
        self.step = 0;
    }

    /// Waits for the next poll, or less if `rx` delivers; returns what it delivered.
    pub(crate) fn wait<T>(&mut self, rx: &Receiver<T>) -> Result<Option<T>, ()> {
        self.step = self.step.saturating_add(1);
        if self.step <= YIELDS {
            std::hint::spin_loop();
            return match rx.try_recv() {
                Ok(v) => Ok(Some(v)),
                Err(crossbeam_channel::TryRecvError::Empty) => Ok(None),
                Err(crossbeam_channel::TryRecvError::Disconnected) => Err(()),
            };
        }
        // A reply to work just sent usually comes within a few hundred microseconds: poll every 10 µs for
        // the first ~0.5 ms, then back off exponentially to MAX_SLEEP.
        let after = self.step - YIELDS;
        let sleep = if after <= SHORT_POLLS {
            SHORT_SLEEP
        } else {
            let shift = (after - SHORT_POLLS).min(16);
            (SHORT_SLEEP * (1u32 << shift)).min(MAX_SLEEP)
        };
        match rx.recv_timeout(sleep) {
            Ok(v) => Ok(Some(v)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(()),
        }
    }
}
