//! Frame objects for introspection (`gen.gi_frame`, `coro.cr_frame`, `agen.ag_frame`): an instance of the
//! built-in class `frame` with CPython's `f_*` attributes, read from the interpreter's frame when it is
//! reached.
//!
//! A frame object for a frame that still runs (`sys._getframe()`, `inspect.currentframe()`, the frame of
//! a suspended generator) is live: the interpreter keeps it in `Interp::frame_objs` by the frame's
//! address, and `f_lineno`, `f_locals` and `f_back` read the frame itself (`f_locals` is one dict per
//! frame object, refreshed on each read, as CPython 3.11's is). When the frame returns, its objects keep
//! what they last showed ([`retire_frame`]). A frame object made once its frame is gone (a finished
//! stackless generator's) is a picture; `f_lasti` is -1, as evalx runs a tree, not bytecode.

use super::*;
use crate::compile::{Code, ScopeKind};
use std::cell::RefCell;

/// A frame object for `code`, with the line and variables of `fr` when the frame exists (a generator
/// that has not started has none yet: its line is the `def` line and its locals empty).
pub(crate) fn frame_object(it: &mut Interp, code: &Rc<Code>, fr: Option<&Frame>) -> Value {
    let cls = it.types.exc["frame"].clone();
    let inst = Rc::new(Instance {
        dict: Instance::new_dict(&cls),
        class: cls,
        hash: crate::value::no_user_hash(),
        native: None,
    });
    let code_obj = function_code(it, code);
    let (line, locals, globals) = match fr {
        Some(fr) => (
            fr.line.max(1),
            Value::Dict(frame_locals(fr)),
            Value::Dict(fr.globals.clone()),
        ),
        None => (
            code.firstline.max(1),
            Value::dict(Dict::new()),
            Value::dict(Dict::new()),
        ),
    };
    let fields = [
        ("f_back", Value::None),
        ("f_builtins", Value::Dict(it.builtins.clone())),
        ("f_code", code_obj),
        ("f_globals", globals),
        ("f_lasti", Value::Int(-1)),
        ("f_lineno", Value::Int(line as i64)),
        ("f_locals", locals),
        ("f_trace", Value::None),
        ("f_trace_lines", Value::bool(true)),
        ("f_trace_opcodes", Value::bool(false)),
    ];
    for (name, v) in fields {
        inst.dict.set_str(name, v);
    }
    Value::Instance(inst)
}

/// The `gi_frame`/`cr_frame`/`ag_frame` of a generator state: `None` once it has finished, else a frame
/// object read from its suspended frame (the first of the shadow-stack entries it keeps while suspended).
pub(crate) fn generator_frame(it: &mut Interp, st: &crate::interp::GenState) -> Value {
    let Some(code) = st.code.clone() else {
        return Value::None;
    };
    if st.finished {
        return Value::None;
    }
    let fr = match (&st.pending, st.frames.first(), &st.flat) {
        (Some(p), _, _) => Some(&**p as *const Frame),
        // A suspended stackful generator's frame stays where it is until the generator finishes (or is
        // finished off when dropped), which retires its objects: its frame object is live.
        (None, Some(&p), _) => return live_object_at(it, p),
        // A stackless generator keeps its frame in its own state.
        (None, None, Some(f)) => Some(&f.frame as *const Frame),
        (None, None, None) => None,
    };
    // SAFETY: a suspended generator's shadow-stack entries point at frames on its own (suspended) stack,
    // which nothing touches until it is resumed; `pending` is owned by the state. Both outlive this call,
    // which only reads them.
    let fr = fr.map(|p| unsafe { &*p });
    frame_object(it, &code, fr)
}

/// The frame object of the running frame `depth` levels up the shadow stack (0: the innermost), made once
/// per frame and live until the frame returns. `None` when the stack is not that deep.
pub(crate) fn live_frame_object(it: &mut Interp, depth: usize) -> Option<Value> {
    let idx = it.frames.len().checked_sub(depth + 1)?;
    let p = it.frames[idx];
    Some(live_object_at(it, p))
}

/// The live frame object of the frame at `p`, an address that is on the shadow stack or in a suspended
/// (stackful) generator's entries.
fn live_object_at(it: &mut Interp, p: *const Frame) -> Value {
    if let Some((_, inst)) = it.frame_objs.iter().find(|(q, _)| std::ptr::eq(*q, p)) {
        return Value::Instance(inst.clone());
    }
    // SAFETY: `p` comes from the shadow stack or a suspended generator's entries, which hold only live
    // frames (see `Interp::frame_at`); it is only read here, while no frame code runs.
    let fr = unsafe { &*p };
    let v = frame_object(it, &fr.code.clone(), Some(fr));
    if let Value::Instance(inst) = &v {
        it.frame_objs.push((p, inst.clone()));
    }
    v
}

/// The live value of `f_lineno`, `f_locals` or `f_back` for a frame object whose frame still runs
/// (`None`: the attribute is read from the object's own fields).
pub(crate) fn frame_live_attr(it: &mut Interp, inst: &Rc<Instance>, name: &str) -> Option<Value> {
    if name == "clear" {
        return Some(Value::Builtin(Rc::new(Builtin {
            name: "clear",
            func: frame_clear,
            this: Some(Value::Instance(inst.clone())),
        })));
    }
    if !matches!(name, "f_lineno" | "f_locals" | "f_back") {
        return None;
    }
    let p = it
        .frame_objs
        .iter()
        .find(|(_, o)| Rc::ptr_eq(o, inst))
        .map(|(p, _)| *p)?;
    // SAFETY: a registered frame is live until `retire_frame` removes it, which its frame's return does.
    let fr = unsafe { &*p };
    Some(match name {
        "f_lineno" => Value::Int(i64::from(fr.line.max(1))),
        "f_locals" => refresh_locals(inst, fr),
        _ => {
            // The caller is the entry below it on the stack; a suspended generator's frame has none.
            match it.frames.iter().rposition(|q| std::ptr::eq(*q, p)) {
                Some(i) if i > 0 => {
                    let q = it.frames[i - 1];
                    live_object_at(it, q)
                }
                _ => Value::None,
            }
        }
    })
}

/// `f_locals`: the object's dict, refilled from the frame's variables (a namespace frame's own dict).
fn refresh_locals(inst: &Rc<Instance>, fr: &Frame) -> Value {
    let fresh = frame_locals(fr);
    if fr.code.kind != ScopeKind::Function {
        inst.dict.set_str("f_locals", Value::Dict(fresh.clone()));
        return Value::Dict(fresh);
    }
    match inst.dict.get_str("f_locals") {
        Some(Value::Dict(d)) if !Rc::ptr_eq(&d, &fresh) => {
            let new = std::mem::take(&mut *fresh.borrow_mut());
            *d.borrow_mut() = new;
            Value::Dict(d)
        }
        _ => {
            inst.dict.set_str("f_locals", Value::Dict(fresh.clone()));
            Value::Dict(fresh)
        }
    }
}

thread_local! {
    /// The frame object of a frame an exception is leaving, between its retirement in `run_frame` and the
    /// traceback entry `unwind_frame` adds next (which takes it: it is its `tb_frame`).
    static UNWOUND: std::cell::RefCell<Option<(*const Frame, Rc<Instance>)>> =
        const { std::cell::RefCell::new(None) };
}

/// What a traceback entry keeps of its frame until a program looks at its `tb_frame`: the frame's code,
/// line and variables when the entry was made (an exception caught in a frame that still runs shows that
/// frame's live object instead), made into a frame object once, on first use.
pub(crate) struct FrameSnap {
    /// The frame as it was (`None` for an entry remembered with its object only).
    state: Option<SnapState>,
    /// The frame object, once made (or the live one the frame had).
    obj: RefCell<Option<Rc<Instance>>>,
    /// The entry of the frame it returned to (its `f_back`), once the exception reached it.
    back: RefCell<Option<Rc<FrameSnap>>>,
}

struct SnapState {
    /// The frame's address, while `live` (a frame that catches): it may still be running when looked at.
    at: *const Frame,
    live: bool,
    frame: Frame,
}

impl std::fmt::Debug for FrameSnap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.state {
            Some(st) => write!(
                f,
                "<frame of {}, line {}>",
                st.frame.code.name, st.frame.line
            ),
            None => write!(f, "<frame>"),
        }
    }
}

/// The snapshot of frame `fr` for a traceback entry: `live` when `fr` catches the exception (it runs on),
/// else it is a frame the exception leaves (already off the shadow stack; a live object it had, retired
/// a moment ago, is kept as its frame object).
pub(crate) fn snap_frame(fr: &Frame, live: bool) -> Rc<FrameSnap> {
    let kept = if live {
        None
    } else {
        UNWOUND.with(|u| u.borrow_mut().take())
    };
    if let Some((p, inst)) = kept
        && std::ptr::eq(p, fr)
    {
        return snap_of_object(inst);
    }
    Rc::new(FrameSnap {
        state: Some(SnapState {
            at: fr,
            live,
            frame: Frame {
                slots: fr.slots.clone(),
                globals: fr.globals.clone(),
                locals: fr.locals.clone(),
                code: fr.code.clone(),
                line: fr.line,
            },
        }),
        obj: RefCell::new(None),
        back: RefCell::new(None),
    })
}

/// A traceback entry's frame that already has its object (an exception raised again keeps its frames).
pub(crate) fn snap_of_object(inst: Rc<Instance>) -> Rc<FrameSnap> {
    Rc::new(FrameSnap {
        state: None,
        obj: RefCell::new(Some(inst)),
        back: RefCell::new(None),
    })
}

/// Forgets a retired frame object kept for a traceback entry that is not made after all.
pub(crate) fn forget_unwound() {
    UNWOUND.with(|u| u.borrow_mut().take());
}

/// The snapshot `callee` returned (or raised) to the frame of `caller`: its `f_back`.
pub(crate) fn link_back(callee: &FrameSnap, caller: &Rc<FrameSnap>) {
    let mut b = callee.back.borrow_mut();
    if b.is_none() && callee.obj.borrow().is_none() {
        *b = Some(caller.clone());
    }
}

/// The frame object of a traceback entry's snapshot (made on first use, then the same object).
pub(crate) fn snap_object(it: &mut Interp, snap: &Rc<FrameSnap>) -> Value {
    if let Some(inst) = snap.obj.borrow().as_ref() {
        return Value::Instance(inst.clone());
    }
    let Some(st) = &snap.state else {
        return Value::None;
    };
    let running = st.live
        && it.frames.iter().any(|&q| {
            // SAFETY: shadow-stack entries are live frames (see `Interp::frame_at`); only the code is read.
            std::ptr::eq(q, st.at) && Rc::ptr_eq(unsafe { &(*q).code }, &st.frame.code)
        });
    let v = if running {
        live_object_at(it, st.at)
    } else {
        let v = frame_object(it, &st.frame.code.clone(), Some(&st.frame));
        let back = snap.back.borrow().clone();
        if let (Value::Instance(inst), Some(back)) = (&v, back) {
            let b = snap_object(it, &back);
            inst.dict.set_str("f_back", b);
        }
        v
    };
    if let Value::Instance(inst) = &v {
        *snap.obj.borrow_mut() = Some(inst.clone());
    }
    v
}

/// The frame `fr` returns (or a stackless generator suspends): its frame objects keep its last line,
/// variables and caller, and stop reading it. `unwinding`: an exception leaves it, and its traceback
/// entry (added next) takes the object.
#[cfg_attr(feature = "untraced", allow(dead_code))]
pub(crate) fn retire_frame(it: &mut Interp, fr: &Frame, unwinding: bool) {
    let p = fr as *const Frame;
    while let Some(i) = it.frame_objs.iter().position(|(q, _)| std::ptr::eq(*q, p)) {
        let (_, inst) = it.frame_objs.swap_remove(i);
        if unwinding {
            UNWOUND.with(|u| *u.borrow_mut() = Some((p, inst.clone())));
        }
        inst.dict
            .set_str("f_lineno", Value::Int(i64::from(fr.line.max(1))));
        refresh_locals(&inst, fr);
        // The frame is off the stack now: the entry on top is the one that called (or resumed) it.
        let back = match it.frames.last() {
            Some(&q) => live_object_at(it, q),
            None => Value::None,
        };
        inst.dict.set_str("f_back", back);
    }
}

/// `frame.clear()`: drops the variables of a frame that has finished (a traceback's frames keep theirs
/// alive until then); a frame still executing refuses, as CPython's does.
fn frame_clear(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() || args.len() != 1 {
        return Err(Exc::type_err(format!(
            "frame.clear() takes no arguments ({} given)",
            (args.len() + kw.len()).saturating_sub(1)
        )));
    }
    let Value::Instance(inst) = &args[0] else {
        return Err(Exc::type_err(
            "descriptor 'clear' requires a 'frame' object",
        ));
    };
    if let Some(&(p, _)) = it.frame_objs.iter().find(|(_, o)| Rc::ptr_eq(o, inst)) {
        if it.frames.iter().any(|&q| std::ptr::eq(q, p)) {
            return Err(Exc::new("RuntimeError", "cannot clear an executing frame"));
        }
        // A suspended generator's frame: its variables belong to the generator, which goes on.
        return Ok(Value::None);
    }
    inst.dict.set_str("f_locals", Value::dict(Dict::new()));
    Ok(Value::None)
}
