# cpython: error: RecursionError
a = {}
a[1] = a
b = {}
b[1] = b
print(a == b)
