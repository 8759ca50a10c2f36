# cpython: runs past 10 s
s = 'ab' * (5 * 10**7)
while True:
    bytes.fromhex(s)
