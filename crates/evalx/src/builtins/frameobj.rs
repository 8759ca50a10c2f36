//! Frame objects for introspection (`gen.gi_frame`, `coro.cr_frame`, `agen.ag_frame`): an instance of the
//! built-in class `frame` with CPython's `f_*` attributes, read from the interpreter's frame when it is
//! reached.
//!
//! evalx runs a tree of statements, not bytecode, so a frame object is a picture of the frame taken when
//! the attribute is read: `f_lineno` is the line the frame is at, `f_locals` its variables then (a new dict
//! each time, as CPython's `f_locals` of a function frame is refreshed on each read), `f_lasti` is -1.

use super::*;
use crate::compile::Code;

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
    let fr = match (&st.pending, st.frames.first()) {
        (Some(p), _) => Some(&**p as *const Frame),
        (None, Some(&p)) => Some(p),
        (None, None) => None,
    };
    // SAFETY: a suspended generator's shadow-stack entries point at frames on its own (suspended) stack,
    // which nothing touches until it is resumed; `pending` is owned by the state. Both outlive this call,
    // which only reads them.
    let fr = fr.map(|p| unsafe { &*p });
    frame_object(it, &code, fr)
}
