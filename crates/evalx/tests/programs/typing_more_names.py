# typing's 3.11 names: ParamSpec decorators with Concatenate, TypeGuard, Required/NotRequired,
# TypeVarTuple/Unpack, the IO classes, overload registry, assert_never, dataclass_transform.
import typing
from typing import (Callable, Concatenate, ParamSpec, TypeVar, TypeGuard, Required, NotRequired,
                    TypeVarTuple, Unpack, ParamSpecArgs, ParamSpecKwargs, ContextManager,
                    AsyncContextManager, AsyncGenerator, IO, TextIO, BinaryIO, Pattern, Match, Text,
                    ByteString, MappingView, assert_never, get_overloads, clear_overloads, overload,
                    dataclass_transform, is_typeddict, no_type_check_decorator, AnyStr, TypedDict)
import functools

P = ParamSpec('P')
R = TypeVar('R')

def with_request(f: Callable[Concatenate[int, P], R]) -> Callable[P, R]:
    @functools.wraps(f)
    def inner(*args: P.args, **kwargs: P.kwargs) -> R:
        return f(42, *args, **kwargs)
    return inner

@with_request
def handler(req, name, *, loud=False):
    return f'{req}:{name.upper() if loud else name}'

print(handler('x'), handler('y', loud=True))
print(Concatenate[int, P], Concatenate[int, str, ...])
print(Callable[Concatenate[int, P], int])
print(typing.get_origin(Concatenate[int, P]), typing.get_args(Concatenate[int, P]))
for bad in [(), int, (int, str)]:
    try:
        Concatenate[bad]
    except TypeError as e:
        print('TypeError:', e)
print(P.args, P.kwargs, type(P.args).__name__, type(P.kwargs).__name__)
print(P.args == P.args, P.args.__origin__ is P, isinstance(P.kwargs, ParamSpecKwargs))
print(typing.get_origin(P.args) is P)

def is_str_list(val: list) -> TypeGuard[list]:
    return all(isinstance(x, str) for x in val)
print(TypeGuard[list], typing.get_origin(TypeGuard[int]) is TypeGuard, is_str_list(['a']))
print(Required[int], NotRequired[str], typing.get_args(Required[int]))

Ts = TypeVarTuple('Ts')
print(Ts, Unpack[Ts], list(Ts), typing.get_origin(Unpack[Ts]) is Unpack)

print(ContextManager[int], AsyncContextManager[str], AsyncGenerator[int, None])
print(ContextManager, AsyncGenerator, ByteString, MappingView[int])
print(Pattern[str], Match[bytes], Pattern, Match)
print(Text is str, AnyStr, AnyStr.__constraints__)
print(IO, TextIO, BinaryIO, IO[str], IO.__mro__, TextIO.__mro__)
print(issubclass(TextIO, IO), issubclass(BinaryIO, IO))

@overload
def area(x: int) -> int: ...
@overload
def area(x: str) -> str: ...
def area(x):
    return x * 2

print(len(get_overloads(area)), area(3), area('ab'))
print([f.__name__ for f in get_overloads(area)])
@overload
def only(x: int) -> int: ...
try:
    only(1)
except NotImplementedError as e:
    print('NotImplementedError:', e)
clear_overloads()
print(get_overloads(area))

def describe(x: int | str) -> str:
    if isinstance(x, int):
        return 'int'
    elif isinstance(x, str):
        return 'str'
    else:
        assert_never(x)
print(describe(1), describe('a'))
for v in [3.5, 'z' * 150]:
    try:
        assert_never(v)
    except AssertionError as e:
        print('AssertionError:', e)

@dataclass_transform(kw_only_default=True, field_specifiers=(int,))
def model(cls):
    return cls
print(sorted(model.__dataclass_transform__.items()))

class Movie(TypedDict):
    title: str
print(is_typeddict(Movie), is_typeddict(dict), is_typeddict(Movie(title='x')))

def deco(f):
    return f
nd = no_type_check_decorator(deco)
def target():
    pass
print(nd.__name__, nd(target) is target, target.__no_type_check__)
