# bytearray and memoryview paths that work in place (no list of ints per byte), bytes.fromhex,
# int.from_bytes: tests/sandbox.rs compares evalx's output with sandbox_bytes.expected (CPython 3.11's).
b = bytearray(b'abcdefgh')
b[1:3] = b'XYZW'
print(b)
del b[::2]
print(b)
b[5:1] = b'Q'
print(b)
b[::-2] = b'123'
print(b)
del b[-1:0:-3]
print(b)
try:
    b[::2] = b'x'
except ValueError as e:
    print(e)
print(b[::-1], b[1], b[-2:], list(b[:3]), sum(b), b'Z' in b, 90 in b, b.find(b'Q'))
b.insert(0, 65)
b.append(66)
print(b.pop(0), b.pop(), b.remove(b[1]), b)
try:
    b.remove(200)
except ValueError as e:
    print(e)
c = bytearray(b'xyz')
c += b'123'
c.extend(b'!')
c[len(c):] = b'??'
print(c, c * 2, c + b'.', b'.' + c, c == b'xyz123!??', c < b'y', repr(c))
c.reverse()
print(c, c.upper(), c.split(b'3'), c.copy() is c, [x for x in c][:3])
print(bytes.fromhex('ab cd\tef'), bytearray.fromhex(' 01 '))
for t in ['ab c', 'zz', '0\u00e9']:
    try:
        bytes.fromhex(t)
    except ValueError as e:
        print(e)
m = memoryview(b'abcdef')
print(m[1], m[::2].tobytes(), m[-1], m == b'abcdef', list(m[:2]), m.hex(), len(m[::-2]))
w = bytearray(b'0123456789')
v = memoryview(w)
v[::3] = b'abcd'
print(w, v[2:5].tolist(), v[1], hash(memoryview(b'ab')) == hash(b'ab'))
print(int.from_bytes(b'\x01\x00', 'big'), int.from_bytes(bytearray(b'\xff'), 'little', signed=True))
z = bytes(2**21)
y = bytearray(2**21)
print(len(z), z.count(0), z[-1], len(y), y.count(0), bytearray(3), bytes(3), bytes(bytearray(b'ab')), bytes(memoryview(b'cd')))
y[-1] = 7
print(y[-2:], (b'x' * (2**20 + 3))[-4:], len(b'ab' * 2**20), (b'a' * 2**20 + b'b')[-2:], len('ab' * 2**20 + 'c'))
