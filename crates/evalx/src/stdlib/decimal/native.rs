//! The native core of `decimal`: the arithmetic, comparisons, construction from ints and the context
//! rounding (`_fix`) of finite `Decimal`s, in Rust.
//!
//! A `Decimal` keeps its four fields as plain instance attributes (`_sign`, `_int`, `_exp`,
//! `_special`, in that order in the class's shared key list), which the module's evalx-level methods
//! (text, formatting, `quantize`, `sqrt`, `exp`/`ln`, specials) read as ordinary attributes. The core
//! reads and writes them through per-class access caches ([`Nat`]), so a result costs the instance and
//! its four-slot value vector, no tuple and no hashing; the context's fields are read the same way. The methods here read the same fields, compute on a `u128` coefficient while it fits and a
//! `BigUint` past it, and round with the context's precision and rounding mode, setting its flags
//! (`Inexact`, `Rounded`, `Overflow`) directly. Anything else (NaNs and infinities, a signal the context
//! traps, floats, keyword arguments, a division by zero) goes to the evalx-level method of the same name
//! (`_py__add__`...), so that every rule the module had stays where it was written.
//!
//! The digit count of a coefficient is only computed exactly when its bit length says it may reach the
//! precision: under `MAX_PREC` (decimal_factorial) the products are never counted at all.

use super::super::Kw;
use crate::instdict::{AttrCache, InstDict};
use crate::interp::{Interp, PyResult};
use crate::thin::RcStr;
use crate::value::{Class, Instance, Key, NativeState, PyBool, Value, str_key_hash};
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::{Rc, Weak};

mod small;

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
        Co::norm(self.big() * pow10(k).big())
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
            (Co::B(a), Co::S(b)) => a.cmp(&BigUint::from(*b)),
            (Co::S(a), Co::B(b)) => BigUint::from(*a).cmp(b),
            (Co::B(a), Co::B(b)) => a.cmp(b),
        }
    }
    fn mul(&self, o: &Co) -> Co {
        if let (Co::S(a), Co::S(b)) = (self, o) {
            if let Some(p) = a.checked_mul(*b) {
                return Co::S(p);
            }
        }
        // Normalised: a zero factor leaves no `B(0)` (which would order above every `S`).
        match (self, o) {
            (Co::B(a), Co::B(b)) => Co::norm(a * b),
            (Co::B(a), Co::S(b)) | (Co::S(b), Co::B(a)) => Co::norm(a * BigUint::from(*b)),
            _ => Co::norm(self.big() * o.big()),
        }
    }
    /// `(self // o, self % o)` for `o > 0`.
    fn divmod(&self, o: &Co) -> (Co, Co) {
        match (self, o) {
            (Co::S(a), Co::S(b)) => {
                // One division (a u64 one when both fit: a u128 division is a library call).
                let q = match (u64::try_from(*a), u64::try_from(*b)) {
                    (Ok(x), Ok(y)) => (x / y) as u128,
                    _ => a / b,
                };
                (Co::S(q), Co::S(a - q * b))
            }
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
            // A u64 logarithm where it fits (the u128 one is several times slower).
            Co::S(x) => match u64::try_from(*x) {
                Ok(y) => y.checked_ilog10().map_or(1, |d| d as u64 + 1),
                Err(_) => x.ilog10() as u64 + 1,
            },
            Co::B(b) => {
                let bits = b.bits();
                if bits == 0 {
                    return 1;
                }
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

/// A name the core reads or writes on an instance: the name, its hash and an access cache (where the
/// name sits in the instances' shared key list).
struct Name {
    key: RcStr,
    hash: u64,
    cache: AttrCache,
}

impl Name {
    fn new(k: &str) -> Name {
        Name {
            key: RcStr::from(k),
            hash: str_key_hash(k),
            cache: AttrCache::default(),
        }
    }
    #[inline]
    fn get(&self, i: &Instance) -> Option<Value> {
        i.dict.get_cached(&self.key, self.hash, &self.cache)
    }
    #[inline]
    fn set(&self, i: &Instance, v: Value) {
        i.dict.set_cached(&self.key, self.hash, v, &self.cache);
    }
}

/// What the module hands its native core (`Decimal._nat`): the class, the current-context holder and
/// the signal classes the core raises; with the access caches of the names it reads.
struct Nat {
    /// The module's `Decimal` (weak: this state lives in the class itself, see [`nat`]).
    class: Weak<Class>,
    current: Value,
    /// `Inexact`, `Rounded`, `Overflow` (see [`INEXACT`]...).
    signals: [Value; 3],
    /// Where each signal sat last in a traps dict and a flags dict (see [`slot`]).
    at: [std::cell::Cell<(usize, usize)>; 3],
    /// `_sign`, `_int`, `_exp`, `_special`.
    fields: [Name; 4],
    prec: Name,
    rounding: Name,
    emax: Name,
    emin: Name,
    /// Read only to place `capitals` in the context's field list (see [`context`]).
    capitals: Name,
    clamp: Name,
    traps: Name,
    flags: Name,
    /// The rounding strings seen, with their mode, found again by address (the module's `ROUND_*`).
    modes: RefCell<Vec<(RcStr, Round)>>,
    /// Results the core made, kept to be filled again once nothing else holds them (see [`new_dec`]).
    pool: RefCell<Vec<Rc<Instance>>>,
    /// Where the next search of `pool` starts.
    next: std::cell::Cell<usize>,
    /// The rounding string (by address: one `modes` holds) found last, with its mode.
    last_mode: std::cell::Cell<(usize, Round)>,
}

/// The context fields the arithmetic reads.
struct Ctx {
    v: Value,
    prec: u64,
    round: Round,
    emin: i64,
    emax: i64,
}

impl Ctx {
    /// Whether a result with this coefficient (`zero`, or `digits` long) and exponent, before
    /// rounding, is outside what the core rounds: a subnormal (adjusted exponent under `Emin`) or a
    /// zero whose exponent the context clamps. The evalx-level `_fix` rounds those (with `Subnormal`,
    /// `Underflow` and `Clamped`).
    #[inline]
    fn outside(&self, zero: bool, digits: u64, exp: i64) -> bool {
        if zero {
            (exp as i128) < self.emin as i128 - self.prec as i128 + 1 || exp > self.emax
        } else {
            (exp as i128) + (digits as i128) - 1 < self.emin as i128
        }
    }
}

thread_local! {
    /// The state of the `decimal` module this thread used last (weak: nothing is dropped with the thread).
    static LAST: RefCell<Weak<Nat>> = const { RefCell::new(Weak::new()) };
}

/// The name under which the class keeps its native state (built on first use from `_nat`).
const STATE: &str = "_nat_state";

/// The module state for a `Decimal` receiver (an instance of the module's class or of a subclass).
fn nat(me: &Value) -> Option<Rc<Nat>> {
    match me {
        Value::Instance(i) => nat_of(&i.class),
        _ => None,
    }
}

/// The module state for the module's `Decimal` class or a subclass.
#[inline]
fn nat_of(class: &Rc<Class>) -> Option<Rc<Nat>> {
    let last = LAST.with(|l| l.borrow().upgrade());
    if let Some(n) = last {
        if std::ptr::eq(n.class.as_ptr(), Rc::as_ptr(class)) {
            return Some(n);
        }
    }
    nat_slow(class)
}

#[inline(never)]
fn nat_slow(class: &Rc<Class>) -> Option<Rc<Nat>> {
    let n = match class.lookup(STATE) {
        Some(Value::Native(st)) => st.0.borrow().downcast_ref::<Rc<Nat>>()?.clone(),
        _ => {
            let Some(Value::Tuple(t)) = class.lookup("_nat") else {
                return None;
            };
            let [Value::Class(c), cur, inx, rnd, ovf] = &t[..] else {
                return None;
            };
            let n = Rc::new(Nat {
                class: Rc::downgrade(c),
                current: cur.clone(),
                signals: [inx.clone(), rnd.clone(), ovf.clone()],
                at: Default::default(),
                fields: [
                    Name::new("_sign"),
                    Name::new("_int"),
                    Name::new("_exp"),
                    Name::new("_special"),
                ],
                prec: Name::new("prec"),
                rounding: Name::new("rounding"),
                emax: Name::new("Emax"),
                emin: Name::new("Emin"),
                capitals: Name::new("capitals"),
                clamp: Name::new("clamp"),
                traps: Name::new("traps"),
                flags: Name::new("flags"),
                modes: RefCell::new(Vec::new()),
                pool: RefCell::new(Vec::new()),
                next: std::cell::Cell::new(0),
                last_mode: std::cell::Cell::new((0, Round::HalfEven)),
            });
            let st = NativeState(RefCell::new(Box::new(n.clone())));
            // Private state: no class-cache epoch to bump (no special method changes).
            c.attrs
                .borrow_mut()
                .set_str(STATE, Value::Native(Rc::new(st)));
            n
        }
    };
    LAST.with(|l| *l.borrow_mut() = Rc::downgrade(&n));
    Some(n)
}

impl Nat {
    /// The access caches of the four fields, in their order.
    #[inline]
    /// The caches of a `Context`'s attributes in the order `Context.__init__` sets them: the six fields
    /// [`context`] reads, then `flags` and `traps` ([`set_flags`]).
    fn context_caches(&self) -> [&AttrCache; 8] {
        [
            &self.prec.cache,
            &self.rounding.cache,
            &self.emin.cache,
            &self.emax.cache,
            &self.capitals.cache,
            &self.clamp.cache,
            &self.flags.cache,
            &self.traps.cache,
        ]
    }

    fn caches(&self) -> [&AttrCache; 4] {
        [
            &self.fields[0].cache,
            &self.fields[1].cache,
            &self.fields[2].cache,
            &self.fields[3].cache,
        ]
    }
    fn is_dec(&self, i: &Instance) -> bool {
        std::ptr::eq(self.class.as_ptr(), Rc::as_ptr(&i.class))
            || self
                .class
                .upgrade()
                .is_some_and(|c| i.class.is_subclass(&c))
    }
    fn signal(&self, k: usize) -> &Value {
        &self.signals[k]
    }
    fn class(&self) -> Option<Rc<Class>> {
        self.class.upgrade()
    }
    fn round_mode(&self, s: &RcStr) -> Option<Round> {
        let (at, m) = self.last_mode.get();
        if s.as_ptr() as usize == at {
            return Some(m);
        }
        if let Some((_, m)) = self
            .modes
            .borrow()
            .iter()
            .find(|(k, _)| RcStr::ptr_eq(k, s))
        {
            self.last_mode.set((s.as_ptr() as usize, *m));
            return Some(*m);
        }
        let m = round_mode(s)?;
        let mut modes = self.modes.borrow_mut();
        // The strings are held, so an address stays theirs (the module's constants, most often).
        if modes.len() < 16 {
            modes.push((s.clone(), m));
            self.last_mode.set((s.as_ptr() as usize, m));
        }
        Some(m)
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
    // `Context.__init__` sets `prec`, `rounding`, `Emin`, `Emax`, `capitals`, `clamp` first: one
    // borrow reads them. A context that clamps exponents (`clamp=1`) is left to the evalx-level code.
    let caches = n.context_caches();
    let quick = i.dict.with_prefix_cached(&caches[..6], |f| match f {
        [
            Value::Int(p),
            Value::Str(r),
            Value::Int(emin),
            Value::Int(emax),
            _,
            Value::Int(0),
        ] if *p > 0 => Some((*p as u64, n.round_mode(r)?, *emin, *emax)),
        _ => None,
    });
    if let Some(Some((prec, round, emin, emax))) = quick {
        return Some(Ctx {
            v,
            prec,
            round,
            emin,
            emax,
        });
    }
    // Places `capitals` in its cache for the next time.
    n.capitals.get(i);
    if !matches!(n.clamp.get(i)?, Value::Int(0) | Value::Bool(PyBool::False)) {
        return None;
    }
    let emin = match n.emin.get(i)? {
        Value::Int(e) => e,
        _ => return None,
    };
    let prec = match n.prec.get(i)? {
        Value::Int(p) if p > 0 => p as u64,
        _ => return None,
    };
    let round = match n.rounding.get(i)? {
        Value::Str(s) => n.round_mode(&s)?,
        _ => return None,
    };
    let emax = match n.emax.get(i)? {
        Value::Int(e) => e,
        _ => return None,
    };
    Some(Ctx {
        v,
        prec,
        round,
        emin,
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
        Value::Instance(i) if n.is_dec(i) => read(n, i),
        _ => None,
    }
}

/// The four fields of a `Decimal` (or of any instance that has them).
fn fields(n: &Nat, i: &Instance) -> Option<[Value; 4]> {
    Some([
        n.fields[0].get(i)?,
        n.fields[1].get(i)?,
        n.fields[2].get(i)?,
        n.fields[3].get(i)?,
    ])
}

/// A finite `Decimal`'s value (`None` for a special one or missing fields): the four fields in one
/// borrow when they stand first in the class's shared names (always, once the class's first instance
/// set them), else field by field.
#[inline]
fn read(n: &Nat, i: &Instance) -> Option<Fin> {
    match i.dict.with_prefix_cached(&n.caches(), decode) {
        Some(f) => f,
        None => read_slow(n, i),
    }
}

/// The finite value of the fields `[_sign, _int, _exp, _special]`.
#[inline]
fn decode(v: &[Value]) -> Option<Fin> {
    let [sign, co, exp, Value::None] = v else {
        return None;
    };
    let sign = match sign {
        Value::Int(0) => false,
        Value::Int(1) => true,
        _ => return None,
    };
    let co = match co {
        Value::Int(x) if *x >= 0 => Co::S(*x as u128),
        Value::Big(b) if b.sign() != Sign::Minus => match b.magnitude().to_u128() {
            Some(x) => Co::S(x),
            None => Co::B(b.magnitude().clone()),
        },
        _ => return None,
    };
    let Value::Int(exp) = exp else {
        return None;
    };
    Some(Fin {
        sign,
        co,
        exp: *exp,
    })
}

#[inline(never)]
fn read_slow(n: &Nat, i: &Instance) -> Option<Fin> {
    decode(&fields(n, i)?)
}

fn put(n: &Nat, i: &Instance, [sign, int, exp, special]: [Value; 4]) {
    n.fields[0].set(i, sign);
    n.fields[1].set(i, int);
    n.fields[2].set(i, exp);
    n.fields[3].set(i, special);
}

/// A new `Decimal` with the given fields (`special`: `None` or the module's `'F'`/`'n'`/`'N'`).
fn make(n: &Nat, sign: bool, int: Value, exp: i64, special: Value) -> Value {
    let Some(class) = n.class() else {
        return Value::None;
    };
    new_dec(
        n,
        &class,
        [Value::Int(sign as i64), int, Value::Int(exp), special],
    )
}

/// How many results [`new_dec`] keeps for reuse, and how many of them one result looks at.
const POOL: usize = 32;
const POOL_LOOK: usize = 8;

/// A new instance of `class` with the fields `f`: its value vector built whole when the class's shared
/// names start with the four fields (see [`read`]), else set name by name.
///
/// A result of the module's own class is kept in [`Nat::pool`]: once nothing else holds it (no other
/// strong or weak reference, no recorded hash, no attribute beyond the four fields), the next result is
/// written into it in place rather than allocated, so an expression's temporaries cost no allocation
/// and no free (about a quarter of decimal_pi's instructions went to those). Nothing can tell the
/// difference: the instance was unreachable, as a freed one is (CPython also hands freed memory, and
/// so `id()`s, to new objects).
fn new_dec(n: &Nat, class: &Rc<Class>, mut f: [Value; 4]) -> Value {
    let own = std::ptr::eq(n.class.as_ptr(), Rc::as_ptr(class));
    if own {
        if let Ok(pool) = n.pool.try_borrow_mut() {
            let len = pool.len();
            let mut at = n.next.get();
            for _ in 0..len.min(POOL_LOOK) {
                if at >= len {
                    at = 0;
                }
                let p = &pool[at];
                at += 1;
                if Rc::strong_count(p) != 1 || Rc::weak_count(p) != 0 {
                    continue;
                }
                let h = p.hash.get();
                if h != crate::value::NO_USER_HASH && h < crate::value::LINK_WORDS_END {
                    continue;
                }
                if p.dict.swap_all_cached(&n.caches(), &mut f) {
                    p.hash.set(crate::value::NO_USER_HASH);
                    n.next.set(at);
                    let v = Value::Instance(p.clone());
                    drop(pool);
                    // The old fields: small ints and `None` hold nothing to free.
                    if f.iter().all(|x| matches!(x, Value::Int(_) | Value::None)) {
                        std::mem::forget(f);
                    }
                    return v;
                }
            }
        }
    }
    let (dict, rest) = match InstDict::shared_filled(&class.keys, &n.caches(), Vec::from(f)) {
        Ok(d) => (d, None),
        Err(v) => (Instance::new_dict(class), Some(v)),
    };
    let filled = rest.is_none();
    let inst = Instance {
        class: class.clone(),
        dict,
        hash: crate::value::no_user_hash(),
        native: None,
    };
    if let Some(v) = rest {
        if let Ok(f) = <[Value; 4]>::try_from(v) {
            put(n, &inst, f);
        }
    }
    let inst = Rc::new(inst);
    if own && filled {
        if let Ok(mut pool) = n.pool.try_borrow_mut() {
            // Full: the oldest slot searched takes the new result (what it held lives on by itself).
            if pool.len() < POOL {
                pool.push(inst.clone());
            } else {
                let at = n.next.get() % POOL;
                pool[at] = inst.clone();
                n.next.set(at + 1);
            }
        }
    }
    Value::Instance(inst)
}

fn make_fin(n: &Nat, f: Fin) -> Value {
    make(n, f.sign, f.co.value(), f.exp, Value::None)
}

/// The signals the core raises, as indexes into [`Nat::signal`].
const INEXACT: usize = 0;
const ROUNDED: usize = 1;
const OVERFLOW: usize = 2;

/// Where `sig` sits in a flags or traps dict: the remembered position when its key is still `sig`
/// (contexts build these dicts in one order, so one position serves them all), else a hashed lookup.
fn slot<S: std::hash::BuildHasher>(
    map: &indexmap::IndexMap<Key, Value, S>,
    sig: &Value,
    at: usize,
) -> Option<usize> {
    if let Some((k, _)) = map.get_index(at) {
        if let (Value::Class(x), Value::Class(y)) = (&k.0, sig) {
            if Rc::ptr_eq(x, y) {
                return Some(at);
            }
        }
    }
    map.get_index_of(&Key(sig.clone()))
}

/// Sets the flags of the signals `sigs` in the context when it traps none of them: whether it did
/// (when one is trapped, nothing is set here and the caller raises through the context's `_signals`).
/// The traps dict is read once and the flags dict written once for all of them.
fn set_flags(n: &Nat, ctx: &Ctx, sigs: &[usize]) -> bool {
    let Value::Instance(ci) = &ctx.v else {
        return false;
    };
    // `Context.__init__` sets `flags` and `traps` right after the six fields [`context`] reads: one
    // borrow reaches both dicts, with no reference taken.
    let caches = n.context_caches();
    let quick = ci
        .dict
        .with_prefix_cached(&caches, |f| match (&f[6], &f[7]) {
            (Value::Dict(fl), Value::Dict(tr)) => Some(flags_in(n, fl, tr, sigs)),
            _ => None,
        });
    if let Some(Some(done)) = quick {
        return done;
    }
    // Places `flags` and `traps` in their caches for the next time.
    let (Some(Value::Dict(fl)), Some(Value::Dict(tr))) = (n.flags.get(ci), n.traps.get(ci)) else {
        return false;
    };
    flags_in(n, &fl, &tr, sigs)
}

/// [`set_flags`] on the context's flags dict `f` and traps dict `t`.
fn flags_in(
    n: &Nat,
    f: &RefCell<crate::value::Dict>,
    t: &RefCell<crate::value::Dict>,
    sigs: &[usize],
) -> bool {
    // Where each signal sits in the traps dict (its remembered place when absent).
    let mut at_traps = [0usize; 3];
    {
        let Ok(t) = t.try_borrow() else {
            return false;
        };
        for &k in sigs {
            let at_trap = n.at[k].get().0;
            at_traps[k] = match slot(t.map(), n.signal(k), at_trap) {
                None => at_trap,
                Some(i) => match t.map().get_index(i) {
                    Some((_, Value::Bool(b))) if !b.get() => i,
                    _ => return false,
                },
            };
        }
    }
    let Ok(mut f) = f.try_borrow_mut() else {
        return false;
    };
    for &k in sigs {
        let sig = n.signal(k);
        let at_flag = n.at[k].get().1;
        let at_flag = match slot(f.map(), sig, at_flag) {
            Some(i) => {
                if let Some((_, v)) = f.map_mut().get_index_mut(i) {
                    *v = Value::Bool(PyBool::True);
                }
                i
            }
            None => {
                f.map_mut()
                    .insert(Key(sig.clone()), Value::Bool(PyBool::True));
                at_flag
            }
        };
        n.at[k].set((at_traps[k], at_flag));
    }
    true
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

/// Raises the signals `sigs` (in the order of CPython's signal table) in the context: every flag is
/// set, then the first trapped signal, if any, raises through the context's `_signal`.
fn signals(it: &mut Interp, n: &Nat, ctx: &Ctx, sigs: &[usize]) -> PyResult<()> {
    if set_flags(n, ctx, sigs) {
        return Ok(());
    }
    // The context's `_signals` sets the flags and raises the first trapped signal, listing them all.
    let f = it.get_attr(&ctx.v, "_signals")?;
    it.call(
        &f,
        sigs.iter().map(|&k| n.signal(k).clone()).collect(),
        Vec::new(),
    )?;
    Ok(())
}

/// Rounds `f` to the context's precision, signalling `Rounded`/`Inexact`; past `Emax`, `Overflow`
/// (with `Inexact` and `Rounded`) and the infinity or the largest finite number the rounding mode
/// gives, as CPython's.
fn fix(it: &mut Interp, n: &Nat, ctx: &Ctx, mut f: Fin) -> PyResult<Option<Value>> {
    let mut rounded = false;
    let mut inexact = false;
    // The digit count, or a bound it never exceeds while `exact` is false (counted once: a count is a
    // logarithm, or a bigint power of ten).
    let mut d = f.co.digits_upper();
    let mut exact = matches!(f.co, Co::S(_));
    let zero = f.co.is_zero();
    // A non-zero coefficient has a digit at least: an exponent at `Emin` or above is never subnormal.
    if zero || f.exp < ctx.emin {
        if !exact {
            d = f.co.digits();
            exact = true;
        }
        if ctx.outside(zero, d, f.exp) {
            return Ok(None);
        }
    }
    if d > ctx.prec {
        if !exact {
            d = f.co.digits();
            exact = true;
        }
        if d > ctx.prec {
            let drop = d - ctx.prec;
            let (q, lost) = round_co(&f.co, drop, f.sign, ctx.round);
            f.co = q;
            f.exp = f.exp.saturating_add(drop as i64);
            d = ctx.prec;
            // A carry out of the top digit (999.. rounded up) makes one digit more.
            let carry = match &f.co {
                Co::S(x) if ctx.prec < 39 => *x >= P10[ctx.prec as usize],
                _ => f.co.digits() > ctx.prec,
            };
            if carry {
                f.co = f.co.divmod(&Co::S(10)).0;
                f.exp = f.exp.saturating_add(1);
            }
            rounded = true;
            inexact = lost;
        }
    }
    if !f.co.is_zero()
        && f.exp as i128 + d as i128 - 1 > ctx.emax as i128
        && (exact || f.exp as i128 + f.co.digits() as i128 - 1 > ctx.emax as i128)
    {
        signals(it, n, ctx, &[OVERFLOW, INEXACT, ROUNDED])?;
        let infinite = match ctx.round {
            Round::HalfUp | Round::HalfEven | Round::HalfDown | Round::Up => true,
            Round::Ceiling => !f.sign,
            Round::Floor => f.sign,
            Round::Down | Round::Up05 => false,
        };
        if infinite || ctx.prec > MAX_SHIFT {
            return Ok(Some(make(n, f.sign, Value::Int(0), 0, Value::str("F"))));
        }
        // The largest finite number: `prec` nines at the top exponent.
        let nines = match pow10(ctx.prec) {
            Co::S(p) => Co::S(p - 1),
            Co::B(p) => Co::B(p - 1u32),
        };
        let exp = ctx.emax - (ctx.prec as i64 - 1);
        return Ok(Some(make(n, f.sign, nines.value(), exp, Value::None)));
    }
    match (inexact, rounded) {
        (true, _) => signals(it, n, ctx, &[INEXACT, ROUNDED])?,
        (false, true) => signals(it, n, ctx, &[ROUNDED])?,
        _ => {}
    }
    Ok(Some(make_fin(n, f)))
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
fn binary(args: &[Value], kw: Kw<'_>) -> Option<(Rc<Nat>, Fin, Fin, Ctx)> {
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
    fix(it, n, ctx, Fin { sign, co, exp })
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
    fix(it, n, ctx, f)
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
        return fix(it, n, ctx, f);
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
    fix(it, n, ctx, Fin { sign, co: q, exp })
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
    Ok(rem.map(|rem| (quot, rem)))
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
    let c = if a.exp == b.exp {
        a.co.cmp(&b.co)
    } else {
        let (x, y, _) = align(a, b)?;
        x.cmp(&y)
    };
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
                if let Some(f) = read(&n, i) {
                    let same = if f.co.is_zero() {
                        !ctx.outside(true, 1, f.exp)
                    } else {
                        f.co.digits_upper() <= ctx.prec
                            && f.exp >= ctx.emin
                            && (f.exp as i128 + f.co.digits_upper() as i128 - 1) <= ctx.emax as i128
                    };
                    if same {
                        // Nothing to round: the module's `_fix` returns the same object.
                        return Ok(args[0].clone());
                    }
                    if let Some(v) = fix(it, &n, &ctx, f)? {
                        return Ok(v);
                    }
                }
            }
        }
    }
    py(it, args, kw, "_py_fix")
}

/// The fields of `Decimal(v)` for an int or a bool: `(sign, magnitude)`.
fn int_fields(v: &Value) -> Option<(bool, Value)> {
    Some(match v {
        Value::Int(i) => (
            *i < 0,
            match i.checked_abs() {
                Some(a) => Value::Int(a),
                None => Value::from_big(-BigInt::from(*i)),
            },
        ),
        Value::Big(b) => (
            b.sign() == Sign::Minus,
            Value::from_big(BigInt::from_biguint(Sign::Plus, b.magnitude().clone())),
        ),
        Value::Bool(b) => (false, Value::Int(b.get() as i64)),
        _ => return None,
    })
}

/// The fields of a plain numeric string (`[+-]digits[.digits][(e|E)[+-]digits]`, ASCII, nothing else
/// around it); `None` sends anything else (spaces, underscores, specials, non-ASCII digits, huge
/// exponents) to the evalx-level parser.
fn parse_plain(s: &str) -> Option<(bool, Value, i64)> {
    let b = s.as_bytes();
    let (neg, rest) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let (mant, exp) = match rest.iter().position(|c| matches!(c, b'e' | b'E')) {
        Some(k) => {
            let e = &rest[k + 1..];
            let body = e.strip_prefix(b"-").or(e.strip_prefix(b"+")).unwrap_or(e);
            if body.is_empty() || body.len() > 17 || !body.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let v: i64 = std::str::from_utf8(body).ok()?.parse().ok()?;
            (&rest[..k], if e[0] == b'-' { -v } else { v })
        }
        None => (rest, 0),
    };
    let (ip, fp) = match mant.iter().position(|&c| c == b'.') {
        Some(k) => (&mant[..k], &mant[k + 1..]),
        None => (mant, &mant[..0]),
    };
    if ip.len() + fp.len() == 0
        || !ip.iter().chain(fp).all(u8::is_ascii_digit)
        || ip.len() + fp.len() > 100_000
    {
        return None;
    }
    let mut co: u128 = 0;
    let mut big: Option<BigUint> = None;
    if ip.len() + fp.len() <= 38 {
        for &c in ip.iter().chain(fp) {
            co = co * 10 + (c - b'0') as u128;
        }
    } else {
        let digits: Vec<u8> = ip.iter().chain(fp).map(|c| c - b'0').collect();
        big = Some(BigUint::from_radix_be(&digits, 10)?);
    }
    let co = match big {
        Some(b) => Co::norm(b),
        None => Co::S(co),
    };
    Some((neg, co.value(), exp - fp.len() as i64))
}

/// `Decimal(value)` for an int, a bool, another Decimal, a plain numeric string or no value; other
/// text, floats and tuples go to the evalx-level `__init__`.
fn d_init(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if kw.is_empty() && (1..=3).contains(&args.len()) {
        if let (Value::Instance(me), Some(n)) = (&args[0], nat(&args[0])) {
            let zero = || Value::Int(0);
            match args.get(1) {
                None => {
                    put(&n, me, [zero(), zero(), zero(), Value::None]);
                    return Ok(Value::None);
                }
                Some(v @ (Value::Int(_) | Value::Big(_) | Value::Bool(_))) => {
                    if let Some((sign, int)) = int_fields(v) {
                        put(&n, me, [Value::Int(sign as i64), int, zero(), Value::None]);
                        return Ok(Value::None);
                    }
                }
                Some(Value::Str(text)) => {
                    if let Some((sign, int, exp)) = parse_plain(text) {
                        put(
                            &n,
                            me,
                            [Value::Int(sign as i64), int, Value::Int(exp), Value::None],
                        );
                        return Ok(Value::None);
                    }
                }
                Some(Value::Instance(oi)) if n.is_dec(oi) => {
                    if let Some(f) = fields(&n, oi) {
                        put(&n, me, f);
                        return Ok(Value::None);
                    }
                }
                _ => {}
            }
        }
    }
    py(it, args, kw, "_py__init__")
}

/// Stores the four fields on `i`, through the module's caches when it has them.
fn put_any(i: &Instance, f: [Value; 4]) {
    match nat_of(&i.class) {
        Some(n) => put(&n, i, f),
        None => {
            for (k, v) in ["_sign", "_int", "_exp", "_special"].into_iter().zip(f) {
                i.dict.set_str(k, v);
            }
        }
    }
}

/// `_set(d, sign, int, exp, special)`: stores the fields of `d` (the evalx-level `__init__`).
fn f_set(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    match args {
        [Value::Instance(i), sign, int, exp, special] => {
            let f = [sign.clone(), int.clone(), exp.clone(), special.clone()];
            match nat(&args[0]) {
                Some(n) => put(&n, i, f),
                None => put_any(i, f),
            }
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
        [Value::Class(c), sign, int, exp, special] => {
            let inst = Instance {
                class: c.clone(),
                dict: Instance::new_dict(c),
                hash: crate::value::no_user_hash(),
                native: None,
            };
            put_any(
                &inst,
                [sign.clone(), int.clone(), exp.clone(), special.clone()],
            );
            Ok(Value::Instance(Rc::new(inst)))
        }
        _ => Err(crate::interp::Exc::type_err(
            "_make needs a class and four fields",
        )),
    }
}

/// The scientific (or engineering) string of a `Decimal`, as the module's `_sci`; `None` for fields the
/// core does not know or a coefficient too long for one conversion (the evalx-level code splits those).
fn sci(n: &Nat, i: &Instance, eng: bool) -> Option<String> {
    let [sign, int, exp, special] = fields(n, i)?;
    let neg = match sign {
        Value::Int(0) => false,
        Value::Int(1) => true,
        _ => return None,
    };
    let digits = match &int {
        Value::Int(x) if *x >= 0 => x.to_string(),
        Value::Big(b) if b.sign() != Sign::Minus && b.bits() <= 40_000 => b.to_string(),
        _ => return None,
    };
    let mut out = String::with_capacity(digits.len() + 8);
    if neg {
        out.push('-');
    }
    match &special {
        Value::None => {}
        Value::Str(k) => {
            match k.as_str() {
                "F" => out.push_str("Infinity"),
                "n" | "N" => {
                    out.push_str(if k.as_str() == "n" { "NaN" } else { "sNaN" });
                    if digits != "0" {
                        out.push_str(&digits);
                    }
                }
                _ => return None,
            }
            return Some(out);
        }
        _ => return None,
    }
    let Value::Int(exp) = exp else {
        return None;
    };
    let len = digits.len() as i128;
    let exp = exp as i128;
    let left = exp + len;
    let dot = if exp <= 0 && left > -6 {
        left
    } else if !eng {
        1
    } else if digits == "0" {
        (left + 1).rem_euclid(3) - 1
    } else {
        (left - 1).rem_euclid(3) + 1
    };
    if dot <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-dot) as usize));
        out.push_str(&digits);
    } else if dot >= len {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (dot - len) as usize));
    } else {
        out.push_str(&digits[..dot as usize]);
        out.push('.');
        out.push_str(&digits[dot as usize..]);
    }
    if left != dot {
        let e = left - dot;
        out.push('E');
        out.push(if e >= 0 { '+' } else { '-' });
        out.push_str(&e.unsigned_abs().to_string());
    }
    Some(out)
}

/// The `Decimal` receiver of a text method and its module state.
fn receiver(args: &[Value]) -> Option<(Rc<Nat>, &Instance)> {
    let Some(Value::Instance(i)) = args.first() else {
        return None;
    };
    let n = nat(&args[0])?;
    n.is_dec(i).then_some((n, &**i))
}

fn d_str(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if kw.is_empty() && args.len() == 1 {
        if let Some(s) = receiver(args).and_then(|(n, i)| sci(&n, i, false)) {
            return Ok(Value::str(&s));
        }
    }
    py(it, args, kw, "_py__str__")
}

fn d_repr(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if kw.is_empty() && args.len() == 1 {
        if let Some(s) = receiver(args).and_then(|(n, i)| sci(&n, i, false)) {
            return Ok(Value::str(&format!("Decimal('{s}')")));
        }
    }
    py(it, args, kw, "_py__repr__")
}

fn d_eng(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if kw.is_empty() && args.len() == 1 {
        if let Some(s) = receiver(args).and_then(|(n, i)| sci(&n, i, true)) {
            return Ok(Value::str(&s));
        }
    }
    py(it, args, kw, "_pyto_eng_string")
}

fn d_bool(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if kw.is_empty() && args.len() == 1 {
        if let Some((n, i)) = receiver(args) {
            match (n.fields[3].get(i), n.fields[1].get(i)) {
                (Some(Value::None), Some(Value::Int(x))) => return Ok(Value::bool(x != 0)),
                (Some(Value::None), Some(Value::Big(_))) | (Some(Value::Str(_)), _) => {
                    return Ok(Value::bool(true));
                }
                _ => {}
            }
        }
    }
    py(it, args, kw, "_py__bool__")
}

/// The module-level natives the evalx-level source uses.
pub(super) const FUNCTIONS: &[(&str, crate::value::NativeFn)] =
    &[("_set", f_set), ("_make", f_make)];

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
    ("__str__", "Decimal.__str__", d_str),
    ("__bool__", "Decimal.__bool__", d_bool),
    ("__repr__", "Decimal.__repr__", d_repr),
    ("to_eng_string", "Decimal.to_eng_string", d_eng),
];

/// The module state when `a op b` is for the core alone: one operand an instance of the module's own
/// `Decimal` (not a subclass, which may override the operator), the other one too or an int.
#[inline]
fn exact_pair(a: &Value, b: &Value) -> Option<Rc<Nat>> {
    let n = LAST.with(|l| l.borrow().upgrade())?;
    let cp = n.class.as_ptr();
    let dec = |v: &Value| matches!(v, Value::Instance(i) if std::ptr::eq(Rc::as_ptr(&i.class), cp));
    let int = |v: &Value| matches!(v, Value::Int(_) | Value::Big(_) | Value::Bool(_));
    ((dec(a) && (dec(b) || int(b))) || (int(a) && dec(b))).then_some(n)
}

/// `a op b` for two finite decimals (or a decimal and an int) in the current context, straight from the
/// interpreter's `binop`, with no special-method lookup or argument vector: the result the `__op__`
/// (or, for an int on the left, the `__rop__`) method gives. `None` (specials, a division by zero, a
/// context the core does not read, a shift too long) sends the operation through the ordinary dispatch.
pub(crate) fn fast_binop(
    it: &mut Interp,
    a: &Value,
    op: crate::ast::BinOp,
    b: &Value,
) -> Option<PyResult<Value>> {
    use crate::ast::BinOp;
    if !matches!(
        op,
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::FloorDiv | BinOp::Mod
    ) {
        return None;
    }
    let n = exact_pair(a, b)?;
    let ctx = context(&n, None)?;
    if small::takes(&ctx) {
        if let (Some(x), Some(y)) = (small::small(&n, a), small::small(&n, b)) {
            if let Some(r) = small::binop(it, &n, &ctx, x, op, y) {
                return Some(r);
            }
        }
    }
    let x = finite(&n, a)?;
    let mut y = finite(&n, b)?;
    let r = match op {
        BinOp::Add => add_fin(it, &n, &ctx, &x, &y),
        BinOp::Sub => {
            y.sign = !y.sign;
            add_fin(it, &n, &ctx, &x, &y)
        }
        BinOp::Mul => mul_fin(it, &n, &ctx, &x, &y),
        BinOp::Div => div_fin(it, &n, &ctx, &x, &y),
        BinOp::FloorDiv => divint(it, &n, &ctx, &x, &y).map(|o| o.map(|(q, _)| q)),
        _ => divint(it, &n, &ctx, &x, &y).map(|o| o.map(|(_, r)| r)),
    };
    r.transpose()
}

/// `a op b` for an order or equality comparison of two finite decimals (or a decimal and an int), straight
/// from the interpreter's `compare`; `None` (NaNs, infinities, floats, subclasses) for the ordinary
/// dispatch.
pub(crate) fn fast_compare(a: &Value, op: crate::ast::CmpOp, b: &Value) -> Option<Value> {
    use crate::ast::CmpOp;
    let n = exact_pair(a, b)?;
    let o = match (small::small(&n, a), small::small(&n, b)) {
        (Some(x), Some(y)) => small::cmp(x, y),
        _ => None,
    };
    let o = match o {
        Some(o) => o,
        None => cmp_fin(&finite(&n, a)?, &finite(&n, b)?)?,
    };
    let r = match op {
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
        _ => return None,
    };
    Some(Value::bool(r))
}
