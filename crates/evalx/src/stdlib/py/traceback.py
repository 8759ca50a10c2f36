import sys

_sentinel = object()


class _Code:
    def __init__(self, filename, name):
        self.co_filename = filename
        self.co_name = name

    def __repr__(self):
        return '<code object %s, file "%s">' % (self.co_name, self.co_filename)


class _Frame:
    def __init__(self, filename, lineno, name):
        self.f_code = _Code(filename, name)
        self.f_lineno = lineno
        self.f_globals = {}
        self.f_locals = {}
        self.f_back = None

    def __repr__(self):
        return '<frame, file %r, line %d, code %s>' % (self.f_code.co_filename, self.f_lineno, self.f_code.co_name)


class _Traceback:
    def __init__(self, entry, nxt):
        filename, lineno, name, line = entry[:4]
        frame = entry[4] if len(entry) > 4 else None
        self.tb_frame = _Frame(filename, lineno, name) if frame is None else frame
        self.tb_lineno = lineno
        self.tb_lasti = -1
        self.tb_next = nxt
        self._line = line

    def __repr__(self):
        return '<traceback object>'

    def __dir__(self):
        return ['tb_frame', 'tb_lasti', 'tb_lineno', 'tb_next']


_Traceback.__name__ = 'traceback'
_Traceback.__qualname__ = 'traceback'
_Frame.__name__ = 'frame'
_Frame.__qualname__ = 'frame'
_Code.__name__ = 'code'
_Code.__qualname__ = 'code'


def _tb_chain(entries):
    # `entries` is innermost first: the chain starts at the outermost frame.
    tb = None
    for e in entries:
        tb = _Traceback(e, tb)
    return tb


class FrameSummary:
    __slots__ = ('filename', 'lineno', 'name', '_line', 'locals', 'end_lineno', 'colno', 'end_colno')

    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None,
                 end_lineno=None, colno=None, end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = {k: repr(v) for k, v in locals.items()} if locals else None
        self.end_lineno = end_lineno
        self.colno = colno
        self.end_colno = end_colno

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and self.lineno == other.lineno and
                    self.name == other.name and self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)

    def __len__(self):
        return 4

    @property
    def line(self):
        if self._line is None:
            return None
        return self._line.strip()


def _frame_text(f):
    row = '  File "{}", line {}, in {}\n'.format(f.filename, f.lineno, f.name)
    if f.line:
        row += '    {}\n'.format(f.line)
    if f.locals:
        for name, value in sorted(f.locals.items()):
            row += '    {name} = {value}\n'.format(name=name, value=value)
    return row


class StackSummary(list):
    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True, capture_locals=False):
        return klass._from_entries([(f.f_code.co_filename, lineno, f.f_code.co_name, None)
                                    for f, lineno in frame_gen], limit)

    @classmethod
    def _from_entries(klass, entries, limit):
        entries = list(entries)
        if limit is not None:
            entries = entries[:limit] if limit >= 0 else entries[limit:]
        result = klass()
        for filename, lineno, name, line in entries:
            result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    @classmethod
    def from_list(klass, a_list):
        result = StackSummary()
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                result.append(frame)
            else:
                filename, lineno, name, line = frame
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format_frame_summary(self, frame_summary):
        return _frame_text(frame_summary)

    def format(self):
        result = []
        last = None
        count = 0
        for f in self:
            key = (f.filename, f.lineno, f.name)
            if last is not None and key == last:
                count += 1
                if count > 3:
                    continue
            else:
                if count > 3:
                    n = count - 3
                    result.append('  [Previous line repeated {} more time{}]\n'.format(n, 's' if n > 1 else ''))
                last = key
                count = 1
            result.append(self.format_frame_summary(f))
        if count > 3:
            n = count - 3
            result.append('  [Previous line repeated {} more time{}]\n'.format(n, 's' if n > 1 else ''))
        return result


def walk_tb(tb):
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def _tb_entries(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_name,
                    getattr(tb, '_line', None)))
        tb = tb.tb_next
    return out


def extract_tb(tb, limit=None):
    return StackSummary._from_entries(_tb_entries(tb), limit)


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    if file is None:
        file = sys.stderr
    for item in StackSummary.from_list(extracted_list).format():
        print(item, file=file, end="")


def format_tb(tb, limit=None):
    return extract_tb(tb, limit=limit).format()


def print_tb(tb, limit=None, file=None):
    print_list(extract_tb(tb, limit=limit), file=file)


def _type_name(etype):
    mod = getattr(etype, '__module__', None)
    qual = getattr(etype, '__qualname__', None) or etype.__name__
    if mod not in ('__main__', 'builtins', None):
        return mod + '.' + qual
    return qual


def _some_str(value):
    try:
        return str(value)
    except Exception:
        return '<exception str() failed>'


def _only(etype, value):
    if etype is None:
        return ['NoneType: None\n']
    name = _type_name(etype)
    if value is None:
        return [name + '\n']
    text = _some_str(value)
    lines = []
    if isinstance(value, SyntaxError) and getattr(value, 'lineno', None) is not None:
        lines.append('  File "{}", line {}\n'.format(value.filename or '<string>', value.lineno))
        if value.text is not None:
            src = value.text.rstrip('\n')
            stripped = src.lstrip()
            lines.append('    {}\n'.format(stripped))
            if value.offset is not None:
                caret = value.offset - 1 - (len(src) - len(stripped))
                if caret >= 0:
                    lines.append('    {}^\n'.format(' ' * caret))
        text = value.msg or '<no detail available>'
    lines.append(name + ': ' + text + '\n' if text else name + '\n')
    for note in getattr(value, '__notes__', None) or ():
        lines.append(str(note) + '\n')
    return lines


def _split(text):
    # The rendered text as CPython's list: the header, one item per frame, each separator, the last line.
    out = []
    lines = text.splitlines(True)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith('  File '):
            chunk = line
            i += 1
            while i < len(lines) and lines[i].startswith('    '):
                chunk += lines[i]
                i += 1
            out.append(chunk)
            continue
        if line == '\n' and i + 2 < len(lines) and lines[i + 2] == '\n' and lines[i + 1].startswith(
                ('The above exception', 'During handling')):
            out.append(line + lines[i + 1] + lines[i + 2])
            i += 3
            continue
        out.append(line)
        i += 1
    return out


def _resolve(exc, value, tb):
    if (value is _sentinel) != (tb is _sentinel):
        raise ValueError("Both or neither of value and tb must be given")
    if value is _sentinel:
        if isinstance(exc, BaseException):
            return type(exc), exc
        if exc is None:
            return None, None
        raise TypeError('Exception expected for value, {} found'.format(type(exc).__name__))
    if value is None:
        return None, None
    return type(value), value


def _given_tb(value, tb):
    # The traceback to show for `value` when it is not its own (`None`: its own), as entry tuples,
    # outermost first.
    if tb is _sentinel or tb is getattr(value, '__traceback__', None):
        return None
    return [(tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_frame.f_code.co_name,
             getattr(tb, '_line', None)) for tb in _tb_objects(tb)]


def _tb_objects(tb):
    out = []
    while tb is not None:
        out.append(tb)
        tb = tb.tb_next
    return out


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    etype, value = _resolve(exc, value, tb)
    if value is None:
        return _only(etype, value)
    text = _render(value, limit, chain, _given_tb(value, tb))
    if text is None:
        return _only(etype, value)
    return _split(text)


def format_exception_only(exc, /, value=_sentinel):
    if value is _sentinel:
        if exc is None:
            return ['NoneType: None\n']
        if isinstance(exc, BaseException):
            return _only(type(exc), exc)
        return _only(exc, None)
    if value is None:
        return ['NoneType: None\n']
    return _only(type(value), value)


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit=limit, chain=chain):
        print(line, file=file, end="")


def format_exc(limit=None, chain=True):
    text = _render(None, limit, chain)
    return 'NoneType: None\n' if text is None else text


def print_exc(limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    print(format_exc(limit=limit, chain=chain), file=file, end="")


def print_last(limit=None, file=None, chain=True):
    if not hasattr(sys, 'last_value'):
        raise ValueError('no last exception')
    print_exception(sys.last_value, limit=limit, file=file, chain=chain)


def clear_frames(tb):
    while tb is not None:
        try:
            tb.tb_frame.clear()
        except RuntimeError:
            pass
        tb = tb.tb_next


class TracebackException:
    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None, lookup_lines=True,
                 capture_locals=False, compact=False, max_group_width=15, max_group_depth=10,
                 _seen=None):
        self._value = exc_value
        self._limit = limit
        self.exc_type = exc_type
        self._str = _some_str(exc_value)
        self.__notes__ = getattr(exc_value, '__notes__', None)
        self._given = _given_tb(exc_value, exc_traceback)
        self.stack = StackSummary._from_entries(_tb_entries(exc_traceback), limit)
        if isinstance(exc_value, SyntaxError):
            self.filename = exc_value.filename
            self.lineno = str(exc_value.lineno) if exc_value.lineno is not None else None
            self.text = exc_value.text
            self.offset = exc_value.offset
            self.msg = exc_value.msg
        if _seen is None:
            _seen = set()
        _seen.add(id(exc_value))
        cause = getattr(exc_value, '__cause__', None)
        context = getattr(exc_value, '__context__', None)
        self.__suppress_context__ = cause is not None or bool(getattr(exc_value, '__suppress_context__', False))
        self.__cause__ = None
        self.__context__ = None
        if cause is not None and id(cause) not in _seen:
            self.__cause__ = TracebackException(type(cause), cause, cause.__traceback__, limit=limit,
                                                _seen=_seen)
        if context is not None and id(context) not in _seen:
            self.__context__ = TracebackException(type(context), context, context.__traceback__,
                                                  limit=limit, _seen=_seen)

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return self._str

    def format_exception_only(self):
        yield from _only(self.exc_type, self._value)

    def format(self, *, chain=True):
        if self._value is None:
            yield from _only(self.exc_type, None)
            return
        text = _render(self._value, self._limit, chain, self._given)
        if text is None:
            yield from _only(self.exc_type, self._value)
            return
        yield from _split(text)

    def print(self, *, file=None, chain=True):
        if file is None:
            file = sys.stderr
        for line in self.format(chain=chain):
            print(line, file=file, end="")


def _frame_entries(f):
    # The stack from frame `f` outwards, oldest first. A frame still running is the start of the live
    # stack, whose entries carry their source lines; a finished one's lines are read as linecache reads
    # them.
    chain = []
    while f is not None:
        chain.append(f)
        f = f.f_back
    chain.reverse()
    live = _stack()
    if len(live) >= len(chain) and all(live[i][2] == fr.f_code.co_name and live[i][1] == fr.f_lineno
                                       for i, fr in enumerate(chain)):
        return [(fn, ln, name, line) for fn, ln, name, line, mod in live[:len(chain)]]
    out = []
    for fr in chain:
        code = fr.f_code
        try:
            import linecache
            line = linecache.getline(code.co_filename, fr.f_lineno).strip() or None
        except Exception:
            line = None
        out.append((code.co_filename, fr.f_lineno, code.co_name, line))
    return out


def _stack_entries(f):
    if f is not None:
        return _frame_entries(f)
    return [(fn, ln, name, line) for fn, ln, name, line, mod in _stack()[:-2]]


def extract_stack(f=None, limit=None):
    entries = _stack_entries(f)
    if limit is not None:
        entries = entries[-limit:] if limit > 0 else []
    return StackSummary._from_entries(entries, None)


def format_stack(f=None, limit=None):
    entries = _stack_entries(f)
    if limit is not None:
        entries = entries[-limit:] if limit > 0 else []
    return StackSummary._from_entries(entries, None).format()


def print_stack(f=None, limit=None, file=None):
    entries = _stack_entries(f)
    if limit is not None:
        entries = entries[-limit:] if limit > 0 else []
    print_list(StackSummary._from_entries(entries, None), file=file)
