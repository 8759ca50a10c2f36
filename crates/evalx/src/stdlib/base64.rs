//! `base64`: Base16, Base32 (and its extended-hex alphabet), Base64 (standard and URL-safe), Base85 and
//! Ascii85, with CPython 3.11's signatures, results and errors. Base64 is `binascii`'s Rust coder; the
//! others are written here in evalx over byte lists.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
import binascii

bytes_types = (bytes,)

def _bytes_from_decode_data(s):
    if isinstance(s, str):
        for ch in s:
            if ord(ch) > 127:
                raise ValueError('string argument should contain only ASCII characters')
        return s.encode('ascii')
    if isinstance(s, bytes):
        return s
    if hasattr(s, 'tobytes'):
        return s.tobytes()
    raise TypeError("argument should be a bytes-like object or ASCII string, not '" + type(s).__name__ + "'")

def _need_bytes(s):
    if isinstance(s, bytes):
        return s
    if hasattr(s, 'tobytes') and hasattr(s, 'typecode'):
        return s.tobytes()
    raise TypeError("a bytes-like object is required, not '" + type(s).__name__ + "'")

def _swap(s, frm, to):
    # Maps each byte of frm in s to the byte at the same place in to.
    m = {}
    for a, b in zip(frm, to):
        m[a] = b
    return bytes([m.get(c, c) for c in s])

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
    s = _need_bytes(s)
    out = []
    for i in range(0, len(s), 5):
        chunk = s[i:i + 5]
        n = int.from_bytes(chunk + bytes(5 - len(chunk)), 'big')
        for shift in range(35, -1, -5):
            out.append(alphabet[(n >> shift) & 31])
        used = (len(chunk) * 8 + 4) // 5
        if used < 8:
            del out[len(out) - (8 - used):]
            out.extend(b'=' * (8 - used))
    return bytes(out)

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
    n = len(s)
    body = s
    while body.endswith(b'='):
        body = body[:-1]
    padchars = n - len(body)
    values = {}
    for i, c in enumerate(alphabet):
        values[c] = i
    out = []
    for i in range(0, len(body), 8):
        quanta = body[i:i + 8]
        acc = 0
        for c in quanta:
            v = values.get(c)
            if v is None:
                raise binascii.Error('Non-base32 digit found')
            acc = (acc << 5) + v
        acc <<= 5 * (8 - len(quanta))
        out.extend(acc.to_bytes(5, 'big'))
    if padchars:
        if padchars not in (1, 3, 4, 6):
            raise binascii.Error('Incorrect padding')
        keep = (43 - 5 * padchars) // 8
        del out[len(out) - (5 - keep):]
    return bytes(out)

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
    for c in s:
        if not (48 <= c <= 57 or 65 <= c <= 70):
            raise binascii.Error('Non-base16 digit found')
    return binascii.unhexlify(s)

_B85 = b'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~'

def _words(b, pad):
    # Big-endian 32-bit words of b (zero-filled), and how many bytes the last word lacked.
    missing = (-len(b)) % 4
    b = b + bytes(missing)
    return [int.from_bytes(b[i:i + 4], 'big') for i in range(0, len(b), 4)], missing

def _digits85(word, chars):
    out = []
    for _ in range(5):
        out.append(chars[word % 85])
        word //= 85
    out.reverse()
    return out

def b85encode(b, pad=False):
    b = _need_bytes(b)
    words, missing = _words(b, pad)
    out = []
    for w in words:
        out.extend(_digits85(w, _B85))
    if missing and not pad:
        del out[len(out) - missing:]
    return bytes(out)

def b85decode(b):
    b = _bytes_from_decode_data(b)
    values = {}
    for i, c in enumerate(_B85):
        values[c] = i
    padding = (-len(b)) % 5
    b = b + b'~' * padding
    out = []
    for i in range(0, len(b), 5):
        chunk = b[i:i + 5]
        acc = 0
        for j, c in enumerate(chunk):
            v = values.get(c)
            if v is None:
                raise ValueError('bad base85 character at position %d' % (i + j))
            acc = acc * 85 + v
        if acc > 0xffffffff:
            raise ValueError('base85 overflow in hunk starting at byte %d' % i)
        out.extend(acc.to_bytes(4, 'big'))
    if padding:
        del out[len(out) - padding:]
    return bytes(out)

def a85encode(b, *, foldspaces=False, wrapcol=0, pad=False, adobe=False):
    b = _need_bytes(b)
    words, missing = _words(b, pad)
    chars = list(range(33, 118))
    chunks = []
    for w in words:
        if w == 0:
            chunks.append([122])
        elif foldspaces and w == 0x20202020:
            chunks.append([121])
        else:
            chunks.append(_digits85(w, chars))
    if missing and not pad:
        if chunks[-1] == [122]:
            chunks[-1] = [33] * 5
        chunks[-1] = chunks[-1][:len(chunks[-1]) - missing]
    out = []
    for c in chunks:
        out.extend(c)
    res = bytes(out)
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
    out = []
    group = []
    for x in b + b'uuuu':
        if 33 <= x <= 117:
            group.append(x)
            if len(group) == 5:
                acc = 0
                for c in group:
                    acc = acc * 85 + (c - 33)
                if acc > 0xffffffff:
                    raise ValueError('Ascii85 overflow')
                out.extend(acc.to_bytes(4, 'big'))
                group = []
        elif x == 122:
            if group:
                raise ValueError('z inside Ascii85 5-tuple')
            out.extend(bytes(4))
        elif foldspaces and x == 121:
            if group:
                raise ValueError('y inside Ascii85 5-tuple')
            out.extend(b'    ')
        elif x in ignorechars:
            continue
        else:
            raise ValueError('Non-Ascii85 digit found: %c' % x)
    padding = 4 - len(group)
    if padding:
        del out[len(out) - padding:]
    return bytes(out)

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
        &[],
        SOURCE,
    )
}
