def twice(v):
    w = v * 2
    return w


breakpoint()
a = twice(1)
b = twice(a)
c = twice(b)
print(a, b, c)
