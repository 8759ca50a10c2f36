# match against the collections types, custom ABC-registered mappings/sequences, tuple and walrus subjects.
from collections import namedtuple, OrderedDict, defaultdict, Counter, deque
from collections.abc import Mapping, Sequence
Pair = namedtuple("Pair", "a b")
def f(x):
    match x:
        case Pair(a, b):
            return ("pair", a, b)
        case {**rest} if not rest:
            return "empty map"
        case {"k": v, **rest}:
            return ("k", v, rest)
        case [*_] if len(x) == 0:
            return "empty seq"
        case (1 | 2) as n:
            return ("one or two", n)
        case str() | bytes():
            return "text"
        case [int() | float() as num, *others]:
            return ("num first", num, others)
        case _:
            return "other"
for v in [Pair(1, 2), {}, {"k": 1, "z": 2}, [], (), 1, 2, "s", b"b", [1.5, "x"], deque([3, 4]),
          OrderedDict(k=5), defaultdict(int, k=6), Counter("kk"), {"z": 1}, range(0)]:
    print(type(v).__name__, f(v))
match 1, 2:
    case a, b:
        print("tuple subject", a, b)
match (y := [1, 2]):
    case [_, second]:
        print("walrus subject", y, second)
class M(Mapping):
    def __getitem__(self, k):
        if k == "a": return 1
        raise KeyError(k)
    def __len__(self): return 1
    def __iter__(self): return iter(["a"])
match M():
    case {"a": 1}:
        print("custom mapping")
class S(Sequence):
    def __getitem__(self, i):
        if i < 2: return i
        raise IndexError
    def __len__(self): return 2
match S():
    case [0, 1]:
        print("custom sequence")
match 5:
    case x if (z := x * 2) > 5:
        print("walrus guard", z)
