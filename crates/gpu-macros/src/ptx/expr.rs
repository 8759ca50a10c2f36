//! Expression lowering: literals, operators, casts and array element addresses, each to virtual
//! registers of the value's PTX type (Rust's typing rules for unsuffixed literals).

use super::*;

impl Gen<'_> {
    pub(super) fn copy(&mut self, v: &V) -> V {
        match v {
            V::S(ty, r) => {
                let n = self.reg(*ty);
                self.mov_into(&n, *ty, r);
                V::S(*ty, n)
            }
            V::Tuple(vs) => V::Tuple(vs.iter().map(|v| self.copy(v)).collect()),
            V::Dim3(d) => V::Dim3(d.clone()),
            V::Unit => V::Unit,
        }
    }

    pub(super) fn mov_into(&mut self, dst: &str, ty: Ty, src: &str) {
        let t = match ty {
            Ty::Bool => "pred".to_string(),
            t if t.is_float() => t.ptx().to_string(),
            t => t.bits().to_string(),
        };
        self.emit(format!("mov.{t} {dst}, {src};"));
    }

    pub(super) fn scalar(&mut self, e: &Expr, expect: Option<Ty>) -> Result<(Ty, String)> {
        match self.expr(e, expect)? {
            V::S(t, r) => Ok((t, r)),
            _ => err(e.span(), "expected a number or a bool"),
        }
    }

    /// Whether `e` is an unsuffixed literal (its type comes from the other operand).
    pub(super) fn untyped_literal(e: &Expr) -> bool {
        match e {
            Expr::Lit(l) => match &l.lit {
                Lit::Int(i) => i.suffix().is_empty(),
                Lit::Float(f) => f.suffix().is_empty(),
                _ => false,
            },
            Expr::Unary(u) => matches!(u.op, UnOp::Neg(_)) && Self::untyped_literal(&u.expr),
            Expr::Paren(p) => Self::untyped_literal(&p.expr),
            _ => false,
        }
    }

    pub(super) fn expr(&mut self, e: &Expr, expect: Option<Ty>) -> Result<V> {
        match e {
            Expr::Lit(l) => self.literal(&l.lit, expect),
            Expr::Paren(p) => self.expr(&p.expr, expect),
            Expr::Group(g) => self.expr(&g.expr, expect),
            Expr::Path(_) => {
                let name = ident_of(e).ok_or_else(|| syn::Error::new(e.span(), "unknown name"))?;
                match self.lookup(&name).cloned() {
                    Some(Binding::Val(v)) => Ok(v),
                    Some(Binding::Const(c, ty)) => self.int_const(c, ty),
                    Some(Binding::Mem(_)) => err(e.span(), "an array is used by indexing it"),
                    None => err(e.span(), format!("`{name}` is not defined in the kernel")),
                }
            }
            Expr::Tuple(t) => {
                let mut vs = Vec::new();
                for el in &t.elems {
                    vs.push(self.expr(el, None)?);
                }
                Ok(V::Tuple(vs))
            }
            Expr::Unary(u) => self.unary(u, expect),
            Expr::Binary(b) => self.binary(b, expect),
            Expr::Cast(c) => self.cast(c),
            Expr::Index(ix) => self.load(ix),
            Expr::Assign(a) => {
                self.assign(&a.left, &a.right, None)?;
                Ok(V::Unit)
            }
            Expr::If(i) => self.if_expr(i, expect),
            Expr::While(w) => self.while_loop(w),
            Expr::ForLoop(f) => self.for_loop(f),
            Expr::Loop(l) => self.plain_loop(l),
            Expr::Block(b) => self.block_expect(&b.block, expect),
            Expr::Break(b) => {
                let Some((_, end)) = self.loops.last().cloned() else {
                    return err(b.span(), "`break` outside a loop");
                };
                self.emit(format!("bra.uni {end};"));
                Ok(V::Unit)
            }
            Expr::Continue(c) => {
                let Some((next, _)) = self.loops.last().cloned() else {
                    return err(c.span(), "`continue` outside a loop");
                };
                self.emit(format!("bra.uni {next};"));
                Ok(V::Unit)
            }
            Expr::Return(r) => {
                if r.expr.is_some() {
                    return err(r.span(), "a kernel returns nothing");
                }
                self.emit("ret;".to_string());
                Ok(V::Unit)
            }
            Expr::Field(f) => {
                let base = self.expr(&f.base, None)?;
                match (&base, &f.member) {
                    (V::Dim3(d), syn::Member::Named(n)) => {
                        let k = match n.to_string().as_str() {
                            "x" => 0,
                            "y" => 1,
                            "z" => 2,
                            _ => return err(n.span(), "a Dim3 has fields x, y and z"),
                        };
                        Ok(V::S(Ty::U32, d[k].clone()))
                    }
                    (V::Tuple(vs), syn::Member::Unnamed(i)) => vs
                        .get(i.index as usize)
                        .cloned()
                        .ok_or_else(|| syn::Error::new(i.span(), "no such tuple field")),
                    _ => err(f.span(), "unsupported field access"),
                }
            }
            Expr::Call(c) => self.call(c, expect),
            Expr::MethodCall(m) => self.method(m, expect),
            Expr::Reference(r) => self.expr(&r.expr, expect),
            Expr::Macro(m) => err(m.span(), "macros are not part of the kernel language"),
            Expr::Closure(c) => err(c.span(), "closures are not part of the kernel language"),
            Expr::Struct(st) => err(st.span(), "structs are not part of the kernel language"),
            _ => err(
                e.span(),
                "this expression is not part of the kernel language",
            ),
        }
    }

    pub(super) fn int_const(&mut self, value: i128, ty: Ty) -> Result<V> {
        let r = self.reg(ty);
        self.emit(format!("mov.{} {r}, {value};", ty.ptx()));
        Ok(V::S(ty, r))
    }

    pub(super) fn literal(&mut self, lit: &Lit, expect: Option<Ty>) -> Result<V> {
        match lit {
            Lit::Int(i) => {
                let ty = match i.suffix() {
                    "" => match expect {
                        Some(t) if t.is_int() => t,
                        Some(t) if t.is_float() => {
                            return err(
                                i.span(),
                                "an integer literal where a float is expected: write it as `1.0`",
                            );
                        }
                        _ => Ty::I32,
                    },
                    s => Scalar::parse(s)
                        .and_then(Ty::of)
                        .ok_or_else(|| syn::Error::new(i.span(), "unsupported literal suffix"))?,
                };
                let v: i128 = i.base10_parse()?;
                self.int_const(v, ty)
            }
            Lit::Float(f) => {
                let ty = match f.suffix() {
                    "" => match expect {
                        Some(t) if t.is_float() => t,
                        _ => Ty::F64,
                    },
                    "f32" => Ty::F32,
                    "f64" => Ty::F64,
                    _ => return err(f.span(), "unsupported literal suffix"),
                };
                let v: f64 = f.base10_parse()?;
                let r = self.reg(ty);
                self.emit(format!("mov.{} {r}, {};", ty.ptx(), float_bits(ty, v)));
                Ok(V::S(ty, r))
            }
            Lit::Bool(b) => {
                let r = self.reg(Ty::Bool);
                let v = u8::from(b.value);
                self.emit(format!("setp.ne.u32 {r}, {v}, 0;"));
                Ok(V::S(Ty::Bool, r))
            }
            _ => err(lit.span(), "unsupported literal"),
        }
    }

    pub(super) fn unary(&mut self, u: &syn::ExprUnary, expect: Option<Ty>) -> Result<V> {
        match u.op {
            UnOp::Neg(_) => {
                if let Expr::Lit(l) = &*u.expr {
                    // A negative literal: fold it, so that `-1` fits an i32 and `-0.5` stays exact.
                    match &l.lit {
                        Lit::Int(i) => {
                            let ty = match i.suffix() {
                                "" => expect.filter(|t| t.is_int()).unwrap_or(Ty::I32),
                                s => Scalar::parse(s).and_then(Ty::of).unwrap_or(Ty::I32),
                            };
                            let v: i128 = i.base10_parse()?;
                            return self.int_const(-v, ty);
                        }
                        Lit::Float(f) => {
                            let ty = match f.suffix() {
                                "f32" => Ty::F32,
                                "f64" => Ty::F64,
                                _ => expect.filter(|t| t.is_float()).unwrap_or(Ty::F64),
                            };
                            let v: f64 = f.base10_parse()?;
                            let r = self.reg(ty);
                            self.emit(format!("mov.{} {r}, {};", ty.ptx(), float_bits(ty, -v)));
                            return Ok(V::S(ty, r));
                        }
                        _ => {}
                    }
                }
                let (ty, r) = self.scalar(&u.expr, expect)?;
                let out = self.reg(ty);
                self.emit(format!(
                    "neg.{} {out}, {r};",
                    if ty.is_int() {
                        ty.ptx().replace('u', "s")
                    } else {
                        ty.ptx().to_string()
                    }
                ));
                Ok(V::S(ty, out))
            }
            UnOp::Not(_) => {
                let (ty, r) = self.scalar(&u.expr, expect)?;
                let out = self.reg(ty);
                let t = if ty == Ty::Bool { "pred" } else { ty.bits() };
                self.emit(format!("not.{t} {out}, {r};"));
                Ok(V::S(ty, out))
            }
            UnOp::Deref(_) => self.expr(&u.expr, expect),
            _ => err(u.span(), "unsupported operator"),
        }
    }

    /// Both operands of a binary operator, the literal one typed from the other.
    pub(super) fn operands(
        &mut self,
        l: &Expr,
        r: &Expr,
        expect: Option<Ty>,
    ) -> Result<(Ty, String, String)> {
        let (lt, lr, rr);
        if Self::untyped_literal(l) && !Self::untyped_literal(r) {
            let (t, rv) = self.scalar(r, expect)?;
            let (t2, lv) = self.scalar(l, Some(t))?;
            if t != t2 {
                return err(
                    l.span(),
                    format!("mismatched types {} and {}", t2.name(), t.name()),
                );
            }
            (lt, lr, rr) = (t, lv, rv);
        } else {
            let (t, lv) = self.scalar(l, expect)?;
            let (t2, rv) = self.scalar(r, Some(t))?;
            if t != t2 {
                return err(
                    r.span(),
                    format!(
                        "mismatched types {} and {} (convert with `as`)",
                        t.name(),
                        t2.name()
                    ),
                );
            }
            (lt, lr, rr) = (t, lv, rv);
        }
        Ok((lt, lr, rr))
    }

    pub(super) fn arith(
        &mut self,
        op: &BinOp,
        ty: Ty,
        a: &str,
        b: &str,
        span: Span,
    ) -> Result<String> {
        let out = self.reg(ty);
        let p = ty.ptx();
        let line = match op {
            BinOp::Add(_) | BinOp::AddAssign(_) if ty.is_float() => {
                format!("add.rn.{p} {out}, {a}, {b};")
            }
            BinOp::Sub(_) | BinOp::SubAssign(_) if ty.is_float() => {
                format!("sub.rn.{p} {out}, {a}, {b};")
            }
            BinOp::Mul(_) | BinOp::MulAssign(_) if ty.is_float() => {
                format!("mul.rn.{p} {out}, {a}, {b};")
            }
            BinOp::Div(_) | BinOp::DivAssign(_) if ty.is_float() => {
                format!("div.rn.{p} {out}, {a}, {b};")
            }
            BinOp::Add(_) | BinOp::AddAssign(_) => format!("add.{p} {out}, {a}, {b};"),
            BinOp::Sub(_) | BinOp::SubAssign(_) => format!("sub.{p} {out}, {a}, {b};"),
            BinOp::Mul(_) | BinOp::MulAssign(_) => format!("mul.lo.{p} {out}, {a}, {b};"),
            BinOp::Div(_) | BinOp::DivAssign(_) => format!("div.{p} {out}, {a}, {b};"),
            BinOp::Rem(_) | BinOp::RemAssign(_) if ty.is_int() => {
                format!("rem.{p} {out}, {a}, {b};")
            }
            BinOp::BitAnd(_) | BinOp::BitAndAssign(_) if ty.is_int() => {
                format!("and.{} {out}, {a}, {b};", ty.bits())
            }
            BinOp::BitOr(_) | BinOp::BitOrAssign(_) if ty.is_int() => {
                format!("or.{} {out}, {a}, {b};", ty.bits())
            }
            BinOp::BitXor(_) | BinOp::BitXorAssign(_) if ty.is_int() => {
                format!("xor.{} {out}, {a}, {b};", ty.bits())
            }
            _ => {
                return err(
                    span,
                    format!("this operator is not supported on {}", ty.name()),
                );
            }
        };
        self.emit(line);
        Ok(out)
    }

    /// A shift amount as the u32 register PTX wants.
    pub(super) fn shift_amount(&mut self, e: &Expr) -> Result<String> {
        let (t, r) = self.scalar(e, Some(Ty::U32))?;
        Ok(match t {
            Ty::I32 | Ty::U32 => r,
            Ty::I64 | Ty::U64 => {
                let n = self.reg(Ty::U32);
                self.emit(format!("cvt.u32.u64 {n}, {r};"));
                n
            }
            _ => return err(e.span(), "a shift amount is an integer"),
        })
    }

    pub(super) fn binary(&mut self, b: &syn::ExprBinary, expect: Option<Ty>) -> Result<V> {
        if is_compound(&b.op) {
            self.assign(&b.left, &b.right, Some(&b.op))?;
            return Ok(V::Unit);
        }
        match b.op {
            BinOp::And(_) | BinOp::Or(_) => {
                // Short-circuit, as in Rust: the right side runs only when it decides.
                let out = self.reg(Ty::Bool);
                let (lt, lr) = self.scalar(&b.left, Some(Ty::Bool))?;
                if lt != Ty::Bool {
                    return err(b.left.span(), "expected a bool");
                }
                self.emit(format!("mov.pred {out}, {lr};"));
                let done = self.label();
                let skip_if = if matches!(b.op, BinOp::And(_)) {
                    "@!"
                } else {
                    "@"
                };
                self.emit(format!("{skip_if}{out} bra {done};"));
                let (rt, rr) = self.scalar(&b.right, Some(Ty::Bool))?;
                if rt != Ty::Bool {
                    return err(b.right.span(), "expected a bool");
                }
                self.emit(format!("mov.pred {out}, {rr};"));
                self.place(&done);
                Ok(V::S(Ty::Bool, out))
            }
            BinOp::Lt(_)
            | BinOp::Le(_)
            | BinOp::Gt(_)
            | BinOp::Ge(_)
            | BinOp::Eq(_)
            | BinOp::Ne(_) => {
                let (ty, l, r) = self.operands(&b.left, &b.right, None)?;
                let cmp = match b.op {
                    BinOp::Lt(_) => "lt",
                    BinOp::Le(_) => "le",
                    BinOp::Gt(_) => "gt",
                    BinOp::Ge(_) => "ge",
                    BinOp::Eq(_) => "eq",
                    // Rust's `!=` is true for NaN: the unordered comparison.
                    _ if ty.is_float() => "neu",
                    _ => "ne",
                };
                let out = self.reg(Ty::Bool);
                if ty == Ty::Bool {
                    if !matches!(b.op, BinOp::Eq(_) | BinOp::Ne(_)) {
                        return err(b.span(), "bools compare with == and != only");
                    }
                    self.emit(format!("xor.pred {out}, {l}, {r};"));
                    if matches!(b.op, BinOp::Eq(_)) {
                        self.emit(format!("not.pred {out}, {out};"));
                    }
                } else {
                    self.emit(format!("setp.{cmp}.{} {out}, {l}, {r};", ty.ptx()));
                }
                Ok(V::S(Ty::Bool, out))
            }
            BinOp::Shl(_) | BinOp::Shr(_) => {
                let (ty, l) = self.scalar(&b.left, expect)?;
                if !ty.is_int() {
                    return err(b.span(), "shifts work on integers");
                }
                let amount = self.shift_amount(&b.right)?;
                let out = self.reg(ty);
                let op = if matches!(b.op, BinOp::Shl(_)) {
                    format!("shl.{}", ty.bits())
                } else {
                    format!("shr.{}", ty.ptx())
                };
                self.emit(format!("{op} {out}, {l}, {amount};"));
                Ok(V::S(ty, out))
            }
            _ => {
                let (ty, l, r) = self.operands(&b.left, &b.right, expect)?;
                let out = self.arith(&b.op, ty, &l, &r, b.span())?;
                Ok(V::S(ty, out))
            }
        }
    }

    pub(super) fn cast(&mut self, c: &syn::ExprCast) -> Result<V> {
        let to = self.rust_ty(&c.ty)?;
        let (from, r) = self.scalar(&c.expr, None)?;
        if from == to || (from.is_int() && to.is_int() && from.size() == to.size()) {
            return Ok(V::S(to, r));
        }
        let out = self.reg(to);
        let line = match (from.is_float(), to.is_float()) {
            (false, false) if from == Ty::Bool => format!("selp.{} {out}, 1, 0, {r};", to.ptx()),
            (false, false) => format!("cvt.{}.{} {out}, {r};", to.ptx(), from.ptx()),
            (false, true) => format!("cvt.rn.{}.{} {out}, {r};", to.ptx(), from.ptx()),
            // Rust's float-to-int `as` rounds toward zero and saturates, NaN giving 0: cvt.rzi does the same.
            (true, false) => format!("cvt.rzi.{}.{} {out}, {r};", to.ptx(), from.ptx()),
            (true, true) if to == Ty::F32 => format!("cvt.rn.f32.f64 {out}, {r};"),
            (true, true) => format!("cvt.f64.f32 {out}, {r};"),
        };
        if to == Ty::Bool {
            return err(c.span(), "cast to bool is not Rust");
        }
        self.emit(line);
        Ok(V::S(to, out))
    }

    /// The array an index expression addresses, and the element's address.
    pub(super) fn address(&mut self, ix: &syn::ExprIndex) -> Result<(Memory, String)> {
        let name = ident_of(&ix.expr)
            .ok_or_else(|| syn::Error::new(ix.expr.span(), "index a named array"))?;
        let Some(Binding::Mem(mem)) = self.lookup(&name).cloned() else {
            return err(ix.expr.span(), format!("`{name}` is not an array"));
        };
        let indices: Vec<&Expr> = match &*ix.index {
            Expr::Tuple(t) => t.elems.iter().collect(),
            Expr::Paren(p) => vec![&*p.expr],
            e => vec![e],
        };
        let ndim = mem.dims.len().max(1);
        if indices.len() != ndim && !(mem.space != "global" && indices.len() == 1) {
            return err(
                ix.index.span(),
                format!("`{name}` has {ndim} dimension(s); index it with {ndim}"),
            );
        }
        let mut flat: Option<String> = None;
        for (axis, e) in indices.iter().enumerate() {
            let (t, r) = self.scalar(e, Some(Ty::U64))?;
            let wide = match t {
                Ty::U64 | Ty::I64 => r,
                Ty::U32 => {
                    let n = self.reg(Ty::U64);
                    self.emit(format!("cvt.u64.u32 {n}, {r};"));
                    n
                }
                Ty::I32 => {
                    let n = self.reg(Ty::U64);
                    self.emit(format!("cvt.s64.s32 {n}, {r};"));
                    n
                }
                _ => return err(e.span(), "an index is an integer"),
            };
            flat = Some(match flat {
                None => wide,
                Some(prev) => {
                    let n = self.reg(Ty::U64);
                    self.emit(format!(
                        "mad.lo.u64 {n}, {prev}, {}, {wide};",
                        mem.dims[axis]
                    ));
                    n
                }
            });
        }
        let flat = flat.unwrap_or_default();
        let addr = self.reg(Ty::U64);
        self.emit(format!(
            "mad.lo.u64 {addr}, {flat}, {}, {};",
            mem.elem.size(),
            mem.base
        ));
        Ok((mem, addr))
    }

    pub(super) fn load(&mut self, ix: &syn::ExprIndex) -> Result<V> {
        let (mem, addr) = self.address(ix)?;
        let out = self.reg(mem.elem);
        self.emit(format!(
            "ld.{}.{} {out}, [{addr}];",
            mem.space,
            mem.elem.ptx()
        ));
        Ok(V::S(mem.elem, out))
    }
}
