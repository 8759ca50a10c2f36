# cpython: runs past 10 s
print(max(iter(range(10**18))))
