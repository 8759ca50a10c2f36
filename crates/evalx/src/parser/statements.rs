//! Statements: compound statements (`if`, `while`, `for`, `try`, `with`, `def`, `class`), simple statements,
//! assignment targets and their CPython error texts.

use super::*;

impl Parser {
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        self.chain = 0;
        if crate::guard::compile_must_stop() {
            let sp = self.span();
            return Err(self.err_at(crate::guard::STOPPED, sp));
        }
        if matches!(self.tok(), Tok::Indent) {
            let sp = self.span();
            return Err(self.unexpected_indent(sp));
        }
        let start = self.span();
        let kw = if let Tok::Name(n) = self.tok() {
            n.clone()
        } else {
            "".into()
        };
        let kind = match &*kw {
            "if" => {
                self.pos += 1;
                self.if_stmt(start)?
            }
            "while" => {
                self.pos += 1;
                let cond = self.header_test()?;
                let body = self.block("'while' statement", start.line)?;
                let orelse = self.else_block()?;
                StmtKind::While(cond, body, orelse)
            }
            "for" => {
                self.pos += 1;
                let target = self.target_list()?;
                if !self.eat_kw("in") {
                    return Err(self.unexpected());
                }
                let iter = self.exprlist_or_star()?;
                let body = self.block("'for' statement", start.line)?;
                let orelse = self.else_block()?;
                StmtKind::For(target, iter, body, orelse)
            }
            "try" => {
                self.pos += 1;
                self.try_stmt(start)?
            }
            "with" => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    let e = self.test()?;
                    let t = if self.eat_kw("as") {
                        Some(self.target()?)
                    } else {
                        None
                    };
                    items.push((e, t));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                let body = self.block("'with' statement", start.line)?;
                StmtKind::With(items, body)
            }
            "def" => {
                self.pos += 1;
                StmtKind::FuncDef(Rc::new(self.funcdef(Vec::new(), start)?))
            }
            "async" => {
                self.pos += 1;
                if self.eat_kw("def") {
                    let mut f = self.funcdef(Vec::new(), start)?;
                    f.is_async = true;
                    StmtKind::FuncDef(Rc::new(f))
                } else if self.at_kw("for") || self.at_kw("with") {
                    let mut inner = Vec::new();
                    self.statement(&mut inner)?;
                    match inner.pop().map(|s| s.kind) {
                        Some(StmtKind::For(t, i, b, o)) => StmtKind::AsyncFor(t, i, b, o),
                        Some(StmtKind::With(items, b)) => StmtKind::AsyncWith(items, b),
                        _ => return Err(self.unexpected()),
                    }
                } else {
                    return Err(self.unexpected());
                }
            }
            "match" if self.match_ahead() => {
                self.pos += 1;
                self.match_stmt(start)?
            }
            "class" => {
                self.pos += 1;
                StmtKind::ClassDef(Rc::new(self.classdef(Vec::new(), start)?))
            }
            _ if self.at_op("@") => {
                let mut decos = Vec::new();
                while self.eat_op("@") {
                    decos.push(self.named_expr_test()?);
                    if !self.at(&Tok::Newline) {
                        return Err(self.unexpected());
                    }
                    self.pos += 1;
                }
                let s = self.span();
                if self.eat_kw("def") {
                    StmtKind::FuncDef(Rc::new(self.funcdef(decos, s)?))
                } else if self.at_kw("async")
                    && matches!(self.tok_at(1), Tok::Name(n) if &**n == "def")
                {
                    self.pos += 2;
                    let mut f = self.funcdef(decos, s)?;
                    f.is_async = true;
                    StmtKind::FuncDef(Rc::new(f))
                } else if self.eat_kw("class") {
                    StmtKind::ClassDef(Rc::new(self.classdef(decos, s)?))
                } else {
                    return Err(self.unexpected());
                }
            }
            _ => return self.simple_line(out),
        };
        let end = self.prev_span();
        self.room(out)?;
        out.push(Stmt {
            kind,
            span: start.to(end),
        });
        Ok(())
    }

    pub(super) fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let sp = self.span();
        if self.eat_kw("else") {
            self.block("'else' statement", sp.line)
        } else {
            Ok(Vec::new())
        }
    }

    pub(super) fn header_test(&mut self) -> PResult<Expr> {
        self.header = true;
        let r = self.named_expr_test();
        self.header = false;
        r
    }

    pub(super) fn if_stmt(&mut self, start: Span) -> PResult<StmtKind> {
        let cond = self.header_test()?;
        let body = self.block("'if' statement", start.line)?;
        let sp = self.span();
        let orelse = if self.eat_kw("elif") {
            let k = self.if_stmt_elif(sp)?;
            vec![Stmt {
                kind: k,
                span: sp.to(self.prev_span()),
            }]
        } else if self.eat_kw("else") {
            self.block("'else' statement", sp.line)?
        } else {
            Vec::new()
        };
        Ok(StmtKind::If(cond, body, orelse))
    }
    pub(super) fn if_stmt_elif(&mut self, start: Span) -> PResult<StmtKind> {
        let cond = self.header_test()?;
        let body = self.block("'elif' statement", start.line)?;
        let sp = self.span();
        let orelse = if self.eat_kw("elif") {
            let k = self.if_stmt_elif(sp)?;
            vec![Stmt {
                kind: k,
                span: sp.to(self.prev_span()),
            }]
        } else if self.eat_kw("else") {
            self.block("'else' statement", sp.line)?
        } else {
            Vec::new()
        };
        Ok(StmtKind::If(cond, body, orelse))
    }

    pub(super) fn try_stmt(&mut self, start: Span) -> PResult<StmtKind> {
        let body = self.block("'try' statement", start.line)?;
        let mut handlers = Vec::new();
        let mut stars: Vec<super::exceptstar::StarClause> = Vec::new();
        loop {
            let sp = self.span();
            if !self.eat_kw("except") {
                break;
            }
            let star = self.at_op("*");
            if (star && !handlers.is_empty()) || (!star && !stars.is_empty()) {
                let mut esp = sp;
                esp.end_col = sp.col + if star { 7 } else { 6 };
                return Err(self.err_at(
                    "cannot have both 'except' and 'except*' on the same 'try'",
                    esp,
                ));
            }
            if star {
                self.pos += 1;
                if self.at_op(":") {
                    let c = self.span();
                    return Err(self.err_at("expected one or more exception types", c));
                }
            }
            let (typ, name) = if self.at_op(":") {
                (None, None)
            } else {
                let t = self.test()?;
                let t = if self.at_op(",") {
                    let mut items = vec![t];
                    while self.eat_op(",") {
                        if self.at_op(":") || self.at_kw("as") {
                            break;
                        }
                        items.push(self.test()?);
                    }
                    let s = items[0].span.to(self.prev_span());
                    let _ = s;
                    return Err(self.err_at(
                        "multiple exception types must be parenthesized",
                        items[0].span,
                    ));
                } else {
                    t
                };
                let name = if self.eat_kw("as") {
                    Some(self.name()?)
                } else {
                    None
                };
                (Some(t), name)
            };
            let hb = self.block(
                if star {
                    "'except*' statement"
                } else {
                    "'except' statement"
                },
                sp.line,
            )?;
            if star {
                if let Some(bad) = super::exceptstar::leaving(&hb, false) {
                    return Err(self.err_at(
                        "'break', 'continue' and 'return' cannot appear in an except* block",
                        bad,
                    ));
                }
                if let Some(typ) = typ {
                    stars.push(super::exceptstar::StarClause {
                        typ,
                        name,
                        body: hb,
                    });
                }
                continue;
            }
            handlers.push(Handler {
                typ,
                name,
                body: hb,
                span: sp,
            });
        }
        let orelse = if !handlers.is_empty() || !stars.is_empty() {
            self.else_block()?
        } else {
            Vec::new()
        };
        let sp = self.span();
        let finalbody = if self.eat_kw("finally") {
            self.block("'finally' statement", sp.line)?
        } else {
            Vec::new()
        };
        if !stars.is_empty() {
            return Ok(super::exceptstar::lower(
                body, stars, orelse, finalbody, start,
            ));
        }
        if handlers.is_empty() && finalbody.is_empty() {
            // CPython points at the statement that follows, or past the block's end at the end of input.
            if !matches!(self.tok(), Tok::Eof | Tok::Dedent | Tok::Newline) {
                let sp = self.span();
                return Err(self.err_at("expected 'except' or 'finally' block", sp));
            }
            let mut k = self.pos.saturating_sub(1);
            while k > 0 && matches!(self.toks[k].tok, Tok::Newline | Tok::Dedent | Tok::Indent) {
                k -= 1;
            }
            let p = self.toks[k].span;
            let sp = Span {
                line: p.end_line,
                col: p.end_col,
                end_line: p.end_line,
                end_col: p.end_col,
            };
            return Err(self.err_at("expected 'except' or 'finally' block", sp));
        }
        Ok(StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        })
    }

    pub(super) fn funcdef(&mut self, decorators: Vec<Expr>, start: Span) -> PResult<FuncDef> {
        let name = self.name()?;
        self.expect_op("(")?;
        self.brackets += 1;
        let mut params = self.params(")")?;
        self.brackets -= 1;
        self.expect_op(")")?;
        if self.eat_op("->") {
            let a = self.annotation()?;
            params.annotations.push(("return".into(), a));
        }
        let body = self.block("function definition", start.line)?;
        let doc = docstring(&body);
        Ok(FuncDef {
            name,
            params,
            body,
            decorators,
            is_lambda: false,
            is_async: false,
            span: start,
            doc,
        })
    }

    /// An annotation: the expression, or under `from __future__ import annotations` its text.
    pub(super) fn annotation(&mut self) -> PResult<Expr> {
        let e = self.test()?;
        if !self.future_annotations {
            return Ok(e);
        }
        if let Some((mut at, msg)) = super::unparse::annotation_error(&e) {
            // A parenthesised `await`/`:=` spans its parentheses here; CPython points inside them.
            let text: Vec<char> = self.line_text(at.line).chars().collect();
            if at.line == at.end_line
                && text.get(at.col as usize) == Some(&'(')
                && at.end_col >= 2
                && text.get(at.end_col as usize - 1) == Some(&')')
            {
                at.col += 1;
                at.end_col -= 1;
            }
            return Err(self.err_at(msg, at));
        }
        let sp = e.span;
        // CPython's normalised text of the expression, not its source (`dict[str,int]` is
        // `'dict[str, int]'`).
        let text = super::unparse::unparse(&e);
        Ok(Expr {
            kind: ExprKind::Const(Const::Str(text.into())),
            span: sp,
        })
    }

    pub(super) fn params(&mut self, close: &str) -> PResult<Params> {
        let mut p = Params::default();
        let mut seen_default = false;
        let mut star = false;
        let mut star_at = Span::default();
        let annotate = close == ")";
        while !self.at_op(close) {
            if self.eat_op("**") {
                p.kwarg = Some(self.name()?);
                if annotate && self.eat_op(":") {
                    let a = self.annotation()?;
                    if let Some(n) = &p.kwarg {
                        p.annotations.push((n.clone(), a));
                    }
                }
                self.eat_op(",");
                if !self.at_op(close) {
                    let sp = self.span();
                    return Err(self.err_at("arguments cannot follow var-keyword argument", sp));
                }
                break;
            }
            if self.eat_op("*") {
                if star {
                    let sp = self.prev_span();
                    return Err(self.err_at("* argument may appear only once", sp));
                }
                star = true;
                star_at = self.prev_span();
                if !self.at_op(",") && !self.at_op(close) {
                    p.vararg = Some(self.name()?);
                    if annotate && self.eat_op(":") {
                        let a = self.annotation()?;
                        if let Some(n) = &p.vararg {
                            p.annotations.push((n.clone(), a));
                        }
                    }
                }
            } else if self.eat_op("/") {
                if star || p.posonly > 0 || p.args.is_empty() {
                    let sp = self.prev_span();
                    return Err(self.err_at("invalid syntax", sp));
                }
                p.posonly = p.args.len();
            } else {
                let nsp = self.span();
                let name = self.name()?;
                if annotate && self.eat_op(":") {
                    let a = self.annotation()?;
                    p.annotations.push((name.clone(), a));
                }
                let default = if self.eat_op("=") {
                    Some(self.test()?)
                } else {
                    None
                };
                if p.args.iter().chain(&p.kwonly).any(|a| a.name == name)
                    || p.vararg.as_ref() == Some(&name)
                {
                    let mut e = self.err_noline(
                        format!("duplicate argument '{name}' in function definition"),
                        nsp,
                    );
                    e.symtable = true;
                    return Err(e);
                }
                if star {
                    p.kwonly.push(Param { name, default });
                } else {
                    if default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return Err(
                            self.err_at("non-default argument follows default argument", nsp)
                        );
                    }
                    p.args.push(Param { name, default });
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        if star && p.vararg.is_none() && p.kwonly.is_empty() {
            return Err(self.err_at("named arguments must follow bare *", star_at));
        }
        Ok(p)
    }

    pub(super) fn classdef(&mut self, decorators: Vec<Expr>, start: Span) -> PResult<ClassDef> {
        let name = self.name()?;
        let mut bases = Vec::new();
        if self.eat_op("(") {
            self.brackets += 1;
            bases = self.call_args()?;
            self.brackets -= 1;
            self.expect_op(")")?;
        }
        let body = self.block("class definition", start.line)?;
        let doc = docstring(&body);
        Ok(ClassDef {
            name,
            bases,
            body,
            decorators,
            span: start,
            doc,
        })
    }

    /// Simple statements separated by `;` up to the end of the line.
    pub(super) fn simple_line(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let start = self.span();
            let kind = self.simple_stmt()?;
            let end = self.prev_span();
            self.room(out)?;
            out.push(Stmt {
                kind,
                span: start.to(end),
            });
            if self.eat_op(";") {
                if self.at(&Tok::Newline) {
                    break;
                }
                continue;
            }
            break;
        }
        if self.at(&Tok::Newline) {
            self.pos += 1;
            Ok(())
        } else if self.at(&Tok::Eof) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    pub(super) fn simple_stmt(&mut self) -> PResult<StmtKind> {
        let start = self.span();
        let kw = if let Tok::Name(n) = self.tok() {
            n.clone()
        } else {
            "".into()
        };
        Ok(match &*kw {
            "pass" => {
                self.pos += 1;
                StmtKind::Pass
            }
            "break" => {
                self.pos += 1;
                StmtKind::Break
            }
            "continue" => {
                self.pos += 1;
                StmtKind::Continue
            }
            "return" => {
                self.pos += 1;
                if self.at_stmt_end() {
                    StmtKind::Return(None)
                } else {
                    StmtKind::Return(Some(self.exprlist_or_star()?))
                }
            }
            "raise" => {
                self.pos += 1;
                if self.at_stmt_end() {
                    StmtKind::Raise(None, None)
                } else {
                    let e = self.test()?;
                    let cause = if self.eat_kw("from") {
                        Some(self.test()?)
                    } else {
                        None
                    };
                    StmtKind::Raise(Some(e), cause)
                }
            }
            "global" | "nonlocal" => {
                self.pos += 1;
                let mut names = vec![self.name()?];
                while self.eat_op(",") {
                    names.push(self.name()?);
                }
                if &*kw == "global" {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            "del" => {
                self.pos += 1;
                let mut targets = vec![self.del_target()?];
                while self.eat_op(",") {
                    if self.at_stmt_end() {
                        break;
                    }
                    targets.push(self.del_target()?);
                }
                StmtKind::Del(targets)
            }
            "assert" => {
                self.pos += 1;
                let t = self.test()?;
                let msg = if self.eat_op(",") {
                    Some(self.test()?)
                } else {
                    None
                };
                StmtKind::Assert(t, msg)
            }
            "import" => {
                self.pos += 1;
                let mut names = Vec::new();
                loop {
                    let n = self.dotted_name()?;
                    let a = if self.eat_kw("as") {
                        Some(self.name()?)
                    } else {
                        None
                    };
                    names.push((n, a));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            "from" => {
                self.pos += 1;
                // `from .mod import x`: one leading dot per level, kept in the name (resolved at run time
                // against the importing module's package).
                let mut dots = String::new();
                loop {
                    if self.eat_op(".") {
                        dots.push('.');
                    } else if self.eat_op("...") {
                        dots.push_str("...");
                    } else {
                        break;
                    }
                }
                let m: RcStr = if !dots.is_empty() && self.at_kw("import") {
                    dots.into()
                } else {
                    format!("{dots}{}", self.dotted_name()?).into()
                };
                if !self.eat_kw("import") {
                    return Err(self.unexpected());
                }
                let mut names = Vec::new();
                if self.eat_op("*") {
                    names.push(("*".into(), None));
                } else {
                    let paren = self.eat_op("(");
                    loop {
                        let n = self.name()?;
                        let a = if self.eat_kw("as") {
                            Some(self.name()?)
                        } else {
                            None
                        };
                        names.push((n, a));
                        if !self.eat_op(",") {
                            break;
                        }
                        if paren && self.at_op(")") {
                            break;
                        }
                    }
                    if paren {
                        self.expect_op(")")?;
                    }
                }
                if &*m == "__future__" && names.iter().any(|(n, _)| &**n == "annotations") {
                    self.future_annotations = true;
                }
                StmtKind::ImportFrom(m, names)
            }
            _ => return self.expr_stmt(start),
        })
    }

    pub(super) fn at_stmt_end(&self) -> bool {
        matches!(self.tok(), Tok::Newline | Tok::Eof) || self.at_op(";")
    }

    pub(super) fn dotted_name(&mut self) -> PResult<RcStr> {
        let mut s = self.name()?.to_string();
        while self.eat_op(".") {
            s.push('.');
            s.push_str(&self.name()?);
        }
        Ok(s.into())
    }

    pub(super) fn del_target(&mut self) -> PResult<Expr> {
        let e = self.expr()?;
        self.check_target(&e, "delete")?;
        Ok(e)
    }

    pub(super) fn expr_stmt(&mut self, start: Span) -> PResult<StmtKind> {
        // `print 'hi'` gets CPython's hint.
        if self.at_kw("print")
            && matches!(
                self.tok_at(1),
                Tok::Str(_)
                    | Tok::Name(_)
                    | Tok::Int(_)
                    | Tok::Float(_)
                    | Tok::Imag(_)
                    | Tok::FStr(_)
            )
        {
            let end = self.toks[self.pos + 1].span;
            let mut sp = start.to(end);
            let mut k = self.pos + 1;
            while !matches!(self.toks[k].tok, Tok::Newline | Tok::Eof) {
                sp.end_col = self.toks[k].span.end_col;
                k += 1;
            }
            return Err(self.err_at(
                "Missing parentheses in call to 'print'. Did you mean print(...)?",
                sp,
            ));
        }
        let k0 = self.pos;
        let first = if self.at_kw("yield") {
            self.yield_expr()?
        } else {
            self.exprlist_or_star()?
        };
        // An unparenthesized `x := 1` is no statement: CPython's error is at the `:=`.
        if matches!(first.kind, ExprKind::NamedExpr(..))
            && let Some(t) = self.toks.get(k0 + 1)
            && matches!(t.tok, Tok::Op(":="))
        {
            return Err(self.err_at("invalid syntax", t.span));
        }
        if self.at_op(":") {
            self.pos += 1;
            if !matches!(
                first.kind,
                ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Subscript(..)
            ) {
                let what = match first.kind {
                    ExprKind::Tuple(_) => "only single target (not tuple) can be annotated",
                    ExprKind::List(_) => "only single target (not list) can be annotated",
                    _ => "illegal target for annotation",
                };
                return Err(self.err_at(what, first.span));
            }
            let ann = self.annotation()?;
            let value = if self.eat_op("=") {
                Some(self.exprlist_or_star_yield()?)
            } else {
                None
            };
            return Ok(StmtKind::AnnAssign(first, ann, value));
        }
        if let Tok::Op(o) = self.tok() {
            if let Some(&(_, bop)) = AUG.iter().find(|(s, _)| s == o) {
                if matches!(&first.kind, ExprKind::Name(n) | ExprKind::Attr(_, n) if &**n == "__debug__")
                {
                    return Err(self.err_noline("cannot assign to __debug__", first.span));
                }
                if !matches!(
                    first.kind,
                    ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Subscript(..)
                ) {
                    return Err(self.err_at(
                        format!(
                            "'{}' is an illegal expression for augmented assignment",
                            aug_name(&first)
                        ),
                        first.span,
                    ));
                }
                self.pos += 1;
                let value = self.exprlist_or_star_yield()?;
                return Ok(StmtKind::AugAssign(first, bop, value));
            }
        }
        if self.at_op("=") {
            let mut targets = vec![first];
            let mut value;
            loop {
                self.pos += 1;
                value = self.exprlist_or_star_yield()?;
                if !self.at_op("=") {
                    break;
                }
                targets.push(value);
            }
            // The expression right before a lone `=`: the target, or the last item of an
            // unparenthesized tuple target.
            let hint = match targets.as_slice() {
                [t] => match &t.kind {
                    ExprKind::Tuple(items)
                        if self.line_text(t.span.line).chars().nth(t.span.col as usize)
                            != Some('(') =>
                    {
                        items.last().map(|i| match &i.kind {
                            ExprKind::Starred(inner) => inner.span,
                            _ => i.span,
                        })
                    }
                    _ => Some(t.span),
                },
                _ => None,
            };
            for t in &targets {
                self.check_target_hint(t, "assign", hint)?;
            }
            return Ok(StmtKind::Assign(targets, value));
        }
        Ok(StmtKind::Expr(first))
    }

    /// Checks that `e` can be assigned to (or deleted), with CPython's messages.
    pub(super) fn check_target(&self, e: &Expr, verb: &str) -> PResult<()> {
        self.check_target_hint(e, verb, None)
    }

    /// [`Self::check_target`] for an assignment statement's target; `hint` is the span of the expression
    /// right before its `=` (with one `=`), which CPython's `invalid_named_expression` rule reports with
    /// "here. Maybe you meant '==' instead of '='?".
    pub(super) fn check_target_hint(
        &self,
        e: &Expr,
        verb: &str,
        hint: Option<Span>,
    ) -> PResult<()> {
        match &e.kind {
            ExprKind::Name(n) => {
                if verb == "assign" && &**n == "__debug__" {
                    return Err(self.err_noline("cannot assign to __debug__", e.span));
                }
                Ok(())
            }
            ExprKind::Attr(_, n) if verb == "assign" && &**n == "__debug__" => {
                Err(self.err_noline("cannot assign to __debug__", e.span))
            }
            ExprKind::Attr(..) | ExprKind::Subscript(..) => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut stars = 0;
                for it in items {
                    if let ExprKind::Starred(inner) = &it.kind {
                        stars += 1;
                        if verb == "delete" {
                            return Err(self.err_at("cannot delete starred", it.span));
                        }
                        self.check_target_hint(inner, verb, hint)?;
                    } else {
                        self.check_target_hint(it, verb, hint)?;
                    }
                }
                if stars > 1 {
                    return Err(
                        self.err_noline("multiple starred expressions in assignment", e.span)
                    );
                }
                Ok(())
            }
            ExprKind::Starred(_) => Err(self.err_noline(
                "starred assignment target must be in a list or tuple",
                e.span,
            )),
            _ => {
                let what = expr_kind_name(e);
                // A `bitwise_or` that is not `True`/`None`/`False`, a generator expression, a list
                // or a tuple display.
                let bitwise_or = !matches!(
                    e.kind,
                    ExprKind::Const(Const::None | Const::True | Const::False)
                        | ExprKind::Compare(..)
                        | ExprKind::UnaryOp(UnOp::Not, _)
                        | ExprKind::And(..)
                        | ExprKind::Or(..)
                        | ExprKind::Lambda(_)
                        | ExprKind::IfExp(..)
                        | ExprKind::GenExp(..)
                );
                // A yield not in parentheses (`x = yield = 1`).
                let bare_yield = matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_))
                    && self
                        .line_text(e.span.line)
                        .chars()
                        .take(e.span.col as usize)
                        .filter(|c| !c.is_whitespace())
                        .last()
                        != Some('(');
                let msg = if verb == "assign" && bare_yield {
                    "assignment to yield expression not possible".to_string()
                } else if verb == "assign" {
                    if hint == Some(e.span) && bitwise_or {
                        format!(
                            "cannot assign to {what} here. Maybe you meant '==' instead of '='?"
                        )
                    } else {
                        format!("cannot assign to {what}")
                    }
                } else {
                    format!("cannot delete {what}")
                };
                Err(self.err_at(msg, e.span))
            }
        }
    }

    pub(super) fn target(&mut self) -> PResult<Expr> {
        let e = self.expr()?;
        self.check_target(&e, "assign")?;
        Ok(e)
    }

    /// The target list of a `for` (or a comprehension), stopping before `in`.
    pub(super) fn target_list(&mut self) -> PResult<Expr> {
        let start = self.span();
        let mut items = Vec::new();
        let mut trailing;
        loop {
            let e = if self.at_op("*") {
                let s = self.span();
                self.pos += 1;
                let inner = self.or_expr()?;
                let sp = s.to(inner.span);
                Expr {
                    kind: ExprKind::Starred(Box::new(inner)),
                    span: sp,
                }
            } else {
                self.or_expr()?
            };
            items.push(e);
            trailing = false;
            if !self.eat_op(",") {
                break;
            }
            trailing = true;
            if self.at_kw("in") {
                break;
            }
        }
        let e = if items.len() == 1 && !trailing {
            items.pop().unwrap_or_else(|| Expr {
                kind: ExprKind::Tuple(Vec::new()),
                span: start,
            })
        } else {
            Expr {
                kind: ExprKind::Tuple(items),
                span: start.to(self.prev_span()),
            }
        };
        self.check_target(&e, "assign")?;
        Ok(e)
    }
}
