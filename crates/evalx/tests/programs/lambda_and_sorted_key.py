pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]), list(map(lambda p: p[0] * 2, pairs)))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
print(compose(inc, inc)(0), (lambda *a, **k: (a, k))(1, b=2), (lambda a, b=2: a + b)(1))
