import math
from math import sqrt, pi as PI
print(math.sqrt(16), sqrt(2), PI, math.e, math.floor(2.7), math.ceil(2.1), math.floor(-2.5), math.trunc(-2.7))
print(math.gcd(12, 18), math.lcm(4, 6), math.factorial(20), math.factorial(25), math.comb(5, 2), math.perm(5, 2), math.isqrt(17))
print(math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.exp(0), math.pow(2, 10), math.fabs(-3))
print(math.sin(0), math.cos(0), round(math.tan(math.pi / 4), 10), math.atan2(1, 1), math.hypot(3, 4), math.degrees(math.pi), math.radians(180))
print(math.isclose(0.1 + 0.2, 0.3), math.isinf(math.inf), math.isnan(math.nan), math.isfinite(1.0), math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]))
print(math.copysign(1, -0.0), math.fmod(7, 3), math.modf(2.5), math.dist((0, 0), (3, 4)), math.tau)
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
try:
    import nonexistent_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
