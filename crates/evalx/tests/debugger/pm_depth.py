def divide(a, b):
    q = a / b
    return q


def run(items):
    out = []
    for x in items:
        out.append(divide(10, x))
    return out


print(run([1, 2, 0, 4]))
