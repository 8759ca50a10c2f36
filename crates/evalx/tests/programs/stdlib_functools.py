import functools
from functools import reduce, partial, lru_cache, cache, wraps, total_ordering, cmp_to_key
print(reduce(lambda a, b: a+b, [1,2,3]), reduce(lambda a,b:a*b, [], 1))
try: reduce(lambda a,b:a, [])
except TypeError as e: print(e)
p = partial(int, base=2)
print(p('101'), p.args, p.keywords)
@lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(80), fib.cache_info())
@cache
def sq(x): return x*x
print(sq(3), sq(3), sq.cache_info())
def deco(f):
    @wraps(f)
    def w(*a): return f(*a)
    return w
@deco
def hello():
    "doc"
    return 1
print(hello.__name__, hello.__doc__, hello())
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
def power(base, exp, *, mod=None):
    return pow(base, exp, mod)
sq2 = partial(power, exp=2)
cube = partial(power, 2)
print(sq2(5), cube(10), partial(cube, mod=7)(10), partial(partial(max, 1), 5)(3))
try:
    partial(3)
except TypeError as e:
    print(e)
@lru_cache(maxsize=2)
def ident(x):
    print('computing', x)
    return x
for v in [1, 2, 1, 3, 2, 1]:
    ident(v)
print(ident.cache_info(), ident.cache_info().hits, tuple(ident.cache_info()))
ident.cache_clear()
print(ident.cache_info())
@lru_cache
def plain(a, b=1):
    return a + b
print(plain(1), plain(1, b=2), plain(1), plain.cache_info())
try:
    lru_cache('x')
except TypeError as e:
    print(e)
try:
    @total_ordering
    class NoOrder:
        pass
except ValueError as e:
    print(e)
print(reduce(lambda acc, s: acc + [s.upper()], ['a', 'b'], []))
print(sorted(['bb', 'a', 'ccc'], key=cmp_to_key(lambda x, y: len(x) - len(y))))
print(hello.__wrapped__ is not None)
