//! Fine-grained error locations in tracebacks (PEP 657): the caret line CPython 3.11 prints under a
//! traceback's source line, `~~~^^^^^` under the part of the line that failed.
//!
//! The tree IR carries no columns (they would cost every node space for a cold path). Instead, when an
//! expression fails, the evaluator notes a [`Probe`] of the failing node (its kind, name or operator, and
//! its first operand's); when the exception leaves the frame, the probe and the module's source go with the
//! traceback entry; and only when a traceback is rendered is the source parsed again and the expression on
//! that line that matches the probe located. A probe that matches nothing gives no carets, as before.

use super::*;
use crate::ast::{Arg, BinOp, CmpOp, CompFor, Expr, ExprKind, FPart, Stmt, StmtKind, UnOp};
use crate::lexer::Span;

/// A failing expression's shape, kept without pointers into the code.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Name(RcStr),
    /// A constant, with its value when it is a str or an int (to tell `d["a"]` from `d["b"]`).
    Const(Option<Key>),
    Attr(RcStr),
    Call,
    Subscript,
    Bin(BinOp),
    Unary(UnOp),
    Compare(CmpOp),
    Comp,
    Await,
    /// Anything else: matches any node.
    Any,
}

/// A constant's value, as far as probes tell constants apart.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Key {
    Int(i64),
    Str(RcStr),
}

/// What the evaluator notes about a failing expression: its shape and its two operands'.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Probe {
    pub(crate) top: Shape,
    pub(crate) child: Shape,
    pub(crate) second: Shape,
}

/// A traceback entry's position data until the traceback is rendered.
#[derive(Debug, Clone)]
pub(crate) struct PendingPos {
    /// Index of the entry in `Exc::tb`.
    pub(crate) entry: usize,
    pub(crate) probe: Option<Probe>,
    pub(crate) source: RcStr,
    /// The frame is a lambda's: its failing part is looked for inside the line's lambda bodies.
    pub(crate) in_lambda: bool,
}

thread_local! {
    /// Whether the expression walk enters lambda bodies (only for a lambda's own frame).
    static INTO_LAMBDAS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn shape(e: &Ex) -> Shape {
    match e {
        Ex::Const(Value::Int(i)) => Shape::Const(Some(Key::Int(*i))),
        Ex::Const(Value::Str(t)) => Shape::Const(Some(Key::Str(t.clone()))),
        Ex::Const(_) => Shape::Const(None),
        Ex::Local(_, n)
        | Ex::Deref(_, n)
        | Ex::Global(n, _)
        | Ex::Name(n, _)
        | Ex::ClassDeref(n, _) => Shape::Name(n.clone()),
        Ex::Bin(_, op, _) | Ex::BinLI(_, _, op, _) | Ex::BinLL(_, _, op) => Shape::Bin(*op),
        Ex::Unary(op, _) => Shape::Unary(*op),
        Ex::Cmp(_, op, _) | Ex::CmpLI(_, _, op, _) => Shape::Compare(*op),
        Ex::CmpChain(_, rest) => rest
            .first()
            .map_or(Shape::Any, |(op, _)| Shape::Compare(*op)),
        Ex::Call(..) | Ex::CallKw(..) | Ex::CallFrame(..) | Ex::CallMethod(..) => Shape::Call,
        Ex::Attr(_, n, ..) => Shape::Attr(n.clone()),
        Ex::Index(..) => Shape::Subscript,
        Ex::Comp(..) => Shape::Comp,
        Ex::Await(_) => Shape::Await,
        Ex::Line(_, e) => shape(e),
        _ => Shape::Any,
    }
}

/// The probe of a failing node: `None` for nodes whose failure CPython does not point at.
pub(crate) fn probe(e: &Ex) -> Option<Probe> {
    let e = match e {
        Ex::Line(_, e) => e,
        e => e,
    };
    let child = match e {
        Ex::Bin(l, ..)
        | Ex::Cmp(l, ..)
        | Ex::CmpChain(l, _)
        | Ex::Index(l, _)
        | Ex::Attr(l, ..) => shape(l),
        Ex::BinLI(_, n, ..) | Ex::CmpLI(_, n, ..) => Shape::Name(n.clone()),
        Ex::Call(f, _) | Ex::CallKw(f, _) | Ex::CallFrame(f, _) => shape(f),
        Ex::CallMethod(_, name, ..) => Shape::Attr(name.clone()),
        Ex::Local(..) | Ex::Deref(..) | Ex::Global(..) | Ex::Name(..) | Ex::ClassDeref(..) => {
            Shape::Any
        }
        Ex::Unary(_, a) | Ex::Await(a) => shape(a),
        Ex::Comp(..) => Shape::Any,
        _ => return None,
    };
    let second = match e {
        Ex::Bin(_, _, r) | Ex::Cmp(_, _, r) | Ex::Index(_, r) => shape(r),
        Ex::BinLI(_, _, _, k) | Ex::CmpLI(_, _, _, k) => Shape::Const(Some(Key::Int(*k))),
        // A call's first argument tells `f(1) + f(0)`'s two calls apart.
        Ex::Call(_, a) => a.first().map_or(Shape::Any, shape),
        Ex::CallMethod(_, _, a, ..) => a.first().map_or(Shape::Any, shape),
        Ex::CallKw(_, a) | Ex::CallFrame(_, a) => match a.first() {
            Some(ArgX::Pos(x)) => shape(x),
            _ => Shape::Any,
        },
        _ => Shape::Any,
    };
    Some(Probe {
        top: shape(e),
        child,
        second,
    })
}

fn shape_matches(s: &Shape, e: &Expr) -> bool {
    match (s, &e.kind) {
        (Shape::Any, _) => true,
        (Shape::Name(n), ExprKind::Name(m)) => n == m,
        (Shape::Const(None), ExprKind::Const(_)) => true,
        (Shape::Const(Some(Key::Int(i))), ExprKind::Const(crate::ast::Const::Int(j))) => i == j,
        (Shape::Const(Some(Key::Str(t))), ExprKind::Const(crate::ast::Const::Str(u))) => t == u,
        (Shape::Attr(n), ExprKind::Attr(_, m)) => n == m,
        (Shape::Call, ExprKind::Call(..)) => true,
        (Shape::Subscript, ExprKind::Subscript(..)) => true,
        (Shape::Bin(op), ExprKind::BinOp(_, o, _)) => op == o,
        (Shape::Unary(op), ExprKind::UnaryOp(o, _)) => op == o,
        (Shape::Compare(op), ExprKind::Compare(_, rest)) => {
            rest.first().is_some_and(|(o, _)| o == op)
        }
        (
            Shape::Comp,
            ExprKind::ListComp(..)
            | ExprKind::SetComp(..)
            | ExprKind::DictComp(..)
            | ExprKind::GenExp(..),
        ) => true,
        (Shape::Await, ExprKind::Await(_)) => true,
        _ => false,
    }
}

fn first_operand(e: &Expr) -> Option<&Expr> {
    match &e.kind {
        ExprKind::BinOp(l, ..)
        | ExprKind::Compare(l, _)
        | ExprKind::Subscript(l, _)
        | ExprKind::Attr(l, _)
        | ExprKind::Call(l, _)
        | ExprKind::UnaryOp(_, l)
        | ExprKind::Await(l) => Some(l),
        _ => None,
    }
}

fn second_operand(e: &Expr) -> Option<&Expr> {
    match &e.kind {
        ExprKind::BinOp(_, _, r) | ExprKind::Subscript(_, r) => Some(r),
        ExprKind::Call(_, args) => match args.first() {
            Some(Arg::Pos(a)) => Some(a),
            _ => None,
        },
        ExprKind::Compare(_, rest) => rest.first().map(|(_, r)| r),
        _ => None,
    }
}

fn probe_matches(p: &Probe, e: &Expr) -> bool {
    let operand = |s: &Shape, o: Option<&Expr>| match (s, o) {
        (Shape::Any, _) | (_, None) => true,
        (s, Some(o)) => shape_matches(s, o),
    };
    shape_matches(&p.top, e)
        && operand(&p.child, first_operand(e))
        && operand(&p.second, second_operand(e))
}

/// Every expression of a statement tree, outer before inner, in source order.
fn walk_stmts<'a>(body: &'a [Stmt], f: &mut dyn FnMut(&'a Expr) -> bool) -> bool {
    body.iter().any(|s| walk_stmt(s, f))
}

fn walk_stmt<'a>(s: &'a Stmt, f: &mut dyn FnMut(&'a Expr) -> bool) -> bool {
    let ex = |e: &'a Expr, f: &mut dyn FnMut(&'a Expr) -> bool| walk_expr(e, f);
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => ex(e, f),
        StmtKind::Assign(ts, v) => ts.iter().any(|t| ex(t, f)) || ex(v, f),
        StmtKind::AugAssign(t, _, v) => ex(t, f) || ex(v, f),
        StmtKind::AnnAssign(t, a, v) => {
            ex(t, f) || ex(a, f) || v.as_ref().is_some_and(|v| ex(v, f))
        }
        StmtKind::If(c, a, b) | StmtKind::While(c, a, b) => {
            ex(c, f) || walk_stmts(a, f) || walk_stmts(b, f)
        }
        StmtKind::For(t, i, a, b) | StmtKind::AsyncFor(t, i, a, b) => {
            ex(t, f) || ex(i, f) || walk_stmts(a, f) || walk_stmts(b, f)
        }
        StmtKind::FuncDef(d) => {
            d.decorators.iter().any(|e| ex(e, f))
                || d.params
                    .args
                    .iter()
                    .chain(&d.params.kwonly)
                    .any(|p| p.default.as_ref().is_some_and(|e| ex(e, f)))
                || walk_stmts(&d.body, f)
        }
        StmtKind::ClassDef(c) => {
            c.decorators.iter().any(|e| ex(e, f))
                || c.bases.iter().any(|a| walk_arg(a, f))
                || walk_stmts(&c.body, f)
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            walk_stmts(body, f)
                || handlers
                    .iter()
                    .any(|h| h.typ.as_ref().is_some_and(|e| ex(e, f)) || walk_stmts(&h.body, f))
                || walk_stmts(orelse, f)
                || walk_stmts(finalbody, f)
        }
        StmtKind::Raise(a, b) => {
            a.as_ref().is_some_and(|e| ex(e, f)) || b.as_ref().is_some_and(|e| ex(e, f))
        }
        StmtKind::Assert(t, m) => ex(t, f) || m.as_ref().is_some_and(|e| ex(e, f)),
        StmtKind::Del(ts) => ts.iter().any(|t| ex(t, f)),
        StmtKind::With(items, body) | StmtKind::AsyncWith(items, body) => {
            items
                .iter()
                .any(|(c, t)| ex(c, f) || t.as_ref().is_some_and(|t| ex(t, f)))
                || walk_stmts(body, f)
        }
        StmtKind::Match(subject, cases) => {
            ex(subject, f)
                || cases
                    .iter()
                    .any(|c| c.guard.as_ref().is_some_and(|g| ex(g, f)) || walk_stmts(&c.body, f))
        }
        _ => false,
    }
}

fn walk_arg<'a>(a: &'a Arg, f: &mut dyn FnMut(&'a Expr) -> bool) -> bool {
    match a {
        Arg::Pos(e) | Arg::Star(e) | Arg::Kw(_, e) | Arg::StarStar(e) => walk_expr(e, f),
    }
}

fn walk_comp<'a>(gens: &'a [CompFor], f: &mut dyn FnMut(&'a Expr) -> bool) -> bool {
    gens.iter().any(|g| {
        walk_expr(&g.target, f) || walk_expr(&g.iter, f) || g.ifs.iter().any(|e| walk_expr(e, f))
    })
}

fn walk_fparts<'a>(parts: &'a [FPart], f: &mut dyn FnMut(&'a Expr) -> bool) -> bool {
    parts.iter().any(|p| match p {
        FPart::Lit(_) => false,
        FPart::Field { expr, spec, .. } => walk_expr(expr, f) || walk_fparts(spec, f),
    })
}

/// Visits `e` and then its sub-expressions; stops (returning true) when `f` does.
fn walk_expr<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr) -> bool) -> bool {
    if f(e) {
        return true;
    }
    let opt = |o: &'a Option<Box<Expr>>, f: &mut dyn FnMut(&'a Expr) -> bool| {
        o.as_ref().is_some_and(|e| walk_expr(e, f))
    };
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Const(_) => false,
        ExprKind::Lambda(def) => INTO_LAMBDAS.get() && walk_stmts(&def.body, f),
        ExprKind::FString(parts) => walk_fparts(parts, f),
        ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::Set(v) => {
            v.iter().any(|e| walk_expr(e, f))
        }
        ExprKind::Dict(items) => items
            .iter()
            .any(|(k, v)| k.as_ref().is_some_and(|k| walk_expr(k, f)) || walk_expr(v, f)),
        ExprKind::Starred(a)
        | ExprKind::UnaryOp(_, a)
        | ExprKind::YieldFrom(a)
        | ExprKind::Await(a) => walk_expr(a, f),
        ExprKind::NamedExpr(_, a) | ExprKind::Attr(a, _) => walk_expr(a, f),
        ExprKind::BinOp(a, _, b)
        | ExprKind::And(a, b)
        | ExprKind::Or(a, b)
        | ExprKind::Subscript(a, b) => walk_expr(a, f) || walk_expr(b, f),
        ExprKind::Compare(a, rest) => walk_expr(a, f) || rest.iter().any(|(_, e)| walk_expr(e, f)),
        ExprKind::Call(func, args) => walk_expr(func, f) || args.iter().any(|a| walk_arg(a, f)),
        ExprKind::Slice(a, b, c) => opt(a, f) || opt(b, f) || opt(c, f),
        ExprKind::IfExp(a, b, c) => walk_expr(a, f) || walk_expr(b, f) || walk_expr(c, f),
        ExprKind::ListComp(a, g) | ExprKind::SetComp(a, g) | ExprKind::GenExp(a, g) => {
            walk_expr(a, f) || walk_comp(g, f)
        }
        ExprKind::DictComp(a, b, g) => walk_expr(a, f) || walk_expr(b, f) || walk_comp(g, f),
        ExprKind::Yield(a) => opt(a, f),
    }
}

fn is_simple(s: &Stmt) -> bool {
    matches!(
        s.kind,
        StmtKind::Expr(_)
            | StmtKind::Assign(..)
            | StmtKind::AugAssign(..)
            | StmtKind::AnnAssign(..)
            | StmtKind::Return(_)
            | StmtKind::Raise(..)
            | StmtKind::Del(_)
            | StmtKind::Assert(..)
    )
}

/// The last line of the innermost simple statement that covers `line` (`line` itself when none does): a
/// failure noted at a statement's line may lie on any of its continuation lines.
fn statement_end(body: &[Stmt], line: u32) -> u32 {
    let mut end = line;
    walk_stmts_all(body, &mut |s| {
        if is_simple(s) && s.span.line <= line && line <= s.span.end_line {
            end = end.max(s.span.end_line);
        }
    });
    end
}

/// Visits every statement, compound bodies included.
fn walk_stmts_all<'a>(body: &'a [Stmt], f: &mut dyn FnMut(&'a Stmt)) {
    for s in body {
        f(s);
        match &s.kind {
            StmtKind::If(_, a, b)
            | StmtKind::While(_, a, b)
            | StmtKind::For(_, _, a, b)
            | StmtKind::AsyncFor(_, _, a, b) => {
                walk_stmts_all(a, f);
                walk_stmts_all(b, f);
            }
            StmtKind::FuncDef(d) => walk_stmts_all(&d.body, f),
            StmtKind::ClassDef(c) => walk_stmts_all(&c.body, f),
            StmtKind::With(_, b) | StmtKind::AsyncWith(_, b) => walk_stmts_all(b, f),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                walk_stmts_all(body, f);
                for h in handlers {
                    walk_stmts_all(&h.body, f);
                }
                walk_stmts_all(orelse, f);
                walk_stmts_all(finalbody, f);
            }
            StmtKind::Match(_, cases) => {
                for c in cases {
                    walk_stmts_all(&c.body, f);
                }
            }
            _ => {}
        }
    }
}

/// Where CPython 3.11 puts an attribute access that spans lines (`(obj\n .name)`): at the name, on its own
/// line (the compiler moves the instruction's start there).
fn attr_position(span: Span, e: Option<&Expr>) -> Span {
    match e.map(|e| &e.kind) {
        Some(ExprKind::Attr(_, name)) if span.end_line != span.line => {
            let n = name.chars().count() as u32;
            Span {
                line: span.end_line,
                col: span.end_col.saturating_sub(n),
                end_line: span.end_line,
                end_col: span.end_col,
            }
        }
        _ => span,
    }
}

/// The innermost simple statement that starts on `line` (for failures of the statement itself).
/// The statements from the first simple statement on `line` to the end of its block (those after it on
/// the same line follow a `;`).
fn stmt_on_line(body: &[Stmt], line: u32) -> Option<&[Stmt]> {
    for (i, s) in body.iter().enumerate() {
        if s.span.line > line {
            break;
        }
        let inner: Option<&[Stmt]> = match &s.kind {
            StmtKind::If(_, a, b)
            | StmtKind::While(_, a, b)
            | StmtKind::For(_, _, a, b)
            | StmtKind::AsyncFor(_, _, a, b) => {
                stmt_on_line(a, line).or_else(|| stmt_on_line(b, line))
            }
            StmtKind::FuncDef(d) => stmt_on_line(&d.body, line),
            StmtKind::ClassDef(c) => stmt_on_line(&c.body, line),
            StmtKind::With(_, b) | StmtKind::AsyncWith(_, b) => stmt_on_line(b, line),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => stmt_on_line(body, line)
                .or_else(|| handlers.iter().find_map(|h| stmt_on_line(&h.body, line)))
                .or_else(|| stmt_on_line(orelse, line))
                .or_else(|| stmt_on_line(finalbody, line)),
            StmtKind::Match(_, cases) => cases.iter().find_map(|c| stmt_on_line(&c.body, line)),
            _ => None,
        };
        if inner.is_some() {
            return inner;
        }
        if s.span.line == line && is_simple(s) {
            return Some(&body[i..]);
        }
    }
    None
}

/// What the exception says about itself, for failures that no expression probe describes.
#[derive(Debug, Default)]
pub(crate) struct Failure {
    /// `AttributeError`'s missing name.
    pub(crate) attribute: Option<String>,
    /// `NameError`'s name.
    pub(crate) name: Option<String>,
    /// An unpacking failure (`cannot unpack`, `not enough values`, `too many values`).
    pub(crate) unpack: bool,
    /// A failure to read or write an item (`KeyError`, `IndexError`, an immutable or unsubscriptable
    /// container): in an augmented assignment, CPython points at its target.
    pub(crate) item: bool,
    /// The item failure was a store into an immutable container (`does not support item assignment`).
    pub(crate) item_store: bool,
}

impl Failure {
    pub(crate) fn of(type_name: &str, message: &str) -> Failure {
        let quoted = |after: &str| {
            let i = message.rfind(after)? + after.len();
            let rest = &message[i..];
            Some(rest[..rest.find('\'')?].to_string())
        };
        Failure {
            attribute: (type_name == "AttributeError")
                .then(|| quoted("attribute '"))
                .flatten(),
            name: matches!(type_name, "NameError" | "UnboundLocalError")
                .then(|| quoted("name '").or_else(|| quoted("variable '")))
                .flatten(),
            unpack: matches!(type_name, "TypeError" | "ValueError")
                && (message.starts_with("cannot unpack")
                    || message.starts_with("not enough values to unpack")
                    || message.starts_with("too many values to unpack")),
            item_store: type_name == "TypeError"
                && message.ends_with("does not support item assignment"),
            item: matches!(type_name, "KeyError" | "IndexError")
                || (type_name == "TypeError"
                    && (message.ends_with("does not support item assignment")
                        || message.ends_with("is not subscriptable"))),
        }
    }
}

/// The span CPython points at on `line`, and the expression it belongs to (none for a statement).
fn locate<'a>(
    module: &'a [Stmt],
    line: u32,
    probe: Option<&Probe>,
    failure: Option<&Failure>,
) -> Option<(Span, Option<&'a Expr>)> {
    if let Some(p) = probe {
        // The frame's line is where its statement (or a multi-line call in it) starts; the failing part
        // may be on that line or on a continuation line of the same statement, as CPython reports it.
        let last = statement_end(module, line);
        let mut found = None;
        // A call's argument as compiled may not look like the source's (a folded constant): without a
        // match, the call is looked for again by its callee alone.
        let relaxed = Probe {
            second: Shape::Any,
            ..p.clone()
        };
        'search: for p in [p, &relaxed] {
            for want in [line, 0] {
                walk_stmts(module, &mut |e| {
                    let on = if want == 0 {
                        e.span.line > line && e.span.line <= last
                    } else {
                        e.span.line == line
                    };
                    if on && probe_matches(p, e) {
                        found = Some(e);
                        true
                    } else {
                        false
                    }
                });
                if found.is_some() {
                    break 'search;
                }
            }
        }
        let e = found?;
        // `obj.missing()`: CPython points at the attribute lookup, not the call.
        if let (
            ExprKind::Call(func, _),
            Some(Failure {
                attribute: Some(a), ..
            }),
        ) = (&e.kind, failure)
            && matches!(&func.kind, ExprKind::Attr(_, n) if &**n == a.as_str())
        {
            return Some((func.span, Some(func)));
        }
        return Some((e.span, Some(e)));
    }
    let run = stmt_on_line(module, line)?;
    let f = failure?;
    // Of the statements on the line (`x = 1; t[0] += 1`), the first whose kind fits the failure.
    run.iter()
        .take_while(|s| s.span.line == line)
        .find_map(|s| locate_in_stmt(s, f))
}

/// Where in `s` a failure that no probe describes happened, as CPython points at it.
fn locate_in_stmt<'a>(s: &'a Stmt, f: &Failure) -> Option<(Span, Option<&'a Expr>)> {
    let find =
        |targets: &'a [Expr], pred: &dyn Fn(&Expr) -> bool| -> Option<(Span, Option<&'a Expr>)> {
            let mut found = None;
            for t in targets {
                walk_expr(t, &mut |e| {
                    if pred(e) {
                        found = Some(e);
                        true
                    } else {
                        false
                    }
                });
                if found.is_some() {
                    break;
                }
            }
            found.map(|e| (e.span, Some(e)))
        };
    match &s.kind {
        StmtKind::Raise(..) => Some((s.span, None)),
        StmtKind::Assert(t, _) => Some((t.span, None)),
        StmtKind::Assign(targets, _) if f.unpack => targets.first().map(|t| (t.span, None)),
        // Reading or writing the target failed (the operation itself points at the whole statement).
        StmtKind::AugAssign(target, _, _)
            if f.item || f.name.is_some() || f.attribute.is_some() =>
        {
            Some((target.span, Some(target)))
        }
        StmtKind::Assign(targets, _) | StmtKind::Del(targets) if f.attribute.is_some() => {
            let a = f.attribute.as_deref().unwrap_or_default();
            find(
                targets,
                &|e| matches!(&e.kind, ExprKind::Attr(_, n) if &**n == a),
            )
        }
        // Storing or deleting an item (`t[0] = 1` on a tuple, `del d[k]`): the first subscript target.
        StmtKind::Assign(targets, _) if f.item_store => {
            find(targets, &|e| matches!(&e.kind, ExprKind::Subscript(..)))
        }
        StmtKind::Del(targets) if f.item && !f.item_store => {
            find(targets, &|e| matches!(&e.kind, ExprKind::Subscript(..)))
        }
        StmtKind::Del(targets) if f.name.is_some() => {
            let n = f.name.as_deref().unwrap_or_default();
            find(
                targets,
                &|e| matches!(&e.kind, ExprKind::Name(m) if &**m == n),
            )
        }
        _ => None,
    }
}

/// Narrows a span that starts at `(` to what the matching `)` encloses, as CPython's AST positions do
/// (evalx's parser gives a parenthesised expression its parentheses).
fn strip_parens(lines: &[&str], mut span: Span) -> Span {
    let at = |line: u32, col: u32| -> Option<char> {
        lines
            .get(line.checked_sub(1)? as usize)?
            .chars()
            .nth(col as usize)
    };
    for _ in 0..64 {
        if at(span.line, span.col) != Some('(') {
            break;
        }
        // Find the `)` that closes it (string literals skipped roughly).
        let (mut l, mut c, mut depth, mut quote) = (span.line, span.col, 0i32, None::<char>);
        let mut close = None;
        'scan: while l <= span.end_line {
            let Some(text) = lines.get(l as usize - 1) else {
                break;
            };
            let chars: Vec<char> = text.chars().collect();
            while (c as usize) < chars.len() {
                let ch = chars[c as usize];
                match quote {
                    Some(q) if ch == q => quote = None,
                    Some(_) => {}
                    None if ch == '\'' || ch == '"' => quote = Some(ch),
                    None if ch == '#' => break,
                    None if ch == '(' || ch == '[' || ch == '{' => depth += 1,
                    None if ch == ')' || ch == ']' || ch == '}' => {
                        depth -= 1;
                        if depth == 0 {
                            close = Some((l, c));
                            break 'scan;
                        }
                    }
                    None => {}
                }
                c += 1;
            }
            l += 1;
            c = 0;
        }
        // Only when the parentheses wrap the whole span.
        if close != Some((span.end_line, span.end_col.saturating_sub(1))) {
            break;
        }
        let (mut sl, mut sc) = (span.line, span.col + 1);
        while at(sl, sc).is_some_and(char::is_whitespace)
            || (at(sl, sc).is_none() && sl < span.end_line)
        {
            if at(sl, sc).is_none() {
                sl += 1;
                sc = 0;
            } else {
                sc += 1;
            }
        }
        let (mut el, mut ec) = (span.end_line, span.end_col - 1);
        while ec > 0 && at(el, ec - 1).is_some_and(char::is_whitespace) {
            ec -= 1;
        }
        while ec == 0 && el > sl {
            el -= 1;
            ec = lines
                .get(el as usize - 1)
                .map_or(0, |t| t.trim_end().chars().count() as u32);
        }
        span = Span {
            line: sl,
            col: sc,
            end_line: el,
            end_col: ec,
        };
    }
    span
}

/// The line CPython 3.11 reports for a failure noted at `line` (a continuation line of the statement when
/// the failing part starts there), and the caret line it prints under that line's `text`, or `None` when the
/// failing part is the whole line.
pub(crate) fn located_carets(
    module: &[Stmt],
    lines: &[&str],
    line: u32,
    probe: Option<&Probe>,
    failure: Option<&Failure>,
) -> Option<(u32, Option<String>)> {
    let (span, expr) = locate(module, line, probe, failure)?;
    let span = match expr {
        // A generator expression that is a call's only argument shares the call's parentheses, which
        // CPython counts as its own.
        Some(Expr {
            kind: ExprKind::GenExp(..),
            ..
        }) => call_parens(lines, span),
        Some(Expr {
            kind: ExprKind::Tuple(_),
            ..
        }) => span,
        _ => attr_position(strip_parens(lines, span), expr),
    };
    let text = lines.get(span.line.checked_sub(1)? as usize)?;
    Some((span.line, caret_text(span, expr, text)))
}

/// `span` widened by the parentheses right around it when both are on its lines (`f(x for x in y)`).
fn call_parens(lines: &[&str], span: Span) -> Span {
    let line_chars = |l: u32| -> Vec<char> {
        lines
            .get((l as usize).wrapping_sub(1))
            .map(|t| t.chars().collect())
            .unwrap_or_default()
    };
    let (first, last) = (line_chars(span.line), line_chars(span.end_line));
    let (sc, ec) = (span.col as usize, span.end_col as usize);
    if sc == 0 || first.get(sc - 1) != Some(&'(') || last.get(ec) != Some(&')') {
        return span;
    }
    Span {
        col: span.col - 1,
        end_col: span.end_col + 1,
        ..span
    }
}

/// The caret line for `span` (which starts on the line whose text is `text`).
fn caret_text(span: Span, expr: Option<&Expr>, text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let trimmed_end = text.trim_end().chars().count();
    let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
    let start = span.col as usize;
    let multiline = span.end_line != span.line;
    let end = if multiline {
        trimmed_end
    } else {
        (span.end_col as usize).min(chars.len())
    };
    if start >= end || start < indent {
        return None;
    }
    // The `^` part of binary operators and subscripts (the rest is `~`), as CPython 3.11's
    // `extract_anchors_from_expr`.
    let mut anchors = None;
    if !multiline && let Some(e) = expr {
        match &e.kind {
            ExprKind::BinOp(l, _, r)
                if l.span.end_line == l.span.line && r.span.line == l.span.line =>
            {
                let (lo, hi) = (
                    l.span.end_col as usize,
                    (r.span.col as usize).min(chars.len()),
                );
                let mut i = lo;
                while i < hi {
                    if chars[i].is_whitespace() {
                        i += 1;
                        continue;
                    }
                    let left = i;
                    let mut right = i + 1;
                    if i + 1 < hi && !chars[i + 1].is_whitespace() {
                        right += 1;
                    }
                    anchors = Some((left, right));
                    if i + 1 < hi && chars[i] == ')' {
                        i += 1;
                        continue;
                    }
                    break;
                }
            }
            ExprKind::Subscript(v, s) => {
                let n = end;
                let mut left = v.span.end_col as usize;
                let mut right = s.span.end_col as usize + 1;
                let skip = |c: char| c.is_whitespace() || c == ')' || c == ']';
                while left < n && skip(chars[left]) {
                    left += 1;
                }
                while right < n && skip(chars[right]) {
                    right += 1;
                }
                anchors = Some((left, right.max(left)));
            }
            _ => {}
        }
    }
    let stripped = trimmed_end - indent;
    if end - start == stripped && anchors.is_none() {
        return None;
    }
    let mut out = String::from("    ");
    for idx in indent..end {
        out.push(if idx < start {
            ' '
        } else {
            match anchors {
                Some((l, r)) if l <= idx && idx < r => '^',
                Some(_) => '~',
                None => '^',
            }
        });
    }
    Some(out)
}

impl Interp {
    /// Notes where an expression failed (the innermost failing node of the frame wins).
    #[cold]
    #[inline(never)]
    pub(crate) fn note_failure(mut x: Box<Exc>, e: &Ex) -> Box<Exc> {
        if x.probe.is_none() && !matches!(x.kind, ExcKind::Limit(_)) {
            x.probe = probe(e).map(Box::new);
        }
        x
    }

    /// Fills in the caret lines of a traceback about to be shown (entries oldest first); `failure` describes
    /// the exception, for the frame that raised it.
    pub(crate) fn fill_carets(pending: &[PendingPos], tb: &mut [TraceEntry], failure: &Failure) {
        let n = tb.len();
        let mut parsed: Option<(RcStr, Option<Vec<Stmt>>)> = None;
        for p in pending {
            // `tb` is oldest first; `Exc::tb` (and so `p.entry`) innermost first.
            let Some(entry) = n.checked_sub(p.entry + 1).and_then(|i| tb.get_mut(i)) else {
                continue;
            };
            if entry.text.is_none() {
                continue;
            }
            if parsed
                .as_ref()
                .is_none_or(|(src, _)| !RcStr::ptr_eq(src, &p.source))
            {
                parsed = Some((
                    p.source.clone(),
                    crate::parser::parse_module(&p.source).ok(),
                ));
            }
            if let Some((src, Some(module))) = &parsed {
                let lines: Vec<&str> = src.split('\n').collect();
                let failure = (p.entry == 0).then_some(failure);
                INTO_LAMBDAS.set(p.in_lambda);
                let located = located_carets(module, &lines, entry.line, p.probe.as_ref(), failure);
                INTO_LAMBDAS.set(false);
                let Some((line, carets)) = located else {
                    continue;
                };
                if line != entry.line {
                    // The failing part starts on a continuation line: CPython shows that line.
                    let Some(moved) = lines.get(line as usize - 1) else {
                        continue;
                    };
                    entry.line = line;
                    entry.text = Some(moved.trim_end_matches('\r').to_string());
                }
                entry.carets = carets;
            }
        }
    }
}
