def gen(n):
    for i in range(n):
        yield i * 10
    return "done"


def main():
    g = gen(2)
    a = next(g)
    b = next(g)
    total = sum(gen(3))
    return a + b + total


breakpoint()
main()
print("ok")
