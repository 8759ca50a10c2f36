def f():
    if True: raise ValueError(1)


f()
