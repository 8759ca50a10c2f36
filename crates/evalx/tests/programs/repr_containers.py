a = [1]
a.append(a)
print(a)
d = {}
d["self"] = d
print(d)
print([1.0, "s", None, (1,), {2}, {"k": [3]}], (1, "a"), {1: (2, 3)}, [[]], {}, set(), ())
class R:
    pass
print(str(R())[:10], repr(R)[:18])
