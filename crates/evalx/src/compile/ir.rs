//! The tree IR the interpreter walks: code objects, expressions ([`Ex`]), statements ([`St`]), assignment
//! targets, and the inline caches that live in the tree.

use super::*;

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
    /// Filled by the interpreter at the first generator made from this code: `Some` when its generators
    /// run stackless (every `yield` where the executor can save its place), holding the addresses of the
    /// `if`/`for`/`while` statements that contain a `yield`; `None` when they need a stack of their own.
    pub yield_sites: std::cell::OnceCell<Option<Box<[usize]>>>,
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
    pub(super) fn sealed(mut self) -> Code {
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
/// matching stamp means the MRO lookup would find the same function). A site that sees instances of
/// several classes at one epoch (richards' `t.runTask()` over four `Task` subclasses) keeps the others in
/// a small side table made on the first such miss ([`PolyMethods`]), so the first class keeps its inline
/// entry and the others cost a short scan instead of an MRO lookup and a swap of the inline entry.
#[derive(Default)]
pub struct MethodCache(
    pub std::cell::RefCell<Option<(usize, u64, Rc<crate::value::Function>)>>,
    /// Where the receiver's shared attribute names were last found not to hold the method's name.
    pub crate::value::AttrCache,
    /// The other classes seen at this site (made on the first miss of a second class at one epoch).
    pub std::cell::OnceCell<Box<PolyMethods>>,
);

impl std::fmt::Debug for MethodCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("MethodCache").finish_non_exhaustive()
    }
}

/// How many classes besides the inline one a polymorphic method call site remembers.
pub const POLY_METHODS: usize = 6;

/// A polymorphic method call site's other classes: (class address, function) pairs valid at one class
/// epoch, the oldest replaced first once all are taken; and, for a site whose receiver is a class
/// (`Strength.stronger(a, b)`) or whose method is looked up on a class for another reason, that class
/// lookup's memory (made on the first such call; a fresh table at epoch 0 matches no class).
#[derive(Default)]
pub struct PolyMethods(
    std::cell::RefCell<(
        u64,
        usize,
        [(usize, Option<Rc<crate::value::Function>>); POLY_METHODS],
    )>,
    pub crate::value::ClassSite,
);

impl MethodCache {
    /// The memory of this site's class-attribute lookups.
    #[inline]
    pub fn class_site(&self) -> &crate::value::ClassSite {
        &self.2.get_or_init(Default::default).1
    }
}

impl std::fmt::Debug for PolyMethods {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PolyMethods").finish_non_exhaustive()
    }
}

impl MethodCache {
    /// The function remembered for the class at address `cls` at class epoch `epoch`.
    #[inline(always)]
    pub fn get(&self, cls: usize, epoch: u64) -> Option<Rc<crate::value::Function>> {
        if let Some((p, e, f)) = &*self.0.borrow() {
            if (*p, *e) == (cls, epoch) {
                return Some(f.clone());
            }
        }
        self.get_poly(cls, epoch)
    }

    #[inline(never)]
    fn get_poly(&self, cls: usize, epoch: u64) -> Option<Rc<crate::value::Function>> {
        let t = self.2.get()?.0.borrow();
        if t.0 != epoch {
            return None;
        }
        t.2[..t.1.min(POLY_METHODS)]
            .iter()
            .find(|(p, _)| *p == cls)
            .and_then(|(_, f)| f.clone())
    }

    /// Remembers `f` for the class at address `cls` at epoch `epoch`: in the inline entry unless that
    /// holds another class at the same epoch (a polymorphic site), then in the side table.
    #[inline(never)]
    pub fn put(&self, cls: usize, epoch: u64, f: &Rc<crate::value::Function>) {
        let Ok(mut m) = self.0.try_borrow_mut() else {
            return;
        };
        match &*m {
            Some((p, e, _)) if *e == epoch && *p != cls => {}
            _ => {
                *m = Some((cls, epoch, f.clone()));
                return;
            }
        }
        drop(m);
        let t = self.2.get_or_init(Default::default);
        let Ok(mut t) = t.0.try_borrow_mut() else {
            return;
        };
        if t.0 != epoch {
            *t = (epoch, 0, Default::default());
        }
        let i = t.1 % POLY_METHODS;
        t.2[i] = (cls, Some(f.clone()));
        t.1 += 1;
    }
}

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
    CallMethod(Box<Ex>, RcStr, Box<[Ex]>, u64, Fast, MethodCache),
    /// `obj.name`, with the name's hash, where the name last sat in an instance's shared names, and what a
    /// class attribute read found last (`Strength.REQUIRED`, `self.CONST`).
    Attr(
        Box<Ex>,
        RcStr,
        u64,
        crate::value::AttrCache,
        crate::value::ClassSite,
    ),
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
    /// `obj.name = ...`, with the name's hash and where it last sat in an instance's shared names.
    Attr(Ex, RcStr, u64, crate::value::AttrCache),
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

// The method call node is the largest expression node; its polymorphic side table is one pointer, paid
// for by the arguments being a boxed slice rather than a `Vec`, so no node grew.
const _: () = assert!(std::mem::size_of::<Ex>() <= 104);
