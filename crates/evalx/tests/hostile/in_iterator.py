# cpython: runs past 10 s
print(-1 in iter(range(10**18)))
