import builtins


def outer(a, b=2, /, c=3, *args, d, e=5, **kw):
    total = a

    def inner(x):
        return x + total + a

    return inner


co = outer.__code__
print(co is outer.__code__, type(co).__name__)
print(co.co_name, co.co_qualname, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_varnames, co.co_cellvars, co.co_freevars, co.co_nlocals, co.co_flags)
print(co.co_firstlineno, co.co_filename.endswith(".py"))
inner = outer(1, d=4)
ic = inner.__code__
print(ic.co_qualname, ic.co_varnames, ic.co_freevars, ic.co_flags)
cells = inner.__closure__
print(type(cells).__name__, len(cells), [type(c).__name__ for c in cells])
print([c.cell_contents for c in cells])
print(outer.__closure__, outer.__kwdefaults__, outer.__defaults__)
print(outer.__builtins__ is builtins.__dict__, outer.__globals__ is globals())
print(outer.__annotations__)


def annotated(x: int, y: "str" = "") -> list:
    pass


print(annotated.__annotations__, annotated.__kwdefaults__)
lam = lambda q, *, r=1: q
print(lam.__code__.co_name, lam.__code__.co_kwonlyargcount, lam.__kwdefaults__)


def late():
    def use():
        return v
    c = use.__closure__[0]
    try:
        c.cell_contents
    except ValueError as err:
        print("ValueError:", err)
    v = 7
    return c.cell_contents


print(late())


def gen():
    yield 1


async def co_fn():
    pass


async def agen_fn():
    yield 1


print(gen.__code__.co_flags, co_fn.__code__.co_flags, agen_fn.__code__.co_flags)
print(len.__text_signature__, [].append.__text_signature__, dict.get.__text_signature__ if hasattr(dict.get, "__text_signature__") else None)


class K:
    @staticmethod
    def s(a):
        "static doc"

    @classmethod
    def c(cls):
        pass


sm = K.__dict__["s"]
cm = K.__dict__["c"]
print(sm.__func__ is K.s, sm.__wrapped__ is K.s, sm.__isabstractmethod__, sm.__name__, sm.__qualname__, sm.__doc__)
print(cm.__func__.__name__, cm.__wrapped__.__qualname__, cm.__isabstractmethod__)
print(sorted(sm.__dict__))
s = super(K, K())
print(s.__thisclass__.__name__, type(s.__self__).__name__, s.__self_class__.__name__)
print(K.__text_signature__, int.__text_signature__)
