//! Opportunistic work sharing for the simulator's launches: the calling thread works through a launch's items
//! itself, while rayon workers it has woken join in if, and only when, they get a core in time.
//!
//! A rayon parallel iterator called from outside the pool hands the whole job to the pool and blocks until
//! the pool's threads have woken up and finished it; on a busy machine that wake-up can cost more than a
//! short launch. Here the caller never waits for a helper that has not started: a helper that arrives after
//! the caller has closed the launch leaves without touching it. The caller waits only for runs a helper
//! has already claimed, and claims shrink as the launch drains (guided self-scheduling), so on a loaded
//! machine a launch costs about its inline time, and on an idle one it splits across cores.

use std::any::Any;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, Thread};

/// The high bit of [`Shared::state`]: set once the caller admits no more helpers.
const CLOSED: usize = 1 << (usize::BITS - 1);

type Item<'a> = dyn Fn(usize) + Sync + 'a;

/// How many times (`spin_loop` hints, a few microseconds in all) the caller polls for a helper's last run
/// before it parks.
const SPINS_BEFORE_PARK: u32 = 256;

/// What the caller and its helpers share. Owned through an `Arc`, so a late helper can still read it after
/// the launch has returned; only `item` borrows from the launch, and only admitted helpers use it.
struct Shared {
    /// The next unclaimed item.
    next: AtomicUsize,
    end: usize,
    /// Workers (caller and helpers): a claim takes `1 / (2 * workers)` of what is left.
    workers: usize,
    /// [`CLOSED`] plus the number of helpers admitted and not yet finished.
    state: AtomicUsize,
    /// The launch's item function, its lifetime erased (see [`share`] for why that is sound).
    item: *const Item<'static>,
    caller: Thread,
    panic: Mutex<Option<Box<dyn Any + Send>>>,
}

// SAFETY: `item` points to a `Sync` closure, dereferenced only by helpers admitted before `CLOSED`, which the
// caller waits for before the closure can go away; every other field is `Send + Sync`.
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

impl Shared {
    /// Claims the next run of items: a share of what is left that shrinks as the launch drains (guided
    /// self-scheduling), so that a helper arriving late takes small runs and nobody waits long at the end.
    fn claim(&self) -> Option<Range<usize>> {
        let mut start = self.next.load(Ordering::Relaxed);
        loop {
            if start >= self.end {
                return None;
            }
            let take = ((self.end - start) / (2 * self.workers)).max(1);
            match self.next.compare_exchange_weak(
                start,
                start + take,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return Some(start..start + take),
                Err(now) => start = now,
            }
        }
    }

    /// Claims and runs items until none is left. The first panic stops further claims and is kept for the
    /// caller to resume.
    fn work(&self, item: &Item<'_>) {
        while let Some(run) = self.claim() {
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| run.for_each(item))) {
                self.next.store(self.end, Ordering::Relaxed);
                let mut slot = self.panic.lock().unwrap_or_else(PoisonError::into_inner);
                slot.get_or_insert(payload);
                return;
            }
        }
    }
}

/// A rayon job: joins the launch if it is still open, else leaves at once.
fn help(shared: Arc<Shared>) {
    if shared.state.fetch_add(1, Ordering::Acquire) & CLOSED == 0 {
        // SAFETY: admitted before `CLOSED`, so the caller is still inside `share`, waiting for us, and the
        // closure `item` points to is alive.
        shared.work(unsafe { &*shared.item });
    }
    // Release: our writes happen before the caller's return. The last helper out of a closed launch wakes
    // the caller; after this line only the `Arc`-owned fields are touched.
    if shared.state.fetch_sub(1, Ordering::Release) == CLOSED | 1 {
        shared.caller.unpark();
    }
}

/// Closes the launch and waits for the admitted helpers; a drop guard, so that the caller cannot leave
/// `share` (even unwinding) while a helper may still use `item`.
struct Close<'a>(&'a Shared);

impl Drop for Close<'_> {
    fn drop(&mut self) {
        let mut state = self.0.state.fetch_or(CLOSED, Ordering::AcqRel);
        // A helper still inside is finishing a short run: spin a little before sleeping.
        let mut spins = 0;
        while state & !CLOSED != 0 {
            if spins < SPINS_BEFORE_PARK {
                spins += 1;
                std::hint::spin_loop();
            } else {
                thread::park();
            }
            state = self.0.state.load(Ordering::Acquire);
        }
    }
}

/// Runs `item(i)` for every `i` in `items`, on the calling thread and on up to `helpers` rayon workers that
/// start in time; returns when all have run, resuming the first panic of any of them.
pub(crate) fn share(items: Range<usize>, helpers: usize, item: &Item<'_>) {
    if items.is_empty() {
        return;
    }
    // SAFETY: only the lifetime changes. Helpers dereference the pointer only while admitted, and `Close`
    // (dropped before this function returns or unwinds) waits until no helper is admitted and admits no more.
    let erased = unsafe { std::mem::transmute::<*const Item<'_>, *const Item<'static>>(item) };
    let shared = Arc::new(Shared {
        next: AtomicUsize::new(items.start),
        end: items.end,
        workers: helpers + 1,
        state: AtomicUsize::new(0),
        item: erased,
        caller: thread::current(),
        panic: Mutex::new(None),
    });
    {
        let _close = Close(&shared);
        for _ in 0..helpers {
            let shared = Arc::clone(&shared);
            rayon::spawn(move || help(shared));
        }
        shared.work(item);
    }
    let payload = shared
        .panic
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(payload) = payload {
        resume_unwind(payload);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn every_item_runs_once() {
        for (items, helpers) in [(0..1000, 1), (5..6, 3), (3..3, 1), (0..97, 0), (0..64, 8)] {
            let runs: Vec<AtomicUsize> = (0..1000).map(|_| AtomicUsize::new(0)).collect();
            share(items.clone(), helpers, &|i| {
                runs[i].fetch_add(1, Ordering::Relaxed);
            });
            for (i, r) in runs.iter().enumerate() {
                assert_eq!(
                    r.load(Ordering::Relaxed),
                    usize::from(items.contains(&i)),
                    "item {i}"
                );
            }
        }
    }

    #[test]
    fn a_helper_takes_items_while_the_caller_is_busy() {
        // The caller claims item 0 and holds it until another thread has run item 1: only a helper can.
        let caller = thread::current().id();
        let other_ran = AtomicBool::new(false);
        share(0..2, 1, &|i| {
            if thread::current().id() == caller {
                while !other_ran.load(Ordering::Acquire) {
                    std::hint::spin_loop();
                    thread::yield_now();
                }
            } else {
                other_ran.store(true, Ordering::Release);
            }
            assert!(i < 2);
        });
        assert!(other_ran.load(Ordering::Acquire));
    }

    #[test]
    fn a_panic_on_any_thread_reaches_the_caller() {
        let payload = catch_unwind(|| {
            share(0..500, 1, &|i| {
                if i == 321 {
                    panic!("item {i} failed");
                }
            })
        })
        .expect_err("item 321 panics");
        assert_eq!(
            payload.downcast_ref::<String>().map(String::as_str),
            Some("item 321 failed")
        );
    }
}
