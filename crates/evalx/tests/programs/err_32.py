try:
    r = (1).foo
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
