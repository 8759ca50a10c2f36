//! `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)` and the code objects it
//! returns, which `exec` and `eval` run.
//!
//! A code object is an instance of the built-in class `code` (`types.CodeType`) holding the compiled
//! module code in a hidden slot, with CPython's `co_*` attributes that are cheap to give (`co_filename`,
//! `co_name`, `co_qualname`, `co_firstlineno`, the argument counts, `co_flags`...). Compiling obeys the same
//! limits as `exec`: the source's size is charged as ticks, nesting ends in `RecursionError`, a bytes
//! source is sized against `max_len`. `ast.PyCF_ONLY_AST` raises `NotImplementedError` (evalx has no
//! `ast` module); the `__future__` flags, `PyCF_TYPE_COMMENTS`, `PyCF_DONT_IMPLY_DEDENT`,
//! `PyCF_ALLOW_INCOMPLETE_INPUT` and `PyCF_ALLOW_TOP_LEVEL_AWAIT` are accepted and change nothing.

use super::*;
use crate::compile::Code;
use crate::error::SyntaxError;

/// The hidden attribute holding the compiled code.
const SLOT: &str = "__code_object__";

/// What a code object carries: the compiled code and whether it yields a value (eval mode).
pub(crate) struct CodeObj {
    pub code: Rc<Code>,
    pub is_eval: bool,
}

/// The flags `compile()` accepts: the `__future__` features, `CO_NESTED` (obsolete) and the
/// `PyCF_*` compile flags, as CPython 3.11 checks them.
const ALLOWED_FLAGS: i64 = 0x10 | 0x200 | 0x400 | 0x1000 | 0x2000 | 0x4000 | 0x01fe_0000;
/// `ast.PyCF_ONLY_AST`.
const ONLY_AST: i64 = 0x400;

/// The compiled code of a code object, and whether it is eval-mode code; `None` for anything else.
pub(crate) fn code_of(v: &Value) -> Option<(Rc<Code>, bool)> {
    if let Value::Instance(i) = v {
        if &*i.class.name != "code" {
            return None;
        }
        if let Some(Value::Native(s)) = i.dict.borrow().get_str(SLOT) {
            return s
                .0
                .borrow()
                .downcast_ref::<CodeObj>()
                .map(|c| (c.code.clone(), c.is_eval));
        }
    }
    None
}

/// A C `int` argument (`flags`, `dont_inherit`, `optimize`), with CPython's errors.
fn c_int(v: &Value) -> PyResult<i64> {
    let too_big = || Exc::new("OverflowError", "Python int too large to convert to C int");
    match v {
        Value::Bool(b) => Ok(b.get() as i64),
        Value::Int(n) if i32::try_from(*n).is_ok() => Ok(*n),
        Value::Int(_) | Value::Big(_) => Err(too_big()),
        other => Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(other)
        ))),
    }
}

/// The file name: a str, bytes, or an object with `__fspath__` giving one.
fn filename_arg(it: &mut Interp, v: &Value) -> PyResult<String> {
    let bad = |v: &Value| {
        Exc::type_err(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(v)
        ))
    };
    let name = match v {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        Value::Instance(_) => match it.lookup_special(v, "__fspath__") {
            Some(m) => match it.call(&m, vec![v.clone()], Vec::new())? {
                Value::Str(s) => s.to_string(),
                Value::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
                other => {
                    return Err(Exc::type_err(format!(
                        "expected {}.__fspath__() to return str or bytes, not {}",
                        type_name(v),
                        type_name(&other)
                    )));
                }
            },
            None => return Err(bad(v)),
        },
        other => return Err(bad(other)),
    };
    if name.contains('\0') {
        return Err(Exc::new("ValueError", "embedded null character"));
    }
    Ok(name)
}

/// The source text of `exec`/`eval`/`compile()`: a str, or bytes decoded as CPython reads source (a bytes
/// source is sized against the limits first). `Ok(None)` when `v` is neither.
pub(crate) fn source_text(it: &mut Interp, v: &Value) -> PyResult<Option<String>> {
    let s = match v {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => decode(it, b)?,
        v if crate::methods::is_bytearray(v) => {
            let b = crate::methods::bytearray_data(v).unwrap_or_default();
            decode(it, &b)?
        }
        _ => return Ok(None),
    };
    if s.contains('\0') {
        // No position: CPython's `str()` of this error is the message alone.
        return Err(Exc::new(
            "SyntaxError",
            "source code string cannot contain null bytes",
        ));
    }
    Ok(Some(s))
}

fn decode(it: &mut Interp, b: &[u8]) -> PyResult<String> {
    it.check_len(b.len())?;
    crate::decode_source(b).map_err(|e| syntax_exc(it, e))
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1)`.
pub(crate) fn b_compile(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    const NAMES: &[&str] = &[
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
        "_feature_version",
    ];
    if let Some((k, _)) = kw.iter().find(|(k, _)| !NAMES.contains(&&**k)) {
        return Err(Exc::type_err(format!(
            "'{k}' is an invalid keyword argument for compile()"
        )));
    }
    let a = crate::stdlib::bind_args("compile", args, kw, NAMES, 0, 6, 3)?;
    let source = a[0].clone().unwrap_or(Value::None);
    let filename = filename_arg(it, a[1].as_ref().unwrap_or(&Value::None))?;
    let mode = match a[2].as_ref().unwrap_or(&Value::None) {
        Value::Str(s) => s.to_string(),
        other => {
            return Err(Exc::type_err(format!(
                "compile() argument 'mode' must be str, not {}",
                type_name(other)
            )));
        }
    };
    let flags = a[3].as_ref().map(c_int).transpose()?.unwrap_or(0);
    a[4].as_ref().map(c_int).transpose()?;
    let optimize = a[5].as_ref().map(c_int).transpose()?.unwrap_or(-1);
    a[6].as_ref().map(c_int).transpose()?;
    if flags & !ALLOWED_FLAGS != 0 {
        return Err(Exc::new("ValueError", "compile(): unrecognised flags"));
    }
    if !(-1..=2).contains(&optimize) {
        return Err(Exc::new("ValueError", "compile(): invalid optimize value"));
    }
    if !matches!(mode.as_str(), "exec" | "eval" | "single") {
        return Err(Exc::new(
            "ValueError",
            "compile() mode must be 'exec', 'eval' or 'single'",
        ));
    }
    if flags & ONLY_AST != 0 {
        return Err(Exc::new(
            "NotImplementedError",
            "compile() with ast.PyCF_ONLY_AST: evalx has no ast module, it compiles to code objects only",
        ));
    }
    let Some(src) = source_text(it, &source)? else {
        return Err(Exc::type_err(
            "compile() arg 1 must be a string, bytes or AST object",
        ));
    };
    let is_eval = mode == "eval";
    let code = it
        .on_big_stack(|it| {
            // The same guards as exec's compilation (nesting, ticks for the source's size).
            crate::compile_guard(it, &src)?;
            let stop = it.compile_limits();
            let r = match mode.as_str() {
                "single" => compile_single(&src, &filename),
                "eval" => compile_eval(&src, &filename),
                _ => crate::compile_source(&src, false, &filename, false),
            };
            if let Some(oom) = stop.stopped() {
                drop(stop);
                return Err(crate::RunError::Exc(it.compile_stopped(oom)));
            }
            r.map_err(crate::RunError::Syntax)
        })
        .map_err(|e| match e {
            crate::RunError::Exc(x) => x,
            crate::RunError::Syntax(s) => syntax_exc(it, s),
        })?;
    Ok(code_object(it, code, is_eval))
}

/// Compiles `eval` mode as `compile()` does: unlike `eval()` of a string, leading spaces are an indent.
fn compile_eval(src: &str, filename: &str) -> Result<Rc<Code>, SyntaxError> {
    let named = |mut e: SyntaxError| {
        e.filename = filename.to_string();
        e
    };
    let e = crate::parser::parse_eval_mode(src, false).map_err(named)?;
    crate::compile::compile(&[], Some(&e), filename, src, false).map_err(named)
}

/// Compiles `single` mode: one statement (simple statements on one line, or one compound statement) whose
/// bare expressions print their repr, as at the `>>>` prompt.
fn compile_single(src: &str, filename: &str) -> Result<Rc<Code>, SyntaxError> {
    let named = |mut e: SyntaxError| {
        e.filename = filename.to_string();
        e
    };
    let body = crate::parser::parse_module(src).map_err(named)?;
    let line_text = |n: u32| {
        src.lines()
            .nth(n.saturating_sub(1) as usize)
            .unwrap_or_default()
            .to_string()
    };
    let Some(first) = body.first() else {
        // Nothing but blank lines and comments: CPython points at line 0 for an empty source.
        let line = src
            .lines()
            .position(|l| !l.trim().is_empty())
            .map_or(0, |n| n as u32 + 1);
        return Err(named(SyntaxError::new(
            "invalid syntax",
            line,
            0,
            0,
            line_text(line),
        )));
    };
    let compound = !matches!(
        first.kind,
        crate::ast::StmtKind::Expr(_)
            | crate::ast::StmtKind::Assign(..)
            | crate::ast::StmtKind::AugAssign(..)
            | crate::ast::StmtKind::AnnAssign(..)
            | crate::ast::StmtKind::Break
            | crate::ast::StmtKind::Continue
            | crate::ast::StmtKind::Pass
            | crate::ast::StmtKind::Return(_)
            | crate::ast::StmtKind::Raise(..)
            | crate::ast::StmtKind::Global(_)
            | crate::ast::StmtKind::Nonlocal(_)
            | crate::ast::StmtKind::Del(_)
            | crate::ast::StmtKind::Assert(..)
            | crate::ast::StmtKind::Import(_)
            | crate::ast::StmtKind::ImportFrom(..)
    );
    let line = first.span.line;
    if compound {
        if let Some(next) = body.get(1) {
            return Err(named(SyntaxError::new(
                "invalid syntax",
                next.span.line,
                next.span.col + 1,
                next.span.col + 1,
                line_text(next.span.line),
            )));
        }
    } else if body.iter().any(|s| s.span.line != line) {
        let end = body
            .iter()
            .take_while(|s| s.span.line == line)
            .last()
            .map_or(0, |s| s.span.end_col);
        return Err(named(SyntaxError::new(
            "multiple statements found while compiling a single statement",
            line,
            end + 1,
            end + 1,
            line_text(line),
        )));
    }
    crate::compile::compile(&body, None, filename, src, true).map_err(named)
}

/// A code object for compiled module code.
pub(crate) fn code_object(it: &mut Interp, code: Rc<Code>, is_eval: bool) -> Value {
    let cls = it.types.exc["code"].clone();
    let inst = Rc::new(Instance {
        dict: Instance::new_dict(&cls),
        class: cls,
        hash: crate::value::no_user_hash(),
        native: None,
    });
    {
        let mut d = inst.dict.borrow_mut();
        for (name, v) in code_fields(&code) {
            d.set_str(name, v);
        }
        let st = NativeState(RefCell::new(Box::new(CodeObj { code, is_eval })));
        d.set_str(SLOT, Value::Native(Rc::new(st)));
    }
    Value::Instance(inst)
}

/// CPython's `co_*` attributes that a tree-walking interpreter has: names, argument counts, the local,
/// cell and free variable names and `co_flags` (`inspect.CO_*`). Bytecode fields (`co_code`, `co_consts`,
/// `co_names`, `co_stacksize`, the line tables) have no counterpart in evalx.
fn code_fields(code: &Code) -> Vec<(&'static str, Value)> {
    use crate::compile::ScopeKind;
    let names = |it: &mut dyn Iterator<Item = &RcStr>| {
        Value::tuple(it.map(|n| Value::Str(n.clone())).collect())
    };
    let function = code.kind == ScopeKind::Function;
    let nparams = code.param_names().len();
    let free_start = code.free_start.min(code.slot_names.len());
    let is_cell = |i: usize| code.cell_slots.contains(&(i as u32));
    // Locals: the parameters, then the other slot variables that are neither cells (which CPython lists
    // in co_cellvars only) nor the compiler's hidden temporaries (named with a leading dot).
    let varnames: Vec<&RcStr> = if function {
        code.slot_names[..free_start]
            .iter()
            .enumerate()
            .filter(|(i, n)| *i < nparams || (!is_cell(*i) && !n.starts_with('.')))
            .map(|(_, n)| n)
            .collect()
    } else {
        Vec::new()
    };
    // CPython lists cell and free variables by name.
    let mut cellvars: Vec<&RcStr> = code
        .cell_slots
        .iter()
        .filter_map(|&i| code.slot_names.get(i as usize))
        .collect();
    cellvars.sort();
    let freevars: Vec<&RcStr> = if function {
        free_order(code)
            .into_iter()
            .filter_map(|k| code.slot_names.get(free_start + k))
            .collect()
    } else {
        Vec::new()
    };
    let mut flags = 0i64;
    if function {
        flags |= 0x1 | 0x2; // CO_OPTIMIZED | CO_NEWLOCALS
        if code.qualname.contains("<locals>") {
            flags |= 0x10; // CO_NESTED
        }
    }
    if code.has_varargs {
        flags |= 0x4;
    }
    if code.has_varkw {
        flags |= 0x8;
    }
    match (code.is_generator, code.coro) {
        (_, 1) => flags |= 0x80,
        (_, 2) => flags |= 0x200,
        (true, _) => flags |= 0x20,
        _ => {}
    }
    if code.iterable_coro.get() {
        flags |= 0x100;
    }
    let positional = if function { code.nparams as i64 } else { 0 };
    vec![
        ("co_filename", Value::Str(code.filename.clone())),
        ("co_name", Value::Str(code.name.clone())),
        ("co_qualname", Value::Str(code.qualname.clone())),
        ("co_firstlineno", Value::Int(code.firstline.max(1) as i64)),
        ("co_argcount", Value::Int(positional)),
        ("co_posonlyargcount", Value::Int(code.posonly as i64)),
        ("co_kwonlyargcount", Value::Int(code.nkwonly as i64)),
        ("co_nlocals", Value::Int(varnames.len() as i64)),
        ("co_flags", Value::Int(flags)),
        ("co_varnames", names(&mut varnames.into_iter())),
        ("co_freevars", names(&mut freevars.into_iter())),
        ("co_cellvars", names(&mut cellvars.into_iter())),
    ]
}

/// The positions in a function's closure of its free variables in `co_freevars` order (by name), so
/// `f.__closure__[i]` is the cell of `co_freevars[i]` as in CPython.
pub(crate) fn free_order(code: &Code) -> Vec<usize> {
    let free = code.slot_names.get(code.free_start..).unwrap_or(&[]);
    let mut order: Vec<usize> = (0..free.len()).collect();
    order.sort_by(|&a, &b| free[a].cmp(&free[b]));
    order
}

/// `f.__code__`: the code object of a function body, the same object on every access.
pub(crate) fn function_code(it: &mut Interp, code: &Rc<Code>) -> Value {
    let key = Rc::as_ptr(code) as usize;
    if let Some(v) = it.code_objects.get(&key) {
        return v.clone();
    }
    let v = code_object(it, code.clone(), false);
    it.code_objects.insert(key, v.clone());
    v
}

/// `repr()` of a code object: `<code object <module> at 0x..., file "name", line 1>`.
pub(crate) fn code_repr(v: &Value) -> Option<String> {
    let (code, _) = code_of(v)?;
    Some(format!(
        "<code object {} at 0x{:x}, file \"{}\", line {}>",
        code.name,
        v.identity(),
        code.filename,
        code.firstline.max(1)
    ))
}
