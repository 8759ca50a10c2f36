from collections.abc import *
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple
import collections.abc as cabc
def flatten(x):
    for i in x:
        if isinstance(i, Iterable) and not isinstance(i, (str, bytes)):
            yield from flatten(i)
        else:
            yield i
print(list(flatten([1, [2, (3, [4])], 'ab', {5}])))
checks = [([], Iterable), ([], Sequence), ([], MutableSequence), ((), MutableSequence), ({}, Mapping), ({}, MutableMapping),
          (set(), Set), (set(), MutableSet), (frozenset(), MutableSet), ('s', Sequence), (1, Hashable), ([], Hashable),
          (len, Callable), (1, Callable), (iter([]), Iterator), ([], Iterator), ((x for x in []), Generator), (range(3), Sequence),
          ({}.keys(), KeysView), ({}.items(), Set), (deque(), MutableSequence), (Counter(), Mapping), (defaultdict(), MutableMapping),
          (b'', ByteString), (1, Sized), ('abc', Container), ({}, Sized), (OrderedDict(), Mapping)]
print([isinstance(o, c) for o, c in checks])
print(issubclass(list, Sequence), issubclass(int, Iterable), issubclass(dict, Collection), issubclass(str, Reversible))
class Bag:
    def __len__(self): return 0
    def __iter__(self): return iter([])
    def __contains__(self, x): return False
print(isinstance(Bag(), Sized), isinstance(Bag(), Collection), isinstance(Bag(), Sequence))
class M(Mapping):
    def __init__(self, d): self._d = d
    def __getitem__(self, k): return self._d[k]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
m = M({'a': 1})
print(m.get('a'), m.get('z', 0), 'a' in m, list(m.keys()), list(m.items()), isinstance(m, Mapping), m == {'a': 1})
class S(Sequence):
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
    def __len__(self): return 3
s = S()
print(list(s), 20 in s, list(reversed(s)), s.index(20), s.count(0), isinstance(s, Iterable))
class Other: pass
Sequence.register(Other)
print(isinstance(Other(), Sequence), isinstance(Other(), Iterable), cabc.Iterable.__name__, Sized.__module__)
