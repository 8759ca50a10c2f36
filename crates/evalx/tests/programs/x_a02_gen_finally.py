def g():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")
for x in g():
    print(x)
def h():
    yield from range(3)
    return 9
it = h()
print(list(it))
def counter(n):
    i = 0
    while i < n:
        got = yield i
        if got:
            i = got
        else:
            i += 1
c = counter(10)
print(next(c), c.send(5), next(c), next(c))
print(sum(x * x for x in range(10) if x % 2), max((len(w), w) for w in "a bb ccc".split()))
