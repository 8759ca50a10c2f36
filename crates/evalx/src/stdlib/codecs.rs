//! `codecs`: `encode`/`decode` with any codec (the text encodings of [`crate::codec`], and the
//! bytes-to-bytes `hex` and `base64` and the str-to-str `rot13` codecs), `lookup` (a `CodecInfo` under
//! CPython's canonical name), `getencoder`/`getdecoder`, incremental encoders and decoders (a decoder
//! holds back an incomplete sequence until the next piece or `final=True`; a UTF-16/32 encoder writes its
//! byte-order mark once), `iterencode`/`iterdecode`, `open` (the builtin `open` with an encoding), the
//! `BOM_*` constants and the `utf_8_encode`/`utf_8_decode` family (and the `unicode_escape` pairs); the
//! error handlers (`lookup_error`, `register_error` and the standard `*_errors` functions), `Codec` and the
//! stream classes (`StreamReader`, `StreamWriter`, `StreamReaderWriter`, `getreader`/`getwriter`).

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

/// A handler `codecs.register_error` registered under `errors`, called as CPython calls it: with a
/// `UnicodeEncodeError`/`UnicodeDecodeError` of `kind` made from `fields`, answering `(replacement,
/// newpos)` (checked here for shape; the codec checks the replacement's type and the position).
fn call_handler(
    it: &mut Interp,
    errors: &str,
    kind: &'static str,
    fields: Vec<Value>,
) -> PyResult<(Value, i64)> {
    let m = it.import("codecs")?;
    let table = it.get_attr(&m, "_error_handlers")?;
    let found = match &table {
        Value::Dict(d) => d.borrow().get_str(errors).cloned(),
        _ => None,
    };
    let h = found.ok_or_else(|| crate::codec::unknown_handler(errors))?;
    let mut ex = Exc::with_args(kind, fields);
    let inst = it.materialize(&mut ex);
    let r = it.call(&h, vec![Value::Instance(inst)], Vec::new())?;
    let shape = || {
        Exc::type_err(if kind == "UnicodeDecodeError" {
            "decoding error handler must return (str, int) tuple"
        } else {
            "encoding error handler must return (str/bytes, int) tuple"
        })
    };
    let Value::Tuple(t) = &r else {
        return Err(shape());
    };
    match &t[..] {
        [rep @ (Value::Str(_) | Value::Bytes(_)), Value::Int(pos)] => Ok((rep.clone(), *pos)),
        [rep @ (Value::Str(_) | Value::Bytes(_)), Value::Bool(b)] => {
            Ok((rep.clone(), i64::from(b.get())))
        }
        [Value::Str(_) | Value::Bytes(_), Value::Big(_)] => Err(Exc::new(
            "IndexError",
            "cannot fit 'int' into an index-sized integer",
        )),
        _ => Err(shape()),
    }
}

/// `str.encode(encoding, errors)` with every error handler: those of [`crate::codec`] and those
/// `codecs.register_error` added.
pub(crate) fn encode(it: &mut Interp, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let mut hook = |kind, fields| call_handler(it, errors, kind, fields);
    crate::codec::encode_with(s, encoding, errors, Some(&mut hook))
}

/// `bytes.decode(encoding, errors)` with every error handler, as [`encode`].
pub(crate) fn decode(it: &mut Interp, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let mut hook = |kind, fields| call_handler(it, errors, kind, fields);
    crate::codec::decode_with(b, encoding, errors, Some(&mut hook))
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
unicode_escape_encode, unicode_escape_decode = _pair('unicode_escape')
raw_unicode_escape_encode, raw_unicode_escape_decode = _pair('raw_unicode_escape')
del _pair

BOM32_LE = BOM_UTF16_LE
BOM32_BE = BOM_UTF16_BE
BOM64_LE = BOM_UTF32_LE
BOM64_BE = BOM_UTF32_BE

# The error handlers (what `errors=` names): the standard ones and those register_error() adds.
def _handler_kind(exc):
    for kind in (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError):
        if isinstance(exc, kind):
            return kind
    raise TypeError("don't know how to handle " + type(exc).__name__ + " in error callback")

def strict_errors(exception, /):
    if isinstance(exception, BaseException):
        raise exception
    raise TypeError('codec must pass exception instance')

def ignore_errors(exception, /):
    _handler_kind(exception)
    return ('', exception.end)

def replace_errors(exception, /):
    kind = _handler_kind(exception)
    n = exception.end - exception.start
    if kind is UnicodeEncodeError:
        return ('?' * n, exception.end)
    if kind is UnicodeDecodeError:
        return ('\ufffd', exception.end)
    return ('\ufffd' * n, exception.end)

def _escape_char(c):
    o = ord(c)
    if o < 0x100:
        return '\\x%02x' % o
    if o < 0x10000:
        return '\\u%04x' % o
    return '\\U%08x' % o

def backslashreplace_errors(exception, /):
    kind = _handler_kind(exception)
    part = exception.object[exception.start:exception.end]
    if kind is UnicodeDecodeError:
        return (''.join('\\x%02x' % b for b in part), exception.end)
    return (''.join(_escape_char(c) for c in part), exception.end)

def xmlcharrefreplace_errors(exception, /):
    if not isinstance(exception, UnicodeEncodeError):
        raise TypeError("don't know how to handle " + type(exception).__name__ + " in error callback")
    part = exception.object[exception.start:exception.end]
    return (''.join('&#%d;' % ord(c) for c in part), exception.end)

def namereplace_errors(exception, /):
    if not isinstance(exception, UnicodeEncodeError):
        raise TypeError("don't know how to handle " + type(exception).__name__ + " in error callback")
    import unicodedata
    out = []
    for c in exception.object[exception.start:exception.end]:
        name = unicodedata.name(c, None)
        out.append('\\N{%s}' % name if name is not None else _escape_char(c))
    return (''.join(out), exception.end)

_error_handlers = {
    'strict': strict_errors,
    'ignore': ignore_errors,
    'replace': replace_errors,
    'backslashreplace': backslashreplace_errors,
    'xmlcharrefreplace': xmlcharrefreplace_errors,
    'namereplace': namereplace_errors,
}

def register_error(errors, handler, /):
    if not isinstance(errors, str):
        raise TypeError('register_error() argument 1 must be str, not ' + type(errors).__name__)
    if not callable(handler):
        raise TypeError('handler must be callable')
    _error_handlers[errors] = handler

def lookup_error(name, /):
    if not isinstance(name, str):
        raise TypeError('lookup_error() argument must be str, not ' + type(name).__name__)
    try:
        return _error_handlers[name]
    except KeyError:
        raise LookupError('unknown error handler name ' + repr(name)) from None

class Codec:
    """A stateless encoder/decoder pair: subclasses define encode and decode."""
    def encode(self, input, errors='strict'):
        raise NotImplementedError
    def decode(self, input, errors='strict'):
        raise NotImplementedError

class StreamWriter(Codec):
    """Encodes text with the codec's encode() and writes the bytes to a binary stream."""
    def __init__(self, stream, errors='strict'):
        self.stream = stream
        self.errors = errors
    def write(self, object):
        data, consumed = self.encode(object, self.errors)
        self.stream.write(data)
    def writelines(self, list):
        self.write(''.join(list))
    def reset(self):
        pass
    def seek(self, offset, whence=0):
        self.stream.seek(offset, whence)
        if whence == 0 and offset == 0:
            self.reset()
    def __getattr__(self, name):
        return getattr(self.stream, name)
    def __enter__(self):
        return self
    def __exit__(self, type, value, tb):
        self.stream.close()

class StreamReader(Codec):
    """Reads bytes from a binary stream and decodes them with the codec's decode()."""
    charbuffertype = str
    def __init__(self, stream, errors='strict'):
        self.stream = stream
        self.errors = errors
        self.bytebuffer = b''
        self.charbuffer = ''
    def read(self, size=-1, chars=-1, firstline=False):
        while True:
            if chars >= 0 and len(self.charbuffer) >= chars:
                break
            newdata = self.stream.read() if size < 0 else self.stream.read(size)
            data = self.bytebuffer + newdata
            if not data:
                break
            try:
                newchars, decodedbytes = self.decode(data, self.errors)
            except UnicodeDecodeError as exc:
                if newdata and exc.end >= len(data) - 3:
                    # An incomplete sequence at the end: wait for more bytes.
                    newchars, decodedbytes = self.decode(data[:exc.start], self.errors)
                else:
                    raise
            self.bytebuffer = data[decodedbytes:]
            self.charbuffer += newchars
            if not newdata:
                break
            if size < 0:
                continue
        if chars < 0:
            result, self.charbuffer = self.charbuffer, ''
        else:
            result, self.charbuffer = self.charbuffer[:chars], self.charbuffer[chars:]
        return result
    def readline(self, size=None, keepends=True):
        while '\n' not in self.charbuffer:
            before = len(self.charbuffer)
            self.charbuffer += self.read(72 if size is None else size)
            if len(self.charbuffer) == before:
                break
            if '\n' in self.charbuffer:
                break
        idx = self.charbuffer.find('\n')
        if idx < 0:
            line, self.charbuffer = self.charbuffer, ''
        else:
            line, self.charbuffer = self.charbuffer[:idx + 1], self.charbuffer[idx + 1:]
        return line if keepends else line.rstrip('\r\n')
    def readlines(self, sizehint=None, keepends=True):
        return self.read().splitlines(keepends)
    def reset(self):
        self.bytebuffer = b''
        self.charbuffer = ''
    def seek(self, offset, whence=0):
        self.stream.seek(offset, whence)
        self.reset()
    def __next__(self):
        line = self.readline()
        if line:
            return line
        raise StopIteration
    def __iter__(self):
        return self
    def __getattr__(self, name):
        return getattr(self.stream, name)
    def __enter__(self):
        return self
    def __exit__(self, type, value, tb):
        self.stream.close()

class StreamReaderWriter:
    """A reader and a writer over one stream: reads go through the first, writes through the second."""
    encoding = 'unknown'
    def __init__(self, stream, Reader, Writer, errors='strict'):
        self.stream = stream
        self.reader = Reader(stream, errors)
        self.writer = Writer(stream, errors)
        self.errors = errors
    def read(self, size=-1):
        return self.reader.read(size)
    def readline(self, size=None):
        return self.reader.readline(size)
    def readlines(self, sizehint=None):
        return self.reader.readlines(sizehint)
    def __next__(self):
        return next(self.reader)
    def __iter__(self):
        return self
    def write(self, data):
        return self.writer.write(data)
    def writelines(self, list):
        return self.writer.writelines(list)
    def reset(self):
        self.reader.reset()
        self.writer.reset()
    def seek(self, offset, whence=0):
        self.stream.seek(offset, whence)
        self.reader.reset()
        if whence == 0 and offset == 0:
            self.writer.reset()
    def __getattr__(self, name):
        return getattr(self.stream, name)
    def __enter__(self):
        return self
    def __exit__(self, type, value, tb):
        self.stream.close()

def _stream_classes(encoding):
    info = lookup(encoding)
    name = info.name
    def enc(self, input, errors='strict'):
        return info.encode(input, errors)
    def dec(self, input, errors='strict'):
        return info.decode(input, errors)
    writer = type('StreamWriter', (StreamWriter,), {'encode': enc, 'decode': dec, '__module__': 'encodings.' + name.replace('-', '_')})
    reader = type('StreamReader', (StreamReader,), {'encode': enc, 'decode': dec, '__module__': 'encodings.' + name.replace('-', '_')})
    return reader, writer

def getreader(encoding):
    reader = lookup(encoding).streamreader
    return reader if reader is not None else _stream_classes(encoding)[0]

def getwriter(encoding):
    writer = lookup(encoding).streamwriter
    return writer if writer is not None else _stream_classes(encoding)[1]
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
