//! `inspect`, the part programs use most: `signature` (with `Signature`/`Parameter`, bound methods and
//! classes), the `is...` predicates, `getmembers`, `getdoc`/`cleandoc`, `getmodule`, `getmro`,
//! `unwrap`, and the frames: `currentframe`, `stack`, `trace`, `getouterframes`, `getinnerframes`,
//! `getframeinfo` (`FrameInfo`/`Traceback` with their source lines). Source code access (`getsource`) is not provided. A function's
//! parameters come from its code object here; the module's Python part builds the objects.

use super::{Kw, arity};
use crate::interp::{Interp, PyResult};
use crate::value::{Function, Value};
use std::rc::Rc;

fn function_of(v: &Value) -> Option<Rc<Function>> {
    match v {
        Value::Func(f) => Some(f.clone()),
        Value::Builtin(b) if b.name == "<classmethod>" || b.name == "<staticmethod>" => {
            match &b.this {
                Some(Value::Func(f)) => Some(f.clone()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `_params(f)`: a user function's parameters as `(name, kind, has_default, default)` (kinds numbered
/// as `Parameter`'s), or `None` for anything else.
fn params(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_params", args, kw, 1, 1)?;
    let Some(f) = function_of(&args[0]) else {
        return Ok(Value::None);
    };
    let code = &f.code;
    let names = code.param_names();
    let mut out = Vec::new();
    let param = |name: &str, kind: i64, default: Option<&Value>| {
        Value::tuple(vec![
            Value::str(name),
            Value::Int(kind),
            Value::Bool(default.is_some().into()),
            default.cloned().unwrap_or(Value::None),
        ])
    };
    let first_default = code.nparams.saturating_sub(f.defaults.len());
    for (i, name) in names.iter().take(code.nparams).enumerate() {
        let kind = if i < code.posonly { 0 } else { 1 };
        let d = if i >= first_default {
            f.defaults.get(i - first_default)
        } else {
            None
        };
        out.push(param(name, kind, d));
    }
    let mut at = code.nparams + code.nkwonly;
    if code.has_varargs {
        if let Some(name) = names.get(at) {
            out.push(param(name, 2, None));
            at += 1;
        }
    }
    for name in names.iter().skip(code.nparams).take(code.nkwonly) {
        let d = f.kwdefaults.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        out.push(param(name, 3, d));
    }
    if code.has_varkw {
        if let Some(name) = names.get(at) {
            out.push(param(name, 4, None));
        }
    }
    Ok(Value::list(out))
}

/// `_flags(f)`: `(is_generator, coroutine_kind)` of a user function (kind 1: `async def`, 2: async
/// generator), or `None`.
fn flags(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_flags", args, kw, 1, 1)?;
    Ok(match function_of(&args[0]) {
        Some(f) => Value::tuple(vec![
            Value::Bool(f.code.is_generator.into()),
            Value::Int(i64::from(f.code.coro)),
        ]),
        None => Value::None,
    })
}

/// `_source_lines(code)`: the lines (newlines kept) of the source a code object was compiled from, as
/// `linecache` would read its file; `None` for code from a string (`<string>`, `<stdin>`...) or anything
/// that is not a code object.
fn source_lines(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_source_lines", args, kw, 1, 1)?;
    let Some((code, _)) = crate::builtins::code_of(&args[0]) else {
        return Ok(Value::None);
    };
    if code.filename.starts_with('<') {
        return Ok(Value::None);
    }
    Ok(Value::list(
        code.source.split_inclusive('\n').map(Value::str).collect(),
    ))
}

const SOURCE: &str = include_str!("py/inspect.py");

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "inspect",
        "Get useful information from live Python objects.",
        &[
            ("_params", params),
            ("_flags", flags),
            ("_source_lines", source_lines),
        ],
        SOURCE,
    )
}
