//! `codecs`: `encode`/`decode` with any codec (the text encodings of [`crate::codec`], and the
//! bytes-to-bytes `hex` and `base64` and the str-to-str `rot13` codecs), `lookup` (a `CodecInfo` under
//! CPython's canonical name), `getencoder`/`getdecoder`, incremental encoders and decoders (a decoder
//! holds back an incomplete sequence until the next piece or `final=True`; a UTF-16/32 encoder writes its
//! byte-order mark once), `iterencode`/`iterdecode`, `open` (the builtin `open` with an encoding), the
//! `BOM_*` constants and the `utf_8_encode`/`utf_8_decode` family.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;

/// `_canonical(encoding)`: the text encoding's canonical name, from the codec table `str.encode` uses.
fn canonical(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_canonical", args, kw, 1, 1)?;
    match &args[0] {
        Value::Str(s) => Ok(Value::str(crate::codec::canonical_name(s)?)),
        other => Err(Exc::type_err(format!(
            "lookup() argument must be str, not {}",
            crate::builtins::type_name(other)
        ))),
    }
}

const SOURCE: &str = r#"
import binascii as _binascii

BOM_UTF8 = b'\xef\xbb\xbf'
BOM_UTF16_LE = BOM_LE = b'\xff\xfe'
BOM_UTF16_BE = BOM_BE = b'\xfe\xff'
BOM_UTF32_LE = b'\xff\xfe\x00\x00'
BOM_UTF32_BE = b'\x00\x00\xfe\xff'
BOM = BOM_UTF16 = BOM_UTF16_LE
BOM_UTF32 = BOM_UTF32_LE

# The text encodings and their canonical names are `crate::codec`'s (`_canonical`), the one table
# str.encode and bytes.decode use too.
# The codecs that are not text encodings: bytes to bytes, or str to str.
_OTHER = {
    'hex': 'hex', 'hex-codec': 'hex',
    'base64': 'base64', 'base-64': 'base64', 'base64-codec': 'base64',
    'rot13': 'rot-13', 'rot-13': 'rot-13',
}
# The encoding a BOM-writing codec continues with once the mark is out.
_AFTER_BOM = {'utf-16': 'utf-16-le', 'utf-32': 'utf-32-le'}

def _norm(encoding):
    if not isinstance(encoding, str):
        raise TypeError("lookup() argument must be str, not " + type(encoding).__name__)
    return encoding.lower().replace('_', '-').replace(' ', '-')

def _rot13(s):
    out = []
    for c in s:
        o = ord(c)
        if 65 <= o <= 90:
            c = chr((o - 65 + 13) % 26 + 65)
        elif 97 <= o <= 122:
            c = chr((o - 97 + 13) % 26 + 97)
        out.append(c)
    return ''.join(out)

def _bytes_arg(name, direction, obj):
    if isinstance(obj, (bytes, bytearray, memoryview)):
        return bytes(obj)
    raise TypeError(direction + " with '" + name + "' codec failed (TypeError: a bytes-like object is required, not '" +
                    type(obj).__name__ + "')")

def _other_encode(name, obj, errors):
    if name == 'rot-13':
        if not isinstance(obj, str):
            raise TypeError("encoding with 'rot13' codec failed (TypeError: expected str, got " + type(obj).__name__ + ")")
        return _rot13(obj)
    data = _bytes_arg(name, 'encoding', obj)
    if name == 'hex':
        return _binascii.b2a_hex(data)
    return _binascii.b2a_base64(data)

def _other_decode(name, obj, errors):
    if name == 'rot-13':
        if not isinstance(obj, str):
            raise TypeError("decoding with 'rot13' codec failed (TypeError: expected str, got " + type(obj).__name__ + ")")
        return _rot13(obj)
    if isinstance(obj, str):
        obj = obj.encode('ascii')
    data = _bytes_arg(name, 'decoding', obj)
    if name == 'hex':
        return _binascii.a2b_hex(data)
    return _binascii.a2b_base64(data)

class CodecInfo(tuple):
    def __new__(cls, encode, decode, streamreader=None, streamwriter=None, incrementalencoder=None,
                incrementaldecoder=None, name=None, *, _is_text_encoding=None):
        self = tuple.__new__(cls, (encode, decode, streamreader, streamwriter))
        self.name = name
        self.encode = encode
        self.decode = decode
        self.incrementalencoder = incrementalencoder
        self.incrementaldecoder = incrementaldecoder
        self.streamwriter = streamwriter
        self.streamreader = streamreader
        if _is_text_encoding is not None:
            self._is_text_encoding = _is_text_encoding
        return self

    def __repr__(self):
        return "<%s.%s object for encoding %s at %#x>" % (self.__class__.__module__, self.__class__.__qualname__,
                                                          self.name, id(self))

class IncrementalEncoder:
    def __init__(self, errors='strict'):
        self.errors = errors
        self.buffer = ''

    def encode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return 0

    def setstate(self, state):
        pass

class IncrementalDecoder:
    def __init__(self, errors='strict'):
        self.errors = errors

    def decode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return (b"", 0)

    def setstate(self, state):
        pass

def _text_codec(name):
    def encode(input, errors='strict'):
        return (input.encode(name, errors), len(input))

    def decode(input, errors='strict'):
        return (bytes(input).decode(name, errors), len(input))

    class _Encoder(IncrementalEncoder):
        def __init__(self, errors='strict'):
            IncrementalEncoder.__init__(self, errors)
            self._started = False

        def encode(self, input, final=False):
            enc = name
            if self._started:
                enc = _AFTER_BOM.get(name, name)
                if name == 'utf-8-sig':
                    enc = 'utf-8'
            self._started = True
            return input.encode(enc, self.errors)

        def reset(self):
            self._started = False

    class _Decoder(IncrementalDecoder):
        def __init__(self, errors='strict'):
            IncrementalDecoder.__init__(self, errors)
            self._pending = b''
            self._enc = name

        def decode(self, input, final=False):
            data = self._pending + bytes(input)
            # An incomplete sequence at the end waits for the next piece (or is an error when final).
            keep = len(data) if final else _complete_prefix(data, self._enc)
            self._pending = data[keep:]
            text = data[:keep].decode(self._enc, self.errors)
            self._settle(data[:keep])
            return text

        def _settle(self, data):
            # Once its first bytes are decoded, a BOM-reading decoder knows its byte order.
            if self._enc == 'utf-8-sig' and len(data) >= 3:
                self._enc = 'utf-8'
            elif self._enc == 'utf-16' and len(data) >= 2:
                self._enc = 'utf-16-be' if data.startswith(BOM_UTF16_BE) else 'utf-16-le'
            elif self._enc == 'utf-32' and len(data) >= 4:
                self._enc = 'utf-32-be' if data.startswith(BOM_UTF32_BE) else 'utf-32-le'

        def reset(self):
            self._pending = b''
            self._enc = name

        def getstate(self):
            return (self._pending, 0)

    return CodecInfo(encode, decode, incrementalencoder=_Encoder, incrementaldecoder=_Decoder, name=name)

def _complete_prefix(data, enc):
    # How much of `data` decodes without waiting: all but an incomplete sequence at its end.
    n = len(data)
    if enc.startswith('utf-16'):
        be = enc.endswith('be') or (enc == 'utf-16' and data.startswith(BOM_UTF16_BE))
        k = n - n % 2
        if k >= 2:
            unit = data[k - 2] << 8 | data[k - 1] if be else data[k - 1] << 8 | data[k - 2]
            if 0xd800 <= unit < 0xdc00:
                k -= 2
        return k
    if enc.startswith('utf-32'):
        return n - n % 4
    if enc.startswith('utf-8'):
        i = n - 1
        while i >= 0 and n - i < 4 and 0x80 <= data[i] < 0xc0:
            i -= 1
        if i >= 0:
            lead = data[i]
            need = 2 if 0xc2 <= lead < 0xe0 else 3 if 0xe0 <= lead < 0xf0 else 4 if 0xf0 <= lead < 0xf5 else 0
            if need and n - i < need:
                return i
    return n

def _other_codec(name):
    def encode(input, errors='strict'):
        return (_other_encode(name, input, errors), len(input))

    def decode(input, errors='strict'):
        return (_other_decode(name, input, errors), len(input))

    class _Encoder(IncrementalEncoder):
        def encode(self, input, final=False):
            return _other_encode(name, input, self.errors)

    class _Decoder(IncrementalDecoder):
        def decode(self, input, final=False):
            return _other_decode(name, input, self.errors)

    return CodecInfo(encode, decode, incrementalencoder=_Encoder, incrementaldecoder=_Decoder, name=name,
                     _is_text_encoding=False)

_cache = {}

def lookup(encoding):
    n = _norm(encoding)
    name = _OTHER.get(n)
    text = name is None
    if text:
        name = _canonical(encoding)
    info = _cache.get(name)
    if info is None:
        info = _text_codec(name) if text else _other_codec(name)
        _cache[name] = info
    return info

def encode(obj, encoding='utf-8', errors='strict'):
    name = lookup(encoding).name
    if name in _OTHER.values():
        return _other_encode(name, obj, errors)
    if not isinstance(obj, str):
        raise TypeError("utf_8_encode() argument 1 must be str, not " + type(obj).__name__
                        if name == 'utf-8' else "encoding with '" + encoding + "' codec failed")
    return obj.encode(name, errors)

def decode(obj, encoding='utf-8', errors='strict'):
    name = lookup(encoding).name
    if name in _OTHER.values():
        return _other_decode(name, obj, errors)
    if isinstance(obj, str) and name in ('unicode-escape', 'raw-unicode-escape'):
        # The escape codecs read a str through its UTF-8 bytes.
        obj = obj.encode('utf-8')
    if not isinstance(obj, (bytes, bytearray, memoryview)):
        raise TypeError("a bytes-like object is required, not '" + type(obj).__name__ + "'")
    return bytes(obj).decode(name, errors)

def getencoder(encoding):
    return lookup(encoding).encode

def getdecoder(encoding):
    return lookup(encoding).decode

def getincrementalencoder(encoding):
    return lookup(encoding).incrementalencoder

def getincrementaldecoder(encoding):
    return lookup(encoding).incrementaldecoder

def iterencode(iterator, encoding, errors='strict', **kwargs):
    encoder = getincrementalencoder(encoding)(errors, **kwargs)
    for input in iterator:
        output = encoder.encode(input)
        if output:
            yield output
    output = encoder.encode("", True)
    if output:
        yield output

def iterdecode(iterator, encoding, errors='strict', **kwargs):
    decoder = getincrementaldecoder(encoding)(errors, **kwargs)
    for input in iterator:
        output = decoder.decode(input)
        if output:
            yield output
    output = decoder.decode(b"", True)
    if output:
        yield output

def open(filename, mode='r', encoding=None, errors='strict', buffering=-1):
    # A text file in that encoding (CPython opens the file in binary and wraps it; the text a program reads
    # and writes is the same).
    import builtins
    if encoding is None:
        return builtins.open(filename, mode, buffering)
    return builtins.open(filename, mode.replace('b', ''), buffering, encoding=encoding, errors=errors)

def _pair(enc):
    def encode(input, errors='strict'):
        return (input.encode(enc, errors), len(input))
    def decode(input, errors='strict', final=False):
        return (bytes(input).decode(enc, errors), len(input))
    return encode, decode

utf_8_encode, utf_8_decode = _pair('utf-8')
utf_16_encode, utf_16_decode = _pair('utf-16')
utf_16_le_encode, utf_16_le_decode = _pair('utf-16-le')
utf_16_be_encode, utf_16_be_decode = _pair('utf-16-be')
utf_32_encode, utf_32_decode = _pair('utf-32')
latin_1_encode, latin_1_decode = _pair('latin-1')
ascii_encode, ascii_decode = _pair('ascii')
del _pair
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "codecs",
        "codecs -- Python Codec Registry, API and helpers.",
        &[("_canonical", canonical)],
        SOURCE,
    )
}
