def f(a):
    b = a + 1
    breakpoint()
    return b


f(1)
