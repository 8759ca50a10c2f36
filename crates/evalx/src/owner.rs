//! Which interpreter runs on this thread now: the id of the [`crate::interp::Interp`] whose code (or
//! drop) is executing, 0 when none is. Work that a drop defers to later — containers queued for
//! incremental freeing ([`crate::teardown`]) and finalizers queued by dying instances
//! (`interp::finalize`) — is tagged with it, so that an interpreter sharing the thread with others only
//! ever finishes its own: a `__del__` of one interpreter's object never runs on another's state, output
//! or limits.
//!
//! The lowest layer: it knows nothing of values or interpreters, only ids.

use std::cell::Cell;

thread_local! {
    static CURRENT: Cell<u64> = const { Cell::new(0) };
}

/// The running interpreter's id (0: none runs on this thread).
#[inline]
pub(crate) fn current() -> u64 {
    CURRENT.try_with(Cell::get).unwrap_or(0)
}

/// Marks interpreter `id` as running until the guard drops (then the previous one runs again: an
/// interpreter a host function starts inside another's run hands the thread back to it).
pub(crate) fn enter(id: u64) -> Entered {
    Entered(CURRENT.try_with(|c| c.replace(id)).unwrap_or(0))
}

/// Restores the previously running interpreter when dropped.
pub(crate) struct Entered(u64);

impl Drop for Entered {
    fn drop(&mut self) {
        let _ = CURRENT.try_with(|c| c.set(self.0));
    }
}
