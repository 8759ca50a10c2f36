from abc import ABCMeta, abstractmethod, ABC
class Base(metaclass=ABCMeta):
    @abstractmethod
    def run(self): ...
class Impl(Base):
    def run(self): return "ran"
print(Impl().run(), isinstance(Impl(), Base), type(Base))
try:
    Base()
except TypeError as e:
    print("TypeError:", e)
class B2(ABC):
    @abstractmethod
    def f(self): ...
try:
    B2()
except TypeError as e:
    print("TypeError:", e)
print(type(B2))
