def inner(v):
    w = v + 1
    import pdb; pdb.set_trace()
    return w * 2


def middle(v):
    return inner(v) + 1


def outer():
    return middle(10)


# a comment
r = outer()
print(r)
