# C.__dict__ is a live, read-only mappingproxy of the class namespace.
class C:
    x = 1

    def m(self):
        return 2


d = C.__dict__
print(type(d).__name__, "x" in d, d["x"], sorted(k for k in d if not k.startswith("__")))
C.y = 10
print("y" in d, d.get("y"), len([k for k in d if not k.startswith("__")]))
del C.x
print("x" in d, d.get("x", "gone"))
setattr(C, "z", 3)
print(sorted(k for k in d.keys() if not k.startswith("__")), d["z"])
try:
    d["w"] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    del d["y"]
except TypeError as e:
    print("TypeError:", e)
print(d is not C.__dict__, d == C.__dict__, dict(d)["y"])
copy = d.copy()
C.later = 5
print("later" in copy, "later" in d, type(copy).__name__)
print([v for k, v in d.items() if k in ("y", "z")], list(d.values()).count(10))


class D(C):
    pass


print("y" in D.__dict__, "later" in D.__dict__, D.y)
