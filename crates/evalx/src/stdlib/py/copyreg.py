# evalx's copyreg: the registry of pickle/copy reduction functions (`pickle`, `copyreg.dispatch_table`,
# constructor and extension-code registries), written for evalx after CPython 3.11's documented API.

__all__ = ["pickle", "constructor", "add_extension", "remove_extension", "clear_extension_cache"]

dispatch_table = {}


def pickle(ob_type, pickle_function, constructor_ob=None):
    """Registers `pickle_function` as the reducer for instances of `ob_type`."""
    if not callable(pickle_function):
        raise TypeError("reduction functions must be callable")
    dispatch_table[ob_type] = pickle_function
    if constructor_ob is not None:
        constructor(constructor_ob)


def constructor(object):
    if not callable(object):
        raise TypeError("constructors must be callable")


def _pickle_complex(c):
    return complex, (c.real, c.imag)


pickle(complex, _pickle_complex, complex)


def pickle_union(obj):
    import functools
    import operator
    return functools.reduce, (operator.or_, obj.__args__)


def _reconstructor(cls, base, state):
    if base is object:
        obj = object.__new__(cls)
    else:
        obj = base.__new__(cls, state)
        if base.__init__ != object.__init__:
            base.__init__(obj, state)
    return obj


def _new(cls):
    # evalx's plain classes may not expose an inherited `__new__` as an attribute: object's then.
    new = getattr(cls, "__new__", None)
    return new if new is not None else (lambda c, *a, **k: object.__new__(c))


def __newobj__(cls, *args):
    return _new(cls)(cls, *args)


def __newobj_ex__(cls, args, kwargs):
    """Makes an instance through cls.__new__ with positional and keyword arguments."""
    return _new(cls)(cls, *args, **kwargs)


def _slotnames(cls):
    """The instance slot names of a class and its bases (mangled as stored), cached on the class."""
    names = cls.__dict__.get("__slotnames__")
    if names is not None:
        return names
    names = []
    if hasattr(cls, "__slots__"):
        for c in cls.__mro__:
            if "__slots__" in c.__dict__:
                slots = c.__dict__["__slots__"]
                if isinstance(slots, str):
                    slots = (slots,)
                for name in slots:
                    if name in ("__dict__", "__weakref__"):
                        continue
                    elif name.startswith("__") and not name.endswith("__"):
                        stripped = c.__name__.lstrip("_")
                        if stripped:
                            names.append("_%s%s" % (stripped, name))
                        else:
                            names.append(name)
                    else:
                        names.append(name)
    try:
        cls.__slotnames__ = names
    except Exception:
        pass
    return names


# The extension registry: (module, name) <-> code, a stable small integer for a pickled global.
_extension_registry = {}
_inverted_registry = {}
_extension_cache = {}


def add_extension(module, name, code):
    """Assigns extension code `code` to the global (module, name)."""
    code = int(code)
    if not 1 <= code <= 0x7fffffff:
        raise ValueError("code out of range")
    key = (module, name)
    if _extension_registry.get(key) == code and _inverted_registry.get(code) == key:
        return
    if key in _extension_registry:
        raise ValueError("key %s is already registered with code %s" % (key, _extension_registry[key]))
    if code in _inverted_registry:
        raise ValueError("code %s is already in use for key %s" % (code, _inverted_registry[code]))
    _extension_registry[key] = code
    _inverted_registry[code] = key


def remove_extension(module, name, code):
    """Removes an extension code assignment."""
    key = (module, name)
    if _extension_registry.get(key) != code or _inverted_registry.get(code) != key:
        raise ValueError("key %s is not registered with code %s" % (key, code))
    del _extension_registry[key]
    del _inverted_registry[code]
    if code in _extension_cache:
        del _extension_cache[code]


def clear_extension_cache():
    _extension_cache.clear()


# `object.__reduce_ex__`/`__reduce__`/`__getstate__` for plain objects (the interpreter's `object`
# members call these).
def _slot_values(obj):
    values = {}
    for klass in type(obj).__mro__:
        slots = klass.__dict__.get('__slots__', ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                name = '_' + klass.__name__.lstrip('_') + name
            if name not in values:
                try:
                    values[name] = getattr(obj, name)
                except AttributeError:
                    pass
    return values


def _object_getstate(obj):
    try:
        state = obj.__dict__
    except AttributeError:
        state = None
    if not state:
        state = None
    slots = _slot_values(obj)
    if slots:
        state = (state, slots)
    return state


def _has_slots(obj):
    return any('__slots__' in k.__dict__ for k in type(obj).__mro__ if k is not object)


def _builtin_base(cls):
    for base in cls.__mro__:
        if base.__module__ == 'builtins':
            return base
    return object


def _object_reduce_ex(obj, proto):
    cls = type(obj)
    own_getstate = getattr(cls, '__getstate__', None)
    custom = own_getstate is not None and own_getstate is not object.__getstate__
    if proto >= 2:
        getnewargs_ex = getattr(obj, '__getnewargs_ex__', None)
        if getnewargs_ex is not None:
            args, kwargs = getnewargs_ex()
        else:
            getnewargs = getattr(obj, '__getnewargs__', None)
            args, kwargs = (getnewargs() if getnewargs is not None else ()), {}
        state = obj.__getstate__() if custom else _object_getstate(obj)
        listitems = iter(obj) if isinstance(obj, list) else None
        dictitems = iter(obj.items()) if isinstance(obj, dict) else None
        if kwargs:
            return __newobj_ex__, (cls, tuple(args), kwargs), state, listitems, dictitems
        return __newobj__, (cls,) + tuple(args), state, listitems, dictitems
    base = _builtin_base(cls)
    if base is object:
        base_state = None
    elif base is cls:
        raise TypeError("cannot pickle {!r} object".format(cls.__name__))
    else:
        base_state = base(obj)
    if not custom and _has_slots(obj):
        raise TypeError("a class that defines __slots__ without defining __getstate__ cannot be pickled")
    state = obj.__getstate__() if custom else obj.__dict__ if hasattr(obj, '__dict__') else None
    if state:
        return _reconstructor, (cls, base, base_state), state
    return _reconstructor, (cls, base, base_state)
