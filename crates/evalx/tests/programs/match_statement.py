# The match statement (PEP 634): every pattern kind, guards, binding rules and soft keywords.
from collections import namedtuple


def describe(x):
    match x:
        case None:
            return "None"
        case True:
            return "True"
        case 0 | 1 | 2:
            return f"small int {x}"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case "hello" | "hi":
            return "greeting"
        case b"raw":
            return "bytes"
        case str() as s if len(s) > 5:
            return f"long string {s!r}"
        case str(s):
            return f"short string {s!r}"
        case int(n) if n < 0:
            return f"negative {n}"
        case int(n):
            return f"int {n}"
        case float():
            return "some float"
        case []:
            return "empty sequence"
        case [only]:
            return f"one item {only!r}"
        case [first, *_, last] if first == last:
            return f"same ends {first!r}"
        case (a, b):
            return f"pair {a!r} {b!r}"
        case [first, *rest]:
            return f"starts with {first!r}, {len(rest)} more: {rest}"
        case {"type": "point", "x": x0, "y": y0}:
            return f"point dict ({x0}, {y0})"
        case {"type": kind, **others}:
            return f"typed {kind} with {sorted(others)}"
        case {}:
            return "some mapping"
        case _:
            return f"something else: {type(x).__name__}"


for value in [None, True, False, 0, 2, -1, 1.5, 2.5, "hi", "hello!", "abc", "abcdefgh", b"raw", -7, 42,
              [], [9], (3,), [1, 2, 1], [1, 2], (1, 2), [1, 2, 3], range(4), "xy",
              {"type": "point", "x": 1, "y": 2, "z": 3}, {"type": "box", "w": 1, "h": 2}, {"k": 1}, {},
              {1, 2}, 3.0]:
    print(repr(value), "->", describe(value))


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Color:
    RED = "red"
    GREEN = "green"


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on the y axis at {yy}"
        case Point(xx, 0):
            return f"on the x axis at {xx}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=x, y=y):
            return f"at ({x}, {y})"
        case Color.RED:
            return "red constant"
        case Color.GREEN | "verde":
            return "green-ish"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 7), "red", "verde", "green", 5]:
    print(where(p))

Pair = namedtuple("Pair", "left right")
match Pair(1, [2, 3]):
    case Pair(left=l, right=[a, b]):
        print("namedtuple", l, a, b)

match [Point(1, 2), Point(3, 4)]:
    case [Point(x=x1), Point(y=y2)] as both:
        print("nested", x1, y2, len(both))

match (1, (2, (3, 4))):
    case (a, (b, (c, d))):
        print("deep", a + b + c + d)

# Or-patterns bind the same names; capture names stay bound after the match.
match (5, "five"):
    case (int(n), str(s)) | (str(s), int(n)):
        print("either order", n, s)
print("still bound:", n, s)

# The guard runs after the names are bound; a failed guard leaves them bound.
match 10:
    case v if v > 100:
        print("big")
    case v:
        print("guard failed then matched", v)

# Sequence patterns do not match str, bytes or dicts; mapping patterns ignore extra keys.
for subject in ["ab", b"ab", {"a": 1}, [0, 1]]:
    match subject:
        case [x, y]:
            print("sequence of two", repr(subject))
        case _:
            print("not a sequence of two", repr(subject))

# No case matches: nothing happens.
match 3:
    case 4:
        print("unreachable")
print("after unmatched match")

# match and case remain ordinary names.
match = {"case": 1}
case = match["case"]
print(match, case)
print([match for match in range(2)])


def match(*args):
    return args


print(match(1, 2), match.__name__)
