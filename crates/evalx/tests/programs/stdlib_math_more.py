import math
names = [n for n in dir(math) if not n.startswith('_')]
print(len(names), names)
print(math.acosh(2), math.asinh(1), math.atanh(0.5), math.erf(0.5), math.erfc(0.5), math.exp2(10), math.exp2(0.5))
print(round(math.cbrt(27), 12), round(math.cbrt(-8), 12), math.cbrt(0.0))
print(math.frexp(8.0), math.frexp(0.0), math.frexp(-3.5), math.frexp(1e-310), math.ldexp(0.5, 4), math.ldexp(3, -2))
print(math.gamma(5), round(math.gamma(0.5), 12), round(math.lgamma(10), 10), math.lgamma(1), math.lgamma(2))
print(math.nextafter(1.0, 2.0), math.nextafter(0.0, -1.0), math.nextafter(1.0, 1.0), math.ulp(1.0), math.ulp(0.0), math.ulp(1e300))
print(math.remainder(10, 3), math.remainder(11, 3), math.remainder(-7.5, 2), math.remainder(5, math.inf))
print(math.gamma(math.inf), math.lgamma(-math.inf), math.isnan(math.erf(math.nan)), math.erf(math.inf), math.erfc(-math.inf))
for bad in [lambda: math.acosh(0.5), lambda: math.atanh(1), lambda: math.gamma(0), lambda: math.gamma(-3),
            lambda: math.gamma(200), lambda: math.lgamma(0), lambda: math.ldexp(1.0, 5000), lambda: math.ldexp(1, 1.5),
            lambda: math.remainder(1, 0), lambda: math.remainder(math.inf, 1), lambda: math.exp2(5000),
            lambda: math.erf('x'), lambda: math.frexp()]:
    try:
        print(bad())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
print(math.ldexp(1.0, -2000), math.ldexp(-0.0, 5), math.frexp(math.inf))
