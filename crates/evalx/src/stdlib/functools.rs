//! `functools`: `reduce`, `partial`, `partialmethod`, `lru_cache`, `cache`, `cached_property`,
//! `wraps`/`update_wrapper`, `total_ordering`, `cmp_to_key`, `singledispatch`/`singledispatchmethod`,
//! `recursive_repr`, with CPython 3.11's signatures, reprs and error texts.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__', '__annotations__')
WRAPPER_UPDATES = ('__dict__',)

_MARK = object()

def reduce(function, sequence, initial=_MARK):
    it = iter(sequence)
    if initial is _MARK:
        for value in it:
            break
        else:
            raise TypeError("reduce() of empty iterable with no initial value")
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value

class partial:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if type(func) is partial:
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, /, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(x) for x in self.args)
        parts.extend(str(k) + "=" + repr(v) for (k, v) in self.keywords.items())
        return "functools.partial(" + ", ".join(parts) + ")"

def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            try:
                setattr(wrapper, attr, value)
            except (AttributeError, TypeError):
                pass
    for attr in updated:
        try:
            getattr(wrapper, attr).update(getattr(wrapped, attr, {}))
        except AttributeError:
            pass
    try:
        wrapper.__wrapped__ = wrapped
    except (AttributeError, TypeError):
        pass
    return wrapper

def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)

class _CacheInfo:
    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize
    def _t(self):
        return (self.hits, self.misses, self.maxsize, self.currsize)
    def __iter__(self):
        return iter(self._t())
    def __getitem__(self, i):
        return self._t()[i]
    def __len__(self):
        return 4
    def __eq__(self, other):
        if isinstance(other, _CacheInfo):
            other = other._t()
        return self._t() == other
    def __hash__(self):
        return hash(self._t())
    def __repr__(self):
        return "CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)" % self._t()

_CacheInfo.__name__ = "CacheInfo"

def _make_key(args, kwds, typed):
    key = args
    if kwds:
        key += (_MARK,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple([type(v) for v in args])
        if kwds:
            key += tuple([type(v) for v in kwds.values()])
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key

def _lru_wrapper(user_function, maxsize, typed):
    cache = {}
    stats = [0, 0]
    def wrapper(*args, **kwds):
        key = _make_key(args, kwds, typed)
        if key in cache:
            stats[0] += 1
            result = cache[key]
            if maxsize is not None:
                del cache[key]
                cache[key] = result
            return result
        stats[1] += 1
        result = user_function(*args, **kwds)
        if maxsize is None:
            cache[key] = result
        elif maxsize > 0:
            if key in cache:
                del cache[key]
            elif len(cache) >= maxsize:
                del cache[next(iter(cache))]
            cache[key] = result
        return result
    def cache_info():
        return _CacheInfo(stats[0], stats[1], maxsize, len(cache))
    def cache_clear():
        cache.clear()
        stats[0] = stats[1] = 0
    def cache_parameters():
        return {'maxsize': maxsize, 'typed': typed}
    update_wrapper(wrapper, user_function)
    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = cache_parameters
    return wrapper

def lru_cache(maxsize=128, typed=False):
    if isinstance(maxsize, int) and type(maxsize) is not bool:
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        return _lru_wrapper(maxsize, 128, typed)
    elif maxsize is not None:
        raise TypeError("Expected first argument to be an integer, a callable, or None")
    def decorating_function(user_function):
        return _lru_wrapper(user_function, maxsize, typed)
    return decorating_function

def cache(user_function, /):
    return _lru_wrapper(user_function, None, False)

_CONVERT = {
    '__lt__': [('__gt__', lambda self, other: _not_op_and_not_eq(self.__lt__, self, other)),
               ('__le__', lambda self, other: _op_or_eq(self.__lt__, self, other)),
               ('__ge__', lambda self, other: _not_op(self.__lt__, other))],
    '__le__': [('__ge__', lambda self, other: _not_op_or_eq(self.__le__, self, other)),
               ('__lt__', lambda self, other: _op_and_not_eq(self.__le__, self, other)),
               ('__gt__', lambda self, other: _not_op(self.__le__, other))],
    '__gt__': [('__lt__', lambda self, other: _not_op_and_not_eq(self.__gt__, self, other)),
               ('__ge__', lambda self, other: _op_or_eq(self.__gt__, self, other)),
               ('__le__', lambda self, other: _not_op(self.__gt__, other))],
    '__ge__': [('__le__', lambda self, other: _not_op_or_eq(self.__ge__, self, other)),
               ('__gt__', lambda self, other: _op_and_not_eq(self.__ge__, self, other)),
               ('__lt__', lambda self, other: _not_op(self.__ge__, other))],
}

def _not_op(op, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return not r

def _op_or_eq(op, self, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return r or self == other

def _not_op_and_not_eq(op, self, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return not r and self != other

def _not_op_or_eq(op, self, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return not r or self == other

def _op_and_not_eq(op, self, other):
    r = op(other)
    if r is NotImplemented:
        return r
    return r and self != other

def total_ordering(cls):
    roots = [op for op in _CONVERT if getattr(cls, op, None) is not getattr(object, op, None)]
    if not roots:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = max(roots)
    for opname, opfunc in _CONVERT[root]:
        if opname not in roots:
            opfunc.__name__ = opname
            setattr(cls, opname, opfunc)
    return cls

def cmp_to_key(mycmp):
    class K(object):
        __slots__ = ['obj']
        def __init__(self, obj):
            self.obj = obj
        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0
        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0
        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0
        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0
        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0
        __hash__ = None
    return K

_NOT_FOUND = object()

class cached_property:
    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__
        self.__module__ = getattr(func, '__module__', None)

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError("Cannot assign the same cached_property to two different names "
                            "(%r and %r)." % (self.attrname, name))

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError("Cannot use cached_property instance without calling __set_name__ on it.")
        try:
            cache = instance.__dict__
        except AttributeError:
            msg = ("No '__dict__' attribute on %r instance to cache %r property." %
                   (type(instance).__name__, self.attrname))
            raise TypeError(msg) from None
        val = cache.get(self.attrname, _NOT_FOUND)
        if val is _NOT_FOUND:
            val = self.func(instance)
            cache[self.attrname] = val
        return val

class partialmethod:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func) and not hasattr(func, "__get__"):
            raise TypeError("{!r} is not callable or a descriptor".format(func))
        self.func = func
        self.args = args
        self.keywords = keywords

    def __repr__(self):
        args = ", ".join(map(repr, self.args))
        keywords = ", ".join("{}={!r}".format(k, v) for k, v in self.keywords.items())
        parts = [repr(self.func)] + [x for x in (args, keywords) if x]
        return "functools.partialmethod(" + ", ".join(parts) + ")"

    def __get__(self, obj, cls=None):
        if obj is None:
            func, args, keywords = self.func, self.args, self.keywords
            def _method(cls_or_self, /, *rest, **more):
                return func(cls_or_self, *args, *rest, **{**keywords, **more})
            _method.__partialmethod__ = self
            return _method
        return partial(self.func, obj, *self.args, **self.keywords)

def _find_impl(cls, registry):
    # The implementation for `cls`: the first class of its MRO with one, else the most specific
    # registered class (an ABC) that `cls` is a subclass of, else `object`'s.
    for k in cls.__mro__:
        if k in registry and k is not object:
            return registry[k]
    best = None
    for k in registry:
        if k is not object and issubclass(cls, k) and (best is None or issubclass(k, best)):
            best = k
    return registry[best] if best is not None else registry[object]

def _register_types(ann):
    import types as _types
    if isinstance(ann, _types.UnionType):
        return list(ann.__args__)
    return [ann]

def singledispatch(func):
    registry = {}
    funcname = getattr(func, '__name__', 'singledispatch function')

    def dispatch(cls):
        return _find_impl(cls, registry)

    def register(cls, func=None):
        if func is None:
            if isinstance(cls, type):
                return lambda f: register(cls, f)
            ann = getattr(cls, '__annotations__', {})
            if not ann:
                raise TypeError(
                    f"Invalid first argument to `register()`: {cls!r}. "
                    f"Use either `@register(some_class)` or plain `@register` "
                    f"on an annotated function."
                )
            func = cls
            argname, cls = next(iter((k, v) for k, v in ann.items() if k != 'return'))
            for c in _register_types(cls):
                if not isinstance(c, type):
                    raise TypeError(
                        f"Invalid annotation for {argname!r}. {cls!r} is not a class."
                    )
                registry[c] = func
            return func
        import types as _types
        if isinstance(cls, _types.UnionType):
            for c in cls.__args__:
                registry[c] = func
            return func
        if not isinstance(cls, type):
            raise TypeError(f"Invalid first argument to `register()`. {cls!r} is not a class or union type.")
        registry[cls] = func
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f'{funcname} requires at least 1 positional argument')
        return dispatch(args[0].__class__)(*args, **kw)

    import types as _types
    registry[object] = func
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = _types.MappingProxyType(registry)
    wrapper._clear_cache = lambda: None
    update_wrapper(wrapper, func)
    return wrapper

class singledispatchmethod:
    def __init__(self, func):
        if not callable(func) and not hasattr(func, "__get__"):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        def _method(*args, **kwargs):
            method = self.dispatcher.dispatch(args[0].__class__)
            if obj is None:
                return method(*args, **kwargs)
            return method(obj, *args, **kwargs)
        _method.register = self.register
        update_wrapper(_method, self.func)
        return _method

    @property
    def __isabstractmethod__(self):
        return getattr(self.func, '__isabstractmethod__', False)

def recursive_repr(fillvalue='...'):
    def decorating_function(user_function):
        running = set()

        def wrapper(self):
            key = id(self)
            if key in running:
                return fillvalue
            running.add(key)
            try:
                result = user_function(self)
            finally:
                running.discard(key)
            return result

        update_wrapper(wrapper, user_function)
        return wrapper

    return decorating_function
"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "functools",
        "functools.py - Tools for working with functions and callable objects",
        &[],
        SOURCE,
    )
}
