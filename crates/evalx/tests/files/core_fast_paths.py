# The interpreter core's fast paths must answer as the general paths do: set comparisons and
# operations (plain members and members with their own __eq__/__hash__), dict(d) copies, calls that
# leave trailing parameters to their defaults, attribute reads and writes on locals, and the truth of
# instances whose class gains or loses __bool__/__len__ after a first test.


class Eq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, Eq) and self.v == other.v

    def __hash__(self):
        return hash(self.v)

    def __repr__(self):
        return "Eq(%r)" % self.v


a = frozenset(range(10))
b = frozenset([1, 3, 5])
print(b <= a, b < a, a >= b, a > b, a <= b, a < a, a <= a, a > a, a >= a)
print(b.issubset(a), a.issuperset(b), b.isdisjoint(a), frozenset([11]).isdisjoint(a))
print(sorted(a - b), sorted(a & b), sorted(b | {20}), sorted(a ^ b))
print(set() <= a, set() < set(), {1} < {1, 2}, {1, 2} > {2}, {1, 2} >= {3})
d = a - b
print(min(d), max(d), len(d), sorted(d & {2, 4, 99}))
for x in d - {0, 2, 4, 6}:
    print("left", x)
e1 = {Eq(1), Eq(2)}
e2 = {Eq(1), Eq(2), Eq(3)}
print(e1 <= e2, e1 < e2, e2 >= e1, e2 > e1, e1 == {Eq(2), Eq(1)}, e1.issubset(e2), e2.issuperset(e1))
print(sorted((x.v for x in e2 - e1)), sorted(x.v for x in e2 & e1), e1.isdisjoint({Eq(5)}))
mixed = {1, 2, Eq(3)}
mixed.discard(Eq(3))
print(mixed <= {1, 2, 3}, sorted(mixed), {1, 2} == mixed)
c = set(a)
c.add(100)
print(len(a), len(c), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print({frozenset([1, 2]): "x"}[frozenset([2, 1])])

src = {1: "a", "k": [1, 2], (1, 2): None}
cp = dict(src)
cp["new"] = 1
print(src, cp, dict(cp) == cp, dict(src, extra=2))
upd = {"z": 0}
upd.update(src)
print(upd)


def f(a, b=2, c=[3]):
    return (a, b, c)


print(f(1), f(1, 5), f(1, 5, 6), f(b=7, a=0))


def rec(n, acc=0, step=1):
    if n == 0:
        return acc
    return rec(n - step, acc + n)


print(rec(50))
try:
    f()
except TypeError as e:
    print("TypeError", e)


class P:
    k = "class attr"

    def __init__(self, x):
        self.x = x

    def m(self):
        return self.x


def attrs(p):
    p.y = p.x + 1
    p.x = p.x * 2
    r = (p.x, p.y, p.k, p.m())
    p.k = "own"
    return r + (p.k, P.k)


print(attrs(P(3)))
try:
    print(attrs(object()))
except AttributeError as e:
    print("AttributeError", e)


class T:
    pass


t = T()
print(bool(t), "yes" if t else "no")
T.__len__ = lambda self: 0
print(bool(t), "yes" if t else "no")
del T.__len__
T.__bool__ = lambda self: False
print(bool(t), "yes" if t else "no")
del T.__bool__
print(bool(t), "yes" if t else "no")


class Grid:
    def __init__(self):
        self.cells = {}

    def __getitem__(self, k):
        return self.cells.get(k, 0)

    def __setitem__(self, k, v):
        self.cells[k] = v


g = Grid()
g[1, 2] = 5
g[1, 2] += 1
print(g[1, 2], g[0, 0])
