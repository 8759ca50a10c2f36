import struct
print(struct.pack('<i', -2), struct.pack('>HhB', 513, -2, 255), struct.pack('<q', 2**62), struct.pack('!d', 1.5), struct.pack('<f', 0.1), struct.pack('>e', 1.5), struct.pack('<e', 65504.0), struct.pack('<e', 1e-6))
print(struct.pack('@bi', 1, 2), struct.pack('<bi', 1, 2), struct.pack('5s', b'abc'), struct.pack('3s', b'abcdef'), struct.pack('5p', b'abc'), struct.pack('?c', True, b'z'), struct.pack('<3x2h', 1, 2))
print(struct.unpack('<i', b'\xfe\xff\xff\xff'), struct.unpack('>HhB', b'\x02\x01\xff\xfe\xff'), struct.unpack('<f', struct.pack('<f', 0.1)), struct.unpack('>e', b'\x3e\x00'), struct.unpack('<d', struct.pack('<d', -2.5e300)))
print(struct.unpack('5s', b'abc\x00\x00'), struct.unpack('5p', b'\x03abc\x00'), struct.unpack('<?c', b'\x01z'), struct.calcsize('@bhiq'), struct.calcsize('<bhiq'), struct.calcsize('@cd'), struct.calcsize('P'), struct.calcsize('10s'))
s = struct.Struct('<hI')
print(s.size, s.format, s.pack(-1, 7), s.unpack(b'\xff\xff\x07\x00\x00\x00'), list(struct.iter_unpack('<h', b'\x01\x00\x02\x00\x03\x00')))
buf = bytearray(8)
struct.pack_into('<hh', buf, 2, 5, 6); print(buf, struct.unpack_from('<h', buf, 4), struct.unpack_from('<h', buf, offset=2))
for f, a in [('b', 200), ('B', 300), ('h', 40000), ('H', -1), ('<i', 2**31), ('<I', -1), ('@l', 2**64), ('<q', 2**63), ('Q', -1), ('e', 1e10), ('f', 1e300), ('<f', 1e300), ('i', 'x'), ('f', 'x'), ('c', b'ab'), ('s', 'x')]:
    try:
        struct.pack(f, a)
    except (struct.error, OverflowError) as e:
        print(f, type(e).__name__, e)
for c in [lambda: struct.pack('ii', 1), lambda: struct.unpack('i', b'12'), lambda: struct.pack('z', 1), lambda: struct.calcsize('3'), lambda: struct.unpack_from('i', b'12', 1), lambda: struct.pack_into('i', bytearray(2), 0, 1), lambda: struct.iter_unpack('i', b'123')]:
    try:
        print(c())
    except struct.error as e:
        print(type(e).__name__, e)
print(struct.pack('<e', float('inf')), struct.unpack('<e', b'\x00\x7c'), struct.pack('<d', float('-inf')), struct.unpack('<Q', struct.pack('<d', 1.0)), struct.pack('>i', True))
