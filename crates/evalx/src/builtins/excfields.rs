//! The fields of the Unicode errors (`encoding`, `object`, `start`, `end`, `reason`): their constructors'
//! checks, reading them back from `args`, and the message CPython's `__str__` builds from them.

use super::*;

/// `UnicodeDecodeError(encoding, object, start, end, reason)` (and the encode and translate forms)
/// check their arguments' types, as CPython's constructors do.
pub(crate) fn check_unicode_error_args(
    it: &mut Interp,
    inst: &Instance,
    rest: &[Value],
) -> PyResult<()> {
    let is = |name: &str| {
        it.types
            .exc
            .get(name)
            .is_some_and(|c| inst.class.is_subclass(c))
    };
    let (decode, encode, translate) = (
        is("UnicodeDecodeError"),
        is("UnicodeEncodeError"),
        is("UnicodeTranslateError"),
    );
    if !(decode || encode || translate) {
        return Ok(());
    }
    let want = if translate { 4 } else { 5 };
    if rest.len() != want {
        return Err(Exc::type_err(format!(
            "function takes exactly {want} arguments ({} given)",
            rest.len()
        )));
    }
    let first = usize::from(!translate);
    let need_str = |v: &Value, n: usize| -> PyResult<()> {
        match v {
            Value::Str(_) => Ok(()),
            other => Err(Exc::type_err(format!(
                "argument {n} must be str, not {}",
                type_name(other)
            ))),
        }
    };
    if !translate {
        need_str(&rest[0], 1)?;
    }
    if decode {
        if crate::methods::bytes_like(&rest[1]).is_none() {
            return Err(Exc::type_err(format!(
                "a bytes-like object is required, not '{}'",
                type_name(&rest[1])
            )));
        }
    } else {
        need_str(&rest[first], first + 1)?;
    }
    for k in [first + 1, first + 2] {
        if !matches!(rest[k], Value::Int(_) | Value::Bool(_)) {
            return Err(Exc::type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(&rest[k])
            )));
        }
    }
    need_str(&rest[first + 3], first + 4)
}

/// The positions of `(encoding, object, start, end, reason)` in a `UnicodeDecodeError`'s or
/// `UnicodeEncodeError`'s arguments (a `UnicodeTranslateError` has no encoding), when it was made with
/// them all, as the codecs raise it.
pub(crate) fn unicode_error_fields(it: &Interp, inst: &Instance) -> Option<(Vec<Value>, bool)> {
    let is = |name: &str| {
        it.types
            .exc
            .get(name)
            .is_some_and(|c| inst.class.is_subclass(c))
    };
    let translate = is("UnicodeTranslateError");
    let full = is("UnicodeDecodeError") || is("UnicodeEncodeError");
    if !translate && !full {
        return None;
    }
    match inst.dict.borrow().get_str("args") {
        Some(Value::Tuple(t)) if t.len() == 5 && full => Some((t.to_vec(), false)),
        Some(Value::Tuple(t)) if t.len() == 4 && translate => {
            let mut v = vec![Value::None];
            v.extend(t.iter().cloned());
            Some((v, true))
        }
        _ => None,
    }
}

/// CPython's text of a Unicode error made with its fields: `'utf-8' codec can't decode byte 0xff in
/// position 1: invalid start byte`.
pub(crate) fn unicode_error_str(it: &mut Interp, inst: &Instance) -> PyResult<Option<String>> {
    let Some((mut f, translate)) = unicode_error_fields(it, inst) else {
        return Ok(None);
    };
    // A reason (or encoding) of another type is shown as str() shows it.
    for k in [0, 4] {
        if !matches!(f[k], Value::Str(_) | Value::None) {
            f[k] = Value::str(&it.to_str(&f[k])?);
        }
    }
    let kind = if translate {
        "UnicodeTranslateError"
    } else if it
        .types
        .exc
        .get("UnicodeDecodeError")
        .is_some_and(|c| inst.class.is_subclass(c))
    {
        "UnicodeDecodeError"
    } else {
        "UnicodeEncodeError"
    };
    Ok(crate::codec::unicode_error_text(kind, &f))
}

/// `SyntaxError`'s members, in CPython's order: `msg`, the details tuple's six
/// (`SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset))`), then
/// `print_file_and_line`.
pub(crate) const SYNTAX_ERROR_FIELDS: [&str; 8] = [
    "msg",
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
    "print_file_and_line",
];

/// The attributes a built-in exception class keeps as members (CPython's slots, never in `__dict__`),
/// by the class that defines them.
const EXC_MEMBERS: &[(&str, &[&str])] = &[
    ("OSError", &["errno", "strerror", "filename", "filename2"]),
    ("AttributeError", &["name", "obj"]),
    ("NameError", &["name"]),
    ("ImportError", &["name", "path", "msg"]),
    ("SyntaxError", &SYNTAX_ERROR_FIELDS),
    ("BaseExceptionGroup", &["message", "exceptions"]),
];

/// `e.__dict__` of an exception: what a program stored on it, without what evalx keeps in the same
/// dict for the exception itself (`args`, the chaining attributes, the remembered traceback, the built-in
/// classes' members), as CPython shows it. `None` when there is nothing to leave out (the live dict then).
pub(crate) fn exception_user_dict(inst: &Instance) -> Option<Value> {
    const ALWAYS: &[&str] = &[
        "args",
        "__traceback__",
        "__evalx_traceback__",
        "__evalx_positions__",
        "__cause__",
        "__context__",
        "__suppress_context__",
    ];
    let members: Vec<&str> = inst
        .class
        .mro
        .borrow()
        .iter()
        .chain(std::iter::once(&inst.class))
        .filter(|c| &*c.module == "builtins")
        .filter_map(|c| EXC_MEMBERS.iter().find(|(n, _)| *n == &**c.name))
        .flat_map(|(_, m)| m.iter().copied())
        .collect();
    let hidden =
        |k: &Value| matches!(k, Value::Str(s) if ALWAYS.contains(&&**s) || members.contains(&&**s));
    let d = inst.dict.live();
    let d = d.borrow();
    if !d.map().keys().any(|k| hidden(&k.0)) {
        return None;
    }
    let map = d
        .map()
        .iter()
        .filter(|(k, _)| !hidden(&k.0))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Some(Value::dict(Dict::from_map(map)))
}

/// The class `OSError(errno, strerror, ...)` makes: for plain `OSError` and a known errno, the subclass
/// CPython's `OSError.__new__` picks (`OSError(2, "x")` is a `FileNotFoundError`); otherwise `c`.
pub(crate) fn oserror_subclass(it: &Interp, c: &Rc<Class>, args: &[Value]) -> Rc<Class> {
    let Some(os) = it.types.exc.get("OSError") else {
        return c.clone();
    };
    if !Rc::ptr_eq(c, os) || !(2..=5).contains(&args.len()) {
        return c.clone();
    }
    let Value::Int(errno) = args[0] else {
        return c.clone();
    };
    let name = match errno {
        11 | 114 | 115 => "BlockingIOError",
        10 => "ChildProcessError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        111 => "ConnectionRefusedError",
        104 => "ConnectionResetError",
        17 => "FileExistsError",
        2 => "FileNotFoundError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        4 => "InterruptedError",
        1 | 13 => "PermissionError",
        3 => "ProcessLookupError",
        110 => "TimeoutError",
        _ => return c.clone(),
    };
    it.types.exc.get(name).cloned().unwrap_or_else(|| c.clone())
}
