try:
    r = int('x')
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
