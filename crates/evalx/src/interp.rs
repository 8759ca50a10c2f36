//! The interpreter: walks the compiled IR. Frames keep locals in slots; exceptions travel as `Box<Exc>`;
//! control flow (break/continue/return) is a one-byte [`Flow`] with the return value in a side slot.
//! Generators run on their own small stacks (corosensei coroutines) so any `yield` suspends cleanly.
//! A per-statement `tracing` flag is the hook point for a line/call/return debugger.

use crate::ast::{BinOp, CmpOp, UnOp};
use crate::compile::*;
use crate::error::{PyException, TraceEntry};
use crate::num;
use crate::thin::RcStr;
use crate::value::*;
use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, Box<Exc>>;

/// What an exception carries before and after it is materialised as an object.
#[derive(Debug, Clone)]
pub enum ExcKind {
    /// A built-in exception not yet turned into an instance: its class name and args.
    Lazy(&'static str, Vec<Value>),
    /// An exception instance.
    Obj(Rc<Instance>),
    /// A host limit: not catchable by `except`.
    Limit(String),
}

/// A raised exception travelling up the stack.
#[derive(Debug, Clone)]
pub struct Exc {
    pub kind: ExcKind,
    /// Frames it passed through, innermost first.
    pub tb: Vec<TraceEntry>,
    pub context: Option<Box<Exc>>,
    pub cause: Option<Box<Exc>>,
    pub suppress_context: bool,
}

impl Exc {
    /// A built-in exception with one message argument.
    pub fn new(ty: &'static str, msg: impl Into<String>) -> Box<Exc> {
        let msg: String = msg.into();
        let args = if msg.is_empty() {
            Vec::new()
        } else {
            vec![Value::Str(msg.into())]
        };
        Box::new(Exc {
            kind: ExcKind::Lazy(ty, args),
            tb: Vec::new(),
            context: None,
            cause: None,
            suppress_context: false,
        })
    }
    /// A built-in exception with arbitrary args (`KeyError(key)`).
    pub fn with_args(ty: &'static str, args: Vec<Value>) -> Box<Exc> {
        Box::new(Exc {
            kind: ExcKind::Lazy(ty, args),
            tb: Vec::new(),
            context: None,
            cause: None,
            suppress_context: false,
        })
    }
    /// `TypeError(msg)`.
    pub fn type_err(msg: impl Into<String>) -> Box<Exc> {
        Exc::new("TypeError", msg)
    }
    /// `ValueError(msg)`.
    pub fn value_err(msg: impl Into<String>) -> Box<Exc> {
        Exc::new("ValueError", msg)
    }
}

/// How a statement finished.
///
/// A full word, so that `PyResult<Flow>` (a tag, then the `Flow` or the error's box at offset 8) is a pair
/// of scalars that statements return in two registers. As a byte at offset 1 it made the result a 16-byte
/// block in memory, which callers copied with one load across the two stores that wrote it (a
/// store-forwarding stall after every block and every call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return,
}

/// A running frame.
#[derive(Debug)]
pub struct Frame {
    pub slots: Vec<Value>,
    pub globals: Rc<RefCell<Dict>>,
    /// The locals mapping of a namespace scope that has its own (class body, exec with two dicts).
    pub locals: Option<Rc<RefCell<Dict>>>,
    pub code: Rc<Code>,
    pub line: u32,
}

/// Host-settable limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Maximum depth of running frames (`RecursionError` beyond it); as in CPython, the module's frame, class
    /// bodies and `exec`'d code count along with calls. CPython's default is 1000.
    pub recursion: usize,
    /// Maximum number of "ticks" (loop iterations + calls); `None` = unlimited.
    pub instructions: Option<u64>,
    /// Maximum length of any str/list/bytes created, and bit-size of ints; `None` = unlimited.
    pub max_len: Option<usize>,
    /// Wall-clock deadline.
    pub deadline: Option<std::time::Instant>,
    /// Bytes the program may hold alive beyond what the interpreter held when the limits were set (all its
    /// objects together); `MemoryError` beyond. Enforced only where the host installed
    /// [`crate::alloc::CountingAllocator`] as its global allocator (the `evalx` command does).
    pub max_memory: Option<usize>,
    /// Bytes of output (`print`, `help`...) the program may write; a limit error beyond.
    pub max_output: Option<usize>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            recursion: 1000,
            instructions: None,
            max_len: None,
            deadline: None,
            max_memory: None,
            max_output: None,
        }
    }
}

/// Stops a running program from another thread: the program gets `KeyboardInterrupt` at its next loop
/// iteration, call or long operation, as a CPython program does on Ctrl-C. Cloning shares the flag.
#[derive(Debug, Clone, Default)]
pub struct InterruptHandle(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl InterruptHandle {
    /// Asks the program to stop.
    pub fn interrupt(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    /// Takes a pending request (clears it).
    fn take(&self) -> bool {
        self.0.swap(false, std::sync::atomic::Ordering::Relaxed)
    }
}

/// A generator's state.
#[allow(missing_debug_implementations)]
pub struct GenState {
    pub co: Option<Coroutine<GenIn, Value, PyResult<Value>, DefaultStack>>,
    pub name: RcStr,
    pub qualname: RcStr,
    pub finished: bool,
    /// The generator's shadow-stack entries while it is suspended (put back on the stack when resumed).
    pub(crate) frames: Vec<*const Frame>,
}

/// What a generator receives on resume: the interpreter's address, the sent value, and an exception to raise
/// at the `yield` (for `throw()`/`close()`).
pub type GenIn = (usize, Value, Option<Box<Exc>>);

/// What the interpreter reports to a [`Tracer`] while `Interp::tracing` is on (the events of CPython's
/// `sys.settrace`).
#[derive(Debug, Clone, Copy)]
pub enum TraceEvent<'a> {
    /// A frame starts running (its line is the `def` line).
    Call,
    /// A statement is about to run (`Frame::line` is its line).
    Line,
    /// The frame returns this value.
    Return(&'a Value),
    /// An exception reached a `try`'s handlers in the frame, or is leaving it (then before its
    /// `Return(None)`).
    Exception(&'a Exc),
}

/// A debugger (or any tracer) attached to the interpreter through `Interp::line_hook`.
///
/// `event` is called only while `Interp::tracing` is on, so a tracer costs one predictable branch per
/// statement when it is attached but idle. A closure `Fn(&mut Interp, &mut Frame) -> PyResult<()>` is a
/// tracer that sees the `Line` events only.
pub trait Tracer {
    /// A trace event in the running frame `fr` (its code, current line, slots, globals and locals).
    fn event(&self, it: &mut Interp, fr: &mut Frame, ev: TraceEvent<'_>) -> PyResult<()>;
    /// `breakpoint(*args, **kws)` was called: the default is [`Tracer::set_trace`].
    fn breakpoint(
        &self,
        it: &mut Interp,
        args: &[Value],
        kw: &[(RcStr, Value)],
    ) -> PyResult<Value> {
        self.set_trace(it, args, kw)
    }
    /// `pdb.set_trace()` / `ipdb.set_trace()` was called: the default does nothing.
    fn set_trace(
        &self,
        _it: &mut Interp,
        _args: &[Value],
        _kw: &[(RcStr, Value)],
    ) -> PyResult<Value> {
        Ok(Value::None)
    }
    /// An exception is leaving `fr` (called whether or not tracing is on, before `fr`'s traceback entry is
    /// added, so `e.tb` is empty in the frame that raised): what post-mortem debugging records.
    fn unwind(&self, _it: &mut Interp, _fr: &Frame, _e: &Exc) {}
    /// Ctrl-C arrived while `Interp::poll_sigint` was on (the debugger's `c`): the default does nothing.
    fn interrupt(&self, _it: &mut Interp) {}
    /// The tracer as `Any`, for the builtins that need the debugger itself (`pdb.post_mortem()`).
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        None
    }
}

impl<F: Fn(&mut Interp, &mut Frame) -> PyResult<()>> Tracer for F {
    fn event(&self, it: &mut Interp, fr: &mut Frame, ev: TraceEvent<'_>) -> PyResult<()> {
        match ev {
            TraceEvent::Line => self(it, fr),
            _ => Ok(()),
        }
    }
}

/// The hook type of `Interp::line_hook`.
pub type LineHook = dyn Tracer;

/// Where `print` writes.
pub type Sink = Box<dyn Write>;

/// Built-in classes by kind.
#[derive(Debug)]
pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub none: Rc<Class>,
    pub bool_: Rc<Class>,
    pub int: Rc<Class>,
    pub float: Rc<Class>,
    pub str_: Rc<Class>,
    pub bytes: Rc<Class>,
    pub list: Rc<Class>,
    pub tuple: Rc<Class>,
    pub dict: Rc<Class>,
    pub set: Rc<Class>,
    pub frozenset: Rc<Class>,
    pub range: Rc<Class>,
    pub function: Rc<Class>,
    pub builtin_function: Rc<Class>,
    pub method: Rc<Class>,
    pub module: Rc<Class>,
    pub iterator: Rc<Class>,
    pub generator: Rc<Class>,
    pub slice: Rc<Class>,
    pub ellipsis: Rc<Class>,
    pub notimpl: Rc<Class>,
    pub exc: indexmap::IndexMap<&'static str, Rc<Class>>,
}

/// The interpreter state shared by all frames of one host `Interpreter`.
pub struct Interp {
    pub builtins: Rc<RefCell<Dict>>,
    pub types: Types,
    pub out: Sink,
    pub limits: Limits,
    pub ticks: u64,
    /// Nested `repr` calls, and the frames running in the build without debugger support (`untraced`; with
    /// it the shadow stack counts the frames). Read the total with [`Interp::depth`].
    pub(crate) depth: usize,
    pub ret: Value,
    stack_floor: usize,
    yielder: usize,
    /// Exceptions being handled (innermost last), for bare `raise` and `__context__`.
    pub handling: Vec<Box<Exc>>,
    /// Shadow frame stack: every active frame, outermost first (pushed by `run_frame`; a suspended generator
    /// keeps its entries in its `GenState`). Read it with [`Interp::frame_at`] and [`Interp::frame_count`];
    /// only the interpreter writes it, which is what makes reading it safe.
    pub(crate) frames: Vec<*const Frame>,
    /// When true, statements report line events to the debugger hook. Set it with
    /// [`Interp::set_tracing`], which keeps the tick counter's fast path in step.
    tracing: bool,
    pub modules: indexmap::IndexMap<RcStr, Value>,
    pool: Vec<Vec<Value>>,
    gen_stacks: Vec<DefaultStack>,
    main_stack: Option<DefaultStack>,
    /// The tracer (debugger) attached: told of events while `tracing` is on, of `breakpoint()` calls and of
    /// unwinding exceptions.
    pub line_hook: Option<Rc<LineHook>>,
    /// While set (a debugger running on to its breakpoints), only line events whose line — or whose code's
    /// first line — is marked here reach the tracer, and calls, returns and exceptions are not reported: a
    /// breakpoint that is never hit then costs a lookup per line.
    pub line_filter: Option<Rc<[bool]>>,
    /// Set by the debugger while its SIGINT handler is installed: limit checks come at least every 1024
    /// ticks and ask whether Ctrl-C was pressed.
    pub(crate) poll_sigint: bool,
    /// The line the debugger's `jump` goes to, while the jump unwinds to the block that holds it.
    pub(crate) jump_to: Option<u32>,
    /// The line of the frame where the last exception a `try` caught had arrived (the traceback's line
    /// for that frame).
    pub(crate) caught_line: u32,
    pub(crate) eval_cache: indexmap::IndexMap<(String, bool), Rc<Code>>,
    builtins_hash: u64,
    builtins_idx: std::cell::Cell<u32>,
    /// Address of the `"__builtins__"` key string last found (a pointer compare instead of a string compare).
    builtins_key: std::cell::Cell<usize>,
    next_check: u64,
    /// The interrupt flag a host shares through [`InterruptHandle`] (checked with the deadline).
    pub(crate) interrupt: Option<InterruptHandle>,
    /// Set once an interrupt was delivered: a program that catches the `KeyboardInterrupt` and goes on is
    /// stopped at the next check with a limit error, which `except` cannot catch.
    pub(crate) interrupted: bool,
    /// Live bytes (per [`crate::alloc::live_bytes`]) when the limits were set: `max_memory` counts from here.
    mem_base: isize,
    /// Bytes written to the output so far (for `max_output`).
    pub(crate) out_bytes: u64,
    /// Functions the host registered (`Interpreter::add_function`), called through a trampoline builtin.
    pub(crate) host_fns: Vec<Rc<crate::HostFn>>,
}

impl std::fmt::Debug for Interp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Interp {{ depth: {} }}", self.depth())
    }
}

const MAIN_STACK: usize = 256 << 20;
/// Ticks between two reads of the clock, the interrupt flag and the memory count (when any is in use).
const CHECK_EVERY: u64 = 1024;
/// The size cap (elements or bytes) when the host set no `Limits::max_len`.
pub const DEFAULT_MAX_LEN: usize = 1 << 28;
const GEN_STACK: usize = 16 << 20;
const STACK_MARGIN: usize = 256 << 10;

use crate::guard::sp;

/// Ticks for a bigint operation, in proportion to its work (limbs of 64 bits): linear for additions and
/// bit operations, the product of the sizes for multiplication and division, so the limits see a program
/// that loops over huge numbers.
fn big_cost(a: &Value, op: BinOp, b: &Value) -> u64 {
    let limbs = |v: &Value| match v {
        Value::Big(x) => x.bits() / 64 + 1,
        _ => 1,
    };
    let (x, y) = (limbs(a), limbs(b));
    match op {
        BinOp::Mul | BinOp::Div | BinOp::FloorDiv | BinOp::Mod | BinOp::Pow => {
            x.saturating_mul(y) >> 6
        }
        _ => (x + y) >> 4,
    }
}

/// CPython's error for comparisons nested too deep (self-referencing or very deep containers).
pub(crate) fn recursion_in_comparison() -> Box<Exc> {
    Exc::new(
        "RecursionError",
        "maximum recursion depth exceeded in comparison",
    )
}

/// The `MemoryError` of an allocation of `n` items that failed.
pub(crate) fn no_memory(n: usize) -> Box<Exc> {
    Exc::new(
        "MemoryError",
        format!("cannot allocate an object of {n} items"),
    )
}

/// Makes a user-visible type error for a missing operation.
fn tname(v: &Value) -> String {
    crate::builtins::type_name(v)
}

impl Interp {
    /// A fresh interpreter writing to `out`.
    pub fn new(out: Sink) -> Interp {
        let types = crate::builtins::make_types();
        let mut it = Interp {
            builtins: Rc::new(RefCell::new(Dict::new())),
            types,
            out,
            limits: Limits::default(),
            ticks: 0,
            depth: 0,
            ret: Value::None,
            stack_floor: 0,
            yielder: 0,
            handling: Vec::new(),
            frames: Vec::new(),
            tracing: false,
            modules: indexmap::IndexMap::new(),
            pool: Vec::new(),
            gen_stacks: Vec::new(),
            main_stack: None,
            line_hook: None,
            line_filter: None,
            poll_sigint: false,
            jump_to: None,
            caught_line: 0,
            eval_cache: indexmap::IndexMap::new(),
            builtins_hash: crate::value::str_key_hash("__builtins__"),
            host_fns: Vec::new(),
            builtins_idx: std::cell::Cell::new(0),
            builtins_key: std::cell::Cell::new(0),
            next_check: 0,
            interrupt: None,
            interrupted: false,
            mem_base: 0,
            out_bytes: 0,
        };
        crate::builtins::install(&mut it);
        it
    }

    /// Runs `f` on a large dedicated stack (so deep recursion raises `RecursionError` instead of crashing).
    pub fn on_big_stack<R>(&mut self, f: impl FnOnce(&mut Interp) -> R) -> R {
        if self.stack_floor != 0 {
            return f(self);
        }
        let stack = match self.main_stack.take() {
            Some(s) => s,
            None => match DefaultStack::new(MAIN_STACK) {
                Ok(s) => s,
                Err(_) => {
                    // No memory for a big stack: run here with a conservative floor.
                    self.stack_floor = sp().saturating_sub(1 << 20);
                    crate::guard::set_floor(self.stack_floor);
                    let r = f(self);
                    self.stack_floor = 0;
                    crate::guard::set_floor(self.stack_floor);
                    return r;
                }
            },
        };
        let mut stack = stack;
        let floor = {
            use corosensei::stack::Stack;
            stack.limit().get() + STACK_MARGIN
        };
        self.stack_floor = floor;
        crate::guard::set_floor(self.stack_floor);
        let r = corosensei::on_stack(&mut stack, || f(self));
        self.stack_floor = 0;
        crate::guard::set_floor(self.stack_floor);
        self.main_stack = Some(stack);
        r
    }

    // ------------------------------------------------------------------ vec pool

    #[inline]
    fn take_vec(&mut self) -> Vec<Value> {
        self.pool.pop().unwrap_or_default()
    }
    #[inline]
    fn give_vec(&mut self, mut v: Vec<Value>) {
        v.clear();
        if self.pool.len() < 256 {
            self.pool.push(v);
        }
    }

    // ------------------------------------------------------------------ limits

    /// Counts one tick (a loop iteration or a call): one compare unless a limit check is due.
    #[inline]
    pub(crate) fn tick(&mut self) -> PyResult<()> {
        self.ticks += 1;
        if self.ticks >= self.next_check {
            return self.tick_slow();
        }
        Ok(())
    }

    #[cold]
    fn tick_slow(&mut self) -> PyResult<()> {
        if let Some(max) = self.limits.instructions {
            if self.ticks > max {
                return Err(limit(format!("instruction budget of {max} exhausted")));
            }
        }
        self.check_limits()?;
        let budget = self.limits.instructions.map(|m| m + 1).unwrap_or(u64::MAX);
        // The clock, the interrupt flag and the memory count are read every CHECK_EVERY ticks; long
        // operations charge ticks in proportion to their work (`charge`), so the interval stays short in time.
        let deadline = if self.limits.deadline.is_some()
            || self.interrupt.is_some()
            || self.limits.max_memory.is_some()
        {
            self.ticks + CHECK_EVERY
        } else {
            u64::MAX
        };
        // While tracing is on, every tick comes here: loops report their header line from `loop_tick`, and
        // calls learn that their frame must be traced.
        #[cfg(not(feature = "untraced"))]
        if self.poll_sigint {
            self.sigint_check();
        }
        #[cfg(not(feature = "untraced"))]
        let deadline = if self.tracing {
            0
        } else if self.poll_sigint {
            deadline.min(self.ticks + 1024)
        } else {
            deadline
        };
        self.next_check = budget.min(deadline).max(self.ticks + 1);
        Ok(())
    }

    /// Counts a loop iteration's tick. After the first iteration (`again`), a traced frame reports the loop
    /// header's line here, as CPython does when a loop goes back to its header; tracing being on keeps every
    /// tick on the slow path, so when it is off this costs nothing beyond the tick itself. Only for loops
    /// whose step cannot run Python code (range and list steps), since the event comes after the step.
    #[inline(always)]
    fn loop_tick(&mut self, fr: &mut Frame, line: u32, again: bool) -> PyResult<()> {
        self.ticks += 1;
        if self.ticks >= self.next_check {
            return self.loop_tick_slow(fr, line, again);
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn loop_tick_slow(&mut self, fr: &mut Frame, line: u32, again: bool) -> PyResult<()> {
        if again {
            self.loop_line(fr, line)?;
        }
        self.tick_slow()
    }

    /// Ctrl-C during the debugger's `c`: the tracer decides where to stop.
    #[cfg(not(feature = "untraced"))]
    #[cold]
    fn sigint_check(&mut self) {
        if crate::debugger::sigint_pending() {
            if let Some(h) = self.line_hook.clone() {
                h.interrupt(self);
            }
        }
    }

    /// Whether statements report line events to the tracer.
    pub fn tracing(&self) -> bool {
        self.tracing
    }

    /// Turns tracing on or off (the debugger does this; a host with its own [`Tracer`] may too).
    pub fn set_tracing(&mut self, on: bool) {
        self.tracing = on;
        // The next tick re-reads the state (see `tick_slow`).
        self.next_check = 0;
    }

    /// Call after changing `limits` so the next tick re-reads them (and `max_memory` counts from now).
    pub fn limits_changed(&mut self) {
        self.next_check = 0;
        self.mem_base = crate::alloc::live_bytes().unwrap_or(0);
        self.out_bytes = 0;
    }

    /// The handle that stops the running program from another thread (see [`InterruptHandle`]).
    pub fn interrupt_handle(&mut self) -> InterruptHandle {
        self.next_check = 0;
        self.interrupt
            .get_or_insert_with(InterruptHandle::default)
            .clone()
    }

    /// Counts `units` ticks of work done inside one operation (a builtin consuming an iterator, a long
    /// bigint or string operation, a compilation), so that the instruction budget, the deadline and the
    /// interrupt flag see it.
    #[inline]
    pub fn charge(&mut self, units: u64) -> PyResult<()> {
        self.ticks = self.ticks.saturating_add(units);
        if self.ticks >= self.next_check {
            return self.tick_slow();
        }
        Ok(())
    }

    fn check_limits(&mut self) -> PyResult<()> {
        if let Some(d) = self.limits.deadline {
            if std::time::Instant::now() >= d {
                return Err(limit("wall-clock deadline passed".into()));
            }
        }
        if let Some(h) = &self.interrupt {
            if h.take() {
                self.interrupted = true;
                self.next_check = self.ticks + 1;
                return Err(Exc::new("KeyboardInterrupt", ""));
            }
        }
        if self.interrupted {
            return Err(limit(
                "interrupted by the host (the program caught KeyboardInterrupt and went on)".into(),
            ));
        }
        self.check_memory(0)
    }

    /// `MemoryError` if holding `extra` more bytes would pass `max_memory`.
    pub fn check_memory(&self, extra: usize) -> PyResult<()> {
        if let Some(max) = self.limits.max_memory {
            if let Some(live) = crate::alloc::live_bytes() {
                let used = live.saturating_sub(self.mem_base).max(0) as usize;
                if used.saturating_add(extra) > max {
                    return Err(Exc::new(
                        "MemoryError",
                        format!(
                            "the program would hold {} bytes, over the host's limit of {max}",
                            used.saturating_add(extra)
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks a size against the host's memory limit.
    pub fn check_len(&mut self, n: usize) -> PyResult<()> {
        // Building an object of `n` items is work in proportion to `n`.
        self.charge((n >> 4) as u64)?;
        // Every object created with a size goes through here: a big one must also fit the memory budget
        // (counted as a byte per item here, as strs and bytes are; vectors of values are counted at their
        // real size in `alloc_vec`/`grow_vec`).
        if n >= 4096 {
            self.check_memory(n)?;
        }
        if let Some(m) = self.limits.max_len {
            if n > m {
                return Err(Exc::new(
                    "MemoryError",
                    format!("object of size {n} exceeds the host limit of {m}"),
                ));
            }
        }
        // Without a host limit, refuse sizes that could only end in an allocation failure (an abort).
        if self.limits.max_len.is_none() && n > DEFAULT_MAX_LEN {
            return Err(Exc::new(
                "MemoryError",
                format!(
                    "object of size {n} exceeds evalx's default limit of {DEFAULT_MAX_LEN}; raise Limits::max_len"
                ),
            ));
        }
        Ok(())
    }

    /// An empty vector with room for `n` items, or `MemoryError` (the host's limits, or no memory left).
    pub fn alloc_vec<T>(&mut self, n: usize) -> PyResult<Vec<T>> {
        self.check_len(n)?;
        self.check_memory(n.saturating_mul(size_of::<T>()))?;
        let mut v = Vec::new();
        v.try_reserve_exact(n).map_err(|_| no_memory(n))?;
        Ok(v)
    }

    /// Doubles a full list's room (as `push` would), fallibly and within the limits: `MemoryError` instead of
    /// an aborting allocation when a program appends without end.
    #[cold]
    pub fn grow_list(&mut self, v: &mut Vec<Value>) -> PyResult<()> {
        let more = v.len().max(4);
        self.grow_vec(v, more)
    }

    /// Makes room for `more` items in `v`, or `MemoryError`.
    pub fn grow_vec<T>(&mut self, v: &mut Vec<T>, more: usize) -> PyResult<()> {
        let n = v.len().saturating_add(more);
        self.check_len(n)?;
        self.check_memory(more.saturating_mul(size_of::<T>()))?;
        v.try_reserve(more).map_err(|_| no_memory(n))
    }

    // ------------------------------------------------------------------ statements

    /// Executes a block.
    pub fn exec_block(&mut self, body: &[St], fr: &mut Frame) -> PyResult<Flow> {
        for s in body {
            fr.line = s.line;
            #[cfg(not(feature = "untraced"))]
            if self.tracing {
                if let Err(e) = self.stmt_event(s, fr) {
                    return self.stmt_err(e, body, fr);
                }
            }
            let f = match self.exec_stmt(s, fr) {
                Ok(f) => f,
                Err(e) => return self.stmt_err(e, body, fr),
            };
            if f != Flow::Normal {
                return Ok(f);
            }
        }
        Ok(Flow::Normal)
    }

    /// An error leaves a statement of `body`. The debugger's `jump` travels as one: it resumes at the
    /// target statement in the innermost block (around the statement it left) that holds it.
    #[cold]
    #[inline(never)]
    fn stmt_err(&mut self, e: Box<Exc>, body: &[St], fr: &mut Frame) -> PyResult<Flow> {
        if let Some(line) = self.jump_to {
            if matches!(&e.kind, ExcKind::Limit(m) if m == crate::debugger::JUMP_MARK) {
                if let Some(k) = body.iter().position(|s| s.line == line) {
                    self.jump_to = None;
                    return self.exec_block(&body[k..], fr);
                }
            }
        }
        Err(e)
    }

    /// A statement's line event. A comprehension is one line to CPython, whose line events there come only
    /// from its loop (the start of the outermost `for`, then every jump back to a loop header): its other
    /// statements (the accumulator, the element, the filters, the return) report nothing.
    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    fn stmt_event(&mut self, s: &St, fr: &mut Frame) -> PyResult<()> {
        let name = &*fr.code.name;
        if name.starts_with('<')
            && (name.ends_with("comp>") || name == "<genexpr>")
            && !(matches!(s.kind, StKind::For(..))
                && fr.code.body.iter().any(|b| std::ptr::eq(b, s)))
        {
            return Ok(());
        }
        self.line_event(fr)
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    fn line_event(&mut self, fr: &mut Frame) -> PyResult<()> {
        if let Some(marks) = &self.line_filter {
            let marked = |l: u32| marks.get(l as usize).copied().unwrap_or(false);
            if !marked(fr.line) && !marked(fr.code.firstline) {
                return Ok(());
            }
        }
        match self.line_hook.clone() {
            Some(h) => h.event(self, fr, TraceEvent::Line),
            None => Ok(()),
        }
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    /// The call event, and at the end the return (or exception) event of a traced frame.
    #[cold]
    fn trace_call(&mut self, fr: &mut Frame) -> PyResult<()> {
        self.unfiltered_event(fr, TraceEvent::Call)
    }

    /// Sends a call or exception event to the tracer, unless only breakpoint lines are being watched (after
    /// `c`, `line_filter` is set and those events are of no interest).
    #[cfg_attr(feature = "untraced", allow(dead_code))]
    fn unfiltered_event(&mut self, fr: &mut Frame, event: TraceEvent<'_>) -> PyResult<()> {
        if self.line_filter.is_some() {
            return Ok(());
        }
        match self.line_hook.clone() {
            Some(h) => h.event(self, fr, event),
            None => Ok(()),
        }
    }

    /// The return event of a generator frame suspending at a `yield` of `v`.
    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    fn trace_yield(&mut self, fr: &mut Frame, v: &Value) -> PyResult<()> {
        self.unfiltered_event(fr, TraceEvent::Return(v))
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    fn trace_exit(&mut self, fr: &mut Frame, r: PyResult<Flow>) -> PyResult<Flow> {
        if self.line_filter.is_some() {
            return r;
        }
        let Some(h) = self.line_hook.clone() else {
            return r;
        };
        match r {
            Ok(Flow::Return) => {
                let v = std::mem::take(&mut self.ret);
                let r = h.event(self, fr, TraceEvent::Return(&v));
                self.ret = v;
                r.map(|_| Flow::Return)
            }
            Ok(f) => h
                .event(self, fr, TraceEvent::Return(&Value::None))
                .map(|_| f),
            Err(e) => {
                h.event(self, fr, TraceEvent::Exception(&e))?;
                if self.tracing {
                    h.event(self, fr, TraceEvent::Return(&Value::None))?;
                }
                Err(e)
            }
        }
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    /// An exception reaches a `try`'s handlers in a traced frame.
    #[cold]
    fn trace_exception(&mut self, fr: &mut Frame, e: &Exc) -> PyResult<()> {
        self.unfiltered_event(fr, TraceEvent::Exception(e))
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    fn run_traced(&mut self, code: &Code, fr: &mut Frame) -> PyResult<Flow> {
        self.trace_call(fr)?;
        let r = self.exec_block(&code.body, fr);
        self.trace_exit(fr, r)
    }

    /// The depth that `Limits::recursion` bounds: the running frames (module, class bodies, `exec` and
    /// calls), as CPython counts them.
    pub fn depth(&self) -> usize {
        #[cfg(not(feature = "untraced"))]
        return self.frames.len() + self.depth;
        #[cfg(feature = "untraced")]
        return self.depth;
    }

    /// How many frames are running (the shadow stack's depth).
    pub fn frame_count(&self) -> usize {
        self.frames.len()
    }

    /// A loop body finished and the loop goes back to its header: a traced frame reports the header's
    /// line again, as CPython does (so `n` and breakpoints see `for`/`while` lines on every iteration).
    #[inline(always)]
    fn loop_line(&mut self, fr: &mut Frame, line: u32) -> PyResult<()> {
        #[cfg(not(feature = "untraced"))]
        if self.tracing {
            fr.line = line;
            return self.line_event(fr);
        }
        let _ = (fr, line);
        Ok(())
    }

    /// The innermost running frame, for a builtin that looks at its caller (`pdb.post_mortem()`), or for a
    /// tracer hook called while an exception unwinds (the frame left has been popped: this is its caller).
    pub(crate) fn top_frame(&self) -> Option<&Frame> {
        let p = *self.frames.last()?;
        // SAFETY: as in `frame_at`: the address is a live frame owned by a `run_frame` call up this thread's
        // stack, which does not touch it while the builtin or hook runs; the reference cannot outlive `&self`.
        Some(unsafe { &*p })
    }

    /// The frame `i` entries from the bottom of the shadow stack (0 = outermost), while it runs: one of the
    /// callers of the innermost frame (that one is `None` here: a tracer receives it as its `fr`).
    pub fn frame_at(&self, i: usize) -> Option<&Frame> {
        if i + 1 >= self.frames.len() {
            return None;
        }
        let p = self.frames[i];
        // SAFETY: `run_frame` pushes a frame's address before running it and pops it before returning,
        // and a generator's entries leave the stack while it is suspended, so every address on the stack
        // is a live `Frame` owned by a `run_frame` call further up this thread's stack (or by a running
        // generator's stack). The innermost entry, which a running hook holds as `&mut Frame`, is never
        // handed out; the callers' frames are borrowed by `run_frame` calls suspended in a call, which do not
        // touch them until it returns, and the reference cannot outlive `&self`.
        Some(unsafe { &*p })
    }

    /// The hot statements, kept small so the common path has a small stack frame.
    #[inline(always)]
    fn exec_stmt(&mut self, s: &St, fr: &mut Frame) -> PyResult<Flow> {
        match &s.kind {
            StKind::Expr(e) => {
                self.eval(e, fr)?;
                Ok(Flow::Normal)
            }
            StKind::Assign(t, e) => {
                let v = self.eval(e, fr)?;
                self.assign(t, v, fr)?;
                Ok(Flow::Normal)
            }
            StKind::If(c, a, b) => {
                let v = self.eval(c, fr)?;
                let t = match v {
                    Value::Bool(t) => t.get(),
                    Value::Int(i) => i != 0,
                    v => self.truthy(&v)?,
                };
                if t {
                    self.exec_block(a, fr)
                } else if b.is_empty() {
                    Ok(Flow::Normal)
                } else {
                    self.exec_block(b, fr)
                }
            }
            StKind::Return(Some(e)) => {
                self.ret = self.eval(e, fr)?;
                Ok(Flow::Return)
            }
            StKind::Pass => Ok(Flow::Normal),
            StKind::Break => Ok(Flow::Break),
            StKind::Continue => Ok(Flow::Continue),
            StKind::AugAssign(t, op, e) => {
                // `local op= int` on an int local, the loop accumulator's case, without a call.
                if let (Target::Local(i), BinOp::Add | BinOp::Sub) = (t, op) {
                    let rhs = self.eval(e, fr)?;
                    let i = *i as usize;
                    if let (Value::Int(a), Value::Int(b)) = (&mut fr.slots[i], &rhs) {
                        let r = if *op == BinOp::Add {
                            a.checked_add(*b)
                        } else {
                            a.checked_sub(*b)
                        };
                        if let Some(r) = r {
                            // An int in place of an int: nothing to drop.
                            *a = r;
                            return Ok(Flow::Normal);
                        }
                    }
                    self.aug_assign_local(i, *op, rhs, fr)?;
                    return Ok(Flow::Normal);
                }
                self.aug_assign(t, *op, e, fr)?;
                Ok(Flow::Normal)
            }
            _ => self.exec_stmt_cold(s, fr),
        }
    }

    #[inline(never)]
    fn exec_stmt_cold(&mut self, s: &St, fr: &mut Frame) -> PyResult<Flow> {
        match &s.kind {
            StKind::Expr(e) => {
                self.eval(e, fr)?;
            }
            StKind::CompAppend(slot, e) => {
                let v = self.eval(e, fr)?;
                if let Value::List(l) = &fr.slots[*slot as usize] {
                    let mut b = l.borrow_mut();
                    if let Some(m) = self.limits.max_len {
                        if b.len() >= m {
                            return Err(Exc::new(
                                "MemoryError",
                                format!("list longer than the host limit of {m}"),
                            ));
                        }
                    }
                    if b.len() == b.capacity() {
                        self.grow_list(&mut b)?;
                    }
                    b.push(v);
                }
            }
            StKind::CompAdd(slot, e) => {
                let v = self.eval(e, fr)?;
                if let Value::Set(s) = &fr.slots[*slot as usize] {
                    let k = self.set_key(v, s)?;
                    s.items.borrow_mut().insert(k, ());
                }
            }
            StKind::Print(e) => {
                let v = self.eval(e, fr)?;
                if !matches!(v, Value::None) {
                    let r = self.repr(&v)?;
                    self.write(&format!("{r}\n"))?;
                    self.builtins.borrow_mut().set_str("_", v);
                }
            }
            StKind::Assign(t, e) => {
                let v = self.eval(e, fr)?;
                self.assign(t, v, fr)?;
            }
            StKind::AssignMulti(ts, e) => {
                let v = self.eval(e, fr)?;
                for t in ts {
                    self.assign(t, v.clone(), fr)?;
                }
            }
            StKind::AugAssign(t, op, e) => self.aug_assign(t, *op, e, fr)?,
            StKind::If(c, a, b) => {
                let v = self.eval(c, fr)?;
                return if self.truthy(&v)? {
                    self.exec_block(a, fr)
                } else {
                    self.exec_block(b, fr)
                };
            }
            StKind::While(c, body, orelse) => {
                let line = fr.line;
                loop {
                    let v = self.eval(c, fr)?;
                    if !self.truthy(&v)? {
                        return self.exec_block(orelse, fr);
                    }
                    self.tick()?;
                    match self.exec_block(body, fr)? {
                        Flow::Break => break,
                        Flow::Return => return Ok(Flow::Return),
                        _ => self.loop_line(fr, line)?,
                    }
                }
            }
            StKind::For(t, it, body, orelse) => return self.exec_for(t, it, body, orelse, fr),
            StKind::Break => return Ok(Flow::Break),
            StKind::Continue => return Ok(Flow::Continue),
            StKind::Return(e) => {
                self.ret = match e {
                    Some(e) => self.eval(e, fr)?,
                    None => Value::None,
                };
                return Ok(Flow::Return);
            }
            StKind::Pass | StKind::Decl => {}
            StKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => return self.exec_try(body, handlers, orelse, finalbody, fr),
            StKind::Raise(e, cause) => {
                return Err(self.do_raise(e.as_ref(), cause.as_ref(), fr)?);
            }
            StKind::Del(ts) => {
                for t in ts {
                    self.delete(t, fr)?;
                }
            }
            StKind::Assert(c, msg) => {
                let v = self.eval(c, fr)?;
                if !self.truthy(&v)? {
                    let args = match msg {
                        Some(m) => vec![self.eval(m, fr)?],
                        None => Vec::new(),
                    };
                    return Err(Exc::with_args("AssertionError", args));
                }
            }
            StKind::FuncDef(def, t) => {
                let f = self.make_function(def, fr)?;
                let f = self.decorate(&def.decorators, f, fr)?;
                self.assign(t, f, fr)?;
            }
            StKind::ClassDef(c, t) => {
                let cls = self.make_class(c, fr)?;
                let cls = self.decorate(&c.decorators, cls, fr)?;
                self.assign(t, cls, fr)?;
            }
            StKind::Import(name, t) => {
                let m = self.import(name)?;
                self.assign(t, m, fr)?;
            }
            StKind::ImportFrom(name, items) => {
                let m = self.import(name)?;
                for (n, t) in items {
                    let v = match &m {
                        Value::Module(md) => md.dict.borrow().get_str(n).cloned(),
                        _ => None,
                    };
                    let v = match v {
                        Some(v) => Some(v),
                        None => crate::stdlib::submodule(self, name, n)?,
                    };
                    let v = v.ok_or_else(|| {
                        Exc::new(
                            "ImportError",
                            format!("cannot import name '{n}' from '{name}' (unknown location)"),
                        )
                    })?;
                    self.assign(t, v, fr)?;
                }
            }
            StKind::ImportStar(name) => {
                let m = self.import(name)?;
                if let Value::Module(md) = &m {
                    let items: Vec<(Key, Value)> = md
                        .dict
                        .borrow()
                        .map()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    for (k, v) in items {
                        if let Value::Str(s) = &k.0 {
                            if !s.starts_with('_') {
                                self.assign(&Target::Name(s.clone()), v, fr)?;
                            }
                        }
                    }
                }
            }
            StKind::With(e, t, body) => {
                let mgr = self.eval(e, fr)?;
                let enter = self.call_method(&mgr, "__enter__", vec![])?;
                if let Some(t) = t {
                    self.assign(t, enter, fr)?;
                }
                let r = self.exec_block(body, fr);
                match r {
                    Ok(flow) => {
                        self.call_method(
                            &mgr,
                            "__exit__",
                            vec![Value::None, Value::None, Value::None],
                        )?;
                        return Ok(flow);
                    }
                    Err(mut ex) => {
                        if matches!(ex.kind, ExcKind::Limit(_)) {
                            return Err(ex);
                        }
                        let inst = self.materialize(&mut ex);
                        let cls = Value::Class(inst.class.clone());
                        let sup = self.call_method(
                            &mgr,
                            "__exit__",
                            vec![cls, Value::Instance(inst), Value::None],
                        )?;
                        if self.truthy(&sup)? {
                            return Ok(Flow::Normal);
                        }
                        return Err(ex);
                    }
                }
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    fn exec_for(
        &mut self,
        t: &Target,
        it: &Ex,
        body: &[St],
        orelse: &[St],
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let line = fr.line;
        let seq = self.eval(it, fr)?;
        // Fast paths: range and list iterate without an iterator object.
        if let Value::Range(r) = &seq {
            let (mut cur, stop, step) = **r;
            let mut again = false;
            while (step > 0 && cur < stop) || (step < 0 && cur > stop) {
                self.loop_tick(fr, line, again)?;
                again = true;
                match t {
                    // The loop variable still holds the previous int: overwrite it, nothing to drop.
                    Target::Local(i) => match &mut fr.slots[*i as usize] {
                        Value::Int(x) => *x = cur,
                        slot => *slot = Value::Int(cur),
                    },
                    _ => self.assign(t, Value::Int(cur), fr)?,
                }
                match self.exec_block(body, fr)? {
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Return => return Ok(Flow::Return),
                    _ => {}
                }
                cur = match cur.checked_add(step) {
                    Some(c) => c,
                    None => break,
                };
            }
            if again {
                // The header's line as the loop finds its end.
                self.loop_line(fr, line)?;
            }
            return self.exec_block(orelse, fr);
        }
        if let Value::List(l) = &seq {
            let mut i = 0;
            loop {
                let v = {
                    let b = l.borrow();
                    if i >= b.len() {
                        break;
                    }
                    b[i].clone()
                };
                self.loop_tick(fr, line, i > 0)?;
                i += 1;
                self.assign(t, v, fr)?;
                match self.exec_block(body, fr)? {
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Return => return Ok(Flow::Return),
                    _ => {}
                }
            }
            if i > 0 {
                self.loop_line(fr, line)?;
            }
            return self.exec_block(orelse, fr);
        }
        let iter = self.iter(&seq)?;
        if let Value::Iter(r) = &iter {
            // Iterator objects (a comprehension's outermost iterable arrives as one): a range iterator steps
            // in place here, in its shared state (so `next(it)` in the body sees the same position);
            // everything else goes through `iter_next`.
            let mut again = false;
            loop {
                let step = match r.try_borrow_mut().as_deref_mut() {
                    Ok(Iter::Range { cur, stop, step }) => Some(
                        if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                            let v = *cur;
                            *cur = cur.saturating_add(*step);
                            if v == *cur {
                                *cur = *stop;
                            }
                            Some(Value::Int(v))
                        } else {
                            None
                        },
                    ),
                    Ok(Iter::Seq {
                        seq: Value::List(l),
                        idx,
                    }) => {
                        // The end (and what it does to the iterator) is left to `iter_next`.
                        let v = l.borrow().get(*idx).cloned();
                        v.map(|v| {
                            *idx += 1;
                            Some(v)
                        })
                    }
                    _ => None,
                };
                // Range and list steps run no Python code, so a traced frame's header line can wait for the
                // tick; any other iterator may, so the header line is reported before it steps.
                let v = match step {
                    Some(Some(v)) => {
                        self.loop_tick(fr, line, again)?;
                        v
                    }
                    Some(None) => {
                        if again {
                            self.loop_line(fr, line)?;
                        }
                        break;
                    }
                    None => {
                        if again {
                            self.loop_line(fr, line)?;
                        }
                        match crate::builtins::iter_next(self, r)? {
                            Ok(v) => {
                                self.tick()?;
                                v
                            }
                            Err(_) => break,
                        }
                    }
                };
                again = true;
                self.assign(t, v, fr)?;
                match self.exec_block(body, fr)? {
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Return => return Ok(Flow::Return),
                    _ => {}
                }
            }
            return self.exec_block(orelse, fr);
        }
        while let Some(v) = self.next(&iter)? {
            self.tick()?;
            self.assign(t, v, fr)?;
            match self.exec_block(body, fr)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return => return Ok(Flow::Return),
                _ => self.loop_line(fr, line)?,
            }
        }
        self.exec_block(orelse, fr)
    }

    fn exec_try(
        &mut self,
        body: &[St],
        handlers: &[HandlerX],
        orelse: &[St],
        finalbody: &[St],
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let r = match self.exec_block(body, fr) {
            Ok(Flow::Normal) => self.exec_block(orelse, fr),
            Ok(f) => Ok(f),
            Err(ex) if handlers.is_empty() || matches!(ex.kind, ExcKind::Limit(_)) => Err(ex),
            Err(mut ex) => {
                // Where the exception reached this frame, for `pdb.post_mortem()` in the handler.
                self.caught_line = fr.line;
                #[cfg(not(feature = "untraced"))]
                if self.tracing {
                    self.trace_exception(fr, &ex)?;
                }
                let mut handled = None;
                for h in handlers {
                    #[cfg(not(feature = "untraced"))]
                    if self.tracing {
                        fr.line = h.line;
                        self.line_event(fr)?;
                    }
                    let matches = match &h.typ {
                        None => true,
                        Some(t) => {
                            let tv = self.eval(t, fr)?;
                            self.exc_matches(&mut ex, &tv)?
                        }
                    };
                    if matches {
                        handled = Some(h);
                        break;
                    }
                }
                match handled {
                    None => Err(ex),
                    Some(h) => {
                        if let Some(n) = &h.name {
                            let inst = self.materialize(&mut ex);
                            for (attr, chained) in [
                                ("__cause__", ex.cause.as_mut()),
                                ("__context__", ex.context.as_mut()),
                            ] {
                                if let Some(c) = chained {
                                    let ci = self.materialize(c);
                                    inst.dict.borrow_mut().set_str(attr, Value::Instance(ci));
                                }
                            }
                            self.assign(n, Value::Instance(inst), fr)?;
                        }
                        self.handling.push(ex);
                        let r = self.exec_block(&h.body, fr);
                        let ctx = self.handling.pop();
                        if let Some(n) = &h.name {
                            let _ = self.delete(n, fr);
                        }
                        match r {
                            Err(mut e2) => {
                                if e2.context.is_none() && !matches!(e2.kind, ExcKind::Limit(_)) {
                                    if let Some(c) = ctx {
                                        if !self.same_exc(&e2, &c) {
                                            e2.context = Some(c);
                                        }
                                    }
                                }
                                Err(e2)
                            }
                            ok => ok,
                        }
                    }
                }
            }
        };
        if finalbody.is_empty() {
            return r;
        }
        let saved_ret = std::mem::take(&mut self.ret);
        match self.exec_block(finalbody, fr)? {
            Flow::Normal => {
                self.ret = saved_ret;
                r
            }
            other => Ok(other),
        }
    }

    fn same_exc(&self, a: &Exc, b: &Exc) -> bool {
        match (&a.kind, &b.kind) {
            (ExcKind::Obj(x), ExcKind::Obj(y)) => Rc::ptr_eq(x, y),
            _ => false,
        }
    }

    fn do_raise(
        &mut self,
        e: Option<&Ex>,
        cause: Option<&Ex>,
        fr: &mut Frame,
    ) -> PyResult<Box<Exc>> {
        let Some(e) = e else {
            return match self.handling.last() {
                Some(ex) => {
                    let mut ex = ex.clone();
                    ex.tb.clear();
                    Ok(ex)
                }
                None => Ok(Exc::new("RuntimeError", "No active exception to reraise")),
            };
        };
        let v = self.eval(e, fr)?;
        let mut ex = self.exc_from_value(v)?;
        if let Some(c) = cause {
            let cv = self.eval(c, fr)?;
            if !matches!(cv, Value::None) {
                ex.cause = Some(self.exc_from_value(cv)?);
            }
            ex.suppress_context = true;
        }
        if let Some(ctx) = self.handling.last() {
            if !self.same_exc(&ex, ctx) {
                ex.context = Some(ctx.clone());
            }
        }
        Ok(ex)
    }

    /// Turns a raised value (class or instance) into an exception.
    pub fn exc_from_value(&mut self, v: Value) -> PyResult<Box<Exc>> {
        let base = self.types.exc["BaseException"].clone();
        let inst = match &v {
            Value::Class(c) if c.is_subclass(&base) => {
                match self.call(&v, Vec::new(), Vec::new())? {
                    Value::Instance(i) => i,
                    _ => return Err(Exc::type_err("exceptions must derive from BaseException")),
                }
            }
            Value::Instance(i) if i.class.is_subclass(&base) => i.clone(),
            _ => return Err(Exc::type_err("exceptions must derive from BaseException")),
        };
        Ok(Box::new(Exc {
            kind: ExcKind::Obj(inst),
            tb: Vec::new(),
            context: None,
            cause: None,
            suppress_context: false,
        }))
    }

    /// Makes sure the exception is an instance, creating it from a lazy one.
    pub fn materialize(&mut self, ex: &mut Exc) -> Rc<Instance> {
        match &ex.kind {
            ExcKind::Obj(i) => i.clone(),
            ExcKind::Lazy(ty, args) => {
                let cls = self
                    .types
                    .exc
                    .get(ty)
                    .cloned()
                    .unwrap_or_else(|| self.types.exc["Exception"].clone());
                let inst = Rc::new(Instance {
                    class: cls,
                    dict: RefCell::new(Dict::new()),
                    hash: crate::value::no_user_hash(),
                });
                inst.dict
                    .borrow_mut()
                    .set_str("args", Value::tuple(args.clone()));
                ex.kind = ExcKind::Obj(inst.clone());
                inst
            }
            ExcKind::Limit(_) => {
                let cls = self.types.exc["BaseException"].clone();
                Rc::new(Instance {
                    class: cls,
                    dict: RefCell::new(Dict::new()),
                    hash: crate::value::no_user_hash(),
                })
            }
        }
    }

    /// The class of an exception.
    pub fn exc_class(&self, ex: &Exc) -> Rc<Class> {
        match &ex.kind {
            ExcKind::Obj(i) => i.class.clone(),
            ExcKind::Lazy(ty, _) => self
                .types
                .exc
                .get(ty)
                .cloned()
                .unwrap_or_else(|| self.types.exc["Exception"].clone()),
            ExcKind::Limit(_) => self.types.exc["BaseException"].clone(),
        }
    }

    fn exc_matches(&mut self, ex: &mut Exc, t: &Value) -> PyResult<bool> {
        let cls = self.exc_class(ex);
        match t {
            Value::Class(c) => Ok(cls.is_subclass(c)),
            Value::Tuple(items) => {
                for i in items.iter() {
                    if self.exc_matches(ex, i)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(Exc::type_err(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    fn decorate(&mut self, decos: &[Ex], mut v: Value, fr: &mut Frame) -> PyResult<Value> {
        if decos.is_empty() {
            return Ok(v);
        }
        let ds = decos
            .iter()
            .map(|d| self.eval(d, fr))
            .collect::<PyResult<Vec<_>>>()?;
        for d in ds.iter().rev() {
            v = self.call(d, vec![v], Vec::new())?;
        }
        Ok(v)
    }

    /// Creates a function object from a definition site.
    pub fn make_function(&mut self, def: &FnDef, fr: &mut Frame) -> PyResult<Value> {
        let defaults = def
            .defaults
            .iter()
            .map(|d| self.eval(d, fr))
            .collect::<PyResult<Vec<_>>>()?;
        let mut kwdefaults = Vec::new();
        for (n, d) in &def.kwdefaults {
            kwdefaults.push((n.clone(), self.eval(d, fr)?));
        }
        let closure = def
            .closure
            .iter()
            .map(|&i| fr.slots[i as usize].clone())
            .collect();
        let doc = def.code.doc.clone().map(Value::Str).unwrap_or(Value::None);
        Ok(Value::Func(Rc::new(Function {
            code: def.code.clone(),
            defaults,
            kwdefaults,
            closure,
            globals: fr.globals.clone(),
            name: RefCell::new(def.code.name.clone()),
            qualname: def.code.qualname.clone(),
            doc: RefCell::new(doc),
            attrs: RefCell::new(Dict::new()),
        })))
    }

    fn make_class(&mut self, c: &ClassDefX, fr: &mut Frame) -> PyResult<Value> {
        let mut bases = Vec::new();
        for b in &c.bases {
            match self.eval(b, fr)? {
                Value::Class(cls) => bases.push(cls),
                other => {
                    return Err(Exc::type_err(format!(
                        "bases must be types, not {}",
                        tname(&other)
                    )));
                }
            }
        }
        let ns = Rc::new(RefCell::new(Dict::new()));
        let module = fr.globals.borrow().get_str("__name__").cloned();
        if let Some(m) = module {
            ns.borrow_mut().set_str("__module__", m);
        }
        ns.borrow_mut()
            .set_str("__qualname__", Value::Str(c.body.code.qualname.clone()));
        if let Some(d) = &c.body.code.doc {
            ns.borrow_mut().set_str("__doc__", Value::Str(d.clone()));
        }
        let code = c.body.code.clone();
        let mut slots = self.take_vec();
        slots.resize(code.nslots(), Value::Undef);
        for (k, &i) in c.body.closure.iter().enumerate() {
            slots[code.free_start + k] = fr.slots[i as usize].clone();
        }
        let mut cf = Frame {
            slots,
            globals: fr.globals.clone(),
            locals: Some(ns.clone()),
            code: code.clone(),
            line: code.firstline,
        };
        self.run_frame(&mut cf)?;
        self.give_vec(std::mem::take(&mut cf.slots));
        let dict = std::mem::take(&mut *ns.borrow_mut());
        crate::builtins::new_class(
            self,
            c.name.clone(),
            c.body.code.qualname.clone(),
            bases,
            dict,
        )
    }

    pub(crate) fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let made = match crate::stdlib::load(self, name) {
            Some(r) => Some(r?),
            None => crate::builtins::make_module(self, name),
        };
        match made {
            Some(m) => {
                crate::stdlib::bind_submodule(self, name, &m)?;
                self.modules.insert(name.into(), m.clone());
                Ok(m)
            }
            None => {
                let mut e = Exc::new("ModuleNotFoundError", format!("No module named '{name}'"));
                if let ExcKind::Lazy(_, args) = &mut e.kind {
                    let _ = args;
                }
                Err(e)
            }
        }
    }

    // ------------------------------------------------------------------ assignment

    /// Stores `v` into a target.
    #[inline]
    pub fn assign(&mut self, t: &Target, v: Value, fr: &mut Frame) -> PyResult<()> {
        if let Target::Local(i) = t {
            fr.slots[*i as usize] = v;
            return Ok(());
        }
        self.assign_slow(t, v, fr)
    }

    #[inline(never)]
    fn assign_slow(&mut self, t: &Target, v: Value, fr: &mut Frame) -> PyResult<()> {
        match t {
            Target::Local(i) => fr.slots[*i as usize] = v,
            Target::Deref(i) => match &fr.slots[*i as usize] {
                Value::Cell(c) => *c.borrow_mut() = v,
                _ => fr.slots[*i as usize] = Value::Cell(Rc::new(RefCell::new(v))),
            },
            Target::Global(n) => {
                fr.globals
                    .borrow_mut()
                    .map_mut()
                    .insert(Key(Value::Str(n.clone())), v);
            }
            Target::Name(n) => {
                let d = fr.locals.as_ref().unwrap_or(&fr.globals);
                d.borrow_mut()
                    .map_mut()
                    .insert(Key(Value::Str(n.clone())), v);
            }
            Target::Attr(o, n, h) => {
                let ov = self.eval(o, fr)?;
                if let Value::Instance(inst) = &ov {
                    if inst.class.kind == Kind::User && inst.class.store_flags() == (false, false) {
                        inst.dict.borrow_mut().set_h(n, *h, v);
                        return Ok(());
                    }
                }
                self.set_attr(&ov, n, v)?;
            }
            Target::Index(o, i) => {
                let ov = self.eval(o, fr)?;
                let iv = self.eval(i, fr)?;
                self.set_item(&ov, iv, v)?;
            }
            Target::Unpack(ts, star) => {
                let items = self.unpack_exact(v, ts.len(), *star)?;
                for (t, v) in ts.iter().zip(items) {
                    self.assign(t, v, fr)?;
                }
            }
        }
        Ok(())
    }

    fn unpack_exact(&mut self, v: Value, n: usize, star: Option<usize>) -> PyResult<Vec<Value>> {
        let items: Vec<Value> = match &v {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().0.clone(),
            _ => {
                if let Value::Int(_) | Value::Float(_) | Value::None | Value::Bool(_) = v {
                    return Err(Exc::type_err(format!(
                        "cannot unpack non-iterable {} object",
                        tname(&v)
                    )));
                }
                self.collect(&v)?
            }
        };
        match star {
            None => {
                if items.len() != n {
                    if items.len() > n {
                        return Err(Exc::value_err(format!(
                            "too many values to unpack (expected {n})"
                        )));
                    }
                    return Err(Exc::value_err(format!(
                        "not enough values to unpack (expected {n}, got {})",
                        items.len()
                    )));
                }
                Ok(items)
            }
            Some(s) => {
                if items.len() < n - 1 {
                    return Err(Exc::value_err(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        n - 1,
                        items.len()
                    )));
                }
                let after = n - 1 - s;
                let mut out: Vec<Value> = items[..s].to_vec();
                out.push(Value::list(items[s..items.len() - after].to_vec()));
                out.extend_from_slice(&items[items.len() - after..]);
                Ok(out)
            }
        }
    }

    fn aug_assign(&mut self, t: &Target, op: BinOp, e: &Ex, fr: &mut Frame) -> PyResult<()> {
        match t {
            Target::Local(i) => {
                let rhs = self.eval(e, fr)?;
                let i = *i as usize;
                if let (Value::Int(a), Value::Int(b)) = (&fr.slots[i], &rhs) {
                    let r = match op {
                        BinOp::Add => a.checked_add(*b),
                        BinOp::Sub => a.checked_sub(*b),
                        BinOp::Mul => a.checked_mul(*b),
                        _ => None,
                    };
                    if let Some(r) = r {
                        fr.slots[i] = Value::Int(r);
                        return Ok(());
                    }
                }
                self.aug_assign_local(i, op, rhs, fr)
            }
            Target::Attr(o, n, _) => {
                let ov = self.eval(o, fr)?;
                let cur = self.get_attr(&ov, n)?;
                let rhs = self.eval(e, fr)?;
                let r = self.inplace(cur, op, rhs)?;
                self.set_attr(&ov, n, r)
            }
            Target::Index(o, i) => {
                let ov = self.eval(o, fr)?;
                let iv = self.eval(i, fr)?;
                let cur = self.get_item(&ov, &iv)?;
                let rhs = self.eval(e, fr)?;
                let r = self.inplace(cur, op, rhs)?;
                self.set_item(&ov, iv, r)
            }
            other => {
                let cur = match other {
                    Target::Deref(i) => self.load_deref(*i, fr)?,
                    Target::Global(n) => self.load_global(n, fr, None)?,
                    Target::Name(n) => self.load_name(n, fr, None)?,
                    _ => return Err(Exc::new("SystemError", "bad augmented assignment target")),
                };
                let rhs = self.eval(e, fr)?;
                let r = self.inplace(cur, op, rhs)?;
                self.assign(other, r, fr)
            }
        }
    }

    /// `slot op= rhs` once the right-hand side is evaluated (any types).
    #[inline(never)]
    fn aug_assign_local(
        &mut self,
        i: usize,
        op: BinOp,
        rhs: Value,
        fr: &mut Frame,
    ) -> PyResult<()> {
        let cur = fr.slots[i].clone();
        if matches!(cur, Value::Undef) {
            let n = fr.code.slot_names[i].clone();
            return Err(unbound_local(&n));
        }
        fr.slots[i] = self.inplace(cur, op, rhs)?;
        Ok(())
    }

    /// `a op= b`: mutates lists/dicts/sets in place where Python does.
    fn inplace(&mut self, a: Value, op: BinOp, b: Value) -> PyResult<Value> {
        match (&a, op) {
            (Value::List(l), BinOp::Add) => {
                let items = self.collect(&b)?;
                l.borrow_mut().extend(items);
                return Ok(a);
            }
            (Value::List(l), BinOp::Mul) => {
                let n = match b {
                    Value::Int(n) => n,
                    Value::Bool(x) => x as i64,
                    _ => {
                        return Err(Exc::type_err(format!(
                            "can't multiply sequence by non-int of type '{}'",
                            tname(&b)
                        )));
                    }
                };
                let cur = l.borrow().clone();
                let mut out = Vec::new();
                self.check_len(cur.len().saturating_mul(n.max(0) as usize))?;
                for _ in 0..n.max(0) {
                    out.extend(cur.iter().cloned());
                }
                *l.borrow_mut() = out.into();
                return Ok(a);
            }
            (Value::Set(_), BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor)
                if matches!(b, Value::Set(_)) =>
            {
                let r = self.binop(&a, op, &b)?;
                if let (Value::Set(s), Value::Set(r)) = (&a, &r) {
                    if !s.frozen {
                        *s.items.borrow_mut() = r.items.borrow().clone();
                        return Ok(a);
                    }
                }
                return Ok(r);
            }
            (Value::Dict(d), BinOp::BitOr) => {
                crate::methods::dict_update(self, d, &[b], &[])?;
                return Ok(a);
            }
            (Value::Instance(_), _) => {
                let name = match op {
                    BinOp::Add => "__iadd__",
                    BinOp::Sub => "__isub__",
                    BinOp::Mul => "__imul__",
                    BinOp::Div => "__itruediv__",
                    BinOp::FloorDiv => "__ifloordiv__",
                    BinOp::Mod => "__imod__",
                    BinOp::BitOr => "__ior__",
                    BinOp::BitAnd => "__iand__",
                    _ => "",
                };
                if !name.is_empty() {
                    if let Some(m) = self.lookup_special(&a, name) {
                        let r = self.call(&m, vec![a.clone(), b.clone()], Vec::new())?;
                        if !matches!(r, Value::NotImplemented) {
                            return Ok(r);
                        }
                    }
                }
            }
            _ => {}
        }
        self.binop(&a, op, &b).map_err(|e| {
            if let ExcKind::Lazy("TypeError", args) = &e.kind {
                if let Some(Value::Str(s)) = args.first() {
                    if s.starts_with("unsupported operand type(s) for ") {
                        let fixed = s.replacen(
                            &format!("for {}:", op.symbol()),
                            &format!("for {}=:", op.symbol().split(' ').next().unwrap_or("")),
                            1,
                        );
                        return Exc::type_err(fixed);
                    }
                }
            }
            e
        })
    }

    fn delete(&mut self, t: &Target, fr: &mut Frame) -> PyResult<()> {
        match t {
            Target::Local(i) => {
                if matches!(fr.slots[*i as usize], Value::Undef) {
                    return Err(unbound_local(&fr.code.slot_names[*i as usize].clone()));
                }
                fr.slots[*i as usize] = Value::Undef;
            }
            Target::Deref(i) => {
                if let Value::Cell(c) = &fr.slots[*i as usize] {
                    *c.borrow_mut() = Value::Undef;
                }
            }
            Target::Global(n) | Target::Name(n) => {
                let d = if matches!(t, Target::Name(_)) {
                    fr.locals.clone().unwrap_or_else(|| fr.globals.clone())
                } else {
                    fr.globals.clone()
                };
                if d.borrow_mut().remove(&Value::Str(n.clone())).is_none() {
                    return Err(Exc::new("NameError", format!("name '{n}' is not defined")));
                }
            }
            Target::Attr(o, n, _) => {
                let ov = self.eval(o, fr)?;
                self.del_attr(&ov, n)?;
            }
            Target::Index(o, i) => {
                let ov = self.eval(o, fr)?;
                let iv = self.eval(i, fr)?;
                self.del_item(&ov, &iv)?;
            }
            Target::Unpack(ts, _) => {
                for t in ts {
                    self.delete(t, fr)?;
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------ names

    #[inline]
    fn load_deref(&self, i: u32, fr: &Frame) -> PyResult<Value> {
        match &fr.slots[i as usize] {
            Value::Cell(c) => {
                let v = c.borrow().clone();
                if matches!(v, Value::Undef) {
                    let n = &fr.code.slot_names[i as usize];
                    return Err(if (i as usize) < fr.code.free_start {
                        unbound_local(n)
                    } else {
                        Exc::new(
                            "NameError",
                            format!(
                                "cannot access free variable '{n}' where it is not associated with a value in enclosing scope"
                            ),
                        )
                    });
                }
                Ok(v)
            }
            Value::Undef => Err(unbound_local(&fr.code.slot_names[i as usize])),
            v => Ok(v.clone()),
        }
    }

    #[inline]
    fn dict_cached(d: &Dict, n: &RcStr, cache: Option<&NameCache>) -> Option<Value> {
        if let Some(c) = cache {
            let i = c.0.get() as usize;
            if let Some((k, v)) = d.map().get_index(i) {
                if let Value::Str(s) = &k.0 {
                    if RcStr::ptr_eq(s, n) || **s == **n {
                        return Some(v.clone());
                    }
                }
            }
            let (i, v) = d.get_h(n, c.2)?;
            c.0.set(i as u32);
            return Some(v.clone());
        }
        d.get_str(n).cloned()
    }

    fn load_builtin(&self, n: &RcStr, fr: &Frame, cache: Option<&NameCache>) -> PyResult<Value> {
        // Fast path: the globals' `__builtins__` (found at its cached index, by key address) is this
        // interpreter's builtins dict and the name sits at its cached index there: no Rc traffic but the result.
        if let Some(c) = cache {
            let g = fr.globals.borrow();
            if let Some((Key(Value::Str(k)), Value::Dict(d))) =
                g.map().get_index(self.builtins_idx.get() as usize)
            {
                if RcStr::as_ptr(k) as usize == self.builtins_key.get()
                    && Rc::ptr_eq(d, &self.builtins)
                {
                    let bd = d.borrow();
                    // Versions are globally unique and change with every key added or removed, so while the
                    // builtins dict keeps the version seen when `c.1` was found, that entry is still the name's.
                    if bd.version() == c.4.get() {
                        if let Some((_, v)) = bd.map().get_index(c.1.get() as usize) {
                            return Ok(v.clone());
                        }
                    }
                }
            }
        }
        self.load_builtin_slow(n, fr, cache)
    }

    #[inline(never)]
    fn load_builtin_slow(
        &self,
        n: &RcStr,
        fr: &Frame,
        cache: Option<&NameCache>,
    ) -> PyResult<Value> {
        let b = {
            let g = fr.globals.borrow();
            let i = self.builtins_idx.get() as usize;
            match g.map().get_index(i) {
                Some((k, v))
                    if matches!(&k.0, Value::Str(s) if RcStr::as_ptr(s) as usize == self.builtins_key.get()
                        || &**s == "__builtins__") =>
                {
                    if let Value::Str(s) = &k.0 {
                        self.builtins_key.set(RcStr::as_ptr(s) as usize);
                    }
                    Some(v.clone())
                }
                _ => g.get_h("__builtins__", self.builtins_hash).map(|(i, v)| {
                    self.builtins_idx.set(i as u32);
                    if let Some((Key(Value::Str(s)), _)) = g.map().get_index(i) {
                        self.builtins_key.set(RcStr::as_ptr(s) as usize);
                    }
                    v.clone()
                }),
            }
        };
        let found = match b {
            Some(Value::Dict(d)) => {
                if Rc::ptr_eq(&d, &self.builtins) {
                    match cache {
                        Some(c) => {
                            let bd = d.borrow();
                            let i = c.1.get() as usize;
                            match bd.map().get_index(i) {
                                Some((k, v)) if matches!(&k.0, Value::Str(s) if RcStr::ptr_eq(s, n) || **s == **n) =>
                                {
                                    c.4.set(bd.version());
                                    Some(v.clone())
                                }
                                _ => bd.get_h(n, c.2).map(|(i, v)| {
                                    c.1.set(i as u32);
                                    c.4.set(bd.version());
                                    v.clone()
                                }),
                            }
                        }
                        None => d.borrow().get_str(n).cloned(),
                    }
                } else {
                    d.borrow().get_str(n).cloned()
                }
            }
            Some(Value::Module(m)) => m.dict.borrow().get_str(n).cloned(),
            None => self.builtins.borrow().get_str(n).cloned(),
            // Anything else is what CPython 3.11 subscripts for the name: a host restricting a program with
            // `{'__builtins__': None}` gives it no builtins at all.
            Some(other) => {
                return Err(Exc::type_err(format!(
                    "'{}' object is not subscriptable",
                    tname(&other)
                )));
            }
        };
        found.ok_or_else(|| Exc::new("NameError", format!("name '{n}' is not defined")))
    }

    fn load_global(&self, n: &RcStr, fr: &Frame, cache: Option<&NameCache>) -> PyResult<Value> {
        if let Some(c) = cache {
            let g = fr.globals.borrow();
            // The common case first: the name is at the index where it was last found.
            if let Some((Key(Value::Str(k)), v)) = g.map().get_index(c.0.get() as usize) {
                if RcStr::ptr_eq(k, n) {
                    return Ok(v.clone());
                }
            }
            let stamp = (Rc::as_ptr(&fr.globals) as usize, g.version());
            // "Not in these globals" stays true until the dict gains a key (its version changes).
            if c.3.get() != stamp {
                if let Some(v) = Self::dict_cached(&g, n, cache) {
                    return Ok(v);
                }
                c.3.set(stamp);
            }
            drop(g);
            return self.load_builtin(n, fr, cache);
        }
        if let Some(v) = Self::dict_cached(&fr.globals.borrow(), n, cache) {
            return Ok(v);
        }
        self.load_builtin(n, fr, cache)
    }

    fn load_name(&self, n: &RcStr, fr: &Frame, cache: Option<&NameCache>) -> PyResult<Value> {
        if let Some(l) = &fr.locals {
            if let Some(v) = l.borrow().get_str(n) {
                return Ok(v.clone());
            }
            return self.load_global(n, fr, None);
        }
        self.load_global(n, fr, cache)
    }

    // ------------------------------------------------------------------ expressions

    /// Evaluates an expression.
    #[inline(always)]
    pub fn eval(&mut self, e: &Ex, fr: &mut Frame) -> PyResult<Value> {
        // Locals, constants and small int operations on int locals are done right here at every call site
        // (an out-of-line call would cost more than the work); everything else goes to `eval_full`.
        match e {
            Ex::Local(i, n) => match &fr.slots[*i as usize] {
                Value::Undef => Err(unbound_local(n)),
                v => Ok(v.clone()),
            },
            Ex::Const(v) => Ok(v.clone()),
            Ex::Global(n, c) => self.load_global(n, fr, Some(c)),
            // `i * i`, `a + b` on int locals: done here (any other operand goes to `eval_full`).
            Ex::BinLL(i, j, op) => {
                if let (Value::Int(p), Value::Int(q)) =
                    (&fr.slots[*i as usize], &fr.slots[*j as usize])
                {
                    let r = match op {
                        BinOp::Add => p.checked_add(*q),
                        BinOp::Sub => p.checked_sub(*q),
                        _ => p.checked_mul(*q),
                    };
                    if let Some(r) = r {
                        return Ok(Value::Int(r));
                    }
                }
                self.eval_full(e, fr)
            }
            // `n - 1`, `i * 7`, `x % 3`, `n < 2` on an int local: done here (any other operand goes to
            // `eval_full`).
            Ex::BinLI(i, _, op @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Mod), k) => {
                if let Value::Int(p) = &fr.slots[*i as usize] {
                    let r = match op {
                        BinOp::Add => p.checked_add(*k),
                        BinOp::Sub => p.checked_sub(*k),
                        BinOp::Mul => p.checked_mul(*k),
                        _ if *k > 0 => Some(p.rem_euclid(*k)),
                        _ => None,
                    };
                    if let Some(r) = r {
                        return Ok(Value::Int(r));
                    }
                }
                self.eval_full(e, fr)
            }
            Ex::CmpLI(i, _, op @ (CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge), k) => {
                if let Value::Int(p) = &fr.slots[*i as usize] {
                    return Ok(Value::bool(match op {
                        CmpOp::Lt => p < k,
                        CmpOp::Le => p <= k,
                        CmpOp::Gt => p > k,
                        _ => p >= k,
                    }));
                }
                self.eval_full(e, fr)
            }
            _ => self.eval_full(e, fr),
        }
    }

    #[inline(never)]
    fn eval_full(&mut self, e: &Ex, fr: &mut Frame) -> PyResult<Value> {
        match e {
            Ex::Local(i, n) => match &fr.slots[*i as usize] {
                Value::Undef => Err(unbound_local(n)),
                v => Ok(v.clone()),
            },
            Ex::Const(v) => Ok(v.clone()),
            // `eval` has already tried the int path of `+ - * %`; an int `//` by a positive constant is the one
            // fast case left.
            Ex::BinLI(i, n, op, k) => {
                let x = &fr.slots[*i as usize];
                if let (Value::Int(p), BinOp::FloorDiv) = (x, op) {
                    if *k > 0 {
                        return Ok(Value::Int(p.div_euclid(*k)));
                    }
                }
                let x = match x {
                    Value::Undef => return Err(unbound_local(n)),
                    Value::Cell(_) => self.load_deref(*i, fr)?,
                    v => v.clone(),
                };
                self.binop(&x, *op, &Value::Int(*k))
            }
            // Reached from `eval` only after its int path (every op a `BinLL` can have) found an operand that is
            // not an int, or an overflow.
            Ex::BinLL(i, j, op) => {
                let (x, y) = (&fr.slots[*i as usize], &fr.slots[*j as usize]);
                let x = match x {
                    Value::Undef => return Err(unbound_local(&fr.code.slot_names[*i as usize])),
                    v => v.clone(),
                };
                let y = match y {
                    Value::Undef => return Err(unbound_local(&fr.code.slot_names[*j as usize])),
                    v => v.clone(),
                };
                self.binop(&x, *op, &y)
            }
            Ex::CmpLI(i, n, op, k) => {
                let x = &fr.slots[*i as usize];
                if let Value::Int(p) = x {
                    return Ok(Value::bool(match op {
                        CmpOp::Lt => p < k,
                        CmpOp::Le => p <= k,
                        CmpOp::Gt => p > k,
                        CmpOp::Ge => p >= k,
                        CmpOp::Eq => p == k,
                        _ => p != k,
                    }));
                }
                let x = match x {
                    Value::Undef => return Err(unbound_local(n)),
                    v => v.clone(),
                };
                self.compare(&x, *op, &Value::Int(*k))
            }
            Ex::Bin(a, op, b) => {
                let x = self.eval(a, fr)?;
                let y = self.eval(b, fr)?;
                if let (Value::Int(p), Value::Int(q)) = (&x, &y) {
                    let r = match op {
                        BinOp::Add => p.checked_add(*q),
                        BinOp::Sub => p.checked_sub(*q),
                        BinOp::Mul => p.checked_mul(*q),
                        // A positive divisor: Python's floor modulo is the Euclidean remainder.
                        BinOp::Mod if *q > 0 => Some(p.rem_euclid(*q)),
                        _ => None,
                    };
                    if let Some(r) = r {
                        return Ok(Value::Int(r));
                    }
                }
                self.binop(&x, *op, &y)
            }
            Ex::Cmp(a, op, b) => {
                let x = self.eval(a, fr)?;
                let y = self.eval(b, fr)?;
                if let (Value::Int(p), Value::Int(q)) = (&x, &y) {
                    return Ok(Value::bool(match op {
                        CmpOp::Lt => p < q,
                        CmpOp::Le => p <= q,
                        CmpOp::Gt => p > q,
                        CmpOp::Ge => p >= q,
                        CmpOp::Eq => p == q,
                        CmpOp::Ne => p != q,
                        _ => return self.compare(&x, *op, &y),
                    }));
                }
                self.compare(&x, *op, &y)
            }
            Ex::Global(n, c) => self.load_global(n, fr, Some(c)),
            Ex::Name(n, c) => self.load_name(n, fr, Some(c)),
            Ex::Deref(i, _) => self.load_deref(*i, fr),
            Ex::ClassDeref(n, i) => {
                if let Some(l) = &fr.locals {
                    if let Some(v) = l.borrow().get_str(n) {
                        return Ok(v.clone());
                    }
                }
                self.load_deref(*i, fr)
            }
            Ex::Call(f, args) => {
                let fv = self.eval(f, fr)?;
                if let Value::Func(func) = &fv {
                    let code = &func.code;
                    // A plain `def f(a, b)` called with as many positional arguments: they are evaluated
                    // straight into the new frame's slots.
                    if args.len() == code.nparams && code.plain {
                        let mut slots = self.take_vec();
                        self.eval_into(args, code.nslots(), &mut slots, fr)?;
                        if code.nslots() > slots.len() {
                            slots.resize(code.nslots(), Value::Undef);
                        }
                        let mut frame = Self::frame_for(func, slots);
                        let r = self.run_function_frame_ref(&mut frame);
                        self.give_vec(std::mem::take(&mut frame.slots));
                        return r;
                    }
                }
                // One argument to a built-in function (`len(x)`, `abs(x)`) or to `str`: the argument stays
                // in a local instead of going through a pooled argument vector.
                if let [arg] = &args[..] {
                    if matches!(&fv, Value::Builtin(b) if b.this.is_none())
                        || matches!(&fv, Value::Class(c) if c.kind == Kind::Str)
                    {
                        return self.call_one(&fv, arg, fr);
                    }
                }
                let mut av = self.take_vec();
                self.eval_into(args, 0, &mut av, fr)?;
                self.call_vec(&fv, av)
            }
            Ex::CallMethod(o, name, args, h, fast, mc) => {
                let ov = self.eval(o, fr)?;
                if *fast != Fast::None {
                    if let Some(r) = self.fast_method(*fast, &ov, args, fr) {
                        return r;
                    }
                }
                // A method found on a user class (not shadowed by the instance): the receiver goes straight
                // into the first argument slot. The lookup precedes the arguments, as CPython's LOAD_METHOD.
                let method = match &ov {
                    Value::Instance(inst)
                        if inst.class.kind == Kind::User
                            && inst.dict.borrow().get_h(name, *h).is_none() =>
                    {
                        Self::method_cached(&inst.class, name, *h, mc)
                    }
                    _ => None,
                };
                if let Some(f) = method {
                    // The receiver moves into the first slot; room is made for all the callee's slots.
                    let mut av = self.take_vec();
                    av.reserve(f.code.nslots().max(args.len() + 1));
                    av.push(ov);
                    self.eval_into(args, 0, &mut av, fr)?;
                    return self.call_function(&f, av, Vec::new());
                }
                let mut av = self.take_vec();
                self.eval_into(args, 0, &mut av, fr)?;
                if let Value::Instance(inst) = &ov {
                    if inst.class.kind == Kind::User {
                        let own = inst.dict.borrow().get_h(name, *h).map(|(_, v)| v.clone());
                        if let Some(f) = own {
                            return self.call_vec(&f, av);
                        }
                        if let Some(Value::Func(f)) = inst.class.lookup_h(name, *h) {
                            av.insert(0, ov.clone());
                            return self.call_function(&f, av, Vec::new());
                        }
                    }
                }
                self.call_method_vec(&ov, name, av)
            }
            Ex::CallFrame(f, args) => {
                let fv = self.eval(f, fr)?;
                let (pos, kw) = self.eval_args(&fv, args, fr)?;
                if let Value::Builtin(b) = &fv {
                    if b.this.is_none() && crate::compile::FRAME_BUILTINS.contains(&b.name) {
                        return crate::builtins::frame_call(self, b.name, pos, kw, fr);
                    }
                }
                self.call(&fv, pos, kw)
            }
            Ex::CallKw(f, args) => {
                let fv = self.eval(f, fr)?;
                let (pos, kw) = self.eval_args(&fv, args, fr)?;
                self.call(&fv, pos, kw)
            }
            Ex::Attr(o, n, h, hint) => {
                let ov = self.eval(o, fr)?;
                if let Value::Instance(inst) = &ov {
                    if inst.class.kind == Kind::User && !inst.class.store_flags().1 {
                        if let Some(v) = inst.dict.borrow().get_hinted(n, *h, hint) {
                            return Ok(v.clone());
                        }
                        if let Some(x) = inst.class.lookup_h(n, *h) {
                            return self.bind_descriptor(x, &ov);
                        }
                    }
                }
                self.get_attr(&ov, n)
            }
            Ex::Index(o, i) => {
                let ov = self.eval(o, fr)?;
                let iv = self.eval(i, fr)?;
                if let (Value::List(l), Value::Int(k)) = (&ov, &iv) {
                    let b = l.borrow();
                    let n = b.len() as i64;
                    let k2 = if *k < 0 { k + n } else { *k };
                    if k2 >= 0 && k2 < n {
                        return Ok(b[k2 as usize].clone());
                    }
                }
                self.get_item(&ov, &iv)
            }
            other => self.eval_rest(other, fr),
        }
    }

    /// The user function `name` resolves to along `cls`'s MRO, through the call site's cache.
    #[inline]
    fn method_cached(
        cls: &Rc<Class>,
        name: &str,
        h: u64,
        mc: &MethodCache,
    ) -> Option<Rc<Function>> {
        let stamp = (Rc::as_ptr(cls) as usize, crate::value::class_epoch());
        if let Some((p, e, f)) = &*mc.0.borrow() {
            if (*p, *e) == stamp {
                return Some(f.clone());
            }
        }
        match cls.lookup_h(name, h) {
            Some(Value::Func(f)) => {
                *mc.0.borrow_mut() = Some((stamp.0, stamp.1, f.clone()));
                Some(f)
            }
            _ => None,
        }
    }

    /// Inline paths for the commonest built-in methods; `None` when the receiver or arity does not fit.
    fn fast_method(
        &mut self,
        fast: Fast,
        ov: &Value,
        args: &[Ex],
        fr: &mut Frame,
    ) -> Option<PyResult<Value>> {
        match (fast, ov, args.len()) {
            (Fast::Append, Value::List(l), 1) => {
                let v = match self.eval(&args[0], fr) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                let mut b = l.borrow_mut();
                if let Some(m) = self.limits.max_len {
                    if b.len() >= m {
                        return Some(Err(Exc::new(
                            "MemoryError",
                            format!("list longer than the host limit of {m}"),
                        )));
                    }
                }
                b.push(v);
                Some(Ok(Value::None))
            }
            (Fast::Get, Value::Dict(d), 1 | 2) => {
                let k = match self.eval(&args[0], fr) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                let dflt = match args.get(1) {
                    Some(a) => match self.eval(a, fr) {
                        Ok(v) => v,
                        Err(e) => return Some(Err(e)),
                    },
                    None => Value::None,
                };
                let key = match self.dict_key(k, d) {
                    Ok(k) => k,
                    Err(e) => return Some(Err(e)),
                };
                Some(Ok(d.borrow().map().get(&key).cloned().unwrap_or(dflt)))
            }
            (Fast::Upper | Fast::Lower, Value::Str(s), 0) if s.is_ascii() => {
                Some(Ok(Value::Str(RcStr::ascii_case(s, fast == Fast::Upper))))
            }
            (Fast::Items | Fast::Keys | Fast::Values, Value::Dict(d), 0) => {
                let w = match fast {
                    Fast::Keys => 0,
                    Fast::Values => 1,
                    _ => 2,
                };
                Some(Ok(Value::View(Rc::new((d.clone(), w)))))
            }
            (Fast::Pop, Value::List(l), 0) => {
                let r = l.borrow_mut().pop();
                Some(r.ok_or_else(|| Exc::new("IndexError", "pop from empty list")))
            }
            (Fast::Add, Value::Set(s), 1) if !s.frozen => {
                let v = match self.eval(&args[0], fr) {
                    Ok(v) => v,
                    Err(e) => return Some(Err(e)),
                };
                let k = match self.set_key(v, s) {
                    Ok(k) => k,
                    Err(e) => return Some(Err(e)),
                };
                s.items.borrow_mut().insert(k, ());
                Some(Ok(Value::None))
            }
            _ => None,
        }
    }

    /// Evaluates call arguments onto the end of `out` (a pooled vector), reserving room for `room` values
    /// (at least the arguments) first so each push is a plain store: `Vec::push` stayed an out-of-line call
    /// here. On an error `out` goes back to the pool (left empty).
    #[inline(always)]
    fn eval_into(
        &mut self,
        args: &[Ex],
        room: usize,
        out: &mut Vec<Value>,
        fr: &mut Frame,
    ) -> PyResult<()> {
        out.reserve(room.max(args.len()));
        for a in args {
            let v = match self.eval(a, fr) {
                Ok(v) => v,
                Err(e) => {
                    self.give_vec(std::mem::take(out));
                    return Err(e);
                }
            };
            let n = out.len();
            // SAFETY: `reserve` made room for `args.len()` more values and each argument adds one, so slot
            // `n` is allocated; it is written before the length covers it.
            unsafe {
                out.as_mut_ptr().add(n).write(v);
                out.set_len(n + 1);
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn eval_args(
        &mut self,
        fv: &Value,
        args: &[ArgX],
        fr: &mut Frame,
    ) -> PyResult<(Vec<Value>, Vec<(RcStr, Value)>)> {
        {
            let mut pos = Vec::new();
            let mut kw: Vec<(RcStr, Value)> = Vec::new();
            for a in args {
                match a {
                    ArgX::Pos(e) => pos.push(self.eval(e, fr)?),
                    ArgX::Star(e) => {
                        let v = self.eval(e, fr)?;
                        if !self.is_iterable(&v) {
                            return Err(Exc::type_err(format!(
                                "{} argument after * must be an iterable, not {}",
                                self.callable_name(fv),
                                tname(&v)
                            )));
                        }
                        pos.extend(self.collect(&v)?);
                    }
                    ArgX::Kw(n, e) => {
                        let v = self.eval(e, fr)?;
                        if kw.iter().any(|(k, _)| k == n) {
                            return Err(Exc::type_err(format!(
                                "{} got multiple values for keyword argument '{n}'",
                                self.callable_name(fv)
                            )));
                        }
                        kw.push((n.clone(), v));
                    }
                    ArgX::StarStar(e) => {
                        let v = self.eval(e, fr)?;
                        let v = crate::stdlib::mapping_as_dict(self, v)?;
                        let Value::Dict(d) = &v else {
                            return Err(Exc::type_err(format!(
                                "{} argument after ** must be a mapping, not {}",
                                self.callable_name(fv),
                                tname(&v)
                            )));
                        };
                        let items: Vec<(Key, Value)> = d
                            .borrow()
                            .map()
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        for (k, v) in items {
                            let Value::Str(s) = k.0 else {
                                return Err(Exc::type_err("keywords must be strings"));
                            };
                            if kw.iter().any(|(x, _)| *x == s) {
                                return Err(Exc::type_err(format!(
                                    "{} got multiple values for keyword argument '{s}'",
                                    self.callable_name(fv)
                                )));
                            }
                            kw.push((s, v));
                        }
                    }
                }
            }
            Ok((pos, kw))
        }
    }

    #[inline(never)]
    fn eval_rest(&mut self, e: &Ex, fr: &mut Frame) -> PyResult<Value> {
        match e {
            Ex::Unary(op, a) => {
                let v = self.eval(a, fr)?;
                self.unary(*op, &v)
            }
            Ex::And(a, b) => {
                let v = self.eval(a, fr)?;
                if !self.truthy(&v)? {
                    Ok(v)
                } else {
                    self.eval(b, fr)
                }
            }
            Ex::Or(a, b) => {
                let v = self.eval(a, fr)?;
                if self.truthy(&v)? {
                    Ok(v)
                } else {
                    self.eval(b, fr)
                }
            }
            Ex::CmpChain(a, rest) => {
                let mut left = self.eval(a, fr)?;
                for (op, e) in rest {
                    let right = self.eval(e, fr)?;
                    let r = self.compare(&left, *op, &right)?;
                    if !self.truthy(&r)? {
                        return Ok(r);
                    }
                    left = right;
                }
                Ok(Value::bool(true))
            }
            Ex::Slice(a, b, c) => {
                let mut f = |x: &Option<Box<Ex>>, s: &mut Self| -> PyResult<Value> {
                    match x {
                        Some(x) => s.eval(x, fr),
                        None => Ok(Value::None),
                    }
                };
                let a = f(a, self)?;
                let b = f(b, self)?;
                let c = f(c, self)?;
                Ok(Value::Slice(Rc::new((a, b, c))))
            }
            Ex::List(items) => Ok(Value::list(self.build_items(items, fr)?)),
            Ex::Tuple(items) => Ok(Value::tuple(self.build_items(items, fr)?)),
            Ex::Set(items) => {
                let vals = self.build_items(items, fr)?;
                let mut m = indexmap::IndexMap::with_hasher(FxBuild::default());
                for v in vals {
                    let k = self.map_key(v, &m)?;
                    m.insert(k, ());
                }
                Ok(Value::Set(Rc::new(SetObj {
                    items: RefCell::new(m),
                    frozen: false,
                })))
            }
            Ex::Dict(items) => {
                let mut d = Dict::new();
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let kv = self.eval(k, fr)?;
                            let vv = self.eval(v, fr)?;
                            let key = self.map_key(kv, d.map())?;
                            d.map_mut().insert(key, vv);
                        }
                        None => {
                            let m = self.eval(v, fr)?;
                            let m = crate::stdlib::mapping_as_dict(self, m)?;
                            match &m {
                                Value::Dict(src) => {
                                    let m = src.borrow().map().clone();
                                    let m = self.canon_keys(m, d.map())?;
                                    for (k, v) in m {
                                        d.map_mut().insert(k, v);
                                    }
                                }
                                _ => {
                                    return Err(Exc::type_err(format!(
                                        "'{}' object is not a mapping",
                                        tname(&m)
                                    )));
                                }
                            }
                        }
                    }
                }
                Ok(Value::dict(d))
            }
            Ex::IfExp(c, a, b) => {
                let v = self.eval(c, fr)?;
                if self.truthy(&v)? {
                    self.eval(a, fr)
                } else {
                    self.eval(b, fr)
                }
            }
            Ex::MakeFunc(def) => self.make_function(def, fr),
            Ex::Comp(def, outer) => {
                let it = self.eval(outer, fr)?;
                let it = self.iter(&it)?;
                let closure: Vec<Value> = def
                    .closure
                    .iter()
                    .map(|&i| fr.slots[i as usize].clone())
                    .collect();
                let code = def.code.clone();
                let mut slots = self.take_vec();
                slots.resize(code.nslots(), Value::Undef);
                slots[0] = it;
                for (k, v) in closure.into_iter().enumerate() {
                    slots[code.free_start + k] = v;
                }
                for &c in &code.cell_slots {
                    let v = std::mem::replace(&mut slots[c as usize], Value::Undef);
                    slots[c as usize] = Value::Cell(Rc::new(RefCell::new(v)));
                }
                let frame = Frame {
                    slots,
                    globals: fr.globals.clone(),
                    locals: None,
                    code: code.clone(),
                    line: code.firstline,
                };
                if code.is_generator {
                    return self.make_generator(frame);
                }
                self.run_function_frame(frame)
            }
            Ex::FStr(parts) => {
                let mut s = String::new();
                self.fstr(parts, fr, &mut s)?;
                Ok(Value::Str(s.into()))
            }
            Ex::Yield(v) => {
                let v = match v {
                    Some(v) => self.eval(v, fr)?,
                    None => Value::None,
                };
                self.yield_value(v, fr)
            }
            Ex::YieldFrom(src) => {
                let v = self.eval(src, fr)?;
                let it = self.iter(&v)?;
                loop {
                    match self.next_gen_aware(&it)? {
                        Ok(x) => {
                            let _sent = self.yield_value(x, fr)?;
                        }
                        Err(ret) => return Ok(ret),
                    }
                }
            }
            Ex::Walrus(t, v) => {
                let v = self.eval(v, fr)?;
                self.assign(t, v.clone(), fr)?;
                Ok(v)
            }
            Ex::Line(line, e) => {
                let saved = fr.line;
                fr.line = *line;
                let r = self.eval(e, fr);
                if r.is_ok() {
                    fr.line = saved;
                }
                r
            }
            _ => Err(Exc::new("SystemError", "unexpected expression node")),
        }
    }

    fn fstr(&mut self, parts: &[FPartX], fr: &mut Frame, s: &mut String) -> PyResult<()> {
        for p in parts {
            match p {
                FPartX::Lit(l) => s.push_str(l),
                FPartX::Field(e, conv, spec) => {
                    let v = self.eval(e, fr)?;
                    let v = match conv {
                        Some('r') => Value::Str(self.repr(&v)?.into()),
                        Some('s') => Value::Str(self.to_str(&v)?.into()),
                        Some('a') => Value::Str(crate::format::ascii(&self.repr(&v)?).into()),
                        _ => v,
                    };
                    let mut sp = String::new();
                    self.fstr(spec, fr, &mut sp)?;
                    let out = self.format_value(&v, &sp)?;
                    self.charge((out.len() >> 6) as u64)?;
                    s.push_str(&out);
                }
            }
        }
        Ok(())
    }

    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Instance(_) = v {
            if let Some(m) = self.lookup_special(v, "__format__") {
                let r = self.call(&m, vec![v.clone(), Value::str(spec)], Vec::new())?;
                return match r {
                    Value::Str(s) => Ok(s.to_string()),
                    other => Err(Exc::type_err(format!(
                        "__format__ must return a str, not {}",
                        tname(&other)
                    ))),
                };
            }
            let s = self.to_str(v)?;
            if spec.is_empty() {
                return Ok(s);
            }
            return Err(Exc::type_err(format!(
                "unsupported format string passed to {}.__format__",
                tname(v)
            )));
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        crate::format::format_spec(self, v, spec)
    }

    fn build_items(&mut self, items: &[ArgX], fr: &mut Frame) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            match it {
                ArgX::Pos(e) => out.push(self.eval(e, fr)?),
                ArgX::Star(e) => {
                    let v = self.eval(e, fr)?;
                    out.extend(self.collect(&v)?);
                }
                _ => {}
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ generators

    fn make_generator(&mut self, frame: Frame) -> PyResult<Value> {
        let stack = match self.gen_stacks.pop() {
            Some(s) => s,
            None => DefaultStack::new(GEN_STACK)
                .map_err(|_| Exc::new("MemoryError", "cannot allocate a generator stack"))?,
        };
        let name = frame.code.name.clone();
        let qualname = frame.code.qualname.clone();
        let co = Coroutine::with_stack(stack, move |y: &Yielder<GenIn, Value>, input: GenIn| {
            let (ip, _first, thrown) = input;
            // SAFETY: `ip` is the address of the `Interp` that called `resume`; it stays borrowed by that
            // call (and unused by it) for as long as this coroutine runs, and every later resume passes the
            // same address.
            let it: &mut Interp = unsafe { &mut *(ip as *mut Interp) };
            it.yielder = y as *const Yielder<GenIn, Value> as usize;
            let mut frame = frame;
            if let Some(e) = thrown {
                return Err(e);
            }
            it.run_function_frame_gen(&mut frame)
        });
        Ok(Value::Iter(Rc::new(RefCell::new(Iter::Generator(
            Box::new(GenState {
                co: Some(co),
                name,
                qualname,
                finished: false,
                frames: Vec::new(),
            }),
        )))))
    }

    fn yield_value(&mut self, v: Value, fr: &mut Frame) -> PyResult<Value> {
        if self.yielder == 0 {
            return Err(Exc::new("SystemError", "yield outside a running generator"));
        }
        // A traced generator reports each `yield` as a return and each resumption as a call (CPython's
        // trace events), so `s` shows `--Return--` at the yield and `--Call--` when it runs again.
        #[cfg(not(feature = "untraced"))]
        if self.tracing {
            self.trace_yield(fr, &v)?;
        }
        let me = self.yielder;
        let floor = self.stack_floor;
        let depth = self.depth;
        // SAFETY: `me` was set from the live `Yielder` of the coroutine we are running on.
        let y: &Yielder<GenIn, Value> = unsafe { &*(me as *const Yielder<GenIn, Value>) };
        let (_ip, sent, thrown) = y.suspend(v);
        // Whoever resumed us changed this interpreter's state while we were suspended; `black_box` makes the
        // compiler treat `self` as modified, so the restores below really happen and no field is reused
        // from before the suspension.
        let this: &mut Interp = std::hint::black_box(self);
        this.yielder = me;
        this.stack_floor = floor;
        crate::guard::set_floor(this.stack_floor);
        this.depth = depth;
        #[cfg(not(feature = "untraced"))]
        if this.tracing {
            this.trace_call(fr)?;
        }
        let _ = &fr;
        match thrown {
            Some(e) => Err(e),
            None => Ok(sent),
        }
    }

    /// `generator.throw(exc)`: raises `exc` at the suspended `yield`.
    pub fn throw_gen(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        exc: Box<Exc>,
    ) -> PyResult<Result<Value, Value>> {
        let finished = matches!(&*g.borrow(), Iter::Generator(st) if st.finished);
        if finished {
            return Err(exc);
        }
        self.resume_gen_with(g, Value::None, Some(exc))
    }

    /// `generator.close()`: raises `GeneratorExit` at the `yield` so `finally` blocks run.
    pub fn close_gen(&mut self, g: &Rc<RefCell<Iter>>) -> PyResult<()> {
        let started = match &mut *g.borrow_mut() {
            Iter::Generator(st) => {
                if st.finished {
                    return Ok(());
                }
                let started = st.co.as_ref().is_some_and(|c| c.started());
                if !started {
                    st.finished = true;
                    st.co = None;
                }
                started
            }
            _ => return Ok(()),
        };
        if !started {
            return Ok(());
        }
        match self.resume_gen_with(g, Value::None, Some(Exc::new("GeneratorExit", ""))) {
            Ok(Ok(_)) => Err(Exc::new("RuntimeError", "generator ignored GeneratorExit")),
            Ok(Err(_)) => Ok(()),
            Err(e) => {
                let cls = self.exc_class(&e);
                if cls.is_subclass(&self.types.exc["GeneratorExit"])
                    || cls.is_subclass(&self.types.exc["StopIteration"])
                {
                    Ok(())
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Resumes a generator; `Ok(Ok(v))` = yielded, `Ok(Err(ret))` = finished with return value.
    pub fn resume_gen(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        sent: Value,
    ) -> PyResult<Result<Value, Value>> {
        self.resume_gen_with(g, sent, None)
    }

    fn resume_gen_with(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        sent: Value,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Result<Value, Value>> {
        let (co, qn, gen_frames) = {
            let mut b = g.borrow_mut();
            match &mut *b {
                Iter::Generator(st) => {
                    if st.finished {
                        return Ok(Err(Value::None));
                    }
                    match st.co.take() {
                        Some(co) => (co, st.qualname.clone(), std::mem::take(&mut st.frames)),
                        None => return Err(Exc::value_err("generator already executing")),
                    }
                }
                _ => return Err(Exc::type_err("not a generator")),
            }
        };
        let _ = qn;
        let mut co = co;
        if !co.started() && !matches!(sent, Value::None) {
            if let Iter::Generator(st) = &mut *g.borrow_mut() {
                st.co = Some(co);
            }
            return Err(Exc::type_err(
                "can't send non-None value to a just-started generator",
            ));
        }
        let saved_y = self.yielder;
        let saved_floor = self.stack_floor;
        let saved_depth = self.depth;
        let saved_frames = self.frames.len();
        self.frames.extend(gen_frames);
        let saved_handling = self.handling.len();
        {
            let _ = &co;
        }
        let ip = self as *mut Interp as usize;
        self.stack_floor = 0;
        crate::guard::set_floor(self.stack_floor);
        let r = co.resume((ip, sent, thrown));
        self.yielder = saved_y;
        self.stack_floor = saved_floor;
        crate::guard::set_floor(self.stack_floor);
        self.depth = saved_depth;
        let gen_frames = self.frames.split_off(saved_frames.min(self.frames.len()));
        self.handling.truncate(saved_handling);
        match r {
            CoroutineResult::Yield(v) => {
                if let Iter::Generator(st) = &mut *g.borrow_mut() {
                    st.co = Some(co);
                    st.frames = gen_frames;
                }
                Ok(Ok(v))
            }
            CoroutineResult::Return(res) => {
                if let Iter::Generator(st) = &mut *g.borrow_mut() {
                    st.finished = true;
                }
                if self.gen_stacks.len() < 16 {
                    self.gen_stacks.push(co.into_stack());
                }
                match res {
                    Ok(v) => Ok(Err(v)),
                    Err(mut e) => {
                        let cls = self.exc_class(&e);
                        if cls.is_subclass(&self.types.exc["StopIteration"]) {
                            e = Exc::new("RuntimeError", "generator raised StopIteration");
                        }
                        Err(e)
                    }
                }
            }
        }
    }

    fn run_function_frame_gen(&mut self, fr: &mut Frame) -> PyResult<Value> {
        use corosensei::stack::Stack;
        let _ = self.gen_stacks.first().map(|s| s.limit());
        // Our own stack floor: the current stack pointer minus what a generator stack safely holds.
        self.stack_floor = sp().saturating_sub(GEN_STACK - STACK_MARGIN);
        crate::guard::set_floor(self.stack_floor);
        self.run_function_frame_ref(fr)
    }

    // ------------------------------------------------------------------ calls

    /// Calls any callable with positional and keyword arguments.
    pub fn call(
        &mut self,
        f: &Value,
        args: Vec<Value>,
        kw: Vec<(RcStr, Value)>,
    ) -> PyResult<Value> {
        if kw.is_empty() {
            return self.call_vec(f, args);
        }
        self.call_kw(f, args, kw)
    }

    fn call_vec(&mut self, f: &Value, args: Vec<Value>) -> PyResult<Value> {
        match f {
            Value::Func(func) => self.call_function(func, args, Vec::new()),
            Value::Builtin(b) => {
                let r = match &b.this {
                    Some(this) => {
                        let mut a = Vec::with_capacity(args.len() + 1);
                        a.push(this.clone());
                        a.extend(args.iter().cloned());
                        (b.func)(self, &a, &[])
                    }
                    None => (b.func)(self, &args, &[]),
                };
                self.give_vec(args);
                r
            }
            // `str(x)` of a str or an int: what `construct_builtin` returns, without its generic set-up.
            Value::Class(c) if c.kind == Kind::Str && args.len() == 1 => {
                let r = match &args[0] {
                    Value::Str(s) => Value::Str(s.clone()),
                    Value::Int(i) => Value::Str(crate::methods::int_to_rc(*i)),
                    _ => return crate::builtins::construct(self, c, args, Vec::new()),
                };
                self.give_vec(args);
                Ok(r)
            }
            Value::Class(c) => crate::builtins::construct(self, c, args, Vec::new()),
            _ => self.call_kw(f, args, Vec::new()),
        }
    }

    /// `f(arg)` for a built-in function `f` (not a bound method) or `str`, the argument kept in a local:
    /// `Ex::Call`'s path for `len(x)`, `abs(x)`, `str(n)`. Out of line, so that user-function calls, which
    /// share the `Call` node, do not pay for it.
    #[inline(never)]
    fn call_one(&mut self, f: &Value, arg: &Ex, fr: &mut Frame) -> PyResult<Value> {
        let a = self.eval(arg, fr)?;
        match f {
            Value::Class(c) if c.kind == Kind::Str => match a {
                // `str(s)` of an exact str is `s` itself, as in CPython.
                Value::Str(_) => Ok(a),
                Value::Int(i) => Ok(Value::Str(crate::methods::int_to_rc(i))),
                _ => crate::builtins::construct(self, c, vec![a], Vec::new()),
            },
            Value::Builtin(b) if b.this.is_none() => (b.func)(self, std::slice::from_ref(&a), &[]),
            _ => self.call_vec(f, vec![a]),
        }
    }

    fn call_kw(
        &mut self,
        f: &Value,
        mut args: Vec<Value>,
        kw: Vec<(RcStr, Value)>,
    ) -> PyResult<Value> {
        match f {
            Value::Func(func) => self.call_function(func, args, kw),
            Value::Builtin(b) => match &b.this {
                Some(this) => {
                    args.insert(0, this.clone());
                    (b.func)(self, &args, &kw)
                }
                None => (b.func)(self, &args, &kw),
            },
            Value::Bound(bm) => {
                let (recv, func) = &**bm;
                match func {
                    Value::Str(name) => {
                        if let Value::Class(c) = recv {
                            if c.kind != Kind::User && c.kind != Kind::Exception {
                                return crate::methods::call_unbound(self, c, name, args, kw);
                            }
                        }
                        crate::methods::call_builtin_method(self, recv, name, &args, &kw)
                    }
                    _ => {
                        args.insert(0, recv.clone());
                        self.call(func, args, kw)
                    }
                }
            }
            Value::Class(c) => crate::builtins::construct(self, c, args, kw),
            Value::Instance(_) => match self.lookup_special(f, "__call__") {
                Some(m) => {
                    args.insert(0, f.clone());
                    self.call(&m, args, kw)
                }
                None => Err(Exc::type_err(format!(
                    "'{}' object is not callable",
                    tname(f)
                ))),
            },
            _ => Err(Exc::type_err(format!(
                "'{}' object is not callable",
                tname(f)
            ))),
        }
    }

    /// `obj.name(*args)` without materialising a bound method when possible.
    pub fn call_method(&mut self, obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let n: RcStr = name.into();
        self.call_method_vec(obj, &n, args)
    }

    fn call_method_vec(
        &mut self,
        obj: &Value,
        name: &RcStr,
        mut args: Vec<Value>,
    ) -> PyResult<Value> {
        match obj {
            Value::Instance(inst) => {
                if let Some(v) = inst.dict.borrow().get_str(name) {
                    let v = v.clone();
                    return self.call_vec(&v, args);
                }
                match inst.class.lookup(name) {
                    Some(Value::Func(f)) => {
                        args.insert(0, obj.clone());
                        self.call_function(&f, args, Vec::new())
                    }
                    Some(_) | None => {
                        let m = self.get_attr(obj, name)?;
                        self.call_vec(&m, args)
                    }
                }
            }
            Value::Class(_) | Value::Module(_) | Value::Func(_) => {
                let m = self.get_attr(obj, name)?;
                self.call_vec(&m, args)
            }
            _ => {
                let r = crate::methods::call_builtin_method(self, obj, name, &args, &[]);
                self.give_vec(args);
                r
            }
        }
    }

    fn callable_name(&self, f: &Value) -> String {
        match f {
            Value::Func(func) => format!("{}()", func.qualname),
            Value::Builtin(b) => format!("{}()", b.name),
            Value::Class(c) => format!("{}()", c.name),
            Value::Bound(b) => match &b.1 {
                Value::Func(func) => format!("{}()", func.qualname),
                Value::Str(s) => format!("{}.{}()", tname(&b.0), s),
                _ => "function".into(),
            },
            _ => format!("{} object", tname(f)),
        }
    }

    /// Calls a user function.
    pub fn call_function(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kw: Vec<(RcStr, Value)>,
    ) -> PyResult<Value> {
        let code = &func.code;
        let mut slots = args;
        // `plain` (the common case) answers the parameter-kind tests at once, and leaves nothing to do after
        // the arguments are in place.
        let positional = kw.is_empty()
            && slots.len() == code.nparams
            && (code.plain || (!code.has_varargs && !code.has_varkw && code.nkwonly == 0));
        if positional {
            if code.nslots() > slots.len() {
                slots.resize(code.nslots(), Value::Undef);
            }
        } else {
            slots = self.bind_args(func, slots, kw)?;
        }
        if !code.plain {
            for &c in &code.cell_slots {
                let v = std::mem::replace(&mut slots[c as usize], Value::Undef);
                slots[c as usize] = Value::Cell(Rc::new(RefCell::new(v)));
            }
            if code.is_generator {
                return self.make_generator(Self::frame_for(func, slots));
            }
        }
        self.run_function_frame(Self::frame_for(func, slots))
    }

    /// A new frame for `func` over `slots` (arguments bound, sized for the code): the closure's cells are
    /// copied into the free-variable slots.
    #[inline(always)]
    fn frame_for(func: &Function, mut slots: Vec<Value>) -> Frame {
        let code = &func.code;
        for (k, v) in func.closure.iter().enumerate() {
            slots[code.free_start + k] = v.clone();
        }
        Frame {
            slots,
            globals: func.globals.clone(),
            locals: None,
            code: code.clone(),
            line: code.firstline,
        }
    }

    #[inline]
    fn run_function_frame(&mut self, mut frame: Frame) -> PyResult<Value> {
        let r = self.run_function_frame_ref(&mut frame);
        let slots = std::mem::take(&mut frame.slots);
        self.give_vec(slots);
        r
    }

    #[inline]
    fn run_function_frame_ref(&mut self, frame: &mut Frame) -> PyResult<Value> {
        // The depth is the shadow stack's: every running frame counts (the module's, class bodies' and
        // `exec`'s too), as CPython counts them, and the stack the debugger needs also serves as the
        // recursion counter. The build without debugger support counts frames in `depth` instead.
        #[cfg(not(feature = "untraced"))]
        let deep = self.frames.len() >= self.limits.recursion;
        #[cfg(feature = "untraced")]
        let deep = self.depth >= self.limits.recursion;
        if deep || (self.stack_floor != 0 && sp() < self.stack_floor) {
            return Err(Exc::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        self.ticks += 1;
        // While tracing is on every tick takes the slow path (`next_check` stays at the next tick), so on the
        // fast path tracing is known to be off as the frame starts and `run_frame` need not ask.
        if self.ticks >= self.next_check {
            self.run_function_frame_slow(frame)
        } else {
            self.run_frame_g::<false>(frame)
        }
    }

    #[inline(never)]
    fn run_function_frame_slow(&mut self, frame: &mut Frame) -> PyResult<Value> {
        self.tick_slow()?;
        self.run_frame_g::<true>(frame)
    }

    /// Pushes a frame's address on the shadow stack: inlined, with the rarely needed growth out of line
    /// (`Vec::push` was left as an out-of-line call, which cost fib about 8 instructions a call).
    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[inline(always)]
    fn push_frame(&mut self, fr: *const Frame) {
        let n = self.frames.len();
        if n == self.frames.capacity() {
            self.grow_frames();
        }
        // SAFETY: the capacity was checked (and grown) above, so slot `n` is allocated, and it is written
        // before the length covers it.
        unsafe {
            self.frames.as_mut_ptr().add(n).write(fr);
            self.frames.set_len(n + 1);
        }
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    #[inline(never)]
    fn grow_frames(&mut self) {
        self.frames.reserve(self.frames.len().max(64));
    }

    /// Runs a frame's code to completion, adding a traceback entry on error.
    pub fn run_frame(&mut self, fr: &mut Frame) -> PyResult<Value> {
        self.run_frame_g::<true>(fr)
    }

    /// [`Interp::run_frame`]; with `MAY_TRACE` false the caller knows tracing is off as the frame starts (it
    /// may still come on inside, through `breakpoint()`, and then the frame reports its return).
    #[inline(always)]
    fn run_frame_g<const MAY_TRACE: bool>(&mut self, fr: &mut Frame) -> PyResult<Value> {
        // SAFETY: a frame's code is never replaced while the frame runs (nothing assigns `Frame::code`
        // after a frame is built), and `fr` outlives this call, so the `Code` behind the `Rc` stays alive
        // for as long as `code` is used; reading it through a pointer saves an increment and a decrement
        // of the reference count per call.
        let code: &Code = unsafe { &*Rc::as_ptr(&fr.code) };
        #[cfg(not(feature = "untraced"))]
        let r = {
            self.push_frame(&*fr);
            let r = if MAY_TRACE && self.tracing {
                self.run_traced(code, fr)
            } else {
                let r = self.exec_block(&code.body, fr);
                // `breakpoint()` may have started tracing inside this frame: it still reports its return.
                if self.tracing {
                    self.trace_exit(fr, r)
                } else {
                    r
                }
            };
            self.frames.pop();
            r
        };
        #[cfg(feature = "untraced")]
        let r = {
            self.depth += 1;
            let r = self.exec_block(&code.body, fr);
            self.depth -= 1;
            r
        };
        match r {
            Ok(Flow::Return) => Ok(std::mem::take(&mut self.ret)),
            Ok(_) => Ok(Value::None),
            Err(e) => Err(self.unwind_frame(code, fr, e)),
        }
    }

    /// An exception leaves a frame: the tracer hears of it and the traceback gains the frame's entry.
    #[cold]
    #[inline(never)]
    fn unwind_frame(&mut self, code: &Code, fr: &mut Frame, mut e: Box<Exc>) -> Box<Exc> {
        if let Some(h) = self.line_hook.clone() {
            h.unwind(self, fr, &e);
        }
        let text = if &*code.filename == "<string>" || code.filename.starts_with('<') {
            None
        } else {
            code.source
                .split('\n')
                .nth((fr.line as usize).saturating_sub(1))
                .map(str::to_string)
        };
        e.tb.push(TraceEntry {
            filename: code.filename.to_string(),
            line: fr.line,
            func: code.name.to_string(),
            text,
        });
        e
    }

    fn bind_args(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kw: Vec<(RcStr, Value)>,
    ) -> PyResult<Vec<Value>> {
        let code = &func.code;
        let fname = &func.qualname;
        let np = code.nparams;
        let mut slots = self.take_vec();
        slots.resize(code.nslots(), Value::Undef);
        let nargs = args.len();
        let mut extra = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if i < np {
                slots[i] = a;
            } else {
                extra.push(a);
            }
        }
        let va_slot = np + code.nkwonly;
        if !extra.is_empty() && !code.has_varargs {
            let ndef = func.defaults.len();
            let given_kw = kw
                .iter()
                .filter(|(k, _)| code.slot_names[..np].contains(k))
                .count();
            let takes = if ndef > 0 {
                format!("from {} to {} positional arguments", np - ndef, np)
            } else {
                format!(
                    "{} positional argument{}",
                    np,
                    if np == 1 { "" } else { "s" }
                )
            };
            let given = if given_kw > 0 {
                format!(
                    "{} positional argument{} (and {} keyword-only argument{}) were given",
                    nargs,
                    if nargs == 1 { "" } else { "s" },
                    given_kw,
                    if given_kw == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{} {} given",
                    nargs,
                    if nargs == 1 { "was" } else { "were" }
                )
            };
            return Err(Exc::type_err(format!(
                "{fname}() takes {takes} but {given}"
            )));
        }
        if code.has_varargs {
            slots[va_slot] = Value::tuple(extra);
        }
        let mut kwd = if code.has_varkw {
            Some(Dict::new())
        } else {
            None
        };
        for (k, v) in kw {
            let pos = code.slot_names[code.posonly..np + code.nkwonly]
                .iter()
                .position(|n| *n == k)
                .map(|p| p + code.posonly);
            match pos {
                Some(i) => {
                    if !matches!(slots[i], Value::Undef) {
                        return Err(Exc::type_err(format!(
                            "{fname}() got multiple values for argument '{k}'"
                        )));
                    }
                    slots[i] = v;
                }
                None => match &mut kwd {
                    Some(d) => {
                        d.set_str(&k, v);
                    }
                    None => {
                        if code.slot_names[..code.posonly].contains(&k) {
                            return Err(Exc::type_err(format!(
                                "{fname}() got some positional-only arguments passed as keyword arguments: '{k}'"
                            )));
                        }
                        return Err(Exc::type_err(format!(
                            "{fname}() got an unexpected keyword argument '{k}'"
                        )));
                    }
                },
            }
        }
        if let Some(d) = kwd {
            let i = va_slot + code.has_varargs as usize;
            slots[i] = Value::dict(d);
        }
        // Defaults and missing arguments.
        let ndef = func.defaults.len();
        let mut missing = Vec::new();
        for i in 0..np {
            if matches!(slots[i], Value::Undef) {
                if i >= np - ndef {
                    slots[i] = func.defaults[i - (np - ndef)].clone();
                } else {
                    missing.push(code.slot_names[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(Exc::type_err(format!(
                "{fname}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        let mut kwmissing = Vec::new();
        for i in np..np + code.nkwonly {
            if matches!(slots[i], Value::Undef) {
                let n = &code.slot_names[i];
                match func.kwdefaults.iter().find(|(k, _)| k == n) {
                    Some((_, v)) => slots[i] = v.clone(),
                    None => kwmissing.push(n.clone()),
                }
            }
        }
        if !kwmissing.is_empty() {
            return Err(Exc::type_err(format!(
                "{fname}() missing {} required keyword-only argument{}: {}",
                kwmissing.len(),
                if kwmissing.len() == 1 { "" } else { "s" },
                join_names(&kwmissing)
            )));
        }
        Ok(slots)
    }

    // ------------------------------------------------------------------ attributes

    /// Finds a special method on the type of `v` (instances only: built-ins handle their own).
    pub fn lookup_special(&self, v: &Value, name: &str) -> Option<Value> {
        match v {
            Value::Instance(i) => i.class.lookup(name),
            _ => None,
        }
    }

    /// `getattr(v, name)`.
    pub fn get_attr(&mut self, v: &Value, name: &str) -> PyResult<Value> {
        match self.get_attr_opt(v, name)? {
            Some(x) => Ok(x),
            None => Err(self.attr_error(v, name)),
        }
    }

    /// The AttributeError CPython raises for a missing attribute.
    pub fn attr_error(&self, v: &Value, name: &str) -> Box<Exc> {
        match v {
            Value::Class(c) => Exc::new(
                "AttributeError",
                format!("type object '{}' has no attribute '{name}'", c.name),
            ),
            Value::Module(m) => Exc::new(
                "AttributeError",
                format!("module '{}' has no attribute '{name}'", m.name),
            ),
            _ => Exc::new(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", tname(v)),
            ),
        }
    }

    /// `getattr` returning `None` when absent.
    pub fn get_attr_opt(&mut self, v: &Value, name: &str) -> PyResult<Option<Value>> {
        match v {
            Value::Instance(inst) => {
                if name == "__class__" {
                    return Ok(Some(Value::Class(inst.class.clone())));
                }
                if inst.class.kind == Kind::Object
                    && matches!(&*inst.class.name, "super" | "property")
                {
                    if let Some(v) = crate::builtins::internal_attr(self, inst, name)? {
                        return Ok(Some(v));
                    }
                    if &*inst.class.name == "super" {
                        return Ok(None);
                    }
                }
                if name == "__dict__" {
                    return Ok(Some(Value::dict(inst.dict.borrow().clone())));
                }
                if let Some(x) = inst.dict.borrow().get_str(name) {
                    return Ok(Some(x.clone()));
                }
                if let Some(x) = inst.class.lookup(name) {
                    return Ok(Some(self.bind_descriptor(x, v)?));
                }
                if inst.class.kind == Kind::Exception {
                    if let Some(r) = crate::builtins::exc_attr(self, inst, name) {
                        return Ok(Some(r));
                    }
                }
                if let Some(ga) = inst.class.lookup("__getattr__") {
                    return match self.call(&ga, vec![v.clone(), Value::str(name)], Vec::new()) {
                        Ok(r) => Ok(Some(r)),
                        Err(e)
                            if self
                                .exc_class(&e)
                                .is_subclass(&self.types.exc["AttributeError"]) =>
                        {
                            Ok(None)
                        }
                        Err(e) => Err(e),
                    };
                }
                Ok(None)
            }
            Value::Class(c) => {
                match name {
                    "__name__" => return Ok(Some(Value::Str(c.name.clone()))),
                    "__qualname__" => return Ok(Some(Value::Str(c.qualname.clone()))),
                    "__mro__" => {
                        return Ok(Some(Value::tuple(
                            c.mro
                                .borrow()
                                .iter()
                                .map(|k| Value::Class(k.clone()))
                                .collect(),
                        )));
                    }
                    "__bases__" => {
                        let mut b: Vec<Value> =
                            c.bases.iter().map(|k| Value::Class(k.clone())).collect();
                        if b.is_empty() && c.kind != Kind::Object {
                            b.push(Value::Class(self.types.object.clone()));
                        }
                        return Ok(Some(Value::tuple(b)));
                    }
                    "__dict__" => return Ok(Some(Value::dict(c.attrs.borrow().clone()))),
                    // A user exception class keeps the module it was defined in.
                    "__module__"
                        if c.kind != Kind::User
                            && c.attrs.borrow().get_str("__module__").is_none() =>
                    {
                        return Ok(Some(Value::str("builtins")));
                    }
                    "__doc__" => {
                        return Ok(Some(
                            c.attrs
                                .borrow()
                                .get_str("__doc__")
                                .cloned()
                                .unwrap_or(Value::None),
                        ));
                    }
                    _ => {}
                }
                match c.lookup(name) {
                    Some(Value::Builtin(b))
                        if b.name == "<staticmethod>" || b.name == "<classmethod>" =>
                    {
                        Ok(Some(self.bind_descriptor(Value::Builtin(b), v)?))
                    }
                    Some(x @ Value::Instance(_)) => Ok(Some(self.bind_descriptor(x, v)?)),
                    Some(x) => Ok(Some(x)),
                    None => {
                        if c.kind != Kind::User
                            && c.kind != Kind::Exception
                            && crate::methods::has_method(c.kind, name)
                        {
                            return Ok(Some(Value::Bound(Rc::new((v.clone(), Value::str(name))))));
                        }
                        Ok(crate::dunders::class_attr(self, c, name))
                    }
                }
            }
            Value::Module(m) => {
                if name == "__name__" {
                    return Ok(Some(Value::Str(m.name.clone())));
                }
                if name == "__dict__" {
                    return Ok(Some(Value::Dict(m.dict.clone())));
                }
                Ok(m.dict.borrow().get_str(name).cloned())
            }
            Value::Func(f) => Ok(match name {
                "__name__" => Some(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Some(Value::Str(f.qualname.clone())),
                "__doc__" => Some(f.doc.borrow().clone()),
                "__module__" => Some(
                    f.globals
                        .borrow()
                        .get_str("__name__")
                        .cloned()
                        .unwrap_or(Value::None),
                ),
                "__defaults__" => Some(if f.defaults.is_empty() {
                    Value::None
                } else {
                    Value::tuple(f.defaults.clone())
                }),
                "__globals__" => Some(Value::Dict(f.globals.clone())),
                "__dict__" => Some(Value::dict(f.attrs.borrow().clone())),
                "__class__" => Some(Value::Class(self.types.function.clone())),
                _ => f.attrs.borrow().get_str(name).cloned(),
            }),
            Value::Bound(b) => Ok(match name {
                "__self__" => Some(b.0.clone()),
                "__func__" => Some(b.1.clone()),
                "__name__" => match &b.1 {
                    Value::Func(f) => Some(Value::Str(f.name.borrow().clone())),
                    Value::Str(s) => Some(Value::Str(s.clone())),
                    _ => None,
                },
                _ => match &b.1 {
                    Value::Func(_) => self.get_attr_opt(&b.1.clone(), name)?,
                    // A built-in method (`[].append`): the miss path, what `dir` lists for it.
                    Value::Str(method) => match name {
                        "__class__" => Some(Value::Class(self.type_of(v))),
                        "__doc__" => Some(crate::describe::builtin_method_docstring(&b.0, method)),
                        "__module__" => Some(Value::None),
                        "__qualname__" => Some(Value::str(&match &b.0 {
                            Value::Class(c) => format!("{}.{method}", c.name),
                            other => format!("{}.{method}", tname(other)),
                        })),
                        _ => crate::dunders::attr(self, v, name),
                    },
                    _ => None,
                },
            }),
            Value::Builtin(b) => Ok(match name {
                "__name__" => Some(Value::str(b.name)),
                "__qualname__" => Some(Value::str(b.name)),
                "__self__" => Some(b.this.clone().unwrap_or(Value::None)),
                "__module__" => Some(Value::str("builtins")),
                // The miss path: what `dir(len)` lists beyond the names above.
                "__class__" => Some(Value::Class(self.type_of(v))),
                "__doc__" => Some(crate::describe::builtin_function_docstring(b.name)),
                _ => crate::dunders::attr(self, v, name),
            }),
            _ => {
                if name == "__class__" {
                    return Ok(Some(Value::Class(self.type_of(v))));
                }
                crate::methods::builtin_attr(self, v, name)
            }
        }
    }

    pub(crate) fn bind_descriptor(&mut self, x: Value, owner: &Value) -> PyResult<Value> {
        match &x {
            Value::Func(_) => {
                if let Value::Instance(_) = owner {
                    return Ok(Value::Bound(Rc::new((owner.clone(), x))));
                }
                Ok(x)
            }
            Value::Builtin(b) if b.name == "<staticmethod>" => {
                Ok(b.this.clone().unwrap_or(Value::None))
            }
            // A standard-library type's native method (`array.append`, see `stdlib::add_methods`) binds to
            // instances as CPython's method descriptors do.
            Value::Builtin(b) if b.this.is_none() && b.name.contains('.') => {
                if let Value::Instance(_) = owner {
                    return Ok(Value::Builtin(Rc::new(crate::value::Builtin {
                        name: b.name,
                        func: b.func,
                        this: Some(owner.clone()),
                    })));
                }
                Ok(x)
            }
            Value::Builtin(b) if b.name == "<classmethod>" => {
                let cls = match owner {
                    Value::Instance(i) => Value::Class(i.class.clone()),
                    other => other.clone(),
                };
                Ok(Value::Bound(Rc::new((
                    cls,
                    b.this.clone().unwrap_or(Value::None),
                ))))
            }
            Value::Instance(d) if d.class.kind == Kind::Object && &*d.class.name == "property" => {
                if let Value::Instance(_) = owner {
                    let getter = d
                        .dict
                        .borrow()
                        .get_str("fget")
                        .cloned()
                        .unwrap_or(Value::None);
                    if matches!(getter, Value::None) {
                        return Err(Exc::new("AttributeError", "unreadable attribute"));
                    }
                    return self.call(&getter, vec![owner.clone()], Vec::new());
                }
                Ok(x)
            }
            _ => Ok(x),
        }
    }

    /// `setattr(o, name, v)`.
    pub fn set_attr(&mut self, o: &Value, name: &str, v: Value) -> PyResult<()> {
        match o {
            Value::Instance(inst) => {
                let (has_setattr, has_props) = inst.class.store_flags();
                if !has_setattr && !has_props {
                    inst.dict.borrow_mut().set_str(name, v);
                    return Ok(());
                }
                if let Some(Value::Instance(p)) = inst.class.lookup(name) {
                    if &*p.class.name == "property" {
                        let setter = p
                            .dict
                            .borrow()
                            .get_str("fset")
                            .cloned()
                            .unwrap_or(Value::None);
                        if matches!(setter, Value::None) {
                            return Err(Exc::new(
                                "AttributeError",
                                format!("can't set attribute '{name}'"),
                            ));
                        }
                        self.call(&setter, vec![o.clone(), v], Vec::new())?;
                        return Ok(());
                    }
                }
                if let Some(sa) = inst.class.lookup("__setattr__") {
                    self.call(&sa, vec![o.clone(), Value::str(name), v], Vec::new())?;
                    return Ok(());
                }
                inst.dict.borrow_mut().set_str(name, v);
                Ok(())
            }
            Value::Class(c) if c.kind == Kind::User || c.kind == Kind::Exception => {
                c.attrs.borrow_mut().set_str(name, v);
                crate::value::bump_class_epoch();
                Ok(())
            }
            Value::Func(f) => {
                match name {
                    "__name__" => {
                        if let Value::Str(s) = &v {
                            *f.name.borrow_mut() = s.clone();
                        }
                    }
                    "__doc__" => *f.doc.borrow_mut() = v,
                    _ => f.attrs.borrow_mut().set_str(name, v),
                }
                Ok(())
            }
            Value::Module(m) => {
                m.dict.borrow_mut().set_str(name, v);
                Ok(())
            }
            Value::Class(c) => Err(Exc::type_err(format!(
                "cannot set '{name}' attribute of immutable type '{}'",
                c.name
            ))),
            _ => {
                if self.get_attr_opt(o, name)?.is_some() {
                    Err(Exc::new(
                        "AttributeError",
                        format!("'{}' object attribute '{name}' is read-only", tname(o)),
                    ))
                } else {
                    Err(Exc::new(
                        "AttributeError",
                        format!("'{}' object has no attribute '{name}'", tname(o)),
                    ))
                }
            }
        }
    }

    pub(crate) fn del_attr(&mut self, o: &Value, name: &str) -> PyResult<()> {
        match o {
            Value::Instance(inst) => {
                if inst.dict.borrow_mut().remove(&Value::str(name)).is_none() {
                    return Err(self.attr_error(o, name));
                }
                Ok(())
            }
            Value::Class(c) if c.kind == Kind::User => {
                crate::value::bump_class_epoch();
                if c.attrs.borrow_mut().remove(&Value::str(name)).is_none() {
                    return Err(self.attr_error(o, name));
                }
                Ok(())
            }
            _ => Err(self.attr_error(o, name)),
        }
    }

    // ------------------------------------------------------------------ items

    /// `o[i]`.
    pub fn get_item(&mut self, o: &Value, i: &Value) -> PyResult<Value> {
        crate::methods::get_item(self, o, i)
    }
    /// `o[i] = v`.
    pub fn set_item(&mut self, o: &Value, i: Value, v: Value) -> PyResult<()> {
        crate::methods::set_item(self, o, i, v)
    }
    /// `del o[i]`.
    pub fn del_item(&mut self, o: &Value, i: &Value) -> PyResult<()> {
        crate::methods::del_item(self, o, i)
    }

    /// Makes a dict key, raising `TypeError: unhashable type` when needed.
    pub fn key(&mut self, v: Value) -> PyResult<Key> {
        match &v {
            Value::Str(_) | Value::Int(_) => Ok(Key(v)),
            Value::List(_) | Value::Dict(_) | Value::Slice(_) => {
                Err(Exc::type_err(format!("unhashable type: '{}'", tname(&v))))
            }
            Value::Set(s) if !s.frozen => Err(Exc::type_err("unhashable type: 'set'")),
            Value::Tuple(t) => {
                if crate::guard::stack_low() {
                    return Err(Exc::new(
                        "RecursionError",
                        "maximum recursion depth exceeded while calling a Python object",
                    ));
                }
                for x in t.iter() {
                    self.key(x.clone())?;
                }
                Ok(Key(v))
            }
            Value::Instance(i) => {
                match i.class.lookup("__hash__") {
                    Some(Value::None) => {
                        return Err(Exc::type_err(format!(
                            "unhashable type: '{}'",
                            i.class.name
                        )));
                    }
                    Some(m) => self.user_hash(&m, &v, i)?,
                    None => {}
                }
                Ok(Key(v))
            }
            _ => Ok(Key(v)),
        }
    }

    /// Calls the class's `__hash__` `m` on `v` (instance `i`) and records the int it returns on `i`.
    #[inline(never)]
    fn user_hash(&mut self, m: &Value, v: &Value, i: &Instance) -> PyResult<()> {
        let r = self.call(m, vec![v.clone()], Vec::new())?;
        let h = match r {
            Value::Int(x) => x,
            Value::Bool(b) => b as i64,
            Value::Big(_) => crate::builtins::hash_of(self, &r)?,
            _ => {
                return Err(Exc::type_err("__hash__ method should return an integer"));
            }
        };
        i.set_user_hash(h);
        Ok(())
    }

    /// Makes a key for a lookup in (or a change to) `d`: when its class defines `__hash__`, a stored key of
    /// the same hash that is it or `==` it (CPython's order: identity, then `stored == key`) stands in for it.
    #[inline]
    pub fn dict_key(&mut self, v: Value, d: &RefCell<Dict>) -> PyResult<Key> {
        if matches!(v, Value::Str(_) | Value::Int(_)) {
            return Ok(Key(v));
        }
        self.dict_key_slow(v, d)
    }

    #[inline(never)]
    fn dict_key_slow(&mut self, v: Value, d: &RefCell<Dict>) -> PyResult<Key> {
        let k = self.key(v)?;
        if !k.by_eq() {
            return Ok(k);
        }
        let cands = crate::value::same_hash_keys(d.borrow().map(), &k);
        self.pick_key(k, cands)
    }

    /// [`Interp::dict_key`] for a set.
    #[inline]
    pub fn set_key(&mut self, v: Value, s: &SetObj) -> PyResult<Key> {
        if matches!(v, Value::Str(_) | Value::Int(_)) {
            return Ok(Key(v));
        }
        self.set_key_slow(v, s)
    }

    #[inline(never)]
    fn set_key_slow(&mut self, v: Value, s: &SetObj) -> PyResult<Key> {
        let k = self.key(v)?;
        if !k.by_eq() {
            return Ok(k);
        }
        let cands = crate::value::same_hash_keys(&s.items.borrow(), &k);
        self.pick_key(k, cands)
    }

    /// [`Interp::dict_key`] for a map being built (not shared, so no borrow to release).
    pub fn map_key<V>(
        &mut self,
        v: Value,
        m: &indexmap::IndexMap<Key, V, FxBuild>,
    ) -> PyResult<Key> {
        // Building a dict or set from a collection inserts key by key: each is work for the limits.
        self.tick()?;
        let k = self.key(v)?;
        if !k.by_eq() {
            return Ok(k);
        }
        let cands = crate::value::same_hash_keys(m, &k);
        self.pick_key(k, cands)
    }

    /// `o` with each key that is `==` a key of `a` (through its class's `__eq__`, using the stored hashes)
    /// replaced by `a`'s key, so that set algebra and merges between the two can match keys by identity.
    /// `o` comes back as it was when none of its keys needs `__eq__`.
    pub fn canon_keys<V, W>(
        &mut self,
        o: indexmap::IndexMap<Key, V, FxBuild>,
        a: &indexmap::IndexMap<Key, W, FxBuild>,
    ) -> PyResult<indexmap::IndexMap<Key, V, FxBuild>> {
        if !o.keys().any(|k| k.by_eq()) {
            return Ok(o);
        }
        let mut out = indexmap::IndexMap::with_capacity_and_hasher(o.len(), FxBuild::default());
        for (k, v) in o {
            let k = if k.by_eq() {
                let cands = crate::value::same_hash_keys(a, &k);
                self.pick_key(k, cands)?
            } else {
                k
            };
            out.insert(k, v);
        }
        Ok(out)
    }

    /// The first of `cands` (stored keys of `k`'s hash) that is `k` or equal to it, else `k` itself.
    pub fn pick_key(&mut self, k: Key, cands: Vec<Value>) -> PyResult<Key> {
        for c in cands {
            if c.is(&k.0) || self.eq(&c, &k.0)? {
                return Ok(Key(c));
            }
        }
        Ok(k)
    }

    // ------------------------------------------------------------------ operators

    /// `a op b` with Python's dispatch (numbers, sequences, then `__op__`/`__rop__`).
    pub fn binop(&mut self, a: &Value, op: BinOp, b: &Value) -> PyResult<Value> {
        if matches!(a, Value::Big(_)) || matches!(b, Value::Big(_)) {
            self.charge(big_cost(a, op, b))?;
        }
        if let Some(r) = num::arith(a, op, b) {
            return r;
        }
        if let Some(r) = crate::methods::seq_binop(self, a, op, b) {
            return r;
        }
        let (l, r) = op.dunder();
        if let Some(m) = self.lookup_special(a, l) {
            let res = self.call(&m, vec![a.clone(), b.clone()], Vec::new())?;
            if !matches!(res, Value::NotImplemented) {
                return Ok(res);
            }
        }
        if let Some(m) = self.lookup_special(b, r) {
            let res = self.call(&m, vec![b.clone(), a.clone()], Vec::new())?;
            if !matches!(res, Value::NotImplemented) {
                return Ok(res);
            }
        }
        if op == BinOp::Add {
            match a {
                Value::Str(_) => {
                    return Err(Exc::type_err(format!(
                        "can only concatenate str (not \"{}\") to str",
                        tname(b)
                    )));
                }
                Value::List(_) => {
                    return Err(Exc::type_err(format!(
                        "can only concatenate list (not \"{}\") to list",
                        tname(b)
                    )));
                }
                Value::Tuple(_) => {
                    return Err(Exc::type_err(format!(
                        "can only concatenate tuple (not \"{}\") to tuple",
                        tname(b)
                    )));
                }
                _ => {}
            }
        }
        if op == BinOp::Mul {
            let seq = |v: &Value| {
                matches!(
                    v,
                    Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
                )
            };
            if seq(a) && !matches!(b, Value::Instance(_)) {
                return Err(Exc::type_err(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    tname(b)
                )));
            }
            if seq(b) && !matches!(a, Value::Instance(_)) {
                return Err(Exc::type_err(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    tname(a)
                )));
            }
        }
        if op == BinOp::Mod {
            if let Value::Str(s) = a {
                return crate::format::percent_format(self, s, b).map(|s| Value::Str(s.into()));
            }
        }
        Err(num::unsupported(op, &tname(a), &tname(b)))
    }

    pub(crate) fn unary(&mut self, op: UnOp, v: &Value) -> PyResult<Value> {
        if op == UnOp::Not {
            return Ok(Value::bool(!self.truthy(v)?));
        }
        if let Some(r) = num::unary_num(op, v) {
            return Ok(r);
        }
        let name = match op {
            UnOp::Neg => "__neg__",
            UnOp::Pos => "__pos__",
            _ => "__invert__",
        };
        if let Some(m) = self.lookup_special(v, name) {
            return self.call(&m, vec![v.clone()], Vec::new());
        }
        let sym = match op {
            UnOp::Neg => "-",
            UnOp::Pos => "+",
            _ => "~",
        };
        Err(Exc::type_err(format!(
            "bad operand type for unary {sym}: '{}'",
            tname(v)
        )))
    }

    /// Rich comparison returning a value.
    pub fn compare(&mut self, a: &Value, op: CmpOp, b: &Value) -> PyResult<Value> {
        Ok(Value::bool(match op {
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            CmpOp::Eq => return self.rich_eq(a, b, false),
            CmpOp::Ne => return self.rich_eq(a, b, true),
            _ => return self.rich_order(a, op, b),
        }))
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if matches!(
            a,
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_)
        ) && !matches!(b, Value::Int(_) | Value::Str(_) | Value::None)
        {
            // Comparing containers recurses into their items: nested comparisons count against the
            // recursion limit, as in CPython (and the stack floor backs it up).
            if self.depth() > self.limits.recursion || crate::guard::stack_low() {
                return Err(recursion_in_comparison());
            }
            self.depth += 1;
            let r = self.eq_items(a, b);
            self.depth -= 1;
            return r;
        }
        self.eq_items(a, b)
    }

    fn eq_items(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                let r = self.rich_eq(a, b, false)?;
                self.truthy(&r)
            }
            (Value::List(x), Value::List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_eq(&x, &y)
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                let (x, y) = (x.clone(), y.clone());
                self.seq_eq(&x, &y)
            }
            (Value::Dict(x), Value::Dict(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (xi, yd) = (x.borrow().map().clone(), y.borrow().map().clone());
                if xi.len() != yd.len() {
                    return Ok(false);
                }
                for (k, v) in xi.iter() {
                    let found = if k.by_eq() {
                        let cands = crate::value::same_hash_keys(&yd, k);
                        let k = self.pick_key(k.clone(), cands)?;
                        yd.get(&k)
                    } else {
                        yd.get(k)
                    };
                    match found {
                        Some(w) => {
                            if !self.eq(v, w)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                Ok(true)
            }
            // Members whose class defines __eq__ are matched through it (stored hashes, no new __hash__ call).
            (Value::Set(x), Value::Set(y))
                if !Rc::ptr_eq(x, y) && x.items.borrow().keys().any(|k| k.by_eq()) =>
            {
                let (xs, ys) = (x.items.borrow().clone(), y.items.borrow().clone());
                if xs.len() != ys.len() {
                    return Ok(false);
                }
                for k in xs.keys() {
                    let cands = crate::value::same_hash_keys(&ys, k);
                    let k = self.pick_key(k.clone(), cands)?;
                    if !ys.contains_key(&k) {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            _ => Ok(value_eq(a, b)),
        }
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        self.charge((x.len() >> 4) as u64)?;
        for (p, q) in x.iter().zip(y) {
            if !p.is(q) && !self.eq(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn rich_eq(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<Value> {
        let (name, rname) = if negate {
            ("__ne__", "__ne__")
        } else {
            ("__eq__", "__eq__")
        };
        if let Some(m) = self.lookup_special(a, name) {
            let r = self.call(&m, vec![a.clone(), b.clone()], Vec::new())?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        } else if negate {
            if let Some(m) = self.lookup_special(a, "__eq__") {
                let r = self.call(&m, vec![a.clone(), b.clone()], Vec::new())?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Value::bool(!self.truthy(&r)?));
                }
            }
        }
        if let Some(m) = self.lookup_special(b, rname) {
            let r = self.call(&m, vec![b.clone(), a.clone()], Vec::new())?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            let same = a.is(b);
            return Ok(Value::bool(same != negate));
        }
        let e = self.eq(a, b)?;
        Ok(Value::bool(e != negate))
    }

    fn rich_order(&mut self, a: &Value, op: CmpOp, b: &Value) -> PyResult<Value> {
        if matches!(a, Value::List(_) | Value::Tuple(_)) {
            if self.depth() > self.limits.recursion || crate::guard::stack_low() {
                return Err(recursion_in_comparison());
            }
            self.depth += 1;
            let r = self.rich_order_items(a, op, b);
            self.depth -= 1;
            return r;
        }
        self.rich_order_items(a, op, b)
    }

    fn rich_order_items(&mut self, a: &Value, op: CmpOp, b: &Value) -> PyResult<Value> {
        use std::cmp::Ordering::*;
        let test = |o: std::cmp::Ordering| match op {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            _ => o != Less,
        };
        if let Some(o) = num::num_cmp(a, b) {
            return Ok(Value::bool(test(o)));
        }
        if num::as_num(a).is_some() && num::as_num(b).is_some() {
            return Ok(Value::bool(false)); // NaN
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => return Ok(Value::bool(test(x.cmp(y)))),
            (Value::Bytes(x), Value::Bytes(y)) => {
                return Ok(Value::bool(test(x.cmp(y))));
            }
            (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
                let x = self.seq_items(a);
                let y = self.seq_items(b);
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.eq(p, q)? {
                        return self.rich_order(p, op, q);
                    }
                }
                return Ok(Value::bool(test(x.len().cmp(&y.len()))));
            }
            (Value::Set(x), Value::Set(y)) => {
                // Members whose class defines __eq__ are matched through it first.
                let canon = if y.items.borrow().keys().any(|k| k.by_eq()) {
                    let xs = x.items.borrow().clone();
                    let ys = y.items.borrow().clone();
                    Some(self.canon_keys(ys, &xs)?)
                } else {
                    None
                };
                let (xs, yb) = (x.items.borrow(), y.items.borrow());
                let ys = canon.as_ref().unwrap_or(&*yb);
                let sub = xs.keys().all(|k| ys.contains_key(k));
                let sup = ys.keys().all(|k| xs.contains_key(k));
                return Ok(Value::bool(match op {
                    CmpOp::Le => sub,
                    CmpOp::Lt => sub && xs.len() < ys.len(),
                    CmpOp::Ge => sup,
                    _ => sup && xs.len() > ys.len(),
                }));
            }
            _ => {}
        }
        let (name, rname) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if let Some(m) = self.lookup_special(a, name) {
            let r = self.call(&m, vec![a.clone(), b.clone()], Vec::new())?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        if let Some(m) = self.lookup_special(b, rname) {
            let r = self.call(&m, vec![b.clone(), a.clone()], Vec::new())?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        Err(Exc::type_err(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            tname(a),
            tname(b)
        )))
    }

    fn seq_items(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::List(l) => l.borrow().0.clone(),
            Value::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        }
    }

    /// `a < b` as a bool (used by sort, min, max).
    pub fn less(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Str(x), Value::Str(y)) => Ok(x < y),
            (Value::Float(x), Value::Float(y)) => Ok(**x < **y),
            _ => {
                let r = self.rich_order(a, CmpOp::Lt, b)?;
                self.truthy(&r)
            }
        }
    }

    /// `x in container`.
    pub fn contains(&mut self, container: &Value, x: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match x {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                _ => Err(Exc::type_err(format!(
                    "'in <string>' requires string as left operand, not {}",
                    tname(x)
                ))),
            },
            Value::Dict(d) => {
                let k = self.dict_key(x.clone(), d)?;
                Ok(d.borrow().map().contains_key(&k))
            }
            Value::Set(s) => {
                let k = match x {
                    // CPython looks a set up as the frozenset of its items.
                    Value::Set(probe) if !probe.frozen => {
                        self.key(Value::Set(Rc::new(SetObj {
                            items: RefCell::new(probe.items.borrow().clone()),
                            frozen: true,
                        })))?
                    }
                    _ => self.set_key(x.clone(), s)?,
                };
                Ok(s.items.borrow().contains_key(&k))
            }
            Value::List(_) | Value::Tuple(_) => {
                let items = self.seq_items(container);
                self.charge((items.len() >> 4) as u64)?;
                for it in &items {
                    if it.is(x) || self.eq(it, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Range(r) => match x {
                Value::Int(i) => {
                    let (a, b, s) = **r;
                    Ok(if s > 0 {
                        *i >= a && *i < b && (i - a) % s == 0
                    } else {
                        *i <= a && *i > b && (a - i) % (-s) == 0
                    })
                }
                _ => {
                    let it = self.iter(container)?;
                    while let Some(v) = self.next(&it)? {
                        if self.eq(&v, x)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            Value::Instance(_) => {
                if let Some(m) = self.lookup_special(container, "__contains__") {
                    let r = self.call(&m, vec![container.clone(), x.clone()], Vec::new())?;
                    return self.truthy(&r);
                }
                let it = self.iter(container)?;
                while let Some(v) = self.next(&it)? {
                    if self.eq(&v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Iter(_) => {
                while let Some(v) = self.next(container)? {
                    if self.eq(&v, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Bytes(b) => match x {
                Value::Int(i) => Ok(b.contains(&(*i as u8))),
                Value::Bytes(sub) => {
                    Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..]))
                }
                _ => Err(Exc::type_err("a bytes-like object is required")),
            },
            // dict views: keys hash the probe like the dict does; items look the key up and compare the
            // value (anything but a pair is simply absent); values compare one by one.
            Value::View(vw) => match vw.1 {
                0 => {
                    let k = self.dict_key(x.clone(), &vw.0)?;
                    Ok(vw.0.borrow().map().contains_key(&k))
                }
                2 => {
                    let Value::Tuple(pair) = x else {
                        return Ok(false);
                    };
                    if pair.len() != 2 {
                        return Ok(false);
                    }
                    let k = self.dict_key(pair[0].clone(), &vw.0)?;
                    let found = vw.0.borrow().map().get(&k).cloned();
                    match found {
                        Some(v) => Ok(v.is(&pair[1]) || self.eq(&v, &pair[1])?),
                        None => Ok(false),
                    }
                }
                _ => {
                    let values: Vec<Value> = vw.0.borrow().map().values().cloned().collect();
                    for v in &values {
                        if v.is(x) || self.eq(v, x)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
            },
            _ => Err(Exc::type_err(format!(
                "argument of type '{}' is not iterable",
                tname(container)
            ))),
        }
    }

    /// Truthiness, calling `__bool__`/`__len__` for instances.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        if let Some(b) = v.truthy_basic() {
            return Ok(b);
        }
        if let Some(m) = self.lookup_special(v, "__bool__") {
            let r = self.call(&m, vec![v.clone()], Vec::new())?;
            return match r {
                Value::Bool(b) => Ok(b.get()),
                other => Err(Exc::type_err(format!(
                    "__bool__ should return bool, returned {}",
                    tname(&other)
                ))),
            };
        }
        if let Some(m) = self.lookup_special(v, "__len__") {
            let r = self.call(&m, vec![v.clone()], Vec::new())?;
            return Ok(!matches!(r, Value::Int(0)));
        }
        Ok(true)
    }

    // ------------------------------------------------------------------ iteration

    fn is_iterable(&self, v: &Value) -> bool {
        match v {
            Value::Instance(_) => {
                self.lookup_special(v, "__iter__").is_some()
                    || self.lookup_special(v, "__getitem__").is_some()
            }
            Value::Str(_)
            | Value::Bytes(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Range(_)
            | Value::Iter(_) => true,
            _ => false,
        }
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match v {
            Value::List(_) | Value::Tuple(_) | Value::Bytes(_) => Iter::Seq {
                seq: v.clone(),
                idx: 0,
            },
            Value::Str(s) => Iter::Str {
                s: s.clone(),
                byte: 0,
            },
            Value::Range(r) => Iter::Range {
                cur: r.0,
                stop: r.1,
                step: r.2,
            },
            Value::Dict(d) => Iter::DictKeys {
                d: d.clone(),
                idx: 0,
                len: d.borrow().map().len(),
                what: 0,
            },
            Value::View(v) => Iter::DictKeys {
                d: v.0.clone(),
                idx: 0,
                len: v.0.borrow().map().len(),
                what: v.1,
            },
            Value::Set(s) => Iter::SetItems {
                items: s.items.borrow().keys().map(|k| k.0.clone()).collect(),
                idx: 0,
                set: Some(s.clone()),
            },
            Value::Iter(_) => return Ok(v.clone()),
            Value::Instance(_) => {
                if let Some(m) = self.lookup_special(v, "__iter__") {
                    let r = self.call(&m, vec![v.clone()], Vec::new())?;
                    if let Value::Instance(_) = &r {
                        if self.lookup_special(&r, "__next__").is_none() {
                            return Err(Exc::type_err(format!(
                                "iter() returned non-iterator of type '{}'",
                                tname(&r)
                            )));
                        }
                    }
                    return Ok(r);
                }
                if self.lookup_special(v, "__getitem__").is_some() {
                    Iter::Seq {
                        seq: v.clone(),
                        idx: 0,
                    }
                } else {
                    return Err(Exc::type_err(format!(
                        "'{}' object is not iterable",
                        tname(v)
                    )));
                }
            }
            _ => {
                return Err(Exc::type_err(format!(
                    "'{}' object is not iterable",
                    tname(v)
                )));
            }
        };
        Ok(Value::Iter(Rc::new(RefCell::new(it))))
    }

    /// `next(it)` returning `None` at the end.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // Builtins that consume iterators (`sum`, `all`, `in`, `list`...) step here: each item is a tick, so
        // `sum(range(10**18))` meets the budget and the deadline like a Python loop.
        self.tick()?;
        match self.next_gen_aware(it)? {
            Ok(v) => Ok(Some(v)),
            Err(_) => Ok(None),
        }
    }

    /// Like `next`, but also gives a finished generator's return value (`Err(ret)`).
    pub fn next_gen_aware(&mut self, it: &Value) -> PyResult<Result<Value, Value>> {
        match it {
            Value::Iter(r) => crate::builtins::iter_next(self, r),
            Value::Instance(_) => {
                let Some(m) = self.lookup_special(it, "__next__") else {
                    return Err(Exc::type_err(format!(
                        "'{}' object is not an iterator",
                        tname(it)
                    )));
                };
                match self.call(&m, vec![it.clone()], Vec::new()) {
                    Ok(v) => Ok(Ok(v)),
                    Err(mut e) => {
                        if self
                            .exc_class(&e)
                            .is_subclass(&self.types.exc["StopIteration"])
                        {
                            let inst = self.materialize(&mut e);
                            let v = match inst.dict.borrow().get_str("args") {
                                Some(Value::Tuple(t)) if !t.is_empty() => t[0].clone(),
                                _ => Value::None,
                            };
                            Ok(Err(v))
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            _ => Err(Exc::type_err(format!(
                "'{}' object is not an iterator",
                tname(it)
            ))),
        }
    }

    /// Collects an iterable into a Vec.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => {
                let n = l.borrow().len();
                self.charge((n >> 4) as u64)?;
                return Ok(l.borrow().0.clone());
            }
            Value::Tuple(t) => {
                self.charge((t.len() >> 4) as u64)?;
                return Ok(t.to_vec());
            }
            Value::Range(r) => {
                let n = crate::builtins::range_len(r);
                let mut out = self.alloc_vec(n as usize)?;
                let mut c = r.0;
                for _ in 0..n {
                    out.push(Value::Int(c));
                    c = c.wrapping_add(r.2);
                }
                return Ok(out);
            }
            _ => {}
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            if out.len() == out.capacity() {
                self.grow_list(&mut out)?;
            }
            out.push(x);
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ str / repr

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(_) => {
                if let Some(m) = self.lookup_special(v, "__str__") {
                    let r = self.call(&m, vec![v.clone()], Vec::new())?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(Exc::type_err(format!(
                            "__str__ returned non-string (type {})",
                            tname(&other)
                        ))),
                    };
                }
                if let Value::Instance(i) = v {
                    if i.class.kind == Kind::Exception {
                        return crate::builtins::exc_str(self, i);
                    }
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        crate::format::repr(self, v)
    }

    /// The class of a value.
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        let t = &self.types;
        match v {
            Value::None => t.none.clone(),
            Value::Bool(_) => t.bool_.clone(),
            Value::Int(_) | Value::Big(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str_.clone(),
            Value::Bytes(_) => t.bytes.clone(),
            Value::List(_) => t.list.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(s) => {
                if s.frozen {
                    t.frozenset.clone()
                } else {
                    t.set.clone()
                }
            }
            Value::Range(_) => t.range.clone(),
            Value::Func(_) => t.function.clone(),
            Value::Builtin(_) => t.builtin_function.clone(),
            Value::Bound(b) => {
                if matches!(b.1, Value::Str(_)) {
                    t.builtin_function.clone()
                } else {
                    t.method.clone()
                }
            }
            Value::Class(_) => t.type_.clone(),
            Value::Instance(i) => i.class.clone(),
            Value::Module(_) => t.module.clone(),
            Value::Iter(i) => {
                let b = i.borrow();
                if matches!(&*b, Iter::Generator(_)) {
                    t.generator.clone()
                } else {
                    t.exc
                        .get(crate::builtins::iter_type_name(&b))
                        .cloned()
                        .unwrap_or_else(|| t.iterator.clone())
                }
            }
            Value::Slice(_) => t.slice.clone(),
            Value::View(v) => match v.1 {
                0 => t.exc["dict_keys"].clone(),
                1 => t.exc["dict_values"].clone(),
                _ => t.exc["dict_items"].clone(),
            },
            Value::Ellipsis => t.ellipsis.clone(),
            Value::NotImplemented => t.notimpl.clone(),
            Value::Cell(_) | Value::Undef | Value::Native(_) => t.object.clone(),
        }
    }

    /// Writes program output.
    pub fn write(&mut self, s: &str) -> PyResult<()> {
        self.out_bytes = self.out_bytes.saturating_add(s.len() as u64);
        if let Some(m) = self.limits.max_output {
            if self.out_bytes > m as u64 {
                return Err(limit(format!("output limit of {m} bytes exceeded")));
            }
        }
        self.charge(s.len() as u64 >> 12)?;
        self.out.write_all(s.as_bytes()).map_err(|e| {
            if e.kind() == std::io::ErrorKind::OutOfMemory {
                Exc::new("MemoryError", "no memory left for the captured output")
            } else {
                Exc::new("OSError", e.to_string())
            }
        })
    }

    /// Converts an uncaught exception to the host-facing form (with `Did you mean` hints when `hint` is set).
    pub fn to_host_exception(&mut self, mut e: Box<Exc>, hint: Option<&Frame>) -> PyException {
        let chain = match (&e.cause, &e.context, e.suppress_context) {
            (Some(c), _, _) => {
                let c = self.to_host_exception(c.clone(), None);
                format!(
                    "{}\nThe above exception was the direct cause of the following exception:\n\n",
                    c.render()
                )
            }
            (None, Some(c), false) => {
                let c = self.to_host_exception(c.clone(), None);
                format!(
                    "{}\nDuring handling of the above exception, another exception occurred:\n\n",
                    c.render()
                )
            }
            _ => String::new(),
        };
        let tb: Vec<TraceEntry> = e.tb.iter().rev().cloned().collect();
        let cls = self.exc_class(&e);
        if let ExcKind::Limit(msg) = &e.kind {
            return PyException {
                type_name: "LimitExceeded".into(),
                message: msg.clone(),
                traceback: tb,
                hint: String::new(),
                chain,
            };
        }
        let inst = self.materialize(&mut e);
        let message = match self.to_str(&Value::Instance(inst.clone())) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".into(),
        };
        let mut hint_s = String::new();
        if let Some(fr) = hint {
            hint_s = crate::builtins::did_you_mean(self, &cls, &inst, &message, fr);
        }
        let type_name = if &*cls.module == "builtins" || &*cls.module == "__main__" {
            cls.name.to_string()
        } else {
            format!("{}.{}", cls.module, cls.qualname)
        };
        PyException {
            type_name,
            message,
            traceback: tb,
            hint: hint_s,
            chain,
        }
    }
}

pub(crate) fn limit(msg: String) -> Box<Exc> {
    Box::new(Exc {
        kind: ExcKind::Limit(msg),
        tb: Vec::new(),
        context: None,
        cause: None,
        suppress_context: false,
    })
}

/// `UnboundLocalError` for a local read before assignment.
#[cold]
#[inline(never)]
pub fn unbound_local(n: &str) -> Box<Exc> {
    Exc::new(
        "UnboundLocalError",
        format!("cannot access local variable '{n}' where it is not associated with a value"),
    )
}

fn join_names(names: &[RcStr]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}
