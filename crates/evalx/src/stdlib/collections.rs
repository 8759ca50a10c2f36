//! `collections` (`deque`, `defaultdict`, `Counter`, `OrderedDict`, `namedtuple`, `ChainMap`) and
//! `collections.abc`. evalx cannot subclass `dict`/`tuple` yet, so the mappings are mapping classes over a
//! dict and `namedtuple` makes a sequence class: same methods, reprs and errors, but `isinstance(x, dict)`
//! / `isinstance(p, tuple)` are false.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
import itertools as _itertools
import heapq as _heapq

class _Mapping:
    def __len__(self):
        return len(self._d)
    def __iter__(self):
        return iter(self._d)
    def __contains__(self, k):
        return k in self._d
    def __getitem__(self, k):
        try:
            return self._d[k]
        except KeyError:
            return self.__missing__(k)
    def __missing__(self, k):
        raise KeyError(k)
    def __setitem__(self, k, v):
        self._d[k] = v
    def __delitem__(self, k):
        del self._d[k]
    def __eq__(self, other):
        if isinstance(other, _Mapping):
            other = other._d
        return self._d == other
    def __ne__(self, other):
        return not self == other
    __hash__ = None
    def __bool__(self):
        return bool(self._d)
    def keys(self):
        return self._d.keys()
    def values(self):
        return self._d.values()
    def items(self):
        return self._d.items()
    def get(self, k, default=None):
        return self._d.get(k, default)
    def pop(self, k, *default):
        return self._d.pop(k, *default)
    def popitem(self):
        return self._d.popitem()
    def setdefault(self, k, default=None):
        return self._d.setdefault(k, default)
    def clear(self):
        self._d.clear()
    def update(self, *args, **kw):
        if len(args) > 1:
            raise TypeError("update expected at most 1 argument, got " + str(len(args)))
        if args:
            other = args[0]
            if isinstance(other, _Mapping):
                other = other._d
            self._d.update(other)
        self._d.update(kw)
    def __reversed__(self):
        return reversed(self._d)
    def __or__(self, other):
        if not isinstance(other, (dict, _Mapping)):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new
    def __ior__(self, other):
        self.update(other)
        return self

def _dict_of(x):
    return x._d if isinstance(x, _Mapping) else x

class defaultdict(_Mapping):
    def __init__(self, default_factory=None, *args, **kw):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        self._d = dict(*[_dict_of(a) for a in args], **kw)
    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        v = self.default_factory()
        self._d[key] = v
        return v
    def copy(self):
        return defaultdict(self.default_factory, self._d)
    __copy__ = copy
    def __repr__(self):
        f = self.default_factory
        return "defaultdict(" + repr(f) + ", " + repr(self._d) + ")"

class OrderedDict(_Mapping):
    def __init__(self, *args, **kw):
        self._d = {}
        self.update(*args, **kw)
    def move_to_end(self, key, last=True):
        v = self._d.pop(key)
        if last:
            self._d[key] = v
        else:
            rest = list(self._d.items())
            self._d.clear()
            self._d[key] = v
            self._d.update(rest)
    def popitem(self, last=True):
        if not self._d:
            raise KeyError("dictionary is empty")
        if last:
            return self._d.popitem()
        k = next(iter(self._d))
        return (k, self._d.pop(k))
    def copy(self):
        return OrderedDict(self._d)
    __copy__ = copy
    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._d.items()) == list(other._d.items())
        return _Mapping.__eq__(self, other)
    def __repr__(self):
        if not self._d:
            return "OrderedDict()"
        return "OrderedDict(" + repr(list(self._d.items())) + ")"
    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for k in iterable:
            d[k] = value
        return d

class Counter(_Mapping):
    def __init__(self, iterable=None, /, **kwds):
        self._d = {}
        self.update(iterable, **kwds)
    def __missing__(self, key):
        return 0
    def total(self):
        return sum(self._d.values())
    def most_common(self, n=None):
        items = sorted(self._d.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:n] if n > 0 else []
    def elements(self):
        return _itertools.chain.from_iterable(_itertools.starmap(_itertools.repeat, self._d.items()))
    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")
    def update(self, iterable=None, /, **kwds):
        d = self._d
        if iterable is not None:
            if isinstance(iterable, (dict, _Mapping)):
                for elem, count in iterable.items():
                    d[elem] = d.get(elem, 0) + count
            else:
                for elem in iterable:
                    d[elem] = d.get(elem, 0) + 1
        if kwds:
            self.update(kwds)
    def subtract(self, iterable=None, /, **kwds):
        d = self._d
        if iterable is not None:
            if isinstance(iterable, (dict, _Mapping)):
                for elem, count in iterable.items():
                    d[elem] = d.get(elem, 0) - count
            else:
                for elem in iterable:
                    d[elem] = d.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)
    def copy(self):
        return Counter(self)
    __copy__ = copy
    def __delitem__(self, elem):
        if elem in self._d:
            del self._d[elem]
    def __repr__(self):
        if not self._d:
            return "Counter()"
        try:
            d = dict(self.most_common())
        except TypeError:
            d = self._d
        return "Counter(" + repr(d) + ")"
    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result
    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result
    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result
    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result
    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result
    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result
    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()
    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()
    def _keep_positive(self):
        for elem in [e for e, c in self._d.items() if not c > 0]:
            del self._d[elem]
        return self

class ChainMap(_Mapping):
    def __init__(self, *maps):
        self.maps = list(maps) or [{}]
    @property
    def _d(self):
        d = {}
        for m in reversed(self.maps):
            d.update(_dict_of(m))
        return d
    def __getitem__(self, key):
        for m in self.maps:
            if key in m:
                return m[key]
        return self.__missing__(key)
    def __contains__(self, key):
        return any(key in m for m in self.maps)
    def get(self, key, default=None):
        return self[key] if key in self else default
    def __setitem__(self, key, value):
        self.maps[0][key] = value
    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError("Key not found in the first mapping: " + repr(key))
    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError("Key not found in the first mapping: " + repr(key))
    def clear(self):
        self.maps[0].clear()
    def update(self, *args, **kw):
        self.maps[0].update(*args, **kw)
    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]
    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return ChainMap(m, *self.maps)
    @property
    def parents(self):
        return ChainMap(*self.maps[1:])
    def copy(self):
        return ChainMap(self.maps[0].copy(), *self.maps[1:])
    __copy__ = copy
    def __repr__(self):
        return "ChainMap(" + ", ".join([repr(m) for m in self.maps]) + ")"

class deque:
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._maxlen = maxlen
        self._h = 0
        self._l = []
        for x in iterable:
            self.append(x)
    @property
    def maxlen(self):
        return self._maxlen
    def _items(self):
        if self._h:
            del self._l[:self._h]
            self._h = 0
        return self._l
    def append(self, x):
        self._l.append(x)
        if self._maxlen is not None and len(self._l) - self._h > self._maxlen:
            self.popleft()
    def appendleft(self, x):
        if self._h:
            self._h -= 1
            self._l[self._h] = x
        else:
            n = len(self._l) + 8
            self._l[:0] = [None] * n
            self._h = n - 1
            self._l[self._h] = x
        if self._maxlen is not None and len(self._l) - self._h > self._maxlen:
            self._l.pop()
    def pop(self):
        if len(self._l) == self._h:
            raise IndexError("pop from an empty deque")
        x = self._l.pop()
        if len(self._l) == self._h:
            self._l.clear()
            self._h = 0
        return x
    def popleft(self):
        h = self._h
        l = self._l
        if len(l) == h:
            raise IndexError("pop from an empty deque")
        x = l[h]
        l[h] = None
        h += 1
        if h == len(l):
            l.clear()
            h = 0
        elif h > 32 and h * 2 > len(l):
            del l[:h]
            h = 0
        self._h = h
        return x
    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)
    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)
    def clear(self):
        self._l = []
        self._h = 0
    def copy(self):
        return deque(self, self._maxlen)
    __copy__ = copy
    def count(self, x):
        return self._items().count(x)
    def index(self, x, *args):
        try:
            return self._items().index(x, *args)
        except ValueError:
            raise ValueError(repr(x) + " is not in deque")
    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._items().insert(i, x)
    def remove(self, value):
        try:
            self._items().remove(value)
        except ValueError:
            raise ValueError(repr(value) + " is not in deque")
    def reverse(self):
        self._items().reverse()
    def rotate(self, n=1):
        l = self._items()
        k = len(l)
        if k <= 1:
            return
        n = n % k
        if n:
            l[:] = l[k - n:] + l[:k - n]
    def __len__(self):
        return len(self._l) - self._h
    def __bool__(self):
        return len(self._l) > self._h
    def __iter__(self):
        return iter(self._items())
    def __reversed__(self):
        return reversed(self._items())
    def __contains__(self, x):
        return x in self._items()
    def _index(self, i):
        n = len(self._l) - self._h
        if not isinstance(i, int):
            raise TypeError("sequence index must be integer, not '" + type(i).__name__ + "'")
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError("deque index out of range")
        return i + self._h
    def __getitem__(self, i):
        return self._l[self._index(i)]
    def __setitem__(self, i, x):
        self._l[self._index(i)] = x
    def __delitem__(self, i):
        del self._l[self._index(i)]
    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() == other._items()
    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() < other._items()
    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() <= other._items()
    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() > other._items()
    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() >= other._items()
    __hash__ = None
    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "' + type(other).__name__ + '") to deque')
        d = self.copy()
        d.extend(other)
        return d
    def __iadd__(self, other):
        self.extend(other)
        return self
    def __mul__(self, n):
        return deque(self._items() * n, self._maxlen)
    def __repr__(self):
        if self._maxlen is None:
            return "deque(" + repr(self._items()) + ")"
        return "deque(" + repr(self._items()) + ", maxlen=" + str(self._maxlen) + ")"

_KEYWORDS = frozenset(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'])

def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS or name.startswith('_') or name in seen):
                field_names[index] = "_" + str(index)
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError('Type names and field names must be strings')
        if not name.isidentifier():
            raise ValueError("Type names and field names must be valid identifiers: " + repr(name))
        if name in _KEYWORDS:
            raise ValueError("Type names and field names cannot be a keyword: " + repr(name))
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError("Field names cannot start with an underscore: " + repr(name))
        if name in seen:
            raise ValueError("Encountered duplicate field name: " + repr(name))
        seen.add(name)
    fields = tuple(field_names)
    nf = len(fields)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > nf:
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(fields), reversed(defaults)))))

    def __init__(self, *args, **kw):
        if len(args) > nf:
            raise TypeError(typename + ".__new__() takes " + str(nf + 1) + " positional arguments but " + str(len(args) + 1) + " were given")
        vals = list(args)
        for name in fields[len(args):]:
            if name in kw:
                vals.append(kw.pop(name))
            elif name in field_defaults:
                vals.append(field_defaults[name])
            else:
                missing = [n for n in fields[len(vals):] if n not in kw and n not in field_defaults]
                if len(missing) == 1:
                    raise TypeError(typename + ".__new__() missing 1 required positional argument: " + repr(missing[0]))
                q = [repr(m) for m in missing]
                raise TypeError(typename + ".__new__() missing " + str(len(missing)) + " required positional arguments: " + ", ".join(q[:-1]) + " and " + q[-1])
        for k in kw:
            if k in fields:
                raise TypeError(typename + ".__new__() got multiple values for argument " + repr(k))
            raise TypeError(typename + ".__new__() got an unexpected keyword argument " + repr(k))
        self._t = tuple(vals)

    def _make(cls, iterable):
        t = tuple(iterable)
        if len(t) != nf:
            raise TypeError("Expected " + str(nf) + " arguments, got " + str(len(t)))
        return cls(*t)

    def _replace(self, **kwds):
        vals = [kwds.pop(n) if n in kwds else v for n, v in zip(fields, self._t)]
        if kwds:
            raise ValueError("Got unexpected field names: " + repr(list(kwds)))
        return type(self)(*vals)

    def __repr__(self):
        return typename + "(" + ", ".join([n + "=" + repr(v) for n, v in zip(fields, self._t)]) + ")"

    def _asdict(self):
        return dict(zip(fields, self._t))

    def _tuple_of(x):
        return x._t if hasattr(x, '_t') and hasattr(type(x), '_fields') else x

    ns = {
        '__init__': __init__,
        '__repr__': __repr__,
        '_make': classmethod(_make),
        '_replace': _replace,
        '_asdict': _asdict,
        '_fields': fields,
        '_field_defaults': field_defaults,
        '__slots__': (),
        '__len__': lambda self: nf,
        '__iter__': lambda self: iter(self._t),
        '__getitem__': lambda self, i: self._t[i],
        '__contains__': lambda self, x: x in self._t,
        '__hash__': lambda self: hash(self._t),
        '__eq__': lambda self, o: self._t == _tuple_of(o),
        '__ne__': lambda self, o: self._t != _tuple_of(o),
        '__lt__': lambda self, o: self._t < _tuple_of(o),
        '__le__': lambda self, o: self._t <= _tuple_of(o),
        '__gt__': lambda self, o: self._t > _tuple_of(o),
        '__ge__': lambda self, o: self._t >= _tuple_of(o),
        '__add__': lambda self, o: self._t + _tuple_of(o),
        'count': lambda self, x: self._t.count(x),
        'index': lambda self, x, *a: self._t.index(x, *a),
        '__getnewargs__': lambda self: self._t,
    }
    for i, name in enumerate(fields):
        ns[name] = property(lambda self, i=i: self._t[i])
    del ns['__slots__']
    cls = type(typename, (object,), ns)
    return cls
"#;

const ABC_SOURCE: &str = r#"
# The abstract classes as plain bases (for annotations and subclassing); evalx has no
# __instancecheck__, so isinstance() against them is true only for their subclasses.
class Awaitable:
    pass
class Coroutine:
    pass
class AsyncIterable:
    pass
class AsyncIterator:
    pass
class AsyncGenerator:
    pass
class Hashable:
    pass
class Iterable:
    pass
class Iterator:
    pass
class Generator:
    pass
class Reversible:
    pass
class Sized:
    pass
class Container:
    pass
class Callable:
    pass
class Collection:
    pass
class Set:
    pass
class MutableSet:
    pass
class Mapping:
    pass
class MutableMapping:
    pass
class MappingView:
    pass
class KeysView:
    pass
class ItemsView:
    pass
class ValuesView:
    pass
class Sequence:
    pass
class MutableSequence:
    pass
class ByteString:
    pass
__all__ = ['Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator', 'AsyncGenerator', 'Hashable', 'Iterable', 'Iterator', 'Generator', 'Reversible', 'Sized', 'Container', 'Callable', 'Collection', 'Set', 'MutableSet', 'Mapping', 'MutableMapping', 'MappingView', 'KeysView', 'ItemsView', 'ValuesView', 'Sequence', 'MutableSequence', 'ByteString']
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "collections",
        "This module implements specialized container datatypes providing\nalternatives to Python's general purpose built-in containers, dict,\nlist, set, and tuple.",
        &[],
        SOURCE,
    )
}

pub(crate) fn build_abc(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "collections.abc",
        "Abstract Base Classes (ABCs) for collections, according to PEP 3119.",
        &[],
        ABC_SOURCE,
    )
}
