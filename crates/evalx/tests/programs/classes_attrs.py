class C:
    a = 1
    def m(self):
        return self.a
c = C()
c.a = 2
print(C.a, c.a, C().m(), c.m())
del c.a
print(c.a)
class D(C):
    a = 3
print(D().m(), C.a)
class WithGetattr:
    def __getattr__(self, name):
        return name.upper()
print(WithGetattr().hello)
class Slotless:
    pass
s = Slotless()
s.x = 1
try:
    s.y
except AttributeError as e:
    print(e)
try:
    del s.y
except AttributeError as e:
    print("del:", e)
class Prop:
    def __init__(self):
        self._v = 0
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, value):
        self._v = value * 2
p = Prop(); p.v = 5; print(p.v)
