//! `try ... except* T as e:` turned into ordinary statements (the runtime half is `crate::exc_group`).
//!
//! `break`, `continue` and `return` cannot appear in an `except*` clause, so each clause can run inside a
//! `try` of its own without changing what the program does:
//!
//! ```text
//! try:
//!     BODY
//! except:
//!     <s> = begin()                      # the exception being handled
//!     <m> = match(<s>, T)                # per clause: the part of the rest T matches (naked ones wrapped)
//!     if <m> is not None:
//!         e = <m>
//!         try: HANDLER
//!         except: raised(<s>, <m>)      # a bare `raise` keeps the match, anything else replaces it
//!         else: handled(<s>, <m>)
//!         e = None; del e
//!     end(<s>)                           # raises the rest and what the clauses raised, combined
//! else:
//!     ELSE
//! finally:
//!     FINALLY
//! ```
//!
//! The hidden helpers are constants (`Const::Hidden`), and the temporaries' names cannot be written in
//! Python, so a program cannot reach or shadow either.

use super::*;
use crate::ast::{Arg, CmpOp, Const, Expr, ExprKind, Handler, Stmt, StmtKind};

/// One `except*` clause as parsed.
pub(super) struct StarClause {
    pub typ: Expr,
    pub name: Option<RcStr>,
    pub body: Vec<Stmt>,
}

fn e(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

fn s(kind: StmtKind, span: Span) -> Stmt {
    Stmt { kind, span }
}

fn name(n: &str, span: Span) -> Expr {
    e(ExprKind::Name(n.into()), span)
}

fn call(helper: u8, args: Vec<Expr>, span: Span) -> Expr {
    e(
        ExprKind::Call(
            Box::new(e(ExprKind::Const(Const::Hidden(helper)), span)),
            args.into_iter().map(Arg::Pos).collect(),
        ),
        span,
    )
}

fn assign(target: &str, value: Expr, span: Span) -> Stmt {
    s(StmtKind::Assign(vec![name(target, span)], value), span)
}

fn not_none(n: &str, span: Span) -> Expr {
    // `n is not None`.
    e(
        ExprKind::Compare(
            Box::new(name(n, span)),
            vec![(CmpOp::IsNot, e(ExprKind::Const(Const::None), span))],
        ),
        span,
    )
}

fn bare_try(body: Vec<Stmt>, handler: Vec<Stmt>, orelse: Vec<Stmt>, span: Span) -> Stmt {
    s(
        StmtKind::Try {
            body,
            handlers: vec![Handler {
                typ: None,
                name: None,
                body: handler,
                span,
            }],
            orelse,
            finalbody: Vec::new(),
        },
        span,
    )
}

/// The first `break`/`continue`/`return` of a clause body that would leave the clause.
pub(super) fn leaving(body: &[Stmt], in_loop: bool) -> Option<Span> {
    for st in body {
        let found = match &st.kind {
            StmtKind::Break | StmtKind::Continue if !in_loop => Some(st.span),
            StmtKind::Return(Some(v)) => Some(v.span),
            StmtKind::Return(None) => Some(st.span),
            StmtKind::If(_, a, b) => leaving(a, in_loop).or_else(|| leaving(b, in_loop)),
            StmtKind::While(_, a, b) | StmtKind::For(_, _, a, b) => {
                leaving(a, true).or_else(|| leaving(b, in_loop))
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => leaving(body, in_loop)
                .or_else(|| handlers.iter().find_map(|h| leaving(&h.body, in_loop)))
                .or_else(|| leaving(orelse, in_loop))
                .or_else(|| leaving(finalbody, in_loop)),
            StmtKind::With(_, b) => leaving(b, in_loop),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The statement an `except*` try becomes.
pub(super) fn lower(
    body: Vec<Stmt>,
    clauses: Vec<StarClause>,
    orelse: Vec<Stmt>,
    finalbody: Vec<Stmt>,
    sp: Span,
) -> StmtKind {
    let tag = format!("{}:{}", sp.line, sp.col);
    let st = format!("<except*-state {tag}>");
    let m = format!("<except*-match {tag}>");
    let mut handler = vec![assign(&st, call(0, Vec::new(), sp), sp)];
    for c in clauses {
        let csp = c.typ.span;
        handler.push(assign(&m, call(1, vec![name(&st, csp), c.typ], csp), csp));
        let mut run = Vec::new();
        if let Some(n) = &c.name {
            run.push(assign(n, name(&m, csp), csp));
        }
        run.push(bare_try(
            c.body,
            vec![s(
                StmtKind::Expr(call(2, vec![name(&st, csp), name(&m, csp)], csp)),
                csp,
            )],
            vec![s(
                StmtKind::Expr(call(3, vec![name(&st, csp), name(&m, csp)], csp)),
                csp,
            )],
            csp,
        ));
        if let Some(n) = &c.name {
            run.push(assign(n, e(ExprKind::Const(Const::None), csp), csp));
            run.push(s(StmtKind::Del(vec![name(n, csp)]), csp));
        }
        handler.push(s(StmtKind::If(not_none(&m, csp), run, Vec::new()), csp));
    }
    handler.push(s(StmtKind::Expr(call(4, vec![name(&st, sp)], sp)), sp));
    StmtKind::Try {
        body,
        handlers: vec![Handler {
            typ: None,
            name: None,
            body: handler,
            span: sp,
        }],
        orelse,
        finalbody,
    }
}
