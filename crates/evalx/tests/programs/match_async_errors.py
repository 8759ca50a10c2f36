# CPython's SyntaxErrors for async code and match patterns, and the TypeErrors of class patterns.
sources = [
    "await x",
    "def f():\n    await x\n",
    "class C:\n    await x\n",
    "def f():\n    async for x in y: pass\n",
    "def f():\n    async with x: pass\n",
    "async for x in y: pass",
    "async with x: pass",
    "async def f():\n    yield from x\n",
    "async def f():\n    yield 1\n    return 2\n",
    "def f():\n    [x async for x in y]\n",
    "[x async for x in y]",
    "def f():\n    [await x for x in y]\n",
    "async def f():\n    def g():\n        await x\n",
    "async def f():\n    lambda: await x\n",
    "async x = 1",
    "match x:\n    case a:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case [*a, *b]:\n        pass\n",
    "match x:\n    case a | 1:\n        pass\n",
    "match x:\n    case 1 | a:\n        pass\n",
    "match x:\n    case [a, a]:\n        pass\n",
    "match x:\n    case {'a': 1, 'a': 2}:\n        pass\n",
    "match x:\n    case C(a=1, a=2):\n        pass\n",
    "match x:\n    case C(a=1, 2):\n        pass\n",
    "match x:\n    case a as b:\n        pass\n    case 2: pass\n",
    "match x:\n    case 1 as _:\n        pass\n",
    "match x:\n    case (a | b) | c:\n        pass\n",
    "match x:\n    case [1, 2] | [a, 3]:\n        pass\n",
    "match x:\n  case (a as b) | (b as a): pass\n",
    "match x:\n  case f'x': pass\n",
]
ok = [
    "async def f():\n    [await x for x in y]\n",
    "def f():\n    (await x for x in y)\n",
    "match x:\n    case a if a > 1 : pass\n    case y: pass\n",
    "match x, y:\n  case a, b: pass\n",
    "match *x, y:\n  case a, b: pass\n",
    "match x:\n  case {1: _, **rest} as r: pass\n",
    "match(x)\nmatch[0]\nmatch.y = 2\ncase = match\n",
]
for src in sources:
    try:
        exec(src, {})
        print("no error?", repr(src))
    except SyntaxError as e:
        print(f"{e.msg} | line {e.lineno} offset {e.offset}")
for src in ok:
    try:
        # Inside a function body the code is only compiled, never run.
        exec("def _probe():\n" + "".join("    " + line + "\n" for line in src.splitlines()), {})
        print("compiles")
    except SyntaxError as e:
        print("unexpected", e)


class Listy:
    __match_args__ = ["a"]


class Numbered:
    __match_args__ = ("a", 1)
    a = 1


class One:
    __match_args__ = ("a",)
    a = 1


class Plain:
    pass


def attempt(label, subject, fn):
    try:
        print(label, fn(subject))
    except TypeError as e:
        print(label, "TypeError:", e)


def p1(s):
    match s:
        case Listy(x):
            return x


def p2(s):
    match s:
        case Numbered(x, y):
            return x


def p3(s):
    match s:
        case One(x, y):
            return x


def p4(s):
    match s:
        case Plain(x):
            return x


def p5(s):
    match s:
        case One(x, a=2):
            return x


def p6(s):
    match s:
        case print():
            return 1


def p7(s):
    match s:
        case int(x, y):
            return x


def p8(s):
    match s:
        case One(missing=3):
            return "matched"
        case _:
            return "attribute missing: no match"


attempt("list match_args", Listy(), p1)
attempt("non-str match_args", Numbered(), p2)
attempt("too many", One(), p3)
attempt("no match_args", Plain(), p4)
attempt("duplicate", One(), p5)
attempt("not a type", 1, p6)
attempt("builtin two", 1, p7)
attempt("missing attr", One(), p8)
