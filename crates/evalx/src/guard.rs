//! Bounds on native recursion: the stack floor of the stack the interpreter runs on, readable from code that
//! has no `&Interp` (equality and hashing of nested values, `repr`, dropping deep structures), and the
//! limits of the parser and compiler.
//!
//! Every recursion over a value or a syntax tree that a program controls goes through [`stack_low`] (or a
//! depth counter of its own) so that it ends in `RecursionError`, never in a stack overflow of the host.

use std::cell::Cell;

thread_local! {
    /// The lowest stack address the interpreter may reach on this thread (0: not running on a stack with a
    /// known floor).
    static FLOOR: Cell<usize> = const { Cell::new(0) };
    /// Set when a recursion that cannot return an error (hashing, equality inside a dict lookup) stopped
    /// short at the floor; the caller that can raise turns it into `RecursionError`.
    static TRIPPED: Cell<bool> = const { Cell::new(false) };
}

/// The deepest nesting of expressions and statements the compiler accepts (CPython 3.11 stops at about
/// 3 × its recursion limit of 1000: `RecursionError: maximum recursion depth exceeded during compilation`).
pub const COMPILE_DEPTH: u32 = 2990;

/// The most chained operators, calls, attributes and subscripts one statement may hold (a tree this deep
/// still drops and compiles on the interpreter's stack); beyond it the statement is refused with
/// `RecursionError`, as CPython refuses its own deep chains during compilation.
pub const PARSE_CHAIN: u32 = 100_000;

/// The current stack pointer (approximately).
#[inline(always)]
pub(crate) fn sp() -> usize {
    let x = 0u8;
    std::hint::black_box(&x) as *const u8 as usize
}

/// Records the stack floor of this thread (see [`stack_low`]).
#[inline]
pub(crate) fn set_floor(f: usize) {
    FLOOR.with(|c| c.set(f));
}

/// The recorded stack floor (0 if none).
#[inline]
pub(crate) fn floor() -> usize {
    FLOOR.with(|c| c.get())
}

/// Whether the stack is close to its end: a recursion must stop here.
#[inline]
pub(crate) fn stack_low() -> bool {
    let f = floor();
    f != 0 && sp() < f
}

/// Like [`stack_low`], for recursions that cannot fail: also remembers that one stopped (see [`take_tripped`]).
#[inline]
pub(crate) fn stop_here() -> bool {
    if stack_low() {
        TRIPPED.with(|t| t.set(true));
        true
    } else {
        false
    }
}

/// Whether an infallible recursion stopped at the floor since the last call (and clears the mark).
pub(crate) fn take_tripped() -> bool {
    TRIPPED.with(|t| t.replace(false))
}
