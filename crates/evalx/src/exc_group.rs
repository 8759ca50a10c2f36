//! `BaseExceptionGroup` and `ExceptionGroup` (construction with CPython's checks, `message`, `exceptions`,
//! `split`, `subgroup`, `derive`, `str`) and the runtime half of `except*`: the parser turns a
//! `try ... except* T as e:` statement into ordinary statements that call the hidden built-ins below
//! (`<except*-begin>`, `-match`, `-raised`, `-end`), which keep the unmatched rest, the exceptions the
//! handlers raised, and combine them at the end as CPython 3.11 does (re-raised parts keep the original
//! group's structure, new exceptions are grouped with them in a new `ExceptionGroup('')`).

use crate::interp::{Exc, Interp, PyResult};
use crate::stdlib::Kw;
use crate::value::{Class, Instance, Value};
use std::rc::Rc;

fn eg_class(it: &Interp, name: &str) -> Rc<Class> {
    it.types.exc[name].clone()
}

fn is_group(it: &Interp, v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.class.is_subclass(&eg_class(it, "BaseExceptionGroup")))
}

fn get(v: &Value, name: &str) -> Value {
    match v {
        Value::Instance(i) => i
            .dict
            .borrow()
            .get_str(name)
            .cloned()
            .unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// The sub-exceptions of a group.
fn members(v: &Value) -> Vec<Value> {
    match get(v, "exceptions") {
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    }
}

/// `BaseExceptionGroup(message, exceptions)` / `ExceptionGroup(...)` and their subclasses.
pub(crate) fn construct(
    it: &mut Interp,
    c: &Rc<Class>,
    args: Vec<Value>,
    kw: Vec<(crate::thin::RcStr, Value)>,
) -> PyResult<Value> {
    let cname = c.name.to_string();
    if !kw.is_empty() {
        return Err(Exc::type_err(format!(
            "{cname}() takes no keyword arguments"
        )));
    }
    if args.len() != 2 {
        return Err(Exc::type_err(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    let Value::Str(_) = &args[0] else {
        return Err(Exc::type_err(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            crate::builtins::type_name(&args[0])
        )));
    };
    let items = match &args[1] {
        Value::List(l) => l.borrow().to_vec(),
        Value::Tuple(t) => t.to_vec(),
        Value::Instance(_) if it.lookup_special(&args[1], "__getitem__").is_some() => {
            it.collect(&args[1])?
        }
        _ => {
            return Err(Exc::type_err(
                "second argument (exceptions) must be a sequence",
            ));
        }
    };
    if items.is_empty() {
        return Err(Exc::value_err(
            "second argument (exceptions) must be a non-empty sequence",
        ));
    }
    let base_exc = eg_class(it, "BaseException");
    let exc = eg_class(it, "Exception");
    let mut all_exceptions = true;
    for (n, e) in items.iter().enumerate() {
        match e {
            Value::Instance(i) if i.class.is_subclass(&base_exc) => {
                if !i.class.is_subclass(&exc) {
                    all_exceptions = false;
                }
            }
            _ => {
                return Err(Exc::value_err(format!(
                    "Item {n} of second argument (exceptions) is not an exception"
                )));
            }
        }
    }
    let beg = eg_class(it, "BaseExceptionGroup");
    let mut cls = c.clone();
    if Rc::ptr_eq(c, &beg) {
        if all_exceptions {
            cls = eg_class(it, "ExceptionGroup");
        }
    } else if c.is_subclass(&exc) {
        if !all_exceptions {
            if Rc::ptr_eq(c, &eg_class(it, "ExceptionGroup")) {
                return Err(Exc::type_err(
                    "Cannot nest BaseExceptions in an ExceptionGroup",
                ));
            }
            return Err(Exc::type_err(format!(
                "Cannot nest BaseExceptions in '{cname}'"
            )));
        }
    }
    let inst = Rc::new(Instance {
        class: cls.clone(),
        dict: Instance::new_dict(&cls),
        hash: crate::value::no_user_hash(),
        native: None,
    });
    {
        let mut d = inst.dict.borrow_mut();
        d.set_str("args", Value::tuple(args.clone()));
        d.set_str("message", args[0].clone());
        d.set_str("exceptions", Value::tuple(items));
    }
    let v = Value::Instance(inst);
    // A subclass's own `__init__` runs with the same arguments.
    if let Some(init @ Value::Func(_)) = cls.lookup("__init__") {
        let mut a = vec![v.clone()];
        a.extend(args);
        it.call(&init, a, Vec::new())?;
    }
    Ok(v)
}

/// How `split`/`subgroup`/`except*` decide a leaf matches.
enum Cond {
    Types(Vec<Rc<Class>>),
    Pred(Value),
    /// The leaves to keep, by identity (re-raised parts of an `except*`).
    Leaves(Vec<usize>),
}

fn cond_of(it: &Interp, v: &Value) -> PyResult<Cond> {
    let base = eg_class(it, "BaseException");
    let as_type = |x: &Value| match x {
        Value::Class(c) if c.is_subclass(&base) => Some(c.clone()),
        _ => None,
    };
    if let Some(c) = as_type(v) {
        return Ok(Cond::Types(vec![c]));
    }
    if let Value::Tuple(t) = v {
        if let Some(cs) = t.iter().map(as_type).collect::<Option<Vec<_>>>() {
            return Ok(Cond::Types(cs));
        }
    }
    if matches!(v, Value::Func(_) | Value::Builtin(_) | Value::Bound(_)) {
        return Ok(Cond::Pred(v.clone()));
    }
    Err(Exc::type_err(
        "expected a function, exception type or tuple of exception types",
    ))
}

fn matches(it: &mut Interp, e: &Value, cond: &Cond) -> PyResult<bool> {
    Ok(match cond {
        Cond::Types(cs) => match e {
            Value::Instance(i) => cs.iter().any(|c| i.class.is_subclass(c)),
            _ => false,
        },
        Cond::Pred(f) => {
            let r = it.call(f, vec![e.clone()], Vec::new())?;
            it.truthy(&r)?
        }
        Cond::Leaves(ids) => ids.contains(&e.identity()),
    })
}

/// `eg.derive(excs)` with the group's traceback, cause, context and notes copied, as `split` does.
fn derive_like(it: &mut Interp, eg: &Value, excs: Vec<Value>) -> PyResult<Value> {
    let derive = it.get_attr(eg, "derive")?;
    let new = it.call(&derive, vec![Value::list(excs)], Vec::new())?;
    if let (Value::Instance(src), Value::Instance(dst)) = (eg, &new) {
        let s = src.dict.borrow();
        let mut d = dst.dict.borrow_mut();
        for n in [
            "__traceback__",
            "__evalx_traceback__",
            "__evalx_positions__",
            "__cause__",
            "__context__",
            "__notes__",
        ] {
            if let Some(x) = s.get_str(n) {
                d.set_str(n, x.clone());
            }
        }
    }
    Ok(new)
}

/// `(match, rest)` of a group; `rest` is only built when `want_rest`.
fn split_rec(
    it: &mut Interp,
    eg: &Value,
    cond: &Cond,
    want_rest: bool,
) -> PyResult<(Option<Value>, Option<Value>)> {
    if matches(it, eg, cond)? {
        return Ok((Some(eg.clone()), None));
    }
    if !is_group(it, eg) {
        return Ok((None, Some(eg.clone())));
    }
    let mut m = Vec::new();
    let mut r = Vec::new();
    for e in members(eg) {
        let (a, b) = split_rec(it, &e, cond, want_rest)?;
        m.extend(a);
        r.extend(b);
    }
    let m = if m.is_empty() {
        None
    } else {
        Some(derive_like(it, eg, m)?)
    };
    let r = if !want_rest || r.is_empty() {
        None
    } else {
        Some(derive_like(it, eg, r)?)
    };
    Ok((m, r))
}

fn this(args: &[Value], what: &str) -> PyResult<Value> {
    match args.first() {
        Some(v @ Value::Instance(_)) => Ok(v.clone()),
        _ => Err(Exc::type_err(format!(
            "descriptor '{what}' requires a 'BaseExceptionGroup' object"
        ))),
    }
}

fn one_arg<'a>(args: &'a [Value], what: &str) -> PyResult<&'a Value> {
    if args.len() != 2 {
        let n = args.len().saturating_sub(1);
        return Err(Exc::type_err(if what == "derive" {
            format!("BaseExceptionGroup.derive() takes exactly one argument ({n} given)")
        } else {
            format!("{what} expected 1 argument, got {n}")
        }));
    }
    Ok(&args[1])
}

fn m_split(it: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let eg = this(args, "split")?;
    let cond = cond_of(it, one_arg(args, "split")?)?;
    let (m, r) = split_rec(it, &eg, &cond, true)?;
    Ok(Value::tuple(vec![
        m.unwrap_or(Value::None),
        r.unwrap_or(Value::None),
    ]))
}

fn m_subgroup(it: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let eg = this(args, "subgroup")?;
    let cond = cond_of(it, one_arg(args, "subgroup")?)?;
    Ok(split_rec(it, &eg, &cond, false)?.0.unwrap_or(Value::None))
}

fn m_derive(it: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let eg = this(args, "derive")?;
    let excs = one_arg(args, "derive")?.clone();
    let cls = Value::Class(eg_class(it, "BaseExceptionGroup"));
    it.call(&cls, vec![get(&eg, "message"), excs], Vec::new())
}

fn m_str(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let eg = this(args, "__str__")?;
    let msg = match get(&eg, "message") {
        Value::Str(s) => s.to_string(),
        _ => String::new(),
    };
    let n = members(&eg).len();
    Ok(Value::str(&format!(
        "{msg} ({n} sub-exception{})",
        if n == 1 { "" } else { "s" }
    )))
}

fn m_class_getitem(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(args.first().cloned().unwrap_or(Value::None))
}

/// Makes the two group classes (`ExceptionGroup` derives from both `BaseExceptionGroup` and `Exception`).
pub(crate) fn make_classes(exc: &mut indexmap::IndexMap<&'static str, Rc<Class>>) {
    use crate::value::Kind;
    let beg = crate::builtins::class(
        "BaseExceptionGroup",
        Kind::Exception,
        vec![exc["BaseException"].clone()],
    );
    {
        let mut a = beg.attrs.borrow_mut();
        let methods: &[(&str, &'static str, crate::value::NativeFn)] = &[
            ("split", "BaseExceptionGroup.split", m_split),
            ("subgroup", "BaseExceptionGroup.subgroup", m_subgroup),
            ("derive", "BaseExceptionGroup.derive", m_derive),
            ("__str__", "BaseExceptionGroup.__str__", m_str),
        ];
        for (n, q, f) in methods {
            a.set_str(n, crate::builtins::builtin(q, *f));
        }
        a.set_str(
            "__class_getitem__",
            Value::Builtin(Rc::new(crate::value::Builtin {
                name: "<classmethod>",
                func: m_class_getitem,
                this: Some(crate::builtins::builtin(
                    "__class_getitem__",
                    m_class_getitem,
                )),
            })),
        );
    }
    let eg = crate::builtins::class(
        "ExceptionGroup",
        Kind::Exception,
        vec![beg.clone(), exc["Exception"].clone()],
    );
    // C3 order: ExceptionGroup, BaseExceptionGroup, Exception, BaseException, object.
    {
        let mut mro = vec![eg.clone(), beg.clone()];
        mro.extend(exc["Exception"].mro.borrow().iter().cloned());
        *eg.mro.borrow_mut() = mro;
    }
    exc.insert("BaseExceptionGroup", beg);
    exc.insert("ExceptionGroup", eg);
}

// ------------------------------------------------------------------------------------ except*

/// The state of one `except*` statement: the original exception, what no clause matched yet, and what
/// the clauses raised (`None` marks a clause that re-raised its match).
struct Star {
    orig: Value,
    rest: Option<Value>,
    raised: Vec<Value>,
    reraised: Vec<Value>,
}

fn star_state(v: &Value) -> PyResult<Rc<crate::value::NativeState>> {
    match v {
        Value::Native(s) if s.0.borrow().is::<Star>() => Ok(s.clone()),
        _ => Err(Exc::type_err("except* state expected")),
    }
}

/// The helper `Const::Hidden(i)` stands for.
pub(crate) fn hidden(i: u8) -> Value {
    let (name, func): (&'static str, crate::value::NativeFn) = match i {
        0 => ("<except*-begin>", star_begin),
        1 => ("<except*-match>", star_match),
        2 => ("<except*-raised>", star_raised),
        3 => ("<except*-handled>", star_handled),
        _ => ("<except*-end>", star_end),
    };
    crate::stdlib::native(name, func)
}

/// The exception being handled, as an instance.
fn current(it: &mut Interp) -> Value {
    let Some(mut ex) = it.handling.last().cloned() else {
        return Value::None;
    };
    let inst = it.materialize(&mut ex);
    crate::stdlib::traceback::remember(it, &inst, &ex);
    if let Some(last) = it.handling.last_mut() {
        *last = ex;
    }
    Value::Instance(inst)
}

/// `<except*-begin>()`: the exception being handled; a naked one is wrapped in a group to be matched.
pub(crate) fn star_begin(it: &mut Interp, _: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let orig = current(it);
    let st = Star {
        rest: Some(orig.clone()),
        orig,
        raised: Vec::new(),
        reraised: Vec::new(),
    };
    Ok(Value::Native(Rc::new(crate::value::NativeState(
        std::cell::RefCell::new(Box::new(st)),
    ))))
}

/// `<except*-match>(state, T)`: the part of the rest that `T` matches (`None`: the clause does not run).
pub(crate) fn star_match(it: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let st = star_state(args.first().unwrap_or(&Value::None))?;
    let t = args.get(1).cloned().unwrap_or(Value::None);
    let beg = eg_class(it, "BaseExceptionGroup");
    let base = eg_class(it, "BaseException");
    let types: Vec<Value> = match &t {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    for ty in &types {
        match ty {
            Value::Class(c) if c.is_subclass(&beg) => {
                return Err(Exc::type_err(
                    "catching ExceptionGroup with except* is not allowed. Use except instead.",
                ));
            }
            Value::Class(c) if c.is_subclass(&base) => {}
            _ => {
                return Err(Exc::type_err(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
    }
    let rest = {
        let b = st.0.borrow();
        b.downcast_ref::<Star>().and_then(|s| s.rest.clone())
    };
    let Some(rest) = rest else {
        return Ok(Value::None);
    };
    let cond = cond_of(it, &t)?;
    let (m, r) = if is_group(it, &rest) {
        split_rec(it, &rest, &cond, true)?
    } else if matches(it, &rest, &cond)? {
        // A naked exception matches as a group holding it.
        let cls = Value::Class(eg_class(it, "BaseExceptionGroup"));
        let wrapped = it.call(
            &cls,
            vec![Value::str(""), Value::tuple(vec![rest.clone()])],
            Vec::new(),
        )?;
        (Some(wrapped), None)
    } else {
        (None, Some(rest))
    };
    if let Some(s) = st.0.borrow_mut().downcast_mut::<Star>() {
        s.rest = r;
        if let Some(m) = &m {
            s.reraised.push(m.clone());
        }
    }
    Ok(m.unwrap_or(Value::None))
}

/// `<except*-raised>(state, matched)`: a clause raised the exception being handled (the original itself: a bare `raise`
/// of its match, which stays re-raised; anything else replaces the match).
pub(crate) fn star_raised(it: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let st = star_state(args.first().unwrap_or(&Value::None))?;
    let matched = args.get(1).cloned().unwrap_or(Value::None);
    let x = current(it);
    let mut b = st.0.borrow_mut();
    if let Some(s) = b.downcast_mut::<Star>() {
        let bare = x.is(&s.orig) || x.is(&matched);
        if !bare {
            // Its context is the part of the group its clause handled, as in CPython.
            if let Value::Instance(i) = &x {
                if matches!(matched, Value::Instance(_)) {
                    i.dict.borrow_mut().set_str("__context__", matched.clone());
                }
            }
            s.raised.push(x);
            s.reraised.retain(|m| !m.is(&matched));
        }
    }
    Ok(Value::None)
}

/// `<except*-handled>(state, matched)`: a clause finished without raising; its match is handled.
pub(crate) fn star_handled(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let st = star_state(args.first().unwrap_or(&Value::None))?;
    let matched = args.get(1).cloned().unwrap_or(Value::None);
    if let Some(s) = st.0.borrow_mut().downcast_mut::<Star>() {
        s.reraised.retain(|m| !m.is(&matched));
    }
    Ok(Value::None)
}

fn leaves(it: &Interp, v: &Value, out: &mut Vec<usize>) {
    if is_group(it, v) {
        for e in members(v) {
            leaves(it, &e, out);
        }
    } else {
        out.push(v.identity());
    }
}

/// `<except*-end>(state)`: raises the rest and what the clauses raised, combined (returns `None` when
/// everything was handled).
pub(crate) fn star_end(it: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let st = star_state(args.first().unwrap_or(&Value::None))?;
    let (orig, rest, raised, reraised) = {
        let b = st.0.borrow();
        let Some(s) = b.downcast_ref::<Star>() else {
            return Ok(Value::None);
        };
        (
            s.orig.clone(),
            s.rest.clone(),
            s.raised.clone(),
            s.reraised.clone(),
        )
    };
    let result = if !is_group(it, &orig) {
        // A naked exception: at most one clause ran.
        if let Some(x) = raised.into_iter().next() {
            return Err(raise_new(it, x, false)?);
        }
        match reraised.into_iter().next() {
            Some(m) => m,
            None if rest.is_some() => orig.clone(),
            None => return Ok(Value::None),
        }
    } else {
        let mut keep = Vec::new();
        for m in reraised.iter().chain(rest.iter()) {
            leaves(it, m, &mut keep);
        }
        let kept = if keep.is_empty() {
            None
        } else {
            split_rec(it, &orig, &Cond::Leaves(keep), false)?.0
        };
        if raised.is_empty() {
            match kept {
                Some(k) => k,
                None => return Ok(Value::None),
            }
        } else {
            let mut all = raised;
            all.extend(kept);
            let cls = Value::Class(eg_class(it, "BaseExceptionGroup"));
            it.call(&cls, vec![Value::str(""), Value::list(all)], Vec::new())?
        }
    };
    if result.is(&orig) {
        // The original, unchanged: raised again with its own traceback and chain.
        if let Some(ex) = it.handling.last() {
            let mut ex = ex.clone();
            ex.reraised = true;
            return Err(ex);
        }
    }
    let mut ex = raise_new(it, result, true)?;
    // Like CPython's re-raise, the statement's own frame adds no traceback entry.
    ex.reraised = true;
    Err(ex)
}

/// The exception to raise for `v` (with the traceback it was caught with); a group made here does not
/// show the exception being handled as its context, as CPython's does not have one.
fn raise_new(it: &mut Interp, v: Value, group: bool) -> PyResult<Box<Exc>> {
    let mut ex = it.exc_from_value(v)?;
    ex.no_context = group;
    if !group {
        // A clause's new exception has the exception it handled as its context.
        ex.context = it.handling.last().cloned();
    }
    Ok(ex)
}
