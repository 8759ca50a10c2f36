# cpython: runs past 10 s
b = b'\xff' * (4 * 10**6)
while True:
    int.from_bytes(b, 'big')
