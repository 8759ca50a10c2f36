def add(a, b):
    c = a + b
    return c


def main():
    x = 1
    breakpoint()
    y = add(x, 2)
    z = add(y, 3)
    return y + z


print(main())
