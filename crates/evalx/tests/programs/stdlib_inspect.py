import inspect
import functools


def f(a, b: int = 2, *args: str, c, d: 'x' = 4, **kw) -> list:
    """Do things.

        Indented detail line.
    Last line.
    """


def g(x, y=None, /, z=3, *, w):
    pass


class Point:
    """A point."""

    def __init__(self, x, y=0):
        self.x, self.y = x, y

    def move(self, dx, dy=0):
        pass

    @classmethod
    def origin(cls, scale=1):
        pass

    @staticmethod
    def helper(v):
        pass

    def __call__(self, factor):
        pass


class Plain:
    pass


def gen():
    yield 1


async def coro():
    pass


s = inspect.signature(f)
print(s, repr(s), s.return_annotation)
for name, p in s.parameters.items():
    print(name, p, repr(p), p.kind, p.kind.description, p.default is inspect.Parameter.empty, p.annotation)
print(inspect.signature(g), inspect.signature(Point), inspect.signature(Point.move), inspect.signature(Point(1).move))
print(inspect.signature(Point.origin), inspect.signature(Point.helper), inspect.signature(Point(1)), inspect.signature(Plain), inspect.signature(lambda q, *r: 0))
ba = s.bind(1, c=3)
print(ba, ba.args, ba.kwargs, ba.arguments)
ba.apply_defaults()
print(ba)
print(s.bind(1, 2, 3, 4, c=5, e=6))
for args, kwargs in [((1, 2, 3), {}), ((), {'c': 1}), ((1,), {'a': 2, 'c': 3})]:
    try:
        s.bind(*args, **kwargs)
    except TypeError as e:
        print('TypeError', e)
print(inspect.signature(g).bind_partial(1))


@functools.wraps(f)
def wrapper(*a, **k):
    return f(*a, **k)


print(inspect.signature(wrapper), inspect.unwrap(wrapper) is f)
print(inspect.isfunction(f), inspect.isfunction(len), inspect.ismethod(Point(1).move), inspect.isclass(Point), inspect.ismodule(inspect), inspect.isbuiltin(len))
print(inspect.isgeneratorfunction(gen), inspect.isgeneratorfunction(f), inspect.isgenerator(gen()), inspect.iscoroutinefunction(coro), inspect.iscoroutinefunction(gen), inspect.isroutine(print), inspect.isroutine(f))
print(inspect.getdoc(f))
print(repr(inspect.cleandoc('  first\n    second\n      third\n')), inspect.getdoc(Point), inspect.getdoc(Plain))
print([n for n, v in inspect.getmembers(Point, inspect.isfunction)])
print(inspect.getmodule(f).__name__, inspect.getmro(Point)[0].__name__, inspect.isabstract(Point))
print(inspect.getfullargspec(f))
params = [inspect.Parameter('a', inspect.Parameter.POSITIONAL_OR_KEYWORD), inspect.Parameter('b', inspect.Parameter.KEYWORD_ONLY, default=5)]
sig = inspect.Signature(params, return_annotation=int)
print(sig, sig.replace(return_annotation=inspect.Signature.empty), params[0].replace(name='z', default=1))
for bad in [lambda: inspect.Parameter('1x', inspect.Parameter.POSITIONAL_ONLY), lambda: inspect.Signature([params[1], params[0]]), lambda: inspect.signature(42)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
