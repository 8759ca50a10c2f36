# object's __reduce_ex__, __reduce__, __getstate__, __sizeof__ and __dir__ reached through plain objects.
import copyreg
class A: pass
a = A()
print(a.__reduce_ex__(2)[1:], a.__reduce_ex__(2)[0] is copyreg.__newobj__)
a.x = 1
r = a.__reduce_ex__(2)
print(r[1:], r[2] is a.__dict__)
print(a.__reduce_ex__(1)[1:], a.__reduce__()[1:], a.__reduce__()[0] is copyreg._reconstructor)
class S:
    __slots__ = ('p', 'q')
s = S(); s.p = 1
print(s.__reduce_ex__(2)[1:], s.__getstate__())
class G:
    def __getnewargs__(self): return (1, 2)
    def __new__(cls, *a): return object.__new__(cls)
print(G().__reduce_ex__(4)[1:])
class R:
    def __reduce__(self): return (R, ())
print(R().__reduce_ex__(2))
print(a.__sizeof__(), s.__sizeof__(), object.__sizeof__(object()), sorted(a.__dir__()) == sorted(dir(a)))
try:
    s.__reduce_ex__(1)
except TypeError as e:
    print(e)
class D:
    def __dir__(self):
        return ['extra'] + super().__dir__()
print(dir(D())[:3], 'extra' in dir(D()))
print(callable(a.__reduce_ex__), object.__reduce_ex__(a, 2)[1:])
import copy, pickle
class P:
    def __init__(self): self.v = [1, 2]
p2 = copy.deepcopy(P()); print(p2.v)
print(pickle.loads(pickle.dumps(P())).v)
