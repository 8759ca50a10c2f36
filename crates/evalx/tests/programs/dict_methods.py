d = {"b": 2, "a": 1}
d["c"] = 3
print(d, d.get("a"), d.get("z"), d.get("z", 0), list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d.pop("zz", "dflt"), d.setdefault("a", 9), d.setdefault("n", []), d)
d.update({"x": 1}, y=2); d.update([("z", 3)]); print(d, len(d), "x" in d, "q" not in d)
print(d.popitem(), dict.fromkeys("ab", 0), dict(a=1, b=2), dict([(1, 2)]), dict(zip("xy", [1, 2])))
e = d.copy(); e.clear(); print(e, d == d.copy(), {1: 2} | {3: 4})
print(d.keys(), d.values(), d.items(), [m for m in dir(dict) if not m.startswith("_")])
for k, v in {"p": 1, "q": 2}.items():
    print(k, v, end="; ")
print()
print({1: "a", 1.0: "b", True: "c"}, {(1, 2): "t"}, {None: 0}[None])
del d["a"]; print(d)
