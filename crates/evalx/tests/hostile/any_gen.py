# cpython: runs past 10 s
print(any(x < 0 for x in range(10**18)))
