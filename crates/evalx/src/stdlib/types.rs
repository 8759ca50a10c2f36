//! `types`: the names of the interpreter's own types (`FunctionType`, `LambdaType`, `GeneratorType`,
//! `BuiltinFunctionType`, `MethodType`, `ModuleType`, `NoneType`, `EllipsisType`, `NotImplementedType`...),
//! taken from live objects so that `isinstance` agrees with `type()`, plus `SimpleNamespace`,
//! `MappingProxyType` (a read-only view of a mapping), `new_class`, `resolve_bases`, `prepare_class` and
//! `GenericAlias` (`list[int]`) and `UnionType` (`int | None`), `coroutine` (native: it marks a generator function's code so its generators may be awaited), with
//! `CoroutineType` and `AsyncGeneratorType`, and `CodeType` (what `compile()` returns). `FrameType`,
//! `TracebackType`, `CellType` and `MemberDescriptorType` are the types of evalx's own frames
//! (`sys._getframe()`), tracebacks, closure cells and `__slots__` members; `MethodDescriptorType`,
//! `WrapperDescriptorType` and `MethodWrapperType` are the types of built-in methods reached by name
//! (`str.join`, `object.__init__`, `(1).__add__`), and `MappingProxyType` is the type of `C.__dict__`
//! (over a dict it is the built-in view; over another mapping, an evalx-level subclass).
//! `DynamicClassAttribute` is a property that only instances see.

use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
import sys as _sys

def _f():
    pass
FunctionType = type(_f)
LambdaType = type(lambda: None)

def _g():
    yield 1
GeneratorType = type(_g())

class _C:
    def _m(self):
        pass
MethodType = type(_C()._m)
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(_sys)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
CodeType = type(compile('', '<types>', 'exec'))

async def _c():
    pass
_co = _c()
CoroutineType = type(_co)
_co.close()

async def _ag():
    yield
AsyncGeneratorType = type(_ag())

FrameType = type(_sys._getframe())

def _cell_of():
    x = None
    def inner():
        return x
    return inner.__closure__[0]
CellType = type(_cell_of())

try:
    raise TypeError
except TypeError as _e:
    TracebackType = type(_e.__traceback__)
    del _e

class _Slots:
    __slots__ = ('a',)
MemberDescriptorType = type(_Slots.__dict__['a'])
MethodDescriptorType = type(str.join)
WrapperDescriptorType = type(object.__init__)
MethodWrapperType = type((1).__add__)
ClassMethodDescriptorType = _builtin_type('classmethod_descriptor')
GetSetDescriptorType = _builtin_type('getset_descriptor')
MappingProxyType = type(type.__dict__)

class DynamicClassAttribute:
    # A property read through instances only: on the class, `__getattr__` of the metaclass answers
    # (an AttributeError sends the lookup there), as enum members' `name` and `value` need.
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget, self.fset, self.fdel = fget, fset, fdel
        if doc is None and fget is not None:
            doc = fget.__doc__
        self.overwrite_doc = doc is None
        self.__doc__ = doc
        self.__isabstractmethod__ = bool(getattr(fget, '__isabstractmethod__', False))

    def __get__(self, instance, ownerclass=None):
        if instance is not None:
            if self.fget is None:
                raise AttributeError("unreadable attribute")
            return self.fget(instance)
        if self.__isabstractmethod__:
            return self
        raise AttributeError()

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("can't delete attribute")
        self.fdel(instance)

    def _with(self, fget, fset, fdel):
        doc = fget.__doc__ if self.overwrite_doc else self.__doc__
        made = type(self)(fget, fset, fdel, doc)
        made.overwrite_doc = self.overwrite_doc
        return made

    def getter(self, fget):
        return self._with(fget, self.fset, self.fdel)

    def setter(self, fset):
        return self._with(self.fget, fset, self.fdel)

    def deleter(self, fdel):
        return self._with(self.fget, self.fset, fdel)

async def _anext_default(awaitable, default):
    # What `anext(it, default)` awaits: the iterator's next value, or the default at its end.
    try:
        return await awaitable
    except StopAsyncIteration:
        return default

del _f, _g, _C, _c, _co, _ag, _cell_of, _Slots

class SimpleNamespace:
    def __init__(self, /, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __repr__(self):
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        key = id(self)
        if key in _repr_running:
            return name + "(...)"
        _repr_running.add(key)
        try:
            items = ["{}={}".format(k, v.__repr__() if isinstance(v, SimpleNamespace) else repr(v))
                     for k, v in self.__dict__.items()]
            return "{}({})".format(name, ", ".join(items))
        finally:
            _repr_running.discard(key)

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __hash__(self):
        raise TypeError("unhashable type: 'types.SimpleNamespace'")

    def __reduce__(self):
        return (type(self), (), dict(self.__dict__))

_repr_running = set()

class mappingproxy(MappingProxyType):
    # A view of a mapping other than a dict (a dict's view is the built-in one).
    def __init__(self, mapping):
        if isinstance(mapping, (list, tuple, str, bytes, int, float)) or mapping is None or \
                not hasattr(mapping, '__getitem__') or not hasattr(mapping, 'keys'):
            raise TypeError("mappingproxy() argument must be a mapping, not " + type(mapping).__name__)
        self._m = mapping
    def __getitem__(self, key):
        return self._m[key]
    def __setitem__(self, key, value):
        raise TypeError("'mappingproxy' object does not support item assignment")
    def __delitem__(self, key):
        raise TypeError("'mappingproxy' object does not support item deletion")
    def __iter__(self):
        return iter(self._m)
    def __reversed__(self):
        return reversed(self._m)
    def __len__(self):
        return len(self._m)
    def __contains__(self, key):
        return key in self._m
    def get(self, key, default=None):
        return self._m.get(key, default)
    def keys(self):
        return self._m.keys()
    def values(self):
        return self._m.values()
    def items(self):
        return self._m.items()
    def copy(self):
        return self._m.copy()
    def __eq__(self, other):
        if isinstance(other, _mappingproxy):
            other = other._m
        return self._m == other
    def __ne__(self, other):
        return not self == other
    def __or__(self, other):
        if isinstance(other, _mappingproxy):
            other = other._m
        return dict(self._m) | other
    def __ror__(self, other):
        return dict(other) | dict(self._m)
    def __ior__(self, other):
        raise TypeError("'|=' is not supported by mappingproxy; use '|' instead")
    __hash__ = None
    def __repr__(self):
        return "mappingproxy(" + repr(self._m) + ")"
    def __str__(self):
        return str(self._m)

mappingproxy.__module__ = 'builtins'
_mappingproxy = mappingproxy
del mappingproxy

def _type_repr(obj):
    # How a generic alias or a union shows its arguments: a class by its (module-qualified) name.
    if isinstance(obj, type) and not isinstance(obj, GenericAlias):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return obj.__module__ + '.' + obj.__qualname__
    if obj is ...:
        return '...'
    return repr(obj)

def _unionable(x):
    return x is None or isinstance(x, (type, GenericAlias, UnionType)) or \
        type(x).__module__ == 'typing'

def _union(a, b):
    # `a | b` for types (type.__or__): a flat union without repeats; one type left is that type.
    if not (_unionable(a) and _unionable(b)):
        return NotImplemented
    if type(a).__module__ == 'typing' or type(b).__module__ == 'typing':
        import typing
        return typing.Union[a, b]
    args = []
    for x in (a, b):
        for y in (x.__args__ if isinstance(x, UnionType) else (x,)):
            y = type(None) if y is None else y
            if y not in args:
                args.append(y)
    if len(args) == 1:
        return args[0]
    u = object.__new__(UnionType)
    u.__args__ = tuple(args)
    return u

class GenericAlias:
    """Represent a PEP 585 generic type

E.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,)."""

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        params = []
        for a in self.__args__:
            for p in (a.__parameters__ if isinstance(a, GenericAlias) else
                      (a,) if type(a).__name__ == 'TypeVar' else ()):
                if p not in params:
                    params.append(p)
        self.__parameters__ = tuple(params)

    def __repr__(self):
        if self.__args__ == ():
            inner = '()'
        else:
            inner = ', '.join(_type_repr(a) for a in self.__args__)
        return _type_repr(self.__origin__) + '[' + inner + ']'

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError("'types.GenericAlias' object has no attribute '" + name + "'")
        return getattr(self.__origin__, name)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __getitem__(self, args):
        if not self.__parameters__:
            raise TypeError("There are no type variables left in " + repr(self))
        args = args if isinstance(args, tuple) else (args,)
        if len(args) != len(self.__parameters__):
            raise TypeError("Too " + ("many" if len(args) > len(self.__parameters__) else "few") +
                            " arguments for " + repr(self))
        subst = dict(zip(self.__parameters__, args))
        new = []
        for a in self.__args__:
            if isinstance(a, GenericAlias) and a.__parameters__:
                a = a[tuple(subst[p] for p in a.__parameters__)]
            new.append(subst.get(a, a) if type(a).__name__ == 'TypeVar' else a)
        return GenericAlias(self.__origin__, tuple(new))

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")

    def __reduce__(self):
        return (GenericAlias, (self.__origin__, self.__args__))

class UnionType:
    """Represent a PEP 604 union type

E.g. for int | str"""

    def __repr__(self):
        return ' | '.join('None' if a is type(None) else _type_repr(a) for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __instancecheck__(self, obj):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("isinstance() argument 2 cannot be a parameterized generic")
            if isinstance(obj, a):
                return True
        return False

    def __subclasscheck__(self, cls):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("issubclass() argument 2 cannot be a parameterized generic")
            if issubclass(cls, a):
                return True
        return False

    @property
    def __parameters__(self):
        params = []
        for a in self.__args__:
            for p in getattr(a, '__parameters__', ()):
                if p not in params:
                    params.append(p)
        return tuple(params)

def resolve_bases(bases):
    new_bases = list(bases)
    updated = False
    shift = 0
    for i, base in enumerate(bases):
        if isinstance(base, type):
            continue
        if not hasattr(base, "__mro_entries__"):
            continue
        new_base = base.__mro_entries__(bases)
        updated = True
        if not isinstance(new_base, tuple):
            raise TypeError("__mro_entries__ must return a tuple")
        new_bases[i + shift:i + shift + 1] = new_base
        shift += len(new_base) - 1
    if not updated:
        return bases
    return tuple(new_bases)

def prepare_class(name, bases=(), kwds=None):
    if kwds is None:
        kwds = {}
    else:
        kwds = dict(kwds)
    meta = kwds.pop('metaclass', type)
    return meta, {}, kwds

def new_class(name, bases=(), kwds=None, exec_body=None):
    resolved_bases = resolve_bases(bases)
    meta, ns, kwds = prepare_class(name, resolved_bases, kwds)
    if exec_body is not None:
        exec_body(ns)
    if resolved_bases is not bases:
        ns['__orig_bases__'] = bases
    return meta(name, resolved_bases, ns, **kwds)

"#;

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "types",
        "Define names for built-in types that aren't directly accessible as a builtin.",
        &[
            ("coroutine", super::asyncio::types_coroutine),
            ("_builtin_type", builtin_type),
        ],
        SOURCE,
    )
}

/// `_builtin_type(name)`: one of the interpreter's own classes that has no builtins name.
fn builtin_type(it: &mut Interp, args: &[Value], _kw: super::Kw<'_>) -> PyResult<Value> {
    match args {
        [Value::Str(n)] => match it.types.exc.get(&**n) {
            Some(c) => Ok(Value::Class(c.clone())),
            None => Err(crate::interp::Exc::value_err("no such type")),
        },
        _ => Err(crate::interp::Exc::type_err("_builtin_type(name)")),
    }
}

/// `origin[args]` for a built-in class (`list[int]`): a `types.GenericAlias`.
pub(crate) fn generic_alias(it: &mut Interp, origin: &Value, args: &Value) -> PyResult<Value> {
    let f = super::internal_attr(it, "types", "GenericAlias")?;
    it.call(&f, vec![origin.clone(), args.clone()], Vec::new())
}

/// `a | b` where a side is a class (`type.__or__`): a `types.UnionType`, or `None` when the other side
/// cannot be part of a union.
pub(crate) fn union(it: &mut Interp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let f = super::internal_attr(it, "types", "_union")?;
    match it.call(&f, vec![a.clone(), b.clone()], Vec::new())? {
        Value::NotImplemented => Ok(None),
        u => Ok(Some(u)),
    }
}
