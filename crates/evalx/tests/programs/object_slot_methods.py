# object's slot methods reached through super(), the class and the instance (__repr__, __str__, __format__,
# __hash__, __eq__, __ne__, the orderings, __new__, __init_subclass__), found by probing everyday scripts.
class C:
    def __setattr__(self, k, v):
        super().__setattr__(k, v * 2)
    def __repr__(self): return 'C:' + super().__repr__()[:10]
    def __eq__(self, o): return super().__eq__(o)
    def __hash__(self): return super().__hash__() * 0 + 1
    def __str__(self): return super().__str__()[:5]
    def __format__(self, spec): return "F" + super().__format__(spec)
c = C(); c.x = 2; print(c.x, repr(c), c == c, c == 1, c != c, c != 2, hash(c), str(c), f"{c}"[:4])
print(object.__repr__(c)[:10], object.__str__(c)[:5], object.__format__(c, '')[:5], object.__eq__(c, c), object.__ne__(c, 1), object.__lt__(c, 1))
try: format(c, "x")
except TypeError as e: print(e)
class P:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, P) and self.v == o.v
print(P(1) != P(1), P(1) != P(2), P.__ne__(P(1), P(1)), P(1).__ne__(3))
class K:
    def clone(self):
        o = self.__class__.__new__(self.__class__); o.__dict__.update(self.__dict__); return o
k = K(); k.a = 1; print(k.clone().a, type(k.clone()).__name__, K.__new__(K).__class__ is K)
class Base:
    def __init_subclass__(cls, **kw): print("sub", cls.__name__); super().__init_subclass__(**kw)
class D(Base): pass
print(sorted(n for n in dir(C()) if n.startswith("__") and n.endswith("__"))[:8])
class L(list):
    def __repr__(self): return "L" + super().__repr__()
print(L([1]), str(L([2])))
class E(Exception):
    def __str__(self): return "E:" + super().__str__()
print(E("boom"), repr(E(1)))
