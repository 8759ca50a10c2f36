# os errors and the exceptions' attributes.
import os
for fn, args in ((os.remove, ('missing',)), (os.rmdir, ('missing',)), (os.listdir, ('missing',)),
                 (os.stat, ('missing',)), (os.mkdir, ('.',)), (os.rename, ('missing', 'b')),
                 (os.chdir, ('missing',))):
    try:
        fn(*args)
    except OSError as e:
        print(fn.__name__, type(e).__name__, e.errno, e.strerror, e.filename)
os.mkdir('d')
open('d/f', 'w').close()
for fn, arg in ((os.remove, 'd'), (os.rmdir, 'd/f'), (os.listdir, 'd/f')):
    try:
        fn(arg)
    except OSError as e:
        print(type(e).__name__, e)
try:
    os.makedirs('d')
except FileExistsError as e:
    print(e)
os.makedirs('d', exist_ok=True)
os.makedirs('d/x/y/z')
os.removedirs('d/x/y/z')
print(sorted(os.listdir('d')))
os.chdir('d')
print(os.path.basename(os.getcwd()), os.listdir())
open('g', 'w').write('12345')
os.chdir('..')
print(os.path.getsize('d/g'), os.stat('d/g').st_size, os.path.exists('d/g'))
os.replace('d/g', 'd/f')
print(os.listdir('d'), open('d/f').read())
e = OSError(2, 'No such file or directory', 'x')
print(e, e.errno, e.filename, repr(OSError('plain')), str(OSError(1, 'one')))
print(issubclass(FileExistsError, OSError), issubclass(IsADirectoryError, OSError), issubclass(NotADirectoryError, OSError))
print(os.path.join('a', ''), os.path.split('a'), os.path.split('/'), os.path.splitext('.bashrc'), os.path.splitext('a/b.c/d'))
print(os.path.normpath('/../a/./b/'), os.path.normpath(''), os.path.normpath('a/../..'), os.path.isabs('/x'), os.path.isabs('x'))
print(os.path.relpath('a/b', 'a'), os.path.relpath('a', 'a/b/c'), os.path.expanduser('x'), os.path.dirname('a'), os.path.basename('a/'))
try:
    os.path.commonpath(['/a', 'b'])
except ValueError as e:
    print(e)
print(os.fspath('x'), os.fsencode('x'), os.path.join(b'a', b'b'))
