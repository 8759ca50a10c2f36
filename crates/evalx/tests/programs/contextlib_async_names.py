# contextlib's async side (asynccontextmanager, AsyncExitStack, aclosing, AsyncContextDecorator,
# AbstractAsyncContextManager), with the error texts CPython gives (chdir: tests/files/contextlib_chdir.py).
import asyncio
import contextlib
import os
from contextlib import (asynccontextmanager, AsyncExitStack, aclosing, chdir,
                        AbstractAsyncContextManager, AsyncContextDecorator)

log = []

@asynccontextmanager
async def resource(name):
    log.append(f'open {name}')
    try:
        yield name.upper()
    except KeyError as e:
        log.append(f'handled {e!r}')
    finally:
        log.append(f'close {name}')

@asynccontextmanager
async def no_yield():
    if False:
        yield

@asynccontextmanager
async def two_yields():
    yield 1
    yield 2

class Timer(AsyncContextDecorator):
    async def __aenter__(self):
        log.append('timer on')
        return self
    async def __aexit__(self, *exc):
        log.append('timer off')
        return False

@Timer()
async def timed(x):
    log.append(f'timed {x}')
    return x * 2

class Ticker:
    def __init__(self):
        self.closed = False
    async def aclose(self):
        self.closed = True

class Plain(AbstractAsyncContextManager):
    async def __aexit__(self, *exc):
        return None

class Duck:
    async def __aenter__(self):
        return self
    async def __aexit__(self, *a):
        pass

async def main():
    async with resource('a') as r:
        print('inside', r)
    async with resource('b'):
        raise KeyError('k')
    try:
        async with resource('c'):
            raise ValueError('boom')
    except ValueError as e:
        print('propagated', repr(e))
    try:
        async with no_yield():
            pass
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        async with two_yields():
            pass
    except RuntimeError as e:
        print('RuntimeError:', e)
    print(await timed(21))
    t = Ticker()
    async with aclosing(t) as got:
        print(got is t, t.closed)
    print(t.closed)
    async with Plain() as p:
        print(type(p).__name__)
    print(issubclass(Duck, AbstractAsyncContextManager), issubclass(int, AbstractAsyncContextManager))
    print(isinstance(Duck(), AbstractAsyncContextManager))

    async with AsyncExitStack() as stack:
        a = await stack.enter_async_context(resource('x'))
        b = stack.enter_context(contextlib.nullcontext('sync'))
        async def cb(tag):
            log.append(f'callback {tag}')
        stack.push_async_callback(cb, 'one')
        stack.callback(log.append, 'sync callback')
        print(a, b)
    try:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(object())
    except TypeError as e:
        print('TypeError:', e)
    stack = AsyncExitStack()
    await stack.enter_async_context(resource('y'))
    moved = stack.pop_all()
    await stack.aclose()
    log.append('after first aclose')
    await moved.aclose()

    async def suppressor(*exc):
        return True
    async with AsyncExitStack() as stack:
        stack.push_async_exit(suppressor)
        raise ZeroDivisionError
    print('suppressed')

asyncio.run(main())
for line in log:
    print(line)
