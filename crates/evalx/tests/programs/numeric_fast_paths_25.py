"""The numeric and container fast paths of issue 25: a float against an int compared exactly at the edges
of 53 and 63 bits (no big ints made), int / int, float % and // (C's fmod, CPython's floor-division
steps), math.fmod's special values, array items through the exact-class path and a subclass's own
__getitem__/__setitem__, and set difference/intersection/min over presized tables (CPython's order)."""
import math
from array import array
vals_f = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0**53, 2.0**53+2, -2.0**53, 2.0**63, -2.0**63, 2.0**64, 1e300, -1e300,
          float('inf'), float('-inf'), float('nan'), 9007199254740993.0, 1.5, -1.5, 3.9999999999999996, 9.2e18, -9.2e18]
vals_i = [0, 1, -1, 2**53, 2**53+1, -(2**53)-1, 2**62, 2**63-1, -2**63, 9223372036854775806, 3, -3, 4, 9200000000000000000,
          -9200000000000000001, True, False, 2**64, -2**70]
out = []
for f in vals_f:
    for i in vals_i:
        out.append((f < i, f <= i, f > i, f >= i, f == i, f != i, i < f, i <= f, i > f, i >= f, i == f))
for f, row in zip(vals_f, [out[k:k + len(vals_i)] for k in range(0, len(out), len(vals_i))]):
    print(repr(f), ' '.join(''.join('1' if b else '0' for b in t) for t in row))
for a in [7, -7, 2**53-1, 2**53, 2**53+1, -(2**60), 10**18, 1, 0, 3]:
    for b in [3, -3, 2**53-1, 2**53+1, 7, -1, 10**17+3]:
        print(repr(a / b), end=' ')
print()
for x in [5.5, -5.5, 1e300, -1e-300, 0.0, -0.0, 7.0, 1e22, float('inf'), 2.0**60+1]:
    for y in [2.0, -2.0, 0.3, 1e-300, -7.0, 1e22, float('inf'), 3.0]:
        try:
            r = x % y
        except ZeroDivisionError as e:
            r = e
        try:
            q = x // y
        except ZeroDivisionError as e:
            q = e
        try:
            m = math.fmod(x, y)
        except ValueError as e:
            m = e
        print(repr(r), repr(q), repr(m), end='; ')
print()
for x in [10**30, -(10**30)]:
    print(1.5 < x, 1e40 > x, x % 7.5, float(x) % 3.0)
a = array('d', [1.0, 2.5, -3.0])
a[1] = 7
a[-1] = 2.25
print(a, a[0], a[-1], a[1])
try:
    a[3]
except IndexError as e:
    print('IndexError', e)
try:
    a[3] = 1.0
except IndexError as e:
    print('IndexError', e)
try:
    a['x']
except TypeError as e:
    print('TypeError', e)
b = array('i', [1, 2, 3])
b[0] = 40
try:
    b[1] = 1.5
except TypeError as e:
    print('TypeError', e)
try:
    b[1] = 2**40
except OverflowError as e:
    print('OverflowError', e)
print(b, b[::-1], b[1:])
class A(array):
    def __getitem__(self, i):
        return ('sub', array.__getitem__(self, i))
    def __setitem__(self, i, v):
        array.__setitem__(self, i, v * 2)
s = A('d', [1.0, 2.0])
s[0] = 5.0
print(s[0], s[1], s)
s = set(range(50)); t = frozenset([3, 7, 11, 40, 49])
for _ in range(3):
    d = s - t
    print(sorted(d)[:5], list(d)[:8], len(d), min(d), max(d), list(d & {1, 2, 3, 60, 8}), list(t & s))
    s = d
print(list({(i * 7919) % 101 for i in range(60)}))
print(min({5, 3, 9}), max(frozenset({-1.5, 2, 7.25})), sorted({'b', 'a'}), list(set()), min(set(), default=0))
x = {1, 2, 3}
print(list(x - {2}), list({'x', 'y'} - {'y'}), list({1, 2, 3, 4, 5, 6, 7, 8, 9, 10} & {2, 4, 6}))
for x in [-2.5, -0.1, -3.0, -1e-200, -7.25, 0.0, -0.0, 2.0]:
    for y in [2, 3, 2.0, 3.0, -2, -3, 0, 101, 1e20, -1e20, 0.5]:
        try:
            r = x ** y
        except Exception as e:
            r = type(e).__name__
        print(repr(r), end=' ')
    print()
