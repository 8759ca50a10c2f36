//! The text codecs behind `str(b, encoding, errors)`, `bytes(s, encoding, errors)`, `bytes.decode`,
//! `str.encode` and `open(encoding=...)`: UTF-8 (and `utf-8-sig`), ASCII, Latin-1, `cp1252`, UTF-16 and
//! UTF-32 (with a byte-order mark, or `-le`/`-be`), `unicode_escape` and `raw_unicode_escape`, under
//! CPython's names and aliases, with the `strict`, `replace`, `ignore`, `backslashreplace` and (encoding)
//! `xmlcharrefreplace` error handlers and CPython's error texts; any other handler name goes to an
//! [`ErrorHook`] (the interpreter's: `codecs.register_error`'s handlers, called with a
//! `UnicodeEncodeError`/`UnicodeDecodeError` and answering `(replacement, newpos)`). evalx's strings hold
//! no lone surrogates, so `surrogateescape`/`surrogatepass` are not offered.

mod escape;

use crate::interp::{Exc, PyResult};
use crate::value::Value;

/// Byte order of a UTF-16/UTF-32 codec: `None` reads a byte-order mark (little-endian without one) and
/// writes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Bom,
    Le,
    Be,
}

/// A supported encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Utf8Sig,
    Ascii,
    Latin1,
    Cp1252,
    Utf16(Order),
    Utf32(Order),
    UnicodeEscape,
    RawUnicodeEscape,
}

/// cp1252's bytes 0x80-0x9f (0: undefined, as CPython's table has them).
const CP1252_HIGH: [u16; 32] = [
    0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
    0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

fn cp1252_decode(b: u8) -> Option<char> {
    match b {
        0x80..=0x9f => char::from_u32(u32::from(CP1252_HIGH[usize::from(b - 0x80)]))
            .filter(|_| CP1252_HIGH[usize::from(b - 0x80)] != 0),
        _ => Some(char::from(b)),
    }
}

fn cp1252_encode(c: char) -> Option<u8> {
    let code = u32::from(c);
    if code < 0x80 || (0xa0..0x100).contains(&code) {
        return Some(code as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x != 0 && u32::from(x) == code)
        .map(|i| 0x80 + i as u8)
}

impl Codec {
    /// The name CPython's messages use (a BOM-reading UTF-16/32 reports the byte order it chose).
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 | Codec::Utf8Sig => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Cp1252 => "charmap",
            Codec::Utf16(Order::Be) => "utf-16-be",
            Codec::Utf16(_) => "utf-16-le",
            Codec::Utf32(Order::Be) => "utf-32-be",
            Codec::Utf32(_) => "utf-32-le",
            Codec::UnicodeEscape => "unicodeescape",
            Codec::RawUnicodeEscape => "rawunicodeescape",
        }
    }
}

fn lookup(encoding: &str) -> PyResult<Codec> {
    lookup_as(encoding, "encode")
}

/// The canonical name CPython's `codecs.lookup(encoding).name` gives a text encoding (`"latin1"` is
/// `iso8859-1`, `"UTF_16LE"` is `utf-16-le`), or `LookupError` for one this module does not know.
pub(crate) fn canonical_name(encoding: &str) -> PyResult<&'static str> {
    Ok(match lookup(encoding)? {
        Codec::Utf8 => "utf-8",
        Codec::Utf8Sig => "utf-8-sig",
        Codec::Ascii => "ascii",
        Codec::Latin1 => "iso8859-1",
        Codec::Cp1252 => "cp1252",
        Codec::Utf16(Order::Bom) => "utf-16",
        Codec::Utf16(Order::Le) => "utf-16-le",
        Codec::Utf16(Order::Be) => "utf-16-be",
        Codec::Utf32(Order::Bom) => "utf-32",
        Codec::Utf32(Order::Le) => "utf-32-le",
        Codec::Utf32(Order::Be) => "utf-32-be",
        Codec::UnicodeEscape => "unicode-escape",
        Codec::RawUnicodeEscape => "raw-unicode-escape",
    })
}

/// CPython's normalisation: case and `-`/`_`/space do not matter. `verb` (`encode`/`decode`) names the
/// `codecs` function a codec that is not a text encoding needs.
fn lookup_as(encoding: &str, verb: &str) -> PyResult<Codec> {
    let n: String = encoding
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    Ok(match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "utf-8-sig" => Codec::Utf8Sig,
        "ascii" | "us-ascii" | "646" | "us" => Codec::Ascii,
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => {
            Codec::Latin1
        }
        "cp1252" | "windows-1252" | "1252" => Codec::Cp1252,
        "utf-16" | "utf16" | "u16" => Codec::Utf16(Order::Bom),
        "utf-16-le" | "utf-16le" | "utf16le" => Codec::Utf16(Order::Le),
        "utf-16-be" | "utf-16be" | "utf16be" => Codec::Utf16(Order::Be),
        "utf-32" | "utf32" | "u32" => Codec::Utf32(Order::Bom),
        "utf-32-le" | "utf-32le" | "utf32le" => Codec::Utf32(Order::Le),
        "utf-32-be" | "utf-32be" | "utf32be" => Codec::Utf32(Order::Be),
        "unicode-escape" | "unicodeescape" => Codec::UnicodeEscape,
        "raw-unicode-escape" | "rawunicodeescape" => Codec::RawUnicodeEscape,
        "hex" | "hex-codec" | "base64" | "base-64" | "base64-codec" | "rot13" | "rot-13" => {
            return Err(Exc::new(
                "LookupError",
                format!(
                    "'{encoding}' is not a text encoding; use codecs.{verb}() to handle arbitrary codecs"
                ),
            ));
        }
        _ => {
            return Err(Exc::new(
                "LookupError",
                format!("unknown encoding: {encoding}"),
            ));
        }
    })
}

/// An error handler other than `strict`: CPython looks it up only when an error needs it. `None`: a
/// handler this module does not know, for the [`ErrorHook`] if there is one.
fn handler(errors: &str, hooked: bool) -> PyResult<Option<&str>> {
    match errors {
        "replace" | "ignore" | "backslashreplace" | "xmlcharrefreplace" => Ok(Some(errors)),
        _ if hooked => Ok(None),
        _ => Err(unknown_handler(errors)),
    }
}

/// CPython's `LookupError` for an error handler name nobody registered.
pub(crate) fn unknown_handler(errors: &str) -> Box<Exc> {
    Exc::new(
        "LookupError",
        format!("unknown error handler name '{errors}'"),
    )
}

/// A user's error handler: called with the exception's class name (`UnicodeEncodeError` or
/// `UnicodeDecodeError`) and its five fields `(encoding, object, start, end, reason)`, it answers the
/// replacement (a str, or for encoding also bytes) and the position to go on from as the handler gave it
/// (negative counts from the end).
pub type ErrorHook<'a> = dyn FnMut(&'static str, Vec<Value>) -> PyResult<(Value, i64)> + 'a;

/// Where a handler said to go on, checked as CPython checks it (negative counts from the end).
fn resume_at(newpos: i64, len: usize) -> PyResult<usize> {
    let pos = if newpos < 0 {
        newpos.saturating_add(len as i64)
    } else {
        newpos
    };
    if pos < 0 || pos > len as i64 {
        return Err(Exc::new(
            "IndexError",
            format!("position {pos} from error handler out of bounds"),
        ));
    }
    Ok(pos as usize)
}

/// What a decoder writes, and what it does with bytes it cannot decode.
struct Decoded<'a> {
    out: String,
    input: &'a [u8],
    errors: &'a str,
    codec: &'static str,
    hook: Option<&'a mut ErrorHook<'a>>,
}

impl Decoded<'_> {
    /// `n` bad bytes at `at`, for `reason`: an error under `strict`, else the handler's replacement;
    /// answers where decoding goes on (after the bad bytes, or where a user's handler said).
    fn bad(&mut self, at: usize, n: usize, reason: &str) -> PyResult<usize> {
        // CPython's five fields; the message is made from them.
        let fields = || {
            vec![
                Value::str(self.codec),
                Value::Bytes(self.input.to_vec().into()),
                Value::Int(at as i64),
                Value::Int((at + n) as i64),
                Value::str(reason),
            ]
        };
        if self.errors == "strict" {
            return Err(Exc::with_args("UnicodeDecodeError", fields()));
        }
        match handler(self.errors, self.hook.is_some())? {
            Some("replace") => self.out.push('\u{fffd}'),
            Some("backslashreplace") => {
                for x in &self.input[at..at + n] {
                    self.out.push_str(&format!("\\x{x:02x}"));
                }
            }
            Some("xmlcharrefreplace") => {
                return Err(Exc::type_err(
                    "don't know how to handle UnicodeDecodeError in error callback",
                ));
            }
            Some(_) => {}
            None => {
                let args = fields();
                let Some(hook) = self.hook.as_mut() else {
                    return Err(unknown_handler(self.errors));
                };
                let (rep, newpos) = hook("UnicodeDecodeError", args)?;
                match rep {
                    Value::Str(r) => self.out.push_str(&r),
                    _ => {
                        return Err(Exc::type_err(
                            "decoding error handler must return (str, int) tuple",
                        ));
                    }
                }
                return resume_at(newpos, self.input.len());
            }
        }
        Ok(at + n)
    }
}

/// `bytes.decode(encoding, errors)` with the handlers this module knows.
#[cfg(test)]
fn decode(b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    decode_with(b, encoding, errors, None)
}

/// `bytes.decode(encoding, errors)`, handing errors of a handler this module does not know to `hook`.
pub fn decode_with(
    b: &[u8],
    encoding: &str,
    errors: &str,
    hook: Option<&mut ErrorHook<'_>>,
) -> PyResult<String> {
    let mut codec = lookup_as(encoding, "decode")?;
    let mut start = 0;
    let mut b = b;
    match codec {
        // Positions in errors count from after the mark, as CPython's do.
        Codec::Utf8Sig if b.starts_with(b"\xef\xbb\xbf") => b = &b[3..],
        Codec::Utf16(Order::Bom) => {
            if b.starts_with(b"\xfe\xff") {
                codec = Codec::Utf16(Order::Be);
                start = 2;
            } else {
                start = if b.starts_with(b"\xff\xfe") { 2 } else { 0 };
                codec = Codec::Utf16(Order::Le);
            }
        }
        Codec::Utf32(Order::Bom) => {
            if b.starts_with(b"\x00\x00\xfe\xff") {
                codec = Codec::Utf32(Order::Be);
                start = 4;
            } else {
                start = if b.starts_with(b"\xff\xfe\x00\x00") {
                    4
                } else {
                    0
                };
                codec = Codec::Utf32(Order::Le);
            }
        }
        _ => {}
    }
    let mut d = Decoded {
        out: String::with_capacity(b.len()),
        input: b,
        errors,
        codec: codec.name(),
        hook: match hook {
            Some(h) => Some(h),
            None => None,
        },
    };
    match codec {
        Codec::Utf16(order) => decode_utf16(&mut d, start, order == Order::Be)?,
        Codec::Utf32(order) => decode_utf32(&mut d, start, order == Order::Be)?,
        Codec::UnicodeEscape => escape::decode_unicode_escape(&mut d)?,
        Codec::RawUnicodeEscape => escape::decode_raw_unicode_escape(&mut d)?,
        _ => decode_bytewise(&mut d, start, codec)?,
    }
    Ok(d.out)
}

/// UTF-8, ASCII, Latin-1 and cp1252: runs that decode, and the bad bytes between them.
fn decode_bytewise(d: &mut Decoded<'_>, start: usize, codec: Codec) -> PyResult<()> {
    let b = d.input;
    let mut at = start;
    while at < b.len() {
        // The next run that decodes, and the length of the bad bytes after it (0: none).
        let (good, bad, reason) = match codec {
            Codec::Latin1 => {
                d.out.extend(b[at..].iter().map(|&x| char::from(x)));
                return Ok(());
            }
            Codec::Cp1252 => {
                let mut n = 0;
                while let Some(c) = b.get(at + n).and_then(|&x| cp1252_decode(x)) {
                    d.out.push(c);
                    n += 1;
                }
                at += n;
                if at < b.len() {
                    at = d.bad(at, 1, "character maps to <undefined>")?;
                }
                continue;
            }
            Codec::Ascii => {
                let n = b[at..].iter().take_while(|x| x.is_ascii()).count();
                (
                    n,
                    usize::from(at + n < b.len()),
                    "ordinal not in range(128)",
                )
            }
            _ => match std::str::from_utf8(&b[at..]) {
                Ok(_) => (b.len() - at, 0, ""),
                Err(e) => {
                    let n = e.valid_up_to();
                    let first = b[at + n];
                    match e.error_len() {
                        // Truncated at the end: CPython reports all the remaining bytes.
                        None => (n, b.len() - at - n, "unexpected end of data"),
                        // The bad run is the longest prefix of a valid sequence, as CPython's is.
                        Some(len) if (0xc2..=0xf4).contains(&first) => {
                            (n, len, "invalid continuation byte")
                        }
                        Some(len) => (n, len, "invalid start byte"),
                    }
                }
            },
        };
        // The run was checked above (ASCII, or UTF-8 up to `valid_up_to`), so this never falls back.
        d.out
            .push_str(std::str::from_utf8(&b[at..at + good]).unwrap_or_default());
        at += good;
        if bad == 0 {
            continue;
        }
        at = d.bad(at, bad, reason)?;
    }
    Ok(())
}

fn decode_utf16(d: &mut Decoded<'_>, start: usize, be: bool) -> PyResult<()> {
    let b = d.input;
    let unit = |i: usize| -> u32 {
        let (x, y) = (u32::from(b[i]), u32::from(b[i + 1]));
        if be { x << 8 | y } else { y << 8 | x }
    };
    let mut at = start;
    while at < b.len() {
        if at + 1 >= b.len() {
            at = d.bad(at, b.len() - at, "truncated data")?;
            continue;
        }
        let u = unit(at);
        match u {
            0xd800..=0xdbff => {
                if at + 3 >= b.len() {
                    // A high surrogate with no room for its pair.
                    at = d.bad(at, b.len() - at, "unexpected end of data")?;
                    continue;
                }
                let low = unit(at + 2);
                if (0xdc00..=0xdfff).contains(&low) {
                    let c = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                    d.out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                    at += 4;
                } else {
                    at = d.bad(at, 2, "illegal UTF-16 surrogate")?;
                }
            }
            0xdc00..=0xdfff => {
                at = d.bad(at, 2, "illegal encoding")?;
            }
            _ => {
                d.out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
                at += 2;
            }
        }
    }
    Ok(())
}

fn decode_utf32(d: &mut Decoded<'_>, start: usize, be: bool) -> PyResult<()> {
    let b = d.input;
    let mut at = start;
    while at < b.len() {
        if at + 3 >= b.len() {
            at = d.bad(at, b.len() - at, "truncated data")?;
            continue;
        }
        let w = [b[at], b[at + 1], b[at + 2], b[at + 3]];
        let u = if be {
            u32::from_be_bytes(w)
        } else {
            u32::from_le_bytes(w)
        };
        at = match char::from_u32(u) {
            Some(c) => {
                d.out.push(c);
                at + 4
            }
            None if (0xd800..0xe000).contains(&u) => d.bad(
                at,
                4,
                "code point in surrogate code point range(0xd800, 0xe000)",
            )?,
            None => d.bad(at, 4, "code point not in range(0x110000)")?,
        };
    }
    Ok(())
}

/// `str.encode(encoding, errors)` with the handlers this module knows.
#[cfg(test)]
fn encode(s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    encode_with(s, encoding, errors, None)
}

/// `str.encode(encoding, errors)`, handing errors of a handler this module does not know to `hook`.
pub fn encode_with(
    s: &str,
    encoding: &str,
    errors: &str,
    mut hook: Option<&mut ErrorHook<'_>>,
) -> PyResult<Vec<u8>> {
    let codec = lookup(encoding)?;
    let limit = match codec {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Utf8Sig => {
            let mut out = b"\xef\xbb\xbf".to_vec();
            out.extend_from_slice(s.as_bytes());
            return Ok(out);
        }
        Codec::Utf16(order) => {
            let mut out = Vec::with_capacity(2 * s.len() + 2);
            if order == Order::Bom {
                out.extend_from_slice(b"\xff\xfe");
            }
            for u in s.encode_utf16() {
                out.extend_from_slice(&if order == Order::Be {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            return Ok(out);
        }
        Codec::Utf32(order) => {
            let mut out = Vec::with_capacity(4 * s.len() + 4);
            if order == Order::Bom {
                out.extend_from_slice(b"\xff\xfe\x00\x00");
            }
            for c in s.chars() {
                out.extend_from_slice(&if order == Order::Be {
                    u32::from(c).to_be_bytes()
                } else {
                    u32::from(c).to_le_bytes()
                });
            }
            return Ok(out);
        }
        Codec::UnicodeEscape => return Ok(escape::encode_unicode_escape(s)),
        Codec::RawUnicodeEscape => return Ok(escape::encode_raw_unicode_escape(s)),
        Codec::Ascii => 128,
        Codec::Latin1 | Codec::Cp1252 => 256,
    };
    let byte = |c: char| match codec {
        Codec::Cp1252 => cp1252_encode(c),
        _ => (u32::from(c) < limit).then_some(u32::from(c) as u8),
    };
    let mut out = Vec::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let code = u32::from(c);
        if let Some(x) = byte(c) {
            out.push(x);
            i += 1;
            continue;
        }
        // CPython's five fields; the message is made from them. They name the whole run of characters
        // the codec cannot encode (counted only when needed: `replace` goes a character at a time).
        let fields = || {
            let run = chars[i..]
                .iter()
                .take_while(|&&c| byte(c).is_none())
                .count();
            let reason = match codec {
                Codec::Cp1252 => "character maps to <undefined>".to_string(),
                _ => format!("ordinal not in range({limit})"),
            };
            vec![
                Value::str(codec.name()),
                Value::str(s),
                Value::Int(i as i64),
                Value::Int((i + run) as i64),
                Value::str(&reason),
            ]
        };
        if errors == "strict" {
            return Err(Exc::with_args("UnicodeEncodeError", fields()));
        }
        match handler(errors, hook.is_some())? {
            Some("replace") => out.push(b'?'),
            Some("backslashreplace") => out.extend_from_slice(escape(code).as_bytes()),
            Some("xmlcharrefreplace") => out.extend_from_slice(format!("&#{code};").as_bytes()),
            Some(_) => {}
            None => {
                let Some(hook) = hook.as_mut() else {
                    return Err(unknown_handler(errors));
                };
                let (rep, newpos) = hook("UnicodeEncodeError", fields())?;
                match rep {
                    Value::Bytes(b) => out.extend_from_slice(&b),
                    Value::Str(r) => {
                        // A replacement the codec cannot encode either fails as the original error,
                        // as CPython's does.
                        for rc in r.chars() {
                            match byte(rc) {
                                Some(x) => out.push(x),
                                None => {
                                    return Err(Exc::with_args("UnicodeEncodeError", fields()));
                                }
                            }
                        }
                    }
                    _ => {
                        return Err(Exc::type_err(
                            "encoding error handler must return (str/bytes, int) tuple",
                        ));
                    }
                }
                i = resume_at(newpos, chars.len())?;
                continue;
            }
        }
        i += 1;
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
    /// [`decode_with`] with these arguments and the interpreter's error handlers (`codecs.register_error`).
    pub(crate) fn decode_in(&self, it: &mut crate::interp::Interp, b: &[u8]) -> PyResult<String> {
        crate::stdlib::codecs::decode(
            it,
            b,
            self.encoding.unwrap_or("utf-8"),
            self.errors.unwrap_or("strict"),
        )
    }
    /// [`encode_with`] with these arguments and the interpreter's error handlers.
    pub(crate) fn encode_in(&self, it: &mut crate::interp::Interp, s: &str) -> PyResult<Vec<u8>> {
        crate::stdlib::codecs::encode(
            it,
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
            Some(v) => match crate::builtins::newobj::native_value(v) {
                // An instance of a str subclass is read as its str.
                Some(Value::Str(s)) => Ok(Some(s.as_str())),
                _ => Err(Exc::type_err(format!(
                    "{who} argument '{name}' must be str, not {}",
                    crate::builtins::type_name(v)
                ))),
            },
        }
    };
    Ok(EncodingArgs {
        encoding: pick(0, "encoding")?,
        errors: pick(1, "errors")?,
    })
}

/// The text of a Unicode error from its fields `(encoding, object, start, end, reason)` (`encoding` is
/// unused for a `UnicodeTranslateError`), as CPython's `__str__` writes it; `None` when the fields are not
/// of the expected types.
pub(crate) fn unicode_error_text(kind: &str, f: &[Value]) -> Option<String> {
    let (Some(Value::Int(start)), Some(Value::Int(end)), Some(Value::Str(reason))) =
        (f.get(2), f.get(3), f.get(4))
    else {
        return None;
    };
    let (start, end) = (*start, *end);
    let single = end == start + 1;
    let what = match (kind, f.get(1)) {
        ("UnicodeDecodeError", Some(Value::Bytes(b)))
            if single && (0..b.len() as i64).contains(&start) =>
        {
            format!("byte 0x{:02x} in position {start}", b[start as usize])
        }
        ("UnicodeDecodeError", _) => format!("bytes in position {start}-{}", end - 1),
        (_, Some(Value::Str(s))) if single && start >= 0 => match s.chars().nth(start as usize) {
            Some(c) => format!("character '{}' in position {start}", escape(u32::from(c))),
            None => format!("characters in position {start}-{}", end - 1),
        },
        _ => format!("characters in position {start}-{}", end - 1),
    };
    if kind == "UnicodeTranslateError" {
        return Some(format!("can't translate {what}: {reason}"));
    }
    let Some(Value::Str(enc)) = f.first() else {
        return None;
    };
    let verb = if kind == "UnicodeDecodeError" {
        "decode"
    } else {
        "encode"
    };
    Some(format!("'{enc}' codec can't {verb} {what}: {reason}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(r: PyResult<impl std::fmt::Debug>) -> String {
        match r {
            Ok(v) => format!("ok {v:?}"),
            Err(e) => match &e.kind {
                crate::interp::ExcKind::Lazy(ty, args) if args.len() == 5 => {
                    format!("{ty}: {}", unicode_error_text(ty, args).unwrap_or_default())
                }
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
