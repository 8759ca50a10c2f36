//! The kernel language's transcendental functions (`exp`, `ln`, `sin`, `cos`, `tanh`), written ONCE as a straight-line
//! program of basic IEEE-754 operations and emitted twice from that one program: as PTX by the generator
//! (`fma.rn.f64`, `cvt.rni`, `mov.b64` bit-casts, `selp`) and as Rust by the hidden `__kernel_math!` macro,
//! which the `gpu` crate expands into `gpu::math` for the simulator. Each step is an operation both backends
//! round the same way (round-to-nearest-even, correctly rounded fused multiply-add, exact conversions,
//! saturating float-to-integer casts with NaN to 0), so the simulator and the GPU give the same bits by
//! construction.
//!
//! The algorithms are textbook: a Cody–Waite reduction with constants split so the first product is exact,
//! a Taylor polynomial evaluated by Horner's rule with FMA, and scaling by `2^k` built from exponent bits.
//! Every function computes in `f64`; the `f32` forms widen their argument, run the `f64` program and round
//! once (so they are correctly rounded but for rare double-rounding cases).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// The transcendental functions of the kernel language, by their Rust method names.
pub(crate) const FUNCTIONS: [&str; 5] = ["exp", "ln", "sin", "cos", "tanh"];

/// A value of the program: the index of the operation that produced it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Val(usize);

/// A value's type: `f64`, `i64` or a predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    F,
    I,
    P,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Op {
    /// The function's argument.
    Input,
    F(f64),
    I(i64),
    Fma(Val, Val, Val),
    Add(Val, Val),
    Sub(Val, Val),
    Mul(Val, Val),
    Div(Val, Val),
    Abs(Val),
    /// Round to the nearest integer, ties to even (`cvt.rni.f64.f64`, `round_ties_even`).
    Rni(Val),
    /// Truncate to `i64`, saturating, NaN to 0 (`cvt.rzi.s64.f64`, `as i64`).
    F2I(Val),
    I2F(Val),
    IAdd(Val, Val),
    ISub(Val, Val),
    IAnd(Val, Val),
    IOr(Val, Val),
    Shl(Val, u32),
    /// Arithmetic shift right.
    Shr(Val, u32),
    Bits(Val),
    FromBits(Val),
    Lt(Val, Val),
    Le(Val, Val),
    Eq(Val, Val),
    IsNan(Val),
    IEq(Val, Val),
    /// `if p { a } else { b }`.
    Sel(Val, Val, Val),
}

/// A straight-line program: its operations, each with its result's kind, and the result.
#[derive(Debug, Default)]
pub(crate) struct Prog {
    ops: Vec<(Op, Kind)>,
}

impl Prog {
    fn push(&mut self, op: Op, kind: Kind) -> Val {
        self.ops.push((op, kind));
        Val(self.ops.len() - 1)
    }
    fn kind(&self, v: Val) -> Kind {
        self.ops[v.0].1
    }
    fn f(&mut self, c: f64) -> Val {
        self.push(Op::F(c), Kind::F)
    }
    fn i(&mut self, c: i64) -> Val {
        self.push(Op::I(c), Kind::I)
    }
    fn fma(&mut self, a: Val, b: Val, c: Val) -> Val {
        self.push(Op::Fma(a, b, c), Kind::F)
    }
    fn add(&mut self, a: Val, b: Val) -> Val {
        self.push(Op::Add(a, b), Kind::F)
    }
    fn sub(&mut self, a: Val, b: Val) -> Val {
        self.push(Op::Sub(a, b), Kind::F)
    }
    fn mul(&mut self, a: Val, b: Val) -> Val {
        self.push(Op::Mul(a, b), Kind::F)
    }
    fn mul_c(&mut self, a: Val, c: f64) -> Val {
        let c = self.f(c);
        self.mul(a, c)
    }
    fn div(&mut self, a: Val, b: Val) -> Val {
        self.push(Op::Div(a, b), Kind::F)
    }
    fn abs(&mut self, a: Val) -> Val {
        self.push(Op::Abs(a), Kind::F)
    }
    fn rni(&mut self, a: Val) -> Val {
        self.push(Op::Rni(a), Kind::F)
    }
    fn f2i(&mut self, a: Val) -> Val {
        self.push(Op::F2I(a), Kind::I)
    }
    fn i2f(&mut self, a: Val) -> Val {
        self.push(Op::I2F(a), Kind::F)
    }
    fn iadd_c(&mut self, a: Val, c: i64) -> Val {
        let c = self.i(c);
        self.push(Op::IAdd(a, c), Kind::I)
    }
    fn iand_c(&mut self, a: Val, c: i64) -> Val {
        let c = self.i(c);
        self.push(Op::IAnd(a, c), Kind::I)
    }
    fn ior_c(&mut self, a: Val, c: i64) -> Val {
        let c = self.i(c);
        self.push(Op::IOr(a, c), Kind::I)
    }
    fn shl(&mut self, a: Val, n: u32) -> Val {
        self.push(Op::Shl(a, n), Kind::I)
    }
    fn shr(&mut self, a: Val, n: u32) -> Val {
        self.push(Op::Shr(a, n), Kind::I)
    }
    fn bits(&mut self, a: Val) -> Val {
        self.push(Op::Bits(a), Kind::I)
    }
    fn bits_to_f(&mut self, a: Val) -> Val {
        self.push(Op::FromBits(a), Kind::F)
    }
    fn lt(&mut self, a: Val, b: Val) -> Val {
        self.push(Op::Lt(a, b), Kind::P)
    }
    fn le(&mut self, a: Val, b: Val) -> Val {
        self.push(Op::Le(a, b), Kind::P)
    }
    fn eq(&mut self, a: Val, b: Val) -> Val {
        self.push(Op::Eq(a, b), Kind::P)
    }
    fn is_nan(&mut self, a: Val) -> Val {
        self.push(Op::IsNan(a), Kind::P)
    }
    fn ieq_c(&mut self, a: Val, c: i64) -> Val {
        let c = self.i(c);
        self.push(Op::IEq(a, c), Kind::P)
    }
    fn sel(&mut self, p: Val, a: Val, b: Val) -> Val {
        let kind = self.kind(a);
        self.push(Op::Sel(p, a, b), kind)
    }
    /// `if p { c } else { b }` for a constant `c`.
    fn sel_c(&mut self, p: Val, c: f64, b: Val) -> Val {
        let c = self.f(c);
        self.sel(p, c, b)
    }
    /// `2^k` for an integer `k` in the normal exponent range.
    fn pow2(&mut self, k: Val) -> Val {
        let biased = self.iadd_c(k, 1023);
        let bits = self.shl(biased, 52);
        self.bits_to_f(bits)
    }
    /// Horner's rule with FMA: `c[0] + z*(c[1] + z*(...))`.
    fn horner(&mut self, z: Val, c: &[f64]) -> Val {
        let (&last, rest) = c.split_last().expect("a polynomial has a coefficient");
        let mut p = self.f(last);
        for &k in rest.iter().rev() {
            let k = self.f(k);
            p = self.fma(p, z, k);
        }
        p
    }
}

/// `bits` of an `f64` constant.
const fn b(bits: u64) -> f64 {
    f64::from_bits(bits)
}

/// `1/ln 2`.
const INV_LN2: f64 = b(0x3FF7_1547_652B_82FE);
/// `ln 2` split so `k * LN2_HI` is exact for `|k| < 2^21`: its high 32 bits, and the rest.
const LN2_HI: f64 = b(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = b(0x3DEA_39EF_3579_3C76);
/// `2/pi`, and `pi/2` as the sum of three doubles (159 bits).
const TWO_OVER_PI: f64 = b(0x3FE4_5F30_6DC9_C883);
const PIO2_1: f64 = b(0x3FF9_21FB_5444_2D18);
const PIO2_2: f64 = b(0x3C91_A626_3314_5C07);
const PIO2_3: f64 = b(0xB91F_1976_B7ED_8FBC);
const SQRT2: f64 = b(0x3FF6_A09E_667F_3BCD);
/// `sin`/`cos` reduce exactly (to a few ulp) for `|x| <= 2^45`; past it they return NaN.
pub(crate) const TRIG_LIMIT: f64 = 35_184_372_088_832.0;

fn factorial(n: u32) -> f64 {
    (1..=n).map(f64::from).product()
}

/// `exp(x)`: `x = k ln2 + r`, `|r| <= ln2/2`, `exp(r)` by its Taylor polynomial of degree 13, times `2^k`
/// applied in two halves (so `k` down to -1076 reaches the subnormals with one rounding).
fn exp(p: &mut Prog, x: Val) -> Val {
    let (hi, lo) = (p.f(710.0), p.f(-746.0));
    // Past these the result is inf or 0 anyway; clamping keeps k in the range the scaling handles.
    let over = p.lt(hi, x);
    let xc = p.sel(over, hi, x);
    let under = p.lt(xc, lo);
    let xc = p.sel(under, lo, xc);
    let t = p.mul_c(xc, INV_LN2);
    let k = p.rni(t);
    let nhi = p.f(-LN2_HI);
    let r = p.fma(k, nhi, xc);
    let nlo = p.f(-LN2_LO);
    let r = p.fma(k, nlo, r);
    let coeffs: Vec<f64> = (0..=13).map(|n| 1.0 / factorial(n)).collect();
    let poly = p.horner(r, &coeffs);
    let ki = p.f2i(k);
    let k1 = p.shr(ki, 1);
    let k2 = p.push(Op::ISub(ki, k1), Kind::I);
    let s1 = p.pow2(k1);
    let s2 = p.pow2(k2);
    let y = p.mul(poly, s1);
    let y = p.mul(y, s2);
    let nan = p.is_nan(x);
    p.sel_c(nan, f64::NAN, y)
}

/// `ln(x)`: `x = 2^e m`, `m` in `[sqrt2/2, sqrt2)`, `f = m - 1` (exact), `s = f/(2+f)`,
/// `ln(1+f) = f - (f^2/2 - s(f^2/2 + R(s^2)))` with `R` the atanh series to `s^20`; subnormals are scaled by
/// `2^54` first.
fn ln(p: &mut Prog, x: Val) -> Val {
    let tiny = p.f(f64::MIN_POSITIVE);
    let sub = p.lt(x, tiny);
    let scaled = p.mul_c(x, 18_014_398_509_481_984.0);
    let xs = p.sel(sub, scaled, x);
    let bits = p.bits(xs);
    let e = p.shr(bits, 52);
    let e = p.iand_c(e, 0x7FF);
    let e = p.iadd_c(e, -1023);
    let m = p.iand_c(bits, 0x000F_FFFF_FFFF_FFFF);
    let m = p.ior_c(m, 0x3FF0_0000_0000_0000);
    let m = p.bits_to_f(m);
    let sqrt2 = p.f(SQRT2);
    let small = p.lt(m, sqrt2);
    let half = p.mul_c(m, 0.5);
    let m = p.sel(small, m, half);
    let ef = p.i2f(e);
    let zero = p.f(0.0);
    let one = p.f(1.0);
    let bump = p.sel(small, zero, one);
    let ef = p.add(ef, bump);
    let adj = p.sel_c(sub, 54.0, zero);
    let ef = p.sub(ef, adj);
    let f = p.sub(m, one);
    let two = p.f(2.0);
    let den = p.add(two, f);
    let s = p.div(f, den);
    let z = p.mul(s, s);
    let coeffs: Vec<f64> = (1..=10).map(|n| 2.0 / f64::from(2 * n + 1)).collect();
    let poly = p.horner(z, &coeffs);
    let r = p.mul(z, poly);
    let hf = p.mul_c(f, 0.5);
    let hfsq = p.mul(hf, f);
    let a = p.add(hfsq, r);
    let sa = p.mul(s, a);
    let lo = p.f(LN2_LO);
    let c = p.fma(ef, lo, sa);
    let d = p.sub(hfsq, c);
    let g = p.sub(d, f);
    let hi = p.mul_c(ef, LN2_HI);
    let y = p.sub(hi, g);
    let inf = p.f(f64::INFINITY);
    let is_inf = p.eq(x, inf);
    let y = p.sel(is_inf, inf, y);
    let is_zero = p.eq(x, zero);
    let y = p.sel_c(is_zero, f64::NEG_INFINITY, y);
    let neg = p.lt(x, zero);
    let y = p.sel_c(neg, f64::NAN, y);
    let nan = p.is_nan(x);
    p.sel_c(nan, f64::NAN, y)
}

/// `sin(x)` (`cosine` false) or `cos(x)`: `x = k pi/2 + r` (Cody–Waite with FMA, the first step exact),
/// `|r| <= pi/4`, Taylor polynomials of sin to `r^17` and cos to `r^18`, the quadrant `k mod 4` choosing
/// which and its sign. Accurate for `|x| <= 2^45`; NaN past it, for infinities and for NaN.
fn sincos(p: &mut Prog, x: Val, cosine: bool) -> Val {
    let ax = p.abs(x);
    let limit = p.f(TRIG_LIMIT);
    let ok = p.le(ax, limit);
    let zero = p.f(0.0);
    let xr = p.sel(ok, x, zero);
    let t = p.mul_c(xr, TWO_OVER_PI);
    let k = p.rni(t);
    let c1 = p.f(-PIO2_1);
    let r = p.fma(k, c1, xr);
    let c2 = p.f(-PIO2_2);
    let r = p.fma(k, c2, r);
    let c3 = p.f(-PIO2_3);
    let r = p.fma(k, c3, r);
    let z = p.mul(r, r);
    let sin_c: Vec<f64> = (1..=8)
        .map(|n| (if n % 2 == 1 { -1.0 } else { 1.0 }) / factorial(2 * n + 1))
        .collect();
    let sp = p.horner(z, &sin_c);
    let rz = p.mul(r, z);
    let s = p.fma(rz, sp, r);
    let cos_c: Vec<f64> = (1..=9)
        .map(|n| (if n % 2 == 1 { -1.0 } else { 1.0 }) / factorial(2 * n))
        .collect();
    let cp = p.horner(z, &cos_c);
    let one = p.f(1.0);
    let c = p.fma(z, cp, one);
    let q = p.f2i(k);
    let q = if cosine { p.iadd_c(q, 1) } else { q };
    let odd = p.iand_c(q, 1);
    let odd = p.ieq_c(odd, 1);
    let v = p.sel(odd, c, s);
    let neg = p.iand_c(q, 2);
    let neg = p.ieq_c(neg, 2);
    let nv = p.mul_c(v, -1.0);
    let v = p.sel(neg, nv, v);
    let v = if cosine {
        v
    } else {
        // sin(-0) is -0.
        let is_zero = p.eq(x, zero);
        p.sel(is_zero, x, v)
    };
    let nan = p.f(f64::NAN);
    p.sel(ok, v, nan)
}

/// `tanh(x)`: with `a = 2|x|`, `e^a - 1` by its Taylor polynomial (to `a^21`) and `(e^a - 1)/(e^a + 1)` for
/// `|x| < 0.55`, `1 - 2/(e^a + 1)` past it (no cancellation left there: the result is at least 0.5); the sign
/// restored last (`tanh(-0)` is `-0`).
fn tanh(p: &mut Prog, x: Val) -> Val {
    let ax = p.abs(x);
    let a = p.mul_c(ax, 2.0);
    let one = p.f(1.0);
    let two = p.f(2.0);
    let u = exp(p, a);
    let den = p.add(u, one);
    let q = p.div(two, den);
    let big = p.sub(one, q);
    let coeffs: Vec<f64> = (2..=21).map(|n| 1.0 / factorial(n)).collect();
    let poly = p.horner(a, &coeffs);
    let aa = p.mul(a, a);
    let em = p.fma(aa, poly, a);
    let den = p.add(em, two);
    let small_t = p.div(em, den);
    let bound = p.f(0.55);
    let small = p.lt(ax, bound);
    let t = p.sel(small, small_t, big);
    let zero = p.f(0.0);
    let neg = p.lt(x, zero);
    let nt = p.mul_c(t, -1.0);
    let t = p.sel(neg, nt, t);
    let is_zero = p.eq(x, zero);
    let t = p.sel(is_zero, x, t);
    let nan = p.is_nan(x);
    p.sel_c(nan, f64::NAN, t)
}

/// The program of `name` applied to the `f64` input (operation 0).
pub(crate) fn program(name: &str) -> Option<(Prog, Val)> {
    let mut p = Prog::default();
    let x = p.push(Op::Input, Kind::F);
    let out = match name {
        "exp" => exp(&mut p, x),
        "ln" => ln(&mut p, x),
        "sin" => sincos(&mut p, x, false),
        "cos" => sincos(&mut p, x, true),
        "tanh" => tanh(&mut p, x),
        _ => return None,
    };
    Some((p, out))
}

fn f64_lit(c: f64) -> TokenStream {
    let bits = Literal::u64_suffixed(c.to_bits());
    quote!(f64::from_bits(#bits))
}

/// The Rust function `fn <name>_f64(x: f64) -> f64` running `name`'s program, operation by operation.
pub(crate) fn rust_fn(name: &str) -> Option<TokenStream> {
    let (prog, out) = program(name)?;
    let v = |x: Val| format_ident!("v{}", x.0);
    let mut lets = Vec::new();
    for (i, &(op, kind)) in prog.ops.iter().enumerate() {
        let expr = match op {
            Op::Input => quote!(x),
            Op::F(c) => f64_lit(c),
            Op::I(c) => {
                let c = Literal::i64_suffixed(c);
                quote!(#c)
            }
            Op::Fma(a, b, c) => {
                let (a, b, c) = (v(a), v(b), v(c));
                quote!(f64::mul_add(#a, #b, #c))
            }
            Op::Add(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a + #b)
            }
            Op::Sub(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a - #b)
            }
            Op::Mul(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a * #b)
            }
            Op::Div(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a / #b)
            }
            Op::Abs(a) => {
                let a = v(a);
                quote!(#a.abs())
            }
            Op::Rni(a) => {
                let a = v(a);
                quote!(#a.round_ties_even())
            }
            Op::F2I(a) => {
                let a = v(a);
                quote!(#a as i64)
            }
            Op::I2F(a) => {
                let a = v(a);
                quote!(#a as f64)
            }
            Op::IAdd(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a.wrapping_add(#b))
            }
            Op::ISub(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a.wrapping_sub(#b))
            }
            Op::IAnd(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a & #b)
            }
            Op::IOr(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a | #b)
            }
            Op::Shl(a, n) => {
                let a = v(a);
                quote!(#a.wrapping_shl(#n))
            }
            Op::Shr(a, n) => {
                let a = v(a);
                quote!(#a >> #n)
            }
            Op::Bits(a) => {
                let a = v(a);
                quote!(#a.to_bits() as i64)
            }
            Op::FromBits(a) => {
                let a = v(a);
                quote!(f64::from_bits(#a as u64))
            }
            Op::Lt(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a < #b)
            }
            Op::Le(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a <= #b)
            }
            Op::Eq(a, b) | Op::IEq(a, b) => {
                let (a, b) = (v(a), v(b));
                quote!(#a == #b)
            }
            Op::IsNan(a) => {
                let a = v(a);
                quote!(#a.is_nan())
            }
            Op::Sel(c, a, b) => {
                let (c, a, b) = (v(c), v(a), v(b));
                quote!(if #c { #a } else { #b })
            }
        };
        let ty = match kind {
            Kind::F => quote!(f64),
            Kind::I => quote!(i64),
            Kind::P => quote!(bool),
        };
        let name = v(Val(i));
        lets.push(quote!(let #name: #ty = #expr;));
    }
    let fname = format_ident!("{}_f64", name);
    let out = v(out);
    Some(quote! {
        #[allow(clippy::all, clippy::pedantic, unused_parens)]
        #[inline]
        pub(crate) fn #fname(x: f64) -> f64 {
            #(#lets)*
            #out
        }
    })
}

/// Emits `name`'s program as PTX lines reading the `f64` register `input`; `reg` allocates a register of a
/// kind. Returns the lines and the register of the result.
pub(crate) fn ptx_lines(
    name: &str,
    input: &str,
    mut reg: impl FnMut(Kind) -> String,
) -> Option<(Vec<String>, String)> {
    let (prog, out) = program(name)?;
    let mut regs: Vec<String> = Vec::with_capacity(prog.ops.len());
    let mut lines = Vec::new();
    for &(op, kind) in &prog.ops {
        if let Op::Input = op {
            regs.push(input.to_string());
            continue;
        }
        let d = reg(kind);
        let r = |x: Val| regs[x.0].as_str();
        let line = match op {
            Op::Input => unreachable!("handled above"),
            Op::F(c) => format!("mov.f64 {d}, 0d{:016X};", c.to_bits()),
            Op::I(c) => format!("mov.s64 {d}, {c};"),
            Op::Fma(a, b, c) => format!("fma.rn.f64 {d}, {}, {}, {};", r(a), r(b), r(c)),
            Op::Add(a, b) => format!("add.rn.f64 {d}, {}, {};", r(a), r(b)),
            Op::Sub(a, b) => format!("sub.rn.f64 {d}, {}, {};", r(a), r(b)),
            Op::Mul(a, b) => format!("mul.rn.f64 {d}, {}, {};", r(a), r(b)),
            Op::Div(a, b) => format!("div.rn.f64 {d}, {}, {};", r(a), r(b)),
            Op::Abs(a) => format!("abs.f64 {d}, {};", r(a)),
            Op::Rni(a) => format!("cvt.rni.f64.f64 {d}, {};", r(a)),
            Op::F2I(a) => format!("cvt.rzi.s64.f64 {d}, {};", r(a)),
            Op::I2F(a) => format!("cvt.rn.f64.s64 {d}, {};", r(a)),
            Op::IAdd(a, b) => format!("add.s64 {d}, {}, {};", r(a), r(b)),
            Op::ISub(a, b) => format!("sub.s64 {d}, {}, {};", r(a), r(b)),
            Op::IAnd(a, b) => format!("and.b64 {d}, {}, {};", r(a), r(b)),
            Op::IOr(a, b) => format!("or.b64 {d}, {}, {};", r(a), r(b)),
            Op::Shl(a, n) => format!("shl.b64 {d}, {}, {n};", r(a)),
            Op::Shr(a, n) => format!("shr.s64 {d}, {}, {n};", r(a)),
            Op::Bits(a) | Op::FromBits(a) => format!("mov.b64 {d}, {};", r(a)),
            Op::Lt(a, b) => format!("setp.lt.f64 {d}, {}, {};", r(a), r(b)),
            Op::Le(a, b) => format!("setp.le.f64 {d}, {}, {};", r(a), r(b)),
            Op::Eq(a, b) => format!("setp.eq.f64 {d}, {}, {};", r(a), r(b)),
            Op::IsNan(a) => format!("setp.nan.f64 {d}, {}, {};", r(a), r(a)),
            Op::IEq(a, b) => format!("setp.eq.s64 {d}, {}, {};", r(a), r(b)),
            Op::Sel(c, a, b) => {
                let t = if kind == Kind::F { "f64" } else { "s64" };
                format!("selp.{t} {d}, {}, {}, {};", r(a), r(b), r(c))
            }
        };
        lines.push(line);
        regs.push(d);
    }
    Some((lines, regs[out.0].clone()))
}
