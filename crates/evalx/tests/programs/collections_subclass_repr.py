# Subclasses of the collections types show and copy as themselves, as CPython's.
from collections import OrderedDict, defaultdict, Counter, deque
class LRU(OrderedDict):
    pass
class DD(defaultdict):
    pass
class C(Counter):
    pass
class D(deque):
    pass
for v in [LRU(a=1), LRU(), DD(int, a=1), C("aab"), C(), D([1, 2]), D([1], maxlen=3)]:
    print(repr(v), type(v.copy()).__name__, repr(v.copy()))
print(repr(D([1]) * 2), type(D([1]) * 2).__name__)
