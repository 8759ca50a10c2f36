//! The native core of `decimal`: the arithmetic, comparisons, construction from ints and the context
//! rounding (`_fix`) of finite `Decimal`s, in Rust.
//!
//! A `Decimal` keeps its four fields as attributes (`_sign`, `_int`, `_exp`, `_special`), which the
//! module's evalx-level methods (text, formatting, `quantize`, `sqrt`, `exp`/`ln`, specials) read as
//! before. The methods here read the same fields, compute on a `u128` coefficient while it fits and a
//! `BigUint` past it, and round with the context's precision and rounding mode, setting its flags
//! (`Inexact`, `Rounded`, `Overflow`) directly. Anything else (NaNs and infinities, a signal the context
//! traps, floats, keyword arguments, a division by zero) goes to the evalx-level method of the same name
//! (`_py__add__`...), so that every rule the module had stays where it was written.
//!
//! The digit count of a coefficient is only computed exactly when its bit length says it may reach the
//! precision: under `MAX_PREC` (decimal_factorial) the products are never counted at all.

use super::super::Kw;
use crate::interp::{Interp, PyResult};
use crate::value::{Class, Instance, Key, PyBool, Value};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

/// Powers of ten that fit a `u128` (10**0 ..= 10**38).
const P10: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// The largest decimal shift computed natively (beyond it, the evalx-level method runs, as slowly as
/// before: a coefficient of 10**8 digits is past any real program).
const MAX_SHIFT: u64 = 100_000_000;

/// A non-negative coefficient.
#[derive(Clone)]
enum Co {
    S(u128),
    B(BigUint),
}

fn pow10(k: u64) -> Co {
    if k < 39 {
        Co::S(P10[k as usize])
    } else {
        Co::B(BigUint::from(10u32).pow(k as u32))
    }
}

impl Co {
    fn norm(b: BigUint) -> Co {
        match b.to_u128() {
            Some(x) => Co::S(x),
            None => Co::B(b),
        }
    }
    fn big(&self) -> BigUint {
        match self {
            Co::S(x) => BigUint::from(*x),
            Co::B(b) => b.clone(),
        }
    }
    fn value(self) -> Value {
        match self {
            Co::S(x) => match i64::try_from(x) {
                Ok(i) => Value::Int(i),
                Err(_) => Value::Big(Rc::new(BigInt::from(x))),
            },
            Co::B(b) => Value::from_big(BigInt::from_biguint(Sign::Plus, b)),
        }
    }
    fn is_zero(&self) -> bool {
        match self {
            Co::S(x) => *x == 0,
            Co::B(b) => b.is_zero(),
        }
    }
    fn mul_p10(self, k: u64) -> Co {
        if k == 0 {
            return self;
        }
        if let Co::S(x) = &self {
            if k < 39 {
                if let Some(y) = x.checked_mul(P10[k as usize]) {
                    return Co::S(y);
                }
            }
        }
        Co::B(self.big() * pow10(k).big())
    }
    fn add(&self, o: &Co) -> Co {
        if let (Co::S(a), Co::S(b)) = (self, o) {
            if let Some(s) = a.checked_add(*b) {
                return Co::S(s);
            }
        }
        Co::norm(self.big() + o.big())
    }
    /// `self - o` for `self >= o`.
    fn sub(&self, o: &Co) -> Co {
        match (self, o) {
            (Co::S(a), Co::S(b)) => Co::S(a - b),
            (Co::B(a), Co::S(b)) => Co::norm(a - BigUint::from(*b)),
            (Co::B(a), Co::B(b)) => Co::norm(a - b),
            (Co::S(a), Co::B(b)) => Co::norm(BigUint::from(*a) - b),
        }
    }
    fn cmp(&self, o: &Co) -> Ordering {
        match (self, o) {
            (Co::S(a), Co::S(b)) => a.cmp(b),
            (Co::B(_), Co::S(_)) => Ordering::Greater,
            (Co::S(_), Co::B(_)) => Ordering::Less,
            (Co::B(a), Co::B(b)) => a.cmp(b),
        }
    }
    fn mul(&self, o: &Co) -> Co {
        if let (Co::S(a), Co::S(b)) = (self, o) {
            if let Some(p) = a.checked_mul(*b) {
                return Co::S(p);
            }
        }
        match (self, o) {
            (Co::B(a), Co::B(b)) => Co::B(a * b),
            (Co::B(a), Co::S(b)) | (Co::S(b), Co::B(a)) => Co::B(a * BigUint::from(*b)),
            _ => Co::norm(self.big() * o.big()),
        }
    }
    /// `(self // o, self % o)` for `o > 0`.
    fn divmod(&self, o: &Co) -> (Co, Co) {
        match (self, o) {
            (Co::S(a), Co::S(b)) => (Co::S(a / b), Co::S(a % b)),
            _ => {
                let (q, r) = self.big().div_rem(&o.big());
                (Co::norm(q), Co::norm(r))
            }
        }
    }
    fn rem10(&self) -> u32 {
        match self {
            Co::S(x) => (x % 10) as u32,
            Co::B(b) => (b % 10u32).to_u32().unwrap_or(0),
        }
    }
    fn is_odd(&self) -> bool {
        self.rem10() % 2 == 1
    }
    fn inc(self) -> Co {
        self.add(&Co::S(1))
    }
    /// The number of decimal digits (1 for zero), as `len(str(n))`.
    fn digits(&self) -> u64 {
        match self {
            Co::S(x) => {
                let mut d = 1;
                while d < 39 && *x >= P10[d] {
                    d += 1;
                }
                d as u64
            }
            Co::B(b) => {
                let bits = b.bits();
                let mut d = (((bits - 1) as f64) * std::f64::consts::LOG10_2) as u64 + 1;
                let mut p = BigUint::from(10u32).pow(d as u32);
                while p <= *b {
                    d += 1;
                    p *= 10u32;
                }
                while d > 1 && p / 10u32 > *b {
                    d -= 1;
                    p = BigUint::from(10u32).pow(d as u32);
                }
                d
            }
        }
    }
    /// A bound the digit count never exceeds (exact for a `u128`).
    fn digits_upper(&self) -> u64 {
        match self {
            Co::S(_) => self.digits(),
            Co::B(b) => (b.bits() as f64 * std::f64::consts::LOG10_2) as u64 + 2,
        }
    }
}

/// A finite decimal: `(-1)**sign * co * 10**exp`.
#[derive(Clone)]
struct Fin {
    sign: bool,
    co: Co,
    exp: i64,
}

/// The eight rounding modes.
#[derive(Clone, Copy, PartialEq)]
enum Round {
    Down,
    HalfUp,
    HalfEven,
    Ceiling,
    Floor,
    Up,
    HalfDown,
    Up05,
}

fn round_mode(s: &str) -> Option<Round> {
    Some(match s {
        "ROUND_DOWN" => Round::Down,
        "ROUND_HALF_UP" => Round::HalfUp,
        "ROUND_HALF_EVEN" => Round::HalfEven,
        "ROUND_CEILING" => Round::Ceiling,
        "ROUND_FLOOR" => Round::Floor,
        "ROUND_UP" => Round::Up,
        "ROUND_HALF_DOWN" => Round::HalfDown,
        "ROUND_05UP" => Round::Up05,
        _ => return None,
    })
}

/// What the module hands its native core once (`Decimal._nat`): the class, the current-context holder
/// and the signal classes the core raises.
struct Nat {
    class: Rc<Class>,
    current: Value,
    inexact: Value,
    rounded: Value,
    overflow: Value,
}

/// The context fields the arithmetic reads.
struct Ctx {
    v: Value,
    prec: u64,
    round: Round,
    emax: i64,
}

fn nat(me: &Value) -> Option<Nat> {
    let Value::Instance(i) = me else {
        return None;
    };
    let Some(Value::Tuple(t)) = i.class.lookup("_nat") else {
        return None;
    };
    match &t[..] {
        [Value::Class(c), cur, inx, rnd, ovf] => Some(Nat {
            class: c.clone(),
            current: cur.clone(),
            inexact: inx.clone(),
            rounded: rnd.clone(),
            overflow: ovf.clone(),
        }),
        _ => None,
    }
}

/// The context argument (`None`: the current context), read; `None` when it is not one the core knows.
fn context(n: &Nat, arg: Option<&Value>) -> Option<Ctx> {
    let v = match arg {
        Some(Value::None) | None => match &n.current {
            Value::List(l) => l.borrow().0.first()?.clone(),
            _ => return None,
        },
        Some(v) => v.clone(),
    };
    let Value::Instance(i) = &v else {
        return None;
    };
    let prec = match i.dict.get_str("prec")? {
        Value::Int(p) if p > 0 => p as u64,
        _ => return None,
    };
    let round = match i.dict.get_str("rounding")? {
        Value::Str(s) => round_mode(&s)?,
        _ => return None,
    };
    let emax = match i.dict.get_str("Emax")? {
        Value::Int(e) => e,
        _ => return None,
    };
    Some(Ctx {
        v,
        prec,
        round,
        emax,
    })
}

/// The finite decimal `v` is (a `Decimal` of the module's class, or an int); `None` for anything else.
fn finite(n: &Nat, v: &Value) -> Option<Fin> {
    match v {
        Value::Int(i) => Some(Fin {
            sign: *i < 0,
            co: Co::S(i.unsigned_abs() as u128),
            exp: 0,
        }),
        Value::Bool(b) => Some(Fin {
            sign: false,
            co: Co::S(b.get() as u128),
            exp: 0,
        }),
        Value::Big(b) => Some(Fin {
            sign: b.sign() == Sign::Minus,
            co: Co::norm(b.magnitude().clone()),
            exp: 0,
        }),
        Value::Instance(i) if Rc::ptr_eq(&i.class, &n.class) || i.class.is_subclass(&n.class) => {
            read(i)
        }
        _ => None,
    }
}

/// The hidden attribute holding a `Decimal`'s fields, the tuple `(sign, coefficient, exponent, special)`.
const SLOT: &str = "_d";

/// The fields of a `Decimal` (or of any instance that has them).
fn fields(v: &Value) -> Option<crate::thin::RcSlice<Value>> {
    let Value::Instance(i) = v else {
        return None;
    };
    match i.dict.get_str(SLOT)? {
        Value::Tuple(t) if t.len() == 4 => Some(t),
        _ => None,
    }
}

fn read(i: &Instance) -> Option<Fin> {
    let Value::Tuple(t) = i.dict.get_str(SLOT)? else {
        return None;
    };
    let [sign, int, exp, special] = &t[..] else {
        return None;
    };
    if !matches!(special, Value::None) {
        return None;
    }
    let sign = match sign {
        Value::Int(0) => false,
        Value::Int(1) => true,
        _ => return None,
    };
    let co = match int {
        Value::Int(x) if *x >= 0 => Co::S(*x as u128),
        Value::Big(b) if b.sign() != Sign::Minus => Co::norm(b.magnitude().clone()),
        _ => return None,
    };
    let exp = match exp {
        Value::Int(e) => *e,
        _ => return None,
    };
    Some(Fin { sign, co, exp })
}

fn put(i: &Instance, sign: Value, int: Value, exp: Value, special: Value) {
    i.dict
        .set_str(SLOT, Value::tuple(vec![sign, int, exp, special]));
}

/// A new `Decimal` with the given fields (`special`: `None` or the module's `'F'`/`'n'`/`'N'`).
fn make(n: &Nat, sign: bool, int: Value, exp: i64, special: Value) -> Value {
    new_dec(
        &n.class,
        Value::Int(sign as i64),
        int,
        Value::Int(exp),
        special,
    )
}

fn new_dec(class: &Rc<Class>, sign: Value, int: Value, exp: Value, special: Value) -> Value {
    let inst = Instance {
        class: class.clone(),
        dict: Instance::new_dict(class),
        hash: crate::value::no_user_hash(),
        native: None,
    };
    put(&inst, sign, int, exp, special);
    Value::Instance(Rc::new(inst))
}

fn make_fin(n: &Nat, f: Fin) -> Value {
    make(n, f.sign, f.co.value(), f.exp, Value::None)
}

/// Raises the signal `sig` in the context: its flag is set, and a trapped signal goes through the
/// context's own `_signal` (which raises it).
fn signal(it: &mut Interp, ctx: &Ctx, sig: &Value) -> PyResult<()> {
    let Value::Instance(ci) = &ctx.v else {
        return Ok(());
    };
    let trapped = match ci.dict.get_str("traps") {
        Some(Value::Dict(t)) => match t.borrow().map().get(&Key(sig.clone())) {
            None => Some(false),
            Some(Value::Bool(b)) => Some(b.get()),
            Some(_) => None,
        },
        _ => None,
    };
    if trapped == Some(false) {
        if let Some(Value::Dict(f)) = ci.dict.get_str("flags") {
            f.borrow_mut()
                .map_mut()
                .insert(Key(sig.clone()), Value::Bool(PyBool::True));
            return Ok(());
        }
    }
    let f = it.get_attr(&ctx.v, "_signal")?;
    it.call(&f, vec![sig.clone()], Vec::new())?;
    Ok(())
}

/// `co` with its last `drop` digits removed under `mode`: (coefficient, whether a non-zero digit went).
fn round_co(co: &Co, drop: u64, neg: bool, mode: Round) -> (Co, bool) {
    let p = pow10(drop);
    let (q, r) = co.divmod(&p);
    if r.is_zero() {
        return (q, false);
    }
    let half = pow10(drop - 1).mul(&Co::S(5));
    let c = r.cmp(&half);
    let up = match mode {
        Round::Down => false,
        Round::Up => true,
        Round::Ceiling => !neg,
        Round::Floor => neg,
        Round::HalfUp => c != Ordering::Less,
        Round::HalfDown => c == Ordering::Greater,
        Round::HalfEven => c == Ordering::Greater || (c == Ordering::Equal && q.is_odd()),
        Round::Up05 => matches!(q.rem10(), 0 | 5),
    };
    (if up { q.inc() } else { q }, true)
}

/// Rounds `f` to the context's precision, signalling `Rounded`/`Inexact`, and `Overflow` (an infinity)
/// past `Emax`, as the module's `_fix`.
fn fix(it: &mut Interp, n: &Nat, ctx: &Ctx, mut f: Fin) -> PyResult<Value> {
    if f.co.digits_upper() > ctx.prec {
        let d = f.co.digits();
        if d > ctx.prec {
            let drop = d - ctx.prec;
            let (q, inexact) = round_co(&f.co, drop, f.sign, ctx.round);
            f.co = q;
            f.exp = f.exp.saturating_add(drop as i64);
            if f.co.digits() > ctx.prec {
                f.co = f.co.divmod(&Co::S(10)).0;
                f.exp = f.exp.saturating_add(1);
            }
            signal(it, ctx, &n.rounded)?;
            if inexact {
                signal(it, ctx, &n.inexact)?;
            }
        }
    }
    if !f.co.is_zero()
        && f.exp as i128 + f.co.digits_upper() as i128 - 1 > ctx.emax as i128
        && f.exp as i128 + f.co.digits() as i128 - 1 > ctx.emax as i128
    {
        signal(it, ctx, &n.overflow)?;
        return Ok(make(n, f.sign, Value::Int(0), 0, Value::str("F")));
    }
    Ok(make_fin(n, f))
}

/// Calls the module's evalx-level method `_py<name>` with the same arguments.
fn py(it: &mut Interp, args: &[Value], kw: Kw<'_>, name: &str) -> PyResult<Value> {
    let f = match args.first() {
        Some(Value::Instance(i)) => i.class.lookup(name),
        _ => None,
    };
    let Some(f) = f else {
        return Err(crate::interp::Exc::type_err(format!(
            "decimal: {name} needs a Decimal"
        )));
    };
    it.call(&f, args.to_vec(), kw.to_vec())
}

/// The operands and context of a binary method: `(self, other, context)`; `None` sends the call to the
/// evalx-level method.
fn binary(args: &[Value], kw: Kw<'_>) -> Option<(Nat, Fin, Fin, Ctx)> {
    if !kw.is_empty() || !(2..=3).contains(&args.len()) {
        return None;
    }
    let n = nat(&args[0])?;
    let a = finite(&n, &args[0])?;
    let b = finite(&n, &args[1])?;
    let ctx = context(&n, args.get(2))?;
    Some((n, a, b, ctx))
}

fn align(a: &Fin, b: &Fin) -> Option<(Co, Co, i64)> {
    let exp = a.exp.min(b.exp);
    let sa = (a.exp as i128 - exp as i128) as u64;
    let sb = (b.exp as i128 - exp as i128) as u64;
    if sa > MAX_SHIFT || sb > MAX_SHIFT {
        return None;
    }
    Some((a.co.clone().mul_p10(sa), b.co.clone().mul_p10(sb), exp))
}

fn add_fin(it: &mut Interp, n: &Nat, ctx: &Ctx, a: &Fin, b: &Fin) -> PyResult<Option<Value>> {
    let Some((x, y, exp)) = align(a, b) else {
        return Ok(None);
    };
    let (co, sign) = if a.sign == b.sign {
        (x.add(&y), a.sign)
    } else {
        match x.cmp(&y) {
            Ordering::Greater => (x.sub(&y), a.sign),
            Ordering::Less => (y.sub(&x), b.sign),
            Ordering::Equal => (Co::S(0), false),
        }
    };
    let sign = if co.is_zero() {
        (a.sign && b.sign) || (ctx.round == Round::Floor && (a.sign || b.sign))
    } else {
        sign
    };
    fix(it, n, ctx, Fin { sign, co, exp }).map(Some)
}

fn d_add(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some(v) = add_fin(it, &n, &ctx, &a, &b)? {
            return Ok(v);
        }
    }
    py(it, args, kw, "_py__add__")
}

fn d_radd(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some(v) = add_fin(it, &n, &ctx, &b, &a)? {
            return Ok(v);
        }
    }
    py(it, args, kw, "_py__radd__")
}

fn d_sub(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, mut b, ctx)) = binary(args, kw) {
        b.sign = !b.sign;
        if let Some(v) = add_fin(it, &n, &ctx, &a, &b)? {
            return Ok(v);
        }
    }
    py(it, args, kw, "_py__sub__")
}

fn d_rsub(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, mut a, b, ctx)) = binary(args, kw) {
        a.sign = !a.sign;
        if let Some(v) = add_fin(it, &n, &ctx, &b, &a)? {
            return Ok(v);
        }
    }
    py(it, args, kw, "_py__rsub__")
}

fn mul_fin(it: &mut Interp, n: &Nat, ctx: &Ctx, a: &Fin, b: &Fin) -> PyResult<Option<Value>> {
    let Some(exp) = a.exp.checked_add(b.exp) else {
        return Ok(None);
    };
    let f = Fin {
        sign: a.sign ^ b.sign,
        co: a.co.mul(&b.co),
        exp,
    };
    fix(it, n, ctx, f).map(Some)
}

fn d_mul(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some(v) = mul_fin(it, &n, &ctx, &a, &b)? {
            return Ok(v);
        }
    }
    py(it, args, kw, "_py__mul__")
}

fn d_rmul(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some(v) = mul_fin(it, &n, &ctx, &b, &a)? {
            return Ok(v);
        }
    }
    py(it, args, kw, "_py__rmul__")
}

/// `a / b` for a non-zero `b`, as the module's `__truediv__`: a quotient one digit past the precision
/// with a sticky last digit, or the exact quotient with the ideal exponent.
fn div_fin(it: &mut Interp, n: &Nat, ctx: &Ctx, a: &Fin, b: &Fin) -> PyResult<Option<Value>> {
    if b.co.is_zero() {
        return Ok(None);
    }
    let sign = a.sign ^ b.sign;
    let Some(ideal) = a.exp.checked_sub(b.exp) else {
        return Ok(None);
    };
    if a.co.is_zero() {
        let f = Fin {
            sign,
            co: Co::S(0),
            exp: ideal,
        };
        return fix(it, n, ctx, f).map(Some);
    }
    let shift = b.co.digits() as i128 - a.co.digits() as i128 + ctx.prec as i128 + 1;
    if shift.unsigned_abs() > MAX_SHIFT as u128 {
        return Ok(None);
    }
    let (mut q, r) = if shift >= 0 {
        a.co.clone().mul_p10(shift as u64).divmod(&b.co)
    } else {
        a.co.divmod(&b.co.clone().mul_p10((-shift) as u64))
    };
    let Some(mut exp) = i64::try_from(ideal as i128 - shift).ok() else {
        return Ok(None);
    };
    if !r.is_zero() {
        if q.rem10() % 5 == 0 {
            q = q.inc();
        }
    } else {
        while exp < ideal && q.rem10() == 0 && !q.is_zero() {
            q = q.divmod(&Co::S(10)).0;
            exp += 1;
        }
    }
    fix(it, n, ctx, Fin { sign, co: q, exp }).map(Some)
}

fn d_truediv(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some(v) = div_fin(it, &n, &ctx, &a, &b)? {
            return Ok(v);
        }
    }
    py(it, args, kw, "_py__truediv__")
}

fn d_rtruediv(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some(v) = div_fin(it, &n, &ctx, &b, &a)? {
            return Ok(v);
        }
    }
    py(it, args, kw, "_py__rtruediv__")
}

/// `a // b` and `a % b` (truncated quotient, remainder with the dividend's sign) as the module's
/// `_divide_int`; `None` where it signals (a zero divisor, a quotient past the precision).
fn divint(
    it: &mut Interp,
    n: &Nat,
    ctx: &Ctx,
    a: &Fin,
    b: &Fin,
) -> PyResult<Option<(Value, Value)>> {
    if b.co.is_zero() {
        return Ok(None);
    }
    let Some((x, y, exp)) = align(a, b) else {
        return Ok(None);
    };
    let (q, r) = x.divmod(&y);
    if q.digits_upper() > ctx.prec && q.digits() > ctx.prec {
        return Ok(None);
    }
    let quot = make(n, a.sign ^ b.sign, q.value(), 0, Value::None);
    let rem = fix(
        it,
        n,
        ctx,
        Fin {
            sign: a.sign,
            co: r,
            exp,
        },
    )?;
    Ok(Some((quot, rem)))
}

fn d_floordiv(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some((q, _)) = divint(it, &n, &ctx, &a, &b)? {
            return Ok(q);
        }
    }
    py(it, args, kw, "_py__floordiv__")
}

fn d_rfloordiv(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some((q, _)) = divint(it, &n, &ctx, &b, &a)? {
            return Ok(q);
        }
    }
    py(it, args, kw, "_py__rfloordiv__")
}

fn d_mod(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some((_, r)) = divint(it, &n, &ctx, &a, &b)? {
            return Ok(r);
        }
    }
    py(it, args, kw, "_py__mod__")
}

fn d_rmod(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some((n, a, b, ctx)) = binary(args, kw) {
        if let Some((_, r)) = divint(it, &n, &ctx, &b, &a)? {
            return Ok(r);
        }
    }
    py(it, args, kw, "_py__rmod__")
}

/// The order of two finite decimals.
fn cmp_fin(a: &Fin, b: &Fin) -> Option<Ordering> {
    let sa = if a.co.is_zero() {
        0
    } else if a.sign {
        -1
    } else {
        1
    };
    let sb = if b.co.is_zero() {
        0
    } else if b.sign {
        -1
    } else {
        1
    };
    if sa != sb {
        return Some(sa.cmp(&sb));
    }
    if sa == 0 {
        return Some(Ordering::Equal);
    }
    let (x, y, _) = align(a, b)?;
    let c = x.cmp(&y);
    Some(if sa > 0 { c } else { c.reverse() })
}

/// A comparison of `self` with a Decimal or int, both finite (`None`: the evalx-level method decides).
fn compare(args: &[Value], kw: Kw<'_>) -> Option<Ordering> {
    if !kw.is_empty() || args.len() != 2 {
        return None;
    }
    let n = nat(&args[0])?;
    let a = finite(&n, &args[0])?;
    let b = finite(&n, &args[1])?;
    cmp_fin(&a, &b)
}

macro_rules! cmp_method {
    ($name:ident, $py:literal, $test:expr) => {
        fn $name(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
            match compare(args, kw) {
                Some(o) => Ok(Value::Bool(PyBool::from($test(o)))),
                None => py(it, args, kw, $py),
            }
        }
    };
}
cmp_method!(d_eq, "_py__eq__", |o| o == Ordering::Equal);
cmp_method!(d_ne, "_py__ne__", |o| o != Ordering::Equal);
cmp_method!(d_lt, "_py__lt__", |o| o == Ordering::Less);
cmp_method!(d_le, "_py__le__", |o| o != Ordering::Greater);
cmp_method!(d_gt, "_py__gt__", |o| o == Ordering::Greater);
cmp_method!(d_ge, "_py__ge__", |o| o != Ordering::Less);

/// `_fix(self, ctx)`: the context rounding of a finite decimal (specials: the evalx-level `_fix`).
fn d_fix(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if kw.is_empty() && args.len() == 2 {
        if let Some(n) = nat(&args[0]) {
            if let (Value::Instance(i), Some(ctx)) = (&args[0], context(&n, Some(&args[1]))) {
                if let Some(f) = read(i) {
                    if f.co.digits_upper() <= ctx.prec
                        && (f.co.is_zero()
                            || (f.exp as i128 + f.co.digits_upper() as i128 - 1)
                                <= ctx.emax as i128)
                    {
                        // Nothing to round: the module's `_fix` returns the same object.
                        return Ok(args[0].clone());
                    }
                    return fix(it, &n, &ctx, f);
                }
            }
        }
    }
    py(it, args, kw, "_py_fix")
}

/// `Decimal(value)` for an int, a bool, another Decimal or no value; text, floats and tuples go to the
/// evalx-level `__init__`.
fn d_init(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if kw.is_empty() && (1..=3).contains(&args.len()) {
        if let Value::Instance(me) = &args[0] {
            let zero = || Value::Int(0);
            match args.get(1) {
                None => {
                    put(me, zero(), zero(), zero(), Value::None);
                    return Ok(Value::None);
                }
                Some(v @ (Value::Int(_) | Value::Big(_) | Value::Bool(_))) => {
                    let (sign, int) = match v {
                        Value::Int(i) => (
                            *i < 0,
                            match i.checked_abs() {
                                Some(a) => Value::Int(a),
                                None => Value::from_big(-BigInt::from(*i)),
                            },
                        ),
                        Value::Big(b) => (
                            b.sign() == Sign::Minus,
                            Value::from_big(BigInt::from_biguint(
                                Sign::Plus,
                                b.magnitude().clone(),
                            )),
                        ),
                        Value::Bool(b) => (false, Value::Int(b.get() as i64)),
                        _ => unreachable!("matched above"),
                    };
                    put(me, Value::Int(sign as i64), int, zero(), Value::None);
                    return Ok(Value::None);
                }
                Some(o @ Value::Instance(oi))
                    if nat(&args[0]).is_some_and(|n| oi.class.is_subclass(&n.class)) =>
                {
                    if let Some(t) = fields(o) {
                        me.dict.set_str(SLOT, Value::Tuple(t));
                        return Ok(Value::None);
                    }
                }
                _ => {}
            }
        }
    }
    py(it, args, kw, "_py__init__")
}

fn field(args: &[Value], k: usize) -> PyResult<Value> {
    args.first()
        .and_then(fields)
        .map(|t| t[k].clone())
        .ok_or_else(|| crate::interp::Exc::type_err("a Decimal's fields are missing"))
}

fn f_sign(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    field(args, 0)
}
fn f_int(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    field(args, 1)
}
fn f_exp(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    field(args, 2)
}
fn f_special(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    field(args, 3)
}

/// `_set(d, sign, int, exp, special)`: stores the fields of `d` (the evalx-level `__init__`).
fn f_set(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    match args {
        [Value::Instance(i), sign, int, exp, special] => {
            put(i, sign.clone(), int.clone(), exp.clone(), special.clone());
            Ok(Value::None)
        }
        _ => Err(crate::interp::Exc::type_err(
            "_set needs a Decimal and four fields",
        )),
    }
}

/// `_make(cls, sign, int, exp, special)`: a new Decimal of class `cls` with these fields.
fn f_make(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    match args {
        [Value::Class(c), sign, int, exp, special] => Ok(new_dec(
            c,
            sign.clone(),
            int.clone(),
            exp.clone(),
            special.clone(),
        )),
        _ => Err(crate::interp::Exc::type_err(
            "_make needs a class and four fields",
        )),
    }
}

/// The module-level natives the evalx-level source uses.
pub(super) const FUNCTIONS: &[(&str, crate::value::NativeFn)] = &[
    ("_f_sign", f_sign),
    ("_f_int", f_int),
    ("_f_exp", f_exp),
    ("_f_special", f_special),
    ("_set", f_set),
    ("_make", f_make),
];

/// The methods written in Rust (each falls back on the evalx-level method saved as `_py<name>`).
pub(super) const METHODS: &[(&str, &str, crate::value::NativeFn)] = &[
    ("__init__", "Decimal.__init__", d_init),
    ("__add__", "Decimal.__add__", d_add),
    ("__radd__", "Decimal.__radd__", d_radd),
    ("__sub__", "Decimal.__sub__", d_sub),
    ("__rsub__", "Decimal.__rsub__", d_rsub),
    ("__mul__", "Decimal.__mul__", d_mul),
    ("__rmul__", "Decimal.__rmul__", d_rmul),
    ("__truediv__", "Decimal.__truediv__", d_truediv),
    ("__rtruediv__", "Decimal.__rtruediv__", d_rtruediv),
    ("__floordiv__", "Decimal.__floordiv__", d_floordiv),
    ("__rfloordiv__", "Decimal.__rfloordiv__", d_rfloordiv),
    ("__mod__", "Decimal.__mod__", d_mod),
    ("__rmod__", "Decimal.__rmod__", d_rmod),
    ("__eq__", "Decimal.__eq__", d_eq),
    ("__ne__", "Decimal.__ne__", d_ne),
    ("__lt__", "Decimal.__lt__", d_lt),
    ("__le__", "Decimal.__le__", d_le),
    ("__gt__", "Decimal.__gt__", d_gt),
    ("__ge__", "Decimal.__ge__", d_ge),
    ("_fix", "Decimal._fix", d_fix),
];
