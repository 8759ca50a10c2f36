from abc import ABC, abstractmethod, ABCMeta, abstractclassmethod, abstractstaticmethod, abstractproperty
import abc

class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    @property
    @abstractmethod
    def name(self):
        ...

    def describe(self):
        return "%s with area %.2f" % (self.name, self.area())

for cls in (Shape,):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2

try:
    Square(2)
except TypeError as e:
    print("TypeError:", e)

class RealSquare(Square):
    def perimeter(self):
        return 4 * self.s
    @property
    def name(self):
        return "square"

sq = RealSquare(3)
print(sq.describe(), sq.perimeter(), isinstance(sq, Shape), issubclass(RealSquare, ABC))
print(sorted(Shape.__abstractmethods__), sorted(Square.__abstractmethods__), RealSquare.__abstractmethods__)
print(ABC.__abstractmethods__, Shape.area.__isabstractmethod__, getattr(RealSquare.perimeter, "__isabstractmethod__", False))

class Plugin(ABC):
    @classmethod
    @abstractmethod
    def create(cls):
        pass
    @staticmethod
    @abstractmethod
    def version():
        pass
try:
    Plugin()
except TypeError as e:
    print("TypeError:", e)
class P1(Plugin):
    @classmethod
    def create(cls):
        return cls()
    @staticmethod
    def version():
        return 1
print(type(P1.create()).__name__, P1.version())

class Old(ABC):
    @abstractclassmethod
    def a(cls):
        pass
    @abstractstaticmethod
    def b():
        pass
    @abstractproperty
    def c(self):
        pass
try:
    Old()
except TypeError as e:
    print("TypeError:", e)

class Sized2(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized2:
            return hasattr(C, "__len__")
        return NotImplemented
print(isinstance([], Sized2), isinstance(3, Sized2), issubclass(dict, Sized2))

class Registry(ABC):
    pass
Registry.register(int)
print(Registry.register(str) is str, isinstance(3, Registry), isinstance("s", Registry), issubclass(bool, Registry))
print(isinstance(3.0, Registry), issubclass(float, Registry))
try:
    Registry.register(3)
except TypeError as e:
    print("TypeError:", e)
class Sub(Registry):
    pass
print(isinstance(Sub(), Registry), issubclass(Sub, Registry), Registry.register(Sub) is Sub)
t = abc.get_cache_token()
class Another(ABC):
    pass
Another.register(list)
print(abc.get_cache_token() != t)

class Cfg(ABC):
    @abstractmethod
    def load(self):
        pass
class Impl(Cfg):
    pass
Impl.load = lambda self: 42
abc.update_abstractmethods(Impl)
print(Impl().load(), Impl.__abstractmethods__)
class NotAbc:
    @abstractmethod
    def f(self):
        pass
print(type(NotAbc()).__name__)
