# `super().name(...)` calls: chains, caches across classes, class changes, and the cases that need a
# super object (class methods, static methods, built-in bases).


class A:
    def __init__(self, v):
        self.v = v

    def m(self, x):
        return ("A", self.v, x)

    def n(self):
        return "A.n"


class B(A):
    def __init__(self, v, w):
        super().__init__(v)
        self.w = w

    def m(self, x):
        return ("B",) + super().m(x + 1)


class C(B):
    def __init__(self):
        super().__init__(1, 2)

    def m(self, x):
        return ("C",) + super().m(x * 2)


b, c = B(5, 6), C()
for o in [b, c, b, c]:
    print(o.m(1), vars(o))

# The base method changes after the call site has run.
def m2(self, x):
    return ("A2", x)


for i in range(3):
    if i == 1:
        A.m = m2
    print(c.m(i))

# A method is added between the classes later.
def bm(self, x):
    return ("B-new",) + super(B, self).m(x)


for i in range(2):
    print(c.m(10), b.m(10))
    B.m = bm
print(c.m(3))

# The name is missing further up.
class D(A):
    def n(self):
        return super().n() + "+D"

    def missing(self):
        return super().nothing()


d = D(0)
print(d.n(), d.n())
try:
    d.missing()
except AttributeError as e:
    print("AttributeError:", e)

# Class methods and static methods reached through super().
class E(A):
    @classmethod
    def make(cls):
        return cls.__name__

    @staticmethod
    def s():
        return "E.s"


class F(E):
    @classmethod
    def make(cls):
        return "F:" + super().make()

    def s2(self):
        return super().s()


f = F(1)
print(F.make(), f.make(), f.s2())

# A built-in base.
class L(list):
    def append(self, x):
        super().append(x * 10)
        return len(self)


lst = L()
print(lst.append(1), lst.append(2), lst)

# Arguments are evaluated after the method is found.
def arg(tag):
    print("arg", tag)
    return tag


class I(A):
    def m(self, x):
        return super().m(arg(x))


print(I(3).m("x"))
