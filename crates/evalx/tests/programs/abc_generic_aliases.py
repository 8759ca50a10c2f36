# collections.abc classes are subscriptable as CPython's are (GenericAlias), Callable flattens its
# argument list, Hashable/Sized and plain classes are not subscriptable; annotations using them run.
import collections.abc as cabc
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence

for name in sorted(cabc.__all__):
    cls = getattr(cabc, name)
    try:
        alias = cls[int]
        print(name, alias, type(alias).__name__, alias.__origin__ is cls, alias.__args__)
    except TypeError as e:
        print(name, "TypeError", e)
c = Callable[[int, str], bool]
print(c, c.__args__, c.__origin__ is Callable, Callable[..., int], Callable[[], None].__args__)
print(typing.get_args(c), typing.get_origin(c) is Callable, c == Callable[[int, str], bool])
for bad in [lambda: Callable[int], lambda: Callable[int, str]]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)


def apply(f: Callable[[int], int], xs: Iterable[int]) -> Sequence[int]:
    return [f(x) for x in xs]


def totals(m: Mapping[str, list[int]]) -> dict[str, int]:
    return {k: sum(v) for k, v in m.items()}


print(apply(lambda x: x * 2, range(3)), totals({"a": [1, 2]}), apply.__annotations__["f"])


class Plain:
    pass


try:
    Plain[int]
except TypeError as e:
    print(e)
print(isinstance([], Iterable), isinstance({}, Mapping), isinstance(len, Callable))
