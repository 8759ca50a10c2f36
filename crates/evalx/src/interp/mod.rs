//! The interpreter: walks the compiled IR. Frames keep locals in slots; exceptions travel as `Box<Exc>`;
//! control flow (break/continue/return) is a one-byte [`Flow`] with the return value in a side slot.
//! Generators run on their own small stacks (corosensei coroutines) so any `yield` suspends cleanly.
//! A per-statement `tracing` flag is the hook point for a line/call/return debugger.
//!
//! One file per concern, each adding to `impl Interp`: statements (`exec`), expressions (`eval`), names,
//! assignment, calls and frames (`call`), generators, exceptions, attributes and items (`attr`), operators
//! (`ops`), hashing (`keys`), iteration, `repr`, imports, limits and the debugger hooks (`trace`).

mod assign;
mod attr;
mod call;
mod coroutines;
mod descr;
mod eval;
mod exceptions;
mod exec;
pub(crate) mod finalize;
mod generators;
mod genexpr;
mod genflat;
mod genstack;
pub(crate) mod import;
mod iter;
mod keys;
mod limits;
pub(crate) use limits::{COPY_CHUNK, mul_ns};
mod names;
mod ops;
mod patterns;
pub(crate) mod positions;
mod repr;
mod threads;
mod trace;

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

pub use coroutines::{AsyncOp, GenKind};

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
    /// Where the innermost failing expression of the frame being left was (see [`positions`]).
    pub(crate) probe: Option<Box<positions::Probe>>,
    /// The source and probe of each traceback entry, for the caret lines drawn when it is shown.
    pub(crate) positions: Vec<positions::PendingPos>,
    /// A bare `raise` re-raised it: the frame's entry (recorded when it was caught) is already in `tb`.
    pub(crate) reraised: bool,
    /// Raised by an `except*` statement as CPython raises its result: with no context of its own, even
    /// though it leaves the handler the statement runs in.
    pub(crate) no_context: bool,
    /// The object an interpreter-raised `AttributeError` is about (its `.obj`, set when it is made an instance).
    pub(crate) attr_obj: Option<Value>,
    /// The frame object of each `tb` entry (same order; `None` where unknown), its traceback's `tb_frame`.
    pub(crate) frames: Vec<Option<Rc<crate::builtins::FrameSnap>>>,
}

impl Exc {
    /// An exception of `kind` with no traceback yet.
    pub fn bare(kind: ExcKind) -> Box<Exc> {
        Exc::with_tb(kind, Vec::new())
    }
    /// An exception of `kind` with the traceback entries it already went through (innermost first).
    pub fn with_tb(kind: ExcKind, tb: Vec<TraceEntry>) -> Box<Exc> {
        Box::new(Exc {
            kind,
            tb,
            context: None,
            cause: None,
            suppress_context: false,
            probe: None,
            positions: Vec::new(),
            reraised: false,
            no_context: false,
            attr_obj: None,
            frames: Vec::new(),
        })
    }
    /// A built-in exception with one message argument.
    pub fn new(ty: &'static str, msg: impl Into<String>) -> Box<Exc> {
        let msg: String = msg.into();
        let args = if msg.is_empty() {
            Vec::new()
        } else {
            vec![Value::Str(msg.into())]
        };
        Exc::bare(ExcKind::Lazy(ty, args))
    }
    /// A built-in exception with arbitrary args (`KeyError(key)`).
    pub fn with_args(ty: &'static str, args: Vec<Value>) -> Box<Exc> {
        Exc::bare(ExcKind::Lazy(ty, args))
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
    /// bodies and `exec`'d code count along with calls. CPython's default is 1000. A program may change it
    /// with `sys.setrecursionlimit`, up to `recursion_cap`.
    pub recursion: usize,
    /// The highest recursion limit `sys.setrecursionlimit` may set: `None` lets a program raise it as far as
    /// CPython does (`sys.setrecursionlimit(10**6)` in a deep search), and recursion still ends in
    /// `RecursionError` where the interpreter's stack runs out; `Some(n)` holds programs to `n` frames.
    pub recursion_cap: Option<usize>,
    /// Maximum number of "ticks" (loop iterations + calls, and long operations in proportion to their
    /// work), counted from when the limits were set (`Interpreter::set_limits`); `None` = unlimited.
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
            recursion_cap: None,
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
    /// The shared flag, for work outside the interpreter's loop that polls it (SQLite's progress handler).
    pub(crate) fn flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.0.clone()
    }
    /// Takes a pending request (clears it).
    fn take(&self) -> bool {
        self.0.swap(false, std::sync::atomic::Ordering::Relaxed)
    }
}

/// A generator's state.
#[allow(missing_debug_implementations)]
pub struct GenState {
    pub co: Option<Coroutine<GenIn, Value, PyResult<Value>, genstack::GenStack>>,
    pub name: RcStr,
    pub qualname: RcStr,
    pub finished: bool,
    /// Generator, coroutine or async generator.
    pub kind: GenKind,
    /// A coroutine's frame before its first step: `await` on a fresh coroutine runs it inline on the
    /// awaiting stack; only a coroutine first driven by `send` gets a stack of its own.
    pub(crate) pending: Option<Box<Frame>>,
    /// A coroutine's or async generator's code (where `asyncio` reprs say it is defined).
    pub(crate) code: Option<Rc<Code>>,
    /// The generator's shadow-stack entries while it is suspended (put back on the stack when resumed).
    pub(crate) frames: Vec<*const Frame>,
    /// The [`Interp::id`] of the interpreter whose stack the coroutine runs for: its frames hold that
    /// interpreter's address, so no other may resume it, and it is finished off before that one dies.
    pub(crate) owner: u64,
    /// A stackless generator's frame and position (`co` is then `None`); taken out while it runs.
    pub(crate) flat: Option<Box<genflat::Flat>>,
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
    /// This interpreter among those alive on its thread (see `generators::register_interp`): what a
    /// suspended generator's coroutine records as its owner.
    pub(crate) id: u64,
    pub builtins: Rc<RefCell<Dict>>,
    pub types: Types,
    pub out: Sink,
    pub limits: Limits,
    pub ticks: u64,
    /// `ticks` at the last chunk of deferred teardown (see [`crate::teardown`]).
    pub(crate) teardown_at: u64,
    /// Nested `repr` calls, and the frames running in the build without debugger support (`untraced`; with
    /// it the shadow stack counts the frames). Read the total with [`Interp::depth`].
    pub(crate) depth: usize,
    pub ret: Value,
    stack_floor: usize,
    yielder: usize,
    /// Set by an async generator's `yield` just before it suspends, so the `__anext__` awaitable that
    /// resumed it tells its value from one passed through by an `await` inside the generator.
    agen_yield: bool,
    /// Exceptions being handled (innermost last), for bare `raise` and `__context__`.
    pub handling: Vec<Box<Exc>>,
    /// Shadow frame stack: every active frame, outermost first (pushed by `run_frame`; a suspended generator
    /// keeps its entries in its `GenState`). Read it with [`Interp::frame_at`] and [`Interp::frame_count`];
    /// only the interpreter writes it, which is what makes reading it safe.
    pub(crate) frames: Vec<*const Frame>,
    /// When true, statements report line events to the debugger hook. Set it with
    /// [`Interp::set_tracing`], which keeps the tick counter's fast path in step.
    tracing: bool,
    /// `sys.modules`: every module imported so far (and `__main__`), by name.
    pub(crate) modules: Rc<RefCell<Dict>>,
    /// What programs may import, and from where (the host's [`crate::ModulePolicy`]).
    pub(crate) policy: crate::policy::ModulePolicy,
    /// Above zero while a standard-library module is being built (its own imports bypass the policy).
    pub(crate) std_building: u32,
    /// Module files whose code is running (innermost last): a circular `from` import names them.
    pub(crate) initializing: Vec<RcStr>,
    /// The modules being imported now, by the thread (`get_ident()`) importing each: another thread that
    /// imports one of them waits until it is done, as CPython's per-module import locks make it.
    pub(crate) importing: Vec<(RcStr, i64)>,
    /// The threads waiting for such an import, and the module each waits for (deadlock detection).
    pub(crate) import_waits: Vec<(i64, RcStr)>,
    /// `sys.argv` as the host set it (`Interpreter::set_argv`).
    pub(crate) argv: Option<Vec<String>>,
    /// What `input()` reads (`Interpreter::set_stdin`/`set_input`); none means end of input at once.
    pub(crate) stdin: Option<Box<dyn std::io::BufRead>>,
    pool: Vec<Vec<Value>>,
    /// The consumer of the generator expression running in place (`interp/genexpr.rs`), if any.
    pub(crate) sink: Option<Box<genexpr::GenSink>>,
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
    /// `f.__code__`: one code object per compiled function body, by the body's address (the object keeps
    /// the body alive, so an address is never reused while it is cached).
    pub(crate) code_objects: std::collections::HashMap<usize, Value>,
    /// Frame objects handed out for frames that still run (`sys._getframe()`), by frame address: their
    /// `f_lineno`/`f_locals`/`f_back` are read live until the frame returns (see `builtins::frameobj`).
    pub(crate) frame_objs: Vec<(*const Frame, Rc<crate::value::Instance>)>,
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
    /// Ticks counted when the limits were set: the instruction budget counts from here.
    pub(crate) tick_base: u64,
    /// How much slower than its own CPU time the program runs on this machine now (see `limits.rs`).
    pub(crate) pace: limits::Pace,
    /// Bytes written to the output so far (for `max_output`).
    pub(crate) out_bytes: u64,
    /// Big partial results of operations a limit stopped midway, freed when the next top-level run starts
    /// or the interpreter drops instead of while the limit error unwinds (see [`Interp::bury`]).
    pub(crate) graveyard: Vec<Box<dyn std::any::Any>>,
    /// Set once a program may have rebound `sys.stdout` (a module attribute `stdout` was assigned, or the
    /// `sys` module's `__dict__` was handed out): from then on `print()` without `file` asks where
    /// `sys.stdout` points (`contextlib::redirected_stdout`); before, it writes to the host's output at once.
    pub(crate) stdout_rebound: bool,
    /// The AttributeError a user `__getattr__` raised for (object identity, name): a lookup that must
    /// raise reports it, as CPython does, instead of the generic "has no attribute" text.
    pub(crate) getattr_raised: std::cell::RefCell<Option<(usize, String, Box<Exc>)>>,
    /// Functions the host registered (`Interpreter::add_function`), called through a trampoline builtin.
    pub(crate) host_fns: Vec<Rc<crate::HostFn>>,
    /// The green threads `threading` started (`interp/threads.rs`); none until the first one starts.
    green: Option<Box<threads::Sched>>,
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
use genstack::GEN_STACK;
const STACK_MARGIN: usize = 256 << 10;

use crate::guard::sp;

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
    /// A fresh interpreter writing to `out`, boxed: a suspended generator's frames hold the interpreter's
    /// address, so it never moves.
    pub fn new(out: Sink) -> Box<Interp> {
        let types = crate::builtins::make_types();
        let mut it = Box::new(Interp {
            id: generators::register_interp(),
            builtins: Rc::new(RefCell::new(Dict::new())),
            types,
            out,
            limits: Limits::default(),
            ticks: 0,
            teardown_at: 0,
            depth: 0,
            ret: Value::None,
            stack_floor: 0,
            yielder: 0,
            agen_yield: false,
            handling: Vec::new(),
            frames: Vec::new(),
            tracing: false,
            modules: Rc::new(RefCell::new(Dict::new())),
            policy: crate::policy::ModulePolicy::standard(),
            std_building: 0,
            initializing: Vec::new(),
            importing: Vec::new(),
            import_waits: Vec::new(),
            argv: None,
            stdin: None,
            pool: Vec::new(),
            sink: None,
            main_stack: None,
            line_hook: None,
            line_filter: None,
            poll_sigint: false,
            jump_to: None,
            caught_line: 0,
            eval_cache: indexmap::IndexMap::new(),
            code_objects: std::collections::HashMap::new(),
            frame_objs: Vec::new(),
            builtins_hash: crate::value::str_key_hash("__builtins__"),
            host_fns: Vec::new(),
            builtins_idx: std::cell::Cell::new(0),
            builtins_key: std::cell::Cell::new(0),
            next_check: 0,
            interrupt: None,
            interrupted: false,
            mem_base: 0,
            tick_base: 0,
            pace: limits::Pace::default(),
            out_bytes: 0,
            graveyard: Vec::new(),
            stdout_rebound: false,
            getattr_raised: std::cell::RefCell::new(None),
            green: None,
        });
        crate::builtins::install(&mut it);
        it
    }

    /// Runs `f` on a large dedicated stack (so deep recursion raises `RecursionError` instead of crashing).
    pub fn on_big_stack<R>(&mut self, f: impl FnOnce(&mut Interp) -> R) -> R {
        // This interpreter runs on the thread now (see `crate::owner`).
        let _running = crate::owner::enter(self.id);
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
    pub(crate) fn take_vec(&mut self) -> Vec<Value> {
        self.pool.pop().unwrap_or_default()
    }
    /// A vector with room for `n` items for a new list: a pooled one when the pool's last fits without
    /// much waste (a list keeps its buffer for life), else a fresh one.
    #[inline]
    pub(crate) fn take_vec_for(&mut self, n: usize) -> Vec<Value> {
        match self.pool.last() {
            Some(v) if v.capacity() >= n && v.capacity() <= 2 * n + 16 => {
                self.pool.pop().unwrap_or_default()
            }
            _ => Vec::with_capacity(n),
        }
    }
    /// Gives a small emptied vector back to the pool (the buffer of a temporary list whose items moved).
    #[inline]
    pub(crate) fn give_small_vec(&mut self, v: Vec<Value>) {
        if v.capacity() <= 64 {
            self.give_vec(v);
        }
    }
    #[inline]
    pub(crate) fn give_vec(&mut self, mut v: Vec<Value>) {
        v.clear();
        if self.pool.len() < 256 {
            self.pool.push(v);
        }
    }

    // ------------------------------------------------------------------ limits
}

pub(crate) fn limit(msg: String) -> Box<Exc> {
    Exc::bare(ExcKind::Limit(msg))
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
