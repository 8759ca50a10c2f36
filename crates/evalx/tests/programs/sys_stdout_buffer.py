import sys
sys.stdout.buffer.write(b'bytes out\n')
sys.stdout.buffer.write(bytearray(b'ba\n'))
print(sys.stdout.buffer.write(b'caf\xc3\xa9\n'))
sys.stdout.buffer.flush()
sys.stdout.write('text\n')
try:
    sys.stdout.buffer.write('str')
except TypeError as e:
    print(e)
print(repr(sys.stdin), repr(sys.stdout)[:30])
