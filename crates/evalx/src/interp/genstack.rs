//! Generator stacks and their budget. Each live generator (and coroutine) runs on its own stack, a
//! reservation of address space committed only as it is used; the number alive at once is bounded, so a
//! program that keeps very many generators suspended gets a `MemoryError` before the reservations exhaust
//! the process's address space (`ulimit -v`) or its count of memory mappings, where an ordinary allocation
//! would then fail and abort the host.

use super::{Exc, PyResult};
use corosensei::stack::{DefaultStack, Stack, StackPointer};
use std::cell::Cell;

/// The stack each generator reserves.
pub(crate) const GEN_STACK: usize = 16 << 20;
/// Stacks alive at once without an address-space cap: each is two memory mappings (the stack and its guard
/// page), and Linux allows 65,530 mappings per process by default, which the heap needs too.
const MAX_STACKS: usize = 16_384;
/// What a suspended generator's stack holds committed (its frames, the coroutine's context: about 60 KiB
/// measured in an unoptimised build, less in a release one), counted against `Limits::max_memory`, which
/// the counting allocator does not see for stacks.
pub(crate) const GEN_STACK_COMMITTED: usize = 32 << 10;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
}

/// A generator's stack, counted while it exists (in use or pooled).
pub struct GenStack(DefaultStack);

impl std::fmt::Debug for GenStack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GenStack")
    }
}

/// The address-space cap (`RLIMIT_AS`) of this process, read once; `None` when unlimited.
fn address_space_cap() -> Option<usize> {
    static CAP: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    *CAP.get_or_init(|| {
        let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
        let line = limits
            .lines()
            .find(|l| l.starts_with("Max address space"))?;
        line.split_whitespace().nth(3)?.parse().ok()
    })
}

/// How many generator stacks may exist at once: at most half the address-space cap in reservations, the
/// mapping budget, and (under a memory limit) what their committed pages would hold.
pub(crate) fn stack_budget(max_memory: Option<usize>) -> usize {
    let mut n = MAX_STACKS;
    if let Some(cap) = address_space_cap() {
        n = n.min(cap / 2 / GEN_STACK);
    }
    if let Some(m) = max_memory {
        n = n.min(m / GEN_STACK_COMMITTED);
    }
    n.max(1)
}

/// The number of generator stacks alive on this thread.
pub(crate) fn live_stacks() -> usize {
    LIVE.try_with(Cell::get).unwrap_or(0)
}

impl GenStack {
    /// A fresh stack, or `MemoryError` past the budget or when the system has none to give.
    pub(crate) fn new(max_memory: Option<usize>) -> PyResult<GenStack> {
        let live = live_stacks();
        let budget = stack_budget(max_memory);
        if live >= budget {
            return Err(Exc::new(
                "MemoryError",
                format!(
                    "too many live generators: {live} suspended at once is evalx's limit here (each reserves a {} MiB stack)",
                    GEN_STACK >> 20
                ),
            ));
        }
        let s = DefaultStack::new(GEN_STACK)
            .map_err(|_| Exc::new("MemoryError", "cannot allocate a generator stack"))?;
        let _ = LIVE.try_with(|c| c.set(c.get() + 1));
        Ok(GenStack(s))
    }
}

impl Drop for GenStack {
    fn drop(&mut self) {
        let _ = LIVE.try_with(|c| c.set(c.get().saturating_sub(1)));
    }
}

// SAFETY: every method forwards to the `DefaultStack` it owns, which upholds `Stack`'s contract.
unsafe impl Stack for GenStack {
    #[inline]
    fn base(&self) -> StackPointer {
        self.0.base()
    }
    #[inline]
    fn limit(&self) -> StackPointer {
        self.0.limit()
    }
    #[cfg(windows)]
    #[inline]
    fn teb_fields(&self) -> corosensei::stack::StackTebFields {
        self.0.teb_fields()
    }
    #[cfg(windows)]
    #[inline]
    fn update_teb_fields(&mut self, stack_limit: usize, guaranteed_stack_bytes: usize) {
        self.0
            .update_teb_fields(stack_limit, guaranteed_stack_bytes)
    }
}
