//! Which barrier-free kernels the simulator may run in plain form (`gpu`'s `plain.rs`): those whose every
//! access to an array they write is at the thread's own index, the grid coordinates bound once by
//! `let i = grid1();`, `let (x, y) = grid2();` or `let (x, y, z) = grid3();` and used as the array's index
//! in reverse order (`c[i]`, `c[(y, x)]`, `c[(z, y, x)]`). Those kernels behave the same in plain form: each
//! thread reads and writes only its own element of a written array, so no other thread's order matters.
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
}
