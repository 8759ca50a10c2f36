from fractions import Fraction
import numbers, math
a = Fraction(3, 4); b = Fraction('1/3'); c = Fraction(0.5); d = Fraction('-1.25e2')
print(a, b, c, d, repr(a))
print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b), a ** 2, a ** -2, 2 ** Fraction(1, 2))
print(a + 1, 1 + a, a + 0.5, 0.5 + a, a * 2, 3 / a, a < b, a > 0.5, a == 0.75, a == Fraction(6, 8))
print(hash(a), hash(Fraction(5)), hash(Fraction(-1, 3)), hash(Fraction(5)) == hash(5), hash(Fraction(1,2)) == hash(0.5))
print(Fraction(math.pi).limit_denominator(100), Fraction('3.14159').limit_denominator(1000))
print(float(a), int(Fraction(-7, 2)), round(Fraction(7, 2)), round(Fraction(5, 2)), round(Fraction(22, 7), 2), math.floor(Fraction(-7, 2)), math.ceil(Fraction(-7, 2)))
print(isinstance(a, numbers.Rational), isinstance(1, numbers.Integral), isinstance(1.0, numbers.Real), isinstance(1.0, numbers.Rational), isinstance(a, numbers.Number))
print(sum([Fraction(1, n) for n in range(1, 10)]), sorted([Fraction(1, 3), Fraction(1, 4), 0.3]), a.as_integer_ratio(), a.numerator, a.denominator)
print(Fraction(Fraction(1, 2), Fraction(1, 3)), Fraction(10, -4), f"{a}", '%s' % a, abs(Fraction(-1, 2)), -a, bool(Fraction(0)))
for bad in [lambda: Fraction(1, 0), lambda: Fraction('x'), lambda: Fraction(1.5, 2), lambda: Fraction(float('nan')), lambda: Fraction(float('inf')), lambda: Fraction([]), lambda: a / 0]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(Fraction.from_float(0.1), Fraction(' 7 '), Fraction('1_000/3'), Fraction('.5'), Fraction('5.'))
