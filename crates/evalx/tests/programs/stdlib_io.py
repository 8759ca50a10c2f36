import io
from io import StringIO, BytesIO
s = StringIO()
print(s.write('hello\n'), s.write('world\n'), s.tell())
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.read()), repr(s.read()), s.tell())
s = StringIO('a\nb\nc')
print(list(s), s.readlines())
s.seek(0); print(s.readlines(), s.seek(2), repr(s.read(1)), repr(s.readline(0)))
s = StringIO('abcdef'); s.seek(2); s.write('XY'); print(s.getvalue(), s.tell(), s.truncate(), s.getvalue())
print('x', 1, sep=',', file=(out := StringIO())); print(repr(out.getvalue()))
with StringIO('q') as f:
    print(f.read(), f.closed)
print(f.closed)
for bad in [lambda: f.read(), lambda: StringIO().write(5), lambda: StringIO(5), lambda: StringIO().seek(-1), lambda: StringIO('ab').seek(1, 1)]:
    try:
        bad()
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, e)
b = BytesIO(b'xyz')
print(b.read(2), b.read(), b.write(b'!!'), b.getvalue(), b.seek(0), b.readline())
try:
    b.write('s')
except TypeError as e:
    print(e)
print(io.SEEK_END, issubclass(io.UnsupportedOperation, ValueError))
s = StringIO()
s.writelines(['a', 'b']); s.seek(5); s.write('z'); print(repr(s.getvalue()))
