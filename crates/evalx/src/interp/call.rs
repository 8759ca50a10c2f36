//! Calls and frames: calling any callable, binding arguments, running function frames.

use super::*;

impl Interp {
    /// Calls any callable with positional and keyword arguments.
    pub fn call(
        &mut self,
        f: &Value,
        args: Vec<Value>,
        kw: Vec<(RcStr, Value)>,
    ) -> PyResult<Value> {
        if kw.is_empty() {
            return self.call_vec(f, args);
        }
        self.call_kw(f, args, kw)
    }

    /// `m(a, b)` for a special method an operator found (`__add__`, `__eq__`, ...): the arguments go in a
    /// pooled vector, which has room for the callee's frame, instead of a new two-item `Vec` that the call
    /// grows to the frame's size and then pools.
    pub(crate) fn call_special2(&mut self, m: &Value, a: &Value, b: &Value) -> PyResult<Value> {
        let mut av = self.take_vec();
        av.push(a.clone());
        av.push(b.clone());
        self.call_vec(m, av)
    }

    /// `m(a)` for a unary operator's special method (`__neg__`, ...), as [`Interp::call_special2`].
    pub(crate) fn call_special1(&mut self, m: &Value, a: &Value) -> PyResult<Value> {
        let mut av = self.take_vec();
        av.push(a.clone());
        self.call_vec(m, av)
    }

    pub(crate) fn call_vec(&mut self, f: &Value, args: Vec<Value>) -> PyResult<Value> {
        match f {
            Value::Func(func) => self.call_function(func, args, Vec::new()),
            Value::Builtin(b) => {
                let mut args = args;
                // A bound built-in method (`pop = xs.pop; pop(0)`): the receiver goes in front, in the
                // (pooled) argument vector itself.
                if let Some(this) = &b.this {
                    args.insert(0, this.clone());
                }
                let r = (b.func)(self, &args, &[]);
                self.give_vec(args);
                r
            }
            // `str(x)` of a str or an int: what `construct_builtin` returns, without its generic set-up.
            Value::Class(c) if c.kind == Kind::Str && args.len() == 1 => {
                let r = match &args[0] {
                    Value::Str(s) => Value::Str(s.clone()),
                    Value::Int(i) => Value::Str(crate::methods::int_to_rc(*i)),
                    _ => return crate::builtins::construct(self, c, args, Vec::new()),
                };
                self.give_vec(args);
                Ok(r)
            }
            Value::Class(c) => crate::builtins::construct(self, c, args, Vec::new()),
            _ => self.call_kw(f, args, Vec::new()),
        }
    }

    /// `f(arg)` for a built-in function `f` (not a bound method) or `str`, the argument kept in a local:
    /// `Ex::Call`'s path for `len(x)`, `abs(x)`, `str(n)`. Out of line, so that user-function calls, which
    /// share the `Call` node, do not pay for it.
    #[inline(never)]
    pub(crate) fn call_one(&mut self, f: &Value, arg: &Ex, fr: &mut Frame) -> PyResult<Value> {
        let a = self.eval(arg, fr)?;
        match f {
            Value::Class(c) if c.kind == Kind::Str => match a {
                // `str(s)` of an exact str is `s` itself, as in CPython.
                Value::Str(_) => Ok(a),
                Value::Int(i) => Ok(Value::Str(crate::methods::int_to_rc(i))),
                _ => crate::builtins::construct(self, c, vec![a], Vec::new()),
            },
            // `float(k)` of an int or float (scimark's `float(k)` per random number): no construction.
            // An i64 converts to the nearest double, ties to even, as CPython's `int.__float__`.
            Value::Class(c) if c.kind == Kind::Float => match a {
                Value::Float(_) => Ok(a),
                Value::Int(i) => Ok(Value::Float((i as f64).into())),
                _ => crate::builtins::construct(self, c, vec![a], Vec::new()),
            },
            Value::Class(c) if c.kind == Kind::Int => match a {
                Value::Int(_) => Ok(a),
                _ => crate::builtins::construct(self, c, vec![a], Vec::new()),
            },
            Value::Builtin(b) if b.this.is_none() => (b.func)(self, std::slice::from_ref(&a), &[]),
            _ => self.call_vec(f, vec![a]),
        }
    }

    pub(crate) fn call_kw(
        &mut self,
        f: &Value,
        mut args: Vec<Value>,
        kw: Vec<(RcStr, Value)>,
    ) -> PyResult<Value> {
        match f {
            Value::Func(func) => self.call_function(func, args, kw),
            Value::Builtin(b) => match &b.this {
                Some(this) => {
                    args.insert(0, this.clone());
                    (b.func)(self, &args, &kw)
                }
                None => (b.func)(self, &args, &kw),
            },
            Value::Bound(bm) => {
                let (recv, func) = &**bm;
                match func {
                    Value::Str(name) => {
                        if let Value::Class(c) = recv {
                            if c.kind != Kind::User && c.kind != Kind::Exception {
                                return crate::methods::call_unbound(self, c, name, args, kw);
                            }
                        }
                        crate::methods::call_builtin_method(self, recv, name, &args, &kw)
                    }
                    _ => {
                        args.insert(0, recv.clone());
                        self.call(func, args, kw)
                    }
                }
            }
            Value::Class(c) => crate::builtins::construct(self, c, args, kw),
            Value::Instance(_) => match self.lookup_special(f, "__call__") {
                Some(m) => {
                    args.insert(0, f.clone());
                    self.call(&m, args, kw)
                }
                None => Err(Exc::type_err(format!(
                    "'{}' object is not callable",
                    tname(f)
                ))),
            },
            _ => Err(Exc::type_err(format!(
                "'{}' object is not callable",
                tname(f)
            ))),
        }
    }

    /// `obj.name(*args)` without materialising a bound method when possible.
    pub fn call_method(&mut self, obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let n: RcStr = name.into();
        self.call_method_vec(obj, &n, args)
    }

    pub(crate) fn call_method_vec(
        &mut self,
        obj: &Value,
        name: &RcStr,
        mut args: Vec<Value>,
    ) -> PyResult<Value> {
        match obj {
            Value::Instance(inst) => {
                if let Some(v) = inst.dict.get(name, crate::value::str_key_hash(name)) {
                    return self.call_vec(&v, args);
                }
                match inst.class.lookup(name) {
                    Some(Value::Func(f)) => {
                        args.insert(0, obj.clone());
                        self.call_function(&f, args, Vec::new())
                    }
                    Some(_) | None => {
                        let m = self.get_attr(obj, name)?;
                        self.call_vec(&m, args)
                    }
                }
            }
            Value::Class(_) | Value::Module(_) | Value::Func(_) => {
                let m = self.get_attr(obj, name)?;
                self.call_vec(&m, args)
            }
            _ => {
                let r = crate::methods::call_builtin_method(self, obj, name, &args, &[]);
                self.give_vec(args);
                r
            }
        }
    }

    pub(crate) fn callable_name(&self, f: &Value) -> String {
        match f {
            Value::Func(func) => format!("{}()", func.qualname),
            Value::Builtin(b) => format!("{}()", b.name),
            Value::Class(c) => format!("{}()", c.name),
            Value::Bound(b) => match &b.1 {
                Value::Func(func) => format!("{}()", func.qualname),
                Value::Str(s) => format!("{}.{}()", tname(&b.0), s),
                _ => "function".into(),
            },
            _ => format!("{} object", tname(f)),
        }
    }

    /// Calls a user function.
    pub fn call_function(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kw: Vec<(RcStr, Value)>,
    ) -> PyResult<Value> {
        let code = &func.code;
        let mut slots = args;
        // `plain` (the common case) answers the parameter-kind tests at once, and leaves nothing to do after
        // the arguments are in place.
        let simple = code.plain || (!code.has_varargs && !code.has_varkw && code.nkwonly == 0);
        let positional = kw.is_empty() && slots.len() == code.nparams && simple;
        if positional {
            if code.nslots() > slots.len() {
                // Unbound locals written in place (`resize` clones its fill value item by item).
                let n = slots.len();
                slots.extend((n..code.nslots()).map(|_| Value::Undef));
            }
        } else if kw.is_empty()
            && simple
            && slots.len() < code.nparams
            && slots.len() + func.defaults.len() >= code.nparams
        {
            // Missing trailing parameters take their defaults.
            let missing = code.nparams - slots.len();
            let d = &func.defaults;
            slots.extend(d[d.len() - missing..].iter().cloned());
            if code.nslots() > slots.len() {
                // Unbound locals written in place (`resize` clones its fill value item by item).
                let n = slots.len();
                slots.extend((n..code.nslots()).map(|_| Value::Undef));
            }
        } else {
            slots = self.bind_args(func, slots, kw)?;
        }
        if !code.plain {
            for &c in &code.cell_slots {
                let v = std::mem::replace(&mut slots[c as usize], Value::Undef);
                slots[c as usize] = Value::Cell(Rc::new(RefCell::new(v)));
            }
            if code.is_generator {
                return self.make_generator(Self::frame_for(func, slots));
            }
        }
        self.run_function_frame(Self::frame_for(func, slots))
    }

    /// A new frame for `func` over `slots` (arguments bound, sized for the code): the closure's cells are
    /// copied into the free-variable slots.
    #[inline(always)]
    pub(crate) fn frame_for(func: &Function, mut slots: Vec<Value>) -> Frame {
        let code = &func.code;
        for (k, v) in func.closure.iter().enumerate() {
            slots[code.free_start + k] = v.clone();
        }
        Frame {
            slots,
            globals: func.globals.clone(),
            locals: None,
            code: code.clone(),
            line: code.firstline,
        }
    }

    #[inline]
    pub(crate) fn run_function_frame(&mut self, mut frame: Frame) -> PyResult<Value> {
        let r = self.run_function_frame_ref(&mut frame);
        let slots = std::mem::take(&mut frame.slots);
        self.give_vec(slots);
        // The callee's locals are gone: finalizers of what they held run before the caller goes on.
        if finalize::pending() {
            self.run_finalizers()?;
        }
        r
    }

    #[inline]
    pub(crate) fn run_function_frame_ref(&mut self, frame: &mut Frame) -> PyResult<Value> {
        // The depth is the shadow stack's: every running frame counts (the module's, class bodies' and
        // `exec`'s too), as CPython counts them, and the stack the debugger needs also serves as the
        // recursion counter. The build without debugger support counts frames in `depth` instead.
        #[cfg(not(feature = "untraced"))]
        let deep = self.frames.len() >= self.limits.recursion;
        #[cfg(feature = "untraced")]
        let deep = self.depth >= self.limits.recursion;
        if deep || (self.stack_floor != 0 && sp() < self.stack_floor) {
            return Err(Exc::new(
                "RecursionError",
                "maximum recursion depth exceeded",
            ));
        }
        self.ticks += 1;
        // While tracing is on every tick takes the slow path (`next_check` stays at the next tick), so on the
        // fast path tracing is known to be off as the frame starts and `run_frame` need not ask.
        if self.ticks >= self.next_check {
            self.run_function_frame_slow(frame)
        } else {
            self.run_frame_g::<false>(frame)
        }
    }

    #[inline(never)]
    pub(crate) fn run_function_frame_slow(&mut self, frame: &mut Frame) -> PyResult<Value> {
        self.tick_slow()?;
        self.run_frame_g::<true>(frame)
    }

    /// Pushes a frame's address on the shadow stack: inlined, with the rarely needed growth out of line
    /// (`Vec::push` was left as an out-of-line call, which cost fib about 8 instructions a call).
    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[inline(always)]
    pub(crate) fn push_frame(&mut self, fr: *const Frame) {
        let n = self.frames.len();
        if n == self.frames.capacity() {
            self.grow_frames();
        }
        // SAFETY: the capacity was checked (and grown) above, so slot `n` is allocated, and it is written
        // before the length covers it.
        unsafe {
            self.frames.as_mut_ptr().add(n).write(fr);
            self.frames.set_len(n + 1);
        }
    }

    #[cfg_attr(feature = "untraced", allow(dead_code))]
    #[cold]
    #[inline(never)]
    pub(crate) fn grow_frames(&mut self) {
        self.frames.reserve(self.frames.len().max(64));
    }

    /// Runs a frame's code to completion, adding a traceback entry on error.
    pub fn run_frame(&mut self, fr: &mut Frame) -> PyResult<Value> {
        self.run_frame_g::<true>(fr)
    }

    /// [`Interp::run_frame`]; with `MAY_TRACE` false the caller knows tracing is off as the frame starts (it
    /// may still come on inside, through `breakpoint()`, and then the frame reports its return).
    #[inline(always)]
    pub(crate) fn run_frame_g<const MAY_TRACE: bool>(&mut self, fr: &mut Frame) -> PyResult<Value> {
        // SAFETY: a frame's code is never replaced while the frame runs (nothing assigns `Frame::code`
        // after a frame is built), and `fr` outlives this call, so the `Code` behind the `Rc` stays alive
        // for as long as `code` is used; reading it through a pointer saves an increment and a decrement
        // of the reference count per call.
        let code: &Code = unsafe { &*Rc::as_ptr(&fr.code) };
        #[cfg(not(feature = "untraced"))]
        let r = {
            self.push_frame(&*fr);
            let r = if MAY_TRACE && self.tracing {
                self.run_traced(code, fr)
            } else {
                let r = self.exec_block(&code.body, fr);
                // `breakpoint()` may have started tracing inside this frame: it still reports its return.
                if self.tracing {
                    self.trace_exit(fr, r)
                } else {
                    r
                }
            };
            self.frames.pop();
            if !self.frame_objs.is_empty() {
                crate::builtins::retire_frame(self, fr, r.is_err());
            }
            r
        };
        #[cfg(feature = "untraced")]
        let r = {
            self.depth += 1;
            let r = self.exec_block(&code.body, fr);
            self.depth -= 1;
            r
        };
        match r {
            Ok(Flow::Return) => Ok(std::mem::take(&mut self.ret)),
            Ok(_) => Ok(Value::None),
            Err(e) => Err(self.unwind_frame(code, fr, e)),
        }
    }

    /// An exception leaves a frame: the tracer hears of it and the traceback gains the frame's entry.
    #[cold]
    #[inline(never)]
    pub(crate) fn unwind_frame(
        &mut self,
        code: &Code,
        fr: &mut Frame,
        mut e: Box<Exc>,
    ) -> Box<Exc> {
        if let ExcKind::Limit(m) = &e.kind {
            // The interpreter's own stop signals (an abandoned generator finished off, a generator
            // expression whose consumer decided) carry no traceback and concern no tracer.
            if m == super::generators::ABANDON_MARK || m == super::genexpr::DECIDED_MARK {
                crate::builtins::forget_unwound();
                return e;
            }
        }
        if let Some(h) = self.line_hook.clone() {
            h.unwind(self, fr, &e);
        }
        if std::mem::take(&mut e.reraised) {
            crate::builtins::forget_unwound();
            return e;
        }
        let line = fr.line;
        let frame = crate::builtins::snap_frame(fr, false);
        record_entry(code, line, &mut e, Some(frame));
        e
    }

    /// The traceback entry of a frame of `code` at `line`.
    pub(crate) fn trace_entry(code: &Code, line: u32) -> TraceEntry {
        let text = if code.filename.starts_with('<') {
            None
        } else {
            source_line(&code.source, line)
        };
        TraceEntry {
            filename: code.filename.to_string(),
            line,
            func: code.name.to_string(),
            text,
            carets: None,
        }
    }

    pub(crate) fn bind_args(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kw: Vec<(RcStr, Value)>,
    ) -> PyResult<Vec<Value>> {
        let code = &func.code;
        let fname = &func.qualname;
        let np = code.nparams;
        let mut slots = self.take_vec();
        slots.resize(code.nslots(), Value::Undef);
        let nargs = args.len();
        let mut extra = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if i < np {
                slots[i] = a;
            } else {
                extra.push(a);
            }
        }
        let va_slot = np + code.nkwonly;
        if !extra.is_empty() && !code.has_varargs {
            let ndef = func.defaults.len();
            let given_kw = kw
                .iter()
                .filter(|(k, _)| code.slot_names[..np].contains(k))
                .count();
            let takes = if ndef > 0 {
                format!("from {} to {} positional arguments", np - ndef, np)
            } else {
                format!(
                    "{} positional argument{}",
                    np,
                    if np == 1 { "" } else { "s" }
                )
            };
            let given = if given_kw > 0 {
                format!(
                    "{} positional argument{} (and {} keyword-only argument{}) were given",
                    nargs,
                    if nargs == 1 { "" } else { "s" },
                    given_kw,
                    if given_kw == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{} {} given",
                    nargs,
                    if nargs == 1 { "was" } else { "were" }
                )
            };
            return Err(Exc::type_err(format!(
                "{fname}() takes {takes} but {given}"
            )));
        }
        if code.has_varargs {
            slots[va_slot] = Value::tuple(extra);
        }
        let mut kwd = if code.has_varkw {
            Some(Dict::new())
        } else {
            None
        };
        for (k, v) in kw {
            let pos = code.slot_names[code.posonly..np + code.nkwonly]
                .iter()
                .position(|n| *n == k)
                .map(|p| p + code.posonly);
            match pos {
                Some(i) => {
                    if !matches!(slots[i], Value::Undef) {
                        return Err(Exc::type_err(format!(
                            "{fname}() got multiple values for argument '{k}'"
                        )));
                    }
                    slots[i] = v;
                }
                None => match &mut kwd {
                    Some(d) => {
                        d.set_str(&k, v);
                    }
                    None => {
                        if code.slot_names[..code.posonly].contains(&k) {
                            return Err(Exc::type_err(format!(
                                "{fname}() got some positional-only arguments passed as keyword arguments: '{k}'"
                            )));
                        }
                        return Err(Exc::type_err(format!(
                            "{fname}() got an unexpected keyword argument '{k}'"
                        )));
                    }
                },
            }
        }
        if let Some(d) = kwd {
            let i = va_slot + code.has_varargs as usize;
            slots[i] = Value::dict(d);
        }
        // Defaults and missing arguments.
        let ndef = func.defaults.len();
        let mut missing = Vec::new();
        for i in 0..np {
            if matches!(slots[i], Value::Undef) {
                if i >= np - ndef {
                    slots[i] = func.defaults[i - (np - ndef)].clone();
                } else {
                    missing.push(code.slot_names[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(Exc::type_err(format!(
                "{fname}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        let mut kwmissing = Vec::new();
        for i in np..np + code.nkwonly {
            if matches!(slots[i], Value::Undef) {
                let n = &code.slot_names[i];
                match func.kwdefaults.iter().find(|(k, _)| k == n) {
                    Some((_, v)) => slots[i] = v.clone(),
                    None => kwmissing.push(n.clone()),
                }
            }
        }
        if !kwmissing.is_empty() {
            return Err(Exc::type_err(format!(
                "{fname}() missing {} required keyword-only argument{}: {}",
                kwmissing.len(),
                if kwmissing.len() == 1 { "" } else { "s" },
                join_names(&kwmissing)
            )));
        }
        Ok(slots)
    }

    // ------------------------------------------------------------------ attributes
}

/// Functions of evalx's Python-source modules that CPython implements in C, by module file and qualified
/// name (`"*"`: the whole module; a class name: all its methods). Like CPython's, their frames leave no
/// traceback entry, so a traceback through `functools.reduce`, a `partial`, an `lru_cache` wrapper or an
/// `itertools` iterator shows the same frames as CPython's.
const C_LEVEL: &[(&str, &[&str])] = &[
    ("<evalx itertools>", &["*"]),
    ("<evalx operator>", &["*"]),
    (
        "<evalx functools>",
        &[
            "reduce",
            "partial",
            "_lru_wrapper.<locals>.wrapper",
            "cmp_to_key.<locals>.K",
        ],
    ),
    (
        "<evalx collections>",
        &["defaultdict", "OrderedDict", "deque"],
    ),
];

fn is_c_level(code: &Code) -> bool {
    let Some(file) = code.filename.strip_prefix("<evalx ") else {
        return false;
    };
    let Some((_, names)) = C_LEVEL.iter().find(|(f, _)| &f[7..] == file) else {
        return false;
    };
    let q = &*code.qualname;
    names.iter().any(|n| {
        *n == "*" || q == *n || (q.starts_with(n) && q.as_bytes().get(n.len()) == Some(&b'.'))
    })
}

/// Adds `code`'s traceback entry at `line` to `e` (innermost first), with what the entry's caret line needs
/// if the traceback is ever shown.
pub(crate) fn record_entry(
    code: &Code,
    line: u32,
    e: &mut Exc,
    frame: Option<Rc<crate::builtins::FrameSnap>>,
) {
    if is_c_level(code) {
        // Where the hidden frame failed says nothing about its caller's line.
        e.probe = None;
        return;
    }
    let entry = Interp::trace_entry(code, line);
    if e.frames.len() != e.tb.len() {
        e.frames.resize(e.tb.len(), None);
    }
    // The entry before is the frame the exception came from: this frame is its `f_back`.
    if let (Some(Some(callee)), Some(f)) = (e.frames.last(), &frame) {
        crate::builtins::link_back(callee, f);
    }
    e.frames.push(frame);
    let mut probe = e.probe.take();
    // A comprehension's frame that an exception from its iterator leaves points at the whole
    // comprehension, as CPython's `FOR_ITER` does.
    if probe.is_none()
        && !e.tb.is_empty()
        && matches!(
            &*code.name,
            "<listcomp>" | "<setcomp>" | "<dictcomp>" | "<genexpr>"
        )
    {
        probe = Some(Box::new(super::positions::Probe {
            top: super::positions::Shape::Comp,
            child: super::positions::Shape::Any,
            second: super::positions::Shape::Any,
        }));
    }
    if entry.text.is_some() {
        e.positions.push(super::positions::PendingPos {
            entry: e.tb.len(),
            probe: probe.map(|p| *p),
            source: code.source.clone(),
            in_lambda: &*code.name == "<lambda>",
        });
    }
    e.tb.push(entry);
}

thread_local! {
    /// Where the lines start in the sources tracebacks were last taken from (the few most recent), so
    /// an exception caught in a loop costs no scan of its file's text.
    static LINE_STARTS: std::cell::RefCell<Vec<(RcStr, Rc<[usize]>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Line `line` (1-based) of `source` without its newline, as `source.split('\n').nth(line - 1)`.
fn source_line(source: &RcStr, line: u32) -> Option<String> {
    let i = (line as usize).checked_sub(1)?;
    let starts = LINE_STARTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(pos) = cache.iter().position(|(s, _)| RcStr::ptr_eq(s, source)) {
            let hit = cache.remove(pos);
            let starts = hit.1.clone();
            cache.insert(0, hit);
            return starts;
        }
        let starts: Rc<[usize]> = std::iter::once(0)
            .chain(
                source
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(k, _)| k + 1),
            )
            .collect();
        cache.insert(0, (source.clone(), starts.clone()));
        cache.truncate(4);
        starts
    });
    let a = *starts.get(i)?;
    let b = starts.get(i + 1).map_or(source.len(), |&next| next - 1);
    source.get(a..b).map(str::to_string)
}
