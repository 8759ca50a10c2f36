# cpython: runs past 10 s
xs = [str(i * 7919 % 1000003) for i in range(10**6)]
while True:
    sorted(xs, key=str.lower)
