//! Python signatures as `str(inspect.signature(f))` writes them, for interpreters describing their functions:
//! `(a, /, b=1, *args, c, d: int = 2, **kw) -> str`. The separators (`/` after positional-only parameters, a
//! bare `*` before keyword-only ones when there is no `*args`) and the spacing rules (`b=1` but
//! `d: int = 2`) are inspect's.

use std::fmt;

/// How a parameter binds arguments (`inspect.Parameter.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ParamKind {
    /// Before `/`: positional only.
    PositionalOnly,
    /// An ordinary parameter.
    #[default]
    PositionalOrKeyword,
    /// `*args`.
    VarPositional,
    /// After `*` or `*args`: keyword only.
    KeywordOnly,
    /// `**kwargs`.
    VarKeyword,
}

/// One parameter: its name, kind, default (as a repr) and annotation (as source text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Param {
    /// The parameter name, without `*` or `**`.
    pub name: String,
    /// How it binds.
    pub kind: ParamKind,
    /// The default value's repr, if it has one.
    pub default: Option<String>,
    /// The annotation as written, if any (`int`, `'Point'`).
    pub annotation: Option<String>,
}

impl Param {
    /// A parameter of `kind` with no default or annotation.
    pub fn new(name: impl Into<String>, kind: ParamKind) -> Self {
        Self {
            name: name.into(),
            kind,
            default: None,
            annotation: None,
        }
    }

    /// Sets the default's repr.
    pub fn with_default(mut self, repr: impl Into<String>) -> Self {
        self.default = Some(repr.into());
        self
    }

    /// Sets the annotation.
    pub fn with_annotation(mut self, annotation: impl Into<String>) -> Self {
        self.annotation = Some(annotation.into());
        self
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ParamKind::VarPositional => write!(f, "*")?,
            ParamKind::VarKeyword => write!(f, "**")?,
            _ => {}
        }
        write!(f, "{}", self.name)?;
        if let Some(annotation) = &self.annotation {
            write!(f, ": {annotation}")?;
        }
        match (&self.default, &self.annotation) {
            (Some(default), Some(_)) => write!(f, " = {default}"),
            (Some(default), None) => write!(f, "={default}"),
            (None, _) => Ok(()),
        }
    }
}

/// A whole signature: parameters in order and an optional return annotation. `to_string()` gives the text
/// a [`RoutineDoc`](crate::RoutineDoc) or [`MemberDoc`](crate::MemberDoc) signature holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    /// The parameters, in declaration order.
    pub params: Vec<Param>,
    /// The return annotation (`-> int`), if any.
    pub returns: Option<String>,
}

impl Signature {
    /// A signature with these parameters and no return annotation.
    pub fn new(params: Vec<Param>) -> Self {
        Self {
            params,
            returns: None,
        }
    }

    /// Sets the return annotation.
    pub fn with_returns(mut self, returns: impl Into<String>) -> Self {
        self.returns = Some(returns.into());
        self
    }

    /// The signature of the method bound to an instance: the first parameter (`self`) dropped, as
    /// `inspect.signature` shows `[].append` as `(object, /)`.
    pub fn bound(&self) -> Self {
        let params = self.params.iter().skip(1).cloned().collect();
        Self {
            params,
            returns: self.returns.clone(),
        }
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::with_capacity(self.params.len() + 2);
        let mut in_positional_only = false;
        let mut keyword_only_marked = false;
        for param in &self.params {
            if in_positional_only && param.kind != ParamKind::PositionalOnly {
                parts.push("/".to_owned());
                in_positional_only = false;
            }
            match param.kind {
                ParamKind::PositionalOnly => in_positional_only = true,
                ParamKind::VarPositional => keyword_only_marked = true,
                ParamKind::KeywordOnly if !keyword_only_marked => {
                    parts.push("*".to_owned());
                    keyword_only_marked = true;
                }
                _ => {}
            }
            parts.push(param.to_string());
        }
        if in_positional_only {
            parts.push("/".to_owned());
        }
        write!(f, "({})", parts.join(", "))?;
        if let Some(returns) = &self.returns {
            write!(f, " -> {returns}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Param, ParamKind::*, Signature};

    fn p(name: &str, kind: super::ParamKind) -> Param {
        Param::new(name, kind)
    }

    /// Each expectation is `str(inspect.signature(f))` from CPython 3.11 for the `def` in the comment.
    #[test]
    fn signatures_print_as_inspect_does() {
        // def f1(a, b=1, *args, c, **kw)
        let f1 = Signature::new(vec![
            p("a", PositionalOrKeyword),
            p("b", PositionalOrKeyword).with_default("1"),
            p("args", VarPositional),
            p("c", KeywordOnly),
            p("kw", VarKeyword),
        ]);
        assert_eq!(f1.to_string(), "(a, b=1, *args, c, **kw)");
        // def f2(a, /, b, *, c=2)
        let f2 = Signature::new(vec![
            p("a", PositionalOnly),
            p("b", PositionalOrKeyword),
            p("c", KeywordOnly).with_default("2"),
        ]);
        assert_eq!(f2.to_string(), "(a, /, b, *, c=2)");
        // def f3(x: int, y: 'str' = 'a', *, z: float = 1.5) -> list
        let f3 = Signature::new(vec![
            p("x", PositionalOrKeyword).with_annotation("int"),
            p("y", PositionalOrKeyword)
                .with_annotation("'str'")
                .with_default("'a'"),
            p("z", KeywordOnly)
                .with_annotation("float")
                .with_default("1.5"),
        ])
        .with_returns("list");
        assert_eq!(
            f3.to_string(),
            "(x: int, y: 'str' = 'a', *, z: float = 1.5) -> list"
        );
        // def f4(a, b, /)
        assert_eq!(
            Signature::new(vec![p("a", PositionalOnly), p("b", PositionalOnly)]).to_string(),
            "(a, b, /)"
        );
        // def f5()
        assert_eq!(Signature::default().to_string(), "()");
        // def f6(*, k)
        assert_eq!(
            Signature::new(vec![p("k", KeywordOnly)]).to_string(),
            "(*, k)"
        );
        // def f7(a=None, /, *a2, **k2)
        let f7 = Signature::new(vec![
            p("a", PositionalOnly).with_default("None"),
            p("a2", VarPositional),
            p("k2", VarKeyword),
        ]);
        assert_eq!(f7.to_string(), "(a=None, /, *a2, **k2)");
    }

    #[test]
    fn binding_drops_self() {
        let append = Signature::new(vec![p("self", PositionalOnly), p("object", PositionalOnly)]);
        assert_eq!(append.to_string(), "(self, object, /)");
        assert_eq!(append.bound().to_string(), "(object, /)");
        let clear = Signature::new(vec![p("self", PositionalOnly)]);
        assert_eq!(clear.bound().to_string(), "()");
    }
}
