# Which objects can be weakly referenced: __slots__ without __weakref__, built-in types, subclasses of ref.
import weakref
class P:
    __slots__ = ('x',)
class Q:
    __slots__ = ('x', '__weakref__')
class R(P):
    pass
class S(Q):
    __slots__ = ('y',)
class L(list):
    pass
class LS(list):
    __slots__ = ()
class E(Exception):
    __slots__ = ()
for c in (P, Q, R, S, L, LS, E):
    try:
        o = c()
        r = weakref.ref(o)
        print(c.__name__, r() is o)
    except TypeError as e:
        print(c.__name__, e)
class MyRef(weakref.ref):
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag
o = Q()
try:
    MyRef(o, None, "t")
except TypeError as e:
    print(e)
m = MyRef(o, None)
print(m() is o, type(m).__name__, isinstance(m, weakref.ref), weakref.ref(o) is weakref.ref(o), weakref.getweakrefcount(o))
d = {weakref.ref(o): 1}
print(d[weakref.ref(o)])
for o in (Exception(), ValueError(), lambda:1, len, [].append, {1}, frozenset(), iter([]), (x for x in []), type, weakref, range(1), slice(1), property(), bytearray(), memoryview(b'')):
  try: weakref.ref(o); print(type(o).__name__, 'ok')
  except TypeError as e: print(e)
class E2(Exception): pass
print(weakref.ref(E2())() is None)
