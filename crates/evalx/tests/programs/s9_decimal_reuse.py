# Decimal results made by the native core: each result is its own value even when the core fills an
# instance no one holds any more; the flags and traps of the context are read and written in place;
# rounding modes and precisions switch inside localcontext; parallel assignment from a tuple display.
import decimal
from decimal import Decimal as D, localcontext, Inexact, Rounded, Overflow, Context

def flags(ctx):
    return sorted(s.__name__ for s, on in ctx.flags.items() if on)

# Many temporaries, some kept: the kept ones never change afterwards.
kept = []
x = D(1)
for i in range(200):
    x = (x * 3 + i) / 7
    if i % 37 == 0:
        kept.append(x)
print([str(k) for k in kept])
print(str(x))
y = D(5)
for i in range(50):
    y = y + 1
print(len(kept), y)

# Results as dict keys and set members (their hash is recorded), then dropped and made again.
table = {}
for i in range(60):
    k = D(i) / 4
    table[k] = i
print(len(table), table[D('2.5')], table[D(10)], D('7.25') in table)
s = {D(1) / 3 for _ in range(10)}
print(len(s), hash(D(1) / 4) == hash(D('0.25')), hash(D(6) / 2) == hash(3))
for k in list(table)[:5]:
    del table[k]
print(len(table), sorted(table)[:3])

# Identity: two equal results are two objects, an operand is not overwritten by its own result.
a = D(7) / 2
b = D(7) / 2
print(a is b, a == b, a, b)
c = a
a = a + 1
print(a, c, b)
t = D(3)
t = t * t
print(t)
lst = [D(i) / 3 for i in range(5)]
print([str(v) for v in lst])
del lst[2]
print([str(v) for v in lst], [str(v + 0) for v in lst])

# Flags set by the core: inexact and rounded results; exact ones set nothing.
ctx = decimal.getcontext()
ctx.clear_flags()
print(D(6) / 3, flags(ctx))
print(D(1) / 3, flags(ctx))
ctx.clear_flags()
print(D('1.0000000000000000000000000001') * 3, flags(ctx))
ctx.clear_flags()
print(D(10) + D('1E-40'), flags(ctx))

# A trap set after the core has remembered where the signals sit.
ctx.clear_flags()
ctx.traps[Inexact] = True
try:
    D(1) / 7
except Inexact as e:
    print('Inexact', type(e).__name__, [c.__name__ for c in e.args[0]], flags(ctx))
print(D(1) / 8, flags(ctx))
ctx.traps[Inexact] = False
ctx.traps[Rounded] = True
ctx.clear_flags()
try:
    D(2) / 3
except Rounded as e:
    print('Rounded', [c.__name__ for c in e.args[0]], flags(ctx))
try:
    D(123456789) * 1000000000000000000000
except Rounded as e:
    print('exact product rounded', [c.__name__ for c in e.args[0]], flags(ctx))
ctx.traps[Rounded] = False
ctx.clear_flags()

# New flags and traps dicts on the context (the signals in another order).
ctx.flags = dict.fromkeys(reversed(list(ctx.flags)), False)
ctx.traps = {s: s is Overflow for s in reversed(list(ctx.traps))}
print(D(1) / 3, flags(ctx))
ctx.traps = {s: s is Inexact for s in sorted(ctx.traps, key=lambda s: s.__name__)}
try:
    D(2) / 3
except Inexact as e:
    print('Inexact again', flags(ctx))
ctx.traps[Inexact] = False
print(D(2) / 3, flags(ctx))
decimal.setcontext(Context())
ctx = decimal.getcontext()
print(D(1) / 6, flags(ctx))

# Rounding modes and precisions switched inside localcontext, back and forth.
modes = [decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_UP,
         decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR, decimal.ROUND_05UP]
for prec in (1, 3, 9, 19, 28):
    row = []
    for m in modes + modes[::-1]:
        with localcontext() as lc:
            lc.prec = prec
            lc.rounding = m
            r1 = D(2) / 3
            r2 = D(-25) / 10 * D('1.05')
            r3 = D('9.995') + D('0.0049')
            row.append('%s|%s|%s|%s' % (r1, r2, r3, ','.join(flags(lc))))
    print(prec, ' '.join(row))
print(decimal.getcontext().prec, D(1) / 7, flags(decimal.getcontext()))
with localcontext(Context(prec=5, rounding=decimal.ROUND_DOWN)) as lc:
    print(D(1) / 3, D(2) / 3, flags(lc))
    lc.rounding = decimal.ROUND_UP
    print(D(1) / 3, D(2) / 3)
    with localcontext() as inner:
        inner.prec = 2
        print(D(1) / 3, D(2) / 3, inner.rounding == decimal.ROUND_UP)
    print(D(1) / 3, lc.prec)
print(D(1) / 3)

# Overflow through the core, trapped and not.
with localcontext() as lc:
    lc.Emax = 5
    try:
        D(99999) * 100
    except Overflow as e:
        print('Overflow', [c.__name__ for c in e.args[0]], flags(lc))
    lc.traps[Overflow] = False
    lc.clear_flags()
    print(D(99999) * 100, flags(lc))

# Parallel assignment from a tuple display.
a, b = 1, 2
a, b = b, a
print(a, b)
p, q, r = D(1), D(2), D(3)
p, q, r = q + r, r * p, p / q
print(p, q, r)
p, q, r = r, p, q
print(p, q, r)
n, na = D(1), D(0)
for _ in range(5):
    n, na = n + na, na + 8
print(n, na)
xs = [0, 0, 0]
i = 0
i, xs[i] = 2, 'x'
print(i, xs)
class O:
    pass
o = O()
o.a, o.b = 'A', 'B'
print(o.a, o.b)
h, *t = 1, 2, 3
print(h, t)
a, b, c, d = 4, 3, 2, 1
a, b, c, d = d, c, b, a
print(a, b, c, d)
try:
    a, b = 10, 1 // 0
except ZeroDivisionError:
    print('unchanged', a, b)
try:
    a, b = 1, 2, 3
except ValueError as e:
    print(e)
def swap(u, v):
    u, v = v, u
    return u, v
print(swap(D('1.5'), D(2) / 3))
g1, g2 = 'module', 'level'
print(g1, g2)
