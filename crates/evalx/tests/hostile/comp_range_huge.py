# cpython: runs past 10 s
x = [i for i in range(10**18)]
