# Two calls of the same function on one line: the caret points at the one that failed.
def check(x):
    if x > 3:
        raise ValueError(x)
    return x


def twice(n):
    return check(n - 4) + check(n)


total = check(1) + check(2) * twice(5)
