import io
from io import StringIO, BytesIO
# the class hierarchy programs test against
for obj in (StringIO(), BytesIO()):
    print(type(obj).__name__, isinstance(obj, io.IOBase), isinstance(obj, io.TextIOBase),
          isinstance(obj, io.BufferedIOBase), isinstance(obj, io.RawIOBase))
print(issubclass(io.StringIO, io.TextIOBase), issubclass(io.BytesIO, io.IOBase), io.open is open)
print(io.StringIO.__name__, io.TextIOWrapper.__name__, io.BufferedReader.__name__)
# many small writes stay linear
s = StringIO()
for i in range(100000):
    s.write(str(i))
v = s.getvalue()
print(len(v), v[:12], v[-12:], s.tell())
s.seek(3)
s.write('--')
print(s.getvalue()[:10], s.tell(), s.read(4))
s.write('end')
print(s.getvalue()[:14])
b = BytesIO()
for i in range(50000):
    b.write(str(i).encode() + b',')
b.write(bytearray(b'BA'))
b.write(memoryview(b'MV'))
print(len(b.getvalue()), b.getvalue()[-12:], b.tell())
b.seek(0)
print(b.read(6), b.readline()[:8])
# closed streams, each message as CPython words it
for mk in (StringIO, BytesIO):
    f = mk()
    f.close()
    f.close()
    for name in ('read', 'getvalue', 'tell', 'readable', 'writable', 'seekable', 'flush', 'isatty', 'readline', '__iter__', '__enter__'):
        try:
            getattr(f, name)()
            print(mk.__name__, name, 'ok')
        except ValueError as e:
            print(mk.__name__, name, type(e).__name__, e)
# the protocol methods come from IOBase
s = StringIO('x\ny\n')
print(s.readlines(), s.readable(), s.writable(), s.seekable(), s.isatty())
try:
    s.fileno()
except io.UnsupportedOperation as e:
    print('fileno', type(e).__name__, e)
with StringIO('abc') as t:
    print(t.read(1), t.closed)
print(t.closed)
s = StringIO()
s.writelines(['a\n', 'b\n'])
s.seek(0)
print([line for line in s])
b = BytesIO(b'12345')
print(b.seek(-2, 2), b.read(), b.seek(10), b.write(b'Z'), b.getvalue())
print(b.truncate(3), b.getvalue(), b.tell())
