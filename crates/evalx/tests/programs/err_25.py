try:
    r = (lambda x: x)(1, 2)
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
