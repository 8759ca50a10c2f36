# cpython: runs past 10 s
x = 10 ** 10 ** 8
