//! An ipdb-style debugger for programs run by evalx: `breakpoint()`, `pdb.set_trace()` and
//! `ipdb.set_trace()` stop at the next line and open an `ipdb> ` prompt with every command of CPython
//! 3.11's pdb (stepping, `jump`, breakpoints with `commands`/`ignore`/`condition`, `display`, `alias`,
//! `source`, `interact`, `debug`, `run`/`restart`, help and its topics, `!stmt`, bare expressions, `;;`,
//! an empty line repeating the last command) and ipdb's extras (`context N`, `w` with context, syntax
//! colours on a terminal, Tab completion). [`Debugger::post_mortem`], `pdb.post_mortem()` and `pdb.pm()`
//! inspect the frames an exception unwound.
//!
//! ```
//! use evalx::Interpreter;
//! use evalx::debugger::{Debugger, ScriptedConsole, Style};
//!
//! let console = ScriptedConsole::new(["p x", "n", "p y", "c"]);
//! let transcript = console.transcript();
//! let dbg = Debugger::new(console).with_style(Style::Pdb);
//! let mut py = Interpreter::with_output(Box::new(transcript.clone()));
//! dbg.attach(&mut py);
//! py.run_file("prog.py", "x = 1\nbreakpoint()\ny = x + 1\nz = y * 2\nprint(z)\n").unwrap();
//! assert_eq!(
//!     transcript.text(),
//!     "> prog.py(3)<module>()\n-> y = x + 1\n(Pdb) 1\n\
//!      (Pdb) > prog.py(4)<module>()\n-> z = y * 2\n(Pdb) 2\n(Pdb) 4\n"
//! );
//! ```
//!
//! # Model
//!
//! The debugger is a [`Tracer`] attached to the interpreter. The interpreter keeps a shadow stack of its
//! running frames and, while `Interp::tracing` is on, reports `call`, `line`, `return` and `exception`
//! events — one predictable branch per statement when it is off. `breakpoint()` turns tracing on in
//! "step" mode; the stepping rules are bdb's: `s` stops at the next event anywhere, `n` at the next line
//! of the selected frame (or its return), `r` at the selected frame's return, `c` only at breakpoints —
//! and `c` with no breakpoints turns tracing off again, so a continued program runs at full speed.
//!
//! Texts follow CPython 3.11's pdb (location lines, `l` listing, `w` frame markers, `*** Oldest frame`,
//! `*** NameError: ...`, breakpoint messages); [`Style::Ipdb`], the default, shows ipdb's prompt and
//! three lines of context at each stop. `q` ends the run with [`crate::Error::DebuggerQuit`].

mod args;
mod commands;
pub mod console;
mod postmortem;
mod sigint;
#[cfg(feature = "cli")]
mod terminal;
mod view;

pub use console::{Console, ScriptedConsole, StdioConsole};
#[cfg(feature = "cli")]
pub use terminal::TerminalConsole;

use crate::interp::{Exc, ExcKind, Frame, Interp, PyResult, TraceEvent, Tracer};
use crate::thin::RcStr;
use crate::value::{Builtin, Dict, Module, Value};
use crate::{Error, HostError, Interpreter};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use view::{FrameId, FrameView};

/// The message of the uncatchable error that `q` raises inside the interpreter; the host sees
/// [`Error::DebuggerQuit`].
pub(crate) const QUIT_MARK: &str = "\u{0}evalx debugger: quit";

/// The message of the uncatchable error that carries `jump` to the block holding its target line.
pub(crate) const JUMP_MARK: &str = "\u{0}evalx debugger: jump";

/// How stops look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// CPython's pdb: `(Pdb) ` prompt, the location and `-> current line` at each stop.
    Pdb,
    /// ipdb: `ipdb> ` prompt, the location and three lines of context with `---->` at the current line.
    #[default]
    Ipdb,
}

impl Style {
    fn prompt(self) -> &'static str {
        match self {
            Style::Pdb => "(Pdb) ",
            Style::Ipdb => "ipdb> ",
        }
    }
}

/// What `breakpoint()` does (the host's `PYTHONBREAKPOINT`). `pdb.set_trace()` always enters the debugger.
#[derive(Clone, Default)]
pub enum BreakpointHook {
    /// Stop in this debugger (the default).
    #[default]
    Debugger,
    /// Do nothing (`PYTHONBREAKPOINT=0`).
    Disabled,
    /// Call this function with `breakpoint()`'s positional arguments; its result is `breakpoint()`'s.
    Custom(Rc<dyn Fn(&[Value]) -> Result<Value, HostError>>),
}

impl std::fmt::Debug for BreakpointHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BreakpointHook::Debugger => "Debugger",
            BreakpointHook::Disabled => "Disabled",
            BreakpointHook::Custom(_) => "Custom",
        })
    }
}

impl BreakpointHook {
    /// The hook a `PYTHONBREAKPOINT` value asks for: unset, empty, `pdb.set_trace` or `ipdb.set_trace`
    /// mean the debugger, `0` disables `breakpoint()`; `Err` carries any other value, which names a hook
    /// evalx cannot import (CPython then warns and ignores `breakpoint()`).
    pub fn from_env_value(value: Option<&str>) -> Result<BreakpointHook, String> {
        match value.map(str::trim) {
            None | Some("") | Some("pdb.set_trace") | Some("ipdb.set_trace") => {
                Ok(BreakpointHook::Debugger)
            }
            Some("0") => Ok(BreakpointHook::Disabled),
            Some(other) => Err(other.to_string()),
        }
    }
}

/// A breakpoint (bdb's numbering: from 1, never reused).
#[derive(Debug, Clone)]
pub(crate) struct Bp {
    pub number: usize,
    /// The code's file name (what stops compare).
    pub file: RcStr,
    /// The file as pdb prints it: the absolute path when one was typed.
    pub shown: RcStr,
    pub line: u32,
    /// Set by `b FUNCTION`: stops at the first line run in that function.
    pub funcname: Option<RcStr>,
    pub func_first_line: Option<u32>,
    pub cond: Option<String>,
    pub hits: usize,
    pub enabled: bool,
    /// Set by `tbreak`: deleted when first hit.
    pub temporary: bool,
    /// `ignore`: how many more hits pass without stopping.
    pub ignore: u64,
}

/// A `display` expression's last value, or pdb's `** raised ... **` text when evaluating it failed.
#[derive(Debug, Clone)]
pub(crate) enum Shown {
    Value(Value),
    Raised(String),
}

/// A breakpoint's command list (`commands N`).
#[derive(Debug, Clone)]
pub(crate) struct BpCommands {
    pub lines: Vec<String>,
    /// `silent`: the stop shows no location.
    pub silent: bool,
    /// No command of the list resumes the program: the prompt follows.
    pub doprompt: bool,
}

/// Where execution stops next (bdb's stopframe/returnframe).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Only at breakpoints.
    Continue,
    /// At the next event anywhere.
    Step,
    /// At the next line or return of this frame.
    Next(FrameId),
    /// At this frame's return (`ret`), then at the next line of `stop` (its caller; `None` = anywhere).
    Return { stop: Option<FrameId>, ret: FrameId },
    /// Never again: the user quit.
    Quit,
    /// At the first line run, skipping the call that leads to it (`python -m pdb`'s start).
    FirstLine,
    /// At a line of `frame` numbered `line` or more, or at its return (`until`).
    Until { frame: FrameId, line: u32 },
}

pub(crate) struct State {
    pub console: Box<dyn Console>,
    pub style: Style,
    pub hook: BreakpointHook,
    pub stop: Stop,
    /// Breakpoints by number - 1 (`None` once cleared).
    pub bps: Vec<Option<Bp>>,
    pub last_cmd: String,
    pub interacting: bool,
    /// Keep the frames an exception unwinds, for [`Debugger::post_mortem`].
    pub capture: bool,
    pub pm: Vec<FrameView>,
    /// The last exception event reported: (exception address, depth, line), so one exception passing
    /// nested blocks of a frame is reported once.
    pub last_exc: Option<(usize, usize, u32)>,
    /// Our SIGINT handler is installed (after `c` on a console that [`Console::catches_interrupts`]).
    pub sigint: bool,
    /// Commands still to run, queued by `;;` (pdb's `cmdqueue`): a command that resumes the program leaves
    /// the rest for the next stop.
    pub cmdqueue: std::collections::VecDeque<String>,
    /// Set by `run`/`restart`: the host should run the program again.
    pub restart: Option<Restart>,
    /// The value each generator frame (by address) last returned or yielded at a stop: pdb leaves it in the
    /// frame's locals as `__return__`, so it shows at later stops in that frame.
    pub gen_returns: Vec<(usize, Value)>,
    /// `alias NAME TEXT`, by name (listed sorted, as pdb lists them).
    pub aliases: std::collections::BTreeMap<String, String>,
    /// `display` expressions by frame (address and code) with their last values.
    pub displays: Vec<((usize, usize), Vec<(String, Shown)>)>,
    /// `commands N` lists, by breakpoint number.
    pub bp_commands: std::collections::HashMap<usize, BpCommands>,
    /// The breakpoint that made this stop (bdb's `currentbp`), for its command list.
    pub currentbp: Option<usize>,
    /// `jump` was just typed: the next line event stops at once (no breakpoint counting).
    pub jumped: bool,
    /// The prompt, when not the style's (`debug`'s nested debugger shows `((Pdb)) `).
    pub prompt: Option<String>,
    /// Frames below this depth belong to an outer debugger's program (`debug`): not shown.
    pub base_depth: usize,
    /// The exception whose unwound frames `pm` holds, and the line it passed in the frame that caught it.
    pub pm_exc: Option<usize>,
    /// The last uncaught exception's frames (`pdb.pm()`), oldest first.
    pub last_uncaught: Option<Vec<FrameView>>,
    /// ipdb's context: lines shown around the current one at each stop (`context N`, `IPDB_CONTEXT_SIZE`,
    /// `ipdb.set_trace(context=N)`).
    pub context: usize,
    /// The context each new ipdb session starts with.
    pub default_context: usize,
    /// Syntax colours in ipdb's look (the console is a terminal and `NO_COLOR` is not set).
    pub colors: bool,
}

/// What `run [args]` / `restart [args]` asked for: the program ends as with `q`, and a host that can (the
/// CLI's `--pdb`) runs it again from its first line, with new arguments when some were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restart {
    /// The new `sys.argv[1:]`, split as a shell does; `None` keeps the previous ones.
    pub args: Option<Vec<String>>,
}

impl State {
    fn stop_here(&self, id: FrameId, line: u32) -> bool {
        match self.stop {
            Stop::Step => true,
            Stop::Continue | Stop::Quit | Stop::FirstLine => false,
            Stop::Next(f) => f == id,
            Stop::Return { stop, .. } => stop.is_none_or(|f| f == id),
            Stop::Until { frame, line: l } => frame == id && line >= l,
        }
    }

    fn has_bps(&self) -> bool {
        self.bps.iter().any(Option::is_some)
    }

    /// Whether breakpoints are set at `line` or (for `b FUNCTION`) at the code's first line.
    fn maybe_break(&self, file: &str, line: u32, firstline: u32) -> bool {
        self.bps
            .iter()
            .flatten()
            .any(|b| (b.line == line || b.line == firstline) && &*b.file == file)
    }

    pub(crate) fn write(&mut self, s: &str) {
        self.console.write(s);
    }
}

/// The debugger. Cloning gives another handle to the same debugger.
#[derive(Clone)]
pub struct Debugger {
    pub(crate) st: Rc<RefCell<State>>,
    /// What a line event needs to know while the program runs on after `c`, kept apart from `st` so the
    /// common "no breakpoint here" answer costs two loads and a compare.
    fast: Rc<Fast>,
}

#[derive(Debug, Default)]
struct Fast {
    /// The stop mode is `Continue`: only breakpoints can stop the program.
    cont: Cell<bool>,
    /// Lines (any file) that hold a breakpoint, by line number.
    lines: RefCell<Vec<bool>>,
}

impl std::fmt::Debug for Debugger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let st = self.st.borrow();
        f.debug_struct("Debugger")
            .field("style", &st.style)
            .field("hook", &st.hook)
            .field("stop", &st.stop)
            .field("breakpoints", &st.bps.iter().flatten().count())
            .finish()
    }
}

/// What made the debugger stop.
#[derive(Debug, Clone, Copy)]
pub(crate) enum StopKind<'a> {
    Line,
    Call,
    Return(&'a Value),
    Exception,
}

impl Debugger {
    /// A debugger that talks through `console`, in [`Style::Ipdb`].
    pub fn new(console: impl Console + 'static) -> Debugger {
        Debugger::with_console(Box::new(console))
    }

    pub(crate) fn with_console(console: Box<dyn Console>) -> Debugger {
        let colors = console.colors();
        Debugger {
            st: Rc::new(RefCell::new(State {
                console,
                style: Style::default(),
                hook: BreakpointHook::default(),
                stop: Stop::Continue,
                bps: Vec::new(),
                last_cmd: String::new(),
                interacting: false,
                capture: false,
                pm: Vec::new(),
                last_exc: None,
                sigint: false,
                cmdqueue: std::collections::VecDeque::new(),
                restart: None,
                gen_returns: Vec::new(),
                aliases: std::collections::BTreeMap::new(),
                displays: Vec::new(),
                bp_commands: std::collections::HashMap::new(),
                currentbp: None,
                jumped: false,
                prompt: None,
                base_depth: 0,
                pm_exc: None,
                last_uncaught: None,
                context: 3,
                default_context: 3,
                colors,
            })),
            fast: Rc::default(),
        }
    }

    /// Tells the interpreter what to report: tracing on or off, and after `c` only the breakpoint lines.
    pub(crate) fn apply(&self, it: &mut Interp) {
        self.sync();
        it.set_tracing(self.wants_tracing());
        it.poll_sigint = self.st.borrow().sigint;
        it.line_filter = if self.fast.cont.get() {
            Some(self.fast.lines.borrow().as_slice().into())
        } else {
            None
        };
    }

    /// Brings the fast-path copy of the stop mode and breakpoint lines up to date.
    fn sync(&self) {
        let st = self.st.borrow();
        self.fast.cont.set(st.stop == Stop::Continue);
        let mut lines = self.fast.lines.borrow_mut();
        lines.clear();
        for b in st.bps.iter().flatten() {
            let l = b.line as usize;
            if lines.len() <= l {
                lines.resize(l + 1, false);
            }
            lines[l] = true;
        }
    }

    /// Chooses pdb's or ipdb's look.
    pub fn with_style(self, style: Style) -> Debugger {
        self.st.borrow_mut().style = style;
        self
    }

    /// The number of source lines ipdb's look shows at each stop and in `w` (ipdb's `context`, 3 by default;
    /// `IPDB_CONTEXT_SIZE` in the CLI). Zero is refused, as IPython refuses it.
    pub fn with_context(self, lines: usize) -> Result<Debugger, Error> {
        if lines == 0 {
            return Err(Error::Argument(
                "Context must be a positive integer".to_string(),
            ));
        }
        {
            let mut st = self.st.borrow_mut();
            st.context = lines;
            st.default_context = lines;
        }
        Ok(self)
    }

    /// Chooses what `breakpoint()` does.
    pub fn set_breakpoint_hook(&self, hook: BreakpointHook) {
        self.st.borrow_mut().hook = hook;
    }

    /// Makes this the interpreter's debugger: `breakpoint()` and `pdb.set_trace()` now stop here.
    pub fn attach(&self, py: &mut Interpreter) {
        let it = py.state();
        it.line_hook = Some(Rc::new(self.clone()));
        self.apply(it);
    }

    /// Stops at the first line the interpreter runs next (what `python -m pdb` does before a program's
    /// first line).
    pub fn set_step(&self, py: &mut Interpreter) {
        self.st.borrow_mut().stop = Stop::FirstLine;
        self.apply(py.state());
    }

    /// Sets a breakpoint before the program runs (pdb's `-c 'b FILE:LINE'`), stopping when `file`'s
    /// `line` is about to run and `cond` (a Python expression evaluated in the frame), if any, is true.
    /// Returns the breakpoint's number. The debugger must be attached to `py`.
    pub fn add_breakpoint(
        &self,
        py: &mut Interpreter,
        file: &str,
        line: u32,
        cond: Option<&str>,
    ) -> Result<usize, Error> {
        if line == 0 {
            return Err(Error::Argument(
                "breakpoint line numbers start at 1".to_string(),
            ));
        }
        let n = {
            let mut st = self.st.borrow_mut();
            let number = st.bps.len() + 1;
            st.bps.push(Some(Bp {
                number,
                file: file.into(),
                shown: file.into(),
                line,
                funcname: None,
                func_first_line: None,
                cond: cond.map(str::to_string),
                hits: 0,
                enabled: true,
                temporary: false,
                ignore: 0,
            }));
            number
        };
        self.apply(py.state());
        Ok(n)
    }

    /// Whether the last run ended because of `run`/`restart` (cleared by this call).
    pub fn take_restart(&self) -> Option<Restart> {
        self.st.borrow_mut().restart.take()
    }

    /// Keeps the frames that uncaught exceptions unwind so that [`Debugger::post_mortem`] can show them
    /// (off by default: it copies each frame an exception leaves).
    pub fn capture_post_mortem(&self, on: bool) {
        let mut st = self.st.borrow_mut();
        st.capture = on;
        if !on {
            st.pm.clear();
        }
    }

    /// Opens the prompt at the frame that raised the last uncaught exception, with its callers above it
    /// (`pdb.post_mortem`); `c`, `n`, `s`, `r` and `q` leave. Needs [`Debugger::capture_post_mortem`]
    /// to have been on while the program ran.
    pub fn post_mortem(&self, py: &mut Interpreter) -> Result<(), Error> {
        let stack: Vec<FrameView> = {
            let st = self.st.borrow();
            st.pm.iter().rev().cloned().collect()
        };
        if stack.is_empty() {
            return Err(Error::Argument(
                "no uncaught exception was recorded: call capture_post_mortem(true) before running the program"
                    .to_string(),
            ));
        }
        let it = py.state();
        let saved = it.tracing();
        it.set_tracing(false);
        let mut s = commands::Session::new(self, stack, None, true);
        it.on_big_stack(|it| s.run(it, StopKind::Line));
        self.apply(it);
        let on = saved && it.tracing();
        it.set_tracing(on);
        Ok(())
    }

    fn wants_tracing(&self) -> bool {
        let st = self.st.borrow();
        match st.stop {
            Stop::Quit => false,
            Stop::Continue => st.has_bps(),
            _ => true,
        }
    }

    /// Opens the prompt for a stop in `fr`, then resumes the program as the user's command says.
    fn interaction(&self, it: &mut Interp, fr: &mut Frame, kind: StopKind<'_>) -> PyResult<()> {
        let me = fr as *const Frame as usize;
        let mut stack = Vec::with_capacity(it.frames.len());
        let mut found = false;
        let base = self.st.borrow().base_depth;
        for i in base.min(it.frames.len())..it.frames.len() {
            if it.frames[i] as usize == me {
                found = true;
                stack.push(FrameView::of(fr, i));
                // Anything above the stopped frame is not running (it cannot be): leave it out.
                break;
            } else if let Some(f) = it.frame_at(i) {
                stack.push(FrameView::of(f, i));
            }
        }
        if !found {
            stack.push(FrameView::of(fr, it.frames.len()));
        }
        // pdb keeps `__return__` in a generator frame's locals after a yield: later stops in that frame show
        // the value too.
        {
            let mut st = self.st.borrow_mut();
            if let (StopKind::Return(v), true) = (kind, fr.code.is_generator) {
                let addr = fr as *const Frame as usize;
                st.gen_returns.retain(|(a, _)| *a != addr);
                st.gen_returns.push((addr, v.clone()));
            }
            for view in stack.iter_mut().filter(|v| v.code.is_generator) {
                if let Some((_, v)) = st.gen_returns.iter().find(|(a, _)| *a == view.id.addr) {
                    view.ret = Some(v.clone());
                }
            }
        }
        if let (StopKind::Return(v), Some(top)) = (kind, stack.last_mut()) {
            top.ret = Some(v.clone());
            if top.from_slots {
                top.locals.borrow_mut().set_str("__return__", v.clone());
            }
        }
        let _ = it.out.flush();
        it.set_tracing(false);
        self.release_sigint(it);
        let mut s = commands::Session::new(self, stack, Some(fr), false);
        s.run(it, kind);
        drop(s);
        self.apply(it);
        if matches!(self.st.borrow().stop, Stop::Quit) {
            return Err(quit_error());
        }
        if it.jump_to.is_some() {
            return Err(marked_error(JUMP_MARK));
        }
        Ok(())
    }

    /// bdb's `break_here`: a breakpoint at this line (or, for `b FUNCTION`, at the code's first line)
    /// whose function check and condition pass. Counts hits as bdb does.
    fn break_here(&self, it: &mut Interp, fr: &mut Frame) -> bool {
        let (file, line, first) = (fr.code.filename.clone(), fr.line, fr.code.firstline);
        let candidates: Vec<usize> = {
            let st = self.st.borrow();
            let at = |l: u32| -> Vec<usize> {
                st.bps
                    .iter()
                    .flatten()
                    .filter(|b| b.line == l && b.file == file)
                    .map(|b| b.number)
                    .collect()
            };
            let here = at(line);
            if here.is_empty() { at(first) } else { here }
        };
        for n in candidates {
            let cond = {
                let mut st = self.st.borrow_mut();
                let Some(Some(b)) = st.bps.get_mut(n - 1) else {
                    continue;
                };
                if !b.enabled {
                    continue;
                }
                match &b.funcname {
                    None if b.line != line => continue,
                    None => {}
                    Some(f) if *f != fr.code.name => continue,
                    Some(_) => {
                        let first_line = *b.func_first_line.get_or_insert(line);
                        if first_line != line {
                            continue;
                        }
                    }
                }
                b.hits += 1;
                if b.cond.is_none() && b.ignore > 0 {
                    b.ignore -= 1;
                    continue;
                }
                b.cond.clone()
            };
            let Some(cond) = cond else {
                self.hit(n);
                return true;
            };
            let view = FrameView::of(fr, it.frames.len().saturating_sub(1));
            let r = commands::eval_in(it, &view, &cond, true)
                .map_err(|_| ())
                .and_then(|v| match v {
                    Ok(v) => it.truthy(&v).map_err(|_| ()),
                    Err(_) => Err(()),
                });
            // An error in the condition stops (and keeps a temporary breakpoint), as bdb does.
            match r {
                Ok(true) => {
                    let mut st = self.st.borrow_mut();
                    if let Some(Some(b)) = st.bps.get_mut(n - 1) {
                        if b.ignore > 0 {
                            b.ignore -= 1;
                            continue;
                        }
                    }
                    drop(st);
                    self.hit(n);
                    return true;
                }
                Err(()) => return true,
                Ok(false) => {}
            }
        }
        false
    }
}

impl Debugger {
    /// Puts back the SIGINT handler `c` replaced (pdb does so at each stop).
    fn release_sigint(&self, it: &mut Interp) {
        let mut st = self.st.borrow_mut();
        if st.sigint {
            st.sigint = false;
            sigint::disarm();
        }
        it.poll_sigint = false;
    }

    /// After `c`: Ctrl-C should interrupt the program (when the console is one a person types at).
    pub(crate) fn catch_sigint(&self) {
        let mut st = self.st.borrow_mut();
        if !st.sigint && st.console.catches_interrupts() {
            st.sigint = sigint::arm();
        }
    }

    /// A breakpoint stops the program: a temporary one is deleted first, with pdb's message.
    fn hit(&self, n: usize) {
        let mut st = self.st.borrow_mut();
        st.currentbp = Some(n);
        let temporary = matches!(st.bps.get(n - 1), Some(Some(b)) if b.temporary);
        if temporary {
            if let Some(b) = st.bps[n - 1].take() {
                st.write(&format!(
                    "Deleted breakpoint {} at {}:{}\n",
                    b.number, b.shown, b.line
                ));
            }
            drop(st);
            self.sync();
        }
    }
}

impl Tracer for Debugger {
    fn event(&self, it: &mut Interp, fr: &mut Frame, ev: TraceEvent<'_>) -> PyResult<()> {
        if self.fast.cont.get() {
            // After `c`, only a breakpoint line can stop the program.
            if !matches!(ev, TraceEvent::Line) {
                return Ok(());
            }
            let lines = self.fast.lines.borrow();
            let marked = |l: u32| lines.get(l as usize).copied().unwrap_or(false);
            if !marked(fr.line) && !marked(fr.code.firstline) {
                return Ok(());
            }
        }
        let id = FrameId::of(fr, it.frames.len().saturating_sub(1));
        match ev {
            TraceEvent::Line => {
                let (here, maybe) = {
                    let st = self.st.borrow();
                    if st.interacting {
                        return Ok(());
                    }
                    if st.jumped {
                        drop(st);
                        return self.interaction(it, fr, StopKind::Line);
                    }
                    let maybe = !st.bps.is_empty()
                        && st.maybe_break(&fr.code.filename, fr.line, fr.code.firstline);
                    (
                        st.stop_here(id, fr.line) || st.stop == Stop::FirstLine,
                        maybe,
                    )
                };
                if here || (maybe && self.break_here(it, fr)) {
                    return self.interaction(it, fr, StopKind::Line);
                }
                Ok(())
            }
            TraceEvent::Call => {
                {
                    let mut st = self.st.borrow_mut();
                    // bdb ignores a generator's calls (its start and every resumption) unless stepping.
                    let is_gen = fr.code.is_generator;
                    if is_gen && fr.line == fr.code.firstline {
                        let addr = id.addr;
                        st.gen_returns.retain(|(a, _)| *a != addr);
                    }
                    if st.interacting
                        || !st.stop_here(id, fr.line)
                        || (is_gen && st.stop != Stop::Step)
                    {
                        return Ok(());
                    }
                    st.write("--Call--\n");
                }
                self.interaction(it, fr, StopKind::Call)
            }
            TraceEvent::Return(v) => {
                {
                    let mut st = self.st.borrow_mut();
                    let is_ret = matches!(st.stop, Stop::Return { ret, .. } | Stop::Until { frame: ret, .. } if ret == id);
                    if st.interacting || !(st.stop_here(id, fr.line) || is_ret) {
                        return Ok(());
                    }
                    // A generator's returns (its yields too) stop only a step, as in bdb.
                    if fr.code.is_generator && st.stop != Stop::Step {
                        return Ok(());
                    }
                    st.write("--Return--\n");
                }
                self.interaction(it, fr, StopKind::Return(v))?;
                let mut st = self.st.borrow_mut();
                // `n` or `until` issued at a return: carry on to the next event in the caller (bdb turns it
                // into a step).
                if st.stop == Stop::Next(id)
                    || matches!(st.stop, Stop::Until { frame, .. } if frame == id)
                {
                    st.stop = Stop::Step;
                    drop(st);
                    self.apply(it);
                }
                Ok(())
            }
            TraceEvent::Exception(e) => {
                if matches!(e.kind, ExcKind::Limit(_)) {
                    return Ok(());
                }
                let key = (e as *const Exc as usize, id.depth, fr.line);
                {
                    let mut st = self.st.borrow_mut();
                    if st.interacting || st.last_exc == Some(key) {
                        return Ok(());
                    }
                    st.last_exc = Some(key);
                    if !st.stop_here(id, fr.line) {
                        return Ok(());
                    }
                }
                let summary = it.to_host_exception(Box::new(e.clone()), None).summary();
                self.st.borrow_mut().write(&format!("{summary}\n"));
                self.interaction(it, fr, StopKind::Exception)
            }
        }
    }

    fn breakpoint(
        &self,
        it: &mut Interp,
        args: &[Value],
        kw: &[(RcStr, Value)],
    ) -> PyResult<Value> {
        let hook = self.st.borrow().hook.clone();
        match hook {
            BreakpointHook::Debugger => self.set_trace(it, args, kw),
            BreakpointHook::Disabled => Ok(Value::None),
            BreakpointHook::Custom(f) => {
                if !kw.is_empty() {
                    return Err(Exc::type_err(
                        "the host's breakpoint hook takes no keyword arguments",
                    ));
                }
                f(args).map_err(|e| host_exc(it, e))
            }
        }
    }

    fn set_trace(&self, it: &mut Interp, args: &[Value], kw: &[(RcStr, Value)]) -> PyResult<Value> {
        if !args.is_empty() {
            return Err(Exc::type_err(format!(
                "set_trace() takes 0 positional arguments but {} {} given",
                args.len(),
                if args.len() == 1 { "was" } else { "were" }
            )));
        }
        let mut header = None;
        for (k, v) in kw {
            if &**k != "header" {
                return Err(Exc::type_err(format!(
                    "set_trace() got an unexpected keyword argument '{k}'"
                )));
            }
            header = Some(v.clone());
        }
        let mut st = self.st.borrow_mut();
        if st.interacting {
            return Ok(Value::None);
        }
        if let Some(h) = header.filter(|h| !matches!(h, Value::None)) {
            drop(st);
            let text = it.to_str(&h)?;
            st = self.st.borrow_mut();
            st.write(&format!("{text}\n"));
        }
        st.stop = Stop::Step;
        drop(st);
        self.apply(it);
        Ok(Value::None)
    }

    fn interrupt(&self, it: &mut Interp) {
        {
            let mut st = self.st.borrow_mut();
            if st.interacting || st.stop == Stop::Quit {
                return;
            }
            st.write("\nProgram interrupted. (Use 'cont' to resume).\n");
            st.stop = Stop::Step;
        }
        self.apply(it);
    }

    fn unwind(&self, _it: &mut Interp, fr: &Frame, e: &Exc) {
        let Ok(mut st) = self.st.try_borrow_mut() else {
            return;
        };
        if !st.capture || st.interacting || matches!(e.kind, ExcKind::Limit(_)) {
            return;
        }
        if e.tb.is_empty() {
            st.pm.clear();
        }
        let mut v = FrameView::of(fr, 0);
        v.exc_line = Some(fr.line);
        st.pm.push(v);
        st.pm_exc = Some(e as *const Exc as usize);
    }

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }
}

/// Whether Ctrl-C arrived while the debugger's SIGINT handler was installed (clears the record).
#[cfg_attr(feature = "untraced", allow(dead_code))]
pub(crate) fn sigint_pending() -> bool {
    sigint::take()
}

/// The uncatchable error `q` raises; `Interpreter` turns it into [`Error::DebuggerQuit`].
fn quit_error() -> Box<Exc> {
    marked_error(QUIT_MARK)
}

/// The text of [`quit_error`]'s exception.
pub(crate) fn quit_error_text() -> &'static str {
    QUIT_MARK
}

fn marked_error(mark: &str) -> Box<Exc> {
    Exc::bare(ExcKind::Limit(mark.to_string()))
}

fn host_exc(it: &Interp, e: HostError) -> Box<Exc> {
    match it.types.exc.get_key_value(e.exception.as_str()) {
        Some((name, c)) if c.kind == crate::value::Kind::Exception => Exc::new(name, e.message),
        _ => Exc::new("RuntimeError", format!("{}: {}", e.exception, e.message)),
    }
}

/// `breakpoint(*args, **kws)`: asks the attached debugger (or does nothing when none is attached).
pub(crate) fn breakpoint_builtin(
    it: &mut Interp,
    args: &[Value],
    kw: &[(RcStr, Value)],
) -> PyResult<Value> {
    match it.line_hook.clone() {
        Some(h) => h.breakpoint(it, args, kw),
        None => Ok(Value::None),
    }
}

fn set_trace_builtin(it: &mut Interp, args: &[Value], kw: &[(RcStr, Value)]) -> PyResult<Value> {
    match it.line_hook.clone() {
        Some(h) => h.set_trace(it, args, kw),
        None => Ok(Value::None),
    }
}

/// The `pdb` and `ipdb` modules evalx code can import: `set_trace()` enters the attached debugger.
pub(crate) fn debugger_module(it: &mut Interp, name: &str) -> Value {
    // A program that imports pdb or ipdb may call post_mortem(): from now on the frames exceptions unwind
    // are kept (a cost on exceptions only, paid by the programs that can use it).
    postmortem::note_import(it);
    let mut d = Dict::new();
    d.set_str("__name__", Value::str(name));
    d.set_str(
        "__doc__",
        Value::str("The evalx debugger: set_trace() stops at the next line and opens its prompt."),
    );
    let set_trace: crate::value::NativeFn = if name == "ipdb" {
        postmortem::ipdb_set_trace_builtin
    } else {
        set_trace_builtin
    };
    let fns: [(&'static str, crate::value::NativeFn); 3] = [
        ("set_trace", set_trace),
        ("post_mortem", postmortem::post_mortem_builtin),
        ("pm", postmortem::pm_builtin),
    ];
    for (n, func) in fns {
        d.set_str(
            n,
            Value::Builtin(Rc::new(Builtin {
                name: n,
                func,
                this: None,
            })),
        );
    }
    Value::Module(Rc::new(Module {
        name: name.into(),
        dict: Rc::new(RefCell::new(d)),
    }))
}
