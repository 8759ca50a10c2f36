import types
print(repr(list[int]), repr(dict[str, list[int]]), repr(tuple[int, ...]), repr(tuple[()]), list[int](range(3)), list[int].__origin__, list[int].__args__, list[int].__parameters__)
print(list[int] == list[int], hash(list[int]) == hash(list[int]), list[int] | None, (int | str).__args__, int | None | str)
class C: pass
print(list[C], C | int, type(C|int), (int|str) | list[int], type(list[int]), frozenset[int], type[C])
try: isinstance([], list[int])
except TypeError as e: print(e)
try: isinstance(1, int | list[int])
except TypeError as e: print(e)
try: isinstance('', int | list[int])
except TypeError as e: print(e)
print(isinstance(None, int | None), issubclass(bool, int | str), isinstance(1, (str, int | float)), isinstance('x', int | None))
try: int | 3
except TypeError as e: print(e)
try: 3 | int
except TypeError as e: print(e)
class L(list[int]): pass
print(L.__bases__, L([1, 2]))
print(int | int, (int | str) == (str | int), {int | str: 1}[str | int])
def f(x: int | None, y: dict[str, list[int]] = None) -> tuple[int, ...] | None:
    return None
print(f.__annotations__)
import typing
print(int | typing.List[int], typing.Optional[int] | str)
print(isinstance(int | str, types.UnionType), isinstance(list[int], types.GenericAlias))
T = typing.TypeVar('T')
print(list[T][int], dict[str, T].__parameters__)
