# cpython: runs past 10 s
print(''.join(str(x) for x in range(10**18)))
