# Session 10's fast paths for containers (issue 25): chained comparisons of numbers, array items read and
# stored by index, isinstance against built-in classes. Each edge must behave as the general path does.
from array import array
import collections.abc

# Chained comparisons: ints, floats, mixed, NaN, big ints, bools, and other types falling back.
nan = float("nan")
big = 2 ** 80
nothing = None
rows = [
    0 <= 3 < 5, 0 <= 5 < 5, -1 < 0 <= 0, 1 < 2 < 3 < 4, 1 < 3 < 2 < 4,
    0.5 < 1 < 1.5, 1 <= 1.0 <= 1, 2 > 1.5 > 1 > 0.5, 1 == 1.0 == 1, 1 != 2 != 1,
    1 < nan < 3, nan != nan != 1, 0 <= nan, 1 == nan == 1, nan != 1 == 1,
    1 < big < big + 1, -big < 0 < big, 0.5 < big < float("inf"),
    2 ** 53 + 1 > 2.0 ** 53 >= 2 ** 53, True < 2 < 3, False <= 0 < True,
    "a" < "b" < "c", "a" < "b" > "c", [1] < [2] < [3], (1, 2) <= (1, 2) < (1, 3),
    1 < 2 in [2, 3], 1 < 2 not in [2],
]
print(rows)


class Loud:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("lt", self.v, other)
        return self.v < other

    def __gt__(self, other):
        print("gt", self.v, other)
        return self.v > other


print(1 < Loud(2) < 3, 0 < 1 < Loud(5) < 9)
try:
    print(1 < 2 < "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print(1 < "x" < 2)
except TypeError as e:
    print("TypeError:", e)


def width_check(x, y, w, h):
    return 0 <= x < w and 0 <= y < h


print([width_check(x, y, 3, 2) for x in (-1, 0, 2, 3) for y in (-1.0, 0.0, 1.5, 2)])

# Array items by index: every typecode family, negative indices, errors, subclasses.
d = array("d", [1.5, 2.5, 3.5])
f = array("f", [0.1, 0.2])
i = array("i", [1, -2, 3])
q = array("q", [2 ** 62])
B = array("B", [1, 2])
u = array("u", "xyz")
print(d[0], d[-1], f[1], i[-3], q[0], B[1], u[1])
d[1] = 7.25
d[-1] += 1.0
f[0] = 1 / 3
i[0] = 2 ** 31 - 1
i[1] += 5
q[0] = -(2 ** 63)
d[2] = 4
B[0] = 255
print(d, f, i, q, B)
for bad in (lambda: i.__setitem__(2, 2 ** 31), lambda: B.__setitem__(0, 256), lambda: i.__setitem__(0, 1.5),
            lambda: d.__setitem__(0, "s"), lambda: d[3], lambda: d[-4], lambda: d.__setitem__(3, 1.0),
            lambda: d["0"], lambda: q.__setitem__(0, 2 ** 63)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
try:
    i[2] = 2 ** 31
except OverflowError as e:
    print("OverflowError", e)
print(i)
d[True] = 0.5
print(d[False], d)


class Doubles(array):
    def __getitem__(self, k):
        return ("sub", array.__getitem__(self, k))


s = Doubles("d", [4.0, 5.0])
s[0] = 6.0
print(s[0], s[-1])
rowsets = [array("d", [0.0]) * 3 for _ in range(6)]
for n in range(4):
    for r in rowsets:
        r[n % 3] += n
        r[-1] -= 0.5
print([list(r) for r in rowsets])
del rowsets
e = array("d", [9.0])
print(e[0], e[-1])

# isinstance against built-in classes (and the paths that stay general).
print(isinstance(1, int), isinstance(True, int), isinstance(1, bool), isinstance((1,), tuple),
      isinstance([], tuple), isinstance(1.0, (int, float)), isinstance(int, type), isinstance(len, object),
      isinstance(KeyError(), LookupError), isinstance(KeyError(), ValueError), isinstance(None, type(None)))


class MyList(list):
    pass


class MyErr(KeyError):
    pass


print(isinstance(MyList(), list), isinstance([], MyList), isinstance(MyErr(), KeyError),
      isinstance(MyErr(), MyErr), isinstance({}, collections.abc.Mapping), isinstance([], collections.abc.Mapping),
      isinstance(3, int | str), isinstance("s", (bytes, (list, str))))
try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError:", e)

# float(x) / int(x) of numbers at the call site; anything else constructs as before.


class F(float):
    pass


class I(int):
    pass


print(float(3), float(-7), float(2 ** 63 - 1), float(-(2 ** 63)), float(2 ** 53 + 1), float(1.5), float(True),
      float("2.5"), float(I(4)), type(float(F(2.0))).__name__)
print(int(3), int(-2), int(2.9), int(-2.9), int(True), int("12"), type(int(I(5))).__name__, int(2 ** 70), int(1e20))
for bad in ("x", None, float("nan"), float("inf")):
    for conv in (float, int):
        try:
            print(conv(bad))
        except Exception as e:
            print(type(e).__name__, e)

# The fast paths' memory of recent arrays is not a weak reference the program can see.
import weakref
wa = array('d', [1.0, 2.0])
wa[0] += 1.5
print(wa[0], weakref.getweakrefcount(wa))
wr = weakref.ref(wa)
print(weakref.getweakrefcount(wa), len(weakref.getweakrefs(wa)))
del wa
print(wr())
