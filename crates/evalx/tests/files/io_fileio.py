# io.FileIO: raw binary files through the same open() the host's file policy guards.
import io

with io.FileIO('raw.bin', 'w') as f:
    print(f.mode, f.name, f.writable(), f.readable(), f.write(b'hello\nworld\n'), f.tell())
print(f.closed, repr(f))
f = io.FileIO('raw.bin')
print(f.mode, f.readable(), f.writable(), f.read(5), f.tell(), f.seek(0), f.readall())
buf = bytearray(3)
f.seek(6)
print(f.readinto(buf), bytes(buf), list(io.FileIO('raw.bin')))
try:
    f.write(b'x')
except io.UnsupportedOperation as e:
    print('UnsupportedOperation:', e)
f.close()
try:
    f.read()
except ValueError as e:
    print('ValueError:', e)
g = io.FileIO('raw.bin', 'r+')
print(g.mode, g.readable(), g.writable())
g.close()
a = io.FileIO('raw.bin', 'a')
print(a.mode, a.write(b'!'))
a.close()
print(open('raw.bin', 'rb').read())
try:
    io.FileIO('missing.bin')
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno)
for bad in ['rw', 'z', 'rt']:
    try:
        io.FileIO('raw.bin', bad)
    except ValueError as e:
        print('ValueError:', e)
print(isinstance(io.FileIO('raw.bin'), io.RawIOBase))
with open('raw.bin', encoding=io.text_encoding(None)) as f:
    print(repr(f.read()))
