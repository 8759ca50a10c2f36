//! `string`: the character-class constants, `capwords`, and `Template` (`$name`/`${name}`/`$$`
//! substitution with `substitute`/`safe_substitute`).

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
