x = 1
def f():
    x = 2
    def g():
        return x
    return g()
print(f(), x)
def h():
    return [x for _ in range(2)]
print(h())
class K:
    y = 5
    z = [1, 2]
    w = y + 1
print(K.w)
def k():
    q = 1
    class Inner:
        v = q + 1
    return Inner.v
print(k())
i = "outer"
print([i for i in range(2)], i)
