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

/// The frame `fr` returns (or a stackless generator suspends): its frame objects keep its last line,
/// variables and caller, and stop reading it.
pub(crate) fn retire_frame(it: &mut Interp, fr: &Frame) {
    let p = fr as *const Frame;
    while let Some(i) = it.frame_objs.iter().position(|(q, _)| std::ptr::eq(*q, p)) {
        let (_, inst) = it.frame_objs.swap_remove(i);
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
