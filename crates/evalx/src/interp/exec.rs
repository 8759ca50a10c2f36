//! Statements: blocks, the statement dispatcher, loops, function and class definitions.

use super::*;

impl Interp {
    /// Executes a block.
    pub fn exec_block(&mut self, body: &[St], fr: &mut Frame) -> PyResult<Flow> {
        for s in body {
            fr.line = s.line;
            #[cfg(not(feature = "untraced"))]
            if self.tracing {
                if let Err(e) = self.stmt_event(s, fr) {
                    return self.stmt_err(e, body, fr);
                }
            }
            let f = match self.exec_stmt(s, fr) {
                Ok(f) => f,
                Err(e) => return self.stmt_err(e, body, fr),
            };
            // A finalizer (`__del__`) of an object the statement freed runs now, as CPython's would.
            if finalize::pending() {
                if let Err(e) = self.run_finalizers() {
                    return self.stmt_err(e, body, fr);
                }
            }
            if f != Flow::Normal {
                return Ok(f);
            }
        }
        Ok(Flow::Normal)
    }

    /// An error leaves a statement of `body`. The debugger's `jump` travels as one: it resumes at the
    /// target statement in the innermost block (around the statement it left) that holds it.
    #[cold]
    #[inline(never)]
    pub(crate) fn stmt_err(&mut self, e: Box<Exc>, body: &[St], fr: &mut Frame) -> PyResult<Flow> {
        if let Some(line) = self.jump_to {
            if matches!(&e.kind, ExcKind::Limit(m) if m == crate::debugger::JUMP_MARK) {
                if let Some(k) = body.iter().position(|s| s.line == line) {
                    self.jump_to = None;
                    return self.exec_block(&body[k..], fr);
                }
            }
        }
        Err(e)
    }

    /// The hot statements, kept small so the common path has a small stack frame.
    #[inline(always)]
    pub(crate) fn exec_stmt(&mut self, s: &St, fr: &mut Frame) -> PyResult<Flow> {
        match &s.kind {
            StKind::Expr(e) => {
                let v = self.eval(e, fr)?;
                if let Value::List(_) = v {
                    self.discard_list(v);
                }
                Ok(Flow::Normal)
            }
            StKind::Assign(t, e) => {
                if let (Target::Unpack(ts, None), Ex::Tuple(items)) = (t, e) {
                    if ts.len() == items.len() {
                        return self.assign_parallel(t, ts, items, e, fr);
                    }
                }
                let v = self.eval(e, fr)?;
                self.assign(t, v, fr)?;
                Ok(Flow::Normal)
            }
            StKind::If(c, a, b) => {
                let v = self.eval(c, fr)?;
                let t = match v {
                    Value::Bool(t) => t.get(),
                    Value::Int(i) => i != 0,
                    v => self.truthy(&v)?,
                };
                if t {
                    self.exec_block(a, fr)
                } else if b.is_empty() {
                    Ok(Flow::Normal)
                } else {
                    self.exec_block(b, fr)
                }
            }
            StKind::Return(Some(e)) => {
                self.ret = self.eval(e, fr)?;
                Ok(Flow::Return)
            }
            StKind::Pass => Ok(Flow::Normal),
            StKind::Break => Ok(Flow::Break),
            StKind::Continue => Ok(Flow::Continue),
            StKind::AugAssign(t, op, e) => {
                // `local op= int` on an int local, the loop accumulator's case, without a call.
                if let (Target::Local(i), BinOp::Add | BinOp::Sub) = (t, op) {
                    let rhs = self.eval(e, fr)?;
                    let i = *i as usize;
                    if let (Value::Int(a), Value::Int(b)) = (&mut fr.slots[i], &rhs) {
                        let r = if *op == BinOp::Add {
                            a.checked_add(*b)
                        } else {
                            a.checked_sub(*b)
                        };
                        if let Some(r) = r {
                            // An int in place of an int: nothing to drop.
                            *a = r;
                            return Ok(Flow::Normal);
                        }
                    }
                    self.aug_assign_local(i, *op, rhs, fr)?;
                    return Ok(Flow::Normal);
                }
                self.aug_assign(t, *op, e, fr)?;
                Ok(Flow::Normal)
            }
            _ => self.exec_stmt_cold(s, fr),
        }
    }

    #[inline(never)]
    pub(crate) fn exec_stmt_cold(&mut self, s: &St, fr: &mut Frame) -> PyResult<Flow> {
        match &s.kind {
            StKind::Expr(e) => {
                let v = self.eval(e, fr)?;
                if let Value::List(_) = v {
                    self.discard_list(v);
                }
            }
            StKind::CompAppend(slot, e) => {
                let v = self.eval(e, fr)?;
                if let Value::List(l) = &fr.slots[*slot as usize] {
                    let mut b = l.borrow_mut();
                    if let Some(m) = self.limits.max_len {
                        if b.len() >= m {
                            return Err(Exc::new(
                                "MemoryError",
                                format!("list longer than the host limit of {m}"),
                            ));
                        }
                    }
                    if b.len() == b.capacity() {
                        self.grow_list(&mut b)?;
                    }
                    b.push(v);
                }
            }
            StKind::CompAdd(slot, e) => {
                let v = self.eval(e, fr)?;
                if let Value::Set(s) = &fr.slots[*slot as usize] {
                    let k = self.set_key(v, s)?;
                    s.items.add(k);
                }
            }
            StKind::Print(e) => {
                let v = self.eval(e, fr)?;
                if !matches!(v, Value::None) {
                    let r = self.repr(&v)?;
                    self.write(&format!("{r}\n"))?;
                    self.builtins.borrow_mut().set_str("_", v);
                }
            }
            StKind::Assign(t, e) => {
                let v = self.eval(e, fr)?;
                self.assign(t, v, fr)?;
            }
            StKind::AnnAssign(assign, name, ann) => {
                if let Some((t, e)) = assign {
                    let v = self.eval(e, fr)?;
                    self.assign(t, v, fr)?;
                }
                let a = self.eval(ann, fr)?;
                let ns = fr.locals.clone().unwrap_or_else(|| fr.globals.clone());
                let existing = ns.borrow().get_str("__annotations__").cloned();
                let d = match existing {
                    Some(d) => d,
                    None => {
                        let d = Value::dict(Dict::new());
                        ns.borrow_mut().set_str("__annotations__", d.clone());
                        d
                    }
                };
                self.set_item(&d, Value::Str(name.clone()), a)?;
            }
            StKind::AssignMulti(ts, e) => {
                let v = self.eval(e, fr)?;
                for t in ts {
                    self.assign(t, v.clone(), fr)?;
                }
            }
            StKind::AugAssign(t, op, e) => self.aug_assign(t, *op, e, fr)?,
            StKind::If(c, a, b) => {
                let v = self.eval(c, fr)?;
                return if self.truthy(&v)? {
                    self.exec_block(a, fr)
                } else {
                    self.exec_block(b, fr)
                };
            }
            StKind::While(c, body, orelse) => {
                let line = fr.line;
                loop {
                    let v = self.eval(c, fr)?;
                    if !self.truthy(&v)? {
                        return self.exec_block(orelse, fr);
                    }
                    self.tick()?;
                    match self.exec_block(body, fr)? {
                        Flow::Break => break,
                        Flow::Return => return Ok(Flow::Return),
                        _ => self.loop_line(fr, line)?,
                    }
                }
            }
            StKind::For(t, it, body, orelse) => return self.exec_for(t, it, body, orelse, fr),
            StKind::Break => return Ok(Flow::Break),
            StKind::Continue => return Ok(Flow::Continue),
            StKind::Return(e) => {
                self.ret = match e {
                    Some(e) => self.eval(e, fr)?,
                    None => Value::None,
                };
                return Ok(Flow::Return);
            }
            StKind::Pass | StKind::Decl => {}
            StKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => return self.exec_try(body, handlers, orelse, finalbody, fr),
            StKind::Raise(e, cause) => {
                return Err(self.do_raise(e.as_ref(), cause.as_ref(), fr)?);
            }
            StKind::Del(ts) => {
                for t in ts {
                    self.delete(t, fr)?;
                }
            }
            StKind::Assert(c, msg) => {
                let v = self.eval(c, fr)?;
                if !self.truthy(&v)? {
                    let args = match msg {
                        Some(m) => vec![self.eval(m, fr)?],
                        None => Vec::new(),
                    };
                    return Err(Exc::with_args("AssertionError", args));
                }
            }
            StKind::FuncDef(def, t) => {
                let f = self.make_function(def, fr)?;
                let f = self.decorate(&def.decorators, f, fr)?;
                self.assign(t, f, fr)?;
            }
            StKind::ClassDef(c, t) => {
                let cls = self.make_class(c, fr)?;
                let cls = self.decorate(&c.decorators, cls, fr)?;
                self.assign(t, cls, fr)?;
            }
            StKind::Import(name, t) => {
                let m = self.import(name)?;
                self.assign(t, m, fr)?;
            }
            StKind::ImportFrom(name, items) => {
                let name = &self.resolve_relative(name, fr)?;
                let m = self.import(name)?;
                for (n, t) in items {
                    let v = match &m {
                        Value::Module(md) => md.dict.borrow().get_str(n).cloned(),
                        _ => None,
                    };
                    let v = match v {
                        Some(v) => Some(v),
                        None => self.import_submodule(name, &m, n)?,
                    };
                    let v = v.ok_or_else(|| self.cannot_import(n, &m, name))?;
                    self.assign(t, v, fr)?;
                }
            }
            StKind::ImportStar(name) => {
                let name = &self.resolve_relative(name, fr)?;
                let m = self.import(name)?;
                if let Value::Module(md) = &m {
                    // `__all__`, when the module defines one, names what `*` imports.
                    let all = md.dict.borrow().get_str("__all__").cloned();
                    if let Some(all) = all {
                        for n in self.collect(&all)? {
                            let Value::Str(s) = &n else {
                                return Err(Exc::type_err(format!(
                                    "Item in {name}.__all__ must be str, not {}",
                                    crate::builtins::type_name(&n)
                                )));
                            };
                            let v = md.dict.borrow().get_str(s).cloned();
                            let v = v.ok_or_else(|| {
                                Exc::new(
                                    "AttributeError",
                                    format!("module '{name}' has no attribute '{s}'"),
                                )
                            })?;
                            self.assign(&Target::Name(s.clone()), v, fr)?;
                        }
                        return Ok(Flow::Normal);
                    }
                    let items: Vec<(Key, Value)> = md
                        .dict
                        .borrow()
                        .map()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    for (k, v) in items {
                        if let Value::Str(s) = &k.0 {
                            if !s.starts_with('_') {
                                self.assign(&Target::Name(s.clone()), v, fr)?;
                            }
                        }
                    }
                }
            }
            StKind::AsyncFor(t, it, body, orelse) => {
                return self.exec_async_for(t, it, body, orelse, fr);
            }
            StKind::AsyncWith(e, t, body) => return self.exec_async_with(e, t.as_ref(), body, fr),
            StKind::Match(subject, cases) => return self.exec_match(subject, cases, fr),
            StKind::With(e, t, body) => {
                let mgr = self.eval(e, fr)?;
                let enter = match self.call_method(&mgr, "__enter__", vec![]) {
                    // CPython 3.11 looks both methods up first and names the protocol.
                    Err(x) if self.no_such_method(&x, "__enter__") => {
                        return Err(Exc::type_err(format!(
                            "'{}' object does not support the context manager protocol",
                            tname(&mgr)
                        )));
                    }
                    r => r?,
                };
                if let Some(t) = t {
                    self.assign(t, enter, fr)?;
                }
                let r = self.exec_block(body, fr);
                match r {
                    Ok(flow) => {
                        // A `return` inside the block keeps its value across the `__exit__` call (a
                        // Python `__exit__` sets the return slot too).
                        let ret =
                            matches!(flow, Flow::Return).then(|| std::mem::take(&mut self.ret));
                        // What `__exit__` raises is reported at the `with` line, as CPython does.
                        fr.line = s.line;
                        self.call_method(
                            &mgr,
                            "__exit__",
                            vec![Value::None, Value::None, Value::None],
                        )?;
                        if let Some(v) = ret {
                            self.ret = v;
                        }
                        return Ok(flow);
                    }
                    Err(mut ex) => {
                        if matches!(ex.kind, ExcKind::Limit(_)) {
                            return Err(ex);
                        }
                        let inst = self.materialize(&mut ex);
                        let cls = Value::Class(inst.class.clone());
                        // `__exit__` sees the exception's traceback down from this frame (its third
                        // argument and `__traceback__`), as CPython passes it (s6-stdlib2: unittest's
                        // subTest reports it).
                        let mut seen = ex.clone();
                        if !seen.reraised {
                            let frame = Some(crate::builtins::snap_frame(fr, true));
                            super::call::record_entry(&fr.code, fr.line, &mut seen, frame);
                        }
                        crate::stdlib::traceback::remember(self, &inst, &seen);
                        let tb = crate::stdlib::traceback::tb_object(self, &inst);
                        let sup = self.call_method(
                            &mgr,
                            "__exit__",
                            vec![cls, Value::Instance(inst), tb],
                        )?;
                        if self.truthy(&sup)? {
                            return Ok(Flow::Normal);
                        }
                        return Err(ex);
                    }
                }
            }
        }
        Ok(Flow::Normal)
    }

    #[inline(never)]
    pub(crate) fn exec_for(
        &mut self,
        t: &Target,
        it: &Ex,
        body: &[St],
        orelse: &[St],
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let line = fr.line;
        let seq = self.eval(it, fr)?;
        // Fast paths: range and list iterate without an iterator object.
        if let Value::Range(r) = &seq {
            let (mut cur, stop, step) = **r;
            let mut again = false;
            while (step > 0 && cur < stop) || (step < 0 && cur > stop) {
                self.loop_tick(fr, line, again)?;
                again = true;
                match t {
                    // The loop variable still holds the previous int: overwrite it, nothing to drop.
                    Target::Local(i) => match &mut fr.slots[*i as usize] {
                        Value::Int(x) => *x = cur,
                        slot => *slot = Value::Int(cur),
                    },
                    _ => self.assign(t, Value::Int(cur), fr)?,
                }
                match self.exec_block(body, fr)? {
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Return => return Ok(Flow::Return),
                    _ => {}
                }
                cur = match cur.checked_add(step) {
                    Some(c) => c,
                    None => break,
                };
            }
            if again {
                // The header's line as the loop finds its end.
                self.loop_line(fr, line)?;
            }
            return self.exec_block(orelse, fr);
        }
        if let Value::List(l) = &seq {
            let mut i = 0;
            loop {
                let v = {
                    let b = l.borrow();
                    if i >= b.len() {
                        break;
                    }
                    b[i].clone()
                };
                self.loop_tick(fr, line, i > 0)?;
                i += 1;
                self.assign(t, v, fr)?;
                match self.exec_block(body, fr)? {
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Return => return Ok(Flow::Return),
                    _ => {}
                }
            }
            if i > 0 {
                self.loop_line(fr, line)?;
            }
            return self.exec_block(orelse, fr);
        }
        let iter = self.iter(&seq)?;
        if let (Value::Iter(r), Target::Unpack(ts, None)) = (&iter, t) {
            // `for i, x in enumerate(xs)` / `for x, y in zip(xs, ys)`: each pair goes straight to the two
            // targets (no tuple is built for it).
            let pairs = ts.len() == 2
                && matches!(
                    r.try_borrow().as_deref(),
                    Ok(Iter::Enumerate { .. }) | Ok(Iter::Zip { strict: false, .. })
                );
            if pairs {
                return self.exec_for_pairs(t, ts, r, body, orelse, line, fr);
            }
        }
        if let Value::Iter(r) = &iter {
            // Iterator objects (a comprehension's outermost iterable arrives as one): a range iterator steps
            // in place here, in its shared state (so `next(it)` in the body sees the same position);
            // everything else goes through `iter_next`.
            let mut again = false;
            loop {
                let step = match r.try_borrow_mut().as_deref_mut() {
                    Ok(Iter::Range { cur, stop, step }) => Some(
                        if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                            let v = *cur;
                            *cur = cur.saturating_add(*step);
                            if v == *cur {
                                *cur = *stop;
                            }
                            Some(Value::Int(v))
                        } else {
                            None
                        },
                    ),
                    Ok(Iter::Seq {
                        seq: Value::List(l),
                        idx,
                    }) => {
                        // The end (and what it does to the iterator) is left to `iter_next`.
                        let v = l.borrow().get(*idx).cloned();
                        v.map(|v| {
                            *idx += 1;
                            Some(v)
                        })
                    }
                    _ => None,
                };
                // Range and list steps run no Python code, so a traced frame's header line can wait for the
                // tick; any other iterator may, so the header line is reported before it steps.
                let v = match step {
                    Some(Some(v)) => {
                        self.loop_tick(fr, line, again)?;
                        v
                    }
                    Some(None) => {
                        if again {
                            self.loop_line(fr, line)?;
                        }
                        break;
                    }
                    None => {
                        if again {
                            self.loop_line(fr, line)?;
                        }
                        match crate::builtins::iter_next(self, r)? {
                            Ok(v) => {
                                self.tick()?;
                                v
                            }
                            Err(_) => break,
                        }
                    }
                };
                again = true;
                self.assign(t, v, fr)?;
                match self.exec_block(body, fr)? {
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Return => return Ok(Flow::Return),
                    _ => {}
                }
            }
            return self.exec_block(orelse, fr);
        }
        while let Some(v) = self.next(&iter)? {
            self.tick()?;
            self.assign(t, v, fr)?;
            match self.exec_block(body, fr)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return => return Ok(Flow::Return),
                _ => self.loop_line(fr, line)?,
            }
        }
        self.exec_block(orelse, fr)
    }

    /// [`Interp::exec_for`] over an `enumerate` or two-iterable `zip` with a two-name target (`ts`, from
    /// `t`): as the general iterator loop, without the pair's tuple.
    #[allow(clippy::too_many_arguments)]
    fn exec_for_pairs(
        &mut self,
        t: &Target,
        ts: &[Target],
        r: &Rc<RefCell<Iter>>,
        body: &[St],
        orelse: &[St],
        line: u32,
        fr: &mut Frame,
    ) -> PyResult<Flow> {
        let mut again = false;
        loop {
            if again {
                self.loop_line(fr, line)?;
            }
            match crate::builtins::iter_next_pair(self, r) {
                Some(p) => {
                    let Some((a, b)) = p? else { break };
                    self.tick()?;
                    self.assign(&ts[0], a, fr)?;
                    self.assign(&ts[1], b, fr)?;
                }
                // (Not reached: an enumerate or zip stays one; a zip that ended is `Done` and ends here.)
                None => match crate::builtins::iter_next(self, r)? {
                    Ok(v) => {
                        self.tick()?;
                        self.assign(t, v, fr)?;
                    }
                    Err(_) => break,
                },
            }
            again = true;
            match self.exec_block(body, fr)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return => return Ok(Flow::Return),
                _ => {}
            }
        }
        self.exec_block(orelse, fr)
    }

    pub(crate) fn decorate(
        &mut self,
        decos: &[Ex],
        mut v: Value,
        fr: &mut Frame,
    ) -> PyResult<Value> {
        if decos.is_empty() {
            return Ok(v);
        }
        let ds = decos
            .iter()
            .map(|d| self.eval(d, fr))
            .collect::<PyResult<Vec<_>>>()?;
        for d in ds.iter().rev() {
            v = self.call(d, vec![v], Vec::new())?;
        }
        Ok(v)
    }

    /// Creates a function object from a definition site.
    pub fn make_function(&mut self, def: &FnDef, fr: &mut Frame) -> PyResult<Value> {
        let defaults = def
            .defaults
            .iter()
            .map(|d| self.eval(d, fr))
            .collect::<PyResult<Vec<_>>>()?;
        let mut kwdefaults = Vec::new();
        for (n, d) in &def.kwdefaults {
            kwdefaults.push((n.clone(), self.eval(d, fr)?));
        }
        let closure = def
            .closure
            .iter()
            .map(|&i| fr.slots[i as usize].clone())
            .collect();
        let doc = def.code.doc.clone().map(Value::Str).unwrap_or(Value::None);
        let mut attrs = Dict::new();
        if !def.annotations.is_empty() {
            let mut ann = Dict::new();
            for (n, a) in &def.annotations {
                let v = self.eval(a, fr)?;
                ann.set_str(n, v);
            }
            attrs.set_str("__annotations__", Value::dict(ann));
        }
        Ok(Value::Func(Rc::new(Function {
            code: def.code.clone(),
            defaults,
            kwdefaults,
            closure,
            globals: fr.globals.clone(),
            name: RefCell::new(def.code.name.clone()),
            qualname: def.code.qualname.clone(),
            doc: RefCell::new(doc),
            attrs: RefCell::new(attrs),
        })))
    }

    pub(crate) fn make_class(&mut self, c: &ClassDefX, fr: &mut Frame) -> PyResult<Value> {
        let mut orig = Vec::with_capacity(c.bases.len());
        for b in &c.bases {
            orig.push(self.eval(b, fr)?);
        }
        // A base that is not a class may stand for some through `__mro_entries__` (`Generic[T]`).
        let mut bases = Vec::new();
        let mut resolved = false;
        for b in &orig {
            match b {
                Value::Class(cls) => bases.push(cls.clone()),
                other => {
                    let Some(me) = self.get_attr_opt(other, "__mro_entries__")? else {
                        return Err(Exc::type_err(format!(
                            "bases must be types, not {}",
                            tname(other)
                        )));
                    };
                    resolved = true;
                    let entries = self.call(&me, vec![Value::tuple(orig.clone())], Vec::new())?;
                    for e in self.collect(&entries)? {
                        match e {
                            Value::Class(cls) => bases.push(cls),
                            other => {
                                return Err(Exc::type_err(format!(
                                    "bases must be types, not {}",
                                    tname(&other)
                                )));
                            }
                        }
                    }
                }
            }
        }
        let mut kw = Vec::new();
        let mut explicit_meta = None;
        for (n, e) in &c.keywords {
            let v = self.eval(e, fr)?;
            if &**n == "metaclass" {
                explicit_meta = Some(v);
            } else {
                kw.push((n.clone(), v));
            }
        }
        // The metaclass: the explicit one, else the most derived of the bases' metaclasses.
        let meta = crate::builtins::calculate_meta(self, explicit_meta, &bases)?;
        let ns = match &meta {
            Some(m) => crate::builtins::prepare_namespace(self, m, &c.name, &bases, &kw)?,
            None => Rc::new(RefCell::new(Dict::new())),
        };
        let module = fr.globals.borrow().get_str("__name__").cloned();
        if let Some(m) = module {
            ns.borrow_mut().set_str("__module__", m);
        }
        ns.borrow_mut()
            .set_str("__qualname__", Value::Str(c.body.code.qualname.clone()));
        if let Some(d) = &c.body.code.doc {
            ns.borrow_mut().set_str("__doc__", Value::Str(d.clone()));
        }
        if resolved {
            ns.borrow_mut()
                .set_str("__orig_bases__", Value::tuple(orig.clone()));
        }
        let code = c.body.code.clone();
        let mut slots = self.take_vec();
        slots.resize(code.nslots(), Value::Undef);
        for (k, &i) in c.body.closure.iter().enumerate() {
            slots[code.free_start + k] = fr.slots[i as usize].clone();
        }
        let mut cf = Frame {
            slots,
            globals: fr.globals.clone(),
            locals: Some(ns.clone()),
            code: code.clone(),
            line: code.firstline,
        };
        self.run_frame(&mut cf)?;
        self.give_vec(std::mem::take(&mut cf.slots));
        if let Some(m) = meta {
            let bases_t = Value::tuple(bases.into_iter().map(Value::Class).collect());
            let args = vec![Value::Str(c.name.clone()), bases_t, Value::Dict(ns)];
            return self.call(&m, args, kw);
        }
        let dict = std::mem::take(&mut *ns.borrow_mut());
        crate::builtins::new_class_full(
            self,
            c.name.clone(),
            c.body.code.qualname.clone(),
            bases,
            dict,
            None,
            kw,
        )
    }
}

impl Interp {
    /// Whether `x` is the `AttributeError` of looking up `name` on an object that lacks it (not one raised
    /// inside the method).
    fn no_such_method(&self, x: &Exc, name: &str) -> bool {
        x.tb.is_empty()
            && matches!(&x.kind, ExcKind::Lazy("AttributeError", args)
                if matches!(args.first(), Some(Value::Str(s)) if s.ends_with(&format!("'{name}'"))))
    }
}
