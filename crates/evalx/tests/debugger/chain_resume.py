def f(n):
    total = 0
    for i in range(n):
        total += i
    return total


breakpoint()
x = f(3)
print(x)
y = x * 2
print(y)
