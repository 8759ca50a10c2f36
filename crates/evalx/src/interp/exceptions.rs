//! Exceptions: try/except/finally, raise, exception objects and their conversion for the host.

use super::*;

impl Interp {
    pub(crate) fn exec_try(
        &mut self,
        body: &[St],
        handlers: &[HandlerX],
        orelse: &[St],
        finalbody: &[St],
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let r = match self.exec_block(body, fr) {
            Ok(Flow::Normal) => self.exec_block(orelse, fr),
            Ok(f) => Ok(f),
            Err(ex) if handlers.is_empty() || matches!(ex.kind, ExcKind::Limit(_)) => Err(ex),
            Err(mut ex) => {
                // Where the exception reached this frame, for `pdb.post_mortem()` in the handler.
                self.caught_line = fr.line;
                let raised_line = fr.line;
                #[cfg(not(feature = "untraced"))]
                if self.tracing {
                    self.trace_exception(fr, &ex)?;
                }
                let mut handled = None;
                for h in handlers {
                    #[cfg(not(feature = "untraced"))]
                    if self.tracing {
                        fr.line = h.line;
                        self.line_event(fr)?;
                    }
                    let matches = match &h.typ {
                        None => true,
                        Some(t) => {
                            let tv = self.eval(t, fr)?;
                            self.exc_matches(&mut ex, &tv)?
                        }
                    };
                    if matches {
                        handled = Some(h);
                        break;
                    }
                }
                match handled {
                    None => Err(ex),
                    Some(h) => {
                        // The frame's own traceback entry, which `__context__`/`__cause__` show.
                        // (A bare `raise` in this frame brought its entry along already.)
                        if !std::mem::take(&mut ex.reraised) {
                            let code = fr.code.clone();
                            let frame = Some(crate::builtins::snap_frame(fr, true));
                            super::call::record_entry(&code, raised_line, &mut ex, frame);
                        }
                        // Raised while another exception was being handled: that one is its context,
                        // as CPython sets it at the raise.
                        if ex.context.is_none()
                            && let Some(outer) = self.handling.last()
                            && !self.same_exc(&ex, outer)
                        {
                            ex.context = Some(outer.clone());
                        }
                        if let Some(n) = &h.name {
                            let inst = self.caught_instance(&mut ex);
                            self.assign(n, Value::Instance(inst), fr)?;
                        }
                        self.handling.push(ex);
                        let r = self.exec_block(&h.body, fr);
                        let ctx = self.handling.pop();
                        if let Some(n) = &h.name {
                            let _ = self.delete(n, fr);
                        }
                        match r {
                            Err(mut e2) => {
                                if e2.context.is_none()
                                    && !e2.no_context
                                    && !matches!(e2.kind, ExcKind::Limit(_))
                                {
                                    if let Some(c) = ctx {
                                        if !self.same_exc(&e2, &c) {
                                            e2.context = Some(c);
                                        }
                                    }
                                }
                                Err(e2)
                            }
                            ok => ok,
                        }
                    }
                }
            }
        };
        if finalbody.is_empty() || matches!(&r, Err(e) if super::generators::is_abandon(e)) {
            return r;
        }
        let saved_ret = std::mem::take(&mut self.ret);
        let line = fr.line;
        match self.exec_block(finalbody, fr)? {
            Flow::Normal => {
                self.ret = saved_ret;
                if r.is_err() {
                    // The exception goes on from where it was raised, not from the `finally` block.
                    fr.line = line;
                }
                r
            }
            other => Ok(other),
        }
    }

    pub(crate) fn same_exc(&self, a: &Exc, b: &Exc) -> bool {
        match (&a.kind, &b.kind) {
            (ExcKind::Obj(x), ExcKind::Obj(y)) => Rc::ptr_eq(x, y),
            _ => false,
        }
    }

    pub(crate) fn do_raise(
        &mut self,
        e: Option<&Ex>,
        cause: Option<&Ex>,
        fr: &mut Frame,
    ) -> PyResult<Box<Exc>> {
        let Some(e) = e else {
            return match self.handling.pop() {
                Some(mut handled) => {
                    // One exception object for both, so leaving the handler does not make it its own
                    // context.
                    self.materialize(&mut handled);
                    let mut ex = handled.clone();
                    self.handling.push(handled);
                    // The traceback goes on from where it was first raised (CPython's RERAISE).
                    ex.reraised = !ex.tb.is_empty();
                    ex.probe = None;
                    Ok(ex)
                }
                None => Ok(Exc::new("RuntimeError", "No active exception to reraise")),
            };
        };
        let v = self.eval(e, fr)?;
        let mut ex = self.exc_from_value(v)?;
        // `raise e` of the exception being handled: its traceback so far stays (its `__traceback__`).
        if let Some(h) = self.handling.iter().rev().find(|h| self.same_exc(h, &ex)) {
            ex.tb = h.tb.clone();
            ex.positions = h.positions.clone();
            ex.frames = h.frames.clone();
        }
        if let Some(c) = cause {
            let cv = self.eval(c, fr)?;
            if !matches!(cv, Value::None) {
                let c = self.exc_from_value(cv)?;
                // The exception being handled keeps its traceback as the cause.
                let handled = self
                    .handling
                    .iter()
                    .rev()
                    .find(|h| self.same_exc(h, &c))
                    .cloned();
                ex.cause = Some(handled.unwrap_or(c));
            }
            ex.suppress_context = true;
        }
        if let Some(ctx) = self.handling.last() {
            if !self.same_exc(&ex, ctx) {
                ex.context = Some(ctx.clone());
            }
        }
        Ok(ex)
    }

    /// Turns a raised value (class or instance) into an exception.
    pub fn exc_from_value(&mut self, v: Value) -> PyResult<Box<Exc>> {
        let base = self.types.exc["BaseException"].clone();
        let inst = match &v {
            Value::Class(c) if c.is_subclass(&base) => {
                match self.call(&v, Vec::new(), Vec::new())? {
                    Value::Instance(i) => i,
                    _ => return Err(Exc::type_err("exceptions must derive from BaseException")),
                }
            }
            Value::Instance(i) if i.class.is_subclass(&base) => i.clone(),
            _ => return Err(Exc::type_err("exceptions must derive from BaseException")),
        };
        // An exception raised again (`raise e`, `raise X from e`) keeps the traceback it was caught with.
        let (tb, frames) = crate::stdlib::traceback::recall_with_frames(&inst);
        let positions = crate::stdlib::traceback::recall_positions(&inst);
        let mut ex = Exc::with_tb(ExcKind::Obj(inst), tb);
        ex.frames = frames;
        ex.positions = positions;
        Ok(ex)
    }

    /// Makes sure the exception is an instance, creating it from a lazy one.
    /// The instance a handler sees for a caught exception: its traceback remembered, its cause and
    /// context (and whether the context is suppressed) set as attributes.
    pub(crate) fn caught_instance(&mut self, ex: &mut Exc) -> Rc<Instance> {
        let inst = self.materialize(ex);
        crate::stdlib::traceback::remember(self, &inst, ex);
        for (attr, chained) in [
            ("__cause__", ex.cause.as_mut()),
            ("__context__", ex.context.as_mut()),
        ] {
            if let Some(c) = chained {
                let ci = self.materialize(c);
                inst.dict.borrow_mut().set_str(attr, Value::Instance(ci));
            }
        }
        if ex.suppress_context {
            inst.dict
                .borrow_mut()
                .set_str("__suppress_context__", Value::bool(true));
        }
        inst
    }

    pub fn materialize(&mut self, ex: &mut Exc) -> Rc<Instance> {
        match &ex.kind {
            ExcKind::Obj(i) => i.clone(),
            ExcKind::Lazy(ty, args) => {
                let cls = self
                    .types
                    .exc
                    .get(ty)
                    .cloned()
                    .unwrap_or_else(|| self.types.exc["Exception"].clone());
                let inst = Rc::new(Instance {
                    class: cls,
                    dict: crate::value::InstDict::from_dict(Dict::new()),
                    hash: crate::value::no_user_hash(),
                    native: None,
                });
                inst.dict
                    .borrow_mut()
                    .set_str("args", Value::tuple(args.clone()));
                if let Some(o) = ex.attr_obj.take() {
                    inst.dict.borrow_mut().set_str("obj", o);
                }
                ex.kind = ExcKind::Obj(inst.clone());
                inst
            }
            ExcKind::Limit(_) => {
                let cls = self.types.exc["BaseException"].clone();
                Rc::new(Instance {
                    class: cls,
                    dict: crate::value::InstDict::from_dict(Dict::new()),
                    hash: crate::value::no_user_hash(),
                    native: None,
                })
            }
        }
    }

    /// The class of an exception.
    pub fn exc_class(&self, ex: &Exc) -> Rc<Class> {
        match &ex.kind {
            ExcKind::Obj(i) => i.class.clone(),
            ExcKind::Lazy(ty, _) => self
                .types
                .exc
                .get(ty)
                .cloned()
                .unwrap_or_else(|| self.types.exc["Exception"].clone()),
            ExcKind::Limit(_) => self.types.exc["BaseException"].clone(),
        }
    }

    pub(crate) fn exc_matches(&mut self, ex: &mut Exc, t: &Value) -> PyResult<bool> {
        let cls = self.exc_class(ex);
        match t {
            Value::Class(c) => Ok(cls.is_subclass(c)),
            Value::Tuple(items) => {
                for i in items.iter() {
                    if self.exc_matches(ex, i)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(Exc::type_err(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// Converts an uncaught exception to the host-facing form (with `Did you mean` hints when `hint` is set).
    pub fn to_host_exception(&mut self, mut e: Box<Exc>, hint: Option<&Frame>) -> PyException {
        let chain = match (&e.cause, &e.context, e.suppress_context) {
            (Some(c), _, _) => {
                let c = self.to_host_exception(c.clone(), None);
                format!(
                    "{}\nThe above exception was the direct cause of the following exception:\n\n",
                    c.render()
                )
            }
            (None, Some(c), false) => {
                let c = self.to_host_exception(c.clone(), None);
                format!(
                    "{}\nDuring handling of the above exception, another exception occurred:\n\n",
                    c.render()
                )
            }
            _ => String::new(),
        };
        let mut tb: Vec<TraceEntry> = e.tb.iter().rev().cloned().collect();
        let cls = self.exc_class(&e);
        if let ExcKind::Limit(msg) = &e.kind {
            return PyException {
                type_name: "LimitExceeded".into(),
                message: msg.clone(),
                traceback: tb,
                hint: String::new(),
                chain,
                group: None,
                syntax: String::new(),
            };
        }
        let inst = self.materialize(&mut e);
        let message = match self.to_str(&Value::Instance(inst.clone())) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".into(),
        };
        // `message` stays `str(e)` for the host; what CPython prints at the end is kept apart.
        let mut syntax = None;
        if cls.is_subclass(&self.types.exc["SyntaxError"])
            && let Some((block, msg)) = syntax_block(&inst)
        {
            syntax = Some((block, msg));
        }
        let mut hint_s = String::new();
        if let Some(fr) = hint {
            hint_s = crate::builtins::did_you_mean(self, &cls, &inst, &message, fr);
        }
        Interp::fill_carets(
            &e.positions,
            &mut tb,
            &super::positions::Failure::of(&cls.name, &message),
        );
        // Notes added with `add_note` follow the exception's line, one a line.
        let notes = inst.dict.borrow().get_str("__notes__").cloned();
        if let Some(Value::List(l)) = notes {
            let items: Vec<Value> = l.borrow().iter().cloned().collect();
            for n in items {
                if let Ok(s) = self.to_str(&n) {
                    hint_s.push('\n');
                    hint_s.push_str(&s);
                }
            }
        }
        let type_name = if &*cls.module == "builtins" || &*cls.module == "__main__" {
            cls.name.to_string()
        } else {
            format!("{}.{}", cls.module, cls.qualname)
        };
        // An exception group shows its sub-exceptions (each with the traceback it was raised with).
        let mut group = Vec::new();
        if cls.is_subclass(&self.types.exc["BaseExceptionGroup"]) {
            let subs = match inst.dict.borrow().get_str("exceptions") {
                Some(Value::Tuple(t)) => t.to_vec(),
                _ => Vec::new(),
            };
            for sub in subs {
                let Value::Instance(si) = &sub else { continue };
                let (cause, context, suppress) = {
                    let d = si.dict.borrow();
                    (
                        d.get_str("__cause__").cloned(),
                        d.get_str("__context__").cloned(),
                        matches!(d.get_str("__suppress_context__"), Some(Value::Bool(b)) if b.get()),
                    )
                };
                if let Ok(mut ex) = self.exc_from_value(sub.clone()) {
                    // A sub-exception's chain, as it was caught (only one level: enough for what
                    // `except*` clauses raise, and no cycle can run away).
                    if let Some(c @ Value::Instance(_)) = cause {
                        ex.cause = self.exc_from_value(c).ok();
                    } else if let Some(c @ Value::Instance(_)) = context
                        && !suppress
                        && !c.is(&sub)
                    {
                        ex.context = self.exc_from_value(c).ok();
                    }
                    group.push(self.to_host_exception(ex, None));
                }
            }
        }
        let syntax = syntax.map_or_else(String::new, |(block, msg)| {
            format!("{block}{type_name}: {msg}")
        });
        PyException {
            type_name,
            message,
            traceback: tb,
            hint: hint_s,
            chain,
            syntax,
            group: if group.is_empty() {
                None
            } else {
                Some(Box::new(crate::error::SubExceptions(group)))
            },
        }
    }
}

/// What CPython prints for an uncaught `SyntaxError` instance between the traceback and the last line
/// (from its `filename`, `lineno`, `offset`, `text` and `end_offset`), and its `msg`; `None` when `msg`
/// is not a str or `lineno` not an int (CPython then prints `str(e)` only).
fn syntax_block(inst: &Rc<Instance>) -> Option<(String, String)> {
    let d = inst.dict.borrow();
    let get = |n: &str| d.get_str(n).cloned().unwrap_or(Value::None);
    let Value::Str(msg) = get("msg") else {
        return None;
    };
    let int = |v: Value| match v {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(b.get() as i64),
        _ => None,
    };
    let lineno = int(get("lineno"))?;
    let filename = match get("filename") {
        Value::Str(f) => f.to_string(),
        _ => "<string>".into(),
    };
    let text = match get("text") {
        Value::Str(t) => t.to_string(),
        _ => String::new(),
    };
    let clamp = |v: Option<i64>| v.unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
    let mut e = crate::error::SyntaxError::new(
        "",
        lineno.clamp(0, u32::MAX as i64) as u32,
        clamp(int(get("offset"))),
        clamp(int(get("end_offset"))),
        text,
    );
    e.filename = filename;
    let mut block = e.render();
    // Drop the last line (`SyntaxError: `): the caller prints the type and message itself.
    block.truncate(
        block
            .trim_end_matches('\n')
            .rfind('\n')
            .map_or(0, |k| k + 1),
    );
    Some((block, msg.to_string()))
}
