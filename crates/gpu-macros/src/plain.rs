//! Which barrier-free kernels the simulator may run in plain form (`gpu`'s `plain.rs`): those whose every
//! access to an array they write is at the thread's own index, the grid coordinates bound once by
//! `let i = grid1();`, `let (x, y) = grid2();` or `let (x, y, z) = grid3();` and used as the array's index
//! in reverse order (`c[i]`, `c[(y, x)]`, `c[(z, y, x)]`). Those kernels behave the same in plain form: each
//! thread reads and writes only its own element of a written array, so no other thread's order matters.
//! Grid-stride loops in their canonical shapes ([`Stride`]) qualify too: the loop variable is then the own
//! index, of pass `k` of the loop (`gpu`'s `PlainWrite::own_pass`).
//! The analysis decides only the form; soundness does not rest on it (a kernel it wrongly admitted would
//! fail with a fault in plain form, never race).

use std::collections::{HashMap, HashSet};
use syn::visit::{self, Visit};
use syn::{Expr, Pat};

/// What the plain form needs to know about a kernel that qualifies.
#[derive(Debug, Clone)]
pub(crate) struct Plain {
    /// Grid coordinate variables: name to axis (0 = x).
    pub(crate) coords: HashMap<String, usize>,
    /// Arrays the kernel writes.
    pub(crate) written: HashSet<String>,
    /// Arrays the kernel reads (only) at its own index somewhere: they get a per-span slice.
    pub(crate) own_read: HashSet<String>,
    /// Declared rank of every array parameter.
    pub(crate) ranks: HashMap<String, usize>,
}

impl Plain {
    /// Whether `index` (the indices of an access to `array`) is the thread's own index.
    pub(crate) fn is_own(&self, array: &str, index: &[Expr]) -> bool {
        let Some(&rank) = self.ranks.get(array) else {
            return false;
        };
        index.len() == rank
            && index.iter().enumerate().all(|(pos, e)| {
                ident(e)
                    .and_then(|n| self.coords.get(&n))
                    .is_some_and(|&axis| axis == rank - 1 - pos)
            })
    }
}

fn ident(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
        Expr::Paren(p) => ident(&p.expr),
        _ => None,
    }
}

fn indices(ix: &Expr) -> Vec<Expr> {
    match ix {
        Expr::Tuple(t) => t.elems.iter().cloned().collect(),
        Expr::Paren(p) => vec![(*p.expr).clone()],
        e => vec![e.clone()],
    }
}

/// The analysis of a grid-stride kernel: [`analyse`] of its loop's body with the loop variable as the
/// thread's own index (`let i = grid1();`).
pub(crate) fn analyse_stride(stride: &Stride, ranks: HashMap<String, usize>) -> Option<Plain> {
    let var = &stride.var;
    let prefix = &stride.prefix;
    let body = &stride.body;
    let block: syn::Block = syn::parse_quote!({
        #(#prefix)*
        let #var = grid1();
        #(#body)*
    });
    // The bound reads arrays too (`out.len()`): count it as a use allowed by `.len()`/`.shape()` only.
    let bound = &stride.bound;
    let block: syn::Block = syn::parse_quote!({
        let _ = #bound;
        #block
    });
    let plain = analyse(&block, ranks)?;
    // The loop variable is the only coordinate, and every written array is 1-D (the strided ownership is
    // along x).
    let only_var = plain.coords.len() == 1 && plain.coords.contains_key(&var.to_string());
    let one_d = plain.written.iter().all(|a| plain.ranks.get(a) == Some(&1));
    (only_var && one_d).then_some(plain)
}

/// The analysis: `None` when the kernel does not qualify.
pub(crate) fn analyse(body: &syn::Block, ranks: HashMap<String, usize>) -> Option<Plain> {
    let names = ranks.clone();
    let mut scan = Scan {
        ranks: &names,
        bindings: HashMap::new(),
        coords: HashMap::new(),
        items: HashSet::new(),
        accesses: Vec::new(),
        uses: HashMap::new(),
        allowed_uses: HashMap::new(),
    };
    scan.visit_block(body);
    // A coordinate variable must be bound exactly once in the whole body (no shadowing anywhere), and no
    // item of the body may take its name.
    let coords: HashMap<String, usize> = scan
        .coords
        .iter()
        .filter(|(n, _)| scan.bindings.get(*n) == Some(&1) && !scan.items.contains(*n))
        .map(|(n, a)| (n.clone(), *a))
        .collect();
    let written: HashSet<String> = scan
        .accesses
        .iter()
        .filter(|a| a.write)
        .map(|a| a.array.clone())
        .collect();
    let plain = Plain {
        coords,
        written,
        own_read: HashSet::new(),
        ranks,
    };
    // A written array is reached only through indexing at the own index (and `.len()`/`.shape()`).
    for name in &plain.written {
        if scan.uses.get(name) != scan.allowed_uses.get(name) {
            return None;
        }
    }
    let mut own_read = HashSet::new();
    for a in &scan.accesses {
        let own = plain.is_own(&a.array, &a.index);
        if plain.written.contains(&a.array) && !own {
            return None;
        }
        if own && !plain.written.contains(&a.array) {
            own_read.insert(a.array.clone());
        }
    }
    Some(Plain { own_read, ..plain })
}

/// A canonical grid-stride loop, the whole body of a kernel: `let s = gridsize1();` bindings, then
/// `let mut i = grid1(); while i < BOUND { BODY; i += s; }` (or `i += gridsize1()`), or
/// `for i in (grid1()..BOUND).step_by(s) { BODY }`. `BOUND` mentions no local variable (so it is the same
/// for every thread and pass), `BODY` never assigns `i` nor leaves the loop early (`break`, `continue`,
/// `return`). Thread `x` then runs `BODY` for `i = x, x + S, x + 2S, ...` below `BOUND` (`S` the grid's
/// size), and owns exactly those indices: in pass `k` the span's consecutive threads own a contiguous range.
#[derive(Clone)]
pub(crate) struct Stride {
    pub(crate) var: syn::Ident,
    /// The `let s = gridsize1();` bindings.
    pub(crate) prefix: Vec<syn::Stmt>,
    pub(crate) bound: Expr,
    /// The loop's body without the increment.
    pub(crate) body: Vec<syn::Stmt>,
}

fn call_name(e: &Expr) -> Option<String> {
    match e {
        Expr::Call(c) if c.args.is_empty() => match &*c.func {
            Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
            _ => None,
        },
        Expr::Paren(p) => call_name(&p.expr),
        _ => None,
    }
}

fn let_parts(stmt: &syn::Stmt) -> Option<(&syn::PatIdent, &Expr)> {
    let syn::Stmt::Local(l) = stmt else {
        return None;
    };
    let init = l.init.as_ref().filter(|i| i.diverge.is_none())?;
    match &l.pat {
        Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => Some((pi, &init.expr)),
        _ => None,
    }
}

/// Recognises a grid-stride kernel (see [`Stride`]); `params` are every parameter's name.
pub(crate) fn grid_stride(body: &syn::Block, params: &HashSet<String>) -> Option<Stride> {
    let stmts = &body.stmts;
    let (last, before) = stmts.split_last()?;
    let mut strides = HashSet::new();
    let mut prefix = Vec::new();
    let mut var: Option<syn::Ident> = None;
    for (n, stmt) in before.iter().enumerate() {
        let (pi, init) = let_parts(stmt)?;
        match call_name(init).as_deref() {
            Some("gridsize1") if pi.mutability.is_none() => {
                strides.insert(pi.ident.to_string());
                prefix.push(stmt.clone());
            }
            Some("grid1") if pi.mutability.is_some() && n + 1 == before.len() => {
                var = Some(pi.ident.clone())
            }
            _ => return None,
        }
    }
    let is_step = |e: &Expr| {
        call_name(e).as_deref() == Some("gridsize1")
            || ident(e).is_some_and(|n| strides.contains(&n))
    };
    let expr = match last {
        syn::Stmt::Expr(e, _) => e,
        _ => return None,
    };
    let (var, bound, body) = match (expr, var) {
        (Expr::While(w), Some(var)) if w.label.is_none() => {
            let Expr::Binary(cond) = &*w.cond else {
                return None;
            };
            if !matches!(cond.op, syn::BinOp::Lt(_)) || var != ident(&cond.left)? {
                return None;
            }
            let (step, body) = w.body.stmts.split_last()?;
            let syn::Stmt::Expr(Expr::Binary(inc), _) = step else {
                return None;
            };
            if !matches!(inc.op, syn::BinOp::AddAssign(_))
                || var != ident(&inc.left)?
                || !is_step(&inc.right)
            {
                return None;
            }
            (var, (*cond.right).clone(), body.to_vec())
        }
        (Expr::ForLoop(f), None) if f.label.is_none() => {
            let Pat::Ident(pi) = &*f.pat else { return None };
            if pi.mutability.is_some() || pi.by_ref.is_some() || pi.subpat.is_some() {
                return None;
            }
            let Expr::MethodCall(m) = &*f.expr else {
                return None;
            };
            if m.method != "step_by" || m.args.len() != 1 || !is_step(&m.args[0]) {
                return None;
            }
            let mut range = &*m.receiver;
            while let Expr::Paren(p) = range {
                range = &p.expr;
            }
            let Expr::Range(r) = range else { return None };
            if !matches!(r.limits, syn::RangeLimits::HalfOpen(_))
                || call_name(r.start.as_deref()?).as_deref() != Some("grid1")
            {
                return None;
            }
            (pi.ident.clone(), (*r.end.clone()?), f.body.stmts.clone())
        }
        _ => return None,
    };
    // The bound: parameters, literals and calls only (no local variable, so no thread's value).
    let mut names = Names::default();
    names.visit_expr(&bound);
    // (A parameter shadowed by the loop variable or a stride binding is not the parameter any more.)
    if !names
        .0
        .iter()
        .all(|n| params.contains(n) && !strides.contains(n) && var != n)
    {
        return None;
    }
    // The body: `var` never assigned or borrowed mutably, no early exit from the loop.
    let mut check = BodyCheck {
        var: var.to_string(),
        strides: &strides,
        ok: true,
    };
    for s in &body {
        check.visit_stmt(s);
    }
    check.ok.then_some(Stride {
        var,
        prefix,
        bound,
        body,
    })
}

#[derive(Default)]
struct Names(HashSet<String>);

impl<'ast> Visit<'ast> for Names {
    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        // A longer path such as `f32::MAX` is a constant; a closure or block could bind names: refused
        // in `visit_expr`.
        if let Some(i) = p.path.get_ident() {
            self.0.insert(i.to_string());
        }
    }
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Block(_) | Expr::Closure(_) | Expr::Assign(_) | Expr::Macro(_) => {
                self.0.insert(String::from("{}"));
            }
            _ => visit::visit_expr(self, e),
        }
    }
}

struct BodyCheck<'a> {
    var: String,
    /// The stride bindings, which the body must not shadow either (the increment reads them).
    strides: &'a HashSet<String>,
    ok: bool,
}

impl<'ast> Visit<'ast> for BodyCheck<'_> {
    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Break(_) | Expr::Continue(_) | Expr::Return(_) | Expr::Macro(_) => {
                self.ok = false
            }
            Expr::Assign(a) if ident(&a.left).as_deref() == Some(&self.var) => self.ok = false,
            Expr::Binary(b)
                if crate::ptx::is_compound(&b.op)
                    && ident(&b.left).as_deref() == Some(&self.var) =>
            {
                self.ok = false
            }
            Expr::Reference(r)
                if r.mutability.is_some() && ident(&r.expr).as_deref() == Some(&self.var) =>
            {
                self.ok = false
            }
            _ => {}
        }
        visit::visit_expr(self, e);
    }
    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        // Shadowing the variable: its later uses are not the thread's index.
        if p.ident == self.var || self.strides.contains(&p.ident.to_string()) {
            self.ok = false;
        }
    }
    fn visit_stmt_macro(&mut self, _: &'ast syn::StmtMacro) {
        self.ok = false;
    }
}

struct Access {
    array: String,
    index: Vec<Expr>,
    write: bool,
}

struct Scan<'a> {
    ranks: &'a HashMap<String, usize>,
    /// How many times each name is bound by a pattern.
    bindings: HashMap<String, usize>,
    coords: HashMap<String, usize>,
    /// Names of items (consts, statics, functions) declared in the body.
    items: HashSet<String>,
    accesses: Vec<Access>,
    /// Every mention of an array parameter's name, and those that are indexing or `.len()`/`.shape()`.
    uses: HashMap<String, usize>,
    allowed_uses: HashMap<String, usize>,
}

impl Scan<'_> {
    fn array(&self, e: &Expr) -> Option<String> {
        ident(e).filter(|n| self.ranks.contains_key(n))
    }

    fn allow(&mut self, name: &str) {
        *self.allowed_uses.entry(name.to_string()).or_default() += 1;
    }

    /// `let PAT = gridN();` with immutable identifiers: the coordinates.
    fn coordinates(&mut self, local: &syn::Local) {
        let Some(init) = &local.init else { return };
        let Expr::Call(call) = &*init.expr else {
            return;
        };
        let Expr::Path(f) = &*call.func else { return };
        let Some(f) = f.path.get_ident().map(|i| i.to_string()) else {
            return;
        };
        let n = match f.as_str() {
            "grid1" => 1,
            "grid2" => 2,
            "grid3" => 3,
            _ => return,
        };
        let plain_ident = |p: &Pat| match p {
            Pat::Ident(pi)
                if pi.mutability.is_none() && pi.by_ref.is_none() && pi.subpat.is_none() =>
            {
                Some(pi.ident.to_string())
            }
            _ => None,
        };
        let names: Vec<Option<String>> = match (&local.pat, n) {
            (p, 1) => vec![plain_ident(p)],
            (Pat::Tuple(t), _) if t.elems.len() == n => t.elems.iter().map(plain_ident).collect(),
            _ => return,
        };
        for (axis, name) in names.into_iter().enumerate() {
            if let Some(name) = name {
                self.coords.insert(name, axis);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Scan<'_> {
    fn visit_local(&mut self, local: &'ast syn::Local) {
        self.coordinates(local);
        visit::visit_local(self, local);
    }

    fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
        *self.bindings.entry(p.ident.to_string()).or_default() += 1;
        visit::visit_pat_ident(self, p);
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        let name = match item {
            syn::Item::Const(c) => Some(&c.ident),
            syn::Item::Static(s) => Some(&s.ident),
            syn::Item::Fn(f) => Some(&f.sig.ident),
            _ => None,
        };
        if let Some(n) = name {
            self.items.insert(n.to_string());
        }
        visit::visit_item(self, item);
    }

    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if let Some(n) = p.path.get_ident().map(|i| i.to_string()) {
            if self.ranks.contains_key(&n) {
                *self.uses.entry(n).or_default() += 1;
            }
        }
        visit::visit_expr_path(self, p);
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Assign(a) => {
                if let Expr::Index(ix) = &*a.left {
                    if let Some(name) = self.array(&ix.expr) {
                        self.allow(&name);
                        self.accesses.push(Access {
                            array: name,
                            index: indices(&ix.index),
                            write: true,
                        });
                        visit::visit_expr(self, &ix.expr);
                        visit::visit_expr(self, &ix.index);
                        visit::visit_expr(self, &a.right);
                        return;
                    }
                }
            }
            Expr::Binary(b) if crate::ptx::is_compound(&b.op) => {
                if let Expr::Index(ix) = &*b.left {
                    if let Some(name) = self.array(&ix.expr) {
                        self.allow(&name);
                        self.accesses.push(Access {
                            array: name,
                            index: indices(&ix.index),
                            write: true,
                        });
                        visit::visit_expr(self, &ix.expr);
                        visit::visit_expr(self, &ix.index);
                        visit::visit_expr(self, &b.right);
                        return;
                    }
                }
            }
            Expr::Index(ix) => {
                if let Some(name) = self.array(&ix.expr) {
                    self.allow(&name);
                    self.accesses.push(Access {
                        array: name,
                        index: indices(&ix.index),
                        write: false,
                    });
                }
            }
            Expr::MethodCall(m) if m.method == "len" || m.method == "shape" => {
                if let Some(name) = self.array(&m.receiver) {
                    self.allow(&name);
                }
            }
            _ => {}
        }
        visit::visit_expr(self, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranks(list: &[(&str, usize)]) -> HashMap<String, usize> {
        list.iter().map(|(n, r)| (n.to_string(), *r)).collect()
    }

    #[test]
    fn own_index_kernels_qualify_and_others_do_not() {
        let mat_add: syn::Block = syn::parse_quote!({
            let (j, i) = grid2();
            if i < c.shape(0) && j < c.shape(1) {
                c[(i, j)] = a[(i, j)] + b[(i, j)];
            }
        });
        let p = analyse(&mat_add, ranks(&[("a", 2), ("b", 2), ("c", 2)])).expect("qualifies");
        assert!(p.written.contains("c") && p.own_read.contains("a") && p.own_read.contains("b"));

        let stencil: syn::Block = syn::parse_quote!({
            let i = grid1();
            if i + 1 < c.len() {
                c[i] = a[i + 1] + a[i];
            }
        });
        let p = analyse(&stencil, ranks(&[("a", 1), ("c", 1)])).expect("reads anywhere");
        assert!(p.own_read.contains("a"));

        let rejected: Vec<syn::Block> = vec![
            // A neighbour of a written array.
            syn::parse_quote!({
                let i = grid1();
                if i + 1 < c.len() {
                    c[i] = c[i + 1];
                }
            }),
            // Transposed: another thread's element.
            syn::parse_quote!({
                let (x, y) = grid2();
                c[(x, y)] = 1.0;
            }),
            // A mutable coordinate (grid-stride loop).
            syn::parse_quote!({
                let mut i = grid1();
                while i < c.len() {
                    c[i] = 0.0;
                    i += 4;
                }
            }),
            // Shadowed.
            syn::parse_quote!({
                let i = grid1();
                {
                    let i = 0usize;
                    c[i] = 1.0;
                }
            }),
            // The written array used other than by index.
            syn::parse_quote!({
                let i = grid1();
                c[i] = 1.0;
                atomic::add(&c, 0, 1.0);
            }),
        ];
        for body in rejected {
            assert!(
                analyse(&body, ranks(&[("c", 2)])).is_none()
                    || analyse(&body, ranks(&[("c", 1)])).is_none(),
                "{}",
                quote::quote!(#body)
            );
        }
    }

    #[test]
    fn grid_stride_shapes() {
        let params: HashSet<String> = ["n", "a", "c"].iter().map(|s| s.to_string()).collect();
        let r = || ranks(&[("a", 1), ("c", 1)]);
        let admitted: Vec<syn::Block> = vec![
            syn::parse_quote!({
                let s = gridsize1();
                let mut i = grid1();
                while i < c.len() {
                    c[i] = a[i] * 2.0;
                    i += s;
                }
            }),
            syn::parse_quote!({
                let mut i = grid1();
                while i < n {
                    c[i] += a[i + 1];
                    i += gridsize1();
                }
            }),
            syn::parse_quote!({
                for i in (grid1()..n.min(c.len())).step_by(gridsize1()) {
                    let v = a[i];
                    c[i] = v;
                }
            }),
        ];
        for body in admitted {
            let st = grid_stride(&body, &params).expect("grid-stride");
            let p = analyse_stride(&st, r()).expect("plain");
            assert!(p.written.contains("c"), "{}", quote::quote!(#body));
        }
        let refused: Vec<syn::Block> = vec![
            // An early exit skips the increment (or the rest of the passes).
            syn::parse_quote!({
                let mut i = grid1();
                while i < n {
                    if a[i] > 0.0 {
                        continue;
                    }
                    c[i] = 1.0;
                    i += gridsize1();
                }
            }),
            // The loop variable assigned in the body.
            syn::parse_quote!({
                let mut i = grid1();
                while i < n {
                    c[i] = 1.0;
                    i = i + 1;
                    i += gridsize1();
                }
            }),
            // Not the grid's size.
            syn::parse_quote!({
                let mut i = grid1();
                while i < n {
                    c[i] = 1.0;
                    i += 2 * gridsize1();
                }
            }),
            // A bound that is a thread's own value.
            syn::parse_quote!({
                let s = gridsize1();
                let mut i = grid1();
                while i < s {
                    c[i] = 1.0;
                    i += s;
                }
            }),
            // The stride shadowed in the body.
            syn::parse_quote!({
                let s = gridsize1();
                let mut i = grid1();
                while i < n {
                    let s = 1;
                    c[i] = 1.0;
                    i += s;
                }
            }),
            // Something after the loop.
            syn::parse_quote!({
                let mut i = grid1();
                while i < n {
                    c[i] = 1.0;
                    i += gridsize1();
                }
                c[0] = 2.0;
            }),
        ];
        for body in refused {
            assert!(
                grid_stride(&body, &params).is_none(),
                "{}",
                quote::quote!(#body)
            );
        }
        // Recognised as a loop, refused by the analysis: another thread's element.
        let ahead: syn::Block = syn::parse_quote!({
            let mut i = grid1();
            while i < n {
                c[i + 1] = 1.0;
                i += gridsize1();
            }
        });
        let st = grid_stride(&ahead, &params).expect("grid-stride");
        assert!(analyse_stride(&st, r()).is_none());
    }
}
