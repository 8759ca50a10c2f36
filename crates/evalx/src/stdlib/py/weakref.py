"""Weak reference support for Python (evalx: the Python-level part of the weakref module)."""

# Callbacks of references (and finalizers) whose referent may die; swept by every operation here.
_watched = []
_object = object


# The built-in types CPython gives room for weak references (instances of the others, and of
# subclasses whose __slots__ all the way up leave out '__weakref__', cannot be weakly referenced).
_WEAK_BUILTINS = frozenset(('type', 'set', 'frozenset', 'memoryview', 'function', 'builtin_function_or_method',
                            'method', 'module', 'generator', 'coroutine', 'async_generator'))


def _new_checked(ob):
    state = _new(ob)
    cls = type(ob)
    if getattr(cls, '__module__', 'builtins') == 'builtins':
        if cls.__name__ in _WEAK_BUILTINS:
            return state
        raise TypeError("cannot create weak reference to '%s' object" % cls.__name__)
    if '__slots__' in cls.__dict__:
        for k in cls.__mro__:
            if k is object:
                break
            d = k.__dict__
            if getattr(k, '__module__', 'builtins') == 'builtins':
                if k.__name__ in _WEAK_BUILTINS:
                    return state
                break
            if '__slots__' not in d:
                return state
            slots = d['__slots__']
            if isinstance(slots, str):
                slots = (slots,)
            if '__weakref__' in slots:
                return state
        raise TypeError("cannot create weak reference to '%s' object" % cls.__name__)
    return state


# References and proxies with a callback, weakly: a reference object that dies first never calls its
# callback (as in CPython), and it does not outlive the program's last use of it.
_watched_refs = []


def _watch_ref(wr):
    _watched_refs.append(_new(wr))


def _sweep():
    if not _watched and not _watched_refs:
        return
    dead = [w for w in _watched if not _alive(w._wr_state)]
    if dead:
        _watched[:] = [w for w in _watched if _alive(w._wr_state)]
    if _watched_refs:
        keep = []
        for s in _watched_refs:
            wr = _get(s)
            if wr is None:
                continue
            if _alive(_object.__getattribute__(wr, '_wr_state')):
                keep.append(s)
            else:
                dead.append(wr)
        _watched_refs[:] = keep
    for w in dead:
        w._wr_died()


# Every reference and proxy of each object, for getweakrefs: id(referent) -> weak states of the
# reference objects, in creation order (checked on use, since an id can be reused).
_refs_of = {}
_refs_limit = [64]


def _note_ref(ob, wr):
    if len(_refs_of) >= _refs_limit[0]:
        for k in [k for k, states in _refs_of.items() if not any(_alive(s) for s in states)]:
            del _refs_of[k]
        _refs_limit[0] = max(64, 2 * len(_refs_of))
    _refs_of.setdefault(id(ob), []).append(_new(wr))


def getweakrefs(object, /):
    _sweep()
    states = _refs_of.get(id(object))
    if not states:
        return []
    live = []
    for s in states:
        wr = _get(s)
        if wr is not None and _get(_object.__getattribute__(wr, '_wr_state')) is object:
            live.append(wr)
    states[:] = [_new(wr) for wr in live]
    # CPython keeps the shared callback-less reference first, then the shared proxy, then the others.
    def rank(wr):
        if _object.__getattribute__(wr, '__callback__') is not None:
            return 2
        if type(wr) is ReferenceType:
            return 0
        if type(wr) in (ProxyType, CallableProxyType):
            return 1
        return 2
    # Among the others, the newest comes first (CPython inserts each after the shared ones).
    others = [wr for wr in live if rank(wr) == 2]
    others.reverse()
    return [wr for wr in live if rank(wr) == 0] + [wr for wr in live if rank(wr) == 1] + others


# The callback-less reference to each object, shared as CPython shares it: id(referent) -> the weak
# state of that reference object (checked on use, since an id can be reused after its object died).
_basic = {}
_basic_limit = [64]


def _prune_basic():
    for k in [k for k, s in _basic.items() if _get(s) is None or _get(_get(s)._wr_state) is None]:
        del _basic[k]
    _basic_limit[0] = max(64, 2 * len(_basic))


class ReferenceType:
    __slots__ = ('_wr_state', '__callback__', '_wr_hash', '__dict__')

    def __new__(cls, *args, **kwargs):
        if len(args) > 2:
            raise TypeError('__new__ expected at most 2 arguments, got %d' % len(args))
        if not args:
            raise TypeError('__new__ expected at least 1 argument, got 0')
        ob = args[0]
        callback = args[1] if len(args) > 1 else None
        if cls is ReferenceType and callback is None:
            s = _basic.get(id(ob))
            if s is not None:
                r = _get(s)
                if r is not None and _get(r._wr_state) is ob:
                    return r
        return object.__new__(cls)

    def __init__(self, ob, callback=None):
        _sweep()
        try:
            self._wr_state
            return
        except AttributeError:
            pass
        self._wr_state = _new_checked(ob)
        _note_ref(ob, self)
        if type(self) is ReferenceType and callback is None:
            if len(_basic) >= _basic_limit[0]:
                _prune_basic()
            _basic[id(ob)] = _new(self)
        self.__callback__ = callback
        if callback is not None:
            _watch_ref(self)

    def __call__(self):
        _sweep()
        return _get(self._wr_state)

    def _wr_died(self):
        cb = self.__callback__
        self.__callback__ = None
        if cb is not None:
            cb(self)

    def __hash__(self):
        try:
            return self._wr_hash
        except AttributeError:
            pass
        ob = _get(self._wr_state)
        if ob is None:
            raise TypeError('weak object has gone away')
        self._wr_hash = hash(ob)
        return self._wr_hash

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = _get(self._wr_state)
        b = _get(other._wr_state)
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    def __repr__(self):
        ob = _get(self._wr_state)
        if ob is None:
            return '<weakref at %#x; dead>' % id(self)
        name = getattr(ob, '__name__', None)
        if isinstance(name, str):
            return '<weakref at %#x; to %r at %#x (%s)>' % (id(self), type(ob).__name__, id(ob), name)
        return '<weakref at %#x; to %r at %#x>' % (id(self), type(ob).__name__, id(ob))

    def __class_getitem__(cls, item):
        return cls


ReferenceType.__module__ = 'weakref'
ref = ReferenceType


class WeakMethod(ref):
    """A weak reference to a bound method that lives as long as its object and function do."""

    __slots__ = ('_meth_type', '_func_ref')

    def __new__(cls, meth, callback=None):
        return object.__new__(cls)

    def __init__(self, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}".format(type(meth))) from None
        ref.__init__(self, obj, callback)
        self._func_ref = ref(func)
        self._meth_type = type(meth)

    def __call__(self):
        obj = ref.__call__(self)
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return _bind(func, obj)

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if ref.__call__(self) is None or ref.__call__(other) is None:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = ref.__hash__


def _proxy_target(p):
    ob = _get(object.__getattribute__(p, '_wr_state'))
    if ob is None:
        raise ReferenceError('weakly-referenced object no longer exists')
    return ob


class ProxyType:
    __slots__ = ('_wr_state', '__callback__', '__dict__')

    def __init__(self, ob, callback=None):
        _sweep()
        object.__setattr__(self, '_wr_state', _new_checked(ob))
        object.__setattr__(self, '__callback__', callback)
        _note_ref(ob, self)
        if callback is not None:
            _watch_ref(self)

    def _wr_died(self):
        cb = object.__getattribute__(self, '__callback__')
        object.__setattr__(self, '__callback__', None)
        if cb is not None:
            cb(self)

    def __getattr__(self, name):
        return getattr(_proxy_target(self), name)

    def __setattr__(self, name, value):
        setattr(_proxy_target(self), name, value)

    def __delattr__(self, name):
        delattr(_proxy_target(self), name)

    def __repr__(self):
        ob = _proxy_target(self)
        return '<weakproxy at %#x; to %r at %#x>' % (id(self), type(ob).__name__, id(ob))

    def __str__(self):
        return str(_proxy_target(self))

    def __bool__(self):
        return bool(_proxy_target(self))

    def __hash__(self):
        raise TypeError("unhashable type: 'weakref.ProxyType'")

    def __eq__(self, other):
        return _proxy_target(self) == other

    def __ne__(self, other):
        return _proxy_target(self) != other

    def __lt__(self, other):
        return _proxy_target(self) < other

    def __le__(self, other):
        return _proxy_target(self) <= other

    def __gt__(self, other):
        return _proxy_target(self) > other

    def __ge__(self, other):
        return _proxy_target(self) >= other

    def __len__(self):
        return len(_proxy_target(self))

    def __iter__(self):
        return iter(_proxy_target(self))

    def __next__(self):
        return next(_proxy_target(self))

    def __contains__(self, item):
        return item in _proxy_target(self)

    def __getitem__(self, key):
        return _proxy_target(self)[key]

    def __setitem__(self, key, value):
        _proxy_target(self)[key] = value

    def __delitem__(self, key):
        del _proxy_target(self)[key]

    def __add__(self, other):
        return _proxy_target(self) + other

    def __sub__(self, other):
        return _proxy_target(self) - other

    def __mul__(self, other):
        return _proxy_target(self) * other

    def __truediv__(self, other):
        return _proxy_target(self) / other

    def __floordiv__(self, other):
        return _proxy_target(self) // other

    def __mod__(self, other):
        return _proxy_target(self) % other

    def __neg__(self):
        return -_proxy_target(self)

    def __abs__(self):
        return abs(_proxy_target(self))

    def __int__(self):
        return int(_proxy_target(self))

    def __float__(self):
        return float(_proxy_target(self))

    def __index__(self):
        return _proxy_target(self).__index__()

    def __enter__(self):
        return _proxy_target(self).__enter__()

    def __exit__(self, *exc):
        return _proxy_target(self).__exit__(*exc)


class CallableProxyType(ProxyType):
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return _proxy_target(self)(*args, **kwargs)


ProxyType.__module__ = 'weakref'
CallableProxyType.__module__ = 'weakref'
ProxyTypes = (ProxyType, CallableProxyType)


def proxy(object, callback=None):
    if callable(object):
        return CallableProxyType(object, callback)
    return ProxyType(object, callback)


def getweakrefcount(object):
    _sweep()
    return _count(object)


class KeyedRef(ref):
    __slots__ = ('key',)

    def __new__(cls, ob, callback, key):
        return object.__new__(cls)

    def __init__(self, ob, callback, key):
        ref.__init__(self, ob, callback)
        self.key = key


class _WeakMapping:
    # What the two weak dictionaries share: their live entries are `self._live()` (a dict swept of dead
    # references), and `copy`/`update` are each class's own.

    def __len__(self):
        return len(self._live())

    def __repr__(self):
        return '<%s at %#x>' % (self.__class__.__name__, id(self))

    def __or__(self, other):
        c = self.copy()
        c.update(other)
        return c

    def __ior__(self, other):
        self.update(other)
        return self

    def clear(self):
        self.data.clear()


class WeakValueDictionary(_WeakMapping):
    """Mapping class that references values weakly."""

    def __init__(self, other=(), /, **kw):
        self.data = {}
        self.update(other, **kw)

    def _live(self):
        _sweep()
        d = self.data
        dead = [k for k, r in d.items() if r() is None]
        for k in dead:
            del d[k]
        return d

    def __getitem__(self, key):
        o = self._live()[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self._live()[key] = KeyedRef(value, None, key)

    def __delitem__(self, key):
        del self._live()[key]

    def __contains__(self, key):
        try:
            o = self._live()[key]()
        except KeyError:
            return False
        return o is not None

    def __iter__(self):
        return iter(list(self._live()))

    def keys(self):
        return list(self._live().keys())

    def values(self):
        return [r() for r in self._live().values()]

    def items(self):
        return [(k, r()) for k, r in self._live().items()]

    def itervaluerefs(self):
        return iter(list(self._live().values()))

    def valuerefs(self):
        return list(self._live().values())

    def get(self, key, default=None):
        try:
            r = self._live()[key]
        except KeyError:
            return default
        o = r()
        return default if o is None else o

    def pop(self, key, *args):
        try:
            o = self._live().pop(key)()
        except KeyError:
            if args:
                return args[0]
            raise
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def popitem(self):
        d = self._live()
        while True:
            key, r = d.popitem()
            o = r()
            if o is not None:
                return key, o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), /, **kw):
        d = self._live()
        if hasattr(other, 'items'):
            other = other.items()
        for k, v in other:
            d[k] = KeyedRef(v, None, k)
        for k, v in kw.items():
            d[k] = KeyedRef(v, None, k)

    def copy(self):
        return WeakValueDictionary(self.items())

    __copy__ = copy


class WeakKeyDictionary(_WeakMapping):
    """Mapping class that references keys weakly."""

    def __init__(self, dict=None):
        self.data = {}
        if dict is not None:
            self.update(dict)

    def _live(self):
        _sweep()
        d = self.data
        dead = [r for r in d if r() is None]
        for r in dead:
            del d[r]
        return d

    def __getitem__(self, key):
        return self._live()[ref(key)]

    def __setitem__(self, key, value):
        self._live()[ref(key)] = value

    def __delitem__(self, key):
        del self._live()[ref(key)]

    def __contains__(self, key):
        try:
            r = ref(key)
        except TypeError:
            return False
        return r in self._live()

    def __iter__(self):
        return iter([r() for r in list(self._live())])

    def keys(self):
        return [r() for r in self._live()]

    def values(self):
        return list(self._live().values())

    def items(self):
        return [(r(), v) for r, v in self._live().items()]

    def keyrefs(self):
        return list(self._live())

    def get(self, key, default=None):
        return self._live().get(ref(key), default)

    def pop(self, key, *args):
        return self._live().pop(ref(key), *args)

    def popitem(self):
        d = self._live()
        while True:
            r, v = d.popitem()
            o = r()
            if o is not None:
                return o, v

    def setdefault(self, key, default=None):
        return self._live().setdefault(ref(key), default)

    def update(self, dict=None, /, **kw):
        d = self._live()
        if dict is not None:
            if hasattr(dict, 'items'):
                dict = dict.items()
            for k, v in dict:
                d[ref(k)] = v
        if kw:
            self.update(kw)

    def copy(self):
        return WeakKeyDictionary(self.items())

    __copy__ = copy


class WeakSet:
    def __init__(self, data=None):
        self.data = set()
        if data is not None:
            self.update(data)

    def _live(self):
        _sweep()
        s = self.data
        dead = [r for r in s if r() is None]
        for r in dead:
            s.discard(r)
        return s

    def __iter__(self):
        return iter([r() for r in list(self._live())])

    def __len__(self):
        return len(self._live())

    def __contains__(self, item):
        try:
            r = ref(item)
        except TypeError:
            return False
        return r in self._live()

    def __repr__(self):
        return repr(self._live())

    def add(self, item):
        self._live().add(ref(item))

    def clear(self):
        self.data.clear()

    def copy(self):
        return WeakSet(self)

    def pop(self):
        s = self._live()
        while True:
            try:
                r = s.pop()
            except KeyError:
                raise KeyError('pop from empty WeakSet') from None
            o = r()
            if o is not None:
                return o

    def remove(self, item):
        self._live().remove(ref(item))

    def discard(self, item):
        self._live().discard(ref(item))

    def update(self, other):
        s = self._live()
        for o in other:
            s.add(ref(o))

    def __ior__(self, other):
        self.update(other)
        return self

    def difference(self, other):
        return WeakSet([o for o in self if o not in other])

    __sub__ = difference

    def intersection(self, other):
        return WeakSet([o for o in self if o in other])

    __and__ = intersection

    def union(self, other):
        c = WeakSet(self)
        c.update(other)
        return c

    __or__ = union

    def issubset(self, other):
        return all(o in other for o in self)

    __le__ = issubset

    def issuperset(self, other):
        return all(o in self for o in other)

    __ge__ = issuperset

    def __eq__(self, other):
        if not isinstance(other, WeakSet):
            return NotImplemented
        return self._live() == other._live()


class finalize:
    """Class for finalization of weakrefable objects."""

    __slots__ = ('_wr_state', '_info', '__dict__')
    _registry_counter = 0

    def __init__(self, obj, func, /, *args, **kwargs):
        _sweep()
        self._wr_state = _new_checked(obj)
        finalize._registry_counter += 1
        self._info = (func, args, kwargs or None, True, finalize._registry_counter)
        _watched.append(self)

    def _wr_died(self):
        self()

    def __call__(self, _=None):
        info = self._info
        if info is not None:
            self._info = None
            if self in _watched:
                _watched.remove(self)
            func, args, kwargs = info[0], info[1], info[2]
            return func(*args, **(kwargs or {}))

    def detach(self):
        _sweep()
        info = self._info
        obj = _get(self._wr_state)
        if obj is not None and info is not None:
            self._info = None
            if self in _watched:
                _watched.remove(self)
            return (obj, info[0], info[1], info[2] or {})

    def peek(self):
        _sweep()
        info = self._info
        obj = _get(self._wr_state)
        if obj is not None and info is not None:
            return (obj, info[0], info[1], info[2] or {})

    @property
    def alive(self):
        _sweep()
        return self._info is not None

    @property
    def atexit(self):
        info = self._info
        return bool(info is not None and info[3])

    @atexit.setter
    def atexit(self, value):
        info = self._info
        if info is not None:
            self._info = (info[0], info[1], info[2], bool(value), info[4])

    def __repr__(self):
        obj = _get(self._wr_state)
        if obj is None:
            return '<finalize object at %#x; dead>' % id(self)
        return '<finalize object at %#x; for %r at %#x>' % (id(self), type(obj).__name__, id(obj))
