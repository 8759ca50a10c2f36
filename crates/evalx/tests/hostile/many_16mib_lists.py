# cpython: runs past 10 s
keep = []
for i in range(1000):
    keep.append([0] * (1 << 21))
