# Class attribute reads, method lookups and instance attribute layouts across subclasses (session 9, oo):
# the per-class name memory and the shared attribute names a subclass inherits must never show a stale
# or misplaced value.


class Strength:
    REQUIRED = "required"
    WEAK = "weak"

    def describe(self):
        return "strength"


class Sub(Strength):
    pass


def read_all():
    return (Strength.REQUIRED, Strength.WEAK, Sub.REQUIRED, Sub.WEAK)


for _ in range(3):
    print(read_all())
Strength.REQUIRED = "changed"
print(read_all())
Sub.WEAK = "sub-weak"
print(read_all())
del Sub.WEAK
print(read_all())
del Strength.WEAK
try:
    print(Sub.WEAK)
except AttributeError as e:
    print("AttributeError:", e)
Strength.WEAK = "back"
print(read_all())
print(Sub.describe(Sub()), Sub().describe())
Strength.describe = lambda self: "replaced"
print(Sub().describe())


class Other:
    REQUIRED = "other"


def read(c):
    return c.REQUIRED


for c in [Strength, Other, Sub, Other, Strength]:
    print(read(c))

# Many names on one class (more than the class remembers).
Many = type("Many", (), {f"n{i}": i for i in range(50)})
print(sum(getattr(Many, f"n{i}") for i in range(50)))
print([Many.n0, Many.n10, Many.n49, Many.n48, Many.n0])
Many.n49 = -1
print(Many.n49)


# Instance attributes: subclasses start with their base's names.
class Task:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def total(self):
        return self.a + self.b


class DeviceTask(Task):
    def __init__(self, a, b):
        Task.__init__(self, a, b)
        self.device = "dev"


class HandlerTask(Task):
    def __init__(self, a, b):
        self.handler = "h"  # before the base's names
        super().__init__(a, b)
        self.extra = 1


class IdleTask(Task):
    def __init__(self, a, b):
        Task.__init__(self, a, b)
        self.count = 0


tasks = []
for i in range(4):
    tasks += [Task(i, 1), DeviceTask(i, 2), HandlerTask(i, 3), IdleTask(i, 4)]
for t in tasks:
    print(type(t).__name__, t.total(), vars(t))
for t in tasks:
    if isinstance(t, IdleTask):
        t.count += t.a
    t.b = t.b * 10
print([t.total() for t in tasks])
print([getattr(t, "device", None) for t in tasks])
print([getattr(t, "count", None) for t in tasks])
print([hasattr(t, "handler") for t in tasks])
del tasks[2].handler
print(vars(tasks[2]), tasks[2].total())


# Layouts in many orders: each instance still reads its own names, and vars() keeps the order they were set.
class Free:
    pass


import itertools

names = ["p", "q", "r", "s"]
objs = []
for order in itertools.permutations(names):
    o = Free()
    for k, n in enumerate(order):
        setattr(o, n, k)
    objs.append(o)
for o in objs[::5]:
    print(vars(o), o.p, o.q, o.r, o.s)
print(sum(o.p * 1000 + o.q * 100 + o.r * 10 + o.s for o in objs))


class FreeSub(Free):
    def __init__(self):
        self.s = "s"
        self.p = "p"


print([vars(FreeSub()) for _ in range(2)])


# A list subclass whose class later defines the method the call site inlines.
class Coll(list):
    pass


c = Coll()
for i in range(3):
    c.append(i)
print(c)
Coll.append = lambda self, x: list.append(self, x * 100)
c.append(5)
print(c)


# Identity comparisons with instances on either side.
from decimal import Decimal

d = Decimal(1)
print(d is d, d is not d, d is None, None is d, d is Decimal(1), Task(1, 2) is None)


# Calls through a class: class methods get the class they are called on, static methods and plain
# functions get the arguments as they are.
class Str:
    @classmethod
    def stronger(cls, a, b):
        return (cls.__name__, a > b)

    @staticmethod
    def weaker(a, b):
        return a < b

    def plain(x):
        return ("plain", x)

    class Inner:
        pass

    def __call__(self, *a):
        return a

    handle = None


class SubStr(Str):
    pass


Str.handle = Str()
for _ in range(2):
    print(Str.stronger(2, 1), SubStr.stronger(1, 2), Str.weaker(1, 2), SubStr.plain(7))
    print(type(Str.Inner()).__name__, Str.handle(1, 2))
try:
    Str.missing(1)
except AttributeError as e:
    print("AttributeError:", e)
try:
    Str.stronger(1)
except TypeError as e:
    print("TypeError:", e)
SubStr.stronger = staticmethod(lambda a, b: "static now")
print(SubStr.stronger(1, 2), Str.stronger(1, 2))
