class CM:
    def __enter__(self):
        print("enter")
        return "res"
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None)
        return True
with CM() as r:
    print("body", r)
with CM():
    raise ValueError("swallowed")
print("after")
