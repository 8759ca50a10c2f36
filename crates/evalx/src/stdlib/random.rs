//! `random`: CPython's generator, number for number. The Mersenne Twister (MT19937) and its seeding
//! (`init_by_array` over the seed's 32-bit words; a str or bytes seed through SHA-512 as CPython does), `random()` from two draws of 27 and 26 bits,
//! `getrandbits`, and rejection sampling for `_randbelow` are in Rust; the methods built on them
//! (`randrange`, `choice`, `shuffle`, `sample`, `choices`, `gauss`...) follow CPython 3.11's algorithms,
//! so a seeded program draws exactly the numbers CPython draws.
//!
//! A generator's state is a list of 625 ints (624 words and the position), held by its `Random`
//! instance; the module-level functions use one hidden instance.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::{Builtin, Value};
use num_bigint::{BigInt, BigUint, Sign};
use std::cell::RefCell;
use std::rc::Rc;

const N: usize = 624;
const M: usize = 397;

type State = Rc<RefCell<crate::value::PyList>>;

fn state_arg(v: &Value) -> PyResult<State> {
    match v {
        Value::List(l) if l.borrow().len() == N + 1 => Ok(l.clone()),
        _ => Err(Exc::type_err("invalid random state")),
    }
}

#[inline]
fn word(v: &Value) -> u32 {
    match v {
        Value::Int(i) => *i as u32,
        _ => 0,
    }
}

fn twist(mt: &mut [Value]) {
    for kk in 0..N {
        let y = (word(&mt[kk]) & 0x8000_0000) | (word(&mt[(kk + 1) % N]) & 0x7fff_ffff);
        let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
        let v = word(&mt[(kk + M) % N]) ^ (y >> 1) ^ mag;
        mt[kk] = Value::Int(v as i64);
    }
}

/// One tempered 32-bit output.
fn genrand(mt: &mut [Value]) -> u32 {
    let mut idx = word(&mt[N]) as usize;
    if idx >= N {
        twist(mt);
        idx = 0;
    }
    let mut y = word(&mt[idx]);
    mt[N] = Value::Int(idx as i64 + 1);
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^= y >> 18;
    y
}

fn init_genrand(mt: &mut [u32], s: u32) {
    mt[0] = s;
    for i in 1..N {
        mt[i] = 1_812_433_253u32
            .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
            .wrapping_add(i as u32);
    }
}

fn init_by_array(key: &[u32]) -> Vec<Value> {
    let mut mt = [0u32; N];
    init_genrand(&mut mt, 19_650_218);
    let (mut i, mut j) = (1usize, 0usize);
    for _ in 0..N.max(key.len()) {
        mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
            .wrapping_add(key[j])
            .wrapping_add(j as u32);
        i += 1;
        j += 1;
        if i >= N {
            mt[0] = mt[N - 1];
            i = 1;
        }
        if j >= key.len() {
            j = 0;
        }
    }
    for _ in 0..N - 1 {
        mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
            .wrapping_sub(i as u32);
        i += 1;
        if i >= N {
            mt[0] = mt[N - 1];
            i = 1;
        }
    }
    mt[0] = 0x8000_0000;
    let mut v: Vec<Value> = mt.iter().map(|&w| Value::Int(w as i64)).collect();
    v.push(Value::Int(N as i64));
    v
}

/// CPython's `hash()` of a float (what seeding with a float uses).
fn float_hash(v: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1u64 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = super::math::frexp_f(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        (e as u32) % BITS
    } else {
        BITS - 1 - (((-1 - e) as u32) % BITS)
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let r = x as i64 * sign;
    if r == -1 { -2 } else { r }
}

fn text_seed(bytes: &[u8]) -> BigInt {
    let mut all = bytes.to_vec();
    all.extend_from_slice(&<sha2::Sha512 as sha2::Digest>::digest(bytes));
    BigInt::from_bytes_be(Sign::Plus, &all)
}

fn seed_words(n: &BigInt) -> Vec<u32> {
    let mut w = n.magnitude().to_u32_digits();
    if w.is_empty() {
        w.push(0);
    }
    w
}

/// `_seed(state, a)`: reseeds from an int (its absolute value), a float (its hash) or `None` (the clock).
fn seed(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("seed", args, kw, 2, 2)?;
    let st = state_arg(&args[0])?;
    let n: BigInt = match &args[1] {
        Value::Int(i) => BigInt::from(*i),
        Value::Big(b) => (**b).clone(),
        Value::Bool(b) => BigInt::from(**b as i64),
        // CPython seeds with the hash read as an unsigned word.
        Value::Float(f) => BigInt::from(float_hash(f.get()) as u64),
        // Version 2 seeding of text: its UTF-8 bytes followed by their SHA-512 digest, read big-endian.
        Value::Str(s) => text_seed(s.as_bytes()),
        Value::Bytes(b) => text_seed(b),
        Value::None => {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let mix = t ^ ((std::process::id() as u128) << 64) ^ (crate::value::next_id() as u128);
            BigInt::from(mix)
        }
        _ => {
            return Err(Exc::type_err(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ));
        }
    };
    **st.borrow_mut() = init_by_array(&seed_words(&n));
    Ok(Value::None)
}

fn random_f(mt: &mut [Value]) -> f64 {
    let a = genrand(mt) >> 5;
    let b = genrand(mt) >> 6;
    (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
}

fn random(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if args.len() != 1 || !kw.is_empty() {
        return Err(Exc::type_err(format!(
            "Random.random() takes no arguments ({} given)",
            args.len().saturating_sub(1) + kw.len()
        )));
    }
    let st = state_arg(&args[0])?;
    let f = random_f(&mut st.borrow_mut());
    Ok(Value::float(f))
}

fn bits(mt: &mut [Value], k: u64) -> Value {
    if k == 0 {
        return Value::Int(0);
    }
    if k <= 32 {
        return Value::Int((genrand(mt) >> (32 - k)) as i64);
    }
    let words = ((k - 1) / 32 + 1) as usize;
    let mut out = Vec::with_capacity(words);
    let mut left = k;
    for _ in 0..words {
        let mut r = genrand(mt);
        if left < 32 {
            r >>= 32 - left;
        }
        out.push(r);
        left = left.saturating_sub(32);
    }
    Value::from_big(BigInt::from_biguint(Sign::Plus, BigUint::from_slice(&out)))
}

fn int_arg(v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Big(b) => Ok((**b).clone()),
        Value::Bool(b) => Ok(BigInt::from(**b as i64)),
        other => Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::builtins::type_name(other)
        ))),
    }
}

fn getrandbits(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("getrandbits", args, kw, 2, 2)?;
    let st = state_arg(&args[0])?;
    let k = int_arg(&args[1])?;
    if k.sign() == Sign::Minus {
        return Err(Exc::value_err("number of bits must be non-negative"));
    }
    let k = u64::try_from(&k)
        .map_err(|_| Exc::new("OverflowError", "Python int too large to convert to C int"))?;
    if k > i32::MAX as u64 {
        return Err(Exc::new(
            "OverflowError",
            "Python int too large to convert to C int",
        ));
    }
    it.check_len((k / 8) as usize)?;
    let v = bits(&mut st.borrow_mut(), k);
    Ok(v)
}

/// `_randbelow(state, n)`: uniform in `[0, n)` by drawing `n.bit_length()` bits until below `n`.
fn randbelow(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_randbelow", args, kw, 2, 2)?;
    let st = state_arg(&args[0])?;
    let mut mt = st.borrow_mut();
    match &args[1] {
        Value::Int(n) if *n > 0 => {
            let n = *n as u64;
            let k = 64 - n.leading_zeros() as u64;
            loop {
                let r = match bits(&mut mt, k) {
                    Value::Int(r) => r as u64,
                    Value::Big(b) => u64::try_from(&*b).unwrap_or(u64::MAX),
                    _ => u64::MAX,
                };
                if r < n {
                    return Ok(Value::Int(r as i64));
                }
            }
        }
        other => {
            let n = int_arg(other)?;
            if n.sign() != Sign::Plus {
                return Ok(Value::Int(0));
            }
            let k = n.bits();
            loop {
                let r = match bits(&mut mt, k) {
                    Value::Int(r) => BigInt::from(r),
                    Value::Big(b) => (*b).clone(),
                    _ => n.clone(),
                };
                if r < n {
                    return Ok(Value::from_big(r));
                }
            }
        }
    }
}

fn getstate(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("getstate", args, kw, 1, 1)?;
    let st = state_arg(&args[0])?;
    Ok(Value::tuple(st.borrow().to_vec()))
}

fn setstate(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("setstate", args, kw, 2, 2)?;
    let st = state_arg(&args[0])?;
    let Value::Tuple(t) = &args[1] else {
        return Err(Exc::type_err("state vector must be a tuple"));
    };
    if t.len() != N + 1
        || !t
            .iter()
            .all(|v| matches!(v, Value::Int(i) if (0..=u32::MAX as i64).contains(i)))
    {
        return Err(Exc::value_err("state vector is the wrong size"));
    }
    **st.borrow_mut() = t.to_vec();
    Ok(Value::None)
}

fn new_state(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_new_state", args, kw, 0, 0)?;
    Ok(Value::list(init_by_array(&[0])))
}

/// `_bind(name, state)`: the native `name` bound to `state` (what the module-level `random` and
/// `getrandbits` are, so the commonest calls cost one native call).
fn bind(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_bind", args, kw, 2, 2)?;
    state_arg(&args[1])?;
    let (name, func): (&'static str, crate::value::NativeFn) = match &args[0] {
        Value::Str(s) if &**s == "random" => ("random", random),
        Value::Str(s) if &**s == "getrandbits" => ("getrandbits", getrandbits),
        _ => return Err(Exc::value_err("unknown native")),
    };
    Ok(Value::Builtin(Rc::new(Builtin {
        name,
        func,
        this: Some(args[1].clone()),
    })))
}

const SOURCE: &str = r#"
from math import log as _log, exp as _exp, pi as _pi, e as _e, ceil as _ceil, sqrt as _sqrt, acos as _acos, cos as _cos, sin as _sin, tau as TWOPI, floor as _floor, isfinite as _isfinite
from itertools import accumulate as _accumulate, repeat as _repeat
from bisect import bisect as _bisect

NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
LOG4 = _log(4.0)
SG_MAGICCONST = 1.0 + _log(4.5)
BPF = 53
RECIP_BPF = 2 ** -BPF

def _int_arg(v, what):
    if isinstance(v, int):
        return v
    try:
        return v.__index__()
    except AttributeError:
        pass
    iv = int(v)
    if iv != v:
        raise ValueError("non-integer " + what + " for randrange()")
    return iv

class Random:
    VERSION = 3

    def __init__(self, x=None):
        self._mt = _new_state()
        self.seed(x)
        self.gauss_next = None

    def seed(self, a=None, version=2):
        if version == 1 and isinstance(a, (str, bytes)):
            a = a.decode('latin-1') if isinstance(a, bytes) else a
            x = ord(a[0]) << 7 if a else 0
            for c in map(ord, a):
                x = ((1000003 * x) ^ c) & 0xFFFFFFFFFFFFFFFF
            x ^= len(a)
            a = -2 if x == -1 else x
        _seed(self._mt, a)
        self.gauss_next = None

    def random(self):
        return _random(self._mt)

    def getrandbits(self, k):
        return _getrandbits(self._mt, k)

    def _randbelow(self, n):
        return _randbelow(self._mt, n)

    def getstate(self):
        return (self.VERSION, _getstate(self._mt), self.gauss_next)

    def setstate(self, state):
        version = state[0]
        if version == 3:
            version, internalstate, self.gauss_next = state
            _setstate(self._mt, internalstate)
        else:
            raise ValueError("state with version %s passed to Random.setstate() of version %s" % (version, self.VERSION))

    def randbytes(self, n):
        return self.getrandbits(n * 8).to_bytes(n, 'little')

    def randrange(self, start, stop=None, step=1):
        istart = _int_arg(start, "arg 1")
        if stop is None:
            if step != 1:
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return _randbelow(self._mt, istart)
            raise ValueError("empty range for randrange()")
        istop = _int_arg(stop, "stop")
        width = istop - istart
        istep = _int_arg(step, "step")
        if istep == 1:
            if width > 0:
                return istart + _randbelow(self._mt, width)
            raise ValueError("empty range for randrange() (%d, %d, %d)" % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return istart + istep * _randbelow(self._mt, n)

    def randint(self, a, b):
        return self.randrange(a, b + 1)

    def choice(self, seq):
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[_randbelow(self._mt, len(seq))]

    def shuffle(self, x):
        mt = self._mt
        for i in reversed(range(1, len(x))):
            j = _randbelow(mt, i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        if isinstance(population, (set, frozenset, dict)) or not hasattr(population, '__getitem__') or not hasattr(population, '__len__'):
            raise TypeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
        n = len(population)
        if counts is not None:
            cum_counts = list(_accumulate(counts))
            if len(cum_counts) != n:
                raise ValueError('The number of counts does not match the population')
            total = cum_counts.pop()
            if not isinstance(total, int):
                raise TypeError('Counts must be integers')
            if total <= 0:
                raise ValueError('Total of counts must be greater than zero')
            selections = self.sample(range(total), k=k)
            return [population[_bisect(cum_counts, s)] for s in selections]
        mt = self._mt
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        setsize = 21
        if k > 5:
            setsize += 4 ** _ceil(_log(k * 3, 4))
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = _randbelow(mt, n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            selected = set()
            for i in range(k):
                j = _randbelow(mt, n)
                while j in selected:
                    j = _randbelow(mt, n)
                selected.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        mt = self._mt
        n = len(population)
        if cum_weights is None:
            if weights is None:
                n += 0.0
                return [population[_floor(_random(mt) * n)] for i in _repeat(None, k)]
            try:
                cum_weights = list(_accumulate(weights))
            except TypeError:
                if not isinstance(weights, int):
                    raise
                k = weights
                raise TypeError('The number of choices must be a keyword argument: k=' + str(k)) from None
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative weights')
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the population')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        if not _isfinite(total):
            raise ValueError('Total of weights must be finite')
        hi = n - 1
        return [population[_bisect(cum_weights, _random(mt) * total, 0, hi)] for i in _repeat(None, k)]

    def uniform(self, a, b):
        return a + (b - a) * _random(self._mt)

    def triangular(self, low=0.0, high=1.0, mode=None):
        u = _random(self._mt)
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        mt = self._mt
        while True:
            u1 = _random(mt)
            u2 = 1.0 - _random(mt)
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            zz = z * z / 4.0
            if zz <= -_log(u2):
                break
        return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            x2pi = _random(self._mt) * TWOPI
            g2rad = _sqrt(-2.0 * _log(1.0 - _random(self._mt)))
            z = _cos(x2pi) * g2rad
            self.gauss_next = _sin(x2pi) * g2rad
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd):
        return -_log(1.0 - _random(self._mt)) / lambd

    def vonmisesvariate(self, mu, kappa):
        random = self.random
        if kappa <= 1e-6:
            return TWOPI * random()
        s = 0.5 / kappa
        r = s + _sqrt(1.0 + s * s)
        while True:
            u1 = random()
            z = _cos(_pi * u1)
            d = z / (r + z)
            u2 = random()
            if u2 < 1.0 - d * d or u2 <= (1.0 - d) * _exp(d):
                break
        q = 1.0 / r
        f = (q + z) / (1.0 + q * z)
        u3 = random()
        if u3 > 0.5:
            theta = (mu + _acos(f)) % TWOPI
        else:
            theta = (mu - _acos(f)) % TWOPI
        return theta

    def gammavariate(self, alpha, beta):
        if alpha <= 0.0 or beta <= 0.0:
            raise ValueError('gammavariate: alpha and beta must be > 0.0')
        random = self.random
        if alpha > 1.0:
            ainv = _sqrt(2.0 * alpha - 1.0)
            bbb = alpha - LOG4
            ccc = alpha + ainv
            while True:
                u1 = random()
                if not 1e-7 < u1 < 0.9999999:
                    continue
                u2 = 1.0 - random()
                v = _log(u1 / (1.0 - u1)) / ainv
                x = alpha * _exp(v)
                z = u1 * u1 * u2
                r = bbb + ccc * v - x
                if r + SG_MAGICCONST - 4.5 * z >= 0.0 or r >= _log(z):
                    return x * beta
        elif alpha == 1.0:
            return -_log(1.0 - random()) * beta
        else:
            while True:
                u = random()
                b = (_e + alpha) / _e
                p = b * u
                if p <= 1.0:
                    x = p ** (1.0 / alpha)
                else:
                    x = -_log((b - p) / alpha)
                u1 = random()
                if p > 1.0:
                    if u1 <= x ** (alpha - 1.0):
                        break
                elif u1 <= _exp(-x):
                    break
            return x * beta

    def betavariate(self, alpha, beta):
        y = self.gammavariate(alpha, 1.0)
        if y:
            return y / (y + self.gammavariate(beta, 1.0))
        return 0.0

    def paretovariate(self, alpha):
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)

class SystemRandom(Random):
    """Random numbers drawn from the host's entropy source (what os.urandom reads): no seed, no state."""

    def __init__(self, x=None):
        self._mt = _new_state()
        self._reseed()
        self.gauss_next = None

    def _reseed(self):
        import os as _os
        _seed(self._mt, int.from_bytes(_os.urandom(32), 'big'))

    def random(self):
        import os as _os
        return (int.from_bytes(_os.urandom(7), 'big') >> 3) * 2 ** -53

    def getrandbits(self, k):
        k = _int_arg(k, "k")
        if k < 0:
            raise ValueError('number of bits must be non-negative')
        import os as _os
        numbytes = (k + 7) // 8
        x = int.from_bytes(_os.urandom(numbytes), 'big')
        return x >> (numbytes * 8 - k)

    def randbytes(self, n):
        import os as _os
        return _os.urandom(n)

    def _randbelow(self, n):
        self._reseed()
        return _randbelow(self._mt, n)

    def seed(self, *args, **kwds):
        return None

    def _notimplemented(self, *args, **kwds):
        raise NotImplementedError('System entropy source does not have state.')
    getstate = setstate = _notimplemented

_inst = Random()
seed = _inst.seed
random = _bind("random", _inst._mt)
getrandbits = _bind("getrandbits", _inst._mt)
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
vonmisesvariate = _inst.vonmisesvariate
gammavariate = _inst.gammavariate
gauss = _inst.gauss
betavariate = _inst.betavariate
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
randbytes = _inst.randbytes
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = build_module(it)?;
    // The host's seed ([`crate::ModulePolicy::random_seed`]) replaces the clock's.
    if let Some(seed) = it.policy.host_time.seed {
        let f = it.get_attr(&m, "seed")?;
        it.call(&f, vec![Value::from_big(seed.into())], Vec::new())?;
    }
    Ok(m)
}

fn build_module(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "random",
        "Random variable generators.",
        &[
            ("_seed", seed),
            ("_random", random),
            ("_getrandbits", getrandbits),
            ("_randbelow", randbelow),
            ("_getstate", getstate),
            ("_setstate", setstate),
            ("_new_state", new_state),
            ("_bind", bind),
        ],
        SOURCE,
    )
}
