# ast: parse every statement and expression kind, dump it indented, unparse it back, and the three modes.
import ast
src = '''
"""Module doc."""
import os, sys as system
from .pkg import (a, b as c)
from __future__ import annotations

@decorator(1)
class Point(Base, metaclass=Meta):
    """A point."""
    x: int = 0
    def __init__(self, x, /, y=2, *args, z, w=3, **kw) -> None:
        self.x = x
        return None

async def main():
    async with lock as l:
        await thing()
    async for i in aiter():
        yield i
    result = [y async for y in agen()]

def gen(a, b):
    x = yield
    y = yield from b
    global g
    nonlocal_ = lambda q, *r, s=1, **t: q
    del a[0], b.c
    assert a, "msg"
    raise ValueError("x") from None

for i, j in enumerate(range(10)):
    if i < 2 < j or not i and j:
        continue
    elif i is None:
        break
    else:
        pass
else:
    print(i)

while x := next(it):
    x += 1; y -= 2
try:
    1 / 0
except (ZeroDivisionError, ValueError) as e:
    print(e)
except Exception:
    pass
else:
    ok = True
finally:
    done = True

match command.split():
    case [action]:
        pass
    case ["go", direction] | ["move", direction]:
        pass
    case {"x": 1, **rest}:
        pass
    case Point(x=0, y=0) as p if p:
        pass
    case [1, 2, *others]:
        pass
    case None | True | -1 | 2.5:
        pass
    case _:
        pass

print(f"{x!r:>{width}} and {y}", b"bytes", u"uni", ..., 1_000, 0x1f, 1e10, 3j, -5, ~x, +y)
d = {1: 2, **other}
s = {1, 2}
t = (1,)
e = ()
sl = a[1:2, ::3, ...]
c = {k: v for k, v in items if k}
g = (x for x in y)
z = a if b else c
w = x @ y // z % 2 ** -1 << 3 >> 4 | 5 ^ 6 & 7
with open(f) as fh, other():
    pass
'''
tree = ast.parse(src)
print(ast.dump(tree, indent=2))
print(ast.unparse(tree))
print(ast.dump(ast.parse("x = 1", mode="exec")))
print(ast.dump(ast.parse("1 + 2", mode="eval")))
print(ast.dump(ast.parse("x = 1", mode="single")))
