//! The reprs of literals that need no interpreter: `repr` of str (CPython's quoting, escapes and
//! printable test), bytes and float (shortest round-trip digits, CPython's layout), and `ascii()`. The
//! parser uses them too (annotations as text under `from __future__ import annotations`), so they sit
//! below `format`, which re-exports them.

/// `repr(str)` with CPython's quoting and escapes.
pub fn repr_str(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x7f && (c as u32) >= 0x20 => out.push(c),
            c if !is_printable(c) => {
                let u = c as u32;
                if u < 0x100 {
                    out.push_str(&format!("\\x{u:02x}"))
                } else if u < 0x10000 {
                    out.push_str(&format!("\\u{u:04x}"))
                } else {
                    out.push_str(&format!("\\U{u:08x}"))
                }
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// CPython's `Py_UNICODE_ISPRINTABLE`: every character except those of the categories Cc (controls),
/// Cf (format), Cs (surrogates), Co (private use), Cn (unassigned), Zl, Zp and Zs (separators), the
/// ASCII space excepted. `str.isprintable` and `repr` (which escapes the others) both use it.
pub(crate) fn is_printable(c: char) -> bool {
    use icu_properties::CodePointMapData;
    use icu_properties::props::GeneralCategory as G;
    if c == ' ' {
        return true;
    }
    if (c as u32) < 0x7f {
        return c as u32 >= 0x20;
    }
    !matches!(
        CodePointMapData::<G>::new().get(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::SpaceSeparator
    )
}

/// `repr(bytes)`.
pub fn repr_bytes(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(q);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(q);
    out
}

/// `ascii()`: escapes non-ASCII characters of a repr.
pub fn ascii(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let u = c as u32;
        if u < 128 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    out
}

/// Splits a finite nonzero float into shortest round-trip decimal digits and exponent: value = 0.d1d2... * 10^exp.
/// Of the shortest digit strings that round-trip, CPython's (David Gay's) is the one nearest the float,
/// ties to even; Rust's shortest may be another (`1e15 + 0.3` is `...0.25`: CPython prints `.2`, Rust
/// `.3`). Two candidates of one length can both round-trip only at 16 or 17 digits, so those are redone
/// correctly rounded at that length and kept when they still read back as the same float.
fn shortest_digits(f: f64) -> (String, i32) {
    let split = |s: &str| -> (String, i32) {
        let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
        let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
        (digits, exp.parse::<i32>().unwrap_or(0) + 1)
    };
    let a = f.abs();
    let (digits, exp) = split(&format!("{a:e}"));
    if digits.len() >= 16 {
        let exact = format!("{:.*e}", digits.len() - 1, a);
        if exact.parse::<f64>().ok() == Some(a) {
            return split(&exact);
        }
    }
    (digits, exp)
}

/// `repr(float)` exactly as CPython prints it.
pub fn repr_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let (digits, exp) = shortest_digits(f);
    let sign = if f < 0.0 { "-" } else { "" };
    let n = digits.len() as i32;
    let dexp = exp - 1; // exponent in scientific notation
    if (-4..16).contains(&dexp) {
        let s = if exp <= 0 {
            format!("0.{}{}", "0".repeat((-exp) as usize), digits)
        } else if exp >= n {
            format!("{}{}.0", digits, "0".repeat((exp - n) as usize))
        } else {
            format!("{}.{}", &digits[..exp as usize], &digits[exp as usize..])
        };
        format!("{sign}{s}")
    } else {
        let m = if n == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        format!(
            "{sign}{m}e{}{:02}",
            if dexp < 0 { "-" } else { "+" },
            dexp.abs()
        )
    }
}
