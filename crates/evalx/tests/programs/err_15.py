try:
    r = 'a' * 2.0
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
