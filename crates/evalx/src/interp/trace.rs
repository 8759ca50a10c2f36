//! Debugger hooks: line, call, return and exception events, and the frame stack a debugger reads.

use super::*;

impl Interp {
    /// A statement's line event. A comprehension is one line to CPython, whose line events there come only
    /// from its loop (the start of the outermost `for`, then every jump back to a loop header): its other
    /// statements (the accumulator, the element, the filters, the return) report nothing.
    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    pub(crate) fn stmt_event(&mut self, s: &St, fr: &mut Frame) -> PyResult<()> {
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
    pub(crate) fn line_event(&mut self, fr: &mut Frame) -> PyResult<()> {
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
    pub(crate) fn trace_call(&mut self, fr: &mut Frame) -> PyResult<()> {
        self.unfiltered_event(fr, TraceEvent::Call)
    }

    /// Sends a call or exception event to the tracer, unless only breakpoint lines are being watched (after
    /// `c`, `line_filter` is set and those events are of no interest).
    #[cfg_attr(feature = "untraced", allow(dead_code))]
    pub(crate) fn unfiltered_event(
        &mut self,
        fr: &mut Frame,
        event: TraceEvent<'_>,
    ) -> PyResult<()> {
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
    pub(crate) fn trace_yield(&mut self, fr: &mut Frame, v: &Value) -> PyResult<()> {
        self.unfiltered_event(fr, TraceEvent::Return(v))
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    pub(crate) fn trace_exit(&mut self, fr: &mut Frame, r: PyResult<Flow>) -> PyResult<Flow> {
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
    pub(crate) fn trace_exception(&mut self, fr: &mut Frame, e: &Exc) -> PyResult<()> {
        self.unfiltered_event(fr, TraceEvent::Exception(e))
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    pub(crate) fn run_traced(&mut self, code: &Code, fr: &mut Frame) -> PyResult<Flow> {
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
    pub(crate) fn loop_line(&mut self, fr: &mut Frame, line: u32) -> PyResult<()> {
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
}
