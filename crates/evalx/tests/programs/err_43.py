try:
    r = {1}.remove(2)
    print("no error", r)
except Exception as exc:
    print(type(exc).__name__ + ":", exc)
