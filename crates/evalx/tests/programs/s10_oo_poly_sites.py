# Method call sites that see instances of many classes (a polymorphic site keeps the classes after the
# first in a side table), classes changed while such a site is warm, super() calls reached from several
# subclasses, `is` / `is not` against None and other values, and truth tests of every common kind.


class Base:
    def __init__(self, k):
        self.k = k

    def name(self):
        return "Base"

    def run(self):
        return self.name() + ":" + str(self.k)

    def step(self, n):
        return n + self.k


def make(i):
    # Twelve subclasses: more than the site's inline entry and its side table hold together.
    def name(self):
        return "C%d" % i

    ns = {"name": name} if i % 3 else {}
    return type("C%d" % i, (Base,), ns)


classes = [make(i) for i in range(12)]
objs = [c(i) for i, c in enumerate(classes)]


def sweep(xs):
    out = []
    for o in xs:
        out.append(o.run())
    return out


print(sweep(objs))
print(sweep(objs[::-1]))
print(sum(o.step(1) for o in objs))

# A method added to one class while the site is warm: the next call finds it.
classes[4].name = lambda self: "patched4"
print(sweep(objs))
# Removed again: the base's method comes back.
del classes[4].name
print(sweep(objs))
# A method on the base replaced: subclasses that inherit it see the new one, the others keep theirs.
Base.name = lambda self: "newbase"
print(sweep(objs))
# An instance attribute shadows the method for that instance only.
objs[5].name = lambda: "own5"
print(sweep(objs))
del objs[5].name
print(sweep(objs))
# Instances of classes made after the site warmed up (new classes may reuse freed addresses).
for j in range(3):
    tmp = [type("T%d_%d" % (j, i), (Base,), {"name": (lambda i: lambda self: "T%d" % i)(i)})(i)
           for i in range(9)]
    print(sweep(tmp))
    del tmp


# super() from a method that runs for several subclasses.
class Node:
    def __init__(self, v):
        self.v = v

    def describe(self):
        return "Node(%s)" % self.v


class A(Node):
    def describe(self):
        return "A<" + super().describe() + ">"


class B(Node):
    def __init__(self, v):
        super().__init__(v * 2)

    def describe(self):
        return "B<" + super().describe() + ">"


class AA(A):
    def describe(self):
        return "AA<" + super().describe() + ">"


class BB(B):
    pass


class AB(A, B):
    pass


nodes = [A(1), B(2), AA(3), BB(4), AB(5), Node(6)] * 2
print([n.describe() for n in nodes])
Node.describe = lambda self: "N" + str(self.v)
print([n.describe() for n in nodes])


# `is` / `is not` with None and other operands.
class Z:
    pass


z = Z()
vals = [None, 0, 1, False, True, "", "a", (), [], z, Z, 2.5, 300, -5]
print([v is None for v in vals])
print([v is not None for v in vals])
print([None is v for v in vals])
print([v is z for v in vals], [v is True for v in vals], [v is False for v in vals])
print(z is z, z is not z, None is None, None is not None, z is not None, None is not z)


# Truth tests in while / and / or / not / if.
class Truthy:
    def __init__(self, b):
        self.b = b

    def __bool__(self):
        return self.b


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class BadBool:
    def __bool__(self):
        return 1


things = [None, True, False, 0, 7, -1, 0.0, 0.5, "", "x", [], [0], {}, {1: 2}, (), (0,),
          Truthy(True), Truthy(False), Sized(0), Sized(3), z, 2**70, 0j]
print([bool(t) for t in things])
print([not t for t in things])
print([(t and 1) for t in things[:16]])
print([(t or 2) for t in things[:16]])
print(["y" if t else "n" for t in things])
for t in things:
    n = 0
    while t and n < 2:
        n += 1
    print(n, end=" ")
print()
try:
    if BadBool():
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    while BadBool():
        break
except TypeError as e:
    print("TypeError:", e)
