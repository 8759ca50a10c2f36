# Unhashable user classes and bad __hash__ results raise CPython's TypeErrors everywhere a key is hashed.
def check(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)

class Point:
    def __init__(self, x):
        self.x = x
    def __eq__(self, o):
        return isinstance(o, Point) and self.x == o.x

class NoHash:
    __hash__ = None

class Sub(Point):
    def __hash__(self):
        return hash(self.x)

class Eq2(Sub):
    def __eq__(self, o):
        return False

class Bad:
    def __hash__(self):
        return "x"

class Flt:
    def __hash__(self):
        return 1.0

class Raises:
    def __hash__(self):
        raise ValueError("no hash today")

class EqRaises:
    def __hash__(self):
        return 1
    def __eq__(self, o):
        raise RuntimeError("cannot compare")

print(Point.__hash__, NoHash.__hash__, Eq2.__hash__)
for cls in (Point, NoHash, Eq2, Bad, Flt, Raises):
    v = cls(1) if cls in (Point, Eq2) else cls()
    check(lambda: hash(v))
    check(lambda: {v: 1})
    check(lambda: {v})
    check(lambda: v in {})
    check(lambda: v in set())
    check(lambda: {}.get(v))
    check(lambda: {}[v])
    check(lambda: {}.setdefault(v))
    check(lambda: {}.pop(v, None))
    check(lambda: set().add(v))
    check(lambda: set().discard(v))
d = {}
check(lambda: d.__setitem__(Point(2), 1))
print(d)
print({Sub(1): "ok"}[Sub(1)])
check(lambda: {EqRaises(): 1}[EqRaises()])
check(lambda: EqRaises() in {EqRaises()})
e = EqRaises()
print({e: "same object, no __eq__"}[e])
{Point(3): 1}
