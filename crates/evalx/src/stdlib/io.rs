//! `io`: the stream classes. `IOBase` and its three kinds (`RawIOBase`, `BufferedIOBase`, `TextIOBase`)
//! hold the stream protocol once (`closed`, `close`, `with`, iteration, `readlines`, `writelines`,
//! `isatty`, `flush`, `fileno`); `StringIO` and `BytesIO` are in-memory streams over it, and the file
//! objects of `open()` (`TextIOWrapper`, `BufferedReader`, `BufferedWriter`, `BufferedRandom`) are files
//! over the host's mounts ([`crate::vfs`], through `os`'s primitives). `io.open` is the builtin `open`.
//!
//! An in-memory stream keeps what is written at its end as a list of pieces joined on the next read, so a
//! program that writes a large text in many small pieces takes linear time, as CPython's does.

use super::Kw;
use crate::interp::{Interp, PyResult};
use crate::value::Value;
use std::rc::Rc;

const SOURCE: &str = r#"
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192

class UnsupportedOperation(OSError, ValueError):
    pass

class IOBase:
    _closed = False
    # What a closed stream's own operations say (StringIO's drop the period, as CPython's do).
    _msg = "I/O operation on closed file."

    def _check(self):
        if self._closed:
            raise ValueError(self._msg)

    def _checkClosed(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def __enter__(self):
        self._checkClosed()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def isatty(self):
        self._checkClosed()
        return False

    def flush(self):
        self._checkClosed()

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def seek(self, pos, whence=0):
        raise UnsupportedOperation("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, size=None):
        raise UnsupportedOperation("truncate")

    def readline(self, size=-1):
        self._checkClosed()
        out = []
        n = 0
        while size is None or size < 0 or n < size:
            c = self.read(1)
            if not c:
                break
            out.append(c)
            n += 1
            if c in ("\n", b"\n"):
                break
        return (b"" if isinstance(self, (RawIOBase, BufferedIOBase)) else "").join(out)

    def readlines(self, hint=-1):
        self._checkClosed()
        out = []
        n = 0
        while True:
            line = self.readline()
            if not line:
                break
            out.append(line)
            n += len(line)
            if hint is not None and 0 < hint <= n:
                break
        return out

    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)

class RawIOBase(IOBase):
    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def readall(self):
        return self.read()

    def write(self, b):
        raise UnsupportedOperation("write")

class BufferedIOBase(IOBase):
    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def read1(self, size=-1):
        return self.read(size)

    def write(self, b):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

class TextIOBase(IOBase):
    encoding = None
    errors = None
    newlines = None

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def write(self, s):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

class _Memory:
    # An in-memory stream: `_buf` holds the text (or bytes) up to `_tail`, the pieces written at the end
    # since the last read, which `_flat` joins; `_n` is the whole length, `_pos` the position.
    def _flat(self):
        if self._tail:
            self._buf = self._buf + self._empty.join(self._tail)
            self._tail = []
        return self._buf

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def tell(self):
        self._check()
        return self._pos

    def getvalue(self):
        self._check()
        return self._flat()

    def read(self, size=-1):
        self._check()
        buf = self._flat()
        if size is None or size < 0:
            end = self._n
        else:
            end = min(self._n, self._pos + size)
        r = buf[self._pos:end]
        self._pos = max(self._pos, end)
        return r

    def readline(self, size=-1):
        self._check()
        buf = self._flat()
        i = buf.find(self._nl, self._pos)
        end = self._n if i < 0 else i + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        r = buf[self._pos:end]
        self._pos = max(self._pos, end)
        return r

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("Negative size value " + str(size))
        if size < self._n:
            self._buf = self._flat()[:size]
            self._n = size
        return size

    def write(self, s):
        self._check()
        s = self._accept(s)
        n = len(s)
        if self._pos == self._n:
            if n:
                self._tail.append(s)
                self._n += n
                self._pos += n
            return n
        buf = self._flat()
        if self._pos > self._n:
            buf = buf + self._pad * (self._pos - self._n)
            self._buf = buf + s
        else:
            self._buf = buf[:self._pos] + s + buf[self._pos + n:]
        self._n = len(self._buf)
        self._pos += n
        return n

class StringIO(_Memory, TextIOBase):
    _msg = "I/O operation on closed file"
    _nl = "\n"
    _pad = "\0"
    _empty = ""

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not " + type(initial_value).__name__)
        self._buf = initial_value
        self._tail = []
        self._n = len(initial_value)
        self._pos = 0
        self._closed = False

    def _accept(self, s):
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '" + type(s).__name__ + "'")
        return s

    def flush(self):
        pass

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position " + str(pos))
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = self._n
        else:
            raise ValueError("Invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos

    def __repr__(self):
        return "<_io.StringIO object>"

# StringIO.write is native (io.rs's `sio_write`): it writes at the end of an exact StringIO and leaves
# everything else to the method saved here.
StringIO._exact = StringIO
StringIO._py_write = _Memory.write

class BytesIO(_Memory, BufferedIOBase):
    _nl = b"\n"
    _pad = b"\0"
    _empty = b""

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        self._buf = bytes(initial_bytes)
        self._tail = []
        self._n = len(self._buf)
        self._pos = 0
        self._closed = False

    def _accept(self, s):
        if isinstance(s, bytes):
            return s
        if isinstance(s, (bytearray, memoryview)):
            return bytes(s)
        raise TypeError("a bytes-like object is required, not '" + type(s).__name__ + "'")

    def __iter__(self):
        return self

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value " + str(pos))
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, self._n + pos)
        else:
            raise ValueError("invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos

    def getbuffer(self):
        # A view of the current contents (read-only: evalx keeps the buffer as immutable bytes).
        self._check()
        return memoryview(self._flat())

    def read1(self, size=-1):
        return self.read(size)

    def __repr__(self):
        return "<_io.BytesIO object>"
"#;

const FILE_SOURCE: &str = r#"
class _File:
    # The logic of a file over the host's mounts; the stream protocol (closed, close, with, iteration,
    # readlines, writelines...) comes from IOBase through the concrete classes below.
    def __init__(self, name, mode, path, how, binary, readable, writable, encoding, errors, newline):
        self.name = name
        self.mode = mode
        self._path = path
        self._bin = binary
        self._r = readable
        self._w = writable
        self._append = how == "a"
        self._closed = False
        self._msg = "I/O operation on closed file" if binary else "I/O operation on closed file."
        self.encoding = encoding
        self.errors = errors
        self._newline = newline
        self._pos = 0
        # `_buf`: the file's content, kept for readable files (and loaded on demand for a write-only one that
        # seeks); a write-only file appends at its end without holding what it wrote.
        self._buf = None
        self._n = 0
        if how == "a":
            _write(path, b"", "a")
        if how == "r" or (how == "a" and readable):
            raw = _read(path)
            self._buf = raw if binary else self._decode(raw)
            self._n = _blen(self._buf)
            if how == "a":
                self._pos = self._n
        elif how == "a":
            if binary:
                self._n = self._pos = _stat(path)[1]
        else:
            _write(path, b"", how)
            if readable:
                self._buf = b"" if binary else ""

    def _content(self):
        if self._buf is None:
            raw = _read(self._path)
            self._buf = raw if self._bin else self._decode(raw)
            self._n = _blen(self._buf)
            if self._append:
                self._pos = self._n
        return self._buf

    def _decode(self, raw):
        s = raw.decode(self.encoding, self.errors)
        if self._newline is None:
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        return s

    def _encode(self, s):
        nl = self._newline
        if nl is not None and nl != "" and nl != "\n":
            s = s.replace("\n", nl)
        return s.encode(self.encoding, self.errors)

    def _shut(self, op):
        # A closed file refuses `op`: the text wrapper says so with a period, the buffered (binary) file
        # names the operation, as CPython's layers do.
        if self._closed:
            if not self._bin:
                raise ValueError(self._msg)
            raise ValueError("write to closed file" if op == "write" else op + " of closed file")

    def _need_r(self, op):
        if self._bin and not self._r:
            raise UnsupportedOperation("read")
        self._shut(op)
        if not self._r:
            raise UnsupportedOperation("not readable")

    # A closed file's answers follow CPython's layers: its own operations say what the text wrapper (with a
    # period) or the buffered file (without) says; the capability queries are the raw file's (without), and
    # a capability the file never had is False even when closed.
    def _checkraw(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    def readable(self):
        if not self._r:
            return False
        self._checkraw()
        return True

    def writable(self):
        if not self._w:
            return False
        self._checkraw()
        return True

    def seekable(self):
        self._checkraw()
        return True

    def isatty(self):
        self._checkraw()
        return False

    def flush(self):
        if self._bin and self._w:
            self._shut("flush")
        else:
            self._checkClosed()

    def fileno(self):
        raise UnsupportedOperation("fileno")

    # Positions (`_pos`, `_n`) are byte offsets: into the bytes of a binary file, into the UTF-8 of a text
    # file's decoded buffer.
    def read(self, size=-1):
        self._need_r("read")
        r, self._pos = _take(self._buf, self._pos, -1 if size is None else size, False, None)
        return r

    def readline(self, size=-1):
        self._need_r("readline")
        nl = "\n" if self._bin else self._newline
        r, self._pos = _take(self._buf, self._pos, -1 if size is None else size, True, nl)
        return r

    def write(self, s):
        if self._bin and not self._w:
            raise UnsupportedOperation("write")
        self._shut("write")
        if not self._w:
            raise UnsupportedOperation("not writable")
        if self._bin:
            if not isinstance(s, (bytes, bytearray)):
                if isinstance(s, (str, int, float, list, tuple, dict, set)) or s is None:
                    raise TypeError("a bytes-like object is required, not '" + type(s).__name__ + "'")
            s = bytes(s)
            data = s
        else:
            if not isinstance(s, str):
                raise TypeError("write() argument must be str, not " + type(s).__name__)
            data = self._encode(s)
        if self._append:
            self._pos = self._n
        n = _blen(s)
        if self._pos >= self._n:
            if self._pos > self._n:
                pad = (b"\0" if self._bin else "\0") * (self._pos - self._n)
                if self._buf is not None:
                    self._buf = self._buf + pad
                _write(self._path, pad if self._bin else self._encode(pad), "a")
            if self._buf is not None:
                self._buf = self._buf + s
            _write(self._path, data, "a")
            self._n = self._pos + n
        else:
            b = self._content()
            if self._bin:
                self._buf = b[:self._pos] + s + b[self._pos + n:]
            else:
                self._buf = _cut(b, 0, self._pos) + s + _cut(b, self._pos + n, -1)
            self._n = _blen(self._buf)
            _write(self._path, self._buf if self._bin else self._encode(self._buf), "w")
        self._pos += n
        return n if self._bin else len(s)

    def truncate(self, size=None):
        self._shut("truncate")
        if not self._w:
            raise UnsupportedOperation("File not open for writing")
        if size is None:
            size = self._pos
        b = self._content()
        self._buf = b[:size] if self._bin else _cut(b, 0, size)
        self._n = _blen(self._buf)
        _write(self._path, self._buf if self._bin else self._encode(self._buf), "w")
        return size

    def tell(self):
        self._check()
        if self._bin:
            return self._pos
        if self._buf is None and self._pos == self._n:
            return _stat(self._path)[1]
        return len(self._encode(_cut(self._content(), 0, self._pos)))

    def seek(self, pos, whence=0):
        self._shut("seek")
        if self._bin:
            if whence == 0:
                if pos < 0:
                    raise OSError(22, "Invalid argument")
                self._pos = pos
            elif whence == 1:
                self._pos = max(0, self._pos + pos)
            elif whence == 2:
                self._pos = max(0, self._n + pos)
            else:
                raise ValueError("invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
            return self._pos
        if whence == 1:
            if pos != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            return self.tell()
        if whence == 2:
            if pos != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self._pos = _blen(self._content())
            return self.tell()
        if whence != 0:
            raise ValueError("invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        if pos < 0:
            raise ValueError("negative seek position " + str(pos))
        raw = self._encode(self._content())
        self._pos = _blen(raw[:pos].decode(self.encoding, "ignore")) + max(0, pos - len(raw))
        return pos

class TextIOWrapper(_File, TextIOBase):
    def __repr__(self):
        return "<_io.TextIOWrapper name=" + repr(self.name) + " mode=" + repr(self.mode) + " encoding=" + repr(self.encoding) + ">"

class BufferedReader(_File, BufferedIOBase):
    def __repr__(self):
        return "<_io.BufferedReader name=" + repr(self.name) + ">"

class BufferedWriter(_File, BufferedIOBase):
    def __repr__(self):
        return "<_io.BufferedWriter name=" + repr(self.name) + ">"

class BufferedRandom(_File, BufferedIOBase):
    def __repr__(self):
        return "<_io.BufferedRandom name=" + repr(self.name) + ">"

class _TextOverBuffer:
    # `io.TextIOWrapper(buffer, ...)`: text over any binary stream (`sys.stdin`, `gzip.open(..., "rt")`).
    # Reading pulls the buffer a line at a time (so a reader sharing the stream, such as input() on stdin,
    # loses nothing), decodes it and applies the newline rules; writing encodes and writes through.
    def __init__(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False,
                 write_through=False):
        if encoding is None or encoding == "locale":
            encoding = "utf-8"
        elif not isinstance(encoding, str):
            raise TypeError("TextIOWrapper() argument 'encoding' must be str or None, not " + type(encoding).__name__)
        if errors is None:
            errors = "strict"
        if newline is not None and not isinstance(newline, str):
            raise TypeError("TextIOWrapper() argument 'newline' must be str or None, not " + type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: " + newline)
        import codecs
        codecs.lookup(encoding)
        self.buffer = buffer
        self.encoding = encoding
        self.errors = errors
        self.line_buffering = line_buffering
        self.write_through = write_through
        self._newline = newline
        self._dec = codecs.getincrementaldecoder(encoding)(errors)
        self._text = ""
        self._eof = False
        self._closed = False
        self._detached = False

    @property
    def name(self):
        return self.buffer.name

    @property
    def mode(self):
        return getattr(self.buffer, "mode", "r").replace("b", "")

    @property
    def closed(self):
        if self._detached:
            raise ValueError("underlying buffer has been detached")
        return self.buffer.closed

    def _live(self):
        if self._detached:
            raise ValueError("underlying buffer has been detached")
        if self.buffer.closed:
            raise ValueError("I/O operation on closed file.")

    def _more(self, whole=False):
        # Decodes the next line of the buffer (or all the rest) onto `_text`; False at the end.
        if self._eof:
            return False
        raw = self.buffer.read() if whole else self.buffer.readline()
        text = self._dec.decode(raw, final=not raw)
        if not raw:
            self._eof = True
        if self._newline is None:
            if text.endswith("\r") and not self._eof:
                nxt = self.buffer.read(1) if hasattr(self.buffer, "read") else b""
                text += self._dec.decode(nxt, final=not nxt)
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self._text += text
        return bool(raw)

    def read(self, size=-1):
        self._live()
        if not self.readable():
            raise UnsupportedOperation("not readable")
        if size is None or size < 0:
            while self._more(True):
                pass
            out, self._text = self._text, ""
            return out
        while len(self._text) < size and self._more():
            pass
        out, self._text = self._text[:size], self._text[size:]
        return out

    def readline(self, size=-1):
        self._live()
        if size is None:
            size = -1
        ends = ("\n", "\r", "\r\n") if self._newline == "" else (self._newline or "\n",)
        while True:
            cut = -1
            at = -1
            for e in ends:
                i = self._text.find(e)
                if i >= 0 and (at < 0 or i < at or (i == at and i + len(e) > cut)):
                    at = i
                    cut = i + len(e)
            if self._newline == "" and cut > 0 and self._text[cut - 1] == "\r" and cut == len(self._text) and not self._eof:
                cut = -1
            if cut >= 0 or (0 <= size <= len(self._text)) or not self._more():
                break
        if cut < 0:
            cut = len(self._text)
        if 0 <= size < cut:
            cut = size
        out, self._text = self._text[:cut], self._text[cut:]
        return out

    def write(self, s):
        self._live()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not " + type(s).__name__)
        text = s
        if self._newline not in (None, "", "\n"):
            text = text.replace("\n", self._newline)
        self.buffer.write(text.encode(self.encoding, self.errors))
        if self.line_buffering and ("\n" in s or "\r" in s):
            self.flush()
        return len(s)

    def flush(self):
        self._live()
        if hasattr(self.buffer, "flush"):
            self.buffer.flush()

    def close(self):
        if self._detached or self.buffer.closed:
            return
        try:
            self.flush()
        finally:
            self.buffer.close()

    def detach(self):
        self._live()
        self.flush()
        b = self.buffer
        self._detached = True
        return b

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return False

    def isatty(self):
        return self.buffer.isatty()

    def fileno(self):
        return self.buffer.fileno()

    def seek(self, pos, whence=0):
        raise UnsupportedOperation("underlying stream is not seekable")

    def tell(self):
        raise UnsupportedOperation("underlying stream is not seekable")

    def truncate(self, pos=None):
        raise UnsupportedOperation("truncate")

    def __repr__(self):
        try:
            name = self.name
        except Exception:
            return "<_io.TextIOWrapper encoding=" + repr(self.encoding) + ">"
        return "<_io.TextIOWrapper name=" + repr(name) + " mode=" + repr(self.mode) + " encoding=" + repr(self.encoding) + ">"

_BufferText = type("TextIOWrapper", (_TextOverBuffer, TextIOWrapper), {"__module__": "_io"})

def _textio_new(cls, *args, **kw):
    # The files of open() are built with their ten fields; any other call wraps a binary buffer.
    if cls is TextIOWrapper and not (len(args) == 10 and not kw):
        return object.__new__(_BufferText)
    return object.__new__(cls)

TextIOWrapper.__new__ = _textio_new

def _open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not " + type(mode).__name__)
    if isinstance(file, int) and not isinstance(file, bool):
        raise OSError(9, "Bad file descriptor")
    if not isinstance(file, (str, bytes)) and getattr(type(file), "__fspath__", None) is None:
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(file).__name__)
    path = _p(file)
    modes = set(mode)
    if len(modes) != len(mode) or not modes <= set("axrwb+tU"):
        raise ValueError("invalid mode: " + repr(mode))
    creating = "x" in modes
    reading = "r" in modes
    writing = "w" in modes
    appending = "a" in modes
    updating = "+" in modes
    text = "t" in modes
    binary = "b" in modes
    if "U" in modes:
        raise ValueError("invalid mode: " + repr(mode))
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if not (creating or reading or writing or appending):
        raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if newline is not None and newline not in ("", "\n", "\r", "\r\n"):
        raise ValueError("illegal newline value: " + str(newline))
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("open() argument 'encoding' must be str or None, not " + type(encoding).__name__)
    how = "x" if creating else "w" if writing else "a" if appending else "r"
    readable = reading or updating
    writable = not reading or updating
    if binary:
        raw = ("x" if creating else "r" if reading else "w" if writing else "a") + "b" + ("+" if updating else "")
        if updating and not reading and not creating and not appending:
            raw = "rb+"
        cls = BufferedRandom if updating else BufferedReader if reading else BufferedWriter
        return cls(file, raw, path, how, True, readable, writable, None, None, None)
    if encoding is None or encoding == "locale":
        encoding = "utf-8"
    if errors is None:
        errors = "strict"
    try:
        "".encode(encoding)
    except LookupError:
        raise LookupError("unknown encoding: " + encoding)
    return TextIOWrapper(file, mode, path, how, False, readable, writable, encoding, errors, newline)
"#;

/// `io.open` is the builtin itself (the name resolves to it while the module runs).
const TAIL: &str = r#"
open = open
BlockingIOError = BlockingIOError

def text_encoding(encoding, stacklevel=2, /):
    # Without UTF-8 mode, an unnamed encoding means the locale's: "locale", which open() and
    # TextIOWrapper take as the locale's encoding (evalx's locale is UTF-8).
    if encoding is None:
        return "locale"
    return encoding

class IncrementalNewlineDecoder:
    """Wraps an incremental decoder (or None: str input) and finds, or translates to '\\n', the newlines
    '\\r', '\\n' and '\\r\\n', also when a '\\r\\n' is split between two calls."""

    _LF, _CR, _CRLF = 1, 2, 4

    def __init__(self, decoder, translate, errors="strict"):
        self.decoder = decoder
        self.translate = translate
        self.errors = errors
        self._seennl = 0
        self._pendingcr = False

    def decode(self, input, final=False):
        if self.decoder is None:
            output = input
        else:
            output = self.decoder.decode(input, final=final)
        if not isinstance(output, str):
            raise TypeError("decoder should return a string result, not '" + type(output).__name__ + "'")
        if self._pendingcr and (output or final):
            output = "\r" + output
            self._pendingcr = False
        if output.endswith("\r") and not final:
            output = output[:-1]
            self._pendingcr = True
        crlf = output.count("\r\n")
        cr = output.count("\r") - crlf
        lf = output.count("\n") - crlf
        if lf:
            self._seennl |= self._LF
        if cr:
            self._seennl |= self._CR
        if crlf:
            self._seennl |= self._CRLF
        if self.translate:
            if crlf:
                output = output.replace("\r\n", "\n")
            if cr:
                output = output.replace("\r", "\n")
        return output

    def getstate(self):
        if self.decoder is None:
            buf, flag = b"", 0
        else:
            buf, flag = self.decoder.getstate()
        flag <<= 1
        if self._pendingcr:
            flag |= 1
        return buf, flag

    def setstate(self, state):
        buf, flag = state
        self._pendingcr = bool(flag & 1)
        if self.decoder is not None:
            self.decoder.setstate((buf, flag >> 1))

    def reset(self):
        self._seennl = 0
        self._pendingcr = False
        if self.decoder is not None:
            self.decoder.reset()

    @property
    def newlines(self):
        return (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"), ("\r", "\r\n"),
                ("\r", "\n", "\r\n"))[self._seennl]

class FileIO(RawIOBase):
    """Raw binary file I/O over the same open() (so the host's file policy decides what it reaches)."""

    def __init__(self, file, mode="r", closefd=True, opener=None):
        if not isinstance(mode, str):
            raise TypeError("FileIO() argument 'mode' must be str, not " + type(mode).__name__)
        kinds = [c for c in mode if c in "rwax"]
        if any(c not in "rwaxb+" for c in mode) or len(set(mode)) != len(mode):
            raise ValueError("invalid mode: " + mode)
        if len(kinds) != 1 or mode.count("+") > 1:
            raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
        plus = "+" in mode
        self._f = _open(file, kinds[0] + "b" + ("+" if plus else ""), buffering=0,
                        closefd=closefd, opener=opener)
        self.name = file
        self.mode = {"r": "rb", "w": "wb", "a": "ab", "x": "xb"}[kinds[0]]
        if plus:
            self.mode = {"r": "rb+", "w": "rb+", "a": "ab+", "x": "xb+"}[kinds[0]]
        self._readable = kinds[0] == "r" or plus
        self._writable = kinds[0] != "r" or plus

    def __repr__(self):
        if self.closed:
            return "<_io.FileIO [closed]>"
        return "<_io.FileIO name=%r mode=%r closefd=True>" % (self.name, self.mode)

    @property
    def closed(self):
        return self._f.closed

    def _check(self, ok, what):
        if self._f.closed:
            raise ValueError("I/O operation on closed file")
        if not ok:
            raise UnsupportedOperation("File not open for " + what)

    def readable(self):
        self._check(True, "")
        return self._readable

    def writable(self):
        self._check(True, "")
        return self._writable

    def seekable(self):
        self._check(True, "")
        return True

    def read(self, size=-1):
        self._check(self._readable, "reading")
        return self._f.read(size)

    def readall(self):
        self._check(self._readable, "reading")
        return self._f.read()

    def readinto(self, b):
        self._check(self._readable, "reading")
        data = self._f.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def write(self, b):
        self._check(self._writable, "writing")
        return self._f.write(b)

    def seek(self, pos, whence=0):
        self._check(True, "")
        return self._f.seek(pos, whence)

    def tell(self):
        self._check(True, "")
        return self._f.tell()

    def truncate(self, size=None):
        self._check(self._writable, "writing")
        return self._f.truncate(size)

    def fileno(self):
        return self._f.fileno()

    def isatty(self):
        self._check(True, "")
        return False

    def flush(self):
        if self._f.closed:
            raise ValueError("I/O operation on closed file.")

    def close(self):
        self._f.close()

    def __enter__(self):
        self._check(True, "")
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        self._check(True, "")
        return self

    def __next__(self):
        line = self._f.readline()
        if not line:
            raise StopIteration
        return line
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let src = format!("{}{SOURCE}{FILE_SOURCE}{TAIL}", super::os::FSPATH);
    let m = super::module_from(
        it,
        "io",
        "The io module provides the Python interfaces to stream handling.",
        super::os::NATIVES,
        &src,
    )?;
    super::add_methods(&m, "StringIO", &[("write", "StringIO.write", sio_write)])?;
    Ok(m)
}

/// `StringIO.write(s)` at the end of an open `StringIO` (logging's `StreamHandler` writing to one): the
/// text joins the pieces `_Memory.write` keeps (`_tail`), in Rust, with no evalx-level call. Anything
/// else (a subclass, which may override `_check`/`_accept`; a closed stream; a position before or past
/// the end; a non-str argument) runs the evalx-level `_Memory.write`, as before.
fn sio_write(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if let ([Value::Instance(i), Value::Str(s)], true) = (args, kw.is_empty()) {
        let exact =
            matches!(i.class.lookup("_exact"), Some(Value::Class(c)) if Rc::ptr_eq(&c, &i.class));
        if exact {
            if let (
                Some(Value::Bool(closed)),
                Some(Value::Int(pos)),
                Some(Value::Int(n)),
                Some(Value::List(tail)),
            ) = (
                i.dict.get_str("_closed"),
                i.dict.get_str("_pos"),
                i.dict.get_str("_n"),
                i.dict.get_str("_tail"),
            ) {
                if !closed.get() && pos == n {
                    let k = if s.is_ascii() {
                        s.len()
                    } else {
                        s.chars().count()
                    } as i64;
                    if k > 0 {
                        let Some(end) = n.checked_add(k) else {
                            return py_write(it, args, kw);
                        };
                        match tail.try_borrow_mut() {
                            Ok(mut t) => t.push(Value::Str(s.clone())),
                            Err(_) => return py_write(it, args, kw),
                        }
                        i.dict.set_str("_n", Value::Int(end));
                        i.dict.set_str("_pos", Value::Int(end));
                    }
                    return Ok(Value::Int(k));
                }
            }
        }
    }
    py_write(it, args, kw)
}

/// The evalx-level `_Memory.write` (saved as `StringIO._py_write`) with these arguments.
fn py_write(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let w = match args.first() {
        Some(Value::Instance(i)) => i.class.lookup("_py_write"),
        _ => None,
    };
    let Some(w) = w else {
        return Err(crate::interp::Exc::type_err(
            "descriptor 'write' for '_io.StringIO' objects doesn't apply to this object",
        ));
    };
    it.call(&w, args.to_vec(), kw.to_vec())
}

/// The builtin `open()`: the file classes live in `io`, which is loaded whatever the module policy says
/// (`open` is a builtin; the mounts decide what it reaches).
pub(crate) fn b_open(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let f = super::internal_attr(it, "io", "_open")?;
    it.call(&f, args.to_vec(), kw.to_vec())
}
