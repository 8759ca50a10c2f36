//! Built-ins that read the calling frame: `locals`, `globals`, `vars`, `dir`, `super`, `eval`, `exec`.

use super::*;

/// The builtins that act on the calling frame.
pub fn frame_call(
    it: &mut Interp,
    name: &str,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
    fr: &mut Frame,
) -> PyResult<Value> {
    match name {
        "globals" => {
            arity("globals", &args, &kw, 0, 0)?;
            Ok(Value::Dict(fr.globals.clone()))
        }
        "locals" => {
            arity("locals", &args, &kw, 0, 0)?;
            Ok(Value::Dict(frame_locals_mut(fr)))
        }
        "vars" => {
            arity("vars", &args, &kw, 0, 1)?;
            match args.first() {
                None => Ok(Value::Dict(frame_locals_mut(fr))),
                Some(v) => match it.get_attr_opt(v, "__dict__")? {
                    Some(d) => Ok(d),
                    None => Err(Exc::type_err(
                        "vars() argument must have __dict__ attribute",
                    )),
                },
            }
        }
        "dir" => {
            if args.len() > 1 {
                return Err(Exc::type_err(format!(
                    "dir expected at most 1 argument, got {}",
                    args.len()
                )));
            }
            let mut names: Vec<String> = match args.first() {
                None => frame_locals(fr)
                    .borrow()
                    .map()
                    .keys()
                    .filter_map(|k| {
                        if let Value::Str(s) = &k.0 {
                            Some(s.to_string())
                        } else {
                            None
                        }
                    })
                    .collect(),
                Some(v) => crate::describe::dir_of(it, v)?,
            };
            names.sort();
            Ok(Value::list(
                names.into_iter().map(|s| Value::Str(s.into())).collect(),
            ))
        }
        "eval" | "exec" => eval_exec_builtin(it, name == "eval", args, kw, fr),
        "super" => {
            if !args.is_empty() {
                if args.len() != 2 {
                    return Err(Exc::type_err("super() takes 0 or 2 arguments in evalx"));
                }
                return make_super(it, args[0].clone(), args[1].clone());
            }
            let code = fr.code.clone();
            if code.nparams == 0 || fr.slots.is_empty() {
                return Err(Exc::new("RuntimeError", "super(): no arguments"));
            }
            let first = match &fr.slots[0] {
                Value::Cell(c) => c.borrow().clone(),
                v => v.clone(),
            };
            let start = match &first {
                Value::Class(c) => c.clone(),
                other => it.type_of(other),
            };
            // A metaclass's method receives a class: its own class is searched after the class's MRO.
            let mut mro = start.mro.borrow().clone();
            if let Value::Class(_) = &first {
                mro.extend(it.type_of(&first).mro.borrow().iter().cloned());
            }
            let owner = mro.iter().find(|c| defines_code(c, &code)).cloned();
            match owner {
                Some(c) => make_super(it, Value::Class(c), first),
                None => Err(Exc::new(
                    "RuntimeError",
                    "super(): __class__ cell not found",
                )),
            }
        }
        _ => Err(Exc::new("SystemError", "unknown frame builtin")),
    }
}

/// Whether class `c` holds the function whose code is `code` (directly, wrapped by a class or static
/// method, or as a property's accessor): the class a zero-argument `super()` in that code starts after.
pub(crate) fn defines_code(c: &Class, code: &Rc<crate::compile::Code>) -> bool {
    c.attrs.borrow().map().values().any(|v| match v {
        Value::Func(f) => Rc::ptr_eq(&f.code, code),
        Value::Builtin(b) => {
            matches!(&b.this, Some(Value::Func(f)) if Rc::ptr_eq(&f.code, code))
        }
        Value::Instance(p) => p
            .dict
            .to_dict()
            .map()
            .values()
            .any(|x| matches!(x, Value::Func(f) if Rc::ptr_eq(&f.code, code))),
        _ => false,
    })
}

pub(crate) fn make_super(it: &mut Interp, cls: Value, obj: Value) -> PyResult<Value> {
    let sc = it.types.exc["super"].clone();
    // Every super object stores the same two names: they share the class's list (no dict per object).
    let inst = Rc::new(Instance {
        dict: Instance::new_dict(&sc),
        class: sc,
        hash: crate::value::no_user_hash(),
        native: None,
    });
    inst.dict.set_str("__thisclass__", cls);
    inst.dict.set_str("__self__", obj);
    Ok(Value::Instance(inst))
}

/// `locals()` of a frame: the namespace dict, or (in a function) the frame's cached locals dict refreshed
/// from the slots — the same dict on every call, as in CPython, so `exec` can leave names in it.
pub fn frame_locals_mut(fr: &mut Frame) -> Rc<RefCell<Dict>> {
    if fr.code.kind != crate::compile::ScopeKind::Function {
        return fr.locals.clone().unwrap_or_else(|| fr.globals.clone());
    }
    let fresh = frame_locals(fr);
    match &fr.locals {
        Some(cache) => {
            {
                let mut c = cache.borrow_mut();
                for n in fr.code.slot_names.iter() {
                    c.remove(&Value::Str(n.clone()));
                }
                for (k, v) in fresh.borrow().map().iter() {
                    c.map_mut().insert(k.clone(), v.clone());
                }
            }
            cache.clone()
        }
        None => {
            fr.locals = Some(fresh.clone());
            fresh
        }
    }
}

/// A fresh snapshot of a frame's locals (the namespace dict for module and class frames).
pub fn frame_locals(fr: &Frame) -> Rc<RefCell<Dict>> {
    if fr.code.kind != crate::compile::ScopeKind::Function {
        return fr.locals.clone().unwrap_or_else(|| fr.globals.clone());
    }
    let mut d = Dict::new();
    for (i, n) in fr.code.slot_names.iter().enumerate() {
        if n.starts_with('.') {
            continue;
        }
        let v = match &fr.slots[i] {
            Value::Cell(c) => c.borrow().clone(),
            v => v.clone(),
        };
        if !matches!(v, Value::Undef) {
            d.set_str(n, v);
        }
    }
    Rc::new(RefCell::new(d))
}

pub(crate) fn eval_exec_builtin(
    it: &mut Interp,
    is_eval: bool,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
    fr: &mut Frame,
) -> PyResult<Value> {
    let fname = if is_eval { "eval" } else { "exec" };
    only_kw(fname, &kw, &["globals", "locals"])?;
    if args.is_empty() || args.len() > 3 {
        return Err(Exc::type_err(format!(
            "{fname} expected at least 1 argument, got {}",
            args.len()
        )));
    }
    // A code object from `compile()`, or source text.
    let code = super::compile::code_of(&args[0]);
    let src = match &code {
        Some(_) => String::new(),
        None => match super::compile::source_text(it, &args[0])? {
            Some(s) => s,
            None => {
                return Err(Exc::type_err(format!(
                    "{fname}() arg 1 must be a string, bytes or code object"
                )));
            }
        },
    };
    let g = args
        .get(1)
        .cloned()
        .or_else(|| kwarg(&kw, "globals").cloned())
        .unwrap_or(Value::None);
    let l = args
        .get(2)
        .cloned()
        .or_else(|| kwarg(&kw, "locals").cloned())
        .unwrap_or(Value::None);
    let globals = match &g {
        Value::None => None,
        Value::Dict(d) => Some(d.clone()),
        other => {
            return Err(Exc::type_err(if is_eval {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                format!("exec() globals must be a dict, not {}", type_name(other))
            }));
        }
    };
    let locals = match &l {
        Value::None => None,
        Value::Dict(d) => Some(d.clone()),
        other => {
            return Err(Exc::type_err(format!(
                "locals must be a mapping, not {}",
                type_name(other)
            )));
        }
    };
    let (globals, locals) = match (globals, locals) {
        (Some(g), l) => (g, l),
        (None, l) => {
            let g = fr.globals.clone();
            let l = l.or_else(|| {
                let fl = frame_locals_mut(fr);
                if Rc::ptr_eq(&fl, &g) { None } else { Some(fl) }
            });
            (g, l)
        }
    };
    let r = match code {
        Some((code, eval_mode)) => crate::run_code(it, code, is_eval && eval_mode, globals, locals),
        None => crate::run_source(it, &src, is_eval, globals, locals, "<string>"),
    };
    r.map_err(|e| match e {
        crate::RunError::Exc(x) => x,
        crate::RunError::Syntax(s) => syntax_exc(it, s),
    })
}

/// A Python `SyntaxError` instance from a parse error.
pub fn syntax_exc(it: &mut Interp, s: crate::error::SyntaxError) -> Box<Exc> {
    let ty = s.type_name();
    if s.kind == crate::error::SyntaxKind::Recursion {
        return Exc::new("RecursionError", s.msg);
    }
    let cls = it.types.exc[ty].clone();
    let inst = Rc::new(Instance {
        class: cls,
        dict: crate::value::InstDict::from_dict(Dict::new()),
        hash: crate::value::no_user_hash(),
        native: None,
    });
    {
        let mut d = inst.dict.borrow_mut();
        // CPython's `text` (the parser's line ends with a newline, the tokenizer's as far as it read), or
        // `None` for the compiler's checks (`'yield' outside function`...), which give no line.
        let text = if s.text.is_empty() {
            Value::None
        } else {
            Value::Str(s.text.clone().into())
        };
        let details = Value::tuple(vec![
            Value::Str(s.filename.clone().into()),
            Value::Int(s.lineno as i64),
            Value::Int(s.offset as i64),
            text.clone(),
            Value::Int(s.lineno as i64),
            Value::Int(s.end_offset as i64),
        ]);
        let args = if s.symtable {
            vec![Value::Str(s.msg.clone().into())]
        } else {
            vec![Value::Str(s.msg.clone().into()), details]
        };
        d.set_str("args", Value::tuple(args));
        d.set_str("msg", Value::Str(s.msg.clone().into()));
        d.set_str("lineno", Value::Int(s.lineno as i64));
        d.set_str("offset", Value::Int(s.offset as i64));
        d.set_str("end_offset", Value::Int(s.end_offset as i64));
        d.set_str("end_lineno", Value::Int(s.lineno as i64));
        d.set_str("text", text);
        d.set_str("filename", Value::Str(s.filename.clone().into()));
        d.set_str("print_file_and_line", Value::None);
    }
    // str(SyntaxError) is "msg (file, line N)": store a __str__-compatible args override via a class attr is
    // not possible for built-ins, so keep args[0] = msg and let exc_str special-case SyntaxError below.
    crate::interp::Exc::bare(ExcKind::Obj(inst))
}
