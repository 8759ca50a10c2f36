//! An expression back to source text as CPython's C unparser writes it (`Python/ast_unparse.c`): what
//! an annotation becomes under `from __future__ import annotations` (`list[dict[str,int]]` is
//! `'list[dict[str, int]]'`, `1_000` is `'1000'`). Operators get CPython's spacing and only the
//! parentheses their precedence needs; constants are written by their repr.
//!
//! evalx's tree differs from CPython's in two ways this undoes: `and`/`or` chains nest to the left
//! (CPython's `BoolOp` holds a flat list), and negative number literals are folded (`-1` is one
//! constant), so they take the unary minus's precedence.

use crate::ast::{
    Arg, BinOp, CmpOp, CompFor, Const, Expr, ExprKind, FPart, Params, StmtKind, UnOp,
};
use crate::lexer::Span;
use crate::textrepr::{repr_bytes, repr_float, repr_str};

// CPython's precedence levels, lowest first.
const TUPLE: u8 = 0;
const TEST: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const CMP: u8 = 5;
const BOR: u8 = 6;
const BXOR: u8 = 7;
const BAND: u8 = 8;
const SHIFT: u8 = 9;
const ARITH: u8 = 10;
const TERM: u8 = 11;
const FACTOR: u8 = 12;
const POWER: u8 = 13;
const AWAIT: u8 = 14;
const ATOM: u8 = 15;

/// Under `from __future__ import annotations` an annotation is never run, so what would need a scope to
/// run in is a SyntaxError, as CPython's symbol table reports it: the first `yield`, `await` or `:=` in
/// it (`'yield expression' can not be used within an annotation`), and a `yield` in a comprehension
/// (`'yield' inside list comprehension`). A lambda's body is its own function and is not looked into.
pub(crate) fn annotation_error(e: &Expr) -> Option<(Span, String)> {
    scope_error(e, None)
}

/// [`annotation_error`] within `comp` (the comprehension whose own scope `e` is in, if any).
fn scope_error(e: &Expr, comp: Option<&str>) -> Option<(Span, String)> {
    let here = |what: &str| -> Option<(Span, String)> {
        Some((
            e.span,
            format!("'{what}' can not be used within an annotation"),
        ))
    };
    let in_comp = |kind: &str, elts: &[&Expr], fors: &[CompFor]| -> Option<(Span, String)> {
        // The outermost iterable runs where the comprehension stands; the rest in its own scope.
        let first = fors.first()?;
        scope_error(&first.iter, comp)
            .or_else(|| scope_error(&first.target, Some(kind)))
            .or_else(|| first.ifs.iter().find_map(|x| scope_error(x, Some(kind))))
            .or_else(|| {
                fors[1..].iter().find_map(|c| {
                    scope_error(&c.target, Some(kind))
                        .or_else(|| scope_error(&c.iter, Some(kind)))
                        .or_else(|| c.ifs.iter().find_map(|x| scope_error(x, Some(kind))))
                })
            })
            .or_else(|| elts.iter().find_map(|x| scope_error(x, Some(kind))))
    };
    let all = |xs: &mut dyn Iterator<Item = &Expr>| {
        xs.map(|x| scope_error(x, comp))
            .find(Option::is_some)
            .flatten()
    };
    match &e.kind {
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => match comp {
            Some(kind) => Some((e.span, format!("'yield' inside {kind}"))),
            None => here("yield expression"),
        },
        ExprKind::Await(_) => here("await expression"),
        ExprKind::NamedExpr(..) => here("named expression"),
        ExprKind::Name(_) | ExprKind::Const(_) | ExprKind::Lambda(_) => None,
        ExprKind::FString(parts) => parts.iter().find_map(|p| match p {
            FPart::Lit(_) => None,
            FPart::Field { expr, spec, .. } => scope_error(expr, comp).or_else(|| {
                let spec = Expr {
                    kind: ExprKind::FString(spec.clone()),
                    span: e.span,
                };
                scope_error(&spec, comp)
            }),
        }),
        ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => all(&mut xs.iter()),
        ExprKind::Dict(items) => all(&mut items
            .iter()
            .flat_map(|(k, v)| k.iter().chain(std::iter::once(v)))),
        ExprKind::Starred(x) | ExprKind::UnaryOp(_, x) | ExprKind::Attr(x, _) => {
            scope_error(x, comp)
        }
        ExprKind::BinOp(l, _, r)
        | ExprKind::And(l, r)
        | ExprKind::Or(l, r)
        | ExprKind::Subscript(l, r) => scope_error(l, comp).or_else(|| scope_error(r, comp)),
        ExprKind::Compare(l, rest) => {
            all(&mut std::iter::once(&**l).chain(rest.iter().map(|(_, x)| x)))
        }
        ExprKind::Call(f, args) => all(&mut std::iter::once(&**f).chain(args.iter().map(
            |a| match a {
                Arg::Pos(x) | Arg::Star(x) | Arg::Kw(_, x) | Arg::StarStar(x) => x,
            },
        ))),
        ExprKind::Slice(a, b, c) => all(&mut [a, b, c].into_iter().flatten().map(|x| &**x)),
        ExprKind::IfExp(t, b, o) => all(&mut [t, b, o].into_iter().map(|x| &**x)),
        ExprKind::ListComp(elt, fors) => in_comp("list comprehension", &[elt], fors),
        ExprKind::SetComp(elt, fors) => in_comp("set comprehension", &[elt], fors),
        ExprKind::DictComp(k, v, fors) => in_comp("dict comprehension", &[k, v], fors),
        ExprKind::GenExp(elt, fors) => in_comp("generator expression", &[elt], fors),
    }
}

/// The text of `e` as an annotation string.
pub(crate) fn unparse(e: &Expr) -> String {
    let mut out = String::new();
    expr(&mut out, e, TEST);
    out
}

fn open(out: &mut String, cond: bool) {
    if cond {
        out.push('(');
    }
}

fn close(out: &mut String, cond: bool) {
    if cond {
        out.push(')');
    }
}

/// A float as CPython's unparser writes it: an infinity is `1e309` (which reads back as one).
fn float_text(f: f64) -> String {
    repr_float(f).replace("inf", "1e309")
}

fn expr(out: &mut String, e: &Expr, level: u8) {
    match &e.kind {
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::Const(c) => constant(out, c, level),
        ExprKind::FString(parts) => {
            out.push('f');
            out.push_str(&repr_str(&fstring_body(parts)));
        }
        ExprKind::List(items) => {
            out.push('[');
            seq(out, items, TEST);
            out.push(']');
        }
        ExprKind::Tuple(items) => {
            if items.is_empty() {
                out.push_str("()");
                return;
            }
            let paren = level > TUPLE;
            open(out, paren);
            seq(out, items, TEST);
            if items.len() == 1 {
                out.push(',');
            }
            close(out, paren);
        }
        ExprKind::Set(items) => {
            out.push('{');
            seq(out, items, TEST);
            out.push('}');
        }
        ExprKind::Dict(items) => {
            out.push('{');
            for (i, (k, v)) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(out, k, TEST);
                        out.push_str(": ");
                        expr(out, v, TEST);
                    }
                    None => {
                        out.push_str("**");
                        expr(out, v, BOR);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Starred(v) => {
            out.push('*');
            expr(out, v, BOR);
        }
        ExprKind::BinOp(l, op, r) => {
            let (text, pr) = match op {
                BinOp::Add => (" + ", ARITH),
                BinOp::Sub => (" - ", ARITH),
                BinOp::Mul => (" * ", TERM),
                BinOp::MatMul => (" @ ", TERM),
                BinOp::Div => (" / ", TERM),
                BinOp::FloorDiv => (" // ", TERM),
                BinOp::Mod => (" % ", TERM),
                BinOp::Pow => (" ** ", POWER),
                BinOp::LShift => (" << ", SHIFT),
                BinOp::RShift => (" >> ", SHIFT),
                BinOp::BitOr => (" | ", BOR),
                BinOp::BitXor => (" ^ ", BXOR),
                BinOp::BitAnd => (" & ", BAND),
            };
            let rassoc = u8::from(*op == BinOp::Pow);
            open(out, level > pr);
            expr(out, l, pr + rassoc);
            out.push_str(text);
            expr(out, r, pr + 1 - rassoc);
            close(out, level > pr);
        }
        ExprKind::UnaryOp(op, v) => {
            let (text, pr) = match op {
                UnOp::Not => ("not ", NOT),
                UnOp::Neg => ("-", FACTOR),
                UnOp::Pos => ("+", FACTOR),
                UnOp::Invert => ("~", FACTOR),
            };
            open(out, level > pr);
            out.push_str(text);
            expr(out, v, pr);
            close(out, level > pr);
        }
        ExprKind::And(l, r) => boolop(out, l, r, " and ", AND, level, true),
        ExprKind::Or(l, r) => boolop(out, l, r, " or ", OR, level, false),
        ExprKind::Compare(l, rest) => {
            open(out, level > CMP);
            expr(out, l, CMP + 1);
            for (op, r) in rest {
                out.push(' ');
                out.push_str(cmp_text(*op));
                out.push(' ');
                expr(out, r, CMP + 1);
            }
            close(out, level > CMP);
        }
        ExprKind::Call(f, args) => {
            expr(out, f, ATOM);
            out.push('(');
            if let [
                Arg::Pos(
                    g @ Expr {
                        kind: ExprKind::GenExp(..),
                        ..
                    },
                ),
            ] = &args[..]
            {
                // A lone generator argument keeps only the call's parentheses.
                let mut inner = String::new();
                expr(&mut inner, g, TEST);
                out.push_str(&inner[1..inner.len() - 1]);
            } else {
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match a {
                        Arg::Pos(v) => expr(out, v, TEST),
                        Arg::Star(v) => {
                            out.push('*');
                            expr(out, v, BOR);
                        }
                        Arg::Kw(k, v) => {
                            out.push_str(k);
                            out.push('=');
                            expr(out, v, TEST);
                        }
                        Arg::StarStar(v) => {
                            out.push_str("**");
                            expr(out, v, BOR);
                        }
                    }
                }
            }
            out.push(')');
        }
        ExprKind::Attr(v, name) => {
            expr(out, v, ATOM);
            // `1 .real`: an int needs the space to read back.
            let int = matches!(
                v.kind,
                ExprKind::Const(Const::Int(n)) if n >= 0
            ) || matches!(&v.kind, ExprKind::Const(Const::BigInt(n)) if n.sign() != num_bigint::Sign::Minus);
            out.push_str(if int { " ." } else { "." });
            out.push_str(name);
        }
        ExprKind::Subscript(v, index) => {
            expr(out, v, ATOM);
            out.push('[');
            expr(out, index, TUPLE);
            out.push(']');
        }
        ExprKind::Slice(lo, hi, step) => {
            if let Some(lo) = lo {
                expr(out, lo, TEST);
            }
            out.push(':');
            if let Some(hi) = hi {
                expr(out, hi, TEST);
            }
            if let Some(step) = step {
                out.push(':');
                expr(out, step, TEST);
            }
        }
        ExprKind::IfExp(test, body, orelse) => {
            open(out, level > TEST);
            expr(out, body, TEST + 1);
            out.push_str(" if ");
            expr(out, test, TEST + 1);
            out.push_str(" else ");
            expr(out, orelse, TEST);
            close(out, level > TEST);
        }
        ExprKind::Lambda(f) => {
            open(out, level > TEST);
            let positional = f.params.args.len();
            // CPython writes no space before a first `*` (`lambda*a: 0`).
            out.push_str(if positional > 0 { "lambda " } else { "lambda" });
            params(out, &f.params);
            out.push_str(": ");
            if let Some(StmtKind::Return(Some(body))) = f.body.first().map(|s| &s.kind) {
                expr(out, body, TEST);
            }
            close(out, level > TEST);
        }
        ExprKind::ListComp(elt, fors) => {
            out.push('[');
            expr(out, elt, TEST);
            comps(out, fors);
            out.push(']');
        }
        ExprKind::SetComp(elt, fors) => {
            out.push('{');
            expr(out, elt, TEST);
            comps(out, fors);
            out.push('}');
        }
        ExprKind::DictComp(k, v, fors) => {
            out.push('{');
            expr(out, k, TEST);
            out.push_str(": ");
            expr(out, v, TEST);
            comps(out, fors);
            out.push('}');
        }
        ExprKind::GenExp(elt, fors) => {
            out.push('(');
            expr(out, elt, TEST);
            comps(out, fors);
            out.push(')');
        }
        ExprKind::Yield(v) => {
            out.push_str("(yield");
            if let Some(v) = v {
                out.push(' ');
                expr(out, v, TEST);
            }
            out.push(')');
        }
        ExprKind::YieldFrom(v) => {
            out.push_str("(yield from ");
            expr(out, v, TEST);
            out.push(')');
        }
        ExprKind::Await(v) => {
            open(out, level > AWAIT);
            out.push_str("await ");
            expr(out, v, ATOM);
            close(out, level > AWAIT);
        }
        ExprKind::NamedExpr(name, v) => {
            open(out, level > TUPLE);
            out.push_str(name);
            out.push_str(" := ");
            expr(out, v, ATOM);
            close(out, level > TUPLE);
        }
    }
}

fn seq(out: &mut String, items: &[Expr], level: u8) {
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, x, level);
    }
}

/// `a and b and c`: the parser nests a chain to the left, which CPython's flat list writes without
/// parentheses; a same-operator operand on the right was parenthesised in the source.
fn boolop(out: &mut String, l: &Expr, r: &Expr, text: &str, pr: u8, level: u8, and: bool) {
    open(out, level > pr);
    let same = |e: &Expr| {
        if and {
            matches!(e.kind, ExprKind::And(..))
        } else {
            matches!(e.kind, ExprKind::Or(..))
        }
    };
    expr(out, l, if same(l) { pr } else { pr + 1 });
    out.push_str(text);
    expr(out, r, pr + 1);
    close(out, level > pr);
}

fn cmp_text(op: CmpOp) -> &'static str {
    op.symbol()
}

fn constant(out: &mut String, c: &Const, level: u8) {
    // A folded negative literal stands for CPython's unary minus on a constant.
    let negative = match c {
        Const::Int(n) => *n < 0,
        Const::BigInt(n) => n.sign() == num_bigint::Sign::Minus,
        Const::Float(f) => f.is_sign_negative() && !f.is_nan(),
        _ => false,
    };
    open(out, negative && level > FACTOR);
    match c {
        Const::None => out.push_str("None"),
        Const::True => out.push_str("True"),
        Const::False => out.push_str("False"),
        Const::Ellipsis => out.push_str("..."),
        Const::Int(n) => out.push_str(&n.to_string()),
        Const::BigInt(n) => out.push_str(&n.to_string()),
        Const::Float(f) => out.push_str(&float_text(*f)),
        Const::Imag(f) => {
            let t = float_text(*f);
            out.push_str(t.strip_suffix(".0").unwrap_or(&t));
            out.push('j');
        }
        Const::Hidden(_) => out.push_str("..."),
        Const::Str(s) => out.push_str(&repr_str(s)),
        Const::Bytes(b) => out.push_str(&repr_bytes(b)),
    }
    close(out, negative && level > FACTOR);
}

fn comps(out: &mut String, fors: &[CompFor]) {
    for c in fors {
        out.push_str(if c.is_async { " async for " } else { " for " });
        expr(out, &c.target, TUPLE);
        out.push_str(" in ");
        expr(out, &c.iter, TEST + 1);
        for cond in &c.ifs {
            out.push_str(" if ");
            expr(out, cond, TEST + 1);
        }
    }
}

/// A lambda's parameters as CPython writes them (`a, b=1, /, *c, d, **e`).
fn params(out: &mut String, p: &Params) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !first {
            out.push_str(", ");
        }
        first = false;
    };
    for (i, a) in p.args.iter().enumerate() {
        sep(out);
        out.push_str(&a.name);
        if let Some(d) = &a.default {
            out.push('=');
            expr(out, d, TEST);
        }
        if p.posonly > 0 && i + 1 == p.posonly {
            out.push_str(", /");
        }
    }
    if p.vararg.is_some() || !p.kwonly.is_empty() {
        sep(out);
        out.push('*');
        if let Some(v) = &p.vararg {
            out.push_str(v);
        }
    }
    for a in &p.kwonly {
        sep(out);
        out.push_str(&a.name);
        if let Some(d) = &a.default {
            out.push('=');
            expr(out, d, TEST);
        }
    }
    if let Some(k) = &p.kwarg {
        sep(out);
        out.push_str("**");
        out.push_str(k);
    }
}

/// The inside of an f-string: literal text with its braces doubled, fields as `{expr!r:spec}`.
fn fstring_body(parts: &[FPart]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            FPart::Lit(s) => out.push_str(&s.replace('{', "{{").replace('}', "}}")),
            FPart::Field {
                expr: e,
                conv,
                spec,
            } => {
                let mut inner = String::new();
                expr(&mut inner, e, TEST + 1);
                // An expression starting with a brace is kept apart from the field's own.
                out.push_str(if inner.starts_with('{') { "{ " } else { "{" });
                out.push_str(&inner);
                if let Some(c) = conv {
                    out.push('!');
                    out.push(*c);
                }
                if !spec.is_empty() {
                    out.push(':');
                    out.push_str(&fstring_body(spec));
                }
                out.push('}');
            }
        }
    }
    out
}
