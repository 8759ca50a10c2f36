# cpython: runs past 10 s
x = [0] * 10**7
while True:
    x.count(1)
