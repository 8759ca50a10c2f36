import pprint
from collections import OrderedDict, Counter, defaultdict, deque, ChainMap

data = {
    "name": "evalx", "version": (0, 1, 0), "tags": ["python", "rust", "interpreter", "sandbox"],
    "matrix": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "nested": {"z": {"y": {"x": {"w": [1, 2, {"v": "deep"}]}}}},
    "empty": {}, "none": None, "flags": {False, True}, "ratio": 0.25, 3: "int key", "frozen": frozenset({1, 2, 3}),
}
pprint.pprint(data)
pprint.pprint(data, width=40)
pprint.pprint(data, width=120)
pprint.pprint(data, depth=2)
pprint.pprint(data, depth=1)
pprint.pprint(data, indent=4, width=50)
pprint.pprint(data, sort_dicts=False, width=60)
pprint.pp(data, width=60)
print(pprint.pformat(list(range(60))))
print(pprint.pformat(list(range(60)), compact=True))
print(pprint.pformat(list(range(60)), compact=True, width=30, indent=3))
print(pprint.pformat([list(range(12))] * 4, width=30, compact=True))
print(pprint.pformat(tuple(range(30)), width=20))
print(pprint.pformat((1,), width=2), pprint.pformat((), width=1), pprint.pformat([], width=1))
print(pprint.pformat({"k": (["a" * 30, "b" * 30],)}, width=30))
print(pprint.pformat(set(range(30)), width=30))
print(pprint.pformat(frozenset(range(25)), width=30))
s = "The quick brown fox jumps over the lazy dog. " * 4
pprint.pprint(s)
pprint.pprint(s, width=30)
pprint.pprint({"text": s, "lines": "line one\nline two\nline three is much longer than the others " * 2}, width=50)
pprint.pprint([s], width=40)
pprint.pprint(b"0123456789abcdef" * 5, width=30)
pprint.pprint({"b": b"\x00\x01" * 20}, width=30)
pprint.pprint([1, "two", 3.0, None, True, [], {}, ()], width=10)
pprint.pprint({1: "a", "b": 2, (1, 2): 3, None: 4}, width=10)
r = [1, 2]
r.append(r)
d = {"self": None}
d["self"] = d
print(pprint.saferepr(r).startswith("[1, 2, <Recursion on list with id="), pprint.isrecursive(r), pprint.isreadable(r))
print(pprint.pformat(d, width=10).startswith("{'self': <Recursion on dict with id="))
print(pprint.isreadable([1, "a", {"k": (1, 2)}]), pprint.isreadable(object()), pprint.saferepr({"b": 1, "a": [2, 3]}))
print(pprint.pformat(123456789, underscore_numbers=True), pprint.pformat([10**10], underscore_numbers=True))
pprint.pprint(OrderedDict((str(i) * 5, i) for i in range(8)), width=40)
pprint.pprint(Counter("abracadabra" * 5), width=30)
dd = defaultdict(list)
for i in range(6):
    dd["key%d" % i].append(i * 1000)
pprint.pprint(dd, width=40)
pprint.pprint(deque(range(30)), width=40)
pprint.pprint(deque(range(30), maxlen=40), width=40)
pprint.pprint(ChainMap({"a" * 20: 1, "b" * 20: 2}, {"c" * 20: 3}), width=40)
pprint.pprint(OrderedDict(), width=5)
pp = pprint.PrettyPrinter(indent=2, width=30, depth=3)
pp.pprint(data["nested"])
print(pp.pformat(data["matrix"]), pp.isreadable(data), pp.isrecursive(data))
for kw in ({"indent": -1}, {"depth": 0}, {"width": 0}):
    try:
        pprint.PrettyPrinter(**kw)
    except ValueError as e:
        print("ValueError", e)
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)
pprint.pprint([Point(i, i * i) for i in range(12)], width=40)
import io
buf = io.StringIO()
pprint.pprint({"x": [1, 2, 3]}, stream=buf)
print(repr(buf.getvalue()))
