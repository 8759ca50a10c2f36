# Session 8 (issue 25): polymorphic attribute and method caches, built-in subclasses' len()/iter(),
# operator dunders, and generator expressions consumed in place by sum/min/max.
import traceback


class Base:
    def __init__(self, k):
        self.k = k
        self.n = 0

    def step(self):
        # One access site seeing instances of several classes (each class has its own shared names).
        self.n += self.k
        return self.kind()

    def kind(self):
        return "base"


class A(Base):
    def kind(self):
        return "a"


class B(Base):
    def __init__(self, k):
        self.extra = "first"  # a different layout: `k` and `n` sit elsewhere in B's names
        super().__init__(k)

    def kind(self):
        return "b"


class C(Base):
    pass


class D(A):
    def kind(self):
        return "d" + super().kind()


objs = [Base(1), A(2), B(3), C(4), D(5)]
for _ in range(3):
    print([o.step() for o in objs], [o.n for o in objs])

# An instance attribute shadowing the method on one instance only.
objs[1].kind = lambda: "shadowed"
print([o.step() for o in objs])
del objs[1].kind
print([o.step() for o in objs])

# Changing a class's method after the sites have cached it.
A.kind = lambda self: "a2"
print([o.step() for o in objs])

# Attribute stores through one site on several layouts, then a deletion that turns one into a dict.
def bump(o, v):
    o.k = v
    o.last = v
    return o.k + o.last

print([bump(o, i) for i, o in enumerate(objs)])
del objs[2].extra
print([bump(o, i * 10) for i, o in enumerate(objs)], vars(objs[2]))


# len() and iteration of built-in subclasses, with and without their own dunders.
class L(list):
    pass


class L2(list):
    def __len__(self):
        return 42

    def __iter__(self):
        return iter(["own"])


class Dd(dict):
    pass


class S(str):
    pass


class T(tuple):
    def __iter__(self):
        yield from reversed([x for x in tuple.__iter__(self)])


l = L([1, 2, 3])
print(len(l), list(l), [x for x in l], sum(l))
l.append(4)
print(len(l), list(l))
l2 = L2([1, 2])
print(len(l2), list(l2), list.__len__(l2))
d = Dd(a=1, b=2)
print(len(d), list(d), sorted(d))
print(len(S("héllo")), list(S("ab")))
print(list(T((1, 2, 3))))
L.__len__ = lambda self: -1
try:
    len(l)
except ValueError as e:
    print("ValueError", e)
del L.__len__
print(len(l))


# Operators dispatched to dunders (pooled argument vectors).
class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        return V(self.x + (o.x if isinstance(o, V) else o))

    def __radd__(self, o):
        return V(o + self.x)

    def __neg__(self):
        return V(-self.x)

    def __lt__(self, o):
        return self.x < o.x

    def __repr__(self):
        return f"V({self.x})"


print(V(1) + V(2), 3 + V(4), -V(5), V(1) < V(2), sorted([V(3), V(1), V(2)]))

# Generator expressions consumed by sum/min/max.
print(sum(x * x for x in range(10)), sum(x / 2 for x in range(5)), sum((V(i) for i in range(3)), V(0)))
print(sum(x for x in []), min(x for x in [3, 1, 2]), max(x % 7 for x in range(20)))
print(max((x for x in [1, 5, 5.0]), key=None), min(len(w) for w in ["abc", "d"]))
print(sum(V(i) for i in range(3)))
for bad in ("sum(x for x in ['a', 'b'])", "max(x for x in [])", "min(x for x in [1, 'a'])",
            "sum(1 // x for x in [1, 0])", "set(x for x in [[1]])"):
    try:
        print(eval(bad))
    except Exception as e:
        print(type(e).__name__, e, len(traceback.extract_tb(e.__traceback__)))


def gen_raises():
    return sum(x for x in iter_then_raise())


def iter_then_raise():
    yield 1
    raise StopIteration


try:
    gen_raises()
except RuntimeError as e:
    print("RuntimeError", e)


# Class attributes read through the class (`Strength.REQUIRED`).
class Desc:
    def __get__(self, obj, owner):
        return ("desc", obj, owner.__name__)


class Plain:
    pass


class Meta(type):
    meta_only = "from meta"


class K:
    LEVEL = 3
    NAME = "k"
    inst = Plain()
    d = Desc()

    def f(self):
        return "f"

    @staticmethod
    def s(x):
        return x + 1

    @classmethod
    def c(cls):
        return cls.__name__

    @property
    def p(self):
        return 1

    class Inner:
        pass


class K2(K, metaclass=Meta):
    LEVEL = 4


for cls in (K, K2, K, K2):
    print(cls.LEVEL, cls.NAME, type(cls.inst).__name__, cls.d, cls.f(None), cls.s(1), cls.c(),
          type(cls.p).__name__, cls.Inner.__name__)
print(K2.meta_only)
try:
    K.missing
except AttributeError as e:
    print("AttributeError", e)
K.LEVEL = 10
print(K.LEVEL, K2.LEVEL)
del K2.LEVEL
print(K2.LEVEL)
