//! `io`: `StringIO` (an in-memory text stream: `write`, `read`, `readline(s)`, `seek`/`tell`, `getvalue`,
//! `truncate`, iteration, `with`) and `BytesIO` (the same over bytes), plus `SEEK_*` and
//! `UnsupportedOperation`; and the file objects the builtin `open()` returns (`TextIOWrapper`,
//! `BufferedReader`/`BufferedWriter`/`BufferedRandom`), which reach only the folders the host granted through
//! [`crate::ModulePolicy::with_files`]. A file's content is read when it is opened and written back, whole, on
//! `flush()` and `close()` (and at the end of a `with` block).

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use std::path::Path;

/// `(errno, message)` of an I/O error, as CPython's `OSError` subclasses carry them.
fn os_error(e: &std::io::Error) -> (i64, String) {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => (2, "No such file or directory".into()),
        ErrorKind::PermissionDenied => (13, "Permission denied".into()),
        ErrorKind::AlreadyExists => (17, "File exists".into()),
        ErrorKind::IsADirectory => (21, "Is a directory".into()),
        ErrorKind::NotADirectory => (20, "Not a directory".into()),
        _ => (
            e.raw_os_error().map_or(5, i64::from),
            e.to_string()
                .split(" (os error")
                .next()
                .unwrap_or("Input/output error")
                .to_string(),
        ),
    }
}

fn failure(errno: i64, msg: String) -> Value {
    Value::tuple(vec![Value::Int(errno), Value::Str(msg.into())])
}

fn path_arg(v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        other => Err(Exc::type_err(format!(
            "expected str, bytes or os.PathLike object, not {}",
            crate::builtins::type_name(other)
        ))),
    }
}

/// `_file_load(path, how)`: `how` is `r`, `w`, `a` or `x` (the mode's kind), with `+` when updating. Checks the host's grant,
/// then reads (`r`, `a`), truncates (`w`) or creates (`x`) the file. Returns `(real path, bytes)`, or
/// `(errno, message)` for the `OSError` the caller raises.
fn file_load(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_file_load", args, kw, 2, 2)?;
    let path = path_arg(&args[0])?;
    let how = path_arg(&args[1])?;
    let write = how != "r";
    let real = match it.policy.file_access(Path::new(&path), write) {
        Ok(p) => p,
        Err(why) => return Ok(failure(13, format!("Permission denied ({why})"))),
    };
    if real.is_dir() {
        return Ok(failure(21, "Is a directory".into()));
    }
    let data = match how.chars().next() {
        Some('r') => std::fs::read(&real),
        Some('a') if real.exists() => std::fs::read(&real),
        Some('x') if real.exists() => return Ok(failure(17, "File exists".into())),
        _ => std::fs::write(&real, b"").map(|_| Vec::new()),
    };
    match data {
        Ok(b) => {
            it.check_len(b.len())?;
            Ok(Value::tuple(vec![
                Value::str(&real.display().to_string()),
                Value::Bytes(b.into()),
            ]))
        }
        Err(e) => {
            let (n, m) = os_error(&e);
            Ok(failure(n, m))
        }
    }
}

/// `_file_store(real path, bytes)`: writes a file's whole content back (the grant checked again).
/// Returns None, or `(errno, message)`.
fn file_store(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_file_store", args, kw, 2, 2)?;
    let path = path_arg(&args[0])?;
    let Value::Bytes(b) = &args[1] else {
        return Err(Exc::type_err("_file_store() needs bytes"));
    };
    let real = match it.policy.file_access(Path::new(&path), true) {
        Ok(p) => p,
        Err(why) => return Ok(failure(13, format!("Permission denied ({why})"))),
    };
    match std::fs::write(&real, &b[..]) {
        Ok(()) => Ok(Value::None),
        Err(e) => {
            let (n, m) = os_error(&e);
            Ok(failure(n, m))
        }
    }
}

/// The builtin `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
/// opener=None)`: `io.open`.
pub(crate) fn b_open(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    it.std_building += 1;
    let io = it.import("io");
    it.std_building -= 1;
    let f = it.get_attr(&io?, "open")?;
    it.call(&f, args.to_vec(), kw.to_vec())
}

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
        return self._buf
    def read1(self, size=-1):
        return self.read(size)
    def __repr__(self):
        return "<_io.BytesIO object>"

_ERRORS = {2: FileNotFoundError, 13: PermissionError, 17: FileExistsError, 20: NotADirectoryError,
           21: IsADirectoryError}

def _raise(code, file):
    raise _ERRORS.get(code[0], OSError)(code[0], code[1], file)

class _File(_Memory):
    def _setup(self, file, mode, how, plus, text, encoding, errors, newline):
        got = _file_load(file, how + '+' if plus else how)
        if type(got[0]) is int:
            _raise(got, file)
        self._real, data = got
        self.name = file
        self.mode = mode
        self._text = text
        self._readable = how == 'r' or plus
        self._writable = how != 'r' or plus
        self._append = how == 'a'
        self._dirty = False
        self._closed = False
        if text:
            self.encoding = encoding
            self.errors = errors
            self._newline = newline
            data = data.decode(encoding, errors)
            if newline is None:
                data = data.replace("\r\n", "\n").replace("\r", "\n")
            self._nl = "\n"
            self._pad = "\0"
            self._wmsg = "write() argument must be str, not "
        else:
            self._nl = b"\n"
            self._pad = b"\0"
            self._wmsg = "a bytes-like object is required, not "
        self._buf = data
        self._pos = len(data) if self._append else 0
    def readable(self):
        self._check()
        return self._readable
    def writable(self):
        self._check()
        return self._writable
    def fileno(self):
        raise UnsupportedOperation("fileno")
    def _check(self):
        if self._closed:
            raise ValueError("I/O operation on closed file.")
    def read(self, size=-1):
        self._check()
        if not self._readable:
            raise UnsupportedOperation("not readable" if self._text else "read")
        return _Memory.read(self, size)
    def readline(self, size=-1):
        self._check()
        if not self._readable:
            raise UnsupportedOperation("not readable" if self._text else "readline")
        return _Memory.readline(self, size)
    def write(self, s):
        self._check()
        if not self._writable:
            raise UnsupportedOperation("not writable")
        if self._append:
            self._pos = len(self._buf)
        if self._text and not isinstance(s, str):
            raise TypeError("write() argument must be str, not " + type(s).__name__)
        if not self._text and isinstance(s, (bytearray, memoryview)):
            s = bytes(s)
        n = _Memory.write(self, s)
        self._dirty = True
        return n
    def truncate(self, size=None):
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        self._dirty = True
        return _Memory.truncate(self, size)
    def getvalue(self):
        raise AttributeError("'" + type(self).__name__ + "' object has no attribute 'getvalue'")
    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek position " + str(pos))
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos
    def flush(self):
        self._check()
        if self._dirty:
            data = self._buf
            if self._text:
                if self._newline not in (None, '', '\n'):
                    data = data.replace('\n', self._newline)
                data = data.encode(self.encoding, self.errors)
            failed = _file_store(self._real, data)
            if failed is not None:
                _raise(failed, self.name)
            self._dirty = False
    def close(self):
        if not self._closed:
            try:
                self.flush()
            finally:
                self._closed = True

class TextIOWrapper(_File):
    def __repr__(self):
        return "<_io.TextIOWrapper name=%r mode=%r encoding=%r>" % (self.name, self.mode, self.encoding)

class BufferedReader(_File):
    def __repr__(self):
        return "<_io.BufferedReader name=%r>" % (self.name,)
    def read1(self, size=-1):
        return self.read(size)

class BufferedWriter(_File):
    def __repr__(self):
        return "<_io.BufferedWriter name=%r>" % (self.name,)

class BufferedRandom(_File):
    def __repr__(self):
        return "<_io.BufferedRandom name=%r>" % (self.name,)

def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    if not isinstance(file, (str, bytes, int)):
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(file).__name__)
    if isinstance(file, int):
        raise OSError(9, "Bad file descriptor")
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not " + type(mode).__name__)
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("open() argument 'encoding' must be str or None, not " + type(encoding).__name__)
    kinds = [c for c in mode if c in "rwax"]
    if len(set(mode)) != len(mode) or any(c not in "rwaxbt+" for c in mode):
        raise ValueError("invalid mode: '" + mode + "'")
    if 'b' in mode and 't' in mode:
        raise ValueError("can't have text and binary mode at once")
    if len(kinds) != 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    text = 'b' not in mode
    if not text:
        if encoding is not None:
            raise ValueError("binary mode doesn't take an encoding argument")
        if errors is not None:
            raise ValueError("binary mode doesn't take an errors argument")
        if newline is not None:
            raise ValueError("binary mode doesn't take a newline argument")
    if newline not in (None, '', '\n', '\r', '\r\n'):
        raise ValueError("illegal newline value: " + str(newline))
    if encoding is None or encoding == 'locale':
        encoding = 'UTF-8'
    if errors is None:
        errors = 'strict'
    how = kinds[0]
    plus = '+' in mode
    if text:
        cls = TextIOWrapper
    elif plus:
        cls = BufferedRandom
    elif how == 'r':
        cls = BufferedReader
    else:
        cls = BufferedWriter
    f = object.__new__(cls)
    f._setup(file, mode, how, plus, text, encoding, errors, newline)
    return f
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "io",
        "The io module provides the Python interfaces to stream handling.",
        &[("_file_load", file_load), ("_file_store", file_store)],
        SOURCE,
    )
}
