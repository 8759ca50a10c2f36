//! Methods of `int` and `float`.

use super::*;

pub(crate) fn int_method(
    it: &mut Interp,
    v: &Value,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let b = num::to_big(v).unwrap_or_default();
    match name {
        "bit_length" => {
            arity_of("int", name, args, 0, 0)?;
            Ok(Value::Int(b.abs().bits() as i64))
        }
        "bit_count" => {
            arity_of("int", name, args, 0, 0)?;
            Ok(Value::Int(
                b.abs()
                    .to_u64_digits()
                    .1
                    .iter()
                    .map(|d| d.count_ones() as i64)
                    .sum(),
            ))
        }
        "conjugate" => Ok(Value::from_big(b)),
        "as_integer_ratio" => Ok(Value::tuple(vec![Value::from_big(b), Value::Int(1)])),
        "to_bytes" => {
            let length = match pos_or_kw(args, kw, 0, "length") {
                Some(v) => to_index_of(it, v)?,
                None => 1,
            };
            let order = match pos_or_kw(args, kw, 1, "byteorder") {
                Some(Value::Str(s)) => s.to_string(),
                _ => "big".into(),
            };
            let signed = match kwarg(kw, "signed") {
                Some(v) => it.truthy(v)?,
                None => false,
            };
            if b.is_negative() && !signed {
                return Err(Exc::new(
                    "OverflowError",
                    "can't convert negative int to unsigned",
                ));
            }
            let mut bytes = if signed {
                b.to_signed_bytes_le()
            } else {
                b.to_bytes_le().1
            };
            // Zero needs no byte at all (`(0).to_bytes(0, 'big')` is `b''`).
            if b.is_zero() {
                bytes = Vec::new();
            }
            if length < 0 {
                return Err(Exc::value_err("length argument must be non-negative"));
            }
            let length = usize::try_from(length).map_err(|_| {
                Exc::new(
                    "OverflowError",
                    "Python int too large to convert to C ssize_t",
                )
            })?;
            if bytes.len() > length {
                return Err(Exc::new("OverflowError", "int too big to convert"));
            }
            let fill = if b.is_negative() { 0xff } else { 0 };
            let more = length - bytes.len();
            it.grow_vec(&mut bytes, more)?;
            bytes.resize(length, fill);
            if order == "big" {
                bytes.reverse();
            }
            Ok(Value::Bytes(bytes.into()))
        }
        "from_bytes" => int_from_bytes(it, args, kw),
        _ => crate::dunders::call(it, v, name, args, kw),
    }
}

pub(crate) fn int_from_bytes(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = match args.first() {
        Some(Value::Bytes(b)) => b.clone(),
        Some(v) if super::is_bytearray(v) => super::bytearray_data(v).unwrap_or_default().into(),
        _ => return Err(Exc::type_err("cannot convert to bytes")),
    };
    // An int of 8 bits a byte: within `max_len` bits and the memory limit, its conversion (a few
    // passes over the bytes) charged and admitted against the deadline before it starts.
    it.big_admit(b.len() as f64 * 8.0, b.len() as f64 * 2.0)?;
    let order = match pos_or_kw(args, kw, 1, "byteorder") {
        Some(Value::Str(s)) => s.to_string(),
        _ => "big".into(),
    };
    let signed = matches!(kwarg(kw, "signed"), Some(Value::Bool(PyBool::True)));
    let mut bytes = b.to_vec();
    if order == "big" {
        bytes.reverse();
    }
    let v = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes)
    };
    Ok(Value::from_big(v))
}

pub(crate) fn float_method(
    it: &mut Interp,
    f: f64,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    match name {
        "is_integer" => {
            arity_of("float", name, args, 0, 0)?;
            Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
        }
        "conjugate" => Ok(Value::float(f)),
        "as_integer_ratio" => {
            if f.is_infinite() {
                return Err(Exc::new(
                    "OverflowError",
                    "cannot convert Infinity to integer ratio",
                ));
            }
            if f.is_nan() {
                return Err(Exc::value_err("cannot convert NaN to integer ratio"));
            }
            let mut m = f;
            let mut e = 0i32;
            while m.fract() != 0.0 {
                m *= 2.0;
                e += 1;
            }
            let num = crate::builtins::float_to_big(m);
            let den = BigInt::from(1) << e as usize;
            let g = num_integer::Integer::gcd(&num, &den);
            Ok(Value::tuple(vec![
                Value::from_big(&num / &g),
                Value::from_big(&den / &g),
            ]))
        }
        "hex" => {
            if f == 0.0 {
                return Ok(Value::str(if f.is_sign_negative() {
                    "-0x0.0p+0"
                } else {
                    "0x0.0p+0"
                }));
            }
            let bits = f.to_bits();
            let sign = if f < 0.0 { "-" } else { "" };
            let exp = ((bits >> 52) & 0x7ff) as i64;
            let mant = bits & ((1 << 52) - 1);
            let (lead, e) = if exp == 0 {
                (0, -1022)
            } else {
                (1, exp - 1023)
            };
            let m = format!("{mant:013x}");
            Ok(Value::Str(
                format!(
                    "{sign}0x{lead}.{m}p{}{}",
                    if e < 0 { "-" } else { "+" },
                    e.abs()
                )
                .into(),
            ))
        }
        "fromhex" => float_fromhex(args),
        _ => crate::dunders::call(it, &Value::float(f), name, args, kw),
    }
}

pub(crate) fn float_fromhex(args: &[Value]) -> PyResult<Value> {
    let Some(Value::Str(s)) = args.first() else {
        return Err(Exc::type_err("fromhex() argument must be str"));
    };
    let t = s.trim().to_lowercase();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, t.trim_start_matches('+').to_string()),
    };
    let t = t.trim_start_matches("0x");
    let (m, e) = t.split_once('p').unwrap_or((t, "0"));
    let (ip, fp) = m.split_once('.').unwrap_or((m, ""));
    let mut v = 0f64;
    for c in ip.chars() {
        v = v * 16.0
            + c.to_digit(16)
                .ok_or_else(|| Exc::value_err("invalid hexadecimal floating-point string"))?
                as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in fp.chars() {
        v += c
            .to_digit(16)
            .ok_or_else(|| Exc::value_err("invalid hexadecimal floating-point string"))?
            as f64
            * scale;
        scale /= 16.0;
    }
    let e: i32 = e
        .parse()
        .map_err(|_| Exc::value_err("invalid hexadecimal floating-point string"))?;
    let r = v * 2f64.powi(e);
    Ok(Value::float(if neg { -r } else { r }))
}

// ------------------------------------------------------------------------------------------- bytes
