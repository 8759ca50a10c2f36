import contextlib
import io
import sys
from contextlib import contextmanager, suppress, closing, nullcontext, redirect_stdout, redirect_stderr, ExitStack

@contextmanager
def tag(name):
    print("<%s>" % name)
    try:
        yield name.upper()
    finally:
        print("</%s>" % name)

with tag("b") as t:
    print("inside", t)

@contextmanager
def swallow(*kinds):
    try:
        yield
    except kinds as e:
        print("swallowed", type(e).__name__, e)

with swallow(ValueError):
    raise ValueError("bad value")
print("after swallow")
try:
    with swallow(KeyError):
        raise ValueError("not mine")
except ValueError as e:
    print("propagated", e)

@contextmanager
def transform():
    try:
        yield
    except ZeroDivisionError:
        raise ArithmeticError("converted")
try:
    with transform():
        1 / 0
except ArithmeticError as e:
    print(type(e).__name__, e, type(e.__context__).__name__)

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def two_yields():
    yield 1
    yield 2
try:
    with two_yields():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def keeps_going():
    try:
        yield
    except Exception:
        pass
    yield
try:
    with keeps_going():
        raise KeyError("k")
except RuntimeError as e:
    print("RuntimeError", e)

@tag("deco")
def decorated(x):
    print("running with", x)
    return x * 2
print(decorated(21), decorated.__name__)
print(decorated(1))

with suppress(KeyError, IndexError):
    {}["missing"]
print("suppressed KeyError")
with suppress(LookupError):
    [][1]
print("suppressed via base class")
try:
    with suppress(KeyError):
        raise TypeError("t")
except TypeError as e:
    print("not suppressed", e)

class Resource:
    def close(self):
        print("closed resource")
with closing(Resource()) as r:
    print("using", type(r).__name__)

with nullcontext(5) as v:
    print("null", v)
with nullcontext() as v:
    print("null", v)

buf = io.StringIO()
with redirect_stdout(buf) as target:
    print("hidden line")
    print("second", 2, sep="-")
    sys.stdout.write("written\n")
print("visible", repr(buf.getvalue()), target is buf)
err = io.StringIO()
with redirect_stderr(err):
    print("to stderr", file=sys.stderr)
print(repr(err.getvalue()))
outer, inner = io.StringIO(), io.StringIO()
with redirect_stdout(outer):
    print("o1")
    with redirect_stdout(inner):
        print("i1")
    print("o2")
print(repr(outer.getvalue()), repr(inner.getvalue()))

with ExitStack() as stack:
    names = [stack.enter_context(tag(n)) for n in ("a", "b", "c")]
    stack.callback(print, "callback", 1, end="!\n")
    print("entered", names)

def cleanup_exit(exc_type, exc, tb):
    print("cleanup sees", exc_type.__name__ if exc_type else None)
    return True
with ExitStack() as stack:
    stack.push(cleanup_exit)
    raise ValueError("absorbed")
print("after absorbed")

with ExitStack() as stack:
    stack.enter_context(tag("kept"))
    moved = stack.pop_all()
print("popped")
moved.close()

def raiser(exc):
    def cb(*a):
        raise exc
    return cb
try:
    with ExitStack() as stack:
        stack.push(raiser(KeyError("second")))
        stack.push(raiser(IndexError("first")))
        raise ValueError("original")
except KeyError as e:
    print("final", repr(e), repr(e.__context__), repr(e.__context__.__context__))
try:
    ExitStack().enter_context(object())
except TypeError as e:
    print("TypeError", e)
class CM:
    def __enter__(self):
        print("CM enter")
        return self
    def __exit__(self, *a):
        print("CM exit", a[0])
with ExitStack() as s:
    s.push(CM())
    s.enter_context(CM())
print(isinstance(CM(), contextlib.AbstractContextManager), isinstance(3, contextlib.AbstractContextManager))
class Mine(contextlib.ContextDecorator):
    def __enter__(self):
        print("enter mine")
        return self
    def __exit__(self, *exc):
        print("exit mine")
        return False
@Mine()
def work():
    print("work")
work()
