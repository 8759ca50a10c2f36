# Counter is a dict subclass: dict operations, the multiset arithmetic, reprs and error texts.
from collections import Counter
import copy
import json
import pickle


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


c = Counter("abracadabra")
print(c)
print(isinstance(c, dict), issubclass(Counter, dict), type(c).__mro__)
print(c["a"], c["zz"], "zz" in c, len(c), sorted(c), list(c))
print(dict.__getitem__(c, "a"), dict.get(c, "zz"), dict.keys(c), list(dict.items(c)))
print(c.keys(), c.values(), c.items())
print(c.most_common(), c.most_common(2), c.most_common(0), c.most_common(-1))
print(c.total(), sorted(c.elements()), list(Counter(a=2, b=-1, c=0).elements()))
print(str(c), format(c), f"{c}", "%s" % (c,), "%r" % (c,))
print(dict(c), {**c}, json.dumps(c), json.dumps(c, sort_keys=True))
print(vars(c), c.__dict__)
c.flag = 1
print(vars(c))
del c.flag

# update and subtract take iterables, mappings and keywords
d = Counter()
d.update("aab")
d.update({"a": 10, "c": 1})
d.update(b=5)
d.update(Counter(c=2))
print(d)
d.subtract("aaz")
d.subtract({"b": 1}, )
d.subtract(c=1)
print(d)
print(Counter(a=1, b=2) == {"a": 1, "b": 2}, {"a": 1} == Counter(a=1), Counter(a=1) != {"a": 1})
print(Counter(a=1) == Counter(a=1, b=0), Counter() == Counter(a=0), Counter(a=1) != Counter(a=2))
print(Counter(a=1) <= Counter(a=1, b=1), Counter(a=1) < Counter(a=1), Counter(a=2) >= Counter(a=1), Counter(a=2) > Counter())

# arithmetic keeps positive counts; results are plain Counters
p = Counter(a=3, b=1, c=-2)
q = Counter(a=1, b=2, d=4)
print(p + q, p - q, p | q, p & q)
print(+p, -p)
r = Counter(a=1, b=2)
r += Counter(a=-1, c=3)
print(r)
r -= Counter(c=1)
print(r)
r |= Counter(b=7, e=0)
print(r)
r &= Counter(b=3, c=9)
print(r)
del r["missing"]
del r["b"]
print(r)
print(Counter(a=1) | {"b": 2}, type(Counter(a=1) | {"b": 2}).__name__)
print({"b": 2} | Counter(a=1), type({"b": 2} | Counter(a=1)).__name__)
attempt("sub dict", lambda: Counter(a=1) - {"a": 1})
attempt("neg dict", lambda: -{"a": 1})

# copies keep the class
e = Counter("hello")
for f in (e.copy, lambda: copy.copy(e), lambda: copy.deepcopy(e), lambda: pickle.loads(pickle.dumps(e))):
    x = f()
    print(type(x).__name__, x, x == e, x is e)

print(Counter(), repr(Counter()), Counter({"x": "y"}) if False else Counter(x=1.5))
print(Counter({"a": [1], "b": [0]}).most_common() if False else Counter({"a": 1, "b": 1, "c": 3}))
attempt("unorderable", lambda: Counter({"a": "x", "b": 1}))
attempt("Counter(1)", lambda: Counter(1))
attempt("Counter(1, 2)", lambda: Counter(1, 2))
attempt("fromkeys", lambda: Counter.fromkeys("ab"))
attempt("hash", lambda: hash(Counter()))
attempt("setdefault", lambda: (lambda k: (k.setdefault("x", 3), k))(Counter()))
attempt("pop", lambda: Counter(a=1).pop("b"))
attempt("popitem", lambda: Counter().popitem())
print(sorted(Counter("mississippi").items()), len(Counter("mississippi")))
words = "the cat and the hat and the bat".split()
print(Counter(words).most_common(3), Counter(len(w) for w in words))
