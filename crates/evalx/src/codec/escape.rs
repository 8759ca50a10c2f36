//! The `unicode_escape` and `raw_unicode_escape` codecs: Python's string-literal escapes (all of them, or
//! only `\u`/`\U`) read from Latin-1 bytes and written back, with CPython's error positions and texts.

use super::Decoded;
use crate::interp::PyResult;

/// Reads `count` hex digits at `*at`; on a missing digit returns `None` with `*at` on it, as CPython's
/// error range ends there.
fn hex_digits(b: &[u8], at: &mut usize, count: usize) -> Option<u32> {
    let mut v = 0u32;
    for _ in 0..count {
        let d = char::from(*b.get(*at)?).to_digit(16)?;
        v = v * 16 + d;
        *at += 1;
    }
    Some(v)
}

/// `bytes.decode("unicode_escape")`.
pub(super) fn decode_unicode_escape(d: &mut Decoded<'_>) -> PyResult<()> {
    let b = d.input;
    let mut at = 0;
    while at < b.len() {
        let c = b[at];
        at += 1;
        if c != b'\\' {
            d.out.push(char::from(c));
            continue;
        }
        let start = at - 1;
        let Some(&e) = b.get(at) else {
            at = d.bad(start, 1, "\\ at end of string")?;
            continue;
        };
        at += 1;
        let simple = match e {
            b'\n' => Some(None),
            b'\\' | b'\'' | b'"' => Some(Some(char::from(e))),
            b'a' => Some(Some('\x07')),
            b'b' => Some(Some('\x08')),
            b'f' => Some(Some('\x0c')),
            b'n' => Some(Some('\n')),
            b'r' => Some(Some('\r')),
            b't' => Some(Some('\t')),
            b'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(ch) = simple {
            d.out.extend(ch);
            continue;
        }
        match e {
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match b.get(at) {
                        Some(&o @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(o - b'0');
                            at += 1;
                        }
                        _ => break,
                    }
                }
                d.out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (count, what) = match e {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                match hex_digits(b, &mut at, count).map(char::from_u32) {
                    Some(Some(ch)) => d.out.push(ch),
                    Some(None) => at = d.bad(start, at - start, "illegal Unicode character")?,
                    None => at = d.bad(start, at - start, what)?,
                }
            }
            b'N' => {
                let mut reason = "malformed \\N character escape";
                if b.get(at) == Some(&b'{') {
                    let name_at = at + 1;
                    match b[name_at..].iter().position(|&x| x == b'}') {
                        None => at = b.len(),
                        Some(0) => at = name_at,
                        Some(n) => {
                            at = name_at + n + 1;
                            let name: String = b[name_at..name_at + n]
                                .iter()
                                .map(|&x| char::from(x))
                                .collect();
                            if let Some(ch) = crate::lexer::char_by_name(&name) {
                                d.out.push(ch);
                                continue;
                            }
                            reason = "unknown Unicode character name";
                        }
                    }
                }
                at = d.bad(start, at - start, reason)?;
            }
            other => {
                d.out.push('\\');
                d.out.push(char::from(other));
            }
        }
    }
    Ok(())
}

/// `bytes.decode("raw_unicode_escape")`: only `\u` and `\U` escapes; every other byte is its Latin-1
/// character.
pub(super) fn decode_raw_unicode_escape(d: &mut Decoded<'_>) -> PyResult<()> {
    let b = d.input;
    let mut at = 0;
    while at < b.len() {
        let c = b[at];
        at += 1;
        if c != b'\\' || at >= b.len() {
            d.out.push(char::from(c));
            continue;
        }
        let e = b[at];
        at += 1;
        let (count, what) = match e {
            b'u' => (4, "truncated \\uXXXX escape"),
            b'U' => (8, "truncated \\UXXXXXXXX escape"),
            _ => {
                d.out.push('\\');
                d.out.push(char::from(e));
                continue;
            }
        };
        let start = at - 2;
        match hex_digits(b, &mut at, count).map(char::from_u32) {
            Some(Some(ch)) => d.out.push(ch),
            Some(None) => at = d.bad(start, at - start, "\\Uxxxxxxxx out of range")?,
            None => at = d.bad(start, at - start, what)?,
        }
    }
    Ok(())
}

fn push_code(out: &mut Vec<u8>, code: u32) {
    let text = if code < 0x100 {
        format!("\\x{code:02x}")
    } else if code < 0x10000 {
        format!("\\u{code:04x}")
    } else {
        format!("\\U{code:08x}")
    };
    out.extend_from_slice(text.as_bytes());
}

/// `str.encode("unicode_escape")`: printable ASCII as itself (a backslash doubled), `\t`, `\n` and `\r`
/// by name, everything else as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`. It cannot fail.
pub(super) fn encode_unicode_escape(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.extend_from_slice(b"\\\\"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            ' '..='~' => out.push(c as u8),
            _ => push_code(&mut out, u32::from(c)),
        }
    }
    out
}

/// `str.encode("raw_unicode_escape")`: Latin-1 characters as their byte, the rest as `\uhhhh` or
/// `\Uhhhhhhhh`.
pub(super) fn encode_raw_unicode_escape(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match u32::from(c) {
            code @ 0..=0xff => out.push(code as u8),
            code => push_code(&mut out, code),
        }
    }
    out
}
