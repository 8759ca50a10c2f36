# cpython: runs past 10 s
x = [0]
while True:
    x.extend(x)
