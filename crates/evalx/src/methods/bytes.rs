//! Methods of `bytes` and `bytearray`.

use super::*;

pub(crate) fn bytes_method(
    it: &mut Interp,
    b: &RcSlice<u8>,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Value> {
    let as_bytes = |v: &Value| -> PyResult<Vec<u8>> {
        match v {
            Value::Bytes(x) => Ok(x.to_vec()),
            v if super::is_bytearray(v) => Ok(super::bytearray_data(v).unwrap_or_default()),
            _ => Err(Exc::type_err(format!(
                "a bytes-like object is required, not '{}'",
                type_name(v)
            ))),
        }
    };
    match name {
        "decode" => {
            let enc = codec_call("decode()", args, kw)?;
            Ok(Value::Str(enc.decode_in(it, b)?.into()))
        }
        "hex" if args.is_empty() && kw.is_empty() => Ok(Value::Str(
            b.iter()
                .map(|x| format!("{x:02x}"))
                .collect::<String>()
                .into(),
        )),
        "hex" => {
            // `hex(sep, bytes_per_sep)`: binascii.hexlify's grouping.
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(Value::Bytes(b.clone()));
            full.extend(args.iter().cloned());
            let digits = crate::stdlib::binascii::hexlify_impl("hex", &full, kw)?;
            Ok(Value::Str(
                String::from_utf8_lossy(&digits).into_owned().into(),
            ))
        }
        "upper" => Ok(Value::Bytes(b.to_ascii_uppercase().into())),
        "lower" => Ok(Value::Bytes(b.to_ascii_lowercase().into())),
        "strip" if matches!(args.first(), None | Some(Value::None)) => {
            let s: &[u8] = b;
            let start = s
                .iter()
                .position(|c| !c.is_ascii_whitespace())
                .unwrap_or(s.len());
            let end = s
                .iter()
                .rposition(|c| !c.is_ascii_whitespace())
                .map(|e| e + 1)
                .unwrap_or(start);
            Ok(Value::Bytes(s[start..end.max(start)].into()))
        }
        "join" => {
            let items = it.collect(args.first().unwrap_or(&Value::None))?;
            let mut out = Vec::new();
            let mut r = Ok(());
            for (i, x) in items.iter().enumerate() {
                // Fallible growth within the limits, and the copying charged as it goes.
                r = as_bytes(x).and_then(|p| {
                    let more = p.len() + if i > 0 { b.len() } else { 0 };
                    if out.capacity() - out.len() < more {
                        let more = more.max(out.len());
                        it.grow_vec(&mut out, more)?;
                    }
                    if i > 0 {
                        out.extend_from_slice(b);
                    }
                    out.extend_from_slice(&p);
                    it.charge(1 + (p.len() as u64 >> 6))
                });
                if r.is_err() {
                    break;
                }
            }
            let r = r.and_then(|()| it.admit_copy(out.len()));
            match &r {
                // A limit stopped it: freeing millions of items waits (see `Interp::bury`).
                Err(e) => it.bury(e, items),
                Ok(_) => it.drop_ticking(items),
            }
            r?;
            Ok(Value::Bytes(out.into()))
        }
        _ => match bytes_more(it, b, name, args, kw)? {
            Some(v) => Ok(v),
            None => crate::dunders::call(it, &Value::Bytes(b.clone()), name, args, kw),
        },
    }
}

/// Bytes as the str of the same code points (latin-1): the methods that only compare and move bytes run as
/// the str methods on it, exactly.
fn latin1(b: &[u8]) -> Value {
    Value::Str(b.iter().map(|&c| c as char).collect::<String>().into())
}

/// A str result (of latin-1 code points) back to bytes; lists and tuples item by item.
fn unlatin1(v: Value) -> Value {
    match v {
        Value::Str(s) => Value::Bytes(
            s.chars()
                .map(|c| c as u32 as u8)
                .collect::<Vec<u8>>()
                .into(),
        ),
        Value::List(l) => {
            let items: Vec<Value> = l.borrow().iter().cloned().map(unlatin1).collect();
            Value::list(items)
        }
        Value::Tuple(t) => Value::tuple(t.iter().cloned().map(unlatin1).collect()),
        other => other,
    }
}

/// The bytes of a bytes-like value (bytes, bytearray, memoryview).
pub(crate) fn bytes_like(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Bytes(x) => Some(x.to_vec()),
        v if super::is_bytearray(v) => super::bytearray_data(v),
        v if super::is_memoryview(v) => super::memoryview_bytes(v),
        _ => None,
    }
}

/// An argument of a delegated method: bytes-likes become latin-1 str (a tuple of them too), a str is
/// refused as CPython refuses it, and an int in `sub` position (`b.find(98)`) is that byte.
fn delegated_arg(v: &Value, sub: bool) -> PyResult<Value> {
    if let Some(b) = bytes_like(v) {
        return Ok(latin1(&b));
    }
    match v {
        Value::Tuple(t) => Ok(Value::tuple(
            t.iter()
                .map(|x| delegated_arg(x, false))
                .collect::<PyResult<Vec<_>>>()?,
        )),
        Value::Str(_) if sub => Err(Exc::type_err(format!(
            "argument should be integer or bytes-like object, not '{}'",
            type_name(v)
        ))),
        Value::Str(_) => Err(Exc::type_err(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
        Value::Int(i) if sub => {
            if !(0..256).contains(i) {
                return Err(Exc::value_err("byte must be in range(0, 256)"));
            }
            Ok(latin1(&[*i as u8]))
        }
        other => Ok(other.clone()),
    }
}

fn ascii_pred(b: &[u8], name: &str) -> Option<bool> {
    let any = |f: fn(&u8) -> bool| b.iter().any(f);
    let all = |f: fn(&u8) -> bool| !b.is_empty() && b.iter().all(f);
    Some(match name {
        "isalpha" => all(u8::is_ascii_alphabetic),
        "isalnum" => all(u8::is_ascii_alphanumeric),
        "isdigit" => all(u8::is_ascii_digit),
        "isspace" => all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')),
        "isascii" => b.iter().all(u8::is_ascii),
        "islower" => any(u8::is_ascii_lowercase) && !any(u8::is_ascii_uppercase),
        "isupper" => any(u8::is_ascii_uppercase) && !any(u8::is_ascii_lowercase),
        "istitle" => {
            let (mut cased, mut prev_cased) = (false, false);
            for c in b {
                if c.is_ascii_uppercase() {
                    if prev_cased {
                        return Some(false);
                    }
                    prev_cased = true;
                    cased = true;
                } else if c.is_ascii_lowercase() {
                    if !prev_cased {
                        return Some(false);
                    }
                    prev_cased = true;
                    cased = true;
                } else {
                    prev_cased = false;
                }
            }
            cased
        }
        _ => return None,
    })
}

fn is_bspace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// `split()`/`rsplit()` on ASCII whitespace, with `maxsplit`.
fn split_ws(b: &[u8], maxsplit: i64, right: bool) -> Vec<Value> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut bytes: Vec<u8> = b.to_vec();
    if right {
        bytes.reverse();
    }
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        while i < n && is_bspace(bytes[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        if maxsplit >= 0 && parts.len() as i64 == maxsplit {
            parts.push(bytes[i..].to_vec());
            break;
        }
        let start = i;
        while i < n && !is_bspace(bytes[i]) {
            i += 1;
        }
        parts.push(bytes[start..i].to_vec());
    }
    if right {
        for p in parts.iter_mut() {
            p.reverse();
        }
        parts.reverse();
    }
    parts.into_iter().map(|p| Value::Bytes(p.into())).collect()
}

/// The `bytes` methods beyond the hot few above (`None`: not a bytes method).
fn bytes_more(
    it: &mut Interp,
    b: &RcSlice<u8>,
    name: &str,
    args: &[Value],
    kw: Kw<'_>,
) -> PyResult<Option<Value>> {
    if let Some(r) = ascii_pred(b, name) {
        crate::builtins::arity(name, args, kw, 0, 0)?;
        return Ok(Some(Value::bool(r)));
    }
    let bytes = |v: Vec<u8>| Ok(Some(Value::Bytes(v.into())));
    match name {
        "capitalize" => {
            let mut v = b.to_ascii_lowercase();
            if let Some(c) = v.first_mut() {
                *c = c.to_ascii_uppercase();
            }
            return bytes(v);
        }
        "swapcase" => {
            return bytes(
                b.iter()
                    .map(|c| {
                        if c.is_ascii_lowercase() {
                            c.to_ascii_uppercase()
                        } else {
                            c.to_ascii_lowercase()
                        }
                    })
                    .collect(),
            );
        }
        "title" => {
            let mut prev = false;
            return bytes(
                b.iter()
                    .map(|&c| {
                        let out = if prev {
                            c.to_ascii_lowercase()
                        } else {
                            c.to_ascii_uppercase()
                        };
                        prev = c.is_ascii_alphabetic();
                        out
                    })
                    .collect(),
            );
        }
        "split" | "rsplit"
            if matches!(args.first(), None | Some(Value::None))
                && kw.iter().all(|(k, v)| {
                    &**k == "maxsplit" || (&**k == "sep" && matches!(v, Value::None))
                }) =>
        {
            let mut maxsplit = -1;
            if let Some(m) = args.get(1) {
                maxsplit = to_index_of(it, m)?;
            }
            for (k, v) in kw {
                if &**k == "maxsplit" {
                    maxsplit = to_index_of(it, v)?;
                }
            }
            return Ok(Some(Value::list(split_ws(b, maxsplit, name == "rsplit"))));
        }
        "lstrip" | "rstrip" if matches!(args.first(), None | Some(Value::None)) => {
            let s: &[u8] = b;
            let start = if name == "lstrip" {
                s.iter().position(|c| !is_bspace(*c)).unwrap_or(s.len())
            } else {
                0
            };
            let end = if name == "rstrip" {
                s.iter().rposition(|c| !is_bspace(*c)).map_or(0, |e| e + 1)
            } else {
                s.len()
            };
            return bytes(s[start..end.max(start)].to_vec());
        }
        "splitlines" => {
            let keep = match (args.first(), kw.first()) {
                (Some(v), _) | (None, Some((_, v))) => it.truthy(v)?,
                _ => false,
            };
            let mut out = Vec::new();
            let mut i = 0;
            let mut start = 0;
            while i < b.len() {
                let brk = match b[i] {
                    b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
                    b'\r' | b'\n' => 1,
                    _ => 0,
                };
                if brk > 0 {
                    let end = if keep { i + brk } else { i };
                    out.push(Value::Bytes(b[start..end].into()));
                    i += brk;
                    start = i;
                } else {
                    i += 1;
                }
            }
            if start < b.len() {
                out.push(Value::Bytes(b[start..].into()));
            }
            return Ok(Some(Value::list(out)));
        }
        "translate" => {
            let table = args.first().cloned().unwrap_or(Value::None);
            let delete = match args
                .get(1)
                .or_else(|| kw.iter().find(|(k, _)| &**k == "delete").map(|(_, v)| v))
            {
                Some(d) => bytes_like(d).ok_or_else(|| {
                    Exc::type_err(format!(
                        "a bytes-like object is required, not '{}'",
                        type_name(d)
                    ))
                })?,
                None => Vec::new(),
            };
            let map: Option<Vec<u8>> = match &table {
                Value::None => None,
                t => {
                    let m = bytes_like(t).ok_or_else(|| {
                        Exc::type_err(format!(
                            "a bytes-like object is required, not '{}'",
                            type_name(t)
                        ))
                    })?;
                    if m.len() != 256 {
                        return Err(Exc::value_err(
                            "translation table must be 256 characters long",
                        ));
                    }
                    Some(m)
                }
            };
            return bytes(
                b.iter()
                    .filter(|c| !delete.contains(c))
                    .map(|&c| map.as_ref().map_or(c, |m| m[c as usize]))
                    .collect(),
            );
        }
        "fromhex" | "maketrans" => {
            // Reached through an instance (`b''.fromhex('00')`): the class method.
            return bytes_class_method(it, name, args).map(Some);
        }
        _ => {}
    }
    const DELEGATED: &[&str] = &[
        "count",
        "find",
        "rfind",
        "index",
        "rindex",
        "partition",
        "rpartition",
        "replace",
        "removeprefix",
        "removesuffix",
        "startswith",
        "endswith",
        "center",
        "ljust",
        "rjust",
        "zfill",
        "expandtabs",
        "split",
        "rsplit",
        "strip",
        "lstrip",
        "rstrip",
    ];
    if !DELEGATED.contains(&name) {
        return Ok(None);
    }
    let sub = matches!(name, "count" | "find" | "rfind" | "index" | "rindex");
    let mut a = Vec::with_capacity(args.len());
    for (i, x) in args.iter().enumerate() {
        a.push(delegated_arg(x, sub && i == 0)?);
    }
    let mut k = Vec::with_capacity(kw.len());
    for (n, x) in kw {
        k.push((n.clone(), delegated_arg(x, false)?));
    }
    let recv: RcStr = b.iter().map(|&c| c as char).collect::<String>().into();
    // `index`/`rindex` run as `find`/`rfind`: bytes say "subsection not found".
    let call = match name {
        "index" => "find",
        "rindex" => "rfind",
        n => n,
    };
    let r = super::str_method(it, &recv, call, &a, &k)?;
    if call != name && matches!(r, Value::Int(-1)) {
        return Err(Exc::value_err("subsection not found"));
    }
    Ok(Some(unlatin1(r)))
}

/// `bytes.fromhex(text)` and `bytes.maketrans(from, to)`.
pub(crate) fn bytes_class_method(it: &mut Interp, name: &str, args: &[Value]) -> PyResult<Value> {
    match name {
        "fromhex" => {
            let r = super::bytearray_fromhex(it, args)?;
            Ok(match super::bytearray_data(&r) {
                Some(d) => Value::Bytes(d.into()),
                None => r,
            })
        }
        _ => {
            let [from, to] = args else {
                return Err(Exc::type_err(format!(
                    "maketrans expected 2 arguments, got {}",
                    args.len()
                )));
            };
            let (Some(f), Some(t)) = (bytes_like(from), bytes_like(to)) else {
                let bad = if bytes_like(from).is_none() { from } else { to };
                return Err(Exc::type_err(format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(bad)
                )));
            };
            if f.len() != t.len() {
                return Err(Exc::value_err("maketrans arguments must have same length"));
            }
            let mut table: Vec<u8> = (0..=255u8).collect();
            for (x, y) in f.iter().zip(&t) {
                table[*x as usize] = *y;
            }
            Ok(Value::Bytes(table.into()))
        }
    }
}

// ------------------------------------------------------------------------------------------- items
