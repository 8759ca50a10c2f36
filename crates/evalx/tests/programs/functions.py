def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=8, e=9))
print(f(*[1, 2], **{"c": 3, "z": 0}))
def g(x, /, y):
    return x + y
print(g(1, y=2), g(1, 2))
try:
    g(x=1, y=2)
except TypeError as e:
    print(e)
def h(*, k):
    return k
try:
    h()
except TypeError as e:
    print(e)
try:
    f()
except TypeError as e:
    print(e)
try:
    f(1, 2, c=3, b=5)
except TypeError as e:
    print(e)
def noargs():
    pass
try:
    noargs(1)
except TypeError as e:
    print(e)
def two(a, b):
    pass
try:
    two(1, 2, 3)
except TypeError as e:
    print(e)
try:
    two(1, b=2, c=3)
except TypeError as e:
    print(e)
print(noargs(), f.__name__, (lambda: 0).__name__, f.__defaults__)
