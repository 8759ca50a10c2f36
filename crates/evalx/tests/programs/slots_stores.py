# Stores into `__slots__` instances: the declared names, the others, augmented assignment, subclasses.


class P:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = i * 0.5
        self.y = i * 3
        self.z = x / 2

    def scale(self, k):
        self.x *= k
        self.y += k
        self.z /= k
        return (self.x, self.y, self.z)


ps = [P(i) for i in range(1, 5)]
print([p.scale(2) for p in ps])
try:
    ps[0].w = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    ps[0].w += 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(P.__new__(P).x) if False else print(object.__new__(P).x)
except AttributeError as e:
    print("AttributeError:", e)
o = object.__new__(P)
o.z = 1
o.x = 2
print(o.x, o.z, hasattr(o, "y"))
del o.x
print(hasattr(o, "x"))
o.x = 5
print(o.x + o.z)


class Q(P):
    __slots__ = ("w",)


q = Q(2)
q.w = 7
q.w += 1
print(q.x, q.w)
try:
    q.v = 1
except AttributeError as e:
    print("AttributeError:", e)


class R(P):
    pass


r = R(3)
r.v = 1
print(r.x, r.v)


class S:
    __slots__ = ("a",)

    def __setattr__(self, name, value):
        print("setattr", name, value)
        object.__setattr__(self, name, value)


s = S()
s.a = 1
s.a += 1
print(s.a)


class T:
    __slots__ = ("b",)


t = T()
for i in range(3):
    if i == 2:
        T.b_prop = property(lambda self: 1)
    t.b = i
    print(t.b)
