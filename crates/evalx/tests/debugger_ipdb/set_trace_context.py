import ipdb


def f(n):
    a = n + 1
    b = a * 2
    ipdb.set_trace(context=5)
    c = b - 1
    d = c * c
    return d


def g():
    try:
        f(1) / 0
    except ZeroDivisionError:
        ipdb.post_mortem()
    ipdb.set_trace(cond=False)
    for bad in (0, -1, "x"):
        try:
            ipdb.set_trace(context=bad)
        except ValueError as e:
            print("ValueError:", e)
    return "done"


print(g())
