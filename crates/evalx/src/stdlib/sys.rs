//! `sys`: `argv`, `maxsize`, `version`/`version_info`, `getrecursionlimit`/`setrecursionlimit` (bounded by
//! the host's [`crate::interp::Limits::recursion`]: a program may lower the limit, and raise it back up
//! to the host's value, never past it), `stdout`/`stderr` objects with `write`/`flush`, `stdin` (the host's
//! input, shared with `input()`, with `read`/`readline`/iteration and a bytes `buffer`), `exit`, and the
//! platform constants, `exc_info` and `exception`.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;

fn write_out(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("write", args, kw, 1, 1)?;
    match &args[0] {
        Value::Str(s) => {
            it.write(s)?;
            Ok(Value::Int(s.chars().count() as i64))
        }
        other => Err(Exc::type_err(format!(
            "write() argument must be str, not {}",
            crate::builtins::type_name(other)
        ))),
    }
}

fn write_err(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("write", args, kw, 1, 1)?;
    match &args[0] {
        Value::Str(s) => {
            use std::io::Write;
            let _ = std::io::stderr().write_all(s.as_bytes());
            Ok(Value::Int(s.chars().count() as i64))
        }
        other => Err(Exc::type_err(format!(
            "write() argument must be str, not {}",
            crate::builtins::type_name(other)
        ))),
    }
}

/// `_stdin_read(n, line)`: bytes of the host's stdin (what `input()` reads, the same stream): a line
/// (`line`; at most `n` bytes when `n` >= 0), or `n` bytes, or (`n` < 0) all that is left; empty at the end.
fn stdin_read(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    use std::io::{BufRead, Read};
    arity("_stdin_read", args, kw, 2, 2)?;
    let n = match &args[0] {
        Value::Int(i) => *i,
        _ => -1,
    };
    let line = it.truthy(&args[1])?;
    let mut out = Vec::new();
    let io_err = |e: std::io::Error| Exc::new("OSError", e.to_string());
    if let Some(r) = it.stdin.as_mut() {
        if line && n < 0 {
            r.read_until(b'\n', &mut out).map_err(io_err)?;
        } else if line {
            while (out.len() as i64) < n {
                let buf = r.fill_buf().map_err(io_err)?;
                let Some(&b) = buf.first() else { break };
                r.consume(1);
                out.push(b);
                if b == b'\n' {
                    break;
                }
            }
        } else if n < 0 {
            r.read_to_end(&mut out).map_err(io_err)?;
        } else {
            r.take(n as u64).read_to_end(&mut out).map_err(io_err)?;
        }
    }
    it.check_len(out.len())?;
    Ok(Value::Bytes(out.into()))
}

fn getrecursionlimit(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("sys.getrecursionlimit", args, kw, 0, 0)?;
    Ok(Value::Int(it.limits.recursion as i64))
}

/// `_setrecursionlimit(n, host_cap)`.
fn setrecursionlimit(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("setrecursionlimit", args, kw, 2, 2)?;
    let n = match &args[0] {
        Value::Int(i) => *i,
        Value::Big(_) => i64::MAX,
        Value::Bool(b) => **b as i64,
        Value::Float(_) => {
            return Err(Exc::type_err(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        other => {
            return Err(Exc::type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::builtins::type_name(other)
            )));
        }
    };
    if n < 1 {
        return Err(Exc::value_err(
            "recursion limit must be greater or equal than 1",
        ));
    }
    // The host's cap (`Limits::recursion_cap`; -1: none, the interpreter's stack bounds recursion).
    let cap = match &args[1] {
        Value::Int(c) if *c >= 1 => *c,
        _ => i64::MAX,
    };
    it.limits.recursion = usize::try_from(n.min(cap)).unwrap_or(usize::MAX);
    it.limits_changed();
    Ok(Value::None)
}

fn host_recursion(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_host_recursion", args, kw, 0, 0)?;
    Ok(Value::Int(
        it.limits
            .recursion_cap
            .map_or(-1, |c| c.min(i64::MAX as usize) as i64),
    ))
}

/// `sys._getframe(depth=0)`: the frame object of the caller's frame, or of the frame `depth` calls above
/// it; live while that frame runs.
fn getframe(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(Exc::type_err("sys._getframe() takes no keyword arguments"));
    }
    arity("_getframe", args, kw, 0, 1)?;
    let depth = match args.first() {
        None => 0,
        Some(v) => {
            let n = match v {
                Value::Int(_) | Value::Bool(_) | Value::Big(_) => v.clone(),
                _ => crate::methods::index_value(it, v)?.ok_or_else(|| {
                    Exc::type_err(format!(
                        "'{}' object cannot be interpreted as an integer",
                        crate::builtins::type_name(v)
                    ))
                })?,
            };
            match n {
                Value::Int(i) => usize::try_from(i.max(0)).unwrap_or(usize::MAX),
                Value::Bool(b) => usize::from(*b),
                _ => usize::MAX,
            }
        }
    };
    crate::builtins::live_frame_object(it, depth)
        .ok_or_else(|| Exc::value_err("call stack is not deep enough"))
}

/// `sys.argv`: what the host set with `Interpreter::set_argv` (the `evalx` command does), else an `argv`
/// list the host put in `__main__`, else the main program's file name alone.
fn main_argv(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_main_argv", args, kw, 0, 0)?;
    if let Some(argv) = &it.argv {
        return Ok(Value::list(argv.iter().map(|a| Value::str(a)).collect()));
    }
    let Some(fr) = it.frame_at(0) else {
        return Ok(Value::list(vec![Value::str("")]));
    };
    if let Some(Value::List(l)) = fr.globals.borrow().get_str("argv") {
        let items = l.borrow().to_vec();
        if !items.is_empty() && items.iter().all(|v| matches!(v, Value::Str(_))) {
            return Ok(Value::list(items));
        }
    }
    let name = fr.code.filename.to_string();
    Ok(Value::list(vec![Value::str(if name.starts_with('<') {
        ""
    } else {
        &name
    })]))
}

/// `sys.exc_info()`: `(type, value, traceback)` of the exception being handled (in an `except` block, or in
/// what it calls), else `(None, None, None)`.
/// The third item is the exception's `__traceback__`, as for `except ... as e`.
fn exc_info(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("sys.exc_info", args, kw, 0, 0)?;
    let Some(inst) = handled(it) else {
        return Ok(Value::tuple(vec![Value::None, Value::None, Value::None]));
    };
    let v = Value::Instance(inst.clone());
    let tb = it.get_attr_opt(&v, "__traceback__")?.unwrap_or(Value::None);
    Ok(Value::tuple(vec![Value::Class(inst.class.clone()), v, tb]))
}

/// `sys.exception()` (new in 3.11): the exception being handled, else None.
fn exception(it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("sys.exception", args, kw, 0, 0)?;
    Ok(handled(it).map_or(Value::None, Value::Instance))
}

/// The instance of the exception being handled (made now for a lazily built one, and kept, so that each
/// question gets the same object).
fn handled(it: &mut Interp) -> Option<std::rc::Rc<crate::value::Instance>> {
    let mut ex = it.handling.last().cloned()?;
    // As a handler's `as` name sees it (a handler without one has not given the instance its traceback,
    // cause and context yet).
    let inst = it.caught_instance(&mut ex);
    if let Some(last) = it.handling.last_mut() {
        *last = ex;
    }
    Some(inst)
}

const SOURCE: &str = r#"
class _StructSeq(tuple):
    # CPython's struct sequences (`sys.version_info`, `sys.float_info`...): a tuple whose items are also
    # read-only attributes, with `n_fields` and a `name(field=value, ...)` repr.
    __slots__ = ()
    def __repr__(self):
        return self._qualname + '(' + ', '.join(
            n + '=' + repr(v) for n, v in zip(self._fields, self)) + ')'
    def __reduce__(self):
        return (type(self), (tuple(self),))

def _structseq(qualname, fields, values):
    ns = {'__slots__': (), '_fields': fields, '_qualname': qualname, '__module__': 'sys',
          'n_fields': len(fields), 'n_sequence_fields': len(fields), 'n_unnamed_fields': 0}
    for i, n in enumerate(fields):
        ns[n] = property(lambda self, i=i: tuple.__getitem__(self, i))
    cls = type(qualname.rpartition('.')[2], (_StructSeq,), ns)
    return cls(values)

class _OutBuffer:
    # `sys.stdout.buffer`: bytes written to the same stream (as UTF-8 text: the host's output is text).
    def __init__(self, name, write):
        self.name = name
        self._write = write

    def write(self, b):
        if not isinstance(b, (bytes, bytearray, memoryview)):
            raise TypeError("a bytes-like object is required, not '" + type(b).__name__ + "'")
        self._write(bytes(b).decode('utf-8', 'replace'))
        return len(b)

    def writelines(self, lines):
        for b in lines:
            self.write(b)

    def flush(self):
        pass

    def __repr__(self):
        return "<_io.BufferedWriter name='" + self.name + "'>"

class _Stream:
    def __init__(self, name, write):
        self.name = name
        self.write = write
        self.encoding = 'utf-8'
        self.errors = 'strict'
        self.buffer = _OutBuffer(name, write)
    def flush(self):
        pass
    def isatty(self):
        return False
    def writelines(self, lines):
        for s in lines:
            self.write(s)
    def __repr__(self):
        return "<_io.TextIOWrapper name='" + self.name + "' mode='w' encoding='utf-8'>"

class _StdinBuffer:
    # `sys.stdin.buffer`: the host's input as bytes, shared with input(); `sys.stdin` is io's
    # TextIOWrapper over it (built below by `_text_over`).
    name = '<stdin>'
    mode = 'rb'
    closed = False

    def read(self, size=-1):
        self._check()
        return _stdin_read(-1 if size is None else size, False)

    def read1(self, size=-1):
        return self.read(size)

    def readline(self, size=-1):
        self._check()
        return _stdin_read(-1 if size is None else size, True)

    def readlines(self, hint=-1):
        return list(iter(self.readline, b''))

    def __iter__(self):
        return iter(self.readline, b'')

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def close(self):
        self.closed = True

    def flush(self):
        pass

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return False

    def seekable(self):
        self._check()
        return False

    def isatty(self):
        self._check()
        return False

    def fileno(self):
        raise _UnsupportedOperation("fileno")

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def __repr__(self):
        return "<_io.BufferedReader name='<stdin>'>"

version_info = _structseq('sys.version_info', ('major', 'minor', 'micro', 'releaselevel', 'serial'),
                          (3, 11, 0, 'final', 0))
float_info = _structseq('sys.float_info',
    ('max', 'max_exp', 'max_10_exp', 'min', 'min_exp', 'min_10_exp', 'dig', 'mant_dig', 'epsilon',
     'radix', 'rounds'),
    (1.7976931348623157e+308, 1024, 308, 2.2250738585072014e-308, -1021, -307, 15, 53,
     2.220446049250313e-16, 2, 1))
int_info = _structseq('sys.int_info',
    ('bits_per_digit', 'sizeof_digit', 'default_max_str_digits', 'str_digits_check_threshold'),
    (30, 4, 4300, 640))
hash_info = _structseq('sys.hash_info',
    ('width', 'modulus', 'inf', 'nan', 'imag', 'algorithm', 'hash_bits', 'seed_bits', 'cutoff'),
    (64, 2305843009213693951, 314159, 0, 1000003, 'siphash13', 64, 128, 0))
version = "3.11.0 (evalx)"
hexversion = 0x030b00f0
# The command-line flags CPython reports when run with none: evalx writes no bytecode, and its str
# hashes are not randomised (the same on every run).
flags = _structseq('sys.flags',
    ('debug', 'inspect', 'interactive', 'optimize', 'dont_write_bytecode', 'no_user_site', 'no_site',
     'ignore_environment', 'verbose', 'bytes_warning', 'quiet', 'hash_randomization', 'isolated',
     'dev_mode', 'utf8_mode', 'warn_default_encoding', 'safe_path', 'int_max_str_digits'),
    (0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, False, 0, 0, False, -1))

class _Namespace:
    # `sys.implementation`: attributes with `types.SimpleNamespace`'s `namespace(...)` repr. evalx
    # reports the identity `platform` does (CPython 3.11), so code choosing by implementation takes
    # CPython's path.
    def __init__(self, **kw):
        self.__dict__.update(kw)
    def __repr__(self):
        return 'namespace(' + ', '.join(k + '=' + repr(v) for k, v in self.__dict__.items()) + ')'
    def __eq__(self, other):
        return isinstance(other, _Namespace) and self.__dict__ == other.__dict__

implementation = _Namespace(name='cpython', cache_tag='cpython-311', version=version_info,
                            hexversion=hexversion, _multiarch='x86_64-linux-gnu')
# There is no interpreter program a script could start again (nor may it start processes): CPython
# gives an empty string when it cannot tell its executable.
executable = ''
maxsize = 9223372036854775807
byteorder = 'little'
platform = _PLATFORM
argv = _main_argv()
path = []
stdout = __stdout__ = _Stream('<stdout>', _write_out)
stderr = __stderr__ = _Stream('<stderr>', _write_err)
stdin = __stdin__ = _text_over(_StdinBuffer(), 'utf-8', 'strict', '\n', True)
_host_cap = _host_recursion()
maxunicode = 1114111
float_repr_style = 'short'

def setrecursionlimit(limit, /):
    _setrecursionlimit(limit, _host_cap)

def exit(status=None, /):
    raise SystemExit(status)

def getdefaultencoding():
    return 'utf-8'

def getfilesystemencoding():
    return 'utf-8'

def intern(string, /):
    if type(string) is not str:
        raise TypeError("intern() argument must be str, not " + type(string).__name__)
    return string
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    let m = super::module_from(
        it,
        "sys",
        "This module provides access to some objects used or maintained by the\ninterpreter and to functions that interact strongly with the interpreter.",
        &[
            ("_write_out", write_out),
            ("_write_err", write_err),
            ("_stdin_read", stdin_read),
            ("getrecursionlimit", getrecursionlimit),
            ("_setrecursionlimit", setrecursionlimit),
            ("_host_recursion", host_recursion),
            ("_main_argv", main_argv),
            ("exc_info", exc_info),
            ("_getframe", getframe),
            ("exception", exception),
            ("getsizeof", super::sizeof::getsizeof),
        ],
        "",
    )?;
    if let Value::Module(md) = &m {
        let platform = match std::env::consts::OS {
            "macos" => "darwin",
            "windows" => "win32",
            other => other,
        };
        md.dict
            .borrow_mut()
            .set_str("_PLATFORM", Value::str(platform));
        // `sys.stdin` is io's own text wrapper (io is loaded whatever the policy says, as for `open`).
        let wrapper = super::internal_attr(it, "io", "TextIOWrapper")?;
        let unsupported = super::internal_attr(it, "io", "UnsupportedOperation")?;
        md.dict.borrow_mut().set_str("_text_over", wrapper);
        md.dict
            .borrow_mut()
            .set_str("_UnsupportedOperation", unsupported);
        super::run_in(it, md, "sys", SOURCE)?;
        let mut d = md.dict.borrow_mut();
        for hidden in ["_PLATFORM", "_text_over"] {
            d.remove(&Value::str(hidden));
        }
        // The interpreter's module table itself, as in CPython (a program may drop or replace entries).
        d.set_str("modules", Value::Dict(it.modules.clone()));
        // The folders the host's policy granted for module files (a copy: editing it grants nothing).
        let paths = it.policy.paths().iter();
        d.set_str(
            "path",
            Value::list(
                paths
                    .map(|p| Value::str(&p.display().to_string()))
                    .collect(),
            ),
        );
    }
    Ok(m)
}
