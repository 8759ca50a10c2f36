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

// ------------------------------------------------------------------------------ limits while compiling

/// What stops a compilation midway: the host's deadline and its interrupt flag, set by
/// [`CompileLimits::enter`] around one `exec`/`eval`/`compile()` compilation.
#[derive(Default)]
struct Stop {
    deadline: Option<std::time::Instant>,
    interrupt: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// Units of work (tokens, statements) since the clock was last read.
    count: u32,
    /// The live bytes (the counting allocator's count) past which the compilation stops with MemoryError.
    mem_cap: Option<isize>,
    /// Set when a check stopped the compilation (its error is then the limit's, not a syntax error).
    stopped: bool,
    /// Set when it stopped for memory (the memory limit, or an allocation the system refused).
    oom: bool,
    /// Compilations under way with limits (they nest: `exec` inside a module being compiled never
    /// happens, but `compile()` of a `compile()` call's text does, one after the other).
    depth: u32,
}

thread_local! {
    static STOP: std::cell::RefCell<Stop> = std::cell::RefCell::new(Stop::default());
}

/// The message of the syntax error a stopped compilation returns (its caller turns it into the limit's
/// error, see [`CompileLimits::stopped`]).
pub(crate) const STOPPED: &str = "compilation stopped by the host's limits";

/// Units of work (a token lexed, a statement parsed or compiled) between two readings of the clock: a
/// few microseconds of work each, so a compilation sees its deadline within a fraction of a millisecond.
const STOP_EVERY: u32 = 256;

/// The limits a compilation checks as it goes (lexing, parsing and compiling a generated megabyte of
/// source takes about a second): the guard restores the previous ones when dropped (compilations nest).
pub(crate) struct CompileLimits {
    saved: Option<std::time::Instant>,
    saved_interrupt: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    saved_cap: Option<isize>,
}

impl CompileLimits {
    /// `mem_cap`: the live-byte count at which the program's memory limit is reached.
    pub(crate) fn enter(
        deadline: Option<std::time::Instant>,
        interrupt: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
        mem_cap: Option<isize>,
    ) -> CompileLimits {
        STOP.with(|s| {
            let mut s = s.borrow_mut();
            s.stopped = false;
            s.oom = false;
            s.depth += 1;
            CompileLimits {
                saved: std::mem::replace(&mut s.deadline, deadline),
                saved_interrupt: std::mem::replace(&mut s.interrupt, interrupt),
                saved_cap: std::mem::replace(&mut s.mem_cap, mem_cap),
            }
        })
    }

    /// Whether a check stopped the compilation, and whether for memory (and clears the marks).
    pub(crate) fn stopped(&self) -> Option<bool> {
        STOP.with(|s| {
            let mut s = s.borrow_mut();
            std::mem::take(&mut s.stopped).then(|| std::mem::take(&mut s.oom))
        })
    }
}

impl Drop for CompileLimits {
    fn drop(&mut self) {
        STOP.with(|s| {
            let mut s = s.borrow_mut();
            s.deadline = self.saved.take();
            s.interrupt = self.saved_interrupt.take();
            s.mem_cap = self.saved_cap.take();
            s.depth -= 1;
            if s.depth == 0 {
                s.stopped = false;
                s.oom = false;
            }
        });
    }
}

/// Marks the compilation stopped because the system refused memory (the lexer's token list could not
/// grow): its caller raises `MemoryError`.
pub(crate) fn compile_out_of_memory() {
    STOP.with(|s| {
        let mut s = s.borrow_mut();
        if s.depth > 0 {
            s.stopped = true;
            s.oom = true;
        }
    });
}

/// Counts one unit of compilation work; true when the compilation must stop (the deadline passed or the
/// host interrupted it). Cheap: a counter, and the clock every [`STOP_EVERY`] units.
#[inline]
pub(crate) fn compile_must_stop() -> bool {
    STOP.with(|s| {
        let mut s = s.borrow_mut();
        if s.depth == 0 {
            return false;
        }
        if s.deadline.is_none() && s.interrupt.is_none() && s.mem_cap.is_none() {
            return s.stopped;
        }
        s.count += 1;
        if s.count < STOP_EVERY {
            return s.stopped;
        }
        s.count = 0;
        let late = s.deadline.is_some_and(|d| std::time::Instant::now() >= d)
            || s.interrupt
                .as_ref()
                .is_some_and(|f| f.load(std::sync::atomic::Ordering::Relaxed));
        let full = s
            .mem_cap
            .is_some_and(|cap| crate::alloc::live_bytes().is_some_and(|live| live > cap));
        s.oom |= full && !late;
        s.stopped |= late || full;
        s.stopped
    })
}
