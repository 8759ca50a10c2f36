def f():
    x = 1
    for i in range(3):
        x += i
        y = 2
    try:
        z = 1
    except ValueError:
        z = 2
    total = x * 10
    return total


breakpoint()
r = f()
print(r)
r = f()
print("again", r)
