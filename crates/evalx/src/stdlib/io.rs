//! `io`: `StringIO` (an in-memory text stream: `write`, `read`, `readline(s)`, `seek`/`tell`, `getvalue`,
//! `truncate`, iteration, `with`) and `BytesIO` (the same over bytes), plus `SEEK_*` and
//! `UnsupportedOperation`.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192

class UnsupportedOperation(OSError, ValueError):
    pass

class _Memory:
    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")
    @property
    def closed(self):
        return self._closed
    def close(self):
        self._closed = True
    def readable(self):
        self._check()
        return True
    def writable(self):
        self._check()
        return True
    def seekable(self):
        self._check()
        return True
    def isatty(self):
        self._check()
        return False
    def flush(self):
        self._check()
    def __enter__(self):
        self._check()
        return self
    def __exit__(self, *args):
        self.close()
    def __iter__(self):
        self._check()
        return self
    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    def tell(self):
        self._check()
        return self._pos
    def getvalue(self):
        self._check()
        return self._buf
    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            end = len(self._buf)
        else:
            end = min(len(self._buf), self._pos + size)
        r = self._buf[self._pos:end]
        self._pos = max(self._pos, end)
        return r
    def readline(self, size=-1):
        self._check()
        i = self._buf.find(self._nl, self._pos)
        end = len(self._buf) if i < 0 else i + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        r = self._buf[self._pos:end]
        self._pos = max(self._pos, end)
        return r
    def readlines(self, hint=-1):
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
        for line in lines:
            self.write(line)
    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("Negative size value " + str(size))
        self._buf = self._buf[:size]
        return size
    def write(self, s):
        self._check()
        if not isinstance(s, type(self._buf)):
            raise TypeError(self._wmsg + "'" + type(s).__name__ + "'")
        n = len(s)
        if self._pos > len(self._buf):
            self._buf = self._buf + self._pad * (self._pos - len(self._buf))
        if self._pos == len(self._buf):
            self._buf = self._buf + s
        else:
            self._buf = self._buf[:self._pos] + s + self._buf[self._pos + n:]
        self._pos += n
        return n

class StringIO(_Memory):
    _nl = "\n"
    _pad = "\0"
    _wmsg = "string argument expected, got "
    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not " + type(initial_value).__name__)
        self._buf = initial_value
        self._pos = 0
        self._closed = False
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
            self._pos = len(self._buf)
        else:
            raise ValueError("Invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos
    def __repr__(self):
        return "<_io.StringIO object>"

class BytesIO(_Memory):
    _nl = b"\n"
    _pad = b"\0"
    _wmsg = "a bytes-like object is required, not "
    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        self._buf = bytes(initial_bytes)
        self._pos = 0
        self._closed = False
    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value " + str(pos))
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos
    def getbuffer(self):
        # A view of the current contents (read-only: evalx keeps the buffer as immutable bytes).
        return memoryview(self._buf)
    def read1(self, size=-1):
        return self.read(size)
    def __repr__(self):
        return "<_io.BytesIO object>"
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "io",
        "The io module provides the Python interfaces to stream handling.",
        &[],
        SOURCE,
    )
}
