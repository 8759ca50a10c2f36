# type.mro() and __base__, as CPython's.
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
class E(Exception): pass
print(D.mro(), D.__base__, A.__base__, object.__base__, E.__base__, int.__base__, bool.__base__)
print(type.mro(B), [k.__name__ for k in E.mro()], D.mro() == list(D.__mro__))
try:
    type.mro(5)
except TypeError as e:
    print(e)
