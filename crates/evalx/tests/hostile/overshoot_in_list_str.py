# cpython: runs past 10 s
s = 'a' * 10**6
xs = [s[:-1] + 'b' for _ in range(64)]
while True:
    s in xs
