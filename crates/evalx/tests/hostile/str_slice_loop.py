# cpython: runs past 10 s
s = 'ab' * 10**8
while True:
    t = s[1:]
