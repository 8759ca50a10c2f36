//! A Python-subset interpreter with CPython 3.11's `eval`/`exec` semantics.
//!
//! ```
//! use evalx::{Interpreter, Namespace, Value};
//!
//! let mut py = Interpreter::new_captured();
//! let g = Namespace::new();
//! g.set("a", Value::Int(1));
//! g.set("b", Value::Int(2));
//! // eval returns the value; locals shadow globals.
//! let l = Namespace::new();
//! l.set("b", Value::Int(3));
//! assert_eq!(py.eval("a + b", Some(&g), Some(&l)).unwrap().as_int(), Some(4));
//! // exec runs statements and returns nothing; `__builtins__` was inserted into the globals.
//! py.exec("c = a * 10\nprint('c is', c)", Some(&g), None).unwrap();
//! assert_eq!(g.get("c").and_then(|v| v.as_int()), Some(10));
//! assert_eq!(g.keys(), ["a", "b", "__builtins__", "c"]);
//! assert_eq!(py.take_output(), "c is 10\n");
//! // eval rejects statements with CPython's SyntaxError.
//! let err = py.eval("x = 1", None, None).unwrap_err();
//! assert_eq!(err.to_string(), "SyntaxError: invalid syntax (<string>, line 1)");
//! ```
//!
//! # Model
//!
//! The pipeline follows CPython and starlark-rust: [`lexer`] (tokens with positions, indentation,
//! f-strings) → [`parser`] (an [`ast`] with spans; CPython's `SyntaxError` texts) → [`compile`] (CPython's
//! symtable rules: every name becomes a frame slot, a closure cell, a global or a namespace lookup; the AST
//! is lowered to a tree IR) → [`interp`] (walks the IR: locals in slots, ints and floats inline, exceptions
//! as boxed values, generators on their own small stacks).
//!
//! Namespaces follow CPython exactly: `__builtins__` is inserted into globals that lack it, names resolve
//! locals → globals → builtins, separate globals and locals make `exec` behave like a class body (functions
//! close over the *globals*), and omitted namespaces mean the caller's (for the host: the interpreter's
//! `__main__` namespace).
//!
//! # Safety for embedding
//!
//! Programs reach nothing outside the interpreter: there is no file, network, process or environment
//! access, and `import` only knows the pure standard-library
//! modules of [`stdlib`]. [`Limits`] bound the instruction count (work inside builtins and
//! long operations included), recursion depth (`RecursionError`, 1000 by default as in CPython), the size
//! of created objects, the total live memory (with [`alloc::CountingAllocator`]), the output and the
//! wall-clock time; [`InterruptHandle`] stops a program from another thread. Malformed or hostile input
//! gives a `SyntaxError` or a Python exception (`RecursionError`, `MemoryError`...), never a panic, an
//! abort or a stack overflow; [`isolated`] runs programs in worker processes for a second wall.
//!
//! # Hooks for tools
//!
//! Every statement records its line in the running frame, and [`interp::Interp::set_tracing`] with
//! [`interp::Interp::line_hook`] (an [`interp::Tracer`]) turn on call/line/return/exception events (checked
//! once per statement, so they cost one branch when off). [`interp::Interp::frame_at`] walks the shadow
//! stack of running frames; [`debugger`] is the ipdb-style debugger built on them (`breakpoint()`,
//! `evalx --pdb`). [`methods::method_names`] plus the class attribute dicts describe what `dir()` lists.

#![allow(
    clippy::collapsible_if,
    clippy::type_complexity,
    clippy::needless_range_loop
)]

pub mod alloc;
pub(crate) mod ast;
pub(crate) mod bigops;
pub(crate) mod builtins;
pub(crate) mod codec;
pub(crate) mod compile;
pub(crate) mod complex;
pub mod debugger;
pub mod describe;
pub(crate) mod dunders;
pub mod error;
pub(crate) mod exc_group;
pub(crate) mod format;
pub(crate) mod guard;
pub mod hostenv;
pub mod instdict;
pub mod interp;
#[cfg(feature = "isolated")]
pub mod isolated;
pub(crate) mod lexer;
pub(crate) mod methods;
pub(crate) mod num;
pub(crate) mod owner;
pub(crate) mod parser;
pub mod policy;
pub(crate) mod pyhash;
pub mod settable;
pub mod stdlib;
pub(crate) mod teardown;
pub(crate) mod textrepr;
pub(crate) mod thin;
pub(crate) mod ucd;
pub(crate) mod ucd_decomp;
pub mod value;
pub mod vfs;

pub use error::{Error, PyException, SyntaxError, TraceEntry};
pub use interp::{InterruptHandle, Limits};
pub use policy::ModulePolicy;
pub use value::Value;

use crate::thin::RcStr;
use interp::{Exc, Frame, Interp};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use value::Dict;

/// Whether `src`, typed so far at an interactive prompt, is an unfinished statement that needs more lines
/// (CPython's `code.compile_command` answering `None`): an open bracket, an unterminated triple-quoted
/// string, a block header, or a block whose closing empty line has not come yet. An empty last line always
/// ends the input, so a REPL never waits forever.
pub fn is_incomplete(src: &str) -> bool {
    let last = src.rsplit('\n').next().unwrap_or("");
    if last.trim().is_empty() {
        return false;
    }
    match parser::parse_module(src) {
        Ok(_) => last.trim_end().ends_with(':') || src.contains('\n'),
        Err(e) => {
            e.msg.contains("was never closed")
                || e.msg.starts_with("expected an indented block")
                || e.msg.contains("unterminated triple-quoted")
        }
    }
}

/// A namespace dict the host can fill before `eval`/`exec` and read back afterwards.
///
/// It is a real Python `dict` (insertion-ordered); cloning a `Namespace` shares the same dict.
#[derive(Clone, Debug, Default)]
pub struct Namespace(pub(crate) Rc<RefCell<Dict>>);

impl Namespace {
    /// An empty namespace.
    pub fn new() -> Namespace {
        Namespace::default()
    }
    /// Sets `name` to `value`.
    pub fn set(&self, name: &str, value: Value) {
        self.0.borrow_mut().set_str(name, value);
    }
    /// The value bound to `name`, if any.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.0.borrow().get_str(name).cloned()
    }
    /// Removes `name`; returns its value.
    pub fn remove(&self, name: &str) -> Option<Value> {
        self.0.borrow_mut().remove(&Value::str(name))
    }
    /// Whether `name` is bound.
    pub fn contains(&self, name: &str) -> bool {
        self.0.borrow().get_str(name).is_some()
    }
    /// The str keys, in insertion order.
    pub fn keys(&self) -> Vec<String> {
        self.0
            .borrow()
            .map()
            .keys()
            .filter_map(|k| {
                if let Value::Str(s) = &k.0 {
                    Some(s.to_string())
                } else {
                    None
                }
            })
            .collect()
    }
    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.borrow().map().len()
    }
    /// Whether the namespace is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// This namespace as a Python `dict` value.
    pub fn as_value(&self) -> Value {
        Value::Dict(self.0.clone())
    }
    /// Wraps an existing dict value (`None` if the value is not a dict).
    pub fn from_value(v: &Value) -> Option<Namespace> {
        match v {
            Value::Dict(d) => Some(Namespace(d.clone())),
            _ => None,
        }
    }
}

impl Value {
    /// The value as an i64, if it is an int (or bool) that fits.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }
    /// The value as an f64, if it is a float or an int.
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(f) => Some(f.get()),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
    /// The value as a str slice, if it is a str.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// The repr of built-in values (instances print as `<Class object at ...>`; use
    /// [`Interpreter::repr`] to honour `__repr__`).
    pub fn repr(&self) -> String {
        format::repr_plain(self)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::float(f)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::bool(b)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}

/// A host function callable from Python: receives the positional arguments.
pub type HostFn = dyn Fn(&[Value]) -> Result<Value, HostError>;

/// The exception a host function raises in the Python program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostError {
    /// A built-in exception class name (`"ValueError"`, `"OSError"`...); unknown names raise `RuntimeError`.
    pub exception: String,
    /// The exception's message.
    pub message: String,
}

impl HostError {
    /// A `exception(message)` to raise.
    pub fn new(exception: &str, message: impl Into<String>) -> HostError {
        HostError {
            exception: exception.to_string(),
            message: message.into(),
        }
    }
}

fn host_trampoline(
    it: &mut Interp,
    args: &[Value],
    kw: &[(RcStr, Value)],
) -> interp::PyResult<Value> {
    let Some(Value::Int(idx)) = args.first() else {
        return Err(Exc::new(
            "SystemError",
            "host function called without its registration",
        ));
    };
    let Some(func) = it.host_fns.get(*idx as usize).cloned() else {
        return Err(Exc::new("SystemError", "unknown host function"));
    };
    if !kw.is_empty() {
        return Err(Exc::type_err("host functions take no keyword arguments"));
    }
    func(&args[1..]).map_err(|e| {
        let known = it
            .types
            .exc
            .get(e.exception.as_str())
            .map(|c| c.kind == value::Kind::Exception)
            .unwrap_or(false);
        match (known, it.types.exc.get_key_value(e.exception.as_str())) {
            (true, Some((name, _))) => Exc::new(name, e.message),
            _ => Exc::new("RuntimeError", format!("{}: {}", e.exception, e.message)),
        }
    })
}

/// A shared in-memory output buffer (what `print` writes when output is captured).
#[derive(Clone, Default, Debug)]
pub struct SharedBuf(pub Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut b = self.0.borrow_mut();
        b.try_reserve(buf.len())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
        b.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Internal error of a run: a syntax error or a raised exception.
#[derive(Debug)]
pub enum RunError {
    Syntax(SyntaxError),
    Exc(Box<Exc>),
}

/// Compiles (with a cache for repeated sources) and runs `src` in the given namespaces.
pub fn run_source(
    it: &mut Interp,
    src: &str,
    is_eval: bool,
    globals: Rc<RefCell<Dict>>,
    locals: Option<Rc<RefCell<Dict>>>,
    filename: &str,
) -> Result<Value, RunError> {
    ensure_builtins(it, &globals);
    it.on_big_stack(|it| {
        let code = compile_charged(it, src, is_eval, filename)?;
        run_code(it, code, is_eval, globals, locals)
    })
}

/// Inserts `__builtins__` into globals that lack it, as CPython's `exec` and `eval` do.
fn ensure_builtins(it: &Interp, globals: &Rc<RefCell<Dict>>) {
    if globals.borrow().get_str("__builtins__").is_none() {
        globals
            .borrow_mut()
            .set_str("__builtins__", Value::Dict(it.builtins.clone()));
    }
}

/// Compiles `src` for `exec`/`eval`/`compile()` under the limits: nesting (each nested `exec`/`eval`
/// compiles on the same stack, so `s = 'exec(s)'; exec(s)` ends here, as in CPython) and ticks in
/// proportion to the source's size (the limits see a generated program's cost). Call on the big stack.
pub(crate) fn compile_charged(
    it: &mut Interp,
    src: &str,
    is_eval: bool,
    filename: &str,
) -> Result<Rc<compile::Code>, RunError> {
    compile_guard(it, src)?;
    let stop = it.compile_limits();
    let r = compile_cached(it, src, is_eval, filename);
    if let Some(oom) = stop.stopped() {
        drop(stop);
        return Err(RunError::Exc(it.compile_stopped(oom)));
    }
    r.map_err(RunError::Syntax)
}

/// What compiling `len` bytes of source costs against the limits: `RecursionError` when nested too deep,
/// ticks in proportion to the size.
pub(crate) fn compile_guard(it: &mut Interp, src: &str) -> Result<(), RunError> {
    let len = src.len();
    if it.depth() >= it.limits.recursion || guard::stack_low() {
        return Err(RunError::Exc(interp::Exc::new(
            "RecursionError",
            "maximum recursion depth exceeded during compilation",
        )));
    }
    it.charge((len >> 4) as u64).map_err(RunError::Exc)?;
    // Whitespace makes no tokens (a deeply indented source is mostly spaces, and the tokenizer stops it at
    // 100 levels): the room needed follows the other bytes.
    let dense = if len < 1 << 20 {
        len
    } else {
        src.bytes().filter(|b| !b.is_ascii_whitespace()).count()
    };
    compile_room(it, dense).map_err(RunError::Exc)
}

/// Compiling a source takes about 100 bytes of tokens, tree and code per source byte (outside whitespace), and not every one
/// of those allocations is fallible: a big source is admitted only when that much fits the host's memory
/// limit and the process's address space (a reservation probed and given back at once, so an `ulimit -v`
/// or a machine without the memory answers `MemoryError` up front instead of an aborting allocation).
pub(crate) fn compile_room(it: &mut Interp, len: usize) -> interp::PyResult<()> {
    if len < 1 << 20 {
        return Ok(());
    }
    let need = len.saturating_mul(100);
    it.check_memory(need)?;
    let mut probe: Vec<u8> = Vec::new();
    if probe
        .try_reserve_exact(need.saturating_add(need / 2))
        .is_err()
    {
        return Err(interp::Exc::new(
            "MemoryError",
            format!("no memory left to compile a source of {len} bytes"),
        ));
    }
    Ok(())
}

/// Runs compiled code in the given namespaces (inserting `__builtins__` as CPython does); the value of
/// the code when `value` is set (eval of an eval-mode code object), else `None`.
pub(crate) fn run_code(
    it: &mut Interp,
    code: Rc<compile::Code>,
    value: bool,
    globals: Rc<RefCell<Dict>>,
    locals: Option<Rc<RefCell<Dict>>>,
) -> Result<Value, RunError> {
    ensure_builtins(it, &globals);
    it.on_big_stack(|it| {
        if it.depth() >= it.limits.recursion || guard::stack_low() {
            return Err(RunError::Exc(interp::Exc::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            )));
        }
        let locals = locals.filter(|l| !Rc::ptr_eq(l, &globals));
        let mut frame = Frame {
            slots: Vec::new(),
            globals,
            locals,
            code,
            line: 1,
        };
        match it.run_frame(&mut frame) {
            Ok(v) => Ok(if value { v } else { Value::None }),
            Err(e) => Err(RunError::Exc(e)),
        }
    })
}

fn compile_cached(
    it: &mut Interp,
    src: &str,
    is_eval: bool,
    filename: &str,
) -> Result<Rc<compile::Code>, SyntaxError> {
    let cacheable = filename == "<string>" && src.len() < 4096;
    if cacheable {
        if let Some(c) = it.eval_cache.get(&(src.to_string(), is_eval)) {
            return Ok(c.clone());
        }
    }
    let code = compile_source(src, is_eval, filename, false)?;
    if cacheable {
        if it.eval_cache.len() >= 256 {
            it.eval_cache.shift_remove_index(0);
        }
        it.eval_cache
            .insert((src.to_string(), is_eval), code.clone());
    }
    Ok(code)
}

/// Decodes program bytes as CPython reads source: UTF-8, with a leading byte-order mark dropped. Invalid
/// UTF-8 is a `SyntaxError` (CPython's text for bytes given to `exec`/`eval`/`compile`).
pub fn decode_source(bytes: &[u8]) -> Result<String, SyntaxError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let why = if e.error_len().is_some() {
                "invalid start byte"
            } else {
                "unexpected end of data"
            };
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32;
            // CPython decodes line by line: the position counts from the start of the line.
            let col = at
                - bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
            Err(SyntaxError::new(
                format!(
                    "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {col}: {why}",
                    bytes[at]
                ),
                line,
                0,
                0,
                String::new(),
            ))
        }
    }
}

/// Parses and compiles source: `is_eval` selects eval mode; `interactive` makes bare expressions print.
pub fn compile_source(
    src: &str,
    is_eval: bool,
    filename: &str,
    interactive: bool,
) -> Result<Rc<compile::Code>, SyntaxError> {
    let with_name = |mut e: SyntaxError| {
        e.filename = filename.to_string();
        e
    };
    if is_eval {
        let e = parser::parse_eval(src).map_err(with_name)?;
        compile::compile(&[], Some(&e), filename, src, false).map_err(with_name)
    } else {
        let body = parser::parse_module(src).map_err(with_name)?;
        let r = compile::compile(&body, None, filename, src, interactive).map_err(with_name);
        // A big program's tree is freed incrementally under a deadline (see `teardown`).
        if teardown::wants(body.len()) {
            teardown::defer(body.into_iter());
        }
        r
    }
}

enum Sink {
    Stdout,
    Buffer(SharedBuf),
}

/// An interpreter: built-ins, the `__main__` namespace, limits, and where `print` writes.
///
/// It is not `Send`: values share their objects through `Rc` (non-atomic counts, which keep every
/// assignment and call cheap), so an interpreter and everything it made stay on the thread that created
/// it. Create it on the thread that runs the programs; stop it from elsewhere with
/// [`Interpreter::interrupt_handle`] (the handle is `Send + Sync`), or run programs in worker processes with
/// [`isolated`] when a fault must not reach the host.
pub struct Interpreter {
    /// Boxed so that it keeps its address when the `Interpreter` moves (see [`Interp::new`]).
    it: Box<Interp>,
    main: Namespace,
    sink: Sink,
    /// [`Interpreter::shutdown`] ran.
    shut_down: bool,
    /// Declared last, so dropped last: ends this interpreter's time as the thread's running one after
    /// every other field has dropped (see `Drop for Interpreter`).
    exit: OwnerExit,
}

/// The end of an interpreter's drop: the objects its fields freed have queued their finalizers under its
/// id; they are discarded here ("what dies with the interpreter is freed silently"), never run by
/// another interpreter of the thread, and the thread's previously running interpreter is restored.
struct OwnerExit {
    id: u64,
    /// The running interpreter before this one's drop began (set by the drop).
    prev: std::cell::Cell<Option<crate::owner::Entered>>,
}

impl Drop for OwnerExit {
    fn drop(&mut self) {
        crate::teardown::free_all();
        interp::finalize::deactivate(self.id);
        drop(self.prev.take());
    }
}

impl std::fmt::Debug for Interpreter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interpreter")
            .field("main", &self.main.keys())
            .finish()
    }
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        // This interpreter runs on the thread until its last field has dropped (`OwnerExit`): what its
        // shutdown and its fields free is its own, queued under its id.
        self.exit.prev.set(Some(crate::owner::enter(self.exit.id)));
        if !std::thread::panicking() {
            self.shutdown();
        }
        crate::teardown::free_all();
    }
}

impl Default for Interpreter {
    fn default() -> Self {
        Interpreter::new()
    }
}

impl Interpreter {
    /// An interpreter whose `print` writes to the process's stdout.
    pub fn new() -> Interpreter {
        Interpreter::with_sink(Box::new(std::io::stdout()), Sink::Stdout)
    }

    /// An interpreter whose output is collected; read it with [`Interpreter::take_output`].
    pub fn new_captured() -> Interpreter {
        let buf = SharedBuf::default();
        Interpreter::with_sink(Box::new(buf.clone()), Sink::Buffer(buf))
    }

    /// An interpreter writing to any `Write`.
    pub fn with_output(out: Box<dyn Write>) -> Interpreter {
        Interpreter::with_sink(out, Sink::Stdout)
    }

    fn with_sink(out: Box<dyn Write>, sink: Sink) -> Interpreter {
        let it = Interp::new(out);
        let main = Namespace::new();
        main.set("__name__", Value::str("__main__"));
        main.set("__doc__", Value::None);
        main.set("__builtins__", Value::Dict(it.builtins.clone()));
        // The other names a fresh CPython `__main__` has, so `dir()` lists the same seven; evalx imports
        // nothing through loaders or specs, so those are None.
        main.set("__annotations__", Value::dict(value::Dict::new()));
        main.set("__loader__", Value::None);
        main.set("__package__", Value::None);
        main.set("__spec__", Value::None);
        // `sys.modules['__main__']` (and `import __main__`) is this namespace, as in CPython.
        let main_module = Value::Module(Rc::new(value::Module {
            name: "__main__".into(),
            dict: main.0.clone(),
        }));
        it.modules.borrow_mut().set_str("__main__", main_module);
        interp::finalize::activate();
        let id = it.id;
        Interpreter {
            it,
            main,
            sink,
            shut_down: false,
            exit: OwnerExit {
                id,
                prev: std::cell::Cell::new(None),
            },
        }
    }

    /// Ends the program as CPython's interpreter exit does: the names of `__main__` are removed one by one
    /// (each object that this frees runs its `__del__` at once), then reference cycles are collected
    /// (running their finalizers). Dropping the interpreter does this if it was not done; after it, the
    /// main namespace is empty. Finalizers run under the limits; what they raise is printed to
    /// `sys.stderr` as CPython's "Exception ignored in: ..." and not returned.
    pub fn shutdown(&mut self) {
        if self.shut_down {
            return;
        }
        self.shut_down = true;
        let main = self.main.0.clone();
        // Daemon threads (and any a limit left suspended) stop here, as CPython's do at exit.
        self.it.on_big_stack(|it| it.dispose_threads());
        self.it.on_big_stack(|it| it.shutdown_main(&main));
        let _ = self.it.out.flush();
    }

    /// Output collected so far (empty unless created with [`Interpreter::new_captured`]).
    pub fn take_output(&mut self) -> String {
        match &self.sink {
            Sink::Buffer(b) => {
                String::from_utf8_lossy(&std::mem::take(&mut *b.0.borrow_mut())).into_owned()
            }
            Sink::Stdout => String::new(),
        }
    }

    /// Sets the resource limits.
    pub fn set_limits(&mut self, limits: Limits) {
        self.it.limits = limits;
        self.it.limits_changed();
    }

    /// A handle another thread can use to stop the program running here: it gets `KeyboardInterrupt` within
    /// about a thousand loop iterations or calls (or the equivalent work inside a builtin).
    pub fn interrupt_handle(&mut self) -> InterruptHandle {
        self.it.interrupt_handle()
    }

    /// The `__main__` namespace (what omitted namespaces mean).
    pub fn main_namespace(&self) -> Namespace {
        self.main.clone()
    }

    /// The `builtins` namespace (a host may add or remove names).
    pub fn builtins(&self) -> Namespace {
        Namespace(self.it.builtins.clone())
    }

    /// Sets what programs may import, and from where (see [`ModulePolicy`]); modules already imported stay.
    pub fn set_module_policy(&mut self, policy: ModulePolicy) {
        self.it.policy = policy;
        let sys = self.it.modules.borrow().get_str("sys").cloned();
        if let Some(Value::Module(m)) = sys {
            let paths = self.it.policy.paths().iter();
            let paths = paths
                .map(|p| Value::str(&p.display().to_string()))
                .collect();
            m.dict.borrow_mut().set_str("path", Value::list(paths));
        }
    }

    /// Gives `input()` a source of lines (the `evalx` command gives it the process's stdin). Without one,
    /// `input()` raises `EOFError` as CPython does at the end of its input.
    pub fn set_stdin(&mut self, input: Box<dyn std::io::BufRead>) {
        self.it.stdin = Some(input);
    }

    /// Gives `input()` the lines of `text`, then `EOFError`.
    pub fn set_input(&mut self, text: &str) {
        self.set_stdin(Box::new(std::io::Cursor::new(text.as_bytes().to_vec())));
    }

    /// Sets `sys.argv` (the program's name, then its arguments), as the `evalx` command does.
    pub fn set_argv(&mut self, argv: &[String]) {
        self.it.argv = Some(argv.to_vec());
        let sys = self.it.modules.borrow().get_str("sys").cloned();
        if let Some(Value::Module(m)) = sys {
            let list = argv.iter().map(|a| Value::str(a)).collect();
            m.dict.borrow_mut().set_str("argv", Value::list(list));
        }
    }

    /// The module policy in force ([`ModulePolicy::standard`] unless the host set one).
    pub fn module_policy(&self) -> &ModulePolicy {
        &self.it.policy
    }

    /// Makes a Rust function callable from Python under `name` (added to the builtins). This is how a host
    /// grants programs access to files, network or anything else: nothing is reachable otherwise.
    pub fn add_function(
        &mut self,
        name: &str,
        f: impl Fn(&[Value]) -> Result<Value, HostError> + 'static,
    ) {
        let v = self.function(name, f);
        self.it.builtins.borrow_mut().set_str(name, v);
    }

    /// A Rust function as a Python value named `name`, for the host to place where it likes: in a module it
    /// provides through [`ModulePolicy::with_module`], or in a namespace.
    pub fn function(
        &mut self,
        name: &str,
        f: impl Fn(&[Value]) -> Result<Value, HostError> + 'static,
    ) -> Value {
        let idx = self.it.host_fns.len() as i64;
        self.it.host_fns.push(Rc::new(f));
        // Registration is rare and host-controlled; the name lives as long as the program.
        let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
        let b = value::Builtin {
            name: leaked,
            func: host_trampoline,
            this: Some(Value::Int(idx)),
        };
        Value::Builtin(Rc::new(b))
    }

    /// The underlying interpreter state (for tools such as a debugger or `dir`/`help`).
    pub fn state(&mut self) -> &mut Interp {
        &mut self.it
    }

    /// `eval(source, globals, locals)`: evaluates one expression and returns its value.
    pub fn eval(
        &mut self,
        src: &str,
        globals: Option<&Namespace>,
        locals: Option<&Namespace>,
    ) -> Result<Value, Error> {
        self.run(src, true, globals, locals, "<string>")
    }

    /// `exec(source, globals, locals)`: runs statements; returns nothing (like CPython's `None`).
    pub fn exec(
        &mut self,
        src: &str,
        globals: Option<&Namespace>,
        locals: Option<&Namespace>,
    ) -> Result<(), Error> {
        self.run(src, false, globals, locals, "<string>")
            .map(|_| ())
    }

    /// Runs a program as `__main__` from a file name and its text (tracebacks show its source lines).
    pub fn run_file(&mut self, filename: &str, src: &str) -> Result<(), Error> {
        let main = self.main.clone();
        main.set("__file__", Value::str(filename));
        main.set("__cached__", Value::None);
        let mut r = self
            .run(src, false, Some(&main), None, filename)
            .map(|_| ());
        // A compiler check (`'yield' outside function`...) gives no source line; CPython's printer then
        // reads the line from the program's file, which is `src`.
        if let Err(Error::Syntax(s)) = &mut r
            && s.text.is_empty()
            && s.lineno > 0
            && let Some(line) = src.split('\n').nth(s.lineno as usize - 1)
        {
            s.text = line.trim_end_matches('\r').to_string();
        }
        self.run_exit_functions();
        r
    }

    /// Runs the functions the program registered with `atexit` (last registered first), as CPython does
    /// when the main script ends (normally or with an exception); [`Interpreter::run_file`] calls it.
    pub fn run_exit_functions(&mut self) {
        let m = self.it.modules.borrow().get_str("atexit").cloned();
        if let Some(m) = m {
            if let Ok(f) = self.it.get_attr(&m, "_run_exitfuncs") {
                let _ = self
                    .it
                    .on_big_stack(|it| it.call(&f, Vec::new(), Vec::new()));
                let _ = self.it.out.flush();
            }
        }
    }

    /// Runs one REPL entry: bare expressions print their repr, as at the `>>>` prompt.
    pub fn run_interactive(&mut self, src: &str) -> Result<(), Error> {
        let code = self
            .it
            .on_big_stack(|_| compile_source(src, false, "<stdin>", true))?;
        let g = self.main.0.clone();
        let mut frame = Frame {
            slots: Vec::new(),
            globals: g,
            locals: None,
            code,
            line: 1,
        };
        let r = self.it.on_big_stack(|it| it.run_frame(&mut frame));
        let r = self
            .finish_threads(r.map_err(RunError::Exc))
            .map_err(|e| match e {
                RunError::Exc(e) => e,
                RunError::Syntax(s) => interp::Exc::new("SyntaxError", s.msg),
            });
        let _ = self.it.out.flush();
        r.map(|_| ()).map_err(|e| self.host_error(e, &frame))
    }

    /// The end of a run: the threads `threading` started that are not daemons are waited for, as at
    /// CPython's exit (daemon threads stay suspended until a later run or the interpreter's end). Not
    /// after a limit stopped the run.
    fn finish_threads(&mut self, r: Result<Value, RunError>) -> Result<Value, RunError> {
        if matches!(&r, Err(RunError::Exc(e)) if matches!(e.kind, interp::ExcKind::Limit(_))) {
            return r;
        }
        let joined = self.it.on_big_stack(|it| it.join_threads());
        match (r, joined) {
            (Ok(_), Err(e)) => Err(RunError::Exc(e)),
            (r, _) => r,
        }
    }

    fn run(
        &mut self,
        src: &str,
        is_eval: bool,
        g: Option<&Namespace>,
        l: Option<&Namespace>,
        file: &str,
    ) -> Result<Value, Error> {
        let globals = g.unwrap_or(&self.main).0.clone();
        let locals = match (g, l) {
            (_, Some(l)) => Some(l.0.clone()),
            (None, None) => None,
            (Some(_), None) => None,
        };
        let frame_for_hints = Frame {
            slots: Vec::new(),
            globals: globals.clone(),
            locals: locals.clone(),
            code: compile::compile(&[], None, file, "", false).map_err(Error::Syntax)?,
            line: 0,
        };
        // This interpreter runs on the thread (see `owner`): what it queues, and what it frees, is its own.
        let _running = crate::owner::enter(self.it.id);
        // An interrupt ends the run it was delivered to, not the next one.
        self.it.interrupted = false;
        // What a limit stopped last time is freed now, before this program's work (see `Interp::bury`).
        self.it.free_graveyard();
        // Under a deadline (or an interrupt handle) big containers freed during the run are torn down
        // incrementally (see `teardown`).
        let was = crate::teardown::set_enabled(
            self.it.limits.deadline.is_some() || self.it.interrupt.is_some(),
        );
        let r = run_source(&mut self.it, src, is_eval, globals, locals, file);
        let r = self.finish_threads(r);
        let _ = self.it.out.flush();
        // The error is converted (and the exception, with the frames that hold what the run left half
        // built, dropped) while teardown is still on: a limit that stopped a comprehension of a million
        // items returns at once, and the partial result is freed at the next run's start.
        let r = self.host_result(r, &frame_for_hints);
        crate::teardown::set_enabled(was);
        r
    }

    fn host_result(
        &mut self,
        r: Result<Value, RunError>,
        frame_for_hints: &Frame,
    ) -> Result<Value, Error> {
        match r {
            Ok(v) => Ok(v),
            // Source nested too deep for the compiler is CPython's RecursionError, not a SyntaxError.
            Err(RunError::Syntax(s)) if s.kind == error::SyntaxKind::Recursion => {
                Err(Error::Exception(Box::new(PyException {
                    type_name: "RecursionError".into(),
                    message: s.msg,
                    traceback: Vec::new(),
                    hint: String::new(),
                    chain: String::new(),
                    group: None,
                    syntax: String::new(),
                })))
            }
            Err(RunError::Syntax(s)) => Err(Error::Syntax(s)),
            Err(RunError::Exc(e)) => Err(self.host_error(e, frame_for_hints)),
        }
    }

    fn host_error(&mut self, e: Box<Exc>, fr: &Frame) -> Error {
        if let interp::ExcKind::Limit(m) = &e.kind {
            if m == debugger::QUIT_MARK {
                return Error::DebuggerQuit;
            }
            return Error::Limit(m.clone());
        }
        Error::Exception(Box::new(self.it.to_host_exception(e, Some(fr))))
    }

    /// `repr(value)`, honouring `__repr__` of user classes.
    pub fn repr(&mut self, v: &Value) -> Result<String, Error> {
        let v = v.clone();
        let r = self.it.on_big_stack(|it| it.repr(&v));
        r.map_err(|e| Error::Exception(Box::new(self.it.to_host_exception(e, None))))
    }

    /// `str(value)`.
    pub fn to_str(&mut self, v: &Value) -> Result<String, Error> {
        let v = v.clone();
        let r = self.it.on_big_stack(|it| it.to_str(&v));
        r.map_err(|e| Error::Exception(Box::new(self.it.to_host_exception(e, None))))
    }
}
