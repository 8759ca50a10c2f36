# Under `from __future__ import annotations` every annotation is kept as CPython's normalised text of
# the expression (its C unparser), not the source as written; nothing in it is evaluated.
from __future__ import annotations


def f(a: int, b: list[dict[str,int|None]] = None, *args: 'X', c: Undefined.attr[1:2, ...] = 3,
      **kw: lambda x: x+1) -> Tuple[int,...]:
    pass


for k, v in f.__annotations__.items():
    print(k, repr(v))


def g(p: (-1) ** 2, q: -1 ** 2, r: (-2.5).real, s: 1 .real, t: 1.0 .real, u: 10**20 + -10**20,
      v: 2j + 1.5j - 1e400 * 1e309j, w: "it's", x: b'a"b', y: {'k': [1, (2,), ()]}, z: not (a and b)):
    pass


for k, v in g.__annotations__.items():
    print(k, repr(v))


class C:
    a: dict[str,  'C'] = {}
    b: (1 + 2) * 3 - (4 - 5) - (6 - (7 - 8))
    c: -x ** 2 if a else (b if c else d)
    d: f(a, *b, k=1, **d)[::2]
    e: {1: 2, **e}
    f: [x for x in y if x if not x for z in w]
    g: "a" "b"
    h: 1.5e10 + 0x1F + 1_000 + 0o17 + 0b11
    i: not a and b or c and (d or e) or (f or g)
    j: a @ b // c << 2 >> 1 & 3 ^ 4 | 5
    k: a < b <= c is not d not in e in f is g != h == i > j >= k
    l: (a, b)
    m: ()
    n: (a,)
    o: {a, b}
    p: f'{a!r:>{w}} {{x}} {b=} {c:.2f}'
    q: x.y.z[1][2](3)
    r: lambda: 0
    s: lambda a, b=1, /, c=2, *d, e, f=3, **g: (a, b)
    t: lambda *a: a
    u: lambda *, k: k
    v: (lambda: 1)()
    w: sum(x for x in y)
    x: sum((x for x in y), 0)
    y: {k: v for k, v in z.items()}
    z: {s for s in t}
    aa: a[1:2, ::3, :]
    bb: a[b, c:d]
    cc: a[(b, c)]
    dd: a[b,]
    ee: ~a + +b - -c
    ff: (a if b else c) if d else e
    gg: (lambda: 1) if x else (lambda: 2)
    hh: a ** b ** c
    ii: (a ** b) ** c
    jj: (a + b).c
    kk: [*a, *b]
    ll: await_ + 1
    mm: "\n\t\\'\""
    nn: 'x' if True else None
    oo: (
        dict[
            str,
            int,
        ]
    )
    pp: float('inf')
    qq: ...


for k, v in C.__annotations__.items():
    print(k, repr(v))

top: list[ int ] = [1]
other: 'quoted'
print(__annotations__)


# The annotations are never evaluated: names that do not exist are fine.
def h(x: does_not_exist) -> also_missing:
    return x


print(h(5), h.__annotations__)
