//! Expressions by precedence: `yield`, starred lists, `:=`, conditionals, `lambda`, boolean, comparison,
//! binary and unary operators, `**`, calls, subscripts and slices, comprehension clauses.

use super::*;

impl Parser {
    pub(super) fn exprlist_or_star_yield(&mut self) -> PResult<Expr> {
        if self.at_kw("yield") {
            self.yield_expr()
        } else {
            self.exprlist_or_star()
        }
    }

    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.span();
        self.pos += 1;
        if self.eat_kw("from") {
            let e = self.test()?;
            let sp = start.to(e.span);
            return Ok(Expr {
                kind: ExprKind::YieldFrom(Box::new(e)),
                span: sp,
            });
        }
        if self.at_stmt_end()
            || self.at_op(")")
            || self.at_op("]")
            || self.at_op("}")
            || self.at_op("=")
        {
            return Ok(Expr {
                kind: ExprKind::Yield(None),
                span: start,
            });
        }
        let e = self.exprlist_or_star()?;
        let sp = start.to(e.span);
        Ok(Expr {
            kind: ExprKind::Yield(Some(Box::new(e))),
            span: sp,
        })
    }

    /// `a, *b, c` — a tuple when there is a comma.
    pub(super) fn exprlist_or_star(&mut self) -> PResult<Expr> {
        let start = self.span();
        let first = self.star_or_test()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_stmt_end()
                || self.at_op("=")
                || self.at_op(")")
                || self.at_op(":")
                || self.at(&Tok::Newline)
                || self.at_kw("in")
                || self.at_op("]")
                || self.at_op("}")
                || AUG.iter().any(|(s, _)| self.at_op(s))
            {
                break;
            }
            let e = self.star_or_test()?;
            self.room(&mut items)?;
            items.push(e);
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            span: start.to(self.prev_span()),
        })
    }

    pub(super) fn star_or_test(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let s = self.span();
            self.pos += 1;
            let e = self.or_expr()?;
            let sp = s.to(e.span);
            return Ok(Expr {
                kind: ExprKind::Starred(Box::new(e)),
                span: sp,
            });
        }
        self.named_expr_test()
    }

    pub(super) fn named_expr_test(&mut self) -> PResult<Expr> {
        if let Tok::Name(n) = self.tok().clone() {
            if matches!(self.tok_at(1), Tok::Op(":=")) && !KEYWORDS.contains(&&*n) {
                let s = self.span();
                self.pos += 2;
                let v = self.test()?;
                let sp = s.to(v.span);
                return Ok(Expr {
                    kind: ExprKind::NamedExpr(n, Box::new(v)),
                    span: sp,
                });
            }
        }
        let e = self.test()?;
        if self.at_op(":=") {
            return Err(self.err_at(
                format!(
                    "cannot use assignment expressions with {}",
                    expr_kind_name(&e)
                ),
                e.span,
            ));
        }
        if self.at_op("=") && (self.brackets > 0 || self.header) {
            if matches!(
                e.kind,
                ExprKind::Name(_) | ExprKind::Attr(..) | ExprKind::Subscript(..)
            ) {
                let eq = self.span();
                return Err(self.err_at(
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    e.span.to(eq),
                ));
            }
        }
        Ok(e)
    }

    pub(super) fn test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.test_inner();
        self.depth -= 1;
        r
    }

    pub(super) fn test_inner(&mut self) -> PResult<Expr> {
        if self.at_kw("lambda") {
            return self.lambda();
        }
        let start = self.span();
        let body = self.or_test()?;
        if self.at_kw("if") {
            self.pos += 1;
            let cond = self.or_test()?;
            if !self.eat_kw("else") {
                let sp = start.to(self.prev_span());
                return Err(self.err_at("expected 'else' after 'if' expression", sp));
            }
            let orelse = self.test()?;
            let sp = start.to(orelse.span);
            return Ok(Expr {
                kind: ExprKind::IfExp(Box::new(cond), Box::new(body), Box::new(orelse)),
                span: sp,
            });
        }
        Ok(body)
    }

    pub(super) fn lambda(&mut self) -> PResult<Expr> {
        let start = self.span();
        self.pos += 1;
        let params = self.params(":")?;
        self.expect_op(":")?;
        let body = self.test()?;
        let sp = start.to(body.span);
        let ret = Stmt {
            kind: StmtKind::Return(Some(body)),
            span: sp,
        };
        let f = FuncDef {
            name: "<lambda>".into(),
            params,
            body: vec![ret],
            decorators: Vec::new(),
            is_lambda: true,
            is_async: false,
            span: sp,
            doc: None,
        };
        Ok(Expr {
            kind: ExprKind::Lambda(Rc::new(f)),
            span: sp,
        })
    }

    pub(super) fn or_test(&mut self) -> PResult<Expr> {
        let start = self.pos;
        let mut l = self.and_test()?;
        while self.eat_kw("or") {
            let r = self.and_test()?;
            let sp = l.span.to(r.span);
            l = Expr {
                kind: ExprKind::Or(Box::new(l), Box::new(r)),
                span: sp,
            };
        }
        self.last_disj = (start, self.pos);
        Ok(l)
    }
    pub(super) fn and_test(&mut self) -> PResult<Expr> {
        let mut l = self.not_test()?;
        while self.eat_kw("and") {
            let r = self.not_test()?;
            let sp = l.span.to(r.span);
            l = Expr {
                kind: ExprKind::And(Box::new(l), Box::new(r)),
                span: sp,
            };
        }
        Ok(l)
    }
    pub(super) fn not_test(&mut self) -> PResult<Expr> {
        if self.at_kw("not") {
            let s = self.span();
            self.pos += 1;
            self.enter()?;
            let e = self.not_test();
            self.depth -= 1;
            let e = e?;
            let sp = s.to(e.span);
            return Ok(Expr {
                kind: ExprKind::UnaryOp(UnOp::Not, Box::new(e)),
                span: sp,
            });
        }
        self.comparison()
    }
    pub(super) fn comparison(&mut self) -> PResult<Expr> {
        let l = self.or_expr()?;
        let mut ops = Vec::new();
        loop {
            let op = match self.tok() {
                Tok::Op("==") => CmpOp::Eq,
                Tok::Op("!=") => CmpOp::Ne,
                Tok::Op("<") => CmpOp::Lt,
                Tok::Op("<=") => CmpOp::Le,
                Tok::Op(">") => CmpOp::Gt,
                Tok::Op(">=") => CmpOp::Ge,
                Tok::Name(n) if &**n == "in" => CmpOp::In,
                Tok::Name(n) if &**n == "is" => {
                    if matches!(self.tok_at(1), Tok::Name(m) if &**m == "not") {
                        self.pos += 1;
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                Tok::Name(n)
                    if &**n == "not" && matches!(self.tok_at(1), Tok::Name(m) if &**m == "in") =>
                {
                    self.pos += 1;
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.pos += 1;
            ops.push((op, self.or_expr()?));
        }
        if ops.is_empty() {
            return Ok(l);
        }
        let sp = l.span.to(ops.last().map(|(_, e)| e.span).unwrap_or(l.span));
        Ok(Expr {
            kind: ExprKind::Compare(Box::new(l), ops),
            span: sp,
        })
    }

    pub(super) fn binary(&mut self, level: u8) -> PResult<Expr> {
        if level == 6 {
            return self.unary();
        }
        let mut l = self.binary(level + 1)?;
        loop {
            let op = match (level, self.tok()) {
                (0, Tok::Op("|")) => BinOp::BitOr,
                (1, Tok::Op("^")) => BinOp::BitXor,
                (2, Tok::Op("&")) => BinOp::BitAnd,
                (3, Tok::Op("<<")) => BinOp::LShift,
                (3, Tok::Op(">>")) => BinOp::RShift,
                (4, Tok::Op("+")) => BinOp::Add,
                (4, Tok::Op("-")) => BinOp::Sub,
                (5, Tok::Op("*")) => BinOp::Mul,
                (5, Tok::Op("/")) => BinOp::Div,
                (5, Tok::Op("//")) => BinOp::FloorDiv,
                (5, Tok::Op("%")) => BinOp::Mod,
                (5, Tok::Op("@")) => BinOp::MatMul,
                _ => break,
            };
            self.pos += 1;
            self.link()?;
            let r = self.binary(level + 1)?;
            let sp = l.span.to(r.span);
            l = Expr {
                kind: ExprKind::BinOp(Box::new(l), op, Box::new(r)),
                span: sp,
            };
        }
        Ok(l)
    }
    pub(super) fn or_expr(&mut self) -> PResult<Expr> {
        self.binary(0)
    }
    pub(super) fn expr(&mut self) -> PResult<Expr> {
        self.binary(0)
    }

    pub(super) fn unary(&mut self) -> PResult<Expr> {
        let op = match self.tok() {
            Tok::Op("-") => Some(UnOp::Neg),
            Tok::Op("+") => Some(UnOp::Pos),
            Tok::Op("~") => Some(UnOp::Invert),
            _ => None,
        };
        if let Some(op) = op {
            let s = self.span();
            self.pos += 1;
            self.enter()?;
            let e = self.unary();
            self.depth -= 1;
            let e = e?;
            let sp = s.to(e.span);
            // Fold negative literals so that -9223372036854775808 stays an i64.
            if op == UnOp::Neg {
                if let ExprKind::Const(Const::Int(i)) = e.kind {
                    if let Some(n) = i.checked_neg() {
                        return Ok(Expr {
                            kind: ExprKind::Const(Const::Int(n)),
                            span: sp,
                        });
                    }
                }
                if let ExprKind::Const(Const::Float(f)) = e.kind {
                    return Ok(Expr {
                        kind: ExprKind::Const(Const::Float(-f)),
                        span: sp,
                    });
                }
            }
            return Ok(Expr {
                kind: ExprKind::UnaryOp(op, Box::new(e)),
                span: sp,
            });
        }
        self.power()
    }

    pub(super) fn power(&mut self) -> PResult<Expr> {
        let base = if self.at_kw("await") {
            let s = self.span();
            self.pos += 1;
            let e = self.primary()?;
            let sp = s.to(e.span);
            Expr {
                kind: ExprKind::Await(Box::new(e)),
                span: sp,
            }
        } else {
            self.primary()?
        };
        if self.eat_op("**") {
            self.enter()?;
            let e = self.unary();
            self.depth -= 1;
            let e = e?;
            let sp = base.span.to(e.span);
            return Ok(Expr {
                kind: ExprKind::BinOp(Box::new(base), BinOp::Pow, Box::new(e)),
                span: sp,
            });
        }
        Ok(base)
    }

    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            if self.at_op("(") || self.at_op("[") || self.at_op(".") {
                self.link()?;
            }
            if self.at_op("(") {
                self.pos += 1;
                self.brackets += 1;
                let args = self.call_args()?;
                let end = self.expect_op(")")?;
                self.brackets -= 1;
                let sp = e.span.to(end);
                e = Expr {
                    kind: ExprKind::Call(Box::new(e), args),
                    span: sp,
                };
            } else if self.at_op("[") {
                self.pos += 1;
                self.brackets += 1;
                let idx = self.subscript()?;
                let end = self.expect_op("]")?;
                self.brackets -= 1;
                let sp = e.span.to(end);
                e = Expr {
                    kind: ExprKind::Subscript(Box::new(e), Box::new(idx)),
                    span: sp,
                };
            } else if self.at_op(".") {
                self.pos += 1;
                let n = self.name()?;
                let sp = e.span.to(self.prev_span());
                e = Expr {
                    kind: ExprKind::Attr(Box::new(e), n),
                    span: sp,
                };
            } else {
                break;
            }
        }
        Ok(e)
    }

    pub(super) fn subscript(&mut self) -> PResult<Expr> {
        let start = self.span();
        let mut items = Vec::new();
        loop {
            items.push(self.slice_item()?);
            if !self.eat_op(",") || self.at_op("]") {
                break;
            }
        }
        if items.len() == 1 && !matches!(self.toks[self.pos - 1].tok, Tok::Op(",")) {
            return Ok(items.pop().unwrap_or_else(|| Expr {
                kind: ExprKind::Tuple(Vec::new()),
                span: start,
            }));
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            span: start.to(self.prev_span()),
        })
    }

    pub(super) fn slice_item(&mut self) -> PResult<Expr> {
        let start = self.span();
        let lower = if self.at_op(":") {
            None
        } else {
            Some(Box::new(self.star_or_test()?))
        };
        if !self.eat_op(":") {
            return lower.map(|b| *b).ok_or_else(|| self.unexpected());
        }
        let upper = if self.at_op(":") || self.at_op("]") || self.at_op(",") {
            None
        } else {
            Some(Box::new(self.test()?))
        };
        let step = if self.eat_op(":") {
            if self.at_op("]") || self.at_op(",") {
                None
            } else {
                Some(Box::new(self.test()?))
            }
        } else {
            None
        };
        Ok(Expr {
            kind: ExprKind::Slice(lower, upper, step),
            span: start.to(self.prev_span()),
        })
    }

    pub(super) fn call_args(&mut self) -> PResult<Vec<Arg>> {
        let mut args = Vec::new();
        let mut seen_kw = false;
        let mut seen_kwunpack = false;
        // The first `**mapping`: CPython points at it when a `*iterable` follows.
        let mut kwunpack_at = None;
        while !self.at_op(")") {
            let sp = self.span();
            if self.eat_op("*") {
                let e = self.test()?;
                if let Some(at) = kwunpack_at {
                    return Err(self.err_at(
                        "iterable argument unpacking follows keyword argument unpacking",
                        at,
                    ));
                }
                args.push(Arg::Star(e));
            } else if self.eat_op("**") {
                seen_kwunpack = true;
                let e = self.test()?;
                kwunpack_at.get_or_insert(sp.to(e.span));
                args.push(Arg::StarStar(e));
            } else if matches!(self.tok(), Tok::Name(_)) && matches!(self.tok_at(1), Tok::Op("=")) {
                let n = self.name()?;
                self.pos += 1;
                seen_kw = true;
                let e = self.test()?;
                if args.iter().any(|a| matches!(a, Arg::Kw(m, _) if *m == n)) {
                    // The compiler's check in CPython: no source line.
                    return Err(
                        self.err_noline(format!("keyword argument repeated: {n}"), sp.to(e.span))
                    );
                }
                args.push(Arg::Kw(n, e));
            } else {
                let e = self.named_expr_test()?;
                if self.at_op("=") {
                    let eq = self.span();
                    return Err(self.err_at(
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                        e.span.to(eq),
                    ));
                }
                let e = if self.at_comp_for() {
                    let gens = self.comp_fors()?;
                    let gsp = e.span.to(self.prev_span());
                    let g = Expr {
                        kind: ExprKind::GenExp(Box::new(e), gens),
                        span: gsp,
                    };
                    if !args.is_empty()
                        || self.at_op(",") && !matches!(self.tok_at(1), Tok::Op(")"))
                    {
                        return Err(self.err_at("Generator expression must be parenthesized", gsp));
                    }
                    g
                } else {
                    e
                };
                if seen_kwunpack {
                    return Err(self.err_at(
                        "positional argument follows keyword argument unpacking",
                        e.span,
                    ));
                }
                if seen_kw {
                    let mut err =
                        self.err_at("positional argument follows keyword argument", e.span);
                    err.offset += 1;
                    err.end_offset += 1;
                    return Err(err);
                }
                self.room(&mut args)?;
                args.push(Arg::Pos(e));
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(args)
    }

    /// At `for` or `async for` (a comprehension clause).
    pub(super) fn at_comp_for(&self) -> bool {
        self.at_kw("for")
            || (self.at_kw("async") && matches!(self.tok_at(1), Tok::Name(n) if &**n == "for"))
    }

    pub(super) fn comp_fors(&mut self) -> PResult<Vec<CompFor>> {
        let mut gens = Vec::new();
        loop {
            let is_async = self.at_kw("async") && self.at_comp_for();
            if is_async {
                self.pos += 1;
            }
            if !self.eat_kw("for") {
                break;
            }
            let target = self.target_list()?;
            if !self.eat_kw("in") {
                return Err(self.unexpected());
            }
            let iter = self.or_test()?;
            let mut ifs = Vec::new();
            while self.at_kw("if") {
                self.pos += 1;
                ifs.push(self.or_test_nocond()?);
            }
            gens.push(CompFor {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        // A comprehension's clauses never suggest a missing comma (CPython cuts after `in`).
        self.last_disj = (usize::MAX, usize::MAX);
        Ok(gens)
    }

    pub(super) fn or_test_nocond(&mut self) -> PResult<Expr> {
        if self.at_kw("lambda") {
            return self.lambda();
        }
        self.or_test()
    }
}
