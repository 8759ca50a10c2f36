//! Coroutines and async generators: `await`, delegation (`await` / `yield from` passing `send`, `throw` and
//! `close` through to the inner iterator), `async for`, `async with`, and the awaitables an async
//! generator's `__anext__`/`asend`/`athrow`/`aclose` return.
//!
//! Coroutines share the generators' machinery (a `GenState` whose [`GenKind`] says what it is). A fresh
//! coroutine keeps its frame aside until its first step: when that step is an `await`, the frame runs
//! inline on the awaiting stack (generators are stackful, so a suspension deep inside reaches the outer
//! driver exactly as CPython's chain of `await`s passes it on); only a coroutine driven from outside
//! (`send`, an event loop) gets its own stack.

use super::*;

thread_local! {
    /// What each frame suspended in `yield from`/`await` delegates to, innermost last, by frame address:
    /// `gi_yieldfrom`/`cr_await`/`ag_await` of a stackful generator read its own frame's entry.
    static DELEGATING: RefCell<Vec<(usize, Value)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `fr` recorded as delegating to `to` (the record goes when `f` returns, on any path).
fn delegating<T>(fr: *const Frame, to: &Value, f: impl FnOnce() -> T) -> T {
    let key = fr as usize;
    let _ = DELEGATING.try_with(|d| d.borrow_mut().push((key, to.clone())));
    let r = f();
    let _ = DELEGATING.try_with(|d| {
        let mut d = d.borrow_mut();
        if let Some(i) = d.iter().rposition(|(k, _)| *k == key) {
            d.remove(i);
        }
    });
    r
}

/// What the frame at `fr` is delegating to, if it is suspended in `yield from` or `await`.
fn delegate_of(fr: *const Frame) -> Option<Value> {
    let key = fr as usize;
    DELEGATING
        .try_with(|d| {
            d.borrow()
                .iter()
                .rev()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
        })
        .ok()
        .flatten()
}

/// What a `GenState` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    /// A generator function decorated with `types.coroutine`: a generator that may also be awaited.
    IterCoro,
    Coroutine,
    AsyncGen,
}

impl GenKind {
    /// The noun CPython's messages use.
    pub fn noun(self) -> &'static str {
        match self {
            GenKind::Generator | GenKind::IterCoro => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGen => "async generator",
        }
    }
    /// The type name.
    pub fn type_name(self) -> &'static str {
        match self {
            GenKind::Generator | GenKind::IterCoro => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGen => "async_generator",
        }
    }
}

/// What an async-generator awaitable does when stepped.
#[derive(Debug)]
pub enum OpMode {
    /// `__anext__()` / `asend(v)`: resumes the generator with `v` first.
    Send(Value),
    /// `athrow(exc)`: raises `exc` at the generator's `yield`.
    Throw(Box<Exc>),
    /// `aclose()`.
    Close,
    /// `coroutine.__await__()`: steps the coroutine itself.
    Wrapper,
}

/// The awaitable an async generator's `__anext__`/`asend`/`athrow`/`aclose` returns (or a coroutine's
/// `__await__` wrapper).
#[allow(missing_debug_implementations)]
pub struct AsyncOp {
    pub(crate) gen_: Rc<RefCell<Iter>>,
    pub(crate) mode: OpMode,
    pub(crate) started: bool,
    pub(crate) done: bool,
}

impl AsyncOp {
    /// The op's type name.
    pub fn type_name(&self) -> &'static str {
        match self.mode {
            OpMode::Send(_) => "async_generator_asend",
            OpMode::Throw(_) | OpMode::Close => "async_generator_athrow",
            OpMode::Wrapper => "coroutine_wrapper",
        }
    }
}

fn gen_kind(v: &Value) -> Option<GenKind> {
    match v {
        Value::Iter(i) => match &*i.borrow() {
            Iter::Generator(st) => Some(st.kind),
            _ => None,
        },
        _ => None,
    }
}

impl Interp {
    /// A coroutine, async generator or `types.coroutine` generator object for `frame`.
    pub(crate) fn make_coroutine(&mut self, frame: Frame) -> PyResult<Value> {
        let name = frame.code.name.clone();
        let qualname = frame.code.qualname.clone();
        let code = Some(frame.code.clone());
        let kind = match frame.code.coro {
            1 => GenKind::Coroutine,
            2 => GenKind::AsyncGen,
            _ => GenKind::IterCoro,
        };
        let (co, pending) = if kind == GenKind::Coroutine {
            (None, Some(Box::new(frame)))
        } else {
            (Some(self.new_gen_co(frame)?), None)
        };
        Ok(Value::Iter(Rc::new(RefCell::new(Iter::Generator(
            Box::new(GenState {
                co,
                name,
                qualname,
                finished: false,
                kind,
                pending,
                code,
                frames: Vec::new(),
                owner: self.id,
                flat: None,
            }),
        )))))
    }

    pub(crate) fn is_exc(&self, e: &Exc, name: &str) -> bool {
        self.exc_class(e).is_subclass(&self.types.exc[name])
    }

    /// `await v`.
    pub(crate) fn await_value(&mut self, v: Value, fr: &mut Frame) -> PyResult<Value> {
        if let Value::Iter(g) = &v {
            let pending = match &mut *g.borrow_mut() {
                Iter::Generator(st) if st.kind == GenKind::Coroutine => {
                    if st.finished {
                        return Err(Exc::new(
                            "RuntimeError",
                            "cannot reuse already awaited coroutine",
                        ));
                    }
                    st.pending.take()
                }
                _ => None,
            };
            if let Some(frame) = pending {
                // A fresh coroutine runs inline: its suspensions reach our driver directly.
                let r = delegating(fr, &v, || self.run_function_frame(*frame));
                if let Iter::Generator(st) = &mut *g.borrow_mut() {
                    st.finished = true;
                }
                return match r {
                    Err(e) if self.is_exc(&e, "StopIteration") => {
                        Err(Exc::new("RuntimeError", "coroutine raised StopIteration"))
                    }
                    r => r,
                };
            }
        }
        let inner = self.awaitable_iter(v)?;
        self.delegate(inner, fr)
    }

    /// The iterator `await v` delegates to (CPython's `_PyCoro_GetAwaitableIter`).
    pub(crate) fn awaitable_iter(&mut self, v: Value) -> PyResult<Value> {
        match gen_kind(&v) {
            Some(GenKind::Coroutine | GenKind::IterCoro) => return Ok(v),
            Some(_) => {}
            None => {
                if let Value::Iter(i) = &v
                    && matches!(&*i.borrow(), Iter::AsyncOp(_))
                {
                    return Ok(v);
                }
            }
        }
        let Some(m) = self.lookup_special(&v, "__await__") else {
            return Err(Exc::type_err(format!(
                "object {} can't be used in 'await' expression",
                tname(&v)
            )));
        };
        let r = self.call(&m, vec![v], Vec::new())?;
        match gen_kind(&r) {
            Some(GenKind::Coroutine) => Err(Exc::type_err("__await__() returned a coroutine")),
            Some(GenKind::AsyncGen) | None if !self.is_iterator(&r) => Err(Exc::type_err(format!(
                "__await__() returned non-iterator of type '{}'",
                tname(&r)
            ))),
            _ => Ok(r),
        }
    }

    fn is_awaitable(&self, v: &Value) -> bool {
        match v {
            Value::Iter(i) => match &*i.borrow() {
                Iter::Generator(st) => matches!(st.kind, GenKind::Coroutine | GenKind::IterCoro),
                Iter::AsyncOp(_) => true,
                _ => false,
            },
            _ => self.lookup_special(v, "__await__").is_some(),
        }
    }

    fn is_iterator(&self, v: &Value) -> bool {
        match v {
            Value::Iter(i) => {
                !matches!(&*i.borrow(), Iter::Generator(st) if st.kind == GenKind::AsyncGen)
            }
            Value::Instance(_) => self.lookup_special(v, "__next__").is_some(),
            _ => false,
        }
    }

    /// One step of a delegated-to iterator: `send(sent)`, or `throw(exc)` when `thrown` is set.
    /// `Ok(Ok(v))` = it yielded `v`; `Ok(Err(r))` = it finished returning `r`.
    pub(crate) fn step_inner(
        &mut self,
        inner: &Value,
        sent: Value,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Result<Value, Value>> {
        if let Value::Iter(r) = inner {
            let what = match &*r.borrow() {
                Iter::Generator(st) => Some(Some(st.kind)),
                Iter::AsyncOp(_) => Some(None),
                _ => None,
            };
            let Some(what) = what else {
                return match thrown {
                    Some(e) => Err(e),
                    None if matches!(sent, Value::None) => self.next_gen_aware(inner),
                    None => Err(self.attr_error(inner, "send")),
                };
            };
            return match (what, thrown) {
                (None, thrown) => self.step_op(r, sent, thrown),
                (Some(kind), Some(e)) => {
                    let _ = kind;
                    self.throw_gen(r, e)
                }
                (Some(kind), None) => {
                    if kind == GenKind::Coroutine
                        && matches!(&*r.borrow(), Iter::Generator(st) if st.finished)
                    {
                        return Err(Exc::new(
                            "RuntimeError",
                            "cannot reuse already awaited coroutine",
                        ));
                    }
                    self.resume_gen(r, sent)
                }
            };
        }
        let (name, args) = match thrown {
            Some(mut e) => {
                let Some(m) = self.lookup_special(inner, "throw") else {
                    return Err(e);
                };
                let inst = self.materialize(&mut e);
                let _ = m;
                ("throw", vec![Value::Instance(inst)])
            }
            None if matches!(sent, Value::None) => return self.next_gen_aware(inner),
            None => ("send", vec![sent]),
        };
        match self.call_method(inner, name, args) {
            Ok(v) => Ok(Ok(v)),
            Err(mut e) if self.is_exc(&e, "StopIteration") => {
                let inst = self.materialize(&mut e);
                let v = match inst.dict.borrow().get_str("args") {
                    Some(Value::Tuple(t)) if !t.is_empty() => t[0].clone(),
                    _ => Value::None,
                };
                Ok(Err(v))
            }
            Err(e) => Err(e),
        }
    }

    /// Closes a delegated-to iterator (its `close()`, if it has one).
    pub(crate) fn close_inner(&mut self, inner: &Value) -> PyResult<()> {
        match inner {
            Value::Iter(r) => match &*r.borrow() {
                Iter::Generator(_) => {}
                Iter::AsyncOp(_) => {
                    return Ok(());
                }
                _ => return Ok(()),
            },
            _ => {
                if self.lookup_special(inner, "close").is_some() {
                    self.call_method(inner, "close", vec![])?;
                }
                return Ok(());
            }
        }
        if let Value::Iter(r) = inner {
            self.close_gen(r)?;
        }
        Ok(())
    }

    /// `yield from inner` / the loop of `await`: passes what the inner iterator yields out to our driver and
    /// what the driver sends or throws back in, until the inner one returns.
    pub(crate) fn delegate(&mut self, inner: Value, fr: &mut Frame) -> PyResult<Value> {
        let key: *const Frame = fr;
        delegating(key, &inner.clone(), || self.delegate_loop(inner, fr))
    }

    fn delegate_loop(&mut self, inner: Value, fr: &mut Frame) -> PyResult<Value> {
        let mut step = self.step_inner(&inner, Value::None, None);
        loop {
            match step? {
                Err(ret) => return Ok(ret),
                Ok(y) => match self.yield_value(y, fr) {
                    Ok(sent) => step = self.step_inner(&inner, sent, None),
                    Err(e) => {
                        if matches!(e.kind, ExcKind::Limit(_)) {
                            return Err(e);
                        }
                        if self.is_exc(&e, "GeneratorExit") {
                            self.close_inner(&inner)?;
                            return Err(e);
                        }
                        step = self.step_inner(&inner, Value::None, Some(e));
                    }
                },
            }
        }
    }

    /// An async generator's `yield v`.
    pub(crate) fn async_yield(&mut self, v: Value, fr: &mut Frame) -> PyResult<Value> {
        self.agen_yield = true;
        let r = self.yield_value(v, fr);
        self.agen_yield = false;
        r
    }

    /// Steps an async generator's awaitable (see [`AsyncOp`]).
    pub(crate) fn step_op(
        &mut self,
        op: &Rc<RefCell<Iter>>,
        sent: Value,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Result<Value, Value>> {
        let (g, first, mode) = {
            let mut b = op.borrow_mut();
            let Iter::AsyncOp(o) = &mut *b else {
                return Err(Exc::type_err("not an awaitable"));
            };
            if o.done {
                return Err(Exc::new(
                    "RuntimeError",
                    match o.mode {
                        OpMode::Send(_) => "cannot reuse already awaited __anext__()/asend()",
                        OpMode::Wrapper => "cannot reuse already awaited coroutine",
                        _ => "cannot reuse already awaited aclose()/athrow()",
                    },
                ));
            }
            let first = !o.started;
            o.started = true;
            let mode = match &o.mode {
                OpMode::Send(v) => OpMode::Send(v.clone()),
                OpMode::Throw(e) => OpMode::Throw(e.clone()),
                OpMode::Close => OpMode::Close,
                OpMode::Wrapper => OpMode::Wrapper,
            };
            (o.gen_.clone(), first, mode)
        };
        let set_done = |op: &Rc<RefCell<Iter>>| {
            if let Iter::AsyncOp(o) = &mut *op.borrow_mut() {
                o.done = true;
            }
        };
        if let OpMode::Wrapper = mode {
            let gv = Value::Iter(g);
            let r = self.step_inner(&gv, sent, thrown);
            if !matches!(r, Ok(Ok(_))) {
                set_done(op);
            }
            return r;
        }
        let finished = matches!(&*g.borrow(), Iter::Generator(st) if st.finished);
        if first && finished {
            set_done(op);
            return match mode {
                OpMode::Send(_) => Err(Exc::new("StopAsyncIteration", "")),
                OpMode::Close => Ok(Err(Value::None)),
                OpMode::Throw(e) => Err(e),
                OpMode::Wrapper => Ok(Err(Value::None)),
            };
        }
        let closing = matches!(mode, OpMode::Close);
        self.agen_yield = false;
        let r = match (first, mode, thrown) {
            (_, _, Some(e)) => self.throw_gen(&g, e),
            (true, OpMode::Send(v), None) => self.resume_gen(&g, v),
            (true, OpMode::Throw(e), None) => self.throw_gen(&g, e),
            (true, OpMode::Close, None) => {
                let started = matches!(&*g.borrow(), Iter::Generator(st)
                    if st.co.as_ref().is_some_and(|c| c.started()));
                if !started {
                    self.close_gen(&g)?;
                    set_done(op);
                    return Ok(Err(Value::None));
                }
                self.throw_gen(&g, Exc::new("GeneratorExit", ""))
            }
            (_, _, None) => self.resume_gen(&g, sent),
        };
        let yielded = std::mem::take(&mut self.agen_yield);
        match r {
            Ok(Ok(v)) if yielded => {
                set_done(op);
                if closing {
                    return Err(Exc::new(
                        "RuntimeError",
                        "async generator ignored GeneratorExit",
                    ));
                }
                Ok(Err(v))
            }
            Ok(Ok(v)) => Ok(Ok(v)),
            Ok(Err(_)) => {
                set_done(op);
                if closing {
                    Ok(Err(Value::None))
                } else {
                    Err(Exc::new("StopAsyncIteration", ""))
                }
            }
            Err(e) => {
                set_done(op);
                if closing
                    && (self.is_exc(&e, "GeneratorExit") || self.is_exc(&e, "StopAsyncIteration"))
                {
                    return Ok(Err(Value::None));
                }
                Err(e)
            }
        }
    }

    fn new_op(&self, g: &Rc<RefCell<Iter>>, mode: OpMode) -> Value {
        Value::Iter(Rc::new(RefCell::new(Iter::AsyncOp(Box::new(AsyncOp {
            gen_: g.clone(),
            mode,
            started: false,
            done: false,
        })))))
    }

    /// The methods of coroutines, async generators and their awaitables (`None` when `name` is not one).
    pub(crate) fn coro_method(
        &mut self,
        i: &Rc<RefCell<Iter>>,
        recv: &Value,
        name: &str,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let kind = match &*i.borrow() {
            Iter::Generator(st) => Some(st.kind),
            Iter::AsyncOp(_) => None,
            _ => return Ok(None),
        };
        let stop = |r: Result<Value, Value>| match r {
            Ok(v) => Ok(Some(v)),
            Err(ret) => Err(crate::methods::stop_iteration(ret)),
        };
        match (kind, name) {
            (Some(GenKind::Coroutine), "send") => {
                crate::methods::arity_of("coroutine", "send", args, 1, 1)?;
                let r = self.step_inner(recv, args[0].clone(), None)?;
                stop(r)
            }
            (Some(GenKind::Coroutine), "__await__") => {
                crate::methods::arity_of("coroutine", "__await__", args, 0, 0)?;
                Ok(Some(self.new_op(i, OpMode::Wrapper)))
            }
            (Some(GenKind::AsyncGen), "__aiter__") => {
                crate::methods::arity_of("async_generator", "__aiter__", args, 0, 0)?;
                Ok(Some(recv.clone()))
            }
            (Some(GenKind::AsyncGen), "__anext__") => {
                crate::methods::arity_of("async_generator", "__anext__", args, 0, 0)?;
                Ok(Some(self.new_op(i, OpMode::Send(Value::None))))
            }
            (Some(GenKind::AsyncGen), "asend") => {
                crate::methods::arity_of("async_generator", "asend", args, 1, 1)?;
                Ok(Some(self.new_op(i, OpMode::Send(args[0].clone()))))
            }
            (Some(GenKind::AsyncGen), "athrow") => {
                let Some(exc) = args.first().cloned() else {
                    return Err(Exc::type_err("athrow expected at least 1 argument, got 0"));
                };
                let e = crate::methods::throw_args(self, exc, args)?;
                Ok(Some(self.new_op(i, OpMode::Throw(e))))
            }
            (Some(GenKind::AsyncGen), "aclose") => {
                crate::methods::arity_of("async_generator", "aclose", args, 0, 0)?;
                Ok(Some(self.new_op(i, OpMode::Close)))
            }
            (Some(GenKind::AsyncGen), "send" | "throw" | "close" | "__next__") => {
                Err(self.attr_error(recv, name))
            }
            (None, "send" | "__next__") => {
                let sent = if name == "send" {
                    crate::methods::arity_of("", "send", args, 1, 1)?;
                    args[0].clone()
                } else {
                    Value::None
                };
                let r = self.step_op(i, sent, None)?;
                stop(r)
            }
            (None, "throw") => {
                let Some(exc) = args.first().cloned() else {
                    return Err(Exc::type_err("throw expected at least 1 argument, got 0"));
                };
                let e = crate::methods::throw_args(self, exc, args)?;
                let r = self.step_op(i, Value::None, Some(e))?;
                stop(r)
            }
            (None, "close") => {
                if let Iter::AsyncOp(o) = &mut *i.borrow_mut() {
                    o.done = true;
                }
                Ok(Some(Value::None))
            }
            (None, "__await__" | "__iter__") => Ok(Some(recv.clone())),
            _ => Ok(None),
        }
    }

    /// The attributes of coroutines and async generators (`cr_running`, `ag_await`...).
    pub(crate) fn coro_attr(&mut self, i: &Rc<RefCell<Iter>>, name: &str) -> Option<Value> {
        let b = i.borrow();
        let Iter::Generator(st) = &*b else {
            return None;
        };
        let p = match st.kind {
            GenKind::Coroutine => "cr_",
            GenKind::AsyncGen => "ag_",
            _ => "gi_",
        };
        let rest = name.strip_prefix(p)?;
        let running = !st.finished && st.co.is_none() && st.pending.is_none() && st.flat.is_none();
        match rest {
            "running" => Some(Value::bool(running)),
            "suspended" if st.kind != GenKind::AsyncGen => Some(Value::bool(
                !st.finished
                    && (st.co.as_ref().is_some_and(|c| c.started())
                        || st.flat.as_ref().is_some_and(|f| f.started))
                    && !running,
            )),
            // A stackless generator suspended in `yield from` knows what it delegates to; a stackful one's
            // frame is recorded while it delegates.
            "yieldfrom" | "await" if rest != "await" || st.kind != GenKind::Generator => Some(
                st.flat
                    .as_ref()
                    .and_then(|f| f.delegate().cloned())
                    .or_else(|| st.frames.first().and_then(|&p| delegate_of(p)))
                    .unwrap_or(Value::None),
            ),
            "origin" => Some(Value::None),
            "code" => st
                .code
                .clone()
                .map(|c| crate::builtins::function_code(self, &c)),
            "frame" => Some(crate::builtins::generator_frame(self, st)),
            _ => None,
        }
    }

    /// `async for t in it: body else: orelse`.
    pub(crate) fn exec_async_for(
        &mut self,
        t: &Target,
        it: &Ex,
        body: &[St],
        orelse: &[St],
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let line = fr.line;
        let src = self.eval(it, fr)?;
        let aiter = match gen_kind(&src) {
            Some(GenKind::AsyncGen) => src,
            _ => {
                let Some(m) = self.lookup_special(&src, "__aiter__") else {
                    return Err(Exc::type_err(format!(
                        "'async for' requires an object with __aiter__ method, got {}",
                        tname(&src)
                    )));
                };
                let a = self.call(&m, vec![src], Vec::new())?;
                if gen_kind(&a) != Some(GenKind::AsyncGen)
                    && self.lookup_special(&a, "__anext__").is_none()
                {
                    return Err(Exc::type_err(format!(
                        "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                        tname(&a)
                    )));
                }
                a
            }
        };
        if let (Value::Iter(g), Some(GenKind::AsyncGen)) = (&aiter, gen_kind(&aiter)) {
            return self.async_for_agen(g, t, body, orelse, fr);
        }
        let mut again = false;
        loop {
            self.loop_tick(fr, line, again)?;
            again = true;
            let aw = match (&aiter, gen_kind(&aiter)) {
                (Value::Iter(g), Some(GenKind::AsyncGen)) => {
                    self.new_op(g, OpMode::Send(Value::None))
                }
                _ => {
                    let aw = self.call_method(&aiter, "__anext__", vec![])?;
                    if !self.is_awaitable(&aw) {
                        return Err(Exc::type_err(format!(
                            "'async for' received an invalid object from __anext__: {}",
                            tname(&aw)
                        )));
                    }
                    self.awaitable_iter(aw)?
                }
            };
            let v = match self.delegate(aw, fr) {
                Ok(v) => v,
                Err(e) if self.is_exc(&e, "StopAsyncIteration") => break,
                Err(e) => return Err(e),
            };
            self.assign(t, v, fr)?;
            match self.exec_block(body, fr)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return => return Ok(Flow::Return),
                _ => {}
            }
        }
        self.exec_block(orelse, fr)
    }

    /// `async for` over a native async generator: steps it directly (what awaiting each `__anext__()`
    /// does, without making the awaitable), passing its inner `await`s' suspensions out to our driver.
    fn async_for_agen(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        t: &Target,
        body: &[St],
        orelse: &[St],
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let line = fr.line;
        let mut again = false;
        loop {
            self.loop_tick(fr, line, again)?;
            again = true;
            self.agen_yield = false;
            let mut r = self.resume_gen(g, Value::None);
            let v = loop {
                let yielded = std::mem::take(&mut self.agen_yield);
                match r? {
                    Ok(v) if yielded => break v,
                    Ok(v) => {
                        r = match self.yield_value(v, fr) {
                            Ok(sent) => {
                                self.agen_yield = false;
                                self.resume_gen(g, sent)
                            }
                            Err(e) => {
                                if matches!(e.kind, ExcKind::Limit(_))
                                    || self.is_exc(&e, "GeneratorExit")
                                {
                                    return Err(e);
                                }
                                self.agen_yield = false;
                                self.throw_gen(g, e)
                            }
                        };
                    }
                    Err(_) => return self.exec_block(orelse, fr),
                }
            };
            self.assign(t, v, fr)?;
            match self.exec_block(body, fr)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return => return Ok(Flow::Return),
                _ => {}
            }
        }
    }

    /// `async with mgr as t: body`.
    pub(crate) fn exec_async_with(
        &mut self,
        e: &Ex,
        t: Option<&Target>,
        body: &[St],
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let mgr = self.eval(e, fr)?;
        let enter = self.lookup_special(&mgr, "__aenter__");
        let exit = self.lookup_special(&mgr, "__aexit__");
        let (Some(enter), Some(exit)) = (enter, exit) else {
            let missed = if self.lookup_special(&mgr, "__aenter__").is_some() {
                " (missed __aexit__ method)"
            } else {
                ""
            };
            return Err(Exc::type_err(format!(
                "'{}' object does not support the asynchronous context manager protocol{missed}",
                tname(&mgr)
            )));
        };
        let aw = self.call(&enter, vec![mgr.clone()], Vec::new())?;
        let entered = self.await_value(aw, fr)?;
        if let Some(t) = t {
            self.assign(t, entered, fr)?;
        }
        match self.exec_block(body, fr) {
            Ok(flow) => {
                // `__aexit__` is Python code: it must not clobber a `return` value of the body.
                let ret = std::mem::replace(&mut self.ret, Value::None);
                let aw = self.call(
                    &exit,
                    vec![mgr, Value::None, Value::None, Value::None],
                    Vec::new(),
                )?;
                self.await_value(aw, fr)?;
                self.ret = ret;
                Ok(flow)
            }
            Err(mut ex) => {
                if matches!(ex.kind, ExcKind::Limit(_)) {
                    return Err(ex);
                }
                let inst = self.materialize(&mut ex);
                let cls = Value::Class(inst.class.clone());
                let aw = self.call(
                    &exit,
                    vec![mgr, cls, Value::Instance(inst), Value::None],
                    Vec::new(),
                )?;
                let sup = self.await_value(aw, fr)?;
                if self.truthy(&sup)? {
                    return Ok(Flow::Normal);
                }
                Err(ex)
            }
        }
    }

    /// `types.coroutine(func)`: marks a generator function's code so its generators may be awaited.
    pub(crate) fn types_coroutine(&mut self, f: Value) -> PyResult<Value> {
        match &f {
            Value::Func(func) if func.code.is_generator && func.code.coro == 0 => {
                func.code.iterable_coro.set(true);
                Ok(f)
            }
            Value::Func(_) | Value::Builtin(_) | Value::Class(_) | Value::Bound(_) => Ok(f),
            Value::Instance(_) if self.lookup_special(&f, "__call__").is_some() => Ok(f),
            _ => Err(Exc::type_err("types.coroutine() expects a callable")),
        }
    }
}
