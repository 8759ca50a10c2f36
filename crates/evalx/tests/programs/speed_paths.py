# The fast paths of issue 25 and the edges where they must fall back: generator expressions consumed in
# place, abandoned generators, float arithmetic, sequence unpacking, list slices, `obj.attr op= x`.


def noisy(tag, xs):
    for x in xs:
        print("  make", tag, x)
        yield x


# --- generator expressions handed to list/tuple/set/frozenset/any/all
print(list(x * 2 for x in range(5)))
print(tuple(x for x in "abc"))
print(sorted(set(x % 3 for x in range(10))))
print(sorted(frozenset(x for x in [1, 1, 2])), type(frozenset(x for x in [])).__name__)
print(any(x > 3 for x in noisy("any", [1, 5, 9])))
print(all(x < 3 for x in noisy("all", [1, 5, 9])))
print(any(x for x in []), all(x for x in []))
print(any(x for x in [0, "", None]), all(x for x in [1, "a", [0]]))
n = 3
print(list((x, y) for x in range(n) for y in range(x) if (x + y) % 2))
print(list(list(y for y in range(x)) for x in range(4)))
print(set(len(s) for s in ("a", "bb", "cc")) == {1, 2})


def side(x):
    print("  side", x)
    return x


try:
    set([side(x)] if x == 1 else side(x) for x in range(4))
except TypeError as e:
    print("TypeError", e)


def stopper():
    return list(next(iter([])) for x in range(2))


try:
    stopper()
except RuntimeError as e:
    print("RuntimeError", e)


def boom(x):
    return 1 / x


try:
    tuple(boom(x) for x in [1, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)


def shadowed():
    list = lambda g: "shadowed " + type(g).__name__
    any = len
    return list(x for x in range(3)), any([1, 2])


print(shadowed())


class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("  bool", self.v)
        return self.v


print(any(Truthy(v) for v in [False, True, False]))
g = (x for x in range(3))
print(list(g), list(g))

# --- generators left unfinished, closed, thrown into
hits = 0
for i in range(2000):
    if any(x > 2 for x in range(10)):
        hits += 1
print("abandoned", hits)


def counter(n):
    try:
        for i in range(n):
            yield i
    finally:
        print("  counter finally", n)


c = counter(5)
print(next(c), next(c))
c.close()
c = counter(3)
print(next(c))
try:
    c.throw(ValueError("inside"))
except ValueError as e:
    print("thrown", e)


def plain(n):
    for i in range(n):
        yield i * 10


pending = [plain(k + 1) for k in range(3)]
print([next(p) for p in pending], [next(p, "done") for p in pending])
pending = None


def chain(k):
    if k == 0:
        yield "bottom"
    else:
        yield from chain(k - 1)


print(list(chain(50)))
gens = [chain(5) for _ in range(100)]
print(sum(1 for g in gens for _ in g))

# --- floats: mixed int/float arithmetic, comparisons, the error texts
a, b, i = 1.5, 0.25, 3
print(a + b, a - b, a * b, a / b, a + i, i - a, i * b, i / b, a // b, a % b)
print(-a * 2, 2 ** 0.5, 10 / 4, 10.0 / 4, (2**53 + 1) + 0.0, 1e308 * 10, -1e308 * 10)
x = 0.1
for k in range(10):
    x += 0.1
    x *= 1.0001
    x -= 0.05
print(repr(x))
nan = float("nan")
print(nan == nan, nan != nan, nan < 1.0, 1.0 <= 2.0, 2.0 > 1.5, 2.0 >= 2.0)
for op in ("a / 0", "a / 0.0", "i / 0.0", "a // 0.0", "a % 0.0"):
    try:
        eval(op)
    except ZeroDivisionError as e:
        print(op, "->", e)
try:
    print(10**400 + 1.0)
except OverflowError as e:
    print("OverflowError", e)
print(True + 0.5, 0.5 * False)

# --- unpacking
t = (1, "two", 3.0)
p, q, r = t
print(p, q, r)
lst = [4, 5, 6]
p, q, r = lst
print(p, q, r)
lst = [10, 20]
lst[0], lst[1] = lst
print(lst)
lst = [1, 2]
lst[1], lst[0] = lst
print(lst)
for bad in ((1, 2), [1, 2, 3, 4], "ab", 5):
    try:
        p, q, r = bad
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
h, *rest = (1, 2, 3)
print(h, rest)


def unpack_in_fn(seq):
    u, v = seq
    return v, u


print(unpack_in_fn((7, 8)), unpack_in_fn([9, 10]), unpack_in_fn("xy"))

# --- list slices
s = list(range(10))
print(s[2:5], s[::3], s[::-1], s[8:2:-2], s[-3:], s[:-8], s[5:2], s[100:], s[-100:2])
print((1, 2, 3, 4)[1:3], (1, 2, 3, 4)[::-2])
s[2:5] = [20, 30, 40]
print(s)
s[0:2] = [0]
print(s)
s[:1] = s
print(s)
s[1:3] = "ab"
print(s)
w = list(range(6))
w[::2] = [7, 8, 9]
print(w)
try:
    w[::2] = [1]
except ValueError as e:
    print("ValueError", e)
w[:] = []
print(w)
k = 3
perm = [0, 1, 2, 3, 4]
perm[: k + 1] = perm[k::-1]
print(perm)
try:
    s[1:2:0]
except ValueError as e:
    print("ValueError", e)


# --- augmented assignment on instance attributes
class Acc:
    def __init__(self):
        self.n = 0
        self.f = 0.5
        self.items = []
        self.s = "a"

    def bump(self, k):
        self.n += k
        self.f *= k
        self.items += [k]
        self.s += str(k)


acc = Acc()
keep = acc.items
for k in range(1, 4):
    acc.bump(k)
acc.n += 2**63
print(acc.n, acc.f, acc.items, keep is acc.items, acc.s)


class Slotted:
    __slots__ = ("v",)

    def __init__(self):
        self.v = 1


sl = Slotted()
sl.v += 41
print(sl.v)


class Prop:
    def __init__(self):
        self._v = 1

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, x):
        print("  setter", x)
        self._v = x


pr = Prop()
pr.v += 1
print(pr.v)


class ClassLevel:
    count = 10


cl = ClassLevel()
cl.count += 1
print(cl.count, ClassLevel.count)
try:
    acc.missing += 1
except AttributeError as e:
    print("AttributeError", e)
