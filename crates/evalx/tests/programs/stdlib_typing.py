from typing import (List, Dict, Tuple, Set, FrozenSet, Optional, Union, Callable, Any, TypeVar, Generic,
                    Protocol, NamedTuple, TypedDict, cast, overload, final, get_type_hints, Iterable,
                    Iterator, Sequence, Mapping, Type, ClassVar, Literal, no_type_check, TYPE_CHECKING)
import typing
print(List[int], Dict[str, int], Tuple[int, ...], Set[str], Optional[int], Union[int, str])
print(Callable[[int, str], bool], Callable[..., int], Any, Literal["a", 1], Type[int], ClassVar[int])
print(Optional[Union[int, str]], Union[int], Union[int, None], List, Iterable[int], Mapping[str, int])
print(List[int] == List[int], Optional[int] == Union[int, None], List[int].__origin__, Dict[str, int].__args__)
T = TypeVar('T')
K = TypeVar('K', bound=int)
print(T, K, T.__name__, List[T])
class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item
    def get(self) -> T:
        return self.item
b = Box[int](3)
print(b.get(), Box(4).item, Box[int])
class Greeter(Protocol):
    def greet(self) -> str: ...
class EN:
    def greet(self) -> str:
        return "hi"
def use(g: Greeter) -> str:
    return g.greet()
print(use(EN()))
class Pt(NamedTuple):
    x: int
    y: int = 0
    def norm(self):
        return abs(self.x) + abs(self.y)
p = Pt(3, -4)
print(p, p.x, p.norm(), Pt(1), p._asdict(), Pt._fields, p._replace(x=9))
Emp = NamedTuple('Emp', [('name', str), ('id', int)])
print(Emp('a', 1), Emp._fields)
class Movie(TypedDict):
    name: str
    year: int
m = Movie(name="x", year=1)
print(m, type(m), Movie.__annotations__)
print(cast(int, "s"), cast("List[int]", 5))
@overload
def f(x: int) -> int: ...
@overload
def f(x: str) -> str: ...
def f(x):
    return x
print(f(2))
@final
class Fin:
    pass
print(Fin.__name__)
def g(a: int, b: "str") -> List[int]:
    return []
print(get_type_hints(g))
class C:
    a: int
    b: Optional[str] = None
print(get_type_hints(C))
print(TYPE_CHECKING, typing.Any is Any)
def h(x: Optional[int] = None) -> None:
    pass
print(h.__annotations__)
def k(a: "List[int]", b: "Box[str]") -> "Optional[str]":
    pass
print(get_type_hints(k))
print(typing.get_origin(List[int]), typing.get_args(Dict[str, int]), typing.get_origin(Optional[int]))
UserId = typing.NewType('UserId', int)
print(UserId(5), Tuple[()], Union[int, List[int]] == Union[List[int], int])
try:
    Union[()]
except TypeError as e:
    print("TypeError:", e)
try:
    List()
except TypeError as e:
    print("TypeError:", e)
