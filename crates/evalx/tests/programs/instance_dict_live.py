class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = P(1, 2)
b = P(3, 4)
d = a.__dict__
print(d, d is a.__dict__, vars(a) is d)
d["z"] = 9
print(a.z, hasattr(b, "z"), a.__dict__)
del d["x"]
print(hasattr(a, "x"), a.__dict__)
a.w = 5
print(d, "w" in vars(a))
del a.y
print(d)
d.update(q=1, r=2)
print(a.q + a.r, list(d))
d.clear()
print(vars(a), hasattr(a, "z"))
vars(b)["x"] = 30
print(b.x, b.y, b.__dict__)
c = P(5, 6)
c.x = 50
print(c.x, c.__dict__, P(7, 8).__dict__)
new = {"m": 1}
c.__dict__ = new
print(c.m, hasattr(c, "x"), c.__dict__ is new)
new["n"] = 2
print(c.n)
try:
    c.__dict__ = [1]
except TypeError as e:
    print("TypeError:", e)
kept = P(1, 1).__dict__
print(kept)
print("__init__" in P.__dict__, P.__dict__["__module__"], type(P.__dict__).__name__)
try:
    P.__dict__["k"] = 1
except TypeError as e:
    print("TypeError:", e)


class Slotted:
    __slots__ = ("s",)


print(hasattr(Slotted(), "__dict__"))
many = P(0, 0)
for i in range(40):
    setattr(many, "a%d" % i, i)
md = many.__dict__
md["a3"] = -3
print(many.a3, len(md), many.a39)
gone = P(1, 2)
old = gone.__dict__
del gone.__dict__
print(gone.__dict__, old, hasattr(gone, "x"))
gone.x = 3
print(gone.__dict__, old)
