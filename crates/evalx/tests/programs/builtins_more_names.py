# aiter/anext (with a default), exit/quit, IOError/EnvironmentError and UnicodeTranslateError.
import asyncio
import builtins

class Counter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def agen():
    yield 'a'
    yield 'b'

async def main():
    it = aiter(Counter(2))
    print(await anext(it), await anext(it), await anext(it, 'done'))
    try:
        await anext(it)
    except StopAsyncIteration:
        print('StopAsyncIteration')
    g = aiter(agen())
    print(await anext(g), await anext(g), await anext(g, None))
    print([x async for x in aiter(Counter(3))])
    for bad in [1, [1, 2]]:
        try:
            aiter(bad)
        except TypeError as e:
            print('TypeError:', e)
        try:
            anext(bad)
        except TypeError as e:
            print('TypeError:', e)

asyncio.run(main())

print(repr(exit), repr(quit), str(exit))
print(type(exit).__name__, type(exit).__module__, callable(quit))
for f, arg in [(exit, ()), (quit, (3,)), (exit, ('bye',))]:
    try:
        f(*arg)
    except SystemExit as e:
        print('SystemExit', repr(e.code), e.args)
try:
    exit(1, 2)
except TypeError as e:
    print('TypeError:', e)

print(IOError is OSError, EnvironmentError is OSError, builtins.IOError is OSError)
try:
    raise IOError('missing')
except OSError as e:
    print(type(e).__name__, e.errno, e)
try:
    raise FileNotFoundError('gone')
except IOError as e:
    print('caught as IOError:', type(e).__name__)

e = UnicodeTranslateError('abc\u20ac', 3, 4, 'no mapping')
print(repr(e), str(e))
print(e.object, e.start, e.end, e.reason, issubclass(UnicodeTranslateError, UnicodeError))
print(UnicodeTranslateError.__mro__)
try:
    UnicodeTranslateError('a', 1)
except TypeError as err:
    print('TypeError:', err)
print(str(UnicodeTranslateError('xyz', 0, 2, 'bad')))
