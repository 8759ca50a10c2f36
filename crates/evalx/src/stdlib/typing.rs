//! `typing`: the runtime side of type hints with CPython 3.11's reprs and equality — subscripted aliases
//! (`List[int]`, `Dict[str, int]`, `Tuple[int, ...]`, `Callable[[int], str]`, the `collections.abc` ones),
//! `Optional`/`Union` (flattened, deduplicated, `Optional[X]` shown for `Union[X, None]`), `Any`,
//! `Literal`, `ClassVar`, `Final`, `Type`, `TypeVar`, `Generic` (and `Box[int](...)`), `Protocol`,
//! `NamedTuple` (class and functional forms, through `__mro_entries__`), `TypedDict`, `NewType`, `cast`,
//! `overload`, `final`, `get_type_hints`, `get_origin`, `get_args`, `TYPE_CHECKING`.

use super::{Kw, arity};
use crate::interp::{Interp, PyResult};
use crate::value::Value;

const SOURCE: &str = r#"
import collections as _collections
import collections.abc as _abc
import abc as _abcmeta
import types as _types
import contextlib as _contextlib
import re as _re

TYPE_CHECKING = False

def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if type(obj).__name__ == 'function':
        return obj.__name__
    return repr(obj)

def _type_check(arg):
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg)
    return arg

class ForwardRef:
    def __init__(self, arg):
        self.__forward_arg__ = arg
    def __repr__(self):
        return f'ForwardRef({self.__forward_arg__!r})'
    def __eq__(self, other):
        return isinstance(other, ForwardRef) and self.__forward_arg__ == other.__forward_arg__
    def __hash__(self):
        return hash(self.__forward_arg__)

class _Final:
    pass

class _SpecialForm(_Final):
    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem
    def __repr__(self):
        return 'typing.' + self._name
    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(f'{self} is not subscriptable')
        return self._getitem(self, parameters)
    def __call__(self, *args, **kwds):
        raise TypeError(f'Cannot instantiate {self!r}')
    def __mro_entries__(self, bases):
        raise TypeError(f'Cannot subclass {self!r}')
    def __or__(self, other):
        return Union[self, other]
    def __ror__(self, other):
        return Union[other, self]

class _GenericAlias(_Final):
    def __init__(self, origin, args, name=None):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = tuple(a for a in args if isinstance(a, TypeVar))
        self._name = name
    def __repr__(self):
        name = 'typing.' + self._name if self._name else _type_repr(self.__origin__)
        if self.__args__ == ():
            return f'{name}[()]'
        return f'{name}[{", ".join(_type_repr(a) for a in self.__args__)}]'
    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__
    def __hash__(self):
        return hash((self.__origin__, self.__args__))
    def __call__(self, *args, **kwargs):
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        subst = dict(zip(self.__parameters__, params))
        new_args = tuple(subst.get(a, a) if isinstance(a, TypeVar) else a for a in self.__args__)
        return self.copy_with(new_args)
    def copy_with(self, args):
        return _GenericAlias(self.__origin__, args, self._name)
    def __mro_entries__(self, bases):
        return (self.__origin__,)
    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)
    def __or__(self, other):
        return Union[self, other]
    def __ror__(self, other):
        return Union[other, self]

class _UnionGenericAlias(_GenericAlias):
    def copy_with(self, params):
        return Union[params]
    def __repr__(self):
        args = self.__args__
        if len(args) == 2:
            if args[0] is type(None):
                return f'typing.Optional[{_type_repr(args[1])}]'
            elif args[1] is type(None):
                return f'typing.Optional[{_type_repr(args[0])}]'
        return f'typing.Union[{", ".join(_type_repr(a) for a in args)}]'
    def __eq__(self, other):
        if not isinstance(other, _UnionGenericAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)
    def __hash__(self):
        return hash(frozenset(self.__args__))

class _CallableGenericAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and (args[0] is ... or getattr(self, '_whole_params', False)):
            return f'typing.Callable[{_type_repr(args[0])}, {_type_repr(args[1])}]'
        return (f'typing.Callable[[{", ".join(_type_repr(a) for a in args[:-1])}], '
                f'{_type_repr(args[-1])}]')

class _ConcatenateGenericAlias(_GenericAlias):
    pass

class _UnpackGenericAlias(_GenericAlias):
    def __repr__(self):
        return '*' + _type_repr(self.__args__[0])

class _LiteralGenericAlias(_GenericAlias):
    def __repr__(self):
        return f'typing.Literal[{", ".join(repr(a) for a in self.__args__)}]'

class _SpecialGenericAlias(_Final):
    def __init__(self, origin, nparams, name):
        self.__origin__ = origin
        self._nparams = nparams
        self._name = name
    def __repr__(self):
        return 'typing.' + self._name
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(_type_check(p) for p in params)
        if self._name == 'Tuple':
            return _GenericAlias(self.__origin__, params, 'Tuple')
        if self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError(f"Too {'many' if len(params) > self._nparams else 'few'} arguments for {self};"
                            f" actual {len(params)}, expected {self._nparams}")
        return _GenericAlias(self.__origin__, params, self._name)
    def __call__(self, *args, **kwargs):
        if self._name in ('List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Type'):
            raise TypeError(f'Type {self._name} cannot be instantiated; use {self.__origin__.__name__}() instead')
        return self.__origin__(*args, **kwargs)
    def __mro_entries__(self, bases):
        return (self.__origin__,)
    def __eq__(self, other):
        return isinstance(other, _SpecialGenericAlias) and self._name == other._name
    def __hash__(self):
        return hash(self._name)
    def __or__(self, other):
        return Union[self, other]

class _CallableType(_SpecialGenericAlias):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError('Callable must be used as Callable[[arg, ...], result].')
        args, result = params
        if args is ... or isinstance(args, (ParamSpec, _ConcatenateGenericAlias)):
            alias = _CallableGenericAlias(self.__origin__, (args, _type_check(result)), 'Callable')
            alias._whole_params = True
            return alias
        if not isinstance(args, (list, tuple)):
            raise TypeError(f'Callable[args, result]: args must be a list. Got {args}')
        return _CallableGenericAlias(self.__origin__,
                                     tuple(_type_check(a) for a in args) + (_type_check(result),),
                                     'Callable')

def _flatten_union(params):
    out = []
    for p in params:
        if isinstance(p, _UnionGenericAlias):
            items = p.__args__
        else:
            items = (p,)
        for q in items:
            if q not in out:
                out.append(q)
    return tuple(out)

def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError('Cannot take a Union of no types.')
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    parameters = _flatten_union(tuple(_type_check(p) for p in parameters))
    if len(parameters) == 1:
        return parameters[0]
    return _UnionGenericAlias(self, parameters)

def _optional_getitem(self, parameters):
    arg = _type_check(parameters)
    return Union[arg, type(None)]

def _single_getitem(self, parameters):
    return _GenericAlias(self, (_type_check(parameters),), self._name)

def _literal_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    return _LiteralGenericAlias(self, parameters, 'Literal')

Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union_getitem)
Optional = _SpecialForm('Optional', _optional_getitem)
ClassVar = _SpecialForm('ClassVar', _single_getitem)
Final = _SpecialForm('Final', _single_getitem)
Literal = _SpecialForm('Literal', _literal_getitem)
TypeGuard = _SpecialForm('TypeGuard', _single_getitem)
Required = _SpecialForm('Required', _single_getitem)
NotRequired = _SpecialForm('NotRequired', _single_getitem)

def _concatenate_getitem(self, parameters):
    if parameters == ():
        raise TypeError('Cannot take a Concatenate of no types.')
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    if not (parameters[-1] is ... or isinstance(parameters[-1], ParamSpec)):
        raise TypeError('The last parameter to Concatenate should be a ParamSpec variable or ellipsis.')
    parameters = tuple(_type_check(p) for p in parameters[:-1]) + (parameters[-1],)
    return _ConcatenateGenericAlias(self, parameters, 'Concatenate')

def _unpack_getitem(self, parameters):
    return _UnpackGenericAlias(self, (_type_check(parameters),), 'Unpack')

Concatenate = _SpecialForm('Concatenate', _concatenate_getitem)
Unpack = _SpecialForm('Unpack', _unpack_getitem)
Annotated = _SpecialForm('Annotated', lambda self, p: _GenericAlias(self, p if isinstance(p, tuple) else (p,), 'Annotated'))

def _origin(name, default=object):
    return getattr(_abc, name, default)

List = _SpecialGenericAlias(list, 1, 'List')
Dict = _SpecialGenericAlias(dict, 2, 'Dict')
Set = _SpecialGenericAlias(set, 1, 'Set')
FrozenSet = _SpecialGenericAlias(frozenset, 1, 'FrozenSet')
Tuple = _SpecialGenericAlias(tuple, -1, 'Tuple')
Type = _SpecialGenericAlias(type, 1, 'Type')
DefaultDict = _SpecialGenericAlias(_collections.defaultdict, 2, 'DefaultDict')
OrderedDict = _SpecialGenericAlias(_collections.OrderedDict, 2, 'OrderedDict')
Counter = _SpecialGenericAlias(_collections.Counter, 1, 'Counter')
ChainMap = _SpecialGenericAlias(_collections.ChainMap, 2, 'ChainMap')
Deque = _SpecialGenericAlias(_collections.deque, 1, 'Deque')
Callable = _CallableType(_origin('Callable'), 2, 'Callable')
Iterable = _SpecialGenericAlias(_origin('Iterable'), 1, 'Iterable')
Iterator = _SpecialGenericAlias(_origin('Iterator'), 1, 'Iterator')
Reversible = _SpecialGenericAlias(_origin('Reversible'), 1, 'Reversible')
Sequence = _SpecialGenericAlias(_origin('Sequence'), 1, 'Sequence')
MutableSequence = _SpecialGenericAlias(_origin('MutableSequence'), 1, 'MutableSequence')
Mapping = _SpecialGenericAlias(_origin('Mapping'), 2, 'Mapping')
MutableMapping = _SpecialGenericAlias(_origin('MutableMapping'), 2, 'MutableMapping')
AbstractSet = _SpecialGenericAlias(_origin('Set'), 1, 'AbstractSet')
MutableSet = _SpecialGenericAlias(_origin('MutableSet'), 1, 'MutableSet')
Collection = _SpecialGenericAlias(_origin('Collection'), 1, 'Collection')
Container = _SpecialGenericAlias(_origin('Container'), 1, 'Container')
Generator = _SpecialGenericAlias(_origin('Generator'), 3, 'Generator')
AsyncIterator = _SpecialGenericAlias(_origin('AsyncIterator'), 1, 'AsyncIterator')
AsyncIterable = _SpecialGenericAlias(_origin('AsyncIterable'), 1, 'AsyncIterable')
Awaitable = _SpecialGenericAlias(_origin('Awaitable'), 1, 'Awaitable')
Coroutine = _SpecialGenericAlias(_origin('Coroutine'), 3, 'Coroutine')
KeysView = _SpecialGenericAlias(_origin('KeysView'), 1, 'KeysView')
ItemsView = _SpecialGenericAlias(_origin('ItemsView'), 2, 'ItemsView')
ValuesView = _SpecialGenericAlias(_origin('ValuesView'), 1, 'ValuesView')
AsyncGenerator = _SpecialGenericAlias(_origin('AsyncGenerator'), 2, 'AsyncGenerator')
ByteString = _SpecialGenericAlias(_origin('ByteString'), 0, 'ByteString')
MappingView = _SpecialGenericAlias(_origin('MappingView'), 1, 'MappingView')
ContextManager = _SpecialGenericAlias(_contextlib.AbstractContextManager, 1, 'ContextManager')
AsyncContextManager = _SpecialGenericAlias(_contextlib.AbstractAsyncContextManager, 1, 'AsyncContextManager')
Pattern = _SpecialGenericAlias(_re.Pattern, 1, 'Pattern')
Match = _SpecialGenericAlias(_re.Match, 1, 'Match')
Hashable = _origin('Hashable')
Sized = _origin('Sized')
Text = str

class TypeVar(_Final):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        if constraints and bound is not None:
            raise TypeError('Constraints cannot be combined with bound=...')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        self.__constraints__ = tuple(_type_check(t) for t in constraints)
        self.__bound__ = _type_check(bound) if bound is not None else None
    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__
    def __or__(self, other):
        return Union[self, other]

AnyStr = TypeVar('AnyStr', bytes, str)

class _ParamSpecPart(_Final):
    # P.args / P.kwargs: which one is the subclass's `_part`.
    _part = ''
    def __init__(self, origin):
        self.__origin__ = origin
    def __repr__(self):
        return f'{self.__origin__.__name__}.{self._part}'
    def __eq__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.__origin__ == other.__origin__
    def __hash__(self):
        return hash((type(self), id(self.__origin__)))

class ParamSpecArgs(_ParamSpecPart):
    _part = 'args'

class ParamSpecKwargs(_ParamSpecPart):
    _part = 'kwargs'

class ParamSpec(_Final):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__bound__ = _type_check(bound) if bound is not None else None
    @property
    def args(self):
        return ParamSpecArgs(self)
    @property
    def kwargs(self):
        return ParamSpecKwargs(self)
    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__
    def __or__(self, other):
        return Union[self, other]

class TypeVarTuple(_Final):
    def __init__(self, name):
        self.__name__ = name
    def __iter__(self):
        yield Unpack[self]
    def __repr__(self):
        return self.__name__
    def __mro_entries__(self, bases):
        raise TypeError('Cannot subclass an instance of TypeVarTuple')

class Generic:
    __slots__ = ()
    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(_type_check(p) for p in params)
        if cls is Generic or cls is Protocol:
            for p in params:
                if not isinstance(p, (TypeVar, ParamSpec)):
                    raise TypeError(f'Parameters to {cls.__name__}[...] must all be type variables or parameter specification variables.')
            return _GenericAlias(cls, params, cls.__name__)
        return _GenericAlias(cls, params)

# Names a protocol class holds that are not members of the protocol it describes.
_NOT_MEMBERS = frozenset((
    '__abstractmethods__', '__annotations__', '__class_getitem__', '__dict__', '__doc__', '__final__',
    '__init__', '__module__', '__new__', '__orig_bases__', '__orig_class__', '__parameters__', '__slots__',
    '__subclasshook__', '__weakref__', '_is_protocol', '_is_runtime_protocol', '__qualname__',
    '_abc_impl', '_MutableMapping__marker'))

_MISSING = object()

def _protocol_members(cls):
    """The names a protocol asks for: every attribute and annotation of the protocols along its MRO."""
    members = set()
    for base in cls.__mro__[:-1]:
        if base.__name__ in ('Protocol', 'Generic'):
            continue
        own = base.__dict__
        for name in list(own) + list(own.get('__annotations__', {})):
            if not name.startswith('_abc_') and name not in _NOT_MEMBERS:
                members.add(name)
    return members

def _methods_only(cls):
    for name in _protocol_members(cls):
        if not callable(getattr(cls, name, None)):
            return False
    return True

def _protocol_class_check(cls, other):
    """Whether class `other` has what protocol `cls` asks for (True), or the nominal answer decides
    (NotImplemented); raises CPython's TypeErrors for protocols that cannot be checked."""
    if not cls.__dict__.get('_is_protocol', False):
        return NotImplemented
    if not getattr(cls, '_is_runtime_protocol', False):
        raise TypeError('Instance and class checks can only be used with @runtime_checkable protocols')
    if not _methods_only(cls):
        raise TypeError("Protocols with non-method members don't support issubclass()")
    if not isinstance(other, type):
        raise TypeError('issubclass() arg 1 must be a class')
    for name in _protocol_members(cls):
        for base in other.__mro__:
            own = base.__dict__
            if not own and base.__module__ == 'builtins':
                # evalx's built-in classes keep their methods out of `__dict__`: ask the class.
                found = getattr(base, name, _MISSING)
                if found is not _MISSING:
                    if found is None:
                        return NotImplemented
                    break
                continue
            if name in own:
                if own[name] is None:
                    return NotImplemented
                break
            ann = own.get('__annotations__', {})
            if name in ann and issubclass(other, Generic) and getattr(other, '_is_protocol', False):
                break
        else:
            return NotImplemented
    return True

# What `isinstance`/`issubclass` against protocols remember, as CPython's ABCMeta caches do: each protocol's
# members (with whether the protocol's own attribute is callable) and each class check's answer. Both hold
# only while no class attribute anywhere has changed (evalx's class epoch) and no class was registered with
# an ABC (abc's cache token); a check that changes either while it runs stores nothing.
_caches = [None, {}, {}]

def _stamp():
    return (_class_epoch(), _abcmeta._token[0])

def _fresh():
    stamp = _stamp()
    if _caches[0] != stamp:
        _caches[0] = stamp
        _caches[1] = {}
        _caches[2] = {}
    return _caches

def _protocol_info(cls):
    """(is a protocol, is runtime-checkable, has only method members, ((member, is a method), ...))."""
    c = _fresh()
    info = c[1].get(cls)
    if info is None:
        stamp = c[0]
        is_protocol = getattr(cls, '_is_protocol', False)
        runtime = getattr(cls, '_is_runtime_protocol', False)
        members = ()
        if is_protocol:
            members = tuple((name, callable(getattr(cls, name, None))) for name in _protocol_members(cls))
        info = (is_protocol, runtime, all(m for _, m in members), members)
        if _stamp() == stamp:
            c[1][cls] = info
    return info

def _subclass_uncached(cls, other):
    answer = _protocol_class_check(cls, other)
    if answer is not NotImplemented:
        return answer
    if cls in getattr(other, '__mro__', ()):
        return True
    return _abcmeta._abc_check(cls, other)

def _protocol_subclass(cls, other):
    """`issubclass(other, cls)` for a class whose metaclass is `_ProtocolMeta`, remembered per class pair."""
    if not isinstance(other, type):
        return _subclass_uncached(cls, other)
    c = _fresh()
    key = (cls, other)
    answer = c[2].get(key)
    if answer is None:
        stamp = c[0]
        answer = _subclass_uncached(cls, other)
        if _stamp() == stamp:
            if len(c[2]) > 4096:
                c[2].clear()
            c[2][key] = answer
    return answer

class _ProtocolMeta(_abcmeta.ABCMeta):
    def __instancecheck__(cls, instance):
        is_protocol, runtime, methods_only, members = _protocol_info(cls)
        if is_protocol and not runtime:
            raise TypeError('Instance and class checks can only be used with @runtime_checkable protocols')
        kind = type(instance)
        if (not is_protocol or methods_only) and _protocol_subclass(cls, kind):
            return True
        if is_protocol:
            for name, is_method in members:
                if not hasattr(instance, name):
                    break
                if is_method and getattr(instance, name) is None:
                    break
            else:
                return True
        if cls in kind.__mro__:
            return True
        return _abcmeta._abc_check(cls, kind)
    def __subclasscheck__(cls, other):
        return _protocol_subclass(cls, other)

class Protocol(Generic, metaclass=_ProtocolMeta):
    __slots__ = ()
    _is_protocol = True
    _is_runtime_protocol = False
    def __new__(cls, *args, **kwargs):
        if cls.__dict__.get('_is_protocol', False):
            raise TypeError('Protocols cannot be instantiated')
        return object.__new__(cls)
    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        if not cls.__dict__.get('_is_protocol', False):
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)
        if not cls._is_protocol:
            return
        for base in cls.__bases__:
            if not (base is object or base is Generic or getattr(base, '_is_protocol', False)
                    or base.__module__ in ('collections.abc', 'contextlib')):
                raise TypeError('Protocols can only inherit from other protocols, got %r' % base)

def runtime_checkable(cls):
    if not (isinstance(cls, type) and issubclass(cls, Generic)) or not cls.__dict__.get('_is_protocol', False):
        raise TypeError('@runtime_checkable can be only applied to protocol classes, got %r' % (cls,))
    cls._is_runtime_protocol = True
    return cls

def cast(typ, val):
    return val

def assert_type(val, typ, /):
    return val

def reveal_type(obj, /):
    return obj

# The overloads `@overload` has seen, by module, qualified name and first line (what get_overloads lists).
_overload_registry = {}

def _overload_dummy(*args, **kwds):
    raise NotImplementedError(
        'You should not call an overloaded function. A series of @overload-decorated functions '
        'outside a stub module should always be followed by an implementation that is not @overload-ed.')

def overload(func):
    f = getattr(func, '__func__', func)
    try:
        code = f.__code__
        line = getattr(code, 'co_firstlineno', 0)
        by_name = _overload_registry.setdefault(f.__module__, {}).setdefault(f.__qualname__, {})
        by_name[line] = func
    except AttributeError:
        pass
    return _overload_dummy

def get_overloads(func):
    f = getattr(func, '__func__', func)
    mod = getattr(f, '__module__', None)
    if mod not in _overload_registry:
        return []
    by_name = _overload_registry[mod]
    qualname = getattr(f, '__qualname__', None)
    if qualname not in by_name:
        return []
    return list(by_name[qualname].values())

def clear_overloads():
    _overload_registry.clear()

def assert_never(arg, /):
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError(f'Expected code to be unreachable, but got: {value}')

def dataclass_transform(*, eq_default=True, order_default=False, kw_only_default=False,
                        field_specifiers=(), **kwargs):
    def decorator(cls_or_fn):
        cls_or_fn.__dataclass_transform__ = {
            'eq_default': eq_default,
            'order_default': order_default,
            'kw_only_default': kw_only_default,
            'field_specifiers': field_specifiers,
            'kwargs': kwargs,
        }
        return cls_or_fn
    return decorator

def no_type_check_decorator(decorator):
    def wrapped_decorator(*args, **kwds):
        return no_type_check(decorator(*args, **kwds))
    try:
        wrapped_decorator.__name__ = decorator.__name__
        wrapped_decorator.__qualname__ = decorator.__qualname__
        wrapped_decorator.__doc__ = decorator.__doc__
        wrapped_decorator.__wrapped__ = decorator
    except AttributeError:
        pass
    return wrapped_decorator

def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f

def no_type_check(arg):
    if isinstance(arg, type):
        for obj in list(arg.__dict__.values()):
            func = getattr(obj, '__func__', obj)
            if (type(func).__name__ == 'function'
                    and getattr(func, '__qualname__', '').startswith(arg.__qualname__ + '.')):
                func.__no_type_check__ = True
    try:
        arg.__no_type_check__ = True
    except (AttributeError, TypeError):
        pass
    return arg

def is_typeddict(tp):
    return isinstance(tp, _TypedDictMeta)

def get_origin(tp):
    if isinstance(tp, (ParamSpecArgs, ParamSpecKwargs)):
        return tp.__origin__
    if isinstance(tp, (_GenericAlias, _SpecialGenericAlias)):
        if isinstance(tp, _UnionGenericAlias):
            return Union
        return tp.__origin__
    if isinstance(tp, _types.GenericAlias):
        return tp.__origin__
    if isinstance(tp, _types.UnionType):
        return _types.UnionType
    if tp is Generic:
        return Generic
    return None

def get_args(tp):
    if isinstance(tp, _GenericAlias):
        res = tp.__args__
        if (isinstance(tp, _CallableGenericAlias) and not (len(res) == 2 and res[0] is ...)
                and not getattr(tp, '_whole_params', False)):
            res = (list(res[:-1]), res[-1])
        return res
    if isinstance(tp, _types.GenericAlias):
        res = tp.__args__
        if tp.__origin__ is _abc.Callable and not (len(res) == 2 and res[0] is ...):
            res = (list(res[:-1]), res[-1])
        return res
    if isinstance(tp, _types.UnionType):
        return tp.__args__
    return ()

def _eval_hint(v, globalns, localns):
    if v is None:
        return type(None)
    if isinstance(v, str):
        return eval(v, globalns, localns)
    if isinstance(v, ForwardRef):
        return eval(v.__forward_arg__, globalns, localns)
    return v

def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get('__annotations__', {})
            if globalns is None:
                import sys as _sys
                mod = _sys.modules.get(base.__module__) if hasattr(_sys, 'modules') else None
                base_globals = getattr(mod, '__dict__', {}) if mod is not None else {}
            else:
                base_globals = globalns
            for name, value in ann.items():
                hints[name] = _eval_hint(value, base_globals, localns)
        return hints
    hints = dict(getattr(obj, '__annotations__', None) or {})
    if globalns is None:
        globalns = getattr(obj, '__globals__', {})
    for name, value in hints.items():
        hints[name] = _eval_hint(value, globalns, localns)
    return hints

def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type

def _make_nmtuple(name, types, defaults=(), module='__main__'):
    fields = [n for n, t in types]
    nm_tpl = _collections.namedtuple(name, fields, defaults=defaults, module=module)
    nm_tpl.__annotations__ = dict(types)
    return nm_tpl

_prohibited = frozenset({'__new__', '__init__', '__slots__', '__getnewargs__', '_fields',
                         '_field_defaults', '_make', '_replace', '_asdict', '_source'})
_special = frozenset({'__module__', '__name__', '__annotations__', '__qualname__', '__orig_bases__'})

class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        types = ns.get('__annotations__', {})
        default_names = []
        for field_name in types:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                raise TypeError(f"Non-default namedtuple field {field_name} "
                                f"cannot follow default field"
                                f"{'s' if len(default_names) > 1 else ''} "
                                f"{', '.join(default_names)}")
        nm_tpl = _make_nmtuple(typename, list(types.items()),
                               defaults=[ns[n] for n in default_names],
                               module=ns.get('__module__', '__main__'))
        for key in ns:
            if key in _prohibited:
                raise AttributeError('Cannot overwrite NamedTuple attribute ' + key)
            elif key not in _special and key not in nm_tpl._fields:
                setattr(nm_tpl, key, ns[key])
        return nm_tpl

_NamedTupleBase = type.__new__(NamedTupleMeta, 'NamedTuple', (), {})

def NamedTuple(typename, fields=None, /, **kwargs):
    if fields is None:
        fields = kwargs.items()
    return _make_nmtuple(typename, list(fields))

NamedTuple.__mro_entries__ = lambda bases: (_NamedTupleBase,)

class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        tp_dict = super().__new__(cls, name, (), ns)
        annotations = {}
        for base in bases:
            annotations.update(base.__dict__.get('__annotations__', {}))
        annotations.update(ns.get('__annotations__', {}))
        tp_dict.__annotations__ = annotations
        tp_dict.__total__ = total
        if total:
            tp_dict.__required_keys__ = frozenset(annotations)
            tp_dict.__optional_keys__ = frozenset()
        else:
            tp_dict.__required_keys__ = frozenset()
            tp_dict.__optional_keys__ = frozenset(annotations)
        return tp_dict
    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

class _TypedDictBase(metaclass=_TypedDictMeta):
    pass

def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    if fields is None:
        fields = kwargs
    ns = {'__annotations__': dict(fields), '__module__': '__main__'}
    return _TypedDictMeta(typename, (), ns, total=total)

TypedDict.__mro_entries__ = lambda bases: (_TypedDictBase,)

class IO(Generic[AnyStr]):
    __slots__ = ()
    @property
    def mode(self):
        pass
    @property
    def name(self):
        pass
    @property
    def closed(self):
        pass
    @_abcmeta.abstractmethod
    def close(self):
        pass
    @_abcmeta.abstractmethod
    def fileno(self):
        pass
    @_abcmeta.abstractmethod
    def flush(self):
        pass
    @_abcmeta.abstractmethod
    def isatty(self):
        pass
    @_abcmeta.abstractmethod
    def read(self, n=-1):
        pass
    @_abcmeta.abstractmethod
    def readable(self):
        pass
    @_abcmeta.abstractmethod
    def readline(self, limit=-1):
        pass
    @_abcmeta.abstractmethod
    def readlines(self, hint=-1):
        pass
    @_abcmeta.abstractmethod
    def seek(self, offset, whence=0):
        pass
    @_abcmeta.abstractmethod
    def seekable(self):
        pass
    @_abcmeta.abstractmethod
    def tell(self):
        pass
    @_abcmeta.abstractmethod
    def truncate(self, size=None):
        pass
    @_abcmeta.abstractmethod
    def writable(self):
        pass
    @_abcmeta.abstractmethod
    def write(self, s):
        pass
    @_abcmeta.abstractmethod
    def writelines(self, lines):
        pass
    @_abcmeta.abstractmethod
    def __enter__(self):
        pass
    @_abcmeta.abstractmethod
    def __exit__(self, type, value, traceback):
        pass

class BinaryIO(IO[bytes]):
    __slots__ = ()

class TextIO(IO[str]):
    __slots__ = ()
    @property
    def buffer(self):
        pass
    @property
    def encoding(self):
        pass
    @property
    def errors(self):
        pass
    @property
    def line_buffering(self):
        pass
    @property
    def newlines(self):
        pass

T_co = TypeVar('T_co', covariant=True)

@runtime_checkable
class SupportsInt(Protocol):
    __slots__ = ()
    @_abcmeta.abstractmethod
    def __int__(self) -> int:
        pass

@runtime_checkable
class SupportsFloat(Protocol):
    __slots__ = ()
    @_abcmeta.abstractmethod
    def __float__(self) -> float:
        pass

@runtime_checkable
class SupportsComplex(Protocol):
    __slots__ = ()
    @_abcmeta.abstractmethod
    def __complex__(self):
        pass

@runtime_checkable
class SupportsBytes(Protocol):
    __slots__ = ()
    @_abcmeta.abstractmethod
    def __bytes__(self) -> bytes:
        pass

@runtime_checkable
class SupportsIndex(Protocol):
    __slots__ = ()
    @_abcmeta.abstractmethod
    def __index__(self) -> int:
        pass

@runtime_checkable
class SupportsAbs(Protocol[T_co]):
    __slots__ = ()
    @_abcmeta.abstractmethod
    def __abs__(self):
        pass

@runtime_checkable
class SupportsRound(Protocol[T_co]):
    __slots__ = ()
    @_abcmeta.abstractmethod
    def __round__(self, ndigits: int = 0):
        pass
"#;

/// `_class_epoch()`: evalx's class epoch, which moves whenever any class attribute changes or a class is
/// created (what the protocol caches are stamped with).
fn class_epoch(_it: &mut Interp, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    arity("_class_epoch", args, kw, 0, 0)?;
    Ok(Value::Int(crate::value::class_epoch() as i64))
}

pub(crate) fn build(it: &mut Interp) -> PyResult<Value> {
    super::module_from(
        it,
        "typing",
        "The typing module: support for type hints",
        &[("_class_epoch", class_epoch)],
        SOURCE,
    )
}
