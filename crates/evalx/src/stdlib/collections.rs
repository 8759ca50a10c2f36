//! `collections` (`deque`, `defaultdict`, `Counter`, `OrderedDict`, `namedtuple`, `ChainMap`, `UserDict`,
//! `UserList`, `UserString`: wrappers over a `data` dict/list/str, subclass-friendly as in CPython) and
//! `collections.abc`. `defaultdict`, `Counter` and `OrderedDict` are `dict` subclasses, as in CPython: the
//! instance carries its dict, so item access, `len`, iteration, `dict(c)`, `{**c}`, `json` and
//! `isinstance(x, dict)` work as for any dict, and the classes add only what CPython's add
//! (`__missing__`, the Counter arithmetic, `move_to_end`...). `namedtuple` still makes a sequence class
//! (`isinstance(p, tuple)` is false). The `collections.abc` classes answer `isinstance`/`issubclass`
//! through the `_abc_impl` hook (`stdlib::abc_check`) and give their subclasses CPython's mixin methods.
use crate::interp::{Interp, PyResult};
use crate::value::Value;

/// `MutableMapping`'s mixin methods, one text for both modules: `collections.abc` gives them to
/// `MutableMapping`'s subclasses, `collections` to `UserDict` (which CPython derives from it) without
/// importing `collections.abc`.
macro_rules! mutable_mapping_mixins {
    () => {
        r#"
_MARK = object()
def _mm_pop(self, key, default=_MARK):
    try:
        value = self[key]
    except KeyError:
        if default is _MARK:
            raise
        return default
    del self[key]
    return value
def _mm_popitem(self):
    try:
        key = next(iter(self))
    except StopIteration:
        raise KeyError from None
    value = self[key]
    del self[key]
    return key, value
def _mm_setdefault(self, key, default=None):
    try:
        return self[key]
    except KeyError:
        self[key] = default
    return default
def _mm_update(self, other=(), /, **kwds):
    if hasattr(other, 'keys'):
        for key in other.keys():
            self[key] = other[key]
    else:
        for key, value in other:
            self[key] = value
    for key, value in kwds.items():
        self[key] = value
def _mm_clear(self):
    for k in list(self):
        del self[k]
"#
    };
}

const SOURCE: &str = concat!(
    r#"
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
            raise TypeError("update() takes at most 1 positional argument (%d given)" % len(args))
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

class defaultdict(dict):
    __slots__ = ('default_factory',)
    def __init__(self, *args, **kwds):
        if not isinstance(self, defaultdict):
            _bad_slot(self, defaultdict, '__init__')
        if args:
            f = args[0]
            if f is not None and not callable(f):
                raise TypeError("first argument must be callable or None")
            self.default_factory = f
            super().__init__(*args[1:], **kwds)
        else:
            self.default_factory = None
            super().__init__(**kwds)
    def __missing__(self, key):
        if not isinstance(self, defaultdict):
            _bad_self(self, defaultdict, '__missing__')
        f = self.default_factory
        if f is None:
            raise KeyError(key)
        self[key] = v = f()
        return v
    def copy(self):
        if not isinstance(self, defaultdict):
            _bad_self(self, defaultdict, 'copy')
        return type(self)(self.default_factory, self)
    def __copy__(self):
        if not isinstance(self, defaultdict):
            _bad_self(self, defaultdict, '__copy__')
        return type(self)(self.default_factory, self)
    def __reduce__(self):
        if not isinstance(self, defaultdict):
            _bad_self(self, defaultdict, '__reduce__')
        f = self.default_factory
        return (type(self), () if f is None else (f,), None, None, iter(self.items()))
    def __repr__(self):
        if not isinstance(self, defaultdict):
            _bad_slot(self, defaultdict, '__repr__')
        return type(self).__name__ + "(" + repr(self.default_factory) + ", " + dict.__repr__(self) + ")"
    def __or__(self, other):
        if not isinstance(self, defaultdict):
            _bad_slot(self, defaultdict, '__or__')
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new
    def __ror__(self, other):
        if not isinstance(self, defaultdict):
            _bad_slot(self, defaultdict, '__ror__')
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

# What CPython's C types show: a method called on an instance of the wrong type names the class by its C
# type name, `descriptor 'NAME' for 'collections.OrderedDict' objects doesn't apply to a 'dict' object`
# (a slot wrapper: `descriptor '__init__' requires a ... but received a ...`).
def _tp_name(x):
    t = type(x)
    if t is OrderedDict:
        return 'collections.OrderedDict'
    if t is defaultdict:
        return 'collections.defaultdict'
    return t.__name__

def _bad_self(x, cls, name):
    raise TypeError("descriptor '%s' for 'collections.%s' objects doesn't apply to a '%s' object"
                    % (name, cls.__name__, _tp_name(x)))

def _bad_slot(x, cls, name):
    raise TypeError("descriptor '%s' requires a 'collections.%s' object but received a '%s'"
                    % (name, cls.__name__, _tp_name(x)))

class OrderedDict(dict):
    def __init__(self, *args, **kwds):
        if not isinstance(self, OrderedDict):
            _bad_slot(self, OrderedDict, '__init__')
        if len(args) > 1:
            raise TypeError("expected at most 1 arguments, got " + str(len(args)))
        _od_update(self, args, kwds)
    def update(self, *args, **kwds):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, 'update')
        if len(args) > 1:
            raise TypeError("update() takes at most 1 positional argument (%d given)" % len(args))
        _od_update(self, args, kwds)
    def move_to_end(self, key, last=True):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, 'move_to_end')
        if last:
            dict.__setitem__(self, key, dict.pop(self, key))
        else:
            _od_move_first(self, key)
    def popitem(self, last=True):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, 'popitem')
        if not self:
            raise KeyError("dictionary is empty")
        if last:
            return dict.popitem(self)
        k = next(iter(dict.keys(self)))
        return (k, dict.pop(self, k))
    def keys(self):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, 'keys')
        return _odict_keys(dict.keys(self))
    def values(self):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, 'values')
        return _odict_values(dict.values(self))
    def items(self):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, 'items')
        return _odict_items(dict.items(self))
    def __reversed__(self):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, '__reversed__')
        return reversed(dict.keys(self))
    def copy(self):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, 'copy')
        return type(self)(self)
    def __reduce__(self):
        if not isinstance(self, OrderedDict):
            _bad_self(self, OrderedDict, '__reduce__')
        state = vars(self) or None
        return (type(self), (), state, None, iter(dict.items(self)))
    def __eq__(self, other):
        if not isinstance(self, OrderedDict):
            _bad_slot(self, OrderedDict, '__eq__')
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and all(map(_eq, dict.keys(self), dict.keys(other)))
        return dict.__eq__(self, other)
    def __ne__(self, other):
        if not isinstance(self, OrderedDict):
            _bad_slot(self, OrderedDict, '__ne__')
        return not self == other
    __hash__ = None
    def __repr__(self):
        if not isinstance(self, OrderedDict):
            _bad_slot(self, OrderedDict, '__repr__')
        if not self:
            return type(self).__name__ + "()"
        return type(self).__name__ + "(" + repr(list(dict.items(self))) + ")"
    def __or__(self, other):
        if not isinstance(self, OrderedDict):
            _bad_slot(self, OrderedDict, '__or__')
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self)
        new.update(other)
        return new
    def __ror__(self, other):
        if not isinstance(self, OrderedDict):
            _bad_slot(self, OrderedDict, '__ror__')
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(other)
        new.update(self)
        return new
    def __ior__(self, other):
        if not isinstance(self, OrderedDict):
            _bad_slot(self, OrderedDict, '__ior__')
        self.update(other)
        return self
    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for k in iterable:
            d[k] = value
        return d

# OrderedDict's views, `odict_keys`/`odict_values`/`odict_items` as in CPython: subclasses of dict's views
# (so `isinstance(od.keys(), type({}.keys()))` holds) wrapping the dict's own view, which does the work
# (iteration, `reversed`, `in`, the set operations). `_odict_view`/`_odict_setview` only hold the methods.
class _odict_view:
    __slots__ = ()
    def __len__(self):
        return len(self._v)
    def __iter__(self):
        return iter(self._v)
    def __reversed__(self):
        return reversed(self._v)
    def __contains__(self, x):
        return x in self._v
    def __repr__(self):
        return type(self).__name__ + "(" + repr(list(self._v)) + ")"
    @property
    def mapping(self):
        return self._v.mapping

def _setlike(o):
    return isinstance(o, (set, frozenset, _dict_keys, _dict_items))

class _odict_setview(_odict_view):
    __slots__ = ()
    __hash__ = None
    def __and__(self, other):
        return self._v & other
    def __or__(self, other):
        return self._v | other
    def __sub__(self, other):
        return self._v - other
    def __xor__(self, other):
        return self._v ^ other
    def __rand__(self, other):
        return other & self._v
    def __ror__(self, other):
        return other | self._v
    def __rsub__(self, other):
        return set(other) - set(self._v)
    def __rxor__(self, other):
        return other ^ self._v
    def isdisjoint(self, other):
        return self._v.isdisjoint(other)
    def __eq__(self, other):
        if not _setlike(other):
            return NotImplemented
        return len(self._v) == len(other) and _all_in(self._v, other)
    def __ne__(self, other):
        if not _setlike(other):
            return NotImplemented
        return not (len(self._v) == len(other) and _all_in(self._v, other))
    def __le__(self, other):
        if not _setlike(other):
            return NotImplemented
        return len(self._v) <= len(other) and _all_in(self._v, other)
    def __lt__(self, other):
        if not _setlike(other):
            return NotImplemented
        return len(self._v) < len(other) and _all_in(self._v, other)
    def __ge__(self, other):
        if not _setlike(other):
            return NotImplemented
        return len(self._v) >= len(other) and _all_in(other, self._v)
    def __gt__(self, other):
        if not _setlike(other):
            return NotImplemented
        return len(self._v) > len(other) and _all_in(other, self._v)

def _all_in(xs, ys):
    for x in xs:
        if x not in ys:
            return False
    return True

_dict_keys = type({}.keys())
_dict_values = type({}.values())
_dict_items = type({}.items())

def _view_init(self, v):
    self._v = v

def _view_ns(*classes):
    # One class per view with the methods copied in, so its MRO is CPython's (odict_keys, dict_keys, object).
    ns = {'__module__': 'builtins', '__slots__': ('_v',), '__init__': _view_init}
    for c in classes:
        for k, v in c.__dict__.items():
            if k not in ('__dict__', '__weakref__', '__module__', '__slots__', '__doc__', '__qualname__'):
                ns[k] = v
    return ns

# Not names of the module (CPython's live in no module's namespace).
_odict_keys = type('odict_keys', (_dict_keys,), _view_ns(_odict_view, _odict_setview))
_odict_values = type('odict_values', (_dict_values,), _view_ns(_odict_view))
_odict_items = type('odict_items', (_dict_items,), _view_ns(_odict_view, _odict_setview))

def _eq(a, b):
    return a is b or a == b

def _od_update(self, args, kwds):
    # A subclass's own __setitem__ sees every item, as CPython's OrderedDict calls it; the class itself
    # takes dict's update.
    for c in type(self).__mro__:
        if c is OrderedDict:
            dict.update(self, *args, **kwds)
            return
        if "__setitem__" in c.__dict__:
            break
    if args:
        other = args[0]
        if hasattr(other, "keys"):
            for k in other.keys():
                self[k] = other[k]
        else:
            for item in other:
                pair = tuple(item)
                if len(pair) > 2:
                    raise ValueError("too many values to unpack (expected 2)")
                if len(pair) < 2:
                    raise ValueError("need more than %d value%s to unpack"
                                     % (len(pair), "" if len(pair) == 1 else "s"))
                self[pair[0]] = pair[1]
    for k, v in kwds.items():
        self[k] = v

class Counter(dict):
    def __init__(self, iterable=None, /, **kwds):
        self.update(iterable, **kwds)
    def __missing__(self, key):
        return 0
    def total(self):
        return sum(self.values())
    def most_common(self, n=None):
        items = sorted(self.items(), key=_second, reverse=True)
        if n is None:
            return items
        return items[:n] if n > 0 else []
    def elements(self):
        return _itertools.chain.from_iterable(_itertools.starmap(_itertools.repeat, self.items()))
    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")
    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict) or (hasattr(iterable, 'keys') and hasattr(iterable, 'items')):
                if self:
                    for elem, count in iterable.items():
                        self[elem] = count + self.get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                _count_elements(self, iterable)
        if kwds:
            self.update(kwds)
    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, dict) or (hasattr(iterable, 'keys') and hasattr(iterable, 'items')):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)
    def copy(self):
        return self.__class__(self)
    def __reduce__(self):
        return self.__class__, (dict(self),)
    def __delitem__(self, elem):
        if elem in self:
            dict.__delitem__(self, elem)
    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)
    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other
    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)
    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other
    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] >= other[e] for c in (self, other) for e in c)
    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other
    __hash__ = None
    def __repr__(self):
        if not self:
            return type(self).__name__ + "()"
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return type(self).__name__ + "(" + repr(d) + ")"
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
    def __ior__(self, other):
        for elem, other_count in other.items():
            count = self[elem]
            if other_count > count:
                self[elem] = other_count
        return self._keep_positive()
    def __iand__(self, other):
        for elem, count in self.items():
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()
    def _keep_positive(self):
        for elem in [e for e, c in self.items() if not c > 0]:
            del self[elem]
        return self

def _second(kv):
    return kv[1]

def _count_elements(mapping, iterable):
    # `d.get(...)` called at its site (not a bound `get` kept in a local): the interpreter's method-call
    # fast path serves it.
    if type(mapping) is Counter and not mapping:
        d = {}
        for elem in iterable:
            d[elem] = d.get(elem, 0) + 1
        dict.update(mapping, d)
        return
    for elem in iterable:
        mapping[elem] = mapping.get(elem, 0) + 1

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
        return type(self)(self, self._maxlen)
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
        return type(self)(self._items() * n, self._maxlen)
    def __repr__(self):
        if self._maxlen is None:
            return type(self).__name__ + "(" + repr(self._items()) + ")"
        return type(self).__name__ + "(" + repr(self._items()) + ", maxlen=" + str(self._maxlen) + ")"

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
        '__match_args__': fields,
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

class _UserView:
    __slots__ = ('_mapping',)
    _view_name = 'MappingView'
    def __init__(self, mapping):
        self._mapping = mapping
    def __len__(self):
        return len(self._mapping)
    def __repr__(self):
        return f'{self._view_name}({self._mapping!r})'

class _UserKeysView(_UserView):
    __slots__ = ()
    _view_name = 'KeysView'
    def __iter__(self):
        yield from self._mapping
    def __contains__(self, key):
        return key in self._mapping
    def __eq__(self, other):
        return set(self) == set(other) if hasattr(other, '__iter__') else NotImplemented
    def __and__(self, other):
        return set(self) & set(other)
    def __or__(self, other):
        return set(self) | set(other)
    def __sub__(self, other):
        return set(self) - set(other)
    def __xor__(self, other):
        return set(self) ^ set(other)

class _UserItemsView(_UserView):
    __slots__ = ()
    _view_name = 'ItemsView'
    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])
    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        return v is value or v == value
    def __eq__(self, other):
        return set(self) == set(other) if hasattr(other, '__iter__') else NotImplemented

class _UserValuesView(_UserView):
    __slots__ = ()
    _view_name = 'ValuesView'
    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]
    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False
"#,
    mutable_mapping_mixins!(),
    r#"
class UserDict:
    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)
    def __len__(self):
        return len(self.data)
    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, '__missing__'):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)
    def __setitem__(self, key, item):
        self.data[key] = item
    def __delitem__(self, key):
        del self.data[key]
    def __iter__(self):
        return iter(self.data)
    def __contains__(self, key):
        return key in self.data
    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default
    def keys(self):
        return _UserKeysView(self)
    def items(self):
        return _UserItemsView(self)
    def values(self):
        return _UserValuesView(self)
    pop = _mm_pop
    popitem = _mm_popitem
    setdefault = _mm_setdefault
    update = _mm_update
    def clear(self):
        self.data.clear()
    def __eq__(self, other):
        if isinstance(other, UserDict):
            return self.data == other.data
        if isinstance(other, dict) or (hasattr(other, 'keys') and hasattr(other, '__getitem__')):
            return dict(self.items()) == dict(other.items())
        return NotImplemented
    __hash__ = None
    def __repr__(self):
        return repr(self.data)
    def __or__(self, other):
        if isinstance(other, UserDict):
            return self.__class__(self.data | other.data)
        if isinstance(other, dict):
            return self.__class__(self.data | other)
        return NotImplemented
    def __ror__(self, other):
        if isinstance(other, UserDict):
            return self.__class__(other.data | self.data)
        if isinstance(other, dict):
            return self.__class__(other | self.data)
        return NotImplemented
    def __ior__(self, other):
        if isinstance(other, UserDict):
            self.data |= other.data
        else:
            self.data |= other
        return self
    def __copy__(self):
        inst = self.__class__.__new__(self.__class__)
        inst.__dict__.update(self.__dict__)
        inst.__dict__['data'] = self.__dict__['data'].copy()
        return inst
    def copy(self):
        if self.__class__ is UserDict:
            return UserDict(self.data.copy())
        import copy
        data = self.data
        try:
            self.data = {}
            c = copy.copy(self)
        finally:
            self.data = data
        c.update(self)
        return c
    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for key in iterable:
            d[key] = value
        return d

class UserList:
    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            if type(initlist) == type(self.data):
                self.data[:] = initlist
            elif isinstance(initlist, UserList):
                self.data[:] = initlist.data[:]
            else:
                self.data = list(initlist)
    def __repr__(self):
        return repr(self.data)
    def _cast(self, other):
        return other.data if isinstance(other, UserList) else other
    def __lt__(self, other):
        return self.data < self._cast(other)
    def __le__(self, other):
        return self.data <= self._cast(other)
    def __eq__(self, other):
        return self.data == self._cast(other)
    def __gt__(self, other):
        return self.data > self._cast(other)
    def __ge__(self, other):
        return self.data >= self._cast(other)
    __hash__ = None
    def __contains__(self, item):
        return item in self.data
    def __len__(self):
        return len(self.data)
    def __iter__(self):
        return iter(self.data)
    def __reversed__(self):
        return reversed(self.data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]
    def __setitem__(self, i, item):
        self.data[i] = item
    def __delitem__(self, i):
        del self.data[i]
    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        elif isinstance(other, type(self.data)):
            return self.__class__(self.data + other)
        return self.__class__(self.data + list(other))
    def __radd__(self, other):
        if isinstance(other, UserList):
            return self.__class__(other.data + self.data)
        elif isinstance(other, type(self.data)):
            return self.__class__(other + self.data)
        return self.__class__(list(other) + self.data)
    def __iadd__(self, other):
        if isinstance(other, UserList):
            self.data += other.data
        elif isinstance(other, type(self.data)):
            self.data += other
        else:
            self.data += list(other)
        return self
    def __mul__(self, n):
        return self.__class__(self.data * n)
    __rmul__ = __mul__
    def __imul__(self, n):
        self.data *= n
        return self
    def __copy__(self):
        inst = self.__class__.__new__(self.__class__)
        inst.__dict__.update(self.__dict__)
        inst.__dict__['data'] = self.__dict__['data'][:]
        return inst
    def append(self, item):
        self.data.append(item)
    def insert(self, i, item):
        self.data.insert(i, item)
    def pop(self, i=-1):
        return self.data.pop(i)
    def remove(self, item):
        self.data.remove(item)
    def clear(self):
        self.data.clear()
    def copy(self):
        return self.__class__(self)
    def count(self, item):
        return self.data.count(item)
    def index(self, item, *args):
        return self.data.index(item, *args)
    def reverse(self):
        self.data.reverse()
    def sort(self, /, *args, **kwds):
        self.data.sort(*args, **kwds)
    def extend(self, other):
        if isinstance(other, UserList):
            self.data.extend(other.data)
        else:
            self.data.extend(other)

class UserString:
    def __init__(self, seq):
        if isinstance(seq, str):
            self.data = seq
        elif isinstance(seq, UserString):
            self.data = seq.data[:]
        else:
            self.data = str(seq)
    def __str__(self):
        return str(self.data)
    def __repr__(self):
        return repr(self.data)
    def __int__(self):
        return int(self.data)
    def __float__(self):
        return float(self.data)
    def __complex__(self):
        return complex(self.data)
    def __hash__(self):
        return hash(self.data)
    def __getnewargs__(self):
        return (self.data[:],)
    def _cast(self, other):
        return other.data if isinstance(other, UserString) else other
    def __eq__(self, string):
        return self.data == self._cast(string)
    def __lt__(self, string):
        return self.data < self._cast(string)
    def __le__(self, string):
        return self.data <= self._cast(string)
    def __gt__(self, string):
        return self.data > self._cast(string)
    def __ge__(self, string):
        return self.data >= self._cast(string)
    def __contains__(self, char):
        return self._cast(char) in self.data
    def __len__(self):
        return len(self.data)
    def __iter__(self):
        return iter(self.data)
    def __getitem__(self, index):
        return self.__class__(self.data[index])
    def __add__(self, other):
        if isinstance(other, UserString):
            return self.__class__(self.data + other.data)
        elif isinstance(other, str):
            return self.__class__(self.data + other)
        return self.__class__(self.data + str(other))
    def __radd__(self, other):
        if isinstance(other, str):
            return self.__class__(other + self.data)
        return self.__class__(str(other) + self.data)
    def __mul__(self, n):
        return self.__class__(self.data * n)
    __rmul__ = __mul__
    def __mod__(self, args):
        return self.__class__(self.data % args)
    def __rmod__(self, template):
        return self.__class__(str(template) % self)
    def capitalize(self):
        return self.__class__(self.data.capitalize())
    def casefold(self):
        return self.__class__(self.data.casefold())
    def center(self, width, *args):
        return self.__class__(self.data.center(width, *args))
    def count(self, sub, start=0, end=None):
        return self.data.count(self._cast(sub), start, end if end is not None else len(self.data))
    def removeprefix(self, prefix, /):
        return self.__class__(self.data.removeprefix(self._cast(prefix)))
    def removesuffix(self, suffix, /):
        return self.__class__(self.data.removesuffix(self._cast(suffix)))
    def encode(self, encoding='utf-8', errors='strict'):
        return self.data.encode(encoding if encoding is not None else 'utf-8',
                                errors if errors is not None else 'strict')
    def endswith(self, suffix, start=0, end=None):
        return self.data.endswith(suffix, start, end if end is not None else len(self.data))
    def expandtabs(self, tabsize=8):
        return self.__class__(self.data.expandtabs(tabsize))
    def find(self, sub, start=0, end=None):
        return self.data.find(self._cast(sub), start, end if end is not None else len(self.data))
    def format(self, /, *args, **kwds):
        return self.data.format(*args, **kwds)
    def format_map(self, mapping):
        return self.data.format_map(mapping)
    def index(self, sub, start=0, end=None):
        return self.data.index(self._cast(sub), start, end if end is not None else len(self.data))
    def isalpha(self):
        return self.data.isalpha()
    def isalnum(self):
        return self.data.isalnum()
    def isascii(self):
        return self.data.isascii()
    def isdecimal(self):
        return self.data.isdecimal()
    def isdigit(self):
        return self.data.isdigit()
    def isidentifier(self):
        return self.data.isidentifier()
    def islower(self):
        return self.data.islower()
    def isnumeric(self):
        return self.data.isnumeric()
    def isprintable(self):
        return self.data.isprintable()
    def isspace(self):
        return self.data.isspace()
    def istitle(self):
        return self.data.istitle()
    def isupper(self):
        return self.data.isupper()
    def join(self, seq):
        return self.data.join(seq)
    def ljust(self, width, *args):
        return self.__class__(self.data.ljust(width, *args))
    def lower(self):
        return self.__class__(self.data.lower())
    def lstrip(self, chars=None):
        return self.__class__(self.data.lstrip(chars))
    maketrans = str.maketrans
    def partition(self, sep):
        return self.data.partition(sep)
    def replace(self, old, new, maxsplit=-1):
        return self.__class__(self.data.replace(self._cast(old), self._cast(new), maxsplit))
    def rfind(self, sub, start=0, end=None):
        return self.data.rfind(self._cast(sub), start, end if end is not None else len(self.data))
    def rindex(self, sub, start=0, end=None):
        return self.data.rindex(self._cast(sub), start, end if end is not None else len(self.data))
    def rjust(self, width, *args):
        return self.__class__(self.data.rjust(width, *args))
    def rpartition(self, sep):
        return self.data.rpartition(sep)
    def rstrip(self, chars=None):
        return self.__class__(self.data.rstrip(chars))
    def split(self, sep=None, maxsplit=-1):
        return self.data.split(sep, maxsplit)
    def rsplit(self, sep=None, maxsplit=-1):
        return self.data.rsplit(sep, maxsplit)
    def splitlines(self, keepends=False):
        return self.data.splitlines(keepends)
    def startswith(self, prefix, start=0, end=None):
        return self.data.startswith(prefix, start, end if end is not None else len(self.data))
    def strip(self, chars=None):
        return self.__class__(self.data.strip(chars))
    def swapcase(self):
        return self.__class__(self.data.swapcase())
    def title(self):
        return self.__class__(self.data.title())
    def translate(self, *args):
        return self.__class__(self.data.translate(*args))
    def upper(self):
        return self.__class__(self.data.upper())
    def zfill(self, width):
        return self.__class__(self.data.zfill(width))

def __getattr__(name):
    # `collections.abc` without importing it, as in CPython (where the start-up has imported it).
    if name == "abc":
        import collections.abc
        return collections.abc
    raise AttributeError(f"module 'collections' has no attribute '{name}'")
"#
);

const ABC_SOURCE: &str = concat!(
    r#"
# evalx has no metaclasses: each class below defines `_abc_impl`, which `isinstance`/`issubclass` ask
# once the MRO said no. Structural ABCs (Iterable, Sized, ...) look for the methods, as their
# `__subclasshook__` does in CPython; the others know the built-in types CPython registers with them, the
# `collections` types, and classes passed to `register()`.

def _has(C, methods):
    for m in methods:
        for B in C.__mro__:
            if m in B.__dict__:
                if B.__dict__[m] is None:
                    return False
                break
        else:
            if not hasattr(C, m) or getattr(C, m) is None:
                return False
    return True

def _check(cls, C):
    if C in cls._abc_registry:
        return True
    name = C.__name__
    if getattr(C, '__module__', None) == 'collections' and name in cls._abc_collections:
        return True
    if name in cls._abc_builtins and C.__module__ == 'builtins':
        return True
    if cls._abc_structural and _has(C, cls._abc_methods):
        return True
    for sub in cls._abc_subs:
        if sub._abc_impl(sub, C):
            return True
    return False

def _abc(name, methods=(), structural=False, builtins=(), collections_=(), bases=()):
    ns = {'_abc_impl': _check, '_abc_methods': methods, '_abc_structural': structural,
          '_abc_builtins': builtins, '_abc_collections': collections_, '_abc_registry': [],
          '_abc_subs': [], '__module__': 'collections.abc'}
    cls = type(name, bases or (object,), ns)
    for b in bases:
        if '_abc_subs' in b.__dict__:
            b._abc_subs.append(cls)
    return cls

def _register(cls, subclass):
    cls._abc_registry.append(subclass)
    return subclass

# evalx's built-in iterator types (their methods are not class attributes).
_ITERATORS = ('list_iterator', 'list_reverseiterator', 'tuple_iterator', 'str_iterator', 'str_ascii_iterator', 'bytes_iterator', 'range_iterator', 'set_iterator', 'dict_keyiterator', 'dict_valueiterator', 'dict_itemiterator', 'callable_iterator', 'map', 'zip', 'enumerate', 'filter', 'reversed', 'generator')

Hashable = _abc('Hashable', ('__hash__',), True)
Awaitable = _abc('Awaitable', ('__await__',), True)
Coroutine = _abc('Coroutine', ('__await__', 'send', 'throw', 'close'), True, bases=(Awaitable,))
AsyncIterable = _abc('AsyncIterable', ('__aiter__',), True)
AsyncIterator = _abc('AsyncIterator', ('__aiter__', '__anext__'), True, bases=(AsyncIterable,))
AsyncGenerator = _abc('AsyncGenerator', ('__aiter__', '__anext__', 'asend', 'athrow', 'aclose'), True, bases=(AsyncIterator,))
Iterable = _abc('Iterable', ('__iter__',), True)
Iterator = _abc('Iterator', ('__iter__', '__next__'), True, builtins=_ITERATORS, bases=(Iterable,))
Reversible = _abc('Reversible', ('__reversed__', '__iter__'), True, bases=(Iterable,))
Generator = _abc('Generator', ('__iter__', '__next__', 'send', 'throw', 'close'), True, builtins=('generator',), bases=(Iterator,))
Sized = _abc('Sized', ('__len__',), True)
Container = _abc('Container', ('__contains__',), True)
Callable = _abc('Callable', ('__call__',), True, builtins=('builtin_function_or_method', 'function', 'method', 'type',
                                                         'method_descriptor', 'wrapper_descriptor', 'method-wrapper'))
Collection = _abc('Collection', ('__len__', '__iter__', '__contains__'), True, bases=(Sized, Iterable, Container))
Set = _abc('Set', builtins=('frozenset',), bases=(Collection,))
MutableSet = _abc('MutableSet', builtins=('set',), bases=(Set,))
Mapping = _abc('Mapping', builtins=('mappingproxy',), bases=(Collection,))
MutableMapping = _abc('MutableMapping', builtins=('dict',), collections_=('defaultdict', 'Counter', 'OrderedDict', 'ChainMap', 'UserDict'), bases=(Mapping,))
MappingView = _abc('MappingView', bases=(Sized,))
KeysView = _abc('KeysView', builtins=('dict_keys', 'odict_keys'), bases=(MappingView, Set))
ItemsView = _abc('ItemsView', builtins=('dict_items', 'odict_items'), bases=(MappingView, Set))
ValuesView = _abc('ValuesView', builtins=('dict_values', 'odict_values'), bases=(MappingView, Collection))
Sequence = _abc('Sequence', builtins=('tuple', 'str', 'range', 'memoryview'), collections_=('UserString',), bases=(Reversible, Collection))
MutableSequence = _abc('MutableSequence', builtins=('list', 'bytearray'), collections_=('deque', 'UserList'), bases=(Sequence,))
ByteString = _abc('ByteString', builtins=('bytes', 'bytearray'), bases=(Sequence,))

for _c in (Hashable, Awaitable, Coroutine, AsyncIterable, AsyncIterator, AsyncGenerator, Iterable, Iterator,
           Reversible, Generator, Sized, Container, Callable, Collection, Set, MutableSet, Mapping,
           MutableMapping, MappingView, KeysView, ItemsView, ValuesView, Sequence, MutableSequence, ByteString):
    _c.register = classmethod(_register)

import types as _types

def _class_getitem(cls, item):
    return _types.GenericAlias(cls, item)

for _c in (Awaitable, Coroutine, AsyncIterable, AsyncIterator, AsyncGenerator, Iterable, Iterator, Reversible,
           Generator, Container, Collection, Set, MutableSet, Mapping, MutableMapping, MappingView, KeysView,
           ItemsView, ValuesView, Sequence, MutableSequence, ByteString):
    _c.__class_getitem__ = classmethod(_class_getitem)

def _type_repr(obj):
    if isinstance(obj, type) and not isinstance(obj, _types.GenericAlias):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is Ellipsis:
        return '...'
    if isinstance(obj, _types.FunctionType):
        return obj.__name__
    return repr(obj)

class _CallableGenericAlias(_types.GenericAlias):
    # `Callable[[int, str], bool]`: the argument types flattened into `__args__`, shown as written.
    def __repr__(self):
        a = self.__args__
        if len(a) == 2 and a[0] is Ellipsis:
            return f'collections.abc.Callable[..., {_type_repr(a[1])}]'
        return (f"collections.abc.Callable[[{', '.join(_type_repr(x) for x in a[:-1])}], "
                f"{_type_repr(a[-1])}]")

def _callable_getitem(cls, item):
    if not (isinstance(item, tuple) and len(item) == 2):
        raise TypeError("Callable must be used as Callable[[arg, ...], result].")
    t_args, t_result = item
    if isinstance(t_args, (tuple, list)):
        args = (*t_args, t_result)
    elif t_args is Ellipsis or type(t_args).__name__ in ('ParamSpec', '_ConcatenateGenericAlias'):
        args = (t_args, t_result)
    else:
        raise TypeError(f"Expected a list of types, an ellipsis, ParamSpec, or Concatenate. Got {t_args}")
    return _CallableGenericAlias(cls, args)

Callable.__class_getitem__ = classmethod(_callable_getitem)

# The mixin methods CPython's ABCs give their subclasses.
def _mapping_get(self, key, default=None):
    try:
        return self[key]
    except KeyError:
        return default
def _mapping_contains(self, key):
    try:
        self[key]
    except KeyError:
        return False
    return True
def _mapping_keys(self):
    return list(self)
def _mapping_items(self):
    return [(k, self[k]) for k in self]
def _mapping_values(self):
    return [self[k] for k in self]
def _mapping_eq(self, other):
    if not isinstance(other, Mapping):
        return NotImplemented
    return dict(_mapping_items(self)) == dict(other.items())
Mapping.get = _mapping_get
Mapping.__contains__ = _mapping_contains
Mapping.keys = _mapping_keys
Mapping.items = _mapping_items
Mapping.values = _mapping_values
Mapping.__eq__ = _mapping_eq
"#,
    mutable_mapping_mixins!(),
    r#"MutableMapping.pop = _mm_pop
MutableMapping.popitem = _mm_popitem
MutableMapping.setdefault = _mm_setdefault
MutableMapping.update = _mm_update
MutableMapping.clear = _mm_clear
def _seq_iter(self):
    i = 0
    try:
        while True:
            v = self[i]
            yield v
            i += 1
    except IndexError:
        return
def _seq_contains(self, value):
    for v in self:
        if v is value or v == value:
            return True
    return False
def _seq_reversed(self):
    for i in reversed(range(len(self))):
        yield self[i]
def _seq_index(self, value, start=0, stop=None):
    i = start
    n = len(self) if stop is None else stop
    while i < n:
        v = self[i]
        if v is value or v == value:
            return i
        i += 1
    raise ValueError
def _seq_count(self, value):
    return sum(1 for v in self if v is value or v == value)
Sequence.__iter__ = _seq_iter
Sequence.__contains__ = _seq_contains
Sequence.__reversed__ = _seq_reversed
Sequence.index = _seq_index
Sequence.count = _seq_count
def _ms_append(self, value):
    self.insert(len(self), value)
def _ms_extend(self, values):
    for v in values:
        self.append(v)
def _ms_pop(self, index=-1):
    v = self[index]
    del self[index]
    return v
def _ms_reverse(self):
    n = len(self)
    for i in range(n // 2):
        self[i], self[n - i - 1] = self[n - i - 1], self[i]
MutableSequence.append = _ms_append
MutableSequence.extend = _ms_extend
MutableSequence.pop = _ms_pop
MutableSequence.reverse = _ms_reverse

__all__ = ["Awaitable", "Coroutine", "AsyncIterable", "AsyncIterator", "AsyncGenerator", "Hashable",
           "Iterable", "Iterator", "Generator", "Reversible", "Sized", "Container", "Callable",
           "Collection", "Set", "MutableSet", "Mapping", "MutableMapping", "MappingView", "KeysView",
           "ItemsView", "ValuesView", "Sequence", "MutableSequence", "ByteString"]
"#
);

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "collections",
        "This module implements specialized container datatypes providing\nalternatives to Python's general purpose built-in containers, dict,\nlist, set, and tuple.",
        &[("_od_move_first", od_move_first)],
        SOURCE,
    )
}

/// `_od_move_first(od, key)`: `OrderedDict.move_to_end(key, last=False)` in one move inside the dict's
/// table (a shift of the entries before it; no rebuild). `KeyError` when the key is missing.
fn od_move_first(
    it: &mut Interp,
    args: &[Value],
    _kw: &[(crate::thin::RcStr, Value)],
) -> PyResult<Value> {
    let d = match args.first() {
        Some(Value::Instance(i)) => match &i.native {
            Some(Value::Dict(d)) => d.clone(),
            _ => return Err(crate::interp::Exc::type_err("expected a dict")),
        },
        Some(Value::Dict(d)) => d.clone(),
        _ => return Err(crate::interp::Exc::type_err("expected a dict")),
    };
    let Some(key) = args.get(1) else {
        return Err(crate::interp::Exc::type_err("expected a key"));
    };
    let k = it.dict_key(key.clone(), &d)?;
    let at = d.borrow().map().get_index_of(&k);
    match at {
        Some(i) => {
            d.borrow_mut().map_mut().move_index(i, 0);
            Ok(Value::None)
        }
        None => Err(crate::interp::Exc::with_args("KeyError", vec![key.clone()])),
    }
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
