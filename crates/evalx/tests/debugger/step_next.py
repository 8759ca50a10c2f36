def add(a, b):
    c = a + b
    return c


def main():
    x = 1
    breakpoint()
    y = add(x, 2)
    z = y * 10
    print("z is", z)
    return z


main()
print("done")
