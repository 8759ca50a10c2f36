# Instance attributes under key-sharing storage: order, deletion, dict views, odd keys, many names.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


a = P(1, 2)
b = P(3, 4)
print(vars(a), a.__dict__, b.norm())

# Same names, another order: each instance keeps its own insertion order.
c = object.__new__(P)
c.y = 5
c.x = 6
print(vars(c), c.norm(), list(c.__dict__))

# A later instance adds a name after the shared ones; earlier ones do not see it.
b.z = 9
print(vars(b), hasattr(a, "z"), getattr(a, "z", "none"))
d = P(7, 8)
d.z = 10
d.w = 11
print(vars(d), d.z + d.w)

# Deletion keeps the order of the others, and a name set again goes last.
del d.x
print(vars(d))
try:
    print(d.x)
except AttributeError as e:
    print("AttributeError:", e)
d.x = 12
print(vars(d), d.norm())
try:
    del d.missing
except AttributeError as e:
    print("AttributeError:", e)

# Reading through a site that has seen another instance layout.
def xs(objs):
    return [o.x for o in objs]


print(xs([a, b, c, d, P(0, 0)]))


def bump(objs):
    for o in objs:
        o.x += 1
        o.y += 0.5
    return [(o.x, o.y) for o in objs]


print(bump([a, c, d]))

# setattr/getattr with names that are not identifiers, and a non-str key through __dict__ copies.
setattr(a, "not an identifier", 1)
setattr(a, "x", 100)
print(vars(a), getattr(a, "not an identifier"))

# An instance attribute shadows a method; deleting it uncovers the method again.
a.norm = lambda: "shadowed"
print(a.norm())
del a.norm
print(a.norm())

# Many names: more than a class shares.
class Many:
    pass


m = Many()
for i in range(40):
    setattr(m, "a%d" % i, i)
print(len(vars(m)), list(vars(m))[:3], list(vars(m))[-3:], m.a39, m.a0)
m2 = Many()
for i in range(40):
    setattr(m2, "a%d" % (39 - i), i)
print(list(vars(m2))[:3], m2.a0, m2.a39)

# Subclasses: their instances share their own names.
class Q(P):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


q = Q(1, 2, 3)
print(vars(q), q.norm(), q.z)

# A class attribute, read through instances, until an instance sets its own.
class K:
    n = 0

    def inc(self):
        self.n += 1
        return self.n


k1, k2 = K(), K()
print(k1.inc(), k1.inc(), k2.n, K.n, vars(k1), vars(k2))
K.n = 10
print(k2.inc(), k1.n, vars(k2))

# Changing a method on the class after calls were made.
def norm2(self):
    return -1


for i in range(3):
    if i == 2:
        P.norm = norm2
    print(b.norm())

# __dict__ and vars() agree.
c.q = 1
print(c.__dict__ == vars(c), vars(c))

# Instances in containers and equality of their dicts.
objs = [P(i, -i) for i in range(5)]
print(sorted(o.norm() for o in objs), objs[3].__dict__ == {"x": 3, "y": -3})

# Properties and __slots__ still behave.
class S:
    __slots__ = ("u", "v")

    def __init__(self):
        self.u = 1


s = S()
print(s.u, hasattr(s, "v"))
try:
    s.w = 2
except AttributeError as e:
    print("AttributeError:", e)


class Prop:
    def __init__(self):
        self._v = 1

    @property
    def v(self):
        return self._v * 10

    @v.setter
    def v(self, val):
        self._v = val


p = Prop()
p.v = 4
print(p.v, vars(p))
