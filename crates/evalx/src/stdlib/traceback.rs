//! `traceback`: `format_exc`/`print_exc`, `format_exception`/`print_exception`, `format_exception_only`,
//! `format_tb`/`print_tb`/`extract_tb`, `FrameSummary`, `StackSummary` and `TracebackException`.
//!
//! The text of a whole exception (its chain of causes and contexts included) is the interpreter's own
//! rendering of an uncaught exception ([`crate::error::PyException::render`]), so both print the same.
//! A caught exception keeps the entries of its traceback under a hidden instance attribute (see
//! [`remember`]); `e.__traceback__` turns them, on first use, into `traceback` objects (`tb_frame`,
//! `tb_lineno`, `tb_next`) that the module's Python part defines.

use super::{Kw, arity};
use crate::builtins::FrameSnap;
use crate::error::TraceEntry;
use crate::interp::positions::PendingPos;
use crate::interp::{Exc, ExcKind, Interp, PyResult};
use crate::value::{Instance, NativeState, Value};
use std::rc::Rc;

/// Where a caught exception's traceback entries are kept on its instance (innermost first, as in `Exc`).
const HIDDEN: &str = "__evalx_traceback__";

/// Where the caret positions of those entries are kept (a native `Vec<PendingPos>`), so that the
/// exception raised again, or thrown into a generator (`contextmanager`'s `__exit__`), keeps its carets.
pub(crate) const HIDDEN_POSITIONS: &str = "__evalx_positions__";

/// Records the traceback an exception was caught with on its instance: each entry with its frame object.
pub(crate) fn remember(it: &mut Interp, inst: &Rc<Instance>, ex: &Exc) {
    let mut entries = Vec::with_capacity(ex.tb.len());
    for (i, e) in ex.tb.iter().enumerate() {
        let frame = match ex.frames.get(i) {
            Some(Some(snap)) => crate::builtins::snap_object(it, snap),
            _ => Value::None,
        };
        entries.push(Value::tuple(vec![
            Value::str(&e.filename),
            Value::Int(i64::from(e.line)),
            Value::str(&e.func),
            e.text.as_deref().map_or(Value::None, Value::str),
            frame,
        ]));
    }
    let mut d = inst.dict.borrow_mut();
    d.set_str(HIDDEN, Value::tuple(entries));
    if ex.positions.is_empty() {
        d.remove(&Value::str(HIDDEN_POSITIONS));
    } else {
        let kept: Box<dyn std::any::Any> = Box::new(ex.positions.clone());
        d.set_str(
            HIDDEN_POSITIONS,
            Value::Native(Rc::new(NativeState(std::cell::RefCell::new(kept)))),
        );
    }
    // A `__traceback__` object made for an earlier catch is stale now.
    d.remove(&Value::str("__traceback__"));
}

/// The caret positions remembered with an exception instance's traceback entries.
pub(crate) fn recall_positions(inst: &Rc<Instance>) -> Vec<PendingPos> {
    match inst.dict.borrow().get_str(HIDDEN_POSITIONS) {
        Some(Value::Native(st)) => {
            st.0.borrow()
                .downcast_ref::<Vec<PendingPos>>()
                .cloned()
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// The traceback entries remembered on an exception instance (innermost first), if it was caught.
pub(crate) fn recall(inst: &Rc<Instance>) -> Vec<TraceEntry> {
    recall_with_frames(inst).0
}

/// [`recall`], with the frame object of each entry (`None` where unknown).
pub(crate) fn recall_with_frames(
    inst: &Rc<Instance>,
) -> (Vec<TraceEntry>, Vec<Option<Rc<FrameSnap>>>) {
    let d = inst.dict.borrow();
    let Some(Value::Tuple(t)) = d.get_str(HIDDEN) else {
        return (Vec::new(), Vec::new());
    };
    t.iter()
        .filter_map(|e| match e {
            Value::Tuple(f) if f.len() >= 4 => Some((
                entry_of(f),
                match f.get(4) {
                    Some(Value::Instance(fi)) => Some(crate::builtins::snap_of_object(fi.clone())),
                    _ => None,
                },
            )),
            _ => None,
        })
        .unzip()
}

/// A traceback entry from its `(filename, lineno, name, line, ...)` tuple.
fn entry_of(f: &[Value]) -> TraceEntry {
    TraceEntry {
        filename: str_of(&f[0]),
        line: match f[1] {
            Value::Int(n) => u32::try_from(n).unwrap_or(0),
            _ => 0,
        },
        func: str_of(&f[2]),
        text: match &f[3] {
            Value::Str(s) => Some(s.to_string()),
            _ => None,
        },
        carets: None,
    }
}

fn str_of(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        _ => String::new(),
    }
}

/// `e.__traceback__`: `None` for an exception never raised and caught, else a chain of `traceback`
/// objects (made once, then kept in the instance's dict).
pub(crate) fn tb_object(it: &mut Interp, inst: &Rc<Instance>) -> Value {
    let entries = inst.dict.borrow().get_str(HIDDEN).cloned();
    let Some(entries) = entries else {
        return Value::None;
    };
    let made = (|| -> PyResult<Value> {
        let m = it.import("traceback")?;
        let f = it.get_attr(&m, "_tb_chain")?;
        it.call(&f, vec![entries], Vec::new())
    })();
    match made {
        Ok(v) => {
            inst.dict.borrow_mut().set_str("__traceback__", v.clone());
            v
        }
        Err(_) => Value::None,
    }
}

/// The exception an instance stands for, its causes and contexts rebuilt from its attributes.
fn exc_of(it: &mut Interp, inst: &Rc<Instance>, depth: usize) -> Box<Exc> {
    let tb = recall(inst);
    let mut ex = Exc::with_tb(ExcKind::Obj(inst.clone()), tb);
    ex.positions = recall_positions(inst);
    if depth > 64 {
        return ex;
    }
    let (cause, context, suppress) = {
        let d = inst.dict.borrow();
        (
            d.get_str("__cause__").cloned(),
            d.get_str("__context__").cloned(),
            d.get_str("__suppress_context__").cloned(),
        )
    };
    if let Some(Value::Instance(c)) = cause {
        ex.cause = Some(exc_of(it, &c, depth + 1));
        ex.suppress_context = true;
    }
    if let Some(Value::Instance(c)) = context {
        if !Rc::ptr_eq(&c, inst) {
            ex.context = Some(exc_of(it, &c, depth + 1));
        }
    }
    if let Some(s) = suppress {
        ex.suppress_context = it.truthy(&s).unwrap_or(ex.suppress_context);
    }
    ex
}

/// Keeps the entries `keep` of `ex`'s traceback (innermost-first indices), with their frames and
/// caret positions.
fn keep_entries(ex: &mut Exc, keep: std::ops::Range<usize>) {
    if ex.frames.len() == ex.tb.len() {
        ex.frames.truncate(keep.end);
        ex.frames.drain(..keep.start);
    } else {
        ex.frames.clear();
    }
    ex.tb.truncate(keep.end);
    ex.tb.drain(..keep.start);
    ex.positions.retain(|p| keep.contains(&p.entry));
    for p in &mut ex.positions {
        p.entry -= keep.start;
    }
}

/// Keeps `limit` entries of every traceback in the chain (CPython's `limit`: positive keeps the
/// outermost, negative the innermost).
fn apply_limit(ex: &mut Exc, limit: Option<i64>, chain: bool) {
    if let Some(n) = limit {
        let len = ex.tb.len();
        if n >= 0 {
            // `tb` is innermost first: the outermost `n` are its last `n`.
            let keep = usize::try_from(n).unwrap_or(0).min(len);
            keep_entries(ex, len - keep..len);
        } else {
            let keep = usize::try_from(n.unsigned_abs())
                .unwrap_or(usize::MAX)
                .min(len);
            keep_entries(ex, 0..keep);
        }
    }
    if chain {
        if let Some(c) = ex.cause.as_mut() {
            apply_limit(c, limit, chain);
        }
        if let Some(c) = ex.context.as_mut() {
            apply_limit(c, limit, chain);
        }
    } else {
        ex.cause = None;
        ex.context = None;
    }
}

/// Shows `ex` with the traceback `given` (entry tuples, outermost first) instead of its own, as
/// `print_exception(exc, value, tb)` does: a tail of its own (`tb.tb_next`...) keeps its carets.
fn use_traceback(ex: &mut Exc, given: &[Value]) {
    let given: Vec<TraceEntry> = given
        .iter()
        .filter_map(|v| match v {
            Value::Tuple(f) if f.len() >= 4 => Some(entry_of(f)),
            _ => None,
        })
        .collect();
    let len = ex.tb.len();
    let m = given.len();
    let same = |a: &TraceEntry, b: &TraceEntry| {
        a.filename == b.filename && a.line == b.line && a.func == b.func
    };
    // `ex.tb` is innermost first: the outermost `len - m` dropped leaves its first `m`.
    if m <= len && ex.tb[..m].iter().rev().zip(&given).all(|(a, b)| same(a, b)) {
        keep_entries(ex, 0..m);
        return;
    }
    ex.tb = given.into_iter().rev().collect();
    ex.frames.clear();
    ex.positions.clear();
}

/// `_render(exc, limit, chain)`: the text CPython prints for the exception `exc` (`None`: the one being
/// handled now), or `None` when there is none.
fn render(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_render", args, kw, 3, 4)?;
    let limit = match &args[1] {
        Value::Int(n) => Some(*n),
        _ => None,
    };
    let chain = it.truthy(&args[2])?;
    let mut ex = match &args[0] {
        Value::None => match it.handling.last() {
            Some(e) => e.clone(),
            None => return Ok(Value::None),
        },
        Value::Instance(inst) => {
            let handled = it
                .handling
                .iter()
                .rev()
                .find(|e| matches!(&e.kind, ExcKind::Obj(i) if Rc::ptr_eq(i, inst)));
            match handled {
                Some(e) => e.clone(),
                None => exc_of(it, inst, 0),
            }
        }
        _ => return Ok(Value::None),
    };
    if let Some(Value::List(given)) = args.get(3) {
        let given = given.borrow().clone();
        use_traceback(&mut ex, &given);
    }
    apply_limit(&mut ex, limit, chain);
    let host = it.to_host_exception(ex, None);
    Ok(Value::str(&host.render()))
}

/// `_stack()`: the running frames, outermost first, as `(filename, lineno, name, line, module)` (the
/// innermost is the Python function that called `_stack`), for `extract_stack`, `warnings.warn`'s
/// `stacklevel` and `inspect.stack`.
fn stack(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_stack", args, kw, 0, 0)?;
    let n = it.frame_count();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let fr = if i + 1 == n {
            it.top_frame()
        } else {
            it.frame_at(i)
        };
        let Some(fr) = fr else { continue };
        let e = Interp::trace_entry(&fr.code, fr.line);
        let module = fr
            .globals
            .borrow()
            .get_str("__name__")
            .cloned()
            .unwrap_or(Value::None);
        out.push(Value::tuple(vec![
            Value::str(&e.filename),
            Value::Int(i64::from(e.line)),
            Value::str(&e.func),
            e.text.as_deref().map_or(Value::None, Value::str),
            module,
        ]));
    }
    Ok(Value::list(out))
}

const SOURCE: &str = include_str!("py/traceback.py");

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "traceback",
        "Extract, format and print information about Python stack traces.",
        &[("_render", render), ("_stack", stack)],
        SOURCE,
    )
}
