# cpython: runs past 10 s
x = 1 << 30_000_000
while True:
    x = x * x + 1
