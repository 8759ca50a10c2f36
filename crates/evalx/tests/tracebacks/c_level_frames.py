import functools, itertools

@functools.lru_cache(maxsize=None)
def fact(n):
    if n == 0:
        return 1 // n
    return n * fact(n - 1)

def step(acc, x):
    return acc + fact(x)

def total(xs):
    keyed = functools.partial(step)
    return functools.reduce(keyed, itertools.islice(xs, 3), 0)

total(itertools.count(2))
