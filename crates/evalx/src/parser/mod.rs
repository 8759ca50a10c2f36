//! The recursive-descent parser: tokens to [`ast`](crate::ast) with spans. `eval` mode parses one expression
//! list; `exec` mode parses statements. Errors carry CPython 3.11's messages and positions.

use crate::ast::*;
use crate::error::{SyntaxError, SyntaxKind};
use crate::lexer::{FPiece, Span, Tok, Token, tokenize};
use crate::thin::RcStr;
use std::rc::Rc;

mod atoms;
mod exceptstar;
mod expressions;
mod patterns;
mod statements;
mod unparse;

type PResult<T> = Result<T, SyntaxError>;

#[derive(Clone)]
struct Parser {
    pending: Option<SyntaxError>,
    /// The token positions (start, end) of the last complete `or`-level expression: CPython's
    /// "Perhaps you forgot a comma?" points at it when another expression follows inside brackets.
    last_disj: (usize, usize),
    header: bool,
    toks: Vec<Token>,
    pos: usize,
    lines: SrcLines,
    brackets: u32,
    depth: u32,
    /// Operators, calls, attributes and subscripts chained in the current statement (bounds the depth of
    /// the left-leaning trees that chains build without recursing; see [`crate::guard::PARSE_CHAIN`]).
    chain: u32,
    /// `from __future__ import annotations` was seen: annotations become their source text.
    future_annotations: bool,
    /// Parsing a module (exec mode), whose tokenizer ends the last line with a newline even when the
    /// source lacks one (eval mode does not: its errors' `text` and end positions differ).
    exec_mode: bool,
}

/// The source's lines for error messages and annotation texts: the table of where each line starts is
/// built the first time one is asked for (a big source that compiles cleanly never pays for it, and a
/// limit check is not kept waiting for a pass over it).
#[derive(Clone)]
struct SrcLines {
    text: std::rc::Rc<str>,
    starts: std::rc::Rc<std::cell::OnceCell<Vec<usize>>>,
}

impl SrcLines {
    fn new(src: &str) -> SrcLines {
        SrcLines {
            text: src.into(),
            starts: Default::default(),
        }
    }

    /// Line `i` (0-based) without its line ending.
    fn get(&self, i: usize) -> Option<&str> {
        let starts = self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        });
        let from = *starts.get(i)?;
        let to = starts.get(i + 1).map_or(self.text.len(), |&e| e - 1);
        Some(self.text[from..to].trim_end_matches('\r'))
    }
}

impl Drop for Parser {
    fn drop(&mut self) {
        // The tokens of a big source are freed incrementally under a deadline (see `teardown`).
        if crate::teardown::wants(self.toks.len()) {
            crate::teardown::defer(std::mem::take(&mut self.toks).into_iter());
        }
    }
}

/// Parses a whole exec-mode program.
pub fn parse_module(src: &str) -> PResult<Vec<Stmt>> {
    let mut p = Parser::new(src)?;
    p.exec_mode = true;
    let mut out = Vec::new();
    while p.at(&Tok::Newline) {
        p.pos += 1;
    }
    if matches!(p.tok(), Tok::Indent) {
        let sp = p.span();
        return Err(p.unexpected_indent(sp));
    }
    while !p.at(&Tok::Eof) {
        if let Err(e) = p.statement(&mut out) {
            // The statements parsed before a limit stopped the parse are freed incrementally.
            if crate::teardown::wants(out.len()) {
                crate::teardown::defer(out.into_iter());
            }
            return Err(e);
        }
    }
    Ok(out)
}

/// Parses an eval-mode expression (leading spaces and tabs are allowed, as in CPython's `eval`).
pub fn parse_eval(src: &str) -> PResult<Expr> {
    parse_eval_mode(src, true)
}

/// Parses an eval-mode expression; `eval_strip`: leading spaces and tabs are dropped first (`eval` does
/// this, `compile(..., 'eval')` does not: an indented first line is an `IndentationError` there).
pub fn parse_eval_mode(src: &str, eval_strip: bool) -> PResult<Expr> {
    let trimmed = if eval_strip {
        src.trim_start_matches([' ', '\t'])
    } else {
        src
    };
    let shift = (src.len() - trimmed.len()) as u32;
    let mut p = Parser::new(trimmed)?;
    for t in &mut p.toks {
        if t.span.line == 1 {
            t.span.col += shift;
            t.span.end_col += shift;
        }
    }
    p.lines = SrcLines::new(src);
    while p.at(&Tok::Newline) {
        p.pos += 1;
    }
    if p.at(&Tok::Eof) {
        return Err(SyntaxError::new("invalid syntax", 0, 0, 0, String::new()));
    }
    if matches!(p.tok(), Tok::Indent) {
        // An indented first line (after blank or comment lines): CPython's IndentationError.
        let sp = p.span();
        return Err(p.unexpected_indent(sp));
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
        ExprKind::Const(_) => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Await(_) => "await expression",
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
            last_disj: (usize::MAX, usize::MAX),
            header: false,
            toks,
            pos: 0,
            lines: SrcLines::new(src),
            brackets: 0,
            depth: 0,
            chain: 0,
            future_annotations: false,
            exec_mode: false,
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
            .map(str::to_string)
            .unwrap_or_default()
    }
    /// A parser error at `sp`; its `text` is the line with a newline, as CPython's parser (whose
    /// tokenizer ends every line with one) gives it.
    fn err_at(&self, msg: impl Into<String>, sp: Span) -> SyntaxError {
        SyntaxError::new(
            msg,
            sp.line,
            sp.col + 1,
            sp.end_col + 1,
            self.line_nl(sp.line),
        )
    }
    /// Line `line` as CPython's parser quotes it: with its newline (exec mode adds one to a last line
    /// that lacks it).
    fn line_nl(&self, line: u32) -> String {
        let text = self.line_text(line);
        let has_nl = self.lines.get(line as usize).is_some();
        if self.exec_mode || has_nl {
            format!("{text}\n")
        } else {
            text
        }
    }
    /// An error CPython's compiler (not its parser) reports: no source line (`text` is None).
    pub(super) fn err_noline(&self, msg: impl Into<String>, sp: Span) -> SyntaxError {
        let mut e = self.err_at(msg, sp);
        e.text = String::new();
        e
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
        if t.implicit && !self.exec_mode {
            // Eval mode: no newline ends the source, and CPython gives no position.
            let mut e = self.err_at("invalid syntax", t.span);
            e.offset = 0;
            e.end_offset = 0;
            return e;
        }
        if t.implicit || matches!(t.tok, Tok::Eof | Tok::Newline) {
            // At the end of a line CPython points just past its last character (`import`, `x++`).
            let line = match self.pos.checked_sub(1).and_then(|k| self.toks.get(k)) {
                Some(prev) => prev.span.end_line,
                None => t.span.line,
            };
            let text = self.line_text(line);
            let end = text.trim_end_matches(['\n', '\r']).chars().count() as u32;
            let mut e = self.err_at("invalid syntax", t.span);
            e.lineno = line;
            e.text = self.line_nl(line);
            e.offset = end + 1;
            e.end_offset = end + 1;
            return e;
        }
        if matches!(t.tok, Tok::Indent) {
            return self.unexpected_indent(t.span);
        }
        if let Some(e) = self.forgot_comma() {
            return e;
        }
        // CPython tokenizes the rest of the source after a generic error: a bracket still open at the
        // end, opened on an earlier line than the error, is the better report.
        if let Some(p) = &self.pending
            && t.span.line > p.lineno
        {
            return p.clone();
        }
        self.err_at("invalid syntax", t.span)
    }
    /// CPython's `invalid_expression` rule: inside brackets, an expression right after a complete
    /// `or`-level one (not `NAME STRING`, not a soft keyword) is "invalid syntax. Perhaps you forgot a
    /// comma?", spanning both.
    fn forgot_comma(&self) -> Option<SyntaxError> {
        let (start, end) = self.last_disj;
        if self.brackets == 0 || end != self.pos || start >= end || !starts_expression(self.tok()) {
            return None;
        }
        let first = &self.toks.get(start)?.tok;
        let legacy = match first {
            Tok::Name(n) if start + 1 == end && matches!(&**n, "print" | "exec") => Some(n.clone()),
            _ => None,
        };
        if let Tok::Name(n) = first
            && legacy.is_none()
        {
            if matches!(&**n, "match" | "case" | "_" | "type")
                || matches!(
                    self.toks.get(start + 1).map(|t| &t.tok),
                    Some(Tok::Str(_) | Tok::FStr(_))
                )
            {
                return None;
            }
        }
        // The second expression's end, from a parse of it on a copy.
        let mut probe = self.clone();
        let b_end = match probe.test() {
            Ok(_) => probe.prev_span(),
            Err(_) => self.span(),
        };
        // The source ends inside the brackets right after it: CPython's tokenizer reports the bracket
        // that was never closed first.
        if let Some(p) = &self.pending
            && probe.toks.get(probe.pos..).is_some_and(|rest| {
                rest.iter()
                    .all(|t| matches!(t.tok, Tok::Newline | Tok::Eof | Tok::Dedent))
            })
        {
            return Some(p.clone());
        }
        let a = self.toks[start].span;
        let end_col = if b_end.end_line == a.line {
            b_end.end_col
        } else {
            self.line_text(a.line).chars().count() as u32
        };
        let msg = match &legacy {
            Some(n) => format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
            None => "invalid syntax. Perhaps you forgot a comma?".to_string(),
        };
        Some(SyntaxError::new(
            msg,
            a.line,
            a.col + 1,
            end_col + 1,
            self.line_nl(a.line),
        ))
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
        if crate::guard::compile_must_stop() {
            let sp = self.span();
            return Err(self.err_at(crate::guard::STOPPED, sp));
        }
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

    /// Makes room for one more item in a list the parser builds (statements, display items, dict items,
    /// call arguments: the lists a big generated source makes long), fallibly: a tree that does not fit
    /// the memory left stops the compilation with `MemoryError`, as the lexer's token list does, never
    /// an aborting allocation.
    pub(super) fn room<T>(&self, v: &mut Vec<T>) -> PResult<()> {
        if v.len() == v.capacity() && v.try_reserve(v.len().max(4)).is_err() {
            crate::guard::compile_out_of_memory();
            return Err(self.err_at(crate::guard::STOPPED, self.span()));
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

/// Whether a token can begin an expression (CPython's `expression_without_invalid`).
fn starts_expression(t: &Tok) -> bool {
    match t {
        Tok::Name(n) => !matches!(
            &**n,
            "and"
                | "as"
                | "assert"
                | "async"
                | "break"
                | "class"
                | "continue"
                | "def"
                | "del"
                | "elif"
                | "else"
                | "except"
                | "finally"
                | "for"
                | "from"
                | "global"
                | "if"
                | "import"
                | "in"
                | "is"
                | "nonlocal"
                | "or"
                | "pass"
                | "raise"
                | "return"
                | "try"
                | "while"
                | "with"
                | "yield"
        ),
        Tok::Int(_)
        | Tok::BigInt(_)
        | Tok::Float(_)
        | Tok::Imag(_)
        | Tok::Str(_)
        | Tok::Bytes(_)
        | Tok::FStr(_) => true,
        Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "-" | "+" | "~" | "..."),
        _ => false,
    }
}
