def f(a):
    b = a + 1
    return b


breakpoint()
x = f(1)
y = f(x)
print(x, y)
