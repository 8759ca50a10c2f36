# The dict machinery collections' classes lean on, for any dict subclass: dict.__init__ from a
# subclass, operators falling back to dict's when a dunder declines, format(), copy and pickle.
from collections import Counter, OrderedDict, defaultdict
import copy
import pickle


class Missing(dict):
    def __missing__(self, key):
        return "<" + str(key) + ">"


m = Missing(a=1)
print(m["a"], m["b"], m.get("b"), dict.__getitem__(m, "b"), len(m), m)


class Init(dict):
    def __init__(self, *args, **kw):
        dict.__init__(self, *args, **kw)
        self.extra = True


i = Init({"a": 1}, b=2)
print(i, i.extra, vars(i))
try:
    Init({}, {})
except TypeError as e:
    print("TypeError:", e)


class Tagged(dict):
    def __repr__(self):
        return "Tagged(" + dict.__repr__(self) + ")"


t = Tagged(a=1)
t.label = "x"
print(t, str(t), format(t), f"{t}", "%s" % (t,))
for f in (copy.copy, copy.deepcopy, lambda v: pickle.loads(pickle.dumps(v))):
    v = f(t)
    print(type(v).__name__, v, vars(v))


class Declines(dict):
    def __or__(self, other):
        return NotImplemented

    def __eq__(self, other):
        return NotImplemented


dcl = Declines(a=1)
print(dcl | {"b": 2}, type(dcl | {"b": 2}).__name__, dcl == {"a": 1}, dcl != {"a": 1}, dcl == 5)


class Items(list):
    pass


li = Items([1, [2]])
li.note = "n"
for f in (copy.copy, copy.deepcopy, lambda v: pickle.loads(pickle.dumps(v))):
    v = f(li)
    print(type(v).__name__, v, vars(v), v[1] is li[1])


class MyCounter(Counter):
    def total(self):
        return super().total() * 10


mc = MyCounter("aab")
print(mc, mc.total(), type(mc.copy()).__name__, type(mc + mc).__name__, MyCounter.__mro__)
print(isinstance(mc, Counter), isinstance(mc, dict), issubclass(MyCounter, dict))
for cls in (Counter, OrderedDict, defaultdict):
    print(cls.__name__, cls.__module__, cls.__mro__, issubclass(cls, dict), isinstance(cls(), dict))
print(sorted(Counter("cab")), sorted(OrderedDict(b=1, a=2)), sorted(defaultdict(int, z=1, y=2)))
print(max(Counter(a=5, b=9), key=Counter(a=5, b=9).get), min(OrderedDict(b=1, a=2)))
