class Bad:
    def __repr__(self):
        raise RuntimeError("no repr")


def work(n):
    total = 0
    items = []
    for i in range(n):
        total += i
        items.append(i)
    return total


breakpoint()
b = Bad()
work(3)
print("done")
