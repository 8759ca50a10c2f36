# defaultdict is a dict subclass with default_factory and __missing__.
from collections import defaultdict
import copy
import json
import pickle


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


d = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    d[k].append(v)
print(d)
print(isinstance(d, dict), issubclass(defaultdict, dict), type(d).__mro__)
print(d.default_factory, d["a"], d.get("zz"), "zz" in d, len(d), sorted(d), list(d.items()))
print(dict.__getitem__(d, "b"), dict.keys(d), dict(d), {**d}, json.dumps(d))
print(str(d), format(d), f"{d!s}")
print(d.__missing__("new"), d)
counts = defaultdict(int)
for ch in "banana":
    counts[ch] += 1
print(counts, counts.default_factory)
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
print(dict(nested["x"]), len(nested))

# default_factory is a settable attribute
counts.default_factory = None
attempt("no factory", lambda: counts["q"])
attempt("no factory tuple", lambda: counts[(1, 2)])
counts.default_factory = str
print(repr(counts["q"]), counts)
print(defaultdict(), defaultdict(None), defaultdict(None, {"a": 1}, b=2), defaultdict(int, [("z", 1)]))
print(defaultdict(default_factory=list))
attempt("defaultdict(1)", lambda: defaultdict(1))
attempt("too many", lambda: defaultdict(list, {}, {}))
attempt("vars", lambda: vars(d))
attempt("__dict__", lambda: d.__dict__)
attempt("attr", lambda: setattr(d, "other", 1))

# copies and operators keep the class and the factory
for f in (d.copy, lambda: copy.copy(d), lambda: copy.deepcopy(d), lambda: pickle.loads(pickle.dumps(d))):
    x = f()
    print(type(x).__name__, x, x.default_factory, x == d, x["a"] is d["a"])
print(d | {"c": [9]}, type(d | {"c": [9]}).__name__)
print({"c": [9]} | d, type({"c": [9]} | d).__name__)
e = defaultdict(set)
e |= {"k": {1}}
print(e, type(e).__name__)
print(d == {"a": [1, 3], "b": [2], "new": []}, d != {})
attempt("or int", lambda: d | 1)


# a subclass may override __missing__ and use super()
class Tally(defaultdict):
    def __init__(self):
        super().__init__(int)

    def __missing__(self, key):
        value = super().__missing__(key)
        print("missing", key)
        return value

    def __repr__(self):
        return "Tally(" + dict.__repr__(self) + ")"


t = Tally()
t["x"] += 1
t["x"] += 1
print(t, t.default_factory, type(t).__mro__[1].__name__, isinstance(t, dict))
attempt("copy", lambda: copy.copy(t))
attempt("copy method", lambda: t.copy())


class Doubler(defaultdict):
    def __missing__(self, key):
        return key * 2


dbl = Doubler(list)
print(dbl["ab"], dbl, dbl.get("ab"))
