def g():
    yield 1 / 0


list(g())
