//! `binascii`: conversions between binary data and ASCII encodings (base64, hex, uu, quoted-printable
//! is not provided), `crc32` and `crc_hqx`, with CPython 3.11's decoding rules (the lenient and the
//! `strict_mode` base64 decoder) and its `binascii.Error` / `binascii.Incomplete` texts. `base64` is built
//! on these functions, as CPython's is.

use super::{Kw, bind_args};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn err(it: &mut Interp, msg: &str) -> Box<Exc> {
    super::module_exc(it, "binascii", "Error", msg)
}

/// A bytes-like argument (what the `b2a_*` functions and `crc32` take).
pub(crate) fn bytes_like(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        v @ Value::Instance(_) if super::array::is_array(v) => super::array::bytes_of(v),
        other => Err(Exc::type_err(format!(
            "a bytes-like object is required, not '{}'",
            crate::builtins::type_name(other)
        ))),
    }
}

/// What the `a2b_*` functions take: bytes, or a str of ASCII characters.
pub(crate) fn ascii_data(v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Str(s) if s.is_ascii() => Ok(s.as_bytes().to_vec()),
        Value::Str(_) => Err(Exc::value_err(
            "string argument should contain only ASCII characters",
        )),
        other => Err(Exc::type_err(format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            crate::builtins::type_name(other)
        ))),
    }
}

fn bytes_val(b: Vec<u8>) -> Value {
    Value::Bytes(b.into())
}

fn flag(it: &mut Interp, v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => it.truthy(v),
        None => Ok(default),
    }
}

/// Base64 text of `data` (no newline).
pub(crate) fn b64_encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 {
            B64[(n >> 6) as usize & 63]
        } else {
            b'='
        });
        out.push(if chunk.len() > 2 {
            B64[n as usize & 63]
        } else {
            b'='
        });
    }
    out
}

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// CPython's base64 decoder: lenient (non-alphabet bytes skipped, decoding stops at a complete pad) or
/// strict. `Err` carries the `binascii.Error` text.
pub(crate) fn b64_decode(data: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    if strict && data.first() == Some(&b'=') {
        return Err("Leading padding not allowed".into());
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut quad, mut left, mut pads) = (0u8, 0u8, 0u8);
    let mut padding = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding = true;
            if quad >= 2 && {
                pads += 1;
                quad + pads >= 4
            } {
                if strict && i + 1 < data.len() {
                    return Err("Excess data after padding".into());
                }
                return Ok(out);
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push(left << 2 | v >> 4);
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push(left << 4 | v >> 2);
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push(left << 6 | v);
                left = 0;
            }
        }
    }
    match quad {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        )),
        _ => Err("Incorrect padding".into()),
    }
}

fn b2a_base64(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 2.0, 1.4)?;
    let a = bind_args("b2a_base64", args, kw, &["data", "newline"], 1, 1, 1)?;
    let data = bytes_like(a[0].as_ref().unwrap_or(&Value::None))?;
    let newline = flag(it, &a[1], true)?;
    let mut out = b64_encode(&data);
    if newline {
        out.push(b'\n');
    }
    Ok(bytes_val(out))
}

fn a2b_base64(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 1.0)?;
    let a = bind_args("a2b_base64", args, kw, &["data", "strict_mode"], 1, 1, 1)?;
    let data = ascii_data(a[0].as_ref().unwrap_or(&Value::None))?;
    let strict = flag(it, &a[1], false)?;
    match b64_decode(&data, strict) {
        Ok(v) => Ok(bytes_val(v)),
        Err(m) => Err(err(it, &m)),
    }
}

fn hex_of(data: &[u8], sep: Option<u8>, per: i64) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(data.len() * 3);
    let n = data.len();
    let group = per.unsigned_abs() as usize;
    for (i, b) in data.iter().enumerate() {
        if let Some(s) = sep {
            if i > 0 && group > 0 {
                // Positive: groups counted from the right; negative: from the left.
                let boundary = if per > 0 {
                    (n - i) % group == 0
                } else {
                    i % group == 0
                };
                if boundary {
                    out.push(s);
                }
            }
        }
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 15) as usize]);
    }
    out
}

/// `hexlify(data, sep=None, bytes_per_sep=1)`, also `bytes.hex`/`bytearray.hex` (their `data` is the
/// receiver, put first by the caller): the hex digits with `sep` between each group of bytes.
pub(crate) fn hexlify_impl(fname: &str, args: &[Value], kw: Kw<'_>) -> PyResult<Vec<u8>> {
    let a = bind_args(fname, args, kw, &["data", "sep", "bytes_per_sep"], 0, 3, 1)?;
    let data = bytes_like(a[0].as_ref().unwrap_or(&Value::None))?;
    let sep = match &a[1] {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) if s.len() == 1 && s.is_ascii() => Some(s.as_bytes()[0]),
        Some(Value::Bytes(b)) if b.len() == 1 => Some(b[0]),
        Some(Value::Str(s)) if !s.is_ascii() && s.chars().count() == 1 => {
            return Err(Exc::value_err("sep must be ASCII."));
        }
        Some(Value::Str(_) | Value::Bytes(_)) => {
            return Err(Exc::value_err("sep must be length 1."));
        }
        Some(other) => {
            return Err(Exc::type_err(format!(
                "sep must be str or bytes, not '{}'",
                crate::builtins::type_name(other)
            )));
        }
    };
    let per = match &a[2] {
        None => 1,
        Some(v) => crate::builtins::to_index(v)?,
    };
    Ok(hex_of(&data, sep, per))
}

fn hexlify(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 2.0, 2.0)?;
    Ok(bytes_val(hexlify_impl("hexlify", args, kw)?))
}

fn b2a_hex(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 2.0, 2.0)?;
    Ok(bytes_val(hexlify_impl("b2a_hex", args, kw)?))
}

fn unhex(it: &mut Interp, fname: &str, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let a = bind_args(fname, args, kw, &["hexstr"], 1, 1, 1)?;
    let data = ascii_data(a[0].as_ref().unwrap_or(&Value::None))?;
    if data.len() % 2 != 0 {
        return Err(err(it, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for p in data.chunks(2) {
        let hi = (p[0] as char).to_digit(16);
        let lo = (p[1] as char).to_digit(16);
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(err(it, "Non-hexadecimal digit found")),
        }
    }
    Ok(bytes_val(out))
}

fn unhexlify(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 0.5)?;
    unhex(it, "unhexlify", args, kw)
}

fn a2b_hex(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 0.5)?;
    unhex(it, "a2b_hex", args, kw)
}

/// The CRC-32 of `data` continuing from `crc` (zlib's polynomial, as `binascii.crc32`).
pub(crate) fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn int_arg(v: &Value) -> PyResult<num_bigint::BigInt> {
    match v {
        Value::Int(i) => Ok((*i).into()),
        Value::Bool(b) => Ok((**b as i64).into()),
        Value::Big(b) => Ok((**b).clone()),
        other => Err(Exc::type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::builtins::type_name(other)
        ))),
    }
}

/// The low 32 (or 16) bits of an int, as C's unsigned conversion keeps them.
fn low_bits(n: &num_bigint::BigInt, bits: u32) -> u32 {
    let m = num_bigint::BigInt::from(1u64 << bits);
    let r = ((n % &m) + &m) % &m;
    u32::try_from(r).unwrap_or(0)
}

fn crc32(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 1.0, 0.0)?;
    super::arity("crc32", args, kw, 1, 2)?;
    let data = bytes_like(&args[0])?;
    let start = match args.get(1) {
        Some(v) => low_bits(&int_arg(v)?, 32),
        None => 0,
    };
    Ok(Value::Int(crc32_update(start, &data) as i64))
}

fn crc_hqx(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 2.0, 0.0)?;
    super::arity("crc_hqx", args, kw, 2, 2)?;
    let data = bytes_like(&args[0])?;
    let mut crc = low_bits(&int_arg(&args[1])?, 16);
    for &b in &data {
        crc ^= (b as u32) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
            crc &= 0xffff;
        }
    }
    Ok(Value::Int(crc as i64))
}

fn b2a_uu(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 1.4)?;
    let a = bind_args("b2a_uu", args, kw, &["data", "backtick"], 1, 1, 1)?;
    let data = bytes_like(a[0].as_ref().unwrap_or(&Value::None))?;
    let backtick = flag(it, &a[1], false)?;
    if data.len() > 45 {
        return Err(err(it, "At most 45 bytes at once"));
    }
    let enc = |v: u8| -> u8 { if backtick && v == 0 { b'`' } else { b' ' + v } };
    let mut out = vec![enc(data.len() as u8)];
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for shift in [18, 12, 6, 0] {
            out.push(enc(((n >> shift) & 63) as u8));
        }
    }
    out.push(b'\n');
    Ok(bytes_val(out))
}

fn a2b_uu(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 1.0)?;
    super::arity("a2b_uu", args, kw, 1, 1)?;
    let data = ascii_data(&args[0])?;
    let data: &[u8] = {
        let mut end = data.len();
        while end > 0 && matches!(data[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        &data[..end]
    };
    let Some((&first, rest)) = data.split_first() else {
        return Ok(bytes_val(vec![0; 32]));
    };
    let n = (first.wrapping_sub(b' ') & 0x3f) as usize;
    let dec = |c: u8| -> Option<u8> {
        if c == b'`' || c == b'\n' || c == b'\r' {
            Some(0)
        } else if (b' '..=b' ' + 64).contains(&c) {
            Some((c - b' ') & 0x3f)
        } else {
            None
        }
    };
    let mut bits: Vec<u8> = Vec::new();
    for &c in rest {
        match dec(c) {
            Some(v) => bits.push(v),
            None => return Err(err(it, "Illegal char")),
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut k = 0;
    while out.len() < n {
        let q: Vec<u8> = (0..4)
            .map(|j| bits.get(k + j).copied().unwrap_or(0))
            .collect();
        let v = (q[0] as u32) << 18 | (q[1] as u32) << 12 | (q[2] as u32) << 6 | q[3] as u32;
        for shift in [16, 8, 0] {
            if out.len() < n {
                out.push((v >> shift) as u8);
            }
        }
        k += 4;
    }
    // Whatever follows the encoded bytes must be padding.
    for &c in rest.iter().skip(n.div_ceil(3) * 4) {
        if !matches!(c, b' ' | b'`' | b'\n' | b'\r') {
            return Err(err(it, "Trailing garbage"));
        }
    }
    Ok(bytes_val(out))
}

const SOURCE: &str = r#"
class Error(ValueError):
    pass

class Incomplete(Exception):
    pass

Error.__module__ = "binascii"
Incomplete.__module__ = "binascii"
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "binascii",
        "Conversion between binary data and ASCII",
        &[
            ("b2a_base64", b2a_base64),
            ("a2b_base64", a2b_base64),
            ("hexlify", hexlify),
            ("b2a_hex", b2a_hex),
            ("unhexlify", unhexlify),
            ("a2b_hex", a2b_hex),
            ("crc32", crc32),
            ("crc_hqx", crc_hqx),
            ("b2a_uu", b2a_uu),
            ("a2b_uu", a2b_uu),
        ],
        SOURCE,
    )
}
