print(1 + 2.0, 3 * True, 7 / 7, 2 ** 0.5 * 2 ** 0.5, 10 % 3.5, -10 // 3, 1e308 * 10, -1e308 * 10)
print(0.1 + 0.2 == 0.3, abs(-0.0), 5 // 0.5, int(-0.9), round(-2.5), round(1.15, 1), 1 / 3 * 3)
try:
    print(2.0 ** 10000)
except OverflowError as e:
    print("OverflowError:", e)
