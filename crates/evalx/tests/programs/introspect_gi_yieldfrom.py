def inner():
    yield 1
    yield 2
def outer():
    yield 0
    yield from inner()
    yield 3
g = outer()
print(g.gi_yieldfrom)
next(g)
print(g.gi_yieldfrom)
next(g)
print(type(g.gi_yieldfrom).__name__, g.gi_yieldfrom.__name__, g.gi_frame.f_lineno)
next(g); next(g)
print(g.gi_yieldfrom, g.gi_frame.f_lineno, sorted(g.gi_frame.f_locals))
def w(it):
    x = yield from it
    return x
h = w(iter([5, 6]))
next(h)
print(type(h.gi_yieldfrom).__name__)
