# decimal's operators straight from the interpreter: Decimals and ints on either side, augmented
# assignment, comparisons of every kind, signed zeros, the cases the direct path leaves to the methods
# (specials, division by zero, floats, subclasses that override an operator), and signals it raises.
import decimal
from decimal import Decimal as D, localcontext, getcontext
from decimal import Inexact, Rounded, Overflow, InvalidOperation, FloatOperation, DivisionByZero

def flags(ctx):
    return sorted(s.__name__ for s, v in ctx.flags.items() if v)

def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)

vals = [D('7.25'), D('-3'), D('0'), D('-0.00'), D('1E+5'), D('-12345678901234567890.123'), 4, -9, True, 10 ** 30, -(2 ** 70)]
for a in vals:
    for b in vals:
        if not isinstance(a, D) and not isinstance(b, D):
            continue
        row = [a + b, a - b, a * b]
        for f in (lambda: a / b, lambda: a // b, lambda: a % b, lambda: divmod(a, b)):
            try:
                row.append(f())
            except Exception as e:
                row.append(type(e).__name__)
        row += [a == b, a != b, a < b, a <= b, a > b, a >= b]
        print(repr(a), repr(b), row)
print(flags(getcontext()))
getcontext().clear_flags()

# Augmented assignment, and a running sum.
s = D(0)
for k in range(1, 30):
    s += D(1) / k
    s -= 1
    s *= D('1.5')
    s //= 1
    s += k
    s %= 1000
print(s, flags(getcontext()))

# Signed zeros under every rounding mode.
for m in (decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR, decimal.ROUND_CEILING):
    with localcontext() as c:
        c.rounding = m
        print(m, D('-0') + D('0'), D('-0') + D('-0'), D(1) - D(1), D('-1.5') + D('1.5'), 0 - D(0), D('-0') * 5, -0 * D('-2'))

# Specials and zero divisors go through the methods (with their signals).
nan, inf = D('NaN'), D('-Infinity')
for x in (nan, inf):
    print(x + 1, 1 - x, x * 2, x == x, x != 1, 3 == x)
    t(lambda: x < 1)
    t(lambda: 1 >= x)
with localcontext() as c:
    c.traps[InvalidOperation] = False
    print(nan < 1, nan >= D(2), flags(c))
t(lambda: D(1) / 0)
t(lambda: D(0) / D(0))
t(lambda: 5 // D(0))
t(lambda: D(5) % 0)
t(lambda: D('1e30') // D('1e-10'))
with localcontext() as c:
    c.traps[DivisionByZero] = False
    c.traps[InvalidOperation] = False
    print(D(1) / 0, D(-1) // D(0), D(0) / 0, D(5) % 0, flags(c))

# Floats: equality is allowed (and flags FloatOperation), ordering flags it too and may trap.
with localcontext() as c:
    print(D('0.5') == 0.5, D(1) != 1.5, flags(c))
    t(lambda: D(1) < 1.5)
    c.traps[FloatOperation] = True
    t(lambda: D(1) < 1.5)
    print(D(1) == 1.0)

# Other types.
print(D(1) == 'a', D(1) != None, D(3) == 3, 3 == D(3), D(2) ** 3, 2 ** D(3))

# Traps raised from an operator.
with localcontext() as c:
    c.prec = 3
    c.traps[Inexact] = True
    t(lambda: D(1) / 3)
    t(lambda: 2 / D(3))
    t(lambda: D('1.234') + 0)
    print(D('1.25') + 0, flags(c))
with localcontext() as c:
    c.Emax = 5
    t(lambda: D(999999) * 10)
    c.traps[Overflow] = False
    print(D(999999) * 10, D(-999999) - D(10 ** 7), flags(c))

# Subclasses: their own operators, on either side of an int or as the left operand.
class Money(D):
    def __add__(self, other):
        return 'Money.__add__'
    def __radd__(self, other):
        return 'Money.__radd__'
    def __lt__(self, other):
        return 'Money.__lt__'
    def __eq__(self, other):
        return 'Money.__eq__'
    __hash__ = D.__hash__
m = Money('1.5')
print(m + 1, 1 + m, m + D(2), m < 3, m == 1, 1 == m, m * 2, type(m * 2).__name__, m - D(1))
class Plain(D):
    pass
p = Plain(3)
print(p + 1, 1 + p, p / D(4), D(4) / p, p < 4, 4 > p, p == 3, type(p + p).__name__)

# Changing the context between operations.
for prec in (2, 5, 20):
    getcontext().prec = prec
    print(D(1) / 7, D(2) / 3 + D(1) / 3, D('1.23456789') * 1, 1 - D('0.999999'))
getcontext().prec = 28
print(flags(getcontext()))
