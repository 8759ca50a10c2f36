try:
    r = pow(2, 3, 0)
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
