# cpython: runs past 10 s
b = bytearray(b'x')
while True:
    b += bytes(b)
