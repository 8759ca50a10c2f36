d = dict(a=1, b=2)
d2 = {**d, "c": 3}
print(d2, list(d2), d2.keys() & {"a", "z"}, sorted(d2.keys() - {"a"}), sorted(d2.items(), key=lambda kv: -kv[1]))
inv = {v: k for k, v in d2.items()}
print(inv, len(inv), 3 in inv, inv.get(4, "none"))
nested = {"x": {"y": [1, 2, {"z": None}]}}
print(nested["x"]["y"][2]["z"], nested)
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts, key=lambda k: (-counts[k], k)))
from math import pi
print({pi: "pi"}, {1: "int", 1.0: "float"}, {(1, (2, 3)): "t"}, {frozenset([1]): "fs"})
d3 = {}
d3.setdefault("k", []).append(1)
d3.setdefault("k", []).append(2)
print(d3, d3.pop("k"), d3, dict.fromkeys([1, 2]))
