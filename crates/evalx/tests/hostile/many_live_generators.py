# cpython: runs past 10 s
gens = []
while True:
    g = (x for x in range(3))
    next(g)
    gens.append(g)
