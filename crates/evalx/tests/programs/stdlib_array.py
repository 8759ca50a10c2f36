# array.array: typecodes, constructors, items, slices, methods, operators and reprs.
import array
from array import array as A

print(array.typecodes, array.ArrayType is A, A)
for code in array.typecodes:
    a = A(code)
    print(code, a, a.typecode, a.itemsize, len(a))

print(A('b', [1, -2, 3]), A('B', b'abc'), A('h', (x * x for x in range(4))))
print(A('d', range(3)), A('f', [0.1, 2]), A('q', [-2**63, 2**63 - 1]), A('Q', [2**64 - 1]))
print(A('L', [2**64 - 1]), A('I', [2**32 - 1]), A('i', [True, False]))
print(A('u', 'hello'), A('u', 'x').itemsize, A('d', A('i', [1, 2])), A('i', A('i', [3])))
print(A('d', b'\x00\x00\x00\x00\x00\x00\xf0?'), A('f', [1e39, float('inf')]), A('d', [float('nan'), -0.0]))

a = A('i', [1, 2, 3])
a[0] = 7
a.append(4)
a.extend([5, 6])
a.extend(A('i', [10]))
a.insert(0, -1)
a.insert(100, 9)
a.insert(-100, 8)
print(a, len(a), a[0], a[-1], a[2:5], a[::-1], a[::3], a[10:])
print(a.pop(), a.pop(0), a.pop(-2), a)
print(a.count(2), a.index(2), a.index(5, 1), a.index(5, 1, 7), 5 in a, 99 in a, 2.0 in a)
a.remove(5)
a.reverse()
print(a, a.tolist(), list(a), sum(a), max(a), sorted(a))
b = A('i')
b.frombytes(a.tobytes())
print(a.tobytes()[:8], b, a == b, a != b, a < b, a <= b)
print(a + b, a * 2, 2 * a, a * 0, a * -3)
b += A('i', [100])
b *= 2
print(b)
del b[0]
del b[::2]
print(b)
del b[1:3]
print(b)

d = A('d', [1.5, 2.5, 3.0, 4.0])
d[1:3] = A('d', [9, 9, 9])
print(d)
d[::2] = A('d', [0, 0, 0])
print(d)
d[5:] = A('d', [7])
print(d)
d[:] = A('d')
print(d, bool(d), bool(A('b', [0])))

s = A('h', [1, 2, 3])
s.byteswap()
print(s, s.tobytes())
s.byteswap()
print(s)
f = A('f', [1.0, 2.5])
f.byteswap()
f.byteswap()
print(f)

u = A('u')
u.fromunicode('ab')
u.append('c')
print(u, u.tounicode(), u[0], u[1:], u + A('u', 'z'), u * 2, u.tolist())
l = A('l')
l.fromlist([1, 2, 3])
print(l, l.buffer_info()[1])

print(A('d', [1, 2]) == A('f', [1, 2]), A('b', [1, 2]) < A('b', [1, 3]), A('b', [1, 2]) < A('b', [1, 2, 0]))
print(A('d', [1]) > A('d', []), A('d', [1, 2]) == [1, 2], A('d', [float('nan')]) == A('d', [float('nan')]))
print(A('b', [1, 2]) >= A('B', [1, 2]), A('i', [3]) > A('q', [2, 9]))

import copy
c = A('f', [0.1])
c2 = copy.copy(c)
c2[0] = 2
c3 = copy.deepcopy(c)
print(c, c2, c3, c3 == c)

class Sub(A):
    def total(self):
        return sum(self)
s = Sub('i', [1, 2])
s.append(3)
print(s, type(s).__name__, len(s), s.total(), isinstance(s, A), s[1:], type(s[1:]).__name__)

for v in A('h', [5, 6]):
    print(v)
print(list(enumerate(A('b', [4, 5]))), list(reversed(A('b', [1, 2]))), str(A('d')), f"{A('b', [1])}")
print(A.append(A('b'), 1) is None, a.__len__(), a.__getitem__(0), a.__contains__(99))

# scimark's idioms: a zero-filled vector, copies, in-place float arithmetic
N = 8
x = A('d', [0]) * N
for i in range(N):
    x[i] = i * 0.5
y = A('d')
y[:] = x[:]
for i in range(N):
    y[i] += 1.0
    y[i] *= 2
print(x, y, y[3] - x[3])
