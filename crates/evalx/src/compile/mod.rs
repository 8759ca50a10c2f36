//! The compiler: resolves every name to a frame slot, a closure cell, a global or a namespace lookup
//! (CPython's symtable rules), then lowers the AST to the tree IR ([`Ex`], [`St`]) the interpreter walks.

use crate::ast::*;
use crate::error::SyntaxError;
use crate::lexer::Span;
use crate::thin::RcStr;
use crate::value::Value;
use indexmap::{IndexMap, IndexSet};
use std::cell::Cell;
use std::rc::Rc;

mod ir;
mod lower;
pub(crate) mod matching;
mod scope;

pub use ir::*;
use lower::*;
use scope::*;

/// Builtins that act on the caller's frame.
pub const FRAME_BUILTINS: &[&str] = &["locals", "globals", "eval", "exec", "super", "dir", "vars"];

fn comp_gens(e: &Expr) -> &[CompFor] {
    match &e.kind {
        ExprKind::ListComp(_, g)
        | ExprKind::SetComp(_, g)
        | ExprKind::GenExp(_, g)
        | ExprKind::DictComp(_, _, g) => g,
        _ => &[],
    }
}

/// The runtime value of a literal.
pub fn const_value(c: &Const) -> Value {
    match c {
        Const::None => Value::None,
        Const::True => Value::bool(true),
        Const::False => Value::bool(false),
        Const::Ellipsis => Value::Ellipsis,
        Const::Int(i) => Value::Int(*i),
        Const::BigInt(b) => Value::Big(b.clone()),
        Const::Float(f) => Value::float(*f),
        Const::Imag(f) => Value::Complex(Rc::new((0.0, *f))),
        Const::Hidden(i) => crate::exc_group::hidden(*i),
        Const::Str(s) => Value::Str(s.clone()),
        Const::Bytes(b) => Value::Bytes(b.clone()),
    }
}

/// Compiles a module (exec-mode statements, or one expression wrapped as `return expr` when `eval_expr`).
pub fn compile(
    body: &[Stmt],
    eval_expr: Option<&Expr>,
    filename: &str,
    source: &str,
    interactive: bool,
) -> Result<Rc<Code>, SyntaxError> {
    let mut col = Collector {
        stack: Vec::new(),
        _p: std::marker::PhantomData,
        depth: 0,
        too_deep: false,
    };
    col.push(ScopeKind::Module);
    col.stmts(body);
    if let Some(e) = eval_expr {
        col.expr(e);
    }
    if col.too_deep {
        let mut e = SyntaxError::new(
            "maximum recursion depth exceeded during compilation",
            1,
            0,
            0,
            String::new(),
        );
        e.kind = crate::error::SyntaxKind::Recursion;
        e.filename = filename.to_string();
        return Err(e);
    }
    let mut top = col.stack.pop().unwrap_or_default();
    resolve(&mut top);
    top.frees.clear();
    // The symbol table's errors carry no source line (CPython's `text` is None).
    let with_file = |(msg, sp): (String, Span)| {
        let mut e = SyntaxError::new(msg, sp.line, sp.col + 1, sp.end_col + 1, String::new());
        e.symtable = true;
        e.filename = filename.to_string();
        e
    };
    settle(&mut top, &[]).map_err(with_file)?;
    let mut low = Lower {
        scope: &top,
        child: 0,
        slots: IndexMap::new(),
        loop_depth: 0,
        in_func: false,
        filename: filename.into(),
        source: source.into(),
        qualname: String::new(),
        interactive,
        async_ctx: 0,
        comp_kind: None,
    };
    let mut stmts = low.block(body).map_err(|mut e| {
        e.filename = filename.to_string();
        e
    })?;
    if let Some(e) = eval_expr {
        let x = low.expr(e)?;
        low.in_func = true;
        stmts.push(St {
            line: e.span.line,
            kind: StKind::Return(Some(x)),
        });
    }
    Ok(Rc::new(
        Code {
            name: "<module>".into(),
            qualname: "<module>".into(),
            filename: filename.into(),
            kind: ScopeKind::Module,
            body: stmts,
            slot_names: Vec::new(),
            nparams: 0,
            posonly: 0,
            nkwonly: 0,
            has_varargs: false,
            has_varkw: false,
            cell_slots: Vec::new(),
            free_start: 0,
            is_generator: false,
            coro: 0,
            iterable_coro: Cell::new(false),
            yield_sites: std::cell::OnceCell::new(),
            aiter_arg: false,
            firstline: 1,
            doc: None,
            source: source.into(),
            plain: false,
        }
        .sealed(),
    ))
}
