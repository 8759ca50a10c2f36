# cpython: runs past 10 s
s = 'a' * 10**8
while True:
    t = s + s
