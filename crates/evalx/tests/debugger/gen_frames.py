def numbers():
    x = 1
    breakpoint()
    yield x
    y = x + 1
    yield y


def consume():
    g = numbers()
    first = next(g)
    second = next(g)
    return first + second


print(consume())
