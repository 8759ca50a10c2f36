# cpython: runs past 10 s
xs = list(range(10**7))
while True:
    set(xs)
    frozenset(xs)
    dict.fromkeys(xs)
