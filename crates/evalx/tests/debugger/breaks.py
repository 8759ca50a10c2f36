def square(n):
    r = n * n
    return r


def total(limit):
    acc = 0
    for i in range(limit):
        acc += square(i)
    return acc


breakpoint()
t = total(4)
print(t)
t2 = total(3)
print(t2)
