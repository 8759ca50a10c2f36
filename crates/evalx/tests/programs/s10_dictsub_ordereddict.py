# OrderedDict is a dict subclass: order-sensitive equality between OrderedDicts, move_to_end, popitem(last).
from collections import OrderedDict
import copy
import json
import pickle


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


od = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
print(od, OrderedDict(), repr(OrderedDict(x=1)))
print(isinstance(od, dict), issubclass(OrderedDict, dict), type(od).__mro__)
print(od["a"], len(od), list(od), list(reversed(od)), sorted(od, reverse=True), list(od.values()))
print(dict.__getitem__(od, "b"), dict.keys(od), dict(od), {**od}, json.dumps(od))
print(str(od), format(od), vars(od))
od.move_to_end("a")
print(od)
od.move_to_end("a", last=False)
print(od)
od.move_to_end("b", False)
print(list(od))
attempt("move missing", lambda: od.move_to_end("zz"))
od["d"] = 4
od["a"] = 10
print(od)
print(od.popitem(), od.popitem(last=False), od)
print(od.pop("c"), od.setdefault("e", 5), od)
attempt("popitem empty", lambda: OrderedDict().popitem())
attempt("popitem empty first", lambda: OrderedDict().popitem(last=False))
attempt("pop missing", lambda: OrderedDict().pop("x"))
attempt("OrderedDict(1)", lambda: OrderedDict(1))
attempt("OrderedDict(1, 2)", lambda: OrderedDict([], []))

x = OrderedDict(a=1, b=2)
y = OrderedDict(b=2, a=1)
print(x == y, x != y, x == dict(y), dict(y) == x, x == {"a": 1, "b": 2}, x != {"b": 2, "a": 1})
print(x == OrderedDict(a=1, b=2), x == OrderedDict(a=1))
print(x | {"c": 3}, type(x | {"c": 3}).__name__, {"c": 3} | x, type({"c": 3} | x).__name__)
x |= [("z", 0)]
print(x)
print(OrderedDict.fromkeys("abc"), OrderedDict.fromkeys("ab", 0))
for f in (x.copy, lambda: copy.copy(x), lambda: copy.deepcopy(x), lambda: pickle.loads(pickle.dumps(x))):
    c = f()
    print(type(c).__name__, c, c == x, c is x)
x.tag = "t"
print(vars(x), copy.copy(x).tag, pickle.loads(pickle.dumps(x)).tag)


class LastUpdated(OrderedDict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)


lu = LastUpdated()
lu["a"] = 1
lu["b"] = 2
lu["a"] = 3
print(lu, list(lu), isinstance(lu, OrderedDict))


class LRU(OrderedDict):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def get(self, key):
        if key not in self:
            return None
        self.move_to_end(key)
        return self[key]

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


cache = LRU(2)
cache.put(1, "one")
cache.put(2, "two")
cache.get(1)
cache.put(3, "three")
print(cache, cache.size, vars(cache))

# A subclass's own __setitem__ sees every item OrderedDict's __init__ and update store.
class LoudOD(OrderedDict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)


lo = LoudOD([("a", 1)], b=2)
lo.update({"c": 3}, d=4)
lo.update([("e", 5)])
print(lo)
try:
    lo.update([1])
except TypeError as e:
    print("TypeError:", e)
try:
    lo.update({}, {})
except TypeError as e:
    print("TypeError:", e)
plain = OrderedDict()
plain.update([("x", 1)], y=2)
print(plain)
for bad in ([(1, 2, 3)], [(1,)], [()], 5):
    try:
        LoudOD().update(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
LoudOD().update(["ab"])
try:
    OrderedDict().update({}, {})
except TypeError as e:
    print("TypeError:", e)
