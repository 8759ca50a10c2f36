//! The built-in constructors: `int()`, `float()`, `str()`, `bytes()`... and number parsing.

use super::*;

/// `s` with every Unicode decimal digit (`'٣'`, `'３'`) made its ASCII digit, as `int()` and `float()` read
/// them in CPython.
fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let table = crate::ucd::NUMERIC;
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                return c;
            }
            let cp = c as u32;
            let at = table.partition_point(|&(_, last, ..)| last < cp);
            match table.get(at) {
                Some(&(first, _, 0, value, 1)) if first <= cp && (0..10).contains(&value) => {
                    char::from_digit(value as u32, 10).unwrap_or(c)
                }
                _ => c,
            }
        })
        .collect::<String>()
        .into()
}

pub(crate) fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let s = ascii_digits(s);
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (base, t) = {
        let lower = t.to_ascii_lowercase();
        let pref = |p: &str, b: u32| -> Option<(u32, &str)> {
            if (base == 0 || base == b) && lower.starts_with(p) {
                Some((b, &t[2..]))
            } else {
                None
            }
        };
        pref("0x", 16)
            .or_else(|| pref("0o", 8))
            .or_else(|| pref("0b", 2))
            .unwrap_or((if base == 0 { 10 } else { base }, t))
    };
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return None;
    }
    let digits: String = t.chars().filter(|&c| c != '_').collect();
    if !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let v = BigInt::parse_bytes(digits.as_bytes(), base)?;
    Some(if neg { -v } else { v })
}

pub(crate) fn parse_float(s: &str) -> Option<f64> {
    let t = ascii_digits(s).trim().to_ascii_lowercase().replace('_', "");
    match t.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => {
            return Some(if t.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if t.is_empty()
        || t.chars()
            .any(|c| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-')))
    {
        return None;
    }
    t.parse().ok()
}

/// Calls a built-in type (`int("3")`, `list(x)`, `dict(a=1)`, `type(x)`...).
pub fn construct_builtin(
    it: &mut Interp,
    c: &Rc<Class>,
    args: Vec<Value>,
    kw: Vec<(RcStr, Value)>,
) -> PyResult<Value> {
    let name = c.name.clone();
    let one = |args: &[Value], kw: &[(RcStr, Value)]| -> PyResult<Option<Value>> {
        if !kw.is_empty() {
            return Err(Exc::type_err(format!(
                "{name}() takes no keyword arguments"
            )));
        }
        if args.len() > 1 {
            return Err(Exc::type_err(format!(
                "{name} expected at most 1 argument, got {}",
                args.len()
            )));
        }
        Ok(args.first().cloned())
    };
    match c.kind {
        Kind::Int => {
            let base_v = args.get(1).cloned().or_else(|| kwarg(&kw, "base").cloned());
            // An instance of a str subclass with no conversion method of its own is parsed as its str.
            let x = match args.first() {
                Some(v)
                    if crate::methods::text::str_of_subclass(v).is_some()
                        && ["__int__", "__index__", "__trunc__"]
                            .iter()
                            .all(|m| it.lookup_special(v, m).is_none()) =>
                {
                    crate::methods::text::str_of_subclass(v).map(|s| Value::Str(s.clone()))
                }
                other => other.cloned(),
            };
            if args.len() > 2 {
                return Err(Exc::type_err(format!(
                    "int() takes at most 2 arguments ({} given)",
                    args.len()
                )));
            }
            match (x, base_v) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Str(s)), b) => {
                    let base = match b {
                        Some(b) => to_index_of(it, &b)?,
                        None => 10,
                    };
                    if base != 0 && !(2..=36).contains(&base) {
                        return Err(Exc::value_err("int() base must be >= 2 and <= 36, or 0"));
                    }
                    crate::num::check_str_to_int(&s, base as u32)?;
                    it.charge(crate::format::int_str_ticks(s.len(), base as u32))?;
                    it.admit_pass(s.len(), 6.0)?;
                    match parse_int(&s, base as u32) {
                        Some(v) => Ok(Value::from_big(v)),
                        None => Err(Exc::value_err(format!(
                            "invalid literal for int() with base {base}: {}",
                            crate::format::repr_str(&s)
                        ))),
                    }
                }
                (Some(_), Some(_)) => Err(Exc::type_err(
                    "int() can't convert non-string with explicit base",
                )),
                (Some(v), None) => match &v {
                    Value::Int(_) | Value::Big(_) => Ok(v),
                    Value::Bool(b) => Ok(Value::Int(*b as i64)),
                    Value::Float(f) => crate::builtins::float_to_int(f.trunc()),
                    Value::Bytes(b) => {
                        match crate::num::check_str_to_int(&String::from_utf8_lossy(b), 10)
                            .map(|()| parse_int(&String::from_utf8_lossy(b), 10))?
                        {
                            Some(v) => Ok(Value::from_big(v)),
                            None => Err(Exc::value_err(format!(
                                "invalid literal for int() with base 10: {}",
                                crate::format::repr_bytes(b)
                            ))),
                        }
                    }
                    Value::Instance(_) => {
                        for m in ["__int__", "__index__", "__trunc__"] {
                            if let Some(f) = it.lookup_special(&v, m) {
                                return it.call(&f, vec![v.clone()], Vec::new());
                            }
                        }
                        Err(Exc::type_err(format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            type_name(&v)
                        )))
                    }
                    _ => Err(Exc::type_err(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        type_name(&v)
                    ))),
                },
            }
        }
        Kind::Float => {
            match one(&args, &kw)?.map(|v| match crate::methods::text::str_of_subclass(&v) {
                Some(s) if it.lookup_special(&v, "__float__").is_none() => Value::Str(s.clone()),
                _ => v,
            }) {
                None => Ok(Value::float(0.0)),
                Some(v) => match &v {
                    Value::Float(_) => Ok(v),
                    Value::Int(i) => Ok(Value::float(*i as f64)),
                    Value::Bool(b) => Ok(Value::float(*b as i64 as f64)),
                    Value::Big(b) => Ok(Value::float(num::big_to_f64(b)?)),
                    // Its copies, the parse, and the error's repr of a bad one: a few passes over the text.
                    Value::Str(s) => it.admit_pass(s.len(), 12.0).and_then(|()| {
                        parse_float(s).map(Value::float).ok_or_else(|| {
                            Exc::value_err(format!(
                                "could not convert string to float: {}",
                                crate::format::repr_str(s)
                            ))
                        })
                    }),
                    Value::Instance(_) => match it.lookup_special(&v, "__float__") {
                        Some(f) => it.call(&f, vec![v.clone()], Vec::new()),
                        None => Err(Exc::type_err(format!(
                            "float() argument must be a string or a real number, not '{}'",
                            type_name(&v)
                        ))),
                    },
                    _ => Err(Exc::type_err(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        type_name(&v)
                    ))),
                },
            }
        }
        Kind::Str => {
            crate::codec::check_params("str()", &args, &kw, 3, &["object", "encoding", "errors"])?;
            let obj = args.first().or_else(|| kwarg(&kw, "object")).cloned();
            let enc = crate::codec::encoding_args("str()", &args, 1, &kw)?;
            if enc.given() {
                return match obj {
                    None => Ok(Value::str("")),
                    Some(Value::Bytes(b)) => Ok(Value::Str(enc.decode_in(it, &b)?.into())),
                    Some(Value::Str(_)) => Err(Exc::type_err("decoding str is not supported")),
                    Some(v) if super::is_bytearray(&v) => Ok(Value::Str(
                        enc.decode_in(it, &super::bytearray_data(&v).unwrap_or_default())?
                            .into(),
                    )),
                    Some(v) => Err(Exc::type_err(format!(
                        "decoding to str: need a bytes-like object, {} found",
                        type_name(&v)
                    ))),
                };
            }
            match obj {
                None => Ok(Value::str("")),
                Some(Value::Str(s)) => Ok(Value::Str(s)),
                Some(Value::Int(i)) => Ok(Value::Str(int_to_rc(i))),
                Some(v) => Ok(Value::Str(it.to_str(&v)?.into())),
            }
        }
        Kind::Bool => match one(&args, &kw)? {
            None => Ok(Value::bool(false)),
            Some(v) => Ok(Value::bool(it.truthy(&v)?)),
        },
        Kind::List => match one(&args, &kw)? {
            None => Ok(Value::list(Vec::new())),
            Some(v) => Ok(Value::list(it.collect(&v)?)),
        },
        Kind::Tuple => match one(&args, &kw)? {
            None => Ok(Value::tuple(Vec::new())),
            Some(Value::Tuple(t)) => Ok(Value::Tuple(t)),
            Some(v) => {
                let items = it.collect(&v)?;
                // Moving the items into the tuple's block is one copy that cannot stop midway.
                it.admit_copy(items.len() * size_of::<Value>())?;
                Ok(Value::tuple(items))
            }
        },
        Kind::Set | Kind::FrozenSet => match one(&args, &kw)? {
            None => Ok(new_set(Default::default(), c.kind == Kind::FrozenSet)),
            Some(Value::Set(s)) if s.frozen && c.kind == Kind::FrozenSet => Ok(Value::Set(s)),
            Some(v) => {
                let m = crate::methods::to_items(it, &v)?;
                Ok(crate::methods::new_set_items(m, c.kind == Kind::FrozenSet))
            }
        },
        Kind::Dict => {
            if args.len() > 1 {
                return Err(Exc::type_err(format!(
                    "dict expected at most 1 argument, got {}",
                    args.len()
                )));
            }
            let d = Rc::new(RefCell::new(Dict::new()));
            dict_update(it, &d, &args, &kw)?;
            Ok(Value::Dict(d))
        }
        Kind::Bytes => {
            crate::codec::check_params(
                "bytes()",
                &args,
                &kw,
                3,
                &["source", "encoding", "errors"],
            )?;
            let source = args.first().or_else(|| kwarg(&kw, "source")).cloned();
            let enc = crate::codec::encoding_args("bytes()", &args, 1, &kw)?;
            match &source {
                Some(Value::Str(s)) if enc.encoding.is_some() => {
                    return Ok(Value::Bytes(enc.encode_in(it, s)?.into()));
                }
                Some(Value::Str(_)) => {
                    return Err(Exc::type_err("string argument without an encoding"));
                }
                _ if enc.encoding.is_some() => {
                    return Err(Exc::type_err("encoding without a string argument"));
                }
                _ if enc.errors.is_some() => {
                    return Err(Exc::type_err("errors without a string argument"));
                }
                _ => {}
            }
            bytes_from(it, source)
        }
        Kind::Range => {
            if !kw.is_empty() {
                return Err(Exc::type_err("range() takes no keyword arguments"));
            }
            // The common case: ints that fit, with a length that fits.
            let small = match args.as_slice() {
                [Value::Int(b)] => Some((0, *b, 1)),
                [Value::Int(a), Value::Int(b)] => Some((*a, *b, 1)),
                [Value::Int(a), Value::Int(b), Value::Int(s)] if *s != 0 => Some((*a, *b, *s)),
                _ => None,
            };
            if let Some(r) = small
                && (r.2 > 0 && (r.1 as i128 - r.0 as i128) < i64::MAX as i128
                    || r.2 < 0 && (r.0 as i128 - r.1 as i128) < i64::MAX as i128)
            {
                return Ok(Value::Range(Rc::new(r)));
            }
            let mut ints: Vec<num_bigint::BigInt> = Vec::with_capacity(args.len());
            for a in args {
                let n = index_value(it, &a)?.unwrap_or(a);
                ints.push(match n {
                    Value::Int(i) => i.into(),
                    Value::Bool(b) => (b.get() as i64).into(),
                    Value::Big(b) => (*b).clone(),
                    other => {
                        return Err(Exc::type_err(format!(
                            "'{}' object cannot be interpreted as an integer",
                            crate::builtins::type_name(&other)
                        )));
                    }
                });
            }
            let one = || num_bigint::BigInt::from(1);
            let (a, b, s) = match <[_; 1]>::try_from(ints) {
                Ok([b]) => (0.into(), b, one()),
                Err(ints) => match <[_; 2]>::try_from(ints) {
                    Ok([a, b]) => (a, b, one()),
                    Err(ints) => match <[_; 3]>::try_from(ints) {
                        Ok([a, b, s]) => (a, b, s),
                        Err(ints) if ints.is_empty() => {
                            return Err(Exc::type_err("range expected at least 1 argument, got 0"));
                        }
                        Err(ints) => {
                            return Err(Exc::type_err(format!(
                                "range expected at most 3 arguments, got {}",
                                ints.len()
                            )));
                        }
                    },
                },
            };
            if num_traits::Zero::is_zero(&s) {
                return Err(Exc::value_err("range() arg 3 must not be zero"));
            }
            Ok(crate::methods::bigrange::make(a, b, s))
        }
        Kind::Type => {
            if args.len() != 2 {
                return crate::builtins::type_new_impl(it, c, args, kw);
            }
            if args.len() == 3 {
                let Value::Str(n) = &args[0] else {
                    return Err(Exc::type_err("type.__new__() argument 1 must be str"));
                };
                let bases = match &args[1] {
                    Value::Tuple(t) => t
                        .iter()
                        .map(|b| match b {
                            Value::Class(c) => Ok(c.clone()),
                            _ => Err(Exc::type_err("bases must be types")),
                        })
                        .collect::<PyResult<Vec<_>>>()?,
                    other => {
                        return Err(Exc::type_err(format!(
                            "type.__new__() argument 2 must be tuple, not {}",
                            type_name(other)
                        )));
                    }
                };
                let Value::Dict(d) = &args[2] else {
                    return Err(Exc::type_err("type.__new__() argument 3 must be dict"));
                };
                let dict = d.borrow().clone();
                return crate::builtins::new_class(it, n.clone(), n.clone(), bases, dict);
            }
            Err(Exc::type_err("type() takes 1 or 3 arguments"))
        }
        Kind::Slice => {
            let g = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
            Ok(match args.len() {
                1 => Value::Slice(Rc::new((Value::None, g(0), Value::None))),
                2 | 3 => Value::Slice(Rc::new((g(0), g(1), g(2)))),
                n => {
                    return Err(Exc::type_err(format!(
                        "slice expected at least 1 argument, got {n}"
                    )));
                }
            })
        }
        // The singletons' types return the singleton (`type(None)()` is None).
        Kind::NoneType | Kind::Ellipsis | Kind::NotImplementedType => {
            if !args.is_empty() || !kw.is_empty() {
                return Err(Exc::type_err(format!("{} takes no arguments", c.name)));
            }
            Ok(match c.kind {
                Kind::NoneType => Value::None,
                Kind::Ellipsis => Value::Ellipsis,
                _ => Value::NotImplemented,
            })
        }
        // `types.ModuleType(name, doc=None)`: an empty module.
        Kind::Module => {
            let name = args.first().or_else(|| kwarg(&kw, "name")).cloned();
            let doc = args.get(1).or_else(|| kwarg(&kw, "doc")).cloned();
            let Some(Value::Str(name)) = name else {
                return Err(match name {
                    None => {
                        Exc::type_err("module.__init__() missing required argument 'name' (pos 1)")
                    }
                    Some(v) => Exc::type_err(format!(
                        "module.__init__() argument 'name' must be str, not {}",
                        crate::builtins::type_name(&v)
                    )),
                });
            };
            let mut d = crate::value::Dict::new();
            d.set_str("__name__", Value::Str(name.clone()));
            d.set_str("__doc__", doc.unwrap_or(Value::None));
            for k in ["__package__", "__loader__", "__spec__"] {
                d.set_str(k, Value::None);
            }
            Ok(Value::Module(Rc::new(crate::value::Module {
                name,
                dict: Rc::new(std::cell::RefCell::new(d)),
            })))
        }
        // `enumerate`, `zip`, `map`, `filter` and `reversed` are classes, as in CPython; calling one makes
        // its iterator.
        // itertools' classes make their native iterators.
        Kind::Iterator if &*c.module == "itertools" => {
            crate::stdlib::itertools::construct(it, c, &args, &kw)
        }
        Kind::Iterator => {
            let f: crate::value::NativeFn = match &**c.name {
                "enumerate" => crate::builtins::b_enumerate,
                "zip" => crate::builtins::b_zip,
                "map" => crate::builtins::b_map,
                "filter" => crate::builtins::b_filter,
                "reversed" => crate::builtins::b_reversed,
                _ => {
                    return Err(Exc::type_err(format!(
                        "cannot create '{}' instances",
                        c.name
                    )));
                }
            };
            f(it, &args, &kw)
        }
        _ => Err(Exc::type_err(format!(
            "cannot create '{}' instances",
            c.name
        ))),
    }
}

/// Decimal text of an i64 as an `RcStr` (one allocation, no formatting machinery).
pub fn int_to_rc(i: i64) -> RcStr {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let neg = i < 0;
    let mut n = i.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // SAFETY: `buf[at..]` holds only the ASCII digits written above.
    let digits = unsafe { std::str::from_utf8_unchecked(&buf[at..]) };
    if neg {
        RcStr::concat(&["-", digits])
    } else {
        RcStr::from(digits)
    }
}

/// `bytes(source)` without an encoding: empty, `n` zero bytes, or the ints of an iterable.
pub(crate) fn bytes_from(it: &mut Interp, source: Option<Value>) -> PyResult<Value> {
    match &source {
        None => Ok(Value::Bytes(RcSlice::default())),
        Some(Value::Int(n)) => {
            if *n < 0 {
                return Err(Exc::value_err("negative count"));
            }
            let n = *n as usize;
            it.check_len(n)?;
            if n < 1 << 20 {
                return Ok(Value::Bytes(vec![0u8; n].into()));
            }
            // Written straight into the object in charged pieces (a gigabyte of zeros is a second of
            // page faults on a loaded machine), so the deadline stops it midway.
            static ZEROS: [u8; 1 << 18] = [0; 1 << 18];
            let parts = std::iter::repeat_n(&ZEROS[..], n / ZEROS.len())
                .chain(std::iter::once(&ZEROS[..n % ZEROS.len()]));
            it.concat_bytes_ticking(n, parts).map(Value::Bytes)
        }
        Some(v) if super::is_bytearray(v) => {
            // Two copies (out of the bytearray, into the object): sized first.
            let n = super::bytearray_len(v).unwrap_or(0);
            it.check_len(n)?;
            it.admit_pass(n.saturating_mul(2), 0.5)?;
            Ok(Value::Bytes(
                super::bytearray_data(v).unwrap_or_default().into(),
            ))
        }
        Some(v) if super::is_memoryview(v) => match super::memoryview_nbytes(v)
            .map(|n| {
                it.check_len(n)
                    .and_then(|()| it.admit_pass(n.saturating_mul(2), 0.5))
            })
            .transpose()?
            .and_then(|()| super::memoryview_bytes(v))
        {
            Some(b) => Ok(Value::Bytes(b.into())),
            None => Err(Exc::value_err(
                "operation forbidden on released memoryview object",
            )),
        },
        // An object with `__index__` (and no `__bytes__`, which the caller asked first): that many zeros.
        Some(v @ Value::Instance(_)) if it.lookup_special(v, "__index__").is_some() => {
            let n = to_index_of(it, v)?;
            bytes_from(it, Some(Value::Int(n)))
        }
        Some(v) => {
            if !it.is_iterable(v) {
                return Err(Exc::type_err(format!(
                    "cannot convert '{}' object to bytes",
                    type_name(v)
                )));
            }
            let items = it.collect(v)?;
            let mut out = Vec::with_capacity(items.len());
            for x in items {
                let i = to_index_of(it, &x)?;
                if !(0..256).contains(&i) {
                    return Err(Exc::value_err("bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            Ok(Value::Bytes(out.into()))
        }
    }
}

/// The `(encoding='utf-8', errors='strict')` parameters of `str.encode` and `bytes.decode`, checked as
/// CPython checks them.
pub(crate) fn codec_call<'a>(
    who: &str,
    args: &'a [Value],
    kw: Kw<'a>,
) -> PyResult<crate::codec::EncodingArgs<'a>> {
    crate::codec::check_params(who, args, kw, 2, &["encoding", "errors"])?;
    crate::codec::encoding_args(who, args, 0, kw)
}
