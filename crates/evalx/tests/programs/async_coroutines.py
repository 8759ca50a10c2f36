# Coroutine objects: send/throw/close, await on user awaitables, types.coroutine generators.
import types


async def add(a, b):
    return a + b


async def tree_sum(depth):
    if depth == 0:
        return 1
    left = await tree_sum(depth - 1)
    right = await tree_sum(depth - 1)
    return left + right + await add(0, 1)


def drive(coro):
    """Steps a coroutine to its end, collecting what it yields."""
    seen = []
    try:
        while True:
            seen.append(coro.send(None))
    except StopIteration as stop:
        return seen, stop.value


print(drive(tree_sum(6)))


@types.coroutine
def pause(tag):
    got = yield ("pause", tag)
    return (tag, got)


async def worker(n):
    total = []
    for i in range(n):
        total.append(await pause(i))
    return total


w = worker(3)
print(w.send(None))
print(w.send("a"))
print(w.send("b"))
try:
    w.send("c")
except StopIteration as e:
    print("finished", e.value)


class Ticket:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        for i in range(self.n):
            reply = yield ("tick", i)
            if reply is not None:
                print("  reply", reply)
        return "ticket-%d" % self.n


async def use_tickets():
    a = await Ticket(2)
    b = await Ticket(1)
    return a + "/" + b


c = use_tickets()
print(c.send(None), c.send("x"), c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print(e.value)


# throw() reaches the innermost await and unwinds through every level.
async def inner():
    try:
        await pause("inner")
    except KeyError as e:
        print("inner caught", repr(e))
        return "recovered"
    return "normal"


async def outer():
    r = await inner()
    print("outer got", r)
    await pause("outer")
    return "outer-done"


o = outer()
print(o.send(None))
print(o.throw(KeyError("k")))
try:
    o.throw(ValueError, ValueError("bad"))
except ValueError as e:
    print("propagated", e)
print(o.cr_running, type(o).__name__)

# close() raises GeneratorExit at the suspension point; finally blocks run.
async def guarded():
    try:
        await pause("guarded")
    finally:
        print("cleanup ran")


g = guarded()
g.send(None)
g.close()
g.close()
try:
    g.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

# A coroutine that ignores GeneratorExit.
async def stubborn():
    try:
        await pause("s")
    except GeneratorExit:
        print("ignoring exit")
    await pause("again")


s = stubborn()
s.send(None)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)

# Errors.
fresh = add(1, 2)
try:
    fresh.send(5)
except TypeError as e:
    print("TypeError:", e)
for bad in (iter, next, list):
    try:
        bad(fresh)
    except TypeError as e:
        print("TypeError:", e)
print(drive(fresh))
try:
    drive(fresh)
except RuntimeError as e:
    print("RuntimeError:", e)


async def await_twice():
    co = add(1, 1)
    print(await co)
    await co


try:
    drive(await_twice())
except RuntimeError as e:
    print("RuntimeError:", e)


class NotIter:
    def __await__(self):
        return 5


class ReturnsCoro:
    def __await__(self):
        return add(1, 2)


async def bad_awaits():
    for thing in (5, NotIter(), ReturnsCoro(), None):
        try:
            await thing
        except TypeError as e:
            print("TypeError:", e)


drive(bad_awaits())


async def raises_stop():
    raise StopIteration(3)


try:
    drive(raises_stop())
except RuntimeError as e:
    print("RuntimeError:", e)

print(add.__name__, add(1, 2).__name__, add(1, 2).__qualname__)
print(repr(add(1, 2)).startswith("<coroutine object add at 0x"))
print(isinstance(add(1, 2), types.CoroutineType))
w2 = worker(1)
print(w2.cr_running, w2.cr_await)
