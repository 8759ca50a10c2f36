//! The core of `math`: the functions evalx has had since its first release (`sqrt` ... `radians`) and the
//! module object; `super` (mod.rs) completes it with the rest of CPython's functions.

use crate::builtins::*;
use crate::interp::{Exc, Interp, PyResult};
use crate::methods::kwarg;
use crate::num;
use crate::stdlib::Kw;
use crate::value::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) fn m_arg(args: &[Value], i: usize, name: &str) -> PyResult<f64> {
    let v = args
        .get(i)
        .ok_or_else(|| Exc::type_err(format!("{name}() takes exactly one argument (0 given)")))?;
    match num::to_f64(v)? {
        Some(f) => Ok(f),
        None => Err(Exc::type_err(format!(
            "must be real number, not {}",
            type_name(v)
        ))),
    }
}

pub(crate) fn math_domain() -> Box<Exc> {
    Exc::value_err("math domain error")
}

macro_rules! math1 {
    ($name:ident, $pyname:expr, |$x:ident| $body:expr) => {
        fn $name(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
            arity($pyname, args, kw, 1, 1)?;
            let $x = m_arg(args, 0, $pyname)?;
            let r: PyResult<f64> = $body;
            Ok(Value::float(r?))
        }
    };
}

math1!(m_sqrt, "sqrt", |x| if x < 0.0 {
    Err(math_domain())
} else {
    Ok(x.sqrt())
});
math1!(m_exp, "exp", |x| {
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        Err(Exc::new("OverflowError", "math range error"))
    } else {
        Ok(r)
    }
});
math1!(m_sin, "sin", |x| if x.is_infinite() {
    Err(math_domain())
} else {
    Ok(x.sin())
});
math1!(m_cos, "cos", |x| if x.is_infinite() {
    Err(math_domain())
} else {
    Ok(x.cos())
});
math1!(m_tan, "tan", |x| if x.is_infinite() {
    Err(math_domain())
} else {
    Ok(x.tan())
});
math1!(m_asin, "asin", |x| if !(-1.0..=1.0).contains(&x) {
    Err(math_domain())
} else {
    Ok(x.asin())
});
math1!(m_acos, "acos", |x| if !(-1.0..=1.0).contains(&x) {
    Err(math_domain())
} else {
    Ok(x.acos())
});
math1!(m_atan, "atan", |x| Ok(x.atan()));
math1!(m_sinh, "sinh", |x| Ok(x.sinh()));
math1!(m_cosh, "cosh", |x| Ok(x.cosh()));
math1!(m_tanh, "tanh", |x| Ok(x.tanh()));
math1!(m_log10, "log10", |x| if x <= 0.0 {
    Err(math_domain())
} else {
    Ok(x.log10())
});
math1!(m_log2, "log2", |x| if x <= 0.0 {
    Err(math_domain())
} else {
    Ok(x.log2())
});
math1!(m_fabs, "fabs", |x| Ok(x.abs()));
math1!(m_degrees, "degrees", |x| Ok(x.to_degrees()));
math1!(m_radians, "radians", |x| Ok(x.to_radians()));
math1!(m_expm1, "expm1", |x| Ok(x.exp_m1()));
math1!(m_log1p, "log1p", |x| if x <= -1.0 {
    Err(math_domain())
} else {
    Ok(x.ln_1p())
});

pub(crate) fn m_log(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("log", args, kw, 1, 2)?;
    let ln = |v: &Value| -> PyResult<f64> {
        if let Value::Big(b) = v {
            if b.is_positive() {
                let bits = b.bits() as i64;
                let shift = (bits - 60).max(0);
                let top = (&**b >> shift as usize).to_f64().unwrap_or(1.0);
                return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
            }
        }
        let x = m_arg(std::slice::from_ref(v), 0, "log")?;
        if x <= 0.0 {
            Err(math_domain())
        } else {
            Ok(x.ln())
        }
    };
    let _ = it;
    let a = ln(&args[0])?;
    if let Some(b) = args.get(1) {
        let lb = ln(b)?;
        if lb == 0.0 {
            return Err(Exc::new("ZeroDivisionError", "float division by zero"));
        }
        return Ok(Value::float(a / lb));
    }
    Ok(Value::float(a))
}

pub(crate) fn m_pow(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("pow", args, kw, 2, 2)?;
    let (x, y) = (m_arg(args, 0, "pow")?, m_arg(args, 1, "pow")?);
    if x == 0.0 && y < 0.0 || x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(math_domain());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(Exc::new("OverflowError", "math range error"));
    }
    Ok(Value::float(r))
}

pub(crate) fn m_atan2(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("atan2", args, kw, 2, 2)?;
    Ok(Value::float(
        m_arg(args, 0, "atan2")?.atan2(m_arg(args, 1, "atan2")?),
    ))
}
pub(crate) fn m_hypot(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut s = 0.0f64;
    for i in 0..args.len() {
        let x = m_arg(args, i, "hypot")?;
        s = s.hypot(x);
    }
    Ok(Value::float(s))
}
pub(crate) fn m_fmod(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("fmod", args, kw, 2, 2)?;
    let (x, y) = (m_arg(args, 0, "fmod")?, m_arg(args, 1, "fmod")?);
    // As CPython: a finite x modulo an infinity is x; a NaN made from numbers (an infinite x, a zero y)
    // is a domain error.
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = crate::num::c_fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(math_domain());
    }
    Ok(Value::float(r))
}
pub(crate) fn m_copysign(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("copysign", args, kw, 2, 2)?;
    Ok(Value::float(
        m_arg(args, 0, "copysign")?.copysign(m_arg(args, 1, "copysign")?),
    ))
}

pub(crate) fn m_round_fn(
    args: &[Value],
    kw: Kw<'_>,
    name: &str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    arity(name, args, kw, 1, 1)?;
    match &args[0] {
        Value::Int(_) | Value::Big(_) => Ok(args[0].clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => float_to_int(f(m_arg(args, 0, name)?)),
    }
}
/// A class's own `__floor__`/`__ceil__`/`__trunc__` (decimal.Decimal has them), as CPython's math asks first.
fn m_dunder(it: &mut Interp, args: &[Value], dunder: &str) -> PyResult<Option<Value>> {
    if let [x @ Value::Instance(_)] = args {
        if let Some(m) = it.lookup_special(x, dunder) {
            return it.call(&m, vec![x.clone()], Vec::new()).map(Some);
        }
    }
    Ok(None)
}
pub(crate) fn m_floor(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some(v) = m_dunder(it, args, "__floor__")? {
        return Ok(v);
    }
    m_round_fn(args, kw, "floor", f64::floor)
}
pub(crate) fn m_ceil(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some(v) = m_dunder(it, args, "__ceil__")? {
        return Ok(v);
    }
    m_round_fn(args, kw, "ceil", f64::ceil)
}
pub(crate) fn m_trunc(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let Some(v) = m_dunder(it, args, "__trunc__")? {
        return Ok(v);
    }
    m_round_fn(args, kw, "trunc", f64::trunc)
}

pub(crate) fn m_int_args(args: &[Value], _name: &str) -> PyResult<Vec<BigInt>> {
    args.iter()
        .map(|a| {
            num::to_big(a).ok_or_else(|| {
                Exc::type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(a)
                ))
            })
        })
        .collect::<PyResult<Vec<_>>>()
}

pub(crate) fn m_gcd(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let xs = m_int_args(args, "gcd")?;
    let mut g = BigInt::zero();
    for x in xs {
        g = num_integer::Integer::gcd(&g, &x);
    }
    Ok(Value::from_big(g))
}
pub(crate) fn m_lcm(_it: &mut Interp, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let xs = m_int_args(args, "lcm")?;
    let mut l = BigInt::from(1);
    for x in xs {
        if x.is_zero() {
            return Ok(Value::Int(0));
        }
        l = num_integer::Integer::lcm(&l, &x);
    }
    Ok(Value::from_big(l))
}
pub(crate) fn m_factorial(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("factorial", args, kw, 1, 1)?;
    if let Value::Float(_) = args[0] {
        return Err(Exc::type_err(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = to_index_of(it, &args[0])?;
    if n < 0 {
        return Err(Exc::value_err(
            "factorial() not defined for negative values",
        ));
    }
    admit_product(it, 1, n as u64 + 1)?;
    Ok(Value::from_big(range_product(1, n as u64 + 1)))
}

/// Sizes the product of the integers `lo..hi` against the limits before it is computed (its bits, and the
/// time of its last multiplications): `MemoryError` or the limit error instead of a long native loop.
fn admit_product(it: &mut Interp, lo: u64, hi: u64) -> PyResult<()> {
    if hi <= lo + 1 {
        return Ok(());
    }
    // log2 of hi!/lo! by Stirling's formula, an upper bound of the product's bits within a few.
    let lf = |x: f64| {
        if x < 2.0 {
            0.0
        } else {
            x * x.log2() - x * std::f64::consts::LOG2_E
        }
    };
    let bits = lf(hi as f64) - lf(lo as f64) + 64.0;
    let l = bits / 64.0 + 1.0;
    it.big_admit(bits, 2.0 * crate::interp::mul_ns(l, l) + (hi - lo) as f64)
}

/// The product of the integers `lo..hi`, by binary splitting (balanced products keep it fast).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo + 16 {
        let mut r = BigInt::from(1);
        let mut small: u64 = 1;
        for i in lo..hi {
            match small.checked_mul(i) {
                Some(p) => small = p,
                None => {
                    r *= small;
                    small = i;
                }
            }
        }
        return r * small;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

pub(crate) fn m_comb(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("comb", args, kw, 2, 2)?;
    let (n, k) = (to_index_of(it, &args[0])?, to_index_of(it, &args[1])?);
    if n < 0 || k < 0 {
        return Err(Exc::value_err(if n < 0 {
            "n must be a non-negative integer"
        } else {
            "k must be a non-negative integer"
        }));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.min(n - k) as u64;
    let n = n as u64;
    // n!/(n-k)! divided by k!, both by binary splitting.
    admit_product(it, n - k + 1, n + 1)?;
    admit_product(it, 1, k + 1)?;
    Ok(Value::from_big(
        range_product(n - k + 1, n + 1) / range_product(1, k + 1),
    ))
}
pub(crate) fn m_perm(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("perm", args, kw, 1, 2)?;
    let n = to_index_of(it, &args[0])?;
    let k = match args.get(1) {
        Some(Value::None) | None => n,
        Some(v) => to_index_of(it, v)?,
    };
    if n < 0 || k < 0 {
        return Err(Exc::value_err(if n < 0 {
            "n must be a non-negative integer"
        } else {
            "k must be a non-negative integer"
        }));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let (n, k) = (n as u64, k as u64);
    admit_product(it, n - k + 1, n + 1)?;
    Ok(Value::from_big(range_product(n - k + 1, n + 1)))
}
pub(crate) fn m_isqrt(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isqrt", args, kw, 1, 1)?;
    let n = m_int_args(args, "isqrt")?.remove(0);
    if n.is_negative() {
        return Err(Exc::value_err("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_big(n.sqrt()))
}
pub(crate) fn m_isfinite(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isfinite", args, kw, 1, 1)?;
    Ok(Value::bool(m_arg(args, 0, "isfinite")?.is_finite()))
}
pub(crate) fn m_isinf(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isinf", args, kw, 1, 1)?;
    Ok(Value::bool(m_arg(args, 0, "isinf")?.is_infinite()))
}
pub(crate) fn m_isnan(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("isnan", args, kw, 1, 1)?;
    Ok(Value::bool(m_arg(args, 0, "isnan")?.is_nan()))
}
pub(crate) fn m_isclose(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("isclose", kw, &["rel_tol", "abs_tol"])?;
    if args.len() != 2 {
        return Err(Exc::type_err(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        )));
    }
    let (a, b) = (m_arg(args, 0, "isclose")?, m_arg(args, 1, "isclose")?);
    let rel = match kwarg(kw, "rel_tol") {
        Some(v) => m_arg(std::slice::from_ref(v), 0, "isclose")?,
        None => 1e-9,
    };
    let abs_tol = match kwarg(kw, "abs_tol") {
        Some(v) => m_arg(std::slice::from_ref(v), 0, "isclose")?,
        None => 0.0,
    };
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(Exc::value_err("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::bool(false));
    }
    let d = (a - b).abs();
    Ok(Value::bool(
        d <= (rel * b).abs() || d <= (rel * a).abs() || d <= abs_tol,
    ))
}
pub(crate) fn m_fsum(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("fsum", args, kw, 1, 1)?;
    let items = it.collect(&args[0])?;
    // Neumaier summation (exact enough for typical inputs).
    let (mut s, mut c) = (0.0f64, 0.0f64);
    for (i, v) in items.iter().enumerate() {
        // A long sum is charged as it goes, so the deadline stops it midway.
        if i & (crate::interp::COPY_CHUNK - 1) == crate::interp::COPY_CHUNK - 1 {
            it.charge((crate::interp::COPY_CHUNK >> 4) as u64)?;
        }
        let x = m_arg(std::slice::from_ref(v), 0, "fsum")?;
        let t = s + x;
        if s.abs() >= x.abs() {
            c += (s - t) + x
        } else {
            c += (x - t) + s
        }
        s = t;
    }
    Ok(Value::float(s + c))
}
pub(crate) fn m_prod(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    only_kw("prod", kw, &["start"])?;
    let items = it
        .collect(args.first().ok_or_else(|| {
            Exc::type_err("prod() takes exactly 1 positional argument (0 given)")
        })?)?;
    let mut acc = kwarg(kw, "start").cloned().unwrap_or(Value::Int(1));
    for x in &items {
        acc = it.binop(&acc, crate::ast::BinOp::Mul, x)?;
    }
    Ok(acc)
}
pub(crate) fn m_dist(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("dist", args, kw, 2, 2)?;
    let (Value::Tuple(_) | Value::List(_), Value::Tuple(_) | Value::List(_)) = (&args[0], &args[1])
    else {
        return Err(Exc::type_err("dist(): both points must be sequences"));
    };
    let get = |v: &Value| -> Vec<Value> {
        match v {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().0.clone(),
            _ => vec![],
        }
    };
    let (p, q) = (get(&args[0]), get(&args[1]));
    if p.len() != q.len() {
        return Err(Exc::value_err(
            "both points must have the same number of dimensions",
        ));
    }
    let mut s = 0.0f64;
    for (a, b) in p.iter().zip(q.iter()) {
        let d =
            m_arg(std::slice::from_ref(a), 0, "dist")? - m_arg(std::slice::from_ref(b), 0, "dist")?;
        s = s.hypot(d);
    }
    Ok(Value::float(s))
}
pub(crate) fn m_modf(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("modf", args, kw, 1, 1)?;
    let x = m_arg(args, 0, "modf")?;
    Ok(Value::tuple(vec![
        Value::float(x.fract()),
        Value::float(x.trunc()),
    ]))
}

/// Creates a module by name (only `math` is available; the host decides what else can be reached).
pub(crate) fn make_module(_it: &mut Interp, name: &str) -> Option<Value> {
    if name != "math" {
        return None;
    }
    let mut d = Dict::new();
    let fns: &[(&'static str, NativeFn)] = &[
        ("sqrt", m_sqrt),
        ("exp", m_exp),
        ("expm1", m_expm1),
        ("log", m_log),
        ("log10", m_log10),
        ("log2", m_log2),
        ("log1p", m_log1p),
        ("pow", m_pow),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("atan2", m_atan2),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("hypot", m_hypot),
        ("fabs", m_fabs),
        ("fmod", m_fmod),
        ("copysign", m_copysign),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("comb", m_comb),
        ("perm", m_perm),
        ("isqrt", m_isqrt),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("isclose", m_isclose),
        ("fsum", m_fsum),
        ("prod", m_prod),
        ("dist", m_dist),
        ("modf", m_modf),
        ("degrees", m_degrees),
        ("radians", m_radians),
    ];
    d.set_str("__name__", Value::str("math"));
    d.set_str(
        "__doc__",
        Value::str("Mathematical functions for floats and ints."),
    );
    for (n, f) in fns {
        d.set_str(n, builtin(n, *f));
    }
    d.set_str("pi", Value::float(std::f64::consts::PI));
    d.set_str("e", Value::float(std::f64::consts::E));
    d.set_str("tau", Value::float(std::f64::consts::TAU));
    d.set_str("inf", Value::float(f64::INFINITY));
    d.set_str("nan", Value::float(f64::NAN));
    Some(Value::Module(Rc::new(Module {
        name: "math".into(),
        dict: Rc::new(RefCell::new(d)),
    })))
}
