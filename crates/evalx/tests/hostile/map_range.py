# cpython: runs past 10 s
x = list(map(abs, range(10**18)))
