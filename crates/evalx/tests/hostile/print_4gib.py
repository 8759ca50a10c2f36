# cpython: runs past 10 s
s = 'x' * (1 << 20)
for i in range(4096):
    print(s)
