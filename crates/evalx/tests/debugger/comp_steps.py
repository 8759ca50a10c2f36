def f():
    y = [i * 2 for i in range(3)]
    d = {k: k for k in "ab"}
    return y, d


breakpoint()
f()
z = [c for c in "xy"]
print(z)
