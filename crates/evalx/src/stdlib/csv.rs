//! `csv`: `reader`/`writer` with CPython 3.11's parsing state machine and quoting rules, `DictReader`,
//! `DictWriter`, the dialect registry (`excel`, `excel-tab`, `unix`, `register_dialect`...), the `QUOTE_*`
//! constants, `field_size_limit`, `Error`, and a `Sniffer` that guesses a dialect from a sample (quote
//! character and delimiter by consistent per-line frequencies, header by column types). Written in evalx
//! over strings: a row is split character by character, as CPython's `_csv` does.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = 0, 1, 2, 3
__version__ = "1.0"

class Error(Exception):
    pass

Error.__module__ = "_csv"

_limit = [131072]

def field_size_limit(*args):
    if len(args) > 1:
        raise TypeError("field_size_limit expected at most 1 argument, got " + str(len(args)))
    old = _limit[0]
    if args:
        if not isinstance(args[0], int):
            raise TypeError("limit must be an integer")
        _limit[0] = args[0]
    return old

class Dialect:
    _name = ""
    _valid = False
    delimiter = None
    quotechar = None
    escapechar = None
    doublequote = None
    skipinitialspace = None
    lineterminator = None
    quoting = None
    strict = None

    def __init__(self):
        if self.__class__ != Dialect:
            self._valid = True
        _checked(self)

class excel(Dialect):
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\r\n'
    quoting = QUOTE_MINIMAL

class excel_tab(excel):
    delimiter = '\t'

class unix_dialect(Dialect):
    delimiter = ','
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = '\n'
    quoting = QUOTE_ALL

_dialects = {'excel': excel, 'excel-tab': excel_tab, 'unix': unix_dialect}

class _Spec:
    # A resolved dialect: what reader and writer objects expose as .dialect.
    def __init__(self, base, kw):
        def pick(name, default):
            if name in kw:
                return kw[name]
            v = getattr(base, name, None) if base is not None else None
            return default if v is None else v
        self.delimiter = pick('delimiter', ',')
        self.doublequote = pick('doublequote', True)
        self.escapechar = kw['escapechar'] if 'escapechar' in kw else getattr(base, 'escapechar', None)
        self.lineterminator = pick('lineterminator', '\r\n')
        self.quoting = pick('quoting', QUOTE_MINIMAL)
        if 'quotechar' in kw:
            self.quotechar = kw['quotechar']
        elif base is not None and getattr(base, 'quotechar', None) is not None:
            self.quotechar = base.quotechar
        else:
            self.quotechar = '"'
        self.skipinitialspace = pick('skipinitialspace', False)
        self.strict = pick('strict', False)

def _char(name, v, allow_none):
    if v is None and allow_none:
        return None
    if not isinstance(v, str):
        if allow_none:
            raise TypeError('"' + name + '" must be string or None, not ' + type(v).__name__)
        raise TypeError('"' + name + '" must be string, not ' + type(v).__name__)
    if len(v) != 1:
        raise TypeError('"' + name + '" must be a 1-character string')
    return v

def _checked(d):
    _char('delimiter', d.delimiter if d.delimiter is not None else ',', False)
    if d.quoting not in (None, 0, 1, 2, 3):
        raise TypeError('bad "quoting" value')
    if d.quotechar is not None:
        _char('quotechar', d.quotechar, True)
    if d.escapechar is not None:
        _char('escapechar', d.escapechar, True)
    if d.lineterminator is not None and not isinstance(d.lineterminator, str):
        raise TypeError('"lineterminator" must be a string')
    return d

def _resolve(dialect, kw):
    for k in kw:
        if k not in ('delimiter', 'quotechar', 'escapechar', 'doublequote', 'skipinitialspace',
                     'lineterminator', 'quoting', 'strict'):
            raise TypeError("'" + k + "' is an invalid keyword argument for this function")
    if isinstance(dialect, str):
        if dialect not in _dialects:
            raise Error("unknown dialect")
        dialect = _dialects[dialect]
    spec = _Spec(dialect, kw)
    _checked(spec)
    if spec.quoting != QUOTE_NONE and spec.quotechar is None:
        raise TypeError("quotechar must be set if quoting enabled")
    return spec

def register_dialect(name, dialect=None, **kw):
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    spec = _resolve(dialect if dialect is not None else excel, kw)
    _dialects[name] = spec

def unregister_dialect(name):
    if name not in _dialects:
        raise Error("unknown dialect")
    del _dialects[name]

def get_dialect(name):
    if name not in _dialects:
        raise Error("unknown dialect")
    d = _dialects[name]
    return _Spec(d, {}) if isinstance(d, type) else d

def list_dialects():
    return list(_dialects)

class _Reader:
    def __init__(self, it, d):
        self._it = iter(it)
        self.dialect = d
        self.line_num = 0

    def __iter__(self):
        return self

    def __next__(self):
        d = self.dialect
        delim = d.delimiter
        quote = d.quotechar if d.quoting != QUOTE_NONE else None
        esc = d.escapechar
        limit = _limit[0]
        fields = []
        field = []
        quoted = False
        # states: 0 start record, 1 start field, 2 escaped char, 3 in field, 4 in quoted field,
        # 5 escape in quoted field, 6 quote in quoted field, 7 eat crnl, 8 after escaped crnl
        state = 0

        def save():
            s = ''.join(field)
            if d.quoting == QUOTE_NONNUMERIC and not quoted and s != '':
                fields.append(float(s))
            else:
                fields.append(s)
            field.clear()

        def add(c):
            if len(field) >= limit:
                raise Error("field larger than field limit (" + str(limit) + ")")
            field.append(c)

        while True:
            try:
                line = next(self._it)
            except StopIteration:
                if len(field) != 0 or state == 4:
                    if d.strict:
                        raise Error("unexpected end of data")
                    save()
                    return fields
                raise
            if not isinstance(line, str):
                if isinstance(line, bytes):
                    raise Error("iterator should return strings, not bytes (the file should be opened in text mode)")
                raise Error("iterator should return strings, not " + type(line).__name__ +
                            " (the file should be opened in text mode)")
            self.line_num += 1
            for c in list(line) + [None]:
                # None: the end of this input line (CPython's EOL pseudo-character).
                nl = c == '\n' or c == '\r'
                if state == 0:
                    if c is None:
                        return fields
                    if nl:
                        state = 7
                        continue
                    state = 1
                if state == 1:
                    quoted = False
                    if nl or c is None:
                        save()
                        if c is None:
                            return fields
                        state = 7
                    elif c == quote:
                        quoted = True
                        state = 4
                    elif c == esc:
                        quoted = True
                        state = 2
                    elif c == ' ' and d.skipinitialspace:
                        pass
                    elif c == delim:
                        save()
                    else:
                        add(c)
                        state = 3
                elif state == 2:
                    if nl:
                        add(c)
                        state = 8
                    else:
                        add('\n' if c is None else c)
                        state = 3
                elif state == 8 and c is None:
                    pass
                elif state == 3 or state == 8:
                    if nl or c is None:
                        save()
                        if c is None:
                            return fields
                        state = 7
                    elif c == esc:
                        state = 2
                    elif c == delim:
                        save()
                        state = 1
                    else:
                        add(c)
                        state = 3
                elif state == 4:
                    if c is None:
                        pass
                    elif c == esc:
                        state = 5
                    elif c == quote:
                        state = 6 if d.doublequote else 3
                    else:
                        add(c)
                elif state == 5:
                    add('\n' if c is None else c)
                    state = 4
                elif state == 6:
                    if c is not None and c == quote:
                        add(c)
                        state = 4
                    elif c == delim:
                        save()
                        state = 1
                    elif nl or c is None:
                        save()
                        if c is None:
                            return fields
                        state = 7
                    elif not d.strict:
                        add(c)
                        state = 3
                    else:
                        raise Error("'" + delim + "' expected after '" + quote + "'")
                elif state == 7:
                    if nl:
                        pass
                    elif c is None:
                        return fields
                    else:
                        raise Error("new-line character seen in unquoted field - do you need to open the file in universal-newline mode?")

def reader(csvfile, dialect='excel', **fmtparams):
    d = _resolve(dialect, fmtparams)
    try:
        it = iter(csvfile)
    except TypeError:
        raise TypeError("argument 1 must be an iterator")
    return _Reader(it, d)

class _Writer:
    def __init__(self, f, d):
        self._write = f.write
        self.dialect = d

    def _field(self, v, only):
        d = self.dialect
        if v is None:
            text = ''
        elif isinstance(v, float):
            text = repr(v)
        else:
            text = str(v)
        if d.quoting == QUOTE_NONNUMERIC:
            quoted = not isinstance(v, (int, float))
        else:
            quoted = d.quoting == QUOTE_ALL
        out = []
        for c in text:
            escape = False
            if c == d.delimiter or c == d.escapechar or c == d.quotechar or c in d.lineterminator:
                if d.quoting == QUOTE_NONE:
                    escape = True
                else:
                    if c == d.quotechar:
                        if d.doublequote:
                            out.append(c)
                        else:
                            escape = True
                    elif c == d.escapechar:
                        escape = True
                    if not escape:
                        quoted = True
                if escape:
                    if d.escapechar is None:
                        raise Error("need to escape, but no escapechar set")
                    out.append(d.escapechar)
            out.append(c)
        if not text and only and d.quoting != QUOTE_NONE:
            quoted = True
        body = ''.join(out)
        if quoted:
            return d.quotechar + body + d.quotechar
        return body

    def writerow(self, row):
        try:
            items = list(row)
        except TypeError:
            raise Error("iterable expected, not " + type(row).__name__)
        if len(items) == 1 and items[0] == '' and self.dialect.quoting == QUOTE_NONE:
            raise Error("single empty field record must be quoted")
        only = len(items) == 1
        line = self.dialect.delimiter.join([self._field(v, only) for v in items]) + self.dialect.lineterminator
        return self._write(line)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

def writer(csvfile, dialect='excel', **fmtparams):
    if not hasattr(csvfile, 'write'):
        raise TypeError('argument 1 must have a "write" method')
    return _Writer(csvfile, _resolve(dialect, fmtparams))

class DictReader:
    def __init__(self, f, fieldnames=None, restkey=None, restval=None, dialect="excel", *args, **kwds):
        self._fieldnames = fieldnames
        self.restkey = restkey
        self.restval = restval
        self.reader = reader(f, dialect, *args, **kwds)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)
            except StopIteration:
                pass
        self.line_num = self.reader.line_num
        return self._fieldnames

    @fieldnames.setter
    def fieldnames(self, value):
        self._fieldnames = value

    def __next__(self):
        if self.line_num == 0:
            self.fieldnames
        row = next(self.reader)
        self.line_num = self.reader.line_num
        while row == []:
            row = next(self.reader)
            self.line_num = self.reader.line_num
        names = self.fieldnames
        d = dict(zip(names, row))
        lf = len(names)
        lr = len(row)
        if lf < lr:
            d[self.restkey] = row[lf:]
        elif lf > lr:
            for key in names[lr:]:
                d[key] = self.restval
        return d

class DictWriter:
    def __init__(self, f, fieldnames, restval="", extrasaction="raise", dialect="excel", *args, **kwds):
        self.fieldnames = fieldnames
        self.restval = restval
        if extrasaction.lower() not in ("raise", "ignore"):
            raise ValueError("extrasaction (" + extrasaction + ") must be 'raise' or 'ignore'")
        self.extrasaction = extrasaction
        self.writer = writer(f, dialect, *args, **kwds)

    def writeheader(self):
        header = dict(zip(self.fieldnames, self.fieldnames))
        return self.writerow(header)

    def _dict_to_list(self, rowdict):
        if self.extrasaction == "raise":
            wrong = [k for k in rowdict if k not in self.fieldnames]
            if wrong:
                raise ValueError("dict contains fields not in fieldnames: " + ", ".join([repr(x) for x in wrong]))
        return [rowdict.get(key, self.restval) for key in self.fieldnames]

    def writerow(self, rowdict):
        return self.writer.writerow(self._dict_to_list(rowdict))

    def writerows(self, rowdicts):
        return self.writer.writerows([self._dict_to_list(r) for r in rowdicts])

class Sniffer:
    def __init__(self):
        self.preferred = [',', '\t', ';', ' ', ':']

    def sniff(self, sample, delimiters=None):
        quotechar, doublequote, delimiter, skipinitialspace = self._guess_quote_and_delimiter(sample, delimiters)
        if not delimiter:
            delimiter, skipinitialspace = self._guess_delimiter(sample, delimiters)
        if not delimiter:
            raise Error("Could not determine delimiter")

        class dialect(Dialect):
            _name = "sniffed"
            lineterminator = '\r\n'
            quoting = QUOTE_MINIMAL
        dialect.doublequote = doublequote
        dialect.delimiter = delimiter
        dialect.quotechar = quotechar or '"'
        dialect.skipinitialspace = skipinitialspace
        return dialect

    def _guess_quote_and_delimiter(self, data, delimiters):
        # Quoted fields: a quote right after a delimiter (or line start) and right before the next
        # delimiter (or line end) names both characters.
        quotes = {}
        delims = {}
        spaces = 0
        for line in data.split('\n'):
            n = len(line)
            i = 0
            while i < n:
                q = line[i]
                if q in '\'"' and (i == 0 or not line[i - 1].isalnum()):
                    j = line.find(q, i + 1)
                    if j > i:
                        before = line[i - 1] if i > 0 else ''
                        k = j + 1
                        after = line[k] if k < n else ''
                        if before == ' ' and i > 1:
                            spaces += 1
                            before = line[i - 2]
                        ok_before = before == '' or not before.isalnum()
                        ok_after = after == '' or not after.isalnum()
                        if ok_before and ok_after and (before or after):
                            quotes[q] = quotes.get(q, 0) + 1
                            for dl in (before, after):
                                if dl and dl not in '\r\n' and (delimiters is None or dl in delimiters):
                                    delims[dl] = delims.get(dl, 0) + 1
                        i = j + 1
                        continue
                i += 1
        if not quotes:
            return ('', False, None, 0)
        quotechar = max(quotes, key=quotes.get)
        if delims:
            delim = max(delims, key=delims.get)
            skipinitialspace = delims[delim] == spaces
            if delim == '\n':
                delim = ''
        else:
            delim = ''
            skipinitialspace = 0
        doublequote = (quotechar * 2) in data
        return (quotechar, doublequote, delim, skipinitialspace)

    def _guess_delimiter(self, data, delimiters):
        lines = [l for l in data.split('\n') if l]
        if not lines:
            return ('', 0)
        chars = [chr(c) for c in range(127)]
        best = []
        for c in chars:
            if delimiters is not None and c not in delimiters:
                continue
            if c.isalnum() or c in '\'"\r\n':
                continue
            counts = [l.count(c) for l in lines]
            if counts[0] == 0:
                continue
            mode = max(set(counts), key=counts.count)
            agree = counts.count(mode) / len(counts)
            if mode > 0 and agree >= 0.9:
                best.append((agree, c))
        if not best:
            return ('', 0)
        top = max(a for a, _ in best)
        cands = [c for a, c in best if a == top]
        delim = cands[0]
        for p in self.preferred:
            if p in cands:
                delim = p
                break
        skipinitialspace = all(l.count(delim) == l.count(delim + ' ') for l in lines)
        return (delim, skipinitialspace)

    def has_header(self, sample):
        rdr = reader(sample.split('\n'), self.sniff(sample))
        header = next(rdr)
        columns = len(header)
        types = {}
        for i in range(columns):
            types[i] = None
        checked = 0
        for row in rdr:
            if checked > 20:
                break
            checked += 1
            if len(row) != columns:
                continue
            for col in list(types.keys()):
                thisType = float
                try:
                    thisType(row[col])
                except (ValueError, OverflowError):
                    thisType = len(row[col])
                if thisType != types[col]:
                    if types[col] is None:
                        types[col] = thisType
                    else:
                        del types[col]
        hasHeader = 0
        for col, colType in types.items():
            if type(colType) == type(0):
                if len(header[col]) != colType:
                    hasHeader += 1
                else:
                    hasHeader -= 1
            else:
                try:
                    colType(header[col])
                except (ValueError, TypeError):
                    hasHeader += 1
                else:
                    hasHeader -= 1
        return hasHeader > 0
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(it, "csv", "CSV parsing and writing.", &[], SOURCE)
}
