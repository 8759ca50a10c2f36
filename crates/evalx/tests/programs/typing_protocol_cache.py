# isinstance/issubclass against runtime protocols stay right when classes change after a first check.
from typing import Protocol, runtime_checkable
import abc

@runtime_checkable
class Closer(Protocol):
    def close(self): ...

@runtime_checkable
class HasName(Protocol):
    name: str

class F:
    pass

f = F()
print(isinstance(f, Closer), issubclass(F, Closer))
F.close = lambda self: None
print(isinstance(f, Closer))
del F.close
print(isinstance(f, Closer), issubclass(F, Closer))
f.close = None
print(isinstance(f, Closer))

print(isinstance(f, HasName))
f.name = 'x'
print(isinstance(f, HasName))
try:
    issubclass(int, HasName)
except TypeError as e:
    print(e)

class G:
    close = None
print(isinstance(G(), Closer), issubclass(G, Closer))

class Nominal(Closer):
    pass
print(isinstance(Nominal(), Closer), issubclass(Nominal, Closer))

class Base(abc.ABC):
    pass
class Other:
    pass
print(isinstance(Other(), Base), issubclass(Other, Base))
Base.register(Other)
print(isinstance(Other(), Base), issubclass(Other, Base))

class NotRuntime(Protocol):
    def close(self): ...
try:
    isinstance(f, NotRuntime)
except TypeError as e:
    print(e)
for i in range(3):
    class Fresh:
        def close(self):
            pass
    print(isinstance(Fresh(), Closer), isinstance(3, Closer))
try:
    issubclass(3, Closer)
except TypeError as e:
    print(e)
