//! The built-ins that CPython's start-up adds or keeps as aliases: `aiter`, `anext` (with its default),
//! `exit`/`quit` (`_sitebuiltins.Quitter` objects: their repr says how to leave, calling one raises
//! `SystemExit`), and the aliases `IOError`/`EnvironmentError` of `OSError`.

use super::*;

/// `aiter(async_iterable)`: `type(x).__aiter__(x)`, which must give an async iterator.
pub(crate) fn b_aiter(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::methods::no_kw("aiter", kw)?;
    if args.len() != 1 {
        return Err(Exc::type_err(format!(
            "aiter expected 1 argument, got {}",
            args.len()
        )));
    }
    let x = &args[0];
    if it.get_attr(x, "__aiter__").is_err() {
        return Err(Exc::type_err(format!(
            "'{}' object is not an async iterable",
            type_name(x)
        )));
    }
    let r = it.call_method(x, "__aiter__", Vec::new())?;
    if it.get_attr(&r, "__anext__").is_err() {
        return Err(Exc::type_err(format!(
            "aiter() returned not an async iterator of type '{}'",
            type_name(&r)
        )));
    }
    Ok(r)
}

/// `anext(async_iterator[, default])`: the awaitable `__anext__` gives; with a default, an awaitable that
/// answers the default where the iterator's end (`StopAsyncIteration`) would be.
pub(crate) fn b_anext(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::methods::no_kw("anext", kw)?;
    if args.is_empty() || args.len() > 2 {
        return Err(Exc::type_err(format!(
            "anext expected at least 1 argument, got {}",
            args.len()
        )));
    }
    let x = &args[0];
    if it.get_attr(x, "__anext__").is_err() {
        return Err(Exc::type_err(format!(
            "'{}' object is not an async iterator",
            type_name(x)
        )));
    }
    let awaitable = it.call_method(x, "__anext__", Vec::new())?;
    if args.len() == 1 {
        return Ok(awaitable);
    }
    // The default's wrapper is Python code (an `async def`) kept in `types`, imported as the standard
    // library imports its own modules (the host's import policy judges the program's imports only).
    it.std_building += 1;
    let types = it.import("types");
    it.std_building -= 1;
    let helper = it.get_attr(&types?, "_anext_default")?;
    it.call(&helper, vec![awaitable, args[1].clone()], Vec::new())
}

/// `Quitter.__repr__`: what typing `exit` at a prompt shows.
fn quitter_repr(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let name = match args.first() {
        Some(Value::Instance(i)) => i.dict.get_str("name"),
        _ => None,
    };
    let name = match name {
        Some(v) => it.to_str(&v)?,
        None => "exit".to_string(),
    };
    Ok(Value::str(&format!(
        "Use {name}() or Ctrl-D (i.e. EOF) to exit"
    )))
}

/// `Quitter.__call__(code=None)`: raises `SystemExit(code)`.
fn quitter_call(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    crate::methods::no_kw("Quitter.__call__", kw)?;
    let rest = args.get(1..).unwrap_or_default();
    if rest.len() > 1 {
        return Err(Exc::type_err(format!(
            "Quitter.__call__() takes from 1 to 2 positional arguments but {} were given",
            rest.len() + 1
        )));
    }
    let code = rest.first().cloned().unwrap_or(Value::None);
    let cls = Value::Class(it.types.exc["SystemExit"].clone());
    let inst = it.call(&cls, vec![code], Vec::new())?;
    Err(it.exc_from_value(inst)?)
}

/// Puts `aiter`, `anext`, `exit`, `quit`, `IOError` and `EnvironmentError` into the builtins dict.
pub(crate) fn install(d: &mut Dict, t: &Types) {
    d.set_str("aiter", builtin("aiter", b_aiter));
    d.set_str("anext", builtin("anext", b_anext));
    let os_error = Value::Class(t.exc["OSError"].clone());
    d.set_str("IOError", os_error.clone());
    d.set_str("EnvironmentError", os_error);
    let quitter = class("Quitter", Kind::Object, vec![t.object.clone()]);
    {
        let mut a = quitter.attrs.borrow_mut();
        a.set_str("__repr__", builtin("Quitter.__repr__", quitter_repr));
        a.set_str("__call__", builtin("Quitter.__call__", quitter_call));
        a.set_str("__module__", Value::str("_sitebuiltins"));
    }
    for name in ["exit", "quit"] {
        let inst = Instance {
            class: quitter.clone(),
            dict: Instance::new_dict(&quitter),
            hash: no_user_hash(),
            native: None,
        };
        inst.dict.set_str("name", Value::str(name));
        inst.dict.set_str("eof", Value::str("Ctrl-D (i.e. EOF)"));
        d.set_str(name, Value::Instance(Rc::new(inst)));
    }
}
