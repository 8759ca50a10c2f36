# cpython: runs past 10 s
b = bytearray(b'ab' * (5 * 10**7))
while True:
    b.upper()
    b.find(b'abc')
    b'abc' in b
    b[1:]
