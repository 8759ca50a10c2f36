//! Post-mortem debugging called from the program: `pdb.post_mortem([t])` and `ipdb.post_mortem([tb])` on
//! the exception being handled, `pdb.pm()`/`ipdb.pm()` on the last uncaught one; and ipdb's
//! `set_trace(frame=None, context=None, cond=True)`.

use super::view::FrameView;
use super::{Debugger, StopKind, commands};
use crate::interp::{Exc, Interp, PyResult};
use crate::thin::RcStr;
use crate::value::Value;

/// The attached debugger, when it is evalx's.
fn debugger(it: &Interp) -> Option<Debugger> {
    let hook = it.line_hook.clone()?;
    hook.as_any()?.downcast_ref::<Debugger>().cloned()
}

fn no_kw(name: &str, kw: &[(RcStr, Value)], allowed: &[&str]) -> PyResult<()> {
    match kw.iter().find(|(k, _)| !allowed.contains(&&**k)) {
        Some((k, _)) => Err(Exc::type_err(format!(
            "{name}() got an unexpected keyword argument '{k}'"
        ))),
        None => Ok(()),
    }
}

/// The stack of a post-mortem on the exception being handled: the live frames down to the one that
/// caught it (shown at the line the exception passed), then the frames it unwound, kept when
/// [`Debugger::capture_post_mortem`] is on.
fn handled_stack(dbg: &Debugger, it: &Interp) -> Vec<FrameView> {
    let mut stack = Vec::new();
    let n = it.frames.len();
    for i in 0..n.saturating_sub(1) {
        if let Some(f) = it.frame_at(i) {
            stack.push(FrameView::of(f, i));
        }
    }
    let st = dbg.st.borrow();
    let handled = it.handling.last().map(|e| &**e as *const Exc as usize);
    let unwound = handled.is_some() && st.pm_exc == handled && !st.pm.is_empty();
    if let Some(top) = it.top_frame() {
        let mut v = FrameView::of(top, n.saturating_sub(1));
        if it.caught_line != 0 {
            v.line = it.caught_line;
        }
        stack.push(v);
    }
    if unwound {
        stack.extend(st.pm.iter().rev().cloned());
    }
    stack
}

/// `import pdb` / `import ipdb`: the attached debugger starts keeping unwound frames.
pub(super) fn note_import(it: &Interp) {
    if let Some(dbg) = debugger(it) {
        dbg.capture_post_mortem(true);
    }
}

/// Runs a post-mortem prompt over `stack` (the program goes on afterwards, whatever the user typed).
fn session(dbg: &Debugger, it: &mut Interp, stack: Vec<FrameView>) {
    let saved = dbg.st.borrow().stop;
    let tracing = it.tracing();
    it.set_tracing(false);
    let mut s = commands::Session::new(dbg, stack, None, true);
    s.run(it, StopKind::Line);
    drop(s);
    dbg.st.borrow_mut().stop = saved;
    dbg.apply(it);
    let on = tracing && it.tracing();
    it.set_tracing(on);
}

/// `pdb.post_mortem(t=None)` / `ipdb.post_mortem(tb=None)`: a traceback argument is accepted as the
/// exception being handled's (evalx has no traceback objects apart from it).
pub(super) fn post_mortem_builtin(
    it: &mut Interp,
    args: &[Value],
    kw: &[(RcStr, Value)],
) -> PyResult<Value> {
    no_kw("post_mortem", kw, &["t", "tb"])?;
    if args.len() > 1 {
        return Err(Exc::type_err(format!(
            "post_mortem() takes from 0 to 1 positional arguments but {} were given",
            args.len()
        )));
    }
    let Some(dbg) = debugger(it) else {
        return Ok(Value::None);
    };
    if it.handling.is_empty() {
        return Err(Exc::value_err(
            "A valid traceback must be passed if no exception is being handled",
        ));
    }
    if dbg.st.borrow().interacting {
        return Ok(Value::None);
    }
    let stack = handled_stack(&dbg, it);
    {
        let mut st = dbg.st.borrow_mut();
        st.context = st.default_context;
    }
    session(&dbg, it, stack);
    Ok(Value::None)
}

/// `pdb.pm()` / `ipdb.pm()`: post-mortem on the last uncaught exception (`sys.last_traceback`, which only
/// an interactive session sets).
pub(super) fn pm_builtin(
    it: &mut Interp,
    args: &[Value],
    kw: &[(RcStr, Value)],
) -> PyResult<Value> {
    no_kw("pm", kw, &[])?;
    if !args.is_empty() {
        return Err(Exc::type_err(format!(
            "pm() takes 0 positional arguments but {} {} given",
            args.len(),
            if args.len() == 1 { "was" } else { "were" }
        )));
    }
    let Some(dbg) = debugger(it) else {
        return Ok(Value::None);
    };
    let stack = dbg.st.borrow().last_uncaught.clone();
    match stack {
        Some(stack) if !stack.is_empty() => {
            session(&dbg, it, stack);
            Ok(Value::None)
        }
        _ => Err(Exc::new(
            "AttributeError",
            "module 'sys' has no attribute 'last_traceback'",
        )),
    }
}

/// ipdb's `set_trace(frame=None, context=None, cond=True)`.
pub(super) fn ipdb_set_trace_builtin(
    it: &mut Interp,
    args: &[Value],
    kw: &[(RcStr, Value)],
) -> PyResult<Value> {
    if args.len() > 3 {
        return Err(Exc::type_err(format!(
            "set_trace() takes from 0 to 3 positional arguments but {} were given",
            args.len()
        )));
    }
    let names = ["frame", "context", "cond"];
    let mut vals: [Option<Value>; 3] = [None, None, None];
    for (i, a) in args.iter().enumerate() {
        vals[i] = Some(a.clone());
    }
    for (k, v) in kw {
        let Some(i) = names.iter().position(|n| *n == &**k) else {
            return Err(Exc::type_err(format!(
                "set_trace() got an unexpected keyword argument '{k}'"
            )));
        };
        if vals[i].is_some() {
            return Err(Exc::type_err(format!(
                "set_trace() got multiple values for argument '{k}'"
            )));
        }
        vals[i] = Some(v.clone());
    }
    if let Some(cond) = &vals[2] {
        if !it.truthy(cond)? {
            return Ok(Value::None);
        }
    }
    if !matches!(vals[0], None | Some(Value::None)) {
        return Err(Exc::type_err(
            "set_trace(): evalx has no frame objects; leave frame out (the caller's frame is used)",
        ));
    }
    let context = match &vals[1] {
        None | Some(Value::None) => None,
        Some(v) => Some(context_value(it, v)?),
    };
    let Some(dbg) = debugger(it) else {
        return Ok(Value::None);
    };
    // Each ipdb.set_trace() makes a new debugger: its context, or IPDB_CONTEXT_SIZE's.
    {
        let mut st = dbg.st.borrow_mut();
        st.context = context.unwrap_or(st.default_context);
    }
    use crate::interp::Tracer;
    dbg.set_trace(it, &[], &[])
}

/// IPython's `int(context)`, which must be positive.
pub(crate) fn context_value(it: &mut Interp, v: &Value) -> PyResult<usize> {
    let bad = || Exc::value_err("Context must be a positive integer");
    let n: i64 = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(b.get()),
        Value::Float(f) if f.is_finite() => f.trunc() as i64,
        Value::Str(s) => s.trim().parse().map_err(|_| bad())?,
        _ => {
            let _ = it;
            return Err(bad());
        }
    };
    if n <= 0 {
        return Err(bad());
    }
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

impl Debugger {
    /// Keeps the frames of the uncaught exception that just ended a run, for `pdb.pm()` (what Python's
    /// interactive loop does with `sys.last_traceback`). Needs [`Debugger::capture_post_mortem`].
    pub fn record_uncaught(&self) {
        let mut st = self.st.borrow_mut();
        let stack: Vec<FrameView> = st.pm.iter().rev().cloned().collect();
        st.last_uncaught = Some(stack);
    }
}
