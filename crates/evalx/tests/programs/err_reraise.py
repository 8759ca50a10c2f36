def f():
    try:
        raise KeyError("k")
    except KeyError:
        print("handling")
        raise
try:
    f()
except LookupError as e:
    print("caught", type(e).__name__, e)
