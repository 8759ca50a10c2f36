# Modular powers with big moduli and exponents (evalx runs them in steps the limits can stop), and the
# products behind math.factorial/comb/perm (binary splitting): the values must be CPython's.
import math

print(pow(3, 10**100, 10**9 + 7), pow(3, 2, -5), pow(-3, 5, 7), pow(2, -1, 7), pow(5, 0, 1), pow(5, 0, -7))
print(pow(7, 10**30 + 12345, (1 << 127) - 1))
print(pow(7, (1 << 2000) + 12345, (1 << 4000) - 1) % 1000003)
print(pow(-7, (1 << 3000) + 1, -(1 << 2000) - 17) % 1000003)
print(pow(123456789, 10**400, 10**300 + 37) % 1000003)
print(pow(2, 10**5, 2**521 - 1) == pow(2, 10**5 % 521, 2**521 - 1))
x = 3 ** 1000
print(x % 1000, (x << 100) % 997, (x * x) % 991, (x ** 3) % 983, (x // 7**300) % 977)
print(math.factorial(0), math.factorial(1), math.factorial(5), math.factorial(20), math.factorial(21))
print(math.factorial(1000) % 1000003, len(str(math.factorial(1000))), math.factorial(30000) % 1000003)
print(math.comb(10, 3), math.comb(10, 0), math.comb(10, 10), math.comb(5, 7), math.comb(1000, 500) % 1000003)
print(math.comb(60, 30), math.comb(20000, 7000) % 1000003)
print(math.perm(10, 3), math.perm(5), math.perm(5, 0), math.perm(3, 5), math.perm(100, 50) % 1000003)
