//! Who may touch a simulator array's memory right now: the lock that lets a launch use plain (non-atomic,
//! vectorisable) loads and stores on an array while keeping every other access sound.
//!
//! Simulator memory is atomics accessed with `Relaxed` ordering (`dtype.rs`), so any number of simulated
//! threads, launches and host threads may read and write it at once without undefined behaviour. A launch in
//! plain form (`plain.rs`) instead reads and writes the elements as ordinary `f32`/`i64`..., which is sound
//! only while nothing else accesses them: an ordinary access racing with any write is a data race. Each array
//! therefore carries an [`AccessState`], shared with the crate's internal aliases of it (`reshaped`):
//!
//! - a plain launch *tries* to take the arrays it writes exclusively and the arrays it only reads as a plain
//!   reader (several plain readers at once are fine: nobody writes); it never waits, and when any array is
//!   taken otherwise it gives back what it took and runs in the atomic form instead;
//! - every other access (a launch in the atomic form, a host copy) holds a shared claim for its duration,
//!   which waits while a plain launch holds the array. That wait always ends: a plain launch runs nothing but
//!   the kernel's own code (which cannot reach an array it was not handed) and waits for nothing but its own
//!   simulated threads;
//! - a view handed to the user ([`crate::DeviceArray::view`]) is a `Copy` handle whose life the crate cannot
//!   see: taking one marks the array *escaped* for good, and an escaped array is never used in plain form.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Set for good once a view of the array has been handed out.
const ESCAPED: u64 = 1 << 63;
/// Held by a plain launch that writes the array.
const EXCLUSIVE: u64 = 1 << 62;
/// One plain launch that reads the array (bits 32..62 count them).
const READER: u64 = 1 << 32;
const READERS: u64 = ((1 << 30) - 1) << 32;
/// Shared claims: atomic-form launches and host copies in progress (bits 0..32 count them).
const SHARED: u64 = (1 << 32) - 1;

/// The access lock of one simulator array (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct AccessState(AtomicU64);

/// Spins, then yields, then sleeps a little: the wait of a shared claim for a plain launch to end.
fn pause(round: &mut u32) {
    *round = round.saturating_add(1);
    if *round < 64 {
        std::hint::spin_loop();
    } else if *round < 128 {
        std::thread::yield_now();
    } else {
        std::thread::sleep(Duration::from_micros(20));
    }
}

impl AccessState {
    /// Waits until no plain launch holds the array, then applies `add` (Acquire: the plain launch's writes,
    /// released when it let go, are visible to what follows).
    fn claim(&self, add: impl Fn(u64) -> u64) {
        let mut round = 0;
        let mut now = self.0.load(Ordering::Relaxed);
        loop {
            if now & (EXCLUSIVE | READERS) != 0 {
                pause(&mut round);
                now = self.0.load(Ordering::Relaxed);
                continue;
            }
            match self
                .0
                .compare_exchange_weak(now, add(now), Ordering::Acquire, Ordering::Relaxed)
            {
                Ok(_) => return,
                Err(seen) => now = seen,
            }
        }
    }

    /// A shared claim for an atomic-form access, held until the guard drops.
    pub(crate) fn shared(&self) -> SharedClaim<'_> {
        self.claim(|s| {
            // Past 2^32 - 1 claims at once (never in practice) the count would carry into the readers: refuse
            // to count further by escaping instead, which keeps the array atomic for good.
            if s & SHARED == SHARED {
                s | ESCAPED
            } else {
                s + 1
            }
        });
        SharedClaim(self)
    }

    /// Marks the array escaped (a view of it handed out), after any plain launch on it has ended.
    pub(crate) fn escape(&self) {
        self.claim(|s| s | ESCAPED);
    }

    /// Takes the array for a plain launch that writes it: only when nothing else holds it, never escaped.
    pub(crate) fn try_exclusive(&self) -> bool {
        self.0
            .compare_exchange(0, EXCLUSIVE, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    /// Takes the array for a plain launch that only reads it: when no writer of any kind holds it.
    pub(crate) fn try_reader(&self) -> bool {
        let mut now = self.0.load(Ordering::Relaxed);
        loop {
            if now & (ESCAPED | EXCLUSIVE | SHARED) != 0 || now & READERS == READERS {
                return false;
            }
            match self.0.compare_exchange_weak(
                now,
                now + READER,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                Err(seen) => now = seen,
            }
        }
    }

    /// Gives back what [`AccessState::try_exclusive`] took (Release: the launch's writes happen before the
    /// next claim).
    pub(crate) fn release_exclusive(&self) {
        self.0.fetch_and(!EXCLUSIVE, Ordering::Release);
    }

    /// Gives back what [`AccessState::try_reader`] took.
    pub(crate) fn release_reader(&self) {
        self.0.fetch_sub(READER, Ordering::Release);
    }
}

/// A shared claim on an array (see [`AccessState::shared`]); released on drop.
#[derive(Debug)]
pub(crate) struct SharedClaim<'a>(&'a AccessState);

impl Drop for SharedClaim<'_> {
    fn drop(&mut self) {
        // An escaped-instead claim (see `shared`) added nothing; the count is then full and stays full.
        let mut now = self.0.0.load(Ordering::Relaxed);
        loop {
            if now & ESCAPED != 0 && now & SHARED == SHARED {
                return;
            }
            match self
                .0
                .0
                .compare_exchange_weak(now, now - 1, Ordering::Release, Ordering::Relaxed)
            {
                Ok(_) => return,
                Err(seen) => now = seen,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_holders_exclude_shared_and_views_escape_for_good() {
        let s = AccessState::default();
        assert!(s.try_reader() && s.try_reader());
        assert!(!s.try_exclusive());
        s.release_reader();
        s.release_reader();
        assert!(s.try_exclusive());
        assert!(!s.try_reader() && !s.try_exclusive());
        s.release_exclusive();
        {
            let _a = s.shared();
            let _b = s.shared();
            assert!(!s.try_reader() && !s.try_exclusive());
        }
        assert!(s.try_exclusive());
        s.release_exclusive();
        s.escape();
        assert!(!s.try_reader() && !s.try_exclusive());
        drop(s.shared());
        assert!(!s.try_exclusive());
    }

    #[test]
    fn a_shared_claim_waits_for_the_plain_launch() {
        let s = std::sync::Arc::new(AccessState::default());
        assert!(s.try_exclusive());
        let waiter = {
            let s = s.clone();
            std::thread::spawn(move || {
                let _claim = s.shared();
                s.0.load(Ordering::Relaxed) & EXCLUSIVE
            })
        };
        std::thread::sleep(Duration::from_millis(20));
        s.release_exclusive();
        assert_eq!(waiter.join().expect("joins"), 0);
    }
}
