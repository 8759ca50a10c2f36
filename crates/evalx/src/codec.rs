//! The text codecs behind `str(b, encoding, errors)`, `bytes(s, encoding, errors)`, `bytes.decode` and
//! `str.encode`: UTF-8, ASCII and Latin-1 (under CPython's names and aliases), with the `strict`,
//! `replace`, `ignore` and `backslashreplace` error handlers and CPython's error texts.

use crate::interp::{Exc, PyResult};
use crate::value::Value;

/// A supported encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The name CPython's messages use.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

/// CPython's normalisation: case and `-`/`_`/space do not matter.
fn lookup(encoding: &str) -> PyResult<Codec> {
    let n: String = encoding
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    Ok(match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "ascii" | "us-ascii" | "646" | "us" => Codec::Ascii,
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => {
            Codec::Latin1
        }
        _ => {
            return Err(Exc::new(
                "LookupError",
                format!("unknown encoding: {encoding}"),
            ));
        }
    })
}

/// An error handler other than `strict`: CPython looks it up only when an error needs it.
fn handler(errors: &str) -> PyResult<&str> {
    match errors {
        "replace" | "ignore" | "backslashreplace" => Ok(errors),
        _ => Err(Exc::new(
            "LookupError",
            format!("unknown error handler name '{errors}'"),
        )),
    }
}

/// `bytes.decode(encoding, errors)`.
pub fn decode(b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = lookup(encoding)?;
    let mut out = String::with_capacity(b.len());
    let mut at = 0;
    while at < b.len() {
        // The next run that decodes, and the length of the bad bytes after it (0: none).
        let (good, bad, reason) = match codec {
            Codec::Latin1 => {
                out.extend(b[at..].iter().map(|&x| char::from(x)));
                break;
            }
            Codec::Ascii => {
                let n = b[at..].iter().take_while(|x| x.is_ascii()).count();
                (
                    n,
                    usize::from(at + n < b.len()),
                    "ordinal not in range(128)",
                )
            }
            Codec::Utf8 => match std::str::from_utf8(&b[at..]) {
                Ok(_) => (b.len() - at, 0, ""),
                Err(e) => {
                    let n = e.valid_up_to();
                    let start = b[at + n];
                    match e.error_len() {
                        // Truncated at the end: CPython reports all the remaining bytes.
                        None => (n, b.len() - at - n, "unexpected end of data"),
                        Some(_) if (0xc2..=0xf4).contains(&start) => {
                            (n, 1, "invalid continuation byte")
                        }
                        Some(_) => (n, 1, "invalid start byte"),
                    }
                }
            },
        };
        // The run was checked above (ASCII, or UTF-8 up to `valid_up_to`), so this never falls back.
        out.push_str(std::str::from_utf8(&b[at..at + good]).unwrap_or_default());
        at += good;
        if bad == 0 {
            continue;
        }
        if errors == "strict" {
            let what = if bad == 1 {
                format!("byte 0x{:02x} in position {at}", b[at])
            } else {
                format!("bytes in position {at}-{}", at + bad - 1)
            };
            return Err(Exc::new(
                "UnicodeDecodeError",
                format!("'{}' codec can't decode {what}: {reason}", codec.name()),
            ));
        }
        match handler(errors)? {
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => {
                for x in &b[at..at + bad] {
                    out.push_str(&format!("\\x{x:02x}"));
                }
            }
            _ => {}
        }
        at += bad;
    }
    Ok(out)
}

/// `str.encode(encoding, errors)`.
pub fn encode(s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(encoding)?;
    let limit = match codec {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Ascii => 128,
        Codec::Latin1 => 256,
    };
    let mut out = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let code = u32::from(c);
        if code < limit {
            out.push(code as u8);
            continue;
        }
        if errors == "strict" {
            let shown = escape(code);
            return Err(Exc::new(
                "UnicodeEncodeError",
                format!(
                    "'{}' codec can't encode character '{shown}' in position {i}: ordinal not in range({limit})",
                    codec.name()
                ),
            ));
        }
        match handler(errors)? {
            "replace" => out.push(b'?'),
            "backslashreplace" => out.extend_from_slice(escape(code).as_bytes()),
            _ => {}
        }
    }
    Ok(out)
}

/// A code point as Python escapes it: `\xe9`, `\u20ac`, `\U0001f600`.
fn escape(code: u32) -> String {
    if code < 0x100 {
        format!("\\x{code:02x}")
    } else if code < 0x10000 {
        format!("\\u{code:04x}")
    } else {
        format!("\\U{code:08x}")
    }
}

/// The argument shape of `who` (`"str()"`, `"encode()"`...): at most `max` positional arguments, and
/// keywords only from `names`, with CPython's messages.
pub fn check_params(
    who: &str,
    args: &[Value],
    kw: &[(crate::thin::RcStr, Value)],
    max: usize,
    names: &[&str],
) -> PyResult<()> {
    if args.len() > max {
        return Err(Exc::type_err(format!(
            "{who} takes at most {max} arguments ({} given)",
            args.len()
        )));
    }
    if let Some((k, _)) = kw.iter().find(|(k, _)| !names.contains(&&**k)) {
        return Err(Exc::type_err(format!(
            "'{k}' is an invalid keyword argument for {who}"
        )));
    }
    Ok(())
}

/// The `encoding` and `errors` arguments as passed (`None`: left out, and `utf-8` / `strict` apply).
#[derive(Debug, Clone, Copy)]
pub struct EncodingArgs<'a> {
    pub encoding: Option<&'a str>,
    pub errors: Option<&'a str>,
}

impl EncodingArgs<'_> {
    /// Whether either was passed (`str(x, ...)` then decodes instead of converting).
    pub fn given(&self) -> bool {
        self.encoding.is_some() || self.errors.is_some()
    }
    /// [`decode`] with these arguments.
    pub fn decode(&self, b: &[u8]) -> PyResult<String> {
        decode(
            b,
            self.encoding.unwrap_or("utf-8"),
            self.errors.unwrap_or("strict"),
        )
    }
    /// [`encode`] with these arguments.
    pub fn encode(&self, s: &str) -> PyResult<Vec<u8>> {
        encode(
            s,
            self.encoding.unwrap_or("utf-8"),
            self.errors.unwrap_or("strict"),
        )
    }
}

/// The `encoding` and `errors` arguments of `who` (`"str()"`, `"decode()"`...): positional from index
/// `first`, or by keyword; each must be a str when passed.
pub fn encoding_args<'a>(
    who: &str,
    args: &'a [Value],
    first: usize,
    kw: &'a [(crate::thin::RcStr, Value)],
) -> PyResult<EncodingArgs<'a>> {
    let pick = |i: usize, name: &str| -> PyResult<Option<&'a str>> {
        let v = args
            .get(first + i)
            .or_else(|| crate::methods::kwarg(kw, name));
        match v {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.as_str())),
            // CPython names `None` itself here, other values by their type.
            Some(Value::None) => Err(Exc::type_err(format!(
                "{who} argument '{name}' must be str, not None"
            ))),
            Some(v) => Err(Exc::type_err(format!(
                "{who} argument '{name}' must be str, not {}",
                crate::builtins::type_name(v)
            ))),
        }
    };
    Ok(EncodingArgs {
        encoding: pick(0, "encoding")?,
        errors: pick(1, "errors")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(r: PyResult<impl std::fmt::Debug>) -> String {
        match r {
            Ok(v) => format!("ok {v:?}"),
            Err(e) => match &e.kind {
                crate::interp::ExcKind::Lazy(ty, args) => match args.first() {
                    Some(Value::Str(m)) => format!("{ty}: {m}"),
                    _ => ty.to_string(),
                },
                _ => "an instance exception".into(),
            },
        }
    }

    #[test]
    fn utf8_errors_read_as_cpython_writes_them() {
        assert_eq!(
            err(decode(b"\xff", "utf-8", "strict")),
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        );
        assert_eq!(
            err(decode(b"a\xc3(", "utf-8", "strict")),
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 1: invalid continuation byte"
        );
        assert_eq!(
            err(decode(b"\xe2\x82", "UTF_8", "strict")),
            "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"
        );
        assert_eq!(
            decode(b"a\xffb", "utf8", "replace").ok(),
            Some("a\u{fffd}b".into())
        );
        assert_eq!(decode(b"a\xffb", "utf8", "ignore").ok(), Some("ab".into()));
        assert_eq!(
            decode(b"a\xffb", "utf8", "backslashreplace").ok(),
            Some("a\\xffb".into())
        );
        assert_eq!(
            err(decode(b"\xff", "utf8", "nope")),
            "LookupError: unknown error handler name 'nope'"
        );
        assert_eq!(decode(b"fine", "utf8", "nope").ok(), Some("fine".into()));
    }

    #[test]
    fn ascii_and_latin1_both_ways() {
        assert_eq!(decode(b"\xe9", "latin-1", "strict").ok(), Some("é".into()));
        assert_eq!(
            err(decode(b"a\xe9", "ascii", "strict")),
            "UnicodeDecodeError: 'ascii' codec can't decode byte 0xe9 in position 1: ordinal not in range(128)"
        );
        assert_eq!(encode("é", "latin1", "strict").ok(), Some(vec![0xe9]));
        assert_eq!(
            err(encode("a€", "latin-1", "strict")),
            "UnicodeEncodeError: 'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)"
        );
        assert_eq!(encode("aé", "ascii", "replace").ok(), Some(b"a?".to_vec()));
        assert_eq!(
            encode("😀", "ascii", "backslashreplace").ok(),
            Some(b"\\U0001f600".to_vec())
        );
        assert_eq!(
            err(encode("a", "nope", "strict")),
            "LookupError: unknown encoding: nope"
        );
    }
}
