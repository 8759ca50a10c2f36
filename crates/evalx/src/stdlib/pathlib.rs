//! `pathlib` (`PurePath`, `PurePosixPath`, `Path`, `PosixPath`), `glob` and `fnmatch`: evalx-level code over
//! `os`/`os.path`, so they see exactly the host's mounts ([`crate::vfs`]).

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const FNMATCH: &str = r#"
import re as _re
import posixpath as _pp

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]

_cache = {}

def translate(pat):
    i = 0
    n = len(pat)
    out = []
    while i < n:
        c = pat[i]
        i += 1
        if c == "*":
            if not out or out[-1] != ".*":
                out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = i
            if j < n and pat[j] == "!":
                j += 1
            if j < n and pat[j] == "]":
                j += 1
            while j < n and pat[j] != "]":
                j += 1
            if j >= n:
                out.append("\\[")
            else:
                stuff = pat[i:j].replace("\\", "\\\\")
                i = j + 1
                if stuff.startswith("!"):
                    stuff = "^" + stuff[1:]
                elif stuff.startswith("^"):
                    stuff = "\\" + stuff
                out.append("[" + stuff + "]")
        else:
            out.append(_re.escape(c))
    return "(?s:" + "".join(out) + ")\\Z"

def _compile(pat):
    r = _cache.get(pat)
    if r is None:
        r = _re.compile(translate(pat))
        _cache[pat] = r
    return r

def fnmatchcase(name, pat):
    return _compile(pat).match(name) is not None

def fnmatch(name, pat):
    return fnmatchcase(_pp.normcase(name), _pp.normcase(pat))

def filter(names, pat):
    m = _compile(_pp.normcase(pat))
    return [n for n in names if m.match(_pp.normcase(n))]
"#;

const GLOB: &str = r#"
import os as _os
import fnmatch as _fn
import re as _re

__all__ = ["escape", "glob", "iglob"]

_magic = _re.compile("([*?[])")

def has_magic(s):
    return _magic.search(s) is not None

def escape(pathname):
    drive, rest = "", pathname
    return drive + _magic.sub(r"[\1]", rest)

def _listdir(d, dironly):
    try:
        names = _os.listdir(d or _os.curdir)
    except OSError:
        return []
    if dironly:
        names = [n for n in names if _os.path.isdir(_os.path.join(d, n))]
    return names

def _hidden(n):
    return n.startswith(".")

def _glob1(d, pattern, dironly, include_hidden):
    names = _listdir(d, dironly)
    if not (include_hidden or _hidden(pattern)):
        names = [n for n in names if not _hidden(n)]
    return _fn.filter(names, pattern)

def _rlist(d, dironly, include_hidden):
    for n in _listdir(d, dironly):
        if not include_hidden and _hidden(n):
            continue
        yield n
        p = _os.path.join(d, n) if d else n
        if _os.path.isdir(p):
            for y in _rlist(p, dironly, include_hidden):
                yield _os.path.join(n, y)

def _glob2(d, pattern, dironly, include_hidden):
    yield pattern[:0]
    yield from _rlist(d, dironly, include_hidden)

def _iglob(pathname, root_dir, recursive, dironly, include_hidden):
    dirname, basename = _os.path.split(pathname)
    if not has_magic(pathname):
        if basename:
            if _os.path.lexists(_os.path.join(root_dir, pathname) if root_dir else pathname):
                yield pathname
        elif _os.path.isdir(_os.path.join(root_dir, dirname) if root_dir else dirname):
            yield pathname
        return
    if not dirname:
        if recursive and basename == "**":
            yield from _glob2(root_dir, basename, dironly, include_hidden)
        else:
            yield from _glob1(root_dir, basename, dironly, include_hidden)
        return
    if dirname != pathname and has_magic(dirname):
        dirs = _iglob(dirname, root_dir, recursive, True, include_hidden)
    else:
        dirs = [dirname]
    for d in dirs:
        full = _os.path.join(root_dir, d) if root_dir else d
        if has_magic(basename):
            if recursive and basename == "**":
                names = _glob2(full, basename, dironly, include_hidden)
            else:
                names = _glob1(full, basename, dironly, include_hidden)
        else:
            names = [basename] if _os.path.lexists(_os.path.join(full, basename)) or (not basename and _os.path.isdir(full)) else []
        for n in names:
            yield _os.path.join(d, n)

def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    pathname = _os.fspath(pathname)
    if root_dir is not None:
        root_dir = _os.fspath(root_dir)
    else:
        root_dir = ""
    it = _iglob(pathname, root_dir, recursive, False, include_hidden)
    if recursive and pathname.startswith("**"):
        seen = set()
        def dedup(it):
            for x in it:
                if x not in seen:
                    seen.add(x)
                    yield x
        it = dedup(it)
    return it

def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    return list(iglob(pathname, root_dir=root_dir, recursive=recursive, include_hidden=include_hidden))
"#;

const PATHLIB: &str = r#"
import os as _os
import posixpath as _pp
import fnmatch as _fn

__all__ = ["PurePath", "PurePosixPath", "PureWindowsPath", "Path", "PosixPath", "WindowsPath"]

def _parse(args):
    parts = []
    for a in args:
        if isinstance(a, PurePath):
            s = a._str
        else:
            s = _os.fspath(a)
            if isinstance(s, bytes):
                raise TypeError("argument should be a str or an os.PathLike object where __fspath__ returns a str, not 'bytes'")
            if not isinstance(s, str):
                raise TypeError("argument should be a str or an os.PathLike object where __fspath__ returns a str, not " + repr(type(a).__name__))
        if s.startswith("/"):
            parts = []
            root = "//" if s.startswith("//") and not s.startswith("///") else "/"
            parts.append(root)
        for p in s.split("/"):
            if p and p != ".":
                parts.append(p)
    return parts

class PurePath:
    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        self = object.__new__(cls)
        self._parts = _parse(args)
        self._root = self._parts[0] if self._parts and self._parts[0].startswith("/") else ""
        if self._root:
            self._str = self._root + "/".join(self._parts[1:])
        else:
            self._str = "/".join(self._parts) or "."
        return self

    def __init__(self, *args):
        pass

    def _from(self, *args):
        return type(self)(*args)

    def __str__(self):
        return self._str

    def __fspath__(self):
        return self._str

    def as_posix(self):
        return self._str

    def __bytes__(self):
        return self._str.encode()

    def __repr__(self):
        return type(self).__name__ + "(" + repr(self._str) + ")"

    def as_uri(self):
        if not self._root:
            raise ValueError("relative path can't be expressed as a file URI")
        return "file://" + self._str

    def __hash__(self):
        return hash(self._str)

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts == other._parts

    def __lt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts < other._parts

    def __le__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts <= other._parts

    def __gt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts > other._parts

    def __ge__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts >= other._parts

    def __truediv__(self, key):
        try:
            return self._from(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return self._from(key, self)
        except TypeError:
            return NotImplemented

    @property
    def parts(self):
        return tuple(self._parts)

    @property
    def drive(self):
        return ""

    @property
    def root(self):
        return self._root

    @property
    def anchor(self):
        return self._root

    @property
    def name(self):
        if not self._parts or (len(self._parts) == 1 and self._root):
            return ""
        return self._parts[-1]

    @property
    def suffix(self):
        n = self.name
        i = n.rfind(".")
        if 0 < i < len(n) - 1:
            return n[i:]
        return ""

    @property
    def suffixes(self):
        n = self.name
        if n.endswith("."):
            return []
        n = n.lstrip(".")
        return ["." + s for s in n.split(".")[1:]]

    @property
    def stem(self):
        n = self.name
        i = n.rfind(".")
        if 0 < i < len(n) - 1:
            return n[:i]
        return n

    @property
    def parent(self):
        if not self._parts or (len(self._parts) == 1 and self._root):
            return self
        if len(self._parts) == 1:
            return self._from(".")
        rest = self._parts[:-1]
        if self._root:
            return self._from(self._root + "/".join(rest[1:]))
        return self._from("/".join(rest))

    @property
    def parents(self):
        out = []
        p = self
        while True:
            q = p.parent
            if q == p:
                break
            out.append(q)
            p = q
        return tuple(out)

    def is_absolute(self):
        return bool(self._root)

    def is_reserved(self):
        return False

    def joinpath(self, *args):
        return self._from(self, *args)

    def with_name(self, name):
        if not self.name:
            raise ValueError(repr(self) + " has an empty name")
        if not name or "/" in name or name == ".":
            raise ValueError("Invalid name " + repr(name))
        return self.parent / name if self.parent != self or not self._root else self._from(self._root + name)

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if "/" in suffix or (suffix and not suffix.startswith(".")) or suffix == ".":
            raise ValueError("Invalid suffix " + repr(suffix))
        n = self.name
        if not n:
            raise ValueError(repr(self) + " has an empty name")
        old = self.suffix
        base = n[:len(n) - len(old)] if old else n
        return self.with_name(base + suffix)

    def relative_to(self, *other, walk_up=False):
        o = self._from(*other)
        n = len(o._parts)
        if self._parts[:n] != o._parts or (o._root != self._root):
            raise ValueError(repr(str(self)) + " is not in the subpath of " + repr(str(o)) + " OR one path is relative and the other is absolute.")
        return self._from(*self._parts[n:]) if self._parts[n:] else self._from(".")

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def match(self, pattern):
        pat = self._from(pattern)
        if not pat._parts:
            raise ValueError("empty pattern")
        mine = self._parts
        theirs = pat._parts
        if pat._root:
            if len(theirs) != len(mine):
                return False
        elif len(theirs) > len(mine):
            return False
        for a, b in zip(reversed(mine), reversed(theirs)):
            if not _fn.fnmatchcase(a, b):
                return False
        return True

class PurePosixPath(PurePath):
    pass

class PureWindowsPath(PurePath):
    def __new__(cls, *args):
        raise NotImplementedError("evalx's pathlib has POSIX paths only")

class Path(PurePath):
    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        return PurePath.__new__(cls, *args)

    @classmethod
    def cwd(cls):
        return cls(_os.getcwd())

    @classmethod
    def home(cls):
        return cls(_os.path.expanduser("~"))

    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass

    def absolute(self):
        if self._root:
            return self
        return self._from(_os.getcwd(), self)

    def resolve(self, strict=False):
        p = self._from(_pp.abspath(self._str))
        if strict:
            _os.stat(p._str)
        return p

    def expanduser(self):
        return self

    def stat(self, *, follow_symlinks=True):
        return _os.stat(self._str)

    def lstat(self):
        return _os.stat(self._str)

    def exists(self, *, follow_symlinks=True):
        return _pp.exists(self._str)

    def is_file(self):
        return _pp.isfile(self._str)

    def is_dir(self):
        return _pp.isdir(self._str)

    def is_symlink(self):
        return False

    def is_mount(self):
        return False

    def samefile(self, other):
        return _pp.samefile(self._str, _os.fspath(other))

    def open(self, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
        return open(self._str, mode, buffering, encoding, errors, newline)

    def read_text(self, encoding=None, errors=None):
        with open(self._str, "r", encoding=encoding, errors=errors) as f:
            return f.read()

    def read_bytes(self):
        with open(self._str, "rb") as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError("data must be str, not " + type(data).__name__)
        with open(self._str, "w", encoding=encoding, errors=errors, newline=newline) as f:
            return f.write(data)

    def write_bytes(self, data):
        view = bytes(data)
        with open(self._str, "wb") as f:
            return f.write(view)

    def iterdir(self):
        for n in _os.listdir(self._str):
            yield self._make_child(n)

    def _make_child(self, n):
        if self._str == ".":
            return self._from(n)
        return self._from(self, n)

    def glob(self, pattern):
        if not pattern:
            raise ValueError("Unacceptable pattern: " + repr(pattern))
        pat = PurePosixPath(pattern)
        if pat._root:
            raise NotImplementedError("Non-relative patterns are unsupported")
        yield from self._select(self, list(pat._parts), pattern.endswith("/"))

    def rglob(self, pattern):
        yield from self.glob("**/" + pattern)

    def _select(self, base, parts, dironly):
        if not parts:
            if not dironly or base.is_dir():
                yield base
            return
        first, rest = parts[0], parts[1:]
        if first == "**":
            seen = set()
            for d in base._walk_dirs():
                for r in self._select(d, rest, dironly or not rest):
                    if r._str not in seen:
                        seen.add(r._str)
                        yield r
            return
        if not base.is_dir():
            return
        if not any(c in first for c in "*?["):
            child = base._make_child(first)
            if child.exists():
                yield from self._select(child, rest, dironly)
            return
        try:
            names = _os.listdir(base._str)
        except OSError:
            return
        for n in names:
            if _fn.fnmatchcase(n, first):
                child = base._make_child(n)
                if rest and not child.is_dir():
                    continue
                yield from self._select(child, rest, dironly)

    def _walk_dirs(self):
        yield self
        try:
            names = _os.listdir(self._str)
        except OSError:
            return
        for n in names:
            c = self._make_child(n)
            if c.is_dir():
                yield from c._walk_dirs()

    def walk(self, top_down=True, on_error=None, follow_symlinks=False):
        for root, dirs, files in _os.walk(self._str, top_down, on_error):
            yield self._from(root), dirs, files

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        try:
            _os.mkdir(self._str)
        except FileNotFoundError:
            if not parents or self.parent == self:
                raise
            self.parent.mkdir(parents=True, exist_ok=True)
            self.mkdir(mode, parents=False, exist_ok=exist_ok)
        except OSError:
            if not exist_ok or not self.is_dir():
                raise

    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                raise FileExistsError(17, "File exists", self._str)
            return
        open(self._str, "a").close()

    def unlink(self, missing_ok=False):
        try:
            _os.unlink(self._str)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def rmdir(self):
        _os.rmdir(self._str)

    def rename(self, target):
        _os.rename(self._str, _os.fspath(target))
        return self._from(target)

    def replace(self, target):
        _os.replace(self._str, _os.fspath(target))
        return self._from(target)

    def chmod(self, mode, *, follow_symlinks=True):
        raise PermissionError("chmod is not available in evalx's sandbox")

    def owner(self):
        return "evalx"

    def group(self):
        return "evalx"

class PosixPath(Path, PurePosixPath):
    pass

class WindowsPath(Path, PureWindowsPath):
    pass
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "pathlib",
        "Object-oriented filesystem paths over the host's mounts.",
        &[],
        PATHLIB,
    )
}

pub(crate) fn build_glob(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "glob",
        "Filename globbing utility over the host's mounts.",
        &[],
        GLOB,
    )
}

pub(crate) fn build_fnmatch(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "fnmatch",
        "Filename matching with shell patterns.",
        &[],
        FNMATCH,
    )
}
