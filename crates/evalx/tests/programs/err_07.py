try:
    r = float(10**400)
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
