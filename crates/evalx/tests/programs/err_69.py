try:
    r = getattr(1, 'zz')
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
