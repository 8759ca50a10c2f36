# cpython: stdout: 1000000 1000000\n
# evalx: --max-memory 2G --max-time 60
def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1
gens = [counter(3) for _ in range(1000000)]
for g in gens:
    next(g)
exprs = [(x for x in range(3)) for _ in range(1000000)]
for g in exprs:
    next(g)
print(sum(next(g) for g in gens), sum(next(g) for g in exprs))
