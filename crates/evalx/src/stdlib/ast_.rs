//! `ast`: Python's abstract syntax trees, built over evalx's own parser.
//!
//! `_parse(source, filename, mode)` parses with [`crate::parser`] and turns evalx's tree
//! ([`crate::ast`]) into CPython 3.11's node shapes as plain nested values: each node is a tuple
//! `(class name, field values in `_fields` order, (lineno, col_offset, end_lineno, end_col_offset) or None)`,
//! lists stay lists and constants are the constant values. `py/ast.py` makes node objects of those tuples.
//!
//! evalx's tree is shaped for running, so a few of CPython's nodes are rebuilt here: `and`/`or` chains
//! become one `BoolOp`, the positions of parameters, keyword arguments, `*`/`**` arguments and import
//! aliases (which evalx's tree does not keep) are read back from the token stream, columns become UTF-8
//! byte offsets as CPython counts them, and annotations that `from __future__ import annotations` turned
//! into strings are parsed again from their source text.

use super::Kw;
use crate::ast::*;
use crate::interp::{Exc, Interp, PyResult};
use crate::lexer::{Span, Tok, Token};
use crate::thin::RcStr;
use crate::value::Value;
use std::collections::HashMap;
use std::rc::Rc;

/// Builds the native half of `ast` (`_parse`) and runs `py/ast.py` over it.
pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "ast",
        "Abstract syntax trees: parse Python source into nodes, walk, transform, dump and unparse them.",
        &[("_parse", parse_native)],
        include_str!("py/ast.py"),
    )?;
    if let Value::Module(md) = &m {
        super::run_in(it, md, "ast", include_str!("py/ast_unparse.py"))?;
    }
    Ok(m)
}

fn parse_native(it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let (Some(Value::Str(src)), Some(Value::Str(filename)), Some(Value::Str(mode))) =
        (args.first(), args.get(1), args.get(2))
    else {
        return Err(Exc::type_err(
            "_parse(source, filename, mode) takes three strs",
        ));
    };
    let src: &str = src;
    let conv = Conv::new(src);
    let res = match &**mode {
        "eval" => crate::parser::parse_eval_mode(src, false).map(|e| {
            let body = conv.expr(&e, Ctx::Load);
            conv.node("Expression", vec![body], None)
        }),
        "exec" | "single" => crate::parser::parse_module(src).map(|body| {
            let stmts = conv.stmts(&body);
            if &**mode == "exec" {
                conv.node("Module", vec![stmts, Value::list(Vec::new())], None)
            } else {
                conv.node("Interactive", vec![stmts], None)
            }
        }),
        _ => {
            return Err(Exc::new(
                "ValueError",
                "compile() mode must be 'exec', 'eval' or 'single'",
            ));
        }
    };
    match res {
        Ok(v) => Ok(v),
        Err(mut e) => {
            e.filename = filename.to_string();
            Err(crate::builtins::syntax_exc(it, e))
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Load,
    Store,
    Del,
}

impl Ctx {
    fn name(self) -> &'static str {
        match self {
            Ctx::Load => "Load",
            Ctx::Store => "Store",
            Ctx::Del => "Del",
        }
    }
}

/// The converter: the source's lines (for byte columns and string prefixes) and its tokens (for the
/// positions evalx's tree does not keep).
struct Conv<'a> {
    lines: Vec<&'a str>,
    toks: Vec<Token>,
    /// Token index by start position.
    at: HashMap<(u32, u32), usize>,
}

fn s(v: &str) -> Value {
    Value::str(v)
}

fn opt<T>(v: &Option<T>, f: impl FnOnce(&T) -> Value) -> Value {
    match v {
        Some(x) => f(x),
        None => Value::None,
    }
}

impl<'a> Conv<'a> {
    fn new(src: &'a str) -> Self {
        let lines: Vec<&str> = src.split('\n').collect();
        let toks = crate::lexer::tokenize(src)
            .map(|(t, _)| t)
            .unwrap_or_default();
        let at = toks
            .iter()
            .enumerate()
            .map(|(i, t)| ((t.span.line, t.span.col), i))
            .collect();
        Conv { lines, toks, at }
    }

    /// A character column of line `line` as a UTF-8 byte offset.
    fn byte_col(&self, line: u32, col: u32) -> i64 {
        let Some(l) = self.lines.get(line.saturating_sub(1) as usize) else {
            return i64::from(col);
        };
        if l.is_ascii() {
            return i64::from(col);
        }
        l.chars()
            .take(col as usize)
            .map(|c| c.len_utf8() as i64)
            .sum::<i64>()
            + (col as i64 - l.chars().count() as i64).max(0)
    }

    fn pos(&self, sp: Span) -> Value {
        Value::tuple(vec![
            Value::Int(i64::from(sp.line)),
            Value::Int(self.byte_col(sp.line, sp.col)),
            Value::Int(i64::from(sp.end_line)),
            Value::Int(self.byte_col(sp.end_line, sp.end_col)),
        ])
    }

    fn node(&self, name: &str, fields: Vec<Value>, sp: Option<Span>) -> Value {
        Value::tuple(vec![
            s(name),
            Value::tuple(fields),
            sp.map_or(Value::None, |sp| self.pos(sp)),
        ])
    }

    fn leaf(&self, name: &str) -> Value {
        self.node(name, Vec::new(), None)
    }

    fn tok_at(&self, sp: Span) -> Option<usize> {
        self.at.get(&(sp.line, sp.col)).copied()
    }

    fn is_op(&self, i: usize, op: &str) -> bool {
        matches!(self.toks.get(i).map(|t| &t.tok), Some(Tok::Op(o)) if *o == op)
    }

    /// The index of the token that starts expression `e`, stepping back over the `(`s that wrap it.
    fn start_tok(&self, e: &Expr) -> Option<usize> {
        let mut i = self.tok_at(e.span)?;
        while i > 0 && self.is_op(i - 1, "(") {
            // `f(x=(1))`: the `(` belongs to the value unless it opens the call itself.
            if i >= 2 && self.is_op(i - 2, "=") {
                i -= 1;
            } else {
                break;
            }
        }
        Some(i)
    }

    /// A generator expression's span with the parentheses around it (its own, or the call's).
    fn widen_to_parens(&self, sp: Span) -> Span {
        let Some(i) = self.tok_at(sp) else {
            return sp;
        };
        if i == 0 || !self.is_op(i - 1, "(") {
            return sp;
        }
        let after = self
            .toks
            .iter()
            .skip(i)
            .find(|t| (t.span.line, t.span.col) >= (sp.end_line, sp.end_col));
        match after {
            Some(t) if t.tok == Tok::Op(")") => {
                let open = self.toks[i - 1].span;
                Span {
                    line: open.line,
                    col: open.col,
                    end_line: t.span.end_line,
                    end_col: t.span.end_col,
                }
            }
            _ => sp,
        }
    }

    /// Whether the expression is wrapped in parentheses of its own.
    fn parenthesized(&self, e: &Expr) -> bool {
        let Some(i) = self.tok_at(e.span) else {
            return false;
        };
        if i == 0 || !self.is_op(i - 1, "(") {
            return false;
        }
        // The matching `)` must follow the expression's end.
        self.toks
            .iter()
            .skip(i)
            .find(|t| (t.span.line, t.span.col) >= (e.span.end_line, e.span.end_col))
            .is_some_and(|t| t.tok == Tok::Op(")"))
    }

    fn stmts(&self, body: &[Stmt]) -> Value {
        Value::list(body.iter().map(|st| self.stmt(st)).collect())
    }

    fn exprs(&self, es: &[Expr], ctx: Ctx) -> Value {
        Value::list(es.iter().map(|e| self.expr(e, ctx)).collect())
    }

    fn binop(&self, op: BinOp) -> Value {
        self.leaf(match op {
            BinOp::Add => "Add",
            BinOp::Sub => "Sub",
            BinOp::Mul => "Mult",
            BinOp::MatMul => "MatMult",
            BinOp::Div => "Div",
            BinOp::FloorDiv => "FloorDiv",
            BinOp::Mod => "Mod",
            BinOp::Pow => "Pow",
            BinOp::LShift => "LShift",
            BinOp::RShift => "RShift",
            BinOp::BitOr => "BitOr",
            BinOp::BitXor => "BitXor",
            BinOp::BitAnd => "BitAnd",
        })
    }

    fn cmpop(&self, op: CmpOp) -> Value {
        self.leaf(match op {
            CmpOp::Eq => "Eq",
            CmpOp::Ne => "NotEq",
            CmpOp::Lt => "Lt",
            CmpOp::Le => "LtE",
            CmpOp::Gt => "Gt",
            CmpOp::Ge => "GtE",
            CmpOp::Is => "Is",
            CmpOp::IsNot => "IsNot",
            CmpOp::In => "In",
            CmpOp::NotIn => "NotIn",
        })
    }

    fn constant(&self, c: &Const, sp: Span) -> Value {
        let v = match c {
            Const::None | Const::Hidden(_) => Value::None,
            Const::True => Value::bool(true),
            Const::False => Value::bool(false),
            Const::Ellipsis => Value::Ellipsis,
            Const::Int(i) => Value::Int(*i),
            Const::BigInt(b) => Value::from_big((**b).clone()),
            Const::Float(f) => Value::float(*f),
            Const::Imag(f) => Value::Complex(Rc::new((0.0, *f))),
            Const::Str(t) => Value::Str(t.clone()),
            Const::Bytes(b) => Value::Bytes(b.clone()),
        };
        let kind = match c {
            Const::Str(_)
                if matches!(self.char_at(sp.line, sp.col), Some('u' | 'U'))
                    && self.is_str_literal_at(sp.line, sp.col) =>
            {
                s("u")
            }
            _ => Value::None,
        };
        self.node("Constant", vec![v, kind], Some(sp))
    }

    /// Whether a string literal (with its prefix letters) starts at this position.
    fn is_str_literal_at(&self, line: u32, col: u32) -> bool {
        let Some(l) = self.lines.get(line.saturating_sub(1) as usize) else {
            return false;
        };
        let mut chars = l.chars().skip(col as usize);
        for _ in 0..3 {
            match chars.next() {
                Some('"' | '\'') => return true,
                Some('r' | 'R' | 'u' | 'U' | 'b' | 'B' | 'f' | 'F') => {}
                _ => return false,
            }
        }
        false
    }

    /// The span without the parentheses that wrap it whole (CPython's positions leave them out; a tuple
    /// keeps the pair that makes it one).
    fn strip_parens(&self, mut sp: Span, keep_one: bool) -> Span {
        loop {
            let Some(i) = self.tok_at(sp) else {
                return sp;
            };
            if !self.is_op(i, "(") {
                return sp;
            }
            let mut depth = 0i32;
            let mut j = i;
            let mut close = None;
            while j < self.toks.len() {
                match self.toks[j].tok {
                    Tok::Op("(" | "[" | "{") => depth += 1,
                    Tok::Op(")" | "]" | "}") => {
                        depth -= 1;
                        if depth == 0 {
                            close = Some(j);
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            let Some(j) = close else {
                return sp;
            };
            let cs = self.toks[j].span;
            if (cs.end_line, cs.end_col) != (sp.end_line, sp.end_col) || j <= i + 1 {
                return sp;
            }
            let inner = Span {
                line: self.toks[i + 1].span.line,
                col: self.toks[i + 1].span.col,
                end_line: self.toks[j - 1].span.end_line,
                end_col: self.toks[j - 1].span.end_col,
            };
            if keep_one && self.strip_parens(inner, false) == inner {
                // The inner text is not wrapped again: these parentheses are the tuple's own.
                return sp;
            }
            sp = inner;
        }
    }

    fn char_at(&self, line: u32, col: u32) -> Option<char> {
        self.lines
            .get(line.saturating_sub(1) as usize)?
            .chars()
            .nth(col as usize)
    }

    /// The source text of a span.
    fn text(&self, sp: Span) -> String {
        let mut out = String::new();
        for ln in sp.line..=sp.end_line {
            let Some(l) = self.lines.get(ln.saturating_sub(1) as usize) else {
                break;
            };
            let from = if ln == sp.line { sp.col as usize } else { 0 };
            let chars: Vec<char> = l.chars().collect();
            let to = if ln == sp.end_line {
                (sp.end_col as usize).min(chars.len())
            } else {
                chars.len()
            };
            out.extend(chars.get(from.min(to)..to).unwrap_or(&[]));
            if ln != sp.end_line {
                out.push('\n');
            }
        }
        out
    }

    /// An annotation: under `from __future__ import annotations` evalx keeps its source text as a string;
    /// CPython's tree keeps the expression, so it is parsed again here.
    fn annotation(&self, e: &Expr) -> Value {
        if let ExprKind::Const(Const::Str(t)) = &e.kind {
            if self.text(e.span) == **t {
                if let Ok(mut re) = crate::parser::parse_eval_mode(t, false) {
                    shift(&mut re, e.span);
                    return self.expr(&re, Ctx::Load);
                }
            }
        }
        self.expr(e, Ctx::Load)
    }

    fn fparts(&self, parts: &[FPart], sp: Span) -> Vec<Value> {
        let mut out = Vec::new();
        let mut lit = String::new();
        for p in parts {
            match p {
                FPart::Lit(t) => lit.push_str(t),
                FPart::Field { expr, conv, spec } => {
                    if !lit.is_empty() {
                        out.push(self.node(
                            "Constant",
                            vec![s(&std::mem::take(&mut lit)), Value::None],
                            Some(sp),
                        ));
                    }
                    let conv = conv.map_or(-1, |c| c as i64);
                    let spec = if spec.is_empty() {
                        Value::None
                    } else {
                        self.node(
                            "JoinedStr",
                            vec![Value::list(self.fparts(spec, sp))],
                            Some(sp),
                        )
                    };
                    out.push(self.node(
                        "FormattedValue",
                        vec![self.expr(expr, Ctx::Load), Value::Int(conv), spec],
                        Some(sp),
                    ));
                }
            }
        }
        if !lit.is_empty() {
            out.push(self.node("Constant", vec![s(&lit), Value::None], Some(sp)));
        }
        out
    }

    /// evalx folds `-1` into one constant; CPython's tree keeps `UnaryOp(USub(), Constant(1))`.
    fn unfold_negative(&self, k: &Const, sp: Span) -> Option<Value> {
        if self.char_at(sp.line, sp.col) != Some('-') {
            return None;
        }
        let pos = match k {
            Const::Int(i) => Const::Int(i.checked_neg()?),
            Const::BigInt(b) => {
                let n = -(**b).clone();
                match i64::try_from(&n) {
                    Ok(i) => Const::Int(i),
                    Err(_) => Const::BigInt(Rc::new(n)),
                }
            }
            Const::Float(f) => Const::Float(-f),
            Const::Imag(f) => Const::Imag(-f),
            _ => return None,
        };
        // The operand starts at the next token after `-`.
        let i = self.tok_at(sp)?;
        let next = self.toks.get(i + 1)?.span;
        let inner = self.strip_parens(
            Span {
                line: next.line,
                col: next.col,
                end_line: sp.end_line,
                end_col: sp.end_col,
            },
            false,
        );
        let operand = match self.unfold_negative(&pos, inner) {
            Some(v) => v,
            None => self.constant(&pos, inner),
        };
        Some(self.node("UnaryOp", vec![self.leaf("USub"), operand], Some(sp)))
    }

    fn comps(&self, gens: &[CompFor]) -> Value {
        Value::list(
            gens.iter()
                .map(|g| {
                    self.node(
                        "comprehension",
                        vec![
                            self.expr(&g.target, Ctx::Store),
                            self.expr(&g.iter, Ctx::Load),
                            self.exprs(&g.ifs, Ctx::Load),
                            Value::Int(i64::from(g.is_async)),
                        ],
                        None,
                    )
                })
                .collect(),
        )
    }

    /// A span from the start of token `i` to the end of `end`.
    fn span_from_tok(&self, i: usize, end: Span) -> Span {
        let st = self.toks[i].span;
        Span {
            line: st.line,
            col: st.col,
            end_line: end.end_line,
            end_col: end.end_col,
        }
    }

    /// The span of an argument together with the operator before it (`*x`, `**x`) and, for a keyword,
    /// the `extra` tokens before that (`name=x`): the argument's own span when they are not there.
    fn span_with_prefix(&self, e: &Expr, op: &str, extra: usize) -> Span {
        match self.start_tok(e) {
            Some(i) if i > extra && self.is_op(i - 1, op) => {
                self.span_from_tok(i - 1 - extra, e.span)
            }
            _ => e.span,
        }
    }

    fn call_args(&self, args: &[Arg]) -> (Value, Value) {
        let mut pos = Vec::new();
        let mut kws = Vec::new();
        for a in args {
            match a {
                Arg::Pos(e) => pos.push(self.expr(e, Ctx::Load)),
                Arg::Star(e) => {
                    let sp = self.span_with_prefix(e, "*", 0);
                    pos.push(self.node(
                        "Starred",
                        vec![self.expr(e, Ctx::Load), self.leaf("Load")],
                        Some(sp),
                    ));
                }
                Arg::Kw(name, e) => {
                    let sp = self.span_with_prefix(e, "=", 1);
                    kws.push(self.node(
                        "keyword",
                        vec![Value::Str(name.clone()), self.expr(e, Ctx::Load)],
                        Some(sp),
                    ));
                }
                Arg::StarStar(e) => {
                    let sp = self.span_with_prefix(e, "**", 0);
                    kws.push(self.node(
                        "keyword",
                        vec![Value::None, self.expr(e, Ctx::Load)],
                        Some(sp),
                    ));
                }
            }
        }
        (Value::list(pos), Value::list(kws))
    }

    /// The positions of a function's parameter names, read from the tokens of its header.
    fn param_spans(&self, f: &FuncDef) -> HashMap<RcStrKey, Span> {
        let mut out = HashMap::new();
        let Some(mut i) = self.at.get(&(f.span.line, f.span.col)).copied() else {
            return out;
        };
        // Find the header's opening: `(` after the name for `def`, the `lambda` keyword itself.
        if !f.is_lambda {
            while i < self.toks.len() && !self.is_op(i, "(") {
                i += 1;
            }
        }
        let mut depth = 0i32;
        let mut prev_sep = true;
        i += 1;
        while i < self.toks.len() {
            let t = &self.toks[i];
            match &t.tok {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                Tok::Op(":") if depth == 0 && f.is_lambda => break,
                Tok::Newline | Tok::Eof => break,
                _ => {}
            }
            if depth == 0 {
                if let Tok::Name(n) = &t.tok {
                    if prev_sep {
                        out.entry(n.to_string()).or_insert(t.span);
                    }
                }
                prev_sep = matches!(t.tok, Tok::Op("," | "*" | "**" | "/" | "("));
            }
            i += 1;
        }
        out
    }

    fn arguments(&self, f: &FuncDef) -> Value {
        let spans = self.param_spans(f);
        let p = &f.params;
        let ann: HashMap<&str, &Expr> = p.annotations.iter().map(|(n, e)| (&**n, e)).collect();
        let arg = |name: &RcStr| -> Value {
            let a = ann.get(&**name).copied();
            let sp = spans.get(&**name).copied().map(|sp| match a {
                Some(e) if !f.is_lambda => Span {
                    end_line: e.span.end_line,
                    end_col: e.span.end_col,
                    ..sp
                },
                _ => sp,
            });
            self.node(
                "arg",
                vec![
                    Value::Str(name.clone()),
                    opt(&a.filter(|_| !f.is_lambda), |e| self.annotation(e)),
                    Value::None,
                ],
                sp,
            )
        };
        let posonly: Vec<Value> = p.args[..p.posonly].iter().map(|a| arg(&a.name)).collect();
        let args: Vec<Value> = p.args[p.posonly..].iter().map(|a| arg(&a.name)).collect();
        let defaults: Vec<Value> = p
            .args
            .iter()
            .filter_map(|a| a.default.as_ref().map(|d| self.expr(d, Ctx::Load)))
            .collect();
        let kwonly: Vec<Value> = p.kwonly.iter().map(|a| arg(&a.name)).collect();
        let kw_defaults: Vec<Value> = p
            .kwonly
            .iter()
            .map(|a| opt(&a.default, |d| self.expr(d, Ctx::Load)))
            .collect();
        self.node(
            "arguments",
            vec![
                Value::list(posonly),
                Value::list(args),
                opt(&p.vararg, arg),
                Value::list(kwonly),
                Value::list(kw_defaults),
                opt(&p.kwarg, arg),
                Value::list(defaults),
            ],
            None,
        )
    }

    fn bool_values(&self, e: &Expr, is_and: bool, out: &mut Vec<Value>) {
        let (l, r) = match &e.kind {
            ExprKind::And(l, r) if is_and => (l, r),
            ExprKind::Or(l, r) if !is_and => (l, r),
            _ => unreachable!("bool_values is called on And/Or only"),
        };
        let same = |x: &Expr| match &x.kind {
            ExprKind::And(..) => is_and,
            ExprKind::Or(..) => !is_and,
            _ => false,
        };
        if same(l) && !self.parenthesized(l) {
            self.bool_values(l, is_and, out);
        } else {
            out.push(self.expr(l, Ctx::Load));
        }
        if same(r) && !self.parenthesized(r) {
            self.bool_values(r, is_and, out);
        } else {
            out.push(self.expr(r, Ctx::Load));
        }
    }

    fn expr(&self, e: &Expr, ctx: Ctx) -> Value {
        let keep = matches!(e.kind, ExprKind::Tuple(_));
        let mut span = self.strip_parens(e.span, keep);
        if matches!(e.kind, ExprKind::GenExp(..)) {
            span = self.widen_to_parens(span);
        }
        if let ExprKind::Const(k) = &e.kind {
            if let Some(v) = self.unfold_negative(k, span) {
                return v;
            }
        }
        let sp = Some(span);
        let c = || self.leaf(ctx.name());
        match &e.kind {
            ExprKind::Name(n) => self.node("Name", vec![Value::Str(n.clone()), c()], sp),
            ExprKind::Const(k) => self.constant(k, span),
            ExprKind::FString(parts) => {
                self.node("JoinedStr", vec![Value::list(self.fparts(parts, span))], sp)
            }
            ExprKind::List(es) => self.node("List", vec![self.exprs(es, ctx), c()], sp),
            ExprKind::Tuple(es) => self.node("Tuple", vec![self.exprs(es, ctx), c()], sp),
            ExprKind::Set(es) => self.node("Set", vec![self.exprs(es, Ctx::Load)], sp),
            ExprKind::Dict(items) => {
                let keys = items
                    .iter()
                    .map(|(k, _)| opt(k, |k| self.expr(k, Ctx::Load)))
                    .collect();
                let vals = items.iter().map(|(_, v)| self.expr(v, Ctx::Load)).collect();
                self.node("Dict", vec![Value::list(keys), Value::list(vals)], sp)
            }
            ExprKind::Starred(v) => self.node("Starred", vec![self.expr(v, ctx), c()], sp),
            ExprKind::BinOp(l, op, r) => self.node(
                "BinOp",
                vec![
                    self.expr(l, Ctx::Load),
                    self.binop(*op),
                    self.expr(r, Ctx::Load),
                ],
                sp,
            ),
            ExprKind::UnaryOp(op, v) => {
                let op = self.leaf(match op {
                    UnOp::Neg => "USub",
                    UnOp::Pos => "UAdd",
                    UnOp::Invert => "Invert",
                    UnOp::Not => "Not",
                });
                self.node("UnaryOp", vec![op, self.expr(v, Ctx::Load)], sp)
            }
            ExprKind::And(..) | ExprKind::Or(..) => {
                let is_and = matches!(e.kind, ExprKind::And(..));
                let mut vals = Vec::new();
                self.bool_values(e, is_and, &mut vals);
                let op = self.leaf(if is_and { "And" } else { "Or" });
                self.node("BoolOp", vec![op, Value::list(vals)], sp)
            }
            ExprKind::Compare(l, rest) => {
                let ops = rest.iter().map(|(op, _)| self.cmpop(*op)).collect();
                let cmps = rest.iter().map(|(_, x)| self.expr(x, Ctx::Load)).collect();
                self.node(
                    "Compare",
                    vec![self.expr(l, Ctx::Load), Value::list(ops), Value::list(cmps)],
                    sp,
                )
            }
            ExprKind::Call(f, args) => {
                let (pos, kws) = self.call_args(args);
                self.node("Call", vec![self.expr(f, Ctx::Load), pos, kws], sp)
            }
            ExprKind::Attr(v, name) => self.node(
                "Attribute",
                vec![self.expr(v, Ctx::Load), Value::Str(name.clone()), c()],
                sp,
            ),
            ExprKind::Subscript(v, idx) => self.node(
                "Subscript",
                vec![self.expr(v, Ctx::Load), self.expr(idx, Ctx::Load), c()],
                sp,
            ),
            ExprKind::Slice(a, b, st) => {
                let f = |x: &Option<Box<Expr>>| opt(x, |x| self.expr(x, Ctx::Load));
                self.node("Slice", vec![f(a), f(b), f(st)], sp)
            }
            ExprKind::IfExp(test, body, orelse) => self.node(
                "IfExp",
                vec![
                    self.expr(test, Ctx::Load),
                    self.expr(body, Ctx::Load),
                    self.expr(orelse, Ctx::Load),
                ],
                sp,
            ),
            ExprKind::Lambda(fd) => {
                let body = match fd.body.first().map(|st| &st.kind) {
                    Some(StmtKind::Return(Some(x))) => self.expr(x, Ctx::Load),
                    Some(StmtKind::Expr(x)) => self.expr(x, Ctx::Load),
                    _ => self.node("Constant", vec![Value::None, Value::None], sp),
                };
                self.node("Lambda", vec![self.arguments(fd), body], sp)
            }
            ExprKind::ListComp(elt, g) => self.node(
                "ListComp",
                vec![self.expr(elt, Ctx::Load), self.comps(g)],
                sp,
            ),
            ExprKind::SetComp(elt, g) => self.node(
                "SetComp",
                vec![self.expr(elt, Ctx::Load), self.comps(g)],
                sp,
            ),
            ExprKind::GenExp(elt, g) => self.node(
                "GeneratorExp",
                vec![self.expr(elt, Ctx::Load), self.comps(g)],
                sp,
            ),
            ExprKind::DictComp(k, v, g) => self.node(
                "DictComp",
                vec![
                    self.expr(k, Ctx::Load),
                    self.expr(v, Ctx::Load),
                    self.comps(g),
                ],
                sp,
            ),
            ExprKind::Yield(v) => self.node("Yield", vec![opt(v, |v| self.expr(v, Ctx::Load))], sp),
            ExprKind::YieldFrom(v) => self.node("YieldFrom", vec![self.expr(v, Ctx::Load)], sp),
            ExprKind::Await(v) => self.node("Await", vec![self.expr(v, Ctx::Load)], sp),
            ExprKind::NamedExpr(n, v) => {
                let nsp = Span {
                    line: span.line,
                    col: span.col,
                    end_line: span.line,
                    end_col: span.col + n.chars().count() as u32,
                };
                let target = self.node(
                    "Name",
                    vec![Value::Str(n.clone()), self.leaf("Store")],
                    Some(nsp),
                );
                self.node("NamedExpr", vec![target, self.expr(v, Ctx::Load)], sp)
            }
        }
    }

    /// `import a.b as c` / `from m import x as y`: alias nodes with the positions of their tokens.
    fn aliases(&self, st: &Stmt, names: &[(RcStr, Option<RcStr>)], from: bool) -> Value {
        let mut i = self.tok_at(st.span).unwrap_or(usize::MAX);
        if from {
            // Skip `from <module> import`.
            while i < self.toks.len() && self.toks[i].tok != Tok::Name("import".into()) {
                i += 1;
            }
        }
        i = i.saturating_add(1);
        let mut out = Vec::new();
        for (name, asname) in names {
            while i < self.toks.len() && matches!(self.toks[i].tok, Tok::Op("(" | ",")) {
                i += 1;
            }
            let mut sp = None;
            if i < self.toks.len() {
                let start = self.toks[i].span;
                // The dotted name's pieces, then `as name`.
                let parts = if &**name == "*" {
                    1
                } else {
                    name.split('.').count() * 2 - 1
                };
                let mut j = i + parts - 1;
                if asname.is_some() {
                    j += 2;
                }
                if let Some(end) = self.toks.get(j) {
                    sp = Some(Span {
                        line: start.line,
                        col: start.col,
                        end_line: end.span.end_line,
                        end_col: end.span.end_col,
                    });
                }
                i = j + 1;
            }
            out.push(self.node(
                "alias",
                vec![
                    Value::Str(name.clone()),
                    opt(asname, |a| Value::Str(a.clone())),
                ],
                sp,
            ));
        }
        Value::list(out)
    }

    fn with_items(&self, items: &[(Expr, Option<Expr>)]) -> Value {
        Value::list(
            items
                .iter()
                .map(|(cm, var)| {
                    self.node(
                        "withitem",
                        vec![
                            self.expr(cm, Ctx::Load),
                            opt(var, |v| self.expr(v, Ctx::Store)),
                        ],
                        None,
                    )
                })
                .collect(),
        )
    }

    fn funcdef(&self, f: &FuncDef, sp: Span) -> Value {
        let returns = f
            .params
            .annotations
            .iter()
            .find(|(n, _)| &**n == "return")
            .map(|(_, e)| e);
        self.node(
            if f.is_async {
                "AsyncFunctionDef"
            } else {
                "FunctionDef"
            },
            vec![
                Value::Str(f.name.clone()),
                self.arguments(f),
                self.stmts(&f.body),
                self.exprs(&f.decorators, Ctx::Load),
                opt(&returns, |e| self.annotation(e)),
                Value::None,
            ],
            Some(sp),
        )
    }

    /// A decorated `def`/`class` starts at its keyword, not at its first decorator.
    fn def_span(&self, st: &Stmt, decorators: &[Expr]) -> Span {
        let sp = full_span(st);
        let Some(last) = decorators.last() else {
            return sp;
        };
        let after = (last.span.end_line, last.span.end_col);
        for t in &self.toks {
            if (t.span.line, t.span.col) >= after {
                if let Tok::Name(n) = &t.tok {
                    if matches!(&**n, "def" | "class" | "async") {
                        return Span {
                            line: t.span.line,
                            col: t.span.col,
                            ..sp
                        };
                    }
                }
            }
        }
        sp
    }

    fn stmt(&self, st: &Stmt) -> Value {
        let sp = Some(match &st.kind {
            StmtKind::FuncDef(f) => self.def_span(st, &f.decorators),
            StmtKind::ClassDef(c) => self.def_span(st, &c.decorators),
            _ => full_span(st),
        });
        let none = || Value::None;
        match &st.kind {
            StmtKind::Expr(e) => self.node("Expr", vec![self.expr(e, Ctx::Load)], sp),
            StmtKind::Assign(targets, v) => self.node(
                "Assign",
                vec![
                    self.exprs(targets, Ctx::Store),
                    self.expr(v, Ctx::Load),
                    none(),
                ],
                sp,
            ),
            StmtKind::AugAssign(t, op, v) => self.node(
                "AugAssign",
                vec![
                    self.expr(t, Ctx::Store),
                    self.binop(*op),
                    self.expr(v, Ctx::Load),
                ],
                sp,
            ),
            StmtKind::AnnAssign(t, ann, v) => {
                let simple = matches!(t.kind, ExprKind::Name(_))
                    && self.char_at(st.span.line, st.span.col) != Some('(');
                self.node(
                    "AnnAssign",
                    vec![
                        self.expr(t, Ctx::Store),
                        self.annotation(ann),
                        opt(v, |v| self.expr(v, Ctx::Load)),
                        Value::Int(i64::from(simple)),
                    ],
                    sp,
                )
            }
            StmtKind::If(test, body, orelse) => self.node(
                "If",
                vec![
                    self.expr(test, Ctx::Load),
                    self.stmts(body),
                    self.stmts(orelse),
                ],
                sp,
            ),
            StmtKind::While(test, body, orelse) => self.node(
                "While",
                vec![
                    self.expr(test, Ctx::Load),
                    self.stmts(body),
                    self.stmts(orelse),
                ],
                sp,
            ),
            StmtKind::For(t, iter, body, orelse) | StmtKind::AsyncFor(t, iter, body, orelse) => {
                self.node(
                    if matches!(st.kind, StmtKind::For(..)) {
                        "For"
                    } else {
                        "AsyncFor"
                    },
                    vec![
                        self.expr(t, Ctx::Store),
                        self.expr(iter, Ctx::Load),
                        self.stmts(body),
                        self.stmts(orelse),
                        none(),
                    ],
                    sp,
                )
            }
            StmtKind::Break => self.node("Break", vec![], sp),
            StmtKind::Continue => self.node("Continue", vec![], sp),
            StmtKind::Pass => self.node("Pass", vec![], sp),
            StmtKind::Return(v) => {
                self.node("Return", vec![opt(v, |v| self.expr(v, Ctx::Load))], sp)
            }
            StmtKind::FuncDef(f) => self.funcdef(f, self.def_span(st, &f.decorators)),
            StmtKind::ClassDef(c) => {
                let (bases, kws) = self.call_args(&c.bases);
                self.node(
                    "ClassDef",
                    vec![
                        Value::Str(c.name.clone()),
                        bases,
                        kws,
                        self.stmts(&c.body),
                        self.exprs(&c.decorators, Ctx::Load),
                    ],
                    sp,
                )
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                let hs = handlers
                    .iter()
                    .map(|h| {
                        self.node(
                            "ExceptHandler",
                            vec![
                                opt(&h.typ, |t| self.expr(t, Ctx::Load)),
                                opt(&h.name, |n| Value::Str(n.clone())),
                                self.stmts(&h.body),
                            ],
                            Some(block_end(h.span, &h.body)),
                        )
                    })
                    .collect();
                self.node(
                    "Try",
                    vec![
                        self.stmts(body),
                        Value::list(hs),
                        self.stmts(orelse),
                        self.stmts(finalbody),
                    ],
                    sp,
                )
            }
            StmtKind::Raise(exc, cause) => self.node(
                "Raise",
                vec![
                    opt(exc, |e| self.expr(e, Ctx::Load)),
                    opt(cause, |e| self.expr(e, Ctx::Load)),
                ],
                sp,
            ),
            StmtKind::Global(names) | StmtKind::Nonlocal(names) => self.node(
                if matches!(st.kind, StmtKind::Global(_)) {
                    "Global"
                } else {
                    "Nonlocal"
                },
                vec![Value::list(
                    names.iter().map(|n| Value::Str(n.clone())).collect(),
                )],
                sp,
            ),
            StmtKind::Del(targets) => self.node("Delete", vec![self.exprs(targets, Ctx::Del)], sp),
            StmtKind::Assert(t, msg) => self.node(
                "Assert",
                vec![
                    self.expr(t, Ctx::Load),
                    opt(msg, |m| self.expr(m, Ctx::Load)),
                ],
                sp,
            ),
            StmtKind::Import(names) => {
                self.node("Import", vec![self.aliases(st, names, false)], sp)
            }
            StmtKind::ImportFrom(m, names) => {
                let level = m.chars().take_while(|c| *c == '.').count();
                let module = &m[level..];
                self.node(
                    "ImportFrom",
                    vec![
                        if module.is_empty() {
                            Value::None
                        } else {
                            s(module)
                        },
                        self.aliases(st, names, true),
                        Value::Int(level as i64),
                    ],
                    sp,
                )
            }
            StmtKind::With(items, body) | StmtKind::AsyncWith(items, body) => self.node(
                if matches!(st.kind, StmtKind::With(..)) {
                    "With"
                } else {
                    "AsyncWith"
                },
                vec![self.with_items(items), self.stmts(body), none()],
                sp,
            ),
            StmtKind::Match(subject, cases) => {
                let cs = cases
                    .iter()
                    .map(|c| {
                        self.node(
                            "match_case",
                            vec![
                                self.pattern(&c.pattern),
                                opt(&c.guard, |g| self.expr(g, Ctx::Load)),
                                self.stmts(&c.body),
                            ],
                            None,
                        )
                    })
                    .collect();
                self.node(
                    "Match",
                    vec![self.expr(subject, Ctx::Load), Value::list(cs)],
                    sp,
                )
            }
        }
    }

    fn pattern(&self, p: &Pattern) -> Value {
        let sp = Some(p.span);
        let name = |n: &Option<RcStr>| opt(n, |n| Value::Str(n.clone()));
        let pats = |ps: &[Pattern]| Value::list(ps.iter().map(|p| self.pattern(p)).collect());
        match &p.kind {
            PatKind::Value(e) => self.node("MatchValue", vec![self.expr(e, Ctx::Load)], sp),
            PatKind::Singleton(e) => {
                let v = match &e.kind {
                    ExprKind::Const(Const::True) => Value::bool(true),
                    ExprKind::Const(Const::False) => Value::bool(false),
                    _ => Value::None,
                };
                self.node("MatchSingleton", vec![v], sp)
            }
            PatKind::Capture(n) => self.node("MatchAs", vec![Value::None, name(n)], sp),
            PatKind::Sequence(ps) => self.node("MatchSequence", vec![pats(ps)], sp),
            PatKind::Star(n) => self.node("MatchStar", vec![name(n)], sp),
            PatKind::Mapping(items, rest) => {
                let keys = items.iter().map(|(k, _)| self.expr(k, Ctx::Load)).collect();
                let ps = items.iter().map(|(_, p)| self.pattern(p)).collect();
                self.node(
                    "MatchMapping",
                    vec![Value::list(keys), Value::list(ps), name(rest)],
                    sp,
                )
            }
            PatKind::Class(cls, ps, kws) => self.node(
                "MatchClass",
                vec![
                    self.expr(cls, Ctx::Load),
                    pats(ps),
                    Value::list(kws.iter().map(|(k, _)| Value::Str(k.clone())).collect()),
                    Value::list(kws.iter().map(|(_, p)| self.pattern(p)).collect()),
                ],
                sp,
            ),
            PatKind::Or(ps) => self.node("MatchOr", vec![pats(ps)], sp),
            PatKind::As(inner, n) => self.node(
                "MatchAs",
                vec![self.pattern(inner), Value::Str(n.clone())],
                sp,
            ),
        }
    }
}

type RcStrKey = String;

/// `span` ending where the last statement of `body` ends (CPython's compound statements end there).
fn block_end(span: Span, body: &[Stmt]) -> Span {
    match body.last() {
        Some(last) => {
            let e = full_span(last);
            Span {
                end_line: e.end_line,
                end_col: e.end_col,
                ..span
            }
        }
        None => span,
    }
}

/// A statement's span as CPython gives it: a compound statement runs to the end of its last block.
fn full_span(st: &Stmt) -> Span {
    let last: &[Stmt] = match &st.kind {
        StmtKind::If(_, body, orelse)
        | StmtKind::While(_, body, orelse)
        | StmtKind::For(_, _, body, orelse)
        | StmtKind::AsyncFor(_, _, body, orelse) => {
            if orelse.is_empty() {
                body
            } else {
                orelse
            }
        }
        StmtKind::With(_, body) | StmtKind::AsyncWith(_, body) => body,
        StmtKind::FuncDef(f) => &f.body,
        StmtKind::ClassDef(c) => &c.body,
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            if !finalbody.is_empty() {
                finalbody
            } else if !orelse.is_empty() {
                orelse
            } else if let Some(h) = handlers.last() {
                &h.body
            } else {
                body
            }
        }
        StmtKind::Match(_, cases) => match cases.last() {
            Some(c) => &c.body,
            None => &[],
        },
        _ => &[],
    };
    block_end(st.span, last)
}

/// Moves an expression parsed from an annotation's text to where that text sits in the source.
fn shift(e: &mut Expr, at: Span) {
    fn sp(s: &mut Span, at: Span) {
        if s.line == 1 {
            s.col += at.col;
        }
        if s.end_line == 1 {
            s.end_col += at.col;
        }
        s.line += at.line - 1;
        s.end_line += at.line - 1;
    }
    sp(&mut e.span, at);
    match &mut e.kind {
        ExprKind::List(es) | ExprKind::Tuple(es) | ExprKind::Set(es) => {
            es.iter_mut().for_each(|x| shift(x, at));
        }
        ExprKind::Starred(x) | ExprKind::UnaryOp(_, x) | ExprKind::Attr(x, _) => shift(x, at),
        ExprKind::BinOp(a, _, b)
        | ExprKind::And(a, b)
        | ExprKind::Or(a, b)
        | ExprKind::Subscript(a, b) => {
            shift(a, at);
            shift(b, at);
        }
        ExprKind::Compare(a, rest) => {
            shift(a, at);
            rest.iter_mut().for_each(|(_, x)| shift(x, at));
        }
        ExprKind::Call(f, args) => {
            shift(f, at);
            for a in args {
                match a {
                    Arg::Pos(x) | Arg::Star(x) | Arg::Kw(_, x) | Arg::StarStar(x) => shift(x, at),
                }
            }
        }
        ExprKind::Slice(a, b, c) => {
            for x in [a, b, c].into_iter().flatten() {
                shift(x, at);
            }
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                if let Some(k) = k {
                    shift(k, at);
                }
                shift(v, at);
            }
        }
        _ => {}
    }
}
