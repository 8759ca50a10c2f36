import sys
class C:
    pass
class S:
    __slots__ = ('a',)
class Sized:
    def __sizeof__(self):
        return 100
def f():
    pass
values = [0, 1, -5, 2**30, 2**60, 2**100, True, False, 1.5, 0.0, 1j, '', 'a', 'hello world', 'é', 'ab€', '😀x',
          b'', b'ab', (), (1, 2), (1, 2, 3, 4), None, ..., range(3), [], list(range(10)),
          {}, {1: 2}, {i: i for i in range(6)}, {i: i for i in range(12)}, {'a': 1}, dict(a=1, b=2),
          set(), set(range(4)), set(range(5)), set(range(20)), frozenset({1, 2}), bytearray(b'ab'),
          C(), S(), Sized(), f]
for v in values:
    print(type(v).__name__, sys.getsizeof(v))
print(sys.getsizeof(1, 5))
try:
    sys.getsizeof()
except TypeError as e:
    print(e)
