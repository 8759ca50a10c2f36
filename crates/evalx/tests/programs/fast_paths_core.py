# Edges of the execution core's fast paths: pair loops over enumerate/zip, float powers, list items
# updated in place, int floor division, print after sys.stdout is rebound.
import sys
import io

# for a, b in enumerate(...) / zip(...): the pair goes straight to the two targets.
for i, x in enumerate("abc"):
    print(i, x)
for i, x in enumerate([10, 20], 9223372036854775806):
    print(i, x)
for i, x in enumerate([], 5):
    print("never")
else:
    print("empty enumerate else")
for a, b in zip([1, 2, 3], "xy"):
    print(a, b)
for a, b in zip(range(3), range(10, 13)):
    if a == 1:
        continue
    print(a, b)
z = zip([1, 2], [3, 4])
for a, b in z:
    print(a, b, list(z))
for a, b in zip([1, 2], [3, 4], strict=True):
    print(a + b)
try:
    for a, b in zip([1, 2, 3], [1, 2], strict=True):
        print(a, b)
except ValueError as e:
    print("ValueError:", e)
try:
    for a, b in zip([1, 2], [3, 4], [5, 6]):
        print(a, b)
except ValueError as e:
    print("ValueError:", e)
it = enumerate("pq")
for i, c in it:
    print(i, c, next(it, None))
xs = [0, 0]
for xs[0], xs[1] in enumerate("uv"):
    print(xs)


def gen():
    yield 1
    yield 2
    return 3


for i, v in enumerate(gen()):
    print("gen", i, v)
for p, q in zip(gen(), gen()):
    print("zipgen", p, q)
print([i * x for i, x in enumerate([3, 4, 5])])
print({k: v for k, v in zip("ab", [1, 2])})

# float powers: the fast path and every case it leaves to the general one.
for base, exp in [(2.0, 0.5), (2.0, 3), (3, 0.5), (0.5, 2000.0), (1.0, 1e300), (2.0, -1.5),
                  (1e300, 0.5), (4, -0.5)]:
    print(base, exp, base ** exp)
for base, exp in [(2.0, 5000.0), (0.0, -1.0), (float("inf"), 2.0),
                  (float("nan"), 0.0), (-2.0, 2.0), (2.0, float("nan")), (10.0, 400)]:
    try:
        print(base, exp, base ** exp)
    except (OverflowError, ZeroDivisionError, ValueError) as e:
        print(base, exp, type(e).__name__, e)
x = 2.0
x **= 0.5
print(x)
y = 1.5
try:
    y **= 1e4
except OverflowError as e:
    print("OverflowError", e)

# augmented assignment of list items and plain numbers.
v = [1, 2.5, 7, "s", [1]]
v[0] += 1
v[1] -= 0.25
v[-3] *= 3
v[3] += "t"
v[4] += [2]
print(v)
v[0] += 9223372036854775807
print(v[0])
try:
    v[9] += 1
except IndexError as e:
    print("IndexError:", e)
v[True] = "bool index"
print(v[1])

v[2] += 1
print(v[2])
n = 5
n *= 3
n //= 2
n %= 4
print(n)
f = 7
f /= 2
print(f)
f += 1
f -= 0.5
f *= 2
print(f)

# int floor division by a positive, negative and zero divisor.
for a in (-7, 7, 0, -9223372036854775807 - 1):
    for b in (2, 3, -2):
        print(a // b, a % b, end=" ")
    print()
try:
    print(5 // (n - n))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

# comparisons of an int local with a constant.
k = 3
print(k == 3, k != 3, k == 4, k != 4)
k = 3.0
print(k == 3, k != 3)
k = "3"
print(k == 3, k != 3)

# print() follows sys.stdout when it is rebound.
print("before")
buf = io.StringIO()
saved = sys.stdout
sys.stdout = buf
print("into the buffer", 1, sep="|")
sys.stdout = saved
print("captured:", repr(buf.getvalue()))
from contextlib import redirect_stdout

with redirect_stdout(io.StringIO()) as b2:
    print("redirected")
print("captured:", repr(b2.getvalue()))
setattr(sys, "stdout", buf)
print("via setattr")
sys.stdout = saved
print("captured:", repr(buf.getvalue()))
