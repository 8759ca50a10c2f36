//! Name resolution (CPython's symtable rules): collects each scope's bindings, uses, `global`/`nonlocal`
//! declarations, then decides which names are locals, cells, frees or globals.

use super::*;

#[derive(Debug, Default)]
pub(super) struct Scope {
    pub(super) kind: Option<ScopeKind>,
    pub(super) params: Vec<RcStr>,
    pub(super) bound: IndexSet<RcStr>,
    pub(super) used: IndexSet<RcStr>,
    pub(super) globals: IndexSet<RcStr>,
    pub(super) nonlocals: IndexSet<RcStr>,
    /// Where each `nonlocal` name was declared (for `no binding for nonlocal 'x' found`).
    pub(super) nonlocal_at: Vec<(RcStr, Span)>,
    pub(super) children: Vec<Scope>,
    pub(super) cells: IndexSet<RcStr>,
    pub(super) frees: IndexSet<RcStr>,
    pub(super) is_generator: bool,
    /// An `async def`, or a generator expression that awaits (an async generator expression).
    pub(super) is_async: bool,
    /// The scope itself awaits (`await`, `async for`, `async with`).
    pub(super) has_await: bool,
    /// A comprehension's or generator expression's own scope (PEP 572: a walrus inside binds outside it).
    pub(super) is_comp: bool,
    pub(super) first_error: Option<(String, Span)>,
}

/// [`Code::coro`] for a scope.
pub(super) fn coro_kind(s: &Scope) -> u8 {
    match (s.is_async, s.is_generator) {
        (false, _) => 0,
        (true, false) => 1,
        (true, true) => 2,
    }
}

pub(super) fn is_fn(s: &Scope) -> bool {
    s.kind == Some(ScopeKind::Function)
}

pub(super) struct Collector<'a> {
    pub(super) stack: Vec<Scope>,
    pub(super) _p: std::marker::PhantomData<&'a ()>,
    /// How deep the walk is in nested statements and expressions; past [`crate::guard::COMPILE_DEPTH`] it
    /// stops descending and `too_deep` fails the compilation (with `RecursionError`, as CPython).
    pub(super) depth: u32,
    pub(super) too_deep: bool,
}

impl Collector<'_> {
    pub(super) fn cur(&mut self) -> &mut Scope {
        let n = self.stack.len() - 1;
        &mut self.stack[n]
    }
    pub(super) fn bind(&mut self, n: &RcStr) {
        self.cur().bound.insert(n.clone());
    }
    pub(super) fn use_(&mut self, n: &RcStr) {
        self.cur().used.insert(n.clone());
    }
    /// CPython's checks of a `global`/`nonlocal` declaration against what the scope already did with the
    /// name (a parameter, a use, an assignment), and of a name declared both ways.
    fn declared_before(&mut self, what: &str, n: &RcStr, span: Span) {
        let cur = self.cur();
        let msg = if cur.params.contains(n) {
            format!("name '{n}' is parameter and {what}")
        } else if cur.used.contains(n) {
            format!("name '{n}' is used prior to {what} declaration")
        } else if cur.bound.contains(n) {
            format!("name '{n}' is assigned to before {what} declaration")
        } else if (what == "global" && cur.nonlocals.contains(n))
            || (what == "nonlocal" && cur.globals.contains(n))
        {
            format!("name '{n}' is nonlocal and global")
        } else {
            return;
        };
        if cur.first_error.is_none() {
            cur.first_error = Some((msg, span));
        }
    }
    pub(super) fn push(&mut self, kind: ScopeKind) {
        self.stack.push(Scope {
            kind: Some(kind),
            ..Default::default()
        });
    }
    pub(super) fn pop(&mut self) {
        if let Some(s) = self.stack.pop() {
            self.cur().children.push(s);
        }
    }
    pub(super) fn stmts(&mut self, b: &[Stmt]) {
        for s in b {
            self.stmt(s);
        }
    }
    pub(super) fn target(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| self.target(i))
            }
            ExprKind::Starred(i) => self.target(i),
            _ => self.expr(e),
        }
    }
    pub(super) fn func(&mut self, f: &FuncDef) {
        for p in f.params.args.iter().chain(&f.params.kwonly) {
            if let Some(d) = &p.default {
                self.expr(d);
            }
        }
        f.decorators.iter().for_each(|d| self.expr(d));
        f.params.annotations.iter().for_each(|(_, a)| self.expr(a));
        self.push(ScopeKind::Function);
        self.cur().is_async = f.is_async;
        let mut params: Vec<RcStr> = f.params.args.iter().map(|p| p.name.clone()).collect();
        params.extend(f.params.kwonly.iter().map(|p| p.name.clone()));
        params.extend(f.params.vararg.iter().cloned());
        params.extend(f.params.kwarg.iter().cloned());
        for p in &params {
            self.bind(p);
        }
        self.cur().params = params;
        self.stmts(&f.body);
        self.pop();
    }
    pub(super) fn comp(&mut self, gens: &[CompFor], elts: &[&Expr]) {
        if let Some(g) = gens.first() {
            self.expr(&g.iter);
        }
        self.push(ScopeKind::Function);
        self.cur().is_comp = true;
        let dot: RcStr = ".0".into();
        self.bind(&dot);
        self.cur().params = vec![dot];
        if gens.iter().any(|g| g.is_async) {
            self.cur().has_await = true;
        }
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            g.ifs.iter().for_each(|c| self.expr(c));
        }
        elts.iter().for_each(|e| self.expr(e));
        self.pop();
    }
    pub(super) fn stmt(&mut self, s: &Stmt) {
        self.depth += 1;
        if self.depth > crate::guard::COMPILE_DEPTH || crate::guard::stack_low() {
            self.too_deep = true;
        } else {
            self.stmt_inner(s);
        }
        self.depth -= 1;
    }
    pub(super) fn stmt_inner(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign(ts, v) => {
                self.expr(v);
                ts.iter().for_each(|t| self.target(t));
            }
            StmtKind::AugAssign(t, _, v) => {
                self.expr(v);
                if let ExprKind::Name(n) = &t.kind {
                    self.use_(n);
                }
                self.target(t);
            }
            StmtKind::AnnAssign(t, ann, v) => {
                if matches!(t.kind, ExprKind::Name(_))
                    && matches!(
                        self.cur().kind,
                        Some(ScopeKind::Module) | Some(ScopeKind::Class)
                    )
                {
                    self.expr(ann);
                }
                if let Some(v) = v {
                    self.expr(v);
                    self.target(t);
                } else if let ExprKind::Name(n) = &t.kind {
                    self.bind(n);
                }
            }
            StmtKind::If(c, a, b) | StmtKind::While(c, a, b) => {
                self.expr(c);
                self.stmts(a);
                self.stmts(b);
            }
            StmtKind::For(t, it, a, b) | StmtKind::AsyncFor(t, it, a, b) => {
                if let StmtKind::AsyncFor(..) = s.kind {
                    self.cur().has_await = true;
                }
                self.expr(it);
                self.target(t);
                self.stmts(a);
                self.stmts(b);
            }
            StmtKind::Return(e) => {
                if let Some(e) = e {
                    self.expr(e)
                }
            }
            StmtKind::FuncDef(f) => {
                self.func(f);
                self.bind(&f.name);
            }
            StmtKind::ClassDef(c) => {
                for b in &c.bases {
                    match b {
                        Arg::Pos(e) | Arg::Star(e) | Arg::Kw(_, e) | Arg::StarStar(e) => {
                            self.expr(e)
                        }
                    }
                }
                c.decorators.iter().for_each(|d| self.expr(d));
                self.push(ScopeKind::Class);
                self.stmts(&c.body);
                self.pop();
                self.bind(&c.name);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.bind(n);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Raise(a, b) => {
                a.iter().chain(b.iter()).for_each(|e| self.expr(e));
            }
            StmtKind::Global(ns) => {
                for n in ns {
                    self.declared_before("global", n, s.span);
                    self.cur().globals.insert(n.clone());
                }
            }
            StmtKind::Nonlocal(ns) => {
                for n in ns {
                    if self.stack.len() == 1 {
                        if self.cur().first_error.is_none() {
                            self.cur().first_error = Some((
                                "nonlocal declaration not allowed at module level".into(),
                                s.span,
                            ));
                        }
                    }
                    self.declared_before("nonlocal", n, s.span);
                    self.cur().nonlocals.insert(n.clone());
                    self.cur().nonlocal_at.push((n.clone(), s.span));
                }
            }
            StmtKind::Del(ts) => ts.iter().for_each(|t| self.target(t)),
            StmtKind::Assert(a, b) => {
                self.expr(a);
                if let Some(b) = b {
                    self.expr(b);
                }
            }
            StmtKind::Import(names) => {
                for (n, a) in names {
                    let bound: RcStr = match a {
                        Some(a) => a.clone(),
                        None => n.split('.').next().unwrap_or(n).into(),
                    };
                    self.bind(&bound);
                }
            }
            StmtKind::ImportFrom(_, names) => {
                for (n, a) in names {
                    if &**n != "*" {
                        self.bind(a.as_ref().unwrap_or(n));
                    } else if self.stack.len() > 1
                        && is_fn(self.cur())
                        && self.cur().first_error.is_none()
                    {
                        // The `*` ends the statement.
                        let at = Span {
                            line: s.span.end_line,
                            col: s.span.end_col.saturating_sub(1),
                            ..s.span
                        };
                        self.cur().first_error =
                            Some(("import * only allowed at module level".into(), at));
                    }
                }
            }
            StmtKind::Match(subject, cases) => {
                self.expr(subject);
                for c in cases {
                    self.pattern(&c.pattern);
                    if let Some(g) = &c.guard {
                        self.expr(g);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::With(items, body) | StmtKind::AsyncWith(items, body) => {
                if let StmtKind::AsyncWith(..) = s.kind {
                    self.cur().has_await = true;
                }
                for (e, t) in items {
                    self.expr(e);
                    if let Some(t) = t {
                        self.target(t);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
        }
    }
    pub(super) fn expr(&mut self, e: &Expr) {
        self.depth += 1;
        if self.depth > crate::guard::COMPILE_DEPTH || crate::guard::stack_low() {
            self.too_deep = true;
        } else {
            self.expr_inner(e);
        }
        self.depth -= 1;
    }
    pub(super) fn expr_inner(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.use_(n),
            ExprKind::Const(_) => {}
            ExprKind::FString(parts) => self.fparts(parts),
            ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::Set(v) => {
                v.iter().for_each(|x| self.expr(x))
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::Starred(x) | ExprKind::UnaryOp(_, x) | ExprKind::Attr(x, _) => self.expr(x),
            ExprKind::BinOp(a, _, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b)
            | ExprKind::Subscript(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::Compare(a, rest) => {
                self.expr(a);
                rest.iter().for_each(|(_, x)| self.expr(x));
            }
            ExprKind::Call(f, args) => {
                self.expr(f);
                for a in args {
                    match a {
                        Arg::Pos(e) | Arg::Star(e) | Arg::Kw(_, e) | Arg::StarStar(e) => {
                            self.expr(e)
                        }
                    }
                }
            }
            ExprKind::Slice(a, b, c) => {
                for x in [a, b, c].into_iter().flatten() {
                    self.expr(x);
                }
            }
            ExprKind::IfExp(a, b, c) => {
                self.expr(a);
                self.expr(b);
                self.expr(c);
            }
            ExprKind::Lambda(f) => self.func(f),
            ExprKind::ListComp(x, g) | ExprKind::SetComp(x, g) | ExprKind::GenExp(x, g) => {
                let is_gen = matches!(e.kind, ExprKind::GenExp(..));
                self.comp(g, &[x]);
                if is_gen {
                    let n = self.cur().children.len();
                    let c = &mut self.cur().children[n - 1];
                    c.is_generator = true;
                    c.is_async = c.has_await;
                }
            }
            ExprKind::DictComp(k, v, g) => self.comp(g, &[k, v]),
            ExprKind::Yield(x) => {
                self.cur().is_generator = true;
                if let Some(x) = x {
                    self.expr(x);
                }
            }
            ExprKind::YieldFrom(x) => {
                self.cur().is_generator = true;
                self.expr(x);
            }
            ExprKind::Await(x) => {
                self.cur().has_await = true;
                self.expr(x);
            }
            ExprKind::NamedExpr(n, v) => {
                self.expr(v);
                self.walrus(n, e.span);
            }
        }
    }
    /// `n := ...`: binds `n` where it stands, or, inside comprehensions, in the nearest enclosing scope that
    /// is not one (PEP 572): the comprehensions between see it as a global (module level, or a function's
    /// `global n`) or as a free variable of that function. CPython's SyntaxErrors for rebinding a
    /// comprehension's iteration variable and for a comprehension directly in a class body.
    fn walrus(&mut self, n: &RcStr, span: Span) {
        let top = self.stack.len() - 1;
        if !self.stack[top].is_comp {
            self.bind(n);
            return;
        }
        let mut k = top;
        while k > 0 && self.stack[k].is_comp {
            k -= 1;
        }
        let error = if self.stack[k + 1..].iter().any(|c| c.bound.contains(n)) {
            Some(format!(
                "assignment expression cannot rebind comprehension iteration variable '{n}'"
            ))
        } else if self.stack[k].kind == Some(ScopeKind::Class) {
            Some(
                "assignment expression within a comprehension cannot be used in a class body"
                    .into(),
            )
        } else {
            None
        };
        if let Some(msg) = error {
            if self.cur().first_error.is_none() {
                self.cur().first_error = Some((msg, span));
            }
            return;
        }
        let global = !is_fn(&self.stack[k]) || self.stack[k].globals.contains(n);
        if !self.stack[k].nonlocals.contains(n) {
            self.stack[k].bound.insert(n.clone());
        }
        for c in &mut self.stack[k + 1..] {
            if global {
                c.globals.insert(n.clone());
            } else {
                c.nonlocals.insert(n.clone());
            }
        }
    }
    pub(super) fn fparts(&mut self, parts: &[FPart]) {
        for p in parts {
            if let FPart::Field { expr, spec, .. } = p {
                self.expr(expr);
                self.fparts(spec);
            }
        }
    }
    pub(super) fn pattern(&mut self, p: &Pattern) {
        match &p.kind {
            PatKind::Value(e) | PatKind::Singleton(e) => self.expr(e),
            PatKind::Capture(n) | PatKind::Star(n) => {
                if let Some(n) = n {
                    self.bind(n);
                }
            }
            PatKind::Sequence(items) | PatKind::Or(items) => {
                items.iter().for_each(|i| self.pattern(i))
            }
            PatKind::Mapping(items, rest) => {
                for (k, v) in items {
                    self.expr(k);
                    self.pattern(v);
                }
                if let Some(r) = rest {
                    self.bind(r);
                }
            }
            PatKind::Class(c, pos, kw) => {
                self.expr(c);
                pos.iter().for_each(|i| self.pattern(i));
                kw.iter().for_each(|(_, i)| self.pattern(i));
            }
            PatKind::As(inner, n) => {
                self.pattern(inner);
                self.bind(n);
            }
        }
    }
}

/// Computes cell and free variables bottom-up. Returns the names this scope needs from outside.
pub(super) fn resolve(scope: &mut Scope) -> IndexSet<RcStr> {
    let mut child_needs: IndexSet<RcStr> = IndexSet::new();
    for c in &mut scope.children {
        child_needs.extend(resolve(c));
    }
    let mut needs: IndexSet<RcStr> = IndexSet::new();
    let fnscope = is_fn(scope);
    for n in &child_needs {
        if fnscope
            && scope.bound.contains(n)
            && !scope.globals.contains(n)
            && !scope.nonlocals.contains(n)
        {
            scope.cells.insert(n.clone());
        } else if scope.globals.contains(n) {
            // Children read it as a global... but the child decided "free"; we fix that in lowering.
        } else {
            needs.insert(n.clone());
            if scope.kind != Some(ScopeKind::Module) {
                scope.frees.insert(n.clone());
            }
        }
    }
    if fnscope {
        for n in scope.used.iter().chain(scope.bound.iter()) {
            if !scope.bound.contains(n) && !scope.globals.contains(n) {
                needs.insert(n.clone());
                scope.frees.insert(n.clone());
            }
        }
        for n in &scope.nonlocals {
            needs.insert(n.clone());
            scope.frees.insert(n.clone());
        }
    } else if scope.kind == Some(ScopeKind::Class) {
        // A class body's own free uses are looked up by ClassDeref when an enclosing function binds them.
        for n in &scope.used {
            if !scope.globals.contains(n) {
                needs.insert(n.clone());
                scope.frees.insert(n.clone());
            }
        }
    }
    needs
}

/// Drops free variables that no enclosing function binds (they become globals) — top-down.
pub(super) fn settle(
    scope: &mut Scope,
    enclosing_fn_bound: &[IndexSet<RcStr>],
) -> Result<(), (String, Span)> {
    let visible = |n: &RcStr| enclosing_fn_bound.iter().any(|b| b.contains(n));
    let frees: IndexSet<RcStr> = scope.frees.iter().filter(|n| visible(n)).cloned().collect();
    for (n, at) in &scope.nonlocal_at {
        if !visible(n) && scope.first_error.is_none() {
            scope.first_error = Some((format!("no binding for nonlocal '{n}' found"), *at));
        }
    }
    scope.frees = frees;
    if let Some(e) = scope.first_error.take() {
        return Err(e);
    }
    let mut next = enclosing_fn_bound.to_vec();
    if is_fn(scope) {
        let mine: IndexSet<RcStr> = scope
            .bound
            .iter()
            .filter(|n| !scope.globals.contains(*n) && !scope.nonlocals.contains(*n))
            .cloned()
            .chain(scope.frees.iter().cloned())
            .collect();
        next.push(mine);
    } else if scope.kind == Some(ScopeKind::Class) {
        // Class-bound names are invisible to nested functions, but names passed through stay visible.
    }
    for c in &mut scope.children {
        settle(c, &next)?;
    }
    // A cell is only needed if some child actually kept it as free.
    Ok(())
}
