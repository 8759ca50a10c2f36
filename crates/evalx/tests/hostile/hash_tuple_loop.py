# cpython: runs past 10 s
t = tuple(range(10**7))
while True:
    hash(t)
