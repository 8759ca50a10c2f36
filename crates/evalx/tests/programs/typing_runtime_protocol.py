from typing import Protocol, runtime_checkable, SupportsInt, SupportsAbs, SupportsIndex

@runtime_checkable
class HasX(Protocol):
    x: int

@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...

class NotRuntime(Protocol):
    def run(self): ...

class Empty: pass
class WithX:
    def __init__(self): self.x = 1
class ClassX:
    x = 3
class PropX:
    @property
    def x(self): return 4
class File:
    def close(self): pass
class Blocked(File):
    close = None
class Nominal(HasX):
    pass

for obj in [Empty(), WithX(), ClassX(), PropX(), File(), Blocked(), Nominal(), 3, "s"]:
    print(type(obj).__name__, isinstance(obj, HasX), isinstance(obj, Closer), isinstance(obj, (HasX, Closer)))
print(issubclass(File, Closer), issubclass(Empty, Closer), issubclass(Blocked, Closer))
for f in [lambda: isinstance(File(), NotRuntime), lambda: issubclass(type("Fresh", (), {}), HasX), lambda: issubclass(File, NotRuntime),
          lambda: HasX(), lambda: runtime_checkable(Empty), lambda: issubclass(3, Closer)]:
    try:
        print(f())
    except TypeError as e:
        print('TypeError:', e)
print(isinstance(3, SupportsInt), isinstance("3", SupportsInt), isinstance(2.5, SupportsAbs), isinstance(2.5, SupportsIndex))
print(issubclass(int, SupportsInt), issubclass(str, SupportsInt))
print(HasX._is_protocol, Nominal._is_protocol, HasX._is_runtime_protocol, NotRuntime._is_runtime_protocol)
n = Nominal()
n.x = 5
print(n.x, isinstance(n, HasX))
class Sub(HasX, Protocol):
    y: str
print(Sub._is_protocol, isinstance(WithX(), Sub))
try:
    class Bad(Empty, Protocol): pass
except TypeError as e:
    print('TypeError:', e)
