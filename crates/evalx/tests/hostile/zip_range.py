# cpython: runs past 10 s
for a, b in zip(range(10**18), range(10**18)):
    pass
