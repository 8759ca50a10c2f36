def f(a):
    return a / 0
f(1)
