//! Lowering the `match` statement: each case's pattern becomes a [`PatX`] tree the interpreter's
//! `interp::patterns` walks against the subject.

use super::{CResult, Ex, Lower, St, StKind, Target};
use crate::ast::{Const, Expr, ExprKind, MatchCase, PatKind, Pattern};
use crate::thin::RcStr;
use crate::value::Value;

/// One `case` in the IR.
#[derive(Debug)]
pub struct CaseX {
    pub pat: PatX,
    pub guard: Option<Ex>,
    pub body: Vec<St>,
    pub line: u32,
}

/// A pattern in the IR.
#[derive(Debug)]
pub enum PatX {
    /// Compared with `==`.
    Value(Ex),
    /// `None`/`True`/`False`: compared with `is`.
    Singleton(Value),
    /// A capture (`None` = the wildcard).
    Capture(Option<Target>),
    /// A sequence pattern: its items and the position of the starred one (whose target, if named, is
    /// the `Option<Target>`).
    Sequence(Vec<PatX>, Option<(usize, Option<Target>)>),
    /// Keys (evaluated each time), their patterns, and the `**rest` target.
    Mapping(Vec<(Ex, PatX)>, Option<Target>),
    /// The class, its positional and keyword sub-patterns.
    Class(Ex, Vec<PatX>, Vec<(RcStr, PatX)>),
    Or(Vec<PatX>),
    As(Box<PatX>, Target),
}

impl Lower<'_> {
    pub(super) fn match_stmt(&mut self, subject: &Expr, cases: &[MatchCase]) -> CResult<StKind> {
        let subject = self.expr(subject)?;
        let mut out = Vec::with_capacity(cases.len());
        for c in cases {
            let pat = self.pattern(&c.pattern)?;
            let guard = c.guard.as_ref().map(|g| self.expr(g)).transpose()?;
            out.push(CaseX {
                pat,
                guard,
                body: self.block(&c.body)?,
                line: c.span.line,
            });
        }
        Ok(StKind::Match(subject, out))
    }

    fn pattern(&mut self, p: &Pattern) -> CResult<PatX> {
        Ok(match &p.kind {
            PatKind::Value(e) => PatX::Value(self.expr(e)?),
            PatKind::Singleton(e) => PatX::Singleton(match &e.kind {
                ExprKind::Const(Const::True) => Value::bool(true),
                ExprKind::Const(Const::False) => Value::bool(false),
                _ => Value::None,
            }),
            PatKind::Capture(n) => PatX::Capture(n.as_ref().map(|n| self.store(n))),
            PatKind::Star(_) => {
                return Err(self.err("can't use starred expression here", p.span));
            }
            PatKind::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut star = None;
                for (i, it) in items.iter().enumerate() {
                    if let PatKind::Star(n) = &it.kind {
                        star = Some((i, n.as_ref().map(|n| self.store(n))));
                        out.push(PatX::Capture(None));
                    } else {
                        out.push(self.pattern(it)?);
                    }
                }
                PatX::Sequence(out, star)
            }
            PatKind::Mapping(items, rest) => {
                let mut out = Vec::with_capacity(items.len());
                for (k, v) in items {
                    out.push((self.expr(k)?, self.pattern(v)?));
                }
                PatX::Mapping(out, rest.as_ref().map(|r| self.store(r)))
            }
            PatKind::Class(c, pos, kw) => {
                let c = self.expr(c)?;
                let pos = pos
                    .iter()
                    .map(|x| self.pattern(x))
                    .collect::<CResult<Vec<_>>>()?;
                let mut kws = Vec::with_capacity(kw.len());
                for (n, x) in kw {
                    kws.push((n.clone(), self.pattern(x)?));
                }
                PatX::Class(c, pos, kws)
            }
            PatKind::Or(alts) => PatX::Or(
                alts.iter()
                    .map(|x| self.pattern(x))
                    .collect::<CResult<Vec<_>>>()?,
            ),
            PatKind::As(inner, n) => PatX::As(Box::new(self.pattern(inner)?), self.store(n)),
        })
    }
}
