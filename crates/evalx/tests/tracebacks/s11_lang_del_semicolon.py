d = {}
x = 1; d["k"] = 2; y = 3; del d["j"]
