class Bad:
    def __repr__(self):
        raise RuntimeError("no repr")


b = Bad()
breakpoint()
x = [b]
print(len(x))
