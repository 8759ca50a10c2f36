try:
    r = (1,2).index(3)
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
