# open(): modes, newlines, encodings, positions and CPython's errors.
import io

with open('n.txt', 'w', newline='') as f:
    f.write('a\r\nb\rc\nd')
for nl in (None, '', '\n', '\r', '\r\n'):
    with open('n.txt', newline=nl) as f:
        print(repr(nl), f.readlines())
print(open('n.txt', 'rb').read())
with open('w.txt', 'w', newline='\r\n') as f:
    f.writelines(['x\n', 'y\n'])
print(open('w.txt', 'rb').read())

with open('u.txt', 'w', encoding='utf-8') as f:
    print(f.write('héllo €\n'))
    print(f.tell())
print(open('u.txt', 'rb').read())
print(open('u.txt', encoding='latin-1').read())
print(open('u.txt', encoding='ascii', errors='replace').read())
try:
    open('u.txt', encoding='ascii').read()
except UnicodeDecodeError as e:
    print(type(e).__name__)

with open('b.bin', 'wb') as f:
    f.write(b'0123456789')
with open('b.bin', 'r+b') as f:
    f.seek(3)
    f.write(b'xy')
    f.seek(-2, 2)
    print(f.read(), f.tell())
    f.seek(0)
    print(f.read(4), f.tell())
print(open('b.bin', 'rb').read())
with open('b.bin', 'ab') as f:
    f.write(b'!')
with open('b.bin', 'a+b') as f:
    f.seek(0)
    print(f.read())
with open('t.txt', 'w+') as f:
    f.write('line1\nline2\n')
    f.seek(0)
    print(f.readline(), end='')
    print(list(f))
with open('t.txt') as f:
    print(f.read(3), f.read(2), repr(f.read()))
    print(f.read(), f.readline())
with open('t.txt', 'x' if False else 'r') as f:
    print(f.readable(), f.writable(), f.seekable())
    try:
        f.write('no')
    except io.UnsupportedOperation as e:
        print('UnsupportedOperation', e)
with open('t.txt', 'a') as f:
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print('UnsupportedOperation', e)
f = open('t.txt')
f.close()
print(f.closed)
try:
    f.read()
except ValueError as e:
    print(e)
for bad in ('rw', 'rr', 'bt', 'z', 'wb+t'):
    try:
        open('t.txt', bad)
    except ValueError as e:
        print(repr(bad), e)
try:
    open('t.txt', 'rb', encoding='utf-8')
except ValueError as e:
    print(e)
try:
    open('t.txt', 'w').write(b'x')
except TypeError as e:
    print(e)
try:
    open('t.txt', 'wb').write('x')
except TypeError as e:
    print(e)
with open('x.txt', 'x') as f:
    f.write('new')
try:
    open('x.txt', 'x')
except FileExistsError as e:
    print(e.errno, e)
try:
    open('nodir/x.txt', 'w')
except FileNotFoundError as e:
    print(e)
try:
    open('x.txt/y', 'w')
except NotADirectoryError as e:
    print(e)
except FileNotFoundError as e:
    print(e)
f = open('x.txt')
print(f.name, f.mode, f.encoding, type(f).__name__)
f.close()
g = open('x.txt', 'rb')
print(g.name, g.mode, type(g).__name__, repr(g))
g.close()
print(type(open('x.txt', 'wb')).__name__, type(open('x.txt', 'r+b')).__name__, open('x.txt', 'w+b').mode)
print(repr(open('x.txt', 'w')))
# Write-only files: appends, tell, seeks back and rewrites.
with open('log.txt', 'w') as f:
    for i in range(5):
        f.write('line %d\n' % i)
    print(f.tell())
    f.seek(0)
    f.write('LINE')
    print(f.tell())
with open('log.txt', 'a') as f:
    print(f.tell())
    f.write('end\n')
    print(f.tell())
with open('log.bin', 'wb') as f:
    f.write(b'abc')
with open('log.bin', 'ab') as f:
    print(f.tell(), f.write(b'de'), f.tell())
    f.seek(0)
    f.write(b'Z')
with open('log.bin', 'wb+') as f:
    f.write(b'12345')
    f.seek(1)
    f.write(b'x')
    f.seek(0)
    print(f.read())
    f.truncate(2)
print(open('log.txt').read(), open('log.bin', 'rb').read())
with open('e.txt', 'w') as f:
    f.seek(3)
    f.write('x')
print(open('e.txt', 'rb').read())
