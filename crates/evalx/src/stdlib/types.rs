//! `types`: the names of the interpreter's own types (`FunctionType`, `LambdaType`, `GeneratorType`,
//! `BuiltinFunctionType`, `MethodType`, `ModuleType`, `NoneType`, `EllipsisType`, `NotImplementedType`...),
//! taken from live objects so that `isinstance` agrees with `type()`, plus `SimpleNamespace`,
//! `MappingProxyType` (a read-only view of a mapping), `new_class`, `resolve_bases`, `prepare_class` and
//! `coroutine` (native: it marks a generator function's code so its generators may be awaited), with
//! `CoroutineType` and `AsyncGeneratorType`, and `CodeType` (what `compile()` returns). Types evalx does
//! not have (frame and traceback objects) are left out rather than faked.

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
del _f, _g, _C, _c, _co, _ag

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

class mappingproxy:
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
        if isinstance(other, mappingproxy):
            other = other._m
        return self._m == other
    def __ne__(self, other):
        return not self == other
    def __or__(self, other):
        if isinstance(other, mappingproxy):
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
MappingProxyType = mappingproxy

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
        &[("coroutine", super::asyncio::types_coroutine)],
        SOURCE,
    )
}
