# cpython: runs past 10 s
b = b'ab' * (5 * 10**7)
while True:
    b.hex()
