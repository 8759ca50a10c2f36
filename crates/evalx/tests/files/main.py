ro, rw = 'ro', 'rw'
with open(ro + '/data.txt') as f:
    print(repr(f.read()), f.closed, f.name, f.mode, f.encoding, type(f).__name__)
print(f.closed)
f = open(ro + '/data.txt')
print(f.readline(), end='')
print(f.readlines())
f.close()
for line in open(ro + '/data.txt', newline=''):
    print(repr(line))
with open(ro + '/data.bin', 'rb') as f:
    print(f.read(2), f.read(), type(f).__name__, f.tell())
with open(rw + '/out.txt', 'w') as f:
    print(f.write('hello\n'), f.write('wörld\n'), f.writable(), f.readable())
print(open(rw + '/out.txt').read())
with open(rw + '/out.txt', 'a') as f:
    f.write('more\n')
print(open(rw + '/out.txt', 'rb').read())
with open(rw + '/out.bin', 'wb') as f:
    f.write(b'\x00\xff')
    f.write(bytearray(b'ab'))
print(open(rw + '/out.bin', 'rb').read())
with open(rw + '/out.txt', 'r+') as f:
    f.seek(0)
    f.write('J')
print(open(rw + '/out.txt').read())
checks = [lambda: open(ro + '/missing.txt'), lambda: open(ro), lambda: open(ro + '/data.txt', 'z'),
          lambda: open(ro + '/data.txt', 'rw'), lambda: open(ro + '/data.txt', 'rb', encoding='utf-8'),
          lambda: open(rw + '/out.txt', 'x'), lambda: open(ro + '/data.txt').write('x'),
          lambda: open(rw + '/out.bin', 'wb').read(), lambda: open(rw + '/out.txt', 'w').write(b'x'),
          lambda: open(3.5), lambda: open(ro + '/data.txt', 'rbt')]
for c in checks:
    try:
        c()
    except Exception as e:
        print(type(e).__name__, e)
f = open(ro + '/data.txt')
f.close()
try:
    f.read()
except ValueError as e:
    print('ValueError', e)
e = FileNotFoundError(2, 'No such file or directory', 'x')
print(e.errno, e.strerror, e.filename, e.args, str(e), repr(OSError('plain')), OSError('plain').errno)
