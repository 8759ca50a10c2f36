//! A counting global allocator: with it installed, [`Limits::max_memory`](crate::Limits::max_memory) bounds
//! the bytes a program holds alive (all its objects together, not only each one).
//!
//! A library cannot choose the process's allocator, so the host opts in, as the `evalx` command does:
//!
//! ```
//! #[global_allocator]
//! static ALLOC: evalx::alloc::CountingAllocator = evalx::alloc::CountingAllocator;
//!
//! let before = evalx::alloc::live_bytes();
//! let v = vec![0u8; 1 << 20];
//! assert!(evalx::alloc::live_bytes().unwrap() >= before.unwrap() + (1 << 20));
//! drop(v);
//! ```
//!
//! Counts are per thread (an interpreter and its objects live on one thread), kept in a thread-local cell:
//! one add per allocation and per free on top of the system allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

/// The system allocator, counting the bytes each thread holds (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct CountingAllocator;

static INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

#[inline]
fn add(n: isize) {
    let _ = LIVE.try_with(|c| c.set(c.get().wrapping_add(n)));
}

// SAFETY: every call is forwarded to `System` unchanged; the counting touches only a const-initialised
// thread-local cell (no allocation, no destructor).
unsafe impl GlobalAlloc for CountingAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
            if !INSTALLED.load(Ordering::Relaxed) {
                INSTALLED.store(true, Ordering::Relaxed);
            }
        }
        p
    }
    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) };
        add(-(layout.size() as isize));
    }
    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        p
    }
}

/// The bytes this thread has allocated and not freed, if the [`CountingAllocator`] is the global allocator
/// (`None` otherwise: then `max_memory` cannot be enforced and only the per-object limits apply).
pub fn live_bytes() -> Option<isize> {
    if !INSTALLED.load(Ordering::Relaxed) {
        return None;
    }
    LIVE.try_with(|c| c.get()).ok()
}
