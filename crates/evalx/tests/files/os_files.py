import os
print(os.getcwd() == os.path.abspath('.'))
with open('a.txt', 'w') as f:
    print(f.write('hello\nworld\r\nx'))
    print(f.name, f.mode, f.closed)
print(f.closed)
print(repr(open('a.txt').read()))
print(open('a.txt', newline='').readlines())
print(open('a.txt', 'rb').read())
with open('a.txt', 'a') as f:
    f.write('\nmore')
for line in open('a.txt'):
    print(repr(line))
try:
    open('missing.txt')
except FileNotFoundError as e:
    print(e, e.errno, e.strerror, e.filename)
try:
    open('a.txt', 'x')
except FileExistsError as e:
    print(e)
os.mkdir('d')
try:
    open('d')
except IsADirectoryError as e:
    print(e)
os.makedirs('d/e/f', exist_ok=True)
open('d/e/f/g.bin', 'wb').write(b'\x00\x01')
print(sorted(os.listdir('.')))
for root, dirs, files in os.walk('.'):
    print(root, sorted(dirs), sorted(files))
print(os.path.getsize('a.txt'), os.path.isfile('a.txt'), os.path.isdir('d'), os.path.exists('nope'))
os.rename('a.txt', 'b.txt')
print(os.path.exists('a.txt'), os.path.exists('b.txt'))
os.remove('b.txt')
print(os.path.join('a', 'b', '/c', 'd'), os.path.split('/a/b/'), os.path.splitext('x.tar.gz'), os.path.normpath('a//b/../c/.'))
print(os.path.relpath('/a/b/c', '/a/x'), os.path.commonpath(['/a/b/c', '/a/b/d']), os.path.commonprefix(['abc', 'abd']))
print(os.sep, os.name, os.curdir, os.pardir, os.linesep == '\n', os.path.basename('/x/y.txt'), os.path.dirname('/x/y.txt'))
with open('t.txt', 'w+') as f:
    f.write('abc')
    f.seek(0)
    print(f.read(), f.tell())
st = os.stat('t.txt')
print(st.st_size, oct(st.st_mode))
try:
    os.rmdir('d')
except OSError as e:
    print(type(e).__name__, e)
with os.scandir('d') as it:
    for e in it:
        print(e.name, e.is_dir(), e.is_file())
print(os.getenv('X', 'dflt'))
