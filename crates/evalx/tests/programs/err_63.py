try:
    r = 1 < 'a'
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
