# cpython: runs past 10 s
s = '\xe9' * (5 * 10**7)
while True:
    s.upper()
