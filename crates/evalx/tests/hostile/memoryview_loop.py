# cpython: runs past 10 s
m = memoryview(b'ab' * (5 * 10**7))
while True:
    m.tobytes()
    m.hex()
    m == m[::1]
