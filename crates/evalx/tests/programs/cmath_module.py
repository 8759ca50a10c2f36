import hashlib
import cmath, math
FULL = False
vals = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1e-310, -1e-310, 1e-300, 1e300, -1e300, 1.7e308, 3.14159, 0.71, 1.73, 709.5, -709.5, 800.0, 1e-8, 123.456, -7.25, math.inf, -math.inf, math.nan]
names = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'log', 'log10', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'phase', 'polar', 'isfinite', 'isinf', 'isnan']
n = 0
for name in names:
    f = getattr(cmath, name)
    out = []
    for x in vals:
        for y in vals:
            try:
                r = f(complex(x, y))
            except (ValueError, OverflowError) as e:
                r = type(e).__name__ + str(e)
            out.append(repr(r))
            n += 1
    print(name, hashlib.md5("|".join(out).encode()).hexdigest())
    if FULL: print("\n".join(out))
    for o in out[:3]: print(" ", o)
for x in vals:
    for y in vals:
        try:
            print(cmath.rect(x, y), end=' ')
        except ValueError as e:
            print('VE', end=' ')
        try:
            print(cmath.log(complex(x, y), 2 + y), end=' ')
        except ValueError as e:
            print('VE', end=' ')
    print()
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)
print(cmath.isclose(1+1j, 1+1.0000000001j), cmath.isclose(1j, 1.1j, rel_tol=0.2), cmath.isclose(1, 1+1e-12j, abs_tol=0), cmath.sqrt(-1), cmath.sqrt(4), cmath.exp(1j * cmath.pi))
print(sorted(x for x in dir(cmath) if not x.startswith('__')))
print(n)
