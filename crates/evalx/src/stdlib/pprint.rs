//! `pprint`: `pprint`, `pformat`, `pp`, `saferepr`, `isreadable`, `isrecursive` and `PrettyPrinter`
//! (`indent`, `width`, `depth`, `stream`, `compact`, `sort_dicts`, `underscore_numbers`), with CPython
//! 3.11's layout: a container is split over lines only when its one-line repr does not fit, dict items
//! sorted, long strings and bytes cut at word (or 4-byte) boundaries into implicitly concatenated pieces,
//! `deque`/`Counter`/`OrderedDict`/`defaultdict`/`ChainMap` in their constructor forms, recursion shown as
//! `<Recursion on ...>`.

use super::Kw;
use crate::interp::{Interp, PyResult};
use crate::value::{Dict, Key, PyBool, Value};
use std::cell::RefCell;
use std::rc::Rc;

const SOURCE: &str = r#"
import sys as _sys

class _SafeKey:
    __slots__ = ['obj']
    def __init__(self, obj):
        self.obj = obj
    def __lt__(self, other):
        try:
            return self.obj < other.obj
        except TypeError:
            return ((str(type(self.obj)), id(self.obj)) < (str(type(other.obj)), id(other.obj)))

def _safe_tuple(t):
    return _SafeKey(t[0]), _SafeKey(t[1])

def _recursion(obj):
    return "<Recursion on %s with id=%s>" % (type(obj).__name__, id(obj))

def _coll(obj):
    t = type(obj)
    if getattr(t, '__module__', None) == 'collections':
        return t.__name__
    return None

class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *, compact=False,
                 sort_dicts=True, underscore_numbers=False):
        indent = int(indent)
        width = int(width)
        if indent < 0:
            raise ValueError('indent must be >= 0')
        if depth is not None and depth <= 0:
            raise ValueError('depth must be > 0')
        if not width:
            raise ValueError('width must be != 0')
        self._depth = depth
        self._indent_per_level = indent
        self._width = width
        self._stream = stream
        self._compact = bool(compact)
        self._sort_dicts = sort_dicts
        self._underscore_numbers = underscore_numbers

    def pprint(self, object):
        stream = self._stream if self._stream is not None else _sys.stdout
        if stream is not None:
            stream.write(self.pformat(object) + "\n")

    def pformat(self, object):
        out = []
        self._format(object, out, 0, 0, {}, 0)
        return ''.join(out)

    def isrecursive(self, object):
        return self.format(object, {}, 0, 0)[2]

    def isreadable(self, object):
        s, readable, recursive = self.format(object, {}, 0, 0)
        return readable and not recursive

    def _format(self, object, stream, indent, allowance, context, level):
        objid = id(object)
        if objid in context:
            stream.append(_recursion(object))
            self._recursive = True
            self._readable = False
            return
        rep = self._repr(object, context, level)
        max_width = self._width - indent - allowance
        if len(rep) > max_width:
            p = self._dispatch_for(object)
            if p is not None:
                context[objid] = 1
                p(self, object, stream, indent, allowance, context, level + 1)
                del context[objid]
                return
        stream.append(rep)

    def _dispatch_for(self, object):
        t = type(object)
        if t is dict:
            return PrettyPrinter._pprint_dict
        if t is list:
            return PrettyPrinter._pprint_list
        if t is tuple:
            return PrettyPrinter._pprint_tuple
        if t is set or t is frozenset:
            return PrettyPrinter._pprint_set
        if t is str:
            return PrettyPrinter._pprint_str
        if t is bytes:
            return PrettyPrinter._pprint_bytes
        c = _coll(object)
        if c is not None:
            return _COLL_DISPATCH.get(c)
        if t.__name__ == 'mappingproxy' or t.__name__ == 'SimpleNamespace':
            return _OTHER_DISPATCH.get(t.__name__)
        return None

    def _pprint_dict(self, object, stream, indent, allowance, context, level):
        stream.append('{')
        if self._indent_per_level > 1:
            stream.append((self._indent_per_level - 1) * ' ')
        if len(object):
            if self._sort_dicts:
                items = sorted(object.items(), key=_safe_tuple)
            else:
                items = list(object.items())
            self._format_dict_items(items, stream, indent, allowance + 1, context, level)
        stream.append('}')

    def _format_dict_items(self, items, stream, indent, allowance, context, level):
        indent += self._indent_per_level
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            rep = self._repr(key, context, level)
            stream.append(rep)
            stream.append(': ')
            self._format(ent, stream, indent + len(rep) + 2, allowance if last else 1, context, level)
            if not last:
                stream.append(delimnl)

    def _pprint_list(self, object, stream, indent, allowance, context, level):
        stream.append('[')
        self._format_items(object, stream, indent, allowance + 1, context, level)
        stream.append(']')

    def _pprint_tuple(self, object, stream, indent, allowance, context, level):
        stream.append('(')
        endchar = ',)' if len(object) == 1 else ')'
        self._format_items(object, stream, indent, allowance + len(endchar), context, level)
        stream.append(endchar)

    def _pprint_set(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.append(repr(object))
            return
        if type(object) is set:
            stream.append('{')
            endchar = '}'
        else:
            stream.append(type(object).__name__ + '({')
            endchar = '})'
            indent += len(type(object).__name__) + 1
        object = sorted(object, key=_SafeKey)
        self._format_items(object, stream, indent, allowance + len(endchar), context, level)
        stream.append(endchar)

    def _pprint_str(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.append(repr(object))
            return
        chunks = []
        lines = object.splitlines(True)
        if level == 1:
            indent += 1
            allowance += 1
        max_width1 = max_width = self._width - indent
        rep = ''
        for i, line in enumerate(lines):
            rep = repr(line)
            if i == len(lines) - 1:
                max_width1 -= allowance
            if len(rep) <= max_width1:
                chunks.append(rep)
            else:
                parts = _word_parts(line)
                max_width2 = max_width
                current = ''
                for j, part in enumerate(parts):
                    candidate = current + part
                    if j == len(parts) - 1 and i == len(lines) - 1:
                        max_width2 -= allowance
                    if len(repr(candidate)) > max_width2:
                        if current:
                            chunks.append(repr(current))
                        current = part
                    else:
                        current = candidate
                if current:
                    chunks.append(repr(current))
        if len(chunks) == 1:
            stream.append(rep)
            return
        if level == 1:
            stream.append('(')
        for i, rep in enumerate(chunks):
            if i > 0:
                stream.append('\n' + ' ' * indent)
            stream.append(rep)
        if level == 1:
            stream.append(')')

    def _pprint_bytes(self, object, stream, indent, allowance, context, level):
        if len(object) <= 4:
            stream.append(repr(object))
            return
        parens = level == 1
        if parens:
            indent += 1
            allowance += 1
            stream.append('(')
        delim = ''
        for rep in _wrap_bytes_repr(object, self._width - indent, allowance):
            stream.append(delim)
            stream.append(rep)
            if not delim:
                delim = '\n' + ' ' * indent
        if parens:
            stream.append(')')

    def _format_items(self, items, stream, indent, allowance, context, level):
        indent += self._indent_per_level
        if self._indent_per_level > 1:
            stream.append((self._indent_per_level - 1) * ' ')
        delimnl = ',\n' + ' ' * indent
        delim = ''
        width = max_width = self._width - indent + 1
        items = list(items)
        n = len(items)
        for k in range(n):
            ent = items[k]
            last = k == n - 1
            if last:
                max_width -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(ent, context, level)
                w = len(rep) + 2
                if width < w:
                    width = max_width
                    if delim:
                        delim = delimnl
                if width >= w:
                    width -= w
                    stream.append(delim)
                    delim = ', '
                    stream.append(rep)
                    continue
            stream.append(delim)
            delim = delimnl
            self._format(ent, stream, indent, allowance if last else 1, context, level)

    def _repr(self, object, context, level):
        repr_, readable, recursive = self.format(object, context.copy(), self._depth, level)
        if not readable:
            self._readable = False
        if recursive:
            self._recursive = True
        return repr_

    def format(self, object, context, maxlevels, level):
        return self._safe_repr(object, context, maxlevels, level)

    def _pprint_ordered_dict(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.append(repr(object))
            return
        name = type(object).__name__
        stream.append(name + '(')
        self._format(list(object.items()), stream, indent + len(name) + 1, allowance + 1, context, level)
        stream.append(')')

    def _pprint_counter(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.append(repr(object))
            return
        name = type(object).__name__
        stream.append(name + '({')
        if self._indent_per_level > 1:
            stream.append((self._indent_per_level - 1) * ' ')
        items = object.most_common()
        self._format_dict_items(items, stream, indent + len(name) + 1, allowance + 2, context, level)
        stream.append('})')

    def _pprint_default_dict(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.append(repr(object))
            return
        rdf = self._repr(object.default_factory, context, level)
        name = type(object).__name__
        indent += len(name) + 1
        stream.append('%s(%s,\n%s' % (name, rdf, ' ' * indent))
        stream.append('{')
        if self._indent_per_level > 1:
            stream.append((self._indent_per_level - 1) * ' ')
        items = list(object.items())
        if self._sort_dicts:
            items = sorted(items, key=_safe_tuple)
        self._format_dict_items(items, stream, indent, allowance + 2, context, level)
        stream.append('})')

    def _pprint_deque(self, object, stream, indent, allowance, context, level):
        if not len(object):
            stream.append(repr(object))
            return
        name = type(object).__name__
        stream.append(name + '(')
        indent += len(name) + 1
        stream.append('[')
        if object.maxlen is None:
            self._format_items(object, stream, indent, allowance + 2, context, level)
            stream.append('])')
        else:
            self._format_items(object, stream, indent, 2, context, level)
            rml = self._repr(object.maxlen, context, level)
            stream.append('],\n%smaxlen=%s)' % (' ' * indent, rml))

    def _pprint_chain_map(self, object, stream, indent, allowance, context, level):
        if not len(object.maps):
            stream.append(repr(object))
            return
        name = type(object).__name__
        stream.append(name + '(')
        indent += len(name) + 1
        for i, m in enumerate(object.maps):
            if i == len(object.maps) - 1:
                self._format(m, stream, indent, allowance + 1, context, level)
                stream.append(')')
            else:
                self._format(m, stream, indent, 1, context, level)
                stream.append(',\n' + ' ' * indent)

    def _pprint_mappingproxy(self, object, stream, indent, allowance, context, level):
        stream.append('mappingproxy(')
        self._format(object.copy(), stream, indent + 13, allowance + 1, context, level)
        stream.append(')')

    def _pprint_simplenamespace(self, object, stream, indent, allowance, context, level):
        cls_name = 'namespace'
        indent += len(cls_name) + 1
        items = list(object.__dict__.items())
        stream.append(cls_name + '(')
        delimnl = ',\n' + ' ' * indent
        last_index = len(items) - 1
        for i, (key, ent) in enumerate(items):
            last = i == last_index
            stream.append(key)
            stream.append('=')
            if id(ent) in context:
                stream.append('...')
            else:
                self._format(ent, stream, indent + len(key) + 1, allowance if last else 1, context, level)
            if not last:
                stream.append(delimnl)
        stream.append(')')

    def _safe_repr(self, object, context, maxlevels, level):
        if not self._underscore_numbers and type(self).format is PrettyPrinter.format:
            # The same walk in Rust, for trees of the built-in types (None: something else is inside).
            r = _fast_repr(object, context, maxlevels, level, bool(self._sort_dicts))
            if r is not None:
                return r
        typ = type(object)
        if typ is str or typ is float or typ is bool or object is None or typ is bytes:
            return repr(object), True, False
        if typ is int:
            if self._underscore_numbers:
                return f"{object:_d}", True, False
            return repr(object), True, False
        if typ is dict:
            if not object:
                return '{}', True, False
            objid = id(object)
            if maxlevels and level >= maxlevels:
                return '{...}', False, objid in context
            if objid in context:
                return _recursion(object), False, True
            context[objid] = 1
            readable = True
            recursive = False
            components = []
            level += 1
            if self._sort_dicts:
                items = sorted(object.items(), key=_safe_tuple)
            else:
                items = object.items()
            for k, v in items:
                krepr, kreadable, krecur = self.format(k, context, maxlevels, level)
                vrepr, vreadable, vrecur = self.format(v, context, maxlevels, level)
                components.append('%s: %s' % (krepr, vrepr))
                readable = readable and kreadable and vreadable
                if krecur or vrecur:
                    recursive = True
            del context[objid]
            return '{%s}' % ', '.join(components), readable, recursive
        if typ is list or typ is tuple:
            if typ is list:
                if not object:
                    return '[]', True, False
                fmt = '[%s]'
            elif len(object) == 1:
                fmt = '(%s,)'
            else:
                if not object:
                    return '()', True, False
                fmt = '(%s)'
            objid = id(object)
            if maxlevels and level >= maxlevels:
                return fmt % '...', False, objid in context
            if objid in context:
                return _recursion(object), False, True
            context[objid] = 1
            readable = True
            recursive = False
            components = []
            level += 1
            for o in object:
                orepr, oreadable, orecur = self.format(o, context, maxlevels, level)
                components.append(orepr)
                if not oreadable:
                    readable = False
                if orecur:
                    recursive = True
            del context[objid]
            return fmt % ', '.join(components), readable, recursive
        rep = repr(object)
        return rep, (rep and not rep.startswith('<')), False

def _word_parts(line):
    # Alternating runs: non-space then space, as many pieces as the line has words.
    parts = []
    i = 0
    n = len(line)
    while i < n:
        j = i
        while j < n and not line[j].isspace():
            j += 1
        while j < n and line[j].isspace():
            j += 1
        parts.append(line[i:j])
        i = j
    return parts

def _wrap_bytes_repr(object, width, allowance):
    current = b''
    last = len(object) // 4 * 4
    out = []
    for i in range(0, len(object), 4):
        part = object[i: i + 4]
        candidate = current + part
        if i == last:
            width -= allowance
        if len(repr(candidate)) > width:
            if current:
                out.append(repr(current))
            current = part
        else:
            current = candidate
    if current:
        out.append(repr(current))
    return out

_COLL_DISPATCH = {
    'OrderedDict': PrettyPrinter._pprint_ordered_dict,
    'Counter': PrettyPrinter._pprint_counter,
    'defaultdict': PrettyPrinter._pprint_default_dict,
    'deque': PrettyPrinter._pprint_deque,
    'ChainMap': PrettyPrinter._pprint_chain_map,
}
_OTHER_DISPATCH = {
    'mappingproxy': PrettyPrinter._pprint_mappingproxy,
    'SimpleNamespace': PrettyPrinter._pprint_simplenamespace,
}

def pprint(object, stream=None, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True,
           underscore_numbers=False):
    printer = PrettyPrinter(stream=stream, indent=indent, width=width, depth=depth, compact=compact,
                            sort_dicts=sort_dicts, underscore_numbers=underscore_numbers)
    printer.pprint(object)

def pformat(object, indent=1, width=80, depth=None, *, compact=False, sort_dicts=True,
            underscore_numbers=False):
    return PrettyPrinter(indent=indent, width=width, depth=depth, compact=compact, sort_dicts=sort_dicts,
                         underscore_numbers=underscore_numbers).pformat(object)

def pp(object, *args, sort_dicts=False, **kwargs):
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)

def saferepr(object):
    """A repr that marks recursive structures instead of recursing."""
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[0]

def isreadable(object):
    """Whether the repr of object can be read back by eval()."""
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[1]

def isrecursive(object):
    """Whether object contains itself."""
    return PrettyPrinter()._safe_repr(object, {}, None, 0)[2]
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "pprint",
        "Support to pretty-print lists, tuples, & dictionaries recursively.",
        &[("_fast_repr", fast_repr)],
        SOURCE,
    )
}

/// The walk `_fast_repr` makes: the caller's context (ids of the containers being printed), the
/// containers entered since, the depth limit (0: none) and whether dicts print sorted.
struct Walk<'a> {
    context: &'a RefCell<Dict>,
    entered: Vec<i64>,
    maxlevels: i64,
    sort: bool,
}

impl Walk<'_> {
    fn inside(&self, id: i64) -> bool {
        self.entered.contains(&id)
            || self
                .context
                .borrow()
                .map()
                .contains_key(&Key(Value::Int(id)))
    }
}

/// `id()` of a container.
fn id_of(v: &Value) -> i64 {
    v.identity() as i64 & i64::MAX
}

/// `_safe_repr`'s walk over one value into `out`: `Some((readable, recursive))`, or `None` when the
/// value holds something the evalx-level walk must handle (another type, keys sorted by `_SafeKey`'s
/// fallbacks).
fn walk(
    it: &mut Interp,
    w: &mut Walk<'_>,
    v: &Value,
    level: i64,
    out: &mut String,
) -> PyResult<Option<(bool, bool)>> {
    let (open, close, items): (&str, &str, Vec<(Option<Value>, Value)>) = match v {
        Value::Str(_)
        | Value::Int(_)
        | Value::Big(_)
        | Value::Float(_)
        | Value::Bool(_)
        | Value::None
        | Value::Bytes(_) => {
            out.push_str(&it.repr(v)?);
            return Ok(Some((true, false)));
        }
        Value::Dict(d) => {
            if d.borrow().map().is_empty() {
                out.push_str("{}");
                return Ok(Some((true, false)));
            }
            let mut items: Vec<(Option<Value>, Value)> = d
                .borrow()
                .map()
                .iter()
                .map(|(k, x)| (Some(k.0.clone()), x.clone()))
                .collect();
            if w.sort {
                if items.iter().all(|(k, _)| matches!(k, Some(Value::Int(_)))) {
                    items.sort_by_key(|(k, _)| match k {
                        Some(Value::Int(i)) => *i,
                        _ => 0,
                    });
                } else if items.iter().all(|(k, _)| matches!(k, Some(Value::Str(_)))) {
                    items.sort_by(|(a, _), (b, _)| match (a, b) {
                        (Some(Value::Str(a)), Some(Value::Str(b))) => {
                            a.as_bytes().cmp(b.as_bytes())
                        }
                        _ => std::cmp::Ordering::Equal,
                    });
                } else {
                    return Ok(None);
                }
            }
            ("{", "}", items)
        }
        Value::List(l) => {
            let items: Vec<(Option<Value>, Value)> =
                l.borrow().0.iter().map(|x| (None, x.clone())).collect();
            if items.is_empty() {
                out.push_str("[]");
                return Ok(Some((true, false)));
            }
            ("[", "]", items)
        }
        Value::Tuple(t) => {
            if t.is_empty() {
                out.push_str("()");
                return Ok(Some((true, false)));
            }
            let close = if t.len() == 1 { ",)" } else { ")" };
            ("(", close, t.iter().map(|x| (None, x.clone())).collect())
        }
        _ => return Ok(None),
    };
    let id = id_of(v);
    if w.maxlevels != 0 && level >= w.maxlevels {
        out.push_str(open);
        out.push_str("...");
        out.push_str(close);
        return Ok(Some((false, w.inside(id))));
    }
    if w.inside(id) {
        let name = match v {
            Value::Dict(_) => "dict",
            Value::List(_) => "list",
            _ => "tuple",
        };
        out.push_str(&format!("<Recursion on {name} with id={id}>"));
        return Ok(Some((false, true)));
    }
    w.entered.push(id);
    let (mut readable, mut recursive) = (true, false);
    out.push_str(open);
    for (n, (k, x)) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        if let Some(k) = k {
            let Some((r, c)) = walk(it, w, k, level + 1, out)? else {
                return Ok(None);
            };
            readable &= r;
            recursive |= c;
            out.push_str(": ");
        }
        let Some((r, c)) = walk(it, w, x, level + 1, out)? else {
            return Ok(None);
        };
        readable &= r;
        recursive |= c;
    }
    out.push_str(close);
    w.entered.pop();
    Ok(Some((readable, recursive)))
}

/// `_fast_repr(object, context, maxlevels, level, sort_dicts)`: `PrettyPrinter._safe_repr`'s result
/// `(repr, readable, recursive)` for a tree of str, numbers, None, bytes, dicts, lists and tuples, or
/// None for anything else.
fn fast_repr(it: &mut Interp, args: &[Value], _: Kw<'_>) -> PyResult<Value> {
    let [
        object,
        Value::Dict(context),
        maxlevels,
        Value::Int(level),
        sort,
    ] = args
    else {
        return Ok(Value::None);
    };
    let maxlevels = match maxlevels {
        Value::None => 0,
        Value::Int(m) => *m,
        _ => return Ok(Value::None),
    };
    let context: &Rc<RefCell<Dict>> = context;
    let mut w = Walk {
        context,
        entered: Vec::new(),
        maxlevels,
        sort: matches!(sort, Value::Bool(b) if b.get()),
    };
    let mut out = String::new();
    Ok(match walk(it, &mut w, object, *level, &mut out)? {
        Some((readable, recursive)) => Value::tuple(vec![
            Value::str(&out),
            Value::Bool(PyBool::from(readable)),
            Value::Bool(PyBool::from(recursive)),
        ]),
        None => Value::None,
    })
}
