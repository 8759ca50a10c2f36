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

pub(crate) mod matching;

/// What kind of scope a code object runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// Module level / exec: names live in the globals (or the exec-locals) dict.
    Module,
    /// A class body: names live in the class namespace dict.
    Class,
    /// A function, lambda or comprehension: names live in frame slots.
    Function,
}

/// A compiled code object.
#[derive(Debug)]
pub struct Code {
    pub name: RcStr,
    pub qualname: RcStr,
    pub filename: RcStr,
    pub kind: ScopeKind,
    pub body: Vec<St>,
    /// All slot names: parameters first, then other locals, then free variables.
    pub slot_names: Vec<RcStr>,
    pub nparams: usize,
    pub posonly: usize,
    pub nkwonly: usize,
    pub has_varargs: bool,
    pub has_varkw: bool,
    /// Slots (locals) that hold cells shared with inner functions.
    pub cell_slots: Vec<u32>,
    /// First free-variable slot; closure values are copied there.
    pub free_start: usize,
    pub is_generator: bool,
    /// 0 for plain code, 1 for a coroutine (`async def`), 2 for an async generator (`async def` with
    /// `yield`, or an async generator expression). `is_generator` is set for both.
    pub coro: u8,
    /// Set by `types.coroutine` on a generator function: its generators may be awaited.
    pub iterable_coro: Cell<bool>,
    /// A comprehension whose first `for` is `async for`: its argument is the async iterable itself.
    pub aiter_arg: bool,
    pub firstline: u32,
    pub doc: Option<RcStr>,
    /// Source text (for tracebacks and the debugger's `l`).
    pub source: RcStr,
    /// Derived by [`Code::sealed`]: positional parameters only, no cells and not a generator, so a call with
    /// `nparams` positional arguments binds them straight into the first slots (one test at each call).
    pub plain: bool,
}

impl Code {
    /// Sets the derived [`Code::plain`] flag; every `Code` is built through this.
    fn sealed(mut self) -> Code {
        self.plain = !self.has_varargs
            && !self.has_varkw
            && self.nkwonly == 0
            && self.cell_slots.is_empty()
            && !self.is_generator;
        self
    }
    /// The number of frame slots.
    pub fn nslots(&self) -> usize {
        self.slot_names.len()
    }
    /// The names of the parameters, in order (including `*args`/`**kwargs`).
    pub fn param_names(&self) -> &[RcStr] {
        let n = self.nparams + self.nkwonly + self.has_varargs as usize + self.has_varkw as usize;
        &self.slot_names[..n]
    }
}

/// A function definition site: code plus expressions evaluated when the `def` runs.
#[derive(Debug)]
pub struct FnDef {
    pub code: Rc<Code>,
    pub defaults: Vec<Ex>,
    pub kwdefaults: Vec<(RcStr, Ex)>,
    /// The annotations, evaluated when the function is defined (`__annotations__`).
    pub annotations: Vec<(RcStr, Ex)>,
    /// Slots of the defining frame whose cells the new function captures.
    pub closure: Vec<u32>,
    pub decorators: Vec<Ex>,
}

/// A class definition site.
#[derive(Debug)]
pub struct ClassDefX {
    pub name: RcStr,
    pub body: Rc<FnDef>,
    pub bases: Vec<Ex>,
    /// `class C(metaclass=M, **kw)`: the class keywords.
    pub keywords: Vec<(RcStr, Ex)>,
    pub decorators: Vec<Ex>,
}

/// A call argument in the IR.
#[derive(Debug)]
pub enum ArgX {
    Pos(Ex),
    Star(Ex),
    Kw(RcStr, Ex),
    StarStar(Ex),
}

/// An f-string piece in the IR.
#[derive(Debug)]
pub enum FPartX {
    Lit(RcStr),
    Field(Ex, Option<char>, Vec<FPartX>),
}

/// A cache slot for a name lookup in a dict: the entry index last found in globals and in builtins, the
/// name's precomputed dict hash, the (globals address, version) where the name was last missing, and the
/// builtins dict's version when the builtins index was found (while it holds, the index needs no key check).
#[derive(Debug, Default)]
pub struct NameCache(
    pub Cell<u32>,
    pub Cell<u32>,
    pub u64,
    pub Cell<(usize, u64)>,
    pub Cell<u64>,
);

impl NameCache {
    /// A cache for `name`.
    pub fn new(name: &str) -> NameCache {
        NameCache(
            Cell::new(0),
            Cell::new(0),
            crate::value::str_key_hash(name),
            Cell::new((0, 0)),
            Cell::new(0),
        )
    }
}

/// A method call site's inline cache: the user function the name resolved to along the MRO of the class at
/// this address, stamped with the class epoch (any class attribute change or class creation bumps it, so a
/// matching stamp means the MRO lookup would find the same function).
#[derive(Debug, Default)]
pub struct MethodCache(pub std::cell::RefCell<Option<(usize, u64, Rc<crate::value::Function>)>>);

/// Expressions.
#[derive(Debug)]
pub enum Ex {
    Const(Value),
    Local(u32, RcStr),
    Deref(u32, RcStr),
    /// Implicit global from a function: globals, then builtins.
    Global(RcStr, NameCache),
    /// Namespace lookup (module/class/exec body): locals, then globals, then builtins.
    Name(RcStr, NameCache),
    /// A class body reading a free variable of the enclosing function: the class dict first, then the cell.
    ClassDeref(RcStr, u32),
    Bin(Box<Ex>, BinOp, Box<Ex>),
    /// `local op int-constant` (specialised: no operand clones on the int fast path).
    BinLI(u32, RcStr, BinOp, i64),
    /// `local op local` (specialised int fast path).
    BinLL(u32, u32, BinOp),
    /// `local cmp int-constant`.
    CmpLI(u32, RcStr, CmpOp, i64),
    Unary(UnOp, Box<Ex>),
    And(Box<Ex>, Box<Ex>),
    Or(Box<Ex>, Box<Ex>),
    Cmp(Box<Ex>, CmpOp, Box<Ex>),
    CmpChain(Box<Ex>, Vec<(CmpOp, Ex)>),
    Call(Box<Ex>, Vec<Ex>),
    /// A call of a builtin that needs the caller's frame (`locals()`, `eval(...)`, `super()`...), when the name
    /// still refers to that builtin at run time.
    CallFrame(Box<Ex>, Vec<ArgX>),
    CallKw(Box<Ex>, Vec<ArgX>),
    CallMethod(Box<Ex>, RcStr, Vec<Ex>, u64, Fast, MethodCache),
    /// `obj.name`, with the name's hash and the entry index where an instance dict last held it (instances
    /// of a class usually store their attributes in the same order, so the index is a hint worth trying).
    Attr(Box<Ex>, RcStr, u64, std::cell::Cell<u32>),
    Index(Box<Ex>, Box<Ex>),
    Slice(Option<Box<Ex>>, Option<Box<Ex>>, Option<Box<Ex>>),
    List(Vec<ArgX>),
    Tuple(Vec<ArgX>),
    Set(Vec<ArgX>),
    Dict(Vec<(Option<Ex>, Ex)>),
    IfExp(Box<Ex>, Box<Ex>, Box<Ex>),
    MakeFunc(Rc<FnDef>),
    /// A comprehension: its function and the outermost iterable (evaluated in the enclosing scope).
    Comp(Rc<FnDef>, Box<Ex>),
    FStr(Vec<FPartX>),
    Yield(Option<Box<Ex>>),
    YieldFrom(Box<Ex>),
    /// `yield` in an async generator (its value goes to the awaiting `__anext__`, not through `await`s).
    AsyncYield(Option<Box<Ex>>),
    Await(Box<Ex>),
    Walrus(Box<Target>, Box<Ex>),
    /// Marks a sub-expression's line for tracebacks.
    Line(u32, Box<Ex>),
}

/// Built-in methods with an inline fast path at call sites (`lst.append(x)`, `d.get(k)`...). The fast path
/// applies only when the receiver has the built-in type at run time; otherwise the call is dispatched normally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fast {
    None,
    Append,
    Get,
    Upper,
    Lower,
    Items,
    Keys,
    Values,
    Pop,
    Add,
}

impl Fast {
    /// The fast path for a method name.
    pub fn of(name: &str) -> Fast {
        match name {
            "append" => Fast::Append,
            "get" => Fast::Get,
            "upper" => Fast::Upper,
            "lower" => Fast::Lower,
            "items" => Fast::Items,
            "keys" => Fast::Keys,
            "values" => Fast::Values,
            "pop" => Fast::Pop,
            "add" => Fast::Add,
            _ => Fast::None,
        }
    }
}

/// Assignment targets.
#[derive(Debug)]
pub enum Target {
    Local(u32),
    Deref(u32),
    Global(RcStr),
    Name(RcStr),
    Attr(Ex, RcStr, u64),
    Index(Ex, Ex),
    /// Unpacking; `Some(i)` marks the starred position.
    Unpack(Vec<Target>, Option<usize>),
}

/// An `except` clause in the IR.
#[derive(Debug)]
pub struct HandlerX {
    pub typ: Option<Ex>,
    pub name: Option<Target>,
    pub body: Vec<St>,
    pub line: u32,
}

/// Statement kinds in the IR.
#[derive(Debug)]
pub enum StKind {
    Expr(Ex),
    /// `name: ann [= value]` in a module or class body: the assignment, then `__annotations__[name] = ann`.
    AnnAssign(Option<(Target, Ex)>, RcStr, Ex),
    /// An expression whose value the REPL prints.
    Print(Ex),
    /// A list comprehension's `acc.append(x)` (the accumulator is a hidden local).
    CompAppend(u32, Ex),
    /// A set comprehension's `acc.add(x)`.
    CompAdd(u32, Ex),
    Assign(Target, Ex),
    AssignMulti(Vec<Target>, Ex),
    AugAssign(Target, BinOp, Ex),
    If(Ex, Vec<St>, Vec<St>),
    While(Ex, Vec<St>, Vec<St>),
    For(Target, Ex, Vec<St>, Vec<St>),
    Break,
    Continue,
    Return(Option<Ex>),
    Pass,
    Try {
        body: Vec<St>,
        handlers: Vec<HandlerX>,
        orelse: Vec<St>,
        finalbody: Vec<St>,
    },
    Raise(Option<Ex>, Option<Ex>),
    Del(Vec<Target>),
    Assert(Ex, Option<Ex>),
    FuncDef(Rc<FnDef>, Target),
    ClassDef(Rc<ClassDefX>, Target),
    Import(RcStr, Target),
    ImportFrom(RcStr, Vec<(RcStr, Target)>),
    ImportStar(RcStr),
    With(Ex, Option<Target>, Vec<St>),
    AsyncFor(Target, Ex, Vec<St>, Vec<St>),
    AsyncWith(Ex, Option<Target>, Vec<St>),
    /// `match subject:` and its cases.
    Match(Ex, Vec<matching::CaseX>),
    /// `global`/`nonlocal` (no runtime effect, kept for line events).
    Decl,
}

/// A statement with its line.
#[derive(Debug)]
pub struct St {
    pub line: u32,
    pub kind: StKind,
}

// ------------------------------------------------------------------------------------------ scopes

#[derive(Debug, Default)]
struct Scope {
    kind: Option<ScopeKind>,
    params: Vec<RcStr>,
    bound: IndexSet<RcStr>,
    used: IndexSet<RcStr>,
    globals: IndexSet<RcStr>,
    nonlocals: IndexSet<RcStr>,
    children: Vec<Scope>,
    cells: IndexSet<RcStr>,
    frees: IndexSet<RcStr>,
    is_generator: bool,
    /// An `async def`, or a generator expression that awaits (an async generator expression).
    is_async: bool,
    /// The scope itself awaits (`await`, `async for`, `async with`).
    has_await: bool,
    first_error: Option<(String, Span)>,
}

/// [`Code::coro`] for a scope.
fn coro_kind(s: &Scope) -> u8 {
    match (s.is_async, s.is_generator) {
        (false, _) => 0,
        (true, false) => 1,
        (true, true) => 2,
    }
}

fn is_fn(s: &Scope) -> bool {
    s.kind == Some(ScopeKind::Function)
}

struct Collector<'a> {
    stack: Vec<Scope>,
    _p: std::marker::PhantomData<&'a ()>,
    /// How deep the walk is in nested statements and expressions; past [`crate::guard::COMPILE_DEPTH`] it
    /// stops descending and `too_deep` fails the compilation (with `RecursionError`, as CPython).
    depth: u32,
    too_deep: bool,
}

impl Collector<'_> {
    fn cur(&mut self) -> &mut Scope {
        let n = self.stack.len() - 1;
        &mut self.stack[n]
    }
    fn bind(&mut self, n: &RcStr) {
        self.cur().bound.insert(n.clone());
    }
    fn use_(&mut self, n: &RcStr) {
        self.cur().used.insert(n.clone());
    }
    fn push(&mut self, kind: ScopeKind) {
        self.stack.push(Scope {
            kind: Some(kind),
            ..Default::default()
        });
    }
    fn pop(&mut self) {
        if let Some(s) = self.stack.pop() {
            self.cur().children.push(s);
        }
    }
    fn stmts(&mut self, b: &[Stmt]) {
        for s in b {
            self.stmt(s);
        }
    }
    fn target(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| self.target(i))
            }
            ExprKind::Starred(i) => self.target(i),
            _ => self.expr(e),
        }
    }
    fn func(&mut self, f: &FuncDef) {
        for p in f.params.args.iter().chain(&f.params.kwonly) {
            if let Some(d) = &p.default {
                self.expr(d);
            }
        }
        f.decorators.iter().for_each(|d| self.expr(d));
        f.params.annotations.iter().for_each(|(_, a)| self.expr(a));
        self.push(ScopeKind::Function);
        self.cur().is_async = f.is_async;
        let mut params: Vec<RcStr> = f.params.args.iter().map(|p| p.name.clone()).collect();
        params.extend(f.params.kwonly.iter().map(|p| p.name.clone()));
        params.extend(f.params.vararg.iter().cloned());
        params.extend(f.params.kwarg.iter().cloned());
        for p in &params {
            self.bind(p);
        }
        self.cur().params = params;
        self.stmts(&f.body);
        self.pop();
    }
    fn comp(&mut self, gens: &[CompFor], elts: &[&Expr]) {
        if let Some(g) = gens.first() {
            self.expr(&g.iter);
        }
        self.push(ScopeKind::Function);
        let dot: RcStr = ".0".into();
        self.bind(&dot);
        self.cur().params = vec![dot];
        if gens.iter().any(|g| g.is_async) {
            self.cur().has_await = true;
        }
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            g.ifs.iter().for_each(|c| self.expr(c));
        }
        elts.iter().for_each(|e| self.expr(e));
        self.pop();
    }
    fn stmt(&mut self, s: &Stmt) {
        self.depth += 1;
        if self.depth > crate::guard::COMPILE_DEPTH || crate::guard::stack_low() {
            self.too_deep = true;
        } else {
            self.stmt_inner(s);
        }
        self.depth -= 1;
    }
    fn stmt_inner(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign(ts, v) => {
                self.expr(v);
                ts.iter().for_each(|t| self.target(t));
            }
            StmtKind::AugAssign(t, _, v) => {
                self.expr(v);
                if let ExprKind::Name(n) = &t.kind {
                    self.use_(n);
                }
                self.target(t);
            }
            StmtKind::AnnAssign(t, ann, v) => {
                if matches!(t.kind, ExprKind::Name(_))
                    && matches!(
                        self.cur().kind,
                        Some(ScopeKind::Module) | Some(ScopeKind::Class)
                    )
                {
                    self.expr(ann);
                }
                if let Some(v) = v {
                    self.expr(v);
                    self.target(t);
                } else if let ExprKind::Name(n) = &t.kind {
                    self.bind(n);
                }
            }
            StmtKind::If(c, a, b) | StmtKind::While(c, a, b) => {
                self.expr(c);
                self.stmts(a);
                self.stmts(b);
            }
            StmtKind::For(t, it, a, b) | StmtKind::AsyncFor(t, it, a, b) => {
                if let StmtKind::AsyncFor(..) = s.kind {
                    self.cur().has_await = true;
                }
                self.expr(it);
                self.target(t);
                self.stmts(a);
                self.stmts(b);
            }
            StmtKind::Return(e) => {
                if let Some(e) = e {
                    self.expr(e)
                }
            }
            StmtKind::FuncDef(f) => {
                self.func(f);
                self.bind(&f.name);
            }
            StmtKind::ClassDef(c) => {
                for b in &c.bases {
                    match b {
                        Arg::Pos(e) | Arg::Star(e) | Arg::Kw(_, e) | Arg::StarStar(e) => {
                            self.expr(e)
                        }
                    }
                }
                c.decorators.iter().for_each(|d| self.expr(d));
                self.push(ScopeKind::Class);
                self.stmts(&c.body);
                self.pop();
                self.bind(&c.name);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.bind(n);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Raise(a, b) => {
                a.iter().chain(b.iter()).for_each(|e| self.expr(e));
            }
            StmtKind::Global(ns) => {
                for n in ns {
                    self.cur().globals.insert(n.clone());
                }
            }
            StmtKind::Nonlocal(ns) => {
                for n in ns {
                    if self.stack.len() == 1 || !is_fn(self.cur()) {
                        if self.cur().first_error.is_none() {
                            self.cur().first_error = Some((
                                "nonlocal declaration not allowed at module level".into(),
                                s.span,
                            ));
                        }
                    }
                    self.cur().nonlocals.insert(n.clone());
                }
            }
            StmtKind::Del(ts) => ts.iter().for_each(|t| self.target(t)),
            StmtKind::Assert(a, b) => {
                self.expr(a);
                if let Some(b) = b {
                    self.expr(b);
                }
            }
            StmtKind::Import(names) => {
                for (n, a) in names {
                    let bound: RcStr = match a {
                        Some(a) => a.clone(),
                        None => n.split('.').next().unwrap_or(n).into(),
                    };
                    self.bind(&bound);
                }
            }
            StmtKind::ImportFrom(_, names) => {
                for (n, a) in names {
                    if &**n != "*" {
                        self.bind(a.as_ref().unwrap_or(n));
                    }
                }
            }
            StmtKind::Match(subject, cases) => {
                self.expr(subject);
                for c in cases {
                    self.pattern(&c.pattern);
                    if let Some(g) = &c.guard {
                        self.expr(g);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::With(items, body) | StmtKind::AsyncWith(items, body) => {
                if let StmtKind::AsyncWith(..) = s.kind {
                    self.cur().has_await = true;
                }
                for (e, t) in items {
                    self.expr(e);
                    if let Some(t) = t {
                        self.target(t);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
        }
    }
    fn expr(&mut self, e: &Expr) {
        self.depth += 1;
        if self.depth > crate::guard::COMPILE_DEPTH || crate::guard::stack_low() {
            self.too_deep = true;
        } else {
            self.expr_inner(e);
        }
        self.depth -= 1;
    }
    fn expr_inner(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.use_(n),
            ExprKind::Const(_) => {}
            ExprKind::FString(parts) => self.fparts(parts),
            ExprKind::List(v) | ExprKind::Tuple(v) | ExprKind::Set(v) => {
                v.iter().for_each(|x| self.expr(x))
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::Starred(x) | ExprKind::UnaryOp(_, x) | ExprKind::Attr(x, _) => self.expr(x),
            ExprKind::BinOp(a, _, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b)
            | ExprKind::Subscript(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::Compare(a, rest) => {
                self.expr(a);
                rest.iter().for_each(|(_, x)| self.expr(x));
            }
            ExprKind::Call(f, args) => {
                self.expr(f);
                for a in args {
                    match a {
                        Arg::Pos(e) | Arg::Star(e) | Arg::Kw(_, e) | Arg::StarStar(e) => {
                            self.expr(e)
                        }
                    }
                }
            }
            ExprKind::Slice(a, b, c) => {
                for x in [a, b, c].into_iter().flatten() {
                    self.expr(x);
                }
            }
            ExprKind::IfExp(a, b, c) => {
                self.expr(a);
                self.expr(b);
                self.expr(c);
            }
            ExprKind::Lambda(f) => self.func(f),
            ExprKind::ListComp(x, g) | ExprKind::SetComp(x, g) | ExprKind::GenExp(x, g) => {
                let is_gen = matches!(e.kind, ExprKind::GenExp(..));
                self.comp(g, &[x]);
                if is_gen {
                    let n = self.cur().children.len();
                    let c = &mut self.cur().children[n - 1];
                    c.is_generator = true;
                    c.is_async = c.has_await;
                }
            }
            ExprKind::DictComp(k, v, g) => self.comp(g, &[k, v]),
            ExprKind::Yield(x) => {
                self.cur().is_generator = true;
                if let Some(x) = x {
                    self.expr(x);
                }
            }
            ExprKind::YieldFrom(x) => {
                self.cur().is_generator = true;
                self.expr(x);
            }
            ExprKind::Await(x) => {
                self.cur().has_await = true;
                self.expr(x);
            }
            ExprKind::NamedExpr(n, v) => {
                self.expr(v);
                // A walrus in a comprehension binds in the nearest enclosing non-comprehension scope.
                self.bind(n);
            }
        }
    }
    fn fparts(&mut self, parts: &[FPart]) {
        for p in parts {
            if let FPart::Field { expr, spec, .. } = p {
                self.expr(expr);
                self.fparts(spec);
            }
        }
    }
    fn pattern(&mut self, p: &Pattern) {
        match &p.kind {
            PatKind::Value(e) | PatKind::Singleton(e) => self.expr(e),
            PatKind::Capture(n) | PatKind::Star(n) => {
                if let Some(n) = n {
                    self.bind(n);
                }
            }
            PatKind::Sequence(items) | PatKind::Or(items) => {
                items.iter().for_each(|i| self.pattern(i))
            }
            PatKind::Mapping(items, rest) => {
                for (k, v) in items {
                    self.expr(k);
                    self.pattern(v);
                }
                if let Some(r) = rest {
                    self.bind(r);
                }
            }
            PatKind::Class(c, pos, kw) => {
                self.expr(c);
                pos.iter().for_each(|i| self.pattern(i));
                kw.iter().for_each(|(_, i)| self.pattern(i));
            }
            PatKind::As(inner, n) => {
                self.pattern(inner);
                self.bind(n);
            }
        }
    }
}

/// Computes cell and free variables bottom-up. Returns the names this scope needs from outside.
fn resolve(scope: &mut Scope) -> IndexSet<RcStr> {
    let mut child_needs: IndexSet<RcStr> = IndexSet::new();
    for c in &mut scope.children {
        child_needs.extend(resolve(c));
    }
    let mut needs: IndexSet<RcStr> = IndexSet::new();
    let fnscope = is_fn(scope);
    for n in &child_needs {
        if fnscope
            && scope.bound.contains(n)
            && !scope.globals.contains(n)
            && !scope.nonlocals.contains(n)
        {
            scope.cells.insert(n.clone());
        } else if scope.globals.contains(n) {
            // Children read it as a global... but the child decided "free"; we fix that in lowering.
        } else {
            needs.insert(n.clone());
            if scope.kind != Some(ScopeKind::Module) {
                scope.frees.insert(n.clone());
            }
        }
    }
    if fnscope {
        for n in scope.used.iter().chain(scope.bound.iter()) {
            if !scope.bound.contains(n) && !scope.globals.contains(n) {
                needs.insert(n.clone());
                scope.frees.insert(n.clone());
            }
        }
        for n in &scope.nonlocals {
            needs.insert(n.clone());
            scope.frees.insert(n.clone());
        }
    } else if scope.kind == Some(ScopeKind::Class) {
        // A class body's own free uses are looked up by ClassDeref when an enclosing function binds them.
        for n in &scope.used {
            if !scope.globals.contains(n) {
                needs.insert(n.clone());
                scope.frees.insert(n.clone());
            }
        }
    }
    needs
}

/// Drops free variables that no enclosing function binds (they become globals) — top-down.
fn settle(scope: &mut Scope, enclosing_fn_bound: &[IndexSet<RcStr>]) -> Result<(), (String, Span)> {
    let visible = |n: &RcStr| enclosing_fn_bound.iter().any(|b| b.contains(n));
    let frees: IndexSet<RcStr> = scope.frees.iter().filter(|n| visible(n)).cloned().collect();
    for n in &scope.nonlocals {
        if !visible(n) && scope.first_error.is_none() {
            scope.first_error = Some((
                format!("no binding for nonlocal '{n}' found"),
                Span::default(),
            ));
        }
    }
    scope.frees = frees;
    if let Some(e) = scope.first_error.take() {
        return Err(e);
    }
    let mut next = enclosing_fn_bound.to_vec();
    if is_fn(scope) {
        let mine: IndexSet<RcStr> = scope
            .bound
            .iter()
            .filter(|n| !scope.globals.contains(*n) && !scope.nonlocals.contains(*n))
            .cloned()
            .chain(scope.frees.iter().cloned())
            .collect();
        next.push(mine);
    } else if scope.kind == Some(ScopeKind::Class) {
        // Class-bound names are invisible to nested functions, but names passed through stay visible.
    }
    for c in &mut scope.children {
        settle(c, &next)?;
    }
    // A cell is only needed if some child actually kept it as free.
    Ok(())
}

// ------------------------------------------------------------------------------------------ lowering

struct Lower<'s> {
    scope: &'s Scope,
    child: usize,
    slots: IndexMap<RcStr, u32>,
    loop_depth: u32,
    in_func: bool,
    filename: RcStr,
    source: RcStr,
    qualname: String,
    /// For comprehension/genexp: names bound by walrus go to the enclosing function (not modelled: local).
    interactive: bool,
    /// Where `await` may appear: 0 outside any function, 1 in a plain function, 2 in an async one.
    async_ctx: u8,
}

type CResult<T> = Result<T, SyntaxError>;

impl<'s> Lower<'s> {
    fn err(&self, msg: &str, sp: Span) -> SyntaxError {
        let text = self
            .source
            .split('\n')
            .nth((sp.line as usize).saturating_sub(1))
            .unwrap_or("")
            .to_string();
        let mut e = SyntaxError::new(msg, sp.line, sp.col + 1, sp.end_col + 1, text);
        e.filename = self.filename.to_string();
        e
    }

    fn new_child(&mut self) -> &'s Scope {
        let s = &self.scope.children[self.child];
        self.child += 1;
        s
    }

    fn load(&self, n: &RcStr) -> Ex {
        let s = self.scope;
        if s.globals.contains(n) {
            return Ex::Global(n.clone(), NameCache::new(n));
        }
        match s.kind {
            Some(ScopeKind::Function) => {
                if let Some(&i) = self.slots.get(n) {
                    if s.cells.contains(n) || s.frees.contains(n) {
                        Ex::Deref(i, n.clone())
                    } else {
                        Ex::Local(i, n.clone())
                    }
                } else {
                    Ex::Global(n.clone(), NameCache::new(n))
                }
            }
            Some(ScopeKind::Class) => match self.slots.get(n) {
                Some(&i) if s.frees.contains(n) => Ex::ClassDeref(n.clone(), i),
                _ => Ex::Name(n.clone(), NameCache::new(n)),
            },
            _ => Ex::Name(n.clone(), NameCache::new(n)),
        }
    }

    fn store(&self, n: &RcStr) -> Target {
        let s = self.scope;
        if s.globals.contains(n) {
            return Target::Global(n.clone());
        }
        match s.kind {
            Some(ScopeKind::Function) => match self.slots.get(n) {
                Some(&i) if s.cells.contains(n) || s.frees.contains(n) => Target::Deref(i),
                Some(&i) => Target::Local(i),
                None => Target::Global(n.clone()),
            },
            _ => Target::Name(n.clone()),
        }
    }

    fn target(&mut self, e: &Expr) -> CResult<Target> {
        Ok(match &e.kind {
            ExprKind::Name(n) => self.store(n),
            ExprKind::Attr(o, n) => {
                Target::Attr(self.expr(o)?, n.clone(), crate::value::str_key_hash(n))
            }
            ExprKind::Subscript(o, i) => Target::Index(self.expr(o)?, self.expr(i)?),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut star = None;
                let mut ts = Vec::new();
                for (i, it) in items.iter().enumerate() {
                    if let ExprKind::Starred(inner) = &it.kind {
                        star = Some(i);
                        ts.push(self.target(inner)?);
                    } else {
                        ts.push(self.target(it)?);
                    }
                }
                Target::Unpack(ts, star)
            }
            _ => return Err(self.err("cannot assign to expression", e.span)),
        })
    }

    fn block(&mut self, b: &[Stmt]) -> CResult<Vec<St>> {
        let mut out = Vec::with_capacity(b.len());
        for s in b {
            self.stmt(s, &mut out)?;
        }
        Ok(out)
    }

    fn stmt(&mut self, s: &Stmt, out: &mut Vec<St>) -> CResult<()> {
        let line = s.span.line;
        let kind = match &s.kind {
            StmtKind::Expr(e) => {
                if self.interactive && self.scope.kind == Some(ScopeKind::Module) {
                    StKind::Print(self.expr(e)?)
                } else {
                    StKind::Expr(self.expr(e)?)
                }
            }
            StmtKind::Assign(ts, v) => {
                let v = self.expr(v)?;
                if ts.len() == 1 {
                    StKind::Assign(self.target(&ts[0])?, v)
                } else {
                    let ts = ts
                        .iter()
                        .map(|t| self.target(t))
                        .collect::<CResult<Vec<_>>>()?;
                    StKind::AssignMulti(ts, v)
                }
            }
            StmtKind::AugAssign(t, op, v) => StKind::AugAssign(self.target(t)?, *op, self.expr(v)?),
            StmtKind::AnnAssign(t, ann, v) => match (&t.kind, self.scope.kind) {
                (ExprKind::Name(n), Some(ScopeKind::Module | ScopeKind::Class)) => {
                    let assign = match v {
                        Some(v) => Some((self.target(t)?, self.expr(v)?)),
                        None => None,
                    };
                    StKind::AnnAssign(assign, n.clone(), self.expr(ann)?)
                }
                _ => match v {
                    Some(v) => StKind::Assign(self.target(t)?, self.expr(v)?),
                    None => StKind::Pass,
                },
            },
            StmtKind::If(c, a, b) => StKind::If(self.expr(c)?, self.block(a)?, self.block(b)?),
            StmtKind::While(c, a, b) => {
                let c = self.expr(c)?;
                self.loop_depth += 1;
                let a = self.block(a);
                self.loop_depth -= 1;
                StKind::While(c, a?, self.block(b)?)
            }
            StmtKind::For(t, it, a, b) | StmtKind::AsyncFor(t, it, a, b) => {
                let is_async = matches!(s.kind, StmtKind::AsyncFor(..));
                if is_async && self.async_ctx != 2 {
                    return Err(self.err("'async for' outside async function", s.span));
                }
                let it = self.expr(it)?;
                let t = self.target(t)?;
                self.loop_depth += 1;
                let a = self.block(a);
                self.loop_depth -= 1;
                if is_async {
                    StKind::AsyncFor(t, it, a?, self.block(b)?)
                } else {
                    StKind::For(t, it, a?, self.block(b)?)
                }
            }
            StmtKind::Match(subject, cases) => self.match_stmt(subject, cases)?,
            StmtKind::Break => {
                if self.loop_depth == 0 {
                    return Err(self.err_noline("'break' outside loop", s.span));
                }
                StKind::Break
            }
            StmtKind::Continue => {
                if self.loop_depth == 0 {
                    return Err(self.err_noline("'continue' not properly in loop", s.span));
                }
                StKind::Continue
            }
            StmtKind::Return(e) => {
                if !self.in_func {
                    return Err(self.err_noline("'return' outside function", s.span));
                }
                if e.is_some() && self.scope.is_async && self.scope.is_generator {
                    return Err(self.err("'return' with value in async generator", s.span));
                }
                StKind::Return(e.as_ref().map(|e| self.expr(e)).transpose()?)
            }
            StmtKind::Pass => StKind::Pass,
            StmtKind::FuncDef(f) => {
                let def = self.funcdef(f)?;
                StKind::FuncDef(def, self.store(&f.name))
            }
            StmtKind::ClassDef(c) => {
                let bases = c
                    .bases
                    .iter()
                    .filter_map(|b| match b {
                        Arg::Pos(e) => Some(self.expr(e)),
                        _ => None,
                    })
                    .collect::<CResult<Vec<_>>>()?;
                let keywords = c
                    .bases
                    .iter()
                    .filter_map(|b| match b {
                        Arg::Kw(n, e) => Some(self.expr(e).map(|x| (n.clone(), x))),
                        _ => None,
                    })
                    .collect::<CResult<Vec<_>>>()?;
                let decorators = c
                    .decorators
                    .iter()
                    .map(|d| self.expr(d))
                    .collect::<CResult<Vec<_>>>()?;
                let scope = self.new_child();
                let qual = self.child_qualname(&c.name);
                let body = self.code_for(
                    scope,
                    &c.name,
                    qual,
                    &c.body,
                    c.span.line,
                    c.doc.clone(),
                    None,
                )?;
                let cx = ClassDefX {
                    name: c.name.clone(),
                    body,
                    bases,
                    keywords,
                    decorators,
                };
                StKind::ClassDef(Rc::new(cx), self.store(&c.name))
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                let body = self.block(body)?;
                let mut hs = Vec::new();
                for h in handlers {
                    hs.push(HandlerX {
                        typ: h.typ.as_ref().map(|t| self.expr(t)).transpose()?,
                        name: h.name.as_ref().map(|n| self.store(n)),
                        body: self.block(&h.body)?,
                        line: h.span.line,
                    });
                }
                StKind::Try {
                    body,
                    handlers: hs,
                    orelse: self.block(orelse)?,
                    finalbody: self.block(finalbody)?,
                }
            }
            StmtKind::Raise(a, b) => StKind::Raise(
                a.as_ref().map(|e| self.expr(e)).transpose()?,
                b.as_ref().map(|e| self.expr(e)).transpose()?,
            ),
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => StKind::Decl,
            StmtKind::Del(ts) => StKind::Del(
                ts.iter()
                    .map(|t| self.target(t))
                    .collect::<CResult<Vec<_>>>()?,
            ),
            StmtKind::Assert(a, b) => {
                StKind::Assert(self.expr(a)?, b.as_ref().map(|e| self.expr(e)).transpose()?)
            }
            StmtKind::Import(names) => {
                for (n, a) in names {
                    let bound: RcStr = match a {
                        Some(a) => a.clone(),
                        None => n.split('.').next().unwrap_or(n).into(),
                    };
                    out.push(St {
                        line,
                        kind: StKind::Import(n.clone(), self.store(&bound)),
                    });
                    // `import a.b` loads `a.b` (above) and then binds `a` itself.
                    if a.is_none() && n.contains('.') {
                        out.push(St {
                            line,
                            kind: StKind::Import(bound.clone(), self.store(&bound)),
                        });
                    }
                }
                return Ok(());
            }
            StmtKind::ImportFrom(m, names) => {
                if names.len() == 1 && &*names[0].0 == "*" {
                    StKind::ImportStar(m.clone())
                } else {
                    let items = names
                        .iter()
                        .map(|(n, a)| (n.clone(), self.store(a.as_ref().unwrap_or(n))))
                        .collect();
                    StKind::ImportFrom(m.clone(), items)
                }
            }
            StmtKind::With(items, body) | StmtKind::AsyncWith(items, body) => {
                let is_async = matches!(s.kind, StmtKind::AsyncWith(..));
                if is_async && self.async_ctx != 2 {
                    return Err(self.err("'async with' outside async function", s.span));
                }
                let mut body = self.block(body)?;
                for (i, (e, t)) in items.iter().enumerate().rev() {
                    let e = self.expr(e)?;
                    let t = t.as_ref().map(|t| self.target(t)).transpose()?;
                    let kind = if is_async {
                        StKind::AsyncWith(e, t, body)
                    } else {
                        StKind::With(e, t, body)
                    };
                    if i == 0 {
                        out.push(St { line, kind });
                        return Ok(());
                    }
                    body = vec![St { line, kind }];
                }
                StKind::Pass
            }
        };
        out.push(St { line, kind });
        Ok(())
    }

    fn err_noline(&self, msg: &str, sp: Span) -> SyntaxError {
        let mut e = self.err(msg, sp);
        e.text = String::new();
        e.offset = sp.col + 1;
        e
    }

    fn child_qualname(&self, name: &str) -> String {
        if self.qualname.is_empty() {
            name.to_string()
        } else if self.scope.kind == Some(ScopeKind::Function) {
            format!("{}.<locals>.{}", self.qualname, name)
        } else {
            format!("{}.{}", self.qualname, name)
        }
    }

    fn funcdef(&mut self, f: &FuncDef) -> CResult<Rc<FnDef>> {
        let mut defaults = Vec::new();
        let mut kwdefaults = Vec::new();
        for p in &f.params.args {
            if let Some(d) = &p.default {
                defaults.push(self.expr(d)?);
            }
        }
        for p in &f.params.kwonly {
            if let Some(d) = &p.default {
                kwdefaults.push((p.name.clone(), self.expr(d)?));
            }
        }
        let decorators = f
            .decorators
            .iter()
            .map(|d| self.expr(d))
            .collect::<CResult<Vec<_>>>()?;
        let annotations = f
            .params
            .annotations
            .iter()
            .map(|(n, a)| Ok((n.clone(), self.expr(a)?)))
            .collect::<CResult<Vec<_>>>()?;
        let scope = self.new_child();
        let qual = self.child_qualname(&f.name);
        let def = self.code_for(
            scope,
            &f.name,
            qual,
            &f.body,
            f.span.line,
            f.doc.clone(),
            Some(&f.params),
        )?;
        let mut d = Rc::try_unwrap(def).unwrap_or_else(|rc| FnDef {
            code: rc.code.clone(),
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            annotations: Vec::new(),
            closure: rc.closure.clone(),
            decorators: Vec::new(),
        });
        d.annotations = annotations;
        d.defaults = defaults;
        d.kwdefaults = kwdefaults;
        d.decorators = decorators;
        Ok(Rc::new(d))
    }

    #[allow(clippy::too_many_arguments)]
    fn code_for(
        &mut self,
        scope: &Scope,
        name: &RcStr,
        qualname: String,
        body: &[Stmt],
        firstline: u32,
        doc: Option<RcStr>,
        params: Option<&Params>,
    ) -> CResult<Rc<FnDef>> {
        let mut slots: IndexMap<RcStr, u32> = IndexMap::new();
        let kind = scope.kind.unwrap_or(ScopeKind::Function);
        if kind == ScopeKind::Function {
            for p in &scope.params {
                let n = slots.len() as u32;
                slots.entry(p.clone()).or_insert(n);
            }
            for b in &scope.bound {
                if !scope.globals.contains(b) && !scope.nonlocals.contains(b) {
                    let n = slots.len() as u32;
                    slots.entry(b.clone()).or_insert(n);
                }
            }
        }
        let free_start = slots.len();
        for f in &scope.frees {
            let n = slots.len() as u32;
            slots.entry(f.clone()).or_insert(n);
        }
        // Where the new function's closure cells come from in *this* frame.
        let mut closure = Vec::new();
        for f in &scope.frees {
            match self.slots.get(f) {
                Some(&i) => closure.push(i),
                None => {
                    return Err(self.err("internal: free variable without a cell", Span::default()));
                }
            }
        }
        let cell_slots = scope
            .cells
            .iter()
            .filter_map(|c| slots.get(c).copied())
            .collect();
        let mut sub = Lower {
            scope,
            child: 0,
            slots,
            loop_depth: 0,
            in_func: kind == ScopeKind::Function,
            filename: self.filename.clone(),
            source: self.source.clone(),
            qualname: qualname.clone(),
            interactive: false,
            async_ctx: match (kind, scope.is_async) {
                (ScopeKind::Function, true) => 2,
                (ScopeKind::Function, false) => 1,
                _ => 0,
            },
        };
        let body = sub.block(body)?;
        let (nparams, posonly, nkwonly, va, vk) = match params {
            Some(p) => (
                p.args.len(),
                p.posonly,
                p.kwonly.len(),
                p.vararg.is_some(),
                p.kwarg.is_some(),
            ),
            None => (scope.params.len(), 0, 0, false, false),
        };
        let code = Code {
            name: name.clone(),
            qualname: qualname.into(),
            filename: self.filename.clone(),
            kind,
            body,
            slot_names: sub.slots.keys().cloned().collect(),
            nparams,
            posonly,
            nkwonly,
            has_varargs: va,
            has_varkw: vk,
            cell_slots,
            free_start,
            is_generator: scope.is_generator || scope.is_async,
            coro: coro_kind(scope),
            iterable_coro: Cell::new(false),
            aiter_arg: false,
            firstline,
            doc,
            source: self.source.clone(),
            plain: false,
        }
        .sealed();
        Ok(Rc::new(FnDef {
            code: Rc::new(code),
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            annotations: Vec::new(),
            closure,
            decorators: Vec::new(),
        }))
    }

    fn args(&mut self, items: &[Expr]) -> CResult<Vec<ArgX>> {
        items
            .iter()
            .map(|e| match &e.kind {
                ExprKind::Starred(x) => Ok(ArgX::Star(self.expr(x)?)),
                _ => Ok(ArgX::Pos(self.expr(e)?)),
            })
            .collect()
    }

    fn comp(&mut self, e: &Expr, gens: &[CompFor], kind: u8) -> CResult<Ex> {
        let outer = self.expr(&gens[0].iter)?;
        let scope = self.new_child();
        if kind != 3 && self.async_ctx != 2 && scope.has_await {
            return Err(self.err(
                "asynchronous comprehension outside of an asynchronous function",
                e.span,
            ));
        }
        let name: RcStr = match kind {
            0 => "<listcomp>",
            1 => "<setcomp>",
            2 => "<dictcomp>",
            _ => "<genexpr>",
        }
        .into();
        // Build the comprehension body as statements: nested fors/ifs around an "append" expression.
        let qual = self.child_qualname(&name);
        let mut slots: IndexMap<RcStr, u32> = IndexMap::new();
        for p in &scope.params {
            let n = slots.len() as u32;
            slots.entry(p.clone()).or_insert(n);
        }
        for b in &scope.bound {
            let n = slots.len() as u32;
            slots.entry(b.clone()).or_insert(n);
        }
        let acc: RcStr = ".acc".into();
        let acc_slot = slots.len() as u32;
        slots.insert(acc.clone(), acc_slot);
        let free_start = slots.len();
        for f in &scope.frees {
            let n = slots.len() as u32;
            slots.entry(f.clone()).or_insert(n);
        }
        let mut closure = Vec::new();
        for f in &scope.frees {
            if let Some(&i) = self.slots.get(f) {
                closure.push(i);
            }
        }
        let cell_slots = scope
            .cells
            .iter()
            .filter_map(|c| slots.get(c).copied())
            .collect();
        let mut sub = Lower {
            scope,
            child: 0,
            slots,
            loop_depth: 1,
            in_func: true,
            filename: self.filename.clone(),
            source: self.source.clone(),
            qualname: qual.clone(),
            interactive: false,
            async_ctx: if kind == 3 { 2 } else { self.async_ctx },
        };
        let line = e.span.line;
        // Innermost action.
        let acc_ex = || Ex::Local(acc_slot, ".acc".into());
        let action = match (&e.kind, kind) {
            (ExprKind::DictComp(k, v, _), _) => {
                let k = sub.expr(k)?;
                let v = sub.expr(v)?;
                StKind::Assign(Target::Index(acc_ex(), k), v)
            }
            (ExprKind::ListComp(x, _), _) => StKind::CompAppend(acc_slot, sub.expr(x)?),
            (ExprKind::SetComp(x, _), _) => StKind::CompAdd(acc_slot, sub.expr(x)?),
            (ExprKind::GenExp(x, _), _) if scope.is_async => {
                StKind::Expr(Ex::AsyncYield(Some(Box::new(sub.expr(x)?))))
            }
            (ExprKind::GenExp(x, _), _) => StKind::Expr(Ex::Yield(Some(Box::new(sub.expr(x)?)))),
            _ => return Err(self.err("internal: bad comprehension", e.span)),
        };
        // Compile loops inside-out.
        let mut body = vec![St { line, kind: action }];
        for (i, g) in gens.iter().enumerate().rev() {
            for c in g.ifs.iter().rev() {
                let c = sub.expr(c)?;
                body = vec![St {
                    line,
                    kind: StKind::If(c, body, Vec::new()),
                }];
            }
            let it = if i == 0 {
                Ex::Local(0, ".0".into())
            } else {
                sub.expr(&g.iter)?
            };
            let t = sub.target(&g.target)?;
            body = vec![St {
                line,
                kind: if g.is_async {
                    StKind::AsyncFor(t, it, body, Vec::new())
                } else {
                    StKind::For(t, it, body, Vec::new())
                },
            }];
        }
        let init = match kind {
            0 => Some(Ex::List(Vec::new())),
            1 => Some(Ex::Set(Vec::new())),
            2 => Some(Ex::Dict(Vec::new())),
            _ => None,
        };
        let mut stmts = Vec::new();
        if let Some(init) = init {
            stmts.push(St {
                line,
                kind: StKind::Assign(Target::Local(acc_slot), init),
            });
        }
        stmts.extend(body);
        if kind != 3 {
            stmts.push(St {
                line,
                kind: StKind::Return(Some(acc_ex())),
            });
        }
        let code = Code {
            name: name.clone(),
            qualname: qual.into(),
            filename: self.filename.clone(),
            kind: ScopeKind::Function,
            body: stmts,
            slot_names: sub.slots.keys().cloned().collect(),
            nparams: 1,
            posonly: 1,
            nkwonly: 0,
            has_varargs: false,
            has_varkw: false,
            cell_slots,
            free_start,
            is_generator: kind == 3,
            coro: if kind == 3 { coro_kind(scope) } else { 0 },
            iterable_coro: Cell::new(false),
            aiter_arg: gens[0].is_async,
            firstline: line,
            doc: None,
            source: self.source.clone(),
            plain: false,
        }
        .sealed();
        let def = FnDef {
            code: Rc::new(code),
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            annotations: Vec::new(),
            closure,
            decorators: Vec::new(),
        };
        Ok(Ex::Comp(Rc::new(def), Box::new(outer)))
    }

    fn expr(&mut self, e: &Expr) -> CResult<Ex> {
        Ok(match &e.kind {
            ExprKind::Name(n) => self.load(n),
            ExprKind::Const(c) => Ex::Const(const_value(c)),
            ExprKind::FString(parts) => Ex::FStr(self.fparts(parts)?),
            ExprKind::List(items) => Ex::List(self.args(items)?),
            ExprKind::Tuple(items) => {
                if items.iter().all(|i| matches!(i.kind, ExprKind::Const(_))) {
                    let vals: Vec<Value> = items
                        .iter()
                        .map(|i| {
                            if let ExprKind::Const(c) = &i.kind {
                                const_value(c)
                            } else {
                                Value::None
                            }
                        })
                        .collect();
                    Ex::Const(Value::tuple(vals))
                } else {
                    Ex::Tuple(self.args(items)?)
                }
            }
            ExprKind::Set(items) => Ex::Set(self.args(items)?),
            ExprKind::Dict(items) => {
                let mut v = Vec::new();
                for (k, x) in items {
                    v.push((k.as_ref().map(|k| self.expr(k)).transpose()?, self.expr(x)?));
                }
                Ex::Dict(v)
            }
            ExprKind::Starred(_) => {
                return Err(self.err("can't use starred expression here", e.span));
            }
            ExprKind::BinOp(a, op, b) => match (self.expr(a)?, self.expr(b)?) {
                (Ex::Local(i, n), Ex::Const(Value::Int(k)))
                    if matches!(
                        op,
                        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Mod | BinOp::FloorDiv
                    ) =>
                {
                    Ex::BinLI(i, n, *op, k)
                }
                (Ex::Local(i, _), Ex::Local(j, _))
                    if matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul) =>
                {
                    Ex::BinLL(i, j, *op)
                }
                (x, y) => Ex::Bin(Box::new(x), *op, Box::new(y)),
            },
            ExprKind::UnaryOp(op, a) => Ex::Unary(*op, Box::new(self.expr(a)?)),
            ExprKind::And(a, b) => Ex::And(Box::new(self.expr(a)?), Box::new(self.expr(b)?)),
            ExprKind::Or(a, b) => Ex::Or(Box::new(self.expr(a)?), Box::new(self.expr(b)?)),
            ExprKind::Compare(a, rest) => {
                let a = self.expr(a)?;
                if rest.len() == 1 {
                    let op = rest[0].0;
                    match (a, self.expr(&rest[0].1)?) {
                        (Ex::Local(i, n), Ex::Const(Value::Int(k)))
                            if matches!(
                                op,
                                CmpOp::Lt
                                    | CmpOp::Le
                                    | CmpOp::Gt
                                    | CmpOp::Ge
                                    | CmpOp::Eq
                                    | CmpOp::Ne
                            ) =>
                        {
                            Ex::CmpLI(i, n, op, k)
                        }
                        (a, b) => Ex::Cmp(Box::new(a), op, Box::new(b)),
                    }
                } else {
                    let r = rest
                        .iter()
                        .map(|(op, x)| Ok((*op, self.expr(x)?)))
                        .collect::<CResult<Vec<_>>>()?;
                    Ex::CmpChain(Box::new(a), r)
                }
            }
            ExprKind::Call(f, args) => {
                let simple = args.iter().all(|a| matches!(a, Arg::Pos(_)));
                let frame_builtin =
                    matches!(&f.kind, ExprKind::Name(n) if FRAME_BUILTINS.contains(&&**n));
                let ex = if frame_builtin {
                    let fx = self.expr(f)?;
                    let xs = self.call_args(args)?;
                    Ex::CallFrame(Box::new(fx), xs)
                } else if simple {
                    // The callee first, then the arguments: the order the symtable pass met their nested
                    // scopes in (lambdas, comprehensions), which `new_child` hands out in turn.
                    let callee = match &f.kind {
                        ExprKind::Attr(o, _) => self.expr(o)?,
                        _ => self.expr(f)?,
                    };
                    let xs = args
                        .iter()
                        .map(|a| match a {
                            Arg::Pos(e) => self.expr(e),
                            _ => Ok(Ex::Const(Value::None)),
                        })
                        .collect::<CResult<Vec<_>>>()?;
                    if let ExprKind::Attr(_, name) = &f.kind {
                        Ex::CallMethod(
                            Box::new(callee),
                            name.clone(),
                            xs,
                            crate::value::str_key_hash(name),
                            Fast::of(name),
                            MethodCache::default(),
                        )
                    } else {
                        Ex::Call(Box::new(callee), xs)
                    }
                } else {
                    let fx = self.expr(f)?;
                    let xs = self.call_args(args)?;
                    Ex::CallKw(Box::new(fx), xs)
                };
                if e.span.line != e.span.end_line {
                    Ex::Line(e.span.line, Box::new(ex))
                } else {
                    ex
                }
            }
            ExprKind::Attr(o, n) => Ex::Attr(
                Box::new(self.expr(o)?),
                n.clone(),
                crate::value::str_key_hash(n),
                std::cell::Cell::new(0),
            ),
            ExprKind::Subscript(o, i) => {
                Ex::Index(Box::new(self.expr(o)?), Box::new(self.expr(i)?))
            }
            ExprKind::Slice(a, b, c) => {
                let mut f = |x: &Option<Box<Expr>>| {
                    x.as_ref().map(|x| self.expr(x).map(Box::new)).transpose()
                };
                Ex::Slice(f(a)?, f(b)?, f(c)?)
            }
            ExprKind::IfExp(c, a, b) => Ex::IfExp(
                Box::new(self.expr(c)?),
                Box::new(self.expr(a)?),
                Box::new(self.expr(b)?),
            ),
            ExprKind::Lambda(f) => Ex::MakeFunc(self.funcdef(f)?),
            ExprKind::ListComp(..) => self.comp(e, comp_gens(e), 0)?,
            ExprKind::SetComp(..) => self.comp(e, comp_gens(e), 1)?,
            ExprKind::DictComp(..) => self.comp(e, comp_gens(e), 2)?,
            ExprKind::GenExp(..) => self.comp(e, comp_gens(e), 3)?,
            ExprKind::Yield(x) => {
                if !self.in_func {
                    return Err(self.err_noline("'yield' outside function", e.span));
                }
                let x = x.as_ref().map(|x| self.expr(x).map(Box::new)).transpose()?;
                if self.scope.is_async {
                    Ex::AsyncYield(x)
                } else {
                    Ex::Yield(x)
                }
            }
            ExprKind::YieldFrom(x) => {
                if !self.in_func {
                    return Err(self.err_noline("'yield' outside function", e.span));
                }
                if self.scope.is_async {
                    return Err(self.err("'yield from' inside async function", e.span));
                }
                Ex::YieldFrom(Box::new(self.expr(x)?))
            }
            ExprKind::Await(x) => {
                match self.async_ctx {
                    0 => return Err(self.err("'await' outside function", e.span)),
                    1 => return Err(self.err("'await' outside async function", e.span)),
                    _ => {}
                }
                Ex::Await(Box::new(self.expr(x)?))
            }
            ExprKind::NamedExpr(n, v) => {
                Ex::Walrus(Box::new(self.store(n)), Box::new(self.expr(v)?))
            }
        })
    }

    fn call_args(&mut self, args: &[Arg]) -> CResult<Vec<ArgX>> {
        args.iter()
            .map(|a| {
                Ok(match a {
                    Arg::Pos(e) => ArgX::Pos(self.expr(e)?),
                    Arg::Star(e) => ArgX::Star(self.expr(e)?),
                    Arg::Kw(n, e) => ArgX::Kw(n.clone(), self.expr(e)?),
                    Arg::StarStar(e) => ArgX::StarStar(self.expr(e)?),
                })
            })
            .collect()
    }

    fn fparts(&mut self, parts: &[FPart]) -> CResult<Vec<FPartX>> {
        parts
            .iter()
            .map(|p| {
                Ok(match p {
                    FPart::Lit(s) => FPartX::Lit(s.clone()),
                    FPart::Field { expr, conv, spec } => {
                        FPartX::Field(self.expr(expr)?, *conv, self.fparts(spec)?)
                    }
                })
            })
            .collect()
    }
}

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
    let with_file = |(msg, sp): (String, Span)| {
        let text = source
            .split('\n')
            .nth((sp.line as usize).saturating_sub(1))
            .unwrap_or("")
            .to_string();
        let mut e = SyntaxError::new(msg, sp.line, sp.col + 1, sp.end_col + 1, text);
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
            aiter_arg: false,
            firstline: 1,
            doc: None,
            source: source.into(),
            plain: false,
        }
        .sealed(),
    ))
}
