//! `string`: the character-class constants, `capwords`, `Template` (`$name`/`${name}`/`$$`
//! substitution with `substitute`/`safe_substitute`), and `Formatter` (`format`/`vformat` and the hooks a
//! subclass overrides: `parse`, `get_field`, `get_value`, `check_unused_args`, `format_field`,
//! `convert_field`), which parses format strings with CPython's rules and error texts.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r##"
whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace

def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))

def _is_id_start(c):
    return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z')

def _is_id_char(c):
    return _is_id_start(c) or ('0' <= c <= '9')

class Template:
    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _lineno(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            return 1, 1
        return len(lines), len(lines[-1]) + 1 if lines[-1].endswith('\n') is False else 1

    def _sub(self, mapping, safe):
        t = self.template
        out = []
        i = 0
        n = len(t)
        d = self.delimiter
        while i < n:
            j = t.find(d, i)
            if j < 0:
                out.append(t[i:])
                break
            out.append(t[i:j])
            k = j + len(d)
            if t.startswith(d, k):
                out.append(d)
                i = k + len(d)
                continue
            if k < n and t[k] == '{':
                e = k + 1
                while e < n and _is_id_char(t[e]):
                    e += 1
                name = t[k + 1:e]
                if name and _is_id_start(name[0]) and e < n and t[e] == '}':
                    out.append(self._lookup(mapping, name, t[j:e + 1], safe))
                    i = e + 1
                    continue
            elif k < n and _is_id_start(t[k]):
                e = k
                while e < n and _is_id_char(t[e]):
                    e += 1
                out.append(self._lookup(mapping, t[k:e], t[j:e], safe))
                i = e
                continue
            if safe:
                out.append(d)
                i = k
                continue
            line = t[:j].count('\n') + 1
            col = j - (t.rfind('\n', 0, j) + 1) + 1
            raise ValueError('Invalid placeholder in string: line %d, col %d' % (line, col))
        return ''.join(out)

    def _lookup(self, mapping, name, text, safe):
        if safe:
            try:
                return str(mapping[name])
            except KeyError:
                return text
        return str(mapping[name])

    def substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = {**mapping, **kws}
        return self._sub(mapping, False)

    def safe_substitute(self, mapping=None, /, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = {**mapping, **kws}
        return self._sub(mapping, True)

    def get_identifiers(self):
        ids = []
        class _Rec:
            def __getitem__(self, k):
                if k not in ids:
                    ids.append(k)
                return ''
        self._sub(_Rec(), True)
        return ids

    def is_valid(self):
        try:
            self._sub({}, False)
        except KeyError:
            return True
        except ValueError:
            return False
        return True

def _parse_format(s):
    # (literal, field_name, format_spec, conversion) tuples, as str.format reads a format string.
    out = []
    n = len(s)
    i = 0
    lit = []
    while i < n:
        c = s[i]
        if c == '}':
            if i + 1 < n and s[i + 1] == '}':
                lit.append('}')
                out.append((''.join(lit), None, None, None))
                lit = []
                i += 2
                continue
            raise ValueError("Single '}' encountered in format string")
        if c != '{':
            lit.append(c)
            i += 1
            continue
        if i + 1 < n and s[i + 1] == '{':
            lit.append('{')
            out.append((''.join(lit), None, None, None))
            lit = []
            i += 2
            continue
        if i + 1 >= n:
            raise ValueError("Single '{' encountered in format string")
        i += 1
        start = i
        while True:
            if i >= n:
                raise ValueError("expected '}' before end of string")
            c = s[i]
            if c == '[':
                while i < n and s[i] != ']':
                    i += 1
                if i >= n:
                    raise ValueError("expected '}' before end of string")
                i += 1
                continue
            if c in ':!}':
                break
            i += 1
        name = s[start:i]
        conv = None
        if s[i] == '!':
            i += 1
            if i >= n:
                raise ValueError("end of string while looking for conversion specifier")
            conv = s[i]
            i += 1
            if i >= n:
                raise ValueError("unmatched '{' in format spec")
            if s[i] not in ':}':
                raise ValueError("expected ':' after conversion specifier")
        spec = ''
        if s[i] == ':':
            i += 1
            start = i
            depth = 1
            while True:
                if i >= n:
                    raise ValueError("unmatched '{' in format spec")
                if s[i] == '{':
                    depth += 1
                elif s[i] == '}':
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            spec = s[start:i]
        i += 1
        out.append((''.join(lit), name, spec, conv))
        lit = []
    if lit:
        out.append((''.join(lit), None, None, None))
    return out

def _split_field_name(name):
    n = len(name)
    i = 0
    while i < n and name[i] not in '.[':
        i += 1
    first = name[:i]
    if first.isdigit():
        first = int(first)
    rest = []
    while i < n:
        if name[i] == '.':
            i += 1
            j = i
            while j < n and name[j] not in '.[':
                j += 1
            if j == i:
                raise ValueError("Empty attribute in format string")
            rest.append((True, name[i:j]))
            i = j
        else:
            i += 1
            j = i
            while j < n and name[j] != ']':
                j += 1
            if j >= n:
                raise ValueError("Missing ']' in format string")
            key = name[i:j]
            if key == '':
                raise ValueError("Empty attribute in format string")
            rest.append((False, int(key) if key.isdigit() else key))
            i = j + 1
            if i < n and name[i] not in '.[':
                raise ValueError("Only '.' or '[' may follow ']' in format field specifier")
    return first, rest

class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            if field_name == '':
                if auto_arg_index is False:
                    raise ValueError('cannot switch from manual field specification to automatic field numbering')
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError('cannot switch from manual field specification to automatic field numbering')
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(format_spec, args, kwargs, used_args,
                                                        recursion_depth - 1, auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return ''.join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))

    def parse(self, format_string):
        return _parse_format(format_string)

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, i in rest:
            if is_attr:
                obj = getattr(obj, i)
            else:
                obj = obj[i]
        return obj, first
"##;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "string",
        "A collection of string constants.",
        &[],
        SOURCE,
    )
}
