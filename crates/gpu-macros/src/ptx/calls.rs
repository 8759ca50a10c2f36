//! Calls: thread and block indices, `grid`/`gridsize`, `syncthreads`, warp votes and shuffles, atomics,
//! math functions and the array methods (`len`, `shape`).

use super::*;

impl Gen<'_> {
    pub(super) fn special(&mut self, reg: &str) -> String {
        let r = self.reg(Ty::U32);
        self.emit(format!("mov.u32 {r}, %{reg};"));
        r
    }

    pub(super) fn dim3(&mut self, reg: &str) -> V {
        V::Dim3([
            self.special(&format!("{reg}.x")),
            self.special(&format!("{reg}.y")),
            self.special(&format!("{reg}.z")),
        ])
    }

    /// `cuda.grid` along one axis: ctaid * ntid + tid, as usize.
    pub(super) fn grid_axis(&mut self, axis: char) -> String {
        let (c, n, t) = (
            self.special(&format!("ctaid.{axis}")),
            self.special(&format!("ntid.{axis}")),
            self.special(&format!("tid.{axis}")),
        );
        let wide = self.reg(Ty::U64);
        self.emit(format!("mul.wide.u32 {wide}, {c}, {n};"));
        let t64 = self.reg(Ty::U64);
        self.emit(format!("cvt.u64.u32 {t64}, {t};"));
        let out = self.reg(Ty::U64);
        self.emit(format!("add.u64 {out}, {wide}, {t64};"));
        out
    }

    pub(super) fn gridsize_axis(&mut self, axis: char) -> String {
        let (c, n) = (
            self.special(&format!("nctaid.{axis}")),
            self.special(&format!("ntid.{axis}")),
        );
        let out = self.reg(Ty::U64);
        self.emit(format!("mul.wide.u32 {out}, {c}, {n};"));
        out
    }

    pub(super) fn call(&mut self, c: &syn::ExprCall, expect: Option<Ty>) -> Result<V> {
        let Some((module, f, _)) = call_path(&c.func) else {
            return err(c.func.span(), "unsupported call");
        };
        let axes = ['x', 'y', 'z'];
        match (module.as_deref(), f.as_str()) {
            (None, "grid1" | "grid2" | "grid3")
            | (None, "gridsize1" | "gridsize2" | "gridsize3") => {
                let n = f.chars().last().and_then(|d| d.to_digit(10)).unwrap_or(1) as usize;
                let size = f.starts_with("gridsize");
                let mut vs = Vec::new();
                for &a in &axes[..n] {
                    let r = if size {
                        self.gridsize_axis(a)
                    } else {
                        self.grid_axis(a)
                    };
                    vs.push(V::S(Ty::U64, r));
                }
                Ok(if n == 1 { vs.remove(0) } else { V::Tuple(vs) })
            }
            (None, "thread_idx") => Ok(self.dim3("tid")),
            (None, "block_idx") => Ok(self.dim3("ctaid")),
            (None, "block_dim") => Ok(self.dim3("ntid")),
            (None, "grid_dim") => Ok(self.dim3("nctaid")),
            (None, "syncthreads") => {
                self.emit("bar.sync 0;".to_string());
                Ok(V::Unit)
            }
            (Some("atomic"), op) => self.atomic(op, c),
            (None, "lane_id") => {
                let r = self.special("laneid");
                Ok(V::S(Ty::U32, r))
            }
            (Some("warp"), op) => self.warp(op, c),
            (Some(ty), m) if Scalar::parse(ty).is_some() => {
                // `f32::sqrt(x)` is `x.sqrt()`.
                let args: Vec<&Expr> = c.args.iter().collect();
                let Some((first, rest)) = args.split_first() else {
                    return err(c.span(), "missing argument");
                };
                let t = Scalar::parse(ty).and_then(Ty::of);
                self.math(m, first, rest, t.or(expect), c.span())
            }
            _ => err(
                c.func.span(),
                format!("`{f}` is not a kernel-language function"),
            ),
        }
    }

    /// A `u32` mask argument.
    pub(super) fn mask(&mut self, e: &Expr) -> Result<String> {
        let (t, r) = self.scalar(e, Some(Ty::U32))?;
        if t != Ty::U32 {
            return err(e.span(), "a warp mask is a u32");
        }
        Ok(r)
    }

    /// The warp functions: shuffles (`shfl.sync`, 64-bit values in two halves), votes (`vote.sync`),
    /// `activemask`, `syncwarp` (`bar.warp.sync`). The full-warp shuffles pass the mask -1.
    pub(super) fn warp(&mut self, op: &str, c: &syn::ExprCall) -> Result<V> {
        let args: Vec<&Expr> = c.args.iter().collect();
        match op {
            "shfl_down" | "shfl_up" | "shfl_xor" | "shfl" => {
                let [value, n] = args.as_slice() else {
                    return err(c.span(), format!("warp::{op}(value, lane_or_delta)"));
                };
                self.shuffle(op, "-1".to_string(), value, n)
            }
            "shfl_down_sync" | "shfl_up_sync" | "shfl_xor_sync" | "shfl_sync" => {
                let [mask, value, n] = args.as_slice() else {
                    return err(c.span(), format!("warp::{op}(mask, value, lane_or_delta)"));
                };
                let mask = self.mask(mask)?;
                self.shuffle(op.trim_end_matches("_sync"), mask, value, n)
            }
            "all_sync" | "any_sync" | "eq_sync" | "ballot_sync" => {
                let [mask, pred] = args.as_slice() else {
                    return err(c.span(), format!("warp::{op}(mask, predicate)"));
                };
                let mask = self.mask(mask)?;
                let (pt, p) = self.scalar(pred, Some(Ty::Bool))?;
                if pt != Ty::Bool {
                    return err(pred.span(), "the predicate is a bool");
                }
                if op == "ballot_sync" {
                    let out = self.reg(Ty::U32);
                    self.emit(format!("vote.sync.ballot.b32 {out}, {p}, {mask};"));
                    return Ok(V::S(Ty::U32, out));
                }
                let mode = match op {
                    "all_sync" => "all",
                    "any_sync" => "any",
                    _ => "uni",
                };
                let out = self.reg(Ty::Bool);
                self.emit(format!("vote.sync.{mode}.pred {out}, {p}, {mask};"));
                Ok(V::S(Ty::Bool, out))
            }
            "activemask" => {
                if !args.is_empty() {
                    return err(c.span(), "warp::activemask() takes no argument");
                }
                let out = self.reg(Ty::U32);
                self.emit(format!("activemask.b32 {out};"));
                Ok(V::S(Ty::U32, out))
            }
            "syncwarp" => {
                let [mask] = args.as_slice() else {
                    return err(c.span(), "warp::syncwarp(mask)");
                };
                let mask = self.mask(mask)?;
                self.emit(format!("bar.warp.sync {mask};"));
                Ok(V::Unit)
            }
            _ => err(
                c.func.span(),
                format!("`warp::{op}` is not a kernel-language function"),
            ),
        }
    }

    /// `shfl.sync` of `value` from the lane `n` names (mode from `op`) among the lanes of `mask`.
    pub(super) fn shuffle(&mut self, op: &str, mask: String, value: &Expr, n: &Expr) -> Result<V> {
        let (ty, v) = self.scalar(value, None)?;
        if ty == Ty::Bool {
            return err(value.span(), "shuffle a number");
        }
        let n_span = n.span();
        let (nt, n) = self.scalar(n, Some(Ty::U32))?;
        if nt != Ty::U32 {
            return err(n_span, "the lane or delta is a u32");
        }
        // The clamp operand: lanes up to 31 for idx/down/bfly, from 0 for up (CUDA's width 32).
        let (mode, clamp) = match op {
            "shfl_down" => ("down", 31),
            "shfl_up" => ("up", 0),
            "shfl_xor" => ("bfly", 31),
            _ => ("idx", 31),
        };
        let out = self.reg(ty);
        if ty.size() == 4 {
            self.emit(format!(
                "shfl.sync.{mode}.b32 {out}, {v}, {n}, {clamp}, {mask};"
            ));
        } else {
            let (lo, hi, lo2, hi2) = (
                self.reg(Ty::U32),
                self.reg(Ty::U32),
                self.reg(Ty::U32),
                self.reg(Ty::U32),
            );
            self.emit(format!("mov.b64 {{{lo}, {hi}}}, {v};"));
            self.emit(format!(
                "shfl.sync.{mode}.b32 {lo2}, {lo}, {n}, {clamp}, {mask};"
            ));
            self.emit(format!(
                "shfl.sync.{mode}.b32 {hi2}, {hi}, {n}, {clamp}, {mask};"
            ));
            self.emit(format!("mov.b64 {out}, {{{lo2}, {hi2}}};"));
        }
        Ok(V::S(ty, out))
    }

    pub(super) fn atomic(&mut self, op: &str, c: &syn::ExprCall) -> Result<V> {
        let args: Vec<&Expr> = c.args.iter().collect();
        let target = match args.first() {
            Some(Expr::Reference(r)) => &*r.expr,
            Some(e) => e,
            None => return err(c.span(), "atomic::op(&array, index, value)"),
        };
        let want = if op == "cas" { 4 } else { 3 };
        if args.len() != want {
            return err(c.span(), format!("atomic::{op} takes {want} arguments"));
        }
        let ix: syn::ExprIndex = syn::ExprIndex {
            attrs: vec![],
            expr: Box::new(target.clone()),
            bracket_token: Default::default(),
            index: Box::new(args[1].clone()),
        };
        let (mem, addr) = self.address(&ix)?;
        let ty = mem.elem;
        let (vt, value) = self.scalar(args[2], Some(ty))?;
        if vt != ty {
            return err(
                args[2].span(),
                format!("expected {}, found {}", ty.name(), vt.name()),
            );
        }
        let space = mem.space;
        let out = self.reg(ty);
        let line = match op {
            "add" if ty.is_int() => format!(
                "atom.{space}.add.{} {out}, [{addr}], {value};",
                if ty.size() == 8 {
                    "u64".to_string()
                } else {
                    ty.ptx().to_string()
                }
            ),
            "add" => format!("atom.{space}.add.{} {out}, [{addr}], {value};", ty.ptx()),
            "sub" => {
                let neg = self.reg(ty);
                let np = if ty.is_int() {
                    ty.ptx().replace('u', "s")
                } else {
                    ty.ptx().to_string()
                };
                self.emit(format!("neg.{np} {neg}, {value};"));
                let t = if ty.is_int() && ty.size() == 8 {
                    "u64".to_string()
                } else {
                    ty.ptx().to_string()
                };
                format!("atom.{space}.add.{t} {out}, [{addr}], {neg};")
            }
            "max" | "min" if ty.is_int() => {
                format!("atom.{space}.{op}.{} {out}, [{addr}], {value};", ty.ptx())
            }
            "exch" => format!("atom.{space}.exch.{} {out}, [{addr}], {value};", ty.bits()),
            "and" | "or" | "xor" if ty.is_int() => {
                format!("atom.{space}.{op}.{} {out}, [{addr}], {value};", ty.bits())
            }
            "inc" | "dec" if ty == Ty::U32 => {
                format!("atom.{space}.{op}.u32 {out}, [{addr}], {value};")
            }
            "cas" => {
                let (nt, new) = self.scalar(args[3], Some(ty))?;
                if nt != ty {
                    return err(args[3].span(), "the new value has the array's type");
                }
                format!(
                    "atom.{space}.cas.{} {out}, [{addr}], {value}, {new};",
                    ty.bits()
                )
            }
            _ => {
                return err(
                    c.span(),
                    format!(
                        "atomic::{op} on {} is not supported by the PTX generator",
                        ty.name()
                    ),
                );
            }
        };
        self.emit(line);
        Ok(V::S(ty, out))
    }

    pub(super) fn method(&mut self, m: &syn::ExprMethodCall, expect: Option<Ty>) -> Result<V> {
        let name = m.method.to_string();
        // Array extents: `a.len()`, `a.shape(k)`.
        if let Some(arr) = ident_of(&m.receiver) {
            if let Some(Binding::Mem(mem)) = self.lookup(&arr).cloned() {
                return match name.as_str() {
                    "len" => {
                        let mut total = mem.dims[0].clone();
                        for d in &mem.dims[1..] {
                            let n = self.reg(Ty::U64);
                            self.emit(format!("mul.lo.u64 {n}, {total}, {d};"));
                            total = n;
                        }
                        Ok(V::S(Ty::U64, total))
                    }
                    "shape" => {
                        let Some(a) = m.args.first() else {
                            return err(m.span(), "shape(axis)");
                        };
                        let k = self.const_int(a)? as usize;
                        match mem.dims.get(k) {
                            Some(d) => Ok(V::S(Ty::U64, d.clone())),
                            None => err(a.span(), "no such axis"),
                        }
                    }
                    _ => err(m.method.span(), "arrays have .len() and .shape(axis)"),
                };
            }
        }
        let args: Vec<&Expr> = m.args.iter().collect();
        self.math(&name, &m.receiver, &args, expect, m.span())
    }

    pub(super) fn math(
        &mut self,
        name: &str,
        x: &Expr,
        rest: &[&Expr],
        expect: Option<Ty>,
        span: Span,
    ) -> Result<V> {
        let (ty, a) = self.scalar(x, expect)?;
        let mut others = Vec::new();
        for r in rest {
            let (t, v) = self.scalar(r, Some(ty))?;
            if t != ty {
                return err(
                    r.span(),
                    format!("expected {}, found {}", ty.name(), t.name()),
                );
            }
            others.push(v);
        }
        if ty.is_float() && others.is_empty() && crate::kmath::FUNCTIONS.contains(&name) {
            return Ok(V::S(ty, self.transcendental(name, ty, a)));
        }
        let out = self.reg(ty);
        let p = ty.ptx();
        let line = match (name, others.as_slice()) {
            ("sqrt", []) if ty.is_float() => format!("sqrt.rn.{p} {out}, {a};"),
            ("abs", []) if ty.is_float() || ty.is_signed() => format!("abs.{p} {out}, {a};"),
            ("floor", []) if ty.is_float() => format!("cvt.rmi.{p}.{p} {out}, {a};"),
            ("ceil", []) if ty.is_float() => format!("cvt.rpi.{p}.{p} {out}, {a};"),
            ("trunc", []) if ty.is_float() => format!("cvt.rzi.{p}.{p} {out}, {a};"),
            ("min", [b]) => format!("min.{p} {out}, {a}, {b};"),
            ("max", [b]) => format!("max.{p} {out}, {a}, {b};"),
            ("mul_add", [b, c]) if ty.is_float() => format!("fma.rn.{p} {out}, {a}, {b}, {c};"),
            ("wrapping_add", [b]) if ty.is_int() => format!("add.{p} {out}, {a}, {b};"),
            ("wrapping_sub", [b]) if ty.is_int() => format!("sub.{p} {out}, {a}, {b};"),
            ("wrapping_mul", [b]) if ty.is_int() => format!("mul.lo.{p} {out}, {a}, {b};"),
            _ => {
                return err(
                    span,
                    format!(
                        "`{name}` on {} is not in the kernel language (sqrt, abs, floor, ceil, trunc, min, max, mul_add, exp, ln, sin, cos, tanh, wrapping_add/sub/mul)",
                        ty.name()
                    ),
                );
            }
        };
        self.emit(line);
        Ok(V::S(ty, out))
    }

    /// `exp`, `ln`, `sin`, `cos` of the float register `a`: the operation sequence of `kmath`, in `f64`; an
    /// `f32` argument is widened and the result rounded once, a NaN result becoming the canonical quiet NaN
    /// (as the simulator's `as f32` gives).
    fn transcendental(&mut self, name: &str, ty: Ty, a: String) -> String {
        let input = if ty == Ty::F32 {
            let w = self.reg(Ty::F64);
            self.emit(format!("cvt.f64.f32 {w}, {a};"));
            w
        } else {
            a
        };
        let mut lines = Vec::new();
        let result = crate::kmath::ptx_lines(name, &input, |kind| {
            self.reg(match kind {
                crate::kmath::Kind::F => Ty::F64,
                crate::kmath::Kind::I => Ty::I64,
                crate::kmath::Kind::P => Ty::Bool,
            })
        })
        .map(|(l, r)| {
            lines = l;
            r
        });
        let Some(result) = result else {
            return input;
        };
        self.emit(format!(
            "// {name}.{} (kernel-language math, bit-identical to the simulator)",
            ty.ptx()
        ));
        for line in lines {
            self.emit(line);
        }
        if ty == Ty::F64 {
            return result;
        }
        let (narrow, nan, out) = (self.reg(Ty::F32), self.reg(Ty::Bool), self.reg(Ty::F32));
        self.emit(format!("cvt.rn.f32.f64 {narrow}, {result};"));
        self.emit(format!("setp.nan.f64 {nan}, {result}, {result};"));
        self.emit(format!("selp.f32 {out}, 0f7FC00000, {narrow}, {nan};"));
        out
    }
}
