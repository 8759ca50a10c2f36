//! Incremental teardown of big containers: while a program runs under a deadline (or with an interrupt
//! handle), a list, dict or set of [`DEFER_AT`] items or more whose last reference goes (a name rebound,
//! `del`, a discarded result, a partial result a limit stopped) is not freed at once, which for ten million
//! items is tens of milliseconds between two checks of the clock: its items are queued here, and the
//! interpreter frees them a chunk at a time at its limit checks ([`free_some`]), the rest when the host's
//! next run starts or the interpreter drops ([`free_all`]). Compilation queues its token list and statement
//! list the same way when a limit stops it.
//!
//! The queue is per thread (an interpreter and its values live on one thread), so the counting allocator
//! still sees the bytes freed on the thread that allocated them, and a memory check that fails frees what is
//! queued before it gives up. This layer knows nothing of values: it holds type-erased iterators whose
//! items drop as they are stepped past.

use std::cell::{Cell, RefCell};

/// Containers with at least this many items are queued rather than freed at once (about a quarter of a
/// millisecond of freeing).
pub(crate) const DEFER_AT: usize = 1 << 16;

/// What a queued container still holds: stepping it drops its items one at a time.
trait Teardown {
    /// Drops up to `n` items; true when none is left.
    fn free(&mut self, n: usize) -> bool;
}

impl<I: ExactSizeIterator> Teardown for I {
    fn free(&mut self, n: usize) -> bool {
        for _ in 0..n {
            if self.next().is_none() {
                return true;
            }
        }
        self.len() == 0
    }
}

thread_local! {
    /// Whether big containers are queued (set by the interpreter around a run with a deadline).
    static ON: Cell<bool> = const { Cell::new(false) };
    /// The queued containers, each with the id of the interpreter that ran when it was queued (see
    /// [`crate::owner`]): an interpreter frees only its own, so another interpreter on the same thread
    /// never runs the finalizers of objects the first one freed.
    static QUEUE: RefCell<Vec<(u64, Box<dyn Teardown>)>> = const { RefCell::new(Vec::new()) };
}

/// Turns queueing on or off for this thread; returns the previous setting.
pub(crate) fn set_enabled(on: bool) -> bool {
    ON.try_with(|c| c.replace(on)).unwrap_or(false)
}

/// Whether a container of `len` items should be handed to [`defer`] rather than freed now.
#[inline(always)]
pub(crate) fn wants(len: usize) -> bool {
    len >= DEFER_AT && ON.try_with(|c| c.get()).unwrap_or(false)
}

/// Queues `items` (an owning iterator over a container's items) for incremental freeing; when the queue
/// is unavailable (the thread is exiting, or it is being walked), they are freed here.
pub(crate) fn defer<I: ExactSizeIterator + 'static>(items: I) {
    let mut items = Some(items);
    let owner = crate::owner::current();
    let _ = QUEUE.try_with(|q| {
        if let (Ok(mut q), Some(i)) = (q.try_borrow_mut(), items.take()) {
            q.push((owner, Box::new(i)));
        }
    });
    drop(items);
}

/// Drops `items` now, or queues them when they are many and queueing is on (the rest of a big vector an
/// operation stopped consuming).
pub(crate) fn release<I: ExactSizeIterator + 'static>(items: I) {
    if wants(items.len()) {
        defer(items);
    }
}

/// Whether anything the running interpreter queued is still queued.
#[inline]
pub(crate) fn pending() -> bool {
    let owner = crate::owner::current();
    QUEUE
        .try_with(|q| {
            q.try_borrow()
                .is_ok_and(|q| q.iter().any(|(o, _)| *o == owner))
        })
        .unwrap_or(false)
}

/// Takes the most recently queued container of `owner`.
fn pop_of(owner: u64) -> Option<Box<dyn Teardown>> {
    QUEUE
        .try_with(|q| {
            let mut q = q.try_borrow_mut().ok()?;
            let at = q.iter().rposition(|(o, _)| *o == owner)?;
            Some(q.remove(at).1)
        })
        .ok()
        .flatten()
}

/// Frees up to about `n` items the running interpreter queued (the most recently queued container
/// first); true when none of its own is left afterwards. Items whose drop queues further containers (a
/// big list inside a big list) add them to the queue as they go.
pub(crate) fn free_some(n: usize) -> bool {
    free_some_of(crate::owner::current(), n)
}

fn free_some_of(owner: u64, mut n: usize) -> bool {
    while n > 0 {
        let Some(mut t) = pop_of(owner) else {
            return true;
        };
        let step = n.min(DEFER_AT);
        // Dropped outside the queue's borrow: an item's drop may queue another container.
        let done = t.free(step);
        n -= step;
        if !done {
            let _ = QUEUE.try_with(|q| q.borrow_mut().push((owner, t)));
        }
    }
    !QUEUE
        .try_with(|q| {
            q.try_borrow()
                .is_ok_and(|q| q.iter().any(|(o, _)| *o == owner))
        })
        .unwrap_or(false)
}

/// Frees everything the running interpreter queued (at the start of its host's next run, and when it
/// drops).
pub(crate) fn free_all() {
    let owner = crate::owner::current();
    while !free_some_of(owner, usize::MAX >> 1) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn queued_items_drop_in_chunks_and_all_at_the_end() {
        let live = Rc::new(());
        let _me = crate::owner::enter(u64::MAX - 1);
        let was = set_enabled(true);
        assert!(wants(DEFER_AT));
        assert!(!wants(DEFER_AT - 1));
        let v: Vec<Rc<()>> = (0..3 * DEFER_AT).map(|_| live.clone()).collect();
        defer(v.into_iter());
        assert!(pending());
        assert_eq!(Rc::strong_count(&live), 3 * DEFER_AT + 1);
        assert!(!free_some(DEFER_AT));
        assert_eq!(Rc::strong_count(&live), 2 * DEFER_AT + 1);
        free_all();
        assert!(!pending());
        assert_eq!(Rc::strong_count(&live), 1);
        set_enabled(was);
        assert!(!wants(DEFER_AT) || was);
    }

    #[test]
    fn an_interpreter_frees_only_what_it_queued() {
        let live = Rc::new(());
        let a: Vec<Rc<()>> = (0..DEFER_AT).map(|_| live.clone()).collect();
        let b: Vec<Rc<()>> = (0..DEFER_AT).map(|_| live.clone()).collect();
        {
            let _a = crate::owner::enter(u64::MAX - 2);
            defer(a.into_iter());
        }
        {
            let _b = crate::owner::enter(u64::MAX - 3);
            defer(b.into_iter());
            free_all();
            assert!(!pending());
        }
        // The other interpreter's container is untouched until it frees its own.
        assert_eq!(Rc::strong_count(&live), DEFER_AT + 1);
        let _a = crate::owner::enter(u64::MAX - 2);
        assert!(pending());
        free_all();
        assert_eq!(Rc::strong_count(&live), 1);
    }
}
