class Base:
    kind = "base"
    def __init__(self, n):
        self.n = n
    def who(self):
        return f"{self.kind}:{self.n}"
    @classmethod
    def make(cls, n):
        return cls(n)
    def __repr__(self):
        return f"{type(self).__name__}({self.n!r})"
class Child(Base):
    kind = "child"
    def who(self):
        return "child-" + super().who()
objs = [Base(1), Child(2), Child.make(3), Base.make("x")]
print(objs, [o.who() for o in objs])
print(Child.kind, Child(5).kind, isinstance(Child(1), Base), type(Child.make(1)) is Child)
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.id = Counter.count
cs = [Counter() for _ in range(3)]
print([c.id for c in cs], Counter.count)
class Eq:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, Eq) and o.v == self.v
print(Eq(1) == Eq(1), Eq(1) != Eq(2), Eq(1) in [Eq(0), Eq(1)], [Eq(2)].index(Eq(2)), [Eq(1), Eq(1)].count(Eq(1)))
