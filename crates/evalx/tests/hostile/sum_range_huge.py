# cpython: runs past 10 s
print(sum(range(10**18)))
