//! Stackless generators. A generator whose `yield`s all stand where the tree-walking executor can save its
//! place and come back (a `yield v` or `yield from it` expression statement, or the value of an assignment,
//! inside `if`/`for`/`while` blocks at any depth) keeps its frame and its position (the blocks it is in,
//! the statement index in each, the loops' iterators) on the heap, and a resume walks back into the saved
//! blocks: no stack is reserved for it, a suspended one holds a few hundred bytes, and dropping one unfinished
//! frees it at once (no `try`/`with` can surround its `yield`s, so there is no `finally` to run). Every other
//! generator (a `yield` inside a larger expression, or inside `try`/`with`/`match`) runs on a stackful
//! coroutine (`generators.rs`).

use super::*;

/// Where a stackless generator stands: the blocks it is in, innermost last.
enum Level {
    /// A block and the index of its next statement.
    Block {
        body: *const St,
        len: usize,
        idx: usize,
    },
    /// A `for` statement and its iterator (`again`: the body ran at least once).
    For {
        st: *const St,
        iter: Value,
        again: bool,
    },
    /// A `while` statement.
    While { st: *const St, again: bool },
}

/// A stackless generator's state between resumptions.
pub(crate) struct Flat {
    pub(crate) frame: Frame,
    levels: Vec<Level>,
    pub(crate) started: bool,
    /// `x = yield v` suspended: where the value sent next goes.
    target: Option<*const Target>,
    /// `yield from` suspended: the iterator it delegates to.
    inner: Option<Value>,
}

impl Flat {
    /// The iterator a generator suspended in `yield from` delegates to (`gi_yieldfrom`).
    pub(crate) fn delegate(&self) -> Option<&Value> {
        self.inner.as_ref()
    }
}

fn block(body: &[St]) -> Level {
    Level::Block {
        body: body.as_ptr(),
        len: body.len(),
        idx: 0,
    }
}

/// The `yield`/`yield from` an expression statement or an assignment's value is, under its line marker.
fn yield_form(e: &Ex) -> Option<&Ex> {
    let e = match e {
        Ex::Line(_, e) => e,
        e => e,
    };
    match e {
        Ex::Yield(v) if v.as_deref().is_none_or(|v| !ex_y(v)) => Some(e),
        Ex::YieldFrom(v) if !ex_y(v) => Some(e),
        _ => None,
    }
}

/// Whether evaluating `e` (in its own scope, not in functions or comprehensions it defines) may suspend.
fn ex_y(e: &Ex) -> bool {
    let args = |a: &[ArgX]| {
        a.iter().any(|a| match a {
            ArgX::Pos(e) | ArgX::Star(e) | ArgX::Kw(_, e) | ArgX::StarStar(e) => ex_y(e),
        })
    };
    match e {
        Ex::Yield(_) | Ex::YieldFrom(_) | Ex::AsyncYield(_) | Ex::Await(_) => true,
        Ex::Const(_)
        | Ex::Local(..)
        | Ex::Deref(..)
        | Ex::Global(..)
        | Ex::Name(..)
        | Ex::ClassDeref(..)
        | Ex::BinLI(..)
        | Ex::BinLL(..)
        | Ex::CmpLI(..) => false,
        Ex::Bin(a, _, b) | Ex::And(a, b) | Ex::Or(a, b) | Ex::Cmp(a, _, b) | Ex::Index(a, b) => {
            ex_y(a) || ex_y(b)
        }
        Ex::Unary(_, a) | Ex::Attr(a, ..) | Ex::Line(_, a) => ex_y(a),
        Ex::CmpChain(a, rest) => ex_y(a) || rest.iter().any(|(_, e)| ex_y(e)),
        Ex::Call(f, a) => ex_y(f) || a.iter().any(ex_y),
        Ex::CallMethod(f, _, a, ..) => ex_y(f) || a.iter().any(ex_y),
        Ex::CallFrame(f, a) | Ex::CallKw(f, a) => ex_y(f) || args(a),
        Ex::Slice(a, b, c) => [a, b, c].iter().any(|x| x.as_deref().is_some_and(ex_y)),
        Ex::List(a) | Ex::Tuple(a) | Ex::Set(a) => args(a),
        Ex::Dict(kv) => kv
            .iter()
            .any(|(k, v)| k.as_ref().is_some_and(ex_y) || ex_y(v)),
        Ex::IfExp(a, b, c) => ex_y(a) || ex_y(b) || ex_y(c),
        Ex::MakeFunc(d) => def_y(d),
        Ex::Comp(_, outer) => ex_y(outer),
        Ex::FStr(parts) => parts_y(parts),
        Ex::Walrus(t, v) => target_y(t) || ex_y(v),
    }
}

fn parts_y(parts: &[FPartX]) -> bool {
    parts.iter().any(|p| match p {
        FPartX::Lit(_) => false,
        FPartX::Field(e, _, spec) => ex_y(e) || parts_y(spec),
    })
}

/// The expressions a `def` evaluates where it stands.
fn def_y(d: &FnDef) -> bool {
    d.defaults.iter().any(ex_y)
        || d.kwdefaults.iter().any(|(_, e)| ex_y(e))
        || d.annotations.iter().any(|(_, e)| ex_y(e))
        || d.decorators.iter().any(ex_y)
}

fn target_y(t: &Target) -> bool {
    match t {
        Target::Local(_) | Target::Deref(_) | Target::Global(_) | Target::Name(_) => false,
        Target::Attr(e, ..) => ex_y(e),
        Target::Index(a, b) => ex_y(a) || ex_y(b),
        Target::Unpack(ts, _) => ts.iter().any(target_y),
    }
}

fn block_y(b: &[St]) -> bool {
    b.iter().any(stmt_y)
}

/// Whether running `s` may suspend (conservatively true for `match`).
fn stmt_y(s: &St) -> bool {
    match &s.kind {
        StKind::Expr(e) | StKind::Print(e) | StKind::CompAppend(_, e) | StKind::CompAdd(_, e) => {
            ex_y(e)
        }
        StKind::AnnAssign(a, _, ann) => {
            ex_y(ann) || a.as_ref().is_some_and(|(t, e)| target_y(t) || ex_y(e))
        }
        StKind::Assign(t, e) | StKind::AugAssign(t, _, e) => target_y(t) || ex_y(e),
        StKind::AssignMulti(ts, e) => ts.iter().any(target_y) || ex_y(e),
        StKind::If(c, a, b) | StKind::While(c, a, b) => ex_y(c) || block_y(a) || block_y(b),
        StKind::For(t, it, a, b) | StKind::AsyncFor(t, it, a, b) => {
            target_y(t) || ex_y(it) || block_y(a) || block_y(b)
        }
        StKind::Break | StKind::Continue | StKind::Pass | StKind::Decl => false,
        StKind::Return(e) => e.as_ref().is_some_and(ex_y),
        StKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            block_y(body)
                || block_y(orelse)
                || block_y(finalbody)
                || handlers.iter().any(|h| {
                    h.typ.as_ref().is_some_and(ex_y)
                        || h.name.as_ref().is_some_and(target_y)
                        || block_y(&h.body)
                })
        }
        StKind::Raise(a, b) => a.as_ref().is_some_and(ex_y) || b.as_ref().is_some_and(ex_y),
        StKind::Del(ts) => ts.iter().any(target_y),
        StKind::Assert(c, m) => ex_y(c) || m.as_ref().is_some_and(ex_y),
        StKind::FuncDef(d, t) => def_y(d) || target_y(t),
        StKind::ClassDef(c, t) => {
            c.bases.iter().any(ex_y)
                || c.keywords.iter().any(|(_, e)| ex_y(e))
                || c.decorators.iter().any(ex_y)
                || target_y(t)
        }
        StKind::Import(_, t) => target_y(t),
        StKind::ImportFrom(_, ts) => ts.iter().any(|(_, t)| target_y(t)),
        StKind::ImportStar(_) => false,
        StKind::With(e, t, b) | StKind::AsyncWith(e, t, b) => {
            ex_y(e) || t.as_ref().is_some_and(target_y) || block_y(b)
        }
        StKind::Match(..) => true,
    }
}

/// Whether every suspension point in `b` is one the stackless executor resumes; the compound statements
/// holding one are added to `sites`.
fn block_ok(b: &[St], sites: &mut Vec<usize>) -> bool {
    b.iter().all(|s| {
        if !stmt_y(s) {
            return true;
        }
        let ok = match &s.kind {
            StKind::Expr(e) => return yield_form(e).is_some(),
            StKind::Assign(t, e) => return !target_y(t) && yield_form(e).is_some(),
            StKind::If(c, a, b) | StKind::While(c, a, b) => {
                !ex_y(c) && block_ok(a, sites) && block_ok(b, sites)
            }
            StKind::For(t, it, a, b) => {
                !target_y(t) && !ex_y(it) && block_ok(a, sites) && block_ok(b, sites)
            }
            _ => false,
        };
        sites.push(s as *const St as usize);
        ok
    })
}

/// The compound statements of `code` that hold a `yield`, when its generators run stackless.
pub(crate) fn yield_sites(code: &Code) -> Option<&[usize]> {
    code.yield_sites
        .get_or_init(|| {
            if code.coro != 0 {
                return None;
            }
            let mut sites = Vec::new();
            block_ok(&code.body, &mut sites).then(|| {
                sites.sort_unstable();
                sites.into_boxed_slice()
            })
        })
        .as_deref()
}

impl Flat {
    /// The state of a generator about to run `frame` from its start.
    pub(crate) fn new(frame: Frame) -> Flat {
        // Room for a loop and its body under the root block, so a simple generator allocates its levels once.
        let mut levels = Vec::with_capacity(4);
        levels.push(block(&frame.code.body));
        Flat {
            frame,
            levels,
            started: false,
            target: None,
            inner: None,
        }
    }
}

/// Pops the levels up to the innermost loop; `break` pops the loop too (its `else` is skipped).
fn leave_to_loop(levels: &mut Vec<Level>, brk: bool) {
    while let Some(l) = levels.pop() {
        if !matches!(l, Level::Block { .. }) {
            if !brk {
                levels.push(l);
            }
            return;
        }
    }
}

impl Interp {
    /// Resumes the stackless generator `g`, whose state `fl` was taken out of it for the run.
    pub(crate) fn resume_flat(
        &mut self,
        g: &Rc<RefCell<Iter>>,
        mut fl: Box<Flat>,
        sent: Value,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Result<Value, Value>> {
        let put_back = |fl: Box<Flat>| {
            if let Iter::Generator(st) = &mut *g.borrow_mut() {
                st.flat = Some(fl);
            }
        };
        let finish = || {
            if let Iter::Generator(st) = &mut *g.borrow_mut() {
                st.finished = true;
            }
        };
        if !fl.started {
            if let Some(e) = thrown {
                finish();
                return Err(e);
            }
            if !matches!(sent, Value::None) {
                put_back(fl);
                return Err(Exc::type_err(
                    "can't send non-None value to a just-started generator",
                ));
            }
        }
        // The frame counts against the recursion limit while it runs, as a call's does.
        #[cfg(not(feature = "untraced"))]
        let deep = self.frames.len() >= self.limits.recursion;
        #[cfg(feature = "untraced")]
        let deep = self.depth >= self.limits.recursion;
        if deep || (self.stack_floor != 0 && sp() < self.stack_floor) {
            put_back(fl);
            return Err(Exc::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        if let Err(e) = self.tick() {
            put_back(fl);
            return Err(e);
        }
        fl.started = true;
        let saved_y = std::mem::replace(&mut self.yielder, 0);
        let saved_handling = self.handling.len();
        #[cfg(not(feature = "untraced"))]
        self.push_frame(&fl.frame);
        #[cfg(feature = "untraced")]
        {
            self.depth += 1;
        }
        let r = self.flat_traced(&mut fl, sent, thrown);
        #[cfg(not(feature = "untraced"))]
        {
            self.frames.pop();
            if !self.frame_objs.is_empty() {
                crate::builtins::retire_frame(self, &fl.frame, false);
            }
        }
        #[cfg(feature = "untraced")]
        {
            self.depth -= 1;
        }
        self.yielder = saved_y;
        self.handling.truncate(saved_handling);
        match r {
            Ok(Some(v)) => {
                put_back(fl);
                Ok(Ok(v))
            }
            Ok(None) => {
                finish();
                Ok(Err(std::mem::take(&mut self.ret)))
            }
            Err(e) => {
                finish();
                let code = fl.frame.code.clone();
                Err(self.unwind_frame(&code, &mut fl.frame, e))
            }
        }
    }

    /// [`Interp::flat_steps`] with the tracer's events: a call at each start or resumption, a return at
    /// each `yield` and at the end.
    fn flat_traced(
        &mut self,
        fl: &mut Flat,
        sent: Value,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Option<Value>> {
        #[cfg(not(feature = "untraced"))]
        if self.tracing {
            self.trace_call(&mut fl.frame)?;
        }
        let r = self.flat_steps(fl, sent, thrown);
        #[cfg(not(feature = "untraced"))]
        if self.tracing {
            return match r {
                Ok(Some(v)) => {
                    self.trace_yield(&mut fl.frame, &v)?;
                    Ok(Some(v))
                }
                Ok(None) => self
                    .trace_exit(&mut fl.frame, Ok(Flow::Return))
                    .map(|_| None),
                Err(e) => self.trace_exit(&mut fl.frame, Err(e)).map(|_| None),
            };
        }
        r
    }

    /// Runs a stackless generator from where it stands to its next `yield` (`Some` of the value) or its end
    /// (`None`, the return value in `self.ret`).
    fn flat_steps(
        &mut self,
        fl: &mut Flat,
        sent: Value,
        thrown: Option<Box<Exc>>,
    ) -> PyResult<Option<Value>> {
        let code = fl.frame.code.clone();
        let sites = code
            .yield_sites
            .get()
            .and_then(|s| s.as_deref())
            .unwrap_or(&[]);
        let Flat {
            frame: fr,
            levels,
            target,
            inner,
            ..
        } = fl;
        // What the resumption brings to the suspended `yield`.
        if let Some(it) = inner.take() {
            let step = match thrown {
                Some(e) => {
                    if matches!(e.kind, ExcKind::Limit(_)) {
                        return Err(e);
                    }
                    if self.is_exc(&e, "GeneratorExit") {
                        self.close_inner(&it)?;
                        return Err(e);
                    }
                    self.step_inner(&it, Value::None, Some(e))?
                }
                None => self.step_inner(&it, sent, None)?,
            };
            match step {
                Ok(y) => {
                    *inner = Some(it);
                    return Ok(Some(y));
                }
                Err(r) => {
                    if let Some(t) = target.take() {
                        // SAFETY: `t` points into `fr.code`, which the frame keeps alive.
                        self.assign(unsafe { &*t }, r, fr)?;
                    }
                }
            }
        } else if let Some(e) = thrown {
            return Err(e);
        } else if let Some(t) = target.take() {
            // SAFETY: as above.
            self.assign(unsafe { &*t }, sent, fr)?;
        }
        loop {
            let Some(top) = levels.last_mut() else {
                self.ret = Value::None;
                return Ok(None);
            };
            // SAFETY (for every `St` dereferenced here): the pointers address statements of `fr.code`'s body,
            // which the frame keeps alive and nothing mutates.
            let s: &St = match top {
                Level::Block { body, len, idx } => {
                    if *idx == *len {
                        levels.pop();
                        continue;
                    }
                    let s = unsafe { &*body.add(*idx) };
                    *idx += 1;
                    s
                }
                Level::While { st, again } => {
                    let st = unsafe { &**st };
                    let StKind::While(c, body, orelse) = &st.kind else {
                        unreachable!("a While level holds a while statement")
                    };
                    if *again {
                        self.loop_line(fr, st.line)?;
                    }
                    *again = true;
                    let v = self.eval(c, fr)?;
                    if self.truthy(&v)? {
                        self.tick()?;
                        levels.push(block(body));
                    } else {
                        levels.pop();
                        levels.push(block(orelse));
                    }
                    continue;
                }
                Level::For { st, iter, again } => {
                    let st = unsafe { &**st };
                    let StKind::For(t, _, body, orelse) = &st.kind else {
                        unreachable!("a For level holds a for statement")
                    };
                    if *again {
                        self.loop_line(fr, st.line)?;
                    }
                    *again = true;
                    let it = iter.clone();
                    // (`next` ticks.)
                    match self.next(&it)? {
                        Some(v) => {
                            self.assign(t, v, fr)?;
                            levels.push(block(body));
                        }
                        None => {
                            levels.pop();
                            levels.push(block(orelse));
                        }
                    }
                    continue;
                }
            };
            fr.line = s.line;
            #[cfg(not(feature = "untraced"))]
            if self.tracing {
                self.stmt_event(s, fr)?;
            }
            let (y, t) = match &s.kind {
                StKind::Expr(e) => (yield_form(e), None),
                StKind::Assign(t, e) => (yield_form(e), Some(t)),
                StKind::If(c, a, b) if sites.binary_search(&(s as *const St as usize)).is_ok() => {
                    let v = self.eval(c, fr)?;
                    let yes = self.truthy(&v)?;
                    levels.push(block(if yes { a } else { b }));
                    continue;
                }
                StKind::While(..) if sites.binary_search(&(s as *const St as usize)).is_ok() => {
                    levels.push(Level::While {
                        st: s,
                        again: false,
                    });
                    continue;
                }
                StKind::For(_, it, ..)
                    if sites.binary_search(&(s as *const St as usize)).is_ok() =>
                {
                    let seq = self.eval(it, fr)?;
                    let iter = self.iter(&seq)?;
                    levels.push(Level::For {
                        st: s,
                        iter,
                        again: false,
                    });
                    continue;
                }
                _ => (None, None),
            };
            let Some(y) = y else {
                match self.exec_stmt(s, fr)? {
                    Flow::Normal => {}
                    Flow::Return => return Ok(None),
                    Flow::Break => leave_to_loop(levels, true),
                    Flow::Continue => leave_to_loop(levels, false),
                }
                continue;
            };
            if let Ex::Line(line, _) = match &s.kind {
                StKind::Expr(e) | StKind::Assign(_, e) => e,
                _ => unreachable!("only expression statements and assignments yield"),
            } {
                fr.line = *line;
            }
            match y {
                Ex::Yield(v) => {
                    let v = match v {
                        Some(v) => self.eval(v, fr)?,
                        None => Value::None,
                    };
                    *target = t.map(|t| t as *const Target);
                    return Ok(Some(v));
                }
                Ex::YieldFrom(src) => {
                    let v = self.eval(src, fr)?;
                    let it = self.iter(&v)?;
                    match self.step_inner(&it, Value::None, None)? {
                        Ok(y) => {
                            *inner = Some(it);
                            *target = t.map(|t| t as *const Target);
                            return Ok(Some(y));
                        }
                        Err(r) => {
                            if let Some(t) = t {
                                self.assign(t, r, fr)?;
                            }
                        }
                    }
                }
                _ => unreachable!("yield_form returns a yield"),
            }
        }
    }
}
