a = 2 ** 200
print(a, a // 3, a % 7, -a, a * a, a - a, a > 10 ** 60, str(a)[:10], len(str(a)), hash(a) == hash(a))
print(int("123456789" * 5), 10 ** 20 / 10 ** 10, (10 ** 20) // (10 ** 10), 3 ** 100 % 1000)
x = 1
for i in range(1, 30):
    x *= i
print(x, x.bit_length(), abs(-x), (-x) // 7, (-x) % 7, divmod(x, 10 ** 10))
print(float(2 ** 100), 2 ** 100 == 2.0 ** 100, 2 ** 63 - 1, (2 ** 63 - 1) + 1, -(2 ** 63), int(1e20))
