//! The `match` statement (PEP 634): the soft keywords `match`/`case`, the pattern grammar, and the checks
//! CPython's compiler makes on patterns (unreachable cases, names bound twice or differently in
//! alternatives, repeated keys and attributes), with its SyntaxError texts and positions.

use super::{PResult, Parser};
use crate::ast::*;
use crate::lexer::{Span, Tok};
use crate::thin::RcStr;

impl Parser {
    /// Whether the `match` at the cursor starts a match statement (a subject, a colon and a newline
    /// follow), not an expression using `match` as a name.
    pub(super) fn match_ahead(&mut self) -> bool {
        if matches!(self.tok_at(1), Tok::Newline | Tok::Eof)
            || matches!(self.tok_at(1), Tok::Op(o) if matches!(*o, "=" | "." | ":" | "," | ")" | "]" | "}" | ";")
                || (o.ends_with('=') && !matches!(*o, "==" | "<=" | ">=" | "!=")))
        {
            return false;
        }
        let (pos, br, depth, header, chain) =
            (self.pos, self.brackets, self.depth, self.header, self.chain);
        self.pos += 1;
        let ok = self.match_subject().is_ok() && self.at_op(":");
        let ok = ok && matches!(self.tok_at(1), Tok::Newline);
        self.pos = pos;
        self.brackets = br;
        self.depth = depth;
        self.header = header;
        self.chain = chain;
        ok
    }

    fn match_subject(&mut self) -> PResult<Expr> {
        let start = self.span();
        let first = self.star_or_test()?;
        if !self.at_op(",") {
            if let ExprKind::Starred(_) = first.kind {
                return Err(self.unexpected());
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(":") {
                break;
            }
            items.push(self.star_or_test()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            span: start.to(self.prev_span()),
        })
    }

    /// `match subject: case ...` (the `match` already consumed).
    pub(super) fn match_stmt(&mut self, start: Span) -> PResult<StmtKind> {
        self.header = true;
        let subject = self.match_subject();
        self.header = false;
        let subject = subject?;
        self.expect_colon()?;
        if !self.at(&Tok::Newline) {
            return Err(self.unexpected());
        }
        self.pos += 1;
        if !matches!(self.tok(), Tok::Indent) {
            let sp = self.span();
            return Err(self.err_kind(
                crate::error::SyntaxKind::Indentation,
                format!(
                    "expected an indented block after 'match' statement on line {}",
                    start.line
                ),
                sp,
            ));
        }
        self.pos += 1;
        let mut cases = Vec::new();
        while !matches!(self.tok(), Tok::Dedent | Tok::Eof) {
            let cs = self.span();
            if !self.eat_kw("case") {
                return Err(self.unexpected());
            }
            let pattern = self.patterns()?;
            let guard = if self.eat_kw("if") {
                Some(self.named_expr_test()?)
            } else {
                None
            };
            let body = self.block("'case' statement", cs.line)?;
            cases.push(MatchCase {
                pattern,
                guard,
                body,
                span: cs,
            });
        }
        if matches!(self.tok(), Tok::Dedent) {
            self.pos += 1;
        }
        check_cases(self, &cases)?;
        Ok(StmtKind::Match(subject, cases))
    }

    /// `patterns`: an open sequence (`case a, *b:`) or one pattern.
    fn patterns(&mut self) -> PResult<Pattern> {
        let start = self.span();
        let first = self.maybe_star_pattern()?;
        if !self.at_op(",") {
            if let PatKind::Star(_) = first.kind {
                return Err(self.err_at("invalid syntax", first.span));
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(":") || self.at_kw("if") {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        Ok(Pattern {
            kind: PatKind::Sequence(items),
            span: start.to(self.prev_span()),
        })
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        let start = self.span();
        if self.eat_op("*") {
            let n = self.name()?;
            return Ok(Pattern {
                kind: PatKind::Star(if &*n == "_" { None } else { Some(n) }),
                span: start.to(self.prev_span()),
            });
        }
        self.pattern()
    }

    /// `as_pattern | or_pattern`.
    fn pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let r = self.pattern_inner();
        self.depth -= 1;
        r
    }

    fn pattern_inner(&mut self) -> PResult<Pattern> {
        let start = self.span();
        let p = self.or_pattern()?;
        if self.eat_kw("as") {
            let nsp = self.span();
            let n = self.name()?;
            if &*n == "_" {
                return Err(self.err_at("cannot use '_' as a target", nsp));
            }
            return Ok(Pattern {
                kind: PatKind::As(Box::new(p), n),
                span: start.to(self.prev_span()),
            });
        }
        Ok(p)
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let start = self.span();
        let first = self.closed_pattern()?;
        if !self.at_op("|") {
            return Ok(first);
        }
        let mut alts = vec![first];
        while self.eat_op("|") {
            alts.push(self.closed_pattern()?);
        }
        Ok(Pattern {
            kind: PatKind::Or(alts),
            span: start.to(self.prev_span()),
        })
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let start = self.span();
        let done = |p: &Parser, kind| {
            Ok(Pattern {
                kind,
                span: start.to(p.prev_span()),
            })
        };
        match self.tok().clone() {
            Tok::Op("(") => {
                self.pos += 1;
                self.brackets += 1;
                let r = self.paren_pattern(start);
                self.brackets -= 1;
                r
            }
            Tok::Op("[") => {
                self.pos += 1;
                self.brackets += 1;
                let items = self.pattern_items("]");
                self.brackets -= 1;
                let items = items?;
                done(self, PatKind::Sequence(items))
            }
            Tok::Op("{") => {
                self.pos += 1;
                self.brackets += 1;
                let r = self.mapping_pattern();
                self.brackets -= 1;
                let (items, rest) = r?;
                done(self, PatKind::Mapping(items, rest))
            }
            Tok::Name(n) if matches!(&*n, "None" | "True" | "False") => {
                let e = self.atom()?;
                done(self, PatKind::Singleton(e))
            }
            Tok::Name(n) if !super::KEYWORDS.contains(&&*n) => {
                self.pos += 1;
                let mut e = Expr {
                    kind: ExprKind::Name(n.clone()),
                    span: start,
                };
                let mut dotted = false;
                while self.eat_op(".") {
                    let a = self.name()?;
                    dotted = true;
                    e = Expr {
                        kind: ExprKind::Attr(Box::new(e), a),
                        span: start.to(self.prev_span()),
                    };
                }
                if self.at_op("(") {
                    self.pos += 1;
                    self.brackets += 1;
                    let r = self.class_args();
                    self.brackets -= 1;
                    let (pos, kw) = r?;
                    return done(self, PatKind::Class(e, pos, kw));
                }
                if dotted {
                    return done(self, PatKind::Value(e));
                }
                done(
                    self,
                    PatKind::Capture(if &*n == "_" { None } else { Some(n) }),
                )
            }
            Tok::Int(_)
            | Tok::BigInt(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Op("-")
            | Tok::Str(_)
            | Tok::Bytes(_) => {
                let e = self.literal_expr()?;
                done(self, PatKind::Value(e))
            }
            Tok::FStr(_) => {
                let e = self.strings()?;
                Err(self.err_at(
                    "patterns may only match literals and attribute lookups",
                    e.span,
                ))
            }
            _ => Err(self.unexpected()),
        }
    }

    /// A literal pattern's expression: a (signed) number, or strings; `a + bj` complex literals.
    fn literal_expr(&mut self) -> PResult<Expr> {
        let start = self.span();
        if matches!(self.tok(), Tok::Str(_) | Tok::Bytes(_)) {
            return self.strings();
        }
        let neg = self.eat_op("-");
        let num = match self.tok().clone() {
            Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) | Tok::Imag(_) => self.atom()?,
            _ => return Err(self.unexpected()),
        };
        let (left_imag, left_span) = (
            matches!(num.kind, ExprKind::Const(Const::Imag(_))),
            num.span,
        );
        let mut e = if neg {
            Expr {
                kind: ExprKind::UnaryOp(UnOp::Neg, Box::new(num)),
                span: start.to(self.prev_span()),
            }
        } else {
            num
        };
        if self.at_op("+") || self.at_op("-") {
            let op = if self.at_op("+") {
                BinOp::Add
            } else {
                BinOp::Sub
            };
            self.pos += 1;
            // A sum is a complex literal: a real part, then an imaginary one.
            if left_imag {
                return Err(self.err_at("real number required in complex literal", left_span));
            }
            if !matches!(self.tok(), Tok::Imag(_)) {
                if !matches!(self.tok(), Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_)) {
                    return Err(self.unexpected());
                }
                let sp = self.span();
                let rhs = self.atom()?;
                return Err(self.err_at(
                    "imaginary number required in complex literal",
                    sp.to(rhs.span),
                ));
            }
            let rhs = self.atom()?;
            e = Expr {
                span: start.to(rhs.span),
                kind: ExprKind::BinOp(Box::new(e), op, Box::new(rhs)),
            };
        }
        Ok(e)
    }

    /// After `(`: a group `(p)`, an empty or parenthesised sequence.
    fn paren_pattern(&mut self, start: Span) -> PResult<Pattern> {
        if self.eat_op(")") {
            return Ok(Pattern {
                kind: PatKind::Sequence(Vec::new()),
                span: start.to(self.prev_span()),
            });
        }
        let first = self.maybe_star_pattern()?;
        if self.eat_op(")") {
            if let PatKind::Star(_) = first.kind {
                return Ok(Pattern {
                    kind: PatKind::Sequence(vec![first]),
                    span: start.to(self.prev_span()),
                });
            }
            return Ok(first);
        }
        if !self.at_op(",") {
            return Err(self.unexpected());
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(")") {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        self.expect_op(")")?;
        Ok(Pattern {
            kind: PatKind::Sequence(items),
            span: start.to(self.prev_span()),
        })
    }

    fn pattern_items(&mut self, close: &str) -> PResult<Vec<Pattern>> {
        let mut items = Vec::new();
        while !self.at_op(close) {
            items.push(self.maybe_star_pattern()?);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(close)?;
        Ok(items)
    }

    #[allow(clippy::type_complexity)]
    fn mapping_pattern(&mut self) -> PResult<(Vec<(Expr, Pattern)>, Option<RcStr>)> {
        let mut items = Vec::new();
        let mut rest = None;
        while !self.at_op("}") {
            if self.eat_op("**") {
                let sp = self.span();
                let n = self.name()?;
                if &*n == "_" {
                    return Err(self.err_at("invalid syntax", sp));
                }
                rest = Some(n);
                self.eat_op(",");
                if !self.at_op("}") {
                    let sp = self.span();
                    let mut k = self.pos;
                    while !matches!(self.toks[k].tok, Tok::Op("}") | Tok::Newline | Tok::Eof) {
                        k += 1;
                    }
                    let _ = sp;
                    let sp = self.toks[self.pos - 2].span.to(self.toks[k - 1].span);
                    let _ = sp;
                    return Err(self.unexpected());
                }
                break;
            }
            let key = match self.tok().clone() {
                Tok::Name(n) if matches!(&*n, "None" | "True" | "False") => self.atom()?,
                Tok::Name(n) if !super::KEYWORDS.contains(&&*n) => {
                    let s = self.span();
                    self.pos += 1;
                    let mut e = Expr {
                        kind: ExprKind::Name(n),
                        span: s,
                    };
                    let mut dotted = false;
                    while self.eat_op(".") {
                        let a = self.name()?;
                        dotted = true;
                        e = Expr {
                            kind: ExprKind::Attr(Box::new(e), a),
                            span: s.to(self.prev_span()),
                        };
                    }
                    if !dotted {
                        return Err(self.err_at("invalid syntax", s));
                    }
                    e
                }
                _ => self.literal_expr()?,
            };
            self.expect_op(":")?;
            let p = self.pattern()?;
            items.push((key, p));
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op("}")?;
        Ok((items, rest))
    }

    #[allow(clippy::type_complexity)]
    fn class_args(&mut self) -> PResult<(Vec<Pattern>, Vec<(RcStr, Pattern)>)> {
        let mut pos = Vec::new();
        let mut kw: Vec<(RcStr, Pattern)> = Vec::new();
        while !self.at_op(")") {
            if let Tok::Name(n) = self.tok().clone()
                && matches!(self.tok_at(1), Tok::Op("="))
            {
                self.pos += 2;
                let p = self.pattern()?;
                if kw.iter().any(|(k, _)| *k == n) {
                    return Err(self.err_at(
                        format!("attribute name repeated in class pattern: {n}"),
                        p.span,
                    ));
                }
                kw.push((n, p));
            } else {
                let p = self.pattern()?;
                if !kw.is_empty() {
                    return Err(self.err_at("positional patterns follow keyword patterns", p.span));
                }
                pos.push(p);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok((pos, kw))
    }
}

/// Whether a pattern always matches (a capture, the wildcard, or an OR holding one).
pub(crate) fn irrefutable(p: &Pattern) -> bool {
    match &p.kind {
        PatKind::Capture(_) => true,
        PatKind::As(inner, _) => irrefutable(inner),
        PatKind::Or(alts) => alts.iter().any(irrefutable),
        _ => false,
    }
}

/// CPython's compile-time checks over a match statement's cases.
fn check_cases(p: &Parser, cases: &[MatchCase]) -> PResult<()> {
    for (i, c) in cases.iter().enumerate() {
        let mut names = Vec::new();
        check_pattern(p, &c.pattern, &mut names)?;
        if i + 1 < cases.len() && c.guard.is_none() && irrefutable(&c.pattern) {
            let (msg, sp) = unreachable_msg(&c.pattern);
            return Err(p.err_at(msg, sp));
        }
    }
    Ok(())
}

fn unreachable_msg(pat: &Pattern) -> (String, Span) {
    match &pat.kind {
        PatKind::Capture(Some(n)) => (
            format!("name capture '{n}' makes remaining patterns unreachable"),
            pat.span,
        ),
        PatKind::Capture(None) => (
            "wildcard makes remaining patterns unreachable".to_string(),
            pat.span,
        ),
        PatKind::As(inner, _) => unreachable_msg(inner),
        PatKind::Or(alts) => alts
            .iter()
            .find(|a| irrefutable(a))
            .map(unreachable_msg)
            .unwrap_or_default(),
        _ => (String::new(), pat.span),
    }
}

fn bind(p: &Parser, names: &mut Vec<RcStr>, n: &RcStr, sp: Span) -> PResult<()> {
    if names.contains(n) {
        return Err(p.err_at(format!("multiple assignments to name '{n}' in pattern"), sp));
    }
    names.push(n.clone());
    Ok(())
}

/// Collects the names a pattern binds, checking the rules CPython's compiler enforces.
fn check_pattern(p: &Parser, pat: &Pattern, names: &mut Vec<RcStr>) -> PResult<()> {
    match &pat.kind {
        PatKind::Value(_)
        | PatKind::Singleton(_)
        | PatKind::Capture(None)
        | PatKind::Star(None) => Ok(()),
        PatKind::Capture(Some(n)) | PatKind::Star(Some(n)) => {
            let sp = if let PatKind::Star(_) = pat.kind {
                Span {
                    col: pat.span.col + 1,
                    ..pat.span
                }
            } else {
                pat.span
            };
            bind(p, names, n, sp)
        }
        PatKind::Sequence(items) => {
            if items
                .iter()
                .filter(|i| matches!(i.kind, PatKind::Star(_)))
                .count()
                > 1
            {
                return Err(p.err_noline("multiple starred names in sequence pattern", pat.span));
            }
            items.iter().try_for_each(|i| check_pattern(p, i, names))
        }
        PatKind::Mapping(items, rest) => {
            let mut seen: Vec<&Expr> = Vec::new();
            for (k, v) in items {
                if matches!(k.kind, ExprKind::Const(_)) {
                    if let Some(_prev) = seen.iter().find(|s| s.kind == k.kind) {
                        return Err(p.err_at(
                            format!("mapping pattern checks duplicate key ({})", const_repr(k)),
                            pat.span,
                        ));
                    }
                    seen.push(k);
                }
                check_pattern(p, v, names)?;
            }
            if let Some(r) = rest {
                bind(p, names, r, pat.span)?;
            }
            Ok(())
        }
        PatKind::Class(_, pos, kw) => {
            pos.iter().try_for_each(|i| check_pattern(p, i, names))?;
            kw.iter().try_for_each(|(_, i)| check_pattern(p, i, names))
        }
        PatKind::As(inner, n) => {
            check_pattern(p, inner, names)?;
            let sp = Span {
                col: pat.span.end_col - n.chars().count() as u32,
                ..pat.span
            };
            bind(p, names, n, sp)
        }
        PatKind::Or(alts) => {
            let mut first: Option<Vec<RcStr>> = None;
            for (i, a) in alts.iter().enumerate() {
                if i + 1 < alts.len() && irrefutable(a) {
                    let (msg, sp) = unreachable_msg(a);
                    return Err(p.err_at(msg, sp));
                }
                let mut mine = Vec::new();
                check_pattern(p, a, &mut mine)?;
                match &first {
                    None => first = Some(mine),
                    Some(f) => {
                        let mut x = f.clone();
                        let mut y = mine.clone();
                        x.sort();
                        y.sort();
                        if x != y {
                            // CPython points at the last sub-pattern it compiled there.
                            return Err(p.err_noline(
                                "alternative patterns bind different names",
                                last_leaf(a).span,
                            ));
                        }
                    }
                }
            }
            for n in first.unwrap_or_default() {
                bind(p, names, &n, pat.span)?;
            }
            Ok(())
        }
    }
}

/// The last pattern node compiled when compiling `p` (where CPython's errors about `p` point).
fn last_leaf(p: &Pattern) -> &Pattern {
    match &p.kind {
        PatKind::Sequence(items) | PatKind::Or(items) => items.last().map_or(p, last_leaf),
        PatKind::Mapping(items, _) => items.last().map_or(p, |(_, v)| last_leaf(v)),
        PatKind::Class(_, pos, kw) => match kw.last() {
            Some((_, v)) => last_leaf(v),
            None => pos.last().map_or(p, last_leaf),
        },
        PatKind::As(inner, _) => last_leaf(inner),
        _ => p,
    }
}

fn const_repr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Const(Const::Str(s)) => format!("'{s}'"),
        ExprKind::Const(Const::Int(i)) => i.to_string(),
        ExprKind::Const(Const::Float(f)) => format!("{f:?}"),
        ExprKind::Const(Const::None) => "None".into(),
        ExprKind::Const(Const::True) => "True".into(),
        ExprKind::Const(Const::False) => "False".into(),
        _ => "...".into(),
    }
}
