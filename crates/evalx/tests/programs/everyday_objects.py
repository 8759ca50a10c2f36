import functools, operator, itertools, collections, math, heapq, re
class Vec:
    __slots__ = ('x', 'y')
    def __init__(self, x, y): self.x, self.y = x, y
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __repr__(self): return f'Vec({self.x!r}, {self.y!r})'
    def __iter__(self): yield self.x; yield self.y
    def __abs__(self): return math.hypot(*self)
    def __bool__(self): return bool(self.x or self.y)
    def __lt__(self, o): return abs(self) < abs(o)
print(Vec(1, 2) + Vec(3, 4), 2 * Vec(1, 1), abs(Vec(3, 4)), bool(Vec(0, 0)), sorted([Vec(3, 4), Vec(1, 0)]), {Vec(1, 2): 'a'})
@functools.total_ordering
class Card:
    def __init__(self, r): self.r = r
    def __eq__(self, o): return self.r == o.r
    def __lt__(self, o): return self.r < o.r
print(Card(2) >= Card(1), max([Card(3), Card(5)]).r)
class Meta(type):
    def __new__(mcs, name, bases, ns):
        ns['tag'] = name.lower()
        return super().__new__(mcs, name, bases, ns)
class Base(metaclass=Meta): pass
class Child(Base): pass
print(Child.tag, type(Child).__name__, Child.__mro__)
class Temp:
    def __init__(self): self._c = 0
    @property
    def c(self): return self._c
    @c.setter
    def c(self, v):
        if v < -273: raise ValueError('too cold')
        self._c = v
    @classmethod
    def make(cls): return cls()
    @staticmethod
    def conv(f): return (f - 32) * 5 / 9
t = Temp.make(); t.c = 25; print(t.c, Temp.conv(212))
try: t.c = -300
except ValueError as e: print(e)
class Node:
    def __init__(self, v, nxt=None): self.v, self.nxt = v, nxt
    def __iter__(self):
        n = self
        while n: yield n.v; n = n.nxt
print(list(Node(1, Node(2, Node(3)))), sum(Node(4, Node(5))))
class Registry(dict):
    def __missing__(self, k): return k * 2
r = Registry(a=1); print(r['a'], r['zz'], len(r))
class Ctx:
    def __enter__(self): print('enter'); return self
    def __exit__(self, et, ev, tb): print('exit', et.__name__ if et else None); return True
with Ctx(): raise KeyError('x')
print('after')
def deco(tag):
    def wrap(f):
        @functools.wraps(f)
        def inner(*a, **k): return f'<{tag}>{f(*a, **k)}</{tag}>'
        return inner
    return wrap
@deco('b')
def hi(name): """doc"""; return 'hi ' + name
print(hi('x'), hi.__name__, hi.__doc__, hi.__wrapped__('y'))
print(re.split(r'[,;]\s*', 'a, b;c'), re.compile(r'(?i)hello').search('say HELLO').group(), re.escape('a.b'))
print(list(itertools.chain.from_iterable([[1], [2, 3]])), list(itertools.product('ab', repeat=2)), list(itertools.combinations_with_replacement('ab', 2)))
h = []; [heapq.heappush(h, (p, s)) for p, s in [(3, 'c'), (1, 'a'), (2, 'b')]]; print([heapq.heappop(h)[1] for _ in range(3)])
od = collections.OrderedDict(a=1, b=2); od.move_to_end('a'); print(od, list(reversed(od)))
dq = collections.deque(range(5), maxlen=3); dq.appendleft(9); dq.rotate(1); print(dq)
Point = collections.namedtuple('Point', 'x y', defaults=[0]); print(Point(1), Point(1, 2)._asdict(), Point._make([3, 4]))
cm = collections.ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], dict(cm))
print(operator.attrgetter('x')(Point(5)), operator.methodcaller('upper')('q'), functools.partial(int, base=2)('101'))
print(f"{'a':*^7}|{3.0:e}|{12345.6789:,.2f}|{255:08b}|{0.5:.0%}|{-0.0}|{1e-7}|{123456789012345678}")
print(1_000_000, 0x_ff, 0o17, 0b1010, 1e3, 5 // 2, -5 // 2, 5 % -3, 2 ** 100, pow(3, 4, 5), divmod(7.5, 2))
print('{:>10.3f}|{:<6}|{:^6}|{!r}'.format(math.pi, 'ab', 'cd', 'q'), '%5.1f|%-5d|%05d|%x' % (2.345, 42, 7, 255))
x = [1, 2, 3, 4, 5]; x[1:3] = ['a']; del x[::2]; print(x, x[::-1], x * 2)
a, *b, c = range(6); print(a, b, c)
print({**{'a': 1}, 'b': 2}, [*range(3), *'ab'], (lambda *a, **k: (a, k))(1, 2, z=3))
print(sorted('bAcD', key=str.lower), sorted([3, 1, 2], reverse=True), list(map(lambda p: p[0] * p[1], zip([1, 2], [3, 4]))))
print(str(1/3), repr(1.1), 1e16, 1.0e-5, float('1e500'), int(-3.9), round(-2.5), abs(-0.0), 7 / 2, 2 ** 0.5)
