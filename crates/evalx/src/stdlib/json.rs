//! `json`: `dumps`/`dump` with CPython's exact text (`indent`, `separators`, `sort_keys`, `ensure_ascii`,
//! `allow_nan`, `skipkeys`, `default`, `check_circular`) and `loads`/`load` with its `JSONDecodeError`
//! messages and positions (`object_hook`, `object_pairs_hook`, `parse_float`, `parse_int`,
//! `parse_constant`, `strict`). String escaping and string scanning, the hot parts, are in Rust.

use super::{Kw, arity};
use crate::interp::{Exc, Interp, PyResult};
use crate::value::Value;
use std::fmt::Write;

/// `_encode_str(s, ensure_ascii)`: the JSON text of a str, quotes included.
fn encode_str(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_encode_str", args, kw, 2, 2)?;
    let Value::Str(s) = &args[0] else {
        return Err(Exc::type_err("_encode_str needs a str"));
    };
    let ascii = args[1].truthy_basic().unwrap_or(true);
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) > 0x7e) => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    Ok(Value::Str(out.into()))
}

/// `_scan_string(s, end, strict)`: decodes the string whose opening quote is just before char `end`.
/// Returns `(value, end_after_quote)`, or `(None, pos, message)` for a decode error at `pos`.
fn scan_string(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_scan_string", args, kw, 3, 3)?;
    let (Value::Str(s), Value::Int(end)) = (&args[0], &args[1]) else {
        return Err(Exc::type_err("_scan_string needs (str, int, bool)"));
    };
    let strict = args[2].truthy_basic().unwrap_or(true);
    let end = (*end).max(0) as usize;
    // Only the rest of the text is walked (positions stay char indices, as Python's are).
    let rest: &str = if s.is_ascii() {
        s.get(end..).unwrap_or("")
    } else {
        match s.char_indices().nth(end) {
            Some((b, _)) => &s[b..],
            None => "",
        }
    };
    let err = |pos: usize, msg: &str| {
        Ok(Value::tuple(vec![
            Value::None,
            Value::Int(pos as i64),
            Value::str(msg),
        ]))
    };
    let begin = end.saturating_sub(1);
    let bytes = rest.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        let h = rest.get(at..at + 4)?;
        if h.bytes().all(|c| c.is_ascii_hexdigit()) {
            u32::from_str_radix(h, 16).ok()
        } else {
            None
        }
    };
    let mut out = String::new();
    let mut b = 0usize; // byte offset in `rest`
    let mut i = end; // char index in `s`
    loop {
        let Some(c) = rest[b..].chars().next() else {
            return err(begin, "Unterminated string starting at");
        };
        match c {
            '"' => {
                return Ok(Value::tuple(vec![
                    Value::Str(out.into()),
                    Value::Int(i as i64 + 1),
                ]));
            }
            '\\' => {
                let Some(&e) = bytes.get(b + 1) else {
                    return err(begin, "Unterminated string starting at");
                };
                let simple = match e {
                    b'"' => Some('"'),
                    b'\\' => Some('\\'),
                    b'/' => Some('/'),
                    b'b' => Some('\u{8}'),
                    b'f' => Some('\u{c}'),
                    b'n' => Some('\n'),
                    b'r' => Some('\r'),
                    b't' => Some('\t'),
                    _ => None,
                };
                if let Some(ch) = simple {
                    out.push(ch);
                    b += 2;
                    i += 2;
                    continue;
                }
                if e != b'u' {
                    return err(i, "Invalid \\escape");
                }
                let Some(u) = hex(b + 2) else {
                    return err(i + 1, "Invalid \\uXXXX escape");
                };
                b += 6;
                i += 6;
                let mut code = u;
                if (0xd800..0xdc00).contains(&u) && rest.get(b..b + 2) == Some("\\u") {
                    if let Some(lo) = hex(b + 2) {
                        if (0xdc00..0xe000).contains(&lo) {
                            code = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                            b += 6;
                            i += 6;
                        }
                    }
                }
                // A lone surrogate has no Rust `char` (evalx's str is UTF-8): it decodes to U+FFFD.
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            c if strict && (c as u32) < 0x20 => {
                return err(i, "Invalid control character at");
            }
            c => {
                out.push(c);
                b += c.len_utf8();
                i += 1;
            }
        }
    }
}

const SOURCE: &str = r#"
class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

def _float_text(o, allow_nan):
    if o != o:
        text = 'NaN'
    elif o == float('inf'):
        text = 'Infinity'
    elif o == float('-inf'):
        text = '-Infinity'
    else:
        return float.__repr__(o)
    if not allow_nan:
        raise ValueError("Out of range float values are not JSON compliant")
    return text

class JSONEncoder:
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
                 sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        raise TypeError("Object of type " + type(o).__name__ + " is not JSON serializable")

    def encode(self, o):
        if isinstance(o, str):
            return _encode_str(o, self.ensure_ascii)
        return ''.join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        out = []
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        self._enc(o, out, indent, 0, {} if self.check_circular else None)
        return out

    def _key(self, key):
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            return _float_text(key, self.allow_nan)
        if key is True:
            return 'true'
        if key is False:
            return 'false'
        if key is None:
            return 'null'
        if isinstance(key, int):
            return int.__repr__(key)
        if self.skipkeys:
            return _SKIP
        raise TypeError("keys must be str, int, float, bool or None, not " + type(key).__name__)

    def _enc(self, o, out, indent, level, markers):
        if isinstance(o, str):
            out.append(_encode_str(o, self.ensure_ascii))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(int.__repr__(o))
        elif isinstance(o, float):
            out.append(_float_text(o, self.allow_nan))
        elif isinstance(o, (list, tuple)):
            if not o:
                out.append('[]')
                return
            self._mark(o, markers)
            out.append('[')
            if indent is not None:
                level += 1
                nl = '\n' + indent * level
                sep = self.item_separator + nl
                out.append(nl)
            else:
                sep = self.item_separator
            first = True
            for v in o:
                if not first:
                    out.append(sep)
                first = False
                self._enc(v, out, indent, level, markers)
            if indent is not None:
                level -= 1
                out.append('\n' + indent * level)
            out.append(']')
            self._unmark(o, markers)
        elif isinstance(o, dict):
            if not o:
                out.append('{}')
                return
            self._mark(o, markers)
            out.append('{')
            if indent is not None:
                level += 1
                nl = '\n' + indent * level
                sep = self.item_separator + nl
                out.append(nl)
            else:
                sep = self.item_separator
            items = sorted(o.items()) if self.sort_keys else o.items()
            first = True
            for k, v in items:
                k = self._key(k)
                if k is _SKIP:
                    continue
                if not first:
                    out.append(sep)
                first = False
                out.append(_encode_str(k, self.ensure_ascii))
                out.append(self.key_separator)
                self._enc(v, out, indent, level, markers)
            if indent is not None:
                level -= 1
                out.append('\n' + indent * level)
            out.append('}')
            self._unmark(o, markers)
        elif _dict_like(o):
            self._enc(o._d, out, indent, level, markers)
        elif _tuple_like(o):
            self._enc(o._t, out, indent, level, markers)
        else:
            self._mark(o, markers)
            self._enc(self.default(o), out, indent, level, markers)
            self._unmark(o, markers)

    def _mark(self, o, markers):
        if markers is not None:
            if id(o) in markers:
                raise ValueError("Circular reference detected")
            markers[id(o)] = o

    def _unmark(self, o, markers):
        if markers is not None:
            del markers[id(o)]

_SKIP = object()

def _dict_like(o):
    # collections' dict subclasses (defaultdict, Counter, OrderedDict) encode as the dicts they are.
    c = type(o)
    return getattr(c, '__module__', None) == 'collections' and c.__name__ in ('defaultdict', 'Counter', 'OrderedDict')

def _tuple_like(o):
    # A namedtuple encodes as the tuple it is.
    return hasattr(type(o), '_fields') and hasattr(type(o), '_make') and hasattr(o, '_t')

def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False, **kw):
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii, check_circular=check_circular,
               allow_nan=allow_nan, indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)

def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))

_WS = ' \t\n\r'
_CONSTANTS = {'NaN': float('nan'), 'Infinity': float('inf'), '-Infinity': float('-inf')}

class JSONDecoder:
    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
                 strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        end = self._skip(s, 0)
        obj, end = self.raw_decode(s, end)
        end = self._skip(s, end)
        if end != len(s):
            raise JSONDecodeError("Extra data", s, end)
        return obj

    def raw_decode(self, s, idx=0):
        return self._value(s, idx)

    def _skip(self, s, i):
        n = len(s)
        while i < n and s[i] in _WS:
            i += 1
        return i

    def _string(self, s, i):
        r = _scan_string(s, i, self.strict)
        if r[0] is None:
            raise JSONDecodeError(r[2], s, r[1])
        return r

    def _value(self, s, i):
        if i >= len(s):
            raise JSONDecodeError("Expecting value", s, i)
        c = s[i]
        if c == '"':
            return self._string(s, i + 1)
        if c == '{':
            return self._object(s, i + 1)
        if c == '[':
            return self._array(s, i + 1)
        if c == 'n' and s.startswith('null', i):
            return None, i + 4
        if c == 't' and s.startswith('true', i):
            return True, i + 4
        if c == 'f' and s.startswith('false', i):
            return False, i + 5
        if c == 'N' and s.startswith('NaN', i):
            return self.parse_constant('NaN'), i + 3
        if c == 'I' and s.startswith('Infinity', i):
            return self.parse_constant('Infinity'), i + 8
        if c == '-' and s.startswith('-Infinity', i):
            return self.parse_constant('-Infinity'), i + 9
        return self._number(s, i)

    def _number(self, s, i):
        n = len(s)
        j = i
        if j < n and s[j] == '-':
            j += 1
        if j < n and s[j] == '0':
            j += 1
        elif j < n and '1' <= s[j] <= '9':
            j += 1
            while j < n and '0' <= s[j] <= '9':
                j += 1
        else:
            raise JSONDecodeError("Expecting value", s, i)
        intend = j
        frac = exp = ''
        if j + 1 < n and s[j] == '.' and '0' <= s[j + 1] <= '9':
            k = j + 2
            while k < n and '0' <= s[k] <= '9':
                k += 1
            frac = s[j:k]
            j = k
        if j < n and s[j] in 'eE':
            k = j + 1
            if k < n and s[k] in '+-':
                k += 1
            if k < n and '0' <= s[k] <= '9':
                while k < n and '0' <= s[k] <= '9':
                    k += 1
                exp = s[j:k]
                j = k
        if frac or exp:
            return self.parse_float(s[i:j]), j
        return self.parse_int(s[i:intend]), j

    def _object(self, s, i):
        pairs = []
        i = self._skip(s, i)
        if i < len(s) and s[i] == '}':
            return self._finish_object(pairs), i + 1
        while True:
            if i >= len(s) or s[i] != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes", s, i)
            key, i = self._string(s, i + 1)
            i = self._skip(s, i)
            if i >= len(s) or s[i] != ':':
                raise JSONDecodeError("Expecting ':' delimiter", s, i)
            i = self._skip(s, i + 1)
            value, i = self._value(s, i)
            pairs.append((key, value))
            i = self._skip(s, i)
            if i < len(s) and s[i] == '}':
                return self._finish_object(pairs), i + 1
            if i >= len(s) or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = self._skip(s, i + 1)

    def _finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        d = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(d)
        return d

    def _array(self, s, i):
        values = []
        i = self._skip(s, i)
        if i < len(s) and s[i] == ']':
            return values, i + 1
        while True:
            value, i = self._value(s, i)
            values.append(value)
            i = self._skip(s, i)
            if i < len(s) and s[i] == ']':
                return values, i + 1
            if i >= len(s) or s[i] != ',':
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = self._skip(s, i + 1)

def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None, **kw):
    if isinstance(s, bytes):
        s = s.decode('utf-8')
    elif not isinstance(s, str):
        raise TypeError("the JSON object must be str, bytes or bytearray, not " + type(s).__name__)
    if s.startswith('\ufeff'):
        raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    if cls is None:
        cls = JSONDecoder
    return cls(object_hook=object_hook, parse_float=parse_float, parse_int=parse_int,
               parse_constant=parse_constant, object_pairs_hook=object_pairs_hook, **kw).decode(s)

def load(fp, **kw):
    return loads(fp.read(), **kw)
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "json",
        "JSON (JavaScript Object Notation) <https://json.org> is a subset of\nJavaScript syntax (ECMA-262 3rd edition) used as a lightweight data\ninterchange format.",
        &[("_encode_str", encode_str), ("_scan_string", scan_string)],
        SOURCE,
    )
}
