# A `yield` inside a comprehension's own scope is CPython's SyntaxError, naming the comprehension; the
# outermost iterable runs in the enclosing scope, where a `yield` is an ordinary one.
cases = [
    "def f():\n    return [(yield) for y in z]\n",
    "def f():\n    return list((yield y) for y in z)\n",
    "x = {(yield 1): 2 for q in w}\n",
    "def f():\n    return {y for y in z if (yield from y)}\n",
    "def f():\n    return [[(yield) for a in b] for c in d]\n",
    "def f():\n    return [c for c in d for e in (yield)]\n",
    "async def f():\n    return [(yield) for y in z]\n",
    "def f():\n    return [x for x in (yield)]\n",
    "def f():\n    return [lambda: (yield) for y in z]\n",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print("compiles:", repr(src))
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_offset)


def g():
    got = yield [x * 2 for x in (yield "first")]
    yield got


it = g()
print(next(it))
print(it.send([1, 2, 3]))
print(it.send("last"))
