try:
    r = 1 in 5
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
