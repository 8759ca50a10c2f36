# cpython: error: RecursionError
# evalx: --max-time 100
a = ()
b = ()
for i in range(650000):
    a = (a,)
    b = (b,)
print(a == b)
