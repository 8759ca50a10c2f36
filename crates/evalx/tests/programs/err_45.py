try:
    r = int('12', 40)
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
