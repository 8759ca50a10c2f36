def add(a, b):
    c = a + b
    return c


x = 5
breakpoint()
y = add(x, 1)
print(y)
