# cpython: error: RecursionError
a = []
a.append(a)
b = []
b.append(b)
print(b in [a])
