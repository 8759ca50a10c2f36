def f():
    raise KeyError("k")


f()
