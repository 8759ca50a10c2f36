import array
m = memoryview(b'abcdef')
print(len(m), m[0], m[-1], m[1:4].tobytes(), m[::2].tolist(), m[::-1].tobytes(), m.format, m.itemsize, m.nbytes, m.readonly)
print(m.shape, m.strides, m.ndim, m[::2].strides, m.obj, m == b'abcdef', m[1:3] == b'bc', m != b'x', m.hex(), bytes(m[2:]))
print(hash(m) == hash(b'abcdef'), list(m[:3]), m.c_contiguous, m[::2].contiguous, m.tolist()[:2])
ba = bytearray(b'hello')
v = memoryview(ba)
v[0] = ord('j')
v[1:3] = b'EL'
print(ba, v.readonly, v.tobytes(), bytes(v))
ba[4] = ord('O')
print(v[4], v.tolist())
c = v.cast('c')
print(c[0], c.format, c.tolist())
h = memoryview(bytearray(b'abcdef')).cast('H')
print(h.tolist(), h.itemsize, h.nbytes, len(h), h.format)
g = memoryview(bytearray(range(6))).cast('B', [2, 3])
print(g.tolist(), g.shape, g.strides, g.ndim)
a = array.array('i', [1, 2, 3])
am = memoryview(a)
print(am.format, am.itemsize, am.tolist(), am[1], len(am), am.nbytes)
am[1] = 20
print(a, am.cast('B').tolist()[:8])
with memoryview(b'xyz') as w:
    print(w[1])
print(w.released if hasattr(w, 'released') else None)
for f in [lambda: w[0], lambda: len(w), lambda: memoryview('str'), lambda: memoryview(5), lambda: m.__setitem__(0, 1),
          lambda: hash(v), lambda: v.__setitem__(0, 300), lambda: v.__setitem__(slice(0, 2), b'abc'), lambda: m[10],
          lambda: v.cast('H'), lambda: m.cast('x'), lambda: m.cast('B', [4]), lambda: g[0], lambda: v.__delitem__(0),
          lambda: memoryview(array.array('d', [1.5, 2.5])).tolist(), lambda: memoryview(m).tobytes(),
          lambda: memoryview(b'ab').toreadonly().readonly, lambda: memoryview(bytearray(b'ab')).toreadonly().readonly]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(type(m).__name__, isinstance(m, memoryview), repr(w).startswith('<released memory at 0x'), repr(m).startswith('<memory at 0x'))
