# decimal's machine-word lane (coefficients under 2**64, precision up to 38): every rounding mode at
# precisions around the lane's edges, with carries (999.. rounded up), exact ties, sticky quotients,
# exact quotients brought back to their ideal exponent, exponent gaps past a u128, signed zeros, ints
# on either side, comparisons across exponents, and the signals each operation raises. Each line sums
# up one (precision, rounding) pair with a checksum of the results' strs and flags; a few are printed.
import decimal
from decimal import Decimal as D, localcontext

MODES = [decimal.ROUND_DOWN, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN, decimal.ROUND_CEILING,
         decimal.ROUND_FLOOR, decimal.ROUND_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_05UP]
VALS = [D('0'), D('-0.000'), D('1'), D('-5'), D('0.5'), D('-2.5'), D('9.99999'),
        D('99999999999999999999'), D('18446744073709551615'), D('18446744073709551616'),
        D('-9223372036854775808'), D('3.141592653589793236'), D('1.15285104E-9'),
        D('123456789012345678E-30'), D('7E+40'), D('-7E-40'), D('2809'), D('11880'), D('0.0003'),
        D('-45.55'), 7, -3, 10 ** 19, True]


def check(text):
    h = 0
    for ch in text:
        h = (h * 131 + ord(ch)) % 1000000007
    return h


for prec in (1, 3, 9, 19, 20, 38, 39):
    for mode in (MODES if prec in (3, 19) else (decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR)):
        with localcontext() as c:
            c.prec = prec
            c.rounding = mode
            c.traps[decimal.Inexact] = False
            parts = []
            for a in VALS:
                for b in VALS:
                    if not isinstance(a, D) and not isinstance(b, D):
                        continue
                    c.clear_flags()
                    row = [a + b, a - b, a * b]
                    try:
                        row.append(a / b)
                    except Exception as e:
                        row.append(type(e).__name__)
                    row += [a < b, a == b, a >= b]
                    row.append(''.join(s.__name__[0] for s, v in c.flags.items() if v))
                    parts.append(' '.join(str(x) for x in row))
            text = '\n'.join(parts)
            print(prec, mode, len(parts), check(text))
            if prec in (9, 19) and mode == decimal.ROUND_HALF_EVEN:
                print(parts[40])
                print(parts[333])
                print(parts[-1])

# An Inexact trap raises from the lane's operations as from the methods.
with localcontext() as c:
    c.prec = 5
    c.traps[decimal.Inexact] = True
    for f in (lambda: D(1) / 3, lambda: D('1.23456') + 1, lambda: D(12345) * 7, lambda: D(4) / 2):
        try:
            print(f())
        except decimal.Inexact as e:
            print('Inexact', e)
    # Overflow: past Emax the general path signals.
    c.Emax = 10
    c.traps[decimal.Inexact] = False
    for f in (lambda: D('9E+10') * 10, lambda: D(99999) * D('1E+7'), lambda: D('9.9999E+10') + D('0.00001E+10')):
        try:
            print(f())
        except decimal.Overflow as e:
            print('Overflow', e)

# decimal_pi's series at the benchmark's precisions.
for prec in (9, 19, 28):
    decimal.getcontext().prec = prec
    lasts, t, s, n, na, d, da = D(0), D(3), D(3), D(1), D(0), D(0), D(24)
    while s != lasts:
        lasts = s
        n, na = n + na, na + 8
        d, da = d + da, da + 32
        t = (t * n) / d
        s += t
    print(prec, s, t, n, d)

# Results under Emin (subnormal, underflow), zeros whose exponent the context clamps, and a context
# with clamp=1: the evalx-level rounding, with its signals.
for prec, clamp in ((9, 0), (28, 0), (5, 1)):
    with localcontext() as c:
        c.prec = prec
        c.clamp = clamp
        c.Emax = 99
        c.Emin = -99
        c.traps[decimal.Inexact] = False
        for f in (lambda: D('1E-99') / 10, lambda: D('1E-99') * D('0.1'), lambda: D('1.5E-99') - D('1E-99'),
                  lambda: D('1E-99') / 3, lambda: D('1E-99') * D('1E-20'), lambda: D('0E-200') + 0,
                  lambda: D('0E+200') * 1, lambda: D('-0E-150') - 0, lambda: D(1) / D('1E+200'),
                  lambda: D('9.99999999999E-100') + 0, lambda: D(12) + D('1E+90'), lambda: D('1E+99') - 1,
                  lambda: D('123E+94') * 1, lambda: D('1E+99') * 1, lambda: D(7) // 2,
                  lambda: D('1E-98') % 3):
            c.clear_flags()
            try:
                r = f()
                print(repr(r), sorted(s.__name__ for s, v in c.flags.items() if v))
            except decimal.DecimalException as e:
                print(type(e).__name__, e)
