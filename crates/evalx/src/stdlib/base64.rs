//! `base64`: Base16, Base32 (and its extended-hex alphabet), Base64 (standard and URL-safe), Base85 and
//! Ascii85, with CPython 3.11's signatures, results and errors. Base64 is `binascii`'s Rust coder; the
//! other coders are written here in Rust over byte slices (the evalx-level functions check and convert
//! their arguments, then hand the bytes over).

use super::Kw;
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
import binascii

bytes_types = (bytes,)

def _bytes_from_decode_data(s):
    if isinstance(s, str):
        if not s.isascii():
            raise ValueError('string argument should contain only ASCII characters')
        return s.encode('ascii')
    if isinstance(s, bytes):
        return s
    if isinstance(s, (bytearray, memoryview)):
        return bytes(s)
    if hasattr(s, 'tobytes'):
        return s.tobytes()
    raise TypeError("argument should be a bytes-like object or ASCII string, not '" + type(s).__name__ + "'")

def _need_bytes(s, what='a bytes-like object is required'):
    if isinstance(s, bytes):
        return s
    if isinstance(s, (bytearray, memoryview)):
        return bytes(s)
    if hasattr(s, 'tobytes') and hasattr(s, 'typecode'):
        return s.tobytes()
    raise TypeError(what + ", not '" + type(s).__name__ + "'")

_MV = 'memoryview: a bytes-like object is required'



def b64encode(s, altchars=None):
    encoded = binascii.b2a_base64(_need_bytes(s), newline=False)
    if altchars is not None:
        altchars = _need_bytes(altchars)
        assert len(altchars) == 2, repr(altchars)
        return _swap(encoded, b'+/', altchars)
    return encoded

def b64decode(s, altchars=None, validate=False):
    s = _bytes_from_decode_data(s)
    if altchars is not None:
        altchars = _bytes_from_decode_data(altchars)
        assert len(altchars) == 2, repr(altchars)
        s = _swap(s, altchars, b'+/')
    return binascii.a2b_base64(s, strict_mode=validate)

def standard_b64encode(s):
    return b64encode(s)

def standard_b64decode(s):
    return b64decode(s)

def urlsafe_b64encode(s):
    return _swap(b64encode(s), b'+/', b'-_')

def urlsafe_b64decode(s):
    s = _bytes_from_decode_data(s)
    return b64decode(_swap(s, b'-_', b'+/'))

_B32 = b'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
_B32HEX = b'0123456789ABCDEFGHIJKLMNOPQRSTUV'

def _b32encode(alphabet, s):
    return _b32enc(alphabet, _need_bytes(s, _MV))

def _b32decode(alphabet, s, casefold=False, map01=None):
    s = _bytes_from_decode_data(s)
    if len(s) % 8:
        raise binascii.Error('Incorrect padding')
    if map01 is not None:
        map01 = _bytes_from_decode_data(map01)
        assert len(map01) == 1, repr(map01)
        s = _swap(s, b'01', b'O' + map01)
    if casefold:
        s = s.upper()
    return _b32dec(alphabet, s)

def b32encode(s):
    return _b32encode(_B32, s)

def b32decode(s, casefold=False, map01=None):
    return _b32decode(_B32, s, casefold, map01)

def b32hexencode(s):
    return _b32encode(_B32HEX, s)

def b32hexdecode(s, casefold=False):
    return _b32decode(_B32HEX, s, casefold)

def b16encode(s):
    return binascii.hexlify(_need_bytes(s)).upper()

def b16decode(s, casefold=False):
    s = _bytes_from_decode_data(s)
    if casefold:
        s = s.upper()
    _b16check(s)
    return binascii.unhexlify(s)

_B85 = b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~'

def b85encode(b, pad=False):
    return _b85enc(_need_bytes(b, _MV), pad)

def b85decode(b):
    return _b85dec(_bytes_from_decode_data(b))

def a85encode(b, *, foldspaces=False, wrapcol=0, pad=False, adobe=False):
    res = _a85enc(_need_bytes(b, _MV), bool(foldspaces), bool(pad))
    if adobe:
        res = b'<~' + res
    if wrapcol:
        wrapcol = max(2 if adobe else 1, wrapcol)
        lines = [res[i:i + wrapcol] for i in range(0, len(res), wrapcol)]
        if adobe and len(lines[-1]) + 2 > wrapcol:
            lines.append(b'')
        res = b'\n'.join(lines)
    if adobe:
        res = res + b'~>'
    return res

def a85decode(b, *, foldspaces=False, adobe=False, ignorechars=b' \t\n\r\x0b'):
    b = _bytes_from_decode_data(b)
    if adobe:
        if not b.endswith(b'~>'):
            raise ValueError("Ascii85 encoded byte sequences must end with b'~>'")
        if b.startswith(b'<~'):
            b = b[2:-2]
        else:
            b = b[:-2]
    return _a85dec(b, bool(foldspaces), _need_bytes(ignorechars))

MAXLINESIZE = 76
MAXBINSIZE = (MAXLINESIZE // 4) * 3

def encodebytes(s):
    s = _need_bytes(s)
    pieces = []
    for i in range(0, len(s), MAXBINSIZE):
        pieces.append(binascii.b2a_base64(s[i:i + MAXBINSIZE]))
    return b''.join(pieces)

def decodebytes(s):
    return binascii.a2b_base64(_need_bytes(s))

def encode(input, output):
    while True:
        s = input.read(MAXBINSIZE)
        if not s:
            break
        output.write(binascii.b2a_base64(s))

def decode(input, output):
    while True:
        line = input.readline()
        if not line:
            break
        output.write(binascii.a2b_base64(line))
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "base64",
        "Base16, Base32, Base64 (RFC 3548), Base85 and Ascii85 data encodings",
        &[
            ("_swap", swap),
            ("_b32enc", b32enc),
            ("_b32dec", b32dec),
            ("_b16check", b16check),
            ("_b85enc", b85enc),
            ("_b85dec", b85dec),
            ("_a85enc", a85enc),
            ("_a85dec", a85dec),
        ],
        SOURCE,
    )
}

// ------------------------------------------------------------------------------------------- coders

/// The bytes argument `i` (the evalx-level callers pass bytes).
fn arg(args: &[Value], i: usize) -> PyResult<&[u8]> {
    match args.get(i) {
        Some(Value::Bytes(b)) => Ok(b),
        _ => Err(Exc::type_err("a bytes-like object is required")),
    }
}

fn flag(args: &[Value], i: usize) -> bool {
    matches!(args.get(i), Some(Value::Bool(b)) if b.get())
}

fn out(b: Vec<u8>) -> PyResult<Value> {
    Ok(Value::Bytes(b.into()))
}

fn binascii_err(it: &mut Interp, msg: &str) -> Box<Exc> {
    super::module_exc(it, "binascii", "Error", msg)
}

/// `_swap(s, frm, to)`: `s` with each byte of `frm` replaced by the byte at the same place in `to`.
fn swap(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 1.0, 1.0)?;
    let (s, frm, to) = (arg(args, 0)?, arg(args, 1)?, arg(args, 2)?);
    let mut map: [u8; 256] = std::array::from_fn(|i| i as u8);
    for (a, b) in frm.iter().zip(to) {
        map[*a as usize] = *b;
    }
    out(s.iter().map(|c| map[*c as usize]).collect())
}

/// `_b32enc(alphabet, s)`: Base32 of `s` in the 32-letter `alphabet`, padded with `=`.
fn b32enc(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 1.6)?;
    let (alpha, s) = (arg(args, 0)?, arg(args, 1)?);
    if alpha.len() != 32 {
        return Err(Exc::value_err("a Base32 alphabet has 32 letters"));
    }
    let mut o = Vec::with_capacity(s.len().div_ceil(5) * 8);
    for chunk in s.chunks(5) {
        let mut buf = [0u8; 8];
        buf[3..3 + chunk.len()].copy_from_slice(chunk);
        let n = u64::from_be_bytes(buf);
        let used = (chunk.len() * 8).div_ceil(5);
        for k in 0..8 {
            o.push(if k < used {
                alpha[((n >> (35 - 5 * k)) & 31) as usize]
            } else {
                b'='
            });
        }
    }
    out(o)
}

/// `_b32dec(alphabet, s)`: the bytes of Base32 text whose length is a multiple of 8.
fn b32dec(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 1.0)?;
    let (alpha, s) = (arg(args, 0)?, arg(args, 1)?);
    let mut values = [u8::MAX; 256];
    for (i, c) in alpha.iter().enumerate() {
        values[*c as usize] = i as u8;
    }
    let body_len = s.len() - s.iter().rev().take_while(|c| **c == b'=').count();
    let body = &s[..body_len];
    let padchars = s.len() - body_len;
    let mut o = Vec::with_capacity(body.len().div_ceil(8) * 5);
    for quanta in body.chunks(8) {
        let mut acc: u64 = 0;
        for c in quanta {
            let v = values[*c as usize];
            if v == u8::MAX {
                return Err(binascii_err(it, "Non-base32 digit found"));
            }
            acc = (acc << 5) + v as u64;
        }
        acc <<= 5 * (8 - quanta.len());
        o.extend_from_slice(&acc.to_be_bytes()[3..]);
    }
    if padchars != 0 {
        if ![1, 3, 4, 6].contains(&padchars) {
            return Err(binascii_err(it, "Incorrect padding"));
        }
        let keep = (43 - 5 * padchars) / 8;
        o.truncate(o.len().saturating_sub(5 - keep));
    }
    out(o)
}

/// `_b16check(s)`: raises `binascii.Error` unless `s` is upper-case hex digits only.
fn b16check(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 1.0, 0.0)?;
    if arg(args, 0)?
        .iter()
        .any(|c| !matches!(c, b'0'..=b'9' | b'A'..=b'F'))
    {
        return Err(binascii_err(it, "Non-base16 digit found"));
    }
    Ok(Value::None)
}

const B85: &[u8; 85] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

/// The big-endian 32-bit words of `b` (the last one zero-filled) and how many bytes it lacked.
fn words(b: &[u8]) -> (impl Iterator<Item = u32> + '_, usize) {
    let missing = (4 - b.len() % 4) % 4;
    let it = b.chunks(4).map(|c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        u32::from_be_bytes(w)
    });
    (it, missing)
}

/// The five base-85 digits of `w`, most significant first.
fn digits85(mut w: u32) -> [u8; 5] {
    let mut d = [0u8; 5];
    for k in (0..5).rev() {
        d[k] = (w % 85) as u8;
        w /= 85;
    }
    d
}

/// `_b85enc(b, pad)`.
fn b85enc(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 1.25)?;
    let b = arg(args, 0)?;
    let pad = flag(args, 1);
    let (ws, missing) = words(b);
    let mut o = Vec::with_capacity(b.len().div_ceil(4) * 5);
    for w in ws {
        o.extend(digits85(w).iter().map(|d| B85[*d as usize]));
    }
    if missing != 0 && !pad {
        o.truncate(o.len() - missing);
    }
    out(o)
}

/// `_b85dec(b)`.
fn b85dec(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 6.0, 1.0)?;
    let b = arg(args, 0)?;
    let mut values = [u8::MAX; 256];
    for (i, c) in B85.iter().enumerate() {
        values[*c as usize] = i as u8;
    }
    let padding = (5 - b.len() % 5) % 5;
    let mut o = Vec::with_capacity(b.len().div_ceil(5) * 4);
    let padded = b.iter().copied().chain(std::iter::repeat_n(b'~', padding));
    let mut acc: u64 = 0;
    for (pos, c) in padded.enumerate() {
        let v = values[c as usize];
        if v == u8::MAX {
            return Err(Exc::value_err(format!(
                "bad base85 character at position {pos}"
            )));
        }
        acc = acc * 85 + v as u64;
        if pos % 5 == 4 {
            if acc > 0xffff_ffff {
                return Err(Exc::value_err(format!(
                    "base85 overflow in hunk starting at byte {}",
                    pos - 4
                )));
            }
            o.extend_from_slice(&(acc as u32).to_be_bytes());
            acc = 0;
        }
    }
    o.truncate(o.len() - padding);
    out(o)
}

/// `_a85enc(b, foldspaces, pad)`: Ascii85 without the Adobe framing or line wrapping.
fn a85enc(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 4.0, 1.5)?;
    let b = arg(args, 0)?;
    let (foldspaces, pad) = (flag(args, 1), flag(args, 2));
    let (ws, missing) = words(b);
    let nwords = b.len().div_ceil(4);
    let mut o = Vec::with_capacity(nwords * 5);
    for (k, w) in ws.enumerate() {
        let last = k + 1 == nwords && missing != 0 && !pad;
        if last {
            // The last, partial word: its digits less the missing bytes ('z' has no short form).
            let d = digits85(w);
            o.extend(d[..5 - missing].iter().map(|d| d + 33));
        } else if w == 0 {
            o.push(b'z');
        } else if foldspaces && w == 0x2020_2020 {
            o.push(b'y');
        } else {
            o.extend(digits85(w).iter().map(|d| d + 33));
        }
    }
    out(o)
}

/// `_a85dec(b, foldspaces, ignorechars)`.
fn a85dec(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.admit_data(args, kw, 6.0, 4.0)?;
    let b = arg(args, 0)?;
    let foldspaces = flag(args, 1);
    let ignore = arg(args, 2)?;
    let mut o = Vec::with_capacity(b.len() / 5 * 4 + 4);
    let mut group = 0usize;
    let mut acc: u64 = 0;
    for x in b.iter().copied().chain(*b"uuuu") {
        match x {
            33..=117 => {
                acc = acc * 85 + (x - 33) as u64;
                group += 1;
                if group == 5 {
                    if acc > 0xffff_ffff {
                        return Err(Exc::value_err("Ascii85 overflow"));
                    }
                    o.extend_from_slice(&(acc as u32).to_be_bytes());
                    group = 0;
                    acc = 0;
                }
            }
            b'z' => {
                if group != 0 {
                    return Err(Exc::value_err("z inside Ascii85 5-tuple"));
                }
                o.extend_from_slice(&[0; 4]);
            }
            b'y' if foldspaces => {
                if group != 0 {
                    return Err(Exc::value_err("y inside Ascii85 5-tuple"));
                }
                o.extend_from_slice(b"    ");
            }
            _ if ignore.contains(&x) => {}
            _ => {
                return Err(Exc::value_err(format!(
                    "Non-Ascii85 digit found: {}",
                    char::from(x)
                )));
            }
        }
    }
    let padding = 4 - group;
    o.truncate(o.len().saturating_sub(padding));
    out(o)
}
