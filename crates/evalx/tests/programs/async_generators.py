# Async generators: async for, asend/athrow/aclose, async comprehensions, async with, __aiter__ classes.
import types


@types.coroutine
def step(tag):
    got = yield tag
    return got


def run(coro):
    """A tiny driver: answers every suspension with the suspended value doubled."""
    reply = None
    try:
        while True:
            tag = coro.send(reply)
            print("  driver saw", tag)
            reply = tag * 2 if isinstance(tag, int) else None
    except StopIteration as stop:
        return stop.value


async def countdown(n):
    while n > 0:
        echoed = await step(n)
        yield (n, echoed)
        n -= 1


async def main():
    async for item in countdown(2):
        print("item", item)
    else:
        print("loop else")
    print([x async for x in countdown(2) if x[0] > 1])
    print({k: v async for k, v in countdown(1)})
    print([await step(i) for i in range(2)])
    return "main-done"


print(run(main()))


class Tree:
    def __init__(self, left, value, right):
        self.left, self.value, self.right = left, value, right

    async def __aiter__(self):
        if self.left:
            async for v in self.left:
                yield v
        yield self.value
        if self.right:
            async for v in self.right:
                yield v


def build(values):
    if not values:
        return None
    mid = len(values) // 2
    return Tree(build(values[:mid]), values[mid], build(values[mid + 1:]))


async def walk():
    out = []
    async for v in build(list(range(15))):
        out.append(v)
    return out


print(run(walk()))


class Ticker:
    """An async iterator written with __aiter__/__anext__ methods."""

    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 10


async def tick():
    return [v async for v in Ticker(3)]


print(run(tick()))


async def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            received.append(v)
    except ValueError as e:
        print("echo caught", e)
        yield "after-error"
    finally:
        print("echo finally", received)


async def drive_echo():
    g = echo()
    print(await g.__anext__())
    print(await g.asend("a"))
    print(await g.asend("b"))
    print(await g.athrow(ValueError("boom")))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    g2 = echo()
    await g2.aclose()
    print("closed before start")
    g3 = echo()
    await g3.__anext__()
    try:
        await g3.athrow(KeyError, KeyError("k"))
    except KeyError as e:
        print("athrow propagated", repr(e))


run(drive_echo())


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


async def close_stubborn():
    g = stubborn()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)


run(close_stubborn())


class Resource:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    async def __aenter__(self):
        await step("enter " + self.name)
        return self.name.upper()

    async def __aexit__(self, et, ev, tb):
        await step("exit " + self.name)
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.swallow


async def use_resources():
    async with Resource("a") as a, Resource("b") as b:
        print("inside", a, b)
    async with Resource("c", swallow=True):
        raise KeyError("swallowed")
    try:
        async with Resource("d"):
            raise ValueError("escapes")
    except ValueError as e:
        print("caught", e)
    for thing in (1, object()):
        try:
            async with thing:
                pass
        except TypeError as e:
            print("TypeError:", e)


run(use_resources())


async def bad_loops():
    for thing in (1, [1, 2]):
        try:
            async for _ in thing:
                pass
        except TypeError as e:
            print("TypeError:", e)

    class NoNext:
        def __aiter__(self):
            return 5

    class BadNext:
        def __aiter__(self):
            return self

        def __anext__(self):
            return 5

    for thing in (NoNext(), BadNext()):
        try:
            async for _ in thing:
                pass
        except TypeError as e:
            print("TypeError:", e)


run(bad_loops())


async def agen_stop():
    raise StopAsyncIteration
    yield


async def check_stop():
    try:
        async for _ in agen_stop():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)


run(check_stop())

g = countdown(1)
print(type(g).__name__, g.__name__, g.__qualname__)
print(repr(g).startswith("<async_generator object countdown at 0x"))
print(type(g.__anext__()).__name__, type(g.aclose()).__name__)
print(isinstance(g, types.AsyncGeneratorType), g.ag_running)
for bad in (iter, next):
    try:
        bad(g)
    except TypeError as e:
        print("TypeError:", e)
aw = g.__anext__()
print(aw.send(None))
try:
    aw.send(5)
except StopIteration as e:
    print("yielded through StopIteration:", e.value)
try:
    aw.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
gen_exp = (x async for x in countdown(1))
print(type(gen_exp).__name__)
