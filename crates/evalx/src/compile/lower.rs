//! Lowering: the resolved AST to the tree IR, with frame slots for locals and CPython's compile-time
//! SyntaxErrors (misplaced `return`/`yield`/`await`, `break` outside a loop, bad targets).

use super::*;

// ------------------------------------------------------------------------------------------ lowering

pub(super) struct Lower<'s> {
    pub(super) scope: &'s Scope,
    pub(super) child: usize,
    pub(super) slots: IndexMap<RcStr, u32>,
    pub(super) loop_depth: u32,
    pub(super) in_func: bool,
    pub(super) filename: RcStr,
    pub(super) source: RcStr,
    pub(super) qualname: String,
    /// For comprehension/genexp: names bound by walrus go to the enclosing function (not modelled: local).
    pub(super) interactive: bool,
    /// Where `await` may appear: 0 outside any function, 1 in a plain function, 2 in an async one.
    pub(super) async_ctx: u8,
    /// In a comprehension's own scope: its kind as CPython's errors name it (a `yield` there is
    /// `'yield' inside list comprehension`).
    pub(super) comp_kind: Option<&'static str>,
}

pub(super) type CResult<T> = Result<T, SyntaxError>;

impl<'s> Lower<'s> {
    pub(super) fn err(&self, msg: &str, sp: Span) -> SyntaxError {
        let text = self
            .source
            .split('\n')
            .nth((sp.line as usize).saturating_sub(1))
            .unwrap_or("");
        let text = format!("{}\n", text.trim_end_matches('\r'));
        let mut e = SyntaxError::new(msg, sp.line, sp.col + 1, sp.end_col + 1, text);
        e.filename = self.filename.to_string();
        e
    }

    pub(super) fn new_child(&mut self) -> &'s Scope {
        let s = &self.scope.children[self.child];
        self.child += 1;
        s
    }

    pub(super) fn load(&self, n: &RcStr) -> Ex {
        let s = self.scope;
        if s.globals.contains(n) {
            return Ex::Global(n.clone(), NameCache::new(n));
        }
        match s.kind {
            Some(ScopeKind::Function) => {
                if let Some(&i) = self.slots.get(n) {
                    if s.cells.contains(n) || s.frees.contains(n) {
                        Ex::Deref(i, n.clone())
                    } else {
                        Ex::Local(i, n.clone())
                    }
                } else {
                    Ex::Global(n.clone(), NameCache::new(n))
                }
            }
            Some(ScopeKind::Class) => match self.slots.get(n) {
                Some(&i) if s.frees.contains(n) => Ex::ClassDeref(n.clone(), i),
                _ => Ex::Name(n.clone(), NameCache::new(n)),
            },
            _ => Ex::Name(n.clone(), NameCache::new(n)),
        }
    }

    pub(super) fn store(&self, n: &RcStr) -> Target {
        let s = self.scope;
        if s.globals.contains(n) {
            return Target::Global(n.clone());
        }
        match s.kind {
            Some(ScopeKind::Function) => match self.slots.get(n) {
                Some(&i) if s.cells.contains(n) || s.frees.contains(n) => Target::Deref(i),
                Some(&i) => Target::Local(i),
                None => Target::Global(n.clone()),
            },
            _ => Target::Name(n.clone()),
        }
    }

    pub(super) fn target(&mut self, e: &Expr) -> CResult<Target> {
        Ok(match &e.kind {
            ExprKind::Name(n) => self.store(n),
            ExprKind::Attr(o, n) => Target::Attr(
                self.expr(o)?,
                n.clone(),
                crate::value::str_key_hash(n),
                crate::value::AttrCache::default(),
            ),
            ExprKind::Subscript(o, i) => Target::Index(self.expr(o)?, self.expr(i)?),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut star = None;
                let mut ts = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    if let ExprKind::Starred(inner) = &it.kind {
                        star = Some(i);
                        ts.push(self.target(inner)?);
                    } else {
                        ts.push(self.target(it)?);
                    }
                }
                Target::Unpack(ts, star)
            }
            _ => return Err(self.err("cannot assign to expression", e.span)),
        })
    }

    pub(super) fn block(&mut self, b: &[Stmt]) -> CResult<Vec<St>> {
        let mut out = Vec::with_capacity(b.len());
        for s in b {
            self.stmt(s, &mut out)?;
        }
        Ok(out)
    }

    pub(super) fn stmt(&mut self, s: &Stmt, out: &mut Vec<St>) -> CResult<()> {
        let line = s.span.line;
        if crate::guard::compile_must_stop() {
            return Err(SyntaxError::new(
                crate::guard::STOPPED,
                line,
                0,
                0,
                String::new(),
            ));
        }
        let kind = match &s.kind {
            StmtKind::Expr(e) => {
                if self.interactive && self.scope.kind == Some(ScopeKind::Module) {
                    StKind::Print(self.expr(e)?)
                } else {
                    StKind::Expr(self.expr(e)?)
                }
            }
            StmtKind::Assign(ts, v) => {
                let v = self.expr(v)?;
                if ts.len() == 1 {
                    StKind::Assign(self.target(&ts[0])?, v)
                } else {
                    let ts = ts
                        .iter()
                        .map(|t| self.target(t))
                        .collect::<CResult<Vec<_>>>()?;
                    StKind::AssignMulti(ts, v)
                }
            }
            StmtKind::AugAssign(t, op, v) => StKind::AugAssign(self.target(t)?, *op, self.expr(v)?),
            StmtKind::AnnAssign(t, ann, v) => match (&t.kind, self.scope.kind) {
                (ExprKind::Name(n), Some(ScopeKind::Module | ScopeKind::Class)) => {
                    let assign = match v {
                        Some(v) => Some((self.target(t)?, self.expr(v)?)),
                        None => None,
                    };
                    StKind::AnnAssign(assign, n.clone(), self.expr(ann)?)
                }
                _ => match v {
                    Some(v) => StKind::Assign(self.target(t)?, self.expr(v)?),
                    None => StKind::Pass,
                },
            },
            StmtKind::If(c, a, b) => StKind::If(self.expr(c)?, self.block(a)?, self.block(b)?),
            StmtKind::While(c, a, b) => {
                let c = self.expr(c)?;
                self.loop_depth += 1;
                let a = self.block(a);
                self.loop_depth -= 1;
                StKind::While(c, a?, self.block(b)?)
            }
            StmtKind::For(t, it, a, b) | StmtKind::AsyncFor(t, it, a, b) => {
                let is_async = matches!(s.kind, StmtKind::AsyncFor(..));
                if is_async && self.async_ctx != 2 {
                    return Err(self.err("'async for' outside async function", s.span));
                }
                let it = self.expr(it)?;
                let t = self.target(t)?;
                self.loop_depth += 1;
                let a = self.block(a);
                self.loop_depth -= 1;
                if is_async {
                    StKind::AsyncFor(t, it, a?, self.block(b)?)
                } else {
                    StKind::For(t, it, a?, self.block(b)?)
                }
            }
            StmtKind::Match(subject, cases) => self.match_stmt(subject, cases)?,
            StmtKind::Break => {
                if self.loop_depth == 0 {
                    return Err(self.err_noline("'break' outside loop", s.span));
                }
                StKind::Break
            }
            StmtKind::Continue => {
                if self.loop_depth == 0 {
                    return Err(self.err_noline("'continue' not properly in loop", s.span));
                }
                StKind::Continue
            }
            StmtKind::Return(e) => {
                if !self.in_func {
                    return Err(self.err_noline("'return' outside function", s.span));
                }
                if e.is_some() && self.scope.is_async && self.scope.is_generator {
                    return Err(self.err("'return' with value in async generator", s.span));
                }
                StKind::Return(e.as_ref().map(|e| self.expr(e)).transpose()?)
            }
            StmtKind::Pass => StKind::Pass,
            StmtKind::FuncDef(f) => {
                let def = self.funcdef(f)?;
                StKind::FuncDef(def, self.store(&f.name))
            }
            StmtKind::ClassDef(c) => {
                let bases = c
                    .bases
                    .iter()
                    .filter_map(|b| match b {
                        Arg::Pos(e) => Some(self.expr(e)),
                        _ => None,
                    })
                    .collect::<CResult<Vec<_>>>()?;
                let keywords = c
                    .bases
                    .iter()
                    .filter_map(|b| match b {
                        Arg::Kw(n, e) => Some(self.expr(e).map(|x| (n.clone(), x))),
                        _ => None,
                    })
                    .collect::<CResult<Vec<_>>>()?;
                let decorators = c
                    .decorators
                    .iter()
                    .map(|d| self.expr(d))
                    .collect::<CResult<Vec<_>>>()?;
                let scope = self.new_child();
                let qual = self.child_qualname(&c.name);
                let body = self.code_for(
                    scope,
                    &c.name,
                    qual,
                    &c.body,
                    c.span.line,
                    c.doc.clone(),
                    None,
                )?;
                let cx = ClassDefX {
                    name: c.name.clone(),
                    body,
                    bases,
                    keywords,
                    decorators,
                };
                StKind::ClassDef(Rc::new(cx), self.store(&c.name))
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                let body = self.block(body)?;
                let mut hs = Vec::new();
                for h in handlers {
                    hs.push(HandlerX {
                        typ: h.typ.as_ref().map(|t| self.expr(t)).transpose()?,
                        name: h.name.as_ref().map(|n| self.store(n)),
                        body: self.block(&h.body)?,
                        line: h.span.line,
                    });
                }
                StKind::Try {
                    body,
                    handlers: hs,
                    orelse: self.block(orelse)?,
                    finalbody: self.block(finalbody)?,
                }
            }
            StmtKind::Raise(a, b) => StKind::Raise(
                a.as_ref().map(|e| self.expr(e)).transpose()?,
                b.as_ref().map(|e| self.expr(e)).transpose()?,
            ),
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => StKind::Decl,
            StmtKind::Del(ts) => StKind::Del(
                ts.iter()
                    .map(|t| self.target(t))
                    .collect::<CResult<Vec<_>>>()?,
            ),
            StmtKind::Assert(a, b) => {
                StKind::Assert(self.expr(a)?, b.as_ref().map(|e| self.expr(e)).transpose()?)
            }
            StmtKind::Import(names) => {
                for (n, a) in names {
                    let bound: RcStr = match a {
                        Some(a) => a.clone(),
                        None => n.split('.').next().unwrap_or(n).into(),
                    };
                    out.push(St {
                        line,
                        kind: StKind::Import(n.clone(), self.store(&bound)),
                    });
                    // `import a.b` loads `a.b` (above) and then binds `a` itself.
                    if a.is_none() && n.contains('.') {
                        out.push(St {
                            line,
                            kind: StKind::Import(bound.clone(), self.store(&bound)),
                        });
                    }
                }
                return Ok(());
            }
            StmtKind::ImportFrom(m, names) => {
                if names.len() == 1 && &*names[0].0 == "*" {
                    StKind::ImportStar(m.clone())
                } else {
                    let items = names
                        .iter()
                        .map(|(n, a)| (n.clone(), self.store(a.as_ref().unwrap_or(n))))
                        .collect();
                    StKind::ImportFrom(m.clone(), items)
                }
            }
            StmtKind::With(items, body) | StmtKind::AsyncWith(items, body) => {
                let is_async = matches!(s.kind, StmtKind::AsyncWith(..));
                if is_async && self.async_ctx != 2 {
                    return Err(self.err("'async with' outside async function", s.span));
                }
                let mut body = self.block(body)?;
                for (i, (e, t)) in items.iter().enumerate().rev() {
                    let e = self.expr(e)?;
                    let t = t.as_ref().map(|t| self.target(t)).transpose()?;
                    let kind = if is_async {
                        StKind::AsyncWith(e, t, body)
                    } else {
                        StKind::With(e, t, body)
                    };
                    if i == 0 {
                        out.push(St { line, kind });
                        return Ok(());
                    }
                    body = vec![St { line, kind }];
                }
                StKind::Pass
            }
        };
        out.push(St { line, kind });
        Ok(())
    }

    pub(super) fn err_noline(&self, msg: &str, sp: Span) -> SyntaxError {
        let mut e = self.err(msg, sp);
        e.text = String::new();
        e.offset = sp.col + 1;
        e
    }

    pub(super) fn child_qualname(&self, name: &str) -> String {
        if self.qualname.is_empty() {
            name.to_string()
        } else if self.scope.kind == Some(ScopeKind::Function) {
            format!("{}.<locals>.{}", self.qualname, name)
        } else {
            format!("{}.{}", self.qualname, name)
        }
    }

    pub(super) fn funcdef(&mut self, f: &FuncDef) -> CResult<Rc<FnDef>> {
        let mut defaults = Vec::new();
        let mut kwdefaults = Vec::new();
        for p in &f.params.args {
            if let Some(d) = &p.default {
                defaults.push(self.expr(d)?);
            }
        }
        for p in &f.params.kwonly {
            if let Some(d) = &p.default {
                kwdefaults.push((p.name.clone(), self.expr(d)?));
            }
        }
        let decorators = f
            .decorators
            .iter()
            .map(|d| self.expr(d))
            .collect::<CResult<Vec<_>>>()?;
        let annotations = f
            .params
            .annotations
            .iter()
            .map(|(n, a)| Ok((n.clone(), self.expr(a)?)))
            .collect::<CResult<Vec<_>>>()?;
        let scope = self.new_child();
        let qual = self.child_qualname(&f.name);
        let def = self.code_for(
            scope,
            &f.name,
            qual,
            &f.body,
            f.span.line,
            f.doc.clone(),
            Some(&f.params),
        )?;
        let mut d = Rc::try_unwrap(def).unwrap_or_else(|rc| FnDef {
            code: rc.code.clone(),
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            annotations: Vec::new(),
            closure: rc.closure.clone(),
            decorators: Vec::new(),
        });
        d.annotations = annotations;
        d.defaults = defaults;
        d.kwdefaults = kwdefaults;
        d.decorators = decorators;
        Ok(Rc::new(d))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn code_for(
        &mut self,
        scope: &Scope,
        name: &RcStr,
        qualname: String,
        body: &[Stmt],
        firstline: u32,
        doc: Option<RcStr>,
        params: Option<&Params>,
    ) -> CResult<Rc<FnDef>> {
        let mut slots: IndexMap<RcStr, u32> = IndexMap::new();
        let kind = scope.kind.unwrap_or(ScopeKind::Function);
        if kind == ScopeKind::Function {
            for p in &scope.params {
                let n = slots.len() as u32;
                slots.entry(p.clone()).or_insert(n);
            }
            for b in &scope.bound {
                if !scope.globals.contains(b) && !scope.nonlocals.contains(b) {
                    let n = slots.len() as u32;
                    slots.entry(b.clone()).or_insert(n);
                }
            }
        }
        let free_start = slots.len();
        for f in &scope.frees {
            let n = slots.len() as u32;
            slots.entry(f.clone()).or_insert(n);
        }
        // Where the new function's closure cells come from in *this* frame.
        let mut closure = Vec::new();
        for f in &scope.frees {
            match self.slots.get(f) {
                Some(&i) => closure.push(i),
                None => {
                    return Err(self.err("internal: free variable without a cell", Span::default()));
                }
            }
        }
        let cell_slots = scope
            .cells
            .iter()
            .filter_map(|c| slots.get(c).copied())
            .collect();
        let mut sub = Lower {
            scope,
            child: 0,
            slots,
            loop_depth: 0,
            in_func: kind == ScopeKind::Function,
            filename: self.filename.clone(),
            source: self.source.clone(),
            qualname: qualname.clone(),
            interactive: false,
            async_ctx: match (kind, scope.is_async) {
                (ScopeKind::Function, true) => 2,
                (ScopeKind::Function, false) => 1,
                _ => 0,
            },
            comp_kind: None,
        };
        let body = sub.block(body)?;
        let (nparams, posonly, nkwonly, va, vk) = match params {
            Some(p) => (
                p.args.len(),
                p.posonly,
                p.kwonly.len(),
                p.vararg.is_some(),
                p.kwarg.is_some(),
            ),
            None => (scope.params.len(), 0, 0, false, false),
        };
        let code = Code {
            name: name.clone(),
            qualname: qualname.into(),
            filename: self.filename.clone(),
            kind,
            body,
            slot_names: sub.slots.keys().cloned().collect(),
            nparams,
            posonly,
            nkwonly,
            has_varargs: va,
            has_varkw: vk,
            cell_slots,
            free_start,
            is_generator: scope.is_generator || scope.is_async,
            coro: coro_kind(scope),
            iterable_coro: Cell::new(false),
            yield_sites: std::cell::OnceCell::new(),
            aiter_arg: false,
            firstline,
            doc,
            source: self.source.clone(),
            plain: false,
        }
        .sealed();
        Ok(Rc::new(FnDef {
            code: Rc::new(code),
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            annotations: Vec::new(),
            closure,
            decorators: Vec::new(),
        }))
    }

    pub(super) fn args(&mut self, items: &[Expr]) -> CResult<Vec<ArgX>> {
        items
            .iter()
            .map(|e| match &e.kind {
                ExprKind::Starred(x) => Ok(ArgX::Star(self.expr(x)?)),
                _ => Ok(ArgX::Pos(self.expr(e)?)),
            })
            .collect()
    }

    pub(super) fn comp(&mut self, e: &Expr, gens: &[CompFor], kind: u8) -> CResult<Ex> {
        let outer = self.expr(&gens[0].iter)?;
        let scope = self.new_child();
        if kind != 3 && self.async_ctx != 2 && scope.has_await {
            return Err(self.err(
                "asynchronous comprehension outside of an asynchronous function",
                e.span,
            ));
        }
        let name: RcStr = match kind {
            0 => "<listcomp>",
            1 => "<setcomp>",
            2 => "<dictcomp>",
            _ => "<genexpr>",
        }
        .into();
        // Build the comprehension body as statements: nested fors/ifs around an "append" expression.
        let qual = self.child_qualname(&name);
        let mut slots: IndexMap<RcStr, u32> = IndexMap::new();
        for p in &scope.params {
            let n = slots.len() as u32;
            slots.entry(p.clone()).or_insert(n);
        }
        for b in &scope.bound {
            let n = slots.len() as u32;
            slots.entry(b.clone()).or_insert(n);
        }
        let acc: RcStr = ".acc".into();
        let acc_slot = slots.len() as u32;
        slots.insert(acc.clone(), acc_slot);
        let free_start = slots.len();
        for f in &scope.frees {
            let n = slots.len() as u32;
            slots.entry(f.clone()).or_insert(n);
        }
        let mut closure = Vec::new();
        for f in &scope.frees {
            if let Some(&i) = self.slots.get(f) {
                closure.push(i);
            }
        }
        let cell_slots = scope
            .cells
            .iter()
            .filter_map(|c| slots.get(c).copied())
            .collect();
        let mut sub = Lower {
            scope,
            child: 0,
            slots,
            loop_depth: 1,
            in_func: true,
            filename: self.filename.clone(),
            source: self.source.clone(),
            qualname: qual.clone(),
            interactive: false,
            async_ctx: if kind == 3 { 2 } else { self.async_ctx },
            comp_kind: Some(match kind {
                0 => "list comprehension",
                1 => "set comprehension",
                2 => "dict comprehension",
                _ => "generator expression",
            }),
        };
        let line = e.span.line;
        // Innermost action.
        let acc_ex = || Ex::Local(acc_slot, ".acc".into());
        let action = match (&e.kind, kind) {
            (ExprKind::DictComp(k, v, _), _) => {
                let k = sub.expr(k)?;
                let v = sub.expr(v)?;
                StKind::Assign(Target::Index(acc_ex(), k), v)
            }
            (ExprKind::ListComp(x, _), _) => StKind::CompAppend(acc_slot, sub.expr(x)?),
            (ExprKind::SetComp(x, _), _) => StKind::CompAdd(acc_slot, sub.expr(x)?),
            (ExprKind::GenExp(x, _), _) if scope.is_async => {
                StKind::Expr(Ex::AsyncYield(Some(Box::new(sub.expr(x)?))))
            }
            (ExprKind::GenExp(x, _), _) => StKind::Expr(Ex::Yield(Some(Box::new(sub.expr(x)?)))),
            _ => return Err(self.err("internal: bad comprehension", e.span)),
        };
        // Compile loops inside-out.
        let mut body = vec![St { line, kind: action }];
        for (i, g) in gens.iter().enumerate().rev() {
            for c in g.ifs.iter().rev() {
                let c = sub.expr(c)?;
                body = vec![St {
                    line,
                    kind: StKind::If(c, body, Vec::new()),
                }];
            }
            let it = if i == 0 {
                Ex::Local(0, ".0".into())
            } else {
                sub.expr(&g.iter)?
            };
            let t = sub.target(&g.target)?;
            body = vec![St {
                line,
                kind: if g.is_async {
                    StKind::AsyncFor(t, it, body, Vec::new())
                } else {
                    StKind::For(t, it, body, Vec::new())
                },
            }];
        }
        let init = match kind {
            0 => Some(Ex::List(Vec::new())),
            1 => Some(Ex::Set(Vec::new())),
            2 => Some(Ex::Dict(Vec::new())),
            _ => None,
        };
        let mut stmts = Vec::new();
        if let Some(init) = init {
            stmts.push(St {
                line,
                kind: StKind::Assign(Target::Local(acc_slot), init),
            });
        }
        stmts.extend(body);
        if kind != 3 {
            stmts.push(St {
                line,
                kind: StKind::Return(Some(acc_ex())),
            });
        }
        let code = Code {
            name: name.clone(),
            qualname: qual.into(),
            filename: self.filename.clone(),
            kind: ScopeKind::Function,
            body: stmts,
            slot_names: sub.slots.keys().cloned().collect(),
            nparams: 1,
            posonly: 1,
            nkwonly: 0,
            has_varargs: false,
            has_varkw: false,
            cell_slots,
            free_start,
            is_generator: kind == 3,
            coro: if kind == 3 { coro_kind(scope) } else { 0 },
            iterable_coro: Cell::new(false),
            yield_sites: std::cell::OnceCell::new(),
            aiter_arg: gens[0].is_async,
            firstline: line,
            doc: None,
            source: self.source.clone(),
            plain: false,
        }
        .sealed();
        let def = FnDef {
            code: Rc::new(code),
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            annotations: Vec::new(),
            closure,
            decorators: Vec::new(),
        };
        Ok(Ex::Comp(Rc::new(def), Box::new(outer)))
    }

    pub(super) fn expr(&mut self, e: &Expr) -> CResult<Ex> {
        if crate::guard::compile_must_stop() {
            return Err(SyntaxError::new(
                crate::guard::STOPPED,
                e.span.line,
                0,
                0,
                String::new(),
            ));
        }
        Ok(match &e.kind {
            ExprKind::Name(n) => self.load(n),
            ExprKind::Const(c) => Ex::Const(const_value(c)),
            ExprKind::FString(parts) => Ex::FStr(self.fparts(parts)?),
            ExprKind::List(items) => Ex::List(self.args(items)?),
            ExprKind::Tuple(items) => {
                if items.iter().all(|i| matches!(i.kind, ExprKind::Const(_))) {
                    let vals: Vec<Value> = items
                        .iter()
                        .map(|i| {
                            if let ExprKind::Const(c) = &i.kind {
                                const_value(c)
                            } else {
                                Value::None
                            }
                        })
                        .collect();
                    Ex::Const(Value::tuple(vals))
                } else {
                    Ex::Tuple(self.args(items)?)
                }
            }
            ExprKind::Set(items) => Ex::Set(self.args(items)?),
            ExprKind::Dict(items) => {
                let mut v = Vec::new();
                for (k, x) in items {
                    v.push((k.as_ref().map(|k| self.expr(k)).transpose()?, self.expr(x)?));
                }
                Ex::Dict(v)
            }
            ExprKind::Starred(_) => {
                return Err(self.err("can't use starred expression here", e.span));
            }
            ExprKind::BinOp(a, op, b) => match (self.expr(a)?, self.expr(b)?) {
                (Ex::Local(i, n), Ex::Const(Value::Int(k)))
                    if matches!(
                        op,
                        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Mod | BinOp::FloorDiv
                    ) =>
                {
                    Ex::BinLI(i, n, *op, k)
                }
                (Ex::Local(i, _), Ex::Local(j, _))
                    if matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul) =>
                {
                    Ex::BinLL(i, j, *op)
                }
                (x, y) => Ex::Bin(Box::new(x), *op, Box::new(y)),
            },
            ExprKind::UnaryOp(op, a) => Ex::Unary(*op, Box::new(self.expr(a)?)),
            ExprKind::And(a, b) => Ex::And(Box::new(self.expr(a)?), Box::new(self.expr(b)?)),
            ExprKind::Or(a, b) => Ex::Or(Box::new(self.expr(a)?), Box::new(self.expr(b)?)),
            ExprKind::Compare(a, rest) => {
                let a = self.expr(a)?;
                if rest.len() == 1 {
                    let op = rest[0].0;
                    match (a, self.expr(&rest[0].1)?) {
                        (Ex::Local(i, n), Ex::Const(Value::Int(k)))
                            if matches!(
                                op,
                                CmpOp::Lt
                                    | CmpOp::Le
                                    | CmpOp::Gt
                                    | CmpOp::Ge
                                    | CmpOp::Eq
                                    | CmpOp::Ne
                            ) =>
                        {
                            Ex::CmpLI(i, n, op, k)
                        }
                        (a, b) => Ex::Cmp(Box::new(a), op, Box::new(b)),
                    }
                } else {
                    let r = rest
                        .iter()
                        .map(|(op, x)| Ok((*op, self.expr(x)?)))
                        .collect::<CResult<Vec<_>>>()?;
                    Ex::CmpChain(Box::new(a), r)
                }
            }
            ExprKind::Call(f, args) => {
                let simple = args.iter().all(|a| matches!(a, Arg::Pos(_)));
                let frame_builtin =
                    matches!(&f.kind, ExprKind::Name(n) if FRAME_BUILTINS.contains(&&**n));
                let ex = if frame_builtin {
                    let fx = self.expr(f)?;
                    let xs = self.call_args(args)?;
                    Ex::CallFrame(Box::new(fx), xs)
                } else if simple {
                    // The callee first, then the arguments: the order the symtable pass met their nested
                    // scopes in (lambdas, comprehensions), which `new_child` hands out in turn.
                    let callee = match &f.kind {
                        ExprKind::Attr(o, _) => self.expr(o)?,
                        _ => self.expr(f)?,
                    };
                    let xs = args
                        .iter()
                        .map(|a| match a {
                            Arg::Pos(e) => self.expr(e),
                            _ => Ok(Ex::Const(Value::None)),
                        })
                        .collect::<CResult<Vec<_>>>()?;
                    if let ExprKind::Attr(_, name) = &f.kind {
                        Ex::CallMethod(
                            Box::new(callee),
                            name.clone(),
                            xs.into_boxed_slice(),
                            crate::value::str_key_hash(name),
                            Fast::of(name),
                            MethodCache::default(),
                        )
                    } else {
                        Ex::Call(Box::new(callee), xs)
                    }
                } else {
                    let fx = self.expr(f)?;
                    let xs = self.call_args(args)?;
                    Ex::CallKw(Box::new(fx), xs)
                };
                if e.span.line != e.span.end_line {
                    Ex::Line(e.span.line, Box::new(ex))
                } else {
                    ex
                }
            }
            ExprKind::Attr(o, n) => Ex::Attr(
                Box::new(self.expr(o)?),
                n.clone(),
                crate::value::str_key_hash(n),
                crate::value::AttrCache::default(),
                crate::value::ClassSite::default(),
            ),
            ExprKind::Subscript(o, i) => {
                Ex::Index(Box::new(self.expr(o)?), Box::new(self.expr(i)?))
            }
            ExprKind::Slice(a, b, c) => {
                let mut f = |x: &Option<Box<Expr>>| {
                    x.as_ref().map(|x| self.expr(x).map(Box::new)).transpose()
                };
                Ex::Slice(f(a)?, f(b)?, f(c)?)
            }
            ExprKind::IfExp(c, a, b) => Ex::IfExp(
                Box::new(self.expr(c)?),
                Box::new(self.expr(a)?),
                Box::new(self.expr(b)?),
            ),
            ExprKind::Lambda(f) => Ex::MakeFunc(self.funcdef(f)?),
            ExprKind::ListComp(..) => self.comp(e, comp_gens(e), 0)?,
            ExprKind::SetComp(..) => self.comp(e, comp_gens(e), 1)?,
            ExprKind::DictComp(..) => self.comp(e, comp_gens(e), 2)?,
            ExprKind::GenExp(..) => self.comp(e, comp_gens(e), 3)?,
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) if self.comp_kind.is_some() => {
                let kind = self.comp_kind.unwrap_or_default();
                return Err(self.err(&format!("'yield' inside {kind}"), e.span));
            }
            ExprKind::Yield(x) => {
                if !self.in_func {
                    return Err(self.err_noline("'yield' outside function", e.span));
                }
                let x = x.as_ref().map(|x| self.expr(x).map(Box::new)).transpose()?;
                if self.scope.is_async {
                    Ex::AsyncYield(x)
                } else {
                    Ex::Yield(x)
                }
            }
            ExprKind::YieldFrom(x) => {
                if !self.in_func {
                    return Err(self.err_noline("'yield' outside function", e.span));
                }
                if self.scope.is_async {
                    return Err(self.err_noline("'yield from' inside async function", e.span));
                }
                Ex::YieldFrom(Box::new(self.expr(x)?))
            }
            ExprKind::Await(x) => {
                match self.async_ctx {
                    0 => return Err(self.err_noline("'await' outside function", e.span)),
                    1 => return Err(self.err_noline("'await' outside async function", e.span)),
                    _ => {}
                }
                Ex::Await(Box::new(self.expr(x)?))
            }
            ExprKind::NamedExpr(n, v) => {
                Ex::Walrus(Box::new(self.store(n)), Box::new(self.expr(v)?))
            }
        })
    }

    pub(super) fn call_args(&mut self, args: &[Arg]) -> CResult<Vec<ArgX>> {
        args.iter()
            .map(|a| {
                Ok(match a {
                    Arg::Pos(e) => ArgX::Pos(self.expr(e)?),
                    Arg::Star(e) => ArgX::Star(self.expr(e)?),
                    Arg::Kw(n, e) => ArgX::Kw(n.clone(), self.expr(e)?),
                    Arg::StarStar(e) => ArgX::StarStar(self.expr(e)?),
                })
            })
            .collect()
    }

    pub(super) fn fparts(&mut self, parts: &[FPart]) -> CResult<Vec<FPartX>> {
        parts
            .iter()
            .map(|p| {
                Ok(match p {
                    FPart::Lit(s) => FPartX::Lit(s.clone()),
                    FPart::Field { expr, conv, spec } => {
                        FPartX::Field(self.expr(expr)?, *conv, self.fparts(spec)?)
                    }
                })
            })
            .collect()
    }
}
