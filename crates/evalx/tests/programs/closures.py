def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
print(c(), c(), c())
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([a(10) for a in make_adders()])
def late():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late())
x = "global"
def outer():
    x = "outer"
    def inner():
        return x
    return inner()
print(outer())
def setg():
    global gv
    gv = 42
setg()
print(gv)
def deep():
    a = 1
    def l1():
        def l2():
            return a + 1
        return l2()
    return l1()
print(deep())
