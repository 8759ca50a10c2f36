a = {}
b = a["k"]
