print(format(3.5), format(1234.5678, ",.2f"), format(255, "x"), format("s", ">3"))
print("{} {}".format(1, 2), "{1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{:>6.2f}|{:<4}|{:^5}|".format(3.14159, "ab", "c"), "{0[1]} {1[k]}".format([1, 2], {"k": "v"}))
print("{!r} {!s}".format("a", "b"), "{:,}".format(10**9), "{:e}".format(0.000123))
class P:
    x = 5
print("{0.x}".format(P()))
print(format(True), format(1.0), format(1e-10), format(0.1, ".20f"), format(2.5, ".0f"), format(3.5, ".0f"))
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1234, -2), round(0.1 + 0.2, 10))
