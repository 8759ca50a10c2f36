# cpython: runs past 10 s
print(sum(x for x in range(10**18)))
