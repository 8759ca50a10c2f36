# cpython: runs past 10 s
x = 3 ** 10 ** 8
