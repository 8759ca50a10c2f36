import functools, operator
from functools import partial, reduce, lru_cache
def f(a, b=2, *, c=3): return (a, b, c)
p = partial(f, 1, c=9)
print(p(), p(5), p.func is f, p.args, p.keywords, repr(partial(operator.add, 1)) .startswith('functools.partial(<'))
print(reduce(operator.add, 'abc'), reduce(lambda a, b: a * b, [5]), reduce(operator.add, [], 'init'))
@lru_cache(maxsize=None)
def count_paths(r, c):
    return 1 if r == 0 or c == 0 else count_paths(r - 1, c) + count_paths(r, c - 1)
print(count_paths(16, 16), count_paths.cache_info().currsize)
@functools.lru_cache()
def g(x, y=1): return x * y
print(g(2), g(2, y=1), g(2, 1), g.cache_info())
class Money:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __gt__(self, o): return self.v > o.v
Money = functools.total_ordering(Money)
print(Money(1) < Money(2), Money(2) <= Money(2), Money(3) >= Money(4))
def my_decorator(fn):
    @functools.wraps(fn)
    def inner(*a, **k):
        return fn(*a, **k)
    return inner
@my_decorator
def documented(x):
    """Adds one."""
    return x + 1
print(documented.__name__, documented.__doc__, documented(1), documented.__wrapped__.__name__)
print(sorted([(1, 'b'), (1, 'a'), (0, 'z')], key=functools.cmp_to_key(lambda x, y: (x > y) - (x < y))))
