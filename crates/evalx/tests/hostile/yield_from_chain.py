# cpython: error: RecursionError
def chain(n):
    if n == 0:
        yield 1
    else:
        yield from chain(n - 1)


print(sum(chain(100000)))
