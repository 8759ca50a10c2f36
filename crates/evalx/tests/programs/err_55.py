try:
    r = a, b = 1, 2, 3
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
