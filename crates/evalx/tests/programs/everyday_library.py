import sys, io, contextlib, functools, itertools, collections, abc, types, typing
class Stack(collections.abc.MutableSequence):
    def __init__(self): self._d = []
    def __getitem__(self, i): return self._d[i]
    def __setitem__(self, i, v): self._d[i] = v
    def __delitem__(self, i): del self._d[i]
    def __len__(self): return len(self._d)
    def insert(self, i, v): self._d.insert(i, v)
s = Stack(); s.append(1); s.extend([2, 3]); s.reverse(); print(list(s), s.index(2), 3 in s, s.pop())
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
@contextlib.contextmanager
def tag(name):
    print('<%s>' % name); yield name; print('</%s>' % name)
with tag('b') as t, contextlib.suppress(KeyError):
    print(t); {}['x']
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print('captured')
print(repr(buf.getvalue()))
def gen():
    x = yield 1
    while x:
        x = yield x * 2
g = gen(); print(next(g), g.send(3), g.send(5))
try:
    g.send(0)
except StopIteration as e:
    print('stop', e.value)
print(list(itertools.islice(itertools.count(10, 5), 3)), list(zip('ab', [1, 2], strict=True)))
try:
    list(zip('abc', [1], strict=True))
except ValueError as e:
    print(e)
def outer():
    n = 0
    def inc():
        nonlocal n; n += 1; return n
    return inc
f = outer(); f(); print(f())
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError('bad') from e
except ValueError as e:
    print(repr(e), repr(e.__cause__))
match {'x': 1, 'y': [2, 3]}:
    case {'x': 1, 'y': [a, *rest]}:
        print('matched', a, rest)
print(f"{'nested {}'.format(f'{1+1}')!r:>20}")
print((n := 10) * 2, n)
print(sorted({'b': 1, 'a': 2}.items(), key=lambda kv: -kv[1]))
print(''.join(reversed('hello')), 'a,b,,c'.split(','), ' x '.strip(), 'Hello'.center(11, '*'), 'abc'.partition('b'))
print('%s is %d years and %.1f%%' % ('Al', 30, 99.5), '{0:>{1}}'.format('r', 4), '{:_^9}'.format('mid'))
print(int.from_bytes(b'\x01\x00', 'little'), (1024).to_bytes(2, 'big'), (255).bit_length(), (-5) % 3, 7 // -2, 2 ** -1, 10 ** 20)
print(float('inf'), float('nan') != float('nan'), 1e300 * 1e10, round(1234.5678, -2), 0.1 + 0.2, 1 / 3)
print(isinstance(s, collections.abc.Sequence), issubclass(list, collections.abc.Iterable), type(print), type(len).__name__)
print(sys.getrecursionlimit(), sys.byteorder, sys.platform, len(sys.argv))
T = typing.TypeVar('T')
class Box(typing.Generic[T]):
    def __init__(self, v: T): self.v = v
print(Box[int](3).v, typing.get_type_hints(Box.__init__), typing.Optional[int], typing.List[str], list[int] | None)
ns = types.SimpleNamespace(a=1, b=2); ns.c = 3; print(ns)
print(vars(ns), hasattr(ns, 'a'), getattr(ns, 'z', 'dflt'))
print([*map(str.upper, 'ab')], any([]), all([]), min([3, 1], default=0), max('abc', key=ord), sum([0.1] * 10))
class A:
    __slots__ = ('x',)
a = A(); a.x = 1
try:
    a.y = 2
except AttributeError as e:
    print(e)
print(input.__name__, callable(A), id(a) == id(a), repr(object())[:8], hash(1.0) == hash(1))
