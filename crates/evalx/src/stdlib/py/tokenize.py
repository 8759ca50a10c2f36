# evalx's tokenize module (written for evalx): Python source split into the tokens CPython 3.11's
# tokenize gives (comments, NL and NEWLINE, INDENT/DEDENT, exact operator types), encoding detection and
# untokenize.

import re
import collections
from token import *
from token import EXACT_TOKEN_TYPES

import token as _token
__all__ = _token.__all__ + ['tokenize', 'generate_tokens', 'detect_encoding', 'untokenize', 'TokenInfo']
del _token

_COOKIE = re.compile(r'^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)', re.ASCII)
_BLANK = re.compile(rb'^[ \t\f]*(?:[#\r\n]|$)', re.ASCII)


class TokenInfo(collections.namedtuple('TokenInfo', 'type string start end line')):
    def __repr__(self):
        shown = '%d (%s)' % (self.type, tok_name[self.type])
        return ('TokenInfo(type=%s, string=%r, start=%r, end=%r, line=%r)' %
                (shown, self.string, self.start, self.end, self.line))

    @property
    def exact_type(self):
        if self.type == OP and self.string in EXACT_TOKEN_TYPES:
            return EXACT_TOKEN_TYPES[self.string]
        return self.type


class TokenError(Exception):
    pass


class StopTokenizing(Exception):
    pass


# -- the token patterns
def _any_of(*alternatives):
    return '(' + '|'.join(alternatives) + ')'


def _string_prefixes():
    found = {''}
    for word in ('b', 'r', 'u', 'f', 'br', 'fr'):
        for order in ({word, word[::-1]} if len(word) == 2 else {word}):
            variants = ['']
            for ch in order:
                variants = [v + c for v in variants for c in (ch, ch.upper())]
            found.update(variants)
    return found


_PREFIXES = _string_prefixes()
_PREFIX = _any_of(*sorted(_PREFIXES, key=len, reverse=True))

_DIGITS = r'[0-9](?:_?[0-9])*'
_EXPONENT = r'[eE][-+]?' + _DIGITS
_POINTFLOAT = _any_of(_DIGITS + r'\.(?:' + _DIGITS + r')?', r'\.' + _DIGITS) + '(?:' + _EXPONENT + ')?'
_FLOAT = _any_of(_POINTFLOAT, _DIGITS + _EXPONENT)
_INT = _any_of(r'0[xX](?:_?[0-9a-fA-F])+', r'0[bB](?:_?[01])+', r'0[oO](?:_?[0-7])+',
               r'(?:0(?:_?0)*|[1-9](?:_?[0-9])*)')
_NUMBER = _any_of(_DIGITS + r'[jJ]', _FLOAT + r'[jJ]', _FLOAT, _INT)

# The rest of a string after its opening quote(s), up to and including the closing one.
_TAILS = {
    "'": r"[^'\\]*(?:\\.[^'\\]*)*'",
    '"': r'[^"\\]*(?:\\.[^"\\]*)*"',
    "'''": r"[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''",
    '"""': r'[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""',
}
_END = {}
for _p in _PREFIXES:
    for _q in _TAILS:
        _END[_p + _q] = _TAILS[_q]
del _p, _q
_TRIPLE_STARTS = frozenset(p + q for p in _PREFIXES for q in ("'''", '"""'))
_SINGLE_STARTS = frozenset(p + q for p in _PREFIXES for q in ("'", '"'))

# A one-line string, or the start of one continued with a backslash-newline.
_ONE_LINE_STRING = _any_of(
    _PREFIX + r"'[^\n'\\]*(?:\\.[^\n'\\]*)*" + _any_of("'", r'\\\r?\n'),
    _PREFIX + r'"[^\n"\\]*(?:\\.[^\n"\\]*)*' + _any_of('"', r'\\\r?\n'))
_OPERATOR = _any_of(*[re.escape(op) for op in sorted(EXACT_TOKEN_TYPES, key=len, reverse=True)])
_TOKEN = re.compile(r'[ \f\t]*' + _any_of(
    r'\\\r?\n|\Z', r'#[^\r\n]*', _PREFIX + "'''", _PREFIX + '"""',
    _NUMBER, r'\r?\n', _OPERATOR, _ONE_LINE_STRING, r'\w+'))
_compiled_ends = {}


def _end_pattern(start):
    pat = _compiled_ends.get(start)
    if pat is None:
        pat = _compiled_ends[start] = re.compile(_END[start])
    return pat


class _Tokenizer:
    """The state kept across lines: open brackets, indentation, and a string or statement in progress."""

    def __init__(self):
        self.row = 0
        self.brackets = 0
        self.backslash = False
        self.indents = [0]
        self.string = None   # (start text so far, start position, lines so far, end pattern, needs \)

    def lines(self, readline, encoding):
        previous = ''
        line = ''
        while True:
            previous = line
            try:
                line = readline()
            except StopIteration:
                line = b'' if encoding is not None else ''
            if encoding is not None:
                line = line.decode(encoding)
            self.row += 1
            if not line and self.string is None and self.brackets == 0 and not self.backslash:
                break
            yield from self.line(line)
            if self._done:
                break
        if previous and previous[-1] not in '\r\n' and not previous.strip().startswith('#'):
            yield TokenInfo(NEWLINE, '', (self.row - 1, len(previous)), (self.row - 1, len(previous) + 1), '')
        for _ in self.indents[1:]:
            yield TokenInfo(DEDENT, '', (self.row, 0), (self.row, 0), '')
        yield TokenInfo(ENDMARKER, '', (self.row, 0), (self.row, 0), '')

    _done = False

    def line(self, line):
        row = self.row
        pos = 0
        if self.string is not None:
            text, start, lines, pattern, needs_backslash = self.string
            if not line:
                raise TokenError('EOF in multi-line string', start)
            m = pattern.match(line)
            if m:
                pos = m.end()
                self.string = None
                yield TokenInfo(STRING, text + line[:pos], start, (row, pos), lines + line)
            elif needs_backslash and not line.endswith(('\\\n', '\\\r\n')):
                self.string = None
                yield TokenInfo(ERRORTOKEN, text + line, start, (row, len(line)), lines)
                return
            else:
                self.string = (text + line, start, lines + line, pattern, needs_backslash)
                return
        elif self.brackets == 0 and not self.backslash:
            column = 0
            while pos < len(line):
                c = line[pos]
                if c == ' ':
                    column += 1
                elif c == '\t':
                    column = (column // 8 + 1) * 8
                elif c == '\f':
                    column = 0
                else:
                    break
                pos += 1
            if pos == len(line):
                self._done = True
                return
            if line[pos] in '#\r\n':
                if line[pos] == '#':
                    comment = line[pos:].rstrip('\r\n')
                    yield TokenInfo(COMMENT, comment, (row, pos), (row, pos + len(comment)), line)
                    pos += len(comment)
                yield TokenInfo(NL, line[pos:], (row, pos), (row, len(line)), line)
                return
            if column > self.indents[-1]:
                self.indents.append(column)
                yield TokenInfo(INDENT, line[:pos], (row, 0), (row, pos), line)
            while column < self.indents[-1]:
                if column not in self.indents:
                    raise IndentationError(
                        'unindent does not match any outer indentation level',
                        ('<tokenize>', row, pos, line))
                self.indents.pop()
                yield TokenInfo(DEDENT, '', (row, pos), (row, pos), line)
        else:
            if not line:
                raise TokenError('EOF in multi-line statement', (row, 0))
            self.backslash = False

        while pos < len(line):
            m = _TOKEN.match(line, pos)
            if not m:
                yield TokenInfo(ERRORTOKEN, line[pos], (row, pos), (row, pos + 1), line)
                pos += 1
                continue
            start, end = m.span(1)
            pos = end
            if start == end:
                continue
            text = line[start:end]
            first = line[start]
            if first in '0123456789' or (first == '.' and text not in ('.', '...')):
                yield TokenInfo(NUMBER, text, (row, start), (row, end), line)
            elif first in '\r\n':
                yield TokenInfo(NL if self.brackets > 0 else NEWLINE, text, (row, start), (row, end), line)
            elif first == '#':
                yield TokenInfo(COMMENT, text, (row, start), (row, end), line)
            elif text in _TRIPLE_STARTS:
                pattern = _end_pattern(text)
                tail = pattern.match(line, pos)
                if tail:
                    pos = tail.end()
                    yield TokenInfo(STRING, line[start:pos], (row, start), (row, pos), line)
                else:
                    self.string = (line[start:], (row, start), line, pattern, False)
                    break
            elif (first in _SINGLE_STARTS or text[:2] in _SINGLE_STARTS
                  or text[:3] in _SINGLE_STARTS):
                if text[-1] == '\n':
                    quote = next(c for c in text if c in '\'"')
                    self.string = (line[start:], (row, start), line, _end_pattern(quote), True)
                    break
                yield TokenInfo(STRING, text, (row, start), (row, end), line)
            elif first.isidentifier():
                yield TokenInfo(NAME, text, (row, start), (row, end), line)
            elif first == '\\':
                self.backslash = True
            else:
                if first in '([{':
                    self.brackets += 1
                elif first in ')]}':
                    self.brackets -= 1
                yield TokenInfo(OP, text, (row, start), (row, end), line)


def generate_tokens(readline):
    """The tokens of the source whose lines readline() returns as str (StopIteration or '' at the end)."""
    return _Tokenizer().lines(readline, None)


def _normal_encoding(given):
    name = given[:12].lower().replace('_', '-')
    if name == 'utf-8' or name.startswith('utf-8-'):
        return 'utf-8'
    if name in ('latin-1', 'iso-8859-1', 'iso-latin-1') or name.startswith(
            ('latin-1-', 'iso-8859-1-', 'iso-latin-1-')):
        return 'iso-8859-1'
    return given


def detect_encoding(readline):
    """The source encoding of a bytes source (its BOM or coding cookie, else utf-8) and the lines read to
    find it."""
    try:
        filename = readline.__self__.name
    except AttributeError:
        filename = None
    bom = False
    default = 'utf-8'

    def read():
        try:
            return readline()
        except StopIteration:
            return b''

    def cookie(line):
        try:
            text = line.decode('utf-8')
        except UnicodeDecodeError:
            msg = 'invalid or missing encoding declaration'
            if filename is not None:
                msg = '{} for {!r}'.format(msg, filename)
            raise SyntaxError(msg)
        m = _COOKIE.match(text)
        if not m:
            return None
        encoding = _normal_encoding(m.group(1))
        try:
            import codecs
            codecs.lookup(encoding)
        except LookupError:
            if filename is None:
                msg = 'unknown encoding: ' + encoding
            else:
                msg = 'unknown encoding for {!r}: {}'.format(filename, encoding)
            raise SyntaxError(msg)
        if bom:
            if encoding != 'utf-8':
                if filename is None:
                    msg = 'encoding problem: utf-8'
                else:
                    msg = 'encoding problem for {!r}: utf-8'.format(filename)
                raise SyntaxError(msg)
            encoding += '-sig'
        return encoding

    first = read()
    if first.startswith(b'\xef\xbb\xbf'):
        bom = True
        first = first[3:]
        default = 'utf-8-sig'
    if not first:
        return default, []
    found = cookie(first)
    if found:
        return found, [first]
    if not _BLANK.match(first):
        return default, [first]
    second = read()
    if not second:
        return default, [first]
    found = cookie(second)
    if found:
        return found, [first, second]
    return default, [first, second]


def tokenize(readline):
    """The tokens of a bytes source read with readline(): an ENCODING token first, then the source's."""
    encoding, consumed = detect_encoding(readline)
    pending = list(consumed)

    def lines():
        while pending:
            return pending.pop(0)
        return readline()

    yield TokenInfo(ENCODING, encoding, (0, 0), (0, 0), '')
    yield from _Tokenizer().lines(lines, encoding)


def open(filename):
    """Open a Python source file for reading text in the encoding detect_encoding() finds."""
    import builtins
    import io
    raw = builtins.open(filename, 'rb')
    try:
        data = raw.read()
    finally:
        raw.close()
    encoding, _ = detect_encoding(io.BytesIO(data).readline)
    text = io.TextIOWrapper(io.BytesIO(data), encoding, line_buffering=True)
    text.mode = 'r'
    text.name = filename
    return text


class Untokenizer:
    def __init__(self):
        self.tokens = []
        self.prev_row = 1
        self.prev_col = 0
        self.encoding = None

    def add_whitespace(self, start):
        row, col = start
        if row < self.prev_row or row == self.prev_row and col < self.prev_col:
            raise ValueError('start ({},{}) precedes previous end ({},{})'.format(
                row, col, self.prev_row, self.prev_col))
        if row - self.prev_row:
            self.tokens.append('\\\n' * (row - self.prev_row))
            self.prev_col = 0
        if col - self.prev_col:
            self.tokens.append(' ' * (col - self.prev_col))

    def untokenize(self, iterable):
        it = iter(iterable)
        indents = []
        at_line_start = False
        for t in it:
            if len(t) == 2:
                self.compat(t, it)
                break
            kind, text, start, end, line = t
            if kind == ENCODING:
                self.encoding = text
                continue
            if kind == ENDMARKER:
                break
            if kind == INDENT:
                indents.append(text)
                continue
            if kind == DEDENT:
                indents.pop()
                self.prev_row, self.prev_col = end
                continue
            if kind in (NEWLINE, NL):
                at_line_start = True
            elif at_line_start and indents:
                indent = indents[-1]
                if start[1] >= len(indent):
                    self.tokens.append(indent)
                    self.prev_col = len(indent)
                at_line_start = False
            self.add_whitespace(start)
            self.tokens.append(text)
            self.prev_row, self.prev_col = end
            if kind in (NEWLINE, NL):
                self.prev_row += 1
                self.prev_col = 0
        return ''.join(self.tokens)

    def compat(self, token, iterable):
        indents = []
        at_line_start = token[0] in (NEWLINE, NL)
        after_string = False
        for tok in [token] + list(iterable):
            kind, text = tok[:2]
            if kind == ENCODING:
                self.encoding = text
                continue
            if kind in (NAME, NUMBER):
                text += ' '
            if kind == STRING:
                if after_string:
                    text = ' ' + text
                after_string = True
            else:
                after_string = False
            if kind == INDENT:
                indents.append(text)
                continue
            if kind == DEDENT:
                indents.pop()
                continue
            if kind in (NEWLINE, NL):
                at_line_start = True
            elif at_line_start and indents:
                self.tokens.append(indents[-1])
                at_line_start = False
            self.tokens.append(text)


def untokenize(iterable):
    """Source text from tokens: exact spacing from 5-tuples, a readable spacing from (type, string)
    pairs; bytes when an ENCODING token came first."""
    u = Untokenizer()
    out = u.untokenize(iterable)
    if u.encoding is not None:
        out = out.encode(u.encoding)
    return out
