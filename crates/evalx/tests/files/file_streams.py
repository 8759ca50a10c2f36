# The file objects of open() are io's classes and share its stream protocol.
import io
open('b.txt', 'w').close()
with open('a.txt', 'w') as f:
    print(type(f).__name__, isinstance(f, io.TextIOWrapper), isinstance(f, io.TextIOBase), isinstance(f, io.IOBase))
    for i in range(1000):
        f.write(str(i) + '\n')
    f.writelines(['x\n', 'y\n'])
print(f.closed)
with open('a.txt', 'rb') as g:
    print(type(g).__name__, isinstance(g, io.BufferedIOBase), isinstance(g, io.BufferedReader), isinstance(g, io.TextIOBase))
    print(g.readline(), len(g.readlines()))
with open('a.txt', 'ab') as h:
    print(type(h).__name__, h.writable(), h.readable())
with open('a.txt', 'r+b') as h:
    print(type(h).__name__, h.read(4))
f = open('a.txt')
print(next(f), next(iter(f)), f.isatty(), f.readable(), f.writable(), f.seekable())
print(len(list(f)), f.readlines())
f.close()
f.close()
for name in ('read', 'readline', 'readlines', 'tell', 'isatty', 'readable', 'writable', 'seekable', 'flush', '__iter__', '__enter__'):
    try:
        getattr(f, name)()
        print(name, 'ok')
    except ValueError as e:
        print(name, type(e).__name__, e)
try:
    f.writelines(['a'])
except ValueError as e:
    print('writelines', e)
for m in ('r', 'rb', 'wb', 'r+b', 'w', 'a', 'ab'):
    f = open('b.txt', m)
    f.close()
    seen = []
    for name in ('read', 'readline', 'readlines', 'tell', 'isatty', 'readable', 'writable', 'seekable', 'flush',
                 '__iter__', '__enter__', '__next__', 'truncate', 'seek', 'write'):
        args = (0,) if name == 'seek' else (b'x' if 'b' in m else 'x',) if name == 'write' else ()
        try:
            getattr(f, name)(*args)
            seen.append(name + ':ok')
        except ValueError as e:
            seen.append(name + ':' + str(e))
    print(m, seen)
print(io.open is open)
