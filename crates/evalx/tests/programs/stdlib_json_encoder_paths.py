# json.dumps / JSONEncoder.encode: the plain built-in types (encoded natively) and every reason to leave a
# value to the Python encoder (objects, default=, subclasses, errors, deep nesting), byte for byte.
import json
import io
from collections import OrderedDict, namedtuple

data = {"a": [1, 2.5, -0.0, 1e300, 1e-7, 12345678901234567890123, True, False, None],
        "b": ("t", "u\u0105\u20ac\U0001f600", "q\"\\/\n\r\t\b\f\x00\x1f\x7f"),
        "c": {}, "d": [], "e": {"x": {"y": [[], {}, [{}]]}}}
print(json.dumps(data))
print(json.dumps(data, ensure_ascii=False))
print(json.dumps(data, indent=2))
print(json.dumps(data, indent="\t", sort_keys=True))
print(json.dumps(data, indent=0))
print(json.dumps(data, indent=-3))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, separators=[";", "="]))
print(json.dumps(data, indent=1, separators=("|", "~")))
print(json.dumps([float("inf"), float("-inf"), float("nan")]))
try:
    json.dumps([1, float("nan")], allow_nan=False)
except ValueError as e:
    print("ValueError", e)
print(json.dumps({1: "i", 2.5: "f", True: "t", None: "n", -7: "neg", 10**30: "big"}))
print(json.dumps({float("inf"): 1}))
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError", e)
print(json.dumps({(1, 2): 3, "k": 4}, skipkeys=True))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 1, "y": 2}}, sort_keys=True))
try:
    json.dumps({"b": 1, 2: 2}, sort_keys=True)
except TypeError as e:
    print("TypeError", e)
try:
    json.dumps([10 ** 5000])
except ValueError as e:
    print("ValueError", str(e)[:40])

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

print(json.dumps([1, Point(1, 2)], default=lambda o: o.__dict__))
try:
    json.dumps({"p": Point(1, 2)})
except TypeError as e:
    print("TypeError", e)

class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return [o.x, o.y]
        return super().default(o)

print(json.dumps({"p": Point(3, 4), "q": [1]}, cls=Enc))
print(Enc(indent=2).encode([Point(5, 6)]))

class MyStr(str):
    pass

class MyInt(int):
    pass

class MyDict(dict):
    pass

class MyList(list):
    pass

print(json.dumps([MyStr("s"), MyInt(5), MyDict(a=1), MyList([1, 2]), {MyStr("k"): 1}]))
print(json.dumps(OrderedDict([("z", 1), ("a", 2)])))
P = namedtuple("P", "x y")
print(json.dumps({"nt": P(1, 2)}))

loop = [1]
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError", e)
d = {}
d["self"] = d
try:
    json.dumps(d)
except ValueError as e:
    print("ValueError", e)

deep = []
cur = deep
for _ in range(250):
    nxt = []
    cur.append(nxt)
    cur = nxt
print(len(json.dumps(deep)), json.dumps(deep)[:10])
shared = {"k": [1, 2]}
print(json.dumps([shared, shared, (shared,)]))
print(json.dumps("top \u00e9"), json.dumps(3), json.dumps(None), json.dumps(2.0), json.dumps([]))
buf = io.StringIO()
json.dump({"x": [1, "y"]}, buf, indent=2)
print(buf.getvalue())
print(json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode({"b": [1], "a": None}))
print(json.JSONEncoder().encode(("tuple", 1)))
print(json.loads(json.dumps(data)) == json.loads(json.dumps(data, indent=3)))
