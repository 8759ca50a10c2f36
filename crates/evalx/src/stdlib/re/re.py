class _RegexFlagType(type):
    def __iter__(cls):
        return iter([_FLAGS[b] for n, b in _FLAG_NAMES])
    def __len__(cls):
        return len(_FLAG_NAMES)
    def __contains__(cls, value):
        return isinstance(value, cls)
    def __repr__(cls):
        return "<flag 'RegexFlag'>"

class RegexFlag(int, metaclass=_RegexFlagType):
    def __new__(cls, value=0, name=None):
        if type(value) is cls:
            return value
        value = int(value)
        known = _FLAGS.get(value) if name is None else None
        if known is not None:
            return known
        self = int.__new__(cls, value)
        self._name_ = name
        return self
    @property
    def value(self):
        return int(self)
    @property
    def _value_(self):
        return int(self)
    @property
    def name(self):
        if self._name_ is not None:
            return self._name_
        if int(self) == 0:
            return None
        parts = _flag_names(int(self))
        return '|'.join(parts[0]) if parts[0] and not parts[1] else None
    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return _flag(int(self) | int(other))
    __ror__ = __or__
    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return _flag(int(self) & int(other))
    __rand__ = __and__
    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return _flag(int(self) ^ int(other))
    __rxor__ = __xor__
    def __invert__(self):
        return _flag(~int(self) & 511)
    def __contains__(self, other):
        if not isinstance(other, RegexFlag):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and 'RegexFlag'" % type(other).__name__)
        return int(other) & int(self) == int(other)
    def __iter__(self):
        return iter([_FLAGS[b] for n, b in _FLAG_NAMES if int(self) & b])
    def __len__(self):
        return bin(int(self) & 511).count('1')
    def __bool__(self):
        return int(self) != 0
    def __format__(self, spec):
        if spec == '':
            return str(self)
        return format(int(self), spec)
    def __repr__(self):
        v = int(self)
        if v == 0:
            return 're.NOFLAG'
        names, rest = _flag_names(v)
        if not names:
            return 're.RegexFlag(%d)' % v
        text = '|'.join('re.' + n for n in names)
        if rest:
            text += '|' + hex(rest)
        return text
    __str__ = __repr__
    def __reduce_ex__(self, proto):
        return RegexFlag, (int(self),)

# The flags in CPython's definition order (the order a combination's repr lists them in).
_FLAG_NAMES = [('ASCII', 256), ('IGNORECASE', 2), ('LOCALE', 4), ('UNICODE', 32), ('MULTILINE', 8),
               ('DOTALL', 16), ('VERBOSE', 64), ('TEMPLATE', 1), ('DEBUG', 128)]

def _flag_names(v):
    names = []
    for n, b in _FLAG_NAMES:
        if v & b:
            names.append(n)
            v &= ~b
    return names, v

_FLAGS = {}
for _n, _b in _FLAG_NAMES:
    _FLAGS[_b] = RegexFlag(_b, _n)
_FLAGS[0] = RegexFlag(0, 'NOFLAG')

def _flag(v):
    f = _FLAGS.get(v)
    return f if f is not None else RegexFlag(v)

NOFLAG = _FLAGS[0]
T = TEMPLATE = _FLAGS[1]
I = IGNORECASE = _FLAGS[2]
L = LOCALE = _FLAGS[4]
M = MULTILINE = _FLAGS[8]
S = DOTALL = _FLAGS[16]
U = UNICODE = _FLAGS[32]
X = VERBOSE = _FLAGS[64]
DEBUG = _FLAGS[128]
A = ASCII = _FLAGS[256]

class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = '%s at position %d' % (msg, pos)
            if isinstance(pattern, str):
                newline = '\n'
            else:
                newline = b'\n'
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        Exception.__init__(self, msg)

error.__module__ = 're'
PatternError = error

def _int_flags(flags):
    if isinstance(flags, RegexFlag):
        return int(flags)
    if not isinstance(flags, int):
        raise TypeError("unsupported operand type(s) for &: '" + type(flags).__name__ + "' and 'int'")
    return flags

class Pattern:
    def __init__(self, pattern, flags):
        info = _compile(pattern, flags)
        self.pattern = pattern
        self._flags = info[0]
        self.groups = info[1]
        self._groupindex = info[2]

    @property
    def flags(self):
        return self._flags

    @property
    def groupindex(self):
        return dict(self._groupindex)

    def _run(self, string, pos, endpos, mode):
        spans = _exec(self.pattern, self._flags, string, pos, endpos, mode)
        if spans is None:
            return None
        return Match(self, string, pos, endpos, spans)

    def _all(self, string, pos, endpos, count):
        return _scan(self.pattern, self._flags, string, pos, endpos, count)

    def findall(self, string, pos=0, endpos=None):
        return _scan(self.pattern, self._flags, string, pos, endpos, 0, 2)

    def finditer(self, string, pos=0, endpos=None):
        return iter([Match(self, string, pos, endpos, sp) for sp in self._all(string, pos, endpos, 0)])

    def scanner(self, string, pos=0, endpos=None):
        return _Scanner(self, string, pos, endpos)

    def split(self, string, maxsplit=0):
        if maxsplit < 0:
            return [string]
        out = []
        g = self.groups
        found, gaps = _scan(self.pattern, self._flags, string, 0, None, maxsplit, 1)
        for k in range(len(found)):
            out.append(gaps[k])
            sp = found[k]
            for i in range(1, g + 1):
                out.append(_grp(string, sp, i, None))
        out.append(gaps[-1])
        return out

    # search, match, fullmatch, sub and subn are natives (re/mod.rs's PATTERN_METHODS); _subx is sub's
    # path for what they leave (a function, a bytearray, a bad template's error).
    def _subx(self, repl, string, count, n):
        if callable(repl):
            parts = None
        else:
            parts = _template(self.pattern, self._flags, repl)
            if type(parts) is tuple:
                raise error(parts[1], repl, parts[2])
        if isinstance(string, bytearray):
            string = bytes(string)
        if count < 0:
            return (string, 0) if n else string
        found, gaps = _scan(self.pattern, self._flags, string, 0, None, count, 1)
        pieces = []
        for k in range(len(found)):
            pieces.append(gaps[k])
            sp = found[k]
            if parts is None:
                r = repl(Match(self, string, 0, None, sp))
                if r is not None:
                    pieces.append(r)
            else:
                pieces.append(_expand(parts, string, sp))
        pieces.append(gaps[-1])
        k = len(found)
        out = string[:0].join(pieces)
        if n:
            return (out, k)
        return out

    def __repr__(self):
        p = repr(self.pattern)
        if len(p) > 200:
            p = p[:200]
        f = self._flags
        if isinstance(self.pattern, str):
            f &= ~32
        if f:
            return 're.compile(%s, %s)' % (p, repr(_flag(f)))
        return 're.compile(%s)' % p

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self._flags == other._flags

    def __hash__(self):
        return hash((self.pattern, self._flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

class _Scanner:
    def __init__(self, pattern, string, pos, endpos):
        self.pattern = pattern
        self._string = string
        self._pos = pos
        self._endpos = endpos
        self._empty = False
    def _step(self, mode):
        if self._pos is None:
            return None
        m = self.pattern._run(self._string, self._pos, self._endpos, mode)
        if m is None:
            self._pos = None
            return None
        if m.end() == m.start():
            if self._empty:
                self._pos = None
                return None
            self._empty = True
        else:
            self._empty = False
        self._pos = m.end()
        return m
    def match(self):
        return self._step(1)
    def search(self):
        return self._step(0)

def _grp(string, sp, i, default):
    # sp: the spans (2 per group), lastindex, then the groups' texts.
    t = sp[len(sp) // 3 * 2 + 1 + i]
    if t is None:
        return default
    return t

class Match:
    def __init__(self, pattern, string, pos, endpos, spans):
        self.re = pattern
        self.string = string
        self._pos = pos
        self._endpos = endpos
        self._spans = spans

    @property
    def pos(self):
        n = len(self.string)
        p = self._pos
        return 0 if p < 0 else (n if p > n else p)

    @property
    def endpos(self):
        n = len(self.string)
        e = self._endpos
        if e is None or e > n:
            return n
        p = self.pos
        return p if e < p else e

    def _index(self, g):
        if isinstance(g, int):
            if 0 <= g <= self.re.groups:
                return int(g)
        elif isinstance(g, str):
            i = self.re._groupindex.get(g)
            if i is not None:
                return i
        else:
            try:
                i = g.__index__()
            except AttributeError:
                pass
            else:
                if 0 <= i <= self.re.groups:
                    return i
        raise IndexError("no such group")

    def group(self, *args):
        if not args:
            return _grp(self.string, self._spans, 0, None)
        if len(args) == 1:
            return _grp(self.string, self._spans, self._index(args[0]), None)
        return tuple([_grp(self.string, self._spans, self._index(g), None) for g in args])

    def __getitem__(self, g):
        return _grp(self.string, self._spans, self._index(g), None)

    def groups(self, default=None):
        return tuple([_grp(self.string, self._spans, i, default) for i in range(1, self.re.groups + 1)])

    def groupdict(self, default=None):
        return {k: _grp(self.string, self._spans, i, default) for k, i in self.re._groupindex.items()}

    def start(self, group=0):
        return self._spans[2 * self._index(group)]

    def end(self, group=0):
        return self._spans[2 * self._index(group) + 1]

    def span(self, group=0):
        i = self._index(group)
        return (self._spans[2 * i], self._spans[2 * i + 1])

    @property
    def regs(self):
        return tuple([(self._spans[2 * i], self._spans[2 * i + 1]) for i in range(self.re.groups + 1)])

    @property
    def lastindex(self):
        i = self._spans[len(self._spans) // 3 * 2]
        return i if i else None

    @property
    def lastgroup(self):
        i = self._spans[len(self._spans) // 3 * 2]
        if not i:
            return None
        for k, v in self.re._groupindex.items():
            if v == i:
                return k
        return None

    def expand(self, template):
        parts = _template(self.re.pattern, self.re._flags, template)
        if type(parts) is tuple:
            raise error(parts[1], template, parts[2])
        return _expand(parts, self.string, self._spans)

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=(%d, %d), match=%r>' % (self._spans[0], self._spans[1], self.group())

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

Pattern.__module__ = 're'
Match.__module__ = 're'
RegexFlag.__module__ = 're'

_cache = {}

def _pattern(pattern, flags):
    # A compiled pattern with no flags is itself (without hashing it into the cache's key).
    if type(pattern) is Pattern and type(flags) is int and flags == 0:
        return pattern
    # Module-level functions reuse the Pattern object made for the same (type, pattern, flags).
    if type(flags) is RegexFlag:
        flags = int(flags)
    key = (type(pattern), pattern, flags)
    try:
        return _cache[key]
    except KeyError:
        pass
    except TypeError:
        pass
    flags = _int_flags(flags)
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, (str, bytes)):
        raise TypeError("first argument must be string or compiled pattern")
    p = Pattern(pattern, flags)
    if len(_cache) >= 512:
        _cache.clear()
    _cache[key] = p
    return p

def purge():
    "Clear the regular expression caches."
    _cache.clear()
    _purge()

def compile(pattern, flags=0):
    """Compile a regular expression pattern into a Pattern object."""
    return _pattern(pattern, flags)

def match(pattern, string, flags=0):
    """Match the pattern at the start of the string; a Match object, or None."""
    return _run_m(_pattern(pattern, flags), string, 0, None, 1)

def fullmatch(pattern, string, flags=0):
    """Match the pattern against the whole string; a Match object, or None."""
    return _run_m(_pattern(pattern, flags), string, 0, None, 2)

def search(pattern, string, flags=0):
    """Find the first place the pattern matches; a Match object, or None."""
    return _run_m(_pattern(pattern, flags), string, 0, None, 0)

def sub(pattern, repl, string, count=0, flags=0):
    """Replace the matches of the pattern by repl (a template with\n    group references such as \\1 and \\g<name>, or a function of the Match)."""
    return _pattern(pattern, flags).sub(repl, string, count)

def subn(pattern, repl, string, count=0, flags=0):
    """Like sub(), but return (new_string, number_of_replacements)."""
    return _pattern(pattern, flags).subn(repl, string, count)

def split(pattern, string, maxsplit=0, flags=0):
    """Split the string at the matches of the pattern; the groups'\n    text goes into the result too."""
    return _pattern(pattern, flags).split(string, maxsplit)

def findall(pattern, string, flags=0):
    """All non-overlapping matches: the matched strings, the single\n    group's text, or tuples of the groups' texts."""
    return _pattern(pattern, flags).findall(string)

def finditer(pattern, string, flags=0):
    """An iterator of Match objects over the non-overlapping matches."""
    return _pattern(pattern, flags).finditer(string)

def template(pattern, flags=0):
    return _pattern(pattern, _int_flags(flags) | 1)

_SPECIAL = '()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c'

def escape(pattern):
    """Backslash the characters that are special in a pattern."""
    if isinstance(pattern, str):
        return ''.join(['\\' + c if c in _SPECIAL else c for c in pattern])
    if isinstance(pattern, bytes):
        out = []
        for b in pattern:
            if chr(b) in _SPECIAL:
                out.append(92)
            out.append(b)
        return bytes(out)
    raise TypeError("decoding to str: need a bytes-like object, " + type(pattern).__name__ + " found")

class Scanner:
    def __init__(self, lexicon, flags=0):
        self.lexicon = lexicon
        parts = []
        self._phrase_of = {}
        group = 1
        for k, (phrase, action) in enumerate(lexicon):
            self._phrase_of[group] = k
            parts.append('(' + phrase + ')')
            group += 1 + Pattern(phrase, _int_flags(flags)).groups
        self.scanner = Pattern('|'.join(parts), _int_flags(flags))

    def scan(self, string):
        result = []
        i = 0
        while True:
            m = self.scanner.match(string, i)
            if not m:
                break
            j = m.end()
            if i == j:
                break
            g = 1
            while m._spans[2 * g] < 0:
                g += 1
            action = self.lexicon[self._phrase_of[g]][1]
            if callable(action):
                self.match = m
                action = action(self, m.group())
            if action is not None:
                result.append(action)
            i = j
        return result, string[i:]
