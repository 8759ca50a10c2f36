def f(d):
    return d["k"]


print("start")
f({})
