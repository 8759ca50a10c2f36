//! Atoms: names, numbers, string and f-string literals, parenthesised forms and the list, dict and set displays.

use super::*;

impl Parser {
    pub(super) fn atom(&mut self) -> PResult<Expr> {
        let sp = self.span();
        let t = self.tok().clone();
        let k = match t {
            Tok::Int(i) => ExprKind::Const(Const::Int(i)),
            Tok::BigInt(b) => ExprKind::Const(Const::BigInt(b)),
            Tok::Float(f) => ExprKind::Const(Const::Float(f)),
            Tok::Imag(f) => ExprKind::Const(Const::Imag(f)),
            Tok::Str(_) | Tok::FStr(_) | Tok::Bytes(_) => return self.strings(),
            Tok::Name(n) => match &*n {
                "None" => ExprKind::Const(Const::None),
                "True" => ExprKind::Const(Const::True),
                "False" => ExprKind::Const(Const::False),
                "yield" => {
                    return Err(self.err_at("'yield' outside function", sp));
                }
                _ if KEYWORDS.contains(&&*n) => return Err(self.unexpected()),
                _ => ExprKind::Name(n),
            },
            Tok::Op("...") => ExprKind::Const(Const::Ellipsis),
            Tok::Op("(") => return self.paren(),
            Tok::Op("[") => return self.list_display(),
            Tok::Op("{") => return self.dict_or_set(),
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        Ok(Expr { kind: k, span: sp })
    }

    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let start = self.span();
        let mut parts: Vec<FPart> = Vec::new();
        let mut is_f = false;
        let mut bytes: Option<Vec<u8>> = None;
        let mut is_str = false;
        loop {
            let t = self.tok().clone();
            match t {
                Tok::Str(s) => {
                    is_str = true;
                    push_lit(&mut parts, &s);
                }
                Tok::FStr(pieces) => {
                    is_f = true;
                    is_str = true;
                    let sp = self.span();
                    self.fpieces(&pieces, &mut parts, sp)?;
                }
                Tok::Bytes(b) => bytes.get_or_insert_with(Vec::new).extend(b),
                _ => break,
            }
            self.pos += 1;
        }
        let sp = start.to(self.prev_span());
        if bytes.is_some() && is_str {
            return Err(self.err_at("cannot mix bytes and nonbytes literals", sp));
        }
        if let Some(b) = bytes {
            return Ok(Expr {
                kind: ExprKind::Const(Const::Bytes(b.into())),
                span: sp,
            });
        }
        if !is_f {
            let s = match parts.pop() {
                Some(FPart::Lit(s)) => s,
                _ => "".into(),
            };
            return Ok(Expr {
                kind: ExprKind::Const(Const::Str(s)),
                span: sp,
            });
        }
        Ok(Expr {
            kind: ExprKind::FString(parts),
            span: sp,
        })
    }

    pub(super) fn fpieces(
        &mut self,
        pieces: &[FPiece],
        out: &mut Vec<FPart>,
        sp: Span,
    ) -> PResult<()> {
        for p in pieces {
            match p {
                FPiece::Lit(s) => push_lit(out, s),
                FPiece::Field {
                    src,
                    line,
                    col,
                    conv,
                    spec,
                    debug_text,
                } => {
                    if let Some(t) = debug_text {
                        push_lit(out, t);
                    }
                    let wrapped = format!("({src})");
                    // `placed`: the field's nodes get their positions in the file (the source starts at
                    // `line`:`col`; in `wrapped` it starts at 1:1), so tracebacks point inside the
                    // f-string as CPython's do. Errors keep the positions CPython 3.11 gives them, which
                    // are within the parenthesised field, so a failed parse is redone unplaced.
                    let parse = |placed: bool| -> PResult<Expr> {
                        let mut sub = Parser::new(&wrapped).map_err(|mut e| {
                            e.msg = format!("f-string: {}", e.msg);
                            e.lineno = sp.line;
                            e
                        })?;
                        if placed {
                            for t in &mut sub.toks {
                                place(&mut t.span, *line, *col);
                            }
                        }
                        let e = sub.exprlist_or_star().map_err(|mut e| {
                            e.msg = format!("f-string: {}", e.msg);
                            e.lineno = sp.line;
                            e.text = self.line_nl(sp.line);
                            e
                        })?;
                        while sub.at(&Tok::Newline) {
                            sub.pos += 1;
                        }
                        if !sub.at(&Tok::Eof) {
                            return Err(self.err_at("f-string: invalid syntax", sp));
                        }
                        let mut e = e;
                        // The added parentheses are not in the file: the field is what they enclose.
                        if placed && e.span.line == *line && e.span.col + 1 == *col {
                            e.span.col += 1;
                            e.span.end_col = e.span.end_col.saturating_sub(1);
                        }
                        Ok(e)
                    };
                    let e = match parse(*line > 0) {
                        Ok(e) => e,
                        Err(placed_err) => {
                            let mut e = parse(false).map_err(|_| placed_err)?;
                            relocate(&mut e, sp);
                            e
                        }
                    };
                    let mut spec_parts = Vec::new();
                    self.fpieces(spec, &mut spec_parts, sp)?;
                    out.push(FPart::Field {
                        expr: Box::new(e),
                        conv: *conv,
                        spec: spec_parts,
                    });
                }
            }
        }
        Ok(())
    }

    pub(super) fn paren(&mut self) -> PResult<Expr> {
        let start = self.span();
        self.pos += 1;
        self.brackets += 1;
        let r = self.paren_inner(start);
        self.brackets -= 1;
        r
    }
    pub(super) fn paren_inner(&mut self, start: Span) -> PResult<Expr> {
        if self.eat_op(")") {
            return Ok(Expr {
                kind: ExprKind::Tuple(Vec::new()),
                span: start.to(self.prev_span()),
            });
        }
        if self.at_kw("yield") {
            let e = self.yield_expr()?;
            self.expect_op(")")?;
            return Ok(e);
        }
        let first = self.star_or_test()?;
        if self.at_comp_for() {
            let gens = self.comp_fors()?;
            let end = self.expect_op(")")?;
            return Ok(Expr {
                kind: ExprKind::GenExp(Box::new(first), gens),
                span: start.to(end),
            });
        }
        if self.eat_op(")") {
            if let ExprKind::Starred(_) = first.kind {
                return Err(self.err_at("cannot use starred expression here", first.span));
            }
            let mut e = first;
            e.span = start.to(self.prev_span());
            return Ok(e);
        }
        let (items, end) = self.display_items(first, ")")?;
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            span: start.to(end),
        })
    }

    /// The rest of a tuple, list or set display after its first item: more comma-separated items (a
    /// trailing comma allowed) up to `close`; returns them with the closer's span.
    pub(super) fn display_items(&mut self, first: Expr, close: &str) -> PResult<(Vec<Expr>, Span)> {
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(close) {
                break;
            }
            let e = self.star_or_test()?;
            self.room(&mut items)?;
            items.push(e);
        }
        let end = self.expect_op(close)?;
        Ok((items, end))
    }

    pub(super) fn list_display(&mut self) -> PResult<Expr> {
        let start = self.span();
        self.pos += 1;
        self.brackets += 1;
        let r = (|| {
            if self.eat_op("]") {
                return Ok(Expr {
                    kind: ExprKind::List(Vec::new()),
                    span: start.to(self.prev_span()),
                });
            }
            let first = self.star_or_test()?;
            if self.at_comp_for() {
                let gens = self.comp_fors()?;
                let end = self.expect_op("]")?;
                return Ok(Expr {
                    kind: ExprKind::ListComp(Box::new(first), gens),
                    span: start.to(end),
                });
            }
            let (items, end) = self.display_items(first, "]")?;
            Ok(Expr {
                kind: ExprKind::List(items),
                span: start.to(end),
            })
        })();
        self.brackets -= 1;
        r
    }

    pub(super) fn dict_or_set(&mut self) -> PResult<Expr> {
        let start = self.span();
        self.pos += 1;
        self.brackets += 1;
        let r = self.dict_or_set_inner(start);
        self.brackets -= 1;
        r
    }
    pub(super) fn dict_or_set_inner(&mut self, start: Span) -> PResult<Expr> {
        if self.eat_op("}") {
            return Ok(Expr {
                kind: ExprKind::Dict(Vec::new()),
                span: start.to(self.prev_span()),
            });
        }
        if self.eat_op("**") {
            let v = self.or_expr()?;
            let mut items = vec![(None, v)];
            self.dict_rest(&mut items)?;
            let end = self.expect_op("}")?;
            return Ok(Expr {
                kind: ExprKind::Dict(items),
                span: start.to(end),
            });
        }
        let first = self.star_or_test()?;
        if self.eat_op(":") {
            let v = self.test()?;
            if self.at_comp_for() {
                let gens = self.comp_fors()?;
                let end = self.expect_op("}")?;
                return Ok(Expr {
                    kind: ExprKind::DictComp(Box::new(first), Box::new(v), gens),
                    span: start.to(end),
                });
            }
            let mut items = vec![(Some(first), v)];
            self.dict_rest(&mut items)?;
            let end = self.expect_op("}")?;
            return Ok(Expr {
                kind: ExprKind::Dict(items),
                span: start.to(end),
            });
        }
        if self.at_comp_for() {
            let gens = self.comp_fors()?;
            let end = self.expect_op("}")?;
            return Ok(Expr {
                kind: ExprKind::SetComp(Box::new(first), gens),
                span: start.to(end),
            });
        }
        let (items, end) = self.display_items(first, "}")?;
        Ok(Expr {
            kind: ExprKind::Set(items),
            span: start.to(end),
        })
    }
    pub(super) fn dict_rest(&mut self, items: &mut Vec<(Option<Expr>, Expr)>) -> PResult<()> {
        while self.eat_op(",") {
            if self.at_op("}") {
                break;
            }
            if self.eat_op("**") {
                items.push((None, self.or_expr()?));
                continue;
            }
            let k = self.test()?;
            if !self.at_op(":") {
                let sp = k.span;
                return Err(self.err_at("':' expected after dictionary key", sp));
            }
            self.pos += 1;
            let v = self.test()?;
            self.room(items)?;
            items.push((Some(k), v));
        }
        Ok(())
    }
}

/// Moves a span of an f-string field's own parse (whose source starts at 1:1 after the added `(`) to the
/// file, where that source starts at `line`:`col`.
fn place(span: &mut Span, line: u32, col: u32) {
    if span.line == 1 {
        span.col = (span.col + col).saturating_sub(1);
    }
    if span.end_line == 1 {
        span.end_col = (span.end_col + col).saturating_sub(1);
    }
    span.line += line - 1;
    span.end_line += line - 1;
}
