# decimal's native core: contexts read per operation (precision, rounding, Emax), flags and traps set by
# the arithmetic, subclasses, ints of every size as operands, and the fields seen by the evalx-level code.
import decimal
from decimal import Decimal as D, Context, localcontext, getcontext, setcontext
from decimal import Inexact, Rounded, Overflow, DivisionByZero, InvalidOperation

def flags(ctx):
    return sorted(s.__name__ for s, v in ctx.flags.items() if v)

def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)

# The same expression under every rounding mode and a few precisions (each context read afresh).
modes = [decimal.ROUND_DOWN, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN, decimal.ROUND_CEILING,
         decimal.ROUND_FLOOR, decimal.ROUND_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_05UP]
for prec in (1, 3, 9, 19, 28, 40):
    row = []
    for m in modes:
        with localcontext() as c:
            c.prec = prec
            c.rounding = m
            x = D(2) / D(3)
            y = -D(1) / D(7)
            z = D('12345678901234567890.5') + D('0.49')
            w = D(-25) * D('0.35')
            row.append((str(x), str(y), str(z), str(w), flags(c)))
    print(prec, row)

# A rounding mode given as a fresh string (not the module's constant) is read the same way.
c = getcontext().copy()
c.rounding = ''.join(['ROUND_', 'UP'])
c.prec = 4
print(c.divide(D(1), D(3)), c.add(D('1.00001'), D(0)), c.multiply(D('-1.23456'), 1))

# pi as pyperformance's decimal_pi computes it, at two precisions, with the flags it leaves.
def pi_decimal():
    lasts, t, s, n, na, d, da = D(0), D(3), D(3), D(1), D(0), D(0), D(24)
    while s != lasts:
        lasts = s
        n, na = n + na, na + 8
        d, da = d + da, da + 32
        t = (t * n) / d
        s += t
    return s
for prec in (9, 19, 50):
    getcontext().prec = prec
    getcontext().clear_flags()
    print(prec, pi_decimal(), flags(getcontext()))
getcontext().prec = 28

# Alternating between two contexts.
a, b = Context(prec=5), Context(prec=12, rounding=decimal.ROUND_DOWN)
for i in range(3):
    setcontext(a)
    p = D(1) / D(7)
    setcontext(b)
    q = D(1) / D(7)
    print(p, q, flags(a), flags(b))
setcontext(decimal.DefaultContext)

# Traps: Inexact trapped raises on the first inexact operation; Overflow past Emax.
with localcontext() as c:
    c.traps[Inexact] = True
    t(lambda: D(1) / D(3))
    t(lambda: D(1) / D(4))
    t(lambda: D('1.5') * 3)
with localcontext() as c:
    c.Emax = 10
    c.prec = 5
    t(lambda: D(99999) * D(10 ** 7))
    c.traps[Overflow] = False
    t(lambda: D(99999) * D(10 ** 7))
    t(lambda: -D(99999) * D(10 ** 7))
    for r in modes:
        c.rounding = r
        print(r, D(99999) * D(10 ** 7), -D(99999) * D(10 ** 7), D(-99999) * D(10 ** 6))
    c.rounding = decimal.ROUND_HALF_EVEN
    print(flags(c))
with localcontext() as c:
    c.traps[Rounded] = True
    t(lambda: D(10) / D(4))
    t(lambda: D(123456789) * D(987654321) * D(10 ** 20))

# Ints of every size on either side.
big = 3 ** 200
for v in (0, 1, -1, 7, 2 ** 63 - 1, -2 ** 63, 2 ** 64, -(2 ** 100), big):
    x = D(v)
    small = abs(v) < 10 ** 20
    print(v, x, repr(x), x + 1, 1 - x, x * -3, x // 7 if small else 0, x % 7 if small else 0, x == v, x < v + 1, D("0.5") + v)
print(D(True), D(False), D(True) + True)
with localcontext() as c:
    c.prec = decimal.MAX_PREC
    c.Emax = decimal.MAX_EMAX
    c.Emin = decimal.MIN_EMIN
    f = D(1)
    for k in range(1, 60):
        f = f * D(k)
    print(f, f.adjusted(), (f * f).adjusted(), f // D(10 ** 50), f % D(10 ** 20))

# Subclasses keep their class where CPython's does not (arithmetic returns plain Decimal).
class M(D):
    pass
m = M('2.5')
print(type(m).__name__, type(m + 1).__name__, type(1 + m).__name__, m * m, m / 2, m == D('2.5'), D(m), type(D(m)).__name__)

# Copies and construction from another Decimal.
x = D('-1.250')
y = D(x)
print(y, y == x, x.as_tuple(), D(y.as_tuple()), D(tuple(y.as_tuple())))
print([str(D(s)) for s in ('1e5', '-0', '0.000', '123.4567890123456789012345678901234567890', '  -7.5 ')])
print(hash(D(5)) == hash(5), hash(D('0.5')) == hash(0.5), sorted({D(1), D('1.0'), D(2)}))

# Text of every shape the native parser takes or leaves to the evalx-level one.
texts = ['1.', '.5', '-0', '+7', '1e-3', '1E+400', '-1.5e-10', '0e5', '00012.3400', '5E-0', '1e+0',
         '12345678901234567890123456789012345678901234567890', '-0.000000000000000000000000000000000000001',
         '9' * 45 + '.' + '9' * 45, '1_000', ' 5 ', '1e', 'e1', '.', '-', '1.2.3', '1e1.5', '++1', '0x10',
         'Inf', '-nan', 'sNaN12', '１２', '1e999999999999999999', '٣.٥']
for s in texts:
    t(lambda: D(s))
with localcontext() as c:
    c.traps[InvalidOperation] = False
    print([str(D(s)) for s in ('abc', '1e', '--1')], flags(c))

# Text: scientific and engineering strings across exponents, zeros, specials with payloads.
for s in ['0', '-0', '0E-7', '0E+7', '0E-8', '0E+2', '-0E+5', '1', '123456', '1.5E+10', '1E-6', '1E-7', '12E-8',
          '123.456E-2', '-9.99E+100', '1234567E-3', '5E+1', '5E+2', '5E+3', '0.00001', '-12345E-20',
          'NaN', '-NaN123', 'sNaN45', '-Infinity', '1' * 60 + 'E+5', '7' * 30 + 'E-70']:
    x = D(s)
    print(s, str(x), repr(x), x.to_eng_string(), getcontext().to_eng_string(x))
print(str(D(2) ** 200), repr(D(3) ** -5), D('1e-1000') * D('1e-1000'), D(10) ** 5000 == D('1e5000'))
print(len(str(D(7) ** 30000)) if False else '', str(D(3) ** 100 * D(10) ** 20).count('0'))
