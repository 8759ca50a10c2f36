# gi_yieldfrom, cr_await, ag_await, the running/suspended flags, gi_frame/cr_frame (None once finished),
# gi_code, __name__/__qualname__ and inspect.getgeneratorstate/getcoroutinestate, as CPython 3.11 shows them.
import sys, inspect, types
def sub():
    yield 1
    yield 2
    return 7
def gen():
    r = yield from sub()
    yield r
g = gen()
print(g.gi_yieldfrom, g.gi_running, g.gi_suspended, g.gi_frame is not None)
print(g.__name__, g.__qualname__, g.gi_code.co_name)
print(inspect.getgeneratorstate(g))
next(g)
print(type(g.gi_yieldfrom).__name__, g.gi_yieldfrom.__name__, g.gi_suspended)
print(inspect.getgeneratorstate(g))
print(g.gi_frame.f_lineno, g.gi_frame.f_code.co_name)
next(g); next(g)
print(g.gi_yieldfrom)
print(list(g))
print(g.gi_frame, g.gi_running, g.gi_suspended, inspect.getgeneratorstate(g))
class K:
    def meth(self):
        yield self
print(K().meth().__qualname__)
def selfref():
    print("running", me.gi_running, inspect.getgeneratorstate(me))
    yield
me = selfref(); next(me)
async def inner():
    await types.coroutine(lambda: (yield 5))()
async def outer():
    await inner()
c = outer()
print(c.cr_await, c.cr_running, c.cr_frame is not None, inspect.getcoroutinestate(c))
print(c.send(None))
print(type(c.cr_await).__name__, c.cr_await.__qualname__)
print(inspect.getcoroutinestate(c), c.cr_frame.f_lineno)
c.close()
print(c.cr_frame, c.cr_await, inspect.getcoroutinestate(c))
async def ag():
    await inner()
    yield 1
a = ag()
print(a.ag_await, a.ag_running, a.ag_frame is not None, a.__qualname__)
x = a.asend(None)
print(x.send(None))
print(type(a.ag_await).__name__)
a.aclose().close()
def genexp():
    return (i for i in range(3))
ge = genexp()
print(ge.__name__, ge.__qualname__, ge.gi_code.co_name)
