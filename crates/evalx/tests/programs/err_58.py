try:
    r = min(1)
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
