//! The abstract syntax tree the parser produces: expressions and statements, each with its source span.

use crate::lexer::Span;
use crate::thin::{RcSlice, RcStr};
use num_bigint::BigInt;
use std::rc::Rc;

/// A literal constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    /// An imaginary literal (`2j`).
    Imag(f64),
    /// One of the hidden helpers `except*` statements call (see `crate::exc_group::hidden`).
    Hidden(u8),
    Str(RcStr),
    Bytes(RcSlice<u8>),
}

/// Binary operators (also used by augmented assignment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

impl BinOp {
    /// The operator's symbol as CPython's error messages print it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
    /// The dunder method name for this operator (`__add__`...).
    pub fn dunder(self) -> (&'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__"),
            BinOp::Sub => ("__sub__", "__rsub__"),
            BinOp::Mul => ("__mul__", "__rmul__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__"),
            BinOp::Div => ("__truediv__", "__rtruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__"),
            BinOp::Pow => ("__pow__", "__rpow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__"),
            BinOp::BitOr => ("__or__", "__ror__"),
            BinOp::BitXor => ("__xor__", "__rxor__"),
            BinOp::BitAnd => ("__and__", "__rand__"),
        }
    }
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Invert,
    Not,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    /// The operator's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

/// An expression with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

/// A call argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Pos(Expr),
    Star(Expr),
    Kw(RcStr, Expr),
    StarStar(Expr),
}

/// One `for ... in ... if ...` clause of a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct CompFor {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    /// `async for`.
    pub is_async: bool,
}

/// One piece of an f-string after parsing.
#[derive(Debug, Clone, PartialEq)]
pub enum FPart {
    Lit(RcStr),
    Field {
        expr: Box<Expr>,
        conv: Option<char>,
        spec: Vec<FPart>,
    },
}

/// Expression kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Name(RcStr),
    Const(Const),
    FString(Vec<FPart>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Set(Vec<Expr>),
    /// `None` key means `**mapping`.
    Dict(Vec<(Option<Expr>, Expr)>),
    Starred(Box<Expr>),
    BinOp(Box<Expr>, BinOp, Box<Expr>),
    UnaryOp(UnOp, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    Call(Box<Expr>, Vec<Arg>),
    Attr(Box<Expr>, RcStr),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    Lambda(Rc<FuncDef>),
    ListComp(Box<Expr>, Vec<CompFor>),
    SetComp(Box<Expr>, Vec<CompFor>),
    DictComp(Box<Expr>, Box<Expr>, Vec<CompFor>),
    GenExp(Box<Expr>, Vec<CompFor>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    Await(Box<Expr>),
    NamedExpr(RcStr, Box<Expr>),
}

/// A function parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: RcStr,
    pub default: Option<Expr>,
}

/// A parameter list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params {
    /// Positional parameters (positional-only ones first).
    pub args: Vec<Param>,
    /// How many of `args` are positional-only (before `/`).
    pub posonly: usize,
    pub vararg: Option<RcStr>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<RcStr>,
    /// The parameters' annotations, in order (`return` for the return annotation).
    pub annotations: Vec<(RcStr, Expr)>,
}

/// A `def` or `lambda`.
#[derive(Debug, Clone, PartialEq)]
pub struct FuncDef {
    pub name: RcStr,
    pub params: Params,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub is_lambda: bool,
    /// `async def`.
    pub is_async: bool,
    pub span: Span,
    /// The docstring, if the body starts with a string literal.
    pub doc: Option<RcStr>,
}

/// A `class` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    pub name: RcStr,
    pub bases: Vec<Arg>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub span: Span,
    pub doc: Option<RcStr>,
}

/// An `except` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Handler {
    pub typ: Option<Expr>,
    pub name: Option<RcStr>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// A statement with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

/// Statement kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    Assign(Vec<Expr>, Expr),
    AugAssign(Expr, BinOp, Expr),
    AnnAssign(Expr, Expr, Option<Expr>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    For(Expr, Expr, Vec<Stmt>, Vec<Stmt>),
    Break,
    Continue,
    Pass,
    Return(Option<Expr>),
    FuncDef(Rc<FuncDef>),
    ClassDef(Rc<ClassDef>),
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Raise(Option<Expr>, Option<Expr>),
    Global(Vec<RcStr>),
    Nonlocal(Vec<RcStr>),
    Del(Vec<Expr>),
    Assert(Expr, Option<Expr>),
    Import(Vec<(RcStr, Option<RcStr>)>),
    ImportFrom(RcStr, Vec<(RcStr, Option<RcStr>)>),
    With(Vec<(Expr, Option<Expr>)>, Vec<Stmt>),
    AsyncFor(Expr, Expr, Vec<Stmt>, Vec<Stmt>),
    AsyncWith(Vec<(Expr, Option<Expr>)>, Vec<Stmt>),
    /// `match subject:` and its cases.
    Match(Expr, Vec<MatchCase>),
}

/// One `case pattern [if guard]:` block.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// A `match` pattern (PEP 634) with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub kind: PatKind,
    pub span: Span,
}

/// Pattern kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum PatKind {
    /// A literal or a dotted value: compared with `==`.
    Value(Expr),
    /// `None`, `True`, `False`: compared with `is`.
    Singleton(Expr),
    /// A bare name (`None` = the wildcard `_`).
    Capture(Option<RcStr>),
    /// `[a, *rest, b]` / `(a, b)`.
    Sequence(Vec<Pattern>),
    /// `*name` inside a sequence pattern (`None` for `*_`).
    Star(Option<RcStr>),
    /// `{key: pattern, **rest}`.
    Mapping(Vec<(Expr, Pattern)>, Option<RcStr>),
    /// `Cls(p, kw=p)`.
    Class(Expr, Vec<Pattern>, Vec<(RcStr, Pattern)>),
    Or(Vec<Pattern>),
    /// `pattern as name`.
    As(Box<Pattern>, RcStr),
}
