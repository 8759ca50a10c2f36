//! The recursive-descent parser: tokens to [`ast`](crate::ast) with spans. `eval` mode parses one expression
//! list; `exec` mode parses statements. Errors carry CPython 3.11's messages and positions.

use crate::ast::*;
use crate::error::{SyntaxError, SyntaxKind};
use crate::lexer::{FPiece, Span, Tok, Token, tokenize};
use crate::thin::RcStr;
use std::rc::Rc;

mod patterns;

type PResult<T> = Result<T, SyntaxError>;

struct Parser {
    pending: Option<SyntaxError>,
    header: bool,
    toks: Vec<Token>,
    pos: usize,
    lines: Vec<String>,
    brackets: u32,
    depth: u32,
    /// Operators, calls, attributes and subscripts chained in the current statement (bounds the depth of
    /// the left-leaning trees that chains build without recursing; see [`crate::guard::PARSE_CHAIN`]).
    chain: u32,
    /// `from __future__ import annotations` was seen: annotations become their source text.
    future_annotations: bool,
}

/// Parses a whole exec-mode program.
pub fn parse_module(src: &str) -> PResult<Vec<Stmt>> {
    let mut p = Parser::new(src)?;
    let mut out = Vec::new();
    while p.at(&Tok::Newline) {
        p.pos += 1;
    }
    if matches!(p.tok(), Tok::Indent) {
        let sp = p.span();
        return Err(p.unexpected_indent(sp));
    }
    while !p.at(&Tok::Eof) {
        p.statement(&mut out)?;
    }
    Ok(out)
}

/// Parses an eval-mode expression (leading spaces and tabs are allowed, as in CPython).
pub fn parse_eval(src: &str) -> PResult<Expr> {
    let trimmed = src.trim_start_matches([' ', '\t']);
    let shift = (src.len() - trimmed.len()) as u32;
    let mut p = Parser::new(trimmed)?;
    for t in &mut p.toks {
        if t.span.line == 1 {
            t.span.col += shift;
            t.span.end_col += shift;
        }
    }
    p.lines = src
        .split('\n')
        .map(|s| s.trim_end_matches('\r').to_string())
        .collect();
    while p.at(&Tok::Newline) {
        p.pos += 1;
    }
    if p.at(&Tok::Eof) {
        return Err(SyntaxError::new("invalid syntax", 0, 0, 0, String::new()));
    }
    if matches!(p.tok(), Tok::Indent) {
        p.pos += 1;
    }
    let e = p.exprlist_or_star()?;
    while p.at(&Tok::Newline) || matches!(p.tok(), Tok::Dedent) {
        p.pos += 1;
    }
    if !p.at(&Tok::Eof) {
        return Err(p.unexpected());
    }
    Ok(e)
}

const AUG: &[(&str, BinOp)] = &[
    ("+=", BinOp::Add),
    ("-=", BinOp::Sub),
    ("*=", BinOp::Mul),
    ("@=", BinOp::MatMul),
    ("/=", BinOp::Div),
    ("//=", BinOp::FloorDiv),
    ("%=", BinOp::Mod),
    ("**=", BinOp::Pow),
    ("<<=", BinOp::LShift),
    (">>=", BinOp::RShift),
    ("|=", BinOp::BitOr),
    ("^=", BinOp::BitXor),
    ("&=", BinOp::BitAnd),
];

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn expr_kind_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Const(Const::None) => "None",
        ExprKind::Const(Const::True) => "True",
        ExprKind::Const(Const::False) => "False",
        ExprKind::Const(Const::Ellipsis) => "ellipsis",
        ExprKind::Const(_) | ExprKind::FString(_) => "literal",
        ExprKind::Call(..) => "function call",
        ExprKind::Compare(..) => "comparison",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::IfExp(..) => "conditional expression",
        ExprKind::NamedExpr(..) => "named expression",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::GenExp(..) => "generator expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        _ => "expression",
    }
}

impl Parser {
    fn new(src: &str) -> PResult<Parser> {
        let (toks, pending) = tokenize(src)?;
        Ok(Parser {
            pending,
            header: false,
            toks,
            pos: 0,
            lines: src
                .split('\n')
                .map(|s| s.trim_end_matches('\r').to_string())
                .collect(),
            brackets: 0,
            depth: 0,
            chain: 0,
            future_annotations: false,
        })
    }
    fn tok(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].tok
    }
    fn tok_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].tok
    }
    fn span(&self) -> Span {
        self.toks[self.pos.min(self.toks.len() - 1)].span
    }
    fn prev_span(&self) -> Span {
        self.toks[self.pos.saturating_sub(1)].span
    }
    fn at(&self, t: &Tok) -> bool {
        self.tok() == t
    }
    fn at_op(&self, s: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == s)
    }
    fn at_kw(&self, s: &str) -> bool {
        matches!(self.tok(), Tok::Name(n) if &**n == s)
    }
    fn eat_op(&mut self, s: &str) -> bool {
        if self.at_op(s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn eat_kw(&mut self, s: &str) -> bool {
        if self.at_kw(s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn line_text(&self, line: u32) -> String {
        self.lines
            .get((line as usize).wrapping_sub(1))
            .cloned()
            .unwrap_or_default()
    }
    fn err_at(&self, msg: impl Into<String>, sp: Span) -> SyntaxError {
        SyntaxError::new(
            msg,
            sp.line,
            sp.col + 1,
            sp.end_col + 1,
            self.line_text(sp.line),
        )
    }
    fn err_kind(&self, kind: SyntaxKind, msg: impl Into<String>, sp: Span) -> SyntaxError {
        let mut e = self.err_at(msg, sp);
        e.kind = kind;
        e
    }
    fn unexpected(&self) -> SyntaxError {
        let t = &self.toks[self.pos.min(self.toks.len() - 1)];
        if let Some(p) = &self.pending {
            if t.implicit || matches!(t.tok, Tok::Eof | Tok::Newline | Tok::Dedent) {
                return p.clone();
            }
        }
        if t.implicit || matches!(t.tok, Tok::Eof) {
            let mut e = self.err_at("invalid syntax", t.span);
            if t.implicit {
                e.offset = 0;
                e.end_offset = 0;
            }
            return e;
        }
        if matches!(t.tok, Tok::Indent) {
            return self.unexpected_indent(t.span);
        }
        self.err_at("invalid syntax", t.span)
    }
    fn unexpected_indent(&self, sp: Span) -> SyntaxError {
        let mut e = self.err_kind(SyntaxKind::Indentation, "unexpected indent", sp);
        e.offset = sp.col;
        e.end_offset = sp.col;
        e
    }
    fn expect_op(&mut self, s: &str) -> PResult<Span> {
        if self.at_op(s) {
            self.pos += 1;
            Ok(self.prev_span())
        } else {
            Err(self.unexpected())
        }
    }
    fn expect_colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        if matches!(self.tok(), Tok::Newline) {
            let sp = self.prev_span();
            let sp = Span {
                line: sp.end_line,
                col: sp.end_col,
                end_line: sp.end_line,
                end_col: sp.end_col,
            };
            return Err(self.err_at("expected ':'", sp));
        }
        if self.at_op("=") {
            return Err(self.unexpected());
        }
        let sp = self.prev_span();
        let sp = Span {
            line: sp.end_line,
            col: sp.end_col,
            end_line: sp.end_line,
            end_col: sp.end_col,
        };
        Err(self.err_at("expected ':'", sp))
    }
    fn name(&mut self) -> PResult<RcStr> {
        if let Tok::Name(n) = self.tok() {
            if !KEYWORDS.contains(&&**n) {
                let n = n.clone();
                self.pos += 1;
                return Ok(n);
            }
        }
        Err(self.unexpected())
    }
    /// Counts one more link of a chain (`a + b + ...`, `a.b.c...`, `f()()...`).
    fn link(&mut self) -> PResult<()> {
        self.chain += 1;
        if self.chain > crate::guard::PARSE_CHAIN {
            let sp = self.span();
            return Err(self.err_kind(
                SyntaxKind::Recursion,
                "maximum recursion depth exceeded during compilation",
                sp,
            ));
        }
        Ok(())
    }
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > 200 {
            let sp = self.span();
            return Err(self.err_at("too many nested parentheses", sp));
        }
        Ok(())
    }

    // ---------------------------------------------------------------- statements

    fn block(&mut self, what: &str, header_line: u32) -> PResult<Vec<Stmt>> {
        self.expect_colon()?;
        let mut body = Vec::new();
        if self.at(&Tok::Newline) {
            self.pos += 1;
            if !matches!(self.tok(), Tok::Indent) {
                let sp = self.span();
                return Err(self.err_kind(
                    SyntaxKind::Indentation,
                    format!("expected an indented block after {what} on line {header_line}"),
                    sp,
                ));
            }
            self.pos += 1;
            while !matches!(self.tok(), Tok::Dedent | Tok::Eof) {
                self.statement(&mut body)?;
            }
            if matches!(self.tok(), Tok::Dedent) {
                self.pos += 1;
            }
        } else {
            self.simple_line(&mut body)?;
        }
        Ok(body)
    }

    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        self.chain = 0;
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
        out.push(Stmt {
            kind,
            span: start.to(end),
        });
        Ok(())
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let sp = self.span();
        if self.eat_kw("else") {
            self.block("'else' statement", sp.line)
        } else {
            Ok(Vec::new())
        }
    }

    fn header_test(&mut self) -> PResult<Expr> {
        self.header = true;
        let r = self.named_expr_test();
        self.header = false;
        r
    }

    fn if_stmt(&mut self, start: Span) -> PResult<StmtKind> {
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
    fn if_stmt_elif(&mut self, start: Span) -> PResult<StmtKind> {
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

    fn try_stmt(&mut self, start: Span) -> PResult<StmtKind> {
        let body = self.block("'try' statement", start.line)?;
        let mut handlers = Vec::new();
        loop {
            let sp = self.span();
            if !self.eat_kw("except") {
                break;
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
            let hb = self.block("'except' statement", sp.line)?;
            handlers.push(Handler {
                typ,
                name,
                body: hb,
                span: sp,
            });
        }
        let orelse = if !handlers.is_empty() {
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
        if handlers.is_empty() && finalbody.is_empty() {
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

    fn funcdef(&mut self, decorators: Vec<Expr>, start: Span) -> PResult<FuncDef> {
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

    /// An annotation: the expression, or under `from __future__ import annotations` its source text.
    fn annotation(&mut self) -> PResult<Expr> {
        let e = self.test()?;
        if !self.future_annotations {
            return Ok(e);
        }
        let sp = e.span;
        let text: String = if sp.line == sp.end_line {
            self.lines
                .get(sp.line.saturating_sub(1) as usize)
                .map(|l| {
                    l.chars()
                        .skip(sp.col as usize)
                        .take(sp.end_col.saturating_sub(sp.col) as usize)
                        .collect()
                })
                .unwrap_or_default()
        } else {
            String::new()
        };
        Ok(Expr {
            kind: ExprKind::Const(Const::Str(text.into())),
            span: sp,
        })
    }

    fn params(&mut self, close: &str) -> PResult<Params> {
        let mut p = Params::default();
        let mut seen_default = false;
        let mut star = false;
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
                    return Err(self.err_at(
                        format!("duplicate argument '{name}' in function definition"),
                        nsp,
                    ));
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
            let sp = self.span();
            return Err(self.err_at("named arguments must follow bare *", sp));
        }
        Ok(p)
    }

    fn classdef(&mut self, decorators: Vec<Expr>, start: Span) -> PResult<ClassDef> {
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
    fn simple_line(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let start = self.span();
            let kind = self.simple_stmt()?;
            let end = self.prev_span();
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

    fn simple_stmt(&mut self) -> PResult<StmtKind> {
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
                let m = self.dotted_name()?;
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

    fn at_stmt_end(&self) -> bool {
        matches!(self.tok(), Tok::Newline | Tok::Eof) || self.at_op(";")
    }

    fn dotted_name(&mut self) -> PResult<RcStr> {
        let mut s = self.name()?.to_string();
        while self.eat_op(".") {
            s.push('.');
            s.push_str(&self.name()?);
        }
        Ok(s.into())
    }

    fn del_target(&mut self) -> PResult<Expr> {
        let e = self.expr()?;
        self.check_target(&e, "delete")?;
        Ok(e)
    }

    fn expr_stmt(&mut self, start: Span) -> PResult<StmtKind> {
        // `print 'hi'` gets CPython's hint.
        if self.at_kw("print")
            && matches!(
                self.tok_at(1),
                Tok::Str(_) | Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::FStr(_)
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
        let first = if self.at_kw("yield") {
            self.yield_expr()?
        } else {
            self.exprlist_or_star()?
        };
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
            for t in &targets {
                self.check_target(t, "assign")?;
            }
            return Ok(StmtKind::Assign(targets, value));
        }
        Ok(StmtKind::Expr(first))
    }

    /// Checks that `e` can be assigned to (or deleted), with CPython's messages.
    fn check_target(&self, e: &Expr, verb: &str) -> PResult<()> {
        match &e.kind {
            ExprKind::Name(n) => {
                if verb == "assign" && &**n == "__debug__" {
                    return Err(self.err_at("cannot assign to __debug__", e.span));
                }
                Ok(())
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
                        self.check_target(inner, verb)?;
                    } else {
                        self.check_target(it, verb)?;
                    }
                }
                if stars > 1 {
                    return Err(self.err_at("multiple starred expressions in assignment", e.span));
                }
                Ok(())
            }
            ExprKind::Starred(_) => Err(self.err_at(
                "starred assignment target must be in a list or tuple",
                e.span,
            )),
            _ => {
                let what = expr_kind_name(e);
                let msg = if verb == "assign" {
                    if matches!(
                        e.kind,
                        ExprKind::Const(_)
                            | ExprKind::Call(..)
                            | ExprKind::BinOp(..)
                            | ExprKind::UnaryOp(..)
                            | ExprKind::Name(_)
                            | ExprKind::Compare(..)
                            | ExprKind::FString(_)
                    ) {
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

    fn target(&mut self) -> PResult<Expr> {
        let e = self.expr()?;
        self.check_target(&e, "assign")?;
        Ok(e)
    }

    /// The target list of a `for` (or a comprehension), stopping before `in`.
    fn target_list(&mut self) -> PResult<Expr> {
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

    // ---------------------------------------------------------------- expressions

    fn exprlist_or_star_yield(&mut self) -> PResult<Expr> {
        if self.at_kw("yield") {
            self.yield_expr()
        } else {
            self.exprlist_or_star()
        }
    }

    fn yield_expr(&mut self) -> PResult<Expr> {
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
    fn exprlist_or_star(&mut self) -> PResult<Expr> {
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
            items.push(self.star_or_test()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            span: start.to(self.prev_span()),
        })
    }

    fn star_or_test(&mut self) -> PResult<Expr> {
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

    fn named_expr_test(&mut self) -> PResult<Expr> {
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

    fn test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.test_inner();
        self.depth -= 1;
        r
    }

    fn test_inner(&mut self) -> PResult<Expr> {
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

    fn lambda(&mut self) -> PResult<Expr> {
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

    fn or_test(&mut self) -> PResult<Expr> {
        let mut l = self.and_test()?;
        while self.eat_kw("or") {
            let r = self.and_test()?;
            let sp = l.span.to(r.span);
            l = Expr {
                kind: ExprKind::Or(Box::new(l), Box::new(r)),
                span: sp,
            };
        }
        Ok(l)
    }
    fn and_test(&mut self) -> PResult<Expr> {
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
    fn not_test(&mut self) -> PResult<Expr> {
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
    fn comparison(&mut self) -> PResult<Expr> {
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

    fn binary(&mut self, level: u8) -> PResult<Expr> {
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
    fn or_expr(&mut self) -> PResult<Expr> {
        self.binary(0)
    }
    fn expr(&mut self) -> PResult<Expr> {
        self.binary(0)
    }

    fn unary(&mut self) -> PResult<Expr> {
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

    fn power(&mut self) -> PResult<Expr> {
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

    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            if self.at_op("(") || self.at_op("[") || self.at_op(".") {
                self.link()?;
            }
            if self.at_op("(") {
                self.pos += 1;
                self.brackets += 1;
                let args = self.call_args()?;
                self.brackets -= 1;
                let end = self.expect_op(")")?;
                let sp = e.span.to(end);
                e = Expr {
                    kind: ExprKind::Call(Box::new(e), args),
                    span: sp,
                };
            } else if self.at_op("[") {
                self.pos += 1;
                self.brackets += 1;
                let idx = self.subscript()?;
                self.brackets -= 1;
                let end = self.expect_op("]")?;
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

    fn subscript(&mut self) -> PResult<Expr> {
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

    fn slice_item(&mut self) -> PResult<Expr> {
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

    fn call_args(&mut self) -> PResult<Vec<Arg>> {
        let mut args = Vec::new();
        let mut seen_kw = false;
        let mut seen_kwunpack = false;
        while !self.at_op(")") {
            let sp = self.span();
            if self.eat_op("*") {
                let e = self.test()?;
                if seen_kwunpack {
                    return Err(self.err_at(
                        "iterable argument unpacking follows keyword argument unpacking",
                        sp.to(e.span),
                    ));
                }
                args.push(Arg::Star(e));
            } else if self.eat_op("**") {
                seen_kwunpack = true;
                args.push(Arg::StarStar(self.test()?));
            } else if matches!(self.tok(), Tok::Name(_)) && matches!(self.tok_at(1), Tok::Op("=")) {
                let n = self.name()?;
                self.pos += 1;
                seen_kw = true;
                args.push(Arg::Kw(n, self.test()?));
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
                args.push(Arg::Pos(e));
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(args)
    }

    /// At `for` or `async for` (a comprehension clause).
    fn at_comp_for(&self) -> bool {
        self.at_kw("for")
            || (self.at_kw("async") && matches!(self.tok_at(1), Tok::Name(n) if &**n == "for"))
    }

    fn comp_fors(&mut self) -> PResult<Vec<CompFor>> {
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
        Ok(gens)
    }

    fn or_test_nocond(&mut self) -> PResult<Expr> {
        if self.at_kw("lambda") {
            return self.lambda();
        }
        self.or_test()
    }

    fn atom(&mut self) -> PResult<Expr> {
        let sp = self.span();
        let t = self.tok().clone();
        let k = match t {
            Tok::Int(i) => ExprKind::Const(Const::Int(i)),
            Tok::BigInt(b) => ExprKind::Const(Const::BigInt(b)),
            Tok::Float(f) => ExprKind::Const(Const::Float(f)),
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

    fn strings(&mut self) -> PResult<Expr> {
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

    fn fpieces(&mut self, pieces: &[FPiece], out: &mut Vec<FPart>, sp: Span) -> PResult<()> {
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
                    let mut sub = Parser::new(&wrapped).map_err(|mut e| {
                        e.msg = format!("f-string: {}", e.msg);
                        e.lineno = sp.line;
                        e
                    })?;
                    let _ = (line, col);
                    let e = sub.exprlist_or_star().map_err(|mut e| {
                        e.msg = format!("f-string: {}", e.msg);
                        e.lineno = sp.line;
                        e.text = self.line_text(sp.line);
                        e
                    })?;
                    while sub.at(&Tok::Newline) {
                        sub.pos += 1;
                    }
                    if !sub.at(&Tok::Eof) {
                        return Err(self.err_at("f-string: invalid syntax", sp));
                    }
                    let mut e = e;
                    relocate(&mut e, sp);
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

    fn paren(&mut self) -> PResult<Expr> {
        let start = self.span();
        self.pos += 1;
        self.brackets += 1;
        let r = self.paren_inner(start);
        self.brackets -= 1;
        r
    }
    fn paren_inner(&mut self, start: Span) -> PResult<Expr> {
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
    fn display_items(&mut self, first: Expr, close: &str) -> PResult<(Vec<Expr>, Span)> {
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(close) {
                break;
            }
            items.push(self.star_or_test()?);
        }
        let end = self.expect_op(close)?;
        Ok((items, end))
    }

    fn list_display(&mut self) -> PResult<Expr> {
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

    fn dict_or_set(&mut self) -> PResult<Expr> {
        let start = self.span();
        self.pos += 1;
        self.brackets += 1;
        let r = self.dict_or_set_inner(start);
        self.brackets -= 1;
        r
    }
    fn dict_or_set_inner(&mut self, start: Span) -> PResult<Expr> {
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
    fn dict_rest(&mut self, items: &mut Vec<(Option<Expr>, Expr)>) -> PResult<()> {
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
            items.push((Some(k), v));
        }
        Ok(())
    }
}

fn push_lit(parts: &mut Vec<FPart>, s: &str) {
    if let Some(FPart::Lit(prev)) = parts.last_mut() {
        let mut t = prev.to_string();
        t.push_str(s);
        *prev = t.into();
    } else {
        parts.push(FPart::Lit(s.into()));
    }
}

fn aug_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        _ => expr_kind_name(e),
    }
}

/// Moves the spans of an f-string field's expression onto the f-string's own line.
fn relocate(e: &mut Expr, sp: Span) {
    e.span = sp;
}

fn docstring(body: &[Stmt]) -> Option<RcStr> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr {
            kind: ExprKind::Const(Const::Str(s)),
            ..
        })) => Some(s.clone()),
        _ => None,
    }
}
