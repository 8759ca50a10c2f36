b = b'Hello World \xff\x85 abc\t'
print(sorted(n for n in dir(bytes) if not n.startswith('_')))
print(b.capitalize(), b.swapcase(), b.title(), b'hello wORLD'.title(), b.center(30, b'*'), b.ljust(28), b.rjust(28, b'-'))
print(b'42'.zfill(5), b'-42'.zfill(5), b'a\tb\tc'.expandtabs(4), b.count(b'l'), b.count(108), b.find(b'o', 5), b.rfind(b'o'), b.index(b'W'), b.rindex(b'l'))
print(b.partition(b' '), b.rpartition(b' '), b.replace(b'l', b'L', 2), b'\xff\xfe'.replace(b'\xff', b'\x00'), b.removeprefix(b'Hel'), b.removesuffix(b'\t'))
print(b.split(), b.split(maxsplit=1), b.rsplit(None, 1), b.split(b' '), b.rsplit(b' ', 1), b'a\x1cb'.split(), b'  x  '.split(), b''.split())
print(b.strip(), b.lstrip(), b.rstrip(), b'xxaxx'.strip(b'x'), b'xxaxx'.lstrip(b'x'), b'\xa0a\xa0'.strip(), b'a\x85'.rstrip())
print(b'a\nb\r\nc\rd\x85e'.splitlines(), b'a\nb\r\n'.splitlines(True), b'a\nb'.splitlines(keepends=True))
print(b'abc'.isalpha(), b'ab1'.isalnum(), b'12'.isdigit(), b' \t'.isspace(), b'\xff'.isascii(), b'abc'.islower(), b'ABC'.isupper(), b'Ab Cd'.istitle(), b''.isalpha(), b'\xe9'.isalpha())
t = bytes.maketrans(b'abc', b'xyz')
print(len(t), b'aabbcc'.translate(t), b'aabbcc'.translate(None, b'b'), b'abc'.translate(t, delete=b'c'), bytes.fromhex('61 62ff'), b''.fromhex('00'))
print(b.startswith((b'x', b'He')), b.endswith(b'\t'), b.startswith(b'World', 6), bytearray(b'abc').zfill(5), bytearray(b'a b').split(), bytearray(b'ab').title())
for f in [lambda: b.find('a'), lambda: b.count(300), lambda: bytes.maketrans(b'a', b'bc'), lambda: b'ab'.translate(b'x'),
          lambda: bytes.fromhex('6g'), lambda: b.index(b'zz'), lambda: b.split(b'')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
