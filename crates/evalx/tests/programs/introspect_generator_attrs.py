def gen(n):
    total = 0
    for i in range(n):
        total += i
        got = yield i
    return total


g = gen(3)
print(g.__name__, g.__qualname__, g.gi_code is gen.__code__, g.gi_code.co_name)
print(g.gi_running, g.gi_suspended, g.gi_yieldfrom, g.gi_frame.f_code is gen.__code__)
print(next(g), g.gi_running, g.gi_suspended)
fr = g.gi_frame
print(fr.f_lineno, sorted(fr.f_locals.items()), fr.f_code.co_name, fr.f_back, fr.f_lasti >= -1)
print(next(g), g.gi_frame.f_lineno, g.gi_frame.f_locals["total"])
print(type(fr).__name__, fr.f_globals is globals(), fr.f_builtins is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else True)
for _ in g:
    pass
print(g.gi_frame, g.gi_running, g.gi_suspended)


def watcher():
    yield me.gi_running


me = watcher()
print(next(me))


class Box:
    def method(self):
        yield 1


b = Box().method()
print(b.__qualname__, b.gi_code.co_qualname)


async def coro(x):
    return x


c = coro(1)
print(c.cr_code is coro.__code__, c.cr_running, c.cr_suspended, c.cr_await, c.cr_origin)
print(c.cr_frame.f_code.co_name, c.cr_frame.f_lineno, c.__qualname__)
try:
    c.send(None)
except StopIteration as stop:
    print("returned", stop.value)
print(c.cr_frame, c.cr_suspended)


async def agen():
    yield 1


a = agen()
print(a.ag_code is agen.__code__, a.ag_running, a.ag_await, a.ag_frame.f_code.co_name, a.__name__)
print(sorted(n for n in dir(g) if n.startswith("gi_")), sorted(n for n in dir(c) if n.startswith("cr_")))
print(sorted(n for n in dir(a) if n.startswith("ag_")))
