//! Who starts a task sent to a worker: a small table of atomic words in memory shared by the pool and
//! one worker (one memfd, mapped by both). It is what lets tasks wait in a worker's window without
//! counting as running: the pool can still take a task back — to cancel it, or to give it to an idle
//! worker — until the moment the worker (or the pool, on the worker's behalf) claims it.
//!
//! Each task in flight has a slot holding `id << 2 | state`. The pool writes `QUEUED` before sending the
//! task; starting it is a compare-and-swap `QUEUED -> STARTED`, taking it back `QUEUED -> RECLAIMED`.
//! Whoever wins decides, in both processes at once; the worker skips a task whose slot no longer holds
//! its id as `QUEUED` or `STARTED`. The word after the slots holds the worker's last words (why it is
//! about to die), written from a signal handler.

use ipc_channel::ipc::IpcSharedMemory;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

const QUEUED: u64 = 1;
const STARTED: u64 = 2;
const RECLAIMED: u64 = 3;

/// The worker's last words: nothing to report.
pub(crate) const LAST_WORDS_NONE: u64 = 0;
/// The worker's last words: its stack overflowed.
pub(crate) const LAST_WORDS_STACK_OVERFLOW: u64 = 1;

fn word(id: u64, state: u64) -> u64 {
    (id << 2) | state
}

/// One worker's claim table. Both processes map the same memory; every access is atomic.
pub(crate) struct ClaimTable {
    /// Keeps the mapping alive.
    shm: IpcSharedMemory,
    ptr: *const AtomicU64,
    slots: usize,
}

// SAFETY: the table is only ever accessed through atomics, and the mapping lives as long as `shm`.
unsafe impl Send for ClaimTable {}
// SAFETY: as above.
unsafe impl Sync for ClaimTable {}

impl ClaimTable {
    /// A new zeroed table of `slots` slots (plus the last-words word).
    pub(crate) fn new(slots: usize) -> Self {
        Self::from_shm(IpcSharedMemory::from_byte(0, (slots + 1) * 8))
    }

    /// The table inside a region received from the pool; `None` if it is too small to hold one slot.
    pub(crate) fn from_shm(mut shm: IpcSharedMemory) -> Self {
        // SAFETY: we only take the base pointer; all later accesses are atomic, which is what makes
        // sharing the region between the two processes (and threads) sound.
        let bytes = unsafe { shm.deref_mut() };
        let slots = (bytes.len() / 8).saturating_sub(1);
        let ptr = bytes.as_mut_ptr().cast::<AtomicU64>().cast_const();
        debug_assert!(ptr.is_aligned(), "a mapping is page-aligned");
        ClaimTable { shm, ptr, slots }
    }

    /// A handle on the same memory, for sending to the worker.
    pub(crate) fn share(&self) -> IpcSharedMemory {
        self.shm.clone()
    }

    pub(crate) fn slots(&self) -> usize {
        self.slots
    }

    fn at(&self, i: usize) -> Option<&AtomicU64> {
        // SAFETY: in bounds (`i <= slots`), aligned, and inside the live mapping.
        (i <= self.slots).then(|| unsafe { &*self.ptr.add(i) })
    }

    /// Pool: the task `id` is about to be sent in `slot`, either only queued there or already started
    /// (the worker is idle, so it starts the moment it reads it).
    pub(crate) fn offer(&self, slot: usize, id: u64, started: bool) {
        if let Some(w) = self.at(slot).filter(|_| slot < self.slots) {
            w.store(
                word(id, if started { STARTED } else { QUEUED }),
                Ordering::Release,
            );
        }
    }

    /// Starts task `id` in `slot` (either side): true if it is started now or was already.
    pub(crate) fn start(&self, slot: usize, id: u64) -> bool {
        let Some(w) = self.at(slot).filter(|_| slot < self.slots) else {
            return false;
        };
        match w.compare_exchange(
            word(id, QUEUED),
            word(id, STARTED),
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => true,
            Err(now) => now == word(id, STARTED),
        }
    }

    /// Whether task `id` in `slot` has started (by either side).
    pub(crate) fn is_started(&self, slot: usize, id: u64) -> bool {
        self.at(slot)
            .filter(|_| slot < self.slots)
            .is_some_and(|w| w.load(Ordering::Acquire) == word(id, STARTED))
    }

    /// Pool: takes task `id` back from `slot`; true if the worker will now never start it.
    pub(crate) fn reclaim(&self, slot: usize, id: u64) -> bool {
        let Some(w) = self.at(slot).filter(|_| slot < self.slots) else {
            return false;
        };
        match w.compare_exchange(
            word(id, QUEUED),
            word(id, RECLAIMED),
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => true,
            Err(now) => now == word(id, RECLAIMED),
        }
    }

    /// Pool: what the worker recorded before dying.
    pub(crate) fn last_words(&self) -> u64 {
        self.at(self.slots)
            .map_or(LAST_WORDS_NONE, |w| w.load(Ordering::Acquire))
    }

    /// The address of the last-words word, for the worker's signal handler.
    pub(crate) fn last_words_ptr(&self) -> *const AtomicU64 {
        self.at(self.slots)
            .map_or(std::ptr::null(), std::ptr::from_ref)
    }
}

/// Where a queued task stands, as the pool sees it. Its lock orders the pool's moves (send, claim,
/// steal, requeue) against the caller's `cancel()`, which goes through [`Ticket::revoke`] as the
/// future's cancel guard.
pub(crate) struct Ticket {
    state: Mutex<TicketState>,
}

struct TicketState {
    /// The task's id on the wire. A stolen task gets a new one, so that a message its old worker still
    /// holds can never match it again (not when it is sent back to that worker, nor in the same slot).
    id: u64,
    place: Place,
    /// Claimed: it started (or starts the moment its worker reads it). Never cleared.
    started: bool,
}

enum Place {
    /// In the pool's queue.
    Queued,
    /// Sent to a worker, in this slot of its table.
    Sent { table: Arc<ClaimTable>, slot: usize },
    /// Cancelled before it started: it will never run.
    Revoked,
}

/// What [`Ticket::claim`] found.
pub(crate) enum Claim {
    /// It has started; `true` if this call started it.
    Started(bool),
    /// It was taken back: the worker skips it.
    Revoked,
}

impl Ticket {
    pub(crate) fn new(id: u64) -> Arc<Self> {
        Arc::new(Ticket {
            state: Mutex::new(TicketState {
                id,
                place: Place::Queued,
                started: false,
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, TicketState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The future's cancel guard: true if the task will now never start, false if it already did.
    pub(crate) fn revoke(&self) -> bool {
        let mut st = self.lock();
        if st.started {
            return false;
        }
        let taken_back = match &st.place {
            Place::Queued | Place::Revoked => true,
            Place::Sent { table, slot } => table.reclaim(*slot, st.id),
        };
        if taken_back {
            st.place = Place::Revoked;
        } else {
            st.started = true; // the worker claimed it first
        }
        taken_back
    }

    /// The task is being sent to a worker in `slot` of `table`, started at once if `start` (the worker
    /// is idle). `None` if it was revoked (do not send it); else whether this call started it.
    pub(crate) fn send(&self, table: &Arc<ClaimTable>, slot: usize, start: bool) -> Option<bool> {
        let mut st = self.lock();
        if matches!(st.place, Place::Revoked) {
            return None;
        }
        let newly = start && !st.started;
        st.started |= start;
        table.offer(slot, st.id, st.started);
        st.place = Place::Sent {
            table: Arc::clone(table),
            slot,
        };
        Some(newly)
    }

    /// Its worker finished everything before it: it starts now (claimed on the worker's behalf, unless
    /// the worker got there first).
    pub(crate) fn claim(&self) -> Claim {
        let mut st = self.lock();
        if st.started {
            return Claim::Started(false);
        }
        match &st.place {
            Place::Sent { table, slot } if table.start(*slot, st.id) => {
                st.started = true;
                Claim::Started(true)
            }
            _ => Claim::Revoked,
        }
    }

    /// Takes it back from its (busy) worker for another one: true if taken (it is queued again, under
    /// `new_id`, since its old worker may still read the message that sent it).
    pub(crate) fn steal(&self, new_id: u64) -> bool {
        let mut st = self.lock();
        if st.started {
            return false;
        }
        match &st.place {
            Place::Sent { table, slot } => {
                if table.reclaim(*slot, st.id) {
                    st.place = Place::Queued;
                    st.id = new_id;
                    true
                } else {
                    st.started = true;
                    false
                }
            }
            _ => false,
        }
    }

    /// Back in the pool's queue (its worker ended before running it).
    pub(crate) fn requeue(&self) {
        let mut st = self.lock();
        if !matches!(st.place, Place::Revoked) {
            st.place = Place::Queued;
        }
    }

    /// Whether it started: claimed by the pool, or by its worker (which the table shows).
    pub(crate) fn has_started(&self) -> bool {
        let st = self.lock();
        st.started
            || matches!(&st.place, Place::Sent { table, slot } if table.is_started(*slot, st.id))
    }

    pub(crate) fn is_revoked(&self) -> bool {
        matches!(self.lock().place, Place::Revoked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_decide_exactly_once() {
        let table = ClaimTable::new(4);
        let other = ClaimTable::from_shm(table.share());
        assert_eq!(other.slots(), 4);
        table.offer(0, 7, false);
        assert!(other.start(0, 7));
        assert!(!table.reclaim(0, 7), "started: cannot be taken back");
        table.offer(1, 8, false);
        assert!(table.reclaim(1, 8));
        assert!(!other.start(1, 8), "reclaimed: the worker skips it");
        table.offer(1, 9, false);
        assert!(!other.start(1, 8), "a stale id never matches a reused slot");
        assert!(other.start(1, 9));
        table.offer(2, 10, true);
        assert!(other.start(2, 10), "offered as started");
        assert!(!table.start(9, 1) && !table.reclaim(9, 1), "out of range");
        assert_eq!(table.last_words(), LAST_WORDS_NONE);
        // SAFETY: the pointer is into `other`'s live mapping.
        unsafe { (*other.last_words_ptr()).store(LAST_WORDS_STACK_OVERFLOW, Ordering::Release) };
        assert_eq!(table.last_words(), LAST_WORDS_STACK_OVERFLOW);
    }
}
