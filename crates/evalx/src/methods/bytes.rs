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
            Ok(Value::Str(enc.decode(b)?.into()))
        }
        "hex" => Ok(Value::Str(
            b.iter()
                .map(|x| format!("{x:02x}"))
                .collect::<String>()
                .into(),
        )),
        "upper" => Ok(Value::Bytes(b.to_ascii_uppercase().into())),
        "lower" => Ok(Value::Bytes(b.to_ascii_lowercase().into())),
        "strip" => {
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
        "startswith" | "endswith" => {
            let p = as_bytes(args.first().unwrap_or(&Value::None))?;
            Ok(Value::bool(if name == "startswith" {
                b.starts_with(&p)
            } else {
                b.ends_with(&p)
            }))
        }
        "count" | "find" | "index" => {
            let p = as_bytes(args.first().unwrap_or(&Value::None))?;
            // Within `b[start:end]`; `count` counts non-overlapping occurrences, as CPython.
            let (lo, hi) = super::text::slice_bounds(b.len() as i64, args.get(1), args.get(2))?;
            let (lo, hi) = (lo as usize, (hi as usize).max(lo as usize));
            let region = &b[lo..hi];
            let mut positions: Vec<usize> = Vec::new();
            if p.is_empty() {
                positions.extend(lo..=hi);
            } else {
                let mut i = 0;
                while i + p.len() <= region.len() {
                    if region[i..].starts_with(&p) {
                        positions.push(lo + i);
                        i += p.len();
                    } else {
                        i += 1;
                    }
                }
            }
            match name {
                "count" => Ok(Value::Int(positions.len() as i64)),
                _ => match positions.first() {
                    Some(&i) => Ok(Value::Int(i as i64)),
                    None if name == "find" => Ok(Value::Int(-1)),
                    None => Err(Exc::value_err("subsection not found")),
                },
            }
        }
        "join" => {
            let items = it.collect(args.first().unwrap_or(&Value::None))?;
            let mut out = Vec::new();
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.extend_from_slice(b);
                }
                out.extend(as_bytes(x)?);
            }
            Ok(Value::Bytes(out.into()))
        }
        "replace" => {
            let (old, new) = (
                as_bytes(args.first().unwrap_or(&Value::None))?,
                as_bytes(args.get(1).unwrap_or(&Value::None))?,
            );
            let s = String::from_utf8_lossy(b).replace(
                &*String::from_utf8_lossy(&old),
                &String::from_utf8_lossy(&new),
            );
            Ok(Value::Bytes(s.into_bytes().into()))
        }
        "split" => {
            let parts: Vec<Value> = match args.first() {
                None | Some(Value::None) => b
                    .split(|c| c.is_ascii_whitespace())
                    .filter(|p| !p.is_empty())
                    .map(|p| Value::Bytes(p.into()))
                    .collect(),
                Some(sep) => {
                    let sep = as_bytes(sep)?;
                    let s = String::from_utf8_lossy(b).to_string();
                    s.split(&*String::from_utf8_lossy(&sep))
                        .map(|p| Value::Bytes(p.as_bytes().into()))
                        .collect()
                }
            };
            Ok(Value::list(parts))
        }
        _ => crate::dunders::call(it, &Value::Bytes(b.clone()), name, args, kw),
    }
}

// ------------------------------------------------------------------------------------------- items
