//! The simulator's side of a kernel: its body rewritten into an ordinary Rust closure over a `ThreadCtx`.
//! Array accesses become the checked `View`/`SharedArray` calls (so a fault names the thread and the
//! kernel's own line: the generated calls carry the user's spans), the index functions become `ThreadCtx`
//! methods, and every loop first asks whether the launch has faulted, so a faulted thread returns promptly.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use std::collections::HashMap;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{BinOp, Expr, Pat, Stmt};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A device array view of this many dimensions.
    View(usize),
    Shared,
    Local,
}

pub(crate) struct Rewrite {
    pub(crate) arrays: HashMap<String, Kind>,
    pub(crate) shared_slots: usize,
    pub(crate) uses_barrier: bool,
    /// Whether the body calls `atomic::...`: their faults read the span thread from thread-local memory.
    pub(crate) uses_atomics: bool,
    pub(crate) local_bytes: usize,
    /// The fast part of a plain-form span loop (`plain.rs`): accesses at the thread's own index become
    /// `__fast_<array>[__k]`.
    pub(crate) fast: Option<crate::plain::Plain>,
}

fn ident_of(e: &Expr) -> Option<String> {
    match e {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
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

impl Rewrite {
    /// The fast slice of `array` when this is the fast part of a plain span loop and `idx` is the thread's
    /// own index: `(slice, written)`.
    fn fast_slice(&self, array: &Expr, idx: &[Expr]) -> Option<(syn::Ident, bool)> {
        let plain = self.fast.as_ref()?;
        let name = ident_of(array)?;
        if !plain.is_own(&name, idx) {
            return None;
        }
        let written = plain.written.contains(&name);
        (written || plain.own_read.contains(&name))
            .then(|| (quote::format_ident!("__fast_{}", name), written))
    }

    fn kind_of(&self, e: &Expr) -> Option<(String, Kind)> {
        let name = ident_of(e)?;
        self.arrays.get(&name).map(|k| (name, *k))
    }

    /// The checked read of `array[index]`.
    fn get(&self, kind: Kind, array: &Expr, idx: &[Expr], span: Span) -> TokenStream {
        match kind {
            Kind::View(_) | Kind::Shared => {
                let method = match idx.len() {
                    1 => quote_spanned!(span=> ::gpu::__private::Access::get),
                    2 => quote_spanned!(span=> ::gpu::__private::Access2::get2),
                    _ => quote_spanned!(span=> ::gpu::__private::Access2::get3),
                };
                quote_spanned!(span=> #method(&#array, __t, #(#idx),*))
            }
            Kind::Local => {
                quote_spanned!(span=> ::gpu::__private::local_get(&#array, __t, #(#idx),*))
            }
        }
    }

    /// The checked write `array[index] = value` (indices bound first, so each is evaluated once).
    fn set(
        &self,
        kind: Kind,
        array: &Expr,
        idx: &[Expr],
        value: TokenStream,
        span: Span,
    ) -> TokenStream {
        match kind {
            Kind::View(_) | Kind::Shared => {
                let method = match idx.len() {
                    1 => quote_spanned!(span=> ::gpu::__private::Access::set),
                    2 => quote_spanned!(span=> ::gpu::__private::Access2::set2),
                    _ => quote_spanned!(span=> ::gpu::__private::Access2::set3),
                };
                quote_spanned!(span=> #method(&#array, __t, #(#idx,)* #value))
            }
            // The value first: it may read the array, which `&mut` would then still borrow.
            Kind::Local => quote_spanned!(span=> {
                let __value = #value;
                ::gpu::__private::local_set(&mut #array, __t, #(#idx,)* __value)
            }),
        }
    }

    /// Records local and shared arrays declared by `let`.
    fn declare(&mut self, local: &mut syn::Local) {
        let (pat, annotated) = match &local.pat {
            Pat::Type(pt) => (&*pt.pat, Some((*pt.ty).clone())),
            p => (p, None),
        };
        let Pat::Ident(pi) = pat else { return };
        let name = pi.ident.to_string();
        let Some(init) = &mut local.init else { return };
        match &mut *init.expr {
            Expr::Repeat(rep) => {
                if let Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(n),
                    ..
                }) = &*rep.len
                {
                    let len = n.base10_parse::<usize>().unwrap_or(0);
                    self.local_bytes +=
                        len.saturating_mul(element_size(annotated.as_ref(), &rep.expr));
                } else {
                    self.local_bytes += 8 * 1024;
                }
                self.arrays.insert(name, Kind::Local);
            }
            Expr::Call(call) => {
                let Expr::Path(p) = &*call.func else { return };
                let segs: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                if segs.len() >= 2
                    && segs[segs.len() - 2] == "shared"
                    && segs[segs.len() - 1] == "array"
                {
                    let Some(last) = p.path.segments.last() else {
                        return;
                    };
                    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
                        return;
                    };
                    let list: Vec<&syn::GenericArgument> = args.args.iter().collect();
                    if let [syn::GenericArgument::Type(ty), len] = list.as_slice() {
                        let len: TokenStream = match len {
                            syn::GenericArgument::Const(e) => quote!(#e),
                            other => quote!(#other),
                        };
                        let slot = self.shared_slots;
                        self.shared_slots += 1;
                        let span = call.span();
                        *init.expr = syn::parse2(
                            quote_spanned!(span=> __t.shared_array::<#ty>(#slot, (#len) as usize)),
                        )
                        .unwrap_or_else(|_| (*init.expr).clone());
                        self.arrays.insert(name, Kind::Shared);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The bytes of one element of a local array `[value; N]`: from a `[T; N]` annotation, else the value's
/// literal suffix, else Rust's default for an unsuffixed literal (i32, f64), else 8 (an upper bound).
fn element_size(annotated: Option<&syn::Type>, value: &Expr) -> usize {
    let size = |name: &str| match name {
        "u8" | "i8" | "bool" => Some(1),
        "i32" | "u32" | "f32" => Some(4),
        "i64" | "u64" | "usize" | "isize" | "f64" => Some(8),
        _ => None,
    };
    if let Some(syn::Type::Array(a)) = annotated {
        if let syn::Type::Path(p) = &*a.elem {
            if let Some(n) = p.path.get_ident().and_then(|i| size(&i.to_string())) {
                return n;
            }
        }
    }
    match value {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => size(i.suffix()).unwrap_or(4),
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Float(f),
            ..
        }) => size(f.suffix()).unwrap_or(8),
        _ => 8,
    }
}

/// The binary operator of a compound assignment (`+=` gives `+`).
fn compound_op(op: &BinOp, span: Span) -> TokenStream {
    match op {
        BinOp::AddAssign(_) => quote_spanned!(span=> +),
        BinOp::SubAssign(_) => quote_spanned!(span=> -),
        BinOp::MulAssign(_) => quote_spanned!(span=> *),
        BinOp::DivAssign(_) => quote_spanned!(span=> /),
        BinOp::RemAssign(_) => quote_spanned!(span=> %),
        BinOp::BitAndAssign(_) => quote_spanned!(span=> &),
        BinOp::BitOrAssign(_) => quote_spanned!(span=> |),
        BinOp::BitXorAssign(_) => quote_spanned!(span=> ^),
        BinOp::ShlAssign(_) => quote_spanned!(span=> <<),
        _ => quote_spanned!(span=> >>),
    }
}

fn replace(e: &mut Expr, tokens: TokenStream) {
    if let Ok(new) = syn::parse2::<Expr>(tokens) {
        *e = new;
    }
}

/// Makes a `while`/`loop` return once the launch has faulted (a faulted thread reads zeros, which could
/// keep a data-dependent loop going): a pass counter in a register, the launch asked every 1024 passes. A
/// `for` over a range always ends and is not guarded.
fn guard_loop(e: &mut Expr) {
    let body = match e {
        Expr::While(w) => &mut w.body,
        Expr::Loop(l) => &mut l.body,
        _ => return,
    };
    let check: Stmt = syn::parse_quote!(if ::gpu::__private::loop_guard(&mut __passes) {
        return;
    });
    body.stmts.insert(0, check);
    let looped = e.clone();
    *e = syn::parse_quote!({
        let mut __passes: u32 = 0;
        #looped
    });
}

impl VisitMut for Rewrite {
    fn visit_local_mut(&mut self, local: &mut syn::Local) {
        visit_mut::visit_local_mut(self, local);
        self.declare(local);
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            Expr::Assign(a) => {
                if let Expr::Index(ix) = &mut *a.left {
                    if let Some((_, kind)) = self.kind_of(&ix.expr) {
                        if let Some((slice, true)) = self.fast_slice(&ix.expr, &indices(&ix.index))
                        {
                            self.visit_expr_mut(&mut a.right);
                            let (value, span) = (&a.right, a.span());
                            let tokens = quote_spanned!(span=> ::gpu::__private::fast_set(#slice, __k, #value));
                            replace(e, tokens);
                            return;
                        }
                        self.visit_expr_mut(&mut ix.index);
                        self.visit_expr_mut(&mut a.right);
                        let (array, idx, value, span) =
                            ((*ix.expr).clone(), indices(&ix.index), &a.right, a.span());
                        let tokens = self.set(kind, &array, &idx, quote!(#value), span);
                        replace(e, tokens);
                        return;
                    }
                }
                visit_mut::visit_expr_mut(self, e);
            }
            Expr::Binary(b) if crate::ptx::is_compound(&b.op) => {
                let span = b.span();
                if let Expr::Index(ix) = &mut *b.left {
                    if let Some((_, kind)) = self.kind_of(&ix.expr) {
                        let op = compound_op(&b.op, span);
                        if let Some((slice, true)) = self.fast_slice(&ix.expr, &indices(&ix.index))
                        {
                            self.visit_expr_mut(&mut b.right);
                            let right = &b.right;
                            let tokens = quote_spanned!(span=> ::gpu::__private::fast_set(#slice, __k,
                                    ::gpu::__private::fast_get(#slice, __k) #op (#right)));
                            replace(e, tokens);
                            return;
                        }
                        self.visit_expr_mut(&mut ix.index);
                        self.visit_expr_mut(&mut b.right);
                        let array = (*ix.expr).clone();
                        let raw = indices(&ix.index);
                        // Bind the indices once: `{ let __i0 = i; ...; a.set(__i0, a.get(__i0) + v) }`.
                        let names: Vec<syn::Ident> = (0..raw.len())
                            .map(|k| syn::Ident::new(&format!("__i{k}"), span))
                            .collect();
                        let bound: Vec<Expr> =
                            names.iter().map(|n| syn::parse_quote!(#n)).collect();
                        let right = &b.right;
                        let old = self.get(kind, &array, &bound, span);
                        let set = self.set(kind, &array, &bound, quote!(#old #op (#right)), span);
                        replace(e, quote_spanned!(span=> { #(let #names = #raw;)* #set }));
                        return;
                    }
                }
                visit_mut::visit_expr_mut(self, e);
            }
            Expr::Index(ix) => {
                if let Some((_, kind)) = self.kind_of(&ix.expr) {
                    if let Some((slice, written)) = self.fast_slice(&ix.expr, &indices(&ix.index)) {
                        let span = ix.span();
                        let tokens = if written {
                            quote_spanned!(span=> ::gpu::__private::fast_get(#slice, __k))
                        } else {
                            quote_spanned!(span=> ::gpu::__private::fast_read(#slice, __k))
                        };
                        replace(e, tokens);
                        return;
                    }
                    self.visit_expr_mut(&mut ix.index);
                    let tokens = self.get(kind, &ix.expr.clone(), &indices(&ix.index), ix.span());
                    replace(e, tokens);
                    return;
                }
                visit_mut::visit_expr_mut(self, e);
            }
            Expr::Call(_) => {
                visit_mut::visit_expr_mut(self, e);
                let Expr::Call(c2) = &*e else { return };
                let Expr::Path(p) = &*c2.func else { return };
                let segs: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                let span = c2.span();
                match segs
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .as_slice()
                {
                    [
                        f @ ("grid1" | "grid2" | "grid3" | "gridsize1" | "gridsize2" | "gridsize3"
                        | "thread_idx" | "block_idx" | "block_dim" | "grid_dim"),
                    ] => {
                        let f = syn::Ident::new(f, span);
                        replace(e, quote_spanned!(span=> __t.#f()));
                    }
                    ["syncthreads"] => {
                        self.uses_barrier = true;
                        replace(e, quote_spanned!(span=> __t.syncthreads()));
                    }
                    [.., "atomic", _] => self.uses_atomics = true,
                    [ty @ ("f32" | "f64"), f] if crate::kmath::FUNCTIONS.contains(f) => {
                        // `f64::exp(x)`: the kernel language's own exp, bit-identical to the PTX.
                        let (ty, f) = (syn::Ident::new(ty, span), syn::Ident::new(f, span));
                        let args = &c2.args;
                        replace(
                            e,
                            quote_spanned!(span=> <#ty as ::gpu::math::KernelMath>::#f(#args)),
                        );
                    }
                    ["lane_id"] => replace(e, quote_spanned!(span=> __t.lane_id())),
                    [
                        "warp",
                        op @ ("shfl_down" | "shfl_up" | "shfl_xor" | "shfl" | "shfl_down_sync"
                        | "shfl_up_sync" | "shfl_xor_sync" | "shfl_sync" | "all_sync"
                        | "any_sync" | "eq_sync" | "ballot_sync" | "activemask" | "syncwarp"),
                    ] => {
                        // The simulator's warp functions wait for their lanes like barriers: the kernel runs as coroutines.
                        self.uses_barrier = true;
                        let op = syn::Ident::new(op, span);
                        let args = &c2.args;
                        replace(e, quote_spanned!(span=> __t.#op(#args)));
                    }
                    _ => {}
                }
            }
            Expr::MethodCall(_) => {
                visit_mut::visit_expr_mut(self, e);
                let Expr::MethodCall(m) = &*e else { return };
                let method = m.method.to_string();
                if m.args.is_empty() && crate::kmath::FUNCTIONS.contains(&method.as_str()) {
                    // `x.exp()`: the kernel language's own exp (std's would differ from the PTX in the last bits).
                    // `(-x).exp()`: the parentheses are not needed around an argument.
                    let r = match &*m.receiver {
                        Expr::Paren(p) => &*p.expr,
                        r => r,
                    };
                    let (f, span) = (&m.method, m.span());
                    replace(e, quote_spanned!(span=> ::gpu::math::KernelMath::#f(#r)));
                    return;
                }
                if m.method == "shape" {
                    if let Some((_, Kind::View(_))) = self.kind_of(&m.receiver) {
                        let (r, a, span) = (&m.receiver, &m.args, m.span());
                        replace(e, quote_spanned!(span=> #r.dims()[#a]));
                    }
                }
            }
            Expr::While(_) | Expr::Loop(_) => {
                visit_mut::visit_expr_mut(self, e);
                guard_loop(e);
            }
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }
}
