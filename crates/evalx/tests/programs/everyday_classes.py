class P:
    def __init__(self, x): self.x = x
    def __eq__(self, o): return isinstance(o, P) and self.x == o.x
    def __hash__(self): return hash(self.x)
d = {P(1): 'a'}; print(d[P(1)], P(1) in {P(1), P(2)}, len({P(1), P(1)}))
class Base:
    registry = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw); Base.registry.append((cls.__name__, tag))
class A(Base, tag='a'): pass
class B(A): pass
print(Base.registry)
class Lazy:
    def __getattr__(self, name):
        if name.startswith('x'): return name.upper()
        raise AttributeError(name)
l = Lazy(); print(l.xyz, getattr(l, 'q', 'default'))
class Typed:
    def __init__(self, name, kind): self.name, self.kind = name, kind
    def __get__(self, obj, owner):
        return self if obj is None else obj.__dict__[self.name]
    def __set__(self, obj, v):
        if not isinstance(v, self.kind): raise TypeError(f'{self.name} must be {self.kind.__name__}')
        obj.__dict__[self.name] = v
class Rec:
    age = Typed('age', int)
    def __init__(self, age): self.age = age
r = Rec(3); print(r.age)
try: r.age = 'x'
except TypeError as e: print(e)
class X:
    def f(self): return 'X'
class Y(X):
    def f(self): return 'Y' + super().f()
class Z(X):
    def f(self): return 'Z' + super().f()
class W(Y, Z):
    def f(self): return 'W' + super().f()
print(W().f(), [c.__name__ for c in W.__mro__])
class Singleton:
    _inst = None
    def __new__(cls, *a):
        if cls._inst is None: cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v): self.v = v
s1, s2 = Singleton(1), Singleton(2); print(s1 is s2, s1.v)
class Money(int):
    def __new__(cls, v, cur='EUR'):
        o = super().__new__(cls, v); o.cur = cur; return o
    def __repr__(self): return f'{int(self)} {self.cur}'
m = Money(5, 'USD'); print(m, m + 1, repr(m), isinstance(m, int))
class MyList(list):
    def sum(self): return sum(self)
ml = MyList([1, 2, 3]); ml.append(4); print(ml, ml.sum(), len(ml), ml[1:3], type(ml[1:3]).__name__)
class Str(str):
    def shout(self): return self.upper() + '!'
print(Str('hi').shout(), Str('a') + 'b', type(Str('a') + 'b').__name__)
import sys
print(sorted([3, 1, 2], key=lambda v: -v), sorted(['b', 'A'], key=str.casefold), list(reversed(range(3))), [x for x in range(10) if x % 3 == 0])
print({k: v for k, v in zip('abc', range(3)) if v}, {x % 3 for x in range(10)}, list(x * y for x in range(3) for y in range(2)))
matrix = [[1, 2, 3], [4, 5, 6]]; print(list(zip(*matrix)), [list(r) for r in zip(*matrix)], sum(matrix, []))
print(max([(1, 'b'), (1, 'a')]), min('hello'), sorted({'x': 2, 'y': 1}, key=lambda k: {'x': 2, 'y': 1}[k]))
print(any(isinstance(v, str) for v in [1, 'a']), all(v > 0 for v in []), next((v for v in [1, 2] if v > 5), None))
