def f(v):
    return -v


print(1 < 2, f("a"))
