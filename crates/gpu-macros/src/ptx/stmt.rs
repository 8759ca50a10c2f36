//! Statements and control flow: blocks, `let` (with local and shared arrays), assignments to variables
//! and elements, `if`, `while`, `loop`, `for` over ranges (`break`, `continue` and `return` are expressions: expr.rs).

use super::*;

impl Gen<'_> {
    pub(super) fn block(&mut self, b: &Block) -> Result<V> {
        self.block_expect(b, None)
    }

    /// A block whose value (its last expression) is expected to be of type `expect`.
    pub(super) fn block_expect(&mut self, b: &Block, expect: Option<Ty>) -> Result<V> {
        self.scopes.push(HashMap::new());
        let mut last = V::Unit;
        for (n, stmt) in b.stmts.iter().enumerate() {
            last = V::Unit;
            match stmt {
                Stmt::Local(local) => self.local(local)?,
                Stmt::Expr(e, semi) => {
                    let tail = semi.is_none() && n + 1 == b.stmts.len();
                    let v = self.expr(e, if tail { expect } else { None })?;
                    if semi.is_none() && n + 1 == b.stmts.len() {
                        last = v;
                    }
                }
                Stmt::Item(syn::Item::Const(c)) => {
                    let value = self.const_int(&c.expr)?;
                    let ty = self.rust_ty(&c.ty)?;
                    if !ty.is_int() {
                        return err(c.ty.span(), "kernel constants are integers");
                    }
                    self.bind(&c.ident.to_string(), Binding::Const(value, ty));
                }
                Stmt::Item(i) => {
                    return err(i.span(), "only `const` items are allowed in a kernel");
                }
                Stmt::Macro(m) => {
                    return err(m.span(), "macros are not part of the kernel language");
                }
            }
        }
        self.scopes.pop();
        Ok(last)
    }

    /// A compile-time integer: a literal, a `const`, or arithmetic of those.
    pub(super) fn const_int(&self, e: &Expr) -> Result<i128> {
        match e {
            Expr::Lit(l) => match &l.lit {
                Lit::Int(i) => i.base10_parse::<i128>(),
                _ => err(e.span(), "expected an integer constant"),
            },
            Expr::Path(_) => match ident_of(e).and_then(|n| self.lookup(&n).cloned()) {
                Some(Binding::Const(v, _)) => Ok(v),
                _ => err(
                    e.span(),
                    "expected an integer constant (a literal or a `const` of the kernel)",
                ),
            },
            Expr::Paren(p) => self.const_int(&p.expr),
            Expr::Binary(b) => {
                let (l, r) = (self.const_int(&b.left)?, self.const_int(&b.right)?);
                Ok(match b.op {
                    BinOp::Add(_) => l + r,
                    BinOp::Sub(_) => l - r,
                    BinOp::Mul(_) => l * r,
                    BinOp::Div(_) if r != 0 => l / r,
                    _ => return err(e.span(), "unsupported constant arithmetic"),
                })
            }
            _ => err(e.span(), "expected an integer constant"),
        }
    }

    pub(super) fn local(&mut self, local: &syn::Local) -> Result<()> {
        let (pat, annotated) = match &local.pat {
            Pat::Type(pt) => (&*pt.pat, Some(&*pt.ty)),
            p => (p, None),
        };
        let Some(init) = &local.init else {
            return err(local.span(), "give every `let` a value");
        };
        // Arrays: `[v; N]` (local memory) and `shared::array::<T, N>()` (shared memory).
        if let Expr::Repeat(rep) = &*init.expr {
            let len = self.const_int(&rep.len)? as usize;
            let elem_ty = match annotated {
                Some(syn::Type::Array(a)) => Some(self.rust_ty(&a.elem)?),
                _ => None,
            };
            let value = self.expr(&rep.expr, elem_ty)?;
            let V::S(elem, reg) = value else {
                return err(rep.expr.span(), "a local array holds scalars");
            };
            let mem = self.declare_array("local", elem, len);
            // Fill it: a counted loop of stores.
            let i = self.reg(Ty::U64);
            let addr = self.reg(Ty::U64);
            let (head, end) = (self.label(), self.label());
            let p = self.reg(Ty::Bool);
            self.emit(format!("mov.u64 {i}, 0;"));
            self.place(&head);
            self.emit(format!("setp.ge.u64 {p}, {i}, {len};"));
            self.emit(format!("@{p} bra {end};"));
            self.emit(format!(
                "mad.lo.u64 {addr}, {i}, {}, {};",
                elem.size(),
                mem.base
            ));
            self.emit(format!("st.local.{} [{addr}], {reg};", elem.ptx()));
            self.emit(format!("add.u64 {i}, {i}, 1;"));
            self.emit(format!("bra.uni {head};"));
            self.place(&end);
            return self.bind_pat(pat, Binding::Mem(mem));
        }
        if let Expr::Call(call) = &*init.expr {
            if let Some((Some(module), f, args)) = call_path(&call.func) {
                if module == "shared" && f == "array" {
                    let (elem, len) = self.shared_args(args, call.span())?;
                    let mem = self.declare_array("shared", elem, len);
                    return self.bind_pat(pat, Binding::Mem(mem));
                }
            }
        }
        let expect = match annotated {
            Some(t) => Some(self.rust_ty(t)?),
            None => None,
        };
        let v = self.expr(&init.expr, expect)?;
        if let (Some(t), V::S(got, _)) = (expect, &v) {
            if t != *got {
                return err(
                    init.expr.span(),
                    format!("expected {}, found {}", t.name(), got.name()),
                );
            }
        }
        // A fresh register per variable, so that later assignments never change another name's value.
        let owned = self.copy(&v);
        self.bind_pat(pat, Binding::Val(owned))
    }

    pub(super) fn shared_args(
        &self,
        args: Option<&syn::PathArguments>,
        span: Span,
    ) -> Result<(Ty, usize)> {
        let Some(syn::PathArguments::AngleBracketed(a)) = args else {
            return err(
                span,
                "write shared::array::<T, N>() with the element type and length",
            );
        };
        let list: Vec<&syn::GenericArgument> = a.args.iter().collect();
        match list.as_slice() {
            [syn::GenericArgument::Type(t), len] => {
                let elem = self.rust_ty(t)?;
                let len = match len {
                    syn::GenericArgument::Const(e) => self.const_int(e)?,
                    syn::GenericArgument::Type(syn::Type::Path(p)) => {
                        let e: Expr = Expr::Path(syn::ExprPath {
                            attrs: vec![],
                            qself: None,
                            path: p.path.clone(),
                        });
                        self.const_int(&e)?
                    }
                    other => return err(other.span(), "the length is an integer constant"),
                };
                Ok((elem, len as usize))
            }
            _ => err(
                span,
                "write shared::array::<T, N>() with the element type and length",
            ),
        }
    }

    pub(super) fn declare_array(&mut self, space: &'static str, elem: Ty, len: usize) -> Memory {
        self.symbols += 1;
        let sym = format!("__{space}{}", self.symbols);
        let _ = writeln!(
            self.decls,
            "\t.{space} .align {} .b8 {sym}[{}];",
            elem.size().max(4),
            (len * elem.size()).max(1)
        );
        let base = self.reg(Ty::U64);
        self.emit(format!("mov.u64 {base}, {sym};"));
        let n = self.reg(Ty::U64);
        self.emit(format!("mov.u64 {n}, {len};"));
        Memory {
            elem,
            base,
            dims: vec![n],
            space,
        }
    }

    pub(super) fn bind_pat(&mut self, pat: &Pat, b: Binding) -> Result<()> {
        match (pat, b) {
            (Pat::Ident(pi), b) => {
                self.bind(&pi.ident.to_string(), b);
                Ok(())
            }
            (Pat::Tuple(t), Binding::Val(V::Tuple(vals))) if t.elems.len() == vals.len() => {
                for (p, v) in t.elems.iter().zip(vals) {
                    self.bind_pat(p, Binding::Val(v))?;
                }
                Ok(())
            }
            (Pat::Wild(_), _) => Ok(()),
            (p, _) => err(p.span(), "expected a name or a tuple of names"),
        }
    }

    /// `left = right`, or `left op= right` when `op` is given.
    pub(super) fn assign(&mut self, left: &Expr, right: &Expr, op: Option<&BinOp>) -> Result<()> {
        match left {
            Expr::Index(ix) => {
                let (mem, addr) = self.address(ix)?;
                let (t, mut value) = self.scalar(right, Some(mem.elem))?;
                if t != mem.elem {
                    return err(
                        right.span(),
                        format!("expected {}, found {}", mem.elem.name(), t.name()),
                    );
                }
                if let Some(op) = op {
                    let old = self.reg(mem.elem);
                    self.emit(format!(
                        "ld.{}.{} {old}, [{addr}];",
                        mem.space,
                        mem.elem.ptx()
                    ));
                    value = self.arith(op, mem.elem, &old, &value, left.span())?;
                }
                self.emit(format!(
                    "st.{}.{} [{addr}], {value};",
                    mem.space,
                    mem.elem.ptx()
                ));
                Ok(())
            }
            Expr::Path(_) => {
                let name = ident_of(left).unwrap_or_default();
                let Some(Binding::Val(V::S(ty, reg))) = self.lookup(&name).cloned() else {
                    return err(left.span(), format!("`{name}` is not a scalar variable"));
                };
                let (t, mut value) = self.scalar(right, Some(ty))?;
                if let Some(op) = op {
                    if matches!(op, BinOp::ShlAssign(_) | BinOp::ShrAssign(_)) {
                        let amount = self.shift_amount(right)?;
                        let out = self.reg(ty);
                        let o = if matches!(op, BinOp::ShlAssign(_)) {
                            format!("shl.{}", ty.bits())
                        } else {
                            format!("shr.{}", ty.ptx())
                        };
                        self.emit(format!("{o} {out}, {reg}, {amount};"));
                        value = out;
                    } else {
                        if t != ty {
                            return err(
                                right.span(),
                                format!("expected {}, found {}", ty.name(), t.name()),
                            );
                        }
                        value = self.arith(op, ty, &reg, &value, left.span())?;
                    }
                } else if t != ty {
                    return err(
                        right.span(),
                        format!("expected {}, found {}", ty.name(), t.name()),
                    );
                }
                self.mov_into(&reg, ty, &value);
                Ok(())
            }
            _ => err(left.span(), "assign to a variable or an array element"),
        }
    }

    pub(super) fn condition(&mut self, cond: &Expr) -> Result<String> {
        let (t, r) = self.scalar(cond, Some(Ty::Bool))?;
        if t != Ty::Bool {
            return err(cond.span(), "a condition is a bool");
        }
        Ok(r)
    }

    pub(super) fn if_expr(&mut self, i: &syn::ExprIf, expect: Option<Ty>) -> Result<V> {
        let p = self.condition(&i.cond)?;
        let (else_label, end) = (self.label(), self.label());
        self.emit(format!("@!{p} bra {else_label};"));
        let then = self.block_expect(&i.then_branch, expect)?;
        // An `if` with a value: both branches write one register.
        let result = match (&then, &i.else_branch) {
            (V::S(t, r), Some(_)) => {
                let out = self.reg(*t);
                self.mov_into(&out, *t, r);
                Some((*t, out))
            }
            _ => None,
        };
        self.emit(format!("bra.uni {end};"));
        self.place(&else_label);
        if let Some((_, e)) = &i.else_branch {
            let other = self.expr(e, expect.or(result.as_ref().map(|r| r.0)))?;
            if let (Some((t, out)), V::S(t2, r)) = (&result, &other) {
                if t != t2 {
                    return err(e.span(), "both branches must have the same type");
                }
                let (t, out, r) = (*t, out.clone(), r.clone());
                self.mov_into(&out, t, &r);
            }
        }
        self.place(&end);
        Ok(match result {
            Some((t, r)) => V::S(t, r),
            None => V::Unit,
        })
    }

    pub(super) fn while_loop(&mut self, w: &syn::ExprWhile) -> Result<V> {
        let (head, end) = (self.label(), self.label());
        self.place(&head);
        let p = self.condition(&w.cond)?;
        self.emit(format!("@!{p} bra {end};"));
        self.loops.push((head.clone(), end.clone()));
        self.block(&w.body)?;
        self.loops.pop();
        self.emit(format!("bra.uni {head};"));
        self.place(&end);
        Ok(V::Unit)
    }

    pub(super) fn plain_loop(&mut self, l: &syn::ExprLoop) -> Result<V> {
        let (head, end) = (self.label(), self.label());
        self.place(&head);
        self.loops.push((head.clone(), end.clone()));
        self.block(&l.body)?;
        self.loops.pop();
        self.emit(format!("bra.uni {head};"));
        self.place(&end);
        Ok(V::Unit)
    }

    pub(super) fn for_loop(&mut self, f: &syn::ExprForLoop) -> Result<V> {
        // `for k in a..b`, `a..=b`, `(a..b).step_by(s)`.
        let (range, step) = match &*f.expr {
            Expr::MethodCall(m) if m.method == "step_by" && m.args.len() == 1 => {
                (&*m.receiver, Some(&m.args[0]))
            }
            e => (e, None),
        };
        let range = match range {
            Expr::Paren(p) => &*p.expr,
            e => e,
        };
        let Expr::Range(r) = range else {
            return err(
                f.expr.span(),
                "a kernel's `for` runs over a range: `for k in a..b` or `(a..b).step_by(s)`",
            );
        };
        let (Some(start), Some(stop)) = (&r.start, &r.end) else {
            return err(r.span(), "give the range both ends");
        };
        // A range of two untyped literals (`0..3`) counts in usize: in a kernel such a counter nearly always
        // indexes (Rust infers its type from the uses; a use as another type is a compile error here).
        let default =
            (Self::untyped_literal(start) && Self::untyped_literal(stop)).then_some(Ty::U64);
        let (ty, s, e) = self.operands(start, stop, default)?;
        if !ty.is_int() {
            return err(r.span(), "ranges are of integers");
        }
        let k = self.reg(ty);
        self.mov_into(&k, ty, &s);
        let end_reg = self.reg(ty);
        self.mov_into(&end_reg, ty, &e);
        let step_reg = match step {
            Some(st) => {
                let (t, v) = self.scalar(st, Some(ty))?;
                if !t.is_int() {
                    return err(st.span(), "a step is an integer");
                }
                if t.size() == ty.size() {
                    v
                } else {
                    let n = self.reg(ty);
                    self.emit(format!("cvt.{}.{} {n}, {v};", ty.ptx(), t.ptx()));
                    n
                }
            }
            None => {
                let n = self.reg(ty);
                self.emit(format!("mov.{} {n}, 1;", ty.ptx()));
                n
            }
        };
        let (head, next, end) = (self.label(), self.label(), self.label());
        self.place(&head);
        let p = self.reg(Ty::Bool);
        let cmp = if matches!(r.limits, syn::RangeLimits::Closed(_)) {
            "gt"
        } else {
            "ge"
        };
        self.emit(format!("setp.{cmp}.{} {p}, {k}, {end_reg};", ty.ptx()));
        self.emit(format!("@{p} bra {end};"));
        self.scopes.push(HashMap::new());
        // The loop variable is a copy, so that the body cannot change the count.
        let var = self.reg(ty);
        self.mov_into(&var, ty, &k);
        let Pat::Ident(pi) = &*f.pat else {
            return err(f.pat.span(), "the loop variable is a name");
        };
        self.bind(&pi.ident.to_string(), Binding::Val(V::S(ty, var)));
        self.loops.push((next.clone(), end.clone()));
        self.block(&f.body)?;
        self.loops.pop();
        self.scopes.pop();
        self.place(&next);
        self.emit(format!("add.{} {k}, {k}, {step_reg};", ty.ptx()));
        self.emit(format!("bra.uni {head};"));
        self.place(&end);
        Ok(V::Unit)
    }
}
