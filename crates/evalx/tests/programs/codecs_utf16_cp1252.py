import random
cases = [(b'a', 'utf-16'), (b'\xff\xfea', 'utf-16'), (b'\x00\xd8a\x00', 'utf-16-le'), (b'\x00\xd8', 'utf-16-le'),
         (b'\x00\xdc\x00\x00', 'utf-16-le'), (b'ab', 'utf-16-be'), (b'\x00\xd8\x00\xd8', 'utf-16-le'),
         (b'\x00\xd8\x00', 'utf-16-le'), (b'\x00\xd8\x00\xdc\x00', 'UTF_16LE'), (b'abc', 'utf-32'),
         (b'\x00\x00\x11\x00', 'utf-32-le'), (b'\x00\xd8\x00\x00', 'utf-32-le'), (b'\x81', 'cp1252'),
         (b'\x80\x9f\x8d', 'windows-1252'), (b'\xef\xbb\xbfhi', 'utf-8-sig'), (b'hi', 'utf-8-sig'),
         (b'\xfe\xff\x00a', 'utf-16'), (b'\xff\xfe\x00\x00a\x00\x00\x00', 'utf-32'), (b'\x00\x00\xfe\xff\x00\x00\x00b', 'U32'),
         (b'\xef\xbb\xbf\xff', 'utf-8-sig')]
for b, e in cases:
    for h in ('strict', 'replace', 'ignore', 'backslashreplace'):
        try:
            print(e, h, repr(b.decode(e, h)))
        except Exception as x:
            print(e, h, type(x).__name__, x)
for s, e in [('a€😀', 'utf-16'), ('a€😀', 'utf-16-be'), ('a€😀', 'utf_16_le'), ('a€😀', 'utf-32'), ('a€', 'utf-32-be'),
             ('a€', 'utf-8-sig'), ('a€ÿ', 'cp1252'), ('aĀ', 'cp1252'), ('\x81', 'cp1252'), ('é€', 'ascii'), ('é€', 'latin-1')]:
    for h in ('strict', 'replace', 'xmlcharrefreplace', 'backslashreplace', 'ignore'):
        try:
            print(e, h, s.encode(e, h))
        except Exception as x:
            print(e, h, type(x).__name__, x)
        try:
            print(' round trip', s.encode(e, h).decode(e, 'replace') )
        except Exception as x:
            print(' ', type(x).__name__, x)
try:
    b'\xff'.decode('utf-8', 'xmlcharrefreplace')
except TypeError as x:
    print(x)
rng = random.Random(7)
alphabet = [0, 0xd8, 0xdc, 0xdf, 0xff, 0xfe, 0x41, 0x80, 0x81, 0x11, 0x00, 0xc3, 0xa9, 0xe2, 0x82]
for i in range(400):
    b = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 9)))
    e = rng.choice(['utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be', 'cp1252', 'utf-8', 'utf-8-sig', 'ascii'])
    h = rng.choice(['strict', 'replace', 'ignore', 'backslashreplace'])
    try:
        r = repr(b.decode(e, h))
    except UnicodeDecodeError as x:
        r = 'UnicodeDecodeError ' + str(x)
    print(i, b, e, h, r)
