# ast.unparse: operator precedence, strings and f-strings, every statement form, round trips.
import ast

cases = [
    "(a + b) * c", "a + (b * c)", "a ** b ** c", "(a ** b) ** c", "-(a + b)", "not (a and b)",
    "(a or b) and c", "a or b and c", "x if y else (z if w else v)", "(x if y else z) if w else v",
    "lambda: (yield)", "f(*args, **kwargs)", "f(a)(b)[c].d", "(1).real", "1 .real", "(-1) ** 2",
    "[*a, *b]", "{**a, 'b': 1}", "a[1:2, 3]", "a[()]", "a[(1, 2)]", "(yield x)", "await x",
    "'it\\'s'", '"say \\"hi\\""', "'''a\\nb'''", "'tab\\there'", "f'{x}'", "f'{x!r:>10}'",
    "f'a{{b}}c{d:{e}}'", "f\"{'q'}\"", "b'\\x00\\xff'", "1e309", "-1e309", "1j", "(a, b) = c",
    "a, *b = c", "x: 'List[int]' = []", "(x): int = 1", "del a, b[0]", "print(*[1], sep='')",
    "a < b <= c != d", "a is not b", "a not in b", "~a + -b", "a @ b", "(a := 10)",
    "{x: y for x, y in z if x if y}", "(x async for x in y)", "global a, b",
    "assert x, 'msg'", "raise", "raise E from e", "import a.b.c as d", "from ... import x",
    "from .m import *", "[i for i in range(3)]", "{1, 2}", "set()", "x = ()", "x = (1,)",
]
for src in cases:
    print(repr(ast.unparse(ast.parse(src))))

block = '''
@dec
@dec2(x)
def f(a, /, b, *, c=1, **d) -> int:
    """Doc string."""
    if a:
        return 1
    elif b:
        return 2
    elif c:
        pass
    else:
        return 3

class C(B, metaclass=M):
    x = 1

    async def m(self):
        async with a as b, c:
            pass
        async for x in y:
            continue
        else:
            break

try:
    pass
except E as e:
    pass
finally:
    pass
while 1:
    with open(p) as f:
        data = f.read()
match p:
    case [1, *rest]:
        pass
    case {'k': v, **kw}:
        pass
    case Point(1, y=2) | None as q if q:
        pass
'''
out = ast.unparse(ast.parse(block))
print(out)
print(ast.dump(ast.parse(out)) == ast.dump(ast.parse(block)))
print(repr(ast.unparse(ast.parse("'''Module doc'''\nx = 1"))))
print(ast.unparse(ast.parse("1 + 2", mode="eval")))
