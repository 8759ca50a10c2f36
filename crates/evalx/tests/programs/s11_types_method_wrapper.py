# Slot wrappers of object, method-wrappers bound to instances, and docs of built-in types.
o = object()
print(type(o.__str__).__name__, repr(o.__str__).split(' at ')[0], o.__str__() == repr(o))
print(type(object.__str__).__name__, repr(object.__str__), repr(object.__init__))
print(type(o.__init__).__name__, type(o.__eq__).__name__, o.__eq__(o), o.__ne__(o))
print(o.__str__.__name__, o.__str__.__qualname__, o.__str__.__self__ is o, o.__str__.__objclass__)
print(object.__init__.__qualname__, object.__init__.__objclass__)

class A:
    pass

class B:
    "B's doc"

class E(Exception):
    pass

a = A()
print(type(a.__repr__).__name__, repr(a.__repr__).split(' at ')[0], a.__init__() is None)
print(type(object.__doc__).__name__, type(o.__doc__).__name__, o.__doc__ == object.__doc__)
print(type(int.__doc__).__name__, type((5).__doc__).__name__, type(ValueError.__doc__).__name__,
      type(ValueError().__doc__).__name__)
print(A.__doc__, a.__doc__, B.__doc__, B().__doc__, E.__doc__, E().__doc__)
e = ValueError('x')
print(type(e.__str__).__name__, e.__str__(), repr(e.__str__).split(' at ')[0])
