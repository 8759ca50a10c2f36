# decimal: construction, context precision and rounding, arithmetic, quantize, sqrt, str/repr/format, signals.
from decimal import *
import decimal
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__+":", e)
D = Decimal
print(D('1.23'), repr(D('1.23')), D(5), D(-0.0), D(0.1), D('1e10'), D('1E-7'), D('0.000001'), D('123.456e3'), D('-0'), D('  7  '), D('1_000'), D((0, (1, 4), -1)), D('inf'), D('-Infinity'), D('nan'), D('sNaN'))
print(D('1.1') + D('2.2'), D('1.30') + D('1.20'), D(1) / D(3), D(2) / D(4), D(1) / D(8), D('10') / D('4'), D(100) / D(10), D('1.00') / D('0.5'))
print(D('1.5') * D('2'), D('-7') // D('2'), D('-7') % D('2'), D(7) % D('-2'), divmod(D(7), D(2)), D(2) ** 10, D(2) ** -2, D('1.1') ** 3, D(10) ** 30)
print(D('3.14159').quantize(D('0.01')), D('2.675').quantize(D('0.01')), D('2.665').quantize(D('0.01'), rounding=ROUND_HALF_UP), D('-2.5').quantize(D('1'), ROUND_FLOOR), D('7.325').quantize(D('.01'), ROUND_DOWN))
print(D(2).sqrt(), D('0.25').sqrt(), D(16).sqrt(), D('1.21').sqrt(), D('1.2300').normalize(), D('100').normalize(), D('1.23').as_tuple(), D('-12.3e-2').adjusted())
print(D('1.5') == 1.5, D(1) == 1, D('1.0') == D('1'), D(1) < 2, D('0.1') == 0.1, hash(D(1)) == hash(1), hash(D('1.5')) == hash(1.5), max(D(1), D(2)), sorted([D('0.5'), D('-1'), D(0)]))
print(int(D('7.9')), int(D('-7.9')), float(D('0.1')), round(D('2.5')), round(D('2.567'), 2), round(D('-0.5')), D('1.2').to_integral_value(), D('2.5').to_integral_value(), D('1e3').to_eng_string(), D('12345e-10').to_eng_string())
print(-D('1.5'), abs(D('-1.5')), +D('1.50'), D('1.5').copy_negate(), D(5).compare(D(3)), D('1').is_zero(), D('0.00').is_zero(), D('nan').is_nan(), D('inf').is_infinite(), D('-1').is_signed(), D(3).is_finite())
getcontext().prec = 5
print(D(1) / D(7), D('1.234567') + 0, D(123456) * 1, getcontext().prec)
getcontext().prec = 28
with localcontext() as ctx:
    ctx.prec = 3
    print(D(2).sqrt(), D(1) / D(3))
print(D(1) / D(3))
ctx = Context(prec=6, rounding=ROUND_UP)
print(ctx.divide(D(1), D(3)), ctx.add(D('1.0000001'), 0), ctx.prec, ctx.rounding)
t(lambda: D('abc'))
t(lambda: D(1) / 0)
t(lambda: D(0) / 0)
t(lambda: D('inf') - D('inf'))
t(lambda: D(-1).sqrt())
t(lambda: D('1.5') < 2.0)
print(f"{D('1234.5678'):.2f}", f"{D('1234.5678'):,.2f}", f"{D('0.5'):%}", f"{D('1234.5'):e}", f"{D('1234.5'):10.1f}|", format(D('1.5'), ''), format(D('12.5'), '.0f'), format(D('-3'), '+'))
print(D(1).exp() if False else '', D(100).log10() if False else '', D('1.23E+5'), D('1.23E-5'), D('0.00000123'), D('123E+1'), D('1E+1'), D('5E-8') * 2)
print(DecimalException.__mro__[1], issubclass(DivisionByZero, ZeroDivisionError), issubclass(InvalidOperation, ArithmeticError), ROUND_HALF_EVEN, MAX_PREC > 0)
print(D('1.000') * D('2.00'), D('0.1') * 3, D(0) * D('-1'), D('-0') + D('0'), D('1e-30') + D('1'), D('12.345').quantize(D('1e1')), D(10) % 3, D('10.5') // 1)
modes = [ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_HALF_DOWN, ROUND_05UP]
for v in ['2.5', '-2.5', '2.45', '2.55', '-2.51', '0.05', '1.0', '-0.01', '7.999']:
    print(v, [str(D(v).quantize(D('0.1'), rounding=m)) for m in modes])
ctx = getcontext()
ctx.clear_flags()
x = D(1) / D(3)
print(ctx.flags[Inexact], ctx.flags[Rounded], ctx.flags[DivisionByZero])
ctx.clear_flags()
print(D(1) / D(4), ctx.flags[Inexact])
ctx.traps[DivisionByZero] = False
print(D(1) / D(0), D(-1) / D(0), ctx.flags[DivisionByZero])
ctx.traps[DivisionByZero] = True
ctx.traps[InvalidOperation] = False
print(D('abc'), D(0) / D(0), D('inf') * 0)
ctx.traps[InvalidOperation] = True
for a, b in [('1', '3'), ('2', '3'), ('-7', '3'), ('1e10', '3e-5'), ('12345678901234567890', '0.001'), ('0', '5'), ('100', '8')]:
    A, B = D(a), D(b)
    print(a, b, A + B, A - B, A * B, A / B, A // B, A % B)
print(D('9.999999999999999999999999999999') + 0, D('1e100') * D('1e100'), D('1.23456789012345678901234567890123'))
print(D(12345).sqrt(), D('0.0004').sqrt(), D('1e-7').sqrt(), D(10) ** -3, D('0.5') ** 2, D(-2) ** 3, D(3) ** -1)
print(D('-1.5').to_integral_value(ROUND_HALF_EVEN), D('1.5').to_integral_value(ROUND_DOWN), D('123.456').to_integral_exact(), D('5E+2').to_integral_value())
print(D('0.000'), D('-0E-7'), D('1234567E-20'), D('0E+3'), D('1.00E+3').normalize(), D('0.00').normalize(), D('-5.000').normalize())
print([format(D('1234567.891'), s) for s in ['', '.3f', ',', ',.1f', '.2e', '.3g', '>15.2f', '<12,', '^14.1f', '+.1f', '08.2f', '.0%', 'E', 'f']])
print([format(D(s), '.2f') for s in ['-0.001', '0.005', '0.015', '-1.255', 'NaN', '-Infinity', '1e5']])
print(D('3.3').as_integer_ratio(), D(7).as_integer_ratio(), D('-0.25').as_integer_ratio(), D('1.5').copy_sign(D(-1)), D(3).max(D('3.5')), D(3).min(D(-1)))
import math
print(math.floor(D('-1.5')), math.ceil(D('1.2')), math.trunc(D('-1.7')), round(D('1.2345'), 3), round(D('-1.5')), D(10) ** 28 + 1)
print(Context(prec=3).create_decimal('3.14159'), ExtendedContext.prec, BasicContext.rounding, getcontext().Emax, Context().traps[Overflow])
print(D('1.1') in [D('1.10')], {D('1.0'): 'a'}[D(1)], D(0) == D('-0'), D(2) > 1, 1 < D('1.5'), bool(D(0)), bool(D('0.1')))

# exp, ln, log10 and non-integer powers
for s in ['1', '2', '0.5', '10', '1e-5', '123.456', '1e10', '7', '0.001', '2.718281828459045235360287471']:
    x = D(s)
    print(s, x.ln(), x.log10(), x.exp() if x < 1000 else '', x.sqrt())
print(D(0).exp(), D(-1).exp(), D('-10').exp(), D(100).exp(), D(1).exp(), D('0.1').exp(), D('-0.5').exp())
print(D(100).log10(), D('0.001').log10(), D(1000).log10(), D(1).ln(), D(1).log10(), D(2) ** D('0.5'), D(4) ** D('0.5'), D('1.5') ** D('2.5'), D(10) ** D('-1.5'))
t(lambda: D(0).ln()); t(lambda: D(-1).ln()); t(lambda: D(-1).log10()); t(lambda: D(0).log10())
print(D('Infinity').ln(), D('-Infinity').exp(), D('Infinity').exp())
getcontext().prec = 50
print(D(2).ln(), D(10).ln(), D(1).exp(), D(3).log10())
getcontext().prec = 8
print(D(2).ln(), D('12345.678').exp() if False else '', D('99').ln(), D('0.99').exp())
