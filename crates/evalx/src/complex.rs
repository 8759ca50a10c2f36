//! `complex`: the value (`Value::Complex`, two f64s behind one `Rc`), its arithmetic with ints and floats
//! (CPython 3.11 turns the other operand into a complex first, then uses its textbook product, Smith's
//! quotient and its `pow` with the exact repeated-squaring path for small integer exponents), `repr`/`str`
//! and `format()` as CPython writes them, the hash CPython computes, the constructor (numbers, strings,
//! `__complex__`/`__float__`/`__index__`), and the attributes and methods (`real`, `imag`, `conjugate`).

use crate::ast::BinOp;
use crate::interp::{Exc, Interp, PyResult};
use crate::stdlib::Kw;
use crate::value::Value;
use std::rc::Rc;

/// A complex number as its two parts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct C {
    pub re: f64,
    pub im: f64,
}

impl C {
    pub(crate) fn new(re: f64, im: f64) -> C {
        C { re, im }
    }
}

/// The value of a complex.
pub(crate) fn value(c: C) -> Value {
    Value::Complex(Rc::new((c.re, c.im)))
}

/// A number operand as a complex (int, bool, float, complex); `None` for anything else.
pub(crate) fn operand(v: &Value) -> Option<PyResult<C>> {
    Some(Ok(match v {
        Value::Complex(c) => C::new(c.0, c.1),
        // An instance of a subclass of complex (or of int or float) computes with the value it carries.
        Value::Instance(i) => return i.native.as_ref().and_then(operand),
        Value::Int(i) => C::new(*i as f64, 0.0),
        Value::Bool(b) => C::new(b.get() as i64 as f64, 0.0),
        Value::Float(f) => C::new(f.get(), 0.0),
        Value::Big(b) => match crate::num::big_to_f64(b) {
            Ok(f) => C::new(f, 0.0),
            Err(e) => return Some(Err(e)),
        },
        _ => return None,
    }))
}

pub(crate) fn prod(a: C, b: C) -> C {
    C::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

/// The quotient (Smith's method, as CPython); `None` when dividing by zero.
pub(crate) fn quot(a: C, b: C) -> Option<C> {
    let abs_br = b.re.abs();
    let abs_bi = b.im.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Some(C::new(
            (a.re + a.im * ratio) / denom,
            (a.im - a.re * ratio) / denom,
        ))
    } else if abs_bi >= abs_br {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Some(C::new(
            (a.re * ratio + a.im) / denom,
            (a.im * ratio - a.re) / denom,
        ))
    } else {
        Some(C::new(f64::NAN, f64::NAN))
    }
}

fn powu(x: C, n: u64) -> C {
    let mut r = C::new(1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

/// `a ** b` (CPython's errors: 0 to a negative or complex power, and overflow).
pub(crate) fn pow(a: C, b: C) -> PyResult<C> {
    let zero_div = || Exc::new("ZeroDivisionError", "0.0 to a negative or complex power");
    let r = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        if n > 0 {
            powu(a, n as u64)
        } else {
            quot(C::new(1.0, 0.0), powu(a, n.unsigned_abs())).ok_or_else(zero_div)?
        }
    } else if b.re == 0.0 && b.im == 0.0 {
        C::new(1.0, 0.0)
    } else if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(zero_div());
        }
        C::new(0.0, 0.0)
    } else {
        let vabs = a.re.hypot(a.im);
        let mut len = vabs.powf(b.re);
        let at = a.im.atan2(a.re);
        let mut phase = at * b.re;
        if b.im != 0.0 {
            len /= (at * b.im).exp();
            phase += b.im * vabs.ln();
        }
        C::new(len * phase.cos(), len * phase.sin())
    };
    if r.re.is_infinite() || r.im.is_infinite() {
        return Err(Exc::new("OverflowError", "complex exponentiation"));
    }
    Ok(r)
}

/// `a op b` when either side is a complex and the other a number; `None` when an operand is not one.
pub(crate) fn arith(a: &Value, op: BinOp, b: &Value) -> Option<PyResult<Value>> {
    let x = operand(a)?;
    let y = operand(b)?;
    Some((|| {
        let (x, y) = (x?, y?);
        Ok(value(match op {
            BinOp::Add => C::new(x.re + y.re, x.im + y.im),
            BinOp::Sub => C::new(x.re - y.re, x.im - y.im),
            BinOp::Mul => prod(x, y),
            BinOp::Div => quot(x, y)
                .ok_or_else(|| Exc::new("ZeroDivisionError", "complex division by zero"))?,
            BinOp::Pow => pow(x, y)?,
            _ => {
                return Err(crate::num::unsupported(
                    op,
                    &crate::builtins::type_name(a),
                    &crate::builtins::type_name(b),
                ));
            }
        }))
    })())
}

/// `abs(z)`, as CPython (inf when a part is infinite, even with a nan; OverflowError past the float range).
pub(crate) fn abs(c: C) -> PyResult<f64> {
    if c.re.is_infinite() || c.im.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if c.re.is_nan() || c.im.is_nan() {
        return Ok(f64::NAN);
    }
    let r = c.re.hypot(c.im);
    if r.is_infinite() {
        return Err(Exc::new("OverflowError", "absolute value too large"));
    }
    Ok(r)
}

/// CPython's hash of a complex.
pub(crate) fn hash(c: C, id: usize) -> i64 {
    let hr = crate::pyhash::hash_float(c.re, id) as u64;
    let hi = crate::pyhash::hash_float(c.im, id) as u64;
    let h = hr.wrapping_add(1_000_003u64.wrapping_mul(hi)) as i64;
    if h == -1 { -2 } else { h }
}

/// A float as `repr` writes it inside a complex (no `.0` added to integral values).
fn part(x: f64) -> String {
    let r = crate::format::repr_float(x);
    match r.strip_suffix(".0") {
        Some(s) => s.to_string(),
        None => r,
    }
}

/// `repr(z)` / `str(z)`.
pub(crate) fn repr(c: C) -> String {
    if c.re == 0.0 && c.re.is_sign_positive() {
        return format!("{}j", part(c.im));
    }
    let im = part(c.im);
    let im = if im.starts_with('-') {
        im
    } else {
        format!("+{im}")
    };
    format!("({}{im}j)", part(c.re))
}

/// Parses `complex('...')` (CPython's grammar: optional parens and spaces, `a`, `bj`, `a+bj`, `j`).
pub(crate) fn parse(s: &str) -> Option<C> {
    let s = s.trim();
    let s = match s.strip_prefix('(') {
        Some(inner) => inner.strip_suffix(')')?.trim(),
        None => s,
    };
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    // A float's end: digits, dots, underscores, exponent (with its sign), or a word (inf, nan, infinity).
    let float_at = |start: usize| -> Option<(f64, usize)> {
        let mut i = start;
        if i < b.len() && matches!(b[i], b'+' | b'-') {
            i += 1;
        }
        let body = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b'_')) {
            if matches!(b[i], b'e' | b'E')
                && i + 1 < b.len()
                && matches!(b[i + 1], b'+' | b'-')
                && b[body].is_ascii_digit() | (b[body] == b'.')
            {
                i += 2;
                continue;
            }
            i += 1;
        }
        let mut end = i;
        // The trailing `j` is not part of the float.
        if end > body && matches!(b[end - 1], b'j' | b'J') {
            end -= 1;
        }
        if end == body {
            return None;
        }
        let f = crate::methods::parse_float(&s[start..end])?;
        Some((f, end))
    };
    let is_j = |i: usize| i < b.len() && matches!(b[i], b'j' | b'J');
    // A bare `j`, `+j`, `-j`.
    let sign_j = |i: usize| -> Option<(f64, usize)> {
        let mut k = i;
        let mut sg = 1.0;
        if k < b.len() && matches!(b[k], b'+' | b'-') {
            if b[k] == b'-' {
                sg = -1.0;
            }
            k += 1;
        }
        if is_j(k) { Some((sg, k + 1)) } else { None }
    };
    if let Some((f, end)) = float_at(0) {
        if end == b.len() {
            return Some(C::new(f, 0.0));
        }
        if is_j(end) && end + 1 == b.len() {
            return Some(C::new(0.0, f));
        }
        if matches!(b[end], b'+' | b'-') {
            if let Some((g, e2)) = float_at(end) {
                if is_j(e2) && e2 + 1 == b.len() {
                    return Some(C::new(f, g));
                }
            }
            if let Some((g, e2)) = sign_j(end) {
                if e2 == b.len() {
                    return Some(C::new(f, g));
                }
            }
        }
        return None;
    }
    match sign_j(0) {
        Some((g, e)) if e == b.len() => Some(C::new(0.0, g)),
        _ => None,
    }
}

fn real_part(it: &mut Interp, v: &Value, first: bool) -> PyResult<Option<f64>> {
    if let Some(f) = crate::num::to_f64(v)? {
        return Ok(Some(f));
    }
    if let Some(m) = it.lookup_special(v, "__float__") {
        return match it.call(&m, vec![v.clone()], Vec::new())? {
            Value::Float(f) => Ok(Some(f.get())),
            other => Err(Exc::type_err(format!(
                "{}.__float__ returned non-float (type {})",
                crate::builtins::type_name(v),
                crate::builtins::type_name(&other)
            ))),
        };
    }
    if let Some(m) = it.lookup_special(v, "__index__") {
        let r = it.call(&m, vec![v.clone()], Vec::new())?;
        return crate::num::to_f64(&r);
    }
    let _ = first;
    Ok(None)
}

/// `__complex__` of an instance, checked as CPython checks it.
fn dunder_complex(it: &mut Interp, v: &Value) -> PyResult<Option<C>> {
    if let Some(m) = it.lookup_special(v, "__complex__") {
        return match it.call(&m, vec![v.clone()], Vec::new())? {
            Value::Complex(c) => Ok(Some(C::new(c.0, c.1))),
            other => Err(Exc::type_err(format!(
                "__complex__ returned non-complex (type {})",
                crate::builtins::type_name(&other)
            ))),
        };
    }
    Ok(None)
}

/// Any number-like value as a complex (`__complex__`, `__float__`, `__index__`), for `cmath`.
pub(crate) fn coerce(it: &mut Interp, v: &Value) -> PyResult<Option<C>> {
    if let Value::Complex(c) = v {
        return Ok(Some(C::new(c.0, c.1)));
    }
    if let Some(c) = dunder_complex(it, v)? {
        return Ok(Some(c));
    }
    Ok(real_part(it, v, true)?.map(|f| C::new(f, 0.0)))
}

/// `complex(real=0, imag=0)` and `complex(string)`.
pub(crate) fn b_complex(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut r: Option<Value> = args.first().cloned();
    let mut i: Option<Value> = args.get(1).cloned();
    if args.len() > 2 {
        return Err(Exc::type_err(format!(
            "complex() takes at most 2 arguments ({} given)",
            args.len() + kw.len()
        )));
    }
    for (k, v) in kw {
        let slot = match &**k {
            "real" => &mut r,
            "imag" => &mut i,
            other => {
                return Err(Exc::type_err(format!(
                    "complex() got an unexpected keyword argument '{other}'"
                )));
            }
        };
        if slot.is_some() {
            let pos = if &**k == "real" { 1 } else { 2 };
            return Err(Exc::type_err(format!(
                "argument for complex() given by name ('{k}') and position ({pos})"
            )));
        }
        *slot = Some(v.clone());
    }
    let Some(r) = r else {
        return Ok(value(C::new(
            0.0,
            i.map_or(Ok(0.0), |v| only_imag(it, &v))?,
        )));
    };
    if let Value::Str(s) = &r {
        if i.is_some() {
            return Err(Exc::type_err(
                "complex() can't take second arg if first is a string",
            ));
        }
        return parse(s)
            .map(value)
            .ok_or_else(|| Exc::value_err("complex() arg is a malformed string"));
    }
    if matches!(i, Some(Value::Str(_))) {
        return Err(Exc::type_err("complex() second arg can't be a string"));
    }
    if i.is_none() {
        if let Value::Complex(_) = r {
            return Ok(r);
        }
    }
    let (cr, cr_is_complex) = match &r {
        Value::Complex(c) => (C::new(c.0, c.1), true),
        _ => match dunder_complex(it, &r)? {
            Some(c) => (c, true),
            None => match real_part(it, &r, true)? {
                Some(f) => (C::new(f, 0.0), false),
                None => {
                    return Err(Exc::type_err(format!(
                        "complex() first argument must be a string or a number, not '{}'",
                        crate::builtins::type_name(&r)
                    )));
                }
            },
        },
    };
    let mut re = cr.re;
    let im = match &i {
        None => cr.im,
        Some(Value::Complex(c)) => {
            re -= c.1;
            if cr_is_complex { c.0 + cr.im } else { c.0 }
        }
        Some(v) => {
            let x = only_imag(it, v)?;
            if cr_is_complex { x + cr.im } else { x }
        }
    };
    Ok(value(C::new(re, im)))
}

fn only_imag(it: &mut Interp, v: &Value) -> PyResult<f64> {
    if let Value::Complex(c) = v {
        return Ok(c.0);
    }
    if matches!(v, Value::Str(_)) {
        return Err(Exc::type_err("complex() second arg can't be a string"));
    }
    real_part(it, v, false)?.ok_or_else(|| {
        Exc::type_err(format!(
            "complex() second argument must be a number, not '{}'",
            crate::builtins::type_name(v)
        ))
    })
}

fn this(args: &[Value], what: &str) -> PyResult<C> {
    match args.first() {
        Some(Value::Complex(c)) => Ok(C::new(c.0, c.1)),
        Some(Value::Instance(i)) if matches!(i.native, Some(Value::Complex(_))) => this(
            std::slice::from_ref(i.native.as_ref().unwrap_or(&Value::None)),
            what,
        ),
        Some(other) => Err(Exc::type_err(format!(
            "descriptor '{what}' for 'complex' objects doesn't apply to a '{}' object",
            crate::builtins::type_name(other)
        ))),
        None => Err(Exc::type_err(format!(
            "unbound method complex.{what}() needs an argument"
        ))),
    }
}

fn m_conjugate(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = this(args, "conjugate")?;
    Ok(value(C::new(c.re, -c.im)))
}

fn m_getnewargs(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = this(args, "__getnewargs__")?;
    Ok(Value::tuple(vec![Value::float(c.re), Value::float(c.im)]))
}

fn m_complex(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = this(args, "__complex__")?;
    Ok(value(c))
}

fn m_abs(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::float(abs(this(args, "__abs__")?)?))
}

fn m_bool(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = this(args, "__bool__")?;
    Ok(Value::bool(c.re != 0.0 || c.im != 0.0))
}

fn m_neg(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = this(args, "__neg__")?;
    Ok(value(C::new(-c.re, -c.im)))
}

fn m_pos(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(value(this(args, "__pos__")?))
}

fn m_repr(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    Ok(Value::str(&repr(this(args, "__repr__")?)))
}

fn m_hash(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let c = this(args, "__hash__")?;
    Ok(Value::Int(hash(c, args[0].identity())))
}

fn m_format(it: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    this(args, "__format__")?;
    let spec = match args.get(1) {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(Exc::type_err(format!(
                "__format__() argument must be str, not {}",
                crate::builtins::type_name(other)
            )));
        }
        None => {
            return Err(Exc::type_err(
                "complex.__format__() takes exactly one argument (0 given)",
            ));
        }
    };
    // A subclass instance formats the complex it carries.
    let z = match &args[0] {
        Value::Instance(i) => i.native.clone().unwrap_or(Value::None),
        v => v.clone(),
    };
    Ok(Value::str(&crate::format::format_spec(it, &z, &spec)?))
}

/// A binary dunder: `(self, other)`, reflected when `rev`.
fn binary(args: &[Value], op: BinOp, rev: bool, name: &str) -> PyResult<Value> {
    this(args, name)?;
    let other = args.get(1).cloned().unwrap_or(Value::None);
    let (a, b) = if rev {
        (other, args[0].clone())
    } else {
        (args[0].clone(), other)
    };
    match arith(&a, op, &b) {
        Some(r) => r,
        None => Ok(Value::NotImplemented),
    }
}

macro_rules! dunders {
    ($($f:ident $op:ident $rev:literal $name:literal;)*) => {
        $(fn $f(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
            binary(args, BinOp::$op, $rev, $name)
        })*
        const BINARY: &[(&str, crate::value::NativeFn)] = &[$(($name, $f)),*];
    };
}

dunders! {
    d_add Add false "__add__";
    d_radd Add true "__radd__";
    d_sub Sub false "__sub__";
    d_rsub Sub true "__rsub__";
    d_mul Mul false "__mul__";
    d_rmul Mul true "__rmul__";
    d_truediv Div false "__truediv__";
    d_rtruediv Div true "__rtruediv__";
}

fn d_pow(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    if args.get(2).is_some_and(|m| !matches!(m, Value::None)) {
        return Err(Exc::value_err("complex modulo"));
    }
    binary(args, BinOp::Pow, false, "__pow__")
}

fn d_rpow(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    if args.get(2).is_some_and(|m| !matches!(m, Value::None)) {
        return Err(Exc::value_err("complex modulo"));
    }
    binary(args, BinOp::Pow, true, "__rpow__")
}

fn d_eq(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    this(args, "__eq__")?;
    Ok(match eq(&args[0], args.get(1).unwrap_or(&Value::None)) {
        Some(b) => Value::bool(b),
        None => Value::NotImplemented,
    })
}

fn d_ne(_: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    this(args, "__ne__")?;
    Ok(match eq(&args[0], args.get(1).unwrap_or(&Value::None)) {
        Some(b) => Value::bool(!b),
        None => Value::NotImplemented,
    })
}

/// `a == b` where one side is a complex: exact against ints (a big int never equals a float part it
/// rounds to), `None` when the other side is not a number.
pub(crate) fn eq(a: &Value, b: &Value) -> Option<bool> {
    // A subclass instance compares as the value it carries.
    let carried = |v: &Value| match v {
        Value::Instance(i) if i.native.is_some() => i.native.clone(),
        _ => None,
    };
    if let Some(x) = carried(a) {
        return eq(&x, b);
    }
    if let Some(y) = carried(b) {
        return eq(a, &y);
    }
    let (c, other) = match (a, b) {
        (Value::Complex(c), o) | (o, Value::Complex(c)) => (C::new(c.0, c.1), o),
        _ => return None,
    };
    match other {
        Value::Complex(d) => Some(c.re == d.0 && c.im == d.1),
        Value::Int(_) | Value::Big(_) | Value::Bool(_) | Value::Float(_) => Some(
            c.im == 0.0
                && crate::num::num_cmp(&Value::float(c.re), other)
                    == Some(std::cmp::Ordering::Equal),
        ),
        _ => None,
    }
}

/// The attributes of a complex value (`real`, `imag`, and its methods bound to it).
pub(crate) fn attr(it: &Interp, v: &Value, name: &str) -> Option<Value> {
    let Value::Complex(c) = v else { return None };
    match name {
        "real" => return Some(Value::float(c.0)),
        "imag" => return Some(Value::float(c.1)),
        _ => {}
    }
    let cls = it.types.exc.get("complex")?;
    let f = cls.attrs.borrow().get_str(name).cloned()?;
    match f {
        Value::Builtin(b) => Some(Value::Builtin(Rc::new(crate::value::Builtin {
            name: b.name,
            func: b.func,
            this: Some(v.clone()),
        }))),
        other => Some(other),
    }
}

/// Fills the `complex` class's attributes (its methods as built-ins taking the value first).
pub(crate) fn fill_class(c: &crate::value::Class) {
    let mut attrs = c.attrs.borrow_mut();
    let methods: &[(&str, crate::value::NativeFn)] = &[
        ("conjugate", m_conjugate),
        ("__getnewargs__", m_getnewargs),
        ("__complex__", m_complex),
        ("__abs__", m_abs),
        ("__bool__", m_bool),
        ("__neg__", m_neg),
        ("__pos__", m_pos),
        ("__repr__", m_repr),
        ("__hash__", m_hash),
        ("__format__", m_format),
        ("__pow__", d_pow),
        ("__rpow__", d_rpow),
        ("__eq__", d_eq),
        ("__ne__", d_ne),
    ];
    for (n, f) in methods.iter().chain(BINARY) {
        let qual: &'static str = Box::leak(format!("complex.{n}").into_boxed_str());
        attrs.set_str(n, crate::builtins::builtin(qual, *f));
    }
    attrs.set_str("__new__", crate::builtins::builtin("complex", complex_new));
}

/// `complex.__new__(cls, real=0, imag=0)`: a complex, or for a subclass of complex an instance of it
/// carrying the complex (what `super().__new__(cls, ...)` in a subclass's `__new__` builds).
pub(crate) fn complex_new(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let Some(first) = args.first() else {
        return Err(Exc::type_err("complex.__new__(): not enough arguments"));
    };
    let Value::Class(cls) = first else {
        return Err(Exc::type_err(format!(
            "complex.__new__(X): X is not a type object ({})",
            crate::builtins::type_name(first)
        )));
    };
    let base = it.types.exc["complex"].clone();
    if Rc::ptr_eq(cls, &base) {
        return b_complex(it, &args[1..], kw);
    }
    if !cls.is_subclass(&base) {
        return Err(Exc::type_err(format!(
            "complex.__new__({}): {} is not a subtype of complex",
            cls.name, cls.name
        )));
    }
    let payload = b_complex(it, &args[1..], kw)?;
    Ok(subclass_instance(cls, payload))
}

/// An instance of `cls` (a subclass of complex) carrying the complex `payload`.
pub(crate) fn subclass_instance(cls: &Rc<crate::value::Class>, payload: Value) -> Value {
    let payload = match payload {
        // `complex(z)` of a subclass instance gives its value; the new instance carries a plain complex.
        Value::Instance(i) => i.native.clone().unwrap_or(Value::None),
        v => v,
    };
    let inst = Rc::new(crate::value::Instance {
        class: cls.clone(),
        dict: crate::value::Instance::new_dict(cls),
        hash: crate::value::no_user_hash(),
        native: Some(payload),
    });
    crate::interp::finalize::register(&inst);
    Value::Instance(inst)
}

/// `format(z, spec)` as CPython's complex formatter.
pub(crate) fn format(c: C, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(repr(c));
    }
    let sp = crate::format::parse_spec(spec)?;
    if sp.zero && sp.align.is_none() || (sp.fill == '0' && sp.align.is_some()) {
        return Err(Exc::value_err(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if sp.align == Some('=') {
        return Err(Exc::value_err(
            "Alignment flag '=' is not allowed in complex format specifier",
        ));
    }
    let mut ty = sp.ty.unwrap_or('r');
    if !matches!(ty, 'r' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') {
        return Err(Exc::value_err(format!(
            "Unknown format code '{ty}' for object of type 'complex'"
        )));
    }
    let mut skip_re = false;
    let mut parens = false;
    if sp.ty.is_none() {
        if c.re == 0.0 && c.re.is_sign_positive() {
            skip_re = true;
        } else {
            parens = true;
        }
    }
    if ty == 'n' {
        ty = 'g';
    }
    let prec = match sp.precision {
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
        None => 6,
    };
    let one = |x: f64| -> String {
        let body = if ty == 'r' {
            let r = part(x);
            r.trim_start_matches('-').to_string()
        } else {
            crate::format::fmt_float(x, ty, prec, sp.alt)
        };
        match sp.grouping {
            Some(g) if x.is_finite() => {
                let split = body
                    .find(|ch: char| !ch.is_ascii_digit())
                    .unwrap_or(body.len());
                let (int, rest) = body.split_at(split);
                format!("{}{rest}", crate::format::group(int, g, 3))
            }
            _ => body,
        }
    };
    let neg = |x: f64| x.is_sign_negative() && !x.is_nan();
    let sign = |negative: bool, s: Option<char>| -> &'static str {
        if negative {
            "-"
        } else {
            match s {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        }
    };
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(sign(neg(c.re), sp.sign));
        body.push_str(&one(c.re));
    }
    let im_sign = if skip_re { sp.sign } else { Some('+') };
    body.push_str(sign(neg(c.im), im_sign));
    body.push_str(&one(c.im));
    body.push('j');
    if parens {
        body.push(')');
    }
    let n = body.chars().count();
    if sp.width <= n {
        return Ok(body);
    }
    let fill_n = sp.width - n;
    let f = |k: usize| sp.fill.to_string().repeat(k);
    Ok(match sp.align.unwrap_or('>') {
        '<' => format!("{body}{}", f(fill_n)),
        '^' => format!("{}{body}{}", f(fill_n / 2), f(fill_n - fill_n / 2)),
        _ => format!("{}{body}", f(fill_n)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reprs_like_cpython() {
        // Recorded with CPython 3.11.
        assert_eq!(repr(C::new(0.0, 1.0)), "1j");
        assert_eq!(repr(C::new(-0.0, 1.0)), "(-0+1j)");
        assert_eq!(repr(C::new(1.5, -2.0)), "(1.5-2j)");
        assert_eq!(repr(C::new(1e16, f64::NAN)), "(1e+16+nanj)");
        assert_eq!(repr(C::new(0.0, f64::NEG_INFINITY)), "-infj");
    }

    #[test]
    fn parses_like_cpython() {
        assert_eq!(parse(" (1+2j) "), Some(C::new(1.0, 2.0)));
        assert_eq!(parse("-j"), Some(C::new(0.0, -1.0)));
        assert_eq!(parse("1e3-J"), Some(C::new(1000.0, -1.0)));
        assert_eq!(parse("1e-3j"), Some(C::new(0.0, 0.001)));
        assert_eq!(parse("1_0+2_5j"), Some(C::new(10.0, 25.0)));
        assert_eq!(parse("infj"), Some(C::new(0.0, f64::INFINITY)));
        assert_eq!(parse("1+"), None);
        assert_eq!(parse("j1"), None);
        assert_eq!(parse("1+2j+3"), None);
        assert_eq!(parse("( 1j"), None);
    }

    #[test]
    fn hashes_like_cpython() {
        assert_eq!(hash(C::new(1.0, 2.0), 0), 2_000_007);
        assert_eq!(hash(C::new(0.0, 1.0), 0), 1_000_003);
        assert_eq!(hash(C::new(1.5, 0.0), 0), 1_152_921_504_606_846_977);
    }
}
